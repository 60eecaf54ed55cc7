"""Bad input: one clear ParseError naming the place and what was expected; nothing runs or is written."""
import pytest

from boolnet import BoolnetError, BooleanFunction, ParseError, TooLargeError
from boolnet.io import read, write
from boolnet.io.expr import parse_expr, parse_expr_file
from boolnet.io.minterms import parse_minterms

# (file name, content, regex the message must match: place first, then what was expected)
BAD_FILES = [
    ("empty.pla", b"", r"^{d}/empty\.pla:1: empty file; expected a PLA starting with '\.i N'"),
    ("blank.pla", b"\n  \n", r"^{d}/blank\.pla:1: empty file"),
    ("noi.pla", b".o 1\n01 1\n", r"^{d}/noi\.pla:1: missing '\.i N' \(the number of inputs\)"),
    ("noi2.pla", b"# only cubes\n01 1\n", r"^{d}/noi2\.pla:2: missing '\.i N'"),
    ("noo.pla", b".i 2\n01 1\n", r"^{d}/noo\.pla:2: missing '\.o M'"),
    ("width.pla", b".i 3\n.o 1\n010 1\n01 1\n110 1\n",
     r"^{d}/width\.pla:4: this cube row has 3 characters; a cube needs 4 characters "
     r"\(3 inputs \+ 1 output\)"),
    ("long.pla", b".i 3\n.o 1\n0101 1\n", r"^{d}/long\.pla:3: this cube row has 5 characters"),
    ("char.pla", b".i 3\n.o 1\n0x0 1\n",
     r"^{d}/char\.pla:3:2: unknown character 'x' in a cube; expected 0, 1, - or ~"),
    ("inchar.pla", b".i 2\n.o 1\n0~ 1\n",
     r"^{d}/inchar\.pla:3:2: unknown character '~' in a cube; expected 0, 1 or - in the input"),
    ("conflict.pla", b".i 3\n.o 2\n.type fr\n1-0 10\n0-- 01\n-10 01\n",
     r"^{d}/conflict\.pla:6: the ON cube on line 4 and the OFF cube on line 6 overlap on "
     r"output f1 \(both contain 110\)"),
    ("ob.pla", b".i 2\n.o 2\n.ob a\n11 11\n",
     r"^{d}/ob\.pla:3: '\.ob' gives 1 name for 2 outputs"),
    ("ilb.pla", b".i 2\n.o 1\n.ilb a b c\n11 1\n",
     r"^{d}/ilb\.pla:3: '\.ilb' gives 3 names for 2 inputs"),
    ("type.pla", b".i 2\n.o 1\n.type fx\n", r"^{d}/type\.pla:3: unknown '\.type fx'; expected"),
    ("garbage.pla", bytes(range(256)) * 4, r"^{d}/garbage\.pla:1: not a text file"),
    ("latin1.pla", b".i 2\n.o 1\n# caf\xe9\n11 1\n",
     r"^{d}/latin1\.pla:3: not a text file: byte \d+ is not valid UTF-8"),
    ("garbage.csv", b"\x89PNG\r\n\x1a\n\x00\x00",
     r"^{d}/garbage\.csv:3: not a text file: byte 8 is a NUL byte"),
    ("empty.csv", b"", r"^{d}/empty\.csv:1: empty file; expected a header row"),
    ("cells.csv", b"a,b,f\n0,1\n", r"^{d}/cells\.csv:2: expected 3 cells"),
    ("value.csv", b"a,b,f\n0,1,2\n", r"^{d}/value\.csv:2: output f is '2'; outputs must be"),
    ("dup.csv", b"a,b,f\n1,1,1\n1,1,0\n", r"^{d}/dup\.csv:3: row 11 appears on lines 2 and 3"),
    ("call.expr", b"f = __import__('os').system('touch {d}/pwned')\n",
     r"^{d}/call\.expr:1:5: unknown function '__import__'"),
    ("syntax.expr", b"f = a &\n", r"^{d}/syntax\.expr:1:8: expected a name, '\(', '~' or a "
                                   r"constant, found end of input"),
    ("deep.expr", b"(" * 10000 + b"a" + b")" * 10000,
     r"^{d}/deep\.expr:1:101: expressions may nest at most 100 deep"),
]


@pytest.mark.parametrize("name, content, pattern", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_gives_one_clear_message(tmp_path, name, content, pattern):
    path = tmp_path / name
    path.write_bytes(content.replace(b"{d}", str(tmp_path).encode()))
    with pytest.raises(ParseError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message
    import re
    assert re.search(pattern.format(d=re.escape(str(tmp_path))), message), message
    assert not (tmp_path / "pwned").exists()


def test_python_in_an_expression_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    attack = f"__import__('os').system('touch {marker}')"
    for run in (lambda: parse_expr(attack), lambda: BooleanFunction.from_expr(attack),
                lambda: parse_expr_file(f"f = {attack}"),
                lambda: parse_expr(f"a & {attack}"),
                lambda: parse_expr("().__class__.__bases__[0].__subclasses__()"),
                lambda: parse_expr("exec('import os')"), lambda: parse_expr("lambda: 0")):
        with pytest.raises(ParseError) as info:
            run()
        assert info.value.column is not None
    assert not marker.exists()
    with pytest.raises(ParseError, match=r"^line 1, column 1: unknown function '__import__'"):
        parse_expr(attack)


def test_ten_thousand_parentheses_are_refused_cleanly():
    with pytest.raises(ParseError, match=r"^line 1, column 101: expressions may nest at most 100 deep"):
        parse_expr("(" * 10000 + "a" + ")" * 10000)
    with pytest.raises(ParseError, match="nest at most"):
        parse_expr("And(" * 10000 + "a" + ")" * 10000)


def test_dense_request_for_forty_inputs_is_refused_before_allocating():
    with pytest.raises(TooLargeError, match=r"2\^40 rows .* limit is 28 inputs"):
        parse_minterms("1", 40)
    with pytest.raises(TooLargeError, match=r"2\^40"):
        read_header_only = ",".join(f"x{i}" for i in range(40)) + ",f\n"
        from boolnet.io.csvtable import parse_csv
        parse_csv(read_header_only)


def test_nothing_half_written(tmp_path):
    f = BooleanFunction.from_array([0, 1, -1, 1])
    for name in ("f.expr", "f.hex", "f.json"):
        with pytest.raises(BoolnetError):
            write(f, tmp_path / name)
    (tmp_path / "keep.expr").write_text("f = a\n")
    with pytest.raises(BoolnetError):
        write(f, tmp_path / "keep.expr")
    assert (tmp_path / "keep.expr").read_text() == "f = a\n"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.expr"]
