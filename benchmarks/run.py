"""Time the agenda pipeline beside a bare ``yaml.load`` of the same file, and report the ratios.

``python -m benchmarks.run [--sizes 1000,10000,100000] [--quick] [--repeats N]``
prints a table and writes ``benchmarks/results/latest.json``.

Every measurement runs in a fresh subprocess, so each has its own peak memory
(``ru_maxrss``) and nothing is warm from the one before.  Memory is the growth
of the peak above what the process held once its modules were imported and the
file was read, measured the same way for the bare parse and the pipeline.

Measured:

* ``bare``: ``yaml.load(text, Loader=yaml.CSafeLoader)``, as a program would call
  it (the garbage collector on); ``bare-nogc`` the same with the collector paused,
  shown for honesty, because the pipeline pauses it too;
* ``pipeline``: ``agenda.format.loader.validate`` (read, parse, check, build the model,
  cross-checks) + ``agenda.graph.build_graph`` + ``agenda.query.reflectie.reflectie``
  for the last reporting year; a stage that does not exist yet is "n/a";
* the hostile 50 MB file of ``tests/test_hostile.py``: ``validate`` (which refuses
  it with ``duplicate-key``) beside the bare parse;
* cold start: ``agenda --version`` and ``agenda validate`` of a small plan beside
  ``python -c "import yaml"`` (median of several runs);
* Deventer's report end to end (``agenda report``) and a 5,000-item diagram
  (``render_dot`` + Graphviz ``dot``; ``agenda render`` when that command exists).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import YEARS, big_scalar_plan, write

__all__ = ["GOALS", "main"]

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

#: (name, limit): every ratio is good when it is at most its limit.
GOALS = {
    "pipeline/bare at largest size": 1.0,
    "growth 10k->100k (pipeline)": 12.0,
    "peak memory pipeline/bare": 3.0,
    "cold start `agenda --version` / import yaml": 3.0,
    "cold start `agenda validate` / import yaml": 3.0,
}


# --------------------------------------------------------------------------- the child side


def _rss_kb() -> int:
    """This process's peak resident set in kB.

    Linux's ``VmHWM`` belongs to the process's own address space; ``ru_maxrss``
    would also count the parent's size at the moment it started this child.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(mode: str, path: str) -> dict[str, Any]:
    import gc

    import yaml

    phases: dict[str, float | None] = {}
    if mode.startswith("bare"):
        text = Path(path).read_text(encoding="utf-8")  # bare: the text is read before the base is taken
        base = _rss_kb()
        if mode == "bare-nogc":
            gc.disable()
        start = time.perf_counter()
        yaml.load(text, Loader=yaml.CSafeLoader)
        phases["parse"] = time.perf_counter() - start
        return {"seconds": phases["parse"], "phases": phases, "peak_kb": _rss_kb(), "base_kb": base}
    from agenda.format.loader import validate

    graph_fn = _optional("agenda.graph", "build_graph")
    reflectie_fn = _optional("agenda.query.reflectie", "reflectie")
    base = _rss_kb()  # pipeline: validate() reads the file itself, so the base holds no text
    start = time.perf_counter()
    result = validate(path)
    phases["validate"] = time.perf_counter() - start
    codes = sorted({p.code for p in result.errors})
    plan = result.agenda
    if plan is not None and graph_fn is not None:
        t = time.perf_counter()
        graph_fn(plan)
        phases["graph"] = time.perf_counter() - t
    else:
        phases["graph"] = None
    if plan is not None and reflectie_fn is not None:
        t = time.perf_counter()
        reflectie_fn(plan, plan.reporting_years[-1] if plan.reporting_years else YEARS[-1])
        phases["reflectie"] = time.perf_counter() - t
    else:
        phases["reflectie"] = None
    total = sum(v for v in phases.values() if v is not None)
    return {"seconds": total, "phases": phases, "peak_kb": _rss_kb(), "base_kb": base, "errors": codes}


def _optional(module: str, name: str) -> Any:
    try:
        mod = __import__(module, fromlist=[name])
    except ModuleNotFoundError:
        return None
    return getattr(mod, name, None)


# --------------------------------------------------------------------------- the parent side


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), src, *filter(None, [env.get("PYTHONPATH")])])
    return env


def _measure(mode: str, path: Path, repeats: int, timeout: float) -> dict[str, Any]:
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.run", "--child", mode, str(path)],
            capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=timeout, check=True,
        )
        runs.append(json.loads(out.stdout))
    best = dict(runs[0])
    best["seconds"] = statistics.median(r["seconds"] for r in runs)
    for phase in best["phases"]:
        values = [r["phases"][phase] for r in runs if r["phases"][phase] is not None]
        best["phases"][phase] = statistics.median(values) if values else None
    best["peak_kb"] = max(r["peak_kb"] for r in runs)
    best["growth_kb"] = max(r["peak_kb"] - r["base_kb"] for r in runs)
    best["runs"] = len(runs)
    return best


def _start_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=_env(), cwd=ROOT, timeout=60, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _subcommands() -> set[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from agenda.cli import build_parser

    parser = build_parser("en")
    action = parser._subparsers._group_actions[0] if parser._subparsers else None
    return set(getattr(action, "choices", {}) or {})


def _report_e2e(tmp: Path, commands: set[str]) -> dict[str, Any]:
    if "report" not in commands:
        return {"seconds": None, "note": "n/a: `agenda report` does not exist yet"}
    cmd = [sys.executable, "-m", "agenda", "report", str(ROOT / "agenda.yaml"), "--year", "2023",
           "--out", str(tmp / "report")]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=600, check=False)
    return {"seconds": time.perf_counter() - start, "exit_code": done.returncode}


def _diagram(tmp: Path, commands: set[str]) -> dict[str, Any]:
    path = write(tmp / "plan-5000.yaml", 5000)
    out: dict[str, Any] = {"items": 5000}
    code = (
        "import sys, time, json\n"
        "from agenda.format.loader import load\n"
        "from agenda.render.dot import render_dot, render_image\n"
        "plan = load(sys.argv[1])\n"
        "t = time.perf_counter(); text = render_dot(plan, 2023); d = time.perf_counter() - t\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    render_image(text, 'svg', timeout=600); i = time.perf_counter() - t\n"
        "except Exception as exc:\n"
        "    i = (type(exc).__name__ + ': ' + str(exc))[:200]\n"
        "print(json.dumps({'render_dot': d, 'dot_svg': i, 'dot_bytes': len(text)}))\n"
    )
    if _optional("agenda.render.dot", "render_dot") is None:
        out["api"] = "n/a: agenda.render.dot does not exist yet"
    else:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              env=_env(), cwd=ROOT, timeout=900, check=False)
        out["api"] = json.loads(done.stdout) if done.returncode == 0 else done.stderr[-500:]
    if "render" in commands:
        cmd = [sys.executable, "-m", "agenda", "render", str(path), "--year", "2023", "-o", str(tmp / "plan.svg")]
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=900, check=False)
        out["cli_seconds"] = time.perf_counter() - start
        out["cli_exit_code"] = done.returncode
    else:
        out["cli_seconds"] = None
    return out


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _fmt(x: float | None, unit: str = "") -> str:
    return "n/a" if x is None else f"{x:.2f}{unit}"


def run(sizes: list[int], repeats: int, start_runs: int, big: bool, extras: bool) -> dict[str, Any]:
    """Every measurement, as JSON-ready data."""
    commands = _subcommands()
    result: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="agenda-bench-") as tmpdir:
        tmp = Path(tmpdir)
        for n in sizes:
            path = write(tmp / f"plan-{n}.yaml", n)
            reps = repeats if n < 100_000 else 1
            row: dict[str, Any] = {"bytes": path.stat().st_size}
            for mode in ("bare", "bare-nogc", "pipeline"):
                print(f"  {n:>7} items: {mode} …", file=sys.stderr, flush=True)
                row[mode] = _measure(mode, path, reps, timeout=3600)
            result["sizes"][str(n)] = row
            path.unlink()
        if big:
            path = tmp / "hostile-50mb.yaml"
            path.write_text(big_scalar_plan(50_000_000), encoding="utf-8")
            print("  hostile 50 MB …", file=sys.stderr, flush=True)
            result["hostile_50mb"] = {"bytes": path.stat().st_size, "bare": _measure("bare", path, 1, 600),
                                      "pipeline": _measure("pipeline", path, 1, 600)}
            path.unlink()
        print("  cold start …", file=sys.stderr, flush=True)
        small = write(tmp / "small.yaml", 60)
        py = sys.executable
        result["cold_start"] = {
            "python -c pass": _start_time([py, "-c", "pass"], start_runs),
            "import yaml": _start_time([py, "-c", "import yaml"], start_runs),
            "agenda --version": _start_time([py, "-m", "agenda", "--version"], start_runs),
            "agenda validate (60 items)": _start_time([py, "-m", "agenda", "validate", str(small)], start_runs),
        }
        if extras:
            print("  Deventer report, 5,000-item diagram …", file=sys.stderr, flush=True)
            result["deventer_report"] = _report_e2e(tmp, commands)
            result["diagram_5000"] = _diagram(tmp, commands)
    result["ratios"] = _ratios(result)
    return result


def _ratios(result: dict[str, Any]) -> dict[str, Any]:
    sizes = result["sizes"]
    largest = sizes[max(sizes, key=int)] if sizes else None
    ratios: dict[str, Any] = {}
    if largest:
        ratios["pipeline/bare at largest size"] = _ratio(largest["pipeline"]["seconds"], largest["bare"]["seconds"])
        ratios["pipeline/bare-nogc at largest size"] = _ratio(largest["pipeline"]["seconds"],
                                                             largest["bare-nogc"]["seconds"])
        ratios["peak memory pipeline/bare"] = _ratio(largest["pipeline"]["growth_kb"], largest["bare"]["growth_kb"])
    if "10000" in sizes and "100000" in sizes:
        ratios["growth 10k->100k (pipeline)"] = _ratio(sizes["100000"]["pipeline"]["seconds"],
                                                       sizes["10000"]["pipeline"]["seconds"])
        ratios["growth 10k->100k (bare)"] = _ratio(sizes["100000"]["bare"]["seconds"], sizes["10000"]["bare"]["seconds"])
    big = result.get("hostile_50mb")
    if big:
        ratios["hostile 50 MB: validate/bare"] = _ratio(big["pipeline"]["seconds"], big["bare"]["seconds"])
    cold = result["cold_start"]
    ratios["cold start `agenda --version` / import yaml"] = _ratio(cold["agenda --version"], cold["import yaml"])
    ratios["cold start `agenda validate` / import yaml"] = _ratio(cold["agenda validate (60 items)"],
                                                                  cold["import yaml"])
    ratios["largest size"] = max(sizes, key=int) if sizes else None
    return ratios


def _table(result: dict[str, Any]) -> str:
    lines = [f"agenda benchmarks — Python {result['python']}, {result['machine']}", ""]
    head = f"{'items':>7} {'MB':>6} {'bare s':>8} {'nogc s':>8} {'pipe s':>8} {'valid.':>7} {'graph':>6} " \
           f"{'refl.':>6} {'ratio':>6} {'bare MB':>8} {'pipe MB':>8} {'mem×':>5}"
    lines += [head, "-" * len(head)]
    for n, row in result["sizes"].items():
        bare, nogc, pipe = row["bare"], row["bare-nogc"], row["pipeline"]
        ph = pipe["phases"]
        lines.append(
            f"{int(n):>7} {row['bytes'] / 1e6:>6.1f} {bare['seconds']:>8.2f} {nogc['seconds']:>8.2f} "
            f"{pipe['seconds']:>8.2f} {_fmt(ph['validate']):>7} {_fmt(ph['graph']):>6} {_fmt(ph['reflectie']):>6} "
            f"{_fmt(_ratio(pipe['seconds'], bare['seconds'])):>6} {bare['growth_kb'] / 1024:>8.0f} "
            f"{pipe['growth_kb'] / 1024:>8.0f} {_fmt(_ratio(pipe['growth_kb'], bare['growth_kb'])):>5}"
        )
    big = result.get("hostile_50mb")
    if big:
        lines += ["", f"hostile 50 MB file: bare {big['bare']['seconds']:.2f} s, validate {big['pipeline']['seconds']:.2f} s "
                      f"(answers {', '.join(big['pipeline'].get('errors', [])) or 'nothing'})"]
    lines += ["", "cold start (median):"]
    lines += [f"  {k:<28} {v * 1000:>7.0f} ms" for k, v in result["cold_start"].items()]
    if "deventer_report" in result:
        rep = result["deventer_report"]
        lines.append(f"Deventer report end to end: {_fmt(rep['seconds'], ' s')} {rep.get('note', '')}".rstrip())
        dia = result["diagram_5000"]
        api = dia["api"]
        api_text = (f"render_dot {_fmt(api['render_dot'], ' s')}, dot -Tsvg "
                    f"{api['dot_svg'].splitlines()[0] if isinstance(api['dot_svg'], str) else _fmt(api['dot_svg'], ' s')}"
                    if isinstance(api, dict) else str(api))
        lines.append(f"5,000-item diagram: {api_text}; `agenda render`: {_fmt(dia['cli_seconds'], ' s')}")
    lines += ["", "ratios (goal):"]
    for name, value in result["ratios"].items():
        if name == "largest size":
            continue
        goal = GOALS.get(name)
        verdict = "" if goal is None or value is None else ("  met" if value <= goal else "  NOT met")
        goal_text = f"(≤ {goal:g})" if goal is not None else "(info)"
        lines.append(f"  {name:<46} {_fmt(value):>7} {goal_text}{verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks (or, with ``--child``, one measurement) and return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated plan sizes in items")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000, one run each, no 50 MB file")
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement below 100k items (median)")
    parser.add_argument("--no-extras", action="store_true", help="skip Deventer's report and the 5,000-item diagram")
    parser.add_argument("--output", default=str(RESULTS), help="where to write the JSON results")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    repeats = 1 if args.quick else max(1, args.repeats)
    result = run(sizes, repeats, 5 if args.quick else 9, big=not args.quick, extras=not args.no_extras)
    print(_table(result))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
