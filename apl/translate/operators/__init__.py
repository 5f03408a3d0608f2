"""Operators as PyTorch code: the Fn of a derived function, from its operator and operands.

The glyph registry (apl/glyphs) names each operator's rendering ("reduction.reduce_last": the
function in operators/reduction.py), called as render(p, node, b, axis) with the axis, if any,
as a 0-based dimension. Each family has a module: composition (⍨ ∘ ⍥ ⍛), reductions and scans,
outer and inner products, each and rank, key, power and at, and dops (operators defined in APL).
"""
from __future__ import annotations

from ...glyphs import GLYPHS
from ...syntax import ast
from .. import code as C
from ..fn import nonce
from . import composition, key, power, products, rank, reduction
from .dops import dop

_MODULES = {m.__name__.rpartition(".")[2]: m for m in (composition, key, power, products, rank, reduction)}


def _rendering(name: str):
    module, _, attr = name.partition(".")
    try:
        return getattr(_MODULES[module], attr)
    except (KeyError, AttributeError):
        raise LookupError(f"the glyph registry names {name!r}, which apl/translate/operators does not define") from None


# glyph → (render(p, node, b, axis), whether it takes an axis)
_OPERATORS = {row.glyph: (_rendering(row.operator.torch), row.operator.axis is not None)
              for row in GLYPHS if row.operator is not None and row.operator.torch}


def derived(p, node, b):
    """The Fn of `op` applied to its operands."""
    op = node.op
    if isinstance(op, (ast.OpName, ast.Dfn)):
        return dop(p, node, b)
    if not isinstance(op, ast.PrimOp):
        raise nonce("a user-defined operator", node)
    g = op.glyph
    axis = None
    if op.axis is not None:
        ax = p.array(op.axis, b)
        if C.literal_int(ax) is None:
            raise nonce("a computed axis", node)
        axis = C.literal_int(ax) - 1
    found = _OPERATORS.get(g)
    if axis is not None and (found is None or not found[1]):
        raise nonce(f"{g} with an axis", node)
    if found is None:
        raise nonce(f"the operator {g}", node)
    return found[0](p, node, b, axis)
