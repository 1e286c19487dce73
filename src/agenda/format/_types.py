"""The type classes of the format: how each kind of value is read, the YAML 1.2 way.

Scalars are typed by what the key expects, the way YAML 1.2 reads them; those
types live in :mod:`agenda.format._scalars` and are re-exported here.  This module adds
the containers: lists, year maps, id maps and objects (with "did you mean").
Each :class:`Type` reads a raw :class:`~agenda.format._yaml.Node` into *checked raw
data* and reports what is wrong; :mod:`agenda.format.spec` puts them together into
the format, :data:`agenda.format.spec.AGENDA`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any

import attrs

# The scalar types and the base machinery; re-exported under their old names.
from agenda.format._scalars import (
    _ID_TYPE,
    YEAR,
    Bool,
    Checked,
    Colour,
    Date,
    Enum,
    Id,
    Int,
    Number,
    TargetText,
    Text,
    Type,
    parse_target,
)
from agenda.format._scalars import _MISSING as _MISSING
from agenda.format._scalars import _T as _T
from agenda.format._scalars import _Ctx as _Ctx
from agenda.format._yaml import Node
from agenda.model import Location

__all__ = [
    "YEAR", "Bool", "Checked", "Colour", "Date", "Enum", "Field", "Id", "Int", "KeyMap", "Lazy", "Number", "Obj",
    "OneOrMany", "Seq", "TargetText", "Text", "Type", "YearMap", "parse_target",
]


class Seq(Type):
    """A list of values of one type."""

    name = "t-list"

    def __init__(self, of: Type) -> None:
        self.of = of
        self.example = f"[{of.example}]"

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "seq":
            return self.wrong(node, ctx, item)
        out = []
        read = self.of.read
        for child in node.value:  # type: ignore[attr-defined]
            value = read(child, ctx, item)
            if value is not _MISSING:
                out.append(value)
        return out

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.of.schema()}


class YearMap(Type):
    """A mapping from years to values: ``{2023: …, 2024: …}``; keys may be quoted ("2023") as in JSON."""

    name = "t-map"
    example = "{2024: …}"

    def __init__(self, of: Type) -> None:
        self.of = of

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "map":
            return self.wrong(node, ctx, item)
        out: dict[int, Checked] = {}
        first: dict[int, int] = {}
        for key_node, value_node in node.value.values():  # type: ignore[attr-defined]
            # A key is read as if unquoted: "2023" is the year 2023, as in JSON.
            year: Checked = YEAR.quick(key_node.value)
            if year is None:
                year = YEAR.read(Node("scalar", key_node.value, key_node.line, key_node.column, True), ctx, item)
            value = self.of.read(value_node, ctx, item)
            if year is not _MISSING and year in first:  # "2023" and 2023 both written
                ctx.error(key_node, item, "duplicate-year", "duplicate-year-hint", year=year, first=first[year])
                continue
            if year is not _MISSING:
                first[year] = key_node.line
            if year is not _MISSING and value is not _MISSING:
                out[year] = value
        return out

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": "^[0-9]{4}$"}, "additionalProperties": self.of.schema()}


class KeyMap(Type):
    """A mapping from ids to values of one type."""

    name = "t-map"
    example = "{id: …}"

    def __init__(self, of: Type) -> None:
        self.of = of

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "map":
            return self.wrong(node, ctx, item)
        out: dict[str, Checked] = {}
        for key_node, value_node in node.value.values():  # type: ignore[attr-defined]
            key = _ID_TYPE.read(key_node, ctx, item)
            value = self.of.read(value_node, ctx, item)
            if key is not _MISSING and value is not _MISSING:
                out[key] = value
        return out

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": _ID_TYPE.schema(), "additionalProperties": self.of.schema()}


@attrs.frozen
class Field:
    """One key of an object: its type, whether it is required, and what it means (for the schema)."""

    type: Type
    required: bool = False
    doc: str = ""


class Obj(Type):
    """A mapping with known keys.  Unknown keys are refused with a "did you mean"."""

    name = "t-map"

    def __init__(self, title: str, fields: Mapping[str, Field], *, item_key: str | None = "id",
                 shorthand: tuple[Type, str] | None = None, doc: str = "") -> None:
        self.title = title
        self.fields = fields
        self.item_key = item_key
        #: (type, key): a scalar of that type stands for ``{key: scalar}``
        self.shorthand = shorthand
        self.doc = doc
        required = [f"{k}: {f.type.example}" for k, f in fields.items() if f.required]
        self.example = "{" + (", ".join(required) if required else "…") + "}"
        # Worked out once: the reader of each key, and the required keys (in field order).
        self._readers = {k: f.type.read for k, f in fields.items()}
        self._required = tuple(k for k, f in fields.items() if f.required)
        self._required_set = frozenset(self._required)

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
        out: dict[str, Checked] = {"@": Location(ctx.file, node.line, node.column)}
        readers = self._readers
        for key, (key_node, value_node) in mapping.items():
            read = readers.get(key)
            if read is None:
                self._unknown(key, key_node, ctx, item)
                continue
            value = read(value_node, ctx, item)
            if value is not _MISSING:
                out[key] = value
        if not mapping.keys() >= self._required_set:
            for key in self._required:
                if key not in mapping:
                    ctx.error(node, item, "missing-key", "missing-key-hint", key=key,
                              example=self.fields[key].type.example)
        return out

    def _unknown(self, key: str, key_node: Node, ctx: _Ctx, item: str | None) -> None:
        close = difflib.get_close_matches(key, list(self.fields), n=1, cutoff=0.6)
        if not close:  # Dutch synonyms people reach for
            close = [v for k, v in _SYNONYMS.items() if k == key.lower() and v in self.fields][:1]
        if close:
            ctx.error(key_node, item, "unknown-key", "unknown-key-hint-match", key=key, match=close[0])
        else:
            ctx.error(key_node, item, "unknown-key", "unknown-key-hint", key=key, allowed=", ".join(self.fields))

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


class OneOrMany(Type):
    """One value, or a list of them (several published figures for one year)."""

    def __init__(self, of: Type) -> None:
        self.of = of
        self.name = of.name
        self.example = of.example
        self._many = Seq(of)

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind == "seq":
            return self._many.read(node, ctx, item)
        value = self.of.read(node, ctx, item)
        return _MISSING if value is _MISSING else [value]

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [self.of.schema(), {"type": "array", "items": self.of.schema(), "minItems": 1}]}


class Lazy(Type):
    """A type defined later (for recursive budget lines)."""

    def __init__(self, get: Callable[[], Type], ref: str) -> None:
        self.get, self.ref = get, ref

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        return self.get().read(node, ctx, item)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/definitions/{self.ref}"}


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
