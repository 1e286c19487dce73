"""agenda: a municipality's safety plan as a typed model and a graph.

Load a plan, ask what lagged and why, what depends on what, what the budget adds
up to; render diagrams, the goal/action matrix and the yearly report.

>>> import agenda
>>> plan = agenda.loads('''
... format: 1
... gemeente: Voorbeeld
... title: Integraal Veiligheidsplan
... themes:
...   - {id: jeugd, name: Jeugd en veiligheid}
... ''')
>>> plan.get("jeugd").name
'Jeugd en veiligheid'

The pipeline, one module per stage, each importing only from the ones before it:
``_yaml`` (text -> located raw nodes) -> ``_schema`` (checked raw data) ->
``model`` + ``loader`` (the frozen model) -> ``graph`` -> ``rollup``,
``reflectie``, ``diff``, ``budget`` (query results) -> ``render`` (text and
pictures) -> ``update`` (careful writes) -> ``cli``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agenda import _moved

__version__ = "0.1.0"

# Old import paths of 0.1.0 (agenda.loader, agenda.reflectie …) keep working, with a DeprecationWarning.
_moved.install()

__all__ = [
    "Action",
    "Agenda",
    "AgendaError",
    "BudgetKind",
    "BudgetLine",
    "Config",
    "Direction",
    "Goal",
    "Indicator",
    "Location",
    "Pillar",
    "PlanGraph",
    "Problem",
    "Reflectie",
    "Rule",
    "Severity",
    "Status",
    "StatusRecord",
    "Tag",
    "Target",
    "Theme",
    "UnreadableError",
    "Validation",
    "Value",
    "__version__",
    "build_graph",
    "build_report",
    "check_ready",
    "impact",
    "load",
    "loads",
    "new_year",
    "register_rule",
    "render_budget",
    "render_chart",
    "render_dot",
    "render_matrix",
    "set_status",
    "set_target",
    "set_value",
    "target",
    "to_json",
    "validate",
    "validate_text",
]

# The query functions `reflectie`, `rollup`, `diff` and `budget` live in the modules of the same
# name (`from agenda.query.reflectie import reflectie`): a package attribute cannot be both a module and
# a function.  Every name is loaded on first use (PEP 562), so `import agenda` — and with it every
# `agenda` command, `--version` included — costs nearly nothing until a name is used.
_LAZY = {
    **dict.fromkeys(("AgendaError", "Problem", "Severity", "UnreadableError"), "agenda.errors"),
    **dict.fromkeys(("Validation", "load", "loads", "target", "validate", "validate_text"), "agenda.format.loader"),
    **dict.fromkeys(
        ("Action", "Agenda", "BudgetKind", "BudgetLine", "Config", "Direction", "Goal", "Indicator", "Location",
         "Pillar", "Status", "StatusRecord", "Tag", "Target", "Theme", "Value"),
        "agenda.model",
    ),
    "to_json": "agenda.format.export",
    "build_graph": "agenda.graph",
    "PlanGraph": "agenda.graph",
    "impact": "agenda.query.reflectie",
    "register_rule": "agenda.query.reflectie",
    "Rule": "agenda.query.reflectie",
    "Reflectie": "agenda.query.reflectie",
    "render_dot": "agenda.render.dot",
    "render_matrix": "agenda.render.matrix",
    "render_chart": "agenda.render.charts",
    "render_budget": "agenda.render.budget_table",
    "build_report": "agenda.render.report",
    "set_status": "agenda.edit.update",
    "set_value": "agenda.edit.update",
    "set_target": "agenda.edit.update",
    "new_year": "agenda.edit.update",
    "check_ready": "agenda.query.readiness",
}

if TYPE_CHECKING:
    from agenda.edit.update import new_year, set_status, set_target, set_value
    from agenda.errors import AgendaError, Problem, Severity, UnreadableError
    from agenda.format.export import to_json
    from agenda.format.loader import Validation, load, loads, target, validate, validate_text
    from agenda.graph import PlanGraph, build_graph
    from agenda.model import (
        Action,
        Agenda,
        BudgetKind,
        BudgetLine,
        Config,
        Direction,
        Goal,
        Indicator,
        Location,
        Pillar,
        Status,
        StatusRecord,
        Tag,
        Target,
        Theme,
        Value,
    )
    from agenda.query.readiness import check_ready
    from agenda.query.reflectie import Reflectie, Rule, impact, register_rule
    from agenda.render.budget_table import render_budget
    from agenda.render.charts import render_chart
    from agenda.render.dot import render_dot
    from agenda.render.matrix import render_matrix
    from agenda.render.report import build_report


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agenda' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
