"""tcover: two-level networks of threshold implicants merged from a minimised cover."""
from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boolnet.compiler import compile_report
from boolnet.compiler.auto import function_cover
from boolnet.compiler.tcover import threshold_cover, tcover_network, off_set
from boolnet.compiler.wide import wide_from_cover
from boolnet.cover import Cover, CubeFunction
from boolnet.function import BooleanFunction
from boolnet.verification import verify


def _rows(n: int) -> np.ndarray:
    r = np.arange(1 << n)
    return ((r[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)


@st.composite
def or_of_thresholds(draw):
    """Multi-output tables of 4 to 10 inputs, each output an OR of a few random threshold
    functions from a shared pool (so cubes merge and units are shared), with don't-cares."""
    n = draw(st.integers(4, 10))
    m = draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = _rows(n)
    pool = []
    for _ in range(draw(st.integers(1, 5))):
        w = rng.integers(-3, 4, n) * (rng.random(n) < 0.6)
        lo, hi = int(np.minimum(w, 0).sum()), int(np.maximum(w, 0).sum())
        pool.append(X @ w >= rng.integers(lo + 1, hi + 1) if hi > lo else np.zeros(len(X), bool))
    table = np.zeros((len(X), m), np.int64)
    for j in range(m):
        for k in np.flatnonzero(rng.random(len(pool)) < 0.6):
            table[:, j] |= pool[k]
    p_dc = draw(st.sampled_from([0.0, 0.05, 0.2]))
    table = np.where(rng.random(table.shape) < p_dc, -1, table)
    if draw(st.booleans()):  # sometimes plain noise: few merges, still correct
        flip = rng.random(table.shape) < 0.1
        table = np.where(flip & (table >= 0), 1 - table, table)
    return BooleanFunction.from_array(table)


def _hidden(net, X: np.ndarray) -> np.ndarray:
    first = net.layers[0]
    return X @ first.W.T + first.b >= 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(or_of_thresholds())
def test_units_are_implicants_the_network_computes_f_and_never_beats_the_cube_count(f):
    cover = function_cover(f)
    net = tcover_network(cover, f, time_limit=None)
    X = _rows(f.n)
    H = _hidden(net, X)
    W2 = net.layers[1].W
    off = ~f.on_bits().astype(bool) & ~f.dc_bits().astype(bool)
    for j in range(f.m):
        serving = np.flatnonzero(W2[j] > 0)
        # An implicant fires on no OFF row of any output it feeds.
        assert not (H[:, serving] & off[j][:, None]).any()
        assert (W2[j] >= 0).all() and net.layers[1].b[j] == -1   # each output is an OR
    assert verify(net, f).ok
    # Never more hidden units than the cube-per-unit wide form of the same cover.
    wide = wide_from_cover(cover)
    used = int(np.asarray(cover.outputs).any(axis=1).sum())
    assert net.layers[0].n_out <= max(used, 1) <= wide.layers[0].n_out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(or_of_thresholds())
def test_the_dual_units_are_implicates_and_the_nor_computes_f(f):
    """tcover_pos: units merged from the complement's cover fire on no ON row of an output
    they feed, and each output, the NOR of its units, is f."""
    g = f.complement()
    cover = function_cover(g)
    net = tcover_network(cover, g, time_limit=None, dual=True)
    H = _hidden(net, _rows(f.n))
    on = f.on_bits().astype(bool) & ~f.dc_bits().astype(bool)
    for j in range(f.m):
        assert not (H[:, net.layers[1].W[j] < 0] & on[j][:, None]).any()
    assert verify(net, f).ok
    assert net.layers[0].n_out <= max(len(cover), 1)


def test_a_core_with_alternatives_is_one_unit():
    """x0 x1 x2 | x0 x1 x3 | x0 x1 x4 = [3 x0 + 3 x1 + x2 + x3 + x4 >= 7]: one hidden unit
    where the cover has three cubes."""
    f = BooleanFunction.from_expr("a & b & c | a & b & d | a & b & e")
    cover = function_cover(f)
    assert len(cover) == 3
    net = tcover_network(cover, f)
    assert net.layers[0].n_out == 1
    assert verify(net, f).ok


def test_merged_unit_serves_every_output_of_its_cubes_and_stays_inside_each():
    """Output y0 = a b (c | d), y1 = a b c: merging the two cubes would fire on a b ~c d,
    an OFF row of y1, so the merge is refused and both cubes stay."""
    f = BooleanFunction.from_expr(["a & b & (c | d)", "a & b & c"])
    cover = function_cover(f)
    net = tcover_network(cover, f)
    assert verify(net, f).ok
    assert net.layers[0].n_out == len(cover) == 2


def test_cube_level_uses_the_off_cover_and_builds_no_table():
    """18 inputs at cube level: the OFF set is the complement cover, and the merged unit is
    checked against its cubes; the result is verified on the expanded table."""
    n = 18
    core = "11" + "-" * (n - 2)
    cubes = [core[:k] + "1" + core[k + 1:] for k in (2, 3, 4)] + ["-" * (n - 2) + "00"]
    cf = CubeFunction(Cover.from_strings(cubes, n))
    c, v = off_set(cf, 0)
    assert 0 < len(c) < 50            # a cube cover, not 2^18 rows
    net = tcover_network(cf.on, cf)
    assert net.layers[0].n_out == 2   # the three cubes sharing "11" merge; the fourth stays
    assert verify(net, cf.to_function()).ok


def test_time_limit_zero_keeps_the_cover():
    f = BooleanFunction.from_expr("a & b & c | a & b & d")
    cover = function_cover(f)
    units, stats = threshold_cover(cover, [off_set(f, 0)], time_limit=0.0)
    assert stats.timed_out and len(units) == len(cover)


def test_auto_offers_the_threshold_cover():
    """Eight inputs (beyond auto's exact synthesis): tcover is tried and applies."""
    f = BooleanFunction.from_expr(["a & b & c | a & b & d | a & b & (e ^ f)", "a & b & c | g & h"])
    rep = compile_report(f)
    assert verify(rep.network, f).ok
    tc = [c for c in rep.candidates if c["arch"] == "tcover"]
    assert tc and tc[0]["applies"]


def test_two_summability_rules_out_a_pair_before_any_linear_program():
    """x0 x1 | x2 x3 with x0 x2 and x1 x3 OFF: (1100) + (0011) = (1010) + (0101), so no unit,
    and e (a b | c d) meets no linear program."""
    from boolnet.compiler.tcover import _summable
    below_off = np.zeros(16, bool)
    below_off[[0b0101, 0b1010, 0b0001, 0b0100, 0b0010, 0b1000, 0]] = True
    assert _summable(np.array([0b0011, 0b1100], np.uint64), below_off)
    below_off[0b1010] = False          # x1 x3 may fire: [x0 + x1 + x2 + x3 >= 2] is possible
    assert not _summable(np.array([0b0011, 0b1100], np.uint64), below_off)
    f = BooleanFunction.from_expr("e & (a & b | c & d)")
    units, stats = threshold_cover(function_cover(f), [off_set(f, 0)], time_limit=None)
    assert len(units) == 2 and stats.summable_rejects >= 1 and stats.lp_calls == 0


def test_arch_tcover_on_the_command_line():
    """``--arch tcover`` builds the form on its own, verified, no larger than ``--arch wide``."""
    from click.testing import CliRunner

    from boolnet.cli import main
    expr = "a & b & c | a & b & d | ~a & ~c & e | b & ~d & ~e"
    runner = CliRunner()
    got = {}
    for arch in ("tcover", "wide"):
        res = runner.invoke(main, ["compile", "--expr", expr, "--arch", arch, "--format", "json"])
        assert res.exit_code == 0, res.output
        import json
        d = json.loads(res.output[res.output.index("{"):])
        assert d["verified"] and d["arch"] == arch
        got[arch] = d["neurons"]
    assert got["tcover"] <= got["wide"]
