"""What the reflectie gives: its entries with their evidence, and the result of a year.

Private; import the public names from :mod:`agenda.query.reflectie`.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TypeAlias

import attrs

from agenda._i18n import check_lang
from agenda.errors import Problem
from agenda.numbers import json_number
from agenda.query.readiness import Missing

__all__ = ["Entry", "Evidence", "EvidenceValue", "Finding", "Reflectie", "Severity"]

#: What evidence holds: numbers, years, status ids, texts, flags, or a chain of ids.
EvidenceValue: TypeAlias = "int | Decimal | str | bool | tuple[str, ...] | None"


class Severity(enum.Enum):
    """How much an entry of the reflectie matters."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen
class Evidence:
    """One fact behind an entry: a key (``value``, ``target``, ``chain`` …) and its value."""

    key: str
    value: EvidenceValue


@attrs.frozen
class Finding:
    """What a rule reports about one item; the engine turns it into an :class:`Entry`.

    ``severity`` None means the rule's severity; ``note`` None means the explanation
    recorded with the item's status for the year.
    """

    item: str
    evidence: tuple[Evidence, ...] = ()
    severity: Severity | None = None
    note: str | None = None
    area: str | None = None  #: the area (wijk) the finding is about, when it is about one

    def get(self, key: str, default: EvidenceValue = None) -> EvidenceValue:
        """The evidence value under ``key``."""
        return next((e.value for e in self.evidence if e.key == key), default)


@attrs.frozen
class Entry:
    """One point of the reflectie: an item, the rule that flagged it, the evidence and the explanation."""

    item: str
    kind: str  #: theme, goal, action or indicator
    name: str
    theme: str | None
    rule: str
    severity: Severity
    evidence: tuple[Evidence, ...]
    note: str | None
    sentence: tuple[str, str] = attrs.field(repr=False)  #: the plain sentence in Dutch and in English
    area: str | None = None  #: the area (wijk) the entry is about, when it is about one

    def text(self, lang: str = "nl") -> str:
        """The entry as one plain sentence in ``lang``."""
        return self.sentence[1] if check_lang(lang) == "en" else self.sentence[0]

    def get(self, key: str, default: EvidenceValue = None) -> EvidenceValue:
        """The evidence value under ``key``."""
        return next((e.value for e in self.evidence if e.key == key), default)

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict (Decimal as number, chains as lists)."""
        return {
            "item": self.item,
            "kind": self.kind,
            "name": self.name,
            "theme": self.theme,
            "rule": self.rule,
            "area": self.area,
            "severity": self.severity.value,
            "evidence": {e.key: _json_value(e.value) for e in self.evidence},
            "note": self.note,
            "text": self.text(lang),
        }


@attrs.frozen
class Reflectie:
    """The reflectie of one year: what lagged by evidence, what was not reported, and the problems to act on.

    ``entries`` hold only items that lagged by evidence (a status, a date, a figure, a
    dependency).  Items about which nothing was reported although the plan expected it
    are in ``not_reported``: missing information, never by itself a lagging item; it is
    the same list :func:`agenda.query.readiness.check_ready` asks to fill in.
    """

    year: int
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    themes: tuple[tuple[str, str], ...]  #: (id, name) of every theme, in plan order
    rules: tuple[str, ...]  #: ids of the rules that ran
    not_reported: tuple[Missing, ...] = ()

    def items(self) -> tuple[str, ...]:
        """The ids of the flagged items, each once, in report order."""
        return tuple(dict.fromkeys(e.item for e in self.entries))

    def for_item(self, item_id: str) -> tuple[Entry, ...]:
        """The entries about ``item_id``."""
        return tuple(e for e in self.entries if e.item == item_id)

    def by_theme(self) -> list[tuple[str | None, tuple[Entry, ...]]]:
        """The entries grouped per theme id (None: items outside any theme), in report order."""
        groups: dict[str | None, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.theme, []).append(entry)
        return [(theme, tuple(group)) for theme, group in groups.items()]

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict: year, rules, themes, entries, not_reported and problems."""
        return {
            "year": self.year,
            "rules": list(self.rules),
            "themes": [{"id": i, "name": n} for i, n in self.themes],
            "entries": [e.to_json(lang) for e in self.entries],
            "not_reported": [m.to_json(lang) for m in self.not_reported],
            "problems": [p.to_json(lang) for p in self.problems],
        }



def _json_value(value: EvidenceValue) -> object:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, tuple):
        return list(value)
    return value
