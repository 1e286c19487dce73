"""argparse in Dutch (English with ``--lang en``): usage, titles, metavars, errors and "Bedoelt u …?".

argparse writes its own words in English ("usage:", "positional arguments:", "invalid
choice", "the following arguments are required").  :class:`Parser` is an
``ArgumentParser`` that speaks the language it is built for: the usage prefix and the
group titles come from the catalog, an option's value gets a Dutch metavar from its
``dest`` (``--year JAAR``, ``BESTAND``), an unknown choice is answered with the closest
one ("Bedoelt u 'validate'?"), and every error argparse raises is translated before it
is printed, by matching argparse's own message templates.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from agenda._i18n import Catalog

__all__ = ["Parser", "translate_error"]

_T = Catalog(
    "cli-argparse",
    {
        "usage": {"nl": "gebruik: ", "en": "usage: "},
        "positionals": {"nl": "argumenten", "en": "positional arguments"},
        "options": {"nl": "opties", "en": "options"},
        "help": {"nl": "toon deze hulp en stop", "en": "show this help message and exit"},
        "version": {"nl": "toon het versienummer en stop", "en": "show the version number and exit"},
        "error": {"nl": "fout", "en": "error"},
        "invalid-choice": {"nl": "'{value}' is geen geldige keuze (kies uit: {choices})",
                           "en": "invalid choice: '{value}' (choose from {choices})"},
        "invalid-command": {"nl": "'{value}' is geen opdracht van agenda.", "en": "'{value}' is not an agenda command."},
        "commands": {"nl": "Opdrachten: {choices}. Zie agenda --help.", "en": "Commands: {choices}. See agenda --help."},
        "did-you-mean": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "required": {"nl": "deze argumenten ontbreken: {names}", "en": "the following arguments are required: {names}"},
        "unrecognized": {"nl": "onbekende argumenten: {names}", "en": "unrecognized arguments: {names}"},
        "one-of": {"nl": "een van deze argumenten is nodig: {names}", "en": "one of the arguments {names} is required"},
        "expected-one": {"nl": "hier hoort een waarde achter", "en": "expected one argument"},
        "expected-at-most-one": {"nl": "hier hoort hooguit één waarde achter", "en": "expected at most one argument"},
        "expected-at-least-one": {"nl": "hier hoort minstens één waarde achter",
                                  "en": "expected at least one argument"},
        "expected-n": {"nl": "hier horen {n} waarden achter", "en": "expected {n} arguments"},
        "not-allowed-with": {"nl": "mag niet samen met {name}", "en": "not allowed with argument {name}"},
        "ignored": {"nl": "de waarde {value} hoort hier niet", "en": "ignored explicit argument {value}"},
        "ambiguous": {"nl": "onduidelijke optie: {option} kan {matches} zijn",
                      "en": "ambiguous option: {option} could match {matches}"},
        "unexpected": {"nl": "onverwachte optie: {option}", "en": "unexpected option string: {option}"},
        "invalid-int": {"nl": "{value} is geen geheel getal", "en": "invalid int value: {value}"},
        "invalid-number": {"nl": "{value} is geen getal", "en": "invalid float value: {value}"},
        "invalid-value": {"nl": "{value} is geen geldige waarde ({type})", "en": "invalid {type} value: {value}"},
        "argument": {"nl": "{name}: {message}", "en": "argument {name}: {message}"},
    },
)

#: The metavar of an option's value or a positional argument, by ``dest``.
_METAVARS = Catalog(
    "cli-metavars",
    {
        "path": {"nl": "BESTAND", "en": "FILE"},
        "files": {"nl": "WERKMAP", "en": "WORKBOOK"},
        "output": {"nl": "BESTAND", "en": "FILE"},
        "csv": {"nl": "BESTAND", "en": "FILE"},
        "out": {"nl": "MAP", "en": "FOLDER"},
        "dir": {"nl": "MAP", "en": "FOLDER"},
        "item": {"nl": "ID", "en": "ID"},
        "indicator": {"nl": "INDICATOR", "en": "INDICATOR"},
        "theme": {"nl": "THEMA", "en": "THEME"},
        "around": {"nl": "ID", "en": "ID"},
        "year": {"nl": "JAAR", "en": "YEAR"},
        "from_year": {"nl": "JAAR", "en": "YEAR"},
        "to_year": {"nl": "JAAR", "en": "YEAR"},
        "status": {"nl": "STATUS", "en": "STATUS"},
        "note": {"nl": "TEKST", "en": "TEXT"},
        "progress": {"nl": "PROCENT", "en": "PERCENT"},
        "recorded": {"nl": "DATUM", "en": "DATE"},
        "value": {"nl": "GETAL", "en": "NUMBER"},
        "target": {"nl": "DOEL", "en": "TARGET"},
        "source": {"nl": "BRON", "en": "SOURCE"},
        "source_name": {"nl": "NAAM", "en": "NAME"},
        "table": {"nl": "TABEL", "en": "TABLE"},
        "period_column": {"nl": "KOLOM", "en": "COLUMN"},
        "value_column": {"nl": "KOLOM", "en": "COLUMN"},
        "where": {"nl": "KOLOM=WAARDE", "en": "COLUMN=VALUE"},
        "gemeente": {"nl": "NAAM", "en": "NAME"},
        "timeout": {"nl": "SECONDEN", "en": "SECONDS"},
        "depth": {"nl": "AANTAL", "en": "NUMBER"},
        "per": {"nl": "JAREN", "en": "YEARS"},
    },
)


# argparse's messages (Python 3.11-3.13), as patterns with named groups, and the catalog key that says them;
# compiled on the first error, not at every start.
@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p + r"\Z", re.S), key) for p, key in (
        (r"the following arguments are required: (?P<names>.*)", "required"),
        (r"unrecognized arguments: (?P<names>.*)", "unrecognized"),
        (r"one of the arguments (?P<names>.*) is required", "one-of"),
        (r"expected one argument", "expected-one"),
        (r"expected at most one argument", "expected-at-most-one"),
        (r"expected at least one argument", "expected-at-least-one"),
        (r"expected (?P<n>\d+) arguments?", "expected-n"),
        (r"not allowed with argument (?P<name>.*)", "not-allowed-with"),
        (r"ignored explicit argument (?P<value>.*)", "ignored"),
        (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "ambiguous"),
        (r"unexpected option string: (?P<option>.*)", "unexpected"),
        (r"invalid int value: (?P<value>.*)", "invalid-int"),
        (r"invalid float value: (?P<value>.*)", "invalid-number"),
        (r"invalid (?P<type>\S+) value: (?P<value>.*)", "invalid-value"),
    ))


_ARGUMENT = r"argument (?P<name>.+?): (?P<message>.*)\Z"  # with re.S; re caches it once used


def translate_error(message: str, lang: str) -> str:
    """argparse's English error ``message`` in ``lang`` (unchanged when it is not one of argparse's)."""
    m = re.match(_ARGUMENT, message, re.S)
    if m:
        return _T("argument", lang, name=m["name"], message=translate_error(m["message"], lang))
    for pattern, key in _patterns():
        m = pattern.match(message)
        if m:
            return _T(key, lang, **m.groupdict())
    return message


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


def _formatter(base: type[argparse.HelpFormatter], lang: str) -> Callable[..., argparse.HelpFormatter]:
    class Localised(base):  # type: ignore[valid-type,misc]
        # argparse makes a formatter per argument and asks shutil for the width each time: asked directly here.
        def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                     width: int | None = None) -> None:
            super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)

        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, _T("usage", lang) if prefix is None else prefix)

    return Localised


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words are in ``lang``; its subparsers are too."""

    def __init__(self, *args: Any, lang: str = "nl", **kwargs: Any) -> None:
        self.lang = lang
        kwargs["formatter_class"] = _formatter(kwargs.get("formatter_class", argparse.HelpFormatter), lang)
        parents = kwargs.pop("parents", [])
        super().__init__(*args, **kwargs)
        self._positionals.title = _T("positionals", lang)
        self._optionals.title = _T("options", lang)
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _T("help", lang)
        # The parents' options join the groups of the same (translated) title, as argparse does.
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction:  # type: ignore[type-arg]
        """Subcommands are :class:`Parser` in the same language."""
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        return super().add_subparsers(**kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """As argparse's, with a metavar in the parser's language for a value without choices."""
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", _T("version", self.lang))
        action = super().add_argument(*args, **kwargs)
        if action.metavar is None and action.choices is None and action.nargs != 0 and action.dest in _METAVARS.messages:
            action.metavar = _METAVARS(action.dest, self.lang)
        return action

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        import difflib  # only when a choice is wrong: not at every start

        names = [str(c) for c in action.choices]
        match = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
        command = isinstance(action, argparse._SubParsersAction) and action.dest == "command"
        if command:
            text = _T("invalid-command", self.lang, value=value)
            text += " " + (_T("did-you-mean", self.lang, match=match[0]) if match
                           else _T("commands", self.lang, choices=", ".join(names)))
            raise argparse.ArgumentError(None, text)
        text = _T("invalid-choice", self.lang, value=value, choices=", ".join(names))
        if match:
            text += " " + _T("did-you-mean", self.lang, match=match[0])
        raise argparse.ArgumentError(action, text)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        """As argparse's, but an unknown argument is answered by the command it was given to: that
        command's usage, and the nearest option it has ("Bedoelt u '--year'?")."""
        words = list(sys.argv[1:] if args is None else args)
        command = self._command(words)
        # A misspelled option is said first, before a required option it was meant to be ("--yaer").
        extras = self._unknown_options(words, command)
        if not extras:
            parsed, extras = self.parse_known_args(words, namespace)
            if not extras:
                return parsed
        import difflib  # only when an option is wrong: not at every start

        text = _T("unrecognized", self.lang, names=" ".join(extras))
        options = [o for a in command._actions for o in a.option_strings]
        for extra in extras:
            match = difflib.get_close_matches(extra.split("=", 1)[0], options, n=1, cutoff=0.6)
            if extra.startswith("-") and match:
                text += " " + _T("did-you-mean", self.lang, match=match[0])
                break
        return command.error(text)  # exits

    def _unknown_options(self, words: list[str], command: Parser) -> list[str]:
        # "--name" words that no option of the command (or of the top level) is, nor begins with; the value
        # of an option that takes one is skipped, so a note may start with "--".
        actions = {o: a for p in (self, command) for a in p._actions for o in a.option_strings}
        unknown: list[str] = []
        takes_value = False
        for word in words:
            if takes_value:
                takes_value = False
                continue
            if word == "--":
                break
            if not word.startswith("--") or len(word) == 2:
                continue
            name = word.split("=", 1)[0]
            known = [o for o in actions if o == name or o.startswith(name)]
            if not known:
                unknown.append(word)
            elif "=" not in word and len(known) == 1 and actions[known[0]].nargs != 0:
                takes_value = True
        return unknown

    def _command(self, words: list[str]) -> Parser:
        # The (sub)command the words choose: "status set …" is the parser of `status set`.
        parser: Parser = self
        for word in words:
            sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
            if sub is None:
                break
            if word in sub.choices:
                parser = sub.choices[word]
        return parser

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in the parser's language; exit 2.

        Only the command missing (``agenda``, ``agenda status``): the help with the commands to choose
        from, which is what someone who types the bare word wants to see.
        """
        sub = next((a for a in self._actions if isinstance(a, argparse._SubParsersAction)), None)
        if sub is not None and message == f"the following arguments are required: {sub.metavar or sub.dest}":
            self.print_help(sys.stderr)
            self.exit(2)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {_T('error', self.lang)}: {translate_error(message, self.lang)}\n")
