"""Structural functions: shape, join, rotate, transpose, take, drop, enclose, first, pick."""
from __future__ import annotations

import numpy as np

from ..arrays import (
    CHAR, INT, OBJ, box, depth, empty_like_proto, enclose, fill_item, from_items, normalise,
    to_int, to_ints, unbox,
)
from ..errors import AxisError, DomainError, IndexError_, LengthError, RankError
from ..settings import current
from .cells import build, items_of, match, mix_items, norm_axis, to_object, unify


def _vector_arg(a, what):
    if a.ndim > 1:
        raise RankError(f"{what} must be a vector")
    return to_ints(a.reshape(-1), what)


# ------------------------------------------------------------------ ⍴
def shape(w):
    return np.array(w.shape, dtype=INT)


def reshape(a, w):
    dims = _vector_arg(a, "left argument of ⍴")
    if np.any(dims < 0):
        raise DomainError("shape must be non-negative")
    dims = tuple(int(d) for d in dims)
    n = int(np.prod(dims, dtype=np.int64)) if dims else 1
    if w.size == 0:
        if n == 0:
            return empty_like_proto(w, dims)
        return empty_like_proto(w, dims)
    flat = w.reshape(-1)
    if n <= flat.size:
        out = flat[:n]
    else:
        out = np.resize(flat, n)
    out = out.reshape(dims)
    return normalise(out) if out.dtype == OBJ and out.ndim == 0 else out


# ------------------------------------------------------------------ , ⍪
def ravel(w):
    return w.reshape(-1)


def ravel_axis(w, axis):
    """,[k]: merge axes (fractional k inserts a new axis of length 1)."""
    ax = np.asarray(axis)
    if ax.dtype.kind == "f" and ax.size == 1 and not float(ax).is_integer():
        k = int(np.ceil(float(ax) - current().io))
        if not 0 <= k <= w.ndim:
            raise AxisError("axis out of range")
        return np.expand_dims(w, k)
    ks = [int(x) - current().io for x in to_ints(ax.reshape(-1), "axis")]
    if not ks:
        return w.reshape(w.shape + (1,))
    if ks != list(range(ks[0], ks[0] + len(ks))) or ks[0] < 0 or ks[-1] >= w.ndim:
        raise AxisError("axes must be contiguous and in range")
    new = w.shape[:ks[0]] + (int(np.prod(w.shape[ks[0]:ks[-1] + 1])),) + w.shape[ks[-1] + 1:]
    return w.reshape(new)


def table(w):
    if w.ndim == 0:
        return w.reshape(1, 1)
    return w.reshape(w.shape[0], -1) if w.shape[0] else w.reshape(0, int(np.prod(w.shape[1:])))


def catenate(a, w, axis=None):
    """a,w along the last axis (or `axis`, 0-based); a fractional axis laminates."""
    if a.ndim == 0 and w.ndim == 0:
        a, w = a.reshape(1), w.reshape(1)
    r = max(a.ndim, w.ndim)
    k = r - 1 if axis is None else axis
    if not 0 <= k < r:
        raise AxisError("axis out of range")
    a, w = _conform_join(a, w, k, r)
    a, w = unify(a, w)
    return np.concatenate([a, w], axis=k)


def _conform_join(a, w, k, r):
    def cell_shape(x):
        return x.shape[:k] + x.shape[k + 1:]

    if a.ndim == 0:
        shp = list(w.shape)
        shp[k] = 1
        a = np.broadcast_to(a, shp).copy() if a.dtype != OBJ else _fill_obj(a, shp)
    elif w.ndim == 0:
        shp = list(a.shape)
        shp[k] = 1
        w = np.broadcast_to(w, shp).copy() if w.dtype != OBJ else _fill_obj(w, shp)
    elif a.ndim == r - 1 and w.ndim == r:
        a = np.expand_dims(a, k)
    elif w.ndim == r - 1 and a.ndim == r:
        w = np.expand_dims(w, k)
    elif a.ndim != w.ndim:
        raise RankError("ranks differ by more than one")
    if cell_shape(a) != cell_shape(w):
        raise LengthError("lengths differ")
    return a, w


def _fill_obj(s, shp):
    out = np.empty(shp, dtype=OBJ)
    for idx in np.ndindex(*shp):
        out[idx] = s[()]
    return out


def laminate(a, w, axis_value: float):
    """,[k] with fractional k: join along a new axis."""
    r = max(a.ndim, w.ndim)
    k = int(np.ceil(axis_value - current().io))
    if not 0 <= k <= r:
        raise AxisError("axis out of range")
    if a.ndim == 0:
        a = np.broadcast_to(a, w.shape) if a.dtype != OBJ else _fill_obj(a, w.shape)
    if w.ndim == 0:
        w = np.broadcast_to(w, a.shape) if w.dtype != OBJ else _fill_obj(w, a.shape)
    if a.shape != w.shape:
        raise LengthError("shapes differ") if a.ndim == w.ndim else RankError("ranks differ")
    a, w = unify(a, w)
    return np.stack([a, w], axis=k)


def catenate_axis(a, w, axis):
    ax = np.asarray(axis)
    if ax.dtype.kind == "f" and not float(ax).is_integer():
        return laminate(a, w, float(ax))
    r = max(a.ndim, w.ndim, 1)
    return catenate(a, w, norm_axis(ax, r))


def catenate_first(a, w):
    if a.ndim == 0 and w.ndim == 0:
        return catenate(a, w)
    return catenate(a, w, 0)


# ------------------------------------------------------------------ ⌽ ⊖
def reverse(w, axis=-1):
    if w.ndim == 0:
        return w
    return np.flip(w, axis=axis)


def rotate(a, w, axis=-1):
    if w.ndim == 0:
        return w
    k = axis % w.ndim
    n = w.shape[k]
    amounts = to_ints(a, "left argument of ⌽")
    if amounts.ndim == 0 or amounts.size == 1 and amounts.ndim <= 1:
        if n == 0:
            return w
        return np.roll(w, -int(amounts.reshape(())), axis=k)
    want = w.shape[:k] + w.shape[k + 1:]
    if amounts.shape != want:
        raise LengthError("rotation amounts do not fit") if amounts.ndim == len(want) else RankError("rank")
    moved = np.moveaxis(w, k, -1)
    idx = (np.arange(n) + amounts[..., None]) % max(n, 1)
    return np.moveaxis(np.take_along_axis(moved, idx, axis=-1), -1, k)


# ------------------------------------------------------------------ ⍉
def transpose(w):
    return w.transpose()


def transpose_dyadic(a, w):
    axes = _vector_arg(a, "left argument of ⍉") - current().io
    if axes.size != w.ndim:
        raise LengthError("one axis number per axis")
    if w.ndim == 0:
        return w
    r = int(axes.max()) + 1 if axes.size else 0
    if sorted(set(axes.tolist())) != list(range(r)):
        raise DomainError("axes must cover 0…r without gaps")
    if r == w.ndim:
        perm = [0] * r
        for i, j in enumerate(axes):
            perm[j] = i
        return np.transpose(w, perm)
    shape_ = [min(w.shape[i] for i in range(w.ndim) if axes[i] == j) for j in range(r)]
    grid = np.indices(shape_, dtype=INT) if shape_ else np.zeros((0,), INT)
    return w[tuple(grid[axes[i]] for i in range(w.ndim))]


# ------------------------------------------------------------------ ↑ ↓
def take(a, w, axes=None):
    counts = _vector_arg(a, "left argument of ↑")
    if w.ndim == 0:
        w = w.reshape((1,) * max(len(counts), 1) if axes is None else (1,) * max(len(axes), 1))
    axes = list(range(len(counts))) if axes is None else axes
    if len(counts) != len(axes) or len(counts) > w.ndim:
        raise RankError("too many counts") if axes is None else LengthError("one count per axis")
    new_shape = list(w.shape)
    for k, c in zip(axes, counts):
        new_shape[k] = abs(int(c))
    if w.size and all(abs(int(c)) <= w.shape[k] for k, c in zip(axes, counts)):
        sl = [slice(None)] * w.ndim
        for k, c in zip(axes, counts):
            c = int(c)
            sl[k] = slice(0, c) if c >= 0 else slice(w.shape[k] + c, w.shape[k])
        return w[tuple(sl)]
    out = empty_like_proto(w, new_shape)
    if out.dtype != w.dtype:
        out, w = unify(out, w)
    src = [slice(None)] * w.ndim
    dst = [slice(None)] * w.ndim
    for k, c in zip(axes, counts):
        c = int(c)
        n = w.shape[k]
        m = min(abs(c), n)
        if c >= 0:
            src[k], dst[k] = slice(0, m), slice(0, m)
        else:
            src[k], dst[k] = slice(n - m, n), slice(abs(c) - m, abs(c))
    out[tuple(dst)] = w[tuple(src)]
    return out


def take_axis(a, w, axis):
    axes = [norm_axis(x, w.ndim) for x in np.asarray(axis).reshape(-1)]
    return take(a, w, axes)


def drop(a, w, axes=None):
    counts = _vector_arg(a, "left argument of ↓")
    if w.ndim == 0:
        w = w.reshape((1,) * max(len(counts), 1) if axes is None else (1,) * max(len(axes), 1))
    axes = list(range(len(counts))) if axes is None else axes
    if len(counts) != len(axes) or len(counts) > w.ndim:
        raise RankError("too many counts") if axes is None else LengthError("one count per axis")
    sl = [slice(None)] * w.ndim
    for k, c in zip(axes, counts):
        c = int(c)
        n = w.shape[k]
        sl[k] = slice(min(c, n), n) if c >= 0 else slice(0, max(n + c, 0))
    return w[tuple(sl)]


def drop_axis(a, w, axis):
    axes = [norm_axis(x, w.ndim) for x in np.asarray(axis).reshape(-1)]
    return drop(a, w, axes)


def mix(w):
    if w.dtype != OBJ:
        return w
    return mix_items(list(w.ravel()), w.shape)


def mix_axis(w, axis):
    m = mix(w)
    inner = m.ndim - w.ndim
    ax = np.asarray(axis)
    if ax.dtype.kind == "f" and not float(ax).is_integer():
        k = int(np.ceil(float(ax) - current().io))
    else:
        k = to_int(ax, "axis") - current().io
    if not 0 <= k <= w.ndim or inner == 0:
        if inner == 0:
            return m
        raise AxisError("axis out of range")
    order = list(range(w.ndim))
    new = order[:k] + list(range(w.ndim, m.ndim)) + order[k:]
    return np.transpose(m, new)


def split(w, axis=-1):
    if w.ndim == 0:
        return w
    moved = np.moveaxis(w, axis, -1)
    out = np.empty(moved.shape[:-1], dtype=OBJ)
    for idx in np.ndindex(*moved.shape[:-1]):
        out[idx] = normalise(moved[idx]) if moved.dtype == OBJ else moved[idx]
    return out


# ------------------------------------------------------------------ ⊂ ⊆ ⊃
def enclose_axis(w, axis):
    ks = sorted(norm_axis(x, w.ndim) for x in np.asarray(axis).reshape(-1))
    rest = [i for i in range(w.ndim) if i not in ks]
    moved = np.transpose(w, rest + ks)
    outer = moved.shape[:len(rest)]
    out = np.empty(outer, dtype=OBJ)
    for idx in np.ndindex(*outer):
        cell = moved[idx]
        out[idx] = normalise(cell) if cell.dtype == OBJ else cell
    return out


def partitioned_enclose(a, w, axis=-1):
    if w.ndim == 0:
        raise RankError("partitioned enclose needs an array")
    k = axis % w.ndim
    n = w.shape[k]
    marks = to_ints(a, "left argument of ⊂").reshape(-1)
    if marks.size == 1:
        marks = np.full(n, marks[0])
    if marks.size not in (n, n + 1) or np.any(marks < 0):
        raise LengthError("partition marks do not fit") if np.all(marks >= 0) else DomainError("marks")
    starts = []
    for i in range(n):
        starts += [i] * int(marks[i])
    out = []
    for j, s in enumerate(starts):
        e = starts[j + 1] if j + 1 < len(starts) else n
        out.append(np.take(w, np.arange(s, e), axis=k))
    if marks.size == n + 1:
        out += [np.take(w, np.arange(n, n), axis=k)] * int(marks[n])
    res = np.empty(len(out), dtype=OBJ)
    for i, x in enumerate(out):
        res[i] = normalise(x) if x.dtype == OBJ else x
    return res


def nest(w):
    return enclose(w) if w.dtype != OBJ else w


def partition(a, w, axis=-1):
    if w.ndim == 0:
        raise RankError("partition needs an array")
    k = axis % w.ndim
    keys = to_ints(a, "left argument of ⊆").reshape(-1)
    n = w.shape[k]
    if keys.size == 1:
        keys = np.full(n, keys[0])
    if keys.size != n:
        raise LengthError("partition keys do not fit")
    if np.any(keys < 0):
        raise DomainError("partition keys must be non-negative")
    groups = []
    prev = 0
    for i, key in enumerate(keys):
        if key == 0:
            prev = 0
            continue
        if key > prev or not groups or prev == 0:
            groups.append([i])
        else:
            groups[-1].append(i)
        prev = key
    res = np.empty(len(groups), dtype=OBJ)
    for i, g in enumerate(groups):
        x = np.take(w, np.array(g), axis=k)
        res[i] = normalise(x) if x.dtype == OBJ else x
    return res


def first(w):
    if w.size == 0:
        return unbox(fill_item(w)) if w.dtype == OBJ else empty_like_proto(w, ())
    item = w.reshape(-1)[0]
    if w.dtype == OBJ:
        return unbox(item)
    return np.asarray(item) if w.dtype.kind != "U" else np.array(item, dtype=CHAR)


def pick(a, w):
    path = list(a.reshape(-1)) if a.dtype == OBJ else list(a.reshape(-1))
    if a.ndim > 1:
        raise RankError("left argument of ⊃ must be a scalar or vector")
    cur = w
    for step in path:
        idx = to_ints(unbox(step), "pick index").reshape(-1) - current().io
        if idx.size != cur.ndim:
            raise RankError("pick index does not fit the rank")
        if np.any(idx < 0) or np.any(idx >= np.array(cur.shape, dtype=INT)):
            raise IndexError_("pick index out of range")
        item = cur[tuple(idx)]
        cur = unbox(item) if cur.dtype == OBJ else np.asarray(item) if cur.dtype.kind != "U" \
            else np.array(item, dtype=CHAR)
    return cur


# ------------------------------------------------------------------ ≡ ≢
def depth_signed(w):
    if w.dtype != OBJ:
        return np.array(depth(w), dtype=INT)
    return np.array(_depth_signed(w), dtype=INT)


def _depth_signed(w):
    if w.dtype != OBJ:
        return 0 if w.ndim == 0 else 1
    ds = [_depth_signed(unbox(x)) for x in w.ravel()]
    if w.ndim == 0:
        d = ds[0]
        return d - 1 if d < 0 else d + 1
    m = max((abs(d) for d in ds), default=0)
    uneven = any(d < 0 for d in ds) or len({abs(d) for d in ds}) > 1
    return -(m + 1) if uneven else m + 1


def match_fn(a, w):
    return np.array(match(a, w), dtype=np.bool_)


def not_match(a, w):
    return np.array(not match(a, w), dtype=np.bool_)


def tally(w):
    return np.array(w.shape[0] if w.ndim else 1, dtype=INT)


def same(w):
    return w


def left(a, w):
    return a


def right(a, w):
    return w


# ------------------------------------------------------------------ replicate, expand
def replicate(a, w, axis=-1):
    counts = to_ints(a, "left argument of /").reshape(-1) if a.ndim <= 1 else None
    if counts is None:
        raise RankError("left argument of / must be a vector")
    if w.ndim == 0:
        w = w.reshape(1)
    k = axis % w.ndim
    n = w.shape[k]
    if counts.size == 1 and n != 1:
        counts = np.full(n, counts[0])
    elif n == 1 and counts.size != 1:
        w = np.repeat(w, counts.size, axis=k)
        n = counts.size
    if counts.size != n:
        raise LengthError("left argument length does not match")
    if np.all(counts >= 0):
        return np.repeat(w, counts, axis=k)
    # negative counts insert fill cells
    pieces = []
    for i, c in enumerate(counts):
        cell = np.take(w, [i], axis=k)
        if c >= 0:
            pieces.append(np.repeat(cell, c, axis=k))
        else:
            pieces.append(empty_like_proto(cell, cell.shape[:k] + (-c,) + cell.shape[k + 1:]))
    return np.concatenate(unify(*pieces), axis=k)


def replicate_first(a, w):
    return replicate(a, w, 0)


def expand(a, w, axis=-1):
    counts = to_ints(a, "left argument of \\").reshape(-1)
    if w.ndim == 0:
        w = w.reshape(1)
    k = axis % w.ndim
    n = w.shape[k]
    positives = int(np.sum(counts > 0))
    if n == 1 and positives != 1:
        w = np.repeat(w, max(positives, 1), axis=k)
        n = w.shape[k]
    if positives != n and not (n == 0 and positives == 0):
        raise LengthError("expand: counts do not match the argument")
    pieces = []
    j = 0
    for c in counts:
        if c > 0:
            pieces.append(np.repeat(np.take(w, [j], axis=k), c, axis=k))
            j += 1
        else:
            shp = list(w.shape)
            shp[k] = max(-int(c), 1)
            pieces.append(empty_like_proto(w, shp))
    if not pieces:
        shp = list(w.shape)
        shp[k] = 0
        return empty_like_proto(w, shp)
    return np.concatenate(unify(*pieces), axis=k)


def expand_first(a, w):
    return expand(a, w, 0)


def enclose_fn(w):
    return enclose(w)
