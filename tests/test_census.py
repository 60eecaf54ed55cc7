"""The census against brute force (n = 3 whole, n = 4 threshold tables), and on a real Dask cluster."""
from __future__ import annotations

import io
import itertools
import os
import signal

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from boolnet.census import (A000609, FORMS, census, support_sizes, threshold_mask,
                            unate_mask)
from boolnet.runner import Meter


def _quiet(label="census"):
    return Meter(label, 0, stream=io.StringIO())


def _rows_bits(n):
    r = np.arange(1 << n)
    return (r[:, None] >> np.arange(n - 1, -1, -1)) & 1  # input 0 most significant


def _tables(bits):
    """Integer truth tables from a (k, 2^n) 0/1 array."""
    return (bits.astype(object) * (1 << np.arange(bits.shape[1])).astype(object)).sum(1)


def _threshold_by_weights(n, wmax):
    """Every table some unit with integer weights in [-wmax, wmax] computes (brute force)."""
    X = _rows_bits(n)
    W = np.array(list(itertools.product(range(-wmax, wmax + 1), repeat=n))).reshape(-1, n)
    S = W @ X.T
    found = set()
    for b in range(-n * wmax - 1, n * wmax + 2):
        found.update(_tables((S + b >= 0).astype(np.int64)).tolist())
    return found


def _npn_orbits(n):
    """Brute-force NPN classes: (orbit sets) by applying every permutation, negation, output flip."""
    X = _rows_bits(n)
    images = []
    for perm in itertools.permutations(range(n)):
        for neg in range(1 << n):
            flip = (neg >> np.arange(n)) & 1
            Y = X[:, list(perm)] ^ flip
            images.append(Y @ (1 << np.arange(n - 1, -1, -1)))  # row of f read for each row
    full = (1 << (1 << n)) - 1
    seen, orbits = set(), []
    for tt in range(1 << (1 << n)):
        if tt in seen:
            continue
        bits = np.array([(tt >> r) & 1 for r in range(1 << n)])
        orbit = set()
        for idx in images:
            g = int(_tables(bits[idx][None, :])[0])
            orbit.update((g, full ^ g))
        seen |= orbit
        orbits.append(orbit)
    return orbits


def _two_unit_tables(n, thr_n, thr_n1):
    """Tables g(x, h(x)) with h a threshold table of n inputs and g one of n + 1 inputs (h last)."""
    R = 1 << n
    H = np.array([[(h >> r) & 1 for r in range(R)] for h in sorted(thr_n)])
    G = np.array([[(g >> r) & 1 for r in range(2 * R)] for g in sorted(thr_n1)])
    idx = (np.arange(R)[None, :] << 1) | H          # row of g for (x, h(x))
    out = G[:, idx].reshape(-1, R)                  # (|G| * |H|, R)
    return set(_tables(out).tolist())


@pytest.fixture(scope="module")
def thr3():
    return _threshold_by_weights(3, 2)


@pytest.fixture(scope="module")
def thr4():
    return _threshold_by_weights(4, 3)


def test_brute_force_reference_counts_are_a000609(thr3, thr4):
    assert len(thr3) == A000609[3] and len(thr4) == A000609[4]


def test_census_n3_against_brute_force(tmp_path, thr3):
    orbits = _npn_orbits(3)
    assert len(orbits) == 14
    res = census(3, str(tmp_path / "c3.sqlite"), scheduler="synchronous", exact=False,
                 forms=True, chunk_size=4, meter=_quiet())
    rows = res.rows
    assert [r["class"] for r in rows] == list(range(14))
    # Each row is one brute-force class, with that class's size.
    by_member = {t: i for i, o in enumerate(orbits) for t in o}
    hit = [by_member[int(r["tt"], 16)] for r in rows]
    assert sorted(hit) == list(range(14))
    for r, k in zip(rows, hit):
        tt = int(r["tt"], 16)
        assert r["size"] == len(orbits[k])
        assert r["threshold"] == (tt in thr3)
        bits = [(tt >> q) & 1 for q in range(8)]
        depends = sum(any(bits[q] != bits[q ^ (1 << p)] for q in range(8)) for p in range(3))
        assert r["support"] == depends
        # No construction beats one unit, and the best is the smallest form.
        forms = [r[f"{a}_units"] for a in FORMS]
        assert r["best_units"] == min(u for u in forms if u is not None)
        assert (r["best_units"] == 1) == r["threshold"]
    checks = res.summary["checks"]
    assert checks and all(c["ok"] for c in checks.values()), checks


def test_census_n3_minimum_sizes_against_brute_force(tmp_path, thr3, thr4):
    pytest.importorskip("boolnet.compiler.exact")
    two = _two_unit_tables(3, thr3, thr4)  # every function of 2 units: g(x, h(x))
    res = census(3, str(tmp_path / "c3.sqlite"), scheduler="synchronous", exact=True,
                 forms=True, meter=_quiet())
    for r in res.rows:
        tt = int(r["tt"], 16)
        expected = 1 if tt in thr3 else 2 if tt in two else 3  # 3 suffice (Haring-Ohori)
        assert (r["min_units"], r["proven"]) == (expected, True), r
        assert r["best_units"] >= r["min_units"]  # no construction beats the minimum


def test_census_n4_exact_minimum_distribution(tmp_path):
    """All 222 classes with exact synthesis (the search path since it decides one and two
    hidden units): the MILP's distribution of docs/theory.md, every minimum proven."""
    pytest.importorskip("boolnet.compiler.exact")
    res = census(4, str(tmp_path / "c4.sqlite"), scheduler="synchronous", exact=True,
                 forms=False, meter=_quiet())
    assert res.summary["unproven"] == 0
    assert res.summary["minimum"] == {"1": {"classes": 15, "functions": 1882},
                                      "2": {"classes": 174, "functions": 50284},
                                      "3": {"classes": 33, "functions": 13370}}


def test_census_n5_sample_exact_is_proven(tmp_path):
    pytest.importorskip("boolnet.compiler.exact")
    res = census(5, str(tmp_path / "c5.sqlite"), scheduler="synchronous", exact=True,
                 forms=False, sample=8, seed=3, meter=_quiet())
    for r in res.rows:
        assert r["proven"] and r["min_units"] is not None, r
        assert (r["min_units"] == 1) == r["threshold"]
        assert r["min_depth"] <= r["min_units"]


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_threshold_mask_matches_weight_enumeration(thr4, data):
    members = sorted(thr4)
    tts = data.draw(st.lists(st.one_of(st.sampled_from(members), st.integers(0, 0xFFFF)),
                             min_size=1, max_size=20))
    assert threshold_mask(tts, 4).tolist() == [t in thr4 for t in tts]


@given(st.integers(0, 0xFFFF))
def test_unate_and_support_agree_with_cofactors(tt):
    bits = [(tt >> q) & 1 for q in range(16)]
    ups = downs = 0
    dep = 0
    unate = True
    for i in range(4):
        p = 1 << (3 - i)
        pairs = [(bits[q], bits[q | p]) for q in range(16) if not q & p]
        ups, downs = any(a < b for a, b in pairs), any(a > b for a, b in pairs)
        unate &= not (ups and downs)
        dep += ups or downs
    assert unate_mask([tt], 4)[0] == unate
    assert support_sizes([tt], 4)[0] == dep


def test_census_rows_do_not_depend_on_chunking(tmp_path):
    a = census(3, str(tmp_path / "a.sqlite"), scheduler="synchronous", exact=False, forms=False,
               chunk_size=1, meter=_quiet()).rows
    b = census(3, str(tmp_path / "b.sqlite"), scheduler="synchronous", exact=False, forms=False,
               chunk_size=14, meter=_quiet()).rows
    assert a == b


def test_bad_truth_tables_are_refused():
    from boolnet.errors import BoolnetError
    with pytest.raises(BoolnetError, match="beyond the 8 rows"):
        threshold_mask([0x100], 3)
    with pytest.raises(BoolnetError, match="0 to 6 inputs"):
        unate_mask([1], 7)


@pytest.mark.slow
def test_n4_slice_on_two_workers_survives_a_killed_worker_and_resumes(tmp_path):
    distributed = pytest.importorskip("distributed")
    kw = dict(exact=False, forms=True, limit=48, chunk_size=4)
    ref = census(4, str(tmp_path / "ref.sqlite"), scheduler="synchronous", meter=_quiet(),
                 **kw).rows
    path = str(tmp_path / "run.sqlite")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    client = distributed.Client(cluster)
    try:
        pids = sorted(client.run(os.getpid).values())
        assert len(pids) == 2

        def chaos(_cid, stored):
            if stored == 1:
                os.kill(pids[0], signal.SIGKILL)  # a worker dies mid-run: its chunks rerun
            if stored == 6:
                raise KeyboardInterrupt  # then the client is stopped (Ctrl-C)

        with pytest.raises(KeyboardInterrupt):
            census(4, path, scheduler=client, on_chunk=chaos, meter=_quiet(), **kw)
        # The rerun joins the same cluster by its address, as --scheduler tcp://... does.
        again = census(4, path, scheduler=cluster.scheduler_address, meter=_quiet(), **kw)
    finally:
        client.close()
        cluster.close()
    assert again.run.resumed == 6 and again.run.resumed + again.run.ran == 12
    assert again.rows == ref  # nothing lost, nothing twice, same rows as one process
    assert [r["class"] for r in again.rows] == list(range(48))
