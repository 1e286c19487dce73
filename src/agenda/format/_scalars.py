"""The scalar types of the format, read the YAML 1.2 way, and the base every type builds on.

Scalars are typed by what the key expects, the way YAML 1.2 reads them:
``no`` is text, ``0755`` is refused where a number is expected (YAML 1.1 would
read it as octal), ``12:30`` is text, and booleans are ``true``/``false`` only.
This module holds :class:`Type`, the problem collector, the message catalog
``"schema"`` and the scalar types (text, ids, dates, colours, numbers, booleans,
choices, targets); :mod:`agenda.format._types` adds the containers and re-exports all
of it.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from agenda.errors import Msg, Problems, Severity, problem
from agenda.format._messages import TYPES
from agenda.format._yaml import Node
from agenda.model import Location

__all__ = [
    "MAX_ID", "YEAR", "Bool", "Checked", "Colour", "Date", "Enum", "Id", "Int", "Number", "Text", "Type",
]

Checked = Any  # plain data: dict | list | str | int | Decimal | bool | None

_T = TYPES

# --------------------------------------------------------------------------- scalar reading (YAML 1.2 core)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOL = frozenset(
    {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
#: Ids become file names (charts) and diagram nodes: long enough for any name people use, no longer.
MAX_ID = 80
_DATE = re.compile(r"(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")
_MAX_DIGITS = 15
_DUTCH_DECIMAL = re.compile(r"[-+]?[0-9]+,[0-9]+\Z")
_NOT_FINITE = frozenset({".nan", ".inf", "-.inf", "+.inf"})
# Every YAML 1.2 number starts with one of these; no null or boolean word does.
_NUMBER_START = frozenset("0123456789+-.")


def _core_value(v: str) -> str | None:
    """What the text of a plain scalar is in YAML 1.2's core schema: 'null', 'bool', 'number' or None (text).

    Decided on the first character before any regular expression runs: most
    scalars are text starting with a letter, and those cost two set look-ups.
    """
    if not v:
        return "null"
    if v[0] in _NUMBER_START:
        if _INT.match(v) or _FLOAT.match(v) or v.lower() in _NOT_FINITE:
            return "number"
        return None
    if v in _NULL:
        return "null"
    if v in _BOOL:
        return "bool"
    return None


def _core_type(node: Node) -> str | None:
    """What a *plain* scalar would be in YAML 1.2's core schema: 'null', 'bool', 'number' or None (text)."""
    if not node.plain:
        return None
    v = node.value
    assert isinstance(v, str)
    return _core_value(v)


class _Ctx:
    """What reading needs: the file, and the one problem collector (:class:`~agenda.errors.Problems`)."""

    def __init__(self, file: str, problems: Problems | None = None, *, consume: bool = False) -> None:
        self.file = file
        self.problems = problems if problems is not None else Problems(file)
        #: Empty each map of the tree once it has been read, so that the tree shrinks as the checked
        #: data grows; only for a tree nobody else holds (see loader.validate_text).
        self.consume = consume

    def loc(self, node: Node) -> Location:
        return Location(self.file, *node.position)

    def error(self, node: Node, item: str | None, code: str, hint: str | None = None, *,
              severity: Severity = Severity.ERROR, **fields: object) -> None:
        self.problems.add(problem(_T, code, self.loc(node), item, hint, severity=severity, **fields))


def _Msg(key: str, fields: Mapping[str, object] | None = None) -> Msg:
    return Msg(_T, key, fields or {})


def _found(node: Node) -> Msg:
    if node.kind == "map":
        return _Msg("f-map")
    if node.kind == "seq":
        return _Msg("f-seq")
    core = _core_type(node)
    value = str(node.value)
    if core == "null":
        return _Msg("f-null")
    if core == "bool":
        return _Msg("f-bool", {"value": value})
    if core == "number":
        return _Msg("f-number", {"value": value})
    return _Msg("f-text", {"value": value if len(value) <= 40 else value[:37] + "…"})


_MISSING = object()

# --------------------------------------------------------------------------- types


class Type:
    """A kind of value a key expects.  ``read`` returns the value or ``_MISSING`` after reporting."""

    name = "t-text"
    example = "…"

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def build(self, data: Checked) -> Any:
        """Checked data -> the model's value (the same value for most scalars)."""
        return data

    def dump(self, value: Any) -> Any:
        """The model's value -> JSON-ready data, the inverse of :meth:`build`."""
        return value

    def build_in(self, data: Checked, extra: Mapping[str, Any]) -> Any:
        """:meth:`build` for a value inside a year map: an object takes the year as an attribute (``extra``)."""
        return self.build(data)

    def dump_in(self, value: Any, omit: frozenset[str]) -> Any:
        """:meth:`dump` for a value inside a year map: an object leaves out the attributes of the key (``omit``)."""
        return self.dump(value)

    def wrong(self, node: Node, ctx: _Ctx, item: str | None, hint: str | None = None, **fields: Any) -> object:
        """Report that ``node`` is not of this type; always returns ``_MISSING``."""
        fields.setdefault("example", self.example)
        ctx.error(node, item, "expected", hint or "expected-hint", expected=_Msg(self.name), found=_found(node),
                  **fields)
        return _MISSING


class Text(Type):
    """Any text.  A plain scalar that YAML 1.2 reads as a number, boolean or null is refused."""

    example = '"…"'

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "scalar":
            return self.wrong(node, ctx, item)
        value = node.value
        assert isinstance(value, str)
        if node.plain and _core_value(value) is not None:
            ctx.error(node, item, "expected", "quote-hint", expected=_Msg(self.name), found=_found(node),
                      value=value)
            return _MISSING
        if not value.strip():
            ctx.error(node, item, "empty-text", "empty-text-hint")
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


class Id(Text):
    """An id: lowercase letters, digits and hyphens, starting with a letter."""

    name = "t-id"
    example = "mijn-id"

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        # The usual case first: a well-formed id is text unless it is a null or boolean word.
        value = node.value
        if (node.kind == "scalar" and isinstance(value, str) and len(value) <= MAX_ID and _ID.match(value)
                and not (node.plain and (value in _NULL or value in _BOOL))):
            return value
        value = super().read(node, ctx, item)
        if value is _MISSING:
            return value
        if not _ID.match(value):
            ctx.error(node, item, "bad-id", "bad-id-hint", value=value, example=_slug(value))
            return _MISSING
        if len(value) > MAX_ID:
            ctx.error(node, item, "long-id", "long-id-hint", value=value[:40] + "…", length=len(value), limit=MAX_ID)
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _ID.pattern.removesuffix(r"\Z").join("^$"), "maxLength": MAX_ID}


def _real_date(match: re.Match[str]) -> bool:
    # The pattern admits 2023-02-30; the calendar does not.
    if match.group(5) is None:
        return True
    try:
        datetime.date(int(match.group(1)), int(match.group(3)), int(match.group(5)))
    except ValueError:
        return False
    return True


def _slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not slug or not slug[0].isalpha():
        slug = "x-" + slug if slug else "mijn-id"
    return slug


_ID_TYPE = Id()


class Date(Type):
    """A year (2024), a month ("2024-02") or a day ("2024-02-01"); kept as text."""

    name = "t-date"
    example = '"2024-02-01"'

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "scalar":
            return self.wrong(node, ctx, item)
        value = str(node.value)
        match = _DATE.match(value)
        if not match or not _real_date(match):
            ctx.error(node, item, "bad-date", "bad-date-hint", value=value)
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "integer"], "pattern": _DATE.pattern.removesuffix(r"\Z").join("^$")}


class Colour(Text):
    """A colour as ``#rrggbb``: nothing else may reach a style sheet or a diagram."""

    example = '"#009e73"'

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        value = super().read(node, ctx, item)
        if value is _MISSING:
            return value
        if not _COLOUR.match(value):
            ctx.error(node, item, "bad-colour", "bad-colour-hint", value=value)
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _COLOUR.pattern.removesuffix(r"\Z").join("^$")}


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")


class Int(Type):
    """A whole number between ``low`` and ``high``."""

    name = "t-int"
    example = "3"

    def __init__(self, low: int = 0, high: int = 10**_MAX_DIGITS, name: str = "t-int", example: str = "3") -> None:
        self.low, self.high, self.name, self.example = low, high, name, example

    def quick(self, value: object) -> int | None:
        """``value`` as a number when it is plainly one in range (digits, no sign, no leading zero); else None."""
        if (type(value) is str and value.isascii() and value.isdigit() and len(value) <= _MAX_DIGITS
                and (value[0] != "0" or len(value) == 1)):
            number = int(value)
            if self.low <= number <= self.high:
                return number
        return None

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind == "scalar" and node.plain:
            number = self.quick(node.value)
            if number is not None:
                return number
        return self._read(node, ctx, item)

    def _read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        # Every case, with its problem: signs, leading zeros, too many digits, out of range.
        if node.kind != "scalar" or not node.plain or not _INT.match(str(node.value)):
            return self.wrong(node, ctx, item, "number-hint", example=self.example)
        value = str(node.value)
        digits = value.lstrip("+-")
        if len(digits) > 1 and digits.startswith("0"):
            ctx.error(node, item, "octal", "octal-hint", value=value, fixed=int(value))
            return _MISSING
        if len(digits) > _MAX_DIGITS:
            ctx.error(node, item, "too-large", "too-large-hint", value=value[:20] + "…")
            return _MISSING
        number = int(value)
        if not self.low <= number <= self.high:
            ctx.error(node, item, "range", "range-hint", value=number, low=self.low, high=self.high)
            return _MISSING
        return number

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


YEAR = Int(1900, 2200, "t-year", "2024")
_ANY_INT = Int(-(10**_MAX_DIGITS), 10**_MAX_DIGITS)


class Number(Type):
    """A number as written: ``int`` for whole numbers, ``Decimal`` for fractions (never float).

    ``decimal`` makes the model hold a ``Decimal`` even for a whole number (a share, a tolerance).
    """

    name = "t-number"
    example = "7.4"

    def __init__(self, *, decimal: bool = False, positive: str | None = None) -> None:
        self.decimal = decimal
        self.positive = positive  # the hint for a number that must be above 0, or None

    def build(self, data: Checked) -> Any:
        return Decimal(str(data)) if self.decimal else data

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        value = self._read(node, ctx, item)
        if self.positive is not None and isinstance(value, int | Decimal) and value <= 0:
            ctx.error(node, item, "not-positive", self.positive, value=node.value)
            return _MISSING
        return value

    def _read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "scalar" or not node.plain:
            return self.wrong(node, ctx, item, "number-hint", example=self.example)
        value = str(node.value)
        whole = _ANY_INT.quick(value)
        if whole is not None:
            return whole
        if _INT.match(value):
            return _ANY_INT._read(node, ctx, item)
        if value.lower() in _NOT_FINITE:
            ctx.error(node, item, "not-finite", "number-hint", value=value, example=self.example)
            return _MISSING
        if _DUTCH_DECIMAL.match(value):  # "98,5": a decimal comma, as Dutch people write it
            value = value.replace(",", ".")
        elif not _FLOAT.match(value):
            return self.wrong(node, ctx, item, "number-hint", example=self.example)
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return self.wrong(node, ctx, item, "number-hint", example=self.example)
        # At most 15 significant digits between 1e-15 and 1e15: every figure then
        # survives the JSON export (a float) exactly and reads back equal.
        if number and number.adjusted() >= _MAX_DIGITS:
            ctx.error(node, item, "too-large", "too-large-hint", value=value[:20] + ("…" if len(value) > 20 else ""))
            return _MISSING
        if number and (number.adjusted() < -_MAX_DIGITS or len(number.normalize().as_tuple().digits) > _MAX_DIGITS):
            ctx.error(node, item, "too-precise", "too-large-hint", value=value[:20] + ("…" if len(value) > 20 else ""))
            return _MISSING
        return number

    def schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0} if self.positive is not None else {"type": "number"}


class Bool(Type):
    """``true`` or ``false``; YAML 1.1's yes/no/on/off are refused with a hint."""

    name = "t-bool"
    example = "true"

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind == "scalar" and node.plain and node.value in _BOOL:
            return _BOOL[str(node.value)]
        return self.wrong(node, ctx, item, "bool-hint")

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Enum(Text):
    """One of a fixed set of words; with ``model``, the model holds that :class:`enum.Enum`'s member."""

    def __init__(self, *choices: str, model: type[enum.Enum] | None = None) -> None:
        self.choices = choices or tuple(str(m.value) for m in model or ())
        self.example = self.choices[0]
        self.model = model

    def build(self, data: Checked) -> Any:
        return data if self.model is None else self.model(data)

    def dump(self, value: Any) -> Any:
        return value.value if isinstance(value, enum.Enum) else value

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        value = super().read(node, ctx, item)
        if value is _MISSING:
            return value
        if value not in self.choices:
            choices = ", ".join(self.choices)
            match = _choice_meant(str(value), self.choices)
            if match:
                ctx.error(node, item, "enum", "enum-match-hint", value=value, match=match, choices=choices)
            else:
                ctx.error(node, item, "enum", "enum-hint", value=value, choices=choices)
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


# The Dutch words people write for the format's English choices (a suggestion, never read as the choice).
_CHOICE_WORDS = {
    "hoger": "higher", "hoog": "higher", "meer": "higher", "omhoog": "higher", "stijgen": "higher",
    "lager": "lower", "laag": "lower", "minder": "lower", "omlaag": "lower", "dalen": "lower",
    "geen": "none", "neutraal": "none", "geen richting": "none",
    "eenmalig": "incidenteel", "jaarlijks": "structureel", "kosten": "lasten", "inkomsten": "baten",
    "middel": "medium", "gemiddeld": "medium",
    "actie": "action", "inspanning": "action", "maatregel": "action", "doel": "goal", "doelstelling": "goal",
    "thema": "theme",
    "aantal": "count", "percentage": "percentage", "rapportcijfer": "score", "cijfer": "score",
    "score": "score", "plaats": "rank", "plek": "rank", "ranglijst": "rank",
}


def _choice_meant(value: str, choices: tuple[str, ...]) -> str | None:
    """The choice ``value`` most likely stands for: its Dutch word, a different case, or a near spelling."""
    import difflib  # here, not at the top: only a wrong choice needs it

    word = value.strip().lower()
    if word in choices:
        return word
    if _CHOICE_WORDS.get(word) in choices:
        return _CHOICE_WORDS[word]
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def decimal_comma(mapping: Node, before: Node, key: str, value: Node) -> bool:
    """Whether ``key`` is the decimals of a number written with a comma in a flow mapping: ``{factor: 0,1}``."""
    return (mapping.style == "flow" and key.isdigit() and value.kind == "scalar" and value.value == ""
            and before.kind == "scalar" and before.plain and isinstance(before.value, str)
            and before.value.lstrip("-").isdigit())
