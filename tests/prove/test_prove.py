"""Proofs of equivalence: the SAT miter against brute force, the care set, large shared PLA files.

Every reference here is independent of boolnet.prove: networks run through their own
forward pass, functions through ``to_function`` (the dense semantics of covers).
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boolnet import BooleanFunction
from boolnet.cover import Cover, CubeFunction
from boolnet.errors import BoolnetError
from boolnet.io.pla import read_pla
from boolnet.nn import Layer, Network
from boolnet.prove import ProofResult, prove_equivalent
from boolnet.prove.sat import Circuit, prove_sat
from boolnet.verification import UnprovenError, VerificationError, check, verify

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------- references
def _rows(n: int) -> np.ndarray:
    r = np.arange(1 << n)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)


def _net_table(net: Network) -> np.ndarray:
    """0/1 outputs (2^n, m) on every row, from the network's forward pass."""
    X = _rows(net.n_inputs)
    out = net.forward(2 * X - 1 if net.encoding == "pm1" else X)
    return ((out > 0) if net.layers[-1].activation == "sign" else (out >= 1)).astype(int)


def _fun_table(f) -> np.ndarray:
    """Values (2^n, m): 0, 1 or -1 (don't care), from the dense semantics."""
    g = f if isinstance(f, BooleanFunction) else f.to_function()
    return g.evaluate(np.arange(1 << g.n))


def _check_against_brute_force(res: ProofResult, net: Network, f, proof: str = "sat") -> None:
    got, want = _net_table(net), _fun_table(f)
    wrong = (want >= 0) & (got != want)
    if not wrong.any():
        assert res.status == proof, res
        assert res.counterexample is None
        return
    assert res.status == "counterexample", res
    c = res.counterexample
    row = c["row"]
    assert c["inputs"] == format(row, f"0{f.n}b")
    j = list(f.output_names).index(c["output"])
    assert wrong[row, j], "the counterexample is not a differing care row"
    assert (c["expected"], c["got"]) == (want[row, j], got[row, j])


# ---------------------------------------------------------------- strategies
@st.composite
def networks(draw, n: int, m: int):
    """Random threshold nets: step/sign layers, skips, 01/pm1 inputs, negative weights."""
    encoding = draw(st.sampled_from([None, "01", "pm1"]))
    depth = draw(st.integers(1, 3))
    widths, layers = [n], []
    for i in range(depth):
        width = m if i == depth - 1 else draw(st.integers(1, 4))
        sources = sorted(set(draw(st.lists(st.integers(0, i), min_size=1, max_size=3))) | {i})
        cols = sum(widths[s] for s in sources)
        W = draw(st.lists(st.lists(st.integers(-3, 3), min_size=cols, max_size=cols),
                          min_size=width, max_size=width))
        b = draw(st.lists(st.integers(-4, 4), min_size=width, max_size=width))
        act = draw(st.sampled_from(["step", "sign"]))
        layers.append(Layer(np.array(W, np.int64).reshape(width, cols), np.array(b, np.int64),
                            act, sources))
        widths.append(width)
    return Network(n, layers, encoding=encoding)


def _random_cover(rng, n: int, m: int, k: int) -> Cover:
    care = rng.random((k, n)) < 0.6
    value = rng.random((k, n)) < 0.5
    outs = rng.random((k, m)) < 0.6
    return Cover.from_literals(care, value, outs, m)


@st.composite
def cube_functions(draw, n: int, m: int):
    """Random CubeFunctions of every PLA type: ON, DC and (fr, fdr, r, dr) OFF covers."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    pla_type = draw(st.sampled_from(["f", "fd", "fr", "fdr", "r", "dr"]))
    on = _random_cover(rng, n, m, draw(st.integers(0, 6)))
    dc = _random_cover(rng, n, m, draw(st.integers(0, 3))) if "d" in pla_type else None
    off = _random_cover(rng, n, m, draw(st.integers(0, 6))) if "r" in pla_type else None
    return CubeFunction(on, dc, off, pla_type=pla_type)


def _two_level(n: int, on_rows: np.ndarray) -> Network:
    """An AND unit per (row, output) minterm and an OR per output: exactly the given table."""
    m = on_rows.shape[1]
    terms = [(r, j) for j in range(m) for r in np.flatnonzero(on_rows[:, j])]
    if not terms:
        return Network(n, [Layer(np.zeros((m, n), np.int64), np.full(m, -1, np.int64))])
    X = _rows(n)
    W1 = np.array([2 * X[r] - 1 for r, _ in terms], np.int64).reshape(len(terms), n)
    b1 = -X[[r for r, _ in terms]].sum(axis=1)
    W2 = np.zeros((m, len(terms)), np.int64)
    for k, (_, j) in enumerate(terms):
        W2[j, k] = 1
    return Network(n, [Layer(W1, b1), Layer(W2, np.full(m, -1, np.int64))])


# ---------------------------------------------------------------- properties
@SETTINGS
@given(st.data(), st.integers(1, 6), st.integers(1, 3))
def test_sat_agrees_with_brute_force_on_random_nets_and_cube_functions(data, n, m):
    net = data.draw(networks(n, m))
    f = data.draw(cube_functions(n, m))
    _check_against_brute_force(prove_sat(net, f), net, f)


@settings(SETTINGS, max_examples=15)  # a CUDD manager an example: ~0.1 s each
@given(st.data(), st.integers(1, 6), st.integers(1, 3))
def test_bdd_agrees_with_brute_force_on_random_nets_and_cube_functions(data, n, m):
    from boolnet.prove.bdd import prove_bdd
    net = data.draw(networks(n, m))
    f = data.draw(cube_functions(n, m))
    _check_against_brute_force(prove_bdd(net, f), net, f, proof="bdd")


@SETTINGS
@given(st.data(), st.integers(1, 6), st.integers(1, 3))
def test_exhaustive_agrees_with_brute_force_on_random_nets(data, n, m):
    """The exhaustive path reads pm1 nets with step units and sign units in 01 nets too."""
    from boolnet.prove.exhaustive import prove_exhaustive
    net = data.draw(networks(n, m))
    f = data.draw(cube_functions(n, m))
    _check_against_brute_force(prove_exhaustive(net, f), net, f, proof="exhaustive")


@SETTINGS
@given(st.data(), st.integers(1, 8), st.integers(1, 3), st.sampled_from([0.0, 0.2, 0.5]))
def test_sat_proves_nets_equal_on_the_care_set_and_refutes_a_flipped_row(data, n, m, p_dc):
    """A net equal to f on care rows (any values on DC rows) is proven; one flipped care row is found.

    Up to 8 inputs: a table of more than 6 enters the miter level by level above its words.
    """
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    table = (rng.random((1 << n, m)) < 0.5).astype(int)
    dc = rng.random((1 << n, m)) < p_dc
    f = BooleanFunction.from_array(np.where(dc, -1, table))
    fill = np.where(dc, rng.random((1 << n, m)) < 0.5, table)  # DC rows: anything
    good = _two_level(n, fill)
    res = prove_sat(good, f)
    assert res.status == "sat" and res.proven
    care = np.argwhere(~dc)
    if len(care):
        r, j = care[data.draw(st.integers(0, len(care) - 1))]
        fill[r, j] ^= 1
        bad = _two_level(n, fill)
        res = prove_sat(bad, f)
        _check_against_brute_force(res, bad, f)
        assert res.counterexample["row"] == r  # the only differing care row


@SETTINGS
@given(st.data(), st.integers(1, 6))
def test_cube_function_care_set_by_pla_type(data, n):
    """The miter compares on ON and OFF only when an OFF cover is given, never on DC rows."""
    f = data.draw(cube_functions(n, 1))
    want = _fun_table(f)
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    fill = np.where(want >= 0, want, rng.random(want.shape) < 0.5).astype(int)
    assert prove_sat(_two_level(n, fill), f).status == "sat"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.booleans(), st.integers(-40, 40)),
                min_size=0, max_size=8), st.integers(-60, 60))
def test_threshold_encoding_is_the_inequality(terms, bound):
    """Each assignment of the inputs forces the unit's literal to [sum w l >= bound] (BDD intervals)."""
    from pysat.solvers import Solver
    n = 6
    c = Circuit(n)
    lits = [(i + 1) * (1 if pos else -1) for i, pos, _ in terms]
    weights = [w for _, _, w in terms]
    y = c.threshold(lits, weights, bound)
    with Solver(name="cadical195", bootstrap_with=c.clauses) as s:
        for row in _rows(n):
            value = sum(w * (row[abs(lit) - 1] if lit > 0 else 1 - row[abs(lit) - 1])
                        for lit, w in zip(lits, weights)) >= bound
            assume = [(i + 1) if row[i] else -(i + 1) for i in range(n)]
            assert s.solve(assumptions=assume + [y if value else -y])
            assert not s.solve(assumptions=assume + [-y if value else y])


# ---------------------------------------------------------------- verify / check
def test_verify_reports_proof_kinds_and_keeps_its_json_keys():
    f = CubeFunction(Cover.from_strings(["1" * 30]))
    net = Network(30, [Layer([[1] * 30], [-30])])
    rep = verify(net, f)
    assert rep.ok and rep.method == "sat" and rep.proof == "proven (SAT)"
    assert set(rep.as_dict()) >= {"ok", "exhaustive", "rows_checked", "seconds", "path",
                                  "counterexample", "method", "proof", "reason"}
    small = CubeFunction(Cover.from_strings(["1" * 5]))
    rep = verify(Network(5, [Layer([[1] * 5], [-5])]), small)
    assert rep.ok and rep.exhaustive and rep.proof == "exhaustive"


def test_time_limit_gives_not_proven_never_a_proof():
    f = CubeFunction(Cover.from_strings(["1" * 30]))
    # Two halves ANDed: not the source's structure, so the solver has to run.
    net = Network(30, [Layer([[1] * 15 + [0] * 15, [0] * 15 + [1] * 15], [-15, -15]),
                       Layer([[1, 1]], [-2])])
    res = prove_equivalent(net, f, time_limit=1e-9)
    assert res.status == "not proven" and not res.proven and "time limit" in res.reason
    rep = verify(net, f, time_limit=1e-9, samples=64)
    assert not rep.ok and rep.proof == "not proven" and rep.method == "sampled"
    with pytest.raises(UnprovenError):
        check(net, f, time_limit=1e-9, samples=64)
    assert not check(net, f, time_limit=1e-9, samples=64, allow_unproven=True).ok
    assert check(net, f).ok  # without the limit it is proven


def test_portfolio_hands_a_hard_miter_to_bdds(monkeypatch):
    import boolnet.prove as prove
    f = CubeFunction(Cover.from_strings(["1" * 30]))
    net = Network(30, [Layer([[1] * 15 + [0] * 15, [0] * 15 + [1] * 15], [-15, -15]),
                       Layer([[1, 1]], [-2])])
    monkeypatch.setattr(prove, "PORTFOLIO_SAT_SECONDS", 0.0)  # SAT gives up at once
    res = prove_equivalent(net, f)
    assert res.status == "bdd" and res.label == "proven (BDD)"
    bad = Network(30, [Layer([[1] * 15 + [0] * 15, [0] * 15 + [1] * 15], [-15, -14]),
                       Layer([[1, 1]], [-2])])
    res = prove_equivalent(bad, f)
    assert res.status == "counterexample" and res.counterexample["inputs"].count("0") == 1


def test_a_miter_beyond_the_memory_budget_is_refused_not_attempted(monkeypatch):
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "10K")
    f = CubeFunction(Cover.from_strings(["1" * 30]))
    res = prove_sat(Network(30, [Layer([[1] * 30], [-30])]), f)
    assert res.status == "not proven" and "memory budget" in res.reason


def test_wrong_network_beyond_24_inputs_raises_with_a_row():
    f = CubeFunction(Cover.from_strings(["1" * 30]))
    net = Network(30, [Layer([[1] * 30], [-29])])  # fires on 29 ones too
    with pytest.raises(VerificationError) as info:
        check(net, f)
    c = info.value.report.counterexample
    assert c["inputs"].count("1") == 29 and c["got"] == 1 and c["expected"] == 0


def test_bad_requests_are_one_line_errors():
    f = CubeFunction(Cover.from_strings(["11"]))
    with pytest.raises(BoolnetError, match="function has 2 and 1"):
        prove_equivalent(Network(3, [Layer([[1, 1, 1]], [-3])]), f)
    with pytest.raises(BoolnetError, match="integer weights"):
        prove_sat(Network(2, [Layer(np.array([[0.5, 0.5]]), np.array([-1.0]))]), f)
    with pytest.raises(BoolnetError, match="unknown proof method"):
        prove_equivalent(Network(2, [Layer([[1, 1]], [-2])]), f, method="magic")


# ---------------------------------------------------------------- shared PLA files
def two_level_from_cover(cover: Cover) -> Network:
    """An AND unit per cube and an OR unit per output, straight from the cubes (any n)."""
    care, value = cover.literal_arrays()
    W1 = np.where(care, np.where(value, 1, -1), 0).astype(np.int64)
    b1 = -(care & value).sum(axis=1).astype(np.int64)
    W2 = cover.outputs.T.astype(np.int64)
    return Network(cover.n, [Layer(W1, b1), Layer(W2, np.full(cover.m, -1, np.int64))])


def split_cubes(cover: Cover) -> Cover:
    """The same function with every cube split in two on its first free input (a new structure)."""
    care, value = cover.literal_arrays()
    cs, vs, os_ = [], [], []
    for c, v, o in zip(care, value, cover.outputs):
        free = np.flatnonzero(~c)
        if len(free) == 0:
            cs.append(c), vs.append(v), os_.append(o)
            continue
        for bit in (False, True):
            c2, v2 = c.copy(), v.copy()
            c2[free[0]], v2[free[0]] = True, bit
            cs.append(c2), vs.append(v2), os_.append(o)
    return Cover.from_literals(np.array(cs), np.array(vs), np.array(os_), cover.m)


def _off_row(f: CubeFunction, seed: int = 0) -> np.ndarray:
    """A random input row outside output 0's ON and DC covers."""
    from boolnet.prove.result import values_at
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, (4096, f.n), dtype=np.int8)
    expected, care = values_at(f, X)
    return X[np.flatnonzero(care[:, 0] & (expected[:, 0] == 0))[0]]


def with_extra_minterm(net: Network, bits: np.ndarray) -> Network:
    """The two-level net with one more AND unit, for the minterm ``bits``, feeding output 0."""
    L1, L2 = net.layers
    W1 = np.vstack([L1.W, np.where(bits == 1, 1, -1)])
    b1 = np.append(L1.b, -int(bits.sum()))
    W2 = np.hstack([L2.W, np.zeros((L2.n_out, 1), np.int64)])
    W2[0, -1] = 1
    return Network(net.n_inputs, [Layer(W1, b1), Layer(W2, L2.b.copy())])


@pytest.mark.parametrize("name", ["vg2", "misex2"])
def test_shared_pla_beyond_24_inputs_proven_by_sat_and_a_wrong_one_refuted(shared_pla, name):
    f = read_pla(shared_pla / f"{name}.pla")
    assert f.n > 24
    net = two_level_from_cover(split_cubes(f.on))
    res = prove_equivalent(net, f)
    assert res.status == "sat", res.reason
    assert res.stats["outputs_by_structure"] < f.m  # the split cubes are not the source's
    bits = _off_row(f)
    bad = with_extra_minterm(net, bits)
    res = prove_equivalent(bad, f)
    assert res.status == "counterexample"
    c = res.counterexample
    from boolnet.prove.result import values_at
    x = np.array([[int(ch) for ch in c["inputs"]]], np.int8)
    expected, care = values_at(f, x)
    j = list(f.output_names).index(c["output"])
    got = (bad.forward(x.astype(np.int64)) >= 1).astype(int)
    assert care[0, j] and expected[0, j] == c["expected"] != got[0, j] == c["got"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["apex1", "apex2", "apex3", "apex5", "e64", "ex4", "o64",
                                  "seq", "cps", "duke2", "cordic"])
def test_every_large_shared_pla_proven_from_its_minimised_cover(shared_pla, name):
    import boolnet
    f = read_pla(shared_pla / f"{name}.pla")
    cover, _ = boolnet.minimize(f, method="heuristic")
    res = prove_equivalent(two_level_from_cover(cover), f, method="sat", time_limit=120)
    assert res.status == "sat", res.reason
