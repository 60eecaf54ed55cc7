"""The Espresso-II heuristic (expand, irredundant, reduce, last gasp) on multi-output cube arrays.

A cover here is a triple ``(care, value, out)``: (k, W) uint64 literal masks as in
:mod:`boolnet.cubes` and a boolean (k, m) output part. F is the ON cover being improved,
D the don't-care cover and R the OFF cover (None when it is too large to build: then
EXPAND asks tautology questions of F ∪ D instead of looking at R).

The loop is Espresso's (Brayton et al. 1984, ch. 4-7):

* EXPAND makes each cube prime, raising literals so the cube swallows as many other
  cubes as it can without touching R, then raising outputs (shared terms);
* IRREDUNDANT keeps a minimum subset of the primes that still covers F (relatively
  essential cubes, then an exact covering problem over the partially redundant ones);
* REDUCE shrinks each cube to the smallest cube that still covers what only it covers,
  so the next EXPAND can move it somewhere better;
* LAST GASP reduces every cube independently and expands again, keeping new primes that
  help. The loop stops when a pass brings no gain, or at the time/iteration budget.

Why Espresso's C code never finishes o64 (130 inputs, 65 cubes x1·x130 | x65·x129 | ...):
it first builds the OFF set, and the complement of 65 cubes over disjoint inputs is the
product of 65 two-cube complements, 2^65 cubes. :func:`offset` refuses it at once
(:func:`boolnet.cubes.complement_lower_bound`: independent cubes multiply) and EXPAND
then checks each raise by a tautology test of F ∪ D instead; o64 takes milliseconds.

>>> from boolnet import cubes
>>> c, v = cubes.from_strings(["000", "001", "011", "111"])
>>> F = (c, v, np.ones((4, 1), bool))
>>> G, info = espresso(F, None, None, n=3)
>>> sorted(cubes.to_strings(G[0], G[1], 3))
['-11', '00-']
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .. import cubes, unate
from ..cubes import ComplementTooLarge
from .exact_cover import solve_cover
from .expand1 import expand_cubes

__all__ = ["Budget", "EspressoInfo", "espresso", "offset", "expand", "irredundant", "reduce",
           "make_sparse"]

_U = np.uint64
#: Rounds the main loop runs on after one that did not improve the best cover.
EXTRA_ROUNDS = 1
#: IRREDUNDANT falls back to dropping cubes one by one when the cofactor of one cube has
#: more covering rows than this.
IRREDUNDANT_ROWS = 20000
#: EXPAND looks at the time budget between batches of this many cubes.
EXPAND_BATCH = 64


@dataclass
class Budget:
    """Limits on a heuristic run: wall-clock seconds and main-loop passes."""

    seconds: float | None = None
    iterations: int | None = None
    start: float = field(default_factory=time.perf_counter)

    def expired(self) -> bool:
        """True once the time limit has passed."""
        return self.seconds is not None and time.perf_counter() - self.start > self.seconds

    def left(self, cap: float | None = None) -> float | None:
        """Seconds left (at most ``cap``), or ``cap`` when there is no time limit."""
        if self.seconds is None:
            return cap
        rest = max(0.0, self.seconds - (time.perf_counter() - self.start))
        return rest if cap is None else min(cap, rest)


@dataclass
class EspressoInfo:
    """What a heuristic run did: passes, whether an OFF cover was used, and why it stopped."""

    passes: int = 0
    used_offset: bool = True
    offset_cubes: int | None = None
    stopped: str = "converged"
    notes: list[str] = field(default_factory=list)


def _cost(F) -> tuple[int, int]:
    return len(F[0]), int(cubes.literal_counts(F[0]).sum())


def _sel(F, mask):
    return F[0][mask], F[1][mask], F[2][mask]


def _cat(*Fs):
    return tuple(np.concatenate([f[i] for f in Fs]) for i in range(3))


def _empty(w: int, m: int):
    z = np.zeros((0, w), _U)
    return z, z.copy(), np.zeros((0, m), bool)


# ---------------------------------------------------------------------------- OFF set
def offset(F, D, n: int, limit: int | None = None):
    """The OFF cover: per output the complement of F ∪ D, identical cubes merged across outputs.

    Raises :class:`boolnet.cubes.ComplementTooLarge` beyond ``limit`` cubes in total.
    """
    care, value, out = _cat(F, D)
    m = out.shape[1]
    w = care.shape[1]
    index: dict[bytes, int] = {}  # a cube's words -> its number, first seen first
    cs, vs, ids, js = [], [], [], []
    for j in range(m):
        sel = out[:, j]
        rc, rv = cubes.complement(care[sel], value[sel], n,
                                  None if limit is None else max(1, limit - len(index)))
        before = len(index)
        keys = np.ascontiguousarray(np.concatenate([rc, rv], axis=1)).view(f"V{16 * w}")
        got = np.fromiter((index.setdefault(k, len(index)) for k in keys.ravel().tolist()),
                          np.int64, len(rc))
        fresh = np.unique(got[got >= before], return_index=True)[1]
        cs.append(rc[got >= before][fresh])
        vs.append(rv[got >= before][fresh])
        ids.append(got)
        js.append(np.full(len(got), j))
        if limit is not None and len(index) > limit:
            raise ComplementTooLarge(f"the OFF set exceeds {limit} cubes")
    if not index:
        return _empty(w, m)
    o = np.zeros((len(index), m), bool)
    o[np.concatenate(ids), np.concatenate(js)] = True
    return np.concatenate(cs), np.concatenate(vs), o


# ---------------------------------------------------------------------------- expand
def _covers(care, value, out, pc, pv, outs) -> bool:
    """True when the cover (care, value, out) covers cube p for every output in ``outs``."""
    return bool(unate.covers(*_contig(care, value, out, pc, pv, outs), -1))


def _contig(*arrays):
    return tuple(np.ascontiguousarray(a) for a in arrays)


def _bit_counts(rows: np.ndarray) -> np.ndarray:
    """How many rows have each bit set, over all 64 * W bits."""
    k = rows.shape[0]
    if k == 0:
        return np.zeros(rows.shape[1] * 64, np.int64)
    return np.unpackbits(np.ascontiguousarray(rows).view(np.uint8).reshape(k, -1), axis=1,
                         bitorder="little").sum(axis=0, dtype=np.int64)


def _expand_cube_taut(c, cv, co, FD, raise_outputs: bool):
    """Expand one cube without an OFF cover: each raise is kept when F ∪ D still covers it."""
    care, value, out = FD
    L = c.copy()
    w = c.shape[0]
    # Raise the literals other cubes use least first: they block sharing most rarely.
    counts = _bit_counts(care) if len(care) else np.zeros(w * 64, np.int64)
    lits = np.flatnonzero(cubes.bits_of(c[None, :], w * 64)[0])
    for i in lits[np.argsort(counts[lits], kind="stable")]:
        bit = np.zeros(w, _U)
        bit[i // 64] = _U(1) << _U(i % 64)
        trial = L & ~bit
        if _covers(care, value, out, trial, cv & trial, co):
            L = trial
    o = co.copy()
    if raise_outputs:
        for j in np.flatnonzero(~co):
            one = np.zeros_like(co)
            one[j] = True
            if _covers(care, value, out, L, cv & L, one):
                o[j] = True
    return L, o


def _pack_out(out: np.ndarray) -> np.ndarray:
    """Boolean (k, m) output parts to packed (k, ceil(m/64)) words."""
    return cubes._pack(out, max(1, (out.shape[1] + 63) // 64))


def _positional_counts(F, n):
    """Per part, how many cubes contain it: input i's 0 and 1 halves and each output."""
    care, value, out = F
    cb = cubes.bits_of(care, n)
    vb = cubes.bits_of(value, n)
    has0, has1 = ~cb | ~vb, ~cb | vb
    return has0, has1, has0.sum(0), has1.sum(0), out.sum(0)


def mini_weights(F, n: int) -> np.ndarray:
    """Espresso's MINI weight: the inner product of each cube with the column sums of the cover."""
    has0, has1, c0, c1, co = _positional_counts(F, n)
    return has0 @ c0 + has1 @ c1 + F[2] @ co


def reduce_order(F, n: int) -> np.ndarray:
    """Espresso's reduce order: nearest to the largest cube first, larger cubes first among equals."""
    care, value, out = F
    size = 2 * n - cubes.literal_counts(care) + out.sum(1)
    big = int(np.argmax(size))
    dist = cubes.distance(care[big:big + 1], value[big:big + 1], care, value)[0]
    dist = dist + ~(out & out[big]).any(1)
    key = ((n + 1 - dist) << 7) + np.minimum(size, 127)
    return np.argsort(-key, kind="stable")


def expand(F, R, D=None, raise_outputs: bool = True, budget: Budget | None = None,
           prime: np.ndarray | None = None, n: int | None = None):
    """Make every cube prime (MINI order), dropping cubes the expanded ones cover."""
    care, value, out = (a.copy() for a in F)
    k = len(care)
    if k == 0:
        return F
    m = out.shape[1]
    n = care.shape[1] * 64 if n is None else n
    alive = np.ones(k, bool)
    prime = np.zeros(k, bool) if prime is None else prime.copy()
    order = np.argsort(mini_weights(F, n), kind="stable")
    if R is not None:
        pout = _pack_out(out)
        omask = _pack_out(np.ones((1, m), bool))[0]
        rc, rv = _contig(R[0], R[1])
        ro = _pack_out(R[2])
        # Compiled in batches, so that the time budget is looked at between them.
        for s in range(0, k, EXPAND_BATCH):
            if budget is not None and budget.expired():
                break
            expand_cubes(care, value, pout, order[s:s + EXPAND_BATCH], alive, prime, rc, rv,
                         ro, raise_outputs, omask)
        out = cubes.bits_of(pout, m)
        return care[alive], value[alive], out[alive]
    for i in order:
        if not alive[i] or prime[i]:
            continue
        if budget is not None and budget.expired():
            break
        cur = _cat((care[alive], value[alive], out[alive]),
                   D if D is not None else _empty(care.shape[1], m))
        L, o = _expand_cube_taut(care[i], value[i], out[i], cur, raise_outputs)
        care[i], value[i], out[i] = L, value[i] & L, o
        prime[i] = True
        # Cubes inside the new prime, for outputs it feeds, are gone.
        inside = ((care[i] & ~care) == 0).all(1) & (((value ^ value[i]) & care[i]) == 0).all(1)
        inside &= ~(out & ~o).any(1) & ~prime
        alive &= ~inside
    return care[alive], value[alive], out[alive]


# ---------------------------------------------------------------------------- irredundant
def irredundant(F, D, time_limit: float | None = 5.0):
    """A minimum-cost subset of F that still covers F (with D): fewest cubes, then literals."""
    care, value, out = F
    k = len(care)
    if k <= 1:
        return F
    D = D if D is not None else _empty(care.shape[1], out.shape[1])
    AC, AV, AO = _cat(F, D)
    # Relatively essential cubes: some point only they cover.
    redundant = unate.covered_each(*_contig(AC, AV, AO, care, value, out), 0)
    if not redundant.any():
        return F
    ess = ~redundant
    ED = _cat(_sel(F, ess), D)
    # Totally redundant: covered by the essential cubes and D alone.
    partial = np.zeros(k, bool)
    partial[redundant] = ~unate.covered_each(*_contig(*ED, *_sel(F, redundant)), -1)
    rp = np.flatnonzero(partial)
    if len(rp) == 0:
        return _sel(F, ess)
    # Covering rows: which partially redundant cubes can cover each piece of each one.
    P = _sel(F, partial)
    status, flat, starts = unate.irredundant_rows(*_contig(*ED, *P), IRREDUNDANT_ROWS)
    rows = cubes.row_tuples(flat, starts) if status == 0 else None
    lits = cubes.literal_counts(P[0])
    if rows is None:
        chosen = _sequential_irredundant(P, ED)
    else:
        sol = solve_cover(sorted(rows), lits, time_limit=time_limit)
        chosen = sol.chosen
    keep = ess.copy()
    keep[rp[chosen]] = True
    return _sel(F, keep)


def _sequential_irredundant(P, ED) -> np.ndarray:
    """Fallback: drop partially redundant cubes one by one, most literals first."""
    care, value, out = P
    alive = np.ones(len(care), bool)
    for i in np.argsort(-cubes.literal_counts(care), kind="stable"):
        alive[i] = False
        cur = _cat(_sel(P, alive), ED)
        if not _covers(cur[0], cur[1], cur[2], care[i], value[i], out[i]):
            alive[i] = True
    return np.flatnonzero(alive)


# ---------------------------------------------------------------------------- reduce
#: REDUCE on cubes looks at the time budget between batches of this many cubes.
REDUCE_BATCH = 64


def reduce(F, D, n: int, sequential: bool = True, order: np.ndarray | None = None,
           budget: Budget | None = None):
    """Shrink each cube to what it alone must cover; returns (cover, unchanged mask).

    With ``sequential`` each cube is reduced against the already reduced others (Espresso's
    REDUCE); without, against the original cover (LAST GASP). Cubes that turn out
    redundant are dropped. When ``budget`` expires the remaining cubes stay as they are
    (the cover is still a cover).
    """
    care, value = (np.array(a, order="C") for a in F[:2])
    out = np.array(F[2], dtype=bool, order="C")
    k = len(care)
    D = _contig(*(D if D is not None else _empty(care.shape[1], out.shape[1])))
    alive = np.ones(k, bool)
    same = np.ones(k, bool)
    # LAST GASP reduces against the cover as it came; REDUCE only against the reduced one.
    src = (care, value, out) if sequential else (care.copy(), value.copy(), out.copy())
    order = np.arange(k) if order is None else np.asarray(order, np.int64)
    # Compiled in batches (a Python loop cost ~15 us a cube: apex3 has 3,300 a run).
    for s in range(0, k, REDUCE_BATCH):
        if budget is not None and budget.expired():
            break
        unate.reduce_cubes(care, value, out, alive, same, *src, *D, order[s:s + REDUCE_BATCH],
                           sequential)
    return (care[alive], value[alive], out[alive]), same[alive]


# ---------------------------------------------------------------------------- make sparse
def make_sparse(F, D, R=None, n: int | None = None):
    """Disconnect cubes from outputs the rest of the cover already covers, then re-expand inputs."""
    care, value, out = F
    if out.shape[1] <= 1 or len(care) == 0:
        return F
    D = D if D is not None else _empty(care.shape[1], out.shape[1])
    k = len(care)
    # F's cubes first, then D's: the kernel lowers F's output parts in place.
    C, V, O = (np.ascontiguousarray(a) for a in _cat((care, value, out.astype(bool)), D))
    unate.make_sparse_cubes(C, V, O, np.argsort(-cubes.literal_counts(care), kind="stable"))
    G = (C[:k], V[:k], O[:k])
    return expand(G, R, D, raise_outputs=False, n=n)


# ---------------------------------------------------------------------------- the loop
def _better(a, b) -> bool:
    return _cost(a) < _cost(b)


class _Steps:
    """IRREDUNDANT, REDUCE and MAKE SPARSE on cubes (tautology) or on point counts (small n).

    The point-count steps work on (m, 2^n) tables (their memory is fixed when the
    DenseSpace is made, whatever the cover), so they are used whenever one is given.
    """

    def __init__(self, D, n, dense=None, budget: Budget | None = None):
        self.D, self.n, self.dense = D, n, dense
        self.budget = budget or Budget()
        self.cut = False  # a step was cut short by the time limit

    def _expired(self) -> bool:
        if self.budget.expired():
            self.cut = True
        return self.cut

    def _dense_ok(self, F) -> bool:
        return self.dense is not None

    def irredundant(self, F):
        # Out of time: F stays as it is (a cover, perhaps redundant).
        if self._expired():
            return F
        limit = self.budget.left(5.0)
        if self._dense_ok(F):
            from . import dense as dn
            G = dn.irredundant(self.dense, F, time_limit=limit)
            if G is not None:
                return G
        return irredundant(F, self.D, time_limit=limit)

    def reduce(self, F, order=None, sequential=True):
        if self._dense_ok(F):
            from . import dense as dn
            return dn.reduce(self.dense, F, order=order, sequential=sequential,
                             budget=self.budget)
        return reduce(F, self.D, self.n, sequential=sequential, order=order,
                      budget=self.budget)

    def make_sparse(self, F, R):
        # Runs even after the time limit cut the loop short: it only lowers literals and
        # is cheap next to the main loop (pdc's complement cut at 3 s had 2.5x the
        # literals without it).
        if self._dense_ok(F):
            from . import dense as dn
            G = dn.make_sparse(self.dense, F)
            return expand(G, R, self.D, raise_outputs=False, n=self.n)
        return make_sparse(F, self.D, R, self.n)


def last_gasp(F, D, R, n: int, steps: "_Steps | None" = None):
    """Reduce every cube independently, expand the results, and keep primes that help."""
    steps = steps or _Steps(D, n)
    G, same = steps.reduce(F, sequential=False)
    if same.all() or steps._expired():
        return F
    Gr = _sel(G, ~same)
    H = expand(Gr, R, D, n=n, budget=steps.budget)
    # A new prime inside a cube of F adds nothing (F is irredundant already).
    h, g = np.nonzero(cubes.contains(F[0], F[1], H[0], H[1]).T)
    ok = ~(H[2][h] & ~F[2][g]).any(1)
    H = _sel(H, np.bincount(h[ok], minlength=len(H[0])) == 0)
    if len(H[0]) == 0:
        return F
    return steps.irredundant(_cat(F, H))


def unwrap(F):
    """One single-output cube per (cube, output) pair: EXPAND then chooses what to share."""
    care, value, out = F
    rows, cols = np.nonzero(out)
    o = np.zeros((len(rows), out.shape[1]), bool)
    o[np.arange(len(rows)), cols] = True
    return care[rows], value[rows], o


def espresso(F, D, R, n: int, budget: Budget | None = None,
             progress: Callable[[str, float], None] | None = None,
             offset_limit: int | None = 50000, dense=None):
    """Minimise cover F (with don't-cares D, OFF cover R or None to derive it): returns (cover, info).

    ``dense`` (a :class:`boolnet.twolevel.dense.DenseSpace`) switches IRREDUNDANT, REDUCE
    and MAKE SPARSE to point counts, which is much faster when 2^n rows fit.
    """
    budget = budget or Budget()
    info = EspressoInfo()
    w = F[0].shape[1]
    m = F[2].shape[1]
    D = D if D is not None else _empty(w, m)
    F = _prepare(F)
    if len(F[0]) == 0:
        return F, info
    if R is None:
        try:
            R = offset(F, D, n, offset_limit)
            info.offset_cubes = len(R[0])
        except ComplementTooLarge:
            info.used_offset = False
            info.notes.append(f"the OFF set has more than {offset_limit} cubes; expanding "
                              f"with tautology checks instead")
    else:
        info.offset_cubes = len(R[0])
    R_use = R if info.used_offset else None
    steps = _Steps(D, n, dense, budget)
    tick = progress or (lambda stage, frac: None)
    start = F
    if m > 1 and int(F[2].sum()) < 5000:
        F = unwrap(F)
    tick("expand", 0.0)
    F = expand(F, R_use, D, budget=budget, n=n)
    tick("irredundant", 0.1)
    F = steps.irredundant(F)
    if len(F[0]) == 0:
        # Every ON cube lies in the don't-cares (a .type fdr PLA whose cubes are all '-'):
        # the empty cover is minimal, and REDUCE's order has no largest cube to start from.
        return F, info
    best = F
    toggle = True

    def stop() -> bool:
        if budget.expired():
            info.stopped = "time limit"
            return True
        if budget.iterations is not None and info.passes >= budget.iterations:
            info.stopped = "iteration limit"
            return True
        return False

    idle = 0
    while not stop():
        round_start = _cost(best)
        # Inner loop: reduce, expand, irredundant while the number of cubes falls.
        while not stop():
            info.passes += 1
            tick(f"pass {info.passes}", min(0.9, 0.1 + 0.1 * info.passes))
            before = F
            order = reduce_order(F, n) if toggle else np.argsort(-mini_weights(F, n), kind="stable")
            toggle = not toggle
            G, same = steps.reduce(F, order=order)
            G = expand(G, R_use, D, budget=budget, prime=same, n=n)
            F = steps.irredundant(G)
            if len(F[0]) == 0:
                return F, info  # nothing left to cover: the empty cover is minimal
            if _better(F, best):
                best = F
            if len(F[0]) >= len(before[0]):
                break
        if stop():
            break
        F = last_gasp(F, D, R_use, n, steps)
        if _better(F, best):
            best = F
        # Go round again while the best cover keeps improving, and once more after a
        # round without gain (the reduce order alternates, so the next round differs; the
        # best cover is kept, so an extra round never makes the answer worse).
        if not _cost(best) < round_start:
            idle += 1
            if idle > EXTRA_ROUNDS:
                break
    tick("make sparse", 0.95)
    best = steps.make_sparse(best, R_use)
    if _better(start, best):
        best = start
    if steps.cut and info.stopped == "converged":
        info.stopped = "time limit"
    return best, info


def _prepare(F):
    """Merge cubes with equal inputs (joining outputs) and drop cubes inside others."""
    care, value, out = F
    if len(care) == 0:
        return F
    key = np.concatenate([care, value], axis=1)
    uniq, inv = np.unique(key, axis=0, return_inverse=True)
    inv = inv.ravel()
    o = np.zeros((len(uniq), out.shape[1]), bool)
    np.logical_or.at(o, inv, out)
    w = care.shape[1]
    care, value, out = uniq[:, :w].copy(), uniq[:, w:].copy(), o
    # A cube inside another that feeds all its outputs adds nothing.
    keep = unate.scc(care, value, out)
    return care[keep], value[keep], out[keep]
