"""The errors boolnet raises for bad input, and the memory guard for dense tables."""
from __future__ import annotations

import os

__all__ = ["BoolnetError", "ParseError", "TooLargeError", "check_dense", "DENSE_LIMIT"]


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
                where += f":{column}"
        super().__init__(f"{where}: {message}" if where else message)


class TooLargeError(BoolnetError):
    """A request that would not fit in memory, refused before anything is allocated."""


def _default_limit() -> int:
    env = os.environ.get("BOOLNET_MAX_INPUTS")
    return int(env) if env and env.isdigit() else 28


#: Largest number of inputs for which a dense 2^n table is built (override with
#: the environment variable BOOLNET_MAX_INPUTS or the ``limit`` arguments).
DENSE_LIMIT = _default_limit()


def _human(nbytes: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"):
        if nbytes < 1024 or unit == "EiB":
            return f"{nbytes:.0f} {unit}" if unit == "bytes" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    return f"{nbytes:.1f} EiB"  # pragma: no cover


def check_dense(n: int, bytes_per_row: float = 1 / 8, what: str = "truth table",
                limit: int | None = None) -> None:
    """Refuse a dense 2^n structure above the input limit, naming the memory it would take."""
    limit = DENSE_LIMIT if limit is None else limit
    if n > limit:
        estimate = _human((2.0 ** n) * bytes_per_row)
        raise TooLargeError(
            f"a dense {what} for {n} inputs has 2^{n} rows and would need about {estimate}; "
            f"the limit is {limit} inputs (raise it with --max-inputs or BOOLNET_MAX_INPUTS)")
