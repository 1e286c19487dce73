"""Every speed goal of agenda as a ratio, measured side by side in one run.

``python -m benchmarks.run`` measures the goals below, prints a table, writes every
figure to ``benchmarks/results/latest.json``, the table to ``docs/performance.md``
(between its ``benchmarks:begin`` and ``benchmarks:end`` marks) and the ratios to
``benchmarks/results/recorded.json``, the figures the quick check compares with.

``python -m benchmarks.run --quick --check`` is the short version CI runs (a minute or
two): smaller plans, fewer runs, nothing written to the docs; it exits 1 when a ratio
is more than ``--tolerance`` (1.5) times worse than the recorded one.

Every goal is a ratio of two things measured **in turn** (A B A B …), the ratio taken
pair by pair and the median of the pairs kept, so a machine that slows down during
the run moves both sides alike.  Commands are timed by the CPU seconds (user + system)
the operating system accounts to the finished process and the processes it waited for;
wall seconds are kept beside them.  The goals:

* ``report``: ``agenda report agenda.yaml --year 2023 --no-word`` on Deventer's plan, with the
  charts, against ``agenda validate`` of the same file (≤ 3).  Graphviz's own time is
  left aside by running the report with no ``dot`` on the PATH (it then writes the
  DOT text); ``report+dot`` (info) is the same with Graphviz;
* ``status-set``, ``value-set``: one edit against ``agenda validate`` (≤ 1.2);
* ``start-up``: ``agenda validate agenda.yaml`` against ``python -c "import yaml"`` (≤ 2.5),
  with the package compiled to bytecode first, as an installed copy is;
* ``pipeline@N``: load and validate, graph, roll-up and reflectie of a generated plan of
  N items against ``json.load`` of the same content (≤ 10 at 100,000 items), timed
  inside the child processes (CPU seconds) so start-up is left out on both sides;
* ``memory@N``: the growth of the peak resident set in the same children (≤ 3);
* ``growth A→B``: the pipeline's time at B items over its time at A items, divided by
  B/A: 1.0 is linear growth (≤ 1.2);
* ``compare@P×N``: ``agenda compare`` over a folder of P generated plans of N items
  against loading the same folder (``validate_dir``) (≤ 2);
* ``big-report@N`` (info): ``agenda report`` of the N-item plan, Graphviz included,
  against ``agenda validate`` of it: the report of a big plan ends in bounded time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.generate import write, write_folder, write_json

__all__ = ["LIMITS", "check", "main", "measure"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LATEST = RESULTS / "latest.json"
RECORDED = RESULTS / "recorded.json"
DOC = ROOT / "docs" / "performance.md"
DEVENTER = ROOT / "agenda.yaml"
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"

#: The goal of each kind of ratio (a ratio is good when it is at most its limit); None: shown, no goal.
LIMITS: dict[str, float | None] = {
    "report": 3.0,
    "report+dot": None,
    "report+word": None,
    "status-set": 1.2,
    "value-set": 1.2,
    "start-up": 2.5,
    "pipeline": 10.0,
    "memory": 3.0,
    "growth": 1.2,
    "compare": 2.0,
    "big-report": None,
}

#: The settings of the full and the quick run.  The full run measures everything the quick one does
#: (so the quick check has a recorded figure for each of its ratios) and the big cases besides.
_PLAN: dict[str, dict[str, Any]] = {
    # Start-up and the edits take a fifth of a second a pair and sit near their limits, where one
    # process in five runs 20 % slow on a shared machine: more pairs for them ("short_runs").
    "full": {"sizes": (1_000, 5_000, 10_000, 100_000), "runs": 9, "short_runs": 25, "pipe_runs": 7,
             "folders": ((12, 500), (342, 500)), "big": 20_000},
    "quick": {"sizes": (1_000, 5_000), "runs": 5, "short_runs": 9, "pipe_runs": 5, "folders": ((12, 500),),
              "big": None},
}


# --------------------------------------------------------------------------- the child side


def _hwm_kb() -> int:
    """This process's peak resident set in kB (Linux ``VmHWM``; ``ru_maxrss`` elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(mode: str, path: str) -> dict[str, Any]:
    """One measurement inside a fresh process: ``json`` (the yardstick) or ``pipeline``."""
    phases: dict[str, float] = {}
    if mode == "json":
        base = _hwm_kb()
        cpu, wall = time.process_time(), time.perf_counter()
        with open(path, encoding="utf-8") as fh:
            json.load(fh)
        phases["json.load"] = time.process_time() - cpu
        return {"cpu": phases["json.load"], "wall": time.perf_counter() - wall, "phases": phases,
                "growth_kb": _hwm_kb() - base}
    from agenda.format.loader import validate
    from agenda.graph import plan_graph
    from agenda.query.reflectie import reflectie
    from agenda.query.rollup import rollup

    base = _hwm_kb()  # after the imports; validate() reads the file itself, as json.load does
    wall = time.perf_counter()

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        start = time.process_time()
        out = fn()
        phases[name] = time.process_time() - start
        return out

    result = timed("validate", lambda: validate(path))
    plan = result.agenda
    if plan is None:
        return {"error": sorted({p.code for p in result.errors})}
    year = plan.reporting_years[-1]
    timed("graph", lambda: plan_graph(plan))
    timed("rollup", lambda: rollup(plan, year))
    timed("reflectie", lambda: reflectie(plan, year))
    return {"cpu": sum(phases.values()), "wall": time.perf_counter() - wall, "phases": phases,
            "growth_kb": _hwm_kb() - base}


# --------------------------------------------------------------------------- the parent side


def _env(path_without_dot: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("AGENDA_LANG", None)
    if path_without_dot:
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                      if p and not (Path(p) / "dot").exists())
    return env


def _run(cmd: Sequence[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run ``cmd`` to its end; its CPU seconds (with the children it waited for), wall seconds, peak and exit code."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(list(cmd), stdout=null, stderr=errors, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
        _, status, usage = _wait(proc, timeout)
        errors.seek(0)
        err = errors.read()
    code = os.waitstatus_to_exitcode(status) if status is not None else None
    return {"cpu": usage.ru_utime + usage.ru_stime if usage else None, "wall": time.perf_counter() - start,
            "peak_mb": usage.ru_maxrss / 1024 if usage else None, "exit": code,
            "stderr": err.decode("utf-8", "replace")[-400:] if code not in (0, 1) else ""}


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int | None, Any]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return pid, None, usage
        time.sleep(0.002)


def _paired(a: Sequence[str], b: Sequence[str], runs: int, *, env_a: dict[str, str] | None = None,
            env_b: dict[str, str] | None = None, timeout: float = 600, warmup: bool = True) -> dict[str, Any]:
    """A and B in turn, ``runs`` times each (after one warm-up each); medians of the pairwise ratios."""
    env_a, env_b = env_a or _env(), env_b or _env()
    if warmup:
        _run(a, env_a, timeout)
        _run(b, env_b, timeout)
    pairs = [(_run(a, env_a, timeout), _run(b, env_b, timeout)) for _ in range(runs)]
    bad = [r for pair in pairs for r in pair if r["exit"] not in (0, 1)]
    out: dict[str, Any] = {
        "runs": runs,
        "a_cpu": statistics.median(p[0]["cpu"] for p in pairs),
        "b_cpu": statistics.median(p[1]["cpu"] for p in pairs),
        "a_wall": statistics.median(p[0]["wall"] for p in pairs),
        "b_wall": statistics.median(p[1]["wall"] for p in pairs),
        "a_peak_mb": max(p[0]["peak_mb"] for p in pairs),
        "ratio": statistics.median(p[0]["cpu"] / p[1]["cpu"] for p in pairs),
        "ratio_wall": statistics.median(p[0]["wall"] / p[1]["wall"] for p in pairs),
        "exit": sorted({r["exit"] for p in pairs for r in p}, key=str),
    }
    if bad:
        out["failed"] = bad[0]["stderr"] or f"exit {bad[0]['exit']}"
    return out


def _child_run(mode: str, path: Path, timeout: float) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--child", mode, str(path)],
                          capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=timeout, check=False)
    if done.returncode != 0:
        return {"error": done.stderr[-600:]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _pipeline(path: Path, json_path: Path, runs: int) -> dict[str, Any]:
    """The pipeline and json.load of the same content, in turn, each in a fresh process."""
    pairs = []
    for _ in range(runs):
        pipe = _child_run("pipeline", path, 7200)
        yard = _child_run("json", json_path, 600)
        if "error" in pipe or "error" in yard:
            return {"error": pipe.get("error") or yard.get("error")}
        pairs.append((pipe, yard))
    phases = {k: statistics.median(p[0]["phases"][k] for p in pairs) for k in pairs[0][0]["phases"]}
    pipe_growth = max(p[0]["growth_kb"] for p in pairs)
    json_growth = max(p[1]["growth_kb"] for p in pairs)
    return {
        "runs": runs,
        "bytes": path.stat().st_size,
        "json_bytes": json_path.stat().st_size,
        "pipeline_cpu": statistics.median(p[0]["cpu"] for p in pairs),
        "json_cpu": statistics.median(p[1]["cpu"] for p in pairs),
        "phases": phases,
        "pipeline_mb": pipe_growth / 1024,
        "json_mb": json_growth / 1024,
        "ratio": statistics.median(p[0]["cpu"] / p[1]["cpu"] for p in pairs),
        "memory_ratio": pipe_growth / json_growth if json_growth else None,
    }


def _say(text: str, result: dict[str, Any] | None = None, save: Path | None = None) -> None:
    if result is not None and save is not None:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"  {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def measure(quick: bool = False, only: set[str] | None = None, save: Path | None = None) -> dict[str, Any]:
    """Every measurement of the full (or quick) run, as JSON-ready data; ``only`` limits the kinds.

    With ``save``, the figures so far are written there after every measurement, so a run that is
    stopped keeps what it measured (``--write-from`` turns such a file into the docs).
    """
    plan = _PLAN["quick" if quick else "full"]
    py = sys.executable
    agenda = [py, "-m", "agenda"]

    def want(kind: str) -> bool:
        return only is None or kind in only

    result: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d"),
        "quick": quick,
        "python": platform.python_version(),
        "machine": _machine(),
        "ratios": {},
        "details": {},
    }
    ratios, details = result["ratios"], result["details"]
    # The steady state an installed copy has: every module of the package compiled to bytecode
    # once (pip does it on install; an editable checkout on first use, unless
    # PYTHONDONTWRITEBYTECODE forbids it, and then every run would compile ~90 modules again).
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "src" / "agenda")], check=False,
                   stdout=subprocess.DEVNULL, env={k: v for k, v in _env().items() if k != "PYTHONDONTWRITEBYTECODE"})
    with tempfile.TemporaryDirectory(prefix="agenda-bench-") as tmpdir:
        tmp = Path(tmpdir)
        runs = int(plan["runs"])
        validate = [*agenda, "validate", str(DEVENTER)]
        if want("start-up"):
            _say("start-up: agenda validate / import yaml", result, save)
            details["start-up"] = d = _paired(validate, [py, "-c", "import yaml"], int(plan["short_runs"]))
            ratios["start-up"] = d["ratio"]
        if want("report"):
            _say("Deventer's report / agenda validate", result, save)
            report = [*agenda, "report", str(DEVENTER), "--year", "2023", "--out", str(tmp / "rapport"), "--no-word"]
            details["report"] = d = _paired(report, validate, runs, env_a=_env(path_without_dot=True))
            ratios["report"] = d["ratio"]
            if shutil.which("dot"):
                details["report+dot"] = d = _paired(report, validate, max(3, runs // 3))
                ratios["report+dot"] = d["ratio"]
            # The Word file draws every picture a second time (PNG): measured apart, for information.
            word = [a for a in report if a != "--no-word"]
            details["report+word"] = d = _paired(word, validate, max(3, runs // 3), env_a=_env(path_without_dot=True))
            ratios["report+word"] = d["ratio"]
        if want("status-set") or want("value-set"):
            copy = tmp / "agenda.yaml"
            shutil.copyfile(DEVENTER, copy)
            check = [*agenda, "validate", str(copy)]
            edits = {
                "status-set": [*agenda, "status", "set", str(copy), "veiligheidsgevoel-schalkhaar", "--year", "2023",
                               "--status", "afgerond", "--note", "In 2023 hebben we maatregelen moeten treffen."],
                "value-set": [*agenda, "value", "set", str(copy), "mma-misbruik-voorziening", "--year", "2023",
                              "--value", "2"],
            }
            for name, cmd in edits.items():
                if want(name):
                    _say(f"{name} / agenda validate", result, save)
                    details[name] = d = _paired(cmd, check, int(plan["short_runs"]))
                    ratios[name] = d["ratio"]
        sizes: tuple[int, ...] = plan["sizes"]

        def pipeline(n: int) -> None:
            _say(f"pipeline / json.load at {n:,} items", result, save)
            path = write(tmp / f"plan-{n}.yaml", n)
            json_path = write_json(path, tmp / f"plan-{n}.json")
            d = _pipeline(path, json_path, 1 if n >= 100_000 else int(plan["pipe_runs"]))
            details[f"pipeline@{n}"] = d
            if "error" not in d:
                ratios[f"pipeline@{n}"] = d["ratio"]
                ratios[f"memory@{n}"] = d["memory_ratio"]
            json_path.unlink()
            path.unlink()

        # The largest plan last: it takes longest, and what was measured before it is saved already.
        if want("pipeline"):
            for n in sizes[:-1]:
                pipeline(n)
        if want("compare"):
            for count, items in plan["folders"]:
                _say(f"compare / load over {count} plans of {items} items", result, save)
                folder = write_folder(tmp / f"plannen-{count}", count, items)
                load = [py, "-c", "import sys; from agenda.format.folder import validate_dir; validate_dir(sys.argv[1])",
                        str(folder)]
                d = _paired([*agenda, "compare", str(folder)], load, 1 if count > 100 else 3, warmup=False)
                details[f"compare@{count}x{items}"] = d
                ratios[f"compare@{count}x{items}"] = d["ratio"]
                shutil.rmtree(folder)
        big_n = plan["big"]
        if want("big-report") and big_n is not None:
            path = write(tmp / f"plan-{big_n}.yaml", int(big_n))
            _say(f"report of the {big_n:,}-item plan / its validate", result, save)
            cmd = [*agenda, "report", str(path), "--year", "2024", "--out", str(tmp / "groot")]
            d = _paired(cmd, [*agenda, "validate", str(path)], 1, timeout=3600, warmup=False)
            files = sorted(p.relative_to(tmp / "groot").as_posix() for p in (tmp / "groot").rglob("*") if p.is_file())
            d["files"] = len(files)
            d["diagrams"] = sum(1 for f in files if f.endswith(".svg") and "grafieken/" not in f)
            details[f"big-report@{big_n}"] = d
            ratios[f"big-report@{big_n}"] = d["ratio"]
            path.unlink()
        if want("pipeline"):
            pipeline(sizes[-1])
            for small, big in itertools.pairwise(sizes):
                a, b = details.get(f"pipeline@{small}", {}), details.get(f"pipeline@{big}", {})
                if "pipeline_cpu" in a and "pipeline_cpu" in b:
                    ratios[f"growth@{small}-{big}"] = (b["pipeline_cpu"] / a["pipeline_cpu"]) / (big / small)
    _say("done", result, save)
    return result


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages * size / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs{mem}"


# --------------------------------------------------------------------------- reporting


def _kind(key: str) -> str:
    return key.split("@", 1)[0]


def _limit(key: str) -> float | None:
    return LIMITS.get(_kind(key))


def _label(key: str) -> str:
    kind, _, size = key.partition("@")
    labels = {
        "report": "`agenda report` (Deventer, charts, Graphviz aside) / `agenda validate`",
        "report+dot": "`agenda report` (Deventer, with Graphviz) / `agenda validate`",
        "report+word": "`agenda report` with the Word file (Deventer, Graphviz aside) / `agenda validate`",
        "status-set": "`agenda status set` / `agenda validate`",
        "value-set": "`agenda value set` / `agenda validate`",
        "start-up": "`agenda validate` (Deventer) / `python -c \"import yaml\"`",
        "pipeline": "pipeline (load, graph, roll-up, reflectie) / `json.load`",
        "memory": "peak memory, pipeline / `json.load`",
        "growth": "growth of the pipeline's time / growth of the plan (1 = linear)",
        "compare": "`agenda compare` / loading the folder",
        "big-report": "`agenda report` (with Graphviz) / `agenda validate`",
    }
    text = labels.get(kind, kind)
    if kind == "growth":
        a, b = size.split("-")
        return f"{text}, {int(a):,} → {int(b):,} items"
    if kind == "compare":
        p, n = size.split("x")
        return f"{text}, {p} plans of {n} items"
    if size:
        return f"{text}, {int(size):,} items"
    return text


def _verdict(key: str, value: float | None) -> str:
    limit = _limit(key)
    if value is None:
        return "n/a"
    if limit is None:
        return "info"
    return "met" if value <= limit else "**not met**"


def table(result: dict[str, Any]) -> str:
    """The ratios as a Markdown table, then the absolute figures behind them."""
    lines = ["| goal | ratio | limit | met? |", "|---|---:|---:|---|"]
    for key, value in sorted(result["ratios"].items(), key=lambda kv: _order(kv[0])):
        limit = _limit(key)
        lines.append(f"| {_label(key)} | {_fmt(value)} | {'—' if limit is None else f'≤ {limit:g}'} "
                     f"| {_verdict(key, value)} |")
    lines += ["", "The figures behind the ratios (medians; CPU seconds of the whole process, or of the measured "
              "step inside it for the pipeline):", ""]
    for key, d in sorted(result["details"].items(), key=lambda kv: _order(kv[0])):
        if "error" in d:
            lines.append(f"* {_label(key)}: failed: {d['error'][:200]}")
        elif key.startswith("pipeline@"):
            ph = ", ".join(f"{k} {v:.2f} s" for k, v in d["phases"].items())
            lines.append(f"* {int(key.split('@')[1]):,} items ({d['bytes'] / 1e6:.1f} MB YAML, "
                         f"{d['json_bytes'] / 1e6:.1f} MB JSON): pipeline {d['pipeline_cpu']:.2f} s ({ph}); "
                         f"`json.load` {d['json_cpu']:.2f} s; memory {d['pipeline_mb']:.0f} MB against "
                         f"{d['json_mb']:.0f} MB")
        else:
            extra = f"; {d['files']} files, {d['diagrams']} diagrams" if "files" in d else ""
            failed = f"; **failed**: {d['failed'][:160]}" if d.get("failed") else ""
            lines.append(f"* {_label(key)}: {d['a_cpu']:.2f} s against {d['b_cpu']:.2f} s "
                         f"(wall {d['a_wall']:.2f} s against {d['b_wall']:.2f} s, ratio {_fmt(d['ratio_wall'])}; "
                         f"{d['runs']} pairs){extra}{failed}")
    return "\n".join(lines)


_KINDS = ("start-up", "report", "report+dot", "report+word", "status-set", "value-set", "pipeline", "memory",
          "growth", "compare", "big-report")


def _order(key: str) -> tuple[int, tuple[int, ...], str]:
    """The goals in the order of the issue, each size in increasing order (JSON sorts the keys as text)."""
    kind, _, size = key.partition("@")
    rank = _KINDS.index(kind) if kind in _KINDS else len(_KINDS)
    return rank, tuple(int(n) for n in re.findall(r"\d+", size)), key


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def write_doc(result: dict[str, Any], doc: Path = DOC) -> None:
    """Put the table and the machine into ``doc`` between the benchmark marks."""
    block = "\n".join([
        BEGIN,
        f"Measured on {result['when']}: {result['machine']}, Python {result['python']}"
        f"{' (quick run)' if result['quick'] else ''}.",
        "",
        table(result),
        END,
    ])
    text = doc.read_text(encoding="utf-8")
    head, sep, rest = text.partition(BEGIN)
    if not sep:
        raise SystemExit(f"{doc} has no {BEGIN} mark")
    _, sep, tail = rest.partition(END)
    if not sep:
        raise SystemExit(f"{doc} has no {END} mark")
    doc.write_text(head + block + tail, encoding="utf-8")


def check(result: dict[str, Any], recorded: dict[str, Any], tolerance: float) -> list[str]:
    """The ratios that are more than ``tolerance`` times worse than recorded (empty: all well)."""
    worse = []
    for key, value in result["ratios"].items():
        before = recorded.get("ratios", {}).get(key)
        if value is None or before is None or _limit(key) is None:
            continue
        if value > before * tolerance:
            worse.append(f"{key}: {value:.2f}, recorded {before:.2f} (more than {tolerance:g}× worse)")
    return worse


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks (or, with ``--child``, one measurement) and return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the short version: smaller plans, fewer runs")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a ratio is more than --tolerance times worse than recorded")
    parser.add_argument("--tolerance", type=float, default=1.5)
    parser.add_argument("--only", help="comma-separated kinds to measure, e.g. report,start-up")
    parser.add_argument("--no-write", action="store_true", help="write neither the docs nor the recorded ratios")
    parser.add_argument("--output", default=str(LATEST), help="where to write every figure as JSON")
    parser.add_argument("--write-from", metavar="JSON",
                        help="write the docs and the recorded ratios from the figures of an earlier run")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    only = set(args.only.split(",")) if args.only else None
    out = Path(args.output)
    started = time.perf_counter()
    if args.write_from:
        result = json.loads(Path(args.write_from).read_text(encoding="utf-8"))
    else:
        result = measure(quick=args.quick, only=only, save=out)
        result["seconds"] = round(time.perf_counter() - started, 1)
    print(f"{result['machine']}, Python {result['python']}{' (quick)' if result['quick'] else ''}, "
          f"{result.get('seconds', 0):.0f} s\n")
    print(table(result))
    if not args.write_from:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if not result["quick"] and not args.no_write and (only is None or args.write_from):
        write_doc(result)
        recorded = {"when": result["when"], "machine": result["machine"], "python": result["python"],
                    "ratios": result["ratios"]}
        RECORDED.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwritten: {DOC.relative_to(ROOT)}, {RECORDED.relative_to(ROOT)}", file=sys.stderr)
    if args.check:
        if not RECORDED.exists():
            print(f"nothing recorded yet ({RECORDED.relative_to(ROOT)}): run without --quick first", file=sys.stderr)
            return 1
        worse = check(result, json.loads(RECORDED.read_text(encoding="utf-8")), args.tolerance)
        failed = [f"{k}: {d['failed']}" for k, d in result["details"].items() if d.get("failed")]
        for line in worse + failed:
            print(f"REGRESSION {line}", file=sys.stderr)
        if worse or failed:
            return 1
        print(f"\nno ratio more than {args.tolerance:g}× worse than recorded", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
