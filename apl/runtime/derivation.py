"""Applying operators to operands at run time, and not doing it again when nothing changed:
a derivation has no state, so one made from the same operands serves every run."""
from __future__ import annotations

from ..backends import NUMPY
from ..primitives.operators import make_derived as _primitive_derived
from ..settings import active_backend
from ..syntax import ast
from .library_errors import guarded


def make_derived(glyph, left, right=None, axis=None):
    """Apply an operator by its glyph: a primitive one, or the system operators ⎕R and ⎕S."""
    if glyph in ("⎕R", "⎕S"):
        from . import search_replace

        return search_replace.derive(glyph, left, right, axis)
    return _primitive_derived(glyph, left, right, axis)


def constant_operand(node) -> bool:
    """An operand whose value cannot change between runs: a primitive function (not ⍎), a
    literal, or a primitive operator's derivation from such operands (no axis: ⎕IO may change)."""
    if isinstance(node, ast.PrimFn):
        return node.glyph != "⍎"
    if isinstance(node, ast.Literal):
        return True
    if isinstance(node, ast.Derived):
        return (isinstance(node.op, ast.PrimOp) and node.op.axis is None and constant_operand(node.left)
                and (node.right is None or constant_operand(node.right)))
    return False


def derived_here(node, glyph, lv, r, env, span):
    """A derivation in an outermost environment, made again only when an operand is another
    object than last time: a dfn written there is one object per text (outermost_dfn), so
    `{⍵÷+/⍵}⍤1⊢x` run again derives nothing. (In a call's environment each run derives: a
    cache there would keep the call's names alive.)"""
    made = env.made_here()
    last = made.get(node)
    if last is not None and last[0] is lv and last[1] is r:
        return last[2]
    f = guarded(span, lambda: make_derived(glyph, lv, r, None))
    made[node] = (lv, r, f)
    return f


def derived_once(glyph, left, right, span):
    """`+/`, `∘.×`, `+.×`, `2∘×`: derived once per backend (a literal operand is converted to
    it), on first run, and reused: derivation has no state."""
    cache = {}

    def run(env):
        bk = active_backend()
        key = None if bk is NUMPY else bk.key()
        f = cache.get(key)
        if f is None:
            r = None if right is None else right(env)
            lv = left(env)
            f = cache[key] = guarded(span, lambda: make_derived(glyph, lv, r, None))
        return f

    return run
