"""Properties of agenda.query.reflectie: order independence, impact through the graph, no side effects."""

from __future__ import annotations

import json
import random

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.model import Action, Agenda, StatusRecord
from agenda.query.reflectie import Reflectie, reflectie
from tests.property.strategies import YEARS, agendas, shuffled

_year = st.sampled_from(YEARS)


def _facts(result: Reflectie) -> list[str]:
    entries = [json.dumps(e.to_json("en"), sort_keys=True) for e in result.entries]
    problems = [json.dumps(p.to_json("en"), sort_keys=True) for p in result.problems]
    return sorted(entries) + sorted(problems)


class TestOrderIndependence:
    @given(agendas(), _year, st.randoms(use_true_random=False))
    @settings(max_examples=100)
    def test_shuffling_the_plan_changes_nothing_but_order(self, agenda: Agenda, year: int, rng: random.Random) -> None:
        """The reflectie of a shuffled plan holds the same entries and problems."""
        assert _facts(reflectie(shuffled(agenda, rng), year)) == _facts(reflectie(agenda, year))

    @given(agendas(), _year)
    def test_same_plan_same_output(self, agenda: Agenda, year: int) -> None:
        """Two runs on the same plan give identical JSON."""
        assert reflectie(agenda, year).to_json() == reflectie(agenda, year).to_json()


class TestAtRisk:
    @given(agendas(), _year)
    @settings(max_examples=100)
    def test_needing_a_lagging_item_is_flagged(self, agenda: Agenda, year: int) -> None:
        """Every item that is not done and needs an item recorded as lagging is flagged at risk."""
        lagging_words = {s.id for s in agenda.config.statuses if s.lagging}
        done_words = {s.id for s in agenda.config.statuses if s.done}
        lagging = {
            item.id
            for item in agenda.items()
            if any(r.year == year and r.status in lagging_words for r in getattr(item, "status", ()))
        }
        flagged = {e.item for e in reflectie(agenda, year).entries if e.rule == "at-risk-dependency"}
        for item in agenda.items():
            records = sorted((r for r in getattr(item, "status", ()) if r.year <= year), key=lambda r: r.year)
            done = bool(records) and records[-1].status in done_words
            if not done and set(getattr(item, "needs", ())) & lagging:
                assert item.id in flagged


class TestAddingOnTrack:
    @given(agendas(), _year, st.data())
    @settings(max_examples=100)
    def test_an_on_track_item_adds_nothing_about_others(self, agenda: Agenda, year: int, data: st.DataObject) -> None:
        """Adding an on-track action that needs nothing never adds a reflectie entry about another item.

        (One that needs a lagging item is itself at risk, and makes its goal's roll-up lag by design.)
        """
        new = Action("nieuw", "Nieuw", status=(StatusRecord(year, "op-schema", note="goed"),))
        where = data.draw(st.integers(0, len(agenda.themes) - 1))
        theme = agenda.themes[where]
        if theme.goals and data.draw(st.booleans()):
            goal = theme.goals[0]
            theme = attrs.evolve(theme, goals=(attrs.evolve(goal, actions=(*goal.actions, new)), *theme.goals[1:]))
        else:
            theme = attrs.evolve(theme, actions=(*theme.actions, new))
        bigger = attrs.evolve(agenda, themes=(*agenda.themes[:where], theme, *agenda.themes[where + 1 :]))
        before = reflectie(agenda, year).entries
        after = [e for e in reflectie(bigger, year).entries if e.item != "nieuw"]
        assert {(e.item, e.rule) for e in after} <= {(e.item, e.rule) for e in before}
        if agenda.config.rollup == "worst":
            assert set(after) == set(before)
