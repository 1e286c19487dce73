"""Make the pictures of docs/rendering.md from the example plan ``examples/voorbeeldstad-2025-2028.yaml``.

Run from the repository root (needs Graphviz's ``dot`` and the ``all`` extra)::

    python docs/make_pictures.py

The pages of the report (``docs/img/report-*.png``) also need Chromium (to print the
HTML to PDF and to take a screenshot), LibreOffice (to print the Word file) and
``pdftoppm`` (poppler-utils); without them those pictures are left as they are.

Every picture is made through the public API, exactly as the command line makes
it, so the docs show what users get.  The output is deterministic: running it
twice changes no file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from agenda import load
from agenda.query.budget import budget
from agenda.render._backend import render_image
from agenda.render.budget_table import render_budget
from agenda.render.charts import render_chart, render_theme_charts
from agenda.render.dot import render_dot
from agenda.render.matrix import render_matrix
from agenda.render.report import build_report

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "voorbeeldstad-2025-2028.yaml"
OUT = ROOT / "docs" / "img"
YEAR = 2025


def main() -> int:
    """Write every picture and sample file into docs/img/; return 0."""
    plan = load(PLAN)
    OUT.mkdir(exist_ok=True)
    written: dict[str, bytes] = {}
    whole = render_dot(plan, YEAR)
    written["rendering-diagram.svg"] = render_image(whole, "svg")
    written["rendering-diagram.png"] = render_image(whole, "png")
    theme = render_dot(plan, YEAR, theme="jeugd", lang="en")
    written["rendering-theme-jeugd.en.svg"] = render_image(theme, "svg")
    first_action = next(plan.actions()).id
    written["rendering-around.svg"] = render_image(render_dot(plan, YEAR, around=first_action, depth=2), "svg")
    indicator = plan.indicators[0].id
    written["rendering-chart.svg"] = render_chart(plan, indicator, YEAR)
    written["rendering-chart.png"] = render_chart(plan, indicator, YEAR, "png")
    written["rendering-theme-charts.png"] = render_theme_charts(plan, "woon-en-leefomgeving", YEAR, "png")
    matrix_html = render_matrix(plan, YEAR, "html")
    assert isinstance(matrix_html, str)
    written["rendering-matrix.html"] = matrix_html.encode("utf-8")
    written["rendering-budget.txt"] = render_budget(budget(plan), "text").encode("utf-8")
    written |= report_pages()
    for name, data in written.items():
        (OUT / name).write_bytes(data)
        print(f"wrote docs/img/{name}", file=sys.stderr)
    return 0


#: (plan, year, title, [(format, page, picture name)]): the report pages the docs show.
REPORT_PAGES = (
    (ROOT / "agenda.yaml", 2023, "Voortgangsrapportage Veiligheid {year+1}",
     [("pdf", 1, "report-deventer-pdf-1.png"), ("pdf", 2, "report-deventer-pdf-2.png"),
      ("docx", 1, "report-deventer-docx-1.png")]),
    (PLAN, YEAR, None,
     [("pdf", 3, "report-voorbeeldstad-pdf-3.png"), ("docx", 2, "report-voorbeeldstad-docx-2.png"),
      ("html", 0, "report-voorbeeldstad-html.png")]),
)


def report_pages() -> dict[str, bytes]:
    """PNG pictures of report pages: printed by Chromium, printed from Word by LibreOffice, and on screen."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (chromium and soffice and pdftoppm):
        print("report pages skipped: needs chromium, soffice and pdftoppm", file=sys.stderr)
        return {}
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        browser = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   f"--user-data-dir={work / 'profile'}"]
        for plan_path, year, title, pages in REPORT_PAGES:
            files = {f.name: f.content for f in build_report(load(plan_path), year, title=title)}
            html = work / f"{plan_path.stem}.html"
            html.write_bytes(files[f"rapport-{year}.html"])
            docx = work / f"{plan_path.stem}.docx"
            docx.write_bytes(files[f"rapport-{year}.docx"])
            pdf = work / f"{plan_path.stem}.pdf"
            subprocess.run([*browser, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                           capture_output=True, check=True, timeout=120)
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work / "word"), str(docx)],
                           capture_output=True, check=True, timeout=300)
            for fmt, page, name in pages:
                shot = work / name
                if fmt == "html":
                    subprocess.run([*browser, "--hide-scrollbars", "--window-size=900,1100",
                                    f"--screenshot={shot}", html.as_uri()], capture_output=True, check=True,
                                   timeout=120)
                else:
                    source = pdf if fmt == "pdf" else work / "word" / f"{plan_path.stem}.pdf"
                    subprocess.run([pdftoppm, "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                                    str(source), str(shot.with_suffix(""))], capture_output=True, check=True)
                out[name] = shot.read_bytes()
    return out


if __name__ == "__main__":
    raise SystemExit(main())
