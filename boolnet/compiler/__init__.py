"""Compile a Boolean function into a verified network of integer threshold units.

Architectures (``arch``):

- ``wide``: one hidden layer of AND units over a minimised (or canonical) cover and OR
  outputs, or the dual product-of-sums form when that is smaller (``sop``/``pos`` force one);
- ``deep``: XOR decomposition into a balanced tree of 3-unit XOR blocks;
- ``symmetric``: "at least t ones" units at every change of the value vector;
- ``cascade``: parity in floor(log2 N) + 1 fully connected cascade units;
- ``threshold``: a single neuron per output, when linearly separable;
- ``exact``: the fewest threshold units, then the fewest layers, proven minimal by integer
  programming over network topologies (at most 6 inputs; :mod:`boolnet.compiler.exact`);
- ``synth``: multi-level threshold synthesis of the minimised cover (:mod:`boolnet.synth`):
  an AIG (from the cover, and from its BDD) covered by threshold cuts, then collapsed;
- ``auto``: every form that applies, the cheapest chosen per output (by neurons or
  parameters), units shared between outputs, an output rebuilt as one unit over the
  others where that is cheaper (:mod:`boolnet.compiler.auto`).

A function given at cube level (a PLA file with more than ``DENSE_MAX_INPUTS`` inputs)
is compiled from its cover without a truth table: wide and synth apply.

Every network is verified against the function before it is returned.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from ..cover import Cover, CubeFunction
from ..costs import Cost, cost
from ..errors import BoolnetError, NotApplicable
from ..function import BooleanFunction
from ..nn import Layer, Network
from ..verification import VerifyReport, check
from .encoding import finish_network, to_01, to_pm1

__all__ = ["compile", "compile_report", "CompileReport", "ARCHS", "threshold_weights"]

ARCHS = ("auto", "wide", "sop", "pos", "tcover", "deep", "symmetric", "cascade", "threshold", "synth",
         "exact")

from .threshold import threshold_weights  # noqa: E402  (re-exported)


@dataclass
class CompileReport:
    """The chosen network, its cost and verification, and every candidate tried (auto)."""

    network: Network
    cost: Cost
    verification: VerifyReport
    candidates: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """JSON-ready summary; the keys of ``boolnet compile --format json``."""
        d = self.cost.as_dict()
        v = self.verification
        # verified is true only for a proof; proof says which ("exhaustive", "proven (SAT)", ...)
        d.update(verified=v.ok, exhaustive=v.exhaustive, proof=v.proof, proof_method=v.method,
                 proof_reason=v.reason, rows_checked=v.rows_checked, seconds=self.seconds,
                 encoding=self.network.encoding, candidates=self.candidates)
        return d

    def _repr_html_(self) -> str:
        """Jupyter's view: the cost, the verification and every candidate as HTML tables."""
        from ..display import report_html
        return report_html(self)


def _threshold_net(f: BooleanFunction) -> Network:
    rows, bias = [], []
    for j in range(f.m):
        tw = threshold_weights(f, j)
        if tw is None:
            raise NotApplicable(f"output {f.output_names[j]} is not linearly separable: "
                               f"no single threshold unit computes it")
        rows.append(tw[0])
        bias.append(tw[1])
    return Network(f.n, [Layer(np.array(rows, np.int64).reshape(f.m, f.n),
                               np.array(bias, np.int64), "step")],
                   encoding="01", meta={"arch": "threshold"})


def _build(f: BooleanFunction, arch: str, minimize: str, max_depth: int | None,
           max_fanin: int | None = None) -> Network:
    from . import cascade, deep, symmetric, wide
    if arch == "wide":
        return wide.wide(f, minimize=minimize, dual=None)
    if arch in ("sop", "pos"):
        return wide.wide(f, minimize=minimize, dual=arch == "pos")
    if arch == "deep":
        return deep.deep(f, minimize=minimize, max_depth=max_depth)
    if arch == "symmetric":
        return symmetric.symmetric(f)
    if arch == "cascade":
        return cascade.cascade(f)
    if arch == "threshold":
        return _threshold_net(f)
    if arch == "synth":
        from .auto import function_cover, synth_network
        return synth_network(function_cover(f, minimize), max_depth, max_fanin,
                             structure=getattr(f, "structure", None))[0]  # (a circuit it came with)
    if arch == "exact":
        from .exact_db import exact
        return exact(f, max_depth=max_depth)
    if arch == "tcover":
        from .auto import function_cover
        from .tcover import tcover_network
        return tcover_network(function_cover(f, minimize), f)
    raise BoolnetError(f"unknown architecture {arch!r}; expected one of {', '.join(ARCHS)}")


def _deep_pays(f: BooleanFunction) -> None:
    """NotApplicable when no output splits into XOR blocks and Shannon expansion is out of reach.

    Then the deep form is one wide network per output with no terms shared, which the
    multi-output wide form never loses to; auto skips it (``arch="deep"`` still builds it).
    """
    from .deep import SHANNON_MAX_INPUTS, xor_blocks
    if f.n > SHANNON_MAX_INPUTS and not any(len(xor_blocks(f, j)[1]) > 1 for j in range(f.m)):
        raise NotApplicable(f"no output splits as an XOR of smaller blocks and {f.n} inputs are "
                            f"more than Shannon expansion takes ({SHANNON_MAX_INPUTS}): the deep "
                            f"form would be a separate wide network per output")


def _key(c: Cost, objective: str) -> tuple:
    if objective == "neurons":
        return (c.neurons, c.parameters, c.depth)
    if objective == "parameters":
        return (c.parameters, c.neurons, c.depth)
    raise BoolnetError(f"objective must be parameters or neurons, got {objective!r}")


def _symmetric_spec(f):
    """A one-output symmetric table beyond DENSE_MAX_INPUTS inputs as a SymmetricSpec, else None.

    Its forms (one unit, symmetric, cascade, the XOR tree) are built from the value vector;
    the table-reading ones (threshold's LP rows, deep's XOR blocks, the cover forms) took
    gigabytes at 28 inputs.
    """
    from ..families import SymmetricSpec
    from .auto import DENSE_MAX_INPUTS
    if not isinstance(f, BooleanFunction) or f.m != 1 or f.n <= DENSE_MAX_INPUTS:
        return None
    v = f.value_vector(0)
    if v is None or -1 in v:
        return None
    kind = "parity" if all(x == s % 2 for s, x in enumerate(v)) else "symmetric"
    spec = SymmetricSpec(kind, tuple(v))
    return spec


def _as_source(f):
    """A BooleanFunction, or a CubeFunction for cube-level functions of many inputs."""
    from .auto import DENSE_MAX_INPUTS
    if isinstance(f, Cover):
        f = CubeFunction(f)
    if isinstance(f, CubeFunction):
        return f.to_function() if f.on.n <= DENSE_MAX_INPUTS else f
    if not isinstance(f, BooleanFunction):
        from ..io import as_function  # expression text, sympy
        try:
            f = as_function(f)
        except BoolnetError:
            raise BoolnetError(f"cannot compile a {type(f).__name__}; give a BooleanFunction, "
                               f"a Cover, an expression such as 'a ^ b' or a sympy "
                               f"expression") from None
    return f


def compile_report(f, arch: str = "auto", minimize: str = "auto", encoding: str = "01",
                   max_depth: int | None = None, objective: str = "neurons",
                   samples: int | None = None, max_fanin: int | None = None,
                   progress=None, allow_unproven: bool = False) -> CompileReport:
    """Compile and verify; return the network with its cost, verification and the candidates tried.

    ``f``: a BooleanFunction, a Cover or CubeFunction (kept at cube level beyond
    ``boolnet.compiler.auto.DENSE_MAX_INPUTS`` inputs), expression text or sympy.
    ``objective`` ranks auto's choices ("neurons" or "parameters"); ``max_fanin`` bounds
    the inputs of a synthesised unit; ``progress(stage)`` hears each stage.
    ``allow_unproven`` returns a network whose proof stopped at its time limit (the
    report says "not proven") instead of raising UnprovenError.
    """
    t0 = time.perf_counter()
    from ..families import SymmetricSpec
    if isinstance(f, SymmetricSpec):  # a family beyond the dense limit: built without a table
        from .family import compile_family
        return compile_family(f, arch, encoding, max_depth, objective, allow_unproven)
    f = _as_source(f)
    spec = _symmetric_spec(f)
    if spec is not None:  # its value vector says all: no 2^n-row form is built (parity:28)
        from .family import compile_family
        return compile_family(spec, arch, encoding, max_depth, objective, allow_unproven)
    if encoding not in ("01", "pm1"):
        raise BoolnetError(f"encoding must be 01 or pm1, got {encoding!r}")
    if objective not in ("neurons", "parameters"):
        raise BoolnetError(f"objective must be parameters or neurons, got {objective!r}")
    on = f if isinstance(f, BooleanFunction) else f.on
    names = {"input_names": list(on.input_names), "output_names": list(on.output_names)}
    kw = {} if samples is None else {"samples": samples}
    candidates = []
    if arch == "auto":
        from .auto import AUTO_FORMS, compile_auto
        net, candidates, forms = compile_auto(
            f, minimize=minimize, max_depth=max_depth, max_fanin=max_fanin, objective=objective,
            archs=tuple(a for a in AUTO_FORMS if a in ARCHS),
            build=lambda g, a: _build_checked(g, a, minimize, max_depth), progress=progress)
    elif not isinstance(f, BooleanFunction):
        from .auto import function_cover, synth_network
        if arch in ("synth", "wide", "sop", "tcover"):
            cover = function_cover(f)
            if arch == "synth":
                net = synth_network(cover, max_depth, max_fanin,
                                    structure=getattr(f, "structure", None))[0]
            elif arch == "tcover":
                from .tcover import tcover_network
                net = tcover_network(cover, f)
            else:
                from .wide import wide_from_cover
                net = wide_from_cover(cover)
        else:
            raise BoolnetError(f"the {arch} form needs the truth table, and this function has "
                               f"{f.on.n} inputs at cube level; use --arch auto, synth, tcover or wide")
    else:
        net = _build(f, arch, minimize, max_depth, max_fanin)
    net = finish_network(net, arch, names, encoding, None if arch == "auto" else max_depth)
    # VerificationError with the counterexample; UnprovenError without a proof (unless allowed)
    rep = check(net, f, allow_unproven=allow_unproven, progress=progress, **kw)
    return CompileReport(net, cost(net), rep, candidates, time.perf_counter() - t0)


def _build_checked(f: BooleanFunction, arch: str, minimize: str, max_depth: int | None) -> Network:
    """One dense form for auto; the deep form only where it can pay (see _deep_pays)."""
    if arch == "deep":
        _deep_pays(f)
    return _build(f, arch, minimize, max_depth)


def compile(f, arch: str = "auto", minimize: str = "auto", encoding: str = "01",
            max_depth: int | None = None, objective: str = "neurons") -> Network:
    """A verified threshold network computing ``f`` (see the module docstring for ``arch``).

    >>> from boolnet import families
    >>> net = compile(families.parity(4), arch="deep")
    >>> net, net.meta["arch"]
    (Network(4 -> 4 step -> 2 step -> 2 step -> 1 step, 01), 'deep')
    """
    return compile_report(f, arch, minimize, encoding, max_depth, objective).network
