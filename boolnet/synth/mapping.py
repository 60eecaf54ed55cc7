"""Cover an AIG by threshold cuts: each chosen cut becomes one threshold unit, or a few.

The recipe of a cut-based mapper (mockturtle's ``lut_mapping``, ABC's ``if``), with
threshold realisations of cut functions as the library: one unit when the cut function is
threshold; two (a helper AND/OR/majority of leaves, and a root reading the leaves and the
helper: multiplexers, XORs) when that works; and, for cuts of at most 4 leaves, an optimum
network of the function's NPN class when the caller gives such a ``library`` (boolnet's
compiler passes its database of all 222 classes, 1 to 3 units each):

1. *cuts*: per node in topological order, the k-feasible cuts merged from its fanins'
   (``cuts.node_cuts``); those whose function is threshold (``threshold.threshold_of``)
   are implementable; the ``cut_limit`` best by area flow are kept for the parents.
2. *area flow*: af(cut) = 1 + sum over non-input leaves of af(leaf) / fanout(leaf),
   with the fanouts of the AIG at first and the references of the previous cover after.
3. *cover*: from the outputs back, each needed node takes its implementable cut of least
   area flow whose depth meets the node's required level (``max_depth``, when given);
   the leaves become needed, one level earlier.
4. *derive*: the units of each chosen cut, their integer weights from the threshold test.

Each AND node alone is a threshold cut (a 2-input AND with any polarities), so the cover
always exists and never has more units than the AIG has AND nodes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import NotApplicable
from .aig import Aig
from .cuts import Cut, insert_var, node_cuts
from .threshold import threshold_of, two_units, units_table
from .tnet import ThresholdNetwork

__all__ = ["map_threshold", "MapStats"]

INF = 1 << 30


@dataclass
class MapStats:
    """What the mapper did: AND nodes in, units out, depth, rounds."""

    ands: int = 0
    units: int = 0
    depth: int = 0
    rounds: int = 0
    cuts: int = 0

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dict(self.__dict__)


def _fanouts(g: Aig) -> np.ndarray:
    fo = np.zeros(g.size, np.int64)
    for v in range(g.n + 1, g.size):
        fo[g.fanin0[v] >> 1] += 1
        fo[g.fanin1[v] >> 1] += 1
    for lit in g.pos:
        fo[lit >> 1] += 1
    return fo


Spec = tuple  # (units, depth): units[i] = (sources, weights, bias); a source j < k is leaf j,
#               j >= k the unit units[j - k] of the same cut; the last unit is the cut's root


def _implement(t: int, k: int, two_unit_leaves: int, library=None,
               max_fanin: int | None = None) -> tuple | None:
    """Units realising a cut function (a Spec): one threshold unit; a helper and a root; for
    up to 4 leaves an optimum network from ``library`` (4-input table -> Network); or None.
    No unit of the result reads more than ``max_fanin`` signals."""
    spec = _realise(t, k, two_unit_leaves, library)
    if spec is not None and max_fanin and any(len(src) > max_fanin for src, _, _ in spec[0]):
        return None  # a root reads its k leaves and its helper: k + 1 inputs
    return spec


def _realise(t: int, k: int, two_unit_leaves: int, library) -> tuple | None:
    unit = threshold_of(t, k)
    if unit is not None:
        w, b = unit
        return (((tuple(range(k)), w, b),), 1)
    if k <= two_unit_leaves:
        pair = two_units(t, k)
        if pair is not None:
            (hsrc, hw, hb), (w, b) = pair
            return (((hsrc, hw, hb), (tuple(range(k + 1)), w, b)), 2)
        if k <= 4 and library is not None:
            return _from_library(t, k, library)
    return None


@lru_cache(maxsize=1 << 16)
def _from_library(t: int, k: int, library) -> tuple | None:
    """The library's network for a table of at most 4 leaves, as a Spec (checked), or None."""
    t4 = t
    for m in range(k, 4):  # unused leaves on top: the table does not depend on them
        t4 = insert_var(t4, m, m)
    try:
        net = library(t4)  # boolnet's rows: input j is bit 3 - j, i.e. leaf 3 - j here
    except Exception:  # noqa: BLE001 - no database entry: no multi-unit cut
        return None
    units, col_of = [], {}
    for li, layer in enumerate(net.layers):
        cols = []
        for s_ in layer.sources:  # 0: inputs, s: layer s - 1
            if s_ == 0:
                cols += [("leaf", 3 - j) for j in range(4)]
            else:
                cols += [("unit", col_of[(s_, r)]) for r in range(net.layers[s_ - 1].n_out)]
        for r in range(layer.n_out):
            src, w = [], []
            for c, (kind, idx) in enumerate(cols):
                if layer.W[r, c]:
                    if kind == "leaf" and idx >= k:
                        return None  # reads a leaf the cut does not have
                    src.append(idx if kind == "leaf" else k + idx)
                    w.append(int(layer.W[r, c]))
            col_of[(li + 1, r)] = len(units)
            units.append((tuple(src), tuple(w), int(layer.b[r])))
    if net.n_outputs != 1:
        return None
    spec = (tuple(units), len(net.layers))
    return spec if units_table(spec[0], k) == t else None


def map_threshold(g: Aig, *, k: int = 6, cut_limit: int = 10, max_depth: int | None = None,
                  max_fanin: int | None = None, rounds: int = 3, two_unit_leaves: int = 4,
                  stats: MapStats | None = None, deadline: float | None = None,
                  library=None, dominated: bool = False) -> ThresholdNetwork:
    """A ThresholdNetwork computing the AIG's outputs, one unit per chosen threshold cut.

    ``max_fanin`` bounds the leaves of a cut (the inputs of a unit); ``max_depth`` the
    levels of units from the inputs to any output. Raises NotApplicable when no cover by
    the kept cuts meets ``max_depth``, or when ``deadline`` (a ``time.perf_counter()``
    value) passes during the first round (later rounds only stop early). ``dominated``
    keeps cuts that contain a smaller cut (see :func:`boolnet.synth.cuts.node_cuts`).
    """
    import time
    k = min(k, max_fanin) if max_fanin else k
    if k < 2:
        raise NotApplicable("threshold mapping needs units of at least 2 inputs (max fan-in >= 2)")
    stats = stats if stats is not None else MapStats()
    stats.ands = g.num_ands
    cuts: list[list[Cut]] = [[] for _ in range(g.size)]
    impl: list[list[tuple[tuple[int, ...], tuple, int]]] = [[] for _ in range(g.size)]
    for v in range(1, g.n + 1):
        cuts[v] = [((v,), 0b10)]
    fo_est = np.maximum(_fanouts(g), 1).astype(np.float64)
    best_cover, best_units = None, INF
    for rnd in range(rounds):
        af = np.zeros(g.size)
        mindep = np.zeros(g.size, np.int64)
        if rnd and deadline is not None and time.perf_counter() > deadline:
            break
        for v in range(g.n + 1, g.size):
            if rnd == 0 and deadline is not None and not v & 255 and time.perf_counter() > deadline:
                raise NotApplicable("the time budget ran out while mapping")
            if rnd == 0:
                cand = node_cuts(g, v, cuts, k, dominated)
            else:  # the cuts stay; only their ranking changes with the new fanout estimates
                cand = cuts[v][:-1]
            scored = []
            for leaves, t in cand:
                unit = _implement(t, len(leaves), two_unit_leaves, library, max_fanin) if rnd == 0 \
                    else impl_lookup.get((v, leaves))
                cost = len(unit[0]) if unit is not None else INF
                flow = cost + sum(af[x] / fo_est[x] for x in leaves if x > g.n)
                dep = (unit[1] if unit is not None else INF) + max(mindep[x] for x in leaves)
                scored.append((flow, dep, len(leaves), leaves, t, unit))
            scored.sort(key=lambda s: s[:3])
            if rnd == 0:
                cuts[v] = [(s[3], s[4]) for s in scored[:cut_limit]] + [((v,), 0b10)]
            ok = [s for s in scored if s[5] is not None]
            impl[v] = [(s[3], s[5], s[1]) for s in ok]
            af[v] = ok[0][0]
            mindep[v] = min(s[1] for s in ok)
        if rnd == 0:
            impl_lookup = {(v, leaves): unit for v in range(g.n + 1, g.size)
                           for leaves, unit, _ in impl[v]}
            stats.cuts = len(impl_lookup)
        cover = _cover(g, impl, af, mindep, fo_est, max_depth)
        units = sum(len(u[0]) for _, u in cover.values())
        if units < best_units:
            best_cover, best_units = cover, units
        refs = np.zeros(g.size)
        for v, (leaves, _) in cover.items():
            for x in leaves:
                refs[x] += 1
        for lit in g.pos:
            refs[lit >> 1] += 1
        # Blend the cover's references with the old estimate (as ABC's area flow does).
        fo_est = np.maximum(0.5 * fo_est + 0.5 * np.maximum(refs, 1), 1.0)
        stats.rounds = rnd + 1
    t = _derive(g, best_cover)
    stats.units = sum(len(u[0]) for _, u in best_cover.values())
    d = t.depths()
    stats.depth = int(max([d[s] for s, _ in t.outputs] or [0]))
    return t


def _cover(g: Aig, impl, af, mindep, fo_est, max_depth) -> dict[int, tuple]:
    """Choose a cut for every needed node, from the outputs back, meeting required levels."""
    limit = INF if max_depth is None else max_depth
    req = np.full(g.size, INF, np.int64)
    needed = np.zeros(g.size, bool)
    for lit in g.pos:
        v = lit >> 1
        if g.is_and(v):
            req[v] = min(req[v], limit)
            needed[v] = True
    chosen: dict[int, tuple] = {}
    for v in range(g.size - 1, g.n, -1):
        if not needed[v]:
            continue
        if mindep[v] > req[v]:
            raise NotApplicable(f"no threshold cover of depth <= {max_depth}: a node needs "
                                f"{mindep[v]} levels where {req[v]} remain")
        best = None
        for leaves, unit, dep in impl[v]:
            if dep > req[v]:
                continue
            flow = len(unit[0]) + sum(af[x] / fo_est[x] for x in leaves if x > g.n)
            key = (flow, dep, len(leaves))
            if best is None or key < best[0]:
                best = (key, leaves, unit)
        _, leaves, unit = best
        chosen[v] = (leaves, unit)
        for x in leaves:
            if x > g.n:
                req[x] = min(req[x], req[v] - unit[1])
                needed[x] = True
    return chosen


def _derive(g: Aig, cover: dict[int, tuple]) -> ThresholdNetwork:
    """One unit per chosen cut, in topological order; outputs by their literals."""
    t = ThresholdNetwork(g.n)
    sig = {i: i - 1 for i in range(1, g.n + 1)}
    for v in sorted(cover):
        leaves, (units, _) = cover[v]
        srcs = [sig[x] for x in leaves]
        for src, w, b in units:  # helpers first, the root last
            srcs.append(t.add_unit([srcs[j] for j in src], w, b))
        sig[v] = srcs[-1]
    for lit in g.pos:
        v = lit >> 1
        if v == 0:
            t.add_output(t.constant(bool(lit & 1)))
        else:
            t.add_output(sig[v], bool(lit & 1))
    return t
