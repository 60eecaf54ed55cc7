"""Structural Verilog: the combinational modules boolnet, ABC and Yosys write, read as a truth table.

Read (first module of the file): one-bit ports in ANSI form (``input wire a, output
wire y``) or the old form (``module m(a, y); input a; output y;``); ``wire``
declarations, with an optional range, ``signed`` and an initial value; ``assign``;
the gate primitives ``and or nand nor xor xnor not buf`` with an optional instance
name; ``(* ... *)`` attributes (Yosys writes them) are skipped. Expressions: names, numbers (``0``, ``1'b1``, ``3'sd2``), ``{a, b}``
concatenation, ``$signed()``/``$unsigned()``, unary ``~ ! - +``, and the binary
operators ``* + - < <= > >= == != & ^ ~^ | && ||`` and ``? :`` with Verilog's
precedence. That covers boolnet's own threshold units
(``wire signed [2:0] z = $signed({1'b0, x1}) - 3'sd2 * $signed({1'b0, x2});
assign f = z >= 0;``).

Arithmetic is done on 64-bit integers and every assignment to a declared wire is
cut to its width (two's complement for ``signed``), as Verilog does; operands are
taken as signed numbers, which is what boolnet writes (every term ``$signed``).
Refused with the line: ``always``/``reg`` (behavioural code), module instances,
vector ports, bit selects and ``include``/``define`` directives.

When every signal the outputs need is one-bit logic (gates, and ``assign`` of ``~ ! & |
^ ~^ && || ? :`` over one-bit names and ``1'b0``/``1'b1``), the table carries those gates
as its ``structure`` (a :class:`boolnet.netlist.Netlist`), which synthesis starts from
beside the minimised cover; arithmetic (a threshold unit's sum) leaves it None.

>>> f = parse_verilog("module m(input a, input b, output y); assign y = a & ~b; endmodule")
>>> f.input_names, f.minterms().tolist()
(('a', 'b'), [2])
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import ParseError
from ..function import BooleanFunction
from ..netlist import Netlist
from .logic import Logic, shown
from .text import Source, read_text

__all__ = ["parse_verilog", "read_verilog", "looks_like_verilog"]

_TOKEN = re.compile(r"""
    (?P<ws>\s+|//[^\n]*|/\*.*?\*/|\(\*.*?\*\))
  | (?P<num>[0-9]*'[sS]?[bBoOdDhH][0-9a-fA-F_xXzZ?]+|[0-9][0-9_]*)
  | (?P<sys>\$[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<name>[A-Za-z_][A-Za-z0-9_$]*|\\\S+)
  | (?P<op>~\^|\^~|&&|\|\||==|!=|<=|>=|[~!&|^+\-*<>?:(),;=\[\]{}.`\#@])
""", re.S | re.X)
_GATES = {"and", "or", "nand", "nor", "xor", "xnor", "not", "buf"}
_BINARY = {"||": 1, "&&": 2, "|": 3, "^": 4, "~^": 4, "^~": 4, "&": 5, "==": 6, "!=": 6,
           "<": 7, "<=": 7, ">": 7, ">=": 7, "+": 8, "-": 8, "*": 9}
_MAX_NEST = 200
#: Longest number token read (a 64-bit value in binary with a size and underscores is far shorter).
_MAX_NUMBER_CHARS = 200


def looks_like_verilog(text: str) -> bool:
    """True when the first word after comments is ``module`` (or a Verilog directive)."""
    stripped = re.sub(r"//[^\n]*|/\*.*?\*/", " ", text[:4000], flags=re.S).lstrip()
    return bool(re.match(r"(module|`timescale)\b", stripped))


class _Tokens:
    def __init__(self, text: str, source: str):
        self.toks = []
        pos, line = 0, 1
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None:
                raise ParseError(f"unexpected character {text[pos]!r}", source, line)
            kind = m.lastgroup
            if kind != "ws":
                word = m.group()
                if kind == "name" and word.startswith("\\"):
                    word = word[1:]  # an escaped identifier: \a[0] is the name 'a[0]'
                self.toks.append((kind, word, line))
            line += m.group().count("\n")
            pos = m.end()
        self.toks.append(("end", "", line))
        self.i = 0
        self.source = source

    def peek(self, k: int = 0) -> tuple[str, str, int]:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        self.i += 1
        return tok

    def fail(self, message: str, tok=None):
        tok = tok or self.peek()
        raise ParseError(message, self.source, tok[2])

    def expect(self, word: str) -> tuple[str, str, int]:
        tok = self.take()
        if tok[1] != word:
            found = "end of file" if tok[0] == "end" else shown(tok[1])
            self.fail(f"expected {word!r}, found {found}", tok)
        return tok

    def name(self, what: str) -> str:
        tok = self.take()
        if tok[0] != "name":
            found = "end of file" if tok[0] == "end" else shown(tok[1])
            self.fail(f"expected {what}, found {found}", tok)
        return tok[1]


def _number(word: str, tok, ts: _Tokens) -> tuple[int, int | None]:
    """(value, width or None) of a Verilog number."""
    if len(word) > _MAX_NUMBER_CHARS:
        ts.fail(f"the number {word[:20]}... is too long (values are 64-bit integers)", tok)
    if "'" not in word:
        value, width = int(word.replace("_", "")), None
    else:
        size, rest = word.split("'", 1)
        rest = rest.lstrip("sS")
        base = {"b": 2, "o": 8, "d": 10, "h": 16}[rest[0].lower()]
        digits = rest[1:].replace("_", "")
        if re.search(r"[xXzZ?]", digits):
            ts.fail(f"the number {word} has x or z bits; only 0/1 values are read", tok)
        try:  # the token pattern lets any hex digit through: 2'b12 and 4'd1f end here
            value = int(digits, base)
        except ValueError:
            ts.fail(f"the number {word} has digits that are not base {base}", tok)
        width = int(size) if size else None
        if width is not None:
            value &= (1 << width) - 1
    if value >= 1 << 63:  # arithmetic is on int64: a larger value would wrap, not compute
        ts.fail(f"the number {word} does not fit in 64-bit signed arithmetic", tok)
    return value, width


def _range(ts: _Tokens) -> int:
    """The width of a range ``[hi:lo]`` after its ``[``: decimal bounds, at most 64 bits (-> int)."""
    hi = ts.take()
    ts.expect(":")
    lo = ts.take()
    ts.expect("]")
    if not all(t[0] == "num" and t[1].isdigit() and len(t[1]) <= 20 for t in (hi, lo)):
        ts.fail("a range is [number:number] with decimal bounds", hi)
    width = abs(int(hi[1]) - int(lo[1])) + 1
    if width > 64:
        ts.fail(f"a range of {width} bits; at most 64 are read (arithmetic is on 64-bit "
                f"integers)", hi)
    return width


def _mask(width: int) -> np.int64:
    """The low ``width`` bits as an int64 mask (all bits from 64 on)."""
    return np.int64(-1) if width >= 64 else np.int64((1 << width) - 1)


# An expression compiles to (fanins, fn(values) -> array, width); widths guide concatenation.
class _Expr:
    def __init__(self, ts: _Tokens, widths: dict[str, int]):
        self.ts, self.widths = ts, widths
        self.depth = 0

    def parse(self):
        return self.ternary()

    def ternary(self):
        cond = self.binary(1)
        if self.ts.peek()[1] != "?":
            return cond
        self.ts.take()
        a = self.ternary()
        self.ts.expect(":")
        b = self.ternary()
        return ("?", [cond, a, b], max(a[2], b[2]))

    def binary(self, least: int):
        left = self.unary()
        while True:
            op = self.ts.peek()[1] if self.ts.peek()[0] == "op" else None
            prec = _BINARY.get(op)
            if prec is None or prec < least:
                return left
            self.ts.take()
            right = self.binary(prec + 1)
            width = 1 if prec <= 2 or prec in (6, 7) else max(left[2], right[2])
            left = (op, [left, right], width)

    def unary(self):
        tok = self.ts.peek()
        if tok[0] == "op" and tok[1] in ("~", "!", "-", "+"):
            self.ts.take()
            self._enter(tok)
            arg = self.unary()
            self.depth -= 1
            return ("u" + tok[1], [arg], 1 if tok[1] == "!" else arg[2])
        return self.primary()

    def _enter(self, tok):
        self.depth += 1
        if self.depth > _MAX_NEST:
            self.ts.fail(f"expressions may nest at most {_MAX_NEST} deep", tok)

    def primary(self):
        ts = self.ts
        tok = ts.take()
        kind, word = tok[0], tok[1]
        if kind == "num":
            value, width = _number(word, tok, ts)
            return ("const", value, width or 32)
        if kind == "name":
            if ts.peek()[1] == "[":
                ts.fail(f"bit selects such as {shown(word)}[0] are not read (one-bit signals only)")
            return ("var", word, self.widths.get(word, 1))
        if kind == "sys" and word in ("$signed", "$unsigned"):
            ts.expect("(")
            self._enter(tok)
            inner = self.parse()
            self.depth -= 1
            ts.expect(")")
            return inner
        if word == "(":
            self._enter(tok)
            inner = self.parse()
            self.depth -= 1
            ts.expect(")")
            return inner
        if word == "{":
            self._enter(tok)
            parts = [self.parse()]
            while ts.peek()[1] == ",":
                ts.take()
                parts.append(self.parse())
            self.depth -= 1
            ts.expect("}")
            return ("{}", parts, sum(p[2] for p in parts))
        found = "end of file" if kind == "end" else shown(word)
        ts.fail(f"expected a name, a number, '(' or '{{', found {found}", tok)


def _names_of(tree, out: list) -> list:
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "var":
            if node[1] not in out:
                out.append(node[1])
        elif node[0] != "const":
            stack.extend(node[1])
    return out


def _int(v):
    return v.astype(np.int64) if isinstance(v, np.ndarray) and v.dtype == bool else np.int64(v) \
        if isinstance(v, (bool, np.bool_)) else v


def _apply(tree, args: list, env: dict):
    """The value of one node from the values of its children.

    One-bit logic stays in NumPy booleans (a gate-level netlist never leaves them); only
    arithmetic and wider operands go to int64.
    """
    kind = tree[0]
    if kind == "var":
        return env[tree[1]]
    if kind == "const":
        return np.bool_(tree[1] & 1) if tree[2] == 1 else np.int64(tree[1])
    if kind == "?":
        return np.where(np.asarray(args[0]) != 0, args[1], args[2])
    if kind == "{}":
        value = np.int64(0)
        for part, node in zip(args, tree[1]):
            value = (value << np.int64(node[2])) | (_int(part) & _mask(node[2]))
        return value
    if kind == "u~":
        v = args[0]
        if tree[1][0][2] == 1:
            return ~v if np.asarray(v).dtype == bool else 1 - v
        return ~_int(v)
    if kind == "u!":
        return np.asarray(args[0]) == 0
    if kind == "u-":
        return -_int(args[0])
    if kind == "u+":
        return args[0]
    a, b = args
    if kind in ("&", "|", "^", "~^", "^~") and np.asarray(a).dtype == bool \
            and np.asarray(b).dtype == bool:
        return {"&": lambda: a & b, "|": lambda: a | b, "^": lambda: a ^ b}.get(
            kind, lambda: ~(a ^ b))()
    a, b = _int(a), _int(b)
    if kind in ("~^", "^~"):
        return (1 - (a ^ b)) if tree[2] == 1 else ~(a ^ b)
    ops = {"||": lambda: (a != 0) | (b != 0), "&&": lambda: (a != 0) & (b != 0),
           "|": lambda: a | b, "^": lambda: a ^ b, "&": lambda: a & b,
           "==": lambda: a == b, "!=": lambda: a != b, "<": lambda: a < b,
           "<=": lambda: a <= b, ">": lambda: a > b, ">=": lambda: a >= b,
           "+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b}
    return ops[kind]()


def _evaluate(tree, env: dict) -> np.ndarray:
    """Evaluate an expression tree with an explicit stack: a sum of 10,000 terms is a
    left-leaning chain 10,000 deep."""
    stack = [(tree, False)]
    done: list = []
    while stack:
        node, ready = stack.pop()
        kids = node[1] if node[0] not in ("var", "const") else []
        if ready or not kids:
            args = [done.pop() for _ in kids][::-1]
            done.append(_apply(node, args, env))
            continue
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(kids))
    return done[0]


def _assign_fn(tree, fanins: list[str], width: int, signed: bool):
    def fn(cols: list) -> np.ndarray:
        value = _evaluate(tree, dict(zip(fanins, cols)))
        if width == 1:  # a one-bit wire keeps the lowest bit
            value = np.asarray(value)
            return value if value.dtype == bool else (value & 1).astype(bool)
        value = np.asarray(_int(value), dtype=np.int64) & _mask(width)
        if signed and width < 64:  # (a signed 64-bit wire is int64 as it is)
            # Sign-extend by setting the bits above the wire: value - 2^width without the
            # constant 2^width, which int64 cannot hold for a 63-bit wire.
            value = np.where(value >= (1 << (width - 1)), value | ~_mask(width), value)
        return value
    return fn


def _gate_fn(gate: str):
    def fn(cols: list) -> np.ndarray:
        vals = [c.astype(bool) if c.dtype != bool else c for c in cols]
        if gate in ("buf", "not"):
            return ~vals[0] if gate == "not" else vals[0]
        acc = vals[0]
        for v in vals[1:]:
            acc = acc & v if gate in ("and", "nand") else acc | v if gate in ("or", "nor") \
                else acc ^ v
        return ~acc if gate in ("nand", "nor", "xnor") else acc
    return fn


def _gate_gates(gate: str):
    """The AND/inverter form of a gate primitive."""
    op = {"and": "and", "nand": "and", "or": "or", "nor": "or", "xor": "xor", "xnor": "xor"}
    inv = gate in ("nand", "nor", "xnor", "not")

    def make(g: Netlist, lits: list[int]) -> int:
        if gate in ("buf", "not"):
            return lits[0] ^ inv
        return g.create_nary(lits, op[gate]) ^ inv
    return make


_LOGIC_OPS = {"&": "and", "&&": "and", "|": "or", "||": "or", "^": "xor", "~^": "xnor",
              "^~": "xnor"}


def _is_logic(tree) -> bool:
    """True when the expression is one-bit logic the gates of a Netlist express exactly."""
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = node[0]
        if kind in ("const", "var"):
            if node[2] != 1:
                return False
            continue
        if kind not in _LOGIC_OPS and kind not in ("u~", "u!", "?"):
            return False
        if any(k[2] != 1 for k in node[1]):
            return False
        stack.extend(node[1])
    return True


def _tree_gates(tree, fanins: list[str]):
    """The gates of a one-bit logic expression (see _is_logic)."""
    def make(g: Netlist, lits: list[int]) -> int:
        env = dict(zip(fanins, lits))
        stack, done = [(tree, False)], []
        while stack:  # explicit stack, as _evaluate: expressions may be long chains
            node, ready = stack.pop()
            kind = node[0]
            kids = node[1] if kind not in ("var", "const") else []
            if ready or not kids:
                args = [done.pop() for _ in kids][::-1]
                if kind == "var":
                    done.append(env[node[1]])
                elif kind == "const":
                    done.append(node[1] & 1)
                elif kind in ("u~", "u!"):
                    done.append(args[0] ^ 1)
                elif kind == "?":
                    c, a, b = args
                    done.append(g.create_or(g.create_and(c, a), g.create_and(c ^ 1, b)))
                else:
                    op = _LOGIC_OPS[kind]
                    done.append(g.create_nary(args, "xor") ^ 1 if op == "xnor"
                                else g.create_nary(args, op))
                continue
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(kids))
        return done[0]
    return make


def parse_verilog(text: str, source: str = "<verilog>") -> BooleanFunction:
    """The truth table of the first module of a structural Verilog file (str -> BooleanFunction)."""
    ts = _Tokens(text, source)
    while ts.peek()[1] == "`":
        tok = ts.take()
        word = ts.take()[1]
        if word != "timescale":
            ts.fail(f"the directive `{shown(word)} is not read", tok)
        while ts.peek()[2] == tok[2] and ts.peek()[0] != "end":
            ts.take()  # `timescale 1ns/1ps: the rest of its line
    tok = ts.take()
    if tok[1] != "module":
        ts.fail("expected 'module NAME (...)': not a Verilog module", tok)
    ts.name("the module name")
    logic = Logic(source)
    widths: dict[str, int] = {}
    signed: dict[str, bool] = {}
    declared_out: list[str] = []
    port_order: list[str] = []

    def port_decl(direction: str, names: list[str]) -> None:
        for s in names:
            if direction == "input":
                logic.inputs.append(s)
            elif direction == "output":
                declared_out.append(s)
            else:
                ts.fail(f"{direction} ports are not read; expected input or output")

    def decl_names(stop: set) -> tuple[list[str], bool, int]:
        """Skip 'wire'/'signed'/range, return the declared names up to a stop token."""
        sig = False
        width = 1
        while ts.peek()[1] in ("wire", "signed", "reg", "logic", "["):
            word = ts.take()
            if word[1] == "reg" or word[1] == "logic":
                ts.fail(f"'{word[1]}' is behavioural; only structural wires are read", word)
            if word[1] == "signed":
                sig = True
            if word[1] == "[":
                width = _range(ts)
        names = []
        while True:
            names.append(ts.name("a signal name"))
            if ts.peek()[1] != "," or ts.peek(1)[1] in stop:
                break
            ts.take()
        return names, sig, width

    # The port list: ANSI declarations or bare names.
    if ts.peek()[1] == "#":
        ts.fail("parameterised modules are not read")
    if ts.peek()[1] == "(":
        ts.take()
        direction = None
        while ts.peek()[1] != ")":
            word = ts.peek()[1]
            if word in ("input", "output", "inout"):
                direction = ts.take()[1]
                names, sig, width = decl_names({"input", "output", "inout"})
                if width != 1:
                    ts.fail(f"vector port {shown(names[0])} ([{width - 1}:0]): only one-bit ports "
                            f"are read")
                port_decl(direction, names)
            elif direction is not None:
                names, sig, width = decl_names({"input", "output", "inout"})
                port_decl(direction, names)
            else:
                port_order.append(ts.name("a port name"))
            if ts.peek()[1] == ",":
                ts.take()
        ts.expect(")")
    ts.expect(";")
    assigns: list[tuple[str, object, int]] = []
    gates: dict[str, tuple] = {}  # name -> (fanins, make) of one-bit logic, for the structure
    gate_no = 0
    while True:
        tok = ts.peek()
        word = tok[1]
        if tok[0] == "end":
            ts.fail("expected 'endmodule', found end of file")
        if word == "endmodule":
            break
        if word in ("input", "output", "inout"):
            ts.take()
            names, sig, width = decl_names(set())
            if width != 1:
                ts.fail(f"vector port {shown(names[0])}: only one-bit ports are read", tok)
            port_decl(word, names)
            ts.expect(";")
        elif word in ("wire", "reg", "logic"):
            # wire [signed] [range] a [= expr] {, b [= expr]};
            ts.take()
            sig = False
            width = 1
            while ts.peek()[1] in ("signed", "["):
                w = ts.take()
                if w[1] == "signed":
                    sig = True
                else:
                    width = _range(ts)
            if word != "wire":
                ts.fail(f"'{word}' is behavioural; only structural wires are read", tok)
            if width == 64 and not sig:  # int64 holds a signed 64-bit wire, not an unsigned one
                ts.fail("an unsigned 64-bit wire is not read (arithmetic is on 64-bit signed "
                        "integers); declare it signed or narrower", tok)
            while True:
                name = ts.name("a wire name")
                widths[name], signed[name] = width, sig
                if ts.peek()[1] == "=":
                    ts.take()
                    assigns.append((name, _Expr(ts, widths).parse(), ts.peek()[2]))
                if ts.peek()[1] != ",":
                    break
                ts.take()
            ts.expect(";")
        elif word == "assign":
            ts.take()
            while True:
                name = ts.name("the assigned signal")
                if ts.peek()[1] == "[":
                    ts.fail(f"bit selects such as {shown(name)}[0] are not read (one-bit signals only)")
                ts.expect("=")
                assigns.append((name, _Expr(ts, widths).parse(), tok[2]))
                if ts.peek()[1] != ",":
                    break
                ts.take()
            ts.expect(";")
        elif word in _GATES:
            ts.take()
            if ts.peek()[0] == "name":
                ts.take()  # instance name
            ts.expect("(")
            pins = [ts.name("a signal name")]
            while ts.peek()[1] == ",":
                ts.take()
                pins.append(ts.name("a signal name"))
            ts.expect(")")
            ts.expect(";")
            if len(pins) < 2 or (word in ("not", "buf") and len(pins) != 2):
                ts.fail(f"the {word} gate needs an output and "
                        f"{'one input' if word in ('not', 'buf') else 'inputs'}", tok)
            logic.add(pins[0], pins[1:], _gate_fn(word), tok[2])
            gates[pins[0]] = (pins[1:], _gate_gates(word))
            gate_no += 1
        elif word in ("always", "initial", "function", "task", "generate"):
            ts.fail(f"'{word}' blocks are behavioural; only structural Verilog (wire, assign, "
                    f"gates) is read", tok)
        elif tok[0] == "name":
            ts.fail(f"module instances ({shown(word)} ...) are not read: flatten the design first", tok)
        else:
            ts.fail(f"expected a declaration, 'assign', a gate or 'endmodule', found {shown(word)}",
                    tok)
    for name, tree, line in assigns:
        fanins = _names_of(tree, [])
        logic.add(name, fanins, _assign_fn(tree, fanins, widths.get(name, 1),
                                           signed.get(name, False)), line)
        if widths.get(name, 1) == 1 and _is_logic(tree):
            gates[name] = (fanins, _tree_gates(tree, fanins))
    if port_order:
        missing = [p for p in port_order if p not in logic.inputs and p not in declared_out]
        if missing:
            raise ParseError(f"port {shown(missing[0])} has no input or output declaration", source)
        logic.inputs = [p for p in port_order if p in logic.inputs]
        declared_out = [p for p in port_order if p in declared_out]
    if not declared_out:
        raise ParseError("the module has no output ports", source)
    logic.outputs = declared_out
    for s in logic.inputs:
        if s in logic.nodes:
            raise ParseError(f"input {shown(s)} is also assigned", source, logic.nodes[s][2])
    f = logic.to_function()
    order = logic.order()
    if any(name not in gates for name in order):
        return f  # arithmetic somewhere: no gate structure
    return f.with_structure(Netlist.from_nodes(logic.inputs, order, gates, logic.outputs))


def read_verilog(source: Source) -> BooleanFunction:
    """Read a structural Verilog module from a path, '-' or an open file."""
    text, name = read_text(source)
    return parse_verilog(text, name)
