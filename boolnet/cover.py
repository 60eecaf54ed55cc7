"""Cover: a sum of products per output, stored as cubes in packed NumPy arrays.

A cube over n inputs is two masks of ceil(n/64) ``uint64`` words: ``care`` (bit i set
when input i appears as a literal) and ``value`` (its polarity, 1 for the positive
literal). Input i (0-based, x1 = input 0) sits at bit i % 64 of word i // 64. A
multi-output cover also keeps, per cube, the boolean row of outputs the cube feeds
(Espresso's output part), so one product term can be shared by several outputs.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .bits import input_column, pack, popcount, tail_mask, words_for
from .errors import BoolnetError, check_dense, check_memory
from .function import BooleanFunction, _check_names, default_input_names, default_output_names

__all__ = ["Cover", "CubeFunction"]

_ONE = np.uint64(1)


def _bit_arrays(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Word index and bit mask of every input, for packing literals."""
    idx = np.arange(n)
    return idx // 64, (_ONE << (idx % 64).astype(np.uint64)).astype(np.uint64)


class Cover:
    """A multi-output sum of products: cubes as packed care/value masks plus an output part.

    >>> c = Cover.from_strings(["1-0", "011"], n=3)
    >>> c.num_terms, c.num_literals, c.to_expr()
    (2, 5, 'x1 & ~x3 | ~x1 & x2 & x3')
    """

    __slots__ = ("_n", "_care", "_value", "_outputs", "_input_names", "_output_names")

    def __init__(self, n: int, care: np.ndarray, value: np.ndarray,
                 outputs: np.ndarray | None = None, m: int | None = None,
                 input_names: Sequence[str] | None = None,
                 output_names: Sequence[str] | None = None):
        """Build from care and value words (k, ceil(n/64)) and a boolean output part (k, m)."""
        n = int(n)
        nw = words_for(n)
        care = np.array(care, dtype=np.uint64).reshape(-1, nw)  # own copies: we mask them
        value = np.array(value, dtype=np.uint64).reshape(-1, nw)
        if care.shape != value.shape:
            raise BoolnetError(f"care {care.shape} and value {value.shape} masks differ in shape")
        k = care.shape[0]
        if outputs is None:
            m = 1 if m is None else int(m)
            outputs = np.ones((k, m), dtype=bool)
        outputs = np.asarray(outputs, dtype=bool).reshape(k, -1) if k else \
            np.zeros((0, m if m is not None else (len(output_names) if output_names else 1)), bool)
        if m is not None and outputs.shape[1] != m:
            raise BoolnetError(f"output part has {outputs.shape[1]} columns; expected {m}")
        # Keep the representation canonical: no value bits outside the care bits, no
        # bits beyond input n-1.
        if n % 64 and nw:
            care[:, -1] &= np.uint64((1 << (n % 64)) - 1)
        value = value & care
        for a in (care, value, outputs):
            a.setflags(write=False)
        self._n = n
        self._care, self._value, self._outputs = care, value, outputs
        self._input_names = _check_names(input_names, n, "input", default_input_names)
        self._output_names = _check_names(output_names, outputs.shape[1], "output",
                                          default_output_names)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_strings(cls, cubes: Iterable[str], n: int | None = None,
                     outputs: Iterable[str] | None = None, **names) -> "Cover":
        """Build from cube strings over '0', '1', '-' (input 0 first) and optional output strings of '0'/'1'."""
        cubes = list(cubes)
        if n is None:
            if not cubes:
                raise BoolnetError("give n for an empty cover")
            n = len(cubes[0])
        chars = np.array([list(c) for c in cubes], dtype="U1").reshape(len(cubes), n) if cubes \
            else np.zeros((0, n), dtype="U1")
        bad = ~np.isin(chars, ["0", "1", "-"])
        if bad.any():
            r, c = np.argwhere(bad)[0]
            raise BoolnetError(f"cube {r}: character {chars[r, c]!r} at {c}; expected 0, 1 or -")
        out = None
        if outputs is not None:
            out = np.array([[ch == "1" for ch in s] for s in outputs], dtype=bool)
        return cls.from_literals(chars != "-", chars == "1", out, **names)

    @classmethod
    def from_literals(cls, care: np.ndarray, value: np.ndarray, outputs: np.ndarray | None = None,
                      m: int | None = None, input_names=None, output_names=None) -> "Cover":
        """Build from boolean (k, n) arrays: which inputs each cube cares about, and their values."""
        care = np.asarray(care, dtype=bool)
        value = np.asarray(value, dtype=bool)
        k, n = care.shape
        return cls(n, _pack_inputs(care), _pack_inputs(value & care), outputs, m,
                   input_names, output_names)

    @classmethod
    def from_function(cls, f: BooleanFunction, include_dc: bool = False) -> "Cover":
        """The canonical cover: one full cube per ON minterm (shared across outputs)."""
        words = (f.on_words | f.dc_words) if include_dc else f.on_words
        count = int(popcount(np.bitwise_or.reduce(words, axis=0)).sum())
        # Per cube: the int64 shifts (8 bytes an input), two boolean copies, packed words
        # and the output part; 2^25 minterms of 25 inputs would ask several GiB. Counted
        # from the packed words, before the unpacked table exists.
        check_memory(count * (f.n * 11.0 + f.m * 2 + 64) + f.m * f.rows * 2.0,
                     f"a cover of {count} minterm cubes over {f.n} inputs")
        on = f.on_bits()
        if include_dc:
            on = on | f.dc_bits()
        rows = np.flatnonzero(on.any(axis=0))
        bits = ((rows[:, None] >> np.arange(f.n - 1, -1, -1)) & 1).astype(bool)
        return cls.from_literals(np.ones_like(bits), bits, on[:, rows].T, f.m,
                                 f.input_names, f.output_names)

    @classmethod
    def empty(cls, n: int, m: int = 1, input_names=None, output_names=None) -> "Cover":
        """The cover of the constant-0 function."""
        nw = words_for(n)
        z = np.zeros((0, nw), dtype=np.uint64)
        return cls(n, z, z, np.zeros((0, m), dtype=bool), m, input_names, output_names)

    # ------------------------------------------------------------------ properties
    @property
    def n(self) -> int:
        """Number of inputs."""
        return self._n

    @property
    def m(self) -> int:
        """Number of outputs."""
        return self._outputs.shape[1]

    @property
    def care(self) -> np.ndarray:
        """Packed literal masks, shape (cubes, words)."""
        return self._care

    @property
    def value(self) -> np.ndarray:
        """Packed literal polarities, shape (cubes, words)."""
        return self._value

    @property
    def outputs(self) -> np.ndarray:
        """Output part, boolean (cubes, m)."""
        return self._outputs

    @property
    def input_names(self) -> tuple[str, ...]:
        """Input names."""
        return self._input_names

    @property
    def output_names(self) -> tuple[str, ...]:
        """Output names."""
        return self._output_names

    def __len__(self) -> int:
        return self._care.shape[0]

    @property
    def num_terms(self) -> int:
        """Number of distinct product terms (cubes)."""
        return self._care.shape[0]

    @property
    def num_literals(self) -> int:
        """Number of literals over all cubes (each cube counted once, however many outputs it feeds)."""
        return int(popcount(self._care).sum())

    def terms_per_output(self) -> np.ndarray:
        """Number of product terms feeding each output."""
        return self._outputs.sum(axis=0)

    def literals_per_output(self) -> np.ndarray:
        """Number of literals in each output's sum of products."""
        lits = popcount(self._care).sum(axis=1)
        return (self._outputs * lits[:, None]).sum(axis=0)

    def literal_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Boolean (k, n) arrays: care and value per cube and input."""
        return _unpack_inputs(self._care, self._n), _unpack_inputs(self._value, self._n)

    def with_names(self, input_names=None, output_names=None) -> "Cover":
        """The same cubes with other names."""
        return Cover(self._n, self._care, self._value, self._outputs, self.m,
                     self._input_names if input_names is None else input_names,
                     self._output_names if output_names is None else output_names)

    def select(self, index) -> "Cover":
        """A cover made of a subset of the cubes (index array or boolean mask)."""
        return Cover(self._n, self._care[index], self._value[index], self._outputs[index],
                     self.m, self._input_names, self._output_names)

    def output(self, j: int) -> "Cover":
        """The single-output cover of output j."""
        keep = self._outputs[:, j]
        return Cover(self._n, self._care[keep], self._value[keep], None, 1,
                     self._input_names, (self._output_names[j],))

    # ------------------------------------------------------------------ conversions
    def cube_strings(self) -> list[str]:
        """Each cube as a string of '0', '1', '-' (input 0 first)."""
        care, value = self.literal_arrays()
        chars = np.where(care, np.where(value, "1", "0"), "-")
        return ["".join(row) for row in chars]

    def cube_rows(self, limit: int | None = None) -> np.ndarray:
        """Boolean (k, 2^n): which rows each cube covers (dense; guarded by the input limit)."""
        check_dense(self._n, bytes_per_row=max(1, len(self)), what="cube row matrix", limit=limit)
        care, value = self.literal_arrays()
        rows = 1 << self._n
        hit = np.ones((len(self), rows), dtype=bool)
        for i in range(self._n):
            lit = care[:, i]
            if not lit.any():
                continue
            col = input_column(self._n, i)
            # A cube with a literal on input i keeps the rows where the input equals its value.
            hit[lit] &= col[None, :] == value[lit, i][:, None]
        return hit

    def to_function(self, dc: "Cover | None" = None, limit: int | None = None) -> BooleanFunction:
        """The truth table this cover computes (optionally with a don't-care cover)."""
        check_dense(self._n, limit=limit, m=self.m)  # every output has its own 2^n rows
        on = self.packed_rows()
        dcw = dc.packed_rows() if dc is not None else None
        return BooleanFunction(self._n, on, dcw, self._input_names, self._output_names)

    def packed_rows(self) -> np.ndarray:
        """Packed (m, words) table of the rows each output's cubes cover.

        Built 256 cubes at a time in packed words: the memory is the table's, not a byte
        per (cube, row) as ``cube_rows`` would take.
        """
        from . import cubes
        if len(self) == 0:
            return np.zeros((self.m, words_for(1 << self._n)), np.uint64)
        return cubes.cover_words(self._care, self._value, self._outputs, self._n)

    def _output_index(self, output: int | None, what: str) -> int:
        """The output a one-output method works on: the only one, or the one named; never a silent 0."""
        if output is None:
            if self.m != 1:
                raise BoolnetError(f"{what}: this cover has {self.m} outputs "
                                   f"({', '.join(self._output_names)}); pass output=j for one, "
                                   f"or use {what}s() for all")
            return 0
        j = int(output)
        if not 0 <= j < self.m:
            raise BoolnetError(f"{what}: output {output} is out of range; this cover has "
                               f"{self.m} output{'s' if self.m != 1 else ''}")
        return j

    def to_expr(self, output: int | None = None, style: str = "python") -> str:
        """One output's sum of products as text: ``x1 & ~x3 | ~x1 & x2`` (style 'python') or ``x1 x3' + x1' x2`` ('textbook').

        ``output`` may be left out only for a single-output cover; a multi-output
        cover raises BoolnetError instead of answering for its first output.
        """
        if style not in ("python", "textbook"):
            raise BoolnetError(f"to_expr: style must be 'python' or 'textbook', got {style!r}")
        j = self._output_index(output, "to_expr")
        care, value = self.literal_arrays()
        sel = np.flatnonzero(self._outputs[:, j])
        if len(sel) == 0:
            return "0"
        terms = []
        for k in sel:
            lits = []
            for i in np.flatnonzero(care[k]):
                name = self._input_names[i]
                if style == "textbook":
                    lits.append(name if value[k, i] else name + "'")
                else:
                    lits.append(name if value[k, i] else "~" + name)
            if not lits:
                return "1"
            terms.append((" " if style == "textbook" else " & ").join(lits))
        return (" + " if style == "textbook" else " | ").join(terms)

    def to_exprs(self, style: str = "python") -> dict[str, str]:
        """Every output's sum of products as text, by output name (in output order)."""
        return {name: self.to_expr(j, style) for j, name in enumerate(self._output_names)}

    def to_sympy(self, output: int | None = None):
        """One output's sum of products as a sympy expression (``output`` as in :meth:`to_expr`)."""
        import sympy
        j = self._output_index(output, "to_sympy")
        care, value = self.literal_arrays()
        syms = [sympy.Symbol(s) for s in self._input_names]
        terms = []
        for k in np.flatnonzero(self._outputs[:, j]):
            lits = [syms[i] if value[k, i] else sympy.Not(syms[i]) for i in np.flatnonzero(care[k])]
            terms.append(sympy.And(*lits))
        return sympy.Or(*terms)

    def to_sympys(self) -> dict:
        """Every output's sum of products as a sympy expression, by output name."""
        return {name: self.to_sympy(j) for j, name in enumerate(self._output_names)}

    # ------------------------------------------------------------------ cube algebra (boolnet.cubes)
    def is_tautology(self, output: int = 0) -> bool:
        """True when one output's cubes cover every input vector (any n, no truth table).

        >>> Cover.from_strings(["1-", "0-"]).is_tautology()
        True
        """
        from . import cubes
        sel = self._outputs[:, output]
        return cubes.tautology(self._care[sel], self._value[sel])

    def covers_cube(self, cube: str, output: int = 0) -> bool:
        """True when one output's cubes cover the given cube string (e.g. '1-0').

        >>> Cover.from_strings(["1-", "01"]).covers_cube("-1")
        True
        """
        from . import cubes
        pc, pv = cubes.from_strings([cube])
        sel = self._outputs[:, output]
        return cubes.covers_cube(self._care[sel], self._value[sel], pc[0], pv[0])

    def complement(self, limit: int | None = None) -> "Cover":
        """A cover of the OFF set of each output (cube level; ``limit`` caps its size).

        >>> Cover.from_strings(["1-", "01"]).complement().cube_strings()
        ['00']
        """
        from . import cubes
        cs, vs, os_ = [], [], []
        for j in range(self.m):
            sel = self._outputs[:, j]
            c, v = cubes.complement(self._care[sel], self._value[sel], self._n, limit)
            o = np.zeros((len(c), self.m), dtype=bool)
            o[:, j] = True
            cs.append(c)
            vs.append(v)
            os_.append(o)
        return Cover(self._n, np.concatenate(cs), np.concatenate(vs), np.concatenate(os_),
                     self.m, self._input_names, self._output_names)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Cover):
            return NotImplemented
        return (self._n == other._n and self.m == other.m
                and np.array_equal(self._care, other._care)
                and np.array_equal(self._value, other._value)
                and np.array_equal(self._outputs, other._outputs)
                and self._input_names == other._input_names
                and self._output_names == other._output_names)

    __hash__ = None  # covers compare by content but are not meant as dict keys

    def __repr__(self) -> str:
        return (f"Cover(n={self._n}, m={self.m}, terms={self.num_terms}, "
                f"literals={self.num_literals})")

    def _repr_html_(self) -> str:
        """Jupyter's view: each output's sum of products, with its terms and literals."""
        from .display import cover_html
        return cover_html(self)


def _pack_inputs(bits: np.ndarray) -> np.ndarray:
    """Pack boolean (k, n) literal arrays into (k, ceil(n/64)) uint64 words."""
    k, n = bits.shape
    return pack(bits) if n else np.zeros((k, 1), dtype=np.uint64)


def _unpack_inputs(words: np.ndarray, n: int) -> np.ndarray:
    """Unpack (k, words) uint64 into boolean (k, n)."""
    from .bits import unpack
    return unpack(words, n) if n else np.zeros((words.shape[0], 0), dtype=bool)


class CubeFunction:
    """A function given at cube level: covers of its ON set, don't-care set and, when known, OFF set.

    This is what a PLA file holds; it works for any number of inputs (65, 128 or 130
    inputs are common in the benchmark set) because no 2^n table is built. The OFF
    set, when ``off`` is None, is everything outside ON and DC (types f and fd);
    when given (types fr, fdr), rows in none of the three are don't-cares; for types
    r and dr (ON set given as the complement of DC and OFF) they are ON.

    >>> cf = CubeFunction(Cover.from_strings(["11"]), pla_type="f")
    >>> cf.to_function().minterms().tolist()
    [3]
    """

    __slots__ = ("on", "dc", "off", "pla_type")

    def __init__(self, on: Cover, dc: Cover | None = None, off: Cover | None = None,
                 pla_type: str = "fd"):
        """Bundle the ON, DC and optional OFF covers (same inputs and outputs)."""
        for other, what in ((dc, "don't-care"), (off, "OFF")):
            if other is not None and (other.n, other.m) != (on.n, on.m):
                raise BoolnetError(f"the {what} cover has {other.n} inputs and {other.m} outputs; "
                                   f"the ON cover has {on.n} and {on.m}")
        self.on = on
        self.dc = dc if dc is not None else Cover.empty(on.n, on.m, on.input_names,
                                                        on.output_names)
        self.off = off
        self.pla_type = pla_type

    n = property(lambda self: self.on.n, doc="Number of inputs.")
    m = property(lambda self: self.on.m, doc="Number of outputs.")
    input_names = property(lambda self: self.on.input_names, doc="Input names.")
    output_names = property(lambda self: self.on.output_names, doc="Output names.")

    def to_function(self, limit: int | None = None) -> BooleanFunction:
        """The dense truth table (refused with an estimate when n is above the limit)."""
        check_dense(self.n, limit=limit, m=self.m)  # every output has its own 2^n rows
        on, dc = self.on.packed_rows(), self.dc.packed_rows()
        if self.off is not None:
            # Rows named by no cover are don't-cares when an OFF cover is given (fr, fdr),
            # but ON for types r and dr, whose ON set is the complement (espresso(5)).
            rest = ~(on | dc | self.off.packed_rows())
            rest &= tail_mask(1 << self.n)  # bits past the last row are not rows
            if self.pla_type in ("r", "dr"):
                on = on | rest
            else:
                dc = dc | rest
        return BooleanFunction(self.n, on, dc, self.input_names, self.output_names)

    def __repr__(self) -> str:
        off = "None" if self.off is None else str(len(self.off))
        return (f"CubeFunction(n={self.n}, m={self.m}, type={self.pla_type}, on={len(self.on)} "
                f"cubes, dc={len(self.dc)} cubes, off={off})")
