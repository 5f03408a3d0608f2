"""Pervasion and scalar extension: scalar functions reach into nested arrays."""
from __future__ import annotations

import numpy as np

from ..arrays import OBJ, box, from_items, unbox
from ..errors import LengthError, RankError


def conform(a: np.ndarray, w: np.ndarray):
    """Scalar (and singleton) extension: both arguments brought to one shape, or an error."""
    if a.shape == w.shape:
        return a, w
    if a.size == 1 and (a.ndim <= w.ndim or w.size != 1):
        if a.ndim > w.ndim and w.size != 1:
            raise RankError("argument ranks differ")
        return a.reshape(()), w
    if w.size == 1:
        if w.ndim > a.ndim:
            raise RankError("argument ranks differ")
        return a, w.reshape(())
    if a.ndim != w.ndim:
        raise RankError("argument ranks differ")
    raise LengthError("argument shapes differ")


def _shape_of(a, w):
    return a.shape if a.ndim else w.shape


def pervade_monadic(f, w: np.ndarray) -> np.ndarray:
    """Apply f (defined on simple arrays) to every simple scalar of w."""
    if w.dtype != OBJ:
        return f(w)
    out = [box(pervade_monadic(f, unbox(x))) for x in w.ravel()]
    return from_items(out, w.shape) if out else _empty_result(f, w)


def pervade_dyadic(f, a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Apply f pairwise to corresponding simple scalars, with scalar extension at every depth."""
    if a.dtype != OBJ and w.dtype != OBJ:
        if a.shape != w.shape:
            a, w = conform(a, w)
        return f(a, w)
    a, w = conform(a, w)
    shape = _shape_of(a, w)
    if a.ndim == 0:
        ai = unbox(a[()])
        out = [box(pervade_dyadic(f, ai, unbox(y))) for y in w.ravel()]
    elif w.ndim == 0:
        wi = unbox(w[()])
        out = [box(pervade_dyadic(f, unbox(x), wi)) for x in a.ravel()]
    else:
        out = [box(pervade_dyadic(f, unbox(x), unbox(y))) for x, y in zip(a.ravel(), w.ravel())]
    if not out:
        return _empty_dyadic(a if a.size == 0 else w, shape)
    return from_items(out, shape)


def _empty_result(f, w):
    return np.zeros(w.shape, dtype=np.int64) if w.dtype != OBJ else w.copy()


def _empty_dyadic(model, shape):
    if model.dtype == OBJ:
        return model.reshape(shape).copy() if model.size == 0 else np.zeros(shape, dtype=np.int64)
    return np.zeros(shape, dtype=np.int64)
