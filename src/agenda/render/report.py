"""The yearly report: a draft *Voortgangsrapportage* for the college and the raad, in HTML, Word and Markdown.

Formatting only.  Every fact comes from a query: statuses from the model and
:mod:`agenda.query.rollup`, what lagged from :mod:`agenda.query.reflectie`, money from
:mod:`agenda.query.budget`.  :func:`make_report` gathers everything once and returns
the files of the report folder (:class:`ReportBundle`), with the notices for the
programme manager apart: they go to ``controle-YEAR.md`` and the terminal, never into
the report.

The report (:mod:`agenda.render._report_doc`) is built once and written three ways:
one self-contained HTML page that prints to A4 (:mod:`agenda.render._report_html`),
a Word file to finish in Word (:mod:`agenda.render._report_docx`, needs
``veiligheidsagenda[docx]``) and Markdown (:mod:`agenda.render._report_md`).  The diagrams —
an overview and one per theme — are fitted to an A4 page
(:mod:`agenda.render._report_figures`); every indicator with something to compare
gets its chart.  Output is deterministic: no dates or random ids, items in plan order.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from agenda._files import encode_text
from agenda._i18n import Catalog, check_lang
from agenda.errors import Problem
from agenda.model import Action, Agenda, Goal, Indicator, Theme
from agenda.render._backend import MissingExtraError, render_image
from agenda.render._report_common import Facts, gather_facts, split_themes
from agenda.render._report_doc import Document, Picture, build_document
from agenda.render._report_figures import MAX_PARTS, Diagram, report_diagrams
from agenda.render._report_html import html_document
from agenda.render._report_md import markdown_document
from agenda.render._report_reasons import controle_markdown, for_raad, not_reported

__all__ = [
    "MANIFEST",
    "ReportBundle",
    "ReportFile",
    "build_report",
    "has_comparison",
    "make_report",
    "manifest",
    "render_report_html",
    "render_report_markdown",
    "stale_files",
]

#: The file in the report folder that lists what the last run wrote, per reporting year.
MANIFEST = ".agenda-rapport.json"

_ = Catalog(
    "render-report-bundle",
    {
        "not-reporting-year": {
            "nl": "{year} is geen verslagjaar van het plan (verslagjaren: {years}); de rapportage is toch gemaakt.",
            "en": "{year} is not a reporting year of the plan (reporting years: {years}); the report was made anyway.",
        },
        "no-reporting-years": {
            "nl": "Het plan noemt geen verslagjaren; de rapportage gaat over {year}.",
            "en": "The plan names no reporting years; the report is about {year}.",
        },
        "outside-period": {
            "nl": "{year} valt buiten de periode van het plan ({period}).",
            "en": "{year} is outside the plan's period ({period}).",
        },
        "nothing-recorded": {
            "nl": "Over {year} is nog geen enkele status vastgelegd: de rapportage heeft geen voortgang te melden.",
            "en": "No status at all has been recorded for {year}: the report has no progress to show.",
        },
        "see": {"nl": " (zie {file})", "en": " (see {file})"},
        "missing": {
            "nl": "Over {year} is van {n|onderdeel|onderdelen} geen status vastgelegd{see}.",
            "en": "No status was recorded for {year} for {n|item|items}{see}.",
        },
        "warnings": {
            "nl": "{n|punt|punten} in het agenda-bestand om na te lopen{see}.",
            "en": "{n|point|points} in the plan file to check{see}.",
        },
        "too-large": {
            "nl": "Te groot om leesbaar op {pages} A4-pagina's te tekenen en daarom niet in de rapportage: {titles}. "
                  "De DOT-tekst staat in de map diagrammen; teken een deel met agenda diagram --theme of --around.",
            "en": "Too large to draw readably on {pages} A4 pages, so not in the report: {titles}. "
                  "The DOT text is in the folder diagrammen; draw a part with agenda diagram --theme or --around.",
        },
        "and-more": {"nl": "en nog {n}", "en": "and {n} more"},
        "graphviz": {
            "nl": "Geen diagrammen in de rapportage: {reason} De DOT-tekst staat in de map diagrammen.",
            "en": "No diagrams in the report: {reason} The DOT text is in the folder diagrammen.",
        },
        "no-docx": {
            "nl": "Geen Word-bestand: daarvoor is python-docx nodig (pip install python-docx).",
            "en": "No Word file: it needs python-docx (pip install python-docx).",
        },
        "no-charts": {
            "nl": "Geen grafieken: daarvoor is matplotlib nodig (pip install matplotlib).",
            "en": "No charts: they need matplotlib (pip install matplotlib).",
        },
        "glyph": {
            "nl": "Het teken ‘{mark}’ van de status ‘{status}’ staat niet in de standaardlettertypen van Windows en "
                  "Linux en kan als een leeg vakje verschijnen; kies een teken zoals ● ○ ✓ ✗ ! of een letter.",
            "en": "The mark ‘{mark}’ of the status ‘{status}’ is not in the default fonts of Windows and Linux and "
                  "may show as an empty box; choose a mark such as ● ○ ✓ ✗ ! or a letter.",
        },
    },
)


@attrs.frozen
class ReportFile:
    """One file of the report: its name inside the output folder (``/`` separated) and its bytes."""

    name: str
    content: bytes


@attrs.frozen
class ReportBundle:
    """Everything :func:`make_report` made: the files, and the notices for the programme manager.

    ``notices`` are plain sentences for the terminal (they are also at the top of
    ``controle-YEAR.md``); ``controle`` names that file.
    """

    year: int
    files: tuple[ReportFile, ...]
    notices: tuple[str, ...]
    controle: str


def has_comparison(indicator: Indicator) -> bool:
    """Whether the report shows a chart of ``indicator`` (:func:`agenda.render.charts.has_chart`, the one rule)."""
    from agenda.render.charts import has_chart

    return has_chart(indicator)


def build_report(agenda: Agenda, year: int, *, lang: str = "nl", warnings: Iterable[Problem] = (),
                 timeout: float = 60, progress: Callable[[str], None] | None = None,
                 title: str | None = None, technical: bool = False) -> tuple[ReportFile, ...]:
    """Every file of the report for ``year`` (see :func:`make_report`), without the notices."""
    return make_report(agenda, year, lang=lang, warnings=warnings, timeout=timeout, progress=progress, title=title,
                       technical=technical).files


def make_report(agenda: Agenda, year: int, *, lang: str = "nl", warnings: Iterable[Problem] = (),
                timeout: float = 60, progress: Callable[[str], None] | None = None,
                title: str | None = None, technical: bool = False, word: bool = True) -> ReportBundle:
    """The report of ``year``: every file of its folder, and the notices for the programme manager.

    The folder holds ``rapport-YEAR.html`` (self-contained, prints to A4),
    ``rapport-YEAR.docx`` (with ``veiligheidsagenda[docx]``), ``rapport-YEAR.md``, the diagrams
    in ``diagrammen/`` (SVG; DOT text when Graphviz's ``dot`` is missing), the charts
    in ``grafieken/`` (with ``veiligheidsagenda[charts]``), ``reflectie-YEAR.md`` (the reflectie
    with its rules and evidence), ``controle-YEAR.md`` (the checks for the programme
    manager: ``warnings`` from loading the plan, the reflectie's warnings, what was not
    recorded), the matrix as ``matrix-YEAR.csv`` and ``matrix-YEAR.xlsx``, and the
    manifest :data:`MANIFEST`.  ``title`` names the report (``{year+1}`` allowed);
    ``technical`` adds an appendix with the rules behind the reflectie; ``word=False`` leaves
    the Word file out (it is the slowest part: its pictures are drawn a second time).  ``progress``,
    when given, is called with the name of each part as work on it starts.
    """
    from agenda.render.reflectie_text import render_markdown

    check_lang(lang)
    step = progress or (lambda _part: None)
    notices = _year_notices(agenda, year, lang)
    files: list[ReportFile] = []
    facts = gather_facts(agenda, year)  # the queries run once for every file that shows them
    controle_name = f"controle-{year}.md"
    recorded = _record_notices(agenda, year, facts, tuple(warnings))
    see = _("see", lang, file=controle_name)  # the terminal's notices name the file that says more
    pointing = [_(key, lang, see=see, **fields) for key, fields in recorded]
    notices += pointing
    notices += _glyph_notices(agenda, lang)

    step("diagrammen")
    current, later = split_themes(agenda, year)
    lagging = {e.item for e in facts.refl.entries if for_raad(e)}
    diagrams, missing = report_diagrams(agenda, year, [*current, *later], lagging, lang=lang, timeout=timeout)
    pictures: dict[str, Picture] = {}
    groups: dict[str | None, list[str]] = {}
    too_large: list[str] = []
    for d in diagrams:
        stem = f"diagrammen/{d.key}-{year}"
        if d.svg is None:
            files.append(ReportFile(f"{stem}.dot", d.dot.encode("utf-8")))
            if d.too_large:
                too_large.append(d.title)
            continue
        files.append(ReportFile(f"{stem}.svg", d.svg.encode("utf-8")))
        pictures[f"diagram:{d.key}"] = Picture(f"{stem}.svg", d.svg, None, d.size.width if d.size else None,
                                               d.size.height if d.size else None)
        groups.setdefault(d.theme, []).append(d.key)
    if too_large:  # one sentence, however many: the first five named
        named = [*too_large[:5], *([_("and-more", lang, n=len(too_large) - 5)] if len(too_large) > 5 else [])]
        notices.append(_("too-large", lang, pages=MAX_PARTS, titles="; ".join(named)))
    if missing:
        notices.append(_("graphviz", lang, reason=missing))

    step("grafieken")
    charts = _charts(agenda, year, lang, notices)
    for ind_id, svg in charts.items():
        name = f"grafieken/{ind_id}-{year}.svg"
        files.append(ReportFile(name, svg.encode("utf-8")))
        pictures[f"chart:{ind_id}"] = Picture(name, svg)

    step(f"rapport-{year}")
    doc = build_document(agenda, year, facts, lang=lang, title=title, diagrams=groups, charts=charts.keys(),
                         diagram_note=missing, technical=technical)
    # encode_text: the text may name a plan file whose name is not valid UTF-8 (written as \udcff)
    files.append(ReportFile(f"rapport-{year}.html", encode_text(html_document(agenda, doc, pictures))))
    files.append(ReportFile(f"rapport-{year}.md", encode_text(markdown_document(agenda, doc, pictures))))
    docx = _docx(agenda, doc, pictures, diagrams, charts, year, lang, timeout, notices) if word else None
    if docx is not None:
        files.append(ReportFile(f"rapport-{year}.docx", docx))
    files.append(ReportFile(f"reflectie-{year}.md",
                            encode_text(render_markdown(facts.refl, lang, config=agenda.config))))
    files += _matrix(agenda, year, lang)
    # In the controle file itself the notices do not point to it ("zie controle-2024.md")
    here = [n for n in notices if n not in pointing] + [_(key, lang, see="", **fields) for key, fields in recorded]
    controle = controle_markdown(agenda, year, facts.refl, warnings=warnings, notices=here, lang=lang)
    files.append(ReportFile(controle_name, encode_text(controle)))
    files.sort(key=lambda f: f.name)
    return ReportBundle(year, tuple(files), tuple(notices), controle_name)


def render_report_html(agenda: Agenda, year: int, *, lang: str = "nl", title: str | None = None,
                       technical: bool = False, pictures: Mapping[str, Picture] | None = None,
                       diagrams: Mapping[str | None, Sequence[str]] | None = None) -> str:
    """The report as one HTML page, without running any program.

    ``pictures`` maps ``diagram:KEY`` and ``chart:INDICATOR`` to their :class:`Picture`;
    ``diagrams`` places the diagram keys (theme id, None for the overview).  Without
    them the page has tables and text only; :func:`make_report` fills them in.
    """
    doc = _document(agenda, year, gather_facts(agenda, year), lang, title, technical, pictures, diagrams)
    return html_document(agenda, doc, pictures or {})


def render_report_markdown(agenda: Agenda, year: int, *, lang: str = "nl", title: str | None = None,
                           technical: bool = False, pictures: Mapping[str, Picture] | None = None,
                           diagrams: Mapping[str | None, Sequence[str]] | None = None) -> str:
    """The report as Markdown; pictures are linked by their file name (see :func:`render_report_html`)."""
    doc = _document(agenda, year, gather_facts(agenda, year), lang, title, technical, pictures, diagrams)
    return markdown_document(agenda, doc, pictures or {})


def _document(agenda: Agenda, year: int, facts: Facts, lang: str, title: str | None, technical: bool,
              pictures: Mapping[str, Picture] | None, diagrams: Mapping[str | None, Sequence[str]] | None) -> Document:
    charts = [k.split(":", 1)[1] for k in (pictures or {}) if k.startswith("chart:")]
    return build_document(agenda, year, facts, lang=check_lang(lang), title=title, diagrams=diagrams, charts=charts,
                          technical=technical)


# --------------------------------------------------------------------------- parts


def _charts(agenda: Agenda, year: int, lang: str, notices: list[str]) -> dict[str, str]:
    # SVG charts need no plotting library; the Word file's PNG ones need matplotlib.
    from agenda.render.charts import render_chart

    out: dict[str, str] = {}
    for ind in agenda.indicators:
        if not has_comparison(ind):
            continue  # one figure and nothing to hold it against: the table shows it
        try:
            out[ind.id] = render_chart(agenda, ind.id, year, "svg", lang).decode("utf-8")
        except MissingExtraError:
            notices.append(_("no-charts", lang))
            return {}
    return out


def _docx(agenda: Agenda, doc: Document, pictures: dict[str, Picture], diagrams: Sequence[Diagram],
          charts: Mapping[str, str], year: int, lang: str, timeout: float, notices: list[str]) -> bytes | None:
    import importlib.util

    from agenda.render._report_docx import docx_document
    from agenda.render.charts import render_chart

    if importlib.util.find_spec("docx") is None:
        notices.append(_("no-docx", lang))
        return None

    # Word takes no SVG: the diagrams as PNG at one and a half times the screen's resolution, the charts as PNG.
    with_png = dict(pictures)
    for d in diagrams:
        key = f"diagram:{d.key}"
        if key in with_png:
            png = render_image(d.dot.replace("digraph agenda {", "digraph agenda {\n\tgraph [dpi=144]", 1), "png",
                               timeout=timeout)
            with_png[key] = attrs.evolve(with_png[key], png=png)
    for ind_id in charts:
        with_png[f"chart:{ind_id}"] = attrs.evolve(with_png[f"chart:{ind_id}"],
                                                   png=render_chart(agenda, ind_id, year, "png", lang))
    try:
        return docx_document(agenda, doc, with_png)
    except MissingExtraError:
        notices.append(_("no-docx", lang))
        return None


def _matrix(agenda: Agenda, year: int, lang: str) -> list[ReportFile]:
    from agenda.render.matrix import render_matrix

    csv = render_matrix(agenda, year, "csv", lang)
    xlsx = render_matrix(agenda, year, "xlsx", lang)
    return [ReportFile(f"matrix-{year}.csv", csv if isinstance(csv, bytes) else csv.encode("utf-8")),
            ReportFile(f"matrix-{year}.xlsx", xlsx if isinstance(xlsx, bytes) else xlsx.encode("utf-8"))]


# --------------------------------------------------------------------------- notices


def _year_notices(agenda: Agenda, year: int, lang: str) -> list[str]:
    out = []
    if agenda.reporting_years and year not in agenda.reporting_years:
        out.append(_("not-reporting-year", lang, year=year, years=", ".join(map(str, agenda.reporting_years))))
    elif not agenda.reporting_years:
        out.append(_("no-reporting-years", lang, year=year))
    periods = [(agenda.period_start, agenda.period_end)] + [(p.period_start, p.period_end) for p in agenda.plans]
    known = [(s, e) for s, e in periods if s is not None or e is not None]
    inside = any((s is None or s <= year) and (e is None or year <= e) for s, e in known)
    if known and not inside:
        start, end = agenda.period_start, agenda.period_end
        period = f"{start or '…'}–{end or '…'}"
        out.append(_("outside-period", lang, year=year, period=period))
    return out


def _record_notices(agenda: Agenda, year: int, facts: Facts,
                    warnings: tuple[Problem, ...]) -> list[tuple[str, dict[str, object]]]:
    """What was not recorded and what to check, as (message key, fields); the caller adds ``see``."""
    from agenda.query.rollup import record_in

    out: list[tuple[str, dict[str, object]]] = []
    items: list[Theme | Goal | Action] = [*agenda.themes, *agenda.goals(), *agenda.actions()]
    if items and not any(record_in(i.status, year) for i in items):
        out.append(("nothing-recorded", {"year": year}))
    else:
        missing = len(not_reported(facts.refl, "nl"))
        if missing:
            out.append(("missing", {"year": year, "n": missing}))
    points = len(warnings) + len(facts.refl.problems)
    if points:
        out.append(("warnings", {"n": points}))
    return out


def _glyph_notices(agenda: Agenda, lang: str) -> list[str]:
    from agenda.render._fonts import safe_text

    return [_("glyph", lang, mark=s.mark, status=s.label(lang)) for s in agenda.config.statuses
            if s.mark and not safe_text(s.mark)]


# --------------------------------------------------------------------------- the manifest


def manifest(year: int, files: Iterable[ReportFile], previous: bytes | None = None) -> bytes:
    """The manifest after writing ``files`` for ``year``: the files of every year, the others kept as they were."""
    years = _read_manifest(previous)
    years[str(year)] = sorted(f.name for f in files)
    return (json.dumps({"agenda-report": 1, "years": dict(sorted(years.items()))}, ensure_ascii=False, indent=1)
            + "\n").encode("utf-8")


def stale_files(year: int, files: Iterable[ReportFile], previous: bytes | None) -> list[str]:
    """The files an earlier run for ``year`` wrote that this run did not, and that no other year's run wrote.

    Only names listed in the manifest ``previous`` can come back, and only plain
    relative names inside the folder (no ``..``, no absolute path).
    """
    years = _read_manifest(previous)
    now = {f.name for f in files}
    others = {n for y, names in years.items() if y != str(year) for n in names}
    return sorted(n for n in years.get(str(year), []) if n not in now and n not in others and _inside(n))


def _inside(name: str) -> bool:
    norm = posixpath.normpath(name)
    return bool(name) and not name.startswith(("/", "\\")) and ":" not in name and norm == name and \
        not norm.startswith("..") and name != MANIFEST


def _read_manifest(data: bytes | None) -> dict[str, list[str]]:
    if not data:
        return {}
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}  # not ours, or damaged: remove nothing
    years = found.get("years") if isinstance(found, dict) else None
    if not isinstance(years, dict):
        return {}
    return {str(y): [n for n in names if isinstance(n, str)] for y, names in years.items() if isinstance(names, list)}
