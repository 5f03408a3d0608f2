"""Small simple arrays in compiled code: the primitives' common cases as one NumPy call each.

A recursive dfn on vectors (quicksort, a parser) spends its time in primitives applied to small
arrays, where the general definitions cost several microseconds of checks around a NumPy call
that takes a fraction of one. Each helper here recognises a case whose answer is exactly the
primitive's — an int64, float64 or boolean NumPy array, of the shapes and values where no rule
of APL's applies beyond the NumPy operation (exact comparison of integers, a boolean mask,
arrays of one type) — and returns None otherwise, for the primitive to answer (or to raise its
error). Arrays above SMALL items are left to the primitives, which step through long arrays so
that Ctrl-C lands (primitives/chunks.py).
"""
from __future__ import annotations

import numpy as np

from ...settings import current

SMALL = 1 << 16
TOLERANT_FROM = 2**31
_ndarray = np.ndarray
_I64, _F64, _B = np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)  # NumPy's own, compared by identity


def compare(op, a, w):
    """a op w for an integer or boolean array and a small integer (either way round): exact, as
    the primitive compares them; None for anything else."""
    if type(a) is _ndarray:
        d = a.dtype
        if (d is _I64 or d is _B) and type(w) is int and -TOLERANT_FROM < w < TOLERANT_FROM and a.ndim \
                and a.size <= SMALL:
            return op(a, w)
    elif type(w) is _ndarray:
        d = w.dtype
        if (d is _I64 or d is _B) and type(a) is int and -TOLERANT_FROM < a < TOLERANT_FROM and w.ndim \
                and w.size <= SMALL:
            return op(a, w)
    return None


def compress(a, w):
    """a/w for a boolean vector a and a simple vector w of its length: w[a]."""
    if type(a) is _ndarray and type(w) is _ndarray and a.dtype is _B and a.ndim == 1 and w.ndim == 1:
        d = w.dtype
        if (d is _I64 or d is _F64 or d is _B) and a.shape[0] == w.shape[0] and a.shape[0] <= SMALL:
            return w[a]
    return None


def catenate(a, w):
    """a,w for two simple vectors of one type."""
    if type(a) is _ndarray and type(w) is _ndarray and a.ndim == 1 and w.ndim == 1:
        d = a.dtype
        if d is w.dtype and (d is _I64 or d is _F64 or d is _B) and a.shape[0] + w.shape[0] <= SMALL:
            return np.concatenate((a, w))
    return None


def pick(w, i):
    """w[i] for a simple vector w and an integer i within it: the item as a Python scalar."""
    if type(w) is _ndarray and type(i) is int and w.ndim == 1 and w.dtype in (_I64, _F64, _B):
        k = i - current().io
        if 0 <= k < w.shape[0]:
            return w.item(k)
    return None


def tally(w):
    """≢w for a NumPy array."""
    if type(w) is _ndarray:
        return w.shape[0] if w.ndim else 1
    return None
