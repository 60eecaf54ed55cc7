"""Example 8: backpropagation on XOR and parity-N, beside the compiled networks.

1. XOR (2-2-1 networks, tanh or sigmoid hidden units, a sigmoid output, binary
   cross-entropy, Adam) from random weights, several seeds: loss curves, and how many
   runs find it. Beside them: the compiled XOR network (2 hidden AND units and an OR).
2. Parity-N for N = 2..8 with one hidden layer of N tanh units (the minimal width: the
   compiled symmetric network shows N threshold units suffice) and with 4N units: the
   success rate over seeds, the epochs taken, and the compiled networks' sizes.

A run succeeds when every one of the 2^N rows is classified correctly (fit stops
there); its hardened copy (tanh -> sign, sigmoid -> step) is then checked with
boolnet.verify. Everything is seeded; the numbers are the same on every run.

Run:  python examples/08_backprop.py [--out DIR]
Writes 08_xor_training.png and 08_parity_training.png.
"""
from __future__ import annotations

import argparse
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: threads only add overhead
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import boolnet
from boolnet import families
from boolnet.compiler.cascade import cascade_parity
from boolnet.compiler.deep import parity_tree
from boolnet.nn import Network, fit, harden

SEEDS = 6          # random initialisations per setting
EPOCHS = 2000      # full-batch epochs before a run counts as failed
LR = 0.05          # Adam's step size
XOR_SEEDS = 10
N_RANGE = range(2, 9)


def parity_data(n: int):
    """All 2^n rows in the +-1 encoding (first input most significant) and the 0/1 targets."""
    f = families.parity(n)
    rows = np.arange(1 << n)
    X01 = (rows[:, None] >> np.arange(n - 1, -1, -1)) & 1
    return f, 2.0 * X01 - 1.0, f.to_array().astype(float)


def train(n: int, hidden: int, seed: int, activation: str = "tanh"):
    """Train an n-hidden-1 MLP on n-input parity from seed.

    Returns (history, solved, hardened copy verified, rows whose output is within 0.01 of 1/2).
    """
    f, X, Y = parity_data(n)
    net = Network.mlp([n, hidden, 1], hidden=activation, output="sigmoid", seed=seed,
                      encoding="pm1")  # inputs are +-1: True = 1, False = -1
    hist = fit(net, X, Y, loss="bce", optimizer="adam", lr=LR, epochs=EPOCHS, seed=seed,
               progress=False)
    solved = hist.final_accuracy == 1.0
    verified = False
    if solved and activation == "tanh":
        # tanh -> sign keeps the +-1 signals the output layer was trained on.
        verified = boolnet.verify(harden(net).network, f).ok
    elif solved:
        # A sigmoid hidden unit outputs 0..1: its hard copy is a step unit; check on all rows.
        hard = harden(net, X, Y)
        verified = bool(hard.matches)
    undecided = int(np.count_nonzero(np.abs(net.forward(X)[:, 0] - 0.5) < 0.01))
    return hist, solved, verified, undecided


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    # ------------------------------------------------------------------ 1. XOR
    print(f"== 1. XOR: 2-2-1 networks from {XOR_SEEDS} random seeds (Adam, lr {LR}, "
          f"at most {EPOCHS} epochs) ==")
    xor_runs = {}
    for act in ("tanh", "sigmoid"):
        runs = [train(2, 2, s, act) for s in range(XOR_SEEDS)]
        xor_runs[act] = runs
        ok = [r for r in runs if r[1]]
        eps = [r[0].epochs for r in ok]
        stuck = sorted({round(r[0].final_loss, 3) for r in runs if not r[1]})
        halves = sorted({r[3] for r in runs if not r[1]})
        print(f"{act:7s} hidden units: solved {len(ok)}/{XOR_SEEDS} runs"
              + (f" (median {int(np.median(eps))} epochs; hardened and verified: "
                 f"{sum(r[2] for r in ok)}/{len(ok)})" if ok else "")
              + (f"; the others stalled at loss {' .. '.join(f'{v:.3f}' for v in stuck[::max(len(stuck) - 1, 1)])} "
                 + f"with {' or '.join(map(str, halves))} of the 4 rows stuck at p = 1/2 "
                   f"(a local minimum or plateau)" if stuck else ""))
    xor = families.parity(2)
    compiled = boolnet.compile(xor, arch="sop", minimize="none")
    c = boolnet.cost(compiled)
    print(f"compiled XOR (OR of two ANDs, no training): {c.hidden} hidden + {c.outputs} output "
          f"units, {c.parameters} parameters, verified {boolnet.verify(compiled, xor).ok}; "
          f"the trained 2-2-1 network has {Network.mlp([2, 2, 1]).n_parameters()} parameters")
    for i, layer in enumerate(compiled.layers):
        print(f"   layer {i}: W = {layer.W.tolist()}, b = {layer.b.tolist()}")

    fig, axes = plt.subplots(1, 3, figsize=(14, 4), gridspec_kw={"width_ratios": [3, 3, 2]})
    for ax, act in zip(axes[:2], ("tanh", "sigmoid")):
        for hist, solved, *_ in sorted(xor_runs[act], key=lambda r: r[1]):  # solved runs on top
            ax.plot(hist.loss, color="#1b9e77" if solved else "#d95f02", lw=1.2, alpha=0.9)
        ax.axhline(np.log(2) / 2, color="grey", ls=":", lw=1,
                   label="ln(2)/2: two rows stuck at p = 1/2")
        ax.plot([], [], color="#1b9e77", label="solved (stops at 100% correct)")
        ax.plot([], [], color="#d95f02", label=f"not solved in {EPOCHS} epochs")
        n_ok = sum(r[1] for r in xor_runs[act])
        ax.set_xscale("symlog", linthresh=10)
        ax.set_xlabel("epoch (log scale)")
        ax.set_ylabel("binary cross-entropy")
        ax.set_title(f"XOR, 2-2-1, {act} hidden units: {n_ok}/{XOR_SEEDS} seeds solve it",
                     fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    ax = axes[2]
    ax.axis("off")
    def unit(w, bias, names):
        terms = [("-" if wi < 0 else "+", (f"{abs(wi)} " if abs(wi) != 1 else "") + names[i])
                 for i, wi in enumerate(w) if wi]
        text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
        text += "".join(f" {sign} {t}" for sign, t in terms[1:])
        return f"step({text} {'+' if bias >= 0 else '-'} {abs(bias)})"

    def literal_and(w):
        return " AND ".join(f"x{i + 1}" if wi > 0 else f"NOT x{i + 1}" for i, wi in enumerate(w) if wi)

    W1, b1 = compiled.layers[0].W, compiled.layers[0].b
    W2, b2 = compiled.layers[1].W, compiled.layers[1].b
    lines = ["compiled XOR (boolnet.compile, arch='sop'):", ""]
    lines += [f"h{k + 1} = {unit(W1[k], b1[k], ['x1', 'x2'])}   {literal_and(W1[k])}"
              for k in range(len(b1))]
    lines += [f"y  = {unit(W2[0], b2[0], ['h1', 'h2'])}   h1 OR h2", "",
              f"{c.hidden} hidden + {c.outputs} output units, {c.parameters} parameters,",
              "integer weights, verified on all 4 rows:", "no training, no seeds, no failures."]
    ax.text(0.0, 0.95, "\n".join(lines), va="top", family="monospace", fontsize=8.5)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "08_xor_training.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)

    # ------------------------------------------------------------------ 2. parity-N
    print(f"\n== 2. Parity-N: one hidden layer of N or 4N tanh units, {SEEDS} seeds each, "
          f"at most {EPOCHS} epochs ==")
    print("  N | trained, N hidden units       | trained, 4N hidden units      | compiled "
          "(hidden units / parameters)")
    print("    | solved  median epochs  verif. | solved  median epochs  verif. | symmetric   "
          "cascade     deep tree")
    results = {}
    curves = {}
    for n in N_RANGE:
        f = families.parity(n)
        row = {}
        for label, hidden in (("minimal", n), ("generous", 4 * n)):
            runs = [train(n, hidden, s) for s in range(SEEDS)]
            solved = [r for r in runs if r[1]]
            row[label] = (len(solved), int(np.median([r[0].epochs for r in solved])) if solved else None,
                          sum(r[2] for r in solved))
            row[label + "_failed_acc"] = [r[0].final_accuracy for r in runs if not r[1]]
            # How much the failed runs' loss still fell over their last quarter of epochs.
            row[label + "_failed_drop"] = [1 - r[0].loss[-1] / r[0].loss[-EPOCHS // 4]
                                           for r in runs if not r[1]]
            if n == 6:
                curves[label] = runs
        sizes = {}
        for arch, net in (("symmetric", boolnet.compile(f, arch="symmetric")),
                          ("cascade", cascade_parity(n)), ("deep", parity_tree(n))):
            assert boolnet.verify(net, f).ok
            cc = boolnet.cost(net)
            sizes[arch] = (cc.hidden, cc.parameters)
        row["compiled"] = sizes
        results[n] = row
        cells = []
        for label in ("minimal", "generous"):
            k, med, ver = row[label]
            cells.append(f"{k:>2}/{SEEDS}   {med if med is not None else '-':>13}  {ver:>2}/{k:<2}")
        comp = "  ".join(f"{h:>3} / {p:<5}" for h, p in sizes.values())
        print(f"{n:>3} | " + " | ".join(f"{c_:29s}" for c_ in cells) + f" | {comp}")

    # The plain-words summary, from the numbers above.
    mins = {n: results[n]["minimal"][0] for n in N_RANGE}
    gens = {n: results[n]["generous"][0] for n in N_RANGE}
    never = [n for n in N_RANGE if all(mins[m] == 0 for m in N_RANGE if m >= n)]
    print()
    print("verif. = solved runs whose hardened copy (tanh -> sign, sigmoid -> step) boolnet.verify")
    print("accepts: fit stops at the first epoch with every row right, while some hidden units are")
    print("still far from saturated, so replacing tanh by its sign can flip a row.")
    print()
    print("Where gradient descent fails:")
    print(f"  with the minimal N hidden units, runs solving parity-N: "
          + ", ".join(f"N={n}: {mins[n]}/{SEEDS}" for n in N_RANGE) + ";")
    if never:
        print(f"  from N = {never[0]} on, none of the {SEEDS} seeds found it within {EPOCHS} epochs,")
        print(f"  although N threshold units suffice (the compiled symmetric network has them).")
        accs = [a for n in never for a in results[n]["minimal_failed_acc"]]
        drops = [d for n in never for d in results[n]["minimal_failed_drop"]]
        print(f"  Those runs end with {min(accs):.0%} to {max(accs):.0%} of the rows right "
              f"(N = {never[0]}..{max(N_RANGE)}), their loss falling by only {min(drops):.0%} to "
              f"{max(drops):.0%} over the last {EPOCHS // 4} epochs: stuck on plateaus or in local minima.")
    print(f"  with 4N hidden units: " + ", ".join(f"N={n}: {gens[n]}/{SEEDS}" for n in N_RANGE)
          + f"; median epochs rise from {results[2]['generous'][1]} (N=2) to "
          f"{results[max(N_RANGE)]['generous'][1]} (N={max(N_RANGE)}).")
    print("  The compiled networks need no search: cascade floor(log2 N)+1 units, deep tree 3(N-1).")

    # ---- pictures: success rate, epochs, sizes, loss curves at N = 6
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    axes = axes.ravel()
    ns = list(N_RANGE)
    styles = {"minimal": ("#d95f02", "o", "N hidden units (minimal)"),
              "generous": ("#1b9e77", "s", "4N hidden units")}
    ax = axes[0]
    ax.plot(ns, [mins[n] / SEEDS for n in ns], "o-", color=styles["minimal"][0], label=styles["minimal"][2])
    ax.plot(ns, [gens[n] / SEEDS for n in ns], "s-", color=styles["generous"][0], label=styles["generous"][2])
    ax.set_xlabel("N (inputs)")
    ax.set_ylabel(f"fraction of {SEEDS} seeds solved")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"parity-N by backprop: success within {EPOCHS} epochs", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax = axes[1]
    for label, (colour, marker, text) in styles.items():
        pts = [(n, results[n][label][1]) for n in ns if results[n][label][1] is not None]
        ax.plot(*zip(*pts), marker=marker, color=colour, label=text)
    ax.set_yscale("log")
    ax.set_xlabel("N (inputs)")
    ax.set_ylabel("median epochs (solved runs only)")
    ax.set_title("epochs to reach 100% correct (points missing: no run solved it)", fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    ax = axes[2]
    for label, mult in (("minimal", 1), ("generous", 4)):
        colour, marker, text = styles[label]
        ax.plot(ns, [Network.mlp([n, mult * n, 1]).n_parameters() for n in ns], marker=marker,
                color=colour, label=f"trained MLP, {text}")
    for arch, style in (("symmetric", "^--"), ("cascade", "D--"), ("deep", "v--")):
        ax.plot(ns, [results[n]["compiled"][arch][1] for n in ns], style, color="#555555", ms=5,
                mfc={"symmetric": "white", "cascade": "#555555", "deep": "#bbbbbb"}[arch],
                label=f"compiled {arch} (verified)")
    ax.set_yscale("log")
    ax.set_xlabel("N (inputs)")
    ax.set_ylabel("parameters (weights + biases)")
    ax.set_title("network sizes: trained vs compiled\n(compiled symmetric = the minimal MLP's shape: "
                 "N hidden units)", fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    ax = axes[3]
    for label in ("minimal", "generous"):
        colour = styles[label][0]
        for hist, solved, *_ in curves[label]:
            ax.plot(hist.loss, color=colour, lw=1, alpha=0.8)
        ax.plot([], [], color=colour, label="6 hidden units" if label == "minimal" else "24 hidden units")
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel("epoch (log scale)")
    ax.set_ylabel("binary cross-entropy")
    ax.set_title(f"parity-6 loss curves, {SEEDS} seeds each (24 units: all stop solved)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "08_parity_training.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    print(f"\npictures: {args.out}/08_xor_training.png, {args.out}/08_parity_training.png")


if __name__ == "__main__":
    main()
