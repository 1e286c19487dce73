"""A one-sheet XLSX workbook written directly: the goal/action matrix without openpyxl.

The matrix is one table: a bold header row, text and numbers below it, wrapped and
aligned to the top, the header frozen, a filter on every column and fixed column
widths.  That is a small, fixed part of SpreadsheetML (ECMA-376), so it is written
here as text; importing openpyxl to write it cost about 0.3 s of CPU, half of the
yearly report's time.  openpyxl stays what reads the trekkers' workbooks and writes
the survey (``agenda survey``), which need far more of the format.

Strings are inline (``t="inlineStr"``), never formulas; characters that XML 1.0
cannot hold (control characters other than tab, newline and carriage return) are
left out.  The zip has fixed timestamps and the properties a fixed date, so the same
table gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

__all__ = ["column_letter", "workbook"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FIXED_DATE = "2000-01-01T00:00:00Z"
# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
_MOST = 32767  # characters in one cell of an Excel workbook

_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_WORKBOOK_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)

# Style 0: plain; 1: bold (the header); 2: wrapped and aligned to the top (the body).
_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

_APP = (
    _HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>agenda</Application></Properties>"
)

Cell = str | int | float | Decimal | None


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at 0-based ``index``: 0 → ``A``, 25 → ``Z``, 26 → ``AA``.

    >>> [column_letter(i) for i in (0, 25, 26, 701, 702)]
    ['A', 'Z', 'AA', 'ZZ', 'AAA']
    """
    letters = ""
    n = index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    # A carriage return as a reference (an XML reader turns a bare one into a line feed); "_x0041_" written
    # as Excel escapes its own escape, or Excel would show "A"; quotes escaped for attribute values.
    value = _EXCEL_ESCAPE.sub(r"_x005F\1", _NOT_XML.sub("", value))
    return escape(value, {"\r": "&#13;", '"': "&quot;"})


def _cell(ref: str, value: Cell, style: int) -> str:
    if isinstance(value, bool):  # a bool is an int to Python, not a number to the reader
        value = str(value)
    if isinstance(value, float | Decimal) and not math.isfinite(value):  # no number a workbook can hold
        value = str(value)
    if isinstance(value, str):
        value = _NOT_XML.sub("", value)
        if len(value) > _MOST:  # Excel refuses to open a workbook with a longer cell ("we found a problem")
            value = value[: _MOST - 1] + "…"
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return f'<c r="{ref}" s="{style}"><v>{format(value, "f")}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _sheet(heads: Sequence[str], body: Sequence[Sequence[Cell]], widths: Sequence[float]) -> str:
    ncols = max([len(heads), *(len(r) for r in body)])
    letters = [column_letter(i) for i in range(max(ncols, 1))]
    last = f"{letters[-1]}{len(body) + 1}"
    parts = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>",
        '<sheetFormatPr defaultRowHeight="15"/>',
    ]
    if widths:
        parts.append("<cols>")
        parts += [f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1)]
        parts.append("</cols>")
    parts.append("<sheetData>")
    for r, (row, style) in enumerate([(heads, 1), *((b, 2) for b in body)], 1):
        cells = "".join(_cell(f"{letters[c]}{r}", v, style) for c, v in enumerate(row))
        lines = _lines(row, widths) if style == 2 else 1
        # Wrapped text needs the row's height written: a spreadsheet does not fit it when it opens the file.
        height = f' ht="{lines * _LINE}" customHeight="1"' if lines > 1 else ""
        parts.append(f'<row r="{r}"{height}>{cells}</row>')
    parts.append("</sheetData>")
    parts.append(f'<autoFilter ref="A1:{last}"/>')
    parts.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
    parts.append("</worksheet>")
    return "".join(parts)


_LINE = 15  # points: one line of the default font (Calibri 11)
_DEFAULT_WIDTH = 8.43  # characters: a column without a width of its own


def _lines(row: Sequence[Cell], widths: Sequence[float]) -> int:
    """The number of lines the row's wrapped text takes, at about one character per unit of column width
    (a little less than fits, since text wraps at a space)."""
    most = 1
    for c, value in enumerate(row):
        if not isinstance(value, str) or not value:
            continue
        per_line = max(1, int(widths[c] if c < len(widths) else _DEFAULT_WIDTH))
        most = max(most, sum(max(1, -(-len(part) // per_line)) for part in value.splitlines() or [""]))
    return most


def _workbook_xml(sheet: str, last: str) -> str:
    quoted = "'" + sheet.replace("'", "''") + "'"
    return (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name="{_text(sheet)}" sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{_text(quoted)}!$A$1:{last}</definedName></definedNames>"
        "</workbook>"
    )


def _core(title: str, creator: str) -> str:
    return (
        _HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{_text(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_FIXED_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_FIXED_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def workbook(
    sheet: str,
    heads: Sequence[str],
    body: Sequence[Sequence[Cell]],
    *,
    widths: Sequence[float] = (),
    title: str = "",
    creator: str = "agenda",
) -> bytes:
    """An XLSX file of one sheet named ``sheet``: ``heads`` in bold and frozen, ``body`` below.

    A cell is text, a number (``int``, ``float``, ``Decimal``) or ``None`` (left empty).
    ``widths`` are the first columns' widths in characters.  The same arguments give the
    same bytes.
    """
    ncols = max([len(heads), *(len(r) for r in body), 1])
    absolute = f"${column_letter(ncols - 1)}${len(body) + 1}"
    sheet = re.sub(r"[:\\/?*\[\]]", " ", _NOT_XML.sub("", sheet))[:31].strip("' ") or "Blad1"  # what Excel allows
    files = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(title, creator)),
        ("xl/workbook.xml", _workbook_xml(sheet, absolute)),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
        ("xl/worksheets/sheet1.xml", _sheet(heads, body, widths)),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, text.encode("utf-8"))
    return out.getvalue()
