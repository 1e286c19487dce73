"""Indicator charts as PNG, drawn with matplotlib from the same :class:`~agenda.render._chart_model.Panel`.

matplotlib is the optional extra ``veiligheidsagenda[charts]``; it is imported only here, and
only when a PNG is asked for.  The figure is laid out once with fixed margins
(no ``tight_layout``) and drawn once by ``savefig``.
"""

from __future__ import annotations

import io
from typing import Any

from agenda.render._chart_model import AMBITION, BAND, BASE, LINE, PALETTE, TARGET, Panel

__all__ = ["png"]

_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "text.usetex": False,
    "text.parse_math": False,
    "path.simplify": False,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 9,
    "axes.prop_cycle": "cycler('color', " + repr(list(PALETTE)) + ")",
}


def png(panels: list[Panel], title: str | None, no_data: str) -> bytes:
    """The panels in a grid of at most three columns as PNG bytes.  Raises ImportError without matplotlib."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        n = max(len(panels), 1)
        cols = min(n, 3)
        rows = (n + cols - 1) // cols
        head = 0.4 if title else 0.0
        fig = Figure(figsize=(5.2 * cols, 3.4 * rows + head))
        FigureCanvasAgg(fig)
        # Fixed margins instead of tight_layout: room for the title above and the legend below each panel.
        fig.subplots_adjust(left=0.11 / cols * 1.2, right=0.98, top=1 - (0.45 + head) / (3.4 * rows + head),
                            bottom=0.95 / (3.4 * rows + head), hspace=0.75, wspace=0.3)
        axes = fig.subplots(rows, cols, squeeze=False)
        flat = [ax for row in axes for ax in row]
        for ax, p in zip(flat, panels, strict=False):
            _draw(ax, p, no_data)
        for ax in flat[len(panels):]:
            ax.set_axis_off()
        if not panels:
            flat[0].text(0.5, 0.5, no_data, ha="center", va="center", transform=flat[0].transAxes)
        if title is not None:
            fig.suptitle(title, fontsize=12, fontweight="bold")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def _draw(ax: Any, p: Panel, no_data: str) -> None:
    if p.band is not None:
        ax.axvspan(p.band - 0.4, p.band + 0.4, color=BAND, alpha=0.35, zorder=0)
    if p.baseline is not None:
        ax.axhline(p.baseline, color=BASE, linestyle="--", linewidth=1)
    for a in p.areas:
        ax.plot([x for x, _ in a.points], [y for _, y in a.points], marker=".", linewidth=1, color=a.colour)
    for r in p.references:
        ax.plot([x for x, _ in r.points], [y for _, y in r.points], marker=".", linewidth=1.2, linestyle="--",
                color=r.colour)
    for x, words in p.breaks:
        ax.axvline(x, color=BASE, linestyle=":", linewidth=1)
        ax.annotate(words, (x, 1), xycoords=("data", "axes fraction"), textcoords="offset points",
                    xytext=(3, -10), ha="left", color=BASE, fontsize=7)
    for t in p.targets:
        if t.upper is not None:
            ax.fill_between([t.year - 0.3, t.year + 0.3], t.value, t.upper, color=TARGET, alpha=0.15, linewidth=0)
        ax.hlines(t.value, t.year - 0.3, t.year + 0.3, color=TARGET, linewidth=3)
        ax.annotate(t.text, (t.year, t.upper if t.upper is not None else t.value), textcoords="offset points",
                    xytext=(0, 5), ha="center", color=TARGET, fontsize=7)
    xs = [x for x, _ in p.line]
    ys = [float("nan") if v is None else v for _, v in p.line]
    if any(v is not None for _, v in p.line):
        ax.plot(xs, ys, color=LINE, marker="o", linewidth=2)
        offsets = {"below": ((0, -12), "center"), "above-left": ((-4, 4), "right"),
                   "above-right": ((4, 4), "left"), "above": ((0, 6), "center")}
        for (x, v), label, place in zip(p.line, p.line_labels, p.line_places, strict=True):
            if v is None:
                continue
            offset, align = offsets[place]
            ax.annotate(label, (x, v), textcoords="offset points", xytext=offset, ha=align, color=LINE, fontsize=7)
    if p.others:
        ax.plot([x for x, _ in p.others], [y for _, y in p.others], linestyle="none", marker="o",
                markerfacecolor="white", color=LINE)
    if p.ambition is not None:
        ax.plot([p.ambition[0]], [p.ambition[1]], marker="*", markersize=12, linestyle="none", color=AMBITION)
        ax.annotate(p.ambition_text, p.ambition, textcoords="offset points", xytext=(0, 8), ha="center",
                    color=AMBITION, fontsize=7)
    ax.set_title(p.title, fontsize=9, wrap=True)
    if p.years:
        ax.set_xticks(p.years)
        ax.set_xticklabels([str(y) for y in p.years])
        ax.set_xlim(*p.x_range)
        ax.set_ylim(*p.y_limits)
        ax.set_yticks(p.y_ticks)
        ax.set_yticklabels(p.y_labels)
    if p.empty:
        ax.text(0.5, 0.5, no_data, ha="center", va="center", transform=ax.transAxes)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [_handle(e.kind, e.colour) for e in p.legend]
    if handles:
        long = sum(len(e.text) for e in p.legend) > 70  # long words: fewer columns, so nothing is cut off
        ax.legend(handles, [e.text for e in p.legend], fontsize=7, frameon=False, loc="upper center",
                  bbox_to_anchor=(0.5, -0.12), ncol=2 if long else 3)


def _handle(kind: str, colour: str) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if kind == "band":
        return Patch(color=BAND, alpha=0.5)
    if kind == "baseline":
        return Line2D([], [], color=BASE, linestyle="--", linewidth=1)
    if kind == "line":
        return Line2D([], [], color=colour, marker="o", linewidth=2)
    if kind == "area":
        return Line2D([], [], color=colour, marker=".", linewidth=1)
    if kind == "reference":
        return Line2D([], [], color=colour, linestyle="--", linewidth=1.2)
    if kind == "other":
        return Line2D([], [], color=colour, marker="o", markerfacecolor="white", linestyle="none")
    if kind == "target":
        return Line2D([], [], color=TARGET, linewidth=3)
    return Line2D([], [], color=AMBITION, marker="*", markersize=10, linestyle="none")
