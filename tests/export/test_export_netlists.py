"""Verilog and BLIF: the netlists compute the network's function on every input."""
import itertools
import shutil
import subprocess

import numpy as np
import pytest

from boolnet.errors import BoolnetError, ParseError
from boolnet.export.aiger import to_aiger, to_aiger_binary
from boolnet.export.blif import parse_blif, to_blif
from boolnet.export.names import resolve_names
from boolnet.export.netlist import threshold_netlist
from boolnet.export.primes import threshold_cubes
from boolnet.export.verilog import to_verilog
from boolnet.nn import Layer, Network
from nets import (deep_parity, float_net, output_bits, random_threshold_net, wide_parity,
                         xor_net, xor_pm1)


def threshold_nets():
    yield "xor", xor_net()
    yield "xor_pm1", xor_pm1()
    for n in (3, 7):
        yield f"wide{n}", wide_parity(n)
    for n in (2, 5, 9):
        yield f"deep{n}", deep_parity(n)
    for seed in range(30):
        yield f"random{seed}", random_threshold_net(seed)
    yield "random_n11", random_threshold_net(11, max_inputs=11)


NETS = [pytest.param(net, id=name) for name, net in threshold_nets()]


def cube_hits(cube: str, bits) -> bool:
    return all(c == "-" or int(c) == b for c, b in zip(cube, bits))


# ----------------------------------------------------------------------------- primes
def test_threshold_cubes_are_the_prime_cover():
    rng = np.random.default_rng(0)
    for _ in range(300):
        k = int(rng.integers(0, 8))
        w = rng.integers(-4, 5, k).tolist()
        b = int(rng.integers(-8, 9))
        cubes = threshold_cubes(w, b)
        for bits in itertools.product((0, 1), repeat=k):
            fires = sum(a * x for a, x in zip(w, bits)) + b >= 0
            assert any(cube_hits(c, bits) for c in cubes) == fires, (w, b, bits)
        for c in cubes:  # prime: freeing any literal lets the cube reach an OFF point
            for i, ch in enumerate(c):
                if ch == "-":
                    continue
                wider = c[:i] + "-" + c[i + 1:]
                assert any(not (sum(a * x for a, x in zip(w, bits)) + b >= 0)
                           for bits in itertools.product((0, 1), repeat=k)
                           if cube_hits(wider, bits))


def test_threshold_cubes_match_the_minimiser_where_it_exists():
    minimize = pytest.importorskip("boolnet.twolevel").__dict__.get("minimize")
    if minimize is None:
        pytest.skip("boolnet.twolevel.minimize is not there yet")
    from boolnet.function import BooleanFunction
    rng = np.random.default_rng(1)
    for _ in range(20):
        k = int(rng.integers(1, 7))
        w = rng.integers(-3, 4, k).tolist()
        b = int(rng.integers(-6, 7))
        f = BooleanFunction.from_callable(lambda *x: sum(a * v for a, v in zip(w, x)) + b >= 0, k)
        cover, _ = minimize(f, method="exact")
        ours = threshold_cubes(w, b)
        assert len(ours) == cover.num_terms, (w, b)


def test_threshold_cubes_wide_fan_in_and_limit():
    assert len(threshold_cubes([1] * 2048, -1)) == 2048  # OR of a wide parity network
    assert threshold_cubes([1] * 1500, -1500) == ["1" * 1500]  # deep AND: no recursion limit
    assert threshold_cubes([1, -1], 5) == ["--"] and threshold_cubes([1, 1], -3) == []
    with pytest.raises(BoolnetError, match="prime implicants"):
        threshold_cubes([1] * 25, -13, limit=1000)  # majority of 25 has C(25,13) primes


# ------------------------------------------------------------------------------- BLIF
@pytest.mark.parametrize("net", NETS)
def test_blif_reads_back_to_the_same_function(net):
    f = parse_blif(to_blif(net))
    np.testing.assert_array_equal(f.to_array(), output_bits(net))


def test_blif_keeps_names():
    net = xor_net()
    text = to_blif(net, names=(["a[0]", "a[1]"], ["y[0]"]))
    assert ".inputs a[0] a[1]" in text and ".outputs y[0]" in text
    f = parse_blif(text)
    assert f.input_names == ("a[0]", "a[1]") and f.output_names == ("y[0]",)


def test_parse_blif_errors():
    with pytest.raises(ParseError, match="never defined"):
        parse_blif(".model m\n.inputs a\n.outputs y\n.names b y\n1 1\n.end\n")
    with pytest.raises(ParseError, match="itself"):
        parse_blif(".model m\n.inputs a\n.outputs y\n.names a z y\n11 1\n.names y z\n1 1\n.end\n")
    with pytest.raises(ParseError, match=":5"):
        parse_blif(".model m\n.inputs a\n.outputs y\n.names a y\n12 1\n.end\n", "t.blif")
    with pytest.raises(ParseError, match="latch"):
        parse_blif(".model m\n.inputs a\n.outputs y\n.latch a y\n.end\n")


def test_parse_blif_off_set_tables_and_continuations():
    text = ".model m\n.inputs a \\\n b\n.outputs y\n.names a b y\n11 0\n.end\n"  # NAND by OFF set
    assert parse_blif(text).minterms().tolist() == [0, 1, 2]


# -------------------------------------------------------------------------- refusals
def test_netlists_refuse_soft_and_fractional_networks():
    with pytest.raises(BoolnetError, match="harden"):
        to_verilog(float_net())
    with pytest.raises(BoolnetError, match="integer"):
        to_blif(Network(2, [Layer([[0.5, 0.5]], [-0.7])]))
    # Whole-number floats are fine.
    assert "11 1" in to_blif(Network(2, [Layer([[1.0, 1.0]], [-2.0])]))


def test_pm1_weights_fold_into_bits():
    g = threshold_netlist(xor_pm1()).gates[0]  # x1 - x2 - 1 >= 0 on +-1 inputs
    assert (g.weights, g.bias) == ([2, -2], -1)


# ---------------------------------------------------------------------------- Verilog
IVERILOG = shutil.which("iverilog") and shutil.which("vvp")


def simulate(net, tmp_path, names=None) -> np.ndarray:
    """Run the exported module over every input with Icarus Verilog; rows of output bits."""
    n, m = net.n_inputs, net.n_outputs
    module = to_verilog(net, names=names, module="dut")
    bench = f"""
module tb;
  reg [{n - 1}:0] v;
  wire [{m - 1}:0] y;
  integer i;
  dut d({", ".join(f"v[{n - 1 - i}]" for i in range(n))}, {", ".join(f"y[{m - 1 - j}]" for j in range(m))});
  initial begin
    for (i = 0; i < {1 << n}; i = i + 1) begin
      v = i; #1; $display("%b", y);
    end
  end
endmodule
"""
    (tmp_path / "dut.v").write_text(module)
    (tmp_path / "tb.v").write_text(bench)
    exe = tmp_path / "sim"
    subprocess.run(["iverilog", "-g2005", "-Wall", "-o", str(exe), str(tmp_path / "dut.v"),
                    str(tmp_path / "tb.v")], check=True, capture_output=True, text=True)
    out = subprocess.run(["vvp", "-n", str(exe)], check=True, capture_output=True, text=True).stdout
    rows = [line for line in out.split() if set(line) <= {"0", "1"} and len(line) == m]
    return np.array([[int(c) for c in r] for r in rows], dtype=np.int64).reshape(-1, m)


@pytest.mark.skipif(not IVERILOG, reason="Icarus Verilog (iverilog) is not installed: "
                                         "apt-get install iverilog")
@pytest.mark.parametrize("net", NETS)
def test_verilog_simulates_to_the_same_function(net, tmp_path):
    np.testing.assert_array_equal(simulate(net, tmp_path), output_bits(net))


@pytest.mark.skipif(not IVERILOG, reason="Icarus Verilog (iverilog) is not installed: "
                                         "apt-get install iverilog")
def test_verilog_awkward_names_and_big_weights(tmp_path):
    net = Network(3, [Layer([[1000, -999, 3], [-1, -1, -1]], [-1000, 1]),
                      Layer([[1, -1]], [0])])
    names = (["a[0]", "wire", "2b"], ["out.put"])
    np.testing.assert_array_equal(simulate(net, tmp_path, names), output_bits(net))
    text = to_verilog(net, names=names)
    assert "a_0_ = a[0]" in text and "input wire wire_" in text


def test_verilog_text_shape():
    text = to_verilog(xor_net())
    assert "module boolnet (" in text and "input wire a" in text and "output wire xor_" in text
    assert "wire signed [2:0]" in text and ">= 0;" in text and text.rstrip().endswith("endmodule")


# ----------------------------------------------------------------------------- AIGER
def eval_aag(text: str) -> np.ndarray:
    """A small ASCII AIGER evaluator (combinational): rows of output bits over every input."""
    lines = text.splitlines()
    _, M, I, L, O, A = lines[0].split()
    I, L, O, A = int(I), int(L), int(O), int(A)
    assert L == 0
    ins = [int(x) for x in lines[1:1 + I]]
    outs = [int(x) for x in lines[1 + I:1 + I + O]]
    ands = [tuple(map(int, x.split())) for x in lines[1 + I + O:1 + I + O + A]]
    rows = np.arange(1 << I)
    val = {0: np.zeros(len(rows), bool)}
    for k, lit in enumerate(ins):
        val[lit // 2] = ((rows >> (I - 1 - k)) & 1).astype(bool)

    def get(lit):
        v = val[lit // 2]
        return ~v if lit & 1 else v

    for lhs, a, b in ands:
        assert lhs > a >= b  # the order AIGER's binary form needs
        val[lhs // 2] = get(a) & get(b)
    return np.stack([get(o) for o in outs], axis=1).astype(np.int64)


@pytest.mark.parametrize("net", NETS)
def test_aiger_evaluates_to_the_same_function(net):
    np.testing.assert_array_equal(eval_aag(to_aiger(net)), output_bits(net))


def test_aiger_symbols():
    text = to_aiger(xor_net())
    assert "i0 a" in text and "o0 xor" in text


# ------------------------------------------------------------- ABC, where installed
ABC = shutil.which("berkeley-abc") or shutil.which("abc")


def pla_text(net) -> str:
    """The network's function as a full-minterm PLA, independent of the netlist writers."""
    bits = output_bits(net)
    n, m = net.n_inputs, net.n_outputs
    rows = [format(r, f"0{n}b") + " " + "".join(map(str, bits[r])) for r in range(1 << n)]
    ins, outs = resolve_names(net)
    return (f".i {n}\n.o {m}\n.ilb {' '.join(ins)}\n.ob {' '.join(outs)}\n.type fr\n"
            + "\n".join(rows) + "\n.e\n")


@pytest.mark.skipif(not ABC, reason="Berkeley ABC is not installed: apt-get install berkeley-abc")
@pytest.mark.parametrize("net", [xor_net(), xor_pm1(), wide_parity(6), deep_parity(7),
                                 random_threshold_net(3), random_threshold_net(11, max_inputs=9)])
def test_abc_proves_blif_and_aiger_equal_the_function(net, tmp_path):
    (tmp_path / "f.pla").write_text(pla_text(net))
    (tmp_path / "n.blif").write_text(to_blif(net))
    (tmp_path / "n.aig").write_bytes(to_aiger_binary(net))
    for a, b in (("n.blif", "f.pla"), ("n.aig", "n.blif")):
        out = subprocess.run([ABC, "-c", f"cec {a} {b}"], cwd=tmp_path, capture_output=True,
                             text=True, timeout=60).stdout
        assert "are equivalent" in out, out
