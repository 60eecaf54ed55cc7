"""Shared fixtures, the ``slow`` marker, and an optional table of the tests that cost most CPU.

``@pytest.mark.slow`` tests (minutes of CPU between them) are skipped unless ``-m slow``
is given or ``BOOLNET_SLOW=1`` is set; the default run is the one the README promises in
under four minutes. ``BOOLNET_CPU_DURATIONS=N`` prints the N tests that used the most CPU
(this process and the subprocesses it waited for): on a machine shared with other work,
wall-clock durations measure the load as much as the test.
"""
import os
import resource
import sys
from pathlib import Path

import pytest

# Test files import helpers beside them (nets, strategies, brute, test_prove): with
# --import-mode=importlib (test files may share a name across folders) pytest no longer
# puts their folders on sys.path, so this does.
for _folder in sorted({p.parent for p in Path(__file__).parent.rglob("*.py")}, reverse=True):
    if "__pycache__" not in _folder.parts:
        sys.path.insert(0, str(_folder))

#: The shared benchmark PLA files, beside the checkout (never copied into it).
SHARED_PLA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "pla"


@pytest.fixture
def shared_pla() -> Path:
    if not SHARED_PLA.is_dir():
        pytest.skip(f"the shared benchmark set is absent ({SHARED_PLA})")
    return SHARED_PLA


def pytest_collection_modifyitems(config, items):
    if os.environ.get("BOOLNET_SLOW") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or BOOLNET_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


_CPU: dict[str, float] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not os.environ.get("BOOLNET_CPU_DURATIONS"):
        yield
        return
    start = _cpu()
    yield
    _CPU[item.nodeid] = _cpu() - start


def pytest_terminal_summary(terminalreporter):
    count = os.environ.get("BOOLNET_CPU_DURATIONS")
    if not count or not _CPU:
        return
    terminalreporter.section(f"{count} tests with the most CPU (s, with waited-for subprocesses)")
    for nodeid, seconds in sorted(_CPU.items(), key=lambda kv: -kv[1])[:int(count)]:
        terminalreporter.write_line(f"{seconds:8.2f}  {nodeid}")
    terminalreporter.write_line(f"{sum(_CPU.values()):8.2f}  in all ({len(_CPU)} tests)")
