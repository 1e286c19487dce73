"""The JSON export: every figure kept, deterministic, and read back by the loader into an equal model."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import agenda
from agenda.cli import main
from agenda.format.export import FORMAT, SCHEMA_ID, to_data, to_json

from .conftest import DEVENTER, MINIMAL
from .property.plans import plan_json, plan_yaml, plans

Write = Callable[[str], Path]

FIGURES = MINIMAL + """\
    unit: aantal
    baseline: {year: 2019, value: 550}
    targets: {2024: "< 550", 2025: {target: "min. 7,0", revised: "10-20", note: bijgesteld}}
    ambition: {year: 2027, target: "max. 25%"}
    categories: [{id: a, name: A}, {id: b, name: B}]
    breakdown: {2023: {b: 8, a: 600}}
    capacity: 100
    tolerance: 0.1
  - id: tweede
    name: Twee bronnen
    source: {name: CBS, table: 47022NED}
    values:
      2021: {value: 100, approximate: true, note: ongeveer}
      2022: {text: "-"}
      2023: [{value: 127, source: tekst}, {value: 7.25, source: tabel}]
"""

BUDGET = MINIMAL.replace("            status: {2023: loopt}", """\
            status: {2023: {status: vertraagd, progress: 40, note: Minder capaciteit, recorded: 2024-04-30}}
            budget:
              - {amount: 96000, kind: structureel, from: 2025}
              - amount: 75000
                kind: incidenteel
                years: 3
                items:
                  - {name: Mystery guest, amount: 20000, kind: incidenteel, every: 2, from: 2025}
                  - {name: Rest, amount: 65000, kind: incidenteel}""")


class TestExportContent:
    """The export holds every figure of the plan, in the documented format."""

    def test_header(self) -> None:
        """The export names its schema and format version."""
        data = to_data(agenda.loads(MINIMAL))
        assert (data["$schema"], data["format"]) == (SCHEMA_ID, FORMAT)

    def test_indicator_figures(self) -> None:
        """Values, sources, baseline, targets, ambition, breakdown, capacity and tolerance are all there."""
        data = json.loads(to_json(agenda.loads(FIGURES)))
        first, second = data["indicators"]
        assert first["values"] == {"2022": [{"value": 375}], "2023": [{"value": 608}]}
        assert first["baseline"] == {"year": 2019, "value": 550}
        assert first["targets"] == {"2024": {"target": "< 550"},
                                    "2025": {"target": "min. 7,0", "revised": "10-20", "note": "bijgesteld"}}
        assert first["ambition"] == {"year": 2027, "target": "max. 25%"}
        assert first["breakdown"] == {"2023": {"a": 600, "b": 8}}
        assert list(first["breakdown"]["2023"]) == ["a", "b"]  # in the order of `categories`
        assert (first["capacity"], first["tolerance"], first["unit"]) == (100, 0.1, "aantal")
        assert second["source"] == {"name": "CBS", "table": "47022NED"}
        assert second["values"]["2021"] == [{"value": 100, "approximate": True, "note": "ongeveer"}]
        assert second["values"]["2022"] == [{"text": "-"}]
        assert second["values"]["2023"] == [{"value": 127, "source": "tekst"}, {"value": 7.25, "source": "tabel"}]

    def test_budget_and_status(self) -> None:
        """Budget lines with sub-items and status records are all there."""
        action = json.loads(to_json(agenda.loads(BUDGET)))["themes"][0]["goals"][0]["actions"][0]
        assert action["status"] == {"2023": {"status": "vertraagd", "progress": 40, "note": "Minder capaciteit",
                                             "recorded": "2024-04-30"}}
        assert action["budget"][0] == {"amount": 96000, "kind": "structureel", "from": 2025}
        assert action["budget"][1]["items"][0] == {"name": "Mystery guest", "amount": 20000, "kind": "incidenteel",
                                                   "from": 2025, "every": 2}

    def test_deventer_figures_all_exported(self) -> None:
        """Every value, breakdown part and budget amount of Deventer's plan is in its export."""
        if not DEVENTER.exists():
            pytest.skip("agenda.yaml not written yet")
        plan = agenda.load(DEVENTER)
        data = json.loads(to_json(plan))
        exported = {i["id"]: i for i in data["indicators"]}
        for ind in plan.indicators:
            values = [v.get("value") for year in exported[ind.id].get("values", {}).values() for v in year]
            assert [Decimal(str(v)) if v is not None else None for v in values] == [v.value for v in ind.values]
            assert {int(y): p for y, p in exported[ind.id].get("breakdown", {}).items()} == ind.breakdown
        amounts = [line.amount for a in plan.actions() for line in a.budget]
        assert sum(amounts) == sum(_amounts(data))


def _amounts(data: Any) -> list[int]:
    """The top-level budget amounts of every action in exported data."""
    out: list[int] = []
    for theme in data["themes"]:
        for action in [a for g in theme.get("goals", []) for a in g.get("actions", [])] + theme.get("actions", []):
            out.extend(line["amount"] for line in action.get("budget", []))
    return out


class TestRoundTrip:
    """The export, read back with agenda.loads (JSON is YAML), gives an equal model."""

    @pytest.mark.parametrize("text", [MINIMAL, FIGURES, BUDGET], ids=["minimal", "figures", "budget"])
    def test_examples(self, text: str) -> None:
        """Hand-written plans survive export and reload."""
        plan = agenda.loads(text)
        assert agenda.loads(to_json(plan)) == plan

    def test_deventer(self) -> None:
        """Deventer's plan survives export and reload, and the second export is identical."""
        if not DEVENTER.exists():
            pytest.skip("agenda.yaml not written yet")
        plan = agenda.load(DEVENTER)
        again = agenda.loads(to_json(plan))
        assert again == plan and to_json(again) == to_json(plan)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans())
    def test_generated(self, plan: dict[str, Any]) -> None:
        """A generated plan, as YAML and as JSON, loads to the same model, which survives export and reload."""
        model = agenda.loads(plan_yaml(plan))
        assert agenda.loads(plan_json(plan)) == model
        exported = to_json(model)
        assert agenda.loads(exported) == model
        assert to_json(agenda.loads(exported)) == exported


def _shuffled_mappings(data: Any, rng: random.Random) -> Any:
    """The same data with every mapping's keys in another order (lists keep their order)."""
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        return {k: _shuffled_mappings(v, rng) for k, v in items}
    if isinstance(data, list):
        return [_shuffled_mappings(v, rng) for v in data]
    return data


class TestDeterministic:
    """The same plan gives byte-identical JSON, whatever the order of its keys."""

    def test_repeatable(self) -> None:
        """Exporting twice gives the same bytes."""
        assert to_json(agenda.loads(FIGURES)) == to_json(agenda.loads(FIGURES))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans())
    def test_key_order_does_not_matter(self, plan: dict[str, Any]) -> None:
        """Shuffling the keys of every mapping in the YAML changes nothing in the export."""
        shuffled = _shuffled_mappings(plan, random.Random(1))
        text = yaml.dump(shuffled, Dumper=type("D", (yaml.SafeDumper,), {"ignore_aliases": lambda s, d: True}),
                         allow_unicode=True, sort_keys=False, width=10**6)
        assert to_json(agenda.loads(text)) == to_json(agenda.loads(plan_yaml(plan)))


class TestExportCommand:
    """`agenda export PATH --format json` writes the export."""

    def test_stdout(self, write_plan: Write, capsys: pytest.CaptureFixture[str]) -> None:
        """The export goes to stdout and parses as JSON equal to to_json()."""
        path = write_plan(FIGURES)
        assert main(["export", str(path), "--format", "json"]) == 0
        out = capsys.readouterr().out
        assert out == to_json(agenda.load(path))

    def test_output_file(self, write_plan: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """With -o the export is written to the file."""
        path = write_plan(MINIMAL)
        target = tmp_path / "uit" / "agenda.json"
        assert main(["export", str(path), "-o", str(target)]) == 0
        assert json.loads(target.read_text(encoding="utf-8"))["gemeente"] == "Testdorp"
        assert capsys.readouterr().out == ""

    def test_invalid_plan(self, write_plan: Write, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid plan is not exported: exit 1, the problems on stderr, nothing on stdout."""
        assert main(["export", str(write_plan(MINIMAL + "extra: 1\n"))]) == 1
        captured = capsys.readouterr()
        assert captured.out == "" and "extra" in captured.err
