"""The frozen model of a safety plan: what a loaded ``agenda.yaml`` *is*.

Every class here is an immutable :mod:`attrs` class.  Validators check single
fields only; checks that span items (references, duplicate ids, totals) belong
to the loader.  Every item carries the :class:`Location` where it was defined;
locations never take part in equality, so a plan exported to JSON and loaded
again compares equal to the original.

The words a gemeente uses (level names, status words, theme kinds) are data in
:class:`Config`, never constants in code.  The facts that follow from the plan
alone are asked of the model, in one place each: the status of an item in a year
(:meth:`Tracked.status_in`), whether a figure meets a target
(:meth:`Target.met_by`), the direction or unit of a series in a year
(:meth:`Indicator.direction_in`, :meth:`Indicator.unit_in`).

The model is split by subject: ``_base`` (locations, figures), ``_config`` (the
plan's words and rules), ``_budget``, ``_indicator`` and ``_plan`` (the items and
the plan); import every name from :mod:`agenda.model`.
"""

from __future__ import annotations

from agenda.model._base import Location, Number
from agenda.model._budget import BudgetKind, BudgetLine, Side
from agenda.model._config import (
    _DEFAULT_LEVELS,
    _DEFAULT_THEME_KINDS,
    DEFAULT_CONFIG,
    DEFAULT_STATUSES,
    REPORTING_LEVELS,
    Config,
    Status,
)
from agenda.model._indicator import (
    Baseline,
    Break,
    Category,
    Comparator,
    Direction,
    Indicator,
    Reference,
    Source,
    Target,
    Turn,
    Value,
    YearTarget,
)
from agenda.model._plan import (
    Action,
    Agenda,
    Area,
    Goal,
    Item,
    Pillar,
    PlanRef,
    StatusRecord,
    Tag,
    Theme,
    Tracked,
)

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_STATUSES",
    "REPORTING_LEVELS",
    "_DEFAULT_LEVELS",
    "_DEFAULT_THEME_KINDS",
    "Action",
    "Agenda",
    "Area",
    "Baseline",
    "Break",
    "BudgetKind",
    "BudgetLine",
    "Category",
    "Comparator",
    "Config",
    "Direction",
    "Goal",
    "Indicator",
    "Item",
    "Location",
    "Number",
    "Pillar",
    "PlanRef",
    "Reference",
    "Side",
    "Source",
    "Status",
    "StatusRecord",
    "Tag",
    "Target",
    "Theme",
    "Tracked",
    "Turn",
    "Value",
    "YearTarget",
]
