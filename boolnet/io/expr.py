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
from ..errors import BoolnetError, ParseError, TooLargeError, check_dense
from ..function import BooleanFunction, default_output_names
from .text import Source, Target, check_text, read_text, write_text

__all__ = ["MAX_DEPTH", "parse_expr", "format_expr", "parse_expr_file", "format_expr_file",
           "read_expr", "write_expr", "is_name"]

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


def _describe(tok: tuple) -> str:
    kind, text = tok[0], tok[1]
    if kind == "end":
        return "end of input"
    if kind == "name":
        return f"{text!r}" if text.lower() in _RESERVED else f"name {text!r}"
    return repr(text)


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
                    fail(f"unknown function {word!r}; the functions are And, Or, Xor, Not, "
                         f"Nand, Nor, Xnor, Implies, Equivalent and ITE", tok)
                else:
                    if allowed is not None and word not in allowed:
                        fail(f"unknown input {word!r}; the inputs are "
                             f"{', '.join(names) or '(none)'}", tok)
                    seen.setdefault(word, None)
                    out.append(("var", word))
                    want_operand = False
            elif kind == "num":
                if word not in ("0", "1"):
                    fail(f"expected the constant 0 or 1, found {word!r}", tok)
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


def _to_sympy(tree):
    """Turn a parse tree into a sympy expression, with an explicit stack (no recursion)."""
    import sympy
    from sympy.logic import boolalg

    build = {"and": sympy.And, "or": sympy.Or, "xor": sympy.Xor, "not": sympy.Not,
             "nand": sympy.Nand, "nor": sympy.Nor, "xnor": boolalg.Xnor,
             "implies": sympy.Implies, "equivalent": sympy.Equivalent, "ite": sympy.ITE}
    symbols: dict[str, object] = {}
    results: list = []
    stack = [(tree, False)]
    while stack:
        node, ready = stack.pop()
        if isinstance(node, tuple):
            if node[0] == "var":
                sym = symbols.get(node[1])
                if sym is None:
                    sym = symbols[node[1]] = sympy.Symbol(node[1])
                results.append(sym)
            else:
                results.append(sympy.true if node[1] else sympy.false)
        elif not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node[1]))
        else:
            k = len(node[1])
            args = results[len(results) - k:]
            del results[len(results) - k:]
            results.append(build[node[0]](*args))
    return results[0]


def _check_inputs(n: int, source: str | None) -> None:
    """Refuse an expression with more inputs than a dense table may have, naming the source."""
    try:
        check_dense(n, what="truth table of the expression")
    except TooLargeError as exc:
        raise TooLargeError(f"{source}: {exc}" if source else str(exc)) from None


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
