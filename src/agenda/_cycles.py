"""Dependency cycles, found in linear time with the standard library only.

The loader refuses a plan whose ``needs`` edges form a cycle, and must do so
without importing networkx (start-up time).  Tarjan's algorithm, written
iteratively so no plan can overflow the interpreter's stack, finds every
strongly connected component; each one with more than one member (or a
self-loop) yields one concrete cycle, spelled out in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["find_cycles"]


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Every dependency cycle, one per strongly connected component, as ``[a, b, c, a]``.

    ``edges`` maps an id to the ids it needs; ids that are not keys are leaves.
    The result is deterministic: components and cycles start at their smallest id.

    >>> find_cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": ["a"]})
    [['a', 'b', 'c', 'a'], ['d', 'd']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, i = work[-1]
            succ = edges.get(node, ())
            if i < len(succ):
                work[-1] = (node, i + 1)
                nxt = succ[i]
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
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
                if len(component) > 1 or node in edges.get(node, ()):
                    components.append(component)
    cycles = [_cycle_in(set(c), edges) for c in components]
    return sorted(cycles)


def _cycle_in(members: set[str], edges: Mapping[str, Sequence[str]]) -> list[str]:
    # Walk from the smallest member, always to the smallest successor inside the
    # component, until a node repeats; the repeated stretch is a cycle.
    start = min(members)
    path = [start]
    seen = {start: 0}
    node = start
    while True:
        node = min(n for n in edges.get(node, ()) if n in members)
        if node in seen:
            cycle = [*path[seen[node]:], node]
            # rotate so it starts at its smallest id
            body = cycle[:-1]
            k = body.index(min(body))
            body = body[k:] + body[:k]
            return [*body, body[0]]
        seen[node] = len(path)
        path.append(node)
