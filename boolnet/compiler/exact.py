"""Exact synthesis: the fewest threshold units that compute a function of at most 6 inputs.

Model. A network is a DAG of step units ``[w . z + b >= 0]`` over the inputs and earlier
units; the m outputs are units that no other unit reads (a :class:`~boolnet.nn.Network`
outputs its last layer). Levelising a DAG by longest path puts it in *layered* form: hidden
layers of sizes (s_1 .. s_{d-1}), each unit reading the inputs and every unit of every
earlier layer, and a last layer of the m outputs; its depth is d. With k units and
h = k - m hidden units, every k-unit DAG fits the chain (1, 1, ..., 1) (depth h + 1), and
every k-unit DAG of depth d fits one of the compositions of h into d - 1 layers.

Method. For one layered topology a mixed integer program (HiGHS through scipy) decides
whether some weights realise the function: a binary per (hidden unit, row) holds the
unit's value, the weights are continuous, and the products of a weight and a hidden value
are linearised exactly (McCormick on a binary). A unit that fires on ON rows with
``s >= 0`` and stays off with ``s <= -1`` (real weights) realises a linearly separable
function, so some integer weights do too; conversely every threshold function of N
inputs has integer weights of magnitude at most (N+1)^((N+1)/2) / 2^N (Muroga, Toda and
Takasu 1961) and a bias within the sum of their magnitudes, which bounds the program: an
infeasible program is a proof that no network of that topology exists. Two symmetries
are removed, both without loss: a hidden unit may be negated (its readers flip the weight
and move their bias), so each hidden unit is 0 on row 0; units of one layer may be
permuted, so their ON counts do not decrease.

For one output of at most 5 inputs, the topologies (1,) and (2,) (one layer of one or two
hidden units, every hidden unit a threshold function of the inputs) are decided instead
by :mod:`boolnet.compiler.exact_search`, an exhaustive search over the 94,572 threshold
functions of 5 inputs (pairs of them for (2,)), pruned by necessary conditions and
settled by a linear program per surviving candidate: the same proof in milliseconds
where the programs took seconds (a random 5-input class: 5.8 s of CPU -> 0.02 s). A
program that fails numerically hands the topology back to the MILP.

The compiler's ``arch="exact"`` is :func:`boolnet.compiler.exact_db.exact`: the stored
optimum for one output of at most 4 inputs, this search under a time limit otherwise.

Search. k runs up from m; for each k the compositions are tried in increasing depth, the
chain last. The first feasible topology gives the minimum units (proven when every
topology of k - 1 units was proven infeasible: the chain suffices) and the fewest depth
among minimum networks (proven when every shallower composition of k units was proven
infeasible). Each unit's integer weights are then the smallest total |w| (then |b|) for
the function that unit computes (:func:`~boolnet.compiler.threshold.threshold_weights`);
the total |weight| is minimal per unit for the unit functions found, not searched over all
minimum networks. A time limit turns unfinished proofs into ``proven=False``, never into
a claim.

References: K. Haring and K. Ohori, IEEE Trans. Electronic Computers 1967 (every 4-input
function needs at most 3 threshold units); S. Muroga, *Threshold Logic and Its
Applications* (1971), ch. 9 (minimal threshold networks by integer programming).

>>> from boolnet.families import parity
>>> net, rep = exact_minimum(parity(3))
>>> rep.units, rep.depth, rep.proven
(2, 2, True)
"""
from __future__ import annotations

import functools
import itertools
import math
import time
from dataclasses import dataclass, field

import numpy as np

from ..bits import unpack
from ..errors import BoolnetError, NotApplicable
from ..function import BooleanFunction
from ..nn import Layer, Network
from .exact_search import MAX_SEARCH_INPUTS, search_one_hidden, search_two_hidden
from .threshold import threshold_weights

__all__ = ["exact_minimum", "ExactReport", "TopologyResult", "MAX_INPUTS", "MAX_UNITS",
           "muroga_bound", "compositions"]

#: Largest number of inputs exact synthesis accepts (2^6 rows: 64 binaries per hidden unit).
MAX_INPUTS = 6
#: Largest number of units searched before giving up with NotApplicable.
MAX_UNITS = 10
#: Add the unateness cuts to every program (see ``_Program._unate_cuts``).
UNATE_CUTS = True


def muroga_bound(N: int) -> int:
    """A weight magnitude enough for every threshold function of N inputs (Muroga 1961)."""
    return max(1, math.ceil((N + 1) ** ((N + 1) / 2) / 2 ** N))


def compositions(h: int, parts: int) -> list[tuple[int, ...]]:
    """Ordered ways of writing h as a sum of ``parts`` positive sizes (hidden layer sizes)."""
    if parts == 0:
        return [()] if h == 0 else []
    out = []
    for cut in itertools.combinations(range(1, h), parts - 1):
        edges = (0, *cut, h)
        out.append(tuple(edges[i + 1] - edges[i] for i in range(parts)))
    return out


@dataclass
class TopologyResult:
    """One program: the hidden layer sizes tried, and what HiGHS said."""

    hidden: tuple[int, ...]
    status: str  # "feasible", "infeasible" or "time limit"
    seconds: float
    #: "milp", "search" (:mod:`boolnet.compiler.exact_search`) or "lp" (the threshold test)
    method: str = "milp"

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"hidden": list(self.hidden), "status": self.status, "seconds": self.seconds,
                "method": self.method}


@dataclass
class ExactReport:
    """The minimum found and the argument for it.

    ``proven`` says the number of units is the minimum (every smaller topology was proven
    infeasible); ``depth_proven`` says no network of that many units is shallower;
    ``lower_bound`` is the largest k with all (k-1)-unit networks proven impossible.
    ``weights`` counts non-zero weights, ``abs_weights`` is their total magnitude.
    """

    units: int
    depth: int
    weights: int
    abs_weights: int
    proven: bool
    depth_proven: bool
    lower_bound: int
    hidden: tuple[int, ...]
    tried: list[TopologyResult] = field(default_factory=list)
    seconds: float = 0.0
    weights_proven: bool = False

    def argument(self) -> str:
        """The lower-bound argument in one line."""
        if not self.proven:
            return f"lower bound {self.lower_bound}: the search stopped before a proof"
        fewer = [t for t in self.tried if sum(t.hidden) < sum(self.hidden)]
        if not fewer:
            return "one unit per output is the least any network has"
        k = self.units - 1
        how = " and ".join(name for key, name in (
            ("lp", "the threshold test (LP)"), ("search", "exhaustive search over threshold units"),
            ("milp", "MILP (HiGHS)"))
            if any(t.method == key for t in fewer))
        return (f"no network of {k} unit{'s' if k > 1 else ''} exists: every topology of fewer "
                f"units ({len(fewer)}) proven infeasible by {how}")

    def _m(self) -> int:
        return self.units - sum(self.hidden)

    def to_dict(self) -> dict:
        """JSON-ready summary (keys units, depth, weights, abs_weights, proven, seconds, ...)."""
        return {"units": self.units, "depth": self.depth, "weights": self.weights,
                "abs_weights": self.abs_weights, "proven": self.proven,
                "depth_proven": self.depth_proven, "lower_bound": self.lower_bound,
                "weights_proven": self.weights_proven,
                "hidden": list(self.hidden), "argument": self.argument(),
                "tried": [t.to_dict() for t in self.tried], "seconds": self.seconds}


class _Program:
    """The mixed integer program of one layered topology (see the module docstring)."""

    def __init__(self, X: np.ndarray, on: np.ndarray, care: np.ndarray, hidden: tuple[int, ...],
                 total: int | None = None):
        """``total``: integer weights of total magnitude <= this, minimised (else feasibility)."""
        self.X, self.on, self.care = X, on, care
        R, n = X.shape
        m = on.shape[0]
        self.layer_of = [t for t, s in enumerate(hidden) for _ in range(s)] + [len(hidden)] * m
        K = len(self.layer_of)
        self.H = sum(hidden)
        self.reads = [[l for l in range(self.H) if self.layer_of[l] < self.layer_of[u]]
                      for u in range(K)]
        lb, ub, integ = [], [], []

        def new(lo: float, hi: float, isint: int, count: int = 1) -> int:
            first = len(lb)
            lb.extend([lo] * count)
            ub.extend([hi] * count)
            integ.extend([isint] * count)
            return first

        self.w, self.v, self.b = [], [], []
        bounds = []
        isint = int(total is not None)
        for u in range(K):
            N = n + len(self.reads[u])
            # A minimum-total network has no weight above the total of any network found;
            # a bias beyond the sum of the weights' magnitudes changes no output.
            B = muroga_bound(N) if total is None else total
            bounds.append(B)
            self.w.append(new(-B, B, isint, n))
            self.v.append(new(-B, B, isint, len(self.reads[u])))
            self.b.append(new(-N * B - 1, N * B + 1, isint) if total is None else
                          new(-B - 1, B + 1, isint))
        self.y = []
        for _ in range(self.H):
            first = new(0, 1, 1, R)
            ub[first] = 0  # row 0 is 0: a hidden unit may be negated without loss
            self.y.append(first)
        rows, cols, vals, lo, hi = [], [], [], [], []
        nrow = [0]

        def con(entries, a: float, b: float) -> None:
            for j, c in entries:
                rows.append(nrow[0])
                cols.append(j)
                vals.append(c)
            lo.append(a)
            hi.append(b)
            nrow[0] += 1

        for u in range(K):
            B = bounds[u]
            N = n + len(self.reads[u])
            M = 2 * N * B + 2 if total is None else 2 * B + 2  # |w . z + b| never exceeds this
            p = new(-B, B, 0, len(self.reads[u]) * R)
            for a, l in enumerate(self.reads[u]):
                v = self.v[u] + a
                for r in range(R):
                    pj, yj = p + a * R + r, self.y[l] + r
                    # p = v * y exactly, for binary y and |v| <= B
                    con([(pj, 1), (yj, -B)], -np.inf, 0)
                    con([(pj, 1), (yj, B)], 0, np.inf)
                    con([(pj, 1), (v, -1), (yj, B)], -np.inf, B)
                    con([(pj, 1), (v, -1), (yj, -B)], -B, np.inf)
            for r in range(R):
                s = [(self.b[u], 1)] + [(self.w[u] + i, 1) for i in range(n) if X[r, i]] + \
                    [(p + a * R + r, 1) for a in range(len(self.reads[u]))]
                if u < self.H:
                    y = self.y[u] + r
                    con(s + [(y, -M)], -M, np.inf)   # y = 1  ->  s >= 0
                    con(s + [(y, -M)], -np.inf, -1)  # y = 0  ->  s <= -1
                else:
                    j = u - self.H
                    if not care[j, r]:
                        continue
                    if on[j, r]:
                        con(s, 0, np.inf)
                    else:
                        con(s, -np.inf, -1)
        # units of one layer are interchangeable: order them by ON count
        for l in range(self.H - 1):
            if self.layer_of[l] == self.layer_of[l + 1]:
                con([(self.y[l] + r, 1) for r in range(R)] +
                    [(self.y[l + 1] + r, -1) for r in range(R)], -np.inf, 0)
        if UNATE_CUTS:
            self._unate_cuts(new, con, bounds, n, R)
        self.cost = np.zeros(len(lb))
        if total is not None:  # |w| <= a for every weight, sum of a <= total, minimised
            nweights = len(lb)
            for u in range(K):
                for j in [*range(self.w[u], self.w[u] + n),
                          *range(self.v[u], self.v[u] + len(self.reads[u]))]:
                    a = new(0, bounds[u], 0)
                    con([(a, 1), (j, -1)], 0, np.inf)
                    con([(a, 1), (j, 1)], 0, np.inf)
            con([(a, 1) for a in range(nweights, len(lb))], -np.inf, total)
            self.cost = np.zeros(len(lb))
            self.cost[nweights:] = 1.0
        from scipy.sparse import csr_matrix
        self.A = csr_matrix((vals, (rows, cols)), shape=(nrow[0], len(lb)))
        self.lo, self.hi = np.array(lo, float), np.array(hi, float)
        self.lb, self.ub = np.array(lb, float), np.array(ub, float)
        self.integ = np.array(integ)

    def _unate_cuts(self, new, con, bounds, n: int, R: int) -> None:
        """Where an output falls along input i at one pair of rows and rises at another, a
        hidden unit must differ across one of the pairs, or the unit's weight on x_i would
        need both signs. A binary s_i picks the sign (w_i >= 0 when s_i = 1)."""
        X, H = self.X, self.H
        diff: dict[tuple[int, int, int], int] = {}

        def differs(l: int, r: int, q: int) -> int:
            # d = 1 only when hidden unit l differs on rows r and q
            if (l, r, q) not in diff:
                d = new(0, 1, 0)
                a, b = self.y[l] + r, self.y[l] + q
                con([(d, 1), (a, -1), (b, 1)], 0, np.inf)
                con([(d, 1), (a, 1), (b, -1)], 0, np.inf)
                con([(d, 1), (a, -1), (b, -1)], -np.inf, 0)
                con([(d, 1), (a, 1), (b, 1)], -np.inf, 2)
                diff[l, r, q] = d
            return diff[l, r, q]

        for j in range(self.on.shape[0]):
            u = H + j
            readers = self.reads[u]
            if not readers:
                continue
            on, care = self.on[j], self.care[j]
            for i in range(n):
                bit = 1 << (n - 1 - i)
                falls = [(r, r | bit) for r in range(R) if not r & bit and care[r] and
                         care[r | bit] and on[r] and not on[r | bit]]
                rises = [(r, r | bit) for r in range(R) if not r & bit and care[r] and
                         care[r | bit] and not on[r] and on[r | bit]]
                if not falls or not rises:
                    continue
                B = bounds[u]
                si = new(0, 1, 1)
                w = self.w[u] + i
                con([(w, 1), (si, -B)], -B, np.inf)   # s_i = 1 -> w_i >= 0
                con([(w, 1), (si, -B)], -np.inf, 0)   # s_i = 0 -> w_i <= 0
                for r, q in falls:  # w_i >= 0 cannot make the output fall unless h moves
                    con([(differs(l, r, q), 1) for l in readers] + [(si, -1)], 0, np.inf)
                for r, q in rises:
                    con([(differs(l, r, q), 1) for l in readers] + [(si, 1)], 1, np.inf)

    def solve(self, time_limit: float | None) -> tuple[str, np.ndarray | None]:
        """("feasible", hidden values H x R) or ("infeasible", None) or ("time limit", None)."""
        from scipy.optimize import Bounds, LinearConstraint, milp

        opts = {} if time_limit is None else {"time_limit": max(0.01, float(time_limit))}
        res = milp(self.cost, constraints=LinearConstraint(self.A, self.lo, self.hi),
                   integrality=self.integ, bounds=Bounds(self.lb, self.ub), options=opts)
        if res.status == 2:
            return "infeasible", None
        if res.x is None:
            if res.status == 1:
                return "time limit", None
            raise BoolnetError(f"exact synthesis: the MILP solver failed: {res.message}")
        self.optimal = res.status == 0
        R = self.X.shape[0]
        Y = np.array([np.round(res.x[self.y[l]:self.y[l] + R]) for l in range(self.H)],
                     dtype=bool).reshape(self.H, R)
        return "feasible", Y


def _unit_weights(Z: np.ndarray, target: np.ndarray, care: np.ndarray) -> tuple[np.ndarray, int]:
    """Smallest integer (weights, bias) of a unit reading the 0/1 columns Z, hitting the targets."""
    Z, target, care = (np.ascontiguousarray(a) for a in (Z, target, care))
    R, N = Z.shape
    if N <= MAX_SEARCH_INPUTS and R == 1 << N and care.all() and \
            np.array_equal(Z, (np.arange(R)[:, None] >> np.arange(N - 1, -1, -1)) & 1):
        # a unit of the inputs alone (every first-layer unit): the enumerated weight table
        # of synth.threshold gives the least total |w| without an integer program (the
        # census's main cost before); its bias is the least for the positive form. Up to
        # 5 inputs that table is checked complete (exact_search.threshold_tables counts it
        # against A000609); a miss falls back to the integer program.
        from ..synth.threshold import threshold_of
        found = threshold_of(sum(1 << r for r in np.flatnonzero(target).tolist()), N)
        if found is not None:
            return np.array(found[0][::-1], np.int64), int(found[1])
    w, b = _unit_weights_cached(Z.shape, Z.dtype.str, Z.tobytes(), target.astype(np.int8).tobytes(),
                                care.astype(bool).tobytes())
    return w.copy(), b


@functools.lru_cache(maxsize=1 << 14)
def _unit_weights_cached(shape, dtype, Zb, tb, cb) -> tuple[np.ndarray, int]:
    # the census asks for the same first-layer units again and again (one integer program
    # each, 60% of a 5-input class's time before this cache)
    Z = np.frombuffer(Zb, np.dtype(dtype)).reshape(shape)
    target = np.frombuffer(tb, np.int8).astype(bool)
    care = np.frombuffer(cb, bool)
    R, N = Z.shape
    idx = (Z.astype(np.int64) << np.arange(N - 1, -1, -1)).sum(axis=1) if N else np.zeros(R, int)
    tab = np.full(1 << N, -1, np.int8)
    tab[idx[care]] = target[care]
    if np.any(tab[idx[care]] != target[care]):  # two rows at one point disagree
        raise BoolnetError("exact synthesis: a unit sees one point with two targets")
    w = threshold_weights(BooleanFunction.from_array(tab))
    if w is None:
        raise BoolnetError("exact synthesis: the program's unit is not separable (numerics); "
                           "please report this function")
    return w


def _network(f: BooleanFunction, X: np.ndarray, hidden: tuple[int, ...], Y: np.ndarray,
             on: np.ndarray, care: np.ndarray) -> Network:
    """Integer weights unit by unit for the hidden values Y, assembled in layers."""
    layers = []
    start = 0
    R = X.shape[0]
    sizes = list(hidden) + [f.m]
    for t, size in enumerate(sizes):
        Z = np.hstack([X, Y[:start].T.astype(np.int8)]) if start else X
        W, bias = [], []
        for a in range(size):
            if t < len(hidden):
                target, c = Y[start + a], np.ones(R, bool)
            else:
                target, c = on[a], care[a]
            w, b = _unit_weights(Z, target, c)
            W.append(w)
            bias.append(b)
        layers.append(Layer(np.array(W, np.int64).reshape(size, Z.shape[1]),
                            np.array(bias, np.int64), "step", sources=list(range(t + 1))))
        start += size if t < len(hidden) else 0
    return Network(f.n, layers, encoding="01", meta={"arch": "exact"})


def _search(f: BooleanFunction, hidden: tuple[int, ...]) -> tuple[str, np.ndarray | None]:
    """The exhaustive search of :mod:`.exact_search` where it applies (one output, n <= 5,
    one layer of 1 or 2 hidden units): (status, hidden values) or ("unknown", None)."""
    if f.m != 1 or f.n > MAX_SEARCH_INPUTS or hidden not in ((1,), (2,)):
        return "unknown", None
    tail = (1 << f.rows) - 1
    tt = int(f.on_words[0, 0]) & tail
    care = ~int(f.dc_words[0, 0]) & tail
    status, tabs = (search_one_hidden if hidden == (1,) else search_two_hidden)(tt, care, f.n)
    if status != "feasible":
        return status, None
    return status, unpack(np.array(tabs, np.uint64)[:, None], f.rows)


def _measure(net: Network) -> tuple[int, int]:
    nz = sum(int(np.count_nonzero(layer.W)) for layer in net.layers)
    total = sum(int(np.abs(layer.W).sum()) for layer in net.layers)
    return nz, total


def _least_weights(f, X, on, care, net, h, d, hid, tried, left) -> tuple[Network, bool]:
    """Of the networks of this many units and layers, one of least total |weight|; proven?

    Integer programs over every composition of depth d not proven infeasible, each bounded
    by the best total so far; a time limit leaves the best found, unproven.
    """
    best, (_, best_total) = net, _measure(net)
    proven = True
    for hid2 in compositions(h, d - 1):
        if any(t.hidden == hid2 and t.status == "infeasible" for t in tried):
            continue
        rest = left()
        if rest is not None and rest <= 0:
            return best, False
        prog = _Program(X, on, care, hid2, total=best_total)
        status, Y = prog.solve(rest)
        if status == "time limit":
            proven = False
        elif status == "feasible":
            proven &= prog.optimal
            cand = _network(f, X, hid2, Y, on, care)
            if _measure(cand)[1] < best_total:
                best, best_total = cand, _measure(cand)[1]
    return best, proven


def exact_minimum(f: BooleanFunction, *, max_depth: int | None = None,
                  time_limit: float | None = None,
                  min_weights: bool = False,
                  weights_time_limit: float | None = None) -> tuple[Network, ExactReport]:
    """The fewest threshold units computing ``f`` (n <= 6), then the fewest layers, with the proof.

    Parameters
    ----------
    f : BooleanFunction
        At most 6 inputs, any number of outputs; don't-care rows are free.
    max_depth : int, optional
        Only networks of at most this many layers of units.
    time_limit : float, optional
        Seconds for the whole search; a proof cut short leaves ``proven=False``.
    min_weights : bool, default False
        Then minimise the total |weight| over all networks of the minimum units and depth
        (integer programs: seconds for 4 inputs, 3 units). Otherwise each unit's weights
        are the least for the function that unit computes.
    weights_time_limit : float, optional
        Seconds for that last phase alone; when it runs out the best network found is kept
        and ``weights_proven`` is False (the units and depth keep their proofs).

    Returns
    -------
    (Network, ExactReport)
        The network (not yet verified: :func:`boolnet.compile` verifies) and the report.

    Raises
    ------
    NotApplicable
        More than 6 inputs, ``max_depth`` < 1, or no network found within the time limit
        or within ``MAX_UNITS`` units.
    """
    t0 = time.perf_counter()
    if not isinstance(f, BooleanFunction):
        raise BoolnetError(f"exact synthesis needs a BooleanFunction, got {type(f).__name__}")
    if f.n > MAX_INPUTS:
        raise NotApplicable(f"exact synthesis handles at most {MAX_INPUTS} inputs; "
                            f"this function has {f.n}")
    if max_depth is not None and max_depth < 1:
        raise NotApplicable(f"max depth {max_depth}: a network has at least one layer")
    n, m, R = f.n, f.m, f.rows
    X = np.array([[(r >> (n - 1 - i)) & 1 for i in range(n)] for r in range(R)],
                 dtype=np.int8).reshape(R, n)
    on, care = f.on_bits(), ~f.dc_bits()
    tried: list[TopologyResult] = []
    lower = m  # every output is a unit
    proven_lower = True

    def left() -> float | None:
        return None if time_limit is None else time_limit - (time.perf_counter() - t0)

    for k in range(m, m + MAX_UNITS + 1):
        h = k - m
        if h and max_depth == 1:  # one layer holds only the outputs
            raise NotApplicable("max depth 1: some output is not linearly separable, so no "
                                "single layer of units computes the function")
        depths = range(1, h + 2) if max_depth is None else range(1, min(max_depth, h + 1) + 1)
        all_infeasible = True
        found = None
        for d in depths:
            for hid in compositions(h, d - 1):
                rest = left()
                if rest is not None and rest <= 0:
                    raise NotApplicable(f"exact synthesis: time limit of {time_limit:g} s hit at "
                                        f"{k} units (lower bound {lower})")
                t1 = time.perf_counter()
                method = "lp" if h == 0 else "milp"
                if h == 0:  # one unit per output: a threshold test each
                    ok = all(threshold_weights(f, j) is not None for j in range(m))
                    status, Y = ("feasible" if ok else "infeasible"), np.zeros((0, R), bool)
                else:
                    status, Y = _search(f, hid)
                    if status == "unknown":
                        status, Y = _Program(X, on, care, hid).solve(rest)
                    else:
                        method = "search"
                tried.append(TopologyResult(hid, status, time.perf_counter() - t1, method))
                if status == "feasible":
                    found = (d, hid, Y)
                    break
                if status != "infeasible":
                    all_infeasible = False
            if found:
                break
        if found:
            d, hid, Y = found
            net = _network(f, X, hid, Y, on, care)
            weights_proven = False
            if min_weights:
                t_w = time.perf_counter()

                def left_w() -> float | None:
                    spent = time.perf_counter() - t_w
                    budget = [v for v in (left(), None if weights_time_limit is None else
                                          weights_time_limit - spent) if v is not None]
                    return min(budget) if budget else None

                net, weights_proven = _least_weights(f, X, on, care, net, h, d, hid, tried,
                                                     left_w)
            nz, total = _measure(net)
            shallower = [t for t in tried if sum(t.hidden) == h and len(t.hidden) + 1 < d]
            depth_proven = all(t.status == "infeasible" for t in shallower)
            rep = ExactReport(k, d, nz, total, proven_lower and lower == k, depth_proven,
                              lower, tuple(layer.n_out for layer in net.layers[:-1]), tried,
                              time.perf_counter() - t0, weights_proven)
            net.meta["exact"] = rep.to_dict()
            return net, rep
        # every topology of k units within max_depth infeasible: a proof that k is too few
        if all_infeasible and proven_lower:
            lower = k + 1
        else:
            proven_lower = False
    raise NotApplicable(f"exact synthesis: no network of at most {m + MAX_UNITS} units found")
