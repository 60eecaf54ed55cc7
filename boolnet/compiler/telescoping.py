"""Depth-bounded threshold circuits for symmetric functions, by telescoping sums.

A symmetric function of N inputs depends only on s = x1 + ... + xN. Two constructions
trade depth for size (Siu, Roychowdhury and Kailath, "Depth-size tradeoffs for neural
computation", IEEE Trans. Computers 40(12), 1991; the telescoping technique):

**Any value vector, depth 3** (``telescoping_symmetric``). Let t1 < ... < tT be the counts
where the (filled) value vector changes; f(x) is v(0) flipped once per t_i <= s. Group
the transitions into M = ceil(T/g) runs of g (g even; the last run is padded with N + 1,
which never fires). Layer 1 has M - 1 units y_B = [s >= t_(Bg+1)]: how many runs s has
passed, in unary. Layer 2 has g units, one per position i in a run,

    z_i = [ s - sum_B y_B (t_(Bg+i) - t_((B-1)g+i)) >= t_i ],

whose telescoping sum is t_(Bg+i) - t_i when s lies in run B, so z_i = [s >= t_(Bg+i)]:
the transitions of the run s lies in. The runs before it hold an even number of
transitions, so the output [sum_i (-1)^(i+1) z_i >= 1] (complemented when v(0) = 1)
is f. Size: ceil(T/g) + g units (M - 1 + g + 1), at most 2 sqrt(T) + 3 with g near sqrt(T).

**Parity, any depth d >= 2** (``telescoping_parity``). Count s in a mixed radix
m1, m2, ..., m(d-1), 2: level l has m_l - 1 units, unit j firing when the remainder left by
the coarser levels, s - sum_(l'<l) K_(l') (units of l' that fire), is at least j K_l, where
K_l = 2 m_(l+1) ... m_(d-1) is the block size of level l. The output unit reads the inputs
and every unit and fires when the last remainder, s mod 2, is 1. Size:
1 + sum_l (m_l - 1) with m1 m2 ... m(d-1) >= ceil((N+1)/2); balanced radices are optimal,
so with P = ceil((N+1)/2) and k = d - 1 levels, a = floor(P^(1/k)) and j the fewest radices
raised to a + 1:

    units(N, d) = 1 + k (a - 1) + j  <=  1 + (d - 1) P^(1/(d-1)),

the O(d N^(1/(d-1))) of the paper with constant 1 on ((N+1)/2)^(1/(d-1)). At d = 2 this is
the skip-connection network of ceil((N+1)/2) units; at the largest useful depth,
d = 1 + ceil(log2 P) = floor(log2 N) + 1, every radix is 2 and it is the cascade.
Every unit reads the inputs with weight 1, so these networks are proved correct from
N + 1 rows (``boolnet.prove.symmetric``).

**Periodic value vectors, any depth** (``telescoping_periodic``). The same counting with
blocks of p where v(s) = u(s mod p): the last remainder is s mod p, and the output reads it
directly when the pattern u changes once per period (parity: p = 2), else through one
layer of a unit per change of u. Size: 1 + T_p [T_p >= 2] + sum_l (m_l - 1), product of
the radices >= ceil((N+1)/p).

Why only periodic vectors beyond depth 3: the nested levels give each finer block the same
offset in every coarser block, so the pattern inside the finest blocks must repeat.
Nor can any construction do much better for a general value vector: a unit that reads
k earlier units and the count s splits the N + 1 points (s, u_1(s), ..., u_k(s)) by a
hyperplane of R^(k+1), at most 2 (N+1)^(k+1) ways, so U units compute at most
2^U (N+1)^(U(U+1)/2) functions of s, fewer than the 2^(N+1) value vectors unless
U(U+1)/2 log2(N+1) + U >= N + 1: about sqrt(2N / log2 N) units at every depth, against
depth 3's 2 sqrt(T) + 3. The O(d N^(1/(d-1))) of the depth-d bound is for parity and
periodic functions, not for every symmetric function.
"""
from __future__ import annotations

import math
from typing import Sequence

from ..errors import BoolnetError, NotApplicable
from ..nn import Network
from .builder import Builder, negate
from .symmetric import fill_value_vector, transitions

__all__ = ["parity_radices", "parity_units", "parity_bound", "telescoping_parity",
           "group_size", "symmetric_units", "symmetric_bound", "telescoping_symmetric",
           "two_level_symmetric", "one_unit_symmetric", "max_parity_depth", "period_of",
           "periodic_radices", "periodic_units", "periodic_bound", "max_periodic_depth",
           "telescoping_periodic"]


def _iroot(p: int, k: int) -> int:
    """floor(p ** (1/k)) in exact integers."""
    a = int(round(p ** (1.0 / k)))
    while a ** k > p:
        a -= 1
    while (a + 1) ** k <= p:
        a += 1
    return a


def max_parity_depth(n: int) -> int:
    """The deepest depth at which the parity network still uses every level: floor(log2 n) + 1."""
    p = (n + 2) // 2
    return 1 + (p - 1).bit_length()


def parity_radices(n: int, depth: int) -> tuple[int, ...]:
    """The radices m1 >= ... >= m(d-1) of the depth-d parity network: product >= ceil((n+1)/2).

    Raises NotApplicable when depth is 1 (n >= 2) or deeper than ``max_parity_depth(n)``.

    >>> parity_radices(64, 3), parity_radices(64, 7)
    ((6, 6), (2, 2, 2, 2, 2, 2))
    """
    if n < 1:
        raise BoolnetError("parity needs at least one input")
    p = (n + 2) // 2  # ceil((n + 1) / 2): the count s in 0..n, halved by the output's s mod 2
    k = depth - 1
    if k < 0 or (k == 0 and p > 1):
        raise NotApplicable(f"{n}-input parity is not linearly separable: it needs depth >= 2")
    if k == 0:
        return ()
    a = _iroot(p, k)
    j = 0
    while a ** (k - j) * (a + 1) ** j < p:
        j += 1
    radices = (a + 1,) * j + (a,) * (k - j)
    if min(radices) < 2:
        raise NotApplicable(f"depth {depth} is more than {n}-input parity can use: "
                            f"at depth {max_parity_depth(n)} the count is already binary")
    return radices


def parity_units(n: int, depth: int) -> int:
    """Units of the depth-d telescoping parity network: 1 + (d-1)(a-1) + j (module docstring).

    >>> [parity_units(64, d) for d in range(2, 8)]
    [33, 11, 8, 7, 7, 7]
    """
    return 1 + sum(m - 1 for m in parity_radices(n, depth))


def parity_bound(n: int, depth: int) -> float:
    """The stated bound on ``parity_units``: 1 + (d-1) * ceil((n+1)/2) ** (1/(d-1))."""
    k = depth - 1
    return 1 + k * ((n + 2) // 2) ** (1.0 / k) if k > 0 else 1.0


def _remainder_layers(b: Builder, xs: list, radices, period: int) -> dict:
    """The mixed-radix counting layers: level l subtracts whole blocks of K_l ones from the
    count (K_last = period, K_l = K_{l+1} * m_{l+1}); returns each unit's weight in every
    later remainder, so that s - sum is s mod period after the last level."""
    block = [period] * len(radices)  # K_l: the block size of level l
    for l in range(len(radices) - 2, -1, -1):
        block[l] = block[l + 1] * radices[l + 1]
    earlier: dict = {}  # unit ref -> its weight in every later remainder
    for l, m in enumerate(radices):
        units = []
        for j in range(1, m):
            weights = {x: 1 for x in xs}
            weights.update(earlier)
            units.append((weights, -j * block[l]))
        for ref in b.add_layer(units):
            earlier[ref] = -block[l]
    return earlier


def telescoping_parity(n: int, depth: int, invert: bool = False) -> Network:
    """The depth-``depth`` telescoping (mixed-radix) network of n-input parity, or its complement.

    >>> net = telescoping_parity(64, 3); net
    Network(64 -> 5 step -> 5 step [skip] -> 1 step [skip], 01)
    """
    radices = parity_radices(n, depth)
    b = Builder(n)
    xs = [b.input(i) for i in range(n)]
    earlier = _remainder_layers(b, xs, radices, 2)
    weights = {x: 1 for x in xs}
    weights.update(earlier)
    out = (weights, -1)  # the last remainder, s mod 2, is 1
    b.add_layer([negate(out) if invert else out])
    return b.network(arch=f"telescoping-d{depth}", radices=list(radices))


def group_size(t: int) -> int:
    """The run length g (even, < t) that minimises ceil(t/g) + g; NotApplicable for t < 4."""
    if t < 4:
        raise NotApplicable(f"{t} transitions: the depth-2 form ({t + 1} units) is already "
                            f"smaller than any depth-3 telescoping")
    return min(range(2, t, 2), key=lambda g: (-(-t // g) + g, g))


def symmetric_units(t: int) -> int:
    """Units of the depth-3 telescoping network of t transitions: ceil(t/g) + g."""
    g = group_size(t)
    return -(-t // g) + g


def symmetric_bound(t: int) -> float:
    """The stated bound on ``symmetric_units``: 2 sqrt(t) + 3."""
    return 2 * math.sqrt(t) + 3


def _filled(values: Sequence[int]) -> list[int]:
    v = [int(x) for x in values]
    if not v or any(x not in (0, 1, -1) for x in v):
        raise BoolnetError(f"a value vector holds 0, 1 or -1 (don't care); got {list(values)[:8]}")
    return fill_value_vector(v)


def telescoping_symmetric(values: Sequence[int]) -> Network:
    """The depth-3 telescoping network of the symmetric function with value vector ``values``.

    ``values`` has N + 1 entries: the output on the rows with 0, 1, ..., N ones.

    Don't-cares (-1) are filled as ``boolnet.compiler.symmetric`` fills them.

    >>> telescoping_symmetric([0, 1, 0, 0, 1, 1, 0, 1, 0])
    Network(8 -> 2 step -> 2 step [skip] -> 1 step, 01)
    """
    v = _filled(values)
    n = len(v) - 1
    ts = [t for t, _ in transitions(v)]
    g = group_size(len(ts))
    runs = -(-len(ts) // g)
    ts = ts + [n + 1] * (runs * g - len(ts))  # padding that never fires
    b = Builder(n)
    xs = [b.input(i) for i in range(n)]
    ys = b.add_layer([({x: 1 for x in xs}, -ts[B * g]) for B in range(1, runs)])
    zs = []
    for i in range(g):
        weights = {x: 1 for x in xs}
        for B, y in enumerate(ys, start=1):
            step = ts[B * g + i] - ts[(B - 1) * g + i]
            if step:
                weights[y] = -step
        zs.append((weights, -ts[i]))
    z = b.add_layer(zs)
    out = ({r: (1 if i % 2 == 0 else -1) for i, r in enumerate(z)}, -1)
    b.add_layer([negate(out) if v[0] else out])
    return b.network(arch="telescoping-d3", group=g, value_vector=v)


def one_unit_symmetric(values: Sequence[int]) -> Network:
    """The single unit [s >= t] (or its complement) of a value vector that changes at most once.

    Raises NotApplicable when it changes more often: then no single unit computes it.
    """
    v = _filled(values)
    n = len(v) - 1
    steps = transitions(v)
    if len(steps) > 1:
        raise NotApplicable(f"the value vector changes {len(steps)} times; one threshold unit "
                            f"computes a symmetric function only when it changes at most once")
    b = Builder(n)
    xs = [b.input(i) for i in range(n)]
    if not steps:
        unit = ({x: 0 for x in xs}, 0 if v[0] else -1)  # a constant
    else:
        t, d = steps[0]
        unit = ({x: 1 for x in xs}, -t) if d > 0 else negate(({x: 1 for x in xs}, -t))
    b.add_layer([unit])
    return b.network(arch="threshold", value_vector=v)


def two_level_symmetric(values: Sequence[int]) -> Network:
    """The depth-2 network of a value vector: one unit [s >= t] per transition and the output.

    The same network as ``boolnet.compiler.symmetric`` builds, from the value vector alone
    (no 2^N table), so that it exists for any N.
    """
    v = _filled(values)
    n = len(v) - 1
    steps = transitions(v) or [(n + 1, 1)]  # an idle unit for a constant
    b = Builder(n)
    xs = [b.input(i) for i in range(n)]
    h = b.add_layer([({x: 1 for x in xs}, -t) for t, _ in steps])
    b.add_layer([({r: d for r, (_, d) in zip(h, steps)}, v[0] - 1)])
    return b.network(arch="symmetric", value_vector=v)


# ------------------------------------------------------------------ periodic value vectors
def period_of(values: Sequence[int]) -> tuple[int, list[int]]:
    """The least period p of a value vector and its pattern u (v[s] = u[s mod p]).

    Don't-cares (-1) agree with any period; residues the vector never fixes are filled as
    ``fill_value_vector`` fills. p = N + 1 (the whole vector) when nothing shorter repeats.

    >>> period_of([1, 0, 0, 1, 0, 0, 1]), period_of([0, 1, 1, 0, 0]), period_of([0, 1, 1, 0, -1])
    ((3, [1, 0, 0]), (4, [0, 1, 1, 0]), (3, [0, 1, 1]))
    """
    v = [int(x) for x in values]
    if not v or any(x not in (0, 1, -1) for x in v):
        raise BoolnetError(f"a value vector holds 0, 1 or -1 (don't care); "
                           f"got {list(values)[:8]}")
    for p in range(1, len(v) + 1):
        u = [-1] * p
        for s, x in enumerate(v):
            if x < 0:
                continue
            if u[s % p] >= 0 and u[s % p] != x:
                break
            u[s % p] = x
        else:
            return p, fill_value_vector(u)
    raise AssertionError("unreachable: p = N + 1 always fits")


def _balanced_radices(blocks: int, k: int) -> tuple[int, ...]:
    """k radices, each a or a + 1 (a = floor(blocks^(1/k))), fewest raised, product >= blocks."""
    a = _iroot(blocks, k)
    j = 0
    while a ** (k - j) * (a + 1) ** j < blocks:
        j += 1
    return (a + 1,) * j + (a,) * (k - j)


def periodic_radices(values: Sequence[int], depth: int) -> tuple[int, ...]:
    """The radices of ``telescoping_periodic(values, depth)``; NotApplicable where none apply.

    k = depth - 1 levels when the pattern changes at most once within a period (the output
    reads the remainder directly, as parity's does), else k = depth - 2 (a layer of one unit
    per change of the pattern comes between); product >= P = ceil((N + 1) / p).

    >>> periodic_radices([s % 3 == 0 for s in range(65)], 4)
    (3, 3, 3)
    """
    p, u = period_of([int(x) for x in values])
    n = len(values) - 1
    blocks = -(-(n + 1) // p)
    tp = len(transitions(u))
    if blocks < 2:
        raise NotApplicable(f"the value vector does not repeat (least period {p} = N + 1): "
                            f"no mixed-radix counting applies")
    if tp == 0:
        raise NotApplicable("the value vector is constant: one unit computes it")
    k = depth - (1 if tp == 1 else 2)
    if k < 1:
        raise NotApplicable(f"a pattern with {tp} changes per period needs depth >= "
                            f"{2 if tp == 1 else 3}")
    radices = _balanced_radices(blocks, k)
    if min(radices) < 2:
        raise NotApplicable(f"depth {depth} is more than the {blocks} periods can use: at depth "
                            f"{max_periodic_depth(values)} the count of periods is already binary")
    return radices


def max_periodic_depth(values: Sequence[int]) -> int:
    """The deepest depth at which every level of ``telescoping_periodic`` has radix >= 2."""
    p, u = period_of([int(x) for x in values])
    blocks = -(-len(values) // p)
    return (blocks - 1).bit_length() + (1 if len(transitions(u)) <= 1 else 2)


def periodic_units(values: Sequence[int], depth: int) -> int:
    """Units of ``telescoping_periodic``: 1 + T_p [T_p >= 2] + k (a - 1) + j.

    T_p is the pattern's number of changes within a period, k the levels, a = floor(P^(1/k))
    with P = ceil((N+1)/p) and j the fewest radices raised to a + 1. For parity (p = 2,
    T_p = 1) it is ``parity_units``.

    >>> mod3, parity = [s % 3 == 0 for s in range(65)], [s % 2 for s in range(65)]
    >>> periodic_units(mod3, 4), periodic_units(parity, 4)
    (7, 8)
    """
    p, u = period_of([int(x) for x in values])
    tp = len(transitions(u))
    return 1 + (tp if tp >= 2 else 0) + sum(m - 1 for m in periodic_radices(values, depth))


def periodic_bound(values: Sequence[int], depth: int) -> float:
    """The stated bound on ``periodic_units``: 1 + T_p [T_p >= 2] + k P^(1/k)."""
    p, u = period_of([int(x) for x in values])
    tp = len(transitions(u))
    k = depth - (1 if tp <= 1 else 2)
    blocks = -(-len(values) // p)
    return 1 + (tp if tp >= 2 else 0) + (k * blocks ** (1.0 / k) if k > 0 else 0.0)


def telescoping_periodic(values: Sequence[int], depth: int) -> Network:
    """The depth-``depth`` telescoping network of a periodic value vector (v[s] = u[s mod p]).

    Parity's mixed-radix counting with blocks of p instead of 2: level l has m_l - 1 units
    [s - sum_(l'<l) K_(l') (units of l' that fire) >= j K_l], K_l = p m_(l+1) ... m_k, so the
    last remainder is r = s mod p; the output is [r >= t] when the pattern u changes once
    (at t), else a layer of units [r >= t_i], one per change, and the output sums them with
    the signs of the changes (the depth-2 form on r). Every unit reads the inputs with
    weight 1 (proved from N + 1 rows). Size: ``periodic_units``.

    >>> telescoping_periodic([s % 3 == 0 for s in range(65)], 4)
    Network(64 -> 2 step -> 2 step [skip] -> 2 step [skip] -> 1 step [skip], 01)
    """
    v = [int(x) for x in values]
    radices = periodic_radices(v, depth)
    p, u = period_of(v)
    steps = transitions(u)
    n = len(v) - 1
    b = Builder(n)
    xs = [b.input(i) for i in range(n)]
    earlier = _remainder_layers(b, xs, radices, p)

    def at_least(t: int):  # [r >= t] on the last remainder r = s mod p
        weights = {x: 1 for x in xs}
        weights.update(earlier)
        return weights, -t
    if len(steps) == 1:
        t, d = steps[0]
        b.add_layer([at_least(t) if d > 0 else negate(at_least(t))])
    else:
        h = b.add_layer([at_least(t) for t, _ in steps])
        b.add_layer([({r: d for r, (_, d) in zip(h, steps)}, u[0] - 1)])
    return b.network(arch=f"telescoping-periodic-d{depth}", period=p, pattern=u,
                     radices=list(radices))
