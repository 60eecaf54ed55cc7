"""JSON serialisation of a Network: schema ``boolnet.network/1``.

Integer weights are written as JSON integers and read back as int64; float weights are
written with Python's shortest round-tripping repr, so a save/load cycle is exact.
Files are written to a temporary file in the same folder and renamed into place, so a
reader never sees half a network.
"""
from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from .network import Layer, Network

__all__ = ["SCHEMA", "to_dict", "from_dict", "save", "load", "dumps", "loads"]

SCHEMA = "boolnet.network/1"


def _array(a: np.ndarray):
    if np.issubdtype(a.dtype, np.integer):
        return a.astype(np.int64).tolist()  # Python ints: exact, any size up to int64
    return a.astype(np.float64).tolist()  # Python floats: repr round-trips exactly


def to_dict(net: Network) -> dict[str, Any]:
    """The network as plain JSON-ready data (Network -> dict)."""
    return {
        "schema": SCHEMA,
        "inputs": net.n_inputs,
        "encoding": net.encoding,
        "meta": net.meta,
        "layers": [
            {"units": layer.n_out, "activation": layer.activation, "sources": list(layer.sources),
             "dtype": "int" if layer.is_integer else "float",
             **({"gain": layer.gain} if layer.gain != 1.0 else {}),
             "weights": _array(layer.W), "bias": _array(layer.b)}
            for layer in net.layers
        ],
    }


def _load_array(data, kind: str, shape, what: str) -> np.ndarray:
    dt = np.int64 if kind == "int" else np.float64
    try:
        arr = np.array(data, dtype=dt)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError(f"{what}: expected {kind} numbers ({exc})") from None
    if kind == "int" and any(isinstance(v, float) for v in np.ravel(np.array(data, dtype=object))):
        raise ValueError(f"{what}: dtype 'int' but the values include floats")
    if shape is not None and arr.size == 0:
        arr = arr.reshape(shape)
    return arr


def from_dict(d: dict[str, Any]) -> Network:
    """Rebuild a Network from ``to_dict`` output; ValueError says what is wrong (dict -> Network)."""
    if not isinstance(d, dict):
        raise ValueError("a network file must hold a JSON object")
    schema = d.get("schema")
    if schema != SCHEMA:
        raise ValueError(f"unsupported network schema {schema!r}; expected {SCHEMA!r}")
    try:
        n = int(d["inputs"])
        layers = []
        widths = [n]
        for i, ld in enumerate(d["layers"]):
            kind = ld.get("dtype", "float")
            sources = ld.get("sources", [i])
            n_in = sum(widths[s] for s in sources) if all(0 <= s <= i for s in sources) else None
            W = _load_array(ld["weights"], kind, (int(ld.get("units", 0)), n_in or 0), f"layer {i} weights")
            b = _load_array(ld["bias"], kind, None, f"layer {i} bias")
            layers.append(Layer(W, b, ld["activation"], sources, ld.get("gain", 1.0)))
            widths.append(layers[-1].n_out)
    except KeyError as exc:
        raise ValueError(f"network file is missing the key {exc.args[0]!r}") from None
    except (TypeError, IndexError) as exc:
        raise ValueError(f"malformed network file: {exc}") from None
    return Network(n, layers, encoding=d.get("encoding"), meta=d.get("meta") or {})


def dumps(net: Network, indent: int | None = None) -> str:
    """The network as a JSON string (Network -> str)."""
    return json.dumps(to_dict(net), indent=indent)


def loads(text: str) -> Network:
    """A network from a JSON string (str -> Network)."""
    return from_dict(json.loads(text))


def save(net: Network, path) -> None:
    """Write the network as JSON to ``path`` via a temporary file and a rename (-> None)."""
    from ..io.atomic import atomic_write
    text = dumps(net) + "\n"
    with atomic_write(path) as fh:
        fh.write(text)


def load(path) -> Network:
    """Read a network written by ``save`` (path -> Network); ValueError names the file."""
    path = os.fspath(path)
    with open(path) as fh:
        try:
            data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        return from_dict(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
