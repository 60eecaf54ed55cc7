"""Batch compilation: every function file of a folder compiled on the chunked runner, one row per file.

Each file is one chunk. Its bytes travel in the payload, so workers on another machine
need no shared disk; each worker reads, compiles and verifies its file and returns one row
(the file's size, the chosen form and its cost, or the one-line error that stopped it). A
file that fails does not stop the others. Rows are stored as they finish in a
:class:`boolnet.runner.ResultStore`, so a rerun of the same command resumes, and the rows
do not depend on the number of workers (times are kept per chunk, not in the rows).
"""
from __future__ import annotations

import io
import os
from typing import Any

from .errors import BoolnetError
from .runner import Chunk, check_scheduler, ResultStore, RunStats, job_digest, run_chunks

__all__ = ["function_files", "compile_file", "compile_folder", "ROW_KEYS"]

#: Keys of a batch row, in table order.
ROW_KEYS = ("file", "ok", "inputs", "outputs", "arch", "neurons", "weights", "parameters",
            "depth", "verified", "exhaustive", "error")


def function_files(folder: str) -> list[str]:
    """Paths (relative, sorted) of the files under ``folder`` whose extension names a function format."""
    from .io import FORMATS
    if not os.path.isdir(folder):
        raise BoolnetError(f"{folder}: not a folder")
    exts = {e for name, f in FORMATS.items() if name != "json" for e in f.extensions}
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            if os.path.splitext(name)[1].lower() in exts and not name.startswith("."):
                out.append(os.path.relpath(os.path.join(root, name), folder))
    return sorted(out)


def compile_file(payload: dict) -> list[dict]:
    """Read, compile and verify one file from its bytes (on a worker) -> [one row]."""
    from .compiler import compile_report
    from .io import read
    row: dict[str, Any] = dict.fromkeys(ROW_KEYS)
    row.update(file=payload["file"], ok=False)
    src = io.BytesIO(payload["data"])
    src.name = payload["file"]  # the extension picks the format; errors name the file
    try:
        f = read(src)  # a PLA stays at cube level: compile takes covers of any width
        rep = compile_report(f, **payload["options"])
    except (BoolnetError, OSError, UnicodeDecodeError, MemoryError, RecursionError) as exc:
        row["error"] = str(exc) or type(exc).__name__
        return [row]
    d = rep.as_dict()
    row.update(ok=True, inputs=f.n, outputs=f.m, arch=d["arch"], neurons=d["neurons"],
               weights=d["weights"], parameters=d["parameters"], depth=d["depth"],
               verified=d["verified"], exhaustive=d["exhaustive"])
    return [row]


def compile_folder(folder: str, store: str, *, options: dict | None = None,
                   scheduler: Any = "local", workers: int | None = None, meter=None
                   ) -> tuple[list[dict], RunStats]:
    """Compile every function file under ``folder`` into ``store`` (resumable) -> (rows, stats).

    ``options`` go to :func:`boolnet.compiler.compile_report` (arch, minimize, encoding,
    max_depth, objective).
    """
    check_scheduler(scheduler)  # before the store is created
    files = function_files(folder)
    if not files:
        raise BoolnetError(f"{folder}: no function files (.pla, .csv, .expr, .hex, .tbl, .blif, "
                           f".aag, .aig, .v) in this folder")
    options = dict(options or {})
    chunks = []
    for i, rel in enumerate(files):
        with open(os.path.join(folder, rel), "rb") as fh:
            chunks.append(Chunk(i, {"file": rel, "data": fh.read(), "options": options}, 1))
    # A store belongs to one folder content and one set of options: a changed file or
    # option is another job, refused rather than mixed.
    job = {"kind": "compile", "folder": os.path.abspath(folder), "files": len(files),
           "options": options, "digest": job_digest(chunks)}
    with ResultStore(store, job) as st:
        stats = run_chunks(compile_file, chunks, st, scheduler=scheduler, workers=workers,
                           label="compile", unit="files", meter=meter)
        rows = st.rows()
    return rows, stats
