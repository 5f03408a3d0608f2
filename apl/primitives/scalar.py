"""Scalar functions on simple arrays: arithmetic, comparison, logic, circular, random.

Each kernel takes simple arrays already brought to a common shape (or 0-d) and returns an
array. Integer results stay integer and overflow promotes to float, as in APL; results that
would be infinite or undefined are DOMAIN ERRORs, since APL has no inf or NaN.
"""
from __future__ import annotations

import math

import numpy as np

from ..arrays import BOOL, COMPLEX, FLOAT, INT, tidy_numeric
from ..errors import DomainError, NonceError
from ..settings import current

_BIG = 9.2e18  # below 2**63 with room for rounding: int64 products under this are exact


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


def _int_or_float(r: np.ndarray) -> np.ndarray:
    """Floats that are whole and fit become int64 (floor, ceiling, rounding results)."""
    if r.size and np.all(np.abs(r) < _BIG):
        return r.astype(INT)
    return r if r.size else r.astype(INT)


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
    if w.dtype == INT and np.any(w == np.iinfo(np.int64).min):
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
            if f.size and np.max(np.abs(f)) >= _BIG:
                return _finite(f)
            return np.asarray(a * w)
        return _finite(a * w)


def reciprocal(w):
    w = num(w)
    if np.any(w == 0):
        raise DomainError("divide by zero")
    with np.errstate(all="ignore"):
        return _finite(1 / (w.astype(FLOAT) if w.dtype.kind != "c" else w))


def divide(a, w):
    a, w = num(a), num(w)
    zero = w == 0
    if np.any(zero):
        if np.any(zero & (a != 0)):
            raise DomainError("divide by zero")
        a = np.where(zero, 1, a)
        w = np.where(zero, 1, w)
    with np.errstate(all="ignore"):
        if w.dtype.kind != "c" and a.dtype.kind != "c":
            return _finite(np.true_divide(a, w))
        return _finite(a / w)


def exp(w):
    w = num(w)
    with np.errstate(all="ignore"):
        return _finite(np.exp(w if w.dtype.kind in "fc" else w.astype(FLOAT)))


def power(a, w):
    a, w = num(a), num(w)
    with np.errstate(all="ignore"):
        if _is_int(a) and _is_int(w) and not np.any(w < 0):
            f = np.power(a.astype(FLOAT), w)
            if not f.size or np.max(np.abs(f)) < _BIG:
                return np.asarray(np.power(a, w))
            return _finite(f)
        if np.any((a == 0) & (np.real(w) < 0)):
            raise DomainError("0 to a negative power")
        if a.dtype.kind != "c" and w.dtype.kind != "c":
            af = a.astype(FLOAT)
            frac = (af < 0) & (w != np.floor(w)) if w.dtype.kind == "f" else np.zeros(1, bool)
            if np.any(frac):
                return _finite(np.power(af.astype(COMPLEX), w))
            return _finite(np.power(af, w))
        return _finite(np.power(a.astype(COMPLEX), w))


def ln(w):
    w = num(w)
    if np.any(w == 0):
        raise DomainError("log of zero")
    with np.errstate(all="ignore"):
        if w.dtype.kind != "c" and np.any(w < 0):
            return _finite(np.log(w.astype(COMPLEX)))
        return _finite(np.log(w if w.dtype.kind in "fc" else w.astype(FLOAT)))


def log(a, w):
    return divide(ln(w), ln(a)) if not np.any(num(a) == 1) else _log_base_one(a, w)


def _log_base_one(a, w):
    if np.any((num(a) == 1) & (num(w) != 1)):
        raise DomainError("log base 1")
    lw, la = ln(w), ln(a)
    return divide(lw, la)


def magnitude(w):
    w = num(w)
    if w.dtype.kind == "c":
        return np.abs(w)
    return np.abs(w)


def residue(a, w):
    a, w = num(a), num(w)
    if a.dtype.kind == "c" or w.dtype.kind == "c":
        with np.errstate(all="ignore"):
            q = np.where(a == 0, 0, w / np.where(a == 0, 1, a))
            fl = complex_floor(q)
            return tidy_numeric(np.where(a == 0, w, w - a * fl))
    if _is_int(a) and _is_int(w):
        safe = np.where(a == 0, 1, a)
        return np.asarray(np.where(a == 0, w, np.mod(w, safe)))
    ct = current().ct
    with np.errstate(all="ignore"):
        af, wf = a.astype(FLOAT), w.astype(FLOAT)
        safe = np.where(af == 0, 1.0, af)
        q = wf / safe
        near = np.abs(q - np.rint(q)) <= ct * np.maximum(1.0, np.abs(q))
        r = wf - safe * np.floor(q)
        r = np.where(near, 0.0, r)
        return np.asarray(np.where(af == 0, wf, r))


def complex_floor(z):
    """McDonnell's complex floor, as APL defines it."""
    z = np.asarray(z, dtype=COMPLEX)
    fr, fi = np.floor(z.real), np.floor(z.imag)
    xr, xi = z.real - fr, z.imag - fi
    bump = (xr + xi) >= 1
    return np.where(bump & (xr >= xi), fr + 1 + 1j * fi,
                    np.where(bump, fr + 1j * (fi + 1), fr + 1j * fi))


def floor(w):
    w = num(w)
    if _is_int(w):
        return w
    if w.dtype.kind == "c":
        return tidy_numeric(complex_floor(w))
    ct = current().ct
    r = np.floor(w)
    near = (r + 1 - w) <= ct * np.maximum(1.0, np.abs(w))
    return _int_or_float(np.where(near, r + 1, r))


def ceiling(w):
    w = num(w)
    if _is_int(w):
        return w
    if w.dtype.kind == "c":
        return negate(floor(negate(w)))
    ct = current().ct
    r = np.ceil(w)
    near = (w - (r - 1)) <= ct * np.maximum(1.0, np.abs(w))
    return _int_or_float(np.where(near, r - 1, r))


def maximum(a, w):
    a, w = _real(a), _real(w)
    return np.asarray(np.maximum(a, w))


def minimum(a, w):
    a, w = _real(a), _real(w)
    return np.asarray(np.minimum(a, w))


# ------------------------------------------------------------------ factorial, binomial
def _gamma_int_ok(x):
    return x.dtype.kind in "iub"


def factorial(w):
    w = _real(w)
    if _gamma_int_ok(w):
        if np.any(w < 0):
            raise DomainError("factorial of a negative integer")
        if w.size and np.max(w) <= 20:
            table = np.array([math.factorial(i) for i in range(21)], dtype=INT)
            return table[w]
    wf = w.astype(FLOAT)
    if np.any((wf < 0) & (wf == np.floor(wf))):
        raise DomainError("factorial of a negative integer")
    out = np.vectorize(lambda x: math.gamma(x + 1) if x + 1 < 171.7 else math.inf, otypes=[FLOAT])(wf)
    return _finite(out)


def binomial(a, w):
    a, w = _real(a), _real(w)
    if _gamma_int_ok(a) and _gamma_int_ok(w):
        out = np.vectorize(_binomial_int, otypes=[object])(a, w)
        vals = [int(v) for v in out.ravel()]
        if all(-(2**63) <= v < 2**63 for v in vals):
            return np.array(vals, dtype=INT).reshape(out.shape)
        return _finite(np.array(vals, dtype=FLOAT).reshape(out.shape))
    out = np.vectorize(_binomial_real, otypes=[FLOAT])(a.astype(FLOAT), w.astype(FLOAT))
    return _finite(out)


def _binomial_int(k, n):
    k, n = int(k), int(n)
    if n >= 0:
        return math.comb(n, k) if 0 <= k <= n else 0
    if k >= 0:  # negative n: (-1)^k × C(k-n-1, k)
        return (-1) ** k * math.comb(k - n - 1, k)
    if k <= n:
        return (-1) ** (n - k) * math.comb(-k - 1, n - k)
    return 0


def _binomial_real(k, n):
    def g(x):
        if x <= 0 and x == math.floor(x):
            return math.inf
        return math.gamma(x)

    num_, d1, d2 = g(n + 1), g(k + 1), g(n - k + 1)
    if math.isinf(num_):
        if math.isinf(d1) or math.isinf(d2):
            raise DomainError("binomial undefined")
        raise DomainError("binomial undefined")
    if math.isinf(d1) or math.isinf(d2):
        return 0.0
    return num_ / (d1 * d2)


# ------------------------------------------------------------------ circular
def pi_times(w):
    w = num(w)
    return _finite(np.pi * w)


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
        -4: lambda x: (x + 1) * s((x - 1) / (x + 1)),
        -5: np.arcsinh, -6: np.arccosh, -7: np.arctanh,
        -8: lambda x: -s(-1 - x * x),
        -9: lambda x: x, -10: np.conj,
        -11: lambda x: x * 1j, -12: lambda x: np.exp(1j * x),
    }
    if k not in table:
        raise DomainError(f"{k}○ is not a circular function")
    return table[k]


def circular(a, w):
    a = num(a)
    w = num(w)
    from ..arrays import to_ints

    ks = to_ints(a, "left argument of ○")
    wf = w if w.dtype.kind in "fc" else w.astype(FLOAT)
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
    r = np.asarray(f(x))
    if r.dtype.kind == "f" and not np.all(np.isfinite(r)) and x.dtype.kind != "c":
        # outside the real domain (e.g. ¯1○2): answer in the complex plane, as APL does
        r = np.asarray(f(x.astype(COMPLEX)))
    if k in (9, 10, 11, 12) and r.dtype.kind == "f":
        return _finite(r)
    return _finite(r)


# ------------------------------------------------------------------ logic
def _bool(x, what="boolean argument expected"):
    if x.dtype == BOOL:
        return x
    if x.dtype.kind in "iu":
        if np.any((x != 0) & (x != 1)):
            raise DomainError(what)
        return x.astype(BOOL)
    if x.dtype.kind == "f":
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
    if _is_int(a) and _is_int(w):
        return np.asarray(np.gcd(a, w))
    out = np.vectorize(_gcd_real, otypes=[COMPLEX if "c" in (a.dtype.kind, w.dtype.kind) else FLOAT])(a, w)
    return tidy_numeric(out)


def lcm(a, w):
    if _is_int(a) and _is_int(w):
        with np.errstate(all="ignore"):
            f = np.abs(a.astype(FLOAT) * w) / np.maximum(np.gcd(a, w), 1)
            if f.size and np.max(f) >= _BIG:
                return _finite(f * np.sign(a) * np.sign(w))
        return np.asarray(np.lcm(a, w) * np.sign(a) * np.sign(w))
    g = gcd(a, w)
    with np.errstate(all="ignore"):
        return _finite(np.where(g == 0, 0, a * w / np.where(g == 0, 1, g)))


def _gcd_real(x, y):
    ct = 1e-10
    x, y = abs(x), abs(y)
    while abs(y) > ct * max(1.0, abs(x)):
        x, y = y, x - y * math.floor((x / y).real if isinstance(x / y, complex) else x / y)
    return x


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
    w = to_ints_checked(w)
    rng = current().rng
    if np.any(w < 0):
        raise DomainError("? needs non-negative integers")
    io = current().io
    zero = w == 0
    ints = rng.integers(0, np.where(zero, 1, w), size=w.shape) + io
    if np.any(zero):
        floats = rng.random(size=w.shape)
        return np.asarray(np.where(zero, floats, ints))
    return np.asarray(ints, dtype=INT)


def to_ints_checked(w):
    from ..arrays import to_ints

    return to_ints(num(w), "argument of ?")


def not_supported(name):
    def f(*args):
        raise NonceError(f"{name} is not supported")

    return f
