"""Threshold synthesis: every step keeps the function, and the bounds it promises hold."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boolnet.costs import cost
from boolnet.cover import Cover
from boolnet.synth import synthesize
from boolnet.synth.aig import Aig, aig_from_cover, optimize_aig
from boolnet.synth.bdd import aig_from_bdd
from boolnet.synth.collapse import collapse
from boolnet.synth.cuts import enumerate_cuts, expand
from boolnet.synth.mapping import MapStats, map_threshold
from boolnet.synth.threshold import integer_separator, threshold_of, two_units
from boolnet.synth.tnet import ThresholdNetwork, network_to_tnet

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def covers(draw, max_n=6, max_m=3, max_cubes=8):
    """Random multi-output covers over a few inputs."""
    n = draw(st.integers(2, max_n))
    m = draw(st.integers(1, max_m))
    k = draw(st.integers(1, max_cubes))
    cubes = ["".join(draw(st.sampled_from("01--")) for _ in range(n)) for _ in range(k)]
    outs = ["".join(draw(st.sampled_from("01")) for _ in range(m)) for _ in range(k)]
    return Cover.from_strings(cubes, n, outs)


def rows_of(n: int) -> np.ndarray:
    """Every input row, input 0 the most significant bit (boolnet's row order)."""
    r = np.arange(1 << n)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)


def truth(cover: Cover) -> np.ndarray:
    f = cover.to_function()
    return (f.evaluate(np.arange(1 << cover.n)) == 1)


@SETTINGS
@given(covers())
def test_aig_of_a_cover_computes_it(c):
    g = aig_from_cover(c)
    assert np.array_equal(g.simulate_outputs().T, truth(c))


@SETTINGS
@given(covers())
def test_aig_of_the_bdd_computes_the_cover(c):
    g = aig_from_bdd(c)
    assert g is not None and np.array_equal(g.simulate_outputs().T, truth(c))


@SETTINGS
@given(covers(max_n=5))
def test_every_cut_table_is_the_node_function_of_its_leaves(c):
    """Evaluate the AIG on every row; each cut's table must map leaf values to the node value."""
    g = aig_from_cover(c)
    n = g.n
    rows = np.arange(1 << n)
    val = np.zeros((g.size, 1 << n), bool)
    for i in range(n):
        val[i + 1] = (rows >> (n - 1 - i)) & 1
    for v in range(n + 1, g.size):
        a, b = g.fanins(v)
        val[v] = (val[a >> 1] ^ bool(a & 1)) & (val[b >> 1] ^ bool(b & 1))
    cuts = enumerate_cuts(g, 4)
    for v in range(n + 1, g.size):
        for leaves, t in cuts[v]:
            idx = sum(val[x].astype(np.int64) << i for i, x in enumerate(leaves))
            assert np.array_equal((t >> idx) & 1, val[v].astype(np.int64))


@given(st.integers(1, 5), st.data())
@settings(max_examples=60, deadline=None)
def test_expand_agrees_with_a_literal_re_indexing(k, data):
    into = tuple(sorted(data.draw(st.sets(st.integers(0, 12), min_size=k, max_size=k))))
    leaves = tuple(sorted(data.draw(st.sets(st.sampled_from(into), min_size=1))))
    t = data.draw(st.integers(0, (1 << (1 << len(leaves))) - 1))
    got = expand(t, leaves, into)
    for r in range(1 << k):
        q = sum(((r >> into.index(x)) & 1) << i for i, x in enumerate(leaves))
        assert (got >> r) & 1 == (t >> q) & 1


def _brute_threshold(t: int, k: int, wmax: int = 3):
    """Any integer unit with |w| <= wmax computing t (every threshold function of <= 3 leaves has one)."""
    rows = [[(r >> i) & 1 for i in range(k)] for r in range(1 << k)]
    for w in itertools.product(range(-wmax, wmax + 1), repeat=k):
        sums = [sum(a * b for a, b in zip(w, x)) for x in rows]
        for b in range(-k * wmax - 1, k * wmax + 2):
            if all(((s + b >= 0) == bool((t >> r) & 1)) for r, s in enumerate(sums)):
                return w, b
    return None


@pytest.mark.parametrize("k", [1, 2, 3])
def test_threshold_recognition_is_exact_on_every_table_of_three_leaves(k):
    for t in range(1 << (1 << k)):
        got = threshold_of(t, k)
        assert (got is None) == (_brute_threshold(t, k) is None), (t, k)
        if got is not None:
            w, b = got
            for r in range(1 << k):
                s = sum(w[i] * ((r >> i) & 1) for i in range(k)) + b
                assert (s >= 0) == bool((t >> r) & 1)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 4), st.data())
def test_two_units_compute_their_table(k, data):
    t = data.draw(st.integers(0, (1 << (1 << k)) - 1))
    pair = two_units(t, k)
    if pair is None:
        return
    (hs, hw, hb), (w, b) = pair
    for r in range(1 << k):
        x = [(r >> i) & 1 for i in range(k)]
        h = int(sum(wi * x[i] for i, wi in zip(hs, hw)) + hb >= 0)
        assert (sum(wi * xi for wi, xi in zip(w, x + [h])) + b >= 0) == bool((t >> r) & 1)


def test_multiplexer_and_xor_are_two_units_and_not_one():
    mux = sum(1 << r for r in range(8) if ((r >> 1) & 1 if r & 1 else (r >> 2) & 1))
    assert threshold_of(mux, 3) is None and two_units(mux, 3) is not None
    assert threshold_of(0b0110, 2) is None and two_units(0b0110, 2) is not None


@SETTINGS
@given(covers(max_n=6), st.sampled_from([None, 3, 4]), st.sampled_from([None, 2, 3]))
def test_mapping_keeps_the_function_and_its_bounds(c, max_depth, max_fanin):
    g = aig_from_cover(c)
    stats = MapStats()
    try:
        t = map_threshold(g, max_depth=max_depth, max_fanin=max_fanin, stats=stats)
    except Exception as exc:  # only a depth bound may be unreachable
        assert max_depth is not None and "depth" in str(exc)
        return
    assert np.array_equal(t.evaluate(rows_of(c.n)).astype(bool), truth(c))
    assert stats.units <= max(g.num_ands, 1) * 1
    net = t.to_network()
    assert np.array_equal(net.forward(rows_of(c.n)) >= 1, truth(c))
    if max_depth is not None:
        assert cost(net).depth <= max_depth
    if max_fanin is not None:
        assert all(np.count_nonzero(r) <= max_fanin for layer in net.layers[:-1] for r in layer.W)


@SETTINGS
@given(covers(max_n=6))
def test_collapse_keeps_the_function_and_never_adds_units(c):
    t = map_threshold(aig_from_cover(c))
    u = collapse(t)
    assert np.array_equal(u.evaluate(rows_of(c.n)), t.evaluate(rows_of(c.n)))
    assert u.size() <= t.size()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(covers(max_n=6))
def test_synthesis_computes_the_cover_with_no_more_units_than_the_aig(c):
    t, stats = synthesize(c)
    assert np.array_equal(t.evaluate(rows_of(c.n)).astype(bool), truth(c))
    ands = [s["ands"] for s in stats.structures.values() if "ands" in s]
    assert t.num_units == 0 or t.size() <= max(min(ands), 1) + c.m


@SETTINGS
@given(covers(max_n=5))
def test_a_network_poured_into_a_pool_and_levelised_again_is_the_same_function(c):
    t, _ = synthesize(c, optimize=False)  # levelising is the point here, not the AIG passes
    net = t.to_network()
    pool = ThresholdNetwork(c.n)
    for s, neg in network_to_tnet(net, into=pool):
        pool.add_output(s, neg)
    again = pool.to_network()
    X = rows_of(c.n)
    assert np.array_equal(again.forward(X), net.forward(X))
    assert sum(layer.n_out for layer in again.layers) <= sum(layer.n_out for layer in net.layers)


def test_structural_hashing_shares_equal_units_and_nodes():
    t = ThresholdNetwork(3)
    a = t.add_unit([0, 1], [1, 1], -2)
    assert t.add_unit([1, 0], [1, 1], -2) == a and t.num_units == 1
    g = Aig(2)
    x = g.create_and(g.pi(0), g.pi(1))
    assert g.create_and(g.pi(1), g.pi(0)) == x and g.num_ands == 1
    assert g.create_and(x, x ^ 1) == 0 and g.create_and(x, 1) == x


def test_integer_separator_finds_units_over_dependent_columns():
    """eq of a 2-bit comparator is one unit over lt and gt: [-lt - gt >= 0]."""
    X = rows_of(4)
    a, b = X[:, 0] * 2 + X[:, 1], X[:, 2] * 2 + X[:, 3]
    cols = np.stack([a < b, a > b], axis=1).astype(np.int64)
    w, bias = integer_separator(cols, a == b)
    assert np.array_equal(cols @ w + bias >= 0, a == b)
    assert integer_separator(X[:, :2], X[:, 0] ^ X[:, 1]) is None


def test_optimised_aig_computes_the_same_outputs():
    c = Cover.from_strings(["11--", "1-1-", "-11-", "---1"], 4)
    g = aig_from_cover(c)
    h = optimize_aig(g)
    assert np.array_equal(h.simulate_outputs(), g.simulate_outputs())
    assert h.num_ands <= g.num_ands
