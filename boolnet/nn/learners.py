"""The lecture's single-layer learners, each returning (Network, LearnResult).

perceptron: the perceptron algorithm (update only on mistakes, w <- w +- x).
delta_rule: Widrow-Hoff LMS on a linear unit (batch or stochastic).
logistic_regression: gradient ascent on the log-likelihood of a sigmoid unit.
softmax_regression: the multi-class version with a softmax layer.
The last three run on ``fit`` (the same backprop core as the MLPs).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .network import Layer, Network
from .optim import SGD
from .train import fit

__all__ = ["perceptron", "delta_rule", "logistic_regression", "softmax_regression", "LearnResult"]


@dataclass
class LearnResult:
    """How a learner ended: status ('converged' or 'epoch_limit'), epochs, message, history."""

    status: str
    epochs: int
    message: str
    history: dict = field(default_factory=dict)
    updates: int = 0

    @property
    def converged(self) -> bool:
        """True when the learner met its stopping criterion before the epoch limit (bool)."""
        return self.status == "converged"

    def __str__(self) -> str:
        return self.message


def _xy(X, y):
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (rows x features), got shape {X.shape}")
    if y.ndim == 1:
        y = y[:, None]
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}")
    return X, y


def perceptron(X, y, epochs: int = 100, lr=1, shuffle: bool = False, seed: int | None = None,
               W0=None, b0=None):
    """Rosenblatt's perceptron on targets 0/1 (step unit) or -1/+1 (sign unit) (-> (Network, LearnResult)).

    Cycles through the rows (in order, or reshuffled each epoch when ``shuffle``), and on a
    misclassified row moves the weights towards it: w <- w + lr x (target high) or w - lr x
    (target low), bias likewise. Converged means one full pass without a mistake. With
    integer X and integer lr the weights stay exact integers.
    """
    X, y = _xy(X, y)
    pm1 = bool((y < 0).any())
    if pm1 and not np.isin(y, (-1, 1)).all() or not pm1 and not np.isin(y, (0, 1)).all():
        raise ValueError("perceptron targets must be all 0/1 or all -1/+1")
    integral = np.issubdtype(X.dtype, np.integer) or X.dtype == bool
    integral = integral and float(lr) == int(lr)
    dt = np.int64 if integral else np.float64
    m, n = y.shape[1], X.shape[1]
    W = np.zeros((m, n), dt) if W0 is None else np.array(W0, dtype=dt).reshape(m, n)
    b = np.zeros(m, dt) if b0 is None else np.array(b0, dtype=dt).reshape(m)
    Xd = X.astype(dt)
    lr = dt(lr)
    target = y > 0  # the "high" class
    rng = np.random.default_rng(seed)
    errors_per_epoch, updates = [], 0
    status = "epoch_limit"
    epoch = 0
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(Xd)) if shuffle else range(len(Xd))
        errors = 0
        for i in order:
            x = Xd[i]
            fired = (W @ x + b) >= 0
            wrong = fired != target[i]
            if wrong.any():
                direction = np.where(target[i], 1, -1).astype(dt)[wrong] * lr
                W[wrong] += direction[:, None] * x
                b[wrong] += direction
                errors += int(np.count_nonzero(wrong))
                updates += 1
        errors_per_epoch.append(errors)
        if errors == 0:
            status = "converged"
            break
    if status == "converged":
        message = f"converged after {epoch} epochs ({updates} updates): every row is classified correctly"
    else:
        message = (f"epoch limit reached: {epochs} epochs without a clean pass "
                   f"({errors_per_epoch[-1]} mistakes in the last one); the data may not be "
                   f"linearly separable")
    net = Network(n, [Layer(W, b, "sign" if pm1 else "step")], encoding="pm1" if pm1 else None,
                  meta={"learner": "perceptron"})
    return net, LearnResult(status, epoch, message, {"errors": errors_per_epoch}, updates)


def _result_from(hist, epochs, what):
    if hist.status.startswith("converged") or hist.status.startswith("target"):
        return LearnResult("converged", hist.epochs, f"{what}: {hist.status} after {hist.epochs} epochs",
                           hist.to_dict())
    return LearnResult("epoch_limit" if hist.status == "epoch limit reached" else "stopped", hist.epochs,
                       f"{what}: {hist.status} after {hist.epochs} epochs (loss {hist.final_loss:.6g})",
                       hist.to_dict())


def _batch(method: str, batch_size: int | None):
    if method == "batch":
        return None
    if method == "stochastic":
        return 1
    if method == "minibatch":
        return batch_size or 32
    raise ValueError(f"method must be 'batch', 'stochastic' or 'minibatch', got {method!r}")


def delta_rule(X, y, lr: float = 0.05, epochs: int = 1000, method: str = "batch",
               batch_size: int | None = None, tol: float | None = 1e-12, seed: int | None = 0):
    """Widrow-Hoff LMS: a linear unit minimising 1/2 sum (w.x + b - t)^2 (-> (Network, LearnResult)).

    Starts from zero weights; ``method`` 'batch' descends the mean error, 'stochastic'
    updates after every row, 'minibatch' after every ``batch_size`` rows.
    """
    X, y = _xy(X, y)
    net = Network(X.shape[1], [Layer(np.zeros((y.shape[1], X.shape[1])), None, "linear")],
                  meta={"learner": "delta_rule"})
    hist = fit(net, X, y, loss="mse", optimizer=SGD(lr), epochs=epochs,
               batch_size=_batch(method, batch_size), seed=seed, target_accuracy=None, tol=tol,
               progress=False)
    return net, _result_from(hist, epochs, "delta rule")


def logistic_regression(X, y, lr: float = 0.5, epochs: int = 2000, method: str = "batch",
                        batch_size: int | None = None, l2: float = 0.0, tol: float | None = 1e-12,
                        seed: int | None = 0):
    """A sigmoid unit by gradient ascent on the mean log-likelihood (-> (Network, LearnResult)).

    Ascending the log-likelihood is descending the binary cross-entropy, so this is ``fit``
    with loss 'bce' and plain SGD; ``l2`` subtracts l2/2 |w|^2 (needed when the classes
    are separable, where the unpenalised optimum is at infinity).
    """
    X, y = _xy(X, y)
    net = Network(X.shape[1], [Layer(np.zeros((y.shape[1], X.shape[1])), None, "sigmoid")],
                  meta={"learner": "logistic_regression"})
    hist = fit(net, X, y, loss="bce", optimizer=SGD(lr), epochs=epochs, l2=l2,
               batch_size=_batch(method, batch_size), seed=seed, target_accuracy=None, tol=tol,
               progress=False)
    return net, _result_from(hist, epochs, "logistic regression")


def softmax_regression(X, y, n_classes: int | None = None, lr: float = 0.5, epochs: int = 2000,
                       method: str = "batch", batch_size: int | None = None, l2: float = 0.0,
                       tol: float | None = 1e-12, seed: int | None = 0):
    """Multi-class logistic regression: one softmax layer, cross-entropy (-> (Network, LearnResult)).

    ``y`` is either integer labels 0..K-1 (shape (rows,)) or one-hot rows (rows x K).
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if y.ndim == 1:
        if not np.issubdtype(y.dtype, np.integer) or (y < 0).any():
            raise ValueError("softmax_regression labels must be integers 0..K-1")
        K = int(n_classes or y.max() + 1)
        Y = np.zeros((len(y), K))
        Y[np.arange(len(y)), y] = 1.0
    else:
        Y = y.astype(np.float64)
        K = Y.shape[1]
    net = Network(X.shape[1], [Layer(np.zeros((K, X.shape[1])), None, "softmax")],
                  meta={"learner": "softmax_regression"})
    hist = fit(net, X, Y, loss="ce", optimizer=SGD(lr), epochs=epochs, l2=l2,
               batch_size=_batch(method, batch_size), seed=seed, target_accuracy=None, tol=tol,
               progress=False)
    return net, _result_from(hist, epochs, "softmax regression")
