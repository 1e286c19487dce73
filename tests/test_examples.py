"""The example plans in examples/: every one validates, reflects and renders."""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest

import agenda
from agenda.format.folder import load_dir
from agenda.query.compare import compare_by_kbv

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PLANS = sorted(EXAMPLES.glob("*.yaml"))
VOORBEELDSTAD = EXAMPLES / "voorbeeldstad-2025-2028.yaml"


def _year(plan: agenda.Agenda) -> int:
    return max(plan.reporting_years)


class TestExamplesValidate:
    def test_there_are_examples(self) -> None:
        """examples/ holds at least one plan besides Deventer's, and a CSV for the importer."""
        assert VOORBEELDSTAD in PLANS
        assert list((EXAMPLES / "csv").glob("*.csv"))

    @pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
    def test_plan_validates(self, path: Path) -> None:
        """Each example loads without errors; its only warnings are the ones it shows on purpose."""
        result = agenda.validate(path)
        assert result.ok(), [p.message("en") for p in result.errors]
        assert {p.code for p in result.warnings} <= {"values-differ"}

    def test_nothing_assumes_deventer(self) -> None:
        """No example is Deventer's plan."""
        assert all(agenda.load(p).gemeente != "Deventer" for p in PLANS)


class TestVoorbeeldstadShowsTheFormat:
    plan = agenda.load(VOORBEELDSTAD)

    def test_ordered_by_the_five_kbv_velden(self) -> None:
        """The themes are the five KBV velden in order."""
        assert [t.kbv for t in self.plan.themes] == [1, 2, 3, 4, 5]

    def test_own_words_and_traffic_light(self) -> None:
        """Level names are veld/maatregel, and the status vocabulary is a traffic light with letters."""
        cfg = self.plan.config
        assert cfg.level("theme", "nl") == "veld" and cfg.level("action", "nl") == "maatregel"
        assert {s.id for s in cfg.statuses} >= {"groen", "oranje", "rood"}
        assert all(s.mark for s in cfg.statuses)

    def test_indicator_table_features(self) -> None:
        """Baseline, targets with comparators, a revision, an ambition, areas, two sources, unit change, rank."""
        inds = {i.id: i for i in self.plan.indicators}
        texts = {t.target.text for i in inds.values() for t in i.targets}
        assert {"< 550", "max. 25%"} <= texts
        assert any(t.target.text == "min. 7,2" and t.revised and t.revised.text == "min. 7,0"
                   for i in inds.values() for t in i.targets)
        assert inds["woninginbraken"].baseline is not None and inds["woninginbraken"].ambition is not None
        assert len(inds["woninginbraken"].values_in(2025)) == 2
        assert {v.area for v in inds["woninginbraken-wijk"].values} == {"centrum", "noord", "zuid"}
        assert {v.unit for v in inds["woonoverlast"].values} == {"incidenten", None}
        assert inds["misdaadmeter-positie"].kind == "rank"
        assert inds["rapportcijfer-buurt"].frequency == 2

    def test_compares_with_its_predecessor(self) -> None:
        """The two Voorbeeldstad periods load as one folder and compare per veld."""
        plans = load_dir(EXAMPLES)
        assert len(compare_by_kbv(plans).row(3).cells) == len(PLANS)


class TestExamplesReflectAndRender:
    @pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
    def test_reflectie(self, path: Path) -> None:
        """The reflectie runs for the last reporting year and renders in both languages."""
        reflectie = pytest.importorskip("agenda.query.reflectie")
        text = pytest.importorskip("agenda.render.reflectie_text")
        plan = agenda.load(path)
        result = reflectie.reflectie(plan, _year(plan))
        for lang in ("nl", "en"):
            assert text.render_text(result, lang, config=plan.config).strip()

    def test_voorbeeldstad_reflectie_names_what_lagged(self) -> None:
        """The traffic light's red and amber measures, and a missed target, reach the reflectie."""
        reflectie = pytest.importorskip("agenda.query.reflectie")
        result = reflectie.reflectie(agenda.load(VOORBEELDSTAD), 2025)
        flagged = {e.item for e in result.entries}
        assert {"camera-centrum", "woonoverlast-aanpak", "overlast-jongeren", "barrieremodel"} <= flagged

    @pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
    def test_diagram(self, path: Path) -> None:
        """The dependency diagram renders as DOT text naming the gemeente's items."""
        dot = pytest.importorskip("agenda.render.dot")
        plan = agenda.load(path)
        text = dot.render_dot(plan, _year(plan))
        assert text.startswith(("digraph", "strict digraph")) and plan.themes[0].id in text

    def test_report_command(self, tmp_path: Path) -> None:
        """Where `agenda report` exists, it writes Voorbeeldstad's report in English."""
        from agenda import cli

        parser = cli.build_parser("nl")
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
        if "report" not in commands:
            pytest.skip("agenda report is not there yet")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main(["report", str(VOORBEELDSTAD), "--year", "2025", "--out", str(tmp_path), "--lang", "en"])
        assert code == 0 and any(tmp_path.iterdir())
