"""The goal/action matrix as the concretisering presents it: per theme, goals × actions.

:func:`matrix_rows` is the query: one :class:`MatrixRow` per action (and one per
goal without actions), with pillar, intended result, owner, partners, planning,
budget (summed per action by :func:`agenda.query.budget.budget`) and the status word
recorded for the year.  :func:`render_matrix` lays the rows out as Markdown,
HTML, CSV or XLSX.

Themes, goals and actions keep the order of the file: that order is the
document's, and the matrix mirrors the document.  Nothing else depends on
order (status records and budget lines are looked up and summed).

Spreadsheet cells that start with ``= + - @``, a tab or a carriage return get a
leading apostrophe, so no name runs as a formula (OWASP's advice on CSV
injection).  The XLSX file has fixed properties and zip timestamps, so the same
plan gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import attrs

from agenda._i18n import Catalog, check_lang
from agenda.model import Action, Agenda, Goal, Theme
from agenda.query.budget import BudgetSummary, KindTotals, budget
from agenda.render._backend import MissingExtraError
from agenda.render._quote import html_text, md_cell, spreadsheet_cell
from agenda.render._xlsx import workbook
from agenda.render.budget_table import entry_text

__all__ = ["MATRIX_FORMATS", "MatrixRow", "MissingExtraError", "matrix_rows", "render_matrix"]

#: The formats :func:`render_matrix` writes.
MATRIX_FORMATS = ("md", "html", "csv", "xlsx")

_ = Catalog(
    "render-matrix",
    {
        "title": {"nl": "Doelen en inspanningen {year}", "en": "Goals and actions {year}"},
        "result": {"nl": "Beoogd resultaat", "en": "Intended result"},
        "owner": {"nl": "Trekker", "en": "Owner"},
        "partners": {"nl": "Partners", "en": "Partners"},
        "planning": {"nl": "Planning", "en": "Planning"},
        "budget": {"nl": "Budget", "en": "Budget"},
        "status": {"nl": "Status {year}", "en": "Status {year}"},
        "structural": {"nl": "Structureel per jaar", "en": "Structural per year"},
        "incidental": {"nl": "Incidenteel per jaar", "en": "Incidental per year"},
        "from": {"nl": "vanaf {start}", "en": "from {start}"},
        "until": {"nl": "tot {end}", "en": "until {end}"},
        "format": {
            "nl": "Onbekend formaat {fmt!r}; kies uit: {choices}.",
            "en": "Unknown format {fmt!r}; choose from: {choices}.",
        },
        "empty": {"nl": "Geen doelen of inspanningen.", "en": "No goals or actions."},
    },
)


@attrs.frozen
class MatrixRow:
    """One line of the matrix: an action under its goal (``goal_*`` None for an action directly under a theme).

    A goal without actions has a row of its own with ``action_id`` None.
    ``status`` is the status word in the chosen language, ``status_mark`` its symbol.
    """

    theme_id: str
    theme_name: str
    pillar: str | None
    goal_id: str | None
    goal_name: str | None
    action_id: str | None
    action_name: str | None
    result: str | None
    owner: str | None
    partners: tuple[str, ...]
    planning: str
    budget: str  #: the action's budget lines in words
    structural: Decimal | None  #: annual structural total, None without budget
    incidental: Decimal | None  #: annual incidental total, None without budget
    status_id: str | None
    status: str | None
    status_mark: str


def matrix_rows(agenda: Agenda, year: int, lang: str = "nl") -> tuple[MatrixRow, ...]:
    """The rows of the matrix for ``year``, in the file's order of themes, goals (and sub-goals) and actions."""
    check_lang(lang)
    summary = budget(agenda)
    rows: list[MatrixRow] = []
    for theme in agenda.themes:
        for goal in theme.all_goals():  # sub-goals follow their goal
            if not goal.actions:
                rows.append(_row(agenda, summary, theme, goal, None, year, lang))
            rows.extend(_row(agenda, summary, theme, goal, a, year, lang) for a in goal.actions)
        rows.extend(_row(agenda, summary, theme, None, a, year, lang) for a in theme.actions)
    return tuple(rows)


def _row(
    agenda: Agenda, summary: BudgetSummary, theme: Theme, goal: Goal | None, action: Action | None, year: int, lang: str
) -> MatrixRow:
    pillar_id = (action.pillar if action else None) or (goal.pillar if goal else None)
    pillar = next((p.name for p in theme.pillars if p.id == pillar_id), pillar_id)
    tracked = action or goal
    record = tracked.status_in(year) if tracked is not None else None
    status_id = record.status if record else None
    status = agenda.config.status(status_id) if status_id else None
    totals = summary.for_action(action.id) if action and action.budget else None
    lines = [entry_text(e, lang) for e in summary.entries_of(action.id)] if action else []
    return MatrixRow(
        theme_id=theme.id,
        theme_name=theme.name,
        pillar=pillar,
        goal_id=goal.id if goal else None,
        goal_name=goal.name if goal else None,
        action_id=action.id if action else None,
        action_name=action.name if action else None,
        result=action.result if action else None,
        owner=action.owner if action else None,
        partners=action.partners if action else (),
        planning=_planning(action, lang) if action else "",
        budget="; ".join(lines),
        structural=_nonzero(totals, "structural"),
        incidental=_nonzero(totals, "incidental"),
        status_id=status_id,
        status=status.label(lang) if status else status_id,
        status_mark=status.mark if status else "",
    )


def _nonzero(totals: KindTotals | None, field: str) -> Decimal | None:
    if totals is None:
        return None
    value: Decimal = getattr(totals, field)
    return value or None


def _planning(action: Action, lang: str) -> str:
    if action.start and action.end:
        return f"{action.start}–{action.end}"
    if action.start:
        return _("from", lang, start=action.start)
    if action.end:
        return _("until", lang, end=action.end)
    return ""


# --------------------------------------------------------------------------- rendering


def render_matrix(agenda: Agenda, year: int, fmt: str = "md", lang: str = "nl") -> str | bytes:
    """The matrix for ``year`` in ``fmt``: ``md``, ``html``, ``csv`` (text) or ``xlsx`` (bytes).

    The XLSX workbook is written directly (one sheet, no extra needed).
    """
    check_lang(lang)
    if fmt not in MATRIX_FORMATS:
        raise ValueError(_("format", lang, fmt=fmt, choices=", ".join(MATRIX_FORMATS)))
    rows = matrix_rows(agenda, year, lang)
    if fmt == "md":
        return _markdown(agenda, rows, year, lang)
    if fmt == "html":
        return _html(agenda, rows, year, lang)
    if fmt == "csv":
        return _csv(agenda, rows, year, lang)
    return _xlsx(agenda, rows, year, lang)


def _heads(agenda: Agenda, year: int, lang: str) -> list[str]:
    level = agenda.config.level
    return [
        level("pillar", lang).capitalize(),
        level("goal", lang).capitalize(),
        level("action", lang).capitalize(),
        _("result", lang),
        _("owner", lang),
        _("partners", lang),
        _("planning", lang),
        _("budget", lang),
        _("status", lang, year=year),
    ]


def _cells(row: MatrixRow) -> list[str]:
    status = f"{row.status_mark} {row.status}".strip() if row.status else ""
    return [
        row.pillar or "",
        row.goal_name or "",
        row.action_name or "",
        row.result or "",
        row.owner or "",
        ", ".join(row.partners),
        row.planning,
        row.budget,
        status,
    ]


def _by_theme(rows: tuple[MatrixRow, ...]) -> list[tuple[str, list[MatrixRow]]]:
    out: list[tuple[str, list[MatrixRow]]] = []
    for row in rows:
        if not out or out[-1][1][0].theme_id != row.theme_id:
            out.append((row.theme_name, []))
        out[-1][1].append(row)
    return out


def _markdown(agenda: Agenda, rows: tuple[MatrixRow, ...], year: int, lang: str) -> str:
    out = [f"# {md_cell(_('title', lang, year=year))} — {md_cell(agenda.title)}", ""]
    if not rows:
        out.append(_("empty", lang))
    heads = _heads(agenda, year, lang)
    for theme_name, theme_rows in _by_theme(rows):
        out += [f"## {md_cell(theme_name)}", ""]
        out.append("| " + " | ".join(md_cell(h) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        out += ["| " + " | ".join(md_cell(c) for c in _cells(r)) + " |" for r in theme_rows]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


_STYLE = """\
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; margin: 1.5em; color: #000; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #888; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
@page { size: A4 landscape; margin: 1.5cm; }
@media print { body { margin: 0; } }
"""


def _html(agenda: Agenda, rows: tuple[MatrixRow, ...], year: int, lang: str) -> str:
    title = f"{_('title', lang, year=year)} — {agenda.title}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html_text(title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{html_text(title)}</h1>",
    ]
    if not rows:
        out.append(f"<p>{html_text(_('empty', lang))}</p>")
    heads = _heads(agenda, year, lang)
    for theme_name, theme_rows in _by_theme(rows):
        out.append(f"<h2>{html_text(theme_name)}</h2>")
        out.append("<table>")
        out.append("<thead><tr>" + "".join(f"<th>{html_text(h)}</th>" for h in heads) + "</tr></thead>")
        out.append("<tbody>")
        for row in theme_rows:
            attr = f' class="status-{html_text(row.status_id)}"' if row.status_id else ""
            out.append(f"<tr{attr}>" + "".join(f"<td>{html_text(c)}</td>" for c in _cells(row)) + "</tr>")
        out.append("</tbody>")
        out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _flat(agenda: Agenda, rows: tuple[MatrixRow, ...], year: int, lang: str) -> tuple[list[str], list[list[Any]]]:
    heads = [agenda.config.level("theme", lang).capitalize(), *_heads(agenda, year, lang)]
    heads += [_("structural", lang), _("incidental", lang), "theme_id", "goal_id", "action_id", "status_id"]
    body: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = [spreadsheet_cell(c) for c in [row.theme_name, *_cells(row)]]
        cells += [_number(row.structural), _number(row.incidental)]
        cells += [spreadsheet_cell(c or "") for c in (row.theme_id, row.goal_id, row.action_id, row.status_id)]
        body.append(cells)
    return [spreadsheet_cell(h) for h in heads], body


def _number(value: Decimal | None) -> int | Decimal | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def _csv(agenda: Agenda, rows: tuple[MatrixRow, ...], year: int, lang: str) -> str:
    # Dutch Excel opens a CSV by double-click only with ";" between the fields, a decimal comma and a
    # byte order mark that says UTF-8; English Excel expects "," and a decimal point.
    heads, body = _flat(agenda, rows, year, lang)
    dutch = lang == "nl"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if dutch else ",", lineterminator="\r\n")
    writer.writerow(heads)
    writer.writerows([[_csv_cell(c, lang) for c in r] for r in body])
    return ("\ufeff" if dutch else "") + buf.getvalue()


def _csv_cell(value: object, lang: str) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", "," if lang == "nl" else ".")
    return value


def _xlsx(agenda: Agenda, rows: tuple[MatrixRow, ...], year: int, lang: str) -> bytes:
    heads, body = _flat(agenda, rows, year, lang)
    widths = [18, 18, 28, 32, 28, 18, 20, 12, 26, 14, 14, 14, 16, 16, 16, 14][: len(heads)]
    return workbook("Matrix", heads, body, widths=widths, title=agenda.title)
