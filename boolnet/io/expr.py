"""Boolean expressions: our own tokenizer and parser into sympy, the printer back, and expression files.

User text never reaches ``eval``, ``exec``, ``sympify`` or ``sympy.parse_expr``: those
run Python, so ``__import__('os').system(...)`` would execute. This parser only knows
names, constants, operators and a fixed list of function forms, and it builds the
expression from ``sympy.Symbol``, ``And``, ``Or``, ``Not``, ``Xor`` and friends.

Syntax, loosest binding first::

    or      a | b    a || b   a or b    a + b
    xor     a ^ b    a xor b
    and     a & b    a && b   a and b   a b (juxtaposed, textbook)
    not     ~a   !a   not a    a' (postfix, textbook)
    atoms   name  0  1  True  False  ( expr )
            And(...) Or(...) Xor(...) Not(x) Nand(...) Nor(...) Xnor(...)
            Implies(a, b) Equivalent(...) ITE(c, a, b)

Words (``and or xor not true false`` and function names) are case-insensitive. A
name is ``[A-Za-z_][A-Za-z0-9_]*``; names that sympy predefines (``E``, ``I``,
``S``, ``N``, ``O``, ``Q``, ``pi``, ``beta``) are plain variables. Only the words
``and or xor not true false`` cannot be variables. Parentheses and function calls
may nest :data:`MAX_DEPTH` deep; the parser uses explicit stacks, so deeper input
gets a ParseError, never a RecursionError.

An *expression file* holds one output per line, ``name = expr`` or a bare ``expr``;
``#`` starts a comment; an optional line ``inputs: a b c`` fixes the inputs and
their order (otherwise inputs come in order of first appearance). Expression files
have no don't-cares.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, ParseError
from ..function import BooleanFunction, default_output_names
from ..syntax import _RESERVED, MAX_DEPTH, _parse, fold_tree, is_name
from ..syntax import check_inputs as _check_inputs
from .text import Source, Target, check_text, read_text, write_text

__all__ = ["MAX_DEPTH", "parse_expr", "format_expr", "parse_expr_file", "format_expr_file",
           "read_expr", "write_expr", "is_name"]

# The tokenizer and parser live below the readers, in boolnet.syntax (function.py
# parses text without importing io/); this module builds sympy from their trees.


def _to_sympy(tree):
    """Turn a parse tree into a sympy expression, with an explicit stack (no recursion)."""
    import sympy
    from sympy.logic import boolalg

    build = {"and": sympy.And, "or": sympy.Or, "xor": sympy.Xor, "not": sympy.Not,
             "nand": sympy.Nand, "nor": sympy.Nor, "xnor": boolalg.Xnor,
             "implies": sympy.Implies, "equivalent": sympy.Equivalent, "ite": sympy.ITE}
    symbols: dict[str, object] = {}

    def leaf(node):
        if node[0] != "var":
            return sympy.true if node[1] else sympy.false
        sym = symbols.get(node[1])
        if sym is None:
            sym = symbols[node[1]] = sympy.Symbol(node[1])
        return sym

    return fold_tree(tree, leaf, lambda kind, args: build[kind](*args))


def _to_sympy_guarded(tree, source: str | None, line: int = 1):
    try:
        return _to_sympy(tree)
    except RecursionError:  # only if the caller's own stack is already deep
        raise ParseError("the expression is nested too deeply for sympy", source, line) from None


def parse_expr(text: str, names: Sequence[str] | None = None, return_names: bool = False,
               source: str | None = None, *, dense: bool = False):
    """Parse a Boolean expression into sympy; with ``return_names`` also its inputs in order of first appearance.

    ``names``, when given, lists the only names allowed (and is returned as the input order).
    ``dense=True`` refuses (TooLargeError) more inputs than a dense truth table may have,
    before sympy builds the expression (sympy takes seconds on 20,000 names).

    >>> parse_expr("a & ~b | c")
    c | (a & ~b)
    >>> parse_expr("E ^ I ^ S", return_names=True)
    (E ^ I ^ S, ['E', 'I', 'S'])
    >>> parse_expr("And(x, Or(y, 0))")
    x & y
    """
    if not isinstance(text, str):
        raise BoolnetError(f"an expression must be text, not {type(text).__name__}")
    check_text(text, source)
    tree, used = _parse(text, names, source=source)
    if dense:
        _check_inputs(len(used), source)
    expr = _to_sympy_guarded(tree, source)
    return (expr, used) if return_names else expr


# ---------------------------------------------------------------------- printing
_ATOM, _NOT, _AND, _XOR, _OR = 10, 4, 3, 2, 1


def format_expr(expr) -> str:
    """Text for a sympy Boolean expression (or a Python bool) that :func:`parse_expr` reads back.

    >>> import sympy
    >>> a, b, c = sympy.symbols("a b c")
    >>> format_expr((a | b) & ~c)
    '~c & (a | b)'
    >>> format_expr(sympy.Implies(a, b ^ c))
    'Implies(a, b ^ c)'
    """
    import sympy
    from sympy.logic import boolalg

    if isinstance(expr, (bool, np.bool_)):
        return "1" if expr else "0"
    infix = {boolalg.And: (" & ", _AND), boolalg.Or: (" | ", _OR), boolalg.Xor: (" ^ ", _XOR)}
    calls = {boolalg.Nand: "Nand", boolalg.Nor: "Nor", boolalg.Xnor: "Xnor",
             boolalg.Implies: "Implies", boolalg.Equivalent: "Equivalent", boolalg.ITE: "ITE"}
    results: list[tuple[str, int]] = []
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if node is sympy.true or node is sympy.false:
            results.append(("1" if node is sympy.true else "0", _ATOM))
            continue
        if isinstance(node, sympy.Symbol):
            if not is_name(node.name):
                raise BoolnetError(f"the name {node.name!r} cannot be written in an expression; "
                                   f"names must match [A-Za-z_][A-Za-z0-9_]* and not be "
                                   f"and/or/xor/not/true/false")
            results.append((node.name, _ATOM))
            continue
        kind = type(node)
        if kind not in infix and kind not in calls and kind is not boolalg.Not:
            raise BoolnetError(f"cannot write {kind.__name__} as a Boolean expression")
        if not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in reversed(node.args))
            continue
        k = len(node.args)
        parts = results[len(results) - k:]
        del results[len(results) - k:]
        if kind is boolalg.Not:
            s, p = parts[0]
            results.append(("~" + (s if p >= _NOT else f"({s})"), _NOT))
        elif kind in infix:
            sep, prec = infix[kind]
            results.append((sep.join(s if p > prec else f"({s})" for s, p in parts), prec))
        else:
            results.append((f"{calls[kind]}({', '.join(s for s, _ in parts)})", _ATOM))
    return results[0][0]


# ---------------------------------------------------------------------- expression files
_ASSIGN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")
_INPUTS = re.compile(r"\s*inputs\s*:", re.IGNORECASE)


def parse_expr_file(text: str, source: str | None = None) -> BooleanFunction:
    """Parse an expression file (one ``name = expr`` or ``expr`` per line) into a BooleanFunction.

    >>> f = parse_expr_file("# half adder\\ns = a ^ b\\nc = a & b\\n")
    >>> f.input_names, f.output_names, f.to_array().tolist()
    (('a', 'b'), ('s', 'c'), [[0, 0], [1, 0], [1, 0], [0, 1]])
    """
    check_text(text, source)
    if "\r" in text:  # CR LF and old Mac CR line ends are line ends too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    declared: list[str] | None = None
    exprs, outs, seen = [], [], {}
    defined: dict[str, int] = {}
    for lineno, raw in enumerate(text.split("\n"), start=1):
        body = raw.split("#", 1)[0]
        if not body.strip():
            continue
        m = _INPUTS.match(body)
        if m:
            if declared is not None or exprs:
                raise ParseError("'inputs:' must come once, before the expressions",
                                 source, lineno, m.start() + 1)
            declared = _declared_names(body[m.end():], source, lineno, m.end() + 1)
            continue
        m = _ASSIGN.match(body)
        name, start = None, 0
        if m and m.group(1).lower() not in _RESERVED:
            name, start = m.group(1), m.end()
            if name in defined:
                raise ParseError(f"output {name!r} is defined twice (lines {defined[name]} and "
                                 f"{lineno})", source, lineno, m.start(1) + 1)
            defined[name] = lineno
        tree, used = _parse(body[start:], declared, line=lineno, col=start + 1, source=source)
        exprs.append((tree, lineno))
        outs.append(name)
        for s in used:
            seen.setdefault(s, None)
    if not exprs:
        raise ParseError("no expression found; expected lines such as 'f = a & ~b'", source, 1)
    # Count the inputs before sympy builds anything: 20,000 names take it seconds.
    _check_inputs(len(declared) if declared is not None else len(seen), source)
    exprs = [_to_sympy_guarded(tree, source, lineno) for tree, lineno in exprs]
    defaults = default_output_names(len(exprs))
    out_names = [s if s is not None else d for s, d in zip(outs, defaults)]
    inputs = declared if declared is not None else list(seen)
    try:
        return BooleanFunction.from_expr(exprs, input_names=inputs, output_names=out_names)
    except ParseError:
        raise
    except BoolnetError as exc:
        raise ParseError(str(exc), source) from None


def _declared_names(text: str, source, line: int, col: int) -> list[str]:
    names = []
    for m in re.finditer(r"[^\s,]+", text):
        s = m.group()
        if not is_name(s):
            raise ParseError(f"{s!r} is not a valid input name", source, line, col + m.start())
        if s in names:
            raise ParseError(f"input {s!r} is declared twice", source, line, col + m.start())
        names.append(s)
    return names


def format_expr_file(obj) -> str:
    """An expression file for a BooleanFunction, Cover or CubeFunction (no don't-cares allowed).

    A BooleanFunction is written as a sum of its minterms; a Cover as its products.

    >>> print(format_expr_file(BooleanFunction.from_expr("a & b")), end="")
    inputs: a b
    f = a & b
    """
    if isinstance(obj, CubeFunction):
        if len(obj.dc) == 0 and obj.off is None:
            obj = obj.on
        else:
            obj = obj.to_function()
    if isinstance(obj, BooleanFunction):
        dcs = obj.dc_count()
        if dcs.any():
            j = int(np.flatnonzero(dcs)[0])
            raise BoolnetError(f"expression files cannot hold don't-cares (output "
                               f"{obj.output_names[j]} has {int(dcs[j])}); write PLA or CSV")
        obj = Cover.from_function(obj)
    if not isinstance(obj, Cover):
        raise BoolnetError(f"cannot write a {type(obj).__name__} as an expression file")
    for s in obj.input_names + obj.output_names:
        if not is_name(s):
            raise BoolnetError(f"the name {s!r} cannot be written in an expression file; "
                               f"names must match [A-Za-z_][A-Za-z0-9_]*")
    lines = ["inputs: " + " ".join(obj.input_names)]
    lines += [f"{name} = {obj.to_expr(j)}" for j, name in enumerate(obj.output_names)]
    return "\n".join(lines) + "\n"


def read_expr(source: Source) -> BooleanFunction:
    """Read an expression file from a path, '-' or an open file."""
    text, name = read_text(source)
    return parse_expr_file(text, name)


def write_expr(obj, target: Target) -> None:
    """Write an expression file (whole or not at all) to a path, '-' or an open file."""
    write_text(format_expr_file(obj), target)
