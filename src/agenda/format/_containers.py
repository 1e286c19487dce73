"""The containers of the format: lists, year maps, id maps, one-or-many and forward references.

Each reads a raw node into checked data, builds the model's value and dumps it back, as
every :class:`~agenda.format._scalars.Type` does; an object inside a year map gets the
year as one of its attributes (``key_attr``).  Objects themselves are in
:mod:`agenda.format._types`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agenda.format._scalars import _ID_TYPE, _MISSING, YEAR, Checked, Type, _Ctx, decimal_comma
from agenda.format._yaml import Node

__all__ = ["KeyMap", "Lazy", "OneOrMany", "Seq", "YearMap"]


class Seq(Type):
    """A list of values of one type; the model holds a tuple."""

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
            # "done": read already, while the text was parsed (agenda.format._stream)
            value = child.value if child.kind == "done" else read(child, ctx, item)
            if value is not _MISSING:
                out.append(value)
        return out

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.of.schema()}

    def build(self, data: Checked) -> Any:
        build = self.of.build
        return tuple(build(value) for value in data)

    def dump(self, value: Any) -> Any:
        return [self.of.dump(v) for v in value] or None


class YearMap(Type):
    """A mapping from years to values: ``{2023: …, 2024: …}``; keys may be quoted ("2023") as in JSON.

    With ``key_attr`` the model holds a tuple of objects, each with its year in that
    attribute (a :class:`OneOrMany` gives several objects per year); without it, a
    mapping from year to value.  Years come out in ascending order.
    """

    name = "t-map"
    example = "{2024: …}"

    def __init__(self, of: Type, *, key_attr: str | None = None) -> None:
        self.of = of
        self.key_attr = key_attr

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        if node.kind != "map":
            return self.wrong(node, ctx, item)
        out: dict[int, Checked] = {}
        first: dict[int, Node] = {}  # the key where each year was first written
        before: tuple[int | None, Node] | None = None
        for key_node, value_node in node.value.values():  # type: ignore[attr-defined]
            if before is not None and len(str(key_node.value)) < 4 and decimal_comma(
                    node, before[1], str(key_node.value), value_node):
                # {2023: 7,4}: YAML reads "2023: 7" and a key "4"; one error, and 2023 not read as 7
                number = f"{before[1].value},{key_node.value}"
                ctx.error(key_node, item, "decimal-comma", "decimal-comma-hint", key=key_node.value, number=number,
                          dotted=number.replace(",", "."))
                if before[0] is not None:
                    out.pop(before[0], None)
                before = None
                continue
            # A key is read as if unquoted: "2023" is the year 2023, as in JSON.
            year: Checked = YEAR.quick(key_node.value)
            if year is None:
                year = YEAR.read(Node("scalar", key_node.value, key_node.position, True), ctx, item)
            value = self.of.read(value_node, ctx, item)
            if year is not _MISSING and year in first:  # "2023" and 2023 both written
                ctx.error(key_node, item, "duplicate-year", "duplicate-year-hint", year=year, first=first[year].line)
                continue
            if year is not _MISSING:
                first[year] = key_node
            if year is not _MISSING and value is not _MISSING:
                out[year] = value
            before = (year if isinstance(year, int) else None, value_node)
        return out

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": "^[0-9]{4}$"}, "additionalProperties": self.of.schema()}

    def build(self, data: Checked) -> Any:
        years = sorted(data)
        if self.key_attr is None:
            return {year: self.of.build(data[year]) for year in years}
        extra = self.key_attr
        out = []
        for year in years:
            if isinstance(self.of, OneOrMany):
                out += [self.of.of.build_in(value, {extra: year}) for value in data[year]]
            else:
                out.append(self.of.build_in(data[year], {extra: year}))
        return tuple(out)

    def dump(self, value: Any) -> Any:
        if self.key_attr is None:
            return {str(year): self.of.dump(v) for year, v in sorted(value.items())} or None
        grouped: dict[int, list[Any]] = {}
        for obj in value:
            grouped.setdefault(getattr(obj, self.key_attr), []).append(obj)
        of = self.of.of if isinstance(self.of, OneOrMany) else self.of
        omit = frozenset({self.key_attr})
        out = {}
        for year, objs in sorted(grouped.items()):
            dumped = [of.dump_in(o, omit) for o in objs]
            many = isinstance(self.of, OneOrMany) and (self.of.list_always or len(dumped) > 1)
            out[str(year)] = dumped if many else dumped[0]
        return out or None


class KeyMap(Type):
    """A mapping from ids to values of one type; exported sorted by id (its order carries no meaning)."""

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

    def build(self, data: Checked) -> Any:
        return {key: self.of.build(value) for key, value in data.items()}

    def dump(self, value: Any) -> Any:
        return {key: self.of.dump(value[key]) for key in sorted(value)} or None


class OneOrMany(Type):
    """One value, or a list of them (several published figures for one year).

    The export writes a list always, or with ``list_always=False`` a single value as itself.
    """

    def __init__(self, of: Type, *, list_always: bool = True) -> None:
        self.of = of
        self.list_always = list_always
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

    def build(self, data: Checked) -> Any:
        return tuple(self.of.build(v) for v in data)

    def dump(self, value: Any) -> Any:
        return [self.of.dump(v) for v in value]


class Lazy(Type):
    """A type defined later (for recursive budget lines)."""

    def __init__(self, get: Callable[[], Type], ref: str) -> None:
        self.get, self.ref = get, ref

    def read(self, node: Node, ctx: _Ctx, item: str | None) -> Checked:
        return self.get().read(node, ctx, item)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/definitions/{self.ref}"}

    def build(self, data: Checked) -> Any:
        return self.get().build(data)

    def dump(self, value: Any) -> Any:
        return self.get().dump(value)
