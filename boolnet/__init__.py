"""boolnet: compile Boolean functions into threshold-unit neural networks and measure their cost."""
from __future__ import annotations

from .cover import Cover, CubeFunction
from .errors import BoolnetError, ParseError, TooLargeError
from .function import DC, BooleanFunction
from . import families

__version__ = "0.1.0"

__all__ = ["BooleanFunction", "Cover", "CubeFunction", "DC", "BoolnetError", "ParseError",
           "TooLargeError", "families", "__version__"]
