"""What lagged, in sentences for the college and the raad; what is missing, in notes for the programme manager.

The reflectie (:mod:`agenda.query.reflectie`) decides what lagged and why, and keeps
the rule ids and the evidence (they stay in its JSON and in ``reflectie-YEAR.md``).
This module only words its entries for a reader who knows neither: no rule ids, no
field names, no fractions — "steeg van 375 in 2022 naar 608 in 2023 (+62 %),
terwijl minder het doel is".  Entries that are about missing information rather than
about the plan (nothing recorded, no explanation written) are not for the raad: they
go to the control file :func:`controle_markdown` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from agenda._i18n import Catalog
from agenda.errors import Problem
from agenda.model import Agenda, Indicator
from agenda.numbers import number, percent
from agenda.query.reflectie import Entry, Reflectie, get_rule

__all__ = ["MANAGER_RULES", "controle_markdown", "for_raad", "not_reported", "reason", "subject"]

#: Rules whose entries are about missing information, for the programme manager only.
MANAGER_RULES = frozenset({"stale", "unexplained"})

_ = Catalog(
    "render-report-reasons",
    {
        "rose": {"nl": "steeg", "en": "rose"},
        "fell": {"nl": "daalde", "en": "fell"},
        "wrong-direction": {
            "nl": "{subject} {moved} van {previous} in {previous_year} naar {value} in {year} ({change}), terwijl "
                  "{aim} het doel is.",
            "en": "{subject} {moved} from {previous} in {previous_year} to {value} in {year} ({change}), while the "
                  "aim is {aim}.",
        },
        "wrong-direction-flat": {
            "nl": "{subject} {moved} van {previous} in {previous_year} naar {value} in {year}, terwijl {aim} het doel is.",
            "en": "{subject} {moved} from {previous} in {previous_year} to {value} in {year}, while the aim is {aim}.",
        },
        "aim-lower-count": {"nl": "minder", "en": "fewer"},
        "aim-higher-count": {"nl": "meer", "en": "more"},
        "aim-lower": {"nl": "lager", "en": "lower"},
        "aim-higher": {"nl": "hoger", "en": "higher"},
        "at-risk": {
            "nl": "{subject} loopt risico doordat het afhangt van {cause}, dat in {year} achterbleef ({status}).",
            "en": "{subject} is at risk because it depends on {cause}, which lagged in {year} ({status}).",
        },
        "at-risk-via": {
            "nl": "{subject} loopt risico doordat het via {via} afhangt van {cause}, dat in {year} achterbleef "
                  "({status}).",
            "en": "{subject} is at risk because, through {via}, it depends on {cause}, which lagged in {year} "
                  "({status}).",
        },
        "past-end": {"nl": "over de geplande einddatum", "en": "past its planned end"},
        "and": {"nl": "en", "en": "and"},
        # the control file
        "controle-title": {"nl": "Controle voor de rapportage over {year}", "en": "Checks for the report on {year}"},
        "controle-intro": {
            "nl": "Dit bestand is voor de programmamanager: wat na te lopen voordat de rapportage naar het college "
                  "en de raad gaat. Het staat niet in de rapportage zelf.",
            "en": "This file is for the programme manager: what to check before the report goes to the college and "
                  "the raad. It is not part of the report itself.",
        },
        "controle-report": {"nl": "De rapportage", "en": "The report"},
        "controle-warnings": {"nl": "Het agenda-bestand", "en": "The plan file"},
        "controle-reflectie": {"nl": "Toelichtingen en instellingen", "en": "Explanations and settings"},
        "controle-missing": {"nl": "Niets vastgelegd over {year}", "en": "Nothing recorded for {year}"},
        "controle-missing-intro": {
            "nl": "Over deze onderdelen is voor {year} geen status vastgelegd. Dat is ontbrekende informatie, "
                  "geen achterstand; de rapportage noemt ze daarom niet bij de reflectie.",
            "en": "No status was recorded for {year} for these items. That is missing information, not a delay; "
                  "the report therefore leaves them out of the reflectie.",
        },
        "controle-none": {"nl": "Niets na te lopen.", "en": "Nothing to check."},
    },
)


def for_raad(entry: Entry) -> bool:
    """Whether a reflectie entry belongs in the raad's report (not one about missing information)."""
    if entry.rule in MANAGER_RULES:
        return False
    try:
        return not get_rule(entry.rule).warns
    except KeyError:  # a rule that was unregistered after it ran
        return True


def subject(agenda: Agenda, item_id: str, lang: str) -> str:
    """An item as a sentence names it: its level word and name (``inspanning ‘Bibob’``)."""
    item = agenda.get(item_id)
    name = getattr(item, "name", item_id)
    kind = type(item).__name__.lower() if item is not None else "action"
    try:
        return f"{agenda.config.level(kind, lang)} ‘{name}’"
    except KeyError:
        return f"‘{name}’"


def reason(agenda: Agenda, entry: Entry, year: int, lang: str) -> str:
    """Why ``entry`` (of the reflectie of ``year``) lagged, as one plain sentence in ``lang``.

    The reflectie's own sentence where it is already plain; a fuller one, from the
    evidence, where the rule's sentence would need its field names or ids.
    """
    if entry.rule == "wrong-direction":
        return _wrong_direction(agenda, entry, year, lang)
    if entry.rule == "at-risk-dependency":
        return _at_risk(agenda, entry, year, lang)
    return entry.text(lang)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _num(value: object, lang: str) -> str:
    return number(value, lang) if isinstance(value, int | Decimal) and not isinstance(value, bool) else str(value)


def _wrong_direction(agenda: Agenda, entry: Entry, year: int, lang: str) -> str:
    before, after, change = entry.get("previous"), entry.get("value"), entry.get("change")
    if not isinstance(before, int | Decimal) or not isinstance(after, int | Decimal):
        return entry.text(lang)
    ind = agenda.get(entry.item)
    # "minder"/"meer" for what is counted; "lager"/"hoger" for scores, shares and ranks.  A plan that does
    # not say its kind counts when every figure is a whole number.
    counted = not isinstance(ind, Indicator) or ind.kind in ("count", "amount") or (
        ind.kind is None and all(isinstance(v.value, int) for v in ind.values if v.value is not None))
    lower = entry.get("direction") == "lower"
    aim = _(("aim-lower" if lower else "aim-higher") + ("-count" if counted else ""), lang)
    fields = {
        "subject": _capital(subject(agenda, entry.item, lang)),
        "moved": _("rose" if after > before else "fell", lang),
        "previous": _num(before, lang),
        "previous_year": entry.get("previous_year"),
        "value": _num(after, lang),
        "year": year,
        "aim": aim,
    }
    if isinstance(change, Decimal):
        return _("wrong-direction", lang, change=percent(change * 100, lang, signed=True), **fields)
    return _("wrong-direction-flat", lang, **fields)


def _at_risk(agenda: Agenda, entry: Entry, year: int, lang: str) -> str:
    chain = entry.get("chain")
    cause = entry.get("cause")
    if not isinstance(chain, tuple) or not isinstance(cause, str):
        return entry.text(lang)
    status_id = entry.get("cause_status")
    status = agenda.config.status(status_id) if isinstance(status_id, str) else None
    word = status.label(lang) if status else (str(status_id) if status_id else "—")
    if entry.get("cause_reason") == "overdue":
        word += "; " + _("past-end", lang)
    via = [subject(agenda, i, lang) for i in chain[1:-1]]
    fields = {"subject": _capital(subject(agenda, entry.item, lang)), "cause": subject(agenda, cause, lang),
              "year": year, "status": word}
    if via:
        joined = ", ".join(via[:-1]) + f" {_('and', lang)} " + via[-1] if len(via) > 1 else via[0]
        return _("at-risk-via", lang, via=joined, **fields)
    return _("at-risk", lang, **fields)


def controle_markdown(
    agenda: Agenda,
    year: int,
    refl: Reflectie,
    *,
    warnings: Iterable[Problem] = (),
    notices: Sequence[str] = (),
    lang: str = "nl",
) -> str:
    """``controle-YEAR.md``: the notes for the programme manager that never go into the report.

    The report's own notices (a year outside the plan, missing pictures), the warnings
    from checking the plan file and from the reflectie (each with ``file:line`` and what
    to do), and the items with nothing recorded for the year.
    """
    out = [f"# {_md(_('controle-title', lang, year=year))}", "", _md(_("controle-intro", lang)), ""]
    empty = True
    if notices:
        out += [f"## {_md(_('controle-report', lang))}", ""] + [f"- {_md(n)}" for n in notices] + [""]
        empty = False
    problems = list(warnings)
    if problems:
        out += [f"## {_md(_('controle-warnings', lang))}", ""]
        out += [_problem(p, lang) for p in problems] + [""]
        empty = False
    if refl.problems:
        out += [f"## {_md(_('controle-reflectie', lang))}", ""]
        out += [_problem(p, lang) for p in refl.problems] + [""]
        empty = False
    missing = not_reported(refl, lang)
    if missing:
        out += [f"## {_md(_('controle-missing', lang, year=year))}", "", _md(_("controle-missing-intro", lang, year=year)),
                ""]
        out += [f"- {_md(m)}" for m in missing] + [""]
        empty = False
    if empty:
        out += [_md(_("controle-none", lang)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def not_reported(refl: Reflectie, lang: str) -> list[str]:
    """What was not recorded for the year, one line each: the reflectie's ``not_reported`` list where it has
    one, else its entries of the rule ``stale``."""
    listed = getattr(refl, "not_reported", None)
    if listed is not None:
        return [m.message(lang).replace("\n    ", " — ") for m in listed]
    return [f"{e.text(lang)} ({e.item})" for e in refl.entries if e.rule == "stale"]


def _problem(problem: Problem, lang: str) -> str:
    # The problem on the bullet, what to do about it on the line below.
    head, _sep, hint = problem.message(lang).partition("\n")
    return f"- {_md(head)}" + (f"  \n  {_md(hint.strip())}" if hint.strip() else "")


def _md(text: str) -> str:
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
