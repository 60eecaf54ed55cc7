"""k-feasible cuts of an AIG with their truth tables (priority cuts).

A cut of node v is a set of nodes (leaves) such that every path from an input to v passes
through a leaf; its function is v's value as a function of the leaves. Cuts are built
bottom-up: the cuts of an AND node are the unions of one cut of each fanin with at most k
leaves, plus the trivial cut {v}. Only ``cut_limit`` cuts are kept per node (the *priority
cuts* of Mishchenko et al., "Combinational and sequential mapping with priority cuts",
ICCAD 2007), chosen by a caller-supplied rank so that the mapper keeps what it may use.

Truth tables are integers (bit r = value when leaf i is ``(r >> i) & 1``), leaves sorted.

>>> from boolnet.synth.aig import Aig
>>> g = Aig(3)
>>> v = g.create_and(g.create_and(g.pi(0), g.pi(1)), g.pi(2))
>>> sorted(leaves for leaves, _ in enumerate_cuts(g, 3)[v >> 1])
[(1, 2, 3), (3, 4), (5,)]
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

__all__ = ["enumerate_cuts", "node_cuts", "expand", "Cut"]

Cut = tuple[tuple[int, ...], int]  # (sorted leaves, truth table)


@lru_cache(maxsize=None)
def _spread_masks(m: int, p: int) -> tuple[tuple[int, int], ...]:
    """(shift, mask) steps that move block j of 2^p bits to block 2j in a 2^m-bit table."""
    B, nb = 1 << p, 1 << (m - p)
    total = 2 * nb * B
    steps = []
    s = (nb // 2) * B
    while s >= B:
        pattern = (1 << s) - 1
        mask = 0
        for start in range(0, total, 2 * s):
            mask |= pattern << start
        steps.append((s, mask))
        s //= 2
    return tuple(steps)


def insert_var(t: int, m: int, p: int) -> int:
    """Table t of m leaves re-expressed with a new, ignored leaf at position p (m + 1 leaves)."""
    x = t
    for s, mask in _spread_masks(m, p):
        x = (x | (x << s)) & mask
    return x | (x << (1 << p))


@lru_cache(maxsize=1 << 18)
def expand(t: int, leaves: tuple[int, ...], into: tuple[int, ...]) -> int:
    """Table ``t`` over ``leaves`` re-expressed over the superset ``into`` (both sorted)."""
    if leaves == into:
        return t
    have = set(leaves)
    m = len(leaves)
    for p, x in enumerate(into):  # ascending: every leaf before p is in place already
        if x not in have:
            t = insert_var(t, m, p)
            m += 1
    return t


def node_cuts(g, v: int, cuts: list[list[Cut]], k: int, dominated: bool = False) -> list[Cut]:
    """The non-dominated cuts of AND node v with at most k leaves, from its fanins' cuts (fewest leaves first).

    ``dominated=True`` keeps a cut that contains another: for a LUT the smaller cut is as
    good, but a threshold unit may need the extra leaf (a full adder's sum over {a, b, c}
    is no threshold function; over {a, b, c, carry} it is one unit).
    """
    a, b = g.fanin0[v], g.fanin1[v]
    seen: dict[tuple[int, ...], int] = {}
    for la, ta in cuts[a >> 1]:
        for lb, tb in cuts[b >> 1]:
            leaves = tuple(sorted(set(la) | set(lb)))
            if len(leaves) > k or leaves in seen:
                continue
            mask = (1 << (1 << len(leaves))) - 1
            xa = expand(ta, la, leaves) ^ (mask if a & 1 else 0)
            xb = expand(tb, lb, leaves) ^ (mask if b & 1 else 0)
            seen[leaves] = xa & xb
    cand = sorted(seen.items(), key=lambda c: len(c[0]))
    if dominated:
        return cand
    # A cut whose leaves contain another cut's leaves adds nothing (dominated).
    kept: list[Cut] = []
    sets: list[set[int]] = []
    for c in cand:
        s = set(c[0])
        if not any(d <= s for d in sets):
            kept.append(c)
            sets.append(s)
    return kept


def enumerate_cuts(g, k: int, cut_limit: int = 10,
                   rank: Callable[[int, Cut], tuple] | None = None) -> list[list[Cut]]:
    """Cuts of every node with at most k leaves; at most ``cut_limit`` non-trivial cuts per node.

    ``rank(node, cut)`` orders the candidates (smaller first); by default fewer leaves first.
    Every node's list ends with its trivial cut ((node,), 0b10).
    """
    cuts: list[list[Cut]] = [[] for _ in range(g.size)]
    for v in range(1, g.n + 1):
        cuts[v] = [((v,), 0b10)]
    for v in range(g.n + 1, g.size):
        kept = node_cuts(g, v, cuts, k)
        if rank is not None:
            kept.sort(key=lambda c: rank(v, c))
        cuts[v] = kept[:cut_limit] + [((v,), 0b10)]
    return cuts
