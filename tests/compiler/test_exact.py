"""Exact synthesis: minimum sizes against brute force (n <= 3), the optimum database of 4 inputs."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet import BooleanFunction, families
from boolnet.cli import main
from boolnet.compiler import compile_report
from boolnet.compiler.exact import compositions, exact_minimum
from boolnet.compiler.exact_db import _load, exact, optimum4
from boolnet.errors import NotApplicable
from boolnet.npn import npn_canonical, npn_classes, npn_orbit


def _rows(n: int) -> np.ndarray:
    return np.array(list(itertools.product((0, 1), repeat=n)), dtype=np.int64).reshape(-1, n)


def _tables(Z: np.ndarray, wmax: int) -> set[int]:
    """Every table one step unit with integer weights |w| <= wmax computes over the rows Z."""
    N = Z.shape[1]
    W = np.array(list(itertools.product(range(-wmax, wmax + 1), repeat=N)), np.int64)
    S = Z @ W.T  # rows x weight vectors
    place = np.int64(1) << np.arange(len(Z), dtype=np.int64)
    out = set()
    for b in range(-N * wmax - 1, N * wmax + 1):
        out.update(((S + b >= 0) * place[:, None]).sum(axis=0).tolist())
    return out


def _brute_sizes(n: int) -> dict[int, int]:
    """Minimum units of every n-input table over networks of <= 2 units, by enumeration.

    One unit: every table of integer weights |w| <= 2 (enough for n <= 3). Two units: a
    hidden unit h from that list and an output unit over (x, h) with |w| <= 3 (enough
    for 4 inputs).
    """
    X = _rows(n)
    one = _tables(X, 2)
    sizes = {t: 1 for t in one}
    for h in one:
        hv = np.array([(h >> r) & 1 for r in range(1 << n)], np.int64)[:, None]
        for t in _tables(np.hstack([X, hv]), 3):
            sizes.setdefault(t, 2)
    return sizes


def _agrees(net, f: BooleanFunction) -> bool:
    y = net.forward(_rows(f.n)).astype(bool)
    care = ~f.dc_bits().T
    return bool(np.all((y == f.on_bits().T) | ~care))


@pytest.mark.parametrize("n", [2, 3])
def test_minimum_units_match_brute_force_on_every_class(n):
    brute = _brute_sizes(n)
    tts, _ = npn_classes(n)
    for tt in tts.tolist():
        f = BooleanFunction.from_hex(f"0x{tt:0{max(1, (1 << n) // 4)}x}", n=n)
        net, rep = exact_minimum(f)
        assert _agrees(net, f)
        assert rep.proven and rep.units == brute[tt], hex(tt)
        assert sum(layer.n_out for layer in net.layers) == rep.units
        assert len(net.layers) == rep.depth
    assert len(tts) == [1, 2, 4, 14][n]


def test_three_input_parity_and_the_report():
    net, rep = exact_minimum(families.parity(3))
    d = rep.to_dict()
    assert {"units", "depth", "weights", "proven", "seconds"} <= set(d)
    assert (d["units"], d["depth"], d["proven"]) == (2, 2, True)
    # the lower-bound argument: every 1-unit topology was tried and is infeasible
    assert [t.status for t in rep.tried if sum(t.hidden) == 0] == ["infeasible"]
    assert "no network of 1 unit" in rep.argument()


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from([0, 1, -1]), min_size=8, max_size=8))
def test_dont_cares_never_cost_units(table):
    f = BooleanFunction.from_array(table)
    _, rep = exact_minimum(f)
    filled = BooleanFunction.from_array([max(v, 0) for v in table])
    _, full = exact_minimum(filled)
    assert rep.units <= full.units and rep.proven


def test_multi_output_outputs_are_the_last_layer():
    # half adder: carry = AND is an output, so XOR cannot read it and needs its own hidden unit
    f = BooleanFunction.from_minterms(2, [[1, 2], [3]])
    rep = compile_report(f, arch="exact")
    ex = rep.network.meta["exact"]
    assert rep.verification.ok and ex["units"] == 3 and ex["proven"]
    assert rep.network.layers[-1].n_out == 2


def test_limits_are_not_applicable_never_claims():
    with pytest.raises(NotApplicable, match="max depth 1"):
        exact_minimum(families.parity(2), max_depth=1)
    with pytest.raises(NotApplicable, match="at most 6 inputs"):
        exact_minimum(families.parity(7))
    with pytest.raises(NotApplicable, match="time limit"):
        exact_minimum(families.parity(5), time_limit=1e-9)


def test_max_depth_two_keeps_the_minimum_or_proves_more():
    f = families.parity(3)
    _, rep = exact_minimum(f, max_depth=2)
    assert rep.depth <= 2 and rep.units == 2


def test_compositions():
    for h in range(6):
        total = sum(len(compositions(h, d)) for d in range(1, h + 1))
        assert total == (2 ** (h - 1) if h else 0)
        assert all(sum(c) == h for d in range(1, h + 1) for c in compositions(h, d))


def test_database_networks_compute_their_classes():
    db = _load()
    tts, sizes = npn_classes(4)
    assert sorted(db) == tts.tolist()
    rng = np.random.default_rng(4)
    for tt in tts.tolist():
        e = db[tt]
        # the canonical table and a random member, looked up through its own NPN form
        orbit = npn_orbit(tt, 4)
        for member in (tt, int(orbit[rng.integers(len(orbit))])):
            f = BooleanFunction.from_hex(f"0x{member:04x}")
            net = optimum4(member)
            assert _agrees(net, f), hex(member)
            assert sum(layer.n_out for layer in net.layers) == e["units"]
        assert e["proven"] and e["units"] <= 3  # Haring and Ohori (1967): at most 3
    ones = [s for t, s in zip(tts.tolist(), sizes.tolist()) if db[t]["units"] == 1]
    assert len(ones) == 15 and sum(ones) == 1882  # A001530 summed; A000609(4)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 0xFFFF))
def test_database_lookup_of_any_table(tt):
    net = optimum4(tt)
    assert _agrees(net, BooleanFunction.from_hex(f"0x{tt:04x}"))
    assert sum(layer.n_out for layer in net.layers) == _load()[npn_canonical(tt, 4).tt]["units"]


def test_cli_proves_the_minimum():
    res = CliRunner().invoke(main, ["compile", "--hex", "0x96", "--arch", "exact"])
    assert res.exit_code == 0, res.output
    assert "minimum units: proven (2;" in res.output


def test_cli_four_input_parity_needs_three():
    res = CliRunner().invoke(main, ["compile", "--hex", "0x6996", "--arch", "exact"])
    assert res.exit_code == 0, res.output
    assert "minimum units: proven (3;" in res.output


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 3).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(0, (1 << (1 << n)) - 1))))
def test_arch_exact_reads_the_database_for_fewer_inputs(case):
    n, tt = case
    f = BooleanFunction.from_hex(f"0x{tt:0{max(1, (1 << n) // 4)}x}", n=n)
    net = exact(f)
    assert net.n_inputs == n and _agrees(net, f)
    assert net.meta["exact"]["source"].endswith("npn4.json")
    assert net.meta["exact"]["units"] == exact_minimum(f)[1].units


@pytest.mark.slow
@pytest.mark.parametrize("n", [4, 5])
def test_live_proof_parity_needs_floor_log2_plus_one(n):
    _, rep = exact_minimum(families.parity(n))
    assert rep.proven and rep.units == n.bit_length()  # floor(log2 n) + 1: the cascade


# --- the exhaustive search over threshold units (boolnet.compiler.exact_search) ---

from boolnet.compiler.exact import _Program  # noqa: E402
from boolnet.compiler.exact_search import (  # noqa: E402
    hidden_candidates, search_one_hidden, search_two_hidden, threshold_tables)
from boolnet.synth.threshold import threshold_of  # noqa: E402


def _reverse_rows(tt: int, n: int) -> int:
    """The table with the row bits in the other order (synth's leaf i = bit i of the row)."""
    return sum(((tt >> r) & 1) << int(format(r, f"0{n}b")[::-1] or "0", 2) for r in range(1 << n))


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5])
def test_threshold_tables_are_exactly_the_threshold_functions(n):
    tabs = threshold_tables(n)
    assert len(tabs) == [2, 4, 14, 104, 1882, 94572][n]  # A000609
    listed = set(tabs.tolist())
    rng = np.random.default_rng(n)
    picks = tabs.tolist() if n <= 3 else rng.choice(tabs, 60).tolist()
    for t in picks:  # every listed table is one unit
        assert threshold_of(_reverse_rows(int(t), n), n) is not None, hex(t)
    others = range(1 << (1 << n)) if n <= 3 else rng.integers(0, 1 << (1 << n), 200).tolist()
    for t in others:  # and every threshold table is listed
        assert (threshold_of(_reverse_rows(int(t), n), n) is not None) == (int(t) in listed)
    cand = hidden_candidates(n)[0]
    assert not (cand & np.uint64(1)).any() and len(cand) == len(tabs) // 2


def _milp_status(f: BooleanFunction, hidden: tuple[int, ...]) -> str:
    n, R = f.n, f.rows
    X = np.array([[(r >> (n - 1 - i)) & 1 for i in range(n)] for r in range(R)],
                 np.int8).reshape(R, n)
    return _Program(X, f.on_bits(), ~f.dc_bits(), hidden).solve(None)[0]


def _with_dc(n: int):
    rows = 1 << n
    return st.tuples(st.integers(0, (1 << rows) - 1), st.integers(0, (1 << rows) - 1),
                     st.integers(0, 3))


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([3, 4]).flatmap(lambda n: st.tuples(st.just(n), _with_dc(n))))
def test_search_agrees_with_the_milp(case):
    """Feasible/infeasible for one and two hidden units, the search against the MILP; a
    quarter of the examples have don't-cares."""
    n, (tt, dc, use_dc) = case
    rows = 1 << n
    dc = dc & ((1 << rows) - 1) if use_dc == 0 else 0
    arr = [-1 if (dc >> r) & 1 else (tt >> r) & 1 for r in range(rows)]
    f = BooleanFunction.from_array(arr)
    care = ((1 << rows) - 1) & ~dc
    for hidden, search in (((1,), search_one_hidden), ((2,), search_two_hidden)):
        status, tabs = search(tt & care, care, n)
        assert status == _milp_status(f, hidden), (hex(tt), hex(dc), hidden)
        if status == "feasible":
            assert len(tabs) == hidden[0] and all(int(t) in set(threshold_tables(n).tolist())
                                                  for t in tabs)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 0xFFFF))
def test_exact_minimum_of_four_inputs_matches_the_database(tt):
    f = BooleanFunction.from_hex(f"0x{tt:04x}")
    net, rep = exact_minimum(f)
    entry = _load()[npn_canonical(tt, 4).tt]
    assert _agrees(net, f)
    assert rep.proven and (rep.units, rep.depth) == (entry["units"], entry["depth"])


@settings(max_examples=10, deadline=None)
@given(st.integers(0, (1 << 32) - 1))
def test_five_inputs_network_computes_the_function_and_search_proves(tt):
    f = BooleanFunction.from_hex(f"0x{tt:08x}", n=5)
    net, rep = exact_minimum(f, time_limit=600)
    assert _agrees(net, f) and sum(layer.n_out for layer in net.layers) == rep.units
    if rep.units <= 3 and rep.depth <= 2:  # the topologies the search decides
        assert rep.proven and rep.depth_proven
        assert all(t.method == "search" for t in rep.tried if sum(t.hidden) in (1, 2))
    if rep.units > 2:
        assert "exhaustive search" in rep.argument()
