"""BooleanFunction: constructors, operations and laws."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet import BoolnetError, BooleanFunction, TooLargeError, families
from boolnet.bits import pack, unpack
from strategies import functions


def brute_table(n, fn):
    return [fn(*[(r >> (n - 1 - i)) & 1 for i in range(n)]) for r in range(1 << n)]


def test_bit_order_first_input_is_most_significant():
    f = BooleanFunction.from_expr("x1 & ~x2 & x3")
    assert f.minterms().tolist() == [5]
    assert f(1, 0, 1) == 1 and f(0, 1, 1) == 0


@given(st.integers(0, 300).flatmap(lambda k: st.lists(st.booleans(), min_size=k, max_size=k)))
def test_pack_unpack_round_trip(bits):
    b = np.array(bits, dtype=bool)
    assert unpack(pack(b), len(b)).tolist() == bits


@given(functions())
def test_array_round_trip(f):
    assert BooleanFunction.from_array(f.to_array()) == f


@given(functions(dc=True))
def test_minterms_round_trip(f):
    g = BooleanFunction.from_minterms(f.n, [f.minterms(j) for j in range(f.m)],
                                      [f.dontcares(j) for j in range(f.m)])
    assert g.equivalent(f)


@given(functions(max_m=1, dc=False, max_n=8))
def test_hex_round_trip(f):
    assert BooleanFunction.from_hex(f.to_hex(), n=f.n).equivalent(f)


def test_hex_convention():
    f = BooleanFunction.from_hex("0x6996")
    assert f.n == 4 and f.equivalent(families.parity(4))
    assert BooleanFunction.from_hex("0x8").minterms().tolist() == [3]
    with pytest.raises(BoolnetError, match="not a power of two"):
        BooleanFunction.from_hex("0x123")
    with pytest.raises(BoolnetError, match="hex digits"):
        BooleanFunction.from_hex("0xgg")


@given(functions())
def test_complement_is_an_involution_and_swaps_on_off(f):
    g = ~f
    assert (~g) == f
    assert (g.on_count() == f.off_count()).all() and (g.dc_count() == f.dc_count()).all()


@given(functions(min_n=1), st.data())
def test_cofactor_agrees_with_evaluation(f, data):
    i = data.draw(st.integers(0, f.n - 1))
    v = data.draw(st.integers(0, 1))
    g = f.cofactor(i, v)
    rows = np.arange(g.rows)
    # Insert bit v at position i (counted from the most significant end).
    low = f.n - 1 - i
    full = ((rows >> low) << (low + 1)) | (v << low) | (rows & ((1 << low) - 1))
    assert (g.evaluate(rows) == f.evaluate(full)).all()
    assert g.input_names == f.input_names[:i] + f.input_names[i + 1:]


@given(functions(min_n=1, dc=False))
def test_support_matches_cofactors(f):
    sup = set(f.support())
    for i in range(f.n):
        depends = not f.cofactor(i, 0).equivalent(f.cofactor(i, 1))
        assert depends == (i in sup)


def test_restrict_by_name():
    f = BooleanFunction.from_expr("a & b | c")
    assert f.restrict({"c": 0}).equivalent(BooleanFunction.from_expr("a & b"))
    assert f.restrict({"a": 1, "c": 0}).minterms().tolist() == [1]
    with pytest.raises(BoolnetError, match="no input named 'z'"):
        f.restrict({"z": 1})


@given(st.lists(st.sampled_from([0, 1, -1]), min_size=1, max_size=9))
def test_symmetric_value_vector_round_trip(values):
    f = families.symmetric(values)
    assert f.value_vector() == tuple(values)


def test_symmetric_test_rejects_asymmetric():
    f = BooleanFunction.from_expr("a & ~b")
    assert f.value_vector() is None and not f.is_symmetric()
    # A don't-care can make a function symmetric: a&~b with row (0,1) free.
    g = BooleanFunction.from_array([0, -1, 1, 0])
    assert g.value_vector() == (0, 1, 0)


def test_from_callable_scalar_and_vectorized_agree():
    f = BooleanFunction.from_callable(lambda a, b, c: (a and b) or c, 3)
    g = BooleanFunction.from_callable(lambda a, b, c: (a & b) | c, 3, vectorized=True)
    assert f.equivalent(g)
    assert f.to_array().ravel().tolist() == brute_table(3, lambda a, b, c: int((a and b) or c))
    h = BooleanFunction.from_callable(lambda a, b: (a ^ b, None if a else 0), 2)
    assert h.m == 2 and h.dc_count().tolist() == [0, 2]


def test_evaluate_vectors_and_rows_agree():
    f = families.adder(2)
    rows = np.arange(16)
    vecs = (rows[:, None] >> np.arange(3, -1, -1)) & 1
    assert (f.evaluate(rows) == f.evaluate(vecs)).all()


def test_mismatch_finds_first_care_difference():
    f = BooleanFunction.from_array([0, 1, -1, 1])
    g = BooleanFunction.from_array([0, 1, 1, 0])
    assert f.mismatch(g) == (3, 0)
    assert f.matches(BooleanFunction.from_array([0, 1, 0, 1]))


def test_names_validated():
    with pytest.raises(BoolnetError, match="distinct"):
        BooleanFunction.from_minterms(2, [1], input_names=["a", "a"])
    with pytest.raises(BoolnetError, match="2 input names given for 3"):
        BooleanFunction.from_minterms(3, [1], input_names=["a", "b"])


def test_bad_minterms():
    with pytest.raises(BoolnetError, match="out of range"):
        BooleanFunction.from_minterms(2, [4])
    with pytest.raises(BoolnetError, match="both as a minterm and as a don't-care"):
        BooleanFunction.from_minterms(2, [1], [1])


def test_bad_array_values():
    with pytest.raises(BoolnetError, match="row 2, output 0: value 3"):
        BooleanFunction.from_array([0, 1, 3, 0])
    with pytest.raises(BoolnetError, match="2\\^n rows"):
        BooleanFunction.from_array([0, 1, 0])


def test_dense_guard_refuses_before_allocating():
    with pytest.raises(TooLargeError, match=r"40 inputs .* about 2\.0 TiB"):
        families.parity(40)
    with pytest.raises(TooLargeError):
        BooleanFunction.from_minterms(40, [1])


def test_immutable():
    f = families.parity(3)
    with pytest.raises(ValueError):
        f.on_words[0, 0] = 0


def test_format_table_marks_dont_cares():
    text = BooleanFunction.from_array([0, -1], input_names=["a"]).format_table()
    assert text.splitlines()[-1].endswith("| -")
