"""What an indicator chart shows, worked out once for every painter (SVG and matplotlib's PNG).

:func:`panel` turns an :class:`~agenda.model.Indicator` into a :class:`Panel` in data
coordinates: the line of published values (a year without a figure breaks it), the
other sources' figures, thin lines per wijk/kern when only those exist, the targets
as published, the baseline, the ambition, the reporting year, the axis ticks and
every label already written in the reader's notation (:func:`agenda.numbers.number`).
The painters only place what is here; they decide nothing about the plan.
"""

from __future__ import annotations

import math
from decimal import Decimal

import attrs

from agenda.model import Indicator
from agenda.numbers import number

__all__ = ["PALETTE", "AreaLine", "Legend", "Panel", "TargetMark", "has_chart", "nice_ticks", "panel"]

#: Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000")
LINE, TARGET, BASE, AMBITION, BAND = "#0072b2", "#d55e00", "#555555", "#009e73", "#f0e442"
REFERENCE = "#777777"


@attrs.frozen
class TargetMark:
    """One year's target: where its bar is, and its text as published (``< 550``)."""

    year: int
    value: float
    upper: float | None  #: the top of a range target
    text: str


@attrs.frozen
class AreaLine:
    """The figures of one wijk or kern, drawn thin, when the indicator has no total; or, ``dashed``,
    a reference series (the national average) beside the gemeente's own line."""

    name: str
    colour: str
    points: tuple[tuple[int, float], ...]
    dashed: bool = False


@attrs.frozen
class Legend:
    """One legend entry: ``kind`` names the symbol (band, baseline, line, other, target, ambition, area)."""

    kind: str
    text: str
    colour: str


@attrs.frozen
class Panel:
    """One indicator's chart in data coordinates, every label in the reader's notation."""

    title: str
    years: tuple[int, ...]  #: the x ticks, ascending (empty: no figures at all)
    x_range: tuple[float, float]
    y_ticks: tuple[float, ...]
    y_labels: tuple[str, ...]
    y_range: tuple[float, float]  #: the first and the last tick
    y_limits: tuple[float, float]  #: the axis: the ticks with room for a label above and below
    line: tuple[tuple[int, float | None], ...]  #: the first figure of each year; None breaks the line
    line_labels: tuple[str, ...]  #: the label of each point of ``line`` ('' for a gap)
    line_places: tuple[str, ...]  #: where each label goes: above, below, above-left or above-right
    others: tuple[tuple[int, float], ...]  #: further figures of a year (another source)
    areas: tuple[AreaLine, ...]
    targets: tuple[TargetMark, ...]
    baseline: float | None
    ambition: tuple[int, float] | None
    ambition_text: str  #: the ambition as published ('' without one)
    band: int | None  #: the reporting year
    legend: tuple[Legend, ...]
    empty: bool  #: nothing to draw: the painter says "no figures"
    references: tuple[AreaLine, ...] = ()  #: reference series, drawn dashed, never judged
    breaks: tuple[tuple[float, str], ...] = ()  #: where a new definition starts (x between years) and its words


def has_chart(indicator: Indicator) -> bool:
    """Whether ``indicator`` is worth a chart: one figure plus a baseline, a target or an ambition is enough.

    Two figures (a trend) are enough on their own; figures per wijk or kern count too.
    """
    figures = sum(1 for v in indicator.values if v.value is not None)
    if figures >= 2:
        return True
    reference = (indicator.baseline is not None and indicator.baseline.value is not None) or bool(
        indicator.targets) or indicator.ambition is not None
    return figures == 1 and reference


def _honest_span(low: float, high: float) -> tuple[float, float]:
    """``low``..``high`` widened, about its middle, to at least a tenth of the largest figure: a fall of a
    rapportcijfer from 7,1 to 7,0 must not fill the chart's height as if the figure had halved."""
    least = 0.1 * max(abs(low), abs(high))
    if high - low >= least:
        return low, high
    middle, half = (low + high) / 2, least / 2  # a tenth of the largest: never below 0 for figures that are not
    return middle - half, middle + half


def nice_ticks(low: float, high: float, most: int = 6, *, whole: bool = False) -> tuple[float, ...]:
    """Round tick values covering ``low``..``high``: steps of 1, 2, 2.5 or 5 times a power of ten.

    ``whole``: the figures are counts, so no tick falls between two whole numbers.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return (0.0, 1.0)
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(1, most - 1)
    if whole:
        raw = max(raw, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value = first + step * len(ticks)
    return tuple(ticks)


def _decimals(step: float) -> int:
    # Enough decimals to tell two ticks apart, no more (2,5 needs one, 0,25 two).
    for places in range(7):
        if abs(step * 10**places - round(step * 10**places)) < 1e-6:
            return places
    return 6


def _label(value: float, lang: str, decimals: int) -> str:
    return number(Decimal(repr(0.0 if value == 0 else value)), lang, decimals=decimals)


def _all_whole(indicator: Indicator) -> bool:
    """Whether every figure of the chart is a whole number as published (a count)."""
    numbers: list[object] = [v.value for v in indicator.values if v.value is not None]
    numbers += [t.current.value for t in indicator.targets]
    numbers += [t.current.upper for t in indicator.targets if t.current.upper is not None]
    if indicator.baseline is not None and indicator.baseline.value is not None:
        numbers.append(indicator.baseline.value)
    if indicator.ambition is not None:
        numbers.append(indicator.ambition.value)
    return bool(numbers) and all(isinstance(n, int) for n in numbers)


def _places(line: list[tuple[int, float | None]], targets: dict[int, float]) -> tuple[str, ...]:
    """Put each value label where the line is not: above a peak, below a valley, beside a slope.

    A target bar in the same year wins: the label goes to the side away from it.
    """
    out = []
    for i, (year, value) in enumerate(line):
        if value is None:
            out.append("above")
            continue
        if year in targets:
            out.append("below" if value < targets[year] else "above")
            continue
        prev = line[i - 1][1] if i > 0 else None
        nxt = line[i + 1][1] if i + 1 < len(line) else None
        above = [n for n in (prev, nxt) if n is not None and n > value]
        below = [n for n in (prev, nxt) if n is not None and n < value]
        if above and not below:
            out.append("below")
        elif above and below:
            out.append("above-right" if prev is not None and prev > value else "above-left")
        else:
            out.append("above")
    return tuple(out)


def panel(indicator: Indicator, year: int | None, lang: str, texts: dict[str, str],
          areas: dict[str, str]) -> Panel:
    """The chart of ``indicator``; ``texts`` holds the legend words in ``lang`` (values, other, target …)."""
    years = {v.year for v in indicator.values} | {t.year for t in indicator.targets}
    base = indicator.baseline
    if base is not None and base.year is not None:  # a nulmeting may be published without a year
        years.add(base.year)
    if indicator.ambition_year is not None:
        years.add(indicator.ambition_year)
    # Every figure is drawn in the unit of the latest year: a figure before a break in the unit is
    # converted with the break's factor (so a rise hidden by a new unit is still a rise); before a new
    # definition the line is broken and a mark says so.
    value_years = [v.year for v in indicator.values if v.value is not None]
    last = max(value_years) if value_years else (year or 0)
    unit = indicator.unit_in(last)

    def scaled(value: object, at: int | None) -> float:
        factor = indicator.factor(at, last) if at is not None else None
        return float(value) * float(factor) if factor is not None and at is not None else float(value)  # type: ignore[arg-type]

    line: list[tuple[int, float | None]] = []
    labels: list[str] = []
    others: list[tuple[int, float]] = []
    converted = False
    for y in sorted({v.year for v in indicator.values if v.area is None}):
        published = [v for v in indicator.values_in(y) if v.value is not None]
        if not published:
            line.append((y, None))
            labels.append("")
            continue
        first = published[0]
        assert first.value is not None
        factor = indicator.factor(y, last)
        before = next((x for x, v in reversed(line) if v is not None), None)
        if before is not None and indicator.factor(int(before), y) is None:
            line.append((y - 0.5, None))  # type: ignore[arg-type]  # a new definition between the two figures breaks the line
            labels.append("")
        convert = factor not in (None, 1)
        shown = (Decimal(first.value) * factor).normalize() if convert and factor is not None else first.value
        converted = converted or convert
        line.append((y, float(shown)))
        labels.append(("ca. " if first.approximate and lang == "nl" else "c. " if first.approximate else "")
                      + number(shown, lang))
        others += [(y, scaled(v.value, y)) for v in published[1:] if v.value is not None]
    area_lines: list[AreaLine] = []
    if not any(v is not None for _, v in line):
        for i, area in enumerate(sorted({v.area for v in indicator.values if v.area is not None})):
            pts = tuple(sorted((v.year, scaled(v.value, v.year)) for v in indicator.values
                               if v.area == area and v.value is not None))
            if pts:
                area_lines.append(AreaLine(areas.get(area, area), PALETTE[i % len(PALETTE)], pts))
    references = tuple(
        AreaLine(ref.name, REFERENCE, pts, dashed=True)
        for ref in indicator.references
        if (pts := tuple(sorted((v.year, float(v.value)) for v in ref.values if v.value is not None and v.area is None)))
    )
    for ref in references:
        years.update(x for x, _ in ref.points)
    breaks = tuple((b.year - 0.5, texts["definition"]) for b in indicator.breaks if b.factor is None)
    # Where the desired direction turns (fewer reports wanted, then more), a mark says so: the same line
    # that rose "the wrong way" before the turn rises the right way after it.
    breaks += tuple((t.year - 0.5, texts.get(f"turn-{t.direction.value}", "").format(year=t.year)) for t in indicator.turns
                    if years and min(years) < t.year <= max(years))
    # The gemeente's own target of each year (every area's when only areas are drawn).
    chosen = [indicator.target(y) or (next((t for t in indicator.targets_in(y) if t.each_area), None)
                                      if area_lines else None)
              for y in sorted({t.year for t in indicator.targets})]
    targets = tuple(
        TargetMark(t.year, scaled(t.current.value, t.year),
                   None if t.current.upper is None else scaled(t.current.upper, t.year), t.current.text)
        for t in chosen if t is not None
    )
    baseline = None
    if base is not None and base.value is not None:
        baseline = scaled(base.value, base.year) if base.year is not None else float(base.value)
    ambition = None
    if indicator.ambition is not None and indicator.ambition_year is not None:
        ambition = (indicator.ambition_year, float(indicator.ambition.value))
    if year is not None and years:
        years.add(year)
    ys = [v for _, v in line if v is not None] + [v for _, v in others] + [v for a in area_lines for _, v in a.points]
    ys += [v for r in references for _, v in r.points]
    ys += [t.value for t in targets] + [t.upper for t in targets if t.upper is not None]
    ys += [v for v in (baseline, ambition[1] if ambition else None) if v is not None]
    empty = not ys
    whole = _all_whole(indicator)
    ticks = nice_ticks(*_honest_span(min(ys), max(ys)), whole=whole) if ys else (0.0, 1.0)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    decimals = _decimals(step)
    x = sorted(years)
    legend: list[Legend] = []
    if year is not None and x:
        legend.append(Legend("band", texts["year"].format(year=year), BAND))
    if baseline is not None and base is not None:
        text = texts["baseline"].format(year=base.year) if base.year is not None else texts["baseline-plain"]
        legend.append(Legend("baseline", text, BASE))
    if any(v is not None for _, v in line):
        values = texts["values-converted"].format(unit=unit) if converted else texts["values"]
        legend.append(Legend("line", values, LINE))
    legend += [Legend("area", a.name, a.colour) for a in area_lines]
    legend += [Legend("reference", r.name, r.colour) for r in references]
    if others:
        legend.append(Legend("other", texts["other"], LINE))
    if targets:
        legend.append(Legend("target", texts["target"], TARGET))
    if ambition is not None:
        legend.append(Legend("ambition", texts["ambition"].format(year=ambition[0]), AMBITION))
    title = indicator.name + (f" ({unit})" if unit else "")
    return Panel(
        title=title,
        years=tuple(x),
        x_range=(x[0] - 0.6, x[-1] + 0.6) if x else (0.0, 1.0),
        y_ticks=ticks,
        y_labels=tuple(_label(t, lang, decimals) for t in ticks),
        y_range=(ticks[0], ticks[-1]),
        # Room below the lowest and above the highest tick for a point's label.
        y_limits=(ticks[0] - (ticks[-1] - ticks[0]) * 0.15, ticks[-1] + (ticks[-1] - ticks[0]) * 0.12),
        line=tuple(line),
        line_labels=tuple(labels),
        line_places=_places(line, {t.year: t.value for t in targets}),
        others=tuple(others),
        areas=tuple(area_lines),
        targets=targets,
        baseline=baseline,
        ambition=ambition,
        ambition_text=indicator.ambition.text if indicator.ambition is not None else "",
        band=year if x else None,
        legend=tuple(legend),
        empty=empty,
        references=references,
        breaks=breaks,
    )
