"""Search and set functions: ⍳ (index generator, index of), ⍸ (where), ∊ (enlist, membership),
⍷ (find), ∪ ∩ ~ (unique, union, intersection, without) and monadic ≠ (unique mask).

Searching matches cells as ≡ does, through cell_search.first_index.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import (
    BOOL,
    CHAR,
    INT,
    OBJ,
    enclose,
    host_values,
    index_for,
    like_bool,
    normalise,
    ref_item,
    to_ints,
    unbox,
)
from ..backends import anyb, arr, as_int, backend_of, coerce, device_of, kind, namespace, size
from ..errors import DomainError, LengthError, RankError, WSFull
from ..settings import current
from .cell_search import arange_as, first_by_signature, first_index, full_as, item_signature, ravel_items
from .cells import MAX_ITEMS, check_rank, empty_with, keep_prototype, match, proto_item, unify
from .comparison import equal
from .structural import catenate


def _object_vector(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=OBJ)
    for i, x in enumerate(items):
        out[i] = x
    return out


def _tidy(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """A selection from source: canonical storage, keeping source's prototype when empty."""
    return keep_prototype(out, source) if out.dtype == OBJ else out


# ------------------------------------------------------------------ ⍳
def iota(w):
    io = current().io
    if w.ndim > 1:
        raise RankError("⍳ takes a scalar or vector")
    dims = to_ints(w, "argument of ⍳")
    if anyb(dims < 0):
        raise DomainError("⍳ of a negative number")
    shape = tuple(int(d) for d in host_values(dims).reshape(-1))
    if math.prod(shape) > MAX_ITEMS and not (len(shape) <= 1 and backend_of(dims).lazy):  # Dask: in chunks
        raise WSFull("result too large")
    if dims.ndim == 0 or len(shape) == 1:  # ⍳,5 is ⍳5, as in Dyalog: ⍳⍴V gives V's indices
        return arange_as(dims, io, shape[0] + io if shape else int(dims) + io)
    check_rank(len(shape))
    if not shape:
        return enclose(np.zeros(0, dtype=INT))
    if 0 in shape:
        return empty_with(shape, np.zeros(len(shape), dtype=INT))
    grid = (np.indices(shape, dtype=INT) + io).reshape(len(shape), -1).T.copy()
    # one array for the whole grid in dims' backend, its rows the items (views, made in one
    # call): never a conversion item by item
    bk = backend_of(dims)
    grid = bk.from_numpy(grid, device=device_of(dims))
    return _object_vector(bk.major_cells(grid)).reshape(shape)


def index_of(a, w):
    if a.ndim == 0:
        raise RankError("left argument of ⍳ must not be a scalar")
    io = current().io
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        raise LengthError("cells of the arguments differ in shape")
    lead = tuple(w.shape[:w.ndim - cell_rank])
    m = int(np.prod(lead, dtype=INT))
    pos = first_index(a, w.reshape((m,) + tuple(a.shape[1:])))
    return (pos + io).reshape(lead)


# ------------------------------------------------------------------ ∊
def enlist(w):
    if w.dtype != OBJ or ref_item(w) is not None:  # a namespace reference is a simple scalar
        return w.reshape(-1)
    parts = [enlist(unbox(x)) for x in w.reshape(-1)]
    nonempty = [p for p in parts if size(p)]
    if not nonempty:
        first = parts[0] if parts else enlist(unbox(proto_item(w)))
        return np.zeros(0, dtype=CHAR if kind(first) == "U" else INT)
    joined = unify(*nonempty)
    xp = np if joined[0].dtype == OBJ else namespace(*joined)
    return normalise(xp.concat(joined))


def member(a, w):
    table = w.reshape(-1)
    pos = first_index(table, a.reshape(-1))
    return (pos < table.shape[0]).reshape(a.shape)


# ------------------------------------------------------------------ ⍸ where (X⍸Y: ordering.py)
def where(w):
    if w.dtype == OBJ:
        w = normalise(w)
    if w.dtype == OBJ or kind(w) == "U":
        raise DomainError("⍸ needs simple non-negative integers")
    io = current().io
    bk = backend_of(w)
    xp = bk.xp
    if kind(w) == "b":
        flat = xp.nonzero(w.reshape(-1))[0]
    else:
        counts = to_ints(w, "argument of ⍸")
        if anyb(counts < 0):
            raise DomainError("⍸ needs non-negative integers")
        if size(counts) and int(xp.sum(counts)) > 2**34:
            raise WSFull("result too large")
        flat = xp.repeat(arange_as(w, size(counts)), counts.reshape(-1))
    if w.ndim == 1:
        return as_int(flat) + io
    if w.ndim == 0:
        if not size(flat):
            return empty_with((0,), np.zeros(0, dtype=INT))
        return _object_vector([np.zeros(0, dtype=INT) for _ in range(size(flat))])
    if not size(flat):
        return empty_with((0,), np.zeros(w.ndim, dtype=INT))
    idx = as_int(xp.stack(bk.unravel_index(flat, tuple(w.shape)), axis=-1)) + io
    return _object_vector(list(idx))


# ------------------------------------------------------------------ ⍷
def find(a, w):
    if w.ndim == 0 or a.ndim > w.ndim:
        if w.ndim == 0:
            return like_bool(match(a, w), w)
        return full_as(w, tuple(w.shape), False, backend_of(w).BOOL)
    pshape = (1,) * (w.ndim - a.ndim) + tuple(a.shape)
    pat = a.reshape(pshape)
    limits = tuple(s - p + 1 for p, s in zip(pshape, w.shape))
    region = tuple(slice(0, k) for k in limits)
    if pat.dtype != OBJ and w.dtype != OBJ and size(pat) and (kind(pat) == "U") == (kind(w) == "U") \
            and not any(p > s for p, s in zip(pshape, w.shape)):
        if type(pat) is not type(w):
            pat, w = coerce(pat, w)
        bk = backend_of(w)
        hits = full_as(w, limits, True, bk.BOOL)
        for off in np.ndindex(*pshape):
            window = w[tuple(slice(o, o + k) for o, k in zip(off, limits))]
            hits = hits & equal(window, backend_of(pat).element(pat, off))
            if not anyb(hits):
                break
        out = full_as(w, tuple(w.shape), False, bk.BOOL)
        out[region] = hits
        return out
    out = np.zeros(tuple(w.shape), dtype=BOOL)
    if any(p > s for p, s in zip(pshape, w.shape)):
        return out
    if size(pat) == 0:  # an empty pattern matches wherever it fits, if the prototypes agree
        out[region] = match(pat, _tidy(w[tuple(slice(0, p) for p in pshape)], w))
        return out
    hits = np.ones(limits, dtype=BOOL)
    if pat.dtype != OBJ and w.dtype != OBJ:
        return out
    else:
        wsigs = [item_signature(x) for x in ravel_items(w)]
        for off, x in zip(np.ndindex(*pshape), ravel_items(pat)):
            same = (first_by_signature([item_signature(x)], wsigs) == 0).reshape(w.shape)
            hits &= same[tuple(slice(o, o + k) for o, k in zip(off, limits))]
            if not hits.any():
                break
    out[region] = hits
    return out


# ------------------------------------------------------------------ ∪ ∩ ~
def unique(w):
    if w.ndim == 0:
        return w.reshape(1)
    firsts = first_index(w, w)
    keep = index_for(firsts == arange_as(firsts, w.shape[0]), w)
    return _tidy(w[keep], w)


def _vector(x, what):
    if x.ndim > 1:
        raise RankError(f"{what} takes scalars or vectors")
    return x.reshape(-1)


def union(a, w):
    a, w = _vector(a, "∪"), _vector(w, "∪")
    extra = w[index_for(~member(w, a), w)]
    return catenate(a, extra)


def intersection(a, w):
    a, w = _vector(a, "∩"), _vector(w, "∩")
    return _tidy(a[index_for(member(a, w), a)], a)


def without(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ~ must be a scalar or vector")
    a = a.reshape(-1)
    return _tidy(a[index_for(~member(a, w), a)], a)


# ------------------------------------------------------------------ monadic ≠
def unique_mask(w):
    """≠w: 1 for the first occurrence of each major cell, 0 for repeats (Dyalog 18)."""
    if w.ndim == 0:
        return np.array(True)
    io = current().io
    first = index_of(w, w)
    return arr(first == arange_as(first, io, w.shape[0] + io))
