"""Layer and Network: one feed-forward type for compiled threshold nets and trained MLPs.

Signals are numbered: signal 0 is the network input, signal k (k >= 1) is the output of
``layers[k-1]``. A layer's ``sources`` lists the signals it reads; its input is their
concatenation in that order (so ``W`` has ``sum(width(s) for s in sources)`` columns).
By default a layer reads the previous signal, i.e. ``layers[i].sources == [i]``. Listing
earlier signals gives skip connections. The network's outputs are the last layer's units,
or, when ``outputs`` lists them, any units ``(signal, column)`` of any layer: an output
another output reads (eq = [-lt - gt >= 0] over the outputs lt and gt) is then not copied
into the last layer.

What every evaluator agrees on (forward, bit-sliced, int64/float, ONNX, Verilog, BLIF,
verify), and what a Layer therefore refuses at construction:

* Weights, biases and gains are finite: NaN compares false everywhere, so a NaN unit
  would be 0 in one evaluator and 1 in another.
* A step or sign unit computes ``f(gain * z)`` with ``gain > 0``, which is ``f(z)``: the
  gain steepens soft units during training and has no effect on a threshold. A gain
  <= 0 on a threshold unit is refused (0 makes every unit fire, < 0 flips it; write the
  flipped weights instead). Soft units (sigmoid, tanh, relu, linear, softmax) take any
  finite gain; they are computed in floating point and evaluators agree on them only to
  rounding, so they are never verified or written as logic.
* Integer layers are computed exactly in int64: every unit's ``sum |w| + |b|`` (its
  largest sum on signals in [-1, 1]) must be below 2^63, and in a network also once +-1
  signals are rewritten as bits (``w s = 2 w x - w``: a weight on a +-1 signal counts 3
  times), so the netlists and the 0/1 form of a pm1 network stay in int64 too.
* A threshold unit decides on the exact value of ``w.x + b`` (the stored float64 or
  int64 numbers, as real numbers), not on a rounded one. Where a float pass could round
  (float weights on a fine grid, int64 sums past 2^53 run in floats, soft inputs), the
  forward pass bounds the rounding error and recomputes the few sums within it of 0
  exactly (``Workspace.settle``); float weights like 0.1 + 0.2 - 0.30000000000000004
  then read < 0, as they are.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import BoolnetError
from .activations import get_activation

__all__ = ["Layer", "Network", "Workspace", "NetworkError", "MAX_INT_SUM", "THRESHOLD", "exact_bits"]

ENCODINGS = (None, "01", "pm1")
#: Activations whose output is a decision (the gain does not change it).
THRESHOLD = ("step", "sign")
#: Activations that map integers to integers (sigmoid, tanh and softmax need floats).
INTEGER_CLOSED = ("step", "sign", "relu", "linear")
#: Bound on ``sum |w| + |b|`` of an integer unit (weights on +-1 signals 3 times in a network).
MAX_INT_SUM = 2 ** 63


class NetworkError(BoolnetError):
    """A network that breaks a rule every evaluator relies on (see the module docstring)."""


def exact_bits(W: np.ndarray, b: np.ndarray) -> int:
    """Mantissa bits a float type needs to sum ``W x + b`` exactly in any order, x in {-1, 0, 1} (-> int).

    Every float is an integer times a power of two; on the grid of the finest of them
    (2^e) each partial sum is an integer below bound / 2^e, exact in any float type whose
    mantissa holds that many bits (24 for float32, 53 for float64).

    >>> exact_bits(np.array([[0.5, 0.25]]), np.array([-0.75])), exact_bits(np.array([[0.1]]), np.zeros(1))
    (3, 52)
    >>> exact_bits(np.array([[1.0, 2.0 ** -60]]), np.zeros(1))  # float64 would round 1 + 2^-60
    61
    """
    vals = np.concatenate([np.ravel(W), np.ravel(b)]).astype(np.float64)
    vals = vals[vals != 0]
    if vals.size == 0:
        return 0
    mant, expo = np.frexp(np.abs(vals))  # |v| = mant * 2^expo, mant in [0.5, 1)
    ints = (mant * 2.0 ** 53).astype(np.int64)  # |v| = ints * 2^(expo - 53), exactly
    low = expo - 53 + np.log2((ints & -ints).astype(np.float64)).astype(np.int64)  # lowest set bit
    grid = int(low.min())
    bound = np.abs(W.astype(np.float64)).sum(axis=1) + np.abs(b.astype(np.float64))
    top = float(bound.max()) if bound.size else 0.0
    return max(1, math.frexp(top)[1] - grid) if top else 0


def _int_sum_bound(W: np.ndarray, b: np.ndarray, factor: np.ndarray | None = None) -> int:
    """Largest sum factor * |w| + |b| over the units of an integer layer, exactly (-> int)."""
    if W.shape[0] == 0:
        return 0
    f = 1 if factor is None else factor
    rough = (np.abs(W.astype(np.float64)) * f).sum(axis=1) + np.abs(b.astype(np.float64))
    if float(rough.max()) < 2.0 ** 60:
        return int(rough.max())  # far below the limit: the float sum will do
    f = 1 if factor is None else factor.astype(object)
    exact = (np.abs(W.astype(object)) * f).sum(axis=1) + np.abs(b.astype(object))
    return int(max(exact))


def _too_large(where: str, bound: int, folded: bool) -> NetworkError:
    how = " (weights on +-1 signals counted 3 times, for their rewriting as bits)" if folded else ""
    return NetworkError(f"{where}: a unit's |weights| + |bias|{how} reaches {bound} "
                        f"(~2^{bound.bit_length() - 1}); integer networks are evaluated exactly in "
                        f"int64, which needs it below 2^63")


def _as_weights(a, name: str) -> np.ndarray:
    a = np.asarray(a)
    if a.dtype == bool or np.issubdtype(a.dtype, np.integer):
        return a.astype(np.int64)  # compiled nets: exact integers
    if np.issubdtype(a.dtype, np.floating):
        return a if a.dtype in (np.float32, np.float64) else a.astype(np.float64)
    raise TypeError(f"{name} must be numeric, got dtype {a.dtype}")


@dataclass(eq=False)
class Layer:
    """Units y = f(gain * (x @ W.T + b)) reading the concatenation of signals ``sources``."""

    W: np.ndarray
    b: np.ndarray | None = None
    activation: str = "step"
    sources: list[int] | None = None  # None: the previous signal (filled in by Network)
    gain: float = 1.0  # steepness multiplier on the pre-activation (for hardening schedules)

    def __post_init__(self):
        self.W = _as_weights(self.W, "W")
        if self.W.ndim != 2:
            raise ValueError(f"W must be 2-D (out x in), got shape {self.W.shape}")
        self.b = np.zeros(self.W.shape[0], self.W.dtype) if self.b is None else _as_weights(self.b, "b")
        if self.b.shape != (self.W.shape[0],):
            raise ValueError(f"b must have shape ({self.W.shape[0]},), got {self.b.shape}")
        if self.b.dtype != self.W.dtype:  # one dtype per layer; floats win
            dt = np.result_type(self.W, self.b)
            self.W, self.b = self.W.astype(dt), self.b.astype(dt)
        get_activation(self.activation)  # fail early on a bad name
        if self.sources is not None:
            self.sources = [int(s) for s in self.sources]
        self.gain = float(self.gain)
        self.validate()

    def validate(self, where: str = "layer") -> None:
        """Refuse what evaluators would disagree on: NaN/Inf, gain <= 0 on a threshold, int64 overflow."""
        if not np.isfinite(self.gain):
            raise NetworkError(f"{where}: gain {self.gain} is not a finite number")
        if self.activation in THRESHOLD and self.gain <= 0:
            raise NetworkError(f"{where}: gain {self.gain:g} on {self.activation} units; a threshold "
                               f"unit needs gain > 0 (it does not change the unit), so write the "
                               f"weights it stands for instead")
        if self.is_integer:
            bound = _int_sum_bound(self.W, self.b)
            if bound >= MAX_INT_SUM:
                raise _too_large(where, bound, False)
        else:
            for name, a in (("weights", self.W), ("bias", self.b)):
                if not np.all(np.isfinite(a)):
                    raise NetworkError(f"{where}: the {name} hold NaN or infinity")

    @property
    def n_out(self) -> int:
        """Number of units (int)."""
        return self.W.shape[0]

    @property
    def n_in(self) -> int:
        """Width of the concatenated input (int)."""
        return self.W.shape[1]

    @property
    def is_integer(self) -> bool:
        """True when W and b hold exact integers (bool)."""
        return np.issubdtype(self.W.dtype, np.integer)

    def copy(self) -> "Layer":
        """A deep copy (-> Layer)."""
        return Layer(self.W.copy(), self.b.copy(), self.activation,
                     None if self.sources is None else list(self.sources), self.gain)


class Network:
    """An ordered list of layers over ``n_inputs`` inputs; outputs are the last layer's or ``outputs``."""

    def __init__(self, n_inputs: int, layers: Sequence[Layer], encoding: str | None = None,
                 meta: dict[str, Any] | None = None,
                 outputs: Sequence[tuple[int, int]] | None = None):
        if encoding not in ENCODINGS:
            raise ValueError(f"encoding must be '01', 'pm1' or None, got {encoding!r}")
        self.n_inputs = int(n_inputs)
        self.layers = list(layers)
        self.encoding = encoding
        self.meta = dict(meta or {})
        # None: every unit of the last layer, in order. Otherwise (signal >= 1, column) per
        # output, units of any layer (see the module docstring).
        self.outputs = None if outputs is None else [(int(s), int(c)) for s, c in outputs]
        if not self.layers:
            raise ValueError("a network needs at least one layer")
        for i, layer in enumerate(self.layers):
            if layer.sources is None:
                layer.sources = [i]
            layer.validate(f"layer {i}")  # layers are mutable: check them as they are now
        self._check()
        if self.outputs == [(len(self.layers), c) for c in range(self.layers[-1].n_out)]:
            self.outputs = None  # one spelling of "the last layer's units"
        self._check_folded()

    def _check_folded(self) -> None:
        """Integer sums stay in int64 once +-1 signals are rewritten as bits (see the module doc)."""
        for i, layer in enumerate(self.layers):
            if not layer.is_integer:
                continue
            pm1 = [(self.encoding == "pm1") if s == 0 else self.layers[s - 1].activation == "sign"
                   for s in layer.sources]
            if not any(pm1):
                continue  # (the plain bound, already checked)
            factor = np.concatenate([np.full(self._widths[s], 3 if f else 1)
                                     for s, f in zip(layer.sources, pm1)])
            bound = _int_sum_bound(layer.W, layer.b, factor)
            if bound >= MAX_INT_SUM:
                raise _too_large(f"layer {i}", bound, True)

    # ----------------------------------------------------------------- structure
    def _check(self):
        widths = [self.n_inputs]
        for i, layer in enumerate(self.layers):
            if not layer.sources:
                raise ValueError(f"layer {i} reads no sources")
            for s in layer.sources:
                if not 0 <= s <= i:
                    raise ValueError(f"layer {i} reads signal {s}; it may read signals 0..{i} "
                                     f"(0 = inputs, k = output of layer k-1)")
            need = sum(widths[s] for s in layer.sources)
            if layer.n_in != need:
                raise ValueError(f"layer {i}: W has {layer.n_in} columns but its sources "
                                 f"{layer.sources} have width {need}")
            widths.append(layer.n_out)
        self._widths = widths
        if self.outputs is not None:
            L = len(self.layers)
            if not self.outputs:
                raise ValueError("outputs lists no unit")
            for s, c in self.outputs:
                if not 1 <= s <= L or not 0 <= c < widths[s]:
                    raise ValueError(f"output ({s}, {c}) is no unit: signals 1..{L} are layers "
                                     f"0..{L - 1}, and signal {s} has {widths[s] if 0 <= s <= L else 0} units")
                if self.layers[s - 1].activation != self.layers[-1].activation:
                    raise ValueError(f"output ({s}, {c}) is a {self.layers[s - 1].activation} unit; "
                                     f"every output must be a {self.layers[-1].activation} unit like "
                                     f"the last layer's, so that one rule reads them")
            if all(s != L for s, _ in self.outputs):
                raise ValueError("no output reads the last layer, whose units would be dead")

    @property
    def widths(self) -> list[int]:
        """Width of every signal: [n_inputs, layer 0 units, layer 1 units, ...] (list[int])."""
        self._check()  # layers are mutable; recompute
        return list(self._widths)

    @property
    def n_outputs(self) -> int:
        """Number of output units (int)."""
        return self.layers[-1].n_out if self.outputs is None else len(self.outputs)

    @property
    def output_taps(self) -> list[tuple[int, int]]:
        """The units that are outputs, as (signal, column) pairs in output order (list)."""
        if self.outputs is None:
            return [(len(self.layers), c) for c in range(self.layers[-1].n_out)]
        return list(self.outputs)

    @property
    def taps_last_layer(self) -> bool:
        """True when the outputs are the last layer's units in order (bool)."""
        return self.outputs is None  # (the constructor spells that case None)

    def gather(self, signals: Sequence[np.ndarray]) -> np.ndarray:
        """The output columns of per-signal arrays [inputs, layer 0, ...] (-> array (rows, n_outputs)).

        Works on any arrays indexed (row, unit) per signal: values, bit-sliced words, literals.
        """
        if self.taps_last_layer:
            return signals[len(self.layers)]
        return np.stack([signals[s][:, c] for s, c in self.outputs], axis=1)

    @property
    def is_integer(self) -> bool:
        """True when every layer has integer weights (bool)."""
        return all(layer.is_integer for layer in self.layers)

    @property
    def is_threshold(self) -> bool:
        """True when every unit is a step or sign unit (bool)."""
        return all(layer.activation in ("step", "sign") for layer in self.layers)

    def n_parameters(self) -> int:
        """Dense count of weights plus biases (int)."""
        return sum(layer.W.size + layer.b.size for layer in self.layers)

    def copy(self) -> "Network":
        """A deep copy (-> Network)."""
        return Network(self.n_inputs, [layer.copy() for layer in self.layers], self.encoding,
                       _deepcopy(self.meta), self.outputs)

    def __repr__(self) -> str:
        parts = [str(self.n_inputs)]
        for i, layer in enumerate(self.layers):
            text = f"{layer.n_out} {layer.activation}"
            if layer.sources != [i]:
                text += " [skip]"
            parts.append(text)
        enc = f", {self.encoding}" if self.encoding else ""
        outs = "" if self.taps_last_layer else f", outputs {self.outputs}"
        return f"Network({' -> '.join(parts)}{enc}{outs})"

    def _repr_svg_(self) -> str:
        """Jupyter's view: the network drawn as SVG (units, thresholds, signed weights)."""
        from ..display import network_svg
        return network_svg(self)

    def describe(self) -> str:
        """One line per layer: units, activation, sources, dtype (-> str)."""
        lines = [repr(self)]
        for i, layer in enumerate(self.layers):
            src = ", ".join("inputs" if s == 0 else f"layer {s - 1}" for s in layer.sources)
            lines.append(f"  layer {i}: {layer.n_out} {layer.activation} units reading [{src}], "
                         f"W {layer.W.shape} {layer.W.dtype}" + (f", gain {layer.gain:g}" if layer.gain != 1 else ""))
        if not self.taps_last_layer:
            lines.append("  outputs: " + ", ".join(f"layer {s - 1} unit {c}" for s, c in self.outputs))
        return "\n".join(lines)

    @classmethod
    def mlp(cls, sizes: Sequence[int], hidden: str = "tanh", output: str = "sigmoid",
            init: str = "xavier", seed: int | None = 0, encoding: str | None = None) -> "Network":
        """A fully connected float network with layer sizes [n_in, h1, ..., n_out] (-> Network)."""
        from .init import init_layer

        rng = np.random.default_rng(seed)
        layers = []
        for i in range(1, len(sizes)):
            act = output if i == len(sizes) - 1 else hidden
            W, b = init_layer(sizes[i], sizes[i - 1], init, rng)
            layers.append(Layer(W, b, act))
        return cls(sizes[0], layers, encoding=encoding)

    # ------------------------------------------------------------------ forward
    def _exact_ints(self) -> bool:
        """True when the forward pass can run in int64: integer weights, integer-valued units."""
        return self.is_integer and all(
            layer.activation in THRESHOLD or (layer.activation in INTEGER_CLOSED and layer.gain == 1.0)
            for layer in self.layers)

    def _dtype_for(self, X: np.ndarray) -> np.dtype:
        if self._exact_ints() and (X.dtype == bool or np.issubdtype(X.dtype, np.integer)):
            return np.dtype(np.int64)  # integer nets on integer inputs stay exact
        dts = [layer.W.dtype for layer in self.layers if not layer.is_integer]
        if np.issubdtype(X.dtype, np.floating):
            dts.append(X.dtype)
        return np.result_type(*dts) if dts else np.dtype(np.float64)

    def forward(self, X) -> np.ndarray:
        """Outputs for a batch X of shape (rows, n_inputs) (-> array (rows, n_outputs))."""
        return self.gather(self.forward_all(X))

    __call__ = forward

    def forward_all(self, X) -> list[np.ndarray]:
        """Every signal for batch X: [X, layer 0 output, ...] (-> list of arrays)."""
        X = np.asarray(X)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.n_inputs:
            raise ValueError(f"expected {self.n_inputs} input columns, got shape {X.shape}")
        if (np.issubdtype(X.dtype, np.floating) and self._exact_ints() and X.size
                and np.all(np.abs(X) <= 1) and np.all(X == np.round(X))):
            # 0/1 or +-1 rows given as floats: run in int64, where integer sums stay exact
            # (float64 is not, past 2^53), and hand back floats as the caller gave.
            ws = self.workspace(X.shape[0], np.int64)
            self.run(ws, X.astype(np.int64))
            return [a.astype(X.dtype) for a in ws.a]
        ws = self.workspace(X.shape[0], self._dtype_for(X))
        self.run(ws, X)
        return [a.copy() for a in ws.a]

    def workspace(self, rows: int, dtype=np.float64) -> "Workspace":
        """Preallocated buffers for forward/backward on ``rows`` rows (-> Workspace)."""
        return Workspace(self, rows, dtype)

    def run(self, ws: "Workspace", X: np.ndarray) -> np.ndarray:
        """Forward pass into the workspace's buffers; returns the outputs (the last buffer, no copy, when they are the last layer)."""
        a = ws.a
        if X.dtype == ws.dtype:
            a[0] = X
        else:
            a[0] = X.astype(ws.dtype)
        for i, layer in enumerate(self.layers):
            x = ws.xin[i]
            if x is None:
                x = a[layer.sources[0]]
            else:  # skip connection: concatenate the sources into one buffer
                off = 0
                for s in layer.sources:
                    w = a[s].shape[1]
                    x[:, off:off + w] = a[s]
                    off += w
            z = ws.z[i]
            np.matmul(x, ws.Wt[i] if ws.Wt[i] is not None else layer.W.T, out=z)
            z += layer.b if ws.bt[i] is None else ws.bt[i]
            settle = ws.settle[i]
            if settle is not None and (settle[3] or (0 in layer.sources and not ws.exact_inputs(X))):
                _settle(z, x, layer, settle)
            if layer.gain != 1.0 and layer.activation not in THRESHOLD:
                # (gain > 0 never changes a threshold, and multiplying could round a tiny
                # negative sum to -0.0, which a step unit reads as >= 0)
                z *= layer.gain
            ws.act[i].forward(z, out=a[i + 1])
        return self.gather(a)

    # ----------------------------------------------------------------- backward
    def new_grads(self, dtype=np.float64) -> list[tuple[np.ndarray, np.ndarray]]:
        """Zeroed gradient arrays [(dW, db) per layer] (-> list of pairs)."""
        return [(np.zeros(layer.W.shape, dtype), np.zeros(layer.b.shape, dtype)) for layer in self.layers]

    def backward(self, ws: "Workspace", delta: np.ndarray, grads=None, l2: float = 0.0):
        """Backprop from delta = dL/dz of the output layer after ``run``; fills grads (-> grads).

        Uses delta^[l-1] = f'(z^[l-1]) * (W^[l]^T delta^[l]); a signal read by several later
        layers sums the contributions of each. ``l2`` adds l2 * W to each dW (loss + l2/2 |W|^2).
        """
        if grads is None:
            grads = self.new_grads(ws.dtype)
        L = len(self.layers)
        dzs, gas, gxs = ws.dz, ws.ga, ws.gx  # (properties: fetch once, not per layer)
        for i in range(L - 1, -1, -1):
            layer = self.layers[i]
            dz = dzs[i]
            if i == L - 1:
                if delta is not dz:
                    dz[...] = delta
            elif ws.reached[i + 1]:
                ws.act[i].backward(ws.z[i], ws.a[i + 1], gas[i + 1], out=dz)
            else:  # nothing downstream reads this layer: its gradient is zero
                dz[...] = 0
            if layer.gain != 1.0:
                dz *= layer.gain
            x = ws.xin[i] if ws.xin[i] is not None else ws.a[layer.sources[0]]
            dW, db = grads[i]
            np.matmul(dz.T, x, out=dW)
            np.add.reduce(dz, axis=0, out=db)  # np.sum's Python wrapper costs more than the sum here
            if l2:
                dW += l2 * layer.W
            plan = ws.plan[i]
            if not plan:
                continue  # reads only the inputs: no delta to pass back
            if len(layer.sources) == 1:
                s, _, assign = plan[0]
                if assign:
                    np.matmul(dz, layer.W, out=gas[s])
                else:
                    gas[s] += dz @ layer.W
            else:
                gx = np.matmul(dz, layer.W, out=gxs[i])
                for s, cols, assign in plan:
                    if assign:
                        gas[s][...] = gx[:, cols]
                    else:
                        gas[s] += gx[:, cols]
        return grads

    # ---------------------------------------------------------- flat parameters
    def bind_flat(self, dtype=np.float64):
        """Move all W, b into one flat float buffer (layers keep views) -> (theta, gtheta, grads).

        One buffer lets an optimiser update every parameter in a handful of NumPy calls.
        """
        sizes = [(layer.W.size, layer.b.size) for layer in self.layers]
        total = sum(a + b for a, b in sizes)
        theta = np.empty(total, dtype)
        gtheta = np.zeros(total, dtype)
        grads = []
        off = 0
        for layer in self.layers:
            nw, nb = layer.W.size, layer.b.size
            W = theta[off:off + nw].reshape(layer.W.shape)
            W[...] = layer.W
            b = theta[off + nw:off + nw + nb]
            b[...] = layer.b
            layer.W, layer.b = W, b
            grads.append((gtheta[off:off + nw].reshape(W.shape), gtheta[off + nw:off + nw + nb]))
            off += nw + nb
        return theta, gtheta, grads


class Workspace:
    """Buffers for one batch size and dtype: signals a, pre-activations z, deltas dz, ga."""

    def __init__(self, net: Network, rows: int, dtype=np.float64):
        self.dtype = dt = np.dtype(dtype)
        self.rows = rows
        widths = net.widths
        L = len(net.layers)
        self.act = [get_activation(layer.activation) for layer in net.layers]
        self.a = [np.empty((rows, w), dt) for w in widths]
        self.z = [np.empty((rows, layer.n_out), dt) for layer in net.layers]
        self.xin = [np.empty((rows, layer.n_in), dt) if len(layer.sources) > 1 else None
                    for layer in net.layers]
        # W.T in the workspace dtype only when the layer dtype differs (e.g. int net on floats).
        self.Wt = [None if layer.W.dtype == dt else layer.W.T.astype(dt) for layer in net.layers]
        self.bt = [None if layer.b.dtype == dt else layer.b.astype(dt) for layer in net.layers]
        self._net, self._widths = net, widths
        # Threshold layers a float pass could round (see the module docstring): the |W|, |b|
        # and error factor of the bound, and whether it is needed whatever the inputs are.
        mant = {np.dtype(np.float32): 24, np.dtype(np.float64): 53}.get(dt)
        self.settle = []
        for layer in net.layers:
            entry = None
            if mant is not None and layer.activation in THRESHOLD:
                soft = any(s > 0 and net.layers[s - 1].activation not in THRESHOLD
                           for s in layer.sources)
                rounds = soft or exact_bits(layer.W, layer.b) > mant
                if rounds or 0 in layer.sources:
                    # |fl(w.x + b) - (w.x + b)| <= gamma_(k+2) sum |w x| + |b| in any order;
                    # the factor 2 covers the weights' own rounding into this dtype.
                    gamma = 2.0 * (layer.n_in + 3) * 2.0 ** -mant
                    entry = (np.abs(layer.W).T.astype(dt), np.abs(layer.b).astype(dt), gamma, rounds)
            self.settle.append(entry)
        self._dz = None  # backward buffers are made on first use: evaluation never needs them
        # Backward plan: walking layers in reverse, the first to reach a signal assigns its
        # gradient, later ones add to it (a signal read by several layers accumulates).
        self.reached = [False] * (L + 1)
        self.plan = []
        for i in range(L - 1, -1, -1):
            off, entries = 0, []
            for s in net.layers[i].sources:
                w = widths[s]
                if s > 0:
                    entries.append((s, slice(off, off + w), not self.reached[s]))
                    self.reached[s] = True
                off += w
            self.plan.append(entries)
        self.plan.reverse()

    @staticmethod
    def exact_inputs(X: np.ndarray) -> bool:
        """True when every input is -1, 0 or 1 (then unit sums on exact weights cannot round)."""
        return bool(np.all((X == 0) | (np.abs(X) == 1)))  # (each batch: buffers get refilled)

    def _backward_buffers(self):
        net, rows, dt = self._net, self.rows, self.dtype
        self._dz = [np.empty((rows, layer.n_out), dt) for layer in net.layers]
        self._gx = [np.empty((rows, layer.n_in), dt) if len(layer.sources) > 1 else None
                    for layer in net.layers]
        self._ga = [None] + [np.empty((rows, w), dt) for w in self._widths[1:]]

    @property
    def dz(self) -> list:
        """dL/dz buffers per layer (made on first use)."""
        if self._dz is None:
            self._backward_buffers()
        return self._dz

    @property
    def gx(self) -> list:
        """dL/d(concatenated input) buffers for multi-source layers."""
        if self._dz is None:
            self._backward_buffers()
        return self._gx

    @property
    def ga(self) -> list:
        """dL/d(signal) accumulators, one per signal (None for the inputs)."""
        if self._dz is None:
            self._backward_buffers()
        return self._ga


def _settle(z: np.ndarray, x: np.ndarray, layer: Layer, settle) -> None:
    """Recompute exactly the sums of a threshold layer that lie within rounding error of 0."""
    Wabs_t, babs, gamma, _ = settle
    err = np.abs(x) @ Wabs_t
    err += babs
    err *= gamma
    near = np.argwhere(np.abs(z) <= err)
    if len(near) == 0:
        return
    num = int if layer.is_integer else float
    for r, u in near:
        total = Fraction(num(layer.b[u]))
        for w, v in zip(layer.W[u].tolist(), x[r].tolist()):
            if w and v:
                total += Fraction(num(w)) * Fraction(v)
        z[r, u] = (total > 0) - (total < 0)  # only the sign matters to a threshold unit


def _deepcopy(obj):
    import copy

    return copy.deepcopy(obj)
