"""Netlist: the gate structure a function was given with (AND gates, inverters, AIGER literals).

A :class:`BooleanFunction` is a truth table; a circuit read from BLIF, AIGER or Verilog,
or built by a family (a ripple of full adders, an array multiplier), also has a
structure that synthesis can start from instead of a cover (``boolnet.synth``). This
module keeps that structure at the bottom of the package, so that ``function.py``,
the readers and the families can hold and build it without importing synthesis.

Variables are numbered as in AIGER: variable 0 is the constant 0, variables 1..n the
inputs (in the function's input order), then one variable per AND gate, each reading
only lower variables. A *literal* is ``2 * variable + complement``: ``lit ^ 1`` is the
negation, literal 1 the constant 1. ``create_and`` folds constants and hashes
structure (``a & b`` built twice is one gate), as mockturtle's ``create_and`` does.

>>> g = Netlist(3)
>>> a, b, c = g.input(0), g.input(1), g.input(2)
>>> g.add_output(g.create_xor(g.create_xor(a, b), c)); g.add_output(g.create_maj(a, b, c))
>>> g.num_ands, g.simulate()[:, 0].tolist()   # ON rows 1, 2, 4, 7 and 3, 5, 6, 7
(8, [150, 232])
"""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

from .bits import input_column, pack
from .errors import BoolnetError

__all__ = ["Netlist", "fold_and", "balanced_tree"]


def fold_and(a: int, b: int) -> tuple[int, int, int | None]:
    """The literals ordered (a <= b), and what a AND b folds to without a gate (None: it needs one).

    Constants and x & x, x & ~x fold; the AIG of :mod:`boolnet.synth.aig` folds the same way.

    >>> fold_and(5, 4), fold_and(1, 6), fold_and(6, 8)
    ((4, 5, 0), (1, 6, 6), (6, 8, None))
    """
    if a > b:
        a, b = b, a
    if a == 0 or a == b ^ 1:
        return a, b, 0
    if a == 1 or a == b:
        return a, b, b
    return a, b, None


def balanced_tree(lits: Sequence[int], make: Callable[[int, int], int], empty: int) -> int:
    """Pairs of literals joined by ``make`` level by level (depth log2 of their count); ``empty`` for none.

    >>> balanced_tree([2, 4, 6], lambda a, b: a + b, 1), balanced_tree([], min, 1)
    (12, 1)
    """
    lits = list(lits)
    if not lits:
        return empty
    while len(lits) > 1:
        nxt = [make(lits[i], lits[i + 1]) for i in range(0, len(lits) - 1, 2)]
        if len(lits) % 2:
            nxt.append(lits[-1])
        lits = nxt
    return lits[0]


class Netlist:
    """AND gates over ``n`` inputs with complemented edges, and output literals."""

    def __init__(self, n: int, ands: Sequence[tuple[int, int]] = (),
                 outputs: Sequence[int] = ()):
        """A netlist over n inputs; ``ands`` (fanin literal pairs) and ``outputs`` are checked."""
        self.n = int(n)
        if self.n < 0:
            raise BoolnetError(f"a netlist has at least 0 inputs, got {n}")
        self.ands: list[tuple[int, int]] = []
        self.outputs: list[int] = []
        self._hash: dict[tuple[int, int], int] = {}
        for a, b in ands:
            top = 2 * (self.n + len(self.ands) + 1)
            if not (0 <= a < top and 0 <= b < top):
                raise BoolnetError(f"AND gate {len(self.ands)} reads literal {max(a, b)}; "
                                   f"a gate reads only lower variables (literals below {top})")
            self.ands.append((int(a), int(b)))
            self._hash.setdefault((min(a, b), max(a, b)), len(self.ands) + self.n)
        for lit in outputs:
            self.add_output(lit)

    @property
    def num_ands(self) -> int:
        """Number of AND gates."""
        return len(self.ands)

    @property
    def num_vars(self) -> int:
        """Variables: the constant, the inputs and the gates."""
        return 1 + self.n + len(self.ands)

    def input(self, i: int) -> int:
        """The positive literal of input i (0-based)."""
        if not 0 <= i < self.n:
            raise BoolnetError(f"input {i} out of range 0 .. {self.n - 1}")
        return 2 * (i + 1)

    def create_and(self, a: int, b: int) -> int:
        """The literal of a AND b: constants and x&x, x&~x folded, an equal gate reused."""
        a, b, folded = fold_and(a, b)
        if folded is not None:
            return folded
        if b >= 2 * self.num_vars:
            raise BoolnetError(f"literal {b} does not exist yet")
        var = self._hash.get((a, b))
        if var is None:
            self.ands.append((a, b))
            var = self.num_vars - 1
            self._hash[(a, b)] = var
        return 2 * var

    def create_or(self, a: int, b: int) -> int:
        """The literal of a OR b (De Morgan)."""
        return self.create_and(a ^ 1, b ^ 1) ^ 1

    def create_xor(self, a: int, b: int) -> int:
        """a XOR b as ~(a & b) & ~(~a & ~b): the first gate is the half adder's carry."""
        return self.create_and(self.create_and(a, b) ^ 1, self.create_and(a ^ 1, b ^ 1) ^ 1)

    def create_maj(self, a: int, b: int, c: int) -> int:
        """The majority of three literals as (a | b) & (c | (a & b)): an uncomplemented gate,
        so a carry that is an output needs no inverter."""
        return self.create_and(self.create_or(a, b), self.create_or(c, self.create_and(a, b)))

    def create_nary(self, lits: Sequence[int], op: str = "and") -> int:
        """A balanced AND (or OR, XOR) tree over the literals; the neutral constant when empty."""
        make = {"and": self.create_and, "or": self.create_or, "xor": self.create_xor}[op]
        return balanced_tree(lits, make, 1 if op == "and" else 0)

    def add_output(self, lit: int) -> None:
        """Append an output driven by a literal."""
        lit = int(lit)
        if not 0 <= lit < 2 * self.num_vars:
            raise BoolnetError(f"output literal {lit} names no variable of the netlist")
        self.outputs.append(lit)

    @classmethod
    def from_nodes(cls, inputs: Sequence[str], order: Sequence[str],
                   build: Mapping[str, tuple[Sequence[str], Callable]],
                   outputs: Sequence[str]) -> "Netlist":
        """The netlist of named nodes built in topological ``order`` (a reader's gates).

        ``build[name] = (fanins, make)`` with ``make(netlist, fanin literals) -> literal``;
        ``inputs`` and ``outputs`` are signal names.
        """
        g = cls(len(inputs))
        lit = {s: g.input(i) for i, s in enumerate(inputs)}
        for name in order:
            fanins, make = build[name]
            lit[name] = make(g, [lit[s] for s in fanins])
        for s in outputs:
            g.add_output(lit[s])
        return g

    def simulate(self) -> np.ndarray:
        """Every output on every row as packed words (outputs, words), rows as BooleanFunction's."""
        rows = 1 << self.n
        val = [np.zeros(pack(np.zeros(rows, bool)).shape, np.uint64)]
        val += [pack(input_column(self.n, i).astype(bool)) for i in range(self.n)]
        full = ~np.uint64(0)
        for a, b in self.ands:
            va = val[a >> 1] ^ (full if a & 1 else np.uint64(0))
            vb = val[b >> 1] ^ (full if b & 1 else np.uint64(0))
            val.append(va & vb)
        out = [val[o >> 1] ^ (full if o & 1 else np.uint64(0)) for o in self.outputs]
        words = np.array(out, np.uint64).reshape(len(out), -1)
        if rows < 64:
            words &= np.uint64((1 << rows) - 1)
        return words

    def __eq__(self, other) -> bool:
        return (isinstance(other, Netlist) and self.n == other.n and self.ands == other.ands
                and self.outputs == other.outputs)

    __hash__ = None  # mutable while it is built

    def __repr__(self) -> str:
        return f"Netlist(inputs={self.n}, ands={self.num_ands}, outputs={len(self.outputs)})"
