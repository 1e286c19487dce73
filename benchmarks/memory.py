"""Where the memory of a big plan goes: the resident set after each stage, in a fresh process.

``python -m benchmarks.memory [--items 10000] [--stop-after model] [--edit]``

Generates a plan of about ``--items`` items (:mod:`benchmarks.generate`), then, in a
child process, runs the stages one after the other and prints, for each, the resident
set (``VmRSS``), the peak so far (``VmHWM``), both as a multiple of the file's size,
and the seconds the stage took (the multiples count the growth above what the process held
after its imports):

* ``read``: the bytes of the file (:func:`agenda._files.read_user_file`);
* ``decode``: the text (``_yaml.decode``), then the bytes are dropped;
* ``parse``: the tree of located nodes (``_yaml.parse``);
* ``model``: the checks, the checked data and the frozen model (``loader.validate_tree``);
* ``graph`` and ``reflectie`` for the last reporting year.

The stages above parse the whole tree first and read it after, as the editor does (it keeps
the tree to splice into the text).  A second child runs :func:`agenda.validate` as the command
line and the API call it, which reads each item as soon as it has been parsed, so the tree is
never whole: its peak (``validate``) is what checking a plan costs.  ``--stop-after`` ends
after a stage.
``--edit`` runs one more child that records a status through
:func:`agenda.edit.update.set_status`, and prints its peak beside that of ``validate``.
Linux only (``/proc/self/status``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import write

__all__ = ["STAGES", "main"]

#: The stages, in the order the pipeline runs them.
STAGES = ("read", "decode", "parse", "model", "graph", "reflectie")

_CHILD = r"""
import gc, json, sys, time
path, stop = sys.argv[1], sys.argv[2]

def mem():
    out = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024
    return out

rows = []
def stage(name, t0):
    rows.append({"stage": name, "seconds": time.perf_counter() - t0, **mem()})
    print(json.dumps(rows[-1]), flush=True)
    return name == stop

from agenda._files import read_user_file
from agenda.format import _yaml
from agenda.format.loader import validate_tree
rows.append({"stage": "imports", "seconds": 0.0, **mem()})
print(json.dumps(rows[-1]), flush=True)
t = time.perf_counter(); data, _ = read_user_file(path)
if stage("read", t): sys.exit()
t = time.perf_counter(); text = _yaml.decode(data, path); del data
if stage("decode", t): sys.exit()
gc.disable()  # as the loader does while it builds
t = time.perf_counter(); root = _yaml.parse(text, path)
if stage("parse", t): sys.exit()
t = time.perf_counter(); result = validate_tree(root, path)
assert result.agenda is not None, [p.message("en") for p in result.errors[:3]]
if stage("model", t): sys.exit()
del root, text
from agenda.graph import plan_graph
t = time.perf_counter(); graph = plan_graph(result.agenda)
if stage("graph", t): sys.exit()
from agenda.query.reflectie import reflectie
t = time.perf_counter(); reflectie(result.agenda, max(result.agenda.reporting_years))
stage("reflectie", t)
"""

_VALIDATE = r"""
import json, sys, time
from agenda.format.loader import validate
t = time.perf_counter()
assert validate(sys.argv[1]).agenda is not None
seconds = time.perf_counter() - t
with open("/proc/self/status", encoding="ascii") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
print(json.dumps({"stage": "validate", "seconds": seconds, "VmHWM": peak}))
"""

_EDIT = r"""
import json, sys, time
from agenda.edit.update import set_status
t = time.perf_counter()
change = set_status(sys.argv[1], sys.argv[2], 2024, "afgerond", note="gemeten")
seconds = time.perf_counter() - t
with open("/proc/self/status", encoding="ascii") as fh:
    peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
print(json.dumps({"stage": "edit", "seconds": seconds, "VmHWM": peak, "written": change.written}))
"""


def _run(code: str, *args: str) -> list[dict[str, float]]:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False,
                          cwd=root, env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"})
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main(argv: list[str] | None = None) -> int:
    """Generate a plan, measure each stage in a child process, print the table; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="items in the generated plan (default 10,000)")
    parser.add_argument("--stop-after", choices=STAGES, default="reflectie", help="the last stage to run")
    parser.add_argument("--edit", action="store_true", help="also measure one status edit of the plan")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "plan.yaml", args.items)
        size_mb = path.stat().st_size / 1e6
        print(f"{args.items:,} items, {size_mb:.1f} MB")
        print(f"{'stage':<10} {'rss MB':>8} {'peak MB':>8} {'rss/file':>8} {'peak/file':>9} {'s':>7}")
        rows = _run(_CHILD, str(path), args.stop_after)
        base = rows[0]["VmRSS"]  # after the imports: the growth above it is what the plan costs
        for row in rows:
            print(f"{row['stage']:<10} {row['VmRSS']:>8.0f} {row['VmHWM']:>8.0f} {(row['VmRSS'] - base) / size_mb:>8.1f} "
                  f"{(row['VmHWM'] - base) / size_mb:>9.1f} {row['seconds']:>7.2f}")
        extra: list[tuple[str, tuple[str, ...]]] = [(_VALIDATE, ())]
        if args.edit:
            extra.append((_EDIT, ("thema-1-d0-a0",)))  # the first action of every generated plan
        for code, more in extra:
            (row,) = _run(code, str(path), *more)
            print(f"{row['stage']:<10} {'':>8} {row['VmHWM']:>8.0f} {'':>8} {(row['VmHWM'] - base) / size_mb:>9.1f} "
                  f"{row['seconds']:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
