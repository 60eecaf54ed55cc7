"""Example 1: the McCulloch-Pitts unit, and what one unit can and cannot learn.

A McCulloch-Pitts (threshold, step) unit fires when its weighted input sum reaches
its threshold:  y = 1 if w . x + b >= 0 else 0.  This script

1. builds threshold units for AND, OR and NOT by hand and prints their truth tables;
2. asks boolnet for the smallest integer weights of each (``boolnet.threshold_weights``);
3. runs Rosenblatt's perceptron algorithm on AND and OR (it converges) and on XOR
   (it never does: XOR is not linearly separable, so no (w, b) exists at all, and
   ``boolnet.threshold_weights(xor)`` returns None).

Run:  python examples/01_mcculloch_pitts.py [--out DIR]
Writes 01_perceptron_lines.png and 01_perceptron_errors.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")  # pictures go to files; no display needed
import matplotlib.pyplot as plt
import numpy as np

import boolnet
from boolnet.nn import Layer, Network, perceptron

# The four rows of a two-input truth table, first input most significant.
X2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def threshold_unit(w, b) -> Network:
    """One McCulloch-Pitts unit: integer weights w, bias b, step activation."""
    return Network(len(w), [Layer(np.array([w]), np.array([b]), "step")], encoding="01")


def show_gate(name: str, w, b, f: boolnet.BooleanFunction) -> None:
    """Print the unit, its truth table, and check it against the Boolean function."""
    net = threshold_unit(w, b)
    X = X2 if len(w) == 2 else np.array([[0], [1]])
    y = net.forward(X)[:, 0]
    print(f"{name}: w = {list(w)}, b = {b}   (fires when w.x >= {-b})")
    for x, out in zip(X, y):
        print(f"   x = {tuple(int(v) for v in x)}  w.x + b = {int(np.dot(w, x) + b):+d}  ->  y = {int(out)}")
    report = boolnet.verify(net, f)  # exhaustive comparison with the truth table
    print(f"   boolnet.verify: ok = {report.ok} on all {report.rows_checked} rows")
    best = boolnet.threshold_weights(f)  # smallest integer weights, by integer programming
    print(f"   boolnet.threshold_weights: w = {best[0].tolist()}, b = {best[1]}")


def perceptron_trace(X, y, epochs: int):
    """Run the perceptron one epoch at a time, keeping (w, b) after each epoch and the mistakes."""
    W, b = np.zeros((1, 2), np.int64), np.zeros(1, np.int64)
    trace, errors = [(W[0].tolist(), int(b[0]))], []
    for _ in range(epochs):
        net, res = perceptron(X, y, epochs=1, W0=W, b0=b)
        W, b = net.layers[0].W, net.layers[0].b
        trace.append((W[0].tolist(), int(b[0])))
        errors.append(res.history["errors"][0])
        if res.converged:
            break
    return net, trace, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    AND = boolnet.BooleanFunction.from_callable(lambda a, b: a & b, 2, ["x1", "x2"])
    OR = boolnet.BooleanFunction.from_callable(lambda a, b: a | b, 2, ["x1", "x2"])
    NOT = boolnet.BooleanFunction.from_callable(lambda a: 1 - a, 1, ["x1"])
    XOR = boolnet.BooleanFunction.from_callable(lambda a, b: a ^ b, 2, ["x1", "x2"])

    print("== 1. Threshold units built by hand ==")
    show_gate("AND", [1, 1], -2, AND)  # both inputs needed to reach 2
    show_gate("OR ", [1, 1], -1, OR)   # one input is enough
    show_gate("NOT", [-1], 0, NOT)     # fires only when the input is off
    print()

    print("== 2. The perceptron algorithm (w <- w + x on a missed 1, w <- w - x on a false 1) ==")
    results = {}
    for name, f in (("AND", AND), ("OR", OR), ("XOR", XOR)):
        y = f.to_array()[:, 0]
        net, trace, errors = perceptron_trace(X2, y, epochs=30)
        results[name] = (net, trace, errors, y)
        w, b = trace[-1]
        if errors[-1] == 0:
            print(f"{name}: converged after {len(errors)} epochs: w = {w}, b = {b}")
            assert boolnet.verify(net, f).ok
        else:
            # The algorithm is deterministic, so a weight vector seen before means it cycles forever.
            again = next(i for i in range(len(trace)) if trace[i] in trace[:i])
            first = trace.index(trace[again])
            print(f"{name}: NOT converged after {len(errors)} epochs ({errors[-1]} mistakes in the "
                  f"last epoch); after epoch {again} the weights (w, b) = {trace[again]} are back to "
                  f"their value after epoch {first}: the perceptron cycles forever")
    print()

    print("== 3. Why XOR fails: it is not linearly separable ==")
    tw = boolnet.threshold_weights(XOR)
    print(f"boolnet.threshold_weights(xor) is None: {tw is None}")
    print("No line w1 x1 + w2 x2 + b = 0 puts (0,1) and (1,0) on one side and (0,0), (1,1) on the")
    print("other: adding the two 'fire' inequalities gives w1 + w2 + 2b >= 0, adding the two")
    print("'rest' ones gives w1 + w2 + 2b < 0. One unit cannot compute XOR; two layers can (example 3).")
    assert tw is None

    # ---- pictures: the learned lines, and mistakes per epoch
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.8))
    grid = np.linspace(-0.5, 1.5, 201)
    gx, gy = np.meshgrid(grid, grid)
    for ax, name in zip(axes, ("AND", "OR", "XOR")):
        net, trace, errors, y = results[name]
        w, b = trace[-1]
        z = w[0] * gx + w[1] * gy + b
        ax.contourf(gx, gy, z >= 0, levels=[-0.5, 0.5, 1.5], colors=["#dde6f5", "#f8dcc8"])
        if w[1] != 0:
            ax.plot(grid, -(w[0] * grid + b) / w[1], "k-", lw=1.5, label="w.x + b = 0")
        elif w[0] != 0:
            ax.axvline(-b / w[0], color="k", lw=1.5, label="w.x + b = 0")
        for (x1, x2), t in zip(X2, y):
            ax.plot(x1, x2, "o" if t else "s", ms=12, mfc="#d95f02" if t else "#1b5e9e", mec="k")
        wrong = int(np.count_nonzero(net.forward(X2)[:, 0] != y))  # mistakes of the final line
        ax.set_title(f"{name}: " + (f"learned in {len(errors)} epochs" if wrong == 0
                                    else f"no line works (final one: {wrong} of 4 wrong)"),
                     fontsize=10)
        ax.set_xlim(-0.5, 1.5)
        ax.set_ylim(-0.5, 1.5)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.set_aspect("equal")
        ax.text(-0.45, 1.38, f"w = {w}, b = {b}", fontsize=8, bbox=dict(fc="white", ec="none"))
    axes[0].plot([], [], "o", mfc="#d95f02", mec="k", label="target 1")
    axes[0].plot([], [], "s", mfc="#1b5e9e", mec="k", label="target 0")
    axes[0].legend(loc="lower right", fontsize=7)
    fig.suptitle("Perceptron: final line (orange side: unit fires)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "01_perceptron_lines.png"), dpi=120, bbox_inches="tight")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for name, marker in (("AND", "o"), ("OR", "s"), ("XOR", "^")):
        errors = results[name][2]
        ax.plot(range(1, len(errors) + 1), errors, marker=marker, label=name)
    ax.set_xlabel("epoch (one pass over the 4 rows)")
    ax.set_ylabel("mistakes in the epoch")
    ax.set_title("Perceptron algorithm: AND and OR converge, XOR never does")
    ax.set_yticks(range(0, 5))
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "01_perceptron_errors.png"), dpi=120, bbox_inches="tight")
    plt.close(fig)
    print(f"\npictures: {args.out}/01_perceptron_lines.png, {args.out}/01_perceptron_errors.png")


if __name__ == "__main__":
    main()
