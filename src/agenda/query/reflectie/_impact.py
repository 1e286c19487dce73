"""What a delay of one item puts at risk: :func:`impact`, with its :class:`Impact` and :class:`Affected`.

Private; import the public names from :mod:`agenda.query.reflectie`.
"""

from __future__ import annotations

from collections import deque

import attrs

from agenda.model import Action, Agenda, Goal, Theme
from agenda.query.reflectie._engine import Context

__all__ = ["Affected", "Impact", "impact"]


@attrs.frozen
class Affected:
    """An item put at risk by a delay: how (``via``) and the path to the delayed item.

    ``via`` is ``needs`` (it needs the delayed item, perhaps through others), ``contains``
    (a goal or theme containing the delayed item or one of its dependents) or ``contributes``
    (a goal one of them serves).  ``path`` runs from this item to the delayed one; each step
    is a ``needs``, a containment or a contribution.  ``status`` is its status id in the year.
    """

    item: str
    kind: str
    name: str
    theme: str | None
    via: str
    path: tuple[str, ...]
    status: str | None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {**attrs.asdict(self, recurse=False), "path": list(self.path)}


@attrs.frozen
class Impact:
    """What a delay of ``item`` in ``year`` puts at risk: its dependents, then the goals and themes around them."""

    item: str
    kind: str
    name: str
    year: int
    status: str | None
    dependents: tuple[Affected, ...]  #: every item that needs it, nearest first, then in id order
    containers: tuple[Affected, ...]  #: goals and themes containing it or its dependents, or served by them

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "item": self.item,
            "kind": self.kind,
            "name": self.name,
            "year": self.year,
            "status": self.status,
            "dependents": [a.to_json() for a in self.dependents],
            "containers": [a.to_json() for a in self.containers],
        }


def impact(agenda: Agenda, item_id: str, year: int) -> Impact:
    """What a delay of ``item_id`` puts at risk in ``year``: every item that needs it, directly or
    transitively, and the goals and themes containing (or served by) those.

    One breadth-first traversal of the dependencies, linear in the plan plus the paths reported.
    Raises KeyError when the plan has no item ``item_id``.
    """
    if agenda.get(item_id) is None:
        raise KeyError(item_id)
    ctx = Context(agenda, year, {})
    graph = ctx.graph
    parent: dict[str, str] = {item_id: item_id}
    reached: list[str] = []
    queue = deque([item_id])
    while queue:
        node = queue.popleft()
        for needer in sorted(graph.needed_by(node)):  # by id: the same whatever the order of the file
            if needer not in parent:
                parent[needer] = node
                reached.append(needer)
                queue.append(needer)

    def path(node: str) -> tuple[str, ...]:
        steps = [node]
        while steps[-1] != item_id:
            steps.append(parent[steps[-1]])
        return tuple(steps)

    def affected(node: str, via: str, steps: tuple[str, ...]) -> Affected:
        record = ctx.record(node)
        theme = ctx.theme_of(node)
        item = agenda.get(node)
        name = item.name if item is not None else node
        status = record.status if record else None
        return Affected(node, ctx.kind(node), name, theme.id if theme else None, via, steps, status)

    containers: dict[str, Affected] = {}
    for node in (item_id, *reached):
        steps = path(node)
        item = agenda.get(node)
        around: list[tuple[str, str]] = []
        holder = graph.parent(node) if node in graph else None
        if holder is not None and graph.kind(holder) == "goal":
            around.append((holder, "contains"))
        if isinstance(item, Action):
            around += [(goal, "contributes") for goal in item.contributes_to if isinstance(agenda.get(goal), Goal)]
        theme = ctx.theme_of(node) if not isinstance(item, Theme) else None
        if theme is not None:
            around.append((theme.id, "contains"))
        for container, via in around:
            if container not in parent and container not in containers:
                containers[container] = affected(container, via, (container, *steps))
    record = ctx.record(item_id)
    return Impact(
        item=item_id,
        kind=ctx.kind(item_id),
        name=getattr(agenda.get(item_id), "name", item_id),
        year=year,
        status=record.status if record else None,
        dependents=tuple(affected(n, "needs", path(n)) for n in reached),
        containers=tuple(containers.values()),
    )
