"""APL idioms that have a name in PyTorch: recognised on the AST, printed as that name.

The shapes themselves (`(+/,×⍨m)*0.5`, `(+/÷≢)`) are recognised by apl/syntax/patterns.py,
which the evaluator's idioms share.
"""
from __future__ import annotations

from ..syntax import patterns
from . import code as C
from .code import call, method
from .fn import Fn
from .native import made


def expression_idiom(p, node, b):
    """`(+/,×⍨m)*0.5` and `(+/,m×m)*0.5`: the Frobenius norm, `torch.linalg.norm(m)`; and
    `(+⌿x)÷≢x`, the mean along the first axis, `x.mean(dim=0)` (float tensors of a known rank)."""
    mean = _mean(p, node, b)
    if mean is not None:
        return mean
    m_node = patterns.norm(node)
    if m_node is None:
        return None
    m = p.tensor(p.array(m_node, b))
    if p.fast and m.kind == C.FLOAT:  # (for float tensors: the result is checked to be finite)
        r = p.raw(made(call("torch.linalg.vector_norm", m.text, kind=C.FLOAT, rank=0, shape=()), m))
        return r.but(holds=m.holds) if m.raw and r.raw else r  # (the norm keeps an infinity or a NaN)
    if not _bounded_real(m) or m.bound ** 2 * _size(m.shape) >= 1e300:
        return None  # the interpreter's sum of squares could overflow, or hold other types
    m = p.floated(m)
    return call("torch.linalg.norm", m.text, kind=C.FLOAT, rank=0, shape=())


def _mean(p, node, b):
    found = patterns.mean_of(node) if p.fast else None
    if found is None:
        return None
    x_node, glyph = found
    x = p.array(x_node, b)
    if x.kind != C.FLOAT or x.cells is not None or not x.rank or (glyph == "/" and x.rank != 1):
        return None  # (+/ of a matrix sums its rows, ≢ counts its columns: no mean)
    if x.shape is not None and x.shape[0] == 0:
        return None  # (an empty mean is APL's 0÷0, 1; torch's NaN, which the check reports, as x.sum(0)/0)
    shape = None if x.shape is None else x.shape[1:]
    r = p.raw(made(method(x, "mean", "dim=0", kind=C.FLOAT, rank=x.rank - 1, shape=shape), x))
    return r.but(holds=x.holds) if x.raw and r.raw else r


def _bounded_real(c) -> bool:
    """Whether c is an int64 or float64 tensor of known shape and bounded magnitude."""
    return c.kind in (C.INT, C.FLOAT) and c.shape is not None and c.bound is not None


def _size(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def fork_idiom(p, node, generic):
    """`(+/÷≢)` on a vector: its mean, `x.mean()`, where that is exact (a nonempty vector of
    known length, whose sum cannot overflow); otherwise the fork as it is (`generic`)."""
    if not patterns.is_mean(node):
        return None

    def monad(blk, w):
        x = p.tensor(w)
        if x.cells == 1 and x.kind == C.FLOAT:  # the mean of each cell of f⍤1 (batched.py)
            return p.raw(made(method(x, "mean", "-1", "keepdim=True", kind=C.FLOAT), x)).but(cells=0, aligned=True)
        if x.cells is not None:
            return generic.monad(blk, w)
        if p.fast and x.kind == C.FLOAT and x.rank == 1:
            return p.raw(made(method(x, "mean", "-1", kind=C.FLOAT, rank=0, shape=()), x))
        if x.rank != 1 or not _bounded_real(x) or not x.shape[0] or x.bound * x.shape[0] >= 1e300:
            return generic.monad(blk, w)  # (the mean of an empty vector is APL's 0÷0, 1)
        return method(p.floated(x), "mean", kind=C.FLOAT, rank=0, shape=())

    return Fn(monad, generic.dyad, "mean")
