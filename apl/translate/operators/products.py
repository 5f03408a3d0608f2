"""Outer and inner products as PyTorch code: ∘.f by broadcasting, f.g by broadcasting g
and reducing with f, and `+.×` as a matrix product (`@` or `torch.tensordot`).
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, call, method
from ..fn import Fn, nonce, refuse
from .reduction import reduce_


def outer(p, blk, f, a, w, node):
    if not f.scalar:
        raise nonce("an outer product of a non-scalar function (a nested result)", node)
    if a.is_python or a.rank == 0:
        return f.dyad(blk, a, w)
    a, w = p.tensor(a), p.tensor(w)
    rank = None if a.rank is None or w.rank is None else a.rank + w.rank
    shape = None if a.shape is None or w.shape is None else a.shape + w.shape
    if f.scalar == "×" and a.rank == 1 and w.rank == 1 and a.kind == w.kind:
        return call("torch.outer", a.text, w.text, kind=a.kind, rank=2, shape=shape)
    if a.rank is not None and w.rank is not None:
        index = ", ".join([":"] * a.rank + ["None"] * w.rank)
        left = Code(f"{a.atom()}[{index}]", a.kind, C.ATOM, rank)
    else:
        left = method(a, "reshape", f"{a.atom()}.shape + (1,) * {w.atom()}.ndim", kind=a.kind)
    r = f.dyad(blk, left, Code(w.text, w.kind, w.prec, rank))
    return Code(r.text, r.kind, r.prec, rank, shape)


def inner(p, blk, f, g, a, w, node):
    if not (f.scalar and g.scalar):
        raise nonce("an inner product of non-scalar functions", node)
    a, w = p.tensor(a), p.tensor(w)
    if a.rank is None or w.rank is None:
        if f.scalar == "+" and g.scalar == "×":
            return call("torch.tensordot", a.text, w.text, "dims=1", kind=C.result_kind(a, w))
        # g between every row of a and column of w, then f/ along the shared axis
        a, w = blk.temp(a), blk.temp(w)
        left = method(a, "reshape", f"{a.atom()}.shape + (1,) * ({w.atom()}.ndim - 1)", kind=a.kind)
        products = blk.temp(g.dyad(blk, left, w))
        reduce_fn = Fn(None, f.dyad, "reduce", scalar=f.scalar)
        return reduce_(p, blk, reduce_fn, products, f"{a.atom()}.ndim - 1", node)
    if a.rank == 0 or w.rank == 0:
        raise nonce("an inner product with a scalar", node)
    rank = a.rank + w.rank - 2
    if f.scalar == "+" and g.scalar == "×":
        if a.kind != w.kind and C.FLOAT in (a.kind, w.kind):
            a, w = p.floated(a), p.floated(w)
        if a.rank <= 2 and w.rank <= 2:
            return binary("@", a, w, C.MUL, C.result_kind(a, w), rank)
        return call("torch.tensordot", a.text, w.text, "dims=1", kind=C.result_kind(a, w), rank=rank)
    index = ", ".join([":"] * a.rank + ["None"] * (w.rank - 1))
    left = Code(f"{a.atom()}[{index}]", a.kind, C.ATOM, a.rank + w.rank - 1)
    products = g.dyad(blk, left, Code(w.text, w.kind, w.prec, a.rank + w.rank - 1))
    reduce_fn = Fn(None, f.dyad, "reduce", scalar=f.scalar)
    return reduce_(p, blk, reduce_fn, products, a.rank - 1, node)


# ------------------------------------------------------------------ the renderings the registry names
def outer_product(p, node, b, axis=None):
    f = p.function(node.left, b)
    return Fn(refuse("a monadic outer product", node), lambda blk, a, w: outer(p, blk, f, a, w, node), "outer")


def inner_product(p, node, b, axis=None):
    f, h = p.function(node.left, b), p.function(node.right, b)
    return Fn(refuse("a monadic inner product", node), lambda blk, a, w: inner(p, blk, f, h, a, w, node), "inner")
