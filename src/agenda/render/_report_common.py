"""What both report formats share: the message catalog, the facts, the number and money formats.

Formatting only: :class:`Facts` gathers the query results once (rollup,
reflectie, budget); the helpers here pick and word them for
:mod:`agenda.render._report_html` and :mod:`agenda.render._report_md`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, Theme, Value
from agenda.numbers import number
from agenda.query.budget import BudgetSummary, budget
from agenda.query.reflectie import Reflectie, reflectie
from agenda.query.rollup import Rollup, rollup

__all__ = [
    "CATALOG",
    "Facts",
    "gather_facts",
    "indicators_of",
    "is_lagging",
    "item_rows",
    "kind_text",
    "split_themes",
    "status_counts",
    "status_word",
    "value_text",
]

CATALOG = Catalog(
    "render-report",
    {
        "title": {"nl": "Voortgangsrapportage {year}", "en": "Progress report {year}"},
        "subtitle": {"nl": "{title} — gemeente {gemeente}", "en": "{title} — municipality of {gemeente}"},
        "draft": {
            "nl": "Concept, gemaakt met agenda uit de gegevens van de agenda. Verslagjaar {year}.",
            "en": "Draft, made with agenda from the plan's data. Reporting year {year}.",
        },
        "contents": {"nl": "Inhoud", "en": "Contents"},
        "summary": {"nl": "Samenvatting", "en": "Summary"},
        "summary-text": {
            "nl": "In {year} zijn van {total} inspanningen met een status er {lagging} achtergebleven; de reflectie noemt {entries} punten.",
            "en": "In {year}, {lagging} of {total} actions with a status lagged; the reflectie lists {entries} points.",
        },
        "status": {"nl": "Status", "en": "Status"},
        "count": {"nl": "Aantal", "en": "Count"},
        "themes": {"nl": "Thema's", "en": "Themes"},
        "outlook": {"nl": "Vooruitblik", "en": "Outlook"},
        "outlook-intro": {
            "nl": "Deze thema's horen bij een plan dat pas na {year} begint; ze staan hier met hun doelstellingen en inspanningen, zonder status over {year}.",
            "en": "These themes belong to a plan that starts after {year}; they are listed with their goals and actions, without a status for {year}.",
        },
        "plan-own": {"nl": "{title}", "en": "{title}"},
        "plan-earlier": {"nl": "{title} (eerder plan)", "en": "{title} (earlier plan)"},
        "recorded": {"nl": "vastgelegde status", "en": "recorded status"},
        "derived": {"nl": "afgeleid uit de onderdelen", "en": "derived from its parts"},
        "differs": {"nl": "(wijkt af van de vastgelegde status)", "en": "(differs from the recorded status)"},
        "none-recorded": {"nl": "geen status vastgelegd voor {year}", "en": "no status recorded for {year}"},
        "continued-in": {"nl": "Wordt voortgezet in: {themes}", "en": "Continued in: {themes}"},
        "kbv": {"nl": "Kernbeleid Veiligheid veld {veld}", "en": "Kernbeleid Veiligheid field {veld}"},
        "item": {"nl": "Onderdeel", "en": "Item"},
        "owner": {"nl": "Trekker", "en": "Owner"},
        "progress": {"nl": "Voortgang", "en": "Progress"},
        "explanation": {"nl": "Toelichting", "en": "Explanation"},
        "indicators": {"nl": "Indicatoren", "en": "Indicators"},
        "actual": {"nl": "Realisatie", "en": "Actual"},
        "unit": {"nl": "eenheid", "en": "unit"},
        "source": {"nl": "bron", "en": "source"},
        "target": {"nl": "doel", "en": "target"},
        "approx": {"nl": "ca. ", "en": "approx. "},
        "reflectie": {"nl": "Reflectie", "en": "Reflectie"},
        "reflectie-intro": {
            "nl": "Wat in {year} niet of minder is bereikt dan gehoopt, met de regel die het signaleerde, het bewijs en de vastgelegde toelichting.",
            "en": "What was not reached in {year}, or less than hoped, with the rule that flagged it, the evidence and the recorded explanation.",
        },
        "nothing-lagged": {"nl": "Niets bleef achter in {year}.", "en": "Nothing lagged in {year}."},
        "rule": {"nl": "regel", "en": "rule"},
        "no-note": {"nl": "Geen toelichting vastgelegd.", "en": "No explanation recorded."},
        "diagram": {"nl": "Samenhang", "en": "Dependencies"},
        "diagram-missing": {
            "nl": "Het diagram kon niet als afbeelding gemaakt worden: {reason}",
            "en": "The diagram could not be drawn as a picture: {reason}",
        },
        "budget": {"nl": "Financiële middelen", "en": "Budget"},
        "budget-line": {"nl": "Onderwerp", "en": "Item"},
        "amount": {"nl": "Bedrag", "en": "Amount"},
        "kind": {"nl": "Incidenteel/structureel", "en": "Incidental/structural"},
        "structural": {"nl": "Structureel", "en": "Structural"},
        "incidental": {"nl": "Incidenteel ({years} jaar)", "en": "Incidental ({years} years)"},
        "incidental-once": {"nl": "Incidenteel", "en": "Incidental"},
        "every": {"nl": "1x per {every} jaar", "en": "once every {every} years"},
        "total-structural": {"nl": "Totaal structureel per jaar", "en": "Total structural per year"},
        "total-incidental": {"nl": "Totaal incidenteel per jaar", "en": "Total incidental per year"},
        "no-budget": {"nl": "De agenda noemt geen financiële middelen.", "en": "The plan names no budget."},
        "data-notes": {"nl": "Aandachtspunten in de gegevens", "en": "Points to note in the data"},
        "data-notes-intro": {
            "nl": "Waarschuwingen uit de controle van het agenda-bestand, bijvoorbeeld waar de bron zichzelf tegenspreekt.",
            "en": "Warnings from checking the plan file, for example where the source contradicts itself.",
        },
        "chart-alt": {"nl": "Grafiek van {name}", "en": "Chart of {name}"},
    },
)

_ = CATALOG  # the short name the formatting code uses


def status_word(agenda: Agenda, status_id: str | None, lang: str) -> str:
    """The label of a status in ``lang``; "—" for none, the id itself when the plan does not define it."""
    if status_id is None:
        return "—"
    status = agenda.config.status(status_id)
    return status.label(lang) if status else status_id


def is_lagging(agenda: Agenda, status_id: str | None) -> bool:
    """True when the status counts as lagging."""
    status = agenda.config.status(status_id) if status_id else None
    return bool(status and status.lagging)


def indicators_of(agenda: Agenda, theme: Theme) -> list[Indicator]:
    """The indicators that belong to ``theme``, in plan order."""
    return [i for i in agenda.indicators if (found := agenda.theme_of(i.id)) is not None and found.id == theme.id]


def value_text(values: Sequence[Value], lang: str) -> str:
    """Published values, each as its number or its text, joined with " / "."""
    parts = []
    for v in values:
        if v.value is None:
            parts.append(v.text or "")
        else:
            parts.append((_("approx", lang) if v.approximate else "") + number(v.value, lang))
    return " / ".join(p for p in parts if p)


@attrs.frozen
class Facts:
    """What the report shows, gathered once from the queries."""

    roll: Rollup
    refl: Reflectie
    money: BudgetSummary


def gather_facts(agenda: Agenda, year: int) -> Facts:
    """The query results the report shows for ``year``."""
    return Facts(rollup(agenda, year), reflectie(agenda, year), budget(agenda))


def split_themes(agenda: Agenda, year: int) -> tuple[list[Theme], list[Theme]]:
    """Themes in force in ``year``, and those of plans that start later with nothing recorded for ``year``."""
    starts = {p.id: p.period_start for p in agenda.plans}
    current: list[Theme] = []
    later: list[Theme] = []
    for theme in agenda.themes:
        start = starts.get(theme.plan) if theme.plan else agenda.period_start
        items: tuple[Theme | Goal | Action, ...] = (theme, *theme.goals, *theme.all_actions())
        recorded = any(i.status_in(year) for i in items)
        (later if start is not None and start > year and not recorded else current).append(theme)
    return current, later


def status_counts(agenda: Agenda, year: int) -> list[tuple[str, int]]:
    """How many actions have each status recorded for ``year``, in the order of the status words."""
    counts: dict[str, int] = {}
    for action in agenda.actions():
        record = action.status_in(year)
        if record is not None:
            counts[record.status] = counts.get(record.status, 0) + 1
    order = {s.id: i for i, s in enumerate(agenda.config.statuses)}
    return sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def item_rows(theme: Theme) -> Iterable[tuple[Goal | Action, int]]:
    """The goals and actions of ``theme`` in plan order, each with its depth (0 or 1)."""
    for goal in theme.goals:
        yield goal, 0
        for action in goal.actions:
            yield action, 1
    for action in theme.actions:
        yield action, 0


def kind_text(line: object, lang: str) -> str:
    """How a budget line recurs: structural, or incidental for how many years, and how often."""
    from agenda.model import BudgetKind, BudgetLine

    assert isinstance(line, BudgetLine)
    if line.kind is BudgetKind.STRUCTURAL:
        text = _("structural", lang)
    elif line.years:
        text = _("incidental", lang, years=line.years)
    else:
        text = _("incidental-once", lang)
    if line.every > 1:
        text += ", " + _("every", lang, every=line.every)
    if line.start:
        text += f" ({line.start})"
    return text
