"""Primitive operators and the derived functions they make.

Each operator is a function of its operands returning a `Function`; fast paths are chosen
by pattern (a scalar primitive operand lets `∘.f` broadcast and `f.g` work on whole arrays).
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, FLOAT, INT, OBJ, box, from_items, normalise, to_int, to_ints, unbox
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError, SyntaxError_
from ..settings import current
from . import reduction
from .base import Function
from .cells import build, empty_with, items_of, major_cells, mix_items, norm_axis, proto_item, prototype, unify
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
        if w.size == 0:
            return _empty_each(w.shape, lambda: f.monad(unbox(proto_item(w))))
        return build([f.monad(x) for x in items_of(w)], w.shape)

    def dyad(self, a, w):
        f = self.left
        a, w = conform(a, w)
        shape = a.shape if a.ndim else w.shape
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
    return empty_with(shape, box(prototype(np.asarray(r))))


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

    def describe(self):
        return "∘." + self.left.describe()

    def dyad(self, a, w):
        f = self.left
        if f.kernel is not None and a.dtype != OBJ and w.dtype != OBJ:
            aa = a.reshape(a.shape + (1,) * w.ndim)
            ww = w.reshape((1,) * a.ndim + w.shape)
            return np.asarray(f.kernel.dyad(aa, ww))
        xs, ys = items_of(a), items_of(w)
        return build([f.dyad(x, y) for x in xs for y in ys], a.shape + w.shape)


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
        n = a.shape[-1]
        if n != w.shape[0]:
            if n == 1:
                a = np.repeat(a, w.shape[0], axis=-1)
            elif w.shape[0] == 1:
                w = np.repeat(w, n, axis=0)
            else:
                raise LengthError("inner product: lengths differ")
        simple = a.dtype != OBJ and w.dtype != OBJ
        if simple and f.glyph == "+" and g.glyph == "×" and a.dtype.kind in "biufc" and w.dtype.kind in "biufc":
            return _matmul(a, w)
        out_shape = a.shape[:-1] + w.shape[1:]
        if simple and f.kernel is not None and g.kernel is not None and a.shape[-1] > 0:
            # broadcast g over (rows, k, cols), then reduce f along k
            aa = a.reshape(a.shape[:-1] + (a.shape[-1],) + (1,) * (w.ndim - 1))
            ww = w.reshape((1,) * (a.ndim - 1) + w.shape)
            prod = np.asarray(g.kernel.dyad(aa, ww))
            return np.asarray(reduction.reduce(f, prod, a.ndim - 1))
        rows = a.reshape(-1, a.shape[-1])
        cols = np.moveaxis(w, 0, -1).reshape(-1, w.shape[0])
        results = []
        for r in rows:
            for c in cols:
                v = g.dyad(normalise(r) if r.dtype == OBJ else r, normalise(c) if c.dtype == OBJ else c)
                red = reduction.reduce(f, v if v.ndim else v.reshape(1), 0)
                results.append(red[()] if red.dtype == OBJ and red.ndim == 0 else box(red))
        return from_items(results, out_shape)


def _matmul(a, w):
    a = a.astype(INT) if a.dtype == BOOL else a
    w = w.astype(INT) if w.dtype == BOOL else w
    if a.dtype == INT and w.dtype == INT:
        n = a.shape[-1]
        ma = int(np.max(np.abs(a))) if a.size else 0
        mw = int(np.max(np.abs(w))) if w.size else 0
        if ma * mw * max(n, 1) < 2**53:
            # exact in float64, and BLAS is far faster than numpy's integer matmul
            return np.tensordot(a.astype(FLOAT), w.astype(FLOAT), axes=([-1], [0])).astype(INT)
        if ma * mw * max(n, 1) < 2**62:
            return np.tensordot(a, w, axes=([-1], [0]))
        return np.tensordot(a.astype(FLOAT), w.astype(FLOAT), axes=([-1], [0]))
    if a.ndim <= 2 and w.ndim <= 2:
        return np.asarray(a @ w)
    return np.tensordot(a, w, axes=([-1], [0]))


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
def _rank_spec(k):
    ks = to_ints(k, "rank").reshape(-1)
    if not 1 <= ks.size <= 3:
        raise LengthError("rank takes one to three numbers")
    if ks.size == 1:
        return int(ks[0]), int(ks[0]), int(ks[0])
    if ks.size == 2:
        return int(ks[1]), int(ks[0]), int(ks[1])
    return int(ks[0]), int(ks[1]), int(ks[2])


def _cell_rank(r, rank):
    return max(0, min(rank, rank + r if r < 0 else r)) if r < 0 else min(r, rank)


def _cells(x, r):
    """Split x into a frame and a list of cells of rank r."""
    frame = x.shape[:x.ndim - r]
    flat = x.reshape((-1,) + x.shape[x.ndim - r:]) if frame else x.reshape((1,) + x.shape)
    cells = [normalise(c) if c.dtype == OBJ else np.asarray(c) for c in flat]
    if x.dtype == OBJ and r == 0:
        cells = [unbox(c[()]) if c.ndim == 0 else c for c in flat]
        cells = [c if isinstance(c, np.ndarray) else unbox(c) for c in cells]
        cells = [_as_cell(c) for c in cells]
    return frame, cells


def _as_cell(c):
    # a rank-0 cell of a nested array is the item as a scalar: an enclosure for arrays
    from ..arrays import enclose

    return enclose(c) if isinstance(c, np.ndarray) and (c.ndim > 0 or c.dtype == OBJ) else c


def _assemble(frame, results):
    """Results of cells → one array: the frame around the results, padded to one shape."""
    if not results:
        return np.zeros(frame, dtype=INT)
    return mix_items([box(r) if r.ndim or r.dtype != OBJ else r for r in results], frame)


class Rank(Derived):
    op = "⍤"

    def __init__(self, f, k):
        super().__init__(_need_fn(f, "rank"), k)
        self.spec = _rank_spec(k)

    def monad(self, w):
        r = _cell_rank(self.spec[0], w.ndim)
        frame, cells = _cells(w, r)
        return _assemble(frame, [self.left.monad(c) for c in cells])

    def dyad(self, a, w):
        ra = _cell_rank(self.spec[1], a.ndim)
        rw = _cell_rank(self.spec[2], w.ndim)
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
        return _assemble(frame, [self.left.dyad(x, y) for x, y in pairs])


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
                if done.size != 1 or not _truth(done):
                    if done.size != 1:
                        raise DomainError("power: the right operand must give a boolean scalar")
                    w = nxt
                    continue
                return nxt
            raise DomainError("power did not converge")
        n = to_int(g, "power count")
        if n < 0:
            raise NonceError("inverse functions (negative power) are not supported")
        for _ in range(n):
            w = step(w)
        return w

    def monad(self, w):
        return self._run(None, w)

    def dyad(self, a, w):
        return self._run(a, w)


def _truth(x) -> bool:
    v = x.reshape(-1)[0]
    if isinstance(v, np.ndarray) or x.dtype.kind == "U":
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
        return self._at(a, w)

    def _replacement(self, a, selected):
        if _is_fn(self.left):
            return self.left.monad(selected) if a is None else self.left.dyad(a, selected)
        return self.left

    def _at(self, a, w):
        sel = self.right
        if _is_fn(sel):
            mask = sel.monad(w)
            if mask.shape != w.shape:
                raise LengthError("@: the selection mask must have the argument's shape")
            m = to_ints(mask, "@ mask").astype(bool)
            pos = np.flatnonzero(m.reshape(-1))
            flat = w.reshape(-1)
            picked = flat[pos]
            new = self._replacement(a, normalise(picked) if picked.dtype == OBJ else picked)
            new = _fit(new, picked.shape)
            out, new = unify(flat.copy(), new.reshape(-1))
            out = out.copy()
            out[pos] = new
            return _tidy(out.reshape(w.shape))
        if sel.dtype == OBJ:
            raise NonceError("@ with nested (reach) indices is not supported")
        idx = to_ints(sel, "@ indices") - current().io
        if w.ndim == 0:
            raise RankError("@ needs an array")
        if np.any(idx < 0) or np.any(idx >= w.shape[0]):
            raise IndexError_("@ index out of range")
        from .selection import index_with

        picked = index_with(w, [sel] + [None] * (w.ndim - 1))
        new = _fit(self._replacement(a, picked), picked.shape)
        flat = idx.reshape(-1)
        out, new = unify(w.copy(), new)
        out = out.copy()
        out[flat] = new.reshape((flat.size,) + w.shape[1:])
        return _tidy(out)


def _fit(new, shape):
    if new.shape == shape:
        return new
    if new.size == 1:
        return np.broadcast_to(new.reshape(()), shape) if new.dtype != OBJ else _fill(new.reshape(())[()], shape)
    if new.ndim < len(shape) and new.shape == shape[len(shape) - new.ndim:]:
        return np.broadcast_to(new, shape)
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
        cells = major_cells(keys if keys.ndim else keys.reshape(1))
        from .cells import cell_key

        order: dict = {}
        for i, c in enumerate(cells):
            order.setdefault(cell_key(c), (c, []))[1].append(i)
        return list(order.values())

    def monad(self, w):
        io = current().io
        results = [self.left.dyad(_key_cell(k), np.array(ix, dtype=INT) + io) for k, ix in self._groups(w)]
        return _assemble((len(results),), results)

    def dyad(self, a, w):
        if (a.shape[0] if a.ndim else 1) != (w.shape[0] if w.ndim else 1):
            raise LengthError("key: arguments differ in length")
        results = [self.left.dyad(_key_cell(k), w[np.array(ix)]) for k, ix in self._groups(a)]
        return _assemble((len(results),), results)


def _key_cell(c):
    if c.dtype == OBJ and c.ndim == 0:
        return c
    return c


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
    if glyph == "⍤":
        return Atop(left, right) if _is_fn(right) else Rank(left, right)
    if glyph == "⍣":
        return Power(left, right)
    if glyph == "@":
        return At(left, right)
    raise NonceError(f"the operator {glyph} is not supported")


