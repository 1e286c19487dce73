"""The edges of the program: reading a user's file safely, and text to bytes for the files it writes.

:func:`read_user_file` is the one reader of files that people give ``agenda``: the
plan (``validate``, every edit), a CSV export (``import``), a filled-in survey.  It
refuses what is not a regular file *before* reading a byte — a FIFO would block
forever, ``/dev/zero`` would never end — and what is larger than :data:`MAX_BYTES`,
and it reads at most that much even when the file grows meanwhile.

:func:`encode_text` turns text into the UTF-8 bytes of an output file.  The only text
that cannot be encoded is a file name that is not valid UTF-8 (Python carries its
bytes as lone surrogates); such a character is written as ``\\udcff``, visibly and
the same way JSON writes it, instead of crashing the write.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import Final

from agenda._i18n import Catalog
from agenda.errors import Problem, UnreadableError, make_problem
from agenda.model import Location

__all__ = ["MAX_BYTES", "encode_text", "escape_chars", "read_user_file", "too_big"]

#: The largest file ``agenda`` reads (64 MiB): a plan is a few hundred kB, a CSV export a few MB.
MAX_BYTES: Final = 64 * 1024 * 1024

_T = Catalog(
    "files",
    {
        "missing": {"nl": "bestand niet gevonden", "en": "file not found"},
        "missing-hint": {
            "nl": "Controleer de naam en de map van het bestand.",
            "en": "Check the file's name and folder.",
        },
        "not-file": {"nl": "dit is geen gewoon bestand", "en": "this is not a regular file"},
        "not-file-hint": {
            "nl": "Geef een gewoon bestand: geen map, pipe of apparaat. Controleer de naam en de map.",
            "en": "Give a regular file: not a folder, pipe or device. Check the file's name and folder.",
        },
        "os-error": {"nl": "het bestand kan niet gelezen worden: {error}", "en": "the file cannot be read: {error}"},
        "os-error-hint": {
            "nl": "Controleer of het bestand bestaat en of u het mag lezen.",
            "en": "Check that the file exists and that you may read it.",
        },
        "too-big": {
            "nl": "het bestand is {size} MB; meer dan {limit} MB wordt niet gelezen",
            "en": "the file is {size} MB; files over {limit} MB are not read",
        },
        "too-big-hint": {
            "nl": "Een agenda is enkele honderden kB. Is dit het goede bestand?",
            "en": "A plan is a few hundred kB. Is this the right file?",
        },
    },
)

# Lone surrogates: the bytes of a file name that is not valid UTF-8 (os.fsdecode's surrogateescape).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _problem(code: str, file: str, fields: dict[str, object]) -> Problem:
    return make_problem(_T, code, Location(file, 1, 1), None, f"{code}-hint", fields)


def _unreadable(code: str, file: str, exc: OSError | None = None, **fields: object) -> UnreadableError:
    # errno and strerror are the operating system's when it refused the file (UnreadableError is an OSError)
    return UnreadableError([_problem(code, file, fields)], filename=file, errno=exc.errno if exc else None,
                           strerror=exc.strerror if exc else None)


def too_big(file: str, size: int, limit: int = MAX_BYTES) -> UnreadableError:
    """The error for a file of ``size`` bytes, over ``limit`` (``errno`` EFBIG)."""
    return _unreadable("too-big", file, OSError(errno.EFBIG, os.strerror(errno.EFBIG)), size=size // 1_000_000,
                       limit=limit // 1_000_000)


def read_user_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (at most ``max_bytes``) and its status, from one open file.

    The file is opened without blocking and checked with ``fstat`` before it is read,
    so a FIFO, a device or a folder is refused at once (``not-file``), as is a file over
    ``max_bytes`` (``too-big``); a missing file is ``missing``, anything else the
    operating system refuses is ``os-error``.  Each is an :class:`~agenda.errors.UnreadableError`
    located at line 1 of ``path``.  Symbolic links are followed.
    """
    file = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(file, flags)
    except FileNotFoundError as exc:
        raise _unreadable("missing", file, exc) from exc
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EISDIR):  # a socket; a folder on some systems
            raise _unreadable("not-file", file, exc) from exc
        raise _unreadable("os-error", file, exc, error=exc.strerror or exc) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _unreadable("not-file", file)
        if st.st_size > max_bytes:
            raise too_big(file, st.st_size, max_bytes)
        # One read of the whole file (plus a byte, to see a file that grew): no second copy in memory.
        chunks = [os.read(fd, st.st_size + 1)]
        got = len(chunks[0])
        while chunks[-1] and got <= max_bytes:  # a short read, or a file that grows while it is read
            chunks.append(os.read(fd, min(1 << 20, max_bytes + 1 - got)))
            got += len(chunks[-1])
        if got > max_bytes:
            raise too_big(file, got, max_bytes)
        return chunks[0] if len(chunks) <= 2 and not chunks[-1] else b"".join(chunks), st
    except UnreadableError:
        raise
    except OSError as exc:
        raise _unreadable("os-error", file, exc, error=exc.strerror or exc) from exc
    finally:
        os.close(fd)


def escape_chars(text: str, pattern: re.Pattern[str]) -> str:
    r"""``text`` with every character that ``pattern`` matches written as ``\uXXXX``.

    The notation is JSON's, so JSON output stays valid and means the same value.

    >>> escape_chars("a\x1bb", re.compile("[\x00-\x1f]"))
    'a\\u001bb'
    """
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: "".join(f"\\u{ord(c):04x}" for c in m.group(0)), text)


def encode_text(text: str) -> bytes:
    r"""``text`` as UTF-8 bytes; a lone surrogate (a file name that is not UTF-8) is written as ``\udcXX``.

    >>> encode_text("plan-\udcff.yaml")
    b'plan-\\udcff.yaml'
    """
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return escape_chars(text, _SURROGATE).encode("utf-8")
