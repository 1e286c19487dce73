"""The yearly report: golden, escaped, deterministic, plain for the raad, with its own name and checks apart."""

from __future__ import annotations

import functools
import json
import random
import re
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import agenda
from agenda.cli import main
from agenda.format.export import to_data
from agenda.model import Action, Agenda, Goal, Indicator, Status, StatusRecord, Theme, Value
from agenda.render import _backend
from agenda.render._report_common import count, fill_year, plural, report_title
from agenda.render.dot import render_dot
from agenda.render.matrix import render_matrix
from agenda.render.report import (
    MANIFEST,
    ReportFile,
    build_report,
    has_comparison,
    make_report,
    manifest,
    render_report_html,
    render_report_markdown,
    stale_files,
)
from agenda.testing import plan_yaml

from .conftest import DEVENTER
from .render_fixtures import HOSTILE, check_golden, small_plan

ROOT = Path(__file__).resolve().parent.parent
VOORBEELDSTAD = ROOT / "examples" / "voorbeeldstad-2025-2028.yaml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

#: What the raad must never read: rule ids, field names of the evidence, raw fractions, file positions.
_TECHNICAL = re.compile(
    r"status-lagging|wrong-direction|target-missed|capacity-reached|at-risk-dependency|unexplained|"
    r"previous_year|tolerance|comparator|cause_status|\bchange =|0,\d{4}|\.yaml:\d+|waarschuwing \[|"
    r"vermeld in de rapportage"
)


@functools.cache
def _small_bundle() -> tuple[ReportFile, ...]:
    # One full build of the small plan (charts, diagrams, Word file) shared by the tests that read it.
    return build_report(small_plan(), 2024)


def _text_of(html: str) -> str:
    # The visible text of a page: tags and inline SVG dropped.
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


class TestGolden:
    """The report's text is guarded by golden files."""

    def test_html_golden(self) -> None:
        """The HTML of the small plan matches its golden file."""
        check_golden("report.html", render_report_html(small_plan(), 2023))

    def test_markdown_golden(self) -> None:
        """The Markdown of the small plan matches its golden file, in Dutch and in English."""
        check_golden("report.md", render_report_markdown(small_plan(), 2023))
        check_golden("report.en.md", render_report_markdown(small_plan(), 2023, lang="en"))

    def test_voorbeeldstad_golden(self) -> None:
        """The made-up gemeente's report (areas, nulmeting, ambitie, a revised target) matches its golden file."""
        plan = agenda.load(VOORBEELDSTAD)
        check_golden("report-voorbeeldstad.md", render_report_markdown(plan, 2025))

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

    @needs_dot
    def test_bundle_is_deterministic(self) -> None:
        """Two runs over the same plan give the same files, byte for byte, the Word file included."""
        first = {f.name: f.content for f in _small_bundle()}
        second = {f.name: f.content for f in build_report(small_plan(), 2024)}
        assert first == second


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

    @needs_dot
    def test_self_contained(self) -> None:
        """The page, pictures included, loads nothing from elsewhere: no external src, href or url(), no script."""
        files = {f.name: f.content for f in _small_bundle()}
        page = files["rapport-2024.html"].decode("utf-8")
        assert "<svg" in page
        assert not re.search(r'(src|href)="(https?:)?//', page)
        assert not re.search(r"url\((?!#)", page)  # only references inside the page (clip paths)
        assert "<script" not in page

    def test_markdown_escapes_tables(self) -> None:
        """A pipe or a tag in a name cannot break a Markdown table or inject HTML."""
        text = render_report_markdown(small_plan(), 2023)
        assert "<b>" not in text
        assert HOSTILE not in text


class TestContent:
    """The report holds what the college needs."""

    def test_a_starter_plan(self) -> None:
        """A plan without themes yet gets a report that says so, not an empty section."""
        starter = agenda.loads("format: 1\ngemeente: Testdorp\ntitle: IVP\nstarter: true\n", "starter.yaml")
        text = render_report_markdown(starter, 2025)
        assert "## Thema's\n\nHet plan noemt (nog) geen thema's.\n" in text

    def test_english(self) -> None:
        """With lang='en' the headings are English."""
        page = render_report_html(small_plan(), 2023, lang="en")
        assert 'lang="en"' in page and "Progress report on 2023" in page and "Voortgangsrapportage" not in page

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_deventer_reflectie_and_budget(self) -> None:
        """Deventer's 2023 report names the reflectie points and the budget totals of the document."""
        plan = agenda.load(DEVENTER)
        page = render_report_html(plan, 2023)
        for fragment in ("Bibob", "ondermijningssignalen", "Digitale criminaliteit", "Procesregisseurs"):
            assert fragment in page
        assert "€ 182.000" in page and "€ 139.000" in page

    @needs_dot
    def test_build_report_files(self) -> None:
        """build_report returns the HTML, Word, Markdown, diagrams, reflectie, control file and matrix files."""
        names = {f.name for f in _small_bundle()}
        assert {"rapport-2024.html", "rapport-2024.md", "rapport-2024.docx", "reflectie-2024.md",
                "controle-2024.md", "matrix-2024.csv", "matrix-2024.xlsx"} <= names
        assert any(re.fullmatch(r"diagrammen/overzicht(-\d)?-2024\.svg", n) for n in names)
        for theme in ("ondermijning", "jeugd"):
            assert any(re.fullmatch(rf"diagrammen/thema-{theme}(-\d)?-2024\.svg", n) for n in names)
        assert "grafieken/meldingen-2024.svg" in names

    def test_progress_reported(self) -> None:
        """build_report tells its progress callback which part it starts, in order."""
        parts: list[str] = []
        build_report(attrs.evolve(small_plan(), indicators=()), 2023, progress=parts.append)
        assert parts == ["diagrammen", "grafieken", "rapport-2023"]

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

    def test_empty_columns_left_out(self) -> None:
        """A plan without any owner or progress has no Trekker or Voortgang column; with them, the columns show."""
        bare = Agenda("G", "T", themes=(Theme("t", "Thema", actions=(
            Action("a", "Actie", status=(StatusRecord(2023, "loopt", note="Gaat goed."),)),)),))
        text = render_report_markdown(bare, 2023)
        assert "| Onderdeel | Status | Toelichting |" in text and "Trekker" not in text and "| Voortgang" not in text
        full = attrs.evolve(bare, themes=(Theme("t", "Thema", actions=(
            Action("a", "Actie", owner="Team", status=(StatusRecord(2023, "loopt", progress=40),)),)),))
        text = render_report_markdown(full, 2023)
        assert "| Onderdeel | Trekker | Status | Voortgang |" in text and "40\u00a0%" in text

    def test_technical_appendix(self) -> None:
        """Only on request does the report carry an appendix with the rule ids and their data."""
        assert "target-missed" not in render_report_markdown(small_plan(), 2023)
        text = render_report_markdown(small_plan(), 2023, technical=True)
        assert "Technische bijlage" in text and "target-missed" in text


class TestPlainLanguage:
    """The raad reads sentences: no rule ids, no field names, no fractions, no data warnings."""

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_deventer_has_no_technical_words(self) -> None:
        """Deventer's report in both languages holds no rule id, field name, raw fraction or file position."""
        plan = agenda.load(DEVENTER)
        for lang in ("nl", "en"):
            text = _text_of(render_report_html(plan, 2023, lang=lang)) + render_report_markdown(plan, 2023, lang=lang)
            assert not _TECHNICAL.search(text), _TECHNICAL.search(text)

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_wrong_direction_as_a_sentence(self) -> None:
        """A move the wrong way reads as a sentence with the years, the figures and a Dutch percentage."""
        page = render_report_html(agenda.load(DEVENTER), 2023)
        assert ("Indicator ‘Politiemeldingen jeugdoverlast’ steeg van 375 in 2022 naar 608 in 2023 (+62\u00a0%), "
                "terwijl minder het doel is.") in page
        en = render_report_html(agenda.load(DEVENTER), 2023, lang="en")
        assert "rose from 375 in 2022 to 608 in 2023 (+62%), while the aim is fewer." in en

    @pytest.mark.skipif(not DEVENTER.exists(), reason="agenda.yaml is not there")
    def test_dependency_named_not_by_id(self) -> None:
        """A risk through a dependency names the item it waits on by its name, never by its id."""
        page = render_report_html(agenda.load(DEVENTER), 2023)
        assert "afhangt van inspanning ‘Protocol Collectieve Horeca-ontzeggingen’" in page
        assert "protocol-horeca-ontzeggingen" not in _text_of(page)

    def test_voorbeeldstad_has_no_technical_words(self) -> None:
        """The made-up gemeente's report is as plain, and its two published figures are a note, not a warning."""
        plan = agenda.load(VOORBEELDSTAD)
        text = render_report_markdown(plan, 2025)
        assert not _TECHNICAL.search(text), _TECHNICAL.search(text)
        assert "538 volgens Jaarverslag Veiligheid 2025, tabel 1; 541 volgens data.politie.nl" in text

    def test_dates_as_people_write_them(self) -> None:
        """The adoption date reads "op 12 december 2024", not an ISO date."""
        text = render_report_markdown(agenda.load(VOORBEELDSTAD), 2025)
        assert "vastgesteld door de gemeenteraad op 12 december 2024" in text and "2024-12-12" not in text

    def test_counts_agree(self) -> None:
        """One point is "1 punt", two are "2 punten"; one action "1 inspanning"."""
        one = Agenda("G", "T", themes=(Theme("t", "Thema", actions=(
            Action("a", "Actie", status=(StatusRecord(2023, "vertraagd", note="Later."),)),)),))
        text = render_report_markdown(one, 2023)
        assert "van 1 inspanning de status" in text and "Daarvan bleef er 1 achter" in text
        assert "1 punt over 1 onderdeel" in text
        assert count(2, "punt", "nl", "punten") == "2 punten" and count(1, "maatregel", "nl") == "1 maatregel"
        assert plural("maatregel", "nl") == "maatregelen" and plural("thema", "nl") == "thema's"
        assert plural("measure", "en") == "measures"

    def test_missing_information_is_not_a_delay(self) -> None:
        """Nothing recorded and no explanation written are notes for the manager, not points of the reflectie."""
        plan = Agenda("G", "T", period_start=2023, reporting_years=(2023,), themes=(Theme("t", "Thema", actions=(
            Action("a", "Eerste", status=(StatusRecord(2022, "loopt"),)),
            Action("b", "Tweede", status=(StatusRecord(2023, "vertraagd"),)),
        )),))
        bundle = make_report(plan, 2023)
        files = {f.name: f.content.decode("utf-8", "replace") for f in bundle.files}
        report = files["rapport-2023.md"]
        assert "Tweede" in report and "niets vastgelegd" not in report and "toelichting (note)" not in report
        controle = files["controle-2023.md"]
        assert "Eerste" in controle and "Schrijf bij de status van 2023 een toelichting" in controle

    def test_warnings_go_to_the_control_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Data warnings with file:line reach the terminal and controle-YEAR.md, never the report itself."""
        assert main(["report", str(VOORBEELDSTAD), "--out", str(tmp_path)]) == 0
        err = capsys.readouterr().err
        assert "controle-2025.md" in err
        controle = (tmp_path / "controle-2025.md").read_text(encoding="utf-8")
        assert "voorbeeldstad-2025-2028.yaml:" in controle and "vermeld in de rapportage" in controle
        assert "1 punt in het agenda-bestand om na te lopen (zie controle-2025.md)." in err
        assert "- 1 punt in het agenda-bestand om na te lopen.\n" in controle  # the file does not point at itself
        assert "zie controle-2025.md" not in controle
        for name in ("rapport-2025.html", "rapport-2025.md"):
            text = (tmp_path / name).read_text(encoding="utf-8")
            assert ".yaml:" not in text and "vermeld in de rapportage" not in text


class TestTitleAndFrame:
    """The gemeente names its report; the byline names the plan, not the tool as if it were the plan."""

    def test_title_option(self, tmp_path: Path) -> None:
        """`--title` names the report, with {year+1} filled in."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(plan_yaml(), encoding="utf-8")
        out = tmp_path / "out"
        assert main(["report", str(plan), "--year", "2023", "--out", str(out),
                     "--title", "Voortgangsrapportage Veiligheid {year+1}"]) == 0
        page = (out / "rapport-2023.html").read_text(encoding="utf-8")
        assert "<h1>Voortgangsrapportage Veiligheid 2024</h1>" in page

    def test_default_title(self) -> None:
        """Without a name the report is called after the year it reports on."""
        assert "<h1>Voortgangsrapportage over 2023</h1>" in render_report_html(small_plan(), 2023)

    def test_plan_names_its_report(self) -> None:
        """A plan that names its report on a year (``reporting: {titles: …}``) gets that name; --title still wins."""
        deventer = agenda.load(DEVENTER)
        assert report_title(deventer, 2023, "nl") == "Voortgangsrapportage Veiligheid 2024"
        assert report_title(deventer, 2024, "nl") == "Voortgangsrapportage over 2024"
        assert report_title(deventer, 2023, "nl", "Eigen {year}") == "Eigen 2023"
        assert fill_year("{year-1}–{year}", 2023) == "2022–2023"

    def test_byline(self) -> None:
        """The byline names the gemeente and the plan; the note says the program compiled it."""
        text = render_report_markdown(agenda.load(VOORBEELDSTAD), 2025)
        assert "Gemeente Voorbeeldstad · Integraal Veiligheidsplan Voorbeeldstad 2025-2028" in text
        assert "met het programma ‘agenda’" in text and "gegevens van de agenda" not in text


class TestNotices:
    """What the programme manager must know is said on the terminal, not only inside the report."""

    def test_year_outside_the_reporting_years(self) -> None:
        """A year that is not a reporting year, or outside the plan's period, is said."""
        notices = make_report(small_plan(), 2031).notices
        assert any("2031 is geen verslagjaar" in n for n in notices)
        assert any("2031 valt buiten de periode" in n for n in notices)

    def test_nothing_recorded(self) -> None:
        """A year without any status is said."""
        plan = attrs.evolve(small_plan(), reporting_years=(2022,))
        assert any("nog geen enkele status" in n for n in make_report(plan, 2022).notices)

    def test_missing_graphviz(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without `dot` the diagrams are DOT files, and the notice says so and how to install Graphviz."""
        monkeypatch.setattr(_backend.shutil, "which", lambda _name: None)
        bundle = make_report(small_plan(), 2024)
        assert any("Graphviz" in n and "apt-get install graphviz" in n for n in bundle.notices)
        names = {f.name for f in bundle.files}
        assert "diagrammen/overzicht-2024.dot" in names
        assert not any(n.endswith(".svg") and n.startswith("diagrammen/") for n in names)

    def test_unsafe_mark(self) -> None:
        """A status mark that default fonts lack is said, with marks that are safe."""
        config = attrs.evolve(small_plan().config, statuses=(Status("groen", "groen", "green", mark="🟢"),))
        notices = make_report(attrs.evolve(small_plan(), config=config), 2024).notices
        assert any("🟢" in n and "leeg vakje" in n for n in notices)

    def test_cli_says_the_notices(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`agenda report` prints the notices on standard error."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(plan_yaml(), encoding="utf-8")
        assert main(["report", str(plan), "--year", "2031", "--out", str(tmp_path / "o")]) == 0
        err = capsys.readouterr().err
        assert "geen verslagjaren" in err and "Over 2031 is nog geen enkele status vastgelegd" in err


class TestRerender:
    """Making the report again in the same folder removes only what an earlier run wrote and this one did not."""

    def test_stale_files(self) -> None:
        """Files of the earlier run for the same year that are not written now come back; others do not."""
        before = manifest(2023, [ReportFile("a.html", b""), ReportFile("grafieken/oud-2023.svg", b"")])
        before = manifest(2024, [ReportFile("b.html", b"")], before)
        now = [ReportFile("a.html", b"")]
        assert stale_files(2023, now, before) == ["grafieken/oud-2023.svg"]
        assert stale_files(2024, now, before) == ["b.html"]

    def test_only_names_inside_the_folder(self) -> None:
        """A damaged or hostile manifest cannot make it remove anything outside the folder."""
        hostile = json.dumps({"years": {"2023": ["../x", "/etc/passwd", "a/../../b", "C:x", MANIFEST, "ok.md"]}})
        assert stale_files(2023, [], hostile.encode()) == ["ok.md"]
        assert stale_files(2023, [], b"\xff not json") == []

    def test_cli_removes_stale_chart(self, tmp_path: Path) -> None:
        """A chart of an indicator that is gone disappears; a file the user put there stays."""
        out = tmp_path / "out"
        plan = small_plan()
        first = build_report(plan, 2023, progress=None)
        out.mkdir()
        (out / "eigen-notities.txt").write_text("van mij", encoding="utf-8")
        (out / MANIFEST).write_bytes(manifest(2023, [*first, ReportFile("grafieken/weg-2023.svg", b"")]))
        (out / "grafieken").mkdir(exist_ok=True)
        (out / "grafieken" / "weg-2023.svg").write_text("<svg/>", encoding="utf-8")
        path = tmp_path / "plan.yaml"
        path.write_text(plan_yaml(), encoding="utf-8")
        assert main(["report", str(path), "--year", "2023", "--out", str(out)]) == 0
        assert not (out / "grafieken" / "weg-2023.svg").exists()
        assert (out / "eigen-notities.txt").read_text(encoding="utf-8") == "van mij"
        assert "2023" in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["years"]


class TestCharts:
    """Every indicator with something to compare gets a chart in the report."""

    @pytest.mark.parametrize(
        ("values", "extra", "expected"),
        [
            ((Value(2023, 5),), {}, False),
            ((Value(2023, 5),), {"baseline": Value(2020, 7)}, True),
            ((Value(2022, 5), Value(2023, 6)), {}, True),
            ((Value(2023, 5, area="noord"), Value(2023, 6, area="zuid")), {}, True),
            ((Value(2023, None, text="-"),), {"baseline": Value(2020, 7)}, False),
        ],
    )
    def test_has_comparison(self, values: tuple[Value, ...], extra: dict[str, object], expected: bool) -> None:
        """One figure beside a baseline, a target or an ambition is enough; one figure alone is not."""
        assert has_comparison(Indicator("i", "I", values=values, **extra)) is expected  # type: ignore[arg-type]

    def test_one_value_and_a_baseline_gets_a_chart(self) -> None:
        """An indicator with one figure and a nulmeting is charted in the report."""
        pytest.importorskip("matplotlib")
        plan = attrs.evolve(small_plan(), indicators=(
            Indicator("een", "Eén cijfer", theme="jeugd", baseline=Value(2020, 7), values=(Value(2023, 5),)),))
        assert "grafieken/een-2023.svg" in {f.name for f in build_report(plan, 2023)}


class TestMatrixForExcel:
    """The matrix CSV opens in Dutch Excel by double-click; the English one stays comma-separated."""

    def test_dutch_csv(self) -> None:
        """Dutch: a UTF-8 byte order mark and semicolons."""
        text = render_matrix(small_plan(), 2024, "csv", "nl")
        assert isinstance(text, str) and text.startswith("\ufeff") and text.splitlines()[0].count(";") > 5

    def test_english_csv(self) -> None:
        """English: no byte order mark, commas."""
        text = render_matrix(small_plan(), 2024, "csv", "en")
        assert isinstance(text, str) and not text.startswith("\ufeff") and ";" not in text.splitlines()[0]


class TestWorkOnce:
    """make_report runs the queries once for every file that shows them."""

    def test_reflectie_computed_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The reflectie behind the HTML, the Word file, the Markdown, reflectie-YEAR.md and the control file
        is computed a single time."""
        from agenda.render import _report_common

        calls: list[int] = []
        real = _report_common.reflectie

        def counting(plan: Agenda, year: int) -> object:
            calls.append(year)
            return real(plan, year)

        monkeypatch.setattr(_report_common, "reflectie", counting)
        build_report(attrs.evolve(small_plan(), indicators=()), 2023)
        assert calls == [2023]
