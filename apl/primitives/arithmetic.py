"""Arithmetic scalar functions: + - × ÷ * ⍟ | ⌈ ⌊, and the numeric helpers every scalar function uses.

Each kernel takes simple arrays already brought to a common shape (or 0-d) and returns an
array. Integer results stay integer and overflow promotes to float, as in APL; results that
would be infinite or undefined are DOMAIN ERRORs, since APL has no inf or NaN (`finite`).

Definitions follow Dyalog's Language Reference: `0÷0` is 1, `X|Y` takes the sign of X and is
`Y-X×⌊Y÷X` (McDonnell's complex floor for complex numbers), `X*Y` is `*Y×⍟X` (so a negative base
with a fractional exponent gives a complex result); floor and residue are tolerant (⎕CT).
The other scalar functions live beside this module: factorial.py (!), circular.py (○),
logic.py (~ ∧ ∨ ⍲ ⍱), comparison.py (= ≠ < ≤ ≥ >) and random_numbers.py (?).
"""
from __future__ import annotations

import operator

import numpy as np

from ..arrays import tidy_numeric
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
    widen,
)
from ..errors import DomainError
from ..settings import current

# ------------------------------------------------------------------ helpers shared by the scalar functions
BIG = 9.2e18  # below 2**63 with room for rounding: int64 results under this are exact
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


def finite(r):
    """r, refused (DOMAIN ERROR) where an item is infinite or NaN; complex r with no imaginary
    part made real. (Few calls on the way: it follows every float operation, often right after
    a long one, when each call runs from cold caches.)"""
    r = arr(r)
    k = kind(r)
    if k != "f" and k != "c":
        return r
    bk = backend_of(r)
    if bk.lazy:  # Dask: each chunk is checked when it is computed
        if size(r):
            r = bk.require_finite(r, "result is not a finite number")
    elif not bk.all_finite(r):  # (true of an empty r)
        raise DomainError("result is not a finite number")
    return r if k == "f" else tidy_numeric(r)


def _finite_from(r, a, w, bound):
    """finite(r) for r = a f w; when broadcasting made r larger than its arguments (an outer
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
    return finite(r)


def _float_max(r) -> float:
    return float(np.finfo(np.float32).max) if str(r.dtype).endswith("float32") else float(np.finfo(np.float64).max)


def is_int(x) -> bool:
    return kind(x) in "iub"


def _float(x):
    """x as float64 (or complex128 when complex; a torch session's float dtype on torch)."""
    return as_float(x)


def _int_or_float(r):
    """Floats that are whole and fit become int64 (floor, ceiling, rounding results)."""
    xp = namespace(r)
    if size(r) and allb(xp.abs(r) < BIG):
        return as_int(r)
    return r if size(r) else as_int(r)


def whole(x):
    """Which items are (exactly) whole numbers."""
    bk = backend_of(x)
    xp = bk.xp
    if is_int(x):
        return xp.ones(x.shape, dtype=bk.BOOL, device=device_of(x))
    if kind(x) == "c":
        re = xp.real(x)
        return (bk.imag(x) == 0) & (re == xp.floor(re))
    with np.errstate(invalid="ignore"):
        return x == xp.floor(x)

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
        if is_int(a) and is_int(w):
            r = arr(a + w)
            if _cannot_overflow(a, w, operator.add):
                return r
            if anyb(((a ^ r) & (w ^ r)) < 0):
                return finite(_float(a) + _float(w))
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
        if is_int(a) and is_int(w):
            r = arr(a - w)
            if _cannot_overflow(a, w, operator.add):
                return r
            if anyb(((a ^ w) & (a ^ r)) < 0):
                return finite(_float(a) - _float(w))
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
        if is_int(a) and is_int(w):
            if _cannot_overflow(a, w, operator.mul):
                return arr(a * w)
            f = arr(_float(a) * w)
            if size(f) and float(namespace(f).max(namespace(f).abs(f))) >= _PRODUCT_LIMIT \
                    and not _products_fit(a, w):
                return finite(f)
            return arr(a * w)
        return _finite_from(a * w, a, w, lambda x, y: x * y)


def _products_fit(a, w) -> bool:
    """Whether every int64 product a×w fits an int64, asked where the float products came so near
    2*63 that their rounding cannot tell (¯1+2*63 times 1): the wrapped product divided back by w
    gives a again exactly when it fits (¯2*63×¯1, whose quotient overflows too, never does)."""
    xp = namespace(a, w)
    r = a * w
    nonzero = w != 0
    back = r // xp.where(nonzero, w, 1)
    return allb(~nonzero | ((back == a) & ~((a == _INT_MIN) & (w == -1))))


def reciprocal(w):
    w = num(w)
    bk = backend_of(w)
    if current().div:  # ⎕DIV←1: ÷0 is 0
        zero = w == 0
        return _divide_by_zero_is_zero(bk.xp.where(zero, 0, 1), w, zero, bk)
    if bk.lazy:  # checked on each chunk when it is computed
        w = bk.refuse(w, w == 0, DomainError, "divide by zero")
    elif anyb(w == 0):
        raise DomainError("divide by zero")
    with np.errstate(all="ignore"):
        return finite(backend_of(w).divide(1, _float(w)))


def divide(a, w):
    """X÷Y; 0÷0 is 1 (⎕DIV=0), any other division by zero is a DOMAIN ERROR; with ⎕DIV←1 every
    division by zero is 0."""
    a, w = num(a), num(w)
    zero = w == 0
    bk = backend_of(a, w)
    if current().div:
        return _divide_by_zero_is_zero(a, w, zero, bk)
    if bk.lazy and not (size(w) == 1 and not anyb(zero)):  # checked on each chunk when computed
        xp = bk.xp
        with np.errstate(all="ignore"):
            r = bk.divide(_float(xp.where(zero, 1, a)), xp.where(zero, 1, w))
        return finite(bk.refuse(r, zero & (a != 0), DomainError, "divide by zero"))
    if anyb(zero):
        if anyb(zero & (a != 0)):
            raise DomainError("divide by zero")
        xp = namespace(a, w)
        a = xp.where(zero, 1, a)
        w = xp.where(zero, 1, w)
    with np.errstate(all="ignore"):
        return finite(backend_of(a, w).divide(_float(a), w))


def _divide_by_zero_is_zero(a, w, zero, bk):
    """a÷w under ⎕DIV←1: 0 where w is 0 (Dyalog: "division by 0 returns 0")."""
    xp = bk.xp
    if not (bk.lazy or anyb(zero)):
        with np.errstate(all="ignore"):
            return finite(bk.divide(_float(a), w))
    with np.errstate(all="ignore"):
        r = bk.divide(_float(xp.where(zero, 0, a)), xp.where(zero, 1, w))
    return finite(r)


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
        return finite(r)


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
        if is_int(a) and is_int(w) and not anyb(w < 0):
            f = arr(xp.pow(_float(a), w))
            if not size(f) or float(xp.max(xp.abs(f))) < _PRODUCT_LIMIT:
                return arr(xp.pow(a, w))
            return finite(f)
        zero_base = a == 0
        bk = backend_of(a, w)
        if bk.lazy:  # checked on each chunk of the larger side when it is computed
            bad = zero_base & (xp.real(w) < 0)
            if size(a) >= size(w):
                a = bk.refuse(a, bad, DomainError, "0 to a negative power")
            else:
                w = bk.refuse(w, bad, DomainError, "0 to a negative power")
        elif anyb(zero_base & (xp.real(w) < 0)):
            raise DomainError("0 to a negative power")
        if kind(a) != "c" and kind(w) != "c":
            af, wf = _float(a), _float(w)
            if wf.ndim == 0 and not bk.lazy and not getattr(wf, "requires_grad", False) and float(wf) == 0.5 \
                    and not anyb(af < 0):
                # X*0.5 is X's square root (NumPy's correctly rounded; torch's as its own x**0.5
                # and the translator's code compute it): two to three times as fast as the power,
                # and finite where X is. (Not for an exponent that carries a gradient: its
                # derivative would be lost.)
                return xp.sqrt(af)
            neg, fractional = af < 0, wf != xp.floor(wf)
            # a one-item side read first: X*2 or 2*X never reads the other side
            if (size(af) == 1 and not anyb(neg)) or (size(wf) == 1 and not anyb(fractional)) \
                    or not anyb(neg & fractional):
                return finite(xp.pow(af, wf))
            # a negative base to a fractional power: |X|*Y at angle πY
            mag = xp.pow(xp.abs(af), wf)
            c, s = _cispi(wf)
            neg = xp.where(af < 0, mag * c + 1j * (mag * s), xp.pow(af, wf))
            return finite(neg)
        ac, wc = as_complex(a), as_complex(w)
        if kind(w) != "c" and size(w) and allb(whole(w)) and float(backend_of(w).absmax(w)) <= 4096:
            r = _whole_power(ac, w)  # by multiplication: Gaussian integers stay exact (0J1*2 is ¯1)
        else:
            r = backend_of(ac, wc).complex_pow(ac, wc)  # NumPy's order of operations on torch too
        if anyb(zero_base):
            # 0*Y is 1 for Y=0 and 0 when the real part of Y is positive; else undefined
            r = xp.where(zero_base & (wc == 0), 1, xp.where(zero_base & (xp.real(wc) > 0), 0, r))
        return finite(r)


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
    bk = backend_of(w)
    xp = bk.xp
    if bk.lazy:  # checked on each chunk when it is computed
        w = bk.refuse(w, w == 0, DomainError, "log of zero")
    elif anyb(w == 0):
        raise DomainError("log of zero")
    with np.errstate(all="ignore"):
        if kind(w) != "c" and anyb(w < 0):
            return finite(xp.log(as_complex(w)))
        return finite(xp.log(_float(w)))


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
    if is_int(a) and is_int(w):
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
    if is_int(w):
        return w
    bk = backend_of(w)
    xp = bk.xp
    if kind(w) == "c":
        ct = current().ct
        n = xp.round(xp.real(w)) + 1j * xp.round(bk.imag(w))
        near = xp.abs(w - n) <= ct * xp.maximum(xp.abs(w), xp.abs(n))
        return tidy_numeric(arr(xp.where(near, n, complex_floor(w))))
    if bk.lazy:  # checked on each chunk when it is computed
        w = bk.require_finite(w, "floor of a non-finite number")
    elif size(w) and not allb(xp.isfinite(w)):
        raise DomainError("floor of a non-finite number")
    ct = current().ct
    n = xp.round(w)
    near = xp.abs(n - w) <= ct * xp.maximum(xp.abs(n), xp.abs(w))
    return _int_or_float(arr(xp.where(near, n, xp.floor(w))))


def ceiling(w):
    w = num(w)
    if is_int(w):
        return w
    return negate(floor(negate(w)))


def maximum(a, w):
    a, w = _real(a), _real(w)
    return arr(namespace(a, w).maximum(a, w))


def minimum(a, w):
    a, w = _real(a), _real(w)
    return arr(namespace(a, w).minimum(a, w))
