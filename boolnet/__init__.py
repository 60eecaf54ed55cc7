"""boolnet: compile Boolean functions into threshold-unit neural networks and measure their cost.

>>> import boolnet
>>> f = boolnet.BooleanFunction.from_expr("a ^ b ^ c")
>>> net = boolnet.compile(f, arch="deep")
>>> boolnet.verify(net, f).ok, boolnet.cost(net).neurons
(True, 6)

The public names load on first use (PEP 562 ``__getattr__``): ``import boolnet`` costs
nothing beyond Python, and each name pulls in only the modules it needs, so a command
that reads a file never waits for numba, scipy or sympy.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module (relative to boolnet) that defines it.
_PUBLIC: dict[str, str] = {
    "BooleanFunction": ".function", "DC": ".function",
    "Cover": ".cover", "CubeFunction": ".cover",
    "BoolnetError": ".errors", "NotApplicable": ".errors", "ParseError": ".errors",
    "TooLargeError": ".errors",
    "compile": ".compiler", "compile_report": ".compiler", "threshold_weights": ".compiler",
    "cost": ".costs", "Cost": ".costs",
    "verify": ".verification",
    "read": ".io", "write": ".io", "as_function": ".io",
    "parse_expr": ".io.expr",
    "minimize": ".twolevel",
    "tradeoff": ".pareto",
}
_SUBMODULES = ("families", "nn")

__all__ = ["BooleanFunction", "Cover", "CubeFunction", "DC", "BoolnetError", "NotApplicable",
           "ParseError", "TooLargeError", "families", "nn", "compile", "compile_report",
           "threshold_weights", "cost", "Cost", "verify", "read", "write", "as_function",
           "parse_expr", "minimize", "tradeoff", "__version__"]

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ loads these
    from . import families, nn
    from .compiler import compile, compile_report, threshold_weights
    from .costs import Cost, cost
    from .cover import Cover, CubeFunction
    from .errors import BoolnetError, NotApplicable, ParseError, TooLargeError
    from .function import DC, BooleanFunction
    from .io import as_function, read, write
    from .io.expr import parse_expr
    from .pareto import tradeoff
    from .twolevel import minimize
    from .verification import verify


def __getattr__(name: str) -> Any:
    """Load a public name on first use and keep it in the module."""
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name], __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'boolnet' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(set(globals()) | set(__all__))
