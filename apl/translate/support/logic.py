"""APL's logical and comparison scalar functions for a generated module: ~ ∧ ∨ ⍲ ⍱
(the GCD and LCM of other numbers) and = ≠ < ≤ ≥ >, tolerant (⎕CT) as the
interpreter's are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import (
    CT,
    TOLERANT_FROM,
    as_float,
    boolean,
    finite,
    is_boolean,
    is_int,
    num,
    pervasive,
    real,
)
from .scalar import times_kernel

if TYPE_CHECKING:
    import torch


def logical_not(w):
    """APL ~w."""
    return ~boolean(w)


def gcd(a, w):
    """APL a∨w on numbers: the greatest common divisor, never negative (tolerant for
    floats: through the continued fraction of the smaller over the larger)."""
    a, w = num(a), num(w)
    if a.is_complex() or w.is_complex():
        raise ValueError("∨ and ∧ of complex numbers are not translated")
    if is_int(a) and is_int(w):
        g = torch.gcd(a, w)
        if not bool((g < 0).any()):
            return g
    x, y = torch.broadcast_tensors(as_float(a).abs(), as_float(w).abs())
    finite(x), finite(y)
    hi, lo = torch.maximum(x, y), torch.minimum(x, y)
    t = torch.where(hi == 0, 0.0, lo / torch.where(hi == 0, 1.0, hi))
    h1, h2 = torch.ones_like(t), torch.zeros_like(t)
    k1, k2 = torch.zeros_like(t), torch.ones_like(t)
    z, q = t, torch.ones_like(t)
    live = torch.ones(t.shape, dtype=torch.bool)
    for _ in range(200):
        an = torch.floor(z)
        h, k = an * h1 + h2, an * k1 + k2
        done = live & ((t - h / k).abs() <= max(CT, 1e-15) * t)
        q = torch.where(done, k, q)
        live = live & ~done
        frac = z - an
        stuck = live & (frac == 0)
        q = torch.where(stuck, k, q)
        live = live & ~stuck
        if not bool(live.any()):
            break
        z = torch.where(live, 1 / torch.where(frac == 0, 1.0, frac), z)
        h1, h2, k1, k2 = h, h1, k, k1
    return torch.where(lo == 0, hi, hi / q)


def apl_or_kernel(a, w):
    """APL a∨w: logical or of booleans, the greatest common divisor of other
    numbers."""
    if is_boolean(a) and is_boolean(w):
        return boolean(a) | boolean(w)
    return gcd(a, w)


apl_or = pervasive(apl_or_kernel, "apl_or")


def apl_and_kernel(a, w):
    """APL a∧w: logical and of booleans, the least common multiple of other numbers
    (a×w÷a∨w)."""
    if is_boolean(a) and is_boolean(w):
        return boolean(a) & boolean(w)
    g = gcd(a, w)
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        return times_kernel(
            torch.where(
                g == 0,
                0,
                torch.div(a, torch.where(g == 0, 1, g), rounding_mode="floor"),
            ),
            w,
        )
    return finite(torch.where(g == 0, 0, a * (w / torch.where(g == 0, 1, g))))


apl_and = pervasive(apl_and_kernel, "apl_and")


def nand_kernel(a, w):
    """APL a⍲w."""
    return ~(boolean(a) & boolean(w))


nand = pervasive(nand_kernel, "nand")


def nor_kernel(a, w):
    """APL a⍱w."""
    return ~(boolean(a) | boolean(w))


nor = pervasive(nor_kernel, "nor")


def tolerant_equal(a, w):
    """|a-w| ≤ ⎕CT×(|a|)⌈|w|."""
    return (a == w) | ((a - w).abs() <= CT * torch.maximum(a.abs(), w.abs()))


def huge(a, w):
    """Whether integers are so large on both sides that ⎕CT matters."""
    return all(x.numel() and float(x.abs().max()) >= TOLERANT_FROM for x in (a, w))


def equal_kernel(a, w):
    """APL a=w: tolerant for floats (and for integers beyond 2*31)."""
    a, w = num(a), num(w)
    if is_int(a) and is_int(w):
        if huge(a, w):
            return tolerant_equal(a.double(), w.double()) | (a == w)
        return a == w
    return tolerant_equal(a, w)


equal = pervasive(equal_kernel, "equal")


def not_equal_kernel(a, w):
    """APL a≠w."""
    return ~equal_kernel(a, w)


not_equal = pervasive(not_equal_kernel, "not_equal")


def less_kernel(a, w):
    """APL a<w: and not tolerantly equal."""
    a, w = real(a), real(w)
    if is_int(a) and is_int(w) and not huge(a, w):
        return a < w
    return (a < w) & ~tolerant_equal(as_float(a), as_float(w))


less = pervasive(less_kernel, "less")


def less_equal_kernel(a, w):
    """APL a≤w: or tolerantly equal."""
    a, w = real(a), real(w)
    if is_int(a) and is_int(w) and not huge(a, w):
        return a <= w
    return (a <= w) | tolerant_equal(as_float(a), as_float(w))


less_equal = pervasive(less_equal_kernel, "less_equal")


def greater_kernel(a, w):
    """APL a>w."""
    return less_kernel(w, a)


greater = pervasive(greater_kernel, "greater")


def greater_equal_kernel(a, w):
    """APL a≥w."""
    return less_equal_kernel(w, a)


greater_equal = pervasive(greater_equal_kernel, "greater_equal")


def comparable(a, w):
    """Floats to compare: booleans as float64, and a tensor narrower than float64 widened
    where the Python number beside it is beyond its range (torch would refuse to convert it)."""
    a, w = (x.double() if isinstance(x, torch.Tensor) and x.dtype == torch.bool else x for x in (a, w))
    if isinstance(a, torch.Tensor) != isinstance(w, torch.Tensor):
        t, n = (a, w) if isinstance(a, torch.Tensor) else (w, a)
        if abs(n) > 65504.0 and t.dtype != torch.float64 and abs(n) > torch.finfo(t.dtype).max:
            return (t.double(), n) if t is a else (n, t.double())
    return a, w


def close(a, w):
    """Whether floats are within ⎕CT of each other (relatively), for functions written
    for float tensors: tensors of one shape, or a Python number on one side."""
    a, w = comparable(a, w)
    if not isinstance(a, torch.Tensor):
        scale = torch.clamp(abs(w), min=abs(a))
    elif not isinstance(w, torch.Tensor):
        scale = torch.clamp(abs(a), min=abs(w))
    else:
        scale = torch.maximum(abs(a), abs(w))
    return abs(a - w) <= CT * scale


def float_less(a, w):
    """a<w for floats (see close): less, and not tolerantly equal."""
    a, w = comparable(a, w)
    return (a < w) & ~close(a, w)


def float_less_equal(a, w):
    """a≤w for floats (see close): less, or tolerantly equal."""
    a, w = comparable(a, w)
    return (a <= w) | close(a, w)


def near_floats(x, y):
    """close's rule for two Python floats (float64: the same arithmetic)."""
    return abs(x - y) <= CT * max(abs(x), abs(y))


def host_close(a, w):
    """close for two float64 scalars (0-d tensors or Python numbers), on the host: one read of
    each instead of eight tensor operations."""
    return torch.tensor(near_floats(float(a), float(w)))


def host_less(a, w):
    """float_less for two float64 scalars, on the host (see host_close)."""
    x, y = float(a), float(w)
    return torch.tensor(x < y and not near_floats(x, y))


def host_less_equal(a, w):
    """float_less_equal for two float64 scalars, on the host (see host_close)."""
    x, y = float(a), float(w)
    return torch.tensor(x <= y or near_floats(x, y))
