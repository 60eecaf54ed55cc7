"""Vectorised operations on arrays of cubes: containment, intersection, distance, consensus,
cofactor, tautology, complement, sharp.

A cube array is a pair of ``uint64`` arrays ``care`` and ``value`` of shape (k, W): input i
is bit i % 64 of word i // 64, ``care`` says which inputs are literals and ``value`` (a
subset of ``care``) their polarity. This is the layout of :class:`boolnet.cover.Cover`, so
its ``care``/``value`` arrays go in and out unchanged, for any number of inputs.

The recursive algorithms (tautology, complement, supercube of the complement) follow the
unate recursive paradigm of Espresso (Brayton et al., *Logic Minimization Algorithms for
VLSI Synthesis*, 1984): split on the most binate input, solve the cofactors, merge. Their
nodes are small, so they run compiled (:mod:`boolnet.unate`); the functions here check
arguments and turn results into the types above.

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

from . import unate
from .errors import BoolnetError
from .jit import jit

__all__ = [
    "ComplementTooLarge", "from_strings", "to_strings", "empty", "universe", "bits_of",
    "literal_counts", "contains", "intersects", "distance", "intersect", "consensus",
    "supercube", "cofactor", "cofactor_var", "scc", "tautology", "covers_cube", "complement",
    "sccc", "sharp", "complement_lower_bound", "row_masks", "cube_words", "cover_words",
    "cover_rows",
    "row_tuples",
]

_U = np.uint64
_ONE = _U(1)
_ALL = _U(0xFFFFFFFFFFFFFFFF)



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
    care = _words(care)
    return unate.scc(care, _words(value).reshape(care.shape), np.ones((len(care), 1), bool))


# ---------------------------------------------------------------------------- tautology
def _words(a) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=_U)


def tautology(care: np.ndarray, value: np.ndarray) -> bool:
    """True when the cubes cover every point (the cover is the constant 1).

    >>> tautology(*from_strings(["1-", "01"]))
    False
    """
    care = _words(care)
    if care.ndim != 2:
        raise BoolnetError("tautology() takes (k, W) care and value arrays")
    return bool(unate.tautology(care, _words(value)))


def covers_cube(care, value, pc, pv) -> bool:
    """True when the cube array covers the cube p (the cofactor by p is a tautology)."""
    return tautology(*cofactor(care, value, pc, pv))


# ---------------------------------------------------------------------------- complement
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
    over = np.zeros(1, np.bool_)
    c, v = unate.complement(_words(care), _words(value), -1 if limit is None else int(limit),
                            over)
    if over[0]:
        raise ComplementTooLarge(f"the complement exceeds {limit} cubes")
    return c, v


# ---------------------------------------------------------------------------- sccc
def sccc(care: np.ndarray, value: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The supercube of the complement, as (W,) care and value; None when the complement is empty.

    Computed without the complement itself: the complement lies inside ~x exactly when
    the cofactor by x is a tautology. This is what Espresso's REDUCE needs.

    >>> to_strings(*[a[None] for a in sccc(*from_strings(["1-", "-1"]), n=2)], 2)
    ['00']
    """
    w = max(1, (n + 63) // 64)
    care = _words(care).reshape(-1, w)
    found, c, v = unate.sccc(care, _words(value).reshape(-1, w))
    return (c, v) if found else None


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
def row_masks(care: np.ndarray, value: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Cubes as row-number bit masks (input i is row bit n-1-i): (care, value) int64 arrays."""
    weights = (1 << np.arange(n - 1, -1, -1)).astype(np.int64)
    cb, vb = bits_of(care, n), bits_of(value, n)
    return cb @ weights, (cb & vb) @ weights


def cube_words(care: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Packed truth-table rows (k, 2^n/64) each cube covers; row numbering as BooleanFunction.

    Input i (first = most significant) is bit n-1-i of the row number.

    >>> hex(int(cube_words(*from_strings(["1-"]), 2)[0, 0]))
    '0xc'
    """
    k = len(care)
    return _words_into(care, value, n, k, np.arange(k + 1), np.arange(k))


def cover_words(care, value, outputs: np.ndarray, n: int) -> np.ndarray:
    """Packed ON words (m, 2^n/64) of a multi-output cover; ``outputs`` is boolean (k, m)."""
    outputs = np.asarray(outputs, bool)
    cube, out = np.nonzero(outputs)  # cube by cube
    start = np.zeros(len(outputs) + 1, np.int64)
    np.cumsum(np.bincount(cube, minlength=len(outputs)), out=start[1:])
    return _words_into(care, value, n, outputs.shape[1], start, out)


def _words_into(care, value, n: int, rows: int, start, target) -> np.ndarray:
    """(rows, 2^n/64) words, cube i ORed into rows ``target[start[i]:start[i + 1]]``."""
    from .bits import words_for
    res = np.zeros((rows, words_for(1 << n)), dtype=_U)
    cm, vm = row_masks(care, value, n)
    _or_words(cm, vm, np.asarray(start, np.int64), np.asarray(target, np.int64), n, res)
    return res


@jit
def _or_words(cm, vm, start, target, n, res):
    """OR each cube's rows into the word rows it targets. Word w holds rows 64w..64w+63:
    the low six row bits pick the bit, so a cube is one 64-bit pattern (from its literals
    on the last six inputs) in the words its other literals select."""
    nw = res.shape[1]
    low_rows = min(64, 1 << n)
    for i in range(cm.shape[0]):
        clo, vlo = cm[i] & 63, vm[i] & 63
        pattern = np.uint64(0)
        for b in range(low_rows):
            if (b & clo) == vlo:
                pattern |= np.uint64(1) << np.uint64(b)
        chi, vhi = cm[i] >> 6, vm[i] >> 6
        for w in range(nw):
            if (w & chi) == vhi:
                for t in range(start[i], start[i + 1]):
                    res[target[t], w] |= pattern


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
    w = max(fc.shape[1] if fc.ndim == 2 else 1, vc.shape[1] if vc.ndim == 2 else 1)
    status, flat, starts = unate.cover_rows_flat(
        _words(fc).reshape(-1, w), _words(fv).reshape(-1, w), _words(vc).reshape(-1, w),
        _words(vv).reshape(-1, w), np.ascontiguousarray(ids, np.int64),
        -1 if max_rows is None else int(max_rows))
    if status == 1:
        return None
    if status == 2:
        raise ComplementTooLarge(f"more than {max_rows} covering rows")
    return sorted(row_tuples(flat, starts))


def row_tuples(ids: np.ndarray, starts: np.ndarray) -> set[tuple[int, ...]]:
    """Covering rows returned flat by the kernels (row r = ``ids[starts[r]:starts[r + 1]]``) as a set of tuples."""
    ids, starts = ids.tolist(), starts.tolist()
    return {tuple(ids[a:b]) for a, b in zip(starts[:-1], starts[1:])}
