"""Roll-up per reporting year: the status of goals and themes derived from their parts.

Every goal and theme may have its own *recorded* status for a year (the programme
manager's word, in ``.status``).  The roll-up *derives* a second one from its parts and
keeps both apart in a :class:`RolledUp`; a recorded status is never overwritten.

The parts of a **goal** are its actions and what the goal and its actions need; the
parts of a **theme** are its goals, the actions directly under it and what those actions
need — what an item needs counts only when it lags (a dependency can hold an item back, but
a finished dependency does not make the item's own work done).  A part counts with its recorded status for the year, or, for a goal or theme
without one, with its own derived status.  Parts with nothing recorded (or a word
outside the vocabulary) do not count.  The rule comes from ``agenda.config.rollup``:

``worst``
    the worst status of the parts: a lagging word beats any other, then the highest
    :attr:`Status.rank`, then a word that is not *done*; ties go to the word listed first
    in the vocabulary.  A goal is done only when all its parts are done.
``share``
    lagging when at least ``config.rollup_share`` of the counted parts lag (then the
    worst lagging word); otherwise the worst of the parts that do not lag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

import attrs

from agenda._gc import paused
from agenda.model import Action, Agenda, Config, Goal, Status, StatusRecord, Theme, Tracked

__all__ = ["Part", "RolledUp", "Rollup", "decide", "record_in", "rollup"]


def record_in(records: Iterable[StatusRecord], year: int) -> StatusRecord | None:
    """The status record for ``year`` among ``records``, or None (prefer ``item.status_in(year)``)."""
    return next((record for record in records if record.year == year), None)


@attrs.frozen
class Part:
    """One part that counted in a derived status: its id, its status and how it counts.

    ``recorded`` is False when the part's status is itself derived; ``via`` is
    ``"contains"`` for an action or goal inside the item and ``"needs"`` for what it needs.
    """

    item: str
    status: str
    recorded: bool
    via: str


@attrs.frozen
class RolledUp:
    """A goal's or theme's recorded status for ``year`` beside the one derived from ``basis``."""

    item: str
    year: int
    recorded: StatusRecord | None
    derived: str | None
    basis: tuple[Part, ...]

    @property
    def status(self) -> str | None:
        """The status in effect: the recorded one when there is one, else the derived one."""
        return self.recorded.status if self.recorded is not None else self.derived

    @property
    def differs(self) -> bool:
        """Whether a recorded and a derived status both exist and are different words."""
        return self.recorded is not None and self.derived is not None and self.recorded.status != self.derived

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "item": self.item,
            "year": self.year,
            "recorded": self.recorded.status if self.recorded else None,
            "note": self.recorded.note if self.recorded else None,
            "derived": self.derived,
            "basis": [attrs.asdict(p) for p in self.basis],
        }


@attrs.frozen
class Rollup:
    """The roll-up of every goal and theme for one year, in file order."""

    year: int
    rule: str
    items: tuple[RolledUp, ...]
    _by_id: Mapping[str, RolledUp] = attrs.field(init=False, eq=False, repr=False)

    @_by_id.default
    def _index(self) -> Mapping[str, RolledUp]:
        return {r.item: r for r in self.items}

    def __iter__(self) -> Iterator[RolledUp]:
        return iter(self.items)

    def get(self, item_id: str) -> RolledUp | None:
        """The roll-up of ``item_id``, or None when it is not a goal or theme."""
        return self._by_id.get(item_id)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"year": self.year, "rule": self.rule, "items": [r.to_json() for r in self.items]}


def decide(statuses: Iterable[Status], config: Config) -> Status | None:
    """The status the plan's roll-up rule derives from the statuses of the parts (None: no parts)."""
    position = {s.id: i for i, s in enumerate(config.statuses)}
    parts = list(statuses)

    def worst(group: list[Status]) -> Status | None:
        key = lambda s: (s.lagging, s.rank, not s.done, -position.get(s.id, 0))  # noqa: E731
        return max(group, key=key) if group else None

    if config.rollup != "share":
        return worst(parts)
    lagging = [s for s in parts if s.lagging]
    if lagging and Decimal(len(lagging)) / len(parts) >= config.rollup_share:
        return worst(lagging)
    return worst([s for s in parts if not s.lagging]) or worst(parts)


def rollup(agenda: Agenda, year: int) -> Rollup:
    """The recorded and derived status of every goal and theme of ``agenda`` in ``year``.

    Linear in the size of the plan: each item's derived status is computed once, and the
    roll-up of a year once per loaded plan (kept with the plan, which cannot change).
    """
    with paused():  # see agenda._gc
        return agenda.memo(f"rollup:{year}", lambda: _Roller(agenda, year).run())


class _Roller:
    def __init__(self, agenda: Agenda, year: int) -> None:
        self.agenda = agenda
        self.year = year
        self.vocabulary = {s.id: s for s in agenda.config.statuses}
        self.derived: dict[str, Status | None] = {}
        self.basis: dict[str, tuple[Part, ...]] = {}

    def recorded(self, item_id: str) -> StatusRecord | None:
        item = self.agenda.get(item_id)
        return item.status_in(self.year) if isinstance(item, Tracked) else None

    def parts(self, item_id: str) -> list[tuple[str, str]]:
        item = self.agenda.get(item_id)
        inside: list[Goal | Action] = []
        needers: list[Goal | Action] = []
        if isinstance(item, Goal):
            inside, needers = [*item.goals, *item.actions], [item, *item.actions]
        elif isinstance(item, Theme):
            inside, needers = [*item.goals, *item.actions], list(item.actions)
        found = {p.id: "contains" for p in inside}
        for needer in needers:
            for target in needer.needs:
                if target != item_id and self.agenda.get(target) is not None:
                    found.setdefault(target, "needs")
        return sorted(found.items())

    def run(self) -> Rollup:
        for target in self._file_order():
            self.resolve(target.id)
        items = tuple(
            RolledUp(t.id, self.year, self.recorded(t.id), _id(self.derived.get(t.id)), self.basis.get(t.id, ()))
            for t in self._file_order()
        )
        return Rollup(self.year, self.agenda.config.rollup, items)

    def _file_order(self) -> Iterator[Goal | Theme]:
        for theme in self.agenda.themes:
            yield theme
            yield from theme.all_goals()

    def resolve(self, root: str) -> None:
        # Iterative post-order: a part's derived status is known before its whole is decided.
        # An item met again while in progress (a cycle, refused by the loader) counts as nothing.
        stack = [(root, False)]
        busy: set[str] = set()
        while stack:
            node, ready = stack.pop()
            if node in self.derived:
                continue
            if ready:
                busy.discard(node)
                self.decide(node)
                continue
            busy.add(node)
            stack.append((node, True))
            for part, _ in self.parts(node):
                if self.recorded(part) is None and part not in self.derived and part not in busy:
                    stack.append((part, False))

    def decide(self, item_id: str) -> None:
        basis = []
        for part, via in self.parts(item_id):
            record = self.recorded(part)
            status = self.vocabulary.get(record.status) if record else self.derived.get(part)
            # What an item needs can hold it back, never carry it forward: a finished
            # dependency says nothing about the item's own work, so only lagging ones count.
            if status is not None and (via == "contains" or status.lagging):
                basis.append(Part(part, status.id, record is not None, via))
        self.basis[item_id] = tuple(basis)
        self.derived[item_id] = decide((self.vocabulary[p.status] for p in basis), self.agenda.config)


def _id(status: Status | None) -> str | None:
    return status.id if status is not None else None
