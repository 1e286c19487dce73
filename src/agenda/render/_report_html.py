"""The yearly report as one self-contained HTML page that prints to A4.

No external resources (it opens offline), every piece of user text escaped; the
diagrams and charts are embedded as SVG.  The print style sheet makes A4 portrait
pages with 2 cm margins and page numbers; the title, the contents and the summary
share the first page; a table row, a figure and its legend never break across pages.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from agenda.model import Agenda
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

__all__ = ["CSS", "badge_text", "html_document", "ink"]

#: The style sheet of the page, screen and print.
CSS = """
body{font-family:"DejaVu Sans",Arial,"Segoe UI Symbol",Helvetica,sans-serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a;line-height:1.4;font-size:11pt}
h1{font-size:20pt;margin:0 0 .3rem}h2{font-size:15pt;border-bottom:2px solid #0072b2;padding-bottom:.15rem;
margin-top:1.8rem}h3{font-size:13pt;margin:1.4rem 0 .3rem}h4{font-size:11pt;margin:1rem 0 .3rem}
h2,h3,h4{break-after:avoid}p{margin:.35rem 0}
table{border-collapse:collapse;width:100%;margin:.5rem 0 .8rem;font-size:9.5pt}
th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#eef3f8}td.num,th.num{text-align:right}td.num{white-space:nowrap}
tr.goal td:first-child,tr.total td{font-weight:bold}tr.sub td:first-child{padding-left:1.3rem}
table.compact{width:auto;min-width:40%}thead{display:table-header-group}tr{break-inside:avoid}
.status{display:inline-block;padding:0 .3rem;border:1px solid #555;border-radius:.2rem;white-space:nowrap;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
.lagging{font-weight:bold;border-width:2px;border-style:dashed}
.muted,.note{color:#555}.note{font-size:9.5pt}.motto{font-style:italic}.byline{font-size:12pt}
.notes{font-size:9pt;color:#333;margin:-.4rem 0 .8rem;padding-left:0;list-style:none}
nav ol{margin:.3rem 0 .8rem}
figure{margin:.6rem 0 1rem;break-inside:avoid}figure svg{max-width:100%;height:auto;display:block}
figure.chart svg{max-width:100%}
ul.reasons>li{margin-bottom:.5rem}
@page{size:A4 portrait;margin:2cm;@bottom-right{content:counter(page) " / " counter(pages);
font:9pt "DejaVu Sans",Arial,sans-serif;color:#555}}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}h2{break-before:page}
h2#samenvatting{break-before:auto}a{color:inherit;text-decoration:none}}
""".strip()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour`` (``#rrggbb``)."""
    try:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "#ffffff"


def badge_text(agenda: Agenda, badge: Badge, lang: str) -> str:
    """A status as every format writes it: its mark and word, and *afgeleid* when derived."""
    status = agenda.config.status(badge.status)
    word = status.label(lang) if status else badge.status
    mark = f"{status.mark} " if status and status.mark else ""
    return mark + word + (f" ({_('derived', lang)})" if badge.derived else "")


def _inline(agenda: Agenda, part: Inline, lang: str) -> str:
    if isinstance(part, Badge):
        status = agenda.config.status(part.status)
        colour = status.colour if status else "#ffffff"
        cls = "status lagging" if status and status.lagging else "status"
        style = f"background:{colour};color:{ink(colour)}"
        return f'<span class="{cls}" style="{_e(style)}">{_e(badge_text(agenda, part, lang))}</span>'
    text = _e(part.text).replace("\n", "<br>")
    if part.strong:
        text = f"<strong>{text}</strong>"
    if part.italic:
        text = f"<em>{text}</em>"
    if part.muted:
        text = f'<span class="muted">{text}</span>'
    return text


def _runs(agenda: Agenda, parts: tuple[Inline, ...], lang: str) -> str:
    return "".join(_inline(agenda, p, lang) for p in parts)


def html_document(agenda: Agenda, doc: Document, pictures: Mapping[str, Picture]) -> str:
    """``doc`` as one HTML page; ``pictures`` maps ``kind:key`` of each :class:`Figure` to its picture."""
    lang = doc.lang
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)} — {_e(agenda.gemeente)}</title>",
        f"<style>{CSS}</style></head><body>",
    ]
    for block in doc.blocks:
        out += _block(agenda, block, pictures, lang)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _block(agenda: Agenda, block: Block, pictures: Mapping[str, Picture], lang: str) -> list[str]:
    if isinstance(block, Heading):
        anchor = f' id="{_e(block.anchor)}"' if block.anchor else ""
        return [f"<h{block.level}{anchor}>{_e(block.text)}</h{block.level}>"]
    if isinstance(block, Para):
        cls = f' class="{block.style}"' if block.style else ""
        return [f"<p{cls}>{_runs(agenda, block.parts, lang)}</p>"]
    if isinstance(block, Contents):
        items = "".join(f'<li><a href="#{_e(a)}">{_e(t)}</a></li>' for a, t in block.entries)
        return [f"<nav><p><strong>{_e(_('contents', lang))}</strong></p><ol>{items}</ol></nav>"]
    if isinstance(block, Table):
        return _table(agenda, block, lang)
    if isinstance(block, Bullets):
        bullets = ["<li>" + "".join(f"<p>{_runs(agenda, para, lang)}</p>" for para in item) + "</li>"
                   for item in block.items]
        return ['<ul class="reasons">' + "".join(bullets) + "</ul>"]
    assert isinstance(block, Figure)
    picture = pictures.get(f"{block.kind}:{block.key}")
    if picture is None or picture.svg is None:
        return []
    return [f'<figure class="{block.kind}" role="img" aria-label="{_e(block.alt)}">{_inline_svg(picture.svg)}</figure>']


def _table(agenda: Agenda, table: Table, lang: str) -> list[str]:
    num = [' class="num"' if n else "" for n in table.numeric]
    head = "".join(f"<th{num[i]}>{_e(h)}</th>" for i, h in enumerate(table.head))
    cls = ' class="compact"' if table.compact else ""
    out = [f"<table{cls}><thead><tr>{head}</tr></thead><tbody>"]
    for row in table.rows:
        cls = " ".join(c for c in ("goal" if row.strong else "", "sub" if row.depth else "",
                                   "total" if row.total else "") if c)
        attr = f' class="{cls}"' if cls else ""
        cells = "".join(f"<td{num[i]}>{_runs(agenda, cell, lang)}</td>" for i, cell in enumerate(row.cells))
        out.append(f"<tr{attr}>{cells}</tr>")
    out.append("</tbody></table>")
    if table.notes:
        out.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in table.notes) + "</ul>")
    return out


def _inline_svg(svg: str) -> str:
    # An inline <svg> must not carry the XML declaration, DOCTYPE or comments of a standalone file.
    start = svg.find("<svg")
    return svg[start:].strip() if start >= 0 else ""
