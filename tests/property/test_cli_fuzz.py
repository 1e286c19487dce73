"""Fuzzing: random mutations of a valid plan through the loader and through every CLI command.

Whatever the mutation, the loader returns a result (never raises), and every
subcommand that exists when the tests run answers with an exit code of 0, 1 or 2,
never a traceback, and leaves the input file byte-for-byte unchanged unless it
is a write command that was asked to write.  The commands and the arguments they
need are read from the parser itself, so new commands are fuzzed as they land.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agenda
from agenda.cli import build_parser, main
from agenda.cli._term import CONTROL

PLAN = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
period: {from: 2022, to: 2024}
reporting_years: [2022, 2023]
themes:
  - id: jeugd
    name: Jeugd en veiligheid
    pillars:
      - {id: samenwerking, name: Samenwerking en informatiedeling}
    goals:
      - id: veilige-school
        name: Een veilige schoolomgeving
        pillar: samenwerking
        actions:
          - id: vios
            name: Veilig In en Om School
            owner: team Jeugd
            partners: [politie, scholen]
            start: 2022
            end: "2024-06"
            budget:
              - {amount: 20000, kind: structureel, from: 2023}
            status:
              2022: loopt
              2023: {status: vertraagd, progress: 40, note: "Minder capaciteit dan gehoopt."}
          - id: nazorg
            name: Nazorg na incidenten
            needs: [vios]
            status: {2023: risico}
indicators:
  - id: overlast
    name: Meldingen jeugdoverlast
    better: lower
    measures: [veilige-school]
    source: data.politie.nl
    baseline: {year: 2021, value: 400}
    targets: {2023: "< 550"}
    values: {2022: 375, 2023: 608}
"""

#: Scalars that YAML or the loader might misread, and text that attacks renderers.
HOSTILE = ["yes", "no", "on", "0755", "1:30", "2024-02-30", ".nan", "-.inf", "1e999", "9" * 40, "~", "null", '""',
           "[]", "{}", "&a x", "*a", "!!str x", "!!python/object/apply:os.system ['true']", "<<: *a",
           "=cmd|' /C calc'!A0", "<script>", '"];', '\\"', "{", "}", "\t", "\u00e9", "\ufeff", "---", "- x",
           "x: y: z", "'", "#", "%YAML 1.1", "? x", "|", ">", "-1", "2023", "bestaat-niet",
           # terminal escapes, written as YAML escapes and raw: clear screen, hidden link, CR, 8-bit CSI, bidi
           '"\\e[2J"', '"\\e]8;;http://x\\aklik\\e]8;;\\a"', '"a\\rb"', '"\\x9b31m"', '"\\u202e"',
           "\x1b[2J", "\x07", "\u202e"]

ITEMS = ["vios", "nazorg", "veilige-school", "jeugd", "overlast", "bestaat-niet"]

#: Commands that change the plan file when asked to (without --dry-run).
WRITERS = {"status set", "value set", "target set", "new-year", "import"}

#: Options and the values they get; an option not named here gets its first choice, or "x".
OPTION_VALUES: dict[str, list[str]] = {
    "--year": ["2023", "2022", "2024", "1800"],
    "--from": ["2022"],
    "--to": ["2023"],
    "--status": ["vertraagd", "afgerond", "bestaat-niet"],
    "--value": ["12", "7,4", "x"],
    "--target": ["< 550", "min. 7,0", "x"],
    "--note": ["Een toelichting.", "=cmd|' /C calc'!A0", "\x1b[2J\x1b]8;;http://x\x07klik\x1b]8;;\x07", "\udcff"],
    "--progress": ["50", "101"],
    "--recorded": ["2024-04-30"],
    "--source": ["data.politie.nl"],
    "--lang": ["nl", "en"],
    "--gemeente": ["Testdorp", "=cmd|' /C calc'!A0", "A\udcffB", "\x1b[2J"],
    "--timeout": ["30", "inf", "nan", "-1", "0", "1e308"],
    "--value-column": ["waarde", "bestaat-niet"],
    "--period-column": ["jaar"],
}

#: A small CSV source for `agenda import`.
CSV_SOURCE = "jaar,waarde\n2022,375\n2023,608\n"


def _commands() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every leaf command of the parser, as ("status set", its parser)."""

    def walk(prefix: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield prefix, parser
            return
        for name, sub in sorted(subs[0].choices.items()):
            yield from walk(f"{prefix} {name}".strip(), sub)

    yield from walk("", build_parser("nl"))


COMMANDS = dict(_commands())

_Draw = Callable[[st.SearchStrategy[Any]], Any]


def _argv(command: str, parser: argparse.ArgumentParser, plan: Path, out_dir: Path, draw: _Draw,
          dry_run: bool) -> list[str]:
    """Arguments for one run of ``command``: the plan, an item, a year, output into ``out_dir``."""
    argv = command.split()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._VersionAction):
            continue
        if not action.option_strings:  # a positional
            if action.dest == "path":
                argv.append(str(out_dir / "nieuw.yaml") if command == "init" else str(plan))
            elif action.dest == "dir":
                argv.append(str(plan.parent))
            elif action.dest == "item":
                argv.append(draw(st.sampled_from(ITEMS)))
            else:
                argv.append(draw(st.sampled_from(list(action.choices or ["x"]))))
            continue
        flag = action.option_strings[-1]
        if action.dest == "dry_run":
            if dry_run:
                argv.append(flag)
            continue
        if action.dest in ("output", "out"):
            name = "uit.svg" if command in ("render", "chart") else f"uit-{action.dest}"
            argv += [flag, str(out_dir / name)]
            continue
        if action.dest == "csv":
            source = out_dir / "bron.csv"
            source.write_text(CSV_SOURCE, encoding="utf-8")
            argv += [flag, str(source)]
            continue
        if action.nargs == 0:  # a switch such as --strict
            if draw(st.booleans()):
                argv.append(flag)
            continue
        if not action.required and flag not in OPTION_VALUES and not action.choices:
            continue
        if not action.required and not draw(st.booleans()):
            continue
        values = OPTION_VALUES.get(flag) or [str(c) for c in (action.choices or ["x"])]
        argv += [flag, draw(st.sampled_from(values))]
    return argv


# --------------------------------------------------------------------------- mutations


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The plan after one to three random edits: lines removed, doubled, swapped, hostile text put in, bytes broken."""
    lines = PLAN.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "double", "swap", "value", "insert", "indent"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value" and ": " in lines[i]:
            head = lines[i].split(": ", 1)[0]
            lines[i] = f"{head}: {draw(st.sampled_from(HOSTILE))}\n"
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(HOSTILE) | st.text(max_size=8)) + lines[i][at:]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 12)) + lines[i].lstrip(" ")
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # now and then, damage the bytes themselves
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 4)):]
    return data


def _run(argv: list[str]) -> int:
    """``main(argv)`` with stdout and stderr captured; SystemExit becomes its code, anything else propagates.

    Whatever the plan or the arguments hold, no control character but newline and tab reaches either stream.
    """
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    out.flush()
    shown = out.buffer.getvalue().decode("utf-8", "replace") + err.getvalue()  # type: ignore[attr-defined]
    if "--format" not in argv or argv[argv.index("--format") + 1] != "xlsx":  # a spreadsheet is bytes
        assert CONTROL.findall(shown) == [], (argv, CONTROL.findall(shown))
    return code


_counter = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory for every example of the module (hypothesis reruns the test body many times)."""
    return tmp_path_factory.mktemp("fuzz")


_SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestLoaderFuzz:
    """The loader answers every mutated plan with a result, never an exception."""

    @_SETTINGS
    @given(data=mutated())
    def test_validate_never_raises(self, data: bytes, workdir: Path) -> None:
        """validate() returns a Validation; a plan is given exactly when there are no errors, each error located."""
        path = workdir / f"plan-{next(_counter)}.yaml"
        path.write_bytes(data)
        result = agenda.validate(path)
        assert (result.agenda is None) == bool(result.errors)
        assert all(p.location is not None and p.location.line >= 1 for p in result.errors)
        assert path.read_bytes() == data


class TestCliFuzz:
    """Every CLI command, on mutated plans: exit code 0, 1 or 2, no traceback, the input untouched unless written."""

    def test_commands_found(self) -> None:
        """The parser offers at least the commands of the first release."""
        assert {"validate", "export", "schema"} <= set(COMMANDS)

    @pytest.mark.parametrize("command", sorted(COMMANDS))
    @_SETTINGS
    @given(data=mutated(), draw=st.data(), dry_run=st.booleans())
    def test_command(self, command: str, data: bytes, draw: st.DataObject, dry_run: bool, workdir: Path) -> None:
        """The command answers 0, 1 or 2 and changes the plan only when it writes and was not told --dry-run."""
        case = workdir / f"case-{next(_counter)}"
        case.mkdir()
        plan = case / "agenda.yaml"
        plan.write_bytes(data)
        parser = COMMANDS[command]
        may_write = command in WRITERS and not dry_run
        argv = _argv(command, parser, plan, case, draw.draw, dry_run=dry_run or command not in WRITERS)
        code = _run(argv)
        assert code in (0, 1, 2), (argv, code)
        if not may_write or code != 0:
            assert plan.read_bytes() == data, f"{argv} changed the plan (exit {code})"

    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_valid_plan(self, command: str, tmp_path: Path) -> None:
        """On the valid plan every command answers 0 or 1 (findings), never 2, and --dry-run leaves it as it was."""
        plan = tmp_path / "agenda.yaml"
        plan.write_text(PLAN, encoding="utf-8")
        parser = COMMANDS[command]
        argv = _argv(command, parser, plan, tmp_path, _first, dry_run=True)
        code = _run(argv)
        assert code in (0, 1), (argv, code)
        assert plan.read_text(encoding="utf-8") == PLAN


def _first(strategy: st.SearchStrategy[Any]) -> Any:
    """A stand-in for ``draw``: the simplest value of the strategy (booleans give False)."""
    from hypothesis import find

    return find(strategy, lambda _: True)
