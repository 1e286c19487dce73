"""Indicator charts: values over the years with targets, baseline and ambition; one indicator or a theme.

What a chart shows is worked out once (:mod:`agenda.render._chart_model`) and drawn
by one of two painters:

* **SVG** (for the HTML report and ``agenda chart``) is written directly as text
  (:mod:`agenda.render._chart_svg`): no plotting library is imported, so the dozen
  charts of a report take milliseconds instead of seconds;
* **PNG** (to paste into Word) is drawn with matplotlib, the optional extra
  ``veiligheidsagenda[charts]``; without it :class:`~agenda.render._backend.MissingExtraError`
  names the ``pip install``.

Both show:

* the published values as a line with markers, each labelled with its figure in the
  reader's notation (``7,3``, ``12.500``); a year without a figure (``value`` None,
  e.g. published as "-") is a gap in the line;
* where sources publish several figures for one year, the first is on the line
  and the others are open circles;
* targets as short horizontal bars labelled with their text as published
  (``< 550``), the revised target where there is one (a range as a band); the
  baseline (*nulmeting*) a dashed line; the ambition a star;
* the reporting year as a shaded band; the axis in Dutch (or English) notation;
* the Okabe-Ito colours, which stay distinguishable with every common colour-vision
  deficiency.

SVG output is deterministic (no ids, no dates) and keeps text as text.
:func:`has_chart` says whether an indicator is worth a chart.
"""

from __future__ import annotations

from agenda._i18n import Catalog, check_lang
from agenda.model import Agenda, Indicator, Theme
from agenda.render._backend import MissingExtraError
from agenda.render._chart_model import Panel, has_chart, panel

__all__ = [
    "CHART_FORMATS",
    "MissingExtraError",
    "has_chart",
    "render_chart",
    "render_charts",
    "render_theme_charts",
    "theme_indicators",
]

#: The formats the charts are written in.
CHART_FORMATS = ("svg", "png")

_ = Catalog(
    "render-charts",
    {
        "values": {"nl": "realisatie", "en": "actual"},
        "values-converted": {"nl": "realisatie (eerdere jaren omgerekend naar {unit})",
                             "en": "actual (earlier years converted to {unit})"},
        "definition": {"nl": "nieuwe definitie", "en": "new definition"},
        "turn-higher": {"nl": "vanaf {year}: meer is beter", "en": "from {year}: higher is better"},
        "turn-lower": {"nl": "vanaf {year}: minder is beter", "en": "from {year}: lower is better"},
        "turn-none": {"nl": "vanaf {year}: geen richting", "en": "from {year}: no direction"},
        "other": {"nl": "andere bron", "en": "other source"},
        "target": {"nl": "doel", "en": "target"},
        "baseline": {"nl": "nulmeting {year}", "en": "baseline {year}"},
        "baseline-plain": {"nl": "nulmeting", "en": "baseline"},
        "ambition": {"nl": "ambitie {year}", "en": "ambition {year}"},
        "year": {"nl": "verslagjaar {year}", "en": "reporting year {year}"},
        "no-data": {"nl": "geen cijfers", "en": "no figures"},
        "chart-of": {"nl": "Grafiek van {name}", "en": "Chart of {name}"},
        "unknown": {"nl": "Onbekende indicator {id!r}.", "en": "Unknown indicator {id!r}."},
        "unknown-theme": {"nl": "Onbekend thema {id!r}.", "en": "Unknown theme {id!r}."},
        "format": {
            "nl": "Onbekend formaat {fmt!r}; kies uit: {choices}.",
            "en": "Unknown format {fmt!r}; choose from: {choices}.",
        },
        "missing": {
            "nl": "Voor grafieken als PNG is matplotlib nodig: pip install matplotlib (SVG kan zonder: --format svg)",
            "en": "PNG charts need matplotlib: pip install matplotlib (SVG needs nothing: --format svg)",
        },
    },
)


def render_chart(
    agenda: Agenda, indicator_id: str, year: int | None = None, fmt: str = "svg", lang: str = "nl"
) -> bytes:
    """One indicator's chart in ``fmt`` (svg or png), with ``year`` marked when given."""
    indicator = agenda.get(indicator_id)
    if not isinstance(indicator, Indicator):
        raise ValueError(_("unknown", lang, id=indicator_id))
    return _figure(agenda, [indicator], year, fmt, lang, title=None)


def theme_indicators(agenda: Agenda, theme_id: str) -> tuple[Indicator, ...]:
    """The indicators shown with a theme (its ``theme`` or what it measures), ordered by id."""
    found = [i for i in agenda.indicators if (t := agenda.theme_of(i.id)) is not None and t.id == theme_id]
    return tuple(sorted(found, key=lambda i: i.id))


def render_theme_charts(
    agenda: Agenda, theme_id: str, year: int | None = None, fmt: str = "svg", lang: str = "nl"
) -> bytes:
    """Small multiples: one figure with a panel per indicator of the theme (ordered by id)."""
    theme = agenda.get(theme_id)
    if not isinstance(theme, Theme):
        raise ValueError(_("unknown-theme", lang, id=theme_id))
    return _figure(agenda, list(theme_indicators(agenda, theme_id)), year, fmt, lang, title=theme.name)


def render_charts(
    agenda: Agenda, year: int | None = None, fmt: str = "svg", lang: str = "nl", *, per: str = "indicator"
) -> dict[str, bytes]:
    """Every chart: ``per="indicator"`` maps indicator id -> chart; ``per="theme"`` theme id -> small multiples.

    Keys are in id order; themes without indicators are left out.
    """
    if per == "theme":
        themes = sorted(t.id for t in agenda.themes if theme_indicators(agenda, t.id))
        return {t: render_theme_charts(agenda, t, year, fmt, lang) for t in themes}
    return {i.id: render_chart(agenda, i.id, year, fmt, lang) for i in sorted(agenda.indicators, key=lambda i: i.id)}


# --------------------------------------------------------------------------- drawing


def _figure(
    agenda: Agenda, indicators: list[Indicator], year: int | None, fmt: str, lang: str, title: str | None
) -> bytes:
    check_lang(lang)
    if fmt not in CHART_FORMATS:
        raise ValueError(_("format", lang, fmt=fmt, choices=", ".join(CHART_FORMATS)))
    texts = {key: _(key, lang, year="{year}")
             for key in ("values", "other", "target", "baseline", "baseline-plain", "ambition", "year", "definition",
                         "turn-higher", "turn-lower", "turn-none")}
    texts["values-converted"] = _("values-converted", lang, unit="{unit}")
    areas = {a.id: a.name for a in agenda.areas}
    panels: list[Panel] = [panel(ind, year, lang, texts, areas) for ind in indicators]
    no_data = _("no-data", lang)
    if fmt == "svg":
        from agenda.render._chart_svg import svg

        description = _("chart-of", lang, name=title if title is not None else
                        (panels[0].title if panels else no_data))
        return svg(panels, title, no_data, description).encode("utf-8")
    try:
        from agenda.render._chart_mpl import png
    except ImportError as exc:  # pragma: no cover - the module itself imports nothing optional
        raise MissingExtraError(_("missing", lang)) from exc
    try:
        return png(panels, title, no_data)
    except ImportError as exc:
        raise MissingExtraError(_("missing", lang)) from exc
