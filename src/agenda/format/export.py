"""The plan as versioned JSON: the interchange format for tools in other languages.

The export is the plan in its canonical form, written from the one description of
the format (:data:`agenda.format.spec.AGENDA`): the same keys as ``agenda.yaml``
(format 1, see docs/yaml-reference.md), every figure kept, defaults left out except
where they carry meaning.  So it validates against the shipped JSON Schema and
:func:`agenda.loads` reads it back into an equal model.
"""

from __future__ import annotations

import json
from typing import Any

from agenda.format.spec import AGENDA
from agenda.model import Agenda
from agenda.numbers import json_number

__all__ = ["FORMAT", "SCHEMA_ID", "to_data", "to_json"]

FORMAT = 1
SCHEMA_ID = "https://agenda.invalid/schema/agenda-1.json"


def to_json(agenda: Agenda) -> str:
    """The whole plan as JSON text (UTF-8, two-space indent, ending in a newline)."""
    return json.dumps(to_data(agenda), ensure_ascii=False, indent=2, default=_number) + "\n"


def to_data(agenda: Agenda) -> dict[str, Any]:
    """The whole plan as plain JSON-ready data (Decimals stay Decimal; :func:`to_json` writes them as JSON numbers)."""
    return {"$schema": SCHEMA_ID, "format": FORMAT, **AGENDA.dump(agenda)}


def _number(obj: object) -> object:
    # Figures have at most 15 significant digits (the loader refuses more), so a
    # float carries a Decimal exactly through JSON.
    from decimal import Decimal

    if isinstance(obj, Decimal):
        return json_number(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")
