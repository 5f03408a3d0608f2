"""The scalar function !: factorial (the gamma function of Y+1) and binomial.

`!` is gamma(Y+1) for any real or complex Y (Lanczos, vectorised), exact integers while they fit;
X!Y is the binomial, extended as in Dyalog to negative integers and to non-integers through
log-gamma. Its own module because the gamma machinery is as long as the rest of arithmetic.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import FLOAT, INT
from ..backends import (
    allb,
    anyb,
    arr,
    as_complex,
    as_float,
    as_int,
    backend_of,
    device_of,
    kind,
    namespace,
    size,
)
from ..errors import DomainError
from .arithmetic import BIG, finite, is_int, num, whole

# Lanczos approximation (g=7, 9 terms), relative error near 1e-15; vectorised, real or complex.
_LANCZOS_G = 7.0
_LANCZOS = (0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7)
_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)
_FACT_INT = np.array([math.factorial(i) for i in range(21)], dtype=INT)
_FACT_FLOAT = np.array([float(math.factorial(i)) for i in range(171)], dtype=FLOAT)


def _table(t: np.ndarray, like):
    """A constant table in like's backend and on its device."""
    if type(like) is np.ndarray:
        return t
    return backend_of(like).from_numpy(t, device_of(like))


def _lanczos_log(z):
    """log Γ(z) for Re z ≥ 0.5 (complex)."""
    bk = backend_of(z)
    xp = bk.xp
    z = z - 1
    x = xp.full(z.shape, _LANCZOS[0], dtype=bk.COMPLEX, device=device_of(z))
    for i in range(1, 9):
        x = x + _LANCZOS[i] / (z + i)
    t = z + _LANCZOS_G + 0.5
    return _LOG_SQRT_2PI + (z + 0.5) * xp.log(t) - t + xp.log(x)


def log_gamma(z):
    """Complex log Γ(z) (any branch: only exp of it is used); poles give inf."""
    z = as_complex(arr(z))
    bk = backend_of(z)
    xp = bk.xp
    with np.errstate(all="ignore"):
        re = xp.real(z)
        refl = re < 0.5
        lg = _lanczos_log(xp.where(refl, 1 - z, z))
        # reflection: Γ(z) = π ÷ sin(πz) × Γ(1-z)
        sin = xp.sin(np.pi * z)
        lr = math.log(math.pi) - xp.log(xp.where(sin == 0, complex(np.nan), sin)) - lg
        out = xp.where(refl, lr, lg)
        pole = refl & (bk.imag(z) == 0) & (re == xp.floor(re))
        return xp.where(pole, complex(np.inf), out)


def gamma(x):
    """Γ(x) for real or complex x, vectorised; poles give inf."""
    x = arr(x)
    bk = backend_of(x)
    xp = bk.xp
    with np.errstate(all="ignore"):
        if kind(x) == "c":
            return xp.exp(log_gamma(x))
        x = as_float(x)
        refl = x < 0.5
        z = xp.where(refl, 1 - x, x) - 1
        s = xp.full(z.shape, _LANCZOS[0], dtype=x.dtype, device=device_of(x))
        for i in range(1, 9):
            s = s + _LANCZOS[i] / (z + i)
        t = z + _LANCZOS_G + 0.5
        half = xp.pow(t, (z + 0.5) / 2)  # split t**(z+0.5) so that it does not overflow early
        g = math.sqrt(2 * math.pi) * half * (half * xp.exp(-t)) * s
        sin = xp.sin(np.pi * x)
        r = xp.where(refl, np.pi / (xp.where(sin == 0, np.nan, sin) * g), g)
        pole = refl & (x == xp.floor(x))
        return xp.where(pole, np.inf, r)


def factorial(w):
    """!Y: gamma Y+1; negative integers are a DOMAIN ERROR."""
    w = num(w)
    xp = namespace(w)
    if kind(w) == "c":
        if anyb(whole(w) & (xp.real(w) < 0)):
            raise DomainError("factorial of a negative integer")
        return finite(gamma(w + 1))
    if is_int(w):
        if anyb(w < 0):
            raise DomainError("factorial of a negative integer")
        if not size(w) or int(xp.max(w)) <= 20:
            return arr(_table(_FACT_INT, w)[w])
        if int(xp.max(w)) > 170:
            raise DomainError("result is not a finite number")
        return arr(_table(_FACT_FLOAT, w)[w])
    integral = whole(w)
    if anyb(integral & (w < 0)):
        raise DomainError("factorial of a negative integer")
    with np.errstate(all="ignore"):
        exact = _table(_FACT_FLOAT, w)[as_int(xp.where(integral & (w >= 0) & (w <= 170), w, 0))]
        out = xp.where(integral & (w <= 170), exact, gamma(w + 1))
    return finite(out)


def binomial(a, w):
    """X!Y: (!Y)÷(!X)×!Y-X, with Dyalog's values where arguments are negative integers."""
    a, w = num(a), num(w)
    xp = namespace(a, w)
    a, w = xp.broadcast_arrays(a, w)
    wa, ww = whole(a), whole(w)
    if anyb(ww & (xp.real(w) < 0) & ~wa):
        raise DomainError("X!Y needs a whole X when Y is a negative integer")
    with np.errstate(invalid="ignore"):
        huge = (xp.abs(a) > 2.0**53) | (xp.abs(w) > 2.0**53)
    both = wa & ww & ~huge
    if allb(both) and kind(a) != "c" and kind(w) != "c":
        return finite(_binomial_whole(_to_whole(a), _to_whole(w)))
    out = _binomial_gamma(a, w)
    if anyb(both):
        ints = _binomial_whole(_to_whole(xp.where(both, xp.real(a), 0)), _to_whole(xp.where(both, xp.real(w), 0)))
        out = xp.where(both, ints, out)
    return finite(out)


def _to_whole(x):
    return as_int(namespace(x).real(x))


def _binomial_whole(k, n):
    """k!n for whole k and n: exact integers while they fit, floats beyond (vectorised)."""
    k, n = as_int(arr(k)), as_int(arr(n))
    xp = namespace(k, n)
    # Dyalog's table for negative arguments reduces every case to sign × C(top, bottom) or 0
    kneg, nneg = k < 0, n < 0
    zero = (kneg & ~nneg) | (~kneg & ~nneg & (k > n)) | (kneg & nneg & (n < k))
    top = xp.where(~kneg & ~nneg, n, xp.where(~kneg & nneg, k - n - 1, -k - 1))
    bot = xp.where(~kneg & ~nneg, k, xp.where(~kneg & nneg, k, -n - 1))
    odd = xp.remainder(xp.where(~kneg & nneg, k, n - k), 2) == 1
    sign = xp.where(nneg & odd, -1, 1)
    top = xp.where(zero, 0, top)
    bot = xp.where(zero, 0, xp.minimum(bot, top - bot))
    val = _comb(top, bot)
    if kind(val) == "i":
        return arr(xp.where(zero, 0, sign * val))
    return arr(xp.where(zero, 0.0, sign * as_float(val)))


_COMB_MAX_K = 33  # C(n,k) with min(k,n-k) ≥ 34 is beyond int64


def _comb(n, k):
    """C(n, k) for 0 ≤ k ≤ n/2, elementwise: int64 when every value fits, else float."""
    bk = backend_of(n, k)
    xp = bk.xp
    if not size(n):
        return bk.copy(n)
    if n.ndim != 1:
        return _comb(n.reshape(-1), k.reshape(-1)).reshape(n.shape)
    dev = device_of(n)
    small = k <= _COMB_MAX_K
    ks = xp.where(small, k, 0)
    c = xp.ones(n.shape, dtype=bk.INT, device=dev)
    cf = xp.ones(n.shape, dtype=bk.FLOAT, device=dev)
    top = int(xp.max(ks)) if size(ks) else 0
    risky = xp.zeros(n.shape, dtype=bk.BOOL, device=dev)
    with np.errstate(all="ignore"):
        for i in range(1, top + 1):
            act = ks >= i
            fac = n - ks + i
            nf = cf * fac
            risky = risky | (act & (nf >= 2.0**62))
            c = xp.where(act & ~risky, c * fac // i, c)
            cf = xp.where(act, nf / i, cf)
    big = ~small
    if not anyb(risky) and not anyb(big):
        return c
    out = bk.copy(xp.where(small & ~risky, as_float(c), cf))
    for i in xp.nonzero(risky & small)[0]:
        try:
            out[i] = float(math.comb(int(n[i]), int(k[i])))
        except OverflowError:  # beyond the largest float: the DOMAIN ERROR of a non-finite result
            out[i] = math.inf
    if anyb(big):
        nb, kb = as_float(n[big]), as_float(k[big])
        lg = log_gamma(nb + 1) - log_gamma(kb + 1) - log_gamma(nb - kb + 1)
        with np.errstate(all="ignore"):
            out[big] = xp.exp(xp.real(lg))
    if allb(out < BIG) and not anyb(big):
        exact = bk.copy(c)
        for i in xp.nonzero(risky)[0]:
            exact[i] = math.comb(int(n[i]), int(k[i]))
        return exact
    return out


def _binomial_gamma(a, w):
    """X!Y through log-gamma, for arguments not both whole: 0 at the poles of !X or !Y-X."""
    bk = backend_of(a, w)
    xp = bk.xp
    cplx = kind(a) == "c" or kind(w) == "c"
    ac, wc = as_complex(a), as_complex(w)
    d = wc - ac

    def neg_int(z):
        re = xp.real(z)
        return (bk.imag(z) == 0) & (re < 0) & (re == xp.floor(re))

    pole_x, pole_d, pole_y = neg_int(ac), neg_int(d), neg_int(wc)
    zero = (pole_x | pole_d) & ~pole_y
    if anyb(pole_y & ~zero & ~(whole(a) & whole(w))):
        raise DomainError("binomial undefined")
    with np.errstate(all="ignore"):
        def safe(z):
            return xp.where(zero, 0.5 + 0j, z)

        lg = log_gamma(safe(wc) + 1) - log_gamma(safe(ac) + 1) - log_gamma(safe(d) + 1)
        r = xp.exp(lg)
    r = xp.where(zero, 0j, r)
    if not cplx:
        return as_float(xp.real(r))
    return r
