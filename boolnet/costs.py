"""What a network costs: neurons, weights, biases, depth — and the lecture's formulas for parity.

Conventions (DESIGN.md): a *neuron* is a hidden or output unit (inputs are not
neurons); *weights* are non-zero connection weights; *biases* are one per neuron;
*parameters* are both; *dense parameters* count every entry of every weight matrix
plus the biases; *depth* is the number of layers of adaptive weights on the longest
path from the inputs to an output (a one-hidden-layer MLP has depth 2).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from .cover import Cover, CubeFunction
from .errors import BoolnetError
from .function import BooleanFunction
from .nn import Network

__all__ = ["Cost", "cost", "parity_formulas", "LOWER_BOUNDS"]


@dataclass(frozen=True)
class Cost:
    """The size of a network, counted by the conventions above."""

    arch: str
    neurons: int
    hidden: int
    outputs: int
    weights: int
    biases: int
    parameters: int
    dense_parameters: int
    depth: int
    widths: tuple[int, ...] = field(default=())
    max_fanin: int = 0        # most non-zero weights into one unit
    max_weight: float = 0     # largest |weight| (integer for compiled networks)

    def as_dict(self) -> dict:
        """JSON-ready form (the keys of ``boolnet compile --format json``)."""
        d = asdict(self)
        d["widths"] = list(self.widths)
        return d

    def _repr_html_(self) -> str:
        """Jupyter's view: the counts as an HTML table."""
        from .display import report_html
        return report_html(self)


def _depths(net: Network) -> list[int]:
    depth = [0]
    for layer in net.layers:
        depth.append(1 + max(depth[s] for s in layer.sources))
    return depth


def cost(net: Network) -> Cost:
    """Count the neurons, weights, biases, parameters and depth of a network.

    >>> from boolnet.compiler.deep import parity_tree
    >>> c = cost(parity_tree(8)); (c.neurons, c.weights + c.biases, c.depth)
    (21, 63, 6)
    """
    if not isinstance(net, Network):
        message = f"cost() counts the units of a Network, not a {type(net).__name__}"
        if isinstance(net, (str, BooleanFunction, Cover, CubeFunction)):
            message += ("; compile it first: boolnet.cost(boolnet.compile(f)), or see "
                        "boolnet.compile_report(f).candidates for every architecture")
        raise BoolnetError(message)
    neurons = sum(layer.n_out for layer in net.layers)
    weights = sum(int(np.count_nonzero(layer.W)) for layer in net.layers)
    dense = sum(layer.W.size + layer.b.size for layer in net.layers)
    taps = net.output_taps
    outputs = len(set(taps))  # (a unit two outputs read is one unit)
    depths = _depths(net)
    return Cost(arch=str(net.meta.get("arch", "network")), neurons=neurons,
                hidden=neurons - outputs, outputs=outputs, weights=weights,
                biases=neurons, parameters=weights + neurons, dense_parameters=dense,
                depth=max(depths[s] for s, _ in taps), widths=tuple(layer.n_out for layer in net.layers),
                max_fanin=max(int(np.count_nonzero(layer.W, axis=1).max(initial=0))
                              for layer in net.layers),
                max_weight=max(_plain(np.abs(layer.W).max(initial=0)) for layer in net.layers))


def _plain(x) -> int | float:
    """A NumPy scalar as a JSON-ready int (integer weights) or float."""
    return int(x) if float(x).is_integer() else float(x)


def parity_formulas(n: int) -> dict[str, dict]:
    """The textbook sizes of n-input parity in each form (what ``boolnet cost --family parity`` compares).

    ``weights_and_biases`` of the wide form follows the lecture, which leaves out the
    single output bias; the measured count includes it (one more).

    >>> parity_formulas(4)["wide"]["hidden"], parity_formulas(4)["deep"]["neurons"]
    (8, 9)
    """
    half = 1 << (n - 1)
    k = n.bit_length()  # floor(log2 n) + 1 cascade units
    return {
        "wide": {"hidden": half, "neurons": half + 1, "weights_and_biases": (n + 2) * half,
                 "depth": 2, "note": "the lecture's (n+2)2^(n-1) leaves out the output bias"},
        "deep": {"hidden": 3 * (n - 1) - 1 if n > 1 else 0, "neurons": 3 * (n - 1) if n > 1 else 1,
                 "weights_and_biases": 9 * (n - 1) if n > 1 else 2,
                 "depth": 2 * math.ceil(math.log2(n)) if n > 1 else 1},
        "symmetric": {"hidden": n, "neurons": n + 1, "weights_and_biases": n * n + n + n + 1,
                      "depth": 2},
        "cascade": {"hidden": k - 1, "neurons": k,
                    "weights_and_biases": k * n + k * (k - 1) // 2 + k, "depth": k},
    }


#: Known lower bounds printed beside measured costs (docs/theory.md gives the references).
LOWER_BOUNDS = {
    "threshold": "one unit exactly when the function is linearly separable (decided by LP)",
    "wide": "an AND-OR network needs one hidden unit per term of a minimum sum of products "
            "(n-input parity: 2^(n-1), every prime implicant is a minterm)",
    "xor": "2-input XOR is not linearly separable: at least 2 units (the cascade reaches 2)",
}
