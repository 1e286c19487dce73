"""Tests for agenda.query.diff: what changed between two reporting years."""

from __future__ import annotations

import json

from agenda.model import Action, Agenda, Direction, Goal, Indicator, StatusRecord, Theme, Value
from agenda.query.diff import Trend, diff
from agenda.render.reflectie_text import render_markdown, render_text


def _plan() -> Agenda:
    actions = (
        Action("same", "Zelfde", status=(StatusRecord(2022, "loopt"), StatusRecord(2023, "loopt"))),
        Action("worse", "Slechter", status=(StatusRecord(2022, "loopt"), StatusRecord(2023, "vertraagd", note="ziek"))),
        Action("better", "Beter", status=(StatusRecord(2022, "risico", note="x"), StatusRecord(2023, "op-schema"))),
        Action("new", "Nieuw", status=(StatusRecord(2023, "loopt"),)),
        Action("done", "Klaar", status=(StatusRecord(2022, "loopt"), StatusRecord(2023, "afgerond"))),
        Action("gone", "Weg", status=(StatusRecord(2022, "loopt"),)),
    )
    indicators = (
        Indicator("down", "Omlaag", direction=Direction.LOWER, values=(Value(2022, 10), Value(2023, 8))),
        Indicator("up", "Omhoog", direction=Direction.LOWER, values=(Value(2022, 10), Value(2023, 12))),
        Indicator("flat", "Vlak", values=(Value(2022, 10), Value(2023, 12))),
        Indicator("half", "Half", values=(Value(2023, 12),)),
    )
    return Agenda(
        "T", "P", themes=(Theme("t", "Thema", goals=(Goal("g", "G", actions=actions),)),), indicators=indicators
    )


class TestDiff:
    def test_status_changes(self) -> None:
        """Items recorded in both years with a different word are listed with both words, in file order."""
        result = diff(_plan(), 2022, 2023)
        assert [(c.item, c.before, c.after) for c in result.changes] == [
            ("worse", "loopt", "vertraagd"),
            ("better", "risico", "op-schema"),
            ("done", "loopt", "afgerond"),
        ]
        assert result.changes[0].note == "ziek"

    def test_opened_and_closed(self) -> None:
        """New items are opened; items that became done or were no longer recorded are closed."""
        result = diff(_plan(), 2022, 2023)
        assert [c.item for c in result.opened] == ["new"]
        assert [(c.item, c.after) for c in result.closed] == [("done", "afgerond"), ("gone", None)]

    def test_indicator_movements(self) -> None:
        """Indicators with a value in both years move better, worse or without a direction."""
        result = diff(_plan(), 2022, 2023)
        assert [(m.indicator, m.before, m.after, m.trend) for m in result.movements] == [
            ("down", 10, 8, Trend.BETTER),
            ("up", 10, 12, Trend.WORSE),
            ("flat", 10, 12, Trend.UNSTEERED),
        ]
        assert [m.desired for m in result.movements] == [True, False, None]

    def test_new_and_no_longer_lagging(self) -> None:
        """Lagging items are compared through the reflectie of both years, stale entries aside."""
        result = diff(_plan(), 2022, 2023)
        assert {e.item for e in result.new_lagging} == {"worse", "up"}
        assert [e.item for e in result.no_longer_lagging] == ["better"]

    def test_json_and_text(self) -> None:
        """The diff serialises to plain JSON and renders as text and Markdown in both languages."""
        result = diff(_plan(), 2022, 2023)
        data = json.loads(json.dumps(result.to_json("en")))
        assert data["from"] == 2022 and data["movements"][0]["trend"] == "better"
        text = render_text(result, "nl")
        assert "inspanning ‘Slechter’: loopt → vertraagd" in text and "Nieuw achtergebleven" in text
        assert "indicator ‘Omhoog’: 10 → 12 (worse)" in render_markdown(result, "en")
