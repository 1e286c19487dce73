"""One home per fact: each derived fact is worked out once, in one place, and every output agrees with it."""

from __future__ import annotations

import pytest

import agenda
from agenda.graph import plan_graph
from agenda.numbers import money
from agenda.query import budget as budget_module
from agenda.query import rollup as rollup_module
from agenda.query.budget import budget
from agenda.render.budget_table import render_budget
from agenda.render.report import build_report
from tests.conftest import DEVENTER

THIRDS = """\
format: 1
gemeente: Testdorp
title: Integraal Veiligheidsplan
period: {from: 2024, to: 2027}
reporting_years: [2024]
themes:
  - id: jeugd
    name: Jeugd en veiligheid
    actions:
      - id: campagne
        name: Campagne
        budget:
          - {amount: 20000, kind: incidenteel, from: 2024, years: 3, every: 3}
        status: {2024: loopt}
"""


class TestComputedOnce:
    """A report asks for the roll-up, the budget and the graph; each is computed once per plan."""

    def test_report_computes_rollup_and_budget_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Building Deventer's report runs the roll-up of the year once and the budget once."""
        runs: list[str] = []
        real_run, real_budget = rollup_module._Roller.run, budget_module._budget

        def run(self: rollup_module._Roller) -> rollup_module.Rollup:
            runs.append(f"rollup {self.year}")
            return real_run(self)

        def counted_budget(plan: agenda.Agenda) -> budget_module.BudgetSummary:
            runs.append("budget")
            return real_budget(plan)

        monkeypatch.setattr(rollup_module._Roller, "run", run)
        monkeypatch.setattr(budget_module, "_budget", counted_budget)
        build_report(agenda.load(DEVENTER), 2023)
        assert sorted(runs) == ["budget", "rollup 2023"]

    def test_the_graph_is_built_once_per_plan(self) -> None:
        """Asking twice for the plan's graph gives the same object; another loaded plan gets its own."""
        plan = agenda.load(DEVENTER)
        assert plan_graph(plan) is plan_graph(plan)
        assert plan_graph(agenda.load(DEVENTER)) is not plan_graph(plan)


class TestMoneyAgrees:
    """The report, `agenda budget` and the plan comparison print the same amount, to the cent."""

    def test_a_third_is_rounded_once_the_same_way(self) -> None:
        """€ 20.000 once per 3 years is € 6.666,67 a year in the budget table and in the report."""
        plan = agenda.loads(THIRDS)
        text = render_budget(budget(plan), "text")
        assert "6.666,67" in text and "6.666,66" not in text
        assert money(budget(plan).totals.incidental) == "€ 6.666,67"
        report = {f.name: f.content for f in build_report(plan, 2024)}
        html = report["rapport-2024.html"].decode("utf-8")
        assert "6.666,66" not in html
