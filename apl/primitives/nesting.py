"""Structural functions that build and take apart nested arrays: mix ↑ and split ↓ (monadic),
enclose ⊂, partitioned enclose X⊂Y, nest and partition ⊆, first and pick ⊃, depth and match ≡,
tally and not-match ≢.

Results keep Dyalog's prototypes: an empty nested result keeps the prototype of its argument
(`keep_prototype`), and each item made from cells of a nested array is canonical.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import (
    INT,
    OBJ,
    box,
    enclose,
    host_ints,
    host_values,
    int_list,
    is_array_item,
    like_bool,
    like_ints,
    ref_item,
    to_int,
    to_ints,
    unbox,
)
from ..backends import backend_of, size
from ..errors import AxisError, DomainError, IndexError_, LengthError, RankError, WSFull
from ..settings import current
from .cells import (
    MAX_ITEMS,
    axes_arg,
    empty_with,
    fill_cells,
    is_fraction,
    keep_prototype,
    match,
    mix_items,
    norm_axis,
    permute,
    proto_item,
    xp_of,
)


def _slice_along(w, k, start, stop):
    sl = [slice(None)] * w.ndim
    sl[k] = slice(start, stop)
    return w[tuple(sl)]


# ------------------------------------------------------------------ ↑ ↓ (mix, split)
def mix(w):
    if w.dtype != OBJ:
        return w
    if w.size == 0:
        p = proto_item(w)
        inner = unbox(p)
        return empty_with(w.shape + inner.shape, proto_item(inner) if inner.ndim else p)
    return mix_items(list(w.ravel()), w.shape)


def mix_axis(w, axis):
    """↑[k]: the items' axes go where k says (a fraction: between two axes of w; an integer:
    starting at that axis of the result; a vector: one result axis for each item axis)."""
    m = mix(w)
    rw, ri = w.ndim, m.ndim - w.ndim
    io = current().io
    ax = host_values(axis)
    if is_fraction(ax):
        f = float(ax.reshape(())) - io
        if not -1 < f < rw:
            raise AxisError("axis out of range")
        places = list(range(math.ceil(f), math.ceil(f) + ri))
    elif ax.size == 1:
        k = to_int(ax, "axis") - io
        if not 0 <= k <= rw:  # LRG/mix: ⊃[4]Y with Y 5 4⍴⊂3 2⍴1 "generates an INDEX ERROR"
            raise IndexError_("axis out of range")
        places = list(range(k, k + ri))
    else:
        places = [int(x) - io for x in to_ints(ax.reshape(-1), "axis")]
        if len(places) != ri or len(set(places)) != ri or not all(0 <= p < m.ndim for p in places):
            raise AxisError("one distinct result axis for each axis of the items")
    order = [None] * m.ndim
    for j, p in enumerate(places):
        order[p] = rw + j
    outer = iter(range(rw))
    order = [next(outer) if o is None else o for o in order]
    return permute(m, order)


def _cells_vector(parts, source, empty_proto):
    """A nested vector of the given parts (arrays), each canonical; empty: prototype given."""
    if not parts:
        return empty_with((0,), empty_proto)
    out = np.empty(len(parts), dtype=OBJ)
    if source.dtype != OBJ:  # simple cells of rank 1 or more: already canonical items
        for i, x in enumerate(parts):
            out[i] = x
    else:
        for i, x in enumerate(parts):
            out[i] = box(keep_prototype(x, source))
    return out


def split(w, axis=-1):
    if w.ndim == 0:
        return w
    k = axis % w.ndim
    moved = xp_of(w).moveaxis(w, k, -1)
    outer = tuple(moved.shape[:-1])
    n = moved.shape[-1]
    rows = moved.reshape(math.prod(outer), n)
    if rows.shape[0] == 0:
        return empty_with(outer, box(fill_cells(w, (n,))))
    return _cells_vector(list(rows), w, None).reshape(outer)


# ------------------------------------------------------------------ ⊂ ⊆ ⊃
def enclose_fn(w):
    return enclose(w)


def enclose_axis(w, axis):
    """⊂[k]: enclose the axes k (in the order given), leaving the others as the frame."""
    ks = axes_arg(axis, w.ndim)
    if any(k >= w.ndim for k in ks):
        raise AxisError("axis out of range")
    if not ks:
        if w.dtype != OBJ:
            return w
        out = np.empty(w.shape, dtype=OBJ)
        flat = out.reshape(-1)
        for i, x in enumerate(w.ravel()):
            flat[i] = enclose(x) if is_array_item(x) else x
        return keep_prototype(out, w)
    rest = [i for i in range(w.ndim) if i not in ks]
    moved = permute(w, rest + ks)
    outer = tuple(moved.shape[:len(rest)])
    inner = tuple(moved.shape[len(rest):])
    cells = moved.reshape((math.prod(outer),) + inner)
    if cells.shape[0] == 0:
        return empty_with(outer, box(keep_prototype(fill_cells(w, inner), w)))
    return _cells_vector(list(cells), w, None).reshape(outer)


def _partition_vector(w, k, starts, ends):
    parts = [_slice_along(w, k, s, e) for s, e in zip(starts.tolist(), ends.tolist())]
    return _cells_vector(parts, w, box(keep_prototype(_slice_along(w, k, 0, 0), w)))


def split_axis(w, axis):
    """↓[k]: the axis as APL gives it."""
    return split(w, norm_axis(axis, w.ndim))


def partitioned_enclose_axis(a, w, axis):
    return partitioned_enclose(a, w, norm_axis(axis, max(w.ndim, 1)))


def partitioned_enclose(a, w, axis=-1):
    """X⊂Y: X[i] dividers before cell i along the axis (one more count: trailing dividers)."""
    if w.ndim == 0:
        raise RankError("partitioned enclose needs an array")
    if a.ndim > 1:
        raise RankError("left argument of ⊂ must be a scalar or vector")
    k = axis % w.ndim
    n = w.shape[k]
    marks = host_ints(a, "left argument of ⊂").reshape(-1)
    if a.ndim == 0:
        marks = np.full(n, marks[0])
    if marks.size > n + 1:
        raise LengthError("left argument of ⊂ is too long")
    if np.any(marks < 0):
        raise DomainError("left argument of ⊂ must be non-negative")
    if float(marks.astype(np.float64).sum()) > MAX_ITEMS:  # as many partitions as dividers
        raise WSFull("result too large")
    counts = np.zeros(n + 1, dtype=INT)
    counts[:marks.size] = marks
    starts = np.repeat(np.arange(n + 1), counts)
    ends = np.append(starts[1:], n) if starts.size else starts
    return _partition_vector(w, k, starts, ends)


def nest(w):
    if w.dtype != OBJ or not any(is_array_item(x) for x in w.ravel()):
        return enclose(w)
    return w


def partition_axis(a, w, axis):
    return partition(a, w, norm_axis(axis, max(w.ndim, 1)))


def partition(a, w, axis=-1):
    """X⊆Y: a new partition wherever X rises; cells under a 0 are left out."""
    if w.ndim == 0:
        raise RankError("partition needs an array")
    if a.ndim > 1:
        raise RankError("left argument of ⊆ must be a scalar or vector")
    k = axis % w.ndim
    keys = host_ints(a, "left argument of ⊆").reshape(-1)
    n = w.shape[k]
    if a.ndim == 0:
        keys = np.full(n, keys[0])
    if keys.size != n:
        raise LengthError("left argument of ⊆ must match the axis length")
    if np.any(keys < 0):
        raise DomainError("left argument of ⊆ must be non-negative")
    prev = np.concatenate([np.zeros(1, dtype=INT), keys[:-1]])
    rise = keys > prev
    starts = np.flatnonzero(rise)
    bounds = np.flatnonzero((keys == 0) | rise)
    nxt = np.searchsorted(bounds, starts, side="right")
    ends = np.where(nxt < bounds.size, bounds[np.minimum(nxt, max(bounds.size - 1, 0))], n)
    if w.ndim == 1:
        return _partition_vector(w, k, starts, ends)
    return _partition_cells(w, k, starts, ends)


def _partition_cells(w, k, starts, ends):
    """⊆ on a higher-rank array (APL2's partition): the rank stays; along axis k there is one
    item per partition, each the vector of the items of that partition along k."""
    frame = tuple(w.shape[:k]) + tuple(w.shape[k + 1:])
    shape = tuple(w.shape[:k]) + (len(starts),) + tuple(w.shape[k + 1:])
    if len(starts) == 0 or size(w) == 0:
        line = _slice_along(w, k, 0, 0)[tuple(0 if i != k else slice(None) for i in range(w.ndim))] \
            if size(w) else None
        proto = box(keep_prototype(line, w)) if line is not None else proto_item(w)
        return empty_with(shape, proto)
    out = np.empty(shape, dtype=OBJ)
    for j, (s, e) in enumerate(zip(starts.tolist(), ends.tolist())):
        part = _slice_along(w, k, s, e)
        for idx in np.ndindex(*frame):
            where = idx[:k] + (slice(None),) + idx[k:]
            out[idx[:k] + (j,) + idx[k:]] = box(keep_prototype(part[where], w))
    return out


def first(w):
    if size(w) == 0:
        if w.dtype == OBJ:
            return unbox(proto_item(w))
        return fill_cells(w, ())
    if w.dtype == OBJ:
        return unbox(w.reshape(-1)[0])
    return backend_of(w).element(w.reshape(-1), 0)


def pick(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ⊃ must be a scalar or vector")
    cur = w
    steps = list(a.reshape(-1)) if a.dtype == OBJ else [a.reshape(-1)[i] for i in range(size(a))]
    for step in steps:
        s = unbox(step)
        if s.ndim > 1:
            raise RankError("each pick index must be a scalar or vector")
        idx = np.array(int_list(s, "pick index"), dtype=INT) - current().io
        if idx.size != cur.ndim:
            raise RankError("pick index does not fit the rank")
        if np.any(idx < 0) or np.any(idx >= np.array(tuple(cur.shape), dtype=INT)):
            raise IndexError_("pick index out of range")
        at = tuple(int(i) for i in idx)
        cur = unbox(cur[at]) if cur.dtype == OBJ else backend_of(cur).element(cur, at)
    return cur


# ------------------------------------------------------------------ ≡ ≢
def depth_signed(w):
    return like_ints(_depth_signed(w), w)


def _depth_signed(w):
    """Depth, negative when not uniform; an empty array has its prototype's depth plus one."""
    if w.dtype != OBJ or ref_item(w) is not None:  # a namespace reference is a simple scalar
        return 0 if w.ndim == 0 else 1
    if w.size == 0:
        ds = [_depth_signed(unbox(proto_item(w)))]
    else:
        ds = [_depth_signed(unbox(x)) for x in w.ravel()]
    if w.ndim == 0:
        d = ds[0]
        return d - 1 if d < 0 else d + 1
    m = max(abs(d) for d in ds)
    uneven = any(d < 0 for d in ds) or len({abs(d) for d in ds}) > 1
    return -(m + 1) if uneven else m + 1


def match_fn(a, w):
    return like_bool(match(a, w), a, w)


def not_match(a, w):
    return like_bool(not match(a, w), a, w)


def tally(w):
    return like_ints(w.shape[0] if w.ndim else 1, w)
