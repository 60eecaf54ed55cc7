"""boolnet: compile Boolean functions into threshold-unit neural networks and measure their cost.

>>> import boolnet
>>> f = boolnet.BooleanFunction.from_expr("a ^ b ^ c")
>>> net = boolnet.compile(f, arch="deep")
>>> boolnet.verify(net, f).ok, boolnet.cost(net).neurons
(True, 6)
"""
from __future__ import annotations

from . import families, nn
from .compile import compile, compile_report, threshold_weights
from .cost import Cost, cost
from .cover import Cover, CubeFunction
from .errors import BoolnetError, NotApplicable, ParseError, TooLargeError
from .function import DC, BooleanFunction
from .verify import verify


def __getattr__(name: str):
    # The readers and the minimiser load on first use: `import boolnet` stays light.
    if name in ("read", "write", "as_function"):
        from . import io
        return getattr(io, name)
    if name == "parse_expr":
        from .io.expr import parse_expr
        return parse_expr
    if name == "minimize":
        from .minimize import minimize
        return minimize
    raise AttributeError(f"module 'boolnet' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = ["BooleanFunction", "Cover", "CubeFunction", "DC", "BoolnetError", "NotApplicable",
           "ParseError", "TooLargeError", "families", "nn", "compile", "compile_report",
           "threshold_weights", "cost", "Cost", "verify", "read", "write", "as_function",
           "parse_expr", "minimize", "__version__"]
