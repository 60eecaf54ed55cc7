"""Exports refuse what would not fit in the memory budget, before building it (issue 12)."""
import numpy as np
import pytest

from boolnet.errors import TooLargeError
from boolnet.export import export_network
from boolnet.nn import Layer, Network


@pytest.fixture
def budget(monkeypatch):
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "64M")


def test_a_billion_inputs_with_no_weights_is_refused_with_an_estimate(budget):
    # (a zero-unit layer: the loader refuses it, but the API can build it)
    net = Network(10 ** 9, [Layer(np.zeros((0, 10 ** 9), np.int64))])
    for fmt in ("json", "verilog", "blif", "aiger", "dot", "onnx"):
        with pytest.raises(TooLargeError, match="would need about"):
            export_network(net, fmt)


def test_an_or_of_20000_inputs_as_cubes_is_refused(budget):
    # 20,000 cubes of 20,000 characters: 400 MB of BLIF for 20,000 weights.
    net = Network(20000, [Layer(np.ones((1, 20000), np.int64), [-1])])
    for fmt in ("blif", "aiger"):
        with pytest.raises(TooLargeError, match="prime implicants"):
            export_network(net, fmt)
    assert "z_f" in export_network(net, "verilog")  # one weighted sum: small


def test_exports_within_the_budget_still_work(budget):
    net = Network(2, [Layer([[1, 1]], [-2])])
    assert export_network(net, "blif").splitlines()[-2] == "11 1"
