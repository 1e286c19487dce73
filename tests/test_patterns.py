"""Plans written the way other gemeenten publish them are judged as a raad member would.

The made-up plan ``examples/nieuwstad-2023-2026.yaml`` holds every pattern of the judgement
issue: bare targets, a direction that turns, values per area, breaks in a series, a target
judged on an earlier measurement, a nulmeting without a year, a reference series, other
target shapes, budgets as published, sub-goals, a status per pillar and reporting per goal.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import agenda
from agenda.model import Comparator, Direction, Indicator
from agenda.query.budget import budget
from agenda.query.diff import diff
from agenda.query.indicators import Trend, against_baseline, change, judgements, table
from agenda.query.readiness import check_ready
from agenda.query.reflectie import reflectie
from agenda.render.budget_table import render_budget

NIEUWSTAD = Path(__file__).resolve().parent.parent / "examples" / "nieuwstad-2023-2026.yaml"


@pytest.fixture(scope="module")
def plan() -> agenda.Agenda:
    return agenda.load(NIEUWSTAD)


def _indicator(plan: agenda.Agenda, item: str) -> Indicator:
    found = plan.get(item)
    assert isinstance(found, Indicator)
    return found


def _entries(plan: agenda.Agenda, year: int, item: str) -> list[tuple[str, str | None]]:
    return [(e.rule, e.area) for e in reflectie(plan, year).entries if e.item == item]


class TestBareTargets:
    """A target without a comparator is read with the indicator's direction."""

    def test_a_bare_ceiling_is_met_by_a_lower_figure(self, plan: agenda.Agenda) -> None:
        """"doel 4,5" with lower is better, realisatie 3,8: met (once "exactly 4,5", so missed)."""
        ind = _indicator(plan, "woninginbraken")
        (judged,) = judgements(ind, 2024)
        assert judged.met and judged.comparator is Comparator.LE and judged.target.current.bare
        assert _entries(plan, 2024, "woninginbraken") == []

    def test_a_bare_target_without_direction_warns(self) -> None:
        """Without `better`, a bare target counts as exactly equal, with a warning that says so."""
        text = NIEUWSTAD.read_text(encoding="utf-8").replace(
            "    better: lower\n    measures: [minder-inbraken]", "    measures: [minder-inbraken]")
        result = agenda.validate_text(text)
        assert {p.code for p in result.warnings} == {"bare-target"}
        ind = _indicator(result.agenda, "woninginbraken")  # type: ignore[arg-type]
        assert not judgements(ind, 2024)[0].met

    def test_a_comparator_against_the_direction_warns(self) -> None:
        """A floor where lower is better is legal but suspicious: a warning."""
        text = NIEUWSTAD.read_text(encoding="utf-8").replace('      2023: "5,0"', '      2023: "min. 5,0"')
        assert [p.code for p in agenda.validate_text(text).warnings] == ["target-contradicts"]


class TestDirectionThatTurns:
    """Fewer reports wanted until 2020, more from 2021 on."""

    def test_direction_per_year(self, plan: agenda.Agenda) -> None:
        """The direction of each year follows the last turn."""
        ind = _indicator(plan, "meldingen-huiselijk-geweld")
        assert ind.direction_in(2020) is Direction.LOWER and ind.direction_in(2024) is Direction.HIGHER

    def test_rule_and_diff_follow_the_year(self, plan: agenda.Agenda) -> None:
        """A fall from 520 to 440 in 2024 is the wrong way (more reports are wanted), in the reflectie and diff."""
        assert _entries(plan, 2024, "meldingen-huiselijk-geweld") == [("wrong-direction", None)]
        moved = next(m for m in diff(plan, 2023, 2024).movements if m.indicator == "meldingen-huiselijk-geweld")
        assert moved.trend is Trend.WORSE
        early = change(_indicator(plan, "meldingen-huiselijk-geweld"), 2019, 2020)
        assert early is not None and early.trend is Trend.BETTER  # 400 -> 380 was good while fewer was wanted


class TestValuesPerArea:
    """Each wijk is held against its own target, or the one every wijk must meet."""

    def test_lagging_areas_are_the_news(self, plan: agenda.Agenda) -> None:
        """Noord misses "iedere wijk min. 7,0", Zuid its own 6,8; Centrum and the gemeente meet theirs."""
        entries = [e for e in reflectie(plan, 2024).entries if e.item == "veiligheidsgevoel"]
        assert [(e.rule, e.area) for e in entries] == [("target-missed", "noord"), ("target-missed", "zuid")]
        assert "in Zuid uit op 6,6" in entries[1].text("nl") and "min. 6,8" in entries[1].text("nl")
        assert entries[0].to_json()["area"] == "noord"

    def test_the_table_shows_the_areas(self, plan: agenda.Agenda) -> None:
        """The four-column table holds the figure of every area in the year it was measured."""
        rows = {row.year: row for row in table(_indicator(plan, "veiligheidsgevoel")).rows}
        assert [area for area, _ in rows[2023].areas] == ["centrum", "noord", "zuid"]
        assert len(rows[2024].targets) == 3


class TestBreaksInASeries:
    """A unit that changes is converted; a definition that changes is not compared."""

    def test_a_rise_hidden_by_a_unit_change_is_still_a_rise(self, plan: agenda.Agenda) -> None:
        """38 per 10.000 is 3,8 per 1.000: 4,6 per 1.000 is a rise of 21 %, flagged as the wrong way."""
        moved = change(_indicator(plan, "jeugdoverlast"), 2023, 2024)
        assert moved is not None and moved.converted == Decimal("3.8") and moved.trend is Trend.WORSE
        (entry,) = [e for e in reflectie(plan, 2024).entries if e.item == "jeugdoverlast"]
        assert "38 per 10.000 inwoners (omgerekend 3,8 per 1.000 inwoners)" in entry.text("nl")

    def test_each_year_in_its_own_unit(self, plan: agenda.Agenda) -> None:
        """The table gives each year the unit it was published in."""
        rows = {row.year: row.unit for row in table(_indicator(plan, "jeugdoverlast")).rows}
        assert rows == {2023: "per 10.000 inwoners", 2024: "per 1.000 inwoners"}

    def test_a_new_definition_is_not_compared(self, plan: agenda.Agenda) -> None:
        """64 -> 21 across a new definition: diff says not comparable and why; no rule fires."""
        moved = next(m for m in diff(plan, 2023, 2024).movements if m.indicator == "huisverboden")
        assert moved.trend is Trend.INCOMPARABLE and moved.breaks[0].definition
        from agenda.render.reflectie_text import render_text

        assert "nieuwe definitie" in render_text(diff(plan, 2023, 2024), "nl")
        assert _entries(plan, 2024, "huisverboden") == []


class TestMeasurementYearAndBaseline:
    """A coalition target judged on an earlier monitor; a nulmeting without a year."""

    def test_the_target_of_2024_is_judged_on_the_monitor_of_2023(self, plan: agenda.Agenda) -> None:
        """The sentence names the year of the measurement."""
        (entry, _) = [e for e in reflectie(plan, 2024).entries if e.item == "veiligheidsgevoel"]
        assert "(gemeten in 2023)" in entry.text("nl")

    def test_a_nulmeting_without_a_year(self, plan: agenda.Agenda) -> None:
        """The latest figure beats the nulmeting of 6,8 measured before the plan: better, no entry."""
        ind = _indicator(plan, "woninginbraken")
        assert ind.baseline is not None and ind.baseline.year is None
        moved = against_baseline(ind, 2024)
        assert moved is not None and moved.trend is Trend.BETTER

    def test_worse_than_the_nulmeting(self, plan: agenda.Agenda) -> None:
        """7,0 in 2023 against a nulmeting of 7,1 is an entry of its own."""
        assert ("behind-baseline", None) in _entries(plan, 2023, "veiligheidsgevoel")


class TestReferenceSeries:
    """The national average beside the gemeente's own figure; never itself judged."""

    def test_moving_against_the_reference(self, plan: agenda.Agenda) -> None:
        """7,1 -> 7,0 while the national average went 7,0 -> 7,2: the wrong way compared with it."""
        (entry,) = [e for e in reflectie(plan, 2023).entries if e.rule == "against-reference"]
        assert entry.item == "veiligheidsgevoel" and "landelijk gemiddelde" in entry.text("nl")


class TestOtherTargetShapes:
    """A rank, an average and a revised target."""

    def test_rank_lower_is_better(self, plan: agenda.Agenda) -> None:
        """Plek 28 against "plek 25": missed, said as "hoogstens plek 25"."""
        (entry,) = [e for e in reflectie(plan, 2024).entries if e.item == "ranglijst-ad"]
        assert "hoogstens plek 25" in entry.text("nl")

    def test_average_and_revised(self, plan: agenda.Agenda) -> None:
        """An average of 6,2 misses "gemiddeld minimaal 6,5"; 4,6 meets the revised "< 5,0" (not the original)."""
        assert _entries(plan, 2024, "tevredenheid-handhaving") == [("target-missed", None)]
        (judged,) = judgements(_indicator(plan, "jeugdoverlast"), 2024)
        assert judged.met and judged.target.target.text == "< 4,5" and judged.target.current.text == "< 5,0"


class TestBudgetsAsPublished:
    """Amounts per year, in thousands, approximate, and income apart."""

    def test_amounts_that_differ_per_year_are_not_a_yearly_total(self, plan: agenda.Agenda) -> None:
        """410 and 432 (x € 1.000) fall in their own years; "per jaar" holds only constant lines."""
        summary = budget(plan)
        per_year = {row.year: row for row in summary.per_year}
        assert per_year[2023].structural == Decimal(410_000 + 120_000)
        assert per_year[2024].structural == Decimal(432_000 + 120_000)
        assert summary.totals.structural == Decimal(120_000)  # the jongerenwerk line; never 410 + 432
        assert [e.name for e in summary.varying] == ["Bijdrage Veiligheidsregio"]
        assert summary.income.incidental == Decimal(25_000) and per_year[2024].income == Decimal(25_000)

    def test_the_table_says_ca_and_per_year(self, plan: agenda.Agenda) -> None:
        """The text shows "ca. € 30.000" and each year's amount of a line that varies."""
        text = render_budget(budget(plan), "text")
        assert "ca. € 30.000" in text and "€ 410.000 (2023), € 432.000 (2024)" in text
        assert "Niet in de totalen per jaar, omdat het bedrag per jaar verschilt: Bijdrage Veiligheidsregio" in text
        assert "Baten incidenteel per jaar: € 25.000" in text and "baten € 25.000" in text


class TestPlanShapesAndNoise:
    """Sub-goals, a pillar with a status, reporting per goal; unreported is not lagging."""

    def test_sub_goals_and_pillars(self, plan: agenda.Agenda) -> None:
        """Sub-goals are goals of the plan; a pillar's lagging status is an entry."""
        assert {g.id for g in plan.goals()} >= {"minder-inbraken", "meer-meldingen-huiselijk-geweld"}
        assert _entries(plan, 2024, "preventie") == [("status-lagging", None)]

    def test_reporting_per_goal(self, plan: agenda.Agenda) -> None:
        """A plan that reports per goal does not ask its actions for a status: only the silent goal is missing."""
        result = reflectie(plan, 2024)
        assert [m.item for m in result.not_reported] == ["zonder-inspanningen"]
        assert all(e.rule != "stale" for e in result.entries)

    def test_one_notion_of_complete(self, plan: agenda.Agenda) -> None:
        """What check-ready asks for is exactly what the reflectie lists as not reported."""
        for year in (2023, 2024):
            ready = check_ready(plan, year)
            asked = [(m.kind, m.item) for m in ready.missing if m.kind in ("status", "value")]
            assert asked == [(m.kind, m.item) for m in reflectie(plan, year).not_reported]

    def test_one_off_and_ended_figures_are_never_missing(self, plan: agenda.Agenda) -> None:
        """A figure counted once, and one measured until 2023, are not asked for in 2024."""
        missing = {m.item for m in check_ready(plan, 2024).missing}
        assert "deelnemers-summit" not in missing and "cameratoezicht-uren" not in missing

    def test_a_goal_without_actions_is_fine_here(self, plan: agenda.Agenda) -> None:
        """Without `actions_per_goal`, a goal without actions is no warning."""
        assert agenda.validate(NIEUWSTAD).warnings == ()


class TestTheReportTables:
    """The report's four-column tables show what the judgement sees: areas, units per year, references."""

    def test_areas_with_their_targets_and_the_reference(self, plan: agenda.Agenda) -> None:
        """Each wijk has its own row with its target; the national average is a row for comparison."""
        from agenda.render._report_indicators import indicator_table

        table_ = indicator_table(plan, [_indicator(plan, "veiligheidsgevoel")], 2024)
        rows = [(r.name, r.target, r.actual) for r in table_.rows]
        assert rows[1:] == [("Centrum", "min. 7,0", "7,3 (2023)"), ("Noord", "min. 7,0", "6,9 (2023)"),
                            ("Zuid", "min. 6,8", "6,6 (2023)"),
                            ("ter vergelijking: het landelijk gemiddelde", "", "7,2 (2023)")]

    def test_each_year_in_its_own_unit_with_a_note_on_the_break(self, plan: agenda.Agenda) -> None:
        """2024 is shown per 1.000 inwoners, with a note that the unit changed and earlier figures were converted."""
        from agenda.render._report_indicators import indicator_table

        table_ = indicator_table(plan, [_indicator(plan, "jeugdoverlast")], 2024)
        assert table_.rows[0].name == "Meldingen jeugdoverlast (per 1.000 inwoners)"
        assert any("daarvoor per 10.000 inwoners" in n for n in table_.notes)
        earlier = indicator_table(plan, [_indicator(plan, "jeugdoverlast")], 2023)
        assert earlier.rows[0].name == "Meldingen jeugdoverlast (per 10.000 inwoners)"


class TestTheCharts:
    """The charts draw what the judgement sees: a rise across a unit change, a new definition, the reference."""

    def _panel(self, plan: agenda.Agenda, item: str) -> object:
        from agenda.render._chart_model import panel
        from agenda.render.charts import _

        texts = {k: _(k, "nl", year="{year}") for k in ("values", "other", "target", "baseline", "baseline-plain",
                                                         "ambition", "year", "definition", "turn-higher",
                                                         "turn-lower", "turn-none")}
        texts["values-converted"] = _("values-converted", "nl", unit="{unit}")
        return panel(_indicator(plan, item), 2024, "nl", texts, {})

    def test_a_rise_across_a_unit_change(self, plan: agenda.Agenda) -> None:
        """38 per 10.000 is drawn as 3,8 per 1.000 beside 4,6: the line rises, and the legend says it converted."""
        p = self._panel(plan, "jeugdoverlast")
        assert p.line == ((2023, 3.8), (2024, 4.6))  # type: ignore[attr-defined]
        assert p.title.endswith("(per 1.000 inwoners)")  # type: ignore[attr-defined]
        assert "omgerekend" in p.legend[1].text  # type: ignore[attr-defined]

    def test_a_new_definition_breaks_the_line(self, plan: agenda.Agenda) -> None:
        """No line joins 64 and 21 across the new definition; a mark says why."""
        p = self._panel(plan, "huisverboden")
        assert [v for _, v in p.line] == [64.0, None, 21.0]  # type: ignore[attr-defined]
        assert p.breaks == ((2023.5, "nieuwe definitie"),)  # type: ignore[attr-defined]

    def test_a_turn_of_direction_is_marked(self, plan: agenda.Agenda) -> None:
        """Fewer reports wanted until 2020, more from 2021: a mark between the years says so; the line goes on."""
        p = self._panel(plan, "meldingen-huiselijk-geweld")
        assert p.breaks == ((2020.5, "vanaf 2021: meer is beter"),)  # type: ignore[attr-defined]
        assert None not in [v for _, v in p.line]  # type: ignore[attr-defined]

    def test_the_reference_series_is_drawn(self, plan: agenda.Agenda) -> None:
        """The national average is a dashed line of its own in the chart and its legend."""
        p = self._panel(plan, "veiligheidsgevoel")
        (ref,) = p.references  # type: ignore[attr-defined]
        assert ref.dashed and ref.points == ((2021, 7.0), (2023, 7.2))
        assert any(e.kind == "reference" for e in p.legend)  # type: ignore[attr-defined]


class TestNotReportedInText:
    """The reflectie's text lists what was not reported in a section of its own, after what lagged."""

    def test_a_section_of_its_own(self, plan: agenda.Agenda) -> None:
        """The silent goal is named under 'Niet gerapporteerd', not among the lagging items."""
        from agenda.render.reflectie_text import render_text

        text = render_text(reflectie(plan, 2024), "nl")
        head, _, tail = text.partition("Niet gerapporteerd over 2024")
        assert "Overlast van verwarde personen" in tail and "Overlast van verwarde personen" not in head


class TestPlanWideIndicators:
    """Many plans measure the plan as a whole (a ranking, a satisfaction score) without tying the indicator
    to a goal or theme: the report shows them in a section of their own, and diff writes a rank as a rank."""

    def test_the_report_shows_them(self, plan: agenda.Agenda) -> None:
        from agenda.render.report import render_report_markdown

        text = render_report_markdown(plan, 2024)
        _head, found, section = text.partition("### Indicatoren voor het hele plan")
        assert found
        section = section.partition("\n## ")[0]
        for name in ("Plaats op de AD-misdaadmeter", "Tevredenheid over handhaving", "Opgelegde huisverboden"):
            assert name in section
        assert "| Plaats op de AD-misdaadmeter (plaats) | – | plek 25 | 28 | – |" in section
        assert "Rapportcijfer veiligheid in de buurt" not in section  # it has a theme

    def test_diff_writes_a_rank_as_people_do(self, plan: agenda.Agenda) -> None:
        from agenda.render.reflectie_text import render_text

        text = render_text(diff(plan, 2023, 2024), "nl")
        assert "‘Plaats op de AD-misdaadmeter’: plaats 31 → plaats 28 (beter)" in text

    def test_a_pillars_status_and_its_explanation_are_apart(self, plan: agenda.Agenda) -> None:
        """A plan that reports per pillar: the status and the explanation are not run together."""
        from agenda.render.report import render_report_markdown

        text = render_report_markdown(plan, 2024)
        assert "Pijler ‘Preventie en bewustwording’: ! vertraagd – Twee van de drie campagnes zijn uitgesteld." in text
