"""A folder of plans: every plan file read and checked, problems kept per file.

:func:`validate_dir` reads every ``*.yaml``/``*.yml`` file in a folder and keeps every
file's problems; :func:`load_dir` does the same and raises one
:class:`~agenda.errors.AgendaError` listing the problems of *every* file when any file
is invalid.  The result is a :class:`PlanSet`, ordered by gemeente, period and file
name whatever the order of the folder; :mod:`agenda.query.compare` compares its plans.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from agenda.errors import AgendaError, Problem, Severity
from agenda.format.loader import validate
from agenda.model import Agenda

__all__ = ["PlanFile", "PlanSet", "Progress", "load_dir", "validate_dir"]

_PATTERNS = ("*.yaml", "*.yml")


@attrs.frozen
class PlanFile:
    """One file of a folder: its name, the plan (None when invalid) and its problems."""

    name: str  #: the file name relative to the folder, with ``/`` separators
    agenda: Agenda | None
    problems: tuple[Problem, ...]


@attrs.frozen
class PlanSet:
    """The plans of a folder, ordered by gemeente, plan period and file name."""

    folder: str
    files: tuple[PlanFile, ...]

    @property
    def plans(self) -> tuple[Agenda, ...]:
        """The valid plans, in order."""
        return tuple(f.agenda for f in self.files if f.agenda is not None)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of every file, file by file."""
        return tuple(p for f in self.files for p in f.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that refuse a file."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The suspicious but legal things."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        """True when no file has errors (and, with ``strict``, no warnings)."""
        return not self.errors and not (strict and self.warnings)

    def name_of(self, agenda: Agenda) -> str:
        """The file name of a plan in this set."""
        for f in self.files:
            if f.agenda is agenda:
                return f.name
        raise KeyError(agenda.title)

    def by_gemeente(self) -> dict[str, tuple[Agenda, ...]]:
        """The plans per gemeente, each gemeente's plans in period order."""
        out: dict[str, list[Agenda]] = {}
        for plan in self.plans:
            out.setdefault(plan.gemeente, []).append(plan)
        return {k: tuple(v) for k, v in sorted(out.items())}


#: Called after each file is read: (files done, files in all, the file's name).
Progress = Callable[[int, int, str], None]


def validate_dir(path: str | os.PathLike[str], *, recursive: bool = False, progress: Progress | None = None) -> PlanSet:
    """Check every ``*.yaml``/``*.yml`` file in the folder ``path``; nothing is raised for bad plans.

    ``progress``, when given, is called after each file with the number of files
    read, the number in all and the file's name (for a progress bar).  Raises
    NotADirectoryError (or FileNotFoundError) when ``path`` is not a folder.
    """
    folder = Path(path)
    if not folder.is_dir():
        if not folder.exists():
            raise FileNotFoundError(str(folder))
        raise NotADirectoryError(str(folder))
    found = {p for pattern in _PATTERNS for p in (folder.rglob(pattern) if recursive else folder.glob(pattern))}
    paths = [file for file in sorted(found) if file.is_file()]
    files = []
    for done, file in enumerate(paths, 1):
        result = validate(file)
        name = file.relative_to(folder).as_posix()
        files.append(PlanFile(name, result.agenda, result.problems))
        if progress is not None:
            progress(done, len(paths), name)
    files.sort(key=_order)
    return PlanSet(str(folder), tuple(files))


def load_dir(path: str | os.PathLike[str], *, strict: bool = False, recursive: bool = False,
             progress: Progress | None = None) -> PlanSet:
    """Like :func:`validate_dir`, but raise one AgendaError with every file's problems when any file is invalid."""
    plans = validate_dir(path, recursive=recursive, progress=progress)
    if not plans.ok(strict):
        raise AgendaError(plans.problems)
    return plans


def _order(f: PlanFile) -> tuple[int, str, int, str]:
    a = f.agenda
    if a is None:
        return (1, "", 0, f.name)
    return (0, a.gemeente, a.period_start or 0, f.name)

