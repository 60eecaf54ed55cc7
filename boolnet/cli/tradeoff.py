"""``boolnet tradeoff``: the depth/size Pareto front of a function: table, JSON, CSV, plot."""
from __future__ import annotations

import csv
import io
import math
import sys

import click

from ..errors import BoolnetError
from .source import check_picture, emit_json, load_source, pop_source, source_options

__all__ = ["tradeoff_cmd"]

#: Columns of ``--format csv`` (one row per point, front first).
CSV_COLUMNS = ("set", "construction", "label", "depth", "neurons", "weights", "max_fanin",
               "max_weight", "formula", "matches_formula", "bound", "verified", "proof",
               "seconds")


def _progress():
    """A progress callback: a rewritten line on a terminal, one line per stage otherwise."""
    tty = sys.stderr.isatty()

    def report(label: str, done: int) -> None:
        if tty:
            sys.stderr.write(f"\rtradeoff: {done} built; building {label:<40.40}")
        else:
            sys.stderr.write(f"tradeoff: building {label}\n")
        sys.stderr.flush()

    def close() -> None:
        if tty:
            sys.stderr.write("\r" + " " * 72 + "\r")
            sys.stderr.flush()
    return report, close


def _text(r) -> str:
    lines = [f"{r.name}: {r.n} inputs; {len(r.front)} points on the front (*), "
             f"{len(r.dominated)} dominated, {len(r.unverified)} not proven (?)", "", r.table()]
    if r.lower_bounds:
        lines += ["", "known lower bounds (neurons):"]
        for d, (v, ref) in sorted(r.lower_bounds.items()):
            lines.append(f"  depth {d}: {'impossible' if math.isinf(v) else f'>= {math.ceil(v)}'}"
                         f"  ({ref})")
    skipped = [t for t in r.tried if not t["built"]]
    if skipped:
        lines += ["", "not built:"]
        lines += [f"  {t['construction']}: {t['reason']}" for t in skipped]
    proofs = sorted({p.proof for p in r.front + r.dominated})
    lines += ["", f"verified by: {', '.join(proofs) or 'nothing'}"
                  + ("; 'symmetric' = the units read the inputs with equal weights, so the "
                     "N + 1 rows 'first s inputs 1' prove every row"
                     if "symmetric" in proofs else ""),
              _formulas(r)]
    return "\n".join(lines)


def _formulas(r) -> str:
    stated = [p for p in r.points if p.formula is not None]
    if not stated:
        return "formulas: none stated for these constructions (sizes measured)"
    return (f"formulas: {sum(p.matches_formula for p in stated)} of {len(stated)} built sizes "
            f"equal their construction's formula")


def _csv(r) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for name, pts in (("front", r.front), ("dominated", r.dominated), ("unverified", r.unverified)):
        for p in pts:
            d = p.to_dict()
            w.writerow([name] + ["" if d[c] is None else d[c] for c in CSV_COLUMNS[1:]])
    return out.getvalue()


@click.command("tradeoff")
@source_options
@click.option("--max-depth", type=click.IntRange(1, None),
              help="Leave out networks deeper than this.")
@click.option("--forms", metavar="LIST",
              help="Comma-separated construction families to try (default: all): threshold, wide, "
                   "deep, exact, synth, symmetric, telescoping, cascade, xor-tree.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="How to print the points.")
@click.option("--plot", type=click.Path(dir_okay=False),
              help="Draw neurons and weights against depth (.png, .svg or .pdf; needs matplotlib).")
def tradeoff_cmd(max_depth, forms, fmt, plot, **kwargs):
    """Width against depth: the Pareto front of every network boolnet builds for a function.

    Each point is verified (every row or a SAT miter up to 24 inputs; beyond, by the
    symmetric argument, BDDs or the equivalence prover) and shown beside its
    construction's size formula. Symmetric
    families (--family parity:64, majority:N, symmetric:v0,v1,...) need no 2^N table.

    JSON keys: name, n, front, dominated, unverified (lists of points with construction,
    label, depth, neurons, weights, max_fanin, max_weight, formula, formula_text, bound,
    matches_formula, verified, proof, seconds), tried (construction, built, reason),
    lower_bounds (depth, neurons, impossible, reference), seconds. CSV: one row per point,
    with its set.
    """
    from ..pareto import FORMS, symmetric_family, tradeoff
    if plot:
        check_picture(plot)  # a bad extension or missing matplotlib fails before any work
    chosen = None
    if forms:
        chosen = [x.strip() for x in forms.split(",") if x.strip()]
        bad = [x for x in chosen if x not in FORMS]
        if bad:
            raise BoolnetError(f"--forms: unknown construction {', '.join(bad)}; expected some "
                               f"of {', '.join(FORMS)}")
    opts = pop_source(kwargs)
    values = symmetric_family(opts["family"]) if opts.get("family") else None
    if values is not None and not any(opts.get(k) for k in ("source", "expr", "minterms", "hex")):
        f, name = values, opts["family"]
    else:
        f = load_source(**opts)
        name = opts.get("family") or opts.get("source") or None
    report, close = _progress()
    try:
        r = tradeoff(f, max_depth=max_depth, forms=chosen, name=name, progress=report)
    finally:
        close()
    if plot:
        from ..viz.front import plot_front
        plot_front(r, plot)
    if fmt == "json":
        emit_json(r.to_dict())
    elif fmt == "csv":
        click.echo(_csv(r), nl=False)
    else:
        click.echo(_text(r))
