"""Idioms: phrases the compiler recognises and computes with one library call.

Each recogniser looks at an AST node and returns a closure, or None to let the node compile as
usual. The closure falls back to the primitives themselves whenever the fast call does not
apply (integers, nested arrays), so an idiom never changes a result, only its cost.
"""
from __future__ import annotations

import numpy as np

from ..syntax import ast


def _prim(node, glyph) -> bool:
    return isinstance(node, ast.PrimFn) and node.glyph == glyph


def _plus_reduce(node) -> bool:
    return (isinstance(node, ast.Derived) and isinstance(node.op, ast.PrimOp) and node.op.glyph == "/"
            and node.op.axis is None and _prim(node.left, "+"))


def _squared(node):
    """X for `×⍨X` or `X×X` (X a name), else None."""
    if isinstance(node, ast.Monadic) and isinstance(node.fn, ast.Derived) and isinstance(node.fn.op, ast.PrimOp) \
            and node.fn.op.glyph == "⍨" and _prim(node.fn.left, "×"):
        return node.omega
    if isinstance(node, ast.Dyadic) and _prim(node.fn, "×") and isinstance(node.alpha, ast.Name) \
            and isinstance(node.omega, ast.Name) and node.alpha.id == node.omega.id:
        return node.omega
    return None


def sum_of_squares(node, compile_array, guarded):
    """`+/,×⍨X` and `+/,X×X`: the sum of squares, as one BLAS dot product for floats."""
    if not (isinstance(node, ast.Monadic) and _plus_reduce(node.fn) and isinstance(node.omega, ast.Monadic)
            and _prim(node.omega.fn, ",")):
        return None
    x_node = _squared(node.omega.omega)
    if x_node is None:
        return None
    x_of = compile_array(x_node)
    span = node.span

    def run(env):
        x = x_of(env)
        return guarded(span, lambda: _sum_of_squares(x))

    return run


def _sum_of_squares(x):
    if isinstance(x, np.ndarray) and x.dtype == np.float64 and x.size:
        flat = x.reshape(-1)
        with np.errstate(all="ignore"):
            r = np.dot(flat, flat)
        if np.isfinite(r):
            return np.asarray(r)
    elif _float_tensor(x):
        flat = x.reshape(-1)
        r = flat.dot(flat)  # BLAS, and differentiable
        if bool(r.isfinite()):
            return r
    from ..primitives.operators import make_derived
    from ..primitives.table import PRIMITIVES

    squares = PRIMITIVES["×"].dyad(x, x)
    return make_derived("/", PRIMITIVES["+"]).monad(PRIMITIVES[","].monad(squares))


def _float_tensor(x) -> bool:
    from ..backends import is_tensor

    return is_tensor(x) and x.is_floating_point() and x.numel() > 0


RECOGNISERS = (sum_of_squares,)


def compile_idiom(node, compile_array, guarded):
    """The closure of the first idiom that recognises node, or None."""
    for recognise in RECOGNISERS:
        run = recognise(node, compile_array, guarded)
        if run is not None:
            return run
    return None
