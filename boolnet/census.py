"""The census of small functions: for every NPN class of n inputs, how many threshold units it needs.

For each class (a canonical truth table and the number of functions in it) a row says:
whether one threshold unit computes it, the minimum number of units and the depth of a
smallest network (exact synthesis, :mod:`boolnet.compiler.exact`), and what each compiler
form builds (threshold, symmetric, cascade, deep, wide: units and depth). Summed over
classes weighted by their sizes, the one-unit rows count the threshold functions of at
most n inputs, which must give OEIS A000609 (2, 4, 14, 104, 1882, 94572 for n = 0..5).

Truth tables are integers: bit r is the value on row r, the first input being the most
significant bit of r (so ``0x8`` is x1 AND x2).

The single-unit test runs on a whole array of tables at once: a threshold function is
unate in every input, which a few shifts and masks decide for every table together;
only the unate tables (a few hundred NPN classes for n = 5, out of 616,126) go to the
linear program of :func:`boolnet.compiler.threshold.threshold_weights`.

The work is cut into chunks of classes and run by :func:`boolnet.runner.run_chunks`, so a
census resumes where it stopped and gives the same rows on one worker or on many.

References
----------
OEIS A000609 (threshold functions of n or fewer variables), A000370 (NPN classes),
A001530 (NPN classes of threshold functions of exactly n variables; Muroga's tables).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from .errors import BoolnetError
from .function import BooleanFunction
from .runner import Chunk, check_scheduler, ResultStore, RunStats, run_chunks

__all__ = ["threshold_mask", "unate_mask", "support_sizes", "on_support", "census_chunk", "census", "summarize",
           "format_summary", "CensusResult", "FORMS", "FIELDS", "A000609", "A000370",
           "THRESHOLD_CLASSES", "MAX_N"]

#: Threshold functions of at most n inputs (OEIS A000609), n = 0..6.
A000609 = {0: 2, 1: 4, 2: 14, 3: 104, 4: 1882, 5: 94572, 6: 15028134}
#: NPN classes of functions of at most n inputs (OEIS A000370), n = 0..5.
A000370 = {0: 1, 1: 2, 2: 4, 3: 14, 4: 222, 5: 616126}
#: NPN classes of threshold functions of at most n inputs: partial sums of A001530 (1, 1, 1, 3, 9, 48).
THRESHOLD_CLASSES = {0: 1, 1: 2, 2: 3, 3: 6, 4: 15, 5: 63}
#: Largest n a census takes (truth tables in one 64-bit word).
MAX_N = 6
#: The compiler forms measured for each class ('exact' is the minimum column, not a form;
#: 'synth' is left out: 1.8-8.8 s a 4-input class, measured, against ~0.1 s for these).
FORMS = ("threshold", "symmetric", "cascade", "deep", "wide")
#: Columns of a census row, in CSV order.
FIELDS = ("class", "tt", "size", "support", "threshold", "min_units", "min_depth", "min_weights",
          "min_abs_weights", "proven", *(f"{a}_{k}" for a in FORMS for k in ("units", "depth")), "best_form",
          "best_units")


def _masks(n: int) -> list[int]:
    """Per input i: the rows where input i is 0, as a bit mask of a 2^n-bit table."""
    full = (1 << (1 << n)) - 1
    out = []
    for i in range(n):
        p = n - 1 - i  # input 0 is the most significant row bit
        m = 0
        for r in range(1 << n):
            if not (r >> p) & 1:
                m |= 1 << r
        out.append(m & full)
    return out


def _as_words(tts: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    if not 0 <= n <= MAX_N:
        raise BoolnetError(f"n = {n}: the census takes 0 to {MAX_N} inputs")
    a = np.asarray(tts, dtype=np.uint64) if len(tts) else np.zeros(0, np.uint64)
    if len(a) and n < 6 and int(a.max()) >> (1 << n):
        raise BoolnetError(f"a truth table has bits beyond the {1 << n} rows of {n} inputs")
    return a


def _cofactors(a: np.ndarray, n: int):
    """Per input: (f with the input 0, f with the input 1), each laid on the input-0 rows."""
    for i, m in enumerate(_masks(n)):
        shift = np.uint64(1 << (n - 1 - i))
        yield a & np.uint64(m), (a >> shift) & np.uint64(m)


def unate_mask(tts: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """Which tables are unate (monotone up or down) in every input (-> bool array).

    >>> unate_mask([0x8, 0x6, 0xe], 2).tolist()
    [True, False, True]
    """
    a = _as_words(tts, n)
    ok = np.ones(len(a), bool)
    for f0, f1 in _cofactors(a, n):
        rises = (f0 & ~f1) == 0
        falls = (f1 & ~f0) == 0
        ok &= rises | falls
    return ok


def support_sizes(tts: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """How many inputs each table depends on (-> int array)."""
    a = _as_words(tts, n)
    k = np.zeros(len(a), np.int64)
    for f0, f1 in _cofactors(a, n):
        k += f0 != f1
    return k


def _function(tt: int, n: int) -> BooleanFunction:
    return BooleanFunction(n, np.array([[tt]], np.uint64))


def threshold_mask(tts: Sequence[int] | np.ndarray, n: int) -> np.ndarray:
    """Which tables one threshold unit computes (-> bool array): unate filter, then an LP each.

    >>> threshold_mask([0x8, 0x6, 0xe8], 3).tolist()  # AND, XOR, majority (as 3-input tables)
    [True, False, True]
    """
    from .compiler.threshold import threshold_weights
    a = _as_words(tts, n)
    out = unate_mask(a, n)
    for k in np.flatnonzero(out):
        # Unate is necessary, not sufficient (x1x2 + x3x4 is unate): the LP decides.
        out[k] = threshold_weights(_function(int(a[k]), n), minimal=False) is not None
    return out


def on_support(tt: int, n: int) -> tuple[int, int]:
    """The table over only the inputs it depends on (at least one), and how many those are.

    A 4-input class of support 2 is a 2-input function: the forms that need every input
    (symmetric, cascade) and the weight counts of exact synthesis see it as one.

    >>> on_support(0x0f0f, 4)  # NOT x2, written over 4 inputs
    (1, 1)
    """
    keep = [i for i, (f0, f1) in enumerate(_cofactors(np.array([tt], np.uint64), n))
            if f0[0] != f1[0]] or [n - 1]
    k = len(keep)
    out = 0
    for r in range(1 << k):
        row = sum(((r >> (k - 1 - j)) & 1) << (n - 1 - i) for j, i in enumerate(keep))
        out |= ((tt >> row) & 1) << r
    return out, k


def _forms(f: BooleanFunction) -> dict:
    """Units and depth of each compiler form (None where the form does not apply)."""
    from .compiler import ARCHS, compile_report
    from .errors import NotApplicable
    row: dict[str, Any] = {f"{a}_{k}": None for a in FORMS for k in ("units", "depth")}
    best = None
    for arch in FORMS:
        if arch not in ARCHS:
            continue
        try:
            c = compile_report(f, arch=arch).cost
        except NotApplicable:
            continue
        row[f"{arch}_units"], row[f"{arch}_depth"] = c.neurons, c.depth
        if best is None or (c.neurons, c.depth) < best[1:]:
            best = (arch, c.neurons, c.depth)
    row["best_form"], row["best_units"] = (best[0], best[1]) if best else (None, None)
    return row


def _exact(f: BooleanFunction, time_limit: float | None) -> dict:
    try:
        from .compiler.exact import exact_minimum
    except ImportError as exc:
        raise BoolnetError(f"exact synthesis is not available ({exc}); run the census with "
                           f"--no-exact") from None
    from .errors import NotApplicable
    try:
        _, rep = exact_minimum(f, time_limit=time_limit)
    except NotApplicable:  # the time limit: the row says so instead of guessing
        return {"min_units": None, "min_depth": None, "min_weights": None,
                "min_abs_weights": None, "proven": False}
    d = rep.to_dict()
    return {"min_units": d["units"], "min_depth": d["depth"], "min_weights": d["weights"],
            "min_abs_weights": d.get("abs_weights"), "proven": bool(d["proven"])}


def census_chunk(payload: dict) -> list[dict]:
    """The census rows of one chunk of classes (run on a worker; deterministic).

    ``payload``: n, index (class numbers), tts, sizes, exact, forms, time_limit.
    """
    n = payload["n"]
    tts = [int(t) for t in payload["tts"]]
    thr = threshold_mask(tts, n)
    sup = support_sizes(tts, n)
    rows = []
    digits = max(1, (1 << n) // 4)
    for k, (tt, size) in enumerate(zip(tts, payload["sizes"])):
        row: dict[str, Any] = dict.fromkeys(FIELDS)
        row.update({"class": int(payload["index"][k]), "tt": f"0x{tt:0{digits}x}", "size": int(size),
                    "support": int(sup[k]), "threshold": bool(thr[k])})
        f = _function(*on_support(tt, n)) if payload.get("exact") or payload.get("forms") \
            else None
        if payload.get("exact"):
            row.update(_exact(f, payload.get("time_limit")))
            if row["proven"] and (row["min_units"] == 1) != row["threshold"]:
                raise BoolnetError(f"class {tt:#x}: exact synthesis says {row['min_units']} "
                                   f"unit(s), the LP says threshold = {row['threshold']}")
        elif row["threshold"]:
            # One unit is a proof: no network has fewer than one unit (the LP found it).
            row.update(min_units=1, min_depth=1, proven=True)
        if payload.get("forms"):
            row.update(_forms(f))
        rows.append(row)
    return rows


@dataclass
class CensusResult:
    """The rows of a census (one per class, in class order), its summary and how the run went."""

    n: int
    rows: list[dict]
    complete: bool
    summary: dict
    run: RunStats
    seconds: float = 0.0
    job: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready: n, complete, job, summary, run, classes (the rows)."""
        return {"n": self.n, "complete": self.complete, "job": self.job, "summary": self.summary,
                "run": self.run.to_dict(), "seconds": self.seconds, "classes": self.rows}

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from .display import report_html
        return report_html(self)


def _enumerate(n: int):
    try:
        from .npn import npn_classes
    except ImportError as exc:
        raise BoolnetError(f"NPN class enumeration is not available ({exc})") from None
    tts, sizes = npn_classes(n)
    return [int(t) for t in tts], [int(s) for s in sizes]


def census(n: int, store: str, *, scheduler: Any = "local", workers: int | None = None,
           chunk_size: int | None = None, exact: bool = True, forms: bool = True,
           time_limit: float | None = None, limit: int | None = None,
           sample: int | None = None, seed: int = 0,
           classes: tuple[Sequence[int], Sequence[int]] | None = None,
           label: str | None = None, on_chunk=None, meter=None) -> CensusResult:
    """Run (or resume) the census of the NPN classes of ``n`` inputs into the SQLite ``store``.

    Parameters
    ----------
    n : int
        Number of inputs, 0 to 6 (the class enumeration goes to 5).
    store : str
        Path of the SQLite result store; a rerun with the same arguments resumes it.
    scheduler, workers
        As for :func:`boolnet.runner.run_chunks`.
    chunk_size : int, optional
        Classes per chunk (default: about 20 chunks, at most 2,000 classes each).
    exact : bool
        Find the minimum network of every class (:mod:`boolnet.compiler.exact`).
    forms : bool
        Build every compiler form for every class.
    time_limit : float, optional
        Seconds of exact synthesis per class; past it the row has no minimum.
    limit, sample, seed
        Only the first ``limit`` classes, or a random sample of ``sample`` classes drawn
        with ``seed`` (kept in class order). Either makes the census a slice:
        ``complete`` is False.
    classes : tuple, optional
        (tables, sizes) precomputed; default :func:`boolnet.npn.npn_classes`.

    Returns
    -------
    CensusResult
    """
    check_scheduler(scheduler)  # before the store is created
    t0 = time.perf_counter()
    tts, sizes = ([int(t) for t in classes[0]], [int(s) for s in classes[1]]) \
        if classes is not None else _enumerate(n)
    if len(tts) != len(sizes):
        raise BoolnetError("classes: as many sizes as tables are needed")
    index = np.arange(len(tts))
    if limit is not None:
        if limit < 1:
            raise BoolnetError(f"--limit: expected at least 1 class, got {limit}")
        index = index[:limit]
    if sample is not None:
        if sample < 1:
            raise BoolnetError(f"--sample: expected at least 1 class, got {sample}")
        rng = np.random.default_rng(seed)
        index = np.sort(rng.choice(index, size=min(sample, len(index)), replace=False))
    complete = len(index) == len(tts)
    if chunk_size is None:
        chunk_size = min(2000, max(1, math.ceil(len(index) / 20)))
    if chunk_size < 1:
        raise BoolnetError(f"--chunk-size: expected at least 1 class, got {chunk_size}")
    chunks = []
    for c, lo in enumerate(range(0, len(index), chunk_size)):
        part = index[lo:lo + chunk_size]
        payload = {"n": n, "tts": [tts[i] for i in part],
                   "sizes": [sizes[i] for i in part], "exact": exact, "forms": forms,
                   "time_limit": time_limit, "index": [int(i) for i in part]}
        chunks.append(Chunk(c, payload, len(part)))
    job = {"kind": "census", "n": n, "classes": len(tts), "exact": exact, "forms": forms,
           "time_limit": time_limit, "limit": limit, "sample": sample,
           "seed": seed if sample is not None else None, "chunk_size": chunk_size}
    with ResultStore(store, job) as st:
        stats = run_chunks(census_chunk, chunks, st, scheduler=scheduler,
                           workers=workers, label=label or f"census n={n}", unit="classes",
                           meter=meter, on_chunk=on_chunk)
        rows = st.rows()
    summary = summarize(rows, n, complete=complete)
    return CensusResult(n, rows, complete, summary, stats, time.perf_counter() - t0, job)


def _distribution(rows: list[dict], key: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        v = r.get(key)
        k = "unknown" if v is None else str(v)
        d = out.setdefault(k, {"classes": 0, "functions": 0})
        d["classes"] += 1
        d["functions"] += r["size"]
    return dict(sorted(out.items(), key=lambda kv: (kv[0] == "unknown", len(kv[0]), kv[0])))


def summarize(rows: list[dict], n: int, complete: bool = True) -> dict:
    """Distributions (classes and functions) of the minimum and of each form, and the OEIS checks."""
    threshold_functions = sum(r["size"] for r in rows if r["threshold"])
    threshold_classes = sum(1 for r in rows if r["threshold"])
    s: dict[str, Any] = {
        "n": n, "classes": len(rows), "functions": sum(r["size"] for r in rows),
        "complete": complete, "threshold_classes": threshold_classes,
        "threshold_functions": threshold_functions,
        "minimum": _distribution(rows, "min_units"),
        "unproven": sum(1 for r in rows if r.get("proven") is False),
        "forms": {a: _distribution(rows, f"{a}_units") for a in (*FORMS, "best")
                  if any(r.get(f"{a}_units") is not None for r in rows)},
    }
    checks = {}
    if complete:
        if n in A000370:
            checks["classes (A000370)"] = {"expected": A000370[n], "got": len(rows)}
        if n in A000609:
            checks["threshold functions (A000609)"] = {"expected": A000609[n],
                                                       "got": threshold_functions}
        if n in THRESHOLD_CLASSES:
            checks["threshold classes (A001530 summed)"] = {"expected": THRESHOLD_CLASSES[n],
                                                             "got": threshold_classes}
        if len(rows) == A000370.get(n):
            checks["functions (2^2^n)"] = {"expected": 1 << (1 << n), "got": s["functions"]}
    for c in checks.values():
        c["ok"] = c["expected"] == c["got"]
    s["checks"] = checks
    return s


def format_summary(s: dict) -> str:
    """The summary as a text table: minimum units by classes and functions, forms beside it."""
    lines = [f"census of {s['n']}-input functions: {s['classes']} NPN classes, "
             f"{s['functions']} functions" + ("" if s["complete"] else " (a slice, not the whole space)")]
    keys = sorted({k for d in (s["minimum"], *s["forms"].values()) for k in d},
                  key=lambda k: (k == "unknown", len(k), k))
    head = ["units", "min classes", "min functions", *(f"{a} classes" for a in s["forms"])]
    table = [head]
    for k in keys:
        m = s["minimum"].get(k, {"classes": 0, "functions": 0})
        table.append(["none" if k == "unknown" else k, str(m["classes"]), str(m["functions"]),
                      *(str(d.get(k, {}).get("classes", 0)) for d in s["forms"].values())])
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        lines.append("  ".join(c.rjust(w) for c, w in zip(r, widths)))
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    if "unknown" in keys:
        lines.append("none: no minimum (not computed, or exact synthesis hit its time limit; "
                     "2 or more units when not threshold), or the form does not apply")
    if s["unproven"]:
        lines.append(f"{s['unproven']} classes have no proven minimum (exact synthesis hit its "
                     f"time limit)")
    lines.append(f"single threshold unit: {s['threshold_classes']} classes, "
                 f"{s['threshold_functions']} functions")
    for name, c in s["checks"].items():
        lines.append(f"check {name}: expected {c['expected']}, got {c['got']} "
                     f"{'OK' if c['ok'] else 'MISMATCH'}")
    return "\n".join(lines)
