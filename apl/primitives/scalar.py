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

import numpy as np

from ..arrays import BOOL, COMPLEX, FLOAT, INT, tidy_numeric
from ..errors import DomainError, NonceError
from ..settings import current

_BIG = 9.2e18  # below 2**63 with room for rounding: int64 results under this are exact
_PRODUCT_LIMIT = 2.0**63 - 8192  # a float product of two int64s below this means the exact one fits
_INT_MIN = np.iinfo(np.int64).min


def num(x: np.ndarray) -> np.ndarray:
    """A numeric argument: booleans as integers, characters refused."""
    k = x.dtype.kind
    if k == "b":
        return x.astype(INT)
    if k in "ifc":
        return x
    if k == "u":
        return x.astype(INT)
    raise DomainError("numbers expected")


def _real(x: np.ndarray) -> np.ndarray:
    x = num(x)
    if x.dtype.kind == "c":
        raise DomainError("real numbers expected")
    return x


def _finite(r) -> np.ndarray:
    r = np.asarray(r)
    if r.dtype.kind in "fc" and r.size and not np.all(np.isfinite(r)):
        raise DomainError("result is not a finite number")
    return tidy_numeric(r)


def _is_int(x) -> bool:
    return x.dtype.kind in "iub"


def _float(x: np.ndarray) -> np.ndarray:
    """x as float64 (or complex128 when complex)."""
    return x if x.dtype.kind in "fc" else x.astype(FLOAT)


def _int_or_float(r: np.ndarray) -> np.ndarray:
    """Floats that are whole and fit become int64 (floor, ceiling, rounding results)."""
    if r.size and np.all(np.abs(r) < _BIG):
        return r.astype(INT)
    return r if r.size else r.astype(INT)


def _whole(x: np.ndarray) -> np.ndarray:
    """Which items are (exactly) whole numbers."""
    if _is_int(x):
        return np.ones(x.shape, dtype=BOOL)
    if x.dtype.kind == "c":
        return (x.imag == 0) & (x.real == np.floor(x.real))
    with np.errstate(invalid="ignore"):
        return x == np.floor(x)


# ------------------------------------------------------------------ arithmetic
def conjugate(w):
    w = num(w)
    return np.conj(w) if w.dtype.kind == "c" else w


def add(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            r = np.asarray(a + w)
            if np.any(((a ^ r) & (w ^ r)) < 0):
                return _finite(a.astype(FLOAT) + w.astype(FLOAT))
            return r
        return _finite(a + w)


def negate(w):
    w = num(w)
    if w.dtype == INT and np.any(w == _INT_MIN):
        return -w.astype(FLOAT)
    return np.asarray(-w)


def subtract(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            r = np.asarray(a - w)
            if np.any(((a ^ w) & (a ^ r)) < 0):
                return _finite(a.astype(FLOAT) - w.astype(FLOAT))
            return r
        return _finite(a - w)


def signum(w):
    w = num(w)
    if w.dtype.kind == "c":
        m = np.abs(w)
        with np.errstate(all="ignore"):
            return tidy_numeric(np.where(m == 0, 0, w / np.where(m == 0, 1, m)))
    return np.sign(w).astype(INT)


def multiply(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w):
            f = np.asarray(a.astype(FLOAT) * w)
            if f.size and np.max(np.abs(f)) >= _PRODUCT_LIMIT:
                return _finite(f)
            return np.asarray(a * w)
        return _finite(a * w)


def reciprocal(w):
    w = num(w)
    if np.any(w == 0):
        raise DomainError("divide by zero")
    with np.errstate(all="ignore"):
        return _finite(1 / _float(w))


def divide(a, w):
    """X÷Y; 0÷0 is 1 (⎕DIV=0), any other division by zero is a DOMAIN ERROR."""
    a, w = num(a), num(w)
    zero = w == 0
    if np.any(zero):
        if np.any(zero & (a != 0)):
            raise DomainError("divide by zero")
        a = np.where(zero, 1, a)
        w = np.where(zero, 1, w)
    with np.errstate(all="ignore"):
        return _finite(np.true_divide(_float(a), w))


def exp(w):
    w = num(w)
    with np.errstate(all="ignore"):
        return _finite(np.exp(_float(w)))


def _cispi(t):
    """(cos πt, sin πt) for real t, exact where 2t is whole (so ¯1*0.5 is 0J1)."""
    t = np.mod(t, 2.0)
    c, s = np.cos(np.pi * t), np.sin(np.pi * t)
    c = np.where((t == 0.5) | (t == 1.5), 0.0, np.where(t == 0, 1.0, np.where(t == 1, -1.0, c)))
    s = np.where((t == 0) | (t == 1), 0.0, np.where(t == 0.5, 1.0, np.where(t == 1.5, -1.0, s)))
    return c, s


def power(a, w):
    """X*Y: 1 when Y is 0; X=0 needs Y≥0; otherwise *Y×⍟X (principal value)."""
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w) and not np.any(w < 0):
            f = np.power(a.astype(FLOAT), w)
            if not f.size or np.max(np.abs(f)) < _PRODUCT_LIMIT:
                return np.asarray(np.power(a, w))
            return _finite(f)
        zero_base = a == 0
        if np.any(zero_base & (np.real(w) < 0)):
            raise DomainError("0 to a negative power")
        if a.dtype.kind != "c" and w.dtype.kind != "c":
            af, wf = a.astype(FLOAT), w.astype(FLOAT)
            frac = (af < 0) & (wf != np.floor(wf))
            if not np.any(frac):
                return _finite(np.power(af, wf))
            # a negative base to a fractional power: |X|*Y at angle πY
            mag = np.power(np.abs(af), wf)
            c, s = _cispi(wf)
            neg = np.where(af < 0, mag * c + 1j * (mag * s), np.power(af, wf))
            return _finite(neg)
        ac, wc = a.astype(COMPLEX), w.astype(COMPLEX)
        r = np.power(ac, wc)
        if np.any(zero_base):
            # 0*Y is 1 for Y=0 and 0 when the real part of Y is positive; else undefined
            r = np.where(zero_base & (wc == 0), 1, np.where(zero_base & (wc.real > 0), 0, r))
        return _finite(r)


def ln(w):
    w = num(w)
    if np.any(w == 0):
        raise DomainError("log of zero")
    with np.errstate(all="ignore"):
        if w.dtype.kind != "c" and np.any(w < 0):
            return _finite(np.log(w.astype(COMPLEX)))
        return _finite(np.log(_float(w)))


def log(a, w):
    """X⍟Y is (⍟Y)÷⍟X: 1⍟1 is 1 (0÷0), 1⍟Y for other Y is a DOMAIN ERROR."""
    return divide(ln(w), ln(a))


def magnitude(w):
    w = num(w)
    if w.dtype == INT and np.any(w == _INT_MIN):
        return np.abs(w.astype(FLOAT))
    return np.abs(w)


def residue(a, w):
    """X|Y: Y-X×⌊Y÷X (tolerantly), Y where X is 0; the result takes the sign of X."""
    a, w = num(a), num(w)
    ct = current().ct
    if a.dtype.kind == "c" or w.dtype.kind == "c":
        ac, wc = a.astype(COMPLEX), w.astype(COMPLEX)
        with np.errstate(all="ignore"):
            safe = np.where(ac == 0, 1, ac)
            q = wc / safe
            n = np.round(q.real) + 1j * np.round(q.imag)
            near = np.abs(q - n) <= ct * np.maximum(np.abs(q), np.abs(n))
            r = np.where(near, 0, wc - safe * complex_floor(q))
            return tidy_numeric(np.asarray(np.where(ac == 0, wc, r)))
    if _is_int(a) and _is_int(w):
        safe = np.where(a == 0, 1, a)
        return np.asarray(np.where(a == 0, w, np.mod(w, safe)))
    with np.errstate(all="ignore"):
        af, wf = a.astype(FLOAT), w.astype(FLOAT)
        safe = np.where(af == 0, 1.0, af)
        q = wf / safe
        n = np.rint(q)
        near = np.abs(q - n) <= ct * np.maximum(np.abs(q), np.abs(n))
        r = wf - safe * np.floor(q)
        r = np.where(near, 0.0, r)
        out = np.asarray(np.where(af == 0, wf, r))
        if not np.all(np.isfinite(out)):
            raise DomainError("residue is not a finite number")
        return out


def complex_floor(z):
    """McDonnell's complex floor, as Dyalog defines it (Language Reference, Floor)."""
    z = np.asarray(z, dtype=COMPLEX)
    fr, fi = np.floor(z.real), np.floor(z.imag)
    xr, xi = z.real - fr, z.imag - fi
    bump = (xr + xi) >= 1
    return np.where(bump & (xr >= xi), fr + 1 + 1j * fi,
                    np.where(bump, fr + 1j * (fi + 1), fr + 1j * fi))


def floor(w):
    """⌊Y: the largest integer not above Y, or the nearest one when Y is tolerantly equal to it."""
    w = num(w)
    if _is_int(w):
        return w
    if w.dtype.kind == "c":
        ct = current().ct
        n = np.round(w.real) + 1j * np.round(w.imag)
        near = np.abs(w - n) <= ct * np.maximum(np.abs(w), np.abs(n))
        return tidy_numeric(np.asarray(np.where(near, n, complex_floor(w))))
    if w.size and not np.all(np.isfinite(w)):
        raise DomainError("floor of a non-finite number")
    ct = current().ct
    n = np.rint(w)
    near = np.abs(n - w) <= ct * np.maximum(np.abs(n), np.abs(w))
    return _int_or_float(np.where(near, n, np.floor(w)))


def ceiling(w):
    w = num(w)
    if _is_int(w):
        return w
    return negate(floor(negate(w)))


def maximum(a, w):
    a, w = _real(a), _real(w)
    return np.asarray(np.maximum(a, w))


def minimum(a, w):
    a, w = _real(a), _real(w)
    return np.asarray(np.minimum(a, w))


# ------------------------------------------------------------------ gamma, factorial, binomial
# Lanczos approximation (g=7, 9 terms), relative error near 1e-15; vectorised, real or complex.
_LANCZOS_G = 7.0
_LANCZOS = (0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7)
_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)
_FACT_INT = np.array([math.factorial(i) for i in range(21)], dtype=INT)
_FACT_FLOAT = np.array([float(math.factorial(i)) for i in range(171)], dtype=FLOAT)


def _lanczos_log(z):
    """log Γ(z) for Re z ≥ 0.5 (complex)."""
    z = z - 1
    x = np.full(z.shape, _LANCZOS[0], dtype=COMPLEX)
    for i in range(1, 9):
        x = x + _LANCZOS[i] / (z + i)
    t = z + _LANCZOS_G + 0.5
    return _LOG_SQRT_2PI + (z + 0.5) * np.log(t) - t + np.log(x)


def log_gamma(z):
    """Complex log Γ(z) (any branch: only exp of it is used); poles give inf."""
    z = np.asarray(z, dtype=COMPLEX)
    with np.errstate(all="ignore"):
        refl = z.real < 0.5
        lg = _lanczos_log(np.where(refl, 1 - z, z))
        # reflection: Γ(z) = π ÷ sin(πz) × Γ(1-z)
        sin = np.sin(np.pi * z)
        lr = math.log(math.pi) - np.log(np.where(sin == 0, np.nan, sin)) - lg
        out = np.where(refl, lr, lg)
        pole = refl & (z.imag == 0) & (z.real == np.floor(z.real))
        return np.where(pole, np.inf, out)


def gamma(x):
    """Γ(x) for real or complex x, vectorised; poles give inf."""
    x = np.asarray(x)
    with np.errstate(all="ignore"):
        if x.dtype.kind == "c":
            return np.exp(log_gamma(x))
        x = x.astype(FLOAT)
        refl = x < 0.5
        z = np.where(refl, 1 - x, x) - 1
        s = np.full(z.shape, _LANCZOS[0])
        for i in range(1, 9):
            s = s + _LANCZOS[i] / (z + i)
        t = z + _LANCZOS_G + 0.5
        half = np.power(t, (z + 0.5) / 2)  # split t**(z+0.5) so that it does not overflow early
        g = math.sqrt(2 * math.pi) * half * (half * np.exp(-t)) * s
        sin = np.sin(np.pi * x)
        r = np.where(refl, np.pi / (np.where(sin == 0, np.nan, sin) * g), g)
        pole = refl & (x == np.floor(x))
        return np.where(pole, np.inf, r)


def factorial(w):
    """!Y: gamma Y+1; negative integers are a DOMAIN ERROR."""
    w = num(w)
    if w.dtype.kind == "c":
        if np.any(_whole(w) & (w.real < 0)):
            raise DomainError("factorial of a negative integer")
        return _finite(gamma(w + 1))
    if _is_int(w):
        if np.any(w < 0):
            raise DomainError("factorial of a negative integer")
        if not w.size or np.max(w) <= 20:
            return _FACT_INT[w]
        if np.max(w) > 170:
            raise DomainError("result is not a finite number")
        return _FACT_FLOAT[w]
    whole = _whole(w)
    if np.any(whole & (w < 0)):
        raise DomainError("factorial of a negative integer")
    with np.errstate(all="ignore"):
        exact = _FACT_FLOAT[np.where(whole & (w >= 0) & (w <= 170), w, 0).astype(INT)]
        out = np.where(whole & (w <= 170), exact, gamma(w + 1))
    return _finite(out)


def binomial(a, w):
    """X!Y: (!Y)÷(!X)×!Y-X, with Dyalog's values where arguments are negative integers."""
    a, w = num(a), num(w)
    a, w = np.broadcast_arrays(a, w)
    wa, ww = _whole(a), _whole(w)
    if np.any(ww & (np.real(w) < 0) & ~wa):
        raise DomainError("X!Y needs a whole X when Y is a negative integer")
    with np.errstate(invalid="ignore"):
        huge = (np.abs(a) > 2.0**53) | (np.abs(w) > 2.0**53)
    both = wa & ww & ~huge
    if both.all() and a.dtype.kind != "c" and w.dtype.kind != "c":
        return _finite(_binomial_whole(_to_whole(a), _to_whole(w)))
    out = _binomial_gamma(a, w)
    if both.any():
        ints = _binomial_whole(_to_whole(np.where(both, np.real(a), 0)), _to_whole(np.where(both, np.real(w), 0)))
        out = np.where(both, ints, out)
    return _finite(out)


def _to_whole(x):
    x = np.real(x)
    return x.astype(INT)


def _binomial_whole(k, n):
    """k!n for whole k and n: exact integers while they fit, floats beyond (vectorised)."""
    k, n = np.asarray(k, dtype=INT), np.asarray(n, dtype=INT)
    # Dyalog's table for negative arguments reduces every case to sign × C(top, bottom) or 0
    kneg, nneg = k < 0, n < 0
    zero = (kneg & ~nneg) | (~kneg & ~nneg & (k > n)) | (kneg & nneg & (n < k))
    top = np.where(~kneg & ~nneg, n, np.where(~kneg & nneg, k - n - 1, -k - 1))
    bot = np.where(~kneg & ~nneg, k, np.where(~kneg & nneg, k, -n - 1))
    odd = np.where(~kneg & nneg, k, n - k) % 2 == 1
    sign = np.where(nneg & odd, -1, 1)
    top = np.where(zero, 0, top)
    bot = np.where(zero, 0, np.minimum(bot, top - bot))
    val = _comb(top, bot)
    if val.dtype == INT:
        return np.asarray(np.where(zero, 0, sign * val))
    return np.asarray(np.where(zero, 0.0, sign * val.astype(FLOAT)))


_COMB_MAX_K = 33  # C(n,k) with min(k,n-k) ≥ 34 is beyond int64


def _comb(n, k):
    """C(n, k) for 0 ≤ k ≤ n/2, elementwise: int64 when every value fits, else float."""
    if not n.size:
        return n.copy()
    if n.ndim != 1:
        return _comb(n.reshape(-1), k.reshape(-1)).reshape(n.shape)
    small = k <= _COMB_MAX_K
    ks = np.where(small, k, 0)
    c = np.ones(n.shape, dtype=INT)
    cf = np.ones(n.shape, dtype=FLOAT)
    top = int(ks.max()) if ks.size else 0
    risky = np.zeros(n.shape, dtype=BOOL)
    with np.errstate(all="ignore"):
        for i in range(1, top + 1):
            act = ks >= i
            fac = n - ks + i
            nf = cf * fac
            risky |= act & (nf >= 2.0**62)
            c = np.where(act & ~risky, c * fac // i, c)
            cf = np.where(act, nf / i, cf)
    big = ~small
    if not risky.any() and not big.any():
        return c
    out = np.where(small & ~risky, c.astype(FLOAT), cf)
    for i in np.flatnonzero(risky & small):
        out[i] = float(math.comb(int(n[i]), int(k[i])))
    if big.any():
        nb, kb = n[big].astype(FLOAT), k[big].astype(FLOAT)
        lg = log_gamma(nb + 1) - log_gamma(kb + 1) - log_gamma(nb - kb + 1)
        with np.errstate(all="ignore"):
            out[big] = np.exp(lg.real)
    if np.all(out < _BIG) and not big.any():
        exact = c.copy()
        for i in np.flatnonzero(risky):
            exact[i] = math.comb(int(n[i]), int(k[i]))
        return exact
    return out


def _binomial_gamma(a, w):
    """X!Y through log-gamma, for arguments not both whole: 0 at the poles of !X or !Y-X."""
    cplx = a.dtype.kind == "c" or w.dtype.kind == "c"
    ac, wc = a.astype(COMPLEX), w.astype(COMPLEX)
    d = wc - ac
    pole_x = (ac.imag == 0) & (ac.real < 0) & (ac.real == np.floor(ac.real))
    pole_d = (d.imag == 0) & (d.real < 0) & (d.real == np.floor(d.real))
    pole_y = (wc.imag == 0) & (wc.real < 0) & (wc.real == np.floor(wc.real))
    zero = (pole_x | pole_d) & ~pole_y
    if np.any(pole_y & ~zero & ~(_whole(a) & _whole(w))):
        raise DomainError("binomial undefined")
    with np.errstate(all="ignore"):
        safe = lambda z: np.where(zero, 0.5, z)
        lg = log_gamma(safe(wc) + 1) - log_gamma(safe(ac) + 1) - log_gamma(safe(d) + 1)
        r = np.exp(lg)
    r = np.where(zero, 0, r)
    if not cplx:
        return np.real(r).astype(FLOAT)
    return r


# ------------------------------------------------------------------ circular
def pi_times(w):
    w = num(w)
    return _finite(np.pi * w)


def _neg4(x):
    """¯4○Y: (Y+1)×((Y-1)÷Y+1)*0.5, and 0 at Y=¯1."""
    at = x == -1
    y = np.where(at, 0, x)
    return np.where(at, 0, (y + 1) * np.sqrt((y - 1) / (y + 1)))


def _circ_fn(k: int):
    s = np.sqrt
    table = {
        0: lambda x: s(1 - x * x),
        1: np.sin, 2: np.cos, 3: np.tan,
        4: lambda x: s(1 + x * x),
        5: np.sinh, 6: np.cosh, 7: np.tanh,
        8: lambda x: s(-1 - x * x),
        9: np.real, 10: np.abs, 11: np.imag, 12: np.angle,
        -1: np.arcsin, -2: np.arccos, -3: np.arctan,
        -4: _neg4,
        -5: np.arcsinh, -6: np.arccosh, -7: np.arctanh,
        -8: lambda x: -s(-1 - x * x),
        -9: lambda x: x, -10: np.conj,
        -11: lambda x: x * 1j, -12: lambda x: np.exp(1j * x),
    }
    if k not in table:
        raise DomainError(f"{k}○ is not a circular function")
    return table[k]


def circular(a, w):
    """X○Y for X in ¯12..12 (Language Reference, Circular Functions)."""
    from ..arrays import to_ints

    a, w = num(a), num(w)
    ks = to_ints(a, "left argument of ○")
    wf = _float(w)
    with np.errstate(all="ignore"):
        if ks.ndim == 0:
            return _circ_one(int(ks), wf)
        kb, wb = np.broadcast_arrays(ks, wf)
        out = np.empty(kb.shape, dtype=COMPLEX)
        for k in np.unique(kb):
            m = kb == k
            out[m] = _circ_one(int(k), wb[m])
        return tidy_numeric(_finite(out))


def _circ_one(k, x):
    f = _circ_fn(k)
    with np.errstate(all="ignore"):
        r = np.asarray(f(x))
        if r.dtype.kind == "f" and x.dtype.kind != "c":
            bad = np.isnan(r) & ~np.isnan(x)
            if np.any(bad):
                # outside the real domain (e.g. ¯1○2): answer in the complex plane, as APL does
                r = r.astype(COMPLEX)
                r[bad] = np.asarray(f(x[bad].astype(COMPLEX)))
    return _finite(r)


# ------------------------------------------------------------------ logic
def _bool(x, what="boolean argument expected"):
    if x.dtype == BOOL:
        return x
    if x.dtype.kind in "iuf":
        if np.any((x != 0) & (x != 1)):
            raise DomainError(what)
        return x.astype(BOOL)
    raise DomainError(what)


def _is_boolish(x) -> bool:
    if x.dtype == BOOL:
        return True
    if x.dtype.kind in "iuf":
        return not np.any((x != 0) & (x != 1))
    return False


def logical_not(w):
    return np.asarray(~_bool(w))


def logical_and(a, w):
    if _is_boolish(a) and _is_boolish(w):
        return np.asarray(_bool(a) & _bool(w))
    return lcm(num(a), num(w))


def logical_or(a, w):
    if _is_boolish(a) and _is_boolish(w):
        return np.asarray(_bool(a) | _bool(w))
    return gcd(num(a), num(w))


def nand(a, w):
    return np.asarray(~(_bool(a) & _bool(w)))


def nor(a, w):
    return np.asarray(~(_bool(a) | _bool(w)))


def gcd(a, w):
    """X∨Y on numbers: non-negative GCD for reals (tolerant for floats); for complex numbers
    the Gaussian GCD, normalised to the quadrant with real part > 0 and imaginary part ≥ 0."""
    a, w = num(a), num(w)
    if _is_int(a) and _is_int(w):
        with np.errstate(all="ignore"):
            g = np.asarray(np.gcd(a, w))
        if np.any(g < 0):  # only gcd with -2**63 can overflow
            return _gcd_euclid(a.astype(FLOAT), w.astype(FLOAT))
        return g
    return _gcd_euclid(a, w)


def _gcd_euclid(a, w):
    """GCD of float or complex arrays, computed on whole arrays at once, tolerant (⎕CT)."""
    cplx = a.dtype.kind == "c" or w.dtype.kind == "c"
    dt = COMPLEX if cplx else FLOAT
    x, y = np.broadcast_arrays(np.asarray(a, dtype=dt), np.asarray(w, dtype=dt))
    if not np.all(np.isfinite(x)) or not np.all(np.isfinite(y)):
        raise DomainError("gcd of a non-finite number")
    if not cplx:
        return _gcd_real(np.abs(x), np.abs(y))
    return _gcd_gaussian(x.copy(), y.copy())


def _gcd_real(x, y):
    """Real GCD through the continued fraction of the smaller over the larger: the first
    convergent p÷q tolerantly equal to that ratio gives the GCD as larger÷q. Unlike Euclid's
    remainders, the test is always against the original ratio, so rounding does not build up."""
    ct = max(current().ct, 1e-15)
    hi, lo = np.maximum(x, y), np.minimum(x, y)
    with np.errstate(all="ignore"):
        t = np.where(hi == 0, 0.0, lo / np.where(hi == 0, 1.0, hi))
        h1, h2 = np.ones(t.shape), np.zeros(t.shape)  # numerators p(n-1), p(n-2)
        k1, k2 = np.zeros(t.shape), np.ones(t.shape)  # denominators q(n-1), q(n-2)
        z = t.copy()
        q = np.ones(t.shape)
        live = np.ones(t.shape, dtype=BOOL)
        for _ in range(200):
            an = np.floor(z)
            h = an * h1 + h2
            k = an * k1 + k2
            done = live & (np.abs(t - h / k) <= ct * t)
            q = np.where(done, k, q)
            live &= ~done
            frac = z - an
            stuck = live & (frac == 0)
            q = np.where(stuck, k, q)
            live &= ~stuck
            if not live.any():
                break
            z = np.where(live, 1 / np.where(frac == 0, 1.0, frac), z)
            h1, h2, k1, k2 = h, h1, k, k1
        g = np.where(lo == 0, hi, hi / q)
    return np.asarray(g)


def _gcd_gaussian(x, y):
    """Gaussian GCD by Euclid's algorithm (McDonnell's floor keeps the remainders small),
    normalised by a unit into the quadrant with real part > 0 and imaginary part ≥ 0."""
    ct = max(current().ct, 1e-15)
    tol = ct * np.maximum(np.abs(x), np.abs(y))
    with np.errstate(all="ignore"):
        for _ in range(3000):
            live = np.abs(y) > tol
            if not live.any():
                break
            ys = np.where(live, y, 1)
            q = x / ys
            n = np.round(q.real) + 1j * np.round(q.imag)
            near = np.abs(q - n) <= 1e-13 * np.abs(q)
            r = np.where(near, 0, x - ys * complex_floor(q))
            x, y = np.where(live, y, x), np.where(live, r, 0)
    for _ in range(3):
        turn = ~((x.real > 0) & (x.imag >= 0)) & (x != 0)
        x = np.where(turn, x * -1j, x)
    return tidy_numeric(np.asarray(x))


def lcm(a, w):
    """X∧Y on numbers: X×Y÷X∨Y (0 when either is 0)."""
    a, w = num(a), num(w)
    if _is_int(a) and _is_int(w):
        g = gcd(a, w)
        if g.dtype == INT:
            with np.errstate(all="ignore"):
                gs = np.where(g == 0, 1, g)
                q = np.where(g == 0, 0, a // gs)  # exact: g divides a
                return multiply(q, w)
    g = gcd(a, w)
    with np.errstate(all="ignore"):
        gs = np.where(g == 0, 1, g)
        return _finite(np.where(g == 0, 0, a * (w / gs)))


# ------------------------------------------------------------------ comparison
def _kinds(a, w):
    return a.dtype.kind, w.dtype.kind


def equal(a, w):
    ka, kw = _kinds(a, w)
    if ka == "U" or kw == "U":
        if ka == "U" and kw == "U":
            return np.asarray(a == w)
        return np.zeros(np.broadcast_shapes(a.shape, w.shape), dtype=BOOL)
    a, w = num(a), num(w)
    if _is_int(a) and _is_int(w):
        return np.asarray(a == w)
    return _tolerant_eq(a, w)


def _tolerant_eq(a, w):
    """|X-Y| ≤ ⎕CT×(|X|)⌈|Y|, for real and complex numbers alike."""
    ct = current().ct
    with np.errstate(all="ignore"):
        return np.asarray((a == w) | (np.abs(a - w) <= ct * np.maximum(np.abs(a), np.abs(w))))


def not_equal(a, w):
    return np.asarray(~equal(a, w))


def _ordered(a, w):
    if a.dtype.kind in "Uc" or w.dtype.kind in "Uc":
        raise DomainError("ordering is defined on real numbers only")
    return num(a), num(w)


def less(a, w):
    a, w = _ordered(a, w)
    if _is_int(a) and _is_int(w):
        return np.asarray(a < w)
    return np.asarray((a < w) & ~_tolerant_eq(a, w))


def less_equal(a, w):
    a, w = _ordered(a, w)
    if _is_int(a) and _is_int(w):
        return np.asarray(a <= w)
    return np.asarray((a <= w) | _tolerant_eq(a, w))


def greater(a, w):
    return less(w, a)


def greater_equal(a, w):
    return less_equal(w, a)


# ------------------------------------------------------------------ random
def roll(w):
    """?Y: a random integer from ⍳Y for each positive Y, a float in (0,1) for each 0."""
    w = to_ints_checked(w)
    rng = current().rng
    if np.any(w < 0):
        raise DomainError("? needs non-negative integers")
    io = current().io
    zero = w == 0
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
