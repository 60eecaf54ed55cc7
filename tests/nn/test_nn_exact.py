"""Exhaustive evaluation: dense paths, bit-sliced path and plain forward agree exactly."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet.nn import Layer, Network, evaluate_all, input_rows, unpack
from boolnet.nn.exact import dense_path
from nets import deep_parity
from nets import random_threshold_net


def reference(net):
    X = input_rows(net.n_inputs, 0, 1 << net.n_inputs, np.int64, net.encoding == "pm1")
    return (net.forward(X) > 0).astype(np.uint8)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([64, 128, None]))
def test_all_paths_agree_with_forward(seed, chunk):
    net = random_threshold_net(seed, max_inputs=9, weight=5, varied=False)
    ref = reference(net)
    for path in ("bitslice", "float32", "float64", "int64"):
        got, info = evaluate_all(net, path=path, chunk_rows=chunk, dense=True)
        assert info["path"] == path and info["exact"]
        np.testing.assert_array_equal(got, ref, err_msg=f"{path} on {net}")


def test_row_numbering_puts_the_first_input_in_the_most_significant_bit():
    assert input_rows(3, 5, 1).tolist() == [[1, 0, 1]]
    # output = first input: rows 4..7 of 8 are 1
    net = Network(3, [Layer([[1, 0, 0]], [-1], "step")])
    packed, info = evaluate_all(net)
    assert packed.shape == (1, 1) and int(packed[0, 0]) == 0b11110000
    assert unpack(packed, 3)[:, 0].tolist() == [0, 0, 0, 0, 1, 1, 1, 1]


@pytest.mark.parametrize("n", [2, 5, 7, 12])
def test_deep_parity_tree_is_parity(n):
    net = deep_parity(n)
    assert sum(layer.n_out for layer in net.layers) == 3 * (n - 1)
    assert len(net.layers) == 2 * int(np.ceil(np.log2(n)))
    parity = np.array([bin(r).count("1") % 2 for r in range(1 << n)], np.uint8)
    for path in ("bitslice", "float32"):
        got, info = evaluate_all(net, path=path, dense=True, chunk_rows=256)
        np.testing.assert_array_equal(got[:, 0], parity)
    packed, _ = evaluate_all(net)
    words = np.packbits(parity, bitorder="little")
    assert packed.view(np.uint8)[0, :len(words)].tolist() == words.tolist()


def test_dense_path_choice_follows_the_sum_bound():
    small = Network(2, [Layer([[3, -4]], [1], "step")])
    assert dense_path(small) == "float32"
    mid = Network(2, [Layer([[2**30, 1]], [0], "step")])
    assert dense_path(mid) == "float64"
    big = Network(2, [Layer([[2**60, -(2**60) + 1]], [5], "step")])
    assert dense_path(big) == "int64"
    with pytest.raises(ValueError, match="not exact"):
        evaluate_all(big, path="float64")
    # float32 would round 2^60 - 1 to 2^60 and get rows wrong; the exact paths agree.
    ref = reference(big)
    for path in ("int64", "bitslice"):
        got, info = evaluate_all(big, path=path, dense=True)
        np.testing.assert_array_equal(got, ref)


def test_soft_networks_are_refused():
    net = Network(2, [Layer(np.ones((1, 2)), None, "sigmoid")])
    with pytest.raises(ValueError, match="harden"):
        evaluate_all(net)


def test_float_threshold_network_uses_float64():
    net = Network(2, [Layer([[0.5, 0.25]], [-0.6], "step")])
    got, info = evaluate_all(net, dense=True)
    assert info["path"] == "float64" and not info["exact"]
    assert got[:, 0].tolist() == [0, 0, 0, 1]


def random_sop_net(seed: int) -> Network:
    """A random sum of products: a layer of AND units over input literals, then an OR."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 11))
    k = int(rng.integers(8, 40))  # enough cubes for the cube-union fill
    care = rng.random((k, n)) < rng.uniform(0.3, 1.0)
    vals = rng.integers(0, 2, (k, n))
    W = np.where(care, 2 * vals - 1, 0)
    b = -(care & (vals == 1)).sum(axis=1)  # fires iff every cared literal holds
    out_w = np.ones((1, k), np.int64)
    if rng.random() < 0.5:
        out_w[0, rng.integers(0, k)] = 0  # a cube the OR ignores
    return Network(n, [Layer(W, b, "step"), Layer(out_w, [-1], "step")])


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([64, 128, 256, None]))
def test_sum_of_products_fill_agrees_with_forward(seed, chunk):
    net = random_sop_net(seed)
    got, info = evaluate_all(net, path="bitslice", chunk_rows=chunk, dense=True)
    np.testing.assert_array_equal(got, reference(net))


def test_wide_parity_network():
    n = 9
    ms = np.array([m for m in range(1 << n) if bin(m).count("1") % 2])
    bits = (ms[:, None] >> np.arange(n - 1, -1, -1)) & 1
    net = Network(n, [Layer(2 * bits - 1, -bits.sum(1), "step"),
                      Layer(np.ones((1, len(ms)), np.int64), [-1], "step")])
    parity = np.array([bin(r).count("1") % 2 for r in range(1 << n)], np.uint8)
    for path, chunk in (("bitslice", 64), ("bitslice", None), ("float32", None)):
        got, _ = evaluate_all(net, path=path, chunk_rows=chunk, dense=True)
        np.testing.assert_array_equal(got[:, 0], parity)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_a_layer_reading_one_signal_twice(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    net = Network(n, [Layer(rng.integers(-3, 4, (3, n)), rng.integers(-3, 4, 3), "step"),
                      Layer(rng.integers(-3, 4, (2, 6 + n)), rng.integers(-4, 5, 2), "sign", [1, 1, 0])])
    for path in ("bitslice", "float32"):
        got, _ = evaluate_all(net, path=path, dense=True)
        np.testing.assert_array_equal(got, reference(net))


@pytest.mark.parametrize("gain", [0.5, 3.0])
def test_a_gain_on_an_integer_threshold_net_keeps_its_outputs(gain):
    """A positive gain scales the pre-activation; a step unit's output does not change."""
    net = deep_parity(4)
    X = input_rows(4, 0, 16, np.int64, net.encoding == "pm1")
    want = net.forward(X)
    for layer in net.layers:
        layer.gain = gain
    np.testing.assert_array_equal(net.forward(X), want)
