"""ONNX export: onnxruntime and onnx's reference evaluator agree with Network.forward."""
import json
import sys

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
from onnx.reference import ReferenceEvaluator  # noqa: E402

from boolnet.errors import BoolnetError  # noqa: E402
from boolnet.export.onnx import IR_VERSION, OPSET, onnx_bytes, precision_for, to_onnx  # noqa: E402
from boolnet.nn import Layer, Network  # noqa: E402
from nets import (deep_parity, float_net, inputs, random_threshold_net,  # noqa: E402
                         wide_parity, xor_net, xor_pm1)


def run_both(model, X):
    X = np.asarray(X, np.float32)
    sess = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    y_rt = sess.run(["y"], {"x": X})[0]
    y_ref = ReferenceEvaluator(model).run(["y"], {"x": X})[0]
    return y_rt, y_ref


def exact_nets():
    yield "xor", xor_net()
    yield "xor_pm1", xor_pm1()
    for n in (3, 6, 10):
        yield f"wide{n}", wide_parity(n)
    for n in (2, 5, 7, 12):
        yield f"deep{n}", deep_parity(n)
    for seed in range(25):
        yield f"random{seed}", random_threshold_net(seed)
    yield "random_n12", random_threshold_net(7, max_inputs=12)


@pytest.mark.parametrize("net", [pytest.param(net, id=name) for name, net in exact_nets()])
def test_threshold_networks_exact_on_every_input(net):
    model = to_onnx(net)
    assert model.ir_version == IR_VERSION and model.opset_import[0].version == OPSET
    X = inputs(net)
    want = net.forward(X)
    y_rt, y_ref = run_both(model, X)
    assert y_rt.dtype == np.float32 and y_rt.shape == want.shape
    np.testing.assert_array_equal(y_rt, want)
    np.testing.assert_array_equal(y_ref, want)


def test_model_interface_and_metadata():
    net = xor_net()
    model = to_onnx(net)
    onnx.checker.check_model(model, full_check=True)
    (x,), (y,) = model.graph.input, model.graph.output
    assert x.name == "x" and y.name == "y"
    assert x.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert [d.dim_param or d.dim_value for d in x.type.tensor_type.shape.dim] == ["batch", 2]
    assert [d.dim_param or d.dim_value for d in y.type.tensor_type.shape.dim] == ["batch", 1]
    props = {p.key: p.value for p in model.metadata_props}
    assert json.loads(props["input_names"]) == ["a", "b"]
    assert json.loads(props["output_names"]) == ["xor"]
    assert props["encoding"] == "01"
    ops = [n.op_type for n in model.graph.node]
    assert ops.count("Gemm") == 2 and "GreaterOrEqual" in ops and "Cast" in ops
    named = to_onnx(net, names=(["p", "q"], ["r"]))
    assert json.loads({p.key: p.value for p in named.metadata_props}["input_names"]) == ["p", "q"]


def test_skip_connections_use_concat_and_sign_uses_where():
    ops = [n.op_type for n in to_onnx(deep_parity(5)).graph.node]
    assert "Concat" in ops
    assert "Where" in [n.op_type for n in to_onnx(xor_pm1()).graph.node]


def test_float_network_on_a_batch():
    net = float_net()
    X = np.random.default_rng(1).normal(size=(64, 5))
    want = net.forward(X)
    y_rt, y_ref = run_both(to_onnx(net), X)
    np.testing.assert_allclose(y_rt, want, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(y_ref, want, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(y_rt.sum(axis=1), 1, atol=1e-5)  # softmax rows


def test_trained_network_matches():
    from boolnet.nn import fit
    X = inputs(xor_net()).astype(float)
    Y = (X.sum(axis=1) % 2)[:, None]
    net = Network.mlp([2, 4, 1], hidden="tanh", output="sigmoid", seed=3)
    fit(net, X, Y, lr=0.1, epochs=400, progress=False)
    y_rt, y_ref = run_both(to_onnx(net), X)
    np.testing.assert_allclose(y_rt, net.forward(X), atol=1e-5)
    np.testing.assert_allclose(y_ref, net.forward(X), atol=1e-5)


def test_precision_guards_threshold_decisions():
    # A float step unit whose sum lands within float32 rounding of 0 must not flip: its
    # weights need 30 bits, so the model computes in float64, where they are exact.
    net = Network(2, [Layer([[0.1, 0.2]], [-0.30000000000000004], "step")])
    net.layers[0].W[...] = np.round(net.layers[0].W * 2 ** 30) / 2 ** 30
    net.layers[0].b[...] = -net.layers[0].W.sum()
    X = inputs(net)
    assert precision_for(net) == "float64"
    y_rt, y_ref = run_both(to_onnx(net), X)
    np.testing.assert_array_equal(y_rt, net.forward(X))
    assert y_rt[-1, 0] == 1  # the tie: w1 + w2 + b = 0 exactly
    # Integer sums past 2^24 are not exact in float32 either.
    big = Network(2, [Layer([[2 ** 25, 1]], [-(2 ** 25) - 1])])
    assert precision_for(big) == "float64"
    X = inputs(big)
    y_rt, _ = run_both(to_onnx(big), X)
    np.testing.assert_array_equal(y_rt, big.forward(X))


def test_threshold_sums_float64_cannot_hold_are_refused():
    # 0.1 + 0.2 - 0.30000000000000004 is -2.8e-17 exactly but 0.0 in float64: forward
    # decides on the exact sum (0), and ONNX, which cannot, refuses unless told.
    net = Network(2, [Layer([[0.1, 0.2]], [-0.30000000000000004], "step")])
    assert net.forward(np.array([[1.0, 1.0]]))[0, 0] == 0
    with pytest.raises(BoolnetError, match="layer 0: its threshold sums need"):
        to_onnx(net)
    model = to_onnx(net, exact=False)
    assert {p.key: p.value for p in model.metadata_props}["exact"] == "false"
    big = Network(2, [Layer([[2 ** 60, 1]], [-(2 ** 60) - 1])])
    assert big.forward(inputs(big)).ravel().tolist() == [0, 0, 0, 1]
    with pytest.raises(BoolnetError, match="bits to be exact"):
        to_onnx(big)


def test_gain_is_left_out_of_threshold_units():
    net = Network(2, [Layer([[1, 1]], [-2], "step", gain=0.5), Layer([[3]], [-1], "tanh", gain=2.0)])
    ops = [n.op_type for n in to_onnx(net).graph.node]
    assert ops.count("Mul") == 1  # the tanh layer's gain only
    y_rt, _ = run_both(to_onnx(net), inputs(net))
    np.testing.assert_allclose(y_rt, net.forward(inputs(net)), atol=1e-6)


def compiled_cases():
    """Networks from boolnet.compile, for every encoding and architecture that builds here."""
    import boolnet
    from boolnet import families
    specs = [(families.parity(6), dict(arch="deep")),
             (families.parity(5), dict(arch="wide", minimize="none")),
             (families.parity(4), dict(arch="deep", encoding="pm1")),
             (families.majority(5), dict(arch="symmetric")), (families.adder(2), dict(arch="auto"))]
    for f, kw in specs:
        try:
            yield f, boolnet.compile(f, **kw)
        except ImportError:  # a compiler that needs a part not written yet
            continue


def test_compiled_networks():
    cases = list(compiled_cases())
    if not cases:
        pytest.skip("no compiler could build a network here")
    for f, net in cases:
        X = inputs(net)
        y_rt, y_ref = run_both(to_onnx(net, names=f), X)
        np.testing.assert_array_equal(y_rt, net.forward(X))
        np.testing.assert_array_equal(y_ref, net.forward(X))


def test_missing_onnx_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(BoolnetError, match=r"pip install 'boolnet\[onnx\]'"):
        onnx_bytes(xor_net())
