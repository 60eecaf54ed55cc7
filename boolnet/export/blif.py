"""BLIF: each threshold unit as a ``.names`` cover of its ON set, and a small reader to check it.

The cover of each gate is its unique minimal sum of products (see ``primes``), so logic
tools (ABC, SIS, Yosys) get no redundant cubes. ``parse_blif`` reads the combinational
subset written here (``.model .inputs .outputs .names .end``) back into a truth table.
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import ParseError, check_dense
from ..function import BooleanFunction
from .netlist import threshold_netlist
from .primes import threshold_cubes

__all__ = ["to_blif", "parse_blif"]


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


def _logical_lines(text: str, source: str):
    """(line number, tokens) of each logical line: comments dropped, '\\' continuations joined."""
    pending, start = [], None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if start is None:
            start = no
        cont = line.endswith("\\")
        pending += (line[:-1] if cont else line).split()
        if cont:
            continue
        if pending:
            yield start, pending
        pending, start = [], None
    if pending:
        yield start, pending


def parse_blif(text: str, source: str = "<blif>") -> BooleanFunction:
    """The truth table of a combinational BLIF model (``.names`` only) (str -> BooleanFunction).

    >>> f = parse_blif(".model m\\n.inputs a b\\n.outputs y\\n.names a b y\\n1- 1\\n-1 1\\n.end\\n")
    >>> f.minterms().tolist(), f.input_names
    ([1, 2, 3], ('a', 'b'))
    """
    inputs: list[str] = []
    outputs: list[str] = []
    tables: dict[str, tuple[list[str], list[tuple[str, str]], int]] = {}
    current = None
    for no, tok in _logical_lines(text, source):
        head = tok[0]
        if head.startswith("."):
            current = None
            if head == ".model":
                continue
            if head == ".inputs":
                inputs += tok[1:]
            elif head == ".outputs":
                outputs += tok[1:]
            elif head == ".names":
                if len(tok) < 2:
                    raise ParseError(".names needs at least an output signal", source, no)
                out = tok[-1]
                if out in tables:
                    raise ParseError(f"signal {out!r} is defined twice", source, no)
                current = out
                tables[out] = (tok[1:-1], [], no)
            elif head == ".end":
                break
            else:
                raise ParseError(f"unsupported BLIF construct {head} (only combinational "
                                 f".names models are read)", source, no)
            continue
        if current is None:
            raise ParseError(f"a cube line outside .names: {' '.join(tok)}", source, no)
        fanin = tables[current][0]
        cube, val = (tok + [""])[:2] if fanin else ("", tok[0])
        if len(tok) != (2 if fanin else 1) or len(cube) != len(fanin) or val not in "01" \
                or not set(cube) <= set("01-"):
            raise ParseError(f"expected a cube of {len(fanin)} characters from 0 1 - and an output "
                             f"0 or 1, got {' '.join(tok)!r}", source, no)
        tables[current][1].append((cube, val))
    return _evaluate(inputs, outputs, tables, source)


def _evaluate(inputs, outputs, tables, source) -> BooleanFunction:
    n = len(inputs)
    check_dense(n, what="BLIF truth table")
    rows = np.arange(1 << n)
    values = {name: ((rows >> (n - 1 - i)) & 1).astype(bool) for i, name in enumerate(inputs)}
    visiting: set[str] = set()

    def value(sig: str) -> np.ndarray:
        if sig in values:
            return values[sig]
        if sig not in tables:
            raise ParseError(f"signal {sig!r} is used but never defined", source)
        if sig in visiting:
            raise ParseError(f"signal {sig!r} depends on itself (a combinational loop)", source)
        visiting.add(sig)
        fanin, cubes, _ = tables[sig]
        cols = [value(s) for s in fanin]
        hit = np.zeros(len(rows), bool)
        for cube, _val in cubes:
            term = np.ones(len(rows), bool)
            for ch, col in zip(cube, cols):
                if ch != "-":
                    term &= col if ch == "1" else ~col
            hit |= term
        # A table of 0-rows lists the OFF set: the signal is 1 where no cube matches.
        out = ~hit if cubes and cubes[0][1] == "0" else hit
        visiting.discard(sig)
        values[sig] = out
        return out

    table = np.stack([value(o) for o in outputs], axis=1).astype(np.int8) if outputs \
        else np.zeros((len(rows), 0), np.int8)
    return BooleanFunction.from_array(table, input_names=inputs, output_names=outputs)
