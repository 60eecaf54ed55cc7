"""Hypothesis strategies shared by the test modules."""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from boolnet import BooleanFunction


@st.composite
def functions(draw, min_n: int = 0, max_n: int = 6, max_m: int = 3, dc: bool = True):
    """Random BooleanFunctions with don't-cares."""
    n = draw(st.integers(min_n, max_n))
    m = draw(st.integers(1, max_m))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    p_dc = draw(st.sampled_from([0.0, 0.1, 0.3])) if dc else 0.0
    p_on = draw(st.sampled_from([0.1, 0.5, 0.9]))
    u = rng.random((1 << n, m))
    table = np.where(u < p_dc, -1, (rng.random((1 << n, m)) < p_on).astype(int))
    return BooleanFunction.from_array(table)
