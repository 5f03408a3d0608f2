"""Small simple arrays in compiled code: the primitives' common cases as one NumPy call each.

A recursive dfn on vectors (quicksort, a parser) spends its time in primitives applied to small
arrays, where the general definitions cost several microseconds of checks around a NumPy call
that takes a fraction of one. Each helper here recognises a case whose answer is exactly the
primitive's — an int64, float64 or boolean NumPy array, of the shapes and values where no rule
of APL's applies beyond the NumPy operation (exact comparison of integers, a boolean mask,
arrays of one type) — and returns None otherwise, for the primitive to answer (or to raise its
error). Arrays above SMALL items are left to the primitives, which step through long arrays so
that Ctrl-C lands (primitives/chunks.py). The comparisons of a vector with a scalar, compress and
catenate are written out in scalars.py's helpers (one call less on every application); `pick` and
the limits they share are here.
"""
from __future__ import annotations

import numpy as np

from ...settings import current

SMALL = 1 << 16
TOLERANT_FROM = 2**31
_ndarray = np.ndarray
_I64, _F64, _B = np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)  # NumPy's own, compared by identity


def pick(w, i):
    """w[i] for a simple vector w and an integer i within it: the item as a Python scalar."""
    if type(w) is _ndarray and type(i) is int and w.ndim == 1 and w.dtype in (_I64, _F64, _B):
        k = i - current().io
        if 0 <= k < w.shape[0]:
            return w.item(k)
    return None
