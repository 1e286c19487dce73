"""The containers of the format, and how one description gives reading, building, export and the schema.

Scalars are typed by what the key expects, the way YAML 1.2 reads them; those
types live in :mod:`agenda.format._scalars` and are re-exported here.  This module
adds the containers — lists, year maps, id maps and objects (with "did you mean") —
and the two things that make :mod:`agenda.format.spec` the one description of the
format:

* a :class:`Field` says which model attribute its key fills (``attr``), what its
  value refers to (``ref``) and whether the export always writes it (``always``);
* every :class:`Type` can ``read`` a raw node into *checked data*, ``build`` checked
  data into the model's value, ``dump`` the model's value back into export data,
  and give its JSON ``schema``; objects also ``walk`` checked data (for the checks
  across items) and find ``items`` in a raw tree (for the editor).

So adding an optional key to an item is one :class:`Field` in the spec (and the
attribute on the model class it fills).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from agenda.errors import TooManyProblems

# The scalar types and the base machinery; re-exported for the spec.
from agenda.format._containers import KeyMap, Lazy, OneOrMany, Seq, YearMap
from agenda.format._scalars import _MISSING as _MISSING
from agenda.format._scalars import _T as _T
from agenda.format._scalars import (
    YEAR,
    Bool,
    Checked,
    Colour,
    Date,
    Enum,
    Id,
    Int,
    Number,
    Text,
    Type,
    decimal_comma,
)
from agenda.format._scalars import _Ctx as _Ctx
from agenda.format._targets import TargetText, parse_target, to_target
from agenda.format._yaml import Node
from agenda.model import Location

__all__ = [
    "YEAR", "Bool", "Checked", "Colour", "Date", "Enum", "Field", "Id", "Int", "KeyMap", "Lazy", "Number", "Obj",
    "OneOrMany", "Ref", "Scopes", "Seq", "TargetText", "Text", "Type", "YearMap", "parse_target", "to_target",
]

#: The ids of the items around a place in the plan, by level: ``{"theme": "jeugd", "goal": "minder-overlast"}``.
Scopes = Mapping[str, str]


def _unpack(value: Checked, depth: int) -> list[Checked]:
    # What ``depth`` containers (lists, or maps by year or id) hold, in order.
    items = [value]
    for _ in range(depth):
        items = [c for v in items for c in (v if isinstance(v, list) else v.values() if isinstance(v, dict) else ())]
    return items


def _node_items(typ: Type, node: Node, path: tuple[str | int, ...]) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    # Every identified item in a raw tree: (id, path of keys and indexes, level).
    if isinstance(typ, Obj):
        yield from typ.items(node, path)
    elif isinstance(typ, Seq) and node.kind == "seq":
        children: list[Node] = node.value  # type: ignore[assignment]
        for i, child in enumerate(children):
            yield from _node_items(typ.of, child, (*path, i))
    elif isinstance(typ, Lazy):
        yield from _node_items(typ.get(), node, path)


_NO_DEFAULT = object()


@attrs.frozen
class Ref:
    """What the value of a key names: ids of items of ``levels`` (``"theme"``, ``"goal"`` …).

    ``word`` is the message key that names them in a problem; with ``scope`` only the
    ids inside the enclosing item of that level count (a pillar of *this* theme).
    """

    levels: tuple[str, ...]
    word: str
    scope: str | None = None


@attrs.frozen
class Field:
    """One key of an object: its type, whether it is required, what it means, and where it goes in the model.

    ``attr`` is the model attribute the key fills: by default the key itself; a dotted
    name fills a part of the model object (``"config.language"``); a mapping spreads
    the keys of a nested object over several attributes (``{"by": "adopted_by"}``);
    ``""`` keeps the key out of the model (``$schema``).  ``ref`` says which ids the
    value names (checked across the plan).  ``always`` makes the export write the
    value even when it is the model's default; ``dump`` replaces the export of the
    value with a function of the whole model object.  ``default`` is what the model
    gets when the key is absent, for an attribute the model class does not default.
    """

    type: Type
    required: bool = False
    doc: str = ""
    attr: str | Mapping[str, str] | None = None
    ref: Ref | None = None
    always: bool = False
    dump: Callable[[Any], Any] | None = None
    default: Any = attrs.field(default=_NO_DEFAULT, eq=False)


def _default(cls: type, attr: str) -> Any:
    field = attrs.fields_dict(cls).get(attr)
    if field is None or field.default is attrs.NOTHING:
        return attrs.NOTHING
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs types Factory as a function
        return default.factory()
    return default


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, tuple | list | dict) and not value)


class Obj(Type):
    """A mapping with known keys, read into checked data and built into an object of ``model``.

    Unknown keys are refused with a "did you mean"; a misspelled key that matches a
    missing one is read under the key it matches, so one typo gives one error and the
    item's contents are still checked.  ``level`` names the kind of item whose ``id``
    (the key ``item_key``) is known across the plan; ``parts`` are model classes that
    dotted attributes fill (``{"config": Config}``).  Without ``model`` the object
    builds into a plain ``dict``.
    """

    name = "t-map"

    def __init__(self, title: str, fields: Mapping[str, Field], *, model: type | None = None,
                 level: str | None = None, item_key: str | None = "id",
                 shorthand: tuple[Type, str] | None = None, doc: str = "",
                 parts: Mapping[str, type] | None = None) -> None:
        self.title = title
        self.fields = fields
        self.model = model
        self.level = level
        self.item_key = item_key
        #: (type, key): a scalar of that type stands for ``{key: scalar}``
        self.shorthand = shorthand
        self.doc = doc
        self.parts = parts or {}
        required = [f"{k}: {f.type.example}" for k, f in fields.items() if f.required]
        self.example = "{" + (", ".join(required) if required else "…") + "}"
        # Worked out once: the reader of each key, and the required keys (in field order).
        self._readers = {k: f.type.read for k, f in fields.items()}
        # For building: the keys with a default for the model, and whether the model keeps its location.
        self._defaults = tuple((k, f.default) for k, f in fields.items()
                               if f.default is not _NO_DEFAULT and isinstance(f.attr, str | None))
        self._located = model is not None and "location" in attrs.fields_dict(model)
        self._required = tuple(k for k, f in fields.items() if f.required)
        self._required_set = frozenset(self._required)

    # -- reading

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "map":
            if self.shorthand is not None and node.kind == "scalar":
                typ, key = self.shorthand
                value = typ.read(node, ctx, item)
                return _MISSING if value is _MISSING else {key: value, "@": ctx.loc(node)}
            return self.wrong(node, ctx, item)
        mapping: dict[str, tuple[Node, Node]] = node.value  # type: ignore[assignment]
        if self.item_key and self.item_key in mapping:
            id_node = mapping[self.item_key][1]
            if id_node.kind == "scalar" and isinstance(id_node.value, str) and id_node.value:
                item = id_node.value
        out: dict[str, Checked] = {"@": Location(ctx.file, *node.position)}
        readers = self._readers
        meant: set[str] = set()  # keys written misspelled: not "missing" as well
        previous: tuple[str, Node] | None = None
        for key, (key_node, value_node) in mapping.items():
            read = readers.get(key)
            before, previous = previous, (key, value_node)
            if read is None and before is not None and decimal_comma(node, before[1], key, value_node):
                # {factor: 0,1}: YAML reads "factor: 0" and a key "1"; one error, the earlier key not read
                number = f"{before[1].value},{key}"
                ctx.error(key_node, item, "decimal-comma", "decimal-comma-hint", key=key, number=number,
                          dotted=number.replace(",", "."))
                out.pop(before[0], None)
                meant.add(before[0])
                continue
            if read is not None:
                value = read(value_node, ctx, item)
                if value is not _MISSING:
                    out[key] = value
                continue
            match = self._unknown(key, key_node, mapping, ctx, item)
            if match is not None and match not in meant:
                meant.add(match)
                value = self._recover(match, value_node, ctx, item)
                if value is not _MISSING:
                    out[match] = value
        if not out.keys() >= self._required_set:
            for key in self._required:
                if key not in out and key not in mapping and key not in meant:
                    ctx.error(node, item, "missing-key", "missing-key-hint", key=key,
                              example=self.fields[key].type.example)
        if ctx.consume:
            mapping.clear()
        return out

    def _recover(self, key: str, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        """The value of a misspelled key read as ``key``: kept, with its own problems, when it has the right
        shape; dropped silently when it has not (the unknown key is already the one error of the typo)."""
        trial = _Ctx(ctx.file)
        try:
            value = self._readers[key](node, trial, item)
        except TooManyProblems:
            return _MISSING
        here = [p for p in trial.problems if p.code == "expected" and p.location is not None
                and (p.location.line, p.location.column) == node.position]
        if here or value is _MISSING:
            return _MISSING
        ctx.problems.extend(trial.problems)
        return value

    def _unknown(self, key: str, key_node: Node, mapping: Mapping[str, object], ctx: _Ctx,
                 item: str | None) -> str | None:
        """Report an unknown key; the key it stands for when that one is not written itself."""
        import difflib  # only for a misspelling: not at every start

        close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
        if not close:  # Dutch synonyms people reach for
            close = [v for k, v in _SYNONYMS.items() if k == key.lower() and v in self.fields][:1]
        if close:
            ctx.error(key_node, item, "unknown-key", "unknown-key-hint-match", key=key, match=close[0])
            return close[0] if close[0] not in mapping else None
        ctx.error(key_node, item, "unknown-key", "unknown-key-hint", key=key, allowed=", ".join(self.fields))
        return None

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "title": self.title,
            "additionalProperties": False,
            "properties": {k: {**f.type.schema(), **({"description": f.doc} if f.doc else {})}
                           for k, f in self.fields.items()},
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.doc:
            out["description"] = self.doc
        if self.shorthand is not None:
            return {"anyOf": [self.shorthand[0].schema(), out]}
        return out

    # -- building and export

    def build_in(self, data: Checked, extra: Mapping[str, Any]) -> Any:
        return self.build(data, extra)

    def dump_in(self, value: Any, omit: frozenset[str]) -> Any:
        return self.dump(value, omit)

    def build(self, data: Checked, extra: Mapping[str, Any] | None = None) -> Any:
        if self.model is None:
            return {k: f.type.build(data[k]) for k, f in self.fields.items() if k in data}
        kwargs: dict[str, Any] = dict(extra or {})
        parts: dict[str, dict[str, Any]] = {}

        def put(attr: str, value: Any) -> None:
            part, dot, name = attr.partition(".")
            if dot:
                parts.setdefault(part, {})[name] = value
            else:
                kwargs[attr] = value

        fields = self.fields
        for key, value in data.items():
            field = fields.get(key)
            if field is None or field.attr == "":
                continue  # "@", or a key the model does not hold
            built = field.type.build(value)
            attr = field.attr
            if attr is None:
                kwargs[key] = built
            elif isinstance(attr, str):
                put(attr, built)
            else:
                for sub, target in attr.items():
                    if sub in built:
                        put(target, built[sub])
        for key, default in self._defaults:
            if key not in data:
                put(fields[key].attr or key, default)  # type: ignore[arg-type]
        for part, cls in self.parts.items():
            kwargs[part] = cls(**parts.get(part, {}))
        if "@" in data and self._located:
            kwargs["location"] = data["@"]
        return self.model(**kwargs)

    def dump(self, value: Any, omit: frozenset[str] = frozenset()) -> Any:
        if self.model is None:  # a plain object: the dict it was built into
            dumped = {k: f.type.dump(value[k]) for k, f in self.fields.items() if k in value and value[k] is not None}
            return {k: v for k, v in dumped.items() if v is not None}
        out: dict[str, Any] = {}
        for key, field in self.fields.items():
            if field.attr == "" or key in omit:
                continue
            if field.dump is not None:
                got = field.dump(value)
                if got is not None:
                    out[key] = got
                continue
            if isinstance(field.attr, Mapping):
                sub = {s: self._get(value, a) for s, a in field.attr.items()}
                if not field.always:  # leave out what is the model's default, and the whole key when nothing is left
                    sub = {s: v for s, v in sub.items() if v != self._default(field.attr[s])}
                sub = {s: v for s, v in sub.items() if not _empty(v)}
                if sub:
                    out[key] = field.type.dump(sub)
                continue
            attr = field.attr or key
            got = self._get(value, attr)
            if _empty(got):
                if field.always and got is not None:  # an empty list that carries meaning ("no themes yet")
                    out[key] = [] if isinstance(got, tuple | list) else {}
                continue
            if not (field.always or field.required) and got == self._default(attr):
                continue
            dumped = field.type.dump(got)
            if dumped is not None:
                out[key] = dumped
        return out

    def _get(self, value: Any, attr: str) -> Any:
        for name in attr.split("."):
            value = getattr(value, name)
        return value

    def _default(self, attr: str) -> Any:
        part, dot, name = attr.partition(".")
        if dot:
            return _default(self.parts[part], name)
        assert self.model is not None
        return _default(self.model, attr)

    # -- walking

    def walk(self, data: dict[str, Any], scopes: Scopes) -> Iterator[tuple[Obj, dict[str, Any], Scopes]]:
        """This object and every object inside it, each with the ids of the items around it (file order).

        Walked with a stack, not recursion: a plan of many items has many objects.
        """
        stack: list[tuple[Obj, dict[str, Any], Scopes]] = [(self, data, scopes)]
        while stack:
            obj, d, sc = stack.pop()
            if obj.level is not None:
                ident = d.get(obj.item_key or "")
                if isinstance(ident, str):
                    sc = {**sc, obj.level: ident}
            yield obj, d, sc
            children: list[tuple[Obj, dict[str, Any], Scopes]] = []
            for key, (inner, depth) in obj._nested().items():
                value = d.get(key)
                if value is not None:
                    children += [(inner, c, sc) for c in _unpack(value, depth) if isinstance(c, dict)]
            stack += reversed(children)

    def _nested(self) -> dict[str, tuple[Obj, int]]:
        # key -> (the object its value holds, how many containers deep): worked out once.
        found = self.__dict__.get("_nested_cache")
        if found is None:
            found = {}
            for key, field in self.fields.items():
                typ, depth = field.type, 0
                while True:
                    if isinstance(typ, Lazy):
                        typ = typ.get()
                    elif isinstance(typ, Seq | OneOrMany | YearMap | KeyMap):
                        typ, depth = typ.of, depth + 1
                    else:
                        break
                if isinstance(typ, Obj):
                    found[key] = (typ, depth)
            self.__dict__["_nested_cache"] = found
        return found

    def items(self, node: Node, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
        """Every identified item in the raw tree ``node`` of this object: ``(id, path, level)``."""
        if node.kind != "map":
            return
        mapping: dict[str, tuple[Node, Node]] = node.value  # type: ignore[assignment]
        if self.level is not None and self.item_key in mapping:
            ident = mapping[self.item_key][1]
            if ident.kind == "scalar":
                yield str(ident.value), path, self.level
        for key, field in self.fields.items():
            if key in mapping:
                yield from _node_items(field.type, mapping[key][1], (*path, key))


_SYNONYMS = {
    "naam": "name", "titel": "title", "doelen": "goals", "doelstellingen": "goals", "acties": "actions",
    "inspanningen": "actions", "maatregelen": "actions", "themas": "themes", "thema's": "themes",
    "pijlers": "pillars", "trekker": "owner", "eigenaar": "owner", "partner": "partners", "resultaat": "result",
    "begroting": "budget", "bedrag": "amount", "eenheid": "unit", "bron": "source", "nulmeting": "baseline",
    "doel": "targets", "streefwaarde": "targets", "realisatie": "values", "ambitie": "ambition",
    "beschrijving": "description", "toelichting": "note", "opmerking": "note", "afhankelijk": "needs",
    "depends_on": "needs", "depends": "needs", "requires": "needs", "soort": "kind", "jaar": "year",
    "waarde": "value", "capaciteit": "capacity", "maximum": "capacity", "verslagjaren": "reporting_years",
    "gemeente_naam": "gemeente", "vastgesteld": "adopted", "periode": "period", "taal": "language",
    "indicatoren": "indicators", "better_is": "better", "direction": "better", "actual": "values",
    "realisaties": "values", "target": "targets", "planning": "start",
}
