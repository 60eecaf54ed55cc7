"""The truth table of a combinational netlist read from BLIF, AIGER or Verilog.

A reader fills a :class:`Logic`: named primary inputs, nodes (a signal name, the
signals it reads, a function of their values, the line that defined it) and the
outputs. :meth:`Logic.to_function` orders the nodes (iteratively: an AIG can be
millions of levels deep), refuses loops and undefined signals with the line that
used them, and evaluates the nodes over the 2^n rows in chunks of :data:`CHUNK`
rows, packing each chunk's outputs as it goes, so the memory is the packed table
plus one chunk per live signal, never a byte per row per signal.

Values are NumPy arrays over the rows of a chunk: ``bool`` for logic, ``int64`` for
the arithmetic of Verilog threshold units. Row r gives input i (0-based, the first
input most significant) the bit ``(r >> (n - 1 - i)) & 1``, as everywhere in boolnet.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..bits import pack, tail_mask, words_for
from ..errors import BoolnetError, ParseError, check_dense
from ..function import BooleanFunction

__all__ = ["Logic", "CHUNK", "PACKED_CHUNK", "shown"]

#: Rows evaluated at a time: 2^16 rows keep every live signal at 64 KiB (bool) or
#: 512 KiB (int64), while NumPy's per-call overhead stays small against the work.
CHUNK = 1 << 16
#: Rows at a time for packed logic: 2^22 rows are 64 Ki words (512 KiB) a live signal.
PACKED_CHUNK = 1 << 22

Fn = Callable[[list], np.ndarray]


def shown(text: str, limit: int = 60) -> str:
    """repr of a name or token cut to ``limit`` characters: a message stays one short line (-> str)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"


@dataclass
class Logic:
    """A combinational netlist: inputs, nodes ``name -> (fanins, fn, line)``, outputs."""

    source: str = "<netlist>"
    inputs: list[str] = field(default_factory=list)
    nodes: dict[str, tuple[list[str], Fn, int | None]] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    uses: dict[str, int | None] = field(default_factory=dict)  # first line that read a signal

    def add(self, name: str, fanins: Sequence[str], fn: Fn, line: int | None = None) -> None:
        """Define signal ``name`` as ``fn([values of fanins])``; a second definition is an error."""
        if name in self.nodes or name in self.inputs:
            raise ParseError(f"signal {shown(name)} is defined twice", self.source, line)
        for s in fanins:
            self.uses.setdefault(s, line)
        self.nodes[name] = (list(fanins), fn, line)

    def order(self) -> list[str]:
        """The nodes the outputs need, each after its fanins (iterative depth-first search)."""
        known = set(self.inputs)
        state: dict[str, int] = {}  # 1 = on the stack, 2 = done
        order: list[str] = []
        for root in self.outputs:
            if root in known or state.get(root) == 2:
                continue
            stack = [(root, 0)]
            while stack:
                name, k = stack.pop()
                if name not in self.nodes:
                    raise ParseError(f"signal {shown(name)} is used but never defined", self.source,
                                     self.uses.get(name))
                fanins = self.nodes[name][0]
                if k == 0:
                    state[name] = 1
                while k < len(fanins) and (fanins[k] in known or state.get(fanins[k]) == 2):
                    k += 1
                if k < len(fanins):
                    child = fanins[k]
                    if state.get(child) == 1:
                        raise ParseError(f"signal {shown(child)} depends on itself (a combinational "
                                         f"loop)", self.source, self.nodes[child][2])
                    stack.append((name, k + 1))
                    stack.append((child, 0))
                    continue
                state[name] = 2
                order.append(name)
        return order

    def to_function(self, input_names: Sequence[str] | None = None,
                    output_names: Sequence[str] | None = None,
                    packed: bool = False) -> BooleanFunction:
        """Evaluate every output on every row; a BooleanFunction with no don't-cares.

        ``packed``: the node functions use only ``~ & | ^`` (BLIF covers, AIG nodes), so
        values are ``uint64`` words of 64 rows each and a chunk holds :data:`PACKED_CHUNK`
        rows; otherwise values are one entry a row (Verilog arithmetic needs that).
        """
        n, m = len(self.inputs), len(self.outputs)
        check_dense(n, what=f"truth table of {self.source}", m=m)
        order = self.order()
        rows = 1 << n
        # Free each value after its last reader: deep netlists would otherwise hold them all.
        last = {}
        for t, name in enumerate(order):
            for s in self.nodes[name][0]:
                last[s] = t
        for s in self.outputs:
            last[s] = len(order)
        drop = [[] for _ in range(len(order) + 1)]
        for s, t in last.items():
            drop[t].append(s)
        keep = set(self.outputs) | set(self.inputs)
        words = np.zeros((m, words_for(rows)), np.uint64)
        chunk = PACKED_CHUNK if packed else CHUNK
        step = min(rows, max(64, chunk - chunk % 64))  # whole words: chunks never share one
        for start in range(0, rows, step):
            values = _packed_inputs(n, start, step) if packed else _inputs(n, start, step)
            values = dict(zip(self.inputs, values))
            shape = next(iter(values.values())).shape if values else \
                ((words_for(step),) if packed else (step,))
            for t, name in enumerate(order):
                fanins, fn, _line = self.nodes[name]
                v = fn([values[s] for s in fanins])
                if np.ndim(v) == 0:  # a constant: all rows alike (an integer keeps its value)
                    v = np.full(shape, _ALL if v else 0, np.uint64) if packed else \
                        np.full(shape, v, np.asarray(v).dtype)
                values[name] = v
                for s in drop[t]:
                    if s not in keep:
                        values.pop(s, None)
            w0 = start // 64
            if not m:
                continue
            if packed:
                block = np.stack([values[o] for o in self.outputs]) & tail_mask(step)
                words[:, w0:w0 + words_for(step)] = block
            else:
                block = np.stack([np.asarray(values[o]).astype(np.int64) & 1
                                  for o in self.outputs]).astype(bool)
                words[:, w0:w0 + words_for(step)] = pack(block)
        try:
            return BooleanFunction(n, words, None,
                                   self.inputs if input_names is None else input_names,
                                   self.outputs if output_names is None else output_names)
        except BoolnetError as exc:  # repeated or empty names: say which file
            raise ParseError(str(exc), self.source) from None


_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


def _inputs(n: int, start: int, step: int) -> list[np.ndarray]:
    """Each input's value (bool) on rows start .. start + step - 1."""
    r = np.arange(start, start + step, dtype=np.int64)
    return [((r >> (n - 1 - i)) & 1).astype(bool) for i in range(n)]


def _packed_inputs(n: int, start: int, step: int) -> list[np.ndarray]:
    """Each input's value as uint64 words (row r at bit r % 64) on rows start .. start + step - 1.

    Input i is bit p = n - 1 - i of the row number: for p >= 6 a word is all zeros or all
    ones; below, every word holds the same 64-bit pattern.
    """
    nw = words_for(step)
    word = np.arange(start // 64, start // 64 + nw, dtype=np.int64)
    cols = []
    for i in range(n):
        p = n - 1 - i
        if p >= 6:
            cols.append(np.where((word >> (p - 6)) & 1, _ALL, np.uint64(0)).astype(np.uint64))
        else:
            pattern = sum(1 << k for k in range(64) if (k >> p) & 1)  # rows whose bit p is 1
            cols.append(np.full(nw, np.uint64(pattern), np.uint64))
    return cols
