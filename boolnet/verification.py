"""Check a threshold network against its function: exhaustively where 2^n fits, sampled beyond.

Up to ``EXHAUSTIVE_MAX`` inputs every care row is checked through the network core's
exact evaluator (bit-sliced for integer weights). Beyond, a seeded sample of rows is
checked, and the report says how many; a sample can miss an error, and says so.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .cover import Cover
from .errors import BoolnetError
from .function import BooleanFunction
from .nn import Network
from .nn.exact import evaluate_all

__all__ = ["verify", "check", "VerifyReport", "VerificationError", "EXHAUSTIVE_MAX",
           "SAMPLE_ROWS"]

#: Largest number of inputs verified on every row.
EXHAUSTIVE_MAX = 24
#: Rows checked by random sampling beyond that.
SAMPLE_ROWS = 1 << 16


class VerificationError(BoolnetError):
    """A network computes something else than its function; carries the counterexample."""

    def __init__(self, report: "VerifyReport"):
        self.report = report
        super().__init__(report.message())


@dataclass
class VerifyReport:
    """What was checked and what was found."""

    ok: bool
    exhaustive: bool
    rows_checked: int
    seconds: float
    path: str = ""
    counterexample: dict | None = None
    inputs: int = 0

    def message(self) -> str:
        """One line for people."""
        if self.ok:
            how = "every care row" if self.exhaustive else f"{self.rows_checked} sampled rows"
            return f"verified on {how} ({self.seconds:.3g} s)"
        c = self.counterexample
        return (f"the network differs from the function at row {c['row']} "
                f"(inputs {c['inputs']}), output {c['output']}: expected {c['expected']}, "
                f"got {c['got']}")

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {"ok": self.ok, "exhaustive": self.exhaustive, "rows_checked": self.rows_checked,
                "seconds": self.seconds, "path": self.path, "counterexample": self.counterexample}

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from .display import report_html
        return report_html(self)


def _bits(row: int, n: int) -> str:
    return format(row, f"0{n}b") if n else ""


def _cex(row: int, j: int, expected: int, got: int, n: int, names) -> dict:
    return {"row": int(row), "inputs": _bits(row, n), "output": names[j] if names else j,
            "expected": int(expected), "got": int(got)}


def _as_01(net: Network) -> Network:
    from .compiler.encoding import to_01  # the encodings are a compiler matter
    return to_01(net) if net.encoding == "pm1" else net


def verify(net: Network, f, samples: int = SAMPLE_ROWS, seed: int = 0,
           exhaustive_max: int = EXHAUSTIVE_MAX) -> VerifyReport:
    """Compare a network with a function (BooleanFunction or CubeFunction) on its care rows.

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
    net01 = _as_01(net)
    n = f.n
    if n <= exhaustive_max:
        g = f if isinstance(f, BooleanFunction) else f.to_function(limit=max(n, exhaustive_max))
        packed, info = evaluate_all(net01)
        got = BooleanFunction(n, packed, None, g.input_names, g.output_names)
        bad = g.mismatch(got)
        rep = VerifyReport(bad is None, True, int((~g.dc_bits()).sum()),
                           time.perf_counter() - t0, info["path"], inputs=n)
        if bad is not None:
            row, j = bad
            rep.counterexample = _cex(row, j, g.evaluate([row])[0, j], got.evaluate([row])[0, j],
                                      n, g.output_names)
        return rep
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, size=(samples, n), dtype=np.int8)
    expected, care = _values_at(f, X)
    got = net01.forward(X.astype(np.int64))
    got = (got >= 1).astype(np.int8) if net01.layers[-1].activation == "step" else (got > 0)
    wrong = care & (got != expected)
    rep = VerifyReport(not wrong.any(), False, int(samples), time.perf_counter() - t0,
                       "sampled", inputs=n)
    if wrong.any():
        k, j = np.argwhere(wrong)[0]
        row = int("".join(map(str, X[k])), 2)
        rep.counterexample = _cex(row, j, expected[k, j], got[k, j], n, f.output_names)
    return rep


def _values_at(f, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected outputs and care flags of a function at sampled input vectors."""
    if isinstance(f, BooleanFunction):
        v = f.evaluate(X)
        return (v == 1).astype(np.int8), v >= 0
    on = _cover_at(f.on, X)
    dc = _cover_at(f.dc, X)
    care = ~dc
    if f.off is not None:
        care &= on | _cover_at(f.off, X)
    return on.astype(np.int8), care


def _cover_at(c: Cover, X: np.ndarray) -> np.ndarray:
    """Which outputs of a cover are 1 at each point (points as 0/1 rows)."""
    from .cover import _pack_inputs
    P = _pack_inputs(X.astype(bool))                                  # (s, words)
    out = np.zeros((len(X), c.m), bool)
    step = max(1, (1 << 22) // max(1, len(c) * c.care.shape[1]))  # bound the (s, k, words) temporary
    for s in range(0, len(X), step):
        p = P[s:s + step]
        inside = ~np.any((p[:, None, :] ^ c.value[None]) & c.care[None], axis=2)  # (s, k)
        out[s:s + step] = (inside.astype(np.int64) @ c.outputs.astype(np.int64)) > 0
    return out


def check(net: Network, f, **kwargs) -> VerifyReport:
    """Verify and raise VerificationError with the counterexample when the network is wrong."""
    rep = verify(net, f, **kwargs)
    if not rep.ok:
        raise VerificationError(rep)
    return rep
