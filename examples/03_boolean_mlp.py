"""Example 3: XOR in two layers, and any truth table as a one-hidden-layer network.

1. XOR = OR(AND(x1, NOT x2), AND(NOT x1, x2)), compiled in the lecture's +-1 encoding
   (True = +1, False = -1, sign units): the weights, and the truth table with the
   hidden units' values.
2. The universal Boolean MLP: one hidden AND unit per product term of a DNF, an OR
   output. The lecture's 5-input function (examples/data/lecture5.expr, six product
   terms) compiled from its canonical DNF (one unit per ON row: minimize="none") and
   from its Karnaugh-reduced (exact minimum) cover (minimize="exact"); sizes compared.

Run:  python examples/03_boolean_mlp.py [--out DIR]
Writes 03_xor_pm1.png, 03_lecture5_canonical.png and 03_lecture5_reduced.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import numpy as np

import boolnet
from boolnet.twolevel import minimize  # the minimiser (boolnet.minimize)
from boolnet.viz.network import draw_network

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "lecture5.expr")


def literals(w, names) -> str:
    """An AND unit's weights read back as its product term."""
    return " AND ".join(names[i] if wi > 0 else f"NOT {names[i]}" for i, wi in enumerate(w) if wi)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    # ------------------------------------------------------------------ 1. XOR in +-1
    print("== 1. XOR = OR(AND(x1, NOT x2), AND(NOT x1, x2)) in the +-1 encoding ==")
    xor = boolnet.BooleanFunction.from_expr("x1 ^ x2")
    # arch="sop": one hidden AND unit per term of the sum of products, an OR output.
    net = boolnet.compile(xor, arch="sop", minimize="none", encoding="pm1")
    print(net.describe())
    hidden, out = net.layers
    print("A sign unit outputs +1 when w . x + b >= 0, else -1 (inputs: True = +1, False = -1).")
    for k, (w, b) in enumerate(zip(hidden.W, hidden.b)):
        print(f"   hidden h{k + 1}: w = {w.tolist()}, b = {int(b):+d}   "
              f"{literals(w, ['x1', 'x2'])} (fires only when w . x = {int(-b)})")
    print(f"   output y : w = {out.W[0].tolist()}, b = {int(out.b[0]):+d}   h1 OR h2 "
          f"(two -1s sum to -2; any +1 brings the sum to 0)")
    X = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
    signals = net.forward_all(X)
    print("\n   x1  x2 |  h1  h2 |  y  | x1 XOR x2")
    for x, h, y in zip(X, signals[1], signals[2][:, 0]):
        want = 1 if x[0] != x[1] else -1
        print(f"   {x[0]:+d}  {x[1]:+d} |  {h[0]:+d}  {h[1]:+d} | {y:+d}  | {want:+d}")
        assert y == want
    print(f"boolnet.verify: {boolnet.verify(net, xor).ok}")
    draw_network(net, os.path.join(args.out, "03_xor_pm1.png"),
                 title="XOR = OR(AND(x1, NOT x2), AND(NOT x1, x2)), +-1 encoding")

    # ------------------------------------------------------------------ 2. any truth table
    print("\n== 2. A 5-input function as a one-hidden-layer network ==")
    f = boolnet.read(DATA)
    print(f"examples/data/lecture5.expr: {f}")
    canonical = boolnet.Cover.from_function(f)  # one full product term per ON row
    print(f"canonical DNF ({canonical.num_terms} terms, {canonical.num_literals} literals):")
    print("   f = " + canonical.to_expr().replace(" | ", "\n     | "))
    cover, report = minimize(f, method="exact")  # what a Karnaugh map finds: a minimum cover
    print(f"Karnaugh-reduced cover ({cover.num_terms} terms, {cover.num_literals} literals; "
          f"proven minimal: {report.proven}):")
    print("   f = " + cover.to_expr().replace(" | ", "\n     | "))

    sizes = {}
    for label, method in (("canonical DNF", "none"), ("reduced cover", "exact")):
        rep = boolnet.compile_report(f, arch="sop", minimize=method)
        c = rep.cost
        sizes[label] = c
        assert rep.verification.ok and rep.verification.exhaustive
        draw_network(rep.network, os.path.join(
            args.out, "03_lecture5_canonical.png" if method == "none" else "03_lecture5_reduced.png"),
            title=f"lecture5.expr from its {label} (minimize='{method}'): "
                  f"{c.hidden} hidden AND units, OR output")
    print("\n                 | hidden units | weights | biases | parameters | depth | verified")
    for label, c in sizes.items():
        print(f"   {label:13s} | {c.hidden:12d} | {c.weights:7d} | {c.biases:6d} | "
              f"{c.parameters:10d} | {c.depth:5d} | on all {1 << f.n} rows")
    a, b = sizes["canonical DNF"], sizes["reduced cover"]
    dh, dl = a.hidden - b.hidden, canonical.num_literals - cover.num_literals
    print(f"Merging neighbouring minterms (a Karnaugh group of two) saves {dh} hidden unit(s): "
          f"{dl} input weights (literals), {dh} output weight(s) and {dh} bias(es), "
          f"{a.parameters - b.parameters} parameters in all.")
    assert a.parameters - b.parameters == dl + 2 * dh
    assert a.hidden == 6 and b.hidden < a.hidden
    print(f"\npictures: {args.out}/03_xor_pm1.png, {args.out}/03_lecture5_canonical.png, "
          f"{args.out}/03_lecture5_reduced.png")


if __name__ == "__main__":
    main()
