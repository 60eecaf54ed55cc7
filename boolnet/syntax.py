"""Boolean expression syntax: the tokenizer, the parser into a plain tree, and the tree's value.

This is the part of :mod:`boolnet.io.expr` that needs neither sympy nor any boolnet type,
so that :meth:`boolnet.BooleanFunction.from_expr` can parse and evaluate text from below
the readers (``function.py`` no longer imports ``io/``) and without sympy's second of
import time. The syntax is documented in :mod:`boolnet.io.expr`, which builds sympy
expressions from the same trees.

A tree's leaves are tuples ``('var', name)`` / ``('const', bool)``; inner nodes are lists
``[kind, children]`` with kind one of ``and or xor not nand nor xnor implies equivalent
ite``, meaning what sympy's functions of those names mean.

>>> tree, names = parse_tree("a & ~b | c")
>>> names, evaluate_tree(tree, {"a": np.array([True]), "b": np.array([False]),
...                             "c": np.array([False])}, 1).tolist()
(['a', 'b', 'c'], [True])
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

import numpy as np

from .errors import BoolnetError, ParseError, TooLargeError, check_dense

__all__ = ["MAX_DEPTH", "is_name", "parse_tree", "evaluate_tree", "count_operations"]

#: Deepest nesting of parentheses and function calls accepted. sympy itself recurses
#: over expression trees (ordering, node counts), about one Python frame per level, so
#: the limit keeps every tree we build well inside Python's recursion limit.
MAX_DEPTH = 100

_TOKEN = re.compile(r"(?P<ws>[ \t\r\f\v]+)|(?P<nl>\n)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                    r"|(?P<num>[0-9]+)|(?P<op>&&|\|\||[~!&|^(),+'])")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_BINARY = {"|": "or", "||": "or", "+": "or", "or": "or", "^": "xor", "xor": "xor",
           "&": "and", "&&": "and", "and": "and"}
_PREC = {"or": 1, "xor": 2, "and": 3}
_CONST = {"true": True, "false": False}
# function name -> (node kind, least and most arguments; None = any number)
_FUNCS = {"and": ("and", 1, None), "or": ("or", 1, None), "xor": ("xor", 1, None),
          "not": ("not", 1, 1), "nand": ("nand", 1, None), "nor": ("nor", 1, None),
          "xnor": ("xnor", 1, None), "implies": ("implies", 2, 2),
          "equivalent": ("equivalent", 1, None), "ite": ("ite", 3, 3)}
_RESERVED = {"and", "or", "xor", "not", "true", "false"}
_OPERAND = "a name, '(', '~' or a constant"


def is_name(text: str) -> bool:
    """True when ``text`` can be written as a variable in an expression.

    >>> is_name("x1"), is_name("E"), is_name("and"), is_name("d<1>")
    (True, True, False, False)
    """
    return bool(_NAME.match(text)) and text.lower() not in _RESERVED


def _tokens(text: str, line: int, col: int, source: str | None):
    """Yield (kind, text, line, column) tokens, then an 'end' token (lazily, so the parser
    reports the first problem in reading order)."""
    pos, line_start = 0, -col + 1  # column = pos - line_start + 1 on the first line
    end = len(text)
    match = _TOKEN.match
    while pos < end:
        m = match(text, pos)
        if m is None:
            ch = text[pos]
            shown = repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"
            raise ParseError(f"unexpected character {shown}; expected a name, a constant, "
                             f"an operator or a parenthesis", source, line,
                             pos - line_start + 1)
        kind = m.lastgroup
        if kind == "nl":
            line += 1
            line_start = m.end()
        elif kind != "ws":
            yield (kind, m.group(), line, pos - line_start + 1)
        pos = m.end()
    yield ("end", "", line, pos - line_start + 1)


def _shown(text: str, limit: int = 40) -> str:
    """repr of a token cut to ``limit`` characters: a 2,000-digit number stays a short message."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}... ({len(text)} characters)"


def _describe(tok: tuple) -> str:
    kind, text = tok[0], tok[1]
    if kind == "end":
        return "end of input"
    if kind == "name":
        return _shown(text) if text.lower() in _RESERVED else f"name {_shown(text)}"
    return _shown(text)


def _parse(text: str, names: Sequence[str] | None = None, line: int = 1, col: int = 1,
           source: str | None = None) -> tuple[object, list[str]]:
    """Parse one expression into a tree of nodes; return (tree, names in order of appearance).

    Leaves are tuples ``('var', name)`` / ``('const', bool)``; inner nodes are lists
    ``[kind, children]`` so that chains like ``a & b & c`` flatten in place (O(n)).
    """
    toks = _tokens(text, line, col, source)
    ahead: list[tuple] = []

    def peek() -> tuple:
        if not ahead:
            ahead.append(next(toks))
        return ahead[0]
    allowed = None if names is None else set(names)
    seen: dict[str, None] = {}
    out: list = []     # operands
    ops: list = []     # (kind, payload, token, out length at a call's start)
    depth = 0
    want_operand = True

    def fail(message: str, tok: tuple):
        raise ParseError(message, source, tok[2], tok[3])

    def reduce_one():
        kind, op, _tok, _ = ops.pop()
        if kind == "unary":
            out.append(["not", [out.pop()]])
            return
        right = out.pop()
        left = out.pop()
        if isinstance(left, list) and left[0] == op:
            node = left
        else:
            node = [op, [left]]
        if isinstance(right, list) and right[0] == op:
            node[1].extend(right[1])
        else:
            node[1].append(right)
        out.append(node)

    def reduce_to_bracket():
        while ops and ops[-1][0] in ("unary", "binary"):
            reduce_one()

    i = -1
    while True:
        i += 1
        tok = ahead.pop() if ahead else next(toks)
        kind, word = tok[0], tok[1]
        low = word.lower()
        if want_operand:
            if kind == "name":
                nxt = peek()
                if nxt[1] == "(" and low in _FUNCS:
                    depth += 1
                    if depth > MAX_DEPTH:
                        fail(f"expressions may nest at most {MAX_DEPTH} deep", nxt)
                    ops.append(("call", _FUNCS[low] + (word,), tok, len(out)))
                    ahead.pop()
                    continue
                if low == "not":
                    ops.append(("unary", "not", tok, 0))
                elif low in _CONST:
                    out.append(("const", _CONST[low]))
                    want_operand = False
                elif low in _RESERVED:
                    fail(f"expected {_OPERAND}, found {_describe(tok)}", tok)
                elif nxt[1] == "(":
                    fail(f"unknown function {_shown(word)}; the functions are And, Or, Xor, Not, "
                         f"Nand, Nor, Xnor, Implies, Equivalent and ITE", tok)
                else:
                    if allowed is not None and word not in allowed:
                        fail(f"unknown input {_shown(word)}; the inputs are "
                             f"{', '.join(names) or '(none)'}", tok)
                    seen.setdefault(word, None)
                    out.append(("var", word))
                    want_operand = False
            elif kind == "num":
                if word not in ("0", "1"):
                    fail(f"expected the constant 0 or 1, found {_shown(word)}", tok)
                out.append(("const", word == "1"))
                want_operand = False
            elif word in ("~", "!"):
                ops.append(("unary", "not", tok, 0))
            elif word == "(":
                depth += 1
                if depth > MAX_DEPTH:
                    fail(f"expressions may nest at most {MAX_DEPTH} deep", tok)
                ops.append(("paren", None, tok, 0))
            elif word == ")" and ops and ops[-1][0] == "call" and ops[-1][3] == len(out):
                fail(f"{ops[-1][1][3]}() needs at least one argument", tok)
            elif kind == "end" and i == 0:
                fail(f"empty expression; expected {_OPERAND}", tok)
            else:
                fail(f"expected {_OPERAND}, found {_describe(tok)}", tok)
        else:
            op = _BINARY.get(low if kind == "name" else word) if kind in ("name", "op") else None
            if word == "'" and kind == "op":
                # Textbook complement x' (what Cover.to_expr(style='textbook') writes).
                out.append(["not", [out.pop()]])
                continue
            if op is None and (kind == "name" or word in ("(", "~", "!")):
                # Textbook juxtaposition: "x1 x2'" is x1 & ~x2; read the operand again next.
                op = "and"
                ahead.insert(0, tok)
            if op is not None:
                prec = _PREC[op]
                while ops and (ops[-1][0] == "unary"
                               or (ops[-1][0] == "binary" and _PREC[ops[-1][1]] >= prec)):
                    reduce_one()
                ops.append(("binary", op, tok, 0))
                want_operand = True
            elif word == ")" and kind == "op":
                reduce_to_bracket()
                if not ops:
                    fail("unexpected ')'; no '(' is open", tok)
                bkind, payload, _open, start = ops.pop()
                depth -= 1
                if bkind == "call":
                    node_kind, least, most, fname = payload
                    args = out[start:]
                    del out[start:]
                    if len(args) < least or (most is not None and len(args) > most):
                        wanted = str(least) if least == most else f"at least {least}"
                        fail(f"{fname}() takes {wanted} argument{'s' if most != 1 else ''}, "
                             f"got {len(args)}", tok)
                    out.append([node_kind, args])
            elif word == "," and kind == "op":
                reduce_to_bracket()
                if not ops or ops[-1][0] != "call":
                    fail("unexpected ','; commas separate the arguments of a function "
                         "such as And(a, b)", tok)
                want_operand = True
            elif kind == "end":
                reduce_to_bracket()
                if ops:
                    _k, _p, opened, _s = ops[-1]
                    fail(f"expected ')' to close the '(' at line {opened[2]}, column "
                         f"{opened[3]}, found end of input", tok)
                break
            else:
                fail(f"expected an operator (& | ^ and or xor), ')' or the end, "
                     f"found {_describe(tok)}", tok)
    used = list(names) if names is not None else list(seen)
    return out[0], used


def check_inputs(n: int, source: str | None) -> None:
    """Refuse an expression with more inputs than a dense table may have, naming the source."""
    try:
        check_dense(n, what="truth table of the expression")
    except TooLargeError as exc:
        raise TooLargeError(f"{source}: {exc}" if source else str(exc)) from None


def parse_tree(text: str, names: Sequence[str] | None = None, source: str | None = None, *,
               dense: bool = False) -> tuple[object, list[str]]:
    """Parse one expression into a tree; return (tree, its inputs in order of first appearance).

    ``names``, when given, lists the only names allowed (and is returned as the input
    order); ``dense=True`` refuses (TooLargeError) more inputs than a dense truth table
    may have.
    """
    if not isinstance(text, str):
        raise BoolnetError(f"an expression must be text, not {type(text).__name__}")
    nul = text.find("\0")
    if nul >= 0:  # binary data read as text (the same words as io.text.check_text)
        raise ParseError(f"not a text file: character {nul} is a NUL byte", source,
                         text.count("\n", 0, nul) + 1)
    tree, used = _parse(text, names, source=source)
    if dense:
        check_inputs(len(used), source)
    return tree, used


def count_operations(tree) -> int:
    """Number of inner nodes (operations) of a tree, counted without recursion."""
    count, stack = 0, [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            count += 1
            stack.extend(node[1])
    return count


def evaluate_tree(tree, columns: Mapping[str, np.ndarray], rows: int) -> np.ndarray:
    """Value on every row of a parse tree, given one boolean column per input name.

    The kinds mean what sympy's functions mean (``implies`` takes two arguments, ``ite``
    three, ``equivalent`` is true where all arguments agree), so this agrees with
    evaluating the sympy expression built from the same tree.

    >>> a = np.array([False, False, True, True]); b = np.array([False, True, False, True])
    >>> evaluate_tree(["xor", [("var", "a"), ("var", "b")]], {"a": a, "b": b}, 4).tolist()
    [False, True, True, False]
    """
    def leaf(node):
        if node[0] != "var":
            return np.full(rows, bool(node[1]))
        try:
            return columns[node[1]]
        except KeyError:
            raise BoolnetError(f"no input named {node[1]}") from None

    return fold_tree(tree, leaf, lambda kind, args: _TREE_OPS[kind](args))


def fold_tree(tree, leaf, op):
    """A tree's value, children before parents: ``leaf(node)`` of each leaf tuple and
    ``op(kind, values of the children)`` of each inner node, with an explicit stack (trees
    may be deeper than Python's recursion limit); :func:`evaluate_tree` and the sympy
    builder of :mod:`boolnet.io.expr` are both folds.

    >>> fold_tree(["and", [("var", "a"), ("const", True)]], lambda t: str(t[1]),
    ...           lambda kind, args: f"{kind}({', '.join(args)})")
    'and(a, True)'
    """
    results: list = []
    stack = [(tree, False)]
    while stack:
        node, ready = stack.pop()
        if isinstance(node, tuple):
            results.append(leaf(node))
        elif not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node[1]))
        else:
            k = len(node[1])
            args = results[len(results) - k:]
            del results[len(results) - k:]
            results.append(op(node[0], args))
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
