"""The plan's items — themes, pillars, tags, goals, actions — and the plan itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeAlias, TypeVar

import attrs

from agenda.model._base import Location, _loc
from agenda.model._budget import BudgetLine
from agenda.model._config import DEFAULT_CONFIG, Config
from agenda.model._indicator import Indicator

__all__ = ["Action", "Agenda", "Area", "Goal", "Item", "Pillar", "PlanRef", "StatusRecord", "Tag", "Theme", "Tracked"]

_M = TypeVar("_M")


@attrs.frozen
class StatusRecord:
    """The status of a goal, action or theme in one reporting year, with its explanation."""

    year: int
    status: str
    progress: int | None = None  #: percent, 0..100
    note: str | None = None
    recorded: str | None = None  #: ISO date (``2024-04-30``) or month (``2024-04``)
    location: Location | None = _loc()


class Tracked:
    """What themes, goals and actions share: a status per reporting year, and the one way to ask for it."""

    __slots__ = ()
    id: str
    status: tuple[StatusRecord, ...]

    def status_in(self, year: int) -> StatusRecord | None:
        """The status recorded for ``year``, or None."""
        for record in self.status:
            if record.year == year:
                return record
        return None

    def latest_status(self, year: int) -> StatusRecord | None:
        """The most recent status recorded in or before ``year``, or None."""
        found: StatusRecord | None = None
        for record in self.status:
            if record.year <= year and (found is None or record.year > found.year):
                found = record
        return found


@attrs.frozen
class Pillar(Tracked):
    """A line of approach inside a theme (*pijler*); some gemeenten report a status per pillar."""

    id: str
    name: str
    description: str | None = None
    status: tuple[StatusRecord, ...] = ()
    location: Location | None = _loc()


@attrs.frozen
class Tag:
    """A cross-cutting tag inside a theme: a *verschijningsvorm* or *speerpunt*."""

    id: str
    name: str
    kind: str = "verschijningsvorm"
    description: str | None = None
    location: Location | None = _loc()


@attrs.frozen
class Action(Tracked):
    """An *inspanning*: something the gemeente or its partners do.

    ``needs`` lists ids of items this action depends on ("A needs B");
    ``contributes_to`` lists goals (possibly in other themes) it serves beyond its own.
    ``start`` and ``end`` are years, or ISO months/dates as text.
    """

    id: str
    name: str
    description: str | None = None
    owner: str | None = None
    partners: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    result: str | None = None
    budget: tuple[BudgetLine, ...] = ()
    needs: tuple[str, ...] = ()
    contributes_to: tuple[str, ...] = ()
    pillar: str | None = None
    tags: tuple[str, ...] = ()
    status: tuple[StatusRecord, ...] = ()
    source: str | None = None  #: where in the source document this comes from
    location: Location | None = _loc()


@attrs.frozen
class Goal(Tracked):
    """A *doelstelling* with the actions that serve it; an ambition may hold sub-goals (``goals``)."""

    id: str
    name: str
    description: str | None = None
    pillar: str | None = None
    tags: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    needs: tuple[str, ...] = ()
    status: tuple[StatusRecord, ...] = ()
    source: str | None = None
    goals: tuple[Goal, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    location: Location | None = _loc()

    def all_goals(self) -> Iterator[Goal]:
        """This goal's sub-goals and theirs, depth first, in file order (not the goal itself)."""
        for goal in self.goals:
            yield goal
            yield from goal.all_goals()

    def all_actions(self) -> Iterator[Action]:
        """The goal's actions, then those of its sub-goals, in file order."""
        yield from self.actions
        for goal in self.goals:
            yield from goal.all_actions()


@attrs.frozen
class Theme(Tracked):
    """A *thema*: strategic, part of the *veiligheidsfundament*, or a theme of an earlier plan.

    ``plan`` names an earlier plan (see :class:`PlanRef`) when the theme belongs
    to it; ``continued_in`` names the themes that carry it on.  ``actions`` holds
    actions that hang directly under the theme, without a goal.
    """

    id: str
    name: str
    kind: str = "strategisch"
    description: str | None = None
    plan: str | None = None
    kbv: int | None = None  #: VNG Kernbeleid Veiligheid veld, 1..5
    continued_in: tuple[str, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    tags: tuple[Tag, ...] = ()
    goals: tuple[Goal, ...] = ()
    actions: tuple[Action, ...] = ()
    status: tuple[StatusRecord, ...] = ()
    source: str | None = None
    budget: tuple[BudgetLine, ...] = ()
    location: Location | None = _loc()

    def all_goals(self) -> Iterator[Goal]:
        """The theme's goals and their sub-goals, depth first, in file order."""
        for goal in self.goals:
            yield goal
            yield from goal.all_goals()

    def all_actions(self) -> Iterator[Action]:
        """The theme's actions: those under its goals (and sub-goals), then those directly under it."""
        for goal in self.goals:
            yield from goal.all_actions()
        yield from self.actions


@attrs.frozen
class PlanRef:
    """An earlier (or parallel) plan whose themes this file also carries."""

    id: str
    title: str
    period_start: int | None = None
    period_end: int | None = None
    adopted_by: str | None = None
    adopted_on: str | None = None
    location: Location | None = _loc()


@attrs.frozen
class Area:
    """A wijk or kern for values per area."""

    id: str
    name: str


Item: TypeAlias = "Agenda | Theme | Pillar | Tag | Goal | Action | Indicator"


@attrs.frozen
class Agenda:
    """A whole plan: the *Strategische Veiligheidsagenda* (or IVP) of one gemeente.

    Look items up by id with :meth:`get`; iterate with :meth:`goals`,
    :meth:`actions` and :meth:`items`.
    """

    gemeente: str
    title: str
    id: str = "agenda"
    motto: str | None = None
    adopted_by: str | None = None
    adopted_on: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    reporting_years: tuple[int, ...] = ()
    starter: bool = False  #: a plan being started: no themes yet is fine
    config: Config = DEFAULT_CONFIG
    plans: tuple[PlanRef, ...] = ()
    areas: tuple[Area, ...] = ()
    themes: tuple[Theme, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    source: str | None = None
    file: str | None = attrs.field(default=None, eq=False, repr=False)
    _index: Mapping[str, object] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    _themes_by_item: Mapping[str, Theme] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    _memo: dict[str, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        index: dict[str, object] = {}
        owner: dict[str, Theme] = {}
        for theme in self.themes:
            index.setdefault(theme.id, theme)
            owner.setdefault(theme.id, theme)
            for item in _theme_items(theme):
                index.setdefault(item.id, item)
                owner.setdefault(item.id, theme)
        for indicator in self.indicators:
            index.setdefault(indicator.id, indicator)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_themes_by_item", owner)

    def memo(self, key: str, compute: Callable[[], _M]) -> _M:
        """A fact derived from the plan (its graph, a year's roll-up), computed once and kept with it.

        The plan is immutable, so what is derived from it never goes stale; later stages of
        the pipeline ask through this so each is worked out once per loaded plan.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def items(self) -> Iterator[Theme | Pillar | Tag | Goal | Action | Indicator]:
        """Every identified item, in file order: themes with their contents, then indicators."""
        for theme in self.themes:
            yield theme
            yield from _theme_items(theme)
        yield from self.indicators

    def get(self, item_id: str) -> Theme | Pillar | Tag | Goal | Action | Indicator | None:
        """The item with ``item_id``, or None."""
        return self._index.get(item_id)  # type: ignore[return-value]

    def goals(self) -> Iterator[Goal]:
        """Every goal and sub-goal, in file order."""
        for theme in self.themes:
            yield from theme.all_goals()

    def actions(self) -> Iterator[Action]:
        """Every action, in file order."""
        for theme in self.themes:
            yield from theme.all_actions()

    def theme_of(self, item_id: str) -> Theme | None:
        """The theme an item belongs to (an indicator: its ``theme`` or what it measures)."""
        theme = self._themes_by_item.get(item_id)
        if theme is not None:
            return theme
        item = self.get(item_id)
        if isinstance(item, Indicator):
            if item.theme:
                found = self.get(item.theme)
                return found if isinstance(found, Theme) else None
            for measured in item.measures:
                if measured in self._themes_by_item:
                    return self._themes_by_item[measured]
        return None


def _theme_items(theme: Theme) -> Iterator[Pillar | Tag | Goal | Action]:
    yield from theme.pillars
    yield from theme.tags
    for goal in theme.goals:
        yield from _goal_items(goal)
    yield from theme.actions


def _goal_items(goal: Goal) -> Iterator[Goal | Action]:
    yield goal
    yield from goal.actions
    for sub in goal.goals:
        yield from _goal_items(sub)
