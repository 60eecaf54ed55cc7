"""Switch a threshold network between the 0/1 encoding (step units) and the +-1 encoding (sign units).

With x = (x' + 1) / 2 a step unit [W x + b >= 0] reads +-1 signals as
[W x' + (sum(W) + 2b) >= 0], and a sign unit's +-1 output is 2 step - 1, so every layer
keeps its weights and only the biases change. The way back doubles the weights:
[W x' + b >= 0] = [2 W x + (b - sum(W)) >= 0]. Both are exact in integers.
"""
from __future__ import annotations

import numpy as np

from ..errors import BoolnetError
from ..nn import Layer, Network

__all__ = ["to_pm1", "to_01"]


def finish_network(net: Network, arch: str, names: dict, encoding: str,
                   max_depth: int | None = None) -> Network:
    """The last steps of every compiler before verification: the network is refused when
    deeper than ``max_depth`` (passed for a form the caller chose; auto weighs depth
    itself), gets the input and output ``names`` and its form ``arch`` in its meta, and is
    switched to the ``pm1`` encoding when asked."""
    if max_depth is not None:
        from ..costs import cost
        depth = cost(net).depth
        if depth > max_depth:
            raise BoolnetError(f"the {arch} form has depth {depth}, more than "
                               f"max depth {max_depth}")
    net.meta.update(names)
    net.meta.setdefault("arch", arch)
    return to_pm1(net) if encoding == "pm1" else net


def to_pm1(net: Network) -> Network:
    """The same function with True=+1, False=-1 inputs and sign units (the lecture's XOR encoding)."""
    if net.encoding == "pm1":
        return net.copy()
    layers = []
    for layer in net.layers:  # only 0/1 signals change: sign units already read +-1
        bits = _columns(net, layer, pm1=False)
        W, b = _exact(layer.W), _exact(layer.b)
        new_b = W[:, bits].sum(axis=1) + 2 * b
        W[:, ~bits] *= 2  # (the whole sum doubled: a +-1 signal keeps its weight, twice)
        layers.append(Layer(_back(W, layer), _back(new_b, layer), "sign", list(layer.sources)))
    return Network(net.n_inputs, layers, encoding="pm1", meta=dict(net.meta), outputs=net.outputs)


def to_01(net: Network) -> Network:
    """The same function with 0/1 inputs and step units."""
    if net.encoding != "pm1":
        return net.copy()
    layers = []
    for layer in net.layers:  # only +-1 signals change: step units in a pm1 net read 0/1
        pm1 = _columns(net, layer, pm1=True)
        W, b = _exact(layer.W), _exact(layer.b)
        new_b = b - W[:, pm1].sum(axis=1)
        W[:, pm1] *= 2
        layers.append(Layer(_back(W, layer), _back(new_b, layer), "step", list(layer.sources)))
    return Network(net.n_inputs, layers, encoding="01", meta=dict(net.meta), outputs=net.outputs)


def _columns(net: Network, layer: Layer, pm1: bool) -> np.ndarray:
    """Which input columns of ``layer`` carry +-1 signals (pm1=True) or 0/1 signals (False)."""
    widths = net.widths
    flags = [(net.encoding == "pm1") if s == 0 else net.layers[s - 1].activation == "sign"
             for s in layer.sources]
    return np.concatenate([np.full(widths[s], f == pm1) for s, f in zip(layer.sources, flags)])


def _exact(a: np.ndarray) -> np.ndarray:
    """A copy to compute on: Python ints for integer arrays (no silent int64 wrap-around)."""
    return a.astype(object) if np.issubdtype(a.dtype, np.integer) else a.copy()


def _back(a: np.ndarray, layer: Layer) -> np.ndarray:
    if not layer.is_integer:
        return a
    if a.size and max(abs(int(v)) for v in a.ravel()) >= 2 ** 63:
        raise BoolnetError("changing the encoding doubles weights past int64; "
                           "this network can only be evaluated in its own encoding")
    return a.astype(np.int64)
