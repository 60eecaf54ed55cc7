"""Benchmark of the command line's start-up and first run: wall seconds of whole processes.

    python benchmarks/cli.py [--quick] [--json out.json] [--repeat N] [--cold]
                             [--kernels [FILE.pla ...]]

(a) Start-up, warm kernels: ``boolnet --help``, ``boolnet info --expr 'a^b'``, ``boolnet
    minimize`` of two 9-input functions (majority:9 from the families, 84-term 9sym.pla
    from the shared set) and ``boolnet compile`` of the bundled full adder. The peer is
    ``python -c "import numpy"`` in the same run, interleaved with the commands (round
    robin, so that the load of a shared machine falls on all of them alike); each command
    reports best and median wall seconds and their ratios to the peer's, and its least CPU
    seconds (user + system, which a loaded machine does not inflate) and that ratio.
(b) With ``--cold`` (left out of --quick): the same compile and minimize with an empty
    ``NUMBA_CACHE_DIR`` (every kernel compiled, as on a first run where the kernels that
    ``pip install .`` compiled into the wheel do not fit: another CPU or numba, an
    editable install), then warm again; the extra seconds are the cold-compile cost. The
    first run after ``pip install .`` itself is measured in a fresh venv: it loads the
    wheel's kernels (see setup.py).
(c) With ``--kernels`` (alone: part (a) is skipped): which kernels a cold ``minimize`` of
    each file compiles (cordic, apex4 and table5 from the shared set by default) and the
    seconds each takes with the kernels it calls, from numba's compile events; the
    process's CPU seconds beside them.
Targets (issue 16): --help <= 1.5x numpy, info <= 2x, minimize of a 9-input function <= 3x
(warm); cold compile of full_adder.pla < 3 s; a cold minimize within 5 s of its warm time.
The commands run through ``sys.executable`` and the installed ``boolnet`` script (no pyenv
or other shim in front of it), falling back to ``python -m boolnet``. They run this
checkout's code (``PYTHONPATH``), or with ``--installed`` whatever ``boolnet`` is installed.
Every process may cache bytecode, in a private folder (``PYTHONPYCACHEPREFIX``): an
installed package has its ``.pyc`` files, and compiling boolnet's sources in every run
(``PYTHONDONTWRITEBYTECODE=1``) cost 0.2 s a process, more than the import of numpy.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench" / "pla"
FULL_ADDER = ROOT / "examples" / "data" / "full_adder.pla"

TARGETS = {"help": 1.5, "info": 2.0, "minimize majority:9": 3.0, "minimize 9sym.pla": 3.0}


def boolnet_argv() -> list[str]:
    """How to start the CLI: the installed script under this interpreter, else -m boolnet."""
    script = Path(sysconfig.get_path("scripts")) / "boolnet"
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "boolnet"]


#: The environment of every measured process (see the module's note); set by main().
BASE_ENV: dict[str, str] = dict(os.environ)


def base_env(installed: bool, pycache: str) -> dict[str, str]:
    """The measured processes' environment: bytecode cached under ``pycache``; this
    checkout first on the path unless ``installed``."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not installed:
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [
            p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def run_once(argv: list[str], env: dict | None = None, cpu: list | None = None) -> float:
    """Wall seconds of one process (its CPU seconds appended to ``cpu``); RuntimeError when it fails."""
    env = BASE_ENV if env is None else env
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                          cwd=ROOT)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} failed: {done.stderr.decode()[-600:]}")
    if cpu is not None:  # user + system: what the process itself cost, whatever the load
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return seconds


def cases() -> dict[str, list[str]]:
    """The commands of part (a), by name (the peer first)."""
    cli = boolnet_argv()
    out = {"python -c 'import numpy'": [sys.executable, "-c", "import numpy"],
           "python -c pass": [sys.executable, "-c", "pass"],
           "help": cli + ["--help"],
           "info": cli + ["info", "--expr", "a^b"],
           "minimize majority:9": cli + ["minimize", "--family", "majority:9"],
           "compile full_adder.pla": cli + ["compile", str(FULL_ADDER)]}
    if (SHARED / "9sym.pla").is_file():
        out["minimize 9sym.pla"] = cli + ["minimize", str(SHARED / "9sym.pla")]
    return out


def startup(repeat: int) -> list[dict]:
    """Part (a): every command ``repeat`` times, round robin, after one untimed warm-up run."""
    table = cases()
    for name, argv in list(table.items()):  # warm: kernels cached, files in the page cache
        try:
            run_once(argv)
        except RuntimeError as exc:  # report it and measure the others
            print(f"  skipped {name}: {exc}", file=sys.stderr)
            del table[name]
    times: dict[str, list[float]] = {name: [] for name in table}
    cpus: dict[str, list[float]] = {name: [] for name in table}
    for _ in range(repeat):
        for name, argv in table.items():
            times[name].append(run_once(argv, cpu=cpus[name]))
    peer = next(iter(table))
    pb, pm = min(times[peer]), statistics.median(times[peer])
    pc = min(cpus[peer])
    rows = []
    for name, ts in times.items():
        best, median, cpu = min(ts), statistics.median(ts), min(cpus[name])
        rows.append({"command": name, "runs": len(ts), "best_s": round(best, 4),
                     "median_s": round(median, 4), "ratio_best": round(best / pb, 2),
                     "ratio_median": round(median / pm, 2), "cpu_s": round(cpu, 4),
                     "ratio_cpu": round(cpu / pc, 2), "target": TARGETS.get(name)})
    return rows


def cold(repeat: int) -> list[dict]:
    """Part (b): each command with an empty kernel cache, then warm (best of ``repeat``)."""
    cli = boolnet_argv()
    todo = {"compile full_adder.pla": cli + ["compile", str(FULL_ADDER)]}
    for name in ("9sym", "cordic"):
        if (SHARED / f"{name}.pla").is_file():
            todo[f"minimize {name}.pla"] = cli + ["minimize", str(SHARED / f"{name}.pla")]
    rows = []
    for name, argv in todo.items():
        cache = tempfile.mkdtemp(prefix="boolnet-cold-")
        # No background warm-up: the second run must measure a warm cache, not a race.
        env = dict(BASE_ENV, NUMBA_CACHE_DIR=cache, BOOLNET_NO_WARMUP="1")
        try:
            first = run_once(argv, env)
            warm = min(run_once(argv, env) for _ in range(repeat))
        except RuntimeError as exc:
            print(f"  skipped {name}: {exc}", file=sys.stderr)
            continue
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        rows.append({"command": name, "cold_s": round(first, 2), "warm_s": round(warm, 2),
                     "extra_s": round(first - warm, 2)})
        print(f"  {name:<26} cold {first:7.2f} s   warm {warm:6.2f} s   extra {first - warm:6.2f} s",
              flush=True)
    return rows


#: Run in a child with an empty kernel cache: minimize argv[2], per-kernel compile seconds
#: (outermost compiles, their callees included) and the CPU seconds as JSON in argv[1].
_KERNEL_PROBE = """
import contextlib, io, json, resource, sys, time
from numba.core import event
stack, seconds = [], {}
class Probe(event.Listener):
    def on_start(self, ev):
        stack.append(time.perf_counter())
    def on_end(self, ev):
        t = time.perf_counter() - stack.pop()
        fn = getattr(ev.data.get("dispatcher"), "py_func", None)
        name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"
        if not stack:
            seconds[name] = seconds.get(name, 0.0) + t
event.register("numba:compile", Probe())
from boolnet.cli import main
try:
    with contextlib.redirect_stdout(io.StringIO()):
        main(["minimize", sys.argv[2]])
except SystemExit:
    pass
ru = resource.getrusage(resource.RUSAGE_SELF)
json.dump({"cpu": ru.ru_utime + ru.ru_stime, "kernels": seconds}, open(sys.argv[1], "w"))
"""


def kernels(files: list[str]) -> list[dict]:
    """Part (c): per-kernel cold compile seconds of ``minimize`` of each file."""
    rows = []
    for path in files:
        cache = tempfile.mkdtemp(prefix="boolnet-kernels-")
        out = os.path.join(cache, "probe.json")
        env = dict(BASE_ENV, NUMBA_CACHE_DIR=cache, BOOLNET_NO_WARMUP="1")
        try:
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _KERNEL_PROBE, out, path], env=env,
                                  cwd=ROOT, capture_output=True, text=True)
            wall = time.perf_counter() - t0
            if done.returncode != 0:
                print(f"  skipped {path}: {done.stderr[-600:]}", file=sys.stderr)
                continue
            probe = json.loads(Path(out).read_text())
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        ks = sorted(probe["kernels"].items(), key=lambda kv: -kv[1])
        total = sum(v for _, v in ks)
        rows.append({"file": Path(path).name, "wall_s": round(wall, 2),
                     "cpu_s": round(probe["cpu"], 2), "compile_s": round(total, 2),
                     "kernels": {k: round(v, 2) for k, v in ks}})
        print(f"  {Path(path).name}: {wall:.1f} s wall, {probe['cpu']:.1f} s CPU, "
              f"{total:.1f} s compiling {len(ks)} kernels (with their callees):", flush=True)
        for k, v in ks:
            print(f"    {v:7.2f} s  {k}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, no cold runs")
    ap.add_argument("--json", help="write the figures to this JSON file")
    ap.add_argument("--repeat", type=int, default=None, help="runs per command (default 5/15)")
    ap.add_argument("--cold", action="store_true", help="also time first runs on an empty cache")
    ap.add_argument("--kernels", nargs="*", metavar="FILE",
                    help="only part (c): per-kernel cold compile times of minimize FILE "
                         "(default: cordic, apex4, table5 of the shared set)")
    ap.add_argument("--installed", action="store_true",
                    help="measure the installed boolnet, not this checkout")
    args = ap.parse_args()
    global BASE_ENV
    pycache = tempfile.mkdtemp(prefix="boolnet-pyc-")
    BASE_ENV = base_env(args.installed, pycache)
    if args.kernels is not None:
        files = args.kernels or [str(SHARED / f"{n}.pla") for n in ("cordic", "apex4", "table5")
                                 if (SHARED / f"{n}.pla").is_file()]
        print("(c) kernels compiled by a cold minimize (empty NUMBA_CACHE_DIR)")
        result = {"load": os.getloadavg(), "kernels": kernels(files)}
        shutil.rmtree(pycache, ignore_errors=True)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
            print(f"wrote {args.json}")
        return
    repeat = args.repeat or (5 if args.quick else 15)
    print(f"(a) start-up, warm kernels: best and median of {repeat} runs, ratios to "
          f"'import numpy' in the same run")
    rows = startup(repeat)
    print(f"  {'command':<26} {'best s':>8} {'median s':>9} {'x numpy':>8} {'(median)':>9} "
          f"{'cpu s':>7} {'(x numpy)':>9} {'target':>7}")
    for r in rows:
        target = f"<={r['target']}" if r["target"] else ""
        print(f"  {r['command']:<26} {r['best_s']:8.3f} {r['median_s']:9.3f} "
              f"{r['ratio_best']:8.2f} {r['ratio_median']:9.2f} {r['cpu_s']:7.3f} "
              f"{r['ratio_cpu']:9.2f} {target:>7}")
    result = {"python": platform.python_version(), "machine": platform.machine(),
              "cpus": os.cpu_count(), "load": os.getloadavg(), "repeat": repeat,
              "startup": rows}
    if args.cold and not args.quick:
        print("(b) first run on an empty NUMBA_CACHE_DIR, then warm")
        result["cold"] = cold(max(1, repeat // 5))
    shutil.rmtree(pycache, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
