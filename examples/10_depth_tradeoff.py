"""Example 10: width against depth — how few units each depth allows, for parity and majority.

Depth buys size. For N-input parity boolnet builds, at every depth d it knows a
construction for, a verified network, and ``boolnet.tradeoff`` keeps the Pareto front:

- depth 2, symmetric:   one "at least t ones" unit per count, N + 1 units;
- depth d, telescoping: count the ones in a mixed radix m1 x ... x m(d-1) x 2; the output
  reads s mod 2. 1 + sum(m_l - 1) units, at most 1 + (d-1) ceil((N+1)/2)^(1/(d-1))
  (Siu, Roychowdhury and Kailath 1991): ~sqrt(2N) at depth 3, the cascade's
  floor(log2 N) + 1 at depth floor(log2 N) + 1;
- depth 2 ceil(log_k N), XOR trees of k-input blocks: N - 1 + 2 ceil((N-1)/(k-1)) units,
  fan-in k and weights +-1 (k = 2 is the lecture's 3(N-1) tree).

Majority is the opposite case: it is linearly separable, one unit at depth 1, and no
depth helps. A random symmetric function sits between: T + 1 units at depth 2 for T
changes of its value vector, ceil(T/g) + g at depth 3.

Every network is verified: on all 2^N rows up to N = 24; beyond, by the symmetric
argument (units that weigh all inputs alike compute a function of the count, so the N + 1
rows "first s inputs 1" prove every row). XOR trees read subsets of the inputs, so
that argument does not cover them: beyond 24 inputs they are proven by BDDs.

Run:  python examples/10_depth_tradeoff.py [--out DIR]
Writes 10_parity16_front.png and 10_fronts.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from boolnet import tradeoff
from boolnet.compiler.telescoping import parity_bound
from boolnet.viz.front import plot_front

NS = (4, 6, 8, 12, 16, 20, 32, 48, 64)
DEPTHS = range(1, 8)
#: Constructions tried here: all but exact synthesis and multi-level synthesis, which
#: take seconds per depth on small N and add no point to these symmetric fronts.
FORMS = ("threshold", "wide", "deep", "symmetric", "telescoping", "cascade", "xor-tree")


def value_vector(kind: str, n: int, rng) -> list[int]:
    """The value v(s) on the rows with s ones, s = 0..n."""
    if kind == "parity":
        return [s % 2 for s in range(n + 1)]
    if kind == "majority":
        return [int(2 * s > n) for s in range(n + 1)]
    return rng.integers(0, 2, n + 1).tolist()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(10)

    # 1. One front in full: 16-input parity, every point with its formula and its proof.
    r16 = tradeoff([s % 2 for s in range(17)], forms=FORMS, name="16-input parity")
    print(r16.table())
    print(f"depths on the front: {sorted({p.depth for p in r16.front})}")
    plot_front(r16, os.path.join(args.out, "10_parity16_front.png"))

    # 2. Fewest units per depth for N = 4..64.
    best: dict[str, dict[int, dict[int, int]]] = {}
    all_verified, all_formulas, unproven = True, True, set()
    for kind in ("parity", "majority", "random"):
        best[kind] = {}
        print(f"\n{kind}: fewest neurons at depth d or less (- : nothing that shallow)")
        print(" N | " + " | ".join(f"<={d:<3}" for d in DEPTHS) + " | proof")
        for n in NS:
            r = tradeoff(value_vector(kind, n, rng), forms=FORMS)
            exact = {d: p.neurons for d, p in r.best_by_depth().items()}
            # What a depth budget allows: the fewest units at depth d *or less*.
            b = {d: min(v for e, v in exact.items() if e <= d) for d in DEPTHS
                 if any(e <= d for e in exact)}
            best[kind][n] = b
            all_verified &= all(p.verified for p in r.front)
            all_formulas &= all(p.matches_formula is not False for p in r.points)
            unproven |= {p.label for p in r.unverified}
            proofs = ",".join(sorted({p.proof for p in r.front}))
            print(f"{n:>2} | " + " | ".join(f"{b.get(d, '-'):<5}" for d in DEPTHS) + f" | {proofs}")
    print()
    print("every point on the fronts verified:", all_verified)
    print("every built size equals its construction's formula:", all_formulas)
    print("points no prover settled:", ", ".join(sorted(unproven)) or "none")
    p64 = best["parity"][64]
    print(f"parity N = 64 at depth 3: {p64[3]} units (target 3 sqrt(N) + 1 = 25); "
          f"within 1 + (d-1) ceil((N+1)/2)^(1/(d-1)) at d = 2..6: "
          f"{all(p64[d] <= parity_bound(64, d) for d in range(2, 7))}")

    # 3. The picture: parity and a random symmetric function, one line per depth.
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
    colours = plt.cm.viridis(np.linspace(0, 0.9, 6))
    for ax, kind in zip(axes, ("parity", "random")):
        for d, colour in zip(range(2, 8) if kind == "parity" else (2, 3), colours):
            ns = [n for n in NS if d in best[kind][n]]
            ax.plot(ns, [best[kind][n][d] for n in ns], "o-", color=colour,
                    label=f"depth <= {d}")
            if kind == "parity" and d <= 6:
                grid = np.arange(4, 65)
                ax.plot(grid, [parity_bound(int(n), d) for n in grid], "--", color=colour,
                        lw=0.8, alpha=0.7)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(NS)
        ax.set_xticklabels([str(n) for n in NS])
        ax.set_xlabel("N (inputs)")
        ax.set_title({"parity": "parity (dashed: the bound 1 + (d-1)((N+1)/2)^(1/(d-1)))",
                      "random": "a random symmetric function (depth >= 3: the same as 3)"}[kind],
                     fontsize=9)
        ax.grid(True, which="both", alpha=0.25)
    axes[0].set_ylabel("fewest neurons at depth <= d (log scale)")
    axes[1].plot(NS, [1] * len(NS), "k*-", label="majority: 1 unit at depth 1")
    axes[0].legend(fontsize=8)
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    path = os.path.join(args.out, "10_fronts.png")
    fig.savefig(path, dpi=120)
    print(f"wrote {os.path.join(args.out, '10_parity16_front.png')} and {path}")


if __name__ == "__main__":
    main()
