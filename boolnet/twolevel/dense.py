"""IRREDUNDANT, REDUCE and MAKE SPARSE on point counts, for functions small enough to enumerate.

When n is small (a truth table of 2^n rows per output fits), a cover is best judged by
counting, for every (output, row), how many of its cubes cover it. A cube is needed
where it is the only cover of a row that must be covered; it reduces to the supercube of
those rows; the rows covered by no relatively essential cube and only by partially
redundant ones are the rows of IRREDUNDANT's covering problem. Each step is a few NumPy
operations over the enumerated points of a cube, instead of tautology recursions.

>>> import numpy as np
>>> from boolnet import cubes
>>> on = np.zeros((1, 8), bool); on[0, [0, 1, 3, 7]] = True
>>> sp = DenseSpace(3, on, np.zeros_like(on))
>>> c, v = cubes.from_strings(["00-", "0-1", "-11"])
>>> F = irredundant(sp, (c, v, np.ones((3, 1), bool)))
>>> sorted(cubes.to_strings(F[0], F[1], 3))
['-11', '00-']
"""
from __future__ import annotations

import numpy as np

from .. import cubes
from ..jit import jit
from .exact_cover import cover_matrix, solve_cover

__all__ = ["DenseSpace", "irredundant", "reduce", "make_sparse"]


class DenseSpace:
    """The rows that must be covered, per output: ON and not don't-care, (m, 2^n) booleans."""

    def __init__(self, n: int, on: np.ndarray, dc: np.ndarray,
                 max_entries: float = float(1 << 25)):
        self.n = n
        #: Most entries a covering matrix built here may have (its memory bound).
        self.max_entries = max_entries
        self.m = on.shape[0]
        self.N = 1 << n
        self.need = on & ~dc
        self._w = max(1, (n + 63) // 64)

    # -- cubes as row masks
    def row_masks(self, care: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cubes as row-number bit masks (input i is row bit n-1-i): (care, value) int64 arrays."""
        return cubes.row_masks(care, value, self.n)

    def cubes_of(self, cm: np.ndarray, vm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row masks back to packed (care, value) cube arrays."""
        shift = np.arange(self.n - 1, -1, -1)
        cb = ((cm[:, None] >> shift[None, :]) & 1).astype(bool)
        vb = ((vm[:, None] >> shift[None, :]) & 1).astype(bool)
        return cubes._pack(cb, self._w), cubes._pack(vb, self._w)

    def counts(self, cm: np.ndarray, vm: np.ndarray, out: np.ndarray) -> np.ndarray:
        """How many of the cubes (row masks, outputs) cover each (output, row) that must be
        covered, flat j * 2^n + row."""
        cnt = np.zeros(self.m * self.N, np.int32)
        _add_counts(cm, vm, out, self.need, cnt, self.N)
        return cnt


# ---------------------------------------------------------------------------- kernels
# A cube's rows are enumerated as base | s over the subsets s of its free-input mask
# (s = (s - free) & free steps through them all and wraps to 0). Each kernel spells that
# walk out: a shared helper returning the rows as an array made IRREDUNDANT on b12 45%
# slower (an allocation per cube), and numba generators fail when loaded from its cache.
@jit
def _add_counts(cm, vm, out, need, cnt, N):
    full = N - 1
    for i in range(cm.shape[0]):
        free = full & ~cm[i]
        s = 0
        while True:
            row = vm[i] | s
            for j in range(out.shape[1]):
                if out[i, j] and need[j, row]:
                    cnt[j * N + row] += 1
            s = (s - free) & free
            if s == 0:
                break


@jit
def _essential(cm, vm, out, need, cnt, N):
    """Cubes that are the only cover of some row that must be covered."""
    full = N - 1
    ess = np.zeros(cm.shape[0], np.bool_)
    for i in range(cm.shape[0]):
        free = full & ~cm[i]
        s = 0
        while not ess[i]:
            row = vm[i] | s
            for j in range(out.shape[1]):
                if out[i, j] and need[j, row] and cnt[j * N + row] == 1:
                    ess[i] = True
            s = (s - free) & free
            if s == 0:
                break
    return ess


@jit
def _open_rows(cm, vm, out, need, ess, N):
    """Rows that must be covered and no essential cube covers: (m, N) booleans."""
    full = N - 1
    open_ = need.copy()
    for i in range(cm.shape[0]):
        if not ess[i]:
            continue
        free = full & ~cm[i]
        s = 0
        while True:
            row = vm[i] | s
            for j in range(out.shape[1]):
                if out[i, j]:
                    open_[j, row] = False
            s = (s - free) & free
            if s == 0:
                break
    return open_


@jit
def _signatures(cm, vm, out, slot, npts, cols, h1, h2, N):
    """Per open point (numbered by ``slot``, -1 elsewhere), two sums of random 64-bit keys
    of the listed cubes over it (hashes of the set of cubes covering it), and the number
    of (cube, point) entries."""
    full = N - 1
    m = out.shape[1]
    s1 = np.zeros(npts, np.uint64)
    s2 = np.zeros(npts, np.uint64)
    entries = 0
    for li in range(cols.shape[0]):
        i = cols[li]
        free = full & ~cm[i]
        s = 0
        while True:
            row = vm[i] | s
            for j in range(m):
                p = slot[j * N + row]
                if out[i, j] and p >= 0:
                    s1[p] += h1[li]
                    s2[p] += h2[li]
                    entries += 1
            s = (s - free) & free
            if s == 0:
                break
    return s1, s2, entries


@jit
def _matrix_entries(cm, vm, out, slot, group, ngroups, cols, N, entries):
    """(row group, column) pairs of the covering matrix, one per group a cube meets."""
    full = N - 1
    m = out.shape[1]
    r = np.empty(entries, np.int64)
    c = np.empty(entries, np.int64)
    seen = np.full(ngroups, -1, np.int64)  # the last column that listed each group
    e = 0
    for li in range(cols.shape[0]):
        i = cols[li]
        free = full & ~cm[i]
        s = 0
        while True:
            row = vm[i] | s
            for j in range(m):
                p = slot[j * N + row]
                if out[i, j] and p >= 0:
                    g = group[p]
                    if seen[g] != li:
                        seen[g] = li
                        r[e] = g
                        c[e] = li
                        e += 1
            s = (s - free) & free
            if s == 0:
                break
    return r[:e], c[:e]


@jit
def _reduce(cm, vm, out, need, cnt, N, order, sequential, alive, same):
    """REDUCE on counts, cubes in ``order``; changes cm, vm, out, alive, same in place."""
    full = N - 1
    m = out.shape[1]
    for idx in range(order.shape[0]):
        i = order[idx]
        free = full & ~cm[i]
        a = full
        o = 0
        new_out = np.zeros(m, np.bool_)
        s = 0
        while True:
            row = vm[i] | s
            for j in range(m):
                if out[i, j] and need[j, row] and cnt[j * N + row] == 1:
                    a &= row
                    o |= row
                    new_out[j] = True
            s = (s - free) & free
            if s == 0:
                break
        if not new_out.any():
            if sequential:
                s = 0
                while True:
                    row = vm[i] | s
                    for j in range(m):
                        if out[i, j] and need[j, row]:
                            cnt[j * N + row] -= 1
                    s = (s - free) & free
                    if s == 0:
                        break
                alive[i] = False
            continue
        nc = a | (~o & full)  # inputs constant over the rows only this cube covers
        nv = a & nc
        if nc == cm[i] and (new_out == out[i]).all():
            continue
        same[i] = False
        if sequential:
            s = 0
            while True:
                row = vm[i] | s
                inside = (row & nc) == nv
                for j in range(m):
                    if out[i, j] and need[j, row] and not (new_out[j] and inside):
                        cnt[j * N + row] -= 1
                s = (s - free) & free
                if s == 0:
                    break
        cm[i] = nc
        vm[i] = nv
        out[i] = new_out


@jit
def _make_sparse(cm, vm, out, need, cnt, N, order):
    """Disconnect cubes (in ``order``) from outputs where others cover all their rows."""
    full = N - 1
    m = out.shape[1]
    for idx in range(order.shape[0]):
        i = order[idx]
        free = full & ~cm[i]
        for j in range(m):
            if not out[i, j]:
                continue
            if out[i].sum() == 1:
                break
            spare = True
            s = 0
            while True:
                row = vm[i] | s
                if need[j, row] and cnt[j * N + row] < 2:
                    spare = False
                    break
                s = (s - free) & free
                if s == 0:
                    break
            if spare:
                out[i, j] = False
                s = 0
                while True:
                    row = vm[i] | s
                    if need[j, row]:
                        cnt[j * N + row] -= 1
                    s = (s - free) & free
                    if s == 0:
                        break


def irredundant(sp: DenseSpace, F, time_limit: float | None = 5.0):
    """A minimum-cost subset of F covering every row F must cover: fewest cubes, then literals.

    Relatively essential cubes are found from the counts; only the open rows (covered by
    no essential cube) enter the covering matrix, one row per distinct set of cubes over
    them. Returns None when that matrix would have more than ``sp.max_entries`` entries
    (the caller then works on cubes).
    """
    care, value, out = F
    k = len(care)
    if k <= 1:
        return F
    out = np.ascontiguousarray(out)
    cm, vm = sp.row_masks(care, value)
    cnt = sp.counts(cm, vm, out)
    ess = _essential(cm, vm, out, sp.need, cnt, sp.N)
    open_ = _open_rows(cm, vm, out, sp.need, ess, sp.N)
    if not open_.any():
        return care[ess], value[ess], out[ess]
    rp = np.flatnonzero(~ess)
    # The open points get numbers (in the counts' memory, no longer needed), so that the
    # tables below have one entry per open point, not per (output, row).
    pts = np.flatnonzero(open_.reshape(-1))
    slot = cnt
    slot.fill(-1)
    slot[pts] = np.arange(len(pts), dtype=slot.dtype)
    # Many rows are covered by the same cubes: keep one row per set of cubes (two random
    # 64-bit signatures per set make a false merge vanishingly unlikely).
    rng = np.random.default_rng(12345)
    h1 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    h2 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    a1, a2, entries = _signatures(cm, vm, out, slot, len(pts), rp, h1, h2, sp.N)
    if entries > sp.max_entries:
        return None
    order = np.lexsort((a2, a1))
    new = np.ones(len(pts), bool)
    new[1:] = (a1[order][1:] != a1[order][:-1]) | (a2[order][1:] != a2[order][:-1])
    group = np.empty(len(pts), np.int64)
    group[order] = np.cumsum(new) - 1
    ngroups = int(new.sum())
    r, c = _matrix_entries(cm, vm, out, slot, group, ngroups, rp, sp.N, entries)
    a = cover_matrix(r, c, (ngroups, len(rp)))
    sol = solve_cover(a, cubes.literal_counts(care[rp]), time_limit=time_limit)
    keep = ess.copy()
    keep[rp[sol.chosen]] = True
    return care[keep], value[keep], out[keep]


#: REDUCE checks the time budget between batches of this many cubes.
REDUCE_BATCH = 64


def reduce(sp: DenseSpace, F, order: np.ndarray | None = None, sequential: bool = True,
           budget=None):
    """Shrink each cube to the supercube of the rows only it covers; returns (cover, unchanged mask).

    When ``budget`` (an :class:`boolnet.twolevel.espresso.Budget`) expires, the remaining
    cubes stay as they are: the cover is still a cover.
    """
    care, value, out = F
    k = len(care)
    out = np.array(out, dtype=bool, order="C")
    cm, vm = sp.row_masks(care, value)
    cnt = sp.counts(cm, vm, out)
    alive = np.ones(k, bool)
    same = np.ones(k, bool)
    order = np.arange(k) if order is None else np.asarray(order, np.int64)
    for s in range(0, k, REDUCE_BATCH):
        if budget is not None and budget.expired():
            break
        _reduce(cm, vm, out, sp.need, cnt, sp.N, order[s:s + REDUCE_BATCH], sequential, alive,
                same)
    care, value = sp.cubes_of(cm, vm)
    return (care[alive], value[alive], out[alive]), same[alive]


def make_sparse(sp: DenseSpace, F):
    """Disconnect each cube from the outputs where other cubes already cover all its rows."""
    care, value, out = F
    if out.shape[1] <= 1:
        return F
    out = np.array(out, dtype=bool, order="C")
    cm, vm = sp.row_masks(care, value)
    cnt = sp.counts(cm, vm, out)
    _make_sparse(cm, vm, out, sp.need, cnt, sp.N,
                 np.argsort(-cubes.literal_counts(care), kind="stable"))
    return care.copy(), value.copy(), out
