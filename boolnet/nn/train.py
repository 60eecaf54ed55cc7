"""The training loop: fit(network, X, Y, ...) -> History, by backprop and an optimiser.

History entry e holds the loss and accuracy of the network after e epochs (entry 0 is the
initial network), so when training stops at the target accuracy the returned network is
exactly the one that reached it. Full-batch training reuses that evaluation's forward
pass for the gradient, so an epoch costs one forward and one backward pass.
"""
from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from .activations import get_activation
from .losses import canonical, check_pairing, l2_penalty, loss_delta
from .network import Network
from .optim import make_optimizer

__all__ = ["fit", "History", "geometric_gain"]


@dataclass
class History:
    """Per-epoch loss and accuracy (entry e = after e epochs), epochs run, and why it stopped."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    epochs: int = 0
    status: str = ""
    seconds: float = 0.0

    @property
    def final_loss(self) -> float:
        """Loss of the returned network (float)."""
        return self.loss[-1]

    @property
    def final_accuracy(self) -> float:
        """Accuracy of the returned network (float)."""
        return self.accuracy[-1]

    def to_dict(self) -> dict:
        """Plain-JSON form (-> dict)."""
        return {"loss": self.loss, "accuracy": self.accuracy, "epochs": self.epochs,
                "status": self.status, "seconds": self.seconds}

    def __repr__(self) -> str:
        return (f"History(epochs={self.epochs}, loss={self.final_loss:.6g}, "
                f"accuracy={self.final_accuracy:.4f}, status={self.status!r})")


def geometric_gain(start: float, end: float, epochs: int) -> Callable[[int], float]:
    """A steepening schedule: gain grows geometrically from start to end over epochs (-> f(e))."""
    ratio = (end / start) ** (1.0 / max(epochs, 1))
    return lambda e: start * ratio ** min(e, epochs)


class _Progress:
    """A one-line progress bar on stderr, redrawn at most 10 times a second."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.last = total, enabled, 0.0

    def update(self, e: int, loss: float, acc: float, force: bool = False):
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        done = int(width * e / max(self.total, 1))
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] epoch {e}/{self.total} "
                         f"loss {loss:.4g} acc {acc:.3f}")
        sys.stderr.flush()

    def close(self):
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def fit(net: Network, X, Y, *, loss: str = "bce", optimizer="adam", lr: float = 0.01,
        epochs: int = 1000, batch_size: int | None = None, seed: int | None = 0,
        l2: float = 0.0, target_accuracy: float | None = 1.0, tol: float | None = None,
        mask=None, reduction: str = "mean", callbacks: Iterable[Callable] = (),
        progress: bool | None = None, gain_schedule: Callable[[int], float] | None = None,
        dtype=np.float64, shuffle: bool = True, optimizer_kwargs: dict | None = None) -> History:
    """Train ``net`` in place on (X, Y) by backprop; returns the History (-> History).

    batch_size None (or >= rows) is full-batch gradient descent, 1 is stochastic, k is
    mini-batch (rows reshuffled every epoch from ``seed``). Stops at ``target_accuracy``
    (None: never), when the loss changes by less than ``tol`` (relative), at ``epochs``,
    or when a callback ``cb(epoch, history, net)`` returns True. ``mask`` (0/1 like Y)
    marks the entries that count. ``gain_schedule(e)`` sets the gain of every sigmoid/tanh
    layer before epoch e (steepening towards a threshold network).
    """
    loss = canonical(loss)
    dtype = np.dtype(dtype)
    X = np.ascontiguousarray(X, dtype=dtype)
    Y = np.asarray(Y, dtype=dtype)
    if Y.ndim == 1:
        Y = Y[:, None]
    N = X.shape[0]
    if Y.shape != (N, net.n_outputs):
        raise ValueError(f"Y has shape {Y.shape}, expected ({N}, {net.n_outputs})")
    if X.ndim != 2 or X.shape[1] != net.n_inputs:
        raise ValueError(f"X has shape {X.shape}, expected ({N}, {net.n_inputs})")
    M = None if mask is None else np.ascontiguousarray(np.broadcast_to(np.asarray(mask, dtype), Y.shape))
    if net.outputs is not None:  # backprop starts from the last layer's deltas
        raise ValueError("training needs a network whose outputs are its last layer's units")
    out_layer = net.layers[-1]
    check_pairing(loss, out_layer.activation)
    act = get_activation(out_layer.activation)
    if reduction not in ("mean", "sum"):
        raise ValueError("reduction must be 'mean' or 'sum'")
    callbacks = list(callbacks)
    theta, gtheta, grads = net.bind_flat(dtype)
    opt = make_optimizer(optimizer, lr, **(optimizer_kwargs or {}))
    rng = np.random.default_rng(seed)
    full = batch_size is None or batch_size >= N
    steep = [layer for layer in net.layers if layer.activation in ("sigmoid", "tanh")]

    ws = net.workspace(N, dtype)
    delta = ws.dz[-1]
    softmax_acc = act.name == "softmax" and Y.shape[1] > 1
    Ytrue = Y >= act.threshold
    okbuf = np.empty(Y.shape, bool)
    Mbool = None if M is None else M > 0
    n_care = Y.size if M is None else max(int(np.count_nonzero(Mbool)), 1)


    hist = History()
    bar = _Progress(epochs, sys.stderr.isatty() if progress is None else bool(progress))
    start = time.perf_counter()
    scale_full = 1.0 / N if reduction == "mean" else 1.0
    batch_ws: dict[int, object] = {}
    e = 0
    while True:
        if gain_schedule is not None:
            g = float(gain_schedule(e))
            for layer in steep:
                layer.gain = g
        # Evaluate the network after e epochs (its forward pass doubles as the training pass).
        out = net.run(ws, X)
        value, _ = loss_delta(loss, act, ws.z[-1], out, Y, out=delta, scale=scale_full, mask=M)
        if l2:
            value += l2_penalty(net.layers, l2)
        if softmax_acc:
            ok = out.argmax(axis=1) == Y.argmax(axis=1)
            acc = float(ok[Mbool[:, 0]].mean()) if Mbool is not None else float(ok.mean())
        else:
            np.greater_equal(out, act.threshold, out=okbuf)
            np.equal(okbuf, Ytrue, out=okbuf)
            if Mbool is not None:
                okbuf &= Mbool
                acc = (np.count_nonzero(okbuf)) / n_care
            else:
                acc = np.count_nonzero(okbuf) / okbuf.size
        hist.loss.append(value)
        hist.accuracy.append(acc)
        if bar.enabled:
            bar.update(e, value, acc)
        if target_accuracy is not None and acc >= target_accuracy:
            hist.status = f"target accuracy {target_accuracy:g} reached"
            break
        if tol is not None and e > 0 and abs(hist.loss[-2] - value) <= tol * max(1.0, abs(value)):
            hist.status = f"converged: loss changed by less than {tol:g}"
            break
        if callbacks and any(cb(e, hist, net) for cb in callbacks):
            hist.status = "stopped by callback"
            break
        if not math.isfinite(value):
            hist.status = "stopped: loss is not finite (lower the learning rate)"
            break
        if e >= epochs:
            hist.status = "epoch limit reached"
            break
        if full:
            net.backward(ws, delta, grads, l2)
            opt.step(theta, gtheta)
        else:
            order = rng.permutation(N) if shuffle else np.arange(N)
            for lo in range(0, N, batch_size):
                idx = order[lo:lo + batch_size]
                rows = len(idx)
                bw = batch_ws.get(rows)
                if bw is None:
                    bw = batch_ws[rows] = (net.workspace(rows, dtype), np.empty((rows, X.shape[1]), dtype),
                                           np.empty((rows, Y.shape[1]), dtype),
                                           None if M is None else np.empty((rows, Y.shape[1]), dtype))
                wsb, xb, yb, mb = bw
                np.take(X, idx, axis=0, out=xb)
                np.take(Y, idx, axis=0, out=yb)
                if M is not None:
                    np.take(M, idx, axis=0, out=mb)
                outb = net.run(wsb, xb)
                loss_delta(loss, act, wsb.z[-1], outb, yb, out=wsb.dz[-1],
                           scale=1.0 / rows if reduction == "mean" else 1.0, mask=mb)
                net.backward(wsb, wsb.dz[-1], grads, l2)
                opt.step(theta, gtheta)
        e += 1
    hist.epochs = e
    hist.seconds = time.perf_counter() - start
    bar.update(e, hist.final_loss, hist.final_accuracy, force=True)
    bar.close()
    return hist
