"""The reflectie engine: result classes, the context rules see, the rule registry and :func:`reflectie`.

Private; import the public names from :mod:`agenda.query.reflectie`.  The built-in rules live in
:mod:`agenda.query.reflectie._rules` and are registered when :mod:`agenda.query.reflectie` is imported.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import ClassVar, TypeAlias

import attrs

from agenda._i18n import check_lang
from agenda.errors import Problem
from agenda.errors import Severity as ProblemSeverity
from agenda.graph import PlanGraph, plan_graph
from agenda.model import Action, Agenda, Config, Goal, Pillar, Status, StatusRecord, Theme
from agenda.numbers import json_number, number
from agenda.query.readiness import Missing, missing_reports
from agenda.query.reflectie._messages import _
from agenda.query.rollup import Rollup, rollup

__all__ = [
    "Context",
    "Entry",
    "Evidence",
    "EvidenceValue",
    "Finding",
    "Reflectie",
    "Rule",
    "Severity",
    "get_rule",
    "reflectie",
    "register_rule",
    "rules",
    "unregister_rule",
]

#: What evidence holds: numbers, years, status ids, texts, flags, or a chain of ids.
EvidenceValue: TypeAlias = "int | Decimal | str | bool | tuple[str, ...] | None"


class Severity(enum.Enum):
    """How much an entry of the reflectie matters."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@attrs.frozen
class Evidence:
    """One fact behind an entry: a key (``value``, ``target``, ``chain`` …) and its value."""

    key: str
    value: EvidenceValue


@attrs.frozen
class Finding:
    """What a rule reports about one item; the engine turns it into an :class:`Entry`.

    ``severity`` None means the rule's severity; ``note`` None means the explanation
    recorded with the item's status for the year.
    """

    item: str
    evidence: tuple[Evidence, ...] = ()
    severity: Severity | None = None
    note: str | None = None
    area: str | None = None  #: the area (wijk) the finding is about, when it is about one

    def get(self, key: str, default: EvidenceValue = None) -> EvidenceValue:
        """The evidence value under ``key``."""
        return next((e.value for e in self.evidence if e.key == key), default)


@attrs.frozen
class Entry:
    """One point of the reflectie: an item, the rule that flagged it, the evidence and the explanation."""

    item: str
    kind: str  #: theme, goal, action or indicator
    name: str
    theme: str | None
    rule: str
    severity: Severity
    evidence: tuple[Evidence, ...]
    note: str | None
    sentence: tuple[str, str] = attrs.field(repr=False)  #: the plain sentence in Dutch and in English
    area: str | None = None  #: the area (wijk) the entry is about, when it is about one

    def text(self, lang: str = "nl") -> str:
        """The entry as one plain sentence in ``lang``."""
        return self.sentence[1] if check_lang(lang) == "en" else self.sentence[0]

    def get(self, key: str, default: EvidenceValue = None) -> EvidenceValue:
        """The evidence value under ``key``."""
        return next((e.value for e in self.evidence if e.key == key), default)

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict (Decimal as number, chains as lists)."""
        return {
            "item": self.item,
            "kind": self.kind,
            "name": self.name,
            "theme": self.theme,
            "rule": self.rule,
            "area": self.area,
            "severity": self.severity.value,
            "evidence": {e.key: _json_value(e.value) for e in self.evidence},
            "note": self.note,
            "text": self.text(lang),
        }


@attrs.frozen
class Reflectie:
    """The reflectie of one year: what lagged by evidence, what was not reported, and the problems to act on.

    ``entries`` hold only items that lagged by evidence (a status, a date, a figure, a
    dependency).  Items about which nothing was reported although the plan expected it
    are in ``not_reported``: missing information, never by itself a lagging item; it is
    the same list :func:`agenda.query.readiness.check_ready` asks to fill in.
    """

    year: int
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    themes: tuple[tuple[str, str], ...]  #: (id, name) of every theme, in plan order
    rules: tuple[str, ...]  #: ids of the rules that ran
    not_reported: tuple[Missing, ...] = ()

    def items(self) -> tuple[str, ...]:
        """The ids of the flagged items, each once, in report order."""
        return tuple(dict.fromkeys(e.item for e in self.entries))

    def for_item(self, item_id: str) -> tuple[Entry, ...]:
        """The entries about ``item_id``."""
        return tuple(e for e in self.entries if e.item == item_id)

    def by_theme(self) -> list[tuple[str | None, tuple[Entry, ...]]]:
        """The entries grouped per theme id (None: items outside any theme), in report order."""
        groups: dict[str | None, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.theme, []).append(entry)
        return [(theme, tuple(group)) for theme, group in groups.items()]

    def to_json(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready dict: year, rules, themes, entries, not_reported and problems."""
        return {
            "year": self.year,
            "rules": list(self.rules),
            "themes": [{"id": i, "name": n} for i, n in self.themes],
            "entries": [e.to_json(lang) for e in self.entries],
            "not_reported": [m.to_json(lang) for m in self.not_reported],
            "problems": [p.to_json(lang) for p in self.problems],
        }


# --------------------------------------------------------------------------- the context rules see


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


# --------------------------------------------------------------------------- the rule base class


class Rule:
    """A reflectie rule: subclass it, set :attr:`id`, :attr:`severity` and :attr:`defaults`,
    implement :meth:`check` and :meth:`describe`, and :func:`register_rule` an instance.

    The first paragraph of the subclass's docstring is its documentation (:attr:`doc`).
    """

    id: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.MEDIUM
    #: setting -> default; the plan overrides them under ``rules: {<id>: {...}}``
    defaults: ClassVar[Mapping[str, object]] = {}
    #: when True every finding is also a warning in :attr:`Reflectie.problems`
    warns: ClassVar[bool] = False

    @property
    def doc(self) -> str:
        """What the rule flags: the first paragraph of its docstring."""
        return " ".join((type(self).__doc__ or "").strip().split("\n\n")[0].split())

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterable[Finding]:
        """The findings of this rule in ``ctx.year``; linear in the plan, please."""
        raise NotImplementedError

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        """One plain sentence about ``finding`` in ``lang``."""
        raise NotImplementedError

    def hint(self, ctx: Context, finding: Finding, lang: str) -> str | None:
        """What the programme manager should do, for rules that :attr:`warns`."""
        return None


# --------------------------------------------------------------------------- registry


_REGISTRY: dict[str, Rule] = {}


def register_rule(rule: Rule, *, replace: bool = False) -> Rule:
    """Add ``rule`` to the rules every :func:`reflectie` runs; returns it.

    A second rule with the same id is refused with ValueError unless ``replace``.
    """
    if not rule.id:
        raise ValueError("a reflectie rule needs an id")
    if rule.id in _REGISTRY and not replace:
        raise ValueError(f"a reflectie rule {rule.id!r} is already registered")
    _REGISTRY[rule.id] = rule
    return rule


def unregister_rule(rule_id: str) -> None:
    """Remove the rule ``rule_id`` from the registry (KeyError when absent)."""
    del _REGISTRY[rule_id]


def rules() -> tuple[Rule, ...]:
    """The registered rules, in the order they run."""
    return tuple(_REGISTRY.values())


def get_rule(rule_id: str) -> Rule:
    """The registered rule ``rule_id`` (KeyError when absent)."""
    return _REGISTRY[rule_id]


# --------------------------------------------------------------------------- the engine

#: Rules of earlier versions whose work is done elsewhere now; a plan may still switch them off.
#: ``stale`` (nothing recorded for an item) became :attr:`Reflectie.not_reported`.
RETIRED = frozenset({"stale"})


def reflectie(agenda: Agenda, year: int, *, rules: Iterable[Rule] | None = None) -> Reflectie:
    """The reflectie of ``agenda`` for reporting year ``year``.

    ``rules`` defaults to the registered rules; a plan's ``rules`` settings switch them
    off or tune them.  Unknown rule ids and unusable settings become warnings in
    :attr:`Reflectie.problems`, beside the warnings of rules that warn (``unexplained``).
    """
    chosen = tuple(rules) if rules is not None else tuple(_REGISTRY.values())
    problems: list[Problem] = []
    settings = _settings(agenda.config, {r.id: r for r in (*_REGISTRY.values(), *chosen)}, problems)
    ctx = Context(agenda, year, settings)
    entries: list[Entry] = []
    ran: list[str] = []
    for rule in chosen:
        own = settings[rule.id]
        if own.get("enabled") is False or rule.id in ran:
            continue
        ran.append(rule.id)
        severity = Severity(own["severity"]) if "severity" in own else rule.severity
        for finding in rule.check(ctx, own):
            entry = _entry(ctx, rule, finding, finding.severity or severity)
            entries.append(entry)
            if rule.warns:
                problems.append(_warning(ctx, rule, finding, entry))
    themes = {t.id: n for n, t in reversed(list(enumerate(agenda.themes)))}
    order: dict[str, int] = {}
    for n, item in enumerate(agenda.items()):
        order.setdefault(item.id, n)
    position = {rule_id: n for n, rule_id in enumerate(ran)}
    areas = {a.id: n for n, a in enumerate(agenda.areas)}
    entries.sort(
        key=lambda e: (
            themes.get(e.theme or "", len(themes)),
            order.get(e.item, len(order)),
            e.item,
            position[e.rule],
            areas.get(e.area or "", -1),
            tuple((x.key, str(x.value)) for x in e.evidence),
        )
    )
    problems.sort(key=_problem_key)
    not_reported = tuple(m for m in missing_reports(agenda, year) if m.kind in ("status", "value"))
    return Reflectie(year, tuple(entries), tuple(problems), tuple((t.id, t.name) for t in agenda.themes), tuple(ran),
                     not_reported)


def _entry(ctx: Context, rule: Rule, finding: Finding, severity: Severity) -> Entry:
    record = ctx.record(finding.item)
    note = finding.note if finding.note is not None else (record.note if record else None)
    item = ctx.agenda.get(finding.item)
    theme = ctx.theme_of(finding.item)
    sentence = (_capital(rule.describe(ctx, finding, "nl")), _capital(rule.describe(ctx, finding, "en")))
    return Entry(
        item=finding.item,
        kind=ctx.kind(finding.item),
        name=item.name if item is not None else finding.item,
        theme=theme.id if theme is not None else None,
        rule=rule.id,
        severity=severity,
        evidence=finding.evidence,
        note=note,
        sentence=sentence,
        area=finding.area,
    )


def _warning(ctx: Context, rule: Rule, finding: Finding, entry: Entry) -> Problem:
    record = ctx.record(finding.item)
    item = ctx.agenda.get(finding.item)
    location = record.location if record and record.location else getattr(item, "location", None)
    hint = {lang: h for lang in ("nl", "en") if (h := rule.hint(ctx, finding, lang))}
    return Problem(
        rule.id, ProblemSeverity.WARNING, location, finding.item, {"nl": entry.text("nl"), "en": entry.text("en")}, hint
    )


def _problem_key(problem: Problem) -> tuple[str, int, int, str, str]:
    loc = problem.location
    if loc is None:
        return ("", 0, 0, problem.item or "", problem.code)
    return (loc.file, loc.line, loc.column, problem.item or "", problem.code)


def _settings(config: Config, known: Mapping[str, Rule], problems: list[Problem]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for rule_id, rule in known.items():
        merged: dict[str, object] = {"enabled": True, **rule.defaults}
        for key, value in (config.rules.get(rule_id) or {}).items():
            default = rule.severity.value if key == "severity" else merged.get(key)
            checked = _coerce(key, value, default)
            if checked is None:
                problems.append(_setting_problem(rule_id, key, value, default))
            else:
                merged[key] = checked
        out[rule_id] = merged
    for rule_id in sorted(config.rules):
        if rule_id not in known and rule_id not in RETIRED:
            text = {lang: _("unknown-rule", lang, rule=rule_id) for lang in ("nl", "en")}
            hint = {lang: _("unknown-rule-hint", lang, known=", ".join(sorted(known))) for lang in ("nl", "en")}
            problems.append(Problem("unknown-rule", ProblemSeverity.WARNING, None, None, text, hint))
    return out


def _coerce(key: str, value: object, default: object) -> object | None:
    # The setting converted to the type of its default, or None when it cannot be used.
    if key == "severity":
        return value if value in {s.value for s in Severity} else None
    if default is None or isinstance(value, bool) != isinstance(default, bool):
        return None
    if isinstance(default, bool):
        return value
    if isinstance(default, int | Decimal):
        if not isinstance(value, int | float | Decimal) or value < 0:
            return None
        return int(value) if isinstance(default, int) and value == int(value) else Decimal(str(value))
    return value if isinstance(value, type(default)) else None


def _setting_problem(rule_id: str, key: str, value: object, default: object) -> Problem:
    text = {lang: _("bad-setting", lang, rule=rule_id, key=key, value=value, default=default) for lang in ("nl", "en")}
    return Problem("bad-rule-setting", ProblemSeverity.WARNING, None, None, text)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _json_value(value: EvidenceValue) -> object:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, tuple):
        return list(value)
    return value
