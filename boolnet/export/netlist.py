"""A threshold network as a netlist of 0/1 threshold gates, the common ground of Verilog and BLIF.

Logic tools see bits, so every signal becomes a bit: a 0/1 signal is itself, and a
+-1 signal (network inputs under the ``pm1`` encoding, outputs of sign units) is carried
as ``+1 -> 1, -1 -> 0``. A weight w on a +-1 signal s = 2x - 1 reads w*s = 2w*x - w, so
it folds exactly into integer weights on the bit x. A gate fires (outputs 1) when
``sum(w * x) + bias >= 0``; a sign unit's bit is 1 exactly when it outputs +1.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..errors import BoolnetError
from .names import identifiers, resolve_names

__all__ = ["Gate", "Netlist", "threshold_netlist"]


@dataclass
class Gate:
    """A 0/1 threshold gate: ``name = [sum(w * x) + bias >= 0]`` over the wires ``inputs``."""

    name: str
    inputs: list[str]
    weights: list[int]
    bias: int
    activation: str  # the unit's activation in the network (step or sign), for comments

    def fires(self, bits) -> bool:
        """The gate's bit for fan-in bits in ``inputs`` order (sequence of 0/1 -> bool)."""
        return sum(w * int(b) for w, b in zip(self.weights, bits)) + self.bias >= 0


@dataclass
class Netlist:
    """Named input ports, gates in topological order (the last ones named by their output port)."""

    inputs: list[str]
    gates: list[Gate]
    outputs: list[str]
    input_names: list[str]  # the names as the function gives them (ports may be sanitised)
    output_names: list[str]
    encoding: str


def _integer(a: np.ndarray, where: str) -> np.ndarray:
    if np.issubdtype(a.dtype, np.integer):
        return a.astype(np.int64)
    if np.all(np.isfinite(a)) and np.all(a == np.round(a)) and np.all(np.abs(a) < 2 ** 53):
        return a.astype(np.int64)  # float weights that happen to be whole numbers
    raise BoolnetError(f"{where} has non-integer weights; netlists need integer weights "
                       f"(round or rescale them, e.g. after boolnet.nn.harden)")


def _folded(net, i: int, widths: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Layer i's integer (W, b) acting on bits, with +-1 signals folded in.

    The gain is left out: the network refuses a threshold unit with gain <= 0, and
    f(g z) = f(z) for g > 0.
    """
    layer = net.layers[i]
    if layer.activation not in ("step", "sign"):
        raise BoolnetError(f"layer {i} has {layer.activation} units; netlists need step or sign "
                           f"units (harden a trained network first with boolnet.nn.harden)")
    if not layer.gain > 0:  # (a layer changed after the network checked it)
        raise BoolnetError(f"layer {i}: gain {layer.gain} on threshold units; expected > 0")
    W = _integer(layer.W, f"layer {i}").copy()
    b = _integer(layer.b, f"layer {i}").copy()
    off = 0
    for s in layer.sources:
        width = widths[s]
        pm1 = (net.encoding == "pm1") if s == 0 else net.layers[s - 1].activation == "sign"
        if pm1:
            cols = W[:, off:off + width]
            b -= cols.sum(axis=1)
            W[:, off:off + width] = 2 * cols
        off += width
    return W, b


def _blif_names(names, taken=()) -> list[str]:
    """BLIF names: anything without white space, '#' or '\\', kept as given where possible."""
    used, out = set(taken), []
    for name in names:
        s = re.sub(r"[\s#\\]", "_", str(name)) or "_"  # space, comment, line continuation
        while s in used:
            s += "_"
        used.add(s)
        out.append(s)
    return out


def threshold_netlist(net, names=None, style: str = "verilog") -> Netlist:
    """The gates of a step/sign network with integer weights; BoolnetError otherwise (-> Netlist).

    ``style`` 'verilog' makes every name a plain identifier; 'blif' keeps names such as
    ``a[0]`` that BLIF allows.

    >>> from boolnet.nn import Layer, Network
    >>> net = Network(2, [Layer([[1, 1]], [-2])], meta={"output_names": ["y[0]"]})
    >>> nl = threshold_netlist(net)
    >>> nl.inputs, nl.outputs, nl.gates[0].weights, nl.gates[0].bias
    (['x1', 'x2'], ['y_0_'], [1, 1], -2)
    >>> threshold_netlist(net, style="blif").outputs
    ['y[0]']
    """
    in_names, out_names = resolve_names(net, names)
    if style not in ("verilog", "blif"):
        raise ValueError(f"style must be 'verilog' or 'blif', got {style!r}")
    ident = identifiers if style == "verilog" else _blif_names
    ports = ident(in_names + out_names)
    in_ports, out_ports = ports[:net.n_inputs], ports[net.n_inputs:]
    widths = net.widths
    # A unit that is an output is named by its output port; the others are u<layer>_<unit>.
    # A unit that several outputs read drives the first port, and a buffer gate each other.
    taps = net.output_taps
    port_of: dict[tuple[int, int], str] = {}
    buffers = []
    for tap, port in zip(taps, out_ports):
        if tap in port_of:
            buffers.append((port, tap))
        else:
            port_of[tap] = port
    hidden = iter(ident([f"u{i + 1}_{j + 1}" for i in range(len(net.layers))
                         for j in range(widths[i + 1]) if (i + 1, j) not in port_of], taken=ports))
    internal = [[port_of[(i + 1, j)] if (i + 1, j) in port_of else next(hidden)
                 for j in range(widths[i + 1])] for i in range(len(net.layers))]
    signals = [in_ports] + internal
    gates = []
    for i, layer in enumerate(net.layers):
        W, b = _folded(net, i, widths)
        fanin = [w for s in layer.sources for w in signals[s]]
        for j in range(layer.n_out):
            keep = np.flatnonzero(W[j])
            gates.append(Gate(internal[i][j], [fanin[c] for c in keep],
                              [int(W[j, c]) for c in keep], int(b[j]), layer.activation))
    for port, tap in buffers:  # [x - 1 >= 0] = x on bits
        gates.append(Gate(port, [port_of[tap]], [1], -1, net.layers[tap[0] - 1].activation))
    outputs = list(out_ports)
    return Netlist(in_ports, gates, outputs, in_names, out_names, net.encoding or "01")
