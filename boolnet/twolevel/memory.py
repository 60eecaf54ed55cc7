"""The minimiser's memory budget and the estimates its steps are checked against before they allocate.

Exact minimisation and the heuristic's dense steps build structures that grow much faster
than the truth table: the 3^n ternary array of prime generation, and the covering
matrix with one entry per (prime, output, row). Each such step estimates its memory
first; beyond the budget the exact method gives up (the heuristic answers, and the
report's ``reason`` gives the estimate) and the heuristic takes its cheaper route.

The default budget is min(4 GiB, half the memory available now), or
``BOOLNET_MEMORY_BUDGET`` (bytes, or with a K/M/G suffix).

>>> from boolnet.twolevel.memory import matrix_bytes, human
>>> human(matrix_bytes(entries=10**6, pairs=10**5))
'65.6 MiB'
"""
from __future__ import annotations

import numpy as np

from ..errors import BoolnetError, _human, available_bytes, memory_budget

__all__ = ["default_budget", "available_bytes", "resolve_budget", "matrix_bytes", "matrix_size",
           "POINT_BYTES", "human", "MemoryBudgetExceeded"]

#: Working bytes per (cube, output, row) entry of a covering matrix or a point-count step,
#: measured: misex3's OFF cover (4.9e7 entries) peaked at 2.5 GiB (about 51 bytes each).
POINT_BYTES = 64
#: Working bytes per (cube, row) pair enumerated before entries are split by output.
PAIR_BYTES = 48


class MemoryBudgetExceeded(BoolnetError):
    """A step's memory estimate is over the budget; the message names both."""


def human(nbytes: float) -> str:
    """Bytes as a short human figure (KiB, MiB, GiB)."""
    return _human(float(nbytes))


def default_budget() -> int:
    """min(4 GiB, half of the available memory), or BOOLNET_MEMORY_BUDGET when set."""
    return memory_budget()


def resolve_budget(budget: int | float | None) -> int:
    """The budget in bytes: the argument when given, else :func:`default_budget`."""
    if budget is None:
        return default_budget()
    if budget <= 0:
        raise BoolnetError(f"the memory budget must be positive, not {budget}")
    return int(budget)


def matrix_size(n: int, literals: np.ndarray, outputs: np.ndarray) -> tuple[float, float]:
    """(entries, pairs) of the covering matrix of cubes over n inputs with these literal
    counts and (cubes, m) output parts: a cube of l literals covers 2^(n - l) rows."""
    rows = np.ldexp(1.0, n - np.asarray(literals))
    return float(np.sum(rows * np.asarray(outputs).sum(1))), float(rows.sum())


def matrix_bytes(entries: float, pairs: float) -> float:
    """Working memory of a covering matrix with ``entries`` (cube, output, row) entries built
    from ``pairs`` enumerated (cube, row) pairs."""
    return POINT_BYTES * float(entries) + PAIR_BYTES * float(pairs)
