"""Pervasion and scalar extension: scalar functions reach into nested arrays.

Dyalog's rules (Language Reference, "Scalar Functions"):
- a scalar, or a *unit* (a one-item array of any rank), is extended to the shape of the other
  argument; when both arguments are units, the one of lower rank is extended;
- otherwise the shapes must agree: RANK ERROR when the ranks differ, LENGTH ERROR when they do not;
- a simple scalar meeting a nested item is applied to each simple scalar inside that item;
- on empty arguments no function is applied: the result is empty (numeric), of the extended shape.
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, INT, OBJ, box, from_items, ref_item, unbox, unboxed_items
from ..backends import backend_of, coerce, device_of, kind, size
from ..errors import DomainError, LengthError, RankError
from .chunks import elementwise, long


def conform(a: np.ndarray, w: np.ndarray):
    """Scalar (and unit) extension: both arguments brought to one shape, or an error.

    An extended argument comes back as a 0-d array; the other keeps its shape."""
    if a.shape == w.shape:
        return a, w
    na, nw = size(a), size(w)
    if na == 1 and nw == 1:
        # both units: the one of lower rank is extended
        return (a.reshape(()), w) if a.ndim <= w.ndim else (a, w.reshape(()))
    if na == 1:
        return a.reshape(()), w
    if nw == 1:
        return a, w.reshape(())
    if a.ndim != w.ndim:
        raise RankError("argument ranks differ")
    raise LengthError("argument shapes differ")


def _shape_of(a, w):
    return a.shape if a.ndim else w.shape


def pervade_monadic(f, w: np.ndarray) -> np.ndarray:
    """Apply f (defined on simple arrays) to every simple scalar of w."""
    if w.dtype == OBJ and ref_item(w) is not None:
        raise DomainError("a namespace reference is not a number")
    if w.dtype != OBJ:
        if size(w) == 0:
            return _empty_call(f, (w,), w.shape)
        if long(w):
            return elementwise(f, w)
        return f(w)
    if w.size == 0:
        return _empty_nested(lambda p: pervade_monadic(f, p), (w,), w.shape)
    out = [box(pervade_monadic(f, unbox(x))) for x in w.ravel()]
    return from_items(out, w.shape)


def _references(f, a, w):
    """A scalar function of two simple scalars of which one at least is a namespace reference:
    = and ≠ tell whether they are the same namespace; any other is a DOMAIN ERROR."""
    ra, rw = ref_item(a), ref_item(w)
    same = ra is not None and ra is rw
    if getattr(f, "__name__", "") in ("equal", "eq"):
        return np.array(same)
    if getattr(f, "__name__", "") in ("not_equal", "ne"):
        return np.array(not same)
    raise DomainError("a namespace reference is not a number")


def pervade_dyadic(f, a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Apply f pairwise to corresponding simple scalars, with scalar extension at every depth."""
    if a.dtype != OBJ and w.dtype != OBJ:
        if type(a) is np.ndarray and type(w) is np.ndarray and a.size and w.size \
                and (a.shape == w.shape or a.ndim == 0 or w.ndim == 0):
            if long(a, w):
                return elementwise(f, a, w)
            return f(a, w)  # the common cases, decided at once
        if type(a) is not type(w):
            a, w = coerce(a, w)
        if a.shape != w.shape:
            a, w = conform(a, w)
        if size(a) == 0 or size(w) == 0:
            return _empty_call(f, (a, w), _shape_of(a, w))
        return f(a, w)
    a, w = conform(a, w)
    shape = _shape_of(a, w)
    if a.ndim == 0 and w.ndim == 0 and (ref_item(a) is not None or ref_item(w) is not None):
        return _references(f, a, w)
    if a.ndim == 0:
        ai = unbox(a[()])
        out = [box(pervade_dyadic(f, ai, y)) for y in unboxed_items(w)]
    elif w.ndim == 0:
        wi = unbox(w[()])
        out = [box(pervade_dyadic(f, x, wi)) for x in unboxed_items(a)]
    else:
        out = [box(pervade_dyadic(f, x, y)) for x, y in zip(unboxed_items(a), unboxed_items(w))]
    if not out:
        return _empty_nested(lambda p, q: pervade_dyadic(f, p, q), (a, w), shape)
    return from_items(out, shape)


def pervade_axis(f, a: np.ndarray, w: np.ndarray, axis) -> np.ndarray:
    """X f[K] Y for a scalar f: the axes of the lower-rank argument are matched with the axes K
    of the other (`1 2 3+[2]2 3⍴10 20 30` adds along the columns), which it is extended along."""
    from ..arrays import int_list
    from ..errors import AxisError
    from ..settings import current

    if type(a) is not type(w):
        a, w = coerce(a, w)
    io = current().io
    ks = [k - io for k in int_list(axis, "axis")]
    lo_left = a.ndim < w.ndim or (a.ndim == w.ndim and size(a) <= size(w))
    lo, hi = (a, w) if lo_left else (w, a)
    if size(lo) == 1 and lo.ndim <= len(ks) and lo.ndim != len(ks):
        lo = lo.reshape(())
    if len(ks) != lo.ndim or len(set(ks)) != len(ks) or any(k < 0 or k >= max(hi.ndim, 1) for k in ks):
        raise AxisError("axis does not fit the arguments")
    order = sorted(range(len(ks)), key=ks.__getitem__)
    if lo.ndim > 1:
        lo = lo.permute(order) if hasattr(lo, "permute") else lo.transpose(order)
    ks = [ks[i] for i in order]
    for i, k in enumerate(ks):
        if lo.shape[i] != hi.shape[k]:
            raise LengthError("argument lengths differ along the axis")
    shape = [1] * hi.ndim
    for i, k in enumerate(ks):
        shape[k] = lo.shape[i]
    if lo.dtype == OBJ:
        ext = np.broadcast_to(lo.reshape(shape), hi.shape).copy()
    else:
        xp = backend_of(lo).xp
        ext = xp.broadcast_to(lo.reshape(shape), tuple(hi.shape))
    return pervade_dyadic(f, ext, hi) if lo_left else pervade_dyadic(f, hi, ext)


# functions whose results are boolean: their empty results are boolean too
_BOOLEAN_KERNELS = {"logical_not", "nand", "nor", "equal", "not_equal", "less", "less_equal",
                    "greater", "greater_equal"}


def _empty_call(f, args, shape):
    """f on empty arguments: never an error, since f is applied to nothing; the result is
    numeric (boolean for comparisons and logic), whatever the types of the arguments."""
    if all(kind(x) in "biufc" for x in args):
        from ..errors import APLError

        try:
            return f(*args)
        except APLError:
            pass
    return _empty(f, shape, args)


def _empty(f, shape, args=()):
    name = getattr(f, "__name__", "")
    boolean = name in _BOOLEAN_KERNELS
    bk = backend_of(*args)
    if bk.name == "numpy":
        return np.zeros(shape, dtype=BOOL if boolean else INT)
    like = next(x for x in args if not isinstance(x, np.ndarray))
    return bk.xp.zeros(tuple(shape), dtype=bk.BOOL if boolean else bk.INT, device=device_of(like))


def _empty_nested(g, args, shape):
    """An empty result of a scalar function with a nested argument: its prototype is the
    function applied to the arguments' prototypes, filled (-0⍴⊂1 2 has prototype ⊂0 0, so
    ↑-0⍴⊂1 2 is 0 2⍴0); where that application fails, the nested prototype with numbers."""
    from ..errors import APLError
    from .cells import empty_with, proto_item, prototype

    protos = [unbox(proto_item(x)) for x in args]
    try:
        item = prototype(g(*protos))
    except APLError:
        item = _numeric_fill(next(p for p, x in zip(protos, args) if x.dtype == OBJ))
    return empty_with(shape, box(item))


def _numeric_fill(p):
    """A prototype with characters made numbers (a scalar function's results are numbers)."""
    from .cells import empty_with, proto_item

    if p.dtype != OBJ or ref_item(p) is not None:  # (a namespace reference's fill here is 0)
        return np.zeros(p.shape, dtype=INT)
    if p.size == 0:
        return empty_with(p.shape, box(_numeric_fill(unbox(proto_item(p)))))
    return from_items([box(_numeric_fill(unbox(x))) for x in p.ravel()], p.shape)
