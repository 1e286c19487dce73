"""`agenda validate`: exit codes, strict mode, languages, JSON output, help and version, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import agenda
from agenda.cli import main

from .conftest import DEVENTER, MINIMAL

Write = Callable[[str], Path]
Capsys = pytest.CaptureFixture[str]

NO_SOURCE = MINIMAL.replace("    source: data.politie.nl\n", "")


class TestExitCodes:
    """0 valid, 1 invalid, 2 unreadable or wrong usage."""

    def test_valid(self, write_plan: Write, capsys: Capsys) -> None:
        """A valid plan exits 0 and says so with the counts."""
        assert main(["validate", str(write_plan(MINIMAL))]) == 0
        out = capsys.readouterr().out
        assert "in orde (1 thema, 1 doelstelling, 1 inspanning, 1 indicator); 0 fouten, 0 waarschuwingen" in out

    def test_invalid(self, write_plan: Write, capsys: Capsys) -> None:
        """An invalid plan exits 1 and prints the located error on stderr."""
        path = write_plan(MINIMAL + "extra: 1\n")
        assert main(["validate", str(path)]) == 1
        captured = capsys.readouterr()
        assert f"{path}:20:1: fout: onbekende sleutel 'extra'" in captured.err and "niet in orde" in captured.out

    @pytest.mark.parametrize("content", [b"", b"\x00\x01", b"a: [1\n", b"\xff\xfe"])
    def test_unreadable(self, tmp_path: Path, content: bytes, capsys: Capsys) -> None:
        """An empty, binary, broken or non-UTF-8 file exits 2."""
        path = tmp_path / "x.yaml"
        path.write_bytes(content)
        assert main(["validate", str(path)]) == 2
        assert "Traceback" not in capsys.readouterr().err

    def test_missing_file(self, tmp_path: Path, capsys: Capsys) -> None:
        """A missing file exits 2."""
        assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
        assert "niet gevonden" in capsys.readouterr().err

    def test_wrong_usage(self, capsys: Capsys) -> None:
        """A missing argument or unknown option exits 2."""
        assert main(["validate"]) == 2
        assert main(["validate", "x.yaml", "--bogus"]) == 2
        assert main(["validate", "x.yaml", "--format", "xml"]) == 2
        capsys.readouterr()


class TestStrict:
    """--strict turns warnings into errors."""

    def test_warnings_pass_without_strict(self, write_plan: Write, capsys: Capsys) -> None:
        """A plan with only warnings exits 0 and prints them."""
        assert main(["validate", str(write_plan(NO_SOURCE))]) == 0
        assert "waarschuwing [overlast]: de indicator heeft geen bron" in capsys.readouterr().err

    def test_strict_fails_on_warnings(self, write_plan: Write, capsys: Capsys) -> None:
        """With --strict the same plan exits 1 and says why."""
        assert main(["validate", str(write_plan(NO_SOURCE)), "--strict"]) == 1
        assert "--strict" in capsys.readouterr().out


class TestLanguageAndFormat:
    """--lang en switches to English; --format json gives a parseable report."""

    def test_english(self, write_plan: Write, capsys: Capsys) -> None:
        """--lang en prints English messages and hints."""
        assert main(["validate", str(write_plan(MINIMAL + "mottto: x\n")), "--lang", "en"]) == 1
        err = capsys.readouterr().err
        assert "error: unknown key 'mottto'" in err and "Did you mean 'motto'?" in err

    def test_json(self, write_plan: Write, capsys: Capsys) -> None:
        """--format json prints one JSON document with every problem located."""
        path = write_plan(NO_SOURCE + "extra: 1\n")
        assert main(["validate", str(path), "--format", "json", "--lang", "en"]) == 1
        report = json.loads(capsys.readouterr().out)
        assert (report["valid"], report["exit_code"], report["errors"], report["warnings"]) == (False, 1, 1, 1)
        first = report["problems"][0]
        assert first == {"code": "unknown-key", "severity": "error", "file": str(path), "line": 19, "column": 1,
                         "item": None, "message": "unknown key 'extra'", "hint": first["hint"]}
        assert first["hint"].startswith("Allowed here:")

    def test_json_valid_strict(self, write_plan: Write, capsys: Capsys) -> None:
        """--format json --strict reports the warnings and valid false."""
        assert main(["validate", str(write_plan(NO_SOURCE)), "--format", "json", "--strict"]) == 1
        report = json.loads(capsys.readouterr().out)
        assert report["valid"] is False and report["strict"] is True and report["problems"][0]["code"] == "no-source"

    def test_json_unreadable(self, tmp_path: Path, capsys: Capsys) -> None:
        """An unreadable file in JSON format still prints JSON, with exit code 2."""
        assert main(["validate", str(tmp_path / "nope.yaml"), "--format", "json"]) == 2
        assert json.loads(capsys.readouterr().out)["problems"][0]["code"] == "missing"


class TestHelp:
    """--version and --help work and show examples."""

    def test_version(self, capsys: Capsys) -> None:
        """`agenda --version` prints the version and exits 0."""
        assert main(["--version"]) == 0
        assert capsys.readouterr().out.strip() == f"agenda {agenda.__version__}"

    @pytest.mark.parametrize(("lang", "word"), [("nl", "Voorbeelden:"), ("en", "Examples:")])
    def test_validate_help(self, lang: str, word: str, capsys: Capsys) -> None:
        """`agenda validate --help` shows examples, in the language asked for."""
        assert main(["validate", "--help", "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert word in out and "agenda validate agenda.yaml --strict" in out and "--strict" in out


HOSTILE = [
    b"", b"\x00", b"\xef\xbb\xbf", b"\xff" * 10, b"- - - -", b"[" * 5000, b"{a: *b}", b"a: &x [*x]", b"%YAML 1.1\n---\na: 1",
    b"!!python/object/apply:os.system ['echo hi']", b"format: 1\ngemeente: x\ntitle: y\nthemes: [{id: a}]\n",
    MINIMAL.encode()[:-40], MINIMAL.encode().replace(b"  ", b"\t"), b"? a\n? a\n", b"\xe2\x82",
]


class TestNoTraceback:
    """No input makes the command print a traceback or exit outside 0/1/2."""

    @pytest.mark.parametrize("content", HOSTILE)
    @pytest.mark.parametrize("fmt", ["text", "json"])
    def test_hostile_in_process(self, tmp_path: Path, content: bytes, fmt: str, capsys: Capsys) -> None:
        """main() returns 0, 1 or 2 and prints no traceback."""
        path = tmp_path / "x.yaml"
        path.write_bytes(content)
        assert main(["validate", str(path), "--format", fmt]) in (0, 1, 2)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        if fmt == "json":
            json.loads(captured.out)

    def test_directory(self, tmp_path: Path, capsys: Capsys) -> None:
        """A directory instead of a file exits 2."""
        assert main(["validate", str(tmp_path)]) == 2
        capsys.readouterr()

    def test_subprocess(self, write_plan: Write) -> None:
        """`python -m agenda validate` runs as a program with the same exit code."""
        path = write_plan(MINIMAL + "extra: 1\n")
        done = subprocess.run([sys.executable, "-m", "agenda", "validate", str(path), "--lang", "en"],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 1
        assert "unknown key 'extra'" in done.stderr and "Traceback" not in done.stderr


class TestDeventer:
    """Deventer's own plan validates, with the warnings its source deserves."""

    def test_validates_with_hic_warnings(self, capsys: Capsys) -> None:
        """agenda.yaml has no errors; its warnings include the HIC breakdown mismatches of 2019 and 2022."""
        if not DEVENTER.exists():
            pytest.skip("agenda.yaml not written yet")
        result = agenda.validate(DEVENTER)
        assert result.errors == ()
        mismatches = {(p.item, p.text["en"]) for p in result.warnings if p.code == "breakdown-sum"}
        hic = [text for item, text in mismatches if item is not None and item.startswith("hic")]
        assert any("in 2019" in t for t in hic) and any("in 2022" in t for t in hic)
        assert main(["validate", str(DEVENTER)]) == 0
        capsys.readouterr()
