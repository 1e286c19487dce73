"""The budget query: every budget line of a plan, with totals that are policy facts.

:func:`budget` walks the plan's themes, goals and actions in file order (a theme or a
goal may carry lines of its own: the lasten and baten of a programme) and returns a
:class:`BudgetSummary`:

* every top-level budget line, with its theme and action (:class:`BudgetEntry`);
* annual totals per kind (*structureel*, *incidenteel*), recurring lines
  ("1x per 2 jaar") annualised with :meth:`agenda.model.BudgetLine.annual`;
* the incidental total over its years (a line of 64.000 for 3 years is 192.000);
* a check of every line that is split into sub-items: the annualised items
  against the line's amount (:class:`ItemCheck`);
* the payments per calendar year where the start year is known
  (:meth:`agenda.model.BudgetLine.falls_in`), and the lines whose start year is
  unknown listed apart: a year is never guessed.

A sub-item without its own ``from``/``years`` takes them from its line: it is
part of that proposal.  Amounts are :class:`~decimal.Decimal`, never floats, in euros
(an amount published "x € 1.000" is multiplied by its ``scale``).  Totals "per jaar"
never add different years together: a line whose amount differs per year
(``amounts``) counts only in the years it names (:attr:`BudgetSummary.varying`), and
income (*baten*) is totalled apart from costs (*lasten*).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from agenda.model import Action, Agenda, BudgetKind, BudgetLine, Goal, Side, Theme

__all__ = ["BudgetEntry", "BudgetSummary", "ItemCheck", "KindTotals", "Payment", "YearTotals", "budget"]

_ZERO = Decimal(0)


@attrs.frozen
class BudgetEntry:
    """One top-level budget line of an action, with where it belongs.

    ``name`` is the line's own name, or the action's name when the line has none.
    ``annual`` is the yearly average; for a line split into items it is the line's
    own amount spread over ``every`` (the items are checked apart, in ``check``).
    """

    theme_id: str
    theme_name: str
    action_id: str  #: the item the line belongs to (an action, or a goal or theme with ``level``)
    action_name: str
    name: str
    line: BudgetLine
    level: str = "action"  #: the level of the item the line belongs to

    @property
    def kind(self) -> BudgetKind:
        """Structural or incidental."""
        return self.line.kind

    @property
    def annual(self) -> Decimal:
        """The yearly average in euros."""
        return self.line.annual()

    @property
    def years(self) -> int:
        """For how many years an incidental line runs (1 when the source says nothing); 0 for structural."""
        if self.line.kind is BudgetKind.STRUCTURAL:
            return 0
        return self.line.years or 1

    @property
    def total(self) -> Decimal | None:
        """An incidental line's total over its years (annual x years); None for structural lines."""
        if self.line.kind is BudgetKind.STRUCTURAL:
            return None
        return self.annual * self.years


@attrs.frozen
class ItemCheck:
    """A line split into sub-items: the sum of the annualised items against the line's amount."""

    entry: BudgetEntry
    items_annual: Decimal

    @property
    def expected(self) -> Decimal:
        """The line's amount, in euros."""
        return self.entry.line.euros()

    @property
    def difference(self) -> Decimal:
        """Items minus the line's amount; zero when they agree."""
        return self.items_annual - self.expected

    @property
    def ok(self) -> bool:
        """Whether the items add up to the line's amount."""
        return self.difference == 0


@attrs.frozen
class KindTotals:
    """Annual totals per kind, and the incidental total over the lines' years."""

    structural: Decimal = _ZERO
    incidental: Decimal = _ZERO
    incidental_over_years: Decimal = _ZERO

    def __add__(self, other: KindTotals) -> KindTotals:
        return KindTotals(
            self.structural + other.structural,
            self.incidental + other.incidental,
            self.incidental_over_years + other.incidental_over_years,
        )


@attrs.frozen
class Payment:
    """A line or sub-item as paid out: the amount that falls in a year when it falls, its known or unknown start."""

    entry: BudgetEntry
    name: str
    line: BudgetLine  #: with ``start``/``years`` taken from the parent line where the item has none


@attrs.frozen
class YearTotals:
    """What falls in one calendar year, per kind (payments as written, not averages)."""

    year: int
    structural: Decimal
    incidental: Decimal
    payments: tuple[Payment, ...]
    income: Decimal = _ZERO  #: baten that fall in the year

    @property
    def total(self) -> Decimal:
        """Structural plus incidental costs."""
        return self.structural + self.incidental


@attrs.frozen
class BudgetSummary:
    """The whole budget of a plan; see :func:`budget`."""

    entries: tuple[BudgetEntry, ...]
    checks: tuple[ItemCheck, ...]
    totals: KindTotals
    by_theme: tuple[tuple[str, str, KindTotals], ...]  #: (theme id, theme name, totals), in file order
    per_year: tuple[YearTotals, ...]  #: consecutive years from the first known start
    unknown_start: tuple[Payment, ...]  #: payments whose start year the source does not give
    varying: tuple[BudgetEntry, ...] = ()  #: lines whose amount differs per year: in ``per_year`` only
    income: KindTotals = KindTotals()  #: the baten, totalled apart from the costs in ``totals``
    # The entries per action and per theme, made on first use: a lookup per row must not scan every entry.
    _index: dict[str, dict[str, list[BudgetEntry]]] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    def _by(self, key: str) -> dict[str, list[BudgetEntry]]:
        if key not in self._index:
            index: dict[str, list[BudgetEntry]] = {}
            for e in self.entries:
                index.setdefault(e.action_id if key == "action" else e.theme_id, []).append(e)
            self._index[key] = index
        return self._index[key]

    def entries_of(self, action_id: str) -> tuple[BudgetEntry, ...]:
        """The entries of one action, in file order."""
        return tuple(self._by("action").get(action_id, ()))

    def for_action(self, action_id: str) -> KindTotals:
        """The annual totals of one action's lines (zero when it has none)."""
        return _sum(self._by("action").get(action_id, []))

    def for_theme(self, theme_id: str) -> KindTotals:
        """The annual totals of one theme's lines (zero when it has none)."""
        return _sum(self._by("theme").get(theme_id, []))

    @property
    def failed_checks(self) -> tuple[ItemCheck, ...]:
        """The split lines whose items do not add up to the line."""
        return tuple(c for c in self.checks if not c.ok)


def budget(agenda: Agenda) -> BudgetSummary:
    """Every budget line of ``agenda`` per theme and action, with totals, checks and years.

    Worked out once per loaded plan (kept with the plan, which cannot change).
    """
    return agenda.memo("budget", lambda: _budget(agenda))


def _budget(agenda: Agenda) -> BudgetSummary:
    entries = tuple(_entries(agenda))
    checks = tuple(ItemCheck(e, sum((i.annual() for i in e.line.items), _ZERO)) for e in entries if e.line.items)
    payments = [p for e in entries for p in _payments(e)]
    known = [p for p in payments if p.line.start is not None or p.line.varies]
    unknown = tuple(p for p in payments if p.line.start is None and not p.line.varies)
    per_theme: dict[str, list[BudgetEntry]] = {}
    for e in entries:
        per_theme.setdefault(e.theme_id, []).append(e)
    by_theme = []
    for theme in agenda.themes:
        mine = per_theme.get(theme.id)
        if mine:
            by_theme.append((theme.id, theme.name, _sum(mine)))
    return BudgetSummary(
        entries=entries,
        checks=checks,
        totals=_sum(entries),
        by_theme=tuple(by_theme),
        per_year=_per_year(known, agenda.period_end),
        unknown_start=unknown,
        varying=tuple(e for e in entries if e.line.varies),
        income=_sum(entries, Side.INCOME),
    )


def _entries(agenda: Agenda) -> Iterator[BudgetEntry]:
    for theme in agenda.themes:
        for line in theme.budget:
            yield _entry(theme, theme, line, "theme")
        for goal in theme.all_goals():
            for line in goal.budget:
                yield _entry(theme, goal, line, "goal")
        for action in theme.all_actions():
            for line in action.budget:
                yield _entry(theme, action, line, "action")


def _entry(theme: Theme, owner: Theme | Goal | Action, line: BudgetLine, level: str) -> BudgetEntry:
    return BudgetEntry(theme.id, theme.name, owner.id, owner.name, line.name or owner.name, line, level)


def _sum(entries: Iterable[BudgetEntry], side: Side = Side.COSTS) -> KindTotals:
    # Only lines with one amount "per jaar" add up per year; lines that vary per year count in per_year.
    total = KindTotals()
    for e in entries:
        if e.line.side is not side or e.line.varies:
            continue
        if e.kind is BudgetKind.STRUCTURAL:
            total += KindTotals(structural=e.annual)
        else:
            assert e.total is not None
            total += KindTotals(incidental=e.annual, incidental_over_years=e.total)
    return total


def _payments(entry: BudgetEntry) -> Iterator[Payment]:
    line = entry.line
    if not line.items:
        yield Payment(entry, entry.name, line)
        return
    for item in line.items:
        # An item is part of its line's proposal: it inherits the line's start and duration.
        effective = attrs.evolve(
            item,
            start=item.start if item.start is not None else line.start,
            years=item.years if item.years is not None else line.years,
        )
        yield Payment(entry, item.name or entry.name, effective)


def _per_year(known: list[Payment], period_end: int | None) -> tuple[YearTotals, ...]:
    if not known:
        return ()
    first = min(p.line.start if p.line.start is not None else min(p.line.amounts) for p in known)
    last = max(_last_year(p.line) for p in known)
    if period_end is not None:
        last = max(last, period_end)
    rows = []
    for year in range(first, last + 1):
        falling = tuple(p for p in known if p.line.falls_in(year))
        costs = [p for p in falling if p.line.side is Side.COSTS]
        structural = sum((p.line.in_year(year) for p in costs if p.line.kind is BudgetKind.STRUCTURAL), _ZERO)
        incidental = sum((p.line.in_year(year) for p in costs if p.line.kind is BudgetKind.INCIDENTAL), _ZERO)
        income = sum((p.line.in_year(year) for p in falling if p.line.side is Side.INCOME), _ZERO)
        rows.append(YearTotals(year, structural, incidental, falling, income))
    return tuple(rows)


def _last_year(line: BudgetLine) -> int:
    if line.varies:
        return max(line.amounts)
    assert line.start is not None
    if line.kind is BudgetKind.INCIDENTAL:
        return line.start + (line.years or 1) - 1
    return line.start + line.every - 1
