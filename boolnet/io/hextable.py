"""Hex truth tables in a file: one ``0x...`` number per line, one line per output.

Bit i of the number is the value on row i (``0x6996`` is 4-input parity); see
:meth:`BooleanFunction.from_hex`. The number of inputs is log2 of four times the
number of digits, unless a second field gives it (``0x2 1`` is the 1-input identity;
the writer adds it for n < 2, which one hex digit cannot express). ``#`` starts a
comment. Hex tables hold no don't-cares, so writing a function that has some is refused.
"""
from __future__ import annotations

import numpy as np

from ..errors import BoolnetError, ParseError
from ..function import BooleanFunction
from .text import Source, Target, check_text, read_text, write_text

__all__ = ["parse_hex", "format_hex", "read_hex", "write_hex"]


def parse_hex(text: str, source: str | None = None) -> BooleanFunction:
    """Parse one hex truth table per line (all of the same size) into a BooleanFunction.

    >>> parse_hex("0x6996\\n0x8000  # AND of 4\\n").on_count().tolist()
    [8, 1]
    """
    check_text(text, source)
    if "\r" in text:  # CR LF and old Mac CR line ends are line ends too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    tables, first = [], None
    for lineno, raw in enumerate(text.split("\n"), start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        fields = body.split()
        if len(fields) > 2 or (len(fields) == 2 and not fields[1].isdigit()):
            raise ParseError(f"expected a hex number and optionally the number of inputs, "
                             f"found {body!r}", source, lineno)
        try:
            f = BooleanFunction.from_hex(fields[0], int(fields[1]) if len(fields) == 2 else None)
        except BoolnetError as exc:
            raise ParseError(str(exc), source, lineno) from None
        if first is not None and f.n != first.n:
            raise ParseError(f"this table has {f.n} inputs; the first one has {first.n}",
                             source, lineno)
        first = first or f
        tables.append(f)
    if not tables:
        raise ParseError("empty file; expected a hex truth table such as 0x6996", source, 1)
    on = np.concatenate([t.on_words for t in tables])
    return BooleanFunction(first.n, on)


def format_hex(f: BooleanFunction) -> str:
    """One hex truth table per output, one per line.

    >>> format_hex(BooleanFunction.from_expr("a ^ b"))
    '0x6\\n'
    """
    if f.dc_count().any():
        raise BoolnetError("a hex truth table cannot hold don't-cares; write PLA or CSV")
    size = f" {f.n}" if f.n < 2 else ""
    return "".join(f"{f.to_hex(j)}{size}\n" for j in range(f.m))


def read_hex(source: Source) -> BooleanFunction:
    """Read hex truth tables from a path, '-' or an open file."""
    text, name = read_text(source)
    return parse_hex(text, name)


def write_hex(f: BooleanFunction, target: Target) -> None:
    """Write hex truth tables (whole or not at all) to a path, '-' or an open file."""
    write_text(format_hex(f), target)
