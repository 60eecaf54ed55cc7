"""Outputs from any layer: a network may list which units are its outputs."""
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet import families
from boolnet.costs import cost
from boolnet.errors import ParseError
from boolnet.nn import Layer, Network
from boolnet.nn.serialize import from_dict, to_dict
from boolnet.synth.tnet import ThresholdNetwork


def comparator_net() -> Network:
    """lt, gt over 2 x 1-bit operands (a, b), and eq = [-lt - gt >= 0] over them."""
    hidden = Layer([[-1, 1], [1, -1]], [-1, -1])  # lt = ~a & b, gt = a & ~b
    eq = Layer([[-1, -1]], [0], sources=[1])
    return Network(2, [hidden, eq], encoding="01", outputs=[(1, 0), (2, 0), (1, 1)])


def test_outputs_are_read_where_they_are():
    net = comparator_net()
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert net.forward(X).tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
    c = cost(net)
    assert (c.neurons, c.outputs, c.hidden, c.depth) == (3, 3, 0, 2)


def test_the_last_layer_in_order_is_spelled_none():
    net = Network(2, [Layer([[1, 1], [1, -1]], [-2, 0])], outputs=[(1, 0), (1, 1)])
    assert net.outputs is None and net.n_outputs == 2


@pytest.mark.parametrize("outputs, match", [
    ([(0, 0)], "no unit"),                 # an input is not a unit
    ([(1, 5), (2, 0)], "no unit"),         # no such column
    ([(1, 0)], "dead"),                    # the last layer would be dead
    ([], "no unit"),
])
def test_refuses_outputs_that_are_not_units(outputs, match):
    layers = [Layer([[1, 1]], [-1]), Layer([[1]], [-1])]
    with pytest.raises(ValueError, match=match):
        Network(2, layers, outputs=outputs)


def test_refuses_outputs_of_two_rules():
    layers = [Layer([[1, 1]], [-1], "sign"), Layer([[1]], [0], "step")]
    with pytest.raises(ValueError, match="sign unit"):
        Network(2, layers, outputs=[(1, 0), (2, 0)])


def test_a_file_keeps_its_outputs_and_refuses_bad_ones():
    net = comparator_net()
    d = json.loads(json.dumps(to_dict(net)))
    back = from_dict(d)
    assert back.outputs == net.outputs
    d["outputs"] = [[0, 1]]
    with pytest.raises(ParseError, match="outputs"):
        from_dict(d)
    d["outputs"] = "all"
    with pytest.raises(ParseError, match="outputs"):
        from_dict(d)


def test_training_refuses_outputs_off_the_last_layer():
    from boolnet.nn.train import fit
    with pytest.raises(ValueError, match="last layer"):
        fit(comparator_net(), np.zeros((4, 2)), np.zeros((4, 3)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=1, max_size=4),
       st.integers(0, 2 ** 16 - 1))
def test_a_levelised_dag_spends_no_unit_on_outputs_it_already_has(roots, seed):
    """Outputs of units are read in place; the network has exactly the units of the outputs' cones
    (negations replace or join their unit, inputs get a buffer) and computes every output."""
    rng = np.random.default_rng(seed)
    t = ThresholdNetwork(3)
    sigs = list(range(3))
    for _ in range(3):
        src = sorted(rng.choice(len(sigs), size=2, replace=False))
        sigs.append(t.add_unit([sigs[i] for i in src], rng.integers(-2, 3, 2).tolist(),
                               int(rng.integers(-2, 2))))
    for s, neg in roots:
        t.add_output(sigs[s], neg)
    net = t.to_network()
    X = np.array([[(r >> (2 - j)) & 1 for j in range(3)] for r in range(8)])
    assert np.array_equal(net.forward(X), t.evaluate(X))
    assert cost(net).neurons == t.size() == len(t.cone(t.output_signals()))


def test_comparator_family_is_three_units():
    from boolnet.compiler import compile as compile_
    net = compile_(families.comparator(3))
    assert cost(net).neurons == 3
