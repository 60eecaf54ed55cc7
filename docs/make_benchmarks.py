"""Run the benchmarks in quick mode and keep their tables for docs/benchmarks.md.

    python docs/make_benchmarks.py              # every benchmarks/*.py
    python docs/make_benchmarks.py nn compile   # only these

Each benchmark runs as ``python benchmarks/NAME.py --quick --json ...``; its printed
table goes to ``docs/_static/benchmarks/NAME.txt`` under a header naming the machine,
the date and the versions, and its JSON beside it. The docs page includes these files;
it never runs a benchmark itself (timing lives in benchmarks, not in builds or tests).
"""
from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "_static" / "benchmarks"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = [f"Python {platform.python_version()}"]
    for mod in ("numpy", "scipy", "sympy", "torch"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # optional peers
            pass
    try:
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        load = "?"
    return (f"{cpu}; {os.cpu_count()} logical cores (load average {load} at start)\n"
            f"# system: {platform.system()} {platform.release()}; " + ", ".join(versions))


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "benchmarks", "boolnet"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return rev + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    scripts = sorted(p for p in (ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_"))
    if argv:
        scripts = [s for s in scripts if s.stem in argv]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
               MPLBACKEND="Agg")
    status = 0
    for script in scripts:
        head = (f"$ python benchmarks/{script.name} --quick\n"
                f"# date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
                f"boolnet revision {git_revision()}\n# machine: {machine()}\n")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), "--quick", "--json",
                               str(OUT / f"{script.stem}.json")], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            print(f"{script.name}: FAILED (exit {proc.returncode})\n{proc.stderr[-3000:]}")
            status = 1
            continue
        (OUT / f"{script.stem}.txt").write_text(
            head + f"# wall time: {seconds:.0f} s\n\n" + proc.stdout.replace(f"{ROOT}{os.sep}", ""),
            encoding="utf-8")
        print(f"{script.name}: {seconds:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
