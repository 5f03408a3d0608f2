"""The table of primitive functions: each glyph once, with its monadic and dyadic meaning."""
from __future__ import annotations

import math
import operator
from functools import partial

import numpy as np

from ..backends import _tensor_type
from . import numeric as nu
from . import scalar as sc
from . import selection as se
from . import structural as st
from .base import Function, Primitive, ScalarKernels
from .cells import norm_axis
from .pervade import pervade_axis, pervade_dyadic, pervade_monadic

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_TOLERANT_FROM = sc._TOLERANT_FROM  # integers this large compare tolerantly (scalar.equal)

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
                        if -_TOLERANT_FROM < x < _TOLERANT_FROM:  # else ⎕CT may matter: 1E15=1E15+1
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
            if (r is True or r is False) and -_TOLERANT_FROM < x < _TOLERANT_FROM or (
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
    "+": (sc.conjugate, sc.add),
    "-": (sc.negate, sc.subtract),
    "×": (sc.signum, sc.multiply),
    "÷": (sc.reciprocal, sc.divide),
    "*": (sc.exp, sc.power),
    "⍟": (sc.ln, sc.log),
    "|": (sc.magnitude, sc.residue),
    "⌈": (sc.ceiling, sc.maximum),
    "⌊": (sc.floor, sc.minimum),
    "!": (sc.factorial, sc.binomial),
    "○": (sc.pi_times, sc.circular),
    "∧": (None, sc.logical_and),
    "∨": (None, sc.logical_or),
    "⍲": (None, sc.nand),
    "⍱": (None, sc.nor),
    "<": (None, sc.less),
    "≤": (None, sc.less_equal),
    "=": (None, sc.equal),
    "≥": (None, sc.greater_equal),
    ">": (None, sc.greater),
    "≠": (None, sc.not_equal),
}


def _ax(fn):
    """Wrap f(w, axis) so that it takes an APL axis value."""
    return lambda w, axis: fn(w, norm_axis(axis, w.ndim))


def _ax2(fn):
    return lambda a, w, axis: fn(a, w, norm_axis(axis, max(w.ndim, 1)))


def _tilde_monad(w):
    return pervade_monadic(sc.logical_not, w)


def _question_monad(w):
    return pervade_monadic(sc.roll, w)


def _build() -> dict:
    t: dict[str, Function] = {g: ScalarPrimitive(g, m, d) for g, (m, d) in _SCALAR.items()}
    prims = [
        Primitive("⍴", st.shape, st.reshape),
        Primitive(",", st.ravel, st.catenate, axis_monad=st.ravel_axis, axis_dyad=st.catenate_axis),
        Primitive("⍪", st.table, st.catenate_first, axis_dyad=st.catenate_axis),
        Primitive("⌽", st.reverse, st.rotate, axis_monad=_ax(st.reverse), axis_dyad=_ax2(st.rotate)),
        Primitive("⊖", partial(st.reverse, axis=0), st.rotate_first,
                  axis_monad=_ax(st.reverse), axis_dyad=_ax2(st.rotate)),
        Primitive("⍉", st.transpose, st.transpose_dyadic),
        Primitive("↑", st.mix, st.take, axis_monad=st.mix_axis, axis_dyad=st.take_axis),
        Primitive("↓", st.split, st.drop, axis_monad=_ax(st.split), axis_dyad=st.drop_axis),
        Primitive("⊂", st.enclose_fn, st.partitioned_enclose, axis_monad=st.enclose_axis,
                  axis_dyad=_ax2(st.partitioned_enclose)),
        Primitive("⊆", st.nest, st.partition, axis_dyad=_ax2(st.partition)),
        Primitive("⊃", st.first, st.pick),
        Primitive("≡", st.depth_signed, st.match_fn),
        Primitive("≢", st.tally, st.not_match),
        Primitive("⊣", st.same, st.left),
        Primitive("⊢", st.same, st.right),
        Primitive("⍳", se.iota, se.index_of),
        Primitive("⍸", se.where, se.interval_index),
        Primitive("∊", se.enlist, se.member),
        Primitive("⍷", None, se.find),
        Primitive("∪", se.unique, se.union),
        Primitive("∩", None, se.intersection),
        Primitive("~", _tilde_monad, se.without),
        Primitive("⌷", st.same, se.squad, axis_dyad=se.squad_axis),
        Primitive("⍋", se.grade_up, se.grade_collated),
        Primitive("⍒", se.grade_down, lambda a, w: se.grade_collated(a, w, True)),
        Primitive("?", _question_monad, se.deal),
        Primitive("⊥", None, nu.decode),
        Primitive("⊤", None, nu.encode),
        Primitive("⌹", nu.matrix_inverse, nu.matrix_divide),
        Primitive("⍕", nu.format_monadic, nu.format_dyadic),
        Primitive("/", None, st.replicate, axis_dyad=_ax2(st.replicate)),
        Primitive("⌿", None, st.replicate_first, axis_dyad=_ax2(st.replicate)),
        Primitive("\\", None, st.expand, axis_dyad=_ax2(st.expand)),
        Primitive("⍀", None, st.expand_first, axis_dyad=_ax2(st.expand)),
    ]
    for p in prims:
        t[p.glyph] = p
    t["~"].kernel = None
    t["≠"]._monad = se.unique_mask  # monadic ≠ is not scalar: 1 where each major cell first occurs
    return t


PRIMITIVES = _build()
