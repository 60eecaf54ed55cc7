"""A second starting structure for mapping: the AIG of a reduced ordered BDD.

Many benchmark functions whose sums of products are large have small BDDs once the
variables are reordered (t481: 481 cubes, 21 BDD nodes). Each BDD node is a multiplexer
``x ? high : low``, three AND nodes in the AIG, which the threshold mapper covers with two
units ([2 (x & h) + l - x - 1 >= 0]) or one when a child is constant. The BDDs come from
CUDD through ``dd.cudd`` (with dynamic reordering by sifting); without it, or past
``max_nodes``, there is no BDD structure and ``aig_from_bdd`` returns None.
"""
from __future__ import annotations

import numpy as np

from .aig import Aig

__all__ = ["aig_from_bdd", "MAX_BDD_NODES"]

#: Past this many BDD nodes (while building or after reordering) the BDD route gives up:
#: its AIG would be larger than the cover's and building it costs time and memory.
MAX_BDD_NODES = 20_000


def aig_from_bdd(cover, max_nodes: int = MAX_BDD_NODES) -> Aig | None:
    """The AIG of the shared BDD of a cover's outputs (reordered by sifting), or None when too large."""
    try:
        from dd import cudd
    except ImportError:  # pragma: no cover - dd is an optional peer
        return None
    from ..cover import _unpack_inputs
    bdd = cudd.BDD()
    names = [f"v{i}" for i in range(cover.n)]
    if names:
        bdd.declare(*names)
    care = _unpack_inputs(cover.care, cover.n)
    value = _unpack_inputs(cover.value, cover.n)
    xs = [bdd.var(v) for v in names]
    cubes = []
    for k in range(len(cover)):
        u = bdd.true
        for i in np.flatnonzero(care[k]):
            u = u & (xs[i] if value[k, i] else ~xs[i])
        cubes.append(u)
    outs = []
    for j in range(cover.m):
        u = bdd.false
        for k in np.flatnonzero(cover.outputs[:, j]):
            u = u | cubes[k]
            if len(bdd) > 4 * max_nodes:
                return None
        outs.append(u)
    del cubes
    cudd.reorder(bdd)
    if outs and cudd.count_nodes(outs) > max_nodes:
        return None
    index = {v: i for i, v in enumerate(names)}
    g = Aig(cover.n)
    memo: dict = {}

    def lit(u) -> int:
        if u == bdd.true:
            return 1
        if u == bdd.false:
            return 0
        reg = ~u if u.negated else u
        r = memo.get(reg)
        if r is None:
            stack = [reg]
            while stack:  # iterative post-order: BDDs of many variables are deep
                w = stack[-1]
                kids = [c for c in (w.high, w.low) if not _const(bdd, c)
                        and (~c if c.negated else c) not in memo]
                if kids:
                    stack.extend(~c if c.negated else c for c in kids)
                    continue
                stack.pop()
                if w in memo:
                    continue
                x = g.pi(index[w.var])
                hi, lo = _lit_known(bdd, w.high, memo), _lit_known(bdd, w.low, memo)
                memo[w] = g.create_or(g.create_and(x, hi), g.create_and(x ^ 1, lo))
            r = memo[reg]
        return r ^ 1 if u.negated else r

    for u in outs:
        g.add_po(lit(u))
    return g.cleanup()


def _const(bdd, u) -> bool:
    return u == bdd.true or u == bdd.false


def _lit_known(bdd, u, memo) -> int:
    if u == bdd.true:
        return 1
    if u == bdd.false:
        return 0
    reg = ~u if u.negated else u
    return memo[reg] ^ (1 if u.negated else 0)
