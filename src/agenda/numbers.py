"""Figures and money as Dutch and English readers write them, and as people type them.

The one home of every number the tool shows or reads; nothing else formats a figure.

Writing:

* :func:`number` — a figure as published: ``7,0`` stays ``7,0`` (the digits written are
  kept), a decimal comma in Dutch and a point in English; groups of thousands from
  10.000 up (``12.500``; four digits stay together, ``1234``), as the Taalunie advises.
* :func:`money` — euros: always grouped (``€ 96.000``), cents only when there are any
  after rounding (``€ 6.666,67``).  Amounts are rounded to the cent **half up**
  (``ROUND_HALF_UP``: 0,005 becomes 0,01), the way Dutch begrotingen and jaarrekeningen
  round; every table, report and comparison uses this one rule.
* :func:`percent` — a change or share: ``+62 %`` in Dutch (a non-breaking space before the
  sign, as in the Voortgangsrapportage), ``+62%`` in English; rounded half up.
* :func:`date` — a date as people write it: ``22 januari 2024`` / ``22 January 2024``, a month
  as ``november 2023``, a year as ``2019``; with ``preposition`` the word that goes before it
  (``op 22 januari 2024``, ``in november 2023``).
* :func:`json_number` — a figure for JSON: an ``int`` when whole, else a ``float`` (figures
  have at most 15 significant digits, so the float is exact).

Reading (:func:`parse_number`): what a programme manager types on the command line, in a
spreadsheet or in the YAML file; :func:`is_whole` says whether an indicator's figures are
counts (whole numbers).  ``7,4`` and ``7.4`` are both 7.4; ``1.234`` on a whole
number (a count) is 1234; ``1.234`` where fractions are allowed is refused with the
question which was meant; a fraction on a count is refused.  Problems raise
:class:`NumberError`, whose text is Dutch or English.

>>> number(Decimal("7.0")), number(Decimal("7.4"), "en"), number(12500)
('7,0', '7.4', '12.500')
>>> money(Decimal(20000) / 3)
'€ 6.666,67'
>>> parse_number("1.234", whole=True), parse_number("98,5")
(1234, Decimal('98.5'))
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeAlias

from agenda._i18n import Catalog, check_lang

__all__ = [
    "Number",
    "NumberError",
    "date",
    "is_whole",
    "json_number",
    "money",
    "number",
    "parse_number",
    "percent",
    "to_cents",
]

#: A figure kept exactly as written: ``int`` for whole numbers, ``Decimal`` for fractions (never float).
Number: TypeAlias = int | Decimal

_CENT = Decimal("0.01")
_NBSP = "\u00a0"
_MAX_DIGITS = 15

_T = Catalog(
    "numbers",
    {
        "not-a-number": {"nl": "'{value}' is geen getal", "en": "'{value}' is not a number"},
        "not-a-number-hint": {
            "nl": "Schrijf een getal zoals 608, 7,4 of 12.500.",
            "en": "Write a number such as 608, 7.4 or 12,500.",
        },
        "not-whole": {
            "nl": "'{value}' is geen geheel getal, en hier hoort een aantal",
            "en": "'{value}' is not a whole number, and a count belongs here",
        },
        "not-whole-hint": {
            "nl": "Een aantal heeft geen cijfers achter de komma; schrijf bijvoorbeeld {example}.",
            "en": "A count has no decimals; write for example {example}.",
        },
        "ambiguous": {
            "nl": "'{value}' is dubbelzinnig: bedoelt u {thousands} of {decimal}?",
            "en": "'{value}' is ambiguous: do you mean {thousands} or {decimal}?",
        },
        "ambiguous-hint": {
            "nl": "Schrijf het getal zonder duizendtalpunt ({thousands}) of met een decimale komma ({decimal}).",
            "en": "Write the number without a thousands separator ({thousands}) or with a decimal comma ({decimal}).",
        },
        "ambiguous-count": {
            "nl": "'{value}' is dubbelzinnig, en hier hoort een aantal: bedoelt u {thousands}?",
            "en": "'{value}' is ambiguous, and a count belongs here: do you mean {thousands}?",
        },
        "ambiguous-count-hint": {
            "nl": "Schrijf een aantal zonder komma of punt: {thousands}.",
            "en": "Write a count without comma or point: {thousands}.",
        },
        "too-many-digits": {
            "nl": "'{value}' heeft meer dan {limit} cijfers",
            "en": "'{value}' has more than {limit} digits",
        },
        "too-many-digits-hint": {
            "nl": "Getallen in een agenda hebben hooguit {limit} cijfers.",
            "en": "Numbers in a plan have at most {limit} digits.",
        },
    },
)


class NumberError(ValueError):
    """Typed text that is not a number of the kind asked for; ``code`` is stable, the text is bilingual."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(self.text("nl"))

    def text(self, lang: str = "nl") -> str:
        """What is wrong, in ``lang``."""
        return _T(self.code, check_lang(lang), **self.fields)

    def hint(self, lang: str = "nl") -> str:
        """What to type instead, in ``lang``."""
        return _T(f"{self.code}-hint", check_lang(lang), **self.fields)


# --------------------------------------------------------------------------- writing


def _plain(value: Number) -> str:
    # Never an exponent; a Decimal keeps the digits it was written with ("7.0").
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.as_tuple().exponent > 0:  # type: ignore[operator]
            return str(int(value))
        return format(value, "f")
    return str(value)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def _localise(text: str, lang: str, *, group_from: int) -> str:
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0], text[1:]
    whole, _, frac = text.partition(".")
    nl = check_lang(lang) == "nl"
    if len(whole) >= group_from:
        whole = _group(whole, "." if nl else ",")
    if frac:
        whole += ("," if nl else ".") + frac
    return sign + whole


def number(value: Number | float, lang: str = "nl", *, decimals: int | None = None, group: bool = True) -> str:
    """``value`` as ``lang`` writes it: ``7,4`` / ``7.4``; thousands grouped from 10.000 up.

    ``decimals`` rounds (half up) to that many places, for computed figures such as averages;
    without it the digits of a published figure are kept as written (``7,0`` stays ``7,0``).
    ``group=False`` leaves the thousands ungrouped (``12500,5``): text a person will edit and
    that :func:`parse_number` must read back unambiguously, such as a cell in a survey sheet.

    >>> number(Decimal("1234.5")), number(Decimal("12345.5"), "en"), number(Decimal(2) / 3, decimals=1)
    ('1234,5', '12,345.5', '0,7')
    """
    exact = value if isinstance(value, int | Decimal) else Decimal(repr(value))
    if decimals is not None:
        exact = Decimal(exact).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return _localise(_plain(exact), lang, group_from=5 if group else 10**9)


def to_cents(amount: Number) -> Decimal:
    """``amount`` in euros rounded to the cent, half up: the one rounding of money (``Decimal("6666.67")``)."""
    return Decimal(amount).quantize(_CENT, ROUND_HALF_UP)


def money(amount: Number, lang: str = "nl", *, symbol: bool = True) -> str:
    """An amount in euros: ``€ 96.000``; cents, rounded half up, only when there are any.

    >>> money(96000), money(Decimal("30000.5"), "en"), money(Decimal("0.005"), symbol=False)
    ('€ 96.000', '€ 30,000.50', '0,01')
    """
    value = to_cents(amount)
    text = f"{value:.0f}" if value == value.to_integral_value() else f"{value:.2f}"
    shown = _localise(text, lang, group_from=4)
    return f"€ {shown}" if symbol else shown


def percent(value: Number | float, lang: str = "nl", *, signed: bool = False, decimals: int = 0) -> str:
    """A percentage (``value`` in percent, not a fraction): ``+62 %`` in Dutch, ``+62%`` in English.

    >>> percent(Decimal("62.13"), signed=True), percent(-5, "en", signed=True), percent(Decimal("12.25"), decimals=1)
    ('+62\\xa0%', '-5%', '12,3\\xa0%')
    """
    exact = value if isinstance(value, int | Decimal) else Decimal(repr(value))
    rounded = Decimal(exact).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0 %"
    text = _localise(format(rounded, "f"), lang, group_from=5)
    if signed and rounded > 0:
        text = "+" + text
    return text + (f"{_NBSP}%" if check_lang(lang) == "nl" else "%")


_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def date(value: str | int | datetime.date, lang: str = "nl", *, preposition: bool = False) -> str:
    """A date as ``lang`` writes it in running text: ``22 januari 2024``, ``november 2023``, ``2019``.

    ``value`` is an ISO date (``2024-01-22``), month (``2023-11``) or year (``2019``, or an int), as a
    plan writes them, or a :class:`datetime.date`.  ``preposition`` puts the word before it that a
    sentence needs: ``op`` before a day, ``in`` before a month or year (English: ``on`` / ``in``).
    Text that is not such a date is returned as it is, so a date written in words stays readable.

    >>> date("2024-01-22"), date("2023-11", preposition=True), date(2019, "en", preposition=True)
    ('22 januari 2024', 'in november 2023', 'in 2019')
    >>> date("2024-01-22", "en", preposition=True)
    'on 22 January 2024'
    """
    nl = check_lang(lang) == "nl"
    text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
    found = _ISO_DATE.match(text)
    month = int(found.group(2)) if found and found.group(2) else None
    day = int(found.group(3)) if found and found.group(3) else None
    if found is None or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return text
    year = found.group(1)
    if day is not None and month is not None:
        shown = f"{day} {_MONTHS[lang][month - 1]} {year}"
        word = "op" if nl else "on"
    elif month is not None:
        shown = f"{_MONTHS[lang][month - 1]} {year}"
        word = "in"
    else:
        shown, word = year, "in"
    return f"{word} {shown}" if preposition else shown


def json_number(value: Number) -> int | float:
    """A figure for JSON: ``int`` when whole, else ``float`` (exact: figures have at most 15 digits)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --------------------------------------------------------------------------- reading

_PATTERNS = {
    "spaces": r"[\s\u00a0\u202f\u2009']",
    "digits": r"[-+]?\d+\Z",
    "thousands-dot": r"[-+]?\d{1,3}(\.\d{3})+\Z",
    "thousands-comma": r"[-+]?\d{1,3}(,\d{3})+\Z",
    "decimal": r"[-+]?(\d+)?[.,]\d+\Z",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _re(name: str) -> re.Pattern[str]:
    # Compiled on first use: every command imports this module, only typed input is parsed.
    pattern = _COMPILED.get(name)
    if pattern is None:
        pattern = _COMPILED[name] = re.compile(_PATTERNS[name])
    return pattern


def parse_number(text: str, *, whole: bool = False) -> Number:
    """What a person typed, as an exact figure; raises :class:`NumberError` when it is not one.

    * a decimal comma or point: ``7,4`` and ``7.4`` are 7.4 (kept as ``Decimal``);
    * thousands written with points and a decimal comma (``12.500,5``), or the English way
      (``12,500.5``), or with spaces (``12 500``);
    * ``whole`` (a count): ``1.234`` and ``1,234`` are 1234; a fraction is refused;
    * where fractions are allowed, ``1.234`` could be either, and is refused with both readings.

    >>> parse_number("12.500,5"), parse_number("12 500"), parse_number("-3")
    (Decimal('12500.5'), 12500, -3)
    """
    raw = text
    s = _re("spaces").sub("", text.strip())
    if not s:
        raise NumberError("not-a-number", value=raw)
    if "." in s and "," in s:
        # Both: the later one is the decimal mark, the other groups thousands.
        dec, grp = (",", ".") if s.rfind(",") > s.rfind(".") else (".", ",")
        whole_part, _, frac = s.rpartition(dec)
        if not re.fullmatch(r"[-+]?\d{1,3}(" + re.escape(grp) + r"\d{3})+", whole_part) or not frac.isdigit():
            raise NumberError("not-a-number", value=raw)
        s = whole_part.replace(grp, "") + "." + frac
    elif _re("thousands-dot").match(s):  # "1.234": a Dutch thousands point, or an English decimal point
        grouped = s.replace(".", "")
        if not whole and s.count(".") == 1:
            raise NumberError("ambiguous", value=raw, thousands=grouped, decimal=s.replace(".", ","))
        s = grouped
    elif _re("thousands-comma").match(s):  # "1,234": a Dutch decimal comma, or an English thousands comma
        grouped = s.replace(",", "")
        if whole and s.count(",") == 1:
            raise NumberError("ambiguous-count", value=raw, thousands=grouped)
        s = grouped if s.count(",") > 1 else s.replace(",", ".")
    elif _re("decimal").match(s):
        s = s.replace(",", ".")
    elif not _re("digits").match(s):
        raise NumberError("not-a-number", value=raw)
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the patterns admit only decimals
        raise NumberError("not-a-number", value=raw) from None
    if len(value.as_tuple().digits) > _MAX_DIGITS:
        raise NumberError("too-many-digits", value=raw if len(raw) <= 24 else raw[:20] + "…", limit=_MAX_DIGITS)
    if re.match(r"[-+]?0\d", s):  # "007": a code or a typo, never how a figure is written
        raise NumberError("not-a-number", value=raw)
    if "." not in s:
        return int(value)
    if whole:
        if value == value.to_integral_value():
            return int(value)
        raise NumberError("not-whole", value=raw, example=number(int(value.to_integral_value(ROUND_HALF_UP))))
    return value


# A unit that makes a count a rate or an average: "per 1.000 inwoners", "%", "gemiddeld".
_FRACTION_UNIT = re.compile(r"\bper\b|%|‰|\bpromille\b|gemiddel|\baverage\b|\bmean\b|\bratio\b", re.IGNORECASE)
# A unit that names a count: "aantal", "aantal meldingen", "stuks", "number of cases".
_COUNT_UNIT = re.compile(r"\s*(aantal|aantallen|stuks?|number|count|keer|times)\b", re.IGNORECASE)


def is_whole(kind: str | None, unit: str | None = None) -> bool:
    """Whether an indicator's figures are whole numbers (counts), from its ``kind`` and ``unit`` as written.

    * ``kind`` written as ``count`` or ``rank``: whole, unless the ``unit`` makes it a rate or an
      average (``per 1.000 inwoners``, ``%``, ``gemiddeld``);
    * ``kind`` not written (None): whole when the ``unit`` names a count (``aantal``, ``aantal
      meldingen``, ``stuks``, ``number``); an indicator with neither may hold fractions;
    * any other kind (``percentage``, ``score``, ``amount``): fractions allowed.

    The one rule for reading typed figures (``parse_number(text, whole=is_whole(kind, unit))``):
    on the command line, in ``agenda import``, in the survey sheets and in the YAML file.

    >>> is_whole("count"), is_whole(None, "aantal"), is_whole(None), is_whole("count", "per 10.000 inwoners")
    (True, True, False, False)
    """
    if unit and _FRACTION_UNIT.search(unit):
        return False
    if kind is not None:
        return kind in ("count", "rank")
    return bool(unit and _COUNT_UNIT.match(unit))
