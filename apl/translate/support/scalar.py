"""APL's arithmetic scalar functions for a generated module (+ - × ÷ * ⍟ | ⌈ ⌊ ! ○),
on arguments whose types or shapes are known only at run time.

They follow the interpreter's definitions (apl/primitives/arithmetic.py,
factorial.py and circular.py) for boolean, int64, float64 and complex128 tensors:
integers that overflow become floats, no infinities (DOMAIN ERROR), 0÷0 is 1,
tolerant floor and residue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import (
    BIG,
    CT,
    APLError,
    as_float,
    finite,
    is_int,
    num,
    pervasive,
    real,
    whole,
)

if TYPE_CHECKING:
    import torch


def plus_kernel(a, w):
    """APL a+w: integers that overflow become floats."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        r = a + w
        if bool((((a ^ r) & (w ^ r)) < 0).any()):
            return finite(a.double() + w.double())
        return r
    return finite(a + w)


plus = pervasive(plus_kernel, "plus")


def minus_kernel(a, w):
    """APL a-w: integers that overflow become floats."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        r = a - w
        if bool((((a ^ w) & (a ^ r)) < 0).any()):
            return finite(a.double() - w.double())
        return r
    return finite(a - w)


minus = pervasive(minus_kernel, "minus")


def times_kernel(a, w):
    """APL a×w: integers that overflow become floats."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        f = a.double() * w
        if f.numel() and float(f.abs().max()) >= 2.0**63 - 8192:
            return finite(f)
        return a * w
    return finite(a * w)


times = pervasive(times_kernel, "times")


def divide_kernel(a, w):
    """APL a÷w: 0÷0 is 1; any other division by zero is a DOMAIN ERROR."""
    a, w = num(a), num(w)
    zero = w == 0
    if bool(zero.any()):
        if bool((zero & (a != 0)).any()):
            raise APLError("DOMAIN ERROR: divide by zero")
        a, w = torch.where(zero, 1, a), torch.where(zero, 1, w)
    if not (a.is_complex() or w.is_complex()):
        return finite(as_float(a) / w)
    # complex quotients by Smith's method, as NumPy computes them (z÷z is exactly 1)
    a, w = torch.broadcast_tensors(a.to(torch.complex128), w.to(torch.complex128))
    ar, ai, wr, wi = a.real, a.imag, w.real, w.imag
    by_re = wr.abs() >= wi.abs()
    c, d = torch.where(by_re, wr, wi), torch.where(by_re, wi, wr)
    rat = d / c
    scl = 1.0 / (c + d * rat)
    re = torch.where(by_re, (ar + ai * rat) * scl, (ar * rat + ai) * scl)
    im = torch.where(by_re, (ai - ar * rat) * scl, (ai * rat - ar) * scl)
    return finite(torch.complex(re, im))


divide = pervasive(divide_kernel, "divide")


def negate(w):
    """APL -w (the most negative integer has no negation in int64: a float)."""
    w = num(w)
    if w.dtype == torch.int64 and bool((w == -(2**63)).any()):
        return -w.double()
    return -w


def magnitude(w):
    """APL |w."""
    w = num(w)
    if w.dtype == torch.int64 and bool((w == -(2**63)).any()):
        return w.double().abs()
    return w.abs()


def signum(w):
    """APL ×w: ¯1 0 1 as integers (⍵÷|⍵ for complex numbers)."""
    w = num(w)
    if w.is_complex():
        return finite(torch.sgn(w))
    return torch.sign(w).long()


def reciprocal(w):
    """APL ÷w."""
    w = num(w)
    if bool((w == 0).any()):
        raise APLError("DOMAIN ERROR: divide by zero")
    return finite(1 / as_float(w))


def exp(w):
    """APL *w (exact where the imaginary part is a multiple of π÷2, as the
    interpreter is: 0=1+*○0J1)."""
    w = as_float(w)
    r = torch.exp(w)
    if w.is_complex():
        t = w.imag / torch.pi
        quarter = (t * 2 == torch.round(t * 2)) & (t != 0)
        if bool(quarter.any()):
            c, s = cispi(torch.where(quarter, t, 0.0))
            m = torch.exp(w.real)
            r = torch.where(quarter, torch.complex(m * c, m * s), r)
    return finite(r)


def ln(w):
    """APL ⍟w: the logarithm of a negative number is complex."""
    w = num(w)
    if bool((w == 0).any()):
        raise APLError("DOMAIN ERROR: log of zero")
    if not w.is_complex() and bool((w < 0).any()):
        return finite(torch.log(w.to(torch.complex128)))
    return finite(torch.log(as_float(w)))


def log_kernel(a, w):
    """APL a⍟w: (⍟w)÷⍟a."""
    return divide_kernel(ln(w), ln(a))


log = pervasive(log_kernel, "log")


def cispi(t):
    """(cos πt, sin πt), exact where 2t is whole."""
    t = torch.remainder(t, 2.0)
    c, s = torch.cos(torch.pi * t), torch.sin(torch.pi * t)
    c = torch.where(
        (t == 0.5) | (t == 1.5),
        0.0,
        torch.where(t == 0, 1.0, torch.where(t == 1, -1.0, c)),
    )
    s = torch.where(
        (t == 0) | (t == 1),
        0.0,
        torch.where(t == 0.5, 1.0, torch.where(t == 1.5, -1.0, s)),
    )
    return c, s


def power_kernel(a, w):
    """APL a*w: 1 where w is 0; 0 to a negative power is a DOMAIN ERROR; a negative
    base to a fractional power is complex; integer powers that overflow become
    floats."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w) and not bool((w < 0).any()):
        f = torch.pow(a.double(), w)
        if not f.numel() or float(f.abs().max()) < 2.0**63 - 8192:
            return torch.pow(a, w)
        return finite(f)
    if bool(((a == 0) & (w.real < 0 if w.is_complex() else w < 0)).any()):
        raise APLError("DOMAIN ERROR: 0 to a negative power")
    if not a.is_complex() and not w.is_complex():
        af, wf = as_float(a), as_float(w)
        frac = (af < 0) & (wf != torch.floor(wf))
        if not bool(frac.any()):
            return finite(torch.pow(af, wf))
        mag = torch.pow(af.abs(), wf)
        c, s = cispi(wf)
        return finite(
            torch.where(
                af < 0,
                torch.complex(mag * c, mag * s),
                torch.pow(af, wf).to(torch.complex128),
            )
        )
    r = torch.pow(a.to(torch.complex128), w.to(torch.complex128))
    wc = w.to(torch.complex128)
    r = torch.where(
        (a == 0) & (wc == 0), 1, torch.where((a == 0) & (wc.real > 0), 0, r)
    )
    return finite(r)


power = pervasive(power_kernel, "power")


def residue_kernel(a, w):
    """APL a|w: w-a×⌊w÷a (tolerantly), w where a is 0; the sign of a."""
    a, w = num(a), num(w)
    if a.is_complex() or w.is_complex():
        raise ValueError("| of complex numbers is not translated")
    if is_int(a) and is_int(w):
        return torch.where(a == 0, w, torch.remainder(w, torch.where(a == 0, 1, a)))
    af, wf = as_float(a), as_float(w)
    safe = torch.where(af == 0, 1.0, af)
    q = wf / safe
    n = torch.round(q)
    near = (q - n).abs() <= CT * torch.maximum(q.abs(), n.abs())
    r = torch.where(near, 0.0, wf - safe * torch.floor(q))
    return finite(torch.where(af == 0, wf, r))


residue = pervasive(residue_kernel, "residue")


def floor(w):
    """APL ⌊w: tolerant (a number within ⎕CT of an integer is that integer); int64
    when every item fits."""
    w = num(w)
    if is_int(w):
        return w
    if w.is_complex():
        raise ValueError("⌊ of complex numbers is not translated")
    finite(w)
    n = torch.round(w)
    near = (n - w).abs() <= CT * torch.maximum(n.abs(), w.abs())
    r = torch.where(near, n, torch.floor(w))
    if not r.numel() or bool((r.abs() < BIG).all()):
        return r.long()
    return r


def ceiling(w):
    """APL ⌈w: -⌊-w."""
    w = num(w)
    if is_int(w):
        return w
    return negate(floor(negate(w)))


def maximum_kernel(a, w):
    """APL a⌈w."""
    return torch.maximum(real(a), real(w))


maximum = pervasive(maximum_kernel, "maximum")


def minimum_kernel(a, w):
    """APL a⌊w."""
    return torch.minimum(real(a), real(w))


minimum = pervasive(minimum_kernel, "minimum")


def pi_times(w):
    """APL ○w."""
    return finite(torch.pi * as_float(w))


def conjugate(w):
    """APL +w."""
    w = num(w)
    return torch.conj_physical(w) if w.is_complex() else w


CIRCLES = {  # k○x for real or complex x (torch's functions are looked up when called)
    0: lambda x: torch.sqrt(1 - x * x),
    1: lambda x: torch.sin(x),
    2: lambda x: torch.cos(x),
    3: lambda x: torch.tan(x),
    4: lambda x: torch.sqrt(1 + x * x),
    5: lambda x: torch.sinh(x),
    6: lambda x: torch.cosh(x),
    7: lambda x: torch.tanh(x),
    8: lambda x: torch.sqrt(-1 - x * x),
    9: lambda x: torch.real(x),
    10: lambda x: torch.abs(x),
    11: lambda x: torch.imag(x) if x.is_complex() else torch.zeros_like(x),
    12: lambda x: torch.angle(x),
    -1: lambda x: torch.asin(x),
    -2: lambda x: torch.acos(x),
    -3: lambda x: torch.atan(x),
    -4: lambda x: torch.where(
        x == -1, 0, (x + 1) * torch.sqrt((x - 1) / torch.where(x == -1, 1, x + 1))
    ),
    -5: lambda x: torch.asinh(x),
    -6: lambda x: torch.acosh(x),
    -7: lambda x: torch.atanh(x),
    -8: lambda x: -torch.sqrt(-1 - x * x),
}


def circle_kernel(a, w):
    """APL a○w for a in ¯8…12: outside a function's real domain (¯1○2) the complex
    value."""
    a, w = num(a), as_float(w)
    if a.is_complex() and not bool((a.imag != 0).any()):
        a = a.real
    if not is_int(a):
        r = torch.round(a.real if a.is_complex() else a)
        if a.is_complex() or not bool(
            ((a - r).abs() <= 1e-10 * a.abs().clamp(min=1)).all()
        ):
            raise APLError("DOMAIN ERROR: ○ needs whole numbers on the left")
        a = r.long()
    out = None
    for k in torch.unique(a).tolist():
        if int(k) not in CIRCLES:
            raise ValueError(f"{int(k)}○ is not translated")
        f = CIRCLES[int(k)]
        r = f(w)
        if not w.is_complex() and r.is_floating_point():
            bad = torch.isnan(r) & ~torch.isnan(w)
            if bool(bad.any()):
                r = torch.where(bad, f(w.to(torch.complex128)), r.to(torch.complex128))
        if out is None and a.ndim == 0:
            return finite(r)
        r = torch.broadcast_to(r, torch.broadcast_shapes(a.shape, w.shape))
        out = (
            r.to(torch.complex128)
            if out is None
            else torch.where(a == k, r.to(out.dtype), out)
        )
    if out is None:
        return torch.zeros(
            torch.broadcast_shapes(a.shape, w.shape), dtype=torch.float64
        )
    return finite(out)


circle = pervasive(circle_kernel, "circle")


LANCZOS = (
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
)  # Lanczos's coefficients (g=7, 9 terms), as the interpreter's


def gamma(x):
    """Γ(x) for real x, by Lanczos's approximation as the interpreter computes it;
    the poles are infinite."""
    x = as_float(x)
    refl = x < 0.5
    z = torch.where(refl, 1 - x, x) - 1
    s = torch.full(z.shape, LANCZOS[0], dtype=x.dtype)
    for i in range(1, 9):
        s = s + LANCZOS[i] / (z + i)
    t = z + 7.0 + 0.5
    half = torch.pow(t, (z + 0.5) / 2)  # split so that it does not overflow early
    g = 2.5066282746310002 * half * (half * torch.exp(-t)) * s
    sin = torch.sin(torch.pi * x)
    r = torch.where(refl, torch.pi / (torch.where(sin == 0, torch.nan, sin) * g), g)
    return torch.where(refl & (x == torch.floor(x)), torch.inf, r)


def log_gamma(z):
    """Complex log Γ(z) (any branch), by Lanczos's approximation with reflection;
    poles are infinite."""
    z = z.to(torch.complex128)
    refl = z.real < 0.5
    y = torch.where(refl, 1 - z, z) - 1
    s = torch.full(y.shape, LANCZOS[0], dtype=torch.complex128)
    for i in range(1, 9):
        s = s + LANCZOS[i] / (y + i)
    t = y + 7.0 + 0.5
    lg = 0.9189385332046727 + (y + 0.5) * torch.log(t) - t + torch.log(s)
    sin = torch.sin(torch.pi * z)
    lr = (
        1.1447298858494002
        - torch.log(torch.where(sin == 0, complex(torch.nan), sin))
        - lg
    )
    out = torch.where(refl, lr, lg)
    pole = refl & (z.imag == 0) & (z.real == torch.floor(z.real))
    return torch.where(pole, complex(torch.inf), out)


def factorial(w):
    """APL !w: Γ(w+1); exact integers up to !20; negative integers are a DOMAIN
    ERROR."""
    w = num(w)
    if w.is_complex():
        raise ValueError("! of complex numbers is not translated")
    if bool((whole(w) & (w < 0)).any()):
        raise APLError("DOMAIN ERROR: factorial of a negative integer")
    if is_int(w):
        if not w.numel() or int(w.max()) <= 20:
            return factorials()[w].long()
        if int(w.max()) > 170:
            raise APLError("DOMAIN ERROR: the result is not a finite number")
        return factorials()[w]
    ints = whole(w) & (w <= 170)
    exact = factorials()[torch.where(ints, w, 0).long()]
    return finite(torch.where(ints, exact, gamma(w + 1)))


def factorials():
    """!0 … !170 as float64, each rounded once from the exact integer."""
    f, out = 1, []
    for i in range(171):
        f *= max(i, 1)
        out.append(float(f))
    return torch.tensor(out, dtype=torch.float64)


def binomial_kernel(a, w):
    """APL a!w: for whole numbers exactly (Dyalog's values where they are negative),
    other numbers through the log-gamma function, as the interpreter computes them.
    """
    a, w = num(a), num(w)
    if not a.numel() or not w.numel():
        return torch.zeros(torch.broadcast_shapes(a.shape, w.shape), dtype=torch.int64)
    if a.is_complex() or w.is_complex():
        raise ValueError("! of complex numbers is not translated")
    a, w = torch.broadcast_tensors(a, w)
    wa, ww = whole(a), whole(w)
    if bool((ww & (w < 0) & ~wa).any()):
        raise APLError(
            "DOMAIN ERROR: a!w needs a whole a where w is a negative integer"
        )
    both = wa & ww & (a.abs() <= 2**53) & (w.abs() <= 2**53)
    if bool(both.all()):
        return whole_binomial(a, w)
    ac, wc = a.to(torch.complex128), w.to(torch.complex128)
    d = wc - ac

    def negative_integer(z):
        return (z.imag == 0) & (z.real < 0) & (z.real == torch.floor(z.real))

    zero = (negative_integer(ac) | negative_integer(d)) & ~negative_integer(wc)
    if bool((negative_integer(wc) & ~zero & ~both).any()):
        raise APLError("DOMAIN ERROR: binomial undefined")
    lg = log_gamma(torch.where(zero, 0.5, wc) + 1) - log_gamma(
        torch.where(zero, 0.5, ac) + 1
    )
    lg = lg - log_gamma(torch.where(zero, 0.5, d) + 1)
    out = torch.where(zero, 0.0, torch.exp(lg).real)
    if bool(both.any()):
        exact = whole_binomial(torch.where(both, a, 0), torch.where(both, w, 0))
        out = torch.where(both, exact.double(), out)
    return finite(out)


def whole_binomial(a, w):
    """a!w for whole a and w, item by item in Python's integers: int64 while every
    value is below 2*62, floats beyond (Dyalog's table for negative arguments)."""
    values = []
    for k, n in zip(a.reshape(-1).tolist(), w.reshape(-1).tolist(), strict=False):
        k, n = int(k), int(n)
        if k < 0 <= n or (n >= 0 and k > n) or (k < 0 and n < 0 and n < k):
            values.append(0)
            continue
        if n >= 0:
            top, bottom, sign = n, k, 1
        elif k >= 0:
            top, bottom, sign = k - n - 1, k, -1 if k % 2 else 1
        else:
            top, bottom, sign = -k - 1, -n - 1, -1 if (n - k) % 2 else 1
        bottom = min(bottom, top - bottom)
        if bottom > 33:  # beyond int64: through log-gamma, as the interpreter does
            t = torch.tensor([top + 1.0, bottom + 1.0, top - bottom + 1.0])
            lg = log_gamma(t.double()).real
            values.append(sign * float(torch.exp(lg[0] - lg[1] - lg[2])))
            continue
        c = 1
        for i in range(1, bottom + 1):
            c = c * (top - bottom + i) // i
        values.append(sign * c)
    if all(isinstance(v, int) and abs(v) < 2**62 for v in values):
        return torch.tensor(values, dtype=torch.int64).reshape(a.shape)
    floats = [float(v) if abs(v) < 2**1000 else torch.inf for v in values]
    return finite(torch.tensor(floats, dtype=torch.float64).reshape(a.shape))


binomial = pervasive(binomial_kernel, "binomial")
