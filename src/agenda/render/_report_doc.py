"""The report as a document once: headings, paragraphs, tables, lists and figures, for every writer.

:func:`build_document` words the facts of one reporting year for the college and the
raad; the HTML (:mod:`agenda.render._report_html`), Markdown
(:mod:`agenda.render._report_md`) and Word (:mod:`agenda.render._report_docx`)
writers lay the same blocks out, so the three formats never tell different stories.
A status is a :class:`Badge` (the writer gives it its colour and mark); a picture is a
:class:`Figure` naming a diagram or chart the writer is handed separately.

Nothing here is for the programme manager: no rule ids, no field names, no file
positions, no warnings (those go to ``controle-YEAR.md``).  Columns that would be
empty in every table of the report (no owner, no progress anywhere) are left out, and so are
those empty in one table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TypeAlias

import attrs

from agenda.model import Action, Agenda, BudgetLine, Goal, Indicator, Theme
from agenda.numbers import date, money
from agenda.query.reflectie import Entry
from agenda.query.rollup import record_in
from agenda.render._report_common import CATALOG as _
from agenda.render._report_common import (
    Facts,
    count,
    indicators_of,
    is_lagging,
    item_rows,
    kind_text,
    report_title,
    split_themes,
    status_counts,
)
from agenda.render._report_indicators import indicator_table
from agenda.render._report_reasons import for_raad, reason
from agenda.render.budget_table import amount_text

__all__ = [
    "Badge",
    "Block",
    "Bullets",
    "Contents",
    "Document",
    "Figure",
    "Heading",
    "Inline",
    "Para",
    "Picture",
    "Row",
    "Table",
    "Text",
    "build_document",
]


@attrs.frozen
class Text:
    """A run of text; ``strong`` is bold, ``muted`` is the grey of secondary text."""

    text: str
    strong: bool = False
    muted: bool = False
    italic: bool = False


@attrs.frozen
class Badge:
    """A status word with its colour and mark; ``derived`` when it follows from the item's parts."""

    status: str
    derived: bool = False


Inline: TypeAlias = "Text | Badge"


@attrs.frozen
class Heading:
    """A heading of ``level`` 1-4 with the anchor the contents link to."""

    level: int
    text: str
    anchor: str | None = None


@attrs.frozen
class Para:
    """A paragraph of runs; ``style`` is ``""``, ``"motto"``, ``"byline"``, ``"note"`` or ``"intro"``."""

    parts: tuple[Inline, ...]
    style: str = ""


@attrs.frozen
class Row:
    """A table row: its cells (each a tuple of runs); ``strong`` for a goal, ``depth`` 1 for an item under it."""

    cells: tuple[tuple[Inline, ...], ...]
    strong: bool = False
    depth: int = 0
    total: bool = False


@attrs.frozen
class Table:
    """A table with a heading row; ``numeric`` marks the right-aligned columns; ``notes`` follow it."""

    head: tuple[str, ...]
    rows: tuple[Row, ...]
    numeric: tuple[bool, ...]
    notes: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()  #: relative column widths, for writers that need them
    compact: bool = False  #: as wide as its content, not the full text width


@attrs.frozen
class Bullets:
    """A bulleted list; each item is a tuple of paragraphs (each a tuple of runs)."""

    items: tuple[tuple[tuple[Inline, ...], ...], ...]


@attrs.frozen
class Figure:
    """A picture: ``kind`` ``"diagram"`` or ``"chart"``, ``key`` its name among the pictures handed to the writer."""

    kind: str
    key: str
    alt: str


@attrs.frozen
class Contents:
    """The table of contents: (anchor, title) of every section."""

    entries: tuple[tuple[str, str], ...]


Block: TypeAlias = "Heading | Para | Table | Bullets | Figure | Contents"


@attrs.frozen
class Picture:
    """A diagram or chart as the writers get it: its file in the report folder, its SVG and PNG, its size.

    ``width`` and ``height`` are the natural size in points (None when unknown); a
    writer shows it at that size, or scaled down to the text width.
    """

    file: str
    svg: str | None = None
    png: bytes | None = None
    width: float | None = None
    height: float | None = None


@attrs.frozen
class Document:
    """The whole report: its title (for the page and the file's properties), language and blocks."""

    title: str
    lang: str
    blocks: tuple[Block, ...]


def build_document(
    agenda: Agenda,
    year: int,
    facts: Facts,
    *,
    lang: str = "nl",
    title: str | None = None,
    diagrams: Mapping[str | None, Sequence[str]] | None = None,
    charts: Collection[str] = (),
    diagram_note: str | None = None,
    technical: bool = False,
) -> Document:
    """The report of ``year`` as blocks.

    ``diagrams`` maps a theme id (None: the overview) to the keys of its diagrams, in
    order; ``charts`` holds the ids of the indicators that have a chart;
    ``diagram_note`` says why there are no pictures.  ``technical`` adds an appendix
    with the rule and data behind every point of the reflectie.
    """
    diagrams = diagrams or {}
    name = report_title(agenda, year, lang, title)
    current, later = split_themes(agenda, year)
    entries = tuple(e for e in facts.refl.entries if for_raad(e))
    columns = _columns(agenda, year)
    out: list[Block] = [Heading(1, name)]
    out += _frame(agenda, year, lang)
    sections = [("samenvatting", _("summary", lang))]
    if diagrams.get(None) or diagram_note:
        sections.append(("overzicht", _("overview", lang)))
    sections.append(("themas", _("themes", lang)))
    if later:
        sections.append(("vooruitblik", _("outlook", lang)))
    sections += [("reflectie", _("reflectie", lang)), ("financien", _("budget", lang))]
    if technical:
        sections.append(("bijlage", _("technical", lang)))
    out.append(Contents(tuple(sections)))
    out += _summary(agenda, year, entries, lang)
    if diagrams.get(None) or diagram_note:
        out.append(Heading(2, _("overview", lang), "overzicht"))
        out.append(Para((Text(_("overview-intro", lang, year=year)),), "intro"))
        if diagram_note:
            out.append(Para((Text(_("diagram-missing", lang, reason=diagram_note)),), "note"))
        out += [Figure("diagram", key, _("overview", lang)) for key in diagrams.get(None, ())]
    out.append(Heading(2, _("themes", lang), "themas"))
    if not current:
        out.append(Para((Text(_("no-themes", lang)),)))
    for theme in current:
        out += _theme(agenda, theme, year, facts, lang, columns, diagrams.get(theme.id, ()), charts)
    out += _plan_wide(agenda, year, lang, charts)
    if later:
        out.append(Heading(2, _("outlook", lang), "vooruitblik"))
        out.append(Para((Text(_("outlook-intro", lang, year=year)),), "intro"))
        for theme in later:
            out += _theme(agenda, theme, year, facts, lang, columns, diagrams.get(theme.id, ()), charts)
    out += _reflectie(agenda, year, entries, facts, lang)
    out += _budget(facts, lang)
    if technical:
        out += _technical(agenda, year, entries, lang)
    return Document(name, lang, tuple(out))


# --------------------------------------------------------------------------- the frame


def _frame(agenda: Agenda, year: int, lang: str) -> list[Block]:
    byline = _("byline", lang, gemeente=agenda.gemeente, plan=agenda.title)
    if agenda.adopted_on:
        on = date(agenda.adopted_on, lang, preposition=True)
        byline += ", " + (_("adopted", lang, by=agenda.adopted_by, on=on) if agenda.adopted_by
                          else _("adopted-on", lang, on=on))
    out: list[Block] = [Para((Text(byline),), "byline"), Para((Text(_("year-line", lang, year=year), strong=True),))]
    if agenda.motto:
        out.append(Para((Text(agenda.motto, italic=True),), "motto"))
    out.append(Para((Text(_("draft", lang), muted=True),), "note"))
    return out


def _summary(agenda: Agenda, year: int, entries: Sequence[Entry], lang: str) -> list[Block]:
    counts = status_counts(agenda, year)
    total = sum(n for _sid, n in counts)
    lagging = sum(n for sid, n in counts if is_lagging(agenda, sid))
    action = agenda.config.level("action", lang)
    if total:
        text = _("summary-status", lang, year=year, total=count(total, action, lang)) + " "
        key = "summary-lagging-0" if lagging == 0 else "summary-lagging-1" if lagging == 1 else "summary-lagging-n"
        text += _(key, lang, n=lagging)
    else:
        text = _("summary-none-status", lang, year=year)
    items = len({e.item for e in entries})
    points = count(len(entries), _("point", lang), lang, _("points", lang))
    things = count(items, _("item-word", lang), lang, _("items-word", lang))
    text += " " + (_("summary-points", lang, points=points, items=things) if entries else _("summary-nothing", lang))
    out: list[Block] = [Heading(2, _("summary", lang), "samenvatting"), Para((Text(text),))]
    if counts:
        rows = tuple(Row(((Badge(sid),), (Text(str(n)),))) for sid, n in counts)
        out.append(Table((_("status", lang), _("count", lang)), rows, (False, True), widths=(3, 1), compact=True))
    return out


# --------------------------------------------------------------------------- themes


@attrs.frozen
class _Columns:
    owner: bool
    progress: bool
    note: bool


def _columns(agenda: Agenda, year: int) -> _Columns:
    # A column that would be empty in every table of the report is left out.
    items: list[Theme | Goal | Action] = [*agenda.goals(), *agenda.actions()]
    records = [r for i in items if (r := record_in(i.status, year)) is not None]
    return _Columns(
        owner=any(a.owner for a in agenda.actions()),
        progress=any(r.progress is not None for r in records),
        note=any(r.note for r in records),
    )


def _theme(agenda: Agenda, theme: Theme, year: int, facts: Facts, lang: str, columns: _Columns,
           diagram_keys: Sequence[str], charts: Collection[str]) -> list[Block]:
    out: list[Block] = [Heading(3, theme.name, f"thema-{theme.id}")]
    meta = [agenda.config.theme_kind(theme.kind, lang)]
    if theme.plan:
        plan = next((p for p in agenda.plans if p.id == theme.plan), None)
        meta.append(_("plan-earlier", lang, title=plan.title if plan else theme.plan))
    if theme.kbv:
        meta.append(_("kbv", lang, veld=theme.kbv))
    out.append(Para((Text(" · ".join(meta), muted=True),)))
    out.append(Para(_status_line(theme.id, year, facts, lang)))
    for pillar in theme.pillars:  # a gemeente that reports per pillar: each pillar's status and explanation
        record = pillar.status_in(year)
        if record is not None:
            line: list[Inline] = [Text(f"{agenda.config.level('pillar', lang).capitalize()} ‘{pillar.name}’: "),
                                  Badge(record.status)]
            if record.note:
                line.append(Text(" – " + record.note))
            out.append(Para(tuple(line)))
    if theme.description:
        out.append(Para((Text(theme.description),)))
    if theme.continued_in:
        names = [getattr(agenda.get(t), "name", t) for t in theme.continued_in]
        out.append(Para((Text(_("continued-in", lang, themes=", ".join(names))),)))
    rows = list(item_rows(theme))
    if rows:
        out.append(_items_table(agenda, rows, year, facts, lang, columns))
    indicators = indicators_of(agenda, theme)
    if indicators:
        out.append(Heading(4, _("indicators", lang)))
        out += _indicators(agenda, indicators, year, lang, charts)
    if diagram_keys:
        out.append(Heading(4, _("diagram", lang)))
        out += [Figure("diagram", key, theme.name) for key in diagram_keys]
    return out


def _indicators(agenda: Agenda, indicators: Sequence[Indicator], year: int, lang: str,
                charts: Collection[str]) -> list[Block]:
    table = indicator_table(agenda, indicators, year, lang)
    return [Table(
        table.head,
        tuple(Row(((Text(r.name + "".join(f" [{n}]" for n in r.notes)),), (Text(r.baseline),), (Text(r.target),),
                   (Text(r.actual),), (Text(r.ambition),)), depth=1 if r.area else 0) for r in table.rows),
        (False, True, True, True, True),
        tuple(f"[{n}] {text}" for n, text in enumerate(table.notes, 1)),
        widths=(8, 3, 3, 3, 3),
    ), *(Figure("chart", ind.id, _("chart-alt", lang, name=ind.name)) for ind in indicators if ind.id in charts)]


def _plan_wide(agenda: Agenda, year: int, lang: str, charts: Collection[str]) -> list[Block]:
    # Indicators that measure the plan as a whole (no goal, no theme): a section of their own after the themes,
    # or the raad would never see their figures.
    loose = [i for i in agenda.indicators if agenda.theme_of(i.id) is None]
    if not loose:
        return []
    return [Heading(3, _("plan-indicators", lang), "plan-indicatoren"),
            Para((Text(_("plan-indicators-intro", lang)),), "intro"),
            *_indicators(agenda, loose, year, lang, charts)]


def _status_line(item_id: str, year: int, facts: Facts, lang: str) -> tuple[Inline, ...]:
    rolled = facts.roll.get(item_id)
    recorded = rolled.recorded.status if rolled and rolled.recorded else None
    derived = rolled.derived if rolled else None
    if recorded is None and derived is None:
        return (Text(_("none-recorded", lang, year=year), muted=True),)
    parts: list[Inline] = [Text(_("status-line", lang, year=year) + " ")]
    if recorded is not None:
        parts.append(Badge(recorded))
        if derived is not None and derived != recorded:
            parts += [Text(". " + _("derived-line", lang) + " "), Badge(derived, derived=True)]
    else:
        assert derived is not None
        parts.append(Badge(derived, derived=True))
    return tuple(parts)


def _items_table(agenda: Agenda, rows: list[tuple[Goal | Action, int]], year: int, facts: Facts, lang: str,
                 columns: _Columns) -> Table:
    # A column empty in this table is left out here too: a theme without owners has no owner column.
    records = [record_in(item.status, year) for item, _depth in rows]
    columns = _Columns(
        owner=columns.owner and any(isinstance(item, Action) and item.owner for item, _depth in rows),
        progress=columns.progress and any(r is not None and r.progress is not None for r in records),
        note=columns.note and any(r is not None and r.note for r in records),
    )
    # (heading, right-aligned, relative width) of the columns that are not empty
    shown = [(_("item", lang), False, 6)]
    if columns.owner:
        shown.append((_("owner", lang), False, 3))
    shown.append((_("status", lang), False, 3))
    if columns.progress:
        shown.append((_("progress", lang), True, 3))
    if columns.note:
        shown.append((_("explanation", lang), False, 6))
    head = [h for h, _n, _w in shown]
    numeric = [n for _h, n, _w in shown]
    widths = [w for _h, _n, w in shown]
    out: list[Row] = []
    for item, depth in rows:
        record = record_in(item.status, year)
        status: tuple[Inline, ...] = (Badge(record.status),) if record else ()
        if record is None and isinstance(item, Goal):
            rolled = facts.roll.get(item.id)
            status = (Badge(rolled.derived, derived=True),) if rolled and rolled.derived else ()
        cells: list[tuple[Inline, ...]] = [(Text(item.name),)]
        if columns.owner:
            cells.append((Text(item.owner or ""),) if isinstance(item, Action) else ())
        cells.append(status)
        if columns.progress:
            cells.append((Text(f"{record.progress}\u00a0%" if lang == "nl" else f"{record.progress}%"),)
                         if record and record.progress is not None else ())
        if columns.note:
            cells.append((Text(record.note),) if record and record.note else ())
        out.append(Row(tuple(cells), strong=isinstance(item, Goal), depth=depth))
    return Table(tuple(head), tuple(out), tuple(numeric), widths=tuple(widths))


# --------------------------------------------------------------------------- reflectie, budget, appendix


def _reflectie(agenda: Agenda, year: int, entries: Sequence[Entry], facts: Facts, lang: str) -> list[Block]:
    out: list[Block] = [Heading(2, _("reflectie", lang), "reflectie"),
                        Para((Text(_("reflectie-intro", lang, year=year)),), "intro")]
    if not entries:
        out.append(Para((Text(_("nothing-lagged", lang, year=year)),)))
        return out
    names = dict(facts.refl.themes)
    groups: dict[str | None, dict[str, list[Entry]]] = {}
    for entry in entries:
        groups.setdefault(entry.theme, {}).setdefault(entry.item, []).append(entry)
    for theme_id, items in groups.items():
        out.append(Heading(3, names.get(theme_id, theme_id) if theme_id else _("no-theme", lang)))
        bullets = []
        for item_entries in items.values():
            paras: list[tuple[Inline, ...]] = [(Text(" ".join(reason(agenda, e, year, lang) for e in item_entries)),)]
            note = next((e.note for e in item_entries if e.note), None)
            if note:
                paras.append((Text(_("note", lang, note=note), muted=False),))
            bullets.append(tuple(paras))
        out.append(Bullets(tuple(bullets)))
    return out


def _budget(facts: Facts, lang: str) -> list[Block]:
    out: list[Block] = [Heading(2, _("budget", lang), "financien")]
    summary = facts.money
    if not summary.entries:
        out.append(Para((Text(_("no-budget", lang)),)))
        return out
    rows: list[Row] = []
    for entry in summary.entries:
        rows += _budget_rows(entry.name, entry.line, lang, 0)
    rows.append(Row(((Text(_("total-structural", lang), strong=True),),
                     (Text(money(summary.totals.structural, lang), strong=True),), ()), total=True))
    rows.append(Row(((Text(_("total-incidental", lang), strong=True),),
                     (Text(money(summary.totals.incidental, lang), strong=True),), ()), total=True))
    out.append(Table((_("budget-line", lang), _("amount", lang), _("kind", lang)), tuple(rows), (False, True, False),
                     widths=(6, 2, 3)))
    return out


def _budget_rows(name: str, line: BudgetLine, lang: str, depth: int) -> list[Row]:
    label = line.name or name
    rows = [Row(((Text(label),), (Text(amount_text(line, lang)),), (Text(kind_text(line, lang)),)), depth=min(depth, 1))]
    for item in line.items:
        rows += _budget_rows(item.name or "", item, lang, depth + 1)
    return rows


def _technical(agenda: Agenda, year: int, entries: Sequence[Entry], lang: str) -> list[Block]:
    from agenda.numbers import number

    def shown(value: object) -> str:
        if isinstance(value, tuple):
            return " → ".join(value)
        if (isinstance(value, int | float) and not isinstance(value, bool)) or type(value).__name__ == "Decimal":
            return number(value, lang)  # type: ignore[arg-type]
        return str(value)

    rows = tuple(
        Row(((Text(e.name),), (Text(e.rule),),
             (Text(", ".join(f"{x.key} = {shown(x.value)}" for x in e.evidence if x.value is not None)),)))
        for e in entries
    )
    return [Heading(2, _("technical", lang), "bijlage"), Para((Text(_("technical-intro", lang)),), "intro"),
            Table((_("item", lang), _("rule", lang), _("evidence", lang)), rows, (False, False, False),
                  widths=(5, 3, 8))]

