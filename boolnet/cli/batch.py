"""``boolnet compile FOLDER``: every function file of a folder on the chunked runner, one row per file."""
from __future__ import annotations

import os
import sys

import click

from ..errors import BoolnetError
from .source import emit_json

__all__ = ["compile_folder_cli"]


def compile_folder_cli(folder: str, *, options: dict, fmt: str, store: str | None,
                       scheduler: str, workers: int | None, output: str | None,
                       draw: str | None) -> None:
    """Run the batch, print one row per file; exit 2 when a file could not be compiled."""
    from ..batch import ROW_KEYS, compile_folder
    if output or draw:
        raise click.UsageError("-o and --draw take one network; with a folder SOURCE the rows "
                               "go to --store (and --format json or csv)")
    if fmt not in ("summary", "json"):
        raise click.UsageError(f"--format {fmt}: a folder gives rows: summary or json")
    name = os.path.basename(os.path.normpath(folder)) or "folder"
    store = store or f"compile-{name}.sqlite"
    rows, _ = compile_folder(folder, store, options=options, scheduler=scheduler, workers=workers)
    click.echo(f"compile: {len(rows)} files; results stored in {store}", err=True)
    if fmt == "json":
        emit_json(rows)
    else:
        keys = [k for k in ROW_KEYS if k not in ("ok", "error", "exhaustive")]
        cells = [[("-" if r[k] is None else "yes" if r[k] is True else str(r[k])) for k in keys]
                 for r in rows if r["ok"]]
        widths = [max([len(k)] + [len(c[i]) for c in cells]) for i, k in enumerate(keys)]
        click.echo("  ".join(k.ljust(w) for k, w in zip(keys, widths)))
        click.echo("  ".join("-" * w for w in widths))
        for c in cells:
            click.echo("  ".join(v.ljust(w) for v, w in zip(c, widths)))
    bad = [r for r in rows if not r["ok"]]
    for r in bad:
        where = "" if r["error"].startswith(r["file"]) else f"{r['file']}: "
        click.echo(f"boolnet: error: {where}{r['error']}", err=True)
    if bad:
        sys.exit(2)


def check_batch_source(source: str | None) -> bool:
    """True when SOURCE is a folder (batch mode)."""
    if source and os.path.isdir(source):
        return True
    if source and source.endswith(os.sep) and not os.path.exists(source):
        raise BoolnetError(f"{source}: no such folder")
    return False
