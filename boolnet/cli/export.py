"""``boolnet draw`` and ``boolnet export``: a saved network as a picture or in another format."""
from __future__ import annotations

import click

from .source import check_network_output, check_picture, check_targets, echo_network, load_network

__all__ = ["draw", "export"]


def _names(inputs: str | None, outputs: str | None):
    if inputs is None and outputs is None:
        return None
    split = (lambda s: None if s is None else [t.strip() for t in s.split(",")])
    return {"input_names": split(inputs), "output_names": split(outputs)}


_name_options = [
    click.option("--input-names", metavar="A,B,..",
                 help="Input names (default: the network's, else x1..xn)."),
    click.option("--output-names", metavar="F,..",
                 help="Output names (default: the network's, else f or f1..fm)."),
]


def _with_names(command):
    for deco in reversed(_name_options):
        command = deco(command)
    return command


@click.command()
@click.argument("network", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Picture to write: .png, .svg or .pdf.")
@click.option("--summary/--full", default=None,
              help="Layer boxes with counts, or every unit and weight (default: by size).")
@click.option("--title", help="Title above the drawing (default: the network's layers).")
@_with_names
def draw(network, output, summary, title, input_names, output_names) -> None:
    """Draw a saved NETWORK (JSON) as a layered diagram of units and weights."""
    check_picture(output)
    from ..viz.network import draw_network
    net = load_network(network)
    draw_network(net, output, names=_names(input_names, output_names), summary=summary,
                 title=title)
    click.echo(f"wrote {output}", err=True)


@click.command()
@click.argument("network", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "onnx", "verilog", "blif", "aiger", "aig", "dot"]),
              help="Output format (default: from the extension of -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write (default: standard output, for text formats).")
@_with_names
def export(network, fmt, output, input_names, output_names) -> None:
    """Convert a saved NETWORK (JSON) to ONNX, Verilog, BLIF, AIGER (aag/aig), DOT or JSON."""
    from ..export import format_for, write_network
    if fmt is None:
        if output is None:
            raise click.UsageError("give --format, or -o FILE with a known extension")
        fmt = format_for(output)
    check_network_output(fmt, output)
    check_targets(output)
    net = load_network(network)
    names = _names(input_names, output_names)
    if output is None or output == "-":
        echo_network(net, fmt, names)
        return
    write_network(net, output, fmt, names)
    click.echo(f"wrote {output} ({fmt})", err=True)
