"""The operators / ⌿ \\ ⍀ as reduce and scan: derived functions that choose the axis.

The work (library fast paths, folds, compiled scans) is in reduction.py.
"""
from __future__ import annotations

from . import reduction
from .base import Derived, need_function
from .cells import norm_axis


class Reduce(Derived):
    def __init__(self, f, first=False, axis=None):
        super().__init__(need_function(f, "reduce"))
        self.first, self.axis = first, axis
        self.op = "⌿" if first else "/"

    def _k(self, w):
        if self.axis is not None:
            return norm_axis(self.axis, w.ndim)
        return 0 if self.first else max(w.ndim - 1, 0)

    def monad(self, w):
        return reduction.reduce(self.left, w, self._k(w))

    def dyad(self, a, w):
        return reduction.nwise(self.left, a, w, self._k(w if w.ndim else w.reshape(1)))


class Scan(Derived):
    def __init__(self, f, first=False, axis=None):
        super().__init__(need_function(f, "scan"))
        self.first, self.axis = first, axis
        self.op = "⍀" if first else "\\"

    def monad(self, w):
        if w.ndim == 0:
            return w
        k = norm_axis(self.axis, w.ndim) if self.axis is not None else (0 if self.first else w.ndim - 1)
        return reduction.scan(self.left, w, k)


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_reduce(left, right, axis):
    return Reduce(left, first=False, axis=axis)


def derive_reduce_first(left, right, axis):
    return Reduce(left, first=True, axis=axis)


def derive_scan(left, right, axis):
    return Scan(left, first=False, axis=axis)


def derive_scan_first(left, right, axis):
    return Scan(left, first=True, axis=axis)
