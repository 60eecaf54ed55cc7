"""Two-level minimisation: boolnet exact and heuristic beside sympy's SOPform, Espresso and pyeda.

    python benchmarks/minimize.py [--quick] [--json out.json]

(a) Random functions, n = 4..14, ON density 0.5 and 0.2, with and without 10% don't-cares:
    boolnet exact and heuristic and sympy ``SOPform`` (in a subprocess, capped at a
    timeout and marked "timeout"; only up to the n where it is feasible), with terms,
    literals, seconds and ratios.
(b) The shared PLA set (../shared/bench/pla): cubes and seconds of boolnet's heuristic
    beside Espresso 2.3's published figures (SOURCES.md) and pyeda's espresso, run here
    when ``import pyeda`` works.
(c) ``--tables``: every shared PLA file with at most 16 inputs read as a truth table
    (``boolnet.read(path).to_function()``) and its complement, through
    ``minimize(g, method="auto", time_limit=1.0)``. Each case runs in a child process
    with its address space capped (``--mem-limit`` GiB, default 8) and a timeout
    (``--case-timeout``), so a case that explodes is reported, not the machine's end;
    the child reports seconds, terms, method, its peak RSS and the report's reason and
    notes, beside pyeda's espresso on the same cubes (complement: type dr).

BLAS is pinned to one thread (threadpoolctl), as everywhere in boolnet's benchmarks.
``--quick`` keeps to small n and the fast PLA files and finishes in under a minute.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boolnet import BooleanFunction, Cover  # noqa: E402
from boolnet.twolevel import minimize  # noqa: E402

PLA_DIR = ROOT.parent / "shared" / "bench" / "pla"

_SYMPY = r"""
import json, sys, time
from sympy import symbols, Or, And
from sympy.logic import SOPform
d = json.load(sys.stdin)
n = d["n"]
xs = symbols(" ".join(f"x{i + 1}" for i in range(n)))
xs = xs if isinstance(xs, tuple) else (xs,)
bits = lambda r: [(r >> (n - 1 - i)) & 1 for i in range(n)]
t = time.perf_counter()
e = SOPform(list(xs), [bits(r) for r in d["on"]], [bits(r) for r in d["dc"]])
s = time.perf_counter() - t
terms = list(e.args) if isinstance(e, Or) else ([] if e in (True, False) and not e else [e])
lits = sum(len(t.args) if isinstance(t, And) else (0 if t is True else 1) for t in terms)
print(json.dumps({"terms": len(terms), "literals": lits, "seconds": s}))
"""


def pin_blas() -> str:
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
        return "BLAS pinned to 1 thread"
    except ImportError:
        return "threadpoolctl not installed: BLAS threads not pinned"


def run_sympy(f: BooleanFunction, timeout: float) -> dict:
    """SOPform in a subprocess, killed at ``timeout`` seconds."""
    payload = json.dumps({"n": f.n, "on": f.minterms().tolist(), "dc": f.dontcares().tolist()})
    try:
        p = subprocess.run([sys.executable, "-c", _SYMPY], input=payload, capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": timeout}
    if p.returncode != 0:
        return {"status": "error", "error": p.stderr.strip().splitlines()[-1:]}
    d = json.loads(p.stdout)
    d["status"] = "ok"
    return d


def random_function(n: int, density: float, dc: float, seed: int) -> BooleanFunction:
    rng = np.random.default_rng(seed)
    u = rng.random(1 << n)
    table = np.where(u < dc, -1, (rng.random(1 << n) < density).astype(int))
    return BooleanFunction.from_array(table)


def part_a(ns, sympy_max_n: int, timeout: float, exact_limit: float) -> list[dict]:
    rows = []
    for n in ns:
        for density in (0.5, 0.2):
            for dc in (0.0, 0.1):
                f = random_function(n, density, dc, seed=1000 * n + int(100 * density) + int(dc * 10))
                row = {"n": n, "density": density, "dc": dc}
                t = time.perf_counter()
                _, re_ = minimize(f, method="exact", time_limit=exact_limit)
                row["exact"] = {"terms": re_.terms, "literals": re_.literals,
                                "seconds": time.perf_counter() - t, "proven": re_.proven,
                                "method": re_.method}
                t = time.perf_counter()
                _, rh = minimize(f, method="heuristic")
                row["heuristic"] = {"terms": rh.terms, "literals": rh.literals,
                                    "seconds": time.perf_counter() - t}
                if n <= sympy_max_n:
                    row["sympy"] = run_sympy(f, timeout)
                else:
                    row["sympy"] = {"status": "skipped"}
                s = row["sympy"]
                if s.get("status") == "ok":
                    row["speedup_vs_sympy"] = s["seconds"] / max(row["exact"]["seconds"], 1e-9)
                    row["terms_minus_sympy"] = re_.terms - s["terms"]
                rows.append(row)
                print_a(row)
    return rows


def part_d(ns, seeds: int, exact_limit: float) -> list[dict]:
    """Exact on ``seeds`` random functions per n at density 0.5: how the time spreads."""
    rows = []
    for n in ns:
        secs, proven = [], 0
        for seed in range(seeds):
            f = random_function(n, 0.5, 0.0, seed=77_000 + 100 * n + seed)
            t = time.perf_counter()
            _, r = minimize(f, method="exact", time_limit=exact_limit)
            secs.append(time.perf_counter() - t)
            proven += bool(r.proven)
        secs = np.array(secs)
        row = {"n": n, "seeds": seeds, "proven": proven, "median_seconds": float(np.median(secs)),
               "max_seconds": float(secs.max()), "min_seconds": float(secs.min()),
               "proven_under_1s": int(((secs < 1.0)).sum()),
               "seconds": secs.tolist()}
        rows.append(row)
        print(f"{n:3d} {seeds:5d} {proven:6d} {row['min_seconds']:8.3f} {row['median_seconds']:8.3f} "
              f"{row['max_seconds']:8.3f}", flush=True)
    return rows


def print_a(r: dict) -> None:
    e, h, s = r["exact"], r["heuristic"], r["sympy"]
    if s.get("status") == "ok":
        sy = f"{s['terms']:5d} {s['literals']:6d} {s['seconds']:8.3f}"
        ratio = f"{r['speedup_vs_sympy']:9.0f}x"
    else:
        sy = f"{s.get('status', ''):>21}"
        ratio = " " * 10
    proof = "P" if e["proven"] else ("h" if e["method"] == "heuristic" else "-")
    print(f"{r['n']:3d} {r['density']:4.1f} {r['dc']:4.1f} | {e['terms']:5d}{proof} "
          f"{e['literals']:6d} {e['seconds']:8.3f} | {h['terms']:5d} {h['literals']:6d} "
          f"{h['seconds']:8.3f} | {sy} |{ratio}", flush=True)


def espresso_table() -> dict:
    """Espresso's cubes and seconds per file from SOURCES.md (None where it did not finish)."""
    out = {}
    text = (PLA_DIR / "SOURCES.md").read_text()
    for m in re.finditer(r"^\|\s*(\S+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*([^|]+)\|\s*([^|]+)\|",
                         text, re.M):
        name, cubes, secs = m.group(1), m.group(4).strip(), m.group(5).strip()
        out[name] = {"cubes": int(cubes) if cubes.isdigit() else None,
                     "seconds": float(secs) if re.fullmatch(r"[\d.]+", secs) else None}
    return out


_PYEDA = r"""
import json, sys, time
from pyeda.boolalg.espresso import espresso, set_config, FTYPE, DTYPE, RTYPE
d = json.load(sys.stdin)
n, m = d["n"], d["m"]
cover = set()
for ins, outs in d["cubes"]:
    cover.add((tuple({"0": 1, "1": 2, "-": 3}[c] for c in ins), tuple(outs)))
set_config()
best = None
for _ in range(d.get("repeat", 1)):
    t = time.perf_counter()
    res = espresso(n, m, cover, intype=d["type"])
    s = time.perf_counter() - t
    best = s if best is None else min(best, s)
print(json.dumps({"cubes": len(res), "seconds": best}))
"""


def run_pyeda(cf, timeout: float, repeat: int = 1) -> dict | None:
    """pyeda's espresso on the same cubes in a subprocess, best of ``repeat`` runs (None
    when pyeda is not installed)."""
    cubes = []
    for cov, val in ((cf.on, 1), (cf.dc, 2)):
        for s, row in zip(cov.cube_strings(), cov.outputs):
            cubes.append([s, [val if b else 0 for b in row]])
    if cf.off is not None:
        for s, row in zip(cf.off.cube_strings(), cf.off.outputs):
            cubes.append([s, [0 if b else 2 for b in row]])
    return _pyeda_payload(cf.n, cf.m, cubes, 3 if cf.off is None else 7, timeout, repeat)


def _pyeda_payload(n: int, m: int, cubes: list, kind: int, timeout: float,
                   repeat: int = 1) -> dict | None:
    try:
        import pyeda  # noqa: F401
    except ImportError:
        return None
    payload = json.dumps({"n": n, "m": m, "cubes": cubes, "type": kind, "repeat": repeat})
    try:
        p = subprocess.run([sys.executable, "-c", _PYEDA], input=payload, capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": timeout}
    if p.returncode != 0:
        return {"status": "error", "error": (p.stderr.strip().splitlines() or [""])[-1]}
    d = json.loads(p.stdout)
    d["status"] = "ok"
    return d


QUICK_FILES = ["5xp1", "9sym", "bw", "clip", "con1", "inc", "misex1", "misex2", "mytest",
               "o64", "rd53", "rd73", "sao2", "squar5", "xor5", "e64", "vg2", "duke2", "b12"]


_CASE = r"""
import json, resource, sys, time, warnings
path, comp, limit = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[4])
import boolnet
from boolnet.twolevel import minimize
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    g = boolnet.read(path).to_function()
if comp:
    g = g.complement()
t = time.perf_counter()
try:
    cover, rep = minimize(g, method="auto", time_limit=1.0, progress=False)
except MemoryError:
    import traceback
    where = " < ".join(f"{fr.name}:{fr.lineno}" for fr in
                       reversed(traceback.extract_tb(sys.exc_info()[2])[-4:]))
    print(json.dumps({"status": "MemoryError", "error": where, "seconds": time.perf_counter() - t,
                      "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    sys.exit(0)
print(json.dumps({"status": "ok", "seconds": time.perf_counter() - t, "terms": rep.terms,
                  "literals": rep.literals, "method": rep.method, "proven": rep.proven,
                  "reason": rep.reason, "notes": rep.notes, "checked": rep.checked,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

TABLE_QUICK = ["5xp1", "9sym", "bw", "clip", "con1", "inc", "misex1", "rd53", "rd73", "sao2",
               "squar5", "xor5", "mytest", "misex3c", "apex4"]


def run_case(path: Path, complement: bool, mem_limit: float, timeout: float) -> dict:
    """One truth-table case in a child process capped at ``mem_limit`` GiB of address space."""
    args = [sys.executable, "-c", _CASE, str(path), "1" if complement else "0",
            str(int(mem_limit * (1 << 30))), str(ROOT)]
    t = time.perf_counter()
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "seconds": timeout}
    if p.returncode != 0 or not p.stdout.strip():
        last = (p.stderr.strip().splitlines() or [f"exit code {p.returncode}"])[-1]
        return {"status": "error", "error": last, "seconds": time.perf_counter() - t}
    return json.loads(p.stdout.strip().splitlines()[-1])


def pyeda_cubes(cf, complement: bool):
    """pyeda's cover and type for a PLA's function (fd) or its complement (dr: R = ON cubes)."""
    if cf.off is not None:
        return None  # fr/fdr files: the 0/1/2 output values cannot say "no meaning" for all
    cubes = []
    on_val, kind = (0, 6) if complement else (1, 3)
    other = 1 if complement else 0  # a value with no meaning for this type
    for cov, val in ((cf.on, on_val), (cf.dc, 2)):
        for s, row in zip(cov.cube_strings(), cov.outputs):
            cubes.append([s, [val if b else other for b in row]])
    return cubes, kind


def _read_quiet(path):
    """A shared PLA file at cube level, without the reader's warnings about odd headers."""
    from boolnet.io.pla import read_pla
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_pla(path)


def _pyeda_cell(py: dict | None) -> str:
    if py is None:
        return ""
    return f"{py['cubes']:6d} {py['seconds']:7.2f}" if py.get("status") == "ok" else f"{py.get('status'):>14}"


def part_c(quick: bool, mem_limit: float, timeout: float, pyeda_timeout: float) -> list[dict]:
    rows = []
    for path in sorted(PLA_DIR.glob("*.pla")):
        name = path.stem
        if quick and name not in TABLE_QUICK:
            continue
        cf = _read_quiet(path)
        if cf.n > 16:
            continue
        for comp in (False, True):
            row = {"file": name, "function": "~f" if comp else "f", "inputs": cf.n,
                   "outputs": cf.m}
            row.update(run_case(path, comp, mem_limit, timeout))
            pc = pyeda_cubes(cf, comp)
            if pc is not None:
                py = _pyeda_payload(cf.n, cf.m, pc[0], pc[1], pyeda_timeout)
                if py is not None:
                    row["pyeda"] = py
            rows.append(row)
            print_c(row)
    return rows


def print_c(r: dict) -> None:
    pys = _pyeda_cell(r.get("pyeda"))
    if r["status"] == "ok":
        why = r.get("reason") or ""
        why = (why[:60] + "...") if len(why) > 63 else why
        body = (f"{r['terms']:6d} {r['seconds']:8.2f} {r['method']:>9s} {r['rss_mib']:7.0f} "
                f"| {pys:14s} | {why}")
    else:
        body = f"{r['status']:>14s} {r['seconds']:8.2f} {r.get('error', '')}"
    print(f"{r['file']:8s} {r['function']:2s} {r['inputs']:3d} {r['outputs']:3d} | {body}",
          flush=True)


def warm_up() -> float:
    """Seconds of the one-time start-up (numba's cache load, scipy's import), kept out of the rows."""
    t = time.perf_counter()
    for m in (1, 3):
        f = BooleanFunction.from_array(np.random.default_rng(m).integers(-1, 2, (64, m)))
        minimize(f, method="exact")
        minimize(f, method="heuristic")
        minimize(Cover.from_function(f), method="heuristic")
    # Above 24 inputs the heuristic works on cubes only (other kernels).
    rng = np.random.default_rng(5)
    care = rng.random((40, 30)) < 0.2
    rows = ["".join("-" if not c else str(int(v)) for c, v in zip(cr, vr))
            for cr, vr in zip(care, rng.random((40, 30)) < 0.5)]
    outs = ["".join("1" if b else "0" for b in o) for o in rng.random((40, 2)) < 0.7]
    minimize(Cover.from_strings(rows, outputs=[o if "1" in o else "10" for o in outs]),
             method="heuristic")
    return time.perf_counter() - t


def part_b(quick: bool, timeout: float, repeat: int = 1) -> list[dict]:
    """The shared PLA files: each minimised ``repeat`` times (best time kept, as for pyeda)."""
    esp = espresso_table()
    files = sorted(p.stem for p in PLA_DIR.glob("*.pla"))
    if quick:
        files = [f for f in files if f in QUICK_FILES]
    rows = []
    for name in files:
        cf = _read_quiet(PLA_DIR / f"{name}.pla")
        secs = np.inf
        for _ in range(repeat):
            t = time.perf_counter()
            cover, rep = minimize(cf, method="heuristic")
            secs = min(secs, time.perf_counter() - t)
        e = esp.get(name, {})
        row = {"file": name, "inputs": cf.n, "outputs": cf.m, "cubes": rep.terms,
               "literals": rep.literals, "seconds": secs, "checked": rep.checked,
               "espresso_cubes": e.get("cubes"), "espresso_seconds": e.get("seconds"),
               "notes": rep.notes}
        py = run_pyeda(cf, timeout, repeat)
        if py is not None:
            row["pyeda"] = py
        rows.append(row)
        print_b(row)
    return rows


def print_b(r: dict) -> None:
    ec = "-" if r["espresso_cubes"] is None else str(r["espresso_cubes"])
    es = "-" if r["espresso_seconds"] is None else f"{r['espresso_seconds']:.2f}"
    pys = _pyeda_cell(r.get("pyeda"))
    print(f"{r['file']:8s} {r['inputs']:4d} {r['outputs']:4d} | {r['cubes']:6d} {r['seconds']:8.2f} "
          f"| {ec:>6} {es:>6} | {pys}", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small n and fast files (< 1 minute)")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    ap.add_argument("--sympy-timeout", type=float, default=None,
                    help="seconds before a SOPform run is marked as timed out (30; 5 with --quick)")
    ap.add_argument("--exact-time-limit", type=float, default=10.0,
                    help="time limit of the exact cover search per function")
    ap.add_argument("--no-pla", action="store_true", help="skip part (b)")
    ap.add_argument("--no-random", action="store_true", help="skip part (a)")
    ap.add_argument("--tables", action="store_true",
                    help="part (c): PLA files of <= 16 inputs as truth tables, f and ~f, auto")
    ap.add_argument("--spread", type=int, default=0, metavar="K",
                    help="part (d): exact on K random functions per n (density 0.5)")
    ap.add_argument("--repeat", type=int, default=3, metavar="K",
                    help="part (b): best of K runs per file, for boolnet and pyeda alike (3); "
                         "the machine's speed drifts by 20-40%% from run to run")
    ap.add_argument("--mem-limit", type=float, default=8.0,
                    help="GiB of address space for each part (c) child process")
    ap.add_argument("--case-timeout", type=float, default=300.0,
                    help="seconds before a part (c) case is marked as timed out")
    args = ap.parse_args(argv)
    note = pin_blas()
    timeout = args.sympy_timeout or (5.0 if args.quick else 30.0)
    ns = range(4, 9) if args.quick else range(4, 15)
    sympy_max = 6 if args.quick else 10
    print(f"# boolnet minimize benchmark ({'quick' if args.quick else 'full'}); {note}")
    res = {"note": note}
    if not args.no_random or args.spread or not args.no_pla:
        start = warm_up()
        print(f"# one-time start-up per process (numba cache, scipy import), not in the rows: "
              f"{start:.2f} s")
        res["startup_seconds"] = start
    if not args.no_random:
        print(f"# (a) random functions: exact (P = proven, h = heuristic answered, - = not "
              f"proven) | heuristic | sympy SOPform (timeout {timeout:.0f} s) | SOPform s / exact s")
        print("  n dens   dc | exact terms  lits        s | heur terms lits        s "
              "| sympy terms lits       s |  speed-up")
        res["random"] = part_a(ns, sympy_max, timeout, args.exact_time_limit)
    if not args.no_pla and PLA_DIR.is_dir():
        print(f"# (b) shared PLA set: boolnet heuristic | Espresso 2.3 (SOURCES.md) | pyeda "
              f"espresso; seconds are the best of {args.repeat} runs (Espresso's: published)")
        print("file        i    o |  cubes        s |  esp.     s  | pyeda cubes     s")
        rows = part_b(args.quick, timeout, args.repeat)
        res["pla"] = rows
        both = [r for r in rows if r["espresso_cubes"] is not None]
        tot = sum(r["cubes"] for r in both)
        etot = sum(r["espresso_cubes"] for r in both)
        over = [r["file"] for r in both if r["espresso_seconds"] and
                r["seconds"] > 10 * max(r["espresso_seconds"], 0.005)]
        esec = sum(r["espresso_seconds"] for r in both)
        bsec = sum(r["seconds"] for r in both)
        py = [r for r in rows if r.get("pyeda", {}).get("status") == "ok"]
        over_py = [r["file"] for r in py if r["seconds"] > 10 * max(r["pyeda"]["seconds"], 0.005)]
        res["pla_summary"] = {"files": len(rows), "repeat": args.repeat,
                              "boolnet_cubes": tot, "espresso_cubes": etot,
                              "boolnet_seconds": sum(r["seconds"] for r in rows),
                              "boolnet_seconds_espresso_files": bsec, "espresso_seconds": esec,
                              "slower_than_10x_espresso": over,
                              "pyeda_files": len(py),
                              "pyeda_seconds": sum(r["pyeda"]["seconds"] for r in py),
                              "boolnet_seconds_pyeda_files": sum(r["seconds"] for r in py),
                              "slower_than_10x_pyeda": over_py}
        print(f"# total over {len(both)} files with an Espresso count: boolnet {tot} cubes, "
              f"Espresso {etot}; boolnet {bsec:.1f} s against Espresso's {esec:.1f} s "
              f"({bsec / max(esec, 1e-9):.1f}x)")
        print(f"# more than 10x Espresso's time (floor 5 ms): {', '.join(over) or 'none'}")
        if py:
            s = res["pla_summary"]
            print(f"# pyeda, same run, {len(py)} files: boolnet {s['boolnet_seconds_pyeda_files']:.1f} s "
                  f"against {s['pyeda_seconds']:.1f} s; more than 10x pyeda's time (floor 5 ms): "
                  f"{', '.join(over_py) or 'none'}")
    elif not PLA_DIR.is_dir():
        print(f"# (b) skipped: {PLA_DIR} is absent")
    if args.spread:
        print(f"# (d) exact on {args.spread} random functions per n, half ON, time limit "
              f"{args.exact_time_limit:g} s: how many proven, and seconds")
        print("  n seeds proven      min   median      max")
        res["spread"] = part_d((8, 10) if args.quick else (10, 11, 12), args.spread,
                               args.exact_time_limit)
    if args.tables and PLA_DIR.is_dir():
        print(f"# (c) truth tables, minimize(g, 'auto', time_limit=1.0), each in a child capped "
              f"at {args.mem_limit:g} GiB | pyeda espresso on the same cubes")
        print("file     fn   i   o |  terms        s    method  RSS MiB | pyeda cubes   s | reason")
        rows = part_c(args.quick, args.mem_limit, args.case_timeout, timeout)
        res["tables"] = rows
        ok = [r for r in rows if r["status"] == "ok"]
        res["tables_summary"] = {
            "cases": len(rows), "ok": len(ok), "terms": sum(r["terms"] for r in ok),
            "seconds": sum(r["seconds"] for r in ok),
            "failed": [f"{r['file']} {r['function']}: {r['status']}" for r in rows
                       if r["status"] != "ok"]}
        print(f"# {len(ok)}/{len(rows)} cases ok: {res['tables_summary']['terms']} terms, "
              f"{res['tables_summary']['seconds']:.1f} s; failed: "
              f"{', '.join(res['tables_summary']['failed']) or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, default=float))
        print(f"# wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
