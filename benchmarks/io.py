"""Benchmark of the readers and writers: PLA files of the shared set and a 2^20-row CSV truth table.

    python benchmarks/io.py [--quick] [--json out.json]

(a) The largest files of ../shared/bench/pla (by size): boolnet's ``parse_pla`` (NumPy over
    the whole cube block), ``format_pla`` and ``write_pla`` (to a file, atomically), beside
    two peers in the same run: pyeda's PLA parser (``pyeda.parsing.pla.parse``, Python
    regexes per line; it rejects ``~``, ``|`` and cubes that span lines, so some files have
    no pyeda figure) when pyeda is installed, and a naive per-line, per-character Python
    reader of the same cubes.
(b) A CSV truth table of 2^20 rows (20 inputs, 2 outputs, random with don't-cares),
    generated in a temporary folder: ``write_csv`` and ``read_csv`` seconds, beside a
    naive reader (the ``csv`` module and a Python loop per row).
Ratios are peer seconds / boolnet seconds (above 1: boolnet is faster). Times are the
best of several runs, one thread. ``--quick`` takes fewer files and repeats (< 1 minute).
"""
from __future__ import annotations

import csv
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

# first: it puts this checkout on sys.path for the boolnet imports
from _common import SHARED, parser, pin_threads, write_json

from boolnet import BooleanFunction
from boolnet.io.csvtable import format_csv, read_csv, write_csv
from boolnet.io.pla import format_pla, parse_pla, write_pla

pin_threads()  # one thread, as every benchmark here (DESIGN.md)
try:
    from pyeda.parsing.pla import parse as pyeda_parse
except ImportError:  # pragma: no cover - pyeda is optional (pip install pyeda)
    pyeda_parse = None


def best(fn, repeats: int) -> float:
    """Best wall time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def naive_pla(text: str):
    """A straightforward reader: split lines, loop over characters (the baseline)."""
    n = m = None
    care, value, outs, pending = [], [], [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("."):
            key, *args = line.split()
            if key == ".i":
                n = int(args[0])
            elif key == ".o":
                m = int(args[0])
            elif key in (".e", ".end"):
                break
            continue
        pending += [c for c in line if c not in " \t|"]
        if len(pending) < n + m:  # a cube may continue on the next line
            continue
        chars, pending = pending, []
        care.append([c in "01" for c in chars[:n]])
        value.append([c == "1" for c in chars[:n]])
        outs.append([c in "14" for c in chars[n:n + m]])
    return np.array(care, bool), np.array(value, bool), np.array(outs, bool)


def naive_csv(path: Path, outputs: int) -> np.ndarray:
    """The csv module and a Python loop per row (the baseline)."""
    with open(path, newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        n = len(header) - outputs
        table = np.zeros((1 << n, outputs), np.int8)
        code = {"0": 0, "1": 1, "-": -1, "x": -1, "X": -1}
        for row in rows:
            r = int("".join(row[:n]), 2)
            table[r] = [code[c] for c in row[n:]]
    return table


def pla_rows(count: int, repeats: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        return _pla_rows(count, repeats, Path(folder))


def _pla_rows(count: int, repeats: int, tmp: Path) -> list[dict]:
    files = sorted(SHARED.glob("*.pla"), key=lambda p: p.stat().st_size, reverse=True)[:count]
    rows = []
    for path in files:
        text = path.read_text()
        cf = parse_pla(text)
        row = {"file": path.stem, "bytes": len(text), "inputs": cf.n, "outputs": cf.m,
               "cubes": len(cf.on) + len(cf.dc) + (len(cf.off) if cf.off is not None else 0),
               "parse_s": best(lambda: parse_pla(text), repeats),
               "format_s": best(lambda: format_pla(cf), repeats),
               "write_s": best(lambda: write_pla(cf, tmp / f"{path.stem}.pla"), repeats),
               "naive_s": best(lambda: naive_pla(text), repeats)}
        row["naive_ratio"] = row["naive_s"] / row["parse_s"]
        row["pyeda_s"] = row["pyeda_ratio"] = None
        row["pyeda_note"] = "not installed" if pyeda_parse is None else ""
        if pyeda_parse is not None:
            try:
                pyeda_parse(text)
                row["pyeda_s"] = best(lambda: pyeda_parse(text), repeats)
                row["pyeda_ratio"] = row["pyeda_s"] / row["parse_s"]
            except Exception as exc:  # pyeda refuses ~, | and cubes spanning lines
                row["pyeda_note"] = f"pyeda cannot read it: {str(exc)[:40]}"
        rows.append(row)
    return rows


def csv_row(n: int, repeats: int, naive: bool) -> dict:
    rng = np.random.default_rng(2024)
    f = BooleanFunction.from_array(rng.integers(-1, 2, size=(1 << n, 2)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.csv"
        write_s = best(lambda: write_csv(f, path), repeats)
        size = path.stat().st_size
        read_s = best(lambda: read_csv(path), repeats)
        assert read_csv(path) == f
        row = {"rows": 1 << n, "inputs": n, "outputs": 2, "bytes": size, "write_s": write_s,
               "format_s": best(lambda: format_csv(f), repeats), "read_s": read_s,
               "naive_s": None, "naive_ratio": None}
        if naive:
            t0 = time.perf_counter()
            table = naive_csv(path, 2)
            row["naive_s"] = time.perf_counter() - t0
            assert (table == f.to_array()).all()
            row["naive_ratio"] = row["naive_s"] / read_s
    return row


def main() -> None:
    ap = parser(__doc__, "fewer files and repeats, under a minute")
    args = ap.parse_args()
    repeats = 3 if args.quick else 7
    out = {"machine": {"python": platform.python_version(), "numpy": np.__version__,
                       "platform": platform.platform(), "threads": 1,
                       "pyeda": None if pyeda_parse is None else "0.29+"},
           "quick": args.quick}

    if SHARED.is_dir():
        out["pla"] = pla_rows(4 if args.quick else 10, repeats)
        print(f"(a) PLA files, best of {repeats}; ratio = peer s / boolnet s")
        print(f"{'file':8} {'KiB':>6} {'n':>4} {'m':>4} {'cubes':>6} {'parse ms':>9} "
              f"{'write ms':>9} {'pyeda ms':>9} {'ratio':>6} {'naive ms':>9} {'ratio':>6}")
        for r in out["pla"]:
            py = f"{r['pyeda_s'] * 1e3:9.2f} {r['pyeda_ratio']:6.1f}" if r["pyeda_s"] else \
                f"{'-':>9} {'-':>6}"
            print(f"{r['file']:8} {r['bytes'] / 1024:6.0f} {r['inputs']:4d} {r['outputs']:4d} "
                  f"{r['cubes']:6d} {r['parse_s'] * 1e3:9.2f} {r['write_s'] * 1e3:9.2f} {py} "
                  f"{r['naive_s'] * 1e3:9.2f} {r['naive_ratio']:6.1f}"
                  + (f"  ({r['pyeda_note']})" if r["pyeda_note"] else ""))
    else:
        out["pla"] = []
        print(f"(a) skipped: the shared PLA set is absent ({SHARED})")

    out["csv"] = csv_row(20, 1 if args.quick else 3, naive=True)
    c = out["csv"]
    print(f"\n(b) CSV truth table, {c['rows']} rows x {c['inputs']}+{c['outputs']} columns "
          f"({c['bytes'] / 2**20:.0f} MiB)")
    print(f"  write_csv {c['write_s']:.3f} s (format {c['format_s']:.3f} s), "
          f"read_csv {c['read_s']:.3f} s; naive csv-module reader {c['naive_s']:.2f} s "
          f"(ratio {c['naive_ratio']:.1f})")
    if args.json:
        write_json(args.json, out)
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
