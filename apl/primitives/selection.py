"""Search, set, sort and selection functions: ⍳ ⍸ ∊ ⍷ ∪ ∩ ~ ⍋ ⍒ ⌷, indexing and deal."""
from __future__ import annotations

import functools

import numpy as np

from ..arrays import CHAR, INT, OBJ, enclose, normalise, to_int, to_ints, unbox
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError
from ..settings import current
from .cells import cell_key, major_cells, match, to_object, unify

_TOLERANT_LIMIT = 4_000_000  # pairs compared by broadcasting before falling back to hashing


# ------------------------------------------------------------------ ⍳
def iota(w):
    io = current().io
    if w.ndim > 1:
        raise RankError("⍳ takes a scalar or vector")
    dims = to_ints(w, "argument of ⍳")
    if np.any(dims < 0):
        raise DomainError("⍳ of a negative number")
    if dims.ndim == 0:
        return np.arange(io, int(dims) + io, dtype=INT)
    shape = tuple(int(d) for d in dims)
    if not shape:
        return enclose(np.zeros(0, dtype=INT))
    grid = np.indices(shape, dtype=INT) + io
    out = np.empty(shape, dtype=OBJ)
    for idx in np.ndindex(*shape):
        out[idx] = grid[(slice(None),) + idx]
    return out


def _simple_numeric(x):
    return x.dtype != OBJ and x.dtype.kind in "biuf"


def _positions(cells_a: list, cells_w: list) -> np.ndarray:
    """For each of cells_w, the index of its first match in cells_a (len(cells_a) if none)."""
    table: dict = {}
    for i, c in enumerate(cells_a):
        table.setdefault(cell_key(c), i)
    n = len(cells_a)
    return np.array([table.get(cell_key(c), n) for c in cells_w], dtype=INT)


def _index_of_simple(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Vector a, any w: first positions (0-based), len(a) where absent; tolerant for floats."""
    n = a.size
    if a.dtype.kind == "U" or w.dtype.kind == "U":
        if a.dtype.kind != w.dtype.kind:
            return np.full(w.shape, n, dtype=INT)
    exact = (a.dtype.kind in "biuU") and (w.dtype.kind in "biuU")
    if not exact and n * w.size <= _TOLERANT_LIMIT and a.dtype.kind != "c" and w.dtype.kind != "c":
        from .scalar import equal

        eq = equal(a.reshape(1, -1), w.reshape(-1, 1)) if w.size and n else np.zeros((w.size, n), bool)
        hit = eq.any(axis=1)
        first = np.where(hit, eq.argmax(axis=1), n)
        return first.reshape(w.shape).astype(INT)
    if n == 0:
        return np.zeros(w.shape, dtype=INT)
    order = np.argsort(a, kind="stable")
    sa = a[order]
    pos = np.searchsorted(sa, w.reshape(-1), side="left")
    pos_c = np.minimum(pos, n - 1)
    found = sa[pos_c] == w.reshape(-1)
    return np.where(found, order[pos_c], n).reshape(w.shape).astype(INT)


def index_of(a, w):
    io = current().io
    if a.ndim == 0:
        raise RankError("left argument of ⍳ must not be a scalar")
    if a.ndim == 1 and a.dtype != OBJ and w.dtype != OBJ:
        return _index_of_simple(a, w) + io
    cells_a = major_cells(a)
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        if cell_rank == 0:
            pass
        else:
            raise LengthError("cells of the arguments differ")
    lead = w.shape[:w.ndim - cell_rank]
    wc = w.reshape((-1,) + a.shape[1:])
    cells_w = [normalise(wc[i]) if wc.dtype == OBJ else wc[i] for i in range(wc.shape[0])]
    if cell_rank == 0 and a.dtype == OBJ:
        cells_w = [unbox(x) for x in w.reshape(-1)] if w.dtype == OBJ else [np.asarray(x) for x in w.reshape(-1)]
        cells_a = [unbox(x) for x in a.reshape(-1)]
        return _tolerant_positions(cells_a, cells_w).reshape(w.shape) + io
    if cell_rank == 0 and w.dtype == OBJ:
        cells_w = [unbox(x) for x in w.reshape(-1)]
        cells_a = [np.asarray(x) if a.dtype.kind != "U" else np.array(x, dtype=CHAR) for x in a]
        return _tolerant_positions(cells_a, cells_w).reshape(w.shape) + io
    return _tolerant_positions(cells_a, cells_w).reshape(lead) + io


def _tolerant_positions(cells_a, cells_w):
    pos = _positions(cells_a, cells_w)
    n = len(cells_a)
    if any(c.dtype.kind in "fc" or c.dtype == OBJ for c in cells_w[:1] + cells_a[:1]):
        for j, p in enumerate(pos):
            if p == n:
                for i, c in enumerate(cells_a):
                    if match(c, cells_w[j]):
                        pos[j] = i
                        break
    return pos


# ------------------------------------------------------------------ ∊
def enlist(w):
    if w.dtype != OBJ:
        return w.reshape(-1)
    parts = [enlist(unbox(x)) for x in w.reshape(-1)]
    parts = [p for p in parts if p.size] or [np.zeros(0, dtype=INT)]
    return normalise(np.concatenate(unify(*parts)))


def member(a, w):
    if w.ndim == 0:
        w = w.reshape(1)
    flat = w.reshape(-1)
    if a.dtype != OBJ and flat.dtype != OBJ:
        pos = _index_of_simple(flat, a)
        return np.asarray(pos < flat.size)
    cells_w = [unbox(x) for x in to_object(flat)]
    cells_a = [unbox(x) for x in to_object(a).reshape(-1)]
    pos = _tolerant_positions(cells_w, cells_a)
    return (pos < len(cells_w)).reshape(a.shape)


# ------------------------------------------------------------------ ⍸
def where(w):
    counts = to_ints(w, "argument of ⍸")
    if np.any(counts < 0):
        raise DomainError("⍸ needs non-negative integers")
    io = current().io
    if counts.ndim <= 1:
        return np.repeat(np.arange(counts.size, dtype=INT), counts.reshape(-1)) + io
    flat = np.repeat(np.arange(counts.size), counts.reshape(-1))
    idx = np.stack(np.unravel_index(flat, counts.shape), axis=-1) + io
    out = np.empty(len(idx), dtype=OBJ)
    for i, row in enumerate(idx):
        out[i] = row.astype(INT)
    return out


def interval_index(a, w):
    if a.ndim != 1 or a.dtype == OBJ or w.dtype == OBJ:
        raise NonceError("interval index is supported for simple vectors only")
    if a.dtype.kind == "U" and w.dtype.kind != "U" or a.dtype.kind != "U" and w.dtype.kind == "U":
        raise DomainError("arguments of ⍸ must both be numbers or both characters")
    if a.size > 1 and np.any(a[1:] < a[:-1]):
        raise DomainError("left argument of ⍸ must be in ascending order")
    io = current().io
    return (np.searchsorted(a, w, side="right") - 1 + io).astype(INT)


# ------------------------------------------------------------------ ⍷
def find(a, w):
    if a.ndim > w.ndim:
        return np.zeros(w.shape, dtype=np.bool_)
    pat = a.reshape((1,) * (w.ndim - a.ndim) + a.shape)
    out = np.zeros(w.shape, dtype=np.bool_)
    if w.ndim == 0:
        return np.asarray(match(a, w))
    if any(p > s for p, s in zip(pat.shape, w.shape)):
        return out
    limits = tuple(s - p + 1 for p, s in zip(pat.shape, w.shape))
    if pat.dtype != OBJ and w.dtype != OBJ and (pat.dtype.kind == "U") == (w.dtype.kind == "U"):
        from numpy.lib.stride_tricks import sliding_window_view

        from .scalar import equal

        win = sliding_window_view(w, pat.shape)
        eq = equal(win, pat) if pat.size else np.ones(win.shape, bool)
        hits = eq.reshape(eq.shape[:w.ndim] + (-1,)).all(axis=-1)
        out[tuple(slice(0, m) for m in limits)] = hits[tuple(slice(0, m) for m in limits)]
        return out
    for idx in np.ndindex(*limits):
        sl = tuple(slice(i, i + p) for i, p in zip(idx, pat.shape))
        out[idx] = match(pat, normalise(w[sl]) if w.dtype == OBJ else w[sl])
    return out


# ------------------------------------------------------------------ ∪ ∩ ~
def unique(w):
    if w.ndim == 0:
        return w.reshape(1)
    cells = major_cells(w)
    pos = _tolerant_positions(cells, cells)
    keep = pos == np.arange(len(cells))
    return w[keep]


def union(a, w):
    if a.ndim > 1 or w.ndim > 1:
        raise RankError("∪ takes vectors")
    a, w = a.reshape(-1), w.reshape(-1)
    extra = w[~member(w, a)]
    from .structural import catenate

    return catenate(a, extra)


def intersection(a, w):
    if a.ndim > 1 or w.ndim > 1:
        raise RankError("∩ takes vectors")
    a = a.reshape(-1)
    return a[member(a, w.reshape(-1))]


def without(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ~ must be a vector")
    a = a.reshape(-1)
    return a[~member(a, w)]


# ------------------------------------------------------------------ ⍋ ⍒
def _sort_key_array(w):
    if w.dtype == OBJ:
        return None
    if w.dtype.kind == "c":
        raise DomainError("complex numbers have no order")
    return w


def _grade(w, descending):
    if w.ndim == 0:
        raise RankError("grade needs an array")
    io = current().io
    n = w.shape[0]
    keys = _sort_key_array(w)
    if keys is not None:
        flat = keys.reshape(n, -1)
        if flat.shape[1] == 1:
            col = flat[:, 0]
            if descending:
                order = np.argsort(_negate_for_sort(col), kind="stable")
            else:
                order = np.argsort(col, kind="stable")
        else:
            cols = [flat[:, j] for j in reversed(range(flat.shape[1]))]
            if descending:
                cols = [_negate_for_sort(c) for c in cols]
            order = np.lexsort(cols) if cols else np.arange(n)
        return order.astype(INT) + io
    cells = major_cells(w)
    order = sorted(range(n), key=functools.cmp_to_key(lambda i, j: _compare(cells[i], cells[j])))
    if descending:
        order = sorted(range(n), key=functools.cmp_to_key(lambda i, j: -_compare(cells[i], cells[j])))
    return np.array(order, dtype=INT) + io


def _negate_for_sort(col):
    if col.dtype.kind == "U":
        return -np.array([ord(c) for c in col], dtype=INT)
    if col.dtype.kind == "b":
        return -col.astype(INT)
    return -col


def _compare(x, y) -> int:
    """Dyalog's total array ordering, for grading mixed and nested arrays."""
    xs = [unbox(v) for v in to_object(x.reshape(-1))]
    ys = [unbox(v) for v in to_object(y.reshape(-1))]
    for u, v in zip(xs, ys):
        if u.ndim == 0 and v.ndim == 0 and u.dtype != OBJ and v.dtype != OBJ:
            ku, kv = u.dtype.kind == "U", v.dtype.kind == "U"
            if ku != kv:
                return -1 if not ku else 1
            a_, b_ = (ord(str(u)), ord(str(v))) if ku else (u.item(), v.item())
            if a_ != b_:
                return -1 if a_ < b_ else 1
        else:
            c = _compare(u.reshape(-1) if u.dtype != OBJ else u, v.reshape(-1) if v.dtype != OBJ else v)
            if c:
                return c
    return (len(xs) > len(ys)) - (len(xs) < len(ys))


def grade_up(w):
    return _grade(w, False)


def grade_down(w):
    return _grade(w, True)


def grade_collated(a, w, descending=False):
    if a.dtype.kind != "U" or w.dtype.kind != "U":
        raise DomainError("dyadic grade needs characters")
    order = {c: i for i, c in reversed(list(enumerate(a.reshape(-1))))}
    big = len(order)
    keys = np.vectorize(lambda c: order.get(c, big), otypes=[INT])(w) if w.size else w.astype(INT)
    return _grade(keys, descending)


# ------------------------------------------------------------------ indexing
def index_with(w: np.ndarray, indices: list) -> np.ndarray:
    """w[i;j;…]: one index array (or None for all) per axis."""
    if len(indices) != w.ndim:
        raise RankError("one index per axis")
    io = current().io
    axes = []
    shape = []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(np.arange(w.shape[k]))
            shape.append(w.shape[k])
            continue
        if ix.dtype == OBJ:
            raise NonceError("nested (choose/reach) indexing is not supported")
        ii = to_ints(ix, "index") - io
        if np.any(ii < 0) or np.any(ii >= w.shape[k]):
            raise IndexError_("index out of range")
        axes.append(ii.reshape(-1))
        shape.extend(ii.shape)
    if w.ndim == 0:
        return w
    out = w[np.ix_(*axes)] if axes else w
    out = out.reshape(shape)
    if out.dtype == OBJ:
        if out.ndim == 0:
            return unbox(out[()]) if not isinstance(out[()], np.ndarray) else enclose(out[()])
        return normalise(out)
    return out


def squad(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a vector")
    parts = [unbox(x) for x in a.reshape(-1)] if a.dtype == OBJ else [np.asarray(x) for x in a.reshape(-1)]
    if len(parts) > w.ndim:
        raise RankError("too many indices")
    return index_with(w, parts + [None] * (w.ndim - len(parts)))


# ------------------------------------------------------------------ ? deal
def deal(a, w):
    n = to_int(a, "left argument of ?")
    m = to_int(w, "right argument of ?")
    if n < 0 or m < 0 or n > m:
        raise DomainError("deal needs 0 ≤ ⍺ ≤ ⍵")
    return (current().rng.permutation(m)[:n] + current().io).astype(INT)
