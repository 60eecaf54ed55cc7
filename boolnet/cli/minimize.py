"""``boolnet minimize`` and ``boolnet kmap``: two-level minimisation and Karnaugh maps from the command line.

JSON keys of ``boolnet minimize --format json``: ``inputs``, ``outputs``, ``terms``,
``literals``, ``method`` (the method whose cover was returned), ``requested``,
``proven``, ``seconds``, ``reason`` (why exact gave up or was not proven, else null),
``checked`` ("truth table" or "tautology"), ``notes``, ``per_output`` (a list of
``{name, terms, literals, proven, seconds, expr}``), ``cubes`` (the cover as
``[inputs, outputs]`` strings) and ``form`` ("sop", or "pos": then ``terms`` count
clauses and ``cubes`` are the minimised OFF-set cover, whose negated cubes are the clauses).

``--form pos`` gives a minimum product of sums (what sympy's ``POSform`` gives): the
OFF set is minimised as a sum of products and each of its cubes, negated, is a clause.
``--format eqntott`` prints Espresso's ``-o eqntott`` equations (``f = (a&!b) | (c);``).
"""
from __future__ import annotations

import click
import numpy as np

from ..errors import BoolnetError
from .source import check_targets, emit_json, load_source, pop_source, source_options

__all__ = ["minimize_cmd", "kmap_cmd", "sop_text", "pos_text"]


def _literal_lists(cover, j: int) -> list[list[tuple[str, bool]]]:
    """Each cube of output j as (input name, positive?) literals."""
    care, value = cover.literal_arrays()
    return [[(cover.input_names[i], bool(value[k, i])) for i in np.flatnonzero(care[k])]
            for k in np.flatnonzero(cover.outputs[:, j])]


def sop_text(cover, j: int, style: str = "python") -> str:
    """Output j of a cover as a sum of products: 'python' (a & ~b | c) or 'eqntott' ((a&!b) | (c))."""
    if style == "python":
        return cover.to_expr(j)
    cubes = _literal_lists(cover, j)
    if not cubes:
        return "0"
    if any(not c for c in cubes):
        return "1"
    return " | ".join("(" + "&".join(n if pos else "!" + n for n, pos in c) + ")" for c in cubes)


def pos_text(off_cover, j: int, style: str = "python") -> str:
    """Output j as a product of sums from a cover of its OFF set: each cube, negated, is a clause."""
    cubes = _literal_lists(off_cover, j)
    if not cubes:
        return "1"  # no OFF rows
    if any(not c for c in cubes):
        return "0"  # the OFF set is everything
    neg, orr, andd = ("~", " | ", " & ") if style == "python" else ("!", "|", " & ")
    clauses = ["(" + orr.join(neg + n if pos else n for n, pos in c) + ")" for c in cubes]
    if style == "python" and len(clauses) == 1 and len(cubes[0]) == 1:
        return clauses[0][1:-1]
    return andd.join(clauses)


@click.command("minimize")
@source_options
@click.option("--method", type=click.Choice(["auto", "exact", "heuristic"]), default="auto",
              show_default=True, help="exact: proven minimum (small n); heuristic: Espresso-II.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the minimised cover as a PLA file.")
@click.option("--form", type=click.Choice(["sop", "pos"]), default="sop", show_default=True,
              help="Sum of products, or product of sums (the OFF set minimised, negated).")
@click.option("--format", "fmt", type=click.Choice(["expr", "eqntott", "pla", "json"]),
              default="expr", show_default=True,
              help="What to print: expressions, Espresso's -o eqntott equations, the PLA, JSON.")
@click.option("--time-limit", type=float, default=10.0, show_default=True,
              help="Seconds the exact cover search may take before the heuristic answers.")
@click.option("--max-primes", type=int, default=50_000, show_default=True,
              help="Give up exact minimisation beyond this many prime implicants.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def minimize_cmd(method: str, output: str | None, form: str, fmt: str, time_limit: float,
                 max_primes: int, progress: bool | None, **kwargs) -> None:
    """Minimise a function to a sum of products (fewest terms, then fewest literals), or a product of sums."""
    from ..twolevel import minimize
    check_targets(output)  # before the work, not after it
    pos = form == "pos"
    obj = load_source(cube_level=not pos, **pop_source(kwargs))
    # A product of sums of f is the negation of a sum of products of its complement.
    cover, report = minimize(obj.complement() if pos else obj, method=method,
                             time_limit=time_limit, max_primes=max_primes, progress=progress)
    text = pos_text if pos else sop_text
    if output:
        from ..io.pla import write_pla
        write_pla(_as_pla(cover, pos), output)
        click.echo(f"wrote {output}", err=True)
    if fmt == "json":
        d = report.to_dict()
        per = d.pop("outputs")
        for j, o in enumerate(per):
            o["expr"] = text(cover, j)
        d.update(inputs=cover.n, outputs=cover.m, per_output=per, form=form,
                 cubes=[[c, "".join("1" if b else "0" for b in row)]
                        for c, row in zip(cover.cube_strings(), cover.outputs)])
        emit_json(d)
        return
    if fmt == "pla":
        from ..io.pla import format_pla
        click.echo(format_pla(_as_pla(cover, pos)), nl=False)
        return
    for j, name in enumerate(cover.output_names):
        if fmt == "eqntott":
            click.echo(f"{name} = {text(cover, j, 'eqntott')};")
        else:
            click.echo(f"{name} = {text(cover, j)}")
    proof = "proven minimal" if report.proven else "not proven minimal"
    what = "clause" if pos else "term"
    click.echo(f"# {_count(report.terms, what)}, {_count(report.literals, 'literal')}, "
               f"{report.method}, {proof}, {report.seconds:.3f} s", err=True)
    if report.reason:
        click.echo(f"# {report.reason}", err=True)
    for note in report.notes:
        click.echo(f"# {note}", err=True)


def _count(k: int, noun: str) -> str:
    return f"{k} {noun}{'' if k == 1 else 's'}"


def _as_pla(cover, pos: bool):
    """What a PLA file holds: the cover (type f), or for a product of sums its OFF cubes (type r)."""
    if not pos:
        return cover
    from ..cover import Cover, CubeFunction
    empty = Cover.empty(cover.n, cover.m, cover.input_names, cover.output_names)
    return CubeFunction(empty, None, cover, "r")


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
