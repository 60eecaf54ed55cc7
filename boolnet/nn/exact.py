"""Exhaustive evaluation of threshold networks on all 2^n inputs, exactly and in chunks.

Row r holds the inputs whose bits spell r with the FIRST input as the MOST significant
bit (row 5 of 3 inputs is (1, 0, 1)). Outputs come packed: bit r % 64 of word r // 64 of
row ``packed[j]`` is output j on row r (a '1' bit means step output 1 / sign output +1).

Paths: 'bitslice' (integer weights: 64 rows per word, see bitslice.py) and the dense
GEMM paths. A dense path is exact when every partial sum is an exactly representable
integer: float32 while max |w.x + b| < 2^24, float64 while < 2^53, int64 beyond. The bound
is taken from the weights (sum of |W| over a row plus |b|, every signal being in [-1, 1]).
"""
from __future__ import annotations

import time

import numpy as np

from .bitslice import compile_bitslice
from .network import Network, exact_bits

__all__ = ["evaluate_all", "sum_bound", "dense_path", "unpack", "input_rows", "PATHS",
           "exact_bits"]

PATHS = ("auto", "bitslice", "dense", "float32", "float64", "int64")
MAX_OUTPUT_BYTES = 1 << 32  # refuse packed outputs beyond 4 GiB up front
MAX_REGISTER_BYTES = 1 << 28  # bit-slice registers: at most 256 MiB
MAX_COMPILE_BYTES = 1 << 32  # the bit-sliced program (Python objects while it is built)
BITSLICE_BYTES_PER_WEIGHT = 48  # measured order: object weights, their list copy, the rewrite


def sum_bound(net: Network) -> float:
    """Largest |w.x + b| any unit can reach with signals in [-1, 1] (-> int or float)."""
    best = 0
    for layer in net.layers:
        W = np.abs(layer.W.astype(object) if layer.is_integer else layer.W)
        rows = W.sum(axis=1) + np.abs(layer.b.astype(object) if layer.is_integer else layer.b)
        best = max(best, max(rows) if len(rows) else 0)
    return best


def dense_path(net: Network) -> str:
    """The cheapest exact dense dtype for this network: 'float32', 'float64' or 'int64' (-> str)."""
    if not net.is_integer:
        return "float64"
    bound = sum_bound(net)
    if bound < 2 ** 24:
        return "float32"
    if bound < 2 ** 53:
        return "float64"
    return "int64"


def input_rows(n: int, start: int, rows: int, dtype=np.int64, pm1: bool = False) -> np.ndarray:
    """Inputs of rows [start, start+rows), first input most significant (-> (rows, n) array)."""
    it = np.int32 if start + rows <= 2**31 else np.int64  # narrower ints: half the memory traffic
    r = np.arange(start, start + rows, dtype=it)
    X = ((r[:, None] >> np.arange(n - 1, -1, -1, dtype=it)) & 1).astype(dtype)
    if pm1:
        X = 2 * X - 1
    return X


def unpack(packed: np.ndarray, n: int) -> np.ndarray:
    """Dense 0/1 outputs (2^n, m) uint8 from packed words (m, words) (-> array)."""
    bits = np.unpackbits(packed.view(np.uint8), axis=1, bitorder="little")
    return np.ascontiguousarray(bits[:, : 1 << n].T)


def _chunk_rows(net: Network, n: int, chunk_rows: int | None, path: str) -> int:
    if chunk_rows is None:
        if path == "bitslice":
            chunk_rows = 1 << 16  # 1024 words (8 KiB): registers stay in L1/L2 cache
        else:
            width = max(net.widths)
            chunk_rows = max(64, (1 << 16) // max(width, 1))  # widest signal ~256-512 KiB: cache-sized
    chunk_rows = 1 << max(int(chunk_rows).bit_length() - 1, 6)  # a power of two, >= one word
    return min(chunk_rows, max(1 << n, 64))


def evaluate_all(net: Network, chunk_rows: int | None = None, path: str = "auto",
                 dense: bool = False):
    """Outputs of a step/sign network on all 2^n rows -> (packed (m, ceil(2^n/64)) uint64, info).

    ``path``: 'auto' (bitslice for integer weights, else dense float64), 'bitslice',
    'dense' (cheapest exact dtype), or a dtype 'float32' / 'float64' / 'int64' (refused when
    not exact). With ``dense=True`` the first result is the (2^n, m) uint8 array instead.
    ``info`` says which path ran, whether it is exact, the sum bound, rows, seconds, rows/s.
    """
    if path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}, got {path!r}")
    if not net.is_threshold:
        raise ValueError("evaluate_all needs step/sign units; harden the network first")
    n, m = net.n_inputs, net.n_outputs
    total_rows = 1 << n
    words = max(total_rows // 64, 1)
    need = m * words * 8
    if need > MAX_OUTPUT_BYTES:
        raise MemoryError(f"exhaustive evaluation of {n} inputs would need {need / 2**30:.1f} GiB "
                          f"for the packed outputs alone (limit {MAX_OUTPUT_BYTES / 2**30:.0f} GiB)")
    bound = sum_bound(net)
    if path == "auto":
        path = "bitslice" if net.is_integer else "float64"
    if path == "dense":
        path = dense_path(net)
    if path == "bitslice" and not net.is_integer:
        raise ValueError("the bit-sliced path needs integer weights")
    if net.is_integer and path in ("float32", "float64"):
        limit = 2 ** 24 if path == "float32" else 2 ** 53
        if bound >= limit:
            raise ValueError(f"{path} is not exact here: sums reach {bound} >= 2^{limit.bit_length() - 1}")
    if path == "int64" and not net.is_integer:
        raise ValueError("the int64 path needs integer weights")
    if path == "int64" and bound >= 2 ** 63:
        raise ValueError(f"sums reach {bound}: beyond int64")
    if path == "bitslice":
        weights = sum(layer.W.size for layer in net.layers)
        if weights * BITSLICE_BYTES_PER_WEIGHT > MAX_COMPILE_BYTES:
            raise MemoryError(f"the bit-sliced program of {weights} weights would need about "
                              f"{weights * BITSLICE_BYTES_PER_WEIGHT / 2**30:.1f} GiB to build "
                              f"(limit {MAX_COMPILE_BYTES / 2**30:.0f} GiB)")
    R = _chunk_rows(net, n, chunk_rows, path)
    packed = np.zeros((m, words), np.uint64)
    t0 = time.perf_counter()
    if path == "bitslice":
        prog = compile_bitslice(net)
        cw = R // 64
        while cw > 1 and prog.registers_bytes(cw) > MAX_REGISTER_BYTES:
            cw //= 2  # many live registers (wide layers): smaller chunks keep memory bounded
        R = cw * 64
        prog.prepare(cw)  # per-chunk-size tables (cube unions): part of compiling
        compile_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()  # compiling is not evaluating: time the run alone
        prog.run(total_rows, cw, packed)
        extra = {"units": dict(prog.kinds), "ops": prog.n_ops, "registers": prog.n_registers,
                 "compile_seconds": compile_seconds}
    else:
        _dense(net, n, R, np.dtype(path), packed)
        extra = {}
    if total_rows < 64:  # rows past 2^n in the only word are not rows: clear them
        packed &= np.uint64((1 << total_rows) - 1)
    seconds = time.perf_counter() - t0
    info = {"path": path, "exact": bool(net.is_integer), "bound": int(bound) if net.is_integer else float(bound),
            "rows": total_rows, "chunk_rows": R, "seconds": seconds,
            "rows_per_second": total_rows / seconds if seconds > 0 else float("inf"), **extra}
    if dense:
        return unpack(packed, n), info
    return packed, info


def _dense(net: Network, n: int, R: int, dt: np.dtype, packed: np.ndarray) -> None:
    total = 1 << n
    R = min(R, total)
    pm1 = net.encoding == "pm1"
    ws = net.workspace(R, dt)
    # The low log2(R) bits of a row number run through every pattern inside each chunk; the
    # high bits are constant per chunk, so only those columns are refilled.
    lowbits = R.bit_length() - 1
    X = input_rows(n, 0, R, dt, pm1)
    hi_cols = [j for j in range(n) if n - 1 - j >= lowbits]
    lo, hi = (-1, 1) if pm1 else (0, 1)
    threshold = 0.5 if net.layers[-1].activation == "step" else 0
    bits = np.empty((net.n_outputs, R), bool)
    for c in range(total // R):
        start = c * R
        for j in hi_cols:
            X[:, j] = hi if (start >> (n - 1 - j)) & 1 else lo
        out = net.run(ws, X)
        np.greater_equal(out.T, threshold, out=bits)
        words = np.packbits(bits, axis=1, bitorder="little")
        if R >= 64:
            packed[:, start // 64:(start + R) // 64] = words.view(np.uint64)
        else:
            pad = np.zeros((bits.shape[0], 8), np.uint8)
            pad[:, :words.shape[1]] = words
            packed[:, 0] = pad.view(np.uint64)[:, 0]
