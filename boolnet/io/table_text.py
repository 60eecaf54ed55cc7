"""Whitespace truth tables: the form people type, ``a b f`` then ``0 0 0`` rows, spaces or tabs.

Conventions (the CSV reader's, with blanks instead of commas; see :mod:`.csvtable`):

* Cells are one character each, separated by one or more spaces or tabs; the
  first line that is neither blank nor a ``#`` comment is the header of names.
* A ``|`` between the inputs and the outputs (``a b c | s c``, the layout of
  ``boolnet table``) says how many columns are outputs; so do header cells marked
  ``>`` (``a b >s >c``) or ``outputs=K``; otherwise the last column is the output.
  A rule line of dashes under the header (``------``) is skipped.
* Without a header (the first line is already ``0 1 1``), the inputs are named
  ``x1 .. xn`` and the output ``f``.
* Inputs are ``0`` or ``1``; outputs ``0``, ``1`` or a don't-care ``-``, ``x``, ``X``.
  Absent rows are OFF (``missing="off"``) or don't-care (``missing="dc"``).

The text is turned into the CSV reader's layout with byte-level regular expressions
(line numbers kept), so a 2^20-row table reads as fast as its CSV twin.
"""
from __future__ import annotations

import re

from ..errors import BoolnetError, ParseError
from ..function import BooleanFunction
from .text import Source, Target, decode, read_bytes, write_text

__all__ = ["parse_table", "format_table", "read_table", "write_table", "looks_like_table"]

_RULE = re.compile(rb"(?m)^[ \t]*[-=+|]{3,}[ \t]*$")   # '------' under a header
_BAR = re.compile(rb"[ \t]*\|[ \t]*")
_EDGES = re.compile(rb"(?m)^[ \t]+|[ \t]+$")
_BLANKS = re.compile(rb"[ \t]+")
_CELL = re.compile(r"[01\-xX]\Z")
_NAME_CELL = re.compile(r">?[A-Za-z_][A-Za-z0-9_\[\]<>.]*\Z")


def _cells(line: str) -> list[str]:
    return line.replace("|", " ").split()


def looks_like_table(lines: list[str]) -> bool:
    """True when the first significant lines read as a whitespace table (header of names or a 0/1 row).

    >>> looks_like_table(["a b f", "0 0 1"]), looks_like_table(["0 1 1"]), looks_like_table(["a & b"])
    (True, True, False)
    """
    sig = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")
           and not _RULE.match(ln.strip().encode())]
    if not sig:
        return False
    first = _cells(sig[0])
    if len(first) >= 2 and all(_CELL.match(c) for c in first):
        return True  # a data row without a header
    if len(first) < 2 or not all(_NAME_CELL.match(c) for c in first):
        return False
    # A header of names alone could be the expression 'a b' (a AND b): want a data row too.
    return len(sig) > 1 and len(_cells(sig[1])) == len(first) and \
        all(_CELL.match(c) for c in _cells(sig[1]))


def _to_csv(data: bytes, outputs: int | None, source: str) -> tuple[bytes, int | None, int]:
    """The table in the CSV reader's layout, the output count, and the lines added in front."""
    data = data.replace(b"\r", b"")
    data = _RULE.sub(b"", data)
    lines = data.split(b"\n")
    first = next((i for i, ln in enumerate(lines)
                  if ln.strip() and not ln.strip().startswith(b"#")), None)
    if first is None:
        raise ParseError("empty file; expected a header row such as 'a b f' and rows such as "
                         "'0 1 1'", source, 1)
    head = decode(lines[first], source)
    if "|" in head and outputs is None:
        outputs = len(head.split("|", 1)[1].split())
        if outputs == 0:
            raise ParseError("no column names after '|'; expected the outputs there", source,
                             first + 1)
    cells = _cells(head)
    if all(_CELL.match(c) for c in cells):
        # No header: name the columns as boolnet does (x1 .. xn, then f or f1 .. fm).
        m = 1 if outputs is None else outputs
        n = len(cells) - m
        names = [f"x{i + 1}" for i in range(n)] + \
            (["f"] if m == 1 else [f">f{j + 1}" for j in range(m)])
        # One header line in front; the caller takes 1 off every line number it reports.
        data = (",".join(names) + "\n").encode() + b"\n".join(lines)
        added = 1
    else:
        data = b"\n".join(lines)
        added = 0
    data = _BAR.sub(b" ", data)
    data = _EDGES.sub(b"", data)
    data = _BLANKS.sub(b",", data)
    return data, outputs, added


def parse_table(text: str | bytes, outputs: int | None = None, missing: str = "off",
                source: str | None = None) -> BooleanFunction:
    """Parse a whitespace-separated truth table into a BooleanFunction.

    >>> f = parse_table("a b f\\n0 0 0\\n0 1 1\\n1 0 1\\n1 1 0\\n")
    >>> f.input_names, f.to_hex()
    (('a', 'b'), '0x6')
    >>> parse_table("a b | s c\\n1 1 | 0 1\\n").output_names
    ('s', 'c')
    """
    from .csvtable import _parse
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data, outputs, added = _to_csv(data, outputs, source)
    try:
        return _parse(data, outputs, missing, source, ",")
    except ParseError as exc:
        reason = exc.reason.replace("separated by ','", "separated by spaces or tabs")
        reason = reason.replace("'a,b,f'", "'a b f'")
        # The snippet of a bad row shows the commas of the rewritten text: show blanks.
        reason = re.sub(r": '([^']*)'\Z", lambda m: ": " + repr(m.group(1).replace(",", " ")),
                        reason)
        line = None if exc.line is None else max(1, exc.line - added)
        raise ParseError(reason, exc.source, line, exc.column) from None


def format_table(f: BooleanFunction) -> str:
    """All 2^n rows as a whitespace table that :func:`parse_table` reads back (``|`` before the outputs).

    >>> print(format_table(BooleanFunction.from_expr("a & b")), end="")
    a b | f
    0 0 | 0
    0 1 | 0
    1 0 | 0
    1 1 | 1
    """
    from .csvtable import format_csv
    if not isinstance(f, BooleanFunction):
        raise BoolnetError(f"a truth table needs a BooleanFunction, not {type(f).__name__}")
    for s in f.input_names + f.output_names:
        if "|" in s or s.startswith((">", "#")) or not s.strip() or len(s.split()) != 1:
            raise BoolnetError(f"the column name {s!r} cannot be written in a whitespace table")
    text = format_csv(f, delimiter=" ")
    lines = text.split("\n")
    head = " ".join(f.input_names) + " | " + " ".join(f.output_names)
    n2 = 2 * f.n
    body = [ln[:n2 - 1] + " |" + ln[n2 - 1:] if ln else ln for ln in lines[1:]]
    if f.n == 0:
        body = ["|" + ln if ln else ln for ln in lines[1:]]
    return "\n".join([head] + body)


def read_table(source: Source, outputs: int | None = None, missing: str = "off") -> BooleanFunction:
    """Read a whitespace truth table from a path, '-' or an open file."""
    data, name = read_bytes(source)
    return parse_table(data, outputs, missing, name)


def write_table(f: BooleanFunction, target: Target) -> None:
    """Write all rows of a truth table as a whitespace table (whole or not at all)."""
    write_text(format_table(f), target)
