"""The shipped JSON Schema, the loader's format description and the model agree with each other."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import agenda
from agenda import model
from agenda.format import _types
from agenda.format import spec as _schema
from agenda.format.export import to_data, to_json
from agenda.format.schema import json_schema

from .conftest import DEVENTER, MINIMAL
from .property.plans import plan_json, plans


def _shipped() -> dict[str, Any]:
    text = resources.files("agenda.format").joinpath("agenda.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(_shipped())


def _format_paths(typ: _types.Type, prefix: str, out: set[str], seen: set[int]) -> None:
    """Every key path the loader accepts, walking the format description."""
    if isinstance(typ, _types.Lazy):
        if id(typ) in seen:
            return
        seen.add(id(typ))
        _format_paths(typ.get(), prefix, out, seen)
    elif isinstance(typ, _types.Obj):
        for key, field in typ.fields.items():
            out.add(prefix + key)
            _format_paths(field.type, prefix + key + ".", out, seen)
    elif isinstance(typ, _types.OneOrMany):  # one value, or a list of them
        _format_paths(typ.of, prefix, out, seen)
        _format_paths(typ.of, prefix + "[].", out, seen)
    elif isinstance(typ, _types.Seq):
        _format_paths(typ.of, prefix + "[].", out, seen)
    elif isinstance(typ, (_types.YearMap, _types.KeyMap)):
        _format_paths(typ.of, prefix + "*.", out, seen)


def _schema_paths(node: dict[str, Any], prefix: str, out: set[str], root: dict[str, Any], seen: set[str]) -> None:
    """Every key path the JSON Schema describes."""
    if "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            return
        seen.add(ref)
        _schema_paths(root["definitions"][ref.rsplit("/", 1)[1]], prefix, out, root, seen)
    for alternative in node.get("anyOf", ()):
        if alternative.get("type") == "array":
            _schema_paths(alternative["items"], prefix + "[].", out, root, seen)
        else:
            _schema_paths(alternative, prefix, out, root, seen)
    for key, sub in node.get("properties", {}).items():
        out.add(prefix + key)
        _schema_paths(sub, prefix + key + ".", out, root, seen)
    if node.get("type") == "array" and "items" in node:
        _schema_paths(node["items"], prefix + "[].", out, root, seen)
    if isinstance(node.get("additionalProperties"), dict):
        _schema_paths(node["additionalProperties"], prefix + "*.", out, root, seen)


class TestShippedSchema:
    """The schema in the package is the generated one, and a valid draft-07 schema."""

    def test_shipped_equals_generated(self) -> None:
        """src/agenda/format/agenda.schema.json equals json_schema(); regenerate with `agenda schema -o …`."""
        assert _shipped() == json_schema()

    def test_valid_draft7(self) -> None:
        """The schema itself is valid draft-07."""
        jsonschema.Draft7Validator.check_schema(_shipped())
        assert _shipped()["$schema"] == "http://json-schema.org/draft-07/schema#"

    def test_same_keys_as_loader(self) -> None:
        """Every key the loader accepts is in the schema, and every key in the schema is accepted."""
        from_format: set[str] = set()
        from_schema: set[str] = set()
        _format_paths(_schema.AGENDA, "", from_format, set())
        _schema_paths(_shipped(), "", from_schema, _shipped(), set())
        assert from_format == from_schema
        assert "themes.[].goals.[].actions.[].budget.[].items.[].amount" in from_format

    def test_deventer_names_the_schema(self) -> None:
        """agenda.yaml's first line names the shipped schema for editors."""
        if not DEVENTER.exists():
            pytest.skip("agenda.yaml not written yet")
        first = DEVENTER.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=src/agenda/format/agenda.schema.json"


class TestPlansAgainstSchema:
    """Valid plans and the JSON export validate against the schema."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans())
    def test_generated_plans_validate(self, plan: dict[str, Any]) -> None:
        """A generated valid plan, as JSON, is valid under the schema."""
        instance = json.loads(plan_json(plan))
        errors = [e.message for e in _validator().iter_errors(instance)]
        assert errors == []

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(plans())
    def test_export_validates(self, plan: dict[str, Any]) -> None:
        """The JSON export of a generated plan is valid under the schema."""
        loaded = agenda.loads(plan_json(plan))
        errors = [e.message for e in _validator().iter_errors(json.loads(to_json(loaded)))]
        assert errors == []

    def test_minimal_export_validates(self) -> None:
        """The export of the minimal plan is valid under the schema."""
        _validator().validate(json.loads(to_json(agenda.loads(MINIMAL))))

    def test_deventer_export_validates(self) -> None:
        """The export of Deventer's plan is valid under the schema."""
        if not DEVENTER.exists():
            pytest.skip("agenda.yaml not written yet")
        _validator().validate(json.loads(to_json(agenda.load(DEVENTER))))

    def test_schema_refuses_what_loader_refuses(self) -> None:
        """An unknown key and a bad id fail under the schema as they fail in the loader."""
        data = to_data(agenda.loads(MINIMAL))
        bad = json.loads(json.dumps({**data, "extra": 1}, default=float))
        assert list(_validator().iter_errors(bad))
        bad = json.loads(json.dumps(data, default=float))
        bad["themes"][0]["id"] = "Jeugd Thema"
        assert list(_validator().iter_errors(bad))


# --------------------------------------------------------------------------- model <-> format

_AGENDA_OBJ = _schema.AGENDA
_F = _AGENDA_OBJ.fields


def _obj(typ: _types.Type) -> _types.Obj:
    """The object description inside a list, a year map, a one-or-many or a lazy reference."""
    while not isinstance(typ, _types.Obj):
        typ = typ.get() if isinstance(typ, _types.Lazy) else typ.of  # type: ignore[attr-defined]
    return typ


def _objects(typ: _types.Type, found: dict[int, _types.Obj]) -> dict[int, _types.Obj]:
    """Every object description in the format, each once."""
    if isinstance(typ, _types.Lazy):
        typ = typ.get()
    if isinstance(typ, _types.Obj):
        if id(typ) in found:
            return found
        found[id(typ)] = typ
        for field in typ.fields.values():
            _objects(field.type, found)
    elif isinstance(typ, (_types.Seq, _types.OneOrMany, _types.YearMap, _types.KeyMap)):
        _objects(typ.of, found)
    return found


_MODELLED = [o for o in _objects(_AGENDA_OBJ, {}).values() if o.model is not None]

# Model fields no key of the object fills, each with its reason.
_MODEL_ONLY = {
    "location",  # where the item was written: metadata
    "file", "_index", "_themes_by_item", "_memo",  # the plan's file, lookup tables, facts derived once
}
_KEY_OF_MAP = {"year"}  # the key of the year map the object sits in (status, values, targets, turns, breaks)


def _filled(obj: _types.Obj) -> dict[str, set[str]]:
    """Model attribute paths each key of ``obj`` fills: ``{"adopted": {"adopted_by", "adopted_on"}, …}``."""
    out: dict[str, set[str]] = {}
    for key, field in obj.fields.items():
        if field.attr == "":
            continue
        attr = field.attr
        out[key] = set(attr.values()) if isinstance(attr, dict) else {attr or key}
    return out


class TestModelAndFormat:
    """Every model field is filled by a key of the format, and every key of the format fills a model field."""

    @pytest.mark.parametrize("obj", _MODELLED, ids=[f"{o.title}" for o in _MODELLED])
    def test_fields_match_keys(self, obj: _types.Obj) -> None:
        """The attributes the keys fill are exactly the model class's fields (with its parts), apart from metadata."""
        assert obj.model is not None
        filled = {a for attrs_ in _filled(obj).values() for a in attrs_}
        for path in filled:
            head, dot, name = path.partition(".")
            cls = obj.parts[head] if dot else obj.model
            assert (name if dot else head) in attrs.fields_dict(cls), f"{obj.title}: {path} is not on the model"
        own = {f.name for f in attrs.fields(obj.model)} - _MODEL_ONLY - set(obj.parts)
        key_of_map = own & _KEY_OF_MAP - {p for p in filled if "." not in p}
        assert {p for p in filled if "." not in p} == own - key_of_map, obj.title
        for part, cls in obj.parts.items():
            assert {p.partition(".")[2] for p in filled if p.startswith(part + ".")} == set(attrs.fields_dict(cls))

    def test_every_model_class_is_in_the_format(self) -> None:
        """Every attrs class of the model that a plan carries is built from some object of the format."""
        classes = {c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)}
        built = {o.model for o in _MODELLED} | {cls for o in _MODELLED for cls in o.parts.values()}
        assert classes - built == {model.Location, model.Target}  # Location: metadata; Target: read from its text
