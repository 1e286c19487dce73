"""Targets as gemeenten publish them: ``"< 550"``, ``"min. 7,0"``, ``"plek 25"``, ``"10-20"``, a bare ``4,5``.

:func:`parse_target` reads what a published target means; :class:`TargetText` is the type a
``target`` key expects, and builds the model's :class:`~agenda.model.Target` (text kept as
written).  What a target means for a figure is the model's business
(:meth:`agenda.model.Target.met_by`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from agenda.format._scalars import _MISSING, Checked, Text, _core_value, _Ctx
from agenda.format._yaml import Node
from agenda.model import Comparator, Target

__all__ = ["TargetText", "parse_target", "to_target"]


class TargetText(Text):
    """A target as published: ``"< 550"``, ``"min. 7,0"``, ``"max. 25%"``, ``"10-20"``, ``"plek 25"`` or a bare ``4,5``."""

    name = "t-target"
    example = '"< 550"'

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind == "scalar" and node.plain and _core_value(str(node.value)) == "number":
            value: str = str(node.value)
        else:
            got = super().read(node, ctx, item)
            if got is _MISSING:
                return got
            value = got
        if parse_target(value) is None:
            ctx.error(node, item, "bad-target", "bad-target-hint", value=value)
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "number"]}

    def build(self, data: Checked) -> Any:
        return to_target(str(data))

    def dump(self, value: Any) -> Any:
        return value.text if isinstance(value, Target) else value


def to_target(text: str) -> Target:
    """A :class:`~agenda.model.Target` from its published text; ValueError when it is not one."""
    parsed = parse_target(str(text))
    if parsed is None:
        raise ValueError(f"not a target: {text!r}")
    op, a, b = parsed
    comparator = None if op is None else Comparator.RANGE if op == "range" else Comparator(op)
    return Target(text=str(text), comparator=comparator, value=a, upper=b)


_TARGET = re.compile(
    r"\s*(?P<lead>gemiddeld|gem\.|plek|plaats|nummer|nr\.|top)?\s*"
    r"(?P<op><=|>=|≤|≥|<|>|=|min\.?|max\.?|minimaal|maximaal|ten minste|tenminste|minstens|hoogstens|ten hoogste"
    r"|niet meer dan|niet minder dan|minder dan|meer dan|lager dan|hoger dan)?\s*"
    r"(?P<avg>gemiddeld|gem\.)?\s*€?\s*"
    r"(?P<a>[-+]?\d+(?:[.,]\d+)?)\s*%?\s*(?:(?:-|–|tot)\s*(?P<b>[-+]?\d+(?:[.,]\d+)?)\s*%?)?"
    r"\s*(?P<tail>of (?:meer|hoger|minder|lager)|en (?:hoger|lager))?\s*\Z",
    re.IGNORECASE,
)
_OPS = {"<=": "<=", "≤": "<=", ">=": ">=", "≥": ">=", "<": "<", ">": ">", "=": "=", "min": ">=",
        "min.": ">=", "minimaal": ">=", "ten minste": ">=", "tenminste": ">=", "minstens": ">=",
        "niet minder dan": ">=", "max": "<=", "max.": "<=", "maximaal": "<=", "hoogstens": "<=",
        "ten hoogste": "<=", "niet meer dan": "<=", "minder dan": "<", "lager dan": "<", "meer dan": ">",
        "hoger dan": ">", "of meer": ">=", "of hoger": ">=", "en hoger": ">=", "of minder": "<=", "of lager": "<=",
        "en lager": "<=", "top": "<="}


def parse_target(text: str) -> tuple[str | None, int | Decimal, int | Decimal | None] | None:
    """What a published target means: ``(comparator, value, upper)``; None when it is not a target.

    The comparator is None for a bare number (``"4,5"``, ``"plek 25"``, ``"gemiddeld 6,5"``):
    the indicator's direction says whether it is a ceiling or a floor.

    >>> parse_target("< 550"), parse_target("max. 25%"), parse_target("10-20")
    (('<', 550, None), ('<=', 25, None), ('range', 10, 20))
    >>> parse_target("4,5"), parse_target("plek 25"), parse_target("gemiddeld minimaal 6,5")
    ((None, Decimal('4.5'), None), (None, 25, None), ('>=', Decimal('6.5'), None))
    >>> parse_target("top 10"), parse_target("minder dan 550"), parse_target("7 of hoger")
    (('<=', 10, None), ('<', 550, None), ('>=', 7, None))
    """
    m = _TARGET.match(text)
    if not m:
        return None
    lead, op, tail = (m.group(k).lower() if m.group(k) else None for k in ("lead", "op", "tail"))
    a = _num(m.group("a"))
    if lead == "top":  # "top 10": a rank of at most 10
        if op or tail:
            return None
        op = "top"
    if op and tail:
        return None
    if m.group("b") is not None:
        if op or tail:
            return None
        b = _num(m.group("b"))
        return ("range", a, b) if a <= b else None
    word = op or tail
    return (_OPS[word] if word else None, a, None)


def _num(text: str) -> int | Decimal:
    text = text.replace(",", ".")
    return int(text) if "." not in text else Decimal(text)
