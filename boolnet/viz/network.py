"""Network drawings: a layered diagram of units and weights, or layer boxes for big networks.

Columns are layers (inputs left, outputs right), as in a multipartite layout. Units show
their threshold (a step unit labelled ≥θ fires when its weighted input sum reaches θ),
edges their weight, blue for positive and red for negative, thicker for larger. Skip
connections curve over the columns they jump. Past ``MAX_UNITS`` units or ``MAX_EDGES``
edges a diagram of every edge is unreadable, so each layer becomes one box with counts.
Past ``MAX_LAYERS`` layers (or ``MAX_ARROWS`` source arrows) even the boxes are a picture
hundreds of inches wide, and past ``MAX_FULL_UNITS``/``MAX_FULL_EDGES`` a forced full
drawing takes minutes: both are refused up front, pointing to the DOT export instead.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import TooLargeError
from ..export.dot import EDGE_COLOURS
from ..export.graph import format_number, network_graph
from .plotting import pyplot, save_figure

__all__ = ["draw_network", "layout", "MAX_UNITS", "MAX_EDGES", "MAX_LABELS", "MAX_LAYERS",
           "MAX_ARROWS", "MAX_FULL_UNITS", "MAX_FULL_EDGES"]

MAX_UNITS = 40
MAX_EDGES = 300
MAX_LAYERS = 100  # a summary box is 1.5 inches wide: 100 layers make a 150-inch picture
MAX_ARROWS = 1000  # summary arrows (one per layer source); skip arcs stack one above another
MAX_FULL_UNITS = 1000  # a forced full drawing: one patch per unit and edge
MAX_FULL_EDGES = 10000
MAX_LABELS = 60  # more weight labels than this overlap; colour and width still show them
_DX = 2.4  # column spacing, in units of the vertical node spacing
_GREY = "#eeeeee"
_INCH = 0.62  # inches per layout unit (the vertical distance between two units)


def layout(g, dx: float | None = None) -> dict[str, tuple[float, float]]:
    """Node positions: one column per layer, nodes centred top to bottom in order (-> dict).

    Columns are ``dx`` apart (default: wider for tall columns, so edges do not run steep).

    >>> import networkx as nx
    >>> g = nx.DiGraph(); g.add_node("a", column=0); g.add_node("b", column=0); g.add_node("c", column=1)
    >>> layout(g)
    {'a': (0.0, 0.5), 'b': (0.0, -0.5), 'c': (2.4, 0.0)}
    """
    columns: dict[int, list[str]] = {}
    for node, col in g.nodes(data="column"):
        columns.setdefault(col, []).append(node)
    if dx is None:
        dx = max(_DX, 0.3 * max((len(v) for v in columns.values()), default=1))
    pos = {}
    for col, nodes in columns.items():
        for i, node in enumerate(nodes):
            pos[node] = (col * dx, (len(nodes) - 1) / 2 - i)
    return pos


def _curve(p0, p2, rad: float):
    """Control point of matplotlib's arc3 curve between p0 and p2 (equal-aspect axes)."""
    (x1, y1), (x2, y2) = p0, p2
    return ((x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1))


def _bezier(p0, c, p2, t: float):
    return tuple((1 - t) ** 2 * a + 2 * (1 - t) * t * b + t ** 2 * d for a, b, d in zip(p0, c, p2))


def _edge_end(p, q, r: float):
    """The point at distance r from p toward q (where an edge meets a node's rim)."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    d = math.hypot(dx, dy) or 1.0
    return (p[0] + r * dx / d, p[1] + r * dy / d)


def _draw_full(g, ax, integer: bool, labels: bool) -> tuple[float, float, float, float]:
    from matplotlib.patches import Circle, FancyArrowPatch

    pos = layout(g)
    r = 0.3 if integer else 0.4
    weights = [abs(w) for _, _, w in g.edges(data="weight") if w is not None]
    biggest = max(weights, default=1) or 1
    thick = 1.7 if len(weights) <= 30 else 0.9  # a dense picture needs thinner lines
    placed: list[tuple[float, float]] = []
    for u, v, d in g.edges(data=True):
        p, q = pos[u], pos[v]
        w = d["weight"]
        colour = EDGE_COLOURS["plain" if w is None else "positive" if w > 0 else "negative"]
        # Skip edges bow around the columns they jump, out toward the nearer edge of the
        # picture (down from the lower half, up from the upper); neighbours get straight lines.
        rad = 0.0
        if d["skip"]:
            rad = 0.3 if p[1] + q[1] < 0 else -0.3
        c = _curve(p, q, rad)
        a, b = _edge_end(p, c, r), _edge_end(q, c, r)
        width = 0.8 if w is None else 0.5 + thick * abs(w) / biggest
        ax.add_patch(FancyArrowPatch(a, b, connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                                     mutation_scale=9, lw=width, color=colour, alpha=0.85,
                                     zorder=1))
        if w is None or not labels:
            if d["skip"]:  # widen the picture to the apex of the bow
                placed.append(_bezier(a, _curve(a, b, rad), b, 0.5))
            continue
        # Put the weight where it lands farthest from the labels already placed.
        best, best_gap = None, -1.0
        for t in (0.72, 0.58, 0.3, 0.45, 0.84, 0.2):
            spot = _bezier(a, _curve(a, b, rad), b, t)
            gap = min((math.hypot((spot[0] - s[0]) / 1.4, spot[1] - s[1]) for s in placed),
                      default=math.inf)
            if gap > best_gap:
                best, best_gap = spot, gap
            if gap > 0.45:
                break
        placed.append(best)
        if d["skip"]:  # widen the picture to the apex of the bow
            placed.append(_bezier(a, _curve(a, b, rad), b, 0.5))
        ax.text(best[0], best[1], format_number(w), color=colour, fontsize=7.5, ha="center",
                va="center", zorder=3,
                bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.9))
    for node, d in g.nodes(data=True):
        x, y = pos[node]
        if d["kind"] == "unit":
            ax.add_patch(Circle((x, y), r, fc="white", ec="#333333", lw=1.2, zorder=4))
            ax.text(x, y, d["label"], ha="center", va="center", zorder=5,
                    fontsize=9 if integer else 6.5, linespacing=0.95)
        else:
            ax.add_patch(Circle((x, y), r * 0.6, fc=_GREY, ec="#777777", lw=1, zorder=4))
            left = d["kind"] == "input"
            # (parse_math off: a name such as "$x^$" is text, not a broken TeX formula)
            ax.text(x + (-1 if left else 1) * r * 0.85, y, d["label"], zorder=5, fontsize=10,
                    parse_math=False,
                    ha="right" if left else "left", va="center")
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()] + [y for _, y in placed]
    return min(xs) - 1.3, max(xs) + 1.3, min(ys) - 0.8, max(ys) + 0.8


def _draw_summary(net, ax, names) -> tuple[float, float, float, float]:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    in_names, out_names = names
    boxes = [f"{net.n_inputs} inputs\n" + _short(in_names)]
    for k, layer in enumerate(net.layers, 1):
        boxes.append(f"layer {k}\n{layer.n_out} {layer.activation}\nunit{'s' * (layer.n_out != 1)}")
    boxes.append(f"{net.n_outputs} output{'s' * (net.n_outputs != 1)}\n" + _short(out_names))
    w, h = 1.5, 1.1
    for col, text in enumerate(boxes):
        edge = col in (0, len(boxes) - 1)
        ax.add_patch(FancyBboxPatch((col * _DX - w / 2, -h / 2), w, h, zorder=3,
                                    boxstyle="round,pad=0.05", fc=_GREY if edge else "white",
                                    ec="#333333", lw=1.2))
        ax.text(col * _DX, 0, text, ha="center", va="center", fontsize=8, zorder=4,
                parse_math=False)
    arrows = []  # (span, source column, target column, weight count)
    widths = net.widths
    for k, layer in enumerate(net.layers, 1):
        off = 0
        for s in layer.sources:
            width = widths[s]
            arrows.append((k - s, s, k, int(np.count_nonzero(layer.W[:, off:off + width]))))
            off += width
    last = len(boxes) - 1
    arrows.append((1, last - 1, last, None))
    top, level = h / 2, 0
    for span, s, k, count in sorted(arrows):
        if span == 1:  # a straight arrow between neighbouring boxes, its count above it
            a, b, rad = (s * _DX + w / 2 + 0.05, 0.0), (k * _DX - w / 2 - 0.05, 0.0), 0.0
            spot = ((a[0] + b[0]) / 2, 0.1)
        else:  # a skip: an arc over the boxes, each one higher than the last
            a, b = (s * _DX + 0.25, h / 2 + 0.05), (k * _DX - 0.25, h / 2 + 0.05)
            rise = 0.7 + 0.45 * level
            level += 1
            rad = -2 * rise / (b[0] - a[0])  # arc3's apex sits rad * length / 2 off the chord
            spot = _bezier(a, _curve(a, b, rad), b, 0.5)
            top = max(top, spot[1] + 0.35)
        ax.add_patch(FancyArrowPatch(a, b, connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                                     mutation_scale=12, lw=1.4, color="#555555", zorder=2))
        if count is not None:
            ax.text(spot[0], spot[1], f"{count}\nweight{'s' * (count != 1)}", ha="center",
                    va="bottom", fontsize=7, color="#333333", linespacing=0.9, zorder=4,
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
    return -w / 2 - 0.2, last * _DX + w / 2 + 0.2, -h / 2 - 0.2, top + 0.5


def _footnote(net, labels: bool) -> str:
    """The legend under a full drawing: how to read thresholds, signs and widths."""
    parts = []
    if net.is_threshold:
        sign = any(layer.activation == "sign" for layer in net.layers)
        parts.append("a unit labelled ≥θ outputs 1 when the weighted sum of its inputs is at "
                     "least θ, else " + ("0 (a ± unit: +1, else −1)" if sign else "0"))
    if net.encoding == "pm1":
        parts.append("inputs are +1 (true) or −1 (false)")
    parts.append("blue: positive weight, red: negative; thicker: larger"
                 + ("" if labels else f" ({sum(int(np.count_nonzero(l.W)) for l in net.layers)} "
                                      f"weights, too many to label)"))
    return "\n".join(parts)


def _short(names, limit: int = 3) -> str:
    names = list(names)
    return ", ".join(names) if len(names) <= limit else f"{names[0]} … {names[-1]}"


def _check_size(net, summary: bool, units: int, edges: int) -> None:
    """Refuse a drawing too large to be useful or to finish, before matplotlib starts."""
    hint = "; export it as DOT (boolnet export NET -o net.dot) for Graphviz instead"
    if summary:
        arrows = sum(len(layer.sources) for layer in net.layers)
        if len(net.layers) > MAX_LAYERS or arrows > MAX_ARROWS:
            raise TooLargeError(f"a drawing of {len(net.layers)} layers with {arrows} source "
                                f"arrows is too large (limits {MAX_LAYERS} layers, {MAX_ARROWS} "
                                f"arrows){hint}")
    elif units > MAX_FULL_UNITS or edges > MAX_FULL_EDGES:
        raise TooLargeError(f"a full drawing of {units} units and {edges} edges is too large "
                            f"(limits {MAX_FULL_UNITS} units, {MAX_FULL_EDGES} edges); use the "
                            f"summary drawing{hint}")


def draw_network(net, path, names=None, summary: bool | None = None, title: str | None = None,
                 fmt: str | None = None) -> str:
    """Draw ``net`` to a PNG, SVG or PDF file; ``summary`` None decides by size (-> the path)."""
    from ..export.names import resolve_names

    # Sizes from the weights, before any graph is built (10^5 inputs make a slow graph).
    units = sum(layer.n_out for layer in net.layers)
    edges = sum(int(np.count_nonzero(layer.W)) for layer in net.layers) + net.n_outputs
    if summary is None:
        summary = units > MAX_UNITS or edges > MAX_EDGES
    _check_size(net, summary, units, edges)
    plt = pyplot()
    fig, ax = plt.subplots()
    if summary:
        box = _draw_summary(net, ax, resolve_names(net, names))
    else:
        g = network_graph(net, names)
        labels = edges <= MAX_LABELS
        box = _draw_full(g, ax, net.is_integer, labels)
        ax.text(0.5, 0.0, _footnote(net, labels), transform=ax.transAxes, ha="center", va="top",
                fontsize=7.5, color="#555555")
    # One scale for every picture: the figure is as large as the drawing, so text keeps its
    # size against the nodes (arc3 curves also need the equal aspect set here).
    x0, x1, y0, y1 = box
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    fig.set_size_inches(max(3.0, (x1 - x0) * _INCH), max(1.5, (y1 - y0) * _INCH))
    ax.set_position([0, 0, 1, 1])
    ax.axis("off")
    ax.set_title(title if title is not None else repr(net), fontsize=10, parse_math=False)
    return save_figure(fig, path, fmt)
