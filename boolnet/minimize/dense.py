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
from .exact import cube_row_lists, minterms_of
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

    def __init__(self, n: int, on: np.ndarray, dc: np.ndarray,
                 max_entries: float = float(1 << 25)):
        self.n = n
        #: Most entries a covering matrix built here may have (its memory bound).
        self.max_entries = max_entries
        self.m = on.shape[0]
        self.N = 1 << n
        self.need = on & ~dc
        self._w = max(1, (n + 63) // 64)
        self._weights = (1 << np.arange(n - 1, -1, -1)).astype(np.int64)

    # -- points of cubes
    def pairs(self, care, value):
        """The rows of each cube, cube after cube: (rows, start) with cube i's rows at
        ``rows[start[i]:start[i + 1]]``."""
        return cube_row_lists(care, value, self.n)

    def entries(self, F):
        """(cube, output, row) entries of F on rows that must be covered."""
        care, value, out = F
        rows, start = self.pairs(care, value)
        size = np.diff(start)
        os_, js, rs = [], [], []
        for j in range(self.m):
            cj = np.flatnonzero(out[:, j])
            if len(cj) == 0:
                continue
            lens = size[cj]
            first = np.cumsum(lens) - lens
            pick = np.repeat(start[cj] - first, lens) + np.arange(int(lens.sum()))
            r = rows[pick]
            keep = self.need[j, r]
            os_.append(np.repeat(cj, lens)[keep])
            rs.append(r[keep])
            js.append(np.full(len(rs[-1]), j, np.int64))
        if not os_:
            z = np.zeros(0, np.int64)
            return z, z.copy(), z.copy()
        return np.concatenate(os_), np.concatenate(js), np.concatenate(rs)

    def views(self, care, value) -> list[tuple]:
        """Per cube, its index into a (2,)*n table (axis i = input i): 0/1 on its literals,
        a full slice on its free inputs. A cube's rows are then a strided view, no list."""
        cb = cubes.bits_of(care, self.n)
        vb = cubes.bits_of(value, self.n)
        full = slice(None)
        return [tuple(int(v) if c else full for c, v in zip(cr, vr)) for cr, vr in zip(cb, vb)]

    def table(self, a: np.ndarray) -> np.ndarray:
        """A flat (m * 2^n) or (m, 2^n) array as (m, 2, ..., 2)."""
        return a.reshape((self.m,) + (2,) * self.n)

    def count_table(self, views: list[tuple], outs) -> np.ndarray:
        """How many cubes cover each (output, row), as an (m, 2, ..., 2) table; ``views``
        from :meth:`views`, ``outs`` each cube's output indices."""
        cnt = np.zeros((self.m,) + (2,) * self.n, np.int32)
        for ix, js in zip(views, outs):
            for j in js:
                cnt[(j,) + ix] += 1
        return cnt

    def counts(self, F) -> np.ndarray:
        """How many cubes of F cover each (output, row), flat index j * 2^n + row."""
        care, value, out = F
        return self.count_table(self.views(care, value),
                                [np.flatnonzero(o) for o in out]).reshape(-1)

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
    """A minimum-cost subset of F covering every row F must cover: fewest cubes, then literals.

    Counts, essential cubes and the covering rows are worked out on (m, 2, ..., 2) tables
    through each cube's strided view: only the open rows (covered by no relatively
    essential cube) are ever listed. Returns None when the covering matrix would have
    more than ``sp.max_entries`` entries (the caller then works on cubes).
    """
    care, value, out = F
    k = len(care)
    if k <= 1:
        return F
    views = sp.views(care, value)
    outs = [np.flatnonzero(o) for o in out]
    need = sp.table(sp.need)
    cnt = sp.count_table(views, outs)
    ess = np.zeros(k, bool)
    for i in range(k):
        ess[i] = any(((cnt[(j,) + views[i]] == 1) & need[(j,) + views[i]]).any()
                     for j in outs[i])
    del cnt
    open_ = need.copy()
    for i in np.flatnonzero(ess):
        for j in outs[i]:
            open_[(j,) + views[i]] = False
    if not open_.any():
        return care[ess], value[ess], out[ess]
    rp = np.flatnonzero(~ess)
    # The covering matrix lists each open row once per cube over it: bound it first.
    entries = sum(int(np.count_nonzero(open_[(j,) + views[i]])) for i in rp for j in outs[i])
    if entries > sp.max_entries:
        return None
    # Many rows are covered by the same cubes: keep one row per set of cubes (two random
    # 64-bit signatures per set make a false merge vanishingly unlikely).
    rng = np.random.default_rng(12345)
    h1 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    h2 = rng.integers(0, 2**63, len(rp), dtype=np.int64).astype(np.uint64)
    s1 = np.zeros(need.shape, np.uint64)
    s2 = np.zeros(need.shape, np.uint64)
    with np.errstate(over="ignore"):  # sums wrap around: they are hashes
        for li, i in enumerate(rp):
            for j in outs[i]:
                s1[(j,) + views[i]] += h1[li]
                s2[(j,) + views[i]] += h2[li]
    pts = np.flatnonzero(open_)
    a1, a2 = s1.reshape(-1)[pts], s2.reshape(-1)[pts]
    del s1, s2
    order = np.lexsort((a2, a1))
    new = np.ones(len(pts), bool)
    new[1:] = (a1[order][1:] != a1[order][:-1]) | (a2[order][1:] != a2[order][:-1])
    gid = np.full(need.shape, -1, np.int64)
    gflat = gid.reshape(-1)
    gflat[pts[order]] = np.cumsum(new) - 1
    ngroups = int(new.sum())
    rows_l, cols_l = [], []
    for li, i in enumerate(rp):
        for j in outs[i]:
            g = gid[(j,) + views[i]]
            g = np.unique(g[g >= 0])
            rows_l.append(g)
            cols_l.append(np.full(len(g), li, np.int64))
    r = np.concatenate(rows_l) if rows_l else np.zeros(0, np.int64)
    c = np.concatenate(cols_l) if cols_l else np.zeros(0, np.int64)
    a = sparse.csr_matrix((np.ones(len(r), bool), (r, c)), shape=(ngroups, len(rp)))
    sol = solve_cover(a, cubes.literal_counts(care[rp]), time_limit=time_limit)
    keep = ess.copy()
    keep[rp[sol.chosen]] = True
    return care[keep], value[keep], out[keep]


def reduce(sp: DenseSpace, F, order: np.ndarray | None = None, sequential: bool = True,
           budget=None):
    """Shrink each cube to the supercube of the rows only it covers; returns (cover, unchanged mask).

    When ``budget`` (an :class:`boolnet.minimize.espresso.Budget`) expires, the remaining
    cubes stay as they are: the cover is still a cover.
    """
    care, value, out = (a.copy() for a in F)
    k = len(care)
    cnt = sp.counts(F)
    alive = np.ones(k, bool)
    same = np.ones(k, bool)
    order = np.arange(k) if order is None else order
    for i in order:
        if budget is not None and budget.expired():
            break
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
