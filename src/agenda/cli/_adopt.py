"""``agenda init``, ``agenda compare`` and ``agenda import``: adopting agenda in another gemeente."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from agenda._i18n import Catalog
from agenda.cli import _common
from agenda.cli._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, T, lang_of, print_problems, write_failed

_H = Catalog(
    "cli-adopt",
    {
        "init": {"nl": "begin een nieuw plan voor uw gemeente vanuit een sjabloon",
                 "en": "start a new plan for your gemeente from a template"},
        "init-epilog": {
            "nl": "Sjablonen:\n  kbv       geordend naar de vijf velden van het VNG Kernbeleid Veiligheid\n"
                  "  deventer  strategische thema's, pijlers en een veiligheidsfundament (model Deventer)\n"
                  "  empty     een leeg plan met voorbeelden als commentaar\n\n"
                  "Voorbeeld:\n  agenda init ivp.yaml --gemeente \"Rivierdal\" --template kbv\n  agenda validate ivp.yaml",
            "en": "Templates:\n  kbv       ordered by the five fields of the VNG Kernbeleid Veiligheid\n"
                  "  deventer  strategic themes, pillars and a safety foundation (Deventer's model)\n"
                  "  empty     an empty plan with examples as comments\n\n"
                  "Example:\n  agenda init ivp.yaml --gemeente \"Rivierdal\" --template kbv\n  agenda validate ivp.yaml",
        },
        "init-path": {"nl": "het nieuwe bestand (wordt nooit overschreven)",
                      "en": "the new file (never overwritten)"},
        "gemeente": {"nl": "de naam van de gemeente", "en": "the name of the gemeente"},
        "template": {"nl": "het sjabloon (standaard: kbv)", "en": "the template (default: kbv)"},
        "exists": {"nl": "{path} bestaat al; kies een andere naam (agenda init overschrijft nooit)",
                   "en": "{path} already exists; choose another name (agenda init never overwrites)"},
        "init-failed": {"nl": "kan {path} niet maken: {error}", "en": "cannot create {path}: {error}"},
        "empty-name": {"nl": "geef de naam van de gemeente met --gemeente", "en": "give the gemeente's name with --gemeente"},
        "created": {
            "nl": "{path} gemaakt voor {gemeente} (sjabloon {template}).\nVolgende stap: pas het aan en controleer het met\n"
                  "  agenda validate {path}",
            "en": "created {path} for {gemeente} (template {template}).\nNext: edit it and check it with\n"
                  "  agenda validate {path}",
        },
        "compare": {"nl": "leg de plannen in een map naast elkaar: per KBV-veld of per indicator",
                    "en": "compare the plans in a folder: by KBV field or by indicator"},
        "compare-epilog": {
            "nl": "Voorbeelden:\n  agenda compare examples/\n  agenda compare plannen/ --by indicator --group source\n"
                  "  agenda compare plannen/ --year 2025 --format json",
            "en": "Examples:\n  agenda compare examples/\n  agenda compare plans/ --by indicator --group source\n"
                  "  agenda compare plans/ --year 2025 --format json",
        },
        "dir": {"nl": "de map met plannen (*.yaml)", "en": "the folder of plans (*.yaml)"},
        "by": {"nl": "vergelijk per KBV-veld of per indicator", "en": "compare by KBV field or by indicator"},
        "group": {"nl": "indicatoren samen nemen op id, bron (tabel en kolom) of naam",
                  "en": "match indicators by id, source (table and column) or name"},
        "year": {"nl": "tel ook de statussen van dit verslagjaar", "en": "also count the statuses of this reporting year"},
        "not-dir": {"nl": "{path} is geen map", "en": "{path} is not a folder"},
        "no-dir": {"nl": "de map {path} bestaat niet", "en": "the folder {path} does not exist"},
        "no-plans": {"nl": "geen plannen (*.yaml) in {path}", "en": "no plans (*.yaml) in {path}"},
        "import": {"nl": "neem cijfers van een indicator over uit een CSV-export van CBS StatLine of data.politie.nl",
                   "en": "import an indicator's figures from a CSV export of CBS StatLine or data.politie.nl"},
        "import-epilog": {
            "nl": "Alleen de regels van de gewijzigde cijfers veranderen; elk cijfer krijgt de bron (tabel en kolom).\n\n"
                  "Voorbeeld:\n  agenda import plan.yaml woninginbraken --csv export.csv --period-column Perioden \\\n"
                  "    --value-column \"Geregistreerde misdrijven (aantal)\" --table 47022NED \\\n"
                  "    --where \"Regio's=Voorbeeldstad\" --dry-run",
            "en": "Only the lines of changed figures change; every figure records its source (table and column).\n\n"
                  "Example:\n  agenda import plan.yaml woninginbraken --csv export.csv --period-column Perioden \\\n"
                  "    --value-column \"Geregistreerde misdrijven (aantal)\" --table 47022NED \\\n"
                  "    --where \"Regio's=Voorbeeldstad\" --dry-run",
        },
        "indicator": {"nl": "de id van de indicator", "en": "the indicator's id"},
        "csv": {"nl": "het CSV-bestand", "en": "the CSV file"},
        "period-column": {"nl": "de kolom met de periode (standaard: Perioden)",
                          "en": "the column with the period (default: Perioden)"},
        "value-column": {"nl": "de kolom met de cijfers", "en": "the column with the figures"},
        "table": {"nl": "de tabel-id, bijvoorbeeld 47022NED of 83648NED", "en": "the table id, e.g. 47022NED or 83648NED"},
        "source-name": {"nl": "de naam van de bron (standaard CBS StatLine of data.politie.nl)",
                        "en": "the source's name (default CBS StatLine or data.politie.nl)"},
        "where": {"nl": "alleen rijen met deze waarde in deze kolom (KOLOM=WAARDE; mag vaker)",
                  "en": "only rows with this value in this column (COLUMN=VALUE; may repeat)"},
        "dry-run": {"nl": "laat zien wat er zou veranderen, zonder te schrijven",
                    "en": "show what would change, without writing"},
        "bad-where": {"nl": "--where verwacht KOLOM=WAARDE, niet '{value}'",
                      "en": "--where expects COLUMN=VALUE, not '{value}'"},
        "change-new": {"nl": "{year}: {new} (nieuw)", "en": "{year}: {new} (new)"},
        "change-changed": {"nl": "{year}: {old} → {new} (gewijzigd)", "en": "{year}: {old} → {new} (changed)"},
        "change-same": {"nl": "{year}: {new} (al zo)", "en": "{year}: {new} (unchanged)"},
        "skipped": {"nl": "regel {line} overgeslagen: {reason}", "en": "line {line} skipped: {reason}"},
        "import-done": {"nl": "{path}: {count|cijfer|cijfers} van '{indicator}' vastgelegd uit {source}.",
                        "en": "{path}: {count|figure|figures} of '{indicator}' recorded from {source}."},
        "import-dry": {"nl": "proefdraai: er is niets geschreven ({count|cijfer zou|cijfers zouden} veranderen).",
                       "en": "dry run: nothing was written ({count|figure|figures} would change)."},
    },
)

#: SourceError codes that mean the input could not be read at all (exit code 2).
_UNREADABLE = frozenset({"unreadable", "not-text", "empty"}) | _common._UNREADABLE  # a CSV file that cannot be read
_PLAN_UNREADABLE = _common._UNREADABLE  # a plan file that cannot be read


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add the subcommands of this group."""
    from agenda.edit.init import TEMPLATES

    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("init", parents=[common], help=_H("init", lang), description=_H("init", lang),
                       epilog=_H("init-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=_H("init-path", lang))
    p.add_argument("--gemeente", required=True, help=_H("gemeente", lang))
    p.add_argument("--template", choices=TEMPLATES, default="kbv", help=_H("template", lang))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("compare", parents=[common], help=_H("compare", lang), description=_H("compare", lang),
                       epilog=_H("compare-epilog", lang), formatter_class=raw)
    p.add_argument("dir", help=_H("dir", lang))
    p.add_argument("--by", choices=("kbv", "indicator"), default="kbv", help=_H("by", lang))
    p.add_argument("--group", choices=("id", "source", "name"), default="id", help=_H("group", lang))
    p.add_argument("--year", type=int, help=_H("year", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("import", parents=[common], help=_H("import", lang), description=_H("import", lang),
                       epilog=_H("import-epilog", lang), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("indicator", help=_H("indicator", lang))
    p.add_argument("--csv", required=True, help=_H("csv", lang))
    p.add_argument("--period-column", default="Perioden", help=_H("period-column", lang))
    p.add_argument("--value-column", required=True, help=_H("value-column", lang))
    p.add_argument("--table", help=_H("table", lang))
    p.add_argument("--source-name", help=_H("source-name", lang))
    p.add_argument("--where", action="append", default=[], metavar="KOLOM=WAARDE", help=_H("where", lang))
    p.add_argument("--dry-run", action="store_true", help=_H("dry-run", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))
    p.set_defaults(func=cmd_import)


def cmd_init(args: argparse.Namespace) -> int:
    """Write a starter plan; exit 2 when the file exists."""
    from agenda.edit.init import init

    lang = lang_of(args)
    if not args.gemeente.strip():
        print(_H("empty-name", lang), file=sys.stderr)
        return EXIT_USAGE
    try:
        path = init(args.path, args.gemeente, args.template)
    except FileExistsError:
        print(_H("exists", lang, path=args.path), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(_H("init-failed", lang, path=args.path, error=exc.strerror or exc), file=sys.stderr)
        return EXIT_USAGE
    print(_H("created", lang, path=path, gemeente=" ".join(args.gemeente.split()), template=args.template))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare the plans of a folder; exit 1 when a plan is invalid, 2 when there is nothing to compare."""
    import json

    from agenda.cli._progress import ProgressBar
    from agenda.format.folder import validate_dir
    from agenda.query import compare as p
    from agenda.render.compare import format_carried, format_indicators, format_kbv

    lang = lang_of(args)
    bar = ProgressBar(lang)  # on a terminal only: a folder of hundreds of plans takes a while
    try:
        planset = validate_dir(args.dir, progress=bar)
    except FileNotFoundError:
        print(_H("no-dir", lang, path=args.dir), file=sys.stderr)
        return EXIT_USAGE
    except OSError:
        print(_H("not-dir", lang, path=args.dir), file=sys.stderr)
        return EXIT_USAGE
    finally:
        bar.clear()
    if planset.problems:
        print_problems(planset.problems, lang)
    if not planset.files:
        print(_H("no-plans", lang, path=args.dir), file=sys.stderr)
        return EXIT_USAGE
    data: dict[str, Any]
    if args.by == "kbv":
        kbv = p.compare_by_kbv(planset, year=args.year)
        carries = p.carried_over(planset)
        data = {**kbv.to_data(), "carried_over": [_carry(c) for c in carries]}
        text = format_kbv(kbv, lang) + format_carried(carries, lang)
    else:
        years = None if args.year is None else [args.year]
        ind = p.compare_indicators(planset, by=args.group, years=years)
        data, text = ind.to_data(), format_indicators(ind, lang)
    if args.format == "json":
        json.dump({"folder": args.dir, "valid": planset.ok(), **data}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text)
    return EXIT_OK if planset.ok() else EXIT_FINDINGS


def _carry(c: Any) -> dict[str, str]:
    return {"gemeente": c.gemeente, "old_plan": c.old_plan, "old_theme": c.old_theme, "new_plan": c.new_plan,
            "new_theme": c.new_theme, "how": c.how}


def cmd_import(args: argparse.Namespace) -> int:
    """Import figures from a CSV file into the plan; exit 1 on a refused import, 2 on an unreadable file."""
    import json

    from agenda.edit.sources import SourceError, get_source, import_values
    from agenda.edit.update import counts_whole
    from agenda.errors import AgendaError
    from agenda.format._yaml import read_text

    lang = lang_of(args)
    where: dict[str, str] = {}
    for item in args.where:
        column, sep, value = item.partition("=")
        if not sep:
            print(_H("bad-where", lang, value=item), file=sys.stderr)
            return EXIT_USAGE
        where[column] = value
    try:
        # A count takes whole numbers: "1.234" in the CSV is then 1234, and a fraction is refused.
        whole = counts_whole(read_text(args.path), args.path, args.indicator)
        imported = get_source("csv").read(args.csv, period_column=args.period_column, value_column=args.value_column,
                                          table=args.table, source_name=args.source_name, where=where, whole=whole)
        result = import_values(args.path, args.indicator, imported, dry_run=args.dry_run)
    except SourceError as exc:
        print_problems(exc.problems, lang)
        return EXIT_USAGE if any(p.code in _UNREADABLE for p in exc.problems) else EXIT_FINDINGS
    except AgendaError as exc:
        print_problems(exc.problems, lang)
        return EXIT_USAGE if any(p.code in _PLAN_UNREADABLE for p in exc.problems) else EXIT_FINDINGS
    except OSError as exc:  # the plan's folder cannot be written in (the lock or the temporary file)
        print(write_failed(exc, args.path, lang), file=sys.stderr)
        return EXIT_USAGE
    changed = [c for c in result.changes if c.changed]
    if args.format == "json":
        json.dump({
            "file": args.path, "indicator": args.indicator, "dry_run": args.dry_run, "written": result.written,
            "source": {"name": result.source.name, "table": result.source.table, "column": result.source.column},
            "changes": [{"year": c.year, "old": _num(c.old), "new": _num(c.new), "changed": c.changed}
                        for c in result.changes],
            "skipped": [{"line": s.line, "reason": s.reason[lang]} for s in imported.skipped],
        }, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    for c in result.changes:
        key = "change-same" if not c.changed else ("change-new" if c.old is None else "change-changed")
        print("  " + _H(key, lang, year=c.year, old=c.old, new=c.new))
    for s in imported.skipped:
        print("  " + _H("skipped", lang, line=s.line, reason=s.reason[lang]))
    if args.dry_run:
        print(_H("import-dry", lang, count=len(changed)))
    else:
        print(_H("import-done", lang, path=args.path, count=len(changed), indicator=args.indicator,
                 source=result.source))
    return EXIT_OK


def _num(v: object) -> object:
    return v if v is None or isinstance(v, int) else str(v)
