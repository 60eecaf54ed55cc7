"""A SAT miter of a threshold network against its function, at any number of inputs.

The network and the function become one circuit in CNF over shared input variables
x1..xn, with structural hashing (a cube of the source and an AND unit of the network
over the same literals are one variable, as in ABC's ``strash``):

- a cube is an AND of its literals, a cover's output an OR of its cubes;
- a threshold unit [sum a_i l_i >= K] (after the usual normalisation: a literal with a
  negative weight is replaced by its negation, w l = w + |w| (not l), so every a_i > 0)
  is folded to a constant, an AND or an OR where it is one, and otherwise encoded as the
  reduced ordered BDD of the inequality, built with the interval method of Abio,
  Nieuwenhuis, Oliveras, Rodriguez-Carbonell, Mayer-Eichberger, "A New Look at BDDs for
  Pseudo-Boolean Constraints", JAIR 45 (2012): the node "sum_{j>=i} a_j l_j >= K" is the
  same for every K in an interval, so it is built once per interval. A node is
  F0 or (l_i and F1) with F0 -> F1 (the inequality is monotone), i.e. two hashed gates;
  the result is an exact, propagation-complete definition of the unit's output;
- per output j the miter asks for an input where the output is a care value and the
  network's value differs from the expected one (see :mod:`boolnet.prove.result` for
  what care and expected mean for each kind of function). Each output is one solver
  call under an assumption; an output proven equal is then fixed as a unit clause.

CaDiCaL (through python-sat) decides each call. A satisfying assignment is read back as
a row and re-checked by the network's own forward pass and the covers (never trusted
blindly); an unsatisfiable miter is a proof. A time or conflict limit gives "not
proven", never a proof.
"""
from __future__ import annotations

import time

import numpy as np

from ..cover import Cover, CubeFunction
from ..errors import BoolnetError, memory_budget
from ..function import BooleanFunction
from ..nn import Network
from .result import ProofResult, counterexample
from .units import interval_bdd, step_units

__all__ = ["prove_sat", "Circuit", "SOLVER", "BDD_NODE_LIMIT", "CONFLICT_STEP", "CLAUSE_BYTES"]

#: The SAT solver python-sat runs (CaDiCaL 1.9.5).
SOLVER = "cadical195"
#: Nodes of one unit's BDD before the encoding gives up (a unit with huge, varied weights).
BDD_NODE_LIMIT = 200_000
#: Bytes a clause takes while the CNF is built (a Python list of Python ints, about 130
#: bytes for a binary clause) and once more inside the solver: the miter is refused when
#: clauses times this passes the memory budget (boolnet.errors.memory_budget).
CLAUSE_BYTES = 200
#: Most conflicts per solver call between two looks at the clock. Calls start at
#: CONFLICT_STEP // 16 and double, so a short time limit is kept closely and a long
#: search pays little for the calls: CaDiCaL does about 10^4-10^5 conflicts a second here.
CONFLICT_STEP = 20_000


class EncodingTooLarge(BoolnetError):
    """A unit whose BDD passes BDD_NODE_LIMIT nodes."""


class Circuit:
    """A structurally hashed AND/OR/XOR circuit written straight to CNF clauses.

    Literals are DIMACS ints; ``TRUE`` is a variable fixed by a unit clause, ``-TRUE``
    is false. Every gate's output is fully defined by its inputs (both directions of
    the Tseitin encoding), so any of its literals may be assumed or negated.
    """

    def __init__(self, n_inputs: int, max_clauses: int | None = None):
        self.n_inputs = n_inputs
        self.max_clauses = max_clauses
        self.TRUE = n_inputs + 1
        self.top = n_inputs + 1
        self.clauses: list[list[int]] = [[self.TRUE]]
        self._and: dict[tuple[int, ...], int] = {}
        self._xor: dict[tuple[int, int], int] = {}

    def new_var(self) -> int:
        """A fresh variable (EncodingTooLarge once the clauses pass ``max_clauses``)."""
        self.top += 1
        if self.max_clauses is not None and not self.top & 0xFFFF and \
                len(self.clauses) > self.max_clauses:
            raise EncodingTooLarge(f"the miter passed {len(self.clauses):,} clauses, about "
                                   f"{len(self.clauses) * CLAUSE_BYTES / 2**30:.1f} GiB "
                                   f"(the memory budget)")
        return self.top

    def and_(self, lits) -> int:
        """A literal equal to the AND of ``lits`` (constants folded, shared when seen before)."""
        T = self.TRUE
        s = set()
        for lit in lits:
            if lit == T:
                continue
            if lit == -T or -lit in s:
                return -T
            s.add(lit)
        if not s:
            return T
        if len(s) == 1:
            return next(iter(s))
        key = tuple(sorted(s))
        y = self._and.get(key)
        if y is None:
            y = self.new_var()
            self._and[key] = y
            cl = self.clauses
            for lit in key:
                cl.append([-y, lit])
            cl.append([y] + [-lit for lit in key])
        return y

    def or_(self, lits) -> int:
        """A literal equal to the OR of ``lits``."""
        return -self.and_([-lit for lit in lits])

    def xor(self, a: int, b: int) -> int:
        """A literal equal to a XOR b."""
        T = self.TRUE
        if abs(a) == T:
            return -b if a == T else b
        if abs(b) == T:
            return -a if b == T else a
        if a == b:
            return -T
        if a == -b:
            return T
        neg = (a < 0) != (b < 0)  # x ^ ~y = ~(x ^ y): hash on the positive variables
        a, b = sorted((abs(a), abs(b)))
        y = self._xor.get((a, b))
        if y is None:
            y = self.new_var()
            self._xor[(a, b)] = y
            self.clauses += [[-y, a, b], [-y, -a, -b], [y, -a, b], [y, a, -b]]
        return -y if neg else y

    def threshold(self, lits, weights, bound: int) -> int:
        """A literal equal to [sum weights[i] * lits[i] >= bound] (any integer weights)."""
        T = self.TRUE
        coef: dict[int, int] = {}
        const = 0
        for lit, w in zip(lits, weights):
            if not w:
                continue
            if lit == T:
                const += w
            elif lit == -T:
                continue
            elif lit > 0:
                coef[lit] = coef.get(lit, 0) + w
            else:  # w (not v) = w - w v
                const += w
                coef[-lit] = coef.get(-lit, 0) - w
        K = bound - const
        pos_l, pos_a = [], []
        for v, w in coef.items():
            if w > 0:
                pos_l.append(v)
                pos_a.append(w)
            elif w < 0:  # w v = w + |w| (not v)
                pos_l.append(-v)
                pos_a.append(-w)
                K -= w
        S = sum(pos_a)
        if K <= 0:
            return T
        if K > S:
            return -T
        if min(pos_a) >= K:
            return self.or_(pos_l)  # any one literal reaches the bound
        if S - min(pos_a) < K:
            return self.and_(pos_l)  # every literal is needed
        order = sorted(range(len(pos_a)), key=lambda i: (-pos_a[i], pos_l[i]))
        return self._bdd([pos_l[i] for i in order], [pos_a[i] for i in order], K)

    def _bdd(self, lits: list[int], a: list[int], K: int) -> int:
        """The ROBDD of [sum a_i lits_i >= K], a_i > 0, by intervals (see the module docstring)."""
        count = 0

        def ite(lit: int, f1: int, f0: int) -> int:
            nonlocal count
            count += 1
            if count > BDD_NODE_LIMIT:
                raise EncodingTooLarge(f"a threshold unit of {len(a)} inputs needs more than "
                                       f"{BDD_NODE_LIMIT} BDD nodes")
            # F0 -> F1 (monotone), so ITE(l, F1, F0) = F0 or (l and F1).
            return self.or_([f0, self.and_([lit, f1])])

        return interval_bdd(lits, a, K, self.TRUE, -self.TRUE, ite)

    def cover(self, c: Cover) -> list[int]:
        """One literal per output of a cover: the OR of its cubes, each an AND of literals."""
        care, value = c.literal_arrays()
        cubes = []
        for r in range(len(c)):
            idx = np.flatnonzero(care[r])
            cubes.append(self.and_([int(i) + 1 if value[r, i] else -(int(i) + 1) for i in idx]))
        outs = c.outputs
        return [self.or_([cubes[r] for r in np.flatnonzero(outs[:, j])]) for j in range(c.m)]

    def network(self, net: Network) -> list[int]:
        """One literal per network output (every unit encoded, hashed with the rest)."""
        units, out_index = step_units(net)
        sig = list(range(1, self.n_inputs + 1))
        for u in units:
            sig.append(self.threshold([sig[i] for i in u.inputs], u.weights, u.threshold))
        return [sig[i] for i in out_index]

    def table(self, words: np.ndarray, n: int) -> int:
        """A literal equal to one output of a packed truth table, as a decision diagram.

        Rows run first input most significant, so a word holds the 64 rows of the last six
        inputs and neighbouring entries at each level differ in the next input up: the
        levels are merged bottom-up, equal sub-tables getting one literal (np.unique), so
        parity of 28 inputs is 2 nodes a level, not 2^27 minterms.
        """
        k = min(n, 6)
        memo: dict[tuple[int, int], int] = {}

        def word(tt: int, k: int) -> int:  # rows 0 .. 2^k - 1 of the last k inputs
            full = (1 << (1 << k)) - 1
            tt &= full
            if tt == 0:
                return -self.TRUE
            if tt == full:
                return self.TRUE
            key = (tt, k)
            if key not in memo:
                half = 1 << (k - 1)
                lo = word(tt & ((1 << half) - 1), k - 1)
                hi = word(tt >> half, k - 1)
                memo[key] = self.mux(n - k + 1, hi, lo)
            return memo[key]

        w = np.asarray(words, np.uint64).ravel()[:max(1, (1 << n) // 64)]
        uniq, ids = np.unique(w, return_inverse=True)
        lits = np.array([word(int(v), k) for v in uniq], np.int64)[ids]
        for level in range(n - k, 0, -1):  # input x_level (1-based) splits each pair
            pairs = lits.reshape(-1, 2)
            # One int64 key per pair (literals are far below 2^31): np.unique on rows is slow.
            key = ((pairs[:, 0] + (1 << 31)) << 32) | (pairs[:, 1] + (1 << 31))
            up, first, inv = np.unique(key, return_index=True, return_inverse=True)
            lits = np.array([self.mux(level, int(pairs[i, 1]), int(pairs[i, 0])) for i in first],
                            np.int64)[inv.ravel()]
        return int(lits[0])

    def mux(self, var: int, hi: int, lo: int) -> int:
        """A literal equal to (x_var ? hi : lo)."""
        if hi == lo:
            return hi
        return self.or_([self.and_([var, hi]), self.and_([-var, lo])])

    def truth_table(self, f: BooleanFunction) -> tuple[list[int], list[int]]:
        """Expected and care literals of a dense function (ON and DC tables as diagrams)."""
        on = [self.table(f.on_words[j], f.n) for j in range(f.m)]
        care = [-self.table(f.dc_words[j], f.n) for j in range(f.m)]
        return on, care

    def source(self, f) -> tuple[list[int], list[int]]:
        """Expected and care literals per output of a BooleanFunction or CubeFunction."""
        if isinstance(f, BooleanFunction):
            return self.truth_table(f)
        if not isinstance(f, CubeFunction):
            raise BoolnetError(f"cannot prove against a {type(f).__name__}; give a "
                               f"BooleanFunction or a CubeFunction")
        on = self.cover(f.on)
        dc = self.cover(f.dc) if len(f.dc) else [-self.TRUE] * f.m
        care = [-d for d in dc]
        if f.off is not None:
            off = self.cover(f.off)
            if f.pla_type in ("r", "dr"):
                on = [self.or_([a, -b]) for a, b in zip(on, off)]
            else:
                care = [self.and_([c, self.or_([a, b])]) for c, a, b in zip(care, on, off)]
        return on, care


def prove_sat(net: Network, f, *, time_limit: float | None = None,
              conflict_limit: int | None = None) -> ProofResult:
    """Prove a threshold network equal to ``f`` on its care set with a SAT miter, or refute it.

    Returns status "sat" (proven), "counterexample" (with a concrete care row, checked by
    the network's forward pass) or "not proven" (a time or conflict limit was reached,
    or a unit's encoding was too large; ``reason`` says which).

    >>> from boolnet.nn import Layer, Network
    >>> from boolnet.cover import Cover, CubeFunction
    >>> f = CubeFunction(Cover.from_strings(["11-", "1-1"]))
    >>> prove_sat(Network(3, [Layer([[2, 1, 1]], [-3])]), f).status
    'sat'
    >>> prove_sat(Network(3, [Layer([[1, 1, 1]], [-2])]), f).counterexample["inputs"]
    '011'
    """
    from pysat.solvers import Solver

    t0 = time.perf_counter()
    if (net.n_inputs, net.n_outputs) != (f.n, f.m):
        raise BoolnetError(f"the network has {net.n_inputs} inputs and {net.n_outputs} outputs; "
                           f"the function has {f.n} and {f.m}")
    budget = memory_budget()
    # Up front: every non-zero weight and every cube literal is at least two clauses.
    least = 2 * (sum(int(np.count_nonzero(layer.W)) for layer in net.layers) + _literals(f))
    if least * CLAUSE_BYTES > budget:
        return ProofResult("not proven", seconds=time.perf_counter() - t0, method="sat",
                           reason=f"SAT: the miter would need at least {least:,} clauses, about "
                                  f"{least * CLAUSE_BYTES / 2**30:.1f} GiB; the memory budget is "
                                  f"{budget / 2**30:.1f} GiB")
    c = Circuit(f.n, max_clauses=budget // CLAUSE_BYTES)
    try:
        got = c.network(net)
        expected, care = c.source(f)
    except EncodingTooLarge as exc:
        return ProofResult("not proven", seconds=time.perf_counter() - t0,
                           reason=f"SAT: {exc}", method="sat")
    diffs = [c.and_([k, c.xor(g, e)]) for g, e, k in zip(got, expected, care)]
    encode_seconds = time.perf_counter() - t0
    stats = {"variables": c.top, "clauses": len(c.clauses), "encode_seconds": encode_seconds,
             "outputs_by_structure": sum(d == -c.TRUE for d in diffs)}
    conflicts = 0
    with Solver(name=SOLVER, bootstrap_with=c.clauses) as s:
        for j, d in enumerate(diffs):
            if d == -c.TRUE:
                continue  # the same literal on both sides: equal by construction
            step = CONFLICT_STEP // 16
            while True:
                budget = step
                step = min(2 * step, CONFLICT_STEP)
                if conflict_limit is not None:
                    budget = min(budget, conflict_limit - conflicts)
                    if budget <= 0:
                        return _unknown(t0, stats, s, f"SAT: conflict limit {conflict_limit} "
                                        f"reached at output {f.output_names[j]}")
                if time_limit is not None and time.perf_counter() - t0 > time_limit:
                    return _unknown(t0, stats, s, f"SAT: time limit {time_limit:g} s reached "
                                    f"at output {f.output_names[j]}")
                s.conf_budget(budget)
                before = s.accum_stats().get("conflicts", 0)
                answer = s.solve_limited(assumptions=[d])
                conflicts += s.accum_stats().get("conflicts", 0) - before
                if answer is not None:
                    break
            if answer:
                model = s.get_model()
                bits = [1 if model[i] > 0 else 0 for i in range(f.n)]
                cex = counterexample(net, f, bits)
                if cex is None:
                    raise AssertionError(f"SAT miter: the model at output {f.output_names[j]} is "
                                         f"not a counterexample (an encoding bug)")
                stats.update(_solver_stats(s))
                return ProofResult("counterexample", cex, time.perf_counter() - t0,
                                   f"SAT: the network differs at output {cex['output']}",
                                   stats=stats, method="sat")
            s.add_clause([-d])  # proven: later outputs may use it
        stats.update(_solver_stats(s))
    return ProofResult("sat", None, time.perf_counter() - t0,
                       f"SAT miter unsatisfiable for all {f.m} outputs", stats=stats,
                       method="sat")


def _literals(f) -> int:
    """Cube literals of a CubeFunction's covers (a dense table: its rows, a rough bound)."""
    if isinstance(f, BooleanFunction):
        return f.m * min(f.rows, 1 << 16)
    covers = [f.on, f.dc] + ([f.off] if f.off is not None else [])
    return sum(int(np.bitwise_count(c.care).sum()) + len(c) for c in covers)


def _solver_stats(s) -> dict:
    st = s.accum_stats() or {}
    return {k: int(st[k]) for k in ("conflicts", "decisions", "propagations") if k in st}


def _unknown(t0: float, stats: dict, s, reason: str) -> ProofResult:
    stats.update(_solver_stats(s))
    return ProofResult("not proven", None, time.perf_counter() - t0, reason, stats=stats,
                       method="sat")
