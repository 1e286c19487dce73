"""Tests for the benchmark harness's bookkeeping (benchmarks.run): the regression check and the table in the docs.

The measurements themselves are never run here: speed is measured, never asserted in unit tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.run import BEGIN, END, check, table, write_doc

_RESULT = {
    "when": "2026-12-01",
    "quick": False,
    "python": "3.11.7",
    "machine": "Linux x86_64, test CPU, 2 CPUs",
    "ratios": {"report": 2.0, "start-up": 4.0, "report+dot": 9.0, "pipeline@1000": 40.0},
    "details": {},
}


class TestCheck:
    def test_within_tolerance(self) -> None:
        """Ratios up to 1.5 times the recorded ones pass."""
        now = {**_RESULT, "ratios": {"report": 2.9, "start-up": 4.0, "pipeline@1000": 59.0}}
        assert check(now, _RESULT, 1.5) == []

    def test_worse_fails_with_both_figures(self) -> None:
        """A ratio more than 1.5 times worse is named with the figure and the recorded one."""
        now = {**_RESULT, "ratios": {"report": 3.1, "start-up": 4.0}}
        assert check(now, _RESULT, 1.5) == ["report: 3.10, recorded 2.00 (more than 1.5× worse)"]

    def test_info_and_unrecorded_ratios_are_not_checked(self) -> None:
        """Ratios without a goal, or without a recorded figure, never fail the check."""
        now = {**_RESULT, "ratios": {"report+dot": 90.0, "compare@12x500": 50.0}}
        assert check(now, _RESULT, 1.5) == []


class TestDoc:
    def test_table_between_the_marks(self, tmp_path: Path) -> None:
        """The table replaces what is between the marks and nothing else, with the machine named."""
        doc = tmp_path / "performance.md"
        doc.write_text(f"# Title\n\nbefore\n\n{BEGIN}\nold\n{END}\n\nafter\n", encoding="utf-8")
        write_doc(_RESULT, doc)
        text = doc.read_text(encoding="utf-8")
        assert text.startswith("# Title\n\nbefore\n\n" + BEGIN) and text.endswith(END + "\n\nafter\n")
        assert "old" not in text and "test CPU" in text and "| 2.00 | ≤ 3 | met |" in text

    def test_goal_not_met_is_marked(self) -> None:
        """A ratio above its limit is marked as not met; one without a limit is information."""
        text = table(_RESULT)
        assert "| 4.00 | ≤ 2.5 | **not met** |" in text and "| 9.00 | — | info |" in text

    def test_missing_marks(self, tmp_path: Path) -> None:
        """A page without the marks is refused instead of overwritten."""
        doc = tmp_path / "performance.md"
        doc.write_text("# Title\n", encoding="utf-8")
        with pytest.raises(SystemExit):
            write_doc(_RESULT, doc)
