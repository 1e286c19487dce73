"""What every subcommand shares: language and year, loading with kind errors, output, colour.

The language of every answer is worked out here, one way for every command
(:func:`lang_of`): ``--lang`` (or ``AGENDA_LANG``) when given, else the plan's own
``language:``, else Dutch; the year by :func:`year_or_latest`: ``--year``, else the
plan's latest reporting year.
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from agenda._i18n import Catalog

if TYPE_CHECKING:
    from agenda.errors import Problem
    from agenda.format.loader import Validation
    from agenda.model import Agenda

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "RendererChoices", "T", "checked_plan", "common_parser", "format_option", "guess_lang", "lang_of", "load_plan",
    "plan_for_year", "plan_language", "seconds_type", "text_arguments_utf8", "write_atomic", "year_or_latest",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

T = Catalog(
    "cli",
    {
        "prog-description": {
            "nl": "agenda: de veiligheidsagenda van een gemeente controleren, volgen en rapporteren.",
            "en": "agenda: check, track and report on a municipality's safety plan.",
        },
        "prog-epilog": {
            "nl": "Voorbeelden:\n  agenda validate agenda.yaml\n  agenda reflectie agenda.yaml --year 2023\n"
                  "  agenda report agenda.yaml --year 2023 --out rapport\n\n"
                  "Afsluitcodes: 0 in orde; 1 ongeldige invoer of bevindingen; 2 verkeerd gebruik of onleesbaar bestand.\n"
                  "Gebruik --lang en voor Engels.",
            "en": "Examples:\n  agenda validate agenda.yaml\n  agenda reflectie agenda.yaml --year 2023\n"
                  "  agenda report agenda.yaml --year 2023 --out report\n\n"
                  "Exit codes: 0 ok; 1 invalid input or findings; 2 wrong usage or unreadable file.\n"
                  "Use --lang nl for Dutch.",
        },
        "command": {"nl": "opdracht", "en": "command"},
        "lang-help": {"nl": "taal van meldingen en rapporten: nl of en", "en": "language of messages and reports: nl or en"},
        "path-help": {"nl": "het agenda-bestand (YAML)", "en": "the plan file (YAML)"},
        "format-help": {"nl": "uitvoerformaat", "en": "output format"},
        "format-metavar": {"nl": "VORM", "en": "FORMAT"},
        "output-help": {"nl": "schrijf naar dit bestand in plaats van naar het scherm", "en": "write to this file instead of the screen"},
        "summary-ok": {"nl": "{file}: in orde ({themes|thema|thema's}, {goals|doelstelling|doelstellingen}, "
                             "{actions|inspanning|inspanningen}, {indicators|indicator|indicatoren})",
                       "en": "{file}: valid ({themes|theme|themes}, {goals|goal|goals}, {actions|action|actions}, "
                             "{indicators|indicator|indicators})"},
        "summary-counts": {"nl": "{errors|fout|fouten}, {warnings|waarschuwing|waarschuwingen}",
                           "en": "{errors|error|errors}, {warnings|warning|warnings}"},
        "summary-bad": {"nl": "{file}: niet in orde", "en": "{file}: not valid"},
        "strict-note": {"nl": "--strict: waarschuwingen tellen als fouten", "en": "--strict: warnings count as errors"},
        "written": {"nl": "geschreven: {path}", "en": "written: {path}"},
        "no-year": {"nl": "geef een jaar met --year: de agenda noemt geen verslagjaren",
                    "en": "give a year with --year: the plan names no reporting years"},
        "write-failed": {"nl": "kan niet schrijven naar {path}: {error}", "en": "cannot write to {path}: {error}"},
        # The operating system's reasons, in the user's language (its own words are English on most systems).
        "os-exists": {"nl": "daar staat een bestand, waar een map moet komen",
                      "en": "a file is there where a folder must go"},
        "os-not-dir": {"nl": "een deel van het pad is een bestand, geen map", "en": "part of the path is a file, not a folder"},
        "os-is-dir": {"nl": "dat is een map, geen bestand", "en": "that is a folder, not a file"},
        "os-missing": {"nl": "de map bestaat niet", "en": "the folder does not exist"},
        "os-denied": {"nl": "geen toestemming", "en": "permission denied"},
        "os-full": {"nl": "de schijf is vol", "en": "the disk is full"},
        "os-read-only": {"nl": "de schijf is alleen-lezen", "en": "the disk is read-only"},
        "write-refused": {
            "nl": "Staat het bestand open in een ander programma, zoals Word of Excel? Sluit het en probeer het "
                  "opnieuw. Anders: kies een map waarin u mag schrijven.",
            "en": "Is the file open in another program, such as Word or Excel? Close it and try again. "
                  "Otherwise: choose a folder you may write in.",
        },
        "bad-seconds": {"nl": "'{value}' is geen aantal seconden groter dan 0 en hooguit {limit} (bijvoorbeeld 60)",
                        "en": "'{value}' is not a number of seconds above 0 and at most {limit} (for example 60)"},
        "not-utf8-arg": {
            "nl": "{option}: deze tekst is geen geldige UTF-8 (byte {byte}); typ hem opnieuw of kopieer hem uit een "
                  "UTF-8-bestand",
            "en": "{option}: this text is not valid UTF-8 (byte {byte}); type it again or copy it from a UTF-8 file",
        },
    },
)


def guess_lang(argv: Sequence[str]) -> str:
    """The language asked for on the command line (for --help texts), else AGENDA_LANG, else Dutch."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("nl", "en"):
            return argv[i + 1]
        if arg in ("--lang=nl", "--lang=en"):
            return arg.split("=", 1)[1]
    env = os.environ.get("AGENDA_LANG", "")
    return env if env in ("nl", "en") else "nl"


class RendererChoices:
    """The ``--format`` names of one kind of result (built-in and registered), looked up only when needed.

    Building the parser never asks for them: the registry reads the installed packages'
    entry points (``importlib.metadata``), which costs a tenth of a second at start-up.
    They are looked up when ``--format`` is given, or when the help or an error shows them.
    """

    def __init__(self, kind: str, extra: tuple[str, ...] = ("json",)) -> None:
        self.kind = kind
        self.extra = extra

    def _names(self) -> tuple[str, ...]:
        from agenda.render.registry import renderer_names

        return (*renderer_names(self.kind), *self.extra)

    def __contains__(self, name: object) -> bool:
        return name in self._names()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())


def format_option(parser: argparse.ArgumentParser, kind: str, lang: str, extra: tuple[str, ...] = ("json",)) -> None:
    """Add ``--format`` with the renderers of ``kind`` as its choices, looked up lazily (:class:`RendererChoices`)."""
    parser.add_argument("--format", choices=RendererChoices(kind, extra), default="text",
                        metavar=T("format-metavar", lang), help=T("format-help", lang) + ": %(choices)s")


def common_parser(lang: str) -> argparse.ArgumentParser:
    """Options every subcommand takes."""
    from agenda.cli._argparse import Parser

    common = Parser(add_help=False, lang=lang)
    common.add_argument("--lang", choices=("nl", "en"), default=None, help=T("lang-help", lang))
    return common


def lang_of(args: argparse.Namespace, agenda: Agenda | None = None) -> str:
    """The language of the answer: ``--lang`` (or AGENDA_LANG), else the plan's ``language:``, else Dutch.

    The plan's language is taken from ``agenda`` when it is loaded, else read from the file
    at ``args.path`` (its top-level ``language:``), so that a command that edits the plan,
    or a plan with errors, answers in the same language as one that renders it.
    """
    if getattr(args, "lang", None):
        return str(args.lang)
    if agenda is not None:
        return agenda.config.language if agenda.config.language in ("nl", "en") else "nl"
    path = getattr(args, "path", None)
    return plan_language(str(path)) or "nl" if path else "nl"


_PLAN_LANGUAGE: dict[tuple[str, int, int], str | None] = {}


def plan_language(path: str) -> str | None:
    """The top-level ``language:`` of the plan file at ``path`` (nl or en); None when absent or unreadable."""
    from agenda.edit._splice import lookup
    from agenda.errors import AgendaError
    from agenda.format import _yaml

    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (os.path.realpath(path), st.st_mtime_ns, st.st_size)
    if key not in _PLAN_LANGUAGE:
        found = None
        try:
            root = _yaml.parse(_yaml.read_text(path), path)
        except AgendaError:
            root = None
        if root is not None and root.kind == "map":
            pair = lookup(root, "language")
            if pair is not None and pair.kind == "scalar" and pair.value in ("nl", "en"):
                found = str(pair.value)
        _PLAN_LANGUAGE[key] = found
    return _PLAN_LANGUAGE[key]


def year_or_latest(args: argparse.Namespace, years: tuple[int, ...], lang: str) -> int | None:
    """``--year``, else the plan's latest reporting year; None (after a message) when neither exists."""
    if getattr(args, "year", None) is not None:
        return int(args.year)
    if years:
        return max(years)
    print(T("no-year", lang), file=sys.stderr)
    return None


def plan_for_year(args: argparse.Namespace) -> tuple[Agenda, str, int] | int:
    """The plan, the language and the year (``--year`` or the latest) of ``args``; an exit code instead on failure."""
    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    year = year_or_latest(args, agenda.reporting_years, lang)
    return EXIT_FINDINGS if year is None else (agenda, lang, year)


#: Arguments that name files: their bytes are the operating system's, and need not be UTF-8.
_PATH_ARGUMENTS = frozenset({"path", "output", "out", "csv", "dir"})


def text_arguments_utf8(args: argparse.Namespace, lang: str) -> bool:
    """Whether every text argument (not a file name) is valid UTF-8; prints what is not (stderr)."""
    for name, value in sorted(vars(args).items()):
        values = value if isinstance(value, list) else [value]
        for one in values:
            if name in _PATH_ARGUMENTS or not isinstance(one, str):
                continue
            bad = next((ch for ch in one if "\udc80" <= ch <= "\udcff"), None)
            if bad is not None:
                option = "--" + name.replace("_", "-") if name not in ("item", "indicator") else name
                print(T("not-utf8-arg", lang, option=option, byte=f"0x{ord(bad) - 0xDC00:02x}"), file=sys.stderr)
                return False
    return True


def colour(text: str, code: str, stream: object = None) -> str:
    """``text`` in an ANSI colour, only on a terminal and without NO_COLOR (its control characters escaped)."""
    from agenda.cli._term import styled

    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or not getattr(stream, "isatty", lambda: False)():
        return text
    return styled(text, code, stream)


def seconds_type(lang: str, limit: float = 3600) -> Callable[[str], float]:
    """An argparse ``type`` for a number of seconds: more than 0 and at most ``limit`` (no nan, no inf)."""

    def seconds(text: str) -> float:
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 < value <= limit):
            raise argparse.ArgumentTypeError(T("bad-seconds", lang, value=text, limit=f"{limit:g}"))
        return value

    return seconds


def print_problems(problems: Sequence[Problem], lang: str, stream: TextIO | None = None) -> None:
    """Every problem, errors in red and warnings in yellow on a terminal."""
    from agenda.errors import Severity

    out = stream or sys.stderr
    for p in problems:
        code = "31" if p.severity is Severity.ERROR else "33"
        print(colour(p.message(lang), code, out), file=out)


def checked_plan(args: argparse.Namespace, *, strict: bool = False) -> Validation | int:
    """Check ``args.path``: the valid :class:`~agenda.format.loader.Validation` (warnings and all), or,
    after printing the problems to stderr, the exit code."""
    from agenda.format.loader import validate

    result = validate(args.path)
    if not result.ok(strict):
        print_problems(result.problems, lang_of(args, result.agenda))
        unreadable = result.agenda is None and any(p.code in _UNREADABLE for p in result.errors)
        return EXIT_USAGE if unreadable else EXIT_FINDINGS
    return result


def load_plan(args: argparse.Namespace, *, strict: bool = False) -> Agenda | int:
    """Load ``args.path``; on problems print them (stderr) and return the exit code instead."""
    result = checked_plan(args, strict=strict)
    if isinstance(result, int):
        return result
    assert result.agenda is not None
    return result.agenda


# Problems that mean the file could not be read at all, or the command was set up wrongly (exit code 2).
_UNREADABLE = frozenset({"missing", "not-file", "os-error", "too-big", "empty", "binary", "not-utf8", "syntax",
                         "bad-timeout"})


def write_failed(exc: OSError, path: object, lang: str) -> str:
    """What to say when a file could not be written: the user's file (never our temporary one), why, and
    for a refusal the likely cause (on Windows, Word and Excel lock the files they have open)."""
    name = exc.filename2 or exc.filename  # os.replace(temporary, file): the second is the user's
    shown = name
    if name is None or os.path.basename(str(name)).endswith((".tmp", ".agenda-lock")) or (
            os.path.abspath(str(name)) == os.path.abspath(str(path))):
        shown = path  # as the user wrote it
    reason = {errno.EEXIST: "os-exists", errno.ENOTDIR: "os-not-dir", errno.EISDIR: "os-is-dir",
              errno.ENOENT: "os-missing", errno.EACCES: "os-denied", errno.EPERM: "os-denied",
              errno.ENOSPC: "os-full", errno.EROFS: "os-read-only"}.get(exc.errno or 0)
    text = T("write-failed", lang, path=os.fsdecode(shown) if isinstance(shown, bytes) else shown,
             error=T(reason, lang) if reason else (exc.strerror or exc))
    if isinstance(exc, PermissionError):
        text += "\n    " + T("write-refused", lang)
    return text


def emit(args: argparse.Namespace, content: str | bytes, lang: str) -> int:
    """Write ``content`` to ``args.output`` (atomically) or to stdout; the exit code."""
    output = getattr(args, "output", None)
    if output in (None, "-"):
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return EXIT_OK
    try:
        write_atomic(Path(output), content)
    except OSError as exc:
        print(write_failed(exc, output, lang), file=sys.stderr)
        return EXIT_USAGE
    print(T("written", lang, path=output), file=sys.stderr)
    return EXIT_OK


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write an output file atomically through :func:`agenda.edit._write.write_atomic` (the one writer).

    Text is UTF-8; a file name that is not valid UTF-8 and appears in it is written as
    ``\\udcXX`` (:func:`agenda._files.encode_text`).  The folder is made when missing.
    """
    from agenda._files import encode_text
    from agenda.edit._write import write_atomic as write

    data = encode_text(content) if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    write(path, data)
