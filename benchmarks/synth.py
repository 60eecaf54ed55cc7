"""Threshold synthesis on the shared MCNC files and arithmetic families, beside Berkeley ABC.

    python benchmarks/synth.py [--quick] [--json out.json] [--only NAME ...] [--cec]

Each function is compiled by ``boolnet compile`` (arch auto: every form, chosen per output,
multi-level synthesis included) in a fresh process, which gives its wall time and peak RSS.
The arithmetic families are compiled as ``--family NAME``, so synthesis also starts from
the circuit they carry (ripple adders, an adder array of partial products); ABC reads
their tables as PLA files, as before.
Beside it, in the same run: Berkeley ABC's AND-node count and levels after
``strash; resyn2; resyn2; dc2; dc2`` (Debian's ``berkeley-abc``; skipped cleanly when
absent), and the figures boolnet gave before this round where the issue recorded them.
With ``--cec`` ABC also checks the written BLIF against the source (an outside judge of
the proof). Targets (issue 13): every file compiles and is proven in under 60 s and 4 GiB;
neurons <= ABC's AND nodes; comparator:6 <= 3; adder:N <= 2N; multiplier:4 <= 60.
"""
from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ABC, SHARED as PLA, parser, write_json  # noqa: E402  (checkout on sys.path)
RESYN2 = ("balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; "
          "rewrite -z; balance")  # resyn2, spelled out: the alias needs abc.rc

#: boolnet's auto figures before this round, as issue 13 recorded them.
OLD = {"clip": 122, "t481": 68, "comparator:6": 163, "adder:6": 39, "multiplier:4": 175,
       "multiplier:6": 1850}
#: The 13 shared files boolnet could not compile before this round (issue 13); the other
#: 28 took 3,142 neurons in all.
FAILED_BEFORE = {"apex1", "apex2", "apex3", "apex5", "e64", "ex4", "o64", "seq", "cordic",
                 "duke2", "vg2", "misex2", "cps"}
OLD_28_TOTAL = 3142
FAMILIES_QUICK = ["comparator:6", "adder:4", "adder:6", "multiplier:4", "majority:9", "sorter:8"]
FAMILIES = FAMILIES_QUICK + ["comparator:4", "comparator:8", "adder:8", "multiplier:5",
                             "multiplier:6"]
QUICK_FILES = ["t481", "clip", "5xp1", "rd84", "misex1", "b12", "cordic", "vg2"]


def sorter(n: int):
    """The n-input sorting network's outputs: output k is 1 when at least k+1 inputs are 1."""
    import numpy as np

    from boolnet.function import BooleanFunction
    rows = np.arange(1 << n)
    count = np.array([bin(r).count("1") for r in rows])
    table = np.stack([count >= k + 1 for k in range(n)], axis=1)
    return BooleanFunction.from_array(table.astype(np.int8),
                                      output_names=[f"y{k + 1}" for k in range(n)])


def source_of(name: str, tmp: Path) -> str:
    """A PLA path for a shared file, or one written from a family."""
    if ":" not in name:
        return str(PLA / f"{name}.pla")
    import boolnet
    from boolnet import families
    kind, n = name.split(":")
    f = sorter(int(n)) if kind == "sorter" else families.by_name(name)
    path = tmp / (name.replace(":", "_") + ".pla")
    boolnet.write(f, str(path))
    return str(path)


def boolnet_source(name: str, src: str) -> list[str]:
    """What ``boolnet compile`` reads: a family by name (with its circuit), else the file."""
    from boolnet.families import FAMILIES
    return ["--family", name] if name.split(":")[0] in FAMILIES else [src]


def run_boolnet(src: str | list[str], out_blif: str | None, timeout: float) -> dict:
    """Compile in a fresh process: the JSON report, wall seconds and the child's peak RSS."""
    cmd = [sys.executable, "-m", "boolnet", "compile", *([src] if isinstance(src, str) else src),
           "--format", "json"]
    if out_blif:
        cmd += ["-o", out_blif]
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = ru0.ru_maxrss
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s", "seconds": timeout}
    secs = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = ru1.ru_maxrss
    # CPU seconds of the child: wall time swings several-fold with the load of a shared box.
    cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    row = {"seconds": round(secs, 2), "cpu_seconds": round(cpu, 2),
           "peak_mib": round(max(rss, before) / 1024, 1)}
    if p.returncode != 0:
        row["error"] = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1][:160]
        return row
    d = json.loads(p.stdout)
    fanin = d.get("max_fanin")
    row.update(neurons=d["neurons"], weights=d["weights"], depth=d["depth"],
               proof=d.get("proof") or ("exhaustive" if d.get("exhaustive") else "?"),
               verified=d["verified"], arch=d["arch"], max_fanin=fanin,
               forms=sorted(set(d.get("forms") or [d["arch"]])))
    return row


def run_abc(src: str, blif: str | None) -> dict:
    """ABC's AND nodes and levels after its standard script (and cec against our BLIF)."""
    if ABC is None:
        return {}
    script = f"read {src}; strash; {RESYN2}; {RESYN2}; dc2; dc2; print_stats"
    p = subprocess.run([ABC, "-c", script], capture_output=True, text=True, timeout=600)
    m = re.search(r"and\s*=\s*(\d+)\s+lev\s*=\s*(\d+)", p.stdout)
    row = {"abc_and": int(m.group(1)), "abc_lev": int(m.group(2))} if m else {"abc_and": None}
    if blif and os.path.exists(blif):
        p = subprocess.run([ABC, "-c", f"cec -n {src} {blif}"], capture_output=True, text=True,
                           timeout=600)
        row["abc_cec"] = ("equivalent" if "are equivalent" in p.stdout
                          else "NOT equivalent" if "NOT EQUIVALENT" in p.stdout.upper()
                          else "?")
    return row


def main(argv=None) -> int:
    """Run the table; write JSON when asked."""
    ap = parser(__doc__, "a few files and families (< 5 min)")
    ap.add_argument("--only", nargs="*", help="these files/families only")
    ap.add_argument("--cec", action="store_true", help="ABC's cec on the written BLIF")
    ap.add_argument("--timeout", type=float, default=300.0)
    args = ap.parse_args(argv)
    if args.only:
        names = args.only
    else:
        files = QUICK_FILES if args.quick else sorted(p.stem for p in PLA.glob("*.pla"))
        names = files + (FAMILIES_QUICK if args.quick else FAMILIES)
    if not PLA.exists():
        names = [n for n in names if ":" in n]
        print(f"({PLA} not found: families only)", file=sys.stderr)
    rows = []
    head = (f"{'function':<14} {'neurons':>7} {'ABC AND':>7} {'ratio':>6} {'old':>5} {'depth':>5} "
            f"{'ABC lev':>7} {'proof':<11} {'sec':>6} {'cpu s':>6} {'MiB':>6}  forms")
    print(head)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in names:
            src = source_of(name, tmp)
            blif = str(tmp / (name.replace(":", "_") + ".blif")) if args.cec else None
            row = {"function": name, **run_boolnet(boolnet_source(name, src), blif, args.timeout),
                   **run_abc(src, blif)}
            row["old"] = OLD.get(name)
            if row.get("neurons") is not None and row.get("abc_and"):
                row["ratio"] = round(row["neurons"] / row["abc_and"], 3)
            rows.append(row)
            if "error" in row:
                print(f"{name:<14} ERROR {row['error']}  ({row['seconds']} s)", flush=True)
                continue
            print(f"{name:<14} {row['neurons']:>7} {row.get('abc_and') or '-':>7} "
                  f"{row.get('ratio', '-'):>6} {row['old'] or '-':>5} {row['depth']:>5} "
                  f"{row.get('abc_lev') or '-':>7} {row['proof'][:11]:<11} {row['seconds']:>6} "
                  f"{row['cpu_seconds']:>6} "
                  f"{row['peak_mib']:>6}  {','.join(row['forms'])}"
                  + (f"  cec {row['abc_cec']}" if 'abc_cec' in row else ""), flush=True)
    ok = [r for r in rows if "error" not in r]
    both = [r for r in ok if r.get("abc_and")]
    summary = {
        "functions": len(rows), "compiled": len(ok),
        "proven": sum(1 for r in ok if r["verified"]),
        "max_seconds": max((r["seconds"] for r in rows), default=0),
        "max_cpu_seconds": max((r.get("cpu_seconds", 0) for r in rows), default=0),
        "max_peak_mib": max((r.get("peak_mib", 0) for r in rows), default=0),
        "neurons": sum(r["neurons"] for r in ok),
        "abc_and": sum(r["abc_and"] for r in both),
        "neurons_where_abc": sum(r["neurons"] for r in both),
        "at_most_abc": sum(1 for r in both if r["neurons"] <= r["abc_and"]),
        "with_abc": len(both),
    }
    old28 = [r for r in ok if ":" not in r["function"] and r["function"] not in FAILED_BEFORE]
    if len(old28) == 41 - len(FAILED_BEFORE):
        summary["old_28_neurons"] = sum(r["neurons"] for r in old28)
        summary["old_28_ratio"] = round(summary["old_28_neurons"] / OLD_28_TOTAL, 3)
    print(f"\ncompiled {summary['compiled']}/{summary['functions']}, proven {summary['proven']}; "
          f"slowest {summary['max_seconds']} s ({summary['max_cpu_seconds']} s CPU), "
          f"peak {summary['max_peak_mib']} MiB; "
          f"neurons <= ABC AND on {summary['at_most_abc']}/{summary['with_abc']}; "
          f"total neurons {summary['neurons_where_abc']} vs ABC {summary['abc_and']} "
          f"(ratio {summary['neurons_where_abc'] / max(1, summary['abc_and']):.3f})")
    if "old_28_neurons" in summary:
        print(f"the 28 files that compiled before: {summary['old_28_neurons']} neurons against "
              f"{OLD_28_TOTAL} (ratio {summary['old_28_ratio']})")
    if args.json:
        write_json(args.json, {"rows": rows, "summary": summary}, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
