"""Tests for the budget query (agenda.query.budget) and the budget table renderer."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from agenda.model import Action, Agenda, BudgetKind, BudgetLine, Theme
from agenda.numbers import money
from agenda.query.budget import budget
from agenda.render.budget_table import render_budget
from tests.render_fixtures import INCID, STRUCT, deventer_budget_plan, shuffled


def _plan(*lines: BudgetLine) -> Agenda:
    return Agenda("G", "T", themes=(Theme("t", "T", actions=(Action("a", "A", budget=lines),)),))


class TestDeventer:
    def test_structural_total(self) -> None:
        """Deventer's structural proposals add up to 182.000 a year."""
        assert budget(deventer_budget_plan()).totals.structural == 182000

    def test_incidental_total(self) -> None:
        """Deventer's incidental proposals add up to 139.000 a year, for 3 years (417.000)."""
        totals = budget(deventer_budget_plan()).totals
        assert totals.incidental == 139000
        assert totals.incidental_over_years == 3 * 139000

    def test_alcohol_items_add_up(self) -> None:
        """The alcohol plan's items annualise to 10.000 + 10.000 + 1.000 + 54.000 = 75.000."""
        (check,) = budget(deventer_budget_plan()).checks
        assert check.items_annual == Decimal(75000)
        assert check.ok

    def test_per_action_and_theme(self) -> None:
        """Totals per action and per theme come from the same lines."""
        summary = budget(deventer_budget_plan())
        assert summary.for_action("bibob").structural == 86000
        assert summary.for_theme("ondermijning").structural == 182000
        assert summary.for_theme("alcohol").incidental == 75000
        assert summary.for_action("nothing").structural == 0

    def test_unknown_start_is_listed_not_guessed(self) -> None:
        """Lines without a start year are listed apart and counted in no year."""
        summary = budget(deventer_budget_plan())
        names = [p.name for p in summary.unknown_start]
        assert "Coördinator integrale controles" in names
        assert all(p.name != "Coördinator integrale controles" for y in summary.per_year for p in y.payments)

    def test_recurring_items_fall_every_other_year(self) -> None:
        """'1x per 2 jaar' items fall every second year from their start, within the line's 3 years."""
        years = {row.year: row.incidental for row in budget(deventer_budget_plan()).per_year}
        assert years == {2024: 20000, 2025: 20000, 2026: 20000, 2027: 20000}

    def test_order_does_not_change_totals(self) -> None:
        """Shuffled plans give the same totals and checks."""
        a, b = budget(deventer_budget_plan()), budget(shuffled(deventer_budget_plan(), 3))
        assert a.totals == b.totals
        assert [c.items_annual for c in a.checks] == [c.items_annual for c in b.checks]


class TestQuery:
    def test_items_that_do_not_add_up(self) -> None:
        """A split line whose items differ from its amount fails its check with the difference."""
        summary = budget(_plan(BudgetLine(100, INCID, items=(BudgetLine(30, INCID), BudgetLine(50, INCID)))))
        assert summary.failed_checks[0].difference == -20

    def test_structural_per_year_from_start(self) -> None:
        """A structural line with a start falls in every year from then on."""
        summary = budget(_plan(BudgetLine(1000, STRUCT, start=2025)))
        assert summary.entries[0].kind is BudgetKind.STRUCTURAL
        assert [(r.year, r.structural) for r in summary.per_year] == [(2025, 1000)]

    def test_no_budget(self) -> None:
        """A plan without budget lines has zero totals and no years."""
        summary = budget(Agenda("G", "T"))
        assert summary.totals.structural == 0 and summary.per_year == ()


class TestRender:
    def test_text_nl(self) -> None:
        """The Dutch text table shows Dutch amounts and both totals."""
        text = render_budget(budget(deventer_budget_plan()), "text")
        assert "Totaal structureel per jaar: € 182.000" in text
        assert "Totaal incidenteel per jaar: € 139.000" in text

    def test_markdown_en(self) -> None:
        """The English Markdown table writes amounts with a thousands comma."""
        assert "| 96,000 |" in render_budget(budget(deventer_budget_plan()), "md", "en")

    def test_json_has_no_floats(self) -> None:
        """JSON amounts are integers or strings, never floats."""
        plan = _plan(BudgetLine(20000, INCID, every=3))
        data = json.loads(render_budget(budget(plan), "json"), parse_float=lambda s: pytest.fail(f"float {s}"))
        assert data["totals"]["incidental_per_year"] == "6666.67"
        assert (
            json.loads(render_budget(budget(deventer_budget_plan()), "json"))["totals"]["structural_per_year"] == 182000
        )

    def test_csv_neutralises_formulas(self) -> None:
        """A budget item named like a formula gets a leading apostrophe in CSV."""
        csv_text = render_budget(budget(_plan(BudgetLine(1, INCID, name="=SUM(A1)"))), "csv")
        assert ",'=SUM(A1)," in csv_text

    def test_unknown_format(self) -> None:
        """An unknown format is refused."""
        with pytest.raises(ValueError, match="xml"):
            render_budget(budget(Agenda("G", "T")), "xml")

    @pytest.mark.parametrize(
        ("amount", "lang", "text"), [(Decimal(1000), "nl", "1.000"), (Decimal("1234.5"), "nl", "1.234,50")]
    )
    def test_format_amount(self, amount: Decimal, lang: str, text: str) -> None:
        """Amounts use the Dutch thousands dot and decimal comma."""
        assert money(amount, lang, symbol=False) == text
