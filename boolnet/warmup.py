"""Compile every numba kernel ahead of use: ``python -m boolnet.warmup``.

A cold kernel cache (a first run after ``pip install``, or after an upgrade) costs tens
of seconds of compiling, spread over the first commands that need each kernel. The first
process that has to compile starts this module in the background (:mod:`boolnet.jit`
does, once per cache, at low priority), so that while it compiles what it needs, the
rest is compiled on the other core and the next commands find everything cached.

The work is a fixed set of small problems that between them call every kernel the way
real inputs do (dense and cube-level minimisation, exact and heuristic, one and many
outputs, don't-cares, compile and verify), with ``BOOLNET_KERNELS=numba`` so that none
runs as plain Python. Run by hand it prints what it compiled. Building the wheel runs it
too (``setup.py``), so that ``pip install .`` installs the kernels already compiled; it
needs numpy, numba and scipy only.
"""
from __future__ import annotations

import os
import sys
import time

__all__ = ["warm", "main"]


def _work() -> None:
    """Call every kernel through the public paths (seeded: the same calls every time)."""
    import numpy as np

    from . import compile as compile_net
    from . import minimize, verify
    from .cover import Cover, CubeFunction
    from .function import BooleanFunction

    rng = np.random.default_rng(2026)
    for n, m, p_dc in ((3, 1, 0.0), (5, 2, 0.2), (8, 3, 0.1), (11, 4, 0.1), (13, 2, 0.05)):
        t = rng.choice([-1, 0, 1], size=(1 << n, m), p=[p_dc, (1 - p_dc) / 2, (1 - p_dc) / 2])
        f = BooleanFunction.from_array(t)
        for method in ("exact", "heuristic"):
            minimize(f, method=method, time_limit=5.0)
    # Cube level, beyond the dense limits: 30 inputs, several outputs, don't-cares.
    n, m = 30, 3
    cubes = ["".join(rng.choice(list("01--"), n)) for _ in range(120)]
    outs = ["".join(rng.choice(list("01"), m, p=[0.4, 0.6])) for _ in cubes]
    on = Cover.from_strings(cubes, n=n, outputs=outs)
    dc = Cover.from_strings(cubes[:10], n=n, outputs=outs[:10])
    minimize(CubeFunction(on, dc, pla_type="fd"), method="heuristic", time_limit=10.0)
    # A cyclic cover (every x_i & ~x_j of a ring of 8, among 26 inputs, two outputs): all its
    # cubes are partially redundant, so IRREDUNDANT builds and solves its covering rows.
    ring = []
    for i in range(8):
        for j in range(8):
            if i != j:
                cube = ["-"] * 26
                cube[i], cube[j] = "1", "0"
                ring.append("".join(cube))
    outs = ["11" if k % 3 else "10" for k in range(len(ring))]
    minimize(CubeFunction(Cover.from_strings(ring, n=26, outputs=outs), pla_type="f"),
             method="heuristic", time_limit=10.0)
    f = BooleanFunction.from_expr("a & b | c ^ d | ~a & e")
    net = compile_net(f)
    verify(net, f)
    # Exact synthesis of a 5-input function of two hidden units (5-input parity): the
    # search's pair scan (compiler/exact_search.py), which every census class calls.
    from .compiler.exact import exact_minimum
    from .families import parity
    exact_minimum(parity(5), time_limit=60.0)


def warm(verbose: bool = False) -> tuple[int, float]:
    """Compile the kernels the sample problems call; return (kernels compiled, seconds)."""
    os.environ["BOOLNET_KERNELS"] = "numba"
    os.environ["BOOLNET_NO_WARMUP"] = "1"  # this process must not start another
    from . import jit
    start = time.perf_counter()
    _work()
    count = jit.compile_count()
    if verbose:
        print(f"boolnet: {count} kernels compiled in {time.perf_counter() - start:.1f} s "
              f"({jit.compile_seconds():.1f} s compiling)")
    return count, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """``python -m boolnet.warmup [--quiet]``: compile the kernels now."""
    argv = sys.argv[1:] if argv is None else argv
    if "--background" in argv:
        os.environ["BOOLNET_QUIET_COMPILE"] = "1"
        try:
            os.nice(10)
        except (AttributeError, OSError):  # not on this platform: run at normal priority
            pass
    warm(verbose="--quiet" not in argv and "--background" not in argv)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
