"""Benchmark of NPN canonical forms and exact synthesis (boolnet.npn, boolnet.compiler.exact).

    python benchmarks/exact.py [--quick] [--json out.json] [--parts abcd]

(a) NPN canonical forms of 10^5 seeded random 6-input tables (10^4 with --quick), and of
    all 2^16 4-input tables (222 classes expected): boolnet's kernel beside Berkeley ABC's
    ``testnpn`` (exact algorithms -A 10, Zhou's adjustable exact, and -A 1, brute force)
    on the same tables, run as an outside program; classes must agree; ratio = ABC / boolnet
    seconds (ABC's own timer, which leaves out reading the file).
(b) Class enumeration for n = 5 (616,126 classes, sizes summing to 2^32): seconds, computed
    without the disk cache (with --quick: the cached copy is loaded, or the step skipped).
(c) Exact synthesis of 4-input NPN classes (all 222; a seeded 40 with --quick): seconds per
    class (median, worst; wall and CPU), units found, all proven?; the peer is the best of
    boolnet's textbook constructions (threshold, symmetric, cascade, deep, wide; synth and
    auto now use the exact minimum themselves): its neurons / the exact minimum, summed.
(d) Exact synthesis of seeded random 5-input functions (50; 10 with --quick) under a time
    limit: CPU seconds (median, worst), how many proven, after a warm-up whose one-off
    CPU (the 94,572 threshold functions, the pair search's index, numba's kernels) is
    reported apart. Target: median < 1 s of CPU.
"""
from __future__ import annotations

import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# first: it puts this checkout on sys.path for the boolnet imports
from _common import ABC, parser, pin_threads, write_json

from boolnet import BooleanFunction
from boolnet.compiler import compile_report
from boolnet.compiler.exact import exact_minimum
from boolnet.errors import NotApplicable
from boolnet.npn import npn_canonical_many, npn_classes

pin_threads()


def _abc_npn(tts: np.ndarray, n: int, algo: int) -> dict | None:
    """ABC's testnpn on the tables (hex, one a line): its classes and its own seconds."""
    if ABC is None:
        return None
    digits = max(1, (1 << n) // 4)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("".join(f"{int(t):0{digits}x}\n" for t in tts))
        path = fh.name
    out = subprocess.run([ABC, "-c", f"testnpn -A {algo} {path}"], capture_output=True,
                         text=True, timeout=600).stdout
    Path(path).unlink()
    m = re.search(r"Classes =\s*(\d+)\s+Time =\s*([\d.]+) sec", out)
    return None if m is None else {"classes": int(m.group(1)), "seconds": float(m.group(2))}


def part_a(count: int) -> dict:
    rng = np.random.default_rng(2026)
    tts6 = rng.integers(0, 1 << 63, count, dtype=np.uint64) * np.uint64(2) + \
        rng.integers(0, 2, count).astype(np.uint64)
    tts4 = np.arange(1 << 16, dtype=np.uint64)
    npn_canonical_many(tts6[:10], 6)  # compile (or load) the kernels outside the timing
    rows = []
    for n, tts in ((6, tts6), (4, tts4)):
        t0 = time.perf_counter()
        canon, _ = npn_canonical_many(tts, n)
        secs = time.perf_counter() - t0
        row = {"n": n, "tables": len(tts), "boolnet_s": secs,
               "boolnet_classes": int(len(np.unique(canon)))}
        for algo in (10, 1):
            if algo == 1 and n == 6 and len(tts) > 20000:
                continue  # brute force on 10^5 6-input tables takes minutes
            peer = _abc_npn(tts, n, algo)
            if peer:
                row[f"abc_A{algo}_s"] = peer["seconds"]
                row[f"abc_A{algo}_classes"] = peer["classes"]
                row[f"ratio_A{algo}"] = peer["seconds"] / secs if secs else None
        rows.append(row)
    return {"rows": rows}


def part_b(quick: bool) -> dict:
    if quick:
        t0 = time.perf_counter()
        try:
            tts, sizes = npn_classes(5)  # from the cache when present
        except Exception as exc:  # pragma: no cover
            return {"skipped": str(exc)}
        return {"classes": len(tts), "sum_sizes": int(sizes.sum()), "cached_load_s":
                time.perf_counter() - t0, "note": "--quick: loaded (or computed once)"}
    t0 = time.perf_counter()
    tts, sizes = npn_classes(5, cache=False)
    return {"classes": len(tts), "sum_sizes": int(sizes.sum()), "seconds": time.perf_counter() - t0}


def _exact_rows(tts: list[int], n: int, time_limit: float | None, peer: bool) -> list[dict]:
    rows = []
    for tt in tts:
        f = BooleanFunction.from_hex(f"0x{tt:0{(1 << n) // 4}x}", n=n)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            _, rep = exact_minimum(f, time_limit=time_limit)
            row = {"tt": hex(tt), "units": rep.units, "depth": rep.depth, "proven": rep.proven}
        except NotApplicable as exc:
            row = {"tt": hex(tt), "units": None, "proven": False, "reason": str(exc)}
        # wall seconds (HiGHS's limit is wall time) and this process's CPU seconds: on a
        # loaded machine the second is the fairer figure
        row["seconds"] = time.perf_counter() - t0
        row["cpu_seconds"] = time.process_time() - c0
        if peer:
            row["forms_neurons"] = _best_form(f)
        rows.append(row)
    return rows


def _best_form(f: BooleanFunction) -> int:
    """Fewest neurons of boolnet's constructions, the peer of (c): the textbook forms only,
    since synth maps 4-input cuts to the optimum database this benchmark measures."""
    best = None
    for arch in ("threshold", "symmetric", "cascade", "deep", "wide"):
        try:
            neurons = compile_report(f, arch=arch).cost.neurons
        except NotApplicable:
            continue
        best = neurons if best is None else min(best, neurons)
    return best


def _stats(rows: list[dict]) -> dict:
    secs = [r["seconds"] for r in rows]
    cpu = [r["cpu_seconds"] for r in rows]
    return {"classes": len(rows), "median_s": statistics.median(secs), "worst_s": max(secs),
            "median_cpu_s": statistics.median(cpu), "worst_cpu_s": max(cpu),
            "proven": sum(bool(r["proven"]) for r in rows),
            "units": {str(u): sum(r["units"] == u for r in rows)
                      for u in sorted({r["units"] for r in rows if r["units"]})}}


def part_c(quick: bool) -> dict:
    tts = npn_classes(4)[0].tolist()
    if quick:
        tts = sorted(np.random.default_rng(4).choice(tts, 40, replace=False).tolist())
    rows = _exact_rows(tts, 4, None, peer=True)
    out = _stats(rows)
    forms = sum(r["forms_neurons"] for r in rows)
    exact = sum(r["units"] for r in rows if r["units"])
    out.update(forms_neurons=forms, exact_units=exact, ratio_forms_over_exact=forms / exact,
               classes_beaten=sum(r["forms_neurons"] > r["units"] for r in rows))
    return out


def part_d(quick: bool, time_limit: float) -> dict:
    rng = np.random.default_rng(5)
    tts = [int(v) for v in rng.integers(0, 1 << 32, 10 if quick else 50, dtype=np.uint64)]
    c0 = time.process_time()
    # warm-up: a 5-input class of 3 units builds the tables, the pair index and the kernels
    exact_minimum(BooleanFunction.from_hex("0x0b659356", n=5))
    setup = time.process_time() - c0
    rows = _exact_rows(tts, 5, time_limit, peer=False)
    out = _stats(rows)
    out.update(time_limit=time_limit, setup_cpu_s=setup, rows=rows)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the parts, print a table per part, write JSON."""
    ap = parser(__doc__, "small samples: under a minute")
    ap.add_argument("--time-limit", type=float, default=None,
                    help="seconds per 5-input class in (d) [30 with --quick, else 120]")
    ap.add_argument("--parts", default="abcd",
                    help="which parts to run, e.g. d for the 5-input exact synthesis alone")
    args = ap.parse_args(argv)
    tl = args.time_limit or (30.0 if args.quick else 120.0)
    res = {"machine": platform.processor() or platform.machine(), "quick": args.quick,
           "parts": args.parts}
    if "a" in args.parts:
        _run_a(res, args.quick)
    if "b" in args.parts:
        print("(b) NPN classes of 5 inputs", file=sys.stderr)
        res["b"] = part_b(args.quick)
        print(f"  {res['b']}")
    if "c" in args.parts:
        _run_c(res, args.quick)
    if "d" in args.parts:
        _run_d(res, args.quick, tl)
    if args.json:
        write_json(args.json, res, indent=1)
    return 0


def _run_a(res: dict, quick: bool) -> None:
    print("(a) NPN canonical forms", file=sys.stderr)
    res["a"] = part_a(10_000 if quick else 100_000)
    for r in res["a"]["rows"]:
        peer = ", ".join(f"ABC -A{a} {r[f'abc_A{a}_s']:.2f} s ({r[f'abc_A{a}_classes']} classes, "
                         f"ratio {r[f'ratio_A{a}']:.2f})" for a in (10, 1) if f"abc_A{a}_s" in r)
        print(f"  n={r['n']}: {r['tables']} tables, boolnet {r['boolnet_s']:.2f} s "
              f"({r['boolnet_classes']} classes); {peer or 'ABC not installed'}")


def _run_c(res: dict, quick: bool) -> None:
    print("(c) exact synthesis, 4-input classes", file=sys.stderr)
    res["c"] = part_c(quick)
    c = res["c"]
    print(f"  {c['classes']} classes: median {c['median_s']:.2f} s "
          f"({c['median_cpu_s']:.2f} s CPU), "
          f"worst {c['worst_s']:.2f} s ({c['worst_cpu_s']:.2f} s CPU), proven {c['proven']}, "
          f"units {c['units']}; best construction's neurons / exact units = "
          f"{c['forms_neurons']}/{c['exact_units']} = {c['ratio_forms_over_exact']:.2f} "
          f"({c['classes_beaten']} classes smaller by exact)")


def _run_d(res: dict, quick: bool, tl: float) -> None:
    print("(d) exact synthesis, random 5-input functions", file=sys.stderr)
    res["d"] = part_d(quick, tl)
    d = res["d"]
    print(f"  {d['classes']} functions (limit {tl:g} s): median {d['median_s']:.3f} s "
          f"({d['median_cpu_s']:.3f} s CPU), worst {d['worst_s']:.2f} s "
          f"({d['worst_cpu_s']:.2f} s CPU), proven {d['proven']}, units {d['units']}; "
          f"one-off set-up {d['setup_cpu_s']:.2f} s CPU; target median < 1 s CPU: "
          f"{'met' if d['median_cpu_s'] < 1.0 else 'missed'}")


if __name__ == "__main__":
    sys.exit(main())
