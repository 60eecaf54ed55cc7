"""Equivalence by BDDs (CUDD through ``dd.cudd``): canonical forms of the network and the function.

Every unit becomes the BDD of its inequality over the BDDs of the signals it reads
(the interval construction of :func:`boolnet.prove.units.interval_bdd`, node by node
with ``ite``), every cube an AND of variables, every cover an OR of cubes; then per
output the BDD of care AND (network XOR expected) must be the constant false. A
satisfying path of it is a counterexample. BDDs are canonical, so the comparison itself
is free; the cost is the size of the diagrams, which CUDD's dynamic reordering (sifting)
keeps down where it can.
A node limit or a time limit gives "not proven".

Variables keep the input order x1..xn to start with; reordering may change it.
"""
from __future__ import annotations

import gc
import time
import warnings

from ..cover import Cover, CubeFunction
from ..errors import BoolnetError
from ..function import BooleanFunction
from ..nn import Network
from .result import ProofResult, counterexample
from .units import interval_bdd, step_units

__all__ = ["prove_bdd", "BDD_MAX_NODES"]

#: Live BDD nodes before the prover gives up (CUDD takes about 40 bytes a node).
BDD_MAX_NODES = 20_000_000


class _Limit(Exception):
    """The node or time limit was reached."""


class _Builder:
    def __init__(self, n: int, time_limit: float | None, max_nodes: int):
        from dd.cudd import BDD
        self.b = BDD()
        self.names = [f"x{i + 1}" for i in range(n)]
        self.b.declare(*self.names)
        self.b.configure(reordering=True)
        self.x = [self.b.var(v) for v in self.names]
        self.t0 = time.perf_counter()
        self.time_limit = time_limit
        self.max_nodes = max_nodes

    def tick(self) -> None:
        if len(self.b) > self.max_nodes:
            raise _Limit(f"BDD: more than {self.max_nodes} nodes")
        if self.time_limit is not None and time.perf_counter() - self.t0 > self.time_limit:
            raise _Limit(f"BDD: time limit {self.time_limit:g} s reached")

    def threshold(self, sig: list, weights, bound: int):
        """The BDD of [sum w_i sig_i >= bound] (negative weights: w s = w + |w| not s)."""
        b = self.b
        lits, a, K = [], [], bound
        for s, w in zip(sig, weights):
            if w > 0:
                lits.append(s)
                a.append(w)
            elif w < 0:
                lits.append(~s)
                a.append(-w)
                K -= w
        order = sorted(range(len(a)), key=lambda i: -a[i])
        return interval_bdd([lits[i] for i in order], [a[i] for i in order], K,
                            b.true, b.false, b.ite)

    def network(self, net: Network) -> list:
        units, out_index = step_units(net)
        sig = list(self.x)
        for u in units:
            sig.append(self.threshold([sig[i] for i in u.inputs], u.weights, u.threshold))
            self.tick()
        return [sig[i] for i in out_index]

    def cover(self, c: Cover) -> list:
        b = self.b
        care, value = c.literal_arrays()
        cubes = []
        for r in range(len(c)):
            cube = b.true
            for i in care[r].nonzero()[0]:
                cube &= self.x[i] if value[r, i] else ~self.x[i]
            cubes.append(cube)
        outs = []
        for j in range(c.m):
            u = b.false
            for r in c.outputs[:, j].nonzero()[0]:
                u |= cubes[r]
            outs.append(u)
            self.tick()
        return outs

    def source(self, f) -> tuple[list, list]:
        if isinstance(f, BooleanFunction):
            on = Cover.from_function(f)
            dc = Cover.from_function(BooleanFunction(f.n, f.dc_words, None))
            return self.cover(on), [~d for d in self.cover(dc)]
        if not isinstance(f, CubeFunction):
            raise BoolnetError(f"cannot prove against a {type(f).__name__}; give a "
                               f"BooleanFunction or a CubeFunction")
        on = self.cover(f.on)
        care = [~d for d in self.cover(f.dc)]
        if f.off is not None:
            off = self.cover(f.off)
            if f.pla_type in ("r", "dr"):
                on = [a | ~o for a, o in zip(on, off)]
            else:
                care = [c & (a | o) for c, a, o in zip(care, on, off)]
        return on, care


def _compare(bld: _Builder, net: Network, f):
    """None when equal, (output, bits) of a differing care row, or the reason a limit stopped it.

    Every BDD function lives in this frame only, so all are freed when it returns.
    """
    try:
        got = bld.network(net)
        expected, care = bld.source(f)
    except _Limit as exc:
        return str(exc)
    for j, (g, e, c) in enumerate(zip(got, expected, care)):
        diff = c & bld.b.apply("xor", g, e)
        if diff != bld.b.false:
            point = bld.b.pick(diff)
            return j, [1 if point.get(v, False) else 0 for v in bld.names]
    return None


def prove_bdd(net: Network, f, *, time_limit: float | None = None,
              max_nodes: int = BDD_MAX_NODES) -> ProofResult:
    """Prove a threshold network equal to ``f`` on its care set with BDDs, or refute it.

    Returns status "bdd" (proven), "counterexample" (a concrete care row) or "not proven"
    (node or time limit; ``reason`` says which). Dense functions enter as minterm covers,
    so give a CubeFunction for many inputs.

    >>> from boolnet.nn import Layer, Network
    >>> from boolnet.cover import Cover, CubeFunction
    >>> f = CubeFunction(Cover.from_strings(["11-", "1-1"]))
    >>> prove_bdd(Network(3, [Layer([[2, 1, 1]], [-3])]), f).status
    'bdd'
    """
    t0 = time.perf_counter()
    if (net.n_inputs, net.n_outputs) != (f.n, f.m):
        raise BoolnetError(f"the network has {net.n_inputs} inputs and {net.n_outputs} outputs; "
                           f"the function has {f.n} and {f.m}")
    bld = _Builder(f.n, time_limit, max_nodes)
    try:
        outcome = _compare(bld, net, f)
    finally:
        with warnings.catch_warnings():  # dd warns that the 'mem' key changed units
            warnings.simplefilter("ignore")
            nodes = int(bld.b.statistics()["peak_live_nodes"])
        bld.x = []  # CUDD wants every function released before its manager
        gc.collect()
        del bld
    stats = {"peak_nodes": nodes}
    if isinstance(outcome, str):
        return ProofResult("not proven", None, time.perf_counter() - t0, outcome, stats=stats,
                           method="bdd")
    if outcome is not None:
        j, bits = outcome
        cex = counterexample(net, f, bits)
        if cex is None:
            raise AssertionError(f"BDD: the path at output {f.output_names[j]} is not a "
                                 f"counterexample (an encoding bug)")
        return ProofResult("counterexample", cex, time.perf_counter() - t0,
                           f"BDD: the network differs at output {cex['output']}",
                           stats=stats, method="bdd")
    return ProofResult("bdd", None, time.perf_counter() - t0,
                       f"BDDs equal on the care set for all {f.m} outputs", stats=stats,
                       method="bdd")
