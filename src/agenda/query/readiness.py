"""Is a reporting year ready for its report?  :func:`check_ready` lists what is still missing.

A pure query on the loaded plan: the year must be opened, items need a status, lagging
statuses an explanation, measured indicators a value.  This is the one notion of
*complete*: :func:`missing_reports` is what the plan expected to hear about a year and did
not, and the reflectie lists exactly those statuses and figures as *not reported* — so
when ``check-ready`` says ready, the reflectie has nothing not reported.

What is expected follows the plan: statuses at its reporting level (``reporting: {level:
action | goal | theme}``), of items whose plan period covers the year, not after a *done*
status, not before an action's planned start; figures in the years an indicator is
measured (its ``frequency``), not after ``until``, and never again for a figure counted
``once``.  Re-exported by :mod:`agenda.edit.update`, whose ``new_year`` opens a year.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, Location, Theme

__all__ = ["Missing", "Readiness", "check_ready", "missing_reports"]

_T = Catalog(
    "readiness",
    {
        "m-year": {
            "nl": "{year} staat niet in reporting_years: het verslagjaar is nog niet geopend",
            "en": "{year} is not in reporting_years: the reporting year has not been opened",
        },
        "m-year-hint": {"nl": "Open het jaar: agenda new-year {file} --year {year}",
                        "en": "Open the year: agenda new-year {file} --year {year}"},
        "m-status": {"nl": "{level} '{name}' heeft geen status voor {year}",
                     "en": "{level} '{name}' has no status for {year}"},
        "m-status-hint": {"nl": "agenda status set {file} {id} --year {year} --status …",
                          "en": "agenda status set {file} {id} --year {year} --status …"},
        "m-explanation": {
            "nl": "{level} '{name}' staat in {year} op '{status}' maar heeft geen toelichting",
            "en": "{level} '{name}' is '{status}' in {year} but has no explanation",
        },
        "m-explanation-hint": {
            "nl": "agenda status set {file} {id} --year {year} --status {status_id} --note \"…\"",
            "en": "agenda status set {file} {id} --year {year} --status {status_id} --note \"…\"",
        },
        "m-value": {"nl": "{level} '{name}' heeft geen waarde voor {year}",
                    "en": "{level} '{name}' has no value for {year}"},
        "m-value-hint": {"nl": "agenda value set {file} {id} --year {year} --value …",
                         "en": "agenda value set {file} {id} --year {year} --value …"},
    },
)

_LANGS = ("nl", "en")


@attrs.frozen
class Missing:
    """One thing missing before a reporting year's report can go out.

    ``kind`` is ``"year"`` (the year is not opened), ``"status"``, ``"explanation"``
    (a lagging status without a note) or ``"value"``.
    """

    kind: str
    item: str
    level: str
    name: str
    year: int
    location: Location | None
    status: str | None = None
    text: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    hint: Mapping[str, str] = attrs.field(factory=dict, eq=False)

    def message(self, lang: str = "nl") -> str:
        """``file:line:col: [id] what is missing`` and, on the next line, the command that fills it in."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}[{self.item}] {self.text[lang]}\n    {self.hint[lang]}"

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict."""
        loc = self.location
        return {"kind": self.kind, "item": self.item, "level": self.level, "year": self.year,
                "status": self.status, "file": loc.file if loc else None, "line": loc.line if loc else None,
                "column": loc.column if loc else None, "message": self.text[lang], "hint": self.hint[lang]}


@attrs.frozen
class Readiness:
    """What is still missing for a reporting year; ``ready`` only when nothing is."""

    year: int
    missing: tuple[Missing, ...]

    @property
    def ready(self) -> bool:
        """True when nothing is missing."""
        return not self.missing

    def counts(self) -> dict[str, int]:
        """How many of each kind are missing."""
        return {k: sum(1 for m in self.missing if m.kind == k) for k in ("year", "status", "explanation", "value")}

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict: year, ready, counts and every missing thing."""
        return {"year": self.year, "ready": self.ready, "counts": self.counts(),
                "missing": [m.to_json(lang) for m in self.missing]}


def check_ready(agenda: Agenda, year: int) -> Readiness:
    """What is missing before the report on ``year`` can go out (a pure query).

    * the year itself, when it is not in ``reporting_years``;
    * everything :func:`missing_reports` lists: statuses, explanations, figures.
    """
    opened: tuple[Missing, ...] = ()
    if year not in agenda.reporting_years:
        opened = (_missing(agenda, year, "year", agenda.id, "plan", agenda.title, None),)
    return Readiness(year, (*opened, *missing_reports(agenda, year)))


def missing_reports(agenda: Agenda, year: int) -> tuple[Missing, ...]:
    """What the plan expected to hear about ``year`` and did not, in file order.

    * a status for every item at the plan's reporting level: every action (the
      default), every goal, or every theme — and a goal or theme with nothing under it
      that reports — except items of a plan whose period does not cover ``year``,
      actions that start after ``year``, and items whose status was *done* (e.g.
      afgerond) in an earlier year;
    * an explanation (``note``) for every recorded lagging status of ``year``;
    * a value for every indicator measured in ``year``: it has a target judged on that
      year, or a figure in an earlier year and its ``frequency`` (years between
      measurements, counted from the latest figure) falls on ``year``, or no figure at
      all yet — unless it is measured ``until`` an earlier year, or counted ``once``.
    """
    return agenda.memo(f"missing:{year}", lambda: tuple(_missing_reports(agenda, year)))


def _missing_reports(agenda: Agenda, year: int) -> Iterator[Missing]:
    for item, level, due in _status_items(agenda, year):
        rec = item.status_in(year)
        if rec is None:
            if due:
                yield _missing(agenda, year, "status", item.id, level, item.name, item.location)
            continue
        word = agenda.config.status(rec.status)
        if word is not None and word.lagging and not (rec.note or "").strip():
            yield _missing(agenda, year, "explanation", item.id, level, item.name, rec.location or item.location,
                           rec.status, rec.status)
    for ind in agenda.indicators:
        if not any(v.year == year for v in ind.values) and _value_due(ind, year):
            yield _missing(agenda, year, "value", ind.id, "indicator", ind.name, ind.location)


def _missing(agenda: Agenda, year: int, kind: str, item_id: str, level: str, name: str, loc: Location | None,
             status: str | None = None, status_id: str | None = None) -> Missing:
    file = agenda.file or "agenda.yaml"
    words = {lang: agenda.config.level(level, lang) if level != "plan" else "" for lang in _LANGS}
    fields = {"year": year, "file": file, "id": item_id, "status_id": status_id or ""}
    return Missing(
        kind, item_id, level, name, year, loc, status_id,
        {lang: _T(f"m-{kind}", lang, level=words[lang].capitalize(), name=name,
                  status=_label(agenda, status, lang), **fields) for lang in _LANGS},
        {lang: _T(f"m-{kind}-hint", lang, **fields) for lang in _LANGS},
    )


def _label(agenda: Agenda, status: str | None, lang: str) -> str:
    word = agenda.config.status(status) if status else None
    return word.label(lang) if word else (status or "")


def _status_items(agenda: Agenda, year: int) -> Iterator[tuple[Theme | Goal | Action, str, bool]]:
    # Every theme, goal and action with whether a status of ``year`` is expected of it.
    level = agenda.config.reporting
    plans = {p.id: p for p in agenda.plans}
    for theme in agenda.themes:
        plan = plans.get(theme.plan) if theme.plan else None
        start, end = (plan.period_start, plan.period_end) if plan else (agenda.period_start, agenda.period_end)
        in_plan = (start is None or start <= year) and (end is None or year <= end)
        leaf_theme = level == "theme" or (not theme.goals and not theme.actions)
        yield theme, "theme", in_plan and leaf_theme and not _done_before(agenda, theme, year)
        for goal in theme.all_goals():
            reports = level == "goal" or (level == "action" and not goal.actions and not goal.goals)
            yield goal, "goal", in_plan and reports and not _done_before(agenda, goal, year)
            for action in goal.actions:
                yield action, "action", in_plan and level == "action" and _action_due(agenda, action, year)
        for action in theme.actions:
            yield action, "action", in_plan and level in ("action", "goal") and _action_due(agenda, action, year)


def _action_due(agenda: Agenda, action: Action, year: int) -> bool:
    if action.start and action.start[:4].isdigit() and int(action.start[:4]) > year:
        return False
    return not _done_before(agenda, action, year)


def _done_before(agenda: Agenda, item: Theme | Goal | Action, year: int) -> bool:
    earlier = [r for r in item.status if r.year < year]
    if not earlier:
        return False
    word = agenda.config.status(max(earlier, key=lambda r: r.year).status)
    return word is not None and word.done


def _value_due(ind: Indicator, year: int) -> bool:
    if ind.until is not None and year > ind.until:
        return False
    if any(t.judged_on == year for t in ind.targets):
        return True
    if ind.once:  # counted once: asked for only where a target says so
        return False
    earlier = [v.year for v in ind.values if v.year < year]
    if ind.baseline is not None and ind.baseline.year is not None and ind.baseline.year < year:
        earlier.append(ind.baseline.year)
    if not earlier:
        return not any(v.year > year for v in ind.values)
    return (year - max(earlier)) % (ind.frequency or 1) == 0

