"""An independent brute-force minimum: the fewest implicant cubes covering ON inside ON | DC.

Written without boolnet's minimiser: every cube of the 3^n is tried, and a breadth-first
search over sets of covered ON rows finds the smallest number of cubes.
"""
from __future__ import annotations

import itertools

import numpy as np


def all_cubes(n):
    """Every cube as (frozenset of rows it covers, number of literals); rows MSB-first."""
    out = []
    for digits in itertools.product((0, 1, 2), repeat=n):
        rows = [r for r in range(1 << n)
                if all(d == 2 or ((r >> (n - 1 - i)) & 1) == d for i, d in enumerate(digits))]
        out.append((frozenset(rows), sum(d != 2 for d in digits)))
    return out


_CACHE = {}


def min_terms(n, on, dc=()):
    """Smallest number of implicants of ON | DC that together cover every ON row."""
    on, dc = set(on), set(dc)
    if not on:
        return 0
    if n not in _CACHE:
        _CACHE[n] = all_cubes(n)
    allowed = on | dc
    on_list = sorted(on)
    bit = {r: 1 << k for k, r in enumerate(on_list)}
    masks = set()
    for rows, _ in _CACHE[n]:
        if rows <= allowed:
            m = sum(bit[r] for r in rows if r in on)
            if m:
                masks.add(m)
    masks = np.array(sorted(masks), dtype=np.int64)
    full = (1 << len(on_list)) - 1
    frontier = np.array([0], dtype=np.int64)
    for k in range(1, len(on_list) + 1):
        frontier = np.unique((frontier[:, None] | masks[None, :]).ravel())
        if (frontier == full).any():
            return k
    raise AssertionError("unreachable")
