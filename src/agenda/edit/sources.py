"""Indicator sources: importers that read published figures, and recording them in a plan.

An *importer* turns a file (or anything it knows how to reach) into
:class:`Imported` values — year, number, and the :class:`~agenda.model.Source`
they came from (name, table id, column).  :func:`import_values` records them in
the user's plan with :func:`agenda.edit.update.edit_value`, which changes only the
lines of those figures, and writes the plan once under its edit lock.

Importers are an extension point.  Register one in Python with
:func:`register_source`, or from a package through the entry point group
``agenda.edit.sources`` (the entry point names an importer *instance* or a class to
instantiate)::

    [project.entry-points."agenda.sources"]
    mijn-bron = "mijn_pakket.bron:MijnImporter"

The built-in ``csv`` importer reads a CSV export of a CBS StatLine or
data.politie.nl table: it finds the period and value columns by name, reads
``2019``, ``2019JJ00`` and ``2023*`` (provisional) as years, skips rows without
a figure (``.``, ``x``, empty) and non-yearly periods (``2019MM01``), and, with
``where``, keeps only the rows for one region.

>>> import pathlib, tempfile
>>> csv_file = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
>>> _ = csv_file.write_text('"Perioden";"Misdrijven"\\n"2022JJ00";"4567"\\n"2023*";"4410"\\n')
>>> got = get_source("csv").read(csv_file, period_column="Perioden", value_column="Misdrijven", table="83648NED")
>>> [(v.year, v.value) for v in got.values], str(got.source)
([(2022, 4567), (2023, 4410)], 'CBS StatLine (83648NED, Misdrijven)')
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from importlib import metadata
from typing import Any, Protocol, runtime_checkable

import attrs

from agenda._files import read_user_file
from agenda._i18n import Catalog
from agenda.edit._write import editing
from agenda.errors import AgendaError, Problem, Severity, UnreadableError, make_problem
from agenda.format.loader import loads
from agenda.model import Agenda, Indicator, Location, Number, Source
from agenda.numbers import NumberError, number, parse_number

__all__ = [
    "ENTRY_POINT_GROUP",
    "CsvImporter",
    "ImportResult",
    "Imported",
    "ImportedValue",
    "Importer",
    "Skipped",
    "SourceError",
    "ValueChange",
    "get_source",
    "import_values",
    "register_source",
    "source_names",
    "unregister_source",
]

ENTRY_POINT_GROUP = "agenda.sources"

_T = Catalog(
    "sources",
    {
        "not-text": {
            "nl": "het bestand is geen tekst in UTF-8 of Windows-1252",
            "en": "the file is not text in UTF-8 or Windows-1252",
        },
        "empty": {"nl": "het bestand heeft geen kopregel", "en": "the file has no header line"},
        "no-column": {"nl": "er is geen kolom '{column}'", "en": "there is no column '{column}'"},
        "no-column-match": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "no-column-list": {"nl": "Kolommen in dit bestand: {columns}.", "en": "Columns in this file: {columns}."},
        "bad-number": {"nl": "'{value}' is geen getal", "en": "'{value}' is not a number"},
        "bad-number-hint": {
            "nl": "Controleer de kolom; een ontbrekend cijfer staat in een CBS-export als '.'.",
            "en": "Check the column; a missing figure is '.' in a CBS export.",
        },
        "twice": {
            "nl": "het jaar {year} staat twee keer in het bestand (ook op regel {line})",
            "en": "the year {year} occurs twice in the file (also on line {line})",
        },
        "twice-hint": {
            "nl": "Kies de regels van één gebied, bijvoorbeeld met --where \"Regio's=Voorbeeldstad\".",
            "en": "Choose the rows of one area, for example with --where \"Regio's=Voorbeeldstad\".",
        },
        "nothing": {"nl": "het bestand levert geen enkel jaarcijfer op", "en": "the file yields no yearly figure"},
        "where-none": {"nl": "geen enkele regel heeft '{value}' in de kolom '{column}'",
                       "en": "no row has '{value}' in the column '{column}'"},
        "where-none-hint": {"nl": "In die kolom staan: {values}.", "en": "That column holds: {values}."},
        "where-match-hint": {"nl": "Bedoelt u '{match}'? In die kolom staan: {values}.",
                             "en": "Did you mean '{match}'? That column holds: {values}."},
        "nothing-hint": {
            "nl": "Controleer --period-column, --value-column en --where.",
            "en": "Check --period-column, --value-column and --where.",
        },
        "skip-period": {"nl": "periode '{value}' is geen jaar", "en": "period '{value}' is not a year"},
        "skip-empty": {"nl": "geen cijfer ('{value}')", "en": "no figure ('{value}')"},
        "not-indicator": {"nl": "'{id}' is geen indicator in dit plan", "en": "'{id}' is not an indicator of this plan"},
        "unknown-source": {
            "nl": "onbekende bron '{name}'; beschikbaar: {names}",
            "en": "unknown source '{name}'; available: {names}",
        },
    },
)

_LANGS = ("nl", "en")


class SourceError(AgendaError):
    """An importer could not read its input; ``problems`` are located in the source file."""


def _problem(code: str, file: str, at_line: int, at_col: int, hint: str | None = None, item: str | None = None,
             **fields: object) -> Problem:
    return make_problem(_T, code, Location(file, at_line, at_col), item, hint, fields)


# --------------------------------------------------------------------------- results


@attrs.frozen
class ImportedValue:
    """One figure read from a source: its year, number, the text as published, and its line."""

    year: int
    value: Number
    text: str
    line: int
    provisional: bool = False  #: CBS marks provisional figures with ``*``


@attrs.frozen
class Skipped:
    """A row that gave no figure, with the reason in both languages."""

    line: int
    reason: Mapping[str, str]


@attrs.frozen
class Imported:
    """What an importer read: the values by year, where they came from, and the rows skipped."""

    source: Source
    values: tuple[ImportedValue, ...]
    skipped: tuple[Skipped, ...] = ()

    def value(self, year: int) -> ImportedValue | None:
        """The value for ``year``, or None."""
        return next((v for v in self.values if v.year == year), None)


@runtime_checkable
class Importer(Protocol):
    """An indicator source: a ``name`` and a ``read`` that returns :class:`Imported` or raises SourceError."""

    name: str

    def read(self, path: str | os.PathLike[str], *args: Any, **options: Any) -> Imported:
        """Read the figures at ``path``; ``options`` are the importer's own."""
        ...


# --------------------------------------------------------------------------- the registry

_REGISTRY: dict[str, Importer] = {}
_entry_points_loaded = False


def register_source(importer: Importer, *, replace: bool = False) -> Importer:
    """Make ``importer`` available under ``importer.name``; returns it.

    A second importer with the same name is refused with ValueError unless ``replace``.
    """
    if not isinstance(importer, Importer) or not importer.name:
        raise TypeError("an importer needs a name and a read() method")
    if importer.name in _REGISTRY and not replace:
        raise ValueError(f"an indicator source {importer.name!r} is already registered")
    _REGISTRY[importer.name] = importer
    return importer


def unregister_source(name: str) -> None:
    """Remove the importer ``name`` (KeyError when absent)."""
    del _REGISTRY[name]


def _load_entry_points() -> None:
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if ep.name in _REGISTRY:
            continue  # an explicit registration wins
        obj = ep.load()
        importer = obj() if isinstance(obj, type) else obj
        if getattr(importer, "name", None) != ep.name:
            importer.name = ep.name
        register_source(importer)


def source_names() -> tuple[str, ...]:
    """The names of every available importer (registered and from entry points), sorted."""
    _load_entry_points()
    return tuple(sorted(_REGISTRY))


def get_source(name: str) -> Importer:
    """The importer ``name``; KeyError (with the available names) when there is none."""
    _load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(_T("unknown-source", "en", name=name, names=", ".join(sorted(_REGISTRY)))) from None


# --------------------------------------------------------------------------- the CSV importer

_PERIOD = re.compile(r"\s*(\d{4})\s*(JJ00)?\s*(\*)?\s*\Z")
_NO_FIGURE = frozenset({"", ".", "x", "-", "?"})


class CsvImporter:
    """A CSV export of a CBS StatLine or data.politie.nl table (``;``, ``,`` or tab separated)."""

    name = "csv"

    def read(self, path: str | os.PathLike[str], *, period_column: str = "Perioden", value_column: str,
             table: str | None = None, source_name: str | None = None, where: Mapping[str, str] | None = None,
             whole: bool = False, **_: Any) -> Imported:
        """Read ``value_column`` per year from ``period_column``.

        ``table`` is the table id (``83648NED``, ``47022NED``) recorded with the source;
        ``source_name`` defaults to "CBS StatLine" ("data.politie.nl" for tables the
        politie publishes, ids starting with 47); ``where`` keeps only rows whose columns
        have these values (``{"Regio's": "Voorbeeldstad"}``).  Figures are read the Dutch way
        (:func:`agenda.numbers.parse_number`); ``whole`` says the indicator is a count, so that
        ``1.234`` is 1234 and a fraction is refused (without it ``1.234`` is refused as ambiguous).
        """
        file = str(path)
        rows = _rows(file)
        header, body = rows[0], rows[1:]
        wanted = dict(where or {})
        index = {c: _column(header, c, file) for c in (period_column, value_column, *wanted)}
        values: dict[int, ImportedValue] = {}
        skipped: list[Skipped] = []
        problems: list[Problem] = []
        for line, row in body:
            if not any(cell.strip() for cell in row):
                continue
            cells = [*row, *[""] * (len(header[1]) - len(row))]
            if any(cells[index[c]].strip() != v.strip() for c, v in wanted.items()):
                continue
            period, raw = cells[index[period_column]], cells[index[value_column]].strip()
            m = _PERIOD.match(period)
            if m is None:
                skipped.append(Skipped(line, _both("skip-period", value=period.strip())))
                continue
            if raw in _NO_FIGURE:
                skipped.append(Skipped(line, _both("skip-empty", value=raw)))
                continue
            try:
                number = parse_number(raw, whole=whole)
            except NumberError as exc:
                problems.append(_number_problem(exc, Location(file, line, index[value_column] + 1)))
                continue
            year = int(m.group(1))
            if year in values:
                problems.append(_problem("twice", file, line, index[period_column] + 1, "twice-hint", year=year,
                                         line=values[year].line))
                continue
            values[year] = ImportedValue(year, number, raw, line, provisional=bool(m.group(3)))
        if not values and not problems:
            # A --where that matched no row is the usual cause: say which values its column does hold.
            missed = [(c, v) for c, v in wanted.items()
                      if not any(r[index[c]].strip() == v.strip() for _, r in body if len(r) > index[c])]
            if missed:
                column, value = missed[0]
                held = sorted({r[index[column]].strip() for _, r in body if len(r) > index[column]} - {""})
                close = difflib.get_close_matches(value.strip(), held, n=1, cutoff=0.6)
                shown = ", ".join(held[:12]) + (" …" if len(held) > 12 else "")
                problems.append(_problem("where-none", file, 1, index[column] + 1,
                                         "where-match-hint" if close else "where-none-hint",
                                         column=column, value=value, values=shown, match=close[0] if close else ""))
            else:
                problems.append(_problem("nothing", file, 1, 1, "nothing-hint"))
        if problems:
            raise SourceError(problems)
        name = source_name or ("data.politie.nl" if (table or "").startswith("47") else "CBS StatLine")
        source = Source(name=name, table=table, column=value_column)
        return Imported(source, tuple(values[y] for y in sorted(values)), tuple(skipped))


def _both(key: str, **fields: object) -> dict[str, str]:
    return {lang: _T(key, lang, **fields) for lang in _LANGS}


def _rows(file: str) -> list[tuple[int, list[str]]]:
    try:  # the one reader of a user's file: a FIFO or /dev/zero is refused, not read for ever
        data, _ = read_user_file(file)
    except UnreadableError as exc:
        raise SourceError(exc.problems) from exc.__cause__
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # older StatLine exports
        except UnicodeDecodeError:
            raise SourceError([_problem("not-text", file, 1, 1)]) from None
    if "\0" in text:
        raise SourceError([_problem("not-text", file, 1, 1)])
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [(reader.line_num, row) for row in reader]
    if not rows or not any(c.strip() for c in rows[0][1]):
        raise SourceError([_problem("empty", file, 1, 1)])
    return rows


def _column(header: tuple[int, list[str]], name: str, file: str) -> int:
    names = [c.strip() for c in header[1]]
    if name.strip() in names:
        return names.index(name.strip())
    wanted = name.strip().casefold()
    match = [n for n in names if wanted and wanted in n.casefold()][:1]
    match = match or difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    if match:
        raise SourceError([_problem("no-column", file, header[0], 1, "no-column-match", column=name,
                                    match=match[0])])
    raise SourceError([_problem("no-column", file, header[0], 1, "no-column-list", column=name,
                                columns=", ".join(names))])


def _number_problem(exc: NumberError, location: Location | None, item: str | None = None) -> Problem:
    return Problem("bad-number", Severity.ERROR, location, item, {lang: exc.text(lang) for lang in _LANGS},
                   {lang: exc.hint(lang) for lang in _LANGS})


register_source(CsvImporter())


# --------------------------------------------------------------------------- recording in a plan


@attrs.frozen
class ValueChange:
    """What recording one imported value does for its year.

    ``old`` is the figure it replaces (None when it is added: a first figure, or a
    figure beside others from other sources); ``changed`` is False when the plan
    already holds the figure.
    """

    year: int
    old: Number | None
    new: Number
    changed: bool = True


@attrs.frozen
class ImportResult:
    """The outcome of :func:`import_values`: every year's change, and whether the file was written."""

    path: str
    indicator: str
    source: Source
    changes: tuple[ValueChange, ...]
    written: bool


def import_values(path: str | os.PathLike[str], indicator_id: str, imported: Imported, *,
                  dry_run: bool = False, note: str | None = None) -> ImportResult:
    """Record ``imported`` as the indicator's figures in the plan at ``path``.

    A year whose figure from the same source (or whose only, unsourced figure) already
    equals the imported one is left alone.  Otherwise the figure is recorded with
    :func:`agenda.edit.update.set_value`: a figure from the same source, or a single
    figure, is replaced; in a list of figures from different documents it is added
    beside them, so nothing published is lost.  Every edit is made and checked in
    memory first — one refused edit refuses the import and nothing is written — then
    the plan is written once, atomically, all under the plan's edit lock (see
    :func:`agenda.edit._write.editing`).  Each value records its source as text,
    ``"CBS StatLine (83648NED, Misdrijven)"``.
    """
    from agenda.edit.update import counts_whole, edit_value

    file = str(path)
    # One edit of the plan: read, every year edited in memory, written once, all under the plan's edit lock.
    with editing(file, lock=not dry_run) as plan:
        text = plan.text
        indicator = _indicator(loads(text, file), indicator_id, file)
        if counts_whole(text, file, indicator_id):  # a count takes no fraction, whatever the importer read
            fractions = [(v.text, v.value) for v in imported.values
                         if isinstance(v.value, Decimal) and v.value != v.value.to_integral_value()]
            if fractions:
                raise SourceError([_number_problem(NumberError(
                    "not-whole", value=text_, example=number(int(Decimal(value).to_integral_value(ROUND_HALF_UP)))),
                    None, indicator_id) for text_, value in fractions])
        source_text = str(imported.source)
        changes: list[ValueChange] = []
        for item in imported.values:
            before = [v for v in indicator.values_in(item.year) if v.value is not None]
            same = [v for v in before if v.source == source_text]
            lone = [v for v in before if v.source is None] if len(before) == 1 else []
            if (same or lone) and (same or lone)[0].value == item.value:
                changes.append(ValueChange(item.year, item.value, item.value, changed=False))
                continue
            text = edit_value(text, file, indicator_id, item.year, item.value, source=source_text, note=note)
            indicator = _indicator(loads(text, file), indicator_id, file)
            added = len([v for v in indicator.values_in(item.year) if v.value is not None]) > len(before)
            old = same[0].value if same else (None if added or not before else before[0].value)
            changes.append(ValueChange(item.year, old, item.value))
        todo = [c for c in changes if c.changed]
        if todo and not dry_run:
            plan.write(text)
    return ImportResult(file, indicator_id, imported.source, tuple(changes), written=bool(todo) and not dry_run)


def _indicator(plan: Agenda, indicator_id: str, file: str) -> Indicator:
    found = plan.get(indicator_id)
    if not isinstance(found, Indicator):
        raise SourceError([_problem("not-indicator", file, 1, 1, item=indicator_id, id=indicator_id)])
    return found
