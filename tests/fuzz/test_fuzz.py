"""The seeded fuzzer: mutated PLA, CSV, expression, network (with output taps) and BLIF/AIGER/
Verilog files through the API and the CLI.

Each class runs a fixed number of seeded cases in the default run (about 25 s in all on
two busy cores) and 100 times as many with ``-m slow``. Every case must be clean (see
:mod:`fuzz.harness`): exit 0 or 2, one ``boolnet: error:`` line, no traceback, nothing
written on failure, bounded memory. A refused request (a memory estimate over the budget)
records its peak; the ``memory`` class runs each request in its own process and bounds its
peak RSS. ``BOOLNET_FUZZ_REPORT=path.json`` collects the figures of every class.
Results are checked too, by the evaluator in :mod:`fuzz.structural` that shares no code
with boolnet: what ``run`` prints and what ``export`` writes for a network with output taps,
and every network ``compile`` writes (and calls verified) for a structural file.
"""
from __future__ import annotations

import copy
import json
import os
import random
import re
import resource
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from boolnet import BooleanFunction
from boolnet.errors import BoolnetError

from .harness import REFUSED_RSS_BOUND, Tally, judge_cli
from .mutate import mutate, to_bytes
from .structural import (HAND_AAG, HAND_BLIF, HAND_V, all_rows, bad_taps, eval_network_json,
                         exported_files, mutate_bytes, mutate_structural, pla_of, tap_network,
                         words_to_table)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "pla"
#: Shared files small enough that every command on them takes well under a second.
SMALL_PLAS = sorted(p for p in SHARED.glob("*.pla") if p.stat().st_size < 4000) \
    if SHARED.is_dir() else []
SEED = 12


def _scale(slow: bool) -> int:
    return 100 if slow else 1


def _api(tally: Tally, fn, label: str) -> None:
    """An API call must return or raise a BoolnetError (one line), nothing else."""
    tally.tried += 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fn()
        tally.successes += 1
    except BoolnetError as exc:
        if "\n" in str(exc) or len(str(exc)) > 500:
            tally.defects.append(f"{label}: a message of {len(str(exc))} characters or lines")
        else:
            tally.clean_errors += 1
    except Exception as exc:  # noqa: BLE001 - this is what the fuzzer looks for
        tally.defects.append(f"{label}: {type(exc).__name__}: {str(exc)[:200]}")


def _report(tally: Tally) -> None:
    tally.save()
    assert not tally.defects, "\n".join(tally.defects[:10])


# ---------------------------------------------------------------------------- PLA
def _typed_pla(rng: random.Random) -> str:
    n, m = rng.randint(1, 7), rng.randint(1, 3)
    kind = rng.choice(["f", "fd", "fr", "fdr", "r", "dr", "d"])
    names = " ".join(rng.choice(["a", "b#", "x,y", '"q"', ">o", "0", "é", "-z"]) + str(i)
                     for i in range(n))
    rows = ["".join(rng.choice("01-") for _ in range(n)) + " "
            + "".join(rng.choice("01-~") for _ in range(m)) for _ in range(rng.randint(0, 10))]
    return f".i {n}\n.o {m}\n.ilb {names}\n.type {kind}\n" + "\n".join(rows) + "\n.e\n"


def _pla_cases(count: int, tmp: Path):
    rng = random.Random(SEED)
    for k in range(count):
        if SMALL_PLAS and rng.random() < 0.6:
            base = rng.choice(SMALL_PLAS).read_text(errors="replace")
        else:
            base = _typed_pla(rng)
        text = mutate(base, rng) if rng.random() < 0.85 else base
        path = tmp / f"case{k}.pla"
        path.write_bytes(to_bytes(text))
        yield rng, path


def _run_pla(count: int, tmp: Path) -> Tally:
    from boolnet.io import read
    tally = Tally("PLA")
    for rng, path in _pla_cases(count, tmp):
        _api(tally, lambda: _read_and_table(read, path), f"read({path.name})")
        out = tmp / rng.choice(["out.csv", "out.pla", "out.expr", "out.hex"])
        args = rng.choice([["info", str(path)], ["info", str(path), "--format", "json"],
                           ["table", str(path), "-o", str(out)],
                           ["minimize", str(path), "--method", "heuristic", "-o", str(out)]])
        if args[0] == "minimize":
            out = tmp / "out.pla"
            args[-1] = str(out)
        code = judge_cli(tally, args, folder=tmp, targets=(out,), label=path.read_bytes()[:80])
        if code == 0 and out.exists() and args[0] != "info":
            _api(tally, lambda: read(out), f"read back {out.name} of {path.name}")
        if out.exists():
            out.unlink()
    return tally


def _read_and_table(read, path):
    obj = read(path)
    if obj.n <= 10 and hasattr(obj, "to_function"):
        obj.to_function()


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_pla(tmp_path, slow):
    _report(_run_pla(40 * _scale(slow), tmp_path))


# ---------------------------------------------------------------------------- CSV
def _csv_base(rng: random.Random) -> str:
    n, m = rng.randint(0, 5), rng.randint(1, 3)
    f = BooleanFunction.from_array(np.array([[rng.choice([0, 1, -1]) for _ in range(m)]
                                             for _ in range(1 << n)]))
    from boolnet.io.csvtable import format_csv
    text = format_csv(f)
    if rng.random() < 0.5:  # drop rows, shuffle them, comment some
        head, *rows = text.rstrip("\n").split("\n")
        rng.shuffle(rows)
        rows = rows[:rng.randint(0, len(rows))]
        rows = [("# " + r if rng.random() < 0.1 else r) for r in rows]
        text = "\n".join([head, *rows]) + "\n"
    return text


def _run_csv(count: int, tmp: Path) -> Tally:
    from boolnet.io import read
    tally = Tally("CSV")
    rng = random.Random(SEED + 1)
    for k in range(count):
        text = _csv_base(rng)
        text = mutate(text, rng) if rng.random() < 0.85 else text
        path = tmp / f"case{k}.csv"
        path.write_bytes(to_bytes(text))
        _api(tally, lambda: read(path), f"read({path.name})")
        out = tmp / rng.choice(["out.csv", "out.pla"])
        args = rng.choice([["info", str(path)], ["table", str(path), "-o", str(out)],
                           ["info", str(path), "--missing", "dc"],
                           ["table", str(path), "--csv-outputs", str(rng.randint(1, 3))]])
        code = judge_cli(tally, args, folder=tmp, targets=(out,), label=text[:80])
        if code == 0 and out.exists():
            _api(tally, lambda: read(out), f"read back {out.name} of {path.name}")
            out.unlink()
    return tally


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_csv(tmp_path, slow):
    _report(_run_csv(100 * _scale(slow), tmp_path))


# ---------------------------------------------------------------------------- expressions
_WORDS = ["a", "b", "c", "d", "x1", "E", "I", "and", "or", "xor", "not", "true", "false",
          "0", "1", "2", "&", "|", "^", "~", "!", "&&", "||", "(", ")", ",", "And(", "Or(",
          "Xor(", "ITE(", "Implies(", "Nand(", "Not(", "=", "#", "__import__('os')", "é"]


def _expression(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return "(" * rng.randint(90, 130) + "a" + ")" * rng.randint(90, 130)
    if kind < 0.2:
        op = rng.choice(["^", "|", "&"])
        return op.join(f"v{i}" for i in range(rng.choice([20, 29, 300, 3000])))
    if kind < 0.6:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 15)))
    from boolnet.io.expr import format_expr
    import sympy
    syms = sympy.symbols("a b c d e")
    e = syms[0]
    for _ in range(rng.randint(1, 6)):
        op = rng.choice([sympy.And, sympy.Or, sympy.Xor])
        e = op(e, rng.choice([s if rng.random() < 0.7 else ~s for s in syms]))
    return mutate(format_expr(e), rng, 1) if rng.random() < 0.5 else format_expr(e)


def _run_expr(count: int, tmp: Path) -> Tally:
    from boolnet.io.expr import format_expr, parse_expr, parse_expr_file
    tally = Tally("expression")
    rng = random.Random(SEED + 2)
    for k in range(count):
        text = _expression(rng)
        _api(tally, lambda: _expr_round_trip(text, parse_expr, format_expr), f"expr {text[:60]!r}")
        path = tmp / f"case{k}.expr"
        body = f"f = {text}\n" if rng.random() < 0.7 else f"inputs: a b\n{text}\ng = a\n"
        path.write_bytes(to_bytes(body))
        _api(tally, lambda: parse_expr_file(path.read_text(errors="replace")), path.name)
        args = rng.choice([["info", "--expr", text], ["table", "--expr", text],
                           ["info", str(path)], ["minimize", "--expr", text]])
        if args[0] == "minimize" and len(set(re.findall(r"[A-Za-z_]\w*", text))) > 10:
            # Parity of 16 inputs takes the heuristic minutes and of 20 inputs tens of GB
            # (reported to the minimiser's owner); the fuzzer asks for small ones only.
            args[0] = "info"
        judge_cli(tally, args, folder=tmp, label=text[:80])
    return tally


def _expr_round_trip(text, parse_expr, format_expr):
    """A parsed expression prints to text that parses to the same function (when it has few inputs)."""
    e, names = parse_expr(text, return_names=True)
    if len(names) <= 8:
        back = parse_expr(format_expr(e))
        f = BooleanFunction.from_expr(e, input_names=names)
        g = BooleanFunction.from_expr(back, input_names=names)
        if not f.equivalent(g):
            raise AssertionError(f"format_expr changed the function of {text!r}")


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_expressions(tmp_path, slow):
    _report(_run_expr(80 * _scale(slow), tmp_path))


# ---------------------------------------------------------------------------- network JSON
_NET = {"schema": "boolnet.network/1", "inputs": 3, "encoding": "01",
        "meta": {"input_names": ["a", "b", "c"], "output_names": ["f"]},
        "layers": [{"units": 1, "activation": "step", "sources": [0], "dtype": "int",
                    "weights": [[1, -1, -1]], "bias": [-1]},
                   {"units": 1, "activation": "step", "sources": [0, 1], "dtype": "int",
                    "weights": [[-1, 1, 2, 2]], "bias": [-1]}]}
_VALUES = [0, 1, -1, 3, 2 ** 62, 2 ** 64, 1e400, -0.0, 0.5, "nan", float("nan"), None, True,
           "", "x\ny", "step", "sign", "sigmoid", [], [[]], {}, [1, 2], {"a": 1}, 10 ** 9,
           "boolnet.network/1", "pm1", "01", [[1, 1, 1]], [0]]


def _net_mutation(rng: random.Random) -> str:
    net = json.loads(json.dumps(_NET))
    if rng.random() < 0.3:  # a valid network with other integer weights and biases
        for layer in net["layers"]:
            layer["weights"] = [[rng.randint(-3, 3) for _ in row] for row in layer["weights"]]
            layer["bias"] = [rng.randint(-4, 2) for _ in layer["bias"]]
        return json.dumps(net)
    for _ in range(rng.randint(1, 3)):
        spots = list(_walk(net))
        holder, key = rng.choice(spots)
        move = rng.random()
        # Fresh copies: a shared list put in twice could end up inside itself.
        if move < 0.6:
            holder[key] = copy.deepcopy(rng.choice(_VALUES))
        elif move < 0.8 and isinstance(holder, dict):
            del holder[key]
        elif isinstance(holder, list):
            holder.append(copy.deepcopy(rng.choice(_VALUES)))
    text = json.dumps(net, allow_nan=True)
    if rng.random() < 0.25:
        text = mutate(text, rng, 1)
    if rng.random() < 0.05:
        text = "[" * 1000 + "]" * 1000
    return text


def _walk(obj):
    """Every (container, key) pair in a JSON tree, iteratively."""
    stack = [obj]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            yield node, key
            if isinstance(value, (dict, list)):
                stack.append(value)


def _run_net(count: int, tmp: Path) -> Tally:
    tally = Tally("network JSON")
    rng = random.Random(SEED + 3)
    for k in range(count):
        path = tmp / f"net{k}.json"
        path.write_bytes(to_bytes(_net_mutation(rng)))
        out = tmp / rng.choice(["x.v", "x.blif", "x.aag", "x.json", "x.dot"])
        choice = rng.randrange(4)
        if choice == 0:
            args, ok = ["run", str(path), "--input", "011"], (0,)
        elif choice == 1:
            args, ok = ["verify", str(path), "--expr", "a ^ b | c"], (0, 1)
        elif choice == 2:
            args, ok = ["export", str(path), "-o", str(out)], (0,)
        else:
            args, ok = ["run", str(path)], (0,)
        judge_cli(tally, args, folder=tmp, ok_codes=ok, targets=(out,), label=path.name,
                  stdin="000\n111\n")
        if out.exists():
            out.unlink()
    return tally


def _run_taps(tally: Tally, count: int, tmp: Path, draw: bool = False) -> None:
    """Networks with an "outputs" field: valid random taps must run, verify and export to
    the function an independent evaluator gives; broken ones must be refused by every command.

    ``draw`` adds ``boolnet draw`` (its first call imports matplotlib: 3 s of CPU, so slow runs only).
    """
    from boolnet.io import read
    from boolnet.nn.serialize import from_dict
    rng = random.Random(SEED + 6)
    for k in range(count):
        good = tap_network(rng)
        net, wrong = (good, None) if rng.random() < 0.6 else bad_taps(rng, good)
        path = tmp / f"taps{k}.json"
        path.write_text(json.dumps(net))
        n = good["inputs"]
        table = eval_network_json(good, all_rows(n))
        pla = tmp / f"taps{k}.pla"
        pla.write_text(pla_of(table, n))
        fmt = rng.choice(["v", "blif", "aag", "aig", "onnx", "dot", "json"])
        out = tmp / f"taps_out.{fmt}"
        choice = rng.randrange(10)
        if choice < 3:
            args, ok = ["run", str(path), "--format", "json"], (0,)
        elif choice < 5:
            args, ok = ["verify", str(path), str(pla)], (0,) if wrong is None else (0, 1)
        elif choice < 8 or (choice < 9 and not draw):
            args, ok = ["export", str(path), "-o", str(out)], (0,)
        elif choice < 9:
            out = tmp / "taps_out.svg"
            args, ok = ["draw", str(path), "-o", str(out)], (0,)
        else:
            args, ok = ["harden", str(path), str(pla)], (0,)
        stdin = "".join("".join(map(str, r)) + "\n" for r in all_rows(n))
        before = len(tally.defects)
        code = judge_cli(tally, args, folder=tmp, ok_codes=ok, targets=(out,),
                         label=f"taps{k} {json.dumps(net)[:400]}", stdin=stdin)
        shown = f"boolnet {args[0]} on {json.dumps(net)[:400]}"
        if wrong is not None and code in (0, 1):
            tally.defects.append(f"{shown} accepted a bad outputs field ({wrong})")
        elif wrong is None and code == 2:
            tally.defects.append(f"{shown} refused a valid network")
        elif wrong is None and code == 0 and len(tally.defects) == before:
            problem = _check_taps_result(args[0], tally.last_stdout, out, good, table, read,
                                             from_dict)
            if problem:
                tally.defects.append(f"{shown}: {problem}")
        out.unlink(missing_ok=True)


def _check_taps_result(command, stdout: str, out, good, table, read, from_dict) -> str | None:
    """What is wrong with the result of a command on a valid tap network, or None."""
    if command == "run":
        printed = [r["output"] for r in json.loads(stdout)]
        if printed != table:
            return f"run printed {printed}, the taps compute {table}"
        net = from_dict(good)
        X = np.array(all_rows(good["inputs"]), dtype=np.int64)
        raw = net.forward(2 * X - 1 if good["encoding"] == "pm1" else X)
        if (np.asarray(raw) > 0).astype(int).tolist() != table:
            return f"Network.forward gives {raw.tolist()}, the taps compute {table}"
        return None
    if command == "export" and out.suffix in (".v", ".blif", ".aag", ".aig", ".json"):
        if out.suffix == ".json":
            back = eval_network_json(json.loads(out.read_text()), all_rows(good["inputs"]))
            return None if back == table else "the exported JSON computes another function"
        if words_to_table(read(out)) != table:
            return f"{out.suffix} reads back as another function"
    return None


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_network_json(tmp_path, slow):
    tally = _run_net(80 * _scale(slow), tmp_path)
    _run_taps(tally, 30 * _scale(slow), tmp_path, draw=slow)
    _report(tally)


# ---------------------------------------------------------------------------- structural readers
def _structural_case(rng: random.Random, exported: list) -> tuple[str, bytes, list | None]:
    """(extension, bytes, the table when known independently) of one BLIF/AIGER/Verilog case."""
    if rng.random() < 0.5:
        ext, data, table = rng.choice(exported)
    else:
        ext, text = rng.choice([(".blif", t) for t in HAND_BLIF] + [(".aag", t) for t in HAND_AAG]
                               + [(".v", t) for t in HAND_V])
        data, table = text.encode(), None
    if rng.random() < 0.8:
        table = None
        if ext == ".aig":
            data = mutate_bytes(data, rng)
        else:
            data = to_bytes(mutate_structural(data.decode("utf-8", "surrogateescape"), rng))
    return ext, data, table


def _run_structural(count: int, tmp: Path) -> Tally:
    """BLIF, AIGER and Verilog through read, info and compile: accepted compiles must compute
    the table (checked by an evaluator of the written JSON that shares no code with boolnet),
    and the structure a reader attaches must compute the table it reads."""
    from boolnet.io import read
    tally = Tally("structural")
    rng = random.Random(SEED + 7)
    exported = exported_files(rng, max(8, count // 10))
    for k in range(count):
        ext, data, table = _structural_case(rng, exported)
        path = tmp / f"s{k}{ext}"
        path.write_bytes(data)
        got = []
        _api(tally, lambda: got.append(_read_structural(read, path, table)), f"read({path.name})")
        f = got[0] if got else None
        out = tmp / "s_out.json"
        arch = rng.choice([["--arch", "synth"], []])
        if f is not None and f.n <= 6 and rng.random() < 0.7:
            args = ["compile", str(path), *arch, "-o", str(out)]
        else:
            args = ["info", str(path)] + rng.choice([[], ["--format", "json"]])
        code = judge_cli(tally, args, folder=tmp, targets=(out,),
                         label=f"{path.name} {data[:300]!r}")
        if code == 0 and args[0] == "compile":
            if f is None:
                tally.defects.append(f"compile accepted {path.name}, which read() refuses: "
                                     f"{data[:300]!r}")
            else:
                d = json.loads(out.read_text())
                back = eval_network_json(d, all_rows(f.n))
                if back is not None and back != words_to_table(f):
                    tally.defects.append(f"WRONG VERIFIED: boolnet {' '.join(args[:-2])} wrote a "
                                         f"network of another function: {data[:300]!r}")
        out.unlink(missing_ok=True)
    return tally


def _read_structural(read, path: Path, table):
    """Read a structural file; its structure must compute its table, and a known table must match."""
    f = read(path)
    if f.structure is not None:
        sim = f.structure.simulate()
        if not np.array_equal(sim, f.on_words[:, :sim.shape[1]]):
            raise AssertionError(f"{path.name}: the structure computes another table")
    if table is not None and words_to_table(f) != table:
        raise AssertionError(f"{path.name}: boolnet's own export reads back as another function")
    return f


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_structural(tmp_path, slow):
    _report(_run_structural(25 * _scale(slow), tmp_path))


# ---------------------------------------------------------------------------- writes
def _target(rng: random.Random, tmp: Path, ext: str) -> tuple[Path, str]:
    kind = rng.choice(["fresh", "existing", "link", "dangling", "devnull", "nodir"])
    path = tmp / f"t{rng.randrange(10**6)}{ext}"
    if kind == "existing":
        path.write_text("old content\n")
    elif kind == "link":
        real = tmp / f"real{rng.randrange(10**6)}{ext}"
        real.write_text("old content\n")
        path.symlink_to(real)
    elif kind == "dangling":
        path.symlink_to(tmp / f"later{rng.randrange(10**6)}{ext}")
    elif kind == "devnull":
        path = Path(os.devnull)
    elif kind == "nodir":
        path = tmp / "nodir" / path.name
    return path, kind


def _run_writes(count: int, tmp: Path) -> Tally:
    from boolnet.io import read
    tally = Tally("writes")
    rng = random.Random(SEED + 4)
    sources = ["a ^ b", "a & ~b | c", "x1 | x2 & x3", "(", "a ^", "0"]
    for _ in range(count):
        ext = rng.choice([".csv", ".pla", ".expr", ".hex", ".json", ".v", ".blif", ".xyz"])
        path, kind = _target(rng, tmp, ext)
        expr = rng.choice(sources)
        if ext in (".json", ".v", ".blif"):
            args = ["compile", "--expr", expr, "-o", str(path)]
        elif rng.random() < 0.3:
            args = ["minimize", "--expr", expr, "-o", str(path)]
        else:
            args = ["table", "--expr", expr, "-o", str(path)]
        dev = os.stat(os.devnull).st_ino
        code = judge_cli(tally, args, folder=tmp, targets=(path,) if kind != "devnull" else (),
                         label=kind)
        if kind == "devnull" and os.stat(os.devnull).st_ino != dev:
            tally.defects.append(f"{os.devnull} was replaced by {' '.join(args)}")
        if kind in ("link", "dangling") and not path.is_symlink():
            tally.defects.append(f"the symlink {path.name} was replaced by {' '.join(args)}")
        if code == 0 and kind != "devnull" and args[0] == "table":
            try:
                got = read(path, format="pla" if args[0] == "minimize" else None)
                want = BooleanFunction.from_expr(expr)
                if not want.equivalent(got if isinstance(got, BooleanFunction)
                                       else got.to_function()):
                    tally.defects.append(f"{path.name} reads back as another function")
            except Exception as exc:  # noqa: BLE001
                tally.defects.append(f"{path.name} does not read back: {exc}")
    return tally


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_writes(tmp_path, slow):
    _report(_run_writes(25 * _scale(slow), tmp_path))


# ---------------------------------------------------------------------------- memory
def _memory_request(rng: random.Random, tmp: Path, k: int) -> list[str]:
    kind = rng.randrange(8)
    if kind == 7:  # a binary AIGER header alone names its inputs (variables 1..I)
        n = rng.choice([29, 10 ** 7, 10 ** 9, 2 ** 40])
        p = tmp / f"m{k}.aig"
        p.write_bytes(f"aig {n} {n} 0 1 0\n2\n".encode())
        return [rng.choice(["info", "compile"]), str(p)]
    if kind == 0:
        n = rng.choice([29, 40, 64, 1100, 100_000, 100_000_000, 10 ** 15])
        m = rng.choice([1, 2, 1000, 10 ** 9])
        p = tmp / f"m{k}.pla"
        p.write_text(f".i {n}\n.o {m}\n.e\n")
        return [rng.choice(["info", "table", "minimize", "compile"]), str(p)]
    if kind == 1:
        p = tmp / f"m{k}.pla"
        m = rng.choice([16, 1000])
        p.write_text(f".i 28\n.o {m}\n" + "-" * 28 + " " + "1" * m + "\n")
        return ["table", str(p), "-o", str(tmp / "big.csv")]
    if kind == 2:
        return ["info", "--minterms", "1", "--inputs", str(rng.choice([29, 40, 2000]))]
    if kind == 3:
        n = rng.choice([28, 29, 60, 3000])
        return ["info", "--expr", "|".join(f"v{i}" for i in range(n))]
    if kind == 4:
        n = rng.choice([27, 28, 29, 1100])
        p = tmp / f"m{k}.csv"
        p.write_text(",".join(f"x{i}" for i in range(n)) + ",f\n" + ",".join("1" * (n + 1)) + "\n")
        return ["table", str(p), "-o", str(tmp / "big.pla")]
    if kind == 5:
        return ["train", "--family", f"parity:{rng.choice([24, 26, 30])}", "--epochs", "1"]
    p = tmp / f"m{k}.json"
    net = dict(_NET, inputs=rng.choice([10 ** 9, 10 ** 6, 2 ** 40]))
    p.write_text(json.dumps(net))
    return rng.choice([["run", str(p), "--input", "011"], ["export", str(p), "-o",
                                                           str(tmp / "x.v")]])


def _wait(pid: int, seconds: float) -> tuple[int | None, int]:
    """Wait for a child: (exit code or None after ``seconds`` (killed), its own peak RSS in bytes)."""
    import time
    deadline = time.monotonic() + seconds
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.wait4(pid, 0)
            return None, 0
        time.sleep(0.02)


def _run_memory(count: int, tmp: Path) -> Tally:
    """Each request in its own process under a 3 GiB address-space limit and a 2 GiB budget:
    a hole shows as 'out of memory' (not refused up front) or as an RSS over the bound."""
    tally = Tally("memory")
    rng = random.Random(SEED + 5)
    env = dict(os.environ, BOOLNET_MEMORY_BUDGET="2G")
    for k in range(count):
        args = _memory_request(rng, tmp, k)
        tally.tried += 1

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        with open(tmp / "stderr.txt", "w+b") as errfile:
            proc = subprocess.Popen([sys.executable, "-m", "boolnet", *args], env=env, cwd=tmp,
                                    stdout=subprocess.DEVNULL, stderr=errfile, preexec_fn=limit)
            code, rss = _wait(proc.pid, 120)
            errfile.seek(0)
            err = errfile.read()
        if code is None:
            tally.defects.append(f"boolnet {' '.join(args)[:120]}: over 120 s")
            continue
        proc.returncode = code
        text = err.decode(errors="replace")
        if os.environ.get("BOOLNET_FUZZ_VERBOSE"):
            print(f"{rss >> 20:6d} MiB rc={proc.returncode} {' '.join(args)[:100]} {text[-150:]!r}")
        lines = [s for s in text.splitlines() if s.startswith("boolnet: error:")]
        shown = f"boolnet {' '.join(args)[:120]}"
        if proc.returncode == 0:
            tally.successes += 1
        elif proc.returncode != 2 or len(lines) != 1 or "Traceback" in text:
            tally.defects.append(f"{shown}: exit {proc.returncode}: {text[-300:]!r}")
        elif "out of memory" in lines[0] or "MemoryError" in text:
            tally.defects.append(f"{shown}: not refused up front: {lines[0][:200]}")
        else:
            tally.clean_errors += 1
            if "would need about" in lines[0] or "too large" in lines[0]:
                tally.refused_peaks.append(rss)
                if rss > REFUSED_RSS_BOUND:
                    tally.defects.append(f"{shown}: refused at a peak RSS of {rss >> 20} MiB")
    return tally


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_fuzz_memory(tmp_path, slow):
    _report(_run_memory(6 * (20 if slow else 1), tmp_path))
