"""Run every example script as a user would, and check what it prints and draws.

Each script runs once (a module-level cache), as ``python examples/NN_name.py --out DIR``
in a subprocess with a timeout; the tests then check its exit status, its PNG files
and a few key facts from its output. The scripts take seconds each.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIMEOUT = 180  # seconds per script: generous for a loaded 2-core machine
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: The pictures each example writes.
PICTURES = {
    "01_mcculloch_pitts": ["01_perceptron_lines.png", "01_perceptron_errors.png"],
    "02_linear_learners": ["02_perceptron_vs_delta.png", "02_logistic_softmax.png"],
    "03_boolean_mlp": ["03_xor_pm1.png", "03_lecture5_canonical.png", "03_lecture5_reduced.png"],
    "04_karnaugh": ["04_kmap.png", "04_kmap_groups.png", "04_kmap_dontcare.png"],
    "05_parity": ["05_parity_cost.png"],
    "06_decision_regions": ["06_decision_regions.png", "06_disc_error.png"],
    "07_pulses": ["07_square_pulse.png", "07_pulse_approximation.png"],
    "08_backprop": ["08_xor_training.png", "08_parity_training.png"],
    "09_convolution": ["09_convolution.png", "09_weight_sharing.png"],
    "10_depth_tradeoff": ["10_parity16_front.png", "10_fronts.png"],
}

_runs: dict[str, tuple[subprocess.CompletedProcess, Path]] = {}


def _env() -> dict:
    # One BLAS thread: the scripts multiply tiny matrices; threads would only contend.
    return dict(os.environ, MPLBACKEND="Agg", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                MKL_NUM_THREADS="1")


def run_example(name: str, tmp_path_factory) -> tuple[str, Path]:
    """Run examples/<name>.py once per test session; return (stdout, output folder)."""
    if name not in _runs:
        out = tmp_path_factory.mktemp(name)
        proc = subprocess.run([sys.executable, str(EXAMPLES / f"{name}.py"), "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, env=_env())
        _runs[name] = (proc, out)
    proc, out = _runs[name]
    assert proc.returncode == 0, f"{name} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
    return proc.stdout, out


def test_every_script_is_listed():
    scripts = sorted(p.stem for p in EXAMPLES.glob("[0-9][0-9]_*.py"))
    assert scripts == sorted(PICTURES), "a new example needs its pictures listed here"
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in scripts:
        assert f"python examples/{name}.py" in readme, f"{name} is missing from examples/README.md"


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_runs_and_writes_pictures(name, tmp_path_factory):
    if name in ("03_boolean_mlp", "04_karnaugh") and not _minimiser_ready():
        pytest.skip(f"{name} needs boolnet.minimize")
    if name == "04_karnaugh" and not _kmap_ready():
        pytest.skip("example 4 needs boolnet.viz.kmap")
    _, out = run_example(name, tmp_path_factory)
    for picture in PICTURES[name]:
        data = (out / picture).read_bytes()
        assert data[:8] == PNG_MAGIC, picture
        assert len(data) > 8000, f"{picture} is suspiciously small ({len(data)} bytes)"


def test_default_output_is_the_current_folder(tmp_path):
    proc = subprocess.run([sys.executable, str(EXAMPLES / "09_convolution.py")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=TIMEOUT, env=_env())
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(PICTURES["09_convolution"])


def test_01_perceptron_fails_on_xor(tmp_path_factory):
    text, _ = run_example("01_mcculloch_pitts", tmp_path_factory)
    assert re.search(r"^AND: converged after \d+ epochs", text, re.M)
    assert re.search(r"^OR: converged after \d+ epochs", text, re.M)
    assert re.search(r"^XOR: NOT converged .* the perceptron cycles forever", text, re.M)
    assert "boolnet.threshold_weights(xor) is None: True" in text
    assert text.count("boolnet.verify: ok = True") == 3  # AND, OR, NOT units


def test_02_perceptron_vs_delta_rule(tmp_path_factory):
    text, _ = run_example("02_linear_learners", tmp_path_factory)
    assert re.search(r"^separable perceptron: converged", text, re.M)
    assert re.search(r"^noisy +perceptron: epoch_limit", text, re.M)
    assert re.search(r"^separable delta rule: converged", text, re.M)
    assert re.search(r"^noisy +delta rule: converged", text, re.M)
    for model in ("logistic", "softmax"):
        for method in ("batch", "stochastic", "minibatch"):
            assert re.search(rf"^{model} +{method} ", text, re.M), (model, method)


def test_03_xor_and_lecture5(tmp_path_factory):
    if not _minimiser_ready():
        pytest.skip("example 3 needs boolnet.minimize")
    text, _ = run_example("03_boolean_mlp", tmp_path_factory)
    assert "Network(2 -> 2 sign -> 1 sign, pm1)" in text
    assert "boolnet.verify: True" in text
    sizes = dict(re.findall(r"^\s+(canonical DNF|reduced cover) \| +(\d+) \|", text, re.M))
    assert sizes["canonical DNF"] == "6"  # six product terms, one hidden unit each
    assert int(sizes["reduced cover"]) < 6


def test_05_parity_matches_the_formulas(tmp_path_factory):
    text, _ = run_example("05_parity", tmp_path_factory)
    assert "measured counts match the formulas for every built network: True" in text
    rows = {int(m[0]): m[1] for m in re.findall(r"^ *(\d+) \| (.*)$", text, re.M)}
    assert sorted(rows) == list(range(2, 25))
    # N = 24: deep 3(N-1) = 69 neurons, symmetric N + 1 = 25, cascade floor(log2 24) + 1 = 5.
    cells = [c.split() for c in rows[24].split("|")]
    assert cells[1][0] == "69" and cells[2][0] == "25" and cells[3][0] == "5"
    assert rows[14].split("|")[0].split()[0] == "8,193"  # wide, built: 2^13 + 1
    assert rows[14].split("|")[0].rstrip().endswith(("131,073",))
    assert rows[15].split("|")[0].rstrip().endswith("f")  # beyond WIDE_MAX: formula only
    assert not re.search(r" !$|MISMATCH", text, re.M)


def test_06_regions(tmp_path_factory):
    text, _ = run_example("06_decision_regions", tmp_path_factory)
    assert "A. convex pentagon = AND of 5 half-planes" in text
    assert "Network(2 -> 7 step -> 2 step -> 1 step)" in text
    errors = [float(x) for x in re.findall(r"pixels differing from the true \w+: ([\d.]+)%", text)]
    assert len(errors) == 3 and max(errors) < 1.0
    k128 = re.search(r"^ +128 \| +([\d.]+)% \| +([\d.]+)%", text, re.M)
    assert k128 and abs(float(k128[1]) - float(k128[2])) < 0.01


def test_07_pulses(tmp_path_factory):
    text, _ = run_example("07_pulses", tmp_path_factory)
    assert "Network(1 -> 2 step -> 1 linear)" in text
    assert re.search(r"bound: max error <= max\|f'\| / \(2M\).*: True", text)
    errs = [float(m) for m in re.findall(r"^ +\d+ \| +\d+ \| +([\d.]+) \|", text, re.M)]
    assert len(errs) == 8 and errs[-1] < 0.05 and errs[-1] < errs[-2]


def test_08_backprop_says_where_it_fails(tmp_path_factory):
    text, _ = run_example("08_backprop", tmp_path_factory)
    assert re.search(r"^tanh +hidden units: solved \d+/10 runs", text, re.M)
    assert "compiled XOR (OR of two ANDs, no training): 2 hidden + 1 output units" in text
    minimal = dict(re.findall(r"N=(\d): (\d)/6", text.split("with the minimal N hidden units")[1]
                              .split("\n")[0]))
    generous = dict(re.findall(r"N=(\d): (\d)/6", text.split("with 4N hidden units:")[1]
                               .split("\n")[0]))
    assert sorted(minimal) == sorted(generous) == [str(n) for n in range(2, 9)]
    # The plain statement: gradient descent with N hidden units stops finding parity.
    assert int(minimal["8"]) <= 1 and int(generous["8"]) >= 5
    assert re.search(r"from N = \d on, none of the 6 seeds found it", text)


def test_09_convolution_shifts(tmp_path_factory):
    text, _ = run_example("09_convolution", tmp_path_factory)
    assert "weight matrix (25, 49)" in text
    assert "shifting the input by (2, 2) shifts the response map by (2, 2)" in text
    assert "the detection moved from (0, 0) to (2, 2)" in text


def test_10_depth_tradeoff_fronts(tmp_path_factory):
    text, _ = run_example("10_depth_tradeoff", tmp_path_factory)
    assert "every point on the fronts verified: True" in text
    assert "every built size equals its construction's formula: True" in text
    depths = re.search(r"^depths on the front: \[([\d, ]+)\]", text, re.M)[1].split(",")
    assert len(depths) >= 5  # parity:16 has a front over at least five depths
    parity = text.split("\nparity:")[1].split("\nmajority:")[0]
    rows = {int(m[0]): m[1].split("|") for m in re.findall(r"^ *(\d+) \| (.*)$", parity, re.M)}
    assert int(rows[64][2]) <= 25  # depth <= 3 within 3 sqrt(N) + 1
    assert all(int(rows[64][d]) <= int(rows[64][d - 1]) for d in range(2, 7))  # depth pays
    majority = text.split("\nmajority:")[1].split("\nrandom:")[0]
    assert all(m == "1" for m in re.findall(r"^ *\d+ \| (\S+)", majority, re.M))  # one unit


def test_04_karnaugh_reduces(tmp_path_factory):
    if not (_minimiser_ready() and _kmap_ready()):
        pytest.skip("example 4 needs boolnet.minimize and boolnet.viz.kmap")
    text, _ = run_example("04_karnaugh", tmp_path_factory)
    terms = re.search(r"^minimal expression: f = (.*)$", text, re.M)[1].split(" | ")
    assert sorted(terms) == sorted(["~a & ~d", "b & ~d", "~c"])  # an octet and two wrapping quads
    assert "3 terms, 5 literals, proven minimal: True" in text
    assert re.search(r"canonical DNF: 11 hidden units.*verified on all 16 rows: True", text)
    assert re.search(r"minimal cover:  3 hidden units.*verified on all 16 rows: True", text)
    g = re.search(r"^minimal expression: g = (.*?)  \(", text, re.M)[1].split(" | ")
    assert sorted(g) == sorted(["~a & ~b", "c & d"])  # the don't-cares let the first group grow


def _kmap_ready() -> bool:
    try:
        from boolnet.viz.kmap import kmap_figure, kmap_text, save_kmap  # noqa: F401
    except ImportError:
        return False
    return True


def _minimiser_ready() -> bool:
    try:
        from boolnet.twolevel import minimize
    except ImportError:
        return False
    return callable(minimize)
