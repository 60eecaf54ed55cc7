"""Example 2: single-layer learners on 2-D data, and their decision boundaries.

1. The perceptron rule (update on mistakes only) against the delta rule (Widrow-Hoff
   least mean squares on a linear unit) on a separable and on a noisy data set: the
   perceptron stops with a separating line on the first and never settles on the
   second; the delta rule converges on both (to the least-squares line, which need not
   separate even separable data perfectly).
2. Logistic regression (a sigmoid unit) and softmax regression (three classes) trained
   by gradient ascent on the log-likelihood, in batch, stochastic (one row at a time)
   and mini-batch mode: about the same boundary, reached at different cost.

Run:  python examples/02_linear_learners.py [--out DIR]
Writes 02_perceptron_vs_delta.png and 02_logistic_softmax.png.
"""
from __future__ import annotations

import argparse
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: threads only add overhead
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from boolnet.nn import delta_rule, logistic_regression, perceptron, softmax_regression

SEED = 0
METHODS = (("batch", 0.5), ("stochastic", 0.05), ("minibatch", 0.2))  # (method, learning rate)
COLOURS = {"batch": "#1b9e77", "stochastic": "#d95f02", "minibatch": "#7570b3"}


def two_blobs(rng, centre: float, spread: float, per_class: int = 60):
    """Two Gaussian clouds at -c and +c (along a diagonal); labels 0 and 1."""
    a = rng.normal([-centre, -centre / 2], spread, (per_class, 2))
    b = rng.normal([centre, centre / 2], spread, (per_class, 2))
    return np.vstack([a, b]), np.r_[np.zeros(per_class, int), np.ones(per_class, int)]


def training_errors(net, X, y, threshold: float) -> int:
    """Rows on the wrong side of the unit's decision threshold."""
    return int(np.count_nonzero((net.forward(X)[:, 0] >= threshold) != (y == 1)))


def boundary(ax, net, threshold, lim, **style):
    """Draw the line where a single unit's output crosses its decision threshold."""
    g = np.linspace(-lim, lim, 300)
    gx, gy = np.meshgrid(g, g)
    out = net.forward(np.c_[gx.ravel(), gy.ravel()])[:, 0].reshape(gx.shape)
    cs = ax.contour(gx, gy, out, levels=[threshold], **style)
    return cs


def scatter(ax, X, y, lim):
    markers = ["s", "o", "^"]
    colours = ["#1b5e9e", "#d95f02", "#33a02c"]
    for k in np.unique(y):
        ax.scatter(*X[y == k].T, s=14, marker=markers[k], c=colours[k], edgecolors="k",
                   linewidths=0.4, label=f"class {k}")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(SEED)

    datasets = {"separable": two_blobs(rng, 2.0, 0.5), "noisy": two_blobs(rng, 1.0, 1.0)}
    lim = 4.0

    # ---------------------------------------------------------------- 1. perceptron vs delta rule
    print("== 1. Perceptron rule against delta rule ==")
    fig, axes = plt.subplots(1, 3, figsize=(14, 5))
    learned = {}
    for ax, (name, (X, y)) in zip(axes[:2], datasets.items()):
        p_net, p_res = perceptron(X, y, epochs=100)       # step unit, targets 0/1
        d_net, d_res = delta_rule(X, y, lr=0.05, epochs=5000, method="batch")  # linear unit
        p_err = training_errors(p_net, X, y, 0.5)
        d_err = training_errors(d_net, X, y, 0.5)  # a linear unit on 0/1 targets decides at 1/2
        learned[name] = (p_res, d_res)
        print(f"{name:9s} perceptron: {p_res.status:11s} after {p_res.epochs:3d} epochs, "
              f"{p_err} of {len(y)} training rows wrong")
        print(f"{name:9s} delta rule: {d_res.status:11s} after {d_res.epochs:3d} epochs, "
              f"{d_err} of {len(y)} training rows wrong (mean squared error "
              f"{d_res.history['loss'][-1]:.4f})")
        scatter(ax, X, y, lim)
        boundary(ax, p_net, 0.5, lim, colors="k", linewidths=1.8)
        boundary(ax, d_net, 0.5, lim, colors="#e7298a", linewidths=1.8, linestyles="--")
        ax.plot([], [], "k-", label=f"perceptron ({p_err} wrong)")
        ax.plot([], [], "--", color="#e7298a", label=f"delta rule ({d_err} wrong)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8)
        ax.set_title(f"{name} data: perceptron "
                     + ("converged" if p_res.converged else "never converges"), fontsize=10)
    ax = axes[2]
    for name, style in (("separable", "o-"), ("noisy", ".--")):
        errs = learned[name][0].history["errors"]
        ax.plot(range(1, len(errs) + 1), errs, style, label=f"perceptron, {name}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mistakes (updates) in the epoch")
    ax.set_title("perceptron: mistakes per epoch", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "02_perceptron_vs_delta.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    assert learned["separable"][0].converged and not learned["noisy"][0].converged
    print("The perceptron only stops when every row is right, so on overlapping classes it")
    print("keeps moving, and its last line is wherever the last mistake pushed it; the delta")
    print("rule minimises the squared error and settles either way.")
    print()

    # ---------------------------------------------------------------- 2. logistic & softmax regression
    print("== 2. Logistic and softmax regression: batch, stochastic, mini-batch gradient ascent ==")
    X, y = datasets["noisy"]
    # Three classes for softmax regression.
    centres = np.array([[-2.0, -1.0], [2.0, -1.0], [0.0, 2.0]])
    X3 = np.vstack([rng.normal(c, 0.9, (50, 2)) for c in centres])
    y3 = np.repeat(np.arange(3), 50)

    fig, axes = plt.subplots(2, 2, figsize=(11, 10.5))
    scatter(axes[0, 0], X, y, lim)
    scatter(axes[1, 0], X3, y3, lim)
    epochs = 200
    for method, lr in METHODS:
        steps = {"batch": 1, "stochastic": len(X), "minibatch": -(-len(X) // 16)}[method]
        net, res = logistic_regression(X, y, lr=lr, epochs=epochs, method=method, batch_size=16,
                                       tol=None, seed=SEED)
        err = training_errors(net, X, y, 0.5)
        W, b = net.layers[0].W[0], net.layers[0].b[0]
        print(f"logistic {method:10s} lr {lr:<4g}: {epochs} epochs x {steps:3d} steps, "
              f"log-likelihood per row {-res.history['loss'][-1]:.4f}, w = ({W[0]:.2f}, {W[1]:.2f}), "
              f"b = {b:.2f}, {err} of {len(y)} wrong")
        boundary(axes[0, 0], net, 0.5, lim, colors=COLOURS[method], linewidths=1.5)
        axes[0, 0].plot([], [], color=COLOURS[method], label=f"{method} (lr {lr:g})")
        axes[0, 1].plot(-np.array(res.history["loss"]), color=COLOURS[method],
                        label=f"logistic, {method} ({steps} step{'s' * (steps > 1)}/epoch)")

        s3 = {"batch": 1, "stochastic": len(X3), "minibatch": -(-len(X3) // 16)}[method]
        net3, res3 = softmax_regression(X3, y3, lr=lr, epochs=epochs, method=method, batch_size=16,
                                        tol=None, seed=SEED)
        pred = net3.forward(X3).argmax(axis=1)
        err3 = int(np.count_nonzero(pred != y3))
        print(f"softmax  {method:10s} lr {lr:<4g}: {epochs} epochs x {s3:3d} steps, "
              f"log-likelihood per row {-res3.history['loss'][-1]:.4f}, {err3} of {len(y3)} wrong")
        # Class regions: boundaries are where the argmax changes.
        g = np.linspace(-lim, lim, 300)
        gx, gy = np.meshgrid(g, g)
        cls = net3.forward(np.c_[gx.ravel(), gy.ravel()]).argmax(axis=1).reshape(gx.shape)
        if method == "minibatch":
            axes[1, 0].contourf(gx, gy, cls, levels=[-0.5, 0.5, 1.5, 2.5],
                                colors=["#dde6f5", "#f8dcc8", "#dcefd5"], zorder=0)
        axes[1, 0].contour(gx, gy, cls, levels=[0.5, 1.5], colors=COLOURS[method],
                           linewidths=1.5)
        axes[1, 0].plot([], [], color=COLOURS[method], label=f"{method} (lr {lr:g})")
        axes[1, 1].plot(-np.array(res3.history["loss"]), color=COLOURS[method],
                        label=f"softmax, {method} ({s3} step{'s' * (s3 > 1)}/epoch)")
    axes[0, 0].set_title("logistic regression on the noisy data: boundaries p = 1/2", fontsize=10)
    axes[1, 0].set_title("softmax regression, 3 classes: boundaries\n"
                         "(shading: regions of the mini-batch model)", fontsize=10)
    for ax in axes[:, 0]:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=3, fontsize=8)
    for ax, what in zip(axes[:, 1], ("logistic", "softmax")):
        ax.set_xscale("symlog", linthresh=1)
        ax.set_xlabel("epoch (passes over the data; log scale)")
        ax.set_ylabel("mean log-likelihood per row")
        ax.set_title(f"{what} regression: gradient ascent on the log-likelihood", fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "02_logistic_softmax.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    print("Batch mode takes one step per epoch, stochastic one per row: per epoch the stochastic")
    print("runs climb fastest, but each of their steps looks at one row only.")
    print(f"\npictures: {args.out}/02_perceptron_vs_delta.png, {args.out}/02_logistic_softmax.png")


if __name__ == "__main__":
    main()
