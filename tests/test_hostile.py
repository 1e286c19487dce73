"""Hostile input: every file of tests/hostile/ gets its own clear, located answer, in bounded time and memory.

Each corpus file is a small attack or accident (duplicate keys, alias bombs,
YAML 1.1 surprises, encodings, absurd depth, injection text).  The big cases
(a 50 MB file, floods of problems, a file over the size limit) are generated
into ``tmp_path`` and run in a subprocess with a timeout, so a hang fails the
test instead of blocking the run, and the child reports its own peak memory.
No test asserts a time: the timeout is a bound against hangs, not a measurement.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import agenda
from agenda.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "hostile"

#: file -> (problem code, line, column) of the first error; None: the file loads.
EXPECTED: dict[str, tuple[str, int, int] | None] = {
    "alias-bomb.yaml": ("anchor", 2, 5),
    "anchor-alias.yaml": ("anchor", 7, 11),
    "binary.bin": ("binary", 3, 1),
    "bom-utf16.yaml": ("not-utf8", 1, 1),
    "bidi-override.yaml": None,
    "bom-utf8.yaml": None,
    "comments-only.yaml": ("empty", 1, 1),
    "cut-after-header.yaml": ("no-themes", 3, 1),
    "cut-mid-word.yaml": None,
    "cycle.yaml": ("cycle", 9, 9),
    "dangling-reference.yaml": ("unknown-ref", 12, 13),
    "date-stays-text.yaml": None,
    "date.yaml": ("bad-date", 14, 54),
    "deep-block.yaml": ("too-deep", 4, 129),
    "deep-flow.yaml": ("too-deep", 3, 72),
    "documents.yaml": ("documents", 21, 1),
    "duplicate-id.yaml": ("duplicate-id", 16, 5),
    "duplicate-key.yaml": ("duplicate-key", 8, 5),
    "duplicate-reporting-year.yaml": ("duplicate-reporting-year", 2, 1),
    "empty.yaml": ("empty", 1, 1),
    "huge-exponent.yaml": ("too-large", 20, 20),
    "huge-integer.yaml": ("too-large", 20, 20),
    "infinity.yaml": ("not-finite", 20, 20),
    "injection.yaml": None,
    "latin1.yaml": ("not-utf8", 1, 25),
    "long-id.yaml": ("long-id", 6, 9),
    "merge-key.yaml": ("anchor", 2, 8),
    "nan.yaml": ("not-finite", 20, 20),
    "octal.yaml": ("octal", 14, 54),
    "python-tag.yaml": ("tag", 7, 11),
    "self-reference.yaml": ("anchor", 2, 9),
    "sexagesimal.yaml": ("expected", 20, 31),
    "tabs.yaml": ("syntax", 7, 1),
    "terminal-escapes.yaml": None,
    "unclosed.yaml": ("syntax", 14, 21),
    "unknown-key.yaml": ("unknown-key", 19, 5),
    "whitespace-only.yaml": ("empty", 1, 1),
    "wrong-type.yaml": ("expected", 5, 9),
    "yaml11-bool.yaml": ("expected", 20, 57),
    "yaml11-words-stay-text.yaml": None,
}

#: file -> the warning a file that loads must still carry (suspicious, not refused).
WARNED: dict[str, str] = {
    "cut-mid-word.yaml": "no-final-newline",  # valid YAML cut off: only the missing last line break tells
    "bidi-override.yaml": "invisible",  # a name that reads other than it is
}

#: Cases the loader does not answer as it should yet; each names the change that fixes it.
KNOWN_GAPS: dict[str, str] = {}

#: Problem codes meaning the file could not be read at all: the CLI exits 2 for them.
UNREADABLE = {"missing", "not-file", "os-error", "too-big", "empty", "binary", "not-utf8", "syntax"}

#: The injection strings of injection.yaml, in the order they were written there.
INJECTIONS = ("=cmd|' /C calc'!A0", "<script>alert(1)</script>", '"]; evil [label="x', '\\"', "{", "}",
              "+SUM(1,2)", "@SUM(1)", "-2+3", "<b>vet</b> & co", "a\\nb", "label=<<b>html</b>>")

#: What makes a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: Peak memory (resident set) allowed to a child process that reads one hostile file.
MAX_RSS_MB = 400


def _case(name: str) -> object:
    marks = [pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True)] if name in KNOWN_GAPS else []
    return pytest.param(name, id=name, marks=marks)


CASES = [_case(name) for name in sorted(EXPECTED)]


class TestCorpus:
    """Every corpus file answers with its own clear, located problem, or loads as plain text."""

    def test_manifest_covers_the_corpus(self) -> None:
        """Each file in tests/hostile/ has an expected answer here, and each expected answer has its file."""
        assert sorted(p.name for p in CORPUS.iterdir() if p.is_file()) == sorted(EXPECTED)

    @pytest.mark.parametrize("name", CASES)
    def test_answer(self, name: str) -> None:
        """The file is refused with the expected code at the expected line and column, in both languages."""
        path = CORPUS / name
        result = agenda.validate(path)
        expected = EXPECTED[name]
        if expected is None:
            assert result.ok(), [p.message("en") for p in result.problems]
            return
        code, line, column = expected
        assert result.agenda is None and result.errors
        first = result.errors[0]
        assert (first.code, first.location) == (code, agenda.Location(str(path), line, column))
        assert first.text["nl"] and first.text["en"] and first.text["nl"] != first.text["en"]
        assert first.hint.get("nl") and first.hint.get("en"), "every hostile case says what to write instead"
        assert len(result.problems) < 100, "one mistake gives a handful of problems, not a flood"

    @pytest.mark.parametrize("name", CASES)
    def test_cli_exit_code(self, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        """`agenda validate` answers 0, 1 or 2 as the problem deserves, with the location on stderr."""
        expected = EXPECTED[name]
        code = main(["validate", str(CORPUS / name), "--lang", "en"])
        err = capsys.readouterr().err
        if expected is None:
            assert code == 0
            return
        assert code == (2 if expected[0] in UNREADABLE else 1)
        assert f"{CORPUS / name}:{expected[1]}:{expected[2]}: error" in err


class TestLoadsAsText:
    """What YAML 1.1 would turn into something else stays the text that was written."""

    def test_utf8_bom_is_accepted(self) -> None:
        """A UTF-8 byte-order mark is skipped and the plan loads."""
        plan = agenda.load(CORPUS / "bom-utf8.yaml")
        assert plan.gemeente == "Testdorp"

    def test_yaml11_words(self) -> None:
        """`no`, `on`, `12:30` and `off` are text where text is expected."""
        action = agenda.load(CORPUS / "yaml11-words-stay-text.yaml").get("vios")
        assert isinstance(action, agenda.Action)
        assert (action.name, action.owner, action.result, action.description) == ("no", "on", "12:30", "off")

    def test_unquoted_date_is_text(self) -> None:
        """An unquoted date is kept as the text written, not a datetime."""
        action = agenda.load(CORPUS / "date-stays-text.yaml").get("vios")
        assert isinstance(action, agenda.Action)
        assert action.status[0].recorded == "2024-04-30"

    def test_injection_text_kept_exactly(self) -> None:
        """Formula, HTML and DOT injection strings load as the exact text written, in every text field."""
        plan = agenda.load(CORPUS / "injection.yaml")
        action = plan.get("vios")
        assert isinstance(action, agenda.Action)
        texts = [plan.gemeente, plan.title, plan.motto, action.name, action.owner, *action.partners]
        assert all(t in INJECTIONS for t in texts), texts
        assert set(INJECTIONS) <= _all_text(plan)


class TestTerminalOutput:
    """No corpus file gets a raw control character onto the terminal, through any command that shows it."""

    @pytest.mark.parametrize("name", CASES)
    @pytest.mark.parametrize("command", ["validate", "reflectie", "matrix", "impact", "export"])
    def test_escaped(self, name: str, command: str) -> None:
        """stdout and stderr of the command hold no control character but newline and tab (they are escaped)."""
        from agenda.cli._term import CONTROL

        argv = [command, str(CORPUS / name), *(["vios"] if command == "impact" else []), "--lang", "en"]
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        out.flush()
        err.flush()
        shown = out.buffer.getvalue().decode("utf-8") + err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
        assert code in (0, 1, 2)
        assert CONTROL.findall(shown) == []
        if name == "terminal-escapes.yaml" and command != "validate":
            assert "\\u001b" in shown


def _all_text(obj: object, seen: set[int] | None = None) -> set[str]:
    """Every string reachable from a model object (attrs fields, tuples, dicts)."""
    import attrs

    seen = set() if seen is None else seen
    if id(obj) in seen:
        return set()
    seen.add(id(obj))
    if isinstance(obj, str):
        return {obj}
    out: set[str] = set()
    cls: Any = type(obj)
    if attrs.has(cls):
        for field in attrs.fields(cls):
            out |= _all_text(getattr(obj, field.name), seen)
    elif isinstance(obj, tuple | list):
        for x in obj:
            out |= _all_text(x, seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out |= _all_text(k, seen) | _all_text(v, seen)
    return out


class TestRendersAsText:
    """Injection text reaches every output as text: no extra DOT nodes, no markup, no spreadsheet formulas."""

    def test_dot_diagram(self) -> None:
        """The diagram has exactly the plan's nodes and edges; the DOT text is valid."""
        dot = pytest.importorskip("agenda.render.dot")
        plan = agenda.load(CORPUS / "injection.yaml")
        text = dot.render_dot(plan, 2023)
        assert _dot_node_names(text) >= {"jeugd", '"veilige-school"', "vios", "nazorg", "overlast"}
        assert not any("evil" in name for name in _dot_node_names(text))
        assert '"]; evil [label="x' not in text, "a quote in a name never closes the DOT string"
        assert "label=<" not in text.replace("label=<<b>html</b>>", ""), "no HTML-like labels"

    @pytest.mark.dot
    @pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
    def test_svg_shows_the_names_as_written(self) -> None:
        """In the SVG from `dot`, each item's box shows its name exactly as written, and nothing else is added."""
        dot = pytest.importorskip("agenda.render.dot")
        plan = agenda.load(CORPUS / "injection.yaml")
        svg = dot.render_image(dot.render_dot(plan, 2023), "svg", timeout=60)
        tree = ET.fromstring(svg)
        ns = {"s": "http://www.w3.org/2000/svg"}
        assert not tree.findall(".//s:script", ns), "no <script> element in the picture"
        shown: dict[str, str] = {}
        for group in tree.iter("{http://www.w3.org/2000/svg}g"):
            if group.get("class") == "node":
                title = group.find("s:title", ns)
                lines = [t.text or "" for t in group.findall(".//s:text", ns)]
                if title is not None and title.text and not title.text.startswith("_legend"):
                    shown[title.text] = "\n".join(lines)
        assert set(shown) == {"jeugd", "veilige-school", "vios", "nazorg", "overlast"}
        for item_id, text in shown.items():
            item = plan.get(item_id)
            assert item is not None and text.split("\n")[0] == item.name, (item_id, text)

    def test_matrix_csv(self) -> None:
        """No CSV cell of the matrix starts with = + - @: user text gets a leading apostrophe."""
        matrix = pytest.importorskip("agenda.render.matrix")
        plan = agenda.load(CORPUS / "injection.yaml")
        out = matrix.render_matrix(plan, 2023, "csv")
        assert isinstance(out, str)
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert any(c[:1] == "'" and c[1:].startswith(FORMULA_START) for c in cells), "injected text reaches it"
        assert not [c for c in cells if c.startswith(FORMULA_START)]

    def test_matrix_xlsx(self) -> None:
        """The spreadsheet holds no formula: every injected cell is a string, neutralised like the CSV."""
        matrix = pytest.importorskip("agenda.render.matrix")
        openpyxl = pytest.importorskip("openpyxl")
        plan = agenda.load(CORPUS / "injection.yaml")
        out = matrix.render_matrix(plan, 2023, "xlsx")
        assert isinstance(out, bytes)
        book = openpyxl.load_workbook(io.BytesIO(out))
        strings = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"
                    if isinstance(cell.value, str):
                        strings.append(cell.value)
        assert any(c[:1] == "'" and c[1:].startswith(FORMULA_START) for c in strings), "injected text reaches it"
        assert not [c for c in strings if c.startswith(FORMULA_START)]

    @pytest.mark.parametrize("fmt", ["html", "md"])
    def test_matrix_markup(self, fmt: str) -> None:
        """In the HTML and Markdown matrix, injected tags arrive escaped, never as markup."""
        matrix = pytest.importorskip("agenda.render.matrix")
        plan = agenda.load(CORPUS / "injection.yaml")
        out = matrix.render_matrix(plan, 2023, fmt)
        assert isinstance(out, str)
        assert "<script>" not in out and "<b>vet</b>" not in out
        assert "&lt;script&gt;" in out or "&lt;b&gt;vet&lt;/b&gt;" in out


def _dot_node_names(text: str) -> set[str]:
    import re

    return set(re.findall(r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*) \[', text, re.MULTILINE))


# --------------------------------------------------------------------------- big inputs, in a subprocess

# The child reports its own peak memory: Linux's VmHWM counts only its own address space,
# while ru_maxrss (self or children) also counts the size of pytest when it started the child.
_CHILD = """
import json, resource, sys
from agenda.format.loader import validate
result = validate(sys.argv[1])
errors = [(p.code, p.location.line, p.location.column) for p in result.errors if p.location]
try:
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"errors": errors[:5], "count": len(result.problems), "rss_mb": peak / 1024}))
"""


def _validate_in_child(path: Path, timeout: float = 20) -> dict[str, object]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                              timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {timeout} s: the loader hangs on {path.name}")
    assert done.returncode == 0, done.stderr[-2000:]
    out: dict[str, object] = json.loads(done.stdout)
    rss = out["rss_mb"]
    assert isinstance(rss, float) and rss < MAX_RSS_MB, f"peak memory {rss:.0f} MB"
    return out


class TestBigInputs:
    """Big and flooding files are answered in bounded time (a 20 s timeout) and bounded memory."""

    def test_50_mb_file(self, tmp_path: Path) -> None:
        """A 50 MB file ending in a duplicate key is refused with that key, located on its last line."""
        from benchmarks.generate import big_scalar_plan

        path = tmp_path / "groot.yaml"
        text = big_scalar_plan(50_000_000)
        path.write_text(text, encoding="utf-8")
        last = text.count("\n")
        del text
        out = _validate_in_child(path)
        assert out["errors"] == [["duplicate-key", last, 5]]

    def test_over_the_size_limit(self, tmp_path: Path) -> None:
        """A file over the 64 MB limit is refused before it is read, with `too-big`."""
        path = tmp_path / "te-groot.yaml"
        with path.open("wb") as fh:
            fh.truncate(70_000_000)  # sparse: nothing is written, the size is what counts
        out = _validate_in_child(path)
        assert out["errors"] == [["too-big", 1, 1]]

    def test_many_plan_items(self, tmp_path: Path) -> None:
        """A generated plan of 2,000 items with one dangling reference at the end is answered with it."""
        from benchmarks.generate import generate

        path = tmp_path / "plan.yaml"
        text = generate(2000) + "    theme: bestaat-niet\n"
        path.write_text(text, encoding="utf-8")
        out = _validate_in_child(path)
        assert out["errors"] == [["unknown-ref", text[: text.rindex("  - id: indicator-")].count("\n") + 1, 5]]

    def test_alias_flood(self, tmp_path: Path) -> None:
        """A megabyte of aliases is answered with a bounded list of problems."""
        path = tmp_path / "aliassen.yaml"
        path.write_text("a: &a x\nb: [" + ", ".join(["*a"] * 330_000) + "]\n", encoding="utf-8")
        out = _validate_in_child(path)
        errors = out["errors"]
        assert isinstance(errors, list) and errors[:2] == [["anchor", 1, 4], ["alias", 2, 5]]
        assert isinstance(out["count"], int) and out["count"] <= 1000

    def test_wrong_value_flood(self, tmp_path: Path) -> None:
        """A megabyte of wrong values is answered with a bounded list of problems."""
        path = tmp_path / "jaren.yaml"
        path.write_text("format: 1\ngemeente: X\ntitle: Y\nreporting_years: [" + ", ".join(["0"] * 330_000) + "]\n",
                        encoding="utf-8")
        out = _validate_in_child(path)
        errors = out["errors"]
        assert isinstance(errors, list) and errors[:1] == [["range", 4, 19]]
        assert isinstance(out["count"], int) and out["count"] <= 1000


class TestWarnedCorpus:
    """Files that load but are suspicious carry the warning that says why."""

    @pytest.mark.parametrize("name", sorted(WARNED))
    def test_warning(self, name: str) -> None:
        """The plan loads, and the expected warning is among its problems."""
        result = agenda.validate(CORPUS / name)
        assert result.agenda is not None and WARNED[name] in [p.code for p in result.warnings]
