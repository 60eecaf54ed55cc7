import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

#: The shared benchmark PLA files, beside the checkout (never copied into it).
SHARED_PLA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "pla"


@pytest.fixture
def shared_pla() -> Path:
    if not SHARED_PLA.is_dir():
        pytest.skip(f"the shared benchmark set is absent ({SHARED_PLA})")
    return SHARED_PLA
