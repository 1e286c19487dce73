"""Tests for agenda.query.rollup: recorded and derived status of goals and themes per year."""

from __future__ import annotations

from decimal import Decimal

import attrs

from agenda.model import DEFAULT_CONFIG, Action, Agenda, Goal, StatusRecord, Theme
from agenda.query.rollup import Part, decide, record_in, rollup


def _act(item_id: str, status: str | None = None, needs: tuple[str, ...] = ()) -> Action:
    records = (StatusRecord(2023, status),) if status else ()
    return Action(item_id, item_id.upper(), needs=needs, status=records)


def _plan(*goals: Goal, actions: tuple[Action, ...] = (), rule: str = "worst", share: str = "0.5") -> Agenda:
    config = attrs.evolve(DEFAULT_CONFIG, rollup=rule, rollup_share=Decimal(share))
    theme = Theme("t", "Thema", goals=goals, actions=actions)
    return Agenda("Testdorp", "Plan", config=config, themes=(theme,))


class TestWorst:
    def test_worst_status_of_the_actions(self) -> None:
        """A goal's derived status is the worst of its actions' statuses."""
        plan = _plan(Goal("g", "G", actions=(_act("a", "loopt"), _act("b", "vertraagd"), _act("c", "afgerond"))))
        result = rollup(plan, 2023).get("g")
        assert result is not None and result.derived == "vertraagd"
        assert result.basis == (
            Part("a", "loopt", True, "contains"),
            Part("b", "vertraagd", True, "contains"),
            Part("c", "afgerond", True, "contains"),
        )

    def test_lagging_beats_a_higher_rank_that_does_not_lag(self) -> None:
        """A lagging word wins over a non-lagging word even when ranks say otherwise."""
        vertraagd = DEFAULT_CONFIG.status("vertraagd")
        niet = attrs.evolve(DEFAULT_CONFIG.status("niet-gestart"), rank=9)  # type: ignore[arg-type]
        assert vertraagd is not None
        assert decide([niet, vertraagd], DEFAULT_CONFIG) == vertraagd

    def test_done_only_when_all_parts_are_done(self) -> None:
        """A goal derives a done word only when every counted part is done."""
        done = _plan(Goal("g", "G", actions=(_act("a", "afgerond"), _act("b", "afgerond"))))
        mixed = _plan(Goal("g", "G", actions=(_act("a", "afgerond"), _act("b", "op-schema"))))
        assert rollup(done, 2023).get("g").derived == "afgerond"  # type: ignore[union-attr]
        assert rollup(mixed, 2023).get("g").derived == "op-schema"  # type: ignore[union-attr]

    def test_recorded_status_is_kept_apart(self) -> None:
        """A goal's own recorded status is reported beside the derived one, never replaced."""
        goal = Goal("g", "G", actions=(_act("a", "risico"),), status=(StatusRecord(2023, "op-schema", note="prima"),))
        result = rollup(_plan(goal), 2023).get("g")
        assert result is not None
        assert result.recorded is not None and result.recorded.status == "op-schema"
        assert result.derived == "risico"
        assert result.status == "op-schema" and result.differs

    def test_what_the_actions_need_counts(self) -> None:
        """An item needed by a goal's action counts as a part of that goal."""
        other = Goal("h", "H", actions=(_act("x", "gestopt"),))
        goal = Goal("g", "G", actions=(_act("a", "loopt", needs=("x",)),))
        result = rollup(_plan(goal, other), 2023).get("g")
        assert result is not None and result.derived == "gestopt"
        assert Part("x", "gestopt", True, "needs") in result.basis

    def test_a_finished_dependency_does_not_count(self) -> None:
        """What a goal's actions need counts only when it lags: a done dependency never makes the goal done."""
        other = Goal("h", "H", actions=(_act("x", "afgerond"),))
        goal = Goal("g", "G", actions=(_act("a", needs=("x",)),))
        result = rollup(_plan(goal, other), 2023).get("g")
        assert result is not None and result.derived is None and result.basis == ()

    def test_theme_counts_goals_and_direct_actions(self) -> None:
        """A theme derives from its goals (their derived status when unrecorded) and direct actions."""
        plan = _plan(Goal("g", "G", actions=(_act("a", "vertraagd"),)), actions=(_act("d", "loopt"),))
        result = rollup(plan, 2023).get("t")
        assert result is not None and result.derived == "vertraagd"
        assert Part("g", "vertraagd", False, "contains") in result.basis

    def test_nothing_recorded_derives_nothing(self) -> None:
        """Without any recorded part the derived status is None; other years do not count."""
        plan = _plan(Goal("g", "G", actions=(_act("a"),)))
        result = rollup(plan, 2023).get("g")
        assert result is not None and result.derived is None and result.basis == ()
        assert rollup(_plan(Goal("g", "G", actions=(_act("a", "risico"),))), 2024).get("g").derived is None  # type: ignore[union-attr]

    def test_cycles_do_not_hang(self) -> None:
        """Goals that need each other (refused by the loader) still roll up without looping."""
        g = Goal("g", "G", needs=("h",), actions=(_act("a", "loopt"),))
        h = Goal("h", "H", needs=("g",), actions=(_act("b", "risico"),))
        result = rollup(_plan(g, h), 2023)
        assert result.get("h").derived == "risico"  # type: ignore[union-attr]
        assert [r.item for r in result] == ["t", "g", "h"]


class TestShare:
    def test_lagging_when_share_reached(self) -> None:
        """Under `share`, a goal lags when at least the configured share of its parts lag."""
        goal = Goal("g", "G", actions=(_act("a", "vertraagd"), _act("b", "loopt")))
        assert rollup(_plan(goal, rule="share", share="0.5"), 2023).get("g").derived == "vertraagd"  # type: ignore[union-attr]
        assert rollup(_plan(goal, rule="share", share="0.6"), 2023).get("g").derived == "loopt"  # type: ignore[union-attr]

    def test_json_names_the_rule(self) -> None:
        """The roll-up as JSON carries the rule, the year and every goal and theme."""
        data = rollup(_plan(Goal("g", "G"), rule="share"), 2023).to_json()
        assert data["rule"] == "share" and data["year"] == 2023
        assert [i["item"] for i in data["items"]] == ["t", "g"]  # type: ignore[attr-defined]


class TestRecordIn:
    def test_finds_the_record_of_the_year(self) -> None:
        """record_in returns the record for the year, or None."""
        records = (StatusRecord(2022, "loopt"), StatusRecord(2023, "risico"))
        assert record_in(records, 2023) == records[1]
        assert record_in(records, 2021) is None
