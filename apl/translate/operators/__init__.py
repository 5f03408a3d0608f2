"""Operators as PyTorch code: the Fn of a derived function, from its operator and operands.

`derived` dispatches on the operator's glyph. The few operators that are only plumbing (⍨ ∘ ⍥
⍛, and ¨ of a scalar function) are composed here; each family with code of its own has a
module: reductions and scans, outer and inner products, each and rank, key, power and at,
and dops (operators defined in APL).
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..fn import Fn, nonce, refuse
from .dops import dop
from .key import key
from .power import at, power
from .products import inner, outer
from .rank import each, each2, rank
from .reduction import nwise, reduce_, scan


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
        if ax.kind != C.PYINT:
            raise nonce("a computed axis", node)
        axis = int(ax.text) - 1
    if g in ("/", "⌿", "\\", "⍀"):
        f = p.function(node.left, b)
        dim = axis if axis is not None else (0 if g in "⌿⍀" else -1)
        if g in ("/", "⌿"):
            return Fn(lambda blk, w: reduce_(p, blk, f, w, dim, node),
                      lambda blk, a, w: nwise(p, blk, f, a, w, dim, node), "reduce", reducer=(f, dim))
        return Fn(lambda blk, w: scan(p, blk, f, w, dim, node), refuse("a dyadic scan", node), "scan")
    if axis is not None:
        raise nonce(f"{g} with an axis", node)
    if g == "∘.":
        f = p.function(node.left, b)
        return Fn(refuse("a monadic outer product", node), lambda blk, a, w: outer(p, blk, f, a, w, node), "outer")
    if g == ".":
        f, h = p.function(node.left, b), p.function(node.right, b)
        return Fn(refuse("a monadic inner product", node), lambda blk, a, w: inner(p, blk, f, h, a, w, node), "inner")
    if g == "¨":
        f = p.function(node.left, b)
        if f.scalar:
            return f
        return Fn(lambda blk, w: each(p, blk, f, w), lambda blk, a, w: each2(p, blk, f, a, w), "each")
    if g == "⍨":
        if node.left.role == "A":
            const = p.array(node.left, b)
            return Fn(lambda blk, w: const, lambda blk, a, w: const, "constant")
        f = p.function(node.left, b)

        def selfie(blk, w):
            w = blk.temp(w)
            return f.dyad(blk, w, w)

        return Fn(selfie, lambda blk, a, w: f.dyad(blk, w, a), "commute", scalar=None)
    if g == "∘":
        return compose(p, node, b)
    if g == "⍥":
        f, h = p.function(node.left, b), p.function(node.right, b)

        def over2(blk, a, w):
            gw = h.monad(blk, w)
            return f.dyad(blk, h.monad(blk, a), gw)

        return Fn(lambda blk, w: f.monad(blk, h.monad(blk, w)), over2, "over")
    if g == "⍛":
        f, h = p.function(node.left, b), p.function(node.right, b)

        def behind1(blk, w):
            w = blk.temp(w)
            return h.dyad(blk, f.monad(blk, w), w)

        return Fn(behind1, lambda blk, a, w: h.dyad(blk, f.monad(blk, a), w), "behind")
    if g == "⍤":
        return rank(p, node, b)
    if g == "@":
        return at(p, node, b)
    if g == "⍣":
        return power(p, node, b)
    if g == "⌸":
        return key(p, node, b)
    raise nonce(f"the operator {g}", node)


def compose(p, node, b):
    if node.left.role == "A":
        left = p.array(node.left, b)
        g = p.function(node.right, b)
        return Fn(lambda blk, w: g.dyad(blk, left, w), refuse("a bound function called dyadically", node), "bind")
    if node.right.role == "A":
        right = p.array(node.right, b)
        f = p.function(node.left, b)
        return Fn(lambda blk, w: f.dyad(blk, w, right), refuse("a bound function called dyadically", node), "bind")
    f, g = p.function(node.left, b), p.function(node.right, b)
    return Fn(lambda blk, w: f.monad(blk, g.monad(blk, w)), lambda blk, a, w: f.dyad(blk, a, g.monad(blk, w)),
              "compose")
