"""Numba kernels (compiled on first use, cached on disk). Imported only by apl.kernels' functions.

The kernels are inner products (`inner`) and scans (`scan`), built of the scalar and row
operations in _jit_ops.py, whose conventions they share: the working dtype's arrays (int64 or
float64; booleans arrive as int64 0/1), a runtime flag `is_int`, and a True ("bad") result as
soon as some result needs the interpreter's own handling (overflow, DOMAIN ERROR, non-finite).

Numba's disk cache notices changes only to the file a kernel is defined in (numba issue #1833):
after editing _jit_ops.py or _codes.py, delete apl/kernels/__pycache__ so that these recompile.
"""
from __future__ import annotations

import numpy as np

from ._codes import ADD, AND, DIV, LCM, MAX, MAXF, MIN, MINI, MUL, OR
from ._jit_ops import add, compare, gcd, has_nonbool, jit, lcm, mul, row_array, row_scalar, sub

TINY = float(np.finfo(np.float64).tiny)  # the smallest normal float


# ------------------------------------------------------------------ inner product
@jit
def inner(A, B, gc, fc, ct, in_int, p_int, track, out):
    """out[i,j] = f/ A[i;] g B[;j], f folded from the right.

    A (r×n) and B (n×m) share the input dtype; out (r×m) has the dtype of g's results (P).
    For each row i the fold runs k = n-1 … 0 over a whole output row at once:
    acc ← g(A[i,k], B[k,:]) f acc, so memory is one row of scratch (O(n²) overall).
    Returns (bad, nonbool): nonbool (when track) says whether some g result was not 0 or 1.
    """
    r, n = A.shape
    m = B.shape[1]
    tmp = np.empty(m, dtype=out.dtype)
    nonbool = False
    skip_zero = gc == AND and fc == OR
    for i in range(r):
        acc = out[i]
        if row_scalar(gc, A[i, n - 1], B[n - 1], acc, ct, in_int):
            return True, nonbool
        if track and not nonbool:
            nonbool = has_nonbool(acc)
        for k in range(n - 2, -1, -1):
            if skip_zero and A[i, k] == 0:
                continue  # 0∧y is 0, and 0∨acc is acc: the step changes nothing
            if row_scalar(gc, A[i, k], B[k], tmp, ct, in_int):
                return True, nonbool
            if track and not nonbool:
                nonbool = has_nonbool(tmp)
            if row_array(fc, tmp, acc, ct, p_int):
                return True, nonbool
    return False, nonbool


# ------------------------------------------------------------------ scans
@jit
def _scan_left(code, x, o, ct, is_int):
    """An associative f: o[k] = o[k-1] f x[k], O(n). ×: once a 0 is met the rest are 0."""
    n = x.shape[0]
    o[0] = x[0]
    acc = x[0]
    for k in range(1, n):
        y = x[k]
        if code == ADD:
            acc, b = add(acc, y, is_int)
        elif code == MUL:
            if acc == 0:
                b = False
            else:
                acc, b = mul(acc, y, is_int)
        elif code == MAX:
            acc, b = max(acc, y), False
        elif code == MIN or code == AND:
            acc, b = min(acc, y), False
        elif code == OR:
            acc, b = max(acc, y), False
        elif code == LCM:
            acc, b = lcm(acc, y, is_int)
        else:  # GCD
            acc, b = gcd(acc, y, is_int)
        if b:
            return True
        o[k] = acc
    return False


@jit
def _scan_alternating(x, o, is_int):
    """-\\: item k is x0-x1+x2-…±xk (a running sum with alternating signs), O(n)."""
    acc = x[0]
    o[0] = acc
    for k in range(1, x.shape[0]):
        if k % 2:
            acc, b = sub(acc, x[k], is_int)
            b = b or (is_int and x[k] == MINI)  # as the NumPy form, which negates x[k]
        else:
            acc, b = add(acc, x[k], is_int)
        if b:
            return True
        o[k] = acc
    return False


@jit
def _scan_steps(code, x, o, ct, is_int):
    """The definition, O(n²): every prefix folded from its right end at once; step t applies
    x[k-t] f acc[k] for all k ≥ t (the same operations, in the same order, as item-by-item)."""
    n = x.shape[0]
    for k in range(n):
        o[k] = x[k]
    for t in range(1, n):
        if row_array(code, x[: n - t], o[t:], ct, is_int):
            return True
    return False


@jit
def _scan_divide(x, o):
    """÷\\ (floats): item k is x0÷x1×x2÷x3… (a running product of x and 1÷x), O(n); a row with
    a 0, or whose running product leaves the normal float range, is done by definition instead."""
    n = x.shape[0]
    acc = x[0]
    o[0] = acc
    for k in range(1, n):
        y = x[k]
        if y == 0:
            return _scan_steps(DIV, x, o, 0.0, False)
        if k % 2:
            acc = acc * (1.0 / y)
        else:
            acc = acc * y
        a = abs(acc)
        if not a <= MAXF or (a < TINY and x[0] != 0):
            # overflow or underflow of the running product: the closed form would be inexact
            return _scan_steps(DIV, x, o, 0.0, False)
        o[k] = acc
    return False


@jit
def _scan_compare(code, x, o, ct, is_int):
    """A comparison f\\, O(n). After the first step every partial fold is 0 or 1, so item k is
    h0∘h1∘…∘h(k-2) applied to x[k-1] f x[k], where hj(b) = x[j] f b maps {0,1} to {0,1};
    the composition is carried left to right as the pair (H(0), H(1))."""
    n = x.shape[0]
    zero = x[0] * 0
    one = zero + 1
    o[0] = x[0]
    h0 = 0
    h1 = 1
    for k in range(1, n):
        g = compare(code, x[k - 1], x[k], ct, is_int)
        o[k] = h1 if g else h0
        a0 = compare(code, x[k - 1], zero, ct, is_int)
        a1 = compare(code, x[k - 1], one, ct, is_int)
        h0, h1 = (h1 if a0 else h0), (h1 if a1 else h0)
    return False


@jit
def scan(code, X, out, ct, is_int, mode):
    """f\\ along the last axis of X (rows × n), into out (same dtype). mode: 0 associative
    running fold, 1 alternating sum, 2 comparison, 3 divide (closed form), 4 by definition."""
    for i in range(X.shape[0]):
        x = X[i]
        o = out[i]
        if mode == 0:
            bad = _scan_left(code, x, o, ct, is_int)
        elif mode == 1:
            bad = _scan_alternating(x, o, is_int)
        elif mode == 2:
            bad = _scan_compare(code, x, o, ct, is_int)
        elif mode == 3:
            bad = _scan_divide(x, o)
        else:
            bad = _scan_steps(code, x, o, ct, is_int)
        if bad:
            return True
    return False


# ------------------------------------------------------------------ partition
@jit
def partition_into(v, s, out):
    """v's items below s, equal to s and above s, each in v's order, one after another in out
    (count, then fill): one call where NumPy takes six. Returns the first two counts."""
    n = v.shape[0]
    below = 0
    equal = 0
    for i in range(n):
        if v[i] < s:
            below += 1
        elif v[i] == s:
            equal += 1
    i_lt, i_eq, i_gt = 0, below, below + equal
    for i in range(n):
        x = v[i]
        if x < s:
            out[i_lt] = x
            i_lt += 1
        elif x == s:
            out[i_eq] = x
            i_eq += 1
        else:
            out[i_gt] = x
            i_gt += 1
    return below, equal
