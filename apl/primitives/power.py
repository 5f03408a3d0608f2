"""The power operator ⍣: f⍣n applies f n times, f⍣¯n applies the inverse of f n times, and
f⍣g applies f until g of the new and the old value is 1.

The inverse comes from inverse.py, which must in turn undo f⍣n itself and so would need this
class: this module registers the inverse of a power there (`register_inverse`), so that the
imports run one way, power → inverse.
"""
from __future__ import annotations

import numpy as np

from ..arrays import to_int
from ..backends import is_array, kind, size
from ..errors import DomainError, NonceError
from .base import Derived, is_function, need_function
from .composition import Compose
from .inverse import inverse, register_inverse


class Power(Derived):
    op = "⍣"

    def __init__(self, f, g):
        super().__init__(need_function(f, "power"), g)

    def _step(self, a):
        f = self.left
        return f.monad if a is None else (lambda x: f.dyad(a, x))

    def _run(self, a, w):
        step = self._step(a)
        g = self.right
        if is_function(g):
            for _ in range(10_000_000):
                nxt = step(w)
                done = g.dyad(nxt, w)
                if size(done) != 1 or not _truth(done):
                    if size(done) != 1:
                        raise DomainError("power: the right operand must give a boolean scalar")
                    w = nxt
                    continue
                return nxt
            raise DomainError("power did not converge")
        n = to_int(g, "power count")
        batch = getattr(self.left, "repeated", None)  # a compiled dfn runs the steps itself
        if n >= 0 and batch is not None:
            r = batch(a, w, n)
            if r is not None:
                return r
        if n < 0:
            step = inverse(self.left if a is None else Compose(a, self.left))
            n = -n
        for _ in range(n):
            w = step(w)
        return w

    def monad(self, w):
        return self._run(None, w)

    def dyad(self, a, w):
        return self._run(a, w)


def _truth(x) -> bool:
    if size(x) != 1:
        raise DomainError("⍣'s condition must be one boolean")
    v = x.reshape(-1)[0]
    if isinstance(v, np.ndarray) or kind(x) == "U" or is_array(v) and size(v) != 1:
        raise DomainError("expected a boolean")
    if is_array(v):  # a device backend's scalar: control flow reads it
        v = complex(v) if kind(v) == "c" else float(v)
    if v not in (0, 1):
        raise DomainError("expected a boolean")
    return bool(v)


def _power_inverse(f):
    """(f⍣n)⍣¯1 is f⍣(-n); a power with a function right operand has no inverse here."""
    if is_function(f.right):
        raise NonceError("inverse of this function is not supported")
    n = to_int(f.right, "power count")
    base = f.left

    def run(y):
        p = Power(base, np.array(-n, dtype=np.int64))
        return p.monad(y)

    return run


register_inverse(Power, _power_inverse)


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_power(left, right, axis):
    return Power(left, right)
