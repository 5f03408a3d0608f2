"""Reductions and scans as PyTorch code: f/ f⌿ f\\ f⍀ and the n-wise reduction n f/.

`+ × ⌈ ⌊` reduce and scan with torch's methods (`sum`, `cumprod`, `amax` …) and `∧ ∨` on
booleans with `all`/`any`, where what is known of the argument proves them exact: no overflow,
and an axis that is not empty where APL's identity element has another type than torch's
(`+/0⍴1.5` is the integer 0). Otherwise the module's `total`, `product`, `reduce` and `scan`
(apl/translate/support.py) fold right to left as APL does, with the identity element of an
empty axis. Inner products end in a reduction too, so they call `reduce_` here.
"""
from __future__ import annotations

import math

from .. import code as C
from ..code import Code, call, literal_ints, method
from ..fn import Fn, nonce, python_lambda, refuse
from ..native import made
from ..primitives.scalar import FLOAT_LIMIT, INT_LIMIT

_BOOL_REDUCE = {"∧": "all", "∨": "any"}
# the identity elements of primitives that are not scalar (, and ⍪ have a nested one)
_IDENTITIES = {"⌽": 0, "⊖": 0, "⊤": 0, "/": 1, "⌿": 1, "\\": 1, "⍀": 1, ",": "nested", "⍪": "nested"}
_FOLD_HELPERS = {"+": "total", "×": "product"}


def _length(w, dim):
    """The length of axis dim when the shape is known, else None."""
    if w.shape is None or not isinstance(dim, int) or not -len(w.shape) <= dim < len(w.shape):
        return None
    return w.shape[dim]


def _rest(w, dim):
    if w.shape is None or not isinstance(dim, int):
        return None
    d = dim % len(w.shape)
    return w.shape[:d] + w.shape[d + 1:]


def _check_axis(w, dim, node):
    """An axis beyond a known rank is APL's RANK ERROR: refused rather than translated."""
    if w.rank is not None and isinstance(dim, int) and w.rank > 0 and not -w.rank <= dim < w.rank:
        raise nonce("an axis beyond the rank of the argument (a RANK ERROR)", node)
    if w.rank == 0 and isinstance(dim, int) and dim not in (0, -1):
        raise nonce("an axis beyond the rank of the argument (a RANK ERROR)", node)


def _exact_total(glyph, w, n, empty_ok=False, fast=False):
    """Whether torch's sum (prod) of w along an axis of n items is APL's +/ (×/) (or, with
    empty_ok, its scan)."""
    if w.rank is None:
        return False
    if w.kind == C.BOOL or (fast and w.kind == C.FLOAT):
        return True
    if w.kind not in (C.INT, C.FLOAT) or w.bound is None or n is None:
        return False
    if w.kind == C.FLOAT and n == 0 and not empty_ok:
        return False  # APL's empty sum is the integer 0
    limit = FLOAT_LIMIT if w.kind == C.FLOAT else INT_LIMIT
    if glyph == "+":
        return w.bound * n < limit
    return w.bound <= 1 or n * math.log(w.bound) < math.log(limit)


def _cells_reduce(p, f, w, dim, node):
    """f/ of each cell of f⍤1 lifted to the whole array (batched.py): along the last axis,
    the axis kept (`keepdim=True`), so that the cells' results line up with the cells."""
    glyph = f.scalar
    n = None if w.shape is None else w.shape[-1]
    if w.cells != 1 or dim != -1 or glyph not in ("+", "×", "⌈", "⌊") or w.kind != C.FLOAT:
        raise nonce("this reduction on the cells of ⍤, lifted to the whole array", node)
    if glyph in ("+", "×"):
        r = p.raw(made(method(w, "sum" if glyph == "+" else "prod", "dim=-1", "keepdim=True", kind=C.FLOAT), w))
    elif n:
        r = made(method(w, "amax" if glyph == "⌈" else "amin", "dim=-1", "keepdim=True", kind=C.FLOAT), w)
    else:
        r = call(p.use("extremum"), w.text, '"amax"' if glyph == "⌈" else '"amin"', "keepdim=True", kind=C.FLOAT)
    return r.but(cells=0, aligned=True)


def _literal_fold(glyph, w):
    """+/ ×/ ⌈/ ⌊/ of a literal vector of whole numbers (×/2↑⍴⍵ of a known shape): the number,
    where it stays an integer; else None."""
    items = literal_ints(w) if w.rank == 1 and w.kind == C.INT else None
    if not items or glyph not in ("+", "×", "⌈", "⌊"):
        return None
    v = {"+": sum, "×": math.prod, "⌈": max, "⌊": min}[glyph](items)
    return Code(str(v), C.PYINT, C.ATOM if v >= 0 else C.UNARY, 0, (), float(abs(v))) if abs(v) < INT_LIMIT else None


def reduce_(p, blk, f, w, dim, node, windows=False):
    if w.cells is not None:
        return _cells_reduce(p, f, w, dim, node)
    if w.is_python or w.rank == 0:
        _check_axis(w.but(rank=0), dim, node)
        return w
    _check_axis(w, dim, node)
    rank = None if w.rank is None else w.rank - 1
    shape = _rest(w, dim)
    n = _length(w, dim)
    glyph = f.scalar
    folded = _literal_fold(glyph, w)
    if folded is not None:
        return folded
    if glyph in _FOLD_HELPERS:
        if _exact_total(glyph, w, n, fast=p.fast):
            bound = None if w.bound is None or n is None else w.bound * n if glyph == "+" else max(w.bound, 1) ** n
            kind = C.INT if w.kind == C.BOOL else w.kind
            r = made(method(w, "sum" if glyph == "+" else "prod", f"dim={dim}", kind=kind, rank=rank, shape=shape,
                            bound=bound), w)
            if p.fast and dim == 0 and glyph == "+" and w.prec == C.ATOM and w.text.endswith(".sum(dim=0)"):  # +⌿+⌿x
                r = r.but(text=w.text[: -len("dim=0)")] + "dim=(0, 1))", fresh=True)
            return p.raw(r) if kind == C.FLOAT else r
        return call(p.use(_FOLD_HELPERS[glyph]), w.text, f"dim={dim}", kind=C.FLOAT if w.kind == C.FLOAT else C.NUM,
                    rank=rank, shape=shape)
    if glyph in ("⌈", "⌊") and w.kind in (C.INT, C.FLOAT, C.BOOL) and n and w.rank is not None:
        return made(method(w, "amax" if glyph == "⌈" else "amin", f"dim={dim}", kind=w.kind, rank=rank,
                           shape=shape, bound=w.bound), w)
    if glyph in ("⌈", "⌊") and p.fast and w.kind == C.FLOAT and w.rank is not None:  # (its length unknown)
        op = '"amax"' if glyph == "⌈" else '"amin"'
        return call(p.use("extremum"), w.text, op, f"dim={dim}", kind=C.FLOAT, rank=rank, shape=shape)
    if glyph in _BOOL_REDUCE and w.kind == C.BOOL and w.rank is not None:
        return method(w, _BOOL_REDUCE[glyph], f"dim={dim}", kind=C.BOOL, rank=rank, shape=shape, bound=1.0)
    fn = python_lambda(p, blk, f, 2, node)
    if not glyph:  # a function that is not scalar sees the items of each vector one by one
        identity = _IDENTITIES.get(getattr(node.left, "glyph", None))
        extra = [] if identity is None else [f'identity="{identity}"' if isinstance(identity, str) else
                                             f"identity={identity}"]
        return call(p.use("fold_cells"), fn, w.text, f"dim={dim}", *extra, kind=C.NUM, rank=rank, shape=shape)
    extra = ["windows=True"] if windows else []
    return call(p.use("reduce"), fn, w.text, f"dim={dim}", *extra, kind=C.NUM, rank=rank, shape=shape)


def scan(p, blk, f, w, dim, node):
    if w.is_python or w.rank == 0:
        return w  # (any axis of a scalar)
    _check_axis(w, dim, node)
    glyph = f.scalar
    n = _length(w, dim)
    if glyph in _FOLD_HELPERS and _exact_total(glyph, w, n, empty_ok=True, fast=p.fast):
        kind = C.INT if w.kind == C.BOOL else w.kind
        r = method(w, "cumsum" if glyph == "+" else "cumprod", f"dim={dim}", kind=kind, rank=w.rank, shape=w.shape)
        return p.raw(r) if kind == C.FLOAT else r
    if glyph in ("⌈", "⌊") and w.kind in (C.INT, C.FLOAT) and w.rank is not None:
        inner_ = method(w, "cummax" if glyph == "⌈" else "cummin", f"dim={dim}")
        return Code(f"{inner_.text}.values", w.kind, C.ATOM, w.rank, w.shape, w.bound)
    fn = python_lambda(p, blk, f, 2, node)
    if not glyph:
        return call(p.use("fold_cells"), fn, w.text, f"dim={dim}", "scan=True", kind=C.NUM, rank=w.rank,
                    shape=w.shape)
    return call(p.use("scan"), fn, w.text, f"dim={dim}", kind=C.NUM, rank=w.rank, shape=w.shape)


def nwise(p, blk, f, a, w, dim, node):
    """n f/w: f/ over each window of n items, the windows from `unfold` (reversed for ¯n)."""
    n = literal_ints(a) if a.rank == 0 or a.is_python else None
    if w.cells is not None:
        raise nonce("n-wise reduction on the cells of ⍤, lifted to the whole array", node)
    if n is None or n[0] == 0:
        raise nonce("n-wise reduction with a computed or zero window", node)
    n = n[0]
    w = p.tensor(w)
    if w.rank == 0:
        raise nonce("n-wise reduction of a scalar (a RANK ERROR)", node)
    length = _length(w, dim)
    if length is not None and abs(n) > length:
        raise nonce("n-wise reduction with a window longer than the array", node)
    rank_ = None if w.rank is None else w.rank + 1
    if length is None:
        windows = call(p.use("windows"), w.text, str(n), f"dim={dim}", kind=w.kind, rank=rank_, bound=w.bound)
    else:
        windows = method(w, "unfold", str(dim), str(abs(n)), "1", kind=w.kind, rank=rank_, bound=w.bound)
        if n < 0:
            windows = method(windows, "flip", "-1", kind=w.kind, rank=rank_, bound=w.bound)
        if w.shape is not None:
            d = dim % len(w.shape)
            shape = list(w.shape)
            shape[d] = length - abs(n) + 1
            windows = windows.but(shape=(*shape, abs(n)))
    return reduce_(p, blk, f, windows, -1, node, windows=True)


# ------------------------------------------------------------------ the renderings the registry names
def _reduction(p, node, b, dim):
    f = p.function(node.left, b)
    fn = Fn(lambda blk, w: reduce_(p, blk, f, w, dim, node),
            lambda blk, a, w: nwise(p, blk, f, a, w, dim, node), "reduce", reducer=(f, dim))
    if f.scalar in ("+", "×"):  # (a sum or product keeps an infinity or a NaN: see fn.KEEPS_RAW)
        fn.keeps_raw = (True, False, False)
    return fn


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
