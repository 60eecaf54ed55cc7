"""Evaluate sympy Boolean expressions on NumPy columns, without sympy's slow substitution.

Text is parsed and evaluated without sympy (:func:`boolnet.syntax.evaluate_tree`); this
module imports sympy only when it is handed a sympy expression.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from .errors import BoolnetError

__all__ = ["evaluate_sympy", "free_names"]


def free_names(expr) -> list[str]:
    """Names of the symbols of a sympy expression, sorted (sympy keeps no order of appearance)."""
    return sorted(str(s) for s in expr.free_symbols)


def evaluate_sympy(expr, columns: Mapping[str, np.ndarray], rows: int) -> np.ndarray:
    """Value of a sympy Boolean expression on every row, given one boolean column per symbol."""
    import sympy
    # An explicit stack instead of recursion: deeply nested expressions must not
    # overflow Python's recursion limit.
    results: dict[int, np.ndarray] = {}
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if key in results and not ready:
            continue
        if not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if isinstance(a, sympy.Basic))
            continue
        results[key] = _apply(node, [results[id(a)] for a in node.args
                                     if isinstance(a, sympy.Basic)], columns, rows)
    return results[id(expr)]


def _apply(node, args, columns, rows):
    import sympy
    from sympy.logic import boolalg
    if node is sympy.true or node == sympy.true:
        return np.ones(rows, dtype=bool)
    if node is sympy.false or node == sympy.false:
        return np.zeros(rows, dtype=bool)
    if isinstance(node, sympy.Symbol):
        try:
            return columns[str(node)]
        except KeyError:
            raise BoolnetError(f"no input named {node}") from None
    if isinstance(node, boolalg.Not):
        return ~args[0]
    if isinstance(node, boolalg.And):
        return np.logical_and.reduce(args)
    if isinstance(node, boolalg.Or):
        return np.logical_or.reduce(args)
    if isinstance(node, boolalg.Xor):
        return np.logical_xor.reduce(args)
    if isinstance(node, boolalg.Nand):
        return ~np.logical_and.reduce(args)
    if isinstance(node, boolalg.Nor):
        return ~np.logical_or.reduce(args)
    if isinstance(node, boolalg.Xnor):
        return ~np.logical_xor.reduce(args)
    if isinstance(node, boolalg.Implies):
        return ~args[0] | args[1]
    if isinstance(node, boolalg.Equivalent):
        first = args[0]
        return np.logical_and.reduce([a == first for a in args])
    if isinstance(node, boolalg.ITE):
        return np.where(args[0], args[1], args[2])
    raise BoolnetError(f"cannot evaluate {type(node).__name__} as a Boolean operation")
