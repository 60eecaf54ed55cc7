"""The options every command that takes a Boolean function shares, and the JSON printer."""
from __future__ import annotations

import json
from typing import Any, Callable

import click
import numpy as np

from ..cover import CubeFunction
from ..errors import BoolnetError, check_dense, set_dense_limit
from ..function import BooleanFunction
from ..io.atomic import check_target

__all__ = ["source_options", "load_source", "emit_json", "to_jsonable", "check_targets",
           "check_function_target"]

_OPTIONS = ("source", "expr", "minterms", "inputs", "dontcares", "hex", "family",
            "input_format", "csv_outputs", "missing", "max_inputs")


def source_options(command: Callable) -> Callable:
    """Add the shared function-source argument and options to a click command."""
    decorators = [
        click.argument("source", required=False, metavar="[SOURCE]"),
        click.option("--expr", "expr", multiple=True, metavar="TEXT",
                     help="A Boolean expression such as 'x1 & ~x2 | x3' (repeat for more outputs)."),
        click.option("--minterms", metavar="LIST", help="ON minterms such as '1,3,5-7' (needs --inputs)."),
        click.option("--inputs", type=click.IntRange(0, None), metavar="N",
                     help="Number of inputs for --minterms."),
        click.option("--dontcares", metavar="LIST", default="", help="Don't-care minterms for --minterms."),
        click.option("--hex", "hex", metavar="HEX", help="A hex truth table: bit i is the value on row i (0x6996 = 4-input parity)."),
        click.option("--family", metavar="NAME:N", help="A named family: parity:8, majority:5, adder:2, comparator:2, multiplier:2, symmetric:0,1,1,0, threshold:2,1,1:2."),
        click.option("--input-format", type=click.Choice(["pla", "csv", "table", "expr", "hex",
                                                          "blif", "aiger", "verilog"]),
                     help="Format of SOURCE when its extension does not say (default: sniffed)."),
        click.option("--csv-outputs", type=click.IntRange(1, None), metavar="K",
                     help="CSV: the last K columns are outputs (default 1)."),
        click.option("--missing", type=click.Choice(["off", "dc"]), default="off", show_default=True,
                     help="CSV: rows absent from the file are OFF or don't-care."),
        click.option("--max-inputs", type=click.IntRange(1, 64), metavar="N",
                     help="Largest n for which a dense 2^n table is built (default 28)."),
    ]
    for deco in reversed(decorators):
        command = deco(command)
    return command


def pop_source(kwargs: dict) -> dict:
    """Remove the source options from a command's keyword arguments and return them."""
    return {k: kwargs.pop(k) for k in _OPTIONS if k in kwargs}


def load_source(cube_level: bool = False, family_spec: bool = False,
                **opts: Any) -> BooleanFunction | CubeFunction:
    """The function named by the source options: a BooleanFunction, or a CubeFunction for a PLA when ``cube_level``.

    ``family_spec``: a symmetric ``--family`` above the dense limit comes back as a
    :class:`boolnet.families.SymmetricSpec` (for compile and cost, which build such
    families without a table) instead of being refused.
    """
    given = [k for k in ("source", "expr", "minterms", "hex", "family") if opts.get(k)]
    if len(given) != 1:
        flags = "SOURCE, --expr, --minterms, --hex or --family"
        if not given:
            raise click.UsageError(f"give a function: {flags}")
        raise click.UsageError(f"give one function, not {' and '.join(given)}")
    limit = opts.get("max_inputs")
    if limit is not None:
        set_dense_limit(limit)  # one command per process: the limit holds for all it builds
    kind = given[0]
    if kind == "expr":
        return _guarded(lambda: BooleanFunction.from_expr(list(opts["expr"])))
    if kind == "minterms":
        if opts.get("inputs") is None:
            raise click.UsageError("--minterms needs --inputs N")
        from ..io.minterms import parse_minterms
        check_dense(opts["inputs"], limit=limit)
        return parse_minterms(opts["minterms"], opts["inputs"], opts.get("dontcares") or "")
    if kind == "hex":
        return BooleanFunction.from_hex(opts["hex"])
    if kind == "family":
        from ..families import by_name, spec_by_name
        return (spec_by_name if family_spec else by_name)(opts["family"])
    from ..io import read
    read_opts = {}
    if opts.get("csv_outputs"):
        read_opts["outputs"] = opts["csv_outputs"]
    if opts.get("missing") and opts["missing"] != "off":
        read_opts["missing"] = opts["missing"]
    obj = read(opts["source"], format=opts.get("input_format"), **read_opts)
    if isinstance(obj, CubeFunction) and not cube_level:
        return obj.to_function(limit=limit)
    return obj


def _guarded(build: Callable[[], BooleanFunction]) -> BooleanFunction:
    try:
        return build()
    except RecursionError:
        raise BoolnetError("the expression is nested too deeply") from None


def to_jsonable(obj: Any) -> Any:
    """Turn NumPy scalars and arrays (and tuples) into plain JSON values."""
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    return obj


def emit_json(obj: Any) -> None:
    """Print an object as indented JSON on stdout."""
    click.echo(json.dumps(to_jsonable(obj), indent=2))


def load_network(path: str):
    """A network from a JSON file written by boolnet; BoolnetError naming the file (-> Network)."""
    from ..nn.serialize import load
    try:
        return load(path)
    except BoolnetError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise BoolnetError(f"{exc}" if str(path) in str(exc) else f"{path}: {exc}") from None


def check_network_output(fmt: str | None, output: str | None) -> None:
    """Refuse a binary network format bound for a terminal, before any work (-> None)."""
    import sys
    from ..export import BINARY
    if fmt in BINARY and (output is None or output == "-") and sys.stdout.isatty():
        raise BoolnetError(f"{fmt} is a binary format: write it to a file with -o FILE.{fmt}")


def echo_network(net, fmt: str, names=None) -> None:
    """Print a network in an export format on stdout (bytes for the binary formats)."""
    import sys
    from ..export import export_network
    data = export_network(net, fmt, names)
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(data, nl=False)


def check_picture(path: str) -> None:
    """Fail on a bad picture extension or a missing matplotlib before any work (-> None)."""
    from ..viz.plotting import figure_format, pyplot
    figure_format(path)
    pyplot()
    check_target(path, "picture")


def check_targets(*paths: str | None) -> None:
    """Refuse any output path that cannot be written, before any work, naming it (-> None).

    A command checks all its targets first, so that a bad second target (``--draw
    nodir/x.png``) never leaves the first one (``-o c1.json``) overwritten.
    """
    for path in paths:
        check_target(path)


def check_function_target(path: str | None) -> None:
    """Refuse an output for a Boolean function whose format or place is bad, before any work (-> None)."""
    if path is None or path == "-":
        return
    from ..io import format_for
    name = format_for(path)
    if name is None or name == "json":
        raise BoolnetError(f"{path}: cannot tell the format of a function file from its "
                           f"extension; use .pla, .csv, .expr or .hex")
    check_target(path)
