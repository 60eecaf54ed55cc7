"""DOT text for Graphviz: inputs, units and outputs ranked left to right, edges labelled by weight."""
from __future__ import annotations

from .graph import format_number, network_graph

__all__ = ["to_dot", "EDGE_COLOURS"]

#: Edge colours by weight sign, the same in the DOT output and the drawings.
EDGE_COLOURS = {"positive": "#1f77b4", "negative": "#d62728", "plain": "#555555"}

_SHAPES = {"input": "box", "unit": "circle", "output": "box"}


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(net, names=None) -> str:
    """The network as a Graphviz digraph, one rank per layer (-> str).

    >>> from boolnet.nn import Layer, Network
    >>> print(to_dot(Network(1, [Layer([[-1]], [0])]), names=(["a"], ["not_a"])), end="")
    digraph boolnet {
      rankdir=LR; nodesep=0.3; ranksep=1.0;
      node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=9];
      { rank=same; i1 [label="a", shape=box, style="rounded,filled", fillcolor="#eeeeee"]; }
      { rank=same; u1_1 [label="≥0", shape=circle]; }
      { rank=same; o1 [label="not_a", shape=box, style="rounded,filled", fillcolor="#eeeeee"]; }
      i1 -> u1_1 [label="-1", color="#d62728", fontcolor="#d62728", penwidth=2.5];
      u1_1 -> o1 [color="#555555"];
    }
    """
    g = network_graph(net, names)
    weights = [abs(w) for _, _, w in g.edges(data="weight") if w is not None]
    biggest = max(weights, default=1) or 1
    lines = ["digraph boolnet {", "  rankdir=LR; nodesep=0.3; ranksep=1.0;",
             '  node [fontname="Helvetica", fontsize=11]; edge [fontname="Helvetica", fontsize=9];']
    columns: dict[int, list[str]] = {}
    for node, col in g.nodes(data="column"):
        columns.setdefault(col, []).append(node)
    for col in sorted(columns):
        decl = []
        for node in columns[col]:
            d = g.nodes[node]
            extra = "" if d["kind"] == "unit" else ', style="rounded,filled", fillcolor="#eeeeee"'
            decl.append(f"{node} [label={_quote(d['label'])}, shape={_SHAPES[d['kind']]}{extra}];")
        lines.append("  { rank=same; " + " ".join(decl) + " }")
    for u, v, d in g.edges(data=True):
        w = d["weight"]
        if w is None:
            lines.append(f'  {u} -> {v} [color="{EDGE_COLOURS["plain"]}"];')
            continue
        colour = EDGE_COLOURS["positive" if w > 0 else "negative"]
        width = 0.5 + 2.0 * abs(w) / biggest
        # A skip edge spans several ranks; minlen keeps its target in its own layer's rank.
        span = g.nodes[v]["column"] - g.nodes[u]["column"]
        style = f", minlen={span}" if span > 1 else ""
        lines.append(f'  {u} -> {v} [label={_quote(format_number(w))}, color="{colour}", '
                     f'fontcolor="{colour}", penwidth={width:.2g}{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
