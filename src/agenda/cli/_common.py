"""What every subcommand shares: language, loading with kind errors, output, colour."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from agenda._i18n import Catalog

if TYPE_CHECKING:
    from agenda.errors import Problem
    from agenda.format.loader import Validation
    from agenda.model import Agenda

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "HelpFormatter", "Parser", "RendererChoices", "T", "checked_plan", "common_parser", "format_option", "guess_lang", "load_plan"]

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
        "summary-ok": {"nl": "{file}: in orde ({themes} thema's, {goals} doelstellingen, {actions} inspanningen, {indicators} indicatoren)",
                       "en": "{file}: valid ({themes} themes, {goals} goals, {actions} actions, {indicators} indicators)"},
        "summary-counts": {"nl": "{errors} fout(en), {warnings} waarschuwing(en)", "en": "{errors} error(s), {warnings} warning(s)"},
        "summary-bad": {"nl": "{file}: niet in orde", "en": "{file}: not valid"},
        "strict-note": {"nl": "--strict: waarschuwingen tellen als fouten", "en": "--strict: warnings count as errors"},
        "written": {"nl": "geschreven: {path}", "en": "written: {path}"},
        "write-failed": {"nl": "kan niet schrijven naar {path}: {error}", "en": "cannot write to {path}: {error}"},
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


def _columns() -> int:
    # What shutil.get_terminal_size() answers, without importing shutil (and with it bz2, lzma, zlib).
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout (descriptions and epilogs as written) that starts faster.

    argparse makes a formatter for every argument it adds and imports ``shutil`` to
    ask the terminal's width each time; this one asks the terminal directly.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help (and that of its subcommands) uses :class:`HelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["formatter_class"] = HelpFormatter
        super().__init__(*args, **kwargs)


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
    common = Parser(add_help=False)
    common.add_argument("--lang", choices=("nl", "en"), default=None, help=T("lang-help", lang))
    return common


def lang_of(args: argparse.Namespace, agenda: Agenda | None = None) -> str:
    """--lang, else the plan's own language, else Dutch."""
    if args.lang:
        return str(args.lang)
    if agenda is not None and agenda.config.language in ("nl", "en"):
        return agenda.config.language
    return "nl"


def colour(text: str, code: str, stream: object = None) -> str:
    """``text`` in an ANSI colour, only on a terminal and without NO_COLOR."""
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or not getattr(stream, "isatty", lambda: False)():
        return text
    return f"\033[{code}m{text}\033[0m"


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


# Problems that mean the file could not be read at all (exit code 2).
_UNREADABLE = frozenset({"missing", "not-file", "os-error", "too-big", "empty", "binary", "not-utf8", "syntax"})


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
        print(T("write-failed", lang, path=output, error=exc.strerror or exc), file=sys.stderr)
        return EXIT_USAGE
    print(T("written", lang, path=output), file=sys.stderr)
    return EXIT_OK


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write a new output file through a temporary file beside it, renamed into place."""
    import tempfile

    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
