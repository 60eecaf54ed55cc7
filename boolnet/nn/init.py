"""Seeded weight initialisation: small uniform, Xavier (Glorot), He (Kaiming), zeros."""
from __future__ import annotations

import numpy as np

__all__ = ["init_layer", "INITS"]

INITS = ("uniform", "xavier", "he", "zeros")


def init_layer(n_out: int, n_in: int, method: str = "xavier", rng=None):
    """Initial (W (n_out x n_in), b (n_out,)) float64 arrays by ``method`` from ``rng`` (-> tuple)."""
    rng = np.random.default_rng(rng) if not isinstance(rng, np.random.Generator) else rng
    if method == "uniform":
        # Small uniform +-1/sqrt(fan_in) for W and b: PyTorch's default for nn.Linear, so a
        # torch model started from these weights is the same model.
        bound = 1.0 / np.sqrt(n_in)
        W = rng.uniform(-bound, bound, (n_out, n_in))
        b = rng.uniform(-bound, bound, n_out)
    elif method == "xavier":
        bound = np.sqrt(6.0 / (n_in + n_out))  # keeps activation variance for tanh/sigmoid
        W = rng.uniform(-bound, bound, (n_out, n_in))
        b = np.zeros(n_out)
    elif method == "he":
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in))  # keeps variance for relu
        b = np.zeros(n_out)
    elif method == "zeros":
        W, b = np.zeros((n_out, n_in)), np.zeros(n_out)
    else:
        raise ValueError(f"unknown init {method!r}; expected one of {', '.join(INITS)}")
    return W, b
