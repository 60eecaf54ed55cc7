"""The optimum threshold network of every 4-input function: 222 NPN classes, as package data.

``boolnet/data/npn4.json`` holds, for each canonical table of :func:`boolnet.npn.npn_classes`
(4), the network :func:`boolnet.compiler.exact.exact_minimum` found: its layers (integer
weights over the inputs and every earlier layer, biases), the number of units, the depth,
and whether the minimum was proven. :func:`optimum4` looks a table up through its NPN form
and maps the stored network back (input weights permuted, a negated input moves its weight
into the bias, a negated output negates the last layer): no LP at lookup time.

Rebuild (units and depth in 3 s on one core since the search of
:mod:`~boolnet.compiler.exact_search`, 1.5 minutes with the MILP alone; then the least
total |weight|: the shipped file gave it 90 s a class, proving it for 216 of the 222
classes)::

    python -m boolnet.compiler.exact_db --rebuild --weights-time-limit 90

>>> net = optimum4(0x6996)            # 4-input parity: 3 units, 2 layers
>>> sum(layer.n_out for layer in net.layers), len(net.layers)
(3, 2)
"""
from __future__ import annotations

import argparse
import functools
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

__all__ = ["exact", "optimum4", "optimum4_layers", "optimum4_entry", "build_database", "DB_NAME",
           "EXACT_TIME_LIMIT", "WEIGHTS_TIME_LIMIT"]

DB_NAME = "npn4.json"
#: Seconds ``arch="exact"`` searches before NotApplicable (6 inputs, and the rare 5-input
#: function that needs more than one hidden layer of two units, can take minutes);
#: :func:`boolnet.compiler.exact.exact_minimum` has no limit unless given one.
EXACT_TIME_LIMIT = 120.0
#: Seconds ``arch="exact"`` spends on the least total |weight| (up to 4 inputs) once the
#: units and depth are proven; 3-unit networks of 4 inputs take 10-90 s to prove least.
WEIGHTS_TIME_LIMIT = 10.0
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
    """The stored record of the 4-input table's NPN class (units, depth, proven, layers)."""
    return _load()[npn_canonical(tt, 4).tt]


@functools.lru_cache(maxsize=1 << 16)
def optimum4_layers(tt: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The layers (W, b) of :func:`optimum4`, without building a Network (cached per table).

    Layer i reads the 4 inputs and then every unit of layers 0 .. i-1, in that order
    (``W`` has 4 + that many columns); the last layer is the output unit. Read-only arrays.
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
        V.setflags(write=False)
        b.setflags(write=False)
        layers.append((V, b))
    return tuple(layers)


def optimum4(tt: int) -> Network:
    """An optimum threshold network (fewest units, then layers) for the 4-input table ``tt``.

    Bit r of ``tt`` is the value on row r, input 1 the most significant bit of r.
    """
    entry = optimum4_entry(tt)
    layers = [Layer(W.copy(), b.copy(), "step", sources=list(range(i + 1)))
              for i, (W, b) in enumerate(optimum4_layers(int(tt)))]
    return Network(4, layers, encoding="01",
                   meta={"arch": "exact", "exact": {k: entry[k] for k in
                                                    ("units", "depth", "proven", "depth_proven")}})


def _argument(units: int) -> str:
    if units == 1:
        return "one unit per output is the least any network has"
    return (f"no network of {units - 1} unit{'s' if units > 2 else ''} exists: every topology of "
            f"fewer units proven infeasible by MILP (HiGHS) when boolnet/data/{DB_NAME} was built")


def _from_database(f: BooleanFunction, max_depth: int | None) -> Network | None:
    """The stored optimum of a one-output function of <= 4 inputs without don't-cares, or None."""
    if f.m != 1 or f.n > 4 or f.dc_count().any():
        return None
    pad = 4 - f.n  # unused inputs appended last: the network reads them as 0 and drops them
    tt = 0
    for r in range(16):
        tt |= ((int(f.on_words[0, 0]) >> (r >> pad)) & 1) << r
    entry = optimum4_entry(tt)
    if max_depth is not None and entry["depth"] > max_depth:
        return None
    net = optimum4(tt)
    layers = []
    for layer in net.layers:
        keep = [c for c in range(layer.n_in) if not f.n <= c < 4]
        layers.append(Layer(layer.W[:, keep], layer.b, "step", sources=layer.sources))
    out = Network(f.n, layers, encoding="01", meta={"arch": "exact"})
    nz = sum(int(np.count_nonzero(layer.W)) for layer in layers)
    hidden = [layer.n_out for layer in layers[:-1]]
    out.meta["exact"] = {
        "units": entry["units"], "depth": entry["depth"], "weights": nz,
        "abs_weights": sum(int(np.abs(layer.W).sum()) for layer in layers),
        "proven": entry["proven"], "depth_proven": entry["depth_proven"],
        "weights_proven": entry.get("weights_proven", False),
        "lower_bound": entry["units"] if entry["proven"] else 1, "hidden": hidden,
        "argument": _argument(entry["units"]), "tried": [], "seconds": 0.0,
        "source": f"boolnet/data/{DB_NAME}"}
    return out


def exact(f: BooleanFunction, *, max_depth: int | None = None,
          time_limit: float | None = EXACT_TIME_LIMIT) -> Network:
    """The fewest threshold units computing ``f`` (``boolnet.compile(f, arch="exact")``).

    A one-output function of at most 4 inputs without don't-cares is looked up in the
    database (instant, the proof made when it was built); anything else runs
    :func:`~boolnet.compiler.exact.exact_minimum` under ``time_limit``.

    Raises
    ------
    NotApplicable
        More than 6 inputs, or the time limit was hit before any network was found.
    """
    if isinstance(f, BooleanFunction):
        net = _from_database(f, max_depth)
        if net is not None:
            return net
    return exact_minimum(f, max_depth=max_depth, time_limit=time_limit, min_weights=f.n <= 4,
                         weights_time_limit=WEIGHTS_TIME_LIMIT)[0]


def build_database(path: str | os.PathLike | None = None, *, time_limit: float | None = None,
                   weights_time_limit: float | None = None, verbose: bool = True) -> dict:
    """Run exact synthesis on every 4-input NPN class and write the JSON database atomically."""
    target = Path(path) if path else Path(__file__).resolve().parent.parent / "data" / DB_NAME
    tts, sizes = npn_classes(4)
    classes = []
    t0 = time.perf_counter()
    for i, (tt, size) in enumerate(zip(tts.tolist(), sizes.tolist())):
        t1 = time.perf_counter()
        f = BooleanFunction.from_hex(f"0x{tt:04x}")
        net, rep = exact_minimum(f, time_limit=time_limit, min_weights=True,
                                 weights_time_limit=weights_time_limit)
        check(net, f)  # VerificationError if the stored network were wrong
        classes.append({
            "tt": f"0x{tt:04x}", "size": int(size), "units": rep.units, "depth": rep.depth,
            "proven": rep.proven, "depth_proven": rep.depth_proven,
            "abs_weights": rep.abs_weights, "weights_proven": rep.weights_proven,
            "seconds": round(time.perf_counter() - t1, 3),
            "layers": [[layer.W.tolist(), layer.b.tolist()] for layer in net.layers]})
        if verbose:
            print(f"class {i + 1}/{len(tts)} 0x{tt:04x}: {rep.units} units, depth {rep.depth}, "
                  f"{'proven' if rep.proven else 'NOT proven'}, |weight| {rep.abs_weights} "
                  f"{'proven' if rep.weights_proven else 'not proven'} "
                  f"({time.perf_counter() - t1:.2f} s)", file=sys.stderr, flush=True)
    data = {"about": "optimum threshold networks of the 222 NPN classes of 4-input functions; "
                     "rebuild with python -m boolnet.compiler.exact_db --rebuild",
            "seconds": round(time.perf_counter() - t0, 1), "classes": classes}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    os.replace(tmp, target)
    _DB.clear()
    optimum4_layers.cache_clear()
    return data


def main(argv: list[str] | None = None) -> int:
    """``python -m boolnet.compiler.exact_db --rebuild [--out PATH]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="run exact synthesis on all 222 classes")
    ap.add_argument("--out", help="where to write (default: the package's data/npn4.json)")
    ap.add_argument("--time-limit", type=float, help="seconds per class")
    ap.add_argument("--weights-time-limit", type=float, default=10.0,
                    help="seconds per class for the least total |weight| (default 10; "
                         "the entry says whether it was proven)")
    args = ap.parse_args(argv)
    if not args.rebuild:
        ap.print_help()
        return 2
    data = build_database(args.out, time_limit=args.time_limit,
                          weights_time_limit=args.weights_time_limit)
    print(f"wrote {len(data['classes'])} classes in {data['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
