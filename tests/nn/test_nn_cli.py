"""``boolnet train`` and ``boolnet run`` through click's test runner."""
import json

import pytest
from click.testing import CliRunner

nn_cli = pytest.importorskip("boolnet.cli.nn")


def invoke(cmd, args, input=None):
    return CliRunner().invoke(cmd, args, input=input, catch_exceptions=False)


def test_train_parity_writes_a_network_that_run_reproduces(tmp_path):
    out = tmp_path / "xor.json"
    res = invoke(nn_cli.train, ["--family", "parity:2", "--hidden", "4", "--lr", "0.05",
                                "--epochs", "3000", "--seed", "0", "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["accuracy"] == 1.0 and 0 < data["epochs"] <= 3000 and data["loss"] > 0
    saved = json.loads(out.read_text())
    assert saved["schema"] == "boolnet.network/1" and saved["inputs"] == 2
    run = invoke(nn_cli.run, [str(out), "--input", "00", "--input", "01", "--input", "10", "--input", "11"])
    assert run.exit_code == 0, run.output
    outs = [line.split("->")[1].split()[0] for line in run.output.splitlines()]
    assert outs == ["0", "1", "1", "0"]
    piped = invoke(nn_cli.run, [str(out), "--format", "json"], input="00\n# comment\n1 1\n")
    assert [r["output"] for r in json.loads(piped.output)] == [[0], [0]]


def test_run_rejects_a_bad_row(tmp_path):
    from boolnet.errors import BoolnetError
    from boolnet.nn import Layer, Network, save

    path = tmp_path / "and.json"
    save(Network(2, [Layer([[1, 1]], [-2], "step")]), path)
    res = invoke(nn_cli.run, [str(path), "--input", "11"])
    assert res.output.strip() == "11 -> 1"
    with pytest.raises(BoolnetError, match="expected 2 bits"):
        invoke(nn_cli.run, [str(path), "--input", "121"])


def test_train_rejects_bad_hidden_sizes():
    res = CliRunner().invoke(nn_cli.train, ["--family", "parity:2", "--hidden", "4,x"])
    assert res.exit_code == 2 and "--hidden" in res.output


def test_plot_writes_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "curve.png"
    res = invoke(nn_cli.train, ["--family", "parity:2", "--epochs", "50", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["curve.png"]


def test_plot_without_matplotlib_says_how_to_install(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    res = CliRunner().invoke(nn_cli.train, ["--family", "parity:2", "--plot", str(tmp_path / "c.png")])
    assert res.exit_code == 2 and "pip install" in res.output
    assert not (tmp_path / "c.png").exists()
