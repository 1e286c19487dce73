"""A progress bar on the terminal for commands that read many files: one line, redrawn in place.

It draws only when its stream is a terminal, so pipes, files and CI logs get no
control characters; it is cleared when the work is done.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from agenda._i18n import Catalog

__all__ = ["ProgressBar"]

_T = Catalog("cli-progress", {
    "reading": {"nl": "plannen lezen", "en": "reading plans"},
})


class ProgressBar:
    """``bar(done, total, name)`` redraws ``label [#####-----] done/total name`` at most ten times a second."""

    def __init__(self, lang: str, stream: TextIO | None = None, *, width: int = 30, force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.show = force or self.stream.isatty()
        self.label = _T("reading", lang)
        self.width = width
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, name: str) -> None:
        """Show that ``done`` of ``total`` files are read, the last one ``name``."""
        if not self.show:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"{self.label} [{bar}] {done}/{total} {name}"
        self.stream.write("\r" + text[:100].ljust(100))
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Remove the bar from the terminal (nothing when none was drawn)."""
        if self._drawn:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
            self._drawn = False
