"""Primitive operators and the derived functions they make.

Each operator is a function of its operands returning a `Function`; fast paths are chosen
by pattern (a scalar primitive operand lets `∘.f` broadcast and `f.g` work on whole arrays).
"""
from __future__ import annotations

import itertools
import math

import numpy as np

from ..arrays import (
    BOOL,
    FLOAT,
    INT,
    OBJ,
    box,
    enclose,
    from_items,
    host_values,
    index_for,
    int_list,
    normalise,
    to_int,
    to_ints,
    unbox,
)
from ..backends import anyb, arr, as_bool, as_int, backend_of, coerce, is_array, is_tensor, kind, namespace, size, widen
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError, SyntaxError_
from ..settings import current
from . import reduction
from .base import Function, Operator
from .cells import (
    build,
    empty_with,
    fill_cells,
    items_of,
    major_cells,
    mix_items,
    norm_axis,
    proto_item,
    prototype,
    unify,
)
from .pervade import conform


def _is_fn(x):
    return isinstance(x, Function)


def _need_fn(x, what):
    if not _is_fn(x):
        raise SyntaxError_(f"{what} needs a function operand")
    return x


class Derived(Function):
    """A derived function: knows its operator and operands for display and fast paths."""

    op = "?"

    def __init__(self, left, right=None):
        self.left, self.right = left, right

    def describe(self):
        def d(x):
            return x.describe() if _is_fn(x) else "array"

        return d(self.left) + self.op + (d(self.right) if self.right is not None else "")


# ------------------------------------------------------------------ / ⌿ \ ⍀
class Reduce(Derived):
    def __init__(self, f, first=False, axis=None):
        super().__init__(_need_fn(f, "reduce"))
        self.first, self.axis = first, axis
        self.op = "⌿" if first else "/"

    def _k(self, w):
        if self.axis is not None:
            return norm_axis(self.axis, w.ndim)
        return 0 if self.first else max(w.ndim - 1, 0)

    def monad(self, w):
        return reduction.reduce(self.left, w, self._k(w))

    def dyad(self, a, w):
        return reduction.nwise(self.left, a, w, self._k(w if w.ndim else w.reshape(1)))


class Scan(Derived):
    def __init__(self, f, first=False, axis=None):
        super().__init__(_need_fn(f, "scan"))
        self.first, self.axis = first, axis
        self.op = "⍀" if first else "\\"

    def monad(self, w):
        if w.ndim == 0:
            return w
        k = norm_axis(self.axis, w.ndim) if self.axis is not None else (0 if self.first else w.ndim - 1)
        return reduction.scan(self.left, w, k)


# ------------------------------------------------------------------ ¨
class Each(Derived):
    op = "¨"

    def __init__(self, f):
        super().__init__(_need_fn(f, "each"))

    def monad(self, w):
        f = self.left
        monadic_scalar = f.kernel is None or f.kernel.monad is not None  # monadic ≠ is not scalar
        if f.pervasive and monadic_scalar and size(w) and w.dtype != OBJ:
            return f.monad(w)  # f¨ of a pervasive f is f itself, on the whole array at once
        if size(w) == 0:
            return _empty_each(tuple(w.shape), lambda: f.monad(unbox(proto_item(w))))
        return build([f.monad(x) for x in items_of(w)], tuple(w.shape))

    def dyad(self, a, w):
        f = self.left
        dyad_pervasive = f.pervasive if f.kernel is not None else getattr(f, "pervasive_dyad", False)
        if dyad_pervasive and size(a) and size(w) and a.dtype != OBJ and w.dtype != OBJ:
            return f.dyad(a, w)
        a, w = conform(a, w)
        shape = tuple(a.shape if a.ndim else w.shape)
        if a.ndim == 0 and w.ndim == 0:
            return build([f.dyad(unbox(a[()]), unbox(w[()]))], ())
        xs = items_of(a) if a.ndim else [unbox(a[()])] * int(np.prod(shape))
        ys = items_of(w) if w.ndim else [unbox(w[()])] * int(np.prod(shape))
        if not xs:
            return _empty_each(shape, lambda: f.dyad(unbox(proto_item(a)), unbox(proto_item(w))))
        return build([f.dyad(x, y) for x, y in zip(xs, ys)], shape)


def _empty_each(shape, on_prototype):
    """f¨ of an empty array: empty, with the prototype of f applied to the argument's prototype."""
    from ..errors import APLError

    try:
        r = on_prototype()
    except APLError:
        return np.zeros(shape, dtype=INT)
    return empty_with(shape, box(prototype(r if is_array(r) else np.asarray(r))))


# ------------------------------------------------------------------ ⍨
class Commute(Derived):
    op = "⍨"

    def monad(self, w):
        if not _is_fn(self.left):
            return self.left
        return self.left.dyad(w, w)

    def dyad(self, a, w):
        if not _is_fn(self.left):
            return self.left
        return self.left.dyad(w, a)


# ------------------------------------------------------------------ ∘.
class Outer(Derived):
    op = "∘."

    def __init__(self, f):
        super().__init__(_need_fn(f, "outer product"))
        self._last = (None, None)  # (argument, its items): a literal left argument repeats

    def describe(self):
        return "∘." + self.left.describe()

    def _items(self, x):
        last, its = self._last
        if x is not last:
            its = items_of(x)
            if len(its) <= 64:
                self._last = (x, its)  # holding x keeps its identity from being reused
        return its

    def dyad(self, a, w):
        f = self.left
        if f.kernel is not None and a.dtype != OBJ and w.dtype != OBJ:
            if type(a) is not type(w):
                a, w = coerce(a, w)
            aa = a.reshape(tuple(a.shape) + (1,) * w.ndim)
            ww = w.reshape((1,) * a.ndim + tuple(w.shape))
            return arr(f.kernel.dyad(aa, ww))
        xs, ys = self._items(a), items_of(w)
        fd = f.dyad
        return build([fd(x, y) for x in xs for y in ys], tuple(a.shape) + tuple(w.shape))


# ------------------------------------------------------------------ f.g
class Inner(Derived):
    op = "."

    def __init__(self, f, g):
        super().__init__(_need_fn(f, "inner product"), _need_fn(g, "inner product"))

    def dyad(self, a, w):
        f, g = self.left, self.right
        if a.ndim == 0:
            a = a.reshape(1)
        if w.ndim == 0:
            w = w.reshape(1)
        simple = a.dtype != OBJ and w.dtype != OBJ
        if simple and type(a) is not type(w):
            a, w = coerce(a, w)
        n = a.shape[-1]
        if n != w.shape[0]:
            if n == 1:
                a = _xpo(a).repeat(a, w.shape[0], axis=-1)
            elif w.shape[0] == 1:
                w = _xpo(w).repeat(w, n, axis=0)
            else:
                raise LengthError("inner product: lengths differ")
        if simple and f.glyph == "+" and g.glyph == "×" and kind(a) in "biufc" and kind(w) in "biufc":
            return _matmul(a, w)
        out_shape = tuple(a.shape[:-1]) + tuple(w.shape[1:])
        if simple and f.kernel is not None and g.kernel is not None and a.shape[-1] > 0:
            compiled = _inner_kernel(f, g, a, w, out_shape)
            return compiled if compiled is not None else _inner_broadcast(f, g, a, w)
        if a.ndim == 1 and w.ndim == 1:
            pairs = list(zip(items_of(a), items_of(w))) if f.kernel is not None and g.kernel is not None else ()
            if pairs:
                # two vectors, one nested, scalar f and g: f/ of the pairs' g, folded as it goes
                x, y = pairs[-1]
                acc = g.dyad(x, y)
                for x, y in reversed(pairs[:-1]):
                    acc = f.dyad(g.dyad(x, y), acc)
                return enclose(acc)
            v = g.dyad(a, w)  # two vectors: f/ of their pairs
            return reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
        if a.shape[-1] == 0:
            # no pairs to combine: every result item is f/ of g between an empty row and column
            v = g.dyad(_empty_row(a), _empty_row(w))
            red = reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
            from .cells import filled

            return filled(out_shape, red[()] if red.dtype == OBJ and red.ndim == 0 else box(red), red)
        rows = a.reshape(-1, a.shape[-1])
        cols = _xpo(w).moveaxis(w, 0, -1).reshape(-1, w.shape[0])
        results = []
        for r in rows:
            for c in cols:
                v = g.dyad(normalise(r) if r.dtype == OBJ else r, normalise(c) if c.dtype == OBJ else c)
                red = reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
                results.append(red[()] if red.dtype == OBJ and red.ndim == 0 else box(red))
        return from_items(results, out_shape)


def _empty_row(x):
    """A length-0 vector with x's prototype (a row or column of x along an empty axis)."""
    from .cells import empty_with, proto_item

    if x.dtype == OBJ:
        return empty_with((0,), proto_item(x))
    return x.reshape(-1)[:0]


_INNER_CHUNK = 1 << 24  # items of g's broadcast result computed at once by a general f.g


def _xpo(x):
    return np if x.dtype == OBJ else namespace(x)


def _inner_broadcast(f, g, a, w):
    """A f.g B for scalar f and g: g broadcast over (rows, k, cols), then f reduced along k;
    in chunks of rows, so that the intermediate array stays bounded (never a loop over items)."""
    xp = namespace(a, w)
    k = a.shape[-1]
    lead = tuple(a.shape[:-1])
    trail = tuple(w.shape[1:])
    rows = a.reshape(-1, k)
    ww = w.reshape((1, k) + (trail or ()))
    per_row = k * max(int(np.prod(trail, dtype=INT)), 1)
    step = max(1, _INNER_CHUNK // max(per_row, 1))
    parts = []
    for s in range(0, rows.shape[0], step):
        r = rows[s:s + step]
        aa = r.reshape(tuple(r.shape) + (1,) * len(trail))
        prod = arr(g.kernel.dyad(aa, ww))
        parts.append(arr(reduction.reduce(f, prod, 1)))
    if len(parts) == 1:
        out = parts[0]
    elif not parts:
        out = arr(reduction.reduce(f, arr(g.kernel.dyad(rows.reshape((0, k) + (1,) * len(trail)), ww)), 1))
    else:
        from .cells import unify

        out = xp.concat(unify(*parts), axis=0)
    return out.reshape(lead + trail)


def _inner_kernel(f, g, a, w, out_shape):
    """f.g of NumPy arrays big enough to repay a compiled kernel: O(n²) memory, no n³ temporary.

    None when the kernel does not apply; the caller then broadcasts."""
    if not (isinstance(a, np.ndarray) and isinstance(w, np.ndarray)):
        return None
    if a.dtype not in (BOOL, INT, FLOAT) or w.dtype not in (BOOL, INT, FLOAT):
        return None
    from .. import kernels

    if f.glyph not in kernels.INNER_GLYPHS or g.glyph not in kernels.INNER_GLYPHS:
        return None
    k = w.shape[0]
    work = (a.size // k) * w.size  # rows × k × cols
    if work < (2**16 if kernels.available() else 2**22):
        return None  # small products: broadcasting is quicker than importing or compiling
    r = kernels.inner(f.glyph, g.glyph, a.reshape(-1, k), w.reshape(k, -1), ct=current().ct)
    return None if r is None else r.reshape(out_shape)


def _matmul(a, w):
    return _finite_product(_matmul_raw(a, w))


def _finite_product(r):
    """A float or complex matrix product checked once, on the result: Dyalog never yields ∞ or
    NaN (1E300+.×1E300 is a DOMAIN ERROR, as 1E300×1E300 is)."""
    r = arr(r)
    if kind(r) in "fc" and size(r):
        if type(r) is np.ndarray:
            with np.errstate(all="ignore"):
                # one pass, no mask: ∞ or NaN anywhere shows in the sum (row sums by BLAS, the
                # quickest pass); only a sum that overflows takes the exact check below
                n = r.shape[-1] if r.ndim >= 2 else 0
                total = (r.reshape(-1, n) @ np.ones(n, dtype=r.real.dtype)).sum() if n > 1 else r.sum()
                if math.isfinite(abs(total)):
                    return r
        if not backend_of(r).all_finite(r):  # the sum overflowed, or ∞ or NaN is there
            raise DomainError("result is not a finite number")
    return r


def _matmul_raw(a, w):
    a = as_int(a) if kind(a) == "b" else widen(a)
    w = as_int(w) if kind(w) == "b" else widen(w)
    xp = namespace(a, w)
    if kind(a) == "i" and kind(w) == "i":
        n = a.shape[-1]
        ma = int(xp.max(xp.abs(a))) if size(a) else 0
        mw = int(xp.max(xp.abs(w))) if size(w) else 0
        if ma * mw * max(n, 1) < 2**53:
            # exact in float64, and BLAS is far faster than integer matmul
            f64 = xp.float64
            return as_int(xp.tensordot(a.astype(f64) if type(a) is np.ndarray else a.to(f64),
                                       w.astype(f64) if type(w) is np.ndarray else w.to(f64), axes=([-1], [0])))
        if ma * mw * max(n, 1) < 2**62:
            return backend_of(a, w).int_tensordot(a, w)
        from ..backends import as_float

        return xp.tensordot(as_float(a), as_float(w), axes=([-1], [0]))
    if a.dtype != w.dtype:
        from .cells import unify

        a, w = unify(a, w)
    with np.errstate(over="ignore", invalid="ignore"):  # the result is checked instead
        if a.ndim <= 2 and w.ndim <= 2:
            return arr(xp.matmul(a, w))
        return xp.tensordot(a, w, axes=([-1], [0]))


# ------------------------------------------------------------------ ∘
class Compose(Derived):
    op = "∘"

    def __init__(self, left, right):
        if not _is_fn(left) and not _is_fn(right):
            raise SyntaxError_("∘ needs at least one function operand")
        super().__init__(left, right)

    def monad(self, w):
        f, g = self.left, self.right
        if not _is_fn(f):
            return g.dyad(f, w)
        if not _is_fn(g):
            return f.dyad(w, g)
        return f.monad(g.monad(w))

    def dyad(self, a, w):
        f, g = self.left, self.right
        if not _is_fn(f) or not _is_fn(g):
            raise SyntaxError_("a bound function (A∘f or f∘B) is monadic")
        return f.dyad(a, g.monad(w))


# ------------------------------------------------------------------ f⍤g and (f g) trains
class Atop(Derived):
    op = "⍤"

    def __init__(self, f, g):
        super().__init__(_need_fn(f, "atop"), _need_fn(g, "atop"))

    def monad(self, w):
        return self.left.monad(self.right.monad(w))

    def dyad(self, a, w):
        return self.left.monad(self.right.dyad(a, w))


class Fork(Function):
    """(f g h) and (A g h): g applied to the results of f and h."""

    def __init__(self, f, g, h):
        self.f, self.g, self.h = f, g, h

    def describe(self):
        left = self.f.describe() if _is_fn(self.f) else "array"
        return f"({left} {self.g.describe()} {self.h.describe()})"

    def monad(self, w):
        r = self.h.monad(w)
        left = self.f.monad(w) if _is_fn(self.f) else self.f
        return self.g.dyad(left, r)

    def dyad(self, a, w):
        r = self.h.dyad(a, w)
        left = self.f.dyad(a, w) if _is_fn(self.f) else self.f
        return self.g.dyad(left, r)


# ------------------------------------------------------------------ ⍥
class Over(Derived):
    op = "⍥"

    def __init__(self, f, g):
        super().__init__(_need_fn(f, "over"), _need_fn(g, "over"))

    def monad(self, w):
        return self.left.monad(self.right.monad(w))

    def dyad(self, a, w):
        return self.left.dyad(self.right.monad(a), self.right.monad(w))


# ------------------------------------------------------------------ ⍤
class Behind(Derived):
    """f⍛g (Dyalog 20): X f⍛g Y is (f X) g Y, and f⍛g Y is (f Y) g Y."""

    op = "⍛"

    def __init__(self, f, g):
        super().__init__(_need_fn(f, "behind"), _need_fn(g, "behind"))

    def monad(self, w):
        return self.right.dyad(self.left.monad(w), w)

    def dyad(self, a, w):
        return self.right.dyad(self.left.monad(a), w)


def _rank_spec(k):
    ks = int_list(k, "rank")
    if not 1 <= len(ks) <= 3:
        raise LengthError("rank takes one to three numbers")
    if len(ks) == 1:
        return ks[0], ks[0], ks[0]
    if len(ks) == 2:
        return ks[1], ks[0], ks[1]
    return ks[0], ks[1], ks[2]


def _cell_rank(r, rank):
    return max(0, min(rank, rank + r if r < 0 else r)) if r < 0 else min(r, rank)


def _cells(x, r):
    """Split x into a frame and a list of cells of rank r."""
    frame = tuple(x.shape[:x.ndim - r])
    count = math.prod(frame)  # not -1: that cannot place the cells of an empty array
    flat = x.reshape((count,) + tuple(x.shape[x.ndim - r:])) if frame else x.reshape((1,) + tuple(x.shape))
    if is_tensor(flat):
        return frame, list(flat)
    if x.dtype != OBJ or r != 0:
        cells = [normalise(c) if c.dtype == OBJ else np.asarray(c) for c in flat]
    else:
        cells = [unbox(c[()]) if isinstance(c, np.ndarray) and c.ndim == 0 else c for c in flat]
        cells = [c if is_array(c) else unbox(c) for c in cells]
        cells = [_as_cell(c) for c in cells]
    return frame, cells


def _as_cell(c):
    # a rank-0 cell of a nested array is the item as a scalar: an enclosure for arrays
    from ..arrays import enclose

    return enclose(c) if is_array(c) and (c.ndim > 0 or c.dtype == OBJ) else c


def _assemble(frame, results):
    """Results of cells → one array: the frame around the results, padded to one shape."""
    if not results:
        return np.zeros(frame, dtype=INT)
    return mix_items([box(r) if r.ndim or r.dtype != OBJ else r for r in results], frame)


class Stencil(Derived):
    """f⌺s: f applied to the neighbourhood of each item, ⍺ telling how many fill items it holds.

    The window has an odd size per leading axis (a 2-row right operand gives sizes and steps);
    positions past the edges hold the array's fill, and ⍺ has one number per axis: positive for
    fill before the array, negative for fill after it (Dyalog's convention)."""

    op = "⌺"

    def __init__(self, f, spec):
        super().__init__(_need_fn(f, "stencil"), spec)
        if _is_fn(spec):
            raise SyntaxError_("⌺ needs an array right operand")
        ks = to_ints(spec, "stencil size")
        if ks.ndim <= 1:
            sizes, steps = [int(x) for x in int_list(ks.reshape(-1))], None
        elif ks.ndim == 2 and ks.shape[0] == 2:
            rows = int_list(ks.reshape(-1))
            n = len(rows) // 2
            sizes, steps = rows[:n], rows[n:]
        else:
            raise RankError("the right operand of ⌺ is a vector or a 2-row matrix")
        if any(s < 1 for s in sizes) or (steps and any(t < 1 for t in steps)):
            raise DomainError("stencil sizes and steps must be positive")
        self.sizes, self.steps = sizes, steps or [1] * len(sizes)

    def monad(self, w):
        k = len(self.sizes)
        if k > w.ndim:
            raise LengthError("⌺: more window sizes than axes")
        # A window of size s starts ⌊(s-1)÷2 before its centre; odd windows are centred on each
        # item, even ones on the gap after it, so their centres stop one item short of the end.
        shape = tuple(w.shape)
        pre = [(s - 1) // 2 for s in self.sizes]
        counts = [max(0, 1 + (n - 2 + s % 2) // t) for n, s, t in zip(shape, self.sizes, self.steps)]
        post = [max(0, (c - 1) * t - p + s - n) for c, t, p, s, n in zip(counts, self.steps, pre, self.sizes, shape)]
        padded_shape = tuple(n + p + q for n, p, q in zip(shape[:k], pre, post)) + shape[k:]
        padded = fill_cells(w, padded_shape)
        padded, w_ = unify(padded, w)
        padded = padded.copy() if hasattr(padded, "copy") else padded.clone()
        padded[tuple(slice(h, h + n) for h, n in zip(pre, shape[:k]))] = w_
        ranges = [range(0, c * t, t) for c, t in zip(counts, self.steps)]
        if 0 in counts:  # no windows: f on a window of fill gives the result's cell shape
            return _empty_frame(tuple(counts), lambda: self.left.dyad(
                np.zeros(k, dtype=INT), fill_cells(w, tuple(self.sizes) + shape[k:])))
        results = []
        for idx in itertools.product(*ranges):
            cell = padded[tuple(slice(i, i + s) for i, s in zip(idx, self.sizes))]
            fill = [max(h - i, 0) or -max(i - h + s - n, 0) for i, h, s, n in zip(idx, pre, self.sizes, shape)]
            cell = normalise(cell) if cell.dtype == OBJ else cell
            results.append(self.left.dyad(np.array(fill, dtype=INT), cell))
        return _assemble(tuple(len(r) for r in ranges), results)


class Rank(Derived):
    op = "⍤"

    def __init__(self, f, k):
        super().__init__(_need_fn(f, "rank"), k)
        self.spec = _rank_spec(k)

    def monad(self, w):
        if self.left.kernel is not None and self.left.kernel.monad is not None and w.dtype != OBJ and size(w):
            return self.left.monad(w)  # a scalar function's cells are its items: f⍤k is f
        r = _cell_rank(self.spec[0], w.ndim)
        frame, cells = _cells(w, r)
        if not cells:
            return _empty_frame(frame, lambda: self.left.monad(_proto_cell(w, r)))
        return _assemble(frame, [self.left.monad(c) for c in cells])

    def dyad(self, a, w):
        ra = _cell_rank(self.spec[1], a.ndim)
        rw = _cell_rank(self.spec[2], w.ndim)
        batched = _batched_matmul(self.left, a, w, ra, rw)
        if batched is not None:
            return batched
        broadcast = _scalar_by_frames(self.left, a, w, ra, rw)
        if broadcast is not None:
            return broadcast
        fa, ca = _cells(a, ra)
        fw, cw = _cells(w, rw)
        if fa == fw:
            pairs = zip(ca, cw)
            frame = fa
        elif not fa:
            pairs = ((ca[0], c) for c in cw)
            frame = fw
        elif not fw:
            pairs = ((c, cw[0]) for c in ca)
            frame = fa
        elif len(fa) != len(fw):
            raise RankError("rank: frames differ")
        else:
            raise LengthError("rank: frames differ")
        if 0 in frame:
            return _empty_frame(frame, lambda: self.left.dyad(_proto_cell(a, ra), _proto_cell(w, rw)))
        return _assemble(frame, [self.left.dyad(x, y) for x, y in pairs])


def _scalar_by_frames(f, a, w, ra, rw):
    """A f⍤ra rw⊢W for a scalar f on simple arrays: each argument broadcast to the common frame
    and cell (a frame or cell shared whole, or absent), then f once on the whole arrays —
    the same pairs the cell-by-cell definition makes (`X-⍤1⊢mean` centres every row at once)."""
    if f.kernel is None or f.kernel.dyad is None or a.dtype == OBJ or w.dtype == OBJ or not size(a) or not size(w):
        return None
    fa, ca = tuple(a.shape[:a.ndim - ra]), tuple(a.shape[a.ndim - ra:])
    fw, cw = tuple(w.shape[:w.ndim - rw]), tuple(w.shape[w.ndim - rw:])
    if not (fa == fw or not fa or not fw) or not (ca == cw or not ca or not cw):
        return None  # the general path gives the error (or the unit extension) Dyalog gives
    frame, cell = max(fa, fw, key=len), max(ca, cw, key=len)
    if type(a) is not type(w):
        a, w = coerce(a, w)

    def spread(x, fx, cx):
        x = x.reshape(tuple(fx or (1,) * len(frame)) + tuple(cx or (1,) * len(cell)))
        return _xpo(x).broadcast_to(x, frame + cell) if x.shape != frame + cell else x

    return f.dyad(spread(a, fa, ca), spread(w, fw, cw))


def _proto_cell(x, r):
    """A cell of rank r made of x's fill (what f meets when x has no cells)."""
    return fill_cells(x, tuple(x.shape[x.ndim - r:]) if r else ())


def _empty_frame(frame, apply):
    """No cells: as Dyalog, f applied to a prototype cell gives the shape and fill of the
    (empty) result; if f fails on it, the result is just the empty frame."""
    from ..errors import APLError

    try:
        proto = apply()
    except APLError:
        return np.zeros(frame, dtype=INT)
    if not is_array(proto):
        return np.zeros(frame, dtype=INT)
    return fill_cells(proto, tuple(frame) + tuple(proto.shape))


def _batched_matmul(f, a, w, ra, rw):
    """(+.×⍤2) on stacks of float matrices: one batched matrix product over the frames."""
    if not (isinstance(f, Inner) and f.left.glyph == "+" and f.right.glyph == "×") or ra != 2 or rw != 2:
        return None
    if a.dtype == OBJ or w.dtype == OBJ or kind(a) not in "fc" or kind(w) not in "fc":
        return None
    fa, fw = tuple(a.shape[:-2]), tuple(w.shape[:-2])
    if (fa != fw and fa and fw) or a.shape[-1] != w.shape[-2] or size(a) == 0 or size(w) == 0:
        return None
    if type(a) is not type(w):
        a, w = coerce(a, w)
    if a.dtype != w.dtype:
        from .cells import unify

        a, w = unify(a, w)
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite_product(namespace(a, w).matmul(a, w))


# ------------------------------------------------------------------ ⍣
class Power(Derived):
    op = "⍣"

    def __init__(self, f, g):
        super().__init__(_need_fn(f, "power"), g)

    def _step(self, a):
        f = self.left
        return f.monad if a is None else (lambda x: f.dyad(a, x))

    def _run(self, a, w):
        step = self._step(a)
        g = self.right
        if _is_fn(g):
            for _ in range(10_000_000):
                nxt = step(w)
                done = g.dyad(nxt, w)
                if size(done) != 1 or not _truth(done):
                    if size(done) != 1:
                        raise DomainError("power: the right operand must give a boolean scalar")
                    w = nxt
                    continue
                return nxt
            raise DomainError("power did not converge")
        n = to_int(g, "power count")
        if n < 0:
            from .inverse import inverse

            step = inverse(self.left if a is None else Compose(a, self.left))
            n = -n
        for _ in range(n):
            w = step(w)
        return w

    def monad(self, w):
        return self._run(None, w)

    def dyad(self, a, w):
        return self._run(a, w)


def _truth(x) -> bool:
    v = x.reshape(-1)[0]
    if is_tensor(v):
        v = complex(v) if kind(v) == "c" else float(v)  # control flow reads the scalar
    elif isinstance(v, np.ndarray) or kind(x) == "U" or is_tensor(v):
        raise DomainError("expected a boolean")
    if v not in (0, 1):
        raise DomainError("expected a boolean")
    return bool(v)


# ------------------------------------------------------------------ @
class At(Derived):
    op = "@"

    def monad(self, w):
        return self._at(None, w)

    def dyad(self, a, w):
        if not _is_fn(self.left):  # A@g derives a monadic function only
            raise SyntaxError_(f"{self.describe()} has no dyadic form")
        return self._at(a, w)

    def _replacement(self, a, selected):
        if _is_fn(self.left):
            return self.left.monad(selected) if a is None else self.left.dyad(a, selected)
        return self.left

    def _at(self, a, w):
        sel = self.right
        if _is_fn(sel):
            mask = sel.monad(w)
            if tuple(mask.shape) != tuple(w.shape):
                raise LengthError("@: the selection mask must have the argument's shape")
            m = to_ints(mask, "@ mask")
            if anyb((m != 0) & (m != 1)):
                raise DomainError("@: the selection function must give booleans")
            m = as_bool(m)
            pos = namespace(m).nonzero(m.reshape(-1))[0]
            flat = w.reshape(-1)
            pos = index_for(pos, flat)
            picked = flat[pos]
            new = self._replacement(a, normalise(picked) if picked.dtype == OBJ else picked)
            new = _fit(new, tuple(picked.shape))
            out, new = unify(flat, new.reshape(-1))
            out = _copy(out)
            out[index_for(pos, out)] = new
            return _tidy(out.reshape(tuple(w.shape)))
        if sel.dtype == OBJ and normalise(sel).dtype == OBJ:
            return self._at_choose(a, w, sel)
        if sel.dtype == OBJ:
            sel = normalise(sel)
        idx = to_ints(sel, "@ indices") - current().io
        if w.ndim == 0:
            raise RankError("@ needs an array")
        if anyb((idx < 0) | (idx >= w.shape[0])):
            raise IndexError_("@ index out of range")
        from .selection import index_with

        picked = index_with(w, [sel] + [None] * (w.ndim - 1))
        new = _fit(self._replacement(a, picked), tuple(picked.shape))
        out, new = unify(w, new)
        out = _copy(out)
        flat = index_for(idx.reshape(-1), out)
        out[flat] = new.reshape((flat.shape[0],) + tuple(w.shape[1:]))
        return _tidy(out)

    def _at_choose(self, a, w, sel):
        """A@I with I nested: each item of I is one element's index vector (choose indexing),
        or a path of them reaching into the items of w (reach indexing)."""
        from .selection import assign_reach, index_with

        picked = index_with(w, [sel])
        if any(unbox(x).dtype == OBJ and normalise(unbox(x)).dtype == OBJ or size(unbox(x)) != w.ndim
               for x in sel.reshape(-1)):
            new = _fit(self._replacement(a, picked), tuple(np.shape(picked)))
            return _tidy(assign_reach(w, sel, new))
        lin = np.arange(size(w), dtype=INT).reshape(tuple(w.shape))
        pos = np.asarray(index_with(lin, [sel]), dtype=INT).reshape(-1)
        new = _fit(self._replacement(a, picked), tuple(np.shape(picked)))
        flat = w.reshape(-1)
        out, new = unify(flat, new.reshape(-1))
        out = _copy(out)
        out[index_for(pos, out)] = new
        return _tidy(out.reshape(tuple(w.shape)))


def _copy(x):
    return x.clone() if is_tensor(x) else x.copy()


def _fit(new, shape):
    if tuple(new.shape) == shape:
        return new
    if size(new) == 1:
        if new.dtype == OBJ:
            return _fill(new.reshape(())[()], shape)
        return _xpo(new).broadcast_to(new.reshape(()), shape)
    if new.ndim < len(shape) and tuple(new.shape) == shape[len(shape) - new.ndim:]:
        return _xpo(new).broadcast_to(new, shape)
    raise LengthError("@: replacement does not fit the selection")


def _fill(item, shape):
    out = np.empty(shape, dtype=OBJ)
    for i in np.ndindex(*shape):
        out[i] = item
    return out


def _tidy(x):
    return normalise(x) if x.dtype == OBJ else x


# ------------------------------------------------------------------ ⌸
class Key(Derived):
    op = "⌸"

    def __init__(self, f):
        super().__init__(_need_fn(f, "key"))

    def _groups(self, keys):
        """(key cell, indices of its major cells) for each distinct cell in order of first
        appearance; cells match as ≡ does (tolerantly), through one whole-array search."""
        from .selection import _first_index

        k = keys if keys.ndim else keys.reshape(1)
        cells = major_cells(k)
        firsts = host_values(_first_index(k, k)).tolist()
        order: dict = {}
        for i, f in enumerate(firsts):
            order.setdefault(f, []).append(i)
        return [(cells[f], ix) for f, ix in order.items()]

    def monad(self, w):
        io = current().io
        results = [self.left.dyad(_key_cell(k), index_for(np.array(ix, dtype=INT) + io, w))
                   for k, ix in self._groups(w)]
        return _assemble((len(results),), results)

    def dyad(self, a, w):
        if (a.shape[0] if a.ndim else 1) != (w.shape[0] if w.ndim else 1):
            raise LengthError("key: arguments differ in length")
        if w.ndim == 0:
            w = w.reshape(1)  # as a scalar key: one major cell, so ⍵ is a 1-item vector
        results = [self.left.dyad(_key_cell(k), w[index_for(np.array(ix), w)]) for k, ix in self._groups(a)]
        return _assemble((len(results),), results)


def _key_cell(c):
    if c.dtype == OBJ and c.ndim == 0:
        return c
    return c


# ------------------------------------------------------------------ right operand currying
class Curried(Operator):
    """A dyadic operator bound to its right operand: a monadic operator (inv←⍣¯1, (@2 4))."""

    arity = 1

    def __init__(self, derive):
        self._derive = derive

    def derive(self, left, right=None, axis=None):
        if axis is not None:
            raise SyntaxError_("a curried operator takes no axis")
        return self._derive(left)

    def __repr__(self):
        return "<APL operator (curried)>"


# ------------------------------------------------------------------ table of operators
def make_derived(glyph, left, right=None, axis=None) -> Function:
    """Apply a primitive operator to its operands."""
    if glyph in ("/", "⌿"):
        return Reduce(left, first=glyph == "⌿", axis=axis)
    if glyph in ("\\", "⍀"):
        return Scan(left, first=glyph == "⍀", axis=axis)
    if axis is not None:
        raise SyntaxError_(f"{glyph} takes no axis")
    if glyph == "¨":
        return Each(left)
    if glyph == "⍨":
        return Commute(left)
    if glyph == "∘.":
        return Outer(left)
    if glyph == "⌸":
        return Key(left)
    if glyph == ".":
        return Inner(left, right)
    if glyph == "∘":
        return Compose(left, right)
    if glyph == "⍥":
        return Over(left, right)
    if glyph == "⍛":
        return Behind(left, right)
    if glyph == "⍤":
        return Atop(left, right) if _is_fn(right) else Rank(left, right)
    if glyph == "⍣":
        return Power(left, right)
    if glyph == "@":
        return At(left, right)
    if glyph == "⌺":
        return Stencil(left, right)
    raise NonceError(f"the operator {glyph} is not supported")


