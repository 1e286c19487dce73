"""agenda.testing: builders that give valid plans in one line, for downstream tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agenda
from agenda.model import Baseline, Direction, Status, StatusRecord, Value
from agenda.testing import make_action, make_goal, make_indicator, make_plan, make_theme, plan_yaml


class TestBuilders:
    def test_defaults_give_a_plan_without_warnings(self) -> None:
        """make_plan() with no arguments is a valid plan with one theme, goal and action, and no warnings."""
        result = agenda.validate_text(plan_yaml())
        assert result.ok(strict=True)
        plan = make_plan()
        assert [t.id for t in plan.themes] == ["thema"]
        assert [a.id for a in plan.actions()] == ["thema-doel-actie"]

    def test_names_come_from_ids(self) -> None:
        """A builder without a name makes a readable one from the id."""
        assert make_action("bibob-uitbreiding").name == "Bibob uitbreiding"

    def test_status_shorthand(self) -> None:
        """status={year: word} becomes StatusRecords in year order; records pass through."""
        action = make_action("a", status={2024: "loopt", 2023: StatusRecord(2023, "vertraagd", note="n")})
        assert [(r.year, r.status, r.note) for r in action.status] == [(2023, "vertraagd", "n"), (2024, "loopt", None)]

    def test_lists_become_tuples(self) -> None:
        """Lists given for tuple fields are stored as tuples, so the model stays hashable."""
        action = make_action("a", partners=["politie"], needs=["b"])
        assert action.partners == ("politie",) and action.needs == ("b",)

    def test_indicator_short_forms(self) -> None:
        """Values, targets, a baseline, a direction and a source are written in short forms."""
        ind = make_indicator("i", values={2023: Decimal("7.4"), 2024: [Value(2024, 5, source="a")]},
                             targets={2024: "min. 7,0"}, baseline=(2019, 550), better="higher")
        assert ind.value(2023).value == Decimal("7.4")  # type: ignore[union-attr]
        assert ind.target(2024).current.value == Decimal("7.0")  # type: ignore[union-attr]
        assert ind.baseline == Baseline(2019, 550)
        assert ind.direction is Direction.HIGHER
        assert ind.source is not None and ind.source.name == "eigen registratie"

    def test_make_plan_goes_through_the_loader(self) -> None:
        """make_plan refuses what the loader refuses: an unknown reference raises AgendaError."""
        with pytest.raises(agenda.AgendaError, match="nergens"):
            make_plan(themes=[make_theme("t", goals=[make_goal("g", actions=[make_action("a", needs=["nergens"])])])])

    def test_make_plan_items_have_locations(self) -> None:
        """Items of a built plan know where they were defined, as loaded items do."""
        assert make_plan().get("thema-doel-actie").location is not None  # type: ignore[union-attr]

    def test_own_vocabulary_and_levels(self) -> None:
        """Statuses and level words given to make_plan end up in the plan's configuration."""
        plan = make_plan(
            statuses=[Status("groen", "groen", "green"), Status("rood", "rood", "red", lagging=True)],
            levels={"action": {"nl": "maatregel", "en": "measure"}},
            themes=[make_theme("t", goals=[make_goal("g", actions=[make_action("a", status={2024: "rood"})])])],
        )
        assert plan.config.status("rood").lagging  # type: ignore[union-attr]
        assert plan.config.level("action", "nl") == "maatregel"

    def test_plan_yaml_accepts_a_plan(self) -> None:
        """plan_yaml(plan) writes a plan built by hand; giving both a plan and keywords is a TypeError."""
        plan = make_plan(gemeente="Aadorp")
        assert agenda.loads(plan_yaml(plan)) == plan
        with pytest.raises(TypeError):
            plan_yaml(plan, gemeente="Bedorp")


_NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and bool(s)
)


class TestRoundTrip:
    @given(gemeente=_NAMES, name=_NAMES, note=_NAMES, value=st.decimals(-10**6, 10**6, places=2))
    def test_any_text_and_number_round_trip(self, gemeente: str, name: str, note: str, value: Decimal) -> None:
        """Whatever the text or number, plan_yaml's YAML loads back into an equal plan."""
        plan = make_plan(
            gemeente=gemeente,
            themes=[make_theme("t", name=name, goals=[make_goal("g", actions=[
                make_action("a", status={2024: StatusRecord(2024, "loopt", note=note)})])])],
            indicators=[make_indicator("i", values={2024: value})],
        )
        assert plan.gemeente == gemeente
        assert plan.get("t").name == name  # type: ignore[union-attr]
        assert plan.get("i").value(2024).value == value  # type: ignore[union-attr]
        assert agenda.loads(plan_yaml(plan)) == plan
