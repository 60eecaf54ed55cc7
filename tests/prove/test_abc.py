"""boolnet's proofs against an outside judge: Berkeley ABC's ``cec`` on AIGER/BLIF exports.

ABC (Debian's ``berkeley-abc``, or ``abc``) compares the exported network with the PLA
file of the function, inputs and outputs matched by order (``cec -n``). Skipped cleanly
when ABC is not installed. Functions here have no don't-cares: ABC's PLA reader has no
care set to compare on.
"""
from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boolnet import BooleanFunction
from boolnet.export import write_network
from boolnet.io.pla import read_pla, write_pla
from boolnet.prove import prove_equivalent
from boolnet.prove.sat import prove_sat
from test_prove import _off_row, networks, split_cubes, two_level_from_cover, with_extra_minterm

ABC = shutil.which("berkeley-abc") or shutil.which("abc")
pytestmark = pytest.mark.skipif(ABC is None, reason="Berkeley ABC is not installed")


def abc_cec(network_file, pla_file) -> bool:
    """ABC's verdict: True equivalent, False not (anything else fails the test)."""
    out = subprocess.run([ABC, "-c", f"cec -n {network_file} {pla_file}"], capture_output=True,
                         text=True, timeout=120).stdout
    if "Networks are equivalent" in out:
        return True
    if "NOT EQUIVALENT" in out:
        return False
    raise AssertionError(f"ABC gave no verdict:\n{out}")


@pytest.mark.slow  # one ABC process an example: about 2 s each on a loaded 2-core machine
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.data(), st.integers(1, 6), st.integers(1, 2), st.sampled_from(["aig", "blif"]))
def test_sat_verdicts_match_abc_cec_on_random_nets(tmp_path, data, n, m, fmt):
    net = data.draw(networks(n, m))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    if data.draw(st.booleans()):  # half the time the function is the network's own
        X = ((np.arange(1 << n)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)
        out = net.forward(2 * X - 1 if net.encoding == "pm1" else X)
        table = ((out > 0) if net.layers[-1].activation == "sign" else (out >= 1)).astype(int)
    else:
        table = (rng.random((1 << n, m)) < 0.5).astype(int)
    f = BooleanFunction.from_array(table)
    write_pla(f, tmp_path / "f.pla", "fr")  # every row listed: ABC crashes on an empty cover
    write_network(net, tmp_path / f"net.{fmt}")
    ours = prove_sat(net, f).status
    assert ours in ("sat", "counterexample")
    assert abc_cec(tmp_path / f"net.{fmt}", tmp_path / "f.pla") == (ours == "sat")


@pytest.mark.parametrize("name", ["vg2", "misex2"])
def test_shared_pla_beyond_24_inputs_matches_abc_cec(shared_pla, tmp_path, name):
    pla = shared_pla / f"{name}.pla"
    f = read_pla(pla)
    net = two_level_from_cover(split_cubes(f.on))
    bad = with_extra_minterm(net, _off_row(f))
    for network, want in ((net, True), (bad, False)):
        write_network(network, tmp_path / "net.aig")
        assert abc_cec(tmp_path / "net.aig", pla) is want
        assert (prove_equivalent(network, f).status == "sat") is want
