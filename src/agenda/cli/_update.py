"""``agenda status set``, ``value set``, ``target set``, ``new-year`` and ``check-ready``: the yearly cycle.

Every edit changes only the lines it must, is validated before it is written
and is written atomically; ``--dry-run`` shows the diff and writes nothing.
Exit codes: 0 done (check-ready: nothing missing); 1 refused or something is
missing; 2 wrong usage or an unreadable file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from agenda._i18n import Catalog
from agenda.cli._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, T, colour, lang_of, print_problems, write_failed

if TYPE_CHECKING:
    from agenda.edit.update import Change, FieldChange, Readiness
    from agenda.errors import Problem

_H = Catalog(
    "cli-update",
    {
        "status": {"nl": "de status van een thema, doelstelling of inspanning vastleggen",
                   "en": "record the status of a theme, goal or action"},
        "status-set": {"nl": "leg de status van één onderdeel voor één verslagjaar vast",
                       "en": "record the status of one item for one reporting year"},
        "status-epilog": {
            "nl": "Voorbeelden:\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status loopt\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status vertraagd \\\n"
                  "      --note \"Minder capaciteit dan gehoopt.\" --progress 40\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status afgerond --dry-run\n\n"
                  "Alleen de regels van deze status veranderen; de rest van het bestand blijft byte voor byte gelijk.\n"
                  "Afsluitcodes: 0 vastgelegd; 1 geweigerd (onbekende id of status, ongeldig resultaat);\n"
                  "2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Examples:\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status loopt\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status vertraagd \\\n"
                  "      --note \"Less capacity than hoped.\" --progress 40\n"
                  "  agenda status set agenda.yaml bibob-uitbreiding --year 2024 --status afgerond --dry-run\n\n"
                  "Only the lines of this status change; the rest of the file stays byte for byte the same.\n"
                  "Exit codes: 0 recorded; 1 refused (unknown id or status, invalid result);\n"
                  "2 wrong usage or unreadable file.",
        },
        "value": {"nl": "de waarde (realisatie) van een indicator vastleggen",
                  "en": "record an indicator's value (actual)"},
        "value-set": {"nl": "leg de waarde van een indicator voor één jaar vast",
                      "en": "record an indicator's value for one year"},
        "value-epilog": {
            "nl": "Voorbeelden:\n"
                  "  agenda value set agenda.yaml jeugdoverlast-meldingen --year 2024 --value 512\n"
                  "  agenda value set agenda.yaml rapportcijfer-veiligheid --year 2024 --value 7,4 \\\n"
                  "      --source \"Veiligheidsmonitor 2024\"\n\n"
                  "Een decimale komma mag (7,4); in het bestand komt 7.4. Bij een aantal (unit: aantal,\n"
                  "kind: count) groepeert een punt duizendtallen: 1.234 wordt 1234, en 98,5 wordt geweigerd.\n"
                  "Waar breuken mogen (een percentage, een cijfer) wordt 1.234 geweigerd met de vraag wat u bedoelt.\n"
                  "Afsluitcodes: 0 vastgelegd; 1 geweigerd; 2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Examples:\n"
                  "  agenda value set agenda.yaml jeugdoverlast-meldingen --year 2024 --value 512\n"
                  "  agenda value set agenda.yaml rapportcijfer-veiligheid --year 2024 --value 7,4 \\\n"
                  "      --source \"Veiligheidsmonitor 2024\"\n\n"
                  "A decimal comma is fine (7,4); the file gets 7.4. On a count (unit: aantal, kind: count)\n"
                  "a point groups thousands: 1.234 becomes 1234, and 98,5 is refused. Where fractions are\n"
                  "allowed (a percentage, a score) 1.234 is refused with the question which was meant.\n"
                  "Exit codes: 0 recorded; 1 refused; 2 wrong usage or unreadable file.",
        },
        "target": {"nl": "het doel (streefwaarde) van een indicator vastleggen",
                   "en": "record an indicator's target"},
        "target-set": {"nl": "leg het doel van een indicator voor één jaar vast",
                       "en": "record an indicator's target for one year"},
        "target-epilog": {
            "nl": "Voorbeelden:\n"
                  "  agenda target set agenda.yaml jeugdoverlast-meldingen --year 2025 --target \"< 550\"\n"
                  "  agenda target set agenda.yaml rapportcijfer-veiligheid --year 2025 --target \"min. 7,0\"\n\n"
                  "Afsluitcodes: 0 vastgelegd; 1 geweigerd; 2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Examples:\n"
                  "  agenda target set agenda.yaml jeugdoverlast-meldingen --year 2025 --target \"< 550\"\n"
                  "  agenda target set agenda.yaml rapportcijfer-veiligheid --year 2025 --target \"min. 7,0\"\n\n"
                  "Exit codes: 0 recorded; 1 refused; 2 wrong usage or unreadable file.",
        },
        "new-year": {"nl": "open een verslagjaar en zie wat er ingevuld moet worden",
                     "en": "open a reporting year and see what must be filled in"},
        "new-year-epilog": {
            "nl": "Voorbeeld:\n  agenda new-year agenda.yaml --year 2025\n\n"
                  "Voegt het jaar toe aan reporting_years en verandert verder niets: er wordt geen status of\n"
                  "cijfer bedacht of doorgeschoven. Daarna volgt de lijst van wat nog ingevuld moet worden.\n"
                  "Afsluitcodes: 0 geopend (of al open); 1 geweigerd; 2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Example:\n  agenda new-year agenda.yaml --year 2025\n\n"
                  "Adds the year to reporting_years and changes nothing else: no status or figure is invented\n"
                  "or copied forward. Then lists what must still be filled in.\n"
                  "Exit codes: 0 opened (or already open); 1 refused; 2 wrong usage or unreadable file.",
        },
        "check-ready": {"nl": "wat ontbreekt nog voordat de rapportage naar het college kan?",
                        "en": "what is still missing before the report can go to the college?"},
        "check-ready-epilog": {
            "nl": "Voorbeelden:\n  agenda check-ready agenda.yaml --year 2024\n"
                  "  agenda check-ready agenda.yaml --year 2024 --format json\n\n"
                  "Afsluitcodes: 0 niets ontbreekt; 1 er ontbreekt nog iets (of het bestand is ongeldig);\n"
                  "2 verkeerd gebruik of onleesbaar bestand.",
            "en": "Examples:\n  agenda check-ready agenda.yaml --year 2024\n"
                  "  agenda check-ready agenda.yaml --year 2024 --format json\n\n"
                  "Exit codes: 0 nothing missing; 1 something is missing (or the file is invalid);\n"
                  "2 wrong usage or unreadable file.",
        },
        "set": {"nl": "vastleggen", "en": "record"},
        "action": {"nl": "actie", "en": "action"},
        "item-help": {"nl": "id van het thema, de doelstelling of de inspanning",
                      "en": "id of the theme, goal or action"},
        "indicator-help": {"nl": "id van de indicator", "en": "id of the indicator"},
        "year-help": {"nl": "het verslagjaar, bijvoorbeeld 2024", "en": "the reporting year, for example 2024"},
        "status-help": {"nl": "het statuswoord, bijvoorbeeld loopt, vertraagd of afgerond",
                        "en": "the status word, for example loopt, vertraagd or afgerond"},
        "note-help": {"nl": "de toelichting (bij een achterblijvende status: waarom)",
                      "en": "the explanation (for a lagging status: why)"},
        "progress-help": {"nl": "voortgang in procenten, 0 tot 100", "en": "progress in percent, 0 to 100"},
        "recorded-help": {"nl": "datum van vastleggen, bijvoorbeeld 2025-04-30",
                          "en": "date recorded, for example 2025-04-30"},
        "value-help": {"nl": "het getal; 7,4 en 7.4 zijn allebei goed; bij een aantal is 1.234 gelijk aan 1234",
                       "en": "the number; 7,4 and 7.4 both work; on a count 1.234 is 1234"},
        "source-help": {"nl": "waar het getal vandaan komt", "en": "where the figure comes from"},
        "target-help": {"nl": "het doel, bijvoorbeeld \"< 550\" of \"min. 7,0\"",
                        "en": "the target, for example \"< 550\" or \"min. 7,0\""},
        "dry-run-help": {"nl": "toon de wijziging als diff en schrijf niets",
                         "en": "show the change as a diff and write nothing"},
        "written": {"nl": "{file}: {what} vastgelegd (regel {lines})", "en": "{file}: {what} recorded (line {lines})"},
        "opened": {"nl": "{file}: verslagjaar {year} geopend (regel {lines})",
                   "en": "{file}: reporting year {year} opened (line {lines})"},
        "dry-run": {"nl": "proefdraai: er is niets geschreven", "en": "dry run: nothing was written"},
        "unchanged": {"nl": "{file}: {what} stond er al zo; niets gewijzigd",
                      "en": "{file}: {what} was already recorded like this; nothing changed"},
        "what-status": {"nl": "status van {item} voor {year}", "en": "status of {item} for {year}"},
        "what-value": {"nl": "waarde van {item} voor {year}", "en": "value of {item} for {year}"},
        "what-target": {"nl": "doel van {item} voor {year}", "en": "target of {item} for {year}"},
        "what-year": {"nl": "verslagjaar {year}", "en": "reporting year {year}"},
        "to-fill": {"nl": "Nog in te vullen voor {year}:", "en": "Still to fill in for {year}:"},
        "ready": {"nl": "{file}: klaar voor het college: voor {year} ontbreekt niets",
                  "en": "{file}: ready for the college: nothing is missing for {year}"},
        "not-ready": {
            "nl": "{file}: nog niet klaar voor {year}: {status|status|statussen}, {explanation|toelichting|toelichtingen} "
                  "en {value|waarde|waarden} ontbreken",
            "en": "{file}: not ready for {year}: {status|status|statuses}, {explanation|explanation|explanations} "
                  "and {value|value|values} missing",
        },
        "was-now": {"nl": "  {field}: was {old}, nu {new}", "en": "  {field}: was {old}, now {new}"},
        "added": {"nl": "  {field}: {new} (nieuw)", "en": "  {field}: {new} (new)"},
        "kept": {"nl": "  behouden: {fields}", "en": "  kept: {fields}"},
        "kept-hint": {"nl": "  (geef --note om de toelichting te vervangen)",
                      "en": "  (give --note to replace the explanation)"},
        "f-status": {"nl": "status", "en": "status"},
        "f-progress": {"nl": "voortgang", "en": "progress"},
        "f-note": {"nl": "toelichting", "en": "explanation"},
        "f-recorded": {"nl": "vastgelegd op", "en": "recorded on"},
        "f-value": {"nl": "waarde", "en": "value"},
        "f-approximate": {"nl": "ongeveer", "en": "approximate"},
        "f-text": {"nl": "tekst", "en": "text"},
        "f-source": {"nl": "bron", "en": "source"},
        "f-unit": {"nl": "eenheid", "en": "unit"},
        "f-target": {"nl": "doel", "en": "target"},
        "yes": {"nl": "ja", "en": "yes"},
        "year-closed": {"nl": "{year} is nog geen verslagjaar; open het met agenda new-year",
                        "en": "{year} is not a reporting year yet; open it with agenda new-year"},
    },
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, lang: str) -> None:  # type: ignore[type-arg]
    """Add the subcommands of this group."""
    raw = argparse.RawDescriptionHelpFormatter

    def h(key: str) -> str:
        return _H(key, lang)

    def edit_parser(group: str, func: Callable[[argparse.Namespace], int], item_help: str) -> argparse.ArgumentParser:
        outer = sub.add_parser(group, help=h(group), description=h(group), epilog=h(f"{group}-epilog"),
                               formatter_class=raw)
        inner = outer.add_subparsers(dest="action", metavar=h("action"))
        inner.required = True
        p: argparse.ArgumentParser = inner.add_parser("set", parents=[common], help=h(f"{group}-set"), description=h(f"{group}-set"),
                             epilog=h(f"{group}-epilog"), formatter_class=raw)
        p.add_argument("path", help=T("path-help", lang))
        p.add_argument("item", help=h(item_help))
        p.add_argument("--year", type=int, required=True, help=h("year-help"))
        add_output(p)
        p.set_defaults(func=func)
        return p

    def add_output(p: argparse.ArgumentParser, dry_run: bool = True) -> None:
        if dry_run:
            p.add_argument("--dry-run", action="store_true", help=h("dry-run-help"))
        p.add_argument("--format", choices=("text", "json"), default="text", help=T("format-help", lang))

    p = edit_parser("status", cmd_status_set, "item-help")
    p.add_argument("--status", required=True, help=h("status-help"))
    p.add_argument("--note", help=h("note-help"))
    p.add_argument("--progress", type=int, help=h("progress-help"))
    p.add_argument("--recorded", help=h("recorded-help"))

    p = edit_parser("value", cmd_value_set, "indicator-help")
    p.add_argument("--value", required=True, help=h("value-help"))
    p.add_argument("--source", help=h("source-help"))
    p.add_argument("--note", help=h("note-help"))

    p = edit_parser("target", cmd_target_set, "indicator-help")
    p.add_argument("--target", required=True, help=h("target-help"))

    p = sub.add_parser("new-year", parents=[common], help=h("new-year"), description=h("new-year"),
                       epilog=h("new-year-epilog"), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--year", type=int, required=True, help=h("year-help"))
    add_output(p)
    p.set_defaults(func=cmd_new_year)

    p = sub.add_parser("check-ready", parents=[common], help=h("check-ready"), description=h("check-ready"),
                       epilog=h("check-ready-epilog"), formatter_class=raw)
    p.add_argument("path", help=T("path-help", lang))
    p.add_argument("--year", type=int, required=True, help=h("year-help"))
    add_output(p, dry_run=False)
    p.set_defaults(func=cmd_check_ready)


def cmd_status_set(args: argparse.Namespace) -> int:
    """Record a status; print what changed (or the diff with --dry-run)."""
    from agenda.edit.update import set_status

    return _run(args, "what-status", lambda: set_status(
        args.path, args.item, args.year, args.status, note=args.note, progress=args.progress,
        recorded=args.recorded, dry_run=args.dry_run))


def cmd_value_set(args: argparse.Namespace) -> int:
    """Record an indicator's value."""
    from agenda.edit.update import set_value

    return _run(args, "what-value", lambda: set_value(
        args.path, args.item, args.year, args.value, source=args.source, note=args.note, dry_run=args.dry_run))


def cmd_target_set(args: argparse.Namespace) -> int:
    """Record an indicator's target."""
    from agenda.edit.update import set_target

    return _run(args, "what-target", lambda: set_target(args.path, args.item, args.year, args.target,
                                                        dry_run=args.dry_run))


def cmd_new_year(args: argparse.Namespace) -> int:
    """Open a reporting year, then list what must be filled in."""
    from agenda.edit.update import check_ready, new_year
    from agenda.format.loader import loads, validate_text

    readiness: list[Readiness] = []
    outside: list[Problem] = []

    def run() -> Change:
        change = new_year(args.path, args.year, dry_run=args.dry_run)
        checked = validate_text(change.new, args.path)
        # new_year refuses a plan with errors; loads() would say so as it did before
        plan = checked.agenda if checked.agenda is not None else loads(change.new, args.path)
        readiness.append(check_ready(plan, args.year))
        # A year outside the plan's period is most often a typo: said at once, not only by the next validate.
        outside.extend(p for p in checked.warnings
                       if p.code == "year-outside-plan" and f"reporting year {args.year} " in p.text["en"])
        return change

    code = _run(args, "what-year", run, readiness)
    if outside and args.format != "json":
        print_problems(outside, lang_of(args))
    return code


def cmd_check_ready(args: argparse.Namespace) -> int:
    """List what is missing for the year; exit 0 only when nothing is."""
    from agenda.cli._common import load_plan
    from agenda.edit.update import check_ready

    agenda = load_plan(args)
    if isinstance(agenda, int):
        return agenda
    lang = lang_of(args, agenda)
    result = check_ready(agenda, args.year)
    if args.format == "json":
        _json({"file": args.path, **result.to_json(lang)})
    else:
        _print_readiness(result, lang, args.path)
    return EXIT_OK if result.ready else EXIT_FINDINGS


def _print_readiness(result: Readiness, lang: str, file: str) -> None:
    out = sys.stdout
    for m in result.missing:
        print(m.message(lang), file=out)
    if result.ready:
        print(colour(_H("ready", lang, file=file, year=result.year), "32", out), file=out)
        return
    counts = result.counts()
    line = _H("not-ready", lang, file=file, year=result.year, status=counts["status"],
              explanation=counts["explanation"], value=counts["value"])
    if counts["year"]:
        line += "; " + _H("year-closed", lang, year=result.year)
    print(colour(line, "33", out), file=out)


def _field_changes(args: argparse.Namespace, what_key: str, change: Change) -> tuple[FieldChange, ...]:
    """What the edit replaced in the year's entry (status, value and target set)."""
    if what_key not in ("what-status", "what-value", "what-target") or not change.changed:
        return ()
    from agenda.edit.update import status_changes, target_changes, value_changes
    from agenda.format.loader import loads

    before, after = loads(change.old, change.path), loads(change.new, change.path)
    if what_key == "what-status":
        return status_changes(before, after, args.item, args.year)
    if what_key == "what-target":
        return target_changes(before, after, args.item, args.year)
    return value_changes(before, after, args.item, args.year, source=args.source)


def _shown(field: str, value: object, lang: str, plan_words: dict[str, dict[str, str]]) -> str:
    from decimal import Decimal

    from agenda.numbers import number

    if value is True:
        return _H("yes", lang)
    if field == "status":
        return plan_words.get(str(value), {}).get(lang, str(value))
    if field == "progress":
        return f"{value}\u00a0%" if lang == "nl" else f"{value}%"
    if isinstance(value, int | Decimal):
        return number(value, lang)
    return f'"{value}"' if field in ("note", "source", "text") else str(value)


def _print_field_changes(fields: tuple[FieldChange, ...], lang: str, change: Change) -> None:
    from agenda.format.loader import loads

    words: dict[str, dict[str, str]] = {}
    if any(f.field == "status" for f in fields):
        words = {s.id: {"nl": s.nl, "en": s.en} for s in loads(change.new, change.path).config.statuses}
    print_field_changes(fields, lang, words)


def print_field_changes(fields: tuple[FieldChange, ...], lang: str, words: dict[str, dict[str, str]]) -> None:
    """Print what an edit replaced ("status: was loopt, nu vertraagd"), added and kept; ``words`` are the
    plan's status words by id."""
    kept = []
    for f in fields:
        if f.kept:
            kept.append(f"{_H('f-' + f.field, lang)} {_shown(f.field, f.new, lang, words)}")
        elif f.old is None:
            print(_H("added", lang, field=_H("f-" + f.field, lang), new=_shown(f.field, f.new, lang, words)))
        else:
            new = _shown(f.field, f.new, lang, words) if f.new is not None else "-"
            print(_H("was-now", lang, field=_H("f-" + f.field, lang), old=_shown(f.field, f.old, lang, words), new=new))
    if kept:
        print(_H("kept", lang, fields=", ".join(kept)))
        if any(f.field == "note" and f.kept for f in fields):
            print(_H("kept-hint", lang))


def _run(args: argparse.Namespace, what_key: str, edit: Callable[[], Change],
         readiness: list[Readiness] | None = None) -> int:
    from agenda.cli._common import _UNREADABLE
    from agenda.errors import AgendaError, UnreadableError

    lang = lang_of(args)
    try:
        change = edit()
    except AgendaError as exc:
        unreadable = isinstance(exc, UnreadableError) or any(p.code in _UNREADABLE for p in exc.problems)
        code = EXIT_USAGE if unreadable else EXIT_FINDINGS
        if args.format == "json":
            _json({"file": args.path, "ok": False, "exit_code": code, "error": type(exc).__name__,
                   "problems": [p.to_json(lang) for p in exc.problems]})
        else:
            print_problems(exc.problems, lang)
        return code
    except OSError as exc:  # the folder cannot be written in (the lock or the temporary file)
        return _write_failed(args, lang, exc)
    what = _H(what_key, lang, item=getattr(args, "item", ""), year=args.year)
    ready = readiness[0] if readiness else None
    if args.format == "json":
        data: dict[str, object] = {
            "file": args.path, "ok": True, "exit_code": EXIT_OK, "item": change.item, "year": change.year,
            "changed": change.changed, "written": change.written, "dry_run": bool(args.dry_run),
            "lines": list(change.lines), "diff": change.diff(),
        }
        if what_key in ("what-status", "what-value"):
            data["fields"] = [{"field": f.field, "old": _plain(f.old), "new": _plain(f.new), "kept": f.kept}
                              for f in _field_changes(args, what_key, change)]
        if ready is not None:
            data["to_fill"] = ready.to_json(lang)
        _json(data)
        return EXIT_OK
    if not change.changed:
        print(_H("unchanged", lang, file=args.path, what=what))
    elif args.dry_run:
        for line in change.diff().splitlines():
            marked = line[:1] in "+-" and line[:3] not in ("+++", "---")
            print(colour(line, "32" if line.startswith("+") else "31") if marked else line)
        print(_H("dry-run", lang), file=sys.stderr)
    else:
        key = "opened" if what_key == "what-year" else "written"
        print(_H(key, lang, file=args.path, what=what, year=args.year, lines=", ".join(map(str, change.lines))))
    if change.changed:
        _print_field_changes(_field_changes(args, what_key, change), lang, change)
    if ready is not None and ready.missing:
        print()
        print(_H("to-fill", lang, year=args.year))
        _print_readiness(ready, lang, args.path)
    return EXIT_OK


def _write_failed(args: argparse.Namespace, lang: str, exc: OSError) -> int:
    message = write_failed(exc, args.path, lang)
    if args.format == "json":
        _json({"file": args.path, "ok": False, "exit_code": EXIT_USAGE, "error": type(exc).__name__,
               "problems": [{"code": "write-failed", "severity": "error", "message": message}]})
    else:
        print(message, file=sys.stderr)
    return EXIT_USAGE


def _plain(value: object) -> object:
    from decimal import Decimal

    from agenda.numbers import json_number

    return json_number(value) if isinstance(value, Decimal) else value


def _json(data: object) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
