"""Primitive functions as PyTorch code: the Fn of each glyph the translator renders exactly.

The renderings are grouped as the interpreter's primitives are (apl/primitives/): scalar
functions, structural ones, selection and search, and numeric ones, each module with a table
per valence; `primitive` looks a glyph up in them.
"""
from __future__ import annotations

from ..fn import Fn, nonce
from . import numeric, selection, structural
from .scalar import SCALAR_DYADS, SCALAR_MONADS

_MONADS = {**structural.MONADS, **selection.MONADS, **numeric.MONADS}
_DYADS = {**structural.DYADS, **selection.DYADS, **numeric.DYADS}


def primitive(p, glyph):
    """The Fn for a primitive glyph, or None when the translator has no exact rendering."""
    if glyph in SCALAR_DYADS or glyph in SCALAR_MONADS:
        m = SCALAR_MONADS.get(glyph)
        d = SCALAR_DYADS.get(glyph)
        return Fn(_need(m and (lambda b, w: m(p, b, w)), glyph, "monadic"),
                  _need(d and (lambda b, a, w: d(p, b, a, w)), glyph, "dyadic"), glyph, scalar=glyph)
    m = _MONADS.get(glyph)
    d = _DYADS.get(glyph)
    if m is None and d is None:
        return None
    return Fn(_need(m and (lambda b, w: m(p, b, w)), glyph, "monadic"),
              _need(d and (lambda b, a, w: d(p, b, a, w)), glyph, "dyadic"), glyph)


def _need(f, glyph, valence):
    if f:
        return f

    def refuse(*args):
        raise nonce(f"{valence} {glyph}")

    return refuse
