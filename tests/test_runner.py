"""The chunked runner: the store keeps each chunk once, a rerun resumes, errors name their chunk."""
from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings, strategies as st

from boolnet.errors import BoolnetError
from boolnet.runner import Chunk, Meter, ResultStore, job_digest, run_chunks


def _chunks(sizes):
    # sorted() is a module-level function a worker can import: rows = the payload, sorted.
    out, k = [], 0
    for i, n in enumerate(sizes):
        out.append(Chunk(i, list(range(k + n - 1, k - 1, -1)), n))
        k += n
    return out


@settings(max_examples=25, deadline=None)
@given(sizes=st.lists(st.integers(1, 5), min_size=1, max_size=12),
       stop=st.integers(0, 12), order=st.randoms(use_true_random=False))
def test_interrupted_run_resumes_with_nothing_lost_or_duplicated(tmp_path_factory, sizes, stop,
                                                                 order):
    chunks = _chunks(sizes)
    order.shuffle(chunks)  # the order chunks finish in must not matter
    path = os.path.join(tmp_path_factory.mktemp("store"), "s.sqlite")
    job = {"kind": "test", "digest": job_digest(sorted(chunks))}

    def crash(_cid, stored):
        if stored == stop:
            raise KeyboardInterrupt

    quiet = Meter("t", 0, stream=io.StringIO())
    with ResultStore(path, job) as s:
        try:
            first = run_chunks(sorted, chunks, s, scheduler="synchronous", on_chunk=crash,
                               meter=quiet)
        except KeyboardInterrupt:
            first = None
        assert len(s.done()) == (min(stop, len(chunks)) if first is None else len(chunks))
    with ResultStore(path, job) as s:
        again = run_chunks(sorted, chunks, s, scheduler="synchronous", meter=quiet)
        assert again.resumed + again.ran == len(chunks)
        assert s.rows() == list(range(sum(sizes)))  # every item once, in chunk order


def test_store_refuses_another_job(tmp_path):
    path = str(tmp_path / "s.sqlite")
    ResultStore(path, {"kind": "a", "n": 3}).close()
    with pytest.raises(BoolnetError, match="another job"):
        ResultStore(path, {"kind": "a", "n": 4})


def test_store_refuses_a_file_that_is_not_a_store(tmp_path):
    p = tmp_path / "notes.sqlite"
    p.write_text("hello, this is not a database" * 10)
    with pytest.raises(BoolnetError, match="not a boolnet result store"):
        ResultStore(str(p), {"kind": "a"})


def test_a_failing_chunk_is_named_and_finished_chunks_stay(tmp_path):
    chunks = [Chunk(0, [2, 1], 2), Chunk(1, [3, None], 2), Chunk(2, [5], 1)]
    with ResultStore(str(tmp_path / "s.sqlite"), {"kind": "t"}) as s:
        with pytest.raises(BoolnetError, match="chunk 1 failed: TypeError"):
            run_chunks(sorted, chunks, s, scheduler="synchronous",
                       meter=Meter("t", 5, stream=io.StringIO()))
        assert s.done() == {0} and s.rows() == [1, 2]


def test_chunk_ids_must_be_unique(tmp_path):
    with ResultStore(str(tmp_path / "s.sqlite"), {"kind": "t"}) as s:
        with pytest.raises(BoolnetError, match="unique"):
            run_chunks(sorted, [Chunk(0, [1]), Chunk(0, [2])], s, scheduler="synchronous")


def test_unknown_scheduler_is_one_clear_error(tmp_path):
    with ResultStore(str(tmp_path / "s.sqlite"), {"kind": "t"}) as s:
        with pytest.raises(BoolnetError, match="--scheduler 'lokal'"):
            run_chunks(sorted, [Chunk(0, [1])], s, scheduler="lokal",
                       meter=Meter("t", 1, stream=io.StringIO()))


def test_meter_draws_rate_and_eta_on_a_terminal_and_stage_lines_otherwise():
    tty, log = io.StringIO(), io.StringIO()
    for stream, enabled in ((tty, True), (log, False)):
        m = Meter("census", 10, done=2, unit="classes", stream=stream, enabled=enabled)
        m.line("starting")
        m.advance(8)
        m.close()
    assert "classes/s" in tty.getvalue() and "ETA" in tty.getvalue()
    assert "10/10 classes" in tty.getvalue()
    assert log.getvalue() == "census: starting\n"  # no bar in a log


def test_compile_folder_gives_one_row_per_file_and_resumes(tmp_path):
    from click.testing import CliRunner

    from boolnet.batch import compile_folder
    from boolnet.cli import main
    folder = tmp_path / "fns"
    (folder / "sub").mkdir(parents=True)
    (folder / "maj.expr").write_text("x1 & x2 | x1 & x3 | x2 & x3\n")
    (folder / "sub" / "xor.hex").write_text("0x6\n")
    (folder / "notes.md").write_text("not a function\n")
    (folder / "bad.pla").write_text(".i 2\n.o 1\n1x 1\n")
    rows, stats = compile_folder(str(folder), str(tmp_path / "b.sqlite"),
                                 options={"arch": "auto"}, scheduler="synchronous",
                                 meter=Meter("c", 3, stream=io.StringIO()))
    assert [r["file"] for r in rows] == ["bad.pla", "maj.expr", os.path.join("sub", "xor.hex")]
    assert stats.ran == 3
    bad, maj, xor = rows
    assert not bad["ok"] and "bad.pla" in bad["error"]
    assert (maj["arch"], maj["neurons"], maj["verified"]) == ("threshold", 1, True)
    assert xor["ok"] and xor["neurons"] >= 2 and xor["verified"]
    args = ["compile", str(folder), "--scheduler", "synchronous",
            "--store", str(tmp_path / "cli.sqlite")]
    for run in range(2):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2  # a file could not be read: named, the others still reported
        assert "maj.expr" in res.stdout and "bad.pla" in res.stderr
        assert ("3 of 3 chunks already" in res.stderr) == (run == 1)  # the rerun recomputes nothing


def _random_net(rng, n, pm1):
    from boolnet.nn import Layer, Network
    h = int(rng.integers(1, 4))
    hidden = Layer(rng.integers(-2, 3, (h, n)), rng.integers(-2, 3, h), "sign" if pm1 else "step")
    out = Layer(rng.integers(-2, 3, (2, n + h)), rng.integers(-2, 3, 2), "sign" if pm1 else "step",
                sources=[0, 1])  # a skip connection from the inputs: restrict must fold it too
    return Network(n, [hidden, out], encoding="pm1" if pm1 else "01")


@settings(max_examples=20, deadline=None)
@given(n=st.integers(1, 7), free=st.integers(0, 7), seed=st.integers(0, 2**32 - 1),
       pm1=st.booleans(), per=st.integers(1, 3))
def test_verify_by_ranges_agrees_with_whole_table_evaluation(tmp_path_factory, n, free, seed,
                                                             pm1, per):
    import numpy as np

    from boolnet.cover import Cover, CubeFunction
    from boolnet.function import BooleanFunction
    from boolnet.nn.exact import evaluate_all
    from boolnet.rowranges import verify_by_ranges
    rng = np.random.default_rng(seed)
    a, b = _random_net(rng, n, pm1), _random_net(rng, n, pm1)
    da, db = evaluate_all(a, dense=True)[0], evaluate_all(b, dense=True)[0]
    quiet = Meter("v", 0, stream=io.StringIO())
    rep = verify_by_ranges(a, b, free_inputs=free, ranges_per_chunk=per, scheduler="synchronous",
                           meter=quiet)
    diff = np.argwhere(da != db)
    assert rep.rows_checked == 1 << n
    assert rep.ok == (len(diff) == 0)
    if len(diff):
        assert (rep.counterexample["row"], rep.counterexample["output"]) == tuple(diff[0])
    # The reference as covers, with don't-cares where b says 1 on output 0 and the nets differ.
    fb = BooleanFunction.from_array(db)
    dc = np.zeros_like(db)
    dc[:, 0] = (da[:, 0] != db[:, 0]) & (rng.random(1 << n) < 0.5)
    ref = CubeFunction(Cover.from_function(fb), Cover.from_function(BooleanFunction.from_array(dc)))
    care_diff = np.argwhere((da != db) & (dc == 0))
    rep = verify_by_ranges(a, ref, free_inputs=free, scheduler="synchronous", meter=quiet)
    assert rep.ok == (len(care_diff) == 0)
    if len(care_diff):
        assert (rep.counterexample["row"], rep.counterexample["output"]) == tuple(care_diff[0])
