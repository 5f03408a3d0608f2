"""Structural functions as PyTorch code: shape, reshape, ravel, catenate, reverse, rotate,
transpose, take, drop, replicate, first, match, tally, and ⌽ ⊖ ↑ ↓ with an axis.

These rearrange items without computing new ones: most become indexing, `reshape` or `flip`
when ranks and shapes are known statically, and a helper otherwise.
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..code import Code, call, literal_ints, method
from ..fn import Fn, nonce, python_lambda, refuse
from .scalar import negate, same


def _helper(p, name, *args, kind=C.NUM, rank=None, shape=None, bound=None) -> Code:
    return call(p.use(name), *(x if isinstance(x, str) else x.text for x in args), kind=C.tensor_kind(kind), rank=rank,
                shape=shape, bound=bound)


def shape(p, b, w):
    if w.is_python:
        return Code("torch.zeros(0, dtype=torch.int64)", C.INT, C.ATOM, 1, (0,), 0.0)
    if w.shape is not None and p.fast and w.shape:  # known (a function written for these shapes)
        items = ", ".join(map(str, w.shape))
        return Code(f"torch.tensor([{items}])", C.INT, C.ATOM, 1, (len(w.shape),), float(max(w.shape)))
    return call("torch.tensor", f"{w.atom()}.shape", "dtype=torch.int64", kind=C.INT, rank=1,
                shape=None if w.rank is None else (w.rank,), bound=2.0**40)


def reshape(p, b, a, w):
    dims = literal_ints(a)
    w = p.tensor(w)
    if dims is not None and all(d >= 0 for d in dims):
        n = _prod(dims)
        size = None if w.shape is None else _prod(w.shape)
        if size == n:
            return method(w, "reshape", ", ".join(str(d) for d in dims) or "()", kind=w.kind, rank=len(dims),
                          shape=tuple(dims), bound=w.bound)
        return _helper(p, "reshape", a, w, kind=w.kind, rank=len(dims), shape=tuple(dims), bound=w.bound)
    rank = a.shape[0] if a.rank == 1 and a.shape is not None else 1 if a.rank == 0 or a.is_python else None
    return _helper(p, "reshape", a, w, kind=w.kind, rank=rank, bound=w.bound)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def ravel(p, b, w):
    w = p.tensor(w)
    size = None if w.shape is None else _prod(w.shape)
    return method(w, "flatten", kind=w.kind, rank=1, shape=None if size is None else (size,), bound=w.bound,
                  native=w.native)  # (perhaps a view of w: not fresh)


def _bound(a, w):
    return None if a.bound is None or w.bound is None else max(a.bound, w.bound)


def _joined_kind(a, w):
    return a.kind if a.kind == w.kind and a.kind in (C.INT, C.FLOAT, C.BOOL) else C.NUM


def catenate(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank == 1 and w.rank == 1 and a.kind == w.kind and a.kind in (C.INT, C.FLOAT, C.BOOL):
        n = None if a.shape is None or w.shape is None else (a.shape[0] + w.shape[0],)
        return call("torch.cat", f"[{a.text}, {w.text}]", kind=a.kind, rank=1, shape=n, bound=_bound(a, w))
    rank = None if a.rank is None or w.rank is None else max(a.rank, w.rank, 1)
    return _helper(p, "catenate", a, w, kind=_joined_kind(a, w), rank=rank, bound=_bound(a, w))


def table(p, b, w):
    w = p.tensor(w)
    if w.rank == 0:
        return method(w, "reshape", "1", "1", kind=w.kind, rank=2, shape=(1, 1), bound=w.bound)
    if w.rank == 1:
        return method(w, "reshape", "-1", "1", kind=w.kind, rank=2, bound=w.bound)
    return _helper(p, "table", w, kind=w.kind, rank=2, bound=w.bound)


def catenate_first(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank == 1 and w.rank == 1 and a.kind == w.kind and a.kind in (C.INT, C.FLOAT, C.BOOL):
        return catenate(p, b, a, w)
    rank = None if a.rank is None or w.rank is None else max(a.rank, w.rank, 1)
    return _helper(p, "catenate", a, w, "dim=0", kind=_joined_kind(a, w), rank=rank, bound=_bound(a, w))


def _reverse(dim):
    def run(p, b, w):
        if w.is_python or w.rank == 0:
            return w
        if w.rank is not None:
            return method(w, "flip", str(dim), kind=w.kind, rank=w.rank, shape=w.shape, bound=w.bound)
        return _helper(p, "reverse", w, f"dim={dim}", kind=w.kind, shape=w.shape, bound=w.bound)

    return run


def _rotate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        if a.kind == C.PYINT and w.rank is not None and w.rank >= 1:
            shift = negate(p, b, a)
            return call("torch.roll", w.text, shift.text, f"dims={dim}", kind=w.kind, rank=w.rank, shape=w.shape,
                        bound=w.bound)
        return _helper(p, "rotate", a, w, f"dim={dim}", kind=w.kind, rank=w.rank, shape=w.shape, bound=w.bound)

    return run


def transpose(p, b, w):
    if w.is_python or w.rank in (0, 1):
        return w
    if w.rank == 2:
        shape = None if w.shape is None else w.shape[::-1]
        return Code(f"{w.atom()}.T", w.kind, C.ATOM, 2, shape, w.bound)
    if w.rank is not None:
        dims = ", ".join(str(i) for i in reversed(range(w.rank)))
        shape = None if w.shape is None else w.shape[::-1]
        return method(w, "permute", dims, kind=w.kind, rank=w.rank, shape=shape, bound=w.bound)
    return _helper(p, "transpose", w, kind=w.kind, bound=w.bound)


def _int_literal(items, bound) -> Code:
    """A vector of whole numbers known when translating, as a literal (literal_ints reads it back)."""
    if not items:
        return Code("torch.zeros(0, dtype=torch.int64)", C.INT, C.ATOM, 1, (0,), 0.0)
    return Code(f"torch.tensor([{', '.join(map(str, items))}])", C.INT, C.ATOM, 1, (len(items),), bound)


def take(p, b, a, w):
    counts = literal_ints(a)
    w = p.tensor(w)
    if counts == [] and a.rank == 1:
        return w
    items = literal_ints(w) if w.rank == 1 else None
    if counts is not None and len(counts) == 1 and items is not None:  # (a literal: ×/2↑⍴⍵ of a known shape)
        n = counts[0]
        kept = (items + [0] * n)[:n] if n >= 0 else ([0] * -n + items)[n:]
        return _int_literal(kept, w.bound)
    if counts is not None and w.shape is not None and len(counts) <= len(w.shape) \
            and all(abs(c) <= s for c, s in zip(counts, w.shape)):
        parts = [f":{c}" if c >= 0 else f"{c}:" for c in counts]
        shape = tuple(abs(c) for c in counts) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape, w.bound)
    rank = None
    if counts is not None and w.rank is not None:
        rank = max(w.rank, len(counts))
    return _helper(p, "take", a, w, kind=w.kind, rank=rank, bound=w.bound)


def drop(p, b, a, w):
    counts = literal_ints(a)
    w = p.tensor(w)
    if counts == [] and a.rank == 1:
        return w
    items = literal_ints(w) if w.rank == 1 else None
    if counts is not None and len(counts) == 1 and items is not None:  # (a literal)
        n = counts[0]
        return _int_literal(items[n:] if n >= 0 else items[:max(len(items) + n, 0)], w.bound)
    if counts is not None and w.rank is not None and len(counts) <= w.rank:
        parts = [f"{c}:" if c >= 0 else f":{c}" for c in counts]
        shape = None
        if w.shape is not None:
            shape = tuple(max(s - abs(c), 0) for c, s in zip(counts, w.shape)) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape, w.bound)
    rank = None
    if counts is not None and w.rank is not None:
        rank = max(w.rank, len(counts))
    return _helper(p, "drop", a, w, kind=w.kind, rank=rank, bound=w.bound)


def tally(p, b, w):
    if w.rank is not None and w.rank >= 1:  # (a Python int, as torch's shapes are: x.sum(0) / x.shape[0])
        return Code(f"{w.atom()}.shape[0]", C.PYINT, C.ATOM, 0, (), 2.0**40)
    if w.rank == 0:
        return Code("1", C.PYINT, C.ATOM, 0, (), 1.0)
    return _helper(p, "tally", w, kind=C.INT, rank=0, shape=(), bound=2.0**40)


def enlist(p, b, w):
    return ravel(p, b, w)


def first(p, b, w):
    if w.rank == 0 or w.is_python:
        return w
    if w.shape is not None and 0 not in w.shape:
        return Code(f"{p.tensor(w).atom()}.flatten()[0]", w.kind, C.ATOM, 0, (), w.bound)
    return _helper(p, "first", w, kind=w.kind, rank=0, shape=(), bound=w.bound)


def left(p, b, a, w):
    return a


def right(p, b, a, w):
    return w


def _replicate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        counts = literal_ints(a)
        if dim not in (0, -1):  # (an axis: the helper checks it)
            counts = None
        if w.rank == 1 and counts is not None and all(0 <= c < 2**20 for c in counts):
            if a.is_python:
                return method(w, "repeat_interleave", a.text, kind=w.kind, rank=1, bound=w.bound)
            if w.shape is not None and len(counts) == w.shape[0]:
                if set(counts) <= {0, 1}:
                    mask = ", ".join("True" if c else "False" for c in counts)
                    return Code(f"{w.atom()}[torch.tensor([{mask}])]", w.kind, C.ATOM, 1, (sum(counts),), w.bound)
                return method(w, "repeat_interleave", a.text, kind=w.kind, rank=1, shape=(sum(counts),),
                              bound=w.bound)
        if w.rank == 1 and a.kind == C.BOOL and a.rank == 1 and a.shape is not None and a.shape == w.shape \
                and dim in (0, -1):
            return Code(f"{w.atom()}[{a.text}]", w.kind, C.ATOM, 1, None, w.bound)
        rank = None if w.rank is None else max(w.rank, 1)
        return _helper(p, "replicate", a, w, f"dim={dim}", kind=w.kind, rank=rank, bound=w.bound)

    return run


def transpose_dyadic(p, b, a, w):
    """a⍉w: a permutation of known axes is `permute`; diagonals and computed axes the helper."""
    perm = literal_ints(a)
    w = p.tensor(w)
    if perm is not None and w.rank == len(perm) and sorted(perm) == list(range(1, len(perm) + 1)):
        dims = [perm.index(j + 1) for j in range(len(perm))]
        if dims == list(range(len(perm))):
            return w
        shape = None if w.shape is None else tuple(w.shape[i] for i in dims)
        return method(w, "permute", ", ".join(map(str, dims)), kind=w.kind, rank=w.rank, shape=shape, bound=w.bound)
    return _helper(p, "transpose2", a, w, kind=w.kind, bound=w.bound)


def _expand(dim):
    def run(p, b, a, w):
        return _helper(p, "expand", a, w, f"dim={dim}", kind=C.tensor_kind(w.kind),
                       rank=None if w.rank is None else max(w.rank, 1), bound=w.bound)

    return run


def match(p, b, a, w):
    return _helper(p, "match", a, w, kind=C.BOOL, rank=0, shape=(), bound=1.0)


def not_match(p, b, a, w):
    m = match(p, b, a, w)
    return call("torch.logical_not", m.text, kind=C.BOOL, rank=0, shape=(), bound=1.0)


def with_axis(p, node, b):
    """⌽[k] ⊖[k] ↑[k] ↓[k] with a literal axis: `flip`, `torch.roll` or slicing on that axis."""
    ax = p.array(node.axis, b)
    if not isinstance(node.fn, ast.PrimFn):
        raise nonce("a derived function with an axis", node)
    g = node.fn.glyph
    fn = p.function(node.fn, b)
    if fn.scalar and literal_ints(ax):  # a f[k] w: the lower rank's axes matched with axes k
        axes = literal_ints(ax)

        def along(blk, a, w):
            f = python_lambda(p, blk, fn, 2, node)
            return call(p.use("along"), f, p.tensor(a).text, p.tensor(w).text, f"[{', '.join(map(str, axes))}]")

        return Fn(refuse(f"monadic {g} with an axis", node), along, g)
    if C.literal_int(ax) is None:
        raise nonce("a function with a computed or fractional axis", node)
    k = C.literal_int(ax) - 1

    def fits(w):
        """Whether axis k is one of w's, when w's rank is known."""
        return w.rank is not None and (0 <= k < w.rank or (w.rank == 0 and k == 0))

    if g in ("⌽", "⊖"):
        def rev(blk, w):
            w = p.tensor(w)
            if fits(w):
                return w if w.rank == 0 else method(w, "flip", str(k), kind=w.kind, rank=w.rank, shape=w.shape,
                                                    bound=w.bound)
            return _helper(p, "reverse", w, f"dim={k}", kind=w.kind, rank=w.rank, shape=w.shape, bound=w.bound)

        def rot(blk, a, w):
            w = p.tensor(w)
            if a.kind == C.PYINT and fits(w) and w.rank:
                shift = negate(p, blk, a)
                return call("torch.roll", w.text, shift.text, f"dims={k}", kind=w.kind, rank=w.rank, shape=w.shape,
                            bound=w.bound)
            return _helper(p, "rotate", a, w, f"dim={k}", kind=w.kind, rank=w.rank, shape=w.shape, bound=w.bound)

        return Fn(rev, rot, g)
    if g in ("/", "⌿", "\\", "⍀") and k >= 0:
        render = _replicate(k) if g in "/⌿" else _expand(k)
        return Fn(refuse(f"monadic {g} with an axis", node), lambda blk, a, w: render(p, blk, a, w), g)
    if g in (",", "⍪"):
        def join(blk, a, w):
            return _helper(p, "catenate", p.tensor(a), p.tensor(w), f"dim={k}", "axis=True",
                           kind=_joined_kind(a, w), bound=_bound(a, w))

        return Fn(refuse(f"monadic {g} with an axis", node), join, g)
    if g in ("↑", "↓"):
        def cut(blk, a, w):
            counts = literal_ints(a)
            w = p.tensor(w)
            if counts is None or len(counts) != 1 or not fits(w) or not w.rank:
                raise nonce(f"{g} with an axis and computed counts", node)
            c = counts[0]
            if g == "↓":
                part = f"{c}:" if c >= 0 else f":{c}"
            else:
                if w.shape is None or abs(c) > w.shape[k]:
                    raise nonce("take with an axis beyond a length not known", node)
                part = f":{c}" if c >= 0 else f"{c}:"
            index = ", ".join([":"] * k + [part])
            return Code(f"{w.atom()}[{index}]", w.kind, C.ATOM, w.rank, None, w.bound)

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
expand_last = _expand(-1)
expand_first = _expand(0)
mix = same  # ↑ of a simple array is the array
