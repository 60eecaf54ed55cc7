"""The chunked runner: long jobs split into chunks, run on Dask, stored as each chunk finishes.

Contract
--------
A job is a list of :class:`Chunk` (an id, a picklable payload, and how many items it
holds) and a module-level function ``func(payload) -> list of rows`` (rows are JSON-ready
values, usually dicts). :func:`run_chunks` runs ``func`` on every chunk that the
:class:`ResultStore` does not hold yet and writes each chunk's rows in one transaction the
moment its result arrives. So:

- a crash, a Ctrl-C or a lost client loses at most the chunks in flight; running the same
  job again on the same store resumes with the chunks that are missing;
- a lost worker loses nothing: Dask runs its tasks again elsewhere;
- a chunk is stored once (its id is the primary key), and :meth:`ResultStore.rows` reads
  rows in chunk order, so the result does not depend on the number of workers or on the
  order in which chunks finish (``func`` must be deterministic, and timings are kept
  per chunk, outside the rows).

Schedulers: ``"local"`` starts a ``LocalCluster`` on this machine (one single-threaded
worker process per core by default), ``"tcp://host:8786"`` joins a running cluster, a
``distributed.Client`` is used as it is, and ``"synchronous"`` runs the chunks one by one
in this process (no Dask: for debugging and tiny jobs).

Why SQLite and not Parquet: the store must take one small chunk at a time, atomically, for
hours, and survive being killed between two chunks. SQLite (in the standard library) gives
exactly that: one transaction per chunk either lands whole or not at all, the chunk id as
primary key makes a duplicate impossible, and resuming is one ``SELECT``. Parquet files
are written whole and never appended: a chunked Parquet store is one file per chunk plus
a manifest, with half-written files to clean up after a crash. The census exports its
table as CSV or JSON at the end; the store is the working copy.

This module imports only :mod:`boolnet.errors` (and Dask, lazily), so any layer of boolnet
can hand work to it.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
import sys
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from .errors import BoolnetError

__all__ = ["Chunk", "ResultStore", "RunStats", "Meter", "run_chunks", "connect", "check_scheduler",
           "job_digest", "IN_FLIGHT_PER_WORKER", "MIN_IN_FLIGHT"]

#: Chunks submitted ahead per worker: enough that no worker waits for the next task
#: between two results, few enough that an interrupted run throws little away.
IN_FLIGHT_PER_WORKER = 4
#: At least this many chunks in flight (workers may join a real cluster later).
MIN_IN_FLIGHT = 8


class Chunk(NamedTuple):
    """One unit of work: its id (unique in the job), what ``func`` receives, and its item count."""

    id: int
    payload: Any
    items: int = 1


def job_digest(chunks: Iterable[Chunk]) -> str:
    """A short hash of the chunking (ids, sizes, payloads): a store refuses a job cut differently."""
    h = hashlib.sha256()
    for c in chunks:
        h.update(repr((c.id, c.items, c.payload)).encode())
    return h.hexdigest()[:16]


class ResultStore:
    """A SQLite file of finished chunks: ``meta`` (the job it belongs to) and ``chunks`` (rows as JSON).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "s.sqlite")
    >>> with ResultStore(path, {"kind": "demo"}) as s:
    ...     stored = [s.put(1, [{"x": 2}], items=1), s.put(0, [{"x": 1}], items=1),
    ...               s.put(1, [{"x": 2}], items=1)]  # the third is a duplicate
    ...     stored, [r["x"] for r in s.rows()], sorted(s.done())
    ([True, True, False], [1, 2], [0, 1])
    """

    def __init__(self, path: str, job: dict | None = None):
        self.path = str(path)
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(folder):
            raise BoolnetError(f"{self.path}: the folder {folder} does not exist")
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            # WAL: a committed chunk survives the process being killed; readers don't block it.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            with self.db:
                self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
                self.db.execute("CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, "
                                "items INTEGER, seconds REAL, worker TEXT, rows TEXT)")
        except sqlite3.DatabaseError as exc:
            raise BoolnetError(f"{self.path}: not a boolnet result store ({exc})") from None
        self.job = None
        if job is not None:
            self.claim(job)

    def claim(self, job: dict) -> None:
        """Bind the store to ``job``, or refuse when it already holds another job's chunks."""
        text = json.dumps(job, sort_keys=True)
        row = self.db.execute("SELECT value FROM meta WHERE key='job'").fetchone()
        if row is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('job', ?)", (text,))
        elif row[0] != text:
            raise BoolnetError(f"{self.path}: this store holds another job ({row[0]}), not "
                               f"{text}; give another store or delete this one")
        self.job = job

    def done(self) -> set[int]:
        """Ids of the chunks already stored."""
        return {r[0] for r in self.db.execute("SELECT id FROM chunks")}

    def put(self, chunk: int, rows: list, *, items: int, seconds: float = 0.0,
            worker: str = "") -> bool:
        """Store one chunk's rows in one transaction; False when that chunk was already stored."""
        try:
            with self.db:
                self.db.execute("INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                                (int(chunk), int(items), float(seconds), worker,
                                 json.dumps(rows, separators=(",", ":"))))
        except sqlite3.IntegrityError:
            return False  # the same chunk twice: deterministic, so the stored rows stand
        return True

    def rows(self) -> list:
        """Every stored row, in chunk order, then in the order the chunk gave them."""
        out = []
        for (text,) in self.db.execute("SELECT rows FROM chunks ORDER BY id"):
            out.extend(json.loads(text))
        return out

    def chunk_stats(self) -> list[dict]:
        """Per chunk: id, items, seconds spent on the worker, worker name."""
        return [{"id": i, "items": k, "seconds": s, "worker": w} for i, k, s, w in
                self.db.execute("SELECT id, items, seconds, worker FROM chunks ORDER BY id")]

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _fmt_time(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Meter:
    """Progress of a job in items: a bar with items/s and an ETA on a terminal, stage lines otherwise.

    Off a terminal it prints only what :meth:`line` is given, plus one progress line at most
    every ``heartbeat`` seconds, so an hours-long job leaves a readable log.
    """

    def __init__(self, label: str, total: int, done: int = 0, unit: str = "items",
                 stream=None, enabled: bool | None = None, heartbeat: float = 60.0):
        self.label, self.total, self.unit = label, int(total), unit
        self.before = int(done)  # finished by earlier runs: not part of this run's rate
        self.count = 0
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.tty = enabled
        self.heartbeat = heartbeat
        self.start = self.last = self.last_beat = time.perf_counter()
        self.shown = False

    @property
    def rate(self) -> float:
        """Items per second in this run."""
        dt = time.perf_counter() - self.start
        return self.count / dt if dt > 0 else 0.0

    def status(self) -> str:
        """'done/total unit, rate unit/s, ETA h:mm:ss'."""
        done = self.before + self.count
        rate = self.rate
        eta = _fmt_time((self.total - done) / rate) if rate > 0 else "?"
        return (f"{done}/{self.total} {self.unit} {rate:,.1f} {self.unit}/s ETA {eta}")

    def advance(self, k: int) -> None:
        """Count ``k`` more finished items and redraw (at most ten times a second)."""
        self.count += int(k)
        now = time.perf_counter()
        if self.tty:
            if now - self.last < 0.1 and self.before + self.count < self.total:
                return
            self.last = now
            frac = (self.before + self.count) / self.total if self.total else 1.0
            bar = "#" * int(round(frac * 30))
            self.stream.write(f"\r{self.label} [{bar:-<30}] {frac:4.0%} {self.status()}   ")
            self.stream.flush()
            self.shown = True
        elif now - self.last_beat >= self.heartbeat:
            self.last_beat = now
            self.line(self.status())

    def line(self, text: str) -> None:
        """One line for a stage, always printed (above the bar on a terminal)."""
        if self.shown:
            self.stream.write("\r" + " " * 100 + "\r")
            self.shown = False
        self.stream.write(f"{self.label}: {text}\n")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.shown:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
            self.shown = False


@dataclass
class RunStats:
    """What one call of :func:`run_chunks` did."""

    chunks: int = 0            # chunks in the job
    resumed: int = 0           # chunks found in the store before this run
    ran: int = 0               # chunks run and stored by this run
    duplicates: int = 0        # results that arrived for a chunk already stored
    items: int = 0             # items in the chunks run by this run
    seconds: float = 0.0       # wall time of this run (without starting the cluster)
    worker_seconds: float = 0.0  # time the workers spent in ``func``
    workers: int = 0
    scheduler: str = ""
    per_worker: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dict(self.__dict__)


def _call(func: Callable, payload: Any) -> tuple[list, float, str]:
    """Run ``func`` on a worker and say how long it took and where."""
    t0 = time.perf_counter()
    rows = func(payload)
    return rows, time.perf_counter() - t0, f"{socket.gethostname()}:{os.getpid()}"


def _chunk_error(label: str, c: Chunk, exc: BaseException) -> BoolnetError:
    """The error of a failed chunk, naming it (finished chunks stay stored)."""
    if isinstance(exc, BoolnetError):
        return BoolnetError(f"{label}: chunk {c.id}: {exc}")
    return BoolnetError(f"{label}: chunk {c.id} failed: {type(exc).__name__}: {exc}")


def _interrupted(store: ResultStore, chunks: Sequence[Chunk]) -> str:
    return (f"interrupted: {len(store.done())} of {len(chunks)} chunks are stored in "
            f"{store.path}; run the same command again to resume")


def check_scheduler(scheduler: Any) -> None:
    """Refuse a scheduler name that is neither 'local', 'synchronous', an address nor a client."""
    if not isinstance(scheduler, str):
        return
    remote = scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://"))
    if scheduler not in ("local", "synchronous") and not remote:
        raise BoolnetError(f"--scheduler {scheduler!r}: expected 'local', 'synchronous' or an "
                           f"address such as tcp://host:8786")


def connect(scheduler: Any = "local", workers: int | None = None):
    """(client, cluster or None) for a scheduler name, address or client; close both when done.

    ``workers`` is the LocalCluster's number of single-threaded worker processes
    (default: the number of cores).
    """
    if not isinstance(scheduler, str):
        return scheduler, None
    check_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a dependency
        raise BoolnetError("the runner needs dask.distributed: pip install 'dask[distributed]'") from None
    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        if n < 1:
            raise BoolnetError(f"--workers: expected at least 1, got {n}")
        with warnings.catch_warnings():
            # Another cluster on this machine holds port 8787: ours takes a free one, quietly.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=30), None
    except OSError as exc:
        raise BoolnetError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None


def run_chunks(func: Callable[[Any], list], chunks: Sequence[Chunk], store: ResultStore, *,
               scheduler: Any = "local", workers: int | None = None, label: str = "run",
               unit: str = "items", meter: Meter | None = None,
               on_chunk: Callable[[int, int], None] | None = None) -> RunStats:
    """Run ``func`` on every chunk not yet in ``store``, storing each result as it arrives.

    Parameters
    ----------
    func : callable
        A module-level function (workers import it by name) from a payload to a list of rows.
    chunks : sequence of Chunk
        The whole job; chunks already in the store are skipped.
    store : ResultStore
        Where finished chunks go.
    scheduler : str or distributed.Client
        'local', 'synchronous', a scheduler address such as tcp://host:8786, or a client.
    workers : int, optional
        LocalCluster size (default: the number of cores).
    on_chunk : callable, optional
        Called as ``on_chunk(chunk_id, chunks_stored_so_far)`` after each stored chunk.

    Returns
    -------
    RunStats

    Raises
    ------
    BoolnetError
        when a chunk fails (the message names it; finished chunks stay stored).
    """
    ids = [c.id for c in chunks]
    if len(set(ids)) != len(ids):
        raise BoolnetError(f"{label}: chunk ids must be unique")
    done = store.done()
    todo = [c for c in chunks if c.id not in done]
    total = sum(c.items for c in chunks)
    stats = RunStats(chunks=len(chunks), resumed=len(chunks) - len(todo),
                     scheduler=scheduler if isinstance(scheduler, str) else "client")
    meter = meter or Meter(label, total, total - sum(c.items for c in todo), unit)
    if stats.resumed:
        meter.line(f"{stats.resumed} of {len(chunks)} chunks already in {store.path}: resuming")
    if not todo:
        meter.line(f"all {total} {unit} already done")
        return stats

    def record(c: Chunk, result: tuple[list, float, str]) -> None:
        rows, secs, where = result
        if store.put(c.id, rows, items=c.items, seconds=secs, worker=where):
            stats.ran += 1
            stats.items += c.items
            stats.worker_seconds += secs
            stats.per_worker[where] = stats.per_worker.get(where, 0) + 1
            meter.advance(c.items)
            if on_chunk is not None:
                on_chunk(c.id, stats.ran)
        else:
            stats.duplicates += 1

    if scheduler == "synchronous":
        stats.workers = 1
        meter.line(f"{len(todo)} chunks ({sum(c.items for c in todo)} {unit}) in this process")
        t0 = time.perf_counter()
        try:
            for c in todo:
                try:
                    result = _call(func, c.payload)
                except Exception as exc:  # noqa: BLE001 - named with its chunk, as on a worker
                    raise _chunk_error(label, c, exc) from exc
                record(c, result)
        except KeyboardInterrupt:
            meter.close()
            meter.line(_interrupted(store, chunks))
            raise
        finally:
            stats.seconds = time.perf_counter() - t0
            meter.close()
        meter.line(f"{stats.items} {unit} in {stats.seconds:.1f} s")
        return stats

    client, cluster = connect(scheduler, workers)
    try:
        from distributed import as_completed
        stats.workers = len(client.scheduler_info().get("workers", {}))
        where = "a LocalCluster" if cluster is not None else \
            str(getattr(client.scheduler, "address", scheduler))
        meter.line(f"{len(todo)} chunks ({sum(c.items for c in todo)} {unit}) on {where} "
                   f"of {stats.workers} workers")
        t0 = time.perf_counter()
        meter.start = time.perf_counter()
        # A bounded number of chunks in flight: the scheduler holds a few payloads, not the
        # whole job (2^16 ranges of a verification), and Ctrl-C cancels little.
        pending = iter(todo)
        futures: dict = {}
        flow = as_completed()

        def submit_next() -> None:
            c = next(pending, None)
            if c is not None:
                key = f"{label.replace(' ', '-')}-{c.id}-{os.urandom(4).hex()}"
                fut = client.submit(_call, func, c.payload, pure=False, key=key)
                futures[fut] = c
                flow.add(fut)

        for _ in range(max(MIN_IN_FLIGHT, IN_FLIGHT_PER_WORKER * max(1, stats.workers))):
            submit_next()
        try:
            for fut in flow:
                c = futures.pop(fut)
                if fut.status == "error":
                    raise _chunk_error(label, c, fut.exception())
                record(c, fut.result())
                fut.release()
                submit_next()
        except KeyboardInterrupt:
            meter.close()
            meter.line(_interrupted(store, chunks))
            raise
        finally:
            stats.seconds = time.perf_counter() - t0
            if futures:  # interrupted or failed: don't leave work running on a shared cluster
                client.cancel(list(futures))
            meter.close()
    finally:
        client_is_ours = isinstance(scheduler, str)
        if client_is_ours:
            client.close()
        if cluster is not None:
            cluster.close()
    meter.line(f"{stats.items} {unit} in {stats.seconds:.1f} s "
               f"({stats.items / stats.seconds if stats.seconds else 0:,.1f} {unit}/s)")
    return stats
