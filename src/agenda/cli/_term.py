r"""What reaches the terminal: control characters shown escaped, never obeyed.

A plan is text written by people and sometimes pasted from elsewhere; a name, a
note or a file name may hold an escape sequence (``ESC [2J`` clears the screen, an
OSC 8 sequence makes a hidden link, a carriage return rewrites the line) or a bidi
override that turns text around.  :func:`escape_controls` is the one sanitising
function for terminal output: such characters are written as ``\u001b``, visibly.
The notation is JSON's, so ``--format json`` output stays valid JSON with the
same values.

:func:`terminal_output` puts a :class:`SafeStream` in front of ``sys.stdout`` and
``sys.stderr`` while a command runs, so *every* print path goes through
:func:`escape_controls` — problem messages, rendered reflecties and matrices,
argparse's own errors.  The only escape sequences that reach the terminal are the
colours the program itself asks for with :func:`styled`.

Output never fails on a character the stream cannot encode.  A redirected stdout in
a code page that cannot hold ``→`` or ``●`` (Windows writes ``agenda … > bestand.txt``
in cp1252) is switched to UTF-8, as git does, unless the user chose an encoding
with ``PYTHONIOENCODING``; what a stream still cannot encode is written as
``\uXXXX``, JSON's notation, so ``--format json`` stays valid and nothing is lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from agenda._files import escape_chars

__all__ = ["CONTROL", "SafeStream", "escape_controls", "styled", "terminal_output"]

# Marks the colours the program asks for; made anew in each process, so no text from a file can know it.
_MARK = f"\x00{os.urandom(8).hex()}:"  # os.urandom: what secrets uses, without its import
_STYLED = re.compile(re.escape(_MARK) + r"([0-9;]*)\x00")

#: The characters shown escaped: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings,
#: overrides and isolates, and lone surrogates (the bytes of a file name that is not UTF-8).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escape_controls(text: str) -> str:
    r"""``text`` safe for a terminal: every :data:`CONTROL` character written as ``\uXXXX``.

    >>> escape_controls("Naam\x1b[2J met\ttab\n")
    'Naam\\u001b[2J met\ttab\n'
    >>> escape_controls("plan-\udcff.yaml")
    'plan-\\udcff.yaml'
    """
    return escape_chars(text, CONTROL)


class SafeStream:
    """A text stream in front of another that escapes control characters in everything written.

    Colours asked for with :func:`styled` are written as real escape sequences: they
    are marked with a secret made for this process, which no text from a file can know.
    Everything else (``buffer``, ``isatty``, ``encoding`` …) is the wrapped stream's.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters escaped; the length of ``text``."""
        if _MARK in text:
            parts = _STYLED.split(text)  # data, code, data, code, …, data
            out = "".join(escape_controls(p) if i % 2 == 0 else f"\033[{p}m" for i, p in enumerate(parts))
        else:
            out = escape_controls(text)
        try:
            self.stream.write(out)
        except UnicodeEncodeError:  # nothing was written: the whole text is encoded first
            self.stream.write(_fit(out, getattr(self.stream, "encoding", None) or "ascii"))
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        """Write each of ``lines``."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _fit(text: str, encoding: str) -> str:
    r"""``text`` with each character ``encoding`` cannot hold written as ``\uXXXX`` (a surrogate pair above
    U+FFFF, as JSON has it).

    >>> _fit("a → b €", "cp1252")
    'a \\u2192 b €'
    """
    out: list[str] = []
    for ch in text:
        try:
            ch.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            n = ord(ch)
            if n > 0xFFFF:
                n -= 0x10000
                out.append(f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}")
            else:
                out.append(f"\\u{n:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _utf8_when_redirected(stream: TextIO) -> None:
    # A file or pipe in a legacy code page (Windows: cp1252) is written in UTF-8 instead; a terminal, or
    # an encoding the user chose with PYTHONIOENCODING, is left as it is.
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding == "utf8" or os.environ.get("PYTHONIOENCODING"):
        return
    with contextlib.suppress(AttributeError, ValueError, OSError):
        if not stream.isatty():
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]


def styled(text: str, code: str, stream: object) -> str:
    """``text`` in the SGR colour ``code`` (``"31"`` red) for ``stream``, its control characters escaped.

    For a :class:`SafeStream` the colour is marked, and made real when written.
    """
    if isinstance(stream, SafeStream):
        return f"{_MARK}{code}\x00{text}{_MARK}0\x00"
    return f"\033[{code}m{escape_controls(text)}\033[0m"


@contextlib.contextmanager
def terminal_output() -> Iterator[None]:
    """While the block runs, ``sys.stdout`` and ``sys.stderr`` escape control characters (see :class:`SafeStream`)."""
    out, err = sys.stdout, sys.stderr
    _utf8_when_redirected(out)
    sys.stdout = SafeStream(out)
    sys.stderr = SafeStream(err)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = out, err
