"""Hostile network files (issue 12): each is refused in one line with exit 2, or handled.

Every case is a reproducer from the issue: a gain that verify ignored, names that
injected code into exports, int64 overflow in ``run``, JSON shapes that raised
tracebacks, files that asked for gigabytes, and drawings or exports that never finished.
"""
import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from boolnet.cli import main
from boolnet.errors import BoolnetError
from boolnet.nn import Layer, Network, evaluate_all, loads
from boolnet.nn.serialize import from_dict

SCHEMA = "boolnet.network/1"


def net_json(layers, inputs=2, meta=None, encoding="01", **extra) -> dict:
    return {"schema": SCHEMA, "inputs": inputs, "encoding": encoding, "meta": meta or {},
            "layers": layers, **extra}


def and_layer(**kw) -> dict:
    return {"units": 1, "activation": "step", "dtype": "int", "weights": [[1, 1]], "bias": [-2], **kw}


def cli(tmp_path, args, text=None, name="net.json"):
    """Run boolnet with the file (text) written first; returns (exit code, stdout, stderr)."""
    if text is not None:
        (tmp_path / name).write_text(text if isinstance(text, str) else json.dumps(text))
    res = CliRunner().invoke(main, [a.replace("NET", str(tmp_path / name)) for a in args])
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception  # a traceback: the defect itself
    return res.exit_code, res.stdout, res.stderr


def refused(tmp_path, args, text, match: str) -> str:
    code, out, err = cli(tmp_path, args, text)
    assert code == 2, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("boolnet: error: "), err
    assert match in lines[0], lines[0]
    assert len(lines[0]) < 500
    return lines[0]


# ------------------------------------------------------------------------- 1. gain
@pytest.mark.parametrize("gain", [-1.0, 0.0, -0.5])
def test_a_threshold_gain_at_or_below_zero_is_refused(tmp_path, gain):
    # verify used to pass x1 & x2 with gain -1 while run and ONNX computed NOT(x1 & x2).
    text = net_json([and_layer(gain=gain)])
    refused(tmp_path, ["verify", "NET", "--expr", "x1 & x2"], text, "needs gain > 0")
    refused(tmp_path, ["run", "NET", "--input", "11"], text, "needs gain > 0")


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize("field", ["gain", "weights", "bias"])
def test_nan_and_infinity_are_refused(tmp_path, bad, field):
    layer = {"units": 1, "activation": "step", "dtype": "float", "weights": [[1.0, 1.0]],
             "bias": [-2.0], "gain": 1.0}
    text = json.dumps(net_json([layer]))
    value = {"gain": '"gain": 1.0', "weights": '[[1.0, 1.0]]', "bias": '[-2.0]'}[field]
    new = {"gain": f'"gain": {bad}', "weights": f'[[1.0, {bad}]]', "bias": f'[{bad}]'}[field]
    msg = refused(tmp_path, ["verify", "NET", "--expr", "x1 & x2"], text.replace(value, new), "")
    assert "NaN" in msg or "range" in msg


def test_a_positive_gain_on_threshold_units_changes_nothing(tmp_path):
    text = net_json([and_layer(gain=0.25)])
    code, out, _ = cli(tmp_path, ["verify", "NET", "--expr", "x1 & x2"], text)
    assert code == 0, out
    code, out, _ = cli(tmp_path, ["run", "NET", "--input", "11", "--input", "10"])
    assert out.split() == ["11", "->", "1", "10", "->", "0"]


def test_a_layer_changed_after_construction_is_checked_again():
    net = Network(2, [Layer([[1, 1]], [-2])])
    net.layers[0].gain = -1.0
    with pytest.raises(BoolnetError, match="gain > 0"):
        net.copy()


# ---------------------------------------------------------------------- 2. names
INJECTIONS = ["a\nmodule evil(); endmodule //", "a\r", "a b", "a\tb", "o0 x\ni9", "", "a\u2028b",
              "a\x1b[31m", "x" * 300, 7]


@pytest.mark.parametrize("name", INJECTIONS)
@pytest.mark.parametrize("fmt", ["v", "blif", "aag", "dot", "onnx", "json"])
def test_names_that_could_break_out_are_refused(tmp_path, name, fmt):
    text = net_json([and_layer()], meta={"input_names": [name, "b"], "output_names": ["f"]})
    refused(tmp_path, ["export", "NET", "-o", str(tmp_path / f"out.{fmt}")], text, "input name")
    assert not (tmp_path / f"out.{fmt}").exists()


@pytest.mark.parametrize("fmt", ["verilog", "blif", "aiger", "dot", "onnx"])
def test_names_given_to_the_exporter_are_checked_too(fmt):
    from boolnet.export import export_network
    net = Network(2, [Layer([[1, 1]], [-2])])
    with pytest.raises(BoolnetError, match="input name 2"):
        export_network(net, fmt, names=(["a", "b\nmodule evil();"], ["f"]))


@pytest.mark.parametrize("name", ["a\\", "a#b", "\\x"])
def test_backslash_and_hash_are_escaped_where_they_mean_something(tmp_path, name):
    # A trailing backslash joined .inputs and .outputs in BLIF (4 inputs, 0 outputs).
    from boolnet.export.aiger import to_aiger
    from boolnet.export.blif import parse_blif, to_blif
    from boolnet.export.dot import to_dot
    net = Network(2, [Layer([[1, 1]], [-2])], meta={"input_names": [name, "b"], "output_names": ["f#"]})
    f = parse_blif(to_blif(net))
    assert (f.n, f.m, f.minterms().tolist()) == (2, 1, [3])
    symbols = [line for line in to_aiger(net).splitlines() if line[:1] in "io" and " " in line]
    assert symbols == [f"i0 {name}", "i1 b", "o0 f#"]
    assert to_dot(net).count("->") == 3
    same = loads(json.dumps(json.loads(__import__("boolnet").nn.dumps(net))))
    assert same.meta["input_names"] == [name, "b"]


def test_pla_style_names_still_export(tmp_path):
    from boolnet.export.blif import parse_blif, to_blif
    net = Network(2, [Layer([[1, 1]], [-2])], meta={"input_names": ["d<0>", "a[1]"],
                                                     "output_names": ["y.0"]})
    f = parse_blif(to_blif(net))
    assert f.input_names == ("d<0>", "a[1]") and f.output_names == ("y.0",)
    assert f.minterms().tolist() == [3]


@pytest.mark.parametrize("meta", [{"input_names": "ab"}, {"input_names": ["a"]},
                                  {"input_names": ["a", "a"]}, {"output_names": [1]},
                                  {"name": "m\n"}, []])
def test_bad_meta_is_refused(tmp_path, meta):
    text = json.dumps(net_json([and_layer()])).replace('"meta": {}', '"meta": ' + json.dumps(meta))
    refused(tmp_path, ["run", "NET", "--input", "11"], text, "meta")


# -------------------------------------------------------------------- 3. int64 sums
def test_sums_beyond_int64_are_refused_not_wrapped(tmp_path):
    # [[2^62, 2^62]] on 11 summed to 2^63, which int64 wraps to a negative number.
    text = net_json([{"units": 1, "activation": "step", "dtype": "int",
                      "weights": [[2 ** 62, 2 ** 62]], "bias": [0]}])
    msg = refused(tmp_path, ["run", "NET", "--input", "11"], text, "int64")
    assert "2^63" in msg
    text["layers"][0]["weights"] = [[2 ** 64, 0]]
    refused(tmp_path, ["run", "NET", "--input", "11"], text, "64 bits")


def test_large_sums_below_the_bound_are_exact_everywhere():
    big = 2 ** 61 - 3  # on +-1 inputs: 3 |w| + |b| just below 2^63
    net = Network(2, [Layer([[big, 1]], [-big - 1], "sign")], encoding="pm1")
    with pytest.raises(BoolnetError, match="counted 3 times"):
        Network(2, [Layer([[2 ** 62, 1]], [0], "sign")], encoding="pm1")
    want = [[0], [0], [0], [1]]  # only +1 +1 reaches 0: big + 1 - big - 1
    X = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
    assert net.forward(X).ravel().tolist() == [-1, -1, -1, 1]  # sign units
    assert net.forward(X.astype(float)).ravel().tolist() == [-1, -1, -1, 1]
    packed, info = evaluate_all(net, dense=True)
    assert packed.tolist() == want and info["path"] == "bitslice"
    assert evaluate_all(net, path="int64", dense=True)[0].tolist() == want


# --------------------------------------------------------------- 4. malformed JSON
MALFORMED = {
    "layers an object": net_json({"0": and_layer()}),
    "layers a string": net_json("step"),
    "layers ints": net_json([1, 2, 3]),
    "layers empty": net_json([]),
    "inputs 1e400": json.dumps(net_json([and_layer()])).replace('"inputs": 2', '"inputs": 1e400'),
    "inputs float": net_json([and_layer()], inputs=2.0),
    "inputs bool": net_json([and_layer()], inputs=True),
    "inputs negative": net_json([and_layer()], inputs=-1),
    "deep": "[" * 1000 + "]" * 1000,
    "deep weights": json.dumps(net_json([and_layer()])).replace("[[1, 1]]", "[" * 3000 + "]" * 3000),
    "ragged": net_json([and_layer(weights=[[1, 1], [1]], units=2, bias=[0, 0])]),
    "weights a dict": net_json([and_layer(weights={"a": 1})]),
    "int dtype with floats": net_json([and_layer(weights=[[1.5, 1]])]),
    "bool weight": net_json([and_layer(weights=[[True, 1]])]),
    "string weight": net_json([and_layer(weights=[["1", 1]])]),
    "sources bad": net_json([and_layer(sources=[3])]),
    "sources bool": net_json([and_layer(sources=[False])]),
    "units zero": net_json([and_layer(units=0, weights=[], bias=[])]),
    "units text": net_json([and_layer(units="1")]),
    "activation list": net_json([and_layer(activation=["step"])]),
    "dtype odd": net_json([and_layer(dtype="int8")]),
    "encoding odd": net_json([and_layer()], encoding="10"),
    "gain text": net_json([and_layer(gain="2")]),
    "huge integer text": json.dumps(net_json([and_layer()])).replace("[-2]", "[" + "9" * 5000 + "]"),
    "top level list": [],
    "not json": "{\n nope",
    "no schema": {"inputs": 2, "layers": []},
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_network_files_give_one_line(tmp_path, case):
    text = MALFORMED[case]
    for args in (["run", "NET", "--input", "11"], ["verify", "NET", "--expr", "x1 & x2"],
                 ["export", "NET", "--format", "blif"]):
        refused(tmp_path, args, text, "net.json")


def test_a_zero_unit_layer_cannot_claim_a_billion_inputs(tmp_path):
    # 150 bytes that used to ask for 7.7 GB on export (a billion default names).
    text = net_json([{"units": 0, "activation": "step", "weights": [], "bias": []}],
                    inputs=1000000000)
    for args in (["run", "NET", "--input", "1"], ["export", "NET", "--format", "blif"],
                 ["draw", "NET", "-o", str(tmp_path / "x.png")]):
        msg = refused(tmp_path, args, text, "units")
        assert len(msg) < 300


def test_a_2000_layer_chain_verifies_without_recursion(tmp_path):
    layers = [{"units": 2, "activation": "step", "dtype": "int", "weights": [[1, 1], [1, 1]],
               "bias": [-2, -1]} for _ in range(2000)]
    layers.append({"units": 1, "activation": "step", "dtype": "int", "weights": [[1, 0]], "bias": [-1]})
    text = net_json(layers)
    code, out, err = cli(tmp_path, ["verify", "NET", "--expr", "x1 & x2"], text)
    assert code == 0, err


# ------------------------------------------------------------ 5. sizes and speed
def chain(n_layers: int, skip: bool, n: int = 4) -> dict:
    layers, widths = [], [n]
    for i in range(n_layers):
        src = list(range(i + 1)) if skip else [i]
        k = sum(widths[s] for s in src)
        layers.append({"units": 1, "activation": "step", "dtype": "int", "sources": src,
                       "weights": [[1] * k], "bias": [-1]})
        widths.append(1)
    return net_json(layers, inputs=n)


def test_export_of_a_200_layer_skip_network_is_linear_in_layers():
    from boolnet.export.netlist import threshold_netlist
    net = from_dict(chain(200, True))
    calls = []
    orig = Network.widths.fget
    Network.widths = property(lambda self: calls.append(1) or orig(self))
    try:
        gates = threshold_netlist(net).gates
    finally:
        Network.widths = property(orig)
    assert len(gates) == 200 and len(calls) <= 2  # (it was read once per layer and source)


@pytest.mark.parametrize("shape", ["layers", "inputs"])
def test_draw_refuses_pictures_too_large_up_front(tmp_path, shape):
    pytest.importorskip("matplotlib")
    if shape == "layers":  # (a summary by default: one box per layer)
        text, mode, match = chain(2000, False), [], "2000 layers"
    else:
        text = net_json([{"units": 1, "activation": "step", "dtype": "int",
                          "weights": [[1] * 100000], "bias": [-1]}], inputs=100000)
        mode, match = ["--full"], "too large"
    code, out, err = cli(tmp_path, ["draw", "NET", "-o", str(tmp_path / "x.png")] + mode, text)
    assert code == 2 and match in err and "DOT" in err, err
    assert not (tmp_path / "x.png").exists()


def test_loads_refuses_with_the_place():
    with pytest.raises(BoolnetError, match=r"^x\.json:2:2: not valid JSON"):
        loads("{\n nope", "x.json")


def test_a_network_with_names_the_loader_refuses_is_not_written(tmp_path):
    from boolnet.nn import save
    net = Network(2, [Layer([[1, 1]], [-2])], meta={"input_names": ["a\x00b", "c"]})
    with pytest.raises(BoolnetError, match="input name 1"):
        save(net, tmp_path / "n.json")
    assert not (tmp_path / "n.json").exists()


# ------------------------------------------------------- mutated files, as a property
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=False)
    | st.text(max_size=4) | st.sampled_from([0, 1, -1, 2 ** 63, "step", "sign", "int", "pm1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.data())
def test_mutated_network_files_load_or_give_one_parse_error(data):
    from nets import random_threshold_net
    from boolnet.errors import ParseError
    from boolnet.nn.serialize import to_dict
    d = to_dict(random_threshold_net(data.draw(st.integers(0, 50), label="net")))
    d["meta"] = {"input_names": [f"x{i}" for i in range(d["inputs"])]}
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        node, key = None, None
        cur = d
        while isinstance(cur, (dict, list)) and cur and data.draw(st.booleans(), label="deeper"):
            keys = list(cur) if isinstance(cur, dict) else list(range(len(cur)))
            node, key = cur, data.draw(st.sampled_from(keys), label="key")
            cur = node[key]
        if node is None:
            d[data.draw(st.sampled_from(sorted(d)), label="top")] = data.draw(JSON_VALUES, label="value")
        else:
            node[key] = data.draw(JSON_VALUES, label="value")
    text = json.dumps(d)
    try:
        net = loads(text, "m.json")
    except ParseError as exc:
        assert str(exc).startswith("m.json") and "\n" not in str(exc)
    else:
        assert isinstance(net, Network) and loads(json.dumps(to_dict(net))).n_inputs == net.n_inputs
