"""Finite-difference checks of backprop for every sensible activation x loss, with skips."""
import numpy as np
import pytest

from boolnet.nn import Layer, Network
from boolnet.nn.activations import get_activation
from boolnet.nn.losses import l2_penalty, loss_delta

HIDDEN = ["sigmoid", "tanh", "relu", "linear", "softmax"]
PAIRS = [("mse", "linear"), ("mse", "sigmoid"), ("mse", "tanh"), ("mse", "relu"), ("mse", "softmax"),
         ("bce", "sigmoid"), ("bce", "tanh"), ("ce", "softmax")]


def skip_net(hidden, output, rng, gain=1.0):
    # 3 inputs -> 4 hidden -> 3 hidden (reads inputs and layer 0) -> 2 out (reads layer 0 and 1)
    layers = [Layer(rng.normal(size=(4, 3)), rng.normal(size=4), hidden),
              Layer(rng.normal(size=(3, 7)), rng.normal(size=3), hidden, [0, 1], gain=gain),
              Layer(rng.normal(size=(2, 7)), rng.normal(size=2), output, [1, 2])]
    return Network(3, layers)


def targets(loss, output, rng, rows):
    if loss == "ce":
        Y = np.zeros((rows, 2))
        Y[np.arange(rows), rng.integers(0, 2, rows)] = 1
        return Y
    if loss == "bce" and output == "tanh":
        return rng.choice([-1.0, 1.0], (rows, 2))
    if loss == "bce":
        return rng.integers(0, 2, (rows, 2)).astype(float)
    return rng.normal(size=(rows, 2))


def total_loss(net, X, Y, loss, l2):
    ws = net.workspace(len(X))
    out = net.run(ws, X)
    value, _ = loss_delta(loss, get_activation(net.layers[-1].activation), ws.z[-1], out, Y,
                          scale=1.0 / len(X))
    return value + l2_penalty(net.layers, l2)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("loss,output", PAIRS)
def test_backprop_matches_finite_differences(hidden, loss, output):
    rng = np.random.default_rng(hash((hidden, loss, output)) % 2**32)
    net = skip_net(hidden, output, rng, gain=1.7)
    X = rng.normal(size=(5, 3))
    Y = targets(loss, output, rng, 5)
    l2 = 0.03
    ws = net.workspace(5)
    out = net.run(ws, X)
    _, delta = loss_delta(loss, get_activation(output), ws.z[-1], out, Y, scale=1 / 5)
    grads = net.backward(ws, delta.copy(), l2=l2)
    eps = 1e-6
    for layer, (dW, db) in zip(net.layers, grads):
        for P, G in ((layer.W, dW), (layer.b, db)):
            num = np.zeros_like(P)
            for idx in np.ndindex(P.shape):
                old = P[idx]
                P[idx] = old + eps
                up = total_loss(net, X, Y, loss, l2)
                P[idx] = old - eps
                down = total_loss(net, X, Y, loss, l2)
                P[idx] = old
                num[idx] = (up - down) / (2 * eps)
            np.testing.assert_allclose(G, num, rtol=1e-5, atol=1e-7)


def test_signal_read_twice_accumulates_delta():
    # Layer 0 feeds both layer 1 and the output: its delta is the sum of both paths.
    rng = np.random.default_rng(3)
    net = Network(2, [Layer(rng.normal(size=(3, 2)), None, "tanh"),
                      Layer(rng.normal(size=(2, 3)), None, "tanh"),
                      Layer(rng.normal(size=(1, 5)), None, "sigmoid", [1, 2])])
    X, Y = rng.normal(size=(4, 2)), rng.integers(0, 2, (4, 1))
    ws = net.workspace(4)
    out = net.run(ws, X)
    _, delta = loss_delta("bce", get_activation("sigmoid"), ws.z[-1], out, Y, scale=0.25)
    dW0 = net.backward(ws, delta.copy())[0][0]
    # Cut the direct path: the gradient of layer 0 must change.
    net2 = net.copy()
    net2.layers[2].W[:, :3] = 0
    ws2 = net2.workspace(4)
    out2 = net2.run(ws2, X)
    _, delta2 = loss_delta("bce", get_activation("sigmoid"), ws2.z[-1], out2, Y, scale=0.25)
    assert not np.allclose(net2.backward(ws2, delta2.copy())[0][0], dW0)


@pytest.mark.parametrize("act", ["step", "sign"])
def test_threshold_units_have_zero_gradient(act):
    rng = np.random.default_rng(0)
    net = Network(2, [Layer(rng.normal(size=(3, 2)), rng.normal(size=3), act),
                      Layer(rng.normal(size=(1, 3)), None, "sigmoid")])
    X = rng.normal(size=(6, 2))
    ws = net.workspace(6)
    out = net.run(ws, X)
    grads = net.backward(ws, out - 1.0)
    assert np.all(grads[0][0] == 0) and np.all(grads[0][1] == 0)
    assert np.any(grads[1][0] != 0)


@pytest.mark.parametrize("loss,output", [("bce", "relu"), ("ce", "sigmoid"), ("bce", "softmax")])
def test_mismatched_loss_and_output_is_refused(loss, output):
    from boolnet.nn import fit

    net = Network(2, [Layer(np.zeros((1, 2)), None, output)])
    with pytest.raises(ValueError, match=loss):
        fit(net, np.zeros((2, 2)), np.zeros((2, 1)), loss=loss)
