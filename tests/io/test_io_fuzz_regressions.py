"""Inputs the fuzzer (tests/fuzz) found to crash a reader, each now one clean ParseError."""
from __future__ import annotations

import pytest

from boolnet.errors import ParseError
from boolnet.io.verilog import parse_verilog

_M = "module m(input a, output y); {body} endmodule"


@pytest.mark.parametrize("body, message", [
    # digits the token pattern let through for the base: int() raised ValueError
    ("assign y = a & 2'b12;", "not base 2"),
    ("assign y = a & 4'd1f;", "not base 10"),
    # values past int64: np.int64() raised OverflowError
    ("assign y = a & 99999999999999999999999;", "64-bit"),
    ("assign y = a & 64'hFFFFFFFFFFFFFFFF;", "64-bit"),
    # ranges: a name or a sized number as a bound raised ValueError, wide ones OverflowError
    ("wire [a:0] z = a; assign y = z;", "decimal bounds"),
    ("wire [4'b1:0] z = a; assign y = z;", "decimal bounds"),
    ("wire [64:0] z = a; assign y = z;", "at most 64"),
    ("wire [0:99999999999999999999] z = a; assign y = z;", "at most 64"),
    ("wire [63:0] z = a; assign y = z;", "unsigned 64-bit"),
])
def test_verilog_numbers_and_ranges_out_of_reach_are_refused_with_the_line(body, message):
    with pytest.raises(ParseError, match=message) as info:
        parse_verilog(_M.format(body=body), "m.v")
    assert str(info.value).startswith("m.v:1:") and "\n" not in str(info.value)


def test_verilog_signed_64_bit_wire_computes_in_int64():
    # Two's complement in 64 bits is int64 itself: -1 stays below 0.
    f = parse_verilog(_M.format(body="wire signed [63:0] z = $signed({1'b0, a}) - 1; "
                                     "assign y = z >= 0;"))
    assert f.minterms().tolist() == [1]


def test_verilog_concatenation_past_64_bits_keeps_its_low_bit():
    f = parse_verilog(_M.format(body="assign y = {70'd0, a};"))
    assert f.minterms().tolist() == [1]


_LONG = "a" * 140_000


@pytest.mark.parametrize("parse, text", [
    # a 140,000-character line quoted whole made a 140,088-character error line
    ("blif", f".model m\n.inputs a\n.outputs y\n{_LONG}\n.end\n"),
    ("blif", f".model m\n.inputs a\n.outputs y\n.names a y\n1 {_LONG}\n.end\n"),
    ("blif", f".model m\n.inputs a\n.outputs y\n.{_LONG}\n.end\n"),
    ("blif", f".model m\n.inputs a\n.outputs y\n.names {_LONG} y\n1 1\n.end\n"),
    ("aiger", f"aag 1 1 0 1 0\n2\n{_LONG}\n"),
    ("verilog", f"module m(input a, output y); assign y = a & {_LONG}; endmodule"),
    ("verilog", f"module m(input a, output y); assign y = a; {_LONG} endmodule"),
    ("verilog", f"module m(input a, output y); assign y = {_LONG}; endmodule"),
], ids=["blif-line", "blif-cube", "blif-directive", "blif-undefined", "aag-line",
        "verilog-operand", "verilog-statement", "verilog-undefined"])
def test_long_names_and_lines_are_cut_in_the_message(parse, text):
    from boolnet.io.aiger import parse_aiger
    from boolnet.io.blif import parse_blif
    reader = {"blif": parse_blif, "aiger": parse_aiger, "verilog": parse_verilog}[parse]
    with pytest.raises(ParseError) as info:
        reader(text, "m")
    assert len(str(info.value)) < 300 and "characters)" in str(info.value)


def test_binary_aiger_with_a_huge_input_count_is_refused_before_the_input_list_is_built():
    # 'aig 10^7 10^7 ...' built ten million input names (2 GB) before the table refused them.
    import tracemalloc

    from boolnet.errors import BoolnetError
    from boolnet.io.aiger import parse_aiger
    tracemalloc.start()
    try:
        with pytest.raises(BoolnetError, match="10000000 inputs"):
            parse_aiger(b"aig 10000000 10000000 0 1 0\n2\n", "big.aig")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 << 20


def test_aag_input_literal_listed_twice_is_refused():
    # Was read as two inputs of which the output followed the second (x1 silently unused).
    from boolnet.io.aiger import parse_aiger
    with pytest.raises(ParseError, match="listed twice") as info:
        parse_aiger(b"aag 2 2 0 1 0\n2\n2\n2\n", "d.aag")
    assert str(info.value).startswith("d.aag:3:")


@pytest.mark.parametrize("symbols, message", [
    ("i5 a", "names input 5, but the graph has 1 inputs"),
    ("o1 y", "names output 1, but the graph has 1 outputs"),
    ("i99999999999999999999999 a", "names input 99999999999999999999, but"),
])
def test_aag_symbol_of_no_input_or_output_is_refused(symbols, message):
    # Was ignored: the input kept its default name x1 and the file's name went nowhere.
    from boolnet.io.aiger import parse_aiger
    with pytest.raises(ParseError, match=message) as info:
        parse_aiger(f"aag 1 1 0 1 0\n2\n2\n{symbols}\n".encode(), "s.aag")
    assert str(info.value).startswith("s.aag:4:")


def test_verilog_signed_63_bit_wire_sign_extends_without_overflow():
    # value - 2^63 raised OverflowError (2^63 is no int64); -1 must stay below 0.
    f = parse_verilog(_M.format(body="wire signed [62:0] z = $signed({1'b0, a}) - 1; "
                                     "assign y = z >= 0;"))
    assert f.minterms().tolist() == [1]


def test_verilog_signed_narrow_wire_wraps_as_twos_complement():
    # 3 + 1 = 4 is -4 in a signed 3-bit wire.
    f = parse_verilog(_M.format(body="wire signed [2:0] z = 3'sd3 + $signed({1'b0, a}); "
                                     "assign y = z < 0;"))
    assert f.minterms().tolist() == [1]


def test_aag_symbol_with_a_non_ascii_digit_is_refused_with_its_line():
    # 'o² f' passed str.isdigit() and int('²') raised ValueError.
    from boolnet.io.aiger import parse_aiger
    with pytest.raises(ParseError, match="expected a symbol") as info:
        parse_aiger("aag 1 1 0 1 0\n2\n2\no² f\n".encode(), "u.aag")
    assert str(info.value).startswith("u.aag:4:")
