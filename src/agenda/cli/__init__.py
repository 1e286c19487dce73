"""The ``agenda`` command line: ``main(argv) -> exit code``, one function per subcommand.

Exit codes: 0 ok; 1 the plan is invalid or there are findings; 2 wrong usage or
an unreadable file.  Dutch by default, English with ``--lang en`` (or the
plan's ``language``, or ``AGENDA_LANG``).  Heavy modules are imported inside
the subcommand that needs them, so the command starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from agenda.cli import _common

__all__ = ["COMMANDS", "build_parser", "main"]

# Command groups, each a small module that adds its subcommands (argparse only; the
# work is imported inside each command).  Only the group of the command asked for is
# loaded, so `agenda validate` does not pay for the parsers of the others.
_GROUPS = ("_check", "_reflect", "_render", "_update", "_adopt")
COMMANDS = {
    "validate": "_check", "export": "_check", "schema": "_check",
    "reflectie": "_reflect", "impact": "_reflect", "diff": "_reflect",
    "render": "_render", "matrix": "_render", "chart": "_render", "budget": "_render", "report": "_render",
    "status": "_update", "value": "_update", "target": "_update", "new-year": "_update", "check-ready": "_update",
    "init": "_adopt", "compare": "_adopt", "import": "_adopt",
}


def build_parser(lang: str, command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with help texts in ``lang``; with ``command``, only that command's group is added."""
    import importlib

    t = _common.T
    parser = _common.Parser(prog="agenda", description=t("prog-description", lang), epilog=t("prog-epilog", lang))
    from agenda import __version__

    parser.add_argument("--version", action="version", version=f"agenda {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=t("command", lang), parser_class=_common.Parser)
    sub.required = True
    common = _common.common_parser(lang)
    groups = (COMMANDS[command],) if command in COMMANDS else _GROUPS
    for name in groups:
        importlib.import_module(f"agenda.cli.{name}").register(sub, common, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # answered before any parser is built: it should be instant
        from agenda import __version__

        print(f"agenda {__version__}")
        return 0
    lang = _common.guess_lang(args_list)
    command = next((a for a in args_list if not a.startswith("-")), None)
    parser = build_parser(lang, command)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    args.lang = args.lang or os.environ.get("AGENDA_LANG") or None
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `agenda … | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return code
