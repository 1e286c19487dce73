"""Items read while the text is parsed (agenda.format._stream): the same outcome, without the whole tree.

``validate_text`` reads each item of a list the moment it has been parsed; reading the whole
tree after parsing (``validate_tree``, as the editor does) is the reference.  Both must give
the same model and the same problems, in the same order, for every text: our plans, plans
drawn by hypothesis with their keys in any order and then damaged, hostile files, and the
YAML written by others in tests/corpora.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate as plan_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.errors import MAX_ERRORS, AgendaError
from agenda.format import _stream, _yaml, spec
from agenda.format._scalars import _Ctx
from agenda.format.loader import Validation, validate_text, validate_tree

from .property.plans import plan_json, plan_yaml, plans
from .property.test_loader_properties import mutated

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent
_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _after_parsing(text: str, file: str = "plan.yaml") -> Validation:
    """The reference: parse the whole tree, then read it."""
    try:
        root = _yaml.parse(text, file)
    except AgendaError as exc:
        return Validation(None, exc.problems)
    return validate_tree(root, file, text=text)


def _same(text: str) -> Validation:
    streamed, reference = validate_text(text, "plan.yaml"), _after_parsing(text)
    assert streamed.problems == reference.problems
    assert streamed.agenda == reference.agenda
    return streamed


def _shuffled(value: Any, rng: random.Random) -> Any:
    """The same plan with the keys of every map in another order (an id after the lists, for one)."""
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: _shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


class TestTheSameOutcome:
    def test_deventer(self) -> None:
        result = _same((ROOT / "agenda.yaml").read_text(encoding="utf-8"))
        assert result.agenda is not None and result.warnings

    @pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
    def test_examples(self, path: Path) -> None:
        _same(path.read_text(encoding="utf-8"))

    def test_generated_plans(self) -> None:
        for items, seed in ((300, 1), (1000, 7)):
            assert _same(plan_text(items, seed=seed)).agenda is not None

    @pytest.mark.parametrize("path", sorted((HERE / "hostile").glob("*.yaml")), ids=lambda p: p.name)
    def test_hostile_files(self, path: Path) -> None:
        text = path.read_bytes().decode("utf-8", "replace")
        if text.strip():
            _same(text)

    def test_yaml_written_by_others(self) -> None:
        files = sorted((HERE / "corpora" / "yaml-test-suite").rglob("in.yaml"))
        files += sorted(p for p in (HERE / "corpora" / "pyyaml").iterdir() if p.suffix in {".data", ".yaml"})
        assert len(files) > 400
        for path in files:
            text = path.read_bytes().decode("utf-8", "replace")
            if text.strip():
                _same(text)

    @_SETTINGS
    @given(plans(), st.randoms(use_true_random=False), st.booleans())
    def test_drawn_plans_keys_in_any_order(self, plan: dict[str, Any], rng: random.Random, as_json: bool) -> None:
        shuffled = _shuffled(plan, rng)
        _same(plan_json(shuffled) if as_json else plan_yaml(shuffled))

    @_SETTINGS
    @given(mutated())
    def test_damaged_plans(self, text: str) -> None:
        _same(text)


class TestTheTreeIsNeverWhole:
    def test_every_item_is_read_as_it_ends(self) -> None:
        """After parsing, every theme and indicator of the plan is a "done" node holding its checked data."""
        text = plan_text(200, seed=3)
        root = _yaml.parse(text, "plan.yaml", reader=_stream.Stream(spec.AGENDA, _Ctx("plan.yaml")))
        for key in ("themes", "indicators"):
            items = root.value[key][1].value  # type: ignore[index]
            assert items and all(node.kind == "done" and isinstance(node.value, dict) for node in items)
            assert all("@" in node.value for node in items)

    def test_an_item_whose_id_comes_later_is_read_after_parsing(self) -> None:
        """The actions of a goal that writes its id after them are read later, with that id in the problems."""
        text = ("format: 1\ngemeente: X\ntitle: Y\nthemes:\n  - id: t\n    name: T\n    goals:\n"
                "      - actions:\n          - id: a\n            name: A\n            start: morgen\n"
                "        name: G\n        id: g\n")
        root = _yaml.parse(text, "plan.yaml", reader=_stream.Stream(spec.AGENDA, _Ctx("plan.yaml")))
        goal = root.value["themes"][1].value[0]  # type: ignore[index]
        assert goal.kind == "done"  # the goal itself ends after its id
        result = _same(text)
        assert [p.item for p in result.errors] == ["a"]

    @pytest.mark.parametrize("id_first", [True, False])
    def test_an_item_without_an_id_is_named_by_the_item_around_it(self, id_first: bool) -> None:
        """A published figure has no id: its problem names the indicator, read early (id first) or not (id last)."""
        ident, rest = "  - id: m\n", "    name: M\n    unit: aantal\n    values:\n      2023:\n        - {value: veel}\n"
        text = "format: 1\ngemeente: X\ntitle: Y\nindicators:\n" + (ident + rest if id_first else
                                                                      "  - " + rest[4:] + "    id: m\n")
        root = _yaml.parse(text, "plan.yaml", reader=_stream.Stream(spec.AGENDA, _Ctx("plan.yaml")))
        indicator = root.value["indicators"][1].value[0]  # type: ignore[index]
        assert indicator.kind == "done"
        result = _same(text)
        assert "expected" in {p.code for p in result.errors} and {p.item for p in result.errors} == {"m"}

    def test_under_a_misspelled_key_nothing_is_read_early(self) -> None:
        text = "format: 1\ngemeente: X\ntitle: Y\nthemas:\n  - id: t\n    name: T\n"
        root = _yaml.parse(text, "plan.yaml", reader=_stream.Stream(spec.AGENDA, _Ctx("plan.yaml")))
        assert root.value["themas"][1].value[0].kind == "map"  # type: ignore[index]
        assert [p.code for p in _same(text).errors] == ["unknown-key"]


class TestTooManyProblems:
    def _broken(self, actions: int) -> str:
        lines = ["format: 1", "gemeente: X", "title: Y", "themes:", "  - id: t", "    name: T", "    actions:"]
        for i in range(actions):
            lines += [f"      - id: a{i}", f"        name: A{i}", "        start: morgen"]
        return "\n".join(lines) + "\n"

    def test_the_same_problems_are_kept(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """More errors than are kept: the reader gives up and the plan is read again, keeping the same ones."""
        gave_up: list[bool] = []
        real = _stream.Stream.closed

        def closed(self: _stream.Stream, *args: Any) -> None:
            try:
                real(self, *args)
            except _stream.Abandoned:
                gave_up.append(True)
                raise

        monkeypatch.setattr(_stream.Stream, "closed", closed)
        result = _same(self._broken(MAX_ERRORS + 5))
        assert gave_up and result.problems[-1].code == "too-many"

    def test_a_syntax_error_after_them_is_still_found(self) -> None:
        text = self._broken(MAX_ERRORS + 5) + "  - [unclosed\n"
        result = _same(text)
        assert [p.code for p in result.errors] != [] and all(p.code != "too-many" for p in result.errors)

    def test_just_under_the_limit(self) -> None:
        result = _same(self._broken(MAX_ERRORS))
        assert len(result.errors) == MAX_ERRORS
