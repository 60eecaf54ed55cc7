"""minimize(): fallbacks, report, budget notes, progress and the equivalence check."""
from __future__ import annotations

import io

import numpy as np
import pytest

from boolnet import BooleanFunction, BoolnetError, Cover
from boolnet.twolevel import MinimizeCheckError, check_cover, minimize
from boolnet.twolevel.progress import Progress


def random_fn(n, seed, density=0.5):
    rng = np.random.default_rng(seed)
    return BooleanFunction.from_array((rng.random(1 << n) < density).astype(int))


def test_prime_limit_falls_back_to_the_heuristic_and_says_so():
    cover, report = minimize(random_fn(6, 1), method="exact", max_primes=3)
    assert report.method == "heuristic" and not report.proven
    assert "limit of 3" in report.reason and "heuristic" in report.reason
    assert report.requested == "exact"


def test_time_limit_gives_an_unproven_answer_with_a_reason():
    cover, report = minimize(random_fn(11, 2), method="exact", time_limit=0.05)
    assert not report.proven
    assert "time limit" in report.reason
    assert report.method in ("exact", "heuristic")
    assert random_fn(11, 2).matches(cover.to_function())


def test_auto_uses_the_heuristic_beyond_its_input_limit():
    f = random_fn(15, 3, density=0.05)
    _, report = minimize(f, method="auto")
    assert report.method == "heuristic" and report.reason is None


def test_heuristic_budget_is_reported():
    _, report = minimize(random_fn(8, 4), method="heuristic", max_passes=0)
    assert any("iteration limit" in note for note in report.notes)


def test_report_dict_and_per_output_figures():
    f = BooleanFunction.from_expr(["a & b | c", "a & b | ~c"])
    cover, report = minimize(f)
    d = report.to_dict()
    for key in ("terms", "literals", "method", "requested", "proven", "seconds", "outputs",
                "reason", "checked"):
        assert key in d
    assert [o["terms"] for o in d["outputs"]] == cover.terms_per_output().tolist()
    assert [o["literals"] for o in d["outputs"]] == cover.literals_per_output().tolist()
    assert all(o["proven"] for o in d["outputs"])


def test_a_wrong_cover_fails_the_check():
    f = BooleanFunction.from_expr("a & b")
    with pytest.raises(MinimizeCheckError):
        check_cover(f, Cover.from_strings(["1-"], input_names=("a", "b")))
    assert check_cover(f, Cover.from_strings(["11"])) == "truth table"


def test_progress_callback_and_bar():
    stages = []
    minimize(random_fn(7, 5), method="heuristic", progress=lambda s, x: stages.append((s, x)))
    assert stages and all(0 <= x <= 1 for _, x in stages)
    buf = io.StringIO()
    bar = Progress(enabled=True, delay=0, stream=buf)
    bar.update("expand", 0.5)
    bar.close()
    assert "50%" in buf.getvalue()
    assert not Progress(stream=io.StringIO()).enabled  # not a terminal: silent


def test_the_check_on_cubes_names_what_is_wrong():
    """Above 20 inputs the check works on cubes: missing ON cubes, cubes outside ON ∪ DC, and
    (type fr) cubes meeting the OFF set are each reported with the cube and output."""
    from boolnet.io import parse_pla
    n = 22
    on = ["1" + "-" * (n - 1), "01" + "-" * (n - 2)]
    f = parse_pla(f".i {n}\n.o 2\n{on[0]} 10\n{on[1]} 11\n.e\n")
    good = Cover.from_strings(on, outputs=["10", "11"])
    assert check_cover(f, good) == "tautology"
    with pytest.raises(MinimizeCheckError, match="ON cube 1 of output .* is not covered"):
        check_cover(f, Cover.from_strings(on[:1], outputs=["10"]))
    with pytest.raises(MinimizeCheckError, match="reaches outside"):
        check_cover(f, Cover.from_strings(["-" * n], outputs=["11"]))
    fr = parse_pla(f".i {n}\n.o 1\n.type fr\n{on[0]} 1\n00{'-' * (n - 2)} 0\n.e\n")
    assert check_cover(fr, Cover.from_strings(["1" + "-" * (n - 1)], outputs=["1"]))
    with pytest.raises(MinimizeCheckError, match="meets the OFF set"):
        check_cover(fr, Cover.from_strings(["-" * n], outputs=["1"]))


def test_cold_kernel_cache_is_noticed(tmp_path, monkeypatch):
    """A machine without compiled kernels is told so (kernels_cold); once minimize() has run
    here they are cached, and a terminal gets the note only when they are not."""
    import os
    import subprocess
    import sys
    # Calls this small run as plain Python unless told otherwise (boolnet.jit); compile them.
    monkeypatch.setenv("BOOLNET_KERNELS", "numba")
    from boolnet import unate
    from boolnet.twolevel import expand1
    from boolnet.twolevel.progress import kernels_cold
    c = np.array([[1], [2]], np.uint64)
    v = np.array([[1], [0]], np.uint64)
    o = np.ones((2, 1), bool)
    po = np.ones((2, 1), np.uint64)
    unate.tautology(c, v)
    unate.complement(c, v, -1, np.zeros(1, bool))
    unate.sccc(c, v)
    unate.irredundant_rows(c, v, o, c, v, o, 10)
    unate.reduce_cube(c, v, o, np.ones(2, bool), c[:0], v[:0], o[:0], 0)
    expand1.expand_cubes(c.copy(), v.copy(), po.copy(), np.arange(2), np.ones(2, bool),
                         np.zeros(2, bool), c[:0], v[:0], po[:0], True, po[0])
    assert not kernels_cold()
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    code = "from boolnet.twolevel.progress import kernels_cold; print(kernels_cold())"
    got = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert got.stdout.strip() == "True", got.stderr
    buf = io.StringIO()
    Progress(enabled=True, stream=buf).note("compiling")
    Progress(enabled=False, stream=buf).note("hidden")
    assert buf.getvalue() == "compiling\n"


def test_bad_input_is_a_user_error():
    with pytest.raises(BoolnetError):
        minimize("a & b")
    with pytest.raises(BoolnetError):
        minimize(BooleanFunction.from_expr("a"), method="fastest")


def test_a_table_beyond_the_dense_check_limit_is_checked_on_its_table():
    """A BooleanFunction of many inputs has no cube form; its cover is checked on the table
    (cordic and vg2 as tables crashed in on_triple before)."""
    from boolnet.function import BooleanFunction
    from boolnet.twolevel.api import DENSE_CHECK_INPUTS
    n = DENSE_CHECK_INPUTS + 1
    names = [f"v{i}" for i in range(n)]
    f = BooleanFunction.from_expr(f"v0 & v1 | ~v2 & v{n - 1}", input_names=names)
    cover, report = minimize(f, method="heuristic")
    assert report.checked == "truth table" and len(cover) == 2
