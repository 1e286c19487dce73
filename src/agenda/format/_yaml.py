"""Strict YAML reading: text -> a tree of located raw nodes.

libyaml's event parser does the tokenising; this module builds the tree itself,
so that it can refuse what it cannot read exactly — anchors, aliases, tags,
duplicate keys, complex keys, several documents, absurd depth — and so that every
node keeps its line and column.  No scalar is resolved here: a plain ``no``
stays the text ``no`` until the schema says what the key expects (YAML 1.2,
not 1.1).

The cyclic garbage collector is paused while the tree is built: the tree holds
millions of small objects and no cycles, and a collection pass over it costs
more than the parse itself.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from sys import intern
from typing import Any, Final, Protocol

import yaml
from yaml import events as _ev
from yaml.reader import ReaderError

from agenda._files import MAX_BYTES, read_user_file, too_big
from agenda._gc import paused
from agenda.errors import MAX_ERRORS, AgendaError, Problem, Problems, TooManyProblems, UnreadableError, make_problem
from agenda.format import _syntax
from agenda.format._messages import READING
from agenda.model import Location

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_PROBLEMS", "Node", "Reader", "parse", "read_text"]

MAX_DEPTH: Final = 64
#: After this many problems reading stops: nobody reads more, and a hostile file could produce millions.
MAX_PROBLEMS: Final = MAX_ERRORS  # the one collector's limit (agenda.errors.Problems)

try:  # libyaml is the fast path; the pure-Python parser gives the same events
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import Loader as _Parser  # type: ignore[assignment]

_T = READING


class Lines:
    """Where the lines that hold a node start, so that a node keeps one offset instead of three numbers.

    Filled while the text is parsed, from libyaml's own marks: each time a node starts on a
    new line, that line's number and the offset where it starts.  Every node's line is in the
    table, so a node's line and column are found by bisecting on its offset, and they are
    exactly those libyaml reports (its line breaks: ``\\r\\n``, ``\\r``, ``\\n``, NEL, LS,
    PS).  Lines without a node (comments, blank lines) cost nothing: a file of a million comment
    lines has a table of a few entries.  Two arrays of machine integers, 12 bytes a line.
    """

    __slots__ = ("numbers", "starts")

    def __init__(self) -> None:
        self.starts: array[int] = array("q")  #: offsets where the lines start, increasing
        self.numbers: array[int] = array("i")  #: their 1-based line numbers

    def at(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a node that starts at ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        return self.numbers[i], offset - self.starts[i] + 1


class Node:
    """A raw YAML node: ``kind`` is ``"scalar"``, ``"map"`` or ``"seq"`` (or ``"done"``: an item read
    while the text was parsed, its ``value`` what was read; see :class:`Reader`).

    ``value`` is the text of a scalar, a dict ``key -> (key_node, value_node)``
    for a map (in file order), or a list of nodes for a sequence.  ``plain`` is
    True for an unquoted scalar.  ``line`` and ``column`` are 1-based; ``end``
    is the 0-based character offset just past the node in the text, and
    ``start`` the 0-based offset where it begins (used by careful edits).
    ``style`` is the scalar style (``""`` plain, ``"'"``, ``'"'``, ``"|"``,
    ``">"``) or, for collections, ``"flow"``/``"block"``.

    A plan of 100,000 items is millions of nodes, so a node is kept small: its line
    and column are worked out from ``start`` when asked (``where`` is the text's
    :class:`Lines`, or ``(line, column)`` themselves for a node made by hand), and
    its end is kept as its length (``size``), nearly always a number small enough
    that Python does not allocate it.
    """

    __slots__ = ("kind", "plain", "size", "start", "style", "value", "where")

    def __init__(self, kind: str, value: object, where: Lines | tuple[int, int], plain: bool = False,
                 start: int = 0, size: int = 0, style: str = "") -> None:
        self.kind = kind
        self.value = value
        self.where = where
        self.plain = plain
        self.start = start
        self.size = size
        self.style = style

    @property
    def position(self) -> tuple[int, int]:
        """``(line, column)``, both 1-based, worked out from ``start`` when asked."""
        where = self.where
        return where if isinstance(where, tuple) else where.at(self.start)

    @property
    def line(self) -> int:
        return self.position[0]

    @property
    def column(self) -> int:
        return self.position[1]

    @property
    def end(self) -> int:
        return self.start + self.size

    def __repr__(self) -> str:
        return f"Node({self.kind}, {self.value!r}, {self.line}:{self.column})"


class Reader(Protocol):
    """What reads the tree while it is being built, so that the tree is never whole (see ``agenda.format._stream``).

    The parser keeps, beside its stack of open collections, a stack of what the reader
    said about each (``types``).  :meth:`opened` is asked when a map or a list begins,
    before it is attached to its parent: ``key`` is the key it is the value of (None for
    a list item, the root, or a collection written as a key).  :meth:`closed` is told
    when it ends, with the stacks of the collections still open around it; it may read
    the node and change it in place (a ``"done"`` node holding what was read).
    """

    def opened(self, key: Node | None, stack: list[Node], types: list[object]) -> object:
        """What the reader will know the collection that begins by (None: nothing; it is read later)."""

    def closed(self, node: Node, typ: object, stack: list[Node], types: list[object]) -> None:
        """The collection ``node``, said to be ``typ`` when it began, has ended."""


def _problem(code: str, file: str, line: int, column: int, fields: dict[str, object] | None = None,
             hint: str | None = None) -> Problem:
    hint_key = hint if hint is not None else f"{code}-hint"
    return make_problem(_T, code, Location(file, line, column), None,
                        hint_key if hint_key in _T.messages else None, fields or {})


def read_text(path: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a plan file as text: a regular file, size-checked, NUL-checked, strictly UTF-8 (a BOM is allowed).

    Raises :class:`UnreadableError` (also an :class:`OSError`) with a located problem otherwise (see
    :func:`agenda._files.read_user_file`); when the operating system refused the file, its ``errno``
    is set and the ``OSError`` is the cause.
    """
    data, _ = read_user_file(path, max_bytes=max_bytes)
    return decode(data, path, max_bytes=max_bytes)


def decode(data: bytes, file: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Bytes -> text with the same checks as :func:`read_text`."""
    if len(data) > max_bytes:
        raise too_big(file, len(data), max_bytes)
    # A UTF-16 or UTF-32 file is text, but not UTF-8: say so before its NUL bytes look binary.
    for bom in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            raise UnreadableError([_problem("not-utf8", file, 1, 1, {"byte": f"0x{data[0]:02x}"})])
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableError([_problem("binary", file, line, nul - data.rfind(b"\n", 0, nul))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise UnreadableError(
            [_problem("not-utf8", file, line, col, {"byte": f"0x{data[exc.start]:02x}"})]
        ) from None
    if not text or text.isspace():
        raise UnreadableError([_problem("empty", file, 1, 1)])
    return text


def parse(text: str, file: str, *, reader: Reader | None = None) -> Node:
    """Parse YAML text into a :class:`Node` tree, refusing anything inexact.

    Raises :class:`UnreadableError` for text that is not YAML at all and
    :class:`~agenda.errors.AgendaError` (all problems at once) for YAML that
    uses anchors, aliases, tags, duplicate or complex keys.  A ``reader`` is told of
    every map and list as it begins and ends (see :class:`Reader`); what it raises,
    the parse lets through.
    """
    problems = Problems(file)
    try:
        with paused():  # millions of small objects without cycles: see agenda._gc
            root = _build(text, file, problems, reader)
    except yaml.MarkedYAMLError as exc:  # said in Dutch and English where the problem starts (see _syntax)
        raise UnreadableError([*problems, _syntax.explain(exc, text, file)]) from None
    except ReaderError as exc:  # a control character: no mark, a position in bytes
        raise UnreadableError([_syntax.explain_reader_error(exc.character, text, file)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error is one of the above
        raise UnreadableError([_syntax.explain(exc, text, file)]) from None
    except UnicodeEncodeError as exc:  # text from the API with a lone surrogate: not encodable as UTF-8
        line, col = _position(text, exc.start)
        raise UnreadableError(
            [_problem("not-utf8", file, line, col, {"byte": f"U+{ord(text[exc.start]):04X}"})]
        ) from None
    if problems:
        raise AgendaError(problems)
    if root is None:  # only comments, or an empty document
        raise UnreadableError([_problem("empty", file, 1, 1)])
    return root


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at ``index`` (1, 1 when unknown)."""
    if index < 0:
        return 1, 1
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _build(text: str, file: str, problems: Problems, reader: Reader | None = None) -> Node | None:
    # One pass over libyaml's events with an explicit stack: no recursion, so no
    # depth can overflow the interpreter; MAX_DEPTH stops absurd files early.
    parser = _Parser(text)
    get = parser.get_event
    scalar_ev, map_start, map_end = _ev.ScalarEvent, _ev.MappingStartEvent, _ev.MappingEndEvent
    seq_start, seq_end, alias_ev = _ev.SequenceStartEvent, _ev.SequenceEndEvent, _ev.AliasEvent
    doc_start = _ev.DocumentStartEvent
    lines = Lines()
    line_starts, line_numbers = lines.starts, lines.numbers
    last_line = -1
    stack: list[Node] = []
    pending_key: list[Node | None] = []  # per open map: the key waiting for its value
    types: list[object] = []  # per open collection: what the reader knows it by (only with a reader)
    root: Node | None = None
    documents = 0
    try:
        while True:
            event: Any = get()
            cls = event.__class__
            if cls is scalar_ev:
                mark = event.start_mark
                start = mark.index
                if mark.line != last_line:  # a node on a new line: where that line starts (see Lines)
                    last_line = mark.line
                    line_starts.append(start - mark.column)
                    line_numbers.append(last_line + 1)
                style = event.style
                node = Node("scalar", event.value, lines, not style, start, event.end_mark.index - start, style or "")
                if event.anchor is not None:
                    problems.add(_problem("anchor", file, node.line, node.column, {"name": event.anchor},
                                             hint="anchor-hint"))
                if event.tag is not None and event.tag != "!":
                    problems.add(_problem("tag", file, node.line, node.column, {"tag": event.tag}))
                # The common case inline, for speed (about 5% of parsing; _attach does the rest): an item
                # of a list, a key, or a value under a waiting key that is not a duplicate.
                if stack:
                    parent = stack[-1]
                    if parent.kind == "seq":
                        parent.value.append(node)  # type: ignore[attr-defined]
                        continue
                    key = pending_key[-1]
                    if key is None:  # a key: the same few names thousands of times, kept once
                        node.value = intern(event.value)
                        pending_key[-1] = node
                        continue
                    mapping: dict[str, tuple[Node, Node]] = parent.value  # type: ignore[assignment]
                    if key.value not in mapping:
                        pending_key[-1] = None
                        mapping[key.value] = (key, node)  # type: ignore[index]
                        continue
            elif cls is map_start or cls is seq_start:
                mark = event.start_mark
                if mark.line != last_line:
                    last_line = mark.line
                    line_starts.append(mark.index - mark.column)
                    line_numbers.append(last_line + 1)
                node = Node("map" if cls is map_start else "seq", {} if cls is map_start else [],
                            lines, False, mark.index, 0, "flow" if event.flow_style else "block")
                if event.anchor is not None:
                    problems.add(_problem("anchor", file, node.line, node.column, {"name": event.anchor},
                                             hint="anchor-hint"))
                if event.tag is not None:
                    problems.add(_problem("tag", file, node.line, node.column, {"tag": event.tag}))
                if len(stack) >= MAX_DEPTH:
                    problems.add(_problem("too-deep", file, node.line, node.column, {"limit": MAX_DEPTH}))
                    raise _Stop
                if reader is not None:
                    types.append(reader.opened(pending_key[-1] if stack else None, stack, types))
                _attach(node, stack, pending_key, file, problems)
                stack.append(node)
                pending_key.append(None)
                continue
            elif cls is map_end or cls is seq_end:
                done = stack.pop()
                done.size = event.end_mark.index - done.start
                pending_key.pop()
                if reader is not None:
                    typ = types.pop()
                    if typ is not None:
                        reader.closed(done, typ, stack, types)
                if not stack:
                    root = done
                continue
            elif cls is alias_ev:
                mark = event.start_mark
                problems.add(_problem("alias", file, mark.line + 1, mark.column + 1, {"name": event.anchor},
                                         hint="anchor-hint"))
                node = Node("scalar", "", (mark.line + 1, mark.column + 1))
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problems.add(_problem("documents", file, mark.line + 1, mark.column + 1))
                    raise _Stop
                continue
            elif cls is _ev.StreamEndEvent:
                break
            else:
                continue
            # a scalar (or a refused alias)
            if stack:
                _attach(node, stack, pending_key, file, problems)
            else:
                root = node
    except (_Stop, TooManyProblems):
        return None
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml stops at 1,000 levels while scanning ahead of the events we
        # have seen; report it as too-deep at the level where MAX_DEPTH is passed.
        if "nesting depth" not in str(exc.problem):
            raise
        line, column = _too_deep_at(text, stack)
        problems.add(_problem("too-deep", file, line, column, {"limit": MAX_DEPTH}))
        return None
    return root


def _too_deep_at(text: str, stack: list[Node]) -> tuple[int, int]:
    """Where the collection opens that passes MAX_DEPTH, counting flow brackets after the innermost open node."""
    start = stack[-1].start if stack else 0
    depth = len(stack) - 1 if stack and text[start : start + 1] in ("[", "{") else len(stack)
    quote = ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)
        elif ch in "]}":
            depth -= 1
    return 1, 1


class _Stop(Exception):
    """Parsing stops early; the reason is already in the problems."""


def _attach(node: Node, stack: list[Node], pending_key: list[Node | None], file: str,
            problems: Problems) -> None:
    if not stack:
        return
    parent = stack[-1]
    if parent.kind == "seq":
        parent.value.append(node)  # type: ignore[attr-defined]
        return
    key = pending_key[-1]
    if key is None:
        if node.kind != "scalar":
            problems.add(_problem("complex-key", file, node.line, node.column))
            node = Node("scalar", f"<{node.kind}>", node.position)
        pending_key[-1] = node
        return
    pending_key[-1] = None
    mapping: dict[str, tuple[Node, Node]] = parent.value  # type: ignore[assignment]
    name = key.value
    assert isinstance(name, str)
    if name in mapping:
        first = mapping[name][0]
        problems.add(_problem("duplicate-key", file, key.line, key.column, {"key": name, "first": first.line}))
        return
    mapping[name] = (key, node)
