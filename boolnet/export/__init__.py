"""Networks out of boolnet: ONNX for runtimes, Verilog, BLIF and AIGER for logic tools, DOT, JSON.

>>> from boolnet.nn import Layer, Network
>>> net = Network(2, [Layer([[1, 1]], [-2])])
>>> print(export_network(net, "blif").splitlines()[-3:])
['.names x1 x2 f', '11 1', '.end']
>>> format_for("adder.v"), format_for("adder.onnx")
('verilog', 'onnx')
"""
from __future__ import annotations

import os

import numpy as np

from ..errors import BoolnetError
from ..io.atomic import atomic_write

__all__ = ["export_network", "write_network", "format_for", "FORMATS", "EXTENSIONS", "BINARY"]

#: Export formats, and the file extensions that select them.
FORMATS = ("json", "onnx", "verilog", "blif", "aiger", "aig", "dot")
EXTENSIONS = {".json": "json", ".onnx": "onnx", ".v": "verilog", ".blif": "blif",
              ".aag": "aiger", ".aig": "aig", ".dot": "dot", ".gv": "dot"}
#: Formats whose export is bytes rather than text.
BINARY = frozenset({"onnx", "aig"})


def format_for(path) -> str:
    """The export format a file extension names; BoolnetError for an unknown one (-> str)."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in EXTENSIONS:
        raise BoolnetError(f"{path}: cannot tell the export format from the extension "
                           f"{ext or '(none)'}; use {', '.join(EXTENSIONS)} or give the format")
    return EXTENSIONS[ext]


#: Memory an export takes per connection as an order (text, the netlist's Python objects,
#: ONNX protobuf): Verilog writes ~40 characters a weight and keeps gates as Python lists.
BYTES_PER_WEIGHT = {"json": 64, "onnx": 48, "verilog": 160, "blif": 64, "aiger": 96, "aig": 96,
                    "dot": 240}


def export_network(net, fmt: str, names=None) -> str | bytes:
    """The network in format ``fmt`` (see FORMATS): text, or bytes for onnx and aig (binary AIGER)."""
    fmt = fmt.lower()
    if fmt in BYTES_PER_WEIGHT:  # refuse before building what would not fit
        from ..errors import check_memory
        per = BYTES_PER_WEIGHT[fmt]
        dense = sum(layer.W.size for layer in net.layers)
        count = dense if fmt in ("json", "onnx") else sum(int(np.count_nonzero(layer.W))
                                                          for layer in net.layers)
        check_memory(count * per + (net.n_inputs + net.n_outputs) * 64.0,
                     f"a {fmt} export of {count} weights")
    if fmt == "json":
        from ..nn.serialize import dumps
        if names is not None:  # carry the names given here in the file's metadata
            from .names import resolve_names
            net = net.copy()
            ins, outs = resolve_names(net, names)
            net.meta.update(input_names=ins, output_names=outs)
        return dumps(net) + "\n"
    if fmt == "onnx":
        from .onnx import onnx_bytes
        return onnx_bytes(net, names)
    if fmt == "verilog":
        from .verilog import to_verilog
        return to_verilog(net, names)
    if fmt == "blif":
        from .blif import to_blif
        return to_blif(net, names)
    if fmt == "aiger":
        from .aiger import to_aiger
        return to_aiger(net, names)
    if fmt == "aig":
        from .aiger import to_aiger_binary
        return to_aiger_binary(net, names)
    if fmt == "dot":
        from .dot import to_dot
        return to_dot(net, names)
    raise BoolnetError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_network(net, path, fmt: str | None = None, names=None) -> str:
    """Write the network to ``path`` whole or not at all, format from ``fmt`` or the extension (-> path)."""
    fmt = fmt or format_for(path)
    data = export_network(net, fmt, names)  # build first: a failure leaves no file behind
    with atomic_write(path, "wb" if isinstance(data, bytes) else "w") as fh:
        fh.write(data)
    return os.fspath(path)
