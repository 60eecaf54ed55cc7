"""Exhaustive verification beyond one machine: the 2^n rows split into ranges, checked on the runner.

Rows are numbered with the first input as the most significant bit, so the rows whose
first ``k`` inputs spell the number ``p`` are exactly the range ``[p * 2^(n-k), (p+1) *
2^(n-k))``. Checking that range is checking two smaller objects on all of their rows:

- the network with its first ``k`` inputs fixed (:func:`restrict`): each fixed input's
  weight times its value moves into the bias of every unit that reads it, the column goes
  (exact: integer weights stay integers), and the network core's exhaustive evaluator runs
  on the ``n - k`` inputs left;
- the reference with the same inputs fixed: a cover's cofactor (cubes that disagree with
  ``p`` drop out, the fixed literals go), or the other network restricted the same way.

So 2^40 rows are 2^16 independent chunks of 2^24 rows each, any of which any worker can
check, written to a :class:`boolnet.runner.ResultStore` as they finish (a rerun resumes).
Every row is evaluated: this is a proof by exhaustion, not a sample. The first
counterexample (smallest row) is reported whatever the order in which chunks finish.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from .cover import Cover, CubeFunction
from .errors import BoolnetError
from .nn import Layer, Network
from .nn.exact import evaluate_all
from .runner import Chunk, check_scheduler, ResultStore, run_chunks

__all__ = ["restrict", "restrict_cover", "verify_by_ranges", "check_range", "RangeReport",
           "FREE_INPUTS"]

#: Inputs left free in a chunk by default: 2^24 rows (2 MiB of packed output per output).
FREE_INPUTS = 24


def _fixed_values(prefix: int, k: int, pm1: bool) -> np.ndarray:
    bits = np.array([(prefix >> (k - 1 - i)) & 1 for i in range(k)], np.int64)
    return 2 * bits - 1 if pm1 else bits


def restrict(net: Network, prefix: int, k: int) -> Network:
    """``net`` with its first ``k`` inputs fixed to the bits of ``prefix`` (first input = top bit).

    >>> from boolnet import families
    >>> from boolnet.compiler import compile as compile_
    >>> net = compile_(families.parity(3), arch="deep")
    >>> evaluate_all(restrict(net, 1, 1), dense=True)[0][:, 0].tolist()  # x1 = 1: NOT XOR(x2, x3)
    [1, 0, 0, 1]
    """
    n = net.n_inputs
    if not 0 <= k <= n or not 0 <= prefix < (1 << k):
        raise BoolnetError(f"restrict: prefix {prefix} of {k} inputs does not fit {n} inputs")
    vals = _fixed_values(prefix, k, net.encoding == "pm1")
    widths = net.widths
    layers = []
    for layer in net.layers:
        W, b = layer.W, layer.b.copy()
        keep, start = [], 0
        for s in layer.sources:
            cols = np.arange(start, start + widths[s])
            if s == 0:  # the network inputs: fold the fixed ones into the bias
                b = b + W[:, cols[:k]] @ vals.astype(W.dtype)
                cols = cols[k:]
            keep.append(cols)
            start += widths[s]
        W = W[:, np.concatenate(keep)] if keep else W
        layers.append(Layer(W, b, layer.activation, list(layer.sources), layer.gain))
    return Network(n - k, layers, encoding=net.encoding, meta=dict(net.meta), outputs=net.outputs)


def restrict_cover(c: Cover, prefix: int, k: int) -> Cover:
    """The cofactor of a cover at its first ``k`` inputs = the bits of ``prefix``."""
    care, value = c.literal_arrays()
    want = _fixed_values(prefix, k, False).astype(bool)
    agree = ~np.any(care[:, :k] & (value[:, :k] != want), axis=1)
    return Cover.from_literals(care[agree, k:], value[agree, k:], c.outputs[agree], c.m)


def _reference_bits(ref: Any, prefix: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Packed (ON, care) of the reference on the rows of one range."""
    if isinstance(ref, Network):
        on, _ = evaluate_all(restrict(ref, prefix, k))
        return on, np.full_like(on, ~np.uint64(0))
    if isinstance(ref, Cover):
        ref = CubeFunction(ref)
    if isinstance(ref, CubeFunction):
        on = restrict_cover(ref.on, prefix, k).packed_rows()
        dc = restrict_cover(ref.dc, prefix, k).packed_rows()
        care = ~dc
        if ref.off is not None:
            care &= on | restrict_cover(ref.off, prefix, k).packed_rows()
        return on, care
    raise BoolnetError(f"verify_by_ranges: the reference must be a Network, Cover or "
                       f"CubeFunction, not {type(ref).__name__}")


def check_range(payload: dict) -> list[dict]:
    """Check every row of the ranges ``payload['prefixes']`` (run on a worker) -> one row each."""
    net, ref, k = payload["net"], payload["ref"], payload["k"]
    free = net.n_inputs - k
    out = []
    for p in range(*payload["prefixes"]):
        got, _ = evaluate_all(restrict(net, p, k))
        want, care = _reference_bits(ref, p, k)
        rows = 1 << free
        if rows < 64:  # bits past the last row of the only word are not rows
            mask = np.uint64((1 << rows) - 1)
            got, want, care = got & mask, want & mask, care & mask
        bad = (got ^ want) & care
        row = {"prefix": p, "rows": rows, "mismatch": None}
        if bad.any():
            firsts = []  # the smallest wrong row, then the smallest output on it
            for j in range(bad.shape[0]):
                nz = np.flatnonzero(bad[j])
                if len(nz):
                    word = int(bad[j, nz[0]])
                    firsts.append((int(nz[0]) * 64 + (word & -word).bit_length() - 1, j))
            r, j = min(firsts)
            e = int((int(want[j, r // 64]) >> (r % 64)) & 1)
            row["mismatch"] = {"row": (p << free) | r, "output": j, "expected": e, "got": 1 - e}
        out.append(row)
    return out


@dataclass
class RangeReport:
    """Result of :func:`verify_by_ranges`: ok, rows checked, chunks, the first counterexample."""

    ok: bool
    rows_checked: int
    chunks: int
    seconds: float
    counterexample: dict | None = None
    exhaustive: bool = True

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dict(self.__dict__)


def _digest(*objs: Any) -> str:
    h = hashlib.sha256()
    for o in objs:
        if isinstance(o, Network):
            for layer in o.layers:
                h.update(layer.W.tobytes() + layer.b.tobytes()
                         + repr((layer.activation, layer.sources)).encode())
            h.update(repr((o.n_inputs, o.encoding)).encode())
        elif isinstance(o, (Cover, CubeFunction)):
            covers = (o,) if isinstance(o, Cover) else (o.on, o.dc, o.off)
            for c in covers:
                if c is not None:
                    h.update(c.care.tobytes() + c.value.tobytes() + c.outputs.tobytes())
        else:
            h.update(repr(o).encode())
    return h.hexdigest()[:16]


def verify_by_ranges(net: Network, reference: Any, *, free_inputs: int = FREE_INPUTS,
                     ranges_per_chunk: int = 1, store: str | None = None,
                     scheduler: Any = "local", workers: int | None = None,
                     meter=None) -> RangeReport:
    """Check ``net`` against ``reference`` on every one of its 2^n rows, in ranges on the runner.

    Parameters
    ----------
    net : Network
        A threshold (step/sign) network.
    reference : Cover, CubeFunction or Network
        The function as covers (any number of inputs), or another network.
    free_inputs : int
        Inputs left free in a range (a range is 2^free_inputs rows).
    ranges_per_chunk : int
        Ranges per task (more amortise the task overhead).
    store : str, optional
        A SQLite result store to resume from (default: a temporary one).
    scheduler, workers
        As for :func:`boolnet.runner.run_chunks`.

    Returns
    -------
    RangeReport
        ``ok`` is True only when every row was evaluated and none differs on a care row.
    """
    check_scheduler(scheduler)  # before the store is created
    n = net.n_inputs
    ref_n = reference.n_inputs if isinstance(reference, Network) else reference.n
    ref_m = reference.n_outputs if isinstance(reference, Network) else reference.m
    if (ref_n, ref_m) != (n, net.n_outputs):
        raise BoolnetError(f"the network has {n} inputs and {net.n_outputs} outputs; the "
                           f"reference has {ref_n} and {ref_m}")
    if not net.is_threshold:
        raise BoolnetError("only threshold (step/sign) networks can be verified; harden it first")
    free = max(0, min(n, int(free_inputs)))
    k = n - free
    ranges = 1 << k
    per = max(1, int(ranges_per_chunk))
    chunks = [Chunk(c, {"net": net, "ref": reference, "k": k,
                        "prefixes": (lo, min(lo + per, ranges))}, (min(lo + per, ranges) - lo) << free)
              for c, lo in enumerate(range(0, ranges, per))]
    job = {"kind": "verify", "n": n, "free_inputs": free, "ranges_per_chunk": per,
           "digest": _digest(net, reference)}
    t0 = time.perf_counter()
    tmp = None
    if store is None:
        tmp = tempfile.mkdtemp(prefix="boolnet-verify-")
        store = os.path.join(tmp, "ranges.sqlite")
    try:
        with ResultStore(store, job) as st:
            run_chunks(check_range, chunks, st, scheduler=scheduler, workers=workers,
                               label=f"verify {n} inputs", unit="rows", meter=meter)
            rows = st.rows()
    finally:
        if tmp is not None:
            for name in os.listdir(tmp):
                os.unlink(os.path.join(tmp, name))
            os.rmdir(tmp)
    bad = [r["mismatch"] for r in rows if r["mismatch"] is not None]
    first = min(bad, key=lambda m: (m["row"], m["output"])) if bad else None
    if first is not None:
        first["inputs"] = format(first["row"], f"0{n}b") if n else ""
    checked = sum(r["rows"] for r in rows)
    return RangeReport(first is None and checked == 1 << n, checked, len(chunks),
                       time.perf_counter() - t0, first)
