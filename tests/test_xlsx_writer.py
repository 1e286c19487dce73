"""Tests for the directly written XLSX workbook (agenda.render._xlsx), read back with openpyxl."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agenda.render._xlsx import column_letter, workbook

openpyxl = pytest.importorskip("openpyxl")


def _read(data: bytes) -> list[list[object]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_column_letters() -> None:
    """Columns are named as the spreadsheet names them, past Z and ZZ."""
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702, 16383)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]


def test_values_and_types() -> None:
    """Text stays text (also text that looks like a number or a formula), numbers are numbers, None is empty."""
    data = workbook("Blad", ["a", "b", "c", "d"], [["007", 3, Decimal("2.50"), None], ["=1+1", 1.5, Decimal("1E+3"), "x"]])
    assert _read(data) == [["a", "b", "c", "d"], ["007", 3, 2.5, None], ["=1+1", 1.5, 1000, "x"]]
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_same_bytes_and_fixed_dates() -> None:
    """The same table gives the same bytes; no clock in the zip or the properties."""
    one = workbook("M", ["h"], [["v"]], title="T")
    assert one == workbook("M", ["h"], [["v"]], title="T")
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml")
        assert core.count(b"2000-01-01T00:00:00Z") == 2
        for name in z.namelist():  # every part is well-formed XML
            ElementTree.fromstring(z.read(name))
    props = openpyxl.load_workbook(io.BytesIO(one)).properties
    assert props.title == "T" and props.creator == "agenda"


def test_empty_body_and_odd_sheet_name() -> None:
    """A table without rows is a header alone; a sheet name Excel refuses is made acceptable."""
    data = workbook("a/b:c*[d]?" + "x" * 40, ["kop"], [])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert len(book.active.title) <= 31 and not set(book.active.title) & set("/:*[]?\\")
    assert _read(data) == [["kop"]]


def test_characters_xml_cannot_hold() -> None:
    """Control characters are left out, markup stays text, line breaks and tabs are kept."""
    data = workbook("S", ["h"], [["a\x00b\x1bc<d>&e\n\tf\ufffe"], ["a\r\nb\rc"], ['"q"']])
    assert _read(data)[1:] == [["abc<d>&e\n\tf"], ["a\r\nb\rc"], ['"q"']]


def test_excel_escape_written_as_text() -> None:
    """Text that looks like Excel's own escape (_x0041_) is escaped, so Excel shows it as written, not as "A"."""
    data = workbook("S", ["h"], [["_x0041_ en _x00e9_"]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"_x005F_x0041_ en _x005F_x00e9_" in z.read("xl/worksheets/sheet1.xml")


_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_CELL = st.one_of(st.none(), _TEXT, st.integers(-10**12, 10**12),
                  st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**9, max_value=10**9))


@given(st.lists(st.lists(_CELL, min_size=1, max_size=5), max_size=6))
def test_any_table_reads_back(body: list[list[object]]) -> None:
    """Whatever the cells, the workbook opens and holds them (text without the characters XML cannot hold)."""
    import re

    not_xml = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    heads = ["a", "b", "c", "d", "e"]
    data = workbook("S", heads, body)  # type: ignore[arg-type]
    rows = _read(data)
    assert rows[0] == heads
    for want, got in zip(body, rows[1:], strict=False):
        for w, g in zip(want, got, strict=False):
            if isinstance(w, str):
                w = not_xml.sub("", w) or None
                g = g.replace("_x005F_", "_") if isinstance(g, str) else g  # Excel's escape, which openpyxl keeps
            if isinstance(w, Decimal):
                assert g == pytest.approx(float(w))
            else:
                assert g == w


def test_cells_that_hold_nothing_stay_empty() -> None:
    """A text of only control characters is an empty cell; a number a workbook cannot hold is text."""
    rows = _read(workbook("S", ["a", "b", "c"], [["\x1f\x00", float("inf"), Decimal("NaN")]]))
    assert rows[1] == [None, "inf", "NaN"]


def test_wrapped_rows_get_their_height() -> None:
    """A spreadsheet does not fit a row to wrapped text when it opens a file: the writer gives the height
    (15 points a line, about one character per unit of column width), and a one-line row none."""
    long = "woord " * 20  # 120 characters: 12 lines in a column 10 wide
    data = workbook("S", ["a", "b"], [["kort", "ook kort"], ["kort", long], ["een\ntwee\ndrie", None]],
                    widths=[10, 10])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<row r="2">' in sheet
    assert '<row r="3" ht="180" customHeight="1">' in sheet
    assert '<row r="4" ht="45" customHeight="1">' in sheet
    assert '<row r="1">' in sheet  # the bold header is one line


def test_a_cell_holds_at_most_what_excel_opens() -> None:
    """Excel opens no workbook with a cell over 32,767 characters: a longer text is cut, with an ellipsis."""
    rows = _read(workbook("S", ["a"], [["x" * 40000], ["y" * 32767]]))
    assert rows[1][0] == "x" * 32766 + "…" and rows[2][0] == "y" * 32767
