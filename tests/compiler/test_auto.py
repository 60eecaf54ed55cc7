"""auto: per-output choice, sharing, resubstitution and cube-level compilation."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boolnet import families
from boolnet.cli import main
from boolnet.compiler import compile_report
from boolnet.cover import Cover, CubeFunction
from boolnet.function import BooleanFunction
from boolnet.verification import verify


@st.composite
def tables(draw):
    """Random multi-output tables of 2 to 5 inputs, some rows don't-care."""
    n = draw(st.integers(2, 5))
    m = draw(st.integers(1, 3))
    cells = draw(st.lists(st.sampled_from([0, 0, 1, 1, -1]), min_size=m << n, max_size=m << n))
    return BooleanFunction.from_array(np.array(cells).reshape(1 << n, m))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_auto_is_correct_and_never_larger_than_any_single_form(f):
    rep = compile_report(f)
    assert verify(rep.network, f).ok
    whole = [c["neurons"] for c in rep.candidates if c["applies"]]
    assert rep.cost.neurons <= min(whole)
    forms = rep.network.meta["forms"]
    assert len(forms) == f.m and all(isinstance(k, str) for k in forms)


def test_an_output_reads_the_other_outputs_when_that_is_one_unit():
    """comparator: lt and gt are one unit each, eq is one unit over them (4 bits: beyond
    what auto gives exact synthesis, which ties at 3 bits with fewer weights)."""
    f = families.comparator(4)
    rep = compile_report(f)
    forms = dict(zip(f.output_names, rep.network.meta["forms"]))
    assert forms == {"lt": "threshold", "eq": "resub", "gt": "threshold"}
    # 3 units: eq reads lt and gt where they are (outputs may be units of any layer).
    assert rep.cost.neurons == 3 and rep.cost.depth == 2
    assert rep.network.outputs is not None and len({s for s, _ in rep.network.outputs}) == 2


def test_shared_units_are_built_once():
    """The bits of a 5-input popcount share their 'at least t ones' units: 5 hidden units
    serve all three outputs (8 neurons), where separate symmetric networks take 11."""
    g = BooleanFunction.from_callable(lambda *x: [sum(x) >> 2, (sum(x) >> 1) & 1, sum(x) & 1], 5)
    rep = compile_report(g)
    assert verify(rep.network, g).ok
    assert rep.cost.neurons <= 8


def _wide_pla(n: int) -> str:
    """A PLA over n inputs whose outputs are small ORs of ANDs (no table is built)."""
    lines = [f".i {n}", ".o 2", ".p 4"]
    for k in range(4):
        cube = ["-"] * n
        cube[k] = "1"
        cube[n - 1 - k] = "0"
        lines.append("".join(cube) + (" 10" if k < 2 else " 01"))
    return "\n".join(lines + [".e", ""])


@pytest.mark.parametrize("arch", ["auto", "synth"])
def test_a_pla_of_many_inputs_compiles_at_cube_level_with_a_proof(tmp_path, arch):
    path = tmp_path / "wide.pla"
    path.write_text(_wide_pla(40))
    res = CliRunner().invoke(main, ["compile", str(path), "--arch", arch, "--format", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["verified"] and d["proof_method"] == "sat"
    assert d["neurons"] <= 6


def test_compile_report_keeps_a_cube_level_function_at_cube_level():
    on = Cover.from_strings(["1" + "-" * 29, "-" * 29 + "1"], 30)
    rep = compile_report(CubeFunction(on))
    assert rep.verification.ok and rep.cost.neurons == 1
    with pytest.raises(Exception, match="truth table"):
        compile_report(CubeFunction(on), arch="symmetric")


def test_max_depth_and_max_fanin_hold_in_auto():
    f = families.parity(6)
    rep = compile_report(f, max_depth=2)
    assert rep.cost.depth <= 2 and verify(rep.network, f).ok
    g = BooleanFunction.from_expr("a & b & c & d & e & g | ~a & h")
    rep = compile_report(g, arch="synth", max_fanin=3)
    assert rep.cost.max_fanin <= 3 and verify(rep.network, g).ok


def test_a_symmetric_table_beyond_16_inputs_compiles_from_its_value_vector():
    """parity:28 as a table took gigabytes in threshold's rows and deep's XOR blocks; a
    one-output symmetric table now goes the value-vector way (cascade, proven)."""
    f = families.parity(17)
    rep = compile_report(f)
    assert rep.network.meta["arch"] == "cascade" and rep.verification.ok
    assert rep.cost.neurons == 17 .bit_length()
    with pytest.raises(Exception, match="2\\^16 hidden units"):
        compile_report(f, arch="wide")


def test_one_unit_per_output_ends_the_search():
    """Every output one threshold unit is the least any network has: later forms are skipped, so
    majority:16 never waits for covers of its 12,870 cubes."""
    f = families.majority(16)
    rep = compile_report(f)
    assert rep.cost.neurons == 1
    later = [c for c in rep.candidates if c["arch"] in ("wide", "tcover", "synth")]
    assert later and all(not c["applies"] and "one unit per output" in c["reason"] for c in later)
