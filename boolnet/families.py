"""Families of Boolean functions used throughout: parity, majority, threshold, symmetric, arithmetic.

Multi-bit operands are written most significant bit first (a1 is the MSB of a), the
same order as the rows of a truth table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .bits import input_column, pack, row_weights
from .errors import BoolnetError, TooLargeError, check_dense, dense_limit
from .function import BooleanFunction, default_input_names
from .netlist import Netlist

__all__ = ["parity", "majority", "threshold", "symmetric", "adder", "comparator", "multiplier",
           "by_name", "FAMILIES", "SymmetricSpec", "spec_by_name"]


@dataclass(frozen=True)
class SymmetricSpec:
    """A symmetric family member known by its value vector, for n beyond a dense truth table.

    It answers what the depth-2 symmetric, cascade and deep parity builders ask of a
    function (``n``, ``m``, names, ``value_vector``) and what a sample check asks
    (``evaluate``), so ``compile --family parity:40`` builds its 117-unit XOR tree and
    6-unit cascade without the 2^40-row table it never reads. ``to_function`` builds
    the table, under the usual dense limit.

    >>> spec = spec_by_name("parity:40"); spec.n, spec.kind, spec.value_vector()[:4]
    (40, 'parity', (0, 1, 0, 1))
    """

    kind: str
    values: tuple[int, ...]
    output_name: str = "f"

    @property
    def n(self) -> int:
        """Number of inputs."""
        return len(self.values) - 1

    @property
    def m(self) -> int:
        """Number of outputs (one)."""
        return 1

    @property
    def input_names(self) -> tuple[str, ...]:
        """x1 .. xn."""
        return default_input_names(self.n)

    @property
    def output_names(self) -> tuple[str, ...]:
        """The one output's name."""
        return (self.output_name,)

    def value_vector(self, output: int = 0) -> tuple[int, ...]:
        """The value (0, 1, -1 = don't care) on the rows with s ones, for s = 0 .. n."""
        return self.values

    def is_symmetric(self) -> bool:
        """Always True."""
        return True

    def evaluate(self, rows) -> np.ndarray:
        """Values (k, 1) at a (k, n) array of 0/1 input rows; -1 = don't care."""
        X = np.asarray(rows)
        if X.ndim != 2 or X.shape[1] != self.n:
            raise BoolnetError(f"evaluate needs a (k, {self.n}) array of input rows")
        counts = (X != 0).sum(axis=1)
        return np.asarray(self.values, np.int8)[counts][:, None]

    def to_function(self, limit: int | None = None) -> BooleanFunction:
        """The dense truth table (refused above the dense limit, as every table is)."""
        check_dense(self.n, limit=limit)
        return symmetric(list(self.values))

    def __repr__(self) -> str:
        return f"SymmetricSpec({self.kind}, n={self.n})"


def _from_bits(n: int, on: np.ndarray, input_names=None, output_names=None,
               structure: Netlist | None = None) -> BooleanFunction:
    return BooleanFunction(n, pack(np.atleast_2d(on)), None, input_names, output_names,
                           structure=structure)


def parity(n: int) -> BooleanFunction:
    """n-input parity (XOR): 1 when an odd number of inputs are 1.

    >>> parity(4).to_hex()
    '0x6996'
    """
    _check_n(n, 1)
    return _from_bits(n, row_weights(n) % 2 == 1)


def majority(n: int) -> BooleanFunction:
    """n-input majority: 1 when more than half the inputs are 1.

    >>> majority(3).minterms().tolist()
    [3, 5, 6, 7]
    """
    _check_n(n, 1)
    return _from_bits(n, 2 * row_weights(n).astype(np.int64) > n)


def threshold(weights: Sequence[int], t: float) -> BooleanFunction:
    """The threshold function 1 when sum(w_i x_i) >= t.

    >>> threshold([1, 1], 2).minterms().tolist()
    [3]
    """
    w = np.asarray(weights, dtype=float)
    n = len(w)
    _check_n(n, 1)
    s = np.zeros(1 << n)
    for i, wi in enumerate(w):
        s += wi * input_column(n, i)
    return _from_bits(n, s >= t)


def symmetric(values: Sequence[int]) -> BooleanFunction:
    """The symmetric function with the given value (0, 1 or -1 for don't-care) per number of ones.

    ``values`` has n+1 entries: values[k] is the output on rows with k ones.

    >>> symmetric([0, 1, 0, 1]).equivalent(parity(3))
    True
    """
    v = np.asarray(values)
    n = len(v) - 1
    _check_n(n, 0)
    if not np.isin(v, (0, 1, -1)).all():
        raise BoolnetError(f"a value vector holds 0, 1 or -1; got {list(values)}")
    w = row_weights(n)
    return BooleanFunction(n, pack((v[w] == 1)[None]), pack((v[w] == -1)[None]))


def _operand(n: int, first: int, k: int) -> np.ndarray:
    """The integer value of k inputs starting at ``first`` (MSB first) on every row."""
    val = np.zeros(1 << n, dtype=np.int64)
    for i in range(k):
        val = (val << 1) | input_column(n, first + i)
    return val


def _names(prefix: str, k: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(k - 1, -1, -1)]


def _outputs_of(value: np.ndarray, bits: int) -> np.ndarray:
    """Rows x output bits (MSB first) of an integer array, as (bits, rows) booleans."""
    return np.stack([((value >> b) & 1).astype(bool) for b in range(bits - 1, -1, -1)])


def adder(k: int) -> BooleanFunction:
    """The k-bit adder: inputs a(k-1)..a0 b(k-1)..b0, outputs s(k)..s0 (s(k) is the carry out).

    >>> adder(1).to_array().tolist()
    [[0, 0], [0, 1], [0, 1], [1, 0]]
    """
    _check_n(k, 1)
    n = 2 * k
    check_dense(n)
    a, b = _operand(n, 0, k), _operand(n, k, k)
    return _from_bits(n, _outputs_of(a + b, k + 1), _names("a", k) + _names("b", k),
                      _names("s", k + 1), _adder_structure(k))


def comparator(k: int) -> BooleanFunction:
    """The k-bit magnitude comparator: outputs lt, eq, gt of a against b.

    >>> comparator(1).to_array().tolist()
    [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
    """
    _check_n(k, 1)
    n = 2 * k
    check_dense(n)
    a, b = _operand(n, 0, k), _operand(n, k, k)
    return _from_bits(n, np.stack([a < b, a == b, a > b]), _names("a", k) + _names("b", k),
                      ["lt", "eq", "gt"], _comparator_structure(k))


def multiplier(k: int) -> BooleanFunction:
    """The k-bit multiplier: outputs p(2k-1)..p0 of a times b.

    >>> multiplier(2).evaluate([0b1111]).tolist()
    [[1, 0, 0, 1]]
    """
    _check_n(k, 1)
    n = 2 * k
    check_dense(n)
    a, b = _operand(n, 0, k), _operand(n, k, k)
    return _from_bits(n, _outputs_of(a * b, 2 * k), _names("a", k) + _names("b", k),
                      _names("p", 2 * k), _multiplier_structure(k))


# ---------------------------------------------------------------------------- structures
# The circuits a designer would draw, attached to the tables so that synthesis can start
# from them (boolnet.synth): carries are majorities and sums are 3-input XORs, the shapes
# a threshold mapper turns into two units per full adder.

def _bits_of(g: Netlist, first: int, k: int) -> list[int]:
    """The literals of a k-bit operand whose MSB is input ``first``, least significant first."""
    return [g.input(first + k - 1 - i) for i in range(k)]


def _full_adder(g: Netlist, a: int, b: int, c: int) -> tuple[int, int]:
    """(sum, carry) of three literals: carry = MAJ(a, b, c), sum = a ^ b ^ c."""
    return g.create_xor(g.create_xor(a, b), c), g.create_maj(a, b, c)


def _half_adder(g: Netlist, a: int, b: int) -> tuple[int, int]:
    """(sum, carry) of two literals: a ^ b and a & b (the XOR reuses the AND)."""
    return g.create_xor(a, b), g.create_and(a, b)


def _adder_structure(k: int) -> Netlist:
    """A ripple-carry adder: a half adder on bit 0, a full adder on each bit above."""
    g = Netlist(2 * k)
    a, b = _bits_of(g, 0, k), _bits_of(g, k, k)
    sums = []
    s, carry = _half_adder(g, a[0], b[0])
    sums.append(s)
    for i in range(1, k):
        s, carry = _full_adder(g, a[i], b[i], carry)
        sums.append(s)
    for lit in [carry] + sums[::-1]:  # outputs s(k) .. s0
        g.add_output(lit)
    return g


def _comparator_structure(k: int) -> Netlist:
    """Carry chains for gt and lt from bit 0 up, and eq as the AND of the bits' XNORs.

    gt = MAJ(a_i, ~b_i, gt below) (the borrow chain of b - a), lt likewise; eq as a 7485
    computes it (that eq is also ~lt & ~gt is left for auto's resubstitution to find).
    """
    g = Netlist(2 * k)
    a, b = _bits_of(g, 0, k), _bits_of(g, k, k)
    gt, lt = g.create_and(a[0], b[0] ^ 1), g.create_and(a[0] ^ 1, b[0])
    for i in range(1, k):
        gt = g.create_maj(a[i], b[i] ^ 1, gt)
        lt = g.create_maj(a[i] ^ 1, b[i], lt)
    eq = g.create_nary([g.create_xor(x, y) ^ 1 for x, y in zip(a, b)])
    for lit in (lt, eq, gt):
        g.add_output(lit)
    return g


def _multiplier_structure(k: int) -> Netlist:
    """Partial products a_i & b_j in Wallace stages of full adders, then a ripple-carry adder.

    Each stage takes every column's bits three at a time, all columns at once (pairs
    wait), until each column holds at most two bits.

    Measured against one column at a time (carries rippling through the reduction):
    the same units for k = 2, 3, 4, 6 (30 and 71 for 4 and 6 bits), 128 against 132 for
    k = 8 and 48 against 47 for k = 5, at depth 10 against 13 (k = 4), 14 against 23
    (k = 6) and 18 against 35 (k = 8); half adders in the stages gave more units.
    """
    g = Netlist(2 * k)
    a, b = _bits_of(g, 0, k), _bits_of(g, k, k)
    cols: list[list[int]] = [[] for _ in range(2 * k + 1)]
    for i in range(k):
        for j in range(k):
            cols[i + j].append(g.create_and(a[i], b[j]))
    while any(len(col) > 2 for col in cols):
        nxt: list[list[int]] = [[] for _ in range(2 * k + 1)]
        for w, col in enumerate(cols):
            i = 0
            while len(col) - i >= 3:
                s, c = _full_adder(g, col[i], col[i + 1], col[i + 2])
                nxt[w].append(s)
                nxt[w + 1].append(c)  # the carry out of the top column is always 0: unread
                i += 3
            nxt[w].extend(col[i:])
        cols = nxt
    out, carry = [], None
    for w in range(2 * k):
        col = cols[w] + ([] if carry is None else [carry])
        if len(col) == 3:
            s, carry = _full_adder(g, *col)
        elif len(col) == 2:
            s, carry = _half_adder(g, *col)
        else:
            s, carry = (col[0] if col else 0), None
        out.append(s)
    for lit in out[::-1]:  # outputs p(2k-1) .. p0
        g.add_output(lit)
    return g


def _check_n(n: int, least: int) -> None:
    if int(n) != n or n < least:
        raise BoolnetError(f"the number of inputs must be a whole number >= {least}, got {n}")
    check_dense(int(n))


#: Families reachable by name from the command line (``--family parity:8``).
FAMILIES = {
    "parity": parity,
    "xor": parity,
    "majority": majority,
    "adder": adder,
    "comparator": comparator,
    "multiplier": multiplier,
}


def spec_by_name(spec: str) -> BooleanFunction | SymmetricSpec:
    """Like :func:`by_name`, but a symmetric family (parity, majority, symmetric:...) above the
    dense limit comes back as a :class:`SymmetricSpec` instead of a refusal.

    >>> spec_by_name("majority:31")
    SymmetricSpec(majority, n=31)
    >>> spec_by_name("parity:3").n
    3
    """
    name, _, arg = spec.partition(":")
    name = name.strip().lower()
    try:
        if name in ("parity", "xor", "majority"):
            n = int(arg)
            if n >= 1 and n > dense_limit():
                if name == "majority":
                    return SymmetricSpec("majority", tuple(int(2 * s > n) for s in range(n + 1)))
                return SymmetricSpec("parity", tuple(s % 2 for s in range(n + 1)))
        elif name == "symmetric":
            values = [int(v) for v in arg.split(",")]
            if len(values) - 1 > dense_limit():
                if not set(values) <= {0, 1, -1}:
                    raise BoolnetError(f"a value vector holds 0, 1 or -1; got {values}")
                return SymmetricSpec("symmetric", tuple(values))
    except ValueError as exc:
        if isinstance(exc, BoolnetError):
            raise
        raise BoolnetError(f"family {spec!r}: {exc}") from None
    try:
        return by_name(spec)
    except TooLargeError as exc:
        raise TooLargeError(f"{exc} (only the symmetric families parity, majority and "
                            f"symmetric:... are compiled without their table)") from None


def by_name(spec: str) -> BooleanFunction:
    """A family member from text: ``parity:8``, ``majority:5``, ``adder:2``, ``symmetric:0,1,1,0``, ``threshold:2,1,1:2``.

    >>> by_name("parity:3").value_vector()
    (0, 1, 0, 1)
    """
    name, _, arg = spec.partition(":")
    name = name.strip().lower()
    try:
        if name == "symmetric":
            return symmetric([int(v) for v in arg.split(",")])
        if name == "threshold":
            w, _, t = arg.rpartition(":")
            return threshold([float(v) for v in w.split(",")], float(t))
        if name in FAMILIES:
            return FAMILIES[name](int(arg))
    except ValueError as exc:
        if isinstance(exc, BoolnetError):
            raise
        raise BoolnetError(f"family {spec!r}: {exc}") from None
    known = ", ".join(sorted(FAMILIES) + ["symmetric", "threshold"])
    raise BoolnetError(f"family {spec!r}: expected NAME:N with NAME one of {known} "
                       f"(symmetric:v0,v1,...; threshold:w1,...,wn:t)")
