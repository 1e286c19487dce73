"""The plan as a graph of ids: containment, dependencies, contributions and measurements.

:func:`plan_graph` gives the :class:`PlanGraph` of an :class:`~agenda.model.Agenda`, built
once per loaded plan and shared by everything that follows a relation: the reflectie rules,
impact, the diagrams and the readiness check.  Its nodes are item ids only; the objects stay
in the ``Agenda`` (look them up with :meth:`Agenda.get`).  Every edge has an
:class:`EdgeKind`:

* ``CONTAINS`` plan → theme → pillar / tag / goal / action, and goal → action (a tree);
* ``GROUPS`` pillar or tag → the goals and actions that name it (membership, not a tree);
* ``NEEDS`` A → B when A needs B;
* ``CONTRIBUTES`` action → a goal it serves beyond its own;
* ``MEASURES`` indicator → the item it measures.

The graph is plain adjacency lists, so building and walking it costs no import of networkx;
:attr:`PlanGraph.nx` hands the same graph to networkx for whoever wants its algorithms.
:func:`find_cycles` locates the cycles of :mod:`agenda._cycles`, the one cycle finder (the
loader uses it to refuse dependency cycles, :meth:`PlanGraph.topological_order` to name one).
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from agenda._cycles import cycles_with_components
from agenda._gc import paused
from agenda.model import Action, Agenda, Goal, Location, Pillar, Tag, Theme

__all__ = ["Cycle", "CycleError", "EdgeKind", "PlanGraph", "build_graph", "dependents_index", "find_cycles", "plan_graph"]


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
        for goal in theme.all_goals():
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
    """Who needs what: ``id -> sorted ids of the items that directly need it`` (from :func:`plan_graph`)."""
    graph = plan_graph(agenda)
    return {node: sorted(needers) for node in graph.nodes() if (needers := graph.needed_by(node))}


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


# --------------------------------------------------------------------------- the graph


_ALL = frozenset(EdgeKind)


class PlanGraph:
    """The plan's ids and typed edges; traversal without touching the model objects.

    Get it with :func:`plan_graph` (built once per plan) or :func:`build_graph`.  Node ids
    are item ids (the plan itself under ``agenda.id``); :meth:`kind` gives the level of a
    node (``"theme"``, ``"goal"`` …).  Every list comes out in file order.
    """

    def __init__(self, order: Mapping[str, int], kinds: Mapping[str, str],
                 edges: Sequence[tuple[str, str, EdgeKind]]) -> None:
        self._order = dict(order)
        self._kinds = dict(kinds)
        self._edges = list(edges)
        self._out: dict[str, list[tuple[str, EdgeKind]]] = {n: [] for n in self._order}
        self._in: dict[str, list[tuple[str, EdgeKind]]] = {n: [] for n in self._order}
        for a, b, kind in self._edges:
            self._out[a].append((b, kind))
            self._in[b].append((a, kind))
        self._nx: Any = None

    def __contains__(self, item: object) -> bool:
        return item in self._order

    def __len__(self) -> int:
        return len(self._order)

    @property
    def nx(self) -> Any:
        """The same graph as a ``networkx.MultiDiGraph`` (edge key: :class:`EdgeKind`); made on first use."""
        if self._nx is None:
            import networkx as nx  # type: ignore[import-untyped]  # networkx is heavy and ships no type hints

            graph = nx.MultiDiGraph()
            graph.add_nodes_from((n, {"kind": self._kinds[n]}) for n in self._order)
            graph.add_edges_from((a, b, kind) for a, b, kind in self._edges)
            self._nx = graph
        return self._nx

    def nodes(self) -> tuple[str, ...]:
        """Every id, in file order (the plan first)."""
        return tuple(self._order)

    def kind(self, item: str) -> str:
        """The level of ``item``: plan, theme, pillar, tag, goal, action or indicator."""
        return self._kinds[self._check(item)]

    def edges(self, kind: EdgeKind | None = None) -> list[tuple[str, str, EdgeKind]]:
        """Every edge ``(from, to, kind)`` of ``kind`` (all kinds when None), in file order."""
        return [e for e in self._edges if kind is None or e[2] is kind]

    def successors(self, item: str, kind: EdgeKind) -> list[str]:
        """The ids ``item`` has an edge of ``kind`` to (what it contains, needs, serves, measures)."""
        return [b for b, k in self._out[self._check(item)] if k is kind]

    def predecessors(self, item: str, kind: EdgeKind) -> list[str]:
        """The ids with an edge of ``kind`` to ``item`` (its container, what needs it …)."""
        return [a for a, k in self._in[self._check(item)] if k is kind]

    def needed_by(self, item: str) -> list[str]:
        """The items that directly need ``item``, in file order (unknown ids: none)."""
        return [a for a, k in self._in.get(item, ()) if k is EdgeKind.NEEDS]

    def parent(self, item: str) -> str | None:
        """The item that contains ``item`` (the goal of an action, the theme of a goal), or None."""
        found = self.predecessors(item, EdgeKind.CONTAINS)
        return found[-1] if found else None

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
        return PlanGraph(order, {i: self._kinds[i] for i in order},
                         [e for e in self._edges if e[0] in keep and e[1] in keep])

    def topological_order(self) -> list[str]:
        """Every id, each after everything it needs; ties in file order.

        Raises :class:`CycleError` when the dependencies contain a cycle.
        """
        waiting = {n: sum(1 for _, k in self._out[n] if k is EdgeKind.NEEDS) for n in self._order}
        ready = [(self._order[n], n) for n, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        out: list[str] = []
        while ready:
            _, node = heapq.heappop(ready)
            out.append(node)
            for needer in self.needed_by(node):
                waiting[needer] -= 1
                if waiting[needer] == 0:
                    heapq.heappush(ready, (self._order[needer], needer))
        if len(out) < len(self._order):
            needs = {n: [b for b, k in self._out[n] if k is EdgeKind.NEEDS] for n in self._order}
            raise CycleError(Cycle(tuple(ids), (None,) * len(ids), tuple(component))
                             for ids, component in cycles_with_components(needs))
        return out

    def _check(self, item: str) -> str:
        if item not in self._order:
            raise KeyError(item)
        return item

    def _walk(self, item: str, depth: int | None, kinds: Iterable[EdgeKind] | None, forward: bool | None) -> list[str]:
        wanted = frozenset(kinds) if kinds is not None else _ALL
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
                    nbrs += [b for b, k in self._out[node] if k in wanted]
                if forward is not True:
                    nbrs += [a for a, k in self._in[node] if k in wanted]
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


def plan_graph(agenda: Agenda) -> PlanGraph:
    """The :class:`PlanGraph` of ``agenda``, built on first use and kept with the (immutable) plan."""
    return agenda.memo("graph", lambda: build_graph(agenda))


def build_graph(agenda: Agenda) -> PlanGraph:
    """A new :class:`PlanGraph` of ``agenda`` (prefer :func:`plan_graph`).  References to unknown ids are left out."""
    with paused():  # a large plan's edges are many small tuples: see agenda._gc
        return _build_graph(agenda)


def _build_graph(agenda: Agenda) -> PlanGraph:
    order: dict[str, int] = {agenda.id: 0}
    kinds: dict[str, str] = {agenda.id: "plan"}
    for node in agenda.items():
        if node.id not in order:
            order[node.id] = len(order)
            kinds[node.id] = _kind_of(node)
    edges: list[tuple[str, str, EdgeKind]] = []
    seen: set[tuple[str, str, EdgeKind]] = set()

    def add(a: str, b: str, kind: EdgeKind) -> None:
        if a in order and b in order and (a, b, kind) not in seen:
            seen.add((a, b, kind))
            edges.append((a, b, kind))

    for theme in agenda.themes:
        add(agenda.id, theme.id, EdgeKind.CONTAINS)
        parts: list[Pillar | Tag | Goal | Action] = [*theme.pillars, *theme.tags, *theme.goals, *theme.actions]
        for part in parts:
            add(theme.id, part.id, EdgeKind.CONTAINS)
        for goal in theme.all_goals():
            for inner in (*goal.goals, *goal.actions):  # sub-goals and actions
                add(goal.id, inner.id, EdgeKind.CONTAINS)
        members: list[Goal | Action] = [*theme.all_goals(), *theme.all_actions()]
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
    return PlanGraph(order, kinds, edges)
