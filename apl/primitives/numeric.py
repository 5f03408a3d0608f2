"""Number-system and linear-algebra functions: ⊥ ⊤ ⌹, and ⍕ (format)."""
from __future__ import annotations

import numpy as np

from ..arrays import CHAR, INT, OBJ, host_nested, int_list, normalise, tidy_numeric
from ..backends import (
    allb,
    anyb,
    arr,
    as_complex,
    as_float,
    as_int,
    astype,
    backend_of,
    coerce,
    device_of,
    kind,
    namespace,
    size,
)
from ..errors import DomainError, LengthError, RankError, WSFull
from ..settings import current
from .arithmetic import floor, num, residue

MAX_FORMAT = 10**7  # items ⍕ formats (its text is made number by number)
_SAFE = 2.0 ** 62  # int64 sums of products below this are exact


def _tensordot(a, w):
    return namespace(a, w).tensordot(a, w, axes=([-1], [0]))


def _zeros(like, shape):
    bk = backend_of(like)
    if bk.name == "numpy":
        return np.zeros(shape, dtype=INT)
    return bk.xp.zeros(tuple(shape), dtype=bk.INT, device=device_of(like))


def decode(a, w):
    """X⊥Y: the value of the digits along the first axis of Y in the radices along the last of X."""
    a, w = num(a), num(w)
    if type(a) is not type(w):
        a, w = coerce(a, w)
    xp = namespace(a, w)
    av = a if a.ndim else a.reshape(1)
    wn = w if w.ndim else w.reshape(1)
    n, la = wn.shape[0], av.shape[-1]
    if la != n:
        if la == 1:
            av = xp.repeat(av, n, axis=-1)
        elif n == 1:
            wn = xp.repeat(wn, la, axis=0)
            n = la
        else:
            raise LengthError("radix and digits differ in length")
    out_shape = tuple(av.shape[:-1]) + tuple(wn.shape[1:])
    if n == 0:
        return _zeros(av, out_shape)
    # weights: for each radix vector, the product of the radices to the right of each position
    rev = xp.flip(av, axis=-1)
    ones = xp.ones(tuple(av.shape[:-1]) + (1,), dtype=av.dtype, device=device_of(av))
    steps = xp.concat([ones, rev[..., :-1]], axis=-1)
    weights = xp.flip(xp.cumulative_prod(steps, axis=-1), axis=-1)
    if kind(weights) in "iu" and kind(wn) in "iu":
        with np.errstate(all="ignore"):
            wf = xp.cumulative_prod(as_float(steps), axis=-1)
            bound = _tensordot(xp.abs(xp.flip(wf, axis=-1)), xp.abs(as_float(wn)))
        if allb(xp.abs(wf) < _SAFE) and allb(bound < _SAFE):
            if allb(bound < 2.0**53):  # exact through float64 GEMM
                f64 = xp.float64
                r = _tensordot(astype(weights, f64), astype(wn, f64))
                return as_int(arr(r)).reshape(out_shape)
            return as_int(arr(backend_of(weights).int_tensordot(weights, wn))).reshape(out_shape)
        weights = xp.flip(wf, axis=-1)
    conv = as_complex if "c" in (kind(weights), kind(wn)) else as_float
    with np.errstate(all="ignore"):
        r = arr(_tensordot(conv(weights), conv(wn)))
    if size(r) and not allb(xp.isfinite(r)):
        raise DomainError("result is not a finite number")
    return tidy_numeric(r.reshape(out_shape))


def encode(a, w):
    a, w = num(a), num(w)
    if type(a) is not type(w):
        a, w = coerce(a, w)
    if kind(a) == "c" or kind(w) == "c":
        raise DomainError("⊤ on complex numbers")
    xp = namespace(a, w)
    radix = a if a.ndim else a.reshape(1)
    n = radix.shape[0]
    floating = "f" in (kind(radix), kind(w))
    cast = as_float if floating else as_int
    shape = tuple(radix.shape[1:]) + tuple(w.shape)
    if n == 0:
        out = cast(_zeros(w, (0,) + shape))
        return out[0] if a.ndim == 0 else out
    cur = cast(xp.broadcast_to(w, shape))
    digits = []
    leading = 0  # digits left of those computed, all 0
    for k in range(n - 1, -1, -1):
        if digits and not anyb(cur != 0):
            leading = k + 1  # nothing left to represent: (1E9⍴2)⊤1 takes two steps, not 1E9
            break
        r = radix[k].reshape(tuple(radix.shape[1:]) + (1,) * w.ndim)
        r_b = cast(xp.broadcast_to(r, shape))
        digit = cast(residue(r_b, cur))
        digits.append(digit)
        zero = r_b == 0
        with np.errstate(all="ignore"):
            step = as_float(xp.where(zero, 0, (cur - digit))) / as_float(xp.where(zero, 1, r_b))
            nxt = xp.where(zero, 0, floor(step))
        cur = cast(nxt)
    digits.reverse()
    out = xp.stack(digits)
    if leading:
        out = xp.concat((cast(_zeros(w, (leading,) + shape)), out))
    if a.ndim == 0:
        return out[0]
    return out


def matrix_inverse(w):
    w = num(w)
    if w.ndim > 2:
        raise RankError("⌹ takes a matrix")
    m = w.reshape(tuple(w.shape) + (1,) * (2 - w.ndim)) if w.ndim < 2 else w
    if m.shape[0] < m.shape[1]:
        raise LengthError("⌹ needs at least as many rows as columns")
    _check_rank(m)
    with np.errstate(all="ignore"):
        inv = _finite_result(backend_of(m).pinv(as_float(m)))
    if w.ndim == 0:
        return tidy_numeric(inv.reshape(()))
    if w.ndim == 1:
        return tidy_numeric(inv.reshape(-1))
    return tidy_numeric(inv)


def matrix_divide(a, w):
    a, w = num(a), num(w)
    if type(a) is not type(w):
        a, w = coerce(a, w)
    if w.ndim > 2 or a.ndim > 2:
        raise RankError("⌹ takes matrices")
    m = w.reshape(tuple(w.shape) + (1,) * (2 - w.ndim)) if w.ndim < 2 else w
    b = a.reshape(tuple(a.shape) + (1,) * (1 - a.ndim)) if a.ndim < 1 else a
    if b.shape[0] != m.shape[0]:
        raise LengthError("⌹: rows differ")
    if m.shape[0] < m.shape[1]:
        raise LengthError("⌹ needs at least as many rows as columns")
    _check_rank(m)
    conv = as_complex if "c" in (kind(m), kind(b)) else as_float
    if size(b) == 0:  # no right-hand sides (LAPACK refuses them on some builds)
        x = conv(_zeros(m, (m.shape[1],) + tuple(b.shape[1:])))
    else:
        with np.errstate(all="ignore"):
            x = _finite_result(backend_of(m).lstsq(conv(m), conv(b)))
    if w.ndim < 2:
        x = x.reshape(tuple(b.shape[1:]))  # the shape is (1↓⍴Y),1↓⍴X
    return tidy_numeric(arr(x))


def _finite_result(r):
    """A solution checked once: Dyalog never yields ∞ or NaN (a result beyond the largest float,
    or a matrix too near singular for floats, is a DOMAIN ERROR)."""
    r = arr(r)
    if size(r) and not backend_of(r).all_finite(r):
        raise DomainError("result is not a finite number")
    return r


def _check_rank(m):
    if size(m) == 0:
        return
    if backend_of(m).matrix_rank(as_float(m)) < m.shape[1]:
        raise DomainError("singular matrix")


def format_monadic(w):
    """⍕Y: the character array Y displays as (characters are returned unchanged).

    A simple numeric array keeps its rank (each column formatted on its own); a nested
    array gives a vector when it displays on one line as a scalar or vector, else a matrix."""
    from ..display import format_lines

    if kind(w) == "U":
        return w
    if size(w) > MAX_FORMAT:  # each number is formatted in Python: 10⁷ take seconds already
        raise WSFull(f"⍕ of more than {MAX_FORMAT:.0e} items")
    w = host_nested(w)  # formatting numbers as text happens on the host
    pp = current().pp
    if w.dtype != OBJ and w.ndim >= 2:
        lead = w.shape[:-1]
        rows = int(np.prod(lead, dtype=INT))
        if rows == 0 or w.shape[-1] == 0:
            return np.zeros(lead + (0,), dtype=CHAR)
        return _char_matrix(format_lines(w.reshape(rows, w.shape[-1]), pp=pp)).reshape(lead + (-1,))
    lines = format_lines(w, pp=pp)
    if w.dtype != OBJ or (w.ndim <= 1 and len(lines) == 1):
        text = lines[0] if lines else ""
        return np.array(list(text), dtype=CHAR) if text else np.zeros(0, dtype=CHAR)
    return _char_matrix(lines)


def _char_matrix(lines: list) -> np.ndarray:
    width = max((len(x) for x in lines), default=0)
    if width == 0:
        return np.zeros((len(lines), 0), dtype=CHAR)
    return np.array([list(x.ljust(width)) for x in lines], dtype=CHAR).reshape(len(lines), width)


_DIGITS = 16  # significant digits a float64 is shown with by X⍕Y; further digits print as _


def _round_sig(d, digits: int):
    from decimal import ROUND_HALF_UP, Decimal

    if not d:
        return d
    return d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def _mask_digits(text: str, digits: int) -> str:
    """Replace the digits after the first `digits` significant ones by underscores."""
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            if seen or ch != "0":
                seen += 1
            if seen > digits:
                ch = "_"
        out.append(ch)
    return "".join(out)


def _fixed(x, prec: int) -> str:
    """One number with prec digits after the point (prec 0: as an integer), or scaled (prec < 0)."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext  # (on use: start-up)

    with localcontext() as ctx:
        d = Decimal(int(x)) if isinstance(x, (int, np.integer)) else Decimal(repr(float(x)))
        # enough digits for the integer part and prec decimals: 1000⍕1 has 1001, 999⍕1E300 1300
        ctx.prec = max(1000, abs(prec) + max(d.adjusted(), 0) + 10)
        d = _round_sig(d, _DIGITS)
        if prec >= 0:
            q = d.quantize(Decimal(1).scaleb(-prec), rounding=ROUND_HALF_UP)
            text = _mask_digits(format(abs(q), "f"), _DIGITS)
            negative = q < 0
        else:
            digits = -prec
            if not d:
                mant, exp = Decimal(0), 0
            else:
                m = _round_sig(d, digits)
                exp = m.adjusted()
                mant = m.scaleb(-exp)
            body = format(abs(mant).quantize(Decimal(1).scaleb(1 - digits)), "f")
            text = _mask_digits(body, _DIGITS) + "E" + str(exp).replace("-", "¯")
            negative = mant < 0
    return ("¯" if negative else "") + text


def format_dyadic(a, w):
    """X⍕Y: each column of Y in a field of width W with P decimals (P<0: scaled with |P| digits).

    X is one P (width 0), one W P pair for every column, or a pair per column; width 0 fits the
    column and leaves a blank before it. Numbers too wide for their field print as asterisks."""
    if a.dtype == OBJ or kind(a) == "U":
        raise DomainError("left argument of ⍕ must be integers")
    if a.ndim > 1:
        raise RankError("left argument of ⍕ must be a scalar or vector")
    spec = np.array(int_list(a, "left argument of ⍕"), dtype=INT)
    w = host_nested(w)
    if w.dtype == OBJ:
        w = normalise(w)
    if w.dtype == OBJ or w.dtype.kind == "U":
        raise DomainError("right argument of ⍕ must be simple numbers")
    w = num(w)
    if w.dtype.kind == "c":
        if np.any(w.imag != 0):
            raise DomainError("⍕ with a left argument does not format complex numbers")
        w = w.real.copy()
    shape = w.shape if w.ndim else (1,)
    cols = shape[-1]
    rows = int(np.prod(shape[:-1], dtype=INT))
    m = w.reshape(rows, cols)
    if spec.size == 1:
        pairs = [(0, int(spec[0]))] * cols
    elif spec.size == 2:
        pairs = [(int(spec[0]), int(spec[1]))] * cols
    elif spec.size == 2 * cols:
        pairs = [(int(spec[2 * i]), int(spec[2 * i + 1])) for i in range(cols)]
    else:
        raise LengthError("⍕ needs one width and precision for each column")
    if any(width < 0 for width, _ in pairs):
        raise DomainError("field widths must not be negative")
    if any(abs(prec) > 1000 for _, prec in pairs):
        raise DomainError("⍕ precision out of range")
    if sum(width for width, _ in pairs) * max(rows, 1) > 10**7:
        raise WSFull("⍕ result too large")
    columns = []
    for c in range(cols):
        width, prec = pairs[c]
        texts = [_fixed(x, prec) for x in m[:, c].tolist()]
        if width == 0:
            fit = max((len(t) for t in texts), default=0) + 1
            columns.append([t.rjust(fit) for t in texts])
        else:
            columns.append([t.rjust(width) if len(t) <= width else "*" * width for t in texts])
    lines = ["".join(col[r] for col in columns) for r in range(rows)]
    total = sum(len(col[0]) if col else (pairs[i][0] or 1) for i, col in enumerate(columns))
    if rows == 0 or total == 0:
        return np.zeros(shape[:-1] + (total,), dtype=CHAR)
    return np.array([list(x) for x in lines], dtype=CHAR).reshape(shape[:-1] + (total,))
