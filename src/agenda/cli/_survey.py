"""``agenda survey write`` and ``agenda survey read``: ask the trekkers, read their answers back."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from agenda._i18n import Catalog
from agenda.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    T,
    colour,
    lang_of,
    load_plan,
    print_problems,
    write_failed,
)

_H = Catalog(
    "cli-survey",
    {
        "survey": {"nl": "vraag de trekkers om status, toelichting en cijfers, en lees hun antwoorden in",
                   "en": "ask the owners for status, explanation and figures, and read their answers back"},
        "survey-epilog": {
            "nl": "Voorbeelden:\n"
                  "  agenda survey write agenda.yaml --year 2024 --out uitvraag-2024\n"
                  "  agenda survey read agenda.yaml uitvraag-2024/*.xlsx --year 2024 --dry-run\n"
                  "  agenda survey read agenda.yaml uitvraag-2024/*.xlsx --year 2024\n\n"
                  "Eén werkmap per trekker (of per thema als de agenda geen trekkers noemt). Inlezen controleert\n"
                  "elke cel met dezelfde regels als het bestand, en schrijft niets als er iets niet klopt.\n"
                  "Afsluitcodes: 0 gelukt; 1 geweigerd; 2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Examples:\n"
                  "  agenda survey write agenda.yaml --year 2024 --out survey-2024\n"
                  "  agenda survey read agenda.yaml survey-2024/*.xlsx --year 2024 --dry-run\n"
                  "  agenda survey read agenda.yaml survey-2024/*.xlsx --year 2024\n\n"
                  "One workbook per owner (or per theme when the plan names no owners). Reading checks every\n"
                  "cell by the same rules as the file, and writes nothing when something is wrong.\n"
                  "Exit codes: 0 done; 1 refused; 2 wrong usage or unreadable file.",
        },
        "action": {"nl": "actie", "en": "action"},
        "write": {"nl": "schrijf de werkmappen van de uitvraag voor een verslagjaar",
                  "en": "write the survey workbooks for a reporting year"},
        "read": {"nl": "lees de ingevulde werkmappen in en leg de antwoorden vast in de agenda",
                 "en": "read the filled-in workbooks and record the answers in the plan"},
        "year-help": {"nl": "het verslagjaar waarover gevraagd wordt, bijvoorbeeld 2024",
                      "en": "the reporting year asked about, for example 2024"},
        "out-help": {"nl": "de map voor de werkmappen (wordt zo nodig gemaakt)",
                     "en": "the folder for the workbooks (made when needed)"},
        "files-help": {"nl": "de ingevulde werkmappen (.xlsx)", "en": "the filled-in workbooks (.xlsx)"},
        "dry-run-help": {"nl": "toon wat er zou veranderen en schrijf niets",
                         "en": "show what would change and write nothing"},
        "wrote": {"nl": "{path}: {items|onderdeel|onderdelen} en {indicators|indicator|indicatoren} voor {group}",
                  "en": "{path}: {items|item|items} and {indicators|indicator|indicators} for {group}"},
        "wrote-none": {"nl": "de agenda heeft geen onderdelen of indicatoren om naar te vragen",
                       "en": "the plan has no items or indicators to ask about"},
        "refused": {"nl": "de antwoorden zijn niet ingelezen; er is niets gewijzigd",
                    "en": "the answers were not read in; nothing was changed"},
        "item": {"nl": "{id} ({file}, rij {row}):", "en": "{id} ({file}, row {row}):"},
        "untouched": {"nl": "geen nieuwe antwoorden in: {file}", "en": "no new answers in: {file}"},
        "done": {"nl": "{path}: {count|onderdeel|onderdelen} bijgewerkt uit de uitvraag {year}",
                 "en": "{path}: {count|item|items} updated from the {year} survey"},
        "nothing": {"nl": "{path}: de uitvraag {year} verandert niets", "en": "{path}: the {year} survey changes nothing"},
        "dry-run": {"nl": "proefdraai: er is niets geschreven", "en": "dry run: nothing was written"},
    },
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add ``agenda survey write`` and ``agenda survey read``."""
    raw = argparse.RawDescriptionHelpFormatter
    outer = sub.add_parser("survey", help=_H("survey", lang), description=_H("survey", lang),
                           epilog=_H("survey-epilog", lang), formatter_class=raw)
    inner = outer.add_subparsers(dest="action", metavar=_H("action", lang))
    inner.required = True
    p = inner.add_parser("write", parents=[common], help=_H("write", lang), description=_H("write", lang),
                         epilog=_H("survey-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--year", type=int, required=True, help=_H("year-help", lang))
    p.add_argument("--out", required=True, help=_H("out-help", lang))
    p.set_defaults(func=cmd_write)
    p = inner.add_parser("read", parents=[common], help=_H("read", lang), description=_H("read", lang),
                         epilog=_H("survey-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("files", nargs="+", help=_H("files-help", lang))
    p.add_argument("--year", type=int, required=True, help=_H("year-help", lang))
    p.add_argument("--dry-run", action="store_true", help=_H("dry-run-help", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))
    p.set_defaults(func=cmd_read)


def cmd_write(args: argparse.Namespace) -> int:
    """Write one workbook per owner (or theme); list them."""
    from agenda.edit.survey import write_survey
    from agenda.render._backend import MissingExtraError
    from agenda.render.survey import survey_groups

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    try:
        paths = write_survey(agenda, args.year, args.out, lang)
    except MissingExtraError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(write_failed(exc, args.out, lang), file=sys.stderr)
        return EXIT_USAGE
    if not paths:
        print(_H("wrote-none", lang))
    for path, group in zip(paths, survey_groups(agenda, lang), strict=True):
        print(_H("wrote", lang, path=path, items=len(group.items), indicators=len(group.indicators), group=group.label))
    return EXIT_OK


def cmd_read(args: argparse.Namespace) -> int:
    """Read the answers; show per item what changes; write unless --dry-run."""
    from agenda.cli._update import print_field_changes
    from agenda.edit.survey import read_survey
    from agenda.errors import AgendaError, UnreadableError
    from agenda.format.loader import loads
    from agenda.render._backend import MissingExtraError

    lang = lang_of(args)
    try:
        result = read_survey(args.path, args.files, args.year, dry_run=args.dry_run)
    except MissingExtraError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except AgendaError as exc:
        code = EXIT_USAGE if isinstance(exc, UnreadableError) else EXIT_FINDINGS
        if args.format == "json":
            _json({"file": args.path, "ok": False, "exit_code": code,
                   "problems": [p.to_json(lang) for p in exc.problems]})
        else:
            print_problems(exc.problems, lang)
            print(colour(_H("refused", lang), "31", sys.stderr), file=sys.stderr)
        return code
    if args.format == "json":
        _json({"file": args.path, "ok": True, "exit_code": EXIT_OK, "year": result.year, "written": result.written,
               "dry_run": bool(args.dry_run), "untouched": list(result.untouched),
               "changes": [{"item": c.item, "kind": c.kind, "file": c.file, "row": c.row,
                            "fields": [{"field": f.field, "old": _plain(f.old), "new": _plain(f.new), "kept": f.kept}
                                       for f in c.fields]} for c in result.changes],
               "diff": result.diff()})
        return EXIT_OK
    words: dict[str, dict[str, str]] = {}
    if result.changes:
        words = {s.id: {"nl": s.nl, "en": s.en} for s in loads(result.new, result.path).config.statuses}
    for change in result.changes:
        print(_H("item", lang, id=change.item, file=Path(change.file).name, row=change.row))
        print_field_changes(change.fields, lang, words)
    for file in result.untouched:
        print(_H("untouched", lang, file=Path(file).name))
    if args.dry_run:
        print(_H("dry-run", lang), file=sys.stderr)
    elif result.changes:
        print(colour(_H("done", lang, path=args.path, count=len(result.changes), year=result.year), "32"))
    else:
        print(_H("nothing", lang, path=args.path, year=result.year))
    return EXIT_OK


def _plain(value: object) -> object:
    from decimal import Decimal

    from agenda.numbers import json_number

    return json_number(value) if isinstance(value, Decimal) else value


def _json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
