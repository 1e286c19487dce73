"""Building the model from checked data, and every check across items.

:class:`Builder` turns the checked raw data of :func:`agenda.format.spec.check` into
the frozen :class:`~agenda.model.Agenda`, claiming every id on the way, then
checks what spans items: references, duplicate ids, dependency cycles, breakdown
sums, budget sub-items and differing published values.  Problems are collected,
never raised; :mod:`agenda.format.loader` sorts and returns them.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from agenda._cycles import find_cycles
from agenda._i18n import Catalog
from agenda.errors import Problem, Severity
from agenda.format import _yaml
from agenda.format import spec as _schema
from agenda.model import (
    _DEFAULT_THEME_KINDS,
    DEFAULT_STATUSES,
    Action,
    Agenda,
    Area,
    BudgetKind,
    BudgetLine,
    Category,
    Comparator,
    Config,
    Direction,
    Goal,
    Indicator,
    Location,
    Pillar,
    PlanRef,
    Source,
    Status,
    StatusRecord,
    Tag,
    Target,
    Theme,
    Value,
    YearTarget,
)

__all__ = ["Builder", "target"]

_T = Catalog(
    "loader",
    {
        "duplicate-id": {
            "nl": "de id '{id}' is al gebruikt op regel {line}",
            "en": "the id '{id}' is already used on line {line}",
        },
        "duplicate-id-hint": {
            "nl": "Elke id komt één keer voor in het hele bestand; kies een andere, bijvoorbeeld '{id}-2'.",
            "en": "Every id occurs once in the whole file; choose another, for example '{id}-2'.",
        },
        "unknown-ref": {
            "nl": "'{key}' verwijst naar '{ref}', maar er is geen {kind} met die id",
            "en": "'{key}' refers to '{ref}', but there is no {kind} with that id",
        },
        "unknown-ref-match": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "unknown-ref-none": {
            "nl": "Bestaande ids van dit soort: {some}.",
            "en": "Existing ids of this kind: {some}.",
        },
        "unknown-ref-empty": {
            "nl": "Er is nog geen {kind}; voeg er een toe of laat de verwijzing weg.",
            "en": "There is no {kind} yet; add one or leave the reference out.",
        },
        "k-plan": {"nl": "plan", "en": "plan"},
        "k-theme": {"nl": "thema", "en": "theme"},
        "k-pillar": {"nl": "pijler in dit thema", "en": "pillar in this theme"},
        "k-tag": {"nl": "verschijningsvorm of speerpunt in dit thema", "en": "tag in this theme"},
        "k-goal": {"nl": "doelstelling", "en": "goal"},
        "k-item": {"nl": "thema, doelstelling of inspanning", "en": "theme, goal or action"},
        "k-status": {"nl": "status", "en": "status"},
        "k-area": {"nl": "gebied", "en": "area"},
        "k-category": {"nl": "categorie van deze indicator", "en": "category of this indicator"},
        "k-kind": {"nl": "soort thema", "en": "theme kind"},
        "cycle": {
            "nl": "afhankelijkheden vormen een kring: {cycle}",
            "en": "dependencies form a cycle: {cycle}",
        },
        "cycle-hint": {
            "nl": "Haal één van deze 'needs' weg: {edges}.",
            "en": "Remove one of these 'needs': {edges}.",
        },
        "end-before-start": {
            "nl": "het einde ({end}) ligt voor het begin ({start})",
            "en": "the end ({end}) comes before the start ({start})",
        },
        "end-before-start-hint": {
            "nl": "Verwissel begin en einde, of corrigeer één van beide.",
            "en": "Swap start and end, or correct one of them.",
        },
        "period": {"nl": "de periode eindigt ({to}) voor ze begint ({start})", "en": "the period ends ({to}) before it starts ({start})"},
        "period-hint": {
            "nl": "Schrijf het eerste jaar bij `from` en het laatste bij `to`, bijvoorbeeld `{{from: {to}, to: {start}}}`.",
            "en": "Write the first year under `from` and the last under `to`, for example `{{from: {to}, to: {start}}}`.",
        },
        "breakdown-sum": {
            "nl": "in {year} tellen de onderdelen op tot {parts}, maar het gepubliceerde totaal is {total}",
            "en": "in {year} the parts add up to {parts}, but the published total is {total}",
        },
        "breakdown-sum-hint": {
            "nl": "Als de bron het zo publiceert, laat het staan: deze waarschuwing legt de tegenspraak vast.",
            "en": "If the source publishes it like this, leave it: this warning records the contradiction.",
        },
        "values-differ": {
            "nl": "voor {year} zijn verschillende waarden gepubliceerd: {values}",
            "en": "different values are published for {year}: {values}",
        },
        "values-differ-hint": {
            "nl": "Beide blijven bewaard met hun bron; vermeld in de rapportage welke u gebruikt.",
            "en": "Both are kept with their source; say in the report which one you use.",
        },
        "no-source": {"nl": "de indicator heeft geen bron", "en": "the indicator has no source"},
        "no-source-hint": {
            "nl": "Voeg toe: `source: data.politie.nl` (of de tabel-id van CBS StatLine, of de eigen registratie).",
            "en": "Add: `source: data.politie.nl` (or the CBS StatLine table id, or the own registration).",
        },
        "no-actions": {"nl": "de doelstelling heeft geen inspanningen", "en": "the goal has no actions"},
        "no-actions-hint": {
            "nl": "Voeg onder `actions:` toe wat er voor deze doelstelling gebeurt.",
            "en": "Add under `actions:` what is done for this goal.",
        },
        "budget-items": {
            "nl": "de onderdelen tellen op tot {parts} per jaar, maar het bedrag is {amount}",
            "en": "the sub-items add up to {parts} a year, but the amount is {amount}",
        },
        "budget-items-hint": {
            "nl": "Controleer de bedragen en 'every' (1x per N jaar) van de onderdelen.",
            "en": "Check the amounts and 'every' (once per N years) of the sub-items.",
        },
        "status-vocab-duplicate": {
            "nl": "het statuswoord '{id}' staat twee keer in `statuses`",
            "en": "the status word '{id}' appears twice in `statuses`",
        },
        "status-vocab-duplicate-hint": {
            "nl": "Houd één van beide, of geef het tweede woord een eigen id.",
            "en": "Keep one of them, or give the second word an id of its own.",
        },
        "value-empty": {
            "nl": "de waarde voor {year} heeft geen 'value' en geen 'text'",
            "en": "the value for {year} has neither 'value' nor 'text'",
        },
        "value-empty-hint": {
            "nl": "Schrijf het getal (`value: 12`) of de tekst zoals gepubliceerd (`text: \"-\"`).",
            "en": "Write the number (`value: 12`) or the text as published (`text: \"-\"`).",
        },
        "strict": {"nl": "(streng: waarschuwingen gelden als fout)", "en": "(strict: warnings count as errors)"},
    },
)

_LANGS = ("nl", "en")


def target(text: str) -> Target:
    """A :class:`~agenda.model.Target` from its published text (``"< 550"``, ``"min. 7,0"``, ``"10-20"``).

    Raises ValueError when the text is not a target.
    """
    parsed = _schema.parse_target(str(text))
    if parsed is None:
        raise ValueError(f"not a target: {text!r}")
    op, a, b = parsed
    comparator = Comparator.RANGE if op == "range" else Comparator(op)
    return Target(text=str(text), comparator=comparator, value=a, upper=b)


def _loc(data: Mapping[str, Any]) -> Location | None:
    loc = data.get("@")
    return loc if isinstance(loc, Location) else None


class Builder:
    """Turns checked data into model objects, then checks what spans items."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems = _yaml.ProblemList(file)
        self.ids: dict[str, tuple[str, Location | None]] = {}  # id -> (kind, where)

    # -- reporting

    def _report(self, severity: Severity, where: Location | None, item: str | None, code: str,
                hint: str | None = None, **fields: object) -> None:
        def fill(key: str, lang: str) -> str:
            values = {k: (_T(v[1:], lang) if isinstance(v, str) and v.startswith("§") else v) for k, v in fields.items()}
            return _T(key, lang, **values)

        self.problems.append(Problem(
            code, severity, where, item,
            {lang: fill(code, lang) for lang in _LANGS},
            {lang: fill(hint, lang) for lang in _LANGS} if hint else {},
        ))

    def error(self, where: Location | None, item: str | None, code: str, hint: str | None = None,
              **fields: object) -> None:
        self._report(Severity.ERROR, where, item, code, hint, **fields)

    def warn(self, where: Location | None, item: str | None, code: str, hint: str | None = None,
             **fields: object) -> None:
        self._report(Severity.WARNING, where, item, code, hint, **fields)

    def claim(self, item_id: str, kind: str, where: Location | None) -> None:
        if item_id in self.ids:
            first = self.ids[item_id][1]
            self.error(where, item_id, "duplicate-id", "duplicate-id-hint", id=item_id,
                       line=first.line if first else "?")
        else:
            self.ids[item_id] = (kind, where)

    def ref(self, where: Location | None, item: str | None, key: str, ref: str, kind: str,
            known: Collection[str]) -> None:
        if ref in known:  # the common case, without sorting: a set makes it O(1)
            return
        pool = sorted(set(known))
        match = difflib.get_close_matches(ref, pool, n=1, cutoff=0.6)
        if match:
            self.error(where, item, "unknown-ref", "unknown-ref-match", key=key, ref=ref, kind=f"§{kind}",
                       match=match[0])
        elif pool:
            some = ", ".join(pool[:8]) + (", …" if len(pool) > 8 else "")
            self.error(where, item, "unknown-ref", "unknown-ref-none", key=key, ref=ref, kind=f"§{kind}", some=some)
        else:
            self.error(where, item, "unknown-ref", "unknown-ref-empty", key=key, ref=ref, kind=f"§{kind}")

    # -- objects

    def build(self, d: Mapping[str, Any]) -> Agenda:
        config = self.config(d)
        plans = tuple(self.plan(p) for p in _ok(d.get("plans"), "id", "title"))
        areas = []
        for raw in _ok(d.get("areas"), "id", "name"):
            self.claim(raw["id"], "area", _loc(raw))
            areas.append(Area(raw["id"], raw["name"]))
        themes = tuple(self.theme(t) for t in _ok(d.get("themes"), "id", "name"))
        indicators = tuple(self.indicator(i) for i in _ok(d.get("indicators"), "id", "name"))
        adopted = d.get("adopted", {})
        period = d.get("period", {})
        if period.get("to") is not None and period.get("from") is not None and period["to"] < period["from"]:
            self.error(_loc(period), None, "period", "period-hint", to=period["to"], start=period["from"])
        agenda = Agenda(
            gemeente=d.get("gemeente", ""),
            title=d.get("title", ""),
            id=d.get("id", "agenda"),
            motto=d.get("motto"),
            adopted_by=adopted.get("by"),
            adopted_on=_date(adopted.get("on")),
            period_start=period.get("from"),
            period_end=period.get("to"),
            reporting_years=tuple(d.get("reporting_years", ())),
            config=config,
            plans=plans,
            areas=tuple(areas),
            themes=themes,
            indicators=indicators,
            source=d.get("source"),
            file=self.file,
        )
        self.cross_checks(agenda, d)
        return agenda

    def config(self, d: Mapping[str, Any]) -> Config:
        statuses = DEFAULT_STATUSES
        if "statuses" in d:
            seen: set[str] = set()
            words = []
            for s in _ok(d["statuses"], "id", "nl", "en"):
                if s["id"] in seen:
                    self.error(_loc(s), s["id"], "status-vocab-duplicate", "status-vocab-duplicate-hint", id=s["id"])
                seen.add(s["id"])
                words.append(Status(
                    s["id"], s["nl"], s["en"], done=s.get("done", False), lagging=s.get("lagging", False),
                    started=s.get("started", True), colour=s.get("colour", "#ffffff"), mark=s.get("mark", ""),
                    rank=s.get("rank", 0),
                ))
            statuses = tuple(words)
        rollup = d.get("rollup", {})
        return Config(
            language=d.get("language", "nl"),
            levels={k: _words(v) for k, v in d.get("levels", {}).items()},
            statuses=statuses,
            theme_kinds={k: _words(v) for k, v in d.get("theme_kinds", {}).items()},
            rollup=rollup.get("rule", "worst"),
            rollup_share=Decimal(str(rollup.get("share", "0.5"))),
            rules={k: {kk: vv for kk, vv in v.items() if kk != "@"} for k, v in d.get("rules", {}).items()},
        )

    def plan(self, p: Mapping[str, Any]) -> PlanRef:
        self.claim(p["id"], "plan", _loc(p))
        period, adopted = p.get("period", {}), p.get("adopted", {})
        return PlanRef(p["id"], p["title"], period.get("from"), period.get("to"), adopted.get("by"),
                       _date(adopted.get("on")), location=_loc(p))

    def status(self, raw: Mapping[int, Mapping[str, Any]]) -> tuple[StatusRecord, ...]:
        return tuple(
            StatusRecord(year, r["status"], r.get("progress"), r.get("note"), _date(r.get("recorded")),
                         location=_loc(r))
            for year, r in sorted(raw.items())
            if "status" in r
        )

    def budget(self, b: Mapping[str, Any]) -> BudgetLine:
        return BudgetLine(
            amount=b["amount"], kind=BudgetKind(b["kind"]), name=b.get("name"), start=b.get("from"),
            years=b.get("years"), every=b.get("every", 1), items=tuple(self.budget(i) for i in _ok(b.get("items"), "amount", "kind")),
            note=b.get("note"), location=_loc(b),
        )

    def action(self, a: Mapping[str, Any]) -> Action:
        self.claim(a["id"], "action", _loc(a))
        return Action(
            id=a["id"], name=a["name"], description=a.get("description"), owner=a.get("owner"),
            partners=tuple(a.get("partners", ())), start=_date(a.get("start")), end=_date(a.get("end")),
            result=a.get("result"), budget=tuple(self.budget(b) for b in _ok(a.get("budget"), "amount", "kind")),
            needs=tuple(a.get("needs", ())), contributes_to=tuple(a.get("contributes_to", ())),
            pillar=a.get("pillar"), tags=tuple(a.get("tags", ())), status=self.status(a.get("status", {})),
            source=a.get("source"), location=_loc(a),
        )

    def goal(self, g: Mapping[str, Any]) -> Goal:
        self.claim(g["id"], "goal", _loc(g))
        return Goal(
            id=g["id"], name=g["name"], description=g.get("description"), pillar=g.get("pillar"),
            tags=tuple(g.get("tags", ())), actions=tuple(self.action(a) for a in _ok(g.get("actions"), "id", "name")),
            needs=tuple(g.get("needs", ())), status=self.status(g.get("status", {})), source=g.get("source"),
            location=_loc(g),
        )

    def theme(self, t: Mapping[str, Any]) -> Theme:
        self.claim(t["id"], "theme", _loc(t))
        pillars = []
        for p in _ok(t.get("pillars"), "id", "name"):
            self.claim(p["id"], "pillar", _loc(p))
            pillars.append(Pillar(p["id"], p["name"], p.get("description"), location=_loc(p)))
        tags = []
        for g in _ok(t.get("tags"), "id", "name"):
            self.claim(g["id"], "tag", _loc(g))
            tags.append(Tag(g["id"], g["name"], g.get("kind", "verschijningsvorm"), g.get("description"),
                            location=_loc(g)))
        return Theme(
            id=t["id"], name=t["name"], kind=t.get("kind", "strategisch"), description=t.get("description"),
            plan=t.get("plan"), kbv=t.get("kbv"), continued_in=tuple(t.get("continued_in", ())),
            pillars=tuple(pillars), tags=tuple(tags),
            goals=tuple(self.goal(g) for g in _ok(t.get("goals"), "id", "name")),
            actions=tuple(self.action(a) for a in _ok(t.get("actions"), "id", "name")), status=self.status(t.get("status", {})),
            source=t.get("source"), location=_loc(t),
        )

    def indicator(self, i: Mapping[str, Any]) -> Indicator:
        self.claim(i["id"], "indicator", _loc(i))
        src = i.get("source")
        values: list[Value] = []
        for year, entries in sorted(i.get("values", {}).items()):
            for v in entries:
                if "value" not in v and "text" not in v:
                    self.error(_loc(v), i["id"], "value-empty", "value-empty-hint", year=year)
                values.append(_value(year, v))
        base = i.get("baseline")
        targets = tuple(
            YearTarget(year, target(t["target"]), target(t["revised"]) if "revised" in t else None, t.get("note"),
                       location=_loc(t))
            for year, t in sorted(i.get("targets", {}).items())
            if "target" in t
        )
        ambition = i.get("ambition")
        first_category: dict[str, Location | None] = {}
        for c in _ok(i.get("categories"), "id", "name"):  # category ids are unique within the indicator
            if c["id"] in first_category:
                first = first_category[c["id"]]
                self.error(_loc(c), i["id"], "duplicate-id", "duplicate-id-hint", id=c["id"],
                           line=first.line if first else "?")
            else:
                first_category[c["id"]] = _loc(c)
        return Indicator(
            id=i["id"], name=i["name"], unit=i.get("unit"), direction=Direction(i.get("better", "none")),
            kind=i.get("kind", "count"), measures=tuple(i.get("measures", ())), theme=i.get("theme"),
            description=i.get("description"),
            source=Source(src["name"], src.get("url"), src.get("table"), src.get("column")) if src and "name" in src else None,
            frequency=i.get("frequency"), scope=i.get("scope"),
            baseline=_value(base["year"], base) if base and "year" in base else None,
            targets=targets,
            ambition=target(ambition["target"]) if ambition and "target" in ambition else None,
            ambition_year=ambition.get("year") if ambition else None,
            values=tuple(values),
            categories=tuple(Category(c["id"], c["name"]) for c in _ok(i.get("categories"), "id", "name")),
            breakdown={y: dict(parts) for y, parts in sorted(i.get("breakdown", {}).items())},
            capacity=i.get("capacity"),
            tolerance=Decimal(str(i["tolerance"])) if "tolerance" in i else None,
            location=_loc(i),
        )

    # -- checks across items

    def cross_checks(self, agenda: Agenda, d: Mapping[str, Any]) -> None:
        cfg = agenda.config
        kinds = {k for k, _ in self.ids.values()}
        by_kind: dict[str, list[str]] = {k: [] for k in kinds}
        for item_id, (kind, _) in self.ids.items():
            by_kind[kind].append(item_id)
        # Sets: a reference is looked up, not searched for (a list made large plans quadratic).
        theme_ids, goal_ids = set(by_kind.get("theme", [])), set(by_kind.get("goal", []))
        plan_items = {*theme_ids, *goal_ids, *by_kind.get("action", [])}
        status_ids = {s.id for s in cfg.statuses}
        theme_kinds = set(_DEFAULT_THEME_KINDS) | set(cfg.theme_kinds)
        plans = {p.id for p in agenda.plans}
        areas = {a.id for a in agenda.areas}

        def check_status(item: Theme | Goal | Action) -> None:
            for rec in item.status:
                self.ref(rec.location, item.id, "status", rec.status, "k-status", status_ids)

        for theme in agenda.themes:
            self.ref(theme.location, theme.id, "kind", theme.kind, "k-kind", theme_kinds)
            if theme.plan is not None:
                self.ref(theme.location, theme.id, "plan", theme.plan, "k-plan", plans)
            for other in theme.continued_in:
                self.ref(theme.location, theme.id, "continued_in", other, "k-theme", theme_ids)
            check_status(theme)
            pillars = [p.id for p in theme.pillars]
            tags = [t.id for t in theme.tags]
            for goal in theme.goals:
                self._item_refs(goal, pillars, tags, plan_items)
                check_status(goal)
                if not goal.actions:
                    self.warn(goal.location, goal.id, "no-actions", "no-actions-hint")
                for action in goal.actions:
                    self._action_checks(action, pillars, tags, plan_items, goal_ids)
                    check_status(action)
            for action in theme.actions:
                self._action_checks(action, pillars, tags, plan_items, goal_ids)
                check_status(action)
        for ind in agenda.indicators:
            for m in ind.measures:
                self.ref(ind.location, ind.id, "measures", m, "k-item", plan_items)
            if ind.theme is not None:
                self.ref(ind.location, ind.id, "theme", ind.theme, "k-theme", theme_ids)
            self._indicator_checks(ind, areas)
        self._cycles(agenda)

    def _item_refs(self, item: Goal | Action, pillars: Sequence[str], tags: Sequence[str],
                   plan_items: Collection[str]) -> None:
        if item.pillar is not None:
            self.ref(item.location, item.id, "pillar", item.pillar, "k-pillar", pillars)
        for tag in item.tags:
            self.ref(item.location, item.id, "tags", tag, "k-tag", tags)
        for need in item.needs:
            self.ref(item.location, item.id, "needs", need, "k-item", plan_items)

    def _action_checks(self, action: Action, pillars: Sequence[str], tags: Sequence[str],
                       plan_items: Collection[str], goals: Collection[str]) -> None:
        self._item_refs(action, pillars, tags, plan_items)
        for goal in action.contributes_to:
            self.ref(action.location, action.id, "contributes_to", goal, "k-goal", goals)
        if action.start and action.end and action.end < action.start[: len(action.end)]:
            self.error(action.location, action.id, "end-before-start", "end-before-start-hint",
                       start=action.start, end=action.end)
        for line in action.budget:
            self._budget_check(line, action.id)

    def _budget_check(self, line: BudgetLine, item: str) -> None:
        if line.items:
            parts = sum((i.annual() for i in line.items), Decimal(0))
            if parts != line.amount:
                self.warn(line.location, item, "budget-items", "budget-items-hint", parts=_fmt(parts),
                          amount=line.amount)
            for sub in line.items:
                self._budget_check(sub, item)

    def _indicator_checks(self, ind: Indicator, areas: Collection[str]) -> None:
        if ind.source is None and not any(v.source for v in ind.values):
            self.warn(ind.location, ind.id, "no-source", "no-source-hint")
        cats = [c.id for c in ind.categories]
        for v in ind.values:
            if v.area is not None:
                self.ref(v.location, ind.id, "area", v.area, "k-area", areas)
        for year, parts in ind.breakdown.items():
            for cat in parts:
                self.ref(ind.location, ind.id, "breakdown", cat, "k-category", cats)
            total = sum(parts.values(), 0)
            first = ind.value(year)  # by convention the first value of a year is the published total
            for v in () if first is None else (first,):
                if v.value is not None and v.value != total:
                    self.warn(v.location or ind.location, ind.id, "breakdown-sum", "breakdown-sum-hint",
                              year=year, parts=_fmt(total), total=_fmt(v.value))
        for year in sorted({v.year for v in ind.values}):
            for area in sorted({v.area or "" for v in ind.values if v.year == year}):
                nums = [v for v in ind.values_in(year, area or None) if v.value is not None]
                if len({v.value for v in nums}) > 1:
                    shown = "; ".join(f"{_fmt(v.value)} ({v.source})" if v.source else _fmt(v.value)
                                      for v in nums if v.value is not None)
                    self.warn(nums[1].location or ind.location, ind.id, "values-differ", "values-differ-hint",
                              year=year, values=shown)

    def _cycles(self, agenda: Agenda) -> None:
        edges: dict[str, list[str]] = {}
        where: dict[str, Location | None] = {}
        for item in _needy(agenda):
            if item.needs:
                edges[item.id] = list(item.needs)
                where[item.id] = item.location
        for cycle in find_cycles(edges):
            spelled = " → ".join(cycle)
            steps = ", ".join(
                f"{a} → {b} ({_line(where.get(a))})" for a, b in itertools.pairwise(cycle)
            )
            self.error(where.get(cycle[0]), cycle[0], "cycle", "cycle-hint", cycle=spelled, edges=steps)


def _line(loc: Location | None) -> str:
    return str(loc.line) if loc else "?"


def _needy(agenda: Agenda) -> Iterator[Goal | Action]:
    for theme in agenda.themes:
        for goal in theme.goals:
            yield goal
            yield from goal.actions
        yield from theme.actions


def _ok(items: Iterable[Mapping[str, Any]] | None, *keys: str) -> list[Mapping[str, Any]]:
    """The items that have every required key (the others were reported by the schema check)."""
    return [i for i in items or () if all(k in i for k in keys)]


def _value(year: int, v: Mapping[str, Any]) -> Value:
    return Value(
        year=year, value=v.get("value"), approximate=v.get("approximate", False), text=v.get("text"),
        source=v.get("source"), note=v.get("note"), area=v.get("area"), unit=v.get("unit"), location=_loc(v),
    )


def _words(v: Mapping[str, Any]) -> dict[str, str]:
    return {k: w for k, w in v.items() if k in _LANGS}


def _date(value: object) -> str | None:
    return None if value is None else str(value)


def _fmt(n: object) -> str:
    if isinstance(n, Decimal):
        return format(n.normalize(), "f") if n == n.to_integral() else str(n)
    return str(n)
