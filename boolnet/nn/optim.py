"""Optimisers that update one flat parameter vector in place (see Network.bind_flat).

The update formulas follow PyTorch's SGD (with momentum / Nesterov) and Adam, so the
same initial weights give the same trajectory up to floating-point rounding.
"""
from __future__ import annotations

import numpy as np

__all__ = ["SGD", "Adam", "make_optimizer", "OPTIMIZERS"]

OPTIMIZERS = ("sgd", "momentum", "adam")


class SGD:
    """Gradient descent: p -= lr * g, or with momentum buf = mu*buf + g; p -= lr * buf."""

    def __init__(self, lr: float = 0.1, momentum: float = 0.0, nesterov: bool = False):
        self.lr, self.momentum, self.nesterov = float(lr), float(momentum), nesterov
        self.buf = None

    def step(self, theta: np.ndarray, g: np.ndarray) -> None:
        """Update ``theta`` in place from gradient ``g`` (-> None)."""
        if self.momentum:
            if self.buf is None:
                self.buf = g.copy()
            else:
                self.buf *= self.momentum
                self.buf += g
            if self.nesterov:
                g = g + self.momentum * self.buf
            else:
                g = self.buf
        theta -= self.lr * g

    def __repr__(self):
        return f"SGD(lr={self.lr:g}, momentum={self.momentum:g})"


class Adam:
    """Adam (Kingma & Ba) with bias correction, written as PyTorch does it."""

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr, self.beta1, self.beta2, self.eps = float(lr), float(beta1), float(beta2), float(eps)
        self.t = 0
        self.m = self.v = self.tmp = None

    def step(self, theta: np.ndarray, g: np.ndarray) -> None:
        """Update ``theta`` in place from gradient ``g`` (-> None)."""
        if self.m is None:
            self.m, self.v, self.tmp = np.zeros_like(theta), np.zeros_like(theta), np.empty_like(theta)
        self.t += 1
        b1, b2, m, v, tmp = self.beta1, self.beta2, self.m, self.v, self.tmp
        m *= b1
        np.multiply(g, 1.0 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(g, g, out=tmp)
        tmp *= 1.0 - b2
        v += tmp
        bc1 = 1.0 - b1 ** self.t
        bc2 = 1.0 - b2 ** self.t
        np.sqrt(v, out=tmp)
        tmp *= 1.0 / np.sqrt(bc2)
        tmp += self.eps
        np.divide(m, tmp, out=tmp)
        tmp *= self.lr / bc1
        theta -= tmp

    def __repr__(self):
        return f"Adam(lr={self.lr:g})"


def make_optimizer(name: str, lr: float, **kw):
    """An optimiser by name: 'sgd', 'momentum' (SGD, mu=0.9) or 'adam' (-> SGD | Adam)."""
    if not isinstance(name, str):
        return name  # already an optimiser object
    if name == "sgd":
        return SGD(lr, **kw)
    if name == "momentum":
        kw.setdefault("momentum", 0.9)
        return SGD(lr, **kw)
    if name == "adam":
        return Adam(lr, **kw)
    raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}")
