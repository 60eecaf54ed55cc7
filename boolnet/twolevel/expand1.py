"""EXPAND1 of Espresso-II, compiled: make one cube prime against the OFF cover.

The cube raises literals (and, multi-output, connects outputs) to swallow as many other
cubes as it can without meeting an OFF cube (Brayton et al. 1984, ch. 4.3):

1. lower the *essential parts*: a literal that alone keeps an OFF row away must stay,
   and so must an unraised output that alone blocks a row;
2. raise the parts no live OFF row depends on;
3. while some candidate cube can be covered outright, raise towards the feasible one that
   leaves most other candidates feasible (a one-level look-ahead; fewer raises on ties);
4. then raise the parts most remaining candidates need;
5. finally keep a small blocking set of literals (a greedy column cover of the OFF rows)
   and raise every other.

Outputs are packed into uint64 words like inputs (``co``, ``ro``, ``cand_o``; ``omask``
holds the valid bits). Each step loops over OFF rows and candidates in compiled code: in
NumPy a cube cost ~600 µs of small array calls (apex5: 6,000 of them per pass).
"""
from __future__ import annotations

import numpy as np

from ..jit import jit
from ..unate import _inside as _inside_cube, _ones, _popcount, _without, copy_into, order_by_size

__all__ = ["expand_cube", "MAX_CANDIDATES"]

_U = np.uint64
#: The look-ahead of step 3 weighs at most this many candidates (least raising first).
#: 50 against 200: the same covers on random functions of 8-14 inputs and on the shared
#: PLA files (bw one cube fewer), apex2 1.1 -> 0.7 s, apex4 0.37 -> 0.29 s.
MAX_CANDIDATES = 50


@jit
def _top_bit(counts, nw):
    """A (nw,) mask with the bit of the largest count (the lowest such bit on ties)."""
    b = 0
    for t in range(counts.shape[0]):
        if counts[t] > counts[b]:
            b = t
    m = np.zeros(nw, _U)
    m[b // 64] = _U(1) << _U(b % 64)
    return m


@jit
def _add_bits(counts, row):
    for w in range(row.shape[0]):
        x = row[w]
        while x:
            low = x & (~x + _U(1))
            b = 0
            y = low
            while y > _U(1):
                y >>= _U(1)
                b += 1
            counts[w * 64 + b] += 1
            x ^= low


@jit
def _essential_parts(L, S, fixed, forbid, conf, ro, live):
    """Lower what a live row at distance 1 needs; drop rows the lowered parts settle."""
    r, nw = conf.shape
    nwo = ro.shape[1]
    while True:
        any_live = False
        any_single = False
        nfixed = fixed.copy()
        nforbid = forbid.copy()
        for t in range(r):
            if not live[t]:
                continue
            any_live = True
            nl = 0
            for w in range(nw):
                nl += _popcount(conf[t, w] & L[w])
            ob = True
            for w in range(nwo):
                if ro[t, w] & S[w]:
                    ob = False
                    break
            if nl == 0 and not ob:
                raise AssertionError("a cube being expanded meets the OFF set")
            if nl + ob == 1:
                any_single = True
                if nl == 1:
                    for w in range(nw):
                        nfixed[w] |= conf[t, w] & L[w]
                else:
                    for w in range(nwo):
                        nforbid[w] |= ro[t, w]
        if not any_live:
            return
        copy_into(fixed, nfixed)
        copy_into(forbid, nforbid)
        for t in range(r):
            if not live[t]:
                continue
            settled = False
            for w in range(nw):
                if conf[t, w] & L[w] & fixed[w]:
                    settled = True
                    break
            if not settled:
                settled = True
                for w in range(nwo):
                    if ro[t, w] & ~forbid[w]:
                        settled = False
                        break
            if settled:
                live[t] = False
        if not any_single:
            return


@jit
def _essential_raising(L, S, fixed, forbid, conf, ro, live, omask):
    """Raise literals and outputs that no live row depends on."""
    r, nw = conf.shape
    nwo = ro.shape[1]
    lits = np.zeros(nw, _U)
    outs = np.zeros(nwo, _U)
    for t in range(r):
        if live[t]:
            for w in range(nw):
                lits[w] |= conf[t, w] & L[w]
            for w in range(nwo):
                outs[w] |= ro[t, w]
    for w in range(nw):
        L[w] = fixed[w] | (L[w] & lits[w])
    for w in range(nwo):
        S[w] |= omask[w] & ~forbid[w] & ~outs[w]


@jit
def _inside(fixed, forbid, agree, aout):
    """The candidate can still be covered: the lowered parts agree with it."""
    for w in range(agree.shape[0]):
        if fixed[w] & ~agree[w]:
            return False
    for w in range(aout.shape[0]):
        if aout[w] & forbid[w]:
            return False
    return True


@jit
def _covered(L, S, agree, aout):
    for w in range(agree.shape[0]):
        if L[w] & ~agree[w]:
            return False
    for w in range(aout.shape[0]):
        if aout[w] & ~S[w]:
            return False
    return True


@jit
def _need(L, S, agree, aout):
    """How many parts the cube must raise to cover the candidate."""
    s = 0
    for w in range(agree.shape[0]):
        s += _popcount(L[w] & ~agree[w])
    for w in range(aout.shape[0]):
        s += _popcount(aout[w] & ~S[w])
    return s


@jit
def _feasible(L, S, conf, ro, live, agree, aout, cand):
    """For candidates: can each be covered, and what covering it would newly force low."""
    r, nw = conf.shape
    nwo = ro.shape[1]
    p = cand.shape[0]
    ok = np.ones(p, np.bool_)
    nfix = np.zeros((p, nw), _U)
    nforbid = np.zeros((p, nwo), _U)
    blk = np.empty(nw, _U)
    for a in range(p):
        c = cand[a]
        for t in range(r):
            if not live[t]:
                continue
            nl = 0
            for w in range(nw):
                blk[w] = conf[t, w] & L[w] & agree[c, w]
                nl += _popcount(blk[w])
            ob = True
            for w in range(nwo):
                if ro[t, w] & (aout[c, w] | S[w]):
                    ob = False
                    break
            if nl == 0 and not ob:
                ok[a] = False
                break
            if nl == 1 and not ob:
                for w in range(nw):
                    nfix[a, w] |= blk[w]
            elif nl == 0 and ob:
                for w in range(nwo):
                    nforbid[a, w] |= ro[t, w]
    return ok, nfix, nforbid


@jit
def _make_prime(L, S, fixed, conf, ro, live, omask):
    """Lower a small set of literals that blocks every OFF row sharing an output; raise the rest."""
    r, nw = conf.shape
    nwo = ro.shape[1]
    touch = ~_without(ro, S)  # rows feeding an output the cube feeds
    keep = fixed.copy()
    open_ = np.zeros(r, np.bool_)
    for t in range(r):
        if touch[t] and live[t]:
            hit = False
            for w in range(nw):
                if conf[t, w] & L[w] & keep[w]:
                    hit = True
                    break
            open_[t] = not hit
    counts = np.zeros(nw * 64, np.int64)
    while open_.any():
        counts[:] = 0
        for t in range(r):
            if open_[t]:
                row = conf[t] & L
                _add_bits(counts, row)
        if counts.max() == 0:
            raise AssertionError("a cube being expanded meets the OFF set")
        keep |= _top_bit(counts, nw)
        for t in range(r):
            if open_[t]:
                for w in range(nw):
                    if conf[t, w] & L[w] & keep[w]:
                        open_[t] = False
                        break
    copy_into(L, keep)
    # Lowered literals that every touched row can spare go back up, one at a time.
    while True:
        need = np.zeros(nw, _U)
        for t in range(r):
            if touch[t]:
                nl = 0
                for w in range(nw):
                    nl += _popcount(conf[t, w] & L[w])
                if nl == 1:
                    for w in range(nw):
                        need[w] |= conf[t, w] & L[w]
        spare = L & ~need
        if not spare.any():
            break
        counts[:] = 0
        _add_bits(counts, spare)
        L &= ~_top_bit(counts, nw)
    blocked = np.zeros(nwo, _U)
    for t in range(r):
        hit = False
        for w in range(nw):
            if conf[t, w] & L[w]:
                hit = True
                break
        if not hit:
            for w in range(nwo):
                blocked[w] |= ro[t, w]
    for w in range(nwo):
        S[w] |= omask[w] & ~blocked[w]


@jit
def _prune(cc, fixed, forbid, agree, aout):
    keep = np.zeros(cc.shape[0], np.bool_)
    for a in range(cc.shape[0]):
        keep[a] = _inside(fixed, forbid, agree[cc[a]], aout[cc[a]])
    return cc[keep]


@jit
def _uncovered(cc, L, S, agree, aout):
    keep = np.zeros(cc.shape[0], np.bool_)
    for a in range(cc.shape[0]):
        keep[a] = not _covered(L, S, agree[cc[a]], aout[cc[a]])
    return cc[keep]


@jit
def expand_cube(c, cv, co, rc, rv, ro, cand_c, cand_v, cand_o, raise_outputs, omask):
    """Expand cube (c, cv, packed outputs co) against the OFF cover (rc, rv, ro), covering as
    many candidate cubes as it can: returns the new care mask and packed outputs."""
    r, nw = rc.shape
    nwo = ro.shape[1]
    L = c.copy()
    S = co.copy()
    fixed = np.zeros(nw, _U)
    forbid = np.zeros(nwo, _U)
    if not raise_outputs:
        forbid = ~co & omask
    conf = np.empty((r, nw), _U)
    for t in range(r):
        for w in range(nw):
            conf[t, w] = rc[t, w] & c[w] & (rv[t, w] ^ cv[w])
    live = np.ones(r, np.bool_)
    k = cand_c.shape[0]
    agree = np.empty((k, nw), _U)
    for a in range(k):
        for w in range(nw):
            agree[a, w] = cand_c[a, w] & c[w] & ~(cand_v[a, w] ^ cv[w])
    aout = cand_o
    cc = np.arange(k)
    _essential_parts(L, S, fixed, forbid, conf, ro, live)
    cc = _prune(cc, fixed, forbid, agree, aout)
    while cc.shape[0]:
        _essential_raising(L, S, fixed, forbid, conf, ro, live, omask)
        cc = _uncovered(cc, L, S, agree, aout)
        if cc.shape[0] == 0:
            break
        cand = cc
        if cand.shape[0] > MAX_CANDIDATES:  # the ones needing least raising fit likeliest
            need = np.empty(cand.shape[0], np.int64)
            for a in range(cand.shape[0]):
                need[a] = _need(L, S, agree[cand[a]], aout[cand[a]])
            cand = cand[order_by_size(need, 64 * (nw + nwo) + 1)[:MAX_CANDIDATES]]
        agree_l = agree & L
        ok, nfix, nforbid = _feasible(L, S, conf, ro, live, agree_l, aout, cand)
        fe = cand[ok]
        if fe.shape[0] == 0:
            break
        nfix = nfix[ok]
        nforbid = nforbid[ok]
        # One-level look-ahead: how many other feasible cubes stay feasible after each raise.
        best = -1
        best_count = -1
        best_size = 0
        for a in range(fe.shape[0]):
            count = 0
            for b in range(fe.shape[0]):
                if _inside(nfix[a], nforbid[a], agree[fe[b]], aout[fe[b]]):
                    count += 1
            size = _need(L, S, agree[fe[a]], aout[fe[a]])
            if count > best_count or (count == best_count and size < best_size):
                best, best_count, best_size = a, count, size
        L &= agree[fe[best]]
        S |= aout[fe[best]]
        _essential_parts(L, S, fixed, forbid, conf, ro, live)
        cc = _prune(cc, fixed, forbid, agree, aout)
    # No cube can be covered outright: raise the parts most remaining candidates need.
    cc = _prune(cc, fixed, forbid, agree, aout)
    lit_need = np.zeros(nw * 64, np.int64)
    out_need = np.zeros(nwo * 64, np.int64)
    while cc.shape[0]:
        cc = _uncovered(cc, L, S, agree, aout)
        if cc.shape[0] == 0:
            break
        lit_need[:] = 0
        out_need[:] = 0
        for a in range(cc.shape[0]):
            _add_bits(lit_need, L & ~fixed & ~agree[cc[a]])
            _add_bits(out_need, aout[cc[a]] & ~S & ~forbid)
        lmax = lit_need.max()
        omax = out_need.max()
        if lmax <= 0 and omax <= 0:
            break
        if lmax >= omax:
            L &= ~_top_bit(lit_need, nw)
        else:
            S |= _top_bit(out_need, nwo)
        _essential_parts(L, S, fixed, forbid, conf, ro, live)
        cc = _prune(cc, fixed, forbid, agree, aout)
    _make_prime(L, S, fixed, conf, ro, live, omask)
    if not raise_outputs:
        S = co.copy()
    return L, S


@jit
def expand_cubes(care, value, pout, order, alive, prime, rc, rv, ro, raise_outputs, omask):
    """EXPAND over cubes in ``order`` (skipping dead and prime ones), in place: each becomes
    prime, and non-prime cubes inside it (for outputs it feeds) die. The candidates of a
    cube are the alive cubes not yet prime (Espresso's covering matrix)."""
    k = care.shape[0]
    nwo = pout.shape[1]
    for idx in range(order.shape[0]):
        i = order[idx]
        if not alive[i] or prime[i]:
            continue
        others = alive & ~prime
        others[i] = False
        L, po = expand_cube(care[i], value[i], pout[i], rc, rv, ro, care[others],
                            value[others], pout[others], raise_outputs, omask)
        care[i] = L
        value[i] &= L
        pout[i] = po
        prime[i] = True
        for t in range(k):
            if not alive[t] or prime[t]:
                continue
            inside = _inside_cube(care[t], value[t], L, value[i])
            if inside:
                for w in range(nwo):
                    if pout[t, w] & ~po[w]:
                        inside = False
                        break
            if inside:
                alive[t] = False
