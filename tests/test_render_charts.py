"""Tests for the indicator charts (agenda.render.charts): the SVG written directly, the PNG by matplotlib."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

import attrs
import pytest

from agenda.model import Agenda, Area, Comparator, Indicator, Target, Value, YearTarget
from agenda.render._chart_model import nice_ticks
from agenda.render.charts import has_chart, render_chart, render_charts, render_theme_charts, theme_indicators
from tests.render_fixtures import HOSTILE, check_golden, shuffled, small_plan

_SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter(f"{_SVG}text")]


def _with(indicator: Indicator) -> Agenda:
    return attrs.evolve(small_plan(), indicators=(indicator,))


class TestSvg:
    def test_golden_single(self) -> None:
        """One indicator's chart matches the reviewed golden picture."""
        check_golden("chart-meldingen.svg", render_chart(small_plan(), "meldingen", 2023))

    def test_golden_theme(self) -> None:
        """A theme's small multiples match the reviewed golden picture."""
        check_golden("chart-jeugd.en.svg", render_theme_charts(small_plan(), "jeugd", 2023, lang="en"))

    def test_well_formed(self) -> None:
        """The SVG is well-formed XML with a title for screen readers."""
        root = ET.fromstring(render_chart(small_plan(), "veiligheidsgevoel", 2023))
        assert root.tag == f"{_SVG}svg"
        assert root.find(f"{_SVG}title") is not None

    def test_svg_is_deterministic(self) -> None:
        """The same plan gives byte-identical SVG."""
        assert render_chart(small_plan(), "meldingen", 2023) == render_chart(small_plan(), "meldingen", 2023)

    def test_order_of_values_does_not_matter(self) -> None:
        """Shuffled values and targets give the same SVG."""
        assert render_chart(shuffled(small_plan(), 2), "meldingen", 2023) == render_chart(
            small_plan(), "meldingen", 2023
        )

    def test_dollar_and_underscore_are_text(self) -> None:
        """A name with ``$`` and ``_`` is drawn as written."""
        assert "Meldingen jeugdoverlast ($ per_jaar) (aantal)" in _texts(render_chart(small_plan(), "meldingen", 2023))

    def test_hostile_name_is_escaped(self) -> None:
        """Markup in a name is text in the SVG, never an element."""
        plan = _with(Indicator("x", HOSTILE, values=(Value(2022, 1), Value(2023, 2))))
        svg = render_chart(plan, "x", 2023)
        assert b"<b>" not in svg
        assert any("bold" in t for t in _texts(svg))

    def test_no_date_in_svg(self) -> None:
        """The SVG carries no creation date."""
        assert b"date" not in render_chart(small_plan(), "meldingen", 2023).lower()

    def test_marks_year_targets_and_baseline(self) -> None:
        """The legend names the reporting year, the baseline, the target and the second source."""
        texts = _texts(render_chart(small_plan(), "meldingen", 2023, lang="en"))
        for text in ("reporting year 2023", "baseline 2019", "target", "other source", "< 550", "actual"):
            assert text in texts

    def test_ambition(self) -> None:
        """The ambition is a star with its year in the legend and its text as published."""
        texts = _texts(render_chart(small_plan(), "veiligheidsgevoel", 2023))
        assert "ambitie 2027" in texts and ">= 7,5" in texts

    def test_dutch_numbers_on_axis_and_labels(self) -> None:
        """Axis ticks and value labels use a decimal comma in Dutch and a point in English."""
        nl = _texts(render_chart(small_plan(), "veiligheidsgevoel", 2023))
        en = _texts(render_chart(small_plan(), "veiligheidsgevoel", 2023, lang="en"))
        assert "7,2" in nl and "6,9" in nl and "7.2" not in nl
        assert "7.2" in en and "6.9" in en

    def test_counts_have_whole_ticks(self) -> None:
        """An indicator of whole numbers has no tick such as 8,5 on its axis."""
        plan = _with(Indicator("x", "Aantal", values=(Value(2021, 9), Value(2022, 9), Value(2023, 8))))
        texts = _texts(render_chart(plan, "x", 2023))
        assert "8" in texts and "9" in texts and not any("," in t for t in texts)

    def test_thousands_grouped(self) -> None:
        """Figures from 10.000 up are grouped with a point in Dutch."""
        plan = _with(Indicator("x", "Groot", values=(Value(2022, 12500), Value(2023, 14000))))
        texts = _texts(render_chart(plan, "x", 2023))
        assert "12.500" in texts and "14.000" in texts

    def test_approximate_value(self) -> None:
        """An approximate figure is labelled 'ca.'."""
        plan = _with(Indicator("x", "Ongeveer", values=(Value(2022, 100, approximate=True), Value(2023, 120))))
        assert "ca. 100" in _texts(render_chart(plan, "x", 2023))

    def test_areas_without_total(self) -> None:
        """Figures per wijk only: a line per area, named in the legend."""
        plan = attrs.evolve(
            _with(Indicator("x", "Per wijk", values=(Value(2022, 3, area="a"), Value(2023, 4, area="a"),
                                                      Value(2022, 5, area="b")))),
            areas=(Area("a", "Centrum"), Area("b", "Colmschate")),
        )
        svg = render_chart(plan, "x", 2023)
        assert "Centrum" in _texts(svg) and "Colmschate" in _texts(svg)
        assert svg.count(b"<polyline") == 1  # area b has one point: no line, a marker

    def test_range_target(self) -> None:
        """A range target is a band between its bounds with its text."""
        target = Target("10-20", Comparator.RANGE, 10, upper=20)
        plan = _with(Indicator("x", "Bereik", targets=(YearTarget(2023, target),),
                               values=(Value(2022, 12), Value(2023, 25))))
        svg = render_chart(plan, "x", 2023)
        assert "10-20" in _texts(svg) and b'fill-opacity="0.15"' in svg

    def test_baseline_without_a_year(self) -> None:
        """A nulmeting published without a year is a dashed line named without a year."""
        base = attrs.evolve(Value(2019, 7), year=None)  # type: ignore[arg-type]
        plan = _with(Indicator("x", "X", baseline=base, values=(Value(2022, 6), Value(2023, 8))))
        texts = _texts(render_chart(plan, "x", 2023))
        assert "nulmeting" in texts and not any(t.startswith("nulmeting ") for t in texts)

    def test_no_figures(self) -> None:
        """An indicator without any figure says so."""
        plan = _with(Indicator("x", "Leeg"))
        assert "geen cijfers" in _texts(render_chart(plan, "x"))

    def test_theme_small_multiples(self) -> None:
        """A theme's figure has a panel per indicator of that theme."""
        plan = small_plan()
        assert [i.id for i in theme_indicators(plan, "jeugd")] == ["meldingen", "veiligheidsgevoel"]
        texts = _texts(render_theme_charts(plan, "jeugd", 2023))
        assert "Veiligheidsgevoel (cijfer)" in texts and "Meldingen jeugdoverlast ($ per_jaar) (aantal)" in texts

    def test_all_charts(self) -> None:
        """``render_charts`` gives one chart per indicator, or per theme, keyed by id."""
        plan = small_plan()
        assert list(render_charts(plan, 2023)) == ["meldingen", "veiligheidsgevoel"]
        assert list(render_charts(plan, 2023, per="theme")) == ["jeugd"]

    def test_unknown_indicator(self) -> None:
        """An unknown indicator id is refused with its name."""
        with pytest.raises(ValueError, match="nergens"):
            render_chart(small_plan(), "nergens")

    def test_unknown_format(self) -> None:
        """An unknown format is refused with the choices."""
        with pytest.raises(ValueError, match="svg, png"):
            render_chart(small_plan(), "meldingen", fmt="gif")

    def test_svg_needs_no_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """SVG charts are written without matplotlib."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        assert render_chart(small_plan(), "meldingen").startswith(b"<?xml")


class TestHasChart:
    def test_two_figures(self) -> None:
        """Two figures are a trend: worth a chart."""
        assert has_chart(Indicator("x", "X", values=(Value(2022, 1), Value(2023, 2))))

    def test_one_figure_and_a_reference(self) -> None:
        """One figure with a baseline, a target or an ambition is enough."""
        one = (Value(2023, 5),)
        target = Target("< 4", Comparator.LT, 4)
        assert has_chart(Indicator("x", "X", values=one, baseline=Value(2019, 7)))
        assert has_chart(Indicator("x", "X", values=one, targets=(YearTarget(2023, target),)))
        assert has_chart(Indicator("x", "X", values=one, ambition=target, ambition_year=2027))

    def test_one_figure_alone(self) -> None:
        """One figure without anything to compare it with is a number for the table."""
        assert not has_chart(Indicator("x", "X", values=(Value(2023, 5),)))

    def test_no_figure(self) -> None:
        """Targets without any figure are no chart; a '-' is not a figure."""
        target = Target("< 4", Comparator.LT, 4)
        assert not has_chart(Indicator("x", "X", targets=(YearTarget(2023, target),)))
        assert not has_chart(Indicator("x", "X", values=(Value(2023, None, text="-"),), baseline=Value(2019, 7)))


class TestTicks:
    @pytest.mark.parametrize(
        ("low", "high", "expected"),
        [
            (500, 600, (500, 520, 540, 560, 580, 600)),
            (6.9, 7.5, (6.8, 7.0, 7.2, 7.4, 7.6)),
        ],
    )
    def test_round_steps(self, low: float, high: float, expected: tuple[float, ...]) -> None:
        """Ticks are round numbers that cover the data."""
        ticks = nice_ticks(low, high)
        assert ticks == pytest.approx(expected)

    def test_one_value(self) -> None:
        """A single value (or zero) gets ticks on both sides of it."""
        for value in (0, 5, 12500):
            ticks = nice_ticks(value, value)
            assert ticks[0] < value < ticks[-1]

    @pytest.mark.parametrize(("low", "high", "expected"), [
        (7.0, 7.1, (6.695, 7.405)),  # a rapportcijfer: at least 0,71 tall, about its middle
        (375, 608, (375, 608)),     # already wide enough: unchanged
        (0.24, 0.25, (0.2325, 0.2575)),  # figures that are not negative keep an axis that is not
        (-7.1, -7.0, (-7.405, -6.695)),
    ])
    def test_an_honest_span(self, low: float, high: float, expected: tuple[float, float]) -> None:
        """A small change is not blown up to the chart's whole height."""
        from agenda.render._chart_model import _honest_span

        got = _honest_span(low, high)
        assert got == pytest.approx(expected, abs=0.001)

    def test_whole_numbers(self) -> None:
        """Counts get whole ticks, even for a single figure or a small range."""
        assert all(t == int(t) for t in nice_ticks(8, 9, whole=True))
        assert nice_ticks(2, 2, whole=True) == (1.0, 2.0, 3.0)
        assert 2.5 not in nice_ticks(0, 12, whole=True)

    def test_cover(self) -> None:
        """The first tick is at most the lowest value and the last at least the highest."""
        for low, high in [(0.013, 0.9), (1, 987654), (-20, 15), (float(Decimal("7.1")), 7.3)]:
            ticks = nice_ticks(low, high)
            assert ticks[0] <= low and ticks[-1] >= high and 2 <= len(ticks) <= 8


class TestPng:
    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    def test_png(self) -> None:
        """PNG output starts with the PNG signature."""
        assert render_chart(small_plan(), "veiligheidsgevoel", 2023, "png").startswith(b"\x89PNG")

    def test_png_theme(self) -> None:
        """A theme's small multiples are one PNG."""
        assert render_theme_charts(small_plan(), "jeugd", 2023, "png").startswith(b"\x89PNG")

    def test_png_is_deterministic(self) -> None:
        """The same plan gives the same PNG."""
        a = render_chart(small_plan(), "meldingen", 2023, "png")
        assert a == render_chart(shuffled(small_plan(), 3), "meldingen", 2023, "png")


class TestMissing:
    def test_missing_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib a PNG is refused with a pip install that installs matplotlib (not the unrelated
        package called agenda on the index), and the SVG still works."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(ImportError, match=r"pip install matplotlib \(SVG kan zonder") as caught:
            render_chart(small_plan(), "meldingen", fmt="png")
        assert "agenda[" not in str(caught.value)
        assert render_chart(small_plan(), "meldingen", fmt="svg").rstrip().endswith(b"</svg>")

