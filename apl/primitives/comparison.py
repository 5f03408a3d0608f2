"""Comparison scalar functions: = ≠ < ≤ ≥ >, tolerant (⎕CT) as Dyalog's are.

Numbers compare tolerantly (|X-Y| ≤ ⎕CT×(|X|)⌈|Y|), integers exactly unless they are so large
that ⎕CT matters; characters equal only characters; ordering is defined on real numbers only.
Searching (cell_search.py) and match (cells.match) compare through `equal`.
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL
from ..backends import arr, as_float, backend_of, device_of, kind, namespace, size
from ..errors import DomainError
from ..settings import current
from .arithmetic import is_int, num


def _kinds(a, w):
    return kind(a), kind(w)


def _false_like(a, w):
    """All-false of the arguments' common shape, on the backend of the numeric one."""
    shape = np.broadcast_shapes(tuple(a.shape), tuple(w.shape))
    like = w if kind(a) == "U" else a
    bk = backend_of(like)
    if bk.name == "numpy":
        return np.zeros(shape, dtype=BOOL)
    return bk.xp.zeros(shape, dtype=bk.BOOL, device=device_of(like))


def equal(a, w):
    ka, kw = _kinds(a, w)
    if ka == "U" or kw == "U":
        if ka == "U" and kw == "U":
            return np.asarray(a == w)
        return _false_like(a, w)
    if ka in "biu" and kw in "biu":
        a, w = _exact_pair(a, w)
        if _huge_ints(a, w):
            return _tolerant_eq(as_float(a), as_float(w)) | arr(a == w)
        return arr(a == w)
    return _tolerant_eq(num(a), num(w))


TOLERANT_FROM = 2**31  # distinct integers below this in magnitude are never tolerantly equal
_SMALL_INT_DTYPES = frozenset(np.dtype(t) for t in (np.bool_, np.int8, np.int16, np.int32, np.uint8, np.uint16))
_SMALL_TORCH_INTS = frozenset(("torch.bool", "torch.int8", "torch.int16", "torch.int32", "torch.uint8"))


def _huge_ints(a, w) -> bool:
    """Whether integer arguments of a comparison may hold numbers so large that ⎕CT matters
    (Dyalog holds them as floats and compares them tolerantly: 1E15=1E15+1). Since ⎕CT is at
    most 2*¯32, an argument below 2*31 in magnitude on either side makes the comparison exact."""
    for x in (a, w):
        if isinstance(x, (np.ndarray, np.generic)):
            if x.dtype in _SMALL_INT_DTYPES:
                return False
            if x.ndim == 0 and -TOLERANT_FROM < int(x) < TOLERANT_FROM:
                return False
        elif str(x.dtype) in _SMALL_TORCH_INTS:
            return False
    if current().ct == 0:
        return False
    for x in (a, w):
        if not size(x):
            return False
        m = abs(int(x)) if x.ndim == 0 else backend_of(x).absmax(x)
        if m < TOLERANT_FROM:
            return False
    return True


_NARROW = {np.dtype(t): (int(np.iinfo(t).min), int(np.iinfo(t).max)) for t in (np.int8, np.int16, np.int32)}


def _exact_pair(a, w):
    """Integer or boolean arguments of a comparison, as compared: a scalar meeting a boolean
    or narrow-integer array takes that array's type when its value fits, since NumPy compares
    arguments of one type several times faster (and need not widen the array)."""
    if type(a) is np.ndarray and type(w) is np.ndarray and (a.ndim == 0) != (w.ndim == 0):
        one, many = (a, w) if a.ndim == 0 else (w, a)
        if many.dtype == BOOL and one.dtype != BOOL:
            many = many.view(np.int8)
        bounds = _NARROW.get(many.dtype)
        if bounds is not None:
            v = one.item()
            if bounds[0] <= v <= bounds[1]:
                one = many.dtype.type(v)
                return (one, many) if a.ndim == 0 else (many, one)
    return a, w


def _tolerant_eq(a, w):
    """|X-Y| ≤ ⎕CT×(|X|)⌈|Y|, for real and complex numbers alike."""
    ct = current().ct
    xp = namespace(a, w)
    with np.errstate(all="ignore"):
        return arr((a == w) | (xp.abs(a - w) <= ct * xp.maximum(xp.abs(a), xp.abs(w))))


def not_equal(a, w):
    return arr(~equal(a, w))


def _ordered(a, w):
    if kind(a) in "Uc" or kind(w) in "Uc":
        raise DomainError("ordering is defined on real numbers only")
    return num(a), num(w)


def less(a, w):
    if is_int(a) and is_int(w):
        a, w = _exact_pair(a, w)
        if _huge_ints(a, w):
            return arr((a < w) & ~_tolerant_eq(as_float(a), as_float(w)))
        return arr(a < w)
    a, w = _ordered(a, w)
    return arr((a < w) & ~_tolerant_eq(a, w))


def less_equal(a, w):
    if is_int(a) and is_int(w):
        a, w = _exact_pair(a, w)
        if _huge_ints(a, w):
            return arr((a <= w) | _tolerant_eq(as_float(a), as_float(w)))
        return arr(a <= w)
    a, w = _ordered(a, w)
    return arr((a <= w) | _tolerant_eq(a, w))


def greater(a, w):
    return less(w, a)


def greater_equal(a, w):
    return less_equal(w, a)
