"""JSON round trips: integers stay integers, floats come back bit for bit."""
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet.nn import SCHEMA, Layer, Network, dumps, from_dict, load, loads, save, to_dict
from nets import random_threshold_net


def random_float_net(seed):
    rng = np.random.default_rng(seed)
    net = random_threshold_net(seed, weight=5, varied=False)
    for layer in net.layers:
        layer.W = rng.normal(size=layer.W.shape) * 10.0 ** rng.integers(-300, 300)
        layer.b = rng.normal(size=layer.b.shape)
        layer.activation = str(rng.choice(["sigmoid", "tanh", "relu", "linear", "softmax"]))
        layer.gain = float(rng.uniform(0.5, 3))
    return net


def same(a: Network, b: Network):
    assert (a.n_inputs, a.encoding, a.meta, repr(a)) == (b.n_inputs, b.encoding, b.meta, repr(b))
    for x, y in zip(a.layers, b.layers):
        assert x.W.dtype.kind == y.W.dtype.kind and x.b.dtype.kind == y.b.dtype.kind
        assert np.array_equal(x.W, y.W) and np.array_equal(x.b, y.b)
        assert (x.activation, x.sources, x.gain) == (y.activation, y.sources, y.gain)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.booleans(),
       st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)), max_size=3))
def test_json_round_trip(seed, floats, meta):
    net = random_float_net(seed) if floats else random_threshold_net(seed, weight=5, varied=False)
    net.meta = meta
    back = loads(dumps(net))
    same(net, back)
    if not floats:
        text = json.loads(dumps(net))
        assert all(type(v) is int for layer in text["layers"] for row in layer["weights"] for v in row)


def test_save_and_load_a_file(tmp_path):
    net = Network(2, [Layer([[1, 1]], [-2], "step")], encoding="01", meta={"names": ["a", "b"]})
    path = tmp_path / "and.json"
    save(net, path)
    assert json.loads(path.read_text())["schema"] == SCHEMA
    same(net, load(path))
    assert [p.name for p in tmp_path.iterdir()] == ["and.json"]  # no temporary file left


def test_bad_files_are_refused_with_a_reason(tmp_path):
    d = to_dict(Network(2, [Layer([[1, 1]], [-2], "step")]))
    with pytest.raises(ValueError, match="schema"):
        from_dict({**d, "schema": "other/9"})
    with pytest.raises(ValueError, match="missing the key 'bias'"):
        bad = json.loads(json.dumps(d))
        del bad["layers"][0]["bias"]
        from_dict(bad)
    with pytest.raises(ValueError, match="columns"):
        bad = json.loads(json.dumps(d))
        bad["layers"][0]["weights"] = [[1, 1, 1]]
        from_dict(bad)
    p = tmp_path / "broken.json"
    p.write_text("{\n  nope")
    with pytest.raises(ValueError, match=r"broken\.json:2"):
        load(p)


def test_repr_shows_the_architecture():
    net = Network(4, [Layer(np.zeros((3, 4), int), None, "step"),
                      Layer(np.zeros((3, 7), int), None, "step", [0, 1]),
                      Layer(np.zeros((1, 3), int), None, "step")])
    assert repr(net) == "Network(4 -> 3 step -> 3 step [skip] -> 1 step)"
    assert "reading [inputs, layer 0]" in net.describe()


def test_wrong_widths_are_refused():
    with pytest.raises(ValueError, match="columns"):
        Network(3, [Layer(np.zeros((2, 2)), None, "tanh")])
    with pytest.raises(ValueError, match="reads signal 2"):
        Network(3, [Layer(np.zeros((2, 3)), None, "tanh", [2])])
    with pytest.raises(ValueError, match="unknown activation"):
        Layer(np.zeros((1, 1)), None, "swish")
