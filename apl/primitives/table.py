"""The table of primitive functions, built from the glyph registry (apl/glyphs), and the scalar
functions' fast path on scalars."""
from __future__ import annotations

import math
import operator
from functools import partial

import numpy as np

from ..arrays import to_backend
from ..backends import backend_of
from ..glyphs import GLYPHS, SYNTAX
from . import (
    arithmetic,
    circular,
    comparison,
    factorial,
    indexing,
    logic,
    nesting,
    numeric,
    ordering,
    random_numbers,
    search,
    structural,
)
from .base import Function, Primitive, ScalarKernels
from .comparison import TOLERANT_FROM  # integers this large compare tolerantly (comparison.equal)
from .pervade import pervade_axis, pervade_dyadic, pervade_monadic
from .registry import resolver

# the modules of functions whose definitions the registry names
definition = resolver(arithmetic, circular, comparison, factorial, indexing, logic, nesting, numeric, ordering,
                      random_numbers, search, structural)

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1

# On a lazy backend (Dask) these need the whole array in one place (sorting, searching, nested
# or character results): their arguments are computed into NumPy when they fit under the memory
# limit (else NONCE ERROR naming the primitive), they run on NumPy, and the result goes back.
IN_MEMORY = {
    "ordering.grade_up": "⍋ (sorting)", "ordering.grade_collated": "⍋ (sorting)",
    "ordering.grade_down": "⍒ (sorting)", "ordering.grade_collated_down": "⍒ (sorting)",
    "search.unique": "∪ (unique)", "search.union": "∪ (union)", "search.intersection": "∩ (intersection)",
    "search.without": "~ (without)", "search.index_of": "⍳ (index of)", "search.member": "∊ (membership)",
    "search.where": "⍸ (where)", "ordering.interval_index": "⍸ (interval index)",
    "search.unique_mask": "≠ (unique mask)", "search.find": "⍷ (find)",
    "numeric.matrix_inverse": "⌹ (matrix inverse)", "numeric.matrix_divide": "⌹ (matrix division)",
    "numeric.format_monadic": "⍕ (characters)", "numeric.format_dyadic": "⍕ (characters)",
    "nesting.split": "↓ (split: a nested result)", "nesting.partitioned_enclose": "⊂ (partition: nested)",
    "nesting.partition": "⊆ (partition: nested)", "random_numbers.deal": "? (deal)",
}


def _in_memory(fn, what):
    """fn, which on a lazy backend runs on its arguments computed into memory (see IN_MEMORY)."""
    from .chunked import host

    def run(*args):
        if type(args[-1]) is np.ndarray and (len(args) == 1 or type(args[0]) is np.ndarray):
            return fn(*args)
        bk = backend_of(*args)
        if not bk.lazy:
            return fn(*args)
        return to_backend(fn(*[host(x, what) for x in args]), bk)

    return run


def _defined(name):
    """The evaluator's definition a registry row names (see IN_MEMORY)."""
    fn = definition(name)
    what = IN_MEMORY.get(name)
    return fn if what is None else _in_memory(fn, what)

# Integer scalar by integer scalar, in plain Python: the hot path of recursive dfns and ¨.
_INT_SCALAR = {
    "+": operator.add, "-": operator.sub, "×": operator.mul,
    "⌈": max, "⌊": min,
    "=": operator.eq, "≠": operator.ne, "<": operator.lt, "≤": operator.le,
    ">": operator.gt, "≥": operator.ge,
}
_INT_KINDS = ("i", "b")
def _float_power(x, y):
    """x*y as NumPy's power computes it for arrays: libm's pow (Python's **) differs from it in
    the last place now and then (2.5*2.5), and a scalar must give what a vector does. NumPy
    warns of nothing for a positive base whose power is well inside float64's range, so the
    error state (a costly context) is entered only for the others. X*0.5 is a square root, as it
    is for arrays (arithmetic.power)."""
    if y == 0.5 and x >= 0:
        return math.sqrt(x)
    if x > 0 and abs(y * math.log(x)) < 700:
        return float(np.power(x, y))
    with np.errstate(all="ignore"):
        return float(np.power(x, y))


# Real scalars with a float among them, in plain Python too: a non-finite, complex or failed
# result (overflow, 0÷0, ¯8*÷3) goes the general way, which knows APL's answer or error.
_FLOAT_SCALAR = {
    "+": operator.add, "-": operator.sub, "×": operator.mul, "÷": operator.truediv,
    "*": _float_power, "⌈": max, "⌊": min,
}


def _frozen(v):
    a = np.array(v)
    a.flags.writeable = False  # shared: a value never changes in place
    return a


# results of the scalar fast path that are shared rather than allocated each time
_TRUTH = {True: _frozen(True), False: _frozen(False)}
_SMALL = [_frozen(np.int64(i)) for i in range(-256, 1024)]


class ScalarPrimitive(Primitive):
    """A pervasive primitive: kernels on simple arrays, pervasion and extension around them."""

    pervasive = True

    def __init__(self, glyph, monad, dyad):
        self.kernel = ScalarKernels(monad, dyad)
        self._int_scalar = _INT_SCALAR.get(glyph)
        self._float_scalar = _FLOAT_SCALAR.get(glyph)
        super().__init__(
            glyph,
            None if monad is None else partial(pervade_monadic, monad),
            None if dyad is None else partial(pervade_dyadic, dyad),
            axis_dyad=None if dyad is None else (lambda a, w, k: pervade_axis(dyad, a, w, k)),
        )

    def dyad(self, a, w):
        if type(a) is np.ndarray and type(w) is np.ndarray and a.ndim == 0 and w.ndim == 0:
            ka, kw = a.dtype.kind, w.dtype.kind
            if ka in _INT_KINDS and kw in _INT_KINDS:
                fast = self._int_scalar
                if fast is not None:
                    x = int(a)
                    r = fast(x, int(w))
                    if r is True or r is False:
                        if -TOLERANT_FROM < x < TOLERANT_FROM:  # else ⎕CT may matter: 1E15=1E15+1
                            return _TRUTH[r]
                    elif -256 <= r < 1024:
                        return _SMALL[r + 256]
                    elif _INT_MIN <= r <= _INT_MAX:
                        return np.array(r, dtype=np.int64)
            elif self._float_scalar is not None and (ka == "f" or kw == "f") and ka in "fib" and kw in "fib":
                try:
                    r = self._float_scalar(a.item(), w.item())
                except (ZeroDivisionError, OverflowError):
                    r = None
                if (type(r) is float or type(r) is int) and math.isfinite(r):
                    return np.array(float(r))
        elif self._int_scalar is not None and a.ndim == 0 and w.ndim == 0:
            # another backend's integer scalars, where its backend can read them at no cost (CPU
            # tensors: never a GPU's, never floats, which may carry gradients)
            bk = backend_of(a, w)
            xw = bk.int_scalars(a, w)
            if xw is not None:
                x = xw[0]
                r = self._int_scalar(x, xw[1])
                if (r is True or r is False) and -TOLERANT_FROM < x < TOLERANT_FROM or (
                        r is not True and r is not False and _INT_MIN <= r <= _INT_MAX):
                    return bk.scalar(r, bk.BOOL if type(r) is bool else bk.INT)
        return self._dyad(a, w)


def _function(row) -> Function:
    """The evaluator's function for a registry row: its monadic and dyadic definitions, with
    pervasion around scalar kernels, and their forms with an axis."""
    m, d = row.monadic, row.dyadic
    m = m if m is not None and m.evaluator is not None else None
    d = d if d is not None and d.evaluator is not None else None
    if d is not None and d.scalar:
        p = ScalarPrimitive(row.glyph, _defined(m.evaluator) if m is not None and m.scalar else None,
                            _defined(d.evaluator))
        if m is not None and not m.scalar:  # monadic ≠, the unique mask, is not scalar
            p._monad = _defined(m.evaluator)
        return p
    monad = dyad = None
    if m is not None:
        monad = partial(pervade_monadic, _defined(m.evaluator)) if m.scalar else _defined(m.evaluator)
    if d is not None:
        dyad = _defined(d.evaluator)
    return Primitive(row.glyph, monad, dyad,
                     axis_monad=_defined(m.axis) if m is not None and m.axis else None,
                     axis_dyad=_defined(d.axis) if d is not None and d.axis else None)


def _build() -> dict:
    """Every glyph of the registry with a function meaning the evaluator defines (/ ⌿ \\ ⍀ too:
    after an array they are replicate and expand)."""
    return {row.glyph: _function(row) for row in GLYPHS
            if row.supported and row.kind != SYNTAX
            and any(m is not None and m.evaluator for m in (row.monadic, row.dyadic))}


PRIMITIVES = _build()
