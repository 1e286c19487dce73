"""Old import paths of 0.1.0 that still work: each is an alias of the module that now holds its names.

0.1.0 kept every module side by side (``agenda.loader``, ``agenda.reflectie``,
``agenda.update`` …).  They now live in the folders of the pipeline (``agenda.format``,
``agenda.query``, ``agenda.edit``).  Importing an old path still works and gives a
module with the same public names, with a :class:`DeprecationWarning` that names the
new home.  Nothing else in the package imports this module's aliases.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

__all__ = ["MOVED", "install"]

#: old module -> the modules whose public names it now stands for
MOVED: dict[str, tuple[str, ...]] = {
    "agenda.loader": ("agenda.format.loader",),
    "agenda.export": ("agenda.format.export",),
    "agenda.rollup": ("agenda.query.rollup",),
    "agenda.budget": ("agenda.query.budget",),
    "agenda.diff": ("agenda.query.diff",),
    "agenda.readiness": ("agenda.query.readiness",),
    "agenda.reflectie": ("agenda.query.reflectie",),
    "agenda.update": ("agenda.edit.update",),
    "agenda.sources": ("agenda.edit.sources",),
    "agenda.init": ("agenda.edit.init",),
    "agenda.plans": ("agenda.format.folder", "agenda.query.compare", "agenda.render.compare"),
}


class _Alias:
    # A loader needs only these two methods; importlib.abc is not imported (start-up time).
    def __init__(self, targets: Sequence[str]) -> None:
        self.targets = targets

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None  # the default: a fresh module object under the old name

    def exec_module(self, module: ModuleType) -> None:
        names: list[str] = []
        for target in self.targets:
            real = importlib.import_module(target)
            public = list(getattr(real, "__all__", ()))
            module.__dict__.update({name: getattr(real, name) for name in public})
            names += public
        module.__all__ = names  # type: ignore[attr-defined]
        module.__doc__ = f"Moved: use {' and '.join(self.targets)}."
        warnings.warn(
            f"{module.__name__} has moved to {', '.join(self.targets)}; import it from there",
            DeprecationWarning,
            stacklevel=2,
        )


class _Finder:
    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        targets = MOVED.get(fullname)
        if targets is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(targets))  # type: ignore[arg-type]  # duck-typed loader


def install() -> None:
    """Put the finder of old paths on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())
