"""Benchmark of the depth/size fronts: parity and a random symmetric function, N = 4..64.

    python benchmarks/tradeoff.py [--quick] [--json out.json]

(a) For each N, ``boolnet.tradeoff`` on the value vector (forms: threshold, wide, deep,
    symmetric, telescoping, cascade, xor-tree; exact and synth are left to small N and
    not timed here): the fewest neurons at each depth 2..6, the front's size, and the
    seconds to build and verify the whole front. Every point is verified on every row up to
    24 inputs; beyond, by the symmetric argument (units reading the inputs with equal
    weights compute a function of the count, so N + 1 rows prove every row), and the XOR
    trees, whose units read subsets of the inputs, by BDDs against the value vector.
    The reference ("peer") sizes are the literature's: the depth-2 symmetric form (T + 1),
    the XOR tree 3(N-1), and the telescoping bound of Siu, Roychowdhury and Kailath (1991)
    at depth 3, 3 sqrt(N) + 1 (the issue's target); ratio = boolnet / reference.
(b) Proof time for the depth-3 telescoping parity network, N = 12..24: boolnet's exhaustive
    check (bit-sliced), the symmetric argument, and the peer PyTorch CPU (one thread,
    float32; a plain NumPy float32 forward pass where torch is absent) evaluating the same
    network on all 2^N rows; ratios = peer / boolnet.
Targets (issue 15): parity N = 64 at depth 3 in <= 25 units; at each depth d <= 6 within
1 + (d-1) ceil((N+1)/2)^(1/(d-1)) (constant 1); every front point verified; the whole parity
front for N = 64 in < 10 s.
"""
from __future__ import annotations

import math
import platform
import time

import numpy as np

# first: it puts this checkout on sys.path for the boolnet imports
from _common import finish, parser, pin_threads, torch_all_rows

from boolnet import families, tradeoff
from boolnet.compiler.telescoping import parity_bound, telescoping_parity
from boolnet.prove.symmetric import prove_symmetric
from boolnet.verification import verify

torch = pin_threads(torch=True)

FORMS = ("threshold", "wide", "deep", "symmetric", "telescoping", "cascade", "xor-tree")


def numpy_all_rows(net, n: int, chunk: int = 1 << 16) -> float:
    """Seconds for a plain NumPy forward pass (float32 matmuls, one BLAS thread) on every row."""
    layers = [(L.W.astype(np.float32), L.b.astype(np.float32), L.sources) for L in net.layers]
    t0 = time.perf_counter()
    shifts = np.arange(n - 1, -1, -1)
    for start in range(0, 1 << n, chunk):
        r = np.arange(start, min(start + chunk, 1 << n))
        signals = [((r[:, None] >> shifts) & 1).astype(np.float32)]
        for W, b, src in layers:
            x = np.concatenate([signals[s] for s in src], axis=1)
            signals.append(((x @ W.T + b) >= 0).astype(np.float32))
    return time.perf_counter() - t0


def part_a(ns: list[int]) -> list[dict]:
    rng = np.random.default_rng(2026)
    rows = []
    print("(a) fronts: fewest neurons per depth (ratio to the reference size), seconds for the "
          "whole front (build + verify)")
    print(f"{'function':<10} {'N':>3} {'d=2':>11} {'d=3':>11} {'d=4':>5} {'d=5':>5} {'d=6':>5} "
          f"{'front':>5} {'unproven':>8} {'proofs':<22} {'seconds':>7}")
    for kind in ("parity", "random"):
        for n in ns:
            v = ([s % 2 for s in range(n + 1)] if kind == "parity"
                 else rng.integers(0, 2, n + 1).tolist())
            t0 = time.perf_counter()
            r = tradeoff(v, forms=FORMS)
            secs = time.perf_counter() - t0
            best = {d: p.neurons for d, p in r.best_by_depth().items()}
            t = sum(v[s] != v[s - 1] for s in range(1, n + 1))
            ref = {2: t + 1, 3: 3 * math.sqrt(n) + 1}
            row = {"function": kind, "n": n, "best": best, "front": len(r.front),
                   "dominated": len(r.dominated), "unverified": len(r.unverified),
                   "proofs": sorted({p.proof for p in r.front + r.dominated}),
                   "all_match_formula": all(p.matches_formula is not False for p in r.points),
                   "ratio_d2_to_symmetric": best[2] / ref[2] if 2 in best else None,
                   "ratio_d3_to_3sqrtN+1": best[3] / ref[3] if 3 in best else None,
                   "within_bound": {d: best[d] <= parity_bound(n, d) + 1e-9
                                    for d in range(2, 7) if d in best} if kind == "parity" else {},
                   "seconds": secs,
                   "points": [p.to_dict() for p in r.points]}
            rows.append(row)

            def cell(d):
                if d not in best:
                    return "-"
                if d in ref:
                    return f"{best[d]}({best[d] / ref[d]:.2f})"
                return str(best[d])
            print(f"{kind:<10} {n:>3} {cell(2):>11} {cell(3):>11} {cell(4):>5} {cell(5):>5} "
                  f"{cell(6):>5} {len(r.front):>5} {len(r.unverified):>8} "
                  f"{','.join(row['proofs']):<22} {secs:>7.2f}")
    return rows


def part_b(ns: list[int]) -> list[dict]:
    rows = []
    peer = "PyTorch" if torch is not None else "NumPy float32 (torch absent)"
    print("\n(b) proving the depth-3 telescoping parity network: exhaustive (boolnet), "
          f"symmetric argument (boolnet), all rows in {peer} (peer)")
    print(f"{'N':>3} {'units':>5} {'exhaustive s':>12} {'symmetric s':>11} {'peer s':>8} "
          f"{'peer/exh':>9} {'peer/sym':>9}")
    for n in ns:
        net = telescoping_parity(n, 3)
        f = families.parity(n)
        t0 = time.perf_counter()
        ok = verify(net, f).ok
        exh = time.perf_counter() - t0
        t0 = time.perf_counter()
        ok_sym = prove_symmetric(net, [s % 2 for s in range(n + 1)]).ok
        sym = time.perf_counter() - t0
        tor = torch_all_rows(net, n) if torch is not None else numpy_all_rows(net, n)
        rows.append({"n": n, "peer": peer, "units": int(sum(L.n_out for L in net.layers)),
                     "exhaustive_ok": ok,
                     "symmetric_ok": ok_sym, "exhaustive_seconds": exh,
                     "symmetric_seconds": sym,
                     "peer_seconds": tor, "ratio_peer_to_exhaustive": tor / exh,
                     "ratio_peer_to_symmetric": tor / sym})
        print(f"{n:>3} {rows[-1]['units']:>5} {exh:>12.4f} {sym:>11.5f} {tor:>8.3f} "
              f"{tor / exh:>9.1f} {tor / sym:>9.0f}")
    return rows


def main() -> None:
    ap = parser(__doc__, "fewer N (under a minute)")
    args = ap.parse_args()
    ns_a = [4, 8, 16, 32, 64] if args.quick else list(range(4, 25, 2)) + list(range(28, 65, 4))
    ns_b = [12, 16, 20] if args.quick else [12, 16, 20, 24]
    a = part_a(ns_a)
    b = part_b(ns_b)
    p64 = next((r for r in a if r["function"] == "parity" and r["n"] == 64), None)
    targets = {}
    if p64:
        targets = {
            "parity64_depth3_units": p64["best"].get(3),
            "parity64_depth3_at_most_25": p64["best"].get(3, math.inf) <= 25,
            "parity64_within_bound_d2_to_6": all(p64["within_bound"].values()),
            "parity64_front_seconds": round(p64["seconds"], 3),
            "parity64_front_under_10s": p64["seconds"] < 10,
        }
    targets["every_point_verified_up_to_24"] = all(
        p["verified"] for r in a if r["n"] <= 24 for p in r["points"])
    targets["unproven_beyond_24"] = sorted({p["label"] for r in a if r["n"] > 24
                                            for p in r["points"] if not p["verified"]})
    targets["every_built_size_equals_its_formula"] = all(r["all_match_formula"] for r in a)
    out = {"machine": platform.platform(), "python": platform.python_version(),
           "quick": args.quick, "fronts": a, "proofs": b}
    finish(out, args.json, targets, default=str)


if __name__ == "__main__":
    main()
