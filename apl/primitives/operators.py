"""The primitive operators: `make_derived` applies one, by its glyph, to its operands (the
derivation the glyph registry names), and `Curried` binds a dyadic operator to its right operand.

The operators themselves are in their own modules: reduce_scan (/ ⌿ \\ ⍀), composition
(⍨ ∘ ⍤ ⍥ ⍛ and trains), products (∘. and f.g), cellwise (¨ ⍤ ⌺ ⌸), power (⍣), at (@)
and variant (⍠).
"""
from __future__ import annotations

from ..errors import NonceError, SyntaxError_
from ..glyphs import GLYPHS
from . import at, cellwise, composition, power, products, reduce_scan, variant
from .base import Function, Operator
from .registry import resolver


# ------------------------------------------------------------------ right operand currying
class Curried(Operator):
    """A dyadic operator bound to its right operand: a monadic operator (inv←⍣¯1, (@2 4))."""

    arity = 1

    def __init__(self, derive):
        self._derive = derive

    def derive(self, left, right=None, axis=None):
        if axis is not None:
            raise SyntaxError_("a curried operator takes no axis")
        return self._derive(left)

    def __repr__(self):
        return "<APL operator (curried)>"


# ------------------------------------------------------------------ the operators of the registry
# the modules of operators whose derivations the registry names
definition = resolver(at, cellwise, composition, power, products, reduce_scan, variant)
# glyph → (derive(left, right, axis), whether it takes an axis)
_DERIVATIONS = {row.glyph: (definition(row.operator.evaluator), row.operator.axis is not None)
                for row in GLYPHS if row.operator is not None and row.operator.evaluator and row.supported}


def make_derived(glyph, left, right=None, axis=None) -> Function:
    """Apply a primitive operator to its operands."""
    entry = _DERIVATIONS.get(glyph)
    if entry is None:
        raise NonceError(f"the operator {glyph} is not supported")
    derive, takes_axis = entry
    if axis is not None and not takes_axis:
        raise SyntaxError_(f"{glyph} takes no axis")
    return derive(left, right, axis)
