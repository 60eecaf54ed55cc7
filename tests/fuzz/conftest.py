"""Fuzz tests: ``slow`` ones (100 times the cases) run with ``-m slow`` or BOOLNET_SLOW=1."""
import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("BOOLNET_SLOW") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow or BOOLNET_SLOW=1")
    for item in items:
        if "slow" in item.keywords and "fuzz" in str(item.fspath):
            item.add_marker(skip)
