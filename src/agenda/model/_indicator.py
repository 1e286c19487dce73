"""Indicators: measured series with targets, a baseline, an ambition, areas, breaks and reference series.

The judgement of a figure against a target lives here, once: a target written with a
comparator (``"< 550"``, ``"min. 7,0"``) means what it says; a *bare* target (``4,5``, as
most begrotingen publish it) is read with the indicator's direction in that year — a
ceiling where lower is better, a floor where higher is better, and "exactly" only where
the indicator has no direction.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal

import attrs

from agenda.model._base import Location, Number, _loc
from agenda.numbers import is_whole

__all__ = [
    "Baseline",
    "Break",
    "Category",
    "Comparator",
    "Direction",
    "Indicator",
    "Reference",
    "Source",
    "Target",
    "Turn",
    "Value",
    "YearTarget",
]


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


_CEILINGS = (Comparator.LT, Comparator.LE)
_FLOORS = (Comparator.GT, Comparator.GE)


@attrs.frozen
class Target:
    """A target as published, e.g. ``"< 550"``, ``"min. 7,0"``, ``"plek 25"``, ``"10-20"`` or a bare ``4,5``.

    ``text`` is kept verbatim; ``comparator``/``value``/``upper`` are what it means.
    ``comparator`` is None for a bare number: :meth:`comparator_for` reads it with the
    indicator's direction.
    """

    text: str
    comparator: Comparator | None
    value: Number
    upper: Number | None = None  #: only for RANGE

    @property
    def bare(self) -> bool:
        """Whether the target was published without a comparator."""
        return self.comparator is None

    def comparator_for(self, direction: Direction) -> Comparator:
        """The comparator in force: the written one, or for a bare target the one ``direction`` implies."""
        if self.comparator is not None:
            return self.comparator
        if direction is Direction.LOWER:
            return Comparator.LE
        if direction is Direction.HIGHER:
            return Comparator.GE
        return Comparator.EQ

    def contradicts(self, direction: Direction) -> bool:
        """Whether the written comparator points the other way than ``direction`` (a floor where lower is better)."""
        return (direction is Direction.LOWER and self.comparator in _FLOORS) or (
            direction is Direction.HIGHER and self.comparator in _CEILINGS)

    def met_by(self, value: Number, direction: Direction = Direction.NONE) -> bool:
        """Whether ``value`` meets this target, a bare target read with ``direction``."""
        c, v = self.comparator_for(direction), self.value
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
    unit: str | None = None  #: when the unit of this figure differs from the indicator's
    location: Location | None = _loc()


@attrs.frozen
class Baseline:
    """The *nulmeting*: the figure the plan starts from, often published without a year of its own."""

    year: int | None = None
    value: Number | None = None
    approximate: bool = False
    text: str | None = None
    source: str | None = None
    note: str | None = None
    area: str | None = None
    unit: str | None = None
    location: Location | None = _loc()


@attrs.frozen
class YearTarget:
    """A target for one year: as first published, and as revised during the year.

    ``area`` makes it the target of one area (a wijk); ``each_area`` the target every
    area must meet ("iedere wijk minimaal 7,0").  ``measurement`` is the year of the
    figure it is judged on when that is not the target's own year (a monitor of 2021
    held against the coalition target for 2022).  ``source`` says where it was published.
    """

    year: int
    target: Target
    revised: Target | None = None
    note: str | None = None
    source: str | None = None
    area: str | None = None
    each_area: bool = False
    measurement: int | None = None
    location: Location | None = _loc()

    @property
    def current(self) -> Target:
        """The target in force: the revised one when there is one."""
        return self.revised or self.target

    @property
    def judged_on(self) -> int:
        """The year of the figure this target is judged on."""
        return self.measurement if self.measurement is not None else self.year


@attrs.frozen
class Turn:
    """From ``year`` on the indicator's desired direction is ``direction`` (fewer reports wanted, then more)."""

    year: int
    direction: Direction
    note: str | None = None
    location: Location | None = _loc()


@attrs.frozen
class Break:
    """A break in the series at ``year``: the unit or the definition changes from that year on.

    ``factor`` converts a figure from before the break into the new unit (``0.1`` from
    "per 10.000" to "per 1.000 inwoners"); without a factor (a new definition) figures on
    both sides are not compared.  ``unit`` is the unit from ``year`` on.
    """

    year: int
    unit: str | None = None
    factor: Decimal | None = None
    definition: str | None = None
    note: str | None = None
    location: Location | None = _loc()


@attrs.frozen
class Reference:
    """A series to compare with, never itself judged: the national average, similar gemeenten."""

    id: str
    name: str
    values: tuple[Value, ...] = ()
    source: Source | None = None
    note: str | None = None
    location: Location | None = _loc()

    def value(self, year: int) -> Value | None:
        """The first numeric value for ``year``, or None."""
        return next((v for v in self.values if v.year == year and v.value is not None), None)


@attrs.frozen
class Category:
    """One category of an indicator's breakdown."""

    id: str
    name: str


@attrs.frozen
class Indicator:
    """A measured series: values per year against targets, with a baseline and an ambition.

    ``values`` holds the published figures (the *total* where there is a
    breakdown, and figures per area with ``area``); ``breakdown`` holds the parts per
    year, keyed by category id, so the published total is kept beside its parts even
    when they do not add up.  ``direction`` is the desired direction, ``turns`` the
    years it changes; ``breaks`` the years the unit or definition changes;
    ``references`` the series it is compared with.  ``once`` marks a figure counted
    once, ``until`` the last year it is measured.
    """

    id: str
    name: str
    unit: str | None = None
    direction: Direction = Direction.NONE
    kind: str | None = None  #: count | percentage | score | rank | amount; None when the plan does not say
    measures: tuple[str, ...] = ()  #: ids of goals, actions or themes it measures
    theme: str | None = None
    description: str | None = None
    source: Source | None = None
    frequency: int | None = None  #: years between measurements (2 for the Veiligheidsmonitor)
    scope: str | None = None  #: e.g. "Nederland" for national figures shown for context
    baseline: Baseline | None = None
    targets: tuple[YearTarget, ...] = ()
    ambition: Target | None = None
    ambition_year: int | None = None
    values: tuple[Value, ...] = ()
    categories: tuple[Category, ...] = ()
    breakdown: Mapping[int, Mapping[str, Number]] = attrs.field(factory=dict)
    capacity: Number | None = None  #: a limit the figure cannot exceed (e.g. 100 Bibob checks a year)
    tolerance: Decimal | None = None  #: allowed move against the direction, as a fraction (0.1 = 10%)
    turns: tuple[Turn, ...] = ()
    breaks: tuple[Break, ...] = ()
    references: tuple[Reference, ...] = ()
    once: bool = False
    until: int | None = None
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

    def areas(self, year: int | None = None) -> tuple[str, ...]:
        """The areas with a value (in ``year``), in file order."""
        return tuple(dict.fromkeys(v.area for v in self.values
                                   if v.area is not None and (year is None or v.year == year)))

    def target(self, year: int, area: str | None = None) -> YearTarget | None:
        """The target for ``year``: of the whole gemeente, or with ``area`` of that area (its own, else the one
        every area must meet)."""
        if area is None:
            return next((t for t in self.targets if t.year == year and t.area is None and not t.each_area), None)
        own = next((t for t in self.targets if t.year == year and t.area == area), None)
        return own or next((t for t in self.targets if t.year == year and t.each_area), None)

    def targets_in(self, year: int) -> tuple[YearTarget, ...]:
        """Every target set for ``year``: the gemeente's, per area, for every area."""
        return tuple(t for t in self.targets if t.year == year)

    def direction_in(self, year: int) -> Direction:
        """The desired direction in ``year``: ``direction``, or the last turn at or before ``year``.

        A rank without a written direction is better when lower ("plek 25").
        """
        found = self.direction
        if found is Direction.NONE and self.kind == "rank":
            found = Direction.LOWER
        for turn in sorted(self.turns, key=lambda t: t.year):
            if turn.year <= year:
                found = turn.direction
        return found

    def unit_in(self, year: int) -> str | None:
        """The unit of the series in ``year``: the last break's unit at or before it, else ``unit``."""
        found = self.unit
        for brk in sorted(self.breaks, key=lambda b: b.year):
            if brk.year <= year and brk.unit is not None:
                found = brk.unit
        return found

    def factor(self, earlier: int, later: int) -> Decimal | None:
        """What a figure of ``earlier`` is multiplied by to compare it with one of ``later``.

        1 without a break in between; the product of the breaks' factors; None when a
        break in between has no factor (a new definition): then they are not comparable.
        """
        factor = Decimal(1)
        for brk in self.breaks:
            if earlier < brk.year <= later:
                if brk.factor is None:
                    return None
                factor *= brk.factor
        return factor

    def breaks_between(self, earlier: int, later: int) -> tuple[Break, ...]:
        """The breaks after ``earlier`` up to and including ``later``."""
        return tuple(b for b in self.breaks if earlier < b.year <= later)

    @property
    def counts(self) -> bool:
        """Whether the plan says this indicator counts (``kind: count`` or ``rank``, or a unit such as
        ``aantal``): its figures are whole numbers (:func:`agenda.numbers.is_whole`, the one rule)."""
        return is_whole(self.kind, self.unit)

    @property
    def years(self) -> tuple[int, ...]:
        """The years with a value, target or breakdown, ascending."""
        ys = {v.year for v in self.values} | {t.year for t in self.targets} | set(self.breakdown)
        return tuple(sorted(ys))
