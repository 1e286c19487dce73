"""Running Graphviz's ``dot``: DOT text in, SVG/PNG/PDF bytes out, with a timeout.

``dot`` runs as a child process without a shell; the DOT text goes in on stdin.
When ``dot`` is missing or takes too long, :class:`GraphvizError` (a
``RuntimeError``) says so in plain words; :func:`write_diagram` turns a missing
``dot`` into a :class:`DiagramResult` that says the ``.dot`` file was written
instead and how to install Graphviz.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import attrs

from agenda._i18n import Catalog

__all__ = [
    "FORMATS",
    "DiagramResult",
    "GraphvizError",
    "GraphvizMissingError",
    "GraphvizTimeoutError",
    "MissingExtraError",
    "render_image",
    "write_diagram",
]

#: Output formats ``dot`` is asked for; ``dot`` itself needs no program.
FORMATS = ("svg", "png", "pdf")

_ = Catalog(
    "render-backend",
    {
        "missing": {
            "nl": "Graphviz (het programma `dot`) is niet geïnstalleerd, dus er is geen {fmt} gemaakt. "
            "Installeer Graphviz: `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS) "
            "of `winget install graphviz` (Windows).",
            "en": "Graphviz (the program `dot`) is not installed, so no {fmt} was made. "
            "Install Graphviz: `apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS) "
            "or `winget install graphviz` (Windows).",
        },
        "timeout": {
            "nl": "Graphviz (`dot`) was na {seconds} seconden nog niet klaar en is gestopt. "
            "Teken één thema (`--theme`) of de omgeving van één onderdeel (`--around`).",
            "en": "Graphviz (`dot`) had not finished after {seconds} seconds and was stopped. "
            "Draw one theme (`--theme`) or the neighbourhood of one item (`--around`).",
        },
        "failed": {
            "nl": "Graphviz (`dot`) kon de tekening niet maken: {detail}",
            "en": "Graphviz (`dot`) could not make the drawing: {detail}",
        },
        "format": {
            "nl": "Onbekend formaat {fmt!r}; kies uit: {choices}.",
            "en": "Unknown format {fmt!r}; choose from: {choices}.",
        },
        "dot-written": {
            "nl": "De DOT-tekst is geschreven naar {path}.",
            "en": "The DOT text was written to {path}.",
        },
        "written": {
            "nl": "De tekening is geschreven naar {path}.",
            "en": "The drawing was written to {path}.",
        },
    },
)


class GraphvizError(RuntimeError):
    """``dot`` could not make the picture.  ``message(lang)`` says why in Dutch or English."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        """The reason in ``lang``."""
        return _(self.key, lang, **self.fields)


class GraphvizMissingError(GraphvizError):
    """``dot`` is not on the PATH; the message says how to install Graphviz."""


class GraphvizTimeoutError(GraphvizError):
    """``dot`` did not finish within the timeout and was stopped."""


class MissingExtraError(ImportError):
    """An optional dependency (matplotlib, openpyxl) is missing; the message names the ``pip install``."""


def render_image(dot_text: str, fmt: str, *, timeout: float = 60) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_text`` and return the picture (``fmt``: svg, png or pdf).

    Raises :class:`GraphvizMissingError` when ``dot`` is not installed,
    :class:`GraphvizTimeoutError` after ``timeout`` seconds, :class:`GraphvizError`
    when ``dot`` refuses the text, and ``ValueError`` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(_("format", "en", fmt=fmt, choices=", ".join(FORMATS)))
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissingError("missing", fmt=fmt.upper())
    try:
        # A fixed argv and no shell; the DOT text goes in on stdin.
        done = subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise GraphvizTimeoutError("timeout", seconds=f"{timeout:g}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise GraphvizError("failed", detail=detail)
    return done.stdout


@attrs.frozen
class DiagramResult:
    """What :func:`write_diagram` wrote: the path, the format, and a sentence for the user.

    ``fallback`` is true when ``dot`` was missing and the ``.dot`` text was written instead.
    """

    path: Path
    fmt: str
    fallback: bool
    messages: tuple[str, ...]


def write_diagram(dot_text: str, path: Path, *, timeout: float = 60, lang: str = "nl",
                  write: Callable[[Path, bytes], None] | None = None) -> DiagramResult:
    """Write ``dot_text`` to ``path`` in the format its suffix names (``.dot``, ``.svg``, ``.png``, ``.pdf``).

    When ``dot`` is missing, the DOT text goes to ``path`` with the suffix ``.dot``
    instead and the result says how to install Graphviz.  A timeout or a refusal
    by ``dot`` still raises :class:`GraphvizError`.  ``write`` writes the bytes
    (the command line passes its atomic writer); by default they are written in place.
    """
    put = write or _write_bytes
    fmt = path.suffix.lstrip(".").lower()
    if fmt in ("dot", "gv"):
        put(path, dot_text.encode("utf-8"))
        return DiagramResult(path, "dot", False, (_("dot-written", lang, path=path),))
    try:
        data = render_image(dot_text, fmt, timeout=timeout)
    except GraphvizMissingError as exc:
        fallback = path.with_suffix(".dot")
        put(fallback, dot_text.encode("utf-8"))
        return DiagramResult(fallback, "dot", True, (exc.message(lang), _("dot-written", lang, path=fallback)))
    put(path, data)
    return DiagramResult(path, fmt, False, (_("written", lang, path=path),))


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
