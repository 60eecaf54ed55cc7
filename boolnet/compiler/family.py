"""Compile a symmetric family member beyond the dense limit: parity:40 without its 2^40-row table.

The forms that never read a truth table are built from the value vector alone: the
depth-2 symmetric network (one "at least t ones" unit per change), the cascade (parity
and its complement), the balanced XOR tree (parity), and a single threshold unit when the
vector changes once. The wide form needs one hidden unit per minterm of a minimum cover
(2^(n-1) for parity) and is refused with that count.

Verification: a network whose every unit weighs the inputs equally reads only the input
count, so the N + 1 rows "first s inputs 1" decide every row (the symmetric argument,
:func:`boolnet.prove.symmetric.prove_symmetric`); that is a proof. Other networks (the XOR
tree) get a seeded sample that can only find a counterexample: the report says
"not proven" and ``verified`` is false, and without ``allow_unproven`` UnprovenError is raised.
"""
from __future__ import annotations

import time

import numpy as np

from ..costs import cost
from ..errors import BoolnetError, NotApplicable
from ..families import SymmetricSpec
from ..nn import Layer, Network
from ..verification import SAMPLE_ROWS, UnprovenError, VerificationError, VerifyReport
from .encoding import finish_network

__all__ = ["compile_family", "verify_family", "FAMILY_FORMS"]

#: The forms tried for a family without its table, in auto's order.
FAMILY_FORMS = ("threshold", "symmetric", "cascade", "deep", "wide")


def _threshold(spec: SymmetricSpec) -> Network:
    from .symmetric import fill_value_vector, transitions
    steps = transitions(fill_value_vector(spec.values))
    if len(steps) != 1:
        raise NotApplicable(f"the value vector changes {len(steps)} times; one threshold unit "
                            f"computes a symmetric function only when it changes once")
    t, d = steps[0]
    n = spec.n
    # [s >= t] with all weights 1, or its complement [-s >= 1 - t].
    W = np.full((1, n), d, np.int64)
    b = np.array([-t if d > 0 else t - 1], np.int64)
    return Network(n, [Layer(W, b, "step")], encoding="01", meta={"arch": "threshold"})


def _build(spec: SymmetricSpec, arch: str) -> Network:
    from . import cascade, deep, symmetric
    if arch == "threshold":
        return _threshold(spec)
    if arch == "symmetric":
        return symmetric.symmetric(spec)
    if arch == "cascade":
        return cascade.cascade(spec)
    if arch == "deep":
        if spec.kind != "parity":
            raise NotApplicable(f"the deep form of {spec.kind} needs its truth table "
                                f"(2^{spec.n} rows); only parity's XOR tree is built without it")
        net = deep.parity_tree(spec.n)
        net.meta["arch"] = "deep"
        return net
    if arch in ("wide", "sop", "pos"):
        what = f"2^{spec.n - 1} hidden units" if spec.kind == "parity" else \
            f"a minimised cover of its 2^{spec.n}-row table"
        raise NotApplicable(f"the wide form of {spec.n}-input {spec.kind} needs {what}")
    raise NotApplicable(f"the {arch} form needs the truth table of {spec.n} inputs")


def verify_family(net: Network, spec: SymmetricSpec, samples: int = SAMPLE_ROWS,
                  seed: int = 0) -> VerifyReport:
    """A proof by the symmetric argument, or a sample that can only find a counterexample (-> VerifyReport)."""
    from ..prove.symmetric import prove_symmetric
    t0 = time.perf_counter()
    plain = net
    if net.encoding == "pm1":
        from .encoding import to_01
        plain = to_01(net)
    proof = prove_symmetric(plain, [list(spec.values)])
    if proof is not None:
        cex = proof.counterexample
        if cex is not None:
            cex = dict(cex, output=spec.output_names[cex["output"]])
        rep = VerifyReport(proof.ok, False, proof.rows_checked, time.perf_counter() - t0,
                           "symmetric", cex, spec.n, method="symmetric",
                           proof="proven (symmetric)" if proof.ok else "counterexample",
                           reason="every unit weighs the inputs equally, so the network reads "
                                  f"only the input count: {spec.n + 1} rows decide every row")
        return rep
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 2, size=(samples, spec.n), dtype=np.int64)
    want = spec.evaluate(X)
    x = 2 * X - 1 if net.encoding == "pm1" else X
    raw = net.forward(x)
    got = (raw > 0) if net.layers[-1].activation == "sign" else (raw >= 1)
    wrong = (want >= 0) & (got.astype(np.int8) != want)
    cex = None
    if wrong.any():
        k = int(np.argwhere(wrong)[0][0])
        bits = "".join(map(str, X[k].tolist()))
        cex = {"row": int(bits, 2), "inputs": bits, "output": spec.output_name,
               "expected": int(want[k, 0]), "got": int(got[k, 0])}
    reason = (f"no prover yet takes a {spec.n}-input network whose units weigh the inputs "
              f"unequally against a family without its table; {samples} sampled rows "
              f"{'agree, which proves nothing' if cex is None else 'include one that differs'}")
    return VerifyReport(False, False, samples, time.perf_counter() - t0, "sampled", cex,
                        spec.n, method="sampled",
                        proof="not proven" if cex is None else "counterexample", reason=reason)


def compile_family(spec: SymmetricSpec, arch: str = "auto", encoding: str = "01",
                   max_depth: int | None = None, objective: str = "neurons",
                   allow_unproven: bool = False):
    """Compile a symmetric family member from its value vector (-> CompileReport)."""
    from . import CompileReport
    t0 = time.perf_counter()
    if encoding not in ("01", "pm1"):
        raise BoolnetError(f"encoding must be 01 or pm1, got {encoding!r}")
    names = {"input_names": list(spec.input_names), "output_names": list(spec.output_names)}
    candidates = []
    if arch == "auto":
        best = None
        for a in FAMILY_FORMS:
            try:
                net = _build(spec, a)
            except NotApplicable as exc:
                candidates.append({"arch": a, "applies": False, "reason": str(exc)})
                continue
            c = cost(net)
            entry = {"applies": True, **c.as_dict(), "arch": a}
            if max_depth is not None and c.depth > max_depth:
                entry.update(applies=False, reason=f"depth {c.depth} > max depth {max_depth}")
            candidates.append(entry)
            key = (c.neurons, c.parameters) if objective == "neurons" else (c.parameters,
                                                                             c.neurons)
            if entry["applies"] and (best is None or key < best[0]):
                best = (key, net, a)
        if best is None:
            raise BoolnetError("no architecture fits within the given limits")
        net, chosen = best[1], best[2]
        for entry in candidates:
            entry["chosen"] = entry["arch"] == chosen
    else:
        try:
            net = _build(spec, arch)
        except NotApplicable as exc:
            raise BoolnetError(f"--arch {arch}: {exc}") from None
    net = finish_network(net, arch, names, encoding, None if arch == "auto" else max_depth)
    rep = verify_family(net, spec)
    if rep.counterexample is not None:
        raise VerificationError(rep)
    if not rep.ok and not allow_unproven:
        raise UnprovenError(rep)
    return CompileReport(net, cost(net), rep, candidates, time.perf_counter() - t0)
