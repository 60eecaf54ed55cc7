"""BLIF (Berkeley Logic Interchange Format): the combinational models that ABC, SIS and Yosys write.

Read: ``.model``, ``.inputs``, ``.outputs``, ``.names`` tables (single-output covers,
ON-set rows ``01- 1`` or OFF-set rows ``01- 0``), ``.end``; ``#`` comments and ``\\``
line continuations. Timing and attribute lines ABC adds (``.default_input_arrival``,
``.input_arrival``, ``.area``, ``.delay``, ...) are skipped. Everything that is not a
combinational function is refused with the line: latches (``.latch``, sequential),
hierarchy (``.subckt``, ``.search``), library gates (``.gate``, ``.mlatch``). The
external don't-care network after ``.exdc`` is not read (the ON functions are).

Only the first model of a file is read, and the result is its truth table (inputs in
the order of ``.inputs``), so the usual dense limit applies. The table carries the
model's gates as its ``structure`` (each ``.names`` table an OR of ANDs), which
synthesis starts from beside the minimised cover.

>>> f = parse_blif(".model m\\n.inputs a b\\n.outputs y\\n.names a b y\\n1- 1\\n-1 1\\n.end\\n")
>>> f.input_names, f.minterms().tolist()
(('a', 'b'), [1, 2, 3])
"""
from __future__ import annotations

import numpy as np

from ..errors import ParseError
from ..function import BooleanFunction
from ..netlist import Netlist
from .logic import Logic, shown
from .text import Source, read_text

__all__ = ["parse_blif", "read_blif", "looks_like_blif"]

_SKIP = {".default_input_arrival", ".default_output_required", ".default_input_drive",
         ".default_output_load", ".default_max_input_load", ".input_arrival",
         ".output_required", ".input_drive", ".output_load", ".max_input_load", ".area",
         ".delay", ".wire_load_slope", ".wire", ".attr", ".param", ".cname", ".clock",
         ".clock_event", ".cycle"}
_REFUSE = {".latch": "a latch (sequential logic)", ".mlatch": "a library latch (sequential logic)",
           ".subckt": "a sub-circuit instance (hierarchy; flatten the model first)",
           ".search": "a reference to another file (hierarchy; flatten the model first)",
           ".gate": "a library gate (mapped BLIF; write the logic as .names tables)",
           ".fsm": "a state machine", ".start_kiss": "a state machine",
           ".conn": "a connection (hierarchy)"}


def looks_like_blif(text: str) -> bool:
    """True when the first directive of the text is a BLIF one (``.model``, ``.inputs``, ``.names``)."""
    for raw in text.split("\n"):
        line = raw.split("#", 1)[0].strip()
        if line:
            return line.split()[0] in (".model", ".inputs", ".outputs", ".names")
    return False


def _logical_lines(text: str):
    """(line number, tokens) of each logical line: comments dropped, '\\' continuations joined."""
    pending: list[str] = []
    start = None
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if start is None:
            start = no
        cont = line.endswith("\\")
        pending += (line[:-1] if cont else line).split()
        if cont:
            continue
        if pending:
            yield start, pending
        pending, start = [], None
    if pending:
        yield start, pending


def _cover_fn(cubes: list[str], onset: bool):
    """The value of a .names table from its fan-in values: OR of cubes (or its complement)."""
    def fn(cols: list) -> np.ndarray:
        if not cols:  # a constant: '.names y' then '1' (or nothing: 0)
            return np.asarray(bool(cubes) == onset)
        # Bool rows or packed uint64 words alike: only ~ & | are used.
        hit = np.zeros_like(cols[0])
        for cube in cubes:
            term = ~np.zeros_like(cols[0])
            for ch, col in zip(cube, cols):
                if ch == "1":
                    term &= col
                elif ch == "0":
                    term &= ~col
            hit |= term
        return hit if onset else ~hit
    return fn


def _cover_gates(cubes: list[str], onset: bool):
    """The gates of a .names table: an OR of one AND per cube (complemented for OFF rows)."""
    def make(g: Netlist, lits: list[int]) -> int:
        terms = [g.create_nary([x ^ (ch == "0") for ch, x in zip(cube, lits) if ch != "-"])
                 for cube in cubes]
        return g.create_nary(terms, "or") ^ (not onset)
    return make


def parse_blif(text: str, source: str = "<blif>") -> BooleanFunction:
    """The truth table of the first combinational model of a BLIF file (str -> BooleanFunction)."""
    logic = Logic(source)
    tables: dict[str, tuple[list[str], list[str], set[str], int]] = {}
    current = None
    seen_model = False
    for no, tok in _logical_lines(text):
        head = tok[0]
        if head.startswith("."):
            current = None
            if head == ".model":
                if seen_model:
                    break  # a second model: only the first is read
                seen_model = True
            elif head == ".inputs":
                logic.inputs += tok[1:]
            elif head == ".outputs":
                logic.outputs += tok[1:]
            elif head == ".names":
                if len(tok) < 2:
                    raise ParseError(".names needs at least an output signal", source, no)
                out = tok[-1]
                if out in tables or out in logic.inputs:
                    raise ParseError(f"signal {shown(out)} is defined twice", source, no)
                current = out
                tables[out] = (tok[1:-1], [], set(), no)
            elif head in (".end", ".exdc"):
                break
            elif head in _REFUSE:
                raise ParseError(f"{head} is {_REFUSE[head]}; boolnet reads combinational "
                                 f".names models only", source, no)
            elif head not in _SKIP:
                raise ParseError(f"unknown BLIF construct {shown(head)}; expected .model, .inputs, "
                                 f".outputs, .names or .end", source, no)
            continue
        if current is None:
            raise ParseError(f"a cube line outside .names: {shown(' '.join(tok))}", source, no)
        fanin, cubes, values, _ = tables[current]
        if fanin:
            cube, val = (tok + [""])[:2]
            ok = len(tok) == 2
        else:
            cube, val = "", tok[0]
            ok = len(tok) == 1
        if not ok or len(cube) != len(fanin) or val not in ("0", "1") \
                or not set(cube) <= set("01-"):
            raise ParseError(f"expected a cube of {len(fanin)} characters from 0 1 - and an "
                             f"output 0 or 1, found {shown(' '.join(tok))}", source, no)
        values.add(val)
        if len(values) > 1:
            raise ParseError(f"the table of {shown(current)} mixes ON rows (1) and OFF rows (0); "
                             f"a .names table lists one or the other", source, no)
        cubes.append(cube)
    if not seen_model and not tables and not logic.inputs:
        raise ParseError("not a BLIF model: expected '.model NAME', '.inputs', '.outputs' "
                         "and '.names' tables", source, 1)
    gates = {}
    for out, (fanin, cubes, values, no) in tables.items():
        logic.add(out, fanin, _cover_fn(cubes, "0" not in values), no)
        gates[out] = (fanin, _cover_gates(cubes, "0" not in values))
    if len(set(logic.inputs)) != len(logic.inputs):
        dup = sorted({s for s in logic.inputs if logic.inputs.count(s) > 1})
        raise ParseError(f".inputs lists {shown(', '.join(dup))} twice", source)
    if not logic.outputs:
        raise ParseError("the model has no .outputs", source)
    f = logic.to_function(packed=True)
    return f.with_structure(Netlist.from_nodes(logic.inputs, logic.order(), gates, logic.outputs))


def read_blif(source: Source) -> BooleanFunction:
    """Read a BLIF file from a path, '-' or an open file."""
    text, name = read_text(source)
    return parse_blif(text, name)
