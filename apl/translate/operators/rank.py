"""Each and rank as PyTorch code: f¨ and f⍤k apply a function to items or cells.

A scalar function needs neither (it already works item by item, and under a dyadic ⍤ the
cells line up by broadcasting); other functions go to the `each`, `rank` and `rank2` helpers
(`torch.vmap` over the frame, or a loop where vmap cannot run the function).
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, call, literal_ints
from ..fn import Fn, nonce, python_lambda


def each(p, blk, f, w):
    return call(p.use("each"), _callable(p, blk, f, 1), p.tensor(w).text, kind=C.NUM, rank=w.rank, shape=w.shape)


def each2(p, blk, f, a, w):
    return call(p.use("each2"), _callable(p, blk, f, 2), p.tensor(a).text, p.tensor(w).text, kind=C.NUM)


def _callable(p, blk, f, valence):
    if getattr(f, "py_name", None) and valence == 1:
        return f.py_name
    return python_lambda(p, blk, f, valence, None)


def _rank_spec(k):
    """The (monadic, left, right) cell ranks of a literal right operand of ⍤, else None."""
    ks = literal_ints(k)
    if ks is None or not 1 <= len(ks) <= 3:
        return None
    if len(ks) == 1:
        return ks[0], ks[0], ks[0]
    if len(ks) == 2:
        return ks[1], ks[0], ks[1]
    return tuple(ks)


def _cell_rank(k, r):
    """APL's cell rank for a rank spec k on an array of rank r (negative k: the frame's rank)."""
    return min(k, r) if k >= 0 else max(r + k, 0)


def rank(p, node, b, axis=None):
    spec = _rank_spec(p.array(node.right, b))
    if spec is None:
        raise nonce("⍤ with computed ranks", node)
    f = p.function(node.left, b)
    if f.scalar:
        monad = f.monad
    else:
        def monad(blk, w):
            fn = _callable(p, blk, f, 1)
            return call(p.use("rank"), fn, p.tensor(w).text, str(spec[0]), kind=C.NUM, rank=w.rank)

    def dyad(blk, a, w):
        if f.scalar and (a.is_python or a.rank is not None) and (w.is_python or w.rank is not None):
            return _scalar_rank(p, blk, f, a, w, spec, node)
        fn = python_lambda(p, blk, f, 2, node)
        return call(p.use("rank2"), fn, p.tensor(a).text, p.tensor(w).text, str(spec[1]), str(spec[2]),
                    kind=C.NUM)

    return Fn(monad, dyad, "rank")


def _scalar_rank(p, blk, f, a, w, spec, node):
    """a f⍤k⊢w for a scalar f and known ranks: broadcasting, cells aligned by unsqueezing."""
    ra, rw = (0 if x.is_python else x.rank for x in (a, w))
    ca, cw = _cell_rank(spec[1], ra), _cell_rank(spec[2], rw)
    fa, fw = ra - ca, rw - cw
    if fa and fw and fa != fw:
        raise nonce("⍤ with frames of different ranks (a RANK ERROR)", node)
    if ca != cw and min(ca, cw) != 0:
        raise nonce("⍤ with cells of different ranks (a RANK ERROR)", node)
    frame, cell = max(fa, fw), max(ca, cw)

    def view(x, fx, cx):
        if x.is_python:
            return x
        index = [":"] * fx + ["None"] * (frame - fx) + [":"] * cx + ["None"] * (cell - cx)
        while index and index[0] == "None":  # broadcasting supplies leading axes
            index.pop(0)
        while index and index[-1] == ":":
            index.pop()
        if not index:
            return x
        return Code(f"{x.atom()}[{', '.join(index)}]", x.kind, C.ATOM, frame + cell)

    r = f.dyad(blk, view(a, fa, ca), view(w, fw, cw))
    return Code(r.text, r.kind, r.prec, frame + cell)


def each_operator(p, node, b, axis=None):
    """f¨: a scalar function is its own each."""
    f = p.function(node.left, b)
    if f.scalar:
        return f
    return Fn(lambda blk, w: each(p, blk, f, w), lambda blk, a, w: each2(p, blk, f, a, w), "each")
