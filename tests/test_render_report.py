"""The yearly report: self-contained, escaped, deterministic, in both languages, and readable by a browser."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import agenda
from agenda.cli import main
from agenda.format.export import to_data
from agenda.model import Action, Agenda, Goal
from agenda.render.dot import render_dot
from agenda.render.matrix import render_matrix
from agenda.render.report import build_report, render_report_html, render_report_markdown
from agenda.testing import plan_yaml

from .conftest import DEVENTER
from .render_fixtures import HOSTILE, check_golden, small_plan


class TestGolden:
    """The report's text is guarded by golden files."""

    def test_html_golden(self) -> None:
        """The HTML of the small plan matches its golden file."""
        check_golden("report.html", render_report_html(small_plan(), 2023))

    def test_markdown_golden(self) -> None:
        """The Markdown of the small plan matches its golden file, in Dutch and in English."""
        check_golden("report.md", render_report_markdown(small_plan(), 2023))
        check_golden("report.en.md", render_report_markdown(small_plan(), 2023, lang="en"))

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_same_bytes_whatever_the_order_of_records(self, seed: int) -> None:
        """Shuffling what carries no order (status records, values, targets, budget lines) changes no byte."""
        plan = small_plan()
        assert render_report_html(_unordered_shuffled(plan, seed), 2023) == render_report_html(plan, 2023)

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_same_bytes_whatever_the_order_of_keys(self) -> None:
        """Deventer's plan with every mapping's keys in reverse order gives byte-identical outputs."""
        plan = agenda.load(DEVENTER)
        reordered = agenda.loads(json.dumps(_reverse_keys(to_data(plan)), default=str), "reversed.json")
        assert reordered == plan
        assert render_report_html(reordered, 2023) == render_report_html(plan, 2023)
        assert render_report_markdown(reordered, 2023) == render_report_markdown(plan, 2023)
        assert render_dot(reordered, 2023) == render_dot(plan, 2023)
        assert render_matrix(reordered, 2023, "csv") == render_matrix(plan, 2023, "csv")


def _reverse_keys(data: object) -> object:
    if isinstance(data, dict):
        return {k: _reverse_keys(v) for k, v in reversed(list(data.items()))}
    if isinstance(data, list):
        return [_reverse_keys(v) for v in data]
    if isinstance(data, Decimal):
        return float(data)
    return data


def _unordered_shuffled(plan: Agenda, seed: int) -> Agenda:
    """``plan`` with only the parts that carry no order shuffled; themes, goals and actions keep theirs."""
    rng = random.Random(seed)

    def mix(items: tuple) -> tuple:  # type: ignore[type-arg]
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    def action(a: Action) -> Action:
        return attrs.evolve(a, status=mix(a.status), budget=mix(a.budget))

    def goal(g: Goal) -> Goal:
        return attrs.evolve(g, status=mix(g.status), actions=tuple(action(a) for a in g.actions))

    themes = tuple(attrs.evolve(t, status=mix(t.status), goals=tuple(goal(g) for g in t.goals),
                                actions=tuple(action(a) for a in t.actions)) for t in plan.themes)
    indicators = tuple(attrs.evolve(i, targets=mix(i.targets)) for i in plan.indicators)
    return attrs.evolve(plan, themes=themes, indicators=indicators)


class TestSafety:
    """User text is text: nothing in a name can become markup or fetch anything."""

    def test_hostile_names_escaped(self) -> None:
        """The hostile name appears escaped and never as a tag."""
        page = render_report_html(small_plan(), 2023)
        assert "<b>bold</b>" not in page
        assert "&lt;b&gt;bold&lt;/b&gt;" in page

    def test_self_contained(self) -> None:
        """The page loads nothing from elsewhere: no external src, href or url()."""
        page = render_report_html(small_plan(), 2023, diagram_svg='<svg xmlns="http://www.w3.org/2000/svg"></svg>')
        assert not re.search(r'(src|href)="(https?:)?//', page)
        assert "url(" not in page
        assert "<script" not in page

    def test_markdown_escapes_tables(self) -> None:
        """A pipe or a tag in a name cannot break a Markdown table or inject HTML."""
        text = render_report_markdown(small_plan(), 2023)
        assert "<b>" not in text
        assert HOSTILE not in text


class TestContent:
    """The report holds what the college needs."""

    def test_english(self) -> None:
        """With lang='en' the headings are English."""
        page = render_report_html(small_plan(), 2023, lang="en")
        assert 'lang="en"' in page and "Progress report 2023" in page and "Voortgangsrapportage" not in page

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_deventer_reflectie_and_budget(self) -> None:
        """Deventer's 2023 report names the four reflectie points and the budget totals of the document."""
        plan = agenda.load(DEVENTER)
        page = render_report_html(plan, 2023)
        for fragment in ("Bibob", "ondermijningssignalen", "Digitale criminaliteit", "procesregie"):
            assert fragment in page
        assert "€ 182.000" in page and "€ 139.000" in page

    def test_build_report_files(self, tmp_path: Path) -> None:
        """build_report returns the HTML, Markdown, diagram, reflectie and matrix files."""
        names = {f.name for f in build_report(small_plan(), 2023)}
        assert {"rapport-2023.html", "rapport-2023.md", "reflectie-2023.md", "matrix-2023.csv"} <= names
        assert "diagram-2023.svg" in names or "diagram-2023.dot" in names

    def test_progress_reported(self) -> None:
        """build_report tells its progress callback which part it starts, in order."""
        parts: list[str] = []
        build_report(small_plan(), 2023, progress=parts.append)
        assert parts == ["diagram-2023", "grafieken", "rapport-2023"]

    def test_cli_report_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`agenda report --format json` lists the files it wrote."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(plan_yaml(), encoding="utf-8")
        assert main(["report", str(plan), "--year", "2023", "--out", str(tmp_path / "o"), "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)["files"]
        assert "rapport-2023.html" in listed and all((tmp_path / "o" / name).is_file() for name in listed)

    def test_cli_report(self, tmp_path: Path) -> None:
        """`agenda report` writes the folder and exits 0."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(plan_yaml(), encoding="utf-8")
        assert main(["report", str(plan), "--year", "2023", "--out", str(tmp_path / "out")]) == 0
        assert (tmp_path / "out" / "rapport-2023.html").is_file()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium on this machine")
class TestBrowser:
    """A real browser opens the report."""

    def test_opens_in_headless_chromium(self, tmp_path: Path) -> None:
        """Headless Chromium loads the page offline and its DOM holds the title, the reflectie and the diagram."""
        plan = agenda.load(DEVENTER) if DEVENTER.exists() else small_plan()
        files = {f.name: f.content for f in build_report(plan, 2023)}
        page = tmp_path / "rapport-2023.html"
        page.write_bytes(files["rapport-2023.html"])
        done = subprocess.run(
            [_chromium() or "", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
            capture_output=True, timeout=120, check=False,
        )
        dom = done.stdout.decode("utf-8", "replace")
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
        assert "<h1>Voortgangsrapportage 2023</h1>" in dom
        assert 'id="reflectie"' in dom
        assert "Uncaught" not in done.stderr.decode("utf-8", "replace")


class TestWorkOnce:
    """build_report runs the queries once for every file that shows them."""

    def test_reflectie_computed_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The reflectie behind the HTML, the Markdown and reflectie-YEAR.md is computed a single time."""
        from agenda.render import _report_common

        calls: list[int] = []
        real = _report_common.reflectie

        def counting(plan: Agenda, year: int) -> object:
            calls.append(year)
            return real(plan, year)

        monkeypatch.setattr(_report_common, "reflectie", counting)
        build_report(small_plan(), 2023)
        assert calls == [2023]
