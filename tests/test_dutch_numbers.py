"""Dutch numbers typed on the command line and in `agenda import`: a count is whole, a decimal comma is a point."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import agenda
from agenda.edit.sources import SourceError, get_source, import_values
from agenda.edit.update import counts_whole, edit_value
from agenda.errors import AgendaError
from agenda.model import Indicator
from agenda.numbers import NumberError, is_whole, parse_number
from tests.conftest import MINIMAL
from tests.test_templates import run_cli

Write = Callable[[str], Path]

# MINIMAL with two indicators more: a count (`unit: aantal`) and a rate per 1.000 inwoners.
PLAN = MINIMAL + """\
  - id: inbraken
    name: Woninginbraken
    unit: aantal
    better: lower
    values: {2022: 112}
  - id: inbraken-per-1000
    name: Woninginbraken per 1.000 inwoners
    kind: count
    unit: per 1.000 inwoners
    better: lower
  - id: plek
    name: Plaats op de misdaadmeter
    kind: rank
    better: lower
"""


def value(text: str, indicator: str, year: int = 2023) -> object:
    ind = agenda.loads(text).get(indicator)
    assert isinstance(ind, Indicator)
    got = ind.value(year)
    return got.value if got else None


class TestIsWhole:
    """Which indicators count: the one rule, from kind and unit as written."""

    @pytest.mark.parametrize(("kind", "unit", "whole"), [
        ("count", None, True), ("rank", "plaats", True), (None, "aantal", True), (None, "Aantal meldingen", True),
        (None, "stuks", True), (None, None, False), (None, "meldingen", False), ("count", "per 10.000 inwoners", False),
        ("count", "%", False), ("count", "gemiddeld aantal", False), ("percentage", "%", False), ("score", "cijfer", False),
        ("amount", "euro", False),
    ])
    def test_rule(self, kind: str | None, unit: str | None, whole: bool) -> None:
        """A written count or rank, or a unit that names a count, is whole; a rate or an average is not."""
        assert is_whole(kind, unit) is whole

    def test_from_the_plan_text(self) -> None:
        """counts_whole reads kind and unit of the indicator as written in the file."""
        assert counts_whole(PLAN, "f", "inbraken") and counts_whole(PLAN, "f", "plek")
        assert not counts_whole(PLAN, "f", "inbraken-per-1000") and not counts_whole(PLAN, "f", "overlast")
        assert not counts_whole(PLAN, "f", "vios") and not counts_whole(PLAN, "f", "nergens")


class TestParseNumber:
    """parse_number, the one reader of typed figures."""

    @pytest.mark.parametrize(("text", "whole", "expected"), [
        ("1.234", True, 1234), ("12.345.678", True, 12345678), ("1 234", True, 1234), ("98", True, 98),
        ("98,5", False, Decimal("98.5")), ("7.4", False, Decimal("7.4")), ("12.500,5", False, Decimal("12500.5")),
        ("12,500.5", False, Decimal("12500.5")), ("1.234,0", True, 1234), ("-3", False, -3), ("0,5", False, Decimal("0.5")),
    ])
    def test_accepted(self, text: str, whole: bool, expected: object) -> None:
        """Points group thousands in a count, a comma is a decimal mark where fractions are allowed."""
        got = parse_number(text, whole=whole)
        assert got == expected and type(got) is type(expected)

    @pytest.mark.parametrize(("text", "whole", "code", "nl"), [
        ("98,5", True, "not-whole", "'98,5' is geen geheel getal, en hier hoort een aantal"),
        ("1.234", False, "ambiguous", "'1.234' is dubbelzinnig: bedoelt u 1234 of 1,234?"),
        ("1,234", True, "ambiguous-count", "'1,234' is dubbelzinnig, en hier hoort een aantal: bedoelt u 1234?"),
        ("zeven", False, "not-a-number", "'zeven' is geen getal"), ("007", True, "not-a-number", "'007' is geen getal"),
    ])
    def test_refused(self, text: str, whole: bool, code: str, nl: str) -> None:
        """A fraction on a count, an ambiguous point and words are refused, with the question in Dutch."""
        with pytest.raises(NumberError) as info:
            parse_number(text, whole=whole)
        assert info.value.code == code and info.value.text("nl") == nl
        assert info.value.hint("en") and info.value.text("en") != nl


class TestValueSet:
    """agenda value set applies the rule of the indicator it writes to."""

    def test_thousands_point_on_a_count(self, write_plan: Write) -> None:
        """`--value 1.234` on a count is stored as 1234, never as the fraction 1.234."""
        path = write_plan(PLAN)
        code, _, err = run_cli(["value", "set", str(path), "inbraken", "--year", "2023", "--value", "1.234"])
        assert code == 0, err
        assert value(path.read_text(), "inbraken") == 1234
        assert "2023: 1234" in path.read_text()

    def test_fraction_on_a_count_refused(self, write_plan: Write) -> None:
        """`--value 98,5` on a count is refused in Dutch and nothing is written."""
        path = write_plan(PLAN)
        before = path.read_bytes()
        code, _, err = run_cli(["value", "set", str(path), "inbraken", "--year", "2023", "--value", "98,5"])
        assert code == 1 and path.read_bytes() == before
        assert "fout [inbraken]: '98,5' is geen geheel getal, en hier hoort een aantal" in err
        assert "schrijf bijvoorbeeld 99" in err

    def test_ambiguous_on_a_rate_refused_with_the_question(self, write_plan: Write) -> None:
        """`1.234` where fractions are allowed is refused with both readings, in English with --lang en."""
        path = write_plan(PLAN)
        code, _, err = run_cli(["value", "set", str(path), "inbraken-per-1000", "--year", "2023", "--value", "1.234",
                                "--lang", "en"])
        assert code == 1 and "'1.234' is ambiguous: do you mean 1234 or 1,234?" in err

    def test_decimal_comma_on_a_rate(self, write_plan: Write) -> None:
        """A decimal comma is read as a point where the unit allows fractions, and written with a point."""
        path = write_plan(PLAN)
        code, _, err = run_cli(["value", "set", str(path), "inbraken-per-1000", "--year", "2023", "--value", "4,75"])
        assert code == 0, err
        assert value(path.read_text(), "inbraken-per-1000") == Decimal("4.75") and "2023: 4.75" in path.read_text()

    def test_api_decimal_on_a_count(self) -> None:
        """Through the API a fractional Decimal on a count is refused too; a whole Decimal is written as an int."""
        with pytest.raises(AgendaError) as info:
            edit_value(PLAN, "f", "inbraken", 2023, Decimal("98.5"))
        assert info.value.problems[0].code == "bad-number"
        assert "values: {2022: 112, 2023: 98}\n" in edit_value(PLAN, "f", "inbraken", 2023, Decimal("98.0"))


class TestImport:
    """agenda import reads the CSV's figures by the same rule."""

    def _csv(self, tmp_path: Path, figure: str) -> Path:
        path = tmp_path / "export.csv"
        path.write_text(f'"Perioden";"Misdrijven"\n"2023";"{figure}"\n', encoding="utf-8")
        return path

    def test_count_with_thousands_point(self, write_plan: Write, tmp_path: Path) -> None:
        """A CSV figure `1.234` imported into a count is 1234."""
        path = write_plan(PLAN)
        code, _, err = run_cli(["import", str(path), "inbraken", "--csv", str(self._csv(tmp_path, "1.234")),
                                "--value-column", "Misdrijven"])
        assert code == 0, err
        assert value(path.read_text(), "inbraken") == 1234

    def test_fraction_into_a_count_refused(self, write_plan: Write, tmp_path: Path) -> None:
        """A fraction in the CSV for a count is refused at its line and nothing is written."""
        path = write_plan(PLAN)
        before = path.read_bytes()
        csv_path = self._csv(tmp_path, "98,5")
        code, _, err = run_cli(["import", str(path), "inbraken", "--csv", str(csv_path), "--value-column", "Misdrijven"])
        assert code == 1 and path.read_bytes() == before
        assert f"{csv_path}:2:2: fout: '98,5' is geen geheel getal" in err

    def test_decimal_comma_into_a_rate(self, write_plan: Write, tmp_path: Path) -> None:
        """A decimal comma in the CSV is a decimal point for a rate."""
        path = write_plan(PLAN)
        code, _, err = run_cli(["import", str(path), "inbraken-per-1000", "--csv", str(self._csv(tmp_path, "4,75")),
                                "--value-column", "Misdrijven"])
        assert code == 0, err
        assert value(path.read_text(), "inbraken-per-1000") == Decimal("4.75")

    def test_importer_fraction_refused_by_import_values(self, write_plan: Write, tmp_path: Path) -> None:
        """An importer that was not told the indicator counts still cannot put a fraction into it."""
        path = write_plan(PLAN)
        imported = get_source("csv").read(self._csv(tmp_path, "98,5"), value_column="Misdrijven")
        with pytest.raises(SourceError) as info:
            import_values(path, "inbraken", imported)
        assert info.value.problems[0].item == "inbraken" and "geen geheel getal" in info.value.problems[0].text["nl"]
