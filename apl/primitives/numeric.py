"""Number-system and linear-algebra functions: ⊥ ⊤ ⌹, and ⍕ (format)."""
from __future__ import annotations

import numpy as np

from ..arrays import CHAR, FLOAT, OBJ, tidy_numeric, to_ints
from ..errors import DomainError, LengthError, RankError
from ..settings import current
from .scalar import num


def decode(a, w):
    a, w = num(a), num(w)
    if a.ndim == 0:
        n = w.shape[0] if w.ndim else 1
        a = np.full(n, a[()])
    wn = w if w.ndim else w.reshape(1)
    n = wn.shape[0]
    if a.shape[-1] == 1 and n != 1:
        a = np.repeat(a, n, axis=-1)
    if wn.shape[0] == 1 and a.shape[-1] != 1:
        wn = np.repeat(wn, a.shape[-1], axis=0)
        n = wn.shape[0]
    if a.shape[-1] != n:
        raise LengthError("radix and digits differ in length")
    # weights: for each radix vector, the product of the radices to the right
    rev = np.flip(a, axis=-1)
    weights = np.flip(np.cumprod(np.concatenate([np.ones(a.shape[:-1] + (1,), dtype=a.dtype), rev[..., :-1]], axis=-1), axis=-1), axis=-1)
    if weights.dtype.kind in "iu" and wn.dtype.kind in "iu":
        return np.asarray(np.tensordot(weights, wn, axes=([-1], [0])))
    return tidy_numeric(np.asarray(np.tensordot(weights.astype(np.result_type(weights, FLOAT)), wn, axes=([-1], [0]))))


def encode(a, w):
    a, w = num(a), num(w)
    if a.dtype.kind == "c" or w.dtype.kind == "c":
        raise DomainError("⊤ on complex numbers")
    radix = a if a.ndim else a.reshape(1)
    n = radix.shape[0]
    out = np.zeros((n,) + radix.shape[1:] + w.shape, dtype=np.result_type(radix, w))
    cur = np.broadcast_to(w, radix.shape[1:] + w.shape).astype(out.dtype)
    from .scalar import floor, residue

    for k in range(n - 1, -1, -1):
        r = radix[k].reshape(radix.shape[1:] + (1,) * w.ndim)
        r_b = np.broadcast_to(r, cur.shape)
        digit = residue(r_b, cur)
        out[k] = digit
        zero = r_b == 0
        with np.errstate(all="ignore"):
            nxt = np.where(zero, 0, floor(np.where(zero, 0, (cur - digit)) / np.where(zero, 1, r_b)))
        cur = nxt.astype(out.dtype)
    if a.ndim == 0:
        return out[0]
    return out


def matrix_inverse(w):
    w = num(w)
    if w.ndim > 2:
        raise RankError("⌹ takes a matrix")
    m = w.reshape(w.shape + (1,) * (2 - w.ndim)) if w.ndim < 2 else w
    if m.shape[0] < m.shape[1]:
        raise LengthError("⌹ needs at least as many rows as columns")
    _check_rank(m)
    inv = np.linalg.pinv(m.astype(np.result_type(m, FLOAT)))
    if w.ndim == 0:
        return tidy_numeric(inv.reshape(()))
    if w.ndim == 1:
        return tidy_numeric(inv.reshape(-1))
    return tidy_numeric(inv)


def matrix_divide(a, w):
    a, w = num(a), num(w)
    if w.ndim > 2 or a.ndim > 2:
        raise RankError("⌹ takes matrices")
    m = w.reshape(w.shape + (1,) * (2 - w.ndim)) if w.ndim < 2 else w
    b = a.reshape(a.shape + (1,) * (1 - a.ndim)) if a.ndim < 1 else a
    if b.shape[0] != m.shape[0]:
        raise LengthError("⌹: rows differ")
    if m.shape[0] < m.shape[1]:
        raise LengthError("⌹ needs at least as many rows as columns")
    _check_rank(m)
    dt = np.result_type(m, b, FLOAT)
    x = np.linalg.lstsq(m.astype(dt), b.astype(dt), rcond=None)[0]
    if w.ndim < 2:
        x = x.reshape(b.shape[1:]) if w.ndim == 1 else x.reshape(b.shape[1:])
    return tidy_numeric(np.asarray(x))


def _check_rank(m):
    if m.size == 0:
        return
    if np.linalg.matrix_rank(m.astype(np.result_type(m, FLOAT))) < m.shape[1]:
        raise DomainError("singular matrix")


def format_monadic(w):
    from ..display import format_lines

    if w.dtype.kind == "U" and w.ndim <= 1:
        return w.reshape(-1) if w.ndim else w.reshape(1)
    lines = format_lines(w, pp=current().pp)
    if w.ndim <= 1 and w.dtype != OBJ or (w.ndim <= 1 and len(lines) == 1):
        text = lines[0] if lines else ""
        return np.array(list(text), dtype=CHAR) if text else np.zeros(0, dtype=CHAR)
    width = max((len(x) for x in lines), default=0)
    return np.array([list(x.ljust(width)) for x in lines], dtype=CHAR).reshape(len(lines), width)


def format_dyadic(a, w):
    """w⍕ with a = precision, or width and precision pairs."""
    spec = to_ints(a, "left argument of ⍕").reshape(-1)
    w = num(w)
    if w.ndim > 2:
        raise RankError("⍕ with a left argument takes at most a matrix")
    m = w.reshape((1,) * (2 - w.ndim) + w.shape) if w.ndim < 2 else w
    cols = m.shape[1]
    if spec.size == 1:
        pairs = [(0, int(spec[0]))] * cols
    elif spec.size == 2:
        pairs = [(int(spec[0]), int(spec[1]))] * cols
    elif spec.size == 2 * cols:
        pairs = [(int(spec[2 * i]), int(spec[2 * i + 1])) for i in range(cols)]
    else:
        raise LengthError("⍕ needs one width/precision pair per column")
    rows = []
    for r in range(m.shape[0]):
        parts = []
        for c in range(cols):
            width, prec = pairs[c]
            x = m[r, c]
            s = (f"{float(x):.{prec}f}" if prec >= 0 else f"{float(x):.{-prec}E}").replace("-", "¯")
            if width == 0:
                s = " " + s
            elif len(s) > width:
                s = "*" * width
            parts.append(s.rjust(width))
        rows.append("".join(parts))
    width = max((len(x) for x in rows), default=0)
    out = np.array([list(x.rjust(width)) for x in rows], dtype=CHAR).reshape(len(rows), width)
    return out[0] if w.ndim < 2 else out


