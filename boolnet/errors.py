"""The errors boolnet raises for bad input, and the memory guard for dense tables."""
from __future__ import annotations

import math
import os

__all__ = ["BoolnetError", "ParseError", "NotApplicable", "TooLargeError", "check_dense", "dense_limit",
           "set_dense_limit", "check_memory", "memory_budget", "dense_bytes_log2"]


class BoolnetError(ValueError):
    """A user-facing error: one clear line, no traceback needed."""


class ParseError(BoolnetError):
    """Bad input text, with the place it was found (source, line, column)."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None,
                 column: int | None = None):
        self.reason = message
        self.source = source
        self.line = line
        self.column = column
        where = ""
        if source is not None:
            where = str(source)
        if line is not None:
            where += f"{':' if where else 'line '}{line}"
            if column is not None:
                # file:line:column, or "line 1, column 7" when there is no file name
                where += f":{column}" if source is not None else f", column {column}"
        elif column is not None:
            where += f"{': ' if where else ''}column {column}"
        super().__init__(f"{where}: {message}" if where else message)


class NotApplicable(BoolnetError):
    """An architecture that cannot compute this function (e.g. one neuron for XOR)."""


class TooLargeError(BoolnetError):
    """A request that would not fit in memory, refused before anything is allocated."""


def _default_limit() -> int:
    env = os.environ.get("BOOLNET_MAX_INPUTS")
    return int(env) if env and env.isdigit() else 28


_limit = [_default_limit()]


def dense_limit() -> int:
    """Largest number of inputs for which a dense 2^n table is built (default 28, or BOOLNET_MAX_INPUTS)."""
    return _limit[0]


def set_dense_limit(n: int) -> int:
    """Change the dense-table input limit for this process; returns the previous one."""
    old, _limit[0] = _limit[0], int(n)
    return old


def _human(nbytes: float) -> str:
    if nbytes >= 1 << 70:  # an int too large for a float, or inf
        return _human_log2(math.log2(nbytes)) if nbytes != math.inf else "unbounded memory"
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if nbytes < 1024 or unit == "EiB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return f"{nbytes:.1f} EiB"  # pragma: no cover


def _human_log2(log2_bytes: float) -> str:
    """Bytes given as their base-2 logarithm, so 2^2000 rows never overflow a float."""
    if log2_bytes < 70:
        return _human(2.0 ** log2_bytes)
    return f"2^{log2_bytes:.0f} bytes"


def dense_bytes_log2(n: int, bytes_per_row: float = 2, m: int = 1) -> float:
    """log2 of the bytes a dense 2^n-row structure takes, ``bytes_per_row`` for each of ``m`` outputs."""
    return n + math.log2(max(bytes_per_row, 1e-300)) + math.log2(max(int(m), 1))


#: Below this many bytes a dense structure is not checked against the memory budget (which
#: reads /proc/meminfo): the budget is never below it.
_SMALL = 1 << 26


def check_dense(n: int, bytes_per_row: float = 2, what: str = "truth table",
                limit: int | None = None, m: int = 1) -> None:
    """Refuse a dense 2^n structure above the input limit or the memory budget, naming its size.

    ``bytes_per_row`` is counted for each of the ``m`` outputs. The default of 2 bytes a
    row is the working memory of table operations, which unpack bits to one byte per row
    (the packed table itself is 1/8 byte a row). The size is worked out in logarithms, so
    any n (2,000 inputs, 10^8 inputs) gets the same one-line refusal, never an overflow.
    """
    limit = _limit[0] if limit is None else limit
    n, m = int(n), max(int(m), 1)
    log2 = dense_bytes_log2(n, bytes_per_row, m)
    outs = f" and {m} outputs" if m > 1 else ""
    if n > limit:
        raise TooLargeError(
            f"a dense {what} for {n} inputs{outs} has 2^{n} rows and would need about "
            f"{_human_log2(log2)}; the limit is {limit} inputs (raise it with --max-inputs or "
            f"BOOLNET_MAX_INPUTS)")
    if log2 > math.log2(_SMALL):
        budget = memory_budget()
        if log2 > math.log2(budget):
            raise TooLargeError(
                f"a dense {what} for {n} inputs{outs} has 2^{n} rows and would need about "
                f"{_human_log2(log2)}; the limit is {_human(budget)} (set "
                f"BOOLNET_MEMORY_BUDGET, e.g. 8G, to change it)")


#: Default ceiling of the memory budget, whatever the machine has.
MAX_DEFAULT_BUDGET = 4 << 30


def available_bytes() -> int | None:
    """Memory available to new work now (MemAvailable of /proc/meminfo), or None when unknown."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def parse_bytes(text: str) -> int:
    """Bytes from text such as 500M, 2G or 1048576 (-> int).

    >>> parse_bytes("2G"), parse_bytes("1.5k")
    (2147483648, 1536)
    """
    t = text.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}.get(t[-1:], 1)
    num = t[:-1] if t[-1:] in "KMGT" else t
    try:
        return int(float(num) * scale)
    except ValueError:
        raise BoolnetError(f"BOOLNET_MEMORY_BUDGET={text!r}: expected bytes, e.g. 2G or "
                           f"500M") from None


def memory_budget() -> int:
    """Bytes one step may allocate: BOOLNET_MEMORY_BUDGET, else min(4 GiB, half the available memory)."""
    env = os.environ.get("BOOLNET_MEMORY_BUDGET")
    if env:
        return parse_bytes(env)
    avail = available_bytes()
    return MAX_DEFAULT_BUDGET if avail is None else max(1 << 26, min(MAX_DEFAULT_BUDGET, avail // 2))


def check_memory(nbytes: float, what: str, budget: int | None = None) -> None:
    """Refuse work whose estimated memory is above the budget, naming the estimate.

    >>> check_memory(2.0**40, "a network of 2^34 weights", budget=4 << 30)
    Traceback (most recent call last):
    ...
    boolnet.errors.TooLargeError: a network of 2^34 weights would need about 1.0 TiB; the limit is 4.0 GiB (set BOOLNET_MEMORY_BUDGET, e.g. 8G, to change it)
    """
    budget = memory_budget() if budget is None else budget
    if nbytes > budget:  # an int of any size compares exactly; _human copes with inf
        raise TooLargeError(f"{what} would need about {_human(nbytes)}; the limit is "
                            f"{_human(budget)} (set BOOLNET_MEMORY_BUDGET, e.g. 8G, to change it)")
