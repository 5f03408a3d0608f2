"""Reductions and scans as PyTorch code: f/ f⌿ f\\ f⍀ and the n-wise reduction n f/.

`+ × ⌈ ⌊` reduce and scan with torch's methods (`sum`, `cumprod`, `cummax` …), `∧ ∨` on
booleans with `all`/`any`; any other function folds right to left in a helper, as APL does.
Inner products end in a reduction too, so they call `reduce_` here.
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, boolean, call, literal_ints, method
from ..fn import Fn, nonce, python_lambda, refuse

_REDUCE_METHODS = {"+": "sum", "×": "prod", "⌈": "amax", "⌊": "amin"}
_BOOL_REDUCE = {"∧": "all", "∨": "any"}
_SCAN_METHODS = {"+": "cumsum", "×": "cumprod"}
_SCAN_VALUES = {"⌈": "cummax", "⌊": "cummin"}


def reduce_(p, blk, f, w, dim, node):
    if w.is_python or w.rank == 0:
        return w
    rank = None if w.rank is None else w.rank - 1
    shape = None
    if w.shape is not None and isinstance(dim, int):
        d = dim % len(w.shape)
        shape = w.shape[:d] + w.shape[d + 1:]
    glyph = f.scalar
    if glyph in _REDUCE_METHODS:
        kind = C.INT if w.kind == C.BOOL else w.kind
        return method(w, _REDUCE_METHODS[glyph], f"dim={dim}", kind=kind, rank=rank, shape=shape)
    if glyph in _BOOL_REDUCE:
        bw = boolean(w)
        if bw is not None:
            return method(bw, _BOOL_REDUCE[glyph], f"dim={dim}", kind=C.BOOL, rank=rank, shape=shape)
    if glyph == "-":
        return call(p.use("alternating_sum"), w.text, f"dim={dim}", kind=w.kind, rank=rank, shape=shape)
    fn = python_lambda(p, blk, f, 2, node)
    return call(p.use("fold_right"), fn, w.text, f"dim={dim}", kind=C.NUM, rank=rank, shape=shape)


def scan(p, blk, f, w, dim, node):
    if w.is_python or w.rank == 0:
        return w
    glyph = f.scalar
    if glyph in _SCAN_METHODS:
        kind = C.INT if w.kind == C.BOOL else w.kind
        return method(w, _SCAN_METHODS[glyph], f"dim={dim}", kind=kind, rank=w.rank, shape=w.shape)
    if glyph in _SCAN_VALUES and w.kind != C.BOOL:
        inner_ = method(w, _SCAN_VALUES[glyph], f"dim={dim}")
        return Code(f"{inner_.text}.values", w.kind, C.ATOM, w.rank, w.shape)
    fn = python_lambda(p, blk, f, 2, node)
    return call(p.use("scan_right"), fn, w.text, f"dim={dim}", kind=C.NUM, rank=w.rank, shape=w.shape)


def nwise(p, blk, f, a, w, dim, node):
    """n f/w: f/ over each window of n items, the windows from `unfold` (reversed for ¯n)."""
    n = literal_ints(a) if a.rank == 0 or a.is_python else None
    if n is None or n[0] == 0:
        raise nonce("n-wise reduction with a computed or zero window", node)
    n = n[0]
    w = p.tensor(w)
    if w.rank == 0:
        w = method(w, "reshape", "1", kind=w.kind, rank=1, shape=(1,))
    if w.shape is not None and isinstance(dim, int) and abs(n) > w.shape[dim]:
        raise nonce("n-wise reduction with a window longer than the array", node)
    rank_ = None if w.rank is None else w.rank + 1
    windows = method(w, "unfold", str(dim), str(abs(n)), "1", kind=w.kind, rank=rank_)
    if n < 0:
        windows = method(windows, "flip", "-1", kind=w.kind, rank=rank_)
    return reduce_(p, blk, f, windows, -1, node)


# ------------------------------------------------------------------ the renderings the registry names
def _reduction(p, node, b, dim):
    f = p.function(node.left, b)
    return Fn(lambda blk, w: reduce_(p, blk, f, w, dim, node),
              lambda blk, a, w: nwise(p, blk, f, a, w, dim, node), "reduce", reducer=(f, dim))


def _scanning(p, node, b, dim):
    f = p.function(node.left, b)
    return Fn(lambda blk, w: scan(p, blk, f, w, dim, node), refuse("a dyadic scan", node), "scan")


def reduce_last(p, node, b, axis=None):
    """f/ (and f/[k]); n-wise with a left argument."""
    return _reduction(p, node, b, -1 if axis is None else axis)


def reduce_first(p, node, b, axis=None):
    return _reduction(p, node, b, 0 if axis is None else axis)


def scan_last(p, node, b, axis=None):
    return _scanning(p, node, b, -1 if axis is None else axis)


def scan_first(p, node, b, axis=None):
    return _scanning(p, node, b, 0 if axis is None else axis)
