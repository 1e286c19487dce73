"""The built-in reflectie rules, one :class:`~agenda.query.reflectie.Rule` subclass each.

Private; :mod:`agenda.query.reflectie` registers :data:`BUILT_IN` on import, in this order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import ClassVar

from agenda.model import Action, Indicator, Number
from agenda.query.reflectie._engine import Context, Evidence, EvidenceValue, Finding, Rule, Severity, _year_of
from agenda.query.reflectie._messages import _

__all__ = [
    "BUILT_IN",
    "AtRiskDependency",
    "CapacityReached",
    "Overdue",
    "Stale",
    "StatusLagging",
    "TargetMissed",
    "Unexplained",
    "WrongDirection",
]


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
        graph = ctx.graph
        cause: dict[str, str] = {}
        parent: dict[str, str] = {}
        depth: dict[str, int] = {}
        queue: deque[str] = deque()
        for source in sorted(lagging):  # breadth-first from every lagging item at once
            for needer in graph.needed_by(source):
                if needer not in cause:
                    cause[needer], parent[needer], depth[needer] = source, source, 1
                    queue.append(needer)
        limit = max(2, int(_decimal(settings.get("max_chain", 8))))
        while queue:
            node = queue.popleft()
            if ctx.done(node):
                continue  # a done item no longer waits on anything
            for needer in graph.needed_by(node):
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


#: The built-in rules, in the order they run.
BUILT_IN: tuple[Rule, ...] = (
    StatusLagging(),
    Overdue(),
    TargetMissed(),
    WrongDirection(),
    CapacityReached(),
    Stale(),
    AtRiskDependency(),
    Unexplained(),
)
