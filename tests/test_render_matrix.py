"""Tests for the goal/action matrix (agenda.render.matrix)."""

from __future__ import annotations

import csv
import io
import sys
import zipfile

import pytest

from agenda.render.matrix import matrix_rows, render_matrix
from tests.render_fixtures import HOSTILE, check_golden, deventer_budget_plan, shuffled, small_plan


class TestRows:
    def test_one_row_per_action_and_empty_goal(self) -> None:
        """Each action has a row; a goal without actions has one too."""
        rows = matrix_rows(small_plan(), 2024)
        assert [r.action_id for r in rows] == ["training", "hostile", "bibob-uitbreiding", None, "straatcoaches"]

    def test_row_fields(self) -> None:
        """A row carries pillar, owner, partners, planning, budget and the year's status word."""
        row = matrix_rows(small_plan(), 2024, "en")[0]
        assert row.pillar == "Bewustwording en weerbaarheid"
        assert row.partners == ("RIEC", "politie")
        assert row.planning == "2024–2025"
        assert row.status == "on track" and row.status_mark == "✓"
        assert row.incidental == 20000 and row.structural is None

    def test_budget_summed_per_action(self) -> None:
        """The matrix budget of an action is the sum of its lines."""
        rows = {r.action_id: r for r in matrix_rows(deventer_budget_plan(), 2024)}
        assert rows["alcoholplan"].incidental == 75000
        assert rows["alcoholplan"].budget == "€ 75.000 incidenteel (3 jaar)"

    def test_status_records_order_does_not_matter(self) -> None:
        """Shuffled status records and budget lines give the same rows."""
        plan = small_plan()
        mixed = shuffled(plan, 1)
        assert {r.action_id: r for r in matrix_rows(plan, 2024)} == {r.action_id: r for r in matrix_rows(mixed, 2024)}


class TestFormats:
    def test_golden_markdown(self) -> None:
        """The Markdown matrix matches its golden file."""
        check_golden("matrix.md", render_matrix(small_plan(), 2024, "md"))

    def test_golden_html(self) -> None:
        """The HTML matrix matches its golden file."""
        check_golden("matrix.html", render_matrix(small_plan(), 2024, "html"))

    def test_golden_markdown_en(self) -> None:
        """The English Markdown matrix matches its golden file."""
        check_golden("matrix.en.md", render_matrix(small_plan(), 2024, "md", "en"))

    def test_html_escapes_everything(self) -> None:
        """The hostile name is escaped in HTML and no raw tag from user text survives."""
        html = render_matrix(small_plan(), 2024, "html")
        assert isinstance(html, str)
        assert "Quote &quot; back\\slash &lt;b&gt;bold&lt;/b&gt;" in html
        assert "<b>bold</b>" not in html

    def test_markdown_escapes_pipes_and_tags(self) -> None:
        """In Markdown a pipe cannot split a cell and a tag is not HTML."""
        md = render_matrix(small_plan(), 2024, "md")
        assert isinstance(md, str)
        assert "=cmd\\|'" in md and "&lt;b&gt;" in md

    def test_csv_neutralises_formulas(self) -> None:
        """CSV cells starting with = + - @ get an apostrophe; the hostile name keeps its text."""
        text = render_matrix(small_plan(), 2024, "csv")
        assert isinstance(text, str)
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
        hostile = next(r for r in rows if "hostile" in r)
        assert '\'=HYPERLINK("x")' in hostile
        assert "'@team, +31, -min" in hostile
        assert HOSTILE in hostile
        assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)

    def test_unknown_format(self) -> None:
        """An unknown format is refused."""
        with pytest.raises(ValueError, match="pdf"):
            render_matrix(small_plan(), 2024, "pdf")


class TestXlsx:
    def test_stable_bytes_and_no_formulas(self) -> None:
        """The workbook is byte-identical on every run and holds no formula cells."""
        openpyxl = pytest.importorskip("openpyxl")
        first = render_matrix(small_plan(), 2024, "xlsx")
        assert isinstance(first, bytes)
        assert first == render_matrix(small_plan(), 2024, "xlsx")
        ws = openpyxl.load_workbook(io.BytesIO(first)).active
        values = [c.value for row in ws.iter_rows() for c in row]
        assert '\'=HYPERLINK("x")' in values
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
        assert 86000 in values

    def test_zip_has_fixed_dates(self) -> None:
        """Every zip entry has the fixed 1980 timestamp."""
        pytest.importorskip("openpyxl")
        data = render_matrix(small_plan(), 2024, "xlsx")
        assert isinstance(data, bytes)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")

    def test_without_openpyxl(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The workbook is written directly: no openpyxl is imported, and none is needed."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)  # any import of it now fails
        data = render_matrix(small_plan(), 2024, "xlsx")
        assert isinstance(data, bytes) and data[:2] == b"PK"

    def test_layout_read_back(self) -> None:
        """Header bold and frozen, body wrapped to the top, a filter over the table, the columns' widths, numbers."""
        openpyxl = pytest.importorskip("openpyxl")
        data = render_matrix(small_plan(), 2024, "xlsx", "en")
        assert isinstance(data, bytes)
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        assert ws.title == "Matrix"
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:P{ws.max_row}"
        assert ws.max_row == 1 + len(matrix_rows(small_plan(), 2024))
        assert all(c.font.b for c in ws[1]) and not any(c.font.b for c in ws[2])
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in ws[2] if c.value is not None)
        assert ws.column_dimensions["A"].width == 18 and ws.column_dimensions["D"].width == 32
        row = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(1, ws.max_column + 1)}
        assert row["action_id"] == "training" and row["Incidental per year"] == 20000
        assert row["Structural per year"] is None
