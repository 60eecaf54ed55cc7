"""Wide networks: the universal Boolean MLP with one hidden layer of AND (or OR) units.

From a sum of products each product term becomes one hidden AND unit and each output
an OR unit over the terms it uses (shared terms are shared units). The dual form takes
a sum of products of the complement: each of its terms, negated, is an OR clause,
and each output is the AND of its clauses (product of sums). The canonical DNF (one
unit per ON minterm) is the lecture's 2^(n-1)-unit parity network.
"""
from __future__ import annotations

import numpy as np

from ..cover import Cover
from ..errors import BoolnetError, check_memory
from ..function import BooleanFunction
from ..nn import Layer, Network
from .units import and_of, and_units, or_of, or_units

__all__ = ["wide_from_cover", "wide", "canonical_cover", "AUTO_EXACT_SECONDS",
           "AUTO_HEURISTIC_SECONDS"]

#: Seconds the exact cover search may take inside ``minimize="auto"`` while compiling
#: before the heuristic's cover is used: compile tries several forms (and the complement
#: for the product of sums), so it gives each minimisation a short budget. Ask for
#: ``minimize="exact"`` to get minimize()'s own, longer limit.
AUTO_EXACT_SECONDS = 2.0
#: ... and the heuristic this long before it returns its best cover so far (checked).
#: Measured: spla's complement gives 145 cubes in 3 s against 136 in 22 s.
AUTO_HEURISTIC_SECONDS = 3.0


def canonical_cover(f: BooleanFunction) -> Cover:
    """One full cube per ON minterm, shared across outputs (don't-cares left out)."""
    return Cover.from_function(f)


def wide_from_cover(cover: Cover, dual: bool = False) -> Network:
    """One hidden layer of AND units (one per cube) and OR outputs; with ``dual``, OR units and AND outputs for a cover of the complement."""
    # The integer weight matrix (8 bytes a weight) and its exhaustive verification, whose
    # bit-sliced compile holds BITSLICE_BYTES_PER_WEIGHT bytes a weight in Python objects.
    from ..nn.exact import BITSLICE_BYTES_PER_WEIGHT
    check_memory(len(cover) * (cover.n + 1) * (8.0 + BITSLICE_BYTES_PER_WEIGHT),
                 f"a wide network of {len(cover)} hidden units over {cover.n} inputs (built and verified)")
    care, value = cover.literal_arrays()
    if dual:
        # Each cube of the complement c becomes the clause NOT c (De Morgan).
        W1, b1 = or_units(care, ~value)
        W2, b2 = and_of(cover.outputs)
    else:
        W1, b1 = and_units(care, value)
        W2, b2 = or_of(cover.outputs)
    if len(cover) == 0:
        # No terms at all: every output is constant; keep one idle hidden unit so the
        # network has its usual shape (0 for an empty OR, 1 for an empty AND).
        W1, b1 = np.zeros((1, cover.n), np.int64), np.full(1, -1, np.int64)
        W2 = np.zeros((cover.m, 1), np.int64)
        b2 = np.full(cover.m, 0 if dual else -1, np.int64)
    return Network(cover.n, [Layer(W1, b1, "step"), Layer(W2, b2, "step")], encoding="01",
                   meta={"input_names": list(cover.input_names),
                         "output_names": list(cover.output_names),
                         # 'pos' is the --arch choice that builds this form: a label people can pass
                         "arch": "pos" if dual else "wide"})


def wide(f: BooleanFunction, minimize: str = "auto", dual: bool | None = False) -> Network:
    """The wide network of ``f``: from its canonical DNF (``minimize='none'``) or a minimised cover.

    ``dual=True`` builds the product-of-sums form, ``dual=None`` whichever has fewer units.
    """
    if dual is None:
        a, b = wide(f, minimize, False), wide(f, minimize, True)
        return a if _size(a) <= _size(b) else b
    g = f.complement() if dual else f
    if minimize == "none":
        cover = canonical_cover(g)
    elif minimize in ("exact", "heuristic", "auto"):
        from ..twolevel import minimize as _minimize
        budget = ({"time_limit": AUTO_EXACT_SECONDS,
                   "heuristic_time_limit": AUTO_HEURISTIC_SECONDS} if minimize == "auto" else {})
        cover, _ = _minimize(g, method=minimize, **budget)
        cover = lower_outputs(cover, g)
    else:
        raise BoolnetError(f"minimize must be none, exact, heuristic or auto; got {minimize!r}")
    net = wide_from_cover(cover.with_names(f.input_names, f.output_names), dual=dual)
    net.meta["minimize"] = minimize
    return net


#: Largest (cubes of one output) x 2^n table that lower_outputs unpacks (64 MiB of bytes).
LOWER_OUTPUTS_CELLS = 1 << 26


def lower_outputs(cover: Cover, f: BooleanFunction) -> Cover:
    """Drop each output's cubes that its other cubes make redundant on its care rows.

    Every (cube, output) pair is an output weight of the wide network, and a cube left
    with no output is a hidden unit less. Two-level minimisers count cubes and literals,
    not these pairs, so a cover can feed a cube to outputs that do not need it.

    >>> from boolnet.cover import Cover
    >>> f = BooleanFunction.from_expr("a | b")
    >>> c = Cover.from_strings(["1-", "-1", "11"], 2)
    >>> len(lower_outputs(c, f))
    2
    """
    from .. import cubes
    from ..bits import unpack
    if len(cover) == 0:
        return cover
    n, rows = cover.n, 1 << cover.n
    outs = np.array(cover.outputs, bool)
    need = f.on_bits().astype(bool) & ~f.dc_bits().astype(bool)  # (m, rows)
    # Cubes with more literals go first: they are the costlier ones to keep.
    lits = cubes.literal_counts(cover.care)
    for j in range(cover.m):
        idx = np.flatnonzero(outs[:, j])
        if len(idx) < 2 or len(idx) * rows > LOWER_OUTPUTS_CELLS:
            continue
        cov = unpack(cubes.cube_words(cover.care[idx], cover.value[idx], n), rows)
        cov = cov.astype(bool)[:, need[j]]
        count = cov.sum(axis=0)
        for k in np.argsort(-lits[idx], kind="stable"):
            if (count[cov[k]] >= 2).all():
                count -= cov[k]
                outs[idx[k], j] = False
    keep = outs.any(axis=1)
    return Cover(n, cover.care[keep], cover.value[keep], outs[keep], cover.m,
                 cover.input_names, cover.output_names)


def _size(net: Network) -> tuple[int, int]:
    return (sum(layer.n_out for layer in net.layers),
            sum(int(np.count_nonzero(layer.W)) for layer in net.layers))
