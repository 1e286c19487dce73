"""Running Graphviz's ``dot``: DOT text in, SVG/PNG/PDF bytes out, in bounded time.

``dot`` runs as a child process without a shell; the DOT text goes in on stdin.
When ``dot`` is missing or takes too long, :class:`GraphvizError` (a
``RuntimeError``) says so in plain words; :func:`write_diagram` turns a missing
``dot`` into a :class:`DiagramResult` that says the ``.dot`` file was written
instead and how to install Graphviz.

Bounded time, for plans of any size:

* every run of ``dot`` has a timeout (60 seconds unless asked otherwise);
* a diagram of more than :data:`LAYOUT_LIMIT` (6,000) nodes is not given to ``dot`` at all
  (:class:`GraphvizTooLargeError`, at once): Graphviz takes minutes on such a graph or
  gives up ("trouble in init_rank" after half a minute for 10,000 items), so the
  caller splits it — one theme (``render_dot(theme=…)``), or the neighbourhood of one
  item — and the message says so;
* :func:`render_images` draws many diagrams (a report's per-theme diagrams) side by
  side on the machine's processors within one overall time budget; what is not
  drawn in time comes back as its error, so the caller can keep the DOT text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import attrs

from agenda._i18n import Catalog
from agenda.numbers import number

__all__ = [
    "FORMATS",
    "LAYOUT_LIMIT",
    "DiagramResult",
    "GraphvizError",
    "GraphvizMissingError",
    "GraphvizTimeoutError",
    "GraphvizTooLargeError",
    "MissingExtraError",
    "dot_nodes",
    "render_image",
    "render_images",
    "write_diagram",
]

#: The most nodes a diagram may have to be given to ``dot``.  Measured with Graphviz 2.43:
#: 5,000 items lay out in about 8 seconds; 10,000 fail with "trouble in init_rank" after 30.
LAYOUT_LIMIT = 6000

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
        "too-large": {
            "nl": "Deze tekening heeft {nodes} onderdelen; Graphviz tekent er niet meer dan {limit} in redelijke tijd, "
            "dus `dot` is niet gestart. Teken één thema (`--theme`) of de omgeving van één onderdeel (`--around`).",
            "en": "This drawing has {nodes} items; Graphviz draws no more than {limit} in reasonable time, so `dot` "
            "was not started. Draw one theme (`--theme`) or the neighbourhood of one item (`--around`).",
        },
        "budget": {
            "nl": "Graphviz (`dot`) kwam niet aan deze tekening toe binnen {seconds} seconden voor alle tekeningen samen.",
            "en": "Graphviz (`dot`) did not get to this drawing within the {seconds} seconds for all drawings together.",
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


class GraphvizTooLargeError(GraphvizError):
    """The diagram has more than :data:`LAYOUT_LIMIT` nodes; ``dot`` was not started.  Split it."""

    def message(self, lang: str = "nl") -> str:
        """The reason in ``lang``, the counts in its notation (10.000 / 10,000)."""
        counts = {k: number(v, lang) for k, v in self.fields.items() if isinstance(v, int)}
        return _(self.key, lang, **{**self.fields, **counts})


class MissingExtraError(ImportError):
    """An optional dependency (matplotlib, openpyxl) is missing; the message names the ``pip install``."""


# A node statement: an id (quoted or not) and its attributes, alone on a line; edges have "->" after the id.
_NODE = re.compile(r'^[ \t]*(?!(?:graph|node|edge)[ \t]*\[)(?:"(?:[^"\\]|\\.)*"|[\w.]+)[ \t]*\[', re.MULTILINE)


def dot_nodes(dot_text: str) -> int:
    """How many node statements ``dot_text`` has (one per line, as :func:`~agenda.render.dot.render_dot` writes)."""
    return len(_NODE.findall(dot_text))


def render_image(dot_text: str, fmt: str, *, timeout: float = 60, max_nodes: int | None = LAYOUT_LIMIT) -> bytes:
    """Run ``dot -T<fmt>`` on ``dot_text`` and return the picture (``fmt``: svg, png or pdf).

    Raises :class:`GraphvizMissingError` when ``dot`` is not installed,
    :class:`GraphvizTooLargeError` (without starting ``dot``) for more than
    ``max_nodes`` nodes, :class:`GraphvizTimeoutError` after ``timeout`` seconds,
    :class:`GraphvizError` when ``dot`` refuses the text, and ``ValueError`` for an
    unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(_("format", "en", fmt=fmt, choices=", ".join(FORMATS)))
    if max_nodes is not None and (nodes := dot_nodes(dot_text)) > max_nodes:
        raise GraphvizTooLargeError("too-large", nodes=nodes, limit=max_nodes)
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


def render_images(
    texts: Mapping[str, str], fmt: str, *, timeout: float = 60, budget: float = 300, jobs: int | None = None,
    max_nodes: int | None = LAYOUT_LIMIT,
) -> dict[str, bytes | GraphvizError]:
    """Draw every DOT text of ``texts`` (name -> DOT), ``jobs`` at a time, all within ``budget`` seconds.

    Each run of ``dot`` gets at most ``timeout`` seconds and no more than what is left
    of the budget; a diagram not started before the budget is spent comes back as a
    :class:`GraphvizTimeoutError`, as does one that timed out; a missing ``dot`` is
    :class:`GraphvizMissingError` for every diagram.  The result keeps the order of
    ``texts``.  ``jobs`` defaults to the number of processors.
    """
    deadline = time.monotonic() + budget
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))

    def draw(text: str) -> bytes | GraphvizError:
        left = deadline - time.monotonic()
        if left <= 0:
            return GraphvizTimeoutError("budget", seconds=f"{budget:g}")
        try:
            return render_image(text, fmt, timeout=min(timeout, left), max_nodes=max_nodes)
        except GraphvizError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=workers) as pool:  # threads: the work is in the dot processes
        results = list(pool.map(draw, texts.values()))
    return dict(zip(texts, results, strict=True))


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
                  write: Callable[[Path, bytes], None] | None = None,
                  max_nodes: int | None = LAYOUT_LIMIT) -> DiagramResult:
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
        data = render_image(dot_text, fmt, timeout=timeout, max_nodes=max_nodes)
    except GraphvizMissingError as exc:
        fallback = path.with_suffix(".dot")
        put(fallback, dot_text.encode("utf-8"))
        return DiagramResult(fallback, "dot", True, (exc.message(lang), _("dot-written", lang, path=fallback)))
    put(path, data)
    return DiagramResult(path, fmt, False, (_("written", lang, path=path),))


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)
