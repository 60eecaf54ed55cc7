"""Losses that return their value and delta = dL/dz of the output layer in one call.

Reduction is over rows: ``scale`` is 1/rows for the mean (default) or 1 for the sum.
Squared error is 1/2 sum (a - y)^2. Binary cross-entropy is computed from the
pre-activation (softplus(z) - y z), so it is stable for any z; it pairs with a sigmoid
output (targets 0/1) or a tanh output (targets -1/+1, read as sigmoid(2z)). Softmax
cross-entropy pairs with a softmax output and one-hot (or probability) targets.
"""
from __future__ import annotations

import numpy as np

from .activations import Activation

__all__ = ["LOSSES", "loss_delta", "l2_penalty", "accuracy", "check_pairing"]

LOSSES = {"mse": "mse", "se": "mse", "squared": "mse", "bce": "bce", "ce": "ce",
          "cross_entropy": "ce", "softmax_ce": "ce"}


def canonical(loss: str) -> str:
    """The canonical loss name for ``loss`` or an alias (str -> str)."""
    try:
        return LOSSES[loss]
    except KeyError:
        raise ValueError(f"unknown loss {loss!r}; expected mse, bce or ce") from None


def check_pairing(loss: str, act: str) -> None:
    """Raise ValueError when the loss cannot be used with this output activation (-> None)."""
    loss = canonical(loss)
    if loss == "bce" and act not in ("sigmoid", "tanh"):
        raise ValueError(f"bce needs a sigmoid or tanh output layer, not {act}")
    if loss == "ce" and act != "softmax":
        raise ValueError(f"ce (softmax cross-entropy) needs a softmax output layer, not {act}")


def loss_delta(loss: str, act: Activation, z, a, y, out=None, scale: float = 1.0, mask=None):
    """Loss value and delta dL/dz written into ``out`` (-> (float, array)).

    ``mask`` (same shape as y, 0/1) drops don't-care entries from value and gradient.
    """
    loss = canonical(loss)
    out = np.empty_like(a) if out is None else out
    if loss == "mse":
        diff = a - y
        if mask is not None:
            diff *= mask
        value = 0.5 * scale * float(np.vdot(diff, diff))
        diff *= scale
        act.backward(z, a, diff, out=out)
        return value, out
    if loss == "bce":
        if act.name == "sigmoid":
            zz, yy = z, y
        elif act.name == "tanh":
            zz, yy = 2.0 * z, (y + 1.0) * 0.5  # tanh(z) = 2 sigmoid(2z) - 1
        else:
            raise ValueError(f"bce needs a sigmoid or tanh output layer, not {act.name}")
        if mask is None:
            value = float(np.add.reduce(np.logaddexp(0.0, zz), axis=None) - np.vdot(yy, zz))
        else:
            value = float(((np.logaddexp(0.0, zz) - yy * zz) * mask).sum())
    elif loss == "ce":
        if act.name != "softmax":
            raise ValueError(f"ce (softmax cross-entropy) needs a softmax output layer, not {act.name}")
        zmax = z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z - zmax).sum(axis=1)) + zmax[:, 0]
        per_row = lse * y.sum(axis=1) - np.einsum("ij,ij->i", y, z)
        if mask is not None:
            per_row = per_row * mask.reshape(len(per_row), -1)[:, 0]
        value = float(per_row.sum())
    # The output nonlinearity cancels against the loss: delta = a - y (for both tanh cases too).
    np.subtract(a, y, out=out)
    if mask is not None:
        out *= mask
    out *= scale
    return value * scale, out


def l2_penalty(layers, lam: float) -> float:
    """lam/2 * sum of squared weights (biases excluded) (-> float)."""
    if not lam:
        return 0.0
    return 0.5 * lam * sum(float(np.vdot(layer.W, layer.W)) for layer in layers)


def accuracy(act: Activation, a, y, mask=None) -> float:
    """Fraction of output entries on the right side of the activation's threshold (-> float).

    For a softmax output with several units it is the fraction of rows whose argmax matches.
    """
    if act.name == "softmax" and a.shape[1] > 1:
        ok = a.argmax(axis=1) == y.argmax(axis=1)
        if mask is not None:
            m = mask.reshape(len(ok), -1)[:, 0] > 0
            return float(ok[m].mean()) if m.any() else 1.0
        return float(ok.mean())
    ok = (a >= act.threshold) == (y >= act.threshold)
    if mask is not None:
        m = mask > 0
        return float(ok[m].mean()) if m.any() else 1.0
    return float(np.count_nonzero(ok)) / ok.size
