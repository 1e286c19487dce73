"""Hypothesis strategies that build random, valid plans directly with the model's constructors.

:func:`agendas` draws a whole :class:`~agenda.model.Agenda`: themes with goals and actions,
``needs`` between them (acyclic unless asked otherwise), statuses per year with or without a
note, planning years, and indicators with values, targets, capacity and a direction.
:func:`shuffled` returns the same plan with every list in another order.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from agenda.model import (
    DEFAULT_CONFIG,
    DEFAULT_STATUSES,
    Action,
    Agenda,
    Comparator,
    Direction,
    Goal,
    Indicator,
    StatusRecord,
    Target,
    Theme,
    Value,
    YearTarget,
)

__all__ = ["STATUS_IDS", "YEARS", "agendas", "needs_graphs", "shuffled"]

STATUS_IDS = tuple(s.id for s in DEFAULT_STATUSES)
YEARS = (2021, 2022, 2023)
T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _records(draw: Draw) -> tuple[StatusRecord, ...]:
    out = []
    for year in YEARS:
        status = draw(st.none() | st.sampled_from(STATUS_IDS))
        if status is not None:
            note = draw(st.none() | st.just("toelichting"))
            out.append(StatusRecord(year, status, note=note))
    return tuple(out)


def _year_text(draw: Draw) -> str | None:
    year = draw(st.none() | st.integers(2020, 2025))
    return None if year is None else draw(st.sampled_from([str(year), f"{year}-06"]))


def _needs(draw: Draw, earlier: list[str]) -> tuple[str, ...]:
    if not earlier:
        return ()
    return tuple(draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)))


@st.composite
def agendas(draw: Draw, *, cyclic: bool = False, max_themes: int = 3) -> Agenda:
    """A random valid plan; with ``cyclic`` the needs may form cycles."""
    counter = iter(range(10_000))
    ids: list[str] = []  # goals and actions drawn so far: what later items may need (acyclic)

    def needs_of() -> tuple[str, ...]:
        return () if cyclic else _needs(draw, ids)

    themes = []
    for t in range(draw(st.integers(1, max_themes))):
        goals = []
        for _ in range(draw(st.integers(0, 3))):
            goal_id = f"g{next(counter)}"
            actions = []
            for _ in range(draw(st.integers(0, 3))):
                action_id = f"a{next(counter)}"
                actions.append(
                    Action(
                        action_id,
                        action_id.upper(),
                        start=_year_text(draw),
                        end=_year_text(draw),
                        needs=needs_of(),
                        status=_records(draw),
                    )
                )
                ids.append(action_id)
            goals.append(
                Goal(
                    goal_id,
                    goal_id.upper(),
                    actions=tuple(actions),
                    needs=needs_of(),
                    status=_records(draw) if draw(st.booleans()) else (),
                )
            )
            ids.append(goal_id)
        direct = []
        for _ in range(draw(st.integers(0, 2))):
            action_id = f"a{next(counter)}"
            direct.append(
                Action(action_id, action_id.upper(), end=_year_text(draw), needs=needs_of(), status=_records(draw))
            )
            ids.append(action_id)
        themes.append(
            Theme(
                f"t{t}",
                f"Thema {t}",
                goals=tuple(goals),
                actions=tuple(direct),
                status=_records(draw) if draw(st.booleans()) else (),
            )
        )
    if cyclic and ids:
        themes = [_with_needs(theme, lambda: _needs(draw, ids)) for theme in themes]
    indicators = tuple(_indicator(draw, f"i{n}", ids) for n in range(draw(st.integers(0, 4))))
    config = attrs.evolve(DEFAULT_CONFIG, rollup=draw(st.sampled_from(["worst", "share"])))
    period = draw(st.none() | st.just((2020, 2023)))
    return Agenda(
        "Testdorp",
        "Plan",
        config=config,
        themes=tuple(themes),
        indicators=indicators,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
    )


def _with_needs(theme: Theme, needs: Callable[[], tuple[str, ...]]) -> Theme:
    goals = tuple(
        attrs.evolve(g, needs=needs(), actions=tuple(attrs.evolve(a, needs=needs()) for a in g.actions))
        for g in theme.goals
    )
    return attrs.evolve(theme, goals=goals, actions=tuple(attrs.evolve(a, needs=needs()) for a in theme.actions))


def _indicator(draw: Draw, indicator_id: str, ids: list[str]) -> Indicator:
    numbers = st.integers(0, 200) | st.decimals(0, 200, places=1)
    values = tuple(Value(y, draw(numbers)) for y in YEARS if draw(st.booleans()))
    targets = []
    for year in YEARS:
        if draw(st.booleans()):
            comparator = draw(st.sampled_from([Comparator.LT, Comparator.GE, Comparator.LE]))
            value = draw(st.integers(0, 200))
            targets.append(YearTarget(year, Target(f"{comparator.value} {value}", comparator, value)))
    return Indicator(
        indicator_id,
        indicator_id.upper(),
        direction=draw(st.sampled_from(list(Direction))),
        measures=(draw(st.sampled_from(ids)),) if ids and draw(st.booleans()) else (),
        values=values,
        targets=tuple(targets),
        capacity=draw(st.none() | st.integers(50, 200)),
        tolerance=draw(st.none() | st.just(Decimal("0.2"))),
    )


def _shuffle(rng: random.Random, items: tuple[T, ...]) -> tuple[T, ...]:
    out = list(items)
    rng.shuffle(out)
    return tuple(out)


def shuffled(agenda: Agenda, rng: random.Random) -> Agenda:
    """The same plan with themes, goals, actions and indicators each in another order."""
    themes = tuple(
        attrs.evolve(
            theme,
            goals=_shuffle(rng, tuple(attrs.evolve(g, actions=_shuffle(rng, g.actions)) for g in theme.goals)),
            actions=_shuffle(rng, theme.actions),
        )
        for theme in agenda.themes
    )
    return attrs.evolve(agenda, themes=_shuffle(rng, themes), indicators=_shuffle(rng, agenda.indicators))


@st.composite
def needs_graphs(draw: Draw, max_nodes: int = 7) -> dict[str, tuple[str, ...]]:
    """A random directed graph ``id -> ids it needs`` on at most ``max_nodes`` ids, cycles allowed."""
    nodes = [f"n{i}" for i in range(draw(st.integers(1, max_nodes)))]
    return {n: tuple(draw(st.lists(st.sampled_from(nodes), max_size=3, unique=True))) for n in nodes}
