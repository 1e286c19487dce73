"""Tests for the indicator charts (agenda.render.charts)."""

from __future__ import annotations

import sys

import pytest

from agenda.render.charts import render_chart, render_charts, render_theme_charts, theme_indicators
from tests.render_fixtures import shuffled, small_plan


class TestCharts:
    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    def test_svg_is_deterministic(self) -> None:
        """The same plan gives byte-identical SVG."""
        assert render_chart(small_plan(), "meldingen", 2023) == render_chart(small_plan(), "meldingen", 2023)

    def test_order_of_values_does_not_matter(self) -> None:
        """Shuffled values and targets give the same SVG."""
        assert render_chart(shuffled(small_plan(), 2), "meldingen", 2023) == render_chart(
            small_plan(), "meldingen", 2023
        )

    def test_dollar_and_underscore_are_text(self) -> None:
        """A name with ``$`` and ``_`` is drawn as written, not as mathtext."""
        svg = render_chart(small_plan(), "meldingen", 2023).decode("utf-8")
        assert "Meldingen jeugdoverlast ($ per_jaar) (aantal)" in svg

    def test_no_date_in_svg(self) -> None:
        """The SVG carries no creation date."""
        assert b"<dc:date>" not in render_chart(small_plan(), "meldingen", 2023)

    def test_marks_year_targets_and_baseline(self) -> None:
        """The legend names the reporting year, the baseline, the target and the second source."""
        svg = render_chart(small_plan(), "meldingen", 2023, lang="en").decode("utf-8")
        for text in ("reporting year 2023", "baseline 2019", "target", "other source", "&lt; 550"):
            assert text in svg

    def test_png(self) -> None:
        """PNG output starts with the PNG signature."""
        assert render_chart(small_plan(), "veiligheidsgevoel", 2023, "png").startswith(b"\x89PNG")

    def test_theme_small_multiples(self) -> None:
        """A theme's figure has a panel per indicator of that theme."""
        plan = small_plan()
        assert [i.id for i in theme_indicators(plan, "jeugd")] == ["meldingen", "veiligheidsgevoel"]
        svg = render_theme_charts(plan, "jeugd", 2023).decode("utf-8")
        assert "Veiligheidsgevoel (cijfer)" in svg and "Meldingen jeugdoverlast" in svg

    def test_all_charts(self) -> None:
        """``render_charts`` gives one chart per indicator, or per theme, keyed by id."""
        plan = small_plan()
        assert list(render_charts(plan, 2023)) == ["meldingen", "veiligheidsgevoel"]
        assert list(render_charts(plan, 2023, per="theme")) == ["jeugd"]

    def test_unknown_indicator(self) -> None:
        """An unknown indicator id is refused with its name."""
        with pytest.raises(ValueError, match="nergens"):
            render_chart(small_plan(), "nergens")


class TestMissing:
    def test_missing_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib the error names the pip install of the extra."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(ImportError, match=r"pip install matplotlib .*extra charts"):
            render_chart(small_plan(), "meldingen")
