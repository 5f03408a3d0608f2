"""Primitive functions as PyTorch code: the Fn of each glyph the translator renders exactly.

The glyph registry (apl/glyphs) names each meaning's rendering ("structural.reshape": the
function `reshape` in primitives/structural.py) or says why it is refused; `primitive` builds
the Fn from it. The renderings are grouped as the interpreter's primitives are: scalar
functions, structural ones, selection and search, and numeric ones.
"""
from __future__ import annotations

from ...glyphs import BY_GLYPH, FUNCTION
from ..fn import Fn, nonce
from . import numeric, scalar, selection, structural

_MODULES = {m.__name__.rpartition(".")[2]: m for m in (numeric, scalar, selection, structural)}


def _rendering(name: str):
    module, _, attr = name.partition(".")
    try:
        return getattr(_MODULES[module], attr)
    except (KeyError, AttributeError):
        raise LookupError(f"the glyph registry names {name!r}, which apl/translate/primitives lacks") from None


def _renderings() -> dict:
    """glyph → (monadic rendering, dyadic rendering, whether it is a scalar function)."""
    out = {}
    for row in BY_GLYPH.values():
        meanings = [m for m in (row.monadic, row.dyadic) if m is not None]
        if not meanings or not any(m.torch for m in meanings) or (row.kind != FUNCTION and row.dyadic is None):
            continue
        m = _rendering(row.monadic.torch) if row.monadic is not None and row.monadic.torch else None
        d = _rendering(row.dyadic.torch) if row.dyadic is not None and row.dyadic.torch else None
        # a scalar function (`¨`, rank, reductions and products broadcast it) when every meaning
        # the translator renders is scalar: ≠ (its unique mask is refused), not ~ (without is not)
        out[row.glyph] = (m, d, all(x.scalar for x in meanings if x.torch))
    return out


_RENDERINGS = _renderings()


def primitive(p, glyph):
    """The Fn for a primitive glyph, or None when the translator has no exact rendering."""
    found = _RENDERINGS.get(glyph)
    if found is None:
        return None
    m, d, scalar_fn = found
    fn = Fn(_need(m and (lambda b, w: m(p, b, w)), glyph, "monadic"),
            _need(d and (lambda b, a, w: d(p, b, a, w)), glyph, "dyadic"), glyph,
            scalar=glyph if scalar_fn else None)
    fn.primitive = True
    return fn


def _need(f, glyph, valence):
    if f:
        return f

    def refuse(*args):
        raise nonce(f"{valence} {glyph}")

    return refuse
