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

import bisect
import sys
from dataclasses import dataclass

import numpy as np

from ..errors import BoolnetError
from ..nn import Network

__all__ = ["StepUnit", "step_units", "integer_weights", "interval_bdd"]


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
    return units, [blocks[sig][0] + c for sig, c in net.output_taps]


def interval_bdd(lits: list, a: list[int], K: int, true, false, ite):
    """The reduced ordered BDD of [sum a_i lits_i >= K], every a_i > 0 (sorted largest
    first for a small diagram), by the interval method of Abio, Nieuwenhuis, Oliveras,
    Rodriguez-Carbonell, Mayer-Eichberger, "A New Look at BDDs for Pseudo-Boolean
    Constraints", JAIR 45 (2012): the node "sum_{j>=i} a_j l_j >= k" is the same for every
    k in an interval, so it is built once per interval.

    The diagram's nodes are whatever the caller's ``ite(lits[i], f1, f0)`` returns (a CUDD
    node, a CNF literal, ...), the leaves ``true`` and ``false``; ``ite`` may raise to give
    up (a node limit). Both provers build their units here (:mod:`boolnet.prove.sat`,
    :mod:`boolnet.prove.bdd`).
    """
    n = len(a)
    suffix = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + a[i]
    los: list[list] = [[] for _ in range(n + 1)]  # per level: interval starts, sorted
    nodes: list[list] = [[] for _ in range(n + 1)]  # per level: (lo, hi, node)
    inf = float("inf")
    if n + 100 > sys.getrecursionlimit():
        sys.setrecursionlimit(n + 1000)

    def build(i: int, k: int):
        if k <= 0:
            return -inf, 0, true
        if k > suffix[i]:
            return suffix[i] + 1, inf, false
        p = bisect.bisect_right(los[i], k) - 1
        if p >= 0 and nodes[i][p][1] >= k:
            return nodes[i][p]
        lo0, hi0, f0 = build(i + 1, k)
        lo1, hi1, f1 = build(i + 1, k - a[i])
        lo, hi = max(lo0, lo1 + a[i]), min(hi0, hi1 + a[i])
        node = (lo, hi, ite(lits[i], f1, f0))
        q = bisect.bisect_left(los[i], lo)
        los[i].insert(q, lo)
        nodes[i].insert(q, node)
        return node

    try:
        return build(0, K)[2]
    finally:
        nodes.clear()  # build is a self-referencing closure: drop its nodes now, not at GC
