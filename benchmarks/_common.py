"""The start-up every benchmark shares (DESIGN.md, "Benchmarks").

A benchmark runs as ``python benchmarks/NAME.py [--quick] [--json out.json]`` from any
directory: Python then puts ``benchmarks/`` first on ``sys.path``, so ``from _common import
...`` finds this module, and importing it puts the checkout before any installed boolnet.
The leading underscore keeps it out of ``docs/make_benchmarks.py``'s list of benchmarks.

- :func:`pin_threads` pins BLAS (threadpoolctl) and, when asked, torch to one thread,
  once, after the benchmark's own imports have loaded NumPy;
- :func:`parser` gives the ``--quick`` / ``--json`` options every benchmark takes;
- :func:`write_json` writes the figures (atomically: a temporary file, then renamed), and
  :func:`finish` prints the targets line, adds the targets to the figures and writes them;
- :func:`torch_all_rows` is the PyTorch peer that evaluates a network on every row.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if sys.path[:1] != [str(ROOT)]:
    sys.path.insert(0, str(ROOT))

#: The shared two-level benchmark files (Berkeley PLA, the MCNC/Espresso set).
SHARED = ROOT.parent / "shared" / "bench" / "pla"
#: Berkeley ABC, the peer of several benchmarks, or None where it is not installed.
ABC = shutil.which("berkeley-abc") or shutil.which("abc")

_LIMITS = None  # the threadpoolctl limiter, kept alive for the whole run


def pin_threads(torch: bool = False):
    """BLAS to one thread (threadpoolctl); with ``torch=True`` torch too, returning the
    ``torch`` module, or None where torch is not installed (None also without ``torch``)."""
    global _LIMITS
    try:
        from threadpoolctl import threadpool_limits
        _LIMITS = threadpool_limits(1)
    except ImportError:  # pragma: no cover
        pass
    if not torch:
        return None
    try:
        import torch as torch_module
    except ImportError:  # pragma: no cover
        return None
    torch_module.set_num_threads(1)
    return torch_module


def parser(doc: str, quick: str) -> argparse.ArgumentParser:
    """An argument parser described by the first line of ``doc``, with ``--quick`` (help
    text ``quick``) and ``--json PATH``; add the benchmark's own options to it."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help=quick)
    ap.add_argument("--json", help="write the figures here")
    return ap


def write_json(path: str | os.PathLike, obj, **dumps) -> None:
    """``obj`` as indented JSON (2 spaces unless ``indent`` is given; other keywords go to
    :func:`json.dumps`) with a final newline, through a temporary file renamed into place."""
    dumps.setdefault("indent", 2)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(obj, **dumps) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def finish(out: dict, path: str | os.PathLike | None, targets: dict, **dumps) -> None:
    """The end of a run: ``targets`` printed as one JSON line and stored as
    ``out["targets"]``, then ``out`` written to ``path`` (when given) by :func:`write_json`."""
    out["targets"] = targets
    print("\ntargets:", json.dumps(targets))
    if path:
        write_json(path, out, **dumps)


def torch_all_rows(net, n: int, chunk: int = 1 << 16) -> float:
    """Seconds for PyTorch to run the network on every row (float32, chunked); call
    :func:`pin_threads` with ``torch=True`` first."""
    import torch
    layers = [(torch.tensor(L.W, dtype=torch.float32), torch.tensor(L.b, dtype=torch.float32),
               L.sources) for L in net.layers]
    t0 = time.perf_counter()
    total = 1 << n
    shifts = torch.arange(n - 1, -1, -1)
    with torch.no_grad():
        for start in range(0, total, chunk):
            r = torch.arange(start, min(start + chunk, total))
            signals = [((r[:, None] >> shifts) & 1).to(torch.float32)]
            for W, b, src in layers:
                x = torch.cat([signals[s] for s in src], dim=1)
                signals.append(((x @ W.T + b) >= 0).to(torch.float32))
    return time.perf_counter() - t0
