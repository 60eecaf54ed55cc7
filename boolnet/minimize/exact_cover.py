"""Minimum-cost set cover: essential and dominance reductions, then an ILP (HiGHS via scipy).

Columns are candidate product terms, rows are things to cover (minterms, or covering
constraints from :func:`boolnet.cubes.cover_rows`). The cost of a column is
``BIG + literals`` with BIG larger than any cover's literal total, so the optimum has the
fewest terms first and, among those, the fewest literals.

>>> solve_cover([[0, 1], [1, 2], [2]], np.array([2, 1, 1])).chosen.tolist()
[1, 2]
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse

__all__ = ["CoverSolution", "solve_cover", "greedy_cover", "rows_to_matrix"]


@dataclass
class CoverSolution:
    """The chosen columns of a covering problem and whether they are a proven minimum."""

    chosen: np.ndarray  #: sorted column indices
    proven: bool        #: True when the solver proved the cost minimal
    status: str         #: 'optimal', 'greedy', 'time limit', ...
    seconds: float


def rows_to_matrix(rows, ncols: int) -> sparse.csr_matrix:
    """A boolean CSR matrix (rows, ncols) from a list of column-index lists."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=bool)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), ncols))


def greedy_cover(a: sparse.csr_matrix, literals: np.ndarray) -> np.ndarray:
    """A cover by the classic greedy rule (most uncovered rows per cost), then made irredundant: chosen column indices."""
    a_rows = sparse.csr_matrix(a, dtype=np.int32)
    a = sparse.csc_matrix(a, dtype=np.int32)
    nrows, ncols = a.shape
    need = np.ones(nrows, dtype=bool)
    chosen = []
    count = np.asarray(a.sum(axis=0)).ravel().astype(np.float64)
    cost = 1.0 + literals / (literals.max() + 1.0 if len(literals) else 1.0)
    while need.any():
        j = int(np.argmax(count / cost))
        if count[j] <= 0:
            raise ValueError("the covering problem has a row no column covers")
        chosen.append(j)
        rows = a.indices[a.indptr[j]:a.indptr[j + 1]]
        newly = rows[need[rows]]
        need[newly] = False
        if newly.size:
            # Columns lose the rows just covered.
            sub = a_rows[newly]
            count -= np.asarray(sub.sum(axis=0)).ravel()
        count[j] = -1
    return _irredundant(a, np.array(sorted(chosen), dtype=np.int64), literals)


def _irredundant(a: sparse.csc_matrix, chosen: np.ndarray, literals: np.ndarray) -> np.ndarray:
    """Drop chosen columns whose rows are all covered by the others, costliest first."""
    sub = a[:, chosen]
    cover_count = np.asarray(sub.sum(axis=1)).ravel()
    keep = np.ones(len(chosen), dtype=bool)
    for idx in np.argsort(-literals[chosen], kind="stable"):
        rows = sub.indices[sub.indptr[idx]:sub.indptr[idx + 1]]
        if np.all(cover_count[rows] >= 2):
            keep[idx] = False
            cover_count[rows] -= 1
    return chosen[keep]


def _reduce(a: sparse.csr_matrix):
    """Essential columns (rows with one column) and duplicate rows: (essential cols, remaining row mask)."""
    a = sparse.csr_matrix(a)
    nnz = np.diff(a.indptr)
    essential = np.unique(a.indices[a.indptr[:-1][nnz == 1]])
    covered = np.zeros(a.shape[0], dtype=bool)
    if essential.size:
        covered = np.asarray(a[:, essential].sum(axis=1)).ravel() > 0
    return essential, ~covered


def solve_cover(rows, literals: np.ndarray, time_limit: float | None = None,
                ncols: int | None = None) -> CoverSolution:
    """Choose columns covering every row with the fewest columns, then fewest literals.

    ``rows`` is a list of column-index lists or a CSR matrix (rows x columns);
    ``literals`` the literal count per column. HiGHS proves optimality unless the time
    limit stops it; then the best cover found (or a greedy one) is returned unproven.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    t0 = time.perf_counter()
    literals = np.asarray(literals, dtype=np.int64)
    ncols = len(literals) if ncols is None else ncols
    a = rows if sparse.issparse(rows) else rows_to_matrix(rows, ncols)
    a = sparse.csr_matrix(a, dtype=bool)
    if a.shape[0] == 0:
        return CoverSolution(np.zeros(0, np.int64), True, "optimal", time.perf_counter() - t0)
    if (np.diff(a.indptr) == 0).any():
        raise ValueError("the covering problem has a row no column covers")
    essential, left = _reduce(a)
    rest = a[left]
    if rest.shape[0] == 0:
        return CoverSolution(np.sort(essential), True, "optimal", time.perf_counter() - t0)
    # Only columns that still cover something take part.
    used = np.unique(rest.indices)
    sub = sparse.csr_matrix(rest[:, used], dtype=np.float64)
    # Duplicate rows add nothing for the solver.
    sub = _unique_rows(sub)
    lits = literals[used]
    greedy = used[greedy_cover(sub, lits)]
    ub = len(greedy)
    # BIG > the literal total of any cover with at most ub terms, so terms come first.
    big = float(int(lits.max() if len(lits) else 0) * ub + 1)
    cost = big + lits.astype(np.float64)
    options = {"mip_rel_gap": 0.0, "presolve": True}
    if time_limit is not None:
        remaining = time_limit - (time.perf_counter() - t0)
        if remaining <= 0:
            chosen = np.union1d(essential, greedy)
            return CoverSolution(chosen, False, "time limit", time.perf_counter() - t0)
        options["time_limit"] = float(remaining)
    res = milp(cost, constraints=LinearConstraint(sub, lb=1.0, ub=np.inf),
               integrality=np.ones(len(used)), bounds=Bounds(0, 1), options=options)
    if res.x is None:
        chosen = np.union1d(essential, greedy)
        return CoverSolution(chosen, False, _status(res.status), time.perf_counter() - t0)
    pick = used[np.flatnonzero(res.x > 0.5)]
    greedy_cost = cost[np.searchsorted(used, greedy)].sum()
    pick_cost = cost[np.searchsorted(used, pick)].sum()
    if greedy_cost < pick_cost:  # only possible when the solver stopped early
        pick = greedy
    # Proven: HiGHS says optimal and its bound, rounded up (costs are integers), meets the cost.
    bound = getattr(res, "mip_dual_bound", None)
    proven = res.status == 0 and (bound is None or np.ceil(bound - 1e-6) >= min(pick_cost, greedy_cost) - 1e-6)
    return CoverSolution(np.union1d(essential, pick), bool(proven),
                         "optimal" if proven else _status(res.status), time.perf_counter() - t0)


def _status(code: int) -> str:
    return {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "solver error"}.get(
        int(code), f"status {code}")


def _unique_rows(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Drop repeated rows of a CSR matrix."""
    m.sort_indices()
    keys = {}
    keep = []
    for i in range(m.shape[0]):
        key = m.indices[m.indptr[i]:m.indptr[i + 1]].tobytes()
        if key not in keys:
            keys[key] = i
            keep.append(i)
    return m[keep] if len(keep) < m.shape[0] else m
