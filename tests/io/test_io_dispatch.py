"""read/write by extension, sniffing, standard input, as_function."""
import io
import sys

import pytest

import boolnet
from boolnet import BoolnetError, BooleanFunction, Cover, CubeFunction
from boolnet.io import FORMATS, as_function, read, register_format, sniff, write

HA = BooleanFunction.from_expr(["a ^ b", "a & b"], output_names=["s", "c"])


@pytest.mark.parametrize("ext", [".pla", ".csv", ".expr", ".bool"])
def test_write_then_read_by_extension(tmp_path, ext):
    path = tmp_path / f"ha{ext}"
    write(HA, path)
    got = read(path)
    assert isinstance(got, CubeFunction if ext == ".pla" else BooleanFunction)
    assert as_function(got) == HA
    assert [p.name for p in tmp_path.iterdir()] == [f"ha{ext}"]


def test_hex_by_extension(tmp_path):
    f = BooleanFunction.from_hex("0x6996")
    for ext in (".hex", ".tt"):
        write(f, tmp_path / f"p{ext}")
        assert read(tmp_path / f"p{ext}").equivalent(f)


@pytest.mark.parametrize("fmt", ["pla", "csv", "expr", "hex"])
def test_unknown_extension_is_sniffed(tmp_path, fmt):
    f = HA if fmt != "hex" else BooleanFunction.from_hex("0x6996")
    path = tmp_path / "function.txt"
    write(f, path, format=fmt)
    assert as_function(read(path)).equivalent(f)


def test_sniff_rules():
    assert sniff("# c\n\n.i 2\n") == "pla"
    assert sniff("01-1 10\n") == "pla"
    assert sniff("a,b,f\n") == "csv"
    assert sniff("f = And(a, b)\n") == "expr"
    assert sniff("a & b, c\n") == "expr" or sniff("a & b, c\n") == "csv"  # ambiguous; either
    assert sniff("0x6996\n") == "hex"
    assert sniff("") == "expr"


def test_stdin(monkeypatch):
    text = "a,b,f\n0,1,1\n1,0,1\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    f = read("-")
    assert f.minterms().tolist() == [1, 2]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b".i 1\n.o 1\n1 1\n")))
    assert isinstance(read("-"), CubeFunction)


def test_options_pass_to_the_right_reader(tmp_path):
    (tmp_path / "t.csv").write_text("a,b,s,c\n1,1,0,1\n")
    assert read(tmp_path / "t.csv", outputs=2, missing="dc").m == 2
    (tmp_path / "t.pla").write_text(".i 1\n.o 1\n1 1\n")
    with pytest.raises(BoolnetError, match="option outputs does not apply to pla"):
        read(tmp_path / "t.pla", outputs=2)


def test_json_is_reserved_with_a_hook(tmp_path):
    with pytest.raises(BoolnetError, match="networks"):
        write(HA, tmp_path / "f.json")
    assert not (tmp_path / "f.json").exists()
    saved = FORMATS["json"]
    try:
        register_format("json", lambda data, source: data.decode(), lambda obj: "{}",
                        (".json",))
        (tmp_path / "n.json").write_text('{"x": 1}')
        assert read(tmp_path / "n.json") == '{"x": 1}'
    finally:
        FORMATS["json"] = saved


def test_write_needs_a_format(tmp_path):
    with pytest.raises(BoolnetError, match="cannot tell the format"):
        write(HA, tmp_path / "f.dat")
    with pytest.raises(BoolnetError, match="unknown format"):
        write(HA, tmp_path / "f.dat", format="xlsx")


def test_as_function():
    assert as_function(HA) is HA
    assert as_function("s = a ^ b\nc = a & b") == HA
    cover = Cover.from_strings(["11"])
    assert as_function(cover).minterms().tolist() == [3]
    import sympy
    assert as_function(sympy.Symbol("E") & sympy.Symbol("I")).minterms().tolist() == [3]
    with pytest.raises(BoolnetError, match="cannot make"):
        as_function(3.5)


def test_public_face():
    assert boolnet.read is read and boolnet.write is write
    assert boolnet.parse_expr("E ^ I ^ S") is not None
