"""The yearly report as Markdown; pictures are linked by their file name in the report folder."""

from __future__ import annotations

from collections.abc import Mapping

from agenda.model import Agenda
from agenda.render._quote import md_cell
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
from agenda.render._report_html import badge_text

__all__ = ["markdown_document"]


def _runs(agenda: Agenda, parts: tuple[Inline, ...], lang: str) -> str:
    out = []
    for part in parts:
        if isinstance(part, Badge):
            out.append(md_cell(badge_text(agenda, part, lang)))
            continue
        text = md_cell(part.text)
        if text and part.strong:
            text = f"**{text}**"
        if text and part.italic:
            text = f"*{text}*"
        out.append(text)
    return "".join(out)


def markdown_document(agenda: Agenda, doc: Document, pictures: Mapping[str, Picture]) -> str:
    """``doc`` as Markdown; each :class:`Figure` becomes an image link to its file."""
    lang = doc.lang
    out: list[str] = []
    for block in doc.blocks:
        out += _block(agenda, block, pictures, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _block(agenda: Agenda, block: Block, pictures: Mapping[str, Picture], lang: str) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {md_cell(block.text)}", ""]
    if isinstance(block, Para):
        return [_runs(agenda, block.parts, lang), ""]
    if isinstance(block, Contents):
        return [f"**{md_cell(_('contents', lang))}**", ""] + [
            f"{n}. [{md_cell(t)}](#{a})" for n, (a, t) in enumerate(block.entries, 1)] + [""]
    if isinstance(block, Table):
        rows = [f"| {' | '.join(md_cell(h) for h in block.head)} |",
                "|" + "".join("---:|" if n else "---|" for n in block.numeric)]
        for row in block.rows:
            cells = [_runs(agenda, c, lang) for c in row.cells]
            if row.depth and cells:
                cells[0] = "↳ " + cells[0]
            if row.strong and cells and cells[0]:
                cells[0] = f"**{cells[0]}**"
            rows.append(f"| {' | '.join(cells)} |")
        return [*rows, "", *([md_cell(n) + "  " for n in block.notes] + [""] if block.notes else [])]
    if isinstance(block, Bullets):
        out = []
        for item in block.items:
            paras = [_runs(agenda, p, lang) for p in item]
            out.append(f"- {paras[0]}")
            out += [f"\n  {p}" for p in paras[1:]]
        return [*out, ""]
    assert isinstance(block, Figure)
    picture = pictures.get(f"{block.kind}:{block.key}")
    if picture is None:
        return []
    return [f"![{md_cell(block.alt)}]({picture.file})", ""]
