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


class TestAnEditParsesOnce:
    """`status set` and `value set` read the file once, build the model once, and check only what they wrote."""

    def _count(self, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[str]]:
        from agenda.edit import update
        from agenda.format import loader, spec

        parses: list[int] = []
        builds: list[str] = []
        real_parse, real_build = update._yaml.parse, spec.AGENDA.build

        def parse(text: str, file: str, **how: object) -> object:
            parses.append(len(text))
            return real_parse(text, file, **how)  # type: ignore[arg-type]

        def build(data: object, extra: object = None) -> object:
            builds.append("plan")
            return real_build(data, extra)  # type: ignore[arg-type]

        monkeypatch.setattr(update._yaml, "parse", parse)
        monkeypatch.setattr(loader.spec.AGENDA, "build", build)
        return parses, builds

    @pytest.mark.parametrize("edit", ["status", "value"])
    def test_one_parse_of_the_file(self, edit: str, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
        """One parse and one model of the whole file; the check after the splice reads only the item's lines."""
        from pathlib import Path

        from agenda.edit.update import set_status, set_value

        path = Path(str(tmp_path)) / "agenda.yaml"
        text = Path(DEVENTER).read_text(encoding="utf-8")
        path.write_text(text, encoding="utf-8")
        parses, builds = self._count(monkeypatch)
        if edit == "status":
            change = set_status(path, "bibob-capaciteit", 2024, "loopt", note="Extra capaciteit")
        else:
            change = set_value(path, "jeugdoverlast-meldingen", 2024, "512")
        assert change.written
        assert builds == ["plan"]
        whole = [n for n in parses if n == len(text)]
        assert len(whole) == 1 and len(parses) == 2 and min(parses) < len(text) // 10
        assert agenda.load(path).get("bibob-capaciteit") is not None  # and the file is still a valid plan

    def test_an_item_in_a_one_line_list_is_checked_whole(self) -> None:
        """An item that shares its line with others cannot be read on its own: the whole text is checked."""
        from agenda.edit.update import edit_status

        text = "format: 1\ngemeente: X\ntitle: Y\nthemes: [{id: a, name: A}, {id: b, name: B}]\n"
        new = edit_status(text, "f", "a", 2024, "loopt")
        assert agenda.loads(new).get("a").status_in(2024).status == "loopt"  # type: ignore[union-attr]
