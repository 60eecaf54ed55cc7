"""``boolnet info`` and ``boolnet table``: look at a function before doing anything with it."""
from __future__ import annotations

import click

from ..cover import CubeFunction
from ..errors import BoolnetError, dense_limit
from ..function import BooleanFunction
from .source import check_function_target, emit_json, load_source, pop_source, source_options

__all__ = ["info", "table", "describe", "DESCRIBE_DENSE_CELLS"]

#: Largest number of (row, output) cells info counts for a cube-level (PLA) source; above
#: it the report stays at cube level (counting rows and support is O(n m 2^n)).
DESCRIBE_DENSE_CELLS = 1 << 24


def describe(obj: BooleanFunction | CubeFunction, limit: int | None = None) -> dict:
    """The facts ``boolnet info`` reports, as a JSON-ready dict (keys documented in docs/cli.md)."""
    limit = dense_limit() if limit is None else limit
    out = {"inputs": obj.n, "outputs": obj.m, "input_names": list(obj.input_names),
           "output_names": list(obj.output_names)}
    if isinstance(obj, CubeFunction):
        out["cubes"] = {"on": len(obj.on), "dc": len(obj.dc),
                        "off": None if obj.off is None else len(obj.off), "type": obj.pla_type}
        if obj.n > limit:
            # Counting rows of a 130-input cover would need a 2^130 table; say so instead.
            out.update(on=None, dc=None, support=None, symmetric=None,
                       note=f"{obj.n} inputs is above the dense limit of {limit}: "
                            f"cube counts only")
            return out
        if (1 << obj.n) * obj.m > DESCRIBE_DENSE_CELLS:
            # misex2 (25 inputs, 18 outputs) took 46 s and 2.3 GB to count rows densely.
            out.update(on=None, dc=None, support=None, symmetric=None,
                       note=f"2^{obj.n} rows x {obj.m} outputs is above the "
                            f"2^{DESCRIBE_DENSE_CELLS.bit_length() - 1} table cells info "
                            f"counts: cube counts only")
            return out
        obj = obj.to_function(limit=limit)
    out["on"] = obj.on_count().tolist()
    out["dc"] = obj.dc_count().tolist()
    needed = obj.support()
    chosen = _irredundant_support(obj, needed)
    out["support"] = [obj.input_names[i] for i in (needed if chosen is None else chosen)]
    # The inputs every realisation reads; with don't-cares it can be fewer than a support
    # that works (ON row 000 and OFF row 111 need one input, but no input in particular).
    out["support_needed"] = [obj.input_names[i] for i in needed]
    out["symmetric"] = obj.is_symmetric()
    out["value_vectors"] = [list(v) if v is not None else None
                            for v in (obj.value_vector(j) for j in range(obj.m))]
    return out


#: Largest n for which info searches a support when don't-cares leave a choice
#: (n passes over 2^n rows per output; 2^20 rows take well under a second).
SUPPORT_SEARCH_MAX_INPUTS = 20


def _separates(on, off, keep: list[int], n: int) -> bool:
    """True when no ON row and OFF row of an output agree on the inputs ``keep``."""
    drop = tuple(i for i in range(n) if i not in keep)
    for a, b in zip(on, off):
        a, b = a.reshape((2,) * n), b.reshape((2,) * n)
        if drop:
            a, b = a.any(axis=drop), b.any(axis=drop)
        if (a & b).any():
            return False
    return True


def _irredundant_support(f: BooleanFunction, needed: tuple[int, ...]) -> list[int] | None:
    """A support no input can leave (greedy, last inputs dropped first), or None above the search limit.

    Without don't-cares it is the support. With them, the inputs every realisation
    needs may not separate the ON rows from the OFF rows; then inputs are added back.
    """
    if f.n > SUPPORT_SEARCH_MAX_INPUTS or f.n == 0:
        return list(needed)
    on = f.on_bits()
    off = ~(on | f.dc_bits())
    if _separates(on, off, list(needed), f.n):
        return list(needed)
    keep = list(range(f.n))
    for i in reversed(range(f.n)):
        if i in needed:
            continue
        trial = [k for k in keep if k != i]
        if _separates(on, off, trial, f.n):
            keep = trial
    return keep


@click.command()
@source_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def info(fmt: str, **kwargs) -> None:
    """Inputs, outputs, names, ON/don't-care counts, support and symmetry of a function.

    The support is a set of inputs that tells every ON row from every OFF row; with
    don't-cares several may do, and it is one no input can leave (support_needed
    in the JSON lists the inputs every choice reads). JSON keys: inputs, outputs,
    input_names, output_names, on, dc, support, support_needed, symmetric,
    value_vectors, and for a PLA cubes (and note above the dense limit).
    """
    opts = pop_source(kwargs)
    obj = load_source(cube_level=True, **opts)
    facts = describe(obj, opts.get("max_inputs"))
    if fmt == "json":
        emit_json(facts)
        return
    click.echo(f"inputs   {facts['inputs']}: {' '.join(facts['input_names'])}")
    click.echo(f"outputs  {facts['outputs']}: {' '.join(facts['output_names'])}")
    if "cubes" in facts:
        c = facts["cubes"]
        off = "" if c["off"] is None else f", {c['off']} OFF"
        click.echo(f"cubes    {c['on']} ON, {c['dc']} don't-care{off} (PLA type {c['type']})")
    if facts["on"] is None:
        click.echo(f"note     {facts['note']}")
        return
    rows = 2 ** facts["inputs"]
    for j, name in enumerate(facts["output_names"]):
        on, dc = facts["on"][j], facts["dc"][j]
        vv = facts["value_vectors"][j]
        sym = "symmetric, value vector " + "".join("-" if v < 0 else str(v) for v in vv) \
            if vv is not None else "not symmetric"
        click.echo(f"  {name}: ON {on}, don't-care {dc}, OFF {rows - on - dc} of {rows}; {sym}")
    sup, need = facts["support"], facts.get("support_needed", facts["support"])
    choice = ""
    if sup != need:
        choice = (f" (one choice: the don't-cares let other inputs serve; every choice reads "
                  f"{' '.join(need) if need else 'some input'})")
    click.echo(f"support  {len(sup)} of {facts['inputs']}: {' '.join(sup) or '(constant)'}"
               f"{choice}")
    click.echo(f"symmetric {'yes' if facts['symmetric'] else 'no'}")


@click.command()
@source_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the table to a file (.pla, .csv, .tbl, .expr or .hex) instead of "
                   "printing it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Printed format.")
def table(output: str | None, fmt: str, **kwargs) -> None:
    """Print the truth table of a function, or write it as PLA, CSV or another format with -o."""
    check_function_target(output)  # a bad extension or folder fails before any work
    f = load_source(**pop_source(kwargs))
    if output:
        from ..io import write
        write(f, output)
        click.echo(f"wrote {output}", err=True)
        return
    if fmt == "json":
        t = f.to_array()
        emit_json({"inputs": f.n, "outputs": f.m, "input_names": list(f.input_names),
                   "output_names": list(f.output_names),
                   "rows": [[int(v) for v in row] for row in t]})
        return
    if f.rows > 4096:
        raise BoolnetError(f"{f.rows} rows are too many to print; write them with -o table.csv")
    click.echo(f.format_table())
