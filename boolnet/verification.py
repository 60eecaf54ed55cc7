"""Check a threshold network against its function: a proof at any size, a sample only as a last resort.

:func:`verify` asks :func:`boolnet.prove.prove_equivalent` for a proof: every care row
through the network core's exact evaluator up to ``EXHAUSTIVE_MAX`` inputs; beyond, the
symmetric argument where it applies, else a SAT miter of the network against the
function's covers. A proof sets ``ok``; a counterexample is a concrete care row. Only
when the prover stops at its time limit does a seeded sample of rows look for a
counterexample; a clean sample proves nothing, so ``ok`` stays False and the report says
"not proven" with the reason.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .errors import BoolnetError
from .nn import Network
from .prove import EXHAUSTIVE_MAX, prove_equivalent
from .prove.result import row_number, values_at

__all__ = ["verify", "check", "VerifyReport", "VerificationError", "UnprovenError",
           "EXHAUSTIVE_MAX", "SAMPLE_ROWS", "PROOF_TIME_LIMIT"]

#: Rows checked by random sampling when no proof was found in time.
SAMPLE_ROWS = 1 << 16
#: Seconds a SAT or BDD proof may take before verify gives up and samples instead.
PROOF_TIME_LIMIT = 120.0


class VerificationError(BoolnetError):
    """A network computes something else than its function; carries the counterexample."""

    def __init__(self, report: "VerifyReport"):
        self.report = report
        super().__init__(report.message())


class UnprovenError(BoolnetError):
    """No proof was found (a time or conflict limit) and no counterexample either."""

    def __init__(self, report: "VerifyReport"):
        self.report = report
        super().__init__(report.message()
                         + " (allow it with --allow-unproven / allow_unproven=True)")


@dataclass
class VerifyReport:
    """What was checked and what was found.

    ``ok`` is True only for a proof (``method`` "exhaustive", "sat", "bdd" or
    "symmetric"); ``proof`` is the line people read: "exhaustive", "proven (SAT)",
    "proven (BDD)", "proven (symmetric)", "not proven" or "counterexample".
    """

    ok: bool
    exhaustive: bool
    rows_checked: int
    seconds: float
    path: str = ""
    counterexample: dict | None = None
    inputs: int = 0
    method: str = ""
    proof: str = ""
    reason: str = ""

    def message(self) -> str:
        """One line for people."""
        if self.counterexample is not None:
            c = self.counterexample
            return (f"the network differs from the function at row {c['row']} "
                    f"(inputs {c['inputs']}), output {c['output']}: expected {c['expected']}, "
                    f"got {c['got']}")
        if self.ok:
            how = {"exhaustive": "every care row", "sat": "proven by a SAT miter",
                   "bdd": "proven by BDDs", "symmetric": "proven by the symmetric argument "
                   f"({self.rows_checked} rows)"}.get(self.method, self.proof)
            return f"verified: {how} ({self.seconds:.3g} s)"
        return f"not proven: {self.reason} ({self.seconds:.3g} s)"

    def as_dict(self) -> dict:
        """JSON-ready form (keys documented in docs/cli.md)."""
        return {"ok": self.ok, "exhaustive": self.exhaustive, "rows_checked": self.rows_checked,
                "seconds": self.seconds, "path": self.path, "counterexample": self.counterexample,
                "method": self.method, "proof": self.proof, "reason": self.reason}

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from .display import report_html
        return report_html(self)


def verify(net: Network, f, samples: int = SAMPLE_ROWS, seed: int = 0,
           exhaustive_max: int = EXHAUSTIVE_MAX, *, time_limit: float | None = PROOF_TIME_LIMIT,
           method: str = "auto", progress=None) -> VerifyReport:
    """Compare a network with a function (BooleanFunction or CubeFunction) on its care rows.

    Proves equivalence (exhaustively up to ``exhaustive_max`` inputs, by a proof beyond,
    see :func:`boolnet.prove.prove_equivalent`); when the proof runs out of
    ``time_limit`` seconds, ``samples`` seeded random rows look for a counterexample.
    ``progress(stage)`` hears each proof stage.

    >>> from boolnet import families
    >>> from boolnet.compiler import compile as compile_
    >>> verify(compile_(families.parity(5), arch="deep"), families.parity(5)).ok
    True
    """
    if net.n_inputs != f.n or net.n_outputs != f.m:
        raise BoolnetError(f"the network has {net.n_inputs} inputs and {net.n_outputs} outputs; "
                           f"the function has {f.n} and {f.m}")
    if not net.is_threshold:
        raise BoolnetError("only threshold (step/sign) networks can be verified; harden it first")
    t0 = time.perf_counter()
    res = prove_equivalent(net, f, time_limit=time_limit, method=method,
                           exhaustive_max=exhaustive_max, progress=progress)
    path = res.stats.get("path", res.method)
    rep = VerifyReport(res.proven, res.status == "exhaustive", res.rows_checked,
                       time.perf_counter() - t0, path, res.counterexample, f.n,
                       method=res.method, proof=res.label, reason=res.reason)
    if res.proven or res.counterexample is not None:
        return rep
    cex = _sample(net, f, samples, seed)
    rep.method, rep.path, rep.rows_checked = "sampled", "sampled", int(samples)
    rep.seconds = time.perf_counter() - t0
    if cex is not None:
        rep.counterexample, rep.proof = cex, "counterexample"
        rep.reason = f"{res.reason}; a sampled row differs"
    else:
        rep.proof = "not proven"
        rep.reason = f"{res.reason}; {samples} sampled rows agree, which proves nothing"
    return rep


def _sample(net: Network, f, samples: int, seed: int) -> dict | None:
    """The first sampled care row where the network differs from f, or None."""
    from .prove.result import counterexample
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, size=(samples, f.n), dtype=np.int8)
    expected, care = values_at(f, X)
    x = X.astype(np.int64)
    if net.encoding == "pm1":
        x = 2 * x - 1
    got = net.forward(x)
    got = (got > 0) if net.layers[-1].activation == "sign" else (got >= 1)
    wrong = care & (got.astype(np.int8) != expected)
    if not wrong.any():
        return None
    k, _ = np.argwhere(wrong)[0]
    return counterexample(net, f, X[k].tolist())


def check(net: Network, f, *, allow_unproven: bool = False, **kwargs) -> VerifyReport:
    """Verify; raise VerificationError with the counterexample when the network is wrong, and
    UnprovenError when no proof was found (unless ``allow_unproven``)."""
    rep = verify(net, f, **kwargs)
    if rep.counterexample is not None:
        raise VerificationError(rep)
    if not rep.ok and not allow_unproven:
        raise UnprovenError(rep)
    return rep
