"""Memory and time budgets: fallbacks with reasons, and covers that stay right when a budget cuts a run short."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from boolnet import BooleanFunction, Cover, CubeFunction
from boolnet.twolevel import check_cover, minimize
from boolnet.twolevel import espresso as esp
from boolnet.twolevel.exact_cover import _short_row_dominance, solve_cover
from boolnet.twolevel.isop import isop_cover, table_ints
from boolnet.twolevel.memory import default_budget, matrix_bytes
from boolnet.twolevel.primes import dense_primes, ternary_bytes


def table(n, m, seed, density=0.5, dc=0.0):
    rng = np.random.default_rng(seed)
    u = rng.random((1 << n, m))
    t = np.where(u < dc, -1, (rng.random((1 << n, m)) < density).astype(int))
    return BooleanFunction.from_array(t if m > 1 else t[:, 0])


# ---------------------------------------------------------------------------- memory
def test_exact_refuses_prime_generation_over_the_budget_and_says_how_much():
    f = table(10, 2, 1)
    budget = ternary_bytes(10, 2) - 1
    cover, report = minimize(f, method="exact", memory_budget=budget)
    assert report.method == "heuristic" and report.requested == "exact"
    assert "memory budget" in report.reason and "3^10" in report.reason
    assert f.matches(cover.to_function())


def test_exact_refuses_a_covering_matrix_over_the_budget():
    f = table(9, 3, 2, density=0.6, dc=0.1)
    p = dense_primes(f)
    size = np.ldexp(1.0, f.n - p.literals)
    need = matrix_bytes(float((size * p.outputs.sum(1)).sum()), float(size.sum()))
    assert ternary_bytes(9, 3) < need  # the primes fit, the matrix does not
    cover, report = minimize(f, method="exact", memory_budget=ternary_bytes(9, 3) + 1)
    assert report.method == "heuristic"
    assert "covering matrix" in report.reason and "memory budget" in report.reason
    check_cover(f, cover)


def test_heuristic_start_falls_back_to_isop_under_a_tiny_budget():
    f = table(10, 3, 3, density=0.3, dc=0.1)
    cover, report = minimize(f, method="heuristic", memory_budget=50_000)
    assert any("ISOP" in note and "memory budget" in note for note in report.notes)
    check_cover(f, cover)
    _, roomy = minimize(f, method="heuristic")
    assert not any("ISOP" in note for note in roomy.notes)


def test_default_budget_from_the_environment(monkeypatch):
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "3M")
    assert default_budget() == 3 << 20
    monkeypatch.delenv("BOOLNET_MEMORY_BUDGET")
    assert 0 < default_budget() <= 4 << 30


# ---------------------------------------------------------------------------- time
def _Countdown(k):
    """A Budget.expired that answers False ``k`` times, then True: a time limit hit at call k."""
    left = [k]

    def expired(budget):
        if budget.seconds is None:
            return False
        left[0] -= 1
        return left[0] < 0

    return expired


@pytest.mark.parametrize("k", [0, 1, 2, 5, 12, 40, 150])
def test_a_time_limit_anywhere_in_the_heuristic_leaves_a_valid_cover(monkeypatch, k):
    f = table(8, 3, 10 + k, density=0.4, dc=0.1)
    monkeypatch.setattr(esp.Budget, "expired", _Countdown(k))
    cover, report = minimize(f, method="heuristic", heuristic_time_limit=60.0)
    assert f.matches(cover.to_function())
    if k <= 1:
        assert any("time limit" in note for note in report.notes)


@pytest.mark.parametrize("k", [0, 3, 25])
def test_a_time_limit_on_cube_level_steps_leaves_a_valid_cover(monkeypatch, k):
    # A tiny memory budget turns the point-count steps off: reduce and irredundant on cubes.
    f = table(7, 2, 20 + k, density=0.5)
    cf = CubeFunction(Cover.from_function(f), pla_type="f")
    monkeypatch.setattr(esp.Budget, "expired", _Countdown(k))
    cover, report = minimize(cf, method="heuristic", heuristic_time_limit=60.0,
                             memory_budget=1000)
    assert f.matches(cover.to_function())
    if k == 0:
        assert any("time limit" in note for note in report.notes)


def test_time_limit_of_zero_still_returns_a_checked_cover():
    f = table(9, 2, 5, density=0.5, dc=0.05)
    cover, report = minimize(f, method="heuristic", heuristic_time_limit=0.0)
    assert report.checked == "truth table"
    assert any("time limit" in note for note in report.notes)
    assert f.matches(cover.to_function())


# ---------------------------------------------------------------------------- pieces
@pytest.mark.parametrize("seed", range(8))
def test_isop_covers_lower_inside_upper(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 9)), int(rng.integers(1, 4))
    lower = rng.random((m, 1 << n)) < 0.4
    dc = (rng.random((m, 1 << n)) < 0.2) & ~lower
    from boolnet.bits import pack
    care, value, out = isop_cover(n, table_ints(pack(lower)), table_ints(pack(dc)))
    from boolnet import cubes
    got = cubes.cover_words(care, value, out, n) if len(care) else np.zeros_like(pack(lower))
    assert np.array_equal(got & pack(lower), pack(lower))          # covers every lower row
    assert not (got & ~pack(lower | dc) & pack(np.ones_like(lower))).any()  # nothing outside


def test_short_row_dominance_keeps_a_row_inside_every_dropped_one():
    rng = np.random.default_rng(4)
    dense = rng.random((300, 25)) < 0.25
    dense[np.arange(300), rng.integers(0, 25, 300)] = True  # no empty row
    dense[:40] &= rng.random((40, 25)) < 0.3                 # some short rows
    dense[np.arange(40), rng.integers(0, 25, 40)] = True
    a = sparse.csr_matrix(dense.astype(np.int32))
    keep = _short_row_dominance(a, np.diff(a.indptr), np.asarray(a.sum(0)).ravel())
    kept = dense[keep]
    for r in np.flatnonzero(~keep):
        assert ((kept & ~dense[r]).sum(1) == 0).any()  # some kept row lies inside it
    lits = rng.integers(1, 5, 25)
    full = solve_cover(a, lits)
    cut = solve_cover(a[keep], lits)
    assert full.proven and cut.proven and len(full.chosen) == len(cut.chosen)
    assert dense[:, cut.chosen].any(1).all()


def test_auto_leaves_a_large_covering_matrix_to_the_heuristic(monkeypatch):
    from boolnet.twolevel import api
    f = table(8, 2, 30, density=0.5)
    monkeypatch.setattr(api, "AUTO_EXACT_ENTRIES", 10)
    cover, report = minimize(f, method="auto")
    assert report.method == "heuristic" and "more than auto solves exactly" in report.reason
    assert f.matches(cover.to_function())
    _, exact = minimize(f, method="exact")  # an explicit request still runs the exact method
    assert exact.method == "exact"
