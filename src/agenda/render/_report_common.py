"""What every report format shares: the message catalog, the facts, the title, the words and counts.

Formatting only: :class:`Facts` gathers the query results once (roll-up, reflectie,
budget); the helpers here pick and word them for :mod:`agenda.render._report_doc`,
which builds the report once for the HTML, Markdown and Word writers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, Theme
from agenda.query.budget import BudgetSummary, budget
from agenda.query.reflectie import Reflectie, reflectie
from agenda.query.rollup import Rollup, rollup

__all__ = [
    "CATALOG",
    "Facts",
    "count",
    "fill_year",
    "gather_facts",
    "indicators_of",
    "is_lagging",
    "item_rows",
    "kind_text",
    "plural",
    "report_title",
    "split_themes",
    "status_counts",
    "status_word",
]

CATALOG = Catalog(
    "render-report",
    {
        "title": {"nl": "Voortgangsrapportage over {year}", "en": "Progress report on {year}"},
        "byline": {"nl": "Gemeente {gemeente} · {plan}", "en": "Municipality of {gemeente} · {plan}"},
        "adopted": {"nl": "vastgesteld door de {by} {on}", "en": "adopted by the {by} {on}"},
        "adopted-on": {"nl": "vastgesteld {on}", "en": "adopted {on}"},
        "year-line": {"nl": "Verslagjaar {year}", "en": "Reporting year {year}"},
        "draft": {
            "nl": "Concept. Samengesteld uit de gegevens van het plan met het programma ‘agenda’; lees het na "
                  "voordat het naar het college en de raad gaat.",
            "en": "Draft. Compiled from the plan's data with the program ‘agenda’; read it through before it goes "
                  "to the college and the raad.",
        },
        "contents": {"nl": "Inhoud", "en": "Contents"},
        "summary": {"nl": "Samenvatting", "en": "Summary"},
        "summary-status": {"nl": "Over {year} is van {total} de status vastgelegd.",
                           "en": "For {year}, the status of {total} was recorded."},
        "summary-none-status": {"nl": "Over {year} is nog geen status vastgelegd.",
                                "en": "No status has been recorded for {year} yet."},
        "summary-lagging-0": {"nl": "Geen daarvan bleef achter.", "en": "None of them lagged."},
        "summary-lagging-1": {"nl": "Daarvan bleef er 1 achter.", "en": "1 of them lagged."},
        "summary-lagging-n": {"nl": "Daarvan bleven er {n} achter.", "en": "{n} of them lagged."},
        "summary-points": {"nl": "De reflectie noemt {points} over {items}.",
                           "en": "The reflectie names {points} about {items}."},
        "summary-nothing": {"nl": "De reflectie noemt niets dat achterbleef.",
                            "en": "The reflectie names nothing that lagged."},
        "point": {"nl": "punt", "en": "point"},
        "points": {"nl": "punten", "en": "points"},
        "item-word": {"nl": "onderdeel", "en": "item"},
        "items-word": {"nl": "onderdelen", "en": "items"},
        "status": {"nl": "Status", "en": "Status"},
        "count": {"nl": "Aantal", "en": "Count"},
        "overview": {"nl": "Overzicht", "en": "Overview"},
        "overview-intro": {
            "nl": "De thema's en doelstellingen met hun status in {year}, wat achterbleef en de afhankelijkheden "
                  "die daarmee samenhangen. Elk thema heeft hieronder een eigen diagram.",
            "en": "The themes and goals with their status in {year}, what lagged and the dependencies connected "
                  "with it. Each theme has its own diagram below.",
        },
        "themes": {"nl": "Thema's", "en": "Themes"},
        "no-themes": {"nl": "Het plan noemt (nog) geen thema's.", "en": "The plan names no themes (yet)."},
        "outlook": {"nl": "Vooruitblik", "en": "Outlook"},
        "outlook-intro": {
            "nl": "Deze thema's horen bij een plan dat pas na {year} begint; ze staan hier met hun doelstellingen en "
                  "inspanningen, zonder status over {year}.",
            "en": "These themes belong to a plan that starts after {year}; they are listed with their goals and "
                  "actions, without a status for {year}.",
        },
        "plan-earlier": {"nl": "{title} (eerder plan)", "en": "{title} (earlier plan)"},
        "status-line": {"nl": "Status in {year}:", "en": "Status in {year}:"},
        "derived-line": {"nl": "Uit de onderdelen volgt:", "en": "Derived from its parts:"},
        "derived": {"nl": "afgeleid", "en": "derived"},
        "none-recorded": {"nl": "geen status vastgelegd voor {year}", "en": "no status recorded for {year}"},
        "continued-in": {"nl": "Wordt voortgezet in: {themes}.", "en": "Continued in: {themes}."},
        "kbv": {"nl": "Kernbeleid Veiligheid veld {veld}", "en": "Kernbeleid Veiligheid field {veld}"},
        "item": {"nl": "Onderdeel", "en": "Item"},
        "owner": {"nl": "Trekker", "en": "Owner"},
        "progress": {"nl": "Voortgang", "en": "Progress"},
        "explanation": {"nl": "Toelichting", "en": "Explanation"},
        "indicators": {"nl": "Indicatoren", "en": "Indicators"},
        "plan-indicators": {"nl": "Indicatoren voor het hele plan", "en": "Indicators of the whole plan"},
        "plan-indicators-intro": {"nl": "Deze indicatoren horen bij geen enkel thema: ze meten het plan als geheel.",
                                  "en": "These indicators belong to no theme: they measure the plan as a whole."},
        "diagram": {"nl": "Samenhang", "en": "Dependencies"},
        "reflectie": {"nl": "Reflectie", "en": "Reflectie"},
        "reflectie-intro": {
            "nl": "Wat in {year} niet of minder is bereikt dan gehoopt, met de reden en de toelichting.",
            "en": "What was not reached in {year}, or less than hoped, with the reason and the explanation.",
        },
        "nothing-lagged": {"nl": "Niets bleef achter in {year}.", "en": "Nothing lagged in {year}."},
        "note": {"nl": "Toelichting: {note}", "en": "Explanation: {note}"},
        "no-theme": {"nl": "Buiten de thema's", "en": "Outside the themes"},
        "diagram-missing": {
            "nl": "De diagrammen konden niet als afbeelding gemaakt worden: {reason}",
            "en": "The diagrams could not be drawn as pictures: {reason}",
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
        "no-budget": {"nl": "Het plan noemt geen financiële middelen.", "en": "The plan names no budget."},
        "chart-alt": {"nl": "Grafiek van {name}", "en": "Chart of {name}"},
        "technical": {"nl": "Technische bijlage: de regels van de reflectie",
                      "en": "Technical appendix: the rules of the reflectie"},
        "technical-intro": {
            "nl": "Voor wie de reflectie wil narekenen: per punt de regel die het signaleerde en de gegevens.",
            "en": "For readers who want to check the reflectie: for each point the rule that flagged it and the data.",
        },
        "rule": {"nl": "Regel", "en": "Rule"},
        "evidence": {"nl": "Gegevens", "en": "Data"},
        "page": {"nl": "pagina", "en": "page"},
    },
)

_ = CATALOG  # the short name the formatting code uses

_YEAR_FIELD = re.compile(r"\{year(?:\s*([+-])\s*(\d+))?\}")


def fill_year(template: str, year: int) -> str:
    """``template`` with ``{year}``, ``{year+1}`` and ``{year-1}`` filled in for reporting year ``year``.

    >>> fill_year("Voortgangsrapportage Veiligheid {year+1}", 2023)
    'Voortgangsrapportage Veiligheid 2024'
    """
    def field(found: re.Match[str]) -> str:
        sign, amount = found.group(1), int(found.group(2) or 0)
        return str(year - amount if sign == "-" else year + amount)

    return _YEAR_FIELD.sub(field, template)


def report_title(agenda: Agenda, year: int, lang: str, title: str | None = None) -> str:
    """The report's name: ``title`` when given, else the plan's own name for its report, else the default.

    The plan's name is read from an optional ``report`` entry of the plan (a ``title``
    that is text, or a mapping of reporting year to text); a name may hold ``{year}``,
    ``{year+1}`` or ``{year-1}``, so Deventer's report on 2023 can be called
    "Voortgangsrapportage Veiligheid {year+1}".
    """
    chosen = title or _plan_title(agenda, year) or _("title", lang, year="{year}")
    return fill_year(chosen, year)


def _plan_title(agenda: Agenda, year: int) -> str | None:
    # The gemeente's own name of its report on ``year`` (``reporting: {titles: {2023: …}}``).
    found = agenda.config.report_titles.get(year)
    return found if found and found.strip() else None


_PLURALS = {
    "nl": {"actie": "acties", "agenda": "agenda's", "doel": "doelen", "doelstelling": "doelstellingen",
           "indicator": "indicatoren", "inspanning": "inspanningen", "maatregel": "maatregelen",
           "onderdeel": "onderdelen", "pijler": "pijlers", "programma": "programma's", "project": "projecten",
           "punt": "punten", "speerpunt": "speerpunten", "thema": "thema's", "veld": "velden",
           "verschijningsvorm": "verschijningsvormen", "activiteit": "activiteiten", "opgave": "opgaven"},
    "en": {"measure": "measures", "activity": "activities", "field": "fields", "theme": "themes"},
}


def plural(word: str, lang: str) -> str:
    """The plural of a level word (``inspanning`` → ``inspanningen``, ``thema`` → ``thema's``).

    Known words come from a table; others follow the common rule of the language.

    >>> plural("maatregel", "nl"), plural("veld", "nl"), plural("priority", "en")
    ('maatregelen', 'velden', 'priorities')
    """
    lower = word.lower()
    known = _PLURALS.get(lang, {}).get(lower)
    if known:
        return word[:1] + known[1:] if word[:1].isupper() else known
    if lang == "en":
        if lower.endswith("y") and lower[-2:-1] not in "aeiou":
            return word[:-1] + "ies"
        return word + ("es" if lower.endswith(("s", "x", "ch", "sh")) else "s")
    if lower.endswith(("a", "i", "o", "u", "y")):
        return word + "'s"
    if lower.endswith(("e", "el", "em", "en", "er", "je")):
        return word + "s"
    return word + "en"


def count(n: int, word: str, lang: str, words: str | None = None) -> str:
    """``n`` with the word in the number that agrees: ``1 punt``, ``2 punten``.

    ``words`` is the plural when it is known; otherwise :func:`plural` makes it.
    """
    return f"{n} {word if n == 1 else (words or plural(word, lang))}"


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
    """The goals, sub-goals and actions of ``theme`` in plan order, each with its depth (0 for a goal)."""

    def goal_rows(goal: Goal, depth: int) -> Iterable[tuple[Goal | Action, int]]:
        yield goal, depth
        for action in goal.actions:
            yield action, depth + 1
        for sub in goal.goals:
            yield from goal_rows(sub, depth + 1)

    for goal in theme.goals:
        yield from goal_rows(goal, 0)
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
