"""Renderers as an extension point: registration, the command line's --format, entry points."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import agenda
from agenda.cli import main
from agenda.query.reflectie import Reflectie, reflectie
from agenda.render import registry
from agenda.render.registry import get_renderer, register_renderer, renderer_names, unregister_renderer
from agenda.testing import plan_yaml


def _tsv(result: Reflectie, lang: str = "nl", config: Any = None) -> str:
    """The reflectie as tab-separated item and rule."""
    return "".join(f"{e.item}\t{e.rule}\n" for e in result.entries) or "-\n"


@pytest.fixture
def tsv() -> Iterator[None]:
    register_renderer("reflectie", "tsv", _tsv)
    yield
    unregister_renderer("reflectie", "tsv")


class TestRegistry:
    """What the registry accepts and refuses."""

    def test_builtins_listed(self) -> None:
        """The shipped formats are registered like any other."""
        assert renderer_names("reflectie") == ("markdown", "text")
        assert set(renderer_names("budget")) == {"csv", "md", "text"}

    def test_register_and_remove(self, tsv: None) -> None:
        """A registered renderer is listed and found; its doc is its docstring's first line."""
        assert "tsv" in renderer_names("reflectie")
        assert get_renderer("reflectie", "tsv").doc == "The reflectie as tab-separated item and rule."

    @pytest.mark.parametrize(("kind", "name"), [("poster", "x"), ("reflectie", "JSON"), ("reflectie", "json"),
                                                ("reflectie", "text"), ("reflectie", "a b")])
    def test_refused(self, kind: str, name: str) -> None:
        """Unknown kinds, reserved or odd names and taken names are refused."""
        with pytest.raises(ValueError, match=r"kind|name|already"):
            register_renderer(kind, name, _tsv)

    def test_unknown_renderer_names_the_available(self) -> None:
        """Asking for a missing renderer names the ones there are."""
        with pytest.raises(KeyError, match="markdown, text"):
            get_renderer("reflectie", "poster")


class TestCommandLine:
    """The command line offers registered renderers after --format."""

    def test_cli_uses_registered_renderer(self, tsv: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`agenda reflectie --format tsv` runs the registered function."""
        plan = tmp_path / "plan.yaml"
        plan.write_text(plan_yaml(), encoding="utf-8")
        assert main(["reflectie", str(plan), "--year", "2023", "--format", "tsv"]) == 0
        out = capsys.readouterr().out
        assert out == _tsv(reflectie(agenda.load(plan), 2023))


class TestEntryPoints:
    """Packages publish renderers through the entry point group agenda.renderers."""

    def test_entry_point_called(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each entry point's callable is called once, on first use of the registry."""
        calls: list[str] = []

        class EntryPoint:
            name = "voorbeeld"

            def load(self) -> Any:
                return lambda: calls.append("registered")

        monkeypatch.setattr(registry, "_loaded", False)
        monkeypatch.setattr(registry.metadata, "entry_points", lambda group: [EntryPoint()] if group == registry.ENTRY_POINT_GROUP else [])
        renderer_names("diff")
        renderer_names("diff")
        assert calls == ["registered"]
