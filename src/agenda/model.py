"""The frozen model of a safety plan: what a loaded ``agenda.yaml`` *is*.

Every class here is an immutable :mod:`attrs` class.  Validators check single
fields only; checks that span items (references, duplicate ids, totals) belong
to the loader.  Every item carries the :class:`Location` where it was defined;
locations never take part in equality, so a plan exported to JSON and loaded
again compares equal to the original.

The words a gemeente uses (level names, status words, theme kinds) are data in
:class:`Config`, never constants in code.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeAlias, TypeVar

import attrs

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_STATUSES",
    "Action",
    "Agenda",
    "Area",
    "BudgetKind",
    "BudgetLine",
    "Category",
    "Comparator",
    "Config",
    "Direction",
    "Goal",
    "Indicator",
    "Item",
    "Location",
    "Number",
    "Pillar",
    "PlanRef",
    "Source",
    "Status",
    "StatusRecord",
    "Tag",
    "Target",
    "Theme",
    "Tracked",
    "Value",
    "YearTarget",
]

_M = TypeVar("_M")

#: Figures are kept exactly as written: ``Decimal`` for fractions ("7,4"), ``int`` otherwise.
Number: TypeAlias = int | Decimal


@attrs.frozen(order=True)
class Location:
    """Where something was written: file, 1-based line and 1-based column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def _loc() -> Any:
    # Locations are metadata: they never decide equality or hashing.
    return attrs.field(default=None, eq=False, order=False, repr=False, kw_only=True)


# --------------------------------------------------------------------------- configuration


@attrs.frozen
class Status:
    """One word of a plan's status vocabulary.

    ``done`` and ``lagging`` say how the word counts; ``started`` is false only for
    words like *niet gestart*.  ``colour`` is a ``#rrggbb`` fill colour and
    ``mark`` a short symbol so diagrams still read in black and white.
    """

    id: str
    nl: str
    en: str
    done: bool = False
    lagging: bool = False
    started: bool = True
    colour: str = "#ffffff"
    mark: str = ""
    rank: int = 0  #: higher is worse; the roll-up takes the worst

    def label(self, lang: str) -> str:
        """The word in ``lang`` ("nl" or "en")."""
        return self.en if lang == "en" else self.nl


# Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
DEFAULT_STATUSES: tuple[Status, ...] = (
    Status("niet-gestart", "niet gestart", "not started", started=False, colour="#eeeeee", mark="○", rank=1),
    Status("loopt", "loopt", "in progress", colour="#56b4e9", mark="◐", rank=0),
    Status("op-schema", "op schema", "on track", colour="#009e73", mark="✓", rank=0),
    Status("vertraagd", "vertraagd", "delayed", lagging=True, colour="#e69f00", mark="!", rank=3),
    Status("risico", "risico", "at risk", lagging=True, colour="#d55e00", mark="‼", rank=4),
    Status("afgerond", "afgerond", "completed", done=True, colour="#0072b2", mark="●", rank=0),
    Status("gestopt", "gestopt", "stopped", lagging=True, colour="#999999", mark="✗", rank=5),
)


@attrs.frozen
class Config:
    """Per-plan words and rules: level names, status vocabulary, theme kinds, roll-up, reflectie."""

    language: str = "nl"
    #: level -> {"nl": word, "en": word}; levels: plan, theme, pillar, tag, goal, action, indicator
    levels: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    statuses: tuple[Status, ...] = DEFAULT_STATUSES
    #: theme kind id -> {"nl": word, "en": word}
    theme_kinds: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    #: "worst" (the worst status of the parts) or "share" (lagging when at least ``rollup_share`` of the parts lag)
    rollup: str = "worst"
    rollup_share: Decimal = Decimal("0.5")
    #: rule id -> settings; ``{"enabled": False}`` switches a reflectie rule off
    rules: Mapping[str, Mapping[str, object]] = attrs.field(factory=dict)

    def status(self, status_id: str) -> Status | None:
        """The vocabulary entry for ``status_id``, or None when the word is unknown."""
        for status in self.statuses:
            if status.id == status_id:
                return status
        return None

    def resolve_status(self, word: str) -> Status | None:
        """The vocabulary entry a person means by ``word``: its id, or its Dutch or English word, in any case.

        ``"Loopt"``, ``"on track"`` and ``"op-schema"`` all find their word; None when nothing matches.
        The plan file and the command line accept the same words through this one method.
        """
        found = self.status(word)
        if found is not None:
            return found
        wanted = _fold(word)
        for status in self.statuses:
            if wanted in (_fold(status.id), _fold(status.nl), _fold(status.en)):
                return status
        return None

    def level(self, level: str, lang: str) -> str:
        """The plan's own word for a level (``"theme"`` -> ``"thema"``) in ``lang``."""
        names = self.levels.get(level) or _DEFAULT_LEVELS[level]
        return names.get(lang) or _DEFAULT_LEVELS[level][lang]

    def theme_kind(self, kind: str, lang: str) -> str:
        """The plan's word for a theme kind in ``lang``; the id itself when unnamed."""
        names = self.theme_kinds.get(kind) or _DEFAULT_THEME_KINDS.get(kind) or {}
        return names.get(lang, kind)


def _fold(word: str) -> str:
    # "Op-Schema", "op schema" and "op  schema" are one word.
    return " ".join(word.replace("-", " ").replace("_", " ").split()).casefold()


_DEFAULT_LEVELS: Mapping[str, Mapping[str, str]] = {
    "plan": {"nl": "agenda", "en": "agenda"},
    "theme": {"nl": "thema", "en": "theme"},
    "pillar": {"nl": "pijler", "en": "pillar"},
    "tag": {"nl": "verschijningsvorm", "en": "manifestation"},
    "goal": {"nl": "doelstelling", "en": "goal"},
    "action": {"nl": "inspanning", "en": "action"},
    "indicator": {"nl": "indicator", "en": "indicator"},
}

_DEFAULT_THEME_KINDS: Mapping[str, Mapping[str, str]] = {
    "strategisch": {"nl": "strategisch thema", "en": "strategic theme"},
    "fundament": {"nl": "veiligheidsfundament", "en": "safety foundation"},
    "ontwikkelthema": {"nl": "ontwikkelthema", "en": "development theme"},
    "doorlopend": {"nl": "doorlopend thema", "en": "standing theme"},
}

DEFAULT_CONFIG = Config()


# --------------------------------------------------------------------------- status and budget


@attrs.frozen
class StatusRecord:
    """The status of a goal, action or theme in one reporting year, with its explanation."""

    year: int
    status: str
    progress: int | None = None  #: percent, 0..100
    note: str | None = None
    recorded: str | None = None  #: ISO date (``2024-04-30``) or month (``2024-04``)
    location: Location | None = _loc()


class BudgetKind(enum.Enum):
    """How a budget line recurs."""

    STRUCTURAL = "structureel"  #: every year from ``start``
    INCIDENTAL = "incidenteel"  #: for ``years`` years from ``start`` (or once)


@attrs.frozen
class BudgetLine:
    """An amount in euros for an action, possibly split into sub-items.

    ``every`` > 1 means the cost falls once per ``every`` years ("1x per 2 jaar");
    :meth:`annual` spreads it evenly.  ``start`` is None where the source gives no year.
    """

    amount: int
    kind: BudgetKind
    name: str | None = None
    start: int | None = None
    years: int | None = None
    every: int = 1
    items: tuple[BudgetLine, ...] = ()
    note: str | None = None
    location: Location | None = _loc()

    def annual(self) -> Decimal:
        """The yearly average in euros: ``amount / every``."""
        return Decimal(self.amount) / self.every

    def falls_in(self, year: int) -> bool:
        """Whether a payment falls in ``year`` (False when the start year is unknown)."""
        if self.start is None or year < self.start:
            return False
        if self.kind is BudgetKind.INCIDENTAL and year >= self.start + (self.years or 1):
            return False
        return (year - self.start) % self.every == 0


# --------------------------------------------------------------------------- indicators


class Direction(enum.Enum):
    """Which way an indicator should move."""

    LOWER = "lower"
    HIGHER = "higher"
    NONE = "none"  #: a count that is watched, not steered


class Comparator(enum.Enum):
    """How a target is compared with a value."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "="
    RANGE = "range"


@attrs.frozen
class Target:
    """A target as published, e.g. ``"< 550"``, ``"min. 7,0"``, ``"max. 25%"`` or ``"10-20"``.

    ``text`` is kept verbatim; ``comparator``/``value``/``upper`` are what it means.
    """

    text: str
    comparator: Comparator
    value: Number
    upper: Number | None = None  #: only for RANGE

    def met_by(self, value: Number) -> bool:
        """Whether ``value`` meets this target."""
        c, v = self.comparator, self.value
        if c is Comparator.LT:
            return value < v
        if c is Comparator.LE:
            return value <= v
        if c is Comparator.GT:
            return value > v
        if c is Comparator.GE:
            return value >= v
        if c is Comparator.EQ:
            return value == v
        assert self.upper is not None
        return v <= value <= self.upper


@attrs.frozen
class Source:
    """Where a figure comes from: a name, and optionally a url, a table id and a column."""

    name: str
    url: str | None = None
    table: str | None = None
    column: str | None = None

    def __str__(self) -> str:
        extra = ", ".join(p for p in (self.table, self.column) if p)
        return f"{self.name} ({extra})" if extra else self.name


@attrs.frozen
class Value:
    """One published value of an indicator for one year (and optionally one area).

    ``approximate`` marks figures published as "ongeveer 100"; ``text`` keeps a
    non-numeric publication such as ``"-"`` (then ``value`` is None).
    """

    year: int
    value: Number | None = None
    approximate: bool = False
    text: str | None = None
    source: str | None = None
    note: str | None = None
    area: str | None = None
    unit: str | None = None  #: when the unit of this year differs from the indicator's
    location: Location | None = _loc()


@attrs.frozen
class YearTarget:
    """The target for one year: as first published, and as revised during the year."""

    year: int
    target: Target
    revised: Target | None = None
    note: str | None = None
    location: Location | None = _loc()

    @property
    def current(self) -> Target:
        """The target in force: the revised one when there is one."""
        return self.revised or self.target


@attrs.frozen
class Category:
    """One category of an indicator's breakdown."""

    id: str
    name: str


@attrs.frozen
class Indicator:
    """A measured series: values per year against targets, with a baseline and an ambition.

    ``values`` holds the published figures (the *total* where there is a
    breakdown); ``breakdown`` holds the parts per year, keyed by category id, so
    the published total is kept beside its parts even when they do not add up.
    """

    id: str
    name: str
    unit: str | None = None
    direction: Direction = Direction.NONE
    kind: str = "count"  #: count | percentage | score | rank | amount
    measures: tuple[str, ...] = ()  #: ids of goals, actions or themes it measures
    theme: str | None = None
    description: str | None = None
    source: Source | None = None
    frequency: int | None = None  #: years between measurements (2 for the Veiligheidsmonitor)
    scope: str | None = None  #: e.g. "Nederland" for national figures shown for context
    baseline: Value | None = None
    targets: tuple[YearTarget, ...] = ()
    ambition: Target | None = None
    ambition_year: int | None = None
    values: tuple[Value, ...] = ()
    categories: tuple[Category, ...] = ()
    breakdown: Mapping[int, Mapping[str, Number]] = attrs.field(factory=dict)
    capacity: Number | None = None  #: a limit the figure cannot exceed (e.g. 100 Bibob checks a year)
    tolerance: Decimal | None = None  #: allowed move against the direction, as a fraction (0.1 = 10%)
    location: Location | None = _loc()

    def values_in(self, year: int, area: str | None = None) -> tuple[Value, ...]:
        """Every published value for ``year`` (several when sources differ)."""
        return tuple(v for v in self.values if v.year == year and v.area == area)

    def value(self, year: int, area: str | None = None) -> Value | None:
        """The first published numeric value for ``year``, or None."""
        for v in self.values_in(year, area):
            if v.value is not None:
                return v
        return None

    def target(self, year: int) -> YearTarget | None:
        """The target set for ``year``, or None."""
        for t in self.targets:
            if t.year == year:
                return t
        return None

    @property
    def years(self) -> tuple[int, ...]:
        """The years with a value, target or breakdown, ascending."""
        ys = {v.year for v in self.values} | {t.year for t in self.targets} | set(self.breakdown)
        return tuple(sorted(ys))


# --------------------------------------------------------------------------- the plan's items


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
class Pillar:
    """A line of approach inside a theme (*pijler*)."""

    id: str
    name: str
    description: str | None = None
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
    """A *doelstelling* with the actions that serve it."""

    id: str
    name: str
    description: str | None = None
    pillar: str | None = None
    tags: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    needs: tuple[str, ...] = ()
    status: tuple[StatusRecord, ...] = ()
    source: str | None = None
    location: Location | None = _loc()


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
    location: Location | None = _loc()

    def all_actions(self) -> Iterator[Action]:
        """The theme's actions: those under its goals, then those directly under it."""
        for goal in self.goals:
            yield from goal.actions
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
            yield from theme.pillars
            yield from theme.tags
            for goal in theme.goals:
                yield goal
                yield from goal.actions
            yield from theme.actions
        yield from self.indicators

    def get(self, item_id: str) -> Theme | Pillar | Tag | Goal | Action | Indicator | None:
        """The item with ``item_id``, or None."""
        return self._index.get(item_id)  # type: ignore[return-value]

    def goals(self) -> Iterator[Goal]:
        """Every goal, in file order."""
        for theme in self.themes:
            yield from theme.goals

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
        yield goal
        yield from goal.actions
    yield from theme.actions
