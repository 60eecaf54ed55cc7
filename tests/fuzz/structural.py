"""Fuzz cases for networks with an ``outputs`` field and for the structural readers (BLIF, AIGER, Verilog).

Both check results against an evaluator written here, which shares no code with boolnet:
:func:`eval_network_json` runs a network file's JSON on 0/1 rows with Python integers.
"""
from __future__ import annotations

import copy
import random
import re
from typing import Any

import numpy as np

from .mutate import mutate

# ---------------------------------------------------------------------------- evaluation

_HARD = ("step", "sign")


def eval_network_json(d: dict[str, Any], rows: list[list[int]]) -> list[list[int]] | None:
    """The 0/1 outputs of a network file's JSON on 0/1 input rows, or None when it has soft units.

    Independent of boolnet: plain Python integers, signals concatenated by ``sources``,
    step = [z >= 0], sign = +1 if z >= 0 else -1, outputs the ``outputs`` taps or the last layer.
    """
    layers = d["layers"]
    if any(layer["activation"] not in _HARD for layer in layers):
        return None
    pm1 = d.get("encoding") == "pm1"
    result = []
    for row in rows:
        signals = [[2 * x - 1 for x in row] if pm1 else list(row)]
        for k, layer in enumerate(layers):
            x = [v for s in layer.get("sources", [k]) for v in signals[s]]
            out = []
            for w, b in zip(layer["weights"], layer["bias"]):
                z = sum(wi * xi for wi, xi in zip(w, x)) + b
                out.append((1 if z >= 0 else 0) if layer["activation"] == "step"
                           else (1 if z >= 0 else -1))
            signals.append(out)
        taps = d.get("outputs") or [[len(layers), c] for c in range(len(layers[-1]["bias"]))]
        result.append([1 if signals[s][c] > 0 else 0 for s, c in taps])
    return result


def all_rows(n: int) -> list[list[int]]:
    """Every 0/1 row of n inputs, first input most significant (row r is r in binary)."""
    return [[(r >> (n - 1 - i)) & 1 for i in range(n)] for r in range(1 << n)]


def pla_of(table: list[list[int]], n: int) -> str:
    """A fully specified PLA (type fr) of a table given row by row."""
    m = len(table[0])
    lines = [f".i {n}", f".o {m}", ".type fr"]
    for r, outs in enumerate(table):
        bits = "".join(str((r >> (n - 1 - i)) & 1) for i in range(n))
        lines.append(f"{bits} {''.join(map(str, outs))}")
    return "\n".join(lines + [".e"]) + "\n"


# ---------------------------------------------------------------------------- networks with taps

def tap_network(rng: random.Random, n: int = 3) -> dict[str, Any]:
    """A valid random threshold network (JSON data) whose outputs are taps of any layer."""
    pm1 = rng.random() < 0.25
    act = "sign" if pm1 and rng.random() < 0.7 else "step"
    widths = [n]
    layers = []
    for i in range(rng.randint(1, 3)):
        sources = sorted(rng.sample(range(i + 1), rng.randint(1, i + 1)))
        if i not in sources and rng.random() < 0.7:
            sources.append(i)
        units = rng.randint(1, 3)
        cols = sum(widths[s] for s in sources)
        layers.append({"units": units, "activation": act, "sources": sources, "dtype": "int",
                       "weights": [[rng.randint(-3, 3) for _ in range(cols)] for _ in range(units)],
                       "bias": [rng.randint(-3, 2) for _ in range(units)]})
        widths.append(units)
    L = len(layers)
    taps = [[rng.randint(1, L), None] for _ in range(rng.randint(0, 4))]
    taps.append([L, None])  # the last layer is read, or its units would be dead
    rng.shuffle(taps)
    for t in taps:
        t[1] = rng.randrange(widths[t[0]])
    if rng.random() < 0.2 and len(taps) > 1:
        taps.append(list(taps[0]))  # two outputs may read one unit
    net = {"schema": "boolnet.network/1", "inputs": n, "encoding": "pm1" if pm1 else "01",
           "layers": layers, "outputs": taps}
    if rng.random() < 0.5:
        net["meta"] = {"input_names": [f"i{k}" for k in range(n)],
                       "output_names": [f"o{k}" for k in range(len(taps))]}
    return net


def bad_taps(rng: random.Random, net: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A copy of a tap network with an ``outputs`` field every reader must refuse, and what is wrong."""
    net = copy.deepcopy(net)
    net.pop("meta", None)  # names of the wrong count would be refused for another reason
    L = len(net["layers"])
    kind = rng.randrange(9)
    if kind == 0:
        net["outputs"] = []
        return net, "empty"
    if kind == 1:
        net["outputs"].append([L + rng.randint(1, 3), 0])
        return net, "signal past the last layer"
    if kind == 2:
        net["outputs"].append([0, 0])
        return net, "signal 0 (the inputs)"
    if kind == 3:
        s = rng.randint(1, L)
        net["outputs"].append([s, net["layers"][s - 1]["units"] + rng.choice([0, 5, 2 ** 64])])
        return net, "unit out of range"
    if kind == 4:
        net["outputs"].append(rng.choice([[1, -1], [1.0, 0], [True, 0], [1, 0, 0], [1], "1,0",
                                          None, {"1": 0}, [1, "0"], [1, 0.5]]))
        return net, "a malformed pair"
    if kind == 5:
        net["outputs"] = rng.choice(["1,0", 7, {"1": 0}, [1, 0], True, 1.5])
        return net, "not a list of pairs"
    if kind == 6 and L > 1:
        net["outputs"] = [[rng.randint(1, L - 1), 0]]
        return net, "last layer not tapped"
    if kind == 7 and L > 1:
        s = rng.randint(1, L - 1)
        net["layers"][s - 1]["activation"] = rng.choice(
            ["sigmoid", "relu", "tanh"] + (["sign" if net["layers"][0]["activation"] == "step"
                                            else "step"]))
        net["outputs"].append([s, 0])
        return net, "a tap of a layer whose activation differs from the last"
    net["outputs"].append([L, rng.choice([-1, 10 ** 20])])
    return net, "unit out of range"


# ---------------------------------------------------------------------------- structural files

#: Small hand-written files with the corners a reader must handle or refuse.
HAND_BLIF = [
    ".model m\n.inputs a b c\n.outputs y z\n.names a b t\n11 1\n.names t c y\n1- 1\n-1 1\n"
    ".names a c z\n10 0\n.end\n",
    ".model m\n.inputs a b\n.outputs y\n.names y\n1\n.end\n",  # constant 1
    ".model m\n.inputs a b\n.outputs y\n.names y\n.end\n",  # constant 0
    ".model m\n.inputs a b\n.outputs a b\n.end\n",  # outputs are inputs
    ".model m\n.inputs a b\n.outputs y y\n.names a b y\n11 1\n.end\n",  # an output twice
    ".model m\n.inputs a a\n.outputs y\n.names a y\n1 1\n.end\n",  # an input twice
    ".model m\n.inputs a b\n.outputs y\n.names a t y\n11 1\n.names y b t\n11 1\n.end\n",  # a loop
    ".model m\n.inputs a b\n.outputs y\n.names a q y\n11 1\n.end\n",  # undefined q
    ".model m\n.inputs a\n.outputs y\n.latch a y 0\n.end\n",
    ".model m\n.inputs a b\n.outputs y\n.names a b y\n1- 1\n-1 1\n.names a y\n1 1\n.end\n",
    ".model m\n.inputs a b\n.outputs y\n.names a b y\n0- 0\n.end\n.model n\n.inputs q\n.end\n",
    ".model m\n.inputs a b c d\n.outputs y\n.names a b c d y\n1111 1\n0000 1\n--10 1\n.end\n",
]
HAND_AAG = [
    "aag 3 2 0 1 1\n2\n4\n6\n6 4 2\ni0 a\ni1 b\no0 y\n",
    "aag 0 0 0 2 0\n0\n1\n",  # constant outputs
    "aag 1 1 0 2 0\n2\n2\n3\n",  # outputs equal to an input and its negation
    "aag 3 2 0 1 1\n2\n4\n6\n6 6 2\n",  # a gate reading itself
    "aag 4 2 0 1 2\n2\n4\n8\n6 8 2\n8 6 4\n",  # a loop of two gates
    "aag 3 2 0 1 1\n2\n4\n7\n6 5 10\n",  # a literal above 2M+1
    "aag 5 2 0 1 1\n2\n4\n10\n6 4 2\n",  # an output of an undefined variable
    "aag 3 2 1 1 0\n2\n4\n6 2\n6\n",  # a latch
    "aag 3 2 0 1 1\n2\n2\n6\n6 4 2\n",  # an input literal twice
    "aag 3 2 0 1 1\n2\n4\n6\n4 2 2\n",  # a gate redefining an input
    "aag 99999999999 2 0 1 1\n2\n4\n199999999998\n6 4 2\n",  # a huge M
    "aag 7 3 0 2 4\n2\n4\n6\n13\n14\n8 4 2\n10 5 3\n12 11 9\n14 12 6\ni0 a b\no1 z\nc\nfree text\n",
]
HAND_V = [
    "module m(input a, input b, output y); assign y = a & ~b; endmodule\n",
    "module m(a, b, y, z); input a, b; output y, z; wire t; and g1(t, a, b); "
    "nor (y, t, a); xor (z, a, b, t); endmodule\n",
    "module m(input a, output y); assign y = 1'b1; endmodule\n",  # a constant
    "module m(input a, output a); endmodule\n",  # the output is the input
    "module m(input a, output y); wire t; assign t = y; assign y = t & a; endmodule\n",  # a loop
    "module m(input a, output y); assign y = a & q; endmodule\n",  # undefined q
    "module m(input a, input a, output y); assign y = a; endmodule\n",
    "module m(input a, output y); always @(a) y = a; endmodule\n",
    "module m(input a, input b, output y); assign y = a ? b : ~b; endmodule\n",
    "module m(input a, input b, output y); wire [3:0] s = a + b; assign y = s[1]; endmodule\n",
    "module m(input a, input b, output y); wire signed [2:0] z = $signed({1'b0, a}) - "
    "3'sd2 * $signed({1'b0, b}); assign y = z >= 0; endmodule\n",
    "module m(input a, input b, output y, output z); assign y = a ^ b, z = !(a || b); endmodule\n",
]

#: Tokens that turn a good structural file into a corner case.
STRUCT_WORDS = [".latch", ".subckt", ".names", ".inputs", ".outputs", ".end", ".model", "\\",
                "aag", "aig", "4294967296", "99999999999999999999", "1'b1", "1'bx", "64'hFFFFFFFFFFFFFFFF",
                "[63:0]", "[99999999999:0]", "[a:0]", "2'b12", "4'd1f", "'h", "assign", "wire",
                "endmodule", "always", "=", ";", "(", ")", "{", "}", "?", ":", "~", "i0", "o0", "c"]


_NUMBERISH = re.compile(r"\[\d+:\d+\]|\d*'[sS]?[bBoOdDhH]\w+|\b\d+\b")
_NUMBERS = ["2'b12", "4'd1f", "'h_", "64'hFFFFFFFFFFFFFFFF", "65'd1", "99999999999999999999", "1'bx",
            "0", "1", "1'b1", "8'sd255", "0'b1", "4294967296", "2", "3", "18446744073709551616"]
_RANGES = ["[63:0]", "[64:0]", "[62:0]", "[99999999999:0]", "[a:0]", "[4'b1:0]", "[0:0]",
           "[0:63]", "[1:0]", "[99999999999999999999999:0]"]


def mutate_structural(text: str, rng: random.Random) -> str:
    """The text mutator, plus structural edits: a word of the format put in, a name renamed."""
    roll = rng.random()
    if roll < 0.3:
        at = rng.randint(0, len(text))
        return text[:at] + " " + rng.choice(STRUCT_WORDS) + " " + text[at:]
    if roll < 0.45:  # a number or range put where one was: sizes, bases and digits out of range
        spots = list(_NUMBERISH.finditer(text))
        if spots:
            m = rng.choice(spots)
            new = rng.choice(_RANGES if m.group().startswith("[") else _NUMBERS)
            return text[:m.start()] + new + text[m.end():]
    if roll < 0.6:  # rename one signal to another: duplicates, loops and undefined signals
        words = sorted(set(w for w in text.replace("(", " ").replace(")", " ").replace(",", " ")
                           .replace(";", " ").split() if w.isidentifier()))
        if len(words) >= 2:
            a, b = rng.sample(words, 2)
            return text.replace(a, b, rng.randint(1, 3))
    return mutate(text, rng)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte edits of a binary AIGER file: flips, truncation, header numbers, appended junk."""
    roll = rng.random()
    if roll < 0.3:
        head, _, rest = data.partition(b"\n")
        fields = head.split()
        if len(fields) > 1:
            k = rng.randrange(1, len(fields))
            fields[k] = str(rng.choice([0, 1, 2, 3, 7, 64, 10 ** 6, 10 ** 11, 2 ** 64])).encode()
        return b" ".join(fields) + b"\n" + rest
    if roll < 0.5:
        return data[:rng.randint(0, len(data))]
    if roll < 0.8 and data:
        b = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(len(b))] = rng.choice([0, 1, 2, 0x7F, 0x80, 0xFF, 0x0A, 0x30])
        return bytes(b)
    return data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))


def exported_files(rng: random.Random, count: int) -> list[tuple[str, bytes, list[list[int]]]]:
    """(extension, bytes, table) of random tap networks written by boolnet's own exporters.

    The table comes from :func:`eval_network_json`, so a reader that reads the file back as
    another function is caught without trusting boolnet's evaluators.
    """
    from boolnet.export import export_network
    from boolnet.nn.serialize import from_dict
    out = []
    while len(out) < count:
        d = tap_network(rng, rng.randint(1, 4))
        net = from_dict(d)
        table = eval_network_json(d, all_rows(d["inputs"]))
        fmt, ext = rng.choice([("blif", ".blif"), ("aiger", ".aag"), ("aig", ".aig"),
                               ("verilog", ".v")])
        data = export_network(net, fmt)
        out.append((ext, data if isinstance(data, bytes) else data.encode(), table))
    return out


def words_to_table(f) -> list[list[int]]:
    """A BooleanFunction's ON values row by row (for comparing with an independent table)."""
    bits = np.asarray(f.evaluate(np.arange(1 << f.n)))
    return [[int(v) for v in row] for row in bits.reshape(1 << f.n, f.m)]
