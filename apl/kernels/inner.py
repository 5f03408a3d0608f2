"""The inner product A f.g B of two simple numeric matrices, for scalar primitives f and g.

R[i;j] is f/ A[i;] g B[;j], and f/ folds from the right: x1 f (x2 f (… f xn)), so a
non-associative f such as - or < is applied in the order APL defines. Both implementations
(Numba, and NumPy when Numba is missing) run the fold over k = n … 1 for a whole output row or
block at once, so memory stays O(rows×cols), never the rows×n×cols of broadcasting g first.

Types follow the interpreter (apl/primitives/arithmetic.py, reduction.py): booleans count as 0/1
integers, arithmetic on integers stays int64, ÷ gives floats, comparisons give booleans
(tolerant with ⎕CT on floats), ∧ ∨ are logical on arrays of 0s and 1s and LCM/GCD otherwise.
Where the interpreter would change representation or stop (an int64 result that overflows —
the interpreter then gives floats —, x÷0, a non-finite float, LCM/GCD of non-boolean floats),
`inner` returns None, and the caller's general path gives the interpreter's answer or error.
"""
from __future__ import annotations

import numpy as np

from . import _np
from ._codes import AND, BIG, BOOL, CODES, COMPARISONS, FLOAT, INNER_GLYPHS, INT, LOGICAL, MAX, MIN, OR, boolish, domain

# elements of g's results held at once by the NumPy fallback (its memory bound: 8 bytes each)
CHUNK = 1 << 21


class Plan:
    """What the kernels do for A f.g B: codes, the working dtypes, and how to type the result."""

    def __init__(self, f, g, a, b):
        self.ok = False
        if f not in INNER_GLYPHS or g not in INNER_GLYPHS:
            return
        dom = domain(a, b)
        if dom is None:
            return
        self.in_dtype = dom
        # g: its code, and the kind of its results ('b' 0/1, 'i' int64, 'f' float64)
        if g in COMPARISONS:
            gc, pk = CODES[g], "b"
        elif g in LOGICAL:
            if boolish(a) and boolish(b):
                gc, pk = LOGICAL[g], "b"
            elif dom == FLOAT:
                return  # the interpreter's tolerant GCD/LCM of floats
            else:
                gc, pk = CODES[g], "i"
        elif g == "÷":
            gc, pk = CODES[g], "f"
        else:
            gc, pk = CODES[g], ("f" if dom == FLOAT else "i")
        # f: logical on 0/1 results, LCM/GCD otherwise (which are logical on 0/1 values too)
        track = False
        if f in LOGICAL:
            fc = LOGICAL[f] if pk == "b" else CODES[f]
            track = pk == "i"
        else:
            fc = CODES[f]
        self.f, self.g, self.gc, self.fc, self.pk, self.track = f, g, gc, fc, pk, track
        self.p_dtype = FLOAT if (pk == "f" or f == "÷") else INT
        self.ok = True

    def result_dtype(self, n, nonbool):
        pk, f = self.pk, self.f
        kinds = {"b": BOOL, "i": INT, "f": FLOAT}
        if n == 1:
            return kinds[pk]  # f is never applied: the result is g's
        if f in COMPARISONS:
            return BOOL
        if f in LOGICAL:
            return INT if (pk == "i" and nonbool) else BOOL
        if f in "⌈⌊":
            return kinds[pk]
        if f == "÷":
            return FLOAT
        return FLOAT if pk == "f" else INT

    def finish(self, out, n, nonbool):
        """The kernel's result in the interpreter's dtype, or None when it would be a float."""
        if self.p_dtype == INT and n > 1 and self.f in "+-×" and out.size and np.max(np.abs(out)) >= BIG:
            return None  # the interpreter gives such sums and products as floats
        return out.astype(self.result_dtype(n, nonbool), copy=False)


def _check(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"inner: need matrices r×n and n×m, got {a.shape} and {b.shape}")
    return a, b


def inner(f: str, g: str, a, b, *, ct: float | None = None, backend: str = "auto") -> np.ndarray | None:
    """A f.g B for matrices a (r×n) and b (n×m) of bool, int64 or float64, as a new r×m array.

    None when the pair is not supported (f or g outside `+ - × ÷ ⌈ ⌊ ∧ ∨ = ≠ < ≤ > ≥ |`, an
    argument not bool/int64/float64, n = 0 or an empty result) or when the interpreter's own
    rules must decide (overflow, DOMAIN ERROR; see the module's docstring).
    backend: "auto" (Numba when it imports, else NumPy), "numba" or "numpy".
    """
    a, b = _check(a, b)
    r, n = a.shape
    m = b.shape[1]
    if n == 0 or r == 0 or m == 0:
        return None
    plan = Plan(f, g, a, b)
    if not plan.ok:
        return None
    if ct is None:
        from ..settings import current

        ct = current().ct
    from . import use_numba

    A = np.ascontiguousarray(a, dtype=plan.in_dtype)
    B = np.ascontiguousarray(b, dtype=plan.in_dtype)
    run = _inner_numba if use_numba(backend) else _inner_numpy
    res = run(plan, A, B, float(ct))
    if res is None:
        return None
    out, nonbool = res
    return plan.finish(out, n, nonbool)


def _inner_numba(plan, A, B, ct):
    from . import _jit

    out = np.empty((A.shape[0], B.shape[1]), dtype=plan.p_dtype)
    is_int = plan.in_dtype == INT
    bad, nonbool = _jit.inner(A, B, plan.gc, plan.fc, ct, is_int, plan.p_dtype == INT, plan.track, out)
    return None if bad else (out, nonbool)


def _g_block(plan, A, B, ct, k0, k1, rows):
    """g of A[rows, k0:k1] and B[k0:k1] broadcast to (rows, k, m), in the dtype of P."""
    x = A[rows, k0:k1][:, :, None]
    y = B[k0:k1][None, :, :]
    p, bad = _np.op(plan.gc, x, y, ct, plan.in_dtype == INT)
    return np.asarray(p).astype(plan.p_dtype, copy=False), bad


def _inner_numpy(plan, A, B, ct):
    """The same fold with NumPy: g on blocks of (rows, k, cols) of at most CHUNK elements.

    ⌈ ⌊ and logical ∧ ∨ give the same result in any order, so each block is reduced with the
    ufunc; every other f is folded k = n-1 … 0, one (rows, cols) step at a time, exactly as
    the Numba kernel does (so float sums are bit-for-bit the same)."""
    r, n = A.shape
    m = B.shape[1]
    out = np.empty((r, m), dtype=plan.p_dtype)
    p_int = plan.p_dtype == INT
    nonbool = False
    ufunc = {MAX: np.maximum, MIN: np.minimum, OR: np.maximum, AND: np.minimum}.get(plan.fc)
    row_step = max(1, min(r, CHUNK // max(1, m)))
    k_step = max(1, min(n, CHUNK // max(1, row_step * m)))
    for i0 in range(0, r, row_step):
        rows = slice(i0, min(r, i0 + row_step))
        acc = None
        for k1 in range(n, 0, -k_step):
            k0 = max(0, k1 - k_step)
            p, bad = _g_block(plan, A, B, ct, k0, k1, rows)
            if bad:
                return None
            if plan.track and not nonbool:
                nonbool = bool(np.any((p != 0) & (p != 1)))
            if ufunc is not None:
                red = ufunc.reduce(p, axis=1)
                acc = red if acc is None else ufunc(red, acc)
                continue
            for t in range(p.shape[1] - 1, -1, -1):
                if acc is None:
                    acc = p[:, t].copy()
                    continue
                acc, bad = _np.op(plan.fc, p[:, t], acc, ct, p_int)
                if bad:
                    return None
                acc = np.asarray(acc).astype(plan.p_dtype, copy=False)
        out[rows] = acc
    return out, nonbool
