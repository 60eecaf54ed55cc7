"""Berkeley PLA: the Espresso types, cube-level reading for wide files, round trips."""
import io
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet import BoolnetError, BooleanFunction, Cover, CubeFunction, ParseError
from boolnet.io.pla import PLAWarning, format_pla, parse_pla, read_pla, write_pla
from io_strategies import named_functions, wide_names


def table(text):
    return parse_pla(text).to_function().to_array()[:, 0].tolist()


# One 2-input file written under every type: rows 00 01 10 11; '~' = no meaning.
ROWS = "00 1\n01 0\n10 -\n"


@pytest.mark.parametrize("pla_type, expected", [
    ("f", [1, 0, 0, 0]),     # 1 ON; 0 and - mean nothing; the rest is OFF
    ("fd", [1, 0, -1, 0]),   # - is DC
    ("fr", [1, 0, -1, -1]),  # 0 is OFF; rows named by nothing are DC
    ("fdr", [1, 0, -1, -1]),
    ("r", [1, 0, 1, 1]),     # only 0 counts (OFF); the rest is ON
    ("dr", [1, 0, -1, 1]),
    ("d", [0, 0, -1, 0]),
])
def test_types_give_on_dc_off_as_espresso(pla_type, expected):
    assert table(f".i 2\n.o 1\n.type {pla_type}\n{ROWS}.e\n") == expected


def test_default_type_is_fd_and_synonyms():
    # 4 = 1, 3 = 0, 2 = - in the output plane; 2 = - in the input plane; ~ means nothing.
    a = parse_pla(".i 2\n.o 3\n2- 4~2\n11 3~1\n")
    b = parse_pla(".i 2\n.o 3\n-- 1~-\n11 0~1\n")
    assert a.pla_type == "fd" and a.to_function() == b.to_function()
    fr = parse_pla(".i 1\n.o 1\n.type fr\n0 3\n1 4\n")
    assert fr.to_function().to_array().ravel().tolist() == [0, 1]


def test_layout_comments_bars_spans_and_end():
    text = ("# a comment\n.i 3\n.o 2   \n.ilb a b\n c\n.ob f g\n\n"
            "1-0|1 0\n"
            "0 1 1\n 11\n"        # a cube may continue on the next line
            ".e\nthis is ignored after .e\n")
    cf = parse_pla(text)
    assert cf.input_names == ("a", "b", "c") and cf.output_names == ("f", "g")
    assert cf.on.cube_strings() == ["1-0", "011"]
    assert cf.on.outputs.tolist() == [[True, False], [True, True]]


def test_crlf_tabs_and_case():
    cf = parse_pla(".I 2\r\n.O 1\r\n.TYPE FR\r\n1-\t1\r\n00\t0\r\n.END\r\n")
    assert cf.pla_type == "fr" and cf.to_function().to_array().ravel().tolist() == [0, -1, 1, 1]


def test_wide_files_stay_at_cube_level():
    n = 130
    rng = np.random.default_rng(0)
    rows = ["".join(rng.choice(list("01-"), n)) + " 1" for _ in range(50)]
    cf = parse_pla(f".i {n}\n.o 1\n" + "\n".join(rows) + "\n.e\n")
    assert cf.n == n and len(cf.on) == 50 and cf.on.cube_strings() == [r[:n] for r in rows]
    with pytest.raises(BoolnetError, match="2\\^130"):
        cf.to_function()


def test_p_mismatch_warns_or_raises_when_strict():
    text = ".i 2\n.o 1\n.p 3\n11 1\n.e\n"
    with pytest.warns(PLAWarning, match=r"<pla>:3: '.p 3' but the file has 1 cubes"):
        parse_pla(text)
    with pytest.raises(ParseError, match="x.pla:3: '.p 3'"):
        parse_pla(text, "x.pla", strict=True)


def test_phase_and_pair_are_ignored_unknown_keywords_warn_mv_refused():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse_pla(".i 2\n.o 1\n.phase 0\n.pair 1 (x1 x2)\n11 1\n")
    with pytest.warns(PLAWarning, match="unknown keyword '.model'"):
        parse_pla(".model foo\n.i 2\n.o 1\n11 1\n")
    with pytest.raises(ParseError, match="multiple-valued"):
        parse_pla(".mv 3 1 2 4\n")


def test_on_off_overlap_in_one_output_only_is_fine():
    # Same cube ON for output 1 and OFF for output 2: no conflict.
    cf = parse_pla(".i 2\n.o 2\n.type fr\n1- 10\n0- 01\n")
    assert cf.to_function().to_array().tolist() == [[0, 1], [0, 1], [1, 0], [1, 0]]


def test_format_types_and_refusals():
    f = BooleanFunction.from_array([[1, 0], [-1, 1], [0, 0], [1, -1]])
    for t in ("fd", "fdr"):
        assert parse_pla(format_pla(f, t)).to_function() == f
    with pytest.raises(BoolnetError, match="not 'f'"):
        format_pla(f, "f")
    fr = parse_pla(".i 1\n.o 1\n.type fr\n0 1\n")
    with pytest.raises(BoolnetError, match="change meaning"):
        format_pla(fr, "fd")
    c = Cover.from_strings(["1-", "01"])
    assert parse_pla(format_pla(c)).pla_type == "f"
    d = parse_pla(format_pla(c, dc=Cover.from_strings(["00"])))
    assert d.pla_type == "fd" and d.to_function().to_array().ravel().tolist() == [-1, 1, 1, 1]


def _cube_key(cover):
    return [(s, "".join("1" if b else "0" for b in o))
            for s, o in zip(cover.cube_strings(), cover.outputs)]


@settings(max_examples=80, deadline=None)
@given(named_functions(names=wide_names, max_n=7, max_m=4), st.sampled_from(["fd", "fdr"]))
def test_function_round_trip(f, pla_type):
    text = format_pla(f, pla_type)
    assert parse_pla(text).to_function() == f


@st.composite
def cube_functions(draw):
    """Random ON/DC/OFF covers; the OFF cubes are taken from the OFF set so nothing clashes."""
    f = draw(named_functions(names=wide_names, max_n=6, max_m=3))
    t = draw(st.sampled_from(["f", "fd", "fr", "fdr", "r", "dr", "d"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))

    def cubes(bits, p_keep):
        rows = np.flatnonzero(bits.any(axis=0))
        rows = rows[rng.random(len(rows)) < p_keep]
        lit = ((rows[:, None] >> np.arange(f.n - 1, -1, -1)) & 1).astype(bool)
        care = rng.random(lit.shape) < 0.8 if t in ("f", "fd", "d") else np.ones_like(lit)
        return Cover.from_literals(care, lit, bits[:, rows].T, f.m, f.input_names,
                                   f.output_names)
    empty = Cover.empty(f.n, f.m, f.input_names, f.output_names)
    on = cubes(f.on_bits(), 0.9) if "f" in t else empty
    dc = cubes(f.dc_bits(), 0.9) if "d" in t else empty
    off = cubes(~(f.on_bits() | f.dc_bits()), 0.9) if "r" in t else None
    return CubeFunction(on, dc, off, t)


@settings(max_examples=80, deadline=None)
@given(cube_functions())
def test_cube_function_round_trip(cf):
    back = parse_pla(format_pla(cf))
    assert back.pla_type == cf.pla_type
    for a, b in ((cf.on, back.on), (cf.dc, back.dc)):
        assert _cube_key(a) == _cube_key(b)
        assert a.input_names == b.input_names and a.output_names == b.output_names
    assert (cf.off is None) == (back.off is None)
    if cf.off is not None:
        assert _cube_key(cf.off) == _cube_key(back.off)
    assert back.to_function() == cf.to_function()


@settings(max_examples=30, deadline=None)
@given(st.integers(65, 140), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_wide_cube_round_trip(n, m, seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(0, 40))
    care = rng.random((k, n)) < 0.3
    cover = Cover.from_literals(care, rng.random((k, n)) < 0.5, rng.random((k, m)) < 0.5, m)
    cf = CubeFunction(cover, None, None, "f")
    back = parse_pla(format_pla(cf))
    keep = cover.outputs.any(axis=1)  # cubes feeding no output are not written back
    assert _cube_key(back.on) == _cube_key(cover.select(keep))


def test_read_and_write_paths_and_files(tmp_path):
    f = BooleanFunction.from_expr(["a ^ b", "a & b"], output_names=["s", "c"])
    write_pla(f, tmp_path / "ha.pla")
    assert read_pla(tmp_path / "ha.pla").to_function() == f
    buf = io.StringIO()
    write_pla(f, buf)
    buf.seek(0)
    assert read_pla(buf).to_function() == f
    with open(tmp_path / "ha.pla", "rb") as fh:
        assert read_pla(fh).to_function() == f
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ha.pla"]  # no temporary files left
