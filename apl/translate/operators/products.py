"""Outer and inner products as PyTorch code: ∘.f by broadcasting, f.g by broadcasting g
and reducing with f, and `+.×` as a matrix product (`@` or `torch.tensordot`).

Where the arguments' ranks are known, the operands are lined up with `[:, None]` views for
torch's broadcasting; otherwise the module's `outer` and `inner` (apl/translate/support) expand
them at run time. `+.×` is `@` only where the types and magnitudes make it exact (integers that
cannot overflow, floats, a shared length that agrees), else `matrix_product` decides at run time.
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, call
from ..fn import Fn, nonce, python_lambda, refuse
from ..primitives.scalar import FLOAT_LIMIT, INT_LIMIT
from .reduction import reduce_


def outer(p, blk, f, a, w, node):
    if not f.scalar:
        raise nonce("an outer product of a non-scalar function (a nested result)", node)
    a, w = p.tensor(a), p.tensor(w)
    rank = None if a.rank is None or w.rank is None else a.rank + w.rank
    shape = None if a.shape is None or w.shape is None else a.shape + w.shape
    if f.scalar == "×" and a.rank == 1 and w.rank == 1 and a.kind == w.kind and a.kind in (C.INT, C.FLOAT) \
            and a.bound is not None and w.bound is not None \
            and a.bound * w.bound < (FLOAT_LIMIT if a.kind == C.FLOAT else INT_LIMIT):
        return call("torch.outer", a.text, w.text, kind=a.kind, rank=2, shape=shape, bound=a.bound * w.bound)
    if a.rank is not None and w.rank is not None:
        index = ", ".join([":"] * a.rank + ["None"] * w.rank)
        view = f"{a.atom()}[{index}]" if a.rank else a.text
        left = Code(view, a.kind, C.ATOM if a.rank else a.prec, rank, shape, a.bound, aligned=True)
        r = f.dyad(blk, left, w.but(rank=rank, shape=shape, aligned=True))
        return r.but(rank=rank, shape=shape)
    fn = python_lambda(p, blk, f, 2, node)
    return call(p.use("outer"), fn, a.text, w.text, kind=C.NUM, rank=rank, shape=shape)


def _matrix_product(p, blk, a, w):
    """a+.×w as `@` or `torch.tensordot` where that is exact, else None."""
    if a.rank is None or w.rank is None or a.rank == 0 or w.rank == 0:
        return None
    if p.fast and a.kind == w.kind == C.FLOAT:  # (for float tensors: torch's product)
        rank = a.rank + w.rank - 2
        known = a.shape is not None and w.shape is not None
        if known and a.shape[-1] != w.shape[0]:
            return None  # (APL extends an axis of length 1, or says LENGTH ERROR: the helper)
        if not known:
            a, w = blk.temp(a), blk.temp(w)
        if a.rank <= 2 and w.rank <= 2:
            r = binary("@", a, w, C.MUL, C.FLOAT, rank)
        else:
            r = call("torch.tensordot", a.text, w.text, "dims=1", kind=C.FLOAT, rank=rank)
        if not known:  # the lengths checked where the call is made
            blk.emit(f"{p.use('inner_lengths')}({a.text}, {w.text})")
        return p.raw(r)
    if a.shape is None or w.shape is None or a.shape[-1] != w.shape[0] or a.shape[-1] == 0:
        return None
    if a.kind != w.kind or a.kind not in (C.INT, C.FLOAT) or a.bound is None or w.bound is None:
        return None
    bound = a.bound * w.bound * a.shape[-1]
    if bound >= (FLOAT_LIMIT if a.kind == C.FLOAT else INT_LIMIT):
        return None
    rank = a.rank + w.rank - 2
    shape = a.shape[:-1] + w.shape[1:]
    if a.rank <= 2 and w.rank <= 2:
        return binary("@", a, w, C.MUL, a.kind, rank, shape, bound)
    return call("torch.tensordot", a.text, w.text, "dims=1", kind=a.kind, rank=rank, shape=shape, bound=bound)


def inner(p, blk, f, g, a, w, node):
    if not (f.scalar and g.scalar):
        raise nonce("an inner product of non-scalar functions", node)
    a, w = p.tensor(a), p.tensor(w)
    rank = None if a.rank is None or w.rank is None else max(a.rank, 1) + max(w.rank, 1) - 2
    if f.scalar == "+" and g.scalar == "×":
        plain = _matrix_product(p, blk, a, w)
        if plain is not None:
            return plain
        return call(p.use("matrix_product"), a.text, w.text, kind=C.NUM, rank=rank)
    known = a.shape is not None and w.shape is not None and a.rank and w.rank and a.shape[-1] == w.shape[0] \
        and a.shape[-1] > 1
    if known:
        full = a.shape + w.shape[1:]
        index = ", ".join([":"] * a.rank + ["None"] * (w.rank - 1))
        left = Code(f"{a.atom()}[{index}]", a.kind, C.ATOM, len(full), full, a.bound, aligned=True)
        products = g.dyad(blk, left, w.but(rank=len(full), shape=full, aligned=True))
        reduce_fn = Fn(None, f.dyad, "reduce", scalar=f.scalar)
        return reduce_(p, blk, reduce_fn, products.but(rank=len(full), shape=full), a.rank - 1, node)
    fn_f, fn_g = python_lambda(p, blk, f, 2, node), python_lambda(p, blk, g, 2, node)
    return call(p.use("inner"), fn_f, fn_g, a.text, w.text, kind=C.NUM, rank=rank)


# ------------------------------------------------------------------ the renderings the registry names
def outer_product(p, node, b, axis=None):
    f = p.function(node.left, b)
    return Fn(refuse("a monadic outer product", node), lambda blk, a, w: outer(p, blk, f, a, w, node), "outer")


def inner_product(p, node, b, axis=None):
    f, h = p.function(node.left, b), p.function(node.right, b)
    return Fn(refuse("a monadic inner product", node), lambda blk, a, w: inner(p, blk, f, h, a, w, node), "inner")
