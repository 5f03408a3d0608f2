"""The NumPy backend: NumPy 2.x is itself an Array API namespace, so `xp` is numpy.

It implements the backend contract (contract.py): the array namespace, the dtypes APL values
use, conversions, and the operations where NumPy and PyTorch differ. NumPy is also the host:
characters, nested arrays and control values read from any backend are NumPy arrays.
"""
from __future__ import annotations

import math

import numpy as np

from .contract import Backend

_SEARCH_IN_ORDER = 256  # keys from this many on are looked up in sorted order


class NumpyBackend(Backend):
    name = "numpy"
    xp = np
    array_type = np.ndarray
    device = None
    INT = np.dtype(np.int64)
    BOOL = np.dtype(np.bool_)
    FLOAT = np.dtype(np.float64)
    COMPLEX = np.dtype(np.complex128)

    def key(self):
        return "numpy"

    def dtype_kind(self, dtype) -> str:
        return np.dtype(dtype).kind

    # ------------------------------------------------------------------ conversion
    def from_numpy(self, a, device=None):
        return a

    def adopt(self, x):
        """A NumPy array given from Python with its numbers as int64, float64 or complex128."""
        k = x.dtype.kind
        if k == "u" and x.dtype.itemsize == 8 and x.size and int(x.max()) > np.iinfo(np.int64).max:
            return x.astype(np.float64)  # uint64 beyond int64: floats, as APL's large integers are
        if k in "iu":
            return x.astype(np.int64, copy=False)
        if k == "f":
            return x.astype(np.float64, copy=False)
        if k == "c":
            return x.astype(np.complex128, copy=False)
        return x

    def to_numpy(self, x):
        return np.asarray(x)

    def host_values(self, x):
        return np.asarray(x)

    def asarray(self, x, dtype=None, device=None):
        return np.asarray(x, dtype=dtype)

    def copy(self, x):
        return x.copy()

    def scalar(self, v, dtype, device=None):
        return np.asarray(v, dtype=dtype)

    # ------------------------------------------------------------------ items and cells
    def element(self, x, index):
        return np.asarray(x[index])

    def items(self, x) -> list:
        return list(x.reshape(-1))

    def major_cells(self, x) -> list:
        if x.ndim > 1:
            return list(x)  # views of x's rows
        return [np.asarray(c) for c in x]  # iterating gives NumPy scalars

    def to_object(self, x):
        return x.astype(object)

    # ------------------------------------------------------------------ values read on the host
    def all_finite(self, x) -> bool:
        """Whether every item is finite. A large float64 array: its dot product with itself (one
        BLAS pass, a third of isfinite's time) is finite where every item is; where it is not,
        the items are looked at (an infinity, a NaN, or squares that overflow)."""
        if x.dtype == np.float64 and x.size > 4096 and x.flags.c_contiguous:
            s = np.vdot(x, x)  # (vdot: no floating-point error check, so no np.errstate to enter)
            if s - s == 0:
                return True
        return bool(np.isfinite(x).all())

    def absmax(self, x) -> float:
        """max |x| of a real array as a Python float (nan or inf when x has such items)."""
        return max(-float(x.min()), float(x.max()))  # (as floats: -x.min() of ¯2*63 wraps)

    def int_scalars(self, a, w):
        if type(a) is np.ndarray and type(w) is np.ndarray and a.ndim == 0 and w.ndim == 0 \
                and a.dtype.kind in "ib" and w.dtype.kind in "ib":
            return int(a), int(w)
        return None

    # ------------------------------------------------------------------ where the libraries differ
    def sum_of_squares(self, x):
        if x.dtype != np.float64 or not x.size:
            return None
        # np.vdot, not np.dot: the same BLAS ddot, but without NumPy's floating-point error check,
        # so no np.errstate (whose cost, run from cold caches right after a long dot, is ~20 µs);
        # an overflow shows as inf, which declines to the general path.
        r = np.vdot(x, x)
        return np.asarray(r) if math.isfinite(r) else None  # (math's: no ufunc call after a long dot)

    def imag(self, x):
        return np.imag(x)

    def angle(self, x):
        return np.angle(x)

    def gcd(self, a, w):
        return np.gcd(a, w)

    def divide(self, a, w):
        """a÷w, float or complex (NumPy divides complex numbers by Smith's method)."""
        return a / w

    def complex_pow(self, a, w):
        """a*w for complex arrays (NumPy: whole real exponents under 100 by multiplication)."""
        return np.power(a, w)

    def cummax(self, x, axis):
        return np.maximum.accumulate(x, axis=axis)

    def cummin(self, x, axis):
        return np.minimum.accumulate(x, axis=axis)

    def ix_(self, *idx):
        return np.ix_(*idx)

    def minimum_at(self, res, idx, vals):
        """res with res[idx[i]] ← min(res[idx[i]], vals[i]) for every i (repeated idx allowed)."""
        np.minimum.at(res, idx, vals)
        return res

    def unique_first(self, x):
        """Sorted distinct values of a vector and the index of each one's first occurrence."""
        return np.unique(x, return_index=True)

    def unique_rows(self, m):
        """Distinct rows of a matrix (sorted), the first occurrence of each, and for each row
        the number of its distinct row."""
        u, first, inv = np.unique(m, axis=0, return_index=True, return_inverse=True)
        return u, first, inv.reshape(-1)

    def lexsort_rows(self, keys):
        """Stable grade of the rows of a key matrix, lexicographically (first column first)."""
        return np.lexsort(keys.T[::-1])

    def searchsorted(self, s, keys, side: str, order=None):
        """Large inputs: the keys visited in sorted order (much faster than in their own)."""
        if keys.size < _SEARCH_IN_ORDER:
            return np.searchsorted(s, keys, side=side)
        if order is None:
            order = np.argsort(keys)
        out = np.empty(keys.size, dtype=np.int64)
        out[order] = np.searchsorted(s, keys[order], side=side)
        return out

    def sliding_window(self, x, m, axis):
        """Windows of m items along axis, as a new last axis."""
        return np.lib.stride_tricks.sliding_window_view(x, m, axis=axis)

    def unravel_index(self, flat, shape):
        return np.unravel_index(flat, shape)

    def indices(self, shape, device=None):
        return np.indices(shape, dtype=np.int64)

    def int_tensordot(self, a, w):
        """Σ a[..., k] × w[k, ...] in exact int64 arithmetic."""
        return np.tensordot(a, w, axes=([-1], [0]))

    def pinv(self, m):
        return np.linalg.pinv(m)

    def lstsq(self, m, b):
        return np.linalg.lstsq(m, b, rcond=None)[0]

    def matrix_rank(self, m):
        return int(np.linalg.matrix_rank(m))


NUMPY = NumpyBackend()
