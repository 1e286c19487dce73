"""Indicator charts as SVG text, written directly: no plotting library, so a report's charts take milliseconds.

:func:`svg` places the :class:`~agenda.render._chart_model.Panel` of each indicator
in a grid (one panel, or a theme's small multiples under a title).  Every text is
escaped and kept as text (searchable, selectable, readable by a screen reader);
the output is deterministic: no ids, dates or random numbers, coordinates rounded
to one decimal.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from xml.sax.saxutils import escape

from agenda.render._chart_model import AMBITION, BAND, BASE, LINE, TARGET, Legend, Panel

__all__ = ["HEIGHT", "WIDTH", "svg"]

#: One panel's size in SVG user units (pixels at 100 %), as the PNG's 5.2 × 3.4 inch at 100 dpi.
WIDTH, HEIGHT = 520, 340
_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
_TITLE_SIZE, _TICK_SIZE, _LEGEND_SIZE, _LABEL_SIZE = 12.5, 11.5, 10, 9.5
_GRID = "#dddddd"
_LEGEND_WIDTH = WIDTH - 30


def _width(text: str, size: float) -> float:
    """About how wide ``text`` is in DejaVu Sans at ``size`` (wide enough never to underestimate much)."""
    narrow, wide = "ijl.,:;'|!() ", "mwMW@%"
    units = sum(0.32 if c in narrow else 0.86 if c in wide else 0.68 if c.isupper() else 0.58 for c in text)
    return units * size


def _f(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x: float, y: float, text: str, size: float, *, anchor: str = "middle", fill: str = "#222222",
          weight: str | None = None) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}" fill="{fill}"{bold}>'
            f"{escape(text)}</text>")


def _wrap(text: str, size: float, width: float) -> list[str]:
    chars = max(10, int(width / (size * 0.6)))
    lines = textwrap.wrap(text, chars) or [""]
    while len(lines) > 1 and max(_width(ln, size) for ln in lines) > width and chars > 10:
        chars -= 2
        lines = textwrap.wrap(text, chars)
    return lines


def _star(cx: float, cy: float, r: float) -> str:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        pts.append(f"{_f(cx + rad * math.cos(angle))},{_f(cy - rad * math.sin(angle))}")
    return " ".join(pts)


def _symbol(kind: str, colour: str, x: float, y: float) -> str:
    """A legend symbol 22 wide, centred on ``y``, starting at ``x``."""
    if kind == "band":
        return f'<rect x="{_f(x)}" y="{_f(y - 5)}" width="22" height="10" fill="{BAND}" fill-opacity="0.5"/>'
    if kind == "baseline":
        return (f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 22)}" y2="{_f(y)}" stroke="{BASE}" '
                f'stroke-width="1.2" stroke-dasharray="4 3"/>')
    if kind == "reference":
        return (f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 22)}" y2="{_f(y)}" stroke="{colour}" '
                f'stroke-width="1.4" stroke-dasharray="5 3"/>')
    if kind in ("line", "area"):
        width = 2.2 if kind == "line" else 1.2
        return (f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 22)}" y2="{_f(y)}" stroke="{colour}" '
                f'stroke-width="{width}"/><circle cx="{_f(x + 11)}" cy="{_f(y)}" r="{3.5 if kind == "line" else 2.5}" '
                f'fill="{colour}"/>')
    if kind == "other":
        return f'<circle cx="{_f(x + 11)}" cy="{_f(y)}" r="3.5" fill="white" stroke="{colour}" stroke-width="1.3"/>'
    if kind == "target":
        return f'<line x1="{_f(x + 2)}" y1="{_f(y)}" x2="{_f(x + 20)}" y2="{_f(y)}" stroke="{TARGET}" stroke-width="3.5"/>'
    return f'<polygon points="{_star(x + 11, y, 6.5)}" fill="{AMBITION}"/>'


def _legend_rows(legend: Iterable[Legend], width: float) -> list[list[tuple[Legend, float]]]:
    """Entries in rows that fit ``width``: each entry with its width (symbol, gap, text, space after)."""
    rows: list[list[tuple[Legend, float]]] = [[]]
    used = 0.0
    for entry in legend:
        w = 22 + 5 + _width(entry.text, _LEGEND_SIZE) + 16
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append((entry, w))
        used += w
    return [r for r in rows if r]


def _panel(p: Panel, ox: float, oy: float, no_data: str, legend_rows: int) -> list[str]:
    out = [f'<g transform="translate({_f(ox)},{_f(oy)})">']
    title_lines = _wrap(p.title, _TITLE_SIZE, WIDTH - 20)[:2]
    for i, line in enumerate(title_lines):
        out.append(_text(WIDTH / 2, 18 + i * 15, line, _TITLE_SIZE, fill="#111111"))
    top = 18 + 15 * (len(title_lines) - 1) + 14
    rows = _legend_rows(p.legend, _LEGEND_WIDTH)
    left = 14 + max((_width(t, _TICK_SIZE) for t in p.y_labels), default=10)
    right = WIDTH - 14
    bottom = HEIGHT - 8 - 16 * legend_rows - 24  # the same in every panel of a grid, so the axes line up
    if p.empty and not p.years:
        out.append(_text(WIDTH / 2, (top + bottom) / 2, no_data, _TICK_SIZE + 1, fill="#555555"))
        out.append("</g>")
        return out
    x0, x1 = p.x_range
    y0, y1 = p.y_limits

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (right - left)

    def sy(y: float) -> float:
        return bottom - (y - y0) / ((y1 - y0) or 1.0) * (bottom - top)

    # Band, grid and axes first, the data over them.
    if p.band is not None:
        out.append(f'<rect x="{_f(sx(p.band - 0.4))}" y="{_f(top)}" width="{_f(sx(p.band + 0.4) - sx(p.band - 0.4))}" '
                   f'height="{_f(bottom - top)}" fill="{BAND}" fill-opacity="0.35"/>')
    for tick, label in zip(p.y_ticks, p.y_labels, strict=True):
        y = sy(tick)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" stroke="{_GRID}" stroke-width="0.6"/>')
        out.append(_text(left - 6, y + 3.5, label, _TICK_SIZE, anchor="end"))
    out.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" y2="{_f(bottom)}" stroke="#222222" stroke-width="0.8"/>')
    out.append(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" y2="{_f(bottom)}" stroke="#222222" '
               f'stroke-width="0.8"/>')
    step = 1 if len(p.years) <= 12 else 2
    for i, year in enumerate(p.years):
        x = sx(year)
        out.append(f'<line x1="{_f(x)}" y1="{_f(bottom)}" x2="{_f(x)}" y2="{_f(bottom + 4)}" stroke="#222222" '
                   f'stroke-width="0.8"/>')
        if i % step == 0:
            out.append(_text(x, bottom + 16, str(year), _TICK_SIZE))
    if p.baseline is not None:
        y = sy(p.baseline)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(right)}" y2="{_f(y)}" stroke="{BASE}" '
                   f'stroke-width="1.2" stroke-dasharray="5 4"/>')
    for a in p.areas:
        if len(a.points) > 1:
            pts = " ".join(f"{_f(sx(x))},{_f(sy(y))}" for x, y in a.points)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{a.colour}" stroke-width="1.2"/>')
        out += [f'<circle cx="{_f(sx(x))}" cy="{_f(sy(y))}" r="2.5" fill="{a.colour}"/>' for x, y in a.points]
    for r in p.references:  # a reference series: dashed and grey, beside the gemeente's own line
        if len(r.points) > 1:
            pts = " ".join(f"{_f(sx(x))},{_f(sy(y))}" for x, y in r.points)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{r.colour}" stroke-width="1.4" '
                       f'stroke-dasharray="5 3"/>')
        out += [f'<circle cx="{_f(sx(x))}" cy="{_f(sy(y))}" r="2" fill="{r.colour}"/>' for x, y in r.points]
    for x, words in p.breaks:  # a new definition: the line is broken here, and the mark says why
        out.append(f'<line x1="{_f(sx(x))}" y1="{_f(top)}" x2="{_f(sx(x))}" y2="{_f(bottom)}" stroke="{BASE}" '
                   f'stroke-width="1" stroke-dasharray="2 3"/>')
        out.append(_text(sx(x) + 3, top + 10, words, _LABEL_SIZE, anchor="start", fill=BASE))
    for t in p.targets:
        xa, xb, y = sx(t.year - 0.3), sx(t.year + 0.3), sy(t.value)
        if t.upper is not None:
            out.append(f'<rect x="{_f(xa)}" y="{_f(sy(t.upper))}" width="{_f(xb - xa)}" '
                       f'height="{_f(y - sy(t.upper))}" fill="{TARGET}" fill-opacity="0.15"/>')
        out.append(f'<line x1="{_f(xa)}" y1="{_f(y)}" x2="{_f(xb)}" y2="{_f(y)}" stroke="{TARGET}" stroke-width="3.5"/>')
        label_y = (sy(t.upper) if t.upper is not None else y) - 6
        out.append(_text(sx(t.year), label_y, t.text, _LABEL_SIZE, fill=TARGET))
    # Build the polylines from the points themselves (a None breaks the line).
    segments = []
    current: list[str] = []
    for x, value in p.line:
        if value is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(f"{_f(sx(x))},{_f(sy(value))}")
    if current:
        segments.append(current)
    for seg in segments:
        if len(seg) > 1:
            out.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{LINE}" stroke-width="2.2" '
                       f'stroke-linejoin="round"/>')
    for (x, value), label, place in zip(p.line, p.line_labels, p.line_places, strict=True):
        if value is None:
            continue
        cx, cy = sx(x), sy(value)
        out.append(f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="4" fill="{LINE}"/>')
        if place == "below":
            out.append(_text(cx, cy + 15, label, _LABEL_SIZE, fill=LINE))
        elif place == "above-left":
            out.append(_text(cx - 6, cy - 6, label, _LABEL_SIZE, anchor="end", fill=LINE))
        elif place == "above-right":
            out.append(_text(cx + 6, cy - 6, label, _LABEL_SIZE, anchor="start", fill=LINE))
        else:
            out.append(_text(cx, cy - 8, label, _LABEL_SIZE, fill=LINE))
    for x, value in p.others:
        out.append(f'<circle cx="{_f(sx(x))}" cy="{_f(sy(value))}" r="4" fill="white" stroke="{LINE}" '
                   f'stroke-width="1.3"/>')
    if p.ambition is not None:
        ax, ay = sx(p.ambition[0]), sy(p.ambition[1])
        out.append(f'<polygon points="{_star(ax, ay, 8)}" fill="{AMBITION}"/>')
        out.append(_text(ax, ay - 11, p.ambition_text, _LABEL_SIZE, fill=AMBITION))
    if p.empty:
        out.append(_text((left + right) / 2, (top + bottom) / 2, no_data, _TICK_SIZE + 1, fill="#555555"))
    y = bottom + 36
    for row in rows:
        total = sum(w for _, w in row) - 16
        x = (WIDTH - total) / 2
        for entry, w in row:
            out.append(_symbol(entry.kind, entry.colour, x, y - 3))
            out.append(_text(x + 27, y + 0.5, entry.text, _LEGEND_SIZE, anchor="start"))
            x += w
        y += 16
    out.append("</g>")
    return out


def svg(panels: list[Panel], title: str | None, no_data: str, description: str) -> str:
    """The panels in a grid of at most three columns, under ``title`` when given, as one SVG document."""
    n = max(len(panels), 1)
    cols = min(n, 3)
    rows = (n + cols - 1) // cols
    head = 34 if title else 0
    width, height = WIDTH * cols, HEIGHT * rows + head
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" font-family="{_FONT}">',
        f"<title>{escape(description)}</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    if title:
        out.append(_text(width / 2, 24, title, _TITLE_SIZE + 3, fill="#111111", weight="bold"))
    if not panels:
        out.append(_text(width / 2, head + HEIGHT / 2, no_data, _TICK_SIZE + 1, fill="#555555"))
    legend_rows = max((len(_legend_rows(p.legend, _LEGEND_WIDTH)) for p in panels), default=0)
    for i, p in enumerate(panels):
        out += _panel(p, WIDTH * (i % cols), head + HEIGHT * (i // cols), no_data, legend_rows)
    out.append("</svg>")
    return "\n".join(out) + "\n"
