"""Switch a threshold network between the 0/1 encoding (step units) and the +-1 encoding (sign units).

With x = (x' + 1) / 2 a step unit [W x + b >= 0] reads +-1 signals as
[W x' + (sum(W) + 2b) >= 0], and a sign unit's +-1 output is 2 step - 1, so every layer
keeps its weights and only the biases change. The way back doubles the weights:
[W x' + b >= 0] = [2 W x + (b - sum(W)) >= 0]. Both are exact in integers.
"""
from __future__ import annotations

from ..nn import Layer, Network

__all__ = ["to_pm1", "to_01"]


def to_pm1(net: Network) -> Network:
    """The same function with True=+1, False=-1 inputs and sign units (the lecture's XOR encoding)."""
    if net.encoding == "pm1":
        return net.copy()
    layers = [Layer(layer.W.copy(), layer.W.sum(axis=1) + 2 * layer.b, "sign", list(layer.sources))
              for layer in net.layers]
    return Network(net.n_inputs, layers, encoding="pm1", meta=dict(net.meta))


def to_01(net: Network) -> Network:
    """The same function with 0/1 inputs and step units."""
    if net.encoding != "pm1":
        return net.copy()
    layers = [Layer(2 * layer.W, layer.b - layer.W.sum(axis=1), "step", list(layer.sources))
              for layer in net.layers]
    return Network(net.n_inputs, layers, encoding="01", meta=dict(net.meta))
