"""Example 5: N-input parity, wide against deep against symmetric against cascade.

Parity (XOR of N bits) is the classic function where depth pays:

- wide:      one hidden layer of AND units, one per odd-weight minterm: 2^(N-1) hidden units
             (no two minterms of parity merge, so no minimiser can do better in this form);
- deep:      a balanced tree of XOR blocks (OR, NAND, then AND): 3(N-1) neurons;
- symmetric: parity depends only on the number of ones, so N "at least k ones" units
             and an output unit suffice: N hidden units;
- cascade:   each unit sees all inputs and all earlier units: floor(log2 N) + 1 neurons.

Every network is built and verified exhaustively against the truth table (2^N rows,
up to N = 24). The wide network is built only up to N = WIDE_MAX (beyond that it has
millions of units); past that point the table and plot give the formula, marked.
The measured counts are checked against ``boolnet.costs.parity_formulas``.

Run:  python examples/05_parity.py [--out DIR]
Writes 05_parity_cost.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import boolnet
from boolnet import families
from boolnet.compiler.cascade import cascade_parity
from boolnet.compiler.deep import parity_tree
from boolnet.costs import parity_formulas

N_MAX = 24
WIDE_MAX = 14  # largest N whose wide network (2^(N-1) hidden units) is built and verified
ARCHS = ("wide", "deep", "symmetric", "cascade")


def build(arch: str, n: int, f: boolnet.BooleanFunction):
    """The network of n-input parity in one architecture (None when not built)."""
    if arch == "wide":
        if n > WIDE_MAX:
            return None
        # The canonical DNF: one AND unit per minterm, an OR output.
        return boolnet.compile(f, arch="sop", minimize="none")
    if arch == "deep":
        return parity_tree(n)
    if arch == "symmetric":
        return boolnet.compile(f, arch="symmetric")
    return cascade_parity(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    rows = []
    all_match = True
    for n in range(2, N_MAX + 1):
        f = families.parity(n)
        formula = parity_formulas(n)
        row = {"n": n}
        for arch in ARCHS:
            net = build(arch, n, f)
            if net is None:  # not built: the formula stands in
                row[arch] = (formula[arch]["neurons"], formula[arch]["weights_and_biases"] + 1,
                             "formula")
                continue
            # boolnet.compile already verified its networks; check every one here anyway, on
            # every row (from 21 inputs "auto" would settle it by a SAT miter instead).
            report = boolnet.verify(net, f, method="exhaustive")
            assert report.ok and report.exhaustive, (arch, n, report.message())
            c = boolnet.cost(net)
            # The lecture's wide count (n+2)2^(n-1) leaves out the output bias: add it back.
            expected_params = formula[arch]["weights_and_biases"] + (arch == "wide")
            match = c.neurons == formula[arch]["neurons"] and c.parameters == expected_params
            all_match &= match
            row[arch] = (c.neurons, c.parameters, "verified" if match else "MISMATCH")
        rows.append(row)

    # ---- the table
    print("N-input parity: neurons (hidden + output) / parameters (weights + biases)")
    print("Every built network is verified on all 2^N rows; 'f' marks the wide form given by")
    print(f"its formula only (not built beyond N = {WIDE_MAX}).")
    head = f"{'N':>3} | " + " | ".join(f"{a:^25s}" for a in ARCHS)
    print(head)
    print(f"{'':>3} | " + " | ".join(f"{'neurons /  parameters':^25s}" for a in ARCHS))
    print("-" * len(head))
    for row in rows:
        cells = []
        for arch in ARCHS:
            neurons, params, how = row[arch]
            mark = " f" if how == "formula" else ("  " if how == "verified" else " !")
            cells.append(f"{neurons:>9,} / {params:>11,}{mark}")
        print(f"{row['n']:>3} | " + " | ".join(cells))
    print()
    print("Formulas (boolnet.costs.parity_formulas): wide 2^(N-1) hidden units and (N+2)2^(N-1)")
    print("weights and biases (plus the output bias the lecture leaves out); deep 3(N-1) neurons,")
    print("9(N-1) weights and biases; symmetric N hidden units; cascade floor(log2 N) + 1 neurons.")
    print(f"measured counts match the formulas for every built network: {all_match}")
    assert all_match

    # ---- the plot: neurons and parameters against N, log scale
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6))
    styles = {"wide": ("#d95f02", "o"), "deep": ("#1b9e77", "s"),
              "symmetric": ("#7570b3", "^"), "cascade": ("#e7298a", "D")}
    for ax, k, what in ((axes[0], 0, "neurons (hidden + output units)"),
                        (axes[1], 1, "parameters (weights + biases)")):
        for arch in ARCHS:
            colour, marker = styles[arch]
            built = [(r["n"], r[arch][k]) for r in rows if r[arch][2] != "formula"]
            formula = [(r["n"], r[arch][k]) for r in rows if r[arch][2] == "formula"]
            ax.plot(*zip(*built), marker=marker, color=colour, ms=4, label=f"{arch} (built, verified)")
            if formula:
                # continue the line from the last built point, dashed, hollow markers
                ax.plot(*zip(*(built[-1:] + formula)), ls="--", marker=marker, mfc="white",
                        color=colour, ms=4, label=f"{arch} (formula, N > {WIDE_MAX}: not built)")
        ax.set_yscale("log", base=2)
        ax.set_xlabel("N (inputs)")
        ax.set_ylabel(what)
        ax.set_xticks(range(2, N_MAX + 1, 2))
        ax.grid(True, which="major", alpha=0.3)
        ax.set_title(f"N-input parity: {what.split(' (')[0]}", fontsize=11)
    axes[0].legend(fontsize=8, loc="upper left")
    fig.suptitle("neurons: wide 2^(N-1) + 1  vs  deep 3(N-1)  vs  symmetric N + 1  vs  "
                 "cascade floor(log2 N) + 1")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "05_parity_cost.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    print(f"\npicture: {args.out}/05_parity_cost.png")


if __name__ == "__main__":
    main()
