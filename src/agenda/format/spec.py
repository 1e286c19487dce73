"""The format of ``agenda.yaml``, described once.

:data:`AGENDA` says, key by key, what the file may hold: the type each key expects,
whether it is required, what it means, which model attribute it fills and which ids
it names.  Everything else is derived from it:

* reading — :func:`check` walks a raw :class:`~agenda.format._yaml.Node` tree against
  it and returns *checked data* (plain values with a ``Location`` under ``"@"`` of
  every mapping) and every problem found on the way;
* the checks across items — :mod:`agenda.format._checks` follows the ``ref`` of each
  field and the ``level`` of each item;
* building the model — ``AGENDA.build(data)``;
* the JSON export — ``AGENDA.dump(plan)`` (:mod:`agenda.format.export`);
* the JSON Schema — :func:`agenda.format.schema.json_schema`;
* the editor's item paths — ``AGENDA.items(root)``.

Adding an optional key to an item is one :class:`~agenda.format._types.Field` here,
plus the attribute it fills on the model class.
"""

from __future__ import annotations

from collections.abc import Iterator

from agenda.format._types import (
    _MISSING,
    YEAR,
    Bool,
    Checked,
    Colour,
    Date,
    Enum,
    Field,
    Id,
    Int,
    KeyMap,
    Lazy,
    Number,
    Obj,
    OneOrMany,
    Ref,
    Seq,
    TargetText,
    Text,
    Type,
    YearMap,
    _Ctx,
)
from agenda.format._yaml import Node
from agenda.model import (
    DEFAULT_STATUSES,
    Action,
    Agenda,
    Area,
    Baseline,
    Break,
    BudgetKind,
    BudgetLine,
    Category,
    Config,
    Direction,
    Goal,
    Indicator,
    Pillar,
    PlanRef,
    Reference,
    Side,
    Source,
    Status,
    StatusRecord,
    Tag,
    Theme,
    Turn,
    Value,
    YearTarget,
)

__all__ = ["AGENDA", "BUDGET_LINE", "GOAL", "ITEM_LEVELS", "OBJECTS", "STATUS_WORD", "Checked", "item_paths", "read"]

#: The levels whose ids are known across the whole plan (one namespace).
ITEM_LEVELS = ("theme", "pillar", "tag", "goal", "action", "indicator", "plan", "area")

_text, _id, _date, _num_t, _int = Text(), Id(), Date(), Number(), Int()
_ids = Seq(_id)
_texts = Seq(_text)

# What references name: the message key of the kind of thing, and the levels it may be.
_ITEM = Ref(("theme", "goal", "action"), "k-item")
_GOAL = Ref(("goal",), "k-goal")
_THEME_REF = Ref(("theme",), "k-theme")

_STATUS_RECORD = Obj(
    "Status record",
    {
        # Any word is read; the checks resolve it in the plan's vocabulary (id, Dutch or English word,
        # any case) and keep the id, exactly as `agenda status set` does.
        "status": Field(_text, True, "a word of the status vocabulary (its id, or its Dutch or English word)",
                        ref=Ref(("status",), "k-status")),
        "progress": Field(Int(0, 100, "t-int", "50"), doc="percent done, 0..100"),
        "note": Field(_text, doc="the explanation"),
        "recorded": Field(_date, doc="when it was recorded"),
    },
    model=StatusRecord,
    item_key=None,
    shorthand=(_text, "status"),
)
_STATUS = YearMap(_STATUS_RECORD, key_attr="year")


def _budget() -> Type:
    return BUDGET_LINE


_AMOUNT = Int(0, 10**12, "t-int", "96000")

BUDGET_LINE: Obj = Obj(
    "Budget line",
    {
        "name": Field(_text),
        "amount": Field(_AMOUNT, doc="as published (in euros, or in units of `scale`)", default=None),
        "amounts": Field(YearMap(_AMOUNT), doc="amounts that differ per year, instead of `amount`"),
        "kind": Field(Enum(model=BudgetKind), True),
        "from": Field(YEAR, doc="first year; left out where the source gives none", attr="start"),
        "years": Field(Int(1, 100, "t-int", "3"), doc="incidenteel: for how many years"),
        "every": Field(Int(1, 100, "t-int", "2"), doc="once per N years"),
        "approximate": Field(Bool(), doc="published as approximate (\"ca. € 30.000\")"),
        "scale": Field(Int(1, 10**6, "t-int", "1000"), doc="amounts published \"x € 1.000\": 1000"),
        "side": Field(Enum(model=Side), doc="lasten (costs, the default) or baten (income)"),
        "items": Field(Seq(Lazy(_budget, "budget_line")), doc="sub-items"),
        "note": Field(_text),
    },
    model=BudgetLine,
    item_key=None,  # problems in a budget line name the item it belongs to
)

_TAG = Obj(
    "Tag",
    {"id": Field(_id, True), "name": Field(_text, True), "kind": Field(_id, always=True), "description": Field(_text)},
    model=Tag, level="tag",
)
_PILLAR = Obj(
    "Pillar",
    {"id": Field(_id, True), "name": Field(_text, True), "description": Field(_text), "status": Field(_STATUS)},
    model=Pillar, level="pillar",
)

_ACTION = Obj(
    "Action",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "description": Field(_text),
        "owner": Field(_text, doc="the trekker"),
        "partners": Field(_texts),
        "start": Field(_date),
        "end": Field(_date),
        "result": Field(_text, doc="beoogd resultaat"),
        "budget": Field(Seq(BUDGET_LINE)),
        "needs": Field(_ids, doc="ids this action depends on", ref=_ITEM),
        "contributes_to": Field(_ids, doc="goals elsewhere it serves", ref=_GOAL),
        "pillar": Field(_id, ref=Ref(("pillar",), "k-pillar", scope="theme")),
        "tags": Field(_ids, ref=Ref(("tag",), "k-tag", scope="theme")),
        "status": Field(_STATUS),
        "source": Field(_text),
    },
    model=Action, level="action",
)

def _goal() -> Type:
    return _GOAL_T


_GOAL_T: Obj = Obj(
    "Goal",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "description": Field(_text),
        "pillar": Field(_id, ref=Ref(("pillar",), "k-pillar", scope="theme")),
        "tags": Field(_ids, ref=Ref(("tag",), "k-tag", scope="theme")),
        "needs": Field(_ids, ref=_ITEM),
        "actions": Field(Seq(_ACTION)),
        "status": Field(_STATUS),
        "source": Field(_text),
        "goals": Field(Seq(Lazy(_goal, "goal")), doc="sub-goals of an ambition"),
        "budget": Field(Seq(BUDGET_LINE), doc="lasten and baten of the goal as a whole"),
    },
    model=Goal, level="goal",
)

_THEME = Obj(
    "Theme",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "kind": Field(_id, doc="strategisch, fundament, ontwikkelthema, doorlopend, or a kind of theme_kinds",
                      ref=Ref(("theme-kind",), "k-kind"), always=True),
        "description": Field(_text),
        "plan": Field(_id, doc="the earlier plan this theme belongs to", ref=Ref(("plan",), "k-plan")),
        "kbv": Field(Int(1, 5, "t-int", "1"), doc="VNG Kernbeleid Veiligheid veld"),
        "continued_in": Field(_ids, ref=_THEME_REF),
        "pillars": Field(Seq(_PILLAR)),
        "tags": Field(Seq(_TAG)),
        "goals": Field(Seq(_GOAL_T)),
        "actions": Field(Seq(_ACTION)),
        "status": Field(_STATUS),
        "source": Field(_text),
        "budget": Field(Seq(BUDGET_LINE), doc="lasten and baten of the theme or programme as a whole"),
    },
    model=Theme, level="theme",
)

_SOURCE = Obj(
    "Source",
    {"name": Field(_text, True), "url": Field(_text), "table": Field(_text), "column": Field(_text)},
    model=Source,
    item_key=None,
    shorthand=(_text, "name"),
)

_VALUE_FIELDS = {
    "value": Field(_num_t),
    "approximate": Field(Bool()),
    "text": Field(_text, doc="as published when not a number, e.g. '-'"),
    "source": Field(_text),
    "note": Field(_text),
    "area": Field(_id, ref=Ref(("area",), "k-area")),
    "unit": Field(_text),
}

_VALUE = Obj("Value", _VALUE_FIELDS, model=Value, item_key=None, shorthand=(_num_t, "value"))

_BASELINE = Obj(
    "Baseline",
    {"year": Field(YEAR, doc="left out for a nulmeting without a year of its own"), **_VALUE_FIELDS},
    model=Baseline,
    item_key=None,
    shorthand=(_num_t, "value"),
)

_TARGET_T = Obj(
    "Target",
    {
        "target": Field(TargetText(), True, "as published; a bare number is read with `better`"),
        "revised": Field(TargetText(), doc="the target as revised during the year"),
        "note": Field(_text),
        "source": Field(_text, doc="where the target was published"),
        "area": Field(_id, doc="the area this target is for", ref=Ref(("area",), "k-area")),
        "each_area": Field(Bool(), doc="every area must meet it (\"iedere wijk minimaal 7,0\")"),
        "measurement": Field(YEAR, doc="the year of the figure it is judged on, when not its own year"),
    },
    model=YearTarget,
    item_key=None,
    shorthand=(TargetText(), "target"),
)

_TURN = Obj(
    "Turn",
    {"better": Field(Enum("lower", "higher", "none", model=Direction), True, attr="direction"),
     "note": Field(_text)},
    model=Turn,
    item_key=None,
    shorthand=(Enum("lower", "higher", "none"), "better"),
)

_BREAK = Obj(
    "Break",
    {
        "unit": Field(_text, doc="the unit from this year on"),
        "factor": Field(Number(decimal=True, positive="not-positive-hint"), doc="converts a figure from before the break into the new unit"),
        "definition": Field(_text, doc="what changed in the definition (then figures are not compared)"),
        "note": Field(_text),
    },
    model=Break,
    item_key=None,
)

_REFERENCE = Obj(
    "Reference",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "values": Field(YearMap(OneOrMany(_VALUE), key_attr="year")),
        "source": Field(_SOURCE),
        "note": Field(_text),
    },
    model=Reference,
)

_CATEGORY = Obj("Category", {"id": Field(_id, True), "name": Field(_text, True)}, model=Category)


def _breakdown(indicator: Indicator) -> dict[str, dict[str, object]] | None:
    # The parts in the order of `categories` (then by id), whatever the order they were written in.
    order = {c.id: n for n, c in enumerate(indicator.categories)}
    return {
        str(year): {k: parts[k] for k in sorted(parts, key=lambda k: (order.get(k, len(order)), k))}
        for year, parts in sorted(indicator.breakdown.items())
    } or None


_INDICATOR = Obj(
    "Indicator",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "description": Field(_text),
        "unit": Field(_text),
        "kind": Field(Enum("count", "percentage", "score", "rank", "amount"),
                      doc="count (whole numbers), percentage, score, rank or amount"),
        "better": Field(Enum(model=Direction), attr="direction", always=True),
        "measures": Field(_ids, ref=_ITEM),
        "theme": Field(_id, ref=_THEME_REF),
        "scope": Field(_text),
        "source": Field(_SOURCE),
        "frequency": Field(Int(1, 10, "t-int", "2")),
        "baseline": Field(_BASELINE),
        "targets": Field(YearMap(OneOrMany(_TARGET_T, list_always=False), key_attr="year")),
        "ambition": Field(
            Obj("Ambition", {"year": Field(YEAR), "target": Field(TargetText(), True)},
                item_key=None, shorthand=(TargetText(), "target")),
            attr={"target": "ambition", "year": "ambition_year"},
        ),
        "values": Field(YearMap(OneOrMany(_VALUE), key_attr="year")),
        "categories": Field(Seq(_CATEGORY)),
        "breakdown": Field(YearMap(KeyMap(_num_t)), dump=_breakdown),
        "capacity": Field(_num_t),
        "tolerance": Field(Number(decimal=True)),
        "turns": Field(YearMap(_TURN, key_attr="year"), doc="from these years on `better` changes"),
        "breaks": Field(YearMap(_BREAK, key_attr="year"), doc="years the unit or the definition changes"),
        "references": Field(Seq(_REFERENCE), doc="series to compare with (national average …)"),
        "once": Field(Bool(), doc="a figure counted once: never asked for again"),
        "until": Field(YEAR, doc="the last year it is measured"),
    },
    model=Indicator, level="indicator",
)

_LANG_WORDS = Obj("Words", {"nl": Field(_text), "en": Field(_text)}, item_key=None)

STATUS_WORD = Obj(
    "Status word",
    {
        "id": Field(_id, True),
        "nl": Field(_text, True),
        "en": Field(_text, True),
        "done": Field(Bool(), always=True),
        "lagging": Field(Bool(), always=True),
        "started": Field(Bool(), always=True),
        "colour": Field(Colour(), always=True),
        "mark": Field(_text),
        "rank": Field(Int(0, 100, "t-int", "3"), always=True),
    },
    model=Status,
)

_PERIOD = Obj("Period", {"from": Field(YEAR, True), "to": Field(YEAR)}, item_key=None)
_ADOPTED = Obj("Adopted", {"by": Field(_text), "on": Field(_date)}, item_key=None)

_PLAN = Obj(
    "Plan",
    {
        "id": Field(_id, True),
        "title": Field(_text, True),
        "period": Field(_PERIOD, attr={"from": "period_start", "to": "period_end"}),
        "adopted": Field(_ADOPTED, attr={"by": "adopted_by", "on": "adopted_on"}),
    },
    model=PlanRef, level="plan",
)

AGENDA = Obj(
    "Agenda",
    {
        "$schema": Field(_text, doc="the JSON Schema this file follows (for editors and tools)", attr=""),
        "format": Field(Int(1, 1, "t-int", "1"), True, "version of the format", attr=""),
        "gemeente": Field(_text, True),
        "title": Field(_text, True),
        "id": Field(_id, always=True),
        "motto": Field(_text),
        "adopted": Field(_ADOPTED, attr={"by": "adopted_by", "on": "adopted_on"}),
        "period": Field(_PERIOD, attr={"from": "period_start", "to": "period_end"}),
        "reporting_years": Field(Seq(YEAR)),
        "starter": Field(Bool(), doc="a starter plan: no themes yet is fine"),
        "language": Field(Enum("nl", "en"), attr="config.language", always=True),
        "levels": Field(KeyMap(_LANG_WORDS), attr="config.levels"),
        "statuses": Field(Seq(STATUS_WORD), attr="config.statuses"),
        "theme_kinds": Field(KeyMap(_LANG_WORDS), attr="config.theme_kinds"),
        "rollup": Field(
            Obj("Roll-up", {"rule": Field(Enum("worst", "share"), True), "share": Field(Number(decimal=True))},
                item_key=None),
            attr={"rule": "config.rollup", "share": "config.rollup_share"}, always=True,
        ),
        "rules": Field(KeyMap(Obj("Rule settings", {
            "enabled": Field(Bool()), "tolerance": Field(_num_t), "severity": Field(Enum("high", "medium", "low")),
        }, item_key=None)), attr="config.rules"),
        "plans": Field(Seq(_PLAN)),
        "areas": Field(Seq(Obj("Area", {"id": Field(_id, True), "name": Field(_text, True)}, model=Area,
                               level="area"))),
        "reporting": Field(
            Obj("Reporting", {
                "level": Field(Enum("action", "goal", "theme"), doc="the level statuses are reported at"),
                "actions_per_goal": Field(Bool(), doc="every goal is expected to have actions"),
                "titles": Field(YearMap(_text), doc="the name of the report on each year"),
            }, item_key=None),
            attr={"level": "config.reporting", "actions_per_goal": "config.actions_per_goal",
                  "titles": "config.report_titles"},
        ),
        "themes": Field(Seq(_THEME), always=True),
        "indicators": Field(Seq(_INDICATOR), always=True),
        "source": Field(_text),
    },
    model=Agenda,
    parts={"config": Config},
    item_key=None,
    doc="A municipal safety plan (Strategische Veiligheidsagenda / IVP) in the agenda format.",
)

assert Config().statuses == DEFAULT_STATUSES  # the export leaves the default vocabulary out


def read(root: Node, ctx: _Ctx) -> Checked:
    """Read a raw tree against the format: checked data (with ``"@"`` locations), or None when unreadable.

    Problems go to ``ctx.problems``; :class:`~agenda.errors.TooManyProblems` ends reading early.
    """
    data = AGENDA.read(root, ctx, None)
    return None if data is _MISSING else data


def item_paths(root: Node) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """Every identified item in a raw tree: ``(id, path of keys and indexes, level)``, in file order."""
    return AGENDA.items(root)


def _objects(typ: Type, found: dict[str, Obj]) -> dict[str, Obj]:
    # Every object of the spec that has a level, found by following the types (each once).
    if isinstance(typ, Lazy):
        return found
    if isinstance(typ, Obj):
        if typ.level is not None and typ.level not in found:
            found[typ.level] = typ
        for field in typ.fields.values():
            _objects(field.type, found)
    elif isinstance(typ, Seq | OneOrMany | YearMap | KeyMap):
        _objects(typ.of, found)
    return found


GOAL = _GOAL_T

#: The object of each level of item (``"action"`` -> the action's :class:`~agenda.format._types.Obj`).
OBJECTS: dict[str, Obj] = _objects(AGENDA, {})
