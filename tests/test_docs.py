"""The documentation's examples work: every ```python block runs, `agenda …` shell lines succeed, the site builds.

A block is skipped when the line just before its opening fence is ``<!-- notest -->``.
Blocks of one page run in order in one namespace (like a doctest), in a scratch folder
holding a copy of ``examples/`` and ``agenda.yaml``, so pages may refer to them and write files freely.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_templates import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def blocks(page: Path, languages: tuple[str, ...]) -> list[tuple[int, str]]:
    """The (line, code) of every fenced block in one of ``languages``, without the notest ones."""
    text = page.read_text(encoding="utf-8")
    found = []
    for m in _FENCE.finditer(text):
        if m.group(1) not in languages:
            continue
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        if before == "<!-- notest -->":
            continue
        found.append((text.count("\n", 0, m.start()) + 1, m.group(2)))
    return found


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a copy of examples/ and Deventer's agenda.yaml, as the current directory."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copy(ROOT / "agenda.yaml", tmp_path / "agenda.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _commands() -> set[str]:
    from agenda import cli

    parser = cli.build_parser("nl")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices) | {"init", "compare", "import"}  # run_cli adds the adopt commands


def _run_agenda(argv: list[str]) -> tuple[int, str]:
    code, out, err = run_cli(argv)
    return code, out + err


class TestExtraction:
    def test_notest_marker_skips_a_block(self, tmp_path: Path) -> None:
        """A block right after `<!-- notest -->` is left out; the others are found with their line."""
        page = tmp_path / "p.md"
        page.write_text("x\n\n<!-- notest -->\n```python\nboom()\n```\n\n```python\nok = 1\n```\n", encoding="utf-8")
        assert blocks(page, ("python",)) == [(8, "ok = 1\n")]

    def test_pages_have_examples(self) -> None:
        """The guides this suite owns do contain tested examples."""
        names = {p.name for p in PAGES if blocks(p, ("python",)) or blocks(p, ("sh",))}
        assert {"developer.md", "handleiding.md", "gemeente-in-30-minuten.md"} <= names


class TestPythonExamples:
    @pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, ("python",))], ids=lambda p: p.name)
    def test_python_blocks_run(self, page: Path, scratch: Path) -> None:
        """Every ```python block of the page runs without an exception."""
        namespace: dict[str, object] = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
        for line, code in blocks(page, ("python",)):
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(code, f"{page.name}:{line}", "exec"), namespace)
            except Exception as exc:  # pragma: no cover - the failure message is the point
                pytest.fail(f"{page.name}, block at line {line}: {type(exc).__name__}: {exc}")


class TestShellExamples:
    @pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, ("sh",))], ids=lambda p: p.name)
    def test_agenda_lines_run(self, page: Path, scratch: Path) -> None:
        """Every `agenda …` line of a ```sh block is valid usage (exit 0 or 1, never 2) for commands that exist."""
        known = _commands()
        ran = 0
        for line, code in blocks(page, ("sh",)):
            for cmd in code.splitlines():
                argv = shlex.split(cmd, comments=True)
                if not argv or argv[0] != "agenda" or any(t in ("|", ">", "&&") for t in argv):
                    continue
                if len(argv) > 1 and not argv[1].startswith("-") and argv[1] not in known:
                    continue  # a command another part of the project has not shipped yet
                code_, out = _run_agenda(argv[1:])
                assert code_ in (0, 1), f"{page.name}:{line}: `{cmd}` exited {code_}:\n{out}"
                ran += 1
        assert ran or page.name not in {"handleiding.md", "gemeente-in-30-minuten.md"}


class TestSite:
    def test_mkdocs_build_strict(self, tmp_path: Path) -> None:
        """`mkdocs build --strict` succeeds: every page in the nav exists, links resolve, the API pages render."""
        pytest.importorskip("mkdocs")
        pytest.importorskip("mkdocstrings")
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-4000:]
        assert (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8").count("load") > 0
