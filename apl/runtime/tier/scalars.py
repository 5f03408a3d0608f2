"""Scalar functions on the Python scalars of compiled code, exactly as the primitives define them.

Each helper takes compiled values (see values.py): where both are Python numbers of the kinds it
knows it computes the result in plain Python (integer overflow becomes float, results must be
finite, comparisons of large integers and floats are tolerant), and anything else goes to the
primitive itself (`dyadic`/`monadic`), which knows every other case and every error. The
differential tests (tests/runtime/test_tier_scalars.py) hold each one against its primitive.
"""
from __future__ import annotations

import math
import operator

import numpy as np

from ...errors import DomainError
from ...primitives.table import PRIMITIVES
from ...settings import current
from .arrays import _B, _F64, _I64, SMALL
from .values import INT_MAX, INT_MIN, dyadic, monadic

_ndarray = np.ndarray
_concatenate = np.concatenate

TOLERANT_FROM = 2**31  # integers below this in magnitude compare exactly (comparison._huge_ints)
_BIG = 9.2e18  # arithmetic.BIG: whole floats below this become integers (⌊ ⌈)
_EXACT = 2.0**53  # whole floats below this in magnitude are their integers exactly
_CT_MAX = 2.0**-32 * 1.0000001  # ⎕CT's largest value (settings.assign), a hair over
_P = PRIMITIVES


def _finite(r):
    if r - r != 0:  # inf or nan
        raise DomainError("result is not a finite number")
    return r


# ------------------------------------------------------------------ + - × ÷
def add(a, w):
    ta, tw = type(a), type(w)
    if (ta is int or ta is bool) and (tw is int or tw is bool):
        r = a + w
        return r if INT_MIN <= r <= INT_MAX else float(a) + float(w)
    if (ta is float and (tw is float or tw is int or tw is bool)) or (tw is float and (ta is int or ta is bool)):
        return _finite(a + w)
    return dyadic(_P["+"], a, w)


def sub(a, w):
    ta, tw = type(a), type(w)
    if (ta is int or ta is bool) and (tw is int or tw is bool):
        r = a - w
        return r if INT_MIN <= r <= INT_MAX else float(a) - float(w)
    if (ta is float and (tw is float or tw is int or tw is bool)) or (tw is float and (ta is int or ta is bool)):
        return _finite(a - w)
    return dyadic(_P["-"], a, w)


def mul(a, w):
    ta, tw = type(a), type(w)
    if (ta is int or ta is bool) and (tw is int or tw is bool):
        r = a * w  # as the primitive's scalar path: exact when it fits int64, else the float product
        return r if INT_MIN <= r <= INT_MAX else float(a) * float(w)
    if (ta is float and (tw is float or tw is int or tw is bool)) or (tw is float and (ta is int or ta is bool)):
        return _finite(a * w)
    return dyadic(_P["×"], a, w)


def div(a, w):
    ta, tw = type(a), type(w)
    if (ta is int or ta is bool or ta is float) and (tw is int or tw is bool or tw is float):
        if w == 0:
            if current().div:  # ⎕DIV←1
                return 0.0
            if a == 0:
                return 1.0
            raise DomainError("divide by zero")
        return _finite(float(a) / float(w))
    return dyadic(_P["÷"], a, w)


def residue(a, w):
    if type(a) is int and type(w) is int:
        return w % a if a else w
    return dyadic(_P["|"], a, w)


def maximum(a, w):
    ta, tw = type(a), type(w)
    if ta is int and tw is int:
        return a if a >= w else w
    if (ta is float or ta is int) and (tw is float or tw is int):
        return float(a if a >= w else w)
    return dyadic(_P["⌈"], a, w)


def minimum(a, w):
    ta, tw = type(a), type(w)
    if ta is int and tw is int:
        return a if a <= w else w
    if (ta is float or ta is int) and (tw is float or tw is int):
        return float(a if a <= w else w)
    return dyadic(_P["⌊"], a, w)


# ------------------------------------------------------------------ comparisons
def _comparison(glyph, exact, op):
    """A comparison: integers (or booleans), one of them small, compared exactly as the primitive
    compares them; an array and a small integer by one NumPy call (as arrays.compare, written out
    here: a vector's comparison with a scalar is the inner step of many recursive dfns); else the
    primitive."""
    prim = _P[glyph]

    def compare_(a, w):
        ta, tw = type(a), type(w)
        if ta is _ndarray:
            if tw is int and -TOLERANT_FROM < w < TOLERANT_FROM:
                d = a.dtype
                if (d is _I64 or d is _B) and a.ndim and a.size <= SMALL:
                    return op(a, w)
        elif tw is _ndarray:
            if ta is int and -TOLERANT_FROM < a < TOLERANT_FROM:
                d = w.dtype
                if (d is _I64 or d is _B) and w.ndim and w.size <= SMALL:
                    return op(a, w)
        elif (ta is int or ta is bool) and (tw is int or tw is bool) and (
                -TOLERANT_FROM < a < TOLERANT_FROM or -TOLERANT_FROM < w < TOLERANT_FROM):
            return exact(a, w)
        return dyadic(prim, a, w)

    return compare_


eq = _comparison("=", operator.eq, np.equal)
ne = _comparison("≠", operator.ne, np.not_equal)
lt = _comparison("<", operator.lt, np.less)
le = _comparison("≤", operator.le, np.less_equal)
gt = _comparison(">", operator.gt, np.greater)
ge = _comparison("≥", operator.ge, np.greater_equal)


# ------------------------------------------------------------------ logic
def and_(a, w):
    if type(a) is bool and type(w) is bool:
        return a and w
    return dyadic(_P["∧"], a, w)


def or_(a, w):
    if type(a) is bool and type(w) is bool:
        return a or w
    return dyadic(_P["∨"], a, w)


def not_(w):
    if type(w) is bool:
        return not w
    return monadic(_P["~"], w)


# ------------------------------------------------------------------ monadic arithmetic
def negate(w):
    t = type(w)
    if t is int:
        return -w if w != INT_MIN else -float(w)
    if t is float:
        return -w
    if t is bool:
        return -int(w)
    return monadic(_P["-"], w)


def floor(w):
    t = type(w)
    if t is int:
        return w
    if t is float:
        clear = _clear_floor(w)
        return clear[0] if clear is not None else _floor(w)
    if t is bool:
        return int(w)
    return monadic(_P["⌊"], w)


def _clear_floor(w: float):
    """(⌊w as an int, its fraction) where no ⎕CT can matter: w below 2*53 in magnitude, whole or
    with a fraction further from 0 and 1 than the largest ⎕CT reaches; else None."""
    if -_EXACT < w < _EXACT:
        f = math.floor(w)
        frac, band = w - f, _CT_MAX * (abs(w) + 1)
        if frac == 0 or band < frac < 1 - band:
            return f, frac
    return None


def _floor(w: float):
    """arithmetic.floor on one finite float: the nearest integer when tolerantly equal to it."""
    n = float(round(w))
    if abs(n - w) <= current().ct * max(abs(n), abs(w)):
        r = n
    else:
        r = float(math.floor(w))
    return int(r) if abs(r) < _BIG else r


def ceiling(w):
    t = type(w)
    if t is int:
        return w
    if t is float:
        clear = _clear_floor(w)
        if clear is not None:
            return clear[0] + (clear[1] != 0)
        r = _floor(-w)
        return -r if type(r) is float or r != INT_MIN else -float(r)
    if t is bool:
        return int(w)
    return monadic(_P["⌈"], w)


def magnitude(w):
    t = type(w)
    if t is int:
        return (w if w >= 0 else -w) if w != INT_MIN else -float(w)
    if t is float:
        return abs(w)
    if t is bool:
        return int(w)
    return monadic(_P["|"], w)


def signum(w):
    t = type(w)
    if t is int or t is float or t is bool:
        return (w > 0) - (w < 0)
    return monadic(_P["×"], w)


def tally(w):
    """≢: 1 for a scalar, else the length of the first axis."""
    t = type(w)
    if t is _ndarray:
        return w.shape[0] if w.ndim else 1
    if t is int or t is float or t is bool:
        return 1
    return monadic(_P["≢"], w)


# ------------------------------------------------------------------ structural functions on small arrays
def replicate(a, w):
    """a/w: a boolean vector a and a simple vector w of its length as w[a] (arrays.compress,
    written out), else the primitive."""
    if type(a) is _ndarray and type(w) is _ndarray and a.dtype is _B and a.ndim == 1 and w.ndim == 1:
        d = w.dtype
        if (d is _I64 or d is _F64 or d is _B) and a.shape[0] == w.shape[0] and a.shape[0] <= SMALL:
            return w[a]
    return dyadic(_P["/"], a, w)


def catenate(a, w):
    """a,w: two simple vectors of one type as one concatenation (arrays.catenate, written out),
    else the primitive."""
    if type(a) is _ndarray and type(w) is _ndarray and a.ndim == 1 and w.ndim == 1:
        d = a.dtype
        if d is w.dtype and (d is _I64 or d is _F64 or d is _B) and a.shape[0] + w.shape[0] <= SMALL:
            return _concatenate((a, w))
    return dyadic(_P[","], a, w)


# ------------------------------------------------------------------ fused steps (codegen.fused)
def sieve(glyph):
    """(a cmp w)/x in one step where both steps would take their fast cases: a small int64 or
    boolean vector compared with a small integer (either way round), selecting from a simple
    vector x of its length — x[a cmp w]; None where the two steps must run one by one."""
    op = _COMPARE_OPS[glyph]

    def sieve_(a, w, x):
        if a is x or w is x:  # (⍵<p)/⍵: the vector compared is the one selected from
            v, s = (a, w) if a is x else (w, a)
        else:
            if type(x) is not _ndarray or x.ndim != 1:
                return None
            d = x.dtype
            if not (d is _I64 or d is _F64 or d is _B):
                return None
            v, s = (a, w) if type(a) is _ndarray else (w, a)
            if type(v) is not _ndarray or v.shape[:1] != x.shape:
                return None
        if type(v) is _ndarray and type(s) is int and -TOLERANT_FROM < s < TOLERANT_FROM:
            dv = v.dtype
            if (dv is _I64 or dv is _B) and v.ndim == 1 and v.shape[0] <= SMALL:
                return x[op(a, w)]
        return None

    return sieve_


def partition(v, s):
    """The sieves (v<s)/v, (v=s)/v and (v>s)/v at once, where each would take sieve's fast case
    (a small int64 or boolean vector, a small integer): (lt, eq, gt) from kernels.partition;
    else False (the sieves then run one by one)."""
    if type(v) is _ndarray and type(s) is int and -TOLERANT_FROM < s < TOLERANT_FROM and v.ndim == 1:
        d = v.dtype
        if v.shape[0] <= SMALL:
            if d is _I64:
                return _PARTITION[0](v, s)
            if d is _B:
                return v[v < s], v[v == s], v[v > s]
    return False


def _first_partition(v, s):
    """kernels.partition, imported when first needed (not with every dfn)."""
    from ...kernels.partition import partition_int64

    _PARTITION[0] = partition_int64
    return partition_int64(v, s)


_PARTITION = [_first_partition]


_COMPARE_OPS = {"=": np.equal, "≠": np.not_equal, "<": np.less, "≤": np.less_equal, ">": np.greater,
                "≥": np.greater_equal}


def vectors(a, w):
    """Whether a,w is two small simple vectors of one type: a catenation that cannot fail."""
    if type(a) is _ndarray and type(w) is _ndarray and a.ndim == 1 and w.ndim == 1:
        d = a.dtype
        return d is w.dtype and (d is _I64 or d is _F64 or d is _B) and a.shape[0] + w.shape[0] <= SMALL
    return False


def join(a, b, c):
    """a,b,c as one concatenation where b,c is known to be two simple vectors of one type
    (vectors) and a is one more of that type: what catenating pair by pair gives; else None."""
    if type(a) is _ndarray and a.ndim == 1 and a.dtype is b.dtype and a.shape[0] + b.shape[0] + c.shape[0] <= SMALL:
        return _concatenate((a, b, c))
    return None


DYADIC = {"+": add, "-": sub, "×": mul, "÷": div, "|": residue, "⌈": maximum, "⌊": minimum,
          "=": eq, "≠": ne, "<": lt, "≤": le, ">": gt, "≥": ge, "∧": and_, "∨": or_, "/": replicate, ",": catenate}
MONADIC = {"-": negate, "⌊": floor, "⌈": ceiling, "|": magnitude, "×": signum, "~": not_, "≢": tally}
