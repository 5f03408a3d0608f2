"""Scalar functions on simple arrays: arithmetic, comparison, logic, circular, random.

Each kernel takes simple arrays already brought to a common shape (or 0-d) and returns an
array. Integer results stay integer and overflow promotes to float, as in APL; results that
would be infinite or undefined are DOMAIN ERRORs, since APL has no inf or NaN.

Definitions follow Dyalog's Language Reference: `0÷0` is 1, `X|Y` takes the sign of X and is
`Y-X×⌊Y÷X` (McDonnell's complex floor for complex numbers), `X*Y` is `*Y×⍟X` (so a negative base
with a fractional exponent gives a complex result), `!` is gamma(Y+1) with the binomial extended
to negative integers, `∧ ∨` are LCM and GCD on non-booleans (tolerant for floats, Gaussian for
complex numbers), comparisons and floor/residue are tolerant (⎕CT).
"""
from __future__ import annotations

import math
import operator

import numpy as np

from ..arrays import BOOL, FLOAT, INT, host_values, tidy_numeric
from ..backends import (
    allb,
    anyb,
    arr,
    as_bool,
    as_complex,
    as_float,
    as_int,
    backend_of,
    device_of,
    kind,
    namespace,
    size,
    widen,
)
from ..errors import DomainError, NonceError
from ..settings import current

_BIG = 9.2e18  # below 2**63 with room for rounding: int64 results under this are exact
_PRODUCT_LIMIT = 2.0**63 - 8192  # a float product of two int64s below this means the exact one fits
_INT_MIN = np.iinfo(np.int64).min


def num(x):
    """A numeric argument for arithmetic: booleans and narrow integers as int64, characters
    refused."""
    k = kind(x)
    if k == "i":
        return widen(x)
    if k in "fc":
        return x
    if k == "b" or k == "u":
        return as_int(x)
    raise DomainError("numbers expected")


def _real(x):
    x = num(x)
    if kind(x) == "c":
        raise DomainError("real numbers expected")
    return x


def _finite(r):
    r = arr(r)
    if kind(r) in "fc" and size(r) and not backend_of(r).all_finite(r):
        raise DomainError("result is not a finite number")
    return tidy_numeric(r)


def _finite_from(r, a, w, bound):
    """_finite(r) for r = a f w; when broadcasting made r larger than its arguments (an outer
    product), a bound on |r| from the arguments' largest magnitudes (bound(|a|, |w|)) saves the
    pass over r."""
    r = arr(r)
    n = size(r)
    if kind(r) == "f" and kind(a) in "fiub" and kind(w) in "fiub" and n > 4 * (size(a) + size(w)) and n > 4096:
        bk = backend_of(r)
        ma = bk.absmax(a) if kind(a) == "f" else bk.absmax(as_float(a))
        mw = bk.absmax(w) if kind(w) == "f" else bk.absmax(as_float(w))
        if bound(ma, mw) < _float_max(r):  # false for nan and inf
            return r
    return _finite(r)


def _float_max(r) -> float:
    return float(np.finfo(np.float32).max) if str(r.dtype).endswith("float32") else float(np.finfo(np.float64).max)


def _is_int(x) -> bool:
    return kind(x) in "iub"


def _float(x):
    """x as float64 (or complex128 when complex; a torch session's float dtype on torch)."""
    return as_float(x)


def _int_or_float(r):
    """Floats that are whole and fit become int64 (floor, ceiling, rounding results)."""
    xp = namespace(r)
    if size(r) and allb(xp.abs(r) < _BIG):
        return as_int(r)
    return r if size(r) else as_int(r)


def _whole(x):
    """Which items are (exactly) whole numbers."""
    bk = backend_of(x)
    xp = bk.xp
    if _is_int(x):
        return xp.ones(x.shape, dtype=bk.BOOL, device=device_of(x))
    if kind(x) == "c":
        re = xp.real(x)
        return (bk.imag(x) == 0) & (re == xp.floor(re))
    with np.errstate(invalid="ignore"):
        return x == xp.floor(x)


def _imag(x):
    return backend_of(x).imag(x)


# ------------------------------------------------------------------ arithmetic
def conjugate(w):
    if kind(w) == "U":  # Dyalog: non-numeric arguments come back unchanged
        return w
    w = num(w)
    return namespace(w).conj(w) if kind(w) == "c" else w


def _magnitude(x):
    """The largest |item| of a NumPy integer array as a Python int (None for tensors): a cheap
    bound that usually proves integer arithmetic cannot overflow without checking each result."""
    if type(x) is not np.ndarray:
        return None
    if x.size == 0:
        return 0
    return max(int(x.max()), -int(x.min()))


def _cannot_overflow(a, w, combine) -> bool:
    ma, mw = _magnitude(a), _magnitude(w)
    return ma is not None and mw is not None and combine(ma, mw) < 2**63 - 1


def add(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            r = arr(a + w)
            if _cannot_overflow(a, w, operator.add):
                return r
            if anyb(((a ^ r) & (w ^ r)) < 0):
                return _finite(_float(a) + _float(w))
            return r
        return _finite_from(a + w, a, w, lambda x, y: x + y)


def negate(w):
    w = num(w)
    if kind(w) == "i" and anyb(w == _INT_MIN):
        return -_float(w)
    return arr(-w)


def subtract(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            r = arr(a - w)
            if _cannot_overflow(a, w, operator.add):
                return r
            if anyb(((a ^ w) & (a ^ r)) < 0):
                return _finite(_float(a) - _float(w))
            return r
        return _finite_from(a - w, a, w, lambda x, y: x + y)


def signum(w):
    w = num(w)
    xp = namespace(w)
    if kind(w) == "c":
        m = xp.abs(w)
        with np.errstate(all="ignore"):
            return tidy_numeric(arr(xp.where(m == 0, 0, w / xp.where(m == 0, 1, m))))
    return as_int(arr(xp.sign(w)))


def multiply(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            if _cannot_overflow(a, w, operator.mul):
                return arr(a * w)
            f = arr(_float(a) * w)
            if size(f) and float(namespace(f).max(namespace(f).abs(f))) >= _PRODUCT_LIMIT:
                return _finite(f)
            return arr(a * w)
        return _finite_from(a * w, a, w, lambda x, y: x * y)


def reciprocal(w):
    w = num(w)
    if anyb(w == 0):
        raise DomainError("divide by zero")
    with np.errstate(all="ignore"):
        return _finite(backend_of(w).divide(1, _float(w)))


def divide(a, w):
    """X÷Y; 0÷0 is 1 (⎕DIV=0), any other division by zero is a DOMAIN ERROR."""
    a, w = num(a), num(w)
    zero = w == 0
    if anyb(zero):
        if anyb(zero & (a != 0)):
            raise DomainError("divide by zero")
        xp = namespace(a, w)
        a = xp.where(zero, 1, a)
        w = xp.where(zero, 1, w)
    with np.errstate(all="ignore"):
        return _finite(backend_of(a, w).divide(_float(a), w))


def exp(w):
    w = num(w)
    xp = namespace(w)
    with np.errstate(all="ignore"):
        r = xp.exp(_float(w))
        if kind(w) == "c":
            # Euler's idiom: exact where the imaginary part is a multiple of π÷2 (0=1+*○0J1)
            t = xp.imag(w) / np.pi
            quarter = (t * 2 == xp.round(t * 2)) & (t != 0)
            if anyb(quarter):
                c, s = _cispi(xp.where(quarter, t, 0.0))
                m = xp.exp(xp.real(w))
                r = xp.where(quarter, m * c + 1j * (m * s), r)
        return _finite(r)


def _cispi(t):
    """(cos πt, sin πt) for real t, exact where 2t is whole (so ¯1*0.5 is 0J1)."""
    xp = namespace(t)
    t = xp.remainder(t, 2.0)
    c, s = xp.cos(np.pi * t), xp.sin(np.pi * t)
    c = xp.where((t == 0.5) | (t == 1.5), 0.0, xp.where(t == 0, 1.0, xp.where(t == 1, -1.0, c)))
    s = xp.where((t == 0) | (t == 1), 0.0, xp.where(t == 0.5, 1.0, xp.where(t == 1.5, -1.0, s)))
    return c, s


def power(a, w):
    """X*Y: 1 when Y is 0; X=0 needs Y≥0; otherwise *Y×⍟X (principal value)."""
    a, w = num(a), num(w)
    xp = namespace(a, w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w) and not anyb(w < 0):
            f = arr(xp.pow(_float(a), w))
            if not size(f) or float(xp.max(xp.abs(f))) < _PRODUCT_LIMIT:
                return arr(xp.pow(a, w))
            return _finite(f)
        zero_base = a == 0
        if anyb(zero_base & (xp.real(w) < 0)):
            raise DomainError("0 to a negative power")
        if kind(a) != "c" and kind(w) != "c":
            af, wf = _float(a), _float(w)
            frac = (af < 0) & (wf != xp.floor(wf))
            if not anyb(frac):
                return _finite(xp.pow(af, wf))
            # a negative base to a fractional power: |X|*Y at angle πY
            mag = xp.pow(xp.abs(af), wf)
            c, s = _cispi(wf)
            neg = xp.where(af < 0, mag * c + 1j * (mag * s), xp.pow(af, wf))
            return _finite(neg)
        ac, wc = as_complex(a), as_complex(w)
        if kind(w) != "c" and size(w) and allb(_whole(w)) and float(backend_of(w).absmax(w)) <= 4096:
            r = _whole_power(ac, w)  # by multiplication: Gaussian integers stay exact (0J1*2 is ¯1)
        else:
            r = backend_of(ac, wc).complex_pow(ac, wc)  # NumPy's order of operations on torch too
        if anyb(zero_base):
            # 0*Y is 1 for Y=0 and 0 when the real part of Y is positive; else undefined
            r = xp.where(zero_base & (wc == 0), 1, xp.where(zero_base & (xp.real(wc) > 0), 0, r))
        return _finite(r)


def _whole_power(z, n):
    """Z*N for complex Z and whole real N, by repeated squaring (elementwise)."""
    xp = namespace(z, n)
    z, n = xp.broadcast_arrays(z, n)
    e = as_int(xp.abs(n))
    out = xp.ones_like(z)
    base = z
    while anyb(e > 0):
        out = xp.where((e & 1) == 1, out * base, out)
        e = e >> 1
        base = base * base
    return xp.where(n < 0, 1 / xp.where(out == 0, 1, out), out)


def ln(w):
    w = num(w)
    xp = namespace(w)
    if anyb(w == 0):
        raise DomainError("log of zero")
    with np.errstate(all="ignore"):
        if kind(w) != "c" and anyb(w < 0):
            return _finite(xp.log(as_complex(w)))
        return _finite(xp.log(_float(w)))


def log(a, w):
    """X⍟Y is (⍟Y)÷⍟X: 1⍟1 is 1 (0÷0), 1⍟Y for other Y is a DOMAIN ERROR."""
    return divide(ln(w), ln(a))


def magnitude(w):
    w = num(w)
    xp = namespace(w)
    if kind(w) == "i" and anyb(w == _INT_MIN):
        return xp.abs(_float(w))
    return arr(xp.abs(w))


def residue(a, w):
    """X|Y: Y-X×⌊Y÷X (tolerantly), Y where X is 0; the result takes the sign of X."""
    a, w = num(a), num(w)
    bk = backend_of(a, w)
    xp = bk.xp
    ct = current().ct
    if kind(a) == "c" or kind(w) == "c":
        ac, wc = as_complex(a), as_complex(w)
        with np.errstate(all="ignore"):
            safe = xp.where(ac == 0, 1, ac)
            q = wc / safe
            n = xp.round(xp.real(q)) + 1j * xp.round(bk.imag(q))
            near = xp.abs(q - n) <= ct * xp.maximum(xp.abs(q), xp.abs(n))
            r = xp.where(near, 0, wc - safe * complex_floor(q))
            return tidy_numeric(arr(xp.where(ac == 0, wc, r)))
    if _is_int(a) and _is_int(w):
        safe = xp.where(a == 0, 1, a)
        return arr(xp.where(a == 0, w, xp.remainder(w, safe)))
    with np.errstate(all="ignore"):
        af, wf = _float(a), _float(w)
        safe = xp.where(af == 0, 1.0, af)
        q = wf / safe
        n = xp.round(q)
        near = xp.abs(q - n) <= ct * xp.maximum(xp.abs(q), xp.abs(n))
        r = wf - safe * xp.floor(q)
        r = xp.where(near, 0.0, r)
        out = arr(xp.where(af == 0, wf, r))
        if not allb(xp.isfinite(out)):
            raise DomainError("residue is not a finite number")
        return out


def complex_floor(z):
    """McDonnell's complex floor, as Dyalog defines it (Language Reference, Floor)."""
    z = as_complex(z)
    bk = backend_of(z)
    xp = bk.xp
    re, im = xp.real(z), bk.imag(z)
    fr, fi = xp.floor(re), xp.floor(im)
    xr, xi = re - fr, im - fi
    bump = (xr + xi) >= 1
    return xp.where(bump & (xr >= xi), fr + 1 + 1j * fi,
                    xp.where(bump, fr + 1j * (fi + 1), fr + 1j * fi))


def floor(w):
    """⌊Y: the largest integer not above Y, or the nearest one when Y is tolerantly equal to it."""
    w = num(w)
    if _is_int(w):
        return w
    bk = backend_of(w)
    xp = bk.xp
    if kind(w) == "c":
        ct = current().ct
        n = xp.round(xp.real(w)) + 1j * xp.round(bk.imag(w))
        near = xp.abs(w - n) <= ct * xp.maximum(xp.abs(w), xp.abs(n))
        return tidy_numeric(arr(xp.where(near, n, complex_floor(w))))
    if size(w) and not allb(xp.isfinite(w)):
        raise DomainError("floor of a non-finite number")
    ct = current().ct
    n = xp.round(w)
    near = xp.abs(n - w) <= ct * xp.maximum(xp.abs(n), xp.abs(w))
    return _int_or_float(arr(xp.where(near, n, xp.floor(w))))


def ceiling(w):
    w = num(w)
    if _is_int(w):
        return w
    return negate(floor(negate(w)))


def maximum(a, w):
    a, w = _real(a), _real(w)
    return arr(namespace(a, w).maximum(a, w))


def minimum(a, w):
    a, w = _real(a), _real(w)
    return arr(namespace(a, w).minimum(a, w))


# ------------------------------------------------------------------ gamma, factorial, binomial
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
    return backend_of(like).from_numpy(t, like.device)


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
        if anyb(_whole(w) & (xp.real(w) < 0)):
            raise DomainError("factorial of a negative integer")
        return _finite(gamma(w + 1))
    if _is_int(w):
        if anyb(w < 0):
            raise DomainError("factorial of a negative integer")
        if not size(w) or int(xp.max(w)) <= 20:
            return arr(_table(_FACT_INT, w)[w])
        if int(xp.max(w)) > 170:
            raise DomainError("result is not a finite number")
        return arr(_table(_FACT_FLOAT, w)[w])
    whole = _whole(w)
    if anyb(whole & (w < 0)):
        raise DomainError("factorial of a negative integer")
    with np.errstate(all="ignore"):
        exact = _table(_FACT_FLOAT, w)[as_int(xp.where(whole & (w >= 0) & (w <= 170), w, 0))]
        out = xp.where(whole & (w <= 170), exact, gamma(w + 1))
    return _finite(out)


def binomial(a, w):
    """X!Y: (!Y)÷(!X)×!Y-X, with Dyalog's values where arguments are negative integers."""
    a, w = num(a), num(w)
    xp = namespace(a, w)
    a, w = xp.broadcast_arrays(a, w)
    wa, ww = _whole(a), _whole(w)
    if anyb(ww & (xp.real(w) < 0) & ~wa):
        raise DomainError("X!Y needs a whole X when Y is a negative integer")
    with np.errstate(invalid="ignore"):
        huge = (xp.abs(a) > 2.0**53) | (xp.abs(w) > 2.0**53)
    both = wa & ww & ~huge
    if allb(both) and kind(a) != "c" and kind(w) != "c":
        return _finite(_binomial_whole(_to_whole(a), _to_whole(w)))
    out = _binomial_gamma(a, w)
    if anyb(both):
        ints = _binomial_whole(_to_whole(xp.where(both, xp.real(a), 0)), _to_whole(xp.where(both, xp.real(w), 0)))
        out = xp.where(both, ints, out)
    return _finite(out)


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
    if allb(out < _BIG) and not anyb(big):
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
    if anyb(pole_y & ~zero & ~(_whole(a) & _whole(w))):
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


# ------------------------------------------------------------------ circular
def pi_times(w):
    w = num(w)
    with np.errstate(all="ignore"):
        return _finite(np.pi * w)


def _neg4(x):
    """¯4○Y: (Y+1)×((Y-1)÷Y+1)*0.5, and 0 at Y=¯1."""
    xp = namespace(x)
    at = x == -1
    y = xp.where(at, 0, x)
    return xp.where(at, 0, (y + 1) * xp.sqrt((y - 1) / (y + 1)))


def _circ_fn(k: int, bk):
    xp = bk.xp
    s = xp.sqrt
    table = {
        0: lambda x: s(1 - x * x),
        1: xp.sin, 2: xp.cos, 3: xp.tan,
        4: lambda x: s(1 + x * x),
        5: xp.sinh, 6: xp.cosh, 7: xp.tanh,
        8: lambda x: s(-1 - x * x),
        9: xp.real, 10: xp.abs, 11: bk.imag, 12: bk.angle,
        -1: xp.asin, -2: xp.acos, -3: xp.atan,
        -4: _neg4,
        -5: xp.asinh, -6: xp.acosh, -7: xp.atanh,
        -8: lambda x: -s(-1 - x * x),
        -9: lambda x: x, -10: xp.conj,
        -11: lambda x: x * 1j, -12: lambda x: xp.exp(1j * x),
    }
    if k not in table:
        raise DomainError(f"{str(k).replace('-', '¯')}○ is not a circular function")
    return table[k]


def circular(a, w):
    """X○Y for X in ¯12..12 (Language Reference, Circular Functions)."""
    from ..arrays import to_ints

    a, w = num(a), num(w)
    ks = to_ints(a, "left argument of ○")
    wf = _float(w)
    bk = backend_of(ks, wf)
    xp = bk.xp
    with np.errstate(all="ignore"):
        if ks.ndim == 0:
            return _circ_one(int(ks), wf)
        kb, wb = xp.broadcast_arrays(ks, wf)
        bad = (ks < -12) | (ks > 12)
        if anyb(bad):  # name the first bad one in ravel order, on every backend
            first = int(host_values(bad).reshape(-1).argmax())
            raise DomainError(f"{str(int(ks.reshape(-1)[first])).replace('-', '¯')}○ is not a circular function")
        out = xp.zeros(kb.shape, dtype=bk.COMPLEX, device=device_of(wf))
        for k in xp.unique_values(kb):
            m = kb == k
            out = xp.where(m, as_complex(_circ_one(int(k), wb)), out)
        return tidy_numeric(_finite(out))


def _circ_one(k, x):
    bk = backend_of(x)
    xp = bk.xp
    f = _circ_fn(k, bk)
    with np.errstate(all="ignore"):
        r = arr(f(x))
        if kind(r) == "f" and kind(x) != "c":
            bad = xp.isnan(r) & ~xp.isnan(x)
            if anyb(bad):
                # outside the real domain (e.g. ¯1○2): answer in the complex plane, as APL does
                r = xp.where(bad, as_complex(arr(f(as_complex(x)))), as_complex(r))
    return _finite(r)


# ------------------------------------------------------------------ logic
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
    if _is_int(a) and _is_int(w):
        with np.errstate(all="ignore"):
            g = arr(backend_of(a, w).gcd(a, w))
        if anyb(g < 0):  # only gcd with -2**63 can overflow
            return _gcd_euclid(_float(a), _float(w))
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
    if _is_int(a) and _is_int(w):
        g = gcd(a, w)
        if kind(g) == "i":
            with np.errstate(all="ignore"):
                gs = xp.where(g == 0, 1, g)
                q = xp.where(g == 0, 0, a // gs)  # exact: g divides a
                return multiply(q, w)
    g = gcd(a, w)
    with np.errstate(all="ignore"):
        gs = xp.where(g == 0, 1, g)
        return _finite(xp.where(g == 0, 0, a * (w / gs)))


# ------------------------------------------------------------------ comparison
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
            return _tolerant_eq(_float(a), _float(w)) | arr(a == w)
        return arr(a == w)
    return _tolerant_eq(num(a), num(w))


_TOLERANT_FROM = 2**31  # distinct integers below this in magnitude are never tolerantly equal
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
            if x.ndim == 0 and -_TOLERANT_FROM < int(x) < _TOLERANT_FROM:
                return False
        elif str(x.dtype) in _SMALL_TORCH_INTS:
            return False
    if current().ct == 0:
        return False
    for x in (a, w):
        if not size(x):
            return False
        m = abs(int(x)) if x.ndim == 0 else backend_of(x).absmax(x)
        if m < _TOLERANT_FROM:
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
    if _is_int(a) and _is_int(w):
        a, w = _exact_pair(a, w)
        if _huge_ints(a, w):
            return arr((a < w) & ~_tolerant_eq(_float(a), _float(w)))
        return arr(a < w)
    a, w = _ordered(a, w)
    return arr((a < w) & ~_tolerant_eq(a, w))


def less_equal(a, w):
    if _is_int(a) and _is_int(w):
        a, w = _exact_pair(a, w)
        if _huge_ints(a, w):
            return arr((a <= w) | _tolerant_eq(_float(a), _float(w)))
        return arr(a <= w)
    a, w = _ordered(a, w)
    return arr((a <= w) | _tolerant_eq(a, w))


def greater(a, w):
    return less(w, a)


def greater_equal(a, w):
    return less_equal(w, a)


# ------------------------------------------------------------------ random
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
        u = bk.from_numpy(rng.random(size=tuple(w.shape)), w.device).to(bk.xp.float64)
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
    from ..arrays import to_ints

    return to_ints(num(w), "argument of ?")


def not_supported(name):
    def f(*args):
        raise NonceError(f"{name} is not supported")

    return f
