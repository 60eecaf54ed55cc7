"""Deep networks: balanced XOR trees of 3-unit blocks, and XOR decomposition of any function.

An XOR block is OR(a, b) and NAND(a, b) in one layer and their AND in the next: three
step units, six weights, three biases. A balanced tree of blocks computes N-input
parity with 3(N-1) units in 2*ceil(log2 N) layers; when N is not a power of two a
signal waits for the next round and is read through a skip connection.

Any function splits as f = c XOR g1(B1) XOR ... XOR gr(Br) over disjoint input blocks:
inputs i and j belong to one block when a monomial of f's algebraic normal form holds
both, i.e. when the mixed derivative d2f/dxi dxj is not zero. One-input blocks are the
inputs themselves; the XOR tree joins the blocks. A block (or a whole output with no
XOR split) becomes the cheapest of: one neuron when it is linearly separable; the wide
network of its minimised cover; or, for up to ``SHANNON_MAX_INPUTS`` inputs, the
Shannon expansion f = x ? f1 : f0 on the input whose cofactors split best, each
cofactor compiled the same way (``SHANNON_LEVELS`` deep) and joined by a 3-unit
multiplexer (1 unit when a cofactor is constant).
"""
from __future__ import annotations

import numpy as np

import math
from dataclasses import dataclass
from typing import Callable

from ..bits import pack
from ..errors import BoolnetError, NotApplicable
from ..function import BooleanFunction
from ..nn import Network
from .builder import Builder, Ref, Unit, negate

__all__ = ["parity_tree", "xor_tree", "xor_blocks", "deep", "SHANNON_MAX_INPUTS", "SHANNON_LEVELS"]

#: Shannon expansion is tried on blocks with at most this many inputs ...
SHANNON_MAX_INPUTS = 10
#: ... and nested at most this many times (each level minimises two more covers).
SHANNON_LEVELS = 3


def _xor_round(b: Builder, refs: list[Ref], final: bool) -> tuple[list[Ref], list[Unit]]:
    """Pair the refs (shallowest first) into XOR blocks; return the next refs, or the last AND unit when ``final``."""
    order = sorted(refs, key=b.ref_depth)
    pairs = [(order[k], order[k + 1]) for k in range(0, len(order) - 1, 2)]
    carried = order[len(pairs) * 2:]
    first = []
    for x, y in pairs:
        first.append(({x: 1, y: 1}, -1))      # OR
        first.append(({x: -1, y: -1}, 1))     # NAND
    h = b.add_layer(first)
    ands = [({h[2 * k]: 1, h[2 * k + 1]: 1}, -2) for k in range(len(pairs))]
    if final:
        return carried, ands
    return b.add_layer(ands) + carried, []


def xor_unit(b: Builder, refs: list[Ref]) -> Unit:
    """Build the XOR tree of refs up to its last unit, which is returned (not added) so it can join the output layer."""
    if len(refs) == 1:
        return {refs[0]: 1}, -1  # identity of a 0/1 signal
    refs = list(refs)
    while True:
        if len(refs) == 2:
            _, last = _xor_round(b, refs, final=True)
            return last[0]
        refs, _ = _xor_round(b, refs, final=False)


def parity_tree(n: int, invert: bool = False) -> Network:
    """The balanced XOR tree of n-input parity: 3(n-1) units, 2*ceil(log2 n) layers."""
    if n < 1:
        raise BoolnetError("parity needs at least one input")
    b = Builder(n)
    unit = xor_unit(b, [b.input(i) for i in range(n)])
    b.add_layer([negate(unit) if invert else unit])
    return b.network(arch="deep")


def xor_tree(n: int, arity: int, invert: bool = False) -> Network:
    """Parity as a tree of XOR blocks of up to ``arity`` inputs, in 2 ceil(log_k n) layers.

    A block of j signals is the depth-2 symmetric block: units [sum >= t], t = 1..j, and their
    alternating sum, j + 1 units. The tree has B = ceil((n-1)/(k-1)) blocks (all full but
    one of the first level), hence n - 1 + 2B units; arity 2 gives the 3(n-1) tree above.

    >>> xor_tree(16, 4)
    Network(16 -> 16 step -> 4 step -> 4 step -> 1 step, 01)
    """
    if n < 2 or arity < 2:
        raise BoolnetError("an XOR tree needs at least 2 inputs and blocks of at least 2")
    k = min(arity, n)
    levels = 1
    while k ** levels < n:
        levels += 1
    b = Builder(n)
    refs = [b.input(i) for i in range(n)]
    first = (n - 2) % (k - 1) + 2  # the one partial block, so that every other block is full
    for level in range(levels):
        cap = k ** (levels - 1 - level)  # signals the remaining levels can still join
        sizes = [first] if level == 0 else []
        left = len(refs) - sum(s - 1 for s in sizes)
        while left > cap:
            sizes.append(k)
            left -= k - 1
        order = sorted(refs, key=b.ref_depth)
        groups, at = [], 0
        for size in sizes:
            groups.append(order[at:at + size])
            at += size
        hidden = b.add_layer([({r: 1 for r in g}, -t)
                              for g in groups for t in range(1, len(g) + 1)])
        outs, at = [], 0
        for g in groups:
            block = hidden[at:at + len(g)]
            outs.append(({h: (1 if t % 2 == 0 else -1) for t, h in enumerate(block)}, -1))
            at += len(g)
        if level == levels - 1:
            b.add_layer([negate(outs[0]) if invert else outs[0]])
            return b.network(arch=f"xor-tree-k{k}", arity=k)
        refs = b.add_layer(outs) + order[at:]


def _table(f: BooleanFunction, j: int) -> np.ndarray:
    """One output's ON bits with don't-cares read as 0 (a completion; checked later)."""
    return f.on_bits()[j]


def xor_blocks(f: BooleanFunction, output: int = 0) -> tuple[int, list[list[int]]]:
    """The constant and the input blocks of the finest disjoint XOR decomposition of one output.

    >>> xor_blocks(BooleanFunction.from_minterms(3, [1, 2, 5, 6]))
    (0, [[1], [2]])
    """
    n = f.n
    t = _table(f, output)
    const = int(t[0])
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def flip(a, i):
        shape = (1 << i, 2, 1 << (n - 1 - i))
        return a.reshape(shape)[:, ::-1, :].reshape(-1)

    deriv = [t ^ flip(t, i) for i in range(n)]
    used = [bool(d.any()) for d in deriv]
    # A linear input (its derivative is 1 everywhere: f = x XOR rest) is a block alone;
    # skipping its pairs makes parity O(n) instead of O(n^2) passes over the table.
    mixed = [i for i in range(n) if used[i] and not deriv[i].all()]
    for a, i in enumerate(mixed):
        for j in mixed[a + 1:]:
            if find(i) != find(j) and (deriv[i] ^ flip(deriv[i], j)).any():
                parent[find(j)] = find(i)
    blocks: dict[int, list[int]] = {}
    for i in range(n):
        if used[i]:
            blocks.setdefault(find(i), []).append(i)
    return const, sorted(blocks.values())


def _block_function(f: BooleanFunction, j: int, block: list[int]) -> BooleanFunction:
    """g(block) with f = g XOR (the rest): f restricted to the other inputs at 0, minus its value at 0."""
    others = {i: 0 for i in range(f.n) if i not in block}
    g = f.restrict(others) if others else f
    bits = g.on_bits()[j] ^ g.on_bits()[j][0]
    names = [f.input_names[i] for i in block]
    return BooleanFunction(len(block), pack(bits[None]), None, names)


# A built piece is either a signal already in the network ("ref") or its last unit, not
# yet added ("unit"), so that the caller can put it in the layer where it is needed.
Piece = tuple[str, object]


def _as_ref(b: Builder, piece: Piece) -> Ref:
    kind, x = piece
    return x if kind == "ref" else b.add_layer([x])[0]


def _as_unit(piece: Piece) -> Unit:
    kind, x = piece
    return ({x: 1}, -1) if kind == "ref" else x  # identity of a 0/1 signal


@dataclass
class _Plan:
    """How to build one single-output function: its cost, and the builder of its piece."""

    kind: str
    neurons: int
    params: int
    depth: int
    build: Callable[[Builder], Piece]
    const: int | None = None  # the value, for a constant function

    def key(self) -> tuple[int, int, int]:
        return (self.params, self.neurons, self.depth)


def _bits_function(bits: np.ndarray, names: list[str]) -> BooleanFunction:
    return BooleanFunction(len(names), pack(bits[None].astype(np.uint8)), None, names)


def _cofactor_bits(t: np.ndarray, k: int, i: int) -> tuple[np.ndarray, np.ndarray]:
    v = t.reshape(1 << i, 2, 1 << (k - 1 - i))
    return v[:, 0, :].reshape(-1), v[:, 1, :].reshape(-1)


def _split_score(t: np.ndarray, names: list[str]) -> int:
    """Inputs in the largest XOR block of a table: 0 when constant, 1 for a literal."""
    if t.min() == t.max():
        return 0
    _, blocks = xor_blocks(_bits_function(t, names))
    return max(len(bl) for bl in blocks)


def _plan(g: BooleanFunction, idx: list[int], minimize: str, levels: int) -> _Plan:
    """The cheapest build of a single-output, fully specified g over network inputs idx."""
    from .threshold import threshold_weights
    from .wide import wide

    t = g.on_bits()[0]
    if t.min() == t.max():
        c = int(t[0])
        return _Plan("const", 1, 1, 1, lambda b: ("unit", ({}, 0 if c else -1)), const=c)
    sup = list(g.support())
    if len(sup) < g.n:  # drop the inputs g does not read
        g = g.restrict({i: 0 for i in range(g.n) if i not in sup})
        idx = [idx[i] for i in sup]
        t = g.on_bits()[0]
    k = g.n
    if k == 1 and t[1] == 1:
        return _Plan("input", 0, 0, 0, lambda b: ("ref", b.input(idx[0])))
    const, blocks = xor_blocks(g)
    if len(blocks) > 1:
        subs = [_plan(_block_function(g, 0, bl), [idx[i] for i in bl], minimize, levels)
                for bl in blocks]
        r = len(subs)

        def build_xor(b: Builder) -> Piece:
            unit = xor_unit(b, [_as_ref(b, p.build(b)) for p in subs])
            return ("unit", negate(unit) if const else unit)
        return _Plan("xor", sum(p.neurons for p in subs) + 3 * (r - 1),
                     sum(p.params for p in subs) + 9 * (r - 1),
                     max(p.depth for p in subs) + 2 * math.ceil(math.log2(r)), build_xor)
    tw = threshold_weights(g)
    if tw is not None:  # one neuron: nothing that reads more than one input is cheaper
        w, bias = tw

        def build_neuron(b: Builder) -> Piece:
            return ("unit", ({b.input(idx[c]): int(wc) for c, wc in enumerate(w) if wc}, int(bias)))
        return _Plan("neuron", 1, int(np.count_nonzero(w)) + 1, 1, build_neuron)
    net = wide(g, minimize=minimize)
    hidden, out = net.layers

    def build_wide(b: Builder) -> Piece:
        units = [({b.input(idx[c]): int(w) for c, w in enumerate(row) if w}, int(bias))
                 for row, bias in zip(hidden.W, hidden.b)]
        h = b.add_layer(units)
        return ("unit", ({h[c]: int(w) for c, w in enumerate(out.W[0]) if w}, int(out.b[0])))
    best = _Plan("wide", hidden.n_out + 1,
                 sum(int(np.count_nonzero(L.W)) + L.n_out for L in net.layers), 2, build_wide)
    if levels > 0 and 3 <= k <= SHANNON_MAX_INPUTS and best.neurons > 4:
        names = list(g.input_names)
        x = min(range(k), key=lambda i: sum(_split_score(c, names[:i] + names[i + 1:])
                                            for c in _cofactor_bits(t, k, i)))
        rest = idx[:x] + idx[x + 1:]
        p0, p1 = (_plan(g.cofactor(x, v), rest, minimize, levels - 1) for v in (0, 1))
        mux = _mux_plan(idx[x], p0, p1)
        if mux.key() < best.key():
            best = mux
    return best


def _mux_plan(x: int, p0: _Plan, p1: _Plan) -> _Plan:
    """x ? f1 : f0 from the plans of the cofactors (neither constant and equal: x matters)."""
    if p1.const is not None or p0.const is not None:
        # One unit over x and the other cofactor: x | f0, ~x & f0, x & f1, ~x | f1.
        other, (wx, bias) = ((p0, (1, -1) if p1.const else (-1, -1)) if p1.const is not None
                             else (p1, (1, -2) if p0.const == 0 else (-1, 0)))

        def build_fold(b: Builder) -> Piece:
            r = _as_ref(b, other.build(b))
            return ("unit", ({b.input(x): wx, r: 1}, bias))
        return _Plan("mux", other.neurons + 1, other.params + 3, other.depth + 1, build_fold)

    def build_mux(b: Builder) -> Piece:
        r0, r1 = _as_ref(b, p0.build(b)), _as_ref(b, p1.build(b))
        xi = b.input(x)
        a1, a0 = b.add_layer([({xi: 1, r1: 1}, -2), ({xi: -1, r0: 1}, -1)])  # x & f1, ~x & f0
        return ("unit", ({a1: 1, a0: 1}, -1))
    return _Plan("mux", p0.neurons + p1.neurons + 3, p0.params + p1.params + 9,
                 max(p0.depth, p1.depth) + 2, build_mux)


def deep(f: BooleanFunction, minimize: str = "auto", max_depth: int | None = None) -> Network:
    """A deep network per output: XOR decomposition, then single neurons, wide blocks or Shannon expansion.

    Parity gives the balanced 3(N-1) tree. Don't-cares are read as 0 (a completion).
    """
    b = Builder(f.n)
    finals: list[Unit] = []
    names = list(f.input_names)
    for j in range(f.m):
        g = _bits_function(_table(f, j), names)
        finals.append(_as_unit(_plan(g, list(range(f.n)), minimize, SHANNON_LEVELS).build(b)))
    b.add_layer(finals)
    net = b.network(arch="deep", input_names=list(f.input_names),
                    output_names=list(f.output_names))
    depth = b.depth[len(b.layers)]
    if max_depth is not None and depth > max_depth:
        raise NotApplicable(f"the deep form needs depth {depth}, more than max depth {max_depth}")
    return net
