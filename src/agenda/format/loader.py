"""Loading a plan: text -> raw nodes -> checked data -> the frozen model, and every check across items.

:func:`validate` never raises for a bad plan: it returns a :class:`Validation`
with the model (when there were no errors) and every problem, errors and
warnings apart.  :func:`load` and :func:`loads` return the model or raise
:class:`~agenda.errors.AgendaError` listing every problem at once.
The format is described once in :mod:`agenda.format.spec`; the checks across items are in
:mod:`agenda.format._checks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

from agenda._gc import paused
from agenda.errors import AgendaError, Problem, Severity, TooManyProblems
from agenda.format import _yaml, spec
from agenda.format._checks import check_plan, check_text
from agenda.format._scalars import _Ctx
from agenda.format._stream import Abandoned, Stream
from agenda.format._targets import to_target
from agenda.model import Agenda, Target

__all__ = ["Validation", "load", "loads", "target", "validate", "validate_text", "validate_tree"]


@attrs.frozen
class Validation:
    """The outcome of checking a plan: the model (None when there are errors) and every problem."""

    agenda: Agenda | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that refuse the plan."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Legal but suspicious things."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        """True when there are no errors (and, with ``strict``, no warnings)."""
        return not self.errors and not (strict and self.warnings)


def validate(path: str | Path, *, max_bytes: int = _yaml.MAX_BYTES) -> Validation:
    """Read and check the plan at ``path``; every problem is returned, nothing is raised for bad content.

    An unreadable file (missing, binary, not UTF-8, not YAML) is a Validation with one error.
    """
    file = str(path)
    try:
        text = _yaml.read_text(file, max_bytes=max_bytes)
    except AgendaError as exc:
        return Validation(None, exc.problems)
    return validate_text(text, file)


def validate_text(text: str, file: str = "<tekst>") -> Validation:
    """Check plan text; ``file`` is the name used in locations."""
    # One pause from the first event to the frozen model (see agenda._gc): switched back on
    # between parsing and checking, the collector would walk the whole tree at once.
    with paused():
        # Each item is read as soon as it has been parsed (agenda.format._stream), so the tree is
        # never whole; the tree is ours alone, so reading may also empty it (_Ctx.consume).
        ctx = _Ctx(file, consume=True)
        try:
            root = _yaml.parse(text, file, reader=Stream(spec.AGENDA, ctx))
            return _check(root, file, text, ctx, streamed=True)
        except AgendaError as exc:
            return Validation(None, exc.problems)
        except Abandoned:  # more problems than are kept: keep the ones the usual order finds
            pass
        try:
            root = _yaml.parse(text, file)
        except AgendaError as exc:  # the reader gave up before the parser reached the problem
            return Validation(None, exc.problems)
        return _check(root, file, text, _Ctx(file, consume=True))


def validate_tree(root: _yaml.Node, file: str, *, text: str | None = None) -> Validation:
    """Check a plan already parsed by :func:`agenda.format._yaml.parse` (the editor parses once, then asks this).

    Reading against the spec, then the checks across items on the checked data — so a
    broken item's contents are still checked — and, when there is no error, the model.
    """
    # The cyclic garbage collector is paused while the checked data and the model
    # are built, as it is during parsing: they are millions of small objects without
    # cycles, and collection passes over them cost more than the building itself.
    with paused():
        return _check(root, file, text, _Ctx(file))


def _check(root: _yaml.Node, file: str, text: str | None, ctx: _Ctx, *, streamed: bool = False) -> Validation:
    """Read ``root`` against the spec with ``ctx``, check across items, build the model.

    With ``ctx.consume``, reading empties each map of the tree once it has been read: the
    tree shrinks as the checked data grows, for the checks across items and the model need
    only the checked data and its locations.  ``streamed``: items were read while parsing,
    with ``ctx`` (see :class:`~agenda.format._stream.Stream`); too many problems then raise
    :class:`~agenda.format._stream.Abandoned`.
    """
    problems = ctx.problems
    try:
        if text is not None:
            check_text(text, file, problems)
        data = spec.read(root, ctx)
        if data is not None:
            check_plan(data, problems, text)
    except TooManyProblems:  # the last problem says checking stopped
        if streamed:
            raise Abandoned from None
        return Validation(None, _sorted(problems))
    if data is None or problems.has_errors:
        return Validation(None, _sorted(problems))
    agenda = spec.AGENDA.build(data, {"file": file})
    return Validation(agenda, _sorted(problems))


def load(path: str | Path, *, strict: bool = False) -> Agenda:
    """The plan at ``path`` as a frozen :class:`~agenda.model.Agenda`.

    Raises :class:`~agenda.errors.AgendaError` listing every error (and, with
    ``strict``, every warning).  Use :func:`validate` to see warnings of a valid plan.
    A file that cannot be read as text (missing, a folder, no permission, binary, empty,
    not UTF-8) raises :class:`~agenda.errors.UnreadableError`, which is also an ``OSError``.
    """
    file = str(path)
    text = _yaml.read_text(file)
    return _accept(validate_text(text, file), strict)


def loads(text: str, file: str = "<tekst>", *, strict: bool = False) -> Agenda:
    """Like :func:`load`, for plan text (YAML or the JSON export)."""
    return _accept(validate_text(text, file), strict)


def _accept(result: Validation, strict: bool) -> Agenda:
    if not result.ok(strict):
        raise AgendaError(result.problems)
    assert result.agenda is not None
    return result.agenda


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    def key(p: Problem) -> tuple[int, str, int, int, str]:
        loc = p.location
        return (0 if p.severity is Severity.ERROR else 1, loc.file if loc else "", loc.line if loc else 0,
                loc.column if loc else 0, p.code)

    return tuple(sorted(problems, key=key))


def target(text: str) -> Target:
    """A :class:`~agenda.model.Target` from its published text (``"< 550"``, ``"min. 7,0"``, ``"10-20"``).

    Raises ValueError when the text is not a target.
    """
    return to_target(text)
