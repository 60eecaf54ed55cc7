"""A one-line progress bar on stderr for long minimisations: shown on a terminal, silent when piped."""
from __future__ import annotations

import os
import sys
import time

__all__ = ["Progress", "kernels_cold"]


class Progress:
    """Call ``update(stage, fraction)``; draws after ``delay`` seconds, only when stderr is a terminal.

    >>> p = Progress(enabled=False); p.update("expand", 0.5); p.close()
    """

    def __init__(self, enabled: bool | None = None, delay: float = 0.5, width: int = 30,
                 stream=None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.delay = delay
        self.width = width
        self.start = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def update(self, stage: str, fraction: float) -> None:
        """Redraw the bar (at most ten times a second)."""
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.start < self.delay or now - self.last < 0.1:
            return
        self.last = now
        fraction = min(1.0, max(0.0, fraction))
        filled = int(round(fraction * self.width))
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\rminimize [{bar}] {fraction:4.0%} {stage:<16.16} "
                          f"{now - self.start:6.1f}s")
        self.stream.flush()
        self.shown = True

    def note(self, text: str) -> None:
        """Print one line now (on a terminal only), e.g. a warning that a step will be slow."""
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 48) + "\r")
            self.stream.flush()
            self.shown = False


def kernels_cold() -> bool:
    """True when a main compiled kernel of the heuristic has no copy cached on disk yet.

    numba compiles the kernels at their first use on a machine (tens of seconds in all)
    and caches them beside the package; :mod:`boolnet.jit` announces such a compile on
    stderr when it starts. Asking loads numba.
    """
    from .. import unate
    from . import expand1
    try:
        return not all(os.path.exists(k._cache._cache_file._index_path) for k in (
            unate.tautology, unate.complement, unate.sccc, unate.irredundant_rows,
            unate.reduce_cube, expand1.expand_cubes))
    except AttributeError:  # another numba layout: say nothing
        return False
