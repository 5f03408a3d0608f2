"""Indexing: brackets A[I;J;…], squad I⌷A and I⌷[K]A, and with a nested index choose (each item
an element's index vector) and reach (paths into the items); `assign_reach` is (A[I])←V for them.

Selections from nested arrays stay canonical: a scalar result is the item itself (an array item
enclosed), an empty one keeps the prototype of its source.
"""
from __future__ import annotations

import numpy as np

from ..arrays import (
    INT,
    OBJ,
    box,
    enclose,
    from_items,
    host_values,
    index_for,
    normalise,
    to_ints,
    unbox,
)
from ..backends import anyb, backend_of, is_array, namespace, size
from ..errors import DomainError, IndexError_, LengthError, RankError
from ..settings import current
from .cells import axes_arg, keep_prototype, unify


def _plain(x):
    return x[()] if isinstance(x, np.ndarray) else x


def _check_index(ix, n: int, io: int):
    ii = to_ints(ix, "index") - io
    if size(ii) and anyb((ii < 0) | (ii >= n)):
        raise IndexError_("index out of range")
    return ii


def _result_item(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Selections from nested arrays: a scalar result is the item (enclosed if an array)."""
    if out.dtype != OBJ:
        return out
    if out.ndim == 0:
        item = out[()]
        return enclose(item) if is_array(item) and (item.ndim or item.dtype == OBJ) \
            else unbox(_plain(item))
    return keep_prototype(out, source)


def _reach_path(item, rank: int) -> list:
    """One item of a nested index as its levels, each a 0-based NumPy vector of one index per
    axis at that depth (Dyalog's choose and reach indexing). A simple item with one number per
    axis of the array (rank) chooses one element; a simple item of another length reaches down
    one level per number (Dyalog: for a vector E, E[⊂2 1] is E[⊂(⊂2),(⊂1)]); the items of a
    nested item are the levels."""
    io = current().io
    v = unbox(item)
    if v.dtype == OBJ:
        v = normalise(v)
    if v.dtype != OBJ:
        flat = host_values(to_ints(v, "index")).reshape(-1) - io
        if flat.shape[0] == rank:
            return [flat]
        return [flat[i:i + 1] for i in range(flat.shape[0])]
    levels = []
    for x in v.reshape(-1):
        lv = unbox(x)
        if lv.dtype == OBJ:
            lv = normalise(lv)
            if lv.dtype == OBJ:
                raise DomainError("each level of a reach index is a simple scalar or vector")
        levels.append(host_values(to_ints(lv, "index")).reshape(-1) - io)
    return levels


def _reach_position(e, lv) -> tuple:
    if lv.shape[0] != e.ndim:
        raise RankError("each index must have one number per axis")
    if lv.shape[0] and ((lv < 0).any() or (lv >= np.array(tuple(e.shape))).any()):
        raise IndexError_("index out of range")
    return tuple(int(i) for i in lv)


def _reach(w, ix: np.ndarray) -> np.ndarray:
    """w[I] with I nested and some item reaching below the top level of w."""
    out = []
    for x in ix.reshape(-1):
        e = w
        for lv in _reach_path(x, w.ndim):
            e = unbox(e[_reach_position(e, lv)])
        out.append(box(e))
    res = from_items(out, tuple(ix.shape))
    return keep_prototype(res, w) if res.dtype == OBJ else res


def _set_reached(e, levels, item):
    """A copy of e with the element at the end of the reach path levels replaced by item."""
    if not levels:
        return unbox(item)
    pos = _reach_position(e, levels[0])
    if len(levels) > 1:
        item = box(_set_reached(unbox(e[pos]), levels[1:], item))
    new = unbox(item)
    new = enclose(new) if new.ndim or new.dtype == OBJ else new
    e, new = unify(e, new)
    e = backend_of(e).copy(e)
    e[pos] = new[()] if new.dtype == OBJ else new
    return normalise(e) if e.dtype == OBJ else e


def assign_reach(w, ix: np.ndarray, value):
    """A copy of w with w[I]←value for a nested index I (choose or reach); the items of value
    go in ravel order, so a repeated position gets the last one (Dyalog)."""
    paths = [_reach_path(x, w.ndim) for x in ix.reshape(-1)]
    if size(value) != 1 and tuple(value.shape) != tuple(ix.shape):
        if value.ndim != ix.ndim:
            raise RankError("value does not fit the selection")
        raise LengthError("value does not fit the selection")
    flat = value.reshape(-1)
    items = list(flat) if value.dtype == OBJ else backend_of(flat).major_cells(flat)  # arrays, or boxed items
    vals = items[:1] * len(paths) if size(value) == 1 else items[:len(paths)]
    for levels, v in zip(paths, vals):
        w = _set_reached(w, levels, v)
    return w


def _choose(w: np.ndarray, ix: np.ndarray) -> np.ndarray:
    """w[I] with I nested: each item of I is the index vector of one element of w."""
    io = current().io
    rows = []
    for x in ix.reshape(-1):
        v = unbox(x)
        if v.dtype == OBJ:
            v = normalise(v)
            if v.dtype == OBJ:
                return _reach(w, ix)
        v = v.reshape(-1)
        if size(v) != w.ndim:
            return _reach(w, ix)
        rows.append(v)
    m = len(rows)
    target = w
    if m:
        idx = namespace(target).stack([index_for(to_ints(r, "index"), target) for r in rows]) - io
    else:
        idx = index_for(np.zeros((0, w.ndim), dtype=INT), target)
    if size(idx) and anyb((idx < 0) | (idx >= index_for(np.array(tuple(w.shape), dtype=INT), target))):
        raise IndexError_("index out of range")
    if w.ndim and backend_of(w).lazy:  # Dask: point-wise indexing is vindex
        out = w.vindex[tuple(idx[:, k] for k in range(w.ndim))]
    elif w.ndim:
        out = w[tuple(idx[:, k] for k in range(w.ndim))]
    else:
        bk = backend_of(w)
        out = bk.copy(bk.xp.broadcast_to(w, (m,)))
    return _result_item(out.reshape(tuple(ix.shape)), w)


def index_with(w: np.ndarray, indices: list) -> np.ndarray:
    """w[i;j;…]: one index array (or None for all) per axis."""
    if len(indices) == 1 and indices[0] is not None and indices[0].dtype == OBJ:
        ix = normalise(indices[0])
        if ix.dtype == OBJ:
            return _choose(w, ix)
        indices = [ix]
    if w.ndim == 0 and len(indices) == 1 and indices[0] is None:
        return w
    if len(indices) != w.ndim:
        raise RankError("one index per axis")
    io = current().io
    bk = backend_of(w) if w.dtype != OBJ else backend_of()
    axes, shape = [], []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(index_for(np.arange(w.shape[k]), w))
            shape.append(w.shape[k])
            continue
        if ix.dtype == OBJ:
            ix = normalise(ix)
            if ix.dtype == OBJ:  # LRG/indexing: one simple integer array per axis
                raise DomainError("an index of m[i;j] must be a simple integer array")
        ii = _check_index(ix, w.shape[k], io)
        axes.append(index_for(ii.reshape(-1), w))
        shape.extend(ii.shape)
    if w.ndim == 0:
        return w
    if all(ix is None for ix in indices):
        return w
    if bk.lazy:  # Dask takes one index array at a time: axis by axis
        r = w
        for k, ix in enumerate(indices):
            if ix is not None:
                r = r[(slice(None),) * k + (axes[k],)]
        return _result_item(r.reshape(tuple(shape)), w)
    return _result_item(w[bk.ix_(*axes)].reshape(tuple(shape)), w)


def squad(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a scalar or vector")
    flat = a.reshape(-1)
    parts = [unbox(x) for x in flat] if a.dtype == OBJ else backend_of(flat).major_cells(flat)
    if len(parts) > w.ndim:  # Dyalog: 1 2⌷'one' 'two' 'three' is a LENGTH ERROR
        raise LengthError("more indices than axes")
    for p in parts:
        if p.dtype == OBJ and normalise(p).dtype == OBJ:
            raise DomainError("left argument of ⌷ has depth at most 2")
    return index_with(w, [normalise(p) for p in parts] + [None] * (w.ndim - len(parts)))


def squad_axis(a, w, axis):
    """I⌷[k]w: the items of I index the axes k of w, the other axes are taken whole."""
    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a scalar or vector")
    ks = axes_arg(axis, w.ndim)
    flat = a.reshape(-1)
    parts = [unbox(x) for x in flat] if a.dtype == OBJ else backend_of(flat).major_cells(flat)
    if len(parts) != len(ks):
        raise LengthError("⌷[k]: one index per axis in k")
    indices = [None] * w.ndim
    for k, p in zip(ks, parts):
        p = normalise(p)
        if p.dtype == OBJ:
            raise DomainError("left argument of ⌷ has depth at most 2")
        indices[k] = p
    return index_with(w, indices)
