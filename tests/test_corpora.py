"""YAML written by others (tests/corpora): every file gets a located Dutch answer or the exact tree.

Two public corpora are read whole on every run: the YAML test suite (402 cases, 94 of them not YAML)
and PyYAML's own test data (385 files, among them byte-level errors). For each file:

* agenda's answer as a plan file is a list of located problems in Dutch, never a traceback;
* where agenda's strict reader accepts the YAML, its tree is exactly what PyYAML's ``BaseLoader``
  (libyaml, every scalar as text) reads; nothing is dropped, merged or re-typed on the way;
* where the corpus says the file is not YAML, the reader refuses it, except for the cases that
  libyaml itself accepts (listed below, so that a change in either shows up here).

Set ``AGENDA_YAML_TEST_SUITE`` or ``AGENDA_PYYAML_DATA`` to read a fuller or newer copy instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from agenda.errors import AgendaError
from agenda.format import _yaml
from agenda.format.loader import validate

HERE = Path(__file__).parent / "corpora"
_BASE = yaml.CBaseLoader  # libyaml, as agenda's reader uses
SUITE = Path(os.environ.get("AGENDA_YAML_TEST_SUITE") or HERE / "yaml-test-suite")
PYYAML = Path(os.environ.get("AGENDA_PYYAML_DATA") or HERE / "pyyaml")

SUITE_CASES = sorted(SUITE.rglob("in.yaml"))
PYYAML_FILES = sorted(p for p in PYYAML.iterdir() if p.is_file() and p.suffix not in {"", ".md"}
                      and p.name != "LICENSE")

# Error cases of the suite that libyaml (and so PyYAML and agenda) reads as YAML: libyaml's known
# leniencies (a tab or comment where the spec forbids one, a flow key past 1024 characters …).
LIBYAML_ACCEPTS = {"9C9N", "9JBA", "CVW2", "DK95/01", "G5U8", "MUS6/00", "QB6E", "S98Z", "SU5Z", "X4QW",
                   "Y79Y/003", "YJV2"}

# libyaml's and PyYAML's own words: none may reach a Dutch reader (the file's own words are quoted).
ENGLISH = ("mapping values", "not allowed", "did not find", "could not find", "expected", "found", "scanning",
           "while parsing", "stream", "token", "indicator", "character that")


def _case(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


def _plain(node: _yaml.Node) -> object:
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [_plain(n) for n in node.value]  # type: ignore[attr-defined]
    return {key: _plain(value) for key, (_, value) in node.value.items()}  # type: ignore[attr-defined]


def _answered_in_dutch(path: Path) -> None:
    """As a plan file: errors, each located in this file, with a Dutch sentence and no English."""
    result = validate(path)
    assert result.errors, path  # none of these files is a plan
    for problem in result.problems:
        assert problem.location is not None and problem.location.file == str(path)
        assert problem.location.line >= 1 and problem.location.column >= 1
        assert problem.text["nl"] and problem.text["en"]
        if problem.code == "syntax":
            own_words = re.sub(r"'[^']*'", "", problem.text["nl"])
            assert not any(word in own_words for word in ENGLISH), (path, problem.text["nl"])
            assert problem.hint is not None and problem.hint["nl"]


def _tree_or_refusal(text: str, name: str) -> _yaml.Node | None:
    try:
        return _yaml.parse(text, name)
    except AgendaError:
        return None


def test_corpora_are_there() -> None:
    assert len(SUITE_CASES) >= 400
    assert len(PYYAML_FILES) >= 380


@pytest.mark.parametrize("path", SUITE_CASES, ids=_case)
def test_yaml_test_suite(path: Path) -> None:
    _answered_in_dutch(path)
    text = path.read_bytes().decode("utf-8")
    tree = _tree_or_refusal(text, str(path))
    if (path.parent / "error").exists():
        assert (tree is not None) == (_case(path) in LIBYAML_ACCEPTS), "a case that is not YAML was read as YAML"
    elif tree is not None:
        assert _plain(tree) == yaml.load(text, Loader=_BASE)


@pytest.mark.parametrize("path", PYYAML_FILES, ids=lambda p: p.name)
def test_pyyaml_data(path: Path) -> None:
    _answered_in_dutch(path)
    try:
        text = _yaml.decode(path.read_bytes(), str(path))
    except AgendaError:
        return  # not UTF-8, binary or empty: validate said so above, in Dutch
    tree = _tree_or_refusal(text, str(path))
    if path.suffix in {".loader-error", ".single-loader-error", ".stream-error"}:
        # PyYAML's constructor errors (a bad merge key) are YAML to the reader and refused by the format
        assert tree is None or path.name.startswith("invalid-merge"), "an error file was read as YAML"
    elif tree is not None:
        assert [_plain(tree)] == list(yaml.load_all(text, Loader=_BASE))


def test_how_much_is_read() -> None:
    """The share the strict reader accepts stays what it is (anchors, tags and the like are refused)."""
    accepted = sum(
        _tree_or_refusal(p.read_bytes().decode("utf-8"), str(p)) is not None
        for p in SUITE_CASES if not (p.parent / "error").exists()
    )
    if SUITE == HERE / "yaml-test-suite":
        assert accepted == 181
