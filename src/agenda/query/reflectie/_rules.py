"""The built-in reflectie rules, one :class:`~agenda.query.reflectie.Rule` subclass each.

Private; :mod:`agenda.query.reflectie` registers :data:`BUILT_IN` on import, in this order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import ClassVar

from agenda.model import Action, Indicator
from agenda.numbers import number as number_text
from agenda.numbers import percent as percent_text
from agenda.query.indicators import Trend, against_baseline, against_reference, change, judgements, previous_year
from agenda.query.reflectie._engine import Context, Evidence, EvidenceValue, Finding, Rule, Severity
from agenda.query.reflectie._messages import _

__all__ = [
    "BUILT_IN",
    "AgainstReference",
    "AtRiskDependency",
    "BehindBaseline",
    "CapacityReached",
    "Overdue",
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
    """An indicator's figure misses the year's target (the revised target when there is one): the
    gemeente's target, and each area's own target or the target every area must meet.  A target written
    with a comparator means what it says; a bare number is read with the direction of that year (at most
    where lower is better, at least where higher is better).  A target may be judged on the figure of an
    earlier measurement (``measurement``).  Each area that misses its target is an entry of its own.
    """

    id = "target-missed"
    severity = Severity.MEDIUM

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            for judged in judgements(indicator, ctx.year):
                if judged.met:
                    continue
                target, value = judged.target, judged.value
                evidence = [Evidence("value", value.value), Evidence("target", target.current.text),
                            Evidence("comparator", judged.comparator.value)]
                if target.current.bare:
                    evidence.append(Evidence("bare", True))
                if target.revised is not None:
                    evidence.append(Evidence("original_target", target.target.text))
                if target.measurement is not None:
                    evidence.append(Evidence("measured", target.measurement))
                if value.approximate:
                    evidence.append(Evidence("approximate", True))
                yield Finding(indicator.id, tuple(evidence), note=value.note or target.note, area=judged.area)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        target = _target_text(finding, lang)
        fields = {"subject": ctx.subject(finding.item, lang), "year": ctx.year, "target": target}
        value = ctx.number(finding.get("value"), lang)
        if finding.get("measured") is not None:
            value += _("measured-in", lang, year=finding.get("measured"))
        if finding.area is not None:
            return _("target-missed-area", lang, value=value, area=ctx.area_name(finding.area), **fields)
        if finding.get("original_target") is not None:
            return _("target-missed-revised", lang, value=value, original=finding.get("original_target"), **fields)
        return _("target-missed", lang, value=value, **fields)


class WrongDirection(Rule):
    """An indicator moved against the direction desired in the year (``better``, or a later ``turns``)
    since the previous year with a published figure, by more than a tolerance: the indicator's own
    ``tolerance``, else the rule's (default 0.1, i.e. 10% of the previous figure).  Across a break in the
    series the earlier figure is first converted with the break's factor; across a new definition (a break
    without a factor) the figures are not compared.
    """

    id = "wrong-direction"
    severity = Severity.MEDIUM
    defaults: ClassVar[Mapping[str, object]] = {"tolerance": Decimal("0.1")}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            before_year = previous_year(indicator, ctx.year)
            moved = change(indicator, before_year, ctx.year) if before_year is not None else None
            if moved is None or moved.trend is not Trend.WORSE:
                continue
            tolerance = indicator.tolerance if indicator.tolerance is not None else _decimal(settings["tolerance"])
            relative = moved.relative
            if relative is not None and abs(relative) <= tolerance:
                continue
            current = indicator.value(ctx.year)
            evidence = [
                Evidence("previous_year", moved.before_year),
                Evidence("previous", moved.before),
                Evidence("value", moved.after),
                Evidence("change", None if relative is None else relative.quantize(Decimal("0.0001"))),
                Evidence("tolerance", tolerance),
                Evidence("direction", moved.direction.value),
            ]
            if moved.factor is not None and moved.factor != 1:
                evidence += [Evidence("factor", moved.factor), Evidence("converted", moved.converted),
                             Evidence("unit", indicator.unit_in(ctx.year))]
            yield Finding(indicator.id, tuple(evidence), note=current.note if current else None)

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        change_value = finding.get("change")
        percent = f" ({percent_text(change_value * 100, lang, signed=True)})" if isinstance(change_value, Decimal) else ""
        previous = ctx.number(finding.get("previous"), lang)
        value = ctx.number(finding.get("value"), lang)
        if finding.get("converted") is not None:  # each figure in its own unit, the earlier one also converted
            indicator = ctx.agenda.get(finding.item)
            unit, before_unit = _str(finding.get("unit")), ""
            if isinstance(indicator, Indicator):
                before_unit = indicator.unit_in(int(_decimal(finding.get("previous_year")))) or ""
            converted = number_text(_decimal(finding.get("converted")).normalize(), lang)
            previous = f"{previous} {before_unit}".strip() + _("converted", lang, unit=unit, converted=converted)
            value = f"{value} {unit}".strip()
        return _(
            "wrong-direction",
            lang,
            subject=ctx.subject(finding.item, lang),
            previous=previous,
            previous_year=finding.get("previous_year"),
            value=value,
            year=ctx.year,
            change=percent,
            tolerance=percent_text(_decimal(finding.get("tolerance")) * 100, lang),
        )


class BehindBaseline(Rule):
    """The latest figure up to the year is worse than the *nulmeting* in the desired direction (converted
    across breaks with a factor; not compared across a new definition).  A nulmeting without a year of its
    own counts as measured before the series.
    """

    id = "behind-baseline"
    severity = Severity.MEDIUM

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        for indicator in ctx.agenda.indicators:
            moved = against_baseline(indicator, ctx.year)
            if moved is None or moved.trend is not Trend.WORSE or moved.after_year != ctx.year:
                continue
            base = indicator.baseline
            assert base is not None
            evidence = [Evidence("baseline", moved.before), Evidence("baseline_year", base.year),
                        Evidence("value", moved.after)]
            yield Finding(indicator.id, tuple(evidence))

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        year = finding.get("baseline_year")
        when = _("baseline-when", lang, year=year) if year is not None else ""
        return _("behind-baseline", lang, subject=ctx.subject(finding.item, lang), year=ctx.year,
                 value=ctx.number(finding.get("value"), lang), baseline=ctx.number(finding.get("baseline"), lang),
                 when=when)


class AgainstReference(Rule):
    """The gemeente moved the undesired way compared with a reference series it names (the national
    average, similar gemeenten) between the previous year with a figure and the year, by more than the
    tolerance (default 0.02: the gemeente's relative change trails the reference's by more than 2%).  A reference is never itself
    judged against targets.
    """

    id = "against-reference"
    severity = Severity.LOW
    defaults: ClassVar[Mapping[str, object]] = {"tolerance": Decimal("0.02")}

    def check(self, ctx: Context, settings: Mapping[str, object]) -> Iterator[Finding]:
        tolerance = _decimal(settings["tolerance"])
        for indicator in ctx.agenda.indicators:
            for move in against_reference(indicator, ctx.year):
                gap = move.gap
                if not move.against or gap is None or abs(gap) <= tolerance:
                    continue
                own, ref = move.own.relative, move.reference_relative
                yield Finding(indicator.id, (
                    Evidence("reference", move.reference.id),
                    Evidence("previous_year", move.own.before_year),
                    Evidence("previous", move.own.before),
                    Evidence("value", move.own.after),
                    Evidence("change", None if own is None else own.quantize(Decimal("0.0001"))),
                    Evidence("reference_previous", move.before),
                    Evidence("reference_value", move.after),
                    Evidence("reference_change", None if ref is None else ref.quantize(Decimal("0.0001"))),
                ))

    def describe(self, ctx: Context, finding: Finding, lang: str) -> str:
        indicator = ctx.agenda.get(finding.item)
        ref_id = finding.get("reference")
        reference = next((r for r in getattr(indicator, "references", ()) if r.id == ref_id), None)
        own, ref = finding.get("change"), finding.get("reference_change")
        return _(
            "against-reference", lang,
            subject=ctx.subject(finding.item, lang),
            before=ctx.number(finding.get("previous"), lang), before_year=finding.get("previous_year"),
            after=ctx.number(finding.get("value"), lang), year=ctx.year,
            own=percent_text(_decimal(own) * 100, lang, signed=True) if own is not None else "?",
            reference=reference.name if reference else str(ref_id),
            ref_before=ctx.number(finding.get("reference_previous"), lang),
            ref_after=ctx.number(finding.get("reference_value"), lang),
            ref=percent_text(_decimal(ref) * 100, lang, signed=True) if ref is not None else "?",
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
            for needer in sorted(graph.needed_by(source)):
                if needer not in cause:
                    cause[needer], parent[needer], depth[needer] = source, source, 1
                    queue.append(needer)
        limit = max(2, int(_decimal(settings.get("max_chain", 8))))
        while queue:
            node = queue.popleft()
            if ctx.done(node):
                continue  # a done item no longer waits on anything
            for needer in sorted(graph.needed_by(node)):
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


def _target_text(finding: Finding, lang: str) -> str:
    # A bare target reads as the bound the direction makes of it: "hoogstens 4,5".
    text = _str(finding.get("target"))
    if not finding.get("bare"):
        return text
    key = "at-most" if finding.get("comparator") in ("<", "<=") else "at-least" if finding.get("comparator") in (
        ">", ">=") else None
    return _(key, lang, value=text) if key else text


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


#: The built-in rules, in the order they run.
BUILT_IN: tuple[Rule, ...] = (
    StatusLagging(),
    Overdue(),
    TargetMissed(),
    WrongDirection(),
    BehindBaseline(),
    AgainstReference(),
    CapacityReached(),
    AtRiskDependency(),
    Unexplained(),
)
