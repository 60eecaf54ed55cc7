"""boolnet: compile Boolean functions into threshold-unit neural networks and measure their cost.

>>> import boolnet
>>> f = boolnet.BooleanFunction.from_expr("a ^ b ^ c")
>>> net = boolnet.compile(f, arch="deep")
>>> boolnet.verify(net, f).ok, boolnet.cost(net).neurons
(True, 6)
"""
from __future__ import annotations

from . import families, nn
from .compiler import compile, compile_report, threshold_weights
from .costs import Cost, cost
from .cover import Cover, CubeFunction
from .errors import BoolnetError, NotApplicable, ParseError, TooLargeError
from .function import DC, BooleanFunction
from .io import as_function, read, write
from .io.expr import parse_expr
from .twolevel import minimize
from .verification import verify

__version__ = "0.1.0"

__all__ = ["BooleanFunction", "Cover", "CubeFunction", "DC", "BoolnetError", "NotApplicable",
           "ParseError", "TooLargeError", "families", "nn", "compile", "compile_report",
           "threshold_weights", "cost", "Cost", "verify", "read", "write", "as_function",
           "parse_expr", "minimize", "__version__"]
