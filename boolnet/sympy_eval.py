"""Evaluate Boolean expressions on NumPy columns: parse trees directly, sympy ones without its slow substitution.

A parse tree (what ``boolnet.io.expr`` builds from text) is evaluated without sympy at
all: importing sympy costs about a second, more than reading and evaluating the text.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np

from .errors import BoolnetError

__all__ = ["evaluate_sympy", "evaluate_tree", "free_names"]


def evaluate_tree(tree, columns: Mapping[str, np.ndarray], rows: int) -> np.ndarray:
    """Value on every row of a parse tree (leaves ``('var', name)``/``('const', bool)``, nodes ``[kind, children]``).

    The kinds and their meaning are sympy's (``implies`` takes two arguments, ``ite``
    three, ``equivalent`` is true where all arguments agree), so this agrees with
    evaluating the sympy expression built from the same tree.

    >>> a = np.array([False, False, True, True]); b = np.array([False, True, False, True])
    >>> evaluate_tree(["xor", [("var", "a"), ("var", "b")]], {"a": a, "b": b}, 4).tolist()
    [False, True, True, False]
    """
    results: list[np.ndarray] = []
    stack = [(tree, False)]  # explicit: trees may be deeper than Python's recursion limit
    while stack:
        node, ready = stack.pop()
        if isinstance(node, tuple):
            if node[0] == "var":
                try:
                    results.append(columns[node[1]])
                except KeyError:
                    raise BoolnetError(f"no input named {node[1]}") from None
            else:
                results.append(np.full(rows, bool(node[1])))
        elif not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node[1]))
        else:
            k = len(node[1])
            args = results[len(results) - k:]
            del results[len(results) - k:]
            results.append(_TREE_OPS[node[0]](args))
    return results[0]


def _equivalent(args):
    first = args[0]
    return np.logical_and.reduce([a == first for a in args])


_TREE_OPS = {
    "and": np.logical_and.reduce, "or": np.logical_or.reduce, "xor": np.logical_xor.reduce,
    "not": lambda a: ~a[0],
    "nand": lambda a: ~np.logical_and.reduce(a), "nor": lambda a: ~np.logical_or.reduce(a),
    "xnor": lambda a: ~np.logical_xor.reduce(a),
    "implies": lambda a: ~a[0] | a[1], "equivalent": _equivalent,
    "ite": lambda a: np.where(a[0], a[1], a[2]),
}


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
