"""The loader: strict YAML, checked keys and types, references, warnings apart from errors."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import agenda
from agenda.errors import AgendaError, Severity

from .conftest import MINIMAL

Write = Callable[[str], Path]


def codes(result: agenda.Validation) -> list[str]:
    return [p.code for p in result.problems]


class TestHappyPath:
    """A valid plan loads into the frozen model."""

    def test_minimal_plan_loads(self, write_plan: Write) -> None:
        """The minimal plan gives its theme, goal, action, status and indicator values."""
        plan = agenda.load(write_plan(MINIMAL))
        assert plan.gemeente == "Testdorp"
        action = plan.get("vios")
        assert isinstance(action, agenda.Action)
        assert action.status[0].year == 2023 and action.status[0].status == "loopt"
        ind = plan.get("overlast")
        assert isinstance(ind, agenda.Indicator)
        assert [v.value for v in ind.values] == [375, 608]

    def test_locations_recorded(self, write_plan: Write) -> None:
        """Every item knows the file, line and column where it was defined."""
        path = write_plan(MINIMAL)
        plan = agenda.load(path)
        loc = plan.get("vios").location  # type: ignore[union-attr]
        assert loc is not None and loc.file == str(path) and loc.line == 11 and loc.column == 13

    def test_decimal_kept_exact(self, write_plan: Write) -> None:
        """Fractions are kept as Decimal, never float."""
        text = MINIMAL.replace("values: {2022: 375, 2023: 608}", "values: {2022: 7.4}")
        ind = agenda.load(write_plan(text)).get("overlast")
        assert ind.values[0].value == Decimal("7.4")  # type: ignore[union-attr]

    def test_yaml12_words_stay_text(self, write_plan: Write) -> None:
        """`no`, `on` and `12:30` are text where text is expected (YAML 1.2, not 1.1)."""
        text = MINIMAL.replace("name: Veilig In en Om School", "name: no\n            owner: on\n            result: 12:30")
        action = agenda.load(write_plan(text)).get("vios")
        assert (action.name, action.owner, action.result) == ("no", "on", "12:30")  # type: ignore[union-attr]


class TestRefusals:
    """What the loader refuses, each with a located message and a fix."""

    @pytest.mark.parametrize(
        ("old", "new", "code"),
        [
            ("name: Jeugd en veiligheid", "name: Jeugd en veiligheid\n    nme: x", "unknown-key"),
            ("name: Jeugd en veiligheid", "name: Jeugd en veiligheid\n    name: Dubbel", "duplicate-key"),
            ("status: {2023: loopt}", "status: {2023: {status: loopt, progress: 0755}}", "octal"),
            ("status: {2023: loopt}", "status: {2023: bijna}", "unknown-ref"),
            ("better: lower", "better: beter", "enum"),
            ("id: vios", "id: Vios School", "bad-id"),
            ("name: Meldingen jeugdoverlast", "name: 2024", "expected"),
            ("values: {2022: 375, 2023: 608}", "values: {2022: .nan}", "not-finite"),
            ("values: {2022: 375, 2023: 608}", "values: {2022: 99999999999999999999}", "too-large"),
            ("id: overlast", "id: vios", "duplicate-id"),
            ("            status: {2023: loopt}", "            needs: [vios]", "cycle"),
        ],
    )
    def test_refused_with_code(self, write_plan: Write, old: str, new: str, code: str) -> None:
        """Each kind of bad input is refused with its own problem code."""
        assert old in MINIMAL
        result = agenda.validate(write_plan(MINIMAL.replace(old, new, 1)))
        assert not result.ok()
        assert code in codes(result)
        problem = next(p for p in result.problems if p.code == code)
        assert problem.location is not None and problem.location.line > 0
        assert problem.text["nl"] and problem.text["en"] and problem.text["nl"] != problem.text["en"]

    def test_anchor_and_alias_refused(self, write_plan: Write) -> None:
        """Anchors and aliases are refused, each at its place."""
        text = MINIMAL.replace("name: Jeugd en veiligheid", "name: &n Jeugd") + "motto: *n\n"
        result = agenda.validate(write_plan(text))
        assert codes(result).count("anchor") == 1 and codes(result).count("alias") == 1

    def test_every_problem_at_once(self, write_plan: Write) -> None:
        """Several unrelated problems are all reported in one run."""
        text = MINIMAL.replace("better: lower", "better: beter").replace("status: {2023: loopt}", "status: {2023: x}")
        result = agenda.validate(write_plan(text + "extra: 1\n"))
        assert {"enum", "unknown-ref", "unknown-key"} <= set(codes(result))

    @pytest.mark.parametrize(("written", "meant"), [("hoger", "higher"), ("Lager", "lower"), ("geen", "none"),
                                                    ("HIGHER", "higher"), ("hihger", "higher")])
    def test_a_choice_in_dutch_gets_the_word_meant(self, write_plan: Write, written: str, meant: str) -> None:
        """A choice written in Dutch, in capitals or misspelled is refused with the word it stands for."""
        result = agenda.validate(write_plan(MINIMAL.replace("better: lower", f"better: {written}")))
        [problem] = result.errors
        assert problem.code == "enum" and problem.location is not None and problem.location.line == 17
        assert problem.hint is not None
        assert problem.hint["nl"] == f"Bedoelt u '{meant}'? Kies uit: lower, higher, none."
        assert problem.hint["en"] == f"Did you mean '{meant}'? Choose from: lower, higher, none."

    def test_a_choice_nothing_like_any_lists_them(self, write_plan: Write) -> None:
        result = agenda.validate(write_plan(MINIMAL.replace("better: lower", "better: xyz")))
        assert result.errors[0].hint is not None and result.errors[0].hint["nl"] == "Kies uit: lower, higher, none."

    @pytest.mark.parametrize(("written", "number"), [("values: {2022: 375, 2023: 7,4}", "7,4"),
                                                    ("values: {2022: 6,25, 2023: 608}", "6,25")])
    def test_decimal_comma_in_braces(self, write_plan: Write, written: str, number: str) -> None:
        """{2023: 7,4} is one error that says what happened, not a wrong year and a missing number."""
        result = agenda.validate(write_plan(MINIMAL.replace("values: {2022: 375, 2023: 608}", written)))
        [problem] = result.errors
        assert problem.code == "decimal-comma" and f"({number})" in problem.text["nl"]
        assert problem.hint is not None and f'"{number}"' in problem.hint["nl"]

    def test_a_year_after_a_comma_is_still_a_year(self, write_plan: Write) -> None:
        """{2022: 375,2023: 608} is valid YAML for two years: no decimal comma is seen in it."""
        text = MINIMAL.replace("values: {2022: 375, 2023: 608}", "values: {2022: 375,2023: 608}")
        assert agenda.validate(write_plan(text)).errors == ()

    def test_load_raises_agenda_error(self, write_plan: Write) -> None:
        """load() raises AgendaError (a ValueError) carrying the problems."""
        with pytest.raises(ValueError, match="onbekende sleutel") as info:
            agenda.load(write_plan(MINIMAL + "extra: 1\n"))
        assert isinstance(info.value, AgendaError) and info.value.problems[0].code == "unknown-key"

    @pytest.mark.parametrize(
        ("content", "code"),
        [(b"", "empty"), (b"# alleen commentaar\n", "empty"), (b"\x00\x01binary", "binary"),
         (b"gemeente: \xff\xfe\n", "not-utf8"), (b"a: [1, 2\n", "syntax"), (b"a:\n\t- 1\n", "syntax")],
    )
    def test_unreadable(self, tmp_path: Path, content: bytes, code: str) -> None:
        """Empty, binary, non-UTF-8 and broken files give one clear error."""
        path = tmp_path / "x.yaml"
        path.write_bytes(content)
        result = agenda.validate(path)
        assert result.agenda is None and [p.code for p in result.errors] == [code]

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is an error, not a traceback."""
        result = agenda.validate(tmp_path / "nope.yaml")
        assert [p.code for p in result.errors] == ["missing"]


class TestWarnings:
    """Warnings are kept apart from errors; strict mode refuses them."""

    def test_breakdown_total_mismatch_warns(self, write_plan: Write) -> None:
        """Parts that do not add up to the published total give a warning naming the year and both numbers."""
        text = MINIMAL + "    categories: [{id: a, name: A}, {id: b, name: B}]\n    breakdown: {2023: {a: 600, b: 7}}\n"
        result = agenda.validate(write_plan(text))
        assert result.ok() and not result.ok(strict=True)
        warning = next(p for p in result.warnings if p.code == "breakdown-sum")
        assert "2023" in warning.text["nl"] and "607" in warning.text["nl"] and "608" in warning.text["nl"]
        assert warning.severity is Severity.WARNING

    def test_strict_load_refuses_warnings(self, write_plan: Write) -> None:
        """load(strict=True) raises on a warning."""
        path = write_plan(MINIMAL.replace("    source: data.politie.nl\n", ""))
        agenda.load(path)
        with pytest.raises(AgendaError):
            agenda.load(path, strict=True)
