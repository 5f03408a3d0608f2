"""Idioms: phrases the compiler recognises and computes with one library call.

Each recogniser looks at an AST node and returns a closure, or None to let the node compile as
usual. The closure falls back to the primitives themselves whenever the fast call does not
apply (integers, nested arrays), so an idiom never changes a result, only its cost.
"""
from __future__ import annotations

import numpy as np

from ..backends import backend_of
from ..primitives.cells import MAX_ITEMS
from ..primitives.operators import make_derived
from ..primitives.table import PRIMITIVES
from ..settings import current
from ..syntax import ast, patterns


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


def iota_operand(node):
    """X for `+/⍳X` (the sum of the first X indices); else None."""
    if isinstance(node, ast.Monadic) and patterns.is_reduce(node.fn, "+") and isinstance(node.omega, ast.Monadic) \
            and patterns.is_prim(node.omega.fn, "⍳"):
        return node.omega.omega
    return None


def sum_of_iota(node, compile_array, guarded):
    """`+/⍳N`: N(N+1)÷2 (with ⎕IO) in closed form, exact, without making the indices; any other
    argument (a vector, N beyond what ⍳ can make, another backend) the usual way."""
    x_node = iota_operand(node)
    if x_node is None:
        return None
    x_of = compile_array(x_node)
    span = node.span
    iota, plus_reduce = PRIMITIVES["⍳"], make_derived("/", PRIMITIVES["+"])

    def run(env):
        x = x_of(env)
        if type(x) is np.ndarray and x.size == 1 and x.ndim <= 1 and x.dtype.kind in "iu":
            n = int(x.reshape(-1)[0])
            if 0 <= n <= MAX_ITEMS:
                io = current().io
                return np.array(n * (n - 1) // 2 + io * n, dtype=np.int64)  # below 2*63: n ≤ MAX_ITEMS
        return guarded(span, lambda: plus_reduce.monad(iota.monad(x)))

    return run


RECOGNISERS = (sum_of_squares, sum_of_iota)


def compile_idiom(node, compile_array, guarded):
    """The closure of the first idiom that recognises node, or None."""
    for recognise in RECOGNISERS:
        run = recognise(node, compile_array, guarded)
        if run is not None:
            return run
    return None
