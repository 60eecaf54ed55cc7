"""The kernel decorator: numba loaded at first use, cached where numba can cache, plain compiled where it cannot."""
from __future__ import annotations

import os
import subprocess
import sys

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


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, **env), check=True)


def test_numba_loads_at_the_first_kernel_call_and_rebinds_the_globals():
    code = ("import sys, numpy as np\n"
            "import boolnet.unate as u, boolnet.cubes as c\n"
            "print('numba' in sys.modules, type(u._popcount).__name__)\n"
            "u._popcount(np.uint64(7))\n"
            "print('numba' in sys.modules, type(u._popcount).__name__, "
            "type(c._or_words).__name__)\n")
    lines = _run(code).stdout.split("\n")
    assert lines[0] == "False Kernel"
    assert lines[1] == "True CPUDispatcher CPUDispatcher"


def test_a_cold_cache_is_announced_on_stderr_even_when_piped(tmp_path):
    code = "import numpy as np, boolnet.unate as u; print(u._popcount(np.uint64(7)))"
    first = _run(code, NUMBA_CACHE_DIR=str(tmp_path))
    assert first.stdout.strip() == "3"
    assert "boolnet: compiling _popcount" in first.stderr
    again = _run(code, NUMBA_CACHE_DIR=str(tmp_path))
    assert again.stdout.strip() == "3"
    assert "compiling" not in again.stderr  # loaded from the cache this time
