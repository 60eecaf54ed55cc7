"""Synthesis from the circuit a function was given with (``BooleanFunction.structure``):
the rewrites keep the function, full adders map to two units, and a given circuit never
makes a network larger."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from boolnet import BooleanFunction, families
from boolnet.bits import unpack
from boolnet.compiler import compile_report
from boolnet.compiler.auto import function_cover
from boolnet.netlist import Netlist
from boolnet.synth import synthesize
from boolnet.synth.aig import aig_from_netlist, expose_adders
from boolnet.synth.mapping import map_threshold
from boolnet.verification import verify

SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def adder_netlists(draw, max_n=6, max_gates=12):
    """Random netlists of ANDs, XORs of two and three, and majorities over earlier literals."""
    n = draw(st.integers(2, max_n))
    g = Netlist(n)
    lits = [g.input(i) for i in range(n)]
    pick = st.integers(0, 10_000)
    for _ in range(draw(st.integers(1, max_gates))):
        xs = [lits[draw(pick) % len(lits)] ^ draw(st.integers(0, 1)) for _ in range(3)]
        op = draw(st.sampled_from(["and", "xor", "xor3", "maj", "fa"]))
        if op == "and":
            lits.append(g.create_and(xs[0], xs[1]))
        elif op == "xor":
            lits.append(g.create_xor(xs[0], xs[1]))
        elif op == "xor3":
            lits.append(g.create_xor(g.create_xor(xs[0], xs[1]), xs[2]))
        elif op == "maj":
            lits.append(g.create_maj(*xs))
        else:  # a full adder, its carry built before or after its sum
            if draw(st.booleans()):
                lits += [g.create_maj(*xs), g.create_xor(g.create_xor(xs[0], xs[1]), xs[2])]
            else:
                lits += [g.create_xor(g.create_xor(xs[0], xs[1]), xs[2]), g.create_maj(*xs)]
    for _ in range(draw(st.integers(1, 3))):
        g.add_output(lits[draw(pick) % len(lits)] ^ draw(st.integers(0, 1)))
    return g


@SETTINGS
@given(net=adder_netlists())
def test_aig_of_a_netlist_and_exposed_adders_keep_the_function(net):
    want = unpack(net.simulate(), 1 << net.n)
    g = aig_from_netlist(net)
    h = expose_adders(g)
    for aig in (g, h):
        assert np.array_equal(aig.simulate_outputs(), want)


def _full_adder() -> Netlist:
    g = Netlist(3)
    a, b, c = (g.input(i) for i in range(3))
    g.add_output(g.create_xor(g.create_xor(a, b), c))
    g.add_output(g.create_maj(a, b, c))
    return g


def test_a_full_adder_is_two_units_its_sum_reading_its_carry():
    g = expose_adders(aig_from_netlist(_full_adder()))
    t = map_threshold(g, dominated=True)
    assert t.size() == 2
    (s, _), (carry, _) = t.outputs
    u = s - t.n
    assert carry in t.sources[u]                                    # the sum reads the carry
    w = dict(zip(t.sources[u], t.weights[u]))
    assert sorted(abs(w[x]) for x in range(3)) == [1, 1, 1] and abs(w[carry]) == 2
    # In a ripple the sum without the dominated cut {a, b, c, carry} takes a helper of its
    # own that hashing cannot share with the carry (a majority of other polarities).
    ripple = expose_adders(aig_from_netlist(families.adder(4).structure))
    assert map_threshold(ripple, dominated=True).size() < map_threshold(ripple).size()


@pytest.mark.parametrize("k", [2, 3, 4, 5, 8])
def test_ripple_adder_synthesises_to_two_units_a_bit(k):
    f = families.adder(k)
    t, stats = synthesize(function_cover(f), structure=f.structure)
    assert t.size() <= 2 * k
    assert stats.structures["given-raw"]["applies"]


@SETTINGS
@given(net=adder_netlists(max_n=5))
@example(net=Netlist(3, [(2, 7), (5, 8), (4, 9), (11, 13), (3, 4), (2, 5), (5, 19), (17, 21),
                         (14, 22), (15, 23), (25, 27), (5, 28), (4, 29), (31, 33), (4, 25),
                         (27, 37), (2, 4)], [14, 38]))  # tied at 3 units before outputs were
# turned positive, the given circuit's network stayed 3 and the BDD's became 2
def test_synthesis_from_a_structure_computes_it_and_never_grows(net):
    f = BooleanFunction(net.n, net.simulate(), structure=net)
    cover = function_cover(f)
    t, stats = synthesize(cover, structure=net)
    plain, _ = synthesize(cover)
    assert t.size() <= plain.size()
    assert verify(t.to_network(), f).ok


@pytest.mark.parametrize("spec", ["adder:2", "adder:3", "adder:4", "comparator:2",
                                  "comparator:3", "multiplier:2", "multiplier:3"])
def test_compile_with_the_structure_is_proven_and_never_larger(spec):
    f = families.by_name(spec)
    with_ = compile_report(f)
    without = compile_report(f.with_structure(None))
    assert with_.verification.ok and without.verification.ok
    assert with_.cost.neurons <= without.cost.neurons


def test_multiplier_4_meets_the_issue_target():
    rep = compile_report(families.multiplier(4))
    assert rep.verification.ok
    assert rep.cost.neurons <= 60   # issue 13: partial products and threshold full adders


def test_a_netlist_refuses_gates_that_read_ahead_and_outputs_of_nothing():
    from boolnet.errors import BoolnetError
    with pytest.raises(BoolnetError, match="reads only lower variables"):
        Netlist(2, ands=[(2, 8)])          # gate 3 reading variable 4 (itself)
    with pytest.raises(BoolnetError, match="names no variable"):
        Netlist(2, ands=[(2, 4)], outputs=[8])
    g = Netlist(2, ands=[(2, 4)], outputs=[7])
    assert g.create_and(4, 2) == 6 and g.num_ands == 1   # hashed: the same gate


def test_outputs_read_negated_units_without_a_unit_of_their_own():
    # A full adder whose outputs are the complemented sum and carry: the carry is read by
    # the sum and by an output, so a negated output of it would need a second unit.
    from boolnet.costs import cost
    fa = _full_adder()
    g = Netlist(3, fa.ands, [x ^ 1 for x in fa.outputs])
    f = BooleanFunction(3, g.simulate(), structure=g)
    t, _ = synthesize(function_cover(f), structure=g)
    assert not any(neg for _, neg in t.outputs)
    net = t.to_network()
    assert cost(net).neurons == t.size() == 2 and verify(net, f).ok


def test_arch_synth_starts_from_the_structure_too():
    """``--arch synth`` (not only auto) maps the circuit a function came with."""
    f = families.multiplier(3)
    with_ = compile_report(f, arch="synth")
    without = compile_report(f.with_structure(None), arch="synth")
    assert with_.verification.ok
    assert with_.cost.neurons < without.cost.neurons
