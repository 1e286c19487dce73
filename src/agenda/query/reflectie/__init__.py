"""The reflectie: what lagged in a reporting year, why, and what it puts at risk.

:func:`reflectie` runs every enabled :class:`Rule` over a plan for one year and returns a
:class:`Reflectie`: one :class:`Entry` per item *per rule* that flagged it (an item flagged
by two rules appears twice, each with its own reason and evidence), sorted by theme order,
then item order in the file, then rule order.  :func:`impact` answers what a delay of one
item puts at risk.  Both are linear in the size of the plan.

Rules are an extension point: :func:`register_rule` adds one; a plan switches a rule off
with ``rules: {overdue: {enabled: false}}`` or tunes it (``{tolerance: 0.2}``,
``{severity: low}``) in its YAML.  See ``docs/reflectie.md``.
"""

from __future__ import annotations

from agenda.query.reflectie._engine import (
    Context,
    Entry,
    Evidence,
    EvidenceValue,
    Finding,
    Reflectie,
    Rule,
    Severity,
    get_rule,
    reflectie,
    register_rule,
    rules,
    unregister_rule,
)
from agenda.query.reflectie._impact import Affected, Impact, impact
from agenda.query.reflectie._rules import (  # noqa: F401  (the built-in rule classes stay importable from here)
    BUILT_IN,
    AgainstReference,
    AtRiskDependency,
    BehindBaseline,
    CapacityReached,
    Overdue,
    StatusLagging,
    TargetMissed,
    Unexplained,
    WrongDirection,
)

__all__ = [
    "Affected",
    "Context",
    "Entry",
    "Evidence",
    "EvidenceValue",
    "Finding",
    "Impact",
    "Reflectie",
    "Rule",
    "Severity",
    "get_rule",
    "impact",
    "reflectie",
    "register_rule",
    "rules",
    "unregister_rule",
]

for _rule in BUILT_IN:
    register_rule(_rule)
