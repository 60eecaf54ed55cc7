"""Minterm lists such as ``1,3,5-7``: ON rows (and don't-care rows) of a table with n inputs.

Items are row numbers or inclusive ranges ``a-b``, separated by commas and/or white
space; ``;`` separates the lists of several outputs (``1,2;0,3`` is two outputs). A
don't-care text with one list applies to every output; otherwise it needs one list
per output. Row numbers follow the table convention: the first input is the most
significant bit.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from ..bits import pack
from ..errors import BoolnetError, ParseError, check_dense
from ..function import BooleanFunction

__all__ = ["parse_minterms", "format_minterms", "format_dontcares"]

_ITEM = re.compile(r"[^\s,]+")
_PART = re.compile(r"(\d+)(?:\s*-\s*(\d+))?\Z")


def _parse_list(text: str, n: int, offset: int, what: str, source) -> np.ndarray:
    """Boolean row mask of one list; ``offset`` is the column of text[0] minus 1."""
    rows = 1 << n
    mask = np.zeros(rows, dtype=bool)
    # Ranges may carry spaces around the dash ("5 - 7"): join them before splitting.
    text_joined = re.sub(r"\s*-\s*", lambda m: "-".ljust(len(m.group()), "\0"), text)
    for m in _ITEM.finditer(text_joined):
        item = m.group().replace("\0", "")
        col = offset + m.start() + 1
        p = _PART.match(item)
        if p is None:
            raise ParseError(f"{what} {item!r}: expected a row number or a range such as 5-7",
                             source, column=col)
        lo = int(p.group(1))
        hi = int(p.group(2)) if p.group(2) is not None else lo
        if hi < lo:
            raise ParseError(f"{what} range {item!r} runs backwards", source, column=col)
        if hi >= rows:
            bad = hi if lo < rows else lo
            raise ParseError(f"{what} {bad} is out of range for {n} inputs (0 .. {rows - 1})",
                             source, column=col)
        mask[lo:hi + 1] = True
    return mask


def _parse_lists(text: str, n: int, what: str, source) -> list[np.ndarray]:
    out, offset = [], 0
    for part in text.split(";"):
        out.append(_parse_list(part, n, offset, what, source))
        offset += len(part) + 1
    return out


def parse_minterms(text: str, n: int, dontcares: str = "", names: Sequence[str] | None = None,
                   *, source: str | None = None) -> BooleanFunction:
    """A BooleanFunction from ON minterms (``'1,3,5-7'``) and don't-care minterms.

    >>> f = parse_minterms("1, 3, 5-7", 3, dontcares="0")
    >>> f.minterms().tolist(), f.dontcares().tolist()
    ([1, 3, 5, 6, 7], [0])
    """
    n = int(n)
    if n < 0:
        raise BoolnetError(f"the number of inputs must be >= 0, got {n}")
    # A boolean row mask per list (ON and DC), per output: count the outputs first.
    check_dense(n, 2, m=text.count(";") + 1)
    on = _parse_lists(text, n, "minterm", source)
    dc = _parse_lists(dontcares, n, "don't-care", source) if dontcares.strip() else \
        [np.zeros(1 << n, dtype=bool)]
    if len(dc) == 1:
        dc = dc * len(on)
    if len(dc) != len(on):
        raise ParseError(f"{len(dc)} don't-care lists for {len(on)} outputs; give one list, or "
                         f"one per output separated by ';'", source)
    for j, (a, b) in enumerate(zip(on, dc)):
        both = a & b
        if both.any():
            out = f" of output {j + 1}" if len(on) > 1 else ""
            raise ParseError(f"row {int(np.flatnonzero(both)[0])}{out} is listed both as a "
                             f"minterm and as a don't-care", source)
    return BooleanFunction(n, pack(np.array(on)), pack(np.array(dc)), names)


def _runs(rows: np.ndarray) -> str:
    """Row numbers as text, runs of three or more written as ranges."""
    if len(rows) == 0:
        return ""
    rows = np.asarray(rows, dtype=np.int64)
    breaks = np.flatnonzero(np.diff(rows) != 1) + 1
    starts = np.concatenate([[0], breaks])
    ends = np.concatenate([breaks, [len(rows)]]) - 1
    parts = []
    for s, e in zip(rows[starts].tolist(), rows[ends].tolist()):
        if e - s >= 2:
            parts.append(f"{s}-{e}")
        else:
            parts.extend(str(r) for r in range(s, e + 1))
    return ",".join(parts)


def format_minterms(f: BooleanFunction, output: int = 0) -> str:
    """The ON rows of one output as a minterm list, runs compressed into ranges.

    >>> format_minterms(parse_minterms("1,3,5-7,9,10", 4))
    '1,3,5-7,9,10'
    """
    return _runs(f.minterms(output))


def format_dontcares(f: BooleanFunction, output: int = 0) -> str:
    """The don't-care rows of one output as a minterm list."""
    return _runs(f.dontcares(output))
