"""Shared structural helpers: common types for joining arrays, major cells, matching."""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, CHAR, OBJ, box, empty_like_proto, from_items, normalise, unbox
from ..errors import AxisError
from ..settings import current


def to_object(a: np.ndarray) -> np.ndarray:
    """A simple array as an object array of boxed items."""
    if a.dtype == OBJ:
        return a
    out = np.empty(a.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, x in enumerate(a.ravel()):
        flat[i] = box(np.asarray(x)) if a.dtype.kind == "U" else x
    return out


def unify(*arrays):
    """Bring arrays to one storage type so they can be joined: numeric, character or mixed."""
    nonempty = [x for x in arrays if x.size] or list(arrays)
    kinds = {("O" if x.dtype == OBJ else "U" if x.dtype.kind == "U" else "N") for x in nonempty}
    if kinds == {"U"}:
        return [x.astype(CHAR) if x.size == 0 or x.dtype.kind == "U" else to_object(x) for x in arrays]
    if kinds == {"N"}:
        dt = np.result_type(*[x.dtype for x in nonempty])
        if dt == BOOL and any(x.dtype != BOOL for x in arrays if x.size):
            dt = np.dtype(np.int64)
        return [x.astype(dt) if x.size or x.dtype.kind not in "Ub" else np.zeros(x.shape, dt) for x in arrays]
    return [to_object(x) if x.size else np.empty(x.shape, dtype=OBJ) for x in arrays]


def norm_axis(axis, rank: int, what: str = "axis") -> int:
    """An APL axis number (⎕IO-based) as a 0-based numpy axis."""
    from ..arrays import to_int

    k = to_int(np.asarray(axis), what) - current().io
    if not 0 <= k < max(rank, 1):
        raise AxisError(f"{what} out of range")
    return k


def major_cells(a: np.ndarray) -> list:
    """The major cells of an array, each as an array (a scalar is its own single cell)."""
    if a.ndim == 0:
        return [a]
    if a.dtype == OBJ:
        return [normalise(a[i]) if a.ndim > 1 else _item_array(a[i]) for i in range(a.shape[0])]
    return [np.asarray(a[i]) for i in range(a.shape[0])]


def _item_array(item):
    """A major cell of a nested vector: the item as a scalar (an enclosure for arrays)."""
    from ..arrays import enclose

    return enclose(item) if isinstance(item, np.ndarray) else unbox(item)


def cell_key(a: np.ndarray):
    """A hashable key for exact matching of arrays (used by ⍳ ∊ ∪ ⌸ on nested data)."""
    if a.dtype != OBJ:
        kind = "U" if a.dtype.kind == "U" else "N"
        vals = a.ravel().tolist()
        if kind == "N":
            vals = [complex(v) if isinstance(v, complex) else (float(v) if isinstance(v, float) else int(v)) for v in vals]
            vals = [v if not isinstance(v, float) or not v.is_integer() else int(v) for v in vals]
        return (kind if a.size else "E", a.shape, tuple(vals))
    return ("O", a.shape, tuple(cell_key(unbox(x)) for x in a.ravel()))


def match(a: np.ndarray, w: np.ndarray) -> bool:
    """≡: same shape, same items (tolerantly for numbers); empty arrays compare prototypes."""
    if a.shape != w.shape:
        return False
    if a.size == 0:
        from ..arrays import prototype_of, fill_item

        fa, fw = fill_item(a), fill_item(w)
        return match(unbox(fa), unbox(fw))
    if a.dtype != OBJ and w.dtype != OBJ:
        ka, kw = a.dtype.kind == "U", w.dtype.kind == "U"
        if ka or kw:
            return ka and kw and bool(np.all(a == w))
        from .scalar import equal

        return bool(np.all(equal(a, w)))
    aa, ww = to_object(a), to_object(w)
    for x, y in zip(aa.ravel(), ww.ravel()):
        if not match(unbox(x), unbox(y)):
            return False
    return True


def fill_to(a: np.ndarray, shape) -> np.ndarray:
    """a padded (or cut) to a shape of the same rank, with a's prototype."""
    shape = tuple(shape)
    if a.shape == shape:
        return a
    out = empty_like_proto(a, shape)
    if out.dtype != a.dtype:
        out, a = unify(out, a)
    region = tuple(slice(0, min(s, t)) for s, t in zip(a.shape, shape))
    out[region] = a[region]
    return out


def mix_items(items_: list, outer_shape) -> np.ndarray:
    """↑ of a list of arrays: pad each to the common shape and stack under outer_shape."""
    arrays = [unbox(x) for x in items_]
    rank = max((x.ndim for x in arrays), default=0)
    arrays = [x.reshape((1,) * (rank - x.ndim) + x.shape) for x in arrays]
    shape = tuple(max((x.shape[k] for x in arrays), default=0) for k in range(rank))
    padded = [fill_to(x, shape) for x in arrays]
    if not padded:
        return np.zeros(tuple(outer_shape) + shape, dtype=np.int64)
    padded = unify(*padded)
    stacked = np.stack(padded).reshape(tuple(outer_shape) + shape)
    return normalise(stacked) if stacked.dtype == OBJ else stacked


def items_of(a: np.ndarray) -> list:
    """Ravel as arrays (unboxed items)."""
    return [unbox(x) for x in a.ravel()]


def build(results: list, shape) -> np.ndarray:
    """An array from a list of result arrays, one per position (each boxed as an item)."""
    return from_items([box(r) for r in results], shape)
