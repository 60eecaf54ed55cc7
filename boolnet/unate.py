"""The unate recursive paradigm, compiled: tautology, complement and the supercube of the complement.

These are Espresso's recursive kernels (Brayton et al., *Logic Minimization Algorithms for
VLSI Synthesis*, 1984, ch. 3): split the cube array on its most binate input, solve both
cofactors, merge. A recursion node does little work on few cubes, so in NumPy each one
paid ~60 µs of call overhead (REDUCE on apex2 made 171,000 of them); compiled with numba
a node costs about a microsecond. The arrays are the ones of :mod:`boolnet.cubes`:
``care`` and ``value``, (k, W) uint64, input i at bit i % 64 of word i // 64.

Use them through :mod:`boolnet.cubes` (``tautology``, ``complement``, ``sccc``), which
checks arguments; the kernels here trust their input.

>>> import numpy as np
>>> care = np.array([[0b01], [0b01]], np.uint64); value = np.array([[0b01], [0]], np.uint64)
>>> tautology(care, value)
True
"""
from __future__ import annotations

import numpy as np

from .jit import jit

__all__ = ["tautology", "complement", "sccc", "scc", "cover_rows", "covers", "covered_each",
           "reduce_cube", "reduce_cubes", "make_sparse_cubes", "irredundant_rows"]

_U = np.uint64


@jit
def _popcount(x):
    x = x - ((x >> _U(1)) & _U(0x5555555555555555))
    x = (x & _U(0x3333333333333333)) + ((x >> _U(2)) & _U(0x3333333333333333))
    x = (x + (x >> _U(4))) & _U(0x0F0F0F0F0F0F0F0F)
    return np.int64((x * _U(0x0101010101010101)) >> _U(56))


@jit
def _ones(row):
    """Set bits of a (W,) word row: a cube's literals."""
    s = 0
    for w in range(row.shape[0]):
        s += _popcount(row[w])
    return s


@jit
def _has_full(care):
    """Some cube has no literal (it covers everything)."""
    for i in range(care.shape[0]):
        full = True
        for w in range(care.shape[1]):
            if care[i, w] != 0:
                full = False
                break
        if full:
            return True
    return False


@jit
def _polarities(care, value):
    """Per word: the inputs some cube has positive, and negative."""
    k, nw = care.shape
    pos = np.zeros(nw, _U)
    neg = np.zeros(nw, _U)
    for i in range(k):
        for w in range(nw):
            pos[w] |= value[i, w]
            neg[w] |= care[i, w] & ~value[i, w]
    return pos, neg


@jit
def _split_var(care, value):
    """The most binate input: most cubes in both polarities (ties: most cubes, lowest index)."""
    k, nw = care.shape
    best, best_score = -1, -1
    for w in range(nw):
        used = _U(0)
        for i in range(k):
            used |= care[i, w]
        if used == 0:
            continue
        for b in range(64):
            bit = _U(1) << _U(b)
            if used & bit == 0:
                continue
            p = 0
            q = 0
            for i in range(k):
                if care[i, w] & bit:
                    if value[i, w] & bit:
                        p += 1
                    else:
                        q += 1
            score = min(p, q) * (1 << 20) + p + q
            if score > best_score:
                best_score = score
                best = w * 64 + b
    return best


@jit
def _cofactor_var(care, value, var, v):
    """The cubes that meet input ``var`` = v, with that input freed."""
    keep = _meet_var(care, value, var, v)
    return _freed(care, value, keep, var)


@jit
def _meet_var(care, value, var, v):
    """Which cubes meet input ``var`` = v (a single-bit test: this runs at every node)."""
    w = var // 64
    bit = _U(1) << _U(var % 64)
    want = bit if v == 1 else _U(0)
    keep = np.empty(care.shape[0], np.bool_)
    for i in range(care.shape[0]):
        keep[i] = (care[i, w] & bit) == 0 or (value[i, w] & bit) == want
    return keep


@jit
def _freed(care, value, keep, var):
    """The kept cubes with input ``var`` freed."""
    nw = care.shape[1]
    w = var // 64
    bit = _U(1) << _U(var % 64)
    count = 0
    for i in range(keep.shape[0]):
        count += keep[i]
    c = np.empty((count, nw), _U)
    x = np.empty((count, nw), _U)
    j = 0
    for i in range(keep.shape[0]):
        if keep[i]:
            for t in range(nw):
                c[j, t] = care[i, t]
                x[j, t] = value[i, t]
            c[j, w] &= ~bit
            x[j, w] &= ~bit
            j += 1
    return c, x


@jit
def _common(care, value):
    """The literals every cube has, with one polarity: (care, value) words of that cube."""
    k, nw = care.shape
    allc = care[0].copy()
    v1 = value[0].copy()
    v0 = value[0].copy()
    for i in range(1, k):
        for w in range(nw):
            allc[w] &= care[i, w]
            v1[w] &= value[i, w]
            v0[w] |= value[i, w]
    keep = allc & ~(v1 ^ v0)
    return keep, v1 & keep


@jit
def _drop_literals(care, value, mask):
    c = care.copy()
    x = value.copy()
    for i in range(c.shape[0]):
        for w in range(c.shape[1]):
            c[i, w] &= ~mask[w]
            x[i, w] &= c[i, w]
    return c, x


# ---------------------------------------------------------------------------- tautology
@jit
def tautology(care, value):
    """True when the cubes cover every point."""
    nw = care.shape[1]
    while True:
        if care.shape[0] == 0:
            return False
        if _has_full(care):
            return True
        # Cubes with a literal on a unate input cannot help make a tautology.
        pos, neg = _polarities(care, value)
        unate = pos ^ neg
        if not unate.any():
            break
        keep = _without(care, unate)
        if keep.all():
            break
        care = care[keep]
        value = value[keep]
    # Volume bound: cubes together too small to fill the space.
    vol = 0.0
    for i in range(care.shape[0]):
        vol += 2.0 ** (-_ones(care[i]))
    if vol < 1.0 - 1e-12:
        return False
    var = _split_var(care, value)
    c0, v0 = _cofactor_var(care, value, var, 0)
    if not tautology(c0, v0):
        return False
    c1, v1 = _cofactor_var(care, value, var, 1)
    return tautology(c1, v1)


# ---------------------------------------------------------------------------- sccc
@jit
def sccc(care, value):
    """The supercube of the complement: (found, care, value); found is False when the complement is empty."""
    k, nw = care.shape
    zc = np.zeros(nw, _U)
    zv = np.zeros(nw, _U)
    if k == 0:
        return True, zc, zv
    if _has_full(care):
        return False, zc, zv
    if k == 1:
        if _ones(care[0]) == 1:
            return True, care[0].copy(), care[0] & ~value[0]
        return True, zc, zv
    cc, cv = _common(care, value)
    lits = _ones(cc)
    if lits > 0:
        # f = x & g: the complement is ~x | ~g, inside ~x only when g is a tautology.
        if lits >= 2:
            return True, zc, zv
        g, gv = _drop_literals(care, value, cc)
        if tautology(g, gv):
            return True, cc, cc & ~cv
        return True, zc, zv
    pos, neg = _polarities(care, value)
    if not (pos & neg).any():
        # Unate: the complement lies inside ~x only for single-literal cubes x.
        sc = np.zeros(nw, _U)
        sv = np.zeros(nw, _U)
        for i in range(k):
            if _ones(care[i]) == 1:
                for w in range(nw):
                    sc[w] |= care[i, w]
                    sv[w] |= value[i, w]
        return True, sc, sc & ~sv
    var = _split_var(care, value)
    wd = var // 64
    bit = _U(1) << _U(var % 64)
    c0, v0 = _cofactor_var(care, value, var, 0)
    fa, ac, av = sccc(c0, v0)
    c1, v1 = _cofactor_var(care, value, var, 1)
    fb, bc, bv = sccc(c1, v1)
    if not fa and not fb:
        return False, zc, zv
    if not fb:
        ac[wd] |= bit  # the complement lies inside x'
        return True, ac, av
    if not fa:
        bc[wd] |= bit
        bv[wd] |= bit
        return True, bc, bv
    keep = ac & bc & ~(av ^ bv)
    return True, keep, av & keep


# ---------------------------------------------------------------------------- complement
@jit
def _inside(ic, iv, oc, ov):
    """Cube (ic, iv) lies inside cube (oc, ov): every literal of o is one of i's."""
    for w in range(ic.shape[0]):
        if (oc[w] & ~ic[w]) != 0 or ((iv[w] ^ ov[w]) & oc[w]) != 0:
            return False
    return True


@jit
def _contained_in_some(ac, av, bc, bv):
    """For each cube of a: does some cube of b contain it."""
    out = np.zeros(ac.shape[0], np.bool_)
    for i in range(ac.shape[0]):
        for j in range(bc.shape[0]):
            if _inside(ac[i], av[i], bc[j], bv[j]):
                out[i] = True
                break
    return out


@jit
def scc(care, value, out):
    """Single-cube containment: a mask keeping the cubes that no earlier kept cube contains
    with all their outputs (larger cubes first; the first of equal cubes stays)."""
    k, nw = care.shape
    m = out.shape[1]
    lits = np.empty(k, np.int64)
    for i in range(k):
        lits[i] = _ones(care[i])
    order = order_by_size(lits, 64 * nw + 1)
    keep = np.ones(k, np.bool_)
    for a in range(k):
        i = order[a]
        for b in range(a):
            j = order[b]
            if not keep[j]:
                continue
            inside = _inside(care[i], value[i], care[j], value[j])
            if inside:
                for t in range(m):
                    if out[i, t] and not out[j, t]:
                        inside = False
                        break
            if inside:
                keep[i] = False
                break
    return keep


@jit
def _demorgan(pc, pv):
    """The complement of one cube: one single-literal cube per literal, negated."""
    nw = pc.shape[0]
    count = _ones(pc)
    c = np.zeros((count, nw), _U)
    x = np.zeros((count, nw), _U)
    r = 0
    for w in range(nw):
        for b in range(64):
            bit = _U(1) << _U(b)
            if pc[w] & bit:
                c[r, w] = bit
                if pv[w] & bit == 0:
                    x[r, w] = bit
                r += 1
    return c, x


@jit
def _stack(ac, av, bc, bv):
    # Element loops, not slice assignment: numba compiles a 2-D slice assignment in ~3 s.
    na, nw = ac.shape
    nb = bc.shape[0]
    c = np.empty((na + nb, nw), _U)
    x = np.empty((na + nb, nw), _U)
    for i in range(na):
        for w in range(nw):
            c[i, w] = ac[i, w]
            x[i, w] = av[i, w]
    for i in range(nb):
        for w in range(nw):
            c[na + i, w] = bc[i, w]
            x[na + i, w] = bv[i, w]
    return c, x


@jit
def copy_into(dst, src):
    """dst[:] = src for 1-D arrays, as a loop (cheap to compile)."""
    for t in range(dst.shape[0]):
        dst[t] = src[t]


@jit
def order_by_size(keys, top):
    """A stable ordering of small non-negative integer keys (< top), by counting."""
    count = np.zeros(top + 1, np.int64)
    for t in range(keys.shape[0]):
        count[keys[t] + 1] += 1
    for b in range(top):
        count[b + 1] += count[b]
    order = np.empty(keys.shape[0], np.int64)
    for t in range(keys.shape[0]):
        order[count[keys[t]]] = t
        count[keys[t]] += 1
    return order


#: Above this many pairs the merge skips lifting and containment (they are quadratic).
MERGE_PAIRS = 1 << 24


@jit
def complement(care, value, limit, over):
    """A cube array covering exactly the points ``care``/``value`` misses.

    Stops early, setting ``over[0]``, once a partial result exceeds ``limit`` cubes
    (``limit`` < 0: no limit).
    """
    k, nw = care.shape
    if over[0]:
        return np.zeros((0, nw), _U), np.zeros((0, nw), _U)
    if k == 0:
        return np.zeros((1, nw), _U), np.zeros((1, nw), _U)
    if _has_full(care):
        return np.zeros((0, nw), _U), np.zeros((0, nw), _U)
    if k == 1:
        return _demorgan(care[0], value[0])
    cc, cv = _common(care, value)
    if cc.any():
        # f = c & g  =>  ~f = ~c | ~g, g the cover without the common cube.
        ac, av = _demorgan(cc, cv)
        g, gv = _drop_literals(care, value, cc)
        bc, bv = complement(g, gv, limit, over)
        c, x = _stack(ac, av, bc, bv)
    else:
        var = _split_var(care, value)
        wd = var // 64
        bit = _U(1) << _U(var % 64)
        c0, v0 = _cofactor_var(care, value, var, 0)
        lc, lv = complement(c0, v0, limit, over)
        c1, v1 = _cofactor_var(care, value, var, 1)
        rc, rv = complement(c1, v1, limit, over)
        # x'·L ∪ x·R, where a cube contained on the other side needs no x literal.
        small = lc.shape[0] * rc.shape[0] <= MERGE_PAIRS
        if small:
            lift_l = _contained_in_some(lc, lv, rc, rv)
            lift_r = _contained_in_some(rc, rv, lc, lv)
        else:
            lift_l = np.zeros(lc.shape[0], np.bool_)
            lift_r = np.zeros(rc.shape[0], np.bool_)
        lc = lc.copy()
        rc = rc.copy()
        rv = rv.copy()
        for i in range(lc.shape[0]):
            if not lift_l[i]:
                lc[i, wd] |= bit
        for i in range(rc.shape[0]):
            if not lift_r[i]:
                rc[i, wd] |= bit
                rv[i, wd] |= bit
        c, x = _stack(lc, lv, rc, rv)
        if small:
            keep = scc(c, x, np.ones((c.shape[0], 1), np.bool_))
            c, x = c[keep], x[keep]
    if limit >= 0 and c.shape[0] > limit:
        over[0] = True
    return c, x


# ---------------------------------------------------------------------------- covering rows
@jit
def _without(care, mask):
    """The cubes with no literal on the inputs of ``mask``."""
    k, nw = care.shape
    keep = np.ones(k, np.bool_)
    for i in range(k):
        for w in range(nw):
            if care[i, w] & mask[w]:
                keep[i] = False
                break
    return keep


@jit
def _no_rows():
    """An empty list of id arrays (typed by the element popped)."""
    rows = [np.zeros(0, np.int64)]
    rows.pop()
    return rows


@jit
def _emit(rows, extra, max_rows):
    """Add the row "one of ``extra``"; 2 once there are more than ``max_rows`` rows, else 0."""
    rows.append(np.sort(extra))
    return 2 if max_rows >= 0 and len(rows) > max_rows else 0


@jit
def cover_rows(fc, fv, vc, vv, vid, extra, rows, max_rows):
    """Append to ``rows`` the covering constraints making fixed ∪ (chosen var cubes) a tautology.

    Each row is a sorted array of ``vid`` of which one must be chosen. Returns 0, or 1
    when even all var cubes leave a point uncovered, or 2 past ``max_rows`` rows.
    """
    if fc.shape[0] and _has_full(fc):
        return 0
    full = _without(vc, np.full(vc.shape[1], ~_U(0)))  # cubes with no literal
    if full.any():
        extra = np.concatenate((extra, vid[full]))
        keep = ~full
        vc, vv, vid = vc[keep], vv[keep], vid[keep]
        ac, av = _stack(fc, fv, vc, vv)
        if not tautology(ac, av):
            # Points only the full cubes cover: one of them must be chosen (a row that
            # dominates every other row found below).
            return _emit(rows, extra, max_rows)
    while True:
        ac, av = _stack(fc, fv, vc, vv)
        if ac.shape[0] == 0:
            return _emit(rows, extra, max_rows) if extra.shape[0] else 1
        pos, neg = _polarities(ac, av)
        unate = pos ^ neg
        if not unate.any():
            break
        # A cube with a literal on an input unate over fixed ∪ var never helps.
        kf = _without(fc, unate)
        kv = _without(vc, unate)
        if kf.all() and kv.all():
            break
        fc, fv = fc[kf], fv[kf]
        vc, vv, vid = vc[kv], vv[kv], vid[kv]
    if not (pos & neg).any():
        # Unate, with no full cube: some point stays uncovered whatever is chosen here.
        return _emit(rows, extra, max_rows) if extra.shape[0] else 1
    var = _split_var(ac, av)
    for v in range(2):
        c0, x0 = _cofactor_var(fc, fv, var, v)
        c1, x1, i1 = _cofactor_var_ids(vc, vv, vid, var, v)
        status = cover_rows(c0, x0, c1, x1, i1, extra, rows, max_rows)
        if status:
            return status
    return 0


@jit
def _cofactor_var_ids(care, value, ids, var, v):
    keep = _meet_var(care, value, var, v)
    c, x = _freed(care, value, keep, var)
    return c, x, ids[keep]


@jit
def _cofactor_cube(care, value, sel, pc, pv):
    """The cubes of ``sel`` that meet cube p, with p's inputs freed."""
    k, nw = care.shape
    count = 0
    for i in range(k):
        if sel[i]:
            count += 1
    c = np.empty((count, nw), _U)
    x = np.empty((count, nw), _U)
    r = 0
    for i in range(k):
        if sel[i]:
            for w in range(nw):
                c[r, w] = care[i, w] & ~pc[w]
                x[r, w] = value[i, w] & ~pc[w]
            r += 1
    return c, x


@jit
def _meets(care, value, pc, pv):
    k, nw = care.shape
    meet = np.ones(k, np.bool_)
    for i in range(k):
        for w in range(nw):
            if care[i, w] & pc[w] & (value[i, w] ^ pv[w]):
                meet[i] = False
                break
    return meet


@jit
def covers(care, value, out, pc, pv, po, skip):
    """True when the multi-output cover (care, value, out) without cube ``skip`` (-1: none)
    covers cube p for every output in ``po``."""
    meet = _meets(care, value, pc, pv)
    if skip >= 0:
        meet[skip] = False
    sel = np.empty(care.shape[0], np.bool_)
    for j in range(po.shape[0]):
        if not po[j]:
            continue
        for i in range(care.shape[0]):
            sel[i] = meet[i] and out[i, j]
        c, x = _cofactor_cube(care, value, sel, pc, pv)
        if not tautology(c, x):
            return False
    return True


@jit
def covered_each(care, value, out, pcs, pvs, pos, self_offset):
    """For each cube p of (pcs, pvs, pos): does the cover cover it; with ``self_offset`` >= 0
    cube t is tested without cover cube t + self_offset (itself)."""
    res = np.empty(pcs.shape[0], np.bool_)
    for t in range(pcs.shape[0]):
        skip = t + self_offset if self_offset >= 0 else -1
        res[t] = covers(care, value, out, pcs[t], pvs[t], pos[t], skip)
    return res


@jit
def reduce_cube(care, value, out, alive, dc, dv, do, i):
    """REDUCE of cube i: the smallest cube (and outputs) covering what only it covers among
    the alive cubes and the don't-cares: (found, care, value, outputs); found False when
    the others cover it all."""
    k, nw = care.shape
    m = out.shape[1]
    pc = care[i]
    pv = value[i]
    meet = _meets(care, value, pc, pv)
    dmeet = _meets(dc, dv, pc, pv)
    new_out = out[i].copy()
    acc_c = np.zeros(nw, _U)
    acc_v = np.zeros(nw, _U)
    have = False
    sel = np.empty(k, np.bool_)
    dsel = np.empty(dc.shape[0], np.bool_)
    for j in range(m):
        if not out[i, j]:
            continue
        for t in range(k):
            sel[t] = meet[t] and alive[t] and out[t, j] and t != i
        for t in range(dc.shape[0]):
            dsel[t] = dmeet[t] and do[t, j]
        a, av = _cofactor_cube(care, value, sel, pc, pv)
        b, bv = _cofactor_cube(dc, dv, dsel, pc, pv)
        g, gv = _stack(a, av, b, bv)
        found, rc, rv = sccc(g, gv)
        if not found:
            new_out[j] = False  # the others cover this cube for output j
            continue
        if not have:
            acc_c, acc_v = rc, rv
            have = True
        else:
            keep = acc_c & rc & ~(acc_v ^ rv)
            acc_c, acc_v = keep, acc_v & keep
    nc = pc | acc_c
    return have, nc, (pv | acc_v) & nc, new_out


@jit
def reduce_cubes(care, value, out, alive, same, src_c, src_v, src_o, dc, dv, do, order,
                 sequential):
    """REDUCE of the cubes in ``order``, in place: each becomes the smallest cube covering
    what only it covers, against the reduced others (``sequential``, Espresso's REDUCE) or
    against the original cover ``src`` (LAST GASP); a cube the others cover dies
    (sequential) or stays as it was. ``same`` turns False where a cube changed."""
    everyone = np.ones(care.shape[0], np.bool_)
    for idx in range(order.shape[0]):
        i = order[idx]
        if sequential:
            found, nc, nv, no = reduce_cube(care, value, out, alive, dc, dv, do, i)
            if not found:
                alive[i] = False
                continue
        else:
            found, nc, nv, no = reduce_cube(src_c, src_v, src_o, everyone, dc, dv, do, i)
            if not found:
                nc, nv, no = src_c[i].copy(), src_v[i].copy(), src_o[i].copy()
        changed = False
        for w in range(nc.shape[0]):
            if nc[w] != care[i, w]:
                changed = True
        for j in range(no.shape[0]):
            if no[j] != out[i, j]:
                changed = True
        if changed:
            same[i] = False
        care[i] = nc
        value[i] = nv
        out[i] = no


@jit
def make_sparse_cubes(care, value, out, order):
    """MAKE SPARSE's lowering, in place: each cube in ``order`` is disconnected from every
    output that the rest of the cover (rows past the cubes are don't-cares) covers it for,
    keeping at least one output."""
    m = out.shape[1]
    one = np.zeros(m, np.bool_)
    for idx in range(order.shape[0]):
        i = order[idx]
        for j in range(m):
            if not out[i, j]:
                continue
            feeds = 0
            for t in range(m):
                feeds += out[i, t]
            if feeds == 1:
                break
            out[i, j] = False
            one[:] = False
            one[j] = True
            if not covers(care, value, out, care[i], value[i], one, -1):
                out[i, j] = True


@jit
def _flat(rows):
    """A list of id arrays as (ids, starts), row r being ``ids[starts[r]:starts[r + 1]]``
    (a list of arrays does not cross into Python cheaply)."""
    starts = np.zeros(len(rows) + 1, np.int64)
    for r in range(len(rows)):
        starts[r + 1] = starts[r] + rows[r].shape[0]
    ids = np.empty(starts[-1], np.int64)
    for r in range(len(rows)):
        row = rows[r]
        for t in range(row.shape[0]):
            ids[starts[r] + t] = row[t]
    return ids, starts


@jit
def cover_rows_flat(fc, fv, vc, vv, vid, max_rows):
    """:func:`cover_rows` from the top, rows returned flat: (status, ids, starts)."""
    rows = _no_rows()
    status = cover_rows(fc, fv, vc, vv, vid, np.zeros(0, np.int64), rows, max_rows)
    ids, starts = _flat(rows)
    return status, ids, starts


@jit
def irredundant_rows(ec, ev, eo, pc, pv, po, max_rows):
    """IRREDUNDANT's covering rows: for each cube p of P and output j it feeds, which cubes
    of P (by index) must be kept so that E ∪ P covers p for j; (status, ids, starts) with
    status 2 when one (p, j) has more than ``max_rows`` rows."""
    rows = _no_rows()
    empty = np.zeros(0, np.int64)
    for li in range(pc.shape[0]):
        emeet = _meets(ec, ev, pc[li], pv[li])
        pmeet = _meets(pc, pv, pc[li], pv[li])
        for j in range(po.shape[1]):
            if not po[li, j]:
                continue
            fsel = emeet & eo[:, j]
            vsel = pmeet & po[:, j]
            fc, fv = _cofactor_cube(ec, ev, fsel, pc[li], pv[li])
            vc, vv = _cofactor_cube(pc, pv, vsel, pc[li], pv[li])
            local = _no_rows()
            status = cover_rows(fc, fv, vc, vv, np.flatnonzero(vsel), empty, local, max_rows)
            if status == 2:
                return 2, empty, np.zeros(1, np.int64)
            for r in local:
                rows.append(r)
    ids, starts = _flat(rows)
    return 0, ids, starts
