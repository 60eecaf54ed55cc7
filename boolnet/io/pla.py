"""Berkeley PLA files (Espresso's format, espresso(5)) at cube level, for any number of inputs.

Reading follows Espresso 2.3 (``cvrin.c``):

* Keywords: ``.i`` ``.o`` (required, before the cubes), ``.ilb`` ``.ob`` (names; a
  list may continue on the next lines), ``.p`` (cube count: Espresso ignores it, we
  check it and warn with :class:`PLAWarning` on a mismatch, or raise with
  ``strict=True``), ``.type`` (before the cubes), ``.e``/``.end`` (the rest of the
  file is ignored), ``#`` comment lines. ``.phase`` (which output phase Espresso
  should implement) and ``.pair`` (input bit pairing for decoders) steer the
  minimiser and do not change the function, so they are ignored.
  ``.mv``, ``.label``, ``.symbolic``, ``.symbolic-output`` and ``.kiss`` describe
  multiple-valued functions and are refused. Other keywords are ignored with a
  :class:`PLAWarning` (Espresso passes them through).
* A cube is n input characters then m output characters; white space and ``|``
  inside it are ignored and a cube may continue on the next line (as in ``cps``),
  but a line never holds the end of one cube and the start of the next.
* Input characters: ``0`` (complemented literal), ``1``, ``-`` or ``2`` (absent).
* Output characters by ``.type`` (default ``fd``)::

      char      f        fd       fr       fdr      r        dr       d
      1 or 4    ON       ON       ON       ON       -        -        -
      0 or 3    -        -        OFF      OFF      OFF      OFF      -
      - or 2    -        DC       -        DC       -        DC       DC
      ~         -        -        -        -        -        -        -

  ("-" in the table: the cube says nothing about that output.) Rows named by no
  cube are OFF for f, fd and d; don't-care for fr and fdr; ON for r and dr.
* A minterm that an ON cube and an OFF cube both claim for the same output is an
  error naming both lines. ON and DC may overlap (DC wins), as Espresso allows.

Writing puts ``.i .o .ilb .ob .type .p``, the cubes and ``.e``; ``~`` marks "no
meaning" in types with an explicit OFF set, ``0`` otherwise.
"""
from __future__ import annotations

import re
import warnings

import numpy as np

from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, ParseError, TooLargeError, check_memory
from ..function import BooleanFunction, default_output_names
from .text import Source, Target, check_text, read_text, write_text

__all__ = ["PLAWarning", "PLA_TYPES", "parse_pla", "format_pla", "read_pla", "write_pla"]

#: The logical types of espresso(5).
PLA_TYPES = ("f", "r", "d", "fd", "fr", "dr", "fdr")


class PLAWarning(UserWarning):
    """Something in a PLA file that Espresso tolerates but that may be a mistake."""


_WS = np.zeros(256, dtype=bool)
_WS[[32, 9, 13, 11, 12]] = True
_SKIP = _WS.copy()
_SKIP[ord("|")] = True                         # Espresso skips '|' inside cubes
_CUBE_CHARS = np.zeros(256, dtype=bool)
_CUBE_CHARS[list(b"01-~234")] = True
_IN_OK = np.zeros(256, dtype=bool)
_IN_OK[list(b"01-2")] = True
_DIGITS = re.compile(r"[0-9]+")
_REFUSED = {"mv", "label", "symbolic", "symbolic-output", "kiss"}
_IGNORED = {"phase", "pair"}


def _looks_like_cube(line: bytes) -> bool:
    """True when a line holds only cube characters (so it is not a continued name list)."""
    arr = np.frombuffer(line, dtype=np.uint8)
    return bool((_CUBE_CHARS[arr] | _SKIP[arr]).all())


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" + ("" if k == 1 else "s")


def _col(line_bytes: bytes, offset: int) -> int:
    """1-based character column of a byte offset within a line."""
    return len(line_bytes[:offset].decode("utf-8", errors="replace")) + 1


class _Lines:
    """The text as bytes with line boundaries, for NumPy work on whole blocks."""

    def __init__(self, text: str):
        self.data = text.encode("utf-8")
        self.arr = np.frombuffer(self.data, dtype=np.uint8)
        nl = np.flatnonzero(self.arr == 10)
        self.starts = np.concatenate([[0], nl + 1])
        self.ends = np.concatenate([nl, [len(self.arr)]])
        self.count = len(self.starts)

    def line(self, i: int) -> bytes:
        """Line i (0-based) as bytes, without the newline."""
        return self.data[self.starts[i]:self.ends[i]]

    def text(self, i: int) -> str:
        """Line i (0-based) as text, without a trailing carriage return."""
        return self.line(i).decode("utf-8", errors="replace").rstrip("\r")

    def first_chars(self) -> np.ndarray:
        """First non-blank byte of every line (0 for blank lines)."""
        nonblank = np.flatnonzero(~_WS[self.arr] & (self.arr != 10))
        k = np.searchsorted(nonblank, self.starts)
        first = np.zeros(self.count, dtype=np.uint8)
        ok = k < len(nonblank)
        ok[ok] = nonblank[k[ok]] < self.ends[ok]
        first[ok] = self.arr[nonblank[k[ok]]]
        return first


def parse_pla(text: str, source: str | None = None, *, strict: bool = False) -> CubeFunction:
    """Parse a Berkeley PLA into a CubeFunction (ON, DC and, for types with r, OFF covers).

    >>> cf = parse_pla(".i 2\\n.o 1\\n.ilb a b\\n11 1\\n0- -\\n.e\\n")
    >>> cf, cf.input_names
    (CubeFunction(n=2, m=1, type=fd, on=1 cubes, dc=1 cubes, off=None), ('a', 'b'))
    >>> cf.to_function().to_array().ravel().tolist()
    [-1, -1, 0, 1]
    """
    check_text(text, source)
    if not text.strip():
        raise ParseError("empty file; expected a PLA starting with '.i N' and '.o M'", source, 1)
    if "\r" in text:
        # Old Mac files end lines with CR alone; a CR inside a line is white space
        # anyway, so reading every CR as a line end loses nothing.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _Lines(text)
    first = lines.first_chars()
    kind = np.where(first == ord("."), 1, np.where(first == ord("#"), 2,
                                                   np.where(first == 0, 3, 0)))  # 0 = data
    head = _Header(source, strict)
    data_line = kind == 0
    directives = np.flatnonzero(kind == 1)
    end = lines.count
    for i in directives.tolist():
        if i >= end:
            break
        stop = head.directive(lines, int(i), data_line, kind)
        if stop:
            end = int(i)
    data_line[end:] = False
    return head.finish(lines, data_line)


class _Header:
    """The keywords of a PLA, read line by line; then the cube block, read with NumPy."""

    def __init__(self, source, strict):
        self.source, self.strict = source, strict
        self.n = self.m = self.p = None
        self.p_line = None
        self.type, self.type_line = "fd", None
        self.ilb = self.ob = None

    def error(self, message, line, column=None):
        return ParseError(message, self.source, line, column)

    def directive(self, lines: _Lines, i: int, data_line: np.ndarray, kind: np.ndarray) -> bool:
        """Handle the keyword on line i (0-based); True at .e/.end."""
        raw = lines.text(i)
        words = raw.split()
        key = words[0][1:].lower()
        args = words[1:]
        if key not in ("ilb", "ob") and "#" in raw:
            args = raw.split("#", 1)[0].split()[1:]  # '.i 8 # inputs': a trailing comment
        line = i + 1
        # Name continuation lines are taken out of the data as they are read, so the
        # first cube is looked up afresh.
        first_data = int(np.argmax(data_line)) if data_line.any() else lines.count
        if key in ("e", "end"):
            return True
        if key in ("i", "o"):
            value = self.number(key, args, raw, line)
            if key == "o" and value < 1:
                raise self.error("'.o' must be at least 1", line)
            if key == "o" and self.n is None:
                raise self.error("missing '.i N' (the number of inputs) before '.o'", line)
            old = self.n if key == "i" else self.m
            if old is not None and old != value:
                raise self.error(f"second '.{key} {value}' contradicts '.{key} {old}'", line)
            if i > first_data:
                raise self.error(f"'.{key}' must come before the first cube (line "
                                 f"{first_data + 1})", line)
            if key == "i":
                self.n = value
            else:
                self.m = value
        elif key in ("ilb", "ob"):
            count = self.n if key == "ilb" else self.m
            if count is None:
                raise self.error(f"'.{key}' before '.i' and '.o'; the sizes must come first", line)
            names = list(args)
            j = i + 1
            while len(names) < count and j < lines.count and kind[j] != 1:
                # Espresso reads names word by word (get_word skips every blank and line
                # end), so a long list goes on over the next lines, whatever they look like;
                # blank and comment lines between are skipped.
                if data_line[j]:
                    more = lines.text(j).split()
                    if len(names) + len(more) > count and _looks_like_cube(lines.line(j)):
                        break  # a short list followed by the cubes: reported below
                    names.extend(more)
                    data_line[j] = False
                j += 1
            if len(names) != count:
                what = "inputs ('.i')" if key == "ilb" else "outputs ('.o')"
                raise self.error(f"'.{key}' gives {_plural(len(names), 'name')} for {count} {what}",
                                 line)
            if len(set(names)) != len(names):
                dup = sorted({s for s in names if names.count(s) > 1})
                raise self.error(f"'.{key}' repeats the name(s) {', '.join(dup)}", line)
            if key == "ilb":
                self.ilb = names
            else:
                self.ob = names
        elif key == "p":
            self.p, self.p_line = self.number(key, args, raw, line), line
        elif key == "type":
            t = args[0].lower() if len(args) == 1 else ""
            if t not in PLA_TYPES:
                raise self.error(f"unknown '.type {_shorten(' '.join(args))[1:-1]}'; expected one of "
                                 f"{', '.join(PLA_TYPES)}", line)
            if i > first_data:
                raise self.error(f"'.type' must come before the first cube (line "
                                 f"{first_data + 1})", line)
            self.type, self.type_line = t, line
        elif key in _REFUSED:
            raise self.error(f"'.{key}' (multiple-valued or symbolic PLA) is not supported; "
                             f"boolnet reads binary-valued PLAs only", line)
        elif key not in _IGNORED:
            warnings.warn(f"{self.source or '<pla>'}:{line}: unknown keyword "
                          f"{_shorten('.' + key)} ignored",
                          PLAWarning, stacklevel=4)
        return False

    def number(self, key: str, args: list[str], raw: str, line: int) -> int:
        """The whole number of '.i', '.o' or '.p': ASCII digits only, at most 15 of them."""
        if len(args) != 1 or not _DIGITS.fullmatch(args[0]):
            raise self.error(f"expected '.{key} N' with a whole number, found "
                             f"{_shorten(raw.strip())}", line)
        if len(args[0].lstrip("0")) > 15:
            raise self.error(f"the number after '.{key}' is too large ({len(args[0])} digits; "
                             f"at most 15)", line)
        return int(args[0])

    def check_size(self, cubes: int = 0) -> None:
        """Refuse a PLA whose names and covers would not fit in memory, before building them."""
        n, m = self.n, self.m
        # ~100 bytes a default name (str and tuple slot, kept in every cover); per cube,
        # the (cubes, n + m) character and boolean arrays read and built on the way.
        estimate = 100 * (n + m) + 12 * cubes * (n + m)
        try:
            check_memory(estimate, f"a PLA of {n} inputs, {m} outputs and {cubes} cubes")
        except TooLargeError as exc:
            raise TooLargeError(f"{self.source or '<pla>'}: {exc}") from None

    def finish(self, lines: _Lines, data_line: np.ndarray) -> CubeFunction:
        """Read the cube block with NumPy and build the covers."""
        rows = np.flatnonzero(data_line)
        if self.n is None or self.m is None:
            where = int(rows[0]) + 1 if len(rows) else 1
            what = "'.i N' (the number of inputs)" if self.n is None else \
                "'.o M' (the number of outputs)"
            raise self.error(f"missing {what} before the cubes", where)
        self.check_size()
        n, m = self.n, self.m
        width = n + m
        arr = lines.arr
        # One label per byte: is it inside a data line? (lengths include the newline)
        seg = (lines.ends - lines.starts + 1)
        seg[-1] -= 1
        in_data = np.repeat(data_line, seg)
        _drop_comments(arr, lines, in_data)
        sig = in_data & ~_SKIP[arr] & (arr != 10)
        pos = np.flatnonzero(sig)
        line_of = np.searchsorted(lines.starts, pos, side="right") - 1
        chars = arr[pos]

        bad = ~_CUBE_CHARS[chars]
        if bad.any():
            self._bad_char(lines, pos, line_of, int(np.argmax(bad)),
                           "expected 0, 1, - or ~ (2, 3, 4 are also read)")
        counts = np.bincount(line_of, minlength=lines.count)[rows]
        rows, counts = rows[counts > 0], counts[counts > 0]
        self._check_widths(rows, counts, width)
        k = len(chars) // width
        self.check_size(k)
        cube = chars.reshape(k, width)
        cube_line = line_of[::width][:k] + 1 if k else np.zeros(0, np.int64)
        inputs = cube[:, :n]
        bad = ~_IN_OK[inputs]
        if bad.any():
            r, c = np.argwhere(bad)[0]
            self._bad_char(lines, pos, line_of, int(r * width + c),
                           "expected 0, 1 or - in the input part (2 is also read as -)")
        if self.p is not None and self.p != k:
            message = f"'.p {self.p}' but the file has {k} cubes"
            if self.strict:
                raise self.error(message, self.p_line)
            warnings.warn(f"{self.source or '<pla>'}:{self.p_line}: {message}", PLAWarning,
                          stacklevel=3)
        return self._covers(inputs, cube[:, n:], cube_line)

    def _bad_char(self, lines, pos, line_of, index, expected):
        i = int(line_of[index])
        offset = int(pos[index] - lines.starts[i])
        raw = lines.line(i)
        ch = raw[offset:].decode("utf-8", errors="replace")[:1]
        shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
        raise self.error(f"unknown character {shown} in a cube; {expected}", i + 1,
                         _col(raw, offset))

    def _check_widths(self, rows, counts, width):
        """Every cube has n + m characters; it may span lines but must end at a line end."""
        if not len(rows):
            return
        end = np.cumsum(counts)
        start = end - counts
        crosses = (end - 1) // width > start // width
        want = f"{width} characters ({_plural(self.n, 'input')} + {_plural(self.m, 'output')})"
        if crosses.any():
            j = int(np.argmax(crosses))
            # Blame the line where the cube began when that line itself is off.
            s = int(np.searchsorted(start, (start[j] // width) * width, side="right")) - 1
            if s >= 0 and start[s] % width == 0 and counts[s] != width:
                j = s
            raise self.error(f"this cube row has {int(counts[j])} characters; a cube needs "
                             f"{want}", int(rows[j]) + 1)
        if end[-1] % width:
            s = int(np.searchsorted(start, (end[-1] // width) * width, side="left"))
            raise self.error(f"this cube row has {int(end[-1] - start[s])} characters; a cube "
                             f"needs {want}", int(rows[s]) + 1)

    def _covers(self, inputs, outputs, cube_line) -> CubeFunction:
        t = self.type
        care = (inputs == ord("0")) | (inputs == ord("1"))
        value = inputs == ord("1")
        on = (outputs == ord("1")) | (outputs == ord("4")) if "f" in t else None
        off = (outputs == ord("0")) | (outputs == ord("3")) if "r" in t else None
        dc = (outputs == ord("-")) | (outputs == ord("2")) if "d" in t else None
        names = dict(input_names=self.ilb, output_names=self.ob)
        m = self.m

        def cover(part):
            if part is None:
                return Cover.from_literals(care[:0], value[:0], np.zeros((0, m), bool), m,
                                           **names)
            keep = part.any(axis=1)
            return Cover.from_literals(care[keep], value[keep], part[keep], m, **names)

        try:
            if on is not None and off is not None:
                _check_on_off(care, value, on, off, cube_line, self)
            return CubeFunction(cover(on), cover(dc), cover(off) if off is not None else None,
                                pla_type=t)
        except ParseError:
            raise
        except BoolnetError as exc:
            raise self.error(str(exc), None) from None


def _drop_comments(arr: np.ndarray, lines: _Lines, in_data: np.ndarray) -> None:
    """Unmark the bytes from a '#' to the end of its line in data lines (Espresso reads
    ``00000010 0010101111101001# ynea`` as a cube and a comment)."""
    hashes = np.flatnonzero((arr == ord("#")) & in_data)
    if not len(hashes):
        return
    line_of = np.searchsorted(lines.starts, hashes, side="right") - 1
    first = np.concatenate([[True], line_of[1:] != line_of[:-1]])
    for pos, i in zip(hashes[first].tolist(), line_of[first].tolist()):
        in_data[pos:lines.ends[i]] = False


def _shorten(text: str, limit: int = 60) -> str:
    """repr of text cut to ``limit`` characters, so a message stays one short line."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"... ({len(text)} characters)"


def _check_on_off(care, value, on, off, cube_line, head) -> None:
    """Raise when an ON cube and an OFF cube share a minterm of some output."""
    on_idx = np.flatnonzero(on.any(axis=1))
    off_idx = np.flatnonzero(off.any(axis=1))
    if not len(on_idx) or not len(off_idx):
        return
    # Pack literals and output parts so a pair test is a few word operations: two cubes
    # intersect when no input carries opposite literals in them.
    from ..bits import pack
    c, v, o = (pack(a) if a.shape[1] else np.zeros((len(a), 1), np.uint64)
               for a in (care, value, on))
    of = pack(off)
    cf, vf, of = c[off_idx], v[off_idx], of[off_idx]
    # Bound the (block, OFF cubes, words) temporaries to a few million words.
    block = max(1, (1 << 22) // (len(off_idx) * (c.shape[1] + o.shape[1])))
    for s in range(0, len(on_idx), block):
        idx = on_idx[s:s + block]
        clash = ((c[idx, None, :] & cf[None]) & (v[idx, None, :] ^ vf[None])).any(axis=2)
        shared = (o[idx, None, :] & of[None]).any(axis=2)
        hit = ~clash & shared
        if hit.any():
            a, b = np.argwhere(hit)[0]
            i, j = int(idx[a]), int(off_idx[b])
            out = int(np.argmax(on[i] & off[j]))
            both = np.where(care[i] | care[j], np.where(value[i] | value[j], "1", "0"), "-")
            name = (head.ob or default_output_names(on.shape[1]))[out]
            li, lj = int(cube_line[i]), int(cube_line[j])
            raise head.error(f"the ON cube on line {li} and the OFF cube on line {lj} overlap "
                             f"on output {name} (both contain {''.join(both) or 'the row'}); "
                             f"a minterm cannot be both 1 and 0", max(li, lj))


# ---------------------------------------------------------------------- writing
def _rows(inputs: np.ndarray, outputs: np.ndarray) -> bytes:
    """Cube rows as bytes from (k, n) and (k, m) character codes: inputs, a space, outputs."""
    k, n = inputs.shape
    m = outputs.shape[1]
    sep = 1 if n else 0
    block = np.empty((k, n + sep + m + 1), dtype=np.uint8)
    block[:, :n] = inputs
    block[:, n:n + sep] = ord(" ")
    block[:, n + sep:-1] = outputs
    block[:, -1] = ord("\n")
    return block.tobytes()


def _cube_block(cover: Cover, member: bytes, other: bytes) -> bytes:
    """The rows of a cover, its output part written with ``member``/``other`` characters."""
    care, value = cover.literal_arrays()
    inputs = np.where(care, np.where(value, ord("1"), ord("0")), ord("-"))
    return _rows(inputs, np.where(cover.outputs, member[0], other[0]))


def _function_block(f: BooleanFunction, every_row: bool = False) -> tuple[int, bytes]:
    """Rows of a truth table, outputs 1 (ON), - (DC) or 0: every row, or those ON or DC somewhere.

    The rows are written a block at a time, so the temporaries stay small beside the text;
    the text itself (and the copies made of it on the way out) is checked against the
    memory budget first.
    """
    from ..bits import popcount, unpack
    named = np.bitwise_or.reduce(f.on_words | f.dc_words, axis=0)  # packed: 1/8 byte a row
    count = f.rows if every_row else int(popcount(named).sum())
    width = f.n + 1 + f.m + 1
    # The text, its copies on the way out and the row numbers (8 bytes each), counted
    # from the packed words before any row array exists.
    check_memory(count * (3.0 * width + 16), f"a PLA table of {count} rows of {width} "
                                             f"characters")
    rows = np.arange(f.rows) if every_row else np.flatnonzero(unpack(named[None, :], f.rows)[0])
    shifts = np.arange(f.n - 1, -1, -1)
    parts = []
    for s in range(0, len(rows), _BLOCK_ROWS):
        r = rows[s:s + _BLOCK_ROWS]
        bits = ((r[:, None] >> shifts) & 1).astype(np.uint8) + np.uint8(ord("0"))
        on = f.evaluate(r)  # (k, m): 1, 0 or -1 for don't-care
        outs = np.where(on == 1, ord("1"), np.where(on < 0, ord("-"), ord("0")))
        parts.append(_rows(bits, outs))
    return len(rows), b"".join(parts)


#: Rows written per block by the PLA and CSV table writers (bounded temporaries).
_BLOCK_ROWS = 1 << 16


def format_pla(obj, pla_type: str | None = None, *, dc: Cover | None = None) -> str:
    """A PLA file for a CubeFunction, a Cover (type f, or fd with ``dc``) or a BooleanFunction (type fd).

    >>> print(format_pla(BooleanFunction.from_expr("a & b")), end="")
    .i 2
    .o 1
    .ilb a b
    .ob f
    .type fd
    .p 1
    11 1
    .e
    """
    if isinstance(obj, BooleanFunction):
        t = (pla_type or "fd").lower()
        if t not in ("f", "fd", "fr", "fdr") or ("d" not in t and obj.dc_count().any()):
            raise BoolnetError(f"a truth table is written as PLA type fd or fdr (f or fr "
                               f"when it has no don't-cares), not {pla_type!r}")
        count, body = _function_block(obj, every_row="r" in t)
    else:
        if isinstance(obj, Cover):
            obj = CubeFunction(obj, dc, None, "fd" if dc is not None else "f")
        elif not isinstance(obj, CubeFunction):
            raise BoolnetError(f"cannot write a {type(obj).__name__} as a PLA")
        t = _check_type(obj, pla_type)
        parts = [(obj.on, b"1"), (obj.dc, b"-")]
        if obj.off is not None:
            parts.append((obj.off, b"0"))
        other = b"~" if "r" in t else b"0"
        count = sum(len(c) for c, _ in parts)
        body = b"".join(_cube_block(c, member, other) for c, member in parts if len(c))
    head = [f".i {obj.n}", f".o {obj.m}"]
    if obj.n:
        head.append(".ilb " + " ".join(obj.input_names))
    head += [".ob " + " ".join(obj.output_names), f".type {t}", f".p {count}"]
    return "\n".join(head) + "\n" + body.decode("ascii") + ".e\n"


def _check_type(obj: CubeFunction, pla_type: str | None) -> str:
    """The type to write: the object's own, or a requested one that keeps the same function."""
    own = obj.pla_type if obj.pla_type in PLA_TYPES else "fd"
    if obj.off is None and "r" in own:
        own = "fd"
    elif obj.off is not None and "r" not in own:
        own = "fdr"  # an OFF cover makes unnamed rows don't-cares: that is fdr
    t = own if pla_type is None else pla_type.lower()
    if t not in PLA_TYPES:
        raise BoolnetError(f"unknown PLA type {pla_type!r}; expected one of {', '.join(PLA_TYPES)}")
    # Rows named by no cube mean OFF (f, fd, d), DC (fr, fdr) or ON (r, dr): keep that.
    family = {"f": 0, "fd": 0, "d": 0, "fr": 1, "fdr": 1, "r": 2, "dr": 2}
    if obj.off is None and family[t] != 0 or obj.off is not None and family[t] != family[own]:
        raise BoolnetError(f"cannot write this {own} PLA as type {t}: rows no cube names "
                           f"would change meaning")
    for cover, letter, what in ((obj.on, "f", "ON"), (obj.dc, "d", "don't-care"),
                                (obj.off, "r", "OFF")):
        if cover is not None and len(cover) and letter not in t:
            raise BoolnetError(f"type {t} cannot hold the {what} cubes; use "
                               f"{'fd' if letter == 'd' and family[t] == 0 else own}")
    return t


def read_pla(source: Source, *, strict: bool = False) -> CubeFunction:
    """Read a PLA file from a path, '-' or an open file."""
    text, name = read_text(source)
    return parse_pla(text, name, strict=strict)


def write_pla(obj, target: Target, pla_type: str | None = None, *,
              dc: Cover | None = None) -> None:
    """Write a PLA (whole or not at all) to a path, '-' or an open file."""
    write_text(format_pla(obj, pla_type, dc=dc), target)
