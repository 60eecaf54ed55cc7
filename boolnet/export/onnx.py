"""ONNX export: one Gemm per layer, thresholds as GreaterOrEqual, skip connections as Concat.

The model has one input ``x`` (batch, n) float32 in the network's encoding and one output
``y`` (batch, m) float32, and computes what ``Network.forward`` computes. Opset 17 with
IR version 8 (the pair onnx 1.12 introduced) is old enough for every onnxruntime since
1.12 to load, and new enough for the modern Softmax (one axis, not a flattened 2-D view).

Threshold units must decide exactly as ``Network.forward`` does (on the exact sum), and
ONNX Runtime sums in its own order, with FMA: a threshold layer fed by exact signals
(inputs, step and sign units) is written in float32 when every partial sum is exact there
(``exact_bits`` <= 24), in float64 when it is exact there (<= 53), and refused beyond
(e.g. float weights such as 0.1, 0.2 and 0.3 side by side, or integer sums past 2^53)
unless ``exact=False`` asks for it anyway (the model's ``exact`` property then says
"false": a sum within float64 rounding of 0 may decide the other way).
Soft units (sigmoid, tanh, relu, linear, softmax) and threshold units fed by them agree
with the NumPy pass to rounding only. A gain on a threshold unit (always > 0) is left
out: it does not change the decision.
"""
from __future__ import annotations

import json

import numpy as np

from ..errors import BoolnetError
from ..nn.network import THRESHOLD, exact_bits
from .names import resolve_names

__all__ = ["to_onnx", "onnx_bytes", "OPSET", "IR_VERSION", "precision_for"]

OPSET = 17
IR_VERSION = 8

_SOFT = {"sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "Relu"}


def _onnx():
    try:
        import onnx  # noqa: F401
        from onnx import helper, numpy_helper
    except ImportError:
        raise BoolnetError("the onnx package is needed for ONNX export: "
                           "pip install 'boolnet[onnx]'") from None
    return onnx, helper, numpy_helper


def _inexact_layer(net) -> tuple[int, int] | None:
    """(layer, bits) of the first threshold layer fed by exact signals that float64 cannot sum exactly."""
    for i, layer in enumerate(net.layers):
        if layer.activation in THRESHOLD and _exact_fed(net, layer):
            bits = exact_bits(layer.W, layer.b)
            if bits > 53:
                return i, bits
    return None


def _exact_fed(net, layer) -> bool:
    return all(s == 0 or net.layers[s - 1].activation in THRESHOLD for s in layer.sources)


def precision_for(net) -> str:
    """'float32', or 'float64' where float32 could flip a threshold decision (-> str).

    A threshold layer is exact in float32 while its weights and every partial sum fit
    24 mantissa bits (integer sums below 2^24, or float weights on a coarse enough grid);
    a threshold on other float weights can sit within float32 rounding of zero.

    >>> from boolnet.nn import Layer, Network
    >>> precision_for(Network(2, [Layer([[1, 1]], [-2])]))
    'float32'
    >>> precision_for(Network(2, [Layer([[0.5, 0.25]], [-0.625])]))
    'float32'
    >>> precision_for(Network(2, [Layer([[0.5, 0.25]], [-0.6])]))
    'float64'
    """
    for layer in net.layers:
        if layer.activation not in THRESHOLD:
            continue
        if not _exact_fed(net, layer):
            return "float64"  # soft signals: as close to the NumPy pass as ONNX can get
        if exact_bits(layer.W, layer.b) > 24:
            return "float64"
        for a in (layer.W, layer.b):  # (tiny or huge floats leave float32's exponent range)
            if not layer.is_integer and not np.array_equal(a.astype(np.float32), a):
                return "float64"
    return "float32"


def to_onnx(net, names=None, precision: str | None = None, *, exact: bool = True):
    """The network as an ``onnx.ModelProto`` checked with ``full_check`` (-> ModelProto).

    ``precision`` None picks ``precision_for(net)``; 'float64' computes in double inside the
    model (input and output stay float32). ``exact`` refuses threshold layers whose sums
    float64 cannot compute exactly (see the module docstring); False writes them anyway.
    """
    onnx, helper, numpy_helper = _onnx()
    TP = onnx.TensorProto
    precision = precision or precision_for(net)
    if precision not in ("float32", "float64"):
        raise BoolnetError(f"precision must be float32 or float64, got {precision!r}")
    bad = _inexact_layer(net)
    if bad is not None and exact:
        i, bits = bad
        raise BoolnetError(f"layer {i}: its threshold sums need {bits} bits to be exact and ONNX "
                           f"computes in at most float64 (53), so a sum near 0 could round to the "
                           f"other side; round the weights onto a coarser grid (e.g. "
                           f"np.round(W * 2**20) / 2**20) or use integer weights; "
                           f"to_onnx(..., exact=False) writes it anyway")
    if precision == "float32" and precision_for(net) == "float64":
        raise BoolnetError("float32 could flip a threshold decision of this network; "
                           "use precision='float64' (or leave it unset)")
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
    # The last layer writes y itself only when the outputs are its units, in order.
    last = len(net.layers) - 1 if net.taps_last_layer else -1
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
        gain = 1.0 if act in THRESHOLD else layer.gain  # (> 0 on a threshold: no effect)
        nodes.append(helper.make_node("Gemm", [xin, const(f"W{k}", layer.W), const(f"b{k}", layer.b)],
                                      [out if act == "linear" and gain == 1 else z], transB=1))
        if gain != 1:
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
    if not net.taps_last_layer:  # outputs from any layer: gather their columns
        cols = []
        for j, (sig, c) in enumerate(net.output_taps):
            cols.append(f"out{j + 1}")
            # an index tensor [c] (not a scalar) keeps the axis: shape (batch, 1)
            inits.append(numpy_helper.from_array(np.array([c], np.int64), f"col{j + 1}"))
            nodes.append(helper.make_node("Gather", [signal[sig], f"col{j + 1}"], [cols[-1]], axis=1))
        nodes.append(helper.make_node("Concat", cols, ["ycat"], axis=1))
        nodes.append(helper.make_node("Cast", ["ycat"], ["y"], to=TP.FLOAT))
    elif dt is not np.float32:
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
        "encoding": net.encoding or "01", "precision": precision,
        "exact": "false" if bad is not None else "true"})
    onnx.checker.check_model(model, full_check=True)
    return model


def onnx_bytes(net, names=None, precision: str | None = None, *, exact: bool = True) -> bytes:
    """The serialised ONNX model (-> bytes)."""
    return to_onnx(net, names, precision, exact=exact).SerializeToString()
