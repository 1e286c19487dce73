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


_THEME = _obj(_F["themes"].type)
_GOAL = _obj(_THEME.fields["goals"].type)
_ACTION = _obj(_GOAL.fields["actions"].type)
_INDICATOR = _obj(_F["indicators"].type)

# model class -> (its format object, {model field: format key path}, model-only fields, format-only keys)
# Every difference is listed here on purpose; a new field on either side fails the test until it is placed.
_MAP: list[tuple[type, _types.Obj, dict[str, str], set[str], set[str]]] = [
    (model.Agenda, _AGENDA_OBJ,
     {"adopted_by": "adopted.by", "adopted_on": "adopted.on", "period_start": "period.from", "period_end": "period.to"},
     {"config",  # spread over the top-level keys language, levels, statuses, theme_kinds, rollup, rules (Config)
      "file",  # where the plan was read from: not part of the plan
      "_index", "_themes_by_item", "_memo"},  # lookup tables and derived facts built from the items
     {"$schema",  # for editors only
      "format",  # the version of the file format, not of the plan
      "language", "levels", "statuses", "theme_kinds", "rollup", "rules"}),  # -> Config
    (model.Config, _AGENDA_OBJ, {"rollup": "rollup.rule", "rollup_share": "rollup.share"}, set(),
     set(_F) - {"language", "levels", "statuses", "theme_kinds", "rollup", "rules"}),
    (model.Status, _obj(_F["statuses"].type), {}, set(), set()),
    (model.PlanRef, _obj(_F["plans"].type),
     {"period_start": "period.from", "period_end": "period.to", "adopted_by": "adopted.by",
      "adopted_on": "adopted.on"}, {"location"}, set()),
    (model.Area, _obj(_F["areas"].type), {}, set(), set()),
    (model.Theme, _THEME, {}, {"location"}, set()),
    (model.Pillar, _obj(_THEME.fields["pillars"].type), {}, {"location"}, set()),
    (model.Tag, _obj(_THEME.fields["tags"].type), {}, {"location"}, set()),
    (model.Goal, _GOAL, {}, {"location"}, set()),
    (model.Action, _ACTION, {}, {"location"}, set()),
    (model.StatusRecord, _obj(_ACTION.fields["status"].type), {},
     {"location", "year"}, set()),  # year: the key of the year map
    (model.BudgetLine, _obj(_ACTION.fields["budget"].type), {"start": "from"}, {"location"}, set()),
    (model.Indicator, _INDICATOR,
     {"direction": "better", "ambition": "ambition.target", "ambition_year": "ambition.year"}, {"location"}, set()),
    (model.Source, _obj(_INDICATOR.fields["source"].type), {}, set(), set()),
    (model.Value, _obj(_INDICATOR.fields["values"].type), {}, {"location", "year"}, set()),  # year: the map key
    (model.YearTarget, _obj(_INDICATOR.fields["targets"].type), {}, {"location", "year"}, set()),
    (model.Category, _obj(_INDICATOR.fields["categories"].type), {}, set(), set()),
]


def _has_path(obj: _types.Obj, path: str) -> bool:
    head, _, rest = path.partition(".")
    if head not in obj.fields:
        return False
    return not rest or _has_path(_obj(obj.fields[head].type), rest)


class TestModelAndFormat:
    """Every model field is reachable from the format, and every format key lands in the model."""

    @pytest.mark.parametrize(("cls", "obj", "renamed", "model_only", "format_only"), _MAP,
                             ids=[m[0].__name__ for m in _MAP])
    def test_fields_match_keys(self, cls: type, obj: _types.Obj, renamed: dict[str, str], model_only: set[str],
                               format_only: set[str]) -> None:
        """The model class's fields map one to one onto its format keys, apart from the listed differences."""
        fields = {f.name for f in attrs.fields(cls)} - model_only
        paths = {renamed.get(f, f) for f in fields}
        for path in paths:
            assert _has_path(obj, path), f"{cls.__name__}: {path} is not in the format"
        assert {p.split(".")[0] for p in paths} == set(obj.fields) - format_only

    def test_every_model_class_is_mapped(self) -> None:
        """Every attrs class of the model that a plan carries appears in the table above."""
        classes = {c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)}
        assert classes - {m[0] for m in _MAP} == {model.Location, model.Target}  # Location: metadata; Target: text
