"""Per-output choice: each output takes the cheapest form, and units are shared between outputs.

Every form that applies is built (per output for the single-output forms: one threshold
unit, symmetric, cascade; for all outputs at once for the shared forms: wide, deep,
synth, exact) and poured into one hashed :class:`~boolnet.synth.tnet.ThresholdNetwork`,
so a unit two forms (or two outputs) both build exists once. Each output then has one
root per form; :func:`choose_roots` picks the roots whose cones together cost least
(coordinate descent from the cheapest root per output). :func:`resubstitute` adds, for
small tables, one more option per output: a single unit reading the inputs and the other
outputs' roots (``eq = [-lt - gt >= 0]`` for a comparator), found by an exact linear
program on the truth table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..synth.tnet import ThresholdNetwork

__all__ = ["Pool", "choose_roots", "resubstitute", "RESUB_MAX_INPUTS"]

#: Largest number of inputs for which an output is tried as one unit over the other
#: outputs alone (a linear program over their distinct value patterns).
RESUB_MAX_INPUTS = 16
#: ... and as one unit over the inputs and the other outputs (a linear program over 2^n
#: rows; alu4's 14 inputs and 8 outputs took about 20 s this way).
RESUB_INPUTS_MAX_INPUTS = 10
#: Up to this many outputs the choice descends from many starts (see choose_roots).
MULTISTART_MAX_OUTPUTS = 8


@dataclass
class Pool:
    """A hashed network holding every form's units, and per output the roots each form gives."""

    net: ThresholdNetwork
    options: list[dict[str, tuple[int, bool]]] = field(default_factory=list)

    def add_form(self, form: str, roots: list[tuple[int, bool]], outputs: list[int]) -> None:
        """Record that ``form`` computes the given outputs at these roots."""
        for j, r in zip(outputs, roots):
            self.options[j][form] = r


def selection_cost(t: ThresholdNetwork, roots: list[tuple[int, bool]],
                   objective: str) -> tuple[int, int]:
    """(units, parameters) of the levelised network whose outputs are these roots, the
    objective first ("neurons" or "parameters"), the other breaking ties."""
    cone = t.cone(t.output_signals(roots))  # (adds the negations a root needs, hashed)
    units = len(cone)
    params = sum(len(t.weights[s - t.n]) + 1 for s in cone)
    return (units, params) if objective == "neurons" else (params, units)


def cheapest_own(pool: Pool, objective: str = "neurons", allowed=None,
                 order: tuple[str, ...] = ()) -> list[str]:
    """Per output, the form whose root alone has the cheapest cone (ties by ``order``, then name)."""
    t = pool.net
    rank = {k: i for i, k in enumerate(order)}
    opts = [{k: r for k, r in o.items() if allowed is None or allowed(k, r)} for o in pool.options]
    return [min(o, key=lambda k: (selection_cost(t, [o[k]], objective), rank.get(k, len(rank)), k))
            for o in opts]


def choose_roots(pool: Pool, objective: str = "neurons", allowed=None,
                 rounds: int = 4, order: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """The form per output whose roots together cost least (coordinate descent), and that cost.

    ``allowed(form, root)`` may veto options (e.g. by depth); ties go to the form listed
    first in ``order`` (the simpler form), then by name.
    """
    t = pool.net
    opts = [{k: r for k, r in o.items() if allowed is None or allowed(k, r)} for o in pool.options]
    if any(not o for o in opts):
        raise ValueError("an output has no form left")
    rank = {k: i for i, k in enumerate(order)}
    # Starts: each output's own cheapest cone, and every form that serves all outputs (so
    # the result is never worse than the best single form, as auto used to choose).
    starts = [cheapest_own(pool, objective, allowed, order)]
    for form in sorted({k for o in opts for k in o}, key=lambda k: (rank.get(k, len(rank)), k)):
        if all(form in o for o in opts):
            starts.append([form] * len(opts))
    if len(opts) <= MULTISTART_MAX_OUTPUTS:
        # Few outputs: also start from each single change of the first start, and descend
        # from every start. (One descent can stop where each single change costs more: on
        # comparator:3 it took lt over eq and gt for fewer parameters, after which eq over lt
        # and gt, one unit fewer, no longer paid.)
        for j, o in enumerate(opts):
            for k in o:
                if k != starts[0][j]:
                    starts.append(starts[0][:j] + [k] + starts[0][j + 1:])
        results = [_descend(t, opts, p, objective, rank, rounds) for p in starts]
        best, pick = min(results, key=lambda r: r[0])
        return pick, best
    scored = [(selection_cost(t, [opts[j][k] for j, k in enumerate(p)], objective), i, p)
              for i, p in enumerate(starts)]
    _, _, pick = min(scored)
    best, pick = _descend(t, opts, pick, objective, rank, rounds)
    return pick, best


def _descend(t: ThresholdNetwork, opts: list[dict], pick: list[str], objective: str,
             rank: dict[str, int], rounds: int) -> tuple[tuple[int, int], list[str]]:
    """Coordinate descent from ``pick``: change one output's form while that lowers the cost."""
    best = selection_cost(t, [opts[j][k] for j, k in enumerate(pick)], objective)
    for _ in range(rounds):
        improved = False
        for j, o in enumerate(opts):
            if len(o) < 2:
                continue
            for k in sorted(o, key=lambda k: (rank.get(k, len(rank)), k)):
                if k == pick[j]:
                    continue
                trial = pick[:j] + [k] + pick[j + 1:]
                c = selection_cost(t, [opts[i][x] for i, x in enumerate(trial)], objective)
                if c < best:
                    best, pick, improved = c, trial, True
        if not improved:
            break
    return best, pick


def _is_function_of(cols: np.ndarray, y: np.ndarray) -> bool:
    """True when equal rows of ``cols`` never carry different values of y."""
    if len(y) == 0:
        return True
    keys = np.packbits(cols.astype(bool), axis=1)
    keys = np.ascontiguousarray(keys).view(np.dtype((np.void, keys.shape[1]))).ravel()
    _, inv = np.unique(keys, return_inverse=True)
    ones = np.bincount(inv, weights=y.astype(np.float64))
    count = np.bincount(inv)
    return bool(np.all((ones == 0) | (ones == count)))


def resubstitute(pool: Pool, f, pick: list[str], objective: str = "neurons",
                 keep: bool = False) -> bool:
    """Try each output as one unit over the inputs and the other outputs' roots; add the ones that
    exist as option "resub" (``keep``: not where an output has one already). Returns True when any was added.

    Only for functions given as tables of at most ``RESUB_MAX_INPUTS`` inputs.
    """
    from ..synth.threshold import integer_separator
    if f.n > RESUB_MAX_INPUTS or f.m < 2:
        return False
    t = pool.net
    rows = np.arange(f.rows)
    X = ((rows[:, None] >> np.arange(f.n - 1, -1, -1)) & 1).astype(np.int64)
    roots = [pool.options[j][k] for j, k in enumerate(pick)]
    units = list(dict.fromkeys(r for r, _ in roots if t.is_unit(r)))
    column = {s: c for c, s in enumerate(units)}
    allvals = t.values(X, units)          # every root unit on every row, once
    on, dc = f.on_bits(), f.dc_bits()
    added = False
    for j in range(f.m):
        if selection_cost(t, [roots[j]], "neurons")[0] <= 1 or (keep and "resub" in pool.options[j]):
            continue
        others = [roots[i][0] for i in range(f.m) if i != j and t.is_unit(roots[i][0])
                  and roots[j][0] not in t.cone([roots[i][0]])]
        others = list(dict.fromkeys(others))
        if not others:
            continue
        vals = allvals[:, [column[s] for s in others]]
        care = ~dc[j]
        found, srcs = None, others
        # First over the other outputs alone (eq = [-lt - gt >= 0]): only when f_j is a
        # function of them at all (no value pattern of theirs with both an ON and an OFF row).
        if _is_function_of(vals[care], on[j][care]):
            found = integer_separator(vals[care], on[j][care])
        if found is None and f.n <= RESUB_INPUTS_MAX_INPUTS:
            found = integer_separator(np.hstack([X, vals])[care], on[j][care])
            srcs = list(range(f.n)) + others
        if found is None:
            continue
        w, b = found
        sig = t.add_unit(srcs, w.tolist(), b)
        pool.options[j]["resub"] = (sig, False)
        added = True
    return added
