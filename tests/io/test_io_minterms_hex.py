"""Minterm lists and hex truth tables."""
import pytest
from hypothesis import given, settings

from boolnet import BooleanFunction, ParseError
from boolnet.io.hextable import format_hex, parse_hex
from boolnet.io.minterms import format_dontcares, format_minterms, parse_minterms
from io_strategies import identifiers, named_functions


def test_minterm_syntax():
    f = parse_minterms(" 1 ,3\t5 - 7 ", 3, dontcares="0", names=["a", "b", "c"])
    assert f.minterms().tolist() == [1, 3, 5, 6, 7] and f.dontcares().tolist() == [0]
    assert f.input_names == ("a", "b", "c")
    two = parse_minterms("1,2;0,3", 2, dontcares="")
    assert two.m == 2 and two.minterms(1).tolist() == [0, 3]
    assert parse_minterms("", 2).on_count().tolist() == [0]
    assert format_minterms(parse_minterms("0-3,5,6,8-15", 4)) == "0-3,5,6,8-15"


@pytest.mark.parametrize("text, message", [
    ("1,3,9", r"^column 5: minterm 9 is out of range for 3 inputs \(0 \.\. 7\)"),
    ("1, x2", r"^column 4: minterm 'x2': expected a row number or a range"),
    ("6-2", r"^column 1: minterm range '6-2' runs backwards"),
    ("2-8", r"^column 1: minterm 8 is out of range"),
])
def test_minterm_errors_name_the_part(text, message):
    with pytest.raises(ParseError, match=message):
        parse_minterms(text, 3)


def test_minterm_and_dont_care_overlap_is_an_error():
    with pytest.raises(ParseError, match="row 3 is listed both"):
        parse_minterms("1,3", 2, dontcares="3")


@settings(max_examples=80, deadline=None)
@given(named_functions(names=identifiers, max_n=7, max_m=3))
def test_minterm_round_trip(f):
    for j in range(f.m):
        g = parse_minterms(format_minterms(f, j), f.n, format_dontcares(f, j))
        assert g.on_words[0].tolist() == f.on_words[j].tolist()
        assert g.dc_words[0].tolist() == f.dc_words[j].tolist()


@settings(max_examples=80, deadline=None)
@given(named_functions(names=identifiers, max_n=8, max_m=3, dc=False))
def test_hex_round_trip(f):
    for j in range(f.m):
        assert BooleanFunction.from_hex(f.to_hex(j), f.n).on_words[0].tolist() == \
            f.on_words[j].tolist()
    assert parse_hex(format_hex(f)).equivalent(f)


def test_hex_file_errors():
    with pytest.raises(ParseError, match=r"h\.hex:2: this table has 3 inputs"):
        parse_hex("0x6996\n0x96\n", "h.hex")
    with pytest.raises(ParseError, match=r"h\.hex:1: hex truth table 'zz'"):
        parse_hex("zz\n", "h.hex")
    assert parse_hex("0x6996  # parity\n").value_vector() == (0, 1, 0, 1, 0)
