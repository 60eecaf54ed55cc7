"""Exact minimisation never needs more terms than sympy's SOPform."""
from __future__ import annotations

import numpy as np
import pytest

from boolnet import BooleanFunction
from boolnet.twolevel import minimize

sympy = pytest.importorskip("sympy")


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_exact_never_more_terms_than_sopform(n):
    from sympy.logic import SOPform
    rng = np.random.default_rng(100 + n)
    syms = sympy.symbols(f"x1:{n + 1}")
    for _ in range(4 if n < 6 else 2):
        u = rng.random(1 << n)
        dc = [int(r) for r in np.flatnonzero(u < 0.1)]
        on = [int(r) for r in np.flatnonzero((u >= 0.1) & (rng.random(1 << n) < 0.4))]
        expr = SOPform(syms, [list(map(int, np.binary_repr(r, n))) for r in on],
                       [list(map(int, np.binary_repr(r, n))) for r in dc])
        sympy_terms = len(expr.args) if isinstance(expr, sympy.Or) else (0 if expr is sympy.false else 1)
        cover, report = minimize(BooleanFunction.from_minterms(n, on, dc), method="exact")
        assert report.proven
        assert cover.num_terms <= sympy_terms
