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

from agenda.cli import _check, _common

__all__ = ["main"]

# Command groups, each adds its subcommands; imported modules are small (argparse only).
_GROUPS = [_check]


def _groups() -> list[object]:
    groups: list[object] = list(_GROUPS)
    for name in ("_reflect", "_render", "_update", "_adopt"):
        try:
            module = __import__(f"agenda.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"agenda.cli.{name}":
                raise
            continue
        groups.append(module)
    return groups


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The full parser, with help texts in ``lang``."""
    t = _common.T
    parser = argparse.ArgumentParser(
        prog="agenda",
        description=t("prog-description", lang),
        epilog=t("prog-epilog", lang),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from agenda import __version__

    parser.add_argument("--version", action="version", version=f"agenda {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=t("command", lang))
    sub.required = True
    common = _common.common_parser(lang)
    for group in _groups():
        group.register(sub, common, lang)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _common.guess_lang(args_list)
    parser = build_parser(lang)
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
