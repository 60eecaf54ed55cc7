"""The minimal sum of products of a threshold gate, straight from its weights.

A threshold gate is unate: each input appears with one polarity only (positive weight:
x, negative weight: ~x). A unate function has exactly one irredundant sum of products,
the set of all its prime implicants, and those are the minimal sets of literals whose
weights reach the threshold. So the minimiser's answer can be enumerated directly,
without a truth table, for any fan-in; only the number of primes can explode (majority
of 2k+1 inputs has C(2k+1, k+1)), and that is capped.
"""
from __future__ import annotations

from ..errors import BoolnetError, check_memory

__all__ = ["threshold_cubes"]


def threshold_cubes(weights, bias: int, limit: int = 100_000) -> list[str]:
    """Cubes over the fan-in ('1', '0', '-') whose OR is [w.x + bias >= 0] (-> list[str]).

    [] is the constant 0, ['--'] (all dashes) the constant 1.

    >>> threshold_cubes([1, 1], -2)      # AND
    ['11']
    >>> threshold_cubes([1, 1], -1)      # OR
    ['1-', '-1']
    >>> threshold_cubes([-2, 1, 1], 0)   # ~x1 | x2 & x3
    ['0--', '-11']
    """
    weights = [int(w) for w in weights]
    n = len(weights)
    # Substitute ~x for x where w < 0: w*x = w - w*(~x), so every literal weight is |w|.
    need = -int(bias) - sum(w for w in weights if w < 0)  # literal weights must reach this
    lits = sorted((i for i in range(n) if weights[i]), key=lambda i: -abs(weights[i]))
    a = [abs(weights[i]) for i in lits]
    if need <= 0:
        return ["-" * n]
    if sum(a) < need:
        return []
    suffix = [0] * (len(a) + 1)
    for k in range(len(a) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + a[k]
    # Depth-first over literals by falling weight: a set is recorded the moment it reaches
    # `need`, so dropping its last (smallest) literal falls short: it is minimal, a prime.
    # An explicit stack, because an AND of a thousand inputs nests a thousand deep.
    found: list[list[int]] = []
    chosen: list[int] = []
    total, k = 0, 0
    while True:
        if k < len(a) and total + suffix[k] >= need:
            if total + a[k] >= need:
                found.append(chosen + [k])
                if len(found) > limit:
                    raise BoolnetError(f"a threshold gate of fan-in {n} has more than {limit} "
                                       f"prime implicants; its cover is too large to write")
            else:
                chosen.append(k)
                total += a[k]
            k += 1
        elif chosen:  # nothing further reaches the threshold here: back up one literal
            last = chosen.pop()
            total -= a[last]
            k = last + 1
        else:
            break
    # The cubes as text take a character per fan-in each: an OR of 50,000 inputs is 50,000
    # cubes of 50,000 characters (2.5 GB). Refuse that before writing it out.
    check_memory(len(found) * (n + 60), f"the cover of a threshold gate of fan-in {n} "
                 f"({len(found)} prime implicants)")
    cubes = []
    for ks in found:
        cube = ["-"] * n
        for k in ks:
            i = lits[k]
            cube[i] = "1" if weights[i] > 0 else "0"
        cubes.append("".join(cube))
    return cubes
