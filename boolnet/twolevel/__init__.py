"""Two-level minimisation: exact (prime implicants + minimum cover) and Espresso-style heuristic.

>>> from boolnet import BooleanFunction
>>> cover, report = minimize(BooleanFunction.from_expr("a & b | a & ~b | c"))
>>> cover.to_expr(), report.proven
('a | c', True)
"""
from .api import (MinimizeCheckError, MinimizeReport, OutputReport, check_cover, minimize)

__all__ = ["minimize", "MinimizeReport", "OutputReport", "MinimizeCheckError", "check_cover"]
