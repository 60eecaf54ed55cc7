"""The command line: the README's commands, JSON keys, exit codes, and bad input handled cleanly."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from boolnet.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_readme_main_command_runs():
    """The README's first command (after the install) succeeds on the bundled example."""
    readme = (ROOT / "README.md").read_text()
    line = next(l for l in readme.splitlines() if l.startswith("pip install . && boolnet "))
    args = line.split("&& boolnet ", 1)[1].split()
    proc = subprocess.run([sys.executable, "-m", "boolnet", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_info_json_keys_on_shared_pla(shared_pla):
    r = run("info", str(shared_pla / "rd53.pla"), "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert (d["inputs"], d["outputs"]) == (5, 3)
    for key in ("input_names", "output_names", "on", "dc", "support", "symmetric"):
        assert key in d
    assert d["symmetric"] is True  # rd53 counts ones


def test_info_on_sympy_names():
    r = run("info", "--expr", "E ^ I ^ S", "--format", "json")
    d = json.loads(r.output)
    assert d["inputs"] == 3 and d["symmetric"] is True and d["input_names"] == ["E", "I", "S"]


def test_info_on_130_inputs_stays_at_cube_level(shared_pla):
    r = run("info", str(shared_pla / "o64.pla"), "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["inputs"] == 130 and d["on"] is None and d["cubes"]["on"] > 0


def test_every_source_kind():
    for args in (["--minterms", "1,2,4,7", "--inputs", "3"], ["--hex", "0x96"],
                 ["--family", "parity:3"], ["--expr", "x1 ^ x2 ^ x3"]):
        d = json.loads(run("info", *args, "--format", "json").output)
        assert d["on"] == [4] and d["symmetric"], args


def test_table_writes_csv_and_pla_that_read_back(tmp_path):
    for ext in ("csv", "pla"):
        out = tmp_path / f"t.{ext}"
        r = run("table", "--family", "adder:2", "-o", str(out))
        assert r.exit_code == 0, r.output
        d = json.loads(run("info", str(out), "--format", "json",
                           *(["--csv-outputs", "3"] if ext == "csv" else [])).output)
        assert d["inputs"] == 4 and d["outputs"] == 3


def test_compile_json_keys_and_verify_exit_codes(tmp_path):
    net = tmp_path / "net.json"
    r = run("compile", "--family", "parity:6", "--arch", "deep", "-o", str(net),
            "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output.split("\nwrote")[0])
    for key in ("arch", "neurons", "hidden", "weights", "biases", "parameters", "depth",
                "verified"):
        assert key in d
    assert d["neurons"] == 15 and d["verified"] is True
    assert run("verify", str(net), "--family", "parity:6").exit_code == 0
    bad = run("verify", str(net), "--family", "majority:6")
    assert bad.exit_code == 1 and "differs" in bad.output


def test_cost_parity_table_matches_formulas():
    r = run("cost", "--family", "parity", "--n", "2:9", "--format", "json")
    rows = json.loads(r.output)
    assert {row["arch"] for row in rows} == {"wide", "deep", "symmetric", "cascade"}
    assert all(row["match"] for row in rows)


BAD = {
    "empty.pla": b"",
    "no_i.pla": b".o 1\n01 1\n.e\n",
    "width.pla": b".i 3\n.o 1\n01 1\n.e\n",
    "char.pla": b".i 2\n.o 1\n0x 1\n.e\n",
    "conflict.pla": b".i 2\n.o 1\n.type fr\n1- 1\n11 0\n.e\n",
    "ob.pla": b".i 2\n.o 2\n.ob f\n11 11\n.e\n",
    "garbage.pla": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_exit_2_with_a_located_message(tmp_path, name):
    src = tmp_path / name
    src.write_bytes(BAD[name])
    out = tmp_path / "out.csv"
    proc = subprocess.run([sys.executable, "-m", "boolnet", "table", str(src), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    err = proc.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert name in err  # names the file
    assert not out.exists() and not list(tmp_path.glob(".boolnet-*"))


def test_expression_that_tries_to_call_python_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    proc = subprocess.run([sys.executable, "-m", "boolnet", "info", "--expr", code],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "column" in proc.stderr
    assert not marker.exists()


def test_deep_nesting_and_huge_requests_exit_2():
    deep = "(" * 10000 + "a" + ")" * 10000
    for args in (["--expr", deep], ["--family", "parity:40"],
                 ["--minterms", "1", "--inputs", "40"]):
        proc = subprocess.run([sys.executable, "-m", "boolnet", "info", *args],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, (args[0], proc.stderr[-300:])
        assert "Traceback" not in proc.stderr
    assert "would need about" in proc.stderr


def test_debug_shows_traceback():
    proc = subprocess.run([sys.executable, "-m", "boolnet", "--debug", "info", "--family",
                           "parity:40"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" in proc.stderr


def test_version():
    assert "boolnet" in run("--version").output


def test_compile_writes_each_export_format_by_extension(tmp_path):
    """-o picks the format from the extension; the JSON reads back to the same function."""
    from boolnet.io import read
    from boolnet.nn import load
    from boolnet.verification import verify
    pla = ROOT / "examples" / "data" / "full_adder.pla"
    heads = {"net.json": b"{", "net.v": b"module boolnet", "net.blif": b".model boolnet",
             "net.dot": b"digraph", "net.aag": b"aag "}
    for name, head in heads.items():
        r = run("compile", str(pla), "-o", str(tmp_path / name))
        assert r.exit_code == 0, r.output
        assert head in (tmp_path / name).read_bytes(), name
    net = load(tmp_path / "net.json")
    assert verify(net, read(pla)).ok
    assert net.meta["input_names"] == ["a", "b", "cin"]


def test_compile_refuses_an_unknown_extension_before_any_work(tmp_path):
    r = run("compile", "--family", "parity:4", "-o", str(tmp_path / "net.xyz"))
    assert r.exit_code == 2 and "net.xyz" in r.output and ".blif" in r.output
    assert not list(tmp_path.iterdir())


def test_written_files_get_the_usual_permissions(tmp_path):
    """Files are written through a temporary file, but end with the mode open() would give."""
    old = os.umask(0o022)
    try:
        run("compile", "--family", "parity:3", "-o", str(tmp_path / "net.json"))
    finally:
        os.umask(old)
    assert (tmp_path / "net.json").stat().st_mode & 0o777 == 0o644


def test_compile_draw_and_cost_plot_write_pictures(tmp_path):
    pytest.importorskip("matplotlib")
    r = run("compile", "--family", "parity:3", "--arch", "deep", "--draw", str(tmp_path / "n.png"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "n.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    r = run("cost", "--family", "parity", "--n", "2:6", "--plot", str(tmp_path / "c.svg"))
    assert r.exit_code == 0, r.output
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:500]
    r = run("cost", "--family", "parity:4", "--plot", str(tmp_path / "d.svg"))
    assert r.exit_code == 2 and "--n" in r.output


def test_compile_format_prints_or_writes_the_network_in_that_format(tmp_path):
    r = run("compile", "--expr", "a ^ b ^ c", "--arch", "deep", "--format", "verilog")
    assert r.exit_code == 0 and "module boolnet" in r.output and "endmodule" in r.output
    out = tmp_path / "net.txt"  # --format wins over the extension
    r = run("compile", "--expr", "a ^ b ^ c", "--format", "blif", "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert ".model boolnet" in text and ".inputs a b c" in text


def test_a_wide_network_too_big_for_memory_is_refused_with_an_estimate(monkeypatch):
    """The check runs before the weight matrix exists; a budget in GiB from the environment."""
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "1M")
    r = run("compile", "--family", "parity:12", "--arch", "wide", "--minimize", "none")
    assert r.exit_code == 2
    assert "2048 hidden units" in r.output and "MiB" in r.output and "BOOLNET_MEMORY_BUDGET" in r.output
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "4G")
    assert run("compile", "--family", "parity:12", "--arch", "wide", "--minimize", "none").exit_code == 0
