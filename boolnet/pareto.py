"""Width against depth: the Pareto front of every network boolnet can build for a function.

Contract. ``tradeoff(f)`` (public as ``boolnet.tradeoff``) builds every construction that
applies to f, at every depth it offers, verifies each network, measures it (depth, neurons,
non-zero weights, largest fan-in, largest |weight|) and returns the points that no other
verified point beats on all five at once (the *front*), the others (*dominated*, kept for
the record), what was tried and did not apply (with the reason), and known lower bounds
where they exist.

Constructions (each point carries its closed size formula, checked against the build):

- ``threshold``: one unit, when f is linearly separable (depth 1);
- ``wide``: one hidden layer of AND units over a minimised cover (depth 2);
- ``symmetric``: one unit per change of the value vector, T + 1 units (depth 2);
- ``telescoping``: parity at every depth d from 2 to floor(log2 N) + 1 in
  1 + sum(m_l - 1) units (mixed radix, ``boolnet.compiler.telescoping``), and any value
  vector at depth 3 in ceil(T/g) + g units (Siu, Roychowdhury and Kailath, IEEE Trans.
  Computers 40(12), 1991), and a periodic value vector (v(s) = u(s mod p)) at every depth
  in 1 + T_p [T_p >= 2] + sum(m_l - 1) units (the same counting in blocks of p; a general
  value vector gains little beyond depth 3, by counting: see the module);
- ``xor-tree``: parity as a tree of k-input XOR blocks, N - 1 + 2 ceil((N-1)/(k-1)) units in
  2 ceil(log_k N) layers, for each even depth between the symmetric form and the
  2-input tree (``deep``: 3(N-1) units, or the XOR decomposition of any function);
- ``cascade``: parity in floor(log2 N) + 1 units (depth the same);
- ``exact``: the minimum per depth from ``boolnet.compiler.exact`` for N <= 6, and
  ``synth``: depth-bounded multi-level synthesis, when those compilers are installed.

Verification: every point is proven, through ``boolnet.verification`` (every row, or
its SAT miter) when N <= ``exhaustive_max`` (24); beyond, for a symmetric function, by
the symmetric argument (``boolnet.prove.symmetric``: units that read the inputs with
equal weights compute a function of the count, so N + 1 rows are a proof) or, for
networks whose units read subsets of the inputs (XOR trees), by BDDs against the value
vector. A point no prover settles is reported unverified and left off the front.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from .costs import cost
from .errors import BoolnetError, NotApplicable
from .function import BooleanFunction
from .nn import Network
from .prove.symmetric import prove_symmetric, prove_value_vector_bdd
from .verification import EXHAUSTIVE_MAX, verify

__all__ = ["tradeoff", "Tradeoff", "Point", "symmetric_family", "lower_bound", "FORMS",
           "WIDE_MAX", "EXACT_MAX", "SYNTH_MAX", "TABLE_MAX"]

#: Largest N whose wide (two-level) network is built: parity's has 2^(N-1) hidden units.
WIDE_MAX = 12
#: Largest N handed to the exact synthesis compiler (one call per depth bound).
EXACT_MAX = 6
#: Largest N of a symmetric function whose truth table the table compilers read: beyond,
#: the value-vector constructions (one unit, symmetric, telescoping, cascade, XOR trees)
#: cover what they would build, and their passes over 2^N rows cost seconds to minutes
#: (majority:24: the XOR-block test alone holds 24 derivative tables of 2^24 bytes).
TABLE_MAX = 16
#: Largest N handed to multi-level synthesis (a few seconds per depth bound at N = 8-12).
SYNTH_MAX = 10
#: Every construction family ``tradeoff`` knows, in the order tried.
FORMS = ("threshold", "wide", "deep", "exact", "synth", "symmetric", "telescoping", "cascade",
         "xor-tree")
#: The measures a point is judged on, all to be made small.
MEASURES = ("depth", "neurons", "weights", "max_fanin", "max_weight")


@dataclass
class Point:
    """One verified (or not) network on the depth/size plane, with its formula and proof."""

    construction: str
    label: str
    depth: int
    neurons: int
    weights: int
    max_fanin: int
    max_weight: int
    formula: int | None = None  # neurons by the construction's closed formula
    formula_text: str = ""
    bound: float | None = None  # the stated upper bound on neurons, where one is stated
    verified: bool = False
    proof: str = "not proven"
    seconds: float = 0.0
    network: Network | None = field(default=None, repr=False)

    def key(self) -> tuple[int, ...]:
        """The five measures, in MEASURES order."""
        return tuple(getattr(self, m) for m in MEASURES)

    @property
    def matches_formula(self) -> bool | None:
        """True when the built size equals the formula (None: no formula)."""
        return None if self.formula is None else self.formula == self.neurons

    def to_dict(self) -> dict:
        """JSON-ready form (the keys of ``boolnet tradeoff --format json``'s points)."""
        return {"construction": self.construction, "label": self.label,
                **{m: getattr(self, m) for m in MEASURES},
                "formula": self.formula, "formula_text": self.formula_text, "bound": self.bound,
                "matches_formula": self.matches_formula, "verified": self.verified,
                "proof": self.proof, "seconds": round(self.seconds, 6)}


@dataclass
class Tradeoff:
    """The front, the dominated points, what was tried, and known lower bounds."""

    name: str
    n: int
    front: list[Point]
    dominated: list[Point]
    unverified: list[Point]
    tried: list[dict]
    lower_bounds: dict[int, tuple[float, str]]
    seconds: float = 0.0

    @property
    def points(self) -> list[Point]:
        """Every point built, front first."""
        return self.front + self.dominated + self.unverified

    def best_by_depth(self) -> dict[int, Point]:
        """The fewest-neuron verified point of each depth."""
        best: dict[int, Point] = {}
        for p in self.front + self.dominated:
            if p.depth not in best or (p.neurons, p.weights) < (best[p.depth].neurons,
                                                                best[p.depth].weights):
                best[p.depth] = p
        return dict(sorted(best.items()))

    def to_dict(self) -> dict:
        """JSON-ready form: name, n, front, dominated, unverified, tried, lower_bounds, seconds."""
        return {"name": self.name, "n": self.n,
                "front": [p.to_dict() for p in self.front],
                "dominated": [p.to_dict() for p in self.dominated],
                "unverified": [p.to_dict() for p in self.unverified],
                "tried": self.tried,
                # JSON has no infinity: an impossible depth is neurons null, impossible true.
                "lower_bounds": [{"depth": d, "neurons": v if math.isfinite(v) else None,
                                  "impossible": not math.isfinite(v), "reference": ref}
                                 for d, (v, ref) in sorted(self.lower_bounds.items())],
                "seconds": round(self.seconds, 6)}

    def _repr_html_(self) -> str:
        """Jupyter's view: the report as an HTML table."""
        from .display import report_html
        return report_html(self)

    def table(self) -> str:
        """The points as an aligned text table, front first (``*`` marks the front)."""
        head = ("", "depth", "neurons", "weights", "fan-in", "|w|max", "formula", "proof",
                "construction")
        rows = [head]
        for mark, pts in (("*", self.front), (" ", self.dominated), ("?", self.unverified)):
            for p in sorted(pts, key=lambda p: (p.depth, p.neurons)):
                f = "-" if p.formula is None else (f"= {p.formula}" if p.matches_formula
                                                  else f"!= {p.formula}")
                rows.append((mark, str(p.depth), f"{p.neurons:,}", f"{p.weights:,}",
                             str(p.max_fanin), str(p.max_weight), f, p.proof, p.label))
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        right = {1, 2, 3, 4, 5}
        lines = ["  ".join(c.rjust(w) if i in right else c.ljust(w)
                           for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in rows]
        lines.insert(1, "-" * len(lines[0]))
        return "\n".join(lines)


# ------------------------------------------------------------------ the function
def symmetric_family(spec: str) -> list[int] | None:
    """The value vector of a symmetric family named as on the command line, else None.

    Names: parity:N, xor:N, majority:N, symmetric:v0,v1,...

    >>> symmetric_family("parity:3"), symmetric_family("majority:4"), symmetric_family("adder:2")
    ([0, 1, 0, 1], [0, 0, 0, 1, 1], None)
    """
    name, _, arg = spec.partition(":")
    name = name.strip().lower()
    try:
        if name in ("parity", "xor"):
            n = int(arg)
            if n < 1:
                raise ValueError(f"the number of inputs must be >= 1, got {n}")
            return [s % 2 for s in range(n + 1)]
        if name == "majority":
            n = int(arg)
            if n < 1:
                raise ValueError(f"the number of inputs must be >= 1, got {n}")
            return [int(2 * s > n) for s in range(n + 1)]
        if name == "symmetric":
            v = [int(x) for x in arg.split(",")]
            if len(v) < 2 or any(x not in (0, 1, -1) for x in v):
                raise ValueError(f"a value vector holds at least 2 entries of 0, 1 or -1, got {v}")
            return v
    except ValueError as exc:
        raise BoolnetError(f"family {spec!r}: {exc}") from None
    return None


def _parity_phase(values: Sequence[int]) -> int | None:
    """0 for parity, 1 for its complement (don't-cares agree with either), None otherwise."""
    for phase in (0, 1):
        if all(v < 0 or v == (s + phase) % 2 for s, v in enumerate(values)):
            return phase
    return None


def lower_bound(n: int, depth: int, *, parity: bool,
                separable: bool | None) -> tuple[float, str] | None:
    """A known lower bound on the neurons of a threshold network of this depth, and its reference.

    Parity (N >= 2): no single unit (Minsky and Papert 1969), and at depth d at least
    (N/2)^(1/(2(d-1))) units for any weights (Impagliazzo, Paturi and Saks, SIAM J. Comput.
    26(3), 1997). A function that is not linearly separable needs 2 units at every depth.
    """
    if parity and n >= 2:
        if depth == 1:
            return math.inf, "parity is not linearly separable (Minsky and Papert 1969)"
        ips = (n / 2) ** (1 / (2 * (depth - 1)))
        if ips > 2:
            return ips, "(N/2)^(1/(2(d-1))) units: Impagliazzo, Paturi and Saks 1997"
        return 2.0, "not linearly separable: at least 2 units"
    if separable is False:
        return (math.inf if depth == 1 else 2.0), "not linearly separable: at least 2 units"
    return None


# ------------------------------------------------------------------ measuring
def _measure(net: Network) -> dict:
    c = cost(net)
    fanin = max(int(np.count_nonzero(row)) for layer in net.layers for row in layer.W)
    wmax = max(int(np.abs(layer.W).max()) if layer.W.size else 0 for layer in net.layers)
    return {"depth": c.depth, "neurons": c.neurons, "weights": c.weights, "max_fanin": fanin,
            "max_weight": wmax}


class _Collector:
    """Builds, verifies and records points; keeps the reasons of what did not apply."""

    def __init__(self, n, dense, values, max_depth, exhaustive_max, time_limit, forms, progress):
        self.n, self.dense, self.values = n, dense, values
        self.max_depth, self.exhaustive_max = max_depth, exhaustive_max
        self.time_limit, self.forms, self.progress = time_limit, forms, progress
        self.points: list[Point] = []
        self.tried: list[dict] = []

    def skip(self, construction: str, reason: str) -> None:
        if construction.replace(",", " ").split()[0] not in self.forms:
            return
        self.tried.append({"construction": construction, "built": False, "reason": reason})

    def add(self, construction: str, label: str, build: Callable[[], Network],
            formula: int | None = None, formula_text: str = "", bound: float | None = None,
            depth_hint: int | None = None) -> Point | None:
        """Build one network, measure and verify it; NotApplicable becomes a recorded reason."""
        if construction not in self.forms:
            return None
        if self.max_depth is not None and depth_hint is not None and depth_hint > self.max_depth:
            self.skip(label, f"depth {depth_hint} > max depth {self.max_depth}")
            return None
        if self.progress:
            self.progress(label, len(self.points))
        t0 = time.perf_counter()
        try:
            net = build()
        except NotApplicable as exc:
            self.skip(label, str(exc))
            return None
        except BoolnetError as exc:  # a compiler that refuses (synth: no cover of that depth)
            if construction not in ("synth", "exact"):
                raise
            self.skip(label, str(exc))
            return None
        m = _measure(net)
        if self.max_depth is not None and m["depth"] > self.max_depth:
            self.skip(label, f"depth {m['depth']} > max depth {self.max_depth}")
            return None
        verified, proof = self._verify(net)
        p = Point(construction, label, **m, formula=formula, formula_text=formula_text,
                  bound=bound, verified=verified, proof=proof,
                  seconds=time.perf_counter() - t0, network=net)
        self.points.append(p)
        self.tried.append({"construction": label, "built": True, "reason": ""})
        return p

    def _verify(self, net: Network) -> tuple[bool, str]:
        if self.dense is not None:
            rep = verify(net, self.dense, exhaustive_max=self.exhaustive_max,
                         time_limit=self.time_limit)
            if rep.counterexample is not None:
                raise BoolnetError(f"internal error: {net.meta.get('arch')} is wrong: "
                                   f"{rep.message()}")
            return rep.ok, (rep.method if rep.ok else "not proven")
        if self.values is not None:
            proof = prove_symmetric(net, self.values)
            if proof is None and net.n_outputs == 1:  # units read subsets: BDDs at any N
                proof = prove_value_vector_bdd(net, self.values, time_limit=self.time_limit)
            if proof is not None:
                if not proof.ok:
                    raise BoolnetError(f"internal error: {net.meta.get('arch')} is wrong at "
                                       f"{proof.counterexample}")
                return True, proof.method
        return False, "not proven"


# ------------------------------------------------------------------ the constructions
def _general(c: _Collector, f: BooleanFunction, max_depth: int | None) -> None:
    """The compilers that read a truth table: threshold, wide, deep, exact, synth."""
    from .compiler import ARCHS, compile as compile_
    c.add("threshold", "threshold (one unit)", lambda: compile_(f, arch="threshold"),
          formula=f.m, formula_text="one unit per output", depth_hint=1)
    if f.n <= WIDE_MAX:
        c.add("wide", "wide (minimised cover)", lambda: compile_(f, arch="wide"), depth_hint=2)
    else:
        c.skip("wide", f"N = {f.n} > {WIDE_MAX}: the two-level cover grows as 2^N "
                       f"(parity: 2^(N-1) terms); not built")
    from .compiler.deep import xor_blocks
    if f.n <= WIDE_MAX or any(len(xor_blocks(f, j)[1]) > 1 for j in range(f.m)):
        c.add("deep", "deep (XOR decomposition)", lambda: compile_(f, arch="deep"))
    else:  # measured: a random symmetric N = 16 took 110 s for 24,605 units
        c.skip("deep", f"N = {f.n} > {WIDE_MAX} and no output splits into XOR blocks: the deep "
                       f"form would be one two-level network per output")
    _exact(c, f, max_depth)
    if "synth" not in ARCHS:
        c.skip("synth", "multi-level synthesis is not in boolnet.compiler.ARCHS")
    elif f.n > SYNTH_MAX:
        c.skip("synth", f"N = {f.n} > {SYNTH_MAX}: synthesis takes seconds per depth; "
                        f"tried up to {SYNTH_MAX} inputs")
    else:
        # Unbounded first; then each smaller depth bound until one cannot be met.
        p = c.add("synth", "synth", lambda: compile_(f, arch="synth", max_depth=max_depth))
        d = (p.depth if p is not None else (max_depth or 0) + 1) - 1
        while p is not None and d >= 2:
            p = c.add("synth", f"synth d<={d}", lambda d=d: compile_(f, arch="synth", max_depth=d))
            d = (p.depth if p is not None else d) - 1


def _exact(c: _Collector, f: BooleanFunction, max_depth: int | None) -> None:
    """Fewest units for each depth bound, from the global minimum's depth down to 2 (N <= 6)."""
    if "exact" not in c.forms:
        return
    try:
        from .compiler.exact import exact_minimum
    except ImportError:
        c.skip("exact", "boolnet.compiler.exact is not installed")
        return
    if f.n > EXACT_MAX:
        c.skip("exact", f"N = {f.n} > {EXACT_MAX}: exact synthesis is tried up to "
                        f"{EXACT_MAX} inputs")
        return

    def build(d: int | None) -> Network:
        net, report = exact_minimum(f, max_depth=d, time_limit=c.exact_time_limit)
        net.meta["proven_minimum"] = bool(getattr(report, "proven", False))
        return net
    p = c.add("exact", "exact (fewest units)", lambda: build(max_depth))
    d = (p.depth if p is not None else 0) - 1
    while p is not None and d >= 2:
        p = c.add("exact", f"exact d<={d}", lambda d=d: build(d))
        d = (p.depth if p is not None else d) - 1


def _symmetric(c: _Collector, values: list[int], tables: bool) -> None:
    from .compiler.symmetric import fill_value_vector, transitions
    from .compiler.telescoping import (one_unit_symmetric, symmetric_bound, symmetric_units,
                                       telescoping_symmetric, two_level_symmetric)
    t = len(transitions(fill_value_vector(values)))
    if not tables:  # the table compilers' threshold form, from the value vector
        c.add("threshold", "threshold (one unit)", lambda: one_unit_symmetric(values),
              formula=1, formula_text="one unit", depth_hint=1)
    c.add("symmetric", "symmetric (a unit per change)", lambda: two_level_symmetric(values),
          formula=t + 1 if t else 1, formula_text=f"T + 1 = {t + 1} (T = {t} changes)",
          depth_hint=2)
    try:
        units = symmetric_units(t)
    except NotApplicable as exc:
        c.skip("telescoping d=3", str(exc))
        return
    c.add("telescoping", "telescoping d=3 (any value vector)",
          lambda: telescoping_symmetric(values), formula=units,
          formula_text=f"ceil(T/g) + g = {units} (T = {t})", bound=symmetric_bound(t),
          depth_hint=3)


def _periodic(c: _Collector, values: list[int]) -> None:
    """A periodic value vector (not parity) at every depth its mixed-radix counting offers."""
    from .compiler.symmetric import transitions
    from .compiler.telescoping import (max_periodic_depth, period_of, periodic_bound,
                                       periodic_radices, periodic_units, telescoping_periodic)
    p, u = period_of(values)
    try:
        low = 2 if len(transitions(u)) <= 1 else 3
        top = max_periodic_depth(values)
        periodic_radices(values, low)
    except NotApplicable as exc:
        c.skip("telescoping d>=4 (periodic)", f"{exc}; beyond depth 3 the telescoping "
                                             f"counts only periodic value vectors")
        return
    for d in range(low, top + 1):
        radices = periodic_radices(values, d)
        c.add("telescoping", f"telescoping d={d} period {p} radices "
                             f"{'x'.join(map(str, radices))}",
              lambda d=d: telescoping_periodic(values, d), formula=periodic_units(values, d),
              formula_text="1 + T_p [T_p >= 2] + sum(m_l - 1)", bound=periodic_bound(values, d),
              depth_hint=d)


def _parity(c: _Collector, n: int, phase: int, tables: bool) -> None:
    from .compiler.cascade import cascade_parity
    from .compiler.deep import parity_tree, xor_tree
    from .compiler.telescoping import (max_parity_depth, parity_bound, parity_radices,
                                       parity_units, telescoping_parity)
    inv = bool(phase)
    for p in c.points:  # the table compilers' parity networks have textbook sizes too
        if p.construction == "deep":
            p.formula, p.formula_text = 3 * (n - 1), "3(N - 1)"
        elif p.construction == "wide":
            p.formula, p.formula_text = (1 << (n - 1)) + 1, "2^(N-1) + 1"
    for d in range(2, max_parity_depth(n) + 1):
        radices = parity_radices(n, d)
        c.add("telescoping", f"telescoping d={d} radices {'x'.join(map(str, radices))}",
              lambda d=d: telescoping_parity(n, d, inv), formula=parity_units(n, d),
              formula_text="1 + sum(m_l - 1)", bound=parity_bound(n, d), depth_hint=d)
    k = n.bit_length()
    c.add("cascade", "cascade", lambda: cascade_parity(n, inv), formula=k,
          formula_text="floor(log2 N) + 1", depth_hint=k)
    if not tables:  # the deep compiler needs the table; its parity tree does not
        c.add("deep", "deep (XOR tree, k=2)", lambda: parity_tree(n, inv),
              formula=3 * (n - 1), formula_text="3(N - 1)",
              depth_hint=2 * math.ceil(math.log2(n)))
    # The XOR tree cut to each even depth between the symmetric form (k = N, depth 2) and
    # the 2-input tree: the smallest block width that fits.
    top = 2 * math.ceil(math.log2(n))
    for depth in range(4, top, 2):
        arity = next(a for a in range(2, n + 1) if a ** (depth // 2) >= n)
        if _levels(n, arity) != depth // 2:
            continue  # this width already reaches a shallower depth
        blocks = -(-(n - 1) // (arity - 1))
        c.add("xor-tree", f"xor-tree k={arity}", lambda a=arity: xor_tree(n, a, inv),
              formula=n - 1 + 2 * blocks, formula_text="N - 1 + 2 ceil((N-1)/(k-1))",
              depth_hint=depth)


def _levels(n: int, arity: int) -> int:
    """Levels of a tree of arity-input blocks over n leaves: ceil(log_arity n) in integers."""
    levels, reach = 1, arity
    while reach < n:
        levels, reach = levels + 1, reach * arity
    return levels


def _pareto(points: list[Point]) -> tuple[list[Point], list[Point]]:
    """Split verified points into the non-dominated and the dominated.

    A point is dominated when another is at most as large on all five measures and
    smaller on one.
    """
    keys = [p.key() for p in points]
    front, dominated = [], []
    for i, p in enumerate(points):
        beaten = any(all(a <= b for a, b in zip(keys[j], keys[i])) and keys[j] != keys[i]
                     for j in range(len(points)) if j != i)
        (dominated if beaten else front).append(p)
    return front, dominated


def tradeoff(f, *, max_depth: int | None = None, forms: Sequence[str] | None = None,
             exhaustive_max: int = EXHAUSTIVE_MAX, time_limit: float | None = 60.0,
             exact_time_limit: float = 5.0, name: str | None = None,
             progress: Callable[[str, int], None] | None = None) -> Tradeoff:
    """The depth/size Pareto front of every network boolnet builds for ``f``, each verified.

    Parameters
    ----------
    f : BooleanFunction, SymmetricSpec or sequence of int
        The function, or the value vector v(0..N) of a symmetric function (0, 1, or -1 for
        don't care), which needs no 2^N table: ``[s % 2 for s in range(65)]`` is 64-input parity.
    max_depth : int, optional
        Leave out networks deeper than this.
    forms : sequence of str, optional
        The construction families to try (default: all of ``FORMS``).
    exhaustive_max : int
        Verify through ``boolnet.verification`` up to this many inputs; beyond, by the
        symmetric argument or BDDs (value vectors) or the equivalence prover (tables).
    time_limit : float, optional
        Seconds for each SAT or BDD proof.
    exact_time_limit : float
        Seconds for each exact-synthesis call (N <= 6).
    name : str, optional
        A name for reports.
    progress : callable, optional
        Called as ``progress(label, points_so_far)`` before each build.

    Returns
    -------
    Tradeoff

    Raises
    ------
    BoolnetError
        On a bad function, or when a construction builds a wrong network (a bug).

    Examples
    --------
    >>> r = tradeoff([s % 2 for s in range(17)])
    >>> sorted({p.depth for p in r.front})
    [2, 3, 4, 6, 8]
    >>> r.best_by_depth()[3].neurons, r.best_by_depth()[3].proof
    (5, 'exhaustive')
    """
    t0 = time.perf_counter()
    forms = FORMS if forms is None else tuple(forms)
    unknown = sorted(set(forms) - set(FORMS))
    if unknown:
        raise BoolnetError(f"unknown construction {', '.join(unknown)}; expected some of "
                           f"{', '.join(FORMS)}")
    if hasattr(f, "values") and not isinstance(f, BooleanFunction):
        f = f.values  # a SymmetricSpec: its value vector
    if isinstance(f, BooleanFunction):
        dense = f
        values = list(f.value_vector(0)) if f.m == 1 and f.value_vector(0) is not None else None
    else:
        values = [int(v) for v in f]
        if len(values) < 2 or any(v not in (0, 1, -1) for v in values):
            raise BoolnetError(f"a value vector holds at least 2 entries of 0, 1 or -1 "
                               f"(don't care); got {values[:8]}")
        dense = None
        if len(values) - 1 <= exhaustive_max:
            from .families import symmetric as symmetric_table
            dense = symmetric_table(values)
    n = dense.n if dense is not None else len(values) - 1
    if max_depth is not None and max_depth < 1:
        raise BoolnetError(f"max depth must be at least 1, got {max_depth}")
    c = _Collector(n, dense, values, max_depth, exhaustive_max, time_limit, forms, progress)
    c.exact_time_limit = exact_time_limit
    phase = _parity_phase(values) if values is not None and n >= 2 else None
    tables = dense is not None and (values is None or n <= TABLE_MAX)
    if tables:
        _general(c, dense, max_depth)
    else:
        c.skip("wide, deep, exact, synth",
               f"N = {n} > {TABLE_MAX if dense is not None else exhaustive_max}: these "
               f"compilers read the 2^N table; the symmetric constructions cover this function")
    if values is not None:
        _symmetric(c, values, tables)
        if phase is not None:
            _parity(c, n, phase, tables)
        else:
            _periodic(c, values)
    else:
        c.skip("symmetric, telescoping", "these need a single-output symmetric function")
    good = [p for p in c.points if p.verified]
    front, dominated = _pareto(good)
    separable = None
    if dense is not None or values is not None:
        separable = any(p.construction == "threshold" for p in good)
    bounds = {}
    depths = sorted({p.depth for p in c.points} | set(range(1, (max_depth or 1) + 1)))
    for d in depths:
        lb = lower_bound(n, d, parity=phase is not None, separable=separable)
        if lb is not None:
            bounds[d] = lb
    key = lambda p: (p.depth, p.neurons, p.weights)  # noqa: E731
    return Tradeoff(name or (f"{n}-input function" if dense is None else
                             ", ".join(dense.output_names)), n,
                    sorted(front, key=key), sorted(dominated, key=key),
                    [p for p in c.points if not p.verified], c.tried, bounds,
                    time.perf_counter() - t0)
