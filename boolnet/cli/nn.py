"""``boolnet train`` and ``boolnet run``: backprop on a function's truth table, and running a saved network."""
from __future__ import annotations

import importlib
import sys

import click
import numpy as np

from ..errors import BoolnetError, check_memory
from .source import check_picture, check_targets, emit_json, load_source, pop_source, source_options

__all__ = ["train", "run", "harden_cmd"]

HIDDEN_ACTS = ("tanh", "sigmoid", "relu", "linear")


def _hidden_sizes(text: str) -> list[int]:
    try:
        sizes = [int(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise click.BadParameter(f"expected sizes like 8 or 8,4, got {text!r}", param_hint="--hidden") from None
    if any(s < 1 for s in sizes):
        raise click.BadParameter("every hidden layer needs at least one unit", param_hint="--hidden")
    return sizes


def _check_matplotlib() -> None:
    try:
        importlib.import_module("matplotlib")  # checked before training, not after
    except ImportError:
        raise click.UsageError("--plot needs matplotlib: pip install 'boolnet[plot]' "
                               "(or pip install matplotlib)") from None


def _plot(history, path: str) -> None:
    from ..viz.plotting import pyplot, save_figure
    plt = pyplot()
    fig, ax1 = plt.subplots(figsize=(7, 4))
    epochs = np.arange(len(history.loss))
    ax1.plot(epochs, history.loss, color="tab:blue", label="loss")
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("loss", color="tab:blue")
    ax2 = ax1.twinx()
    ax2.plot(epochs, history.accuracy, color="tab:orange", label="accuracy")
    ax2.set_ylabel("accuracy", color="tab:orange")
    ax2.set_ylim(0, 1.05)
    ax1.set_title(f"training: {history.epochs} epochs, accuracy {history.final_accuracy:.4f}")
    fig.tight_layout()
    save_figure(fig, path)


@click.command()
@source_options
@click.option("--hidden", default="8", show_default=True, metavar="N[,N...]", help="Hidden layer sizes.")
@click.option("--activation", type=click.Choice(HIDDEN_ACTS), default="tanh", show_default=True,
              help="Hidden-layer activation.")
@click.option("--loss", type=click.Choice(["bce", "mse", "ce"]), default="bce", show_default=True,
              help="bce/mse train a sigmoid output per function output; ce a softmax over the outputs (one-hot rows).")
@click.option("--optimizer", type=click.Choice(["adam", "sgd", "momentum"]), default="adam", show_default=True,
              help="Update rule applied to the gradients.")
@click.option("--lr", type=click.FloatRange(0, None, min_open=True), default=0.01, show_default=True,
              help="Learning rate.")
@click.option("--epochs", type=click.IntRange(0, None), default=5000, show_default=True, help="Epoch limit.")
@click.option("--batch", type=click.IntRange(1, None), default=None, help="Mini-batch size (default: full batch).")
@click.option("--init", "init", type=click.Choice(["xavier", "he", "uniform"]), default="xavier", show_default=True,
              help="Initial weight distribution.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the initial weights and batches.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), help="Write the trained network (JSON).")
@click.option("--plot", type=click.Path(dir_okay=False), help="Write the loss/accuracy curve (needs matplotlib).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print a summary or the training record as JSON.")
def train(hidden, activation, loss, optimizer, lr, epochs, batch, init, seed, output, plot, fmt, **kwargs):
    """Train an MLP by backprop on a function's care rows until it is 100% right or the epochs run out.

    JSON keys: accuracy (on care entries), epochs (run), loss (final), status, seconds, network.
    """
    from .. import nn
    from ..nn.exact import input_rows

    sizes = _hidden_sizes(hidden)
    if plot:
        _check_matplotlib()
        check_picture(plot)  # a bad extension or folder fails before training, not after
    check_targets(output)
    f = load_source(**pop_source(kwargs))
    # Every row becomes a float64 input vector (twice: all rows, then the care rows) and
    # every layer keeps a float64 activation and gradient per row: refuse before building.
    check_memory((1 << f.n) * 8.0 * (2 * f.n + 3 * f.m + 4 * sum(sizes)),
                 f"training on the 2^{f.n} rows of a {f.n}-input function")
    table = np.asarray(f.to_array())
    care = table >= 0
    keep = care.any(axis=1)  # rows with no care output teach nothing
    if not keep.any():
        raise BoolnetError("the function has no care rows to train on")
    X = input_rows(f.n, 0, 1 << f.n, np.float64)[keep]
    Y = np.where(care, table, 0).astype(np.float64)[keep]
    mask = None if care[keep].all() else care[keep].astype(np.float64)
    out_act = "sigmoid"
    if loss == "ce":
        if f.m < 2 or mask is not None or not (Y.sum(axis=1) == 1).all():
            raise click.UsageError("--loss ce needs two or more outputs with exactly one 1 in every row "
                                   "(one-hot classes); use bce for independent outputs")
        out_act = "softmax"
    net = nn.Network.mlp([f.n, *sizes, f.m], hidden=activation, output=out_act, init=init, seed=seed,
                         encoding="01")
    net.meta = {"input_names": list(f.input_names), "output_names": list(f.output_names),
                "trained": {"loss": loss, "optimizer": optimizer, "lr": lr, "seed": seed}}
    hist = nn.fit(net, X, Y, loss=loss, optimizer=optimizer, lr=lr, epochs=epochs, batch_size=batch,
                  seed=seed, mask=mask)
    if output:
        nn.save(net, output)
    if plot:
        _plot(hist, plot)
    result = {"accuracy": hist.final_accuracy, "epochs": hist.epochs, "loss": hist.final_loss,
              "status": hist.status, "seconds": round(hist.seconds, 6), "network": repr(net),
              "output": output}
    if fmt == "json":
        emit_json(result)
        return
    click.echo(f"{net}")
    click.echo(f"accuracy {hist.final_accuracy:.4f} after {hist.epochs} epochs, loss {hist.final_loss:.6g} "
               f"({hist.status}, {hist.seconds:.2f} s)")
    for path in (output, plot):  # JSON names the network file under "output" instead
        if path:
            click.echo(f"wrote {path}", err=True)


def _parse_row(text: str, n: int, where: str) -> list[int]:
    bits = [c for c in text if c not in " ,\t"]
    if len(bits) != n or any(c not in "01" for c in bits):
        raise BoolnetError(f"{where}: expected {n} bits of 0/1 such as {'01' * (n // 2) + '0' * (n % 2)}, "
                           f"got {text!r}")
    return [int(c) for c in bits]


@click.command()
@click.argument("network", type=click.Path(exists=True, dir_okay=False))
@click.option("--input", "inputs", multiple=True, metavar="BITS",
              help="An input row such as 0110 (repeatable); without it rows are read from stdin.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print one line per input row or JSON.")
def run(network, inputs, fmt):
    """Run a saved network on input rows (first input first), printing its outputs.

    JSON: a list of {input, output (0/1 per output), raw (unit values)}.
    """
    from .. import nn
    from ..nn.activations import get_activation

    try:
        net = nn.load(network)
    except ValueError as exc:
        raise BoolnetError(str(exc)) from None
    if inputs:
        rows = [(r, _parse_row(r, net.n_inputs, f"--input {r}")) for r in inputs]
    else:
        if sys.stdin.isatty():
            raise click.UsageError("give --input BITS or pipe rows (one per line) on stdin")
        rows = []
        for k, line in enumerate(sys.stdin, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append((line.strip(), _parse_row(line.strip(), net.n_inputs, f"stdin line {k}")))
    if not rows:
        raise click.UsageError("no input rows")
    X = np.array([bits for _, bits in rows], dtype=np.int64)
    if net.encoding == "pm1":
        X = 2 * X - 1
    if not net.is_integer:
        X = X.astype(np.float64)
    raw = net.forward(X)
    act = get_activation(net.layers[-1].activation)
    bits = (raw >= act.threshold).astype(int)
    if fmt == "json":
        emit_json([{"input": text, "output": b.tolist(), "raw": r.tolist()} for (text, _), b, r in zip(rows, bits, raw)])
        return
    for (text, _), b, r in zip(rows, bits, raw):
        shown = "".join(map(str, b))
        if not net.is_threshold:
            shown += "  (" + " ".join(f"{v:.4g}" for v in r) + ")"
        click.echo(f"{text} -> {shown}")


#: Above this many inputs harden checks a sample of rows, not all 2^n (and says so).
HARDEN_ALL_ROWS_MAX_INPUTS = 20
_HARDEN_SAMPLE = 1 << 16


def _decisions(net, X: np.ndarray) -> np.ndarray:
    """0/1 decision of every output on rows X (0/1 inputs), read at the output activation's threshold."""
    from ..nn.activations import get_activation
    Xe = 2 * X - 1 if net.encoding == "pm1" else X
    raw = net.forward(Xe.astype(np.float64) if not net.is_integer else Xe)
    return (raw >= get_activation(net.layers[-1].activation).threshold).astype(np.int8)


@click.command("harden")
@click.argument("network", type=click.Path(exists=True, dir_okay=False))
@source_options
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the hardened network (JSON); verify and export take it.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the row sample above 20 inputs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Print a summary or the report as JSON.")
def harden_cmd(network, output, seed, fmt, **kwargs):
    """Turn a trained network's sigmoid/tanh units into step/sign units and check it still computes its targets.

    The targets are the function given (SOURCE, --expr, ...) on its care rows, or else
    what the trained network itself decides on every row (its outputs read at 1/2 for
    sigmoid, 0 for tanh). Exit 0 when the hardened network computes them, 1 when not;
    -o writes it either way. JSON keys: targets, rows_checked, exhaustive, matches,
    mismatched_rows, first_mismatch, hardened_layers, soft_layers, output.
    """
    from ..nn.hardening import HARD, harden
    from ..nn.exact import input_rows
    from ..nn.serialize import save
    from .source import load_network
    net = load_network(network)
    opts = pop_source(kwargs)
    given = any(opts.get(k) for k in ("source", "expr", "minterms", "hex", "family"))
    f = load_source(**opts) if given else None
    n = net.n_inputs
    if f is not None and f.n != n:
        raise BoolnetError(f"{network} has {n} inputs but the function has {f.n}")
    if f is not None and f.m != net.n_outputs:
        raise BoolnetError(f"{network} has {net.n_outputs} outputs but the function has {f.m}")
    exhaustive = n <= HARDEN_ALL_ROWS_MAX_INPUTS
    if exhaustive:
        rows = np.arange(1 << n, dtype=np.int64)
        X = input_rows(n, 0, 1 << n, np.int64)
    else:
        if n > 62:
            raise BoolnetError(f"{network} has {n} inputs; harden samples rows of at most 62")
        rows = np.random.default_rng(seed).integers(0, 1 << n, size=_HARDEN_SAMPLE,
                                                    dtype=np.int64)
        X = ((rows[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)
    if f is not None:
        want = f.evaluate(rows)
        targets = "the function given (its care rows)"
    else:
        want = _decisions(net, X)
        targets = "the trained network's own decisions"
    result = harden(net)
    hard = result.network
    if result.unchanged_layers:
        kinds = ", ".join(f"layer {i + 1} ({net.layers[i].activation})"
                          for i in result.unchanged_layers)
        raise BoolnetError(f"{network}: {kinds} cannot be hardened (only sigmoid and tanh units "
                           f"become step and sign units); retrain with --activation tanh or "
                           f"sigmoid and --loss bce")
    got = _decisions(hard, X)
    care = want >= 0
    bad = np.flatnonzero(((got != want) & care).any(axis=1))
    first = None
    if len(bad):
        r = int(bad[0])
        first = {"input": "".join(map(str, X[r].tolist())),
                 "got": got[r].tolist(), "expected": [int(v) for v in want[r]]}
    if output:
        save(hard, output)
    report = {"targets": targets, "rows_checked": int(len(X)), "exhaustive": exhaustive,
              "matches": not len(bad), "mismatched_rows": int(len(bad)),
              "first_mismatch": first,
              "hardened_layers": [f"{a} -> {HARD[a]}" for a in
                                  (layer.activation for layer in net.layers)],
              "soft_layers": result.unchanged_layers, "output": output}
    if fmt == "json":
        emit_json(report)
    else:
        if all(layer.activation in ("step", "sign") for layer in net.layers):
            click.echo("hardened  nothing to change: every unit is already a step or sign unit")
        else:
            click.echo(f"hardened  {', '.join(report['hardened_layers'])}")
        where = f"all {len(X)} rows" if exhaustive else f"{len(X)} sampled rows (not proven)"
        click.echo(f"targets   {targets}, checked on {where}")
        if not len(bad):
            click.echo("computes  yes: the hardened network computes its targets")
        else:
            click.echo(f"computes  NO: {len(bad)} of {len(X)} rows differ; first "
                       f"{first['input']} gives {''.join(map(str, first['got']))}, expected "
                       f"{''.join(map(str, first['expected']))} (units that were not saturated "
                       f"flip; train longer or with a rising gain)")
    if output:
        click.echo(f"wrote {output}", err=True)
    sys.exit(0 if not len(bad) else 1)
