"""Scans f\\ of simple numeric arrays along the last axis, for scalar primitives f.

APL defines item i of f\\v as the right fold f/ of the first i items, so a scan of a
non-associative f is O(n²) by definition. Here each glyph takes the cheapest exact route:

| glyph | route | cost |
| --- | --- | --- |
| `+ × ⌈ ⌊`, `∧ ∨` (logical, or LCM/GCD of integers) | associative: a running fold from the left | O(n) |
| `-` | item i is x0-x1+x2-…±xi: a running sum with alternating signs | O(n) |
| `= ≠ < ≤ > ≥` | after the first step every partial fold is 0 or 1, so the fold is a composition of maps {0,1}→{0,1}, carried left to right | O(n) |
| `÷` | item i is x0÷x1×x2÷…: a running product of x and 1÷x (floats) | O(n); a row with a 0, or whose running product overflows or underflows, by definition, O(n²) |
| `\\|  *` | no closed form: by definition, all prefixes folded at once (n-1 whole-row steps) | O(n²) |

Types follow the interpreter (see apl/kernels/inner.py); `scan` returns None where the
interpreter's own rules must decide (int64 overflow, DOMAIN ERROR, complex powers, ∧ ∨ of
non-boolean floats), and for vectors shorter than 2 (nothing to fold).
Float results of `+ × -` match NumPy's cumsum/cumprod bit for bit; `÷` by the closed form can
differ from the literal right fold in the last bits (one rounding per item instead of i).
"""
from __future__ import annotations

import numpy as np

from . import _np
from ._codes import (
    AND,
    BIG,
    BOOL,
    CODES,
    COMPARISONS,
    DIV,
    FLOAT,
    INT,
    LOGICAL,
    MAXF,
    MINI,
    OR,
    SCAN_GLYPHS,
    boolish,
    domain,
)

ASSOCIATIVE, ALTERNATING, COMPARISON, DIVIDE, DEFINITION = range(5)
_TINY = float(np.finfo(np.float64).tiny)

COMPLEXITY = {g: "O(n)" for g in "+×⌈⌊∧∨-=≠<≤>≥"}
COMPLEXITY.update({"÷": "O(n) (O(n²) for rows with a 0)", "|": "O(n²)", "*": "O(n²)"})


def _plan(glyph, v):
    """(code, mode, working dtype, result dtype), or None."""
    dom = domain(v)
    if dom is None:
        return None
    isbool = v.dtype == BOOL
    if glyph in LOGICAL:
        if boolish(v):
            return LOGICAL[glyph], ASSOCIATIVE, dom, BOOL
        if dom == FLOAT:
            return None  # the interpreter's tolerant GCD/LCM of floats
        return CODES[glyph], ASSOCIATIVE, INT, INT
    if glyph in COMPARISONS:
        out = BOOL if (isbool or (glyph in "=≠" and boolish(v))) else dom
        return CODES[glyph], COMPARISON, dom, out
    if glyph in "⌈⌊":
        return CODES[glyph], ASSOCIATIVE, dom, (BOOL if isbool else dom)
    if glyph in "+×":
        return CODES[glyph], ASSOCIATIVE, dom, dom
    if glyph == "-":
        return CODES[glyph], ALTERNATING, dom, dom
    if glyph == "÷":
        return DIV, DIVIDE, FLOAT, FLOAT
    return CODES[glyph], DEFINITION, dom, dom  # | *


def scan(glyph: str, v, *, ct: float | None = None, backend: str = "auto") -> np.ndarray | None:
    """glyph\\v along the last axis of v (bool, int64 or float64), as a new array; None when
    unsupported or when the interpreter's own rules must decide (see the module's docstring)."""
    if glyph not in SCAN_GLYPHS:
        return None
    v = np.asarray(v)
    if v.ndim == 0 or v.size == 0 or v.shape[-1] < 2:
        return None
    plan = _plan(glyph, v)
    if plan is None:
        return None
    code, mode, work, out_dtype = plan
    if ct is None:
        from ..settings import current

        ct = current().ct
    from . import use_numba

    X = np.ascontiguousarray(v.reshape(-1, v.shape[-1]), dtype=work)
    run = _scan_numba if use_numba(backend) else _scan_numpy
    out = run(code, mode, X, float(ct), work == INT)
    if out is None:
        return None
    if work == INT and glyph in "+-×" and np.max(np.abs(out)) >= BIG:
        return None  # the interpreter gives such sums and products as floats
    return out.astype(out_dtype, copy=False).reshape(v.shape)


def _scan_numba(code, mode, X, ct, is_int):
    from . import _jit

    out = np.empty_like(X)
    return None if _jit.scan(code, X, out, ct, is_int, mode) else out


# ------------------------------------------------------------------ the NumPy forms
def _nonfinite(r):
    return not np.all(np.abs(r) <= MAXF)


def _steps(code, X, ct, is_int):
    """By definition: step t applies x[k-t] f acc[k] for every k ≥ t."""
    n = X.shape[1]
    acc = X.copy()
    for t in range(1, n):
        r, bad = _np.op(code, X[:, : n - t], acc[:, t:], ct, is_int)
        if bad:
            return None
        acc[:, t:] = r
    return acc


def _scan_numpy(code, mode, X, ct, is_int):
    n = X.shape[1]
    with np.errstate(all="ignore"):
        if mode == ASSOCIATIVE:
            return _associative(code, X, ct, is_int)
        if mode == ALTERNATING:
            if is_int and np.any(X[:, 1::2] == MINI):
                return None
            signed = X.copy()
            signed[:, 1::2] *= -1
            if is_int and not np.all(np.abs(np.cumsum(signed.astype(FLOAT), axis=1)) < BIG):
                return None
            out = np.cumsum(signed, axis=1)
            return None if (not is_int and _nonfinite(out)) else out
        if mode == COMPARISON:
            return _compare(code, X, ct, is_int)
        if mode == DIVIDE:
            odd = np.arange(n) % 2 == 1
            zero = np.any(X == 0, axis=1)
            out = np.cumprod(np.where(odd, 1.0 / np.where(X == 0, 1.0, X), X), axis=1)
            mag = np.abs(out)
            off = ~(mag <= MAXF) | ((mag < _TINY) & (X[:, :1] != 0))
            slow = zero | np.any(off, axis=1)
            if np.any(slow):
                rows = _steps(DIV, X[slow], ct, False)
                if rows is None:
                    return None
                out[slow] = rows
            return out
        return _steps(code, X, ct, is_int)


def _associative(code, X, ct, is_int):
    name = {CODES["+"]: "add", CODES["×"]: "mul"}.get(code)
    if name == "add":
        if is_int:
            if not np.all(np.abs(np.cumsum(X.astype(FLOAT), axis=1)) < BIG):
                return None
            return np.cumsum(X, axis=1)
        out = np.cumsum(X, axis=1)
        return None if _nonfinite(out) else out
    if name == "mul":
        zero = np.logical_or.accumulate(X == 0, axis=1)
        if is_int:
            f = np.where(zero, 0.0, np.cumprod(X.astype(FLOAT), axis=1))
            if not np.all(np.abs(f) < BIG):
                return None
            return np.where(zero, 0, np.cumprod(X, axis=1))
        out = np.cumprod(X, axis=1)
        if _nonfinite(out[~zero]):
            return None
        return np.where(zero, 0.0, out)
    if code in (CODES["⌈"], OR):
        return np.maximum.accumulate(X, axis=1)
    if code in (CODES["⌊"], AND):
        return np.minimum.accumulate(X, axis=1)
    # LCM / GCD of integers, left to right with the kernels' checks
    out = X.copy()
    for k in range(1, X.shape[1]):
        r, bad = _np.op(code, out[:, k - 1], X[:, k], ct, is_int)
        if bad:
            return None
        out[:, k] = r
    return out


def _compare(code, X, ct, is_int):
    """The comparison scan in closed form. With hj(b) = x[j] f b on {0,1}, item k (k ≥ 1) is
    h0(h1(…h(k-2)(x[k-1] f x[k]))). Let c be the first j whose hj is constant (value κ): for
    k-2 ≥ c item k is κ, flipped once per negating hj before c; before that it is
    x[k-1] f x[k], flipped once per negating hj among h0…h(k-2)."""
    r, n = X.shape
    zero = np.zeros((), dtype=X.dtype)
    g, _ = _np.op(code, X[:, :-1], X[:, 1:], ct, is_int)  # x[k-1] f x[k], k = 1…n-1
    h0, _ = _np.op(code, X, zero, ct, is_int)
    h1, _ = _np.op(code, X, zero + 1, ct, is_int)
    const = h0 == h1
    neg = h0 & ~h1
    flips = np.cumsum(neg, axis=1)  # flips[:, j]: negating maps among h0…hj
    has = np.any(const, axis=1)
    c = np.where(has, np.argmax(const, axis=1), n)
    k = np.arange(1, n)
    before = np.zeros((r, n - 1), dtype=np.int64)  # negations among h0…h(k-2)
    before[:, 1:] = flips[:, : n - 2]
    early = (g ^ (before % 2 == 1))
    cc = np.minimum(c, n - 1)
    kappa = h0[np.arange(r), cc]
    flips_c = np.where(cc > 0, flips[np.arange(r), np.maximum(cc - 1, 0)], 0)
    late = (kappa ^ (flips_c % 2 == 1))[:, None]
    item = np.where(k[None, :] - 2 >= c[:, None], late, early)
    out = np.empty_like(X)
    out[:, 0] = X[:, 0]
    out[:, 1:] = item
    return out
