"""Benchmark of the equivalence proofs: SAT miter seconds on the large shared PLA files, beside ABC's ``cec``.

    python benchmarks/prove.py [--quick] [--json out.json] [--files a,b,...] [--synth]

For each shared PLA file with more than 22 inputs (../shared/bench/pla), the minimised
cover (``boolnet.minimize``, heuristic) becomes a two-level threshold network (one AND
unit per cube, one OR unit per output: ``compiler.wide.wide_from_cover``), which is then
proven equal to the file's own cover:

- boolnet: :func:`boolnet.prove.sat.prove_sat` (CaDiCaL through python-sat), seconds
  including the CNF encoding, and the miter's size; ``structural`` counts the outputs
  proven by structural hashing alone (no solver call); :func:`boolnet.prove.bdd.prove_bdd`
  (CUDD) seconds beside it; files with at most 24 inputs also get the exhaustive
  check's seconds;
- ``--synth``: the network is the multi-level one of ``--arch synth``
  (``compiler.auto.synth_network``) instead: many layers, no structure shared with the
  source cover, so the miter has to work (synthesis takes 3-40 s a file);
- the peer: Berkeley ABC's ``cec -n`` of the exported AIGER against the PLA file (as
  boolnet writes it, one cube a line: ABC cannot read ex4's wrapped cubes), in the
  same run where ABC is installed (``berkeley-abc`` or ``abc``): the wall time of the
  process (reading both files included), its CPU seconds and ABC's own reported time;
  ratio = ABC wall / boolnet wall, cpu ratio = ABC CPU / boolnet CPU (``*_cpu`` columns
  are process CPU seconds: on a loaded shared machine wall times swing 2-6x, CPU less).

Targets (issue 13): each proof well under 60 s, peak RSS under 4 GiB (``rss_mib`` is the
benchmark process's peak so far, minimisation included; ``abc_rss_mib`` ABC's).
"""
from __future__ import annotations

import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# first: it puts this checkout on sys.path for the boolnet imports
from _common import ABC, SHARED, parser, pin_threads, write_json

import boolnet
from boolnet.compiler.wide import wide_from_cover
from boolnet.export import write_network
from boolnet.io.pla import read_pla, write_pla
from boolnet.prove.bdd import prove_bdd
from boolnet.prove.exhaustive import EXHAUSTIVE_MAX, prove_exhaustive
from boolnet.prove.sat import prove_sat

pin_threads()

FILES = ["apex1", "apex2", "apex3", "apex5", "e64", "ex4", "o64", "seq", "misex2", "cps",
         "duke2", "cordic", "vg2"]
QUICK = ["vg2", "misex2", "duke2", "e64", "o64", "ex4", "apex3", "seq"]


def abc_cec(aig: Path, pla: Path) -> dict:
    """ABC's verdict, wall seconds, its own reported seconds and its peak RSS."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu0 = ru.ru_maxrss, ru.ru_utime + ru.ru_stime
    t0 = time.perf_counter()
    out = subprocess.run([ABC, "-c", f"cec -n {aig} {pla}"], capture_output=True, text=True,
                         timeout=600).stdout
    wall = time.perf_counter() - t0
    own = re.search(r"Time =\s*([0-9.]+) sec", out)
    verdict = ("equivalent" if "Networks are equivalent" in out else
               "NOT equivalent" if "NOT EQUIVALENT" in out else "undecided")
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = ru.ru_maxrss
    return {"abc": verdict, "abc_seconds": wall, "abc_cpu": ru.ru_utime + ru.ru_stime - cpu0,
            "abc_own_seconds": float(own.group(1)) if own else None,
            "abc_rss_mib": max(rss, before) / 1024}


def measure(name: str, tmp: Path, synth: bool = False) -> dict:
    """One file: build the net (two-level or synth), prove it by SAT and BDDs (exhaustively
    too at <= 24 inputs), run ABC."""
    pla = SHARED / f"{name}.pla"
    f = read_pla(pla)
    t0 = time.perf_counter()
    if synth:
        from boolnet.compiler.auto import function_cover, synth_network
        net = synth_network(function_cover(f))[0]
    else:
        cover, _ = boolnet.minimize(f, method="heuristic", progress=False)
        net = wide_from_cover(cover)
    build = time.perf_counter() - t0
    c0 = time.process_time()
    res = prove_sat(net, f)
    c1 = time.process_time()
    bdd = prove_bdd(net, f, time_limit=120)
    c2 = time.process_time()
    row = {"file": name, "inputs": f.n, "outputs": f.m, "source_cubes": len(f.on),
           "units": sum(layer.n_out for layer in net.layers), "layers": len(net.layers),
           "build_seconds": build, "status": res.status, "sat_seconds": res.seconds,
           "sat_cpu": c1 - c0, "bdd_status": bdd.status, "bdd_seconds": bdd.seconds,
           "bdd_cpu": c2 - c1,
           "bdd_peak_nodes": bdd.stats.get("peak_nodes"),
           "encode_seconds": res.stats.get("encode_seconds"),
           "variables": res.stats.get("variables"), "clauses": res.stats.get("clauses"),
           "conflicts": res.stats.get("conflicts"),
           "structural": res.stats.get("outputs_by_structure"),
           "exhaustive_seconds": None}
    if f.n <= EXHAUSTIVE_MAX:
        ex = prove_exhaustive(net, f)
        row["exhaustive_seconds"] = ex.seconds if ex.status == "exhaustive" else None
    row["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if ABC:
        aig, plain = tmp / f"{name}.aig", tmp / f"{name}.pla"
        write_network(net, aig)
        write_pla(f, plain)  # one cube a line: ABC cannot read ex4's cubes split over lines
        row.update(abc_cec(aig, plain))
        row["ratio_abc_over_boolnet"] = row["abc_seconds"] / res.seconds
        row["cpu_ratio_abc_over_boolnet"] = row["abc_cpu"] / max(row["sat_cpu"], 1e-6)
    return row


def _fmt(v, width: int) -> str:
    if v is None:
        return "-".rjust(width)
    if isinstance(v, float):
        return f"{v:.3g}".rjust(width)
    return str(v).rjust(width)


def main() -> None:
    """Run the benchmark, print the table, write the JSON."""
    ap = parser(__doc__, "the smaller files only (< 1 minute)")
    ap.add_argument("--files", help="comma-separated file names instead of the default set")
    ap.add_argument("--synth", action="store_true",
                    help="prove the multi-level networks of --arch synth instead of two-level ones")
    args = ap.parse_args()
    names = args.files.split(",") if args.files else QUICK if args.quick else FILES
    if not SHARED.is_dir():
        sys.exit(f"the shared benchmark set is absent ({SHARED})")
    rows = []
    cols = [("file", 8), ("inputs", 6), ("outputs", 7), ("units", 6), ("layers", 6), ("status", 7),
            ("sat_seconds", 11), ("sat_cpu", 7), ("structural", 10), ("conflicts", 9),
            ("bdd_seconds", 11), ("bdd_cpu", 7), ("exhaustive_seconds", 18),
            ("abc", 12), ("abc_seconds", 11), ("abc_cpu", 7), ("ratio_abc_over_boolnet", 22),
            ("cpu_ratio_abc_over_boolnet", 26), ("rss_mib", 7)]
    print("  ".join(c.rjust(w) for c, w in cols))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            row = measure(name, Path(tmp), args.synth)
            rows.append(row)
            print("  ".join(_fmt(row.get(c), w) for c, w in cols), flush=True)
    proven = [r for r in rows if r["status"] == "sat"]
    worst = max((r["sat_seconds"] for r in rows), default=0.0)
    sat_faster = sum(r["sat_seconds"] < r["bdd_seconds"] for r in rows)
    print(f"{len(proven)}/{len(rows)} proven by SAT; slowest proof {worst:.3g} s (target < 60 s); "
          f"peak RSS {max(r['rss_mib'] for r in rows):.0f} MiB (target < 4096); "
          f"SAT faster than BDDs on {sat_faster}/{len(rows)}")
    if ABC:
        agree = all((r["abc"] == "equivalent") == (r["status"] == "sat") for r in rows)
        print(f"ABC cec agrees on every file: {'yes' if agree else 'NO'}")
    else:
        print("ABC not installed: no peer column")
    if args.json:
        meta = {"python": platform.python_version(), "machine": platform.machine(),
                "abc": ABC, "quick": args.quick, "synth": args.synth}
        write_json(args.json, {"meta": meta, "rows": rows}, indent=1)


if __name__ == "__main__":
    main()
