"""Two edits of one plan at once: both land, or one is refused; a killed edit leaves nothing behind.

The races are made deterministic by slowing a step down in a child process: a small
driver replaces ``os.replace`` (or another step of the write) by a version that says
"I am here" through a marker file and waits until the test says "go".  The second
edit is started while the first one is inside that window.  Every wait has a bound,
so a hang fails the test instead of blocking the run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import agenda
from agenda.cli import main
from agenda.edit import _write
from agenda.edit.update import PlanBusy, set_status
from agenda.errors import AgendaError
from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parent.parent
BOUND = 60.0  # seconds: a bound against hangs, never a measurement

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX signals and flock")

# The child: `python -c DRIVER [--pause-STEP MARKER GO]… [--mark-lock MARKER] agenda-arguments…`.
DRIVER = r"""
import os, sys, time
from pathlib import Path

def pause_at(step, marker, go):
    real = getattr(os, step)
    def slow(*args, **kwargs):
        if not Path(marker).exists():  # the first call only
            Path(marker).write_text(str(os.getpid()))
            deadline = time.monotonic() + 60
            while not Path(go).exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return real(*args, **kwargs)
    setattr(os, step, slow)

args = sys.argv[1:]
while args and args[0].startswith("--pause-"):
    pause_at(args[0][len("--pause-"):], args[1], args[2])
    args = args[3:]
if args and args[0] == "--mark-lock":
    import agenda.edit._write as w
    marker, real_acquire = args[1], w._acquire
    def acquire(*a, **k):
        Path(marker).write_text("at the lock")
        return real_acquire(*a, **k)
    w._acquire = acquire
    args = args[2:]
from agenda.cli import main
sys.exit(main(args))
"""

PLAN = MINIMAL.replace("""            status: {2023: loopt}
""", """            status: {2023: loopt}
          - id: nazorg
            name: Nazorg na incidenten
            status: {2023: loopt}
""")


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("AGENDA_LOCK_TIMEOUT", None)
    env.update(extra)
    return env


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", DRIVER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env or _env())


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + BOUND
    while not path.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the child ended (exit {proc.returncode}) before {path.name}: {out}{err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {path.name} within {BOUND} s")
        time.sleep(0.01)


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=BOUND)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"the child did not end within {BOUND} s")
    return proc.returncode, out, err


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The plan, alone in its folder."""
    path = tmp_path / "agenda.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


# The second edit, for each command that writes the user's plan, and how to see that it landed.
SECOND_EDITS = {
    "status set": (["status", "set", "{plan}", "nazorg", "--year", "2024", "--status", "vertraagd"],
                   lambda a: a.get("nazorg").status_in(2024).status == "vertraagd"),
    "value set": (["value", "set", "{plan}", "overlast", "--year", "2024", "--value", "512"],
                  lambda a: [v.value for v in a.get("overlast").values_in(2024)] == [512]),
    "target set": (["target", "set", "{plan}", "overlast", "--year", "2025", "--target", "< 500"],
                   lambda a: a.get("overlast").target(2025).target.text == "< 500"),
    "new-year": (["new-year", "{plan}", "--year", "2025"], lambda a: 2025 in a.reporting_years),
    "import": (["import", "{plan}", "overlast", "--csv", "{csv}", "--period-column", "jaar",
                "--value-column", "waarde"],
               lambda a: [v.value for v in a.get("overlast").values_in(2021)] == [333]),
}


class TestLostUpdate:
    """An edit that starts while another is between its check and its rename waits for it, then lands too."""

    @pytest.mark.parametrize("command", sorted(SECOND_EDITS))
    def test_both_edits_land(self, command: str, plan: Path) -> None:
        """The second edit waits at the lock while the first is paused in its rename; then both changes are there."""
        folder = plan.parent
        csv = folder / "bron.csv"
        csv.write_text("jaar,waarde\n2021,333\n", encoding="utf-8")
        first = _start("--pause-replace", str(folder / "in-rename"), str(folder / "go"),
                       "status", "set", str(plan), "vios", "--year", "2024", "--status", "afgerond")
        _wait_for(folder / "in-rename", first)  # the first edit holds the lock, its new file not yet in place
        argv, landed = SECOND_EDITS[command]
        second = _start("--mark-lock", str(folder / "at-lock"),
                        *[a.format(plan=plan, csv=csv) for a in argv])
        _wait_for(folder / "at-lock", second)  # the second edit has read nothing yet: it is at the lock
        (folder / "go").touch()
        code1, _, err1 = _finish(first)
        code2, _, err2 = _finish(second)
        assert (code1, code2) == (0, 0), err1 + err2
        after = agenda.load(plan)
        vios = after.get("vios")
        assert vios is not None and vios.status_in(2024).status == "afgerond", "the first edit was lost"
        assert landed(after), "the second edit was lost"
        assert _hidden(folder) == [], "no lock file or temporary file is left"

    def test_busy_plan_refused_after_the_timeout(self, plan: Path) -> None:
        """With a short AGENDA_LOCK_TIMEOUT the second edit is refused, exit 1, naming the other process."""
        folder = plan.parent
        first = _start("--pause-replace", str(folder / "in-rename"), str(folder / "go"),
                       "status", "set", str(plan), "vios", "--year", "2024", "--status", "afgerond")
        _wait_for(folder / "in-rename", first)
        second = _start("status", "set", str(plan), "nazorg", "--year", "2024", "--status", "vertraagd",
                        "--lang", "en", env=_env(AGENDA_LOCK_TIMEOUT="0.3"))
        code2, _, err2 = _finish(second)  # refused while the first is still paused
        (folder / "go").touch()
        code1, _, err1 = _finish(first)
        assert code1 == 0, err1
        assert code2 == 1
        assert "being edited by another agenda command" in err2 and f"(process {first.pid})" in err2, err2
        assert "nothing was written" in err2
        after = agenda.load(plan)
        assert after.get("vios").status_in(2024).status == "afgerond"
        assert after.get("nazorg").status_in(2024) is None
        assert _hidden(folder) == []

    def test_busy_as_json(self, plan: Path) -> None:
        """The refusal in --format json carries the problem code `busy`."""
        folder = plan.parent
        first = _start("--pause-replace", str(folder / "in-rename"), str(folder / "go"),
                       "new-year", str(plan), "--year", "2025")
        _wait_for(folder / "in-rename", first)
        second = _start("value", "set", str(plan), "overlast", "--year", "2024", "--value", "1", "--format", "json",
                        env=_env(AGENDA_LOCK_TIMEOUT="0.2"))
        code2, out2, _ = _finish(second)
        (folder / "go").touch()
        assert _finish(first)[0] == 0
        data = json.loads(out2)
        assert code2 == 1 and data["exit_code"] == 1 and [p["code"] for p in data["problems"]] == ["busy"]


class TestLockInProcess:
    """The lock through the API: released on every way out, re-entrant in a thread, exclusive between threads."""

    def test_no_lock_file_after_an_edit_or_a_refusal(self, plan: Path) -> None:
        """After an edit, a refused edit and a dry run, the folder holds only the plan."""
        assert set_status(plan, "vios", 2024, "loopt").written
        with pytest.raises(AgendaError):
            set_status(plan, "bestaat-niet", 2024, "loopt")
        assert not set_status(plan, "vios", 2025, "loopt", dry_run=True).written
        assert sorted(p.name for p in plan.parent.iterdir()) == ["agenda.yaml"]

    def test_dry_run_takes_no_lock(self, plan: Path) -> None:
        """A dry run reads while another edit holds the lock: it neither waits nor makes a lock file."""
        with _write.locked(os.path.realpath(plan)):
            def other() -> None:
                got.append(set_status(plan, "vios", 2024, "afgerond", dry_run=True).changed)

            got: list[bool] = []
            thread = threading.Thread(target=other)
            thread.start()
            thread.join(BOUND)
            assert got == [True]

    def test_other_thread_waits_then_is_refused(self, plan: Path) -> None:
        """While one thread holds the lock another is refused after its timeout; once released it gets it."""
        real = os.path.realpath(plan)
        errors: list[BaseException] = []

        def other() -> None:
            try:
                with _write.locked(real, timeout=0.2):
                    pass
            except PlanBusy as exc:
                errors.append(exc)

        with _write.locked(real), _write.locked(real):  # the same thread may take it again
            thread = threading.Thread(target=other)
            thread.start()
            thread.join(BOUND)
        assert len(errors) == 1 and errors[0].problems[0].code == "busy"
        assert f"(proces {os.getpid()})" in errors[0].render("nl")
        errors.clear()
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(BOUND)
        assert errors == []
        assert sorted(p.name for p in plan.parent.iterdir()) == ["agenda.yaml"]

    def test_lock_released_when_the_edit_raises(self, plan: Path) -> None:
        """An exception inside the cycle releases the lock and removes its file."""
        with pytest.raises(RuntimeError), _write.editing(plan):
            raise RuntimeError("boom")
        assert sorted(p.name for p in plan.parent.iterdir()) == ["agenda.yaml"]
        with _write.locked(os.path.realpath(plan), timeout=0):
            pass

    def test_something_else_at_the_lock_path(self, plan: Path) -> None:
        """A FIFO where the lock file belongs is refused with `not-lock` and left alone."""
        fifo = plan.parent / ".agenda.yaml.agenda-lock"
        os.mkfifo(fifo)
        with pytest.raises(AgendaError) as info:
            set_status(plan, "vios", 2024, "loopt")
        assert info.value.problems[0].code == "not-lock"
        assert fifo.exists() and plan.read_text(encoding="utf-8") == PLAN

    @pytest.mark.parametrize("value", ["abc", "nan", "inf", "-1", "99999"])
    def test_bad_lock_timeout(self, plan: Path, value: str, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
        """AGENDA_LOCK_TIMEOUT that is not 0 to 3600 seconds is a clear error (exit 2) and nothing is written."""
        monkeypatch.setenv("AGENDA_LOCK_TIMEOUT", value)
        code = main(["status", "set", str(plan), "vios", "--year", "2024", "--status", "loopt", "--lang", "en"])
        assert code == 2
        assert f"AGENDA_LOCK_TIMEOUT='{value}' is not a number of seconds" in capsys.readouterr().err
        assert plan.read_text(encoding="utf-8") == PLAN

    def test_a_folder_one_cannot_write_in(self, plan: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
        """When the lock file cannot be made, the command says so (exit 2) instead of a traceback."""
        real_open = os.open

        def refuse(path: str, flags: int, mode: int = 0o777, **kw: object) -> int:
            if str(path).endswith(".agenda-lock"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
        code = main(["status", "set", str(plan), "vios", "--year", "2024", "--status", "loopt", "--lang", "en"])
        monkeypatch.undo()
        err = capsys.readouterr().err
        assert code == 2 and f"cannot write to {plan}: permission denied" in err and ".agenda-lock" not in err
        assert plan.read_text(encoding="utf-8") == PLAN


# --------------------------------------------------------------------------- killed writers, leftovers


@contextlib.contextmanager
def _live_process() -> Iterator[int]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


class TestKilledWrite:
    """A writer killed at each step of the write leaves the old plan; the next write removes what it left."""

    @pytest.mark.parametrize("step", ["ftruncate", "fsync", "chmod", "replace"])
    def test_kill_at_each_step(self, step: str, plan: Path) -> None:
        """SIGKILL while holding the lock (ftruncate), after writing (fsync, chmod) or before the rename: no leftovers after the next edit."""
        folder = plan.parent
        child = _start(f"--pause-{step}", str(folder / "here"), str(folder / "never"),
                       "status", "set", str(plan), "vios", "--year", "2024", "--status", "afgerond")
        _wait_for(folder / "here", child)
        child.send_signal(signal.SIGKILL)
        _finish(child)
        (folder / "here").unlink()
        assert plan.read_text(encoding="utf-8") == PLAN, "the killed edit changed nothing"
        left = _hidden(folder)
        assert ".agenda.yaml.agenda-lock" in left
        if step != "ftruncate":
            assert any(n.startswith(f".agenda.yaml.{child.pid}.") and n.endswith(".tmp") for n in left), left
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["status", "set", str(plan), "nazorg", "--year", "2024", "--status", "loopt"])
        assert code == 0, out.getvalue()
        assert sorted(p.name for p in folder.iterdir()) == ["agenda.yaml"]
        assert agenda.load(plan).get("nazorg").status_in(2024).status == "loopt"

    def test_many_kills_then_no_leftovers(self, plan: Path) -> None:
        """Ten edits killed in turn inside their write window: each removes what the one before left, and one more edit leaves nothing."""
        folder = plan.parent
        for i in range(10):
            marker = folder / f"here-{i}"
            child = _start("--pause-replace", str(marker), str(folder / "never"),
                           "status", "set", str(plan), "vios", "--year", str(2024 + i), "--status", "loopt")
            _wait_for(marker, child)
            child.send_signal(signal.SIGKILL)
            _finish(child)
            marker.unlink()
            # each edit removed what the one killed before it left: only the last one's file is there
            assert [n for n in _hidden(folder) if n.endswith(".tmp")] == [n for n in _hidden(folder)
                                                                          if n.startswith(f".agenda.yaml.{child.pid}.")]
            assert len([n for n in _hidden(folder) if n.endswith(".tmp")]) == 1
        assert plan.read_text(encoding="utf-8") == PLAN
        assert set_status(plan, "vios", 2024, "afgerond").written
        assert sorted(p.name for p in folder.iterdir()) == ["agenda.yaml"]


class TestLeftovers:
    """Which hidden files beside a file are removed as leftovers, and which are never touched."""

    def test_dead_writer_removed_live_writer_kept(self, tmp_path: Path) -> None:
        """The temporary file of an ended process goes; that of a running process stays."""
        target = tmp_path / "agenda.yaml"
        dead = tmp_path / f".agenda.yaml.{_dead_pid()}.abcd1234.tmp"
        dead.write_text("x")
        with _live_process() as pid:
            live = tmp_path / f".agenda.yaml.{pid}.abcd1234.tmp"
            live.write_text("x")
            assert _write.remove_leftovers(target) == [dead.name]
            assert live.exists()
        assert _write.remove_leftovers(target) == [live.name]

    def test_old_files_of_older_versions(self, tmp_path: Path) -> None:
        """A temporary file without a process id (older agenda) is removed only once it is old."""
        target = tmp_path / "agenda.yaml"
        fresh = tmp_path / ".agenda.yaml.k3j4h5g6.tmp"
        word = tmp_path / ".agenda.yaml.notities.tmp"  # letters only: a name someone chose, not a random one
        old = tmp_path / ".agenda.yaml.a1b2c3d4.tmp"
        for p in (fresh, old, word):
            p.write_text("x")
        past = time.time() - _write.STALE_AFTER - 60
        os.utime(old, (past, past))
        os.utime(word, (past, past))
        assert _write.remove_leftovers(target) == [old.name]
        assert fresh.exists() and word.exists()

    def test_other_files_never_touched(self, tmp_path: Path) -> None:
        """Files of other plans, other names, folders and links are left alone, whatever their age."""
        target = tmp_path / "agenda.yaml"
        dead = _dead_pid()
        keep = [f".ander.yaml.{dead}.abcd1234.tmp", ".agenda.yaml.backup", "agenda.yaml.tmp",
                ".agenda.yaml.notities.tmp", f".agenda.yaml.{dead}.abc.tmp", ".agenda.yaml.agenda-lock.tmp"]
        for name in keep:
            (tmp_path / name).write_text("x")
        (tmp_path / f".agenda.yaml.{dead}.dir12345.tmp").mkdir()
        (tmp_path / f".agenda.yaml.{dead}.link1234.tmp").symlink_to(tmp_path / "agenda.yaml.tmp")
        past = time.time() - _write.STALE_AFTER - 60
        for p in tmp_path.iterdir():
            os.utime(p, (past, past), follow_symlinks=False)
        assert _write.remove_leftovers(target) == []
        assert len(list(tmp_path.iterdir())) == len(keep) + 2

    def test_output_files_clean_up_too(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Writing an output file (-o) removes the leftovers a killed earlier run left beside it."""
        plan = tmp_path / "agenda.yaml"
        plan.write_text(PLAN, encoding="utf-8")
        leftover = tmp_path / f".uit.json.{_dead_pid()}.abcd1234.tmp"
        leftover.write_text("{")
        assert main(["export", str(plan), "-o", str(tmp_path / "uit.json")]) == 0
        assert not leftover.exists()
        assert json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))["gemeente"] == "Testdorp"


class TestOneWriter:
    """Every file agenda writes goes through the one atomic writer."""

    def test_output_write_goes_through_the_writer(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`agenda export -o` calls agenda.edit._write.write_atomic."""
        calls: list[str] = []
        real = _write.write_atomic

        def spy(path: str | os.PathLike[str], data: bytes, before: _write.Snapshot | None = None) -> None:
            calls.append(os.fspath(path))
            real(path, data, before)

        monkeypatch.setattr(_write, "write_atomic", spy)
        plan = tmp_path / "agenda.yaml"
        plan.write_text(PLAN, encoding="utf-8")
        with contextlib.redirect_stderr(io.StringIO()):
            assert main(["export", str(plan), "-o", str(tmp_path / "uit.json")]) == 0
            assert main(["status", "set", str(plan), "vios", "--year", "2024", "--status", "loopt"]) == 0
        assert calls == [str(tmp_path / "uit.json"), str(plan)]

    def test_import_writes_the_plan_once(self, plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An import of three years is one write of the plan (one lock, one rename), not one per year."""
        from agenda.edit.sources import get_source, import_values

        calls: list[str] = []
        real = _write.write_atomic

        def spy(path: str | os.PathLike[str], data: bytes, before: _write.Snapshot | None = None) -> None:
            calls.append(os.fspath(path))
            real(path, data, before)

        monkeypatch.setattr(_write, "write_atomic", spy)
        csv = plan.parent / "bron.csv"
        csv.write_text("jaar,waarde\n2019,1\n2020,2\n2021,3\n", encoding="utf-8")
        imported = get_source("csv").read(csv, period_column="jaar", value_column="waarde")
        result = import_values(plan, "overlast", imported)
        assert result.written and [c.year for c in result.changes if c.changed] == [2019, 2020, 2021]
        assert calls == [str(plan)]
        assert [v.value for y in (2019, 2020, 2021) for v in agenda.load(plan).get("overlast").values_in(y)] == [1, 2, 3]

    def test_the_bytes_are_not_kept_beside_the_text(self, plan: Path) -> None:
        """Once an edit has the plan's text, it no longer holds the file's bytes: a big plan is not held twice."""
        with _write.editing(plan) as edit:
            assert edit.text == PLAN
            assert edit._data is None

    def test_init_never_leaves_half_a_plan(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`init` writes through a temporary file: a failed write leaves neither the plan nor the temporary file."""
        from agenda.edit.init import init

        def full(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(OSError, match="No space left"):
            init(tmp_path / "nieuw.yaml", "Rivierdal")
        monkeypatch.undo()
        assert list(tmp_path.iterdir()) == []
        init(tmp_path / "nieuw.yaml", "Rivierdal")
        with pytest.raises(FileExistsError):
            init(tmp_path / "nieuw.yaml", "Anders")
        assert agenda.load(tmp_path / "nieuw.yaml").gemeente == "Rivierdal"
        assert [p.name for p in tmp_path.iterdir()] == ["nieuw.yaml"]
