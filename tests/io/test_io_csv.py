"""CSV truth tables: header conventions, any row order, missing rows, conflicts."""
import io

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet import BoolnetError, BooleanFunction, ParseError
from boolnet.io.csvtable import format_csv, parse_csv, read_csv, write_csv
from io_strategies import named_functions, wide_names


def test_last_column_is_the_output_by_default():
    f = parse_csv("a,b,c\n1,1,1\n")
    assert f.input_names == ("a", "b") and f.output_names == ("c",)
    assert f.minterms().tolist() == [3]


def test_outputs_argument_and_header_marks():
    text = "a,b,s,c\n0,1,1,0\n1,1,0,1\n"
    f = parse_csv(text, outputs=2)
    assert f.input_names == ("a", "b") and f.output_names == ("s", "c")
    assert parse_csv("a,b,>s,>c\n0,1,1,0\n1,1,0,1\n") == f
    assert parse_csv("a , b , > s , > c\n0,1,1,0\n1,1,0,1\n") == f
    with pytest.raises(ParseError, match="marks 2 outputs"):
        parse_csv("a,b,>s,>c\n", outputs=1)


def test_rows_in_any_order_spaces_crlf_comments_and_dont_cares():
    f = parse_csv("# made by hand\r\na, b, f\r\n\r\n1, 1, x\r\n0, 0, 1\r\n# half way\r\n"
                  "1,0,-\r\n0,1,X\r\n")
    assert f.to_array().ravel().tolist() == [1, -1, -1, -1]


def test_missing_rows_off_or_dc():
    text = "a,b,f\n1,1,1\n"
    assert parse_csv(text).to_array().ravel().tolist() == [0, 0, 0, 1]
    assert parse_csv(text, missing="dc").to_array().ravel().tolist() == [-1, -1, -1, 1]
    with pytest.raises(BoolnetError, match="missing"):
        parse_csv(text, missing="on")


def test_duplicates_agree_or_fail_naming_both_lines():
    assert parse_csv("a,b,f\n1,1,1\n1,1,1\n").minterms().tolist() == [3]
    with pytest.raises(ParseError, match=r"t\.csv:5: row 11 appears on lines 3 and 5"):
        parse_csv("a,b,f\n0,0,0\n1,1,1\n0,1,1\n1,1,0\n", source="t.csv")


def test_other_delimiters():
    f = parse_csv("a;b;f\n1;1;1\n", delimiter=";")
    assert f.minterms().tolist() == [3]
    g = parse_csv("a\tb\tf\n1\t1\t1\n", delimiter="\t")
    assert g == f
    assert parse_csv(format_csv(f, delimiter=";"), delimiter=";") == f


@settings(max_examples=80, deadline=None)
@given(named_functions(names=wide_names, max_n=7, max_m=4))
def test_round_trip(f):
    assert parse_csv(format_csv(f)) == f


@settings(max_examples=50, deadline=None)
@given(named_functions(names=wide_names, max_n=6, max_m=3), st.integers(0, 2**32 - 1))
def test_shuffled_and_thinned_rows_read_back(f, seed):
    """Drop rows that are don't-care in every output, shuffle the rest: missing='dc' restores f."""
    rng = np.random.default_rng(seed)
    lines = format_csv(f).splitlines()
    all_dc = f.dc_bits().all(axis=0)
    body = [line for r, line in enumerate(lines[1:]) if not all_dc[r] or rng.random() < 0.5]
    rng.shuffle(body)
    text = "\n".join([lines[0]] + body) + "\n"
    assert parse_csv(text, missing="dc") == f


def test_a_million_rows(tmp_path):
    rng = np.random.default_rng(7)
    f = BooleanFunction.from_array(rng.integers(-1, 2, size=(1 << 20, 2)))
    write_csv(f, tmp_path / "big.csv")
    assert read_csv(tmp_path / "big.csv") == f


def test_names_that_cannot_start_a_header_cell_are_refused():
    f = BooleanFunction.from_array([0, 1], input_names=[">a"])
    with pytest.raises(BoolnetError, match="cannot start a CSV header"):
        format_csv(f)


def test_read_from_open_files(tmp_path):
    f = BooleanFunction.from_expr("a | b")
    buf = io.StringIO()
    write_csv(f, buf)
    buf.seek(0)
    assert read_csv(buf) == f
    (tmp_path / "t.csv").write_bytes(b"\xef\xbb\xbf" + format_csv(f).encode())  # with a BOM
    with open(tmp_path / "t.csv", "rb") as fh:
        assert read_csv(fh) == f
