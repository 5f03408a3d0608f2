"""Idioms: phrases the compiler recognises and computes with one library call.

Each recogniser looks at an AST node and returns a closure, or None to let the node compile as
usual. The closure falls back to the primitives themselves whenever the fast call does not
apply (integers, nested arrays), so an idiom never changes a result, only its cost.
"""
from __future__ import annotations

import numpy as np

from ..arrays import enclose
from ..backends import backend_of
from ..primitives.cells import MAX_ITEMS
from ..primitives.operators import make_derived
from ..primitives.table import PRIMITIVES
from ..settings import current
from ..syntax import ast, patterns
from .library_errors import apl_error


def sum_of_squares(node, compile_array, guarded):
    """`+/,×⍨X` and `+/,X×X`: the sum of squares, as one BLAS dot product for floats."""
    x_node = patterns.sum_of_squares(node)
    if x_node is None:
        return None
    x_of = compile_array(x_node)
    span = node.span

    def run(env):
        x = x_of(env)
        try:  # (guarded's work written out: a norm is often taken right after a long operation,
            # when every call on the way runs from cold caches)
            r = backend_of(x).sum_of_squares(x)  # one BLAS dot product (differentiable on torch)
            return r if r is not None else _sum_of_squares(x)
        except Exception as e:
            raise apl_error(e, span) from None

    return run


def _sum_of_squares(x):
    """+/,x×x by the primitives (integers, nested arrays, an overflow)."""
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


def rotation_sum(node, compile_array, guarded):
    """`+/,A∘.⊖B∘.⌽⊂X` (or `B⌽¨⊂X`, any of ⌽ ⊖ in either place): for a boolean X and integer
    amounts, the sum is separable (rotations are linear, and integers add exactly in any order),
    so X is rotated by each amount of B, those added, and the sum rotated by each amount of A,
    added in place into a count of the narrowest integer type that holds it, as `+/` of boolean
    items gives (reduction._count_boolean_items): the game of life's neighbour count in
    |A|+|B| passes, not |A|×|B|. Anything else (floats, other backends) the usual way."""
    parts = patterns.rotation_sum(node)
    if parts is None:
        return None
    a_node, f, b_node, g, op, x_node = parts
    x_of, b_of, a_of = compile_array(x_node), compile_array(b_node), compile_array(a_node)
    span = node.span
    enclose, ravel, plus_reduce = PRIMITIVES["⊂"], PRIMITIVES[","], make_derived("/", PRIMITIVES["+"])
    outer, inner = make_derived("∘.", PRIMITIVES[f]), make_derived(op, PRIMITIVES[g])

    def run(env):
        x = x_of(env)
        b = b_of(env)
        a = a_of(env)
        fast = _rotation_sum(a, f, b, g, x)
        if fast is not None:
            return fast
        return guarded(span, lambda: plus_reduce.monad(ravel.monad(outer.dyad(a, inner.dyad(b, enclose.monad(x))))))

    return run


def _amounts(v):
    """The rotation amounts of a NumPy integer (or boolean) scalar or vector, or None."""
    if type(v) is not np.ndarray or v.ndim > 1 or v.dtype.kind not in "biu":
        return None
    return [int(k) for k in v.reshape(-1)]


def _rotation_sum(a, f, b, g, x):
    """The enclosed count for rotation_sum, or None where the fast way does not apply."""
    outer, inner = _amounts(a), _amounts(b)
    if outer is None or inner is None or type(x) is not np.ndarray or x.dtype != np.bool_ or not x.ndim \
            or not x.size or len(outer) * len(inner) < 2:
        return None
    n = len(outer) * len(inner)
    narrow = np.int8 if n < 128 else np.int16 if n < 32768 else np.int64
    total = _rotations_added(x.view(np.int8), inner, 0 if g == "⊖" else x.ndim - 1, narrow)
    return enclose(_rotations_added(total, outer, 0 if f == "⊖" else x.ndim - 1, narrow))


def _rotations_added(x, amounts, axis, dtype):
    """Σ k⌽[axis] x over the amounts, in `dtype`: each rotation added as its two slices."""
    total = np.zeros(x.shape, dtype=dtype)
    n = x.shape[axis]
    lead = (slice(None),) * axis
    for k in amounts:
        s = k % n
        for to, since in ((slice(0, n - s), slice(s, n)), (slice(n - s, n), slice(0, s))):
            part = total[lead + (to,)]  # (a view: added into in place)
            np.add(part, x[lead + (since,)], out=part, casting="unsafe")
    return total


RECOGNISERS = (sum_of_squares, sum_of_iota, rotation_sum)


def compile_idiom(node, compile_array, guarded):
    """The closure of the first idiom that recognises node, or None."""
    for recognise in RECOGNISERS:
        run = recognise(node, compile_array, guarded)
        if run is not None:
            return run
    return None
