"""The network as a networkx DiGraph: named inputs, units, named outputs, weighted edges.

Shared by the DOT writer and the drawings. Node ids are ``i1..in`` (inputs), ``u<k>_<j>``
(unit j of layer k, 1-based) and ``o1..om`` (outputs); every node has ``kind``,
``column`` (0 for inputs, k for layer k, L+1 for outputs) and ``label``; units also carry
``activation`` and ``bias``; edges carry ``weight`` (None on the unit-to-output edges) and
``skip`` (it jumps over at least one column). Zero weights are no connection.
"""
from __future__ import annotations

import networkx as nx
import numpy as np

from .names import resolve_names

__all__ = ["network_graph", "unit_label", "format_number"]


def format_number(v) -> str:
    """A weight or bias as short text: integers exactly, floats to 3 significant digits (-> str).

    >>> format_number(3), format_number(-2.0), format_number(0.123456), format_number(-1e-5)
    ('3', '-2', '0.123', '-1e-05')
    """
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.3g}"


def unit_label(activation: str, bias, integer: bool) -> str:
    """What a unit shows: its threshold for step/sign units, else activation and bias (-> str).

    A step unit fires when w.x + b >= 0, i.e. when w.x >= -b: the threshold is -b.

    >>> unit_label("step", -2, True), unit_label("sign", 1, True), unit_label("tanh", 0.5, False)
    ('≥2', '±\\n≥-1', 'tanh\\nb=0.5')
    """
    if activation in ("step", "sign"):
        theta = "≥" + format_number(-bias if integer else -float(bias))
        return theta if activation == "step" else "±\n" + theta
    return f"{activation}\nb={format_number(bias)}"


def network_graph(net, names=None) -> nx.DiGraph:
    """The network as a DiGraph with the attributes described in the module doc (-> nx.DiGraph).

    >>> from boolnet.nn import Layer, Network
    >>> g = network_graph(Network(2, [Layer([[1, 1]], [-2])]))
    >>> sorted(g.nodes), g.edges["i1", "u1_1"]["weight"], g.nodes["u1_1"]["label"]
    (['i1', 'i2', 'o1', 'u1_1'], 1, '≥2')
    """
    in_names, out_names = resolve_names(net, names)
    g = nx.DiGraph(encoding=net.encoding or "01", layers=len(net.layers))
    signal = [[f"i{i + 1}" for i in range(net.n_inputs)]]
    column = [0]
    for i, name in enumerate(in_names):
        g.add_node(signal[0][i], kind="input", column=0, label=name)
    for k, layer in enumerate(net.layers, 1):
        ids = [f"u{k}_{j + 1}" for j in range(layer.n_out)]
        for j, node in enumerate(ids):
            b = layer.b[j].item()
            g.add_node(node, kind="unit", column=k, activation=layer.activation, bias=b,
                       label=unit_label(layer.activation, b, layer.is_integer))
        src = [(node, column[s]) for s in layer.sources for node in signal[s]]
        for j, node in enumerate(ids):
            for c in np.flatnonzero(layer.W[j]):
                u, col = src[c]
                g.add_edge(u, node, weight=layer.W[j, c].item(), skip=k - col > 1)
        signal.append(ids)
        column.append(k)
    last = len(net.layers) + 1
    for j, name in enumerate(out_names):
        g.add_node(f"o{j + 1}", kind="output", column=last, label=name)
    for j, (sig, c) in enumerate(net.output_taps):  # (outputs may be units of any layer)
        g.add_edge(signal[sig][c], f"o{j + 1}", weight=None, skip=sig < len(net.layers))
    return g
