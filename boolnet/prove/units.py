"""A threshold network as exact integer step units over 0/1 signals, whatever its encoding.

Every prover reads the network through :func:`step_units`. A signal s of the network is
read as ``a * t + c`` with t in {0, 1}: network inputs are 0/1 (``a, c = 1, 0``) or, in
the ``pm1`` encoding, -1/+1 (``2, -1``); a step unit gives 0/1 and a sign unit -1/+1
(sign(0) = +1). A unit [g (w . x + b) >= 0] with gain g > 0 over such signals is then

    [sum_i (w_i a_i) t_i  >=  -(b + sum_i w_i c_i)],

integer weights over 0/1 variables; a negative gain flips the inequality's sense
(-(w . x + b) >= 0), and a zero gain makes the unit the constant 1. Integers stay exact
(Python ints where NumPy's int64 could overflow).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import BoolnetError
from ..nn import Network

__all__ = ["StepUnit", "step_units", "integer_weights"]


@dataclass(frozen=True)
class StepUnit:
    """One unit [sum(weights[i] * t[inputs[i]]) >= threshold] over 0/1 signals.

    ``inputs`` index the flat signal list: 0 .. n-1 are the network inputs, n + k is the
    k-th unit in layer order. Zero weights are left out.
    """

    inputs: tuple[int, ...]
    weights: tuple[int, ...]
    threshold: int

    def __call__(self, values) -> int:
        """The unit's 0/1 output for a sequence of 0/1 signal values."""
        return int(sum(w * values[i] for i, w in zip(self.inputs, self.weights)) >= self.threshold)

    def __repr__(self) -> str:
        terms = " ".join(f"{'+' if w > 0 else '-'} {abs(w)}*s{i}" for i, w in
                         zip(self.inputs, self.weights)) or "0"
        return f"[{terms.lstrip('+ ')} >= {self.threshold}]"


def integer_weights(a: np.ndarray, where: str) -> list:
    """Exact Python ints of an integer array, or of a float array that holds integers only."""
    if np.issubdtype(a.dtype, np.integer) or a.dtype == bool:
        return a.astype(object).tolist()
    if np.issubdtype(a.dtype, np.floating) and np.all(np.isfinite(a)) and np.all(a == np.round(a)):
        return [int(v) for v in a.ravel()] if a.ndim == 1 else [[int(v) for v in r] for r in a]
    raise BoolnetError(f"{where}: a proof needs integer weights (harden the network first)")


def step_units(net: Network) -> tuple[list[StepUnit], list[int]]:
    """The network's units as StepUnits over 0/1 signals, and the signal index of each output.

    Raises BoolnetError for non-threshold units or non-integer weights.
    """
    if not net.is_threshold:
        raise BoolnetError("only threshold (step/sign) networks can be proven; harden it first")
    n = net.n_inputs
    pm1 = net.encoding == "pm1"
    # Per signal block: (first flat index, width, a, c) with value = a * t + c.
    blocks = [(0, n, 2 if pm1 else 1, -1 if pm1 else 0)]
    units: list[StepUnit] = []
    for li, layer in enumerate(net.layers):
        W = integer_weights(np.atleast_2d(layer.W), f"layer {li}")
        b = integer_weights(layer.b, f"layer {li} bias")
        cols = []  # (flat index, a, c) of each column of W
        for s in layer.sources:
            first, width, a, c = blocks[s]
            cols += [(first + k, a, c) for k in range(width)]
        flip = layer.gain < 0
        start = n + len(units)
        for r in range(layer.n_out):
            if layer.gain == 0:
                units.append(StepUnit((), (), 0))  # 0 >= 0: always 1
                continue
            acc: dict[int, int] = {}
            const = b[r]
            for (idx, a, c), w in zip(cols, W[r]):
                if w:
                    acc[idx] = acc.get(idx, 0) + w * a
                    const += w * c
            if flip:
                acc = {i: -w for i, w in acc.items()}
                const = -const
            keep = sorted(i for i, w in acc.items() if w)
            units.append(StepUnit(tuple(keep), tuple(acc[i] for i in keep), -const))
        sign = layer.activation == "sign"
        blocks.append((start, layer.n_out, 2 if sign else 1, -1 if sign else 0))
    first, width, _, _ = blocks[-1]
    return units, list(range(first, first + width))
