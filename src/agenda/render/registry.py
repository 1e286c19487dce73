"""Renderers as an extension point: output formats for the query results, by kind and name.

A renderer turns one kind of result into text or bytes: ``"reflectie"`` (a
:class:`~agenda.query.reflectie.Reflectie`), ``"impact"`` (an
:class:`~agenda.query.reflectie.Impact`), ``"diff"`` (a :class:`~agenda.query.diff.YearDiff`)
or ``"budget"`` (a :class:`~agenda.query.budget.BudgetSummary`).  It is called as
``render(result, lang=..., config=...)`` and returns ``str`` or ``bytes``; it
formats, it never decides what lags or what a total is.

The command line offers every registered name after ``--format`` of the matching
command (``agenda reflectie --format tsv``).  Register with
:func:`register_renderer`, or publish from a package through the entry point group
``agenda.renderers``: each entry point names a callable that registers its
renderers when called (``mypkg.renderers:register``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from typing import Any

import attrs

__all__ = ["ENTRY_POINT_GROUP", "KINDS", "Renderer", "get_renderer", "register_renderer", "renderer_names",
           "unregister_renderer"]

ENTRY_POINT_GROUP = "agenda.renderers"
KINDS = ("reflectie", "impact", "diff", "budget")

RenderFunction = Callable[..., "str | bytes"]


@attrs.frozen
class Renderer:
    """One output format: the kind of result it takes, its name on the command line, the function."""

    kind: str
    name: str
    render: RenderFunction
    doc: str = ""


_REGISTRY: dict[tuple[str, str], Renderer] = {}
_loaded = False


def register_renderer(kind: str, name: str, render: RenderFunction, *, doc: str = "",
                      replace: bool = False) -> Renderer:
    """Offer ``render`` as the format ``name`` for results of ``kind``; returns the :class:`Renderer`.

    ValueError for an unknown kind, a name that is not a plain word, or a name already taken
    (unless ``replace``).  ``json`` is reserved: every result has its own JSON form.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    if not name.replace("-", "").isalnum() or not name.islower() or name == "json":
        raise ValueError(f"a renderer name is a lowercase word other than 'json', not {name!r}")
    if (kind, name) in _REGISTRY and not replace:
        raise ValueError(f"a {kind} renderer {name!r} is already registered")
    renderer = Renderer(kind, name, render, doc or (render.__doc__ or "").strip().split("\n")[0])
    _REGISTRY[(kind, name)] = renderer
    return renderer


def unregister_renderer(kind: str, name: str) -> None:
    """Remove a renderer (KeyError when absent)."""
    del _REGISTRY[(kind, name)]


def renderer_names(kind: str) -> tuple[str, ...]:
    """The format names for ``kind``, built-in and registered, sorted."""
    _load()
    return tuple(sorted(name for k, name in _REGISTRY if k == kind))


def get_renderer(kind: str, name: str) -> Renderer:
    """The renderer ``name`` for ``kind``; KeyError naming the available ones when there is none."""
    _load()
    try:
        return _REGISTRY[(kind, name)]
    except KeyError:
        raise KeyError(f"no {kind} renderer {name!r}; available: {', '.join(renderer_names(kind))}") from None


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    _builtins()
    for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        ep.load()()


def _builtins() -> None:
    # The formats that ship with agenda, registered like any other; imported here, on first use.
    def text(result: Any, lang: str = "nl", config: Any = None) -> str:
        from agenda.render.reflectie_text import render_text

        return render_text(result, lang, config=config)

    def markdown(result: Any, lang: str = "nl", config: Any = None) -> str:
        from agenda.render.reflectie_text import render_markdown

        return render_markdown(result, lang, config=config)

    for kind in ("reflectie", "impact", "diff"):
        register_renderer(kind, "text", text, doc="plain text", replace=True)
        register_renderer(kind, "markdown", markdown, doc="Markdown", replace=True)

    def budget_format(fmt: str) -> RenderFunction:
        def render(result: Any, lang: str = "nl", config: Any = None) -> str:
            from agenda.render.budget_table import render_budget

            return render_budget(result, fmt, lang)

        return render

    for fmt, doc in (("text", "plain text"), ("md", "Markdown"), ("csv", "CSV")):
        register_renderer("budget", fmt, budget_format(fmt), doc=doc, replace=True)
