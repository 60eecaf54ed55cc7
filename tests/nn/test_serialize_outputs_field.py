"""The "outputs" field of a network file: each bad entry is named in one ParseError line."""
from __future__ import annotations

import json

import pytest

from boolnet.errors import ParseError
from boolnet.nn.serialize import loads

_NET = {"schema": "boolnet.network/1", "inputs": 2,
        "layers": [{"activation": "step", "dtype": "int", "weights": [[1, 1], [1, -1]],
                    "bias": [0, 0]},
                   {"activation": "step", "dtype": "int", "weights": [[1, 1]], "bias": [0]}]}


@pytest.mark.parametrize("outputs, message", [
    ([[2, 0], [5, 0]], '"outputs" entry 2 [5, 0]: signal 5 is no layer; signals 1..2'),
    ([[2, 0], [1, 7]], '"outputs" entry 2 [1, 7]: layer 0 has units 0..1'),
    ([[2, 0], "x"], '"outputs" entry 2 must be a [signal, unit] pair of integers, got "x"'),
    ([[2, 0], [1, True]], '"outputs" entry 2 must be a [signal, unit] pair'),
    ([[0, 0], [2, 0]], '"outputs" entry 1 [0, 0]: signal 0 is no layer'),
    ([], "non-empty list of [signal, unit] pairs naming units (signal 1..2 = layer 0..1), got []"),
    ([[1, 0]], "no output reads the last layer"),
])
def test_a_bad_outputs_entry_is_named(outputs, message):
    with pytest.raises(ParseError) as info:
        loads(json.dumps(dict(_NET, outputs=outputs)), "n.json")
    assert str(info.value).startswith("n.json: ") and message in str(info.value)


def test_two_outputs_may_read_one_unit():
    net = loads(json.dumps(dict(_NET, outputs=[[2, 0], [1, 1], [2, 0]])), "n.json")
    assert net.output_taps == [(2, 0), (1, 1), (2, 0)]
