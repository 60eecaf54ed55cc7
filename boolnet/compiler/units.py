"""Integer threshold units for the Boolean gates the compilers use (0/1 encoding, step units).

A step unit fires when ``w . x + b >= 0``. An AND of literals sums its positive
inputs, subtracts its negated ones, and needs every positive one on:
``b = -(number of positive literals)``. An OR of literals fires once any literal is on.
"""
from __future__ import annotations

import numpy as np

__all__ = ["and_units", "or_units", "or_of", "and_of"]


def and_units(care: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights (k, n) and biases (k,) of k AND units, one per cube given as boolean care/value (k, n)."""
    W = np.where(care, np.where(value, 1, -1), 0).astype(np.int64)
    b = -(care & value).sum(axis=1).astype(np.int64)
    return W, b


def or_units(care: np.ndarray, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights (k, n) and biases (k,) of k OR units, one per clause of literals (value = positive literal)."""
    W = np.where(care, np.where(value, 1, -1), 0).astype(np.int64)
    # Sum of the literals is  sum(pos x) + sum(1 - neg x) ; fire when it is >= 1.
    b = ((care & ~value).sum(axis=1) - 1).astype(np.int64)
    return W, b


def or_of(select: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Output units (m, k) ORing the hidden units each output selects (boolean (k, m))."""
    W = select.T.astype(np.int64)
    return W, np.full(W.shape[0], -1, np.int64)


def and_of(select: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Output units (m, k) ANDing the hidden units each output selects (boolean (k, m))."""
    W = select.T.astype(np.int64)
    return W, -W.sum(axis=1)
