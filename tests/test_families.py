"""The function families agree with their definitions computed independently."""
import itertools

import pytest

from boolnet import BoolnetError, families


def rows(n):
    return list(itertools.product([0, 1], repeat=n))


@pytest.mark.parametrize("n", range(1, 8))
def test_parity_and_majority(n):
    p, maj = families.parity(n), families.majority(n)
    for r, bits in enumerate(rows(n)):
        assert p.evaluate([r])[0, 0] == sum(bits) % 2
        assert maj.evaluate([r])[0, 0] == int(2 * sum(bits) > n)


def test_threshold():
    f = families.threshold([2, -1, 1], 1)
    for r, (a, b, c) in enumerate(rows(3)):
        assert f.evaluate([r])[0, 0] == int(2 * a - b + c >= 1)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_arithmetic(k):
    add, cmp_, mul = families.adder(k), families.comparator(k), families.multiplier(k)
    assert add.input_names[0] == f"a{k - 1}" and add.m == k + 1 and mul.m == 2 * k
    for r in range(1 << (2 * k)):
        a, b = r >> k, r & ((1 << k) - 1)
        s = int("".join(map(str, add.evaluate([r])[0])), 2)
        p = int("".join(map(str, mul.evaluate([r])[0])), 2)
        assert s == a + b and p == a * b
        assert cmp_.evaluate([r])[0].tolist() == [int(a < b), int(a == b), int(a > b)]


def test_by_name():
    assert families.by_name("parity:5").equivalent(families.parity(5))
    assert families.by_name("symmetric:0,1,1").value_vector() == (0, 1, 1)
    assert families.by_name("threshold:1,1:2").minterms().tolist() == [3]
    with pytest.raises(BoolnetError, match="expected NAME:N"):
        families.by_name("frobnicate:3")
    with pytest.raises(BoolnetError, match="family 'parity:x'"):
        families.by_name("parity:x")


@pytest.mark.parametrize("k", range(1, 7))
@pytest.mark.parametrize("family", ["adder", "comparator", "multiplier"])
def test_the_attached_circuit_computes_the_table(family, k):
    import numpy as np
    f = getattr(families, family)(k)
    g = f.structure
    assert g is not None and g.n == f.n and len(g.outputs) == f.m
    assert np.array_equal(g.simulate(), f.on_words)


def test_the_circuits_are_the_textbook_ones():
    # A ripple adder: 3 ANDs for the half adder, 8 per full adder (XOR 3 + 3, MAJ 2 more
    # beside the XOR's gates); a multiplier has k^2 partial products.
    assert families.adder(1).structure.num_ands == 3
    assert families.adder(4).structure.num_ands == 3 + 3 * 8
    assert families.multiplier(1).structure.num_ands == 1
    assert families.multiplier(4).structure.num_ands < 100


def test_the_structure_rides_along_but_is_not_the_table():
    f = families.adder(2)
    plain = f.with_structure(None)
    assert plain.structure is None and plain == f and hash(plain) == hash(f)
    assert f.with_names(input_names=list("abcd")).structure is f.structure
    assert f.complement().structure is None            # a new table drops it
    with pytest.raises(BoolnetError, match="structure"):
        families.adder(3).with_structure(f.structure)  # 4 inputs for a 6-input table
