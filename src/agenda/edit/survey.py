"""The yearly survey of the trekkers: write the sheets, read the answers back into the plan.

:func:`write_survey` writes one workbook per owner (or per theme) with
:mod:`agenda.render.survey`.  :func:`read_survey` reads the returned workbooks and
records the answers in the plan file:

* every sheet must be a survey of this plan (gemeente, title and id) for this year;
* every row must name an item of the plan of the right kind; a protected cell that
  differs from what the plan says (a name, last year's status) refuses the sheet;
* every answer is checked by the rules of the YAML file: a status word of the plan
  (id, Dutch or English word, any case), a progress from 0 to 100, a figure read the
  Dutch way (:func:`agenda.numbers.parse_number`; a count is whole);
* an answer that differs from what the plan held when the sheet was sent, while the
  plan itself changed since, is a conflict; two sheets that answer the same item
  differently are a conflict too;
* an untouched row (or sheet) changes nothing; an empty cell is "no answer".

Every problem of every sheet is reported at once, located at its cell
(``file:row:column``); with any problem nothing is written.  The answers are recorded
with :func:`agenda.edit.update.edit_status` and :func:`~agenda.edit.update.edit_value`
(only the lines of those entries change, comments stay), the result is validated,
and the file is written once, atomically.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from agenda._files import read_user_file
from agenda._i18n import LANGUAGES, Catalog
from agenda.edit._write import ChangedOnDisk, editing, write_atomic
from agenda.edit.update import (
    FieldChange,
    edit_status,
    edit_value,
    status_changes,
    value_changes,
)
from agenda.errors import AgendaError, Msg, Problem, Severity, UnreadableError, make_problem
from agenda.format.loader import loads, validate_text
from agenda.model import Action, Agenda, Goal, Indicator, Location, Theme
from agenda.numbers import Number, NumberError, parse_number
from agenda.numbers import date as written_date
from agenda.render.survey import (
    INDICATOR_COLUMNS,
    META_SHEET,
    STATUS_COLUMNS,
    SURVEY_KIND,
    SURVEY_VERSION,
    Column,
    column_title,
    indicator_cells,
    sheet_name,
    status_cells,
    survey_groups,
    survey_workbook,
)

__all__ = ["Answer", "ChangedOnDisk", "SurveyResult", "read_survey", "write_survey"]

_LANGS = ("nl", "en")

_T = Catalog(
    "edit-survey",
    {
        "not-workbook": {"nl": "dit is geen Excel-werkmap (.xlsx) die agenda kan lezen",
                         "en": "this is not an Excel workbook (.xlsx) that agenda can read"},
        "not-workbook-hint": {"nl": "Open het in Excel en sla het op als Excel-werkmap (.xlsx); probeer het dan opnieuw.",
                              "en": "Open it in Excel and save it as an Excel workbook (.xlsx); then try again."},
        "old-xls": {"nl": "dit is een Excel-bestand in het oude formaat (.xls), geen Excel-werkmap (.xlsx)",
                    "en": "this is an Excel file in the old format (.xls), not an Excel workbook (.xlsx)"},
        "text-file": {"nl": "dit is een tekstbestand (zoals CSV), geen Excel-werkmap (.xlsx)",
                      "en": "this is a text file (such as CSV), not an Excel workbook (.xlsx)"},
        "damaged-workbook": {"nl": "deze Excel-werkmap is beschadigd of onvolledig en kan niet gelezen worden",
                             "en": "this Excel workbook is damaged or incomplete and cannot be read"},
        "damaged-workbook-hint": {
            "nl": "Vraag de trekker de werkmap opnieuw te sturen, of open hem in Excel en sla hem opnieuw op.",
            "en": "Ask the owner to send the workbook again, or open it in Excel and save it again."},
        "not-survey": {"nl": "deze werkmap is geen uitvraag van agenda", "en": "this workbook is not an agenda survey"},
        "not-survey-hint": {"nl": "Gebruik de werkmappen van agenda survey write; het verborgen blad 'agenda' hoort erin te staan.",
                            "en": "Use the workbooks of agenda survey write; the hidden sheet 'agenda' must be in it."},
        "version": {"nl": "deze uitvraag heeft versie {version}; deze versie van agenda leest versie {supported}",
                    "en": "this survey has version {version}; this version of agenda reads version {supported}"},
        "other-plan": {"nl": "deze uitvraag hoort bij een andere agenda: {theirs}, niet {ours}",
                       "en": "this survey belongs to another plan: {theirs}, not {ours}"},
        "other-plan-hint": {"nl": "Lees het blad in bij de agenda waarvoor het is gemaakt.",
                            "en": "Read the sheet into the plan it was made for."},
        "other-year": {"nl": "deze uitvraag is voor {theirs}, niet voor {ours}",
                       "en": "this survey is for {theirs}, not for {ours}"},
        "other-year-hint": {"nl": "Geef --year {theirs}, of stuur een nieuwe uitvraag voor {ours}.",
                            "en": "Give --year {theirs}, or send a new survey for {ours}."},
        "no-sheet": {"nl": "het blad '{sheet}' ontbreekt", "en": "the sheet '{sheet}' is missing"},
        "header": {"nl": "cel {cell}: de kop '{found}' is veranderd (hoort: '{expected}')",
                   "en": "cell {cell}: the header '{found}' was changed (should be: '{expected}')"},
        "unknown-id": {"nl": "cel {cell}: er is geen {kind} met de id '{id}' in de agenda",
                       "en": "cell {cell}: there is no {kind} with the id '{id}' in the plan"},
        "k-status": {"nl": "thema, doelstelling of inspanning", "en": "theme, goal or action"},
        "k-indicator": {"nl": "indicator", "en": "indicator"},
        "did-you-mean": {"nl": "Bedoelt u '{match}'? Ids in beschermde kolommen mogen niet veranderen.",
                         "en": "Did you mean '{match}'? Ids in protected columns must not change."},
        "no-new-rows": {"nl": "Voeg geen regels toe aan een uitvraag; nieuwe onderdelen komen in agenda.yaml.",
                        "en": "Do not add rows to a survey; new items go into agenda.yaml."},
        "protected": {"nl": "cel {cell} ({column}) is veranderd: in de agenda staat '{expected}', in het blad '{found}'",
                      "en": "cell {cell} ({column}) was changed: the plan says '{expected}', the sheet '{found}'"},
        "protected-hint": {"nl": "Beschermde (grijze) kolommen mogen niet veranderen. Is de agenda intussen gewijzigd, "
                                 "stuur dan een nieuwe uitvraag (agenda survey write).",
                           "en": "Protected (grey) columns must not change. If the plan changed meanwhile, send a "
                                 "new survey (agenda survey write)."},
        "twice": {"nl": "cel {cell}: '{id}' staat twee keer in dit blad (ook op regel {row})",
                  "en": "cell {cell}: '{id}' occurs twice in this sheet (also on row {row})"},
        "bad-status": {"nl": "cel {cell}: '{word}' is geen status van deze agenda",
                       "en": "cell {cell}: '{word}' is not a status of this plan"},
        "bad-status-match": {"nl": "Bedoelt u '{match}'? Kies uit: {words}.", "en": "Did you mean '{match}'? Choose from: {words}."},
        "bad-status-list": {"nl": "Kies uit: {words}.", "en": "Choose from: {words}."},
        "bad-progress": {"nl": "cel {cell}: de voortgang '{value}' is geen percentage van 0 tot 100",
                         "en": "cell {cell}: the progress '{value}' is not a percentage from 0 to 100"},
        "bad-progress-hint": {"nl": "Schrijf een geheel getal van 0 tot 100, zonder %-teken.",
                              "en": "Write a whole number from 0 to 100, without a % sign."},
        "bad-number": {"nl": "cel {cell}: {problem}", "en": "cell {cell}: {problem}"},
        "date-not-number": {"nl": "cel {cell}: Excel heeft hier een datum van gemaakt ({date}), geen getal",
                            "en": "cell {cell}: Excel made a date of this ({date}), not a number"},
        "date-not-number-hint": {
            "nl": "Typ het getal met een komma (3,8, niet 3.8) of zet de cel eerst op 'Tekst' (Celeigenschappen).",
            "en": "Type the number as your Excel expects it, or format the cell as 'Text' first."},
        "needs-status": {"nl": "cel {cell}: er is een toelichting of voortgang, maar geen status voor {year}",
                         "en": "cell {cell}: there is an explanation or progress, but no status for {year}"},
        "needs-status-hint": {"nl": "Kies ook een status uit de lijst.", "en": "Choose a status from the list as well."},
        "needs-value": {"nl": "cel {cell}: er is een bron of toelichting, maar geen waarde voor {year}",
                        "en": "cell {cell}: there is a source or explanation, but no value for {year}"},
        "needs-value-hint": {"nl": "Vul ook de waarde in.", "en": "Fill in the value as well."},
        "conflict": {
            "nl": "cel {cell}: {what} is in de agenda veranderd sinds de uitvraag werd verstuurd "
                  "(toen '{sent}', nu '{now}'), en het blad zegt '{answer}'",
            "en": "cell {cell}: {what} changed in the plan since the survey was sent "
                  "(then '{sent}', now '{now}'), and the sheet says '{answer}'",
        },
        "conflict-hint": {"nl": "Kies zelf welke waarde klopt en leg die vast met agenda status set of agenda value set.",
                          "en": "Decide which value is right and record it with agenda status set or agenda value set."},
        "disagree": {"nl": "cel {cell}: {what} van '{id}' is '{answer}', maar in {other} staat '{other_answer}'",
                     "en": "cell {cell}: {what} of '{id}' is '{answer}', but {other} says '{other_answer}'"},
        "disagree-hint": {"nl": "Twee trekkers gaven een ander antwoord; maak ze gelijk of leeg, en lees opnieuw in.",
                          "en": "Two owners gave different answers; make them equal or empty, and read again."},
        "w-status": {"nl": "de status", "en": "the status"},
        "w-progress": {"nl": "de voortgang", "en": "the progress"},
        "w-note": {"nl": "de toelichting", "en": "the explanation"},
        "w-value": {"nl": "de waarde", "en": "the value"},
        "w-source": {"nl": "de bron", "en": "the source"},
        "refused": {"nl": "de antwoorden zijn niet ingelezen; er is niets gewijzigd",
                    "en": "the answers were not read in; nothing was changed"},
    },
)


@attrs.frozen
class Answer:
    """What one row of a returned sheet asks to record for one item.

    ``kind`` is ``"status"`` or ``"value"``; ``fields`` holds the changed fields only
    (``status``, ``progress``, ``note``; or ``value``, ``source``, ``note``).
    """

    file: str
    row: int
    kind: str
    item: str
    fields: tuple[tuple[str, object], ...]


@attrs.frozen
class ItemChange:
    """What reading the survey changes for one item: the fields before and after."""

    item: str
    kind: str
    file: str
    row: int
    fields: tuple[FieldChange, ...]


@attrs.frozen
class SurveyResult:
    """The outcome of :func:`read_survey`: per item what changes, the sheets without answers, the texts."""

    path: str
    year: int
    changes: tuple[ItemChange, ...]
    untouched: tuple[str, ...]
    old: str
    new: str
    written: bool = False

    def diff(self) -> str:
        """The unified diff of the plan file."""
        name = Path(self.path).name
        return "".join(difflib.unified_diff(self.old.splitlines(keepends=True), self.new.splitlines(keepends=True),
                                            f"a/{name}", f"b/{name}"))


# --------------------------------------------------------------------------- writing


def write_survey(plan: Agenda, year: int, out: str | os.PathLike[str], lang: str = "nl") -> tuple[Path, ...]:
    """Write one workbook per owner (or per theme) for reporting ``year`` into folder ``out``; their paths."""
    from agenda.render.survey import _T as _RT

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for group in survey_groups(plan, lang):
        path = folder / _RT("file", lang, year=year, slug=group.slug)
        data = survey_workbook(plan, group, year, lang)
        write_atomic(path, data)  # the one writer: on a failure nothing half-written, no temporary file left
        written.append(path)
    return tuple(written)


# --------------------------------------------------------------------------- reading


def _problem(key: str, file: str, at_row: int, col: int, item: str | None, hint: str | None = None,
             hint_fields: dict[str, object] | None = None, **fields: object) -> Problem:
    def words(values: dict[str, object]) -> dict[str, object]:  # "§key": a message of this catalog
        return {n: (Msg(_T, v[1:]) if isinstance(v, str) and v.startswith("§") else v) for n, v in values.items()}

    found = make_problem(_T, key, Location(file, at_row, col), item, None, words(fields))
    if hint:  # the hint may take fields of its own
        said = Msg(_T, hint, words(hint_fields if hint_fields is not None else fields))
        found = attrs.evolve(found, hint={lang: said.text(lang) for lang in LANGUAGES})
    return attrs.evolve(found, code=f"survey-{key}")


def _cell_ref(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return f"{get_column_letter(column)}{row}"


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d(T|\Z)")  # a cell Excel keeps as a date, as _text writes it


def _text(value: object) -> str:
    """A cell's content as text: numbers typed into a cell Excel took as a number come back exact."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        exact = Decimal(repr(value))
        return format(exact.normalize(), "f") if exact == exact.to_integral_value() else repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value).strip()


def _not_a_workbook(data: bytes) -> tuple[str, str]:
    # What the file is instead, from its first bytes, and the hint: an .xlsx is a zip archive ("PK").
    if data.startswith(b"PK"):
        return "damaged-workbook", "damaged-workbook-hint"
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the compound file of Excel 97-2003
        return "old-xls", "not-workbook-hint"
    head = data[:4096]
    return ("text-file" if head and b"\x00" not in head else "not-workbook"), "not-workbook-hint"  # text: no NUL


class _Sheets:
    """One returned workbook, opened read-only, with its meta data."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.wb: Any = None
        self.meta: dict[str, str] = {}
        try:  # the one reader of users' files: a regular file of bounded size, never a FIFO or a device
            data, _ = read_user_file(path)
        except UnreadableError as exc:
            problems.extend(exc.problems)
            return
        try:
            import openpyxl  # type: ignore[import-untyped]

            self.wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is no workbook; say which in Dutch
            what, hint = _not_a_workbook(data)
            problems.append(_problem(what, path, 1, 1, None, hint))
            return
        if META_SHEET not in self.wb.sheetnames:
            problems.append(_problem("not-survey", path, 1, 1, None, "not-survey-hint"))
            self.wb = None
            return
        meta = self.wb[META_SHEET]
        for row in meta.iter_rows(min_row=1, max_col=2, values_only=True):
            if row[0] is not None:
                self.meta[str(row[0])] = _text(row[1])
        if self.meta.get("kind") != SURVEY_KIND:
            problems.append(_problem("not-survey", path, 1, 1, None, "not-survey-hint"))
            self.wb = None


def read_survey(path: str | os.PathLike[str], files: Sequence[str | os.PathLike[str]], year: int, *,
                dry_run: bool = False) -> SurveyResult:
    """Record the answers of the returned survey ``files`` for ``year`` in the plan at ``path``.

    Raises :class:`~agenda.errors.AgendaError` with every problem (located at its cell)
    and writes nothing when any sheet is refused; :class:`ChangedOnDisk` when the plan
    changed on disk while it was being read.  With ``dry_run`` nothing is written.
    """
    _need_openpyxl()
    # The whole read-check-write cycle holds the plan's edit lock, like every other edit.
    with editing(path, lock=not dry_run) as edit:
        shown, text = edit.path, edit.text
        checked = validate_text(text, shown)
        if checked.errors or checked.agenda is None:
            raise AgendaError(checked.errors)
        plan = checked.agenda
        problems: list[Problem] = []
        answers: list[Answer] = []
        untouched: list[str] = []
        whole = {ind.id: ind.counts for ind in plan.indicators}  # which figures are counts: the model's one rule
        for file in files:
            found = _read_one(os.fspath(file), plan, whole, year, problems)
            if found is not None:
                answers.extend(found)
                if not found:
                    untouched.append(os.fspath(file))
        answers = _merge_same(answers, problems)
        if problems:
            raise AgendaError(problems)
        new = text
        for answer in answers:
            new = _record(new, shown, answer, plan, year)
        after = loads(new, shown) if new != text else plan
        changes = []
        for answer in answers:
            if answer.kind == "status":
                fields = status_changes(plan, after, answer.item, year)
            else:
                fields = value_changes(plan, after, answer.item, year, source=_field(answer, "source"))
            if any(not f.kept for f in fields):
                changes.append(ItemChange(answer.item, answer.kind, answer.file, answer.row, fields))
        result = SurveyResult(shown, year, tuple(changes), tuple(untouched), text, new)
        if dry_run or new == text:
            return result
        edit.write(new)
    return attrs.evolve(result, written=True)


def _need_openpyxl(lang: str = "nl") -> None:
    """Raise :class:`~agenda.render._backend.MissingExtraError` (naming the pip install) without openpyxl."""
    from agenda.render._backend import MissingExtraError
    from agenda.render.survey import _T as _SURVEY_T

    try:
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(_SURVEY_T("xlsx-missing", lang)) from exc


def _field(answer: Answer, name: str) -> Any:
    return dict(answer.fields).get(name)


def _record(text: str, file: str, answer: Answer, plan: Agenda, year: int) -> str:
    """``text`` with one answer recorded, by the careful edits of :mod:`agenda.edit.update`."""
    fields = dict(answer.fields)
    item = plan.get(answer.item)
    if answer.kind == "status":
        now = next((r for r in getattr(item, "status", ()) if r.year == year), None)
        status = fields.get("status") or (now.status if now else None)
        assert isinstance(status, str)  # a missing status is refused while reading
        return edit_status(text, file, answer.item, year, status, note=fields.get("note"),  # type: ignore[arg-type]
                           progress=fields.get("progress"))  # type: ignore[arg-type]
    assert isinstance(item, Indicator)
    value = fields.get("value")
    if value is None:
        current = item.value(year)
        value = current.value if current is not None else None
    return edit_value(text, file, answer.item, year, value,  # type: ignore[arg-type]
                      source=fields.get("source"), note=fields.get("note"))  # type: ignore[arg-type]


def _read_one(file: str, plan: Agenda, whole: dict[str, bool], year: int,
              problems: list[Problem]) -> list[Answer] | None:
    """The answers of one workbook (None when it is refused as a whole; its problems added)."""
    sheets = _Sheets(file, problems)
    if sheets.wb is None:
        return None
    meta = sheets.meta
    if meta.get("version") != str(SURVEY_VERSION):
        problems.append(_problem("version", file, 1, 1, None, version=meta.get("version", "?"),
                                 supported=SURVEY_VERSION))
        return None
    ours = f"{plan.gemeente}, {plan.title}"
    theirs = f"{meta.get('gemeente', '')}, {meta.get('title', '')}"
    if (meta.get("plan"), meta.get("gemeente"), meta.get("title")) != (plan.id, plan.gemeente, plan.title):
        problems.append(_problem("other-plan", file, 1, 1, None, "other-plan-hint", theirs=theirs, ours=ours))
        return None
    if meta.get("year") != str(year):
        problems.append(_problem("other-year", file, 1, 1, None, "other-year-hint", theirs=meta.get("year", "?"),
                                 ours=year))
        return None
    lang = meta.get("lang") if meta.get("lang") in _LANGS else "nl"
    assert lang is not None
    before = len(problems)
    answers = [
        *_read_sheet(sheets, "status", STATUS_COLUMNS, plan, whole, year, lang, problems),
        *_read_sheet(sheets, "indicators", INDICATOR_COLUMNS, plan, whole, year, lang, problems),
    ]
    return answers if len(problems) == before else None


def _read_sheet(sheets: _Sheets, kind: str, columns: tuple[Column, ...], plan: Agenda, whole: dict[str, bool],
                year: int, lang: str, problems: list[Problem]) -> list[Answer]:
    file = sheets.path
    name = sheet_name(kind, lang)
    if name not in sheets.wb.sheetnames:
        problems.append(_problem("no-sheet", file, 1, 1, None, "not-survey-hint", sheet=name))
        return []
    ws = sheets.wb[name]
    rows = list(ws.iter_rows(min_row=1, max_col=len(columns), values_only=True))
    if not rows:
        problems.append(_problem("no-sheet", file, 1, 1, None, "not-survey-hint", sheet=name))
        return []
    for c, column in enumerate(columns, start=1):
        expected = column_title(column, year, lang)
        found = _text(rows[0][c - 1] if c - 1 < len(rows[0]) else None)
        if found != expected:
            problems.append(_problem("header", file, 1, c, None, "protected-hint", cell=_cell_ref(1, c), found=found,
                                     expected=expected))
    keys = [c.key for c in columns]
    seen: dict[str, int] = {}
    answers = []
    for r, raw in enumerate(rows[1:], start=2):
        cells = {key: _text(raw[i] if i < len(raw) else None) for i, key in enumerate(keys)}
        if not any(cells.values()):
            continue
        item_id = cells["id"]
        id_col = keys.index("id") + 1
        item = plan.get(item_id)
        wanted = (Theme, Goal, Action) if kind == "status" else (Indicator,)
        if not isinstance(item, wanted):
            pool = sorted(i.id for i in plan.items() if isinstance(i, wanted))
            match = difflib.get_close_matches(item_id, pool, n=1, cutoff=0.6)
            problems.append(_problem("unknown-id", file, r, id_col, item_id or None,
                                     "did-you-mean" if match else "no-new-rows",
                                     {"match": match[0]} if match else {}, cell=_cell_ref(r, id_col),
                                     kind=f"§k-{kind}", id=item_id))
            continue
        if item_id in seen:
            problems.append(_problem("twice", file, r, id_col, item_id, cell=_cell_ref(r, id_col), id=item_id,
                                     row=seen[item_id]))
            continue
        seen[item_id] = r
        want = (status_cells(plan, item, year, lang) if kind == "status"  # type: ignore[arg-type]
                    else indicator_cells(plan, item, year, lang))  # type: ignore[arg-type]
        bad = False
        for c, column in enumerate(columns, start=1):
            if column.editable or column.hidden:
                continue
            if cells[column.key] != want[column.key]:
                problems.append(_problem("protected", file, r, c, item_id, "protected-hint", cell=_cell_ref(r, c),
                                         column=column_title(column, year, lang), expected=want[column.key],
                                         found=cells[column.key]))
                bad = True
        if bad:
            continue
        if kind == "status":
            answer = _status_answer(file, r, item, cells, keys, plan, year, problems)  # type: ignore[arg-type]
        else:
            answer = _value_answer(file, r, item, cells, keys, year, whole.get(item_id, False), problems)  # type: ignore[arg-type]
        if answer is not None:
            answers.append(answer)
    return answers


def _status_answer(file: str, row: int, item: Theme | Goal | Action, cells: dict[str, str], keys: list[str],
                   plan: Agenda, year: int, problems: list[Problem]) -> Answer | None:
    col = {k: keys.index(k) + 1 for k in keys}
    now = next((r for r in item.status if r.year == year), None)
    current = {"status": now.status if now else "", "progress": str(now.progress) if now and now.progress is not None
               else "", "note": (now.note or "") if now else ""}
    got: dict[str, str] = {}
    ok = True
    # the status word: the plan's id, Dutch or English word, in any case (as agenda status set takes it)
    word = cells["status"]
    if word:
        wanted = word.casefold()
        match = next((s.id for s in plan.config.statuses if wanted in (s.id.casefold(), s.nl.casefold(),
                                                                     s.en.casefold())), None)
        if match is None:
            words = ", ".join(s.nl for s in plan.config.statuses)
            close = difflib.get_close_matches(wanted, [s.nl.casefold() for s in plan.config.statuses], n=1, cutoff=0.5)
            problems.append(_problem("bad-status", file, row, col["status"], item.id,
                                     "bad-status-match" if close else "bad-status-list",
                                     {"match": close[0], "words": words} if close else {"words": words},
                                     cell=_cell_ref(row, col["status"]), word=word))
            ok = False
        else:
            got["status"] = match
    if cells["progress"]:
        try:
            progress = parse_number(cells["progress"].rstrip("%").strip(), whole=True)
        except NumberError:
            progress = -1
        if not 0 <= int(progress) <= 100:
            problems.append(_problem("bad-progress", file, row, col["progress"], item.id, "bad-progress-hint",
                                     cell=_cell_ref(row, col["progress"]), value=cells["progress"]))
            ok = False
        else:
            got["progress"] = str(int(progress))
    if cells["note"]:
        got["note"] = cells["note"]
    if not ok:
        return None
    sent = {"status": cells["sent_status"], "progress": cells["sent_progress"], "note": cells["sent_note"]}
    changed = _changed(file, row, item.id, got, sent, current, col, problems)
    if changed is None or not changed:
        return None
    if "status" not in got and not current["status"]:
        problems.append(_problem("needs-status", file, row, col["status"], item.id, "needs-status-hint",
                                 cell=_cell_ref(row, col["status"]), year=year))
        return None
    fields: list[tuple[str, object]] = [(k, int(v) if k == "progress" else v) for k, v in changed.items()]
    return Answer(file, row, "status", item.id, tuple(fields))


def _value_answer(file: str, row: int, item: Indicator, cells: dict[str, str], keys: list[str], year: int,
                  whole: bool, problems: list[Problem]) -> Answer | None:
    col = {k: keys.index(k) + 1 for k in keys}
    now = item.value(year)
    current = {"value": _canonical(now.value if now else None), "source": (now.source or "") if now else "",
               "note": (now.note or "") if now else ""}
    got: dict[str, str] = {}
    number: Number | None = None
    if cells["value"]:
        try:
            number = parse_number(cells["value"], whole=whole)
        except NumberError as exc:
            cell = _cell_ref(row, col["value"])
            where = Location(file, row, col["value"])
            if _ISO_DATE.match(cells["value"]):  # "3.8" typed in a Dutch Excel is 3 August
                day = cells["value"][:10]
                problems.append(Problem("survey-date-not-number", Severity.ERROR, where, item.id,
                                        {lang: _T("date-not-number", lang, cell=cell, date=written_date(day, lang))
                                         for lang in _LANGS},
                                        {lang: _T("date-not-number-hint", lang) for lang in _LANGS}))
                return None
            problems.append(Problem("survey-bad-number", Severity.ERROR, where, item.id,
                                    {lang: _T("bad-number", lang, cell=cell, problem=exc.text(lang)) for lang in _LANGS},
                                    {lang: exc.hint(lang) for lang in _LANGS}))
            return None
        got["value"] = _canonical(number)
    if cells["source"]:
        got["source"] = cells["source"]
    if cells["note"]:
        got["note"] = cells["note"]
    sent = {"value": cells["sent_value"], "source": cells["sent_source"], "note": cells["sent_note"]}
    changed = _changed(file, row, item.id, got, sent, current, col, problems)
    if changed is None or not changed:
        return None
    if "value" not in got and not current["value"]:
        problems.append(_problem("needs-value", file, row, col["value"], item.id, "needs-value-hint",
                                 cell=_cell_ref(row, col["value"]), year=year))
        return None
    fields: list[tuple[str, object]] = [(k, number if k == "value" else v) for k, v in changed.items()]
    return Answer(file, row, "value", item.id, tuple(fields))


def _canonical(value: Number | None) -> str:
    from agenda.numbers import number

    return "" if value is None else number(value, "en", group=False)


def _changed(file: str, row: int, item: str, got: dict[str, str], sent: dict[str, str], current: dict[str, str],
             col: dict[str, int], problems: list[Problem]) -> dict[str, str] | None:
    """The answered fields that differ from what was sent; None (after a problem) on a conflict with the plan."""
    changed = {}
    for key, answer in got.items():
        if answer == sent[key] or answer == current[key]:
            continue  # untouched, or already recorded like this
        if sent[key] != current[key]:
            problems.append(_problem("conflict", file, row, col[key], item, "conflict-hint", cell=_cell_ref(row, col[key]),
                                     what=f"§w-{key}", sent=sent[key], now=current[key], answer=answer))
            return None
        changed[key] = answer
    return changed


def _merge_same(answers: Iterable[Answer], problems: list[Problem]) -> list[Answer]:
    """One answer per item; two sheets that answer a field differently are a conflict."""
    first: dict[tuple[str, str], Answer] = {}
    out = []
    for answer in answers:
        key = (answer.kind, answer.item)
        if key not in first:
            first[key] = answer
            out.append(answer)
            continue
        earlier = dict(first[key].fields)
        for name, value in answer.fields:
            if name in earlier and earlier[name] != value:
                problems.append(_problem("disagree", answer.file, answer.row, 1, answer.item, "disagree-hint",
                                         cell=f"A{answer.row}", what=f"§w-{name}", id=answer.item, answer=value,
                                         other=f"{Path(first[key].file).name}:{first[key].row}",
                                         other_answer=earlier[name]))
        merged = {**earlier, **dict(answer.fields)}
        first[key] = attrs.evolve(first[key], fields=tuple(merged.items()))
        out[out.index(next(a for a in out if (a.kind, a.item) == key))] = first[key]
    return out
