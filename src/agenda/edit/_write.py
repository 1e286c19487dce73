"""The one writer of files, and the one way to edit a user's plan: locked, checked, atomic, no leftovers.

**Writing.**  :func:`write_atomic` writes every file ``agenda`` writes — an edited plan,
a report, a diagram — through a temporary file in the same folder: written, flushed,
fsynced and given the permission bits, then renamed over the target; the folder is
fsynced after.  A reader sees the old file or the new one, never a part of one.  With a
:class:`Snapshot` of the file as it was read, the file is compared just before the
rename: if it changed on disk (an editor saved it), :class:`ChangedOnDisk` is raised and
nothing is written.  :func:`write_new` creates a file that must not exist yet.

**Editing.**  :func:`editing` is the read–check–write cycle of a plan, and every writer
of the user's plan uses it (``status set``, ``value set``, ``target set``, ``new-year``,
``import``, the survey read-back)::

    with editing(path) as plan:
        new = change(plan.text)
        plan.write(new)

For the whole cycle it holds an exclusive lock, so two edits of one plan run one
after the other and neither overwrites the other: the second reads what the first
wrote.  The lock is an operating-system lock (``fcntl.flock``, ``msvcrt.locking`` on
Windows) on a hidden file beside the plan, ``.agenda.yaml.agenda-lock``, which is
removed again when the edit ends; the system releases the lock of a process that
dies.  An edit waits at most :data:`LOCK_TIMEOUT` seconds (``AGENDA_LOCK_TIMEOUT``
overrides it) for another one to finish, then is refused with :class:`PlanBusy`.

**No leftovers.**  A temporary file is named ``.agenda.yaml.<pid>.<random>.tmp``.  A
writer that is killed at the wrong moment leaves it behind; the next write of the same
file removes such files of earlier runs once they are no longer in use: their process
has ended, or they are older than :data:`STALE_AFTER` seconds.  A live concurrent
writer's file is never touched.

:mod:`agenda.edit.update` re-exports :class:`ChangedOnDisk` and :class:`PlanBusy`.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import stat
import sys
import threading
import time
from collections.abc import Iterator
from typing import Final

import attrs

try:  # CPython's own BLAKE2: importing hashlib would load OpenSSL first, 3-4 ms at the start of every edit
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b as _blake2b

from agenda._files import MAX_BYTES, read_user_file
from agenda._i18n import LANGUAGES, Catalog
from agenda.errors import AgendaError, Problem, UnreadableError, Words, make_problem
from agenda.format import _yaml
from agenda.model import Location

__all__ = [
    "LOCK_TIMEOUT",
    "STALE_AFTER",
    "ChangedOnDisk",
    "PlanBusy",
    "PlanEdit",
    "Snapshot",
    "editing",
    "lock_timeout",
    "locked",
    "remove_leftovers",
    "snapshot",
    "write_atomic",
    "write_new",
]

#: Seconds an edit waits for another edit of the same plan before it is refused.
LOCK_TIMEOUT: Final = 20.0
#: A temporary file this many seconds old is a leftover even when its process seems to run.
STALE_AFTER: Final = 600.0
#: The longest wait that may be asked for with ``AGENDA_LOCK_TIMEOUT``, in seconds.
_MAX_TIMEOUT: Final = 3600.0

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
        "busy": {
            "nl": "het bestand wordt al bewerkt door een andere opdracht van agenda{who}; na {seconds} seconden "
                  "wachten is er niets geschreven",
            "en": "the file is being edited by another agenda command{who}; after waiting {seconds} seconds "
                  "nothing was written",
        },
        "busy-who": {"nl": " (proces {pid})", "en": " (process {pid})"},
        "busy-hint": {
            "nl": "Wacht tot die opdracht klaar is en voer deze opnieuw uit. Loopt er geen agenda meer, "
                  "verwijder dan het verborgen bestand {lock}.",
            "en": "Wait until that command is done and run this one again. If no agenda is running any more, "
                  "remove the hidden file {lock}.",
        },
        "bad-timeout": {
            "nl": "AGENDA_LOCK_TIMEOUT='{value}' is geen aantal seconden tussen 0 en {limit}",
            "en": "AGENDA_LOCK_TIMEOUT='{value}' is not a number of seconds between 0 and {limit}",
        },
        "bad-timeout-hint": {
            "nl": "Geef bijvoorbeeld AGENDA_LOCK_TIMEOUT=20, of laat de variabele weg.",
            "en": "Give for example AGENDA_LOCK_TIMEOUT=20, or leave the variable out.",
        },
        "not-lock": {
            "nl": "{lock} staat naast het bestand maar is geen slotbestand van agenda; er is niets geschreven",
            "en": "{lock} is next to the file but is not an agenda lock file; nothing was written",
        },
        "not-lock-hint": {"nl": "Verwijder {lock} of geef het een andere naam.",
                          "en": "Remove {lock} or rename it."},
    },
)

_WINDOWS = sys.platform == "win32"


def _problem(code: str, file: str | None, hint: str | None = None, **fields: object) -> Problem:
    # A field given per language ({"nl": …, "en": …}) is filled in per language.
    values = {k: (Words(v) if isinstance(v, dict) else v) for k, v in fields.items()}
    return make_problem(_T, code, Location(file, 1, 1) if file else None, None, hint, values)


class ChangedOnDisk(AgendaError):
    """The file changed on disk between reading it and writing the edit; nothing was written."""


class PlanBusy(AgendaError):
    """Another edit held the plan for longer than the lock timeout; nothing was written."""


# --------------------------------------------------------------------------- snapshots


@attrs.frozen
class Snapshot:
    """What a file was when it was read: its mtime, its size and the BLAKE2b digest of its bytes."""

    mtime_ns: int
    size: int
    digest: str


def snapshot(path: str, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, Snapshot]:
    """The bytes of the regular file at ``path`` and its :class:`Snapshot`, from one open file.

    Read by :func:`agenda._files.read_user_file`: a FIFO, a device or a file over
    ``max_bytes`` is an :class:`~agenda.errors.UnreadableError`, never a hang.
    """
    data, st = read_user_file(path, max_bytes=max_bytes)
    return data, Snapshot(st.st_mtime_ns, st.st_size, _blake2b(data).hexdigest())


def _fingerprint(path: str) -> Snapshot | None:
    """The :class:`Snapshot` of the file at ``path`` now, hashed in chunks (no copy of the file in memory).

    None when it is no longer a regular file (or is gone): then it has changed.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        digest, buffer = _blake2b(), bytearray(1 << 18)  # one buffer, filled again and again
        view = memoryview(buffer)
        while size := fh.readinto(buffer):
            digest.update(view[:size])
        return Snapshot(st.st_mtime_ns, st.st_size, digest.hexdigest())


# --------------------------------------------------------------------------- writing


def write_atomic(path: str | os.PathLike[str], data: bytes, before: Snapshot | None = None) -> None:
    """Replace (or create) the file at ``path`` by ``data`` atomically.

    The new file gets the permission bits of the file it replaces, or the usual ones
    (``0o666`` less the umask) for a new file.  With ``before``, :class:`ChangedOnDisk`
    is raised and nothing written when the file is no longer what ``before`` says.  On
    any failure the old file stays and the temporary file is removed.  Leftover
    temporary files of earlier, killed writers of the same file are removed first.
    """
    target = os.fspath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    remove_leftovers(target)
    tmp = _write_temp(target, data, mode)
    try:
        if before is not None and _fingerprint(target) != before:
            raise ChangedOnDisk([_problem("changed-on-disk", None, "changed-on-disk-hint")])
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def write_new(path: str | os.PathLike[str], data: bytes) -> None:
    """Create the file at ``path`` with ``data``, complete or not at all; FileExistsError if it exists.

    The temporary file is linked to its name, which never replaces an existing file,
    so a file that appears meanwhile is not overwritten either.  Where the file system
    has no links, the file is created exclusively and written in place.
    """
    target = os.fspath(path)
    remove_leftovers(target)
    tmp = _write_temp(target, data, 0o666 & ~_umask())
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): exclusive create
        with open(target, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _fsync_dir(os.path.dirname(target) or ".")


def _make_temp(folder: str, prefix: str) -> tuple[int, str]:
    # What tempfile.mkstemp does (a new file only this process opened, mode 0600), without importing
    # tempfile and with it shutil, bz2 and lzma: an edit should start as fast as a check.
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f"{prefix}{os.urandom(4).hex()}.tmp")  # eight characters, as mkstemp
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)


def _write_temp(target: str, data: bytes, mode: int) -> str:
    folder, name = os.path.split(target)
    fd, tmp = _make_temp(folder or ".", f".{name}.{os.getpid()}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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


# --------------------------------------------------------------------------- leftovers


def _leftover_pattern(name: str) -> re.Pattern[str]:
    # .NAME.<pid>.<8 random>.tmp (this version), .NAME.<8 random>.tmp (before: no pid).
    return re.compile(rf"\.{re.escape(name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp\Z")


def remove_leftovers(path: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files that killed writers of ``path`` left beside it; the names removed.

    A temporary file is a leftover when the process named in it has ended, or when
    it is older than :data:`STALE_AFTER` seconds (a file of an older ``agenda``, which
    named no process, only then, and only when its random part holds a digit or ``_``).
    The temporary file of a live writer is kept.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    pattern = _leftover_pattern(name)
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            pid = int(m.group(1)) if m.group(1) else None
            old = now - st.st_mtime > STALE_AFTER
            if pid is None and not any(c.isdigit() or c == "_" for c in entry.name[-12:-4]):
                continue  # without a pid, a name of letters only is more likely someone's own file
            if old or (pid is not None and pid != os.getpid() and not _running(pid)):
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
    return removed


def _running(pid: int) -> bool:
    if _WINDOWS:  # os.kill(pid, 0) would end the process there: age alone decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or not a pid at all
        return True
    return True


# --------------------------------------------------------------------------- the lock


def lock_timeout() -> float:
    """The seconds an edit waits for the lock: ``AGENDA_LOCK_TIMEOUT`` when set, else :data:`LOCK_TIMEOUT`.

    Raises :class:`~agenda.errors.AgendaError` for a value that is not a number of
    seconds from 0 to 3600.
    """
    raw = os.environ.get("AGENDA_LOCK_TIMEOUT", "").strip()
    if not raw:
        return LOCK_TIMEOUT
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= _MAX_TIMEOUT):
        raise AgendaError([_problem("bad-timeout", None, "bad-timeout-hint", value=raw, limit=int(_MAX_TIMEOUT))])
    return value


def _lock_path(real: str) -> str:
    folder, name = os.path.split(real)
    return os.path.join(folder, f".{name}.agenda-lock")


# Locks this process holds: lock path -> [thread id, depth], so a nested edit in the same thread goes on.
_HELD: dict[str, list[int]] = {}
_HELD_GUARD = threading.Lock()


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive edit lock of the plan at ``path`` (a real path, symlinks resolved).

    Waits up to ``timeout`` seconds (default :func:`lock_timeout`) for another holder,
    then raises :class:`PlanBusy`.  The same thread may take the lock again inside.
    An :class:`OSError` (a folder one may not write in) is raised as it is.
    """
    real = os.fspath(path)
    lock = _lock_path(real)
    me = threading.get_ident()
    with _HELD_GUARD:
        held = _HELD.get(lock)
        if held is not None and held[0] == me:
            held[1] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _HELD_GUARD:
                _HELD[lock][1] -= 1
        return
    wait = lock_timeout() if timeout is None else timeout
    fd = _acquire(lock, real, wait)
    with _HELD_GUARD:
        _HELD[lock] = [me, 1]
    try:
        yield
    finally:
        with _HELD_GUARD:
            del _HELD[lock]
        _release(fd, lock)


def _acquire(lock: str, real: str, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    delay = 0.005
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        fd = os.open(lock, flags, 0o666)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise AgendaError([_problem("not-lock", real, "not-lock-hint", lock=lock)])
            if _try_lock(fd):
                if _same_file(lock, st):  # else the holder removed it just before: take the new one
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                    return fd
                _unlock(fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if time.monotonic() >= deadline:
            raise PlanBusy([_busy(real, lock, timeout)])
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 2, 0.1)


def _same_file(lock: str, st: os.stat_result) -> bool:
    try:
        now = os.stat(lock, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


def _release(fd: int, lock: str) -> None:
    if not _WINDOWS:  # removed while still held: whoever opens the name next gets a new file
        with contextlib.suppress(OSError):
            os.unlink(lock)
    try:
        _unlock(fd)
    finally:
        os.close(fd)
    if _WINDOWS:  # an open file cannot be removed there; one another process has open stays
        with contextlib.suppress(OSError):
            os.unlink(lock)


def _busy(real: str, lock: str, timeout: float) -> Problem:
    pid = ""
    with contextlib.suppress(OSError, ValueError):  # the holder's pid, when it is there to read
        pid = str(int(read_user_file(lock, max_bytes=32)[0].strip() or b"x"))
    seconds = f"{timeout:g}"
    return _problem("busy", real, "busy-hint", seconds=seconds, lock=os.path.basename(lock),
                    who={lang: _T("busy-who", lang, pid=pid) if pid else "" for lang in LANGUAGES})


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- the edit cycle


class PlanEdit:
    """A plan opened for one edit by :func:`editing`: its text as read, and :meth:`write`.

    ``path`` is the name as given (used in messages), ``real`` the file written (symlinks
    resolved: an edit writes through a link, never replaces the link itself).
    """

    def __init__(self, path: str, real: str, data: bytes, before: Snapshot, writable: bool) -> None:
        self.path = path
        self.real = real
        self.before = before
        self._data: bytes | None = data
        self._writable = writable
        self._bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        self._text: str | None = None
        self.written = False

    @property
    def text(self) -> str:
        """The plan's text (a UTF-8 BOM removed); checked like ``validate`` checks it (NUL, UTF-8, empty)."""
        if self._text is None:
            assert self._data is not None
            self._text = _yaml.decode(self._data, self.path)
            self._data = None  # the bytes are not needed again: a big plan is not held twice
        return self._text

    def write(self, text: str) -> None:
        """Write ``text`` as the new plan (a BOM the file had is kept), atomically.

        Raises :class:`ChangedOnDisk` when the file changed since it was read, by
        someone who does not take the lock (an editor).
        """
        if not self._writable:
            raise RuntimeError("this plan was opened for reading only (editing(..., lock=False))")
        write_atomic(self.real, self._bom + text.encode("utf-8"), self.before)
        self.written = True


@contextlib.contextmanager
def editing(path: str | os.PathLike[str], *, lock: bool = True, timeout: float | None = None) -> Iterator[PlanEdit]:
    """One read–check–write cycle of the plan at ``path``, under its exclusive edit lock.

    Takes the lock (waiting up to ``timeout`` seconds, else :class:`PlanBusy`), reads the
    file with the checks of ``validate`` (a regular file, at most 64 MiB; an
    :class:`~agenda.errors.UnreadableError` otherwise) and yields a :class:`PlanEdit`;
    the lock is released when the block ends.  With ``lock=False`` (a dry run) nothing
    is locked and :meth:`PlanEdit.write` is refused.
    """
    shown = os.fspath(path)
    real = os.path.realpath(shown)
    if lock:  # a missing file or a FIFO is refused before a lock file is made beside it
        try:
            regular = stat.S_ISREG(os.stat(real).st_mode)
        except OSError:
            regular = False
        if not regular:
            _read(real, shown)  # raises the error validate gives
    with locked(real, timeout=timeout) if lock else contextlib.nullcontext():
        data, before = _read(real, shown)
        yield PlanEdit(shown, real, data, before, writable=lock)


def _read(real: str, shown: str) -> tuple[bytes, Snapshot]:
    try:
        return snapshot(real)
    except UnreadableError as exc:  # located at the name the user gave, not the resolved one
        problems = [_relocate(p, real, shown) for p in exc.problems]
        raise UnreadableError(problems, exc.lang, filename=shown, errno=exc.errno,
                              strerror=exc.strerror) from exc.__cause__


def _relocate(problem: Problem, real: str, shown: str) -> Problem:
    loc = problem.location
    if loc is None or loc.file != real or real == shown:
        return problem
    return attrs.evolve(problem, location=Location(shown, loc.line, loc.column))
