"""The report's indicator table: nulmeting, doel, realisatie and ambitie, as a Dutch begroting shows them.

:func:`indicator_table` is the one place that decides what each cell of that table
says; the HTML, Markdown and Word writers only lay the cells out.  To show a new kind
of indicator fact (a break in a series, a reference series, a target per area) extend
:class:`IndicatorRow` and this function, and the three formats follow.

Each cell is text as the reader writes it: figures in the notation of ``lang``
(``7,0``, not ``7``), targets as published (``"< 550"``), a revised target with its
original, an approximate figure with *ca.*, a value in another unit than the
indicator's with that unit.  A row per area follows the indicator's own row when
there are values per area.  What does not fit in a cell (a second source's figure,
the note of a revised target) becomes a numbered note under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import attrs

from agenda._i18n import Catalog
from agenda.model import Agenda, Break, Indicator, Number, Target, YearTarget
from agenda.numbers import number

__all__ = ["IndicatorRow", "IndicatorTable", "Published", "indicator_table", "value_cell"]

_ = Catalog(
    "render-report-indicators",
    {
        "indicator": {"nl": "Indicator", "en": "Indicator"},
        "baseline": {"nl": "Nulmeting", "en": "Baseline"},
        "target": {"nl": "Doel {year}", "en": "Target {year}"},
        "actual": {"nl": "Realisatie {year}", "en": "Actual {year}"},
        "ambition": {"nl": "Ambitie", "en": "Ambition"},
        "approx": {"nl": "ca. {value}", "en": "approx. {value}"},
        "none": {"nl": "–", "en": "–"},
        "in-year": {"nl": "{value} ({year})", "en": "{value} ({year})"},
        "revised": {"nl": "{revised} (bijgesteld; was {original})", "en": "{revised} (revised; was {original})"},
        "sources": {
            "nl": "{name}, {year}: {values}.",
            "en": "{name}, {year}: {values}.",
        },
        "from-source": {"nl": "{value} volgens {source}", "en": "{value} according to {source}"},
        "target-note": {"nl": "{name}, doel {year}: {note}", "en": "{name}, target {year}: {note}"},
        "break-unit": {
            "nl": "{name}: vanaf {year} in {unit}{was}; eerdere cijfers zijn omgerekend vergeleken.",
            "en": "{name}: from {year} in {unit}{was}; earlier figures are converted before comparing.",
        },
        "break-unit-was": {"nl": " (daarvoor {unit})", "en": " (before: {unit})"},
        "break-definition": {
            "nl": "{name}: vanaf {year} een nieuwe definitie ({definition}); cijfers van daarvoor zijn niet vergelijkbaar.",
            "en": "{name}: a new definition from {year} on ({definition}); earlier figures are not comparable.",
        },
        "reference": {"nl": "ter vergelijking: {name}", "en": "for comparison: {name}"},
    },
)


class Published(Protocol):
    """A published figure: a value of a year, or the nulmeting (whose year may be unknown)."""

    @property
    def year(self) -> int | None: ...
    @property
    def value(self) -> Number | None: ...
    @property
    def approximate(self) -> bool: ...
    @property
    def text(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...


@attrs.frozen
class IndicatorRow:
    """One row: an indicator (``area`` None) or one of its areas, with the four cells as text.

    ``name`` holds the indicator's name with its unit, or the area's name.  A cell with
    nothing published holds a dash; an area row leaves the cells that belong to the
    indicator as a whole (nulmeting, doel, ambitie) empty.  ``notes`` are the numbers of
    the table's notes this row refers to.
    """

    indicator: str
    area: str | None
    name: str
    baseline: str
    target: str
    actual: str
    ambition: str
    notes: tuple[int, ...] = ()


@attrs.frozen
class IndicatorTable:
    """The rows of one table, the column headings, and the numbered notes under it."""

    head: tuple[str, str, str, str, str]
    rows: tuple[IndicatorRow, ...]
    notes: tuple[str, ...]


def indicator_table(agenda: Agenda, indicators: Sequence[Indicator], year: int, lang: str = "nl") -> IndicatorTable:
    """The nulmeting/doel/realisatie/ambitie table of ``indicators`` for reporting year ``year``.

    * **Nulmeting**: the baseline with its year, in its own unit.
    * **Doel**: the target for ``year`` as published; a revised target shows the revision
      and the original.
    * **Realisatie**: the figure of ``year`` (every source's, when they differ, with a note);
      without one, the latest earlier figure, or else the first later one, with its year.
    * **Ambitie**: the end target as published, with its year.

    Rows per area follow an indicator with values per area, each with its own realisatie.
    """
    names = {a.id: a.name for a in agenda.areas}
    head = (_("indicator", lang), _("baseline", lang), _("target", lang, year=year), _("actual", lang, year=year),
            _("ambition", lang))
    rows: list[IndicatorRow] = []
    notes: list[str] = []

    def note(text: str) -> int:
        notes.append(text)
        return len(notes)

    for ind in indicators:
        refs: list[int] = []
        shown, extra = _actual(ind, year, None, lang)
        if extra:
            refs.append(note(_("sources", lang, name=ind.name, year=year, values="; ".join(extra))))
        goal = ind.target(year)
        if goal is not None and goal.note:
            refs.append(note(_("target-note", lang, name=ind.name, year=year, note=goal.note)))
        for brk in ind.breaks:  # a break shown in the table's years: said under it
            if brk.year <= year and (brk.year == year or any(v.year < brk.year for v in ind.values)):
                refs.append(note(_break_note(ind, brk, lang)))
        row_unit = ind.unit_in(year)
        unit = f" ({row_unit})" if row_unit else ""
        empty = _("none", lang)
        rows.append(IndicatorRow(
            indicator=ind.id,
            area=None,
            name=ind.name + unit,
            baseline=_dated(ind.baseline, ind, lang, year) if ind.baseline is not None else empty,
            target=_target(goal, lang) or empty,
            actual=shown or empty,
            ambition=_ambition(ind, lang) or empty,
            notes=tuple(refs),
        ))
        for area in _areas(agenda, ind):
            shown, extra = _actual(ind, year, area, lang)
            refs = [note(_("sources", lang, name=f"{ind.name}, {names.get(area, area)}", year=year,
                                  values="; ".join(extra)))] if extra else []
            own = ind.target(year, area)  # the area's own target, or the one every area must meet
            rows.append(IndicatorRow(ind.id, area, names.get(area, area), "", _target(own, lang),
                                     shown or _("none", lang), "", tuple(refs)))
        for reference in ind.references:  # the national average beside the gemeente: shown, never judged
            figure = reference.value(year) or next(
                (v for v in sorted(reference.values, key=lambda v: -v.year) if v.year < year and v.value is not None),
                None)
            rows.append(IndicatorRow(ind.id, None, _("reference", lang, name=reference.name), "", "",
                                     _dated_value(figure, ind, year, lang) if figure is not None else _("none", lang),
                                     ""))
    return IndicatorTable(head, tuple(rows), tuple(notes))


def _break_note(ind: Indicator, brk: Break, lang: str) -> str:
    if brk.factor is None:
        return _("break-definition", lang, name=ind.name, year=brk.year, definition=brk.definition or brk.note or "?")
    before = ind.unit_in(brk.year - 1)
    was = _("break-unit-was", lang, unit=before) if before and before != brk.unit else ""
    return _("break-unit", lang, name=ind.name, year=brk.year, unit=brk.unit or ind.unit_in(brk.year) or "", was=was)


def _dated_value(value: Published, ind: Indicator, year: int, lang: str) -> str:
    cell = value_cell(value, ind, lang)
    return cell if value.year == year else _("in-year", lang, value=cell, year=value.year)


def value_cell(value: Published, indicator: Indicator, lang: str, year: int | None = None) -> str:
    """One published value as text: its number (or its published text), *ca.* when approximate,
    and its own unit when that differs from the unit of the table's ``year`` (each figure in its own unit)."""
    if value.value is None:
        return value.text or ""
    text = number(value.value, lang)
    if value.approximate:
        text = _("approx", lang, value=text)
    own = value.unit or (indicator.unit_in(value.year) if value.year is not None else indicator.unit)
    shown = indicator.unit_in(year) if year is not None else indicator.unit
    if own and own != shown:
        text += f" {own}"
    return text


def _areas(agenda: Agenda, ind: Indicator) -> list[str]:
    # The plan's order of areas; an area the plan does not list comes last, by id.
    used = {v.area for v in ind.values if v.area is not None}
    order = {a.id: n for n, a in enumerate(agenda.areas)}
    return sorted(used, key=lambda a: (order.get(a, len(order)), a))


def _dated(value: Published, ind: Indicator, lang: str, year: int | None = None) -> str:
    # A nulmeting published without a year of its own is shown without one.
    cell = value_cell(value, ind, lang, year)
    return _("in-year", lang, value=cell, year=value.year) if value.year is not None else cell


def _actual(ind: Indicator, year: int, area: str | None, lang: str) -> tuple[str, list[str]]:
    # The cell and, when sources publish different figures for the year, the figures with their sources.
    published = [v for v in ind.values_in(year, area) if v.value is not None or v.text]
    if published:
        cells = list(dict.fromkeys(value_cell(v, ind, lang, year) for v in published))
        extra = []
        if len(cells) > 1:
            extra = [_("from-source", lang, value=value_cell(v, ind, lang, year), source=v.source) if v.source
                     else value_cell(v, ind, lang, year) for v in published]
        return " / ".join(cells), extra
    years = sorted({v.year for v in ind.values if v.area == area and v.value is not None})
    earlier = [y for y in years if y < year]
    other = earlier[-1] if earlier else next((y for y in years if y > year), None)
    if other is None:
        return "", []
    first = next(v for v in ind.values_in(other, area) if v.value is not None)
    return _dated(first, ind, lang, year), []


def _target(goal: YearTarget | None, lang: str) -> str:
    if goal is None:
        return ""
    if goal.revised is not None and goal.revised.text != goal.target.text:
        return _("revised", lang, revised=goal.revised.text, original=goal.target.text)
    return goal.current.text


def _ambition(ind: Indicator, lang: str) -> str:
    amb: Target | None = ind.ambition
    if amb is None:
        return ""
    return _("in-year", lang, value=amb.text, year=ind.ambition_year) if ind.ambition_year else amb.text
