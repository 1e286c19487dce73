"""The reflectie: what lagged in a reporting year, why, and what it puts at risk.

:func:`reflectie` runs every enabled :class:`Rule` over a plan for one year and returns a
:class:`Reflectie`: one :class:`Entry` per item *per rule* that flagged it (an item flagged
by two rules appears twice, each with its own reason and evidence), sorted by theme order,
then item order in the file, then rule order.  :func:`impact` answers what a delay of one
item puts at risk.  Both are linear in the size of the plan.

Rules are an extension point: :func:`register_rule` adds one; a plan switches a rule off
with ``rules: {overdue: {enabled: false}}`` or tunes it (``{tolerance: 0.2}``,
``{severity: low}``) in its YAML.  See ``docs/reflectie.md``.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import ClassVar, TypeAlias

import attrs

from agenda._i18n import Catalog, check_lang
from agenda.errors import Problem
from agenda.errors import Severity as ProblemSeverity
from agenda.graph import dependents_index
from agenda.model import Action, Agenda, Config, Goal, Indicator, Number, Status, StatusRecord, Theme
from agenda.rollup import Rollup, rollup

__all__ = [
    "Affected",
    "Context",
    "Entry",
    "Evidence",
    "EvidenceValue",
    "Finding",
    "Impact",
    "Reflectie",
    "Rule",
    "Severity",
    "get_rule",
    "impact",
    "reflectie",
    "register_rule",
    "rules",
    "unregister_rule",
]

#: What evidence holds: numbers, years, status ids, texts, flags, or a chain of ids.
EvidenceValue: TypeAlias = "int | Decimal | str | bool | tuple[str, ...] | None"

_ = Catalog(
    "reflectie",
    {
        "status-lagging": {
            "nl": "{subject} stond in {year} op ‘{status}’.",
            "en": "{subject} was ‘{status}’ in {year}.",
        },
        "status-lagging-progress": {
            "nl": "{subject} stond in {year} op ‘{status}’ ({progress}% gereed).",
            "en": "{subject} was ‘{status}’ in {year} ({progress}% done).",
        },
        "not-started": {
            "nl": "{subject} was eind {year} nog niet gestart; de start was gepland in {start}.",
            "en": "{subject} had not started by the end of {year}; it was planned to start in {start}.",
        },
        "overdue": {
            "nl": "{subject} moest in {end} klaar zijn, maar was eind {year} niet afgerond ({status}).",
            "en": "{subject} was due in {end} but was not completed by the end of {year} ({status}).",
        },
        "nothing-recorded": {"nl": "niets vastgelegd", "en": "nothing recorded"},
        "target-missed": {
            "nl": "{subject} kwam in {year} uit op {value}; het doel was {target}.",
            "en": "{subject} came to {value} in {year}; the target was {target}.",
        },
        "target-missed-revised": {
            "nl": "{subject} kwam in {year} uit op {value}; het bijgestelde doel was {target} (eerst {original}).",
            "en": "{subject} came to {value} in {year}; the revised target was {target} (first {original}).",
        },
        "wrong-direction": {
            "nl": "{subject} ging van {previous} in {previous_year} naar {value} in {year}{change}: de verkeerde "
            "kant op, meer dan de speling van {tolerance}.",
            "en": "{subject} went from {previous} in {previous_year} to {value} in {year}{change}: the wrong way, "
            "by more than the tolerance of {tolerance}.",
        },
        "capacity-reached": {
            "nl": "{subject} bereikte in {year} {value}: de grens van de capaciteit ({capacity}).",
            "en": "{subject} reached {value} in {year}: the limit of its capacity ({capacity}).",
        },
        "stale": {
            "nl": "Voor {subject} is over {year} niets vastgelegd (laatst: ‘{status}’ in {last_year}).",
            "en": "Nothing was recorded for {subject} in {year} (last: ‘{status}’ in {last_year}).",
        },
        "stale-never": {
            "nl": "Voor {subject} is over {year} niets vastgelegd, en nog nooit een status.",
            "en": "Nothing was recorded for {subject} in {year}, nor any status before.",
        },
        "at-risk-dependency": {
            "nl": "{subject} loopt risico via een afhankelijkheid: {cause} bleef in {year} achter ({status}); "
            "keten: {chain}.",
            "en": "{subject} is at risk through a dependency: {cause} lagged in {year} ({status}); chain: {chain}.",
        },
        "unexplained": {
            "nl": "{subject} bleef in {year} achter zonder vastgelegde toelichting.",
            "en": "{subject} lagged in {year} without a recorded explanation.",
        },
        "unexplained-hint": {
            "nl": "Schrijf bij de status van {year} een toelichting (note) voordat de rapportage uitgaat.",
            "en": "Add a note to the status of {year} before the report goes out.",
        },
        "unknown-rule": {
            "nl": "De reflectieregel ‘{rule}’ bestaat niet; de instelling wordt genegeerd.",
            "en": "There is no reflectie rule ‘{rule}’; its settings are ignored.",
        },
        "unknown-rule-hint": {"nl": "Bekende regels: {known}.", "en": "Known rules: {known}."},
        "bad-setting": {
            "nl": "De instelling ‘{key}’ van reflectieregel ‘{rule}’ is niet bruikbaar: {value!r}; de "
            "standaardwaarde {default!r} wordt gebruikt.",
            "en": "Setting ‘{key}’ of reflectie rule ‘{rule}’ cannot be used: {value!r}; the default {default!r} "
            "is used.",
        },
        "past-end": {"nl": "over de geplande einddatum", "en": "past its planned end"},
    },
)


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
            "severity": self.severity.value,
            "evidence": {e.key: _json_value(e.value) for e in self.evidence},
            "note": self.note,
            "text": self.text(lang),
        }


@attrs.frozen
class Reflectie:
    """The reflectie of one year: entries in report order and the problems to act on."""

    year: int
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    themes: tuple[tuple[str, str], ...]  #: (id, name) of every theme, in plan order
    rules: tuple[str, ...]  #: ids of the rules that ran

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
        """A JSON-ready dict: year, rules, entries and problems."""
        return {
            "year": self.year,
            "rules": list(self.rules),
            "themes": [{"id": i, "name": n} for i, n in self.themes],
            "entries": [e.to_json(lang) for e in self.entries],
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
        self._tracked: list[Theme | Goal | Action] = []
        self._lagging: dict[str, str] | None = None
        self._rollup: Rollup | None = None
        plans = {p.id: (p.period_start, p.period_end) for p in agenda.plans}
        self._covered: set[str] = set()
        for theme in agenda.themes:
            period = plans.get(theme.plan, (None, None)) if theme.plan else (agenda.period_start, agenda.period_end)
            covers = period[0] is not None and period[0] <= year and (period[1] is None or year <= period[1])
            members: list[Theme | Goal | Action] = [theme, *theme.goals, *theme.all_actions()]
            for item in members:
                if item.id in self._kind:
                    continue  # a duplicate id: the loader refuses it
                self._kind[item.id] = type(item).__name__.lower()
                self._theme[item.id] = theme
                self._tracked.append(item)
                if covers:
                    self._covered.add(item.id)
                for record in item.status:
                    if record.year == year:
                        self._record[item.id] = record
                    if record.year <= year and (
                        item.id not in self._latest or record.year > self._latest[item.id].year
                    ):
                        self._latest[item.id] = record

    # facts about statuses -----------------------------------------------------------------------

    def settings(self, rule_id: str) -> Mapping[str, object]:
        """The effective settings of ``rule_id``: its defaults, overridden by the plan's ``rules``."""
        return self._settings.get(rule_id, {})

    def status(self, status_id: str | None) -> Status | None:
        """The vocabulary entry for ``status_id``."""
        return self._statuses.get(status_id) if status_id else None

    def tracked(self) -> list[Theme | Goal | Action]:
        """Every theme, goal and action (the items that carry a status), in file order."""
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

    def not_started_late(self, item: Theme | Goal | Action) -> int | None:
        """The planned start year when the item is recorded as not started after it."""
        record, start = self.record(item.id), _year_of(item.start) if isinstance(item, Action) else None
        status = self.status(record.status) if record else None
        if status is None or status.started or start is None:
            return None
        late = start < self.year or (start == self.year and bool(self.settings("status-lagging").get("year_end")))
        return start if late else None

    def overdue(self, item: Theme | Goal | Action) -> int | None:
        """The planned end year when it has passed and the item is not done."""
        end = _year_of(item.end) if isinstance(item, Action) else None
        if end is None or self.done(item.id) or not self.in_plan(item.id):
            return None
        passed = end < self.year or (end == self.year and bool(self.settings("overdue").get("year_end", True)))
        return end if passed else None

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
        if isinstance(value, Decimal):
            text = format(value, "f")  # never an exponent
            return text.replace(".", ",") if lang == "nl" else text
        return str(value)


# --------------------------------------------------------------------------- rules


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


class StatusLagging(Rule):
    """The status recorded for the year is a lagging word (vertraagd, risico, gestopt …), or a *not
    started* word after the action's planned start year (``year_end``: a start in the year itself counts).
    """

    id = "status-lagging"
    severity = Severity.HIGH
    defaults: ClassVar[Mapping[str, object]] = {"year_end": True}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for item in ctx.tracked():
            record = ctx.record(item.id)
            status = ctx.status(record.status) if record else None
            if record is None or status is None:
                continue
            if status.lagging:
                progress = () if record.progress is None else (Evidence("progress", record.progress),)
                yield Finding(item.id, (Evidence("status", status.id), *progress))
            elif (start := ctx.not_started_late(item)) is not None:
                yield Finding(item.id, (Evidence("status", status.id), Evidence("start", start)))

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        fields = {"subject": ctx.subject(finding.item, lang), "year": ctx.year}
        status = ctx.label(str(finding.get("status")), lang)
        if finding.get("start") is not None:
            return _("not-started", lang, start=finding.get("start"), **fields)
        if finding.get("progress") is not None:
            return _("status-lagging-progress", lang, status=status, progress=finding.get("progress"), **fields)
        return _("status-lagging", lang, status=status, **fields)


class Overdue(Rule):
    """The action's planned end year has passed and it is not done (``year_end``: an end in the
    reporting year itself counts, since the report looks back from the year's end).
    """

    id = "overdue"
    severity = Severity.HIGH
    defaults: ClassVar[Mapping[str, object]] = {"year_end": True}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for item in ctx.tracked():
            if isinstance(item, Action) and ctx.overdue(item) is not None:
                latest = ctx.latest(item.id)
                yield Finding(
                    item.id,
                    (
                        Evidence("end", item.end),
                        Evidence("status", latest.status if latest else None),
                        Evidence("status_year", latest.year if latest else None),
                    ),
                )

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        status = ctx.label(_str(finding.get("status")), lang)
        if finding.get("status_year") not in (None, ctx.year):
            status = f"{status}, {finding.get('status_year')}"
        subject = ctx.subject(finding.item, lang)
        return _("overdue", lang, subject=subject, end=finding.get("end"), year=ctx.year, status=status)


class TargetMissed(Rule):
    """An indicator's value for the year misses that year's target by its comparator (the revised
    target when there is one).
    """

    id = "target-missed"
    severity = Severity.MEDIUM

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            value, target = indicator.value(ctx.year), indicator.target(ctx.year)
            if value is None or value.value is None or target is None or target.current.met_by(value.value):
                continue
            evidence = [Evidence("value", value.value), Evidence("target", target.current.text)]
            evidence.append(Evidence("comparator", target.current.comparator.value))
            if target.revised is not None:
                evidence.append(Evidence("original_target", target.target.text))
            if value.approximate:
                evidence.append(Evidence("approximate", True))
            yield Finding(indicator.id, tuple(evidence), note=value.note or target.note)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        fields = {"subject": ctx.subject(finding.item, lang), "year": ctx.year, "target": finding.get("target")}
        value = ctx.number(finding.get("value"), lang)
        if finding.get("original_target") is not None:
            return _("target-missed-revised", lang, value=value, original=finding.get("original_target"), **fields)
        return _("target-missed", lang, value=value, **fields)


class WrongDirection(Rule):
    """An indicator moved against its desired direction (``better``) since the previous year with a
    published value, by more than a tolerance: the indicator's own ``tolerance``, else the rule's
    (default 0.1, i.e. 10% of the previous value).
    """

    id = "wrong-direction"
    severity = Severity.MEDIUM
    defaults: ClassVar[Mapping[str, object]] = {"tolerance": Decimal("0.1")}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            current = indicator.value(ctx.year)
            if indicator.direction.value == "none" or current is None or current.value is None:
                continue
            previous = _previous(indicator, ctx.year)
            if previous is None:
                continue
            before, now = Decimal(previous[1]), Decimal(current.value)
            delta = now - before if indicator.direction.value == "lower" else before - now
            tolerance = indicator.tolerance if indicator.tolerance is not None else _decimal(settings["tolerance"])
            change = ((now - before) / abs(before)).quantize(Decimal("0.0001")) if before else None
            if delta <= 0 or (change is not None and abs(change) <= tolerance):
                continue
            yield Finding(
                indicator.id,
                (
                    Evidence("previous_year", previous[0]),
                    Evidence("previous", previous[1]),
                    Evidence("value", current.value),
                    Evidence("change", change),
                    Evidence("tolerance", tolerance),
                    Evidence("direction", indicator.direction.value),
                ),
                note=current.note,
            )

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        change = finding.get("change")
        percent = f" ({_signed_percent(change, lang)})" if isinstance(change, Decimal) else ""
        return _(
            "wrong-direction",
            lang,
            subject=ctx.subject(finding.item, lang),
            previous=ctx.number(finding.get("previous"), lang),
            previous_year=finding.get("previous_year"),
            value=ctx.number(finding.get("value"), lang),
            year=ctx.year,
            change=percent,
            tolerance=_percent(_decimal(finding.get("tolerance")), lang),
        )


class CapacityReached(Rule):
    """An indicator's value for the year reached (or passed) its stated ``capacity``."""

    id = "capacity-reached"
    severity = Severity.MEDIUM

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            value = indicator.value(ctx.year)
            if indicator.capacity is None or value is None or value.value is None:
                continue
            if value.value >= indicator.capacity:
                evidence = (Evidence("value", value.value), Evidence("capacity", indicator.capacity))
                yield Finding(indicator.id, evidence, note=value.note)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        value, capacity = (ctx.number(finding.get(k), lang) for k in ("value", "capacity"))
        return _(
            "capacity-reached",
            lang,
            subject=ctx.subject(finding.item, lang),
            year=ctx.year,
            value=value,
            capacity=capacity,
        )


class Stale(Rule):
    """Nothing was recorded for the year about an item that is part of that year's plan and not done:
    a goal or theme with a status in an earlier year; an action with one, or whose plan's period
    covers the year (unless its planned start is later).
    """

    id = "stale"
    severity = Severity.LOW

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for item in ctx.tracked():
            if ctx.record(item.id) is not None or ctx.done(item.id):
                continue
            latest = ctx.latest(item.id)
            if isinstance(item, Action):
                start = _year_of(item.start)
                expected = ctx.in_plan(item.id) and (start is None or start <= ctx.year)
            else:
                expected = latest is not None
            if expected:
                evidence = (
                    Evidence("last_year", latest.year if latest else None),
                    Evidence("last_status", latest.status if latest else None),
                )
                yield Finding(item.id, evidence)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        fields = {"subject": ctx.subject(finding.item, lang), "year": ctx.year}
        if finding.get("last_year") is None:
            return _("stale-never", lang, **fields)
        status = ctx.label(_str(finding.get("last_status")), lang)
        return _("stale", lang, status=status, last_year=finding.get("last_year"), **fields)


class AtRiskDependency(Rule):
    """An item (not done) that needs, directly or through what it needs, an item that lags this year:
    a lagging status, not started late, overdue, or a goal or theme whose roll-up lags.  The evidence
    names the nearest lagging item (``cause``) and the chain of ``needs`` to it (at most ``max_chain``
    ids; ``distance`` is the full number of steps).  Done items stop the chain.
    """

    id = "at-risk-dependency"
    severity = Severity.MEDIUM
    defaults: ClassVar[Mapping[str, object]] = {"max_chain": 8}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        lagging = ctx.lagging
        dependents = dependents_index(ctx.agenda)
        cause: dict[str, str] = {}
        parent: dict[str, str] = {}
        depth: dict[str, int] = {}
        queue: deque[str] = deque()
        for source in sorted(lagging):  # breadth-first from every lagging item at once
            for needer in dependents.get(source, ()):
                if needer not in cause:
                    cause[needer], parent[needer], depth[needer] = source, source, 1
                    queue.append(needer)
        limit = max(2, int(_decimal(settings.get("max_chain", 8))))
        while queue:
            node = queue.popleft()
            if ctx.done(node):
                continue  # a done item no longer waits on anything
            for needer in dependents.get(node, ()):
                if needer not in cause:
                    cause[needer], parent[needer], depth[needer] = cause[node], node, depth[node] + 1
                    queue.append(needer)
            chain = [node]
            while chain[-1] != cause[node] and len(chain) < limit - 1:
                chain.append(parent[chain[-1]])
            if chain[-1] != cause[node]:
                chain.append(cause[node])
            record = ctx.record(cause[node])
            status = record.status if record else _rolled(ctx, cause[node])
            yield Finding(
                node,
                (
                    Evidence("cause", cause[node]),
                    Evidence("cause_status", status),
                    Evidence("cause_reason", lagging[cause[node]]),
                    Evidence("chain", tuple(chain)),
                    Evidence("distance", depth[node]),
                ),
            )

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        chain = tuple(_str(i) for i in finding.get("chain") or ())  # type: ignore[union-attr]
        text = " → ".join(chain[:-1])
        text += " → … → " if finding.get("distance") != len(chain) - 1 else " → "
        status = ctx.label(_str(finding.get("cause_status")), lang)
        if finding.get("cause_reason") == "overdue":
            status = f"{status}; {_('past-end', lang)}"
        return _(
            "at-risk-dependency",
            lang,
            subject=ctx.subject(finding.item, lang),
            cause=ctx.subject(_str(finding.get("cause")), lang),
            year=ctx.year,
            status=status,
            chain=text + chain[-1],
        )


class Unexplained(Rule):
    """An item lags this year (lagging status, not started late, or overdue) and its status for the
    year has no note: a warning the programme manager must act on before the report goes out.
    """

    id = "unexplained"
    severity = Severity.MEDIUM
    warns = True

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        lagging = ctx.lagging
        for item in ctx.tracked():
            reason = lagging.get(item.id)
            record = ctx.record(item.id)
            if reason in (None, "derived") or (record is not None and (record.note or "").strip()):
                continue
            evidence = (Evidence("reason", reason), Evidence("status", record.status if record else None))
            yield Finding(item.id, evidence)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        return _("unexplained", lang, subject=ctx.subject(finding.item, lang), year=ctx.year)

    def hint(self, ctx: Context, finding: Finding, lang: str) -> str | None:
        return _("unexplained-hint", lang, year=ctx.year)


def _previous(indicator: Indicator, year: int) -> tuple[int, Number] | None:
    best: tuple[int, Number] | None = None
    for value in indicator.values:
        if (
            value.area is None
            and value.value is not None
            and value.year < year
            and (best is None or value.year > best[0])
        ):
            best = (value.year, value.value)
    return best


def _rolled(ctx: Context, item_id: str) -> str | None:
    rolled = ctx.rollup.get(item_id)
    if rolled is not None and rolled.derived is not None:
        return rolled.derived
    latest = ctx.latest(item_id)
    return latest.status if latest else None


def _str(value: EvidenceValue) -> str:
    return "" if value is None else str(value)


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _percent(fraction: Decimal, lang: str) -> str:
    return Context.number((fraction * 100).quantize(Decimal("0.1")).normalize(), lang) + "%"


def _signed_percent(fraction: Decimal, lang: str) -> str:
    return ("+" if fraction > 0 else "") + _percent(fraction, lang)


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


for _rule in (
    StatusLagging(),
    Overdue(),
    TargetMissed(),
    WrongDirection(),
    CapacityReached(),
    Stale(),
    AtRiskDependency(),
    Unexplained(),
):
    register_rule(_rule)


# --------------------------------------------------------------------------- the engine


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
    entries.sort(
        key=lambda e: (
            themes.get(e.theme or "", len(themes)),
            order.get(e.item, len(order)),
            e.item,
            position[e.rule],
            tuple((x.key, str(x.value)) for x in e.evidence),
        )
    )
    problems.sort(key=_problem_key)
    return Reflectie(year, tuple(entries), tuple(problems), tuple((t.id, t.name) for t in agenda.themes), tuple(ran))


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
        if rule_id not in known:
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
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


# --------------------------------------------------------------------------- impact


@attrs.frozen
class Affected:
    """An item put at risk by a delay: how (``via``) and the path to the delayed item.

    ``via`` is ``needs`` (it needs the delayed item, perhaps through others), ``contains``
    (a goal or theme containing the delayed item or one of its dependents) or ``contributes``
    (a goal one of them serves).  ``path`` runs from this item to the delayed one; each step
    is a ``needs``, a containment or a contribution.  ``status`` is its status id in the year.
    """

    item: str
    kind: str
    name: str
    theme: str | None
    via: str
    path: tuple[str, ...]
    status: str | None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {**attrs.asdict(self, recurse=False), "path": list(self.path)}


@attrs.frozen
class Impact:
    """What a delay of ``item`` in ``year`` puts at risk: its dependents, then the goals and themes around them."""

    item: str
    kind: str
    name: str
    year: int
    status: str | None
    dependents: tuple[Affected, ...]  #: every item that needs it, nearest first, then in id order
    containers: tuple[Affected, ...]  #: goals and themes containing it or its dependents, or served by them

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "item": self.item,
            "kind": self.kind,
            "name": self.name,
            "year": self.year,
            "status": self.status,
            "dependents": [a.to_json() for a in self.dependents],
            "containers": [a.to_json() for a in self.containers],
        }


def impact(agenda: Agenda, item_id: str, year: int) -> Impact:
    """What a delay of ``item_id`` puts at risk in ``year``: every item that needs it, directly or
    transitively, and the goals and themes containing (or served by) those.

    One breadth-first traversal of the dependencies, linear in the plan plus the paths reported.
    Raises KeyError when the plan has no item ``item_id``.
    """
    if agenda.get(item_id) is None:
        raise KeyError(item_id)
    ctx = Context(agenda, year, {})
    dependents = dependents_index(agenda)
    parent: dict[str, str] = {item_id: item_id}
    reached: list[str] = []
    queue = deque([item_id])
    while queue:
        node = queue.popleft()
        for needer in dependents.get(node, ()):
            if needer not in parent:
                parent[needer] = node
                reached.append(needer)
                queue.append(needer)

    def path(node: str) -> tuple[str, ...]:
        steps = [node]
        while steps[-1] != item_id:
            steps.append(parent[steps[-1]])
        return tuple(steps)

    def affected(node: str, via: str, steps: tuple[str, ...]) -> Affected:
        record = ctx.record(node)
        theme = ctx.theme_of(node)
        item = agenda.get(node)
        name = item.name if item is not None else node
        status = record.status if record else None
        return Affected(node, ctx.kind(node), name, theme.id if theme else None, via, steps, status)

    goal_of = {action.id: goal.id for goal in agenda.goals() for action in goal.actions}
    containers: dict[str, Affected] = {}
    for node in (item_id, *reached):
        steps = path(node)
        item = agenda.get(node)
        around: list[tuple[str, str]] = []
        if node in goal_of:
            around.append((goal_of[node], "contains"))
        if isinstance(item, Action):
            around += [(goal, "contributes") for goal in item.contributes_to if isinstance(agenda.get(goal), Goal)]
        theme = ctx.theme_of(node) if not isinstance(item, Theme) else None
        if theme is not None:
            around.append((theme.id, "contains"))
        for container, via in around:
            if container not in parent and container not in containers:
                containers[container] = affected(container, via, (container, *steps))
    record = ctx.record(item_id)
    return Impact(
        item=item_id,
        kind=ctx.kind(item_id),
        name=getattr(agenda.get(item_id), "name", item_id),
        year=year,
        status=record.status if record else None,
        dependents=tuple(affected(n, "needs", path(n)) for n in reached),
        containers=tuple(containers.values()),
    )
