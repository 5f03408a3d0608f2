"""Structural functions as PyTorch code: shape, reshape, ravel, catenate, reverse, rotate,
transpose, take, drop, replicate, first, match, tally, and ⌽ ⊖ ↑ ↓ with an axis.

These rearrange items without computing new ones: most become indexing, `reshape` or `flip`
when ranks and shapes are known statically, and a helper otherwise.
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..code import Code, call, literal_ints, method, result_kind
from ..fn import Fn, nonce, refuse
from .scalar import negate, same


def shape(p, b, w):
    if w.is_python:
        return Code("torch.zeros(0, dtype=torch.int64)", C.INT, C.ATOM, 1, (0,))
    return call("torch.tensor", f"{w.atom()}.shape", kind=C.INT, rank=1)


def reshape(p, b, a, w):
    dims = literal_ints(a)
    w = p.tensor(w)
    if dims is not None:
        n = 1
        for d in dims:
            n *= d
        shape_text = ", ".join(str(d) for d in dims)
        size = None if w.shape is None else _prod(w.shape)
        if size == n:
            return method(w, "reshape", shape_text, kind=w.kind, rank=len(dims), shape=tuple(dims))
        tup = f"({shape_text},)" if len(dims) == 1 else f"({shape_text})"
        return call(p.use("reshape"), w.text, tup, kind=w.kind, rank=len(dims), shape=tuple(dims))
    return call(p.use("reshape"), w.text, f"tuple({p.tensor(a).text}.flatten().tolist())", kind=w.kind)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def ravel(p, b, w):
    w = p.tensor(w)
    size = None if w.shape is None else _prod(w.shape)
    return method(w, "flatten", kind=w.kind, rank=1, shape=None if size is None else (size,))


def catenate(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank == 1 and w.rank == 1:
        n = None if a.shape is None or w.shape is None else (a.shape[0] + w.shape[0],)
        return call("torch.cat", f"[{a.text}, {w.text}]", kind=result_kind(a, w), rank=1, shape=n)
    if a.rank is not None and a.rank == w.rank and a.rank >= 1:
        return call("torch.cat", f"[{a.text}, {w.text}]", "dim=-1", kind=result_kind(a, w), rank=a.rank)
    return call(p.use("catenate"), a.text, w.text, kind=result_kind(a, w))


def table(p, b, w):
    w = p.tensor(w)
    if w.rank == 0:
        return method(w, "reshape", "1", "1", kind=w.kind, rank=2, shape=(1, 1))
    if w.rank == 1:
        return method(w, "reshape", "-1", "1", kind=w.kind, rank=2)
    return method(w, "reshape", f"{w.atom()}.shape[0]", "-1", kind=w.kind, rank=2)


def catenate_first(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank is not None and a.rank == w.rank and a.rank >= 1:
        return call("torch.cat", f"[{a.text}, {w.text}]", kind=result_kind(a, w), rank=a.rank)
    raise nonce("⍪ of arrays of different ranks")


def _reverse(dim):
    def run(p, b, w):
        if w.is_python or w.rank == 0:
            return w
        return method(w, "flip", str(dim), kind=w.kind, rank=w.rank, shape=w.shape)

    return run


def _rotate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        if a.rank != 0:
            return call(p.use("rotate"), p.tensor(a).text, w.text, f"dim={dim}", kind=w.kind, rank=w.rank,
                        shape=w.shape)
        shift = negate(p, b, a)
        return call("torch.roll", w.text, shift.text, f"dims={dim}", kind=w.kind, rank=w.rank, shape=w.shape)

    return run


def transpose(p, b, w):
    if w.is_python or w.rank in (0, 1):
        return w
    if w.rank == 2:
        shape = None if w.shape is None else w.shape[::-1]
        return Code(f"{w.atom()}.T", w.kind, C.ATOM, 2, shape)
    if w.rank is not None:
        dims = ", ".join(str(i) for i in reversed(range(w.rank)))
        shape = None if w.shape is None else w.shape[::-1]
        return method(w, "permute", dims, kind=w.kind, rank=w.rank, shape=shape)
    w = b.temp(w)
    return method(w, "permute", f"*reversed(range({w.atom()}.ndim))", kind=w.kind)


def take(p, b, a, w):
    counts = literal_ints(a)
    if counts is None:
        raise nonce("↑ with computed counts")
    w = p.tensor(w)
    if w.shape is not None and len(counts) <= len(w.shape) and all(abs(c) <= s for c, s in zip(counts, w.shape)):
        parts = [f":{c}" if c >= 0 else f"{c}:" for c in counts]
        shape = tuple(abs(c) for c in counts) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape)
    return call(p.use("take"), w.text, f"[{', '.join(map(str, counts))}]", kind=w.kind, rank=w.rank)


def drop(p, b, a, w):
    counts = literal_ints(a)
    if counts is None:
        raise nonce("↓ with computed counts")
    w = p.tensor(w)
    if w.rank is not None and len(counts) <= w.rank:
        parts = [f"{c}:" if c >= 0 else f":{c}" for c in counts]
        shape = None
        if w.shape is not None:
            shape = tuple(max(s - abs(c), 0) for c, s in zip(counts, w.shape)) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape)
    raise nonce("↓ on an array of unknown rank")


def tally(p, b, w):
    if w.rank is not None and w.rank >= 1:
        return call("torch.tensor", f"{w.atom()}.shape[0]", kind=C.INT, rank=0, shape=())
    if w.rank == 0:
        return Code("1", C.PYINT, C.ATOM, 0, ())
    return call(p.use("tally"), w.text, kind=C.INT, rank=0, shape=())


def enlist(p, b, w):
    return ravel(p, b, w)


def first(p, b, w):
    if w.rank == 0 or w.is_python:
        return w
    if w.shape is not None and 0 in w.shape:
        if w.kind in (C.INT, C.BOOL):  # the prototype of an empty numeric array
            return Code("torch.tensor(0)", C.INT, C.ATOM, 0, ())
        raise nonce("⊃ of an empty array (its prototype)")
    return Code(f"{p.tensor(w).atom()}.flatten()[0]", w.kind, C.ATOM, 0, ())


def left(p, b, a, w):
    return a


def right(p, b, a, w):
    return w


def _replicate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        if a.is_python:
            return method(w, "repeat_interleave", a.text, f"dim={dim}", kind=w.kind, rank=w.rank)
        if a.kind == C.BOOL:
            index = a.text if w.rank == 1 else f"..., {a.text}"
            return Code(f"{w.atom()}[{index}]", w.kind, C.ATOM, w.rank)
        counts = literal_ints(a)
        if counts is not None and any(c < 0 for c in counts):
            if w.rank is None or w.rank == 0 or (dim == 0 and w.rank != 1):
                raise nonce("/ with negative counts (fill items) here")
            # repeat |counts| times, then zero the items that negative counts stand for
            keep = ", ".join(("True" if c > 0 else "False") for c in counts for _ in range(abs(c)))
            repeats = ", ".join(str(abs(c)) for c in counts)
            items = method(w, "repeat_interleave", f"torch.tensor([{repeats}])", f"dim={dim}")
            return call("torch.where", f"torch.tensor([{keep}])", items.text, "0", kind=w.kind, rank=w.rank)
        if counts is not None:
            if set(counts) <= {0, 1} and w.rank == 1:
                mask = ", ".join("True" if c else "False" for c in counts)
                return Code(f"{w.atom()}[torch.tensor([{mask}])]", w.kind, C.ATOM, 1)
            return method(w, "repeat_interleave", a.text, f"dim={dim}", kind=w.kind, rank=w.rank)
        if a.kind in (C.INT, C.BOOL, C.NUM):
            return method(w, "repeat_interleave", method(p.tensor(a), "long").text, f"dim={dim}",
                          kind=w.kind, rank=w.rank)
        raise nonce("/ with these counts")

    return run


def match(p, b, a, w):
    return call(p.use("match"), a.text, w.text, kind=C.BOOL, rank=0, shape=())


def not_match(p, b, a, w):
    m = match(p, b, a, w)
    return call("torch.logical_not", m.text, kind=C.BOOL, rank=0, shape=())


def with_axis(p, node, b):
    """⌽[k] ⊖[k] ↑[k] ↓[k] with a literal axis: `flip`, `torch.roll` or slicing on that axis."""
    ax = p.array(node.axis, b)
    if not isinstance(node.fn, ast.PrimFn) or ax.kind != C.PYINT:
        raise nonce("a function with an axis", node)
    k = int(ax.text) - 1
    g = node.fn.glyph
    if g in ("⌽", "⊖"):
        def rev(blk, w):
            return method(p.tensor(w), "flip", str(k), kind=w.kind, rank=w.rank, shape=w.shape)

        def rot(blk, a, w):
            if a.rank != 0:
                raise nonce("rotation by an array of amounts", node)
            shift = p.function(ast.PrimFn(node.span, "-"), b).monad(blk, a)
            return call("torch.roll", p.tensor(w).text, shift.text, f"dims={k}", kind=w.kind, rank=w.rank,
                        shape=w.shape)

        return Fn(rev, rot, g)
    if g in ("↑", "↓"):
        def cut(blk, a, w):
            counts = literal_ints(a)
            if counts is None or len(counts) != 1 or w.rank is None:
                raise nonce(f"{g} with an axis and computed counts", node)
            c = counts[0]
            if g == "↓":
                part = f"{c}:" if c >= 0 else f":{c}"
            else:
                if w.shape is not None and abs(c) > w.shape[k]:
                    raise nonce("overtake with an axis", node)
                part = f":{c}" if c >= 0 else f"{c}:"
            index = ", ".join([":"] * k + [part])
            return Code(f"{p.tensor(w).atom()}[{index}]", w.kind, C.ATOM, w.rank)

        return Fn(refuse(f"monadic {g} with an axis", node), cut, g)
    raise nonce(f"{g} with an axis", node)


# ------------------------------------------------------------------ the renderings the registry names
# (apl/glyphs: "structural.reshape" is `reshape` here); the others are the functions above
reverse_last = _reverse(-1)
reverse_first = _reverse(0)
rotate_last = _rotate(-1)
rotate_first = _rotate(0)
replicate_last = _replicate(-1)
replicate_first = _replicate(0)
mix = same  # ↑ of a simple array is the array
