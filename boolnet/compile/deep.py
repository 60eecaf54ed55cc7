"""Deep networks: balanced XOR trees of 3-unit blocks, and XOR decomposition of any function.

An XOR block is OR(a, b) and NAND(a, b) in one layer and their AND in the next: three
step units, six weights, three biases. A balanced tree of blocks computes N-input
parity with 3(N-1) units in 2*ceil(log2 N) layers; when N is not a power of two a
signal waits for the next round and is read through a skip connection.

Any function splits as f = c XOR g1(B1) XOR ... XOR gr(Br) over disjoint input blocks:
inputs i and j belong to one block when a monomial of f's algebraic normal form holds
both, i.e. when the mixed derivative d2f/dxi dxj is not zero. One-input blocks are the
inputs themselves; larger blocks are compiled as a single neuron when separable, else
as a wide network of their minimised cover; the XOR tree joins them.
"""
from __future__ import annotations

import numpy as np

from ..bits import pack
from ..errors import BoolnetError, NotApplicable
from ..function import BooleanFunction
from ..nn import Network
from .builder import Builder, Ref, Unit, negate

__all__ = ["parity_tree", "xor_blocks", "deep"]


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


def _block_units(b: Builder, g: BooleanFunction, block: list[int], minimize: str) -> Ref:
    """Compile g over its block as one neuron when separable, else as AND units and an OR unit; return its output ref."""
    from .threshold import threshold_weights
    from .wide import wide

    tw = threshold_weights(g)
    if tw is not None:
        w, bias = tw
        return b.add_layer([({b.input(i): int(wi) for i, wi in zip(block, w) if wi}, bias)])[0]
    net = wide(g, minimize=minimize)
    hidden, out = net.layers
    units = [({b.input(block[c]): int(w) for c, w in enumerate(row) if w}, int(bias))
             for row, bias in zip(hidden.W, hidden.b)]
    h = b.add_layer(units)
    return b.add_layer([({h[k]: int(w) for k, w in enumerate(out.W[0]) if w}, int(out.b[0]))])[0]


def deep(f: BooleanFunction, minimize: str = "auto", max_depth: int | None = None) -> Network:
    """A deep network by XOR decomposition of every output (parity gives the balanced 3(N-1) tree)."""
    b = Builder(f.n)
    finals: list[Unit] = []
    for j in range(f.m):
        const, blocks = xor_blocks(f, j)
        refs = []
        for block in blocks:
            if len(block) == 1:
                # g(x) = x (a one-input block of a function with a non-zero derivative).
                refs.append(b.input(block[0]))
            else:
                refs.append(_block_units(b, _block_function(f, j, block), block, minimize))
        if not refs:
            unit = ({}, 0 if const else -1)  # constant output
        else:
            unit = xor_unit(b, refs)
            if const:
                unit = negate(unit)
        finals.append(unit)
    b.add_layer(finals)
    net = b.network(arch="deep", input_names=list(f.input_names),
                    output_names=list(f.output_names))
    depth = b.depth[len(b.layers)]
    if max_depth is not None and depth > max_depth:
        raise NotApplicable(f"the deep form needs depth {depth}, more than max depth {max_depth}")
    return net
