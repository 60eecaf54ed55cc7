"""NPN canonical forms of single-output functions of at most 6 inputs, and NPN class enumeration.

Two functions are NPN-equivalent when one becomes the other by permuting the inputs (P),
negating some inputs (N) and negating the output (N). The group has 2^(n+1) n! elements.

A truth table of ``n <= 6`` inputs is an int (or one ``uint64`` word): bit r is the value on
row r, and row r has input 1 as its most significant bit (boolnet's convention).

Canonical form. A table is *normalised* when (1) it has at most 2^(n-1) ones, (2) for every
input the cofactor with that input at 1 has at most as many ones as the cofactor at 0, and
(3) the inputs' cofactor counts ``min(c0, c1)`` do not decrease from the last input (row bit
0) to the first. Every class holds normalised members, and the transforms that normalise a
given table are exactly those that respect the forced choices (polarity, phases, order) and
try every tie. The canonical form is the smallest normalised member of the class: it is
exact (two tables have the same form iff they are NPN-equivalent), found by trying only the
tied choices, usually a handful and at worst the whole group (parity). Counting how many
transforms reach the minimum gives the stabiliser, hence the class size
2^(n+1) n! / |stabiliser| for free.

Class enumeration for n = 5 uses that every class has a member whose cofactor on the first
input (the low 16 rows) is a canonical 4-input table: 222 x 2^16 tables canonicalised
(about 15 million) instead of 2^32. The class sizes must (and do) sum to 2^(2^n).

References: N. Hurst et al., *Spectral Techniques in Digital Logic* (1985) for signature
based classification; OEIS A000370 (NPN classes: 2, 2, 4, 14, 222, 616126, ...).

>>> t = npn_canonical(0x6996, 4); hex(t.tt), t.apply(0x6996) == t.tt
('0x6996', True)
>>> [len(npn_classes(n)[0]) for n in range(5)]
[1, 2, 4, 14, 222]
"""
from __future__ import annotations

import itertools
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import BoolnetError
from .jit import jit

__all__ = ["NPNTransform", "npn_canonical", "npn_canonical_many", "npn_classes", "npn_orbit",
           "MAX_INPUTS"]

#: Largest number of inputs handled (a table is one 64-bit word).
MAX_INPUTS = 6

# Positions whose row index has bit j at 0 (the table's variable j, i.e. input n-j).
_LOW = np.array([0x5555555555555555, 0x3333333333333333, 0x0F0F0F0F0F0F0F0F,
                 0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF, 0x00000000FFFFFFFF], dtype=np.uint64)
_PERMS = [np.array(list(itertools.permutations(range(n))), dtype=np.int64) if n else
          np.zeros((1, 1), np.int64) for n in range(MAX_INPUTS + 1)]


def _tail(n: int) -> int:
    return (1 << (1 << n)) - 1


@jit
def _popc(x):
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return np.int64((x * np.uint64(0x0101010101010101)) >> np.uint64(56))


@jit
def _flip(t, j, low):
    s = np.uint64(1 << j)
    m = low[j]
    return ((t & m) << s) | ((t >> s) & m)


@jit
def _swap(t, i, j, low):
    # Exchange table variables i < j: rows with (var i, var j) = (1, 0) and (0, 1) trade places.
    if i > j:
        i, j = j, i
    a = ~low[i] & low[j]
    d = np.uint64((1 << j) - (1 << i))
    return (t & ~(a | (a << d))) | ((t & a) << d) | ((t >> d) & a)


@jit
def _transform(t, n, out, flips, pi, low, arr):
    """g(x) = out ^ f(y) with y[pi[i]] = x[i] ^ (flips >> pi[i] & 1), in table variables.

    ``arr`` is scratch space of n integers (no allocation in the hot loop).
    """
    for v in range(n):
        if (flips >> v) & 1:
            t = _flip(t, v, low)
    for v in range(n):
        arr[v] = v
    for i in range(n):
        k = i
        while arr[k] != pi[i]:
            k += 1
        if k != i:
            t = _swap(t, i, k, low)
            arr[i], arr[k] = arr[k], arr[i]
    if out:
        t = ~t
    return t


@jit
def _canon(t, n, low, perms, tail, best_pi, work, valid):
    """Smallest normalised member of t's class: (canon, count, out, flips); fills best_pi.

    ``count`` is how many of the 2^(n+1) n! transforms give the minimum: the stabiliser's size.
    ``work`` (6 x n integers) and ``valid`` (n! booleans) are scratch space.
    """
    ones = _popc(t & tail)
    best = np.uint64(0)
    have = False
    count = 0
    best_out = 0
    best_flips = 0
    c0, c1, key, order, pi, arr = work[0], work[1], work[2], work[3], work[4], work[5]
    for out in range(2):
        u = (t ^ tail) & tail if out else t & tail
        k1 = (1 << n) - ones if out else ones
        if 2 * k1 > (1 << n):
            continue
        forced = 0
        ties = 0
        for v in range(n):
            c1[v] = _popc(u & ~low[v] & tail)
            c0[v] = k1 - c1[v]
            key[v] = min(c0[v], c1[v])
            if c1[v] > c0[v]:
                forced |= 1 << v
            elif c1[v] == c0[v]:
                ties |= 1 << v
        # variables by key, descending from table variable n-1 (input 1) ... ascending in v
        for v in range(n):
            order[v] = v
        for a in range(n):
            for b in range(n - 1 - a):
                if key[order[b]] > key[order[b + 1]]:
                    order[b], order[b + 1] = order[b + 1], order[b]
        for p in range(perms.shape[0]):
            ok = True
            for i in range(n):
                if key[order[perms[p, i]]] != key[order[i]]:
                    ok = False
                    break
            valid[p] = ok
        sub = 0
        while True:
            flips = forced | sub
            h = u
            for v in range(n):
                if (flips >> v) & 1:
                    h = _flip(h, v, low)
            for p in range(perms.shape[0]):
                if not valid[p]:
                    continue
                for i in range(n):
                    pi[i] = order[perms[p, i]]
                g = _transform(h, n, 0, 0, pi, low, arr)
                if (not have) or g < best:
                    best = g
                    have = True
                    count = 1
                    best_out = out
                    best_flips = flips
                    for i in range(n):
                        best_pi[i] = pi[i]
                elif g == best:
                    count += 1
            if sub == ties:
                break
            sub = (sub - ties) & ties  # the next subset of the ties, in increasing order
    return best, count, best_out, best_flips


@jit
def _canon_many(tts, n, low, perms, tail, canon, counts):
    pi = np.zeros(max(n, 1), np.int64)
    work = np.zeros((6, max(n, 1)), np.int64)
    valid = np.zeros(perms.shape[0], np.bool_)
    for r in range(tts.shape[0]):
        c, k, o, f = _canon(tts[r], n, low, perms, tail, pi, work, valid)
        canon[r] = c
        counts[r] = k


@jit
def _orbit(t, n, low, perms, tail, out_tts):
    """Every image of t under the group (with repeats), written to out_tts; returns the count."""
    k = 0
    pi = np.zeros(max(n, 1), np.int64)
    arr = np.zeros(max(n, 1), np.int64)
    for out in range(2):
        for flips in range(1 << n):
            for p in range(perms.shape[0]):
                for i in range(n):
                    pi[i] = perms[p, i]
                out_tts[k] = _transform(t, n, out, flips, pi, low, arr) & tail
                k += 1
    return k


def _check(tt: int, n: int) -> None:
    if not 0 <= n <= MAX_INPUTS:
        raise BoolnetError(f"NPN forms are computed for 0 .. {MAX_INPUTS} inputs, got n = {n}")
    if not 0 <= int(tt) <= _tail(n):
        raise BoolnetError(f"truth table {int(tt):#x} has bits beyond row {(1 << n) - 1} "
                           f"of a {n}-input table")


@dataclass(frozen=True)
class NPNTransform:
    """A member of the NPN group and the canonical table it reaches.

    The canonical function is ``g(x) = out_neg XOR f(y)`` where input ``perm[i]`` of f
    reads input i of g, negated when ``neg[i]``: ``y[perm[i]] = x[i] XOR neg[i]``.
    Inputs are numbered 0 .. n-1 from the first (most significant) input.
    """

    n: int
    tt: int
    perm: tuple[int, ...]
    neg: tuple[bool, ...]
    out_neg: bool
    stabilizer: int = 1

    @property
    def class_size(self) -> int:
        """How many functions are in the class: 2^(n+1) n! / |stabiliser| (int)."""
        return (2 << self.n) * math.factorial(self.n) // self.stabilizer

    def _internal(self) -> tuple[int, int, np.ndarray]:
        n = self.n
        pi = np.array([n - 1 - self.perm[n - 1 - v] for v in range(n)], dtype=np.int64)
        flips = 0
        for i in range(n):
            if self.neg[i]:
                flips |= 1 << (n - 1 - self.perm[i])
        return int(self.out_neg), flips, pi

    def apply(self, tt: int) -> int:
        """The image of the table ``tt`` (int) under this transform (f -> g)."""
        _check(tt, self.n)
        out, flips, pi = self._internal()
        arr = np.zeros(max(self.n, 1), np.int64)
        return int(_transform(np.uint64(tt), self.n, out, flips, pi, _LOW, arr)
                   & np.uint64(_tail(self.n)))

    def inverse(self) -> "NPNTransform":
        """The transform taking the canonical table back to the original (g -> f)."""
        n = self.n
        inv = [0] * n
        for i, p in enumerate(self.perm):
            inv[p] = i
        neg = tuple(self.neg[inv[j]] for j in range(n))
        return NPNTransform(n, self.apply_inverse(self.tt), tuple(inv), neg, self.out_neg,
                            self.stabilizer)

    def apply_inverse(self, tt: int) -> int:
        """The table f with ``self.apply(f) == tt`` (g -> f)."""
        _check(tt, self.n)
        n = self.n
        f = 0
        for y in range(1 << n):
            x = 0
            for i in range(n):
                bit = ((y >> (n - 1 - self.perm[i])) & 1) ^ int(self.neg[i])
                x |= bit << (n - 1 - i)
            f |= (((tt >> x) & 1) ^ int(self.out_neg)) << y
        return f


def npn_canonical(tt: int, n: int) -> NPNTransform:
    """The NPN canonical form of the n-input table ``tt`` and a transform reaching it.

    >>> t = npn_canonical(0b1000, 2)   # x1 AND x2
    >>> t.tt, t.class_size              # the AND class: 8 functions (ANDs and ORs of literals)
    (1, 8)
    """
    _check(tt, n)
    pi = np.zeros(max(n, 1), np.int64)
    c, count, out, flips = _canon(np.uint64(tt), n, _LOW, _PERMS[n], np.uint64(_tail(n)), pi,
                                  np.zeros((6, max(n, 1)), np.int64),
                                  np.zeros(len(_PERMS[n]), np.bool_))
    perm = [0] * n
    neg = [False] * n
    for v in range(n):  # table variable v of g reads table variable pi[v] of f
        perm[n - 1 - v] = n - 1 - int(pi[v])
        neg[n - 1 - v] = bool((flips >> int(pi[v])) & 1)
    return NPNTransform(n, int(c), tuple(perm), tuple(neg), bool(out), int(count))


def npn_canonical_many(tts: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Canonical tables (uint64) and class sizes (int64) of many n-input tables at once."""
    if not 0 <= n <= MAX_INPUTS:
        raise BoolnetError(f"NPN forms are computed for 0 .. {MAX_INPUTS} inputs, got n = {n}")
    tts = np.ascontiguousarray(np.asarray(tts, dtype=np.uint64))
    if tts.size and int(tts.max()) > _tail(n):
        raise BoolnetError(f"a truth table has bits beyond row {(1 << n) - 1} of a {n}-input table")
    canon = np.empty(tts.shape, np.uint64)
    counts = np.empty(tts.shape, np.int64)
    _canon_many(tts.ravel(), n, _LOW, _PERMS[n], np.uint64(_tail(n)), canon.reshape(-1),
                counts.reshape(-1))
    group = (2 << n) * math.factorial(n)
    return canon, group // counts


def npn_orbit(tt: int, n: int) -> np.ndarray:
    """Every table NPN-equivalent to ``tt``, sorted (uint64), by applying the whole group."""
    _check(tt, n)
    buf = np.empty((2 << n) * math.factorial(n), np.uint64)
    _orbit(np.uint64(tt), n, _LOW, _PERMS[n], np.uint64(_tail(n)), buf)
    return np.unique(buf)


def _cache_dir() -> Path:
    base = os.environ.get("BOOLNET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "boolnet")
    return Path(base)


_MEMO: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def npn_classes(n: int, *, cache: bool = True, verbose: bool = False
                ) -> tuple[np.ndarray, np.ndarray]:
    """Canonical tables (sorted, uint64) of every NPN class of n <= 5 inputs, and their sizes.

    The sizes sum to 2^(2^n). n <= 4 is computed in a second; n = 5 (616,126 classes) takes
    about a minute once and is then read from ``~/.cache/boolnet/npn5.npz`` (or
    ``$BOOLNET_CACHE``).

    >>> tts, sizes = npn_classes(3); len(tts), int(sizes.sum())
    (14, 256)
    """
    if not 0 <= n <= 5:
        raise BoolnetError(f"NPN classes are enumerated for 0 .. 5 inputs, got n = {n}")
    if n in _MEMO:
        return _MEMO[n]
    path = _cache_dir() / f"npn{n}.npz"
    if n == 5 and cache and path.exists():
        with np.load(path) as z:
            tts, sizes = z["tts"], z["sizes"]
        if len(tts) == 616126 and int(sizes.sum()) == 1 << 32:
            _MEMO[n] = (tts, sizes)
            return _MEMO[n]
    t0 = time.perf_counter()
    if n <= 4:
        cand = np.arange(1 << (1 << n), dtype=np.uint64)
    else:
        reps4, _ = npn_classes(4)
        lo = np.repeat(reps4, 1 << 16)
        hi = np.tile(np.arange(1 << 16, dtype=np.uint64), len(reps4)) << np.uint64(16)
        cand = lo | hi
    canon, sizes = npn_canonical_many(cand, n)
    tts, first = np.unique(canon, return_index=True)
    sizes = sizes[first]
    if int(sizes.sum()) != 1 << (1 << n):  # a self-check that costs nothing
        raise BoolnetError(f"NPN class sizes for n = {n} sum to {int(sizes.sum())}, "
                           f"not 2^{1 << n}: please report this")
    if verbose:
        import sys
        print(f"npn classes n={n}: {len(tts)} classes in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    if n == 5 and cache:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez(tmp, tts=tts, sizes=sizes)
            os.replace(tmp, path)
        except OSError:  # a read-only home: compute again next time
            pass
    _MEMO[n] = (tts, sizes)
    return _MEMO[n]
