"""Shapes of bound AST that mean more than their parts, recognised once for every consumer.

The evaluator computes some phrases with one library call (apl/runtime/idioms.py) and the
translator prints some as one torch call (apl/translate/idioms.py, the ⌸ operator): both ask
here whether a node is such a phrase, and get back the nodes that vary (the `X` of `+/,×⍨X`).
Each function reads only the tree (node types, glyphs, names, literals), never a value computed
at run time, and returns None (or False) for anything else.
"""
from __future__ import annotations

from . import ast


def is_prim(node, glyph: str) -> bool:
    """The primitive function `glyph`."""
    return isinstance(node, ast.PrimFn) and node.glyph == glyph


def is_reduce(node, glyph: str) -> bool:
    """`glyph/`: the reduction along the last axis, with no axis given."""
    return (isinstance(node, ast.Derived) and isinstance(node.op, ast.PrimOp) and node.op.glyph == "/"
            and node.op.axis is None and is_prim(node.left, glyph))


def _same_name(a, b) -> bool:
    return isinstance(a, ast.Name) and isinstance(b, ast.Name) and a.id == b.id


def squared(node):
    """X for `×⍨X`, or for `X×X` where X is a name; else None."""
    if isinstance(node, ast.Monadic) and isinstance(node.fn, ast.Derived) and isinstance(node.fn.op, ast.PrimOp) \
            and node.fn.op.glyph == "⍨" and is_prim(node.fn.left, "×"):
        return node.omega
    if isinstance(node, ast.Dyadic) and is_prim(node.fn, "×") and _same_name(node.alpha, node.omega):
        return node.omega
    return None


def sum_of_squares(node):
    """X for `+/,×⍨X` or `+/,X×X`: the sum of the squares of all X's items; else None."""
    if not (isinstance(node, ast.Monadic) and is_reduce(node.fn, "+") and isinstance(node.omega, ast.Monadic)
            and is_prim(node.omega.fn, ",")):
        return None
    return squared(node.omega.omega)


def norm(node):
    """X for `(+/,×⍨X)*0.5` or `(+/,X×X)*0.5`, the Frobenius norm of X (node is a dyadic call);
    else None."""
    if not (is_prim(node.fn, "*") and isinstance(node.omega, ast.Literal)):
        return None
    v = node.omega.value
    if getattr(v, "ndim", 1) != 0 or float(v) != 0.5:
        return None
    return sum_of_squares(node.alpha)


def mean_of(node):
    """(X, "⌿") for `(+⌿X)÷≢X`, or (X, "/") for `(+/X)÷≢X` (the same for a vector), X a name:
    the mean along the first axis; else None."""
    if not (isinstance(node, ast.Dyadic) and is_prim(node.fn, "÷") and isinstance(node.alpha, ast.Monadic)
            and isinstance(node.omega, ast.Monadic) and is_prim(node.omega.fn, "≢")):
        return None
    total = node.alpha.fn
    if not (isinstance(total, ast.Derived) and isinstance(total.op, ast.PrimOp) and total.op.glyph in ("/", "⌿")
            and total.op.axis is None and is_prim(total.left, "+")):
        return None
    x, n = node.alpha.omega, node.omega.omega
    return (x, total.op.glyph) if _same_name(x, n) else None


def is_mean(fork) -> bool:
    """The fork `(+/÷≢)`: the sum divided by the count."""
    return is_reduce(fork.left, "+") and is_prim(fork.middle, "÷") and is_prim(fork.right, "≢")


def _reduction_of_omega(e, glyphs):
    """`≢⍵`, or `f/⍵` or `f⌿⍵` for f one of glyphs: "≢", or f's glyph and the operator's."""
    if not (isinstance(e, ast.Monadic) and isinstance(e.omega, ast.Name) and e.omega.id == "⍵"):
        return None
    fn = e.fn
    if isinstance(fn, ast.PrimFn) and fn.glyph == "≢":
        return "≢"
    if isinstance(fn, ast.Derived) and isinstance(fn.op, ast.PrimOp) and fn.op.axis is None \
            and fn.op.glyph in ("/", "⌿") and isinstance(fn.left, ast.PrimFn) and fn.left.glyph in glyphs:
        return fn.left.glyph + fn.op.glyph
    return None


def group_reduction(body, glyphs):
    """What the body of a ⌸ operand (one bound expression) computes from each group: for
    `{≢⍵}`, `{f/⍵}` or `{f⌿⍵}` with f one of glyphs, (what, False) where what is "≢", "f/" or
    "f⌿"; for the same beside the key, `{⍺,…}` or `{⍺ (…)}`, (what, True); else None."""
    what = _reduction_of_omega(body, glyphs)
    if what is not None:
        return what, False
    items = None
    if isinstance(body, ast.Dyadic) and isinstance(body.fn, ast.PrimFn) and body.fn.glyph == ",":
        items = (body.alpha, body.omega)
    elif isinstance(body, ast.Strand) and len(body.items) == 2:
        items = body.items
    if items and isinstance(items[0], ast.Name) and items[0].id == "⍺":
        what = _reduction_of_omega(items[1], glyphs)
        if what is not None:
            return what, True
    return None


def _rotation_operator(fn, ops):
    """The rotation glyph (⌽ or ⊖) of `∘.⌽`/`∘.⊖` (or of `⌽¨`/`⊖¨` for "¨" in ops); else None."""
    if isinstance(fn, ast.Derived) and isinstance(fn.op, ast.PrimOp) and fn.op.glyph in ops and fn.op.axis is None \
            and fn.right is None and isinstance(fn.left, ast.PrimFn) and fn.left.glyph in ("⌽", "⊖"):
        return fn.left.glyph
    return None


def rotation_sum(node):
    """(A, f, B, g, op, X) for `+/,A∘.f B∘.g⊂X` (op "∘.") or `+/,A∘.f B g¨⊂X` (op "¨"), f and g
    ⌽ or ⊖: the sum of X rotated by every pair of amounts, the game of life's neighbour count;
    else None."""
    if not (isinstance(node, ast.Monadic) and is_reduce(node.fn, "+") and isinstance(node.omega, ast.Monadic)
            and is_prim(node.omega.fn, ",")):
        return None
    outer = node.omega.omega
    if not isinstance(outer, ast.Dyadic) or _rotation_operator(outer.fn, ("∘.",)) is None:
        return None
    inner = outer.omega
    if not isinstance(inner, ast.Dyadic) or _rotation_operator(inner.fn, ("∘.", "¨")) is None:
        return None
    if not (isinstance(inner.omega, ast.Monadic) and is_prim(inner.omega.fn, "⊂")):
        return None
    return outer.alpha, outer.fn.left.glyph, inner.alpha, inner.fn.left.glyph, inner.fn.op.glyph, inner.omega.omega
