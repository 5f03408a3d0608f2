"""The table of primitive functions: each glyph once, with its monadic and dyadic meaning."""
from __future__ import annotations

import math
import operator
from functools import partial

import numpy as np

from ..backends import _tensor_type
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
from .cells import norm_axis
from .comparison import TOLERANT_FROM  # integers this large compare tolerantly (comparison.equal)
from .pervade import pervade_axis, pervade_dyadic, pervade_monadic

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1

# Integer scalar by integer scalar, in plain Python: the hot path of recursive dfns and ¨.
_INT_SCALAR = {
    "+": operator.add, "-": operator.sub, "×": operator.mul,
    "⌈": max, "⌊": min,
    "=": operator.eq, "≠": operator.ne, "<": operator.lt, "≤": operator.le,
    ">": operator.gt, "≥": operator.ge,
}
_INT_KINDS = ("i", "b")
# Real scalars with a float among them, in plain Python too: a non-finite, complex or failed
# result (overflow, 0÷0, ¯8*÷3) goes the general way, which knows APL's answer or error.
_FLOAT_SCALAR = {
    "+": operator.add, "-": operator.sub, "×": operator.mul, "÷": operator.truediv,
    "*": operator.pow, "⌈": max, "⌊": min,
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
        elif self._int_scalar is not None and a.ndim == 0 and w.ndim == 0 and _cpu_int_tensors(a, w):
            x = int(a)
            r = self._int_scalar(x, int(w))  # a CPU scalar's value is one read away
            if (r is True or r is False) and -TOLERANT_FROM < x < TOLERANT_FROM or (
                    r is not True and r is not False and _INT_MIN <= r <= _INT_MAX):
                import torch

                return torch.tensor(r, dtype=torch.bool if type(r) is bool else torch.int64)
        return self._dyad(a, w)


_CPU_INT_DTYPES: tuple = ()


def _cpu_int_tensors(a, w) -> bool:
    """Both 0-d integer or boolean tensors on the CPU (never a GPU tensor: reading one would
    wait for the device; never floats: they may carry gradients)."""
    global _CPU_INT_DTYPES
    tensor = _tensor_type()
    if tensor is None or type(a) is not tensor or type(w) is not tensor:
        return False
    if not _CPU_INT_DTYPES:
        import torch

        _CPU_INT_DTYPES = (torch.int64, torch.bool)
    return (a.dtype in _CPU_INT_DTYPES and w.dtype in _CPU_INT_DTYPES
            and a.device.type == "cpu" and w.device.type == "cpu")


_SCALAR = {
    "+": (arithmetic.conjugate, arithmetic.add),
    "-": (arithmetic.negate, arithmetic.subtract),
    "×": (arithmetic.signum, arithmetic.multiply),
    "÷": (arithmetic.reciprocal, arithmetic.divide),
    "*": (arithmetic.exp, arithmetic.power),
    "⍟": (arithmetic.ln, arithmetic.log),
    "|": (arithmetic.magnitude, arithmetic.residue),
    "⌈": (arithmetic.ceiling, arithmetic.maximum),
    "⌊": (arithmetic.floor, arithmetic.minimum),
    "!": (factorial.factorial, factorial.binomial),
    "○": (circular.pi_times, circular.circular),
    "∧": (None, logic.logical_and),
    "∨": (None, logic.logical_or),
    "⍲": (None, logic.nand),
    "⍱": (None, logic.nor),
    "<": (None, comparison.less),
    "≤": (None, comparison.less_equal),
    "=": (None, comparison.equal),
    "≥": (None, comparison.greater_equal),
    ">": (None, comparison.greater),
    "≠": (None, comparison.not_equal),
}


def _ax(fn):
    """Wrap f(w, axis) so that it takes an APL axis value."""
    return lambda w, axis: fn(w, norm_axis(axis, w.ndim))


def _ax2(fn):
    return lambda a, w, axis: fn(a, w, norm_axis(axis, max(w.ndim, 1)))


def _tilde_monad(w):
    return pervade_monadic(logic.logical_not, w)


def _question_monad(w):
    return pervade_monadic(random_numbers.roll, w)


def _build() -> dict:
    t: dict[str, Function] = {g: ScalarPrimitive(g, m, d) for g, (m, d) in _SCALAR.items()}
    prims = [
        Primitive("⍴", structural.shape, structural.reshape),
        Primitive(",", structural.ravel, structural.catenate,
                  axis_monad=structural.ravel_axis, axis_dyad=structural.catenate_axis),
        Primitive("⍪", structural.table, structural.catenate_first, axis_dyad=structural.catenate_axis),
        Primitive("⌽", structural.reverse, structural.rotate,
                  axis_monad=_ax(structural.reverse), axis_dyad=_ax2(structural.rotate)),
        Primitive("⊖", partial(structural.reverse, axis=0), structural.rotate_first,
                  axis_monad=_ax(structural.reverse), axis_dyad=_ax2(structural.rotate)),
        Primitive("⍉", structural.transpose, structural.transpose_dyadic),
        Primitive("↑", nesting.mix, structural.take, axis_monad=nesting.mix_axis, axis_dyad=structural.take_axis),
        Primitive("↓", nesting.split, structural.drop, axis_monad=_ax(nesting.split), axis_dyad=structural.drop_axis),
        Primitive("⊂", nesting.enclose_fn, nesting.partitioned_enclose, axis_monad=nesting.enclose_axis,
                  axis_dyad=_ax2(nesting.partitioned_enclose)),
        Primitive("⊆", nesting.nest, nesting.partition, axis_dyad=_ax2(nesting.partition)),
        Primitive("⊃", nesting.first, nesting.pick),
        Primitive("≡", nesting.depth_signed, nesting.match_fn),
        Primitive("≢", nesting.tally, nesting.not_match),
        Primitive("⊣", structural.same, structural.left),
        Primitive("⊢", structural.same, structural.right),
        Primitive("⍳", search.iota, search.index_of),
        Primitive("⍸", search.where, ordering.interval_index),
        Primitive("∊", search.enlist, search.member),
        Primitive("⍷", None, search.find),
        Primitive("∪", search.unique, search.union),
        Primitive("∩", None, search.intersection),
        Primitive("~", _tilde_monad, search.without),
        Primitive("⌷", structural.same, indexing.squad, axis_dyad=indexing.squad_axis),
        Primitive("⍋", ordering.grade_up, ordering.grade_collated),
        Primitive("⍒", ordering.grade_down, lambda a, w: ordering.grade_collated(a, w, True)),
        Primitive("?", _question_monad, random_numbers.deal),
        Primitive("⊥", None, numeric.decode),
        Primitive("⊤", None, numeric.encode),
        Primitive("⌹", numeric.matrix_inverse, numeric.matrix_divide),
        Primitive("⍕", numeric.format_monadic, numeric.format_dyadic),
        Primitive("/", None, structural.replicate, axis_dyad=_ax2(structural.replicate)),
        Primitive("⌿", None, structural.replicate_first, axis_dyad=_ax2(structural.replicate)),
        Primitive("\\", None, structural.expand, axis_dyad=_ax2(structural.expand)),
        Primitive("⍀", None, structural.expand_first, axis_dyad=_ax2(structural.expand)),
    ]
    for p in prims:
        t[p.glyph] = p
    t["~"].kernel = None
    t["≠"]._monad = search.unique_mask  # monadic ≠ is not scalar: 1 where each major cell first occurs
    return t


PRIMITIVES = _build()
