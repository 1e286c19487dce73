"""Is a reporting year ready for its report?  :func:`check_ready` lists what is still missing.

A pure query on the loaded plan: the year must be opened, items need a status, lagging
statuses an explanation, measured indicators a value.  What carries forward is read, not
written: no new status is asked of an item completed (a *done* status) in an earlier year,
nor a figure in a year its ``frequency`` says is not measured.  Re-exported by
:mod:`agenda.edit.update`, whose ``new_year`` opens a year.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, Location, Theme

__all__ = ["Missing", "Readiness", "check_ready"]

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
    * a status for every action, every goal without actions and every theme
      without goals or actions — except items of a plan whose period does not
      cover ``year``, actions that start after ``year``, and items whose status
      was *done* (e.g. afgerond) in an earlier year;
    * an explanation (``note``) for every recorded lagging status of ``year``;
    * a value for every indicator that is measured in ``year``: it has a target
      for the year, or a figure in an earlier year and its ``frequency`` (years
      between measurements, counted from the latest figure) falls on ``year``, or
      no figure at all yet.
    """
    file = agenda.file or "agenda.yaml"
    missing: list[Missing] = []

    def add(kind: str, item_id: str, level: str, name: str, loc: Location | None, status: str | None = None,
            status_id: str | None = None) -> None:
        words = {lang: agenda.config.level(level, lang) if level != "plan" else "" for lang in _LANGS}
        fields = {"year": year, "file": file, "id": item_id, "status_id": status_id or ""}
        missing.append(Missing(
            kind, item_id, level, name, year, loc, status_id,
            {lang: _T(f"m-{kind}", lang, level=words[lang].capitalize(), name=name,
                      status=_label(agenda, status, lang), **fields) for lang in _LANGS},
            {lang: _T(f"m-{kind}-hint", lang, **fields) for lang in _LANGS},
        ))

    if year not in agenda.reporting_years:
        add("year", agenda.id, "plan", agenda.title, None)
    for item, level, due in _status_items(agenda, year):
        rec = item.status_in(year)
        if rec is None:
            if due:
                add("status", item.id, level, item.name, item.location)
            continue
        word = agenda.config.status(rec.status)
        if word is not None and word.lagging and not (rec.note or "").strip():
            add("explanation", item.id, level, item.name, rec.location or item.location, rec.status, rec.status)
    for ind in agenda.indicators:
        if not any(v.year == year for v in ind.values) and _value_due(ind, year):
            add("value", ind.id, "indicator", ind.name, ind.location)
    return Readiness(year, tuple(missing))


def _label(agenda: Agenda, status: str | None, lang: str) -> str:
    word = agenda.config.status(status) if status else None
    return word.label(lang) if word else (status or "")


def _status_items(agenda: Agenda, year: int) -> Iterator[tuple[Theme | Goal | Action, str, bool]]:
    plans = {p.id: p for p in agenda.plans}
    for theme in agenda.themes:
        plan = plans.get(theme.plan) if theme.plan else None
        start, end = (plan.period_start, plan.period_end) if plan else (agenda.period_start, agenda.period_end)
        in_plan = (start is None or start <= year) and (end is None or year <= end)
        yield theme, "theme", in_plan and not theme.goals and not theme.actions and not _done_before(agenda, theme, year)
        for goal in theme.goals:
            yield goal, "goal", in_plan and not goal.actions and not _done_before(agenda, goal, year)
            for action in goal.actions:
                yield action, "action", in_plan and _action_due(agenda, action, year)
        for action in theme.actions:
            yield action, "action", in_plan and _action_due(agenda, action, year)


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
    if ind.target(year) is not None:
        return True
    earlier = [v.year for v in ind.values if v.year < year]
    if ind.baseline is not None and ind.baseline.year < year:
        earlier.append(ind.baseline.year)
    if not earlier:
        return not any(v.year > year for v in ind.values)
    return (year - max(earlier)) % (ind.frequency or 1) == 0

