"""A file the system will not let agenda replace (on Windows: open in Word or Excel) gets a clear answer.

The refusal is simulated by making ``os.replace`` raise ``PermissionError`` for one target, which is
what Windows does when another program holds the file open. Every command then names the file as the
user knows it (never agenda's temporary file), says that it may be open in another program, exits 2,
leaves the old file as it was and leaves no temporary file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEVENTER, MINIMAL
from tests.test_templates import run_cli

HINT = "Staat het bestand open in een ander programma, zoals Word of Excel?"


@pytest.fixture
def refuse(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Make replacing any file whose name ends with ``suffix`` fail as Windows does for an open file."""

    def install(suffix: str) -> None:
        real = os.replace

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], **kw: object) -> None:
            if os.fspath(dst).endswith(suffix):
                raise PermissionError(13, "Permission denied", os.fspath(src), None, os.fspath(dst))
            real(src, dst, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "replace", replace)

    return install


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_status_set(tmp_path: Path, refuse: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    refuse("plan.yaml")
    code, _, err = run_cli(["status", "set", "plan.yaml", "vios", "--year", "2023", "--status", "afgerond"])
    assert code == 2
    assert err.startswith("kan niet schrijven naar plan.yaml: geen toestemming") and HINT in err
    assert plan.read_text(encoding="utf-8") == MINIMAL and _leftovers(tmp_path) == []


def test_survey_write(tmp_path: Path, refuse: Callable[[str], None]) -> None:
    pytest.importorskip("openpyxl")
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    refuse(".xlsx")
    code, _, err = run_cli(["survey", "write", str(plan), "--year", "2023", "--out", str(tmp_path / "uit")])
    assert code == 2 and HINT in err and ".xlsx: geen toestemming" in err and ".tmp" not in err
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not DEVENTER.exists(), reason="the Deventer plan is not in the repository")
def test_report(tmp_path: Path, refuse: Callable[[str], None]) -> None:
    refuse(".docx")
    out = tmp_path / "rapport"
    code, _, err = run_cli(["--lang", "en", "report", str(DEVENTER), "--year", "2023", "--out", str(out)])
    assert code == 2
    assert f"cannot write to {out / 'rapport-2023.docx'}: permission denied" in err
    assert "Is the file open in another program, such as Word or Excel?" in err
    assert _leftovers(tmp_path) == []


def test_the_reason_is_said_in_the_users_language(tmp_path: Path) -> None:
    """A report folder that is a file: the operating system's English reason is said in Dutch."""
    blocker = tmp_path / "rapport"
    blocker.write_text("", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    code, _, err = run_cli(["report", str(plan), "--year", "2023", "--out", str(blocker)])
    assert code == 2
    assert f"kan niet schrijven naar {blocker}: daar staat een bestand, waar een map moet komen" in err
    assert "File exists" not in err
