"""Indicator charts: values over the years with targets, baseline and ambition; one indicator or a theme.

Drawn with matplotlib (the optional extra ``charts`` (``veiligheidsagenda[charts]``); without it
:class:`~agenda.render._backend.MissingExtraError` names the ``pip install``),
on the Agg backend, in SVG or PNG.

* the published values are a line with markers; a year without a figure
  (``value`` None, e.g. published as "-") is a gap in the line;
* where sources publish several figures for one year, the first is on the line
  and the others are open circles;
* targets are short horizontal bars labelled with their text as published
  (``< 550``), the revised target where there is one; the baseline (*nulmeting*)
  a dashed line; the ambition a star;
* the reporting year is a shaded band.

Text is drawn with ``parse_math=False``, so ``$`` and ``_`` in names are plain
characters.  SVG output is deterministic: fixed hash salt, no date, DejaVu Sans,
text kept as text (``svg.fonttype = none``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from agenda._i18n import Catalog, check_lang
from agenda.model import Agenda, Indicator, Number, Theme
from agenda.render._backend import MissingExtraError

__all__ = [
    "CHART_FORMATS",
    "MissingExtraError",
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
        "other": {"nl": "andere bron", "en": "other source"},
        "target": {"nl": "doel", "en": "target"},
        "baseline": {"nl": "nulmeting {year}", "en": "baseline {year}"},
        "ambition": {"nl": "ambitie {year}", "en": "ambition {year}"},
        "year": {"nl": "verslagjaar {year}", "en": "reporting year {year}"},
        "no-data": {"nl": "geen cijfers", "en": "no figures"},
        "unknown": {"nl": "Onbekende indicator {id!r}.", "en": "Unknown indicator {id!r}."},
        "unknown-theme": {"nl": "Onbekend thema {id!r}.", "en": "Unknown theme {id!r}."},
        "format": {
            "nl": "Onbekend formaat {fmt!r}; kies uit: {choices}.",
            "en": "Unknown format {fmt!r}; choose from: {choices}.",
        },
        "missing": {
            "nl": "Voor grafieken is matplotlib nodig: pip install matplotlib (of installeer agenda met het extra charts)",
            "en": "Charts need matplotlib: pip install matplotlib (or install agenda with the charts extra)",
        },
    },
)

_RC: dict[str, Any] = {
    "svg.hashsalt": "agenda",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "text.usetex": False,
    "text.parse_math": False,
    "path.simplify": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 9,
    # Okabe-Ito, for the lines per wijk/kern: distinguishable with every common colour-vision deficiency.
    "axes.prop_cycle": "cycler('color', ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'])",
}
_LINE, _OTHER, _TARGET, _BASE, _AMBITION, _BAND = "#0072b2", "#0072b2", "#d55e00", "#555555", "#009e73", "#f0e442"


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


@contextmanager
def _matplotlib(lang: str) -> Iterator[Any]:
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingExtraError(_("missing", lang)) from exc
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield plt


def _figure(
    agenda: Agenda, indicators: list[Indicator], year: int | None, fmt: str, lang: str, title: str | None
) -> bytes:
    check_lang(lang)
    if fmt not in CHART_FORMATS:
        raise ValueError(_("format", lang, fmt=fmt, choices=", ".join(CHART_FORMATS)))
    with _matplotlib(lang) as plt:
        n = max(len(indicators), 1)
        cols = min(n, 3)
        rows = (n + cols - 1) // cols
        fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 3.4 * rows), squeeze=False)
        try:
            flat = [ax for row in axes for ax in row]
            names = {a.id: a.name for a in agenda.areas}
            for ax, indicator in zip(flat, indicators, strict=False):
                _panel(ax, indicator, year, lang, names)
            for ax in flat[len(indicators) :]:
                ax.set_axis_off()
            if not indicators:
                flat[0].text(0.5, 0.5, _("no-data", lang), ha="center", va="center", transform=flat[0].transAxes)
            if title is not None:
                fig.suptitle(title, fontsize=12, parse_math=False)
            fig.tight_layout()
            buf = io.BytesIO()
            metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
            fig.savefig(buf, format=fmt, metadata=metadata)
        finally:
            plt.close(fig)
    return buf.getvalue()


def _f(value: Number) -> float:
    return float(value)


def _panel(ax: Any, indicator: Indicator, year: int | None, lang: str, areas: dict[str, str]) -> None:
    years = sorted({v.year for v in indicator.values} | {t.year for t in indicator.targets})
    if indicator.baseline is not None and indicator.baseline.year is not None:
        years = sorted({*years, indicator.baseline.year})
    if indicator.ambition_year is not None:
        years = sorted({*years, indicator.ambition_year})
    # The line: the first numeric figure of each year; a year without one breaks the line.
    xs, ys = [], []
    others_x, others_y = [], []
    for y in sorted({v.year for v in indicator.values if v.area is None}):
        published = [v for v in indicator.values_in(y) if v.value is not None]
        xs.append(y)
        first = published[0].value if published else None
        ys.append(float("nan") if first is None else _f(first))
        for extra in published[1:]:
            assert extra.value is not None
            others_x.append(y)
            others_y.append(_f(extra.value))
    if year is not None:
        ax.axvspan(year - 0.4, year + 0.4, color=_BAND, alpha=0.35, zorder=0, label=_("year", lang, year=year))
    base = indicator.baseline
    if base is not None and base.value is not None:
        ax.axhline(_f(base.value), color=_BASE, linestyle="--", linewidth=1, label=_("baseline", lang, year=base.year))
    if xs:
        ax.plot(xs, ys, color=_LINE, marker="o", linewidth=2, label=_("values", lang))
    if not xs:
        # Only figures per wijk/kern: one thin line per area, in id order.
        for area in sorted({v.area for v in indicator.values if v.area is not None}):
            pts = sorted((v.year, _f(v.value)) for v in indicator.values if v.area == area and v.value is not None)
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker=".", linewidth=1, label=areas.get(area, area))
    if others_x:
        ax.plot(
            others_x,
            others_y,
            linestyle="none",
            marker="o",
            markerfacecolor="none",
            color=_OTHER,
            label=_("other", lang),
        )
    labelled = False
    for t in sorted(indicator.targets, key=lambda t: t.year):
        target = t.current
        ax.hlines(
            _f(target.value),
            t.year - 0.3,
            t.year + 0.3,
            color=_TARGET,
            linewidth=3,
            label=None if labelled else _("target", lang),
        )
        ax.annotate(
            target.text,
            (t.year, _f(target.value)),
            textcoords="offset points",
            xytext=(0, 5),
            ha="center",
            color=_TARGET,
            fontsize=7,
            parse_math=False,
        )
        labelled = True
    if indicator.ambition is not None and indicator.ambition_year is not None:
        amb = indicator.ambition
        ax.plot(
            [indicator.ambition_year],
            [_f(amb.value)],
            marker="*",
            markersize=12,
            linestyle="none",
            color=_AMBITION,
            label=_("ambition", lang, year=indicator.ambition_year),
        )
    title = indicator.name + (f" ({indicator.unit})" if indicator.unit else "")
    ax.set_title(title, fontsize=9, parse_math=False, wrap=True)
    if years:
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], rotation=0)
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
    else:
        ax.text(0.5, 0.5, _("no-data", lang), ha="center", va="center", transform=ax.transAxes)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    if ax.get_legend_handles_labels()[0]:
        # Below the panel, so the legend never hides a figure.
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
