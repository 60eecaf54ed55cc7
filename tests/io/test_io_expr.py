"""Expressions: our own parser into sympy, the printer back, expression files."""
import io

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from boolnet import BoolnetError, BooleanFunction, ParseError
from boolnet.io.expr import (MAX_DEPTH, format_expr, format_expr_file, parse_expr,
                             parse_expr_file, read_expr, write_expr)
from io_strategies import identifiers, named_functions, render, table_of, trees


def test_precedence_not_and_xor_or():
    # not > and > xor > or
    f = BooleanFunction.from_expr("a | b ^ c & ~d", input_names="abcd")
    g = BooleanFunction.from_callable(lambda a, b, c, d: a | (b ^ (c & (1 - d))), 4)
    assert f.equivalent(g)
    assert parse_expr("a or b xor c and not d") == parse_expr("a | b ^ c & ~d")


@pytest.mark.parametrize("text, names", [
    ("E ^ I ^ S", ["E", "I", "S"]),
    ("pi & beta | N & O & Q", ["pi", "beta", "N", "O", "Q"]),
    ("Symbol | exp | lambda_ | sqrt", ["Symbol", "exp", "lambda_", "sqrt"]),
    ("nand & nor & implies", ["nand", "nor", "implies"]),  # plain names unless called
])
def test_sympy_names_are_plain_variables(text, names):
    expr, got = parse_expr(text, return_names=True)
    assert got == names
    assert all(isinstance(s, sympy.Symbol) for s in expr.free_symbols)


def test_e_i_s_is_a_three_input_xor():
    f = BooleanFunction.from_expr("E ^ I ^ S")
    assert f.n == 3 and f.is_symmetric() and f.value_vector() == (0, 1, 0, 1)


@pytest.mark.parametrize("text, expected", [
    ("And(a, b, Or(c, 0))", "a & b & c"),
    ("Nand(a, b)", "~(a & b)"), ("Nor(a, b)", "~(a | b)"), ("XNOR(a, b)", "~(a ^ b)"),
    ("Implies(a, b)", "~a | b"), ("ITE(a, b, c)", "a & b | ~a & c"),
    ("Equivalent(a, b)", "a & b | ~a & ~b"), ("not(a) && !b || TRUE", "1"),
    ("~~~~a", "a"), ("False | a", "a"), ("((((a))))", "a"),
])
def test_forms_agree(text, expected):
    names = ["a", "b", "c"]
    f = BooleanFunction.from_expr(text, input_names=names)
    g = BooleanFunction.from_expr(expected, input_names=names)
    assert f.equivalent(g)


def test_names_argument_fixes_order_and_refuses_others():
    expr, names = parse_expr("c & a", names=["a", "b", "c"], return_names=True)
    assert names == ["a", "b", "c"]
    with pytest.raises(ParseError, match=r"^line 1, column 5: unknown input 'z'"):
        parse_expr("a & z", names=["a", "b"])


@settings(max_examples=150, deadline=None)
@given(trees(), st.booleans(), st.data())
def test_random_trees_parse_to_their_truth_table(tree, minimal, data):
    text = render(tree, data.draw, minimal)
    want = table_of(tree)
    expr, names = parse_expr(text, return_names=True)
    assert names == list(want.input_names)
    got = BooleanFunction.from_expr(text)
    assert got == want, text
    # ... and the printer's text reads back to the same table.
    back = BooleanFunction.from_expr(format_expr(expr), input_names=names) if names else \
        BooleanFunction.from_expr(format_expr(expr))
    assert back.equivalent(want), (text, format_expr(expr))


def test_format_expr_parenthesises_by_precedence():
    a, b, c = sympy.symbols("a b c")
    for e in [(a | b) & c, ~(a ^ b), (a & b) ^ c, sympy.Nand(a, b | c), sympy.ITE(a, b, ~c),
              sympy.true, sympy.false, a]:
        assert parse_expr(format_expr(e)) == e
    with pytest.raises(BoolnetError, match="cannot be written"):
        format_expr(sympy.Symbol("d<1>"))


def test_deep_nesting_inside_the_limit_works():
    text = "a"
    for i in range(MAX_DEPTH - 1):
        text = f"~(b{i} {'&|'[i % 2]} {text})"
    expr, names = parse_expr(text, return_names=True)
    assert len(names) == MAX_DEPTH
    assert parse_expr(format_expr(expr)) == expr
    assert len(parse_expr("~" * 20000 + "a").free_symbols) == 1  # no recursion on prefix chains


def test_long_flat_expression_is_linear():
    text = " | ".join(f"x{i} & ~y{i}" for i in range(2000))
    expr = parse_expr(text)
    assert len(expr.args) == 2000


# ------------------------------------------------------------------ expression files
def test_expression_file_names_comments_and_order():
    f = parse_expr_file("# full adder\ns = a ^ b ^ cin\n\ncout = a & b | cin & (a ^ b)  # carry\n")
    assert f.input_names == ("a", "b", "cin") and f.output_names == ("s", "cout")
    assert f.to_array().tolist()[7] == [1, 1]
    g = parse_expr_file("inputs: z y x\nf = x & y\n")
    assert g.input_names == ("z", "y", "x") and g.minterms().tolist() == [3, 7]
    h = parse_expr_file("a & b\na | b\n")
    assert h.output_names == ("f1", "f2")


def test_expression_file_errors_name_line_and_column():
    with pytest.raises(ParseError, match=r"^e\.expr:2:9: expected a name"):
        parse_expr_file("f = a\ng = b & )\n", "e.expr")
    with pytest.raises(ParseError, match=r"e\.expr:3:1: output 'f' is defined twice"):
        parse_expr_file("f = a\n\nf = b\n", "e.expr")
    with pytest.raises(ParseError, match="no expression"):
        parse_expr_file("# nothing\n\n", "e.expr")
    with pytest.raises(ParseError, match=r":2:5: unknown input 'c'"):
        parse_expr_file("inputs: a b\nf = c\n", "e.expr")


@settings(max_examples=60, deadline=None)
@given(named_functions(names=identifiers, dc=False, max_n=5))
def test_expression_file_round_trip(f):
    assert parse_expr_file(format_expr_file(f)) == f
    buf = io.StringIO()
    write_expr(f, buf)
    buf.seek(0)
    assert read_expr(buf) == f


def test_expression_file_by_path(tmp_path):
    f = BooleanFunction.from_expr(["a ^ b", "a & b"], output_names=["s", "c"])
    write_expr(f, tmp_path / "ha.expr")
    assert read_expr(tmp_path / "ha.expr") == f
    assert read_expr(str(tmp_path / "ha.expr")) == f


def test_expression_files_refuse_dont_cares():
    f = BooleanFunction.from_array([0, 1, -1, 1])
    with pytest.raises(BoolnetError, match="don't-cares"):
        format_expr_file(f)
