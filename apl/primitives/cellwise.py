"""Operators that apply a function to parts of an array and assemble the results: each ¨ (items),
rank f⍤k (cells), stencil ⌺ (windows) and key ⌸ (groups of major cells).

The results are put together as mix would (`_assemble`); with no parts at all, f applied to a
prototype part gives the result's shape and fill, as in Dyalog. Scalar functions skip the
parts: f¨ and f⍤k of a pervasive f run on the whole array, a scalar f with a rank broadcasts.
"""
from __future__ import annotations

import itertools
import math

import numpy as np

from ..arrays import INT, OBJ, box, enclose, host_values, index_for, int_list, normalise, to_ints, unbox
from ..backends import backend_of, coerce, is_array, kind, namespace, size
from ..errors import APLError, DomainError, LengthError, RankError, SyntaxError_
from ..settings import current
from . import chunked
from .base import Derived, is_function, need_function
from .cell_search import first_index
from .cells import build, empty_with, fill_cells, items_of, major_cells, mix_items, proto_item, prototype, unify, xp_of
from .composition import Atop
from .pervade import conform
from .products import Inner, finite_product


# ------------------------------------------------------------------ ¨
class Each(Derived):
    op = "¨"

    def __init__(self, f):
        super().__init__(need_function(f, "each"))

    def monad(self, w):
        f = self.left
        monadic_scalar = f.kernel is None or f.kernel.monad is not None  # monadic ≠ is not scalar
        if f.pervasive and monadic_scalar and size(w) and w.dtype != OBJ:
            return f.monad(w)  # f¨ of a pervasive f is f itself, on the whole array at once
        if size(w) == 0:
            return _empty_each(tuple(w.shape), lambda: f.monad(unbox(proto_item(w))))
        if w.ndim and backend_of(w).lazy:  # Dask: simple results are made inside each chunk
            out = chunked.cells(f.monad, [w], [0], "¨")
            if out is not None:
                return out
            w = chunked.host(w, "¨ with nested results")
        batch = getattr(f, "each_items", None)  # a compiled dfn runs all the items itself
        if batch is not None:
            r = batch(w)
            if r is not None:
                return r
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
        batch = getattr(f, "each_pairs", None)  # a compiled dfn runs all the pairs itself
        if batch is not None:
            r = batch(a, w, shape)
            if r is not None:
                return r
        return build([f.dyad(x, y) for x, y in zip(xs, ys)], shape)


def _empty_each(shape, on_prototype):
    """f¨ of an empty array: empty, with the prototype of f applied to the argument's prototype."""
    try:
        r = on_prototype()
    except APLError:
        return np.zeros(shape, dtype=INT)
    return empty_with(shape, box(prototype(r if is_array(r) else np.asarray(r))))


# ------------------------------------------------------------------ ⍤ rank, ⌺ stencil
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
    if x.dtype != OBJ:
        return frame, backend_of(flat).major_cells(flat)
    if r != 0:
        cells = [normalise(c) for c in flat]
    else:
        cells = [unbox(c[()]) if isinstance(c, np.ndarray) and c.ndim == 0 else c for c in flat]
        cells = [c if is_array(c) else unbox(c) for c in cells]
        cells = [_as_cell(c) for c in cells]
    return frame, cells


def _as_cell(c):
    # a rank-0 cell of a nested array is the item as a scalar: an enclosure for arrays
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
        super().__init__(need_function(f, "stencil"), spec)
        if is_function(spec):
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
        w = chunked.host(w, "⌺ (stencil: a window per item)")  # Dask: in memory, within the limit
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


_LIFT: list = [None, None]  # lift_monad, lift_dyad: apl.runtime.lift registers them as it loads


def use_lifter(monad, dyad) -> None:
    """f⍤k then tries f on all the cells at once first (batched rank, apl/runtime/lift.py)."""
    _LIFT[0], _LIFT[1] = monad, dyad


class Rank(Derived):
    op = "⍤"

    def __init__(self, f, k):
        super().__init__(need_function(f, "rank"), k)
        self.spec = _rank_spec(k)

    def monad(self, w):
        if self.left.kernel is not None and self.left.kernel.monad is not None and w.dtype != OBJ and size(w):
            return self.left.monad(w)  # a scalar function's cells are its items: f⍤k is f
        r = _cell_rank(self.spec[0], w.ndim)
        if backend_of(w).lazy:  # Dask: f runs on the cells inside each chunk
            out = chunked.cells(self.left.monad, [w], [r], "⍤")
            if out is not None:
                return out
            w = chunked.host(w, "⍤ with nested results")
        if _LIFT[0] is not None and w.ndim > r:
            out = _LIFT[0](self.left, w, r)  # all the cells in one evaluation, or None
            if out is not None:
                return out
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
        if backend_of(a, w).lazy:  # Dask: f runs on the cells inside each chunk
            if type(a) is not type(w):
                a, w = coerce(a, w)
            out = chunked.cells(self.left.dyad, [a, w], [ra, rw], "⍤")
            if out is not None:
                return out
            a, w = chunked.host(a, "⍤ with nested results"), chunked.host(w, "⍤ with nested results")
        if _LIFT[1] is not None and (a.ndim > ra or w.ndim > rw):
            out = _LIFT[1](self.left, a, w, ra, rw)  # all the pairs of cells in one evaluation, or None
            if out is not None:
                return out
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
        return xp_of(x).broadcast_to(x, frame + cell) if x.shape != frame + cell else x

    return f.dyad(spread(a, fa, ca), spread(w, fw, cw))


def _proto_cell(x, r):
    """A cell of rank r made of x's fill (what f meets when x has no cells)."""
    return fill_cells(x, tuple(x.shape[x.ndim - r:]) if r else ())


def _empty_frame(frame, apply):
    """No cells: as Dyalog, f applied to a prototype cell gives the shape and fill of the
    (empty) result; if f fails on it, the result is just the empty frame."""
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
        a, w = unify(a, w)
    with np.errstate(over="ignore", invalid="ignore"):
        return finite_product(namespace(a, w).matmul(a, w))


# ------------------------------------------------------------------ ⌸
class Key(Derived):
    op = "⌸"

    def __init__(self, f):
        super().__init__(need_function(f, "key"))

    def _groups(self, keys):
        """(key cell, indices of its major cells) for each distinct cell in order of first
        appearance; cells match as ≡ does (tolerantly), through one whole-array search."""
        k = keys if keys.ndim else keys.reshape(1)
        cells = major_cells(k)
        firsts = host_values(first_index(k, k)).tolist()
        order: dict = {}
        for i, f in enumerate(firsts):
            order.setdefault(f, []).append(i)
        return [(cells[f], ix) for f, ix in order.items()]

    def monad(self, w):
        io = current().io
        w = chunked.host(w, "⌸ (key: groups)")  # Dask: in memory, within the limit
        results = [self.left.dyad(_key_cell(k), index_for(np.array(ix, dtype=INT) + io, w))
                   for k, ix in self._groups(w)]
        return _assemble((len(results),), results)

    def dyad(self, a, w):
        if (a.shape[0] if a.ndim else 1) != (w.shape[0] if w.ndim else 1):
            raise LengthError("key: arguments differ in length")
        if w.ndim == 0:
            w = w.reshape(1)  # as a scalar key: one major cell, so ⍵ is a 1-item vector
        a, w = chunked.host(a, "⌸ (key: groups)"), chunked.host(w, "⌸ (key: groups)")  # Dask: in memory
        results = [self.left.dyad(_key_cell(k), w[index_for(np.array(ix), w)]) for k, ix in self._groups(a)]
        return _assemble((len(results),), results)


def _key_cell(c):
    if c.dtype == OBJ and c.ndim == 0:
        return c
    return c


# ------------------------------------------------------------------ derivations the registry names
# derive(left, right, axis): the derived function of the operator, as apl/glyphs/operators.py says.
def derive_each(left, right, axis):
    return Each(left)


def derive_rank(left, right, axis):
    """⍤: with a function on the right, atop; with an array, rank."""
    return Atop(left, right) if is_function(right) else Rank(left, right)


def derive_stencil(left, right, axis):
    return Stencil(left, right)


def derive_key(left, right, axis):
    return Key(left)
