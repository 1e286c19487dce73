"""The yearly report: a draft *Voortgangsrapportage* as one self-contained HTML file and as Markdown.

Formatting only.  Every fact comes from a query: statuses from the model and
:mod:`agenda.query.rollup`, what lagged from :mod:`agenda.query.reflectie`, money from
:mod:`agenda.query.budget`.  The picture parts (diagram, charts) are passed in as
SVG text, so this module never runs a program itself; :func:`build_report`
gathers everything and returns the files to write.  The HTML page is made in
:mod:`agenda.render._report_html`, the Markdown in :mod:`agenda.render._report_md`.

The HTML has no external resources (it opens offline), escapes every piece of
user text, and carries a print style sheet.  Output is deterministic: no dates
or random ids, items in plan order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from agenda._files import encode_text
from agenda.errors import Problem
from agenda.model import Agenda
from agenda.render._report_common import gather_facts
from agenda.render._report_html import html_report, render_report_html
from agenda.render._report_md import markdown_report, render_report_markdown

__all__ = ["ReportFile", "build_report", "render_report_html", "render_report_markdown"]


@attrs.frozen
class ReportFile:
    """One file of the report: its name inside the output folder and its bytes."""

    name: str
    content: bytes


# --------------------------------------------------------------------------- gathering the files


def build_report(agenda: Agenda, year: int, *, lang: str = "nl", warnings: Iterable[Problem] = (),
                 timeout: float = 60, progress: Callable[[str], None] | None = None) -> tuple[ReportFile, ...]:
    """Every file of the report for ``year``, ready to write into one folder.

    ``rapport-YEAR.html`` (self-contained) and ``rapport-YEAR.md``, the diagram
    (``diagram-YEAR.svg``, or ``diagram-YEAR.dot`` when Graphviz's ``dot`` is
    missing), ``reflectie-YEAR.md``, the matrix (``matrix-YEAR.csv``) and one
    chart per indicator with values (``grafieken/ID.svg``) when matplotlib is
    installed.  The names are Dutch; the content follows ``lang``.  ``progress``,
    when given, is called with the name of each part as work on it starts.
    """
    from agenda.render._backend import GraphvizError, render_image
    from agenda.render.dot import render_dot
    from agenda.render.reflectie_text import render_markdown

    warnings = tuple(warnings)
    files: list[ReportFile] = []
    step = progress or (lambda _part: None)
    step(f"diagram-{year}")
    dot_text = render_dot(agenda, year, lang=lang)
    diagram_svg: str | None = None
    note: str | None = None
    try:
        diagram_svg = render_image(dot_text, "svg", timeout=timeout).decode("utf-8")
        diagram_name = f"diagram-{year}.svg"
        files.append(ReportFile(diagram_name, diagram_svg.encode("utf-8")))
    except GraphvizError as exc:
        note = exc.message(lang)
        diagram_name = f"diagram-{year}.dot"
        files.append(ReportFile(diagram_name, dot_text.encode("utf-8")))
    step("grafieken")
    charts = _charts(agenda, year, lang)
    chart_files = {ind_id: f"grafieken/{ind_id}.svg" for ind_id in charts}
    files += [ReportFile(chart_files[i], svg.encode("utf-8")) for i, svg in charts.items()]
    step(f"rapport-{year}")
    facts = gather_facts(agenda, year)  # the queries run once for every file that shows them
    html_text = html_report(agenda, year, facts, lang=lang, warnings=warnings, diagram_svg=diagram_svg,
                            diagram_note=note, charts=charts)
    md_text = markdown_report(agenda, year, facts, lang=lang, warnings=warnings, diagram_file=diagram_name,
                              chart_files=chart_files)
    # encode_text: a warning may name a plan file whose name is not valid UTF-8
    files.append(ReportFile(f"rapport-{year}.html", encode_text(html_text)))
    files.append(ReportFile(f"rapport-{year}.md", encode_text(md_text)))
    files.append(ReportFile(f"reflectie-{year}.md",
                            encode_text(render_markdown(facts.refl, lang, config=agenda.config))))
    matrix = _matrix_csv(agenda, year, lang)
    if matrix is not None:
        files.append(ReportFile(f"matrix-{year}.csv", matrix))
    return tuple(sorted(files, key=lambda f: f.name))


def _charts(agenda: Agenda, year: int, lang: str) -> dict[str, str]:
    # Charts need the optional matplotlib; without it the report has tables only.
    from agenda.render._backend import MissingExtraError
    from agenda.render.charts import render_chart

    out: dict[str, str] = {}
    for ind in sorted(agenda.indicators, key=lambda i: i.id):
        if sum(1 for v in ind.values if v.value is not None) < 2:
            continue  # one figure is a number, not a trend: the table shows it
        try:
            out[ind.id] = render_chart(agenda, ind.id, year, "svg", lang).decode("utf-8")
        except MissingExtraError:
            return {}
    return out


def _matrix_csv(agenda: Agenda, year: int, lang: str) -> bytes | None:
    try:
        from agenda.render.matrix import render_matrix
    except ImportError:  # pragma: no cover
        return None
    out = render_matrix(agenda, year, "csv", lang)
    return out if isinstance(out, bytes) else out.encode("utf-8")
