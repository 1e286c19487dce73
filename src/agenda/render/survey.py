"""The yearly survey of the trekkers (*uitvraag*): one workbook per owner, or per theme.

Each year the programme manager asks every owner (*trekker*) for the status, an
explanation and the figures of their items.  :func:`survey_groups` says who gets
which items; :func:`survey_workbook` writes one ``.xlsx`` for a group:

* a sheet ``Status``: per theme, goal or action its id, level, name, theme, last
  year's status and explanation (protected), and the columns to fill in: the status
  (a drop-down of the plan's status words), the progress in percent and the
  explanation;
* a sheet ``Indicatoren``: per indicator its id, name, unit, last year's figure and
  this year's target (protected), and the figure, its source and an explanation to
  fill in.  Figure cells are text, so ``1.234`` and ``98,5`` arrive as typed and are
  read by the same rules as the command line (:func:`agenda.numbers.parse_number`);
* an explanation sheet, and a hidden sheet ``agenda`` that names the plan, the year
  and the group, holds the status words for the drop-down, and keeps (in hidden
  columns of the other sheets) what the plan held when the sheet was sent, so that
  reading it back can tell an answer from a conflict.

The sheets are protected without a password: the columns to fill in are unlocked,
the rest is locked against accidents, and :mod:`agenda.edit.survey` refuses a sheet
whose protected cells were changed anyway.  The layout (:data:`STATUS_COLUMNS`,
:data:`INDICATOR_COLUMNS`, :func:`status_cells`, :func:`indicator_cells`) is shared
with the reader.  openpyxl is needed (the ``xlsx`` extra).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import attrs

from agenda._i18n import Catalog
from agenda.model import Action, Agenda, Goal, Indicator, StatusRecord, Theme
from agenda.numbers import Number, number

__all__ = [
    "INDICATOR_COLUMNS",
    "META_SHEET",
    "STATUS_COLUMNS",
    "SURVEY_KIND",
    "SURVEY_VERSION",
    "Column",
    "SurveyGroup",
    "column_title",
    "indicator_cells",
    "sheet_name",
    "status_cells",
    "survey_groups",
    "survey_workbook",
]

#: What the hidden sheet says the workbook is, and the version of this layout.
SURVEY_KIND = "agenda-uitvraag"
SURVEY_VERSION = 1
#: The hidden sheet with the plan, year, group and status words.
META_SHEET = "agenda"

_T = Catalog(
    "survey",
    {
        "xlsx-missing": {
            "nl": "Voor de werkmappen van de uitvraag is openpyxl nodig: pip install openpyxl "
                  "(of installeer agenda met het extra xlsx)",
            "en": "The survey's workbooks need openpyxl: pip install openpyxl (or install agenda with the xlsx extra)",
        },
        "sheet-status": {"nl": "Status", "en": "Status"},
        "sheet-indicators": {"nl": "Indicatoren", "en": "Indicators"},
        "sheet-about": {"nl": "Uitleg", "en": "About"},
        "c-id": {"nl": "id", "en": "id"},
        "c-level": {"nl": "soort", "en": "level"},
        "c-name": {"nl": "naam", "en": "name"},
        "c-theme": {"nl": "thema", "en": "theme"},
        "c-prev_status": {"nl": "status {prev}", "en": "status {prev}"},
        "c-prev_note": {"nl": "toelichting {prev}", "en": "explanation {prev}"},
        "c-status": {"nl": "status {year}", "en": "status {year}"},
        "c-progress": {"nl": "voortgang {year} (%)", "en": "progress {year} (%)"},
        "c-note": {"nl": "toelichting {year}", "en": "explanation {year}"},
        "c-unit": {"nl": "eenheid", "en": "unit"},
        "c-prev_value": {"nl": "waarde {prev}", "en": "value {prev}"},
        "c-target": {"nl": "doel {year}", "en": "target {year}"},
        "c-value": {"nl": "waarde {year}", "en": "value {year}"},
        "c-source": {"nl": "bron {year}", "en": "source {year}"},
        "c-sent_status": {"nl": "verstuurd: status", "en": "sent: status"},
        "c-sent_progress": {"nl": "verstuurd: voortgang", "en": "sent: progress"},
        "c-sent_note": {"nl": "verstuurd: toelichting", "en": "sent: explanation"},
        "c-sent_value": {"nl": "verstuurd: waarde", "en": "sent: value"},
        "c-sent_source": {"nl": "verstuurd: bron", "en": "sent: source"},
        "no-owner": {"nl": "zonder trekker", "en": "without owner"},
        "no-theme": {"nl": "indicatoren zonder thema", "en": "indicators without a theme"},
        "file": {"nl": "uitvraag-{year}-{slug}.xlsx", "en": "survey-{year}-{slug}.xlsx"},
        "whole": {"nl": "{unit} (geheel getal)", "en": "{unit} (whole number)"},
        "about": {
            "nl": "Uitvraag {year}: {title}, gemeente {gemeente}\n"
                  "Voor: {group}\n\n"
                  "Vul op het blad 'Status' per onderdeel de status over {year} in (kies uit de lijst), de voortgang\n"
                  "in procent en een toelichting: wat is er gedaan, en bij een achterblijvende status: waarom.\n"
                  "Vul op het blad 'Indicatoren' de waarde over {year} in, met de bron.\n"
                  "Getallen mogen met een decimale komma (7,4). Bij een aantal (een geheel getal) mag een punt\n"
                  "de duizendtallen scheiden (1.234).\n\n"
                  "De grijze kolommen zijn beschermd: verander ze niet, en voeg geen regels toe. Laat een cel\n"
                  "leeg als u het antwoord niet weet. Stuur het bestand terug aan {sender}.",
            "en": "Survey {year}: {title}, gemeente {gemeente}\n"
                  "For: {group}\n\n"
                  "On the sheet 'Status', fill in per item the status over {year} (choose from the list), the\n"
                  "progress in percent and an explanation: what was done, and for a lagging status: why.\n"
                  "On the sheet 'Indicators', fill in the value over {year}, with its source.\n"
                  "Numbers may have a decimal comma (7,4). For a count (a whole number) a point may separate\n"
                  "the thousands (1.234).\n\n"
                  "The grey columns are protected: do not change them, and do not add rows. Leave a cell\n"
                  "empty when you do not know the answer. Send the file back to {sender}.",
        },
        "sender": {"nl": "de programmamanager veiligheid", "en": "the programme manager"},
        "status-prompt": {"nl": "Kies een status uit de lijst.", "en": "Choose a status from the list."},
        "status-error": {"nl": "Dit is geen status van deze agenda; kies uit de lijst.",
                         "en": "This is not a status of this plan; choose from the list."},
        "progress-error": {"nl": "Een percentage van 0 tot 100.", "en": "A percentage from 0 to 100."},
    },
)


@attrs.frozen
class Column:
    """One column of a survey sheet: ``key`` names it; ``editable`` columns are unlocked; ``hidden`` ones keep
    what the plan held when the sheet was sent."""

    key: str
    editable: bool = False
    hidden: bool = False
    width: int = 14


STATUS_COLUMNS: tuple[Column, ...] = (
    Column("id", width=24), Column("level", width=12), Column("name", width=40), Column("theme", width=24),
    Column("prev_status", width=14), Column("prev_note", width=40),
    Column("status", True, width=16), Column("progress", True, width=12), Column("note", True, width=50),
    Column("sent_status", hidden=True), Column("sent_progress", hidden=True), Column("sent_note", hidden=True),
)
INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("id", width=24), Column("name", width=40), Column("unit", width=18), Column("prev_value", width=12),
    Column("target", width=12),
    Column("value", True, width=12), Column("source", True, width=24), Column("note", True, width=40),
    Column("sent_value", hidden=True), Column("sent_source", hidden=True), Column("sent_note", hidden=True),
)


@attrs.frozen
class SurveyGroup:
    """Who is asked about what: an owner (or a theme), the status items and the indicators on their sheets."""

    slug: str
    label: str
    by: str  #: "owner" or "theme"
    items: tuple[str, ...]
    indicators: tuple[str, ...]


def sheet_name(kind: str, lang: str) -> str:
    """The name of the ``status`` or ``indicators`` sheet in ``lang``."""
    return _T(f"sheet-{kind}", lang)


def column_title(column: Column, year: int, lang: str) -> str:
    """The header of ``column`` for reporting year ``year``."""
    return _T(f"c-{column.key}", lang, year=year, prev=year - 1) if "{" in _T.messages[f"c-{column.key}"][lang] \
        else _T(f"c-{column.key}", lang)


# --------------------------------------------------------------------------- who is asked what


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "x"


def survey_groups(agenda: Agenda, lang: str = "nl") -> tuple[SurveyGroup, ...]:
    """One group per owner (*trekker*) of an action, or per theme when no action has an owner.

    With owners, the actions without one form a group of their own; goals and themes
    are not asked (their status is the programme manager's).  Per theme, the theme, its
    goals and its actions are asked.  An indicator goes to every group with an item it
    measures (per owner: also the one owner of the actions of a goal or theme it measures;
    per theme: its own theme); the indicators no group measures go to the group without
    an owner, or (per theme) to a group of their own.
    """
    owners: dict[str, list[str]] = {}
    for action in agenda.actions():
        if action.owner:
            owners.setdefault(action.owner.strip(), []).append(action.id)
    groups: list[tuple[str, str, list[str]]] = []
    if owners:
        for owner in sorted(owners, key=str.casefold):
            groups.append((owner, "owner", owners[owner]))
        rest = [a.id for a in agenda.actions() if not (a.owner or "").strip()]
        if rest:
            groups.append((_T("no-owner", lang), "owner", rest))
    else:
        for theme in agenda.themes:
            ids = [theme.id]
            for goal in theme.all_goals():
                ids.append(goal.id)
                ids.extend(a.id for a in goal.actions)
            ids.extend(a.id for a in theme.actions)
            groups.append((theme.name, "theme", ids))
    # Per owner: an indicator that measures a goal or theme goes to the one owner of its actions, if one.
    reach: dict[str, set[str]] = {}
    for indicator in agenda.indicators:
        measured_ids = set(indicator.measures)
        for measured in indicator.measures:
            found = agenda.get(measured)
            if isinstance(found, Goal):
                measured_ids.update(a.id for a in found.actions)
            elif isinstance(found, Theme):
                measured_ids.update(a.id for a in found.all_actions())
        direct = {g[0] for g in groups if set(g[2]) & set(indicator.measures)}
        spread = {g[0] for g in groups if set(g[2]) & measured_ids}
        reach[indicator.id] = direct or (spread if len(spread) == 1 else set())
    out: list[SurveyGroup] = []
    placed: set[str] = set()
    slugs: set[str] = set()
    for label, by, ids in groups:
        indicators = [i.id for i in agenda.indicators
                      if label in reach[i.id]
                      or (by == "theme" and (t := agenda.theme_of(i.id)) is not None and t.id == ids[0])]
        placed.update(indicators)
        slug = _slug(label)
        while slug in slugs:
            slug += "-2"
        slugs.add(slug)
        out.append(SurveyGroup(slug, label, by, tuple(ids), tuple(indicators)))
    unplaced = tuple(i.id for i in agenda.indicators if i.id not in placed)
    if unplaced:  # indicators that measure nothing asked: with the actions without an owner, or on their own
        label = _T("no-owner" if owners else "no-theme", lang)
        last = out[-1] if out and out[-1].label == label else None
        if last is not None:
            out[-1] = attrs.evolve(last, indicators=last.indicators + unplaced)
        else:
            out.append(SurveyGroup(_slug(label), label, "owner" if owners else "theme", (), unplaced))
    return tuple(g for g in out if g.items or g.indicators)


# --------------------------------------------------------------------------- the cells


def _record(records: Sequence[StatusRecord], year: int) -> StatusRecord | None:
    return next((r for r in records if r.year == year), None)


def _word(agenda: Agenda, status_id: str | None, lang: str) -> str:
    if not status_id:
        return ""
    found = agenda.config.status(status_id)
    return found.label(lang) if found is not None else status_id


def _figure(value: Number | None, lang: str) -> str:
    # Ungrouped, so that the text reads back the same whatever the indicator counts.
    return "" if value is None else number(value, lang, group=False)


def _canonical(value: Number | None) -> str:
    return "" if value is None else number(value, "en", group=False)


def status_cells(agenda: Agenda, item: Theme | Goal | Action, year: int, lang: str) -> dict[str, str]:
    """The cells of ``item``'s row on the status sheet, by column key (what the writer writes, and the reader
    compares the protected cells with)."""
    level = "theme" if isinstance(item, Theme) else "goal" if isinstance(item, Goal) else "action"
    theme = agenda.theme_of(item.id)
    prev, now = _record(item.status, year - 1), _record(item.status, year)
    return {
        "id": item.id, "level": agenda.config.level(level, lang), "name": item.name,
        "theme": theme.name if theme is not None else "",
        "prev_status": _word(agenda, prev.status if prev else None, lang), "prev_note": (prev.note or "") if prev else "",
        "status": _word(agenda, now.status if now else None, lang),
        "progress": str(now.progress) if now and now.progress is not None else "",
        "note": (now.note or "") if now else "",
        "sent_status": now.status if now else "",
        "sent_progress": str(now.progress) if now and now.progress is not None else "",
        "sent_note": (now.note or "") if now else "",
    }


def indicator_cells(agenda: Agenda, indicator: Indicator, year: int, lang: str) -> dict[str, str]:
    """The cells of ``indicator``'s row on the indicator sheet, by column key."""
    from agenda.numbers import is_whole

    prev, now = indicator.value(year - 1), indicator.value(year)
    target = indicator.target(year)
    unit = indicator.unit or ""
    # The model does not say whether `kind` was written; the default `count` with a unit that
    # names no count is shown without the "whole number" remark (the reader applies the file's rule).
    return {
        "id": indicator.id, "name": indicator.name,
        "unit": _T("whole", lang, unit=unit).strip() if is_whole(None, unit) or indicator.kind == "rank" else unit,
        "prev_value": _figure(prev.value if prev else None, lang),
        "target": (target.revised or target.target).text if target is not None else "",
        "value": _figure(now.value if now else None, lang),
        "source": (now.source or "") if now else "",
        "note": (now.note or "") if now else "",
        "sent_value": _canonical(now.value if now else None),
        "sent_source": (now.source or "") if now else "",
        "sent_note": (now.note or "") if now else "",
    }


# --------------------------------------------------------------------------- the workbook


def survey_workbook(agenda: Agenda, group: SurveyGroup, year: int, lang: str = "nl") -> bytes:
    """The ``.xlsx`` for ``group`` and reporting ``year``; the same plan gives the same bytes."""
    from agenda.render._backend import MissingExtraError
    from agenda.render._zip import stable_zip as _stable_zip

    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingExtraError(_T("xlsx-missing", lang)) from exc
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = _T("sheet-about", lang)
    text = _T("about", lang, year=year, title=agenda.title, gemeente=agenda.gemeente, group=group.label,
              sender=_T("sender", lang))
    for i, line in enumerate(text.split("\n"), start=1):
        about.cell(row=i, column=1, value=line or None)
    about.column_dimensions["A"].width = 100
    about.protection.sheet = True

    words = [s.label(lang) for s in agenda.config.statuses]
    meta = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate((
        ("kind", SURVEY_KIND), ("version", str(SURVEY_VERSION)), ("plan", agenda.id), ("gemeente", agenda.gemeente),
        ("title", agenda.title), ("year", str(year)), ("group", group.label), ("by", group.by), ("lang", lang),
    ), start=1):
        meta.cell(row=i, column=1, value=key)
        meta.cell(row=i, column=2, value=value).number_format = "@"
    for i, word in enumerate(words, start=1):
        meta.cell(row=i, column=4, value=word)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True

    status_rows = []
    for item_id in group.items:
        found = agenda.get(item_id)
        if isinstance(found, Theme | Goal | Action):
            status_rows.append(status_cells(agenda, found, year, lang))
    ind_rows = []
    for ind_id in group.indicators:
        found = agenda.get(ind_id)
        if isinstance(found, Indicator):
            ind_rows.append(indicator_cells(agenda, found, year, lang))
    ws = _sheet(wb, sheet_name("status", lang), STATUS_COLUMNS, status_rows, year, lang)
    if status_rows:
        _status_validation(ws, len(status_rows), len(words), lang)
    _sheet(wb, sheet_name("indicators", lang), INDICATOR_COLUMNS, ind_rows, year, lang)
    wb.active = 1 if status_rows else 2
    _fixed_properties(wb, agenda)
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


def _sheet(wb: Any, title: str, columns: tuple[Column, ...], rows: list[dict[str, str]], year: int,
           lang: str) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    ws = wb.create_sheet(title)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for c, column in enumerate(columns, start=1):
        head = ws.cell(row=1, column=c, value=column_title(column, year, lang))
        head.font = Font(bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        if not column.editable:
            head.fill = grey
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].hidden = column.hidden
    for r, cells in enumerate(rows, start=2):
        for c, column in enumerate(columns, start=1):
            value: str | int | None = cells[column.key] or None
            if column.key == "progress" and value is not None:
                cell = ws.cell(row=r, column=c, value=int(value))  # a number, checked 0..100 by Excel
            else:
                cell = ws.cell(row=r, column=c, value=value)
                cell.number_format = "@"  # text: "1.234" and "98,5" stay as typed
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is fine
    ws.protection.formatRows = False
    return ws


def _status_validation(ws: Any, rows: int, words: int, lang: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    keys = [c.key for c in STATUS_COLUMNS]
    status_col = get_column_letter(keys.index("status") + 1)
    progress_col = get_column_letter(keys.index("progress") + 1)
    pick = DataValidation(type="list", formula1=f"{META_SHEET}!$D$1:$D${words}", allow_blank=True,
                          showErrorMessage=True, error=_T("status-error", lang), prompt=_T("status-prompt", lang),
                          showInputMessage=True)
    pick.add(f"{status_col}2:{status_col}{rows + 1}")
    ws.add_data_validation(pick)
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, error=_T("progress-error", lang))
    percent.add(f"{progress_col}2:{progress_col}{rows + 1}")
    ws.add_data_validation(percent)


def _fixed_properties(wb: Any, agenda: Agenda) -> None:
    import datetime

    fixed = datetime.datetime(2000, 1, 1)  # no clock in the file: the same plan gives the same bytes
    wb.properties.creator = "agenda"
    wb.properties.title = agenda.title
    wb.properties.created = fixed
    wb.properties.modified = fixed
