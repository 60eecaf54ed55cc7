"""Irredundant sums of products straight from truth tables (Minato-Morreale ISOP).

A cheap, compact cover of a table with don't-cares, used as the heuristic's starting
ON, OFF and DC covers when the greedy cover of all primes would cost too much memory or
time (the 3^n prime array and the covering matrix grow far faster than the table: the
complement of pdc has 625,524 primes with 4.9e9 (prime, output, row) entries).

A table is a Python int whose bit r is row r (rows numbered with the first input most
significant, as in :class:`boolnet.BooleanFunction`). ISOP(L, U) returns cubes c with
L <= OR(c) <= U: split on the first input x, cover what only x' can cover, what only x
can cover, then what is left with cubes free of x (Minato 1992; Morreale 1970). Identical
sub-problems are solved once. The result is irredundant; EXPAND makes it prime.

>>> care, value, out = isop_cover(3, [0b10001010], [0b01000000])
>>> sorted(__import__("boolnet").cubes.to_strings(care, value, 3))
['-11', '0-1']
"""
from __future__ import annotations

import numpy as np

__all__ = ["isop", "isop_cover", "table_ints"]


def table_ints(words: np.ndarray) -> list[int]:
    """Packed (m, words) uint64 rows of a table to one Python int per output (bit r = row r)."""
    w = np.ascontiguousarray(np.asarray(words, dtype="<u8"))
    return [int.from_bytes(row.tobytes(), "little") for row in w]


def isop(lower: int, upper: int, n: int, memo: dict | None = None) -> tuple[list, int]:
    """Cubes (care, value) as ints (bit i = input i) covering ``lower`` inside ``upper``; and their table."""
    if lower & ~upper:
        raise ValueError("ISOP needs lower <= upper")
    memo = {} if memo is None else memo
    return _isop(lower, upper, n, n, memo)


def _isop(L: int, U: int, k: int, n: int, memo: dict) -> tuple[list, int]:
    if L == 0:
        return [], 0
    full = (1 << (1 << k)) - 1
    if U == full:
        return [(0, 0)], full
    key = (L, U, k)
    got = memo.get(key)
    if got is not None:
        return got
    h = 1 << (k - 1)
    mh = (1 << h) - 1
    L0, L1, U0, U1 = L & mh, L >> h, U & mh, U >> h
    if L0 == L1 and U0 == U1:  # independent of this input: no literal on it
        cs, f = _isop(L0, U0, k - 1, n, memo)
        res = (cs, f | (f << h))
    else:
        bit = 1 << (n - k)
        c0, f0 = _isop(L0 & ~U1, U0, k - 1, n, memo)
        c1, f1 = _isop(L1 & ~U0, U1, k - 1, n, memo)
        c2, f2 = _isop((L0 & ~f0) | (L1 & ~f1), U0 & U1, k - 1, n, memo)
        cs = [(c | bit, v) for c, v in c0] + [(c | bit, v | bit) for c, v in c1] + c2
        res = (cs, (f0 | f2) | ((f1 | f2) << h))
    memo[key] = res
    return res


def isop_cover(n: int, lower: list[int], upper: list[int]):
    """A multi-output cover: per output ISOP(lower, lower | upper), equal cubes merged.

    ``upper`` is what each output may also cover (its don't-cares). Returns
    ``(care, value, outputs)``: (k, W) uint64 masks and a boolean (k, m) output part.
    """
    m = len(lower)
    at: dict[tuple[int, int], int] = {}
    cubes, outs = [], []
    memo: dict = {}
    for j in range(m):
        cs, _ = isop(lower[j], lower[j] | upper[j], n, memo)
        for c in cs:
            i = at.get(c)
            if i is None:
                at[c] = i = len(cubes)
                cubes.append(c)
                outs.append(np.zeros(m, bool))
            outs[i][j] = True
    w = max(1, (n + 63) // 64)
    care = np.zeros((len(cubes), w), np.uint64)
    value = np.zeros((len(cubes), w), np.uint64)
    for i, (c, v) in enumerate(cubes):
        for d in range(w):
            care[i, d] = (c >> (64 * d)) & 0xFFFFFFFFFFFFFFFF
            value[i, d] = (v >> (64 * d)) & 0xFFFFFFFFFFFFFFFF
    out = np.array(outs, bool).reshape(len(cubes), m)
    return care, value, out
