"""Threshold-implicant covers: two-level networks whose hidden units are threshold functions.

In the wide form (:mod:`boolnet.compiler.wide`) every hidden unit is a cube, an AND of
literals. Any threshold function h that fires on no OFF row of an output (don't-cares
are free) may serve that output instead, and the output is the OR of its units. One
threshold unit often does the work of several cubes of a minimised cover:
``x1 x2 x3 | x1 x2 x4 = [2 x1 + 2 x2 + x3 + x4 >= 5]``, and in general ``core & (a | b | c d)``
is one unit. This module starts from the multi-output cover and merges groups of its
cubes into threshold implicants, greedily:

1. Seeds are taken most literals first; a seed grows by absorbing the live cubes closest
   to it (most shared literals), one at a time, while one threshold unit covers every
   cube of the group and is an implicant of every output any of them serves. A group of
   g cubes becomes one unit instead of g.
2. Feasibility of a group. Each weight's sign is fixed by the polarity of the group's
   literals on that input (the majority), and negative inputs are flipped so that every
   weight is >= 0. Such a unit is smallest on a cube at the cube's minimum point (free
   inputs 0) and largest on an OFF cube at its maximum point (free inputs 1); inputs
   that no cube of the group reads get weight 0 (a weight there only raises OFF sums).
   So the unit exists exactly when the group's minimum points and the OFF cubes' maximum
   points, projected onto the group's literal inputs, are linearly separable with
   non-negative weights. Checked cheapest first: an OFF point above a group point rules
   the group out (monotonicity), and so do two group points whose sum is the sum of two
   points below OFF points (2-summability; on alu4 it settles every group the linear
   program would have refused); weights that count each literal's cubes settle
   ``core & (a | b | ...)``; else a linear program (:func:`boolnet.synth.threshold.separate_lp`,
   HiGHS) whose rounded integer weights are checked on every point.
3. A unit taken serves every output it is an implicant of among those the cubes inside it
   still need, and a cube left needing no output is dropped (later seeds see the smaller
   needs). A second pass merges for one output at a time cubes that other outputs share
   (no whole merge could free them), keeping a unit only when it frees a cube. Each
   output is the OR of the units serving it, ``[sum >= 1]``; every unit frees at least
   one cube, so the network never has more units than the cube-per-unit wide form of
   the same cover.

For a table, a last pass drops a unit from each output whose ON rows the output's other
units already cover (:func:`irredundant`). The dual form (``dual=True``) runs the same
search on a cover of the complement: its units are threshold implicates of f and each
output is their NOR, the product-of-sums analogue.

The OFF set of an output is its table's OFF rows (at most 2^16 per output) or, at cube
level, the PLA's OFF cover or the complement of ON | DC as cubes; no 2^n table is built
at cube level. The greedy search stops at its time limit with the merges found so far.

>>> from boolnet.function import BooleanFunction
>>> from boolnet.compiler.auto import function_cover
>>> f = BooleanFunction.from_expr("a & b & c | a & b & d")
>>> net = tcover_network(function_cover(f), f)
>>> net.layers[0].W.tolist(), net.layers[0].b.tolist()
([[2, 2, 1, 1]], [-5])

References: S. Muroga, *Threshold Logic and its Applications* (1971), ch. 5-6 (threshold
implicants and two-level threshold networks); R. K. Brayton et al., *Logic Minimization
Algorithms for VLSI Synthesis* (1984) for the cube expansion this imitates.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..bits import unpack
from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, NotApplicable, check_memory
from ..function import BooleanFunction
from ..nn import Layer, Network
from ..synth.threshold import separate_lp

__all__ = ["ThresholdUnit", "TcoverStats", "off_set", "threshold_cover", "irredundant",
           "tcover_network",
           "TCOVER_SECONDS", "MAX_SUPPORT", "MAX_TRIES"]

#: Seconds the greedy merging may take before it keeps the merges found so far.
TCOVER_SECONDS = 10.0
#: Most inputs a merged unit reads (its points are rows of at most this many columns).
MAX_SUPPORT = 24
#: Candidates tried per seed (closest first). Measured: 64 instead of 24 gave the same units
#: on apex4, table3 and table5 and one fewer on alu4 (310 of 575 cubes) for 30% more time.
MAX_TRIES = 24
#: A pass ends after this many checks and seeds without a merge (a cover whose cubes do
#: not merge, such as the 12,870 minterms of "exactly 8 of 16", would spend the whole time
#: limit; with this bound it stops after 2.3 s). Measured on the five big shared files
#: and their duals: 2,000 changes no unit count, 1,000 loses one unit on ex1010.
STALL_CHECKS = 2000
#: Most OFF cubes of one output kept for the checks at cube level.
MAX_OFF_CUBES = 1 << 17
#: Largest table whose OFF rows are kept as a bool array per output.
TABLE_INPUTS = 16
#: Cubes the complement of ON | DC may reach at cube level before the form is refused.
COMPLEMENT_LIMIT = 20000
#: Largest units x rows for which :func:`irredundant` runs (a bool each, 64 MiB). Measured:
#: majority:16's dual, 4,721 units x 2^16 rows, took 17 s there; spla's ~250 x 2^16, 0.3 s.
IRREDUNDANT_CELLS = 1 << 26

_U = np.uint64


@dataclass(frozen=True, eq=False)  # (arrays: compared by identity, not elementwise)
class ThresholdUnit:
    """A hidden unit ``[sum(w[i] x[i]) + bias >= 0]`` over all inputs, and the outputs it serves."""

    weights: np.ndarray
    bias: int
    outputs: frozenset

    def __repr__(self) -> str:
        terms = " ".join(f"{'+' if w > 0 else '-'}{abs(int(w)) if abs(w) != 1 else ''}x{i}"
                         for i, w in enumerate(self.weights) if w)
        return f"[{terms} >= {-self.bias}] -> {sorted(self.outputs)}"


@dataclass
class TcoverStats:
    """Counts and seconds of one run: cubes in, units out, merges (whole or for one output) and
    the cubes they made unnecessary, checks by kind."""

    cubes: int = 0
    units: int = 0
    merged_groups: int = 0
    cubes_dropped: int = 0
    seeds: int = 0
    checks: int = 0
    monotone_rejects: int = 0
    summable_rejects: int = 0
    count_fits: int = 0
    lp_calls: int = 0
    lp_fits: int = 0
    timed_out: bool = False
    stalled: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """JSON-ready counts."""
        return dict(self.__dict__)


# ---------------------------------------------------------------------------- OFF cubes
def off_set(f, j: int, limit: int = COMPLEMENT_LIMIT):
    """Output j's OFF set: a bool array of the 2^n rows for a table (at most 16 inputs), else
    (care, value) words of cubes covering it exactly.

    A CubeFunction gives its OFF cover (types fr, fdr) or the complement of ON | DC (raises
    NotApplicable beyond ``limit`` cubes).
    """
    if isinstance(f, BooleanFunction):
        if f.n > TABLE_INPUTS:
            raise NotApplicable(f"a table of {f.n} inputs: the threshold cover reads tables of "
                                f"at most {TABLE_INPUTS}")
        return ~f.on_bits()[j].astype(bool) & ~f.dc_bits()[j].astype(bool)
    from .. import cubes
    if not isinstance(f, CubeFunction):
        raise BoolnetError(f"off_set needs a BooleanFunction or CubeFunction, "
                           f"got {type(f).__name__}")
    if f.off is not None:  # the OFF cover given (fr, fdr; r, dr) is the OFF set
        c = f.off.output(j)
        return c.care, c.value
    on, dc = f.on.output(j), f.dc.output(j)
    care = np.concatenate([on.care, dc.care])
    value = np.concatenate([on.value, dc.value])
    try:
        return cubes.complement(care, value, f.n, limit=limit)
    except cubes.ComplementTooLarge as exc:
        raise NotApplicable(f"output {j}'s OFF set: {exc}") from None


# ---------------------------------------------------------------------------- points
def _bits(words: np.ndarray, support: np.ndarray) -> np.ndarray:
    """Columns ``support`` of (k, W) words as a (k, len(support)) uint8 array."""
    out = np.empty((words.shape[0], len(support)), np.uint8)
    for c, i in enumerate(support):
        out[:, c] = (words[:, i >> 6] >> _U(i & 63)) & _U(1)
    return out


def _keys(bits: np.ndarray) -> np.ndarray:
    """Each row of a (k, s <= 63) 0/1 array as one integer (column c = bit c)."""
    return (bits.astype(_U) << np.arange(bits.shape[1], dtype=_U)).sum(axis=1, dtype=_U)


#: Largest support whose 2^s projected OFF table is built (above: the OFF points one by one).
TABLE_SUPPORT = 16


def _up_and_above(A: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray]:
    """For a set A of points of {0,1}^s (a bool array indexed by key): U[x] = some point of A
    is >= x, and V[x] = some point of A is > x (superset sums, one input at a time)."""
    U = A.copy()
    for c in range(s):
        v = U.reshape(-1, 2, 1 << c)
        v[:, 0, :] |= v[:, 1, :]
    V = np.zeros_like(A)
    for c in range(s):
        u, v = U.reshape(-1, 2, 1 << c), V.reshape(-1, 2, 1 << c)
        v[:, 0, :] |= u[:, 1, :]
    return U, V


#: Most inputs on which two group points may differ for the 2-summability test (2^t splits).
SUMMABLE_MAX_DIFF = 10


def _summable(on_keys: np.ndarray, below_off: np.ndarray) -> bool:
    """True when the last group point a and another one b sum to two points that are both
    forced OFF (each below an OFF point): a + b = c + d rules out every unit, since
    u.a + u.b = u.c + u.d while the left side is >= 2 t and the right < 2 t.

    c takes the inputs a and b share plus any part of those where they differ; d the rest.
    This is the 2-summability test of threshold logic (Muroga 1971, ch. 7), restricted to
    pairs with the newest cube, which is all a growing group needs.
    """
    a = int(on_keys[-1])
    for b in on_keys[:-1].tolist():
        common, diff = a & b, a ^ b
        bits = [1 << i for i in range(diff.bit_length()) if (diff >> i) & 1]
        if not bits or len(bits) > SUMMABLE_MAX_DIFF:
            continue
        # Every split of the differing inputs between c and d, as keys.
        parts = np.zeros(1, np.int64)
        for bit in bits:
            parts = np.concatenate([parts, parts + bit])
        c = common | parts
        d = common | (diff - parts)
        if (below_off[c] & below_off[d]).any():
            return True
    return False


class _Problem:
    """The cover's cubes, each output's OFF set, and the feasibility check of a group."""

    def __init__(self, cover: Cover, off: list, stats: TcoverStats):
        self.n, self.m = cover.n, cover.m
        self.care, self.value = cover.care, cover.value
        self.outputs = np.asarray(cover.outputs, bool)
        # Per output: (care, value) words of OFF cubes, or a bool table of 2^n rows.
        self.off = off
        self.stats = stats
        # Per cube: its literal inputs with their polarity, as boolean rows.
        self.lit = unpack(self.care, self.n)
        self.pos = unpack(self.value, self.n) & self.lit

    def _off_table(self, outs: np.ndarray, support: np.ndarray, sign: np.ndarray) -> np.ndarray:
        """The OFF points of the outputs ``outs`` projected onto ``support``, flipped, as a
        bool array indexed by key."""
        s = len(support)
        js = np.flatnonzero(outs)
        if len(js) and isinstance(self.off[js[0]], np.ndarray):
            # Tables: OR the outputs' rows first, then one projection (axis i is input i).
            o = self.off[js[0]] if len(js) == 1 else np.logical_or.reduce([self.off[j] for j in js])
            others = tuple(i for i in range(self.n) if i not in set(support.tolist()))
            A = o.reshape((2,) * self.n).any(axis=others) if others else o.reshape((2,) * self.n)
            for c in np.flatnonzero(sign < 0):
                A = np.flip(A, axis=int(c))
            # Key bit c is support column c: the first axis must become the lowest bit.
            return np.ascontiguousarray(A.transpose(tuple(range(s - 1, -1, -1)))).reshape(-1)
        A = np.zeros(1 << s, bool)
        for j in js:
            A[self._off_keys(int(j), support, sign)] = True
        return A

    def _off_keys(self, j: int, support: np.ndarray, sign: np.ndarray) -> np.ndarray:
        """Keys of output j's OFF cubes' maximum points over ``support`` (flipped), cube level."""
        c, v = self.off[j]
        flip = np.zeros(self.care.shape[1], _U)
        for i in support[sign < 0]:
            flip[i >> 6] |= _U(1) << _U(i & 63)
        return _keys(_bits(~c | (v ^ flip), support))

    def fit(self, group: list[int], outs: np.ndarray):
        """Integer (support, signs, u, bias) of a unit covering the group's cubes and no OFF
        point of the outputs ``outs``, in flipped coordinates (u >= 0); None when none exists
        (or the rounding failed)."""
        st = self.stats
        st.checks += 1
        g = np.asarray(group)
        npos = self.pos[g].sum(axis=0)
        nneg = (self.lit[g] & ~self.pos[g]).sum(axis=0)
        support = np.flatnonzero(npos + nneg)
        s = len(support)
        if s > MAX_SUPPORT:
            return None
        sign = np.where(npos[support] >= nneg[support], 1, -1)
        # Group minimum points (flipped: a literal's value xor flip; free inputs 0).
        on_pts = np.where(self.pos[g][:, support], sign > 0, sign < 0) & self.lit[g][:, support]
        on_keys = _keys(on_pts)
        outs_j = np.flatnonzero(outs)
        if s <= TABLE_SUPPORT:
            A = self._off_table(outs, support, sign)
            U, V = _up_and_above(A, s)
            # Monotone filter: an OFF point at or above a group point is fatal for u >= 0.
            if U[on_keys].any():
                st.monotone_rejects += 1
                return None
            if _summable(on_keys, U):
                st.summable_rejects += 1
                return None
            # Only the maximal OFF points bind (every other one lies below one of them).
            off_keys = np.flatnonzero(A & ~V).astype(_U)
        else:
            off_keys = np.unique(np.concatenate([self._off_keys(int(j), support, sign)
                                                 for j in outs_j] + [np.zeros(0, _U)]))
            if ((on_keys[:, None] & ~off_keys[None, :]) == 0).any():
                st.monotone_rejects += 1
                return None
        if not len(off_keys):
            return support, sign, np.zeros(s, np.int64), 0
        shifts = np.arange(s, dtype=_U)
        off_pts = ((off_keys[:, None] >> shifts) & _U(1)).astype(np.int64)
        on_pts = on_pts.astype(np.int64)
        # Weights that count the group's cubes reading each literal (core & (a | b | ...)).
        u = on_pts.sum(axis=0)
        lo, hi = int((on_pts @ u).min()), int((off_pts @ u).max())
        if hi < lo:
            st.count_fits += 1
            return support, sign, u, -lo
        st.lp_calls += 1
        X = np.vstack([on_pts, off_pts])
        y = np.concatenate([np.ones(len(on_pts), bool), np.zeros(len(off_pts), bool)])
        found = separate_lp(X, y, np.ones(s, np.int64))
        if isinstance(found, str) or found is None:
            return None
        u, b = found
        if (on_pts @ u + b).min() < 0 or (off_pts @ u + b).max() >= 0:  # never trust rounding
            return None
        st.lp_fits += 1
        return support, sign, u.astype(np.int64), int(b)

    def unit(self, fitted, outs: np.ndarray) -> ThresholdUnit:
        """The fitted unit over all inputs (negative inputs un-flipped)."""
        support, sign, u, b = fitted
        w = np.zeros(self.n, np.int64)
        w[support] = sign * u
        # u (1 - x) = u - u x: each flipped input adds its weight to the bias.
        b = int(b + u[sign < 0].sum())
        return ThresholdUnit(w, b, frozenset(int(j) for j in np.flatnonzero(outs)))

    def implicant_of(self, unit: ThresholdUnit, j: int) -> bool:
        """True when the unit fires on no OFF cube of output j."""
        o = self.off[j]
        if isinstance(o, np.ndarray):
            rows = np.flatnonzero(o)
            if not len(rows):
                return True
            sup = np.flatnonzero(unit.weights)
            bits = (rows[:, None] >> (self.n - 1 - sup)[None, :]) & 1
            return bool((bits @ unit.weights[sup]).max() + unit.bias < 0)
        c, v = o
        if not len(c):
            return True
        return bool(self._max_over(unit, c, v).max() + unit.bias < 0)

    def _max_over(self, unit: ThresholdUnit, c: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The largest weighted sum of the unit on each cube (a free input adds max(w, 0))."""
        sup = np.flatnonzero(unit.weights)
        w = unit.weights[sup]
        lit, val = _bits(c, sup).astype(bool), _bits(v, sup).astype(bool)
        return np.where(lit, np.where(val, w, 0), np.maximum(w, 0)).sum(axis=1)

    def contained(self, unit: ThresholdUnit) -> np.ndarray:
        """Per cube of the cover: True when the unit fires on all of it."""
        sup = np.flatnonzero(unit.weights)
        w = unit.weights[sup]
        lit, pos = self.lit[:, sup], self.pos[:, sup]
        low = np.where(lit, np.where(pos, w, 0), np.minimum(w, 0)).sum(axis=1)
        return low + unit.bias >= 0


# ---------------------------------------------------------------------------- the search
def _closeness(p: _Problem, seed: int, alive: np.ndarray) -> np.ndarray:
    """Live cubes worth trying with ``seed``, closest first (most shared literals, fewest
    opposite ones, fewest extra)."""
    lit, pos = p.lit, p.pos
    same = (lit & lit[seed] & ~(pos ^ pos[seed])).sum(axis=1)
    clash = (lit & lit[seed] & (pos ^ pos[seed])).sum(axis=1)
    extra = (lit ^ lit[seed]).sum(axis=1)
    ok = alive.copy()
    ok[seed] = False
    # A clash cannot merge two primes: x A | ~x B in one unit contains B, an expansion.
    ok &= (same >= 1) & (clash == 0)
    idx = np.flatnonzero(ok)
    order = np.lexsort((extra[idx], clash[idx], -same[idx]))
    return idx[order]


def threshold_cover(cover: Cover, off: list, *, time_limit: float | None = TCOVER_SECONDS,
                    max_tries: int = MAX_TRIES) -> tuple[list[ThresholdUnit], TcoverStats]:
    """Threshold implicants whose ORs give every output of ``cover``: merged groups of its cubes.

    Parameters
    ----------
    cover : the minimised multi-output cover (each cube an implicant of the outputs it serves).
    off : per output, its OFF set as :func:`off_set` gives it.
    time_limit : seconds for the greedy merging; None for no limit. Each pass also ends
        after ``STALL_CHECKS`` checks without a merge.
    max_tries : candidates tried per seed.

    Returns
    -------
    The units (never more than the cover's cubes that serve some output) and the stats.
    """
    t0 = time.perf_counter()
    st = TcoverStats(cubes=len(cover))
    p = _Problem(cover, off, st)
    need = p.outputs.copy()  # per cube, the outputs no unit serves for it yet
    units: list[ThresholdUnit] = []
    order = np.argsort(-p.lit.sum(axis=1), kind="stable")

    last = [0]  # st.checks at the last merge of the current pass

    def late() -> bool:
        st.timed_out = time_limit is not None and time.perf_counter() - t0 > time_limit
        st.stalled = st.checks + st.seeds - last[0] > STALL_CHECKS
        return st.timed_out or st.stalled

    # Pass 1: whole merges. A group's unit serves every output its cubes still need.
    failed: set[tuple[int, int]] = set()
    for seed in order:
        if not need[seed].any():
            continue
        if late():
            break
        st.seeds += 1
        group, outs, best = [int(seed)], need[seed].copy(), None
        for c in _closeness(p, seed, need.any(axis=1))[:max_tries]:
            c = int(c)
            if (min(seed, c), max(seed, c)) in failed:
                continue
            fitted = p.fit(group + [c], outs | need[c])
            if fitted is None:
                if len(group) == 1:
                    failed.add((min(seed, c), max(seed, c)))
                continue
            group.append(c)
            outs, best = outs | need[c], fitted
        if best is not None:
            st.merged_groups += 1
            last[0] = st.checks + st.seeds
            _take(p, p.unit(best, outs), need, units)
    last[0] = st.checks + st.seeds
    # Pass 2: partial merges. A unit for one output of a seed shared with other outputs
    # (so no whole merge freed it), kept when it frees a cube (the unit count does not grow,
    # and a later merge for another output may free the seed). Measured: requiring two freed
    # cubes found nothing on apex4 and ex1010; one freed cube saves 5 and 1 units.
    for seed in order:
        for j in np.flatnonzero(need[seed]) if need[seed].sum() > 1 else ():
            if not need[seed, j] or late():
                continue
            st.seeds += 1
            target = np.zeros(p.m, bool)
            target[j] = True
            # Only cubes this output alone still needs: they are the ones such a unit frees
            # (measured: other candidates cost apex4's dual 3 s of LPs and freed 2 cubes).
            cand = _closeness(p, seed, need[:, j] & (need.sum(axis=1) == 1))[:max_tries]
            group, best = [int(seed)], None
            for c in cand:
                fitted = p.fit(group + [int(c)], target)
                if fitted is not None:
                    group.append(int(c))
                    best = fitted
            if best is not None:
                u = p.unit(best, target)
                if _freed(p, u, need) >= 1:
                    st.merged_groups += 1
                    last[0] = st.checks + st.seeds
                    _take(p, u, need, units)
    keep = np.flatnonzero(need.any(axis=1))
    st.cubes_dropped = int(p.outputs.any(axis=1).sum() - len(keep))
    from .units import and_units
    W, b = and_units(p.lit[keep], p.pos[keep])
    for i, c in enumerate(keep):
        serve = frozenset(int(j) for j in np.flatnonzero(need[c]))
        units.append(ThresholdUnit(W[i], int(b[i]), serve))
    st.units = len(units)
    st.seconds = time.perf_counter() - t0
    return units, st


def _serving(p: _Problem, u: ThresholdUnit, need: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cubes the unit contains, and the outputs it serves: its own and every other output
    one of those cubes needs, where the unit is an implicant of it too."""
    inside = p.contained(u) & need.any(axis=1)
    serve = np.zeros(p.m, bool)
    serve[sorted(u.outputs)] = True
    for j in np.flatnonzero(need[inside].any(axis=0) & ~serve):
        serve[j] = p.implicant_of(u, int(j))
    return inside, serve


def _freed(p: _Problem, u: ThresholdUnit, need: np.ndarray) -> int:
    """How many cubes would need no output any more if the unit were taken."""
    inside, serve = _serving(p, u, need)
    return int((~(need[inside] & ~serve).any(axis=1)).sum())


def _take(p: _Problem, u: ThresholdUnit, need: np.ndarray, units: list) -> None:
    """Add the unit, serving every output it can for the cubes inside it, and update ``need``."""
    inside, serve = _serving(p, u, need)
    need[inside] &= ~serve
    units.append(ThresholdUnit(u.weights, u.bias, frozenset(int(j) for j in np.flatnonzero(serve))))


def irredundant(units: list[ThresholdUnit], f: BooleanFunction) -> list[ThresholdUnit]:
    """Drop each unit from every output whose ON rows the output's other units cover, the units
    firing on fewest ON rows first; units left with no output go (a table's rows, n <= 16).

    Merged units can cover a cube between them that none contains on its own, which the
    cube-level needs of :func:`threshold_cover` do not see.
    """
    if not units:
        return units
    n, rows = f.n, f.rows
    check_memory(len(units) * rows * 2.0 + rows * (n + 8) * 8.0,
                 f"the activations of {len(units)} units on {rows} rows")
    X = ((np.arange(rows)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int32)
    W = np.array([u.weights for u in units], np.int32).reshape(len(units), n)
    b = np.array([u.bias for u in units], np.int32)
    H = np.empty((len(units), rows), bool)
    step = max(1, (1 << 24) // rows)  # units per block: a 64 MiB int32 block of sums at most
    for s in range(0, len(units), step):
        H[s:s + step] = (X @ W[s:s + step].T + b[s:s + step]).T >= 0
    need = f.on_bits().astype(bool) & ~f.dc_bits().astype(bool)
    serve = [set(u.outputs) for u in units]
    for j in range(f.m):
        mine = [i for i, sv in enumerate(serve) if j in sv]
        if len(mine) < 2:
            continue
        on = H[mine][:, need[j]]
        count = on.sum(axis=0)
        for k in np.argsort(on.sum(axis=1), kind="stable"):
            if (count[on[k]] >= 2).all():
                count -= on[k]
                serve[mine[k]].discard(j)
    return [ThresholdUnit(u.weights, u.bias, frozenset(sv)) for u, sv in zip(units, serve) if sv]


# ---------------------------------------------------------------------------- the network
def tcover_network(cover: Cover, f, *, time_limit: float | None = TCOVER_SECONDS,
                   dual: bool = False) -> Network:
    """The two-level network of threshold implicants for ``cover`` (a cover of ``f``, a table or
    CubeFunction): merged hidden units and one OR unit per output.

    With ``dual``, ``cover`` and ``f`` are the complement's and each output is the NOR of its
    units, ``[-sum >= 0]`` (threshold implicates and an AND: the product-of-sums analogue).
    Raises NotApplicable when an output's OFF set is out of reach (see :func:`off_set`).
    """
    n, m = cover.n, cover.m
    words = max(1, (n + 63) // 64)
    off = []
    for j in range(m):
        o = off_set(f, j)
        size = o.nbytes if isinstance(o, np.ndarray) else len(o[0]) * words * 16.0
        if not isinstance(o, np.ndarray) and len(o[0]) > MAX_OFF_CUBES:
            raise NotApplicable(f"output {j} has {len(o[0])} OFF cubes; at most "
                                f"{MAX_OFF_CUBES} are checked")
        check_memory(size * (m - j), f"the OFF sets of {m} outputs")
        off.append(o)
    units, stats = threshold_cover(cover, off, time_limit=time_limit)
    if isinstance(f, BooleanFunction) and len(units) * f.rows <= IRREDUNDANT_CELLS:
        units = irredundant(units, f)
        stats.units = len(units)
    from ..nn.exact import BITSLICE_BYTES_PER_WEIGHT
    check_memory(len(units) * (n + 1) * (8.0 + BITSLICE_BYTES_PER_WEIGHT),
                 f"a threshold-cover network of {len(units)} hidden units over {n} inputs")
    if units:
        W1 = np.array([u.weights for u in units], np.int64).reshape(len(units), n)
        b1 = np.array([u.bias for u in units], np.int64)
        W2 = np.zeros((m, len(units)), np.int64)
        for i, u in enumerate(units):
            W2[sorted(u.outputs), i] = 1
    else:  # every output constant 0: one idle unit keeps the usual shape
        W1, b1 = np.zeros((1, n), np.int64), np.full(1, -1, np.int64)
        W2 = np.zeros((m, 1), np.int64)
    b2 = np.full(m, -1, np.int64)
    if dual:  # NOT (h1 | h2 | ...): fires while no unit does
        W2, b2 = -W2, np.zeros(m, np.int64)
    return Network(n, [Layer(W1, b1, "step"), Layer(W2, b2, "step")], encoding="01",
                   meta={"input_names": list(cover.input_names),
                         "output_names": list(cover.output_names),
                         "arch": "tcover_pos" if dual else "tcover",
                         "tcover": stats.to_dict()})
