"""Build threshold networks unit by unit, with skip connections, and pack them into layers.

A *ref* names one signal column: (signal, column), where signal 0 is the network input
and signal k is the output of layer k-1. A unit is a dict {ref: weight} and a bias.
Units added together form one layer, which reads exactly the signals its units use.
"""
from __future__ import annotations

import numpy as np

from ..nn import Layer, Network

__all__ = ["Builder", "Unit"]

Ref = tuple[int, int]
Unit = tuple[dict, int]


class Builder:
    """Collects layers of integer step units over ``n`` inputs."""

    def __init__(self, n: int):
        """Start with the n network inputs as signal 0."""
        self.n = n
        self.layers: list[Layer] = []
        self.depth = {0: 0}  # signal -> depth (layers of weights from the inputs)

    def input(self, i: int) -> Ref:
        """The ref of input i."""
        return (0, i)

    def width(self, signal: int) -> int:
        """Number of columns of a signal."""
        return self.n if signal == 0 else self.layers[signal - 1].n_out

    def ref_depth(self, ref: Ref) -> int:
        """Depth of the signal a ref belongs to."""
        return self.depth[ref[0]]

    def add_layer(self, units: list[Unit]) -> list[Ref]:
        """Add one layer of step units; return the refs of their outputs."""
        sources = sorted({sig for weights, _ in units for sig, _ in weights}) or [0]
        offset, col = {}, 0
        for s in sources:
            offset[s] = col
            col += self.width(s)
        W = np.zeros((len(units), col), np.int64)
        b = np.zeros(len(units), np.int64)
        for u, (weights, bias) in enumerate(units):
            for (sig, c), w in weights.items():
                W[u, offset[sig] + c] += w
            b[u] = bias
        self.layers.append(Layer(W, b, "step", sources=sources))
        sig = len(self.layers)
        self.depth[sig] = 1 + max(self.depth[s] for s in sources)
        return [(sig, k) for k in range(len(units))]

    def network(self, **meta) -> Network:
        """The finished network; its outputs are the last layer's units."""
        return Network(self.n, self.layers, encoding="01", meta=meta)


def negate(unit: Unit) -> Unit:
    """The unit that fires exactly when ``unit`` does not: [-z - 1 >= 0] for integer z."""
    weights, bias = unit
    return {r: -w for r, w in weights.items()}, -bias - 1
