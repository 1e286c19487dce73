"""The format described once: reading, building, export, schema and editor paths all come from the spec."""

from __future__ import annotations

import attrs
import pytest

import agenda
from agenda.errors import MAX_ERRORS, Severity
from agenda.format import _yaml, spec
from agenda.format._scalars import _Ctx
from agenda.format._types import Field, Obj, Seq, Text
from agenda.format.export import to_data
from agenda.format.schema import json_schema
from agenda.model import Action
from tests.conftest import MINIMAL

# A plan whose last block is a theme, so a test can add keys to it.
THEME_LAST = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
themes:
  - id: jeugd
    name: Jeugd en veiligheid
"""


@attrs.frozen
class _CodedAction(Action):
    """An action with one more key, as a gemeente might add (test only)."""

    code: str | None = None  # a budget code of the gemeente's own administration


@attrs.frozen
class _Plan:
    actions: tuple[Action, ...] = ()


_ACTION = spec.AGENDA.fields["themes"].type.of.fields["actions"].type.of  # type: ignore[attr-defined]
# The one change: a field in the spec (and the attribute it fills on the model).
_CODED = Obj("Action", {**_ACTION.fields, "code": Field(Text(), doc="budget code")}, model=_CodedAction,
             level="action")
_TEST_SPEC = Obj("Plan", {"actions": Field(Seq(_CODED))}, model=_Plan, item_key=None)

_TEXT = """\
actions:
  - id: handhaving
    name: Handhaving
    code: "6.1.2"
  - id: preventie
    name: Preventie
"""


class TestOneSpec:
    """Adding an optional key to an item is one field in the spec: every direction follows from it."""

    def _read(self, text: str) -> tuple[object, list[agenda.Problem]]:
        ctx = _Ctx("<test>")
        data = _TEST_SPEC.read(_yaml.parse(text, "<test>"), ctx, None)
        return data, list(ctx.problems)

    def test_reading_and_building_know_the_new_key(self) -> None:
        """The new key is read, checked as text and built into the model attribute."""
        data, problems = self._read(_TEXT)
        assert problems == []
        plan = _TEST_SPEC.build(data)
        assert [a.code for a in plan.actions] == ["6.1.2", None]

    def test_the_new_key_is_checked_like_any_other(self) -> None:
        """A number where the text is expected is refused, and a misspelling gets a "did you mean"."""
        _, problems = self._read(_TEXT.replace('"6.1.2"', "612"))
        assert [p.code for p in problems] == ["expected"]
        _, problems = self._read(_TEXT.replace("code:", "cod:"))
        assert [p.code for p in problems] == ["unknown-key"] and "code" in problems[0].hint["en"]

    def test_export_writes_it_and_reads_back_equal(self) -> None:
        """The export writes the key, and the export read again builds an equal model."""
        data, _ = self._read(_TEXT)
        plan = _TEST_SPEC.build(data)
        dumped = _TEST_SPEC.dump(plan)
        assert dumped["actions"][0]["code"] == "6.1.2" and "code" not in dumped["actions"][1]
        import json

        again, problems = self._read(json.dumps(dumped))
        assert problems == [] and _TEST_SPEC.build(again) == plan

    def test_schema_and_editor_paths_know_it(self) -> None:
        """The JSON Schema describes the key, and the editor finds the items by id with their paths."""
        schema = _TEST_SPEC.schema()
        action = schema["properties"]["actions"]["items"]
        assert action["properties"]["code"] == {"type": "string", "minLength": 1, "description": "budget code"}
        paths = list(_TEST_SPEC.items(_yaml.parse(_TEXT, "<test>")))
        assert paths == [("handhaving", ("actions", 0), "action"), ("preventie", ("actions", 1), "action")]

    def test_the_real_spec_gives_the_shipped_schema_and_export(self) -> None:
        """The package's own schema and export come from the same spec object."""
        assert json_schema()["properties"].keys() == spec.AGENDA.fields.keys()
        plan = agenda.loads(MINIMAL)
        assert set(to_data(plan)) <= set(spec.AGENDA.fields)


class TestEveryProblemAtOnce:
    """A broken item does not hide the problems of what it contains."""

    BROKEN_GOAL = THEME_LAST + """\
    goals:
      - id: minder-overlast
        naam: Minder overlast
        actions:
          - id: buurtaanpak
            name: Buurtaanpak
            needs: [onbekend-ding]
            status: {2023: bijna}
"""

    def test_children_of_a_misspelled_goal_are_checked(self) -> None:
        """A goal with `naam:` gives one error for the typo, and its action's problems in the same run."""
        result = agenda.validate_text(self.BROKEN_GOAL)
        codes = sorted(p.code for p in result.errors)
        assert codes == ["unknown-key", "unknown-ref", "unknown-ref"], [p.message() for p in result.errors]
        assert {p.item for p in result.errors} == {"minder-overlast", "buurtaanpak"}

    def test_one_typo_gives_one_error(self) -> None:
        """`themas:` for `themes:` is one error; what it holds is still read and checked."""
        text = MINIMAL.replace("themes:", "themas:")
        result = agenda.validate_text(text)
        assert [p.code for p in result.errors] == ["unknown-key"]
        assert "themes" in result.errors[0].hint["nl"]

    def test_a_typo_with_a_value_of_the_wrong_shape_is_still_one_error(self) -> None:
        """`target: "< 5"` on an indicator is one error (did you mean targets), not two."""
        text = THEME_LAST + 'indicators:\n  - {id: x, name: X, source: CBS, target: "< 5"}\n'
        result = agenda.validate_text(text)
        assert [p.code for p in result.errors] == ["unknown-key"]


class TestWarningsNeverStopReading:
    """Only errors count towards the stop; a valid plan with many warnings loads with all of them."""

    def test_a_thousand_warnings(self) -> None:
        """1,000 indicators without a source: 1,000 warnings, and the plan loads."""
        lines = [THEME_LAST, "indicators:\n"]
        lines += [f"  - {{id: i{n}, name: Indicator {n}}}\n" for n in range(1000)]
        result = agenda.validate_text("".join(lines))
        assert result.agenda is not None and not result.errors
        assert len(result.warnings) == 1000 and {p.code for p in result.warnings} == {"no-source"}

    def test_errors_stop_after_the_limit(self) -> None:
        """More than MAX_ERRORS errors end with one located too-many problem."""
        lines = [THEME_LAST, "indicators:\n"]
        lines += [f"  - {{id: i{n}, name: 5}}\n" for n in range(MAX_ERRORS + 50)]
        result = agenda.validate_text("".join(lines))
        assert len(result.errors) == MAX_ERRORS + 1
        last = [p for p in result.errors if p.code == "too-many"]
        assert len(last) == 1 and last[0].severity is Severity.ERROR and last[0].location is not None


class TestStatusWordsInTheFile:
    """The file accepts the status words the command line accepts."""

    @pytest.mark.parametrize("word", ["loopt", "Loopt", "in progress", "IN PROGRESS", " loopt "])
    def test_synonyms_and_case(self, word: str) -> None:
        """The id, the Dutch or English word, in any case, are stored as the id."""
        text = THEME_LAST + f'    status: {{2023: "{word}"}}\n'
        plan = agenda.loads(text)
        assert plan.themes[0].status[0].status == "loopt"

    def test_an_unknown_word_suggests_one_that_exists(self) -> None:
        """A word outside the vocabulary is refused with a close word of the vocabulary."""
        result = agenda.validate_text(THEME_LAST + "    status: {2023: vertraag}\n")
        assert [p.code for p in result.errors] == ["unknown-ref"]
        assert "vertraagd" in result.errors[0].hint["nl"]


class TestOneTypoOneError:
    """A misspelled key gives one error, and what it holds still counts elsewhere in the plan."""

    @pytest.mark.parametrize(("old", "new"), [
        ("themes:", "themas:"),
        ("            name: Veilig In en Om School", "            nam: Veilig In en Om School"),
        ("          - id: vios", "          - idd: vios"),
    ])
    def test_references_to_the_item_still_resolve(self, old: str, new: str) -> None:
        """With an indicator measuring the action, the typo is the only problem: no dangling reference."""
        text = MINIMAL.replace("    values:", "    measures: [vios]\n    values:").replace(old, new)
        assert [p.code for p in agenda.validate_text(text).problems] == ["unknown-key"]
