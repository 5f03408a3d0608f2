"""Operators that combine functions without looking at the arrays: commute ⍨, compose (bind) ∘,
atop f⍤g, over ⍥, behind ⍛, and the trains (f g h) and (g h).

Each derived function only routes its arguments through its operands; none has a fast path of
its own (the operands' fast paths apply).
"""
from __future__ import annotations

from ..errors import SyntaxError_
from .base import Derived, Function, is_function, need_function, operand_text


# ------------------------------------------------------------------ ⍨
class Commute(Derived):
    op = "⍨"

    def monad(self, w):
        if not is_function(self.left):
            return self.left
        return self.left.dyad(w, w)

    def dyad(self, a, w):
        if not is_function(self.left):
            return self.left
        return self.left.dyad(w, a)


# ------------------------------------------------------------------ ∘
class Compose(Derived):
    op = "∘"

    def __init__(self, left, right):
        if not is_function(left) and not is_function(right):
            raise SyntaxError_("∘ needs at least one function operand")
        super().__init__(left, right)

    def monad(self, w):
        f, g = self.left, self.right
        if not is_function(f):
            return g.dyad(f, w)
        if not is_function(g):
            return f.dyad(w, g)
        return f.monad(g.monad(w))

    def dyad(self, a, w):
        f, g = self.left, self.right
        if not is_function(f) or not is_function(g):
            raise SyntaxError_("a bound function (A∘f or f∘B) is monadic")
        return f.dyad(a, g.monad(w))


# ------------------------------------------------------------------ f⍤g and (f g) trains
class Atop(Derived):
    op = "⍤"

    def __init__(self, f, g):
        super().__init__(need_function(f, "atop"), need_function(g, "atop"))

    def monad(self, w):
        return self.left.monad(self.right.monad(w))

    def dyad(self, a, w):
        return self.left.monad(self.right.dyad(a, w))


class Fork(Function):
    """(f g h) and (A g h): g applied to the results of f and h."""

    def __init__(self, f, g, h):
        self.f, self.g, self.h = f, g, h

    def describe(self):
        left = operand_text(self.f)
        return f"({left} {self.g.describe()} {self.h.describe()})"

    def monad(self, w):
        r = self.h.monad(w)
        left = self.f.monad(w) if is_function(self.f) else self.f
        return self.g.dyad(left, r)

    def dyad(self, a, w):
        r = self.h.dyad(a, w)
        left = self.f.dyad(a, w) if is_function(self.f) else self.f
        return self.g.dyad(left, r)


# ------------------------------------------------------------------ ⍥
class Over(Derived):
    op = "⍥"

    def __init__(self, f, g):
        super().__init__(need_function(f, "over"), need_function(g, "over"))

    def monad(self, w):
        return self.left.monad(self.right.monad(w))

    def dyad(self, a, w):
        return self.left.dyad(self.right.monad(a), self.right.monad(w))


# ------------------------------------------------------------------ ⍛
class Behind(Derived):
    """f⍛g (Dyalog 20): X f⍛g Y is (f X) g Y, and f⍛g Y is (f Y) g Y."""

    op = "⍛"

    def __init__(self, f, g):
        super().__init__(need_function(f, "behind"), need_function(g, "behind"))

    def monad(self, w):
        return self.right.dyad(self.left.monad(w), w)

    def dyad(self, a, w):
        return self.right.dyad(self.left.monad(a), w)


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_commute(left, right, axis):
    return Commute(left)


def derive_jot(left, right, axis):
    return Compose(left, right)


def derive_over(left, right, axis):
    return Over(left, right)


def derive_behind(left, right, axis):
    return Behind(left, right)
