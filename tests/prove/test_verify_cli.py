"""``boolnet verify`` beyond 24 inputs: exit 0 proven, 1 with a counterexample row, 3 not proven."""
from __future__ import annotations

import json

from click.testing import CliRunner

from boolnet.cli import main
from boolnet.cover import Cover, CubeFunction
from boolnet.export import write_network
from boolnet.io.pla import write_pla
from boolnet.nn import Layer, Network


def _halves(bias2: int) -> Network:
    """x1..x30 all 1, as two 15-input ANDs and an AND of them (not the cover's structure)."""
    return Network(30, [Layer([[1] * 15 + [0] * 15, [0] * 15 + [1] * 15], [-15, bias2]),
                        Layer([[1, 1]], [-2])])


def test_verify_exit_codes_and_json_beyond_24_inputs(tmp_path):
    pla = tmp_path / "f.pla"
    write_pla(CubeFunction(Cover.from_strings(["1" * 30])), pla)
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    write_network(_halves(-15), good)
    write_network(_halves(-14), bad)  # the second half fires on 14 ones too
    run = lambda *a: CliRunner().invoke(main, ["verify", *map(str, a)])  # noqa: E731
    r = run(good, pla, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["ok"] and d["method"] == "sat" and d["proof"] == "proven (SAT)"
    r = run(bad, pla, "--format", "json")
    d = json.loads(r.output)
    assert r.exit_code == 1 and not d["ok"] and d["proof"] == "counterexample"
    assert d["counterexample"]["inputs"].count("1") == 29
    r = run(good, pla, "--time-limit", "1e-9", "--samples", "100")
    assert r.exit_code == 3 and "not proven" in r.output
    r = run(bad, pla, "--method", "bdd", "--format", "json")
    assert r.exit_code == 1 and json.loads(r.output)["method"] == "bdd"
