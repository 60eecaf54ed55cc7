"""NPN canonical forms against brute force over the whole group (n <= 4), and class counts."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet import BooleanFunction
from boolnet.errors import BoolnetError
from boolnet.npn import NPNTransform, npn_canonical, npn_canonical_many, npn_classes, npn_orbit


def _row_maps(n: int) -> np.ndarray:
    """For every (perm, neg), the row y of f read by row x of g: y[perm[i]] = x[i] ^ neg[i]."""
    maps = []
    for perm in itertools.permutations(range(n)):
        for neg in itertools.product((0, 1), repeat=n):
            m = []
            for x in range(1 << n):
                y = 0
                for i in range(n):
                    bit = ((x >> (n - 1 - i)) & 1) ^ neg[i]
                    y |= bit << (n - 1 - perm[i])
                m.append(y)
            maps.append(m)
    return np.array(maps, dtype=np.int64).reshape(-1, 1 << n)


def _brute_orbit(tt: int, n: int, maps: np.ndarray) -> set[int]:
    bits = np.array([(tt >> r) & 1 for r in range(1 << n)], dtype=np.uint64)
    weights = np.uint64(1) << np.arange(1 << n, dtype=np.uint64)
    images = (bits[maps] * weights).sum(axis=1)
    full = (1 << (1 << n)) - 1
    return {int(v) for v in images} | {full ^ int(v) for v in images}


def _brute_apply(t: NPNTransform, tt: int) -> int:
    n, g = t.n, 0
    for x in range(1 << n):
        y = 0
        for i in range(n):
            y |= (((x >> (n - 1 - i)) & 1) ^ int(t.neg[i])) << (n - 1 - t.perm[i])
        g |= (((tt >> y) & 1) ^ int(t.out_neg)) << x
    return g


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4])
def test_canonical_form_is_exactly_the_brute_force_orbit(n):
    """Every table's form names its orbit: same form iff same brute-force orbit; sizes agree."""
    maps = _row_maps(n)
    tables = np.arange(1 << (1 << n), dtype=np.uint64)
    canon, sizes = npn_canonical_many(tables, n)
    reps = np.unique(canon)
    for rep in reps:
        members = {int(v) for v in tables[canon == rep]}
        orbit = _brute_orbit(int(rep), n, maps)
        assert members == orbit
        assert set(sizes[canon == rep].tolist()) == {len(orbit)}
    assert len(reps) == [1, 2, 4, 14, 222][n]  # OEIS A000370


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 6).flatmap(lambda n: st.tuples(
    st.just(n), st.integers(0, (1 << (1 << n)) - 1), st.permutations(range(n)),
    st.lists(st.booleans(), min_size=n, max_size=n), st.booleans())))
def test_form_is_invariant_and_reached_by_its_transform(case):
    n, tt, perm, neg, out = case
    moved = _brute_apply(NPNTransform(n, 0, tuple(perm), tuple(neg), out), tt)
    a, b = npn_canonical(tt, n), npn_canonical(moved, n)
    assert a.tt == b.tt and a.class_size == b.class_size
    assert a.apply(tt) == a.tt == _brute_apply(a, tt)
    assert a.apply_inverse(a.tt) == tt
    inv = a.inverse()
    assert inv.apply(a.tt) == tt == _brute_apply(inv, a.tt)


@pytest.mark.parametrize("n", [2, 3])
def test_orbit_and_class_sizes(n):
    tts, sizes = npn_classes(n)
    assert int(sizes.sum()) == 1 << (1 << n)
    for t, s in zip(tts, sizes):
        assert len(npn_orbit(int(t), n)) == s


def test_classes_of_four_inputs():
    tts, sizes = npn_classes(4)
    assert len(tts) == 222 and int(sizes.sum()) == 1 << 16
    assert sorted(set(int(s) for s in sizes)) == sorted(set(int(s) for s in sizes if 768 % s == 0))


def test_boolean_function_npn():
    f = BooleanFunction.from_hex("0x8000")  # x1 x2 x3 x4
    t = f.npn()
    assert t.tt == npn_canonical(0x8000, 4).tt and t.class_size == 32
    with pytest.raises(BoolnetError, match="one output"):
        BooleanFunction.from_minterms(2, [[1], [2]]).npn()


def test_bad_input():
    with pytest.raises(BoolnetError, match="0 .. 6 inputs"):
        npn_canonical(0, 7)
    with pytest.raises(BoolnetError, match="beyond row 3"):
        npn_canonical(0x1F, 2)


@pytest.mark.slow
def test_classes_of_five_inputs():
    tts, sizes = npn_classes(5)
    assert len(tts) == 616126 and int(sizes.sum()) == 1 << 32  # OEIS A000370
    total = (2 << 5) * math.factorial(5)
    assert all(total % int(s) == 0 for s in sizes[:1000])
    rng = np.random.default_rng(5)
    for i in rng.choice(len(tts), 20, replace=False):
        assert len(npn_orbit(int(tts[i]), 5)) == sizes[i]
