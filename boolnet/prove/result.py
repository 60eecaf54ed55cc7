"""ProofResult: what a prover found, and the care-set semantics of a function shared by all provers.

A function is a BooleanFunction (its DC rows are the only rows not compared) or a
CubeFunction of ON, DC and optional OFF covers. For a CubeFunction, at every input x and
output j (DC always wins, as in :meth:`CubeFunction.to_function`):

- no OFF cover: care = not DC, expected = ON;
- an OFF cover (PLA types fr, fdr): care = not DC and (ON or OFF), expected = ON;
- types r and dr (ON is the complement of DC and OFF): care = not DC, expected = ON or not OFF.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..cover import Cover, CubeFunction, _pack_inputs
from ..function import BooleanFunction

__all__ = ["ProofResult", "STATUSES", "PROVEN", "values_at", "counterexample"]

#: Every status a prover returns.
STATUSES = ("exhaustive", "sat", "bdd", "symmetric", "not proven", "counterexample")
#: The statuses that are proofs of equivalence on the care set.
PROVEN = ("exhaustive", "sat", "bdd", "symmetric")


@dataclass
class ProofResult:
    """The outcome of a proof: status, a concrete differing care row when wrong, time, reason.

    ``status`` is one of STATUSES; ``counterexample`` (status "counterexample" only) is a
    dict with ``row`` (first input most significant), ``inputs`` (the row as bits),
    ``output`` (name), ``expected`` and ``got``; ``reason`` says why a proof is missing or
    how it was reached; ``stats`` holds prover figures (variables, clauses, conflicts, ...).
    """

    status: str
    counterexample: dict | None = None
    seconds: float = 0.0
    reason: str = ""
    rows_checked: int = 0
    stats: dict = field(default_factory=dict)
    method: str = ""  # the prover that ran: "exhaustive", "sat", "bdd" or "symmetric"

    @property
    def proven(self) -> bool:
        """True when the network equals the function on every care row (a proof, not a sample)."""
        return self.status in PROVEN

    @property
    def label(self) -> str:
        """How people read the status: 'exhaustive', 'proven (SAT)', 'not proven', ..."""
        return {"exhaustive": "exhaustive", "sat": "proven (SAT)", "bdd": "proven (BDD)",
                "symmetric": "proven (symmetric)"}.get(self.status, self.status)

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"status": self.status, "label": self.label, "counterexample": self.counterexample,
                "seconds": self.seconds, "reason": self.reason, "rows_checked": self.rows_checked,
                "stats": dict(self.stats), "method": self.method}

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from ..display import report_html
        return report_html(self)


def _cover_at(c: Cover, X: np.ndarray) -> np.ndarray:
    """Which outputs of a cover are 1 at each point (points as 0/1 rows) -> bool (s, m)."""
    P = _pack_inputs(X.astype(bool))
    out = np.zeros((len(X), c.m), bool)
    if len(c) == 0:
        return out
    # Bound the (s, k, words) temporary.
    step = max(1, (1 << 22) // max(1, len(c) * c.care.shape[1]))
    for s in range(0, len(X), step):
        p = P[s:s + step]
        inside = ~np.any((p[:, None, :] ^ c.value[None]) & c.care[None], axis=2)  # (s, k)
        out[s:s + step] = (inside.astype(np.int64) @ c.outputs.astype(np.int64)) > 0
    return out


def values_at(f, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected 0/1 outputs (int8) and care flags (bool), both (s, m), at 0/1 rows X (s, n)."""
    X = np.asarray(X)
    if isinstance(f, BooleanFunction):
        v = f.evaluate(X)
        return (v == 1).astype(np.int8), v >= 0
    on = _cover_at(f.on, X)
    care = ~_cover_at(f.dc, X)
    if f.off is not None:
        off = _cover_at(f.off, X)
        if f.pla_type in ("r", "dr"):
            on = on | ~off
        else:
            care &= on | off
    return on.astype(np.int8), care


def row_number(bits) -> int:
    """The row of a 0/1 input vector, first input most significant (a Python int: any n)."""
    return int("".join("1" if b else "0" for b in bits) or "0", 2)


def counterexample(net, f, bits) -> dict | None:
    """The first output where the network differs from f on a care row at input ``bits``, else None.

    Evaluated with the network's own forward pass and the function's own covers, so a
    counterexample reported by any prover is checked by an independent evaluator.
    """
    X = np.asarray([bits], dtype=np.int8)
    expected, care = values_at(f, X)
    x = X.astype(np.int64)
    if net.encoding == "pm1":
        x = 2 * x - 1
    got = net.forward(x)[0]
    got = (got > 0) if net.layers[-1].activation == "sign" else (got >= 1)
    for j in range(f.m):
        if care[0, j] and int(got[j]) != int(expected[0, j]):
            n = f.n
            return {"row": row_number(bits), "inputs": "".join(str(int(b)) for b in bits)[:n],
                    "output": f.output_names[j], "expected": int(expected[0, j]),
                    "got": int(got[j])}
    return None
