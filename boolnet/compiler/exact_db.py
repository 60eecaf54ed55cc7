"""The optimum threshold network of every 4-input function: 222 NPN classes, shipped as package data.

``boolnet/data/npn4.json`` holds, for each canonical table of :func:`boolnet.npn.npn_classes`
(4), the network :func:`boolnet.compiler.exact.exact_minimum` found: its layers (integer
weights over the inputs and every earlier layer, biases), the number of units, the depth,
and whether the minimum was proven. :func:`optimum4` looks a table up through its NPN form
and maps the stored network back (input weights permuted, a negated input moves its weight
into the bias, a negated output negates the last layer): no LP at lookup time.

Rebuild (about ten minutes on one core)::

    python -m boolnet.compiler.exact_db --rebuild

>>> net = optimum4(0x6996)            # 4-input parity: 3 units, 2 layers
>>> sum(layer.n_out for layer in net.layers), len(net.layers)
(3, 2)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import BoolnetError
from ..function import BooleanFunction
from ..nn import Layer, Network
from ..npn import npn_canonical, npn_classes
from ..verification import check
from .exact import exact_minimum

__all__ = ["optimum4", "optimum4_entry", "build_database", "DB_NAME"]

DB_NAME = "npn4.json"
_DB: dict[int, dict] = {}


def _load() -> dict[int, dict]:
    if not _DB:
        text = resources.files("boolnet").joinpath("data", DB_NAME).read_text()
        data = json.loads(text)
        _DB.update({int(e["tt"], 16): e for e in data["classes"]})
        if len(_DB) != 222:
            raise BoolnetError(f"boolnet/data/{DB_NAME} holds {len(_DB)} classes, not 222: "
                               f"rebuild it with python -m boolnet.compiler.exact_db --rebuild")
    return _DB


def optimum4_entry(tt: int) -> dict:
    """The stored record of the NPN class of the 4-input table ``tt`` (units, depth, proven, layers)."""
    return _load()[npn_canonical(tt, 4).tt]


def optimum4(tt: int) -> Network:
    """An optimum threshold network (fewest units, then layers) for the 4-input table ``tt``.

    Bit r of ``tt`` is the value on row r, input 1 the most significant bit of r.
    """
    t = npn_canonical(int(tt), 4)
    entry = _load()[t.tt]
    layers = []
    for i, (W, b) in enumerate(entry["layers"]):
        W = np.array(W, np.int64).reshape(len(b), -1)
        b = np.array(b, np.int64)
        # canonical g(x) = o ^ f(y) with x[i] = y[perm[i]] ^ neg[i]: rewrite over y
        V = W.copy()
        V[:, :4] = 0
        for k in range(4):
            V[:, t.perm[k]] = -W[:, k] if t.neg[k] else W[:, k]
            if t.neg[k]:
                b = b + W[:, k]
        if t.out_neg and i == len(entry["layers"]) - 1:
            V, b = -V, -b - 1  # [s >= 0] negated is [-s - 1 >= 0] for integer s
        layers.append(Layer(V, b, "step", sources=list(range(i + 1))))
    return Network(4, layers, encoding="01",
                   meta={"arch": "exact", "exact": {k: entry[k] for k in
                                                    ("units", "depth", "proven", "depth_proven")}})


def build_database(path: str | os.PathLike | None = None, *, time_limit: float | None = None,
                   verbose: bool = True) -> dict:
    """Run exact synthesis on every 4-input NPN class and write the JSON database atomically."""
    target = Path(path) if path else Path(__file__).resolve().parent.parent / "data" / DB_NAME
    tts, sizes = npn_classes(4)
    classes = []
    t0 = time.perf_counter()
    for i, (tt, size) in enumerate(zip(tts.tolist(), sizes.tolist())):
        t1 = time.perf_counter()
        f = BooleanFunction.from_hex(f"0x{tt:04x}")
        net, rep = exact_minimum(f, time_limit=time_limit)
        check(net, f)  # VerificationError if the stored network were wrong
        classes.append({
            "tt": f"0x{tt:04x}", "size": int(size), "units": rep.units, "depth": rep.depth,
            "proven": rep.proven, "depth_proven": rep.depth_proven,
            "abs_weights": rep.abs_weights, "seconds": round(time.perf_counter() - t1, 3),
            "layers": [[layer.W.tolist(), layer.b.tolist()] for layer in net.layers]})
        if verbose:
            print(f"class {i + 1}/{len(tts)} 0x{tt:04x}: {rep.units} units, depth {rep.depth}, "
                  f"{'proven' if rep.proven else 'NOT proven'} "
                  f"({time.perf_counter() - t1:.2f} s)", file=sys.stderr, flush=True)
    data = {"about": "optimum threshold networks of the 222 NPN classes of 4-input functions; "
                     "rebuild with python -m boolnet.compiler.exact_db --rebuild",
            "seconds": round(time.perf_counter() - t0, 1), "classes": classes}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    os.replace(tmp, target)
    _DB.clear()
    return data


def main(argv: list[str] | None = None) -> int:
    """``python -m boolnet.compiler.exact_db --rebuild [--out PATH]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="run exact synthesis on all 222 classes")
    ap.add_argument("--out", help="where to write (default: the package's data/npn4.json)")
    ap.add_argument("--time-limit", type=float, help="seconds per class")
    args = ap.parse_args(argv)
    if not args.rebuild:
        ap.print_help()
        return 2
    data = build_database(args.out, time_limit=args.time_limit)
    print(f"wrote {len(data['classes'])} classes in {data['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
