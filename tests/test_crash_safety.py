"""A writer killed at any moment leaves the old file or the new one, never a broken or partial one, and no leftovers after the next write."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from agenda.edit.update import edit_status, set_status
from agenda.format.loader import loads
from tests.conftest import MINIMAL

# A comment block makes the file large enough (~100 kB) that a kill often lands inside a write.
PLAN = MINIMAL + "".join(f"# regel {i}: een opmerking die bewaard moet blijven, ook na een crash ✓\n"
                         for i in range(1500))

ROUNDS = 30


def _writer(path: Path, ready: int) -> None:
    """The child: write the two versions in turn, for ever; say when the first write is done."""
    from agenda.edit.update import set_status

    words = ["loopt", "vertraagd"]
    i = 0
    while True:
        set_status(path, "vios", 2024, words[i % 2], note="toelichting")
        if i == 0:
            os.write(ready, b"x")
        i += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
class TestKilledWriter:
    """Kill a writer process with SIGKILL at random moments, many times."""

    def test_old_or_new_never_partial(self, tmp_path: Path) -> None:
        """After every kill the plan is byte-for-byte one of the versions written, and loads."""
        path = tmp_path / "agenda.yaml"
        path.write_text(PLAN, encoding="utf-8")
        versions = {PLAN.encode()} | {
            edit_status(PLAN, str(path), "vios", 2024, w, note="toelichting").encode() for w in ("loopt", "vertraagd")
        }
        rng = random.Random(2024_377)
        killed: set[int] = set()
        for _ in range(ROUNDS):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns
                try:
                    os.close(read_end)
                    _writer(path, write_end)
                finally:
                    os._exit(1)
            os.close(write_end)
            try:
                assert os.read(read_end, 1) == b"x"  # the child has written once
                time.sleep(rng.uniform(0, 0.05))
            finally:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(read_end)
            data = path.read_bytes()
            assert data in versions
            loads(data.decode("utf-8"), str(path))
            # A killed writer may leave its temporary file and its lock file; both hidden, never named like
            # the plan, and the next writer removes the temporary file of the one killed before it.
            killed.add(pid)
            left = [n for n in os.listdir(tmp_path) if n != "agenda.yaml"]
            assert all(n == ".agenda.yaml.agenda-lock" or (n.endswith(".tmp") and int(n.split(".")[3]) in killed)
                       for n in left), left
        assert set_status(path, "vios", 2025, "loopt").written  # still editable after all that
        assert os.listdir(tmp_path) == ["agenda.yaml"], "the next edit leaves no leftovers"
