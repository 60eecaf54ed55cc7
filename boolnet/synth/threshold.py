"""Threshold recognition of small cut functions given as truth-table integers.

A cut function over k leaves (k <= 6 here, so a table fits one 64-bit word) is the
integer whose bit r is the value when leaf i equals ``(r >> i) & 1``. A function is a
threshold function only if it is unate in every leaf; unateness is checked with word
operations first, which rules out most cut functions before any linear program. A unate
function is turned positive (negative leaves flipped), and the positive form is looked up
in a cache or solved once by an integer program (HiGHS) for the smallest total weight,
then mapped back: a flipped leaf's weight w becomes -w and adds w to the bias.

>>> threshold_of(0b1000, 2)        # AND of two leaves
((1, 1), -2)
>>> threshold_of(0b0110, 2) is None  # XOR is not threshold
True
>>> threshold_of(0b11101000, 3)    # majority of three
((1, 1, 1), -2)
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["threshold_of", "threshold_of_dc", "two_units", "integer_separator", "separate_lp", "units_table", "unate_polarity", "var_mask",
           "truth_rows", "flip_var"]

MAX_K = 6


@lru_cache(maxsize=None)
def var_mask(i: int, k: int) -> int:
    """Bits of a k-leaf table where leaf i is 0."""
    return sum(1 << r for r in range(1 << k) if not (r >> i) & 1)


def units_table(units, k: int) -> int:
    """The table computed by a chain of units over k leaves: ``units[i] = (sources, weights,
    bias)``, a source j < k being leaf j and j >= k the unit ``units[j - k]``; the last unit's
    table is returned."""
    vals = [col for col in truth_rows(k).T.astype(np.int64)]
    for src, w, b in units:
        z = np.full(1 << k, b, np.int64)
        for j, x in zip(src, w):
            z += x * vals[j]
        vals.append((z >= 0).astype(np.int64))
    return int.from_bytes(np.packbits(vals[-1].astype(bool), bitorder="little").tobytes(), "little")


def flip_var(t: int, i: int, k: int) -> int:
    """The table with leaf i negated."""
    m, s = var_mask(i, k), 1 << i
    return ((t & m) << s) | ((t >> s) & m)


def unate_polarity(t: int, k: int, care: int | None = None) -> tuple[int, ...] | None:
    """Per leaf +1 (positive unate), -1 (negative) or 0 (no influence); None when binate in some leaf.

    With ``care`` (a table of the rows that matter), pairs of rows with a don't-care are ignored.
    """
    pol = []
    for i in range(k):
        m, s = var_mask(i, k), 1 << i
        f0, f1 = t & m, (t >> s) & m
        falls, rises = f0 & ~f1, f1 & ~f0  # rows where setting leaf i lowers / raises f
        if care is not None:
            both = care & (care >> s) & m
            falls, rises = falls & both, rises & both
        if falls and rises:
            return None
        pol.append(-1 if falls else (1 if rises else 0))
    return tuple(pol)


@lru_cache(maxsize=None)
def truth_rows(k: int) -> np.ndarray:
    """The 2^k assignments of k leaves as rows (leaf i = bit i of the row number)."""
    r = np.arange(1 << k)
    return ((r[:, None] >> np.arange(k)) & 1).astype(np.float64)


#: Largest weight of a minimum-weight realisation of a threshold function of k <= 6
#: variables (OEIS A003432: 1, 1, 2, 3, 5, 9); the table below enumerates up to it.
_MAX_WEIGHT = {1: 1, 2: 1, 3: 2, 4: 3, 5: 5, 6: 9}


@lru_cache(maxsize=None)
def _weight_table(k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every positive threshold function of k leaves with weights sorted decreasingly.

    Returns sorted unique tables (uint64), and for each the weights and threshold of its
    smallest total weight: all non-increasing weight vectors up to ``_MAX_WEIGHT[k]`` with
    every threshold, ordered by total weight so the first realisation found is the least.
    """
    from itertools import combinations_with_replacement
    vecs = np.array([c[::-1] for c in combinations_with_replacement(range(_MAX_WEIGHT[k] + 1), k)
                     ], np.int64).reshape(-1, k)
    sums = truth_rows(k).astype(np.int64) @ vecs.T              # (2^k rows, vectors)
    total = vecs.sum(axis=1)
    tabs, ws, ts, keys = [], [], [], []
    bit = (np.uint64(1) << np.arange(1 << k, dtype=np.uint64))
    for T in range(1, int(total.max()) + 1):
        ok = total >= T
        on = sums[:, ok] >= T
        tabs.append((on * bit[:, None]).sum(axis=0, dtype=np.uint64))
        ws.append(vecs[ok])
        ts.append(np.full(int(ok.sum()), T))
        keys.append(total[ok] * 1000 + T)
    tabs, ws, ts, keys = (np.concatenate(x) for x in (tabs, ws, ts, keys))
    order = np.argsort(keys, kind="stable")
    tabs, ws, ts = tabs[order], ws[order], ts[order]
    uniq, first = np.unique(tabs, return_index=True)
    return uniq, ws[first], ts[first]


def _table_lookup(t: int, k: int) -> tuple[tuple[int, ...], int] | None | bool:
    """Weights and bias of a positive, Chow-sorted table from the enumeration; False when k is too large."""
    if k not in _MAX_WEIGHT:
        return False
    uniq, ws, ts = _weight_table(k)
    i = int(np.searchsorted(uniq, np.uint64(t)))
    if i < len(uniq) and int(uniq[i]) == t:
        return tuple(int(x) for x in ws[i]), -int(ts[i])
    return None


@lru_cache(maxsize=200_000)
def _positive_weights(t: int, k: int, care: int = -1) -> tuple[tuple[int, ...], int] | None:
    """Smallest-total-weight non-negative integer weights and bias of a positive unate table (on its care rows)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    if care & ((1 << (1 << k)) - 1) == (1 << (1 << k)) - 1:
        found = _table_lookup(t, k)
        if found is not False:
            return found
    rows = [r for r in range(1 << k) if (care >> r) & 1]
    X = truth_rows(k)[rows]
    y = np.array([(t >> r) & 1 for r in rows], bool)
    # Don't-cares or more than 6 leaves: a linear program decides separability exactly and
    # its rounded weights usually work (checked); the integer program is the fallback.
    found = separate_lp(X, y, np.ones(k, np.int64))
    if found == "infeasible":
        return None
    if found is not None:
        return tuple(int(v) for v in found[0]), int(found[1])
    # ON rows: w.x + b >= 0; OFF rows: w.x + b <= -1. Variables w (k, >= 0) and b (free).
    A = np.hstack([X, np.ones((len(X), 1))])
    lo = np.where(y, 0.0, -np.inf)
    hi = np.where(y, np.inf, -1.0)
    c = np.concatenate([np.full(k, 4.0 * (k + 1)), [0.0]])  # total weight; |b| is fixed by it
    res = milp(c, constraints=LinearConstraint(A, lo, hi), integrality=np.ones(k + 1),
               bounds=Bounds(np.concatenate([np.zeros(k), [-np.inf]]), np.inf))
    if res.x is None:
        return None
    x = np.round(res.x).astype(np.int64)
    w, b = x[:k], int(x[k])
    s = X @ w + b
    if not np.array_equal(s >= 0, y):  # HiGHS tolerance: never trust an unchecked unit
        return None
    return tuple(int(v) for v in w), b


def threshold_of(t: int, k: int) -> tuple[tuple[int, ...], int] | None:
    """Integer (weights, bias) of one step unit computing table ``t`` of k leaves, or None.

    The unit fires when ``sum(w[i] * leaf_i) + bias >= 0``.
    """
    return threshold_of_dc(t, (1 << (1 << k)) - 1, k)


@lru_cache(maxsize=None)
def _perm_index(order: tuple[int, ...], k: int) -> np.ndarray:
    """Row r of the permuted table is row ``_perm_index[r]`` of the original."""
    r = np.arange(1 << k)
    q = np.zeros_like(r)
    for j, i in enumerate(order):
        q |= ((r >> j) & 1) << i
    return q


def _permute(t: int, order: tuple[int, ...], k: int) -> int:
    """The table whose leaf j is leaf ``order[j]`` of t."""
    if order == tuple(range(k)):
        return t
    nbytes = max(1, (1 << k) // 8)
    bits = np.unpackbits(np.frombuffer(t.to_bytes(nbytes, "little"), np.uint8),
                         bitorder="little")[: 1 << k]
    out = np.packbits(bits[_perm_index(order, k)], bitorder="little")
    return int.from_bytes(out.tobytes(), "little")


@lru_cache(maxsize=1 << 18)
def threshold_of_dc(t: int, care: int, k: int) -> tuple[tuple[int, ...], int] | None:
    """Like :func:`threshold_of`, required to match ``t`` only on the rows set in ``care``."""
    full = (1 << (1 << k)) - 1
    care &= full
    t &= care
    if t == 0:
        return (0,) * k, -1
    if t == care:
        return (0,) * k, 0
    pol = unate_polarity(t, k, care)
    if pol is None:
        return None
    pos, pcare = t, care
    for i, p in enumerate(pol):
        if p < 0:
            pos, pcare = flip_var(pos, i, k), flip_var(pcare, i, k)
    # Leaves sorted by their Chow parameter (ON rows with the leaf on): symmetric leaves of a
    # threshold function tie, so tables equal up to a permutation share one integer program.
    chow = [bin(pos & pcare & ~var_mask(i, k)).count("1") for i in range(k)]
    order = tuple(sorted(range(k), key=lambda i: -chow[i]))
    found = _positive_weights(_permute(pos, order, k), k, _permute(pcare, order, k))
    if found is None:
        return None
    w = [0] * k
    for j, i in enumerate(order):
        w[i] = found[0][j]
    b = found[1]
    for i, p in enumerate(pol):
        if p < 0:       # leaf i enters negated: w (1 - x) = w - w x
            b += w[i]
            w[i] = -w[i]
    return tuple(w), b


@lru_cache(maxsize=None)
def _helper_tables(k: int) -> tuple[tuple[int, tuple, tuple], ...]:
    """Candidate helper units over k leaves: AND/OR of two literals, majority of three literals.

    Each entry is (table, sources, weights, bias) with sources as leaf positions.
    """
    elem = [var_mask(i, k) ^ ((1 << (1 << k)) - 1) for i in range(k)]  # leaf i as a table
    full = (1 << (1 << k)) - 1
    out = []
    for i in range(k):
        for j in range(i + 1, k):
            for pi in (0, 1):
                for pj in (0, 1):
                    a = elem[i] ^ (full if pi else 0)
                    b = elem[j] ^ (full if pj else 0)
                    wi, wj = (-1 if pi else 1), (-1 if pj else 1)
                    negs = pi + pj
                    out.append((a & b, (i, j), (wi, wj), -2 + negs))   # AND
                    out.append((a | b, (i, j), (wi, wj), -1 + negs))   # OR
    if k <= 5:
        for i in range(k):
            for j in range(i + 1, k):
                for l in range(j + 1, k):
                    for pol in range(8):
                        lits = [elem[x] ^ (full if (pol >> q) & 1 else 0) for q, x in enumerate((i, j, l))]
                        maj = (lits[0] & lits[1]) | (lits[0] & lits[2]) | (lits[1] & lits[2])
                        w = tuple(-1 if (pol >> q) & 1 else 1 for q in range(3))
                        out.append((maj, (i, j, l), w, -2 + bin(pol).count("1")))
    return tuple(out)


@lru_cache(maxsize=200_000)
def two_units(t: int, k: int):
    """Two units computing table t of k leaves, when one helper unit (an AND/OR of two leaves or
    a majority of three) makes it threshold: ((sources, weights, bias) of the helper,
    (weights over the k leaves and the helper, bias) of the root), or None.

    A multiplexer x ? h : l is [2 (x & h) + l - x - 1 >= 0]; an XOR is [a + b - 2 (a & b) - 1 >= 0].
    """
    full = (1 << (1 << k)) - 1
    for g, src, w, b in _helper_tables(k):
        # The root reads the k leaves and g; rows where the helper leaf disagrees with g never occur.
        on = care = 0
        for r in range(1 << k):
            gv = (g >> r) & 1
            q = r | (gv << k)
            care |= 1 << q
            on |= ((t >> r) & 1) << q
        root = threshold_of_dc(on, care, k + 1)
        if root is not None:
            return (src, w, b), root
    del full
    return None


def integer_separator(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int] | None:
    """Integer (w, b) with ``X @ w + b >= 0`` exactly on the rows where y is true, or None.

    X is (rows, k) of 0/1 values (possibly dependent columns: inputs and signals computed
    from them). A linear program (HiGHS) finds real weights of least total |w| with margins
    of one; they are scaled and rounded until the integer unit separates every row, which
    is then checked.
    """
    found = separate_lp(X, y)
    return None if isinstance(found, str) else found


def separate_lp(X: np.ndarray, y: np.ndarray, signs: np.ndarray | None = None):
    """Rounded LP weights (w, b) that separate the rows, None when rounding failed,
    "infeasible" when no real weights do.

    ``signs`` holds each weight to a side: +1 non-negative, -1 non-positive, 0 free.
    """
    from scipy.optimize import linprog
    X = np.asarray(X, np.float64)
    y = np.asarray(y, bool)
    k = X.shape[1]
    if not y.any():
        return np.zeros(k, np.int64), -1
    if y.all():
        return np.zeros(k, np.int64), 0
    # Unique rows only: the same input pattern twice with different targets is infeasible.
    Xy = np.unique(np.hstack([X, y[:, None]]), axis=0)
    X, y = Xy[:, :k], Xy[:, k].astype(bool)
    sign = np.where(y, -1.0, 1.0)
    A = sign[:, None] * np.hstack([X, np.ones((len(X), 1))])
    Afull = np.hstack([A[:, :k], -A[:, :k], A[:, k:], -A[:, k:]])
    sg = np.zeros(k, np.int64) if signs is None else np.asarray(signs)
    bounds = ([(0, None if g >= 0 else 0) for g in sg] + [(0, None if g <= 0 else 0) for g in sg]
              + [(0, None)] * 2)
    res = linprog(np.concatenate([np.ones(2 * k), [0.0, 0.0]]), A_ub=Afull, b_ub=-np.ones(len(X)),
                  bounds=bounds, method="highs")
    if res.status == 2:
        return "infeasible"
    if res.status != 0:
        return None
    sol = res.x[:k] - res.x[k:2 * k]
    Xi = X.astype(np.int64)
    for scale in (0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 64, 256, 1024, 1 << 16):
        w = np.round(sol * scale).astype(np.int64)
        s = Xi @ w
        if not y.any() or not (~y).any():
            continue
        lo, hi = s[y].min(), s[~y].max()
        if hi < lo:
            return w, -int(lo)
    return None
