"""The random functions ?: roll ?Y (a scalar function) and deal X?Y.

Both draw on the session's NumPy generator (`current().rng`), for tensor arguments too.
"""
from __future__ import annotations

import numpy as np

from ..arrays import INT, to_int, to_ints
from ..backends import anyb, as_float, as_int, backend_of, device_of
from ..errors import DomainError, WSFull
from ..settings import current
from .arithmetic import num


def roll(w):
    """?Y: a random integer from ⍳Y for each positive Y, a float in (0,1) for each 0.

    The session's generator (NumPy) draws; on torch the draws are uniform floats moved to
    the argument's device and scaled there, so the argument never leaves it."""
    w = to_ints_checked(w)
    rng = current().rng
    bk = backend_of(w)
    xp = bk.xp
    if anyb(w < 0):
        raise DomainError("? needs non-negative integers")
    io = current().io
    zero = w == 0
    if bk.name != "numpy":
        if bk.lazy:  # Dask draws chunk by chunk, seeded from the session's generator
            u = xp.random.default_rng(int(rng.integers(2**62))).random(tuple(w.shape), chunks=w.chunks)
        else:
            u = as_float(bk.from_numpy(rng.random(size=tuple(w.shape)), device_of(w)))
        u = xp.where(u == 0, 0.5, u)  # never 0
        ints = xp.minimum(as_int(xp.floor(u * w)), w - 1) + io
        return xp.where(zero, as_float(u), ints) if anyb(zero) else ints
    ints = rng.integers(0, np.where(zero, 1, w), size=w.shape) + io
    if np.any(zero):
        floats = rng.random(size=w.shape)
        floats = np.where(floats == 0, 0.5, floats)  # never 0
        return np.asarray(np.where(zero, floats, ints))
    return np.asarray(ints, dtype=INT)


def to_ints_checked(w):
    return to_ints(num(w), "argument of ?")


def deal(a, w):
    n = to_int(a, "left argument of ?")
    m = to_int(w, "right argument of ?")
    if n < 0 or m < 0 or n > m:
        raise DomainError("deal needs 0 ≤ ⍺ ≤ ⍵")
    if n > 2**31:  # NumPy would crash on such a size; Dyalog has no workspace for it
        raise WSFull("deal: result too large")
    try:
        picks = current().rng.choice(m, size=n, replace=False) if n else np.zeros(0, dtype=INT)
    except MemoryError:
        raise WSFull("deal: result too large") from None
    out = (np.asarray(picks, dtype=INT) + current().io).astype(INT)
    return backend_of(a, w).from_numpy(out, device_of(a, w))  # on the arguments' backend and device
