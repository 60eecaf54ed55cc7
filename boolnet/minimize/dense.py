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
from scipy import sparse

from .. import cubes
from .exact import minterms_of
from .exact_cover import solve_cover

__all__ = ["DenseSpace", "irredundant", "reduce", "make_sparse", "point_count"]


def point_count(F, n: int) -> float:
    """How many (cube, output, row) entries enumerating F over n inputs would produce."""
    care, _, out = F
    if len(care) == 0:
        return 0.0
    return float(np.sum(np.ldexp(1.0, n - cubes.literal_counts(care)) * out.sum(1)))


class DenseSpace:
    """The rows that must be covered, per output: ON and not don't-care, (m, 2^n) booleans."""

    def __init__(self, n: int, on: np.ndarray, dc: np.ndarray):
        self.n = n
        self.m = on.shape[0]
        self.N = 1 << n
        self.need = on & ~dc
        self._w = max(1, (n + 63) // 64)
        self._weights = (1 << np.arange(n - 1, -1, -1)).astype(np.int64)

    # -- points of cubes
    def entries(self, F):
        """(cube, output, row) entries of F on rows that must be covered."""
        care, value, out = F
        owner, row = minterms_of(care, value, self.n)
        os_, js, rs = [], [], []
        for j in range(self.m):
            sel = out[owner, j]
            o, r = owner[sel], row[sel]
            keep = self.need[j, r]
            os_.append(o[keep])
            rs.append(r[keep])
            js.append(np.full(int(keep.sum()), j, np.int64))
        return np.concatenate(os_), np.concatenate(js), np.concatenate(rs)

    def counts(self, F) -> np.ndarray:
        """How many cubes of F cover each (output, row), flat index j * 2^n + row."""
        o, j, r = self.entries(F)
        return np.bincount(j * self.N + r, minlength=self.m * self.N).astype(np.int32)

    def rows_of(self, c: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The row numbers of one cube."""
        return minterms_of(c[None, :], v[None, :], self.n)[1]

    def row_masks(self, c: np.ndarray, v: np.ndarray) -> tuple[int, int]:
        """A cube as row-number bit masks (input i is row bit n-1-i): (care, value)."""
        cb = cubes.bits_of(c[None, :], self.n)[0]
        vb = cubes.bits_of(v[None, :], self.n)[0]
        return int(self._weights[cb].sum()), int(self._weights[vb & cb].sum())

    def cube_of_rows(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The supercube of some rows, as packed (care, value)."""
        a = int(np.bitwise_and.reduce(rows))
        o = int(np.bitwise_or.reduce(rows))
        full = self.N - 1
        const = a | (~o & full)
        bits = ((const >> np.arange(self.n - 1, -1, -1)) & 1).astype(bool)
        vals = ((a >> np.arange(self.n - 1, -1, -1)) & 1).astype(bool)
        return cubes._pack(bits[None, :], self._w)[0], cubes._pack(vals[None, :], self._w)[0]


def irredundant(sp: DenseSpace, F, time_limit: float | None = 5.0):
    """A minimum-cost subset of F covering every row F must cover: fewest cubes, then literals."""
    care, value, out = F
    k = len(care)
    if k <= 1:
        return F
    o, j, r = sp.entries(F)
    idx = j * sp.N + r
    cnt = np.bincount(idx, minlength=sp.m * sp.N)
    ess = np.zeros(k, bool)
    ess[o[cnt[idx] == 1]] = True
    cov_e = np.bincount(idx[ess[o]], minlength=sp.m * sp.N)
    open_ = (cov_e[idx] == 0) & ~ess[o]
    if not open_.any():
        return care[ess], value[ess], out[ess]
    rp = np.flatnonzero(~ess)
    local = np.full(k, -1, np.int64)
    local[rp] = np.arange(len(rp))
    uniq, row_id = np.unique(idx[open_], return_inverse=True)
    row_id = row_id.ravel()
    cols = local[o[open_]]
    # Many rows are covered by the same cubes: keep one row per set of cubes (two random
    # 64-bit signatures per set make a false merge vanishingly unlikely).
    rng = np.random.default_rng(12345)
    h1 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    h2 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    s1 = np.zeros(len(uniq), np.uint64)
    s2 = np.zeros(len(uniq), np.uint64)
    np.add.at(s1, row_id, h1[cols])
    np.add.at(s2, row_id, h2[cols])
    _, first, group = np.unique(np.stack([s1, s2], 1), axis=0, return_index=True,
                                return_inverse=True)
    group = group.ravel()
    keep_row = np.zeros(len(uniq), bool)
    keep_row[first] = True
    sel = keep_row[row_id]
    a = sparse.csr_matrix((np.ones(int(sel.sum()), bool), (group[row_id[sel]], cols[sel])),
                          shape=(len(first), len(rp)))
    sol = solve_cover(a, cubes.literal_counts(care[rp]), time_limit=time_limit)
    keep = ess.copy()
    keep[rp[sol.chosen]] = True
    return care[keep], value[keep], out[keep]


def reduce(sp: DenseSpace, F, order: np.ndarray | None = None, sequential: bool = True):
    """Shrink each cube to the supercube of the rows only it covers; returns (cover, unchanged mask)."""
    care, value, out = (a.copy() for a in F)
    k = len(care)
    cnt = sp.counts(F)
    alive = np.ones(k, bool)
    same = np.ones(k, bool)
    order = np.arange(k) if order is None else order
    for i in order:
        rows = sp.rows_of(care[i], value[i])
        outs = np.flatnonzero(out[i])
        mine = []
        new_out = np.zeros_like(out[i])
        for j in outs:
            sel = rows[sp.need[j, rows]]
            only = sel[cnt[j * sp.N + sel] == 1]
            if len(only):
                mine.append(only)
                new_out[j] = True
        if not mine:
            if sequential:
                for j in outs:
                    sel = rows[sp.need[j, rows]]
                    cnt[j * sp.N + sel] -= 1
                alive[i] = False
            continue
        nc, nv = sp.cube_of_rows(np.concatenate(mine))
        if np.array_equal(nc, care[i]) and np.array_equal(new_out, out[i]):
            continue
        same[i] = False
        if sequential:
            rc, rv = sp.row_masks(nc, nv)
            inside = (rows & rc) == rv
            for j in outs:
                gone = ~inside if new_out[j] else np.ones(len(rows), bool)
                sel = rows[gone & sp.need[j, rows]]
                cnt[j * sp.N + sel] -= 1
        care[i], value[i], out[i] = nc, nv, new_out
    return (care[alive], value[alive], out[alive]), same[alive]


def make_sparse(sp: DenseSpace, F):
    """Disconnect each cube from the outputs where other cubes already cover all its rows."""
    care, value, out = (a.copy() for a in F)
    if out.shape[1] <= 1:
        return F
    cnt = sp.counts(F)
    for i in np.argsort(-cubes.literal_counts(care), kind="stable"):
        rows = sp.rows_of(care[i], value[i])
        for j in np.flatnonzero(out[i]):
            if out[i].sum() == 1:
                break
            sel = rows[sp.need[j, rows]]
            if np.all(cnt[j * sp.N + sel] >= 2):
                out[i, j] = False
                cnt[j * sp.N + sel] -= 1
    return care, value, out
