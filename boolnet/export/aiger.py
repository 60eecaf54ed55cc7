"""AIGER (``aag`` text or ``aig`` binary): the network as an and-inverter graph from prime covers.

Each threshold gate is its minimal sum of products (see ``primes``); a cube is a chain of
ANDs, and the OR of cubes is an AND of inverted cubes, inverted. Identical ANDs are shared.
"""
from __future__ import annotations

from .netlist import threshold_netlist
from .primes import threshold_cubes

__all__ = ["to_aiger", "to_aiger_binary"]


class _Aig:
    """AND nodes with structural hashing over AIGER literals (2*var, +1 when inverted)."""

    def __init__(self, n_inputs: int):
        self.next_var = n_inputs + 1
        self.ands: list[tuple[int, int, int]] = []
        self.seen: dict[tuple[int, int], int] = {}

    def and_(self, a: int, b: int) -> int:
        if a > b:
            a, b = b, a
        if a == 0 or a == b ^ 1:
            return 0  # x & 0, x & ~x
        if a == 1 or a == b:
            return b  # 1 & x, x & x
        if (a, b) not in self.seen:
            lit = 2 * self.next_var
            self.next_var += 1
            self.ands.append((lit, b, a))  # AIGER wants lhs > rhs0 >= rhs1
            self.seen[(a, b)] = lit
        return self.seen[(a, b)]

    def and_all(self, lits: list[int]) -> int:
        # A balanced tree keeps the depth logarithmic in the fan-in.
        if not lits:
            return 1
        while len(lits) > 1:
            lits = [self.and_(lits[i], lits[i + 1]) if i + 1 < len(lits) else lits[i]
                    for i in range(0, len(lits), 2)]
        return lits[0]


def to_aiger(net, names=None) -> str:
    """The network as an ASCII AIGER file with input and output symbols (-> str).

    >>> from boolnet.nn import Layer, Network
    >>> print(to_aiger(Network(2, [Layer([[1, 1]], [-2])])), end="")
    aag 3 2 0 1 1
    2
    4
    6
    6 4 2
    i0 x1
    i1 x2
    o0 f
    c
    boolnet threshold network, encoding 01
    """
    nl, aig, outs = _build(net, names)
    lines = [f"aag {aig.next_var - 1} {len(nl.inputs)} 0 {len(outs)} {len(aig.ands)}"]
    lines += [str(2 * (i + 1)) for i in range(len(nl.inputs))]
    lines += [str(o) for o in outs]
    lines += [f"{a} {b} {c}" for a, b, c in aig.ands]
    return "\n".join(lines + _symbols(nl)) + "\n"


def to_aiger_binary(net, names=None) -> bytes:
    """The network as a binary AIGER file (what ABC's ``read_aiger`` takes) (-> bytes).

    >>> from boolnet.nn import Layer, Network
    >>> to_aiger_binary(Network(2, [Layer([[1, 1]], [-2])]))[:16]
    b'aig 3 2 0 1 1\\n6\\n'
    """
    nl, aig, outs = _build(net, names)
    head = f"aig {aig.next_var - 1} {len(nl.inputs)} 0 {len(outs)} {len(aig.ands)}\n"
    body = bytearray(head.encode())
    body += "".join(f"{o}\n" for o in outs).encode()
    for lhs, a, b in aig.ands:  # ANDs are numbered in order, so only the two deltas are stored
        for delta in (lhs - a, a - b):
            while delta >= 0x80:
                body.append(delta & 0x7F | 0x80)
                delta >>= 7
            body.append(delta)
    body += ("\n".join(_symbols(nl)) + "\n").encode()
    return bytes(body)


def _symbols(nl) -> list[str]:
    return ([f"i{i} {name}" for i, name in enumerate(nl.input_names)]
            + [f"o{j} {name}" for j, name in enumerate(nl.output_names)]
            + ["c", f"boolnet threshold network, encoding {nl.encoding}"])


def _build(net, names):
    """(netlist, and-inverter graph, output literals) for the network."""
    nl = threshold_netlist(net, names, style="blif")
    aig = _Aig(len(nl.inputs))
    lit = {name: 2 * (i + 1) for i, name in enumerate(nl.inputs)}
    for g in nl.gates:
        terms = []
        for cube in threshold_cubes(g.weights, g.bias):
            terms.append(aig.and_all([lit[x] ^ (ch == "0") for ch, x in zip(cube, g.inputs)
                                      if ch != "-"]))
        lit[g.name] = aig.and_all([t ^ 1 for t in terms]) ^ 1  # OR = NOT AND NOT
    return nl, aig, [lit[o] for o in nl.outputs]
