"""Reading items while the text is parsed, so that a big plan's tree of raw nodes is never whole.

The tree of located nodes is about 17 times the size of the file, and the checked data read
from it far less.  Parsed first and read after, the whole tree is alive at once; read here,
each item of a list (an action, a goal, a theme, an indicator, one of its values …) is read
against its :class:`~agenda.format._types.Obj` the moment its last line has been parsed, and
its node becomes a ``"done"`` node that holds only what was read.  :meth:`Seq.read
<agenda.format._containers.Seq.read>` takes that instead of reading again.  What is alive at
once is then the checked data and the items still open around the parser.

It reads exactly what the reading after parsing would, in the same context (the id of the
item around it, for the problems), so the outcome is the same:

* the type of each collection follows the spec from the root, as the readers go: the value
  of a known key of an object, the value in a map by year or by id, the item of a list.
  Under an unknown key (a typo, read later by its "did you mean") nothing is known and
  nothing is read early;
* an item is read early only when the id of every object around it that has one is already
  known; written after the item, as in ``{actions: […], id: x}``, it is not, and the item is
  read after parsing as before.

Problems go to the one collector in the usual way; the loader sorts them at the end.  When
there are more than it keeps (:class:`~agenda.errors.TooManyProblems`), which ones are kept
depends on the order of reading, so the reader gives up (:class:`Abandoned`) and the loader
reads the plan again the usual way.
"""

from __future__ import annotations

from agenda.errors import TooManyProblems
from agenda.format._containers import KeyMap, Lazy, OneOrMany, Seq, YearMap
from agenda.format._scalars import _Ctx
from agenda.format._types import Obj
from agenda.format._yaml import Node

__all__ = ["Abandoned", "Stream"]

_UNKNOWN = object()


class Abandoned(Exception):
    """More problems than are kept: read the plan again after parsing, so that the same ones are kept."""


def _unwrap(typ: object) -> object:
    while isinstance(typ, Lazy):
        typ = typ.get()
    return typ


class Stream:
    """A :class:`agenda.format._yaml.Reader` that reads each item of a list against ``root``'s spec as it ends."""

    def __init__(self, root: Obj, ctx: _Ctx) -> None:
        self.root = root
        self.ctx = ctx

    def opened(self, key: Node | None, stack: list[Node], types: list[object]) -> object:
        if not stack:
            return self.root
        parent, typ = stack[-1], types[-1]
        if typ is None:
            return None
        if parent.kind == "seq":
            return _unwrap(typ.of) if isinstance(typ, Seq | OneOrMany) else None
        if key is None:  # a collection written as a key: refused by the parser
            return None
        if isinstance(typ, Obj):
            field = typ.fields.get(key.value)  # type: ignore[call-overload]
            return None if field is None else _unwrap(field.type)
        if isinstance(typ, YearMap | KeyMap):
            return _unwrap(typ.of)
        return None

    def closed(self, node: Node, typ: object, stack: list[Node], types: list[object]) -> None:
        # An object that is an item of a list (its type came from the list's Seq or OneOrMany: see opened)
        if not (stack and node.kind == "map" and isinstance(typ, Obj) and stack[-1].kind == "seq"):
            return
        item = self._item(stack, types)
        if item is _UNKNOWN:
            return
        try:
            value = typ.read(node, self.ctx, item)  # type: ignore[arg-type]
        except TooManyProblems:
            raise Abandoned from None
        node.kind, node.value = "done", value

    @staticmethod
    def _item(stack: list[Node], types: list[object]) -> object:
        # The item Seq.read would be given: the id of the nearest object around that has one.
        for node, typ in zip(reversed(stack), reversed(types), strict=True):
            if node.kind != "map" or not isinstance(typ, Obj) or not typ.item_key:
                continue
            entry = node.value.get(typ.item_key)  # type: ignore[attr-defined]
            if entry is None:
                return _UNKNOWN  # the id may still come, later in the object
            ident = entry[1]
            if ident.kind == "scalar" and isinstance(ident.value, str) and ident.value:
                return ident.value
        return None
