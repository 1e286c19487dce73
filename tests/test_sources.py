"""Indicator sources: the registry, entry points, the CBS/politie CSV importer, and recording values."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import agenda
from agenda.edit import sources
from agenda.edit.sources import (
    CsvImporter,
    Imported,
    ImportedValue,
    SourceError,
    get_source,
    import_values,
    register_source,
    source_names,
    unregister_source,
)
from agenda.model import Location, Source, Value
from agenda.testing import make_indicator, plan_yaml
from tests.test_templates import run_cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "csv" / "woninginbraken-47022NED.csv"
COLUMN = "Geregistreerde misdrijven (aantal)"


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    return path


class _Fixed:
    """A test importer that returns fixed values."""

    name = "vast"

    def read(self, path: Any, **options: Any) -> Imported:
        return Imported(Source("Vast"), (ImportedValue(2024, 1, "1", 1),))


class TestRegistry:
    def test_csv_is_built_in(self) -> None:
        """The CSV importer is available without registering anything."""
        assert "csv" in source_names()
        assert isinstance(get_source("csv"), CsvImporter)

    def test_register_and_unregister(self) -> None:
        """An importer registered explicitly is found by name, and can be removed again."""
        register_source(_Fixed())
        try:
            assert get_source("vast").read("x").values[0].value == 1
            with pytest.raises(ValueError, match="already registered"):
                register_source(_Fixed())
            register_source(_Fixed(), replace=True)
        finally:
            unregister_source("vast")
        with pytest.raises(KeyError, match="csv"):
            get_source("vast")

    def test_not_an_importer(self) -> None:
        """Something without a name and read() is refused with TypeError."""
        with pytest.raises(TypeError):
            register_source(object())  # type: ignore[arg-type]

    def test_entry_points_are_loaded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An importer class named by an `agenda.edit.sources` entry point is instantiated and registered under its name."""
        ep = metadata.EntryPoint("uit-pakket", f"{__name__}:_Fixed", sources.ENTRY_POINT_GROUP)
        monkeypatch.setattr(sources.metadata, "entry_points",
                            lambda group: [ep] if group == sources.ENTRY_POINT_GROUP else [])
        monkeypatch.setattr(sources, "_entry_points_loaded", False)
        try:
            assert "uit-pakket" in source_names()
            assert get_source("uit-pakket").name == "uit-pakket"
        finally:
            unregister_source("uit-pakket")


class TestCsvImporter:
    def test_cbs_export_with_a_filter(self) -> None:
        """The example export gives Voorbeeldstad's figures per year, 2025* as provisional, January skipped."""
        got = get_source("csv").read(EXAMPLE_CSV, value_column=COLUMN, table="47022NED",
                                     where={"Regio's": "Voorbeeldstad"})
        assert [(v.year, v.value, v.provisional) for v in got.values] == [
            (2022, 640, False), (2023, 612, False), (2024, 587, False), (2025, 541, True)]
        assert got.source == Source("data.politie.nl", table="47022NED", column=COLUMN)
        assert [s.line for s in got.skipped] == [10]

    def test_statline_codes_comma_decimals_and_missing(self, tmp_path: Path) -> None:
        """`2019JJ00` periods, padded values, a decimal comma and '.' for a missing figure are read as published."""
        path = _csv(tmp_path, '"ID";"Perioden";"Score_1"\n"0";"2019JJ00";"  7,1"\n"1";"2020JJ00";"."\n'
                              '"2";"2021JJ00";"7.3"\n"3";"2021MM01";"7.0"\n')
        got = CsvImporter().read(path, value_column="Score_1", table="85146NED")
        assert [(v.year, v.value) for v in got.values] == [(2019, Decimal("7.1")), (2021, Decimal("7.3"))]
        assert got.source.name == "CBS StatLine"
        assert len(got.skipped) == 2

    def test_comma_separated_and_windows_1252(self, tmp_path: Path) -> None:
        """A comma-separated file in Windows-1252 (older exports) reads too."""
        path = _csv(tmp_path, "Perioden,Aantal,Regio\n2023,12,Zuidhoek\n", encoding="cp1252")
        got = CsvImporter().read(path, value_column="Aantal", where={"Regio": "Zuidhoek"})
        assert got.value(2023) is not None and got.value(2023).value == 12  # type: ignore[union-attr]

    def test_unknown_column_suggests_one(self, tmp_path: Path) -> None:
        """A column that is not there is a located error that suggests the closest column."""
        with pytest.raises(SourceError) as info:
            CsvImporter().read(EXAMPLE_CSV, value_column="misdrijven")
        problem = info.value.problems[0]
        assert problem.location is not None and problem.location.line == 1
        assert COLUMN in problem.hint["en"]

    def test_duplicate_years_need_a_filter(self) -> None:
        """Rows of several regions for one year are refused, each with its line, and --where is suggested."""
        with pytest.raises(SourceError) as info:
            CsvImporter().read(EXAMPLE_CSV, value_column=COLUMN)
        assert [p.location.line for p in info.value.problems if p.location] == [6, 7, 8, 9]
        assert "--where" in info.value.problems[0].hint["nl"]

    @pytest.mark.parametrize(("region", "hint"), [
        ("Zwolle", "In die kolom staan: Nederland, Voorbeeldstad."),
        ("Voorbeeldsad", "Bedoelt u 'Voorbeeldstad'? In die kolom staan: Nederland, Voorbeeldstad."),
    ])
    def test_a_filter_that_matches_nothing_says_what_there_is(self, region: str, hint: str) -> None:
        """--where with a value the column does not hold names the values it does hold."""
        with pytest.raises(SourceError) as info:
            CsvImporter().read(EXAMPLE_CSV, value_column=COLUMN, where={"Regio's": region})
        [problem] = info.value.problems
        assert problem.text["nl"] == f"geen enkele regel heeft '{region}' in de kolom 'Regio's'"
        assert problem.hint is not None and problem.hint["nl"] == hint
        assert problem.location is not None and (problem.location.line, problem.location.column) == (1, 2)

    def test_bad_number(self, tmp_path: Path) -> None:
        """A value that is not a number is an error at its line and column."""
        path = _csv(tmp_path, "Perioden;Aantal\n2023;veel\n")
        with pytest.raises(SourceError) as info:
            CsvImporter().read(path, value_column="Aantal")
        assert str(info.value.problems[0].location).endswith(":2:2")

    @pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"Perioden;Aantal\n"])
    def test_unreadable_or_empty(self, tmp_path: Path, content: bytes) -> None:
        """Empty, binary or figure-less files raise SourceError, never another exception."""
        path = tmp_path / "x.csv"
        path.write_bytes(content)
        with pytest.raises(SourceError):
            CsvImporter().read(path, value_column="Aantal")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a SourceError with the code 'missing', located in that file."""
        with pytest.raises(SourceError) as info:
            CsvImporter().read(tmp_path / "nergens.csv", value_column="x")
        assert info.value.problems[0].code == "missing"
        assert info.value.problems[0].location == Location(str(tmp_path / "nergens.csv"), 1, 1)


def _plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    text = plan_yaml(indicators=[make_indicator("woninginbraken", values={2023: 612, 2024: 580})])
    assert "2024: 580" in text  # single figures, as a programme manager writes them
    path.write_text(text, encoding="utf-8")
    return path


def _imported() -> Imported:
    return get_source("csv").read(EXAMPLE_CSV, value_column=COLUMN, table="47022NED",
                                  where={"Regio's": "Voorbeeldstad"})


class TestImportValues:
    def test_values_are_recorded_with_their_source(self, tmp_path: Path) -> None:
        """New and changed years are written with the table and column as source; equal ones are left alone."""
        path = _plan(tmp_path)
        result = import_values(path, "woninginbraken", _imported())
        assert result.written
        assert [(c.year, c.old, c.new, c.changed) for c in result.changes] == [
            (2022, None, 640, True), (2023, 612, 612, False), (2024, 580, 587, True), (2025, None, 541, True)]
        ind = agenda.load(path).get("woninginbraken")
        assert isinstance(ind, agenda.Indicator)
        assert ind.value(2022).source == "data.politie.nl (47022NED, Geregistreerde misdrijven (aantal))"  # type: ignore[union-attr]
        assert ind.value(2024).value == 587  # type: ignore[union-attr]

    def test_a_figure_from_another_document_is_kept(self, tmp_path: Path) -> None:
        """Where a year lists figures from several documents, the import adds its own beside them."""
        path = tmp_path / "plan.yaml"
        path.write_text(plan_yaml(indicators=[make_indicator("woninginbraken", values={
            2024: [Value(2024, 580, source="jaarverslag"), Value(2024, 585, source="raadsbrief")]})]),
            encoding="utf-8")
        result = import_values(path, "woninginbraken", _imported())
        assert [(c.year, c.old) for c in result.changes if c.year == 2024] == [(2024, None)]
        ind = agenda.load(path).get("woninginbraken")
        assert [v.value for v in ind.values_in(2024)] == [580, 585, 587]  # type: ignore[union-attr]

    def test_dry_run_writes_nothing(self, tmp_path: Path) -> None:
        """A dry run reports the changes and leaves the file byte-identical."""
        path = _plan(tmp_path)
        before = path.read_bytes()
        result = import_values(path, "woninginbraken", _imported(), dry_run=True)
        assert not result.written and any(c.changed for c in result.changes)
        assert path.read_bytes() == before

    def test_second_import_changes_nothing(self, tmp_path: Path) -> None:
        """Importing the same figures twice is idempotent."""
        path = _plan(tmp_path)
        import_values(path, "woninginbraken", _imported())
        after = path.read_bytes()
        result = import_values(path, "woninginbraken", _imported())
        assert not result.written and path.read_bytes() == after

    def test_unknown_indicator(self, tmp_path: Path) -> None:
        """Importing into an id that is not an indicator is a SourceError naming it."""
        with pytest.raises(SourceError) as info:
            import_values(_plan(tmp_path), "thema", _imported())
        assert info.value.problems[0].item == "thema"


class TestImportCommand:
    def test_import_dry_run(self, tmp_path: Path) -> None:
        """`agenda import --dry-run` lists the changes and writes nothing."""
        path = _plan(tmp_path)
        before = path.read_bytes()
        code, out, _ = run_cli(["import", str(path), "woninginbraken", "--csv", str(EXAMPLE_CSV),
                                "--value-column", COLUMN, "--table", "47022NED", "--where", "Regio's=Voorbeeldstad",
                                "--dry-run"])
        assert code == 0 and "2024: 580 → 587" in out and "proefdraai" in out
        assert path.read_bytes() == before

    def test_import_json(self, tmp_path: Path) -> None:
        """`--format json` reports the source and every year's change."""
        code, out, _ = run_cli(["import", str(_plan(tmp_path)), "woninginbraken", "--csv", str(EXAMPLE_CSV),
                                "--value-column", COLUMN, "--where", "Regio's=Voorbeeldstad", "--format", "json"])
        data = json.loads(out)
        assert code == 0 and data["written"] and data["source"]["column"] == COLUMN

    def test_import_errors_exit_codes(self, tmp_path: Path) -> None:
        """Ambiguous rows exit 1; a missing CSV or a bad --where exits 2."""
        path = _plan(tmp_path)
        base = ["import", str(path), "woninginbraken", "--value-column", COLUMN]
        assert run_cli([*base, "--csv", str(EXAMPLE_CSV)])[0] == 1
        assert run_cli([*base, "--csv", str(tmp_path / "nergens.csv")])[0] == 2
        assert run_cli([*base, "--csv", str(EXAMPLE_CSV), "--where", "geen-is-teken"])[0] == 2


class TestUnreadablePlan:
    """Importing into a plan that is not readable text answers like every other command."""

    def test_binary_plan_exit_2(self, tmp_path: Path) -> None:
        """A binary plan file gives a located not-utf8 problem and exit code 2, never a traceback."""
        from agenda.cli import main

        plan = tmp_path / "plan.yaml"
        plan.write_bytes(b"\x80\x81binary")
        data = tmp_path / "x.csv"
        data.write_text("jaar;waarde\n2023;5\n", encoding="utf-8")
        code = main(["import", str(plan), "foo", "--csv", str(data), "--period-column", "jaar",
                     "--value-column", "waarde"])
        assert code == 2
        assert plan.read_bytes() == b"\x80\x81binary"
