"""The exhaustive check: every one of the 2^n rows through the network core's exact evaluator.

Up to ``EXHAUSTIVE_MAX`` inputs the packed outputs of :func:`boolnet.nn.exact.evaluate_all`
(bit-sliced for integer weights) are compared with the function's ON set on every care
row: a complete check, hence a proof.
"""
from __future__ import annotations

import time

import numpy as np

from ..errors import BoolnetError
from ..function import BooleanFunction
from ..nn import Layer, Network
from ..nn.exact import evaluate_all
from .result import ProofResult, counterexample

__all__ = ["prove_exhaustive", "EXHAUSTIVE_MAX"]

#: Largest number of inputs checked on every row (2^24 rows: a second or two bit-sliced).
EXHAUSTIVE_MAX = 24


def _as_01(net: Network) -> Network:
    """An integer network as 0/1 step units with gain 1 (what the bit-sliced path reads).

    Each signal is read as a * t + c with t in {0, 1} (see :mod:`boolnet.prove.units`):
    pm1 inputs and sign units give 2t - 1, 0/1 inputs and step units give t, whatever
    the network's encoding, so W' = W * a and b' = b + W c per column. A negative gain
    flips the inequality; a zero gain makes the unit always 1.
    """
    pm1 = net.encoding == "pm1"
    if not pm1 and all(layer.activation == "step" and layer.gain > 0 for layer in net.layers):
        return net
    if not net.is_integer:
        # In floats b + W c rounds (a sum of ~-2e-18 read as >= 0): the dense path runs the
        # network's own forward pass, +-1 signals and all, so it needs no rewrite.
        return net
    widths = net.widths
    blocks = [(2, -1) if pm1 else (1, 0)]  # (a, c) per signal
    layers = []
    for layer in net.layers:
        a = np.concatenate([np.full(widths[s], blocks[s][0], np.int64) for s in layer.sources])
        c = np.concatenate([np.full(widths[s], blocks[s][1], np.int64) for s in layer.sources])
        W = layer.W * a
        b = layer.b + layer.W @ c
        if layer.gain < 0:
            W, b = -W, -b
        elif layer.gain == 0:
            W, b = np.zeros_like(W), np.zeros_like(b)
        layers.append(Layer(W, b, "step", list(layer.sources)))
        blocks.append((2, -1) if layer.activation == "sign" else (1, 0))
    return Network(net.n_inputs, layers, encoding="01", meta=dict(net.meta), outputs=net.outputs)


def prove_exhaustive(net: Network, f, *, limit: int = EXHAUSTIVE_MAX) -> ProofResult:
    """Compare the network with ``f`` on every care row: status "exhaustive" or "counterexample".

    >>> from boolnet import families
    >>> from boolnet.nn import Layer, Network
    >>> prove_exhaustive(Network(3, [Layer([[1, 1, 1]], [-2])]), families.majority(3)).status
    'exhaustive'
    """
    n = f.n
    if n > limit:
        raise BoolnetError(f"an exhaustive check of {n} inputs is above the limit of {limit}")
    t0 = time.perf_counter()
    g = f if isinstance(f, BooleanFunction) else f.to_function(limit=max(n, limit))
    packed, info = evaluate_all(_as_01(net))
    got = BooleanFunction(n, packed, None, g.input_names, g.output_names)
    bad = g.mismatch(got)
    # Care (output, row) pairs, counted in packed words: a dense bool copy of 2^24 rows per
    # output would take gigabytes on wide multi-output files.
    rows = g.m * g.rows - int(np.bitwise_count(g.dc_words).sum())
    stats = {"path": info["path"]}
    if bad is None:
        return ProofResult("exhaustive", None, time.perf_counter() - t0,
                           f"every care row checked ({info['path']})", rows, stats, "exhaustive")
    row, _ = bad
    bits = [(row >> (n - 1 - i)) & 1 for i in range(n)]
    cex = counterexample(net, f, bits)
    if cex is None:  # the exact evaluator and the forward pass disagree: say so, never hide it
        raise AssertionError(f"evaluate_all ({info['path']}) and the forward pass disagree at "
                             f"row {row}")
    return ProofResult("counterexample", cex, time.perf_counter() - t0,
                       f"the network differs at output {cex['output']}", rows, stats, "exhaustive")
