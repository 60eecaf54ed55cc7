"""Exact minimisation against an independent brute force, and properties of every result."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet import BooleanFunction, Cover, CubeFunction
from boolnet.twolevel import minimize

from brute import min_terms
from strategies import functions


def test_every_3_input_function_has_the_brute_force_minimum():
    for value in range(256):
        on = [r for r in range(8) if value >> r & 1]
        f = BooleanFunction.from_minterms(3, on)
        cover, report = minimize(f, method="exact")
        assert report.proven and report.method == "exact"
        assert cover.num_terms == min_terms(3, on), value
        assert cover.to_function().equivalent(f)


def test_sampled_4_input_functions_with_dont_cares():
    rng = np.random.default_rng(7)
    for _ in range(60):
        u = rng.random(16)
        dc = [r for r in range(16) if u[r] < 0.15]
        on = [r for r in range(16) if u[r] >= 0.15 and rng.random() < 0.5]
        f = BooleanFunction.from_minterms(4, on, dc)
        cover, report = minimize(f, method="exact")
        assert report.proven
        assert cover.num_terms == min_terms(4, on, dc), (on, dc)


def test_exact_never_worse_than_heuristic_and_literals_minimal_among_equal_terms():
    # x1 x2 | x1' x3 with the consensus x2 x3 redundant: 2 terms, 4 literals.
    f = BooleanFunction.from_expr("x1 & x2 | ~x1 & x3 | x2 & x3")
    cover, report = minimize(f, method="exact")
    assert (report.terms, report.literals) == (2, 4)


@settings(max_examples=60, deadline=None)
@given(functions(max_n=7, max_m=3))
def test_exact_and_heuristic_equal_the_function_on_the_care_set(f):
    ce, re_ = minimize(f, method="exact")
    ch, rh = minimize(f, method="heuristic")
    for cover in (ce, ch):
        assert f.matches(cover.to_function())
    assert re_.terms <= rh.terms or not re_.proven
    assert re_.checked == rh.checked == "truth table"
    assert len(re_.outputs) == f.m
    assert sum(o.terms for o in re_.outputs) >= re_.terms or f.m == 1 or re_.terms == 0


@settings(max_examples=40, deadline=None)
@given(functions(min_n=1, max_n=6, max_m=3))
def test_cube_level_input_gives_the_same_function(f):
    cf = CubeFunction(Cover.from_function(f), Cover.from_function(f.with_names()).select(
        np.zeros(0, int)), pla_type="fd")
    dc_rows = [Cover.from_function(BooleanFunction(f.n, f.dc_words))]
    cf = CubeFunction(Cover.from_function(f), dc_rows[0], pla_type="fd")
    cover, report = minimize(cf, method="heuristic")
    assert f.matches(cover.to_function())


def test_multi_output_shares_terms():
    # Two outputs that both contain a b: one shared term, not two.
    f = BooleanFunction.from_expr(["a & b | c", "a & b | ~c & d"])
    cover, report = minimize(f, method="exact")
    assert report.proven and report.terms == 3
    assert cover.terms_per_output().tolist() == [2, 2]


@pytest.mark.parametrize("pla_type", ["f", "fd", "fr", "fdr", "r", "dr"])
def test_pla_types_keep_their_meaning(pla_type):
    from boolnet.io.pla import parse_pla
    text = f""".i 3
.o 2
.type {pla_type}
1-1 1{'0' if 'r' in pla_type else '-'}
01- 0{'1' if 'f' in pla_type else '-'}
000 {'-' if 'd' in pla_type else '0'}0
.e
"""
    cf = parse_pla(text)
    f = cf.to_function()
    for method in ("exact", "heuristic"):
        cover, _ = minimize(cf, method=method)
        assert f.matches(cover.to_function()), method


@pytest.mark.parametrize("pla_type", ["fd", "fdr"])
def test_cube_level_check_beyond_the_dense_limit(pla_type):
    # 22 inputs: the result is checked by tautology, then compared here on the full table.
    from boolnet.io.pla import parse_pla
    rng = np.random.default_rng(3)
    lines = [f".i 22", ".o 2", f".type {pla_type}"]
    for _ in range(12):
        cube = "0" + "".join(rng.choice(list("01-"), p=[0.15, 0.15, 0.7]) for _ in range(21))
        lines.append(f"{cube} {''.join(rng.choice(list('1-')) for _ in range(2))}")
    if "r" in pla_type:
        lines.append("1" * 22 + " 00")  # an OFF cube clear of the ON cubes (all have a 0 or -)
    cf = parse_pla("\n".join(lines + [".e", ""]))
    cover, report = minimize(cf, method="heuristic")
    assert report.checked == "tautology"
    assert cf.to_function().matches(cover.to_function())
