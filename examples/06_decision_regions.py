"""Example 6: decision regions in the plane, built by hand from step units on real inputs.

A step unit on (x1, x2) fires on a half-plane  w . x + b >= 0.  From half-planes:

A. a convex polygon is the AND of its edges' half-planes: one hidden layer of K units
   and an output unit with threshold K (all of them);
B. a union of two polygons needs a second hidden layer: two AND units, then an OR;
C. a non-convex star (pentagram) with ONE hidden layer: its five lines, summed, with
   threshold 4 ("inside at least four of the five half-planes");
D. a disc approximated by K half-planes tangent to it, summed with the high threshold
   K: the region is the circumscribed K-gon, and its area error falls like 1/K^2;
E. two discs with ONE hidden layer of many units (2 x K half-planes, one sum and one
   threshold): outside a disc its K units still give about K/2, so the union is only
   approximated (the second hidden layer of B does it exactly).

Networks are boolnet.nn.Layer / Network objects with float weights and step units;
every region is compared pixel by pixel with the true shape.

Run:  python examples/06_decision_regions.py [--out DIR]
Writes 06_decision_regions.png and 06_disc_error.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.path import Path

from boolnet.nn import Layer, Network

LIM = 3.0
GRID = 301  # pixels per side of the pictures and of the area estimates


def half_planes(vertices) -> tuple[np.ndarray, np.ndarray]:
    """Weights and biases of one unit per edge of a counter-clockwise polygon, firing inside.

    The edge p -> q has direction d; its left normal (-d_y, d_x) points inside, and the
    unit fires when normal . (x - p) >= 0, i.e. W = normal, b = -normal . p.
    """
    v = np.asarray(vertices, float)
    d = np.roll(v, -1, axis=0) - v
    W = np.c_[-d[:, 1], d[:, 0]]
    b = -np.einsum("ij,ij->i", W, v)
    return W, b


def and_unit(k: int) -> tuple[np.ndarray, np.ndarray]:
    """An AND of k step signals: all k must be on (threshold k)."""
    return np.ones((1, k)), np.array([-float(k)])


def regular_polygon(k: int, radius: float, centre=(0.0, 0.0), phase: float = 0.0) -> np.ndarray:
    a = phase + 2 * np.pi * np.arange(k) / k
    return np.c_[centre[0] + radius * np.cos(a), centre[1] + radius * np.sin(a)]


def tangent_polygon(k: int, radius: float, centre=(0.0, 0.0)) -> tuple[np.ndarray, np.ndarray]:
    """K half-planes u_k . (x - c) <= r, tangent to the circle (firing inside)."""
    a = 2 * np.pi * np.arange(k) / k
    u = np.c_[np.cos(a), np.sin(a)]
    return -u, radius + u @ np.asarray(centre, float)


def grid_points():
    g = np.linspace(-LIM, LIM, GRID)
    gx, gy = np.meshgrid(g, g)
    return gx, gy, np.c_[gx.ravel(), gy.ravel()]


def region(net: Network, pts: np.ndarray) -> np.ndarray:
    """Where the network's (single) output fires, on the grid."""
    return net.forward(pts)[:, 0].reshape(GRID, GRID) >= 0.5


def area_by_rays(net: Network, rays: int = 4096, reach: float = 10.0) -> float:
    """Area of a star-shaped region around the origin, from the network itself.

    Along each ray from the origin the boundary is found by bisection on the network's
    output; the area is the integral of rho(phi)^2 / 2 over the angle.
    """
    phi = 2 * np.pi * (np.arange(rays) + 0.5) / rays
    u = np.c_[np.cos(phi), np.sin(phi)]
    lo, hi = np.zeros(rays), np.full(rays, reach)
    for _ in range(50):
        mid = (lo + hi) / 2
        inside = net.forward(mid[:, None] * u)[:, 0] >= 0.5
        lo, hi = np.where(inside, mid, lo), np.where(inside, hi, mid)
    return float(np.mean(lo ** 2) * np.pi)


def inside_polygon(vertices, pts) -> np.ndarray:
    return Path(vertices).contains_points(pts).reshape(GRID, GRID)


def agreement(got: np.ndarray, want: np.ndarray) -> tuple[float, float]:
    """(fraction of pixels that differ, intersection over union)."""
    return float(np.mean(got != want)), float((got & want).sum() / max((got | want).sum(), 1))


def draw(ax, gx, gy, got, title, outlines=(), lines=None):
    ax.contourf(gx, gy, got.astype(float), levels=[-0.5, 0.5, 1.5], colors=["none", "#f6c89f"])
    for verts, style in outlines:
        v = np.vstack([verts, verts[:1]])
        ax.plot(v[:, 0], v[:, 1], style, lw=1.3)
    if lines is not None:  # the hidden units' lines w . x + b = 0
        W, b = lines
        t = np.linspace(-LIM, LIM, 2)
        for (w1, w2), bb in zip(W, b):
            if abs(w2) > 1e-12:
                ax.plot(t, -(w1 * t + bb) / w2, color="#777777", lw=0.6, ls=":", zorder=3)
            else:
                ax.axvline(-bb / w1, color="#777777", lw=0.6, ls=":", zorder=3)
    ax.set_xlim(-LIM, LIM)
    ax.set_ylim(-LIM, LIM)
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_title(title, fontsize=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    gx, gy, pts = grid_points()
    fig, axes = plt.subplots(2, 3, figsize=(13.5, 9.2))
    axes = axes.ravel()

    # ---- A. a convex pentagon: AND of five half-planes
    pent = np.array([[-1.8, -1.2], [1.2, -1.9], [2.2, 0.6], [0.3, 2.2], [-1.9, 1.0]])
    W1, b1 = half_planes(pent)
    netA = Network(2, [Layer(W1, b1, "step"), Layer(*and_unit(5), "step")])
    gotA = region(netA, pts)
    errA, iouA = agreement(gotA, inside_polygon(pent, pts))
    print("A. convex pentagon = AND of 5 half-planes")
    print("  ", netA.describe().replace("\n", "\n   "))
    print(f"   pixels differing from the true pentagon: {errA:.2%} (boundary pixels only)")
    assert netA.forward([[0.0, 0.0]])[0, 0] == 1 and netA.forward([[2.5, 2.5]])[0, 0] == 0
    draw(axes[0], gx, gy, gotA, "A. convex polygon: 5 half-planes, AND\n"
         "(2 layers: 5 step units -> 1 unit, threshold 5)", [(pent, "k-")], (W1, b1))

    # ---- B. union of a triangle and a square: a second hidden layer ORs two ANDs
    tri = np.array([[-2.6, -2.4], [-0.4, -2.4], [-1.5, -0.2]])
    sq = np.array([[0.2, 0.2], [2.4, 0.2], [2.4, 2.4], [0.2, 2.4]])
    Wt, bt = half_planes(tri)
    Ws, bs = half_planes(sq)
    ands = np.zeros((2, 7))
    ands[0, :3] = 1  # AND of the triangle's three units
    ands[1, 3:] = 1  # AND of the square's four units
    netB = Network(2, [Layer(np.vstack([Wt, Ws]), np.r_[bt, bs], "step"),
                       Layer(ands, np.array([-3.0, -4.0]), "step"),
                       Layer(np.array([[1.0, 1.0]]), np.array([-1.0]), "step")])  # OR
    gotB = region(netB, pts)
    wantB = inside_polygon(tri, pts) | inside_polygon(sq, pts)
    errB, iouB = agreement(gotB, wantB)
    print("B. union of a triangle and a square = OR of two ANDs (two hidden layers)")
    print("  ", netB.describe().replace("\n", "\n   "))
    print(f"   pixels differing from the true union: {errB:.2%}")
    draw(axes[1], gx, gy, gotB, "B. union of two polygons: 7 half-planes,\n"
         "2 AND units, 1 OR unit (3 layers)", [(tri, "k-"), (sq, "k-")],
         (np.vstack([Wt, Ws]), np.r_[bt, bs]))

    # ---- C. a pentagram with one hidden layer: at least 4 of its 5 lines
    tips = regular_polygon(5, 2.6, phase=np.pi / 2)
    star_lines = tips[[0, 2, 4, 1, 3]]  # the star's lines join every second tip
    Wc, bc = half_planes(star_lines)
    netC = Network(2, [Layer(Wc, bc, "step"), Layer(np.ones((1, 5)), np.array([-4.0]), "step")])
    gotC = region(netC, pts)
    inner = regular_polygon(5, 2.6 * np.cos(2 * np.pi / 5) / np.cos(np.pi / 5), phase=-np.pi / 2)
    outline = np.empty((10, 2))  # tips and inner corners alternate around the star
    outline[0::2] = tips
    outline[1::2] = inner[[3, 4, 0, 1, 2]]
    errC, iouC = agreement(gotC, inside_polygon(outline, pts))
    print("C. pentagram (not convex) with ONE hidden layer: 5 half-planes, output threshold 4")
    print(f"   pixels differing from the true star: {errC:.2%}")
    draw(axes[2], gx, gy, gotC, "C. non-convex star, ONE hidden layer:\n"
         "5 half-planes summed, threshold 4 of 5", [(outline, "k-")], (Wc, bc))

    # ---- D. a disc from K tangent half-planes with threshold K
    r = 1.4  # small enough that even the triangle (K = 3) fits in the picture
    print("D. disc of radius 1.4 from K tangent half-planes, one hidden layer, threshold K")
    print("      K | area error, measured on the network | formula K tan(pi/K)/pi - 1")
    ks = [3, 4, 6, 8, 12, 16, 24, 32, 64, 128]
    errs = []
    for k in ks:
        Wd, bd = tangent_polygon(k, r)
        net = Network(2, [Layer(Wd, bd, "step"), Layer(np.ones((1, k)), np.array([-float(k)]), "step")])
        measured = area_by_rays(net) / (np.pi * r * r) - 1
        formula = k * np.tan(np.pi / k) / np.pi - 1
        errs.append((k, measured, formula))
        print(f"   {k:4d} | {measured:35.4%} | {formula:26.4%}")
        assert abs(measured - formula) < 1e-3 * (1 + formula)
        if k == 8:
            draw(axes[3], gx, gy, region(net, pts), "D. disc from K = 8 tangent half-planes,\n"
                 "summed with threshold 8 (one hidden layer)",
                 [(regular_polygon(200, r), "k--")], (Wd, bd))

    # ---- E. two discs with one hidden layer: sum of 2 x K units, one high threshold
    k, rr = 64, 1.0
    c1, c2 = (-1.5, -1.3), (1.4, 1.2)
    W1, b1 = tangent_polygon(k, rr, c1)
    W2, b2 = tangent_polygon(k, rr, c2)
    # Inside disc 1 its K units all fire (K) and disc 2's about K/2 + (K/pi) asin(r/d);
    # far from both, each group gives about K/2. Threshold: K + K/2 + a margin.
    d12 = np.hypot(c1[0] - c2[0], c1[1] - c2[1])
    theta = k + k / 2 + k * np.arcsin(rr / (d12 + rr)) / np.pi
    netE = Network(2, [Layer(np.vstack([W1, W2]), np.r_[b1, b2], "step"),
                       Layer(np.ones((1, 2 * k)), np.array([-np.floor(theta)]), "step")])
    gotE = region(netE, pts)
    wantE = (((pts - c1) ** 2).sum(axis=1) <= rr * rr) | (((pts - c2) ** 2).sum(axis=1) <= rr * rr)
    wantE = wantE.reshape(GRID, GRID)
    errE, iouE = agreement(gotE, wantE)
    print(f"E. two discs with ONE hidden layer of {2 * k} units and threshold {np.floor(theta):.0f}: "
          f"{errE:.2%} of pixels differ, intersection/union {iouE:.3f} (approximate)")
    # The same union exactly enough with a second layer: two ANDs (threshold K each), then OR.
    sel = np.zeros((2, 2 * k))
    sel[0, :k] = 1
    sel[1, k:] = 1
    netE2 = Network(2, [Layer(np.vstack([W1, W2]), np.r_[b1, b2], "step"),
                        Layer(sel, np.array([-float(k), -float(k)]), "step"),
                        Layer(np.array([[1.0, 1.0]]), np.array([-1.0]), "step")])
    errE2, iouE2 = agreement(region(netE2, pts), wantE)
    print(f"   with a second hidden layer (AND, AND, OR): {errE2:.2%} of pixels differ, "
          f"intersection/union {iouE2:.3f}")
    draw(axes[4], gx, gy, gotE, f"E. two discs, ONE hidden layer ({2 * k} units,\n"
         f"threshold {np.floor(theta):.0f}): approximate, IoU {iouE:.2f}",
         [(regular_polygon(200, rr, c1), "k--"), (regular_polygon(200, rr, c2), "k--")])

    # The count map behind E: how many of the 2K hidden units fire at each point.
    counts = (netE.forward_all(pts)[1].sum(axis=1)).reshape(GRID, GRID)
    ax = axes[5]
    im = ax.imshow(counts, origin="lower", extent=(-LIM, LIM, -LIM, LIM), cmap="viridis")
    ax.contour(gx, gy, counts, levels=[np.floor(theta) - 0.5], colors="w", linewidths=1.2)
    fig.colorbar(im, ax=ax, fraction=0.046, label="hidden units firing")
    ax.set_title(f"E. the sum the output unit thresholds\n(white line: its threshold "
                 f"{np.floor(theta):.0f})", fontsize=9)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    for ax in axes[:5]:
        ax.plot([], [], "s", color="#f6c89f", label="network fires")
        ax.plot([], [], "k-", lw=1, label="true shape")
        ax.plot([], [], color="#777777", lw=0.6, ls=":", label="hidden units' lines")
    axes[0].legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "06_decision_regions.png"), dpi=100, bbox_inches="tight")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    k_arr = np.array([e[0] for e in errs])
    ax.loglog(k_arr, [e[2] for e in errs], "k-", label="formula K tan(pi/K)/pi - 1")
    ax.loglog(k_arr, [e[1] for e in errs], "o", label="measured: the network's region (bisection on rays)")
    ax.set_xlabel("K (hidden units = tangent half-planes)")
    ax.set_ylabel("relative area error")
    ax.set_title("D. disc as the AND of K half-planes: error ~ pi^2 / (3 K^2)", fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "06_disc_error.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)

    assert errA < 0.01 and errB < 0.01 and errC < 0.01 and errE2 < 0.01
    print(f"\npictures: {args.out}/06_decision_regions.png, {args.out}/06_disc_error.png")


if __name__ == "__main__":
    main()
