"""The atomic write of an edited plan file, and the check that nobody changed it meanwhile.

A temporary file in the same directory is written, flushed, fsynced and given
the original's permission bits, then renamed over the plan; the directory is
fsynced after.  Just before the rename the file is read again: if it changed on
disk since it was read (another editor saved it), :class:`ChangedOnDisk` is
raised and nothing is written.  Private; :mod:`agenda.edit.update` re-exports
:class:`ChangedOnDisk`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile

import attrs

from agenda._i18n import Catalog
from agenda.errors import AgendaError, Problem, Severity

__all__ = ["ChangedOnDisk", "Snapshot", "snapshot", "write_atomic"]

_T = Catalog(
    "write",
    {
        "changed-on-disk": {
            "nl": "het bestand is gewijzigd terwijl agenda ermee bezig was; er is niets geschreven",
            "en": "the file changed on disk while agenda was working on it; nothing was written",
        },
        "changed-on-disk-hint": {
            "nl": "Sla het bestand op in uw editor en voer de opdracht opnieuw uit.",
            "en": "Save the file in your editor and run the command again.",
        },
    },
)

_LANGS = ("nl", "en")


class ChangedOnDisk(AgendaError):
    """The file changed on disk between reading it and writing the edit; nothing was written."""


@attrs.frozen
class Snapshot:
    """What a file was when it was read: its mtime, its size and the SHA-256 of its bytes."""

    mtime_ns: int
    size: int
    digest: str


def snapshot(path: str) -> tuple[bytes, Snapshot]:
    """The bytes of the file at ``path`` and its :class:`Snapshot`, from one open file."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        data = fh.read()
    return data, Snapshot(st.st_mtime_ns, st.st_size, hashlib.sha256(data).hexdigest())


def write_atomic(path: str, data: bytes, before: Snapshot) -> None:
    """Replace the file at ``path`` by ``data`` atomically, unless it is no longer ``before``.

    Raises :class:`ChangedOnDisk` when the file changed on disk since ``before``
    was taken; on any failure the old file stays and the temporary file is removed.
    """
    folder = os.path.dirname(path) or "."
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        _, now = snapshot(path)
        if now != before:
            raise ChangedOnDisk([Problem("changed-on-disk", Severity.ERROR, None, None,
                                         {lang: _T("changed-on-disk", lang) for lang in _LANGS},
                                         {lang: _T("changed-on-disk-hint", lang) for lang in _LANGS})])
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: str) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open a directory
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(dfd)
