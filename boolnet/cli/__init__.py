"""The ``boolnet`` command line: a thin click layer over the library."""
from __future__ import annotations

import sys
import traceback

import click

from .. import __version__
from ..errors import BoolnetError

__all__ = ["main"]


class _Group(click.Group):
    """A group that turns user errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
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


def _register() -> None:
    from . import compile as compile_, export, info, minimize, nn
    for command in (info.info, info.table, minimize.minimize_cmd, minimize.kmap_cmd,
                    compile_.compile_cmd, compile_.verify_cmd, compile_.cost_cmd,
                    nn.train, nn.run, export.draw, export.export):
        main.add_command(command)


_register()
