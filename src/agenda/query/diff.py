"""Year on year: what changed in a plan between two reporting years.

:func:`diff` compares the status records of every theme, pillar, goal and action, the
published values of every indicator (in the direction desired in the later year, converted
across a break in the series, not compared across a new definition — see
:func:`agenda.query.indicators.change`), and the reflectie of both years.  The result lists
facts only; ``agenda.render.reflectie_text`` turns it into text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from agenda.model import Action, Agenda, Break, Goal, Number, Pillar, StatusRecord, Theme
from agenda.numbers import json_number
from agenda.query.indicators import Trend, change
from agenda.query.reflectie import Entry, Rule, reflectie

__all__ = ["Movement", "StatusChange", "Trend", "YearDiff", "diff"]

#: Rules whose entries say nothing about progress, left out of new / no longer lagging.
_NOT_LAGGING = frozenset({"stale", "unexplained"})


@attrs.frozen
class StatusChange:
    """The status of one theme, goal or action in the two years (None: nothing recorded)."""

    item: str
    kind: str
    name: str
    theme: str | None
    before: str | None
    after: str | None
    note: str | None  #: the explanation recorded with ``after``

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return attrs.asdict(self)


@attrs.frozen
class Movement:
    """An indicator's published value in both years and which way that is, in the direction of the later year.

    Across a break in the series ``converted`` is the earlier figure in the later year's
    ``unit`` (``factor`` applied); across a new definition ``trend`` is ``incomparable``
    and ``breaks`` says why.  ``unit_before`` is the unit of the earlier year.
    """

    indicator: str
    name: str
    theme: str | None
    unit: str | None
    before: Number
    after: Number
    trend: Trend
    unit_before: str | None = None
    factor: Decimal | None = Decimal(1)
    breaks: tuple[Break, ...] = ()

    @property
    def desired(self) -> bool | None:
        """True when it moved the desired way, False against it, None when unchanged, unsteered or incomparable."""
        return {Trend.BETTER: True, Trend.WORSE: False}.get(self.trend)

    @property
    def converted(self) -> Decimal | None:
        """The earlier figure in the later year's unit (None when the years are not comparable)."""
        return None if self.factor is None else Decimal(self.before) * self.factor

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (figures as numbers)."""
        converted = self.converted
        return {
            "indicator": self.indicator,
            "name": self.name,
            "theme": self.theme,
            "unit": self.unit,
            "unit_before": self.unit_before,
            "before": json_number(self.before),
            "after": json_number(self.after),
            "converted": None if converted is None or self.factor == 1 else json_number(converted.normalize()),
            "trend": self.trend.value,
            "desired": self.desired,
            "breaks": [{"year": b.year, "unit": b.unit, "definition": b.definition,
                        "factor": None if b.factor is None else json_number(b.factor)} for b in self.breaks],
        }


@attrs.frozen
class YearDiff:
    """What changed from ``from_year`` to ``to_year``.

    ``changes`` lists items recorded in both years with a different status word;
    ``opened`` items recorded in ``to_year`` with nothing recorded up to ``from_year``;
    ``closed`` items that became done, or were recorded in ``from_year`` and not in
    ``to_year`` (an item can be both changed and closed).  ``new_lagging`` holds the
    ``to_year`` reflectie entries about items the ``from_year`` reflectie did not flag,
    ``no_longer_lagging`` the reverse (``stale`` and ``unexplained`` entries left out).
    """

    from_year: int
    to_year: int
    changes: tuple[StatusChange, ...]
    opened: tuple[StatusChange, ...]
    closed: tuple[StatusChange, ...]
    movements: tuple[Movement, ...]
    new_lagging: tuple[Entry, ...]
    no_longer_lagging: tuple[Entry, ...]
    themes: tuple[tuple[str, str], ...]  #: (id, name) of every theme, in plan order

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "from": self.from_year,
            "to": self.to_year,
            "changes": [c.to_json() for c in self.changes],
            "opened": [c.to_json() for c in self.opened],
            "closed": [c.to_json() for c in self.closed],
            "movements": [m.to_json() for m in self.movements],
            "new_lagging": [e.to_json(lang) for e in self.new_lagging],
            "no_longer_lagging": [e.to_json(lang) for e in self.no_longer_lagging],
        }


def _tracked(agenda: Agenda) -> Iterator[tuple[Theme, Theme | Pillar | Goal | Action]]:
    seen: set[str] = set()
    for theme in agenda.themes:
        members: list[Theme | Pillar | Goal | Action] = [theme, *theme.pillars]
        for goal in theme.all_goals():
            members += [goal, *goal.actions]
        members += theme.actions
        for item in members:
            if item.id not in seen:
                seen.add(item.id)
                yield theme, item


def diff(agenda: Agenda, from_year: int, to_year: int, *, rules: Iterable[Rule] | None = None) -> YearDiff:
    """The differences in ``agenda`` between reporting years ``from_year`` and ``to_year``.

    ``rules`` is passed to :func:`agenda.query.reflectie.reflectie` for both years.  Linear in the plan.
    """
    done = {s.id for s in agenda.config.statuses if s.done}
    changes: list[StatusChange] = []
    opened: list[StatusChange] = []
    closed: list[StatusChange] = []
    for theme, item in _tracked(agenda):
        before, after = item.status_in(from_year), item.status_in(to_year)
        status = StatusChange(
            item.id,
            type(item).__name__.lower(),
            item.name,
            theme.id,
            before.status if before else None,
            after.status if after else None,
            after.note if after else None,
        )
        if before and after and before.status != after.status:
            changes.append(status)
        if after and not _recorded_by(item.status, from_year):
            opened.append(status)
        if before and before.status not in done and (after is None or after.status in done):
            closed.append(status)
    movements = []
    for indicator in agenda.indicators:
        moved = change(indicator, from_year, to_year)
        if moved is None:
            continue
        home = agenda.theme_of(indicator.id)
        movements.append(Movement(
            indicator.id, indicator.name, home.id if home else None, indicator.unit_in(to_year), moved.before,
            moved.after, moved.trend, indicator.unit_in(from_year), moved.factor, moved.breaks,
        ))
    chosen = tuple(rules) if rules is not None else None
    earlier, later = reflectie(agenda, from_year, rules=chosen), reflectie(agenda, to_year, rules=chosen)
    flagged_before = {e.item for e in earlier.entries if e.rule not in _NOT_LAGGING}
    flagged_after = {e.item for e in later.entries if e.rule not in _NOT_LAGGING}
    return YearDiff(
        from_year=from_year,
        to_year=to_year,
        changes=tuple(changes),
        opened=tuple(opened),
        closed=tuple(closed),
        movements=tuple(movements),
        new_lagging=tuple(e for e in later.entries if e.rule not in _NOT_LAGGING and e.item not in flagged_before),
        no_longer_lagging=tuple(
            e for e in earlier.entries if e.rule not in _NOT_LAGGING and e.item not in flagged_after
        ),
        themes=tuple((t.id, t.name) for t in agenda.themes),
    )


def _recorded_by(records: Iterable[StatusRecord], year: int) -> bool:
    return any(r.year <= year for r in records)
