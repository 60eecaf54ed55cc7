"""Example 9: a first convolution, as a weight-shared layer on the same NumPy core.

A 3x3 filter scanning a 7x7 input (no padding, stride 1) gives a 5x5 response map.
Written as an ordinary layer, it is a 25 x 49 weight matrix in which every row holds
the same nine kernel weights, placed at that output's window: weight sharing. The
layer is a boolnet.nn.Layer, run by the same Network code as every other example.

The kernel is a template of an "L" (+1 on its pixels, -1 around them), so the linear
response is 5 exactly where the L sits; a step unit with bias -5 on top of each output
is an L detector. Moving the input by (2, 2) pixels moves the response map by (2, 2):
convolution is translation-equivariant. The script prints both maps and asserts it
(on the part of map B whose windows have a counterpart in map A: the rest of B looks
at pixels that were outside A's map).

Run:  python examples/09_convolution.py [--out DIR]
Writes 09_convolution.png and 09_weight_sharing.png.
"""
from __future__ import annotations

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from boolnet.nn import Layer, Network

SIZE, K = 7, 3
OUT = SIZE - K + 1  # 5: positions of a 3x3 window along each side of a 7x7 image
SHIFT = (2, 2)  # rows down, columns right

# The pattern and its template kernel (+1 on the pattern, -1 elsewhere in the window).
PATTERN = np.array([[1, 0, 0],
                    [1, 0, 0],
                    [1, 1, 1]])
KERNEL = np.where(PATTERN == 1, 1, -1)


def conv_matrix(kernel: np.ndarray, size: int) -> np.ndarray:
    """The (out*out) x (size*size) matrix of a valid, stride-1 correlation with ``kernel``.

    Row r = i*out + j is output pixel (i, j); it holds kernel[di, dj] in column
    (i + di) * size + (j + dj). Every row holds the same weights: weight sharing.
    """
    k = kernel.shape[0]
    out = size - k + 1
    W = np.zeros((out * out, size * size), kernel.dtype)
    for i in range(out):
        for j in range(out):
            for di in range(k):
                for dj in range(k):
                    W[i * out + j, (i + di) * size + (j + dj)] = kernel[di, dj]
    return W


def show(ax, img, title, cmap="Greys", vmin=None, vmax=None, numbers=False, dark=3):
    im = ax.imshow(img, cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks(range(img.shape[1]))
    ax.set_yticks(range(img.shape[0]))
    ax.set_title(title, fontsize=9)
    if numbers:
        for (i, j), v in np.ndenumerate(img):
            ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=9,
                    color="white" if abs(v) >= dark else "black")
    return im


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="folder for the pictures (default: here)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    W = conv_matrix(KERNEL, SIZE)
    conv = Layer(W, np.zeros(OUT * OUT, np.int64), "linear")          # the response map
    detect = Layer(np.eye(OUT * OUT, dtype=np.int64), np.full(OUT * OUT, -int(PATTERN.sum())),
                   "step", sources=[1])                                # fires where response = 5
    net = Network(SIZE * SIZE, [conv, detect])
    print(net.describe())
    print(f"weight matrix {W.shape}: {np.count_nonzero(W)} non-zero entries, all copies of the "
          f"{KERNEL.size} kernel weights (a dense layer would have {W.size} free weights)")
    rows = {tuple(W[r][W[r] != 0]) for r in range(W.shape[0])}
    assert len(rows) == 1  # every output sees the same nine weights

    # Input A: the L with its corner near the top left, and a stray pixel; B: both moved.
    A = np.zeros((SIZE, SIZE), np.int64)
    A[0:3, 0:3] = PATTERN
    A[4, 1] = 1  # a stray pixel: a partial match, not an L
    B = np.zeros_like(A)
    B[SHIFT[0]:, SHIFT[1]:] = A[:SIZE - SHIFT[0], :SIZE - SHIFT[1]]
    assert B.sum() == A.sum()  # nothing fell off the edge

    maps = {}
    for name, img in (("A", A), ("B", B)):
        signals = net.forward_all(img.reshape(1, -1))
        resp = signals[1].reshape(OUT, OUT)
        hits = signals[2].reshape(OUT, OUT)
        maps[name] = (img, resp, hits)
        print(f"\ninput {name}:")
        print("\n".join("   " + " ".join("#" if v else "." for v in row) for row in img))
        print(f"response map {name} (5 = a full match of the L):")
        print("\n".join("   " + " ".join(f"{v:+d}" for v in row) for row in resp))
        print(f"L detected at (row, column) of the 5x5 map: "
              f"{[tuple(int(c) for c in p) for p in np.argwhere(hits == 1)]}")

    _, rA, hA = maps["A"]
    _, rB, hB = maps["B"]
    di, dj = SHIFT
    # Equivariance: response(shifted input) = shifted response, wherever both are defined.
    assert np.array_equal(rB[di:, dj:], rA[:OUT - di, :OUT - dj])
    pa, pb = np.argwhere(hA == 1), np.argwhere(hB == 1)
    assert len(pa) == 1 and np.array_equal(pb[0] - pa[0], SHIFT)
    print(f"\nshifting the input by {SHIFT} shifts the response map by {SHIFT}: "
          f"response_B[{di}:, {dj}:] == response_A[:{OUT - di}, :{OUT - dj}] holds; "
          f"the detection moved from {tuple(int(c) for c in pa[0])} to {tuple(int(c) for c in pb[0])}")

    # ---- pictures
    fig, axes = plt.subplots(2, 3, figsize=(11, 7.4))
    lo, hi = -5, 5
    for row, name in enumerate("AB"):
        img, resp, hits = maps[name]
        show(axes[row, 0], img, f"input {name} (7x7)" + (f": A moved by {SHIFT}" if name == "B" else ""))
        show(axes[row, 1], resp, f"response map {name} (5x5): kernel . window", cmap="RdBu_r",
             vmin=lo, vmax=hi, numbers=True)
        show(axes[row, 2], hits, f"L detector {name}: step(response - 5)", vmin=0, vmax=1)
        # The compared part: map A's top-left block and where it lands in map B.
        r0, c0 = (0, 0) if name == "A" else SHIFT
        axes[row, 1].add_patch(plt.Rectangle((c0 - 0.5, r0 - 0.5), OUT - SHIFT[1], OUT - SHIFT[0],
                                             fill=False, ec="#1b9e77", lw=2.5))
    for ax in axes[:, 0]:
        ax.set_ylabel("row")
    for ax in axes[1]:
        ax.set_xlabel("column")
    fig.suptitle(f"Convolution is shift-equivariant: input moved by {SHIFT} (rows, columns) -> "
                 f"response moved by {SHIFT}\n(green boxes: the block of map A and the same numbers "
                 f"in map B)", fontsize=11)
    fig.savefig(os.path.join(args.out, "09_convolution.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw={"width_ratios": [1, 4]})
    show(axes[0], KERNEL, "the 3x3 kernel (L template)", cmap="RdBu_r", vmin=-1.5, vmax=1.5,
         numbers=True, dark=1)
    im = axes[1].imshow(W, cmap="RdBu_r", vmin=-1.5, vmax=1.5, aspect="auto", interpolation="nearest")
    axes[1].set_xlabel("input pixel (row * 7 + column), 49")
    axes[1].set_ylabel("output pixel (row * 5 + column), 25")
    axes[1].set_title("the same kernel as a 25 x 49 weight matrix: every row holds the same "
                      "9 weights, shifted (pale = 0)", fontsize=9)
    fig.colorbar(im, ax=axes[1], ticks=[-1, 0, 1], fraction=0.03, label="weight")
    fig.savefig(os.path.join(args.out, "09_weight_sharing.png"), dpi=110, bbox_inches="tight")
    plt.close(fig)
    print(f"\npictures: {args.out}/09_convolution.png, {args.out}/09_weight_sharing.png")


if __name__ == "__main__":
    main()
