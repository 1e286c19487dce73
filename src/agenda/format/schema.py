"""The JSON Schema (draft-07) of the format, generated from its one description.

The schema ships in the package (``agenda/format/agenda.schema.json``, written by
``agenda schema -o …``) so editors can check a plan while it is typed; a test keeps
the shipped file equal to :func:`json_schema`.
"""

from __future__ import annotations

from typing import Any

from agenda.format.export import SCHEMA_ID
from agenda.format.spec import AGENDA, BUDGET_LINE, GOAL

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of the format, generated from :data:`agenda.format.spec.AGENDA`."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        **AGENDA.schema(),
        # The recursive parts: budget lines with sub-items, goals with sub-goals.
        "definitions": {"budget_line": BUDGET_LINE.schema(), "goal": GOAL.schema()},
    }
