"""The product operators: outer product ∘.f and inner product f.g.

Fast paths by pattern: ∘.f of a scalar function broadcasts; +.× is a matrix product (BLAS,
exact for integers that allow it, checked once for non-finite results); other f.g of scalar
functions broadcast g in bounded chunks then reduce with f, or for large NumPy arguments run a
compiled kernel (apl.kernels); anything else goes cell by cell.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import BOOL, FLOAT, INT, OBJ, box, enclose, from_items, normalise
from ..backends import arr, as_float, as_int, astype, backend_of, coerce, kind, namespace, size, widen
from ..errors import DomainError, LengthError
from ..settings import current
from . import reduction
from .base import Derived, need_function
from .cells import build, empty_with, filled, items_of, proto_item, unify, xp_of


# ------------------------------------------------------------------ ∘.
class Outer(Derived):
    op = "∘."

    def __init__(self, f):
        super().__init__(need_function(f, "outer product"))
        self._last = (None, None)  # (argument, its items): a literal left argument repeats

    def describe(self):
        return "∘." + self.left.describe()

    def _items(self, x):
        last, its = self._last
        if x is not last:
            its = items_of(x)
            if len(its) <= 64:
                self._last = (x, its)  # holding x keeps its identity from being reused
        return its

    def dyad(self, a, w):
        f = self.left
        if f.kernel is not None and a.dtype != OBJ and w.dtype != OBJ:
            if type(a) is not type(w):
                a, w = coerce(a, w)
            aa = a.reshape(tuple(a.shape) + (1,) * w.ndim)
            ww = w.reshape((1,) * a.ndim + tuple(w.shape))
            return arr(f.kernel.dyad(aa, ww))
        xs, ys = self._items(a), items_of(w)
        fd = f.dyad
        return build([fd(x, y) for x in xs for y in ys], tuple(a.shape) + tuple(w.shape))


# ------------------------------------------------------------------ f.g
class Inner(Derived):
    op = "."

    def __init__(self, f, g):
        super().__init__(need_function(f, "inner product"), need_function(g, "inner product"))

    def dyad(self, a, w):
        f, g = self.left, self.right
        if a.ndim == 0:
            a = a.reshape(1)
        if w.ndim == 0:
            w = w.reshape(1)
        simple = a.dtype != OBJ and w.dtype != OBJ
        if simple and type(a) is not type(w):
            a, w = coerce(a, w)
        n = a.shape[-1]
        if n != w.shape[0]:
            if n == 1:
                a = xp_of(a).repeat(a, w.shape[0], axis=-1)
            elif w.shape[0] == 1:
                w = xp_of(w).repeat(w, n, axis=0)
            else:
                raise LengthError("inner product: lengths differ")
        if simple and f.glyph == "+" and g.glyph == "×" and kind(a) in "biufc" and kind(w) in "biufc":
            return _matmul(a, w)
        out_shape = tuple(a.shape[:-1]) + tuple(w.shape[1:])
        if simple and f.kernel is not None and g.kernel is not None and a.shape[-1] > 0:
            compiled = _inner_kernel(f, g, a, w, out_shape)
            return compiled if compiled is not None else _inner_broadcast(f, g, a, w)
        if a.ndim == 1 and w.ndim == 1:
            pairs = list(zip(items_of(a), items_of(w))) if f.kernel is not None and g.kernel is not None else ()
            if pairs:
                # two vectors, one nested, scalar f and g: f/ of the pairs' g, folded as it goes
                x, y = pairs[-1]
                acc = g.dyad(x, y)
                for x, y in reversed(pairs[:-1]):
                    acc = f.dyad(g.dyad(x, y), acc)
                return enclose(acc)
            v = g.dyad(a, w)  # two vectors: f/ of their pairs
            return reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
        if a.shape[-1] == 0:
            # no pairs to combine: every result item is f/ of g between an empty row and column
            v = g.dyad(_empty_row(a), _empty_row(w))
            red = reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
            return filled(out_shape, red[()] if red.dtype == OBJ and red.ndim == 0 else box(red), red)
        rows = a.reshape(-1, a.shape[-1])
        cols = xp_of(w).moveaxis(w, 0, -1).reshape(-1, w.shape[0])
        results = []
        for r in rows:
            for c in cols:
                v = g.dyad(normalise(r) if r.dtype == OBJ else r, normalise(c) if c.dtype == OBJ else c)
                red = reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
                results.append(red[()] if red.dtype == OBJ and red.ndim == 0 else box(red))
        return from_items(results, out_shape)


def _empty_row(x):
    """A length-0 vector with x's prototype (a row or column of x along an empty axis)."""
    if x.dtype == OBJ:
        return empty_with((0,), proto_item(x))
    return x.reshape(-1)[:0]


_INNER_CHUNK = 1 << 24  # items of g's broadcast result computed at once by a general f.g


def _inner_broadcast(f, g, a, w):
    """A f.g B for scalar f and g: g broadcast over (rows, k, cols), then f reduced along k;
    in chunks of rows, so that the intermediate array stays bounded (never a loop over items)."""
    xp = namespace(a, w)
    k = a.shape[-1]
    lead = tuple(a.shape[:-1])
    trail = tuple(w.shape[1:])
    rows = a.reshape(-1, k)
    ww = w.reshape((1, k) + (trail or ()))
    per_row = k * max(int(np.prod(trail, dtype=INT)), 1)
    step = max(1, _INNER_CHUNK // max(per_row, 1))
    parts = []
    for s in range(0, rows.shape[0], step):
        r = rows[s:s + step]
        aa = r.reshape(tuple(r.shape) + (1,) * len(trail))
        prod = arr(g.kernel.dyad(aa, ww))
        parts.append(arr(reduction.reduce(f, prod, 1)))
    if len(parts) == 1:
        out = parts[0]
    elif not parts:
        out = arr(reduction.reduce(f, arr(g.kernel.dyad(rows.reshape((0, k) + (1,) * len(trail)), ww)), 1))
    else:
        out = xp.concat(unify(*parts), axis=0)
    return out.reshape(lead + trail)


def _inner_kernel(f, g, a, w, out_shape):
    """f.g of NumPy arrays big enough to repay a compiled kernel: O(n²) memory, no n³ temporary.

    None when the kernel does not apply; the caller then broadcasts."""
    if not (isinstance(a, np.ndarray) and isinstance(w, np.ndarray)):
        return None
    if a.dtype not in (BOOL, INT, FLOAT) or w.dtype not in (BOOL, INT, FLOAT):
        return None
    from .. import kernels

    if f.glyph not in kernels.INNER_GLYPHS or g.glyph not in kernels.INNER_GLYPHS:
        return None
    if "÷" in (f.glyph, g.glyph) and current().div:  # the kernels know ⎕DIV←0 only
        return None
    k = w.shape[0]
    work = (a.size // k) * w.size  # rows × k × cols
    if work < (2**16 if kernels.available() else 2**22):
        return None  # small products: broadcasting is quicker than importing or compiling
    r = kernels.inner(f.glyph, g.glyph, a.reshape(-1, k), w.reshape(k, -1), ct=current().ct)
    return None if r is None else r.reshape(out_shape)


def _matmul(a, w):
    return finite_product(_matmul_raw(a, w))


def finite_product(r):
    """A float or complex matrix product checked once, on the result: Dyalog never yields ∞ or
    NaN (1E300+.×1E300 is a DOMAIN ERROR, as 1E300×1E300 is)."""
    r = arr(r)
    if kind(r) in "fc" and size(r):
        if type(r) is np.ndarray:
            with np.errstate(all="ignore"):
                # one pass, no mask: ∞ or NaN anywhere shows in the sum (row sums by BLAS, the
                # quickest pass); only a sum that overflows takes the exact check below
                n = r.shape[-1] if r.ndim >= 2 else 0
                total = (r.reshape(-1, n) @ np.ones(n, dtype=r.real.dtype)).sum() if n > 1 else r.sum()
                if math.isfinite(abs(total)):
                    return r
        bk = backend_of(r)
        if bk.lazy:  # checked on each chunk when it is computed
            return bk.require_finite(r, "result is not a finite number")
        if not bk.all_finite(r):  # the sum overflowed, or ∞ or NaN is there
            raise DomainError("result is not a finite number")
    return r


def _matmul_raw(a, w):
    a = as_int(a) if kind(a) == "b" else widen(a)
    w = as_int(w) if kind(w) == "b" else widen(w)
    xp = namespace(a, w)
    if kind(a) == "i" and kind(w) == "i":
        n = a.shape[-1]
        ma = int(xp.max(xp.abs(a))) if size(a) else 0
        mw = int(xp.max(xp.abs(w))) if size(w) else 0
        if ma * mw * max(n, 1) < 2**53:
            # exact in float64, and BLAS is far faster than integer matmul
            f64 = xp.float64
            return as_int(xp.tensordot(astype(a, f64), astype(w, f64), axes=([-1], [0])))
        if ma * mw * max(n, 1) < 2**62:
            return backend_of(a, w).int_tensordot(a, w)
        return xp.tensordot(as_float(a), as_float(w), axes=([-1], [0]))
    if a.dtype != w.dtype:
        a, w = unify(a, w)
    with np.errstate(over="ignore", invalid="ignore"):  # the result is checked instead
        if a.ndim <= 2 and w.ndim <= 2:
            return arr(xp.matmul(a, w))
        return xp.tensordot(a, w, axes=([-1], [0]))


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_outer(left, right, axis):
    return Outer(left)


def derive_inner(left, right, axis):
    return Inner(left, right)
