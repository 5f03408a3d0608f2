"""The primitive operators: `make_derived` applies one, by its glyph, to its operands, and
`Curried` binds a dyadic operator to its right operand.

The operators themselves are in their own modules: reduce_scan (/ ⌿ \\ ⍀), composition
(⍨ ∘ ⍤ ⍥ ⍛ and trains), products (∘. and f.g), cellwise (¨ ⍤ ⌺ ⌸), power (⍣) and at (@).
"""
from __future__ import annotations

from ..errors import NonceError, SyntaxError_
from .at import At
from .base import Function, Operator, is_function
from .cellwise import Each, Key, Rank, Stencil
from .composition import Atop, Behind, Commute, Compose, Over
from .power import Power
from .products import Inner, Outer
from .reduce_scan import Reduce, Scan


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


# ------------------------------------------------------------------ table of operators
def make_derived(glyph, left, right=None, axis=None) -> Function:
    """Apply a primitive operator to its operands."""
    if glyph in ("/", "⌿"):
        return Reduce(left, first=glyph == "⌿", axis=axis)
    if glyph in ("\\", "⍀"):
        return Scan(left, first=glyph == "⍀", axis=axis)
    if axis is not None:
        raise SyntaxError_(f"{glyph} takes no axis")
    if glyph == "¨":
        return Each(left)
    if glyph == "⍨":
        return Commute(left)
    if glyph == "∘.":
        return Outer(left)
    if glyph == "⌸":
        return Key(left)
    if glyph == ".":
        return Inner(left, right)
    if glyph == "∘":
        return Compose(left, right)
    if glyph == "⍥":
        return Over(left, right)
    if glyph == "⍛":
        return Behind(left, right)
    if glyph == "⍤":
        return Atop(left, right) if is_function(right) else Rank(left, right)
    if glyph == "⍣":
        return Power(left, right)
    if glyph == "@":
        return At(left, right)
    if glyph == "⌺":
        return Stencil(left, right)
    raise NonceError(f"the operator {glyph} is not supported")
