"""The format as data: what every key expects, and the check of raw nodes against it.

:data:`AGENDA` describes the whole file.  :func:`check` walks a raw
:class:`~agenda.format._yaml.Node` tree against it and returns *checked raw data* —
plain Python values, with a ``Location`` under the key ``"@"`` of every
mapping — and every problem found on the way.  The same description produces
the shipped JSON Schema (:func:`json_schema`), so the two cannot drift apart.

The kinds of value (text, ids, numbers the YAML 1.2 way, lists, objects …)
live in :mod:`agenda.format._types`; the names other modules use are re-exported here.
"""

from __future__ import annotations

from typing import Any

from agenda.errors import Problem
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
    Seq,
    TargetText,
    Text,
    Type,
    YearMap,
    _Ctx,
)

# Re-exported for the loader and the tests, which know them as ``_schema.*``.
from agenda.format._types import _T as _T
from agenda.format._types import parse_target as parse_target
from agenda.format._yaml import Node, TooManyProblems

__all__ = ["AGENDA", "Checked", "check", "json_schema"]

# --------------------------------------------------------------------------- the format


_text, _id, _date, _num_t, _int = Text(), Id(), Date(), Number(), Int()
_ids = Seq(_id)
_texts = Seq(_text)

_STATUS_RECORD = Obj(
    "Status record",
    {
        "status": Field(_id, True, "an id of the status vocabulary"),
        "progress": Field(Int(0, 100, "t-int", "50"), doc="percent done, 0..100"),
        "note": Field(_text, doc="the explanation"),
        "recorded": Field(_date, doc="when it was recorded"),
    },
    item_key=None,
    shorthand=(_id, "status"),
)
_STATUS = YearMap(_STATUS_RECORD)


def _budget() -> Type:
    return _BUDGET_LINE


_BUDGET_LINE: Obj = Obj(
    "Budget line",
    {
        "name": Field(_text),
        "amount": Field(Int(0, 10**12, "t-int", "96000"), True, "euros"),
        "kind": Field(Enum("structureel", "incidenteel"), True),
        "from": Field(YEAR, doc="first year; left out where the source gives none"),
        "years": Field(Int(1, 100, "t-int", "3"), doc="incidenteel: for how many years"),
        "every": Field(Int(1, 100, "t-int", "2"), doc="once per N years"),
        "items": Field(Seq(Lazy(_budget, "budget_line")), doc="sub-items"),
        "note": Field(_text),
    },
    item_key=None,  # problems in a budget line name the action it belongs to
)

_TAG = Obj("Tag", {"id": Field(_id, True), "name": Field(_text, True), "kind": Field(_id),
                   "description": Field(_text)})
_PILLAR = Obj("Pillar", {"id": Field(_id, True), "name": Field(_text, True), "description": Field(_text)})

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
        "budget": Field(Seq(_BUDGET_LINE)),
        "needs": Field(_ids, doc="ids this action depends on"),
        "contributes_to": Field(_ids, doc="goals elsewhere it serves"),
        "pillar": Field(_id),
        "tags": Field(_ids),
        "status": Field(_STATUS),
        "source": Field(_text),
    },
)

_GOAL = Obj(
    "Goal",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "description": Field(_text),
        "pillar": Field(_id),
        "tags": Field(_ids),
        "needs": Field(_ids),
        "actions": Field(Seq(_ACTION)),
        "status": Field(_STATUS),
        "source": Field(_text),
    },
)

_THEME = Obj(
    "Theme",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "kind": Field(_id, doc="strategisch, fundament, ontwikkelthema, doorlopend, or a kind of theme_kinds"),
        "description": Field(_text),
        "plan": Field(_id, doc="the earlier plan this theme belongs to"),
        "kbv": Field(Int(1, 5, "t-int", "1"), doc="VNG Kernbeleid Veiligheid veld"),
        "continued_in": Field(_ids),
        "pillars": Field(Seq(_PILLAR)),
        "tags": Field(Seq(_TAG)),
        "goals": Field(Seq(_GOAL)),
        "actions": Field(Seq(_ACTION)),
        "status": Field(_STATUS),
        "source": Field(_text),
    },
)

_SOURCE = Obj(
    "Source",
    {"name": Field(_text, True), "url": Field(_text), "table": Field(_text), "column": Field(_text)},
    item_key=None,
    shorthand=(_text, "name"),
)

_VALUE = Obj(
    "Value",
    {
        "value": Field(_num_t),
        "approximate": Field(Bool()),
        "text": Field(_text, doc="as published when not a number, e.g. '-'"),
        "source": Field(_text),
        "note": Field(_text),
        "area": Field(_id),
        "unit": Field(_text),
    },
    item_key=None,
    shorthand=(_num_t, "value"),
)

_BASELINE = Obj(
    "Baseline",
    {"year": Field(YEAR, True), "value": Field(_num_t), "approximate": Field(Bool()), "text": Field(_text),
     "source": Field(_text), "note": Field(_text), "area": Field(_id), "unit": Field(_text)},
    item_key=None,
)

_TARGET_T = Obj(
    "Target",
    {"target": Field(TargetText(), True), "revised": Field(TargetText()), "note": Field(_text)},
    item_key=None,
    shorthand=(TargetText(), "target"),
)

_INDICATOR = Obj(
    "Indicator",
    {
        "id": Field(_id, True),
        "name": Field(_text, True),
        "description": Field(_text),
        "unit": Field(_text),
        "kind": Field(Enum("count", "percentage", "score", "rank", "amount")),
        "better": Field(Enum("lower", "higher", "none")),
        "measures": Field(_ids),
        "theme": Field(_id),
        "scope": Field(_text),
        "source": Field(_SOURCE),
        "frequency": Field(Int(1, 10, "t-int", "2")),
        "baseline": Field(_BASELINE),
        "targets": Field(YearMap(_TARGET_T)),
        "ambition": Field(Obj("Ambition", {"year": Field(YEAR), "target": Field(TargetText(), True)},
                              item_key=None, shorthand=(TargetText(), "target"))),
        "values": Field(YearMap(OneOrMany(_VALUE))),
        "categories": Field(Seq(Obj("Category", {"id": Field(_id, True), "name": Field(_text, True)}))),
        "breakdown": Field(YearMap(KeyMap(_num_t))),
        "capacity": Field(_num_t),
        "tolerance": Field(_num_t),
    },
)

_LANG_WORDS = Obj("Words", {"nl": Field(_text), "en": Field(_text)}, item_key=None)

_STATUS_WORD = Obj(
    "Status word",
    {
        "id": Field(_id, True),
        "nl": Field(_text, True),
        "en": Field(_text, True),
        "done": Field(Bool()),
        "lagging": Field(Bool()),
        "started": Field(Bool()),
        "colour": Field(Colour()),
        "mark": Field(_text),
        "rank": Field(Int(0, 100, "t-int", "3")),
    },
)

AGENDA = Obj(
    "Agenda",
    {
        "$schema": Field(_text, doc="the JSON Schema this file follows (for editors and tools)"),
        "format": Field(Int(1, 1, "t-int", "1"), True, "version of the format"),
        "gemeente": Field(_text, True),
        "title": Field(_text, True),
        "id": Field(_id),
        "motto": Field(_text),
        "adopted": Field(Obj("Adopted", {"by": Field(_text), "on": Field(_date)}, item_key=None)),
        "period": Field(Obj("Period", {"from": Field(YEAR, True), "to": Field(YEAR)}, item_key=None)),
        "reporting_years": Field(Seq(YEAR)),
        "language": Field(Enum("nl", "en")),
        "levels": Field(KeyMap(_LANG_WORDS)),
        "statuses": Field(Seq(_STATUS_WORD)),
        "theme_kinds": Field(KeyMap(_LANG_WORDS)),
        "rollup": Field(Obj("Roll-up", {"rule": Field(Enum("worst", "share"), True), "share": Field(_num_t)},
                            item_key=None)),
        "rules": Field(KeyMap(Obj("Rule settings", {
            "enabled": Field(Bool()), "tolerance": Field(_num_t), "severity": Field(Enum("high", "medium", "low")),
        }, item_key=None))),
        "plans": Field(Seq(Obj("Plan", {
            "id": Field(_id, True), "title": Field(_text, True),
            "period": Field(Obj("Period", {"from": Field(YEAR, True), "to": Field(YEAR)}, item_key=None)),
            "adopted": Field(Obj("Adopted", {"by": Field(_text), "on": Field(_date)}, item_key=None)),
        }))),
        "areas": Field(Seq(Obj("Area", {"id": Field(_id, True), "name": Field(_text, True)}))),
        "themes": Field(Seq(_THEME)),
        "indicators": Field(Seq(_INDICATOR)),
        "source": Field(_text),
    },
    item_key=None,
    doc="A municipal safety plan (Strategische Veiligheidsagenda / IVP) in the agenda format.",
)


def check(root: Node, file: str) -> tuple[Checked, list[Problem]]:
    """Check a raw tree against the format: the checked data (with ``"@"`` locations) and every problem."""
    ctx = _Ctx(file)
    try:
        data = AGENDA.read(root, ctx, None)
    except TooManyProblems:  # the last problem says reading stopped
        return None, list(ctx.problems)
    return (None if data is _MISSING else data), list(ctx.problems)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of the format, generated from :data:`AGENDA`."""
    schema = AGENDA.schema()
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://agenda.invalid/schema/agenda-1.json",
        **schema,
        "definitions": {"budget_line": _BUDGET_LINE.schema()},
    }
