"""``minimize(f, method=...)``: the one entry point, its report, and the equivalence check every result passes.

>>> from boolnet import BooleanFunction
>>> f = BooleanFunction.from_minterms(4, [0, 1, 2, 5, 6, 7, 8, 9, 10, 14])
>>> cover, report = minimize(f, method="exact")
>>> report.terms, report.literals, report.method, report.proven
(3, 7, 'exact', True)
>>> cover.to_expr()
'~x1 & x2 & x4 | ~x2 & ~x3 | x3 & ~x4'
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np

from .. import cubes, unate
from ..bits import words_for
from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, dense_limit
from ..function import BooleanFunction
from .espresso import Budget, espresso
from .exact import CoverTooLarge, exact_dense
from .exact_cover import greedy_cover
from .isop import isop_cover, table_ints
from .memory import (MemoryBudgetExceeded, POINT_BYTES, human, matrix_bytes, matrix_size,
                     resolve_budget)
from .primes import TooManyPrimes, dense_primes, ternary_bytes
from .progress import Progress

__all__ = ["minimize", "MinimizeReport", "OutputReport", "MinimizeCheckError", "check_cover",
           "EXACT_MAX_INPUTS", "AUTO_EXACT_INPUTS", "DENSE_CHECK_INPUTS"]

#: Exact minimisation builds arrays over all 3^n cubes: up to this many inputs.
EXACT_MAX_INPUTS = 16
#: ``method="auto"`` tries the exact method up to this many inputs,
AUTO_EXACT_INPUTS = 14
#: and when its covering matrix has at most this many entries: beyond, building the
#: matrix alone takes seconds and the ILP does not finish in a short time limit
#: (misex3 ~f, misex3c ~f, table3 ~f: about 5e7 entries, the heuristic's cover was smaller).
AUTO_EXACT_ENTRIES = 1 << 24
#: The heuristic also starts from a greedy cover of all primes for PLA input up to this n.
SECOND_START_INPUTS = 12
#: Results are checked on packed truth tables up to this many inputs, by tautology beyond.
DENSE_CHECK_INPUTS = 20
_TERNARY_BUDGET = 1 << 30  # bytes
#: The heuristic starts a truth table from greedy covers of all its primes up to this many
#: inputs, when the covering matrix has at most START_POINTS entries (and fits the memory
#: budget); from ISOP covers of the table beyond (:mod:`boolnet.twolevel.isop`).
START_PRIMES_INPUTS = 14
START_POINTS = 1 << 22


class MinimizeCheckError(RuntimeError):
    """A minimised cover differs from its function on the care set: a bug in boolnet."""


@dataclass
class OutputReport:
    """Figures for one output: its terms and literals in the cover, whether proven minimal, seconds.

    ``proven``: the cover is a proven minimum and this output is connected to a smallest
    subset of its terms (for several outputs the minimum is over distinct shared terms,
    so one output alone may need fewer terms in a cover of its own). ``seconds``: the
    run that produced the output; one run serves all outputs, so it is the total.
    """

    name: str
    terms: int
    literals: int
    proven: bool
    seconds: float


@dataclass
class MinimizeReport:
    """What :func:`minimize` did: the cover's size, the method that produced it, proof, time.

    ``method`` names the method whose answer was returned ("exact" or "heuristic");
    ``requested`` is what was asked for. ``reason`` says why the exact method gave up
    or was not proven, ``notes`` anything else worth knowing (e.g. a budget that ran out).
    """

    terms: int
    literals: int
    method: str
    requested: str
    proven: bool
    seconds: float
    outputs: list[OutputReport] = field(default_factory=list)
    reason: str | None = None
    primes: int | None = None
    passes: int | None = None
    checked: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The report as a JSON-ready dict (the keys of ``boolnet minimize --format json``)."""
        d = asdict(self)
        d["seconds"] = round(self.seconds, 6)
        for o in d["outputs"]:
            o["seconds"] = round(o["seconds"], 6)
        return d

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from ..display import report_html
        return report_html(self)


# ---------------------------------------------------------------------------- inputs
class _Problem:
    """The function in both forms it may take: cube level (always) and dense (when small)."""

    def __init__(self, f, memory_budget: int | None = None):
        self.budget = resolve_budget(memory_budget)
        self.notes: list[str] = []
        if isinstance(f, BooleanFunction):
            self.dense: BooleanFunction | None = f
            self.cube: CubeFunction | None = None
        elif isinstance(f, CubeFunction):
            self.dense, self.cube = None, f
        elif isinstance(f, Cover):
            self.dense, self.cube = None, CubeFunction(f, pla_type="f")
        else:
            raise BoolnetError(f"minimize() takes a BooleanFunction, Cover or CubeFunction, "
                               f"not {type(f).__name__}")
        src = self.dense if self.dense is not None else self.cube
        self.n, self.m = src.n, src.m
        self.input_names, self.output_names = src.input_names, src.output_names

    def get_dense(self, limit: int = DENSE_CHECK_INPUTS) -> BooleanFunction | None:
        """The truth table, built once, when n is within ``limit`` (and the dense limit); else None."""
        if self.dense is None and self.n <= min(limit, dense_limit()):
            self.dense = self.cube.to_function(limit=self.n)  # n was checked just above
        return self.dense

    def on_triple(self):
        """The ON cover; for PLA types r and dr it includes the rows no cube names (espresso(5))."""
        c = self.cube
        F = _triple(c.on)
        if c.off is not None and c.pla_type in ("r", "dr"):
            from .espresso import offset
            F = tuple(np.concatenate([a, b])
                      for a, b in zip(F, offset(_triple(c.off), _triple(c.dc), c.n, 200000)))
        return F

    def covers(self):
        """(F, D, R) cube triples for the heuristic; R None when it is to be derived."""
        if self.cube is not None:
            c = self.cube
            F = self.on_triple()
            D = _triple(c.dc)
            R = _triple(c.off) if c.off is not None else None
            if R is not None:
                R = _off_without_dc(R, D, c.n)
                # Rows named by no cube are don't-cares: give them to D when cheaply known.
                f = self.get_dense()
                if f is not None:
                    D = _dense_cover(f, "dc")
            return F, D, R
        f = self.dense
        if f.n <= dense_limit():
            return (_dense_cover(f, "on", self.budget, self.notes), _dense_cover(f, "dc"),
                    _dense_cover(f, "off", self.budget, self.notes))
        on = Cover.from_function(f)
        return _triple(on), _dense_cover(f, "dc"), None


def _off_without_dc(R, D, n: int, limit: int = 200_000):
    """The OFF cubes less the rows the don't-care cubes claim too.

    A PLA of type fdr or dr may name a row both don't-care and OFF; don't-care wins
    (``CubeFunction.to_function``), but Espresso's steps take R disjoint from F and D:
    EXPAND grew cubes into such rows through the dense don't-cares, then found them in
    R ("a cube being expanded meets the OFF set", 19 of 400 random dr/fdr PLAs). R is
    cut to R and not D, per output, only when the two share a row.
    """
    rc, rv, ro = R
    dc, dv, do = D
    if not len(rc) or not len(dc):
        return R
    step = max(1, (1 << 22) // max(1, len(dc) * rc.shape[1]))  # bounded (block, kD, w) temporaries
    shared = False
    for s in range(0, len(rc), step):
        sl = slice(s, s + step)
        if (cubes.intersects(rc[sl], rv[sl], dc, dv)
                & (ro[sl].astype(np.uint8) @ do.T.astype(np.uint8) > 0)).any():
            shared = True
            break
    if not shared:
        return R
    from .espresso import offset
    w, m = rc.shape[1], ro.shape[1]
    none = (np.zeros((0, w), np.uint64), np.zeros((0, w), np.uint64), np.zeros((0, m), bool))
    nc, nv, no = offset(D, none, n, limit)  # per output, the rows D does not claim
    out_c, out_v, out_o = [], [], []
    for i in range(len(rc)):  # R and (not D): pairwise intersections, empty ones dropped
        care, value = rc[i] | nc, rv[i] | nv
        ok = ((rc[i] & nc & (rv[i] ^ nv)) == 0).all(-1)
        outs = ro[i] & no
        keep = ok & outs.any(axis=1)
        out_c.append(care[keep])
        out_v.append(value[keep])
        out_o.append(outs[keep])
    care, value, outs = (np.concatenate(a) for a in (out_c, out_v, out_o))
    keep = cubes.scc(care, value) if len(care) and m == 1 else np.ones(len(care), bool)
    return care[keep], value[keep], outs[keep]


def _triple(c: Cover):
    return np.array(c.care), np.array(c.value), np.array(c.outputs)


def _dense_cover(f: BooleanFunction, which: str, budget: int | None = None,
                 notes: list[str] | None = None):
    """A cube cover of the ON, DC or OFF rows of a table.

    ON and OFF: a greedy cover of all primes of the set when that is cheap (up to
    ``START_PRIMES_INPUTS`` inputs, ``START_POINTS`` matrix entries, and within the memory
    ``budget``), else an ISOP cover of the table. The ON cover may use don't-cares; the
    OFF cover must not, or it would block expansions into them. DC: an ISOP cover.
    """
    on, dc = f.on_bits(), f.dc_bits()
    bits = {"on": on, "dc": dc, "off": ~(on | dc)}[which]
    w = max(1, (f.n + 63) // 64)
    budget = resolve_budget(budget)
    notes = [] if notes is None else notes
    lower = bits & ~dc if which == "on" else bits
    upper = dc if which == "on" else np.zeros_like(dc)

    def isop(why: str | None = None):
        if why:
            notes.append(f"the {which.upper()} cover to start from is an ISOP cover of the "
                         f"truth table: {why}")
        c = isop_cover(f.n, table_ints(_pack_rows(lower)), table_ints(_pack_rows(upper)))
        if which == "off" and len(c[0]) > 1:
            c = _prime_off_cover(f, c, on | dc, budget)
        return c

    if which == "dc" or f.n > START_PRIMES_INPUTS or f.m > 64:
        return isop()
    need = ternary_bytes(f.n, f.m)
    if need > min(budget, _TERNARY_BUDGET):
        return isop(f"the primes would need about {human(need)} for the 3^{f.n} array, over "
                    f"the memory budget of {human(min(budget, _TERNARY_BUDGET))}")
    g = BooleanFunction(f.n, _pack_rows(bits), _pack_rows(dc) if which == "on" else None)
    p = dense_primes(g)
    if len(p) == 0:
        z = np.zeros((0, w), np.uint64)
        return z, z.copy(), np.zeros((0, f.m), bool)
    entries, pairs = matrix_size(f.n, p.literals, p.outputs)
    need = matrix_bytes(entries, pairs)
    if need > budget:
        return isop(f"the covering matrix of its {len(p)} primes would need about {human(need)}, "
                    f"over the memory budget of {human(budget)}")
    if entries > START_POINTS:
        return isop()
    from .exact import _matrix
    a = _matrix(g, p.care, p.value, p.outputs, lower)
    pick = greedy_cover(a, p.literals)
    return p.care[pick], p.value[pick], p.outputs[pick]


def _prime_off_cover(f: BooleanFunction, R, care_on: np.ndarray, budget: int):
    """An OFF cover made prime (EXPAND against an ISOP cover of ON ∪ DC) and irredundant
    (on point counts, when they fit): like the greedy prime cover it stands in for."""
    from .dense import DenseSpace, irredundant as dense_irredundant
    from .espresso import expand
    zero = [0] * f.m
    block = isop_cover(f.n, table_ints(_pack_rows(care_on)), zero)
    R = expand(R, block, None, n=f.n)
    if f.m * (1 << f.n) <= _point_budget(budget):
        off = ~care_on
        G = dense_irredundant(DenseSpace(f.n, off, np.zeros_like(off),
                                         max_entries=_point_budget(budget)), R)
        R = R if G is None else G
    return R


def _pack_rows(bits: np.ndarray) -> np.ndarray:
    from ..bits import pack
    return pack(bits)


#: The heuristic works on point counts when its (m, 2^n) tables have at most this many points.
DENSE_POINTS = 1 << 25
#: ... and, above this many points, only for a cover of more than sqrt(4 m 2^n) cubes.
#: Each point-count step sweeps its whole tables, while a step on cubes costs about the
#: square of the cover's size: on the shared PLA files the cubes were 1.1-2.9x slower up
#: to 229,376 points (misex3, table3, alu4, t481) and 1.1-3.6x faster from 294,912
#: (b12, table5, spla, pdc: small covers of many outputs), with the same covers.
DENSE_SWEEP_POINTS = 1 << 18


def _point_budget(budget: int) -> float:
    """How many (output, row) points the point-count steps' tables may have."""
    return float(min(DENSE_POINTS, budget // POINT_BYTES))


def _dense_space(prob: _Problem, F):
    """A DenseSpace for the heuristic when its (m, 2^n) tables fit, else None."""
    from .dense import DenseSpace
    limit = _point_budget(prob.budget)
    points = prob.m * (1 << prob.n) if prob.n <= DENSE_CHECK_INPUTS + 4 else np.inf
    if points > limit or (points > DENSE_SWEEP_POINTS and len(F[0]) ** 2 < 4 * points):
        return None
    if matrix_size(prob.n, cubes.literal_counts(F[0]), F[2])[0] > limit:
        return None  # REDUCE would walk too many points (cordic: on cubes it is faster)
    f = prob.get_dense(DENSE_CHECK_INPUTS + 4)
    if f is None:
        return None
    return DenseSpace(f.n, f.on_bits(), f.dc_bits(), max_entries=limit)


# ---------------------------------------------------------------------------- checking
def check_cover(f, cover: Cover) -> str:
    """Raise :class:`MinimizeCheckError` unless ``cover`` equals ``f`` on its care set; returns how it checked."""
    prob = f if isinstance(f, _Problem) else _Problem(f)
    if (cover.n, cover.m) != (prob.n, prob.m):
        raise MinimizeCheckError(f"the cover has {cover.n} inputs and {cover.m} outputs; the "
                                 f"function {prob.n} and {prob.m}")
    # A function given as a table is checked on it at any size (it has no cube form to check).
    dense = prob.dense if prob.dense is not None else \
        (prob.get_dense() if prob.n <= DENSE_CHECK_INPUTS else None)
    if dense is not None:
        got = cubes.cover_words(cover.care, cover.value, cover.outputs, prob.n) if len(cover) \
            else np.zeros((prob.m, words_for(1 << prob.n)), np.uint64)
        hit = dense.mismatch(BooleanFunction(prob.n, got))
        if hit is not None:
            row, out = hit
            raise MinimizeCheckError(f"the minimised cover differs from the function at row "
                                     f"{row}, output {prob.output_names[out]}")
        return "truth table"
    _check_cubes(prob.cube, cover, prob.on_triple())
    return "tautology"


def _check_cubes(cf: CubeFunction, cover: Cover, on) -> None:
    G = _triple(cover)
    D = _triple(cf.dc)
    GD = tuple(np.concatenate([a, b]) for a, b in zip(G, D))
    miss = _uncovered(GD, on)
    if miss is not None:
        raise MinimizeCheckError(f"ON cube {miss[0]} of output {cf.output_names[miss[1]]} is not "
                                 f"covered by the minimised cover")
    if cf.off is not None:
        # Where a cube of the cover meets an OFF cube, the don't-cares must cover the meet.
        off = _triple(cf.off)
        ks, rs = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        step = max(1, (1 << 22) // max(1, len(off[0]) * off[0].shape[1]))  # bounded memory
        for s0 in range(0, len(G[0]), step):
            sl = slice(s0, s0 + step)
            k, r = np.nonzero(cubes.intersects(G[0][sl], G[1][sl], off[0], off[1])
                              & (G[2][sl].astype(np.uint8) @ off[2].T.astype(np.uint8) > 0))
            ks.append(k + s0)
            rs.append(r)
        k, r = np.concatenate(ks), np.concatenate(rs)
        meets = (G[0][k] | off[0][r], G[1][k] | off[1][r], G[2][k] & off[2][r])
        miss = _uncovered(D, meets)
        if miss is not None:
            raise MinimizeCheckError(f"cube {k[miss[0]]} of the minimised cover meets the "
                                     f"OFF set of output {cf.output_names[miss[1]]}")
        return
    OD = tuple(np.concatenate([a, b]) for a, b in zip(on, D))
    miss = _uncovered(OD, G)
    if miss is not None:
        raise MinimizeCheckError(f"cube {miss[0]} of the minimised cover reaches outside the "
                                 f"ON and don't-care sets of output "
                                 f"{cf.output_names[miss[1]]}")


def _uncovered(A, P) -> tuple[int, int] | None:
    """The first (cube of P, output) that the cover A does not cover, or None (compiled)."""
    arrays = tuple(np.ascontiguousarray(x) for x in (*A, *P))
    ok = unate.covered_each(*arrays, -1)
    if ok.all():
        return None
    k = int(np.flatnonzero(~ok)[0])
    for j in np.flatnonzero(P[2][k]):
        one = np.zeros(P[2].shape[1], bool)
        one[j] = True
        if not unate.covers(*arrays[:3], arrays[3][k], arrays[4][k], one, -1):
            return k, int(j)
    return k, int(np.flatnonzero(P[2][k])[0])


# ---------------------------------------------------------------------------- methods
def _exact(prob: _Problem, max_primes, time_limit, max_entries=None):
    """Returns (triple, proven, primes, reason, status) or raises _GiveUp with the reason."""
    if prob.n > EXACT_MAX_INPUTS:
        raise _GiveUp(f"exact minimisation enumerates all 3^n cubes and handles up to "
                      f"{EXACT_MAX_INPUTS} inputs; this function has {prob.n}")
    if prob.m > 64:
        raise _GiveUp(f"exact minimisation handles up to 64 outputs; this function has {prob.m}")
    need = ternary_bytes(prob.n, prob.m)
    if need > prob.budget:
        raise _GiveUp(f"exact minimisation of {prob.n} inputs and {prob.m} outputs would need "
                      f"about {human(need)} for its prime generation (3^{prob.n} cubes), over "
                      f"the memory budget of {human(prob.budget)}")
    f = prob.get_dense(EXACT_MAX_INPUTS)
    if f is None:
        raise _GiveUp("exact minimisation needs the truth table, which is above the dense limit")
    try:
        r = exact_dense(f, max_primes=max_primes, time_limit=time_limit,
                        memory_budget=prob.budget, max_entries=max_entries)
    except (TooManyPrimes, MemoryBudgetExceeded, CoverTooLarge) as exc:
        raise _GiveUp(str(exc)) from None
    return (r.care, r.value, r.outputs), r


class _GiveUp(Exception):
    pass


def _cost(t) -> tuple[int, int]:
    return len(t[0]), int(cubes.literal_counts(t[0]).sum()) if len(t[0]) else 0


def minimize(f, method: str = "auto", *, max_primes: int | None = 50_000,
             time_limit: float | None = 10.0, heuristic_time_limit: float | None = 300.0,
             max_passes: int | None = None,
             progress: bool | Callable[[str, float], None] | None = None,
             check: bool = True,
             memory_budget: int | None = None) -> tuple[Cover, "MinimizeReport"]:
    """Minimise a BooleanFunction, Cover or CubeFunction to a sum of products: (Cover, MinimizeReport).

    ``method``: "exact" (all primes and a minimum cover, proven by HiGHS), "heuristic"
    (Espresso-II on cubes, any number of inputs) or "auto" (exact up to
    ``AUTO_EXACT_INPUTS`` inputs and ``AUTO_EXACT_ENTRIES`` covering-matrix entries,
    heuristic beyond). The exact method falls back to the heuristic beyond ``max_primes`` prime implicants, and runs it alongside when the ILP
    hits ``time_limit`` seconds unproven; the report names the method whose cover is
    returned. ``heuristic_time_limit`` and ``max_passes`` bound the heuristic (the
    report's notes say when they stopped it). ``progress``: True/False for the stderr
    bar, None for "on a terminal", or a callback ``(stage, fraction)``.
    ``memory_budget`` (bytes; default min(4 GiB, half the available memory), see
    :mod:`boolnet.twolevel.memory`): each step estimates its memory before allocating;
    the exact method gives up beyond it (``reason`` gives the estimate) and the heuristic
    takes cheaper routes (its ``notes`` say which).
    Every result is checked against ``f`` on its care set before it is returned.
    """
    if method not in ("auto", "exact", "heuristic"):
        raise BoolnetError(f"unknown method {method!r}; expected auto, exact or heuristic")
    t0 = time.perf_counter()
    prob = _Problem(f, memory_budget)
    bar = None
    if callable(progress):
        tick = progress
    else:
        bar = Progress(enabled=progress)
        tick = bar.update
        # A cold kernel cache is announced by boolnet.jit itself, terminal or not.
    report = MinimizeReport(0, 0, "", method, False, 0.0)
    try:
        best, best_method, proven, out_proven = None, None, False, None
        use_exact = method == "exact" or (
            method == "auto" and prob.n <= AUTO_EXACT_INPUTS and prob.m <= 64
            and (prob.dense is not None or prob.n <= AUTO_EXACT_INPUTS))
        if use_exact:
            tick("exact", 0.05)
            try:
                trip, r = _exact(prob, max_primes, time_limit,
                                 AUTO_EXACT_ENTRIES if method == "auto" else None)
                best, best_method, proven = trip, "exact", r.proven
                out_proven = r.output_proven
                report.primes = r.primes
                if not r.proven:
                    report.reason = (f"the exact cover was not proven minimal within the time "
                                     f"limit of {time_limit} s ({r.status}); the heuristic ran "
                                     f"too and the smaller cover is returned")
            except _GiveUp as exc:
                report.reason = f"{exc}; the heuristic was used instead"
        if best is None or not proven:
            tick("heuristic", 0.1)
            F, D, R = prob.covers()
            budget = Budget(seconds=heuristic_time_limit, iterations=max_passes)
            G, info = espresso(F, D, R, prob.n, budget=budget,
                               progress=lambda s, x: tick(s, 0.1 + 0.85 * x),
                               dense=_dense_space(prob, F))
            report.passes = info.passes
            report.notes.extend(prob.notes)
            report.notes.extend(info.notes)
            if info.stopped != "converged":
                report.notes.append(f"the heuristic stopped at its {info.stopped} "
                                    f"({heuristic_time_limit} s, {max_passes} passes) after "
                                    f"{info.passes} passes; the cover is valid but may not be "
                                    f"as small as a full run would make it")
            if prob.cube is not None and prob.n <= SECOND_START_INPUTS and prob.m <= 64 \
                    and info.stopped == "converged" and not budget.expired():
                # Small PLA: a second start from a greedy cover of all primes. Espresso's
                # result depends on the cover it starts from (Z9sym and 9sym are one
                # function written two ways); keep the better of the two.
                f = prob.get_dense()
                F2 = _dense_cover(f, "on", prob.budget)
                R2 = R if R is not None else _dense_cover(f, "off", prob.budget)
                G2, info2 = espresso(F2, D, R2, prob.n, budget=budget,
                                     dense=_dense_space(prob, F2))
                if _cost(G2) < _cost(G):
                    G = G2
                    report.notes.append("the second start (greedy cover of all primes) gave "
                                        "the smaller cover")
            if best is None or _cost(G) < _cost(best):
                best, best_method, proven, out_proven = G, "heuristic", False, None
        cover = Cover(prob.n, best[0], best[1], best[2], prob.m, prob.input_names,
                      prob.output_names)
        tick("check", 0.97)
        report.checked = check_cover(prob, cover) if check else "not checked"
    finally:
        if bar is not None:
            bar.close()
    seconds = time.perf_counter() - t0
    report.terms, report.literals = cover.num_terms, cover.num_literals
    report.method, report.proven, report.seconds = best_method, bool(proven), seconds
    tpo, lpo = cover.terms_per_output(), cover.literals_per_output()
    report.outputs = [OutputReport(name, int(tpo[j]), int(lpo[j]),
                                   bool(out_proven[j]) if out_proven else False, seconds)
                      for j, name in enumerate(prob.output_names)]
    return cover, report
