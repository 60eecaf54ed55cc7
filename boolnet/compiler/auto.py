"""``arch="auto"`` and ``arch="synth"``: every form that applies, the cheapest chosen per output.

Functions given as tables try every form; functions given at cube level with more than
``DENSE_MAX_INPUTS`` inputs (PLA files of 22 to 130 inputs) stay at cube level: the minimised cover gives the wide form and the
multi-level synthesis (:mod:`boolnet.synth`), neither of which builds a 2^n table. Each
form's network is merged into one hashed pool of units (:mod:`boolnet.compiler.outputs`),
each output takes the form whose cone costs least given the others, outputs may be
rebuilt as one unit over the others (resubstitution), and units are collapsed into their
readers where still threshold.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from ..cover import Cover, CubeFunction
from ..costs import cost
from ..errors import BoolnetError, NotApplicable, TooLargeError
from ..function import BooleanFunction
from ..nn import Network
from ..synth import synthesize
from ..synth.collapse import collapse
from ..synth.tnet import ThresholdNetwork, network_to_tnet
from .outputs import Pool, cheapest_own, choose_roots, resubstitute, selection_cost

__all__ = ["compile_auto", "synth_network", "function_cover", "DENSE_MAX_INPUTS",
           "SINGLE_FORMS", "SHARED_FORMS", "AUTO_FORMS", "extract"]

#: Largest number of inputs for which the forms that need the truth table (one threshold
#: unit, symmetric, cascade, deep, the product-of-sums wide form, exact) are tried.
DENSE_MAX_INPUTS = 16
#: Forms built output by output, and forms built for all outputs at once.
SINGLE_FORMS = ("threshold", "symmetric", "cascade")
#: Exact synthesis inside auto: at most this many outputs, and this many seconds (a
#: 4-input output is a database look-up; bw's 28 outputs of 5 inputs would take hours).
EXACT_MAX_OUTPUTS = 3
EXACT_SECONDS = 5.0
#: Seconds auto gives the multi-level synthesis (checked between structures and while
#: mapping); the best network found by then is used (``arch="synth"`` has no limit).
SYNTH_SECONDS = 30.0
#: Largest cover (cubes) the multi-level synthesis starts from: its AIG and BDD are built
#: cube by cube (a 20-input parity table has 2^19 cubes; its symmetric forms are tiny).
SYNTH_MAX_CUBES = 5000
SHARED_FORMS = ("exact", "deep", "wide", "tcover", "tcover_pos", "synth")
#: Seconds auto gives the threshold-implicant cover's greedy merging (:mod:`.tcover`).
TCOVER_SECONDS = 8.0
#: Every form auto tries, in the order of its table.
AUTO_FORMS = SINGLE_FORMS + SHARED_FORMS


def single_output(f: BooleanFunction, j: int) -> BooleanFunction:
    """Output j of f as a one-output function."""
    return BooleanFunction(f.n, f.on_words[j:j + 1], f.dc_words[j:j + 1],
                           f.input_names, [f.output_names[j]])


def function_cover(f, minimize: str = "auto") -> Cover:
    """The minimised multi-output cover of a table or cube-level function (heuristic at cube level)."""
    from ..twolevel import minimize as _minimize
    from .wide import AUTO_EXACT_SECONDS, AUTO_HEURISTIC_SECONDS, canonical_cover, lower_outputs
    if isinstance(f, BooleanFunction):
        if minimize == "none":
            return canonical_cover(f)
        budget = ({"time_limit": AUTO_EXACT_SECONDS,
                   "heuristic_time_limit": AUTO_HEURISTIC_SECONDS} if minimize == "auto" else {})
        cover, _ = _minimize(f, method=minimize, **budget)
        return lower_outputs(cover, f).with_names(f.input_names, f.output_names)
    cover, _ = _minimize(f, method="heuristic")
    return cover.with_names(f.on.input_names, f.on.output_names)


def synth_network(cover: Cover, max_depth: int | None = None, max_fanin: int | None = None,
                  time_limit: float | None = None, structure=None) -> tuple[Network, dict]:
    """The multi-level threshold network of a cover (``arch="synth"``), and the synthesis stats.

    ``structure``: the circuit the function came with (``BooleanFunction.structure``), if any.
    """
    from .exact_db import optimum4
    t, stats = synthesize(cover, max_depth=max_depth, max_fanin=max_fanin, time_limit=time_limit,
                          library=optimum4, structure=structure)
    net = t.to_network(arch="synth")
    return net, stats.to_dict()


@dataclass
class _Job:
    """What every form builder needs: the function (a table, or None at cube level), its
    minimised cover (made when a form first asks), the limits, and the compiler's dense
    dispatcher ``build(g, arch)``."""

    f: BooleanFunction | None
    source: object
    minimize: str
    m: int
    max_depth: int | None
    max_fanin: int | None
    build: Callable
    say: Callable = lambda stage: None
    no_cover: str = ""  # why the cover-based forms are not tried (empty: they are)

    @cached_property
    def cover(self) -> Cover:
        """The minimised multi-output cover, made once."""
        if self.no_cover:
            raise NotApplicable(self.no_cover)
        self.say("minimising the cover")
        return function_cover(self.source, self.minimize)

    @property
    def table(self) -> BooleanFunction:
        """The truth table; NotApplicable at cube level, where the table forms are not built."""
        if self.f is None:
            raise NotApplicable(f"needs the truth table (at most {DENSE_MAX_INPUTS} inputs)")
        return self.f

    @cached_property
    def complement_cover(self) -> Cover:
        """The minimised cover of the table's complement (the product-of-sums forms), made once."""
        if self.no_cover:
            raise NotApplicable(self.no_cover)
        self.say("minimising the complement's cover")
        return function_cover(self.f.complement(), self.minimize)


def _single(job: _Job, a: str):
    """One-output forms, output by output."""
    try:
        f = job.table
    except NotApplicable as exc:
        yield None, exc
        return
    for j in range(job.m):
        try:
            yield [j], job.build(single_output(f, j), a)
        except NotApplicable as exc:
            yield [j], exc


def _synth(job: _Job, a: str):
    if len(job.cover) > SYNTH_MAX_CUBES:
        raise NotApplicable(f"the cover has {len(job.cover)} cubes; synthesis starts from covers "
                            f"of at most {SYNTH_MAX_CUBES}")
    return synth_network(job.cover, job.max_depth, job.max_fanin, SYNTH_SECONDS,
                         getattr(job.source, "structure", None))[0]


def _wide(job: _Job, a: str):
    # The sum of products from the cover already minimised (not a second time), and for
    # tables the product of sums too, whichever has fewer units.
    from .wide import _size, wide_from_cover
    net = wide_from_cover(job.cover)
    if job.f is not None:
        try:
            pos = wide_from_cover(job.complement_cover, dual=True)
            net = net if _size(net) <= _size(pos) else pos
        except NotApplicable:
            pass
    return net


def _exact(job: _Job, a: str):
    f = job.f
    if f is None or f.m > EXACT_MAX_OUTPUTS or f.n > 6:
        raise NotApplicable(f"auto tries exact synthesis for at most 6 inputs and "
                            f"{EXACT_MAX_OUTPUTS} outputs (--arch exact takes more)")
    from .exact_db import exact
    return exact(f, max_depth=job.max_depth, time_limit=EXACT_SECONDS)


def _dense(job: _Job, a: str):
    return job.build(job.table, a)


def _tcover(job: _Job, a: str):
    # The wide form's cover with groups of cubes merged into threshold implicants.
    from .tcover import tcover_network
    return tcover_network(job.cover, job.f if job.f is not None else job.source,
                          time_limit=TCOVER_SECONDS)


def _tcover_pos(job: _Job, a: str):
    # The dual: threshold implicates merged from the complement's cover, each output a NOR.
    f = job.table
    from .tcover import tcover_network
    return tcover_network(job.complement_cover, f.complement(), time_limit=TCOVER_SECONDS,
                          dual=True)


#: How auto builds each shared form (the single-output forms go through ``_single``).
_SHARED = {"synth": _synth, "wide": _wide, "tcover": _tcover, "tcover_pos": _tcover_pos,
           "exact": _exact}


def _forms(job: _Job, archs: tuple[str, ...], say, stop):
    """Yield (form, outputs, Network or NotApplicable) for every form to try.

    ``stop()`` is asked before each form: True ends the search (a proven minimum is in).
    """
    everyone = list(range(job.m))
    for a in archs:
        why = stop()
        if why:
            yield a, None, NotApplicable(f"not needed: {why}")
            continue
        say(f"form {a}")
        if a in SINGLE_FORMS:
            for outs, res in _single(job, a):
                yield a, outs, res
            continue
        try:
            yield a, everyone, _SHARED.get(a, _dense)(job, a)
        except NotApplicable as exc:
            yield a, everyone, exc
        except TooLargeError as exc:  # one form past the memory budget: the others may fit
            yield a, everyone, NotApplicable(str(exc))


def compile_auto(f, *, minimize: str = "auto", max_depth: int | None = None,
                 max_fanin: int | None = None, objective: str = "neurons",
                 archs: tuple[str, ...] | None = None, build=None,
                 progress=None) -> tuple[Network, list[dict], list[str]]:
    """The cheapest per-output mix of every form in ``archs``: (network, candidates, form per output).

    ``f`` is a BooleanFunction or CubeFunction; ``build(g, arch)`` builds one dense form
    (the compiler's dispatcher). Candidates list each form's own size over the outputs
    it serves, as the auto table did.
    """
    if objective not in ("neurons", "parameters"):
        raise BoolnetError(f"objective must be parameters or neurons, got {objective!r}")
    say = progress or (lambda s: None)
    dense = isinstance(f, BooleanFunction)
    fd = f if dense else None
    n = f.n
    names_in = list(f.input_names) if isinstance(f, BooleanFunction) else list(f.on.input_names)
    names_out = list(f.output_names) if isinstance(f, BooleanFunction) else list(f.on.output_names)
    if archs is None:
        archs = AUTO_FORMS
    if "wide" in archs and "tcover" not in archs:
        # The threshold covers are tried with the wide form (the same covers).
        i = archs.index("wide") + 1
        archs = archs[:i] + ("tcover",) + archs[i:]
    if "tcover" in archs and "tcover_pos" not in archs:
        # (its dual has no --arch of its own: compile's ARCHS leaves it out)
        i = archs.index("tcover") + 1
        archs = archs[:i] + ("tcover_pos",) + archs[i:]
    m = f.m if isinstance(f, BooleanFunction) else f.on.m
    no_cover = ""
    if dense and f.n > DENSE_MAX_INPUTS and f.is_symmetric():
        # parity:28's cover has 2^27 cubes (the minimiser ran out of memory on it); the
        # forms that read the input count are exact and small.
        no_cover = (f"a symmetric table of {f.n} inputs: its forms read the input count; a cover "
                    f"may have up to 2^{f.n - 1} cubes, so the cover forms are not tried")
    pool = Pool(ThresholdNetwork(n, names_in, names_out), [dict() for _ in range(m)])
    candidates, seconds = [], {}
    per_form: dict[str, list] = {}
    clock = time.perf_counter()
    proven = []

    def stop() -> str | None:
        """Why no form can do better, once that is known (a proven minimum is in)."""
        return proven[0] if objective == "neurons" and proven else None
    job = _Job(fd, f, minimize, m, max_depth, max_fanin, build, say, no_cover)
    for a, outs, res in _forms(job, archs, say, stop):
        spent = time.perf_counter() - clock
        seconds[a] = seconds.get(a, 0.0) + spent
        clock = time.perf_counter()
        if isinstance(res, NotApplicable):
            per_form.setdefault(a, []).append((outs, None, str(res)))
            continue
        c = cost(res)
        # (Exact synthesis puts every output in the last layer, so for several outputs its
        # minimum is not one over networks that read outputs in place: keep trying forms,
        # unless it is one unit per output.)
        ex = res.meta.get("exact") or {}
        if a == "exact" and ex.get("proven") and (m == 1 or ex.get("units") == m):
            proven.append("the exact form is a proven minimum")
        if max_depth is not None and c.depth > max_depth:
            per_form.setdefault(a, []).append((outs, None, f"depth {c.depth} > max depth {max_depth}"))
            continue
        roots = network_to_tnet(res, into=pool.net)
        pool.add_form(a, roots, outs)
        if not proven and all(any(selection_cost(pool.net, [r], "neurons")[0] == 1
                                  for r in o.values()) for o in pool.options):
            # every output one unit: no network has fewer (majority:16 need not wait for
            # covers of 12,870 cubes)
            proven.append("one unit per output is the least any network has")
        per_form.setdefault(a, []).append((outs, c, None))
    for a, parts in per_form.items():
        ok = [p for p in parts if p[1] is not None]
        if len(ok) == len(parts) and ok:
            if len(ok) == 1:
                entry = {**ok[0][1].as_dict(), "arch": a, "applies": True}
            else:
                roots = [pool.options[j][a] for j in range(m)]
                entry = {**cost(extract(pool.net, roots).to_network()).as_dict(), "arch": a,
                         "applies": True, "per_output": True}
        else:
            bad = [p for p in parts if p[1] is None]
            entry = {"arch": a, "applies": False,
                     "reason": bad[0][2] if len(bad) == len(parts)
                     else f"{len(bad)} of {m} outputs: {bad[0][2]}"}
        entry["seconds"] = round(seconds.get(a, 0.0), 3)
        candidates.append(entry)
    if any(not o for o in pool.options):
        j = next(j for j, o in enumerate(pool.options) if not o)
        raise BoolnetError(f"no form computes output {names_out[j]} within the given limits")
    allowed = _depth_filter(pool.net, max_depth)
    pick, _ = choose_roots(pool, objective, allowed, order=archs + ("resub",))
    # Resubstitution over the outputs' simplest roots (eq over the threshold units lt and
    # gt), then over the chosen ones where that found nothing.
    if fd is not None and (resubstitute(pool, fd, cheapest_own(pool, objective, allowed, archs + ("resub",)),
                                        objective)
                           | resubstitute(pool, fd, pick, objective, keep=True)):
        allowed = _depth_filter(pool.net, max_depth)  # (resubstitution added units)
        pick, _ = choose_roots(pool, objective, allowed, order=archs + ("resub",))
    chosen = extract(pool.net, [pool.options[j][k] for j, k in enumerate(pick)])
    say("collapsing units")
    chosen = collapse(chosen, max_fanin=max_fanin)
    forms = sorted(set(pick))
    arch = forms[0] if len(forms) == 1 else "per-output"
    net = chosen.to_network(arch=arch, forms=list(pick))
    if max_depth is not None and cost(net).depth > max_depth:  # pragma: no cover - guarded above
        raise BoolnetError(f"no mix of forms fits max depth {max_depth}")
    for entry in candidates:
        entry["chosen"] = entry["applies"] and entry["arch"] in pick
    return net, candidates, list(pick)


def _depth_filter(t: ThresholdNetwork, max_depth: int | None):
    """``allowed(form, root)`` for choose_roots: roots within ``max_depth`` (None: no filter)."""
    if max_depth is None:
        return None
    depth = t.depths()
    return lambda form, root: depth[root[0]] <= max_depth or not t.is_unit(root[0])


def extract(t: ThresholdNetwork, roots: list[tuple[int, bool]]) -> ThresholdNetwork:
    """A network of just the units the given output roots need, in the same order."""
    out = ThresholdNetwork(t.n, t.input_names, t.output_names)
    new: dict[int, int] = {i: i for i in range(t.n)}
    for s in sorted(t.cone([r for r, _ in roots])):
        u = s - t.n
        new[s] = out.add_unit([new[x] for x in t.sources[u]], t.weights[u], t.bias[u])
    for s, neg in roots:
        out.add_output(new[s], neg)
    return out
