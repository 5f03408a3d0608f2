"""Logical scalar functions: ~ ∧ ∨ ⍲ ⍱.

On booleans they are the logical functions; ∧ and ∨ extend to LCM and GCD on other numbers
(tolerant for floats, Gaussian for complex numbers), as in Dyalog.
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, tidy_numeric
from ..backends import (
    allb,
    anyb,
    arr,
    as_bool,
    as_complex,
    as_float,
    backend_of,
    device_of,
    kind,
    namespace,
)
from ..errors import DomainError
from ..settings import current
from .arithmetic import complex_floor, finite, is_int, multiply, num


def _bool(x, what="boolean argument expected"):
    k = kind(x)
    if k == "b":
        return x
    if type(x) is np.ndarray and x.ndim == 0 and k in "iuf":
        v = x.item()
        if v == 0 or v == 1:
            return np.array(bool(v))
        raise DomainError(what)
    if k in "iuf":
        if anyb((x != 0) & (x != 1)):
            raise DomainError(what)
        return as_bool(x)
    raise DomainError(what)


def _is_boolish(x) -> bool:
    k = kind(x)
    if k == "b":
        return True
    if k in "iuf":
        if type(x) is np.ndarray and x.ndim == 0:
            v = x.item()
            return v == 0 or v == 1
        return not anyb((x != 0) & (x != 1))
    return False


def logical_not(w):
    return arr(~_bool(w))


def _and(a, w):
    return _as_bytes(a, w, np.bitwise_and) if type(a) is np.ndarray and type(w) is np.ndarray else a & w


def _or(a, w):
    return _as_bytes(a, w, np.bitwise_or) if type(a) is np.ndarray and type(w) is np.ndarray else a | w


def _as_bytes(a, w, op):
    """A NumPy boolean ∧ or ∨ with a scalar extended: NumPy's boolean loops take a slow path
    for a broadcast scalar (20× a same-shape operation), so a scalar is applied by identity
    (1∧B and 0∨B are B) or worked on the bytes."""
    if a.shape == w.shape:
        return op(a, w)
    if a.ndim == 0 and bool(a) == (op is np.bitwise_and):
        return w
    if w.ndim == 0 and bool(w) == (op is np.bitwise_and):
        return a
    return op(a.view(np.uint8), w.view(np.uint8)).view(BOOL)


def logical_and(a, w):
    if type(a) is np.ndarray and type(w) is np.ndarray and a.dtype == BOOL and w.dtype == BOOL:
        return arr(_as_bytes(a, w, np.bitwise_and))
    if _is_boolish(a) and _is_boolish(w):
        return arr(_and(_bool(a), _bool(w)))
    return lcm(num(a), num(w))


def logical_or(a, w):
    if type(a) is np.ndarray and type(w) is np.ndarray and a.dtype == BOOL and w.dtype == BOOL:
        return arr(_as_bytes(a, w, np.bitwise_or))
    if _is_boolish(a) and _is_boolish(w):
        return arr(_or(_bool(a), _bool(w)))
    return gcd(num(a), num(w))


def nand(a, w):
    return arr(~_and(_bool(a), _bool(w)))


def nor(a, w):
    return arr(~_or(_bool(a), _bool(w)))


def gcd(a, w):
    """X∨Y on numbers: non-negative GCD for reals (tolerant for floats); for complex numbers
    the Gaussian GCD, normalised to the quadrant with real part > 0 and imaginary part ≥ 0."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        with np.errstate(all="ignore"):
            g = arr(backend_of(a, w).gcd(a, w))
        if anyb(g < 0):  # only gcd with -2**63 can overflow
            return _gcd_euclid(as_float(a), as_float(w))
        return g
    return _gcd_euclid(a, w)


def _gcd_euclid(a, w):
    """GCD of float or complex arrays, computed on whole arrays at once, tolerant (⎕CT)."""
    cplx = kind(a) == "c" or kind(w) == "c"
    conv = as_complex if cplx else as_float
    xp = namespace(a, w)
    x, y = xp.broadcast_arrays(conv(a), conv(w))
    if not allb(xp.isfinite(x)) or not allb(xp.isfinite(y)):
        raise DomainError("gcd of a non-finite number")
    if not cplx:
        return _gcd_real(xp.abs(x), xp.abs(y))
    return _gcd_gaussian(backend_of(x).copy(x), backend_of(y).copy(y))


def _gcd_real(x, y):
    """Real GCD through the continued fraction of the smaller over the larger: the first
    convergent p÷q tolerantly equal to that ratio gives the GCD as larger÷q. Unlike Euclid's
    remainders, the test is always against the original ratio, so rounding does not build up."""
    bk = backend_of(x, y)
    xp = bk.xp
    ct = max(current().ct, 1e-15)
    hi, lo = xp.maximum(x, y), xp.minimum(x, y)
    dev = device_of(hi)
    with np.errstate(all="ignore"):
        t = xp.where(hi == 0, 0.0, lo / xp.where(hi == 0, 1.0, hi))
        ones = xp.ones(t.shape, dtype=t.dtype, device=dev)
        zeros = xp.zeros(t.shape, dtype=t.dtype, device=dev)
        h1, h2 = ones, zeros  # numerators p(n-1), p(n-2)
        k1, k2 = zeros, ones  # denominators q(n-1), q(n-2)
        z = t
        q = ones
        live = xp.ones(t.shape, dtype=bk.BOOL, device=dev)
        for _ in range(200):
            an = xp.floor(z)
            h = an * h1 + h2
            k = an * k1 + k2
            done = live & (xp.abs(t - h / k) <= ct * t)
            q = xp.where(done, k, q)
            live = live & ~done
            frac = z - an
            stuck = live & (frac == 0)
            q = xp.where(stuck, k, q)
            live = live & ~stuck
            if not anyb(live):
                break
            z = xp.where(live, 1 / xp.where(frac == 0, 1.0, frac), z)
            h1, h2, k1, k2 = h, h1, k, k1
        g = xp.where(lo == 0, hi, hi / q)
    return arr(g)


def _gcd_gaussian(x, y):
    """Gaussian GCD by Euclid's algorithm (McDonnell's floor keeps the remainders small),
    normalised by a unit into the quadrant with real part > 0 and imaginary part ≥ 0."""
    bk = backend_of(x, y)
    xp = bk.xp
    ct = max(current().ct, 1e-15)
    tol = ct * xp.maximum(xp.abs(x), xp.abs(y))
    with np.errstate(all="ignore"):
        for _ in range(3000):
            live = xp.abs(y) > tol
            if not anyb(live):
                break
            ys = xp.where(live, y, 1)
            q = x / ys
            n = xp.round(xp.real(q)) + 1j * xp.round(bk.imag(q))
            near = xp.abs(q - n) <= 1e-13 * xp.abs(q)
            r = xp.where(near, 0, x - ys * complex_floor(q))
            x, y = xp.where(live, y, x), xp.where(live, r, 0)
    for _ in range(3):
        turn = ~((xp.real(x) > 0) & (bk.imag(x) >= 0)) & (x != 0)
        x = xp.where(turn, x * -1j, x)
    return tidy_numeric(arr(x))


def lcm(a, w):
    """X∧Y on numbers: X×Y÷X∨Y (0 when either is 0)."""
    a, w = num(a), num(w)
    xp = namespace(a, w)
    if is_int(a) and is_int(w):
        g = gcd(a, w)
        if kind(g) == "i":
            with np.errstate(all="ignore"):
                gs = xp.where(g == 0, 1, g)
                q = xp.where(g == 0, 0, a // gs)  # exact: g divides a
                return multiply(q, w)
    g = gcd(a, w)
    with np.errstate(all="ignore"):
        gs = xp.where(g == 0, 1, g)
        return finite(xp.where(g == 0, 0, a * (w / gs)))
