"""Example 7: real-valued regression with step units: pulses, and sums of narrowing pulses.

1. A square pulse of height 1 on [a, b) from three units: two hidden step units
   step(x - a) and step(x - b) and a linear output that subtracts them:
   y = step(x - a) - step(x - b).
2. Any continuous function on [0, 1] as a sum of M such pulses of width 1/M, each with
   the height of the function at the pulse's middle: 2M hidden step units and one
   linear output (one hidden layer). As the pulses narrow, the error falls like 1/M.
   (Neighbouring pulses share an edge, so M + 1 steps with heights f(c_k) - f(c_{k-1})
   would do the same; we keep the lecture's pulses.)

Run:  python examples/07_pulses.py [--out DIR]
Writes 07_square_pulse.png and 07_pulse_approximation.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from boolnet.nn import Layer, Network


def target(x: np.ndarray) -> np.ndarray:
    """The function to approximate: smooth, with a bump and a slope."""
    return np.sin(2 * np.pi * x) + 0.5 * np.sin(6 * np.pi * x) + x


def square_pulse(a: float, b: float, height: float = 1.0) -> Network:
    """Three units: hidden steps at a and b, a linear output height * (h1 - h2)."""
    hidden = Layer(np.array([[1.0], [1.0]]), np.array([-a, -b]), "step")  # step(x - a), step(x - b)
    out = Layer(np.array([[height, -height]]), np.array([0.0]), "linear")
    return Network(1, [hidden, out])


def sum_of_pulses(f, m: int) -> Network:
    """M pulses of width 1/M on [0, 1]: 2M hidden step units, one linear output."""
    edges = np.linspace(0.0, 1.0, m + 1)
    left, right = edges[:-1], edges[1:]
    heights = f((left + right) / 2)
    # Hidden unit 2k fires for x >= left_k, unit 2k+1 for x >= right_k.
    W1 = np.ones((2 * m, 1))
    b1 = -np.ravel(np.c_[left, right])
    # The output adds height_k * (step(x - left_k) - step(x - right_k)).
    W2 = np.ravel(np.c_[heights, -heights])[None, :]
    return Network(1, [Layer(W1, b1, "step"), Layer(W2, np.zeros(1), "linear")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    # ---- 1. one square pulse from three units
    a, b = 0.3, 0.6
    net = square_pulse(a, b)
    print("== 1. A square pulse on [0.3, 0.6) from three units ==")
    print(net.describe())
    print("hidden weights", net.layers[0].W.ravel().tolist(), "biases", net.layers[0].b.tolist(),
          "| output weights", net.layers[1].W.ravel().tolist())
    probe = np.array([[0.0], [0.299], [0.3], [0.45], [0.599], [0.6], [1.0]])
    signals = net.forward_all(probe)
    for x, h, y in zip(probe[:, 0], signals[1], signals[2][:, 0]):
        print(f"   x = {x:5.3f}: step(x - {a}) = {h[0]:.0f}, step(x - {b}) = {h[1]:.0f}, y = {y:.0f}")
    assert signals[2][:, 0].tolist() == [0, 0, 1, 1, 1, 0, 0]

    x = np.linspace(0, 1, 2001)[:, None]
    hs = net.forward_all(x)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.3), sharey=True)
    axes[0].plot(x, hs[1][:, 0], color="#1b9e77")
    axes[0].set_title(f"hidden unit 1: step(x - {a})")
    axes[1].plot(x, hs[1][:, 1], color="#7570b3")
    axes[1].set_title(f"hidden unit 2: step(x - {b})")
    axes[2].plot(x, hs[2][:, 0], color="#d95f02")
    axes[2].set_title("output (linear): unit 1 - unit 2")
    for ax in axes:
        ax.set_xlabel("x")
        ax.set_ylim(-0.1, 1.15)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("unit output")
    fig.suptitle("A square pulse from three units", y=1.02)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "07_square_pulse.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)

    # ---- 2. a function as a sum of narrowing pulses
    print("\n== 2. f(x) = sin(2 pi x) + 0.5 sin(6 pi x) + x as a sum of M pulses ==")
    print("     M | hidden units | max |error| | RMS error | M x max error")
    xs = np.linspace(0, 1, 20001, endpoint=False)[:, None]  # [0, 1): where the pulses live
    fx = target(xs[:, 0])
    ms = [2, 4, 8, 16, 32, 64, 128, 256]
    table = []
    for m in ms:
        approx = sum_of_pulses(target, m).forward(xs)[:, 0]
        err = approx - fx
        row = (m, 2 * m, float(np.abs(err).max()), float(np.sqrt(np.mean(err ** 2))))
        table.append(row)
        print(f"   {m:3d} | {2 * m:12d} | {row[2]:11.4f} | {row[3]:9.4f} | {m * row[2]:13.3f}")
    # The error of a midpoint pulse is at most (half a width) x (the steepest slope of f).
    slope = float(np.abs(np.gradient(fx, xs[:, 0])).max())
    print(f"bound: max error <= max|f'| / (2M), with max|f'| = {slope:.2f}: "
          f"{all(r[2] <= slope / (2 * r[0]) + 1e-9 for r in table)}")
    assert all(r[2] <= slope / (2 * r[0]) + 1e-9 for r in table)
    assert table[-1][2] < 0.55 * table[-2][2]  # doubling M halves the error

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
    ax = axes[0]
    ax.plot(xs[:, 0], fx, "k-", lw=2, label="f(x)")
    for m, colour in ((4, "#d95f02"), (16, "#1b9e77"), (64, "#7570b3")):
        ax.plot(xs[:, 0], sum_of_pulses(target, m).forward(xs)[:, 0], color=colour, lw=1,
                label=f"{m} pulses ({2 * m} hidden units)")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("sum of M pulses, each at f(middle)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    ax = axes[1]
    hidden = np.array([r[1] for r in table])
    ax.loglog(hidden, [r[2] for r in table], "o-", label="max |error|")
    ax.loglog(hidden, [r[3] for r in table], "s-", label="RMS error")
    ax.loglog(hidden, slope / hidden, "k--", lw=1, label="bound max|f'| / (2M) = max|f'| / units")
    ax.set_xlabel("hidden step units (2M)")
    ax.set_ylabel("error")
    ax.set_title("error against the number of units: ~ 1/M")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "07_pulse_approximation.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    print(f"\npictures: {args.out}/07_square_pulse.png, {args.out}/07_pulse_approximation.png")


if __name__ == "__main__":
    main()
