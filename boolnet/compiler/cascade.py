"""Cascade (fully connected cascade) networks for parity: about log2(N+1) units.

Every unit sees all inputs and every earlier unit (Wilamowski, Hunter and Malinowski,
"Solving parity-N problems with feedforward neural networks", IJCNN 2003). With
s = the number of ones, unit 1 computes the top bit of s, [s >= 2^(k-1)]; each next
unit subtracts what the earlier units account for and computes the next bit; the last
unit computes the lowest bit, which is the parity. N-input parity takes
k = floor(log2 N) + 1 units: k - 1 hidden units and the output.
"""
from __future__ import annotations

import numpy as np

from ..errors import BoolnetError, NotApplicable
from ..function import BooleanFunction
from ..nn import Layer, Network

__all__ = ["cascade", "cascade_parity"]


def cascade_parity(n: int, invert: bool = False) -> Network:
    """The cascade network of n-input parity (or its complement with ``invert``)."""
    if n < 1:
        raise BoolnetError("parity needs at least one input")
    k = n.bit_length()  # bits of s, which runs 0..n
    layers = []
    for j in range(k):
        bit = k - 1 - j
        # Inputs weigh 1, earlier unit i (bit k-1-i) weighs -2^(k-1-i): the remainder
        # of s after the higher bits; this unit fires when that remainder >= 2^bit.
        w_in = np.ones(n, np.int64)
        w_prev = np.array([-(1 << (k - 1 - i)) for i in range(j)], np.int64)
        W = np.concatenate([w_in, w_prev])[None, :]
        b = np.array([-(1 << bit)], np.int64)
        if invert and j == k - 1:
            W, b = -W, -b - 1  # NOT [z >= 0]  is  [-z - 1 >= 0] for integers
        layers.append(Layer(W, b, "step", sources=list(range(j + 1))))
    return Network(n, layers, encoding="01", meta={"arch": "cascade"})


def cascade(f: BooleanFunction) -> Network:
    """The cascade network of a single-output parity function or its complement (on care rows)."""
    if f.m != 1:
        raise NotApplicable("the cascade form is built for one output")
    v = f.value_vector(0)
    if v is None:
        raise NotApplicable("the cascade form needs a symmetric function (parity or its complement)")
    for start in (0, 1):
        want = [(start + s) % 2 for s in range(f.n + 1)]
        if all(x < 0 or x == y for x, y in zip(v, want)):
            net = cascade_parity(f.n, invert=bool(start))
            net.meta.update(input_names=list(f.input_names), output_names=list(f.output_names))
            return net
    raise NotApplicable("the cascade form is built for parity and its complement; "
                       "use the symmetric form for other symmetric functions")
