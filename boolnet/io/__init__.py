"""Readers and writers: PLA, CSV, whitespace tables, expressions, hex truth tables, minterm
lists; readers of the netlists other tools write (BLIF, AIGER, structural Verilog).

:func:`read` and :func:`write` pick the format from the file extension:

=================  =========  ==========================================
extension          format     read gives
=================  =========  ==========================================
``.pla``           pla        CubeFunction (cube level, any n)
``.csv``           csv        BooleanFunction
``.expr .bool``    expr       BooleanFunction
``.hex .tt``       hex        BooleanFunction
``.tbl``           table      BooleanFunction (``a b f`` / ``0 1 1``)
``.blif``          blif       BooleanFunction (read only)
``.aag .aig``      aiger      BooleanFunction (read only)
``.v``             verilog    BooleanFunction (read only)
``.json``          json       reserved for networks (see register_format)
=================  =========  ==========================================

``'-'`` is standard input/output. When the extension says nothing (or for stdin),
the content is sniffed: an ``aag``/``aig`` header means AIGER; a first directive
``.model``/``.inputs``/``.names`` means BLIF; ``module`` means Verilog; blank-separated
names over rows of 0/1 cells (or such rows alone) mean a whitespace table; a first line
starting with ``.`` or a cube row (``01-1 10``) means PLA; a line starting with ``0x``
means hex; a comma-separated line without ``(`` or ``=`` means CSV; anything else is an
expression file. Pass ``format=`` to say it. When a sniffed guess fails to parse, the
error says what it was read as and what each format looks like (:data:`SHAPES`).
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable, NamedTuple

from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, ParseError
from ..function import BooleanFunction
from .csvtable import format_csv, parse_csv, read_csv, write_csv
from .hextable import format_hex, parse_hex, read_hex, write_hex
from .minterms import format_dontcares, format_minterms, parse_minterms
from .pla import PLAWarning, format_pla, parse_pla, read_pla, write_pla
from .text import Source, Target, decode, read_bytes, write_text

__all__ = ["read", "write", "as_function", "sniff", "format_for", "register_format", "FORMATS",
           "parse_pla", "format_pla", "read_pla", "write_pla", "PLAWarning",
           "parse_csv", "format_csv", "read_csv", "write_csv",
           "parse_expr", "format_expr", "parse_expr_file", "format_expr_file", "read_expr",
           "write_expr",
           "parse_hex", "format_hex", "read_hex", "write_hex",
           "parse_minterms", "format_minterms", "format_dontcares"]

_EXPR_NAMES = {"parse_expr", "format_expr", "parse_expr_file", "format_expr_file", "read_expr",
               "write_expr"}


def __getattr__(name: str):
    # The expression module imports sympy (half a second): load it on first use only.
    if name in _EXPR_NAMES:
        from . import expr
        return getattr(expr, name)
    raise AttributeError(f"module 'boolnet.io' has no attribute {name!r}")


class Format(NamedTuple):
    """How to read and write one file format."""

    parse: Callable[..., Any]        # (data: bytes, source: str, **options) -> object
    format: Callable[..., str]       # (obj) -> text
    extensions: tuple[str, ...]
    options: tuple[str, ...] = ()    # keyword options the parser accepts


def _parse_pla(data: bytes, source: str, **opts) -> CubeFunction:
    return parse_pla(decode(data, source), source, **opts)


def _parse_csv(data: bytes, source: str, **opts) -> BooleanFunction:
    from .csvtable import _parse
    return _parse(data, opts.get("outputs"), opts.get("missing", "off"), source,
                  opts.get("delimiter", ","))


def _parse_expr(data: bytes, source: str) -> BooleanFunction:
    from .expr import parse_expr_file
    return parse_expr_file(decode(data, source), source)


def _format_expr(obj) -> str:
    from .expr import format_expr_file
    return format_expr_file(obj)


def _parse_hex(data: bytes, source: str) -> BooleanFunction:
    return parse_hex(decode(data, source), source)


def _parse_table(data: bytes, source: str, **opts) -> BooleanFunction:
    from .table_text import parse_table
    return parse_table(data, opts.get("outputs"), opts.get("missing", "off"), source)


def _format_table(obj) -> str:
    from .table_text import format_table
    return format_table(as_function(obj))


def _parse_blif(data: bytes, source: str) -> BooleanFunction:
    from .blif import parse_blif
    return parse_blif(decode(data, source), source)


def _parse_aiger(data: bytes, source: str) -> BooleanFunction:
    from .aiger import parse_aiger
    return parse_aiger(data, source)


def _parse_verilog(data: bytes, source: str) -> BooleanFunction:
    from .verilog import parse_verilog
    return parse_verilog(decode(data, source), source)


def _netlist_only(name: str):
    def refuse(*_args, **_kwargs):
        raise BoolnetError(f"boolnet reads {name} files but writes them only for networks: "
                           f"compile the function with -o FILE (boolnet compile ... -o f.blif)")
    return refuse


def _json_reserved(*_args, **_kwargs):
    raise BoolnetError(".json files hold networks, not Boolean functions: load one with "
                       "boolnet.nn.serialize.load, or register a reader with "
                       "boolnet.io.register_format('json', ...)")


#: The known formats by name. Add one with :func:`register_format`.
FORMATS: dict[str, Format] = {
    "pla": Format(_parse_pla, format_pla, (".pla",), ("strict",)),
    "csv": Format(_parse_csv, lambda obj: format_csv(as_function(obj)), (".csv",),
                  ("outputs", "missing", "delimiter")),
    "expr": Format(_parse_expr, _format_expr, (".expr", ".bool")),
    "hex": Format(_parse_hex, lambda obj: format_hex(as_function(obj)), (".hex", ".tt")),
    "json": Format(_json_reserved, _json_reserved, (".json",)),
    "table": Format(_parse_table, _format_table, (".tbl",), ("outputs", "missing")),
    "blif": Format(_parse_blif, _netlist_only("BLIF"), (".blif",)),
    "aiger": Format(_parse_aiger, _netlist_only("AIGER"), (".aag", ".aig")),
    "verilog": Format(_parse_verilog, _netlist_only("Verilog"), (".v",)),
}

#: What each format looks like, for the message when a sniffed guess does not parse.
SHAPES = {
    "pla": "'.i 2' '.o 1' then cubes '1- 1'",
    "csv": "'a,b,f' then rows '0,1,1'",
    "table": "'a b f' then rows '0 1 1' (spaces or tabs)",
    "expr": "'f = a & ~b | c' (or x1 x2' + x3)",
    "hex": "'0x6996'",
    "blif": "'.model m' '.inputs a b' '.outputs f' '.names a b f' '11 1'",
    "aiger": "'aag 3 2 0 1 1' then literals",
    "verilog": "'module m(input a, output f); assign f = ~a; endmodule'",
}


def register_format(name: str, parse: Callable[..., Any], format: Callable[..., str],
                    extensions: tuple[str, ...] = (), options: tuple[str, ...] = ()) -> None:
    """Add or replace a format: ``parse(data: bytes, source: str, **options)`` and ``format(obj) -> str``."""
    FORMATS[name] = Format(parse, format, tuple(e.lower() for e in extensions), tuple(options))


def format_for(path, format: str | None = None) -> str | None:
    """The format named, or the one the extension of ``path`` implies, or None (sniff)."""
    if format is not None:
        if format not in FORMATS:
            raise BoolnetError(f"unknown format {format!r}; expected one of "
                               f"{', '.join(sorted(FORMATS))}")
        return format
    if hasattr(path, "read") or hasattr(path, "write"):
        path = getattr(path, "name", "")
    ext = os.path.splitext(str(path))[1].lower()
    for name, fmt in FORMATS.items():
        if ext and ext in fmt.extensions:
            return name
    return None


_CUBE_ROW = re.compile(r"[01\-~24|]+(?:[ \t]+[01\-~34|]+)+\s*\Z")


def sniff(text: str) -> str:
    """Guess the format of file content: 'blif', 'aiger', 'verilog', 'table', 'pla', 'hex', 'csv' or 'expr'.

    >>> sniff(".i 3\\n.o 1\\n"), sniff("a,b,f\\n0,1,1\\n"), sniff("f = a & b\\n"), sniff("0x6996")
    ('pla', 'csv', 'expr', 'hex')
    >>> sniff("a b f\\n0 1 1\\n"), sniff(".model m\\n"), sniff("aag 1 1 0 1 0\\n2\\n2\\n")
    ('table', 'blif', 'aiger')
    """
    from .aiger import looks_like_aiger
    from .blif import looks_like_blif
    from .table_text import looks_like_table
    from .verilog import looks_like_verilog
    if looks_like_aiger(text[:200].encode("utf-8", errors="replace")):
        return "aiger"
    if looks_like_blif(text):
        return "blif"
    if looks_like_verilog(text):
        return "verilog"
    if looks_like_table(text[:20000].split("\n")[:50]):
        return "table"
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(".") or _CUBE_ROW.match(line):
            return "pla"
        if line.lower().startswith("0x"):
            return "hex"
        if "," in line and "(" not in line and "=" not in line:
            return "csv"
        return "expr"
    return "expr"


def read(source: Source, format: str | None = None, **options) -> BooleanFunction | CubeFunction:
    """Read a function from a path, '-' (stdin) or an open file; format by extension, else sniffed.

    A PLA gives a CubeFunction (cube level, any number of inputs); the other formats
    a BooleanFunction. ``options`` go to the parser (csv: ``outputs``, ``missing``,
    ``delimiter``; pla: ``strict``).
    """
    name = format_for(source, format)
    data, display = read_bytes(source)
    sniffed = name is None
    if sniffed:
        from .aiger import looks_like_aiger
        # A binary AIG holds bytes that are no text: look at its header before decoding.
        name = "aiger" if looks_like_aiger(data) else sniff(decode(data, display))
    fmt = FORMATS[name]
    extra = sorted(set(options) - set(fmt.options))
    if extra:
        raise BoolnetError(f"option {', '.join(extra)} does not apply to {name} files")
    try:
        return fmt.parse(data, display, **options)
    except ParseError as exc:
        if not sniffed or name not in SHAPES:
            raise
        hint = (f" [read as {name}, guessed from the content; say the format with an "
                f"extension or --input-format; the formats look like: "
                + "; ".join(f"{k} {v}" for k, v in SHAPES.items() if k != name) + "]")
        raise ParseError(exc.reason + hint, exc.source, exc.line, exc.column) from None


def write(obj, path: Target, format: str | None = None) -> None:
    """Write a BooleanFunction, CubeFunction or Cover to a path ('-' = stdout) or open file; format by extension."""
    name = format_for(path, format)
    if name is None:
        shown = getattr(path, "name", path)
        raise BoolnetError(f"cannot tell the format of {shown!s}: use the extension .pla, "
                           f".csv, .tbl, .expr or .hex, or give the format")
    write_text(FORMATS[name].format(obj), path)


def as_function(obj, limit: int | None = None) -> BooleanFunction:
    """A BooleanFunction from a BooleanFunction, CubeFunction, Cover, expression text or sympy expression.

    >>> as_function("a & ~b").minterms().tolist()
    [2]
    """
    if isinstance(obj, BooleanFunction):
        return obj
    if isinstance(obj, (CubeFunction, Cover)):
        return obj.to_function(limit=limit)
    if isinstance(obj, str):
        from .expr import parse_expr_file
        return parse_expr_file(obj)
    try:
        import sympy
    except ImportError:  # pragma: no cover - sympy is a dependency
        sympy = None
    if sympy is not None and isinstance(obj, sympy.Basic):
        return BooleanFunction.from_expr(obj)
    raise BoolnetError(f"cannot make a Boolean function from a {type(obj).__name__}")
