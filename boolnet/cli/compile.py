"""``boolnet compile``, ``boolnet verify`` and ``boolnet cost``: the main job and its measures."""
from __future__ import annotations

import csv
import io
import sys

import click

from ..compiler import ARCHS, compile_report
from ..costs import LOWER_BOUNDS, cost, parity_formulas
from ..errors import BoolnetError
from ..verification import verify as verify_network
from .source import (check_network_output, check_picture, check_targets, echo_network, emit_json,
                     load_network, load_source, pop_source, source_options)

__all__ = ["compile_cmd", "verify_cmd", "cost_cmd"]

_MINIMIZE = click.Choice(["auto", "exact", "heuristic", "none"])
_NETWORK_FORMATS = ["onnx", "verilog", "blif", "aiger", "aig", "dot"]


def _count(k: int, noun: str) -> str:
    """'1 output', '2 outputs'."""
    return f"{k} {noun}{'' if k == 1 else 's'}"


#: What a deep candidate that came out as the wide network is called instead.
_SAME_AS_WIDE = "= wide: no output splits into XOR blocks, so the deep form is the wide network"


def _mark_ties(candidates: list[dict]) -> list[dict]:
    """Copies of the candidates, a deep one that is the wide network (depth 2, same size) noted so."""
    wide = [(c["neurons"], c["parameters"], c["depth"]) for c in candidates
            if c.get("applies") and c["arch"] in ("wide", "sop", "pos")]
    out = []
    for c in candidates:
        c = dict(c)
        if c.get("applies") and c["arch"] == "deep" and c.get("depth", 0) <= 2 \
                and (c["neurons"], c["parameters"], c["depth"]) in wide:
            c["note"] = _SAME_AS_WIDE
        out.append(c)
    return out


#: How the summary names each kind of proof (the JSON keeps ``proof`` as it is).
_PROOF_WORDS = {"proven (SAT)": "proven by a SAT miter", "proven (BDD)": "proven by BDDs",
                "proven (symmetric)": "proven by the symmetric argument"}


def _verified_line(d: dict) -> str:
    """'yes (every care row)', 'yes (proven by a SAT miter)' or 'NO, not proven: <reason>'."""
    if d["verified"]:
        how = "every care row" if d.get("exhaustive") else \
            _PROOF_WORDS.get(d.get("proof"), d.get("proof") or "proven")
        return f"verified    yes ({how})"
    reason = d.get("proof_reason") or f"{d['rows_checked']} sampled rows agree"
    return f"verified    NO, {d.get('proof') or 'not proven'}: {reason}"


def _summary(d: dict) -> str:
    arch = d["arch"]
    if arch == "deep" and any(c.get("chosen") and c.get("note") for c in _mark_ties(d["candidates"])):
        arch = "wide (the deep form found no XOR blocks)"  # a tie: say what the network is
    lines = [f"arch        {arch} ({d['encoding']} encoding)",
             f"neurons     {d['neurons']} ({d['hidden']} hidden, {_count(d['outputs'], 'output')})",
             f"weights     {d['weights']} non-zero; biases {d['biases']}; "
             f"parameters {d['parameters']} (dense {d['dense_parameters']})",
             f"depth       {d['depth']} (layer widths {' '.join(map(str, d['widths']))})",
             _verified_line(d),
             f"seconds     {d['seconds']:.3g} (compile and verify)"]
    if d.get("exact"):  # arch exact: the minimum and the argument for it
        e = d["exact"]
        among = ""
        if d["outputs"] > 1 and e["units"] > d["outputs"]:  # the search puts outputs last
            among = " among networks with every output in the last layer"
        lines.append(f"minimum units: {'proven' if e['proven'] else 'not proven'}{among} "
                     f"({e['units']}; {e['argument']})")
        lines.append(f"fewest depth: {'proven' if e['depth_proven'] else 'not proven'} "
                     f"({e['depth']} among {e['units']}-unit networks)")
        lines.append(f"least total |weight|: "
                     f"{'proven' if e.get('weights_proven') else 'not proven'} "
                     f"({e['abs_weights']})")
    if d.get("forms") and len(set(d["forms"])) > 1:
        lines.append("forms       " + ", ".join(f"{o}: {k}" for o, k in zip(d["output_names"],
                                                                         d["forms"])))
    if d["candidates"]:
        lines.append("candidates:")
        for c in _mark_ties(d["candidates"]):
            if c["applies"]:
                mark = "*" if c.get("chosen") else " "
                lines.append(f"  {mark} {c['arch']:<10} {c['neurons']:>7} "
                             f"{'neuron ' if c['neurons'] == 1 else 'neurons'} "
                             f"{c['parameters']:>8} parameters  depth {c['depth']}"
                             + ("  (= wide: no XOR blocks)" if c.get("note") else ""))
            else:
                lines.append(f"    {c['arch']:<10} -- {c['reason']}")
    return "\n".join(lines)


def stage_reporter(delay: float = 3.0):
    """A progress callback for long compilations: a status line redrawn on a terminal, one
    line per stage on stderr otherwise; silent during the first ``delay`` seconds."""
    import time
    start = time.perf_counter()
    tty = sys.stderr.isatty()
    shown = []

    def report(stage: str) -> None:
        elapsed = time.perf_counter() - start
        if elapsed < delay:
            return
        if tty:
            sys.stderr.write(f"\rcompile [{elapsed:6.1f} s] {stage:<40.40}")
            if not shown:
                import atexit
                atexit.register(lambda: sys.stderr.write("\r" + " " * 60 + "\r"))
        else:
            sys.stderr.write(f"compile: {stage} ({elapsed:.1f} s)\n")
        sys.stderr.flush()
        shown.append(stage)
    return report


@click.command("compile")
@source_options
@click.option("--arch", type=click.Choice(ARCHS), default="auto", show_default=True,
              help="Network form; auto tries every form that applies and keeps the smallest.")
@click.option("--minimize", "minimize", type=_MINIMIZE, default="auto", show_default=True,
              help="How the wide form's cover is made: none = canonical DNF (one unit per minterm).")
@click.option("--encoding", type=click.Choice(["01", "pm1"]), default="01", show_default=True,
              help="0/1 inputs with step units, or True=+1/False=-1 with sign units.")
@click.option("--max-depth", type=click.IntRange(1, None), help="Refuse forms deeper than this.")
@click.option("--allow-unproven", is_flag=True,
              help="Keep a network whose proof is missing (the report says 'not proven'; a "
                   "counterexample still fails).")
@click.option("--objective", type=click.Choice(["parameters", "neurons"]), default="neurons",
              show_default=True, help="What auto minimises.")
@click.option("--max-fanin", type=click.IntRange(2, None),
              help="Largest number of inputs of a synthesised unit (synth and auto).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the network; the extension picks the format: .json (reloadable), "
                   ".onnx, .v (Verilog), .blif, .aag/.aig (AIGER), .dot.")
@click.option("--draw", type=click.Path(dir_okay=False),
              help="Draw the network to a picture (.png, .svg or .pdf; needs matplotlib).")
@click.option("--format", "fmt", type=click.Choice(["summary", "json", *_NETWORK_FORMATS]),
              default="summary", show_default=True,
              help="summary/json: print the report (-o format from its extension); any other: "
                   "the network in that format, to -o or standard output.")
@click.option("--scheduler", default="local", show_default=True,
              help="SOURCE a folder: 'local' (a Dask LocalCluster here), tcp://host:8786 or "
                   "'synchronous'.")
@click.option("--workers", type=click.IntRange(1, None),
              help="SOURCE a folder: LocalCluster worker processes (default: one per core).")
@click.option("--store", type=click.Path(dir_okay=False),
              help="SOURCE a folder: SQLite store of the rows, one per file; run again to "
                   "resume [default: compile-FOLDER.sqlite here].")
def compile_cmd(arch, minimize, encoding, max_depth, objective, max_fanin, output, draw, fmt,
                scheduler, workers, store, **kwargs):
    """Compile a function into a verified threshold network and print its size.

    SOURCE may be a folder: every function file in it is compiled on the chunked runner
    (Dask), one row per file, stored as each finishes.
    """
    from .batch import check_batch_source, compile_folder_cli
    if check_batch_source(kwargs.get("source")):
        return compile_folder_cli(kwargs["source"], options={
            "arch": arch, "minimize": minimize, "encoding": encoding, "max_depth": max_depth,
            "objective": objective, "max_fanin": max_fanin}, fmt=fmt, store=store,
            scheduler=scheduler, workers=workers, output=output, draw=draw)
    from ..export import format_for, write_network
    net_fmt = fmt if fmt in _NETWORK_FORMATS else None
    if output and net_fmt is None:
        format_for(output)  # an unknown extension fails before any work
    check_network_output(net_fmt, output)
    if draw:
        check_picture(draw)
    check_targets(output)  # every target is checked before any work or any write
    f = load_source(cube_level=True, family_spec=True, **pop_source(kwargs))
    rep = compile_report(f, arch=arch, minimize=minimize, encoding=encoding,
                         max_depth=max_depth, objective=objective, max_fanin=max_fanin,
                         progress=stage_reporter(),
                         allow_unproven=kwargs.pop("allow_unproven", False))
    d = rep.as_dict()
    d["forms"] = rep.network.meta.get("forms")
    d["output_names"] = rep.network.meta.get("output_names")
    if "exact" in rep.network.meta:
        d["exact"] = rep.network.meta["exact"]
    # The network's meta carries the function's input and output names to every format.
    if output:
        write_network(rep.network, output, net_fmt)  # written only after verification passed
    if draw:
        from ..viz.network import draw_network
        draw_network(rep.network, draw)
    if fmt == "json":
        emit_json(d)
    elif net_fmt is None:
        click.echo(_summary(d))
    elif not output:
        echo_network(rep.network, net_fmt)
    for path in (output, draw):
        if path:
            click.echo(f"wrote {path}", err=True)


@click.command("verify")
@click.argument("network", type=click.Path(exists=True, dir_okay=False))
@source_options
@click.option("--time-limit", type=click.FloatRange(0, None, min_open=True), default=120.0,
              show_default=True, help="Seconds a proof beyond 24 inputs (SAT miter, BDDs) may take.")
@click.option("--method", type=click.Choice(["auto", "exhaustive", "sat", "bdd", "symmetric"]),
              default="auto", show_default=True,
              help="The prover: auto = every row up to 24 inputs, a SAT miter and BDDs beyond.")
@click.option("--samples", type=click.IntRange(1, None), default=1 << 16, show_default=True,
              help="Rows sampled for a counterexample when the proof runs out of time "
                   "(a sample proves nothing).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the sample.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Print a sentence or the report as JSON.")
def verify_cmd(network, time_limit, method, samples, seed, fmt, **kwargs):
    """Check NETWORK against a function: exit 0 when equal, 1 with a counterexample.

    Equal means proven: every care row up to 24 inputs, a SAT miter (or the symmetric
    argument) beyond. Exit 3 when no proof was found within --time-limit and no sampled
    row differs: not proven, which is not a pass.
    """
    net = load_network(network)
    f = load_source(cube_level=True, family_spec=True, **pop_source(kwargs))
    from ..families import SymmetricSpec
    if isinstance(f, SymmetricSpec):  # a family beyond the dense limit: no table to prove against
        from ..compiler.family import verify_family
        if (net.n_inputs, net.n_outputs) != (f.n, f.m):
            raise BoolnetError(f"{network} has {net.n_inputs} inputs and {net.n_outputs} "
                               f"outputs; the family has {f.n} and {f.m}")
        rep = verify_family(net, f, samples=samples, seed=seed)
    else:
        rep = verify_network(net, f, samples=samples, seed=seed, time_limit=time_limit,
                         method=method)
    if fmt == "json":
        emit_json(rep.as_dict())
    else:
        click.echo(rep.message())
    sys.exit(0 if rep.ok else 1 if rep.counterexample is not None else 3)


def _parse_range(text: str) -> list[int]:
    try:
        if ":" in text:
            lo, hi = (int(v) for v in text.split(":"))
            return list(range(lo, hi + 1))
        return [int(v) for v in text.split(",")]
    except ValueError:
        raise BoolnetError(f"--n {text!r}: expected LO:HI or a list such as 2,4,8") from None


_WIDE_BUILD_MAX = 16  # 2^15 hidden units; beyond, the wide parity net is counted by formula


def _parity_rows(ns: list[int]) -> list[dict]:
    from ..compiler import cascade, deep, symmetric, wide
    from ..compiler.family import verify_family
    from ..families import parity, spec_by_name
    from ..verification import EXHAUSTIVE_MAX, check
    rows = []
    show = sys.stderr.isatty()
    with click.progressbar(ns, label="parity", file=sys.stderr if show else io.StringIO()) as bar:
        for n in bar:
            # Beyond exhaustive checking no table is built: the forms need only n, and the
            # count-reading ones are proven by the symmetric argument.
            f = parity(n) if n <= EXHAUSTIVE_MAX else spec_by_name(f"parity:{n}")
            formulas = parity_formulas(n)
            builders = {"wide": lambda: wide.wide(f, minimize="none"),
                        "deep": lambda: deep.parity_tree(n),
                        "symmetric": lambda: symmetric.symmetric(f),
                        "cascade": lambda: cascade.cascade_parity(n)}
            for arch, build in builders.items():
                ref = formulas[arch]
                row = {"n": n, "arch": arch, "formula_neurons": ref["neurons"],
                       "formula_weights_and_biases": ref["weights_and_biases"],
                       "formula_depth": ref["depth"]}
                if arch == "wide" and n > _WIDE_BUILD_MAX:
                    row.update(neurons=None, weights_and_biases=None, depth=None,
                               verified=None, match=None,
                               note=f"wide is not built above n={_WIDE_BUILD_MAX} (2^(n-1) "
                                    f"hidden units); the formula columns still give its size")
                    rows.append(row)
                    continue
                net = build()
                c = cost(net)
                # The lecture's wide count leaves out the output bias: compare like with like.
                wb = c.weights + c.biases - (1 if arch == "wide" else 0)
                vrep = check(net, f) if n <= EXHAUSTIVE_MAX else verify_family(net, f)
                verified = vrep.ok
                if not vrep.ok:
                    row["note"] = f"{arch} at n={n} is {vrep.proof}: {vrep.reason}"
                row.update(neurons=c.neurons, weights_and_biases=wb, depth=c.depth,
                           verified=verified, proof=vrep.proof,
                           match=(c.neurons, wb, c.depth) == (ref["neurons"],
                                                              ref["weights_and_biases"],
                                                              ref["depth"]))
                if arch == "wide":
                    row["note"] = "weights_and_biases leaves out the output bias, as the lecture does"
                rows.append(row)
    return rows


@click.command("cost")
@source_options
@click.option("--n", "n_range", metavar="LO:HI", help="With --family NAME: sweep the size (parity: measured beside the lecture's formulas).")
@click.option("--minimize", "minimize", type=_MINIMIZE, default="auto", show_default=True,
              help="Minimiser behind the wide (sum-of-products) form; none keeps the minterm DNF.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Print an aligned table, JSON rows or CSV.")
@click.option("--plot", type=click.Path(dir_okay=False),
              help="With --n: write the cost curves per architecture, log scale (PNG/SVG/PDF).")
def cost_cmd(n_range, minimize, fmt, plot, **kwargs):
    """Cost of every applicable architecture for a function, or of parity against the formulas."""
    opts = pop_source(kwargs)
    if plot and n_range:
        check_picture(plot)  # before the sweep, not after it
    if n_range:
        family = (opts.get("family") or "").partition(":")[0]
        if family not in ("parity", "xor"):
            raise click.UsageError("--n sweeps --family parity (the family with textbook formulas)")
        rows = _parity_rows(_parse_range(n_range))
        keys = ["n", "arch", "neurons", "formula_neurons", "weights_and_biases",
                "formula_weights_and_biases", "depth", "formula_depth", "match", "proof",
                "note"]
    else:
        f = load_source(family_spec=True, **opts)
        rep = compile_report(f, arch="auto", minimize=minimize)
        rows = _mark_ties(rep.candidates)
        for r in rows:
            if r.get("note") and not r.get("reason"):
                r["reason"] = r["note"]
            if r["arch"].startswith("wide") or r["arch"] in ("sop", "pos"):
                r["lower_bound"] = LOWER_BOUNDS["wide"]
            elif r["arch"] == "threshold":
                r["lower_bound"] = LOWER_BOUNDS["threshold"]
        keys = ["arch", "applies", "neurons", "hidden", "weights", "biases", "parameters",
                "depth", "chosen", "reason"]
    if plot:
        if not n_range:
            raise click.UsageError("--plot draws the curves of a sweep: give --family parity --n LO:HI")
        _plot(rows, plot)
    if fmt == "json":
        emit_json(rows)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(_table(rows, keys, _SWEEP_HEADERS if n_range else None))
        if n_range:
            bad = [r for r in rows if r.get("match") is False]
            click.echo("all measured sizes match the formulas" if not bad else
                       f"MISMATCH in {len(bad)} rows: " +
                       ", ".join(f"{r['arch']} n={r['n']}" for r in bad))
        else:
            import textwrap
            click.echo("lower bounds:")
            for k, v in LOWER_BOUNDS.items():
                click.echo(textwrap.fill(f"{k}: {v}", _NOTE_WIDTH, initial_indent="  ",
                                         subsequent_indent="    "))


#: Short headers of the parity sweep's table (the JSON and CSV keep the long names).
_SWEEP_HEADERS = {"formula_neurons": "(lecture)", "weights_and_biases": "w+b",
                  "formula_weights_and_biases": "(lecture)", "formula_depth": "(lecture)"}

#: Columns whose sentences become numbered notes under the table (a reason is ~100 characters).
_NOTE_KEYS = ("reason", "note")
#: Width the notes under a table are wrapped to.
_NOTE_WIDTH = 96


def _table(rows: list[dict], keys: list[str], headers: dict[str, str] | None = None) -> str:
    """An aligned table; reasons and notes shown as [k] with the sentences listed under it."""
    import textwrap
    notes: dict[str, int] = {}

    def fmt(k, v):
        if v is None:
            return "-"
        if isinstance(v, bool):
            return "yes" if v else "no"
        if k in _NOTE_KEYS:
            return f"[{notes.setdefault(str(v), len(notes) + 1)}]"
        return str(v)
    cells = [[fmt(k, r.get(k)) for k in keys] for r in rows]
    heads = [(headers or {}).get(k, k) for k in keys]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h)
              for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    for text, k in notes.items():
        lines.append(textwrap.fill(text, _NOTE_WIDTH, initial_indent=f"[{k}] ",
                                   subsequent_indent=" " * (len(str(k)) + 3)))
    return "\n".join(lines)


def _plot(rows: list[dict], path: str) -> None:
    from ..viz.plotting import cost_plot
    cost_plot(rows, path, x="n", y=["neurons", "weights_and_biases"], by="arch",
              title="parity: measured cost per architecture")
    click.echo(f"wrote {path}", err=True)
