"""ThresholdNetwork: a DAG of integer threshold units with structural hashing.

Signals ``0 .. n-1`` are the inputs; signal ``n + u`` is unit u. A unit fires when
``sum(w * source) + bias >= 0``. Adding a unit equal to one already there (same sources,
weights and bias) returns the existing signal, so forms built separately for different
outputs share what they have in common. Outputs are (signal, negated) pairs.
``to_network`` levelises the DAG into :class:`boolnet.nn.Network` layers with skip
connections: every unit sits at its earliest layer, and each output reads its unit
wherever it is (an output that is an input, or the negation of a unit that other units
also read, gets one unit of its own).

>>> t = ThresholdNetwork(2)
>>> a = t.add_unit([0, 1], [1, -1], -1)   # x1 & ~x2
>>> b = t.add_unit([0, 1], [-1, 1], -1)   # ~x1 & x2
>>> t.add_output(t.add_unit([a, b], [1, 1], -1))
>>> t.num_units, t.to_network().n_outputs
(3, 1)
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["ThresholdNetwork", "network_to_tnet"]


class ThresholdNetwork:
    """Integer threshold units over ``n`` inputs, hashed by (sources, weights, bias)."""

    def __init__(self, n: int, input_names: Sequence[str] | None = None,
                 output_names: Sequence[str] | None = None):
        """An empty network over n inputs."""
        self.n = int(n)
        self.sources: list[tuple[int, ...]] = []
        self.weights: list[tuple[int, ...]] = []
        self.bias: list[int] = []
        self.outputs: list[tuple[int, bool]] = []
        self.input_names = list(input_names) if input_names is not None else None
        self.output_names = list(output_names) if output_names is not None else None
        self._hash: dict[tuple, int] = {}

    @property
    def num_units(self) -> int:
        """Units in the DAG (reachable or not)."""
        return len(self.bias)

    def is_unit(self, s: int) -> bool:
        """True when signal s is a unit (not an input)."""
        return s >= self.n

    def add_unit(self, sources: Sequence[int], weights: Sequence[int], bias: int) -> int:
        """The signal of unit [sum(w * s) + bias >= 0], reusing an equal unit when there is one."""
        acc: dict[int, int] = {}
        for s, w in zip(sources, weights):
            s, w = int(s), int(w)
            if not 0 <= s < self.n + self.num_units:
                raise ValueError(f"source {s} does not exist yet")
            acc[s] = acc.get(s, 0) + w
        items = sorted((s, w) for s, w in acc.items() if w)
        key = (tuple(s for s, _ in items), tuple(w for _, w in items), int(bias))
        sig = self._hash.get(key)
        if sig is None:
            sig = self.n + self.num_units
            self.sources.append(key[0])
            self.weights.append(key[1])
            self.bias.append(key[2])
            self._hash[key] = sig
        return sig

    def negation(self, s: int) -> int:
        """A unit computing NOT s: the same sources with weights -w and bias -b - 1 (or an inverter of an input)."""
        if not self.is_unit(s):
            return self.add_unit([s], [-1], 0)
        u = s - self.n
        return self.add_unit(self.sources[u], [-w for w in self.weights[u]], -self.bias[u] - 1)

    def constant(self, value: bool) -> int:
        """A unit with no sources that always (or never) fires."""
        return self.add_unit([], [], 0 if value else -1)

    def add_output(self, s: int, negated: bool = False) -> None:
        """Append an output reading signal s (negated when asked)."""
        self.outputs.append((int(s), bool(negated)))

    # ------------------------------------------------------------------ reading
    def cone(self, roots: Sequence[int]) -> set[int]:
        """Units (as signals) in the transitive fanin of the given signals."""
        seen: set[int] = set()
        stack = [s for s in roots if self.is_unit(s)]
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            stack.extend(x for x in self.sources[s - self.n] if self.is_unit(x) and x not in seen)
        return seen

    def depths(self) -> np.ndarray:
        """Depth of every signal: 0 for inputs, 1 + the deepest source for units."""
        d = np.zeros(self.n + self.num_units, np.int64)
        for u in range(self.num_units):
            src = self.sources[u]
            d[self.n + u] = 1 + (max(d[s] for s in src) if src else 0)
        return d

    def values(self, X: np.ndarray, signals: Sequence[int]) -> np.ndarray:
        """Values (rows x signals, 0/1) of the given signals on input rows X (rows x n, 0/1);
        only their cones are evaluated."""
        X = np.asarray(X, np.int64)
        vals: dict[int, np.ndarray] = {i: X[:, i] for i in range(self.n)}
        for s in sorted(self.cone(list(signals))):
            u = s - self.n
            z = np.full(len(X), self.bias[u], np.int64)
            for x, w in zip(self.sources[u], self.weights[u]):
                z += w * vals[x]
            vals[s] = (z >= 0).astype(np.int64)
        return np.stack([vals[s] for s in signals], axis=1) if len(signals) \
            else np.zeros((len(X), 0), np.int64)

    def evaluate(self, X: np.ndarray) -> np.ndarray:
        """Outputs (rows x outputs, 0/1) for input rows X (rows x n, 0/1); for tests and small checks."""
        v = self.values(X, [s for s, _ in self.outputs])
        return v ^ np.array([int(neg) for _, neg in self.outputs], np.int64)

    def output_signals(self, outputs: Sequence[tuple[int, bool]] | None = None) -> list[int]:
        """The unit each output reads (list of signals), adding what an output needs to the DAG.

        An output of a unit reads that unit, wherever it is. A negated output reads the
        unit's negation (same sources, hashed: where nothing else reads the unit, the
        negation takes its place in the cone and costs nothing). An output that is an
        input reads a buffer or inverter of it. ``outputs`` defaults to the network's own.
        """
        outputs = self.outputs if outputs is None else outputs
        signals = []
        for s, neg in outputs:
            if not self.is_unit(s):
                signals.append(self.add_unit([s], [-1], 0) if neg else self.add_unit([s], [1], -1))
            else:
                signals.append(self.negation(s) if neg else s)
        return signals

    def size(self) -> int:
        """Units of the levelised network: the cones of the units the outputs read."""
        return len(self.cone(self.output_signals()))

    def to_network(self, **meta):
        """The levelised :class:`boolnet.nn.Network` (step units, 01 encoding); outputs are
        taps of units in any layer, each unit at its earliest layer."""
        from ..nn import Layer, Network
        roots = self.output_signals()
        cone = sorted(self.cone(roots))
        depth = self.depths()
        D = int(max(depth[s] for s in cone))
        layers_units: list[list[int]] = [[] for _ in range(D)]
        for s in cone:
            layers_units[int(depth[s]) - 1].append(s)
        position: dict[int, tuple[int, int]] = {i: (0, i) for i in range(self.n)}  # signal -> (net signal, column)
        layers = []
        widths = {0: self.n}
        for L, units in enumerate(layers_units):
            # (every depth 1..D holds a unit: a unit at depth d reads one at depth d - 1)
            srcs = sorted({position[x][0] for s in units for x in self.sources[s - self.n]}) or [0]
            offset, col = {}, 0
            for sig in srcs:
                offset[sig] = col
                col += widths[sig]
            W = np.zeros((len(units), col), np.int64)
            b = np.zeros(len(units), np.int64)
            for r, s in enumerate(units):
                u = s - self.n
                for x, wx in zip(self.sources[u], self.weights[u]):
                    net_sig, c = position[x]
                    W[r, offset[net_sig] + c] += wx
                b[r] = self.bias[u]
                position[s] = (L + 1, r)
            widths[L + 1] = len(units)
            layers.append(Layer(W, b, "step", sources=srcs))
        if self.input_names is not None:
            meta.setdefault("input_names", list(self.input_names))
        if self.output_names is not None:
            meta.setdefault("output_names", list(self.output_names))
        return Network(self.n, layers, encoding="01", meta=meta,
                       outputs=[position[s] for s in roots])

    def __repr__(self) -> str:
        return f"ThresholdNetwork(inputs={self.n}, units={self.num_units}, outputs={len(self.outputs)})"


def network_to_tnet(net, into: ThresholdNetwork | None = None) -> list[tuple[int, bool]]:
    """Add a step network's units (01 encoding, integer weights) to a ThresholdNetwork; return its outputs.

    Units equal to ones already in ``into`` are shared, which is how forms compiled
    separately for different outputs end up sharing units.
    """
    if net.encoding not in ("01", None) or not net.is_threshold or any(
            layer.activation != "step" or not layer.is_integer for layer in net.layers):
        raise ValueError("only 01-encoded integer step networks can be merged")
    t = into if into is not None else ThresholdNetwork(net.n_inputs)
    sig_cols = {0: list(range(net.n_inputs))}
    for k, layer in enumerate(net.layers):
        cols = [c for s in layer.sources for c in sig_cols[s]]
        if layer.gain <= 0:
            raise ValueError("a step layer with gain <= 0 cannot be merged")
        outs = []
        for r in range(layer.n_out):
            nz = np.flatnonzero(layer.W[r])
            outs.append(t.add_unit([cols[c] for c in nz], layer.W[r, nz].tolist(), int(layer.b[r])))
        sig_cols[k + 1] = outs
    return [(sig_cols[s][c], False) for s, c in net.output_taps]
