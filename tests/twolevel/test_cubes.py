"""Cube-array operations checked against truth tables on random covers."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet import cubes


def random_cover(rng, n, k, p_lit=0.5):
    """k random cubes over n inputs as (care, value) arrays."""
    care = rng.random((k, n)) < p_lit
    value = care & (rng.random((k, n)) < 0.5)
    w = max(1, (n + 63) // 64)
    return cubes._pack(care, w), cubes._pack(value, w)


def points(care, value, n):
    """Boolean (2^n,) table of the points a cover covers (dense reference)."""
    if n == 0:
        return np.array([len(care) > 0])
    words = cubes.cover_words(care, value, np.ones((len(care), 1), bool), n)
    from boolnet.bits import unpack
    return unpack(words, 1 << n)[0]


covers = st.builds(lambda seed, n, k, p: (np.random.default_rng(seed), n, k, p),
                   st.integers(0, 2**32 - 1), st.integers(1, 13), st.integers(0, 40),
                   st.sampled_from([0.2, 0.5, 0.8]))


@settings(max_examples=150, deadline=None)
@given(covers)
def test_tautology_and_complement_match_truth_tables(args):
    rng, n, k, p = args
    care, value = random_cover(rng, n, k, p)
    pts = points(care, value, n)
    assert cubes.tautology(care, value) == bool(pts.all())
    cc, cv = cubes.complement(care, value, n)
    assert np.array_equal(points(cc, cv, n), ~pts)


@settings(max_examples=150, deadline=None)
@given(covers)
def test_sccc_is_supercube_of_complement(args):
    rng, n, k, p = args
    care, value = random_cover(rng, n, k, p)
    off = ~points(care, value, n)
    got = cubes.sccc(care, value, n)
    if not off.any():
        assert got is None
        return
    rows = np.flatnonzero(off)
    bits = (rows[:, None] >> np.arange(n - 1, -1, -1)) & 1  # column i = input i
    const = (bits == bits[0]).all(0)
    sc, sv = got
    cb, vb = cubes.bits_of(sc[None], n)[0], cubes.bits_of(sv[None], n)[0]
    assert np.array_equal(cb, const)
    assert np.array_equal(vb[const], bits[0][const].astype(bool))


@settings(max_examples=100, deadline=None)
@given(covers, st.integers(0, 2**32 - 1))
def test_sharp_and_cofactor(args, seed2):
    rng, n, k, p = args
    a = random_cover(rng, n, 3, p)
    b = random_cover(np.random.default_rng(seed2), n, k, p)
    sc, sv = cubes.sharp(*a, *b, n)
    assert np.array_equal(points(sc, sv, n), points(*a, n) & ~points(*b, n))
    # Cofactor by a cube p: the cover restricted to p equals the cofactor restricted to p.
    pc, pv = a[0][:1], a[1][:1]
    fc, fv = cubes.cofactor(*b, pc[0], pv[0])
    inside = points(pc, pv, n)
    assert np.array_equal(points(fc, fv, n)[inside], points(*b, n)[inside])
    assert cubes.covers_cube(*b, pc[0], pv[0]) == bool(points(*b, n)[inside].all())


@settings(max_examples=100, deadline=None)
@given(covers)
def test_cover_rows_is_an_exact_covering_condition(args):
    rng, n, k, p = args
    n = min(n, 8)
    fixed = random_cover(rng, n, k // 4, p)
    var = random_cover(rng, n, 6, p)
    rows = cubes.cover_rows(fixed, var, np.arange(6))
    fpts = points(*fixed, n)
    vpts = [points(var[0][i:i + 1], var[1][i:i + 1], n) for i in range(6)]
    for mask in range(64):
        chosen = [i for i in range(6) if mask >> i & 1]
        cov = fpts.copy()
        for i in chosen:
            cov |= vpts[i]
        ok = bool(cov.all())
        if rows is None:
            assert not ok
            continue
        assert ok == all(any(i in chosen for i in r) for r in rows)


def test_pairwise_and_scc():
    care, value = cubes.from_strings(["1-0", "110", "0--", "1-0"])
    keep = cubes.scc(care, value)
    assert keep.tolist() == [True, False, True, False]
    d = cubes.distance(care, value, care, value)
    assert d[0, 2] == 1 and d[1, 2] == 1 and d[0, 1] == 0
    assert cubes.intersects(care, value, care, value)[0, 2] == False


def test_multiword_inputs():
    n = 130
    s = ["-" * n for _ in range(2)]
    s[0] = "1" + "-" * 128 + "1"
    s[1] = "0" + "-" * 129
    care, value = cubes.from_strings(s)
    assert care.shape == (2, 3)
    assert cubes.to_strings(care, value, n) == s
    assert not cubes.tautology(care, value)
    cc, cv = cubes.complement(care, value, n)
    assert cubes.to_strings(cc, cv, n) == ["1" + "-" * 128 + "0"]


def test_complement_budget():
    # 20 disjoint two-literal cubes: the complement has 2^20 cubes.
    n = 40
    strs = []
    for i in range(20):
        s = ["-"] * n
        s[i] = s[20 + i] = "1"
        strs.append("".join(s))
    care, value = cubes.from_strings(strs)
    with pytest.raises(cubes.ComplementTooLarge):
        cubes.complement(care, value, n, limit=1000)
    sc, sv = cubes.sccc(care, value, n)  # computed without building the complement
    assert not sc.any() and not sv.any()


@settings(max_examples=100, deadline=None)
@given(covers, st.integers(1, 4))
def test_cube_and_cover_words_match_each_row_checked_literal_by_literal(args, m):
    rng, n, k, p = args
    care, value = random_cover(rng, n, k, p)
    cb, vb = cubes.bits_of(care, n), cubes.bits_of(value, n)
    rows = np.arange(1 << n)
    bits = ((rows[:, None] >> np.arange(n - 1, -1, -1)[None, :]) & 1).astype(bool)
    inside = ((bits[None] == vb[:, None]) | ~cb[:, None]).all(-1)  # (k, 2^n)
    from boolnet.bits import unpack
    words = cubes.cube_words(care, value, n)
    got_rows = np.array([unpack(w, 1 << n) for w in words], bool).reshape(k, 1 << n)
    assert np.array_equal(got_rows, inside)
    outputs = rng.random((k, m)) < 0.5
    got = cubes.cover_words(care, value, outputs, n)
    for j in range(m):
        assert np.array_equal(unpack(got[j], 1 << n), inside[outputs[:, j]].any(0))
