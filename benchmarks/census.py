"""Benchmark of the census of NPN classes on the chunked Dask runner.

    python benchmarks/census.py [--quick] [--json out.json] [--parts abcde]

(a) n = 4, all 222 classes, in this process (one core): the exact minimum of every class
    (when boolnet.compiler.exact is installed) and every compiler form; classes/s, and
    whether the 1-unit classes give A000609's 1,882.  Target: < 5 min.
(b) A seeded sample of 5-input classes: classes/s with the threshold test and every form
    (and exact synthesis, under a time limit); exact CPU seconds per class (median, worst,
    mean; the first 200 classes of the sample, 20 with --quick), after a warm-up whose
    one-off CPU (the threshold list, the search's index, numba's kernels) is reported
    apart.  Target: median < 1 s of CPU.
(c) The same sample on a LocalCluster of 1 and of 2 workers: classes/s and the speed-up
    (cluster start-up left out; the store is written as chunks finish in both).
(d) 94,572: the threshold functions of at most 5 inputs from all 616,126 classes
    (class enumeration + the census's single-unit test on 2 workers, every row stored;
    with --quick the same test in this process, no runner).  Target: < 30 min.
    The peer: one LP (scipy HiGHS) per class, the textbook test, on a sample of classes,
    against boolnet's vectorised unate filter + LP on the same classes; ratio = peer / boolnet.
(e) Projected CPU-hours of the whole 5-input census from (b)'s mean CPU seconds per
    class: exact + forms, and exact alone (``boolnet census --n 5 --no-forms``).
"""
from __future__ import annotations

import io
import os
import platform
import statistics
import tempfile
import time

import numpy as np

# first: it puts this checkout on sys.path for the boolnet imports
from _common import finish, parser, pin_threads

from boolnet.census import A000370, A000609, census, threshold_mask
from boolnet.runner import Meter

pin_threads()

CLASSES5 = A000370[5]


def _have_exact() -> bool:
    try:
        import boolnet.compiler.exact  # noqa: F401
        return True
    except ImportError:
        return False


def _quiet(label: str) -> Meter:
    return Meter(label, 0, stream=io.StringIO())


def _store(tmp: str, name: str) -> str:
    path = os.path.join(tmp, name)
    if os.path.exists(path):
        os.unlink(path)
    return path


def part_a(tmp: str, exact: bool, time_limit: float) -> dict:
    t0 = time.perf_counter()
    res = census(4, _store(tmp, "a.sqlite"), scheduler="synchronous", exact=exact, forms=True,
                 time_limit=time_limit, meter=_quiet("a"))
    secs = time.perf_counter() - t0
    s = res.summary
    return {"classes": s["classes"], "seconds": secs, "classes_per_s": s["classes"] / secs,
            "exact": exact, "threshold_functions": s["threshold_functions"],
            "a000609_ok": s["threshold_functions"] == A000609[4],
            "unproven": s["unproven"], "minimum": s["minimum"],
            "best_construction": s["forms"].get("best", {})}


def _sample_classes(k: int, seed: int):
    from boolnet.npn import npn_classes
    tts, sizes = npn_classes(5)
    idx = np.sort(np.random.default_rng(seed).choice(len(tts), size=k, replace=False))
    return tts, sizes, idx


def part_b(tmp: str, k: int, seed: int, exact: bool, time_limit: float, exact_k: int) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
    census(5, _store(tmp, "b.sqlite"), scheduler="synchronous", exact=False, forms=True,
           sample=k, seed=seed, meter=_quiet("b"))
    secs, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    out = {"sample": k, "seed": seed, "forms_seconds": secs, "forms_classes_per_s": k / secs,
           "forms_seconds_per_class": secs / k, "forms_cpu_seconds_per_class": cpu_s / k}
    if exact:
        from boolnet.census import _function, on_support
        from boolnet.compiler.exact import exact_minimum
        from boolnet.errors import NotApplicable
        tts, _, idx = _sample_classes(k, seed)
        c1 = time.process_time()
        exact_minimum(_function(0x0b659356, 5))  # warm-up: a 3-unit class builds the
        # search's tables, its pair index and its kernels
        out["exact_setup_cpu_s"] = time.process_time() - c1
        times, cpu, unproven = [], [], 0
        for i in idx[:exact_k]:
            t1, c1 = time.perf_counter(), time.process_time()
            try:
                _, rep = exact_minimum(_function(*on_support(int(tts[i]), 5)),
                                       time_limit=time_limit)
                unproven += not rep.proven
            except NotApplicable:  # the time limit: counted at the limit, as unproven
                unproven += 1
            times.append(time.perf_counter() - t1)
            cpu.append(time.process_time() - c1)
        out.update(exact_cpu_median_s=statistics.median(cpu),
                   exact_cpu_mean_s=statistics.fmean(cpu), exact_cpu_worst_s=max(cpu),
                   exact_classes=len(times), exact_median_s=statistics.median(times),
                   exact_worst_s=max(times), exact_mean_s=statistics.fmean(times),
                   exact_unproven=unproven, exact_time_limit_s=time_limit)
    return out


def part_c(tmp: str, k: int, seed: int) -> dict:
    out = {}
    for w in (1, 2):
        from distributed import Client, LocalCluster
        cluster = LocalCluster(n_workers=w, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
        client = Client(cluster)
        try:
            # Warm the workers (imports, compiled kernels) outside the timed run.
            census(3, _store(tmp, f"warm{w}.sqlite"), scheduler=client, exact=False,
                   meter=_quiet("warm"))
            res = census(5, _store(tmp, f"c{w}.sqlite"), scheduler=client, exact=False,
                         forms=True, sample=k, seed=seed, chunk_size=max(1, k // 40),
                         meter=_quiet("c"))
        finally:
            client.close()
            cluster.close()
        out[f"workers_{w}_seconds"] = res.run.seconds
        out[f"workers_{w}_classes_per_s"] = k / res.run.seconds
        out[f"workers_{w}_rows"] = res.rows
    out["speedup"] = out["workers_1_seconds"] / out["workers_2_seconds"]
    out["same_rows"] = out.pop("workers_1_rows") == out.pop("workers_2_rows")
    return out


def _lp_separable(tt: int, n: int) -> bool:
    """The textbook test: is there (w, b) with w.x + b >= 1 on ON rows, <= -1 on OFF rows? (HiGHS)."""
    from scipy.optimize import linprog
    r = np.arange(1 << n)
    X = ((r[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(float)
    y = np.array([(tt >> q) & 1 for q in r], bool)
    A = np.where(y, -1.0, 1.0)[:, None] * np.hstack([X, np.ones((len(X), 1))])
    res = linprog(np.zeros(n + 1), A_ub=A, b_ub=-np.ones(len(X)), bounds=(None, None),
                  method="highs")
    return res.status == 0


def part_d(tmp: str, peer_k: int, seed: int, runner: bool) -> dict:
    from boolnet.npn import npn_classes
    t0 = time.perf_counter()
    tts, sizes = npn_classes(5)
    enum_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    if runner:  # the census itself: 2 workers, every row stored
        res = census(5, _store(tmp, "d.sqlite"), scheduler="local", workers=2, exact=False,
                     forms=False, chunk_size=20000, classes=(tts, sizes), meter=_quiet("d"))
        count, classes = res.summary["threshold_functions"], res.summary["threshold_classes"]
    else:  # --quick: the same single-unit test on every class, in this process, no store
        mask = threshold_mask(tts, 5)
        count, classes = int(sizes[mask].sum()), int(mask.sum())
    run_s = time.perf_counter() - t0
    # The peer: an LP for every class (no unate filter) on a sample, against ours on it.
    idx = np.sort(np.random.default_rng(seed).choice(len(tts), size=peer_k, replace=False))
    t0 = time.perf_counter()
    peer = [_lp_separable(int(tts[i]), 5) for i in idx]
    peer_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = threshold_mask(tts[idx], 5).tolist()
    ours_s = time.perf_counter() - t0
    return {"enumeration_s": enum_s, "census_s_with_cluster_start": run_s,
            "on_runner": runner, "threshold_functions": count, "threshold_classes": classes,
            "a000609_ok": count == A000609[5],
            "total_s": enum_s + run_s, "peer_sample": peer_k, "peer_lp_s": peer_s,
            "boolnet_s": ours_s, "agree": peer == ours, "ratio_peer_over_boolnet": peer_s / ours_s,
            "lp_per_class_projected_s": peer_s / peer_k * CLASSES5}


def main() -> None:
    ap = parser(__doc__, "small samples (under a minute)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-limit", type=float, default=10.0,
                    help="exact synthesis seconds per class")
    ap.add_argument("--parts", default="abcde",
                    help="which parts to run (e needs b), e.g. be for the exact figures alone")
    args = ap.parse_args()
    exact = _have_exact()
    quick, parts = args.quick, args.parts
    out = {"machine": platform.platform(), "cores": os.cpu_count(), "quick": quick,
           "exact_available": exact, "parts": parts}
    targets = {}
    with tempfile.TemporaryDirectory() as tmp:
        if "a" in parts:
            print("(a) n=4: all 222 classes, one core ...", flush=True)
            out["a"] = a = part_a(tmp, exact and not quick, args.time_limit)
            print(f"    {a['classes']} classes in {a['seconds']:.1f} s "
                  f"({a['classes_per_s']:.1f}/s), exact={a['exact']}, "
                  f"1-unit functions {a['threshold_functions']} "
                  f"(A000609: {'OK' if a['a000609_ok'] else 'MISMATCH'})")
            targets["n4_census_under_5_min"] = a["seconds"] < 300
        if "b" in parts:
            k = 30 if quick else 1000
            print(f"(b) n=5: a sample of {k} classes (seed {args.seed}), one core ...", flush=True)
            out["b"] = b = part_b(tmp, k, args.seed, exact, args.time_limit, 20 if quick else 200)
            print(f"    threshold test + forms: {b['forms_classes_per_s']:.1f} classes/s")
            if exact:
                print(f"    exact: CPU median {b['exact_cpu_median_s']:.3f} s, worst "
                      f"{b['exact_cpu_worst_s']:.3f} s, mean {b['exact_cpu_mean_s']:.3f} s (wall "
                      f"median {b['exact_median_s']:.3f} s) over {b['exact_classes']} classes "
                      f"({b['exact_unproven']} unproven at the {b['exact_time_limit_s']:g} s "
                      f"limit); one-off set-up {b['exact_setup_cpu_s']:.2f} s CPU")
                targets["exact_5_input_median_under_1_s_cpu"] = b["exact_cpu_median_s"] < 1.0
        if "c" in parts:
            kc = 40 if quick else 1000
            print(f"(c) workers 1 vs 2 on {kc} sampled 5-input classes ...", flush=True)
            out["c"] = c = part_c(tmp, kc, args.seed)
            print(f"    1 worker {c['workers_1_classes_per_s']:.1f}/s, 2 workers "
                  f"{c['workers_2_classes_per_s']:.1f}/s: speed-up {c['speedup']:.2f}x, "
                  f"same rows: {c['same_rows']}")
        if "d" in parts:
            peer_k = 100 if quick else 3000
            print(f"(d) 94,572 from all {CLASSES5} classes; peer on {peer_k} ...",
                  flush=True)
            out["d"] = d = part_d(tmp, peer_k, args.seed, runner=not quick)
            how = "census on 2 workers" if d["on_runner"] else "single-unit test in this process"
            print(f"    enumeration {d['enumeration_s']:.1f} s + {how} "
                  f"{d['census_s_with_cluster_start']:.1f} s = {d['total_s']:.1f} s: "
                  f"{d['threshold_functions']} threshold functions in {d['threshold_classes']} "
                  f"classes (A000609: {'OK' if d['a000609_ok'] else 'MISMATCH'})")
            print(f"    peer (an LP per class): {d['peer_lp_s']:.2f} s vs boolnet "
                  f"{d['boolnet_s']:.3f} s on {peer_k} classes: ratio "
                  f"{d['ratio_peer_over_boolnet']:.0f}x (agree: {d['agree']})")
            targets["94572_under_30_min"] = d["total_s"] < 1800 and d["a000609_ok"]
    if "e" in parts and "b" in parts:
        # CPU seconds, not wall: on a shared machine the wall clock measures the others' load.
        per_class = b["forms_cpu_seconds_per_class"] + (b.get("exact_cpu_mean_s") or 0.0)
        out["e"] = {"cpu_seconds_per_class": per_class, "exact_included": exact,
                    "exact_time_limit_s": args.time_limit if exact else None,
                    "cpu_hours_whole_5_input_census": per_class * CLASSES5 / 3600}
        print(f"(e) projected whole 5-input census ({'exact + ' if exact else ''}forms): "
              f"{out['e']['cpu_hours_whole_5_input_census']:.1f} CPU-hours "
              f"({per_class * 1000:.1f} ms of CPU a class"
              f"{f', exact capped at {args.time_limit:g} s' if exact else ''})")
        if exact:
            out["e"]["cpu_hours_exact_only"] = b["exact_cpu_mean_s"] * CLASSES5 / 3600
            print(f"    exact alone (--no-forms): {out['e']['cpu_hours_exact_only']:.1f} "
                  f"CPU-hours ({b['exact_cpu_mean_s'] * 1000:.1f} ms of CPU a class)")
    finish(out, args.json, targets)


if __name__ == "__main__":
    main()
