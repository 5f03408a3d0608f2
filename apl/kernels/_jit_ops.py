"""The operations the Numba kernels (_jit.py) are built of: one scalar operation on a pair of
items, and one operation along a whole row. Imported only by _jit.py.

Every operation takes the working dtype's values (int64 or float64; booleans arrive as int64 0/1)
and a runtime flag `is_int`; each is written so that it type-checks for both dtypes and the flag
picks the integer or float rule. An operation also reports "bad" as soon as a result would need
the interpreter's own handling: an int64 overflow (the interpreter gives floats), a DOMAIN ERROR
(x÷0, 0*¯1), a non-finite float, a complex power, ∧ ∨ of non-boolean floats.
"""
from __future__ import annotations

import numba
import numpy as np

from ._codes import (
    ADD,
    AND,
    DIV,
    EQ,
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

jit = numba.njit(cache=True, nogil=True)

# ------------------------------------------------------------------ scalar operations: (result, bad)
@jit
def add(x, y, is_int):
    r = x + y
    if is_int:
        return r, ((y > 0) and (x > MAXI - y)) or ((y < 0) and (x < MINI - y))
    return r, not abs(r) <= MAXF


@jit
def sub(x, y, is_int):
    r = x - y
    if is_int:
        return r, ((y < 0) and (x > MAXI + y)) or ((y > 0) and (x < MINI + y))
    return r, not abs(r) <= MAXF


@jit
def mul(x, y, is_int):
    r = x * y
    if is_int:
        return r, abs(float(x) * float(y)) >= PLIM
    return r, not abs(r) <= MAXF


@jit
def _div(x, y):
    """x÷y in float64: 0÷0 is 1, any other division by zero is bad."""
    if y == 0:
        return 1.0, x != 0
    r = x / y
    return r, not abs(r) <= MAXF


@jit
def _gcd_int(x, y):
    a = abs(x)
    b = abs(y)
    while b != 0:
        a, b = b, a % b
    return a


@jit
def gcd(x, y, is_int):
    if is_int:
        return _gcd_int(x, y), x == MINI or y == MINI
    # floats: only 0 and 1 (logical or); anything else is the interpreter's tolerant GCD
    return max(x, y), not ((x == 0 or x == 1) and (y == 0 or y == 1))


@jit
def lcm(x, y, is_int):
    if is_int:
        if x == MINI or y == MINI:
            return x, True
        g = _gcd_int(x, y)
        if g == 0:
            return x * 0, False
        q = x // g
        return q * y, abs(float(q) * float(y)) >= PLIM
    return min(x, y), not ((x == 0 or x == 1) and (y == 0 or y == 1))


@jit
def _teq(x, y, ct):
    """Tolerant equality |x-y| ≤ ⎕CT×(|x|⌈|y|)."""
    return x == y or abs(x - y) <= ct * max(abs(x), abs(y))


@jit
def _lt(x, y, ct, is_int):
    if is_int:
        return x < y
    return x < y and not _teq(x, y, ct)


@jit
def _le(x, y, ct, is_int):
    if is_int:
        return x <= y
    return x <= y or _teq(x, y, ct)


@jit
def _eq(x, y, ct, is_int):
    if is_int:
        return x == y
    return _teq(x, y, ct)


@jit
def _res_int(x, y):
    """x|y on integers: y where x is 0, else y mod x with the sign of x."""
    if x == 0:
        return y, False
    if x == 1 or x == -1:
        return y * 0, False
    return y % x, False


@jit
def _res_float(x, y, ct):
    """x|y on floats: y-x×⌊y÷x, 0 where y÷x is tolerantly whole, y where x is 0."""
    if x == 0:
        return y * 1.0, False
    q = y / x
    n = np.rint(q)
    if abs(q - n) <= ct * max(abs(q), abs(n)):
        return 0.0 * q, False
    r = y - x * np.floor(q)
    return r, not abs(r) <= MAXF


@jit
def _ipow(x, y):
    r = x * 0 + 1
    b = x
    e = y
    while e > 0:
        if e % 2 == 1:
            r = r * b
        e = e // 2
        if e > 0:
            b = b * b
    return r


@jit
def _pow_int(x, y):
    """x*y on integers with y ≥ 0 while the result fits (else bad: the interpreter gives floats)."""
    if y < 0:
        return x, True
    f = float(x) ** float(y)
    if not abs(f) < PLIM:
        return x, True
    return _ipow(x, y), False


@jit
def _pow_float(x, y):
    if x == 0 and y < 0:
        return x, True
    if x < 0 and y != np.floor(y):
        return x, True  # a complex result
    r = x ** y
    return r, not abs(r) <= MAXF


@jit
def compare(code, x, y, ct, is_int):
    if code == EQ:
        return _eq(x, y, ct, is_int)
    if code == NE:
        return not _eq(x, y, ct, is_int)
    if code == LT:
        return _lt(x, y, ct, is_int)
    if code == LE:
        return _le(x, y, ct, is_int)
    if code == GT:
        return _lt(y, x, ct, is_int)
    return _le(y, x, ct, is_int)


# ------------------------------------------------------------------ rows: out[j] = x f ys[j]
# Each operation's loop is separate and branch-free where it can be, so that LLVM vectorises it.
@jit
def row_scalar(code, x0, ys, out, ct, is_int):
    """out[j] = x0 ∘ ys[j] for a scalar x0 (the g step of an inner product). Returns bad."""
    m = ys.shape[0]
    bad = False
    if code == ADD:
        if is_int:
            # x0+y overflows exactly when y leaves [lo, hi]
            lo = MINI - x0 if x0 < 0 else MINI
            hi = MAXI - x0 if x0 > 0 else MAXI
            for j in range(m):
                y = ys[j]
                bad |= (y < lo) | (y > hi)
                out[j] = x0 + y
        else:
            for j in range(m):
                r = x0 + ys[j]
                bad |= not abs(r) <= MAXF
                out[j] = r
    elif code == SUB:
        if is_int:
            # x0-y overflows exactly when y leaves [lo, hi]
            lo = x0 - MAXI if x0 >= 0 else MINI
            hi = x0 - MINI if x0 < 0 else MAXI
            for j in range(m):
                y = ys[j]
                bad |= (y < lo) | (y > hi)
                out[j] = x0 - y
        else:
            for j in range(m):
                r = x0 - ys[j]
                bad |= not abs(r) <= MAXF
                out[j] = r
    elif code == MUL:
        if is_int:
            for j in range(m):
                x = x0
                y = ys[j]
                bad |= abs(float(x) * float(y)) >= PLIM
                out[j] = x * y
        else:
            for j in range(m):
                r = x0 * ys[j]
                bad |= not abs(r) <= MAXF
                out[j] = r
    elif code == DIV:
        for j in range(m):
            rd, b = _div(x0, ys[j])
            out[j] = rd
            bad |= b
    elif code == MAX or code == OR:
        for j in range(m):
            x = x0
            y = ys[j]
            out[j] = x if x > y else y  # noqa: FURB136 - a plain select, vectorised
    elif code == MIN or code == AND:
        for j in range(m):
            x = x0
            y = ys[j]
            out[j] = x if x < y else y  # noqa: FURB136 - a plain select, vectorised
    elif code == LCM:
        for j in range(m):
            rl, b = lcm(x0, ys[j], is_int)
            out[j] = rl
            bad |= b
    elif code == GCD:
        for j in range(m):
            rg, b = gcd(x0, ys[j], is_int)
            out[j] = rg
            bad |= b
    elif is_int and code == EQ:
        for j in range(m):
            out[j] = x0 == ys[j]
    elif is_int and code == NE:
        for j in range(m):
            out[j] = x0 != ys[j]
    elif is_int and code == LT:
        for j in range(m):
            out[j] = x0 < ys[j]
    elif is_int and code == LE:
        for j in range(m):
            out[j] = x0 <= ys[j]
    elif is_int and code == GT:
        for j in range(m):
            out[j] = x0 > ys[j]
    elif is_int and code == GE:
        for j in range(m):
            out[j] = x0 >= ys[j]
    elif code == EQ:
        for j in range(m):
            out[j] = _teq(x0, ys[j], ct)
    elif code == NE:
        for j in range(m):
            out[j] = not _teq(x0, ys[j], ct)
    elif code == LT:
        for j in range(m):
            out[j] = _lt(x0, ys[j], ct, False)
    elif code == LE:
        for j in range(m):
            out[j] = _le(x0, ys[j], ct, False)
    elif code == GT:
        for j in range(m):
            out[j] = _lt(ys[j], x0, ct, False)
    elif code == GE:
        for j in range(m):
            out[j] = _le(ys[j], x0, ct, False)
    elif code == RES:
        if is_int:
            for j in range(m):
                ri, b = _res_int(x0, ys[j])
                out[j] = ri
        else:
            for j in range(m):
                rf, b = _res_float(x0, ys[j], ct)
                out[j] = rf
                bad |= b
    else:
        bad = True
    return bad


@jit
def row_array(code, xs, acc, ct, is_int):
    """acc[j] = xs[j] ∘ acc[j], in place (the f step of a right fold). Returns bad.

    In place, so that LLVM sees one array written and one read, and vectorises the loops."""
    m = acc.shape[0]
    bad = False
    if code == ADD:
        if is_int:
            for j in range(m):
                x = xs[j]
                y = acc[j]
                bad |= ((y > 0) & (x > MAXI - y)) | ((y < 0) & (x < MINI - y))
                acc[j] = x + y
        else:
            for j in range(m):
                r = xs[j] + acc[j]
                bad |= not abs(r) <= MAXF
                acc[j] = r
    elif code == SUB:
        if is_int:
            for j in range(m):
                x = xs[j]
                y = acc[j]
                bad |= ((y < 0) & (x > MAXI + y)) | ((y > 0) & (x < MINI + y))
                acc[j] = x - y
        else:
            for j in range(m):
                r = xs[j] - acc[j]
                bad |= not abs(r) <= MAXF
                acc[j] = r
    elif code == MUL:
        if is_int:
            for j in range(m):
                x = xs[j]
                y = acc[j]
                bad |= abs(float(x) * float(y)) >= PLIM
                acc[j] = x * y
        else:
            for j in range(m):
                r = xs[j] * acc[j]
                bad |= not abs(r) <= MAXF
                acc[j] = r
    elif code == DIV:
        for j in range(m):
            rd, b = _div(xs[j], acc[j])
            acc[j] = rd
            bad |= b
    elif code == MAX or code == OR:
        for j in range(m):
            x = xs[j]
            y = acc[j]
            acc[j] = x if x > y else y  # noqa: FURB136 - a plain select, vectorised
    elif code == MIN or code == AND:
        for j in range(m):
            x = xs[j]
            y = acc[j]
            acc[j] = x if x < y else y  # noqa: FURB136 - a plain select, vectorised
    elif code == LCM:
        for j in range(m):
            rl, b = lcm(xs[j], acc[j], is_int)
            acc[j] = rl
            bad |= b
    elif code == GCD:
        for j in range(m):
            rg, b = gcd(xs[j], acc[j], is_int)
            acc[j] = rg
            bad |= b
    elif is_int and code == EQ:
        for j in range(m):
            acc[j] = xs[j] == acc[j]
    elif is_int and code == NE:
        for j in range(m):
            acc[j] = xs[j] != acc[j]
    elif is_int and code == LT:
        for j in range(m):
            acc[j] = xs[j] < acc[j]
    elif is_int and code == LE:
        for j in range(m):
            acc[j] = xs[j] <= acc[j]
    elif is_int and code == GT:
        for j in range(m):
            acc[j] = xs[j] > acc[j]
    elif is_int and code == GE:
        for j in range(m):
            acc[j] = xs[j] >= acc[j]
    elif code == EQ:
        for j in range(m):
            acc[j] = _teq(xs[j], acc[j], ct)
    elif code == NE:
        for j in range(m):
            acc[j] = not _teq(xs[j], acc[j], ct)
    elif code == LT:
        for j in range(m):
            acc[j] = _lt(xs[j], acc[j], ct, False)
    elif code == LE:
        for j in range(m):
            acc[j] = _le(xs[j], acc[j], ct, False)
    elif code == GT:
        for j in range(m):
            acc[j] = _lt(acc[j], xs[j], ct, False)
    elif code == GE:
        for j in range(m):
            acc[j] = _le(acc[j], xs[j], ct, False)
    elif code == RES:
        if is_int:
            for j in range(m):
                ri, b = _res_int(xs[j], acc[j])
                acc[j] = ri
        else:
            for j in range(m):
                rf, b = _res_float(xs[j], acc[j], ct)
                acc[j] = rf
                bad |= b
    elif code == POW:
        if is_int:
            for j in range(m):
                pi, b = _pow_int(xs[j], acc[j])
                acc[j] = pi
                bad |= b
        else:
            for j in range(m):
                pf, b = _pow_float(xs[j], acc[j])
                acc[j] = pf
                bad |= b
    else:
        bad = True
    return bad


@jit
def has_nonbool(v):
    for j in range(v.shape[0]):
        if v[j] != 0 and v[j] != 1:
            return True
    return False
