"""Hardening: turn a trained sigmoid/tanh network into a threshold (step/sign) network.

sigmoid(g z) >= 1/2 exactly when z >= 0, so a sigmoid unit becomes a step unit (0/1);
tanh(g z) >= 0 exactly when z >= 0, so a tanh unit becomes a sign unit (+-1, keeping the
values later layers were trained on). Weights are kept as they are.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .network import Network

__all__ = ["harden", "HardenResult", "HARD"]

HARD = {"sigmoid": "step", "tanh": "sign", "step": "step", "sign": "sign"}


@dataclass
class HardenResult:
    """The hardened network, whether it still computes its targets, and how many rows differ."""

    network: Network
    matches: bool | None  # None when no targets were given
    accuracy: float | None
    mismatched_rows: int | None
    unchanged_layers: list[int]  # layers left soft (relu, linear, softmax)

    def __repr__(self) -> str:
        return (f"HardenResult({self.network!r}, matches={self.matches}, "
                f"accuracy={self.accuracy}, mismatched_rows={self.mismatched_rows})")

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from ..display import report_html
        return report_html(self)


def harden(net: Network, X=None, Y=None) -> HardenResult:
    """A threshold copy of ``net``; with (X, Y) also check it still computes Y (-> HardenResult).

    Y holds target values in the output encoding (0/1 for sigmoid/step, -1/+1 for tanh/sign);
    the check reads every output against the hardened activation's threshold.
    """
    hard = net.copy()
    unchanged = []
    for i, layer in enumerate(hard.layers):
        if layer.activation in HARD:
            layer.activation = HARD[layer.activation]
            layer.gain = 1.0  # the sign of g z does not depend on g > 0
        else:
            unchanged.append(i)
    hard.meta = dict(hard.meta, hardened_from=[l.activation for l in net.layers])
    if X is None or Y is None:
        return HardenResult(hard, None, None, None, unchanged)
    out = hard.forward(np.asarray(X, dtype=np.float64))
    Y = np.asarray(Y, dtype=np.float64).reshape(out.shape)
    src_act = get_activation(net.layers[-1].activation)
    act = get_activation(hard.layers[-1].activation)
    ok = (out >= act.threshold) == (Y >= src_act.threshold)
    bad_rows = int(np.count_nonzero(~ok.all(axis=1)))
    return HardenResult(hard, bad_rows == 0, float(ok.mean()), bad_rows, unchanged)
