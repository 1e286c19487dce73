"""``agenda reflectie``, ``agenda impact`` and ``agenda diff``: what lagged, what it puts at risk, what changed."""

from __future__ import annotations

import argparse
import sys

from agenda._i18n import Catalog
from agenda.cli._common import EXIT_FINDINGS, T, emit, format_option, lang_of, load_plan, plan_for_year, year_or_latest

_H = Catalog(
    "cli-reflect",
    {
        "reflectie": {"nl": "wat bleef achter in een verslagjaar, waarom, met het bewijs",
                      "en": "what lagged in a reporting year, why, with the evidence"},
        "reflectie-epilog": {
            "nl": "Voorbeelden:\n  agenda reflectie agenda.yaml --year 2023\n"
                  "  agenda reflectie agenda.yaml --year 2023 --format markdown -o reflectie.md\n"
                  "  agenda reflectie agenda.yaml --year 2023 --lang en --format json\n\n"
                  "Afsluitcode 0 ook als er punten zijn: de reflectie is een overzicht, geen fout.",
            "en": "Examples:\n  agenda reflectie agenda.yaml --year 2023\n"
                  "  agenda reflectie agenda.yaml --year 2023 --format markdown -o reflectie.md\n"
                  "  agenda reflectie agenda.yaml --year 2023 --lang en --format json\n\n"
                  "Exit code 0 even when items lagged: the reflectie is a report, not an error.",
        },
        "impact": {"nl": "wat een vertraging van een onderdeel in gevaar brengt",
                   "en": "what a delay of an item puts at risk"},
        "impact-epilog": {"nl": "Voorbeeld:\n  agenda impact agenda.yaml bibob-capaciteit --year 2024",
                          "en": "Example:\n  agenda impact agenda.yaml bibob-capaciteit --year 2024"},
        "diff": {"nl": "het verschil tussen twee verslagjaren", "en": "the difference between two reporting years"},
        "diff-epilog": {"nl": "Voorbeeld:\n  agenda diff agenda.yaml --from 2023 --to 2024",
                        "en": "Example:\n  agenda diff agenda.yaml --from 2023 --to 2024"},
        "year-help": {"nl": "het verslagjaar (standaard: het laatste van de agenda)",
                      "en": "the reporting year (default: the plan's latest)"},
        "item-help": {"nl": "de id van een thema, doelstelling of inspanning",
                      "en": "the id of a theme, goal or action"},
        "from-help": {"nl": "het eerdere jaar", "en": "the earlier year"},
        "to-help": {"nl": "het latere jaar", "en": "the later year"},
        "unknown-item": {"nl": "er is geen onderdeel met de id '{item}'{match}",
                         "en": "there is no item with the id '{item}'{match}"},
        "did-you-mean": {"nl": "; bedoelt u '{match}'?", "en": "; did you mean '{match}'?"},
    },
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add the subcommands of this group."""
    raw = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser("reflectie", parents=[common], help=_H("reflectie", lang), description=_H("reflectie", lang),
                       epilog=_H("reflectie-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--year", type=int, help=_H("year-help", lang))
    format_option(p, "reflectie", lang)
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_reflectie)

    p = sub.add_parser("impact", parents=[common], help=_H("impact", lang), description=_H("impact", lang),
                       epilog=_H("impact-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("item", help=_H("item-help", lang))
    p.add_argument("--year", type=int, help=_H("year-help", lang))
    format_option(p, "impact", lang)
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_impact)

    p = sub.add_parser("diff", parents=[common], help=_H("diff", lang), description=_H("diff", lang),
                       epilog=_H("diff-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--from", dest="from_year", type=int, required=True, help=_H("from-help", lang))
    p.add_argument("--to", dest="to_year", type=int, required=True, help=_H("to-help", lang))
    format_option(p, "diff", lang)
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_diff)


def _show(args: argparse.Namespace, kind: str, result: object, lang: str, config: object) -> int:
    from agenda.render.registry import get_renderer

    if args.format == "json":
        import json

        data = result.to_json(lang) if _takes_lang(result) else result.to_json()  # type: ignore[attr-defined]
        return emit(args, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", lang)
    return emit(args, get_renderer(kind, args.format).render(result, lang=lang, config=config), lang)


def _takes_lang(result: object) -> bool:
    import inspect

    return "lang" in inspect.signature(result.to_json).parameters  # type: ignore[attr-defined]


def cmd_reflectie(args: argparse.Namespace) -> int:
    """Print the reflectie of a year."""
    from agenda.query.reflectie import reflectie

    loaded = plan_for_year(args)
    if isinstance(loaded, int):
        return loaded
    agenda, lang, year = loaded
    return _show(args, "reflectie", reflectie(agenda, year), lang, agenda.config)


def cmd_impact(args: argparse.Namespace) -> int:
    """Print what a delay of an item puts at risk."""
    from agenda.query.reflectie import impact

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    if agenda.get(args.item) is None:
        ids = [i.id for i in agenda.items()]
        import difflib

        match = difflib.get_close_matches(args.item, ids, n=1)
        hint = _H("did-you-mean", lang, match=match[0]) if match else ""
        print(_H("unknown-item", lang, item=args.item, match=hint), file=sys.stderr)
        return EXIT_FINDINGS
    year = year_or_latest(args, agenda.reporting_years, lang)
    if year is None:
        return EXIT_FINDINGS
    return _show(args, "impact", impact(agenda, args.item, year), lang, agenda.config)


def cmd_diff(args: argparse.Namespace) -> int:
    """Print the difference between two reporting years."""
    from agenda.query.diff import diff

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    return _show(args, "diff", diff(agenda, args.from_year, args.to_year), lang, agenda.config)
