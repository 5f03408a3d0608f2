"""Each and rank as PyTorch code: f¨ and f⍤k apply a function to items or cells.

A scalar function needs neither on a known nonempty array (it already works item by item,
and under a dyadic ⍤ the cells line up by broadcasting); otherwise the module's `each`,
`rank` and `rank2` apply the function to each item or cell (apl/translate/support/cells.py).
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..batched import lift
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
    if node.right.role == "F":  # f⍤g: atop
        f, g = p.function(node.left, b), p.function(node.right, b)
        return Fn(lambda blk, w: f.monad(blk, g.monad(blk, w)),
                  lambda blk, a, w: f.monad(blk, g.dyad(blk, a, w)), "atop")
    spec = _rank_spec(p.array(node.right, b))
    if spec is None:
        raise nonce("⍤ with computed ranks", node)
    # under ranks=, a dfn's def is written where ⍤ is applied: on all the cells at once if it can be
    lazy = p.fast and isinstance(node.left, ast.Dfn)
    eager = None if lazy else p.function(node.left, b)

    def monad(blk, w):
        lifted = lift(p, blk, node.left, w, spec[0])
        if lifted is not None:
            return lifted
        f = eager or p.function(node.left, blk)
        if f.scalar and w.shape is not None and 0 not in w.shape:
            return f.monad(blk, w)  # (on an empty frame, APL applies f to a prototype cell)
        fn = _callable(p, blk, f, 1)
        return call(p.use("rank"), fn, p.tensor(w).text, str(spec[0]), kind=C.NUM)

    def dyad(blk, a, w):
        f = eager or p.function(node.left, blk)
        if f.scalar:
            r = _scalar_rank(p, blk, f, a, w, spec, node)
            if r is not None:
                return r
        fn = python_lambda(p, blk, f, 2, node)
        return call(p.use("rank2"), fn, p.tensor(a).text, p.tensor(w).text, str(spec[1]), str(spec[2]),
                    kind=C.NUM)

    return Fn(monad, dyad, "rank")


def _scalar_rank(p, blk, f, a, w, spec, node):
    """a f⍤k⊢w for a scalar f and known shapes: broadcasting, cells aligned by `[:, None]`
    views (APL's frames must agree exactly, so where they are not known to, the helper)."""
    ra, rw = (0 if x.is_python else x.rank for x in (a, w))
    if ra is None or rw is None:
        return None
    ca, cw = _cell_rank(spec[1], ra), _cell_rank(spec[2], rw)
    fa, fw = ra - ca, rw - cw
    sa, sw = (() if x.is_python else x.shape for x in (a, w))
    if (sa is None or sw is None) and p.fast:
        return _ranked_rank(p, blk, f, a, w, (ra, ca, ra - ca), (rw, cw, rw - cw))
    if sa is None or sw is None:
        return None
    frame_a, frame_w = sa[:fa], sw[:fw]
    cell_a, cell_w = sa[fa:], sw[fw:]
    if fa and fw and frame_a != frame_w:
        return None  # APL's RANK or LENGTH ERROR: the helper raises it
    if ca and cw and cell_a != cell_w:
        return None
    frame = frame_a if fa >= fw else frame_w
    cell = cell_a if ca >= cw else cell_w
    full = frame + cell
    if 0 in full:
        return None  # on an empty frame, APL applies f to prototype cells: the helper does

    def view(x, fx, cx):
        if x.is_python:
            return x
        index = [":"] * fx + ["None"] * (len(frame) - fx) + [":"] * cx + ["None"] * (len(cell) - cx)
        while index and index[0] == "None":  # broadcasting supplies leading axes
            index.pop(0)
        while index and index[-1] == ":":
            index.pop()
        text = x.text if not index else f"{x.atom()}[{', '.join(index)}]"
        return Code(text, x.kind, C.ATOM if index else x.prec, len(full), full, x.bound, aligned=True)

    r = f.dyad(blk, view(a, fa, ca), view(w, fw, cw))
    return r.but(rank=len(full), shape=full)


def _ranked_rank(p, blk, f, a, w, ranks_a, ranks_w):
    """a f⍤k⊢w for a scalar f on float tensors of known ranks (ranks=): broadcasting, where
    it is APL's pairing: one argument has no frame, and the cells are scalars or vectors
    (torch then broadcasts as APL extends)."""
    (_, ca, fa), (_, cw, fw) = ranks_a, ranks_w
    if (fa and fw) or max(ca, cw) > 1 or (ca and cw and ca != cw):
        return None
    frame, cell = max(fa, fw), max(ca, cw)

    def view(x, fx, cx):
        if x.is_python:
            return x.but(aligned=True)
        index = [":"] * fx + ["None"] * (frame - fx) + [":"] * cx + ["None"] * (cell - cx)
        while index and index[0] == "None":
            index.pop(0)
        while index and index[-1] == ":":
            index.pop()
        text = x.text if not index else f"{x.atom()}[{', '.join(index)}]"
        return Code(text, x.kind, C.ATOM if index else x.prec, frame + cell, None, x.bound, aligned=True)

    va, vw = view(a, fa, ca), view(w, fw, cw)
    if not (a.is_python or w.is_python) and (ca or cw):  # (lengths of cells unknown)
        blk.emit(f"{p.use('paired')}({va.text}, {vw.text})")
    r = f.dyad(blk, va, vw)
    return r.but(rank=frame + cell)


def each_operator(p, node, b, axis=None):
    """f¨: a scalar function is its own each."""
    f = p.function(node.left, b)

    def nonempty(x):
        return x.is_python or (x.shape is not None and 0 not in x.shape)

    def monad(blk, w):  # a scalar function is its own each, but on an empty array each gives integers
        return f.monad(blk, w) if f.scalar and nonempty(w) else each(p, blk, f, w)

    def dyad(blk, a, w):
        return f.dyad(blk, a, w) if f.scalar and nonempty(a) and nonempty(w) else each2(p, blk, f, a, w)

    return Fn(monad, dyad, "each")  # (not scalar: f¨/ of an empty vector has no identity)
