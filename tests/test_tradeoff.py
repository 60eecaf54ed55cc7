"""Width against depth: the telescoping constructions against their formulas, the symmetric proof,
the Pareto front's law, and ``boolnet tradeoff`` end to end."""
import itertools
import json
import math

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet import families
from boolnet.cli import main
from boolnet.compiler.deep import xor_tree
from boolnet.compiler.symmetric import fill_value_vector, transitions
from boolnet.compiler.telescoping import (max_parity_depth, parity_bound, parity_radices,
                                          parity_units, symmetric_bound, symmetric_units,
                                          telescoping_parity, telescoping_symmetric,
                                          two_level_symmetric)
from boolnet.costs import cost
from boolnet.errors import NotApplicable
from boolnet.prove.symmetric import prove_symmetric, prove_value_vector_bdd, reads_count_only
from boolnet.pareto import MEASURES, Point, _pareto, tradeoff
from boolnet.verification import verify


def _least_radix_units(n: int, depth: int) -> int:
    """1 + min sum(m - 1) over (d-1)-tuples of radices >= 2, product >= ceil((n+1)/2), by DP."""
    p = (n + 2) // 2
    best = {1: 0}  # product reached (capped at p) -> least sum of (m - 1)
    for _ in range(depth - 1):
        nxt = {}
        for prod, s in best.items():
            for m in range(2, p + 1):
                q = min(p, prod * m)
                if s + m - 1 < nxt.get(q, math.inf):
                    nxt[q] = s + m - 1
                if prod * m >= p:
                    break
        best = nxt
    return 1 + best[p] if p in best else math.inf


def test_parity_telescoping_matches_its_formula_for_n_2_to_64():
    """Built size = formula = the least mixed-radix sum (DP), within the bound, at every depth."""
    for n in range(2, 65):
        assert max_parity_depth(n) == n.bit_length()  # floor(log2 n) + 1, the cascade's depth
        for d in range(2, max_parity_depth(n) + 1):
            net = telescoping_parity(n, d)
            c = cost(net)
            assert c.depth == d
            assert c.neurons == parity_units(n, d) == _least_radix_units(n, d), (n, d)
            assert c.neurons <= parity_bound(n, d) + 1e-9
            assert prove_symmetric(net, [s % 2 for s in range(n + 1)]).ok
        with pytest.raises(NotApplicable):
            parity_radices(n, max_parity_depth(n) + 1)
        with pytest.raises(NotApplicable):
            parity_radices(n, 1)


def test_parity_64_targets():
    """Depth 3 within 3 sqrt(N) + 1 = 25 units; depth d <= 6 within 1 + (d-1) P^(1/(d-1))."""
    assert parity_units(64, 3) <= 3 * math.sqrt(64) + 1
    for d in range(2, 7):
        assert parity_units(64, d) <= 1 + (d - 1) * 33 ** (1 / (d - 1))


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 11])
def test_parity_telescoping_exhaustively(n):
    for d in range(2, max_parity_depth(n) + 1) if n > 1 else []:
        for invert in (False, True):
            f = families.parity(n)
            g = f if not invert else families.symmetric([(s + 1) % 2 for s in range(n + 1)])
            assert verify(telescoping_parity(n, d, invert), g).ok


def test_xor_tree_matches_its_formula():
    """N - 1 + 2 ceil((N-1)/(k-1)) units in 2 ceil(log_k N) layers; right on every row to N = 9."""
    for n in range(2, 65):
        for k in sorted({2, 3, 4, 8, n}):
            if k > n:
                continue
            c = cost(xor_tree(n, k))
            levels = next(L for L in itertools.count(1) if k ** L >= n)
            assert (c.neurons, c.depth) == (n - 1 + 2 * -(-(n - 1) // (k - 1)), 2 * levels), (n, k)
            if n <= 9:
                assert verify(xor_tree(n, k, invert=n % 2 == 0),
                              families.symmetric([(s + n + 1) % 2 for s in range(n + 1)])).ok


value_vectors = st.integers(1, 11).flatmap(
    lambda n: st.lists(st.sampled_from([0, 1, -1]), min_size=n + 1, max_size=n + 1))


@settings(max_examples=40, deadline=None)
@given(value_vectors)
def test_depth3_telescoping_computes_any_value_vector(v):
    """On every row (don't-cares free), with ceil(T/g) + g units <= 2 sqrt(T) + 3, depth 3."""
    t = len(transitions(fill_value_vector(v)))
    f = families.symmetric(v)
    assert verify(two_level_symmetric(v), f).ok
    if t < 4:
        with pytest.raises(NotApplicable):
            telescoping_symmetric(v)
        return
    net = telescoping_symmetric(v)
    c = cost(net)
    assert c.depth == 3 and c.neurons == symmetric_units(t) <= symmetric_bound(t)
    assert verify(net, f).ok


def test_depth3_telescoping_matches_its_formula_for_n_4_to_64():
    rng = np.random.default_rng(3)
    for n in range(4, 65):
        v = rng.integers(0, 2, n + 1).tolist()
        t = len(transitions(v))
        if t < 4:
            continue
        net = telescoping_symmetric(v)
        c = cost(net)
        assert (c.depth, c.neurons) == (3, symmetric_units(t)) and c.neurons <= symmetric_bound(t)
        assert cost(two_level_symmetric(v)).neurons == t + 1
        assert prove_symmetric(net, v).ok
        assert not prove_symmetric(net, [1 - x for x in v]).ok


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.data())
def test_symmetric_proof_agrees_with_every_row(n, data):
    """Where the argument applies, its verdict is the exhaustive one, for right and wrong nets."""
    v = data.draw(st.lists(st.sampled_from([0, 1]), min_size=n + 1, max_size=n + 1))
    w = data.draw(st.lists(st.sampled_from([0, 1]), min_size=n + 1, max_size=n + 1))
    net = two_level_symmetric(v)
    proof = prove_symmetric(net, w)
    assert proof is not None
    assert proof.ok == verify(net, families.symmetric(w)).ok
    if not proof.ok:
        s = proof.counterexample["inputs"].count("1")
        assert v[s] != w[s]


def test_symmetric_proof_refuses_where_it_does_not_apply():
    assert prove_symmetric(xor_tree(6, 3), [s % 2 for s in range(7)]) is None  # units read subsets
    assert not reads_count_only(xor_tree(6, 3))
    assert prove_symmetric(telescoping_parity(6, 3), families.BooleanFunction.from_expr(
        "a & ~b | c ^ d ^ e ^ f")) is None  # the function is not symmetric


points = st.tuples(*[st.integers(1, 4) for _ in MEASURES])


@settings(max_examples=60, deadline=None)
@given(st.lists(points, min_size=1, max_size=12))
def test_pareto_law(keys):
    """No front point is beaten on all five measures; a front point beats every dominated one."""
    pts = [Point("x", str(i), *k, verified=True) for i, k in enumerate(keys)]
    front, dominated = _pareto(pts)
    assert len(front) + len(dominated) == len(pts)

    def beats(a, b):
        return all(x <= y for x, y in zip(a.key(), b.key())) and a.key() != b.key()
    assert not any(beats(a, b) for a in pts for b in front)
    assert all(any(beats(a, b) for a in front) for b in dominated)


def test_tradeoff_parity_16_front():
    """Done when: five depths or more on the front, each point verified and equal to its formula."""
    r = tradeoff([s % 2 for s in range(17)], forms=["symmetric", "telescoping", "cascade",
                                                     "xor-tree", "deep", "threshold"])
    assert len({p.depth for p in r.front}) >= 5
    assert not r.unverified and all(p.proof == "exhaustive" for p in r.points)
    assert all(p.matches_formula for p in r.points)
    assert r.best_by_depth()[3].neurons == parity_units(16, 3)
    assert r.lower_bounds[1][0] == math.inf  # parity is not one unit
    assert any(not t["built"] and t["construction"].startswith("threshold") for t in r.tried)


def test_tradeoff_parity_64_by_the_symmetric_argument():
    r = tradeoff([s % 2 for s in range(65)], forms=["symmetric", "telescoping", "cascade"])
    best = r.best_by_depth()
    assert best[3].neurons <= 25
    for d in range(2, 7):
        assert best[d].neurons <= parity_bound(64, d)
        assert best[d].proof == "symmetric"
    assert not r.unverified


def test_xor_trees_beyond_the_table_are_proven_by_bdds():
    """The XOR tree reads subsets of the inputs: no symmetric argument, but BDDs decide it."""
    r = tradeoff([(s + 1) % 2 for s in range(41)], forms=["xor-tree"])
    assert r.points and all(p.proof == "bdd" for p in r.points)
    net = xor_tree(40, 5)
    wrong = [int(s in (3, 17)) for s in range(41)]
    proof = prove_value_vector_bdd(net, wrong)
    assert not proof.ok
    row = [int(c) for c in proof.counterexample["inputs"]]
    assert int(net.forward(np.array([row]))[0, 0]) != wrong[sum(row)]
    assert prove_value_vector_bdd(net, [s % 2 if s != 7 else -1 for s in range(41)]).ok


def test_tradeoff_general_function_and_max_depth():
    f = families.BooleanFunction.from_expr("a & b | c & ~d | a ^ e")
    r = tradeoff(f, max_depth=2, forms=["threshold", "wide", "deep", "symmetric"])
    assert r.points and all(p.depth <= 2 and p.verified for p in r.points)
    assert any("single-output symmetric" in t["reason"] for t in r.tried)


def test_cli_tradeoff_json_csv_and_plot(tmp_path):
    png = tmp_path / "front.png"
    res = CliRunner().invoke(main, ["tradeoff", "--family", "parity:8", "--forms",
                                    "telescoping,cascade,symmetric,xor-tree", "--format", "json",
                                    "--plot", str(png)])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert set(d) == {"name", "n", "front", "dominated", "unverified", "tried", "lower_bounds",
                      "seconds"}
    assert d["n"] == 8 and all(p["verified"] for p in d["front"])
    assert d["lower_bounds"][0] == {"depth": 1, "neurons": None, "impossible": True,
                                    "reference": d["lower_bounds"][0]["reference"]}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    res = CliRunner().invoke(main, ["tradeoff", "--family", "majority:9", "--format", "csv",
                                    "--forms", "symmetric,telescoping,threshold"])
    assert res.exit_code == 0, res.output
    rows = res.stdout.strip().splitlines()
    assert rows[0].startswith("set,construction,label,depth,neurons")
    assert rows[1].split(",")[:2] == ["front", "threshold"]  # majority is one unit


@pytest.mark.parametrize("args, words", [
    (["--forms", "bogus"], "unknown construction bogus"),
    (["--plot", "front.txt"], "cannot tell the picture format"),
    (["--max-depth", "0"], "0"),
])
def test_cli_tradeoff_bad_input(tmp_path, args, words):
    args = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    res = CliRunner().invoke(main, ["tradeoff", "--family", "parity:4", *args])
    assert res.exit_code == 2
    assert words in res.output
    assert not (tmp_path / "front.txt").exists()


# ------------------------------------------------------------------ periodic vectors, any depth
from boolnet.compiler.telescoping import (  # noqa: E402
    max_periodic_depth, period_of, periodic_bound, periodic_units, telescoping_periodic)


def _per_count(net, n):
    """The network's output on one row per count s = 0..n (it reads only the count)."""
    rows = np.array([[1] * s + [0] * (n - s) for s in range(n + 1)])
    return net.forward(rows)[:, 0].astype(int).tolist()


def test_periodic_telescoping_matches_its_formula_for_n_2_to_64():
    """Built size = formula <= bound at every depth, right on every count; parity's sizes."""
    rng = np.random.default_rng(15)
    built = 0
    for n in range(2, 65):
        assert [periodic_units([s % 2 for s in range(n + 1)], d)
                for d in range(2, max_parity_depth(n) + 1)] == \
               [parity_units(n, d) for d in range(2, max_parity_depth(n) + 1)]
        for _ in range(3):
            p = int(rng.integers(2, max(3, (n + 3) // 2)))
            u = rng.integers(0, 2, p).tolist()
            v = [u[s % p] for s in range(n + 1)]
            q, _ = period_of(v)
            if -(-(n + 1) // q) < 2 or len(set(v)) == 1:
                with pytest.raises(NotApplicable):
                    telescoping_periodic(v, 4)
                continue
            for d in range(2, max_periodic_depth(v) + 1):
                try:
                    net = telescoping_periodic(v, d)
                except NotApplicable:
                    assert d == 2 and len(transitions(v[:q])) >= 2
                    continue
                c = cost(net)
                assert (c.depth, c.neurons) == (d, periodic_units(v, d)), (n, v, d)
                assert c.neurons <= periodic_bound(v, d) + 1e-9
                assert _per_count(net, n) == v, (n, v, d)
                built += 1
            with pytest.raises(NotApplicable):
                telescoping_periodic(v, max_periodic_depth(v) + 1)
        v = rng.integers(0, 2, n + 1).tolist()
        if period_of(v)[0] == n + 1:
            with pytest.raises(NotApplicable):
                telescoping_periodic(v, 4)
    assert built > 300


def _periodic_case(n):
    return st.integers(2, max(2, (n + 1) // 2)).flatmap(lambda p: st.tuples(
        st.just(n), st.lists(st.sampled_from([0, 1]), min_size=p, max_size=p),
        st.lists(st.booleans(), min_size=n + 1, max_size=n + 1)))


periodic_vectors = st.integers(2, 11).flatmap(_periodic_case)


@settings(max_examples=40, deadline=None)
@given(periodic_vectors)
def test_periodic_telescoping_computes_any_periodic_vector(case):
    """On every row, with don't-cares free, at every depth the construction offers."""
    n, u, holes = case
    v = [-1 if hole else u[s % len(u)] for s, hole in enumerate(holes)]
    f = families.symmetric(v)
    try:
        top = max_periodic_depth(v)
    except NotApplicable:
        return
    for d in range(2, top + 1):
        try:
            net = telescoping_periodic(v, d)
        except NotApplicable:
            continue
        assert cost(net).neurons == periodic_units(v, d)
        assert verify(net, f).ok
        assert prove_symmetric(net, v).ok


def test_tradeoff_periodic_front_beyond_depth_3():
    """A mod-3 vector of 64 inputs: points at depths 4 and 5 on the front, proven, = formula."""
    v = [int(s % 3 == 0) for s in range(65)]
    r = tradeoff(v, forms=["symmetric", "telescoping"])
    deep = [p for p in r.front if p.depth >= 4]
    assert {4, 5} <= {p.depth for p in deep}
    assert all(p.proof == "symmetric" and p.matches_formula for p in r.points)
    assert r.best_by_depth()[4].neurons == periodic_units(v, 4) == 7
    assert r.best_by_depth()[4].neurons < r.best_by_depth()[3].neurons
    r = tradeoff([int(2 * s > 16) for s in range(17)], forms=["telescoping"])
    assert any(t["construction"].startswith("telescoping d>=4") and "periodic" in t["reason"]
               for t in r.tried)
