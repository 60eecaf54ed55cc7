"""Karnaugh maps for up to 6 inputs: Gray-coded text maps and PNG/SVG pictures with the cover's groups outlined.

Rows and columns follow the Gray code 00, 01, 11, 10. The first inputs label the rows,
the last the columns; a 5-input map is two 4-input sub-maps (x1 = 0 | 1) side by side,
a 6-input map four (x1 x2 = 00, 01, 11, 10) in a 2 x 2 grid of sub-maps. Each product
term of the cover is a group: a letter (and colour) marks its cells in the text map and
an outline in the picture; a group that wraps around an edge is drawn as open rectangles
running off that edge.

>>> from boolnet import BooleanFunction
>>> f = BooleanFunction.from_minterms(3, [0, 2, 4, 6, 7])
>>> print(kmap_text(f, color=False))
f(x1,x2,x3)
         x2 x3
         00  01  11  10
x1  0 |   1   0   0   1
    1 |   1   0   1   1
"""
from __future__ import annotations

import sys

import numpy as np

from ..cover import Cover
from ..errors import BoolnetError
from ..function import BooleanFunction

__all__ = ["kmap_text", "kmap_figure", "save_kmap", "kmap_layout", "gray"]

_ANSI = ["31", "32", "34", "35", "36", "33", "91", "92", "94", "95", "96", "93"]
_COLORS = ["#d62728", "#2ca02c", "#1f77b4", "#9467bd", "#17becf", "#ff7f0e", "#8c564b",
           "#e377c2", "#bcbd22", "#7f7f7f", "#393b79", "#637939"]


def gray(bits: int) -> list[int]:
    """The Gray code sequence of ``bits`` bits: 0, 1, 3, 2 for two.

    >>> gray(2)
    [0, 1, 3, 2]
    """
    return [i ^ (i >> 1) for i in range(1 << bits)]


def kmap_layout(n: int) -> dict:
    """How an n-input map is laid out: sub-map inputs, row inputs, column inputs (input indices)."""
    if not 1 <= n <= 6:
        raise BoolnetError(f"Karnaugh maps are drawn for 1 to 6 inputs, not {n}")
    sub = {5: 1, 6: 2}.get(n, 0)
    rest = n - sub
    rows = rest // 2
    return {"sub": list(range(sub)), "rows": list(range(sub, sub + rows)),
            "cols": list(range(sub + rows, n))}


def _as_function(f) -> BooleanFunction:
    from ..cover import CubeFunction
    if isinstance(f, CubeFunction):
        return f.to_function()
    if isinstance(f, Cover):
        return f.to_function()
    if not isinstance(f, BooleanFunction):
        raise BoolnetError(f"a Karnaugh map needs a BooleanFunction, not {type(f).__name__}")
    return f


def _grid(n: int):
    """Cell placement: for each row number, its (sub-map, row, column) in Gray order."""
    lay = kmap_layout(n)
    sb, rb, cb = len(lay["sub"]), len(lay["rows"]), len(lay["cols"])
    pos = {}
    for si, s in enumerate(gray(sb)):
        for ri, r in enumerate(gray(rb)):
            for ci, c in enumerate(gray(cb)):
                row = (s << (rb + cb)) | (r << cb) | c
                pos[row] = (si, ri, ci)
    return lay, pos, (1 << sb, 1 << rb, 1 << cb)


def _bits_label(names, idx) -> str:
    return " ".join(names[i] for i in idx)


def _cell_value(f: BooleanFunction, j: int):
    t = f.to_array()[:, j]
    return t


def _groups(f: BooleanFunction, cover: Cover | None, j: int):
    """The cover's cubes feeding output j, as boolean row masks."""
    if cover is None or len(cover) == 0:
        return []
    sel = cover.output(j)
    if len(sel) == 0:
        return []
    return list(sel.cube_rows())


def kmap_text(f, cover: Cover | None = None, color: bool | None = None, output: int | None = None) -> str:
    """The Karnaugh map(s) as text, one per output; each group of ``cover`` marked by a letter (colour on a tty).

    ``color=None`` colours when stdout is a terminal. Cells show 1, 0 or '-' (don't-care);
    with a cover, a cell in groups shows the letters of its groups instead of the 1.
    """
    f = _as_function(f)
    if color is None:
        color = sys.stdout.isatty()
    outs = range(f.m) if output is None else [output]
    return "\n\n".join(_one_text(f, cover, j, color) for j in outs)


def _one_text(f: BooleanFunction, cover, j: int, color: bool) -> str:
    lay, pos, (ns, nr, nc) = _grid(f.n)
    vals = _cell_value(f, j)
    groups = _groups(f, cover, j)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    names = f.input_names
    rb, cb = len(lay["rows"]), len(lay["cols"])
    overlap = int(np.sum(groups, axis=0).max()) if groups else 1
    width = max(3, overlap) + 1

    def cell(row: int) -> str:
        v = vals[row]
        base = "-" if v < 0 else str(int(v))
        hit = [k for k, g in enumerate(groups) if g[row]]
        if hit and v != 0:
            text = "".join(letters[k % len(letters)] for k in hit)
            if color:
                code = _ANSI[hit[0] % len(_ANSI)]
                return " " * (width - len(text)) + f"\x1b[{code};1m{text}\x1b[0m"
            return text.rjust(width)
        return base.rjust(width)

    lines = [f"{f.output_names[j]}({','.join(names)})"]
    rlab = _bits_label(names, lay["rows"]) or ""
    clab = _bits_label(names, lay["cols"])
    left = len(rlab) + 2 + max(rb, 1)  # row label, two spaces, row code
    for si, s in enumerate(gray(len(lay["sub"]))):
        if lay["sub"]:
            sub_bits = format(s, f"0{len(lay['sub'])}b")
            lines.append(f"{_bits_label(names, lay['sub'])} = {sub_bits}")
        lines.append(" " * (left + 2) + " " * (width - cb) + clab)
        lines.append(" " * (left + 2) + "".join(format(c, f"0{cb}b").rjust(width)
                                                for c in gray(cb)))
        for ri, r in enumerate(gray(rb)):
            rbits = format(r, f"0{rb}b") if rb else ""
            head = (rlab if ri == 0 else "").ljust(len(rlab)) + "  " + rbits.rjust(max(rb, 1))
            rowcells = []
            for ci, c in enumerate(gray(cb)):
                row = (s << (rb + cb)) | (r << cb) | c
                rowcells.append(cell(row))
            lines.append(head.ljust(left) + " |" + "".join(rowcells))
        if si + 1 < ns:
            lines.append("")
    if groups:
        lines.append("")
        for k, cube in enumerate(np.flatnonzero(cover.outputs[:, j])):
            term = cover.select([cube]).to_expr(j)  # the cube may not feed output 0
            tag = letters[k % len(letters)]
            if color:
                tag = f"\x1b[{_ANSI[k % len(_ANSI)]};1m{tag}\x1b[0m"
            lines.append(f"  {tag}: {term}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- pictures
def _runs(idx: list[int], size: int) -> list[tuple[int, int, bool, bool]]:
    """Maximal runs of Gray positions (start, length, open_left, open_right), with wrap-around split."""
    s = sorted(set(idx))
    if len(s) == size:
        return [(0, size, False, False)]
    runs = []
    start = prev = s[0]
    for x in s[1:]:
        if x == prev + 1:
            prev = x
            continue
        runs.append((start, prev - start + 1))
        start = prev = x
    runs.append((start, prev - start + 1))
    if len(runs) == 2 and runs[0][0] == 0 and runs[-1][0] + runs[-1][1] == size:
        # Wraps around the edge: two open rectangles, each running off its edge.
        return [(runs[1][0], runs[1][1], False, True), (0, runs[0][1], True, False)]
    return [(a, b, False, False) for a, b in runs]


def kmap_figure(f, cover: Cover | None = None, output: int = 0):
    """A matplotlib Figure of one output's Karnaugh map with the cover's groups outlined."""
    from .plotting import pyplot
    plt = pyplot()  # BoolnetError with the install hint when matplotlib is missing
    from matplotlib.patches import FancyBboxPatch
    f = _as_function(f)
    lay, pos, (ns, nr, nc) = _grid(f.n)
    vals = _cell_value(f, output)
    groups = _groups(f, cover, output)
    gr, gc = (2, 2) if ns == 4 else (1, ns)
    gap = 1.2
    fig_w = gc * (nc + gap) + 1.5
    fig_h = gr * (nr + gap) + 1.2
    fig, ax = plt.subplots(figsize=(max(4.0, 0.8 * fig_w), max(3.0, 0.8 * fig_h)))
    names = f.input_names
    rb, cb = len(lay["rows"]), len(lay["cols"])
    origin = {}
    for si in range(ns):
        oy, ox = divmod(si, gc)
        x0 = ox * (nc + gap) + 1.2
        y0 = oy * (nr + gap) + 1.0
        origin[si] = (x0, y0)
        for ri in range(nr):
            for ci in range(nc):
                ax.add_patch(plt.Rectangle((x0 + ci, y0 + ri), 1, 1, fill=False, lw=0.8,
                                           ec="#444444"))
        for ci, c in enumerate(gray(cb)):
            ax.text(x0 + ci + 0.5, y0 - 0.25, format(c, f"0{cb}b") if cb else "",
                    ha="center", va="bottom", fontsize=9, family="monospace")
        for ri, r in enumerate(gray(rb)):
            ax.text(x0 - 0.15, y0 + ri + 0.5, format(r, f"0{rb}b") if rb else "",
                    ha="right", va="center", fontsize=9, family="monospace")
        corner = f"{_bits_label(names, lay['rows'])} \\ {_bits_label(names, lay['cols'])}"
        ax.text(x0 - 0.15, y0 - 0.25, corner, ha="right", va="bottom", fontsize=8,
                color="#555555")
        if lay["sub"]:
            sbits = format(gray(len(lay["sub"]))[si], f"0{len(lay['sub'])}b")
            ax.text(x0 + nc / 2, y0 + nr + 0.35, f"{_bits_label(names, lay['sub'])} = {sbits}",
                    ha="center", va="top", fontsize=9)
    for row, (si, ri, ci) in pos.items():
        x0, y0 = origin[si]
        v = vals[row]
        ax.text(x0 + ci + 0.5, y0 + ri + 0.5, "-" if v < 0 else str(int(v)), ha="center",
                va="center", fontsize=12, color="#000000" if v == 1 else "#999999")
    for k, g in enumerate(groups):
        colr = _COLORS[k % len(_COLORS)]
        inset = 0.08 + 0.04 * (k % 4)
        for si in range(ns):
            cells = [(ri, ci) for row, (s2, ri, ci) in pos.items() if s2 == si and g[row]]
            if not cells:
                continue
            x0, y0 = origin[si]
            rows_ = _runs([c[0] for c in cells], nr)
            cols_ = _runs([c[1] for c in cells], nc)
            for (r0, rl, ropen_lo, ropen_hi) in rows_:
                for (c0, cl, copen_lo, copen_hi) in cols_:
                    x, y = x0 + c0 + inset, y0 + r0 + inset
                    wdt, hgt = cl - 2 * inset, rl - 2 * inset
                    # Open sides run a little past the map edge to show the wrap.
                    if copen_lo:
                        x -= inset + 0.25
                        wdt += inset + 0.25
                    if copen_hi:
                        wdt += inset + 0.25
                    if ropen_lo:
                        y -= inset + 0.25
                        hgt += inset + 0.25
                    if ropen_hi:
                        hgt += inset + 0.25
                    box = FancyBboxPatch((x, y), wdt, hgt,
                                         boxstyle="round,pad=0,rounding_size=0.25",
                                         fill=False, lw=2.2, ec=colr, alpha=0.9)
                    ax.add_patch(box)
                    # Clip at the map's edge, so a wrapping group shows as open ends.
                    edge = plt.Rectangle((x0 - 0.1, y0 - 0.1), nc + 0.2, nr + 0.2,
                                         transform=ax.transData, visible=False)
                    ax.add_patch(edge)
                    box.set_clip_path(edge)
    ax.set_xlim(0, fig_w)
    ax.set_ylim(fig_h, 0)
    ax.set_aspect("equal")
    ax.axis("off")
    title = f"{f.output_names[output]}({', '.join(names)})"
    if cover is not None:
        title = _title_or_legend(fig, ax, title, cover, output, 0.8 * fig_w)
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


#: Title lines an expression may take before its terms move to a legend under the map.
TITLE_LINES = 3


def _title_or_legend(fig, ax, title: str, cover: Cover, output: int, width_in: float) -> str:
    """The title with the cover's expression: on one line, wrapped at '|' onto a few, or, when
    longer, a title that counts the terms and a legend of them under the map, each in the
    colour of its group (a 6-input parity title was 9,806 pixels wide)."""
    cubes = np.flatnonzero(cover.outputs[:, output])
    terms = [cover.select([c]).to_expr(output) for c in cubes]
    if not terms:
        return title + "  =  0"
    if "1" in terms:
        return title + "  =  1"
    per_line = max(20, int(width_in * 72 / (10 * 0.6)))  # 10 pt text is about 6 pt a character
    lines, line = [], title + "  =  " + terms[0]
    for term in terms[1:]:
        if len(line) + 3 + len(term) > per_line:
            lines.append(line + " |")
            line = "    " + term
        else:
            line += " | " + term
    lines.append(line)
    if len(lines) <= TITLE_LINES and max(len(s) for s in lines) <= per_line + 8:
        return "\n".join(lines)
    from matplotlib.lines import Line2D
    handles = [Line2D([0], [0], color=_COLORS[k % len(_COLORS)], lw=2.2) for k in range(len(terms))]
    longest = max(len(t) for t in terms)
    ncol = max(1, int(width_in * 72 // (8 * 0.6 * longest + 28)))
    ax.legend(handles, terms, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
              fontsize=8, frameon=False, handlelength=1.6, columnspacing=1.2)
    rows = -(-len(terms) // ncol)
    w, h = fig.get_size_inches()
    fig.set_size_inches(w, h + rows * 8 * 1.45 / 72 + 0.2)  # room for the legend's rows
    return f"{title}  =  the {len(terms)} terms below"


def save_kmap(f, path, cover: Cover | None = None, output: int = 0) -> None:
    """Write one output's Karnaugh map as PNG, SVG or PDF (from the extension), atomically."""
    from .plotting import figure_format, save_figure
    figure_format(path)  # a bad extension fails before any drawing
    save_figure(kmap_figure(f, cover, output), path, dpi=120)
