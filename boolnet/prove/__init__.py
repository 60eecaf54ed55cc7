"""Equivalence proofs of a network against its function: exhaustive, SAT miter, BDD and the symmetric argument.

:func:`prove_equivalent` picks the prover: every row through the exact evaluator up to
``EXHAUSTIVE_MAX`` inputs (from ``SAT_FIRST_INPUTS`` inputs the SAT miter is tried
first, for a few seconds: measured much faster on wide multi-output nets); beyond, the
symmetric argument where it applies (a network reading only the input count against a
symmetric table), else a SAT miter (:mod:`boolnet.prove.sat`) and, when it does not
settle within a second, BDDs (:mod:`boolnet.prove.bdd`), then SAT again.
Every answer is a :class:`ProofResult`: a proof ("exhaustive", "sat", "bdd",
"symmetric"), a concrete differing care row ("counterexample"), or "not proven" with
the reason (a time or conflict limit, an encoding too large). A limit never gives a proof.
"""
from __future__ import annotations

import time
from typing import Callable

from ..cover import CubeFunction
from ..errors import BoolnetError
from ..function import BooleanFunction
from ..nn import Network
from .exhaustive import EXHAUSTIVE_MAX, prove_exhaustive
from .result import PROVEN, STATUSES, ProofResult
from .sat import prove_sat

__all__ = ["prove_equivalent", "ProofResult", "STATUSES", "PROVEN", "METHODS", "EXHAUSTIVE_MAX",
           "SAT_FIRST_INPUTS", "SAT_FIRST_SECONDS", "PORTFOLIO_SAT_SECONDS",
           "PORTFOLIO_BDD_SECONDS"]

#: Provers prove_equivalent can be asked for; "auto" picks one by size.
METHODS = ("auto", "exhaustive", "sat", "bdd", "symmetric")
#: From this many inputs up to the exhaustive limit, auto tries the SAT miter first. Measured
#: on two-level nets of the shared files (benchmarks/prove.py): cps (24 inputs, 109
#: outputs) 0.12 s by SAT against 14.6 s and 1.7 GiB exhaustively; duke2 (22) 0.02 s vs
#: 0.38 s; cordic (23) 0.29 s vs 0.40 s. Below, 2^20 rows take well under a second.
SAT_FIRST_INPUTS = 21
#: Seconds the SAT miter gets before auto falls back to the exhaustive check (miters of
#: multipliers are hard for SAT and easy for 2^24 rows).
SAT_FIRST_SECONDS = 5.0
#: Beyond the exhaustive limit auto runs SAT for this long, then BDDs (up to
#: PORTFOLIO_BDD_SECONDS), then SAT again for the rest of the time limit.
PORTFOLIO_SAT_SECONDS = 1.0
PORTFOLIO_BDD_SECONDS = 30.0


def _symmetric(net: Network, f) -> ProofResult | None:
    """The symmetric argument as a ProofResult, or None when it does not apply."""
    from .symmetric import prove_symmetric
    if not isinstance(f, BooleanFunction):
        return None
    t0 = time.perf_counter()
    p = prove_symmetric(net, f)
    if p is None:
        return None
    cex = p.counterexample
    if cex is not None:
        cex = dict(cex, output=f.output_names[cex["output"]])
        return ProofResult("counterexample", cex, time.perf_counter() - t0,
                           f"the network differs at output {cex['output']}", p.rows_checked,
                           method="symmetric")
    return ProofResult("symmetric", None, time.perf_counter() - t0,
                       f"the network reads only the input count and the function is symmetric: "
                       f"{p.rows_checked} rows decide every row", p.rows_checked,
                       method="symmetric")


def prove_equivalent(net: Network, f, *, time_limit: float | None = None, method: str = "auto",
                     exhaustive_max: int = EXHAUSTIVE_MAX,
                     conflict_limit: int | None = None,
                     progress: Callable[[str], None] | None = None) -> ProofResult:
    """Prove a threshold network equal to ``f`` (BooleanFunction or CubeFunction) on its care set.

    Parameters
    ----------
    net : Network
        A step/sign network with integer weights (01 or pm1 encoding, skips allowed).
    f : BooleanFunction or CubeFunction
        The function; don't-care rows are never compared (see :mod:`boolnet.prove.result`).
    time_limit : float, optional
        Seconds for a SAT or BDD proof; reaching it gives status "not proven".
    method : str
        "auto" (exhaustive up to ``exhaustive_max`` inputs, SAT first from
        ``SAT_FIRST_INPUTS`` inputs; beyond: symmetric where it applies, else SAT for a
        second, BDDs, then SAT for the time left), or one prover by name.
    conflict_limit : int, optional
        Total SAT conflicts allowed.
    progress : callable, optional
        Hears each stage ("prove: SAT miter of 35 outputs", ...), as compile's stage lines do.

    Returns
    -------
    ProofResult
        ``status`` is "exhaustive", "sat", "bdd", "symmetric" (proofs), "counterexample"
        (a concrete care row where they differ) or "not proven" (``reason`` says why).

    Raises
    ------
    BoolnetError
        When sizes differ, the network is not a threshold network, or a weight is not an integer.

    Examples
    --------
    >>> from boolnet.nn import Layer, Network
    >>> from boolnet.cover import Cover, CubeFunction
    >>> f = CubeFunction(Cover.from_strings(["1" * 30]))
    >>> prove_equivalent(Network(30, [Layer([[1] * 30], [-30])]), f).label
    'proven (SAT)'
    """
    if method not in METHODS:
        raise BoolnetError(f"unknown proof method {method!r}; expected one of {', '.join(METHODS)}")
    if not isinstance(f, (BooleanFunction, CubeFunction)):
        raise BoolnetError(f"cannot prove against a {type(f).__name__}; give a BooleanFunction "
                           f"or a CubeFunction")
    if (net.n_inputs, net.n_outputs) != (f.n, f.m):
        raise BoolnetError(f"the network has {net.n_inputs} inputs and {net.n_outputs} outputs; "
                           f"the function has {f.n} and {f.m}")
    if not net.is_threshold:
        raise BoolnetError("only threshold (step/sign) networks can be proven; harden it first")
    if method == "auto":
        if SAT_FIRST_INPUTS <= f.n <= exhaustive_max:
            limit = SAT_FIRST_SECONDS if time_limit is None else min(time_limit, SAT_FIRST_SECONDS)
            _say(progress, f"prove: SAT miter of {f.m} outputs")
            res = prove_sat(net, f, time_limit=limit, conflict_limit=conflict_limit)
            if res.status != "not proven":
                return res
            method = "exhaustive"  # the miter was hard: every row settles it
        elif f.n <= exhaustive_max:
            method = "exhaustive"
        else:
            res = _symmetric(net, f)
            if res is not None:
                return res
            if conflict_limit is None:
                return _portfolio(net, f, time_limit, progress)
            method = "sat"
    if method == "exhaustive":
        _say(progress, f"prove: every row (2^{f.n})")
        return prove_exhaustive(net, f, limit=max(exhaustive_max, f.n))
    if method == "symmetric":
        res = _symmetric(net, f)
        return res if res is not None else ProofResult(
            "not proven", reason="the symmetric argument does not apply (a unit reads the inputs "
                                 "unequally, or the function is not a symmetric table)",
            method="symmetric")
    if method == "bdd":
        from .bdd import prove_bdd
        _say(progress, f"prove: BDDs of {f.m} outputs")
        return prove_bdd(net, f, time_limit=time_limit)
    _say(progress, f"prove: SAT miter of {f.m} outputs")
    return prove_sat(net, f, time_limit=time_limit, conflict_limit=conflict_limit)


def _say(progress, stage: str) -> None:
    if progress is not None:
        progress(stage)


def _portfolio(net: Network, f, time_limit: float | None, progress=None) -> ProofResult:
    """SAT for a second, then BDDs, then SAT for the time left: each wins somewhere.

    Measured (benchmarks/prove.py): on two-level nets of the shared files SAT takes
    0.01-0.4 s and BDDs 0.3-1.6 s; on the multi-level synthesised net of seq (686 units,
    18 layers) SAT takes 3.7 s and BDDs 1.2 s.
    """
    t0 = time.perf_counter()

    def left() -> float | None:
        return None if time_limit is None else max(time_limit - (time.perf_counter() - t0), 0.0)
    first = PORTFOLIO_SAT_SECONDS if time_limit is None else min(time_limit, PORTFOLIO_SAT_SECONDS)
    _say(progress, f"prove: SAT miter of {f.m} outputs")
    res = prove_sat(net, f, time_limit=first)
    if res.status != "not proven":
        return res
    reasons = [res.reason]
    try:
        from .bdd import prove_bdd
    except ImportError:  # dd with CUDD is optional
        prove_bdd = None
        reasons.append("BDD: dd.cudd is not installed")
    if prove_bdd is not None and left() != 0.0:
        budget = PORTFOLIO_BDD_SECONDS if left() is None else min(left(), PORTFOLIO_BDD_SECONDS)
        _say(progress, f"prove: BDDs of {f.m} outputs")
        res = prove_bdd(net, f, time_limit=budget)
        if res.status != "not proven":
            res.seconds = time.perf_counter() - t0
            return res
        reasons.append(res.reason)
    if left() != 0.0:
        limit = "no" if left() is None else f"{left():.0f} s"
        _say(progress, f"prove: SAT miter again, {limit} limit")
        res = prove_sat(net, f, time_limit=left())
        if res.status != "not proven":
            res.seconds = time.perf_counter() - t0
            return res
        reasons.append(res.reason)
    return ProofResult("not proven", None, time.perf_counter() - t0, "; ".join(reasons),
                       method="sat")
