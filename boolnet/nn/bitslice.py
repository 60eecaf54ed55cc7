"""Bit-sliced evaluation of integer threshold networks: 64 input rows per uint64 word.

Every signal is a bit plane (one bit per row). A step unit fires when w.x + b >= 0; with
+-1 signals (pm1 inputs, sign units) rewritten as 2*bit - 1 this is an integer test on
bits. Negative weights become negated literals (w x = -|w| + |w| (1 - x)), so each unit is
``T = sum a_i l_i >= theta`` with a_i > 0 over literals l_i. Units are sorted into
constants, AND of literals (theta needs every literal), OR of literals (any one literal
suffices), and general units, which add their weighted literals over bit planes (ripple
adders) and compare the sum with theta bit by bit (any integer threshold unit).

The network is compiled once into a straight-line program of NumPy bitwise ops on
registers: negation is tracked statically (a NAND is stored as its AND, marked
inverted), ``OR(a,b) & ~AND(a,b)`` becomes ``a ^ b``, dead ops are dropped, and registers
are reused by liveness, so running a chunk is a loop of preallocated in-place ufunc calls.
"""
from __future__ import annotations

import numpy as np

from .network import Network

__all__ = ["BitsliceProgram", "compile_bitslice", "PATTERN"]

ONES = np.uint64(0xFFFFFFFFFFFFFFFF)
# Bit t of word PATTERN[p] is bit p of t: the within-word pattern of row bit p < 6.
PATTERN = [np.uint64(sum(((t >> p) & 1) << t for t in range(64))) for p in range(6)]

CUBE_OR_MIN = 8  # an OR of at least this many cubes is filled as a union of cubes

_UFUNC = {"and": np.bitwise_and, "or": np.bitwise_or, "xor": np.bitwise_xor, "not": np.invert}


def _classify(a: list[int], theta: int) -> str:
    total = sum(a)
    if theta <= 0 or theta > total:
        return "const"
    if theta > total - min(a):
        return "and"  # dropping any one literal falls short: all are needed
    if theta <= min(a):
        return "or"  # any one literal reaches theta
    return "general"


class _Builder:
    """Emits SSA ops; a value is (register, inverted)."""

    def __init__(self, n: int):
        self.n = n
        self.ops = []  # (op, dst, a, b)
        self.defs = {}  # register -> (op, frozenset(operands)) for peepholes
        self.ZERO, self.ONE = n, n + 1  # constant registers
        self.nreg = n + 2
        self.pending = {}  # register -> literals of a cube not emitted yet
        self.alias = {}  # register of an emitted pending cube -> its (register, inverted)
        # Values known to be a cube over the inputs: (reg, inverted) -> (mask, value) on row bits.
        self.cube = {}
        for j in range(n):
            p = n - 1 - j  # input j is row bit p
            self.cube[(j, False)] = (1 << p, 1 << p)
            self.cube[(j, True)] = (1 << p, 0)

    def emit(self, op, a, b=None):
        dst = self.nreg
        self.nreg += 1
        self.ops.append((op, dst, a, b))
        if op in ("and", "or"):
            self.defs[dst] = (op, frozenset((a, b)))
        return dst

    def chain(self, op, regs):
        r = regs[0]
        for s in regs[1:]:
            r = self.emit(op, r, s)
        return r

    def materialize(self, v):
        r, inv = self.resolve(v)
        if r == self.ZERO or r == self.ONE:
            return (self.ONE if (r == self.ONE) ^ inv else self.ZERO), False
        return (self.emit("not", r), False) if inv else (r, inv)

    def resolve(self, v):
        """The emitted value behind v, emitting a pending cube's ANDs on first use."""
        r, inv = v
        if r in self.pending:
            self.alias[r] = self._AND(self.pending.pop(r))
        if r in self.alias:
            r2, inv2 = self.alias[r]
            return r2, inv2 ^ inv
        return v

    def AND(self, lits):
        cubes = [self.cube.get(tuple(l)) for l in lits]
        if lits and all(c is not None for c in cubes):
            # An AND of input literals is a cube: keep it symbolic until something needs its
            # plane (an OR of many cubes never does).
            mask = value = 0
            for cm, cv in cubes:
                if (mask & cm) & (value ^ cv):
                    return self.ZERO, False  # x & ~x
                mask |= cm
                value |= cv
            v = self.nreg
            self.nreg += 1
            # Keep the cube's own input literals, not the given ones: those may be pending
            # cubes themselves, and resolving a chain of 2,000 nested cubes would recurse.
            self.pending[v] = [(self.n - 1 - p, not (value >> p) & 1)
                               for p in range(self.n - 1, -1, -1) if (mask >> p) & 1]
            self.cube[(v, False)] = (mask, value)
            return v, False
        return self._AND(lits)

    def _AND(self, lits):
        lits = [self.resolve(l) for l in lits]
        P, Q = [], []
        for r, inv in lits:
            if r in (self.ZERO, self.ONE):
                if (r == self.ONE) ^ inv:
                    continue  # a constant-1 literal does not change an AND
                return self.ZERO, False
            (Q if inv else P).append(r)
        P, Q = list(dict.fromkeys(P)), list(dict.fromkeys(Q))
        if set(P) & set(Q):
            return self.ZERO, False  # x & ~x
        if not P and not Q:
            return self.ONE, False
        if not Q:
            return self.chain("and", P), False
        q = self.chain("or", Q)
        if not P:
            return q, True  # AND(~Q) = ~OR(Q)
        p = self.chain("and", P)
        dp, dq = self.defs.get(p), self.defs.get(q)
        if dp and dq and dp[0] == "or" and dq[0] == "and" and dp[1] == dq[1] and len(dp[1]) == 2:
            a, b = tuple(dp[1])
            return self.emit("xor", a, b), False  # OR(a,b) & ~AND(a,b) = a ^ b
        if dp and dq and dp[0] == "or" and dq[0] == "and" and dp[1] & dq[1]:
            return self.emit("xor", p, q), False  # q implies p, so p & ~q = p ^ q
        return self.emit("xor", p, self.emit("and", p, q)), False  # p & ~q

    def OR(self, lits):
        cubes = [self.cube.get(tuple(l)) for l in lits]
        if len(lits) >= CUBE_OR_MIN and all(c is not None for c in cubes):
            # A sum of products over the inputs (a wide layer of ANDs and an OR): fill the
            # union of the cubes directly instead of computing every AND plane.
            dst = self.nreg
            self.nreg += 1
            self.ops.append((_CubeUnion(self.n, cubes), dst, None, None))
            return dst, False
        r, inv = self._AND([(r, not inv) for r, inv in lits])
        if r in (self.ZERO, self.ONE):
            return (self.ZERO if r == self.ONE else self.ONE), False
        return r, not inv

    def GENERAL(self, lits, weights, theta):
        # T = sum a_i l_i on bit planes (ripple-carry), then T >= theta from the LSB up.
        B = int(sum(weights)).bit_length()
        acc = [None] * B
        for v, a in zip(lits, weights):
            lit, _ = self.materialize(v)
            k = 0
            while a:
                if a & 1:
                    carry = lit
                    for j in range(k, B):
                        if acc[j] is None:
                            acc[j] = carry
                            break
                        s = self.emit("xor", acc[j], carry)
                        carry = self.emit("and", acc[j], carry)
                        acc[j] = s
                a >>= 1
                k += 1
        ge = (self.ONE, False)
        for j in range(B):
            t = (self.ZERO, False) if acc[j] is None else (acc[j], False)
            ge = self.AND([t, ge]) if (theta >> j) & 1 else self.OR([t, ge])
        return ge


class BitsliceProgram:
    """A network compiled to a straight-line program of bitwise ops over 64-row words."""

    def __init__(self, net: Network):
        if not net.is_threshold or not net.is_integer:
            raise ValueError("the bit-sliced path needs integer weights and step/sign units")
        self.n, self.m = n, _ = net.n_inputs, net.n_outputs
        bld = _Builder(n)
        pm1_in = net.encoding == "pm1"
        widths = net.widths
        # signal value (register, inverted) per signal and column; affine map bit -> value.
        values = {0: [(j, False) for j in range(n)]}
        affine = {0: (2, -1) if pm1_in else (1, 0)}
        self.kinds = {"const": 0, "and": 0, "or": 0, "general": 0}
        for i, layer in enumerate(net.layers):
            srcv = [v for s in layer.sources for v in values[s]]
            alpha = np.concatenate([np.full(widths[s], affine[s][0], np.int64) for s in layer.sources])
            beta = np.concatenate([np.full(widths[s], affine[s][1], np.int64) for s in layer.sources])
            W = layer.W.astype(object)  # Python ints: no overflow in the rewrite
            Wp = (W * alpha).tolist()
            bp = (layer.b.astype(object) + W.dot(beta.astype(object))).tolist()
            outs = []
            for u in range(layer.n_out):
                w = Wp[u]
                nz = [j for j, x in enumerate(w) if x]
                a = [abs(w[j]) for j in nz]
                lits = [(srcv[j][0], srcv[j][1] ^ (w[j] < 0)) for j in nz]
                theta = -bp[u] + sum(x for x, j in zip(a, nz) if w[j] < 0)
                kind = _classify(a, theta) if a else "const"
                self.kinds[kind] += 1
                if kind == "const":
                    outs.append((bld.ONE if theta <= 0 else bld.ZERO, False))
                elif kind == "and":
                    outs.append(bld.AND(lits))
                elif kind == "or":
                    outs.append(bld.OR(lits))
                else:
                    outs.append(bld.GENERAL(lits, a, theta))
            values[i + 1] = outs
            affine[i + 1] = (2, -1) if layer.activation == "sign" else (1, 0)
        self.outputs = [bld.resolve(values[s][c]) for s, c in net.output_taps]
        self._allocate(bld)

    def _allocate(self, bld: _Builder):
        # Dead-code elimination, then linear-scan register allocation by last use.
        live = {r for r, _ in self.outputs}
        kept = []
        for op in reversed(bld.ops):
            if op[1] in live:
                kept.append(op)
                live.update(x for x in op[2:] if x is not None)
        kept.reverse()
        n_fixed = bld.n + 2  # inputs and the two constants keep their own slots
        last = {}
        for i, (_, dst, a, b) in enumerate(kept):
            for x in (a, b):
                if x is not None:
                    last[x] = i
        for r, _ in self.outputs:
            last[r] = len(kept)
        phys = {r: r for r in range(n_fixed)}
        free, nphys, prog = [], n_fixed, []
        for i, (op, dst, a, b) in enumerate(kept):
            pa = None if a is None else phys[a]
            pb = None if b is None else phys[b]
            for x in {a, b}:
                if x is not None and x >= n_fixed and last.get(x) == i:
                    free.append(phys[x])  # read for the last time: the result may reuse it
            if free:
                pd = free.pop()
            else:
                pd, nphys = nphys, nphys + 1
            phys[dst] = pd
            prog.append((_UFUNC[op] if isinstance(op, str) else op, pa, pb, pd))
        self.program = prog
        self.n_registers = nphys
        self.n_ops = len(prog)
        self.out_regs = [(phys[r], inv) for r, inv in self.outputs]

    def registers_bytes(self, words: int) -> int:
        """Memory the registers take for chunks of ``words`` words (-> int bytes)."""
        return self.n_registers * words * 8

    def prepare(self, words: int) -> None:
        """Precompute what depends on the chunk size (cube unions) (-> None)."""
        for f, a, _, _ in self.program:
            if a is None and f.words != words:
                f.prepare(words)

    def run(self, total_rows: int, words: int, packed: np.ndarray) -> None:
        """Evaluate all rows in chunks of ``words`` words into packed (m x total words) (-> None)."""
        n = self.n
        regs = [None] * self.n_registers
        used = {x for _, a, b, _ in self.program for x in (a, b) if x is not None}
        used.update(r for r, _ in self.out_regs)
        zero, ones = _plane("zero", words), _plane("ones", words)
        regs[n], regs[n + 1] = zero, ones
        block = np.empty((self.n_registers - n - 2, words), np.uint64)  # one allocation for all
        for r in range(n + 2, self.n_registers):
            regs[r] = block[r - n - 2]
        wordbits = words.bit_length() - 1
        high = []  # inputs whose value is constant over a chunk: (input, bit of chunk number)
        for j in range(n):
            if j not in used:
                continue  # (a sum of products reads the inputs through its cube table)
            p = n - 1 - j  # the first input is the most significant row bit
            if p < 6 + wordbits:
                regs[j] = _plane(p, words)
            else:
                high.append((j, p - 6 - wordbits))
        prog = self.program
        self.prepare(words)
        for c in range(max(total_rows // (64 * words), 1)):
            for j, bit in high:
                regs[j] = ones if (c >> bit) & 1 else zero  # swap references, no copy
            for f, a, b, d in prog:
                if b is not None:
                    f(regs[a], regs[b], out=regs[d])
                elif a is not None:
                    f(regs[a], out=regs[d])
                else:
                    f(c, regs[d])
            dst = packed[:, c * words:(c + 1) * words]
            for k, (r, inv) in enumerate(self.out_regs):
                if inv:
                    np.invert(regs[r], out=dst[k])
                else:
                    dst[k] = regs[r]


_PLANES: dict = {}


def _plane(p, words: int) -> np.ndarray:
    """The read-only plane of row bit p (or 'zero' / 'ones') for chunks of ``words`` words."""
    key = (p, words)
    plane = _PLANES.get(key)
    if plane is None:
        if len(_PLANES) > 256:
            _PLANES.clear()  # bounded cache
        if p == "zero":
            plane = np.zeros(words, np.uint64)
        elif p == "ones":
            plane = np.full(words, ONES, np.uint64)
        elif p < 6:
            plane = np.full(words, PATTERN[p], np.uint64)
        else:
            w = np.arange(words, dtype=np.uint64)
            plane = np.where((w >> np.uint64(p - 6)) & np.uint64(1), ONES, np.uint64(0)).astype(np.uint64)
        plane.flags.writeable = False  # shared between runs: no op may write into it
        _PLANES[key] = plane
    return plane


class _CubeUnion:
    """The union of cubes (mask, value) over row bits, filled word by word for a chunk.

    Row bits 0-5 select the bit inside a word (a cube's low literals give a 64-bit
    pattern), the next bits select the word inside the chunk, the rest the chunk.
    """

    def __init__(self, n: int, cubes):
        self.n = n
        self.mask = np.array([m for m, _ in cubes], np.int64)  # exhaustive tables have n < 63
        self.value = np.array([v for _, v in cubes], np.int64)
        self.words = None

    def prepare(self, words: int) -> None:
        """Split the cubes for chunks of ``words`` words (-> None)."""
        wb = words.bit_length() - 1
        mask, value = self.mask, self.value
        pat = np.full(len(mask), ONES, np.uint64)
        for p in range(6):
            has = ((mask >> p) & 1).astype(bool)
            one = ((value >> p) & 1).astype(bool)
            pat &= np.where(has, np.where(one, PATTERN[p], ~PATTERN[p]), ONES)
        wordm = (1 << wb) - 1
        mw, vw = (mask >> 6) & wordm, (value >> 6) & wordm
        mc, vc = mask >> (6 + wb), value >> (6 + wb)
        full_low = (mask & 63) == 63
        # Group cubes by (word mask, all low bits fixed?): a group's words are vw | every
        # combination of its free word bits. Cubes fixing all 6 low bits are single bits in a
        # word, set through a byte-per-row scatter (np.bitwise_or.at is ~10x slower).
        self.groups = []
        key = mw * 2 + full_low
        order = np.argsort(key, kind="stable")
        keys, starts = np.unique(key[order], return_index=True)
        bounds = list(starts) + [len(order)]
        for kk, lo, hi in zip(keys, bounds[:-1], bounds[1:]):
            sel = order[lo:hi]
            m, single = int(kk) >> 1, bool(kk & 1)
            combos = np.zeros(1, np.int64)
            for k in range(wb):
                if not (m >> k) & 1:
                    combos = np.concatenate([combos, combos | (1 << k)])
            if single:
                base, combos = (vw[sel] << 6) | (value[sel] & 63), combos << 6
            else:
                base = vw[sel]
            self.groups.append((single, base, pat[sel], mc[sel], vc[sel], combos,
                                bool((mc[sel] == 0).all())))
        self.flags = np.zeros(words * 64, bool) if any(g[0] for g in self.groups) else None
        self.only_single = self.flags is not None and all(g[0] for g in self.groups)
        self.words = words

    def __call__(self, c: int, out: np.ndarray) -> None:
        flags = self.flags
        if flags is not None:
            flags[...] = False
        if not self.only_single:
            out[...] = 0
        for single, base, pat, mc, vc, combos, every_chunk in self.groups:
            if not every_chunk:
                hit = (c & mc) == vc  # cubes whose chunk-level literals hold in chunk c
                base, pat = base[hit], pat[hit]
            if len(base) == 0:
                continue
            idx = base if len(combos) == 1 else (base[:, None] | combos[None, :]).ravel()
            if single:
                flags[idx] = True
            else:
                np.bitwise_or.at(out, idx, pat if len(combos) == 1 else np.repeat(pat, len(combos)))
        if flags is not None:
            bits = np.packbits(flags, bitorder="little").view(np.uint64)
            if self.only_single:
                out[...] = bits
            else:
                out |= bits


def compile_bitslice(net: Network) -> BitsliceProgram:
    """Compile an integer step/sign network for bit-sliced evaluation (-> BitsliceProgram)."""
    return BitsliceProgram(net)
