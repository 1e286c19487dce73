"""The base of the model: where things were written, and how figures are kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias

import attrs

__all__ = ["Location", "Number"]

#: Figures are kept exactly as written: ``Decimal`` for fractions ("7,4"), ``int`` otherwise.
Number: TypeAlias = int | Decimal


@attrs.frozen(order=True)
class Location:
    """Where something was written: file, 1-based line and 1-based column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


def _loc() -> Any:
    # Locations are metadata: they never decide equality or hashing.
    return attrs.field(default=None, eq=False, order=False, repr=False, kw_only=True)
