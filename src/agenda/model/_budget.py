"""Budget lines: amounts in euros as published, structural or incidental, per year where they differ."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal

import attrs

from agenda.model._base import Location, _loc

__all__ = ["BudgetKind", "BudgetLine", "Side"]


class BudgetKind(enum.Enum):
    """How a budget line recurs."""

    STRUCTURAL = "structureel"  #: every year from ``start``
    INCIDENTAL = "incidenteel"  #: for ``years`` years from ``start`` (or once)


class Side(enum.Enum):
    """Whether a line is a cost (*lasten*) or an income (*baten*)."""

    COSTS = "lasten"
    INCOME = "baten"


@attrs.frozen
class BudgetLine:
    """An amount for an action, a goal or a theme as published, possibly split into sub-items.

    ``amount`` is written as published; ``scale`` says what it is in (1000 for
    "x € 1.000"), so :meth:`euros` gives euros.  ``amounts`` holds amounts that differ
    per year (a contribution of 410 one year and 432 the next); then ``amount`` may be
    absent and the line has no single yearly figure.  ``every`` > 1 means the cost falls
    once per ``every`` years ("1x per 2 jaar"); :meth:`annual` spreads it evenly.
    ``start`` is None where the source gives no year; ``approximate`` marks "ca. € 30.000".
    """

    amount: int | None  #: None when the amount differs per year (``amounts``)
    kind: BudgetKind
    name: str | None = None
    start: int | None = None
    years: int | None = None
    every: int = 1
    items: tuple[BudgetLine, ...] = ()
    note: str | None = None
    amounts: Mapping[int, int] = attrs.field(factory=dict)
    approximate: bool = False
    scale: int = 1
    side: Side = Side.COSTS
    location: Location | None = _loc()

    @property
    def varies(self) -> bool:
        """Whether the amount differs per year (``amounts``): there is no one figure "per jaar"."""
        return bool(self.amounts)

    def euros(self, amount: int | Decimal | None = None) -> Decimal:
        """``amount`` (the line's own by default) in euros: times ``scale``."""
        value = self.amount if amount is None else amount
        return Decimal(value or 0) * self.scale

    def annual(self) -> Decimal:
        """The yearly average in euros: the amount spread over ``every``; 0 for a line that varies per year."""
        if self.varies:
            return Decimal(0)
        return self.euros() / self.every

    def falls_in(self, year: int) -> bool:
        """Whether a payment falls in ``year`` (False when the start year is unknown)."""
        if self.varies:
            return year in self.amounts
        if self.start is None or year < self.start:
            return False
        if self.kind is BudgetKind.INCIDENTAL and year >= self.start + (self.years or 1):
            return False
        return (year - self.start) % self.every == 0

    def in_year(self, year: int) -> Decimal:
        """The euros that fall in ``year``: that year's published amount, or the amount when a payment falls."""
        if self.varies:
            return self.euros(self.amounts.get(year, 0))
        return self.euros() if self.falls_in(year) else Decimal(0)
