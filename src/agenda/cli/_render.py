"""``agenda render``, ``matrix``, ``chart``, ``budget`` and ``report``: the pictures and tables people hand on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from agenda._i18n import Catalog
from agenda.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    T,
    checked_plan,
    emit,
    format_option,
    lang_of,
    load_plan,
    plan_for_year,
    seconds_type,
    write_atomic,
    write_failed,
    year_or_latest,
)

_H = Catalog(
    "cli-render",
    {
        "render": {"nl": "afhankelijkheidsdiagram, gekleurd naar de status in een verslagjaar",
                   "en": "dependency diagram, coloured by status in a reporting year"},
        "render-epilog": {
            "nl": "Voorbeelden:\n  agenda render agenda.yaml --year 2023 -o diagram.svg\n"
                  "  agenda render agenda.yaml --year 2023 --theme ondermijnende-effecten -o thema.pdf\n"
                  "  agenda render agenda.yaml --year 2023 --around bibob-capaciteit --depth 2 -o rond.png\n"
                  "  agenda render agenda.yaml --year 2023 > diagram.dot\n\n"
                  "Voor svg, png en pdf is Graphviz nodig (apt-get install graphviz); zonder Graphviz wordt de .dot-tekst geschreven.",
            "en": "Examples:\n  agenda render agenda.yaml --year 2023 -o diagram.svg\n"
                  "  agenda render agenda.yaml --year 2023 --theme ondermijnende-effecten -o theme.pdf\n"
                  "  agenda render agenda.yaml --year 2023 --around bibob-capaciteit --depth 2 -o around.png\n"
                  "  agenda render agenda.yaml --year 2023 > diagram.dot\n\n"
                  "svg, png and pdf need Graphviz (apt-get install graphviz); without it the .dot text is written.",
        },
        "matrix": {"nl": "de doel/inspanningen-matrix per thema", "en": "the goal/action matrix per theme"},
        "matrix-epilog": {
            "nl": "Voorbeelden:\n  agenda matrix agenda.yaml --year 2023 --format md\n"
                  "  agenda matrix agenda.yaml --year 2023 --format xlsx -o matrix.xlsx",
            "en": "Examples:\n  agenda matrix agenda.yaml --year 2023 --format md\n"
                  "  agenda matrix agenda.yaml --year 2023 --format xlsx -o matrix.xlsx",
        },
        "chart": {"nl": "grafieken van indicatoren: waarden, doelen en nulmeting door de jaren",
                  "en": "indicator charts: values, targets and baseline over the years"},
        "chart-epilog": {
            "nl": "Voorbeelden:\n  agenda chart agenda.yaml jeugdoverlast-meldingen -o jeugdoverlast.svg\n"
                  "  agenda chart agenda.yaml --all -o grafieken/\n"
                  "  agenda chart agenda.yaml --all --per theme --format png -o grafieken/",
            "en": "Examples:\n  agenda chart agenda.yaml jeugdoverlast-meldingen -o youth.svg\n"
                  "  agenda chart agenda.yaml --all -o charts/\n"
                  "  agenda chart agenda.yaml --all --per theme --format png -o charts/",
        },
        "budget": {"nl": "de financiële middelen per thema: structureel, incidenteel, per jaar",
                   "en": "the budget per theme: structural, incidental, per year"},
        "budget-epilog": {"nl": "Voorbeelden:\n  agenda budget agenda.yaml\n  agenda budget agenda.yaml --format csv -o budget.csv",
                          "en": "Examples:\n  agenda budget agenda.yaml\n  agenda budget agenda.yaml --format csv -o budget.csv"},
        "report": {"nl": "de conceptrapportage van een verslagjaar: HTML (afdrukbaar op A4), Word, Markdown, diagrammen, "
                         "grafieken, reflectie, matrix en een controlelijst",
                   "en": "the draft report of a reporting year: HTML (prints to A4), Word, Markdown, diagrams, charts, "
                         "reflectie, matrix and a checklist"},
        "report-epilog": {
            "nl": "Voorbeelden:\n  agenda report agenda.yaml --year 2023 --out rapport\n"
                  "  agenda report agenda.yaml --year 2023 --out rapport --title 'Voortgangsrapportage Veiligheid {year+1}'\n"
                  "  agenda report agenda.yaml --year 2023 --out report --lang en\n\n"
                  "Opnieuw maken in dezelfde map verwijdert de bestanden die een eerdere keer voor hetzelfde jaar\n"
                  "zijn geschreven en nu niet meer (alleen die uit de lijst .agenda-rapport.json).",
            "en": "Examples:\n  agenda report agenda.yaml --year 2023 --out report --lang en\n"
                  "  agenda report agenda.yaml --year 2023 --out rapport --title 'Voortgangsrapportage Veiligheid {year+1}'\n"
                  "  agenda report agenda.yaml --year 2023 --out rapport\n\n"
                  "Making it again in the same folder removes the files an earlier run for the same year wrote\n"
                  "and this one did not (only those listed in .agenda-rapport.json).",
        },
        "title-help": {"nl": "de naam van de rapportage; {year}, {year+1} en {year-1} worden ingevuld",
                       "en": "the name of the report; {year}, {year+1} and {year-1} are filled in"},
        "no-word-help": {"nl": "schrijf geen Word-bestand (sneller; de HTML-rapportage en de rest blijven)",
                         "en": "write no Word file (quicker; the HTML report and the rest stay)"},
        "technical-help": {"nl": "voeg een technische bijlage toe met de regels en gegevens achter de reflectie",
                           "en": "add a technical appendix with the rules and data behind the reflectie"},
        "report-removed": {"nl": "verwijderd uit een eerdere keer: {files}", "en": "removed from an earlier run: {files}"},
        "report-controle": {"nl": "lees {path} voordat de rapportage uitgaat", "en": "read {path} before the report goes out"},
        "theme-help": {"nl": "alleen dit thema (id)", "en": "only this theme (id)"},
        "around-help": {"nl": "alleen de omgeving van dit onderdeel (id)", "en": "only the neighbourhood of this item (id)"},
        "depth-help": {"nl": "hoeveel stappen rond --around (standaard 1)", "en": "how many steps around --around (default 1)"},
        "timeout-help": {"nl": "seconden voor Graphviz (standaard 60)", "en": "seconds for Graphviz (default 60)"},
        "out-help": {"nl": "de map voor de rapportage", "en": "the folder for the report"},
        "indicator-help": {"nl": "de id van een indicator", "en": "the id of an indicator"},
        "all-help": {"nl": "alle indicatoren (-o is dan een map)", "en": "every indicator (-o is then a folder)"},
        "per-help": {"nl": "een grafiek per indicator, of per thema met een paneel per indicator",
                     "en": "one chart per indicator, or per theme with a panel per indicator"},
        "chart-what": {"nl": "geef een indicator of --all", "en": "give an indicator or --all"},
        "chart-out": {"nl": "geef met -o een bestand (of met --all een map)", "en": "give a file with -o (or a folder with --all)"},
        "binary-stdout": {"nl": "{fmt} is een binair formaat: geef een bestand met -o", "en": "{fmt} is a binary format: give a file with -o"},
        "bad-suffix": {"nl": "onbekend formaat '{suffix}': gebruik .svg, .png, .pdf of .dot",
                       "en": "unknown format '{suffix}': use .svg, .png, .pdf or .dot"},
        "report-done": {"nl": "rapportage {year} geschreven in {out}: {files} bestanden", "en": "report {year} written to {out}: {files} files"},
        "report-step": {"nl": "bezig: {part} …", "en": "working on: {part} …"},
        "report-open": {"nl": "open {path} in een browser", "en": "open {path} in a browser"},
    },
)

_IMAGE_SUFFIXES = (".svg", ".png", ".pdf", ".dot", ".gv")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add the subcommands of this group."""
    raw = argparse.RawDescriptionHelpFormatter

    def parser(name: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, parents=[common], help=_H(name, lang), description=_H(name, lang),
                           epilog=_H(f"{name}-epilog", lang), formatter_class=raw)
        p.add_argument("path", help=T("path-help", lang))
        return p

    year_help = {"nl": "het verslagjaar (standaard: het laatste van de agenda)",
                 "en": "the reporting year (default: the plan's latest)"}[lang]
    p = parser("render")
    p.add_argument("--year", type=int, help=year_help)
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.add_argument("--theme", help=_H("theme-help", lang))
    p.add_argument("--around", help=_H("around-help", lang))
    p.add_argument("--depth", type=int, default=1, help=_H("depth-help", lang))
    p.add_argument("--timeout", type=seconds_type(lang), default=60, help=_H("timeout-help", lang))
    p.set_defaults(func=cmd_render)

    p = parser("matrix")
    p.add_argument("--year", type=int, help=year_help)
    p.add_argument("--format", choices=("md", "html", "csv", "xlsx"), default="md", help=T("format-help", lang))
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_matrix)

    p = parser("chart")
    p.add_argument("indicator", nargs="?", help=_H("indicator-help", lang))
    p.add_argument("--all", action="store_true", help=_H("all-help", lang))
    p.add_argument("--per", choices=("indicator", "theme"), default="indicator", help=_H("per-help", lang))
    p.add_argument("--year", type=int, help=year_help)
    p.add_argument("--format", choices=("svg", "png"), default=None, help=T("format-help", lang))
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_chart)

    p = parser("budget")
    format_option(p, "budget", lang)
    p.add_argument("-o", "--output", help=T("output-help", lang))
    p.set_defaults(func=cmd_budget)

    p = parser("report")
    p.add_argument("--year", type=int, help=year_help)
    p.add_argument("--out", required=True, help=_H("out-help", lang))
    p.add_argument("--timeout", type=seconds_type(lang), default=60, help=_H("timeout-help", lang))
    p.add_argument("--title", help=_H("title-help", lang))
    p.add_argument("--technical", action="store_true", help=_H("technical-help", lang))
    p.add_argument("--no-word", dest="word", action="store_false", help=_H("no-word-help", lang))
    p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))
    p.set_defaults(func=cmd_report)


def cmd_render(args: argparse.Namespace) -> int:
    """Write the diagram (DOT to stdout without -o)."""
    from agenda.render._backend import GraphvizError, write_diagram
    from agenda.render.dot import render_dot

    loaded = plan_for_year(args)
    if isinstance(loaded, int):
        return loaded
    agenda, lang, year = loaded
    try:
        dot_text = render_dot(agenda, year, theme=args.theme, around=args.around, depth=args.depth, lang=lang)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FINDINGS
    if args.output in (None, "-"):
        sys.stdout.write(dot_text)
        return EXIT_OK
    path = Path(args.output)
    if path.suffix.lower() not in _IMAGE_SUFFIXES:
        print(_H("bad-suffix", lang, suffix=path.suffix or path.name), file=sys.stderr)
        return EXIT_USAGE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        result = write_diagram(dot_text, path, timeout=args.timeout, lang=lang, write=write_atomic)
    except GraphvizError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_FINDINGS
    except OSError as exc:
        print(write_failed(exc, path, lang), file=sys.stderr)
        return EXIT_USAGE
    for message in result.messages:
        print(message, file=sys.stderr)
    return EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    """Write the goal/action matrix."""
    from agenda.render._backend import MissingExtraError
    from agenda.render.matrix import render_matrix

    loaded = plan_for_year(args)
    if isinstance(loaded, int):
        return loaded
    agenda, lang, year = loaded
    if args.format == "xlsx" and args.output in (None, "-") and sys.stdout.isatty():
        print(_H("binary-stdout", lang, fmt="xlsx"), file=sys.stderr)
        return EXIT_USAGE
    try:
        content = render_matrix(agenda, year, args.format, lang)
    except MissingExtraError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    return emit(args, content, lang)


def cmd_chart(args: argparse.Namespace) -> int:
    """Write one chart, or every chart into a folder."""
    from agenda.render._backend import MissingExtraError
    from agenda.render.charts import render_chart, render_charts

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    if not args.all and not args.indicator:
        print(_H("chart-what", lang), file=sys.stderr)
        return EXIT_USAGE
    if not args.output:
        print(_H("chart-out", lang), file=sys.stderr)
        return EXIT_USAGE
    year = args.year if args.year is not None else (max(agenda.reporting_years) if agenda.reporting_years else None)
    out = Path(args.output)
    fmt = args.format or (out.suffix.lstrip(".").lower() if not args.all and out.suffix else "svg")
    if fmt not in ("svg", "png"):
        print(_H("bad-suffix", lang, suffix=out.suffix), file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.all:
            charts = render_charts(agenda, year, fmt, lang, per=args.per)
            for key, data in charts.items():
                write_atomic(out / f"{key}.{fmt}", data)
            print(T("written", lang, path=f"{out} ({len(charts)})"), file=sys.stderr)
            return EXIT_OK
        data = render_chart(agenda, args.indicator, year, fmt, lang)
    except MissingExtraError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return EXIT_FINDINGS
    except OSError as exc:
        print(write_failed(exc, out, lang), file=sys.stderr)
        return EXIT_USAGE
    return emit(args, data, lang)


def cmd_budget(args: argparse.Namespace) -> int:
    """Print the budget."""
    from agenda.query.budget import budget
    from agenda.render.budget_table import render_budget
    from agenda.render.registry import get_renderer

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    summary = budget(agenda)
    if args.format == "json":
        return emit(args, render_budget(summary, "json", lang), lang)
    return emit(args, get_renderer("budget", args.format).render(summary, lang=lang, config=agenda.config), lang)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the whole report of a year into a folder; say on the terminal what the programme manager must know."""
    from agenda.render.report import MANIFEST, make_report, manifest, stale_files

    result = checked_plan(args)
    if isinstance(result, int):
        return result
    agenda = result.agenda
    assert agenda is not None
    lang = lang_of(args, agenda)
    year = year_or_latest(args, agenda.reporting_years, lang)
    if year is None:
        return EXIT_FINDINGS
    show = sys.stderr.isatty() and args.format == "text"

    def progress(part: str) -> None:  # on a terminal only: long plans take a while
        if show:
            print(_H("report-step", lang, part=part), file=sys.stderr)

    bundle = make_report(agenda, year, lang=lang, warnings=result.warnings, timeout=args.timeout, progress=progress,
                         title=args.title, technical=args.technical, word=args.word)
    out = Path(args.out)
    listed = out / MANIFEST
    try:
        previous = listed.read_bytes() if listed.is_file() else None
        for f in bundle.files:
            write_atomic(out / f.name, f.content)
        removed = _remove_stale(out, stale_files(year, bundle.files, previous))
        write_atomic(listed, manifest(year, bundle.files, previous))
    except OSError as exc:
        print(write_failed(exc, out, lang), file=sys.stderr)
        return EXIT_USAGE
    for notice in bundle.notices:
        print(notice, file=sys.stderr)
    if args.format == "json":
        import json

        print(json.dumps({"year": year, "folder": str(out), "files": [f.name for f in bundle.files],
                          "removed": removed, "notices": list(bundle.notices), "controle": bundle.controle},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if removed:
        print(_H("report-removed", lang, files=", ".join(removed)), file=sys.stderr)
    print(_H("report-done", lang, year=year, out=out, files=len(bundle.files)))
    print(_H("report-open", lang, path=out / f"rapport-{year}.html"))
    if bundle.notices:
        print(_H("report-controle", lang, path=out / bundle.controle))
    return EXIT_OK


def _remove_stale(out: Path, names: list[str]) -> list[str]:
    # Only files the manifest lists; a folder of ours that is left empty goes too.
    removed = []
    for name in names:
        path = out / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(name)
            parent = path.parent
            if parent != out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
    return removed
