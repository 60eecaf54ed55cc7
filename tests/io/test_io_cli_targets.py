"""Every output target of a command is checked before any work: nothing half-done, messages name the target."""
import pytest
from click.testing import CliRunner

from boolnet.cli import main

OLD = '{"old": 1}\n'


def _run(tmp_path, args):
    (tmp_path / "c1.json").write_text(OLD)
    res = CliRunner().invoke(main, args, catch_exceptions=False)
    return res


@pytest.mark.parametrize("args, named", [
    (["compile", "--expr", "a ^ b", "-o", "c1.json", "--draw", "nodir/x.png"], "nodir/x.png"),
    (["compile", "--expr", "a ^ b", "-o", "nodir/c.json"], "nodir/c.json"),
    (["train", "--expr", "a ^ b", "-o", "c1.json", "--plot", "p.xyz", "--epochs", "3"], "p.xyz"),
    (["train", "--expr", "a ^ b", "-o", "nodir/n.json", "--epochs", "3"], "nodir/n.json"),
    (["table", "--expr", "a ^ b", "-o", "x.json"], "x.json"),
    (["table", "--expr", "a ^ b", "-o", "nodir/x.csv"], "nodir/x.csv"),
    (["minimize", "--expr", "a ^ b", "-o", "nodir/x.pla"], "nodir/x.pla"),
    (["kmap", "--expr", "a ^ b", "-o", "nodir/k.png"], "nodir/k.png"),
    (["cost", "--family", "parity", "--n", "2:3", "--plot", "nodir/p.png"], "nodir/p.png"),
    (["export", "c1.json", "-o", "nodir/x.v"], "nodir/x.v"),
])
def test_bad_target_fails_first_and_names_itself(tmp_path, monkeypatch, args, named):
    monkeypatch.chdir(tmp_path)
    res = _run(tmp_path, args)
    assert res.exit_code == 2, res.output
    assert res.output.count("\n") == 1 and res.output.startswith(f"boolnet: error: {named}")
    assert ".boolnet-" not in res.output
    assert (tmp_path / "c1.json").read_text() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c1.json"]
