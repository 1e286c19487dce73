"""Careful edits (agenda.edit.update): only the affected lines change, the rest stays byte-identical."""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from agenda.edit.update import (
    Change,
    ChangedOnDisk,
    check_ready,
    edit_new_year,
    edit_status,
    edit_target,
    edit_value,
    new_year,
    parse_number,
    set_status,
    set_target,
    set_value,
)
from agenda.errors import AgendaError, UnreadableError
from agenda.format.loader import loads
from agenda.model import Action, Indicator
from tests.conftest import DEVENTER, MINIMAL

# A plan written the way people write: comments everywhere, blank lines, both styles, quotes, unicode.
RICH = """\
# yaml-language-server: $schema=src/agenda/format/agenda.schema.json
format: 1   # formaat
gemeente: 'Testdorp aan de IJssel'
title: "Integraal Veiligheidsplan — 2024 ✓"
period: {from: 2022, to: 2026}
reporting_years:
  - 2022   # eerste jaar
  - 2023

themes:
  # ----- jeugd -----
  - id: jeugd
    name: Jeugd en veiligheid
    status:
      2022: loopt
    goals:
      - id: veilige-school
        name: Een veilige schoolomgeving
        # de inspanningen
        actions:
          - id: vios
            name: Veilig In en Om School
            status:
              2022: {status: loopt, note: "Gestart in het najaar."}   # na overleg

              # 2023 hieronder
              2023:
                status: vertraagd
                note: >-
                  Minder capaciteit dan gehoopt,
                  zie de reflectie.
                progress: 40
          - {id: halt, name: "Halt-afdoening", status: {2022: loopt}}
          - id: straatcoach
            name: Straatcoaches in de wijk ‘De Hoven’
            owner: "Team Jeugd"
      - id: leeg-doel
        name: Een doel zonder inspanningen
        tags: []
  - id: fundament
    name: 'Fysieke veiligheid'
    kind: fundament
    actions:
      - id: brandveilig
        name: Brandveilig leven
        status: {}

indicators:
  - id: overlast
    name: Meldingen jeugdoverlast
    better: lower
    source: data.politie.nl
    targets:
      2023: "< 600"   # uit de begroting
    values: {2022: 375, 2023: 608}
  - id: rapportcijfer
    name: Rapportcijfer veiligheid in de buurt
    kind: score
    better: higher
    source: {name: Veiligheidsmonitor}
    frequency: 2
    values:
      2021: 7.1
      2023:
        - {value: 7.4, source: "tabel 3"}
        - {value: 7.3, source: "tekst"}
  - id: m-meldingen
    name: M-meldingen
    source: Meld Misdaad Anoniem
    targets: {2023: '<= 20'}
    values:
      2022: {value: 12, note: "eigen telling"}
"""


def _old_lines_kept(old: str, new: str) -> list[str]:
    """The old lines that the edit replaced or removed."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    gone: list[str] = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            gone.extend(a[i1:i2])
    return gone


def _hunks(old: str, new: str) -> int:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return sum(1 for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal")


class TestEditStatus:
    """Recording a status in every shape the file may already have."""

    def test_insert_into_flow_map(self) -> None:
        """A new year goes inside the braces of a flow mapping, after the existing years."""
        new = edit_status(MINIMAL, "f", "vios", 2024, "vertraagd")
        assert "status: {2023: loopt, 2024: vertraagd}\n" in new
        assert _old_lines_kept(MINIMAL, new) == ["            status: {2023: loopt}\n"]

    def test_replace_shorthand(self) -> None:
        """An existing `2023: loopt` is replaced in place, on the same line."""
        new = edit_status(MINIMAL, "f", "vios", 2023, "afgerond")
        assert "status: {2023: afgerond}\n" in new
        assert len(new.splitlines()) == len(MINIMAL.splitlines())

    def test_shorthand_becomes_record_with_note(self) -> None:
        """A note turns the shorthand into a flow record, quoted safely."""
        new = edit_status(MINIMAL, "f", "vios", 2023, "vertraagd", note='Te weinig "handen": zie #3')
        rec = loads(new).get("vios").status[0]  # type: ignore[union-attr]
        assert (rec.status, rec.note) == ("vertraagd", 'Te weinig "handen": zie #3')

    def test_block_record_merges(self) -> None:
        """In a block record the status is replaced, the note kept, new keys appended at the same indent."""
        new = edit_status(RICH, "f", "vios", 2023, "loopt", recorded="2024-04-30")
        gone = _old_lines_kept(RICH, new)
        assert gone == ["                status: vertraagd\n"]
        assert "                recorded: 2024-04-30\n" in new
        rec = loads(new).get("vios").status[1]  # type: ignore[union-attr]
        assert (rec.status, rec.note, rec.progress, rec.recorded) == (
            "loopt", "Minder capaciteit dan gehoopt, zie de reflectie.", 40, "2024-04-30")

    def test_folded_note_replaced(self) -> None:
        """A folded (>-) note is replaced by one quoted line; the lines after it stay."""
        new = edit_status(RICH, "f", "vios", 2023, "vertraagd", note="Nieuw.")
        assert '                note: "Nieuw."\n                progress: 40\n' in new
        assert _hunks(RICH, new) == 1

    def test_new_year_in_block_map_keeps_comments(self) -> None:
        """A new year is a new line after the last year's value, at the same indentation."""
        new = edit_status(RICH, "f", "jeugd", 2023, "op schema")
        assert "    status:\n      2022: loopt\n      2023: op-schema\n    goals:\n" in new
        assert _old_lines_kept(RICH, new) == []

    def test_years_stay_ascending(self) -> None:
        """A year before the existing ones is inserted before them, in a flow and in a block map."""
        new = edit_status(RICH, "f", "halt", 2021, "niet-gestart")
        assert "status: {2021: niet-gestart, 2022: loopt}}" in new
        new = edit_status(RICH, "f", "vios", 2021, "niet-gestart")
        assert "            status:\n              2021: niet-gestart\n              2022: {status" in new

    def test_item_without_status_gets_the_key(self) -> None:
        """An item without `status:` gets a block `status:` after its last key, before nothing else."""
        new = edit_status(RICH, "f", "straatcoach", 2023, "loopt")
        assert '            owner: "Team Jeugd"\n            status:\n              2023: loopt\n' in new
        assert _old_lines_kept(RICH, new) == []

    def test_goal_status_goes_before_its_actions(self) -> None:
        """A goal's new `status:` goes after its own keys and before its list of actions and the comment above it."""
        new = edit_status(RICH, "f", "veilige-school", 2023, "loopt")
        assert ("        name: Een veilige schoolomgeving\n        status:\n          2023: loopt\n"
                "        # de inspanningen\n") in new

    def test_empty_flow_map(self) -> None:
        """An empty `status: {}` gets its first entry inside the braces."""
        new = edit_status(RICH, "f", "brandveilig", 2023, "afgerond")
        assert "        status: {2023: afgerond}\n" in new

    def test_progress_and_status_by_label(self) -> None:
        """A status may be given by its Dutch or English label; progress is written as a number."""
        new = edit_status(MINIMAL, "f", "vios", 2023, "Delayed", progress=30)
        assert "{2023: {status: vertraagd, progress: 30}}" in new

    def test_unknown_status_did_you_mean(self) -> None:
        """An unknown status word is refused with the closest word."""
        with pytest.raises(AgendaError) as exc:
            edit_status(MINIMAL, "f", "vios", 2023, "vertraag")
        assert "vertraagd" in exc.value.render("nl") and "Bedoelt u" in exc.value.render("nl")

    def test_unknown_item_did_you_mean(self) -> None:
        """An unknown id is refused with the closest id, in both languages."""
        with pytest.raises(AgendaError) as exc:
            edit_status(MINIMAL, "f", "vio", 2023, "loopt")
        assert "'vios'" in exc.value.render("en") and "Did you mean" in exc.value.render("en")

    def test_indicator_is_not_a_status_item(self) -> None:
        """A status on an indicator is refused: statuses belong to themes, goals and actions."""
        with pytest.raises(AgendaError) as exc:
            edit_status(MINIMAL, "f", "overlast", 2023, "loopt")
        assert exc.value.problems[0].code == "wrong-kind"

    def test_invalid_result_refused(self) -> None:
        """A progress over 100 would make the file invalid and is refused with the loader's problem."""
        with pytest.raises(AgendaError) as exc:
            edit_status(MINIMAL, "f", "vios", 2023, "loopt", progress=140)
        assert exc.value.problems[0].code == "invalid-after"
        assert len(exc.value.problems) > 1

    def test_invalid_file_refused_before(self) -> None:
        """A file that is already invalid is refused with its own problems, not blamed on the edit."""
        bad = MINIMAL.replace("better: lower", "better: lager")
        with pytest.raises(AgendaError) as exc:
            edit_status(bad, "f", "vios", 2024, "loopt")
        assert exc.value.problems[0].code == "invalid-before"

    @pytest.mark.parametrize("note", ["null", "yes", "- lijst", "a: b", "#hash", "  spaties  ", "tab\there",
                                      "regel 1\nregel 2", "back\\slash", "'enkel'", '"dubbel"', "é ✓ 😀",
                                      "{flow}", "[x]", "%", "@", "`", "!tag", "&anker", "*alias", "…\u2028"])
    def test_notes_never_break_the_yaml(self, note: str) -> None:
        """Whatever the note, it reads back exactly as given."""
        new = edit_status(RICH, "f", "vios", 2022, "loopt", note=note)
        rec = loads(new).get("vios").status[0]  # type: ignore[union-attr]
        assert rec.note == note

    def test_bad_year(self) -> None:
        """A year outside 1900..2200 is refused."""
        with pytest.raises(AgendaError):
            edit_status(MINIMAL, "f", "vios", 20245, "loopt")


class TestEditValueAndTarget:
    """Recording figures and targets."""

    def test_value_in_flow_map(self) -> None:
        """A new year's value is added inside the flow mapping; a decimal comma is written as a point."""
        new = edit_value(MINIMAL, "f", "overlast", 2024, "7,4")
        assert "values: {2022: 375, 2023: 608, 2024: 7.4}\n" in new
        ind = loads(new).get("overlast")
        assert isinstance(ind, Indicator) and ind.value(2024).value == Decimal("7.4")  # type: ignore[union-attr]

    def test_value_replaced(self) -> None:
        """An existing value is replaced in place."""
        new = edit_value(MINIMAL, "f", "overlast", 2023, 610)
        assert "values: {2022: 375, 2023: 610}\n" in new

    def test_value_with_source(self) -> None:
        """A source turns the value into a record."""
        new = edit_value(MINIMAL, "f", "overlast", 2023, Decimal("610.5"), source="data.politie.nl")
        assert '2023: {value: 610.5, source: "data.politie.nl"}' in new

    def test_record_keeps_its_note(self) -> None:
        """A value record keeps its other keys."""
        new = edit_value(RICH, "f", "m-meldingen", 2022, 13)
        assert '      2022: {value: 13, note: "eigen telling"}\n' in new

    def test_several_sources(self) -> None:
        """With several published figures the source picks one; a new source is added; none is refused."""
        new = edit_value(RICH, "f", "rapportcijfer", 2023, "7,5", source="tekst")
        assert '        - {value: 7.5, source: "tekst"}\n' in new
        new = edit_value(RICH, "f", "rapportcijfer", 2023, "7,6", source="persbericht")
        assert '        - {value: 7.3, source: "tekst"}\n        - {value: 7.6, source: "persbericht"}\n' in new
        with pytest.raises(AgendaError) as exc:
            edit_value(RICH, "f", "rapportcijfer", 2023, "7,6")
        assert exc.value.problems[0].code == "several-values"

    def test_block_values(self) -> None:
        """A new year goes into a block `values:` map at its indentation."""
        new = edit_value(RICH, "f", "rapportcijfer", 2025, 8)
        assert '        - {value: 7.3, source: "tekst"}\n      2025: 8\n  - id: m-meldingen\n' in new

    @pytest.mark.parametrize("value", ["zeven", "7.4.1", "1.234", "", "007", "1,2,3,4", "nan", "inf"])
    def test_bad_numbers(self, value: str) -> None:
        """Anything that is not one number is refused."""
        with pytest.raises(AgendaError):
            edit_value(MINIMAL, "f", "overlast", 2024, value)

    def test_float_refused(self) -> None:
        """A Python float is refused: figures are exact."""
        with pytest.raises(AgendaError):
            edit_value(MINIMAL, "f", "overlast", 2024, 7.4)  # type: ignore[arg-type]

    def test_parse_number(self) -> None:
        """Numbers are int or Decimal, never float."""
        assert parse_number("608") == 608 and isinstance(parse_number("608"), int)
        assert parse_number("7,4") == Decimal("7.4") and isinstance(parse_number("7,4"), Decimal)
        assert parse_number("-3.25") == Decimal("-3.25")

    def test_target_added_and_replaced(self) -> None:
        """A target is added as a new `targets:` key before `values:`, and replaced keeping its quotes."""
        new = edit_target(MINIMAL, "f", "overlast", 2024, "< 550")
        assert '    source: data.politie.nl\n    targets:\n      2024: "< 550"\n    values:' in new
        new = edit_target(RICH, "f", "m-meldingen", 2023, "max. 15")
        assert "targets: {2023: 'max. 15'}" in new

    def test_bad_target(self) -> None:
        """A target without a comparator and number is refused."""
        with pytest.raises(AgendaError) as exc:
            edit_target(MINIMAL, "f", "overlast", 2024, "minder")
        assert exc.value.problems[0].code == "bad-target"


class TestNewYearAndReadiness:
    """Opening a year and asking what is missing."""

    def test_new_year_block_list(self) -> None:
        """The year is added to a block list, and nothing else changes."""
        new = edit_new_year(RICH, "f", 2024)
        assert "  - 2023\n  - 2024\n\nthemes:" in new
        assert _old_lines_kept(RICH, new) == []

    def test_new_year_without_key(self) -> None:
        """Without `reporting_years` the key is added at the top level."""
        new = edit_new_year(MINIMAL, "f", 2024)
        assert "title: Integraal Veiligheidsplan\nreporting_years: [2024]\nthemes:" in new

    def test_new_year_twice(self) -> None:
        """Opening an open year changes nothing."""
        assert edit_new_year(RICH, "f", 2023) == RICH

    def test_ready_lists_what_is_missing(self) -> None:
        """Statuses, explanations and values are listed with id and location."""
        text = edit_status(RICH, "f", "straatcoach", 2023, "risico")
        result = check_ready(loads(text, "f"), 2023)
        kinds = {(m.kind, m.item) for m in result.missing}
        assert ("status", "halt") in kinds and ("status", "leeg-doel") in kinds and ("status", "brandveilig") in kinds
        assert ("explanation", "straatcoach") in kinds and ("explanation", "vios") not in kinds
        assert ("value", "m-meldingen") in kinds
        assert ("status", "jeugd") not in kinds  # a theme with goals rolls up
        assert all(m.location is not None for m in result.missing)
        assert not result.ready

    def test_frequency_and_done_carry_forward(self) -> None:
        """A biennial indicator is not due in the off year; a completed action needs no new status."""
        text = edit_status(RICH, "f", "halt", 2023, "afgerond")
        text = edit_new_year(text, "f", 2024)
        result = check_ready(loads(text, "f"), 2024)
        items = {m.item for m in result.missing}
        assert "rapportcijfer" not in items and "halt" not in items and "overlast" in items
        assert "rapportcijfer" in {m.item for m in check_ready(loads(text, "f"), 2025).missing}

    def test_unopened_year(self) -> None:
        """A year that is not in reporting_years is itself missing."""
        result = check_ready(loads(RICH, "f"), 2024)
        assert result.missing[0].kind == "year"

    def test_ready_when_complete(self) -> None:
        """Filling in everything makes the year ready."""
        text = edit_new_year(MINIMAL, "f", 2023)
        result = check_ready(loads(text, "f"), 2023)
        assert result.ready and result.to_json()["ready"] is True


# --------------------------------------------------------------------------- files


def _variants() -> list[tuple[str, bytes]]:
    lf = RICH.encode()
    return [
        ("lf", lf),
        ("crlf", RICH.replace("\n", "\r\n").encode()),
        ("no-final-newline", lf.rstrip(b"\n")),
        ("bom", b"\xef\xbb\xbf" + lf),
        ("crlf-no-final", RICH.replace("\n", "\r\n").encode().rstrip(b"\r\n")),
    ]


EDITS: list[tuple[str, Callable[[Path], Change]]] = [
    ("status-block", lambda p: set_status(p, "vios", 2023, "loopt", note="Ingehaald.")),
    ("status-new-year", lambda p: set_status(p, "vios", 2024, "loopt")),
    ("status-new-key", lambda p: set_status(p, "straatcoach", 2023, "loopt")),
    ("status-flow", lambda p: set_status(p, "halt", 2023, "afgerond", note="Klaar ✓")),
    ("value-flow", lambda p: set_value(p, "overlast", 2024, "512")),
    ("value-block-end", lambda p: set_value(p, "m-meldingen", 2023, "14")),
    ("target-flow", lambda p: set_target(p, "m-meldingen", 2024, "< 20")),
    ("new-year", lambda p: new_year(p, 2024)),
]


class TestFiles:
    """Whole-file edits: bytes, line endings, BOM, permissions, atomicity, refusals."""

    @pytest.mark.parametrize(("name", "data"), _variants(), ids=[v[0] for v in _variants()])
    @pytest.mark.parametrize(("edit_name", "edit"), EDITS, ids=[e[0] for e in EDITS])
    def test_untouched_bytes_identical(self, tmp_path: Path, name: str, data: bytes, edit_name: str,
                                       edit: Callable[[Path], Change]) -> None:
        """Every line the edit did not touch is byte-identical; line endings, BOM and the last newline are kept."""
        path = tmp_path / "agenda.yaml"
        path.write_bytes(data)
        change = edit(path)
        out = path.read_bytes()
        assert change.written and out != data
        assert out.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
        assert out.endswith(b"\n") == data.endswith(b"\n")
        crlf = b"\r\n" in data
        assert (out.count(b"\n") == out.count(b"\r\n")) if crlf else b"\r" not in out
        old_lines, new_lines = data.splitlines(keepends=True), out.splitlines(keepends=True)
        sm = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        changed = [op for op in sm.get_opcodes() if op[0] != "equal"]
        assert len(changed) == 1  # one contiguous hunk
        _, i1, i2, j1, j2 = changed[0]
        assert i2 - i1 <= 4  # at most the record's own lines (status, a folded note) are rewritten
        assert tuple(range(j1 + 1, j2 + 1)) == change.lines
        loads(out.decode("utf-8-sig"), "f")

    def test_permissions_kept(self, tmp_path: Path) -> None:
        """The file keeps its permission bits."""
        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        os.chmod(path, 0o640)
        set_status(path, "vios", 2024, "loopt")
        assert stat.S_IMODE(path.stat().st_mode) == 0o640

    def test_symlink_kept(self, tmp_path: Path) -> None:
        """Editing through a symlink edits the target and keeps the link."""
        real = tmp_path / "echt.yaml"
        real.write_text(MINIMAL, encoding="utf-8")
        link = tmp_path / "agenda.yaml"
        link.symlink_to(real)
        set_status(link, "vios", 2024, "loopt")
        assert link.is_symlink() and "2024: loopt" in real.read_text(encoding="utf-8")

    def test_dry_run_writes_nothing(self, tmp_path: Path) -> None:
        """A dry run returns the change and its diff and leaves the file alone."""
        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        before = path.stat().st_mtime_ns
        change = set_status(path, "vios", 2024, "loopt", dry_run=True)
        assert not change.written and change.changed
        assert "+            status: {2023: loopt, 2024: loopt}" in change.diff()
        assert path.read_text(encoding="utf-8") == MINIMAL and path.stat().st_mtime_ns == before

    def test_unchanged_not_written(self, tmp_path: Path) -> None:
        """Recording what is already there writes nothing."""
        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        change = set_status(path, "vios", 2023, "loopt")
        assert not change.changed and not change.written and change.diff() == ""

    def test_invalid_change_leaves_file_identical(self, tmp_path: Path) -> None:
        """A refused change leaves the file byte-identical and no temporary file behind."""
        path = tmp_path / "agenda.yaml"
        path.write_bytes(RICH.encode())
        with pytest.raises(AgendaError):
            set_status(path, "vios", 2023, "loopt", progress=101)
        with pytest.raises(AgendaError):
            set_target(path, "overlast", 2023, "ongeveer")
        assert path.read_bytes() == RICH.encode()
        assert os.listdir(tmp_path) == ["agenda.yaml"]

    def test_changed_on_disk_detected(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An edit saved by someone else between read and write is detected and kept; nothing is written."""
        import agenda.edit.update as update

        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        theirs = MINIMAL.replace("Testdorp", "Andersdorp")
        real_edit = update.edit_status

        def edit_then_someone_saves(*args: object, **kwargs: object) -> str:
            out = real_edit(*args, **kwargs)  # type: ignore[arg-type]
            path.write_text(theirs, encoding="utf-8")
            return out

        monkeypatch.setattr(update, "edit_status", edit_then_someone_saves)
        with pytest.raises(ChangedOnDisk) as exc:
            set_status(path, "vios", 2024, "loopt")
        assert path.read_text(encoding="utf-8") == theirs
        assert os.listdir(tmp_path) == ["agenda.yaml"]
        assert "gewijzigd" in exc.value.render("nl") and "changed on disk" in exc.value.render("en")

    def test_same_size_same_mtime_edit_detected(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Even an edit of the same size with the old mtime restored is caught by the content hash."""
        import agenda.edit.update as update

        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")
        st = path.stat()
        real_edit = update.edit_status

        def sneaky(*args: object, **kwargs: object) -> str:
            out = real_edit(*args, **kwargs)  # type: ignore[arg-type]
            path.write_text(MINIMAL.replace("Testdorp", "Testderp"), encoding="utf-8")
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            return out

        monkeypatch.setattr(update, "edit_status", sneaky)
        with pytest.raises(ChangedOnDisk):
            set_status(path, "vios", 2024, "loopt")

    @pytest.mark.parametrize("step", ["write", "fsync", "chmod", "replace"])
    def test_failure_at_each_step_keeps_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 step: str) -> None:
        """A failure at any step of the write leaves the old file and removes the temporary file."""
        import agenda.edit.update as update

        path = tmp_path / "agenda.yaml"
        path.write_text(MINIMAL, encoding="utf-8")

        def boom(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        if step == "write":
            real_fdopen = os.fdopen

            class Full:
                def __init__(self, *a: object, **k: object) -> None:
                    self.fh = real_fdopen(*a, **k)  # type: ignore[call-overload]

                def __enter__(self) -> Full:
                    return self

                def __exit__(self, *exc: object) -> None:
                    self.fh.close()

                def write(self, data: bytes) -> None:
                    self.fh.write(data[: len(data) // 2])
                    raise OSError(28, "No space left on device")

            monkeypatch.setattr(update.os, "fdopen", Full)
        else:
            monkeypatch.setattr(update.os, step, boom)
        with pytest.raises(OSError, match="No space left"):
            set_status(path, "vios", 2024, "loopt")
        monkeypatch.undo()
        assert path.read_text(encoding="utf-8") == MINIMAL
        assert os.listdir(tmp_path) == ["agenda.yaml"]

    def test_unreadable(self, tmp_path: Path) -> None:
        """A missing file or a folder is an UnreadableError."""
        with pytest.raises(UnreadableError):
            set_status(tmp_path / "nee.yaml", "vios", 2024, "loopt")
        with pytest.raises(UnreadableError):
            set_status(tmp_path, "vios", 2024, "loopt")


@pytest.mark.skipif(not DEVENTER.exists(), reason="Deventer's agenda.yaml is not there yet")
class TestDeventer:
    """Deventer's own plan: every action's status can be set, changing only its lines."""

    def test_every_action(self) -> None:
        """Setting each action's status for a new year changes only that action's status lines."""
        text = DEVENTER.read_text(encoding="utf-8")
        agenda = loads(text, "agenda.yaml")
        actions: list[Action] = list(agenda.actions())
        assert actions
        for action in actions:
            new = edit_status(text, "agenda.yaml", action.id, 2024, "loopt", note="Voortgang 2024.")
            a, b = text.splitlines(keepends=True), new.splitlines(keepends=True)
            ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
            assert len(ops) == 1, action.id  # one contiguous change
            _, i1, i2, j1, j2 = ops[0]
            assert i2 - i1 <= 1 and all("status" in line for line in a[i1:i2]), action.id
            assert any('2024: {status: loopt, note: "Voortgang 2024."}' in line for line in b[j1:j2]), action.id

    def test_ready_query_runs(self) -> None:
        """check-ready on Deventer's plan gives located findings for every year it records."""
        agenda = loads(DEVENTER.read_text(encoding="utf-8"), "agenda.yaml")
        for year in agenda.reporting_years:
            for m in check_ready(agenda, year).missing:
                assert m.location is not None and m.message("nl") and m.message("en")


class TestTextThroughTheApi:
    """Text handed to an edit through the API is checked like text typed on the command line."""

    def test_a_lone_surrogate_is_not_valid_utf8(self) -> None:
        """A note holding a lone surrogate (an undecodable byte) is refused as not UTF-8, not as a YAML error."""
        from agenda.edit.update import edit_status
        from agenda.errors import AgendaError

        with pytest.raises(AgendaError) as info:
            edit_status(MINIMAL, "f", "vios", 2024, "loopt", note="x\udcff")
        assert [p.code for p in info.value.problems] == ["not-utf8"]


class TestChangedLines:
    """The lines an edit changed are found without diffing the whole plan."""

    def test_only_the_changed_lines(self) -> None:
        """Lines inserted in the middle are reported with their numbers in the new text."""
        from agenda.edit.update import _changed_lines

        old = "".join(f"{n}\n" for n in range(1000))
        new = old.replace("500\n", "500\nnieuw\nook nieuw\n")
        assert _changed_lines(old, new) == (502, 503)
        assert _changed_lines(old, old) == ()
        assert _changed_lines("a\n", "b\n") == (1,)
