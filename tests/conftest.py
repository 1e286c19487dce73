"""Shared fixtures: paths to the repository's plans, and a helper to write plan text to a file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible); locally hypothesis
# explores new ones on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DEVENTER = ROOT / "agenda.yaml"

MINIMAL = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
themes:
  - id: jeugd
    name: Jeugd en veiligheid
    goals:
      - id: veilige-school
        name: Een veilige schoolomgeving
        actions:
          - id: vios
            name: Veilig In en Om School
            status: {2023: loopt}
indicators:
  - id: overlast
    name: Meldingen jeugdoverlast
    better: lower
    source: data.politie.nl
    values: {2022: 375, 2023: 608}
"""


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[[str], Path]:
    """Write plan text to a fresh file and return its path."""

    def write(text: str, name: str = "agenda.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
