"""What the figures of an indicator mean: judged against targets, compared across years, against references.

The one home of indicator judgement.  The reflectie rules, ``diff``, the readiness
check, the tables and the charts all ask here, so a bare target, a direction that
turns, a value per area, a break in the series or a target judged on an earlier
measurement mean the same everywhere:

* :func:`judgements` — every target of a year held against the figure it is judged on:
  the gemeente's and each area's, a bare target read with the direction of that year;
* :func:`change` — how a figure moved between two years, converted across a break with
  a known factor, and refused (with the reason) across a new definition;
* :func:`against_baseline` — the latest figure against the *nulmeting*;
* :func:`against_reference` — the gemeente's move beside its reference series;
* :func:`table` — the four columns of a begroting (nulmeting, doel, realisatie, ambitie)
  per year, each figure in its own unit, with areas.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from agenda.model import (
    Baseline,
    Break,
    Comparator,
    Direction,
    Indicator,
    Number,
    Reference,
    Target,
    Value,
    YearTarget,
)

__all__ = [
    "Change",
    "Judgement",
    "ReferenceMove",
    "Row",
    "Table",
    "Trend",
    "against_baseline",
    "against_reference",
    "change",
    "judgements",
    "previous_year",
    "table",
]


class Trend(enum.Enum):
    """How a figure moved, measured against the desired direction."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    UNSTEERED = "unsteered"  #: the indicator has no desired direction in that year
    INCOMPARABLE = "incomparable"  #: a break without a factor lies between the two years


@attrs.frozen
class Judgement:
    """One target held against the figure it is judged on.

    ``comparator`` is the one in force (for a bare target, the one the direction of the
    year implies); ``value`` is the figure of ``target.judged_on``; ``area`` the area
    judged (None: the whole gemeente).
    """

    indicator: str
    target: YearTarget
    value: Value
    area: str | None
    comparator: Comparator
    direction: Direction
    met: bool

    @property
    def year(self) -> int:
        """The target's year."""
        return self.target.year


def judgements(indicator: Indicator, year: int) -> tuple[Judgement, ...]:
    """Every target of ``year`` held against its figure: the gemeente's first, then each area in file order.

    A target whose figure is not published (yet) gives no judgement.
    """
    out: list[Judgement] = []
    direction = indicator.direction_in(year)
    own = indicator.target(year)
    if own is not None:
        found = indicator.value(own.judged_on)
        if found is not None:
            out.append(_judge(indicator, own, found, None, direction))
    areas = indicator.areas()
    for target in indicator.targets_in(year):
        if target.area is None and not target.each_area:
            continue
        for area in (target.area,) if target.area is not None else areas:
            if area is None or (target.each_area and indicator.target(year, area) is not target):
                continue  # an area with a target of its own is judged on that one
            found = indicator.value(target.judged_on, area)
            if found is not None:
                out.append(_judge(indicator, target, found, area, direction))
    return tuple(out)


def _judge(indicator: Indicator, target: YearTarget, value: Value, area: str | None,
           direction: Direction) -> Judgement:
    assert value.value is not None
    current: Target = target.current
    return Judgement(indicator.id, target, value, area, current.comparator_for(direction), direction,
                     current.met_by(value.value, direction))


@attrs.frozen
class Change:
    """A figure in two years, and which way it moved in the direction of the later year.

    ``before`` and ``after`` are as published; ``converted`` is ``before`` in the unit of
    ``after_year`` (``before × factor``), None when the years are not comparable (a new
    definition lies between: ``breaks`` says which).  ``relative`` is the change as a
    fraction of ``converted``.
    """

    indicator: str
    area: str | None
    before_year: int
    before: Number
    after_year: int
    after: Number
    factor: Decimal | None
    breaks: tuple[Break, ...]
    direction: Direction
    trend: Trend

    @property
    def comparable(self) -> bool:
        """Whether the two figures can be compared (no break without a factor between them)."""
        return self.factor is not None

    @property
    def converted(self) -> Decimal | None:
        """``before`` in the unit of the later year; None when not comparable."""
        return None if self.factor is None else Decimal(self.before) * self.factor

    @property
    def relative(self) -> Decimal | None:
        """``(after - converted) / |converted|``; None when not comparable or ``converted`` is 0."""
        converted = self.converted
        if converted is None or converted == 0:
            return None
        return (Decimal(self.after) - converted) / abs(converted)

    @property
    def desired(self) -> bool | None:
        """True when it moved the desired way, False against it, None otherwise."""
        return {Trend.BETTER: True, Trend.WORSE: False}.get(self.trend)


def previous_year(indicator: Indicator, year: int, area: str | None = None) -> int | None:
    """The latest year before ``year`` with a published numeric figure (of ``area``), or None."""
    years = [v.year for v in indicator.values if v.area == area and v.value is not None and v.year < year]
    return max(years) if years else None


def change(indicator: Indicator, before_year: int, after_year: int, area: str | None = None) -> Change | None:
    """How the figure moved from ``before_year`` to ``after_year``; None when either has no figure."""
    first, last = indicator.value(before_year, area), indicator.value(after_year, area)
    if first is None or last is None or first.value is None or last.value is None:
        return None
    factor = indicator.factor(before_year, after_year)
    direction = indicator.direction_in(after_year)
    trend = _trend(direction, None if factor is None else Decimal(first.value) * factor, Decimal(last.value))
    return Change(indicator.id, area, before_year, first.value, after_year, last.value, factor,
                  indicator.breaks_between(before_year, after_year), direction, trend)


def _trend(direction: Direction, before: Decimal | None, after: Decimal) -> Trend:
    if before is None:
        return Trend.INCOMPARABLE
    if direction is Direction.NONE:
        return Trend.UNSTEERED
    if after == before:
        return Trend.SAME
    lower = after < before
    return Trend.BETTER if lower == (direction is Direction.LOWER) else Trend.WORSE


def against_baseline(indicator: Indicator, year: int) -> Change | None:
    """The latest figure up to ``year`` against the *nulmeting*, converted across breaks where possible.

    A nulmeting without a year counts as measured before every figure of the series.
    None without a nulmeting figure or a figure up to ``year``.
    """
    base = indicator.baseline
    if base is None or base.value is None:
        return None
    latest = max((v.year for v in indicator.values if v.area is None and v.value is not None and v.year <= year),
                 default=None)
    if latest is None:
        return None
    last = indicator.value(latest)
    assert last is not None and last.value is not None
    base_year = base.year if base.year is not None else min(
        [v.year for v in indicator.values] + [b.year - 1 for b in indicator.breaks], default=latest) - 1
    factor = indicator.factor(base_year, latest)
    if factor is not None and base.unit is not None and base.unit != indicator.unit_in(latest) \
            and not indicator.breaks_between(base_year, latest):
        factor = None  # a nulmeting in another unit, with no break to convert it by
    direction = indicator.direction_in(latest)
    trend = _trend(direction, None if factor is None else Decimal(base.value) * factor, Decimal(last.value))
    return Change(indicator.id, None, base_year, base.value, latest, last.value, factor,
                  indicator.breaks_between(base_year, latest), direction, trend)


@attrs.frozen
class ReferenceMove:
    """The gemeente's change beside its reference's over the same years."""

    reference: Reference
    own: Change
    before: Number
    after: Number

    @property
    def reference_relative(self) -> Decimal | None:
        """The reference's change as a fraction of its earlier figure."""
        return None if self.before == 0 else (Decimal(self.after) - Decimal(self.before)) / abs(Decimal(self.before))

    @property
    def gap(self) -> Decimal | None:
        """The gemeente's relative change minus the reference's (None when either is unknown)."""
        own, ref = self.own.relative, self.reference_relative
        return None if own is None or ref is None else own - ref

    @property
    def against(self) -> bool:
        """Whether the gemeente moved the undesired way compared with its reference."""
        gap = self.gap
        if gap is None or self.own.direction is Direction.NONE or gap == 0:
            return False
        return (gap > 0) == (self.own.direction is Direction.LOWER)


def against_reference(indicator: Indicator, year: int) -> Iterator[ReferenceMove]:
    """Each reference series with figures in the previous year and ``year``, beside the gemeente's change."""
    before_year = previous_year(indicator, year)
    if before_year is None:
        return
    own = change(indicator, before_year, year)
    if own is None or not own.comparable:
        return
    for ref in indicator.references:
        first, last = ref.value(before_year), ref.value(year)
        if first is not None and last is not None and first.value is not None and last.value is not None:
            yield ReferenceMove(ref, own, first.value, last.value)


# --------------------------------------------------------------------------- the four columns


@attrs.frozen
class Row:
    """One year of an indicator's table: target(s) and figure(s), each with the unit it was published in.

    ``targets`` are the targets of the year (original and revision kept in each
    :class:`~agenda.model.YearTarget`); ``values`` the gemeente's published figures;
    ``areas`` maps each area to its figure; ``unit`` is the unit of the year;
    ``breaks`` the breaks that start this year.
    """

    year: int
    unit: str | None
    targets: tuple[YearTarget, ...]
    values: tuple[Value, ...]
    areas: tuple[tuple[str, Value], ...]
    breaks: tuple[Break, ...]
    judgements: tuple[Judgement, ...]


@attrs.frozen
class Table:
    """An indicator as a begroting publishes it: *nulmeting*, *doel*, *realisatie*, *ambitie*, per year."""

    indicator: Indicator
    baseline: Baseline | None
    rows: tuple[Row, ...]
    ambition: Target | None
    ambition_year: int | None
    areas: tuple[str, ...]


def table(indicator: Indicator, years: tuple[int, ...] | None = None) -> Table:
    """The four columns of ``indicator`` for ``years`` (every year with a value or target when None)."""
    chosen = years if years is not None else indicator.years
    rows = []
    for year in chosen:
        rows.append(Row(
            year=year,
            unit=indicator.unit_in(year),
            targets=indicator.targets_in(year),
            values=indicator.values_in(year),
            areas=tuple((v.area, v) for v in indicator.values if v.year == year and v.area is not None),
            breaks=tuple(b for b in indicator.breaks if b.year == year),
            judgements=judgements(indicator, year),
        ))
    return Table(indicator, indicator.baseline, tuple(rows), indicator.ambition, indicator.ambition_year,
                 indicator.areas())
