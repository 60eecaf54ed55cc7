"""``boolnet census``: the minimum threshold network of every NPN class of n inputs, on Dask."""
from __future__ import annotations

import csv
import json
import os
import sys

import click

from ..errors import BoolnetError
from .source import emit_json, to_jsonable

__all__ = ["census_cmd", "plot_census"]


def plot_census(summary: dict, path: str) -> str:
    """Bars of how many classes and functions need k units: the minimum beside the constructions."""
    from ..viz.plotting import pyplot, save_figure
    plt = pyplot()
    series = {}
    if any(k != "unknown" for k in summary["minimum"]) and "unknown" not in summary["minimum"]:
        series["minimum (exact)"] = summary["minimum"]
    elif summary["minimum"]:
        series["minimum (1 unit only; rest not run)"] = summary["minimum"]
    names = {"best": "best construction", "wide": "wide (SOP/POS)", "deep": "deep (XOR tree)",
             "symmetric": "symmetric"}
    for key, label in names.items():
        if key in summary["forms"]:
            series[label] = summary["forms"][key]
    units = sorted({int(k) for d in series.values() for k in d if k != "unknown"})
    if not units:
        raise BoolnetError("--plot: the census has no sizes to draw")
    xs = list(range(min(units), max(units) + 1))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    width = 0.8 / len(series)
    for ax, what in zip(axes, ("classes", "functions")):
        for s, (label, dist) in enumerate(series.items()):
            ys = [dist.get(str(x), {}).get(what, 0) for x in xs]
            ax.bar([x - 0.4 + width * (s + 0.5) for x in xs], ys, width, label=label)
        ax.set_xticks(xs)
        ax.set_xlabel("threshold units")
        ax.set_ylabel(f"{what}")
        if what == "functions":
            ax.set_yscale("log")
        ax.set_title(f"{summary['n']}-input {what} by network size")
        ax.grid(axis="y", alpha=0.3)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=len(series), fontsize=8,
               bbox_to_anchor=(0.5, 0.02), frameon=False)  # below the axes: no bar hidden
    if not summary["complete"]:
        fig.suptitle("a slice of the classes, not the whole space", fontsize=9)
    return save_figure(fig, path)


def _write_rows(result, path: str) -> None:
    from ..census import FIELDS
    from ..io.atomic import atomic_write
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".csv", ".json"):
        raise BoolnetError(f"{path}: -o writes .csv (one row per class) or .json (rows and "
                           f"summary); got {ext or 'no extension'}")
    with atomic_write(path) as fh:
        if ext == ".csv":
            w = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            w.writerows(result.rows)
        else:
            json.dump(to_jsonable(result.to_dict()), fh, indent=1)
            fh.write("\n")


@click.command("census")
@click.option("--n", "n", type=click.IntRange(0, 5), default=4, show_default=True,
              help="Number of inputs: every NPN class of functions of at most n inputs.")
@click.option("--scheduler", default="local", show_default=True,
              help="'local' starts a Dask LocalCluster here, tcp://host:8786 joins a running "
                   "cluster, 'synchronous' runs in this process.")
@click.option("--workers", type=click.IntRange(1, None),
              help="LocalCluster worker processes (default: one per core).")
@click.option("--store", type=click.Path(dir_okay=False),
              help="SQLite result store, written chunk by chunk; run again to resume "
                   "[default: census-nN.sqlite here].")
@click.option("--chunk-size", type=click.IntRange(1, None),
              help="Classes per chunk (default: about 20 chunks, at most 2,000 classes each).")
@click.option("--exact/--no-exact", default=True, show_default=True,
              help="Find each class's minimum network by exact synthesis (CPU-hours for n=5).")
@click.option("--forms/--no-forms", default=True, show_default=True,
              help="Build every compiler form for every class.")
@click.option("--time-limit", type=click.FloatRange(0, None, min_open=True), default=300.0,
              show_default=True,
              help="Seconds of exact synthesis per class; past it the row has no minimum and "
                   "says 'not proven'.")
@click.option("--limit", type=click.IntRange(1, None), help="Only the first LIMIT classes.")
@click.option("--sample", type=click.IntRange(1, None),
              help="A seeded random sample of SAMPLE classes.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Print the summary table, the rows as CSV, or everything as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the rows: .csv (one row per class) or .json (rows and summary).")
@click.option("--plot", type=click.Path(dir_okay=False),
              help="Draw the size distribution against the constructions (.png, .svg, .pdf).")
def census_cmd(n, scheduler, workers, store, chunk_size, exact, forms, time_limit, limit,
               sample, seed, fmt, output, plot):
    """Minimum threshold units of every NPN class of n inputs, beside what each compiler builds."""
    from ..census import census, format_summary
    if output:
        ext = os.path.splitext(output)[1].lower()
        if ext not in (".csv", ".json"):
            raise BoolnetError(f"{output}: -o writes .csv or .json, not {ext or 'no extension'}")
    if plot:
        from ..viz.plotting import figure_format
        figure_format(plot)  # a bad extension fails before hours of work
    if limit and sample:
        raise click.UsageError("give --limit or --sample, not both")
    store = store or f"census-n{n}.sqlite"
    result = census(n, store, scheduler=scheduler, workers=workers, chunk_size=chunk_size,
                    exact=exact, forms=forms, time_limit=time_limit, limit=limit,
                    sample=sample, seed=seed)
    click.echo(f"census n={n}: results stored in {store}", err=True)
    if output:
        _write_rows(result, output)
        click.echo(f"wrote {output}", err=True)
    if plot:
        plot_census(result.summary, plot)
        click.echo(f"wrote {plot}", err=True)
    if fmt == "json":
        emit_json(result.to_dict())
    elif fmt == "csv":
        from ..census import FIELDS
        w = csv.DictWriter(sys.stdout, fieldnames=FIELDS, extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(result.rows)
    else:
        click.echo(format_summary(result.summary))
    if not all(c["ok"] for c in result.summary["checks"].values()):
        sys.exit(1)
