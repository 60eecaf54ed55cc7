"""Vectorised operations on arrays of cubes: containment, intersection, distance, consensus,
cofactor, tautology, complement, sharp.

A cube array is a pair of ``uint64`` arrays ``care`` and ``value`` of shape (k, W): input i
is bit i % 64 of word i // 64, ``care`` says which inputs are literals and ``value`` (a
subset of ``care``) their polarity. This is the layout of :class:`boolnet.cover.Cover`, so
its ``care``/``value`` arrays go in and out unchanged, for any number of inputs.

The recursive algorithms (tautology, complement, supercube of the complement) follow the
unate recursive paradigm of Espresso (Brayton et al., *Logic Minimization Algorithms for
VLSI Synthesis*, 1984): split on the most binate input, solve the cofactors, merge; each
step works on whole cube arrays at once. Small sub-problems (few active inputs) are
finished on packed truth tables instead, which is where Python recursion would cost most.

>>> care, value = from_strings(["1-0", "011"])
>>> to_strings(*cofactor(care, value, *from_strings(["0--"])), 3)
['-11']
>>> tautology(*from_strings(["1-", "0-"]))
True
>>> to_strings(*complement(*from_strings(["11"]), n=2), 2)
['0-', '-0']
"""
from __future__ import annotations

import numpy as np

from .errors import BoolnetError

__all__ = [
    "ComplementTooLarge", "from_strings", "to_strings", "empty", "universe", "bits_of",
    "literal_counts", "contains", "intersects", "distance", "intersect", "consensus",
    "supercube", "cofactor", "cofactor_var", "scc", "tautology", "covers_cube", "complement",
    "sccc", "sharp", "complement_lower_bound", "cube_words", "cover_words", "cover_rows",
]

_U = np.uint64
_ONE = _U(1)
_ALL = _U(0xFFFFFFFFFFFFFFFF)

#: Sub-problems with at most this many active inputs are solved on packed truth tables.
DENSE_VARS = 10
#: sccc needs only which inputs are constant off the cover: a larger table still pays.
SCCC_DENSE_VARS = 13


class ComplementTooLarge(BoolnetError):
    """The complement would exceed the cube budget (it can have 2^(n/2) cubes, as in o64)."""


# ---------------------------------------------------------------------------- basics
def from_strings(cubes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Cube strings over '0', '1', '-' (input 0 first) to (care, value) arrays.

    >>> c, v = from_strings(["1-0"]); int(c[0, 0]), int(v[0, 0])
    (5, 1)
    """
    n = len(cubes[0]) if cubes else 0
    w = max(1, (n + 63) // 64)
    care = np.zeros((len(cubes), w), dtype=_U)
    value = np.zeros((len(cubes), w), dtype=_U)
    for k, s in enumerate(cubes):
        for i, ch in enumerate(s):
            if ch != "-":
                care[k, i // 64] |= _ONE << _U(i % 64)
                if ch == "1":
                    value[k, i // 64] |= _ONE << _U(i % 64)
    return care, value


def to_strings(care: np.ndarray, value: np.ndarray, n: int) -> list[str]:
    """(care, value) arrays to cube strings of length n.

    >>> to_strings(*from_strings(["0-1"]), 3)
    ['0-1']
    """
    cb, vb = bits_of(care, n), bits_of(value, n)
    return ["".join("-" if not c else ("1" if v else "0") for c, v in zip(cr, vr))
            for cr, vr in zip(cb, vb)]


def empty(w: int) -> tuple[np.ndarray, np.ndarray]:
    """An empty cube array with W words."""
    z = np.zeros((0, w), dtype=_U)
    return z, z.copy()


def universe(w: int) -> tuple[np.ndarray, np.ndarray]:
    """The one-cube array holding the universal cube (no literals)."""
    z = np.zeros((1, w), dtype=_U)
    return z, z.copy()


def bits_of(words: np.ndarray, n: int) -> np.ndarray:
    """Unpack (k, W) uint64 words into a boolean (k, n) array (input i = column i)."""
    words = np.ascontiguousarray(words, dtype=_U)
    k = words.shape[0]
    if k == 0:
        return np.zeros((0, n), dtype=bool)
    b = np.unpackbits(words.view(np.uint8).reshape(k, -1), axis=1, count=n, bitorder="little")
    return b.astype(bool)


def _pack(bits: np.ndarray, w: int) -> np.ndarray:
    """Pack a boolean (k, n) array into (k, w) uint64 words."""
    k, n = bits.shape
    out = np.zeros((k, w * 64), dtype=bool)
    out[:, :n] = bits
    return np.packbits(out, axis=1, bitorder="little").view("<u8").astype(_U, copy=False)


def literal_counts(care: np.ndarray) -> np.ndarray:
    """Number of literals of each cube, shape (k,)."""
    return np.bitwise_count(care).sum(axis=1, dtype=np.int64)


def _column_counts(care: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per input, how many cubes hold its positive and its negative literal."""
    k, w = care.shape
    if k == 0:
        z = np.zeros(w * 64, np.int64)
        return z, z.copy()
    pos = np.unpackbits(np.ascontiguousarray(value).view(np.uint8).reshape(k, -1), axis=1,
                        bitorder="little").sum(axis=0, dtype=np.int64)
    neg = np.unpackbits(np.ascontiguousarray(care & ~value).view(np.uint8).reshape(k, -1),
                        axis=1, bitorder="little").sum(axis=0, dtype=np.int64)
    return pos, neg


# ---------------------------------------------------------------------------- pairwise
def contains(ca: np.ndarray, va: np.ndarray, cb: np.ndarray, vb: np.ndarray) -> np.ndarray:
    """Boolean (ka, kb): cube a_i contains cube b_j (every literal of a_i is in b_j).

    >>> contains(*from_strings(["1-", "11"]), *from_strings(["11"])).ravel().tolist()
    [True, True]
    """
    a_c, a_v = ca[:, None, :], va[:, None, :]
    return ((a_c & ~cb[None]) == 0).all(-1) & (((a_v ^ vb[None]) & a_c) == 0).all(-1)


def intersects(ca: np.ndarray, va: np.ndarray, cb: np.ndarray, vb: np.ndarray) -> np.ndarray:
    """Boolean (ka, kb): cubes a_i and b_j share a point (no conflicting literal)."""
    return ((ca[:, None, :] & cb[None] & (va[:, None, :] ^ vb[None])) == 0).all(-1)


def distance(ca: np.ndarray, va: np.ndarray, cb: np.ndarray, vb: np.ndarray) -> np.ndarray:
    """Int (ka, kb): number of inputs on which a_i and b_j have opposite literals.

    >>> distance(*from_strings(["10"]), *from_strings(["01", "1-"])).tolist()
    [[2, 0]]
    """
    clash = ca[:, None, :] & cb[None] & (va[:, None, :] ^ vb[None])
    return np.bitwise_count(clash).sum(-1, dtype=np.int64)


def intersect(ca, va, cb, vb) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row-wise intersection of two equal-length cube arrays: (care, value, nonempty)."""
    ok = ((ca & cb & (va ^ vb)) == 0).all(-1)
    return ca | cb, va | vb, ok


def consensus(ca, va, cb, vb) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row-wise consensus of equal-length cube arrays: (care, value, exists); exists at distance <= 1.

    At distance 1 the clashing input is dropped and the other literals are joined; at
    distance 0 the consensus is the intersection.

    >>> c, v, ok = consensus(*from_strings(["1-1"]), *from_strings(["01-"]))
    >>> to_strings(c, v, 3), ok.tolist()
    (['-11'], [True])
    """
    clash = ca & cb & (va ^ vb)
    ok = np.bitwise_count(clash).sum(-1) <= 1
    care = (ca | cb) & ~clash
    return care, (va | vb) & care, ok


def supercube(care: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The smallest cube containing all cubes of the array, as (W,) care and value."""
    if len(care) == 0:
        raise BoolnetError("the supercube of no cubes is undefined")
    allc = np.bitwise_and.reduce(care, axis=0)
    v1 = np.bitwise_and.reduce(value, axis=0)
    v0 = np.bitwise_or.reduce(value, axis=0)
    keep = allc & ~(v1 ^ v0)  # literals present in every cube with one polarity
    return keep, v1 & keep


def cofactor(care, value, pc, pv) -> tuple[np.ndarray, np.ndarray]:
    """Cofactor of a cube array with respect to cube p: the cubes meeting p, p's inputs freed.

    ``pc``/``pv`` are (W,) or (1, W) arrays.
    """
    pc = np.asarray(pc).reshape(-1)
    pv = np.asarray(pv).reshape(-1)
    keep = ((care & pc & (value ^ pv)) == 0).all(-1)
    c = care[keep] & ~pc
    return c, value[keep] & c


def cofactor_var(care, value, i: int, v: int) -> tuple[np.ndarray, np.ndarray]:
    """Cofactor with respect to input i = v (0/1)."""
    w, b = i // 64, _ONE << _U(i % 64)
    has = (care[:, w] & b) != 0
    pos = (value[:, w] & b) != 0
    keep = ~has | (pos == bool(v))
    c = care[keep]
    c[:, w] &= ~b
    return c, value[keep] & c


def scc(care: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Single-cube containment: a boolean mask keeping cubes not contained in another kept one.

    Duplicates keep their first copy.

    >>> scc(*from_strings(["1-", "11", "1-"])).tolist()
    [True, False, False]
    """
    k = len(care)
    if k <= 1:
        return np.ones(k, dtype=bool)
    # Larger cubes first, so a cube is only ever dropped for an earlier (kept) one.
    order = np.argsort(literal_counts(care), kind="stable")
    c, v = care[order], value[order]
    keep = np.ones(k, dtype=bool)
    step = max(1, (1 << 22) // (k * care.shape[1]))
    for s in range(0, k, step):
        blk = contains(c, v, c[s:s + step], v[s:s + step])  # (k, blk): c_i contains block_j
        idx = np.arange(s, min(k, s + step))
        # Drop block cube j if an earlier cube (i < j) contains it: earlier ones are never
        # smaller, and among equal cubes the first stays.
        earlier = np.arange(k)[:, None] < idx[None, :]
        dominated = (blk & earlier & keep[:, None]).any(0)
        keep[idx[dominated]] = False
    out = np.zeros(k, dtype=bool)
    out[order[keep]] = True
    return out


# ---------------------------------------------------------------------------- dense leaves
def _active(care: np.ndarray) -> np.ndarray:
    """Indices of the inputs some cube has a literal on."""
    w = care.shape[1]
    used = np.bitwise_or.reduce(care, axis=0) if len(care) else np.zeros(w, _U)
    return np.flatnonzero(bits_of(used[None, :], w * 64)[0])


_LIT_WORDS: dict[int, np.ndarray] = {}


def _var_words(v: int) -> np.ndarray:
    """Packed truth-table columns of v local inputs: (v, 2, words) for literal 0 and 1."""
    got = _LIT_WORDS.get(v)
    if got is None:
        rows = np.arange(1 << v)
        bits = ((rows[None, :] >> np.arange(v)[:, None]) & 1).astype(bool)  # local input j = bit j
        pad = max(64, 1 << v)
        b = np.zeros((v, 2, pad), dtype=bool)
        b[:, 1, :1 << v] = bits
        b[:, 0, :1 << v] = ~bits
        got = np.packbits(b, axis=-1, bitorder="little").view("<u8").astype(_U)
        _LIT_WORDS[v] = got
    return got


def _local_words(care, value, cols) -> np.ndarray:
    """Packed rows (k, words) each cube covers on the truth table of the inputs ``cols``."""
    v = len(cols)
    k = len(care)
    if v == 0:  # a table of one row, covered by every cube
        return np.ones((k, 1), dtype=_U)
    lw = _lit_table(v)  # (v, 3, words): literal 0, literal 1, no literal
    hi = cols[-1] + 1
    cb = bits_of(care, hi)[:, cols]
    vb = bits_of(value, hi)[:, cols]
    choice = np.where(cb, vb.astype(np.intp), 2)  # (k, v)
    return np.bitwise_and.reduce(lw[np.arange(v)[None, :], choice], axis=1)


_LIT3: dict[int, np.ndarray] = {}


def _lit_table(v: int) -> np.ndarray:
    """Per local input: the rows where it is 0, where it is 1, and all rows, packed."""
    got = _LIT3.get(v)
    if got is None:
        lw = _var_words(v)
        full = lw[:, :1] | lw[:, 1:2]
        got = np.concatenate([lw, full], axis=1)
        _LIT3[v] = got
    return got


def _dense_tautology(care, value, cols) -> bool:
    full = _var_words(len(cols))[0, 0] | _var_words(len(cols))[0, 1] if len(cols) else None
    if len(cols) == 0:
        return len(care) > 0
    cov = np.bitwise_or.reduce(_local_words(care, value, cols), axis=0)
    return bool(np.array_equal(cov, full))


# ---------------------------------------------------------------------------- tautology
def _has_full(care: np.ndarray) -> bool:
    return bool((~care.any(axis=1)).any())


def _unate_drop(care, value):
    """Drop cubes with a literal on a unate input: they cannot help make a tautology."""
    while len(care):
        pos = np.bitwise_or.reduce(value, axis=0)
        neg = np.bitwise_or.reduce(care & ~value, axis=0)
        unate = (pos ^ neg)
        if not unate.any():
            break
        keep = ((care & unate) == 0).all(axis=1)
        if keep.all():
            break
        care, value = care[keep], value[keep]
    return care, value


def _split_var(care, value) -> int:
    """The most binate input: most cubes in both polarities (ties: most cubes)."""
    pos, neg = _column_counts(care, value)
    score = np.minimum(pos, neg) * (1 << 20) + pos + neg
    return int(np.argmax(score))


def tautology(care: np.ndarray, value: np.ndarray) -> bool:
    """True when the cubes cover every point (the cover is the constant 1).

    >>> tautology(*from_strings(["1-", "01"]))
    False
    """
    stack = [(care, value)]
    while stack:
        c, v = stack.pop()
        if len(c) == 0:
            return False
        if _has_full(c):
            continue
        c, v = _unate_drop(c, v)
        if len(c) == 0:
            return False
        if _has_full(c):
            continue
        cols = _active(c)
        # Volume bound: cubes together too small to fill the space of the active inputs.
        if len(cols) < 60:
            vol = np.ldexp(1.0, -literal_counts(c)).sum()
            if vol < 1.0 - 1e-12:
                return False
        if len(cols) <= DENSE_VARS:
            if not _dense_tautology(c, v, cols):
                return False
            continue
        i = _split_var(c, v)
        stack.append(cofactor_var(c, v, i, 0))
        stack.append(cofactor_var(c, v, i, 1))
    return True


def covers_cube(care, value, pc, pv) -> bool:
    """True when the cube array covers the cube p (the cofactor by p is a tautology)."""
    return tautology(*cofactor(care, value, pc, pv))


# ---------------------------------------------------------------------------- complement
def _demorgan(pc: np.ndarray, pv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The complement of one cube: one single-literal cube per literal, negated."""
    w = pc.shape[0]
    n = w * 64
    idx = np.flatnonzero(bits_of(pc[None, :], n)[0])
    care = np.zeros((len(idx), w), dtype=_U)
    value = np.zeros((len(idx), w), dtype=_U)
    words, bits = idx // 64, (_ONE << (idx % 64).astype(_U))
    rows = np.arange(len(idx))
    care[rows, words] = bits
    neg = (pv[words] & bits) == 0  # the literal was negative, so its complement is positive
    value[rows[neg], words[neg]] = bits[neg]
    return care, value


def _common(care, value) -> tuple[np.ndarray, np.ndarray]:
    """Literals shared by every cube: (W,) care and value."""
    return supercube(care, value)


def _dense_complement(care, value, cols, w) -> tuple[np.ndarray, np.ndarray]:
    """Complement on the truth table of few inputs, returned as prime cubes (greedy cover)."""
    v = len(cols)
    cov = np.bitwise_or.reduce(_local_words(care, value, cols), axis=0)
    key = (v, cov.tobytes())
    d = _COMPL_CACHE.get(key)
    if d is None:
        d = _dense_complement_digits(cov, v)
        if len(_COMPL_CACHE) > 50000:
            _COMPL_CACHE.clear()
        _COMPL_CACHE[key] = d
    if len(d) == 0:
        return empty(w)
    cb = np.zeros((len(d), w * 64), dtype=bool)
    vb = np.zeros((len(d), w * 64), dtype=bool)
    cb[:, cols] = d != 2
    vb[:, cols] = d == 1
    return _pack(cb, w), _pack(vb, w)


#: Small complements already worked out, by (inputs, truth table): leaves repeat a lot.
_COMPL_CACHE: dict[tuple[int, bytes], np.ndarray] = {}


def _dense_complement_digits(cov: np.ndarray, v: int) -> np.ndarray:
    """Greedy prime cover of the rows ``cov`` misses, as (k, v) digits (0, 1, 2 = free)."""
    rows = np.arange(1 << v)
    covered = ((cov[rows // 64] >> (rows % 64).astype(_U)) & _ONE).astype(bool)
    off = ~covered
    if not off.any():
        return np.zeros((0, v), np.int64)
    # Implicants of the OFF set over all 3^v cubes (digit 2 = free), then primes.
    imp = off.reshape((2,) * v)  # axis a = local input v-1-a (row bit j is local input j)
    for a in range(v):
        imp = np.concatenate([imp, np.logical_and(imp.take([0], a), imp.take([1], a))], axis=a)
    prime = imp.copy()
    for a in range(v):
        sl = [slice(None)] * v
        sl[a] = slice(0, 2)
        up = imp.take([2], a)
        prime[tuple(sl)] &= ~up
    pidx = np.flatnonzero(prime.ravel())
    digits = np.array(np.unravel_index(pidx, (3,) * v)).T  # column a = local input v-1-a
    digits = digits[:, ::-1]  # column j = local input j
    # Greedy cover of the OFF rows: the prime covering most uncovered rows (larger on ties).
    rowbits = ((rows[:, None] >> np.arange(v)[None, :]) & 1)
    hit = ((digits[:, None, :] == 2) | (rowbits[None, :, :] == digits[:, None, :])).all(2)
    free = (digits == 2).sum(1)
    need = off.copy()
    chosen = []
    while need.any():
        b = int(np.argmax((hit & need[None, :]).sum(1) * 64 + free))
        chosen.append(digits[b])
        need &= ~hit[b]
    return np.array(chosen)


def complement_lower_bound(care: np.ndarray) -> float:
    """A lower bound on the size of any cube cover of the complement (as a float; may be inf).

    Cubes that share no input with any other cube are independent factors of the
    complement: the complement of c1 | c2 | ... with disjoint supports is the product of
    the complements, with |c1| * |c2| * ... cubes (2^65 for o64).
    """
    k = len(care)
    if k == 0:
        return 1.0
    n = care.shape[1] * 64
    inc = bits_of(care, n)
    shared = inc.sum(0) > 1          # inputs used by more than one cube
    alone = ~(inc & shared[None, :]).any(1)  # cubes sharing no input with another
    lits = inc[alone].sum(1)
    return float(np.prod(np.maximum(lits, 1).astype(np.float64)))


def complement(care: np.ndarray, value: np.ndarray, n: int,
               limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A cube array covering exactly the points the given one misses.

    Raises :class:`ComplementTooLarge` when an intermediate result exceeds ``limit`` cubes
    or a lower bound shows it would: the complement of k disjoint two-literal cubes has
    2^k cubes.

    >>> to_strings(*complement(*from_strings(["1-", "01"]), n=2), 2)
    ['00']
    """
    w = max(1, (n + 63) // 64)
    if care.shape[0] == 0:
        return universe(w)
    if limit is not None and complement_lower_bound(care) > limit:
        raise ComplementTooLarge(f"the complement has more than {limit} cubes "
                                 f"(independent cubes multiply)")
    return _compl(np.asarray(care, _U), np.asarray(value, _U), w, limit)


def _check(k: int, limit):
    if limit is not None and k > limit:
        raise ComplementTooLarge(f"the complement exceeds {limit} cubes")


def _compl(care, value, w, limit):
    if len(care) == 0:
        return universe(w)
    if _has_full(care):
        return empty(w)
    if len(care) == 1:
        return _demorgan(care[0], value[0])
    cc, cv = _common(care, value)
    if cc.any():
        # f = c & g  =>  ~f = ~c | ~g, with g the cover stripped of the common cube.
        a = _demorgan(cc, cv)
        g = care & ~cc
        b = _compl(g, value & g, w, limit)
        out = (np.concatenate([a[0], b[0]]), np.concatenate([a[1], b[1]]))
        _check(len(out[0]), limit)
        return out
    cols = _active(care)
    if len(cols) <= min(DENSE_VARS, 8):
        return _dense_complement(care, value, cols, w)
    i = _split_var(care, value)
    l_c, l_v = _compl(*cofactor_var(care, value, i, 0), w, limit)
    r_c, r_v = _compl(*cofactor_var(care, value, i, 1), w, limit)
    _check(len(l_c) + len(r_c), limit)
    out = _merge(l_c, l_v, r_c, r_v, i, w)
    _check(len(out[0]), limit)
    return out


def _merge(l_c, l_v, r_c, r_v, i, w):
    """x'·L ∪ x·R, lifting cubes contained on the other side so they drop the literal."""
    wd, b = i // 64, _ONE << _U(i % 64)
    lift_l = np.zeros(len(l_c), bool)
    lift_r = np.zeros(len(r_c), bool)
    small = len(l_c) * len(r_c) <= (1 << 24)  # lifting and containment are quadratic
    if len(l_c) and len(r_c) and small:
        # l ⊆ some r  =>  x'l ∪ x r ⊇ l: l needs no x literal (and vice versa).
        step = max(1, (1 << 22) // (len(r_c) * w))
        for s in range(0, len(l_c), step):
            m = contains(r_c, r_v, l_c[s:s + step], l_v[s:s + step])  # (kr, blk)
            lift_l[s:s + step] = m.any(0)
        step = max(1, (1 << 22) // (len(l_c) * w))
        for s in range(0, len(r_c), step):
            m = contains(l_c, l_v, r_c[s:s + step], r_v[s:s + step])
            lift_r[s:s + step] = m.any(0)
    lc = l_c.copy()
    lc[~lift_l, wd] |= b  # x' literal: care set, value 0
    rc = r_c.copy()
    rc[~lift_r, wd] |= b
    rv = r_v.copy()
    rv[~lift_r, wd] |= b
    care = np.concatenate([lc, rc])
    value = np.concatenate([l_v, rv])
    if not small:
        return care, value
    keep = scc(care, value)
    return care[keep], value[keep]


# ---------------------------------------------------------------------------- sccc
def sccc(care: np.ndarray, value: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The supercube of the complement, as (W,) care and value; None when the complement is empty.

    Computed without the complement itself: the complement lies inside ~x exactly when
    the cofactor by x is a tautology. This is what Espresso's REDUCE needs.

    >>> to_strings(*[a[None] for a in sccc(*from_strings(["1-", "-1"]), n=2)], 2)
    ['00']
    """
    w = max(1, (n + 63) // 64)
    r = _sccc(np.asarray(care, _U), np.asarray(value, _U), w)
    return r


def _sccc(care, value, w):
    if len(care) == 0:
        z = np.zeros(w, _U)
        return z, z.copy()
    if _has_full(care):
        return None
    if len(care) == 1:
        c = care[0]
        if np.bitwise_count(c).sum() == 1:
            return c.copy(), c & ~value[0]
        z = np.zeros(w, _U)
        return z, z.copy()
    cc, cv = _common(care, value)
    if cc.any():
        z = np.zeros(w, _U)
        if np.bitwise_count(cc).sum() >= 2:
            return z, z.copy()
        g = care & ~cc
        if tautology(g, value & g):
            return cc, cc & ~cv
        return z, z.copy()
    pos = np.bitwise_or.reduce(value, axis=0)
    neg = np.bitwise_or.reduce(care & ~value, axis=0)
    binate = pos & neg
    if binate.any():
        cols = _active(care)
        if len(cols) <= SCCC_DENSE_VARS:
            return _dense_sccc(care, value, cols, w)
    if not binate.any():
        # Unate: the complement lies inside ~x only for single-literal cubes x.
        single = np.bitwise_count(care).sum(1) == 1
        sc = np.bitwise_or.reduce(care[single], axis=0) if single.any() else np.zeros(w, _U)
        sv = np.bitwise_or.reduce(value[single], axis=0) if single.any() else np.zeros(w, _U)
        return sc, sc & ~sv
    i = _split_var(care, value)
    a = _sccc(*cofactor_var(care, value, i, 0), w)
    b = _sccc(*cofactor_var(care, value, i, 1), w)
    wd, bit = i // 64, _ONE << _U(i % 64)
    if a is None and b is None:
        return None
    if b is None:
        c, v = a[0].copy(), a[1].copy()
        c[wd] |= bit
        return c, v  # inside x' (value bit 0)
    if a is None:
        c, v = b[0].copy(), b[1].copy()
        c[wd] |= bit
        v[wd] |= bit
        return c, v
    keep = a[0] & b[0] & ~(a[1] ^ b[1])
    return keep, a[1] & keep


def _dense_sccc(care, value, cols, w):
    """sccc on the truth table of few inputs: inputs constant over the uncovered points."""
    v = len(cols)
    lw = _var_words(v)
    full = lw[0, 0] | lw[0, 1]
    unc = ~np.bitwise_or.reduce(_local_words(care, value, cols), axis=0) & full
    if not unc.any():
        return None
    zero = ~((lw[:, 1] & unc[None, :]).any(1))  # every uncovered point has the input at 0
    one = ~((lw[:, 0] & unc[None, :]).any(1))
    cb = np.zeros((1, w * 64), bool)
    vb = np.zeros((1, w * 64), bool)
    cb[0, cols] = zero | one
    vb[0, cols] = one
    return _pack(cb, w)[0], _pack(vb, w)[0]


# ---------------------------------------------------------------------------- sharp
def sharp(ca, va, cb, vb, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The disjoint sharp A # B: cubes covering the points of A outside B.

    >>> to_strings(*sharp(*from_strings(["--"]), *from_strings(["11"]), n=2), 2)
    ['0-', '10']
    """
    w = max(1, (n + 63) // 64)
    cur_c, cur_v = np.asarray(ca, _U), np.asarray(va, _U)
    for bc, bv in zip(cb, vb):
        if len(cur_c) == 0:
            break
        meet = ((cur_c & bc & (cur_v ^ bv)) == 0).all(1)
        keep_c, keep_v = [cur_c[~meet]], [cur_v[~meet]]
        mc, mv = cur_c[meet], cur_v[meet]
        # For each literal of b that a cube leaves free: the part with that literal
        # flipped, and the earlier literals fixed as in b (so the pieces are disjoint).
        free = bits_of(bc[None, :] & ~mc, n) if len(mc) else np.zeros((0, n), bool)
        fixed_c, fixed_v = mc.copy(), mv.copy()
        for i in np.flatnonzero(bits_of(bc[None, :], n)[0]):
            wd, bit = i // 64, _ONE << _U(i % 64)
            sel = free[:, i]
            if sel.any():
                pc, pv = fixed_c[sel].copy(), fixed_v[sel].copy()
                pc[:, wd] |= bit
                if not (bv[wd] & bit):
                    pv[:, wd] |= bit
                keep_c.append(pc)
                keep_v.append(pv)
                fixed_c[sel, wd] |= bit
                fixed_v[sel, wd] |= bv[wd] & bit
        cur_c, cur_v = np.concatenate(keep_c), np.concatenate(keep_v)
    if len(cur_c) == 0:
        return empty(w)
    return cur_c, cur_v


# ---------------------------------------------------------------------------- dense views
def cube_words(care: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Packed truth-table rows (k, 2^n/64) each cube covers; row numbering as BooleanFunction.

    Input i (first = most significant) is bit n-1-i of the row number.

    >>> hex(int(cube_words(*from_strings(["1-"]), 2)[0, 0]))
    '0xc'
    """
    from .bits import input_column, pack, words_for
    k = len(care)
    nw = words_for(1 << n)
    tail = np.full(nw, _ALL, dtype=_U)
    if n < 6:
        tail[:] = _U((1 << (1 << n)) - 1)
    out = np.repeat(tail[None, :], k, axis=0)
    cb, vb = bits_of(care, n), bits_of(value, n)
    for i in range(n):
        sel = cb[:, i]
        if not sel.any():
            continue
        col = pack(input_column(n, i))
        lit = np.stack([~col & tail, col])  # (2, nw)
        out[sel] &= lit[vb[sel, i].astype(np.intp)]
    return out


def cover_words(care, value, outputs: np.ndarray, n: int, chunk: int = 256) -> np.ndarray:
    """Packed ON words (m, 2^n/64) of a multi-output cover; ``outputs`` is boolean (k, m)."""
    from .bits import words_for
    outputs = np.asarray(outputs, bool)
    m = outputs.shape[1]
    res = np.zeros((m, words_for(1 << n)), dtype=_U)
    for s in range(0, len(care), chunk):
        cw = cube_words(care[s:s + chunk], value[s:s + chunk], n)
        o = outputs[s:s + chunk]
        for j in range(m):
            if o[:, j].any():
                res[j] |= np.bitwise_or.reduce(cw[o[:, j]], axis=0)
    return res


# ---------------------------------------------------------------------------- covering rows
def cover_rows(fixed: tuple[np.ndarray, np.ndarray], var: tuple[np.ndarray, np.ndarray],
               ids: np.ndarray, max_rows: int | None = None) -> list[tuple[int, ...]] | None:
    """The covering constraints that make ``fixed`` ∪ (a chosen subset of ``var``) a tautology.

    Returns a list of rows, each a sorted tuple of ids of ``var`` cubes of which at least
    one must be chosen; [] when ``fixed`` alone is a tautology; None when even all of
    ``var`` cannot make one. This is the covering matrix of Espresso's IRREDUNDANT (and of
    exact minimisation at cube level), found by splitting until cubes become full.

    >>> cover_rows(from_strings(["1-"]), from_strings(["0-", "01", "--"]), np.arange(3))
    [(0, 2)]
    """
    fc, fv = fixed
    vc, vv = var
    rows: set[tuple[int, ...]] = set()
    stack = [(fc, fv, vc, vv, np.asarray(ids), ())]
    while stack:
        fc, fv, vc, vv, vid, extra = stack.pop()
        if len(fc) and _has_full(fc):
            continue
        full = ~vc.any(axis=1) if len(vc) else np.zeros(0, bool)
        if full.any():
            extra = extra + tuple(int(x) for x in vid[full])
            vc, vv, vid = vc[~full], vv[~full], vid[~full]
            if not tautology(np.concatenate([fc, vc]), np.concatenate([fv, vv])):
                rows.add(tuple(sorted(extra)))
                if max_rows is not None and len(rows) > max_rows:
                    raise ComplementTooLarge(f"more than {max_rows} covering rows")
                continue
        # Inputs unate over fixed ∪ var: cubes with such a literal never help.
        ac = np.concatenate([fc, vc])
        av = np.concatenate([fv, vv])
        if len(ac) == 0:
            if extra:
                rows.add(tuple(sorted(extra)))
                continue
            return None
        pos = np.bitwise_or.reduce(av, axis=0)
        neg = np.bitwise_or.reduce(ac & ~av, axis=0)
        unate = pos ^ neg
        if unate.any():
            kf = ((fc & unate) == 0).all(1)
            kv = ((vc & unate) == 0).all(1)
            if not (kf.all() and kv.all()):
                stack.append((fc[kf], fv[kf], vc[kv], vv[kv], vid[kv], extra))
                continue
        binate = pos & neg
        if not binate.any():
            # Unate and no full cube: not coverable here.
            if extra:
                rows.add(tuple(sorted(extra)))
                continue
            return None
        cols = _active(ac)
        if len(cols) <= DENSE_VARS:
            # Finish on the truth table: each point outside ``fixed`` is one row.
            fw = np.bitwise_or.reduce(_local_words(fc, fv, cols), axis=0) if len(fc) \
                else np.zeros(_var_words(len(cols)).shape[-1], _U)
            vw = _local_words(vc, vv, cols)
            npts = 1 << len(cols)
            pts = np.arange(npts)
            sh = (pts % 64).astype(_U)
            fbit = ((fw[pts // 64] >> sh) & _ONE).astype(bool)
            vbit = ((vw[:, pts // 64] >> sh[None, :]) & _ONE).astype(bool)  # (kv, npts)
            open_pts = np.flatnonzero(~fbit)
            if open_pts.size:
                sub = vbit[:, open_pts]
                if not sub.any(0).all():
                    if not extra:
                        return None
                    rows.add(tuple(sorted(extra)))
                    continue
                uniq = np.unique(sub.T, axis=0)
                for u in uniq:
                    rows.add(tuple(sorted(extra + tuple(int(x) for x in vid[u]))))
                if max_rows is not None and len(rows) > max_rows:
                    raise ComplementTooLarge(f"more than {max_rows} covering rows")
            continue
        i = _split_var(ac, av)
        f0, f1 = cofactor_var(fc, fv, i, 0), cofactor_var(fc, fv, i, 1)
        wd, bit = i // 64, _ONE << _U(i % 64)
        has = (vc[:, wd] & bit) != 0
        pos_v = (vv[:, wd] & bit) != 0
        for val in (0, 1):
            keep = ~has | (pos_v == bool(val))
            c = vc[keep].copy()
            c[:, wd] &= ~bit
            fcv = f0 if val == 0 else f1
            stack.append((fcv[0], fcv[1], c, vv[keep] & c, vid[keep], extra))
    return sorted(rows)
