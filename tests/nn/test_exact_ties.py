"""Threshold units decide on the exact sum, whatever the forward pass's dtype rounds (issue 12)."""
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet.nn import Layer, Network


def exact_step(W, b, X) -> np.ndarray:
    """[w.x + b >= 0] in Fractions: the stored float64 numbers as real numbers."""
    return np.array([[int(sum((Fraction(w) * Fraction(x) for w, x in zip(row, xs)), Fraction(bias)) >= 0)
                      for row, bias in zip(W.tolist(), b.tolist())] for xs in X.tolist()])


def test_a_float_tie_reads_as_the_exact_sum():
    # 0.1 + 0.2 is 0.30000000000000004 in floats, and that minus itself is 0 (fires);
    # the exact sum of the stored numbers is -2.8e-17 (does not).
    net = Network(2, [Layer([[0.1, 0.2]], [-0.30000000000000004], "step")])
    assert net.forward(np.array([[1.0, 1.0]]))[0, 0] == 0
    soft = Network(2, [Layer([[1.0, 1.0]], [-0.30000000000000004], "step")])
    assert soft.forward(np.array([[0.1, 0.2]]))[0, 0] == 0  # soft inputs: products exact, sum not


def test_a_buffer_refilled_with_soft_values_is_checked_again():
    net = Network(2, [Layer([[1.0, 1.0]], [-0.30000000000000004], "step")])
    ws = net.workspace(1)
    X = np.array([[1.0, 0.0]])
    assert net.run(ws, X)[0, 0] == 1
    X[...] = [[0.1, 0.2]]  # the same buffer, new values
    assert net.run(ws, X)[0, 0] == 0


def test_int64_sums_past_2_53_in_a_float_network_stay_exact():
    # A soft first layer makes the pass float64; the integer layer after it sums 2^60 + 1.
    net = Network(1, [Layer([[0.0]], [0.0], "sigmoid"),
                      Layer([[2 ** 61, 1]], [-(2 ** 60) - 1], "step", [1, 0])])
    assert net.forward(np.array([[0.0], [1.0]])).ravel().tolist() == [0, 1]  # 2^60 + x - 2^60 - 1


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 2 ** 32 - 1), st.sampled_from([np.float32, np.float64]))
def test_random_float_thresholds_near_ties_match_fractions(seed, dtype):
    rng = np.random.default_rng(seed)
    k, units, rows = int(rng.integers(1, 6)), int(rng.integers(1, 4)), 16
    W = rng.normal(size=(units, k)) * 10.0 ** rng.integers(-4, 5, (units, k))
    X = rng.integers(-1, 2, (rows, k)).astype(np.float64)
    if rng.random() < 0.5:
        X = X * rng.normal(size=X.shape)  # soft inputs
    b = -(W * X[int(rng.integers(rows))]).sum(axis=1)  # some row's sum lands on (near) 0
    net = Network(k, [Layer(W, b, "step")])
    X = X.astype(dtype)
    np.testing.assert_array_equal(net.forward(X), exact_step(W, b, X.astype(np.float64)))


def test_integer_weights_on_soft_units_compute_in_floats():
    # (on integer rows the pass ran in int64 buffers, and sigmoid raised a casting error)
    net = Network(2, [Layer([[1, 1]], [0], "sigmoid"), Layer([[2]], [-1], "step")])
    for X in (np.array([[1, 0]]), np.array([[1.0, 0.0]])):
        out = net.forward_all(X)
        assert abs(out[1][0, 0] - 1 / (1 + np.exp(-1))) < 1e-12 and out[2][0, 0] == 1
