"""The covering solver's block split and term lower bound against brute force."""
from __future__ import annotations

from itertools import combinations
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy import sparse

from boolnet.twolevel import exact_cover
from boolnet.twolevel.exact_cover import (core_blocks, min_terms, rows_to_matrix, small_cover,
                                          solve_cover)


def _random_cover(rng, nrows, ncols, density=0.3):
    """A random covering matrix (every row covered) as a dense bool array."""
    a = rng.random((nrows, ncols)) < density
    a[np.arange(nrows), rng.integers(0, ncols, nrows)] = True
    return a


def _brute(a: np.ndarray, lits: np.ndarray) -> tuple[int, int]:
    """(fewest columns, then fewest literals) over all column subsets that cover."""
    ncols = a.shape[1]
    for k in range(ncols + 1):
        best = None
        for cols in combinations(range(ncols), k):
            if a[:, list(cols)].any(1).all():
                c = int(lits[list(cols)].sum())
                best = c if best is None else min(best, c)
        if best is not None:
            return k, best
    raise AssertionError("no cover")


def _block_diagonal(rng, sizes):
    """A block-diagonal cover matrix, rows and columns shuffled, and its row/column blocks."""
    blocks = [_random_cover(rng, r, c) for r, c in sizes]
    a = sparse.block_diag([sparse.csr_matrix(b) for b in blocks]).toarray()
    rlab = np.repeat(np.arange(len(sizes)), [r for r, _ in sizes])
    clab = np.repeat(np.arange(len(sizes)), [c for _, c in sizes])
    rp, cp = rng.permutation(len(rlab)), rng.permutation(len(clab))
    return a[rp][:, cp], rlab[rp], clab[cp]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)),
                                           min_size=1, max_size=5))
def test_core_blocks_partition_rows_and_never_split_a_shared_column(seed, sizes):
    rng = np.random.default_rng(seed)
    a, rlab, clab = _block_diagonal(rng, sizes)
    blocks = core_blocks(sparse.csr_matrix(a))
    rows = np.concatenate([r for r, _ in blocks])
    assert sorted(rows.tolist()) == list(range(a.shape[0]))
    used_cols = np.flatnonzero(a.any(0))
    assert sorted(np.concatenate([c for _, c in blocks]).tolist()) == used_cols.tolist()
    for r, c in blocks:
        # Rows of a block touch only its columns, and a block never mixes planted blocks
        # (it may be a piece of one: a random block can itself fall apart).
        outside = np.setdiff1d(np.arange(a.shape[1]), c)
        assert not a[np.ix_(r, outside)].any()
        assert len(np.unique(rlab[r])) == 1


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.tuples(st.integers(1, 5), st.integers(2, 5)),
                                           min_size=2, max_size=3))
def test_split_solve_gives_the_unsplit_optimum(seed, sizes):
    rng = np.random.default_rng(seed)
    a, _, _ = _block_diagonal(rng, sizes)
    lits = rng.integers(1, 6, a.shape[1])
    for small in (0, exact_cover.SMALL_BLOCK):  # HiGHS, then branch and bound
        with mock.patch.object(exact_cover, "SMALL_BLOCK", small):
            sol = solve_cover(sparse.csr_matrix(a), lits)
        assert sol.proven
        assert a[:, sol.chosen].any(1).all()
        assert (len(sol.chosen), int(lits[sol.chosen].sum())) == _brute(a, lits)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 10),
       st.floats(0.1, 0.6))
def test_small_cover_is_the_brute_force_minimum(seed, nrows, ncols, density):
    rng = np.random.default_rng(seed)
    a = _random_cover(rng, nrows, ncols, density)
    lits = rng.integers(1, 6, ncols)
    x = small_cover(sparse.csr_matrix(a), 100 + lits)
    assert a[:, x].any(1).all()
    assert (len(x), int(lits[x].sum())) == _brute(a, lits)


@pytest.mark.parametrize("seed", range(4))
def test_small_cover_agrees_with_highs_on_64_by_64(seed):
    rng = np.random.default_rng(seed)
    a = _random_cover(rng, 64, 64, 0.07)
    lits = rng.integers(1, 9, 64)
    with mock.patch.object(exact_cover, "SMALL_BLOCK", 0):
        ref = solve_cover(sparse.csr_matrix(a), lits)
    assert ref.proven
    x = small_cover(sparse.csr_matrix(a), int(lits.sum() + 1) + lits)
    assert a[:, x].any(1).all()
    assert (len(x), lits[x].sum()) == (len(ref.chosen), lits[ref.chosen].sum())


def test_small_cover_gives_up_at_its_node_limit_and_highs_takes_over():
    rng = np.random.default_rng(7)
    a = sparse.csr_matrix(_random_cover(rng, 40, 40, 0.1))
    lits = np.ones(40, np.int64)
    assert small_cover(a, lits, max_nodes=3) is None
    with mock.patch.object(exact_cover, "SMALL_BLOCK_NODES", 3):
        sol = solve_cover(a, lits, time_limit=10)
    assert sol.proven
    assert len(sol.chosen) == len(small_cover(a, lits))


def test_small_cover_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError, match="at most 64"):
        small_cover(sparse.csr_matrix(np.ones((65, 2), bool)), np.ones(2))
    with pytest.raises(ValueError, match="no column covers"):
        small_cover(sparse.csr_matrix(np.array([[True], [False]])), np.ones(1))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 9))
def test_min_terms_is_a_lower_bound_on_the_brute_force_minimum(seed, nrows, ncols):
    a = _random_cover(np.random.default_rng(seed), nrows, ncols)
    k, _ = _brute(a, np.ones(ncols, np.int64))
    assert 1 <= min_terms(sparse.csr_matrix(a)) <= k


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 12), st.integers(1, 9))
def test_dense_and_sparse_covering_matrices_give_the_same_cover(seed, nrows, ncols):
    rng = np.random.default_rng(seed)
    a = _random_cover(rng, nrows, ncols)
    lits = rng.integers(1, 6, ncols)
    dense = solve_cover(a, lits)
    with mock.patch.object(exact_cover, "DENSE_CELLS", 0):  # every matrix sparse
        sparse_sol = solve_cover(sparse.csr_matrix(a), lits)
    assert dense.proven and sparse_sol.proven
    assert dense.chosen.tolist() == sparse_sol.chosen.tolist()
    assert sorted(np.concatenate([r for r, _ in core_blocks(a)]).tolist()) == \
        sorted(np.concatenate([r for r, _ in core_blocks(sparse.csr_matrix(a))]).tolist())


def test_min_terms_rounds_the_half_integral_odd_cycle_up():
    # Five rows in a cycle, each column covering two neighbours: LP 2.5, three needed.
    a = rows_to_matrix([[0, 4], [0, 1], [1, 2], [2, 3], [3, 4]], 5)
    assert min_terms(a) == 3
    assert len(solve_cover(a, np.ones(5, np.int64)).chosen) == 3


@pytest.mark.parametrize("path", ["dense", "bits", "sparse"])
@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), nrows=st.integers(1, 14), ncols=st.integers(1, 9),
       density=st.sampled_from([0.15, 0.3, 0.5]))
def test_cyclic_core_keeps_the_optimum(path, seed, nrows, ncols, density):
    """Essentials plus an optimum of the core is an optimum of the whole problem, on the
    dense-product, compiled bit-set and sparse-product paths alike."""
    from boolnet.twolevel import exact_cover
    rng = np.random.default_rng(seed)
    a = _random_cover(rng, nrows, ncols, density)
    lits = rng.integers(1, 6, ncols)
    cost = 1000 + lits
    old = exact_cover.SMALL_CORE_BITS
    exact_cover.SMALL_CORE_BITS = old if path == "bits" else 0
    try:
        ess, rows, cols = exact_cover.cyclic_core(a if path == "dense" else sparse.csr_matrix(a),
                                                  cost)
    finally:
        exact_cover.SMALL_CORE_BITS = old
    covered = a[:, ess].any(1)
    assert not covered[rows].any()                       # core rows are still open
    sub = a[np.ix_(rows, cols)]
    terms, literals = (0, 0) if len(rows) == 0 else _brute(sub, lits[cols])
    want = _brute(a, lits)
    assert (len(ess) + terms, int(lits[ess].sum()) + literals) == want


def _brute_min_cost(a: np.ndarray, cost: np.ndarray) -> int:
    """The least total cost of a cover, over all column subsets."""
    ncols = a.shape[1]
    return min(int(cost[list(cols)].sum()) for k in range(ncols + 1)
               for cols in combinations(range(ncols), k) if a[:, list(cols)].any(1).all())


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 7), st.integers(1, 8),
       st.floats(0.15, 0.6))
def test_lex_costs_make_the_cheapest_cover_the_lexicographic_minimum(seed, nrows, ncols,
                                                                     density):
    from boolnet.twolevel.exact_cover import greedy_cover, lex_costs
    rng = np.random.default_rng(seed)
    a = _random_cover(rng, nrows, ncols, density)
    lits = rng.integers(1, 12, ncols)
    # The bound on the terms is the greedy cover's, as the solver uses it: tight or loose.
    g = len(greedy_cover(sparse.csr_matrix(a), lits))
    for max_terms in (g, ncols):
        cost = lex_costs(lits, max_terms)
        k, lit = _brute(a, lits)
        # Costs are L + (literals - min): a k-column cover with lit literals costs this.
        want = k * int(cost.min()) + lit - k * int(lits.min())
        assert _brute_min_cost(a, cost) == want


def _highs_reference(a: np.ndarray, lits: np.ndarray) -> tuple[int, int]:
    """(terms, literals) of the lexicographic minimum by one plain HiGHS solve of the whole
    matrix, costs sum(literals) + 1 + literals, no reductions."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    cost = float(lits.sum() + 1) + lits.astype(np.float64)
    res = milp(cost, constraints=[LinearConstraint(sparse.csr_matrix(a, dtype=float), lb=1)],
               integrality=np.ones(len(cost)), bounds=Bounds(0, 1),
               options={"mip_rel_gap": 0.0, "time_limit": 60})
    assert res.status == 0
    x = np.flatnonzero(res.x > 0.5)
    return len(x), int(lits[x].sum())


# Seed 1 takes about a second; the others 10-30 s each (the MILP's branching): slow.
@pytest.mark.parametrize("seed", [pytest.param(s, marks=pytest.mark.slow) if s != 1 else s
                                  for s in range(4)])
def test_proven_covers_of_medium_matrices_equal_the_highs_reference(seed):
    # Large enough for the MILP path (a core above SMALL_BLOCK), small enough for a plain
    # HiGHS solve to be a quick reference.
    rng = np.random.default_rng(100 + seed)
    a = _random_cover(rng, 150, 120, 0.035)
    lits = rng.integers(5, 10, 120)
    sol = solve_cover(sparse.csr_matrix(a), lits, time_limit=60)
    assert sol.proven
    assert a[:, sol.chosen].any(1).all()
    assert (len(sol.chosen), int(lits[sol.chosen].sum())) == _highs_reference(a, lits)


def test_lex_costs_never_let_more_cheap_columns_beat_fewer_dear_ones():
    from boolnet.twolevel.exact_cover import lex_costs
    # Two dear columns cover rows 0-5; three cheap ones do too. The bound on the terms
    # is tight (2): the literal part of the two-column optimum is as large as it gets.
    a = rows_to_matrix([[0, 2], [0, 2], [0, 3], [1, 3], [1, 4], [1, 4]], 5).toarray()
    lits = np.array([10, 10, 1, 1, 1])
    cost = lex_costs(lits, 2)
    assert _brute_min_cost(a, cost) == int(cost[:2].sum()) < int(cost[2:].sum())
    with mock.patch.object(exact_cover, "SMALL_BLOCK", 0):
        sol = solve_cover(sparse.csr_matrix(a), lits)
    assert sol.proven and sol.chosen.tolist() == [0, 1]
