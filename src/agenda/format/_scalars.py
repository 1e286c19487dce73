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

from agenda._i18n import Catalog
from agenda.errors import Msg, Problems, Severity, problem
from agenda.format._yaml import Node
from agenda.model import Comparator, Location, Target

__all__ = [
    "MAX_ID", "YEAR", "Bool", "Checked", "Colour", "Date", "Enum", "Id", "Int", "Number", "TargetText", "Text", "Type",
    "parse_target", "to_target",
]

Checked = Any  # plain data: dict | list | str | int | Decimal | bool | None

_T = Catalog(
    "schema",
    {
        "expected": {"nl": "hier hoort {expected}, maar er staat {found}", "en": "expected {expected}, found {found}"},
        "expected-hint": {"nl": "Schrijf hier {expected}, bijvoorbeeld: {example}", "en": "Write {expected} here, for example: {example}"},
        "duplicate-year": {
            "nl": "het jaar {year} staat twee keer in dit blok (eerst op regel {first})",
            "en": "the year {year} appears twice in this block (first on line {first})",
        },
        "duplicate-year-hint": {
            "nl": "Houd één van beide; beide sleutels betekenen het jaar {year}.",
            "en": "Keep one of them; both keys mean the year {year}.",
        },
        "unknown-key": {"nl": "onbekende sleutel '{key}'", "en": "unknown key '{key}'"},
        "unknown-key-hint-match": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "unknown-key-hint": {"nl": "Toegestaan hier: {allowed}.", "en": "Allowed here: {allowed}."},
        "missing-key": {"nl": "de sleutel '{key}' ontbreekt", "en": "the key '{key}' is missing"},
        "missing-key-hint": {"nl": "Voeg toe: `{key}: {example}`.", "en": "Add: `{key}: {example}`."},
        "quote-hint": {
            "nl": "YAML leest dit als {found}; zet het tussen aanhalingstekens als u tekst bedoelt: \"{value}\".",
            "en": "YAML reads this as {found}; put it in quotes if you mean text: \"{value}\".",
        },
        "bool-hint": {"nl": "Schrijf true of false.", "en": "Write true or false."},
        "octal": {
            "nl": "'{value}' begint met een 0 en is daardoor dubbelzinnig (YAML 1.1 leest het als octaal getal)",
            "en": "'{value}' starts with a 0 and is ambiguous (YAML 1.1 reads it as an octal number)",
        },
        "octal-hint": {"nl": "Schrijf het getal zonder voorloopnul: {fixed}.", "en": "Write the number without the leading zero: {fixed}."},
        "number-hint": {"nl": "Schrijf een getal zonder aanhalingstekens, bijvoorbeeld {example}.", "en": "Write a number without quotes, for example {example}."},
        "not-finite": {"nl": "'{value}' is geen gewoon getal", "en": "'{value}' is not an ordinary number"},
        "too-large": {"nl": "het getal {value} is te groot", "en": "the number {value} is too large"},
        "too-precise": {"nl": "het getal {value} heeft te veel cijfers", "en": "the number {value} has too many digits"},
        "too-large-hint": {"nl": "Getallen in een agenda hebben hooguit 15 cijfers.", "en": "Numbers in a plan have at most 15 digits."},
        "range": {"nl": "{value} ligt niet tussen {low} en {high}", "en": "{value} is not between {low} and {high}"},
        "range-hint": {"nl": "Schrijf een waarde van {low} tot en met {high}.", "en": "Write a value from {low} to {high}."},
        "enum": {"nl": "'{value}' is hier geen geldige keuze", "en": "'{value}' is not a valid choice here"},
        "enum-hint": {"nl": "Kies uit: {choices}.", "en": "Choose from: {choices}."},
        "bad-id": {"nl": "'{value}' is geen geldige id", "en": "'{value}' is not a valid id"},
        "bad-id-hint": {
            "nl": "Een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter, bijvoorbeeld '{example}'.",
            "en": "An id has lowercase letters, digits and hyphens and starts with a letter, for example '{example}'.",
        },
        "long-id": {
            "nl": "de id '{value}' is {length} tekens lang; een id heeft hooguit {limit} tekens",
            "en": "the id '{value}' is {length} characters long; an id has at most {limit}",
        },
        "long-id-hint": {
            "nl": "Kies een kortere id; de naam (`name`) mag wel lang zijn.",
            "en": "Choose a shorter id; the name (`name`) may be long.",
        },
        "bad-date": {"nl": "'{value}' is geen datum", "en": "'{value}' is not a date"},
        "bad-colour": {"nl": "'{value}' is geen kleur", "en": "'{value}' is not a colour"},
        "bad-colour-hint": {
            "nl": "Schrijf een kleur als \"#rrggbb\" tussen aanhalingstekens, bijvoorbeeld \"#009e73\".",
            "en": "Write a colour as \"#rrggbb\" in quotes, for example \"#009e73\".",
        },
        "bad-date-hint": {
            "nl": "Schrijf een jaar (2024), een maand (\"2024-02\") of een dag (\"2024-02-01\").",
            "en": "Write a year (2024), a month (\"2024-02\") or a day (\"2024-02-01\").",
        },
        "bad-target": {"nl": "'{value}' is geen doelwaarde", "en": "'{value}' is not a target"},
        "bad-target-hint": {
            "nl": "Schrijf bijvoorbeeld \"< 550\", \">= 7,0\", \"min. 7,0\", \"max. 25%\", \"= 0\" of \"10-20\".",
            "en": "Write for example \"< 550\", \">= 7,0\", \"min. 7,0\", \"max. 25%\", \"= 0\" or \"10-20\".",
        },
        "empty-text": {"nl": "de tekst is leeg", "en": "the text is empty"},
        "empty-text-hint": {"nl": "Vul de tekst in of laat de sleutel weg.", "en": "Fill in the text or leave the key out."},
        "t-text": {"nl": "tekst", "en": "text"},
        "t-id": {"nl": "een id", "en": "an id"},
        "t-int": {"nl": "een geheel getal", "en": "a whole number"},
        "t-year": {"nl": "een jaartal", "en": "a year"},
        "t-number": {"nl": "een getal", "en": "a number"},
        "t-bool": {"nl": "true of false", "en": "true or false"},
        "t-list": {"nl": "een lijst", "en": "a list"},
        "t-map": {"nl": "een blok met sleutels", "en": "a block of keys"},
        "t-date": {"nl": "een datum", "en": "a date"},
        "t-target": {"nl": "een doelwaarde", "en": "a target"},
        "f-map": {"nl": "een blok met sleutels", "en": "a block of keys"},
        "f-seq": {"nl": "een lijst", "en": "a list"},
        "f-text": {"nl": "de tekst '{value}'", "en": "the text '{value}'"},
        "f-null": {"nl": "niets", "en": "nothing"},
        "f-bool": {"nl": "het woord {value}", "en": "the word {value}"},
        "f-number": {"nl": "het getal {value}", "en": "the number {value}"},
        "r-bool": {"nl": "een ja/nee-waarde", "en": "a true/false value"},
        "r-null": {"nl": "'leeg' (null)", "en": "'empty' (null)"},
        "r-number": {"nl": "een getal", "en": "a number"},
    },
)

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

    def __init__(self, file: str, problems: Problems | None = None) -> None:
        self.file = file
        self.problems = problems if problems is not None else Problems(file)

    def loc(self, node: Node) -> Location:
        return Location(self.file, node.line, node.column)

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

    def __init__(self, *, decimal: bool = False) -> None:
        self.decimal = decimal

    def build(self, data: Checked) -> Any:
        return Decimal(str(data)) if self.decimal else data

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
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
        return {"type": "number"}


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
            ctx.error(node, item, "enum", "enum-hint", value=value, choices=", ".join(self.choices))
            return _MISSING
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


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
