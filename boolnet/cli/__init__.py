"""The ``boolnet`` command line: a thin click layer over the library.

Commands load lazily: ``COMMANDS`` names each one, where it lives and its one-line summary, and
its module is imported only when that command runs (or shows its own ``--help``), so
``boolnet --help`` imports click and nothing else, and ``boolnet info`` never pays for numba,
scipy or sympy. To add a command, add one line to ``COMMANDS``;
``tests/test_cli_lazy.py`` checks that every line imports and that its summary is the
command's own.
"""
from __future__ import annotations

import importlib
import sys
import traceback
import warnings

import click

from .. import __version__
from ..errors import BoolnetError

__all__ = ["main", "COMMANDS"]


#: name -> ("module:attribute" under boolnet.cli, the summary ``boolnet --help`` lists).
COMMANDS: dict[str, tuple[str, str]] = {
    "info": ("info:info",
             "Inputs, outputs, names, ON/don't-care counts, support and symmetry of a function."),
    "table": ("info:table",
              "Print the truth table of a function, or write it as PLA, CSV or another format "
              "with -o."),
    "minimize": ("minimize:minimize_cmd",
                 "Minimise a function to a sum of products (fewest terms, then fewest literals), "
                 "or a product of sums."),
    "kmap": ("minimize:kmap_cmd",
             "Print the Karnaugh map (n <= 6) with the groups of a minimal cover; -o draws it."),
    "compile": ("compile:compile_cmd",
                "Compile a function into a verified threshold network and print its size."),
    "verify": ("compile:verify_cmd",
               "Check NETWORK against a function: exit 0 when equal, 1 with a counterexample."),
    "cost": ("compile:cost_cmd",
             "Cost of every applicable architecture for a function, or of parity against the "
             "formulas."),
    "train": ("nn:train",
              "Train an MLP by backprop on a function's care rows until it is 100% right or the "
              "epochs run out."),
    "harden": ("nn:harden_cmd",
               "Turn a trained network's sigmoid/tanh units into step/sign units and check it "
               "still computes its targets."),
    "run": ("nn:run",
            "Run a saved network on input rows (first input first), printing its outputs."),
    "draw": ("export:draw",
             "Draw a saved NETWORK (JSON) as a layered diagram of units and weights."),
    "export": ("export:export",
               "Convert a saved NETWORK (JSON) to ONNX, Verilog, BLIF, AIGER (aag/aig), DOT or "
               "JSON."),
    "census": ("census:census_cmd",
               "Minimum threshold units of every NPN class of n inputs, beside what each "
               "compiler builds."),
    "tradeoff": ("tradeoff:tradeoff_cmd",
                 "Width against depth: the Pareto front of every network boolnet builds for a "
                 "function."),
}


def load_command(name: str) -> click.Command:
    """Import and return the click command registered in ``COMMANDS`` under ``name``."""
    module, _, attribute = COMMANDS[name][0].partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), attribute)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"boolnet: warning: {message}", err=True)


class _Group(click.Group):
    """A group that loads commands on demand and turns user errors into one line and exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The summaries come from COMMANDS, so listing them imports no command module.
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is not None and command.hidden:
                continue
            rows.append((name, command.get_short_help_str(limit=formatter.width)
                         if command is not None else COMMANDS[name][1]))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            with warnings.catch_warnings():
                # A warning is one line, like an error, not Python's two (message, source line).
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (`boolnet table big.pla | head`): stop quietly, as cat does.
            import os
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except (BoolnetError, OSError, UnicodeDecodeError, MemoryError) as exc:
            if (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            message = str(exc)
            if isinstance(exc, OSError) and exc.filename is not None:
                message = f"{exc.filename}: {exc.strerror or exc}"
            elif isinstance(exc, MemoryError):
                message = f"out of memory: {exc}" if str(exc) else "out of memory"
            elif isinstance(exc, UnicodeDecodeError):
                message = f"not a UTF-8 text file ({exc.reason} at byte {exc.start})"
            click.echo(f"boolnet: error: {message}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="boolnet")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compile Boolean functions into threshold-unit neural networks and measure their cost."""
    ctx.obj = {"debug": debug}
