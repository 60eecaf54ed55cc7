"""JSON serialisation of a Network: schema ``boolnet.network/1``.

Integer weights are written as JSON integers and read back as int64; float weights are
written with Python's shortest round-tripping repr, so a save/load cycle is exact.
Files are written to a temporary file in the same folder and renamed into place, so a
reader never sees half a network.

Reading checks every field before anything is built, and any defect is one
``ParseError`` naming the file and the field (never a traceback): the shapes, the types
(``"inputs"`` an integer, ``"layers"`` a non-empty list of objects, weights numbers of the
declared dtype, no NaN or infinity), the names in ``meta`` (see ``name_problem``), and the
rules of ``Network`` itself (gain > 0 on threshold units, integer sums within int64).
"""
from __future__ import annotations

import json
import math
import os
import unicodedata
from typing import Any

import numpy as np

from ..errors import BoolnetError, ParseError, check_memory
from .activations import ACTIVATIONS
from .network import ENCODINGS, Layer, Network

__all__ = ["SCHEMA", "to_dict", "from_dict", "save", "load", "dumps", "loads", "name_problem",
           "check_names", "MAX_NAME_LENGTH"]

SCHEMA = "boolnet.network/1"
#: Longest input or output name accepted (PLA names are short; this bounds a hostile file).
MAX_NAME_LENGTH = 256
#: Memory a parsed JSON file takes per byte of text, as an order: nested lists of small
#: numbers cost a list slot and often a number object for every two or three characters.
JSON_BYTES_PER_CHAR = 24


def name_problem(name: Any) -> str | None:
    """Why ``name`` cannot name a network input or output, or None when it can (-> str | None).

    A name is 1 to 256 printable characters without white space: what a BooleanFunction
    accepts, less control characters. This is wider than the expression grammar's
    identifiers on purpose: PLA files name signals ``d<0>`` or ``a[1]``, CSV headers
    ``a#b``, and networks compiled from them carry those names. What it keeps out is what
    no writer can escape: a line break (the end of a Verilog comment or an AIGER symbol
    line) or any other control, format or separator character. Each writer escapes or
    renames what its own syntax needs: Verilog ports become identifiers, BLIF replaces
    white space, ``#`` (a comment) and ``\\`` (a line continuation), DOT quotes.

    >>> name_problem("d<0>"), name_problem("x1")
    (None, None)
    >>> name_problem("a\\nmodule evil();")
    "contains the character '\\\\n' (U+000A)"
    """
    if not isinstance(name, str):
        return f"expected a string, got {type(name).__name__}"
    if not name:
        return "is empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"is {len(name)} characters long (at most {MAX_NAME_LENGTH})"
    for ch in name:
        if ch.isspace() or unicodedata.category(ch)[0] in "CZ":
            return f"contains the character {ch!r} (U+{ord(ch):04X})"
    return None


def check_names(names: Any, count: int, kind: str, where: str = "") -> list[str]:
    """The names as a list, or BoolnetError: ``count`` distinct valid names (-> list[str])."""
    prefix = f"{where}: " if where else ""
    if not isinstance(names, (list, tuple)):
        raise BoolnetError(f"{prefix}{kind} names must be a list of {count} strings, "
                           f"got {type(names).__name__}")
    if len(names) != count:
        raise BoolnetError(f"{prefix}{len(names)} {kind} names given for a network with "
                           f"{count} {kind}s")
    for k, name in enumerate(names):
        problem = name_problem(name)
        if problem:
            shown = repr(name)[:60] if isinstance(name, str) else ""
            raise BoolnetError(f"{prefix}{kind} name {k + 1} {shown}{' ' if shown else ''}{problem}; "
                               f"a name is printable text without spaces")
    if len(set(names)) != len(names):
        dup = next(x for i, x in enumerate(names) if x in names[:i])
        raise BoolnetError(f"{prefix}{kind} names must be distinct; {dup!r} appears twice")
    return list(names)


def _array(a: np.ndarray):
    if np.issubdtype(a.dtype, np.integer):
        return a.astype(np.int64).tolist()  # Python ints: exact, any size up to int64
    return a.astype(np.float64).tolist()  # Python floats: repr round-trips exactly


def to_dict(net: Network) -> dict[str, Any]:
    """The network as plain JSON-ready data; names ``from_dict`` would refuse are refused here (-> dict)."""
    for key, count, kind in (("input_names", net.n_inputs, "input"),
                             ("output_names", net.n_outputs, "output")):
        if net.meta.get(key) is not None:  # never write a file that cannot be read back
            check_names(net.meta[key], count, kind, f"meta.{key}")
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
        # Only when the outputs are not the last layer's units, so older readers' files stay as they were.
        **({} if net.outputs is None else {"outputs": [[s, c] for s, c in net.outputs]}),
    }


class _Bad(Exception):
    """A defect found while reading; turned into one ParseError with the file name."""


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v) -> bool:
    return (_is_int(v) or isinstance(v, float)) and (not isinstance(v, float) or math.isfinite(v))


def _count(v, what: str, low: int) -> int:
    if not _is_int(v) or v < low:
        raise _Bad(f"{what} must be an integer >= {low}, got {_shown(v)}")
    return v


def _shown(v) -> str:
    text = json.dumps(v) if isinstance(v, (int, float, str, bool, type(None))) else type(v).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _numbers(data, kind: str, shape: tuple[int, ...], what: str) -> np.ndarray:
    """A list (of lists) of numbers of the given shape and dtype kind, checked (-> array)."""
    rows = [data] if len(shape) == 1 else data
    if not isinstance(data, list) or len(data) != shape[0]:
        raise _Bad(f"{what} must be a list of {shape[0]} {'numbers' if len(shape) == 1 else 'rows'}, "
                   f"got {_shown(data) if not isinstance(data, list) else f'{len(data)} entries'}")
    if len(shape) == 2:
        for r, row in enumerate(data):
            if not isinstance(row, list) or len(row) != shape[1]:
                got = f"{len(row)} entries" if isinstance(row, list) else _shown(row)
                raise _Bad(f"{what} row {r + 1} must be a list of {shape[1]} numbers (the "
                           f"columns its sources have), got {got}")
    ok = _is_int if kind == "int" else _is_number
    for row in rows:
        if not all(map(ok, row)):
            bad = next(v for v in row if not ok(v))
            expected = "integers (dtype int)" if kind == "int" else "finite numbers"
            raise _Bad(f"{what}: expected {expected}, got {_shown(bad)}")
    try:
        return np.array(data, dtype=np.int64 if kind == "int" else np.float64).reshape(shape)
    except OverflowError:
        raise _Bad(f"{what}: an integer does not fit in 64 bits") from None


def from_dict(d: dict[str, Any], source: str | None = None) -> Network:
    """Rebuild a Network from ``to_dict`` output; ParseError names what is wrong (dict -> Network)."""
    try:
        return _from_dict(d)
    except _Bad as exc:
        raise ParseError(str(exc), source) from None
    except (ValueError, TypeError) as exc:  # Network's own rules (BoolnetError is a ValueError)
        raise ParseError(str(exc), source) from None


def _from_dict(d) -> Network:
    if not isinstance(d, dict):
        raise _Bad(f"a network file must hold a JSON object, got {_shown(d)}")
    schema = d.get("schema")
    if schema != SCHEMA:
        raise _Bad(f"unsupported network schema {_shown(schema)}; expected {SCHEMA!r}")
    for key in ("inputs", "layers"):
        if key not in d:
            raise _Bad(f"network file is missing the key {key!r}")
    n = _count(d["inputs"], '"inputs"', 0)
    specs = d["layers"]
    if not isinstance(specs, list) or not specs:
        raise _Bad(f'"layers" must be a non-empty list of layer objects, got {_shown(specs)}')
    encoding = d.get("encoding")
    if encoding not in ENCODINGS:
        raise _Bad(f'"encoding" must be "01", "pm1" or null, got {_shown(encoding)}')
    layers, widths = [], [n]
    for i, ld in enumerate(specs):
        where = f"layer {i}"
        if not isinstance(ld, dict):
            raise _Bad(f"{where} must be an object, got {_shown(ld)}")
        for key in ("weights", "bias", "activation"):
            if key not in ld:
                raise _Bad(f"{where} is missing the key {key!r}")
        act = ld["activation"]
        if not isinstance(act, str) or act not in ACTIVATIONS:
            raise _Bad(f"{where}: activation must be one of {', '.join(ACTIVATIONS)}, got {_shown(act)}")
        kind = ld.get("dtype", "float")
        if kind not in ("int", "float"):
            raise _Bad(f'{where}: dtype must be "int" or "float", got {_shown(kind)}')
        sources = ld.get("sources", [i])
        if not isinstance(sources, list) or not sources or not all(
                _is_int(s) and 0 <= s <= i for s in sources):
            raise _Bad(f"{where}: sources must be a non-empty list of signals 0..{i} "
                       f"(0 = inputs, k = layer k-1), got {_shown(sources)}")
        units = ld.get("units", len(ld["weights"]) if isinstance(ld["weights"], list) else None)
        units = _count(units, f'{where}: "units"', 1)
        gain = ld.get("gain", 1.0)
        if not _is_number(gain):
            raise _Bad(f"{where}: gain must be a finite number, got {_shown(gain)}")
        n_in = sum(widths[s] for s in sources)
        W = _numbers(ld["weights"], kind, (units, n_in), f"{where} weights")
        b = _numbers(ld["bias"], kind, (units,), f"{where} bias")
        try:
            layers.append(Layer(W, b, act, sources, gain))
        except ValueError as exc:  # NetworkError: gain, int64 range
            raise _Bad(str(exc).replace("layer: ", f"{where}: ", 1)) from None
        widths.append(units)
    meta = d.get("meta")
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        raise _Bad(f'"meta" must be an object, got {_shown(meta)}')
    outputs = d.get("outputs")
    if outputs is not None:
        L = len(layers)
        if not isinstance(outputs, list) or not outputs:
            raise _Bad(f'"outputs" must be a non-empty list of [signal, unit] pairs naming units '
                       f'(signal 1..{L} = layer 0..{L - 1}), got '
                       f'{"[]" if isinstance(outputs, list) else _shown(outputs)}')
        for k, o in enumerate(outputs):  # name the entry: a list of 50 taps may hold one bad one
            shown = json.dumps(o)[:40]
            if not (isinstance(o, list) and len(o) == 2 and all(map(_is_int, o))):
                raise _Bad(f'"outputs" entry {k + 1} must be a [signal, unit] pair of integers, '
                           f'got {shown}')
            if not 1 <= o[0] <= L:
                raise _Bad(f'"outputs" entry {k + 1} {shown}: signal {o[0]} is no layer; signals '
                           f'1..{L} are layers 0..{L - 1}')
            if not 0 <= o[1] < widths[o[0]]:
                raise _Bad(f'"outputs" entry {k + 1} {shown}: layer {o[0] - 1} has units '
                           f'0..{widths[o[0]] - 1}')
    n_out = widths[-1] if outputs is None else len(outputs)
    for key, count, kind in (("input_names", n, "input"), ("output_names", n_out, "output")):
        if meta.get(key) is not None:
            try:
                check_names(meta[key], count, kind, f"meta.{key}")
            except BoolnetError as exc:
                raise _Bad(str(exc)) from None
    if "name" in meta and meta["name"] is not None and name_problem(meta["name"]):
        raise _Bad(f"meta.name {name_problem(meta['name'])}")
    return Network(n, layers, encoding=encoding, meta=meta, outputs=outputs)


def dumps(net: Network, indent: int | None = None) -> str:
    """The network as a JSON string (Network -> str)."""
    return json.dumps(to_dict(net), indent=indent)


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise _Bad(f"the number {text[:40]} is out of range")
    return v


def _no_constant(text: str):
    raise _Bad(f"{text} is not a JSON number (NaN and Infinity are not allowed)")


def loads(text: str, source: str | None = None) -> Network:
    """A network from a JSON string; ParseError on any defect (str -> Network)."""
    try:
        data = json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON ({exc.msg})", source, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ParseError("JSON nested too deeply to be a network file", source) from None
    except _Bad as exc:
        raise ParseError(str(exc), source) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise ParseError(f"not a valid network file ({exc})", source) from None
    return from_dict(data, source)


def save(net: Network, path) -> None:
    """Write the network as JSON to ``path`` via a temporary file and a rename (-> None)."""
    from ..io.atomic import atomic_write
    text = dumps(net) + "\n"
    with atomic_write(path) as fh:
        fh.write(text)


def load(path) -> Network:
    """Read a network written by ``save`` (path -> Network); ParseError names the file."""
    path = os.fspath(path)
    with open(path, encoding="utf-8") as fh:
        size = os.fstat(fh.fileno()).st_size
        check_memory(size * JSON_BYTES_PER_CHAR, f"{path}: reading a network file of {size} bytes")
        text = fh.read()
    return loads(text, path)
