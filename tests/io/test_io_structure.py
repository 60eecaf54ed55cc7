"""The readers attach the circuit they read (``BooleanFunction.structure``), and it computes
the table they read: random gate netlists written as BLIF, AIGER and Verilog, and what
Berkeley ABC writes, where installed."""
from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet import families
from boolnet.io import read
from boolnet.io.aiger import parse_aiger
from boolnet.io.blif import parse_blif
from boolnet.io.verilog import parse_verilog

OPS = ["and", "or", "xor", "nand", "nor", "xnor", "not", "buf"]


@st.composite
def gate_netlists(draw, max_n=5, max_gates=10, max_m=3):
    """(n, gates, outputs): gate j is (op, fanins) over inputs 0..n-1 and gates n.. below it."""
    n = draw(st.integers(1, max_n))
    gates = []
    for j in range(draw(st.integers(0, max_gates))):
        op = draw(st.sampled_from(OPS))
        k = 1 if op in ("not", "buf") else draw(st.integers(2, 3))
        gates.append((op, [draw(st.integers(0, n + j - 1)) for _ in range(k)]))
    outs = [draw(st.integers(0, n + len(gates) - 1)) for _ in range(draw(st.integers(1, max_m)))]
    return n, gates, outs


def _name(n: int, s: int) -> str:
    return f"x{s}" if s < n else f"g{s - n}"


def _value(op: str, vals: list[int]) -> int:
    acc = vals[0]
    for v in vals[1:]:
        acc = acc & v if op in ("and", "nand") else acc | v if op in ("or", "nor") else acc ^ v
    return acc ^ (op in ("nand", "nor", "xnor", "not"))


def _blif(n, gates, outs) -> str:
    lines = [".model r", ".inputs " + " ".join(_name(n, i) for i in range(n)),
             ".outputs " + " ".join(f"y{j}" for j in range(len(outs)))]
    for j, (op, fanins) in enumerate(gates):
        lines.append(".names " + " ".join(_name(n, s) for s in fanins) + f" g{j}")
        for r in range(1 << len(fanins)):  # the gate's ON rows, one cube each
            bits = [(r >> (len(fanins) - 1 - i)) & 1 for i in range(len(fanins))]
            if _value(op, bits):
                lines.append("".join(map(str, bits)) + " 1")
    for j, s in enumerate(outs):
        lines += [f".names {_name(n, s)} y{j}", "1 1"]
    return "\n".join(lines + [".end"]) + "\n"


def _verilog(n, gates, outs) -> str:
    ports = [f"input {_name(n, i)}" for i in range(n)] + [f"output y{j}" for j in range(len(outs))]
    lines = [f"module r({', '.join(ports)});"]
    lines += [f"  wire g{j};" for j in range(len(gates))]
    sym = {"and": "&", "or": "|", "xor": "^", "nand": "&", "nor": "|", "xnor": "^"}
    for j, (op, fanins) in enumerate(gates):
        names = [_name(n, s) for s in fanins]
        if j % 2 and op in sym:  # half the gates as assign expressions, half as primitives
            expr = f" {sym[op]} ".join(names)
            inv = op in ("nand", "nor", "xnor")
            lines.append(f"  assign g{j} = {'~(' + expr + ')' if inv else expr};")
        else:
            lines.append(f"  {op} (g{j}, {', '.join(names)});")
    lines += [f"  assign y{j} = {_name(n, s)};" for j, s in enumerate(outs)]
    return "\n".join(lines + ["endmodule"]) + "\n"


def _aag(n, gates, outs) -> bytes:
    """The gates as an AIG: n-ary gates as chains of two-input ANDs in AIGER's literals."""
    lit = {i: 2 * (i + 1) for i in range(n)}
    ands = []

    def new_and(a, b):
        ands.append((2 * (n + 1 + len(ands)), a, b))
        return ands[-1][0]

    def xor(a, b):
        return new_and(new_and(a, b) ^ 1, new_and(a ^ 1, b ^ 1) ^ 1)
    for j, (op, fanins) in enumerate(gates):
        xs = [lit[s] for s in fanins]
        acc = xs[0]
        for x in xs[1:]:
            acc = new_and(acc, x) if op in ("and", "nand") else \
                new_and(acc ^ 1, x ^ 1) ^ 1 if op in ("or", "nor") else xor(acc, x)
        lit[n + j] = acc ^ (op in ("nand", "nor", "xnor", "not"))
    lines = [f"aag {n + len(ands)} {n} 0 {len(outs)} {len(ands)}"]
    lines += [str(2 * (i + 1)) for i in range(n)] + [str(lit[s]) for s in outs]
    lines += [f"{a} {b} {c}" for a, b, c in ands]
    return ("\n".join(lines) + "\n").encode()


def _table(n, gates, outs) -> np.ndarray:
    """Output values on every row (first input most significant), computed directly."""
    t = []
    for r in range(1 << n):
        v = [(r >> (n - 1 - i)) & 1 for i in range(n)]
        for op, fanins in gates:
            v.append(_value(op, [v[s] for s in fanins]))
        t.append([v[s] for s in outs])
    return np.array(t)


def _check(f, expected: np.ndarray) -> None:
    assert np.array_equal(f.to_array(), expected)           # the table read
    g = f.structure
    assert g is not None and g.n == f.n and len(g.outputs) == f.m
    assert np.array_equal(g.simulate(), f.on_words)          # the circuit attached to it


@settings(max_examples=40, deadline=None)
@given(net=gate_netlists())
def test_blif_structure_computes_the_table(net):
    _check(parse_blif(_blif(*net)), _table(*net))


@settings(max_examples=40, deadline=None)
@given(net=gate_netlists())
def test_verilog_structure_computes_the_table(net):
    _check(parse_verilog(_verilog(*net)), _table(*net))


@settings(max_examples=40, deadline=None)
@given(net=gate_netlists())
def test_aiger_structure_computes_the_table(net):
    f = parse_aiger(_aag(*net))
    _check(f, _table(*net))
    n, gates, outs = net
    assert f.structure.num_ands <= int(_aag(*net).split()[5])  # the graph, not more


def test_verilog_arithmetic_has_no_gate_structure():
    text = ("module m(a, b, y); input a; input b; output y; wire signed [2:0] z = "
            "$signed({1'b0, a}) - 3'sd2 * $signed({1'b0, b}); assign y = z >= 0; endmodule")
    f = parse_verilog(text)
    assert f.minterms() == [0, 2] and f.structure is None   # a - 2b >= 0


def test_verilog_constants_and_conditionals_in_the_structure():
    f = parse_verilog("module m(input a, input b, input c, output y, output z);"
                      " assign y = a ? ~b : (b && !c); assign z = (a | 1'b0) ~^ c; endmodule")
    assert f.structure is not None
    assert np.array_equal(f.structure.simulate(), f.on_words)


@pytest.mark.skipif(shutil.which("berkeley-abc") is None, reason="Berkeley ABC is not installed")
@pytest.mark.parametrize("fmt", ["blif", "aig"])
def test_what_abc_writes_of_a_multiplier_carries_its_circuit(tmp_path, fmt):
    from boolnet import write
    f = families.multiplier(3)
    write(f, str(tmp_path / "m.pla"))
    out = tmp_path / f"out.{fmt}"
    # ABC reads the table as a PLA and writes its own AIG of it.
    subprocess.run(["berkeley-abc", "-c", f"read_pla {tmp_path / 'm.pla'}; strash; dc2; "
                                          f"write {out}"],
                   check=True, capture_output=True, timeout=60)
    g = read(out)
    assert g.n == f.n and g.m == f.m and np.array_equal(g.on_words, f.on_words)
    assert g.structure is not None and np.array_equal(g.structure.simulate(), g.on_words)
