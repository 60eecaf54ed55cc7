"""Exhaustive search over threshold units: one-output networks of 2 and 3 units, n <= 5.

A hidden unit of the first layer computes a threshold function of the inputs, and every
threshold function of at most 5 inputs is known: 94,572 of them (OEIS A000609), made here
from the positive ones of :func:`boolnet.synth.threshold._weight_table` by every input
permutation and negation, and counted against A000609 before any search trusts the list.
Negating a hidden unit changes nothing (its reader flips the weight and moves its bias),
so a hidden unit is 0 on row 0: 47,286 candidates, the constant 0 included.

Layered topology (1,): f = T(x, h). Topology (2,): f = T(x, h1, h2), with h1, h2 read
only from the inputs. For each candidate (or pair) the output unit is decided by a linear
program over the rows (HiGHS; real weights with a margin of 1 exist iff integer ones do).
Only candidates that pass a necessary condition get a program:

*Unate cover.* Where f falls along input i at one pair of rows (x, x + e_i) and rises
along i at another, with the hidden units equal on both pairs, the output's weight on
x_i would need both signs. So for every input i some hidden unit must differ on every
rising pair along i, or on every falling pair (a *cut* pair). Pair masks are words:
bit r of ``cut_i(h)`` is set when h(r) != h(r + e_i), r having input i at 0.

*Rectangles.* Where f is 1 on both ends of one diagonal of a subcube face (rows a, d) and
0 on both ends of another (b, c), a + d = b + c as vectors; if every hidden unit also had
h(a) + h(d) = h(b) + h(c) the output's sums would too, but two sums >= 0 cannot equal two
sums <= -1. So on each such rectangle of f some hidden unit must be unbalanced (the
2-asummability of f over (x, h); 720 rectangles for 5 inputs, in words per candidate).

*Counting.* A pair (h1, h2) must cut, along each i, the rising or the falling pairs that
h1 leaves uncut; so h2 cuts at least ``need(h1)`` pairs in all. Candidates are sorted by
their number of cut pairs (decreasing), and h2 is sought only in the prefix that cuts
enough; a numba kernel scans the pairs with word operations.

Both searches visit every candidate (every unordered pair) that could work, so
"infeasible" is a proof for that topology, as the MILP's is; a linear program that
fails numerically makes the search say "unknown" and the caller falls back to the MILP.
"""
from __future__ import annotations

import functools

import numpy as np

from ..bits import pack, popcount, unpack, words_for
from ..jit import jit

__all__ = ["THRESHOLD_COUNTS", "MAX_SEARCH_INPUTS", "threshold_tables", "hidden_candidates",
           "search_one_hidden", "search_two_hidden", "output_separable"]

#: Threshold functions of at most n inputs (OEIS A000609), the check on the generated list.
THRESHOLD_COUNTS = {0: 2, 1: 4, 2: 14, 3: 104, 4: 1882, 5: 94572}
#: Largest number of inputs searched (n = 6 has 15,028,134 threshold functions).
MAX_SEARCH_INPUTS = 5
#: Pairs a scan hands back at most before their programs are run (bounds memory only).
_BATCH = 1 << 16


def _tail(n: int) -> int:
    return (1 << (1 << n)) - 1


@functools.lru_cache(maxsize=None)
def threshold_tables(n: int) -> np.ndarray:
    """Every threshold function of ``n <= 5`` inputs as a sorted uint64 array of tables.

    Bit r of a table is the value on row r (input 1 the most significant bit of r).
    """
    from ..errors import BoolnetError
    from ..npn import npn_orbit
    from ..synth.threshold import _weight_table
    if not 0 <= n <= MAX_SEARCH_INPUTS:
        raise BoolnetError(f"threshold tables: n = {n}, expected 0 to {MAX_SEARCH_INPUTS}")
    found = [np.array([0, _tail(n)], np.uint64)]
    if n:
        # positive threshold functions with sorted weights; their orbits under input
        # permutation and negation (and output negation, itself threshold) are all of them
        found += [npn_orbit(int(t), n) for t in _weight_table(n)[0]]
    out = np.unique(np.concatenate(found).astype(np.uint64))
    if len(out) != THRESHOLD_COUNTS[n]:  # the list is the proof's premise: never trust it blindly
        raise BoolnetError(f"threshold tables of {n} inputs: {len(out)} generated, "
                           f"A000609 says {THRESHOLD_COUNTS[n]}")
    return out


@functools.lru_cache(maxsize=None)
def _low(n: int, p: int) -> int:
    """The rows with row bit p at 0, as a table mask (the lower ends of the pairs along p)."""
    return sum(1 << r for r in range(1 << n) if not (r >> p) & 1)


def _cut_masks(tabs: np.ndarray, n: int) -> np.ndarray:
    """cut[c, p]: rows r with row bit p at 0 where table c differs between r and r + 2^p."""
    tabs = np.asarray(tabs, np.uint64)
    out = np.zeros((len(tabs), n), np.uint64)
    for p in range(n):
        out[:, p] = (tabs ^ (tabs >> np.uint64(1 << p))) & np.uint64(_low(n, p))
    return out


@functools.lru_cache(maxsize=None)
def hidden_candidates(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(tables, cut masks, cut counts) of the threshold functions 0 on row 0, most cuts first."""
    t = threshold_tables(n)
    t = t[(t & np.uint64(1)) == 0]
    cut = _cut_masks(t, n)
    tot = popcount(cut).sum(axis=1)
    order = np.argsort(-tot, kind="stable")
    out = (t[order], np.ascontiguousarray(cut[order]), tot[order])
    for a in out:
        a.setflags(write=False)
    return out


def _rise_fall(tt: int, care: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row bit p, the cared pairs where f rises / falls as that input goes 0 -> 1."""
    R, F = np.zeros(n, np.uint64), np.zeros(n, np.uint64)
    for p in range(n):
        s, low = 1 << p, _low(n, p)
        both = care & (care >> s) & low
        f0, f1 = tt & low, (tt >> s) & low
        R[p], F[p] = np.uint64(~f0 & f1 & both), np.uint64(f0 & ~f1 & both)
    return R, F


def output_separable(tt: int, care: int, n: int, hidden: list[int]) -> bool | None:
    """Does one unit over (x, hidden) give f on its cared rows? True, False, or None (numerics)."""
    from scipy.optimize import linprog
    rows = [r for r in range(1 << n) if (care >> r) & 1]
    if not rows:
        return True
    X = np.array([[(r >> (n - 1 - i)) & 1 for i in range(n)] + [(h >> r) & 1 for h in hidden]
                  + [1] for r in rows], np.float64)
    y = np.array([(tt >> r) & 1 for r in rows], bool)
    if y.all() or not y.any():
        return True
    X = np.unique(np.hstack([X, y[:, None]]), axis=0)  # one point with two targets: infeasible
    y = X[:, -1].astype(bool)
    X = X[:, :-1]
    # ON rows s >= 0, OFF rows s <= -1: as -s <= 0 and s <= -1
    A = np.where(y, -1.0, 1.0)[:, None] * X
    b = np.where(y, 0.0, -1.0)
    res = linprog(np.zeros(X.shape[1]), A_ub=A, b_ub=b, bounds=(None, None), method="highs")
    if res.status == 0:
        return True
    if res.status == 2:
        return False
    return None


def search_one_hidden(tt: int, care: int, n: int) -> tuple[str, list[int] | None]:
    """Topology (1,): ("feasible", [h]) or ("infeasible", None) or ("unknown", None)."""
    tabs, cut, _ = hidden_candidates(n)
    R, F = _rise_fall(tt, care, n)
    ok = np.ones(len(tabs), bool)
    for p in range(n):
        ok &= ((R[p] & ~cut[:, p]) == 0) | ((F[p] & ~cut[:, p]) == 0)
    if n >= 2 and ok.any():  # h must be unbalanced on every rectangle where f is bent
        X = _bent_rectangles(tt, care, n)
        sel = np.flatnonzero(ok)
        ok[sel] = ~(_pair_index(n)[0][sel] & X).any(axis=1)
    unknown = False
    for h in tabs[ok].tolist():
        res = output_separable(tt, care, n, [h])
        if res:
            return "feasible", [h]
        unknown |= res is None
    return ("unknown" if unknown else "infeasible"), None


@functools.lru_cache(maxsize=None)
def _rectangles(n: int) -> tuple[tuple[int, int, int, int], ...]:
    """Row quadruples (a, d, b, c) with a + d = b + c as 0/1 vectors, {a, d} != {b, c}: the
    two diagonals of a subcube face (a and d differ in the inputs S, b is a with some of
    S flipped, c is a with the rest of S flipped)."""
    out = set()
    for a in range(1 << n):
        for S in range(1, 1 << n):
            T = (S - 1) & S
            while T:
                p1, p2 = sorted((a, a ^ S)), sorted((a ^ T, a ^ S ^ T))
                out.add((*p1, *p2) if p1 < p2 else (*p2, *p1))
                T = (T - 1) & S
    return tuple(sorted(out))


def _balanced(tabs: np.ndarray, n: int) -> np.ndarray:
    """bal[c, w]: bit j of word w says table c has h(a) + h(d) = h(b) + h(c) on rectangle j."""
    rect = _rectangles(n)
    out = np.zeros((len(tabs), words_for(len(rect))), np.uint64)
    t = np.asarray(tabs, np.uint64)
    one = np.uint64(1)
    for j, pts in enumerate(rect):
        v = [(t >> np.uint64(x)) & one for x in pts]
        bal = (v[0] + v[1]) == (v[2] + v[3])
        out[bal, j >> 6] |= np.uint64(1 << (j & 63))
    return out


@functools.lru_cache(maxsize=None)
def _pair_index(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per candidate its balanced rectangles; per edge and per rectangle the candidates
    (bitsets) that cut the edge / are not balanced on the rectangle."""
    tabs, cut, _ = hidden_candidates(n)
    bal = _balanced(tabs, n)
    sq = _rectangles(n)
    # edge (p << n) | r: bit r of cut[:, p]; a table of n <= 5 inputs is one word
    edge = unpack(cut[:, :, None], 1 << n).reshape(len(tabs), n << n).T
    unbal = ~unpack(bal, len(sq)).T
    out = (bal, pack(edge), pack(unbal))
    for a in out:
        a.setflags(write=False)
    return out


@functools.lru_cache(maxsize=None)
def _rectangle_rows(n: int) -> np.ndarray:
    """The rectangles' rows as a (count, 4) uint64 array (bit positions in a table)."""
    return np.array(_rectangles(n), np.uint64).reshape(-1, 4)


def _bent_rectangles(tt: int, care: int, n: int) -> np.ndarray:
    """The rectangles where f is 1 on one diagonal and 0 on the other, all four rows cared
    (words as in :func:`_balanced`)."""
    pts = _rectangle_rows(n)
    v = (np.uint64(tt) >> pts) & np.uint64(1)
    c = ((np.uint64(care) >> pts) & np.uint64(1)).all(axis=1)
    return pack(c & (v[:, 0] == v[:, 1]) & (v[:, 2] == v[:, 3]) & (v[:, 0] != v[:, 2]))


@jit(python=False)
def _scan_pairs(cut, tot, bal, edge_bits, unbal_bits, R, F, X, a0, stop, out_a, out_b):
    """Pairs (a, b), a <= b, that pass the unate cover and the rectangle test, from a = a0 on;
    stops before an ``a`` whose pairs might not fit in the output, or after the ``a`` that
    brought the count to ``stop``. Returns (next a, count).

    Rectangle test (see the module docstring): where f is bent and h1 balanced, h2 must
    not be balanced.
    """
    N, n = cut.shape
    W = edge_bits.shape[1]
    nsq = unbal_bits.shape[0]
    cap = out_a.shape[0]
    B = np.zeros(W, np.uint64)
    T = np.zeros(W, np.uint64)
    U = np.zeros(W, np.uint64)
    one = np.uint64(1)
    count = 0
    a = a0
    while a < N:
        need = 0
        for p in range(n):
            c = cut[a, p]
            r = R[p] & ~c
            f = F[p] & ~c
            nr = 0
            while r:
                r &= r - one
                nr += 1
            nf = 0
            while f:
                f &= f - one
                nf += 1
            need += min(nr, nf)
        lo, hi = a, N
        while lo < hi:  # candidates sorted by cut count, decreasing: b in [a, end) cut enough
            mid = (lo + hi) // 2
            if tot[mid] >= need:
                lo = mid + 1
            else:
                hi = mid
        end = lo
        if end <= a:
            a += 1
            continue
        if end - a > cap - count:
            if count == 0:
                return -1, 0
            return a, count
        w0, w1 = a >> 6, ((end - 1) >> 6) + 1
        for w in range(w0, w1):
            B[w] = ~np.uint64(0)
        B[w0] &= ~np.uint64(0) << np.uint64(a & 63)
        if end & 63:
            B[w1 - 1] &= (one << np.uint64(end & 63)) - one
        alive = True
        # rectangles where f is bent and h1 balanced: h2 must be unbalanced there
        for j in range(nsq):
            if alive and (X[j >> 6] >> np.uint64(j & 63)) & one and \
                    (bal[a, j >> 6] >> np.uint64(j & 63)) & one:
                nz = False
                for w in range(w0, w1):
                    B[w] &= unbal_bits[j, w]
                    nz |= B[w] != 0
                alive = nz
        # along each input: h2 cuts every uncut rising pair, or every uncut falling pair
        for p in range(n):
            if not alive:
                break
            r = R[p] & ~cut[a, p]
            f = F[p] & ~cut[a, p]
            if r == 0 or f == 0:
                continue
            for w in range(w0, w1):
                T[w] = B[w]
                U[w] = B[w]
            for e in range(1 << n):
                if (r >> np.uint64(e)) & one:
                    for w in range(w0, w1):
                        T[w] &= edge_bits[(p << n) | e, w]
                if (f >> np.uint64(e)) & one:
                    for w in range(w0, w1):
                        U[w] &= edge_bits[(p << n) | e, w]
            nz = False
            for w in range(w0, w1):
                B[w] = T[w] | U[w]
                nz |= B[w] != 0
            alive = nz
        if alive:
            for w in range(w0, w1):
                x = B[w]
                while x:
                    low = x & (~x + one)
                    k = 0
                    while (low >> np.uint64(k)) != one:
                        k += 1
                    out_a[count] = a
                    out_b[count] = (w << 6) + k
                    count += 1
                    x ^= low
            if count >= stop:  # hand these to the linear programs before scanning on
                return a + 1, count
        a += 1
    return N, count


def search_two_hidden(tt: int, care: int, n: int) -> tuple[str, list[int] | None]:
    """Topology (2,): ("feasible", [h1, h2]), ("infeasible", None) or ("unknown", None)."""
    tabs, cut, tot = hidden_candidates(n)
    bal, edge_bits, unbal_bits = _pair_index(n)
    R, F = _rise_fall(tt, care, n)
    X = _bent_rectangles(tt, care, n)
    cap = max(_BATCH, len(tabs))
    out_a, out_b = np.zeros(cap, np.int64), np.zeros(cap, np.int64)
    a0, unknown, stop = 0, False, 1
    while a0 < len(tabs):
        a0, count = _scan_pairs(cut, tot, bal, edge_bits, unbal_bits, R, F, X, a0, stop,
                                out_a, out_b)
        # the first pair that passes usually works (measured: the first, on 5 random classes);
        # when they do not, larger batches keep the number of kernel calls small
        stop = min(2 * stop, cap)
        if a0 < 0:
            from ..errors import BoolnetError
            raise BoolnetError("exact search: the pair buffer is too small")
        for a, b in zip(out_a[:count].tolist(), out_b[:count].tolist()):
            hid = [int(tabs[a]), int(tabs[b])]
            res = output_separable(tt, care, n, hid)
            if res:
                return "feasible", hid
            unknown |= res is None
    return ("unknown" if unknown else "infeasible"), None
