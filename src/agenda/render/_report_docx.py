"""The yearly report as a Word file (``.docx``) a gemeente can finish in Word.

Made with python-docx (the optional extra ``veiligheidsagenda[docx]``; without it
:class:`~agenda.render._backend.MissingExtraError` names the ``pip install``).  A4
portrait with 2 cm margins and page numbers; headings in Word's own heading styles,
so Word's navigation pane and table of contents work; the tables are Word tables
with a repeating heading row, statuses as shaded cells; diagrams and charts are PNG
pictures at their natural size, or the text width when wider.  Status marks are set
in Segoe UI Symbol, which Windows has, and which Linux replaces by DejaVu Sans.

The file is deterministic: fixed document properties and zip timestamps.
"""

from __future__ import annotations

import datetime
import io
import struct
from collections.abc import Mapping
from typing import Any

from agenda.model import Agenda
from agenda.render._backend import MissingExtraError
from agenda.render._report_common import CATALOG as _
from agenda.render._report_doc import (
    Badge,
    Block,
    Bullets,
    Contents,
    Document,
    Figure,
    Heading,
    Inline,
    Para,
    Picture,
    Table,
)
from agenda.render._report_html import badge_text, ink
from agenda.render._zip import stable_zip

__all__ = ["docx_document"]

_TEXT_WIDTH_CM = 17.0
_SYMBOL_FONT = "Segoe UI Symbol"
_MISSING = {
    "nl": "Voor een Word-bestand is python-docx nodig: pip install python-docx",
    "en": "A Word file needs python-docx: pip install python-docx",
}


def docx_document(agenda: Agenda, doc: Document, pictures: Mapping[str, Picture]) -> bytes:
    """``doc`` as the bytes of a ``.docx`` file; each :class:`Figure` is its picture's PNG."""
    try:
        import docx
        from docx.shared import Cm, Pt
    except ImportError as exc:
        raise MissingExtraError(_MISSING[doc.lang]) from exc
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    _page_numbers(section, doc.lang)
    for block in doc.blocks:
        _block(word, agenda, block, pictures, doc.lang)
    props = word.core_properties
    fixed = datetime.datetime(2000, 1, 1)  # no clock in the file: the same plan gives the same bytes
    props.title, props.author, props.last_modified_by = doc.title, agenda.gemeente, "agenda"
    props.created, props.modified, props.revision = fixed, fixed, 1
    buf = io.BytesIO()
    word.save(buf)
    return stable_zip(buf.getvalue())


def _block(word: Any, agenda: Agenda, block: Block, pictures: Mapping[str, Picture], lang: str) -> None:
    from docx.shared import Pt, RGBColor

    if isinstance(block, Heading):
        word.add_heading(block.text, level=0 if block.level == 1 else block.level - 1)
    elif isinstance(block, Para):
        para = word.add_paragraph()
        _runs(para, agenda, block.parts, lang)
        if block.style == "byline":
            for run in para.runs:
                run.font.size = Pt(12)
        elif block.style == "note":
            for run in para.runs:
                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    elif isinstance(block, Contents):
        _contents(word, block, lang)
    elif isinstance(block, Table):
        _table(word, agenda, block, lang)
    elif isinstance(block, Bullets):
        for item in block.items:
            for n, parts in enumerate(item):
                para = word.add_paragraph(style="List Bullet" if n == 0 else None)
                if n:
                    para.paragraph_format.left_indent = word.styles["List Bullet"].paragraph_format.left_indent
                _runs(para, agenda, parts, lang)
    else:
        assert isinstance(block, Figure)
        _figure(word, block, pictures)


def _runs(para: Any, agenda: Agenda, parts: tuple[Inline, ...], lang: str) -> None:
    for part in parts:
        if isinstance(part, Badge):
            _badge(para, agenda, part, lang)
            continue
        run = para.add_run(part.text)
        run.bold = part.strong or None
        run.italic = part.italic or None
        if part.muted:
            from docx.shared import RGBColor

            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _badge(para: Any, agenda: Agenda, badge: Badge, lang: str) -> None:
    # The mark in a symbol font, the word in the text font; the colour shades the words.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    status = agenda.config.status(badge.status)
    colour = status.colour if status else "#ffffff"
    text = badge_text(agenda, badge, lang)
    mark = status.mark if status and status.mark else ""
    pieces = [(mark, True), (text[len(mark):], False)] if mark and text.startswith(mark) else [(text, False)]
    for piece, symbol in pieces:
        run = para.add_run(piece)
        if symbol:
            run.font.name = _SYMBOL_FONT
            run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), _SYMBOL_FONT)
        run.bold = bool(status and status.lagging) or None
        run.font.color.rgb = RGBColor.from_string(ink(colour).lstrip("#").upper())
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), colour.lstrip("#").upper())
        run.element.get_or_add_rPr().append(shade)


def _contents(word: Any, block: Contents, lang: str) -> None:
    # A Word table-of-contents field; until Word updates it (it asks on opening), it lists the sections.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word.add_paragraph().add_run(_("contents", lang)).bold = True
    para = word.add_paragraph()
    for kind, text in (("begin", None), ("instr", ' TOC \\o "1-2" \\h \\z \\u '), ("separate", None)):
        run = para.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    para.add_run("; ".join(f"{n}. {title}" for n, (_anchor, title) in enumerate(block.entries, 1)))
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    para.add_run()._r.append(end)
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _table(word: Any, agenda: Agenda, table: Table, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    grid = word.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    grid.autofit = False
    weights = table.widths or tuple(1 for _h in table.head)
    span = _TEXT_WIDTH_CM * (0.5 if table.compact else 1.0)
    widths = [Cm(span * w / sum(weights)) for w in weights]
    header = grid.rows[0]
    flag = OxmlElement("w:tblHeader")  # the heading row repeats on every page the table spans
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for i, text in enumerate(table.head):
        cell = header.cells[i]
        _shade(cell, "EEF3F8")
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        if table.numeric[i]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        cells = grid.add_row().cells
        for i, parts in enumerate(row.cells):
            para = cells[i].paragraphs[0]
            if i == 0 and row.depth:
                para.paragraph_format.left_indent = Cm(0.4)
            _runs(para, agenda, parts, lang)
            if (row.strong and i == 0) or row.total:
                for run in para.runs:
                    run.bold = True
            if table.numeric[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, column in enumerate(grid.columns):
        column.width = widths[i]
    for r in grid.rows:
        no_split = OxmlElement("w:cantSplit")
        r._tr.get_or_add_trPr().append(no_split)
        for i, cell in enumerate(r.cells):
            cell.width = widths[i]
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)
    for note in table.notes:
        para = word.add_paragraph()
        run = para.add_run(note)
        run.font.size = Pt(8)
    word.add_paragraph()


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shade)


def _figure(word: Any, block: Figure, pictures: Mapping[str, Picture]) -> None:
    from docx.shared import Cm, Pt

    picture = pictures.get(f"{block.kind}:{block.key}")
    if picture is None or picture.png is None:
        return
    width_pt = picture.width if picture.width is not None else _png_width_pt(picture.png, 150)
    width = min(Pt(width_pt), Cm(_TEXT_WIDTH_CM))
    word.add_picture(io.BytesIO(picture.png), width=width)
    word.paragraphs[-1].paragraph_format.keep_together = True


def _png_width_pt(png: bytes, dpi: int) -> float:
    # The width in the PNG header, at the resolution the chart was saved with.
    pixels: int = struct.unpack(">I", png[16:20])[0]
    return pixels * 72 / dpi


def _page_numbers(section: Any, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para.add_run(_("page", lang) + " ").font.size = Pt(9)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)


