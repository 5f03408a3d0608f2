"""The at operator @: a copy of the array with the selected items replaced, by an array or by f
of them; the selection is given by indices of major cells, by choose or reach indices, or by a
boolean mask function.
"""
from __future__ import annotations

import numpy as np

from ..arrays import INT, OBJ, index_for, normalise, to_ints, unbox
from ..backends import anyb, as_bool, backend_of, namespace, size
from ..errors import DomainError, IndexError_, LengthError, RankError, SyntaxError_
from ..settings import current
from .base import Derived, is_function
from .cells import unify, xp_of
from .indexing import assign_reach, index_with


class At(Derived):
    op = "@"

    def monad(self, w):
        return self._at(None, w)

    def dyad(self, a, w):
        if not is_function(self.left):  # A@g derives a monadic function only
            raise SyntaxError_(f"{self.describe()} has no dyadic form")
        return self._at(a, w)

    def _replacement(self, a, selected):
        if is_function(self.left):
            return self.left.monad(selected) if a is None else self.left.dyad(a, selected)
        return self.left

    def _at(self, a, w):
        sel = self.right
        if is_function(sel):
            mask = sel.monad(w)
            if tuple(mask.shape) != tuple(w.shape):
                raise LengthError("@: the selection mask must have the argument's shape")
            m = to_ints(mask, "@ mask")
            if anyb((m != 0) & (m != 1)):
                raise DomainError("@: the selection function must give booleans")
            m = as_bool(m)
            pos = namespace(m).nonzero(m.reshape(-1))[0]
            flat = w.reshape(-1)
            pos = index_for(pos, flat)
            picked = flat[pos]
            new = self._replacement(a, normalise(picked) if picked.dtype == OBJ else picked)
            new = _fit(new, tuple(picked.shape))
            out, new = unify(flat, new.reshape(-1))
            out = _copy(out)
            out[index_for(pos, out)] = new
            return _tidy(out.reshape(tuple(w.shape)))
        if sel.dtype == OBJ and normalise(sel).dtype == OBJ:
            return self._at_choose(a, w, sel)
        if sel.dtype == OBJ:
            sel = normalise(sel)
        idx = to_ints(sel, "@ indices") - current().io
        if w.ndim == 0:
            raise RankError("@ needs an array")
        if anyb((idx < 0) | (idx >= w.shape[0])):
            raise IndexError_("@ index out of range")
        picked = index_with(w, [sel] + [None] * (w.ndim - 1))
        new = _fit(self._replacement(a, picked), tuple(picked.shape))
        out, new = unify(w, new)
        out = _copy(out)
        flat = index_for(idx.reshape(-1), out)
        out[flat] = new.reshape((flat.shape[0],) + tuple(w.shape[1:]))
        return _tidy(out)

    def _at_choose(self, a, w, sel):
        """A@I with I nested: each item of I is one element's index vector (choose indexing),
        or a path of them reaching into the items of w (reach indexing)."""
        picked = index_with(w, [sel])
        if any(unbox(x).dtype == OBJ and normalise(unbox(x)).dtype == OBJ or size(unbox(x)) != w.ndim
               for x in sel.reshape(-1)):
            new = _fit(self._replacement(a, picked), tuple(np.shape(picked)))
            return _tidy(assign_reach(w, sel, new))
        lin = np.arange(size(w), dtype=INT).reshape(tuple(w.shape))
        pos = np.asarray(index_with(lin, [sel]), dtype=INT).reshape(-1)
        new = _fit(self._replacement(a, picked), tuple(np.shape(picked)))
        flat = w.reshape(-1)
        out, new = unify(flat, new.reshape(-1))
        out = _copy(out)
        out[index_for(pos, out)] = new
        return _tidy(out.reshape(tuple(w.shape)))


def _copy(x):
    return backend_of(x).copy(x)


def _fit(new, shape):
    if tuple(new.shape) == shape:
        return new
    if size(new) == 1:
        if new.dtype == OBJ:
            return _fill(new.reshape(())[()], shape)
        return xp_of(new).broadcast_to(new.reshape(()), shape)
    if new.ndim < len(shape) and tuple(new.shape) == shape[len(shape) - new.ndim:]:
        return xp_of(new).broadcast_to(new, shape)
    raise LengthError("@: replacement does not fit the selection")


def _fill(item, shape):
    out = np.empty(shape, dtype=OBJ)
    for i in np.ndindex(*shape):
        out[i] = item
    return out


def _tidy(x):
    return normalise(x) if x.dtype == OBJ else x


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_at(left, right, axis):
    return At(left, right)
