"""Hypothesis strategies for valid plans, as plain data that dumps to YAML (and to JSON).

:func:`plans` draws a whole plan as a dict in the documented format: themes with
pillars, tags, goals and actions (with ``needs`` that never form a cycle),
statuses per reporting year, budget lines with sub-items, and indicators with
values, targets and breakdowns.  Ids are unique in the whole plan.  Numbers are
ints or floats with few digits, so YAML and JSON carry them exactly.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from agenda.numbers import is_whole

__all__ = ["plan_json", "plan_yaml", "plans", "texts"]

# What YAML 1.2 would read as a number, boolean or null when written plain: PyYAML (YAML 1.1)
# leaves some of these unquoted (``1e5``), and the loader refuses them where text is expected.
_NOT_TEXT = re.compile(
    r"[-+]?[0-9]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
)

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=16,
).filter(lambda s: bool(s.strip()) and not _NOT_TEXT.fullmatch(s))

# A letter, then up to five lowercase letters or digits (an id's first part); from_regex is slow.
_slugs = st.builds(lambda first, rest: first + rest, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                   st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=5))
_years = st.integers(2015, 2030)
_STATUS_IDS = ("niet-gestart", "loopt", "op-schema", "vertraagd", "risico", "afgerond", "gestopt")
_whole = st.integers(-(10**9), 10**9)
_any_numbers = st.one_of(
    _whole,
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(float),
)
_numbers = _any_numbers


class _Ids:
    """Hands out ids that are unique in the whole plan."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, draw: st.DrawFn, kind: str) -> str:
        self.n += 1
        return f"{draw(_slugs)}-{kind}{self.n}"


def _maybe(draw: st.DrawFn, out: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


def _status(draw: st.DrawFn, years: list[int], words: tuple[str, ...]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for year in draw(st.lists(st.sampled_from(years), unique=True, max_size=2)) if years else []:
        word = draw(st.sampled_from(words))
        if draw(st.booleans()):
            out[year] = word
        else:
            rec: dict[str, Any] = {"status": word}
            _maybe(draw, rec, "progress", st.integers(0, 100))
            _maybe(draw, rec, "note", texts)
            _maybe(draw, rec, "recorded", st.sampled_from(["2024-04-30", "2024-04", "2024"]))
            out[year] = rec
    return out


def _budget_line(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    kind = draw(st.sampled_from(["structureel", "incidenteel"]))
    line: dict[str, Any] = {"amount": draw(st.integers(0, 10**7)), "kind": kind}
    _maybe(draw, line, "name", texts)
    _maybe(draw, line, "from", _years)
    if kind == "incidenteel":
        _maybe(draw, line, "years", st.integers(1, 5))
    _maybe(draw, line, "every", st.integers(1, 4))
    if depth == 0 and draw(st.booleans()):
        line["items"] = [_budget_line(draw, depth + 1) for _ in range(draw(st.integers(1, 2)))]
    _maybe(draw, line, "note", texts)
    return line


def _action(draw: st.DrawFn, ids: _Ids, ctx: dict[str, Any]) -> dict[str, Any]:
    a: dict[str, Any] = {"id": ids(draw, "a"), "name": draw(texts)}
    _maybe(draw, a, "description", texts)
    _maybe(draw, a, "owner", texts)
    _maybe(draw, a, "partners", st.lists(texts, min_size=1, max_size=3))
    if draw(st.booleans()):
        start = draw(_years)
        a["start"] = start
        a["end"] = draw(st.sampled_from([start, start + 1, f"{start + 1}-06", f"{start + 2}-01-31"]))
    _maybe(draw, a, "result", texts)
    if draw(st.booleans()):
        a["budget"] = [_budget_line(draw) for _ in range(draw(st.integers(1, 2)))]
    _needs(draw, a, ctx)
    if draw(st.booleans()) and ctx["goals"]:
        a["contributes_to"] = draw(st.lists(st.sampled_from(ctx["goals"]), unique=True, min_size=1, max_size=2))
    if draw(st.booleans()) and ctx["pillars"]:
        a["pillar"] = draw(st.sampled_from(ctx["pillars"]))
    if draw(st.booleans()) and ctx["tags"]:
        a["tags"] = draw(st.lists(st.sampled_from(ctx["tags"]), unique=True, min_size=1))
    status = _status(draw, ctx["years"], ctx["words"])
    if status:
        a["status"] = status
    _maybe(draw, a, "source", texts)
    ctx["items"].append(a["id"])
    return a


def _needs(draw: st.DrawFn, item: dict[str, Any], ctx: dict[str, Any]) -> None:
    # Only items defined earlier: the needs form a DAG, never a cycle.
    if draw(st.booleans()) and ctx["items"]:
        item["needs"] = draw(st.lists(st.sampled_from(ctx["items"]), unique=True, min_size=1, max_size=3))


def _goal(draw: st.DrawFn, ids: _Ids, ctx: dict[str, Any]) -> dict[str, Any]:
    g: dict[str, Any] = {"id": ids(draw, "g"), "name": draw(texts)}
    _maybe(draw, g, "description", texts)
    if draw(st.booleans()) and ctx["pillars"]:
        g["pillar"] = draw(st.sampled_from(ctx["pillars"]))
    if draw(st.booleans()) and ctx["tags"]:
        g["tags"] = draw(st.lists(st.sampled_from(ctx["tags"]), unique=True, min_size=1))
    _needs(draw, g, ctx)
    ctx["items"].append(g["id"])
    ctx["goals"].append(g["id"])
    actions = [_action(draw, ids, ctx) for _ in range(draw(st.integers(0, 2)))]
    if actions:
        g["actions"] = actions
    status = _status(draw, ctx["years"], ctx["words"])
    if status:
        g["status"] = status
    return g


def _theme(draw: st.DrawFn, ids: _Ids, ctx: dict[str, Any], kinds: list[str], plans: list[str]) -> dict[str, Any]:
    t: dict[str, Any] = {"id": ids(draw, "t"), "name": draw(texts), "kind": draw(st.sampled_from(kinds))}
    _maybe(draw, t, "description", texts)
    if draw(st.booleans()) and plans:
        t["plan"] = draw(st.sampled_from(plans))
    _maybe(draw, t, "kbv", st.integers(1, 5))
    themes: list[str] = ctx["themes"]
    if draw(st.booleans()) and themes:
        t["continued_in"] = draw(st.lists(st.sampled_from(ctx["themes"]), unique=True, min_size=1, max_size=2))
    ctx["themes"].append(t["id"])
    ctx["items"].append(t["id"])
    pillars = [{"id": ids(draw, "p"), "name": draw(texts)} for _ in range(draw(st.integers(0, 2)))]
    tags = [{"id": ids(draw, "tag"), "name": draw(texts)} for _ in range(draw(st.integers(0, 2)))]
    for tag in tags:
        _maybe(draw, tag, "kind", st.sampled_from(["verschijningsvorm", "speerpunt"]))
    if pillars:
        t["pillars"] = pillars
    if tags:
        t["tags"] = tags
    ctx["pillars"] = [p["id"] for p in pillars]
    ctx["tags"] = [g["id"] for g in tags]
    goals = [_goal(draw, ids, ctx) for _ in range(draw(st.integers(0, 2)))]
    if goals:
        t["goals"] = goals
    actions = [_action(draw, ids, ctx) for _ in range(draw(st.integers(0, 2)))]
    if actions:
        t["actions"] = actions
    status = _status(draw, ctx["years"], ctx["words"])
    if status:
        t["status"] = status
    _maybe(draw, t, "source", texts)
    return t


def _target(draw: st.DrawFn) -> str | int:
    n = draw(st.integers(0, 1000))
    choices: list[str | int] = [f"< {n}", f"<= {n}", f">= {n}", f"min. {n},5", f"max. {n}%", f"= {n}",
                                f"{n}-{n + 10}", n]
    return draw(st.sampled_from(choices))


def _indicator(draw: st.DrawFn, ids: _Ids, ctx: dict[str, Any], areas: list[str]) -> dict[str, Any]:
    i: dict[str, Any] = {"id": ids(draw, "i"), "name": draw(texts)}
    _maybe(draw, i, "description", texts)
    _maybe(draw, i, "unit", st.sampled_from(["aantal", "%", "cijfer", "euro"]))
    _maybe(draw, i, "kind", st.sampled_from(["count", "percentage", "score", "rank", "amount"]))
    _maybe(draw, i, "better", st.sampled_from(["lower", "higher", "none"]))
    items: list[str] = ctx["items"]
    if draw(st.booleans()) and items:
        i["measures"] = draw(st.lists(st.sampled_from(ctx["items"]), unique=True, min_size=1, max_size=2))
    if draw(st.booleans()) and ctx["themes"]:
        i["theme"] = draw(st.sampled_from(ctx["themes"]))
    _maybe(draw, i, "scope", texts)
    if draw(st.booleans()):
        i["source"] = draw(st.one_of(texts, st.fixed_dictionaries(
            {"name": texts}, optional={"url": texts, "table": texts, "column": texts})))
    _maybe(draw, i, "frequency", st.integers(1, 4))
    if draw(st.booleans()):
        i["baseline"] = {"year": draw(_years), "value": draw(_numbers)}
    targets = draw(st.dictionaries(_years, st.just(0), max_size=3))
    if targets:
        i["targets"] = {y: (_target(draw) if draw(st.booleans()) else
                            {"target": _target(draw), "revised": _target(draw), "note": draw(texts)})
                        for y in targets}
    if draw(st.booleans()):
        i["ambition"] = {"year": draw(_years), "target": _target(draw)}
    values: dict[int, Any] = {}
    figures = _whole if is_whole(i.get("kind"), i.get("unit")) else _any_numbers  # a count has whole figures
    for year in draw(st.lists(_years, unique=True, max_size=4)):
        shape = draw(st.integers(0, 3))
        if shape == 0:
            values[year] = draw(figures)
        elif shape == 1:
            v: dict[str, Any] = {"value": draw(figures)}
            _maybe(draw, v, "source", texts)
            _maybe(draw, v, "note", texts)
            _maybe(draw, v, "approximate", st.booleans())
            values[year] = v
        elif shape == 2:
            values[year] = {"text": "-"}
        else:
            entries = [{"value": draw(figures), "source": draw(texts)} for _ in range(2)]
            if draw(st.booleans()) and areas:
                entries.append({"value": draw(figures), "area": draw(st.sampled_from(areas))})
            values[year] = entries
    if values:
        i["values"] = values
    if draw(st.booleans()):
        cats = [f"c{n}" for n in range(draw(st.integers(1, 3)))]
        i["categories"] = [{"id": c, "name": draw(texts)} for c in cats]
        years = draw(st.lists(_years, unique=True, min_size=1, max_size=2))
        i["breakdown"] = {y: {c: draw(st.integers(0, 500)) for c in cats} for y in years}
    _maybe(draw, i, "capacity", st.integers(0, 1000))
    _maybe(draw, i, "tolerance", st.sampled_from([0.1, 0.05, 0]))
    return i


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A valid plan (errors: none; warnings allowed) as a dict in the documented format."""
    ids = _Ids()
    plan: dict[str, Any] = {"format": 1, "gemeente": draw(texts), "title": draw(texts)}
    _maybe(draw, plan, "id", _slugs)
    _maybe(draw, plan, "motto", texts)
    _maybe(draw, plan, "adopted", st.fixed_dictionaries({}, optional={"by": texts, "on": st.sampled_from(
        ["2023-11-09", "2023-11", 2023])}))
    if draw(st.booleans()):
        start = draw(_years)
        plan["period"] = {"from": start, "to": start + draw(st.integers(0, 4))}
    years = draw(st.lists(_years, unique=True, max_size=3))
    if years:
        plan["reporting_years"] = sorted(years)
    _maybe(draw, plan, "language", st.sampled_from(["nl", "en"]))
    words: tuple[str, ...] = _STATUS_IDS
    if draw(st.booleans()):
        plan["levels"] = {"theme": {"nl": "veld", "en": "field"}, "action": {"en": "measure", "nl": "maatregel"}}
    if draw(st.booleans()):
        plan["statuses"] = [
            {"id": "groen", "nl": "groen", "en": "green", "colour": "#009e73", "mark": "G"},
            {"id": "rood", "nl": "rood", "en": "red", "lagging": True, "rank": 4},
            {"id": "klaar", "nl": "afgerond", "en": "done", "done": True, "started": True},
        ]
        words = ("groen", "rood", "klaar")
    kinds = ["strategisch", "fundament", "ontwikkelthema", "doorlopend"]
    if draw(st.booleans()):
        plan["theme_kinds"] = {"veld": {"nl": "veiligheidsveld", "en": "safety field"}}
        kinds.append("veld")
    _maybe(draw, plan, "rollup", st.sampled_from([{"rule": "worst"}, {"rule": "share", "share": 0.5}]))
    _maybe(draw, plan, "rules", st.just({"geen-toelichting": {"enabled": False, "tolerance": 0.1, "severity": "low"}}))
    plan_ids: list[str] = []
    if draw(st.booleans()):
        pid = ids(draw, "plan")
        plan["plans"] = [{"id": pid, "title": draw(texts), "period": {"from": 2020, "to": 2023},
                          "adopted": {"by": "gemeenteraad", "on": "2019"}}]
        plan_ids.append(pid)
    areas: list[str] = []
    if draw(st.booleans()):
        areas = [ids(draw, "w") for _ in range(2)]
        plan["areas"] = [{"id": a, "name": draw(texts)} for a in areas]
    ctx: dict[str, Any] = {"items": [], "goals": [], "themes": [], "pillars": [], "tags": [],
                           "years": years or [2023], "words": words}
    plan["themes"] = [_theme(draw, ids, ctx, kinds, plan_ids) for _ in range(draw(st.integers(1, 2)))]
    indicators = [_indicator(draw, ids, ctx, areas) for _ in range(draw(st.integers(0, 3)))]
    if indicators:
        plan["indicators"] = indicators
    _maybe(draw, plan, "source", texts)
    return plan


class _NoAliases(yaml.SafeDumper):
    """A dumper that never writes anchors or aliases (the loader refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def plan_yaml(plan: dict[str, Any]) -> str:
    """The plan as YAML text, keys in the order drawn."""
    return yaml.dump(plan, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10**6)


def plan_json(plan: dict[str, Any]) -> str:
    """The plan as JSON text (JSON is YAML)."""
    return json.dumps(plan, ensure_ascii=False, indent=1, default=_decimal)


def _decimal(obj: object) -> object:
    if isinstance(obj, Decimal):
        return float(obj)
    raise TypeError(type(obj).__name__)
