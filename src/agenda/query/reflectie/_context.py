"""The context a reflectie rule sees: every fact about the plan in the reporting year, worked out once.

Private; import the public names from :mod:`agenda.query.reflectie`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from agenda.graph import PlanGraph, plan_graph
from agenda.model import Action, Agenda, Config, Goal, Pillar, Status, StatusRecord, Theme
from agenda.numbers import number
from agenda.query.reflectie._messages import _
from agenda.query.reflectie._results import EvidenceValue
from agenda.query.rollup import Rollup, rollup

__all__ = ["Context"]


def _year_of(text: str | None) -> int | None:
    # "2024", "2024-02" and "2024-02-01" all plan in 2024.
    return int(text[:4]) if text and text[:4].isdigit() else None


class Context:
    """What a rule may ask about the plan in the reporting year; every answer is precomputed or cached.

    Built once per :func:`reflectie` call in one pass over the plan.
    """

    def __init__(self, agenda: Agenda, year: int, settings: Mapping[str, Mapping[str, object]]) -> None:
        self.agenda = agenda
        self.year = year
        self.config: Config = agenda.config
        self._settings = settings
        self._statuses = {s.id: s for s in agenda.config.statuses}
        self._kind: dict[str, str] = {}
        self._theme: dict[str, Theme] = {}
        self._record: dict[str, StatusRecord] = {}
        self._latest: dict[str, StatusRecord] = {}
        self._tracked: list[Theme | Pillar | Goal | Action] = []
        self._lagging: dict[str, str] | None = None
        self._rollup: Rollup | None = None
        plans = {p.id: (p.period_start, p.period_end) for p in agenda.plans}
        self._covered: set[str] = set()
        for theme in agenda.themes:
            period = plans.get(theme.plan, (None, None)) if theme.plan else (agenda.period_start, agenda.period_end)
            covers = period[0] is not None and period[0] <= year and (period[1] is None or year <= period[1])
            members: list[Theme | Pillar | Goal | Action] = [theme, *theme.pillars, *theme.all_goals(),
                                                             *theme.all_actions()]
            for item in members:
                if item.id in self._kind:
                    continue  # a duplicate id: the loader refuses it
                self._kind[item.id] = type(item).__name__.lower()
                self._theme[item.id] = theme
                self._tracked.append(item)
                if covers:
                    self._covered.add(item.id)
                if (record := item.status_in(year)) is not None:
                    self._record[item.id] = record
                if (latest := item.latest_status(year)) is not None:
                    self._latest[item.id] = latest

    # facts about statuses -----------------------------------------------------------------------

    def settings(self, rule_id: str) -> Mapping[str, object]:
        """The effective settings of ``rule_id``: its defaults, overridden by the plan's ``rules``."""
        return self._settings.get(rule_id, {})

    def status(self, status_id: str | None) -> Status | None:
        """The vocabulary entry for ``status_id``."""
        return self._statuses.get(status_id) if status_id else None

    def tracked(self) -> list[Theme | Pillar | Goal | Action]:
        """Every theme, pillar, goal and action (the items that carry a status), in file order."""
        return self._tracked

    def record(self, item_id: str) -> StatusRecord | None:
        """The item's status record for the reporting year."""
        return self._record.get(item_id)

    def latest(self, item_id: str) -> StatusRecord | None:
        """The item's most recent status record in or before the reporting year."""
        return self._latest.get(item_id)

    def done(self, item_id: str) -> bool:
        """Whether the item's most recent status (in or before the year) is a *done* word."""
        status = self.status(r.status) if (r := self.latest(item_id)) else None
        return status is not None and status.done

    def in_plan(self, item_id: str) -> bool:
        """Whether the item is part of the year's plan: it has a status in or before the year, or its plan's
        period covers the year."""
        return item_id in self._covered or self.latest(item_id) is not None

    def not_started_late(self, item: Theme | Pillar | Goal | Action) -> int | None:
        """The planned start year when the item is recorded as not started after it."""
        record, start = self.record(item.id), _year_of(item.start) if isinstance(item, Action) else None
        status = self.status(record.status) if record else None
        if status is None or status.started or start is None:
            return None
        late = start < self.year or (start == self.year and bool(self.settings("status-lagging").get("year_end")))
        return start if late else None

    def overdue(self, item: Theme | Pillar | Goal | Action) -> int | None:
        """The planned end year when it has passed and the item is not done."""
        end = _year_of(item.end) if isinstance(item, Action) else None
        if end is None or self.done(item.id) or not self.in_plan(item.id):
            return None
        if self.latest(item.id) is None or (end == self.year and self.record(item.id) is None):
            # Nothing recorded at all, or nothing for the year the item was to be finished in: whether it
            # was finished is not known. That is missing information (not_reported), not a delay.
            return None
        passed = end < self.year or (end == self.year and bool(self.settings("overdue").get("year_end", True)))
        return end if passed else None

    @property
    def graph(self) -> PlanGraph:
        """The plan's graph (:func:`agenda.graph.plan_graph`: built once per plan)."""
        return plan_graph(self.agenda)

    @property
    def rollup(self) -> Rollup:
        """The roll-up of goals and themes for the year (computed on first use)."""
        if self._rollup is None:
            self._rollup = rollup(self.agenda, self.year)
        return self._rollup

    @property
    def lagging(self) -> Mapping[str, str]:
        """Items that lag this year, with why: ``status``, ``not-started``, ``overdue`` or ``derived``.

        ``derived`` marks a goal or theme without a recorded status whose roll-up lags.
        """
        if self._lagging is None:
            lagging: dict[str, str] = {}
            for item in self._tracked:
                status = self.status(r.status) if (r := self.record(item.id)) else None
                if status is not None and status.lagging:
                    lagging[item.id] = "status"
                elif self.not_started_late(item) is not None:
                    lagging[item.id] = "not-started"
                elif self.overdue(item) is not None:
                    lagging[item.id] = "overdue"
            for rolled in self.rollup:
                derived = self.status(rolled.derived)
                if rolled.recorded is None and derived is not None and derived.lagging:
                    lagging.setdefault(rolled.item, "derived")
            self._lagging = lagging
        return self._lagging

    # words ----------------------------------------------------------------------------------------

    def kind(self, item_id: str) -> str:
        """The level of an item: theme, pillar, tag, goal, action or indicator."""
        return self._kind.get(item_id) or type(self.agenda.get(item_id)).__name__.lower()

    def theme_of(self, item_id: str) -> Theme | None:
        """The theme an item (or indicator) belongs to."""
        return self._theme.get(item_id) or self.agenda.theme_of(item_id)

    def area_name(self, area_id: str) -> str:
        """The name of an area (its id when the plan does not name it)."""
        return next((a.name for a in self.agenda.areas if a.id == area_id), area_id)

    def subject(self, item_id: str, lang: str) -> str:
        """The item as named in a sentence: its level word and name (``inspanning ‘Bibob’``)."""
        item = self.agenda.get(item_id)
        name = item.name if item is not None else item_id
        return f"{self.config.level(self.kind(item_id), lang)} ‘{name}’"

    def label(self, status_id: str | None, lang: str) -> str:
        """The status word in ``lang`` (the id itself for an unknown word)."""
        status = self.status(status_id)
        if status is None:
            return status_id or _("nothing-recorded", lang)
        return status.label(lang)

    @staticmethod
    def number(value: EvidenceValue, lang: str) -> str:
        """A figure as the reader writes it: ``7,4`` in Dutch, ``7.4`` in English."""
        return number(value, lang) if isinstance(value, int | Decimal) and not isinstance(value, bool) else str(value)


