"""Dependency cycles, found in linear time with the standard library only.

The loader refuses a plan whose ``needs`` edges form a cycle, and must do so
without importing networkx (start-up time); :func:`agenda.graph.find_cycles`
builds its located :class:`~agenda.graph.Cycle` objects on top of this module.
Tarjan's algorithm, written iteratively so no plan can overflow the
interpreter's stack, finds every strongly connected component; each one with
more than one member (or a self-loop) yields one concrete cycle: the shortest
way from its smallest member back to itself.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence

__all__ = ["cycles_with_components", "find_cycles"]


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Every dependency cycle, one per strongly connected component, as ``[a, b, c, a]``.

    ``edges`` maps an id to the ids it needs; ids that are not keys are leaves.
    The result is deterministic: each cycle is the shortest way from the smallest
    id of its component back to it (ties go to the smaller ids), and the cycles are
    sorted by that id.

    >>> find_cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": ["a"]})
    [['a', 'b', 'c', 'a'], ['d', 'd']]
    """
    return [[*cycle, cycle[0]] for cycle, _ in cycles_with_components(edges)]


def cycles_with_components(edges: Mapping[str, Sequence[str]]) -> list[tuple[list[str], list[str]]]:
    """Each cyclic strongly connected component as ``(cycle, sorted members)``, sorted by smallest id.

    ``cycle`` is the path of :func:`find_cycles` without the repeated first id at the
    end (a self-loop is ``[d]``).  Linear in the number of ids and edges.

    >>> cycles_with_components({"a": ["b", "c"], "b": ["a"], "c": ["b"]})
    [(['a', 'b'], ['a', 'b', 'c'])]
    """
    graph = {node: sorted(targets) for node, targets in edges.items()}
    found = []
    for component in _strong_components(graph):
        if len(component) == 1 and component[0] not in graph.get(component[0], ()):
            continue
        members = set(component)
        found.append((_shortest_cycle(min(members), graph, members), sorted(members)))
    found.sort(key=lambda pair: pair[1][0])
    return found


def _strong_components(graph: Mapping[str, list[str]]) -> list[list[str]]:
    # Tarjan's algorithm, iterative so deep chains do not hit the recursion limit.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
    return found


def _shortest_cycle(start: str, graph: Mapping[str, list[str]], members: set[str]) -> list[str]:
    # Breadth-first from start inside its component until an edge leads back to start.
    parent: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for child in graph.get(node, ()):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if child in members and child not in seen:
                seen.add(child)
                parent[child] = node
                queue.append(child)
    raise AssertionError("a strongly connected component always has a cycle")  # pragma: no cover
