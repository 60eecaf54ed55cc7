"""BooleanFunction: an immutable multi-output truth table with don't-cares, packed 64 rows a word.

Rows are numbered with the first input as the most significant bit: row 5 of a
3-input table is x1=1, x2=0, x3=1 (sympy's ``SOPform`` minterm convention).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from .bits import input_column, pack, popcount, row_weights, tail_mask, unpack, words_for
from .errors import BoolnetError, check_dense
from .npn import MAX_INPUTS as NPN_MAX_INPUTS, NPNTransform, npn_canonical

__all__ = ["BooleanFunction", "DC", "default_input_names", "default_output_names"]

#: The value that marks a don't-care row in arrays returned by :meth:`BooleanFunction.to_array`.
DC = -1

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\[\]<>]*$")


def default_input_names(n: int) -> tuple[str, ...]:
    """The default input names x1 .. xn."""
    return tuple(f"x{i + 1}" for i in range(n))


def default_output_names(m: int) -> tuple[str, ...]:
    """The default output names: f for one output, f1 .. fm for several."""
    return ("f",) if m == 1 else tuple(f"f{j + 1}" for j in range(m))


def _check_names(names: Sequence[str] | None, count: int, kind: str, default) -> tuple[str, ...]:
    if names is None:
        return default(count)
    names = tuple(str(s) for s in names)
    if len(names) != count:
        raise BoolnetError(f"{len(names)} {kind} names given for {count} {kind}s")
    if len(set(names)) != len(names):
        dup = sorted({s for s in names if names.count(s) > 1})
        raise BoolnetError(f"{kind} names must be distinct; repeated: "
                           f"{', '.join(_short(s) for s in dup[:5])}")
    for s in names:
        if not s or any(c.isspace() for c in s):
            raise BoolnetError(f"{kind} name {_short(s)} is empty or contains white space")
    return names


def _short(text: str, limit: int = 40) -> str:
    """repr of a text cut to ``limit`` characters, so a message about it stays one line."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} characters)"


def _count_ops(expr) -> int:
    """Number of operation nodes of a sympy expression (iteratively: trees may be deep)."""
    count, stack = 0, [expr]
    while stack:
        node = stack.pop()
        args = getattr(node, "args", ())
        if args:
            count += 1
            stack.extend(args)
    return count


class Rows(list):
    """Row numbers as a list of Python ints; ``tolist()`` is kept for code written when they were an array."""

    def tolist(self) -> list[int]:
        """A plain list of the row numbers."""
        return list(self)


class BooleanFunction:
    """A truth table of ``n`` inputs and ``m`` outputs with ON and don't-care sets.

    >>> f = BooleanFunction.from_minterms(3, [1, 2, 4, 7])
    >>> f.on_count().tolist(), f.is_symmetric()
    ([4], True)
    >>> f.evaluate([5, 7]).ravel().tolist()
    [0, 1]
    """

    __slots__ = ("_n", "_on", "_dc", "_input_names", "_output_names", "_hash", "_structure")

    def __init__(self, n: int, on: np.ndarray, dc: np.ndarray | None = None,
                 input_names: Sequence[str] | None = None,
                 output_names: Sequence[str] | None = None, *, structure: object | None = None):
        """Build from packed ON and DC words of shape (m, words); DC rows win over ON.

        ``structure`` is an optional :class:`boolnet.netlist.Netlist` over the same inputs
        and outputs that computes the table on its care rows (see :attr:`structure`).
        """
        n = int(n)
        if n < 0:
            raise BoolnetError(f"number of inputs must be >= 0, got {n}")
        check_dense(n)
        rows = 1 << n
        on = np.atleast_2d(np.asarray(on, dtype=np.uint64))
        # The masking below makes three packed copies (1/8 byte a row each) per output.
        check_dense(n, 0.5, m=on.shape[0])
        nw = words_for(rows)
        if on.shape[1] != nw:
            raise BoolnetError(f"ON words have shape {on.shape}; expected (m, {nw}) for {n} inputs")
        dc = np.zeros_like(on) if dc is None else np.atleast_2d(np.asarray(dc, dtype=np.uint64))
        if dc.shape != on.shape:
            raise BoolnetError(f"DC words have shape {dc.shape}; expected {on.shape}")
        mask = tail_mask(rows)
        dc = dc & mask
        on = on & ~dc & mask
        on.setflags(write=False)
        dc.setflags(write=False)
        self._n = n
        self._on = on
        self._dc = dc
        self._input_names = _check_names(input_names, n, "input", default_input_names)
        self._output_names = _check_names(output_names, on.shape[0], "output",
                                          default_output_names)
        self._hash = None
        # Not imported here (function.py is a bottom module): any object with the netlist's
        # n and outputs; only synthesis reads it, and every network is verified anyway.
        if structure is not None and (getattr(structure, "n", None) != n
                                      or len(getattr(structure, "outputs", ())) != on.shape[0]):
            raise BoolnetError(f"the structure {structure!r} does not have this table's {n} "
                               f"inputs and {on.shape[0]} outputs")
        self._structure = structure

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_array(cls, table, input_names: Sequence[str] | None = None,
                   output_names: Sequence[str] | None = None) -> "BooleanFunction":
        """Build from an array of 2^n rows (or 2^n x m) holding 0, 1 and -1 for don't-care.

        >>> BooleanFunction.from_array([0, 1, 1, -1]).dc_count().tolist()
        [1]
        """
        a = np.asarray(table)
        if a.dtype == bool:
            a = a.astype(np.int8)
        if a.ndim == 1:
            a = a[:, None]
        if a.ndim != 2:
            raise BoolnetError(f"a truth table must be 1- or 2-dimensional, got shape {a.shape}")
        rows = a.shape[0]
        n = rows.bit_length() - 1
        if rows == 0 or (1 << n) != rows:
            raise BoolnetError(f"a truth table needs 2^n rows; got {rows}")
        bad = ~np.isin(a, (0, 1, DC))
        if bad.any():
            r, c = np.argwhere(bad)[0]
            raise BoolnetError(f"truth table row {r}, output {c}: value {a[r, c].item()!r}; "
                               f"expected 0, 1 or {DC} (don't-care)")
        return cls(n, pack((a == 1).T), pack((a == DC).T), input_names, output_names)

    @classmethod
    def from_minterms(cls, n: int, minterms: Iterable, dontcares: Iterable = (),
                      input_names: Sequence[str] | None = None,
                      output_names: Sequence[str] | None = None) -> "BooleanFunction":
        """Build from ON minterms (a list, or one list per output) and don't-care minterms.

        >>> BooleanFunction.from_minterms(2, [1, 2]).to_array().ravel().tolist()
        [0, 1, 1, 0]
        """
        check_dense(n)
        minterms = list(minterms)
        dontcares = list(dontcares)
        multi = bool(minterms) and not np.isscalar(minterms[0])
        ons = minterms if multi else [minterms]
        check_dense(n, 3, m=len(ons))  # ON and DC rows as bytes, then packed
        if multi:
            dcs = dontcares if dontcares else [[] for _ in ons]
            if len(dcs) != len(ons):
                raise BoolnetError(f"{len(dcs)} don't-care lists for {len(ons)} outputs")
        else:
            dcs = [dontcares]
        rows = 1 << n
        on_bits = np.zeros((len(ons), rows), dtype=bool)
        dc_bits = np.zeros((len(ons), rows), dtype=bool)
        for j, (terms, dterms) in enumerate(zip(ons, dcs)):
            for kind, src, dst in (("minterm", terms, on_bits), ("don't-care", dterms, dc_bits)):
                idx = np.asarray(list(src), dtype=np.int64)
                if idx.size and (idx.min() < 0 or idx.max() >= rows):
                    badv = idx[(idx < 0) | (idx >= rows)][0]
                    raise BoolnetError(f"{kind} {badv} is out of range for {n} inputs "
                                       f"(0 .. {rows - 1})")
                dst[j, idx] = True
            both = on_bits[j] & dc_bits[j]
            if both.any():
                raise BoolnetError(f"row {int(np.flatnonzero(both)[0])} is listed both as a "
                                   f"minterm and as a don't-care")
        return cls(n, pack(on_bits), pack(dc_bits), input_names, output_names)

    @classmethod
    def from_callable(cls, fn: Callable, n: int, input_names: Sequence[str] | None = None,
                      output_names: Sequence[str] | None = None,
                      vectorized: bool = False) -> "BooleanFunction":
        """Build by calling ``fn(x1, ..., xn)`` on every row (0/1 ints); it returns a value or a tuple.

        With ``vectorized=True`` ``fn`` is called once with one boolean array per input.
        None (or -1) from ``fn`` marks a don't-care.

        >>> BooleanFunction.from_callable(lambda a, b: a ^ b, 2).to_array().ravel().tolist()
        [0, 1, 1, 0]
        """
        check_dense(n)
        rows = 1 << n
        if vectorized:
            out = fn(*(input_column(n, i) for i in range(n)))
            outs = list(out) if isinstance(out, (tuple, list)) else [out]
            table = np.stack([np.broadcast_to(np.asarray(o).astype(np.int8), (rows,))
                              for o in outs], axis=1)
        else:
            results = []
            for r in range(rows):
                bits = [(r >> (n - 1 - i)) & 1 for i in range(n)]
                v = fn(*bits)
                v = tuple(v) if isinstance(v, (tuple, list)) else (v,)
                results.append([DC if x is None else int(x) for x in v])
            widths = {len(v) for v in results}
            if len(widths) != 1:
                raise BoolnetError(f"the function returned tuples of different lengths {sorted(widths)}")
            table = np.array(results, dtype=np.int64)
        return cls.from_array(table, input_names, output_names)

    @classmethod
    def from_expr(cls, expr, input_names: Sequence[str] | None = None,
                  output_names: Sequence[str] | None = None) -> "BooleanFunction":
        """Build from an expression: text such as ``'x1 & ~x2 | x3'``, a sympy Boolean, or a list of them.

        Inputs are ordered by first appearance in the text unless ``input_names`` is given.

        >>> BooleanFunction.from_expr("a ^ b").to_array().ravel().tolist()
        [0, 1, 1, 0]
        """
        from .syntax import count_operations, evaluate_tree, parse_tree

        exprs = list(expr) if isinstance(expr, (list, tuple)) else [expr]
        parsed, seen = [], {}  # a dict keeps first appearance and looks up in O(1)
        for e in exprs:
            if isinstance(e, str):
                # Text is evaluated from its parse tree, without sympy (a second to import);
                # dense: refuse too many inputs before anything is built.
                tree, names = parse_tree(e, dense=True)
                parsed.append((evaluate_tree, tree, count_operations(tree)))
            else:
                from .sympy_eval import evaluate_sympy, free_names
                names = free_names(e)
                parsed.append((evaluate_sympy, e, _count_ops(e)))
            seen.update(dict.fromkeys(names))
        names = tuple(input_names) if input_names is not None else tuple(seen)
        given = set(names)
        missing = [s for s in seen if s not in given]
        if missing:
            raise BoolnetError(f"the expression uses {', '.join(missing)}, "
                               f"which are not among the inputs {', '.join(names)}")
        n = len(names)
        # One byte a row for every input column and for every operation's result (the
        # evaluator keeps them all): refuse before the first column is built.
        check_dense(n, n + sum(ops for _, _, ops in parsed) + 1, what="expression evaluation")
        cols = {s: input_column(n, i) for i, s in enumerate(names)}
        on = np.stack([evaluate(e, cols, 1 << n) for evaluate, e, _ in parsed])
        return cls(n, pack(on), None, names, output_names)

    @classmethod
    def from_hex(cls, text: str, n: int | None = None, input_names: Sequence[str] | None = None,
                 output_names: Sequence[str] | None = None) -> "BooleanFunction":
        """Build a one-output function from a hex truth table: bit i of the number is the value on row i.

        ``0x6996`` is 4-input parity; ``0x8`` is the 2-input AND. ``n`` defaults to
        log2 of four times the number of hex digits (so write leading zeros).

        >>> BooleanFunction.from_hex("0x6996").to_hex()
        '0x6996'
        """
        s = text.strip().lower()
        if s.startswith("0x"):
            s = s[2:]
        s = s.replace("_", "")
        if not s or not re.fullmatch(r"[0-9a-f]+", s):
            raise BoolnetError(f"hex truth table {_short(text)}: expected hex digits such as 0x6996")
        if n is None:
            bits = 4 * len(s)
            n = bits.bit_length() - 1
            if (1 << n) != bits:
                raise BoolnetError(f"hex truth table {_short(text)} has {len(s)} digits = {bits} bits, "
                                   f"not a power of two; pad with leading zeros or give n")
        check_dense(n)
        rows = 1 << n
        nw = words_for(rows)
        # Through bytes, not a Python int shifted word by word (quadratic: 19 s at n = 22).
        digits = s.lstrip("0")
        raw = bytes.fromhex(digits.rjust(len(digits) + len(digits) % 2, "0"))[::-1]
        if len(raw) > 8 * nw:
            over = True
        else:
            words = np.frombuffer(raw.ljust(8 * nw, b"\0"), dtype="<u8").astype(np.uint64)
            over = bool((words & ~tail_mask(rows)).any())
        if over:
            raise BoolnetError(f"hex truth table {_short(text)} has bits beyond row {rows - 1} "
                               f"of a {n}-input table")
        return cls(n, words[None, :], None, input_names, output_names)

    # ------------------------------------------------------------------ basic properties
    @property
    def n(self) -> int:
        """Number of inputs."""
        return self._n

    @property
    def m(self) -> int:
        """Number of outputs."""
        return self._on.shape[0]

    @property
    def rows(self) -> int:
        """Number of rows, 2^n."""
        return 1 << self._n

    @property
    def input_names(self) -> tuple[str, ...]:
        """Input names, most significant first."""
        return self._input_names

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names."""
        return self._output_names

    @property
    def on_words(self) -> np.ndarray:
        """Packed ON set, shape (m, words), read-only."""
        return self._on

    @property
    def dc_words(self) -> np.ndarray:
        """Packed don't-care set, shape (m, words), read-only."""
        return self._dc

    @property
    def off_words(self) -> np.ndarray:
        """Packed OFF set (neither ON nor don't-care), shape (m, words)."""
        return ~(self._on | self._dc) & tail_mask(self.rows)

    def with_names(self, input_names: Sequence[str] | None = None,
                   output_names: Sequence[str] | None = None) -> "BooleanFunction":
        """The same table with other input and/or output names (and the same structure)."""
        return BooleanFunction(self._n, self._on, self._dc,
                               self._input_names if input_names is None else input_names,
                               self._output_names if output_names is None else output_names,
                               structure=self._structure)

    @property
    def structure(self) -> object | None:
        """The gate structure the function was given with (a Netlist), or None.

        Readers of BLIF, AIGER and Verilog and the arithmetic families attach it; synthesis
        starts from it beside the cover. Equality and hashing look at the table only, and
        operations that make a new table drop it.
        """
        return self._structure

    def with_structure(self, structure: object | None) -> "BooleanFunction":
        """The same table carrying ``structure`` (a Netlist of its inputs and outputs, or None)."""
        return BooleanFunction(self._n, self._on, self._dc, self._input_names,
                               self._output_names, structure=structure)

    # ------------------------------------------------------------------ views
    def on_bits(self) -> np.ndarray:
        """ON set as a boolean array (m, 2^n)."""
        return unpack(self._on, self.rows)

    def dc_bits(self) -> np.ndarray:
        """Don't-care set as a boolean array (m, 2^n)."""
        return unpack(self._dc, self.rows)

    def to_array(self) -> np.ndarray:
        """The table as int8 (2^n, m): 1 ON, 0 OFF, -1 don't-care."""
        check_dense(self._n, 4, m=self.m)  # ON and DC bytes, the table and its transpose
        t = self.on_bits().astype(np.int8)
        t[self.dc_bits()] = DC
        return np.ascontiguousarray(t.T)

    def minterms(self, output: int = 0) -> "Rows":
        """ON row numbers of one output, as Python ints (what sympy's SOPform takes).

        >>> BooleanFunction.from_expr("a ^ b").minterms()
        [1, 2]
        """
        return Rows(np.flatnonzero(unpack(self._on[output], self.rows)).tolist())

    def dontcares(self, output: int = 0) -> "Rows":
        """Don't-care row numbers of one output, as Python ints."""
        return Rows(np.flatnonzero(unpack(self._dc[output], self.rows)).tolist())

    def to_hex(self, output: int = 0) -> str:
        """The hex truth table of one output (bit i = row i); don't-cares read as 0."""
        digits = max(1, self.rows // 4)
        # Little-endian words -> big-endian bytes -> hex, linear in the table's size.
        text = self._on[output].astype("<u8").tobytes()[::-1].hex()
        return "0x" + text[-digits:]

    def npn(self) -> NPNTransform:
        """The NPN canonical form of a one-output function of at most 6 inputs, don't-cares read as 0.

        Returns the canonical table with the input permutation and negations and the output
        negation that reach it (see :mod:`boolnet.npn`).

        >>> t = BooleanFunction.from_hex("0x6996").npn(); hex(t.tt), t.class_size
        ('0x6996', 2)
        """
        if self.m != 1:
            raise BoolnetError(f"an NPN form is defined for one output; this function has {self.m}")
        if self._n > NPN_MAX_INPUTS:
            raise BoolnetError(f"NPN forms are computed for 0 .. {NPN_MAX_INPUTS} inputs, "
                               f"this function has {self._n}")
        return npn_canonical(int(self._on[0, 0]), self._n)

    def evaluate(self, rows) -> np.ndarray:
        """Values (k, m) at the given rows: row numbers, or a (k, n) array of 0/1 inputs; -1 = don't-care."""
        r = np.asarray(rows)
        if r.ndim == 2:
            if r.shape[1] != self._n:
                raise BoolnetError(f"input vectors have {r.shape[1]} columns; expected {self._n}")
            weights = (1 << np.arange(self._n - 1, -1, -1)).astype(np.int64)
            r = (r.astype(np.int64) != 0) @ weights if self._n else np.zeros(len(r), np.int64)
        r = np.atleast_1d(r).astype(np.int64)
        if r.size and (r.min() < 0 or r.max() >= self.rows):
            raise BoolnetError(f"row numbers must lie in 0 .. {self.rows - 1}")
        word, bit = r // 64, (r % 64).astype(np.uint64)
        on = ((self._on[:, word] >> bit) & np.uint64(1)).astype(np.int8)
        dc = ((self._dc[:, word] >> bit) & np.uint64(1)).astype(bool)
        on[dc] = DC
        return on.T

    def __call__(self, *bits: int):
        """Value of the function at one input vector: an int for one output, else a tuple."""
        if len(bits) != self._n:
            raise BoolnetError(f"expected {self._n} input values, got {len(bits)}")
        row = 0
        for b in bits:
            row = (row << 1) | (1 if b else 0)
        v = self.evaluate([row])[0]
        return int(v[0]) if self.m == 1 else tuple(int(x) for x in v)

    # ------------------------------------------------------------------ comparison
    def __eq__(self, other) -> bool:
        if not isinstance(other, BooleanFunction):
            return NotImplemented
        return (self.equivalent(other) and self._input_names == other._input_names
                and self._output_names == other._output_names)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self._n, self._on.tobytes(), self._dc.tobytes(),
                               self._input_names, self._output_names))
        return self._hash

    def equivalent(self, other: "BooleanFunction") -> bool:
        """Same ON and don't-care sets (names ignored)."""
        return (self._n == other._n and self._on.shape == other._on.shape
                and np.array_equal(self._on, other._on) and np.array_equal(self._dc, other._dc))

    def mismatch(self, other: "BooleanFunction") -> tuple[int, int] | None:
        """First (row, output) where ``other`` differs from this function on a care row, else None."""
        if (self._n, self.m) != (other._n, other.m):
            raise BoolnetError(f"cannot compare a {self._n}-input {self.m}-output function with "
                               f"a {other._n}-input {other.m}-output one")
        diff = (self._on ^ other._on) & ~self._dc & tail_mask(self.rows)
        hit = np.argwhere(diff)
        if hit.size == 0:
            return None
        j, k = (int(v) for v in hit[0])
        w = int(diff[j, k])
        bit = (w & -w).bit_length() - 1
        return 64 * k + bit, j

    def matches(self, other: "BooleanFunction") -> bool:
        """True when ``other`` equals this function on every care row."""
        return self.mismatch(other) is None

    # ------------------------------------------------------------------ operations
    def complement(self) -> "BooleanFunction":
        """The complement: ON and OFF swapped, don't-cares kept."""
        return BooleanFunction(self._n, self.off_words, self._dc, self._input_names,
                               self._output_names)

    __invert__ = complement

    def _index(self, var) -> int:
        if isinstance(var, str):
            try:
                return self._input_names.index(var)
            except ValueError:
                raise BoolnetError(f"no input named {var!r}; inputs are "
                                   f"{', '.join(self._input_names)}") from None
        i = int(var)
        if not 0 <= i < self._n:
            raise BoolnetError(f"input index {i} out of range 0 .. {self._n - 1}")
        return i

    def _split(self, bits: np.ndarray, i: int) -> np.ndarray:
        # (m, 2^n) -> (m, 2^i, 2, 2^(n-1-i)): axis 2 is input i.
        return bits.reshape(bits.shape[0], 1 << i, 2, 1 << (self._n - 1 - i))

    def cofactor(self, var, value: int) -> "BooleanFunction":
        """The cofactor with input ``var`` (index or name) fixed to ``value``: n-1 inputs."""
        i = self._index(var)
        v = 1 if value else 0
        on = self._split(self.on_bits(), i)[:, :, v, :].reshape(self.m, -1)
        dc = self._split(self.dc_bits(), i)[:, :, v, :].reshape(self.m, -1)
        names = self._input_names[:i] + self._input_names[i + 1:]
        return BooleanFunction(self._n - 1, pack(on), pack(dc), names, self._output_names)

    def restrict(self, assignment: Mapping) -> "BooleanFunction":
        """Fix several inputs at once: ``{name_or_index: 0/1}``."""
        order = sorted(((self._index(k), v) for k, v in assignment.items()), reverse=True)
        f = self
        for i, v in order:  # from the highest index so lower indices stay valid
            f = f.cofactor(i, v)
        return f

    def support(self) -> tuple[int, ...]:
        """Indices of the inputs that matter to some output on care rows."""
        check_dense(self._n, 5, m=self.m)
        on, dc = self.on_bits(), self.dc_bits()
        used = []
        for i in range(self._n):
            s_on, s_dc = self._split(on, i), self._split(dc, i)
            differ = (s_on[:, :, 0] != s_on[:, :, 1]) & ~s_dc[:, :, 0] & ~s_dc[:, :, 1]
            if differ.any():
                used.append(i)
        return tuple(used)

    def on_count(self) -> np.ndarray:
        """Number of ON rows per output."""
        return popcount(self._on).sum(axis=1)

    def dc_count(self) -> np.ndarray:
        """Number of don't-care rows per output."""
        return popcount(self._dc).sum(axis=1)

    def off_count(self) -> np.ndarray:
        """Number of OFF rows per output."""
        return self.rows - self.on_count() - self.dc_count()

    def value_vector(self, output: int = 0) -> tuple[int, ...] | None:
        """Value per number of ones (length n+1; -1 where every such row is don't-care), or None if not symmetric.

        >>> BooleanFunction.from_expr("a ^ b ^ c").value_vector()
        (0, 1, 0, 1)
        """
        w = row_weights(self._n)
        on = unpack(self._on[output], self.rows)
        dc = unpack(self._dc[output], self.rows)
        care = ~dc
        k = self._n + 1
        ones = np.bincount(w[care & on], minlength=k)
        zeros = np.bincount(w[care & ~on], minlength=k)
        if np.any((ones > 0) & (zeros > 0)):
            return None
        return tuple(int(v) for v in np.where(ones > 0, 1, np.where(zeros > 0, 0, DC)))

    def is_symmetric(self) -> bool:
        """True when every output depends only on the number of inputs that are 1 (on care rows)."""
        return all(self.value_vector(j) is not None for j in range(self.m))

    # ------------------------------------------------------------------ printing
    def format_table(self, max_rows: int = 1 << 12) -> str:
        """The truth table as text, one row per line; '-' marks a don't-care."""
        if self.rows > max_rows:
            raise BoolnetError(f"the table has {self.rows} rows; printing is limited to "
                               f"{max_rows} (write it to a file instead)")
        t = self.to_array()
        head = " ".join(self._input_names) + " | " + " ".join(self._output_names)
        lines = [head, "-" * len(head)]
        widths_in = [len(s) for s in self._input_names]
        widths_out = [len(s) for s in self._output_names]
        sym = {0: "0", 1: "1", DC: "-"}
        for r in range(self.rows):
            bits = [(r >> (self._n - 1 - i)) & 1 for i in range(self._n)]
            left = " ".join(str(b).rjust(wd) for b, wd in zip(bits, widths_in))
            right = " ".join(sym[int(v)].rjust(wd) for v, wd in zip(t[r], widths_out))
            lines.append(f"{left} | {right}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        ins = ",".join(self._input_names)
        outs = ",".join(self._output_names)
        return (f"BooleanFunction(n={self._n}, m={self.m}, inputs=({ins}), outputs=({outs}), "
                f"on={self.on_count().tolist()}, dc={self.dc_count().tolist()})")

    def _repr_html_(self) -> str:
        """Jupyter's view: K-maps (2-4 inputs) and the truth table (up to 6 inputs) as HTML."""
        from .display import function_html
        return function_html(self)
