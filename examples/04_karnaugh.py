"""Example 4: Karnaugh maps: reduce a 4-input function by grouping neighbouring ones.

A Karnaugh map lays the 16 rows of a 4-input truth table out on a 4 x 4 grid whose rows
(a b) and columns (c d) run in Gray-code order 00, 01, 11, 10, so that neighbouring
cells, including across the edges (the map wraps around), differ in one input. A
rectangle of 1, 2, 4 or 8 neighbouring ones is one product term with that input
dropped; covering every 1 with as few, as large rectangles as possible gives the
minimal sum of products. boolnet's exact minimiser finds that cover (and proves it
minimal); boolnet.viz.kmap draws the map with the groups outlined.

1. f(a, b, c, d) = sum of minterms 0 1 2 4 5 6 8 9 12 13 14: an octet and two quads
   that wrap around the edges; the minimal expression; the networks before and after.
2. A function with don't-cares: the groups may swallow don't-care cells to grow.

Run:  python examples/04_karnaugh.py [--out DIR]
Writes 04_kmap.png, 04_kmap_groups.png and 04_kmap_dontcare.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import boolnet
from boolnet.twolevel import minimize  # the minimiser (boolnet.minimize)
from boolnet.viz.kmap import kmap_figure, kmap_text, save_kmap

NAMES = ["a", "b", "c", "d"]
MINTERMS = [0, 1, 2, 4, 5, 6, 8, 9, 12, 13, 14]
DC_MINTERMS, DC_DONTCARES = [1, 3, 7, 11, 15], [0, 2, 5]


def figure_pixels(fig) -> np.ndarray:
    """Render a matplotlib figure to an RGBA array (to place several maps side by side)."""
    fig.canvas.draw()
    img = np.asarray(fig.canvas.buffer_rgba()).copy()
    plt.close(fig)
    ink = np.argwhere((img[:, :, :3] < 245).any(axis=2))  # crop the white margins
    (r0, c0), (r1, c1) = ink.min(axis=0), ink.max(axis=0)
    return img[max(r0 - 10, 0):r1 + 10, max(c0 - 10, 0):c1 + 10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    # ------------------------------------------------------------------ 1. reduce a function
    f = boolnet.BooleanFunction.from_minterms(4, MINTERMS, input_names=NAMES)
    print(f"== 1. f(a, b, c, d) = sum of minterms {' '.join(map(str, MINTERMS))} ==")
    canonical = boolnet.Cover.from_function(f)
    print(f"canonical DNF: {canonical.num_terms} terms, {canonical.num_literals} literals")
    print("\nthe Karnaugh map (rows a b, columns c d, both in Gray order 00 01 11 10):")
    print(kmap_text(f))
    cover, report = minimize(f, method="exact")
    print("\nthe groups of the minimal cover (a cell shows the letters of the groups holding it):")
    print(kmap_text(f, cover))
    print(f"\nminimal expression: f = {cover.to_expr()}")
    print(f"                   f = {cover.to_expr(style='textbook')}   (textbook notation)")
    print(f"{report.terms} terms, {report.literals} literals, proven minimal: {report.proven}")
    for term, cube in zip(cover.to_expr().split(" | "), cover.cube_strings()):
        size = 2 ** cube.count("-")
        print(f"   {term:10s} covers {size:2d} cells (inputs dropped: "
              f"{', '.join(n for n, ch in zip(NAMES, cube) if ch == '-') or 'none'})")
    assert cover.to_function().equivalent(f) and report.proven

    print("\nthe one-hidden-layer networks (one AND unit per term, an OR output):")
    for label, method in (("canonical DNF", "none"), ("minimal cover", "exact")):
        rep = boolnet.compile_report(f, arch="sop", minimize=method)
        c = rep.cost
        print(f"   {label:13s}: {c.hidden:2d} hidden units, {c.weights:2d} weights, "
              f"{c.parameters:2d} parameters, verified on all 16 rows: {rep.verification.ok}")

    save_kmap(f, os.path.join(args.out, "04_kmap.png"), cover)
    # One small map per group, with its term as the title: which cells each term covers.
    panels = [figure_pixels(kmap_figure(f, cover.select([k]))) for k in range(len(cover))]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.8))
    for ax, img, cube, term in zip(np.atleast_1d(axes), panels, cover.cube_strings(),
                                   cover.to_expr().split(" | ")):
        ax.imshow(img)
        ax.axis("off")
        ax.set_title(f"{term}: a group of {2 ** cube.count('-')} cells", fontsize=11)
    fig.suptitle(f"the {len(cover)} groups of the minimal cover, one at a time:  "
                 f"f = {cover.to_expr()}", fontsize=12)
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "04_kmap_groups.png"), dpi=100, bbox_inches="tight")
    plt.close(fig)

    # ------------------------------------------------------------------ 2. don't-cares
    g = boolnet.BooleanFunction.from_minterms(4, DC_MINTERMS, DC_DONTCARES, input_names=NAMES,
                                              output_names=["g"])
    print(f"\n== 2. g = sum of minterms {' '.join(map(str, DC_MINTERMS))}, "
          f"don't-cares {' '.join(map(str, DC_DONTCARES))} ==")
    cover_g, report_g = minimize(g, method="exact")
    print(kmap_text(g, cover_g))
    without, _ = minimize(boolnet.BooleanFunction.from_minterms(4, DC_MINTERMS, input_names=NAMES,
                                                                output_names=["g"]), method="exact")
    print(f"minimal expression: g = {cover_g.to_expr()}  ({report_g.terms} terms, "
          f"{report_g.literals} literals, proven minimal: {report_g.proven})")
    print(f"with the don't-cares read as 0 it would be {without.to_expr()}  "
          f"({without.num_terms} terms, {without.num_literals} literals)")
    assert cover_g.num_literals < without.num_literals
    save_kmap(g, os.path.join(args.out, "04_kmap_dontcare.png"), cover_g)
    print(f"\npictures: {args.out}/04_kmap.png, {args.out}/04_kmap_groups.png, "
          f"{args.out}/04_kmap_dontcare.png")


if __name__ == "__main__":
    main()
