"""All (multiple-output) prime implicants of a packed truth table, bit-parallel over all 3^n cubes.

Every cube of n inputs is a point of the ternary array (3,)*n: digit 0 or 1 is a
literal, digit 2 leaves the input free; axis i is input i (first input = axis 0, as
rows are numbered most significant first). Whether a cube is an implicant of ON ∪ DC
follows axis by axis: the free slice is the AND of the 0 and 1 slices. With m outputs
the AND runs on bit masks, giving for every cube the set O(c) of outputs it implies.
A cube is a multiple-output prime when no cube one input larger implies the same
outputs (McCluskey's definition: it may then feed any output of O(c)); it is useful when
it covers an ON row of some output in O(c).

>>> from boolnet import BooleanFunction
>>> p = dense_primes(BooleanFunction.from_minterms(3, [0, 1, 3, 7]))
>>> sorted(p.strings())
['-11', '0-1', '00-']
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import BoolnetError
from ..function import BooleanFunction
from .. import cubes

__all__ = ["Primes", "dense_primes", "ternary_bytes", "TooManyPrimes"]


class TooManyPrimes(BoolnetError):
    """More prime implicants than the limit (exact minimisation gives up)."""


@dataclass
class Primes:
    """Prime implicants: packed care/value masks (k, W), output sets (k, m), and the ternary index."""

    n: int
    care: np.ndarray
    value: np.ndarray
    outputs: np.ndarray
    index: np.ndarray  #: flat index of each prime in the (3,)*n array

    def __len__(self) -> int:
        return len(self.care)

    @property
    def literals(self) -> np.ndarray:
        """Literal count per prime."""
        return cubes.literal_counts(self.care)

    def strings(self) -> list[str]:
        """Each prime as a cube string."""
        return cubes.to_strings(self.care, self.value, self.n)


def _dtype(m: int):
    for bits, dt in ((8, np.uint8), (16, np.uint16), (32, np.uint32), (64, np.uint64)):
        if m <= bits:
            return dt
    raise BoolnetError(f"dense prime generation handles up to 64 outputs, not {m}")


def ternary_bytes(n: int, m: int) -> int:
    """Peak working memory of :func:`dense_primes`, in bytes.

    Two ternary arrays of output masks (implicants, and ON hits), a boolean prime array,
    one boolean temporary and the prime indices: about (2 * itemsize + 3) * 3^n.
    """
    return (2 * np.dtype(_dtype(max(1, m))).itemsize + 3) * (3 ** n)


def _grow(a: np.ndarray, op) -> np.ndarray:
    """Extend a (2,)*n array to (3,)*n, slice 2 of each axis = op(slice 0, slice 1).

    The (3,)*n result is allocated once and filled in place, axis by axis.
    """
    n = a.ndim
    out = np.empty((3,) * n, a.dtype)
    out[(slice(0, 2),) * n] = a
    for ax in range(n):
        base = [slice(None)] * ax + [0] + [slice(0, 2)] * (n - ax - 1)

        def at(i):
            s = list(base)
            s[ax] = slice(i, i + 1)
            return tuple(s)

        op(out[at(0)], out[at(1)], out=out[at(2)])
    return out


def _masks(f: BooleanFunction, bits: np.ndarray, dt) -> np.ndarray:
    """Per row, the bit mask of outputs whose ``bits`` row is set, shaped (2,)*n."""
    out = np.zeros(f.rows, dtype=dt)
    for j in range(f.m):
        out |= bits[j].astype(dt) << dt(j)
    return out.reshape((2,) * f.n) if f.n else out.reshape(())


def dense_primes(f: BooleanFunction, max_primes: int | None = None,
                 useful_only: bool = True) -> Primes:
    """All multiple-output prime implicants of a truth table (that cover some ON row, by default)."""
    n, m = f.n, f.m
    dt = _dtype(m)
    on = f.on_bits()
    care = on | f.dc_bits()
    if n == 0:
        o = bool(care[:, 0].any()) and (not useful_only or bool(on[:, 0].any()))
        z = np.zeros((int(o), 1), np.uint64)
        outs = (care[:, 0] & (on[:, 0] | ~np.bool_(useful_only)))[None, :] if o else np.zeros((0, m), bool)
        return Primes(0, z, z.copy(), outs.reshape(-1, m), np.zeros(int(o), np.int64))
    imp = _grow(_masks(f, care, dt), np.bitwise_and)
    prime = imp != 0
    for ax in range(n):
        up = [slice(None)] * n
        up[ax] = slice(2, 3)
        sl = [slice(None)] * n
        sl[ax] = slice(0, 2)
        prime[tuple(sl)] &= imp[tuple(sl)] != imp[tuple(up)]
    if useful_only:
        hit = _grow(_masks(f, on, dt), np.bitwise_or)
        np.bitwise_and(hit, imp, out=hit)
        prime &= hit != 0
        del hit
    idx = np.flatnonzero(prime.ravel())
    del prime
    if max_primes is not None and len(idx) > max_primes:
        raise TooManyPrimes(f"{len(idx)} prime implicants, more than the limit of {max_primes}")
    o = imp.ravel()[idx]
    del imp
    outputs = ((o[:, None] >> np.arange(m, dtype=dt)[None, :]) & dt(1)).astype(bool)
    digits = np.array(np.unravel_index(idx, (3,) * n)).T  # column i = input i
    w = max(1, (n + 63) // 64)
    cb = cubes._pack(digits != 2, w)
    vb = cubes._pack(digits == 1, w)
    return Primes(n, cb, vb, outputs, idx)
