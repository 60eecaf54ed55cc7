"""Symmetric functions in depth 2: one hidden unit "at least t ones" per change of the value vector.

A symmetric function depends only on s, the number of inputs that are 1. If its value
vector changes at s = t1 < t2 < ... the hidden units h_j = [s >= t_j] and the output
``v(0) + sum(+-h_j)`` (plus where the value rises, minus where it falls) compute it.
N-input parity changes at every s, so it takes N hidden units instead of 2^(N-1).
"""
from __future__ import annotations

import numpy as np

from ..errors import NotApplicable
from ..function import BooleanFunction
from ..nn import Layer, Network

__all__ = ["fill_value_vector", "transitions", "symmetric"]


def fill_value_vector(v) -> list[int]:
    """Fill don't-care entries (-1) so that the vector changes value as few times as possible."""
    v = list(v)
    known = [x for x in v if x >= 0]
    last = known[0] if known else 0
    out = []
    for x in v:
        # A run of don't-cares takes the value before it: between equal neighbours that
        # adds no change, between different ones exactly the one change that must be.
        last = x if x >= 0 else last
        out.append(last)
    return out


def transitions(v) -> list[tuple[int, int]]:
    """The (t, +1 or -1) places where a filled value vector rises or falls."""
    return [(t, 1 if v[t] > v[t - 1] else -1) for t in range(1, len(v)) if v[t] != v[t - 1]]


def symmetric(f: BooleanFunction) -> Network:
    """The depth-2 network of a symmetric function (every output), hidden units shared between outputs."""
    vectors = [f.value_vector(j) for j in range(f.m)]
    if any(v is None for v in vectors):
        bad = [f.output_names[j] for j, v in enumerate(vectors) if v is None]
        raise NotApplicable(f"output {', '.join(bad)} is not symmetric: its value depends on "
                           f"which inputs are 1, not only on how many")
    filled = [fill_value_vector(v) for v in vectors]
    steps = [transitions(v) for v in filled]
    ts = sorted({t for st in steps for t, _ in st}) or [f.n + 1]  # an idle unit for constants
    n = f.n
    W1 = np.ones((len(ts), n), np.int64)
    b1 = -np.array(ts, np.int64)
    W2 = np.zeros((f.m, len(ts)), np.int64)
    b2 = np.zeros(f.m, np.int64)
    for j, (v, st) in enumerate(zip(filled, steps)):
        for t, d in st:
            W2[j, ts.index(t)] = d
        # v(0) + the running sum of changes is the value (0 or 1); fire when it is 1.
        b2[j] = v[0] - 1
    return Network(n, [Layer(W1, b1, "step"), Layer(W2, b2, "step")], encoding="01",
                   meta={"input_names": list(f.input_names), "output_names": list(f.output_names),
                         "arch": "symmetric", "value_vectors": [list(v) for v in filled]})
