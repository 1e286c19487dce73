"""The reflectie engine: the rule base class, the rule registry and :func:`reflectie`.

Private; import the public names from :mod:`agenda.query.reflectie`.  The results are in
:mod:`agenda.query.reflectie._results`, the context rules see in
:mod:`agenda.query.reflectie._context`, the built-in rules in
:mod:`agenda.query.reflectie._rules` (registered when :mod:`agenda.query.reflectie` is imported).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import ClassVar

import attrs

from agenda._gc import paused
from agenda.errors import Problem, make_problem
from agenda.errors import Severity as ProblemSeverity
from agenda.model import Agenda, Config
from agenda.query.readiness import missing_reports
from agenda.query.reflectie._context import Context, _year_of
from agenda.query.reflectie._messages import _
from agenda.query.reflectie._results import (
    Entry,
    Evidence,
    EvidenceValue,
    Finding,
    Reflectie,
    Severity,
)

__all__ = [
    "Context",
    "Entry",
    "Evidence",
    "EvidenceValue",
    "Finding",
    "Reflectie",
    "Rule",
    "Severity",
    "_year_of",
    "get_rule",
    "reflectie",
    "register_rule",
    "rules",
    "unregister_rule",
]


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
    with paused():  # many small findings and entries without cycles: see agenda._gc
        return _reflectie(agenda, year, rules)


def _reflectie(agenda: Agenda, year: int, rules: Iterable[Rule] | None) -> Reflectie:
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
            problems.append(make_problem(_, "unknown-rule", None, None, "unknown-rule-hint",
                                         {"rule": rule_id, "known": ", ".join(sorted(known))},
                                         ProblemSeverity.WARNING))
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
    found = make_problem(_, "bad-setting", None, None, None,
                         {"rule": rule_id, "key": key, "value": value, "default": default}, ProblemSeverity.WARNING)
    return attrs.evolve(found, code="bad-rule-setting")


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]
