"""Starting a plan for a new gemeente from a template: ``agenda init``.

The templates (``agenda/edit/templates/*.yaml``) are valid plans with comments that
teach the format: ``kbv`` orders the plan by the five VNG *Kernbeleid Veiligheid*
velden, ``deventer`` follows the shape of Deventer's *Strategische
Veiligheidsagenda* in miniature, ``empty`` is a skeleton.  :func:`init` fills in
the gemeente's name and writes a new file; it never overwrites one.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = init(folder / "ivp.yaml", "Gemeente Rivierdal", "kbv")
>>> import agenda
>>> agenda.load(path).gemeente
'Gemeente Rivierdal'
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

from agenda.edit._write import write_new
from agenda.format.loader import loads

__all__ = ["TEMPLATES", "init", "render_template", "template_text"]

#: The templates :func:`init` knows, in the order ``--help`` lists them.
TEMPLATES: tuple[str, ...] = ("kbv", "deventer", "empty")

#: The placeholder name in every template; ``init`` replaces it on the ``gemeente:`` and ``title:`` lines.
_PLACEHOLDER = "Voorbeeldgemeente"
_LINE = re.compile(r"^(gemeente|title):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def template_text(template: str) -> str:
    """The text of the template ``template`` (one of :data:`TEMPLATES`), unchanged.

    Raises ValueError for an unknown template.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; choose one of {', '.join(TEMPLATES)}")
    return (resources.files("agenda.edit") / "templates" / f"{template}.yaml").read_text(encoding="utf-8")


def render_template(template: str, gemeente: str) -> str:
    """The template's text with ``gemeente`` filled in; checked to load before it is returned.

    The name is written as a YAML double-quoted string where it is not plain text, so
    any name (quotes, colons, ``#``) stays exactly that name.
    """
    name = " ".join(gemeente.split())
    if not name:
        raise ValueError("the name of the gemeente is empty")

    def fill(match: re.Match[str]) -> str:
        key, value = match.group(1), match.group(2)
        if _PLACEHOLDER not in value:
            return match.group(0)
        if value[:1] in "\"'":
            value = value[1:-1]
        return f"{key}: {_quote(value.replace(_PLACEHOLDER, name))}"

    text = _LINE.sub(fill, template_text(template))
    loads(text, f"<{template}>")  # a template that does not load after filling in is a bug: raise
    return text


def init(path: str | os.PathLike[str], gemeente: str, template: str = "kbv") -> Path:
    """Write a new plan for ``gemeente`` from ``template`` to ``path``; the path written.

    Refuses to overwrite: raises FileExistsError when ``path`` exists (the file is
    linked into place, so a file appearing meanwhile is not overwritten either); a
    write that is interrupted leaves no half plan.
    Raises ValueError for an unknown template or an empty name.  The folder is
    created when missing.
    """
    target = Path(path)
    text = render_template(template, gemeente)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_new(target, text.encode("utf-8"))  # complete or not at all, never over an existing file
    return target


def _quote(text: str) -> str:
    # JSON strings are YAML double-quoted strings; plain text stays plain for readability.
    plain = re.fullmatch(r"[A-Za-zÀ-ÿ][\w .,()'À-ÿ-]*", text) and not text.endswith(":")
    return text if plain and ": " not in text and " #" not in text else json.dumps(text, ensure_ascii=False)
