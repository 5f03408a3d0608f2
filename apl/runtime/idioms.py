"""Idioms: phrases the compiler recognises and computes with one library call.

Each recogniser looks at an AST node and returns a closure, or None to let the node compile as
usual. The closure falls back to the primitives themselves whenever the fast call does not
apply (integers, nested arrays), so an idiom never changes a result, only its cost.
"""
from __future__ import annotations

from ..backends import backend_of
from ..primitives.operators import make_derived
from ..primitives.table import PRIMITIVES
from ..syntax import patterns


def sum_of_squares(node, compile_array, guarded):
    """`+/,×⍨X` and `+/,X×X`: the sum of squares, as one BLAS dot product for floats."""
    x_node = patterns.sum_of_squares(node)
    if x_node is None:
        return None
    x_of = compile_array(x_node)
    span = node.span

    def run(env):
        x = x_of(env)
        return guarded(span, lambda: _sum_of_squares(x))

    return run


def _sum_of_squares(x):
    r = backend_of(x).sum_of_squares(x)  # one BLAS dot product (differentiable on torch)
    if r is not None:
        return r
    squares = PRIMITIVES["×"].dyad(x, x)
    return make_derived("/", PRIMITIVES["+"]).monad(PRIMITIVES[","].monad(squares))


RECOGNISERS = (sum_of_squares,)


def compile_idiom(node, compile_array, guarded):
    """The closure of the first idiom that recognises node, or None."""
    for recognise in RECOGNISERS:
        run = recognise(node, compile_array, guarded)
        if run is not None:
            return run
    return None
