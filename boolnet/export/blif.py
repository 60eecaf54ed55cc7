"""BLIF: each threshold unit as a ``.names`` cover of its ON set.

The cover of each gate is its unique minimal sum of products (see ``primes``), so logic
tools (ABC, SIS, Yosys) get no redundant cubes. ``parse_blif`` reads it back into a truth
table: it is the reader of :mod:`boolnet.io.blif` (the one ``boolnet.read`` uses),
importable from here too.
"""
from __future__ import annotations

import re

from ..io.blif import parse_blif  # noqa: F401 - the reader, importable from here too
from .netlist import threshold_netlist
from .primes import threshold_cubes

__all__ = ["to_blif"]


def to_blif(net, names=None, model: str | None = None) -> str:
    """The network as a BLIF model, one ``.names`` table per unit (-> str).

    >>> from boolnet.nn import Layer, Network
    >>> print(to_blif(Network(2, [Layer([[1, 1]], [-2])]), model="and2"), end="")
    # boolnet threshold network: 2 inputs, 1 unit, encoding 01
    .model and2
    .inputs x1 x2
    .outputs f
    .names x1 x2 f
    11 1
    .end
    """
    nl = threshold_netlist(net, names, style="blif")
    name = re.sub(r"[\s#\\]", "_", model or str(net.meta.get("name", "boolnet"))) or "_"
    k, g = len(nl.inputs), len(nl.gates)
    lines = [f"# boolnet threshold network: {k} input{'' if k == 1 else 's'}, "
             f"{g} unit{'' if g == 1 else 's'}, encoding {nl.encoding}"]
    if nl.encoding == "pm1" or any(g.activation == "sign" for g in nl.gates):
        lines.append("# +-1 signals are carried as bits: +1 -> 1, -1 -> 0")
    lines += [f".model {name}", ".inputs " + " ".join(nl.inputs),
              ".outputs " + " ".join(nl.outputs)]
    for g in nl.gates:
        cubes = threshold_cubes(g.weights, g.bias)
        if not cubes or set(cubes[0]) <= {"-"}:
            # A constant: written without fan-in (ABC rejects an empty table over inputs).
            lines.append(f".names {g.name}")
            lines += ["1"] if cubes else []
            continue
        lines.append(".names " + " ".join(g.inputs + [g.name]))
        lines += [f"{cube} 1" for cube in cubes]
    lines.append(".end")
    return "\n".join(lines) + "\n"
