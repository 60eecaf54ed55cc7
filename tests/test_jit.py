"""The kernel decorator: cached where numba can cache, plain compiled where it cannot."""
from __future__ import annotations

import numpy as np

from boolnet import jit as jitmod


def _double(x):
    return 2 * x


def test_jit_compiles_and_falls_back_when_no_cache_location(monkeypatch):
    f = jitmod.jit(_double)
    assert f(np.int64(21)) == 42
    assert type(f._cache).__name__ == "FunctionCache"  # cached on disk
    real = jitmod.njit

    def no_locator(*args, **kw):
        if kw.get("cache"):
            raise RuntimeError("cannot cache function '_double': no locator available")
        return real(*args, **kw)

    monkeypatch.setattr(jitmod, "njit", no_locator)
    g = jitmod.jit(_double)
    assert g(np.int64(4)) == 8
    assert type(g._cache).__name__ == "NullCache"  # compiled, not cached
