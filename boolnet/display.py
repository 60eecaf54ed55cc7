"""Rich display in Jupyter: HTML for functions, covers and reports, SVG for networks.

IPython shows an object through its ``_repr_html_`` / ``_repr_svg_`` method; the classes
define one-line methods that call these functions. They read the objects through their
public attributes only, so this module sits at the bottom of the package (it imports
nothing of boolnet) and every class may use it. Output is self-contained: no scripts, no
external styles, no network access; sizes are capped so that a 20-input function shows a
summary, not a million table rows.

>>> from boolnet import BooleanFunction
>>> "<table" in function_html(BooleanFunction.from_expr("a ^ b"))
True
"""
from __future__ import annotations

import dataclasses
import html
import math
from typing import Any

import numpy as np

__all__ = ["function_html", "cover_html", "report_html", "network_svg", "MAX_TABLE_ROWS",
           "MAX_KMAP_INPUTS", "MAX_SVG_UNITS"]

#: Truth tables longer than this show only a summary (64 rows is a 6-input table).
MAX_TABLE_ROWS = 64
#: Karnaugh maps are drawn for 2 to this many inputs (a 4x4 map per output).
MAX_KMAP_INPUTS = 4
#: Networks with more units than this are drawn as one box per layer.
MAX_SVG_UNITS = 120

_STYLE = ("border-collapse:collapse;font-family:monospace;font-size:12px;"
          "margin:4px 12px 4px 0;display:inline-table;vertical-align:top")
_CELL = "border:1px solid #bbb;padding:1px 6px;text-align:center"
_HEAD = _CELL + ";background:#eee"
_ON, _DC = "background:#cfe8cf", "background:#f3f3f3;color:#888"


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _gray(bits: int) -> list[int]:
    return [i ^ (i >> 1) for i in range(1 << bits)]


def _cell(value: int) -> str:
    if value < 0:
        return f'<td style="{_CELL};{_DC}">-</td>'
    return f'<td style="{_CELL};{_ON if value else ""}">{value}</td>'


def _kmap(table: np.ndarray, names: tuple[str, ...], n: int, out_name: str) -> str:
    """One output's Karnaugh map; rows take the first inputs, columns the rest, Gray order."""
    rbits = n // 2
    cbits = n - rbits
    rows, cols = _gray(rbits), _gray(cbits)
    head = (f'<tr><th style="{_HEAD}">{_e("".join(names[:rbits]))}\\'
            f'{_e("".join(names[rbits:]))}</th>'
            + "".join(f'<th style="{_HEAD}">{c:0{cbits}b}</th>' for c in cols) + "</tr>")
    body = []
    for r in rows:
        cells = "".join(_cell(int(table[(r << cbits) | c])) for c in cols)
        label = f"{r:0{rbits}b}" if rbits else ""
        body.append(f'<tr><th style="{_HEAD}">{label}</th>{cells}</tr>')
    return (f'<table style="{_STYLE}"><caption>K-map of {_e(out_name)}</caption>'
            f'{head}{"".join(body)}</table>')


def function_html(f) -> str:
    """HTML for a BooleanFunction: a summary line, K-maps (2-4 inputs), the truth table (up to 64 rows)."""
    n, m = f.n, f.m
    on, dc = f.on_count().tolist(), f.dc_count().tolist()
    ins = ", ".join(f.input_names)
    if len(ins) > 200:
        ins = ins[:200] + ", ..."
    counts = "; ".join(f"{_e(name)}: ON {o}" + (f", don't-care {d}" if d else "")
                       for name, o, d in list(zip(f.output_names, on, dc))[:16])
    if m > 16:
        counts += f"; ... ({m - 16} more outputs)"
    parts = [f"<p><b>BooleanFunction</b>: {_plural(n, 'input')} ({_e(ins)}), "
             f"{_plural(m, 'output')}, {1 << n if n < 64 else f'2^{n}'} rows; {counts}</p>"]
    rows = 1 << n if n < 63 else None
    if rows is None or rows > MAX_TABLE_ROWS:
        parts.append(f"<p><i>{_plural(n, 'input')}: the table has more than "
                     f"{MAX_TABLE_ROWS} rows and is not shown.</i></p>")
        return '<div class="boolnet">' + "".join(parts) + "</div>"
    table = f.to_array()  # (rows, m): 1, 0, -1 for don't-care
    if 2 <= n <= MAX_KMAP_INPUTS and m <= 8:
        parts.append("<div>" + "".join(_kmap(table[:, j], f.input_names, n, f.output_names[j])
                                       for j in range(m)) + "</div>")
    head = ("<tr>" + "".join(f'<th style="{_HEAD}">{_e(s)}</th>' for s in f.input_names)
            + "".join(f'<th style="{_HEAD};border-left:2px solid #666">{_e(s)}</th>'
                      for s in f.output_names) + "</tr>")
    body = []
    for r in range(rows):
        bits = "".join(f'<td style="{_CELL}">{(r >> (n - 1 - i)) & 1}</td>' for i in range(n))
        body.append(f"<tr>{bits}{''.join(_cell(int(v)) for v in table[r])}</tr>")
    parts.append(f'<table style="{_STYLE}">{head}{"".join(body)}</table>')
    return '<div class="boolnet">' + "".join(parts) + "</div>"


def cover_html(c) -> str:
    """HTML for a Cover: each output's sum of products, with its terms and literals."""
    terms, lits = c.terms_per_output().tolist(), c.literals_per_output().tolist()
    rows = []
    for j, name in enumerate(c.output_names[:64]):
        expr = c.to_expr(j)
        if len(expr) > 2000:
            expr = expr[:2000] + " | ..."
        rows.append(f'<tr><th style="{_HEAD}">{_e(name)}</th>'
                    f'<td style="{_CELL};text-align:left">{_e(expr)}</td>'
                    f'<td style="{_CELL}">{terms[j]}</td><td style="{_CELL}">{lits[j]}</td></tr>')
    more = (f"<p><i>... {c.m - 64} more outputs</i></p>" if c.m > 64 else "")
    return (f'<div class="boolnet"><p><b>Cover</b>: {_plural(c.n, "input")}, '
            f'{_plural(c.m, "output")}, {_plural(c.num_terms, "term")}, '
            f'{_plural(c.num_literals, "literal")}</p>'
            f'<table style="{_STYLE}"><tr><th style="{_HEAD}">output</th>'
            f'<th style="{_HEAD}">sum of products</th><th style="{_HEAD}">terms</th>'
            f'<th style="{_HEAD}">literals</th></tr>{"".join(rows)}</table>{more}</div>')


def _value_html(value: Any, depth: int) -> str:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, float):
        return _e(f"{value:.4g}")
    if depth < 2 and isinstance(value, dict) and value:
        return _table(value, depth + 1)
    if depth < 2 and isinstance(value, (list, tuple)) and value and all(
            isinstance(v, dict) or dataclasses.is_dataclass(v) for v in value):
        dicts = [v if isinstance(v, dict) else
                 {f.name: getattr(v, f.name) for f in dataclasses.fields(v)} for v in value]
        keys = list(dict.fromkeys(k for d in dicts for k in d))
        head = "".join(f'<th style="{_HEAD}">{_e(k)}</th>' for k in keys)
        body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{_value_html(d.get(k, ""), 9)}</td>'
                                        for k in keys) + "</tr>" for d in dicts[:50])
        more = f'<tr><td colspan="{len(keys)}">... {len(dicts) - 50} more</td></tr>' \
            if len(dicts) > 50 else ""
        return f'<table style="{_STYLE}"><tr>{head}</tr>{body}{more}</table>'
    text = str(value)
    return _e(text if len(text) <= 300 else text[:300] + " ...")


def _table(fields: dict, depth: int) -> str:
    rows = "".join(f'<tr><th style="{_HEAD};text-align:left">{_e(k)}</th>'
                   f'<td style="{_CELL};text-align:left">{_value_html(v, depth)}</td></tr>'
                   for k, v in fields.items())
    return f'<table style="{_STYLE}">{rows}</table>'


def report_html(report: Any, title: str | None = None) -> str:
    """HTML for a report (a dataclass, or anything with ``as_dict``/``to_dict``): a field-value table."""
    for name in ("as_dict", "to_dict"):
        method = getattr(report, name, None)
        if callable(method):
            fields = method()
            break
    else:
        fields = {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
    title = title or type(report).__name__
    return f'<div class="boolnet"><p><b>{_e(title)}</b></p>{_table(fields, 0)}</div>'


# ---------------------------------------------------------------------- networks
def _number(v: float, integer: bool) -> str:
    if integer or float(v).is_integer():
        return str(int(v))
    return f"{float(v):.3g}"


def network_svg(net, input_names=None, output_names=None) -> str:
    """An SVG drawing of a Network: inputs on the left, one column per layer, weighted edges.

    Units show their threshold (``≥t`` for step units: they fire when w·x ≥ t) or their
    activation; edges are blue for positive and red for negative weights, labelled with
    the weight when the picture is small. Beyond ``MAX_SVG_UNITS`` units each layer is one
    box with its size, so a drawing never grows past a few hundred pixels a column.
    """
    layers = net.layers
    widths = [net.n_inputs] + [layer.n_out for layer in layers]
    meta = getattr(net, "meta", {}) or {}
    ins = list(input_names or meta.get("input_names") or
               [f"x{i + 1}" for i in range(net.n_inputs)])
    outs = list(output_names or meta.get("output_names") or
                [f"y{j + 1}" for j in range(net.n_outputs)])
    if sum(widths) > MAX_SVG_UNITS or max(widths) > 40:
        return _network_boxes(net, widths)
    dx, dy, r = 110, 42, 15
    tall = max(widths)
    height = tall * dy + 40
    width = (len(layers) + 2) * dx
    pos: list[list[tuple[float, float]]] = []
    for k, w in enumerate(widths):
        top = 20 + (tall - w) * dy / 2 + dy / 2
        pos.append([(40 + k * dx, top + i * dy) for i in range(w)])
    labels = sum(int(np.count_nonzero(layer.W)) for layer in layers) <= 60
    edges, nodes = [], []
    for k, layer in enumerate(layers, 1):
        src = [(s, i) for s in layer.sources for i in range(widths[s])]
        for j in range(layer.n_out):
            x1, y1 = pos[k][j]
            for c in np.flatnonzero(layer.W[j]):
                s, i = src[c]
                x0, y0 = pos[s][i]
                w = layer.W[j, c]
                colour = "#1f5fbf" if w > 0 else "#c0392b"
                thick = 1 + min(3.0, math.log2(1 + abs(float(w))))
                bend = "" if k - s == 1 else f' stroke-dasharray="4 3"'
                edges.append(f'<line x1="{x0 + r}" y1="{y0}" x2="{x1 - r}" y2="{y1}" '
                             f'stroke="{colour}" stroke-width="{thick:.1f}" opacity="0.7"{bend}/>')
                if labels:
                    tx, ty = x0 + r + 0.3 * (x1 - x0 - 2 * r), y0 + 0.3 * (y1 - y0) - 3
                    edges.append(f'<text x="{tx:.0f}" y="{ty:.0f}" font-size="10" '
                                 f'fill="{colour}">{_e(_number(w, layer.is_integer))}</text>')
            b = layer.b[j]
            if layer.activation in ("step", "sign"):
                text = "≥" + _number(-b, layer.is_integer)
            else:
                text = layer.activation[:4]
            nodes.append(f'<circle cx="{x1}" cy="{y1}" r="{r}" fill="#fff" stroke="#333"/>'
                         f'<text x="{x1}" y="{y1 + 4}" font-size="10" text-anchor="middle">'
                         f'{_e(text)}</text>')
    for i, (x, y) in enumerate(pos[0]):
        nodes.append(f'<rect x="{x - r}" y="{y - 11}" width="{2 * r}" height="22" fill="#eee" '
                     f'stroke="#333"/><text x="{x}" y="{y + 4}" font-size="10" '
                     f'text-anchor="middle">{_e(ins[i] if i < len(ins) else i)}</text>')
    named: dict[tuple[int, int], list[str]] = {}  # outputs may be units of any layer
    for j, (s, c) in enumerate(net.output_taps):
        named.setdefault((s, c), []).append(str(outs[j]) if j < len(outs) else str(j))
    for (s, c), label in named.items():
        x, y = pos[s][c]
        nodes.append(f'<text x="{x + r + 6}" y="{y + 4}" font-size="11">'
                     f'{_e(", ".join(label))}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
            f'<title>{_e(repr(net))}</title>{"".join(edges)}{"".join(nodes)}</svg>')


def _network_boxes(net, widths: list[int]) -> str:
    """A large network as one box per signal, labelled with its size and activation."""
    dx, h = 130, 70
    width = len(widths) * dx + 20
    height = h + 60
    parts = []
    for k, w in enumerate(widths):
        x = 20 + k * dx
        what = "inputs" if k == 0 else net.layers[k - 1].activation
        parts.append(f'<rect x="{x}" y="30" width="90" height="{h}" fill="#f7f7f7" '
                     f'stroke="#333"/><text x="{x + 45}" y="{30 + h / 2}" font-size="12" '
                     f'text-anchor="middle">{w} {_e(what)}</text>')
        if k:
            for s in net.layers[k - 1].sources:
                x0 = 20 + s * dx + 90
                dash = "" if s == k - 1 else ' stroke-dasharray="4 3"'
                parts.append(f'<line x1="{x0}" y1="{30 + h / 2 + 8}" x2="{x}" '
                             f'y2="{30 + h / 2 + 8}" stroke="#555"{dash}/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
            f'<title>{_e(repr(net))}</title>'
            f'<text x="20" y="18" font-size="12">{_e(repr(net))}: {sum(widths[1:])} units, '
            f'one box per layer</text>{"".join(parts)}</svg>')
