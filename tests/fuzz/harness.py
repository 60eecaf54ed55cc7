"""Running one fuzz case through the CLI (in-process, click's CliRunner) and judging it.

A case is *clean* when the command exits 0 (or 1 where the command means "not
equal"), or 2 with exactly one ``boolnet: error:`` line, no traceback, nothing written
on failure and no temporary file left behind, and its Python allocations stay under
:data:`PEAK_BOUND` (with the memory budget set to :data:`BUDGET`). Anything else is a *defect*, recorded with what reproduces it.
"""
from __future__ import annotations

import json
import os
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from boolnet.cli import main

#: The memory budget in-process cases run under (BOOLNET_MEMORY_BUDGET), and the peak
#: Python/NumPy allocation one case may reach (tracemalloc sees NumPy's): twice the budget,
#: for what the estimates leave out.
BUDGET = "512M"
PEAK_BOUND = 1 << 30
#: Peak RSS a refused request may reach in its own process.
REFUSED_RSS_BOUND = 1 << 30


@dataclass
class Tally:
    """Counts of one class of cases, and the defects found with their reproducers."""

    name: str
    tried: int = 0
    clean_errors: int = 0
    successes: int = 0
    defects: list[str] = field(default_factory=list)
    refused_peaks: list[int] = field(default_factory=list)  # bytes, one per refused request
    last_stdout: str = ""  # what the last judged command printed, for checks of its result

    def line(self) -> str:
        """One line of the summary table."""
        peak = f"{max(self.refused_peaks) / 2**20:.0f} MiB" if self.refused_peaks else "-"
        return (f"{self.name:<13} tried {self.tried:>5}  clean errors {self.clean_errors:>5}  "
                f"successes {self.successes:>5}  defects {len(self.defects)}  "
                f"refused {len(self.refused_peaks)} (peak {peak})")

    def save(self) -> None:
        """Merge these figures into the JSON file BOOLNET_FUZZ_REPORT names, if set."""
        path = os.environ.get("BOOLNET_FUZZ_REPORT")
        print("\n" + self.line())
        if not path:
            return
        data = json.loads(Path(path).read_text()) if Path(path).exists() else {}
        data[self.name] = {"tried": self.tried, "clean_errors": self.clean_errors,
                           "successes": self.successes, "defects": len(self.defects),
                           "defect_examples": self.defects[:5],
                           "refused": len(self.refused_peaks),
                           "refused_peak_bytes": self.refused_peaks}
        Path(path).write_text(json.dumps(data, indent=1))


def judge_cli(tally: Tally, args: list[str], *, folder: Path, ok_codes=(0,),
              targets: tuple[Path, ...] = (), label: str = "", stdin: str | None = None) -> int:
    """Run ``boolnet args`` in-process, judge it, count it; return the exit code (-1 on a defect)."""
    tally.tried += 1
    before = {t: _snapshot(t) for t in targets}
    old = os.environ.get("BOOLNET_MEMORY_BUDGET")
    os.environ["BOOLNET_MEMORY_BUDGET"] = BUDGET
    tracemalloc.start()
    try:
        res = CliRunner().invoke(main, args, input=stdin)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        if old is None:
            del os.environ["BOOLNET_MEMORY_BUDGET"]
        else:
            os.environ["BOOLNET_MEMORY_BUDGET"] = old
    err = res.stderr
    tally.last_stdout = res.stdout
    problem = None
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        problem = f"{type(res.exception).__name__}: {str(res.exception)[:200]}"
    elif "Traceback" in res.output:
        problem = "a traceback on the output"
    elif res.exit_code == 2:
        lines = [s for s in err.splitlines() if s.startswith("boolnet: error:")]
        if len(lines) != 1 or not err.rstrip("\n").splitlines()[-1].startswith("boolnet: error:"):
            problem = f"exit 2 without one 'boolnet: error:' line: {err[-300:]!r}"
        elif len(lines[0]) > 500:
            problem = f"an error line of {len(lines[0])} characters"
        else:
            for t in targets:
                if _snapshot(t) != before[t]:
                    problem = f"{t.name} changed although the command failed"
    elif res.exit_code not in ok_codes:
        problem = f"exit code {res.exit_code}: {res.output[-300:]!r}"
    if problem is None:
        left = [p.name for p in folder.iterdir() if p.name.startswith(".boolnet-")]
        if left:
            problem = f"temporary files left behind: {left}"
    if problem is None and peak > PEAK_BOUND:
        problem = f"peak allocation {peak / 2**20:.0f} MiB"
    if problem is not None:
        tally.defects.append(f"{label} boolnet {' '.join(args)[:300]} -> {problem}")
        return -1
    if res.exit_code == 2:
        tally.clean_errors += 1
        if "would need about" in err or "too large" in err:
            tally.refused_peaks.append(peak)
    else:
        tally.successes += 1
    return res.exit_code


def _snapshot(path: Path):
    """What a target is now: absent, or (kind, content) for files and links."""
    if path.is_symlink():
        real = path.resolve()
        return ("link", os.readlink(path), real.read_bytes() if real.is_file() else None)
    if not path.exists():
        return None
    if path.is_file():
        return ("file", path.read_bytes())
    return ("other", path.stat().st_mode)
