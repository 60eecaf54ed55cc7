"""CSV truth tables: a header of column names, then one row per input combination.

Conventions:

* The first line that is not blank and not a ``#`` comment is the header: the input
  names, then the output names.
* Which columns are outputs: ``outputs=K`` makes the last K columns outputs. Without
  it, header cells that start with ``>`` (``a,b,>s,>c``) mark the outputs (they must
  be the last columns; the ``>`` is not part of the name). Without either, the last
  column is the only output. :func:`format_csv` marks outputs with ``>`` when there
  are several, so its files read back unchanged.
* Cells are one character each; spaces around them are ignored. Inputs are ``0`` or
  ``1``; outputs ``0``, ``1`` or a don't-care ``-``, ``x``, ``X``.
* Rows come in any order. Rows that are absent are OFF (``missing="off"``, the
  default) or don't-care (``missing="dc"``). A row given twice with the same values is
  fine; with different values it is an error naming both lines.

The body is parsed with NumPy on the whole byte buffer (a 2^20-row table takes well
under a second), never row by row in Python.
"""
from __future__ import annotations

import csv
import io as _io

import numpy as np

from ..bits import words_for
from ..errors import BoolnetError, ParseError, TooLargeError, check_dense, check_memory
from ..function import (DC, BooleanFunction, _check_names, default_input_names,
                        default_output_names)
from .text import Source, Target, decode, read_bytes, write_text

__all__ = ["parse_csv", "format_csv", "read_csv", "write_csv"]

_DROP = np.zeros(256, dtype=bool)
_DROP[[32, 13, 9]] = True                          # space, CR, tab
_OUT = np.full(256, -2, dtype=np.int8)             # -2 marks a bad output cell
_OUT[ord("0")], _OUT[ord("1")] = 0, 1
_OUT[[ord("-"), ord("x"), ord("X")]] = DC


def parse_csv(text: str, outputs: int | None = None, missing: str = "off",
              source: str | None = None, *, delimiter: str = ",") -> BooleanFunction:
    """Parse a CSV truth table into a BooleanFunction.

    >>> f = parse_csv("a,b,f\\n0,1,1\\n1,0,1\\n1,1,x\\n")
    >>> f.input_names, f.to_array().ravel().tolist()
    (('a', 'b'), [0, 1, 1, -1])
    >>> parse_csv("a,b,>s,>c\\n1,1,0,1\\n").output_names
    ('s', 'c')
    """
    return _parse(text.encode("utf-8"), outputs, missing, source, delimiter)


def _parse(data: bytes, outputs, missing, source, delimiter) -> BooleanFunction:
    if missing not in ("off", "dc"):
        raise BoolnetError(f"missing must be 'off' or 'dc', not {missing!r}")
    if len(delimiter) != 1 or delimiter in "01-xX\n\r\"":
        raise BoolnetError(f"bad CSV delimiter {delimiter!r}")
    nul = data.find(b"\0")
    if nul >= 0:
        decode(data[:nul + 1], source)  # raises 'not a text file' with the place
    if b"\r" in data:
        # Line ends CR LF or CR alone (old Mac files): cells are one character, so a CR
        # can only end a line.
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # The header: first line that is neither blank nor a comment.
    pos, line = 0, 1
    while True:
        if pos >= len(data):
            raise ParseError("empty file; expected a header row of column names such as "
                             "'a,b,f'", source, line)
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        stripped = data[pos:end].strip()
        if stripped and not stripped.startswith(b"#"):
            break
        pos, line = end + 1, line + 1
    header_line = line
    header_text = decode(data[pos:end], source).lstrip("\ufeff")
    # Names of any length: format_csv writes them, so the reader takes them back (the csv
    # module stops at 131,072 characters a field unless told otherwise).
    csv.field_size_limit(max(csv.field_size_limit(), len(header_text) + 1))
    try:
        cells = [c.strip() for c in next(csv.reader([header_text], delimiter=delimiter))]
    except csv.Error as exc:
        raise ParseError(f"header: {exc}", source, header_line) from None
    in_names, out_names = _split_header(cells, outputs, source, header_line)
    n, m = len(in_names), len(out_names)
    try:
        # The table is built packed: 1/8 byte a row for ON and DC, per output, plus the
        # working memory of what comes next.
        check_dense(n, m=m)
    except TooLargeError as exc:
        raise TooLargeError(f"{source}: {exc}" if source else str(exc)) from None
    try:
        _check_names(in_names, n, "input", default_input_names)
        _check_names(out_names, m, "output", default_output_names)
    except BoolnetError as exc:
        raise ParseError(f"header: {exc}", source, header_line) from None
    codes, rows, lines = _body(data, end + 1, header_line + 1, n, m, delimiter, source,
                               in_names + out_names)
    _check_duplicates(rows, codes, lines, n, source)
    return BooleanFunction(n, *_packed(rows, codes, n, m, missing), in_names, out_names)


def _packed(rows: np.ndarray, codes: np.ndarray, n: int, m: int, missing: str
            ) -> tuple[np.ndarray, np.ndarray]:
    """Packed ON and DC words (m, words) straight from the listed rows: no 2^n byte table
    (a 27-input CSV of one row took 3.5 GB that way)."""
    nw = words_for(1 << n)
    on = np.zeros((m, nw), np.uint64)
    dc = np.full((m, nw), ~np.uint64(0) if missing == "dc" else 0, np.uint64)
    word, bit = rows >> 6, np.uint64(1) << (rows & 63).astype(np.uint64)
    for j in range(m):
        col = codes[:, j]
        np.bitwise_or.at(on[j], word[col == 1], bit[col == 1])
        if missing == "dc":
            listed = col != DC
            np.bitwise_and.at(dc[j], word[listed], ~bit[listed])
        else:
            np.bitwise_or.at(dc[j], word[col == DC], bit[col == DC])
    return on, dc


def _split_header(cells, outputs, source, line) -> tuple[list[str], list[str]]:
    """Input and output names from the header cells (``>`` marks, or ``outputs=K``)."""
    marked = [c.startswith(">") for c in cells]
    names = [c[1:].strip() if mk else c for c, mk in zip(cells, marked)]
    w = len(cells)
    if any(marked):
        k = sum(marked)
        if not all(marked[w - k:]):
            raise ParseError("output columns marked with '>' must be the last columns",
                             source, line)
        if outputs is not None and outputs != k:
            raise ParseError(f"the header marks {k} outputs with '>' but outputs={outputs} "
                             f"was given", source, line)
        outputs = k
    m = 1 if outputs is None else int(outputs)
    if not 1 <= m <= w:
        raise ParseError(f"{m} outputs asked for, but the header has {w} columns",
                         source, line)
    if all(c in ("0", "1") for c in names):
        raise ParseError("expected a header row of column names (such as 'a,b,f'), found a "
                         "data row", source, line)
    return names[:w - m], names[w - m:]


def _body(data: bytes, start: int, first_line: int, n: int, m: int, delimiter: str,
          source, names) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Output codes (k, m), row numbers (k,) and line numbers (k,) of the data rows."""
    w = n + m
    buf = np.frombuffer(data, dtype=np.uint8, offset=min(start, len(data)))
    blanks = [b for b in b" \r\t" if b != ord(delimiter)]
    if any(data.find(bytes([b]), start) >= 0 for b in blanks):  # memchr: cheap when absent
        drop = _DROP.copy()
        drop[ord(delimiter)] = False
        buf = buf[~drop[buf]]  # cells are single characters, so blanks can simply go
    if len(buf) and buf[-1] != 10:
        buf = np.concatenate([buf, np.array([10], np.uint8)])
    nl = np.flatnonzero(buf == 10)
    starts = np.concatenate([[0], nl[:-1] + 1]) if len(nl) else np.zeros(0, np.int64)
    lens = nl - starts
    nonempty = lens > 0
    comment = np.zeros(len(lens), bool)
    comment[nonempty] = buf[starts[nonempty]] == ord("#")
    is_row = nonempty & ~comment
    want = 2 * w - 1
    bad = is_row & (lens != want)
    if bad.any():
        i = int(np.argmax(bad))
        text = bytes(buf[starts[i]:nl[i]]).decode("utf-8", errors="replace")
        found = text.split(delimiter)
        detail = f"found {len(found)} cells" if len(found) != w else \
            "each cell must be a single character"
        raise ParseError(f"expected {w} cells ({n} input{'s' * (n != 1)}, {m} "
                         f"output{'s' * (m != 1)}) of one character each "
                         f"separated by {delimiter!r}; {detail}: {text[:60]!r}", source,
                         first_line + i)
    line_no = np.flatnonzero(is_row) + first_line
    if not is_row.all():
        buf = buf[np.repeat(is_row, lens + 1)]
    k = len(line_no)
    if k == 0:
        return np.zeros((0, m), np.int8), np.zeros(0, np.int64), line_no
    cells = buf.reshape(k, 2 * w)
    seps = cells[:, 1:-1:2]
    if seps.size and (seps != ord(delimiter)).any():
        r, c = np.argwhere(seps != ord(delimiter))[0]
        raise ParseError(f"expected {delimiter!r} after cell {c + 1} ({names[c]}), "
                         f"found {chr(seps[r, c])!r}", source, int(line_no[r]))
    bits = cells[:, 0:2 * n:2] - np.uint8(ord("0"))  # '0' -> 0, '1' -> 1, others > 1
    bad = bits > 1
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise ParseError(f"input {names[c]} is {chr(cells[r, 2 * c])!r}; inputs must be 0 or 1",
                         source, int(line_no[r]))
    outs = cells[:, 2 * n::2]
    codes = _OUT[outs]
    bad = codes == -2
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise ParseError(f"output {names[n + c]} is {chr(outs[r, c])!r}; outputs must be "
                         f"0, 1 or a don't-care -, x, X", source, int(line_no[r]))
    return codes, _row_numbers(bits), line_no


def _row_numbers(bits: np.ndarray) -> np.ndarray:
    """Row number of each (k, n) 0/1 row, first input most significant (n <= 64)."""
    k, n = bits.shape
    if n == 0:
        return np.zeros(k, dtype=np.int64)
    packed = np.packbits(bits, axis=1)                     # big-endian bits, (k, ceil(n/8))
    wide = np.zeros((k, 8), dtype=np.uint8)
    wide[:, :packed.shape[1]] = packed
    return (wide.view(">u8")[:, 0] >> np.uint64(64 - n)).astype(np.int64)


def _check_duplicates(rows, codes, lines, n, source) -> None:
    """A row given twice must carry the same outputs."""
    if len(rows) < 2:
        return
    # Sorting the k listed rows, not counting into 2^n bins (1 GiB of counts at n = 27).
    order = np.argsort(rows, kind="stable")
    if not (rows[order[1:]] == rows[order[:-1]]).any():
        return
    same_row = rows[order[1:]] == rows[order[:-1]]
    differ = (codes[order[1:]] != codes[order[:-1]]).any(axis=1) & same_row
    if differ.any():
        j = int(np.argmax(differ))
        a, b = sorted((int(lines[order[j]]), int(lines[order[j + 1]])))
        raise ParseError(f"row {int(rows[order[j]]):0{max(n, 1)}b} appears on lines {a} and "
                         f"{b} with different outputs", source, b)


def format_csv(f: BooleanFunction, *, delimiter: str = ",") -> str:
    """All 2^n rows of a truth table as CSV ('-' marks don't-cares; outputs marked '>' when several).

    >>> print(format_csv(BooleanFunction.from_expr("a & b")), end="")
    a,b,f
    0,0,0
    0,1,0
    1,0,0
    1,1,1
    """
    if not isinstance(f, BooleanFunction):
        raise BoolnetError(f"a CSV truth table needs a BooleanFunction, not {type(f).__name__}")
    n, m = f.n, f.m
    for s in f.input_names + f.output_names:
        if s[0] in ">#":  # a header cell starting so would read back as a mark or a comment
            raise BoolnetError(f"the column name {s!r} cannot start a CSV header cell "
                               f"(a leading '>' marks an output, '#' a comment)")
    if all(s in ("0", "1") for s in f.input_names + f.output_names):
        raise BoolnetError("a CSV header made only of the names 0 and 1 would read back as data")
    # The block, its bytes and the decoded text: three copies of 2(n + m) bytes a row.
    check_memory(3.0 * f.rows * 2 * (n + m), f"a CSV table of {f.rows} rows")
    heads = list(f.input_names) + [(">" + s if m > 1 else s) for s in f.output_names]
    out = _io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(heads)
    w = n + m
    block = np.empty((f.rows, 2 * w), dtype=np.uint8)
    block[:, 1::2] = ord(delimiter)
    block[:, -1] = ord("\n")
    r = np.arange(f.rows, dtype=np.int64)
    for i in range(n):
        block[:, 2 * i] = ((r >> (n - 1 - i)) & 1) + ord("0")
    t = f.to_array()
    block[:, 2 * n::2] = np.where(t == DC, ord("-"), t + ord("0"))
    return out.getvalue() + block.tobytes().decode("ascii")


def read_csv(source: Source, outputs: int | None = None, missing: str = "off", *,
             delimiter: str = ",") -> BooleanFunction:
    """Read a CSV truth table from a path, '-' or an open file."""
    data, name = read_bytes(source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return _parse(data, outputs, missing, name, delimiter)


def write_csv(f: BooleanFunction, target: Target, *, delimiter: str = ",") -> None:
    """Write all rows of a truth table as CSV (whole or not at all) to a path, '-' or an open file."""
    write_text(format_csv(f, delimiter=delimiter), target)
