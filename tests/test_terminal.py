"""What reaches the terminal: control characters escaped, clear answers to odd arguments and file names.

A plan (or an argument) may hold escape sequences that would clear the screen, hide
a link or rewrite a line; they are shown escaped (``\\u001b``) in every output of
every command, while ``--format json`` stays valid JSON with the same values.  A
``--timeout`` that is not a sensible number of seconds, text arguments that are not
UTF-8 and plan files whose names are not UTF-8 get a clear answer, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

import agenda
from agenda.cli import _term, main
from agenda.cli._common import colour, print_problems
from agenda.errors import Problem, Severity
from tests.conftest import MINIMAL

CORPUS = Path(__file__).resolve().parent / "hostile"
HOSTILE = CORPUS / "terminal-escapes.yaml"

#: What may never reach a terminal raw: the characters escape_controls escapes.
RAW = _term.CONTROL


def _run(argv: list[str]) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr as strict UTF-8 byte streams (as a terminal's would be)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    out.flush()
    err.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


class TestEscapeControls:
    """The one sanitising function: which characters it escapes and which it keeps."""

    @pytest.mark.parametrize(("raw", "shown"), [
        ("\x1b[2J", "\\u001b[2J"),
        ("\x1b]8;;http://x\x07link\x1b]8;;\x07", "\\u001b]8;;http://x\\u0007link\\u001b]8;;\\u0007"),
        ("a\rb", "a\\u000db"),
        ("\x9b31m", "\\u009b31m"),
        ("\x7f", "\\u007f"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("naam-\udcff.yaml", "naam-\\udcff.yaml"),
        ("\x00", "\\u0000"),
    ])
    def test_escaped(self, raw: str, shown: str) -> None:
        """Control characters, bidi overrides and undecodable bytes are written as \\uXXXX."""
        assert _term.escape_controls(raw) == shown

    def test_ordinary_text_unchanged(self) -> None:
        """Dutch text, typographic quotes, euro signs, tabs, newlines and emoji pass as they are."""
        text = "Inspanning ‘Bibob’ — € 1.234,50\tgeërfd ✓ 🚓\nvolgende regel"
        assert _term.escape_controls(text) == text

    def test_json_notation(self) -> None:
        """The escaped form of a JSON string's characters is valid JSON with the same value."""
        value = "x\x9by\u202e\x1b"
        dumped = json.dumps(value, ensure_ascii=False)
        assert json.loads(_term.escape_controls(dumped)) == value


class TestSafeStream:
    """The stream in front of stdout and stderr: data escaped, the program's own colours kept."""

    def test_colour_kept_data_escaped(self) -> None:
        """A coloured line keeps its colour codes; the escape sequences inside its text are escaped."""
        buf = io.StringIO()
        stream = _term.SafeStream(buf)
        stream.write(_term.styled("rood\x1b[2J", "31", stream) + "\n")
        assert buf.getvalue() == "\x1b[31mrood\\u001b[2J\x1b[0m\n"

    def test_forged_colour_mark_escaped(self) -> None:
        """Text that imitates the colour mark without the process's secret is escaped like any other."""
        buf = io.StringIO()
        _term.SafeStream(buf).write("\x00deadbeefdeadbeef:31\x00x")
        assert "\x1b" not in buf.getvalue() and "\x00" not in buf.getvalue()

    def test_colour_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """print_problems on a terminal: red and yellow codes, the problem's own escapes shown escaped."""
        monkeypatch.delenv("NO_COLOR", raising=False)

        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        tty = Tty()
        stream = _term.SafeStream(tty)  # type: ignore[arg-type]
        problem = Problem("x", Severity.ERROR, None, "vios", {"nl": "fout in \x1b[2J", "en": "error in \x1b[2J"})
        print_problems([problem], "en", stream)  # type: ignore[arg-type]
        assert tty.getvalue() == "\x1b[31merror [vios]: error in \\u001b[2J\x1b[0m\n"
        assert colour("x\x1b", "32", tty) == "\x1b[32mx\\u001b\x1b[0m", "without the stream: escaped too"


# The commands and their arguments after the plan; each shows names, notes or messages from the plan.
COMMANDS = {
    "reflectie": ["reflectie", "{plan}"],
    "reflectie md": ["reflectie", "{plan}", "--format", "markdown"],
    "reflectie json": ["reflectie", "{plan}", "--format", "json"],
    "impact": ["impact", "{plan}", "vios"],
    "diff": ["diff", "{plan}", "--from", "2022", "--to", "2023"],
    "matrix md": ["matrix", "{plan}"],
    "matrix csv": ["matrix", "{plan}", "--format", "csv"],
    "matrix html": ["matrix", "{plan}", "--format", "html"],
    "budget": ["budget", "{plan}"],
    "export": ["export", "{plan}"],
    "render (DOT)": ["render", "{plan}"],
    "check-ready": ["check-ready", "{plan}", "--year", "2023"],
    "status set --dry-run": ["status", "set", "{plan}", "vios", "--year", "2023", "--status", "loopt", "--note",
                             "nieuw\x1b[2J", "--dry-run"],
    "status set json": ["status", "set", "{plan}", "vios", "--year", "2023", "--status", "loopt", "--note",
                        "nieuw\x1b[2J", "--dry-run", "--format", "json"],
}


class TestEveryCommand:
    """Every command's terminal output for the corpus file with escapes: nothing raw, everything shown."""

    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_no_raw_control_characters(self, command: str) -> None:
        """stdout and stderr hold no raw control character; the plan's escapes appear as \\u001b."""
        code, out, err = _run([a.format(plan=HOSTILE) for a in COMMANDS[command]])
        assert code in (0, 1), err
        raw = RAW.findall(out + err)
        assert raw == [], f"raw control characters reach the terminal: {raw!r}"
        if not command.startswith(("budget", "check-ready")):
            assert "\\u001b" in out + err, "the hostile text is shown, escaped"

    @pytest.mark.parametrize("command", ["reflectie json", "status set json"])
    def test_json_keeps_the_values(self, command: str) -> None:
        """JSON output is valid and carries the plan's text exactly, escapes included."""
        _, out, _ = _run([a.format(plan=HOSTILE) for a in COMMANDS[command]])
        data = json.loads(out)
        if command == "reflectie json":
            name = agenda.load(HOSTILE).get("overlast").name  # type: ignore[union-attr]
            assert "\x1b" in name and name in _strings(data)
        else:  # the YAML text of the new note, as the diff shows it
            assert 'note: "nieuw\\u001b[2J"' in data["diff"]

    def test_error_messages(self, tmp_path: Path) -> None:
        """validate's message about a key, and an edit's about a status word, show their escapes escaped."""
        plan = tmp_path / "agenda.yaml"
        plan.write_text(HOSTILE.read_text(encoding="utf-8").replace("    better: lower\n",
                                                                   '    better: lower\n    "ke\\e[2Jy": 1\n'),
                        encoding="utf-8")
        code, out, err = _run(["validate", str(plan), "--lang", "en"])
        assert code == 1 and "ke\\u001b[2Jy" in err and not RAW.findall(out + err)
        code, out, err = _run(["status", "set", str(HOSTILE), "vios", "--year", "2023", "--status", "\x1b]8;;x\x07",
                               "--lang", "en"])
        assert code == 1 and "'\\u001b]8;;x\\u0007' is not a status" in err and not RAW.findall(out + err)

    def test_argparse_echo(self) -> None:
        """argparse's own error, which repeats the argument, is escaped too."""
        code, out, err = _run(["reflectie", str(HOSTILE), "--format", "\x1b[2J"])
        assert code == 2 and "[2J" in err and not RAW.findall(out + err)


def _strings(data: object) -> set[str]:
    """Every string in a JSON value."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*(_strings(k) | _strings(v) for k, v in data.items())) if data else set()
    if isinstance(data, list):
        return set().union(*(_strings(v) for v in data)) if data else set()
    return set()


class TestTimeout:
    """--timeout is a number of seconds above 0 and at most an hour: anything else is exit 2 with a message."""

    @pytest.mark.parametrize("value", ["inf", "-inf", "1e308", "nan", "-1", "0", "3601", "tien", ""])
    @pytest.mark.parametrize("command", ["render", "report"])
    def test_refused(self, command: str, value: str, tmp_path: Path) -> None:
        """The value is named in the message, and the exit code is 2."""
        argv = [command, str(CORPUS / "injection.yaml"), f"--timeout={value}", "--lang", "en"]
        if command == "report":
            argv += ["--out", str(tmp_path / "rapport")]
        code, _, err = _run(argv)
        assert code == 2
        assert f"'{value}' is not a number of seconds above 0 and at most 3600" in err
        assert not (tmp_path / "rapport").exists()

    @pytest.mark.parametrize("value", ["0.5", "60", "3600", "2,5"])
    def test_accepted(self, value: str) -> None:
        """Ordinary values, a decimal comma included, are accepted (DOT to stdout: Graphviz is not run)."""
        code, out, _ = _run(["render", str(CORPUS / "injection.yaml"), "--timeout", value])
        assert code == 0 and out.startswith("digraph")


@pytest.fixture
def odd_plan(tmp_path: Path) -> Path:
    """A valid plan with a warning (an indicator without a source), under a file name that is not UTF-8."""
    if sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs a POSIX file system with UTF-8 names")
    path = tmp_path / os.fsdecode(b"plan-\xff.yaml")
    try:
        path.write_text(MINIMAL.replace("    source: data.politie.nl\n", ""), encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    assert agenda.validate(path).warnings
    return path


class TestOddNames:
    """Plan files whose names are not UTF-8, and text arguments that are not UTF-8."""

    def test_validate_and_reflectie(self, odd_plan: Path, tmp_path: Path) -> None:
        """validate prints the name with \\udcff; reflectie -o writes its file; no traceback, exit 0."""
        code, out, err = _run(["validate", str(odd_plan)])
        assert code == 0 and "plan-\\udcff.yaml" in out + err and not RAW.findall(out + err)
        for fmt in ("text", "markdown", "json"):
            target = tmp_path / f"reflectie.{fmt}"
            code, out, err = _run(["reflectie", str(odd_plan), "--year", "2023", "--format", fmt, "-o", str(target)])
            assert code == 0 and target.exists(), err

    def test_report(self, odd_plan: Path, tmp_path: Path) -> None:
        """The report is written whole; its warning names the file with \\udcff instead of crashing."""
        target = tmp_path / "rapport"
        code, _, err = _run(["report", str(odd_plan), "--year", "2023", "--out", str(target), "--timeout", "30"])
        assert code == 0, err
        html = (target / "rapport-2023.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>")
        shown = "".join(p.read_text(encoding="utf-8") for p in target.glob("*.md"))
        assert "plan-\\udcff.yaml" in shown, "the warning's file name, written as \\udcff"

    @pytest.mark.parametrize("argv", [
        ["status", "set", "{plan}", "vios", "--year", "2023", "--status", "loopt", "--note", "\udcff"],
        ["value", "set", "{plan}", "overlast", "--year", "2023", "--value", "1", "--source", "bron \udce9"],
        ["status", "set", "{plan}", "vi\udcffos", "--year", "2023", "--status", "loopt"],
        ["init", "{new}", "--gemeente", "A\udcffB"],
    ])
    def test_text_argument_not_utf8(self, argv: list[str], tmp_path: Path) -> None:
        """A text argument with bytes that are not UTF-8 is refused, naming it: exit 2, nothing written."""
        plan = tmp_path / "agenda.yaml"
        text = (CORPUS / "injection.yaml").read_text(encoding="utf-8")
        plan.write_text(text, encoding="utf-8")
        new = tmp_path / "nieuw.yaml"
        code, out, err = _run([a.format(plan=plan, new=new) for a in argv] + ["--lang", "en"])
        assert code == 2
        assert "this text is not valid UTF-8 (byte 0x" in err and not RAW.findall(out + err)
        assert plan.read_text(encoding="utf-8") == text and not new.exists()


class TestEncodings:
    """Output never fails on a character the stream cannot encode (a Windows console redirected to a file
    writes cp1252, which has no → or ●)."""

    @staticmethod
    def _agenda(args: list[str], **env: str) -> tuple[int, bytes, bytes]:
        import subprocess

        clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
        done = subprocess.run([sys.executable, "-m", "agenda", *args], capture_output=True, timeout=60,
                              env={**clean, **env}, check=False)
        return done.returncode, done.stdout, done.stderr

    @pytest.fixture
    def plan(self, tmp_path: Path) -> Path:
        path = tmp_path / "plan.yaml"
        text = MINIMAL.replace("name: Veilig In en Om School", "name: Veilig → School ● 😀")
        path.write_text(text.replace("status: {2023: loopt}", "status: {2023: vertraagd}"), encoding="utf-8")
        return path

    def test_an_encoding_the_user_chose_gets_escapes(self, plan: Path) -> None:
        """With PYTHONIOENCODING=cp1252 the text is cp1252 with \\u2192 for what it cannot hold."""
        code, out, err = self._agenda(["reflectie", str(plan), "--year", "2023"], PYTHONIOENCODING="cp1252")
        assert code == 0, err
        text = out.decode("cp1252")
        assert "Veilig \\u2192 School \\u25cf \\ud83d\\ude00" in text and b"Traceback" not in err

    def test_json_stays_valid_and_lossless(self, plan: Path) -> None:
        """In ASCII the JSON holds the same values as in UTF-8: the escapes are JSON's."""
        args = ["reflectie", str(plan), "--year", "2023", "--format", "json"]
        code, ascii_out, err = self._agenda(args, PYTHONIOENCODING="ascii")
        assert code == 0, err
        _, utf8_out, _ = self._agenda(args, PYTHONIOENCODING="utf-8")
        assert json.loads(ascii_out.decode("ascii")) == json.loads(utf8_out.decode("utf-8"))

    def test_a_redirected_legacy_stream_becomes_utf8(self, plan: Path) -> None:
        """A pipe in a legacy encoding (here ASCII; on Windows cp1252) gets UTF-8, byte for byte as usual."""
        args = ["reflectie", str(plan), "--year", "2023"]
        code, legacy, err = self._agenda(args, LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
        assert code == 0, err
        _, utf8, _ = self._agenda(args, PYTHONIOENCODING="utf-8")
        assert legacy == utf8 and "Veilig → School ● 😀".encode() in legacy
