"""Reduce, scan and n-wise reduce, with library fast paths chosen by the operand's glyph.

`+/` is a sum, `⌈\\` a running maximum, `-/` an alternating sum; other scalar functions fold
whole slices at a time (one library call per step, never one per element); non-scalar
functions fold item by item, as APL defines them.
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, FLOAT, INT, OBJ, box, from_items, unbox
from ..errors import DomainError, LengthError
from .scalar import _BIG, num

_MAX_FLOAT = np.finfo(np.float64).max

IDENTITIES = {
    "+": 0, "-": 0, "∨": 0, "≠": 0, "<": 0, ">": 0, "|": 0,
    "×": 1, "÷": 1, "∧": 1, "=": 1, "≤": 1, "≥": 1, "*": 1, "!": 1,
    "⌈": -_MAX_FLOAT, "⌊": _MAX_FLOAT,
}


def identity_for(fn, shape):
    g = getattr(fn, "glyph", None)
    if g in IDENTITIES:
        v = IDENTITIES[g]
        return np.full(shape, v, dtype=FLOAT if isinstance(v, float) else INT)
    raise DomainError(f"{fn.describe()} has no identity element")


def _is_boolean(x):
    return x.dtype == BOOL or (x.dtype.kind in "iu" and not np.any((x != 0) & (x != 1)))


def _fast_reduce(glyph, w, k):
    """A library reduction for simple numeric w along axis k, or None."""
    if w.dtype == OBJ or w.dtype.kind == "U":
        return None
    if glyph == "+":
        x = num(w)
        if x.dtype == INT and x.size and np.max(np.abs(x)) * w.shape[k] >= _BIG:
            return np.asarray(np.sum(x.astype(FLOAT), axis=k))
        return np.asarray(np.sum(x, axis=k))
    if glyph == "×":
        x = num(w)
        if x.dtype == INT:
            f = np.prod(x.astype(FLOAT), axis=k)
            if f.size and np.max(np.abs(f)) >= _BIG:
                return np.asarray(f)
        return np.asarray(np.prod(x, axis=k))
    if glyph in "⌈⌊" and w.dtype.kind != "c":
        return np.asarray((np.max if glyph == "⌈" else np.min)(w, axis=k))
    if glyph in "∧∨≠=" and _is_boolean(w):
        b = w.astype(BOOL)
        if glyph == "∧":
            return np.asarray(np.all(b, axis=k))
        if glyph == "∨":
            return np.asarray(np.any(b, axis=k))
        odd = np.asarray(np.logical_xor.reduce(b, axis=k))
        if glyph == "≠":
            return odd
        # a right fold of = over booleans: the xor of all, flipped when there is an even count
        return odd ^ bool((w.shape[k] - 1) % 2)
    if glyph == "-" and w.dtype.kind in "biuf":
        x = num(w)
        n = x.shape[k]
        signs = np.where(np.arange(n) % 2 == 0, 1, -1).reshape((n,) + (1,) * (x.ndim - k - 1))
        return np.asarray(np.sum(x * signs, axis=k))
    return None


def reduce(fn, w, k):
    """f/ along axis k (0-based)."""
    if w.ndim == 0:
        return w
    n = w.shape[k]
    rest = w.shape[:k] + w.shape[k + 1:]
    if n == 0:
        return identity_for(fn, rest)
    if n == 1:
        return np.asarray(np.take(w, 0, axis=k))
    if fn.kernel is not None:
        fast = _fast_reduce(fn.glyph, w, k)
        if fast is not None:
            return fast
        acc = np.take(w, n - 1, axis=k)
        for i in range(n - 2, -1, -1):
            acc = fn.dyad(np.take(w, i, axis=k), acc)
        return acc
    moved = np.moveaxis(w, k, -1)
    results = []
    for idx in np.ndindex(*moved.shape[:-1]):
        vec = moved[idx]
        acc = _item(vec, n - 1)
        for i in range(n - 2, -1, -1):
            acc = fn.dyad(_item(vec, i), acc)
        results.append(box(acc))
    return from_items(results, rest)


def _item(vec, i):
    x = vec[i]
    return unbox(x) if vec.dtype == OBJ else np.asarray(x) if vec.dtype.kind != "U" else unbox(str(x))


def _fast_scan(glyph, w, k):
    if w.dtype == OBJ or w.dtype.kind == "U":
        return None
    if glyph == "+":
        x = num(w)
        if x.dtype == INT and x.size and np.max(np.abs(x)) * w.shape[k] >= _BIG:
            return np.cumsum(x.astype(FLOAT), axis=k)
        return np.cumsum(x, axis=k)
    if glyph == "×":
        x = num(w)
        if x.dtype == INT:
            f = np.cumprod(x.astype(FLOAT), axis=k)
            if f.size and np.max(np.abs(f)) >= _BIG:
                return f
        return np.cumprod(x, axis=k)
    if glyph in "⌈⌊" and w.dtype.kind != "c":
        return (np.maximum if glyph == "⌈" else np.minimum).accumulate(w, axis=k)
    if glyph in "∧∨≠" and _is_boolean(w):
        b = w.astype(BOOL)
        uf = {"∧": np.logical_and, "∨": np.logical_or, "≠": np.logical_xor}[glyph]
        return uf.accumulate(b, axis=k)
    if glyph == "-" and w.dtype.kind in "biuf":
        x = num(w)
        n = x.shape[k]
        signs = np.where(np.arange(n) % 2 == 0, 1, -1).reshape((n,) + (1,) * (x.ndim - k - 1))
        return np.cumsum(x * signs, axis=k) if x.dtype.kind != "f" else np.cumsum(x * signs, axis=k)
    return None


def scan(fn, w, k):
    """f\\ along axis k: item i is the reduction of the first i+1 items."""
    if w.ndim == 0 or w.shape[k] == 0:
        return w
    n = w.shape[k]
    if fn.kernel is not None:
        fast = _fast_scan(fn.glyph, w, k)
        if fast is not None:
            return np.asarray(fast)
        cols = [np.take(w, 0, axis=k)]
        for i in range(1, n):
            acc = np.take(w, i, axis=k)
            for j in range(i - 1, -1, -1):
                acc = fn.dyad(np.take(w, j, axis=k), acc)
            cols.append(acc)
        from .cells import unify

        return np.stack(unify(*cols), axis=k)
    moved = np.moveaxis(w, k, -1)
    results = []
    for idx in np.ndindex(*moved.shape[:-1]):
        vec = moved[idx]
        for i in range(n):
            acc = _item(vec, i)
            for j in range(i - 1, -1, -1):
                acc = fn.dyad(_item(vec, j), acc)
            results.append(box(acc))
    out = from_items(results, moved.shape)
    return np.moveaxis(out, -1, k)


def nwise(fn, a, w, k):
    """a f/ w: reduce each window of |a| items; a negative a reverses each window."""
    from ..arrays import to_int

    size = to_int(a, "left argument of n-wise reduce")
    if w.ndim == 0:
        w = w.reshape(1)
    n = w.shape[k]
    m = abs(size)
    if m > n + 1:
        raise LengthError("window longer than the argument")
    count = n - m + 1
    if m == 0:
        shape = list(w.shape)
        shape[k] = count
        return identity_for(fn, tuple(shape))
    windows = [np.take(w, np.arange(i, i + count), axis=k) for i in range(m)]
    if size < 0:
        windows.reverse()
    if fn.kernel is not None:
        acc = windows[-1]
        for win in reversed(windows[:-1]):
            acc = fn.dyad(win, acc)
        return acc
    stacked = np.stack(windows, axis=-1)
    moved = np.moveaxis(stacked, k, -2)
    results = [reduce(fn, moved[idx], 0) for idx in np.ndindex(*moved.shape[:-1])]
    out = from_items([r[()] if r.dtype == OBJ and r.ndim == 0 else box(r) for r in results], moved.shape[:-1])
    return np.moveaxis(out, -1, k)


