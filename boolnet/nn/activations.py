"""Activation functions f(z) and their backward passes, looked up by name.

Each activation writes into ``out`` when given one, so the training loop can reuse
buffers; ``backward(z, a, grad_a, out)`` returns dL/dz from dL/da (for softmax this is
the Jacobian-vector product, not an elementwise derivative).
"""
from __future__ import annotations

import numpy as np

__all__ = ["ACTIVATIONS", "Activation", "get_activation"]


class Activation:
    """An activation: name, forward f(z), backward dL/dz, and the output decision threshold."""

    def __init__(self, name: str, forward, backward, threshold: float, low: float, high: float):
        self.name = name
        self.forward = forward  # (z, out=None) -> a
        self.backward = backward  # (z, a, grad_a, out=None) -> grad_z
        self.threshold = threshold  # a >= threshold reads as the "true" class
        self.low, self.high = low, high  # the two values that encode false / true

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


def _buf(z, out):
    return np.empty_like(z) if out is None else out


def _step(z, out=None):
    out = _buf(z, out)
    # 1 if z >= 0 else 0, written in z's dtype (np.heaviside is ~30x slower)
    np.greater_equal(z, 0, out=out, casting="unsafe")
    return out


def _sign(z, out=None):
    out = _step(z, out)
    out *= 2
    out -= 1  # +1 if z >= 0 else -1 (sign(0) = +1, unlike np.sign)
    return out


def _zero_grad(z, a, g, out=None):
    # The derivative of a threshold is 0 almost everywhere: backprop cannot train it.
    out = _buf(g, out)
    out[...] = 0
    return out


def _linear(z, out=None):
    if out is None:
        return z.copy()
    out[...] = z
    return out


def _linear_back(z, a, g, out=None):
    if out is None:
        return g.copy()
    out[...] = g
    return out


def _sigmoid(z, out=None):
    # 1/(1+e^-z) written through tanh: no overflow for large |z|.
    out = _buf(z, out)
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def _sigmoid_back(z, a, g, out=None):
    out = _buf(g, out)
    np.subtract(1.0, a, out=out)
    out *= a
    out *= g
    return out


def _tanh(z, out=None):
    return np.tanh(z, out=_buf(z, out))


def _tanh_back(z, a, g, out=None):
    out = _buf(g, out)
    np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)
    out *= g
    return out


def _relu(z, out=None):
    return np.maximum(z, 0, out=_buf(z, out))


def _relu_back(z, a, g, out=None):
    out = _buf(g, out)
    np.greater(z, 0, out=out, casting="unsafe")
    out *= g
    return out


def _softmax(z, out=None):
    # Subtract the row maximum first so exp never overflows.
    out = _buf(z, out)
    np.subtract(z, z.max(axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


def _softmax_back(z, a, g, out=None):
    # J^T g for J = diag(a) - a a^T:  a * (g - <g, a>)
    out = _buf(g, out)
    dot = np.einsum("ij,ij->i", g, a)[:, None]
    np.subtract(g, dot, out=out)
    out *= a
    return out


ACTIVATIONS: dict[str, Activation] = {
    "step": Activation("step", _step, _zero_grad, 0.5, 0, 1),
    "sign": Activation("sign", _sign, _zero_grad, 0.0, -1, 1),
    "linear": Activation("linear", _linear, _linear_back, 0.5, 0, 1),
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_back, 0.5, 0, 1),
    "tanh": Activation("tanh", _tanh, _tanh_back, 0.0, -1, 1),
    "relu": Activation("relu", _relu, _relu_back, 0.5, 0, 1),
    "softmax": Activation("softmax", _softmax, _softmax_back, 0.5, 0, 1),
}


def get_activation(name: str) -> Activation:
    """Return the Activation called ``name`` (str -> Activation); ValueError names the choices."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}") from None
