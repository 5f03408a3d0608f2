"""Functions and operators as Python objects: what the evaluator calls and operators take.

A function has `monad(w)` and `dyad(a, w)`; a missing valence is a SYNTAX ERROR. Primitive
functions keep their glyph so that operators can choose fast paths by pattern (`+.×` is a
matrix product, `+/` a sum); scalar primitives also keep their simple-array kernels. A derived
function (`Derived`) keeps its operands; the operators that make them are in their own modules
(reduce_scan, composition, products, cellwise, power, at), gathered by operators.make_derived.
"""
from __future__ import annotations

import numpy as np

from ..arrays import host_values
from ..backends import coerce
from ..display import format_number
from ..errors import AxisError, SyntaxError_


class Function:
    """Anything that can be applied to one or two arrays."""

    glyph: str | None = None  # set for primitive functions
    kernel = None  # ScalarKernels for pervasive primitives
    pervasive = False  # f applied to a whole array equals f applied to each simple scalar
    name_class = 3.3  # ⎕NC of a name holding it, asked nested: a primitive or derived function

    def monad(self, w):
        raise SyntaxError_(f"{self.describe()} has no monadic form")

    def dyad(self, a, w):
        raise SyntaxError_(f"{self.describe()} has no dyadic form")

    def with_axis(self, axis) -> Function:
        raise AxisError(f"{self.describe()} takes no axis")

    def describe(self) -> str:
        return self.glyph or type(self).__name__

    def __call__(self, omega, alpha=None):
        """Python-side call: f(ω) or f(ω, α) on APL arrays."""
        return self.monad(omega) if alpha is None else self.dyad(alpha, omega)

    def __repr__(self):
        return f"<APL function {self.describe()}>"


class Primitive(Function):
    """A primitive function: monadic and dyadic definitions, optionally axis-aware."""

    def __init__(self, glyph, monad=None, dyad=None, axis_monad=None, axis_dyad=None):
        self.glyph = glyph
        self._monad = monad
        self._dyad = dyad
        self._axis_monad = axis_monad
        self._axis_dyad = axis_dyad

    def monad(self, w):
        if self._monad is None:
            return super().monad(w)
        return self._monad(w)

    def dyad(self, a, w):
        if self._dyad is None:
            return super().dyad(a, w)
        if type(a) is not type(w):  # a NumPy array meeting a tensor: both tensors
            a, w = coerce(a, w)
        return self._dyad(a, w)

    def with_axis(self, axis):
        if self._axis_monad is None and self._axis_dyad is None:
            return super().with_axis(axis)
        return AxisBound(self, axis)


class AxisBound(Function):
    """f[k]: a primitive with its axis fixed."""

    def __init__(self, prim: Primitive, axis):
        self.prim = prim
        self.axis = axis
        self.glyph = None

    def monad(self, w):
        if self.prim._axis_monad is None:
            return super().monad(w)
        return self.prim._axis_monad(w, self.axis)

    def dyad(self, a, w):
        if self.prim._axis_dyad is None:
            return super().dyad(a, w)
        if type(a) is not type(w):
            a, w = coerce(a, w)
        return self.prim._axis_dyad(a, w, self.axis)

    def describe(self):
        return f"{self.prim.glyph}[axis]"


class ScalarKernels:
    """The simple-array kernels of a scalar primitive, and what reductions need of it."""

    def __init__(self, monad, dyad, identity=None):
        self.monad = monad
        self.dyad = dyad
        self.identity = identity


class Operator:
    """A primitive or user operator: `derive(left, right)` gives a Function."""

    arity = 1  # 1: monadic operator, 2: dyadic
    name_class = 4.3  # ⎕NC of a name holding it, asked nested: a primitive or derived operator

    def derive(self, left, right=None, axis=None) -> Function:
        raise NotImplementedError


def is_function(x) -> bool:
    """Whether an operand is a function (else it is an array)."""
    return isinstance(x, Function)


def need_function(x, what):
    """x, if it is a function: the operand an operator requires; else a SYNTAX ERROR."""
    if not is_function(x):
        raise SyntaxError_(f"{what} needs a function operand")
    return x


class Derived(Function):
    """A derived function: knows its operator and operands for display and fast paths."""

    op = "?"

    def __init__(self, left, right=None):
        self.left, self.right = left, right

    def describe(self):
        return operand_text(self.left) + self.op + (operand_text(self.right) if self.right is not None else "")


def operand_text(x) -> str:
    """An operand as APL text: a function by its description, a small array as the literal that
    writes it (`2 3` in `2 3∘⍴`, `'ab'`), a larger one by its shape (`(3 4⍴…)`)."""
    if is_function(x):
        return x.describe()
    a = host_values(x) if getattr(x, "dtype", None) is not None and x.dtype != object else x
    if isinstance(a, np.ndarray) and a.dtype != object and a.ndim <= 1 and a.size <= 12:
        if a.dtype.kind == "U":
            text = "".join(a.reshape(-1).tolist()).replace("'", "''")
            return f"'{text}'" if a.ndim == 0 or a.size != 1 else f"(,'{text}')"
        words = " ".join(format_number(v) for v in a.reshape(-1).tolist())
        if a.ndim == 1 and a.size == 1:
            return f"(,{words})"
        return words if a.size else "⍬"
    shape = " ".join(str(n) for n in np.shape(a))
    return f"({shape}⍴…)" if shape else "(⊂…)"
