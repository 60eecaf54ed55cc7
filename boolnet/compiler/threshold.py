"""Single threshold units: is a function linearly separable, and with which small integer weights?

A step unit fires when ``w . x + b >= 0`` (0/1 inputs). A function with don't-cares is
linearly separable when some (w, b) fires on every ON row and on no OFF row. We first
test unateness (every separable function is unate in each input), which is cheap and
rules out most functions, then solve a linear program with HiGHS. For n <= 8 an integer
program finds the weights of smallest total |w| (then smallest |b|); beyond, the LP
solution is scaled and rounded and the result checked on every care row.
"""
from __future__ import annotations

import numpy as np

from ..errors import BoolnetError
from ..function import BooleanFunction

__all__ = ["threshold_weights", "is_unate", "unate_signs", "ILP_MAX_INPUTS"]

#: Largest n for which the minimum-weight integer program is solved.
ILP_MAX_INPUTS = 8


def _row_bits(rows: np.ndarray, n: int) -> np.ndarray:
    """Inputs (len(rows) x n, int8) of the given row numbers (input 0 the top bit)."""
    return ((rows[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int8) if n \
        else np.zeros((len(rows), 0), np.int8)


def _care_rows(f: BooleanFunction, output: int) -> tuple[np.ndarray, np.ndarray]:
    """Inputs (rows x n, int8) of the care rows, and their targets (bool)."""
    on = f.on_bits()[output]
    rows = np.flatnonzero(~f.dc_bits()[output])
    return _row_bits(rows, f.n), on[rows]


def _all_rows_separate(f: BooleanFunction, output: int, w: np.ndarray) -> int | None:
    """The bias with which ``w`` separates every care row, checked in blocks of rows (a
    28-input table's rows as one int8 matrix would take 7.5 GB)."""
    on = f.on_bits()[output]
    care = ~f.dc_bits()[output]
    low_on, high_off = None, None
    step = 1 << 18
    for start in range(0, f.rows, step):
        rows = np.arange(start, min(f.rows, start + step))
        c = care[rows]
        s = _row_bits(rows[c], f.n).astype(np.int64) @ w
        y = on[rows][c]
        if y.any():
            lo = s[y].min()
            low_on = lo if low_on is None else min(low_on, lo)
        if (~y).any():
            hi = s[~y].max()
            high_off = hi if high_off is None else max(high_off, hi)
    if low_on is None or high_off is None or high_off < low_on:
        return -int(low_on) if low_on is not None else -1
    return None


def unate_signs(f: BooleanFunction, output: int = 0) -> np.ndarray | None:
    """Per input +1 (the output never falls as it rises), -1 (never rises) or 0 (no influence)
    on care rows; None when some input moves the output both ways."""
    on = f.on_bits()[output]
    care = ~f.dc_bits()[output]
    signs = np.zeros(f.n, np.int64)
    for i in range(f.n):
        shape = (1 << i, 2, 1 << (f.n - 1 - i))
        o, c = on.reshape(shape), care.reshape(shape)
        both = c[:, 0] & c[:, 1]
        rises = np.any(both & ~o[:, 0] & o[:, 1])
        falls = np.any(both & o[:, 0] & ~o[:, 1])
        if rises and falls:
            return None
        signs[i] = 1 if rises else (-1 if falls else 0)
    return signs


def is_unate(f: BooleanFunction, output: int = 0) -> bool:
    """True when, on care rows, the output is monotone (up or down) in every input."""
    return unate_signs(f, output) is not None


def _extreme_rows(f: BooleanFunction, output: int, signs: np.ndarray) -> np.ndarray:
    """Care rows that bind a unit of these weight signs: ON rows with no ON neighbour one
    step down (in the signs' order), OFF rows with no OFF neighbour one step up.

    Every other row's inequality follows from a neighbour's, so the linear program over
    these rows has the same solutions (a 16-input table: hundreds of rows, not 65,536).
    """
    on = f.on_bits()[output]
    off = ~on & ~f.dc_bits()[output]
    keep_on, keep_off = on.copy(), off.copy()
    rows = np.arange(f.rows)
    for i in range(f.n):
        if signs[i] == 0:
            continue
        bit = 1 << (f.n - 1 - i)
        has = (rows & bit) != 0
        # "down" flips input i towards the side that lowers the sum.
        down = rows ^ bit
        lowers = has if signs[i] > 0 else ~has
        keep_on &= ~(lowers & on[down])
        keep_off &= ~(~lowers & off[down])
    return keep_on | keep_off


def threshold_weights(f: BooleanFunction, output: int = 0, minimal: bool | None = None
                      ) -> tuple[np.ndarray, int] | None:
    """Integer (weights, bias) of one step unit computing ``f`` on its care rows, or None if none exists.

    ``minimal`` (default: n <= 8) asks for the smallest total |w| by integer programming.

    >>> from boolnet.families import majority, parity
    >>> w, b = threshold_weights(majority(3)); w.tolist(), b
    ([1, 1, 1], -2)
    >>> threshold_weights(parity(2)) is None
    True
    """
    if not 0 <= output < f.m:
        raise BoolnetError(f"output {output} out of range 0 .. {f.m - 1}")
    n = f.n
    on, care = f.on_bits()[output], ~f.dc_bits()[output]
    if not (on & care).any():  # constant 0 (or all don't-care): never fire
        return np.zeros(n, np.int64), -1
    if not (care & ~on).any():
        return np.zeros(n, np.int64), 0
    signs = unate_signs(f, output)  # before any row matrix: most functions stop here
    if signs is None:
        return None
    if n > ILP_MAX_INPUTS:  # the binding rows suffice for the linear program
        rows = np.flatnonzero(_extreme_rows(f, output, signs))
        X, y = _row_bits(rows, n), on[rows]
    else:
        X, y = _care_rows(f, output)
    if minimal is None:
        minimal = n <= ILP_MAX_INPUTS
    if minimal:
        # Integers need only a gap of one: ON rows at >= 0, OFF rows at <= -1.
        A = np.where(y, -1.0, 1.0)[:, None] * np.hstack([X, np.ones((len(X), 1))])
        found = _min_integer(A, np.where(y, 0.0, -1.0), n)
        if found is not None:
            return found
    # The LP relaxation (least total |w|, margins of one), scaled and rounded; each weight
    # keeps its input's unate sign: some separating unit has such signs, and with them the
    # rows dropped above follow from the ones kept (inputs that never move a care row stay
    # free: don't-cares may hide their sign).
    from ..synth.threshold import separate_lp
    found = separate_lp(X, y, signs)
    if isinstance(found, str):  # infeasible: not separable
        return None
    if found is not None:
        w, b = found
        if n <= ILP_MAX_INPUTS:
            return w, b
        b = _all_rows_separate(f, output, w)  # checked on every care row, in blocks
        if b is not None:
            return w, b
    raise BoolnetError("linearly separable, but rounding the LP weights failed; "
                       "please report this function")


def _min_integer(A: np.ndarray, ub: np.ndarray, n: int) -> tuple[np.ndarray, int] | None:
    """Minimum sum |w| (then |b|) integer weights, by MILP over w = p - q with p, q >= 0."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    k = len(A)
    # Variables: p (n), q (n), bp, bq. A @ [w, b] <= ub  with w = p - q, b = bp - bq.
    M = np.hstack([A[:, :n], -A[:, :n], A[:, n:], -A[:, n:]])
    # Total |w| first; |b| as a tie-breaker (it is at most about n times the weights).
    big = 4.0 * (n + 1)
    c = np.concatenate([np.full(2 * n, big), [1.0, 1.0]])
    res = milp(c, constraints=LinearConstraint(M, -np.inf, ub), integrality=np.ones(2 * n + 2),
               bounds=Bounds(0, np.inf), options={"time_limit": 20})
    if res.status == 2 or res.x is None:
        return None
    x = np.round(res.x).astype(np.int64)
    return x[:n] - x[n:2 * n], int(x[2 * n] - x[2 * n + 1])
