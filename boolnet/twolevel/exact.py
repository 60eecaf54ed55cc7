"""Exact two-level minimisation of a truth table: all primes, then a minimum cover by ILP.

The covering matrix has one row per (ON row, output) and one column per multiple-output
prime; a prime covers the rows it contains for every output it implies. HiGHS solves
min sum (BIG + literals) x over it, so the cover has the fewest distinct product terms
and, among those, the fewest literals. Each output is then connected to a smallest
subset of the chosen terms that covers it.

>>> from boolnet import BooleanFunction
>>> r = exact_dense(BooleanFunction.from_minterms(4, [0, 2, 5, 7, 8, 10, 13, 15]))
>>> r.proven, sorted(cubes.to_strings(r.care, r.value, 4))
(True, ['-0-0', '-1-1'])
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .. import cubes
from ..errors import BoolnetError
from ..function import BooleanFunction
from ..jit import jit
from .exact_cover import DENSE_CELLS, cover_matrix, solve_cover
from .memory import MemoryBudgetExceeded, human, matrix_bytes, matrix_size
from .primes import dense_primes

__all__ = ["ExactResult", "exact_dense", "minterms_of", "CoverTooLarge"]


class CoverTooLarge(BoolnetError):
    """The covering matrix has more entries than the caller allows (exact gives up)."""


@dataclass
class ExactResult:
    """A minimum cover: cubes, output part, whether proven, and per-output figures."""

    care: np.ndarray
    value: np.ndarray
    outputs: np.ndarray
    proven: bool
    primes: int
    status: str
    output_proven: list[bool] = field(default_factory=list)
    output_seconds: list[float] = field(default_factory=list)


def cube_row_lists(care: np.ndarray, value: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows of each cube, cube after cube: (rows, start), cube i's rows at
    ``rows[start[i]:start[i + 1]]``; rows numbered MSB-first."""
    k = len(care)
    cb = cubes.bits_of(care, n)
    vb = cubes.bits_of(value, n)
    weight = (1 << np.arange(n - 1, -1, -1)).astype(np.int64)
    base = (vb & cb) @ weight if n else np.zeros(k, np.int64)
    nfree = (~cb).sum(1)
    start = np.zeros(k + 1, np.int64)
    np.cumsum(np.left_shift(1, nfree, dtype=np.int64), out=start[1:])
    rows = np.empty(int(start[-1]), np.int64)
    free_w = np.where(~cb, weight[None, :], 0)
    for f in np.unique(nfree):  # cubes with f free inputs together: one (2^f, g) block
        sel = np.flatnonzero(nfree == f)
        if f == 0:
            rows[start[sel]] = base[sel]
            continue
        wts = -np.sort(-free_w[sel], axis=1)[:, :f]  # (g, f), the free weights
        subsets = (np.arange(1 << f)[:, None] >> np.arange(f)[None, :]) & 1
        offs = subsets @ wts.T  # (2^f, g)
        rows[start[sel][None, :] + np.arange(1 << f)[:, None]] = base[sel][None, :] + offs
    return rows, start


def minterms_of(care: np.ndarray, value: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers covered by each cube, as (cube index, row) pairs; rows numbered MSB-first."""
    rows, start = cube_row_lists(care, value, n)
    return np.repeat(np.arange(len(care)), np.diff(start)), rows


def _matrix(f: BooleanFunction, care, value, outputs, on):
    """Covering matrix, rows (output, ON row) pairs, columns cubes: a dense bool array of
    at most DENSE_CELLS cells (no scipy import), else compressed by column."""
    rows, start = cube_row_lists(care, value, f.n)
    row_id = np.full((f.m, f.rows), -1, np.int64)
    row_id[on] = np.arange(int(on.sum()))
    indptr, indices = _incidence(rows, start, np.ascontiguousarray(outputs, bool), row_id)
    if indptr[-1] >= 2**31:  # counted before anything was filled
        raise CoverTooLarge("a covering matrix of 2^31 or more entries")
    shape = (int(on.sum()), len(care))
    if shape[0] * shape[1] <= DENSE_CELLS:
        return cover_matrix(indices, np.repeat(np.arange(shape[1]), np.diff(indptr)), shape)
    # Built column by column; the users convert it once to what they walk (ex5: 0.6 M
    # entries, 2 ms a conversion).
    from scipy import sparse
    return sparse.csc_matrix((np.ones(len(indices), bool), indices, indptr.astype(np.int32)),
                             shape=shape)


@jit
def _incidence(rows, start, outputs, row_id):
    """Per cube, the matrix rows it covers: (indptr, indices) of the cube-by-row matrix.
    Each (cube, table row) pair counts once per output the cube feeds where that row is
    ON; the cube's outputs are listed once, not tested per row (ex5 has 63)."""
    k = start.shape[0] - 1
    m = outputs.shape[1]
    feeds = np.empty(m, np.int64)
    indptr = np.zeros(k + 1, np.int64)
    for sweep in range(2):  # count, then fill (indices int32, as scipy keeps them)
        indices = np.empty(indptr[k] if sweep else 0, np.int32)
        e = 0
        for i in range(k):
            nf = 0
            for j in range(m):
                if outputs[i, j]:
                    feeds[nf] = j
                    nf += 1
            for p in range(start[i], start[i + 1]):
                for t in range(nf):
                    r = row_id[feeds[t], rows[p]]
                    if r >= 0:
                        if sweep:
                            indices[e] = r
                        e += 1
            if not sweep:
                indptr[i + 1] = e
        if indptr[k] >= 2**31:  # int32 indices cannot hold it: the caller refuses
            return indptr, indices
    return indptr, indices


def exact_dense(f: BooleanFunction, max_primes: int | None = None,
                time_limit: float | None = None,
                memory_budget: int | None = None,
                max_entries: float | None = None) -> ExactResult:
    """A minimum multi-output cover of a truth table: fewest terms, then fewest literals.

    Raises :class:`boolnet.twolevel.primes.TooManyPrimes` beyond ``max_primes``, and
    :class:`boolnet.twolevel.memory.MemoryBudgetExceeded` when the covering matrix's
    estimated memory is over ``memory_budget`` bytes (checked before it is built);
    :class:`CoverTooLarge` beyond ``max_entries`` (prime, output, row) entries.
    """
    t0 = time.perf_counter()
    p = dense_primes(f, max_primes=max_primes)
    on = f.on_bits()
    lits = p.literals
    if len(p):
        entries, pairs = matrix_size(f.n, lits, p.outputs)
        if max_entries is not None and entries > max_entries:
            raise CoverTooLarge(
                f"the covering matrix of {len(p)} prime implicants would have {entries:.3g} "
                f"entries, more than auto solves exactly ({max_entries:.3g})")
        need = matrix_bytes(entries, pairs)
        if memory_budget is not None and need > memory_budget:
            raise MemoryBudgetExceeded(
                f"the covering matrix of {len(p)} prime implicants would have {entries:.3g} "
                f"entries and need about {human(need)}, over the memory budget of "
                f"{human(memory_budget)}")
    if len(p) == 0 or not on.any():
        w = max(1, (f.n + 63) // 64)
        z = np.zeros((0, w), np.uint64)
        return ExactResult(z, z.copy(), np.zeros((0, f.m), bool), True, len(p), "optimal",
                           [True] * f.m, [0.0] * f.m)
    a = _matrix(f, p.care, p.value, p.outputs, on)
    remaining = None if time_limit is None else max(0.01, time_limit - (time.perf_counter() - t0))
    sol = solve_cover(a, lits, time_limit=remaining)
    chosen = sol.chosen
    care, value, outs = p.care[chosen], p.value[chosen], p.outputs[chosen].copy()
    # Connect each output to a smallest subset of the chosen terms that covers it.
    out_proven, out_secs = [], []
    rows_of = np.repeat(np.arange(f.m), on.sum(1))
    dense = isinstance(a, np.ndarray)
    if dense:
        sub = a[:, chosen]
    else:
        from scipy import sparse
        sub = sparse.csc_matrix(a[:, chosen])
    for j in range(f.m):
        tj = time.perf_counter()
        rj = np.flatnonzero(rows_of == j)
        if f.m == 1:
            out_proven.append(sol.proven)
            out_secs.append(time.perf_counter() - t0)
            continue
        aj = sub[rj] if dense else sparse.csr_matrix(sub[rj])
        cand = np.flatnonzero(outs[:, j] & (np.asarray(aj.sum(0)).ravel() > 0))
        outs[:, j] = False
        if len(rj):
            s = solve_cover(aj[:, cand], lits[chosen][cand], time_limit=remaining)
            outs[cand[s.chosen], j] = True
            out_proven.append(sol.proven)
        else:
            out_proven.append(sol.proven)
        out_secs.append(time.perf_counter() - tj)
    keep = outs.any(1)
    return ExactResult(care[keep], value[keep], outs[keep], sol.proven, len(p), sol.status,
                       out_proven, out_secs)
