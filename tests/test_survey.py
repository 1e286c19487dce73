"""The survey of the trekkers: write the sheets, fill them as a trekker would, read them back into the plan."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

import agenda  # noqa: E402
from agenda.edit.survey import read_survey, write_survey  # noqa: E402
from agenda.edit.update import set_status  # noqa: E402
from agenda.errors import AgendaError  # noqa: E402
from agenda.model import Action, Indicator  # noqa: E402
from agenda.render.survey import survey_groups, survey_workbook  # noqa: E402
from tests.conftest import DEVENTER, MINIMAL  # noqa: E402
from tests.test_templates import run_cli  # noqa: E402

PLAN = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
reporting_years: [2023, 2024]
# De agenda van Testdorp: commentaar blijft staan.
themes:
  - id: jeugd
    name: Jeugd en veiligheid
    goals:
      - id: veilige-school
        name: Een veilige schoolomgeving
        actions:
          - id: vios
            name: Veilig In en Om School
            owner: team Jeugd
            status:
              2023: {status: loopt, note: "Gestart op drie scholen."}
          - id: halt
            name: Halt-voorlichting
            owner: Halt
            status: {2023: loopt}
          - id: buurtsport
            name: Buurtsportcoaches
            owner: team Jeugd
  - id: ondermijning
    name: Ondermijning
    actions:
      - id: bibob
        name: Bibob-toetsen uitbreiden
        owner: Bibob-team
        status: {2023: vertraagd}   # wacht op personeel
indicators:
  - id: inbraken
    name: Woninginbraken
    unit: aantal
    better: lower
    measures: [vios]
    values: {2022: 112, 2023: 118}
  - id: meldingen-per-1000
    name: Meldingen jeugdoverlast per 1.000 inwoners
    unit: per 1.000 inwoners
    better: lower
    measures: [halt]
    values: {2023: 4.5}
"""

Files = dict[str, Path]


def _groups(folder: Path) -> Files:
    return {p.name.removeprefix("uitvraag-2024-").removesuffix(".xlsx"): p for p in sorted(folder.glob("*.xlsx"))}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """PLAN written to a file."""
    path = tmp_path / "agenda.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def sheets(plan: Path, tmp_path: Path) -> Files:
    """The 2024 survey of PLAN, by group slug."""
    write_survey(agenda.load(plan), 2024, tmp_path / "uit")
    return _groups(tmp_path / "uit")


def fill(path: Path, sheet: str, cells: dict[str, object]) -> None:
    """Type into cells of a returned sheet, as a trekker would."""
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def row_of(path: Path, sheet: str, item: str) -> int:
    ws = openpyxl.load_workbook(path)[sheet]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == item)


class TestWrite:
    """What the trekkers receive."""

    def test_one_workbook_per_owner(self, sheets: Files) -> None:
        """One file per owner, named after the owner; indicators go to the owner of what they measure."""
        assert list(sheets) == ["bibob-team", "halt", "team-jeugd"]
        wb = openpyxl.load_workbook(sheets["team-jeugd"])
        assert wb.sheetnames == ["Uitleg", "agenda", "Status", "Indicatoren"]
        status = [[c.value for c in row] for row in wb["Status"].iter_rows()]
        assert status[0][:9] == ["id", "soort", "naam", "thema", "status 2023", "toelichting 2023", "status 2024",
                                 "voortgang 2024 (%)", "toelichting 2024"]
        assert status[1][:9] == ["vios", "inspanning", "Veilig In en Om School", "Jeugd en veiligheid", "loopt",
                                 "Gestart op drie scholen.", None, None, None]
        assert [r[0] for r in status[1:]] == ["vios", "buurtsport"]
        indicators = [[c.value for c in row] for row in wb["Indicatoren"].iter_rows(min_row=2)]
        assert indicators == [["inbraken", "Woninginbraken", "aantal (geheel getal)", "118", None, None, None, None,
                               None, None, None]]

    def test_protection_and_dropdown(self, sheets: Files) -> None:
        """Only the answer columns are unlocked; the status column offers the plan's words; snapshots are hidden."""
        wb = openpyxl.load_workbook(sheets["team-jeugd"])
        ws = wb["Status"]
        assert ws.protection.sheet
        assert [ws.cell(2, c).protection.locked for c in range(1, 10)] == [True] * 6 + [False] * 3
        assert ws.column_dimensions["J"].hidden and not ws.column_dimensions["G"].hidden
        lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert lists and lists[0].formula1 == "agenda!$D$1:$D$7" and "G2:G3" in str(lists[0].sqref)
        words = [wb["agenda"].cell(i, 4).value for i in range(1, 8)]
        assert words == ["niet gestart", "loopt", "op schema", "vertraagd", "risico", "afgerond", "gestopt"]
        assert wb["agenda"].sheet_state == "hidden"

    def test_per_theme_without_owners(self) -> None:
        """A plan that names no owner gets one workbook per theme, with the theme and its goals."""
        plan = agenda.loads(MINIMAL)
        groups = survey_groups(plan)
        assert [(g.slug, g.by, g.items, g.indicators) for g in groups] == [
            ("jeugd-en-veiligheid", "theme", ("jeugd", "veilige-school", "vios"), ()),
            ("indicatoren-zonder-thema", "theme", (), ("overlast",))]

    def test_same_plan_same_bytes(self) -> None:
        """The workbook carries no clock: the same plan gives the same bytes."""
        plan = agenda.loads(PLAN)
        group = survey_groups(plan)[0]
        assert survey_workbook(plan, group, 2024) == survey_workbook(plan, group, 2024)

    def test_english(self, plan: Path, tmp_path: Path) -> None:
        """With --lang en the sheets and headers are English."""
        code, out, err = run_cli(["survey", "write", str(plan), "--year", "2024", "--out", str(tmp_path / "en"),
                                  "--lang", "en"])
        assert code == 0, err
        files = sorted((tmp_path / "en").glob("survey-2024-*.xlsx"))
        assert len(files) == 3 and "items and" in out
        wb = openpyxl.load_workbook(files[0])
        assert wb.sheetnames == ["About", "agenda", "Status", "Indicators"]
        assert wb["Status"]["G1"].value == "status 2024"

    def test_deventer_round_trip_untouched(self, tmp_path: Path) -> None:
        """Deventer's plan: written and read back untouched, nothing changes."""
        copy = tmp_path / "agenda.yaml"
        shutil.copy(DEVENTER, copy)
        files = write_survey(agenda.load(copy), 2024, tmp_path / "uit")
        result = read_survey(copy, files, 2024)
        assert not result.changes and len(result.untouched) == len(files) and not result.written
        assert copy.read_bytes() == DEVENTER.read_bytes()


class TestRoundTrip:
    """Fill the sheets as the trekkers would and read them back into a copy of the plan."""

    def test_round_trip(self, plan: Path, sheets: Files) -> None:
        """Dutch numbers, a wrong status word, an untouched sheet: refused first, then only the intended lines change."""
        jeugd, halt = sheets["team-jeugd"], sheets["halt"]
        fill(jeugd, "Status", {"G2": "Vertraagd", "H2": 40, "I2": "Minder capaciteit dan gehoopt.",
                               "G3": "Niet gestart"})
        fill(jeugd, "Indicatoren", {"F2": "1.234", "G2": "politie.nl"})
        fill(halt, "Status", {"G2": "op schma", "I2": "Alle scholen bereikt."})
        fill(halt, "Indicatoren", {"F2": "4,75"})
        before = plan.read_bytes()
        with pytest.raises(AgendaError) as info:
            read_survey(plan, list(sheets.values()), 2024)
        assert plan.read_bytes() == before
        [problem] = info.value.problems
        assert problem.location is not None and (problem.location.line, problem.location.column) == (2, 7)
        assert problem.item == "halt" and problem.text["nl"] == "cel G2: 'op schma' is geen status van deze agenda"
        assert problem.hint["nl"].startswith("Bedoelt u 'op schema'?")

        fill(halt, "Status", {"G2": "op schema"})
        result = read_survey(plan, list(sheets.values()), 2024)
        assert result.written and result.untouched == (str(sheets["bibob-team"]),)
        after = plan.read_text(encoding="utf-8")
        loaded = agenda.load(plan)  # the result validates
        vios = loaded.get("vios")
        assert isinstance(vios, Action)
        rec = next(r for r in vios.status if r.year == 2024)
        assert (rec.status, rec.progress, rec.note) == ("vertraagd", 40, "Minder capaciteit dan gehoopt.")
        inbraken, rate = loaded.get("inbraken"), loaded.get("meldingen-per-1000")
        assert isinstance(inbraken, Indicator) and isinstance(rate, Indicator)
        assert inbraken.value(2024).value == 1234 and inbraken.value(2024).source == "politie.nl"  # type: ignore[union-attr]
        assert rate.value(2024).value == Decimal("4.75")  # type: ignore[union-attr]
        changed = [line for line in difflib.unified_diff(PLAN.splitlines(), after.splitlines(), lineterm="", n=0)
                   if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert changed == [
            '+              2024: {status: vertraagd, progress: 40, note: "Minder capaciteit dan gehoopt."}',
            "-            status: {2023: loopt}",
            '+            status: {2023: loopt, 2024: {status: op-schema, note: "Alle scholen bereikt."}}',
            "+            status:",
            "+              2024: niet-gestart",
            "-    values: {2022: 112, 2023: 118}",
            '+    values: {2022: 112, 2023: 118, 2024: {value: 1234, source: "politie.nl"}}',
            "-    values: {2023: 4.5}",
            "+    values: {2023: 4.5, 2024: 4.75}",
        ]
        assert "# De agenda van Testdorp: commentaar blijft staan." in after and "# wacht op personeel" in after
        assert {c.item for c in result.changes} == {"vios", "buurtsport", "halt", "inbraken", "meldingen-per-1000"}

    def test_read_twice_changes_nothing(self, plan: Path, sheets: Files) -> None:
        """Reading the same answers again finds them recorded and writes nothing."""
        fill(sheets["team-jeugd"], "Status", {"G2": "afgerond"})
        assert read_survey(plan, list(sheets.values()), 2024).written
        once = plan.read_bytes()
        again = read_survey(plan, list(sheets.values()), 2024)
        assert not again.changes and not again.written and plan.read_bytes() == once

    def test_number_typed_as_a_number(self, plan: Path, sheets: Files) -> None:
        """A figure that Excel took as a number (not text) is read exactly; a fraction on a count is refused."""
        fill(sheets["team-jeugd"], "Indicatoren", {"F2": 98.5})
        with pytest.raises(AgendaError) as info:
            read_survey(plan, [sheets["team-jeugd"]], 2024)
        assert "'98.5' is geen geheel getal" in info.value.problems[0].text["nl"]
        fill(sheets["team-jeugd"], "Indicatoren", {"F2": 99})
        read_survey(plan, [sheets["team-jeugd"]], 2024)
        assert "2024: 99" in plan.read_text()

    def test_a_number_excel_made_a_date(self, plan: Path, sheets: Files) -> None:
        """'3.8' typed in a Dutch Excel becomes 3 August: said as the date it became, with what to type."""
        import datetime

        fill(sheets["team-jeugd"], "Indicatoren", {"F2": datetime.datetime(2024, 8, 3)})
        with pytest.raises(AgendaError) as info:
            read_survey(plan, [sheets["team-jeugd"]], 2024)
        [problem] = info.value.problems
        assert problem.text["nl"] == "cel F2: Excel heeft hier een datum van gemaakt (3 augustus 2024), geen getal"
        assert problem.hint is not None and "3,8" in problem.hint["nl"]

    def test_a_long_number_is_cut_in_the_message(self, plan: Path, sheets: Files) -> None:
        fill(sheets["team-jeugd"], "Indicatoren", {"F2": 1e300})
        with pytest.raises(AgendaError) as info:
            read_survey(plan, [sheets["team-jeugd"]], 2024)
        text = info.value.problems[0].text["nl"]
        assert "…' heeft meer dan 15 cijfers" in text and len(text) < 100

    def test_dry_run(self, plan: Path, sheets: Files) -> None:
        """--dry-run shows the changes and the diff and writes nothing."""
        fill(sheets["halt"], "Status", {"G2": "loopt"})
        before = plan.read_bytes()
        result = read_survey(plan, [sheets["halt"]], 2024, dry_run=True)
        assert not result.written and plan.read_bytes() == before
        assert "+            status: {2023: loopt, 2024: loopt}" in result.diff()


class TestRefusals:
    """A sheet that cannot be trusted is refused with a clear message, and nothing is written."""

    def _refused(self, plan: Path, files: list[Path], year: int = 2024) -> list[str]:
        before = plan.read_bytes()
        with pytest.raises(AgendaError) as info:
            read_survey(plan, files, year)
        assert plan.read_bytes() == before
        return [p.message("nl") for p in info.value.problems]

    def test_other_year(self, plan: Path, sheets: Files) -> None:
        """A 2024 sheet read for 2025 is refused with the way out."""
        [msg] = self._refused(plan, [sheets["halt"]], 2025)
        assert "deze uitvraag is voor 2024, niet voor 2025" in msg and "Geef --year 2024" in msg

    def test_other_plan(self, plan: Path, sheets: Files, tmp_path: Path) -> None:
        """A sheet of another gemeente is refused."""
        other = tmp_path / "ander.yaml"
        other.write_text(PLAN.replace("Testdorp", "Anderdorp"), encoding="utf-8")
        [msg] = self._refused(other, [sheets["halt"]])
        assert "hoort bij een andere agenda: Testdorp, Integraal Veiligheidsplan" in msg

    def test_unknown_id(self, plan: Path, sheets: Files) -> None:
        """A changed or added id is refused, with the closest id."""
        fill(sheets["halt"], "Status", {"A2": "hallt", "G2": "loopt"})
        [msg] = self._refused(plan, [sheets["halt"]])
        assert "cel A2: er is geen thema, doelstelling of inspanning met de id 'hallt'" in msg
        assert "Bedoelt u 'halt'?" in msg

    def test_changed_protected_cell(self, plan: Path, sheets: Files) -> None:
        """A protected cell that was changed anyway refuses the row."""
        fill(sheets["team-jeugd"], "Status", {"E2": "afgerond", "G2": "afgerond"})
        [msg] = self._refused(plan, [sheets["team-jeugd"]])
        assert "cel E2 (status 2023) is veranderd: in de agenda staat 'loopt', in het blad 'afgerond'" in msg

    def test_conflict_with_the_file(self, plan: Path, sheets: Files) -> None:
        """An answer for a status that was recorded in the plan after the sheet was sent is a conflict."""
        set_status(plan, "vios", 2024, "risico")
        fill(sheets["team-jeugd"], "Status", {"G2": "afgerond"})
        [msg] = self._refused(plan, [sheets["team-jeugd"]])
        assert "cel G2: de status is in de agenda veranderd sinds de uitvraag werd verstuurd" in msg
        assert "(toen '', nu 'risico'), en het blad zegt 'afgerond'" in msg

    def test_same_answer_as_the_file_is_no_conflict(self, plan: Path, sheets: Files) -> None:
        """An answer equal to what the plan now says is no conflict and changes nothing."""
        set_status(plan, "vios", 2024, "risico")
        fill(sheets["team-jeugd"], "Status", {"G2": "Risico"})
        assert not read_survey(plan, [sheets["team-jeugd"]], 2024).changes

    def test_two_sheets_disagree(self, plan: Path, sheets: Files, tmp_path: Path) -> None:
        """The same item answered differently in two sheets is refused."""
        copy = tmp_path / "kopie.xlsx"
        shutil.copy(sheets["halt"], copy)
        fill(sheets["halt"], "Status", {"G2": "loopt"})
        fill(copy, "Status", {"G2": "afgerond"})
        [msg] = self._refused(plan, [sheets["halt"], copy])
        assert "de status van 'halt' is 'afgerond'" in msg and "uitvraag-2024-halt.xlsx:2 staat 'loopt'" in msg

    def test_not_a_workbook(self, plan: Path, tmp_path: Path) -> None:
        """A file that is no workbook, or a workbook that is no survey, is refused."""
        text = tmp_path / "antwoord.xlsx"
        text.write_text("geen excel", encoding="utf-8")
        other = tmp_path / "ander.xlsx"
        openpyxl.Workbook().save(other)
        msgs = self._refused(plan, [text, other])
        assert "geen Excel-werkmap" in msgs[0] and "deze werkmap is geen uitvraag van agenda" in msgs[1]

    def test_what_the_file_is_instead(self, plan: Path, sheets: Files, tmp_path: Path) -> None:
        """A returned file that is no workbook is said in Dutch for what it is, with no English internals."""
        csv = tmp_path / "antwoord.xlsx"
        csv.write_text("id;status\nhalt;loopt\n", encoding="utf-8")
        xls = tmp_path / "oud.xls"
        xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        cut = tmp_path / "half.xlsx"
        cut.write_bytes(sheets["halt"].read_bytes()[:200])
        msgs = self._refused(plan, [csv, xls, cut, tmp_path / "weg.xlsx"])
        assert "dit is een tekstbestand (zoals CSV), geen Excel-werkmap (.xlsx)" in msgs[0]
        assert "oude formaat (.xls)" in msgs[1]
        assert "beschadigd of onvolledig" in msgs[2]
        assert "bestand niet gevonden" in msgs[3]
        assert not any(word in " ".join(msgs) for word in ("zip", "openpyxl", "No such", "Supported"))

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_fifo_or_a_folder_is_refused_at_once(self, plan: Path, tmp_path: Path) -> None:
        """The returned files go through the one reader: a FIFO or a folder is refused, never waited on."""
        fifo = tmp_path / "pijp.xlsx"
        os.mkfifo(fifo)
        msgs = self._refused(plan, [fifo, tmp_path])
        assert all("dit is geen gewoon bestand" in m for m in msgs) and len(msgs) == 2

    def test_every_problem_at_once(self, plan: Path, sheets: Files) -> None:
        """Problems in several sheets and cells are all reported, each at its cell."""
        fill(sheets["team-jeugd"], "Status", {"H2": 140, "G3": "klaar"})
        fill(sheets["team-jeugd"], "Indicatoren", {"F2": "veel"})
        fill(sheets["halt"], "Indicatoren", {"F2": "1.234"})
        msgs = self._refused(plan, list(sheets.values()))
        assert len(msgs) == 4
        assert any(":2:8: fout [vios]: cel H2: de voortgang '140' is geen percentage van 0 tot 100" in m for m in msgs)
        assert any("cel F2: '1.234' is dubbelzinnig: bedoelt u 1234 of 1,234?" in m for m in msgs)

    def test_note_without_status(self, plan: Path, sheets: Files) -> None:
        """An explanation for an item with no status at all asks for the status too."""
        fill(sheets["team-jeugd"], "Status", {"I3": "Nog niet begonnen."})
        [msg] = self._refused(plan, [sheets["team-jeugd"]])
        assert "cel G3: er is een toelichting of voortgang, maar geen status voor 2024" in msg


class TestCommandLine:
    """agenda survey write and read as the programme manager uses them."""

    def test_write_then_read(self, plan: Path, tmp_path: Path) -> None:
        """Write, fill, read with --dry-run, then for real; the output names each item and what changes."""
        out = tmp_path / "uitvraag"
        code, text, err = run_cli(["survey", "write", str(plan), "--year", "2024", "--out", str(out)])
        assert code == 0, err
        assert "voor team Jeugd" in text
        files = _groups(out)
        fill(files["bibob-team"], "Status", {"G2": "loopt", "I2": "Twee mensen aangenomen."})
        argv = ["survey", "read", str(plan), *map(str, files.values()), "--year", "2024"]
        code, text, err = run_cli([*argv, "--dry-run"])
        assert code == 0 and "proefdraai" in err
        assert "bibob (uitvraag-2024-bibob-team.xlsx, rij 2):\n  status: loopt (nieuw)\n" in text
        code, text, _ = run_cli(argv)
        assert code == 0 and "1 onderdeel bijgewerkt uit de uitvraag 2024" in text
        assert "2024: {status: loopt, note: \"Twee mensen aangenomen.\"}" in plan.read_text()

    def test_refused_exit_1(self, plan: Path, sheets: Files) -> None:
        """A refused read exits 1 and says nothing was changed; JSON lists the problems."""
        fill(sheets["halt"], "Status", {"G2": "zoek"})
        code, _, err = run_cli(["survey", "read", str(plan), str(sheets["halt"]), "--year", "2024"])
        assert code == 1 and "de antwoorden zijn niet ingelezen; er is niets gewijzigd" in err
        code, out, _ = run_cli(["survey", "read", str(plan), str(sheets["halt"]), "--year", "2024", "--format", "json"])
        assert code == 1 and json.loads(out)["problems"][0]["code"] == "survey-bad-status"

    def test_without_openpyxl(self, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without openpyxl both commands say which package is missing and exit 2, without a traceback."""
        import sys

        monkeypatch.setitem(sys.modules, "openpyxl", None)
        code, _, err = run_cli(["survey", "write", str(plan), "--year", "2024", "--out", str(tmp_path / "u")])
        assert code == 2 and "pip install openpyxl" in err
        code, _, err = run_cli(["survey", "read", str(plan), str(tmp_path / "x.xlsx"), "--year", "2024"])
        assert code == 2 and "pip install openpyxl" in err
