"""``agenda validate``, ``agenda export`` and ``agenda schema``."""

from __future__ import annotations

import argparse
import sys

from agenda._i18n import Catalog
from agenda.cli._common import EXIT_FINDINGS, EXIT_OK, T, emit, lang_of, load_plan, print_problems

_H = Catalog("cli-check", {
    "validate": {"nl": "controleer een agenda-bestand: alle fouten en waarschuwingen in één keer",
                 "en": "check a plan file: every error and warning at once"},
    "validate-epilog": {"nl": "Voorbeelden:\n  agenda validate agenda.yaml\n  agenda validate agenda.yaml --strict --format json",
                        "en": "Examples:\n  agenda validate agenda.yaml\n  agenda validate agenda.yaml --strict --format json"},
    "strict": {"nl": "waarschuwingen tellen als fouten", "en": "warnings count as errors"},
    "export": {"nl": "de hele gecontroleerde agenda als JSON (formaat 1)", "en": "the whole validated plan as JSON (format 1)"},
    "export-epilog": {"nl": "Voorbeeld:\n  agenda export agenda.yaml --format json -o agenda.json",
                      "en": "Example:\n  agenda export agenda.yaml --format json -o agenda.json"},
    "schema": {"nl": "het JSON Schema van het agenda-formaat", "en": "the JSON Schema of the plan format"},
})


def _h(key: str, lang: str) -> str:
    return _H(key, lang)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add the subcommands of this group."""
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("validate", parents=[common], help=_h("validate", lang), description=_h("validate", lang),
                       epilog=_h("validate-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--strict", action="store_true", help=_h("strict", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", parents=[common], help=_h("export", lang), description=_h("export", lang),
                       epilog=_h("export-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--format", choices=("json",), default="json", help=T("format-help", lang))
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", parents=[common], help=_h("schema", lang), description=_h("schema", lang))
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_schema)


def cmd_validate(args: argparse.Namespace) -> int:
    """Print every problem; exit 0 valid, 1 invalid, 2 unreadable."""
    from agenda.cli._common import _UNREADABLE, EXIT_USAGE
    from agenda.format.loader import validate

    result = validate(args.path)
    lang = lang_of(args, result.agenda)
    ok = result.ok(args.strict)
    unreadable = result.agenda is None and any(p.code in _UNREADABLE for p in result.errors)
    code = EXIT_OK if ok else (EXIT_USAGE if unreadable else EXIT_FINDINGS)
    if args.format == "json":
        import json

        json.dump({
            "file": args.path, "valid": ok, "strict": args.strict, "exit_code": code,
            "errors": len(result.errors), "warnings": len(result.warnings),
            "problems": [p.to_json(lang) for p in result.problems],
        }, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return code
    print_problems(result.problems, lang)
    counts = T("summary-counts", lang, errors=len(result.errors), warnings=len(result.warnings))
    if result.agenda is not None and ok:
        a = result.agenda
        line = T("summary-ok", lang, file=args.path, themes=len(a.themes), goals=sum(1 for _ in a.goals()),
                 actions=sum(1 for _ in a.actions()), indicators=len(a.indicators))
        print(f"{line}; {counts}")
    else:
        print(f"{T('summary-bad', lang, file=args.path)}; {counts}"
              + (f" ({T('strict-note', lang)})" if args.strict and not result.errors else ""))
    return code


def cmd_export(args: argparse.Namespace) -> int:
    """Write the plan as JSON."""
    from agenda.format.export import to_json

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    return emit(args, to_json(agenda), lang_of(args, agenda))


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema."""
    import json

    from agenda.format.schema import json_schema

    return emit(args, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", lang_of(args))
