"""The plan as a graph of ids: containment, dependencies, contributions and measurements.

:func:`build_graph` turns an :class:`~agenda.model.Agenda` into a :class:`PlanGraph`, a
thin wrapper around a :class:`networkx.MultiDiGraph` whose nodes are item ids only; the
objects stay in the ``Agenda`` (look them up with :meth:`Agenda.get`).  Every edge has an
:class:`EdgeKind`:

* ``CONTAINS`` plan → theme → pillar / tag / goal / action, and goal → action (a tree);
* ``GROUPS`` pillar or tag → the goals and actions that name it (membership, not a tree);
* ``NEEDS`` A → B when A needs B;
* ``CONTRIBUTES`` action → a goal it serves beyond its own;
* ``MEASURES`` indicator → the item it measures.

:func:`find_cycles` is pure standard library and linear in the size of the plan: it locates
the cycles :mod:`agenda._cycles` finds (the loader uses that module directly, to refuse
dependency cycles at validation without importing networkx).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from agenda._cycles import cycles_with_components
from agenda.model import Action, Agenda, Goal, Location, Pillar, Tag, Theme

__all__ = ["Cycle", "CycleError", "EdgeKind", "PlanGraph", "build_graph", "dependents_index", "find_cycles"]


class EdgeKind(enum.Enum):
    """What an edge between two ids means."""

    CONTAINS = "contains"  #: parent → child: plan → theme → pillar/tag/goal/action, goal → action
    GROUPS = "groups"  #: pillar or tag → a goal or action that names it
    NEEDS = "needs"  #: A → B: A needs B
    CONTRIBUTES = "contributes"  #: action → a goal (often in another theme) it serves
    MEASURES = "measures"  #: indicator → the item it measures


# --------------------------------------------------------------------------- cycles (stdlib only)


@attrs.frozen
class Cycle:
    """One dependency cycle: ``ids[0]`` needs ``ids[1]`` … needs ``ids[-1]``, which needs ``ids[0]``.

    ``locations[i]`` is where ``ids[i]`` was defined: the item that declares the edge
    ``ids[i] → ids[i+1]``.  ``component`` holds every id of the strongly connected
    component the cycle was found in, sorted; the cycle itself is one concrete path
    through it, starting at the smallest id.
    """

    ids: tuple[str, ...]
    locations: tuple[Location | None, ...]
    component: tuple[str, ...]

    def __str__(self) -> str:
        return " → ".join((*self.ids, self.ids[0]))

    def edges(self) -> Iterator[tuple[str, str, Location | None]]:
        """Each edge of the cycle as ``(from, to, location of the declaring item)``."""
        for i, item in enumerate(self.ids):
            yield item, self.ids[(i + 1) % len(self.ids)], self.locations[i]


class CycleError(ValueError):
    """The dependencies contain a cycle, so there is no order in which to do things."""

    def __init__(self, cycles: Iterable[Cycle]) -> None:
        self.cycles: tuple[Cycle, ...] = tuple(cycles)
        super().__init__("; ".join(str(c) for c in self.cycles))


def _needers(agenda: Agenda) -> Iterator[Goal | Action]:
    for theme in agenda.themes:
        for goal in theme.goals:
            yield goal
            yield from goal.actions
        yield from theme.actions


def _needs_map(agenda: Agenda) -> tuple[dict[str, list[str]], dict[str, Location | None]]:
    # id -> known ids it needs (declaration order, no duplicates); the first definition of an id wins.
    needs: dict[str, list[str]] = {}
    where: dict[str, Location | None] = {}
    for item in _needers(agenda):
        if not item.needs:
            continue
        where.setdefault(item.id, item.location)
        targets = needs.setdefault(item.id, [])
        for target in item.needs:
            if agenda.get(target) is not None and target not in targets:
                targets.append(target)
    return needs, where


def dependents_index(agenda: Agenda) -> dict[str, list[str]]:
    """Who needs what: ``id -> sorted ids of the items that directly need it``.

    Unknown ids in ``needs`` are skipped (the loader reports them).  Linear in the plan.
    """
    needs, _ = _needs_map(agenda)
    index: dict[str, list[str]] = {}
    for item, targets in needs.items():
        for target in targets:
            index.setdefault(target, []).append(item)
    for needers in index.values():
        needers.sort()
    return index


def find_cycles(agenda: Agenda) -> list[Cycle]:
    """Every dependency cycle over ``needs``, each strongly connected component reported once.

    A component with more than one item, or an item that needs itself, gives one
    :class:`Cycle` spelled out from its smallest id along the shortest way back.
    The result is sorted by that id, so it does not depend on the order of the file.
    Pure standard library; linear in the number of items and ``needs`` entries.
    """
    needs, where = _needs_map(agenda)
    return [
        Cycle(tuple(ids), tuple(where.get(i) for i in ids), tuple(component))
        for ids, component in cycles_with_components(needs)
    ]


# --------------------------------------------------------------------------- the networkx graph


class PlanGraph:
    """The plan's ids and typed edges; traversal without touching the model objects.

    Build it with :func:`build_graph`.  Node ids are item ids (the plan itself under
    ``agenda.id``); :meth:`kind` gives the level of a node (``"theme"``, ``"goal"`` …).
    """

    def __init__(self, graph: Any, order: Mapping[str, int]) -> None:
        # ``graph`` is a networkx.MultiDiGraph keyed by EdgeKind; networkx ships no type hints.
        self._graph = graph
        self._order = order

    def __contains__(self, item: object) -> bool:
        return item in self._order

    def __len__(self) -> int:
        return len(self._order)

    @property
    def nx(self) -> Any:
        """The underlying ``networkx.MultiDiGraph`` (edge key: :class:`EdgeKind`); do not modify it."""
        return self._graph

    def nodes(self) -> tuple[str, ...]:
        """Every id, in file order (the plan first)."""
        return tuple(self._order)

    def kind(self, item: str) -> str:
        """The level of ``item``: plan, theme, pillar, tag, goal, action or indicator."""
        return str(self._graph.nodes[self._check(item)]["kind"])

    def edges(self, kind: EdgeKind | None = None) -> list[tuple[str, str, EdgeKind]]:
        """Every edge ``(from, to, kind)`` of ``kind`` (all kinds when None), in file order."""
        return [(a, b, k) for a, b, k in self._graph.edges(keys=True) if kind is None or k is kind]

    def descendants(self, item: str, depth: int | None = None, kinds: Iterable[EdgeKind] | None = None) -> list[str]:
        """Ids reachable from ``item`` along edges of ``kinds``, at most ``depth`` steps away."""
        return self._walk(item, depth, kinds, forward=True)

    def ancestors(self, item: str, depth: int | None = None, kinds: Iterable[EdgeKind] | None = None) -> list[str]:
        """Ids from which ``item`` is reachable along edges of ``kinds``, at most ``depth`` steps away."""
        return self._walk(item, depth, kinds, forward=False)

    def dependencies(self, item: str) -> list[str]:
        """Everything ``item`` needs, directly or through what it needs."""
        return self.descendants(item, kinds=[EdgeKind.NEEDS])

    def dependents(self, item: str) -> list[str]:
        """Everything that needs ``item``, directly or through what it needs."""
        return self.ancestors(item, kinds=[EdgeKind.NEEDS])

    def around(self, item: str, depth: int = 1, kinds: Iterable[EdgeKind] | None = None) -> list[str]:
        """``item`` and the ids within ``depth`` edges of it in either direction, in file order."""
        near = {self._check(item)} | set(self._walk(item, depth, kinds, forward=None))
        return sorted(near, key=self._order.__getitem__)

    def subgraph(self, items: Iterable[str]) -> PlanGraph:
        """A :class:`PlanGraph` of ``items`` and the edges between them."""
        keep = {self._check(i) for i in items}
        order = {i: n for i, n in self._order.items() if i in keep}
        return PlanGraph(self._graph.subgraph(order).copy(), order)

    def topological_order(self) -> list[str]:
        """Every id, each after everything it needs; ties in file order.

        Raises :class:`CycleError` when the dependencies contain a cycle.
        """
        import networkx as nx  # type: ignore[import-untyped]  # networkx ships no type hints

        deps = nx.DiGraph()
        deps.add_nodes_from(self._order)
        deps.add_edges_from((b, a) for a, b, k in self._graph.edges(keys=True) if k is EdgeKind.NEEDS)
        try:
            return list(nx.lexicographical_topological_sort(deps, key=self._order.__getitem__))
        except nx.NetworkXUnfeasible:
            ids = [a for a, _ in nx.find_cycle(deps)][::-1]  # deps runs against ``needs``
            first = ids.index(min(ids))
            ids = ids[first:] + ids[:first]
            raise CycleError([Cycle(tuple(ids), (None,) * len(ids), tuple(sorted(ids)))]) from None

    def _check(self, item: str) -> str:
        if item not in self._order:
            raise KeyError(item)
        return item

    def _walk(self, item: str, depth: int | None, kinds: Iterable[EdgeKind] | None, forward: bool | None) -> list[str]:
        wanted = set(kinds) if kinds is not None else set(EdgeKind)
        graph = self._graph
        seen = {self._check(item)}
        found: list[str] = []
        frontier = [item]
        steps = 0
        while frontier and (depth is None or steps < depth):
            steps += 1
            nxt = []
            for node in frontier:
                nbrs: list[str] = []
                if forward is not False:
                    nbrs += [b for _, b, k in graph.out_edges(node, keys=True) if k in wanted]
                if forward is not True:
                    nbrs += [a for a, _, k in graph.in_edges(node, keys=True) if k in wanted]
                for nbr in nbrs:
                    if nbr not in seen:
                        seen.add(nbr)
                        found.append(nbr)
                        nxt.append(nbr)
            frontier = nxt
        return sorted(found, key=self._order.__getitem__)


def _kind_of(item: object) -> str:
    for cls, name in ((Theme, "theme"), (Pillar, "pillar"), (Tag, "tag"), (Goal, "goal"), (Action, "action")):
        if isinstance(item, cls):
            return name
    return "indicator"


def build_graph(agenda: Agenda) -> PlanGraph:
    """The :class:`PlanGraph` of ``agenda``.  References to unknown ids are left out."""
    import networkx as nx  # networkx is heavy: imported only when a graph is built

    graph = nx.MultiDiGraph()
    order: dict[str, int] = {agenda.id: 0}
    graph.add_node(agenda.id, kind="plan")
    for node in agenda.items():
        if node.id not in order:
            order[node.id] = len(order)
            graph.add_node(node.id, kind=_kind_of(node))

    def add(a: str, b: str, kind: EdgeKind) -> None:
        if a in order and b in order and not graph.has_edge(a, b, key=kind):
            graph.add_edge(a, b, key=kind)

    for theme in agenda.themes:
        add(agenda.id, theme.id, EdgeKind.CONTAINS)
        parts: list[Pillar | Tag | Goal | Action] = [*theme.pillars, *theme.tags, *theme.goals, *theme.actions]
        for part in parts:
            add(theme.id, part.id, EdgeKind.CONTAINS)
        for goal in theme.goals:
            for action in goal.actions:
                add(goal.id, action.id, EdgeKind.CONTAINS)
        members: list[Goal | Action] = [*theme.goals, *theme.all_actions()]
        for member in members:
            for group in (member.pillar, *member.tags):
                if group is not None:
                    add(group, member.id, EdgeKind.GROUPS)
            for target in member.needs:
                add(member.id, target, EdgeKind.NEEDS)
            if isinstance(member, Action):
                for goal_id in member.contributes_to:
                    add(member.id, goal_id, EdgeKind.CONTRIBUTES)
    for indicator in agenda.indicators:
        for measured in indicator.measures:
            add(indicator.id, measured, EdgeKind.MEASURES)
    return PlanGraph(graph, order)
