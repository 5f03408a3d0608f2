"""Structural functions that rearrange an array's items: ⍴ , ⍪ ⌽ ⊖ ⍉, take and drop (↑ ↓ with a
left argument), replicate and expand (/ ⌿ \\ ⍀ as functions), and the identities ⊣ ⊢.

The functions that build and take apart nested arrays (⊂ ⊆ ⊃, mix and split, ≡ ≢) are in
nesting.py. Results that select from a nested argument are kept canonical (`keep_prototype`):
an object array whose items all turn out simple becomes a simple array, and an empty nested
result keeps the prototype of its argument, so that fills (`↑`, `\\`) are Dyalog's.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import INT, OBJ, host_values, index_for, int_list, like_ints, to_ints
from ..backends import allb, as_int, backend_of, device_of, namespace, size
from ..errors import AxisError, DomainError, LengthError, RankError, WSFull
from ..settings import current
from .cells import (
    MAX_ITEMS,
    axes_arg,
    check_rank,
    fill_cells,
    filled,
    is_fraction,
    keep_prototype,
    norm_axis,
    permute,
    unify,
    xp_of,
)


def _vector_arg(a, what):
    """A simple integer scalar or vector left argument (a shape, counts, axes), as a NumPy
    vector of ints: control values, read on the host."""
    if a.ndim > 1:
        raise RankError(f"{what} must be a scalar or vector")
    return np.array(int_list(a.reshape(-1), what), dtype=INT)


def _check_size(shape, like=None):
    """A result's shape within MAX_ITEMS (a lazy backend's result, like its argument `like`'s,
    is not held in memory: it is not counted)."""
    check_rank(len(shape))
    if math.prod(shape) > MAX_ITEMS and (like is None or not backend_of(like).lazy):
        raise WSFull("result too large")


# ------------------------------------------------------------------ ⍴
def shape(w):
    return like_ints(tuple(w.shape), w)


def reshape(a, w):
    dims = _vector_arg(a, "left argument of ⍴")
    if np.any(dims < 0):
        raise DomainError("shape must be non-negative")
    dims = tuple(int(d) for d in dims)
    _check_size(dims, w)
    n = math.prod(dims)
    m = size(w)
    if n == 0 or m == 0:  # an empty result, or an empty source: the fill item
        return fill_cells(w, dims)
    flat = w.reshape(-1)
    if m == 1 and n > 1 and backend_of(w).lazy:  # Dask: one item spread in chunks of the result's shape
        return keep_prototype(xp_of(flat).broadcast_to(flat.reshape(()), dims), w)
    if n <= m:
        out = flat[:n]
    else:  # cycle through the items
        reps = -(-n // m)
        xp = xp_of(flat)  # a reshape of the broadcast rows is a new array
        out = xp.reshape(xp.broadcast_to(flat, (reps, m)), (-1,))[:n]
    return keep_prototype(out.reshape(dims), w)


# ------------------------------------------------------------------ , ⍪
def ravel(w):
    return w.reshape(-1)


def ravel_axis(w, axis):
    """,[k]: merge contiguous axes; a fraction inserts a new axis of length 1; ⍬ adds a last one."""
    ax = host_values(axis)
    if is_fraction(ax):
        f = float(ax.reshape(())) - current().io
        if not -1 < f < w.ndim:
            raise AxisError("axis out of range")
        check_rank(w.ndim + 1)
        return xp_of(w).expand_dims(w, axis=math.ceil(f))
    ks = [int(x) - current().io for x in to_ints(ax.reshape(-1), "axis")]
    if not ks:
        check_rank(w.ndim + 1)
        return w.reshape(tuple(w.shape) + (1,))
    if ks != list(range(ks[0], ks[0] + len(ks))) or ks[0] < 0 or ks[-1] >= w.ndim:
        raise AxisError("axes must be contiguous, ascending and in range")
    new = tuple(w.shape[:ks[0]]) + (math.prod(w.shape[ks[0]:ks[-1] + 1]),) + tuple(w.shape[ks[-1] + 1:])
    return w.reshape(new)


def table(w):
    if w.ndim == 0:
        return w.reshape(1, 1)
    return w.reshape(w.shape[0], math.prod(w.shape[1:]))


def _extend_scalar(s, shp):
    """A scalar made into an array of shape shp (an enclosure repeats its item)."""
    if s.dtype == OBJ:
        return filled(shp, s[()])
    bk = backend_of(s)
    return bk.copy(bk.xp.broadcast_to(s, tuple(shp)))


def _joined(out, a, w, k):
    """The result of joining a and w along axis k (of the arguments after extension). An empty
    result has the type of the argument not empty along k if there is exactly one, else of a."""
    if size(out):
        return out
    src = w if a.shape[k] == 0 and w.shape[k] != 0 else a
    return fill_cells(src, out.shape)


def catenate(a, w, axis=None):
    """a,w along the last axis (or `axis`, 0-based)."""
    if a.ndim == 0 and w.ndim == 0:
        a, w = a.reshape(1), w.reshape(1)
    r = max(a.ndim, w.ndim)
    k = r - 1 if axis is None else axis
    if not 0 <= k < r:
        raise AxisError("axis out of range")
    a, w = _conform_join(a, w, k, r)
    a2, w2 = unify(a, w)
    return _joined(xp_of(a2).concat([a2, w2], axis=k), a, w, k)


def _conform_join(a, w, k, r):
    if a.ndim == 0:
        shp = list(w.shape)
        shp[k] = 1
        a = _extend_scalar(a, shp)
    elif w.ndim == 0:
        shp = list(a.shape)
        shp[k] = 1
        w = _extend_scalar(w, shp)
    elif a.ndim == r - 1 and w.ndim == r:
        a = xp_of(a).expand_dims(a, axis=k)
    elif w.ndim == r - 1 and a.ndim == r:
        w = xp_of(w).expand_dims(w, axis=k)
    elif a.ndim != w.ndim:
        raise RankError("ranks differ by more than one")
    if a.shape[:k] + a.shape[k + 1:] != w.shape[:k] + w.shape[k + 1:]:
        raise LengthError("lengths differ")
    return a, w


def laminate(a, w, axis_value: float):
    """,[k] with fractional k: join along a new axis between ⌊k and ⌈k."""
    r = max(a.ndim, w.ndim)
    f = axis_value - current().io
    if not -1 < f < r:
        raise AxisError("axis out of range")
    check_rank(r + 1)
    k = math.ceil(f)
    if a.ndim == 0 and w.ndim == 0:
        pass
    elif a.ndim == 0:
        a = _extend_scalar(a, w.shape)
    elif w.ndim == 0:
        w = _extend_scalar(w, a.shape)
    if tuple(a.shape) != tuple(w.shape):
        raise LengthError("shapes differ") if a.ndim == w.ndim else RankError("ranks differ")
    a2, w2 = unify(a, w)
    out = xp_of(a2).stack([a2, w2], axis=k)
    return out if size(out) else fill_cells(a, out.shape)


def catenate_axis(a, w, axis):
    ax = host_values(axis)
    if is_fraction(ax):
        return laminate(a, w, float(ax.reshape(())))
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
    return xp_of(w).flip(w, axis=axis)


def reverse_first(w):
    return reverse(w, 0)


def reverse_axis(w, axis):
    """⌽[k] and ⊖[k]: the axis as APL gives it."""
    return reverse(w, norm_axis(axis, w.ndim))


def rotate_axis(a, w, axis):
    return rotate(a, w, norm_axis(axis, max(w.ndim, 1)))


def rotate_first(a, w):
    """⊖: rotation along the first axis."""
    if type(a) is np.ndarray and a.ndim == 0 and a.dtype == INT and type(w) is np.ndarray and w.ndim:
        n = w.shape[0]
        if n and w.size:
            shift = int(a) % n
            return np.concatenate((w[shift:], w[:shift])) if shift else w
    return rotate(a, w, 0)


def rotate(a, w, axis=-1):
    if type(a) is np.ndarray and a.ndim == 0 and a.dtype == INT and w.ndim and 0 not in w.shape:
        k = axis % w.ndim
        return _roll(w, int(a) % w.shape[k], k)  # the common case: one amount
    amounts = to_ints(a, "left argument of ⌽")
    if w.ndim == 0:
        if size(amounts) != 1:
            raise RankError("rotation amounts do not fit a scalar")
        return w
    k = axis % w.ndim
    n = w.shape[k]
    want = tuple(w.shape[:k]) + tuple(w.shape[k + 1:])
    if size(amounts) == 1 and tuple(amounts.shape) != want or amounts.ndim == 0:
        if n == 0 or size(w) == 0:
            return w
        return _roll(w, int(amounts.reshape(())) % n, k)
    if tuple(amounts.shape) != want:
        if amounts.ndim != len(want):
            raise RankError("rotation amounts have the wrong rank")
        raise LengthError("rotation amounts do not fit")
    if size(w) == 0:
        return w
    xp = xp_of(w)
    amounts = index_for(amounts, w)
    moved = xp.moveaxis(w, k, -1)
    idx = xp.remainder(namespace(amounts).arange(n, device=device_of(amounts)) + amounts[..., None], n)
    return xp.moveaxis(xp.take_along_axis(moved, idx, axis=-1), -1, k)


def _roll(w, shift, k):
    """w rotated left by shift along axis k: two slices joined (np.roll's generality costs
    three times as much on a board-sized array)."""
    if shift == 0:
        return w
    if k == 0:
        parts = (w[shift:], w[:shift])
    else:
        head = (slice(None),) * k
        parts = (w[head + (slice(shift, None),)], w[head + (slice(None, shift),)])
    return np.concatenate(parts, axis=k) if type(w) is np.ndarray else xp_of(w).concat(parts, axis=k)


# ------------------------------------------------------------------ ⍉
def transpose(w):
    return permute(w, tuple(range(w.ndim - 1, -1, -1)))


def transpose_dyadic(a, w):
    axes = _vector_arg(a, "left argument of ⍉") - current().io
    if axes.size != w.ndim:
        raise LengthError("one axis number per axis")
    if w.ndim == 0:
        return w
    if np.any(axes < 0) or np.any(axes >= w.ndim):
        raise DomainError("axis numbers out of range")
    r = int(axes.max()) + 1
    if len(set(axes.tolist())) != r:
        raise DomainError("axes must include every axis up to the largest")
    if r == w.ndim:
        perm = [0] * r
        for i, j in enumerate(axes):
            perm[j] = i
        return permute(w, perm)
    shape_ = [min(w.shape[i] for i in range(w.ndim) if axes[i] == j) for j in range(r)]
    xp, dev = xp_of(w), device_of(w)  # one index vector per result axis, shaped to broadcast
    grid = [xp.reshape(xp.arange(s, device=dev), (1,) * j + (s,) + (1,) * (r - j - 1)) for j, s in enumerate(shape_)]
    return keep_prototype(w[tuple(grid[axes[i]] for i in range(w.ndim))], w)


# ------------------------------------------------------------------ ↑ ↓ take, drop (mix, split: nesting.py)
def _counts_and_axes(a, w, axes, what):
    counts = _vector_arg(a, f"left argument of {what}")
    if axes is None:
        if w.ndim == 0:
            w = w.reshape((1,) * len(counts))
        if len(counts) > w.ndim:  # Dyalog: AMTS←2 5 ⋄ AMTS↓AMTS is a RANK ERROR
            raise RankError(f"left argument of {what} is longer than the rank")
        axes = list(range(len(counts)))
    else:
        if len(counts) != len(axes):
            raise LengthError("one count per axis")
        if w.ndim == 0:
            w = w.reshape((1,) * (max(axes, default=-1) + 1))
    return [int(c) for c in counts], axes, w


def take(a, w, axes=None):
    counts, axes, w = _counts_and_axes(a, w, axes, "↑")
    new_shape = list(w.shape)
    for k, c in zip(axes, counts):
        new_shape[k] = abs(c)
    _check_size(new_shape, w)
    src = [slice(None)] * w.ndim
    dst = [slice(None)] * w.ndim
    over = False
    for k, c in zip(axes, counts):
        n = w.shape[k]
        m = min(abs(c), n)
        over = over or abs(c) > n
        if c >= 0:
            src[k], dst[k] = slice(0, m), slice(0, m)
        else:
            src[k], dst[k] = slice(n - m, n), slice(abs(c) - m, abs(c))
    if not over:
        return keep_prototype(w[tuple(src)], w)
    out = fill_cells(w, new_shape)
    part = w[tuple(src)]
    if out.dtype != part.dtype or type(out) is not type(part):
        out, part = unify(out, part)
    if size(part):
        out[tuple(dst)] = part
    return keep_prototype(out, w)


def take_axis(a, w, axis):
    return take(a, w, axes_arg(axis, w.ndim))


def drop(a, w, axes=None):
    counts, axes, w = _counts_and_axes(a, w, axes, "↓")
    sl = [slice(None)] * w.ndim
    for k, c in zip(axes, counts):
        n = w.shape[k]
        sl[k] = slice(min(c, n), n) if c >= 0 else slice(0, max(n + c, 0))
    return keep_prototype(w[tuple(sl)], w)


def drop_axis(a, w, axis):
    return drop(a, w, axes_arg(axis, w.ndim))


# ------------------------------------------------------------------ ⊣ ⊢
def same(w):
    return w


def left(a, w):
    return a


def right(a, w):
    return w


# ------------------------------------------------------------------ replicate, expand
def _with_fill_cell(w, k):
    """w with one cell of its fill item appended along axis k (at index n)."""
    shp = list(w.shape)
    shp[k] = 1
    x, f = unify(w, fill_cells(w, shp))
    return xp_of(x).concat([x, f], axis=k)


def _counts_for(a, w, what):
    """The counts of / or \\ in the backend of w (indices for w are made from them)."""
    if a.ndim > 1:
        raise RankError(f"left argument of {what} must be a scalar or vector")
    return index_for(to_ints(a, f"left argument of {what}").reshape(-1), w)


def replicate(a, w, axis=-1):
    counts = _counts_for(a, w, "/")
    if w.ndim == 0:
        w = w.reshape(1)
    xp = namespace(counts)
    dev = device_of(counts)
    k = axis % w.ndim
    n = w.shape[k]
    m = counts.shape[0]
    if m == 1 and n != 1:
        counts = xp.broadcast_to(counts, (n,))
        m = n
    if n == 1:
        src = xp.zeros(m, dtype=INT if xp is np else counts.dtype, device=dev)
    elif m == n:
        src = xp.arange(n, device=dev)
    else:
        raise LengthError("left argument length does not match")
    if m and int(xp.max(xp.abs(counts))) > MAX_ITEMS:
        raise WSFull("result too large")  # before the sum can overflow
    total = int(xp.sum(xp.abs(counts))) if m else 0
    _check_size(tuple(w.shape[:k]) + (total,) + tuple(w.shape[k + 1:]), w)
    if allb(counts >= 0):
        out = xp_of(w).take(w, xp.repeat(src, counts), axis=k)
    else:
        idx = xp.repeat(xp.where(counts >= 0, src, n), xp.abs(counts))
        out = xp_of(w).take(_with_fill_cell(w, k), idx, axis=k)
    return keep_prototype(out, w)


def replicate_axis(a, w, axis):
    """/[k] and ⌿[k]: the axis as APL gives it."""
    return replicate(a, w, norm_axis(axis, max(w.ndim, 1)))


def replicate_first(a, w):
    return replicate(a, w, 0)


def expand(a, w, axis=-1):
    counts = _counts_for(a, w, "\\")
    if w.ndim == 0:
        w = w.reshape(1)
    xp = namespace(counts)
    k = axis % w.ndim
    n = w.shape[k]
    positive = counts > 0
    p = int(xp.count_nonzero(positive))
    if n == 1 and p != 1:
        src = xp.where(positive, 0, n)
    elif p == n:
        src = xp.where(positive, xp.cumulative_sum(as_int(positive)) - 1, n)
    else:
        raise LengthError("expand: positive counts do not match the argument")
    reps = xp.where(counts == 0, 1, xp.abs(counts))
    if counts.shape[0] and int(xp.max(reps)) > MAX_ITEMS:
        raise WSFull("result too large")  # before the sum can overflow
    total = int(xp.sum(reps)) if counts.shape[0] else 0
    _check_size(tuple(w.shape[:k]) + (total,) + tuple(w.shape[k + 1:]), w)
    out = xp_of(w).take(_with_fill_cell(w, k), xp.repeat(src, reps), axis=k)
    return keep_prototype(out, w)


def expand_axis(a, w, axis):
    """\\[k] and ⍀[k]: the axis as APL gives it."""
    return expand(a, w, norm_axis(axis, max(w.ndim, 1)))


def expand_first(a, w):
    return expand(a, w, 0)
