"""Packed bit vectors: 64 truth-table rows per ``uint64`` word, row r at bit r % 64 of word r // 64."""
from __future__ import annotations

import numpy as np

__all__ = ["words_for", "pack", "unpack", "popcount", "tail_mask", "input_column", "row_weights"]


def words_for(nbits: int) -> int:
    """Number of uint64 words that hold ``nbits`` bits (at least one)."""
    return max(1, (nbits + 63) // 64)


def pack(bits: np.ndarray) -> np.ndarray:
    """Pack a boolean array (..., R) into uint64 words (..., ceil(R/64)), little-endian bit order."""
    bits = np.asarray(bits, dtype=bool)
    nbits = bits.shape[-1]
    nwords = words_for(nbits)
    pad = nwords * 64 - nbits
    if pad:
        bits = np.concatenate([bits, np.zeros(bits.shape[:-1] + (pad,), dtype=bool)], axis=-1)
    packed = np.packbits(bits, axis=-1, bitorder="little")
    # packbits gives bytes in row order; on a little-endian view 8 bytes make one word.
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64, copy=False)


def unpack(words: np.ndarray, nbits: int) -> np.ndarray:
    """Unpack uint64 words (..., W) into a boolean array (..., nbits)."""
    words = np.ascontiguousarray(np.asarray(words, dtype=np.uint64))
    as_bytes = words.astype("<u8", copy=False).view(np.uint8)
    return np.unpackbits(as_bytes, axis=-1, count=nbits, bitorder="little").astype(bool)


if hasattr(np, "bitwise_count"):
    def popcount(words: np.ndarray) -> np.ndarray:
        """Number of set bits in each uint64 word."""
        return np.bitwise_count(np.asarray(words, dtype=np.uint64)).astype(np.int64)
else:  # pragma: no cover - numpy < 2.0
    def popcount(words: np.ndarray) -> np.ndarray:
        """Number of set bits in each uint64 word."""
        w = np.asarray(words, dtype=np.uint64)
        return np.unpackbits(w.view(np.uint8).reshape(w.shape + (8,)), axis=-1).sum(-1).astype(np.int64)


def tail_mask(nbits: int) -> np.ndarray:
    """The valid-bit mask for a packed vector of ``nbits`` bits (all ones except the unused tail)."""
    mask = np.full(words_for(nbits), np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    rem = nbits % 64
    if rem:
        mask[-1] = np.uint64((1 << rem) - 1)
    if nbits == 0:
        mask[:] = 0
    return mask


def input_column(n: int, i: int) -> np.ndarray:
    """Value of input ``i`` (0-based, input 0 most significant) on every row of an n-input table."""
    period = 1 << (n - 1 - i)
    return np.tile(np.repeat(np.array([False, True]), period), 1 << i)


def row_weights(n: int) -> np.ndarray:
    """Number of ones in each row number 0 .. 2^n - 1 (the Hamming weight), as uint8."""
    w = np.zeros(1, dtype=np.uint8)
    for _ in range(n):
        w = np.concatenate([w, w + 1])
    return w
