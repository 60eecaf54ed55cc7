"""``boolnet minimize`` and ``boolnet kmap``: two-level minimisation and Karnaugh maps from the command line.

JSON keys of ``boolnet minimize --format json``: ``inputs``, ``outputs``, ``terms``,
``literals``, ``method`` (the method whose cover was returned), ``requested``,
``proven``, ``seconds``, ``reason`` (why exact gave up or was not proven, else null),
``checked`` ("truth table" or "tautology"), ``notes``, ``per_output`` (a list of
``{name, terms, literals, proven, seconds, expr}``) and ``cubes`` (the cover as
``[inputs, outputs]`` strings).
"""
from __future__ import annotations

import click

from ..errors import BoolnetError
from .source import check_targets, emit_json, load_source, pop_source, source_options

__all__ = ["minimize_cmd", "kmap_cmd"]


@click.command("minimize")
@source_options
@click.option("--method", type=click.Choice(["auto", "exact", "heuristic"]), default="auto",
              show_default=True, help="exact: proven minimum (small n); heuristic: Espresso-II.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the minimised cover as a PLA file.")
@click.option("--format", "fmt", type=click.Choice(["expr", "pla", "json"]), default="expr",
              show_default=True, help="What to print.")
@click.option("--time-limit", type=float, default=10.0, show_default=True,
              help="Seconds the exact cover search may take before the heuristic answers.")
@click.option("--max-primes", type=int, default=50_000, show_default=True,
              help="Give up exact minimisation beyond this many prime implicants.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def minimize_cmd(method: str, output: str | None, fmt: str, time_limit: float,
                 max_primes: int, progress: bool | None, **kwargs) -> None:
    """Minimise a function to a sum of products (fewest terms, then fewest literals)."""
    from ..twolevel import minimize
    check_targets(output)  # before the work, not after it
    obj = load_source(cube_level=True, **pop_source(kwargs))
    cover, report = minimize(obj, method=method, time_limit=time_limit, max_primes=max_primes,
                             progress=progress)
    if output:
        from ..io.pla import write_pla
        write_pla(cover, output)
        click.echo(f"wrote {output}", err=True)
    if fmt == "json":
        d = report.to_dict()
        per = d.pop("outputs")
        for j, o in enumerate(per):
            o["expr"] = cover.to_expr(j)
        d.update(inputs=cover.n, outputs=cover.m, per_output=per,
                 cubes=[[c, "".join("1" if b else "0" for b in row)]
                        for c, row in zip(cover.cube_strings(), cover.outputs)])
        emit_json(d)
        return
    if fmt == "pla":
        from ..io.pla import format_pla
        click.echo(format_pla(cover), nl=False)
        return
    for j, name in enumerate(cover.output_names):
        click.echo(f"{name} = {cover.to_expr(j)}")
    proof = "proven minimal" if report.proven else "not proven minimal"
    click.echo(f"# {report.terms} terms, {report.literals} literals, {report.method}, {proof}, "
               f"{report.seconds:.3f} s", err=True)
    if report.reason:
        click.echo(f"# {report.reason}", err=True)
    for note in report.notes:
        click.echo(f"# {note}", err=True)


@click.command("kmap")
@source_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Also draw the map to a .png or .svg file (needs matplotlib).")
@click.option("--color/--no-color", default=None, help="Colour the groups (default: on a terminal).")
@click.option("--no-cover", is_flag=True, help="Show the function only, without the minimal cover's groups.")
def kmap_cmd(output: str | None, color: bool | None, no_cover: bool, **kwargs) -> None:
    """Print the Karnaugh map (n <= 6) with the groups of a minimal cover; -o draws it."""
    from ..twolevel import minimize
    from ..viz.kmap import kmap_text, save_kmap
    if output and not output.lower().endswith((".png", ".svg")):
        raise BoolnetError(f"{output}: a Karnaugh map picture is .png or .svg")
    check_targets(output)
    f = load_source(**pop_source(kwargs))
    if not 1 <= f.n <= 6:
        raise BoolnetError(f"Karnaugh maps are drawn for 1 to 6 inputs; this function has {f.n}")
    cover = None if no_cover else minimize(f, method="auto")[0]
    click.echo(kmap_text(f, cover, color=color))
    if output:
        if f.m > 1:
            from pathlib import Path
            p = Path(output)
            for j, name in enumerate(f.output_names):
                target = p.with_name(f"{p.stem}_{name}{p.suffix}")
                save_kmap(f, target, cover, output=j)
                click.echo(f"wrote {target}", err=True)
        else:
            save_kmap(f, output, cover)
            click.echo(f"wrote {output}", err=True)
