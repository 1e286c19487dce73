"""agenda.load on a file that is no plan to read: UnreadableError, which is also an OSError."""

from __future__ import annotations

import errno
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

import agenda
from agenda.errors import AgendaError, UnreadableError

from .conftest import MINIMAL

Write = Callable[[str], Path]


class TestUnreadableIsAnOSError:
    """A caller can tell "no file" from "an invalid plan" with except OSError, and still read the problem."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file raises UnreadableError with errno ENOENT, the file name and the FileNotFoundError as cause."""
        path = tmp_path / "weg.yaml"
        with pytest.raises(OSError, match="bestand niet gevonden") as info:
            agenda.load(path)
        exc = info.value
        assert isinstance(exc, UnreadableError) and isinstance(exc, AgendaError)
        assert exc.errno == errno.ENOENT and exc.filename == str(path)
        assert isinstance(exc.__cause__, FileNotFoundError)
        assert exc.problems[0].code == "missing"

    def test_folder(self, tmp_path: Path) -> None:
        """A folder where a file was expected is unreadable, not an invalid plan."""
        with pytest.raises(UnreadableError) as info:
            agenda.load(tmp_path)
        assert info.value.problems[0].code == "not-file" and info.value.filename == str(tmp_path)

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
    def test_no_permission(self, write_plan: Write) -> None:
        """A file without read permission carries EACCES."""
        path = write_plan(MINIMAL)
        path.chmod(0)
        try:
            with pytest.raises(UnreadableError) as info:
                agenda.load(path)
        finally:
            path.chmod(0o644)
        assert info.value.errno == errno.EACCES

    @pytest.mark.parametrize(("content", "code"), [
        (b"", "empty"), (b"  \n\n", "empty"), (b"format: 1\x00\x01", "binary"),
        (b"title: caf\xe9\n", "not-utf8"),
    ])
    def test_bytes_that_are_no_text(self, tmp_path: Path, content: bytes, code: str) -> None:
        """Empty, binary and non-UTF-8 files are UnreadableError without an errno: the OS read them fine."""
        path = tmp_path / "agenda.yaml"
        path.write_bytes(content)
        with pytest.raises(OSError, match="fout") as info:
            agenda.load(path)
        assert isinstance(info.value, UnreadableError)
        assert info.value.problems[0].code == code and info.value.errno is None
        assert info.value.filename == str(path)

    def test_invalid_plan_is_no_oserror(self, write_plan: Write) -> None:
        """A readable plan with content errors is an AgendaError, never an OSError."""
        with pytest.raises(AgendaError) as info:
            agenda.load(write_plan(MINIMAL.replace("gemeente: Testdorp\n", "")))
        assert not isinstance(info.value, OSError)

    def test_str_is_the_problem_not_oserror_text(self, tmp_path: Path) -> None:
        """str() is the located Dutch problem, not OSError's '[Errno 2] …'."""
        with pytest.raises(UnreadableError) as info:
            agenda.load(tmp_path / "weg.yaml")
        assert str(info.value).startswith(f"{tmp_path / 'weg.yaml'}:1:1: fout: bestand niet gevonden")
        assert info.value.render("en").endswith("file not found\n    Check the file's name and folder.")

    def test_pickles(self, tmp_path: Path) -> None:
        """The error survives pickling (multiprocessing) with its problems, errno and file name."""
        with pytest.raises(UnreadableError) as info:
            agenda.load(tmp_path / "weg.yaml")
        copy = pickle.loads(pickle.dumps(info.value))
        assert isinstance(copy, UnreadableError) and isinstance(copy, OSError)
        assert copy.problems == info.value.problems and copy.errno == errno.ENOENT
        assert copy.filename == info.value.filename and str(copy) == str(info.value)

    def test_constructed_by_hand(self) -> None:
        """Built from problems alone, the file name is taken from the first located problem."""
        with pytest.raises(UnreadableError) as info:
            agenda.load("/")
        again = UnreadableError(info.value.problems)
        assert again.filename == "/" and again.errno is None and again.strerror is None
