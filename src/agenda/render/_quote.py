r"""All escaping of user text for the renderers: DOT, HTML, Markdown and CSV/XLSX.

Every name in a plan is text written by a person, so every renderer passes it
through one of these functions before it reaches an output format.  (Charts
need none: they draw with matplotlib's ``parse_math=False``, so ``$`` is text.)

>>> dot_label('Quote " back\\slash <b>')
'Quote " back\\\\slash <b>'
>>> html_text('<b>"x" & y</b>')
'&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;'
"""

from __future__ import annotations

import html
import re
import textwrap

__all__ = [
    "FORMULA_START",
    "dot_id",
    "dot_label",
    "dot_lines",
    "html_text",
    "md_cell",
    "spreadsheet_cell",
    "wrap",
]

#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NEWLINES = re.compile(r"\r\n|\r|\n")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_ENTITY = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")


def dot_label(text: str) -> str:
    r"""``text`` as a DOT escString shown literally: backslashes doubled, newlines as ``\n``.

    The result is a :func:`graphviz.nohtml` string, so ``<...>`` is never read as
    an HTML-like label, and the ``graphviz`` package quotes it (``"`` -> ``\"``).

    >>> dot_label('a\\b')
    'a\\\\b'
    >>> dot_label('two\nlines')
    'two\\nlines'
    >>> type(dot_label('<b>x</b>')).__name__
    'NoHtml'
    """
    return dot_lines([text])


def dot_lines(lines: list[str]) -> str:
    r"""Several lines of text as one DOT label, each escaped, joined by ``\n`` (centred lines).

    >>> dot_lines(['one\\', 'two'])
    'one\\\\\\ntwo'
    """
    import graphviz  # type: ignore[import-untyped]

    parts = [line.replace("\\", "\\\\") for line in _split_all(lines)]
    # NoHtml tells the graphviz package never to read "<...>" as an HTML-like label.
    return graphviz.nohtml("\\n".join(parts))  # type: ignore[no-any-return]


def dot_id(item_id: str) -> str:
    """A DOT node id for ``item_id``; ``:`` and ``%`` are percent-encoded so no id is read as a port.

    >>> dot_id('bibob-uitbreiding')
    'bibob-uitbreiding'
    >>> dot_id('a:b%c')
    'a%3Ab%25c'
    """
    return item_id.replace("%", "%25").replace(":", "%3A")


def wrap(text: str, width: int = 32) -> list[str]:
    """``text`` wrapped to lines of about ``width`` characters (long words are kept whole).

    >>> wrap('Uitbreiding Bibobcapaciteit met 1 FTE', 20)
    ['Uitbreiding', 'Bibobcapaciteit met', '1 FTE']
    """
    out: list[str] = []
    for para in _NEWLINES.split(text):
        out.extend(textwrap.wrap(para, width, break_long_words=False, break_on_hyphens=False) or [""])
    return out


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content and attribute values; newlines become ``<br>``.

    >>> html_text('a\\nb')
    'a<br>b'
    """
    return "<br>".join(html.escape(part, quote=True) for part in _NEWLINES.split(text))


def md_cell(text: str) -> str:
    r"""``text`` for a Markdown table cell: shown as written, never as markup.

    Markdown's special characters get a backslash, ``<``/``>`` and entity-like ``&``
    become entities, newlines become ``<br>``.

    >>> md_cell('a|b *c* <b>x</b> &amp;')
    'a\\|b \\*c\\* &lt;b&gt;x&lt;/b&gt; &amp;amp;'
    >>> md_cell('Toezicht & Handhaving')
    'Toezicht & Handhaving'
    """
    out = []
    for part in _NEWLINES.split(text):
        part = _ENTITY.sub("&amp;", part)
        part = _MD_SPECIAL.sub(r"\\\1", part)
        out.append(part.replace("<", "&lt;").replace(">", "&gt;"))
    return "<br>".join(out)


def spreadsheet_cell(text: str) -> str:
    """``text`` safe for a CSV or XLSX cell: a leading ``= + - @`` tab or CR gets an apostrophe.

    >>> spreadsheet_cell("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> spreadsheet_cell('gewoon')
    'gewoon'
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _split_all(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend(_NEWLINES.split(line))
    return out
