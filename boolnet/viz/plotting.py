"""Shared matplotlib helpers: a lazy import with an install hint, atomic figure saving, cost curves.

matplotlib is an optional extra, so nothing here imports it until a picture is asked for.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Iterable, Mapping, Sequence

from ..errors import BoolnetError
from ..io.atomic import atomic_write

__all__ = ["pyplot", "save_figure", "figure_format", "cost_plot", "raster_dpi", "FIGURE_FORMATS",
           "MAX_PIXELS", "MAX_SIDE"]

#: Picture formats by file extension.
FIGURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

#: A PNG has at most this many pixels and this many on a side: the full drawing of 8-input
#: wide parity asked for 10,985 x 12,056 (132 megapixels; viewers refuse such files). The
#: resolution drops to fit, and the note says that .svg keeps every detail.
MAX_PIXELS = 25_000_000
MAX_SIDE = 10_000


def pyplot():
    """matplotlib.pyplot on the non-interactive Agg backend; BoolnetError with the install hint if absent."""
    try:
        import matplotlib
    except ImportError:
        raise BoolnetError("matplotlib is needed: pip install 'boolnet[plot]'") from None
    if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")  # pictures go to files: no display, no GUI toolkit needed
    import matplotlib.pyplot as plt
    return plt


def figure_format(path, fmt: str | None = None) -> str:
    """The picture format for ``path``: ``fmt`` if given, else from the extension (-> str).

    >>> figure_format("net.svg"), figure_format("out", "png")
    ('svg', 'png')
    """
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if "." + fmt not in FIGURE_FORMATS:
            raise BoolnetError(f"unknown picture format {fmt!r}; expected png, svg or pdf")
        return fmt
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in FIGURE_FORMATS:
        raise BoolnetError(f"{path}: cannot tell the picture format from the extension "
                           f"{ext or '(none)'}; use .png, .svg or .pdf")
    return FIGURE_FORMATS[ext]


def raster_dpi(width_in: float, height_in: float, dpi: float) -> float:
    """The dpi that keeps a width x height inch picture within MAX_PIXELS and MAX_SIDE (at most ``dpi``).

    >>> raster_dpi(4, 3, 150), raster_dpi(100, 100, 150)
    (150, 50.0)
    """
    area = max(width_in * height_in, 1e-9)
    fit = min((MAX_PIXELS / area) ** 0.5, MAX_SIDE / max(width_in, height_in, 1e-9))
    return dpi if fit >= dpi else float(int(fit))


def save_figure(fig, path, fmt: str | None = None, dpi: int = 150) -> str:
    """Save ``fig`` to ``path`` whole or not at all, then close it (-> the path as str).

    A PNG is held to :data:`MAX_PIXELS` and :data:`MAX_SIDE` by lowering its dpi (with a
    note on stderr); SVG and PDF are vector pictures and keep their size.
    """
    fmt = figure_format(path, fmt)
    path = os.fspath(path)
    if fmt == "png":
        # The saved area is the tight box around everything drawn, which long text can widen.
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        fitted = raster_dpi(box.width + 0.2, box.height + 0.2, dpi)
        if fitted < dpi:
            print(f"boolnet: note: {path} drawn at {fitted:g} dpi instead of {dpi} to stay within "
                  f"{MAX_PIXELS // 1_000_000} megapixels; .svg keeps every detail",
                  file=sys.stderr)
            dpi = fitted
    try:
        with atomic_write(path, "wb") as fh:
            fig.savefig(fh, format=fmt, dpi=dpi, bbox_inches="tight",
                        metadata={"Date": None} if fmt == "svg" else None)  # reproducible SVG
    finally:
        pyplot().close(fig)
    return path


def _columns(table: Any) -> dict[str, list]:
    """A table as columns: from a list of row dicts or a dict of columns."""
    if isinstance(table, Mapping):
        cols = {str(k): list(v) for k, v in table.items()}
        lengths = {len(v) for v in cols.values()}
        if len(lengths) > 1:
            raise BoolnetError("cost table columns differ in length")
        return cols
    rows = list(table)
    keys: list[str] = []
    for row in rows:
        if not isinstance(row, Mapping):
            raise BoolnetError("a cost table is a list of row dicts or a dict of columns")
        keys += [k for k in row if k not in keys]
    return {k: [row.get(k) for row in rows] for k in keys}


def _numeric(values: Iterable) -> bool:
    return all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
               for v in values)


def cost_plot(table, path, x: str = "n", y: Sequence[str] | None = None, by: str | None = None,
              title: str | None = None, logy: bool = True, fmt: str | None = None) -> str:
    """Cost curves, one panel per ``y`` column against ``x``, one line per ``by`` group (-> path).

    ``table`` is a list of row dicts (``[{"n": 2, "arch": "wide", "neurons": 3}, ...]``) or a
    dict of equal-length columns. ``y`` defaults to every numeric column except ``x``;
    ``by`` (e.g. "arch") splits rows into series. The y axis is log-scaled (base 2) unless
    ``logy`` is False; non-positive values are left out of a log plot.
    """
    cols = _columns(table)
    if x not in cols:
        raise BoolnetError(f"the cost table has no column {x!r}; it has {', '.join(cols)}")
    if by is not None and by not in cols:
        raise BoolnetError(f"the cost table has no column {by!r}; it has {', '.join(cols)}")
    if y is None:
        y = [k for k in cols if k not in (x, by) and _numeric(cols[k])
             and any(v is not None for v in cols[k])]
    else:
        y = [y] if isinstance(y, str) else list(y)
    missing = [k for k in y if k not in cols]
    if missing or not y:
        raise BoolnetError(f"nothing to plot: columns {', '.join(missing) or '(none numeric)'}")
    plt = pyplot()
    groups = list(dict.fromkeys(cols[by])) if by else [None]
    fig, axes = plt.subplots(1, len(y), figsize=(4.2 * len(y), 3.4), squeeze=False)
    for ax, metric in zip(axes[0], y):
        for grp in groups:
            pts = sorted((xv, yv) for xv, yv, gv in zip(cols[x], cols[metric],
                                                      cols[by] if by else [None] * len(cols[x]))
                         if gv == grp and xv is not None and yv is not None
                         and (not logy or yv > 0))
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", markersize=3,
                        label=None if grp is None else str(grp))
        if logy:
            ax.set_yscale("log", base=2)
        ax.set_xlabel(x)
        ax.set_title(metric)
        ax.grid(True, which="major", alpha=0.3)
        if by and ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return save_figure(fig, path, fmt)
