"""ONNX export: one Gemm per layer, thresholds as GreaterOrEqual, skip connections as Concat.

The model has one input ``x`` (batch, n) float32 in the network's encoding and one output
``y`` (batch, m) float32, and computes what ``Network.forward`` computes. Opset 17 with
IR version 8 (the pair onnx 1.12 introduced) is old enough for every onnxruntime since
1.12 to load, and new enough for the modern Softmax (one axis, not a flattened 2-D view).
"""
from __future__ import annotations

import json

import numpy as np

from ..errors import BoolnetError
from .names import resolve_names

__all__ = ["to_onnx", "onnx_bytes", "OPSET", "IR_VERSION", "precision_for"]

OPSET = 17
IR_VERSION = 8
_EXACT_FLOAT32 = 2 ** 24  # integers up to here are exact in float32

_SOFT = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "Relu"}


def _onnx():
    try:
        import onnx  # noqa: F401
        from onnx import helper, numpy_helper
    except ImportError:
        raise BoolnetError("the onnx package is needed for ONNX export: "
                           "pip install 'boolnet[onnx]'") from None
    return onnx, helper, numpy_helper


def precision_for(net) -> str:
    """'float32', or 'float64' where float32 could flip a threshold decision (-> str).

    Integer threshold networks are exact in float32 while every weighted sum stays below
    2^24; a threshold on float weights can sit within float32 rounding of zero.

    >>> from boolnet.nn import Layer, Network
    >>> precision_for(Network(2, [Layer([[1, 1]], [-2])]))
    'float32'
    >>> precision_for(Network(2, [Layer([[0.5, 0.25]], [-0.6])]))
    'float64'
    """
    for layer in net.layers:
        if layer.activation not in ("step", "sign"):
            continue
        if not layer.is_integer:
            return "float64"
        bound = np.abs(layer.W).sum(axis=1) + np.abs(layer.b)
        if bound.size and bound.max() * max(1.0, abs(layer.gain)) >= _EXACT_FLOAT32:
            return "float64"
    return "float32"


def to_onnx(net, names=None, precision: str | None = None):
    """The network as an ``onnx.ModelProto`` checked with ``full_check`` (-> ModelProto).

    ``precision`` None picks ``precision_for(net)``; 'float64' computes in double inside the
    model (input and output stay float32).
    """
    onnx, helper, numpy_helper = _onnx()
    TP = onnx.TensorProto
    precision = precision or precision_for(net)
    if precision not in ("float32", "float64"):
        raise BoolnetError(f"precision must be float32 or float64, got {precision!r}")
    dt = np.float32 if precision == "float32" else np.float64
    elem = TP.FLOAT if dt is np.float32 else TP.DOUBLE
    in_names, out_names = resolve_names(net, names)
    nodes, inits = [], []

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dt), name))
        return name

    signal = ["x"]
    if dt is not np.float32:
        nodes.append(helper.make_node("Cast", ["x"], ["x64"], to=elem))
        signal = ["x64"]
    zero, one, minus = None, None, None
    concats: dict[tuple[int, ...], str] = {}
    last = len(net.layers) - 1
    for i, layer in enumerate(net.layers):
        k = i + 1
        key = tuple(layer.sources)
        if len(key) == 1:
            xin = signal[key[0]]
        elif key in concats:
            xin = concats[key]  # several layers reading the same signals share one Concat
        else:
            xin = concats[key] = f"cat{k}"
            nodes.append(helper.make_node("Concat", [signal[s] for s in key], [xin], axis=1))
        out = "y" if i == last and dt is np.float32 else f"a{k}"
        z = f"z{k}"
        act = layer.activation
        nodes.append(helper.make_node("Gemm", [xin, const(f"W{k}", layer.W), const(f"b{k}", layer.b)],
                                      [out if act == "linear" and layer.gain == 1 else z], transB=1))
        if layer.gain != 1:
            nodes.append(helper.make_node("Mul", [z, const(f"gain{k}", layer.gain)],
                                          [out if act == "linear" else f"g{k}"]))
            z = f"g{k}"
        if act in ("step", "sign"):
            zero = zero or const("zero", 0.0)
            nodes.append(helper.make_node("GreaterOrEqual", [z, zero], [f"fire{k}"]))
            if act == "step":
                nodes.append(helper.make_node("Cast", [f"fire{k}"], [out], to=elem))
            else:
                one = one or const("one", 1.0)
                minus = minus or const("minus_one", -1.0)
                nodes.append(helper.make_node("Where", [f"fire{k}", one, minus], [out]))
        elif act == "softmax":
            nodes.append(helper.make_node("Softmax", [z], [out], axis=1))
        elif act in _SOFT:
            nodes.append(helper.make_node(_SOFT[act], [z], [out]))
        elif act != "linear":
            raise BoolnetError(f"layer {i}: no ONNX operator for activation {act!r}")
        signal.append(out)
    if dt is not np.float32:
        nodes.append(helper.make_node("Cast", [signal[-1]], ["y"], to=TP.FLOAT))
    x = helper.make_tensor_value_info("x", TP.FLOAT, ["batch", net.n_inputs])
    y = helper.make_tensor_value_info("y", TP.FLOAT, ["batch", net.n_outputs])
    x.doc_string = "columns: " + ", ".join(in_names)
    y.doc_string = "columns: " + ", ".join(out_names)
    graph = helper.make_graph(nodes, str(net.meta.get("name", "boolnet")), [x], [y], inits)
    model = helper.make_model(graph, producer_name="boolnet", ir_version=IR_VERSION,
                              opset_imports=[helper.make_opsetid("", OPSET)])
    from .. import __version__
    model.producer_version = __version__
    model.doc_string = repr(net)
    helper.set_model_props(model, {
        "input_names": json.dumps(in_names), "output_names": json.dumps(out_names),
        "encoding": net.encoding or "01", "precision": precision})
    onnx.checker.check_model(model, full_check=True)
    return model


def onnx_bytes(net, names=None, precision: str | None = None) -> bytes:
    """The serialised ONNX model (-> bytes)."""
    return to_onnx(net, names, precision).SerializeToString()
