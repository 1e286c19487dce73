"""Problems found in a plan, and the one exception root :class:`AgendaError`.

A :class:`Problem` is located (file, line, column), names the item it concerns,
says what is wrong and what to write instead, in Dutch and English.  Errors are
refused; warnings are legal but suspicious, and ``strict`` mode refuses them too.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from agenda._i18n import check_lang
from agenda.model import Location

__all__ = ["AgendaError", "Problem", "Severity", "UnreadableError"]


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
