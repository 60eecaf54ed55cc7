"""Minimum-cost set cover: essential and dominance reductions, then an ILP (HiGHS via scipy).

Columns are candidate product terms, rows are things to cover (minterms, or covering
constraints from :func:`boolnet.cubes.cover_rows`). The cost of a column is
``L + literals`` with L larger than any candidate cover's literal spread (:func:`lex_costs`),
so the optimum has the fewest terms first and, among those, the fewest literals.

A covering matrix of at most :data:`DENSE_CELLS` cells is a dense NumPy bool array, a
larger one a scipy CSR matrix: importing scipy.sparse costs more than minimising a
9-input table (0.1 s of a 0.3 s ``boolnet minimize``), and a small problem whose core
falls into blocks of at most 64 rows and columns never needs scipy at all. scipy is
imported where a large matrix or HiGHS needs it.

>>> solve_cover([[0, 1], [1, 2], [2]], np.array([2, 1, 1])).chosen.tolist()
[1, 2]
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from ..jit import jit, python_code
from ..unate import _popcount

__all__ = ["CoverSolution", "solve_cover", "greedy_cover", "small_cover", "rows_to_matrix",
           "cover_matrix", "core_blocks", "min_terms", "lex_costs", "DENSE_CELLS"]

#: Covering matrices of at most this many cells (rows x columns) are dense bool arrays.
DENSE_CELLS = 1 << 20


@dataclass
class CoverSolution:
    """The chosen columns of a covering problem and whether they are a proven minimum."""

    chosen: np.ndarray  #: sorted column indices
    proven: bool        #: True when the solver proved the cost minimal
    status: str         #: 'optimal', 'greedy', 'time limit', ...
    seconds: float


def _sparse():
    from scipy import sparse  # imported only for large matrices (see the module's note)
    return sparse


def _is_dense(a) -> bool:
    return isinstance(a, np.ndarray)


def rows_to_matrix(rows, ncols: int):
    """A boolean CSR matrix (rows, ncols) from a list of column-index lists."""
    indptr, indices = _rows_arrays(rows)
    data = np.ones(len(indices), dtype=bool)
    return _sparse().csr_matrix((data, indices, indptr), shape=(len(rows), ncols))


def _rows_arrays(rows) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    return indptr, indices


def cover_matrix(r: np.ndarray, c: np.ndarray, shape: tuple[int, int]):
    """The covering matrix with entries at (r[k], c[k]): a dense bool array of at most
    :data:`DENSE_CELLS` cells, else a scipy CSR matrix."""
    if shape[0] * shape[1] <= DENSE_CELLS:
        a = np.zeros(shape, bool)
        a[r, c] = True
        return a
    return _sparse().csr_matrix((np.ones(len(r), bool), (r, c)), shape=shape)


def _as_matrix(rows, ncols: int):
    """A list of column-index lists, a dense array or a sparse matrix as a covering matrix:
    dense when small (see :func:`cover_matrix`), else CSR."""
    if _is_dense(rows):
        return np.asarray(rows, bool)
    if hasattr(rows, "tocsr"):  # a scipy matrix: the caller has scipy loaded already
        if rows.shape[0] * rows.shape[1] <= DENSE_CELLS:
            return rows.toarray().astype(bool, copy=False)
        return _sparse().csr_matrix(rows, dtype=bool)
    indptr, indices = _rows_arrays(rows)
    return cover_matrix(np.repeat(np.arange(len(rows)), np.diff(indptr)), indices,
                        (len(rows), ncols))


def _csr_arrays(a) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, indices) of a covering matrix by rows, dense or sparse."""
    if _is_dense(a):
        r, c = np.nonzero(a)
        indptr = np.zeros(a.shape[0] + 1, np.int64)
        np.cumsum(np.bincount(r, minlength=a.shape[0]), out=indptr[1:])
        return indptr, c
    a = _sparse().csr_matrix(a, dtype=bool)
    return a.indptr, a.indices


def _csc_arrays(a) -> tuple[np.ndarray, np.ndarray]:
    """(indptr, indices) of a covering matrix by columns, dense or sparse."""
    if _is_dense(a):
        return _csr_arrays(np.asarray(a).T)
    a = _sparse().csc_matrix(a, dtype=bool)
    return a.indptr, a.indices


def _take(a, rows: np.ndarray, cols: np.ndarray):
    """The submatrix of the given rows and columns, dense or CSR like ``a``."""
    if _is_dense(a):
        return a[np.ix_(rows, cols)]
    return _sparse().csr_matrix(a[rows][:, cols])


def greedy_cover(a, literals: np.ndarray) -> np.ndarray:
    """A cover by the classic greedy rule (most uncovered rows per cost), then made irredundant: chosen column indices."""
    if not _is_dense(a):  # by columns once: walked so here and in _irredundant
        a = _sparse().csc_matrix(a, dtype=bool)
    rptr, ridx = _csr_arrays(a)
    cptr, cidx = _csc_arrays(a)
    literals = np.asarray(literals, np.int64)
    chosen = _greedy(*_int32(rptr, ridx, cptr, cidx), literals)
    if chosen is None or (len(chosen) and chosen[0] < 0):
        raise ValueError("the covering problem has a row no column covers")
    return _irredundant(a, np.sort(chosen), literals)


def _int32(*arrays):
    """Index arrays as int32 (what scipy keeps them as below 2^31 entries; no copy then),
    so that a kernel has one compiled form: a copy to int64 cost ex5 3 ms a cover."""
    if arrays[0][-1] >= 2**31:
        raise ValueError("a covering matrix of 2^31 or more entries")
    return tuple(np.asarray(x, np.int32) for x in arrays)


@jit
def _greedy(rptr, ridx, cptr, cidx, literals):
    nrows = rptr.shape[0] - 1
    ncols = cptr.shape[0] - 1
    need = np.ones(nrows, np.bool_)
    count = np.empty(ncols, np.float64)
    for j in range(ncols):
        count[j] = cptr[j + 1] - cptr[j]
    top = literals.max() + 1.0 if ncols else 1.0
    chosen = []
    left = nrows
    while left > 0:
        j = 0
        best = -1.0
        for t in range(ncols):
            v = count[t] / (1.0 + literals[t] / top)
            if v > best:
                best, j = v, t
        if count[j] <= 0:
            return np.full(1, -1, np.int64)
        chosen.append(j)
        for p in range(cptr[j], cptr[j + 1]):
            i = cidx[p]
            if need[i]:
                need[i] = False
                left -= 1
                # Columns lose the rows just covered.
                for q in range(rptr[i], rptr[i + 1]):
                    count[ridx[q]] -= 1
        count[j] = -1
    return np.array(chosen, np.int64)


def _irredundant(a, chosen: np.ndarray, literals: np.ndarray) -> np.ndarray:
    """Drop chosen columns whose rows are all covered by the others, costliest first."""
    sub = a[:, chosen] if _is_dense(a) else _sparse().csc_matrix(a)[:, chosen]
    cptr, cidx = _csc_arrays(sub)
    order = np.argsort(-literals[chosen], kind="stable")
    keep = _drop_covered(cptr.astype(np.int64), cidx.astype(np.int64), sub.shape[0], order)
    return chosen[keep]


@jit
def _drop_covered(cptr, cidx, nrows, order):
    cover_count = np.zeros(nrows, np.int64)
    for p in range(cidx.shape[0]):
        cover_count[cidx[p]] += 1
    keep = np.ones(cptr.shape[0] - 1, np.bool_)
    for idx in order:
        spare = True
        for p in range(cptr[idx], cptr[idx + 1]):
            if cover_count[cidx[p]] < 2:
                spare = False
                break
        if spare:
            keep[idx] = False
            for p in range(cptr[idx], cptr[idx + 1]):
                cover_count[cidx[p]] -= 1
    return keep


def _milp(cost, a, time_limit, min_terms: int = 0):
    from scipy.optimize import Bounds, LinearConstraint, milp
    cons = [LinearConstraint(a, lb=1.0, ub=np.inf)]
    if min_terms > 0:
        cons.append(LinearConstraint(np.ones((1, a.shape[1])), lb=float(min_terms), ub=np.inf))
    options = {"mip_rel_gap": 0.0, "presolve": True}
    if time_limit is not None:
        options["time_limit"] = float(max(0.01, time_limit))
    return milp(cost, constraints=cons, integrality=np.ones(len(cost)), bounds=Bounds(0, 1),
                options=options)


def lex_costs(literals: np.ndarray, max_terms: int) -> np.ndarray:
    """Integer column costs (int64) whose minimum cover has the fewest columns, then the
    fewest literals, among covers of at most ``max_terms`` columns (an upper bound on the
    optimum's, e.g. a greedy cover's).

    A column costs L + its literals above the cheapest column's, L = max_terms * (spread
    of literals) + 1: an optimum of k <= max_terms columns costs below (k + 1) L, so no
    cover with more columns can beat it. L is ~9x smaller than the sum of all literals on
    a 10-input core (427 against 3774), which keeps one literal well above HiGHS's
    tolerances: with L = 3774 (objective ~472749) one run with a smaller cut pool
    reported 472750 as proven optimal.
    """
    literals = np.asarray(literals, np.int64)
    if len(literals) == 0:
        return literals
    extra = literals - literals.min()
    return int(max_terms) * int(extra.max()) + 1 + extra


def min_terms(a, time_limit: float | None = None) -> int:
    """A lower bound on the number of columns of any cover of ``a``: its LP bound rounded up.

    Given to the MILP as the cut sum(x) >= bound: HiGHS cannot round the term count
    itself through the lexicographic costs (L * terms + literals). With the cut, 18 random
    9- and 10-input functions (half ON) were proven in 2.1 s together against 4.3 s
    (geometric mean 0.065 s against 0.111 s); the cut costs one LP, 0.01 s at 10 inputs.
    """
    from scipy.optimize import linprog
    a = _sparse().csr_matrix(a, dtype=np.float64)
    options = {} if time_limit is None else {"time_limit": float(max(0.01, time_limit))}
    res = linprog(np.ones(a.shape[1]), A_ub=-a, b_ub=-np.ones(a.shape[0]), bounds=(0, 1),
                  method="highs", options=options)
    if res.status != 0:  # out of time (a 14-input core's LP alone took minutes): no cut
        return 0
    # The LP optimum is exact up to the solver's tolerance; never round up past it.
    return int(np.ceil(res.fun - 1e-6))


def _proven(res) -> bool:
    # Costs are integers: optimal when the dual bound, rounded up, reaches the cost.
    if res.x is None or res.status != 0:
        return False
    bound = getattr(res, "mip_dual_bound", None)
    return bound is None or np.ceil(bound - 1e-6) >= np.round(res.fun) - 1e-6


def solve_cover(rows, literals: np.ndarray, time_limit: float | None = None,
                ncols: int | None = None) -> CoverSolution:
    """Choose columns covering every row with the fewest columns, then the fewest literals.

    ``rows`` is a list of column-index lists, a bool array or a scipy matrix (rows x
    columns); ``literals`` the literal count per column. The problem is first cut to its cyclic
    core (essential columns, row and column dominance) and split into independent blocks;
    HiGHS then minimises, block by block, the number of columns and then the literals in
    one solve. When the time limit stops it, the best cover found (or a greedy one) is
    returned, not proven.
    """
    t0 = time.perf_counter()
    literals = np.asarray(literals, dtype=np.int64)
    ncols = len(literals) if ncols is None else ncols
    a = _as_matrix(rows, ncols)
    if a.shape[0] == 0:
        return CoverSolution(np.zeros(0, np.int64), True, "optimal", time.perf_counter() - t0)
    if (np.diff(_csr_arrays(a)[0]) == 0).any():
        raise ValueError("the covering problem has a row no column covers")
    essential, rws, cols = cyclic_core(a, literals)

    def done(chosen, proven, status):
        return CoverSolution(np.union1d(essential, chosen).astype(np.int64), proven, status,
                             time.perf_counter() - t0)

    if len(rws) == 0:
        return done(np.zeros(0, np.int64), True, "optimal")
    sub = _take(a, rws, cols)
    lits = literals[cols]

    def left():
        return None if time_limit is None else time_limit - (time.perf_counter() - t0)

    # Independent blocks of the core are solved one by one: the optimum of a block-diagonal
    # problem is the union of the blocks' optima (terms and literals both add up), and
    # HiGHS does not split it itself, so one block's open gap would hold up the proof of
    # all the others. Blocks of up to SMALL_BLOCK rows and columns take no solver start-up.
    chosen, proven, status = [], True, "optimal"
    for rsel, csel in core_blocks(sub):
        x, ok, st = _solve_block(_take(sub, rsel, csel), lits[csel], left)
        chosen.append(cols[csel[x]])
        if not ok and proven:
            proven, status = False, st
    return done(np.concatenate(chosen), proven, status)


def core_blocks(a) -> list[tuple[np.ndarray, np.ndarray]]:
    """The independent blocks of a covering matrix (rows x columns, dense or sparse): a list
    of (row indices, column indices), smallest first.

    Two rows are in one block when a chain of shared columns links them; a column
    covering no row belongs to no block.
    """
    nr, nc = a.shape
    if _is_dense(a) and nr * nc <= DENSE_SEARCH_CELLS:
        rlab, clab = _dense_components(np.asarray(a, bool))
    else:
        from scipy.sparse.csgraph import connected_components
        sparse = _sparse()
        a = sparse.csr_matrix(a, dtype=bool)
        graph = sparse.bmat([[None, a], [a.T, None]], format="csr")
        _, label = connected_components(graph, directed=False)
        rlab, clab = label[:nr], label[nr:]
    used = np.zeros(int(max(rlab.max(initial=-1), clab.max(initial=-1))) + 1, bool)
    used[rlab] = True
    clab = np.where(used[clab], clab, -1)
    ncols = np.bincount(clab[clab >= 0], minlength=len(used))
    # Smallest first, so that the largest gets whatever time is left.
    keys = sorted(np.unique(rlab), key=lambda k: ncols[k])
    return [(np.flatnonzero(rlab == k), np.flatnonzero(clab == k)) for k in keys]


#: core_blocks searches a dense matrix of at most this many cells itself: a search costs
#: up to (components x cells), so a larger one goes to scipy's connected_components.
DENSE_SEARCH_CELLS = 1 << 16


def _dense_components(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Component labels of the rows and of the columns of a bool matrix (rows and columns
    linked by its entries), by breadth-first search on whole rows and columns."""
    nr, nc = a.shape
    rlab = np.full(nr, -1, np.int64)
    clab = np.arange(nr, nr + nc, dtype=np.int64)  # a column of no row: a label of its own
    for r0 in range(nr):
        if rlab[r0] >= 0:
            continue
        rows = np.zeros(nr, bool)
        rows[r0] = True
        cols = np.zeros(nc, bool)
        while True:
            new_cols = a[rows].any(0) & ~cols
            if not new_cols.any():
                break
            cols |= new_cols
            rows |= a[:, new_cols].any(1)
        rlab[rows] = r0
        clab[cols] = r0
    return rlab, clab


#: Blocks of at most this many rows and columns are solved by compiled branch and bound
#: (one bit per row and column); HiGHS costs ~10 ms a call, mostly start-up.
SMALL_BLOCK = 64
#: Search nodes the branch and bound may visit before HiGHS takes over.
SMALL_BLOCK_NODES = 200_000
#: Search nodes it may visit as plain Python before numba is loaded for it: ~300 us a
#: node, against ~0.5 s to load numba (inc's and misex1's blocks take under 10 nodes,
#: squar5's 44 x 46 block 500-2000).
PYTHON_NODES = 300


def small_cover(a, cost: np.ndarray,
                max_nodes: int = SMALL_BLOCK_NODES) -> np.ndarray | None:
    """A minimum-cost cover of a matrix of at most 64 rows and 64 columns by branch and
    bound: the chosen column indices, or None when ``max_nodes`` did not suffice.

    >>> small_cover(rows_to_matrix([[0, 1], [1, 2], [2]], 3), np.array([2, 1, 1])).tolist()
    [1, 2]
    """
    nr, nc = a.shape
    if nr > 64 or nc > 64:
        raise ValueError(f"small_cover takes at most 64 rows and columns, not {nr} x {nc}")
    cost = np.asarray(cost, np.int64)
    order = np.argsort(cost, kind="stable")  # bit b is the b-th cheapest column
    colrows, rowcols = _bit_sets(*_int32(*_csc_arrays(a)), order, nr)
    if (rowcols == 0).any():
        raise ValueError("the covering problem has a row no column covers")
    found = False
    py = python_code(_branch_and_bound)
    if py is not None:  # a small search as Python first: loading numba costs ~0.5 s
        found, chosen = py(colrows, rowcols, cost[order], min(max_nodes, PYTHON_NODES))
    if not found and (py is None or max_nodes > PYTHON_NODES):
        found, chosen = _branch_and_bound(colrows, rowcols, cost[order], max_nodes)
    if not found:
        return None
    return np.sort(order[(chosen >> np.arange(nc, dtype=np.uint64)) & np.uint64(1) != 0])


@jit
def _bit_sets(cptr, cidx, order, nr):
    """Column b's rows and row i's columns as 64-bit sets, column b being ``order[b]``."""
    colrows = np.zeros(order.shape[0], np.uint64)
    rowcols = np.zeros(nr, np.uint64)
    for b in range(order.shape[0]):
        j = order[b]
        for p in range(cptr[j], cptr[j + 1]):
            colrows[b] |= np.uint64(1) << np.uint64(cidx[p])
            rowcols[cidx[p]] |= np.uint64(1) << np.uint64(b)
    return colrows, rowcols


@jit
def _lowest(x):
    return _popcount((x & (~x + np.uint64(1))) - np.uint64(1))


@jit(python=False)  # node-limited, not size-limited: a small matrix can take 10^6 nodes
def _branch_and_bound(colrows, rowcols, cost, max_nodes):
    """(finished, chosen column bits): depth-first over the columns of the uncovered row
    with the fewest open columns, the k-th branch excluding the k-1 tried before it; a
    node is cut when its cost plus a bound from disjoint rows reaches the best cover."""
    nr = rowcols.shape[0]
    nc = colrows.shape[0]
    one = np.uint64(1)
    full = np.uint64(0)
    for i in range(nr):
        full |= one << np.uint64(i)
    best = cost.sum() + 1
    best_set = np.uint64(0)
    cov = np.zeros(nc + 2, np.uint64)     # per depth: rows covered, columns chosen,
    cho = np.zeros(nc + 2, np.uint64)     # columns excluded, cost so far,
    exc = np.zeros(nc + 2, np.uint64)     # columns of the branching row left to try,
    cst = np.zeros(nc + 2, np.int64)      # and all of them
    cand = np.zeros(nc + 2, np.uint64)
    start = np.zeros(nc + 2, np.uint64)
    cand[0] = rowcols[_branch_row(rowcols, full, np.uint64(0), np.uint64(0))]
    start[0] = cand[0]
    depth = 0
    nodes = 0
    while depth >= 0:
        if cand[depth] == 0:
            depth -= 1
            continue
        c = _lowest(cand[depth])
        bit = one << np.uint64(c)
        cand[depth] &= ~bit
        nodes += 1
        if nodes > max_nodes:
            return False, best_set
        covered = cov[depth] | colrows[c]
        spent = cst[depth] + cost[c]
        if spent >= best:
            continue
        if covered == full:
            best, best_set = spent, cho[depth] | bit
            continue
        # Columns tried before c at this depth are out of the subtree (their branches
        # already covered every cover that uses them).
        excluded = exc[depth] | (start[depth] & ~cand[depth] & ~bit)
        if spent + _disjoint_bound(rowcols, cost, full & ~covered, excluded) >= best:
            continue
        r = _branch_row(rowcols, full & ~covered, excluded, covered)
        if r < 0:
            continue  # a row with no column left
        d = depth + 1
        cov[d], cho[d], exc[d], cst[d] = covered, cho[depth] | bit, excluded, spent
        cand[d] = rowcols[r] & ~excluded
        start[d] = cand[d]
        depth = d
    return True, best_set


@jit
def _branch_row(rowcols, open_rows, excluded, covered):
    """The open row with the fewest columns not excluded (-1 if one has none)."""
    best, best_n = -1, 65
    x = open_rows
    while x:
        i = _lowest(x)
        x &= x - np.uint64(1)
        k = _popcount(rowcols[i] & ~excluded)
        if k == 0:
            return -1
        if k < best_n:
            best, best_n = i, k
    return best


@jit
def _disjoint_bound(rowcols, cost, open_rows, excluded):
    """A lower bound on covering the open rows: rows sharing no column each need their
    own, at least as dear as their cheapest (columns are numbered cheapest first)."""
    used = np.uint64(0)
    bound = 0
    x = open_rows
    while x:
        i = _lowest(x)
        x &= x - np.uint64(1)
        cols = rowcols[i] & ~excluded
        if cols == 0:
            return cost.sum() + 1
        if cols & used == 0:
            used |= cols
            bound += cost[_lowest(cols)]
    return bound


def _solve_block(sub, lits: np.ndarray, left) -> tuple[np.ndarray, bool, str]:
    """A minimum cover of one block (dense or sparse): (chosen columns, proven, status)."""
    if max(sub.shape) <= SMALL_BLOCK:
        x = small_cover(sub, lex_costs(lits, sub.shape[1]))
        if x is not None:
            return x, True, "optimal"
    sub = _sparse().csr_matrix(sub, dtype=np.float64)  # HiGHS's form
    greedy = greedy_cover(sub, lits)
    if left() is not None and left() <= 0:
        return greedy, False, "time limit"
    # One MILP, lexicographic through its costs (lex_costs), so fewer terms always wins
    # and literals break ties. One solve of this is several times faster than two (terms,
    # then literals with the count fixed): 0.48 s against 4.1 s on a hard random 10-input
    # function. At most half the time left goes to the bound; its time counts against
    # the limit.
    rest = left()
    bound = min_terms(sub, None if rest is None else rest / 2)
    res = _milp(lex_costs(lits, len(greedy)).astype(np.float64), sub, left(), bound)
    if res.x is None:
        return greedy, False, _status(res.status)
    x = np.flatnonzero(res.x > 0.5)
    if (len(greedy), lits[greedy].sum()) < (len(x), lits[x].sum()):
        x = greedy
    ok = _proven(res)
    return x, ok, "optimal" if ok else _status(res.status)


def cyclic_core(a, cost: np.ndarray, max_rounds: int = 50):
    """Essential columns, row dominance and column dominance to a fixpoint.

    ``a`` is a dense bool array or a scipy matrix. Returns (essential columns, remaining
    row indices, remaining column indices). A row whose columns include another row's is
    implied by it; a column whose rows lie inside another column's that costs no more is
    never needed.
    """
    nr, nc = a.shape
    if _is_dense(a) and nr * nc and nr * nc * (nr + nc) <= DENSE_CORE_WORK:
        # Small and dense: matrix products find every dominance of a round at once, with
        # no numba to load (the bit-set kernel as plain Python took 0.1 s on majority:9).
        return _dense_core(np.asarray(a, bool), np.asarray(cost), max_rounds)
    # On compiled bit sets first: each scipy call costs ~50 us, and IRREDUNDANT asks many
    # small ones. When the dominance tests would cost too much there, sparse products
    # take over from what the bit sets reached.
    rows = np.arange(nr)
    cols = np.arange(nc)
    essential: list[np.ndarray] = []
    if nr * nc and nr * nc <= SMALL_CORE_BITS:
        indptr, indices = _csr_arrays(a)
        status, ess, arow, acol = _core_bits(
            indptr.astype(np.int64), indices.astype(np.int64), nr, nc,
            np.asarray(cost, np.float64), max_rounds, SMALL_CORE_WORK)
        if status == 1:
            raise ValueError("the covering problem has a row no column covers")
        if status == 0:
            return np.flatnonzero(ess), np.flatnonzero(arow), np.flatnonzero(acol)
        # Too large for pairwise tests on bit sets: go on with sparse products.
        rows, cols, essential = np.flatnonzero(arow), np.flatnonzero(acol), [np.flatnonzero(ess)]
    a = _sparse().csr_matrix(a, dtype=np.int32)
    for _ in range(max_rounds):
        changed = False
        sub = a[rows][:, cols]
        # Essential columns: the only cover of some row.
        rdeg = np.diff(sub.indptr)
        if (rdeg == 0).any():
            raise ValueError("the covering problem has a row no column covers")
        single = sub.indices[sub.indptr[:-1][rdeg == 1]]
        if single.size:
            ess = np.unique(single)
            essential.append(cols[ess])
            hit = np.asarray(sub[:, ess].sum(axis=1)).ravel() > 0
            rows = rows[~hit]
            cols = np.delete(cols, ess)
            changed = True
            sub = a[rows][:, cols]
        if len(rows) == 0:
            break
        # Columns covering nothing left go.
        cdeg = np.asarray(sub.sum(axis=0)).ravel()
        if (cdeg == 0).any():
            cols = cols[cdeg > 0]
            sub = a[rows][:, cols]
            cdeg = cdeg[cdeg > 0]
            changed = True
        # Row dominance: row i's columns inside row j's => row j is implied.
        rdeg = np.diff(sub.indptr)
        cdeg = np.asarray(sub.sum(axis=0)).ravel()
        if float((cdeg.astype(np.float64) ** 2).sum()) > 2e7:
            # The full product is too large: let the short rows (where most dominance
            # is) knock out the rows containing them, then let the solver cope.
            drop_r = np.flatnonzero(~_short_row_dominance(sub, rdeg, cdeg))
            if drop_r.size:
                keep = np.ones(len(rows), bool)
                keep[drop_r] = False
                rows = rows[keep]
                continue
            break
        common = (sub @ sub.T).tocoo()
        i, j, v = common.row, common.col, common.data
        sel = (i != j) & (v == rdeg[i]) & ((rdeg[j] > rdeg[i]) | ((rdeg[j] == rdeg[i]) & (j > i)))
        drop_r = np.unique(j[sel])
        if drop_r.size:
            keep = np.ones(len(rows), bool)
            keep[drop_r] = False
            rows = rows[keep]
            sub = a[rows][:, cols]
            changed = True
        # Column dominance: column i's rows inside column j's, and j costs no more.
        csc = sub.tocsc()
        cdeg = np.diff(csc.indptr)
        if float((rdeg.astype(np.float64) ** 2).sum()) > 2e7:
            break
        common = (csc.T @ csc).tocoo()
        inside = common.data == cdeg[common.row]
        drop_c = _dominated_columns(common.row[inside], common.col[inside], cdeg, cost[cols])
        if drop_c.size:
            cols = np.delete(cols, drop_c)
            changed = True
        if not changed:
            break
    ess = np.unique(np.concatenate(essential)) if essential else np.zeros(0, np.int64)
    return ess, rows, cols


def _dominated_columns(i: np.ndarray, j: np.ndarray, cdeg: np.ndarray,
                       cost: np.ndarray) -> np.ndarray:
    """Columns i dominated by a column j, given pairs (i, j) where i's rows lie inside j's:
    j costs no more, and covers more rows or costs less (on a full tie the later one goes)."""
    ci, cj = cost[i], cost[j]
    strictly = (cdeg[j] > cdeg[i]) | (cj < ci)
    tie = (cdeg[j] == cdeg[i]) & (cj == ci) & (j < i)
    return np.unique(i[(i != j) & (cj <= ci) & (strictly | tie)])


def _dense_core(a: np.ndarray, cost: np.ndarray, max_rounds: int):
    """cyclic_core of a dense bool matrix by matrix products (the rules of the sparse path)."""
    rows = np.arange(a.shape[0])
    cols = np.arange(a.shape[1])
    essential: list[np.ndarray] = []
    for _ in range(max_rounds):
        changed = False
        sub = a[np.ix_(rows, cols)]
        rdeg = sub.sum(1)
        if (rdeg == 0).any():
            raise ValueError("the covering problem has a row no column covers")
        single = sub[rdeg == 1].argmax(1)
        if single.size:  # essential columns: the only cover of some row
            ess = np.unique(single)
            essential.append(cols[ess])
            rows = rows[~sub[:, ess].any(1)]
            cols = np.delete(cols, ess)
            changed = True
            sub = a[np.ix_(rows, cols)]
        if len(rows) == 0:
            break
        cdeg = sub.sum(0)
        if (cdeg == 0).any():  # columns covering nothing left
            cols = cols[cdeg > 0]
            sub = sub[:, cdeg > 0]
            changed = True
        # float32 products are exact: counts stay far below 2^24 at DENSE_CORE_WORK.
        m = sub.astype(np.float32)
        rdeg = sub.sum(1)
        # Row dominance: row i's columns inside row j's => row j is implied.
        i, j = np.nonzero((m @ m.T) == rdeg[:, None])
        sel = (i != j) & ((rdeg[j] > rdeg[i]) | ((rdeg[j] == rdeg[i]) & (j > i)))
        drop_r = np.unique(j[sel])
        if drop_r.size:
            keep = np.ones(len(rows), bool)
            keep[drop_r] = False
            rows = rows[keep]
            m = m[keep]
            changed = True
        # Column dominance: column i's rows inside column j's, and j costs no more.
        cdeg = m.sum(0)
        i, j = np.nonzero((m.T @ m) == cdeg[:, None])
        drop_c = _dominated_columns(i, j, cdeg, cost[cols])
        if drop_c.size:
            cols = np.delete(cols, drop_c)
            changed = True
        if not changed:
            break
    ess = np.unique(np.concatenate(essential)) if essential else np.zeros(0, np.int64)
    return ess, rows, cols


#: cyclic_core of a dense matrix uses matrix products while rows * cols * (rows + cols)
#: is at most this (a few milliseconds of float32 products a round).
DENSE_CORE_WORK = 1 << 26
#: cyclic_core works on compiled bit sets while a round of pairwise dominance tests costs
#: at most this many word operations (rows^2 * cols / 64 + cols^2 * rows / 64) ...
SMALL_CORE_WORK = 2e8
#: ... and the matrix has at most this many entries (two bit sets of it are built).
SMALL_CORE_BITS = 1 << 28


@jit
def _subset(a, b, mask):
    """Bits of a within mask all lie in b."""
    for w in range(a.shape[0]):
        if a[w] & mask[w] & ~b[w]:
            return False
    return True


@jit
def _same(a, b, mask):
    for w in range(a.shape[0]):
        if (a[w] ^ b[w]) & mask[w]:
            return False
    return True


@jit
def _count(a, mask):
    s = 0
    for w in range(a.shape[0]):
        s += _popcount(a[w] & mask[w])
    return s


@jit
def _drop(alive, bits, j):
    """Mark j dead, in its flag and in the bit set of the living."""
    alive[j] = False
    bits[j // 64] &= ~(np.uint64(1) << np.uint64(j % 64))


@jit
def _put(bits, j):
    bits[j // 64] |= np.uint64(1) << np.uint64(j % 64)


@jit
def _has(bits, j):
    return (bits[j // 64] >> np.uint64(j % 64)) & np.uint64(1) != 0


@jit
def _rarest(bits, mask, degree):
    """The set bit of ``bits & mask`` with the smallest degree (-1 when none)."""
    best = -1
    for w in range(bits.shape[0]):
        x = bits[w] & mask[w]
        while x:
            low = x & (~x + np.uint64(1))
            x ^= low
            b = w * 64 + _popcount(low - np.uint64(1))
            if best < 0 or degree[b] < degree[best]:
                best = b
    return best


@jit
def _core_bits(rptr, ridx, nr, nc, cost, max_rounds, max_work):
    """cyclic_core on bit sets: (status, essential, alive rows, alive columns) as masks;
    status 1 when a row has no column, 2 when dominance would cost more than ``max_work``
    (the masks then hold what essentials removed so far)."""
    one = np.uint64(1)
    wr = (nc + 63) // 64
    wc = (nr + 63) // 64
    R = np.zeros((nr, wr), np.uint64)   # row -> its columns
    C = np.zeros((nc, wc), np.uint64)   # column -> its rows
    for i in range(nr):
        for p in range(rptr[i], rptr[i + 1]):
            _put(R[i], ridx[p])
            _put(C[ridx[p]], i)
    arow = np.ones(nr, np.bool_)
    acol = np.ones(nc, np.bool_)
    ess = np.zeros(nc, np.bool_)
    rmask = np.zeros(wc, np.uint64)  # the living rows and columns, as bit sets
    cmask = np.zeros(wr, np.uint64)
    for i in range(nr):
        _put(rmask, i)
    for j in range(nc):
        _put(cmask, j)
    even = np.zeros(nc, np.int64)  # equal degrees: _rarest gives the lowest bit
    for _ in range(max_rounds):
        changed = False
        # Essential columns: the only cover of some row.
        for i in range(nr):
            if not arow[i]:
                continue
            cnt = _count(R[i], cmask)
            if cnt == 0:
                return 1, ess, arow, acol
            if cnt == 1:
                ess[_rarest(R[i], cmask, even)] = True  # its only column
        for j in range(nc):
            if ess[j] and acol[j]:
                _drop(acol, cmask, j)
                for i in range(nr):
                    if arow[i] and _has(C[j], i):
                        _drop(arow, rmask, i)
                changed = True
        if not arow.any():
            break
        # Columns covering nothing left go.
        for j in range(nc):
            if acol[j] and _count(C[j], rmask) == 0:
                _drop(acol, cmask, j)
                changed = True
        # Dominance tests only look at candidates sharing the rarest column of a row (or
        # the shortest row of a column): a row containing row i has all of i's columns.
        coldeg = np.zeros(nc, np.int64)
        rowdeg = np.zeros(nr, np.int64)
        for j in range(nc):
            if acol[j]:
                coldeg[j] = _count(C[j], rmask)
        for i in range(nr):
            if arow[i]:
                rowdeg[i] = _count(R[i], cmask)
        work = 0.0
        for i in range(nr):
            if arow[i]:
                work += coldeg[max(0, _rarest(R[i], cmask, coldeg))] * wr
        for j in range(nc):
            if acol[j]:
                work += rowdeg[max(0, _rarest(C[j], rmask, rowdeg))] * wc
        if work > max_work:
            return 2, ess, arow, acol
        # Row dominance: a row containing another row's columns is implied by it.
        for i in range(nr):
            if not arow[i]:
                continue
            c = _rarest(R[i], cmask, coldeg)
            if c < 0:
                return 1, ess, arow, acol
            for w in range(wc):
                x = C[c, w] & rmask[w]
                while x:
                    low = x & (~x + one)
                    x ^= low
                    j = w * 64 + _popcount(low - one)
                    if j == i or not arow[j]:
                        continue
                    if _subset(R[i], R[j], cmask) and (j > i or not _same(R[i], R[j], cmask)):
                        _drop(arow, rmask, j)
                        changed = True
        # Column dominance: a column whose rows lie inside a no-costlier column's.
        for i in range(nc):
            if not acol[i]:
                continue
            r = _rarest(C[i], rmask, rowdeg)
            if r < 0:  # its rows were all implied by others: it covers nothing now
                _drop(acol, cmask, i)
                changed = True
                continue
            dropped = False
            for w in range(wr):
                x = R[r, w] & cmask[w]
                while x and not dropped:
                    low = x & (~x + one)
                    x ^= low
                    j = w * 64 + _popcount(low - one)
                    if j == i or not acol[j] or cost[j] > cost[i]:
                        continue
                    if _subset(C[i], C[j], rmask) and (
                            cost[j] < cost[i] or j < i or not _same(C[i], C[j], rmask)):
                        _drop(acol, cmask, i)
                        changed = True
                        dropped = True
                if dropped:
                    break
        if not changed:
            break
    return 0, ess, arow, acol


def _short_row_dominance(sub, rdeg: np.ndarray, cdeg: np.ndarray,
                         max_degree: int = 8, work: float = 4e6) -> np.ndarray:
    """Rows kept after dropping every row that contains a row of at most ``max_degree``
    columns (equal rows: the first stays). Blocks of short rows are sized so that each
    sparse product has about ``work`` entries."""
    alive = np.ones(sub.shape[0], bool)
    order = np.argsort(rdeg, kind="stable")
    short = order[rdeg[order] <= max_degree]
    rank = np.empty(len(rdeg), np.int64)
    rank[order] = np.arange(len(rdeg))
    cost = np.asarray(sub[short] @ cdeg.astype(np.float64)).ravel()  # entries per short row
    s0 = 0
    while s0 < len(short):
        s1 = s0 + max(1, int(np.searchsorted(np.cumsum(cost[s0:]), work)))
        blk = short[s0:s1]
        s0 = s1
        blk = blk[alive[blk]]
        if len(blk) == 0:
            continue
        prod = (sub @ sub[blk].T).tocoo()  # (rows, blk): shared columns
        r, b = prod.row, blk[prod.col]
        hit = (prod.data == rdeg[b]) & (r != b) & (rank[r] > rank[b])
        alive[r[hit]] = False
    return alive


def _status(code: int) -> str:
    return {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "solver error"}.get(
        int(code), f"status {code}")
