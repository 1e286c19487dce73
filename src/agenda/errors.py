"""Problems found in a plan, and the one exception root :class:`AgendaError`.

A :class:`Problem` is located (file, line, column), names the item it concerns,
says what is wrong and what to write instead, in Dutch and English.  Errors are
refused; warnings are legal but suspicious, and ``strict`` mode refuses them too.

:class:`Problems` is the one collector every stage that checks a plan uses, and
:func:`problem` the one factory: a message key of a :class:`~agenda._i18n.Catalog`
and its fields become the sentence in both languages (a field that is itself a
message, :class:`Msg`, is translated too).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from agenda._i18n import LANGUAGES, Catalog, check_lang
from agenda.model import Location

__all__ = [
    "MAX_ERRORS",
    "AgendaError",
    "Msg",
    "Problem",
    "Problems",
    "Severity",
    "TooManyProblems",
    "UnreadableError",
    "Words",
    "make_problem",
    "problem",
]

#: After this many *errors* checking stops: nobody reads more, and a hostile file could produce millions.
#: Warnings never count: a valid plan with thousands of them is still read (they are all kept).
MAX_ERRORS: Final = 200

_T = Catalog(
    "errors",
    {
        "too-many": {
            "nl": "meer dan {limit} fouten; het controleren is hier gestopt",
            "en": "more than {limit} errors; checking stopped here",
        },
        "too-many-hint": {
            "nl": "Los de fouten hierboven op en controleer het bestand opnieuw.",
            "en": "Fix the errors above and check the file again.",
        },
    },
)


class Severity(enum.Enum):
    """Whether a problem refuses the plan (error) or only deserves a look (warning)."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One located problem: where, which item, what is wrong, and what to write instead.

    ``text`` and ``hint`` map a language code (``nl``, ``en``) to the sentence.
    ``code`` is a stable identifier (``unknown-key``) that tools can match on.
    """

    code: str
    severity: Severity
    location: Location | None
    item: str | None
    text: Mapping[str, str]
    hint: Mapping[str, str] = attrs.field(factory=dict)

    def message(self, lang: str = "nl") -> str:
        """The problem as one line or two: ``file:line:col: [item] what is wrong`` and the fix."""
        check_lang(lang)
        where = f"{self.location}: " if self.location else ""
        label = {"nl": {"error": "fout", "warning": "waarschuwing"}, "en": {"error": "error", "warning": "warning"}}
        head = f"{where}{label[lang][self.severity.value]}"
        if self.item:
            head += f" [{self.item}]"
        out = f"{head}: {self.text[lang]}"
        if self.hint.get(lang):
            out += f"\n    {self.hint[lang]}"
        return out

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict: code, severity, file, line, column, item, message, hint."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "item": self.item,
            "message": self.text[lang],
            "hint": self.hint.get(lang),
        }


class AgendaError(ValueError):
    """A plan could not be accepted.  ``problems`` lists every problem found, errors first."""

    def __init__(self, problems: Iterable[Problem], lang: str = "nl") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.lang = lang
        super().__init__(self.render(lang))

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that refuse the plan."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that are only suspicious."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def render(self, lang: str = "nl") -> str:
        """Every problem, one after the other, in ``lang``."""
        return "\n".join(p.message(lang) for p in self.problems)

    def __reduce__(self) -> tuple[object, ...]:
        # The default would rebuild the error from its message text, losing the problems.
        return (type(self), (self.problems, self.lang), self.__dict__)


class UnreadableError(AgendaError, OSError):
    """The file could not be read at all: missing, binary, not UTF-8, empty or not YAML.

    It is also an :class:`OSError`, so a caller can tell "no plan to read" from "an invalid
    plan" with ``except OSError`` as with any file.  ``filename`` is the file; ``errno`` and
    ``strerror`` are the operating system's when it refused the file (missing, a folder, no
    permission: ``errno.ENOENT``, ``errno.EISDIR``, ``errno.EACCES``) and None when the bytes
    were read but are not a plan (binary, empty, not UTF-8, not YAML).  The original
    :class:`OSError`, if any, is the ``__cause__``.  ``str()`` is the problem in ``lang``, as
    for every :class:`AgendaError`; the error pickles with its problems.
    """

    def __init__(self, problems: Iterable[Problem], lang: str = "nl", *, filename: str | None = None,
                 errno: int | None = None, strerror: str | None = None) -> None:
        super().__init__(problems, lang)
        if filename is None:  # the file of the first located problem
            filename = next((p.location.file for p in self.problems if p.location is not None), None)
        self.filename = filename
        self.errno = errno
        self.strerror = strerror

    def __str__(self) -> str:
        return self.render(self.lang)

    def __reduce__(self) -> tuple[object, ...]:
        return (_unreadable, (self.problems, self.lang, self.filename, self.errno, self.strerror), self.__dict__)


def _unreadable(problems: tuple[Problem, ...], lang: str, filename: str | None, errno: int | None,
                strerror: str | None) -> UnreadableError:
    # Unpickling: OSError's own reduce would call the class with the message as its only argument.
    return UnreadableError(problems, lang, filename=filename, errno=errno, strerror=strerror)


@attrs.frozen
class Msg:
    """A message used as a field of another message (``kind=Msg(catalog, "k-theme")``), translated per language."""

    catalog: Catalog
    key: str
    fields: Mapping[str, object] = attrs.field(factory=dict)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.catalog(self.key, lang, **_localise(self.fields, lang))


@attrs.frozen
class Words:
    """A field given in each language already (a plan's own level word): ``Words({"nl": …, "en": …})``."""

    texts: Mapping[str, str]

    def text(self, lang: str) -> str:
        """The word in ``lang``."""
        return self.texts[lang]


def _localise(fields: Mapping[str, object], lang: str) -> dict[str, object]:
    return {k: (v.text(lang) if isinstance(v, Msg | Words) else v) for k, v in fields.items()}


def problem(catalog: Catalog, code: str, location: Location | None, item: str | None = None,
            hint: str | None = None, *, severity: Severity = Severity.ERROR, **fields: object) -> Problem:
    """The one way to make a :class:`Problem`: ``code`` (and ``hint``) are keys of ``catalog``.

    ``code`` is also the problem's stable code.  ``fields`` fill the placeholders of
    both; a field that is a :class:`Msg` is translated into each language.
    """
    return make_problem(catalog, code, location, item, hint, fields, severity)


def make_problem(catalog: Catalog, code: str, location: Location | None, item: str | None, hint: str | None,
                 fields: Mapping[str, object], severity: Severity = Severity.ERROR) -> Problem:
    """:func:`problem` with the fields as a mapping (for callers that gather them first)."""
    return Problem(
        code, severity, location, item,
        {lang: catalog(code, lang, **_localise(fields, lang)) for lang in LANGUAGES},
        {lang: catalog(hint, lang, **_localise(fields, lang)) for lang in LANGUAGES} if hint else {},
    )


class TooManyProblems(Exception):
    """Raised by :class:`Problems` after :data:`MAX_ERRORS` errors; the last problem says so."""


class Problems:
    """The one problem collector: every problem found while checking a plan, errors and warnings.

    After :data:`MAX_ERRORS` errors one more is replaced by a located ``too-many``
    problem and :class:`TooManyProblems` is raised, so the caller stops working.
    Warnings are always kept and never count towards the stop.
    """

    def __init__(self, file: str, limit: int = MAX_ERRORS) -> None:
        self.file = file
        self.limit = limit
        self._items: list[Problem] = []
        self._errors = 0

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    @property
    def has_errors(self) -> bool:
        """Whether any error was collected."""
        return self._errors > 0

    def add(self, found: Problem) -> None:
        """Collect ``found``; raises :class:`TooManyProblems` when it is one error too many."""
        if found.severity is Severity.ERROR:
            if self._errors >= self.limit:
                loc = found.location or Location(self.file, 1, 1)
                self._items.append(problem(_T, "too-many", loc, None, "too-many-hint", limit=self.limit))
                raise TooManyProblems
            self._errors += 1
        self._items.append(found)

    def extend(self, found: Iterable[Problem]) -> None:
        """Collect each of ``found`` in turn."""
        for one in found:
            self.add(one)

    def error(self, catalog: Catalog, code: str, location: Location | None, item: str | None = None,
              hint: str | None = None, **fields: object) -> None:
        """Collect an error made by :func:`problem`."""
        self.add(make_problem(catalog, code, location, item, hint, fields))

    def warn(self, catalog: Catalog, code: str, location: Location | None, item: str | None = None,
             hint: str | None = None, **fields: object) -> None:
        """Collect a warning made by :func:`problem`."""
        self.add(make_problem(catalog, code, location, item, hint, fields, Severity.WARNING))
