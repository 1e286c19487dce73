"""The report on paper: diagrams within A4 at readable sizes, a PDF printed by Chromium, a Word file.

The sizes are measured, not estimated: in the SVG that ``dot`` writes, in the page as
Chromium lays it out at the width of A4 text, and in the PDF Chromium prints.
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import agenda
from agenda.model import Action, Agenda, StatusRecord, Theme
from agenda.render._fonts import SAFE_RANGES, safe_text
from agenda.render._report_common import split_themes
from agenda.render._report_figures import FIGURE_HEIGHT, MIN_TEXT, TEXT_HEIGHT, TEXT_WIDTH, measure_svg, report_diagrams
from agenda.render.report import ReportFile, build_report, make_report

from .conftest import DEVENTER

ROOT = Path(__file__).resolve().parent.parent
VOORBEELDSTAD = ROOT / "examples" / "voorbeeldstad-2025-2028.yaml"
PLANS = [pytest.param(DEVENTER, 2023, id="deventer-2023"), pytest.param(VOORBEELDSTAD, 2025, id="voorbeeldstad-2025")]
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
_TECHNICAL = re.compile(r"status-lagging|wrong-direction|target-missed|at-risk-dependency|previous_year|tolerance|"
                        r"\.yaml:\d+|vermeld in de rapportage")


@functools.cache
def _bundle(path: Path, year: int) -> tuple[ReportFile, ...]:
    # One full build per plan, shared by every test that reads its files.
    return build_report(agenda.load(path), year)


def _files(path: Path, year: int) -> dict[str, bytes]:
    if not path.exists():
        pytest.skip(f"{path.name} is not there")
    return {f.name: f.content for f in _bundle(path, year)}


@needs_dot
class TestA4Diagrams:
    """Every diagram of the report fits a portrait A4 page with 2 cm margins, text at least 7 pt."""

    @pytest.mark.parametrize(("path", "year"), PLANS)
    def test_every_diagram_fits(self, path: Path, year: int) -> None:
        """Scaled to the text width, each SVG's smallest text is ≥ 7 pt and its height fits the page."""
        svgs = {n: c.decode("utf-8") for n, c in _files(path, year).items() if n.startswith("diagrammen/")}
        assert svgs
        for name, svg in svgs.items():
            size = measure_svg(svg)
            scale = min(1.0, TEXT_WIDTH / size.width)
            assert size.min_font * scale >= MIN_TEXT, (name, size)
            assert size.height * scale <= FIGURE_HEIGHT < TEXT_HEIGHT, (name, size)

    @pytest.mark.parametrize(("path", "year"), PLANS)
    def test_overview_and_one_per_theme(self, path: Path, year: int) -> None:
        """There is an overview, and every theme with goals or actions has a diagram (or its parts)."""
        names = set(_files(path, year))
        plan = agenda.load(path)
        assert any(n.startswith("diagrammen/overzicht") for n in names)
        for theme in plan.themes:
            if theme.goals or theme.actions:
                assert any(re.fullmatch(rf"diagrammen/thema-{re.escape(theme.id)}(-\d+)?-{year}\.svg", n)
                           for n in names), theme.id

    def test_split_not_shrunk(self) -> None:
        """A theme too long for one page becomes parts that each fit at full size, every action in one of them."""
        actions = tuple(Action(f"a{i:02}", f"Inspanning nummer {i} met een wat langere naam",
                               status=(StatusRecord(2024, "loopt"),)) for i in range(40))
        plan = Agenda("G", "T", themes=(Theme("groot", "Een groot thema", actions=actions),))
        diagrams, missing = report_diagrams(plan, 2024, plan.themes, set())
        parts = [d for d in diagrams if d.theme == "groot"]
        assert missing is None and len(parts) >= 2
        assert all(d.size is not None and d.size.fits and d.size.scale == 1.0 for d in parts)
        assert all(f"a{i:02}" in "".join(d.dot for d in parts) for i in range(40))
        assert all("deel" in d.dot for d in parts)

    def test_too_many_pages_not_drawn(self) -> None:
        """A theme that would need more than MAX_PARTS pages is kept as DOT text, and the report says so."""
        actions = tuple(Action(f"a{i:03}", f"Inspanning nummer {i} met een wat langere naam",
                               status=(StatusRecord(2024, "loopt"),)) for i in range(400))
        small = Theme("klein", "Een klein thema", actions=(Action("k", "Klein", status=(StatusRecord(2024, "loopt"),)),))
        plan = Agenda("G", "T", themes=(Theme("groot", "Een groot thema", actions=actions), small))
        diagrams, missing = report_diagrams(plan, 2024, plan.themes, set())
        big = [d for d in diagrams if d.theme == "groot"]
        assert missing is None and len(big) == 1 and big[0].too_large and big[0].svg is None
        assert "a399" in big[0].dot
        assert [d.svg is not None for d in diagrams if d.theme == "klein"] == [True]
        files = {f.name: f.content for f in make_report(plan, 2024, word=False).files}
        assert "diagrammen/thema-groot-2024.dot" in files and "diagrammen/thema-klein-2024.svg" in files
        controle = files["controle-2024.md"].decode("utf-8")
        assert "Te groot om leesbaar op 10 A4-pagina's te tekenen en daarom niet in de rapportage: Een groot thema." \
            in controle

    def test_beyond_graphviz_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A diagram with more items than dot is given is kept as DOT text; the others are still drawn."""
        from agenda.render import _backend, _report_figures

        def small_limit(dot_text: str, fmt: str, *, timeout: float = 60) -> bytes:
            return _backend.render_image(dot_text, fmt, timeout=timeout, max_nodes=30)

        monkeypatch.setattr(_report_figures, "render_image", small_limit)
        actions = tuple(Action(f"a{i:03}", f"Inspanning {i}", status=(StatusRecord(2024, "loopt"),)) for i in range(60))
        plan = Agenda("G", "T", themes=(Theme("groot", "Een groot thema", actions=actions),))
        diagrams, missing = report_diagrams(plan, 2024, plan.themes, set())
        assert missing is None
        assert [(d.theme, d.too_large, d.svg is None) for d in diagrams] == [(None, False, False), ("groot", True, True)]

    def test_colours_are_the_tables_statuses(self) -> None:
        """A theme and goal without a status of their own show the derived one, marked as such, as the tables do."""
        plan = agenda.load(VOORBEELDSTAD)
        current, later = split_themes(plan, 2025)
        diagrams, _missing = report_diagrams(plan, 2025, current + later, set())
        dot = next(d.dot for d in diagrams if d.theme == "woon-en-leefomgeving")
        theme_line = next(line for line in dot.splitlines() if line.strip().startswith('"woon-en-leefomgeving" ['))
        assert 'fillcolor="#d55e00"' in theme_line and "R rood (afgeleid)" in theme_line
        goal_line = next(line for line in dot.splitlines() if line.strip().startswith('"minder-woninginbraken" ['))
        assert 'fillcolor="#009e73"' in goal_line and "G groen (afgeleid)" in goal_line

    def test_legend_with_the_picture(self) -> None:
        """Each diagram carries its own legend (the statuses it shows), so it is on the same page."""
        plan = agenda.load(VOORBEELDSTAD)
        current, later = split_themes(plan, 2025)
        diagrams, _missing = report_diagrams(plan, 2025, current + later, set())
        for d in diagrams:
            assert d.svg is not None and "BGCOLOR" in d.dot and ("paarse" in d.svg or "dikke" in d.svg
                                                                  or "afgeleid" in d.svg or "groen" in d.svg)


class TestGlyphs:
    """Status marks show on default Windows and Linux desktops: no empty boxes."""

    def test_dejavu_has_every_safe_character(self) -> None:
        """DejaVu Sans (Linux's default, shipped with matplotlib) has a glyph for every character called safe."""
        pytest.importorskip("matplotlib")
        from fontTools.ttLib import TTFont
        from matplotlib import font_manager

        cmap = TTFont(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).getBestCmap()
        missing = [hex(c) for lo, hi in SAFE_RANGES for c in range(lo, hi + 1) if c not in cmap and c != 0xA0 + 0]
        assert not [m for m in missing if m != "0xad"], missing  # U+00AD (soft hyphen) is invisible by design

    def test_default_marks_are_safe(self) -> None:
        """Every mark of the default status words, and of Voorbeeldstad's, is a safe character."""
        from agenda.model import DEFAULT_STATUSES

        marks = [s.mark for s in DEFAULT_STATUSES] + [s.mark for s in agenda.load(VOORBEELDSTAD).config.statuses]
        assert all(safe_text(m) for m in marks)

    def test_diagram_fonts_name_the_desktop_fonts(self) -> None:
        """The diagrams ask for Arial and Segoe UI Symbol (Windows) and DejaVu Sans (Linux) by name."""
        from agenda.render.dot import FONTNAME

        assert all(f in FONTNAME for f in ("Arial", "Segoe UI Symbol", "DejaVu Sans"))


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_chromium() or "", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, timeout=180, check=False,
    )


#: Measures every figure in the page as laid out at the text width of A4 (170 mm = 643 CSS px), with the
#: body as the print style sheet sets it (no margin, no padding, no maximum width).
_MEASURE = """<style>body{margin:0!important;padding:0!important;max-width:none!important}</style><script>
addEventListener('load', () => {
  const out = [];
  for (const fig of document.querySelectorAll('figure')) {
    const svg = fig.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    const unit = view && view.width ? box.width / view.width : 1;
    let small = 1e9;
    for (const t of svg.querySelectorAll('text')) {
      const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
      if (size) small = Math.min(small, size * unit * 0.75);
    }
    out.push({kind: fig.className, width: box.width, height: box.height, font: small});
  }
  const pre = document.createElement('pre'); pre.id = 'measured';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});
</script>"""


@pytest.mark.browser
@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium on this machine")
@needs_dot
class TestPrint:
    """Chromium prints the HTML report to A4: pages numbered, no page for a title alone, every figure whole."""

    @pytest.mark.parametrize(("path", "year"), PLANS)
    def test_pdf(self, path: Path, year: int, tmp_path: Path) -> None:
        """The PDF is A4, each page numbered "n / N", page 1 holds title, contents and summary, no page is bare."""
        pypdf = pytest.importorskip("pypdf")
        page = tmp_path / "rapport.html"
        page.write_bytes(_files(path, year)[f"rapport-{year}.html"])
        pdf = tmp_path / "rapport.pdf"
        done = _run_chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
        assert pdf.is_file(), done.stderr.decode("utf-8", "replace")[-2000:]
        reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
        pages = [p.extract_text() or "" for p in reader.pages]
        total = len(pages)
        assert 3 <= total <= 60
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 portrait
        for n, text in enumerate(pages, 1):
            assert f"{n} / {total}" in text, n
            assert len(text.replace(f"{n} / {total}", "").strip()) > 60, (n, text)
        assert "Inhoud" in pages[0] and "Samenvatting" in pages[0]
        joined = "\n".join(pages)
        assert "Nulmeting" in joined and "Ambitie" in joined
        assert not _TECHNICAL.search(joined)

    @pytest.mark.parametrize(("path", "year"), PLANS)
    def test_figures_whole_in_the_page(self, path: Path, year: int, tmp_path: Path) -> None:
        """Laid out at the text width of A4, every figure fits the page height and its text stays ≥ 7 pt."""
        html = _files(path, year)[f"rapport-{year}.html"].decode("utf-8")
        page = tmp_path / "measure.html"
        page.write_text(html.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
        done = _run_chromium(tmp_path, "--window-size=643,1000", "--hide-scrollbars",
                             "--virtual-time-budget=10000", "--dump-dom",
                             page.as_uri())
        dom = done.stdout.decode("utf-8", "replace")
        found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
        assert found, done.stderr.decode("utf-8", "replace")[-2000:]
        figures = json.loads(found.group(1).replace("&quot;", '"'))
        assert any(f["kind"] == "diagram" for f in figures)
        px_per_pt = 96 / 72
        for fig in figures:
            assert fig["width"] <= TEXT_WIDTH * px_per_pt + 1, fig
            assert fig["height"] <= TEXT_HEIGHT * px_per_pt, fig
            if fig["kind"] == "diagram":
                assert fig["font"] >= MIN_TEXT - 0.05, fig
        assert "break-inside:avoid" in html  # a figure that fits is never cut: it moves to the next page whole


class TestWord:
    """The Word file: A4, Word tables with the four indicator columns, the diagrams and charts as pictures."""

    @needs_dot
    @pytest.mark.parametrize(("path", "year"), PLANS)
    def test_docx(self, path: Path, year: int) -> None:
        """The .docx is A4 with 2 cm margins; its tables, pictures and text are those of the report."""
        docx = pytest.importorskip("docx")
        from docx.shared import Cm

        files = _files(path, year)
        word = docx.Document(io.BytesIO(files[f"rapport-{year}.docx"]))
        section = word.sections[0]
        assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
        assert all(abs(getattr(section, m) - Cm(2)) < Cm(0.05)
                   for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"))
        heads = [[c.text for c in t.rows[0].cells] for t in word.tables]
        assert any(h[1:] == ["Nulmeting", f"Doel {year}", f"Realisatie {year}", "Ambitie"] for h in heads)
        pictures = word.inline_shapes
        figures = [n for n in files if n.startswith(("diagrammen/", "grafieken/"))]
        assert len(pictures) == len(figures)
        assert all(p.width <= Cm(17) + 10 for p in pictures)
        text = "\n".join(p.text for p in word.paragraphs)
        text += "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
        assert not _TECHNICAL.search(text)

    def test_without_python_docx(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-docx there is no Word file, and the notice says how to install it."""
        import importlib.util

        from agenda.render.report import make_report
        from tests.render_fixtures import small_plan

        real = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
        bundle = make_report(attrs.evolve(small_plan(), indicators=()), 2023)
        assert not any(f.name.endswith(".docx") for f in bundle.files)
        assert any("pip install python-docx" in n for n in bundle.notices)
