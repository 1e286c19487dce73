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

from agenda.errors import AgendaError, Problem, Severity, UnreadableError
from agenda.loader import Validation, load, loads, target, validate, validate_text
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

__version__ = "0.1.0"

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
    "Problem",
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
    "load",
    "loads",
    "target",
    "to_json",
    "validate",
    "validate_text",
]

# Names whose modules are loaded on first use, so `import agenda` stays quick.
_LAZY = {
    "to_json": "agenda.export",
}

if TYPE_CHECKING:
    from agenda.export import to_json


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'agenda' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
