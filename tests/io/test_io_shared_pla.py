"""Every file of the shared benchmark set parses and writes back to an equivalent cover."""
from pathlib import Path

import numpy as np
import pytest

from boolnet.bits import row_weights
from boolnet.io.pla import format_pla, parse_pla, read_pla

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "pla"
FILES = sorted(SHARED.glob("*.pla")) if SHARED.is_dir() else []
needs_shared = pytest.mark.skipif(not FILES, reason=f"the shared PLA set is absent ({SHARED})")


def _key(cover):
    return sorted((s, "".join("1" if b else "0" for b in o))
                  for s, o in zip(cover.cube_strings(), cover.outputs))


@needs_shared
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_shared_file_round_trip(path):
    cf = read_pla(path)
    back = parse_pla(format_pla(cf), source=f"{path.name} (written back)")
    assert (back.n, back.m, back.pla_type) == (cf.n, cf.m, cf.pla_type)
    assert back.input_names == cf.input_names and back.output_names == cf.output_names
    assert _key(back.on) == _key(cf.on) and _key(back.dc) == _key(cf.dc)
    assert (back.off is None) == (cf.off is None)
    if cf.off is not None:
        assert _key(back.off) == _key(cf.off)
    if cf.n <= 16:
        assert back.to_function() == cf.to_function()


@needs_shared
def test_shared_file_sizes_match_the_headers():
    wide = {p.stem: read_pla(p).n for p in FILES if p.stem in ("e64", "apex5", "ex4", "o64")}
    assert wide == {"e64": 65, "apex5": 117, "ex4": 128, "o64": 130}


@needs_shared
def test_shared_files_compute_what_they_are_named_for():
    weights = row_weights(9)
    nine = read_pla(SHARED / "9sym.pla").to_function()
    assert nine.on_bits()[0].tolist() == ((weights >= 3) & (weights <= 6)).tolist()
    assert read_pla(SHARED / "Z9sym.pla").to_function().equivalent(nine)
    # Z5xp1 is 5x + 1 on 7 bits, written MSB first (5xp1 itself uses another encoding).
    v = 5 * np.arange(128) + 1
    z5 = read_pla(SHARED / "Z5xp1.pla").to_function()
    assert z5.to_array().tolist() == np.stack([(v >> (9 - j)) & 1 for j in range(10)], 1).tolist()
    xor5 = read_pla(SHARED / "xor5.pla").to_function()
    assert xor5.value_vector() == (0, 1, 0, 1, 0, 1)
    rd53 = read_pla(SHARED / "rd53.pla").to_function()
    w = row_weights(5).astype(int)
    # rd53's outputs are the bits of the population count, in the order 4, 1, 2.
    assert rd53.to_array().tolist() == np.stack([(w >> 2) & 1, w & 1, (w >> 1) & 1], 1).tolist()
    mytest = read_pla(SHARED / "mytest.pla")   # .type fdr with '|' separators
    assert mytest.to_function().to_array().ravel().tolist() == [1, -1, 0, 1]
