"""The lecture's learners: perceptron, delta rule, logistic and softmax regression."""
import numpy as np
import pytest
from scipy.optimize import minimize

from boolnet.nn import delta_rule, logistic_regression, perceptron, softmax_regression

X2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_perceptron_converges_on_a_separable_set_with_integer_weights():
    net, res = perceptron(X2, [0, 0, 0, 1], epochs=50)
    assert res.status == "converged" and res.converged
    assert "converged" in res.message
    layer = net.layers[0]
    assert layer.is_integer and layer.activation == "step"
    assert np.array_equal(net.forward(X2)[:, 0], [0, 0, 0, 1])
    assert res.history["errors"][-1] == 0


def test_perceptron_stops_at_its_epoch_limit_on_xor():
    net, res = perceptron(X2, [0, 1, 1, 0], epochs=25)
    assert res.status == "epoch_limit" and not res.converged and res.epochs == 25
    assert "epoch limit" in res.message and "not be linearly separable" in res.message
    assert len(res.history["errors"]) == 25 and min(res.history["errors"]) > 0


def test_perceptron_pm1_targets_give_a_sign_unit():
    Xp = 2 * X2 - 1
    net, res = perceptron(Xp, [-1, 1, 1, 1], epochs=50)
    assert res.converged and net.layers[0].activation == "sign" and net.encoding == "pm1"
    assert np.array_equal(net.forward(Xp)[:, 0], [-1, 1, 1, 1])


def test_perceptron_separable_random_set():
    rng = np.random.default_rng(4)
    X = rng.integers(-5, 6, (40, 3))
    y = (X @ [2, -1, 1] + 1 > 0).astype(int)
    net, res = perceptron(X, y, epochs=1000, shuffle=True, seed=0)
    assert res.converged
    assert np.array_equal(net.forward(X)[:, 0], y)


def test_delta_rule_matches_least_squares():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    t = X @ [1.0, 2.0, -1.0] + 0.5 + 0.3 * rng.normal(size=40)
    net, res = delta_rule(X, t, lr=0.3, epochs=3000, tol=None)
    sol = np.linalg.lstsq(np.c_[X, np.ones(40)], t, rcond=None)[0]
    got = np.r_[net.layers[0].W[0], net.layers[0].b]
    np.testing.assert_allclose(got, sol, atol=1e-8)
    assert net.layers[0].activation == "linear"


def test_stochastic_delta_rule_gets_close_to_least_squares():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    t = X @ [0.5, -1.5] + 0.2
    net, res = delta_rule(X, t, lr=0.05, epochs=300, method="stochastic", tol=None)
    np.testing.assert_allclose(np.r_[net.layers[0].W[0], net.layers[0].b], [0.5, -1.5, 0.2], atol=1e-3)


def _nll(theta, X, y, l2):
    z = X @ theta[:-1] + theta[-1]
    return np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * theta[:-1] @ theta[:-1]


@pytest.mark.parametrize("method", ["batch", "minibatch"])
def test_logistic_regression_matches_scipy(method):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(80, 3))
    y = (X @ [1.0, -2.0, 0.5] + 0.8 * rng.normal(size=80) > 0).astype(float)
    l2 = 0.01
    ref = minimize(_nll, np.zeros(4), args=(X, y, l2), method="BFGS", options={"gtol": 1e-10}).x
    if method == "batch":
        net, res = logistic_regression(X, y, lr=1.0, epochs=4000, l2=l2, tol=None)
        tol = 1e-5
    else:  # constant-step mini-batch SGD only hovers near the optimum
        net, res = logistic_regression(X, y, lr=0.05, epochs=1500, l2=l2, method="minibatch",
                                       batch_size=16, tol=None, seed=0)
        tol = 0.1
    got = np.r_[net.layers[0].W[0], net.layers[0].b]
    np.testing.assert_allclose(got, ref, atol=tol)
    assert net.layers[0].activation == "sigmoid"


def test_softmax_regression_matches_scipy():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(90, 2))
    labels = np.argmax(X @ [[1.0, -1.0, 0.2], [0.3, 0.5, -1.0]] + rng.normal(size=(90, 3)), axis=1)
    l2 = 0.05
    K = 3

    def obj(theta):
        W, b = theta[:6].reshape(3, 2), theta[6:]
        Z = X @ W.T + b
        lse = np.log(np.exp(Z - Z.max(1, keepdims=True)).sum(1)) + Z.max(1)
        return np.mean(lse - Z[np.arange(90), labels]) + 0.5 * l2 * np.sum(W * W)

    ref = minimize(obj, np.zeros(9), method="BFGS", options={"gtol": 1e-10}).x
    net, res = softmax_regression(X, labels, lr=1.0, epochs=5000, l2=l2, tol=None)
    got = np.r_[net.layers[0].W.ravel(), net.layers[0].b]
    # Softmax is invariant to adding the same vector to every class's bias; compare centred.
    got[6:] -= got[6:].mean()
    ref[6:] -= ref[6:].mean()
    np.testing.assert_allclose(got, ref, atol=1e-4)
    assert net.layers[0].n_out == K
