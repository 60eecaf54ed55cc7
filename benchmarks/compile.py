"""Benchmark of the compilers: compile + verify seconds for parity in every form and for the shared PLA files.

    python benchmarks/compile.py [--quick] [--json out.json]

(a) Parity N = 4..24: wide (canonical DNF, built up to N = 16), deep XOR tree, symmetric,
    cascade — neurons, parameters, depth, compile seconds, verify seconds (exhaustive).
    The peer: PyTorch CPU (one thread) evaluating the same network on all 2^N rows with
    float32 matmuls, in the same run, where torch is installed; ratio = torch / boolnet.
(b) Shared PLA files with <= 16 inputs (../shared/bench/pla): ``arch=auto`` compile +
    verify seconds and the chosen network's size.
Targets (issue 5): deep N=24 compiled and verified < 2 s; wide N=16 < 5 s; every shared
PLA file with <= 16 inputs < 10 s.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

# first: it puts this checkout on sys.path for the boolnet imports
from _common import SHARED, finish, parser, pin_threads, torch_all_rows

from boolnet import cost, families
from boolnet.compiler import cascade, compile_report, deep, symmetric, wide
from boolnet.verification import check

torch = pin_threads(torch=True)


def parity_rows(ns, wide_max: int) -> list[dict]:
    rows = []
    for n in ns:
        f = families.parity(n)
        forms = {"deep": lambda: deep.parity_tree(n), "symmetric": lambda: symmetric.symmetric(f),
                 "cascade": lambda: cascade.cascade_parity(n)}
        if n <= wide_max:
            forms["wide"] = lambda: wide.wide(f, minimize="none")
        for arch, build in forms.items():
            t0 = time.perf_counter()
            net = build()
            t1 = time.perf_counter()
            rep = check(net, f)
            t2 = time.perf_counter()
            c = cost(net)
            row = {"n": n, "arch": arch, "neurons": c.neurons, "parameters": c.parameters,
                   "depth": c.depth, "compile_s": t1 - t0, "verify_s": t2 - t1,
                   "total_s": t2 - t0, "path": rep.path}
            if torch is not None and n <= 20 and c.neurons <= 5000:
                row["torch_eval_s"] = torch_all_rows(net, n)
                row["ratio_torch_over_boolnet_verify"] = row["torch_eval_s"] / row["verify_s"]
            rows.append(row)
            print(_line(row), flush=True)
    return rows


def one_pla(path: str) -> dict:
    """Compile one PLA file with arch=auto and return its row (run in a child process)."""
    from boolnet.io.pla import read_pla
    cf = read_pla(path)
    t0 = time.perf_counter()
    rep = compile_report(cf, arch="auto", minimize="auto")
    dt = time.perf_counter() - t0
    return {"file": Path(path).stem, "inputs": cf.n, "outputs": cf.m, "arch": rep.cost.arch,
            "neurons": rep.cost.neurons, "parameters": rep.cost.parameters,
            "depth": rep.cost.depth, "verified": rep.verification.ok, "total_s": dt}


def pla_rows(limit_inputs: int, quick: bool, timeout: float) -> list[dict]:
    import subprocess
    from boolnet.io.pla import read_pla
    rows = []
    if not SHARED.is_dir():
        print(f"(shared PLA set absent at {SHARED}: skipped)")
        return rows
    for path in sorted(SHARED.glob("*.pla")):
        cf = read_pla(path)
        if cf.n > limit_inputs or (quick and cf.n > 10):
            continue
        # One child per file: a file that overruns is stopped and recorded, not waited on.
        try:
            proc = subprocess.run([sys.executable, __file__, "--one", str(path)],
                                  capture_output=True, text=True, timeout=timeout)
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr.strip().splitlines()[-1])
            row = json.loads(proc.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            row = {"file": path.stem, "inputs": cf.n, "outputs": cf.m, "arch": None,
                   "verified": None, "total_s": None, "timeout_s": timeout}
        rows.append(row)
        if row.get("total_s") is None:
            print(f"{row['file']:<10} n={row['inputs']:<3} m={row['outputs']:<3} stopped after "
                  f"{timeout:g} s", flush=True)
        else:
            print(f"{row['file']:<10} n={row['inputs']:<3} m={row['outputs']:<3} {row['arch']:<10} "
                  f"{row['neurons']:>6} neurons {row['parameters']:>8} params depth {row['depth']}  "
                  f"verified {row['verified']}  {row['total_s']:8.3f} s", flush=True)
    return rows


def _line(r: dict) -> str:
    peer = (f"  torch {r['torch_eval_s']:.4f} s (x{r['ratio_torch_over_boolnet_verify']:.1f})"
            if "torch_eval_s" in r else "")
    return (f"N={r['n']:<3} {r['arch']:<10} {r['neurons']:>7} neurons {r['parameters']:>9} params "
            f"depth {r['depth']:<3} compile {r['compile_s']:.4f} s  verify {r['verify_s']:.4f} s "
            f"({r['path']}){peer}")


def main() -> None:
    ap = parser(__doc__, "small sizes, under a minute")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per PLA file")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_pla(args.one)))
        return
    ns = [4, 8, 12, 16] if args.quick else list(range(4, 25))
    print("== parity: compile + exhaustive verify ==")
    par = parity_rows(ns, wide_max=12 if args.quick else 16)
    print("\n== shared PLA files (<= 16 inputs), arch=auto ==")
    pla = pla_rows(16, args.quick, args.timeout)
    out = {"machine": platform.platform(), "python": platform.python_version(),
           "torch": None if torch is None else torch.__version__,
           "date": time.strftime("%Y-%m-%d"), "parity": par, "pla": pla}
    targets = {
        "deep_24_total_s": next((r["total_s"] for r in par if r["n"] == 24 and r["arch"] == "deep"), None),
        "wide_16_total_s": next((r["total_s"] for r in par if r["n"] == 16 and r["arch"] == "wide"), None),
        "pla_max_total_s": max((r["total_s"] for r in pla if r["total_s"] is not None),
                               default=None),
        "pla_over_10_s": [r["file"] for r in pla if r["total_s"] is None or r["total_s"] > 10],
    }
    finish(out, args.json, targets)


if __name__ == "__main__":
    main()
