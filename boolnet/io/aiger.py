"""AIGER and-inverter graphs: ``aag`` (ASCII) and ``aig`` (binary), as ABC, Yosys and aigverse write them.

Format (Biere, "The AIGER And-Inverter Graph (AIG) Format", version 1.9): a header
``aag M I L O A`` (or ``aig``), then I input literals, L latches, O output literals and
A AND gates ``lhs rhs0 rhs1``; a literal is ``2*variable``, plus 1 when inverted;
literal 0 is false and 1 is true. The binary form leaves out the input lines (inputs
are variables 1..I) and stores each AND as two variable-length deltas
``lhs - rhs0`` and ``rhs0 - rhs1`` (7 bits a byte, high bit = more). A symbol table
(``i0 name``, ``o0 name``) may follow, then a comment section after ``c``.

Only combinational graphs are read: latches (L > 0) and the 1.9 header extensions
(bad states, constraints, justice, fairness) are refused. Inputs without a symbol are
named x1 .. xI and outputs f (or f1 .. fO), boolnet's defaults. The table carries the
graph itself as its ``structure`` (a :class:`boolnet.netlist.Netlist`), which synthesis
starts from beside the minimised cover.

>>> f = parse_aiger(b"aag 3 2 0 1 1\\n2\\n4\\n6\\n6 4 2\\ni0 a\\ni1 b\\no0 y\\n")
>>> f.input_names, f.output_names, f.minterms().tolist()
(('a', 'b'), ('y',), [3])
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import ParseError, check_dense
from ..function import BooleanFunction, default_input_names, default_output_names
from ..netlist import Netlist
from .logic import Logic, shown
from .text import Source, decode, read_bytes

__all__ = ["parse_aiger", "read_aiger", "looks_like_aiger"]


def looks_like_aiger(data: bytes) -> bool:
    """True when the data starts with an AIGER header (``aag`` or ``aig`` and numbers)."""
    head = data[:200].split(b"\n", 1)[0].split()
    return len(head) >= 6 and head[0] in (b"aag", b"aig") and all(t.isdigit() for t in head[1:])


def _and_fn(inv0: bool, inv1: bool):
    def fn(cols: list) -> np.ndarray:
        a, b = cols
        return (~a if inv0 else a) & (~b if inv1 else b)
    return fn


def _lit_fn(inv: bool):
    def fn(cols: list) -> np.ndarray:
        return ~cols[0] if inv else cols[0]
    return fn


def parse_aiger(data: bytes | str, source: str = "<aiger>") -> BooleanFunction:
    """The truth table of a combinational AIGER graph, ASCII or binary (bytes -> BooleanFunction)."""
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    end = data.find(b"\n")
    header_text = (data if end < 0 else data[:end]).decode("ascii", errors="replace")
    head = header_text.split()
    if len(head) < 6 or head[0] not in ("aag", "aig") or not all(t.isdigit() for t in head[1:]):
        raise ParseError(f"expected an AIGER header 'aag M I L O A' (or 'aig ...'), found "
                         f"{header_text[:40]!r}", source, 1)
    binary = head[0] == "aig"
    M, I, L, O, A = (int(t) for t in head[1:6])
    extra = [int(t) for t in head[6:]]
    if L:
        raise ParseError(f"the graph has {L} latches (sequential logic); boolnet reads "
                         f"combinational AIGs only", source, 1)
    if any(extra):
        raise ParseError("bad-state, constraint, justice or fairness sections are not read "
                         "(combinational AIGs only)", source, 1)
    if M < I + L + A:
        raise ParseError(f"header: M = {M} is less than I + L + A = {I + L + A}", source, 1)
    # Before the input list is built: a binary header alone names I inputs, and 10^9 of
    # them took gigabytes before the table's own check refused them.
    check_dense(I, what=f"truth table of {source}", m=O)
    pos = end + 1
    line = 2

    def next_line(what: str) -> list[int]:
        nonlocal pos, line
        stop = data.find(b"\n", pos)
        stop = len(data) if stop < 0 else stop
        if pos >= len(data):
            raise ParseError(f"the file ends before {what}", source, line)
        raw = data[pos:stop].decode("ascii", errors="replace").split()
        if not raw or not all(t.isdigit() for t in raw):
            raise ParseError(f"expected {what} as numbers, found {shown(' '.join(raw))}", source, line)
        pos, line = stop + 1, line + 1
        return [int(t) for t in raw]

    def check_lit(lit: int, what: str, at: int) -> int:
        if lit > 2 * M + 1:
            raise ParseError(f"{what} literal {lit} is above 2M+1 = {2 * M + 1}", source, at)
        return lit

    inputs = []
    for k in range(I):
        if binary:
            inputs.append(2 * (k + 1))
            continue
        at = line
        (lit,) = next_line(f"input {k}")[:1]
        if lit < 2 or lit % 2:
            raise ParseError(f"input literal {lit} must be even and at least 2", source, at)
        if lit in inputs:  # one variable as two inputs: which column would it read?
            raise ParseError(f"input literal {lit} is listed twice (input "
                             f"{inputs.index(lit)} and input {k})", source, at)
        inputs.append(check_lit(lit, "input", at))
    outputs = []
    for k in range(O):
        at = line
        outputs.append((check_lit(next_line(f"output {k}")[0], "output", at), at))
    ands = []
    if binary:
        for k in range(A):
            lhs = 2 * (I + L + k + 1)
            deltas = []
            for _ in range(2):
                value, shift = 0, 0
                while True:
                    if pos >= len(data):
                        raise ParseError(f"the file ends inside AND gate {k} of {A}", source,
                                         line)
                    byte = data[pos]
                    pos += 1
                    value |= (byte & 0x7F) << shift
                    shift += 7
                    if not byte & 0x80:
                        break
                deltas.append(value)
            rhs0 = lhs - deltas[0]
            rhs1 = rhs0 - deltas[1]
            if rhs1 < 0:
                raise ParseError(f"AND gate {k}: a delta goes below literal 0", source, line)
            ands.append((lhs, rhs0, rhs1, line))
        line = data.count(b"\n", 0, pos) + 1
    else:
        for k in range(A):
            at = line
            vals = next_line(f"AND gate {k}")
            if len(vals) != 3:
                raise ParseError(f"an AND gate is 'lhs rhs0 rhs1', found {len(vals)} numbers",
                                 source, at)
            lhs, rhs0, rhs1 = (check_lit(v, "AND", at) for v in vals)
            if lhs % 2 or lhs < 2:
                raise ParseError(f"AND output literal {lhs} must be even and at least 2", source,
                                 at)
            ands.append((lhs, rhs0, rhs1, at))
    in_names: dict[int, str] = {}
    out_names: dict[int, str] = {}
    # Symbols are text; the comment section after 'c' is free-form (ABC ends it with a NUL).
    rest = data[pos:]
    stop = rest.find(b"\nc\n") if not rest.startswith(b"c\n") else -1
    symbols = b"" if rest.startswith(b"c\n") else (rest if stop < 0 else rest[:stop + 1])
    text = decode(symbols, source)
    for k, raw in enumerate(text.split("\n")):
        if not raw:
            continue
        # ASCII digits only: str.isdigit() also takes '²', which int() refuses.
        if raw[0] in "io" and " " in raw and re.fullmatch(r"[0-9]+", raw[1:].split(" ", 1)[0]):
            idx, name = raw[1:].split(" ", 1)
            count, kind = (I, "input") if raw[0] == "i" else (O, "output")
            if len(idx) > 20 or int(idx) >= count:  # a name for nothing: a shifted or foreign table
                has = f"{count} {kind}s (0..{count - 1})" if count else f"no {kind}s"
                raise ParseError(f"symbol {raw[:40]!r} names {kind} {idx[:20]}, but the graph has "
                                 f"{has}", source, line + k)
            # A symbol may hold blanks; boolnet's names may not: join the words with '_'.
            (in_names if raw[0] == "i" else out_names)[int(idx)] = "_".join(name.split())
        elif raw[0] == "c":
            break
        elif raw[0] in "lbjf":
            continue  # symbols of latches and 1.9 sections: none are read
        else:
            raise ParseError(f"expected a symbol such as 'i0 name' or the comment section 'c', "
                             f"found {raw[:40]!r}", source, line + k)
    # Build the graph over variable names 'v<var>'; outputs are literal buffers.
    logic = Logic(source)
    logic.inputs = [f"v{lit // 2}" for lit in inputs]
    logic.add("v0", [], lambda cols: np.asarray(False), 1)
    gates = {"v0": ([], lambda g, lits: 0)}

    def sig(lit: int) -> tuple[str, bool]:
        return f"v{lit // 2}", bool(lit & 1)

    for lhs, rhs0, rhs1, at in ands:
        (a, ia), (b, ib) = sig(rhs0), sig(rhs1)
        logic.add(f"v{lhs // 2}", [a, b], _and_fn(ia, ib), at)
        gates[f"v{lhs // 2}"] = ([a, b], lambda g, x, ia=ia, ib=ib: g.create_and(x[0] ^ ia,
                                                                                 x[1] ^ ib))
    for j, (lit, at) in enumerate(outputs):
        s, inv = sig(lit)
        logic.add(f"o{j}", [s], _lit_fn(inv), at)
        gates[f"o{j}"] = ([s], lambda g, x, inv=inv: x[0] ^ inv)
        logic.outputs.append(f"o{j}")
    names_in = [in_names.get(k) for k in range(I)]
    names_out = [out_names.get(j) for j in range(O)]
    d_in, d_out = default_input_names(I), default_output_names(O)
    names_in = [s or d_in[k] for k, s in enumerate(names_in)]
    names_out = [s or d_out[j] for j, s in enumerate(names_out)]
    f = logic.to_function(names_in, names_out, packed=True)
    return f.with_structure(Netlist.from_nodes(logic.inputs, logic.order(), gates, logic.outputs))


def read_aiger(source: Source) -> BooleanFunction:
    """Read an AIGER file (``aag`` or ``aig``) from a path, '-' or an open file."""
    data, name = read_bytes(source)
    return parse_aiger(data, name)
