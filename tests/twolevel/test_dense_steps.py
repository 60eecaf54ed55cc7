"""The point-count steps (minimize/dense.py) agree with the same steps on cubes."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings

from boolnet import BooleanFunction, cubes
from boolnet.twolevel import dense, espresso
from boolnet.twolevel.api import _Problem

from strategies import functions


def _primes(f: BooleanFunction):
    """(F, D, R, space): an expanded (prime, maybe redundant) cover of f and its context."""
    F, D, R = _Problem(f).covers()
    F = espresso.expand(espresso.unwrap(F), R, D, n=f.n)
    sp = dense.DenseSpace(f.n, f.on_bits(), f.dc_bits())
    return F, D, R, sp


def _covers_f(f: BooleanFunction, F) -> bool:
    """F is ON wherever f must be, and OFF wherever f is OFF."""
    if len(F[0]) == 0:
        return not (f.on_bits() & ~f.dc_bits()).any()
    return f.mismatch(BooleanFunction(f.n, cubes.cover_words(F[0], F[1], F[2], f.n))) is None


@settings(max_examples=60, deadline=None)
@given(functions(min_n=1, max_n=7, max_m=3))
def test_reduce_on_points_equals_reduce_on_cubes(f):
    F, D, _, sp = _primes(f)
    order = espresso.reduce_order(F, f.n) if len(F[0]) else None
    (a, same_a) = dense.reduce(sp, F, order=order)
    (b, same_b) = espresso.reduce(F, D, f.n, order=order)
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
    assert np.array_equal(same_a, same_b)
    assert _covers_f(f, a)
    # LAST GASP's variant: every cube against the original cover.
    (c, _), (d, _) = dense.reduce(sp, F, sequential=False), espresso.reduce(F, D, f.n,
                                                                            sequential=False)
    for x, y in zip(c, d):
        assert np.array_equal(x, y)


@settings(max_examples=60, deadline=None)
@given(functions(min_n=1, max_n=7, max_m=3))
def test_irredundant_on_points_is_a_minimum_cover_like_on_cubes(f):
    F, D, _, sp = _primes(f)
    a = dense.irredundant(sp, F)
    b = espresso.irredundant(F, D)
    assert _covers_f(f, a)
    assert espresso._cost(a) == espresso._cost(b)
    assert len(a[0]) <= len(F[0])


@settings(max_examples=60, deadline=None)
@given(functions(min_n=1, max_n=7, max_m=3))
def test_make_sparse_on_points_keeps_a_cover(f):
    F, _, _, sp = _primes(f)
    G = dense.make_sparse(sp, F)
    assert _covers_f(f, G)
    assert not (G[2] & ~F[2]).any()      # outputs are only ever disconnected
    assert (G[2].sum(1) >= 1).all()      # and every cube keeps one


@settings(max_examples=60, deadline=None)
@given(functions(min_n=1, max_n=7, max_m=3))
def test_last_gasp_keeps_a_cover_and_never_costs_more(f):
    F, D, R, sp = _primes(f)
    F = espresso.irredundant(F, D)
    for steps in (espresso._Steps(D, f.n), espresso._Steps(D, f.n, sp)):
        G = espresso.last_gasp(F, D, R, f.n, steps)
        assert _covers_f(f, G)
        assert espresso._cost(G) <= espresso._cost(F)
        # Cubes that did not come from F are primes, which is what LAST GASP adds.
        new = ~cubes.contains(F[0], F[1], G[0], G[1]).any(0) if len(F[0]) else np.ones(len(G[0]), bool)
        for c, v, o in zip(G[0][new], G[1][new], G[2][new]):
            assert espresso.expand((c[None], v[None], o[None]), R, D, n=f.n,
                                   raise_outputs=False)[0].tolist() == [c.tolist()]


@settings(max_examples=60, deadline=None)
@given(functions(min_n=1, max_n=7, max_m=3))
def test_make_sparse_on_cubes_equals_make_sparse_on_points(f):
    F, D, R, sp = _primes(f)
    a = espresso.make_sparse(F, D, R, f.n)
    b = espresso.expand(dense.make_sparse(sp, F), R, D, raise_outputs=False, n=f.n)
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
    assert _covers_f(f, a)
