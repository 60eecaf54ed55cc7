"""The minimize and kmap commands, and the Karnaugh map module."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from boolnet import BooleanFunction
from boolnet.cli.minimize import kmap_cmd, minimize_cmd
from boolnet.twolevel import minimize
from boolnet.viz.kmap import kmap_text, save_kmap


@pytest.fixture
def cli():
    from boolnet.cli import main
    group = type(main)()  # the boolnet group class: user errors exit 2 with one line
    group.add_command(minimize_cmd)
    group.add_command(kmap_cmd)
    return lambda *args: CliRunner().invoke(group, list(args))


def test_minimize_json_has_the_documented_keys(cli):
    r = cli("minimize", "--expr", "a & b | a & ~b & c", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert (d["terms"], d["literals"], d["method"], d["proven"]) == (2, 4, "exact", True)
    for key in ("requested", "seconds", "reason", "checked", "per_output", "cubes"):
        assert key in d
    assert set(d["per_output"][0]) >= {"name", "terms", "literals", "proven", "seconds", "expr"}


def test_minimize_writes_pla_and_prints_expr(cli, tmp_path):
    out = tmp_path / "m.pla"
    r = cli("minimize", "--minterms", "0,2,5,7,8,10,13,15", "--inputs", "4", "-o", str(out),
            "--method", "heuristic")
    assert r.exit_code == 0, r.output
    assert "f = " in r.output
    from boolnet.io.pla import read_pla
    assert read_pla(out).to_function().equivalent(
        BooleanFunction.from_minterms(4, [0, 2, 5, 7, 8, 10, 13, 15]))


def test_kmap_text_and_picture(cli, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "k.png"
    r = cli("kmap", "--minterms", "0,2,8,10", "--inputs", "4", "-o", str(out), "--no-color")
    assert r.exit_code == 0, r.output
    assert "A: ~x2 & ~x4" in r.output and out.stat().st_size > 1000
    r = cli("kmap", "--expr", "a|b|c|d|e|f|g")
    assert r.exit_code == 2 and "1 to 6 inputs" in r.output


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_kmap_shows_every_row_once_in_gray_order(n):
    f = BooleanFunction.from_callable(lambda *x: sum(x) % 2, n)
    text = kmap_text(f, color=False)
    cells = [tok for line in text.splitlines() if "|" in line
             for tok in line.split("|")[1].split()]
    assert len(cells) == 1 << n and cells.count("1") == 1 << (n - 1)


def test_kmap_colour_and_svg(tmp_path):
    pytest.importorskip("matplotlib")
    f = BooleanFunction.from_minterms(5, [0, 2, 8, 10, 16, 18, 24, 26, 31])
    cover, _ = minimize(f)
    assert "\x1b[" in kmap_text(f, cover, color=True)
    save_kmap(f, tmp_path / "k.svg", cover)
    assert (tmp_path / "k.svg").read_text().lstrip().startswith("<?xml")
