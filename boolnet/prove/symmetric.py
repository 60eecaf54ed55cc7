"""The symmetric argument: a proof of equivalence from N + 1 rows instead of 2^N.

Contract. Call a network *count-reading* when every unit that reads the network inputs
gives all of them one and the same weight (units that read only earlier units may weigh
those freely). Then, by induction over the layers, every unit's value depends only on
s = x1 + ... + xN: a first-layer unit sees w*s + b; a later unit sees w*s + b plus units
that are already functions of s. So the network computes some g(s), and if the function
f is symmetric too (f(x) = v(s) on its care rows), the two agree on all 2^N rows exactly
when they agree on the N + 1 rows 0...0, 10...0, 110...0, ..., 1...1. Checking those
rows is therefore a proof, not a sample.

``prove_symmetric(net, f)`` returns None when the argument does not apply (a unit reads
the inputs unequally, the network is not a threshold network, or f is not symmetric),
and otherwise a :class:`SymmetricProof`: ``ok`` (the argument then covers every row), or
the first count s where they differ, as a counterexample row. This module sits below
``boolnet.verification`` (which may call it), so it keeps its own small result type.

References: the argument is the one behind every symmetric construction (Minsky and
Papert, *Perceptrons*, 1969, ch. 1, the group-invariance theorem; Siu, Roychowdhury and
Kailath, *Discrete Neural Computation*, 1995, ch. 4).
"""
from __future__ import annotations

import time
from typing import Sequence

import numpy as np

from dataclasses import dataclass

from ..function import BooleanFunction
from ..nn import Network

__all__ = ["prove_symmetric", "prove_value_vector_bdd", "reads_count_only", "SymmetricProof"]


@dataclass
class SymmetricProof:
    """The outcome of the argument: ok, the N + 1 rows checked, a counterexample if any."""

    ok: bool
    rows_checked: int
    seconds: float
    counterexample: dict | None = None
    method: str = "symmetric"

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"ok": self.ok, "method": self.method, "rows_checked": self.rows_checked,
                "seconds": self.seconds, "counterexample": self.counterexample}


def reads_count_only(net: Network) -> bool:
    """True when every unit that reads the inputs weighs them all equally (reads only the count).

    >>> from boolnet.compiler.cascade import cascade_parity
    >>> reads_count_only(cascade_parity(5))
    True
    """
    if not net.is_threshold or net.encoding == "pm1":
        # In the +-1 encoding a sign unit's sum is still a function of s; but keep to the
        # 0/1 nets the compilers build, where the rows below are exactly the s-rows.
        return False
    n = net.n_inputs
    widths = net.widths
    for layer in net.layers:
        col = 0
        for s in layer.sources:
            if s == 0:
                block = layer.W[:, col:col + n]
                if n and not np.all(block == block[:, :1]):
                    return False
            col += widths[s]
    return True


def _vectors(f, n: int) -> list[list[int]] | None:
    """Value vectors (0, 1, -1 = don't care) per output, or None when f is not symmetric."""
    if isinstance(f, BooleanFunction):
        vs = [f.value_vector(j) for j in range(f.m)]
        return None if any(v is None for v in vs) else [list(v) for v in vs]
    vs = list(f)
    if vs and not isinstance(vs[0], (Sequence, np.ndarray)):
        vs = [vs]  # one output's vector
    out = [[int(x) for x in v] for v in vs]
    if any(len(v) != n + 1 for v in out):
        raise ValueError(f"a value vector of a {n}-input function has {n + 1} entries, "
                         f"got {[len(v) for v in out]}")
    return out


def prove_symmetric(net: Network, f) -> SymmetricProof | None:
    """Prove net == f from N + 1 rows when net reads only the count and f is symmetric; else None.

    Parameters
    ----------
    net : boolnet.nn.Network
        A 0/1 threshold network.
    f : BooleanFunction or sequence
        The function, or its value vector(s): v[s] is the output (0, 1, or -1 for don't
        care) on the rows with s ones; a list of such vectors for several outputs.

    Returns
    -------
    SymmetricProof or None
        None when the argument does not apply; otherwise the proof or its counterexample.

    Examples
    --------
    >>> from boolnet.compiler.cascade import cascade_parity
    >>> prove_symmetric(cascade_parity(40), [s % 2 for s in range(41)]).ok
    True
    """
    t0 = time.perf_counter()
    n = net.n_inputs
    if not reads_count_only(net):
        return None
    vectors = _vectors(f, n)
    if vectors is None:
        return None
    if len(vectors) != net.n_outputs:
        raise ValueError(f"the network has {net.n_outputs} outputs; the function has "
                         f"{len(vectors)}")
    # Row s: the first s inputs 1. Integer weights stay exact in the int64 forward pass.
    X = (np.arange(n)[None, :] < np.arange(n + 1)[:, None]).astype(np.int64)
    got = (net.forward(X) >= 1).astype(np.int64)
    want = np.array(vectors, np.int64).T  # (n + 1, m)
    bad = np.argwhere((want >= 0) & (got != want))
    rep = SymmetricProof(len(bad) == 0, n + 1, time.perf_counter() - t0)
    if len(bad):
        s, j = (int(x) for x in bad[0])
        rep.counterexample = {"row": (1 << n) - (1 << (n - s)), "inputs": "1" * s + "0" * (n - s),
                              "output": j, "expected": int(want[s, j]), "got": int(got[s, j])}
    return rep


def _vector_bdd(bld, net: Network, v: list[int]):
    """None when net == v on every care row, the differing row's bits, or a limit's reason.

    Every BDD lives in this frame only, so all are freed when it returns (CUDD wants them
    released before its manager).
    """
    from .bdd import _Limit
    b = bld.b
    try:
        got = bld.network(net)[0]
        # count[k]: exactly k of the inputs seen so far are 1 (a 64-input count: 2,080 nodes).
        count = [b.true]
        for x in bld.x:
            count = [b.ite(x, count[k - 1] if k else b.false,
                           count[k] if k < len(count) else b.false)
                     for k in range(len(count) + 1)]
            bld.tick()
    except _Limit as exc:
        return str(exc)
    on, care = b.false, b.false
    for k, value in enumerate(v):
        if value == 1:
            on |= count[k]
        if value >= 0:
            care |= count[k]
    diff = care & b.apply("xor", got, on)
    if diff == b.false:
        return None
    point = b.pick(diff)
    return [1 if point.get(name, False) else 0 for name in bld.names]


def prove_value_vector_bdd(net: Network, values, *, time_limit: float | None = None,
                           max_nodes: int | None = None) -> SymmetricProof | None:
    """Prove a one-output network equal to the symmetric function of ``values`` by BDDs.

    For networks the symmetric argument does not cover (units that read a subset of the
    inputs, as an XOR tree's do) at any N: the network's BDD (built unit by unit as
    :mod:`boolnet.prove.bdd` builds it) against the BDD of "the count of ones is in
    {s : v(s) = 1}", on the rows whose count is not a don't-care. Returns the proof
    (``method="bdd"``), a counterexample row, or None when a node or time limit stops it
    or ``dd.cudd`` is missing: a limit never gives a proof.

    >>> from boolnet.compiler.deep import xor_tree
    >>> prove_value_vector_bdd(xor_tree(40, 5), [s % 2 for s in range(41)]).ok
    True
    """
    import gc
    import warnings
    try:
        from .bdd import BDD_MAX_NODES, _Builder
    except ImportError:
        return None
    t0 = time.perf_counter()
    n = net.n_inputs
    (v,) = _vectors(values, n)
    if net.n_outputs != 1:
        raise ValueError(f"the network has {net.n_outputs} outputs; a value vector is one")
    bld = _Builder(n, time_limit, max_nodes or BDD_MAX_NODES)
    try:
        outcome = _vector_bdd(bld, net, v)
    finally:
        bld.x = []
        gc.collect()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            del bld
    if isinstance(outcome, str):
        return None
    rep = SymmetricProof(outcome is None, 0, time.perf_counter() - t0, method="bdd")
    if outcome is not None:
        s = sum(outcome)
        got = int(net.forward(np.array([outcome], np.int64))[0, 0] >= 1)
        rep.counterexample = {"row": int("".join(map(str, outcome)), 2),
                              "inputs": "".join(map(str, outcome)), "output": 0,
                              "expected": int(v[s]), "got": got}
    return rep
