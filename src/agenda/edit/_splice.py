"""Pure text edits of a plan file, guided by the raw node tree of :mod:`agenda.format._yaml`.

Private to :mod:`agenda.edit.update`.  Every function takes the text and nodes parsed from
exactly that text, and returns new text in which only the spliced stretch differs:
comments, quoting, indentation, blank lines and line endings elsewhere stay byte-identical.
Nothing here knows the meaning of a plan or reports errors to the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from agenda.format import _yaml
from agenda.format._yaml import Node

__all__ = [
    "NodePath",
    "content_end",
    "double_quoted",
    "flow_map",
    "indent_of",
    "indent_step",
    "insert_lines",
    "item_insert_pos",
    "line_ending",
    "line_start",
    "lookup",
    "map_insert",
    "map_insert_many",
    "map_of",
    "node_at",
    "plain_or_quoted",
    "replace_scalar",
    "restyle",
    "seq_insert",
    "seq_of",
    "splice",
    "unquote",
    "year_of",
]

#: A path from the root to a node: map keys and sequence indexes.
NodePath = tuple[str | int, ...]
_ID_PLAIN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_TEXT_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .()/'-]*\Z")
_SPECIAL = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_BREAK = re.compile(r"\r\n|\n|\r")


# --------------------------------------------------------------------------- scalars


def double_quoted(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``text``."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plain_or_quoted(word: str) -> str:
    return word if _ID_PLAIN.match(word) and word.lower() not in _SPECIAL else double_quoted(word)


def restyle(new: str, old: Node) -> str:
    """Keep the quoting of the value being replaced where that reads back the same."""
    if not new.startswith('"'):
        return new
    value = unquote(new)
    if old.style == "'" and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if old.style == "" and _TEXT_PLAIN.match(value) and not value.endswith(" ") \
            and value.lower() not in _SPECIAL and "  " not in value:
        return value
    return new


def unquote(rendered: str) -> str:
    node = _yaml.parse("k: " + rendered, "<quote>")
    return str(map_of(node)["k"][1].value)


# --------------------------------------------------------------------------- the tree


def map_of(node: Node) -> dict[str, tuple[Node, Node]]:
    return cast("dict[str, tuple[Node, Node]]", node.value) if node.kind == "map" else {}


def seq_of(node: Node | None) -> list[Node]:
    return cast("list[Node]", node.value) if node is not None and node.kind == "seq" else []


def lookup(node: Node, key: str) -> Node | None:
    pair = map_of(node).get(key)
    return pair[1] if pair else None


def node_at(root: Node, path: NodePath) -> Node:
    node = root
    for step in path:
        node = seq_of(node)[step] if isinstance(step, int) else cast(Node, lookup(node, step))
    return node


# --------------------------------------------------------------------------- splicing


def content_end(text: str, node: Node) -> int:
    """Where the node's own text ends: block collections end at their last child, not at the next token."""
    if node.kind == "scalar":
        if node.style in ("|", ">"):
            if "+" in text[node.start:node.end].split("\n", 1)[0]:  # keep chomping: trailing lines are content
                return node.end - 1
            return node.start + len(text[node.start:node.end].rstrip())
        return node.end
    if node.style == "flow":
        return node.end
    if node.kind == "map":
        key, value = list(map_of(node).values())[-1]
        return max(content_end(text, value), key.end)
    return content_end(text, seq_of(node)[-1])


def line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def line_ending(text: str, pos: int) -> str:
    """The line ending of the line at ``pos`` (the file's first one when that line has none)."""
    m = _BREAK.search(text, pos) or _BREAK.search(text)
    return m.group(0) if m else "\n"


def insert_lines(text: str, after: int | None, before: int | None, lines: list[str]) -> str:
    """Insert whole lines after the line holding offset ``after``, or before the line holding ``before``."""
    if before is not None:
        at = line_start(text, before)
        eol = line_ending(text, at)
        return text[:at] + "".join(line + eol for line in lines) + text[at:]
    assert after is not None
    m = _BREAK.search(text, after)
    if m is None:  # the last line has no line break: keep it that way
        eol = line_ending(text, 0)
        return text + "".join(eol + line for line in lines)
    eol = m.group(0)
    return text[:m.end()] + "".join(line + eol for line in lines) + text[m.end():]


def splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def replace_scalar(text: str, node: Node, new: str) -> str:
    assert node.kind == "scalar"
    if node.start == node.end:  # an empty value after `key:`
        return splice(text, node.start, node.end, " " + new)
    return splice(text, node.start, content_end(text, node), new)


def indent_of(text: str, node: Node) -> int:
    return node.start - line_start(text, node.start)


def map_insert(text: str, node: Node, key: str, inline: str, children: list[tuple[str, str]] | None,
                pos: int) -> str:
    """Insert ``key`` into the map ``node`` as its entry number ``pos``.

    ``children`` (key, inline value) makes the value a nested map: written as
    indented lines in a block map, as ``{k: v}`` in a flow map.
    """
    entries = list(map_of(node).values())
    if node.style == "flow":
        value = "{" + ", ".join(f"{k}: {v}" for k, v in children) + "}" if children else inline
        if not entries:
            return splice(text, node.end - 1, node.end - 1, f"{key}: {value}")
        if pos >= len(entries):
            at = content_end(text, entries[-1][1])
            return splice(text, at, at, f", {key}: {value}")
        return splice(text, entries[pos][0].start, entries[pos][0].start, f"{key}: {value}, ")
    indent = " " * indent_of(text, entries[0][0])
    if children:
        step = " " * indent_step(text, node)
        lines = [f"{indent}{key}:"] + [f"{indent}{step}{k}: {v}" for k, v in children]
    else:
        lines = [f"{indent}{key}: {inline}"]
    if pos == 0 and text[line_start(text, entries[0][0].start):entries[0][0].start].strip() == "":
        return insert_lines(text, None, entries[0][0].start, lines)
    prev = entries[max(pos, 1) - 1]
    return insert_lines(text, max(content_end(text, prev[1]), prev[0].end), None, lines)


def map_insert_many(text: str, node: Node, entries: list[tuple[str, str]]) -> str:
    """Append several ``key: value`` entries to the map ``node`` at once, in the given order."""
    items = list(map_of(node).values())
    if node.style == "flow":
        added = ", ".join(f"{k}: {v}" for k, v in entries)
        if not items:
            return splice(text, node.end - 1, node.end - 1, added)
        at = content_end(text, items[-1][1])
        return splice(text, at, at, ", " + added)
    indent = " " * indent_of(text, items[0][0])
    last_key, last_value = items[-1]
    return insert_lines(text, max(content_end(text, last_value), last_key.end), None,
                        [f"{indent}{k}: {v}" for k, v in entries])


def indent_step(text: str, node: Node) -> int:
    """The file's indentation step, read from a nested block map of ``node`` (2 when there is none)."""
    for key, value in map_of(node).values():
        if value.kind == "map" and value.style == "block":
            first = next(iter(map_of(value).values()))[0]
            step = indent_of(text, first) - indent_of(text, key)
            if step > 0:
                return step
    return 2


def seq_insert(text: str, node: Node, inline: str, year: int | None = None) -> str:
    """Insert an item into the sequence ``node``: in year order when ``year`` is given, else at the end."""
    items = seq_of(node)
    pos = len(items)
    if year is not None:
        pos = next((i for i, it in enumerate(items) if it.kind == "scalar" and str(it.value).isdigit()
                    and int(str(it.value)) > year), len(items))
    if node.style == "flow":
        if not items:
            return splice(text, node.end - 1, node.end - 1, inline)
        if pos >= len(items):
            at = content_end(text, items[-1])
            return splice(text, at, at, f", {inline}")
        return splice(text, items[pos].start, items[pos].start, f"{inline}, ")
    dash = text.rfind("-", 0, items[0].start)
    line = " " * (dash - line_start(text, dash)) + "- " + inline
    if pos == 0:
        return insert_lines(text, None, dash, [line])
    return insert_lines(text, content_end(text, items[pos - 1]), None, [line])


def year_of(key: Node) -> int | None:
    value = str(key.value).strip()
    return int(value) if value.isdigit() else None


def flow_map(fields: Mapping[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}"


def item_insert_pos(node: Node, key: str) -> int:
    """Where a new ``status``/``values``/``targets`` key goes: before the item's lists of parts, else last."""
    keys = list(map_of(node))
    later = ("pillars", "tags", "goals", "actions") if key == "status" else ("values", "categories", "breakdown")
    return next((i for i, k in enumerate(keys) if k in later and i > 0), len(keys))
