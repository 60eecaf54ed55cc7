"""The defects a newcomer hit in the first hour (issue 16), each pinned by a test."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import boolnet
from boolnet import BoolnetError, BooleanFunction
from boolnet.io.expr import parse_expr
from strategies import functions


def _run(*args: str, input: str | None = None):
    from boolnet.cli import main
    return CliRunner().invoke(main, list(args), input=input)


# ---------------------------------------------------------------- multi-output covers
def test_multi_output_cover_says_which_output():
    f = boolnet.families.adder(1)
    cover, _ = boolnet.minimize(f)
    with pytest.raises(BoolnetError, match="2 outputs"):
        cover.to_expr()
    with pytest.raises(BoolnetError, match="2 outputs"):
        cover.to_sympy()
    exprs = cover.to_exprs()
    assert list(exprs) == list(f.output_names)
    for j, name in enumerate(f.output_names):
        assert exprs[name] == cover.to_expr(j)
        g = BooleanFunction.from_expr(cover.to_expr(j), input_names=f.input_names)
        assert g.equivalent(BooleanFunction.from_array(f.to_array()[:, [j]], f.input_names))
    with pytest.raises(BoolnetError, match="out of range"):
        cover.to_expr(2)


def test_kmap_lists_the_groups_of_every_output():
    result = _run("kmap", "examples/data/full_adder.pla", "--no-color")
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    terms = [line.split(": ", 1)[1] for line in result.output.splitlines()
             if line.startswith("  ") and ": " in line]
    assert terms and "0" not in terms  # every group is a product term, never '0'
    assert len(blocks) >= 2


@settings(max_examples=40, deadline=None)
@given(f=functions(min_n=1, max_n=5, max_m=1, dc=False),
       style=st.sampled_from(["python", "textbook"]))
def test_the_printed_cover_parses_back(f, style):
    cover, _ = boolnet.minimize(f)
    text = cover.to_expr(style=style)
    g = BooleanFunction.from_expr(text, input_names=f.input_names)
    assert g.equivalent(f)


def test_textbook_notation():
    assert BooleanFunction.from_expr("x1 x2' + x3").equivalent(
        BooleanFunction.from_expr("x1 & ~x2 | x3"))
    assert BooleanFunction.from_expr("(a + b)' c").equivalent(
        BooleanFunction.from_expr("~(a | b) & c"))
    with pytest.raises(boolnet.ParseError):
        parse_expr("'a")


# ---------------------------------------------------------------- info: support with don't-cares
def _separated(f: BooleanFunction, keep: list[int]) -> bool:
    """Brute force: no ON row and OFF row of an output agree on the inputs ``keep``."""
    t = f.to_array()
    for j in range(f.m):
        seen: dict[tuple, int] = {}
        for r in range(f.rows):
            v = int(t[r, j])
            if v < 0:
                continue
            key = tuple((r >> (f.n - 1 - i)) & 1 for i in keep)
            if seen.setdefault(key, v) != v:
                return False
    return True


def test_info_support_is_not_constant_when_on_and_off_rows_exist():
    result = _run("info", "--minterms", "0", "--dontcares", "1-6", "--inputs", "3")
    assert result.exit_code == 0, result.output
    line = next(s for s in result.output.splitlines() if s.startswith("support"))
    assert "(constant)" not in line and line.startswith("support  1 of 3")


@settings(max_examples=40, deadline=None)
@given(f=functions(min_n=1, max_n=5, max_m=2))
def test_info_support_separates_and_is_irredundant(f):
    from boolnet.cli.info import describe
    facts = describe(f)
    keep = [f.input_names.index(s) for s in facts["support"]]
    assert _separated(f, keep)
    for i in keep:
        assert not _separated(f, [k for k in keep if k != i])
    assert set(facts["support_needed"]) <= set(facts["support"])


# ---------------------------------------------------------------- the API
def test_minterms_are_python_ints_that_sympy_takes():
    from sympy import SOPform, symbols
    f = boolnet.families.majority(3)
    rows = f.minterms()
    assert all(type(r) is int for r in rows) and rows.tolist() == list(rows)
    g = BooleanFunction.from_expr(SOPform(symbols("x1 x2 x3"), rows))
    assert g.equivalent(f)
    assert all(type(r) is int for r in BooleanFunction.from_minterms(2, [0], [3]).dontcares())


def test_compile_takes_an_expression_and_cost_says_what_it_counts():
    net = boolnet.compile("a ^ b")
    assert boolnet.verify(net, BooleanFunction.from_expr("a ^ b")).ok
    with pytest.raises(BoolnetError, match="compile it first"):
        boolnet.cost(BooleanFunction.from_expr("a ^ b"))
    with pytest.raises(BoolnetError, match="cannot compile a int"):
        boolnet.compile(3)


# ---------------------------------------------------------------- boolnet harden
def _soft_xor():
    """Saturated tanh OR and AND units and a sigmoid output OR-and-not-AND: survives hardening."""
    from boolnet.nn import Layer, Network
    hidden = Layer(np.array([[10.0, 10.0], [10.0, 10.0]]), np.array([-5.0, -15.0]), "tanh")
    return Network(2, [hidden, Layer(np.array([[10.0, -10.0]]), np.array([-10.0]), "sigmoid")])


def _soft_and():
    """a AND b through the magnitude of tanh(a + b - 1): 0 on rows 01 and 10, which sign reads as +1."""
    from boolnet.nn import Layer, Network
    return Network(2, [Layer(np.array([[1.0, 1.0]]), np.array([-1.0]), "tanh"),
                       Layer(np.array([[10.0]]), np.array([-5.0]), "sigmoid")])


@pytest.mark.parametrize("build, expr, ok", [(_soft_xor, "a ^ b", True),
                                             (_soft_and, "a & b", False)])
def test_harden_writes_a_threshold_network_and_says_if_it_still_computes(tmp_path, build, expr,
                                                                          ok):
    from boolnet.nn import save
    soft, hard = tmp_path / "soft.json", tmp_path / "hard.json"
    save(build(), soft)
    result = _run("harden", str(soft), "--expr", expr, "-o", str(hard), "--format", "json")
    assert result.exit_code == (0 if ok else 1), result.output
    report = json.loads(result.output[:result.output.rindex("}") + 1])
    assert report["matches"] is ok and report["exhaustive"] and report["rows_checked"] == 4
    assert hard.exists()
    verdict = _run("verify", str(hard), "--expr", expr)
    assert verdict.exit_code == (0 if ok else 1), verdict.output
    # Without a function the targets are the soft network's own decisions.
    own = _run("harden", str(soft))
    assert own.exit_code == (0 if ok else 1) and "own decisions" in own.output


# ---------------------------------------------------------------- picture sizes
@settings(max_examples=50, deadline=None)
@given(w=st.floats(0.1, 500), h=st.floats(0.1, 500), dpi=st.integers(50, 300))
def test_raster_dpi_keeps_pictures_within_the_caps(w, h, dpi):
    from boolnet.viz.plotting import MAX_PIXELS, MAX_SIDE, raster_dpi
    d = raster_dpi(w, h, dpi)
    assert d <= dpi
    if d < dpi:
        assert (w * d) * (h * d) <= MAX_PIXELS and max(w, h) * d <= MAX_SIDE
    else:
        assert (w * dpi) * (h * dpi) <= MAX_PIXELS * 1.0001


def test_a_huge_png_is_held_to_the_pixel_cap(tmp_path, capsys, monkeypatch):
    pytest.importorskip("matplotlib")
    from PIL import Image
    from boolnet.viz import plotting
    from boolnet.viz.plotting import pyplot, save_figure
    MAX_PIXELS = 400_000  # a small cap: the same code path as 25 megapixels, drawn quickly
    monkeypatch.setattr(plotting, "MAX_PIXELS", MAX_PIXELS)
    fig = pyplot().figure(figsize=(16, 18))
    fig.add_axes([0, 0, 1, 1]).plot([0, 1], [0, 1])  # the drawing fills the whole figure
    save_figure(fig, tmp_path / "big.png")
    w, h = Image.open(tmp_path / "big.png").size
    assert w * h <= MAX_PIXELS
    assert ".svg keeps every detail" in capsys.readouterr().err


def test_kmap_of_a_long_expression_moves_its_terms_to_a_legend(tmp_path):
    pytest.importorskip("matplotlib")
    from PIL import Image
    result = _run("kmap", "--family", "parity:6", "--no-color", "-o", str(tmp_path / "k.png"))
    assert result.exit_code == 0, result.output
    w, h = Image.open(tmp_path / "k.png").size
    assert w < 2000 and h < 2500  # the title alone was 9,806 pixels wide


# ---------------------------------------------------------------- minimize: POS and eqntott
def _agrees_on_care_rows(g: BooleanFunction, f: BooleanFunction) -> bool:
    t, u = f.to_array(), g.to_array()
    care = t >= 0
    return bool((t[care] == u[care]).all())


@settings(max_examples=12, deadline=None)
@given(f=functions(min_n=1, max_n=4, max_m=2), form=st.sampled_from(["sop", "pos"]),
       fmt=st.sampled_from(["expr", "eqntott"]))
def test_minimize_forms_print_equations_that_parse_back(f, form, fmt):
    from boolnet.io.table_text import format_table
    result = _run("minimize", "-", "--form", form, "--format", fmt, input=format_table(f))
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == f.m
    for j, line in enumerate(lines):
        name, _, text = line.partition(" = ")
        assert name == f.output_names[j] and text.endswith(";") == (fmt == "eqntott")
        g = BooleanFunction.from_expr(text.rstrip(";"), input_names=f.input_names)
        assert _agrees_on_care_rows(g, BooleanFunction.from_array(f.to_array()[:, [j]],
                                                                  f.input_names))


def test_minimize_pos_writes_an_off_set_pla_that_reads_back(tmp_path):
    out = tmp_path / "pos.pla"
    result = _run("minimize", "examples/data/full_adder.pla", "--form", "pos", "-o", str(out))
    assert result.exit_code == 0, result.output
    f = boolnet.read("examples/data/full_adder.pla").to_function()
    assert ".type r" in out.read_text()
    assert boolnet.read(out).to_function().equivalent(f)


# ---------------------------------------------------------------- families beyond the dense limit
@settings(max_examples=20, deadline=None)
@given(kind=st.sampled_from(["parity", "majority"]), n=st.integers(1, 9),
       arch=st.sampled_from(["auto", "symmetric", "cascade", "deep", "threshold"]),
       encoding=st.sampled_from(["01", "pm1"]))
def test_a_family_compiled_from_its_value_vector_computes_the_family(kind, n, arch, encoding):
    from boolnet.compiler.family import compile_family
    from boolnet.families import SymmetricSpec, by_name
    f = by_name(f"{kind}:{n}")
    spec = SymmetricSpec(kind, tuple(f.value_vector()))
    assert spec.to_function().equivalent(f)
    rows = np.random.default_rng(n).integers(0, 2, size=(50, n))
    assert np.array_equal(spec.evaluate(rows), f.evaluate(rows))
    try:
        rep = compile_family(spec, arch, encoding, allow_unproven=True)
    except BoolnetError as exc:
        assert "--arch" in str(exc)  # a form that does not apply says so
        return
    assert boolnet.verify(rep.network, f).ok
    assert rep.verification.ok == (rep.verification.method == "symmetric")


def test_parity_40_compiles_without_its_table():
    cascade = _run("compile", "--family", "parity:40", "--arch", "cascade", "--format", "json")
    assert cascade.exit_code == 0, cascade.output
    d = json.loads(cascade.output)
    assert d["neurons"] == 6 and d["verified"] and d["proof"] == "proven (symmetric)"
    deep = _run("compile", "--family", "parity:40", "--arch", "deep")
    assert deep.exit_code == 2 and "not proven" in deep.output
    deep = _run("compile", "--family", "parity:40", "--arch", "deep", "--allow-unproven",
                "--format", "json")
    d = json.loads(deep.output)
    assert deep.exit_code == 0 and d["neurons"] == 117 and d["verified"] is False
    assert d["proof"] == "not proven"


def test_the_parity_sweep_reaches_40_and_says_why_wide_is_missing():
    result = _run("cost", "--family", "parity", "--n", "40:40", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["arch"]: r for r in json.loads(result.output)}
    assert rows["cascade"]["match"] and rows["symmetric"]["match"] and rows["deep"]["match"]
    assert rows["cascade"]["verified"] and rows["deep"]["proof"] == "not proven"
    assert rows["wide"]["neurons"] is None and "2^(n-1)" in rows["wide"]["note"]
    table = _run("cost", "--family", "parity", "--n", "17:17")
    assert "wide is not built above n=16" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 100


# ---------------------------------------------------------------- labels
def test_labels_are_choices_people_can_pass_and_files_are_announced(tmp_path):
    result = _run("compile", "--expr", "(a | b) & (c | d) & (e | f)", "--arch", "pos")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("arch        pos ")
    pytest.importorskip("matplotlib")
    plot = tmp_path / "train.png"
    result = _run("train", "--expr", "a & b", "--hidden", "1", "--epochs", "5", "--plot",
                  str(plot))
    assert result.exit_code == 0 and f"wrote {plot}" in result.output and plot.exists()


# ---------------------------------------------------------------- docs and README
_ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _formulas() -> list[str]:
    import re
    found = set()
    for page in (_ROOT / "docs").rglob("*.md"):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        found.update(m.strip() for m in re.findall(r"\$\$(.+?)\$\$", text, re.S))
        text = re.sub(r"\$\$.+?\$\$", "", text, flags=re.S)
        text = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.S)  # code is not math
        found.update(re.findall(r"(?<![\\$\w])\$([^$\s][^$\n]*?)\$(?![\w$])", text))
    return sorted(found)


def test_every_formula_of_the_docs_is_drawn_offline():
    pytest.importorskip("matplotlib")
    import sys
    from matplotlib import rc_context
    from matplotlib.mathtext import MathTextParser
    sys.path.insert(0, str(_ROOT / "docs" / "_ext"))
    import offline_math
    formulas = _formulas()
    assert len(formulas) > 50
    parser = MathTextParser("path")
    failed = []
    with rc_context({"mathtext.fontset": "cm"}):
        for latex in formulas:
            try:
                parser.parse(f"${offline_math._tex(latex)}$", dpi=72)
            except Exception:  # noqa: BLE001 - collect every formula that would fall back
                failed.append(latex)
    assert not failed
    conf = (_ROOT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert "sphinx.ext.mathjax" not in conf and 'html_math_renderer = "svgmath"' in conf
    assert "smartquotes = False" in conf  # '--inputs' stays two hyphens in the CLI reference


def test_readme_examples_use_bundled_files_only():
    import re
    import shlex
    text = (_ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in text and "table.csv" not in text
    paths = set(re.findall(r"examples/data/[\w.]+", text))
    assert paths and all((_ROOT / p).is_file() for p in paths)
    import os
    here = os.getcwd()
    os.chdir(_ROOT)
    try:
        for cmd in re.findall(r"`(boolnet info (?!SOURCE)[^`]+)`", text):
            args = shlex.split(cmd.replace("\\|", "|"))[1:]
            result = _run(*args)
            assert result.exit_code == 0, (cmd, result.output)
    finally:
        os.chdir(here)


def test_a_deep_candidate_that_is_the_wide_network_says_so():
    from boolnet.cli.compile import _mark_ties, _summary
    wide = {"arch": "wide", "applies": True, "neurons": 5, "parameters": 21, "depth": 2}
    deep = dict(wide, arch="deep", chosen=True)
    tree = dict(wide, arch="deep", depth=4)
    marked = _mark_ties([deep, wide])
    assert marked[0].get("note") and not marked[1].get("note")
    assert not _mark_ties([tree, wide])[0].get("note")
    d = {"arch": "deep", "encoding": "01", "neurons": 5, "hidden": 4, "outputs": 1,
         "weights": 16, "biases": 5, "parameters": 21, "dense_parameters": 25, "depth": 2,
         "widths": [4, 1], "verified": True, "exhaustive": True, "seconds": 0.1,
         "candidates": [deep, wide]}
    assert _summary(d).startswith("arch        wide (the deep form found no XOR blocks)")


def test_verify_takes_a_family_beyond_the_dense_limit(tmp_path):
    net = tmp_path / "c40.json"
    assert _run("compile", "--family", "parity:40", "--arch", "cascade", "-o", str(net)).exit_code == 0
    proven = _run("verify", str(net), "--family", "parity:40")
    assert proven.exit_code == 0 and "symmetric" in proven.output
    wrong = _run("verify", str(net), "--family", "majority:40")
    assert wrong.exit_code == 1 and "output f" in wrong.output
