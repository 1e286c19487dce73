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

A goal or theme without a status of its own for the year shows the status derived
from its parts (:func:`agenda.query.rollup.rollup`), followed by the word
*afgeleid* / *derived*: the same status the report's tables show.

:func:`render_dot_page` draws a chosen set of items for a printed page: left to
right, no clusters or edge labels, text of at least :data:`PAGE_FONT` points, and
the title with a compact legend of only the statuses and edges it shows in one
label on top, so a picture and its legend never part.  The report uses it for its
overview and its diagram per theme (:mod:`agenda.render._report_figures` fits them
to A4).

The output is byte-identical for the same plan whatever the order of its YAML:
clusters are ordered by theme id, nodes by level and id, edges by kind and ids.

Large plans (more than :data:`LARGE` nodes) get layout limits — straight-line
edges, few network-simplex and mincross passes, no edge labels — so a plan of
5,000 items still lays out within the default timeout; drawing one theme or one
item's neighbourhood remains the readable choice for such plans.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from agenda._i18n import Catalog
from agenda.graph import EdgeKind, plan_graph
from agenda.model import Agenda, Status, Theme
from agenda.query.rollup import Rollup, record_in, rollup
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
    "FONTNAME",
    "LARGE",
    "PAGE_FONT",
    "DiagramResult",
    "GraphvizError",
    "GraphvizMissingError",
    "GraphvizTimeoutError",
    "effective_statuses",
    "render_dot",
    "render_dot_page",
    "render_image",
    "write_diagram",
]

#: Above this many nodes the layout is simplified so ``dot`` finishes in time.
LARGE = 1500

#: The font list of every diagram: Helvetica's metrics, then fonts that a default Windows (Arial,
#: Segoe UI Symbol) and Linux (DejaVu Sans) desktop have, so status marks such as ✓ ◐ ✗ never show as
#: empty boxes; a viewer takes each character from the first font in the list that has it.
FONTNAME = "Helvetica,Arial,DejaVu Sans,Segoe UI Symbol,sans-serif"

#: The size in points of all text in a page diagram (node labels and legend alike).
PAGE_FONT = 10

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
        "derived": {"nl": "afgeleid", "en": "derived"},
        "edge-contains": {"nl": "dunne grijze lijn: bevat", "en": "thin grey line: contains"},
        "edge-needs": {"nl": "dikke zwarte pijl: heeft nodig", "en": "bold black arrow: needs"},
        "edge-contributes": {"nl": "paarse stippellijn: draagt bij aan", "en": "purple dashed arrow: contributes to"},
        "edge-measures": {"nl": "gestippelde lijn: meet", "en": "dotted line: measures"},
        "derived-key": {"nl": "afgeleid: status uit de onderdelen", "en": "derived: status from its parts"},
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


def render_dot(
    agenda: Agenda,
    year: int,
    *,
    theme: str | None = None,
    around: str | None = None,
    depth: int = 1,
    lang: str = "nl",
) -> str:
    """The diagram of ``agenda`` coloured by the statuses for ``year``, as DOT text.

    ``theme`` limits it to one theme (with the items elsewhere its dependencies
    and contributions point at); ``around`` to the items within ``depth`` steps of
    one item, following every kind of edge both ways.  An unknown id raises
    ``ValueError``.
    """
    import graphviz  # type: ignore[import-untyped]

    nodes, all_edges = _plan_graph(agenda)
    chosen = _select(agenda, nodes, all_edges, theme=theme, around=around, depth=depth, lang=lang)
    edges = sorted({e for e in all_edges if e[1] in chosen and e[2] in chosen}, key=_edge_key)
    large = len(chosen) > LARGE
    shown = effective_statuses(agenda, year)

    g = graphviz.Digraph("agenda")
    g.attr("graph", **_graph_attrs(agenda, year, theme=theme, around=around, depth=depth, lang=lang, large=large))
    g.attr("node", fontname=FONTNAME, fontsize="10", margin="0.1,0.05")
    g.attr("edge", fontname=FONTNAME, fontsize="8")
    _legend(g, agenda, lang)
    by_theme: dict[str | None, list[_Node]] = {}
    for node in sorted((nodes[i] for i in chosen), key=_node_key):
        by_theme.setdefault(node.theme, []).append(node)
    for theme_id in sorted(by_theme, key=lambda t: (t is None, t or "")):
        members = by_theme[theme_id]
        if theme_id is None:
            for node in members:
                g.node(dot_id(node.id), **_node_attrs(agenda, node, shown, lang))
            continue
        found = agenda.get(theme_id)
        label = found.name if isinstance(found, Theme) else theme_id
        with g.subgraph(name=f"cluster_{dot_id(theme_id)}") as sub:
            sub.attr(label=dot_lines(wrap(label, 60)), style="rounded", color="#bbbbbb", fontsize="12")
            for node in members:
                sub.node(dot_id(node.id), **_node_attrs(agenda, node, shown, lang))
    for kind, tail, head in edges:
        attrs_ = dict(_EDGE_STYLE[kind])
        if kind in ("needs", "contributes") and not large:
            attrs_["label"] = dot_lines([_(kind, lang)])
        g.edge(dot_id(tail), dot_id(head), **attrs_)
    return str(g.source)


def render_dot_page(
    agenda: Agenda,
    year: int,
    items: Iterable[str],
    *,
    title: Sequence[str],
    lang: str = "nl",
    statuses: Mapping[str, tuple[str, bool]] | None = None,
    wrap_width: int = 28,
) -> str:
    """A diagram of the chosen ``items`` for a printed page, as DOT text.

    Left to right, without clusters or edge labels, every text :data:`PAGE_FONT`
    points; one label on top holds the ``title`` lines and a legend of the statuses
    and kinds of edge the picture shows.  Edges are drawn between chosen items only;
    ids the plan does not have are ignored.  ``statuses`` is what
    :func:`effective_statuses` returns (computed when None); pass it when drawing
    many parts of one plan.
    """
    import graphviz

    nodes, _all_edges = _plan_graph(agenda)
    chosen = list(dict.fromkeys(i for i in items if i in nodes))  # the caller's order: the plan's
    among = set(chosen)
    by_tail = _edges_by_tail(agenda)
    edges = sorted({e for tail in chosen for e in by_tail.get(tail, ()) if e[2] in among}, key=_edge_key)
    shown = effective_statuses(agenda, year) if statuses is None else statuses
    font = str(PAGE_FONT)
    g = graphviz.Digraph("agenda")
    g.attr("graph", rankdir="LR", newrank="true", labelloc="t", labeljust="l", fontname=FONTNAME, fontsize=font,
           nodesep="0.12", ranksep="0.3", margin="0.05", pad="0.05",
           label=_page_label(agenda, [nodes[i] for i in chosen], {e[0] for e in edges}, shown, title, lang))
    g.attr("node", fontname=FONTNAME, fontsize=font, margin="0.08,0.04")
    g.attr("edge", fontname=FONTNAME, fontsize=font)
    for node in (nodes[i] for i in chosen):
        g.node(dot_id(node.id), **_node_attrs(agenda, node, shown, lang, width=wrap_width))
    for kind, tail, head in edges:
        # A contribution is a side link: it does not set the columns, so the picture stays narrow.
        extra = {"constraint": "false"} if kind == "contributes" else {}
        g.edge(dot_id(tail), dot_id(head), **_EDGE_STYLE[kind], **extra)
    return str(g.source)


def effective_statuses(agenda: Agenda, year: int, roll: Rollup | None = None) -> dict[str, tuple[str, bool]]:
    """The status each theme, goal and action shows for ``year``: item id -> (status id, derived).

    An action shows its recorded status; a goal or theme its recorded status, or else
    the one :func:`agenda.query.rollup.rollup` derives from its parts (``derived`` True).
    Items with neither are left out.  ``roll`` reuses a roll-up already computed.
    """
    roll = roll if roll is not None else rollup(agenda, year)
    out: dict[str, tuple[str, bool]] = {}
    for action in agenda.actions():
        record = record_in(action.status, year)
        if record is not None:
            out.setdefault(action.id, (record.status, False))
    for rolled in roll:
        if rolled.recorded is not None:
            out.setdefault(rolled.item, (rolled.recorded.status, False))
        elif rolled.derived is not None:
            out.setdefault(rolled.item, (rolled.derived, True))
    return out


# --------------------------------------------------------------------------- the plan as nodes and edges


_DRAWN = {"theme", "goal", "action", "indicator"}
_KINDS = {EdgeKind.CONTAINS: "contains", EdgeKind.NEEDS: "needs", EdgeKind.CONTRIBUTES: "contributes",
          EdgeKind.MEASURES: "measures"}


def _plan_graph(agenda: Agenda) -> tuple[dict[str, _Node], set[tuple[str, str, str]]]:
    # The drawn part of the plan's graph (built once per plan): themes, goals, actions and indicators,
    # and the edges between them (not the plan itself, pillars or tags).
    return agenda.memo("dot-graph", lambda: _build_plan_graph(agenda))


def _edges_by_tail(agenda: Agenda) -> dict[str, list[tuple[str, str, str]]]:
    # The drawn edges grouped by the id they start from, so a page finds its own without a scan.
    def build() -> dict[str, list[tuple[str, str, str]]]:
        out: dict[str, list[tuple[str, str, str]]] = {}
        for edge in _plan_graph(agenda)[1]:
            out.setdefault(edge[1], []).append(edge)
        return out

    return agenda.memo("dot-edges-by-tail", build)


def _build_plan_graph(agenda: Agenda) -> tuple[dict[str, _Node], set[tuple[str, str, str]]]:
    graph = plan_graph(agenda)
    nodes: dict[str, _Node] = {}
    for node_id in graph.nodes():
        level = graph.kind(node_id)
        if level in _DRAWN:
            item = agenda.get(node_id)
            owner = agenda.theme_of(node_id)
            nodes[node_id] = _Node(node_id, level, owner.id if owner else None, getattr(item, "name", node_id))
    # An edge to an id the plan does not have is the validator's business, not the picture's.
    edges = {(_KINDS[k], a, b) for a, b, k in graph.edges() if k in _KINDS and a in nodes and b in nodes}
    return nodes, edges


def _select(
    agenda: Agenda,
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
        chosen &= _neighbourhood(agenda, around, depth, nodes)
    return chosen


def _neighbourhood(agenda: Agenda, start: str, depth: int, drawn: Iterable[str]) -> set[str]:
    # The items within ``depth`` drawn edges of ``start``, walked on the plan's graph.
    sub = plan_graph(agenda).subgraph(drawn)
    return set(sub.around(start, depth, kinds=_KINDS))


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
        "fontname": FONTNAME,
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


def _node_attrs(
    agenda: Agenda, node: _Node, shown: Mapping[str, tuple[str, bool]], lang: str, width: int = 32
) -> dict[str, str]:
    status_id, derived = shown.get(node.id, (None, False))
    status = agenda.config.status(status_id) if status_id is not None else None
    lines = wrap(node.name, width)
    if status is not None:
        lines.append(f"{status.mark} {status.label(lang)}".strip() + (f" ({_('derived', lang)})" if derived else ""))
    elif status_id is not None:
        lines.append(f"? {status_id}")
    out = _status_style(status, node.level)
    out["label"] = dot_lines(lines)
    out["tooltip"] = dot_lines([node.id])
    return out


def _page_label(
    agenda: Agenda,
    members: list[_Node],
    kinds: set[str],
    shown: Mapping[str, tuple[str, bool]],
    title: Sequence[str],
    lang: str,
) -> str:
    # One HTML-like label: the title lines, then a compact legend of what this picture shows.
    # Every text in it is XML-escaped; the graphviz package passes a <...> string through as HTML.
    used = {shown[n.id][0] for n in members if n.id in shown}
    derived = any(shown[n.id][1] for n in members if n.id in shown)
    bare = any(n.id not in shown for n in members if n.level != "indicator")
    cells = []
    for status in agenda.config.statuses:
        if status.id in used:
            text = html.escape(f"{status.mark} {status.label(lang)}".strip())
            colour = html.escape(status.colour)
            ink = _text_colour(status.colour)
            cells.append(f'<TD BGCOLOR="{colour}" BORDER="1"><FONT COLOR="{ink}">{text}</FONT></TD>')
    if bare:
        cells.append(f'<TD BORDER="1">{html.escape(_("no-status", lang))}</TD>')
    notes = [_(f"edge-{k}", lang) for k in _EDGE_KINDS if k in kinds and k != "contains"]
    if derived:
        notes.append(_("derived-key", lang))
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="12"><B>{html.escape(line)}</B></FONT></TD></TR>' for line in title]
    for start in range(0, len(cells), 5):
        chunk = "".join(cells[start : start + 5])
        rows.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2"><TR>{chunk}'
                    "</TR></TABLE></TD></TR>")
    if notes:
        rows.append(f'<TR><TD ALIGN="LEFT">{html.escape(" · ".join(notes))}</TD></TR>')
    return "<" + f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>' + ">"


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
