"""The NumPy forms of the kernels' scalar operations: the same rules, operation for operation,
as apl/kernels/_jit_ops.py, on whole arrays. `op` returns (result, bad)."""
from __future__ import annotations

import numpy as np

from ._codes import (
    ADD,
    AND,
    DIV,
    EQ,
    FLOAT,
    GCD,
    GE,
    GT,
    LCM,
    LE,
    LT,
    MAX,
    MAXF,
    MAXI,
    MIN,
    MINI,
    MUL,
    NE,
    OR,
    PLIM,
    POW,
    RES,
    SUB,
)


def _nonfinite(r) -> bool:
    return not np.all(np.abs(r) <= MAXF)


def _teq(x, y, ct):
    return (x == y) | (np.abs(x - y) <= ct * np.maximum(np.abs(x), np.abs(y)))


def _is01(x):
    return (x == 0) | (x == 1)


def _gcd_int(x, y):
    return np.gcd(x, y)


def op(code, x, y, ct, is_int):
    """x ∘ y elementwise (broadcasting), in the working dtype of x and y; (result, bad)."""
    with np.errstate(all="ignore"):
        if code == ADD:
            r = x + y
            if is_int:
                return r, bool(np.any(((y > 0) & (x > MAXI - y)) | ((y < 0) & (x < MINI - y))))
            return r, _nonfinite(r)
        if code == SUB:
            r = x - y
            if is_int:
                return r, bool(np.any(((y < 0) & (x > MAXI + y)) | ((y > 0) & (x < MINI + y))))
            return r, _nonfinite(r)
        if code == MUL:
            r = x * y
            if is_int:
                return r, bool(np.any(np.abs(np.asarray(x, dtype=FLOAT) * np.asarray(y, dtype=FLOAT)) >= PLIM))
            return r, _nonfinite(r)
        if code == DIV:
            z = y == 0
            bad = bool(np.any(z & (x != 0)))
            r = np.where(z, 1.0, np.true_divide(x, np.where(z, 1, y)))
            return r, bad or _nonfinite(r)
        if code in (MAX, OR):
            return np.maximum(x, y), False
        if code in (MIN, AND):
            return np.minimum(x, y), False
        if code in (LCM, GCD):
            if not is_int:
                bad = bool(np.any(~(_is01(x) & _is01(y))))
                return (np.minimum if code == LCM else np.maximum)(x, y), bad
            if np.any((x == MINI) | (y == MINI)):
                return x + y, True
            g = np.gcd(x, y)
            if code == GCD:
                return g, False
            zero = g == 0
            q = np.where(zero, 0, x // np.where(zero, 1, g))
            r = q * y
            return r, bool(np.any(np.abs(q.astype(FLOAT) * np.asarray(y, dtype=FLOAT)) >= PLIM))
        if code in (EQ, NE):
            r = (x == y) if is_int else _teq(x, y, ct)
            return (r if code == EQ else ~r), False
        if code in (GT, GE):
            x, y = y, x
            code = LT if code == GT else LE
        if code == LT:
            return ((x < y) if is_int else (x < y) & ~_teq(x, y, ct)), False
        if code == LE:
            return ((x <= y) if is_int else (x <= y) | _teq(x, y, ct)), False
        if code == RES:
            if is_int:
                unit = (x == 1) | (x == -1) | (x == 0)
                r = np.mod(y, np.where(unit, 2, x))
                return np.where(x == 0, y, np.where(unit, 0, r)), False
            zero = x == 0
            safe = np.where(zero, 1.0, x)
            q = y / safe
            n = np.rint(q)
            near = np.abs(q - n) <= ct * np.maximum(np.abs(q), np.abs(n))
            r = np.where(zero, y * 1.0, np.where(near, 0.0 * q, y - safe * np.floor(q)))
            return r, _nonfinite(r)
        if code == POW:
            if is_int:
                if np.any(y < 0):
                    return x, True
                f = np.power(np.asarray(x, dtype=FLOAT), np.asarray(y, dtype=FLOAT))
                if not np.all(np.abs(f) < PLIM):
                    return x, True
                return np.power(x, y), False
            if np.any(((x == 0) & (y < 0)) | ((x < 0) & (y != np.floor(y)))):
                return x, True
            r = np.power(x, y)
            return r, _nonfinite(r)
    raise ValueError(f"no operation {code}")
