"""Hostile inputs of issue 12: each one is refused with one clear line (or read, where Espresso reads it).

The memory cases assert that the refusal comes before the allocation: they run under a
tracemalloc bound far below what the request would take.
"""
import tracemalloc
import warnings

import numpy as np
import pytest
from click.testing import CliRunner

from boolnet import BooleanFunction, ParseError, TooLargeError
from boolnet.cli import main
from boolnet.errors import check_dense, check_memory
from boolnet.io import read
from boolnet.io.csvtable import format_csv, parse_csv
from boolnet.io.expr import parse_expr_file
from boolnet.io.pla import parse_pla

#: Peak Python allocation a refused request may reach (the requests ask for GiBs to EiBs).
REFUSED_PEAK = 64 << 20


def _peak(fn):
    """Run fn under tracemalloc; return (result or exception, peak bytes)."""
    tracemalloc.start()
    try:
        try:
            out = fn()
        except Exception as exc:  # noqa: BLE001 - the caller checks the type
            out = exc
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _one_line(exc):
    text = str(exc)
    assert "\n" not in text and len(text) < 400, text
    return text


# ---------------------------------------------------------------- the guard's own arithmetic
@pytest.mark.parametrize("n", [1023, 1024, 2000, 100_000_000, 2 ** 64])
def test_dense_guard_never_overflows(n):
    with pytest.raises(TooLargeError, match=rf"{n} inputs has 2\^{n} rows"):
        check_dense(n)


def test_dense_guard_counts_outputs():
    check_dense(20, m=1)
    with pytest.raises(TooLargeError, match=r"28 inputs and 1000 outputs .* GiB"):
        check_dense(28, m=1000)


def test_memory_guard_takes_huge_integers():
    with pytest.raises(TooLargeError, match=r"2\^3000 bytes"):
        check_memory(2 ** 3000, "x")


# ---------------------------------------------------------------- PLA headers
@pytest.mark.parametrize("key", ["i", "o", "p"])
@pytest.mark.parametrize("value, message", [("²", "with a whole number"),
                                            ("18446744073709551616", "too large"),
                                            ("٣", "with a whole number")])
def test_pla_header_numbers(key, value, message):
    head = {"i": ".i 2", "o": ".o 1", "p": ""}
    head[key] = f".{key} {value}"
    text = "\n".join(h for h in (head["i"], head["o"], head["p"]) if h) + "\n11 1\n.e\n"
    with pytest.raises(ParseError, match=message) as info:
        parse_pla(text, "h.pla")
    assert _one_line(info.value).startswith("h.pla:")


@pytest.mark.parametrize("text, what", [(".i 1100\n.o 1\n1" + "-" * 1099 + " 1\n", None),
                                        (".i 100000000\n.o 1\n.e\n", "inputs"),
                                        (".i 2\n.o 1000000000\n.e\n", "outputs"),
                                        (".i 28\n.o 1000\n.e\n", "dense")],
                         ids=["i1100", "i1e8", "o1e9", "i28o1000"])
def test_pla_sizes_are_read_or_refused_before_allocating(text, what):
    def work():
        cf = parse_pla(text, "big.pla")
        return cf.to_function() if what == "dense" else cf
    out, peak = _peak(work)
    if what is None:
        assert out.n == 1100 and len(out.on) == 1  # cube level: any n
    else:
        assert isinstance(out, TooLargeError), out
        _one_line(out)
        assert peak < REFUSED_PEAK


def test_pla_cr_only_line_ends_read_like_lf():
    lf = ".i 2\n.o 1\n.ilb a b\n11 1\n0- -\n.e\n"
    assert parse_pla(lf.replace("\n", "\r")).to_function() == parse_pla(lf).to_function()


def test_pla_message_never_repeats_the_whole_file():
    text = ".i x" + "\r" * 5 + "0" * 10_000 + "\n"
    with pytest.raises(ParseError) as info:
        parse_pla(text, "cr.pla")
    assert len(_one_line(info.value)) < 200


def test_pla_comment_right_after_a_cube():
    cf = parse_pla(".i 8\n.o 16\n00000010 0010101111101001# ynea\n.e\n")
    assert len(cf.on) == 1 and cf.on.outputs[0].tolist() == [c == "1" for c in "0010101111101001"]


def test_pla_names_wrapped_onto_continuation_lines():
    names = [f"y{j}" for j in range(23)]
    text = (".i 2\n.o 23\n.ob " + " ".join(names[:15]) + "\n\n# more names\n  "
            + " ".join(names[15:20]) + "\n" + " ".join(names[20:]) + "\n.type fr\n"
            + "11 " + "1" * 23 + "\n.e\n")
    cf = parse_pla(text)
    assert cf.output_names == tuple(names) and cf.pla_type == "fr"


def test_pla_short_name_list_before_cubes_is_still_an_error():
    with pytest.raises(ParseError, match=r"'\.ob' gives 1 name for 2 outputs"):
        parse_pla(".i 2\n.o 2\n.ob a\n11 11\n")


# ---------------------------------------------------------------- CSV
def test_csv_cr_line_ends():
    f = parse_csv("a,b,f\r0,1,1\r1,1,1\r")
    assert f.minterms().tolist() == [1, 3]


def test_csv_long_header_field_reads_back():
    name = "a" * 140_000
    f = parse_csv(name + ",f\n0,1\n", source="t.csv")
    assert f.input_names == (name,)
    assert parse_csv(format_csv(f)) == f



def test_csv_with_1100_columns_is_refused_naming_the_file():
    head = ",".join(f"x{i}" for i in range(1100)) + ",f\n"
    with pytest.raises(TooLargeError, match=r"^w\.csv: .*1100 inputs"):
        parse_csv(head, source="w.csv")


def test_csv_of_one_row_is_built_packed():
    n = 22
    text = ",".join(f"x{i}" for i in range(n)) + ",f\n" + ",".join("1" * (n + 1)) + "\n"
    f, peak = _peak(lambda: parse_csv(text))
    assert f.minterms().tolist() == [(1 << n) - 1]
    assert peak < 8 * (1 << n) // 8 + (16 << 20)  # packed words, not a byte a row


@pytest.mark.parametrize("missing", ["off", "dc"])
def test_csv_packed_table_matches_the_rows(missing):
    rng = np.random.default_rng(5)
    for _ in range(20):
        n, m = int(rng.integers(0, 8)), int(rng.integers(1, 4))
        t = rng.choice([0, 1, -1], size=(1 << n, m)).astype(np.int8)
        keep = rng.random(1 << n) < 0.7
        f = BooleanFunction.from_array(t)
        lines = format_csv(f).split("\n")
        body = [line for line, k in zip(lines[1:], keep) if k]
        g = parse_csv("\n".join([lines[0], *body]) + "\n", outputs=m, missing=missing)
        want = t.copy()
        want[~keep] = 0 if missing == "off" else -1
        assert g.to_array().tolist() == want.tolist()


# ---------------------------------------------------------------- expressions
def test_expression_of_3000_xor_terms_is_refused():
    text = "f = " + " ^ ".join(f"v{i}" for i in range(3000)) + "\n"
    out, peak = _peak(lambda: parse_expr_file(text, "x.expr"))
    assert isinstance(out, TooLargeError) and "3000 inputs" in _one_line(out)
    assert peak < REFUSED_PEAK


def test_expression_of_20000_xor_terms_is_refused_before_sympy(monkeypatch):
    import boolnet.io.expr as expr_mod

    def no_sympy(*_a, **_k):
        raise AssertionError("sympy was asked to build the expression")
    monkeypatch.setattr(expr_mod, "_to_sympy", no_sympy)
    text = "f = " + " ^ ".join(f"v{i}" for i in range(20000)) + "\n"
    with pytest.raises(TooLargeError, match="20000 inputs"):
        parse_expr_file(text)
    with pytest.raises(TooLargeError, match="20000 inputs"):
        BooleanFunction.from_expr(text[4:])


def test_expression_evaluation_counts_its_columns(monkeypatch):
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "64M")
    # 24 inputs: 24 columns and 23 ORs of 16 MiB each are over 64 MiB.
    with pytest.raises(TooLargeError, match="expression evaluation for 24 inputs"):
        BooleanFunction.from_expr(" | ".join(f"v{i}" for i in range(24)))


# ---------------------------------------------------------------- the CLI
@pytest.mark.parametrize("args", [["info", "--minterms", "1", "--inputs", "2000"],
                                  ["info", "--expr", "|".join(f"v{i}" for i in range(28))]])
def test_cli_refuses_in_one_line(args):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    assert res.output.count("\n") == 1 and res.output.startswith("boolnet: error:")


def test_cli_info_stays_at_cube_level_for_wide_multi_output_plas(tmp_path):
    rng = np.random.default_rng(0)
    cubes = ["".join(rng.choice(list("01-"), 25)) + " " + "".join(rng.choice(list("01"), 18))
             for _ in range(30)]
    p = tmp_path / "m.pla"
    p.write_text(".i 25\n.o 18\n" + "\n".join(cubes) + "\n.e\n")
    res = CliRunner().invoke(main, ["info", str(p), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"on": null' in res.output and '"on": 30' in res.output.replace(" ", " ")


def test_read_sniffs_cr_only_files(tmp_path):
    p = tmp_path / "t"
    p.write_bytes(b".i 2\r.o 1\r11 1\r.e\r")
    assert read(p).to_function().minterms().tolist() == [3]


# ---------------------------------------------------------------- hex tables
def test_hex_round_trip_on_random_tables():
    rng = np.random.default_rng(3)
    for n in range(0, 13):
        t = rng.integers(0, 2, 1 << n)
        f = BooleanFunction.from_array(t)
        assert int(f.to_hex(), 16) == sum(int(b) << i for i, b in enumerate(t))
        assert BooleanFunction.from_hex(f.to_hex(), n).equivalent(f)


def test_hex_reads_a_22_input_table_in_linear_time(tmp_path):
    # The old reader shifted a Python int word by word (19 s at n = 22); the law checked
    # here is the content, the size is what made it slow.
    p = tmp_path / "big.hex"
    p.write_text("0x" + "6996" * (1 << 18) + "\n")
    f = read(p)
    assert f.n == 22 and f.on_count().tolist() == [1 << 21]


def test_hex_bits_beyond_the_table_are_refused_in_one_line():
    with pytest.raises(Exception, match="bits beyond row 3") as info:
        BooleanFunction.from_hex("0x1" + "f" * 5000, 2)
    _one_line(info.value)


@pytest.mark.parametrize("args", [["train", "--family", "parity:24", "--epochs", "1"],
                                  ["info", "--expr", "|".join(f"v{i}" for i in range(28))]])
def test_cli_refuses_over_budget_before_allocating(monkeypatch, args):
    import resource
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "4G")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2 and "the limit is 4.0 GiB" in res.output, res.output
    # ru_maxrss is the process's peak so far: a refusal must not raise it by a table's worth
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 256 << 10  # KiB


def test_cli_warning_is_one_line(tmp_path):
    p = tmp_path / "p.pla"
    p.write_text(".i 2\n.o 1\n.p 3\n11 1\n.e\n")
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # whatever filter pytest runs under (-W ignore)
        res = CliRunner().invoke(main, ["info", str(p)])
    assert res.exit_code == 0
    assert res.stderr.splitlines() == [f"boolnet: warning: {p}:3: '.p 3' but the file has 1 cubes"]


@pytest.mark.parametrize("text, want", [("f = a & b\rg = a | b\r", [[0, 0], [0, 1], [0, 1], [1, 1]]),
                                        ("0x8\r\n0xe\r\n", [[0, 0], [0, 1], [0, 1], [1, 1]])])
def test_expression_and_hex_files_with_cr_line_ends(tmp_path, text, want):
    p = tmp_path / ("t.expr" if "=" in text else "t.hex")
    p.write_bytes(text.encode())
    assert read(p).to_array().tolist() == want


def test_minterm_lists_count_their_outputs(monkeypatch):
    from boolnet.io.minterms import parse_minterms
    monkeypatch.setenv("BOOLNET_MEMORY_BUDGET", "1G")
    out, peak = _peak(lambda: parse_minterms(";".join(["1"] * 200), 24))
    assert isinstance(out, TooLargeError) and "200 outputs" in _one_line(out)
    assert peak < REFUSED_PEAK


@pytest.mark.parametrize("text", ["a ^ 0" + "0" * 3000, "Foo" + "o" * 3000 + "(a)"])
def test_expression_messages_quote_long_tokens_short(text):
    with pytest.raises(ParseError) as info:
        BooleanFunction.from_expr(text)
    assert len(_one_line(info.value)) < 250


def test_csv_messages_quote_long_names_short():
    with pytest.raises(ParseError) as info:
        parse_csv("a,f" + "a" * 30_000 + "\t\n0,1\n".replace("\t", " x"))
    assert len(_one_line(info.value)) < 250
