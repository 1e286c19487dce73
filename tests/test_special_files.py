"""Special files where a plan or a CSV export belongs: refused at once, never read for ever.

A FIFO would block the reader until someone writes to it, ``/dev/zero`` never ends,
a folder is not a file, and a sparse 70 MB file is over the limit.  Every command that
reads a user's file answers each of them with `not-file` or `too-big` and exit code 2,
through the one reader (:func:`agenda._files.read_user_file`).  An alarm bounds every
test, so a hang fails instead of blocking the run.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from agenda._files import MAX_BYTES, read_user_file
from agenda.cli import main
from agenda.edit import _write
from agenda.edit.sources import CsvImporter, SourceError
from agenda.edit.update import new_year, set_status, set_target, set_value
from agenda.errors import UnreadableError
from tests.conftest import MINIMAL

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "SIGALRM"),
                                reason="needs FIFOs and SIGALRM (POSIX)")

BOUND = 20  # seconds: a bound against hangs, never a measurement


@pytest.fixture(autouse=True)
def _alarm() -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {BOUND} s: the reader blocks")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(BOUND)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pijp.yaml"
    os.mkfifo(path)
    return path


def _zero(tmp_path: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "nul.yaml"
    link.symlink_to("/dev/zero")  # a link to a device: the link is followed, the device refused
    return link


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.mkdir()
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as fh:
        fh.truncate(70_000_000)  # sparse: nothing is written, the size is what counts
    return path


KINDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, "not-file"),
    "dev-zero": (_zero, "not-file"),
    "folder": (_folder, "not-file"),
    "too-big": (_huge, "too-big"),
}

#: Every command that reads the user's plan, with its arguments after the path.
PLAN_COMMANDS = {
    "validate": ["validate", "{path}"],
    "status set": ["status", "set", "{path}", "vios", "--year", "2024", "--status", "loopt"],
    "value set": ["value", "set", "{path}", "overlast", "--year", "2024", "--value", "1"],
    "target set": ["target", "set", "{path}", "overlast", "--year", "2024", "--target", "< 5"],
    "new-year": ["new-year", "{path}", "--year", "2025"],
    "check-ready": ["check-ready", "{path}", "--year", "2023"],
    "import (plan)": ["import", "{path}", "overlast", "--csv", "{csv}", "--period-column", "jaar",
                      "--value-column", "waarde"],
    "import --csv": ["import", "{plan}", "overlast", "--csv", "{path}", "--period-column", "jaar",
                     "--value-column", "waarde"],
    "reflectie": ["reflectie", "{path}", "--year", "2023"],
    "export": ["export", "{path}"],
}


class TestCommands:
    """Every command that reads a user's file refuses a special file at once, with exit code 2."""

    @pytest.mark.parametrize("kind", sorted(KINDS))
    @pytest.mark.parametrize("command", sorted(PLAN_COMMANDS))
    def test_refused(self, command: str, kind: str, tmp_path: Path) -> None:
        """The answer is the located problem (`not-file` or `too-big`) in plain words, exit 2, nothing written."""
        make, code = KINDS[kind]
        path = make(tmp_path)
        plan = tmp_path / "agenda.yaml"
        plan.write_text(MINIMAL, encoding="utf-8")
        csv = tmp_path / "bron.csv"
        csv.write_text("jaar,waarde\n2021,333\n", encoding="utf-8")
        argv = [a.format(path=path, plan=plan, csv=csv) for a in PLAN_COMMANDS[command]] + ["--lang", "en"]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exit_code = main(argv)
        assert exit_code == 2, (argv, out.getvalue(), err.getvalue())
        said = out.getvalue() + err.getvalue()
        words = {"not-file": "this is not a regular file", "too-big": "the file is 70 MB; files over 67 MB are not read"}
        assert f"{path}:1:1: error: {words[code]}" in said, said
        assert plan.read_text(encoding="utf-8") == MINIMAL
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["agenda.yaml", "bron.csv", path.name])


class TestApi:
    """The API paths raise the located problem, never block and never read past the limit."""

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_edits(self, kind: str, tmp_path: Path) -> None:
        """set_status, set_value, set_target and new_year raise UnreadableError with the kind's code."""
        make, code = KINDS[kind]
        path = make(tmp_path)
        for edit in (lambda: set_status(path, "vios", 2024, "loopt"), lambda: set_value(path, "overlast", 2024, 1),
                     lambda: set_target(path, "overlast", 2024, "< 5"), lambda: new_year(path, 2025)):
            with pytest.raises(UnreadableError) as info:
                edit()
            assert [p.code for p in info.value.problems] == [code]
            assert info.value.problems[0].location is not None
            assert info.value.problems[0].location.file == str(path), "located at the name the user gave"

    @pytest.mark.parametrize("kind", sorted(KINDS))
    def test_csv_importer(self, kind: str, tmp_path: Path) -> None:
        """The CSV importer raises SourceError with the kind's code."""
        make, code = KINDS[kind]
        with pytest.raises(SourceError) as info:
            CsvImporter().read(make(tmp_path), value_column="waarde")
        assert [p.code for p in info.value.problems] == [code]

    def test_missing_and_a_link_to_a_plan(self, tmp_path: Path) -> None:
        """A missing file is `missing`; a symlink to a plan is followed and the link itself stays a link."""
        with pytest.raises(UnreadableError) as info:
            read_user_file(tmp_path / "nergens.yaml")
        assert info.value.problems[0].code == "missing"
        plan = tmp_path / "echt.yaml"
        plan.write_text(MINIMAL, encoding="utf-8")
        link = tmp_path / "agenda.yaml"
        link.symlink_to(plan.name)
        assert set_status(link, "vios", 2024, "loopt").written
        assert link.is_symlink() and "2024: loopt" in plan.read_text(encoding="utf-8")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.yaml", "echt.yaml"]

    def test_the_file_is_read_once_into_memory(self, tmp_path: Path) -> None:
        """Reading a 20 MB file holds it once: the peak is the file and not a second copy of it."""
        path = tmp_path / "groot.yaml"
        path.write_bytes(b"# x\n" * 5_000_000)
        tracemalloc.start()
        try:
            data, _ = read_user_file(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert len(data) == 20_000_000
        assert peak < 1.1 * len(data), f"peak {peak / 1e6:.1f} MB"

    def test_the_check_before_the_rename_streams(self, tmp_path: Path) -> None:
        """The last look at the file before the rename hashes it in chunks: no copy of the plan in memory."""
        path = tmp_path / "groot.yaml"
        path.write_bytes(b"# x\n" * 5_000_000)
        tracemalloc.start()
        try:
            seen = _write._fingerprint(str(path))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert seen is not None and seen == _write.snapshot(str(path))[1]
        assert peak < 2_000_000, f"peak {peak / 1e6:.1f} MB"

    def test_limit_is_64_mib(self) -> None:
        """The one limit every reader applies is 64 MiB."""
        assert MAX_BYTES == 64 * 1024 * 1024
