"""Import paths of 0.1.0 keep working, with a warning that names the new home."""

from __future__ import annotations

import importlib
import sys

import pytest

from agenda._moved import MOVED


class TestOldPaths:
    """Every module 0.1.0 documented can still be imported under its old name."""

    @pytest.mark.parametrize("old", sorted(MOVED))
    def test_old_path_warns_and_gives_the_same_names(self, old: str) -> None:
        """The alias warns with the new path and carries every public name of the new module(s)."""
        sys.modules.pop(old, None)
        with pytest.warns(DeprecationWarning, match=MOVED[old][0].replace(".", r"\.")):
            module = importlib.import_module(old)
        for target in MOVED[old]:
            real = importlib.import_module(target)
            for name in real.__all__:
                assert getattr(module, name) is getattr(real, name)

    def test_readme_example_of_0_1_0(self) -> None:
        """``from agenda.reflectie import reflectie`` (the 0.1.0 README) still finds the function."""
        sys.modules.pop("agenda.reflectie", None)
        with pytest.warns(DeprecationWarning, match="agenda.query.reflectie"):
            from agenda.reflectie import reflectie  # type: ignore[import-not-found]
        from agenda.query.reflectie import reflectie as new

        assert reflectie is new
