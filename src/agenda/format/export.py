"""The plan as versioned JSON: the interchange format for tools in other languages.

The export is the plan in its canonical form — the same keys as
``agenda.yaml`` (format 1, see docs/yaml-reference.md), every figure kept,
defaults written out where they carry meaning — so it validates against the
shipped JSON Schema and :func:`agenda.loads` reads it back into an equal model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from agenda.model import (
    DEFAULT_STATUSES,
    Action,
    Agenda,
    BudgetLine,
    Goal,
    Indicator,
    StatusRecord,
    Target,
    Theme,
    Value,
)
from agenda.numbers import json_number

__all__ = ["FORMAT", "SCHEMA_ID", "to_data", "to_json"]

FORMAT = 1
SCHEMA_ID = "https://agenda.invalid/schema/agenda-1.json"


def to_json(agenda: Agenda) -> str:
    """The whole plan as JSON text (UTF-8, two-space indent, ending in a newline)."""
    return json.dumps(to_data(agenda), ensure_ascii=False, indent=2, default=_number) + "\n"


def to_data(agenda: Agenda) -> dict[str, Any]:
    """The whole plan as plain JSON-ready data (Decimals stay Decimal; :func:`to_json` writes them as JSON numbers)."""
    cfg = agenda.config
    out: dict[str, Any] = {"$schema": SCHEMA_ID, "format": FORMAT, "gemeente": agenda.gemeente,
                           "title": agenda.title, "id": agenda.id}
    _put(out, "motto", agenda.motto)
    adopted = _clean({"by": agenda.adopted_by, "on": agenda.adopted_on})
    _put(out, "adopted", adopted or None)
    if agenda.period_start is not None:
        out["period"] = _clean({"from": agenda.period_start, "to": agenda.period_end})
    _put(out, "reporting_years", list(agenda.reporting_years) or None)
    out["language"] = cfg.language
    _put(out, "levels", {k: _sorted(v) for k, v in sorted(cfg.levels.items())} or None)
    if cfg.statuses != DEFAULT_STATUSES:
        out["statuses"] = [
            _clean({"id": s.id, "nl": s.nl, "en": s.en, "done": s.done, "lagging": s.lagging, "started": s.started,
                    "colour": s.colour, "mark": s.mark or None, "rank": s.rank})  # an empty mark is no text
            for s in cfg.statuses
        ]
    _put(out, "theme_kinds", {k: _sorted(v) for k, v in sorted(cfg.theme_kinds.items())} or None)
    out["rollup"] = {"rule": cfg.rollup, "share": cfg.rollup_share}
    _put(out, "rules", {k: _sorted(v) for k, v in sorted(cfg.rules.items())} or None)
    _put(out, "plans", [
        _clean({"id": p.id, "title": p.title,
                "period": _clean({"from": p.period_start, "to": p.period_end}) if p.period_start else None,
                "adopted": _clean({"by": p.adopted_by, "on": p.adopted_on}) or None})
        for p in agenda.plans
    ] or None)
    _put(out, "areas", [{"id": a.id, "name": a.name} for a in agenda.areas] or None)
    out["themes"] = [_theme(t) for t in agenda.themes]
    out["indicators"] = [_indicator(i) for i in agenda.indicators]
    _put(out, "source", agenda.source)
    return out


def _theme(t: Theme) -> dict[str, Any]:
    return _clean({
        "id": t.id, "name": t.name, "kind": t.kind, "description": t.description, "plan": t.plan, "kbv": t.kbv,
        "continued_in": list(t.continued_in) or None,
        "pillars": [_clean({"id": p.id, "name": p.name, "description": p.description}) for p in t.pillars] or None,
        "tags": [_clean({"id": g.id, "name": g.name, "kind": g.kind, "description": g.description})
                 for g in t.tags] or None,
        "goals": [_goal(g) for g in t.goals] or None,
        "actions": [_action(a) for a in t.actions] or None,
        "status": _status(t.status),
        "source": t.source,
    })


def _goal(g: Goal) -> dict[str, Any]:
    return _clean({
        "id": g.id, "name": g.name, "description": g.description, "pillar": g.pillar,
        "tags": list(g.tags) or None, "needs": list(g.needs) or None,
        "actions": [_action(a) for a in g.actions] or None, "status": _status(g.status), "source": g.source,
    })


def _action(a: Action) -> dict[str, Any]:
    return _clean({
        "id": a.id, "name": a.name, "description": a.description, "owner": a.owner,
        "partners": list(a.partners) or None, "start": a.start, "end": a.end, "result": a.result,
        "budget": [_budget(b) for b in a.budget] or None, "needs": list(a.needs) or None,
        "contributes_to": list(a.contributes_to) or None, "pillar": a.pillar, "tags": list(a.tags) or None,
        "status": _status(a.status), "source": a.source,
    })


def _budget(b: BudgetLine) -> dict[str, Any]:
    return _clean({
        "name": b.name, "amount": b.amount, "kind": b.kind.value, "from": b.start, "years": b.years,
        "every": b.every if b.every != 1 else None, "items": [_budget(i) for i in b.items] or None, "note": b.note,
    })


def _status(records: tuple[StatusRecord, ...]) -> dict[str, Any] | None:
    return {
        str(r.year): _clean({"status": r.status, "progress": r.progress, "note": r.note, "recorded": r.recorded})
        for r in records
    } or None


def _value(v: Value) -> dict[str, Any]:
    return _clean({"value": v.value, "approximate": v.approximate or None, "text": v.text, "source": v.source,
                   "note": v.note, "area": v.area, "unit": v.unit})


def _target(t: Target) -> str:
    return t.text


def _indicator(i: Indicator) -> dict[str, Any]:
    values: dict[str, list[dict[str, Any]]] = {}
    for v in i.values:
        values.setdefault(str(v.year), []).append(_value(v))
    src = i.source
    order = {c.id: n for n, c in enumerate(i.categories)}
    return _clean({
        "id": i.id, "name": i.name, "description": i.description, "unit": i.unit, "kind": i.kind,
        "better": i.direction.value, "measures": list(i.measures) or None, "theme": i.theme, "scope": i.scope,
        "source": _clean({"name": src.name, "url": src.url, "table": src.table, "column": src.column}) if src else None,
        "frequency": i.frequency,
        "baseline": {"year": i.baseline.year, **_value(i.baseline)} if i.baseline else None,
        "targets": {str(t.year): _clean({"target": _target(t.target),
                                         "revised": _target(t.revised) if t.revised else None, "note": t.note})
                    for t in i.targets} or None,
        "ambition": _clean({"year": i.ambition_year, "target": i.ambition.text}) if i.ambition else None,
        "values": values or None,
        "categories": [{"id": c.id, "name": c.name} for c in i.categories] or None,
        # parts in the order of `categories` (then by id), whatever the order they were written in
        "breakdown": {str(y): {k: parts[k] for k in sorted(parts, key=lambda k: (order.get(k, len(order)), k))}
                      for y, parts in sorted(i.breakdown.items())} or None,
        "capacity": i.capacity, "tolerance": i.tolerance,
    })


def _sorted(d: Mapping[str, Any]) -> dict[str, Any]:
    # Mappings whose order carries no meaning are written sorted, so the export is byte-identical.
    return {k: d[k] for k in sorted(d)}


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def _number(obj: object) -> object:
    if isinstance(obj, Decimal):
        return json_number(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")
