"""The one decorator for compiled kernels: numba's njit, cached on disk where it can be.

numba caches compiled code beside the package, or in the user's cache directory when the
package's folder is read-only. Where neither can be written it cannot cache at all, and
``njit(cache=True)`` would fail at import; the kernels are then compiled in every process
instead.
"""
from __future__ import annotations

from numba import njit

__all__ = ["jit"]


def jit(fn):
    """Compile ``fn`` with numba (nopython), cached on disk when a cache location exists."""
    try:
        return njit(cache=True)(fn)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return njit(fn)
