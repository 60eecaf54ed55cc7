"""Multi-level threshold synthesis: a cover becomes an AIG, the AIG a network of threshold units.

The flow (``synthesize``), one free function per step as in mockturtle:

1. structures: the AIG of the minimised multi-output cover (``aig.aig_from_cover``) and
   the AIG of its reordered BDD (``bdd.aig_from_bdd``), each optimised by mockturtle's
   passes through aigverse (``aig.optimize_aig``); and when the function came with a
   circuit (``structure``: a :class:`boolnet.netlist.Netlist` read from BLIF, AIGER or
   Verilog, or a family's adders), that circuit optimised ("given") and as it was given
   ("given-raw": rewriting can break the full-adder shapes), its XORs rewritten through
   the majorities beside them (``aig.expose_adders``);
2. mapping: each AIG covered by one- and two-unit threshold cuts (``mapping.map_threshold``);
   a given circuit also with dominated cuts kept and without two-unit cuts (see
   ``GIVEN_MAPPINGS``), the smallest kept;
3. collapse: units merged into their readers while still threshold (``collapse.collapse``);
4. the smallest result (units, then depth) is kept, with the others in the stats.

Every AND node is one threshold unit, so no result has more units than its AIG has AND nodes.

>>> from boolnet.cover import Cover
>>> c = Cover.from_strings(["11-", "1-1", "-11"])   # majority of three
>>> t, stats = synthesize(c)
>>> t.size(), stats.chosen
(1, 'sop')
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..errors import NotApplicable
from ..netlist import Netlist
from .aig import Aig, aig_from_cover, aig_from_netlist, expose_adders, optimize_aig
from .bdd import aig_from_bdd
from .collapse import collapse as _collapse  # the module keeps the name boolnet.synth.collapse
from .mapping import map_threshold
from .tnet import ThresholdNetwork, network_to_tnet

__all__ = ["synthesize", "SynthStats", "ThresholdNetwork", "network_to_tnet", "Aig"]

INF = 1 << 62


@dataclass
class SynthStats:
    """Per structure: AND nodes, units after mapping and after collapse, depth, seconds."""

    structures: dict = field(default_factory=dict)
    chosen: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {"structures": self.structures, "chosen": self.chosen, "seconds": self.seconds}


#: A structure whose AIG has more than this many times the AND nodes of the best network
#: found so far is not optimised and mapped: mapping rarely saves more than 3 ANDs a unit
#: (t481: the cover's AIG has 1,352 ANDs, the BDD's 53, which maps to 14 units).
SKIP_RATIO = 4


#: Mapper settings tried on a given circuit (the smallest result is kept). Measured on the
#: families' circuits after ``expose_adders``: keeping dominated cuts lets a full adder's
#: sum take its carry as a leaf (adder:8 24 -> 17 units, multiplier:4 60 -> 34, before
#: collapse), and leaving out two-unit cuts stops them from hiding the carries
#: (multiplier:4 34 -> 30, multiplier:6 82 -> 72 after collapse); nor does the library
#: of optimum 4-input networks always help (the Wallace multiplier:4: 31 with, 30 without).
GIVEN_MAPPINGS = ({}, {"dominated": True}, {"dominated": True, "two_unit_leaves": 0},
                  {"dominated": True, "library": None})
#: A given circuit of more AND nodes is mapped once ({"dominated": True}): it comes before
#: the cover's structures and must leave them their share of a time budget.
GIVEN_MAPPINGS_MAX_ANDS = 2000


def _structures(cover, names):
    builders = {"sop": aig_from_cover, "bdd": aig_from_bdd}
    return [(name, builders[name](cover)) for name in names if name in builders]


def _given(cover, structure: Netlist | None) -> list:
    """The given circuit's AIG, to be optimised ("given") and as it is ("given-raw")."""
    if structure is None:
        return []
    if (structure.n, len(structure.outputs)) != (cover.n, cover.m):
        raise ValueError(f"the structure {structure!r} does not fit a cover of {cover.n} "
                         f"inputs and {cover.m} outputs")
    g = aig_from_netlist(structure)
    return [("given-raw", g), ("given", g)]


def synthesize(cover, *, max_depth: int | None = None, max_fanin: int | None = None,
               optimize: bool = True, structures: tuple[str, ...] = ("sop", "bdd"),
               time_limit: float | None = None, library=None,
               structure: Netlist | None = None,
               progress=None) -> tuple[ThresholdNetwork, SynthStats]:
    """The smallest threshold network found for a multi-output cover, and what each structure gave.

    ``structure`` (a :class:`boolnet.netlist.Netlist` over the cover's inputs and outputs,
    computing it on its care rows, such as ``BooleanFunction.structure``) is one more
    starting point, optimised and as given.

    ``time_limit`` (seconds) is checked before each structure and while mapping: the best
    network found by then is returned. Raises NotApplicable when no structure meets
    ``max_depth`` or the time runs out before any does. ``library(tt)`` may give an optimum
    network of a 4-input table (see :func:`boolnet.synth.mapping.map_threshold`).
    """
    t0 = time.perf_counter()
    stats = SynthStats()
    best = None
    reasons = []
    deadline = None if time_limit is None else t0 + time_limit
    built = _structures(cover, structures)
    built.sort(key=lambda x: INF if x[1] is None else x[1].num_ands)
    # The given circuit comes first (before a time budget runs out: multiplier:6's maps in
    # 1 s, its BDD's in 6 s) and is never skipped; the cover's structures are skipped only
    # by what they themselves gave, as they would be without it: it can only add a network.
    built = _given(cover, structure) + built
    best_cover = INF
    for name, g in built:
        ts = time.perf_counter()
        if progress:
            progress(f"synth: {name} structure")
        if g is None:
            stats.structures[name] = {"applies": False, "reason": "BDD too large or dd missing"}
            continue
        entry = {"ands": g.num_ands}
        if deadline is not None and time.perf_counter() > deadline:
            entry.update(applies=False, reason=f"the time budget ({time_limit:g} s) ran out")
            stats.structures[name] = entry
            reasons.append(f"{name}: {entry['reason']}")
            continue
        given = name.startswith("given")
        if not given and g.num_ands > SKIP_RATIO * best_cover:
            entry.update(applies=False, reason=f"{g.num_ands} ANDs: over {SKIP_RATIO}x the "
                                               f"{best_cover} units found already")
            stats.structures[name] = entry
            continue
        if optimize and name != "given-raw":
            g = optimize_aig(g)
            entry["ands_optimized"] = g.num_ands
        if given:
            g = expose_adders(g)
            entry["ands_exposed"] = g.num_ands
        t, size, failed = None, INF, None
        settings_tried = ({},) if not given else GIVEN_MAPPINGS[1:2] \
            if g.num_ands > GIVEN_MAPPINGS_MAX_ANDS else GIVEN_MAPPINGS
        for settings in settings_tried:
            try:
                tm = map_threshold(g, max_depth=max_depth, max_fanin=max_fanin,
                                   deadline=deadline, **{"library": library, **settings})
            except NotApplicable as exc:
                failed = failed or exc
                continue
            mapped = tm.size()
            # (outputs turned positive before sizes are compared: the flip can save a unit on
            # one structure and not another, and the choice must see the sizes it returns)
            tm = _positive_outputs(_collapse(tm, max_fanin=max_fanin))
            tm_size = tm.size()
            if tm_size < size:
                t, size = tm, tm_size
                entry["units_mapped"] = mapped
                if given:
                    entry["mapping"] = settings
        if t is None:
            entry.update(applies=False, reason=str(failed))
            stats.structures[name] = entry
            reasons.append(f"{name}: {failed}")
            continue
        d = t.depths()
        depth = int(max([d[s] for s, _ in t.outputs] or [0]))
        if any(not t.is_unit(s) or neg for s, neg in t.outputs):
            depth = max(depth, 1)
        entry.update(applies=True, units=size, depth=depth,
                     seconds=round(time.perf_counter() - ts, 3))
        stats.structures[name] = entry
        if not given:
            best_cover = min(best_cover, size)
        if best is None or (size, depth) < best[0]:
            best = ((size, depth), name, t)
    stats.seconds = time.perf_counter() - t0
    if best is None:
        raise NotApplicable("; ".join(reasons) or "no structure to synthesise from")
    stats.chosen = best[1]
    t = _positive_outputs(best[2])
    t.input_names = list(cover.input_names)
    t.output_names = list(cover.output_names)
    return t, stats


def _positive_outputs(t: ThresholdNetwork) -> ThresholdNetwork:
    """The same network with each unit that outputs read only negated turned around (weights
    -w, bias -b - 1; its readers take weights -w and bias + w): a negated output of a unit
    that other units read costs a unit of its own in the Network (multiplier:4, 31 -> 30)."""
    flip = ({s for s, neg in t.outputs if neg and t.is_unit(s)}
            - {s for s, neg in t.outputs if not neg})
    if not flip:
        return t
    out = ThresholdNetwork(t.n, t.input_names, t.output_names)
    new = {i: (i, False) for i in range(t.n)}  # old signal -> (new signal, complemented)
    for s in sorted(t.cone([s for s, _ in t.outputs])):
        u = s - t.n
        src, w, b = [], [], t.bias[u]
        for x, wx in zip(t.sources[u], t.weights[u]):
            y, c = new[x]
            if c:  # wx * x = wx * (1 - y)
                b, wx = b + wx, -wx
            src.append(y)
            w.append(wx)
        if s in flip:
            w, b = [-v for v in w], -b - 1
        new[s] = (out.add_unit(src, w, b), s in flip)
    for s, neg in t.outputs:
        y, c = new[s]
        out.add_output(y, neg ^ c)
    return out
