"""The dependency diagram as DOT text: the whole plan, one theme, or the neighbourhood of one item.

:func:`render_dot` builds the diagram with the ``graphviz`` package (which
quotes every id and attribute); :func:`agenda.render._backend.render_image`
turns the text into SVG, PNG or PDF with Graphviz's ``dot``.

How it reads, also in black and white:

* a node's fill is the colour of its recorded status in the year (the plan's
  status vocabulary, Okabe-Ito colours by default), and its label ends with the
  status mark and word; lagging items get a bold dashed border, finished items a
  double border, items not started a dotted border; items without a recorded
  status stay white;
* themes, goals, actions and indicators have different shapes (folder, rounded
  box, box, note);
* containment (theme → goal → action) is thin, grey and without arrowhead;
  ``needs`` is bold and black with a filled arrowhead and a label;
  contributions are dashed purple with an open arrowhead; measurement is dotted;
* one cluster per theme, a legend cluster, and the plan title and year on top.

The output is byte-identical for the same plan whatever the order of its YAML:
clusters are ordered by theme id, nodes by level and id, edges by kind and ids.

Large plans (more than :data:`LARGE` nodes) get layout limits — straight-line
edges, few network-simplex and mincross passes, no edge labels — so a plan of
5,000 items still lays out within the default timeout; drawing one theme or one
item's neighbourhood remains the readable choice for such plans.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable
from typing import Any

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, Status, Theme
from agenda.render._backend import (
    DiagramResult,
    GraphvizError,
    GraphvizMissingError,
    GraphvizTimeoutError,
    render_image,
    write_diagram,
)
from agenda.render._quote import dot_id, dot_lines, wrap

__all__ = [
    "LARGE",
    "DiagramResult",
    "GraphvizError",
    "GraphvizMissingError",
    "GraphvizTimeoutError",
    "render_dot",
    "render_image",
    "write_diagram",
]

#: Above this many nodes the layout is simplified so ``dot`` finishes in time.
LARGE = 1500

_ = Catalog(
    "render-dot",
    {
        "title": {"nl": "{title} — {gemeente}", "en": "{title} — {gemeente}"},
        "year": {"nl": "status in verslagjaar {year}", "en": "status in reporting year {year}"},
        "theme": {"nl": "thema: {name}", "en": "theme: {name}"},
        "around": {"nl": "rond {name} (diepte {depth})", "en": "around {name} (depth {depth})"},
        "legend": {"nl": "Legenda", "en": "Legend"},
        "no-status": {"nl": "geen status", "en": "no status"},
        "contains": {"nl": "bevat", "en": "contains"},
        "needs": {"nl": "heeft nodig", "en": "needs"},
        "contributes": {"nl": "draagt bij aan", "en": "contributes to"},
        "measures": {"nl": "meet", "en": "measures"},
        "unknown": {"nl": "Onbekend onderdeel {id!r}.", "en": "Unknown item {id!r}."},
        "depth": {
            "nl": "De diepte moet 0 of meer zijn, niet {depth}.",
            "en": "The depth must be 0 or more, not {depth}.",
        },
    },
)

_LEVELS = ("theme", "goal", "action", "indicator")
_SHAPES = {"theme": ("folder", ""), "goal": ("box", "rounded"), "action": ("box", ""), "indicator": ("note", "")}
_EDGE_KINDS = ("contains", "needs", "contributes", "measures")
_EDGE_STYLE = {
    "contains": {"color": "#888888", "arrowhead": "none", "penwidth": "1"},
    "needs": {"color": "#000000", "style": "bold", "penwidth": "2.5", "arrowhead": "normal"},
    "contributes": {"color": "#cc79a7", "style": "dashed", "penwidth": "1.5", "arrowhead": "empty"},
    "measures": {"color": "#666666", "style": "dotted", "arrowhead": "odot"},
}
_LEGEND = "_legend"  # item ids start with a letter, so nothing in a plan can collide with this prefix


@attrs.frozen
class _Node:
    id: str
    level: str
    theme: str | None
    name: str
    records: tuple[tuple[int, str], ...]  # (year, status id)


def render_dot(
    agenda: Agenda,
    year: int,
    *,
    theme: str | None = None,
    around: str | None = None,
    depth: int = 1,
    lang: str = "nl",
) -> str:
    """The diagram of ``agenda`` coloured by the statuses recorded for ``year``, as DOT text.

    ``theme`` limits it to one theme (with the items elsewhere its dependencies
    and contributions point at); ``around`` to the items within ``depth`` steps of
    one item, following every kind of edge both ways.  An unknown id raises
    ``ValueError``.
    """
    import graphviz  # type: ignore[import-untyped]

    nodes, all_edges = _plan_graph(agenda)
    chosen = _select(nodes, all_edges, theme=theme, around=around, depth=depth, lang=lang)
    edges = sorted({e for e in all_edges if e[1] in chosen and e[2] in chosen}, key=_edge_key)
    large = len(chosen) > LARGE

    g = graphviz.Digraph("agenda")
    g.attr("graph", **_graph_attrs(agenda, year, theme=theme, around=around, depth=depth, lang=lang, large=large))
    g.attr("node", fontname="Helvetica,Arial,sans-serif", fontsize="10", margin="0.1,0.05")
    g.attr("edge", fontname="Helvetica,Arial,sans-serif", fontsize="8")
    _legend(g, agenda, lang)
    by_theme: dict[str | None, list[_Node]] = {}
    for node in sorted((nodes[i] for i in chosen), key=_node_key):
        by_theme.setdefault(node.theme, []).append(node)
    for theme_id in sorted(by_theme, key=lambda t: (t is None, t or "")):
        members = by_theme[theme_id]
        if theme_id is None:
            for node in members:
                g.node(dot_id(node.id), **_node_attrs(agenda, node, year, lang))
            continue
        found = agenda.get(theme_id)
        label = found.name if isinstance(found, Theme) else theme_id
        with g.subgraph(name=f"cluster_{dot_id(theme_id)}") as sub:
            sub.attr(label=dot_lines(wrap(label, 60)), style="rounded", color="#bbbbbb", fontsize="12")
            for node in members:
                sub.node(dot_id(node.id), **_node_attrs(agenda, node, year, lang))
    for kind, tail, head in edges:
        attrs_ = dict(_EDGE_STYLE[kind])
        if kind in ("needs", "contributes") and not large:
            attrs_["label"] = dot_lines([_(kind, lang)])
        g.edge(dot_id(tail), dot_id(head), **attrs_)
    return str(g.source)


# --------------------------------------------------------------------------- the plan as nodes and edges


def _plan_graph(agenda: Agenda) -> tuple[dict[str, _Node], set[tuple[str, str, str]]]:
    nodes: dict[str, _Node] = {}
    edges: set[tuple[str, str, str]] = set()

    def add(item: Theme | Goal | Action | Indicator, level: str, theme_id: str | None) -> None:
        records = () if isinstance(item, Indicator) else tuple((r.year, r.status) for r in item.status)
        nodes.setdefault(item.id, _Node(item.id, level, theme_id, item.name, records))

    for theme in agenda.themes:
        add(theme, "theme", theme.id)
        for goal in theme.goals:
            add(goal, "goal", theme.id)
            edges.add(("contains", theme.id, goal.id))
            edges.update(("needs", goal.id, target) for target in goal.needs)
            for action in goal.actions:
                add(action, "action", theme.id)
                edges.add(("contains", goal.id, action.id))
        for action in theme.actions:
            add(action, "action", theme.id)
            edges.add(("contains", theme.id, action.id))
        for action in theme.all_actions():
            edges.update(("needs", action.id, target) for target in action.needs)
            edges.update(("contributes", action.id, target) for target in action.contributes_to)
    for indicator in agenda.indicators:
        owner = agenda.theme_of(indicator.id)
        add(indicator, "indicator", owner.id if owner else None)
        edges.update(("measures", indicator.id, target) for target in indicator.measures)
    # An edge to an id the plan does not have is the validator's business, not the picture's.
    return nodes, {e for e in edges if e[1] in nodes and e[2] in nodes}


def _select(
    nodes: dict[str, _Node],
    edges: set[tuple[str, str, str]],
    *,
    theme: str | None,
    around: str | None,
    depth: int,
    lang: str,
) -> set[str]:
    chosen = set(nodes)
    if theme is not None:
        if theme not in nodes or nodes[theme].level != "theme":
            raise ValueError(_("unknown", lang, id=theme))
        inside = {n for n, node in nodes.items() if node.theme == theme}
        # Keep what the theme's dependencies and contributions point at, elsewhere in the plan.
        outside = {h for k, t, h in edges if t in inside and k != "contains"}
        outside |= {t for k, t, h in edges if h in inside and k != "contains"}
        chosen = inside | outside
    if around is not None:
        if around not in nodes:
            raise ValueError(_("unknown", lang, id=around))
        if depth < 0:
            raise ValueError(_("depth", lang, depth=depth))
        chosen &= _neighbourhood(around, depth, edges)
    return chosen


def _neighbourhood(start: str, depth: int, edges: Iterable[tuple[str, str, str]]) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for _kind, tail, head in edges:
        adjacent.setdefault(tail, set()).add(head)
        adjacent.setdefault(head, set()).add(tail)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        current, dist = queue.popleft()
        if dist == depth:
            continue
        for other in adjacent.get(current, ()):
            if other not in seen:
                seen.add(other)
                queue.append((other, dist + 1))
    return seen


def _node_key(node: _Node) -> tuple[int, str]:
    return (_LEVELS.index(node.level), node.id)


def _edge_key(edge: tuple[str, str, str]) -> tuple[int, str, str]:
    return (_EDGE_KINDS.index(edge[0]), edge[1], edge[2])


# --------------------------------------------------------------------------- attributes


def _graph_attrs(
    agenda: Agenda, year: int, *, theme: str | None, around: str | None, depth: int, lang: str, large: bool
) -> dict[str, str]:
    lines = [_("title", lang, title=agenda.title, gemeente=agenda.gemeente), _("year", lang, year=year)]
    if theme is not None:
        lines.append(_("theme", lang, name=_name(agenda, theme)))
    if around is not None:
        lines.append(_("around", lang, name=_name(agenda, around), depth=depth))
    out = {
        "label": dot_lines(lines),
        "labelloc": "t",
        "fontname": "Helvetica,Arial,sans-serif",
        "fontsize": "14",
        "rankdir": "LR",
        "compound": "true",
    }
    if not large:
        # newrank ranks across clusters; on thousands of nodes Graphviz 2.43 fails with it
        # ("trouble in init_rank"), so large plans use the classic ranking.
        out["newrank"] = "true"
    else:
        out |= {"splines": "line", "nslimit": "0.02", "nslimit1": "1", "mclimit": "0.1", "searchsize": "10"}
    return out


def _name(agenda: Agenda, item_id: str) -> str:
    item = agenda.get(item_id)
    return item.name if item is not None and hasattr(item, "name") else item_id


def _node_attrs(agenda: Agenda, node: _Node, year: int, lang: str) -> dict[str, str]:
    status_id = next((s for y, s in node.records if y == year), None)
    status = agenda.config.status(status_id) if status_id is not None else None
    lines = wrap(node.name)
    if status is not None:
        lines.append(f"{status.mark} {status.label(lang)}".strip())
    elif status_id is not None:
        lines.append(f"? {status_id}")
    out = _status_style(status, node.level)
    out["label"] = dot_lines(lines)
    out["tooltip"] = dot_lines([node.id])
    return out


def _status_style(status: Status | None, level: str) -> dict[str, str]:
    shape, extra = _SHAPES[level]
    styles = ["filled", *([extra] if extra else [])]
    out = {"shape": shape, "fillcolor": "#ffffff", "fontcolor": "#000000"}
    if status is not None:
        out["fillcolor"] = status.colour
        out["fontcolor"] = _text_colour(status.colour)
        if status.lagging:
            styles += ["bold", "dashed"]
            out["penwidth"] = "2.5"
        elif status.done:
            out["peripheries"] = "2"
        elif not status.started:
            styles.append("dotted")
    out["style"] = ",".join(styles)
    return out


def _text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (WCAG relative luminance)."""
    try:
        rgb = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except ValueError:
        return "#000000"
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if luminance > 0.179 else "#ffffff"


def _legend(g: Any, agenda: Agenda, lang: str) -> None:
    with g.subgraph(name=f"cluster_{_LEGEND}") as sub:
        sub.attr(label=dot_lines([_("legend", lang)]), style="rounded", color="#bbbbbb", fontsize="12")
        keys: list[str] = []
        for i, status in enumerate(agenda.config.statuses):
            attrs_ = _status_style(status, "action")
            attrs_["label"] = dot_lines([f"{status.mark} {status.label(lang)}".strip()])
            keys.append(f"{_LEGEND}_s{i}")
            sub.node(keys[-1], **attrs_)
        keys.append(f"{_LEGEND}_none")
        sub.node(keys[-1], label=dot_lines([_("no-status", lang)]), **_status_style(None, "action"))
        for level in _LEVELS:
            attrs_ = _status_style(None, level)
            attrs_["label"] = dot_lines([agenda.config.level(level, lang)])
            keys.append(f"{_LEGEND}_{level}")
            sub.node(keys[-1], **attrs_)
        # Invisible edges put the keys in rows of four, so the legend stays compact.
        for row in range(0, len(keys), 4):
            chunk = keys[row : row + 4]
            for left, right in itertools.pairwise(chunk):
                sub.edge(left, right, style="invis")
        for kind in _EDGE_KINDS:
            sub.node(f"{_LEGEND}_{kind}_a", label="", shape="point", width="0.05")
            sub.node(f"{_LEGEND}_{kind}_b", label="", shape="point", width="0.05")
            sub.edge(
                f"{_LEGEND}_{kind}_a", f"{_LEGEND}_{kind}_b", label=dot_lines([_(kind, lang)]), **_EDGE_STYLE[kind]
            )
