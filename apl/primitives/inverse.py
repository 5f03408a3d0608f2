"""Inverses of functions, for the power operator with a negative count (`f⍣¯1`).

Dyalog inverts primitive functions that have an inverse, functions bound to an argument
(`2∘×`, `-∘1`, `10∘⊥`), compositions and atops of invertible functions, `+\\` and repeated
powers; anything else has no inverse here (`DOMAIN ERROR` for primitives that have none and
for dfns and dops, as Dyalog's power-operator page says, `NONCE ERROR` for what is not
implemented). The inverse of a power f⍣n is registered by power.py (`register_inverse`), which
imports this module for ⍣ with a negative count.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..arrays import INT, host_ints, is_char, is_nested, like_ints, to_int
from ..errors import DomainError, NonceError
from ..settings import current
from .base import is_function
from .cells import build, items_of
from .cellwise import Each
from .composition import Atop, Commute, Compose
from .reduce_scan import Scan
from .structural import drop
from .table import PRIMITIVES

# Inverses of derived functions whose own module needs inverse() (⍣ with a negative count), and
# so cannot be imported here: such a module registers the inverse of its class at its import.
_REGISTERED: dict[type, Callable] = {}


def register_inverse(cls: type, invert: Callable):
    """Let inverse() undo the derived functions of class cls: invert(f) gives f's inverse."""
    _REGISTERED[cls] = invert


def _m(g, w):
    return PRIMITIVES[g].monad(w)


def _d(g, a, w):
    return PRIMITIVES[g].dyad(a, w)


# monadic primitives and the function that undoes each
_MONADIC = {
    "+": lambda w: _m("+", w),
    "-": lambda w: _m("-", w),
    "÷": lambda w: _m("÷", w),
    "*": lambda w: _m("⍟", w),
    "⍟": lambda w: _m("*", w),
    "○": lambda w: _d("÷", w, _m("○", np.array(1, dtype=np.int64))),
    "~": lambda w: _m("~", w),
    "⌽": lambda w: _m("⌽", w),
    "⊖": lambda w: _m("⊖", w),
    "⍉": lambda w: _m("⍉", w),
    "⊂": lambda w: _m("⊃", w),
    "⊃": lambda w: _m("⊂", w),
    "↑": lambda w: _m("↓", w),
    "↓": lambda w: _m("↑", w),
    "⊢": lambda w: w,
    "⊣": lambda w: w,
    "⍸": lambda w: _where_inverse(w),
}

# A∘f: y ↦ A f y; the inverse gives x with A f x = y
_LEFT_BOUND = {
    "+": lambda a, y: _d("-", y, a),
    "-": lambda a, y: _d("-", a, y),
    "×": lambda a, y: _d("÷", y, a),
    "÷": lambda a, y: _d("÷", a, y),
    "*": lambda a, y: _d("⍟", a, y),
    "⍟": lambda a, y: _d("*", a, y),
    "⌽": lambda a, y: _d("⌽", _m("-", a), y),
    "⊖": lambda a, y: _d("⊖", _m("-", a), y),
    "⊤": lambda a, y: _d("⊥", a, y),
    "⊢": lambda a, y: y,
    "○": lambda a, y: _d("○", _circle_inverse(a), y),
}

# f∘B: x ↦ x f B; the inverse gives x with x f B = y
_RIGHT_BOUND = {
    "+": lambda b, y: _d("-", y, b),
    "-": lambda b, y: _d("+", y, b),
    "×": lambda b, y: _d("÷", y, b),
    "÷": lambda b, y: _d("×", y, b),
    "*": lambda b, y: _d("*", y, _m("÷", b)),
    "⍟": lambda b, y: _d("*", b, _m("÷", y)),
    "⊣": lambda b, y: y,
}


def _circle_inverse(a):
    """k∘○ is undone by (-k)∘○ for the trigonometric and hyperbolic pairs 1…7."""
    k = to_int(a, "circle function number")
    if not 1 <= abs(k) <= 7:
        raise DomainError("function has no inverse")
    return np.array(-k, dtype=np.int64)


def _where_inverse(y):
    """⍸⍣¯1: the counts whose where is y (a vector of indices, or a scalar)."""
    if is_char(y):
        raise DomainError("⍸⍣¯1 needs indices")
    if y.ndim > 1 or is_nested(y):
        raise NonceError("inverse of ⍸ needs a simple vector of indices")
    ix = host_ints(y, "argument of ⍸⍣¯1").reshape(-1) - current().io
    if ix.size and ix.min() < 0:
        raise DomainError("⍸⍣¯1 needs indices of at least ⎕IO")
    counts = np.bincount(ix, minlength=0).astype(INT) if ix.size else np.zeros(0, dtype=INT)
    return like_ints(counts, y)


def _decode_inverse(a, y):
    """(A∘⊥)⍣¯1: the representation of y in radix A, with as many digits as it needs."""
    if a.ndim:
        return _d("⊤", a, y)
    base = to_int(a, "radix")
    # an array y: as many digits as its largest magnitude needs (each number down a column)
    values = [abs(int(v)) for v in host_ints(y, "number").reshape(-1).tolist()]
    if base < 2:
        raise DomainError("radix must be at least 2")
    digits = 1
    m = max(values, default=0)
    while base ** digits <= m:
        digits += 1
    return _d("⊤", np.full(digits, base, dtype=INT), y)


def inverse(f):
    """A monadic Python function undoing f, or an APL error."""
    if type(f).__name__ == "DfnFunction":  # LRG/power-operator: defined and dynamic functions
        raise DomainError("a dfn has no inverse")  # have no inverse: DOMAIN ERROR
    g = getattr(f, "glyph", None)
    if g is not None and type(f).__name__ in ("Primitive", "ScalarPrimitive"):
        if g in _MONADIC:
            return _MONADIC[g]
        raise DomainError(f"{g} has no inverse")
    if isinstance(f, Compose):
        left, right = f.left, f.right
        if not is_function(left):
            rg = getattr(right, "glyph", None)
            if isinstance(right, Commute):  # A∘(f⍨): y ↦ y f A
                cg = getattr(right.left, "glyph", None)
                if cg in _RIGHT_BOUND:
                    return lambda y: _RIGHT_BOUND[cg](left, y)
                raise DomainError("function has no inverse")
            if rg == "⊥":
                return lambda y: _decode_inverse(left, y)
            if rg in _LEFT_BOUND:
                return lambda y: _LEFT_BOUND[rg](left, y)
            raise DomainError("function has no inverse")
        if not is_function(right):
            lg = getattr(left, "glyph", None)
            if isinstance(left, Commute):  # (f⍨)∘B: y ↦ B f y
                cg = getattr(left.left, "glyph", None)
                if cg in _LEFT_BOUND:
                    return lambda y: _LEFT_BOUND[cg](right, y)
                raise DomainError("function has no inverse")
            if lg in _RIGHT_BOUND:
                return lambda y: _RIGHT_BOUND[lg](right, y)
            raise DomainError("function has no inverse")
        fi, gi = inverse(left), inverse(right)
        return lambda y: gi(fi(y))
    if isinstance(f, Atop):
        fi, gi = inverse(f.left), inverse(f.right)
        return lambda y: gi(fi(y))
    invert = _REGISTERED.get(type(f))
    if invert is not None:
        return invert(f)
    if isinstance(f, Scan) and getattr(f.left, "glyph", None) == "+" and f.axis is None:
        first = f.first

        def unscan(y):
            if y.ndim == 0:
                return y
            k = 0 if first or y.ndim == 1 else y.ndim - 1
            shifted = _d("⍪" if k == 0 else ",", np.array(0, dtype=np.int64), y)
            return _d("-", y, drop(np.array([-1]), shifted, [k]))

        return unscan
    if isinstance(f, Each):  # (f¨)⍣¯1 is (f⍣¯1)¨
        fi = inverse(f.left)

        def each_inverse(y):
            if y.dtype != object and getattr(f.left, "pervasive", False):
                return fi(y)
            return build([fi(x) for x in items_of(y)], tuple(y.shape))

        return each_inverse
    if isinstance(f, Commute):
        # f⍨ used monadically is ω f ω: only a few have an obvious inverse
        lg = getattr(f.left, "glyph", None)
        if lg == "+":
            return lambda y: _d("÷", y, np.array(2, dtype=np.int64))
        if lg == "×":
            return lambda y: _d("*", y, np.array(0.5))
        raise DomainError("function has no inverse")
    raise NonceError("inverse of this function is not supported")
