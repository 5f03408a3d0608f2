"""Shared structural helpers: common types for joining arrays, major cells, matching, prototypes,
axis arguments and the limits on a result's size and rank.

Prototypes of empty nested arrays: NumPy cannot attach data to an array, so an empty nested
array made here is a view of a one-item owner (`_PrototypeCarrier`) whose item is the prototype.
`proto_item` finds it again; views (reshape, transpose, slices) keep it, copies lose it and fall
back to the plain rule (0 for numbers, blank for characters).
"""
from __future__ import annotations

import math
import os

import numpy as np

from ..arrays import (
    BOOL,
    CHAR,
    OBJ,
    box,
    enclose,
    from_items,
    host_values,
    is_array_item,
    normalise,
    ref_item,
    to_int,
    unbox,
    unboxed_items,
)
from ..backends import allb, backend_of, coerce, device_of, is_array, kind, namespace, size
from ..errors import AxisError, LimitError, WSFull
from ..settings import current
from .comparison import equal


def _workspace_items() -> int:
    """How many 8-byte items one array may hold: the workspace size, Dyalog's MAXWS, from the
    environment variable APL_MAXWS (bytes, or with a K M G suffix), else a quarter of this
    machine's memory (2**34 items where it cannot be told)."""
    given = os.environ.get("APL_MAXWS", "").strip().upper()
    if given:
        scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(given[-1], 1)
        try:
            return max(1, int(float(given.rstrip("KMG")) * scale) // 8)
        except ValueError:
            pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 4 // 8
    except (ValueError, OSError, AttributeError):
        return 2**34


# larger results are a WS FULL at once, rather than a failed (or swapping, or hour-long) allocation
MAX_ITEMS = min(2**34, _workspace_items())
MAX_RANK = 15  # Dyalog's limit on an array's rank (a higher one is a LIMIT ERROR)


def to_object(a) -> np.ndarray:
    """A simple array as an object array of boxed items (a tensor's items are 0-d tensors)."""
    if a.dtype == OBJ:
        return a
    return backend_of(a).to_object(a)


def _unify_on_device(arrays, nonempty):
    """Simple numeric arrays, some of them a device backend's (tensors), as arrays of that
    backend of one dtype on one device."""
    bk = backend_of(*arrays)
    xp = bk.xp
    dev = device_of(*arrays)
    conv = [x if bk.owns(x) else (bk.from_numpy(x, dev) if x.dtype.kind in "biufc" else None) for x in arrays]
    # the types of the non-empty arrays (of all of them when all are empty), as on NumPy
    dts = [c.dtype for c, x in zip(conv, arrays) if c is not None and any(x is y for y in nonempty)] or [bk.INT]
    dt = dts[0]
    for d in dts[1:]:
        dt = xp.result_type(dt, d)
    if dt == bk.BOOL and any(c is None or c.dtype != bk.BOOL for c, x in zip(conv, arrays) if size(x)):
        dt = bk.INT
    out = []
    for c, x in zip(conv, arrays):
        if c is None or (not size(x) and kind(x) in "Ub"):
            out.append(xp.zeros(tuple(x.shape), dtype=dt, device=dev))
        else:
            out.append(c if c.dtype == dt else xp.astype(c, dt))
    for c in out:
        if device_of(c) != dev:
            from ..errors import DomainError

            raise DomainError(f"arrays on two devices ({dev} and {device_of(c)})")
    return out


def unify(*arrays):
    """Bring arrays to one storage type so they can be joined: numeric, character or mixed."""
    nonempty = [x for x in arrays if size(x)] or list(arrays)
    kinds = {("O" if x.dtype == OBJ else "U" if kind(x) == "U" else "N") for x in nonempty}
    if kinds == {"U"}:
        return [x.astype(CHAR) if kind(x) == "U"
                else (np.zeros(tuple(x.shape), dtype=CHAR) if not size(x) else to_object(x)) for x in arrays]
    if kinds == {"N"}:
        if any(type(x) is not np.ndarray for x in arrays):
            return _unify_on_device(arrays, nonempty)
        dt = np.result_type(*[x.dtype for x in nonempty])
        if dt == BOOL and any(x.dtype != BOOL for x in arrays if x.size):
            dt = np.dtype(np.int64)
        return [x.astype(dt) if x.size or x.dtype.kind not in "Ub" else np.zeros(x.shape, dt) for x in arrays]
    return [to_object(x) if size(x) else np.empty(tuple(x.shape), dtype=OBJ) for x in arrays]


def norm_axis(axis, rank: int, what: str = "axis") -> int:
    """An APL axis number (⎕IO-based) as a 0-based numpy axis."""
    k = to_int(axis if is_array(axis) else np.asarray(axis), what) - current().io
    if not 0 <= k < max(rank, 1):
        raise AxisError(f"{what} out of range")
    return k


def axes_arg(axis, rank, what="axis"):
    """A list of distinct 0-based axes from an APL axis value."""
    ks = [norm_axis(x, rank, what) for x in host_values(axis).reshape(-1)]
    if len(set(ks)) != len(ks):
        raise AxisError("repeated axis")
    return ks


def is_fraction(ax) -> bool:
    """Whether an axis value is one fractional number (,[1.5] laminates, ↑[0.5] mixes between axes)."""
    ax = host_values(ax)
    return ax.dtype.kind == "f" and ax.size == 1 and not float(ax.reshape(())).is_integer()


def check_rank(rank: int):
    if rank > MAX_RANK:
        raise LimitError(f"rank {rank} exceeds the limit of {MAX_RANK}")


def permute(w, perm):
    """w with its axes in the order perm (NumPy's transpose, torch's permute)."""
    if isinstance(w, np.ndarray) or not hasattr(w, "permute"):  # NumPy, Dask
        return w.transpose(tuple(perm))
    return w.permute(tuple(perm))


def xp_of(x):
    """The array namespace for x: NumPy for a nested (object) array, else x's backend's."""
    return np if x.dtype == OBJ else namespace(x)


def major_cells(a) -> list:
    """The major cells of an array, each as an array (a scalar is its own single cell)."""
    if a.ndim == 0:
        return [a]
    if a.dtype == OBJ:
        return [normalise(a[i]) if a.ndim > 1 else _item_array(a[i]) for i in range(a.shape[0])]
    return backend_of(a).major_cells(a)


def _item_array(item):
    """A major cell of a nested vector: the item as a scalar (an enclosure for arrays)."""
    return enclose(item) if is_array_item(item) else unbox(item)


def cell_key(a: np.ndarray):
    """A hashable key for exact matching of arrays (used by ⍳ ∊ ∪ ⌸ on nested data)."""
    if a.dtype != OBJ:
        kind = "U" if a.dtype.kind == "U" else "N"
        vals = a.ravel().tolist()
        if kind == "N":
            vals = [complex(v) if isinstance(v, complex) else (float(v) if isinstance(v, float) else int(v))
                    for v in vals]
            vals = [v if not isinstance(v, float) or not v.is_integer() else int(v) for v in vals]
        return (kind if a.size else "E", a.shape, tuple(vals))
    return ("O", a.shape, tuple(cell_key(unbox(x)) for x in a.ravel()))


# ------------------------------------------------------------------ prototypes
class _PrototypeCarrier(np.ndarray):
    """The one-item owner behind an empty nested array; its item is that array's prototype."""


def with_prototype(shape, item) -> np.ndarray:
    """An empty object array of `shape` whose prototype item is `item` (a boxed item)."""
    holder = np.ndarray.__new__(_PrototypeCarrier, (1,), dtype=OBJ)
    holder[0] = item
    return holder.view(np.ndarray)[:0].reshape(tuple(shape))


def carried_prototype(a: np.ndarray):
    """The prototype item an empty nested array carries, or None."""
    x = a.base
    while isinstance(x, np.ndarray):
        if isinstance(x, _PrototypeCarrier):
            return x[0]
        x = x.base
    return None


def prototype(a):
    """a with every simple scalar replaced by its fill (0 or blank), at every depth."""
    if kind(a) == "U":
        return np.full(a.shape, " ", dtype=CHAR)
    if a.dtype != OBJ:
        bk = backend_of(a)
        return bk.xp.zeros(tuple(a.shape), dtype=bk.INT, device=device_of(a))
    if ref_item(a) is not None:  # a namespace reference is its own prototype
        return a
    if a.size == 0:
        return empty_with(a.shape, proto_item(a))
    out = np.empty(a.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, x in enumerate(a.ravel()):
        flat[i] = box(prototype(unbox(x)))
    return out


def proto_item(a):
    """The fill item of an array, boxed: the prototype of its first item (0 or ' ' if simple)."""
    if kind(a) == "U":
        return " "
    if a.dtype != OBJ:
        return 0
    if a.size == 0:
        p = carried_prototype(a)
        return 0 if p is None else p
    return box(prototype(unbox(a.reshape(-1)[0])))


def empty_with(shape, item) -> np.ndarray:
    """An empty array of `shape` whose prototype item is `item`."""
    return filled(shape, item)


def filled(shape, item, like=None):
    """An array of `shape` whose every item is `item` (boxed); simple items give simple arrays
    (of the type of `like` when it is a simple numeric array and the item a number, in like's
    backend and on its device)."""
    shape = tuple(int(s) for s in shape)
    if is_array_item(item):
        if 0 in shape:
            return with_prototype(shape, box(prototype(item)))
        out = np.empty(shape, dtype=OBJ)
        flat = out.reshape(-1)
        for i in range(flat.size):
            flat[i] = item
        return out
    if isinstance(item, str):
        return np.full(shape, item, dtype=CHAR)
    numeric_like = like is not None and like.dtype != OBJ and kind(like) in "biufc"
    if is_array(item):  # a device backend's 0-d array
        bk = backend_of(item)
        if numeric_like and bk.owns(like):
            item = bk.xp.astype(item, like.dtype, copy=False)
        return bk.copy(bk.xp.broadcast_to(item, shape))
    if numeric_like:
        return backend_of(like).xp.full(shape, item, dtype=like.dtype, device=device_of(like))
    return np.full(shape, item, dtype=unbox(item).dtype)


def fill_cells(a, shape):
    """An array of the given shape filled with a's fill item, keeping a's simple type."""
    return filled(shape, proto_item(a), a)


def canonical(a: np.ndarray) -> np.ndarray:
    """`normalise` for large arrays: an object array of simple items all characters or all
    numbers becomes a simple array; nested or mixed arrays come back as they are."""
    if a.dtype != OBJ or a.size == 0:
        return a
    types = set(map(type, a.reshape(-1)))
    if any(issubclass(t, np.ndarray) for t in types):
        return a
    if any(is_array_item(x) for x in a.reshape(-1)):  # a device backend's arrays
        return a
    chars = [issubclass(t, str) for t in types]
    if all(chars):
        return a.astype(CHAR)
    if any(chars):
        return a
    return normalise(a)


def keep_prototype(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """A structural result taken from `source`: canonical storage, and an empty nested result
    keeps the prototype of `source`."""
    if out.dtype != OBJ:
        return out
    if out.size == 0:
        return empty_with(out.shape, proto_item(source))
    return canonical(out)


# ------------------------------------------------------------------ matching, mixing
def match(a, w) -> bool:
    """≡: same shape, same items (tolerantly for numbers); empty arrays compare prototypes."""
    if tuple(a.shape) != tuple(w.shape):
        return False
    ra, rw = ref_item(a), ref_item(w)
    if ra is not None or rw is not None:  # namespace references match when they are the same one
        return ra is rw
    if size(a) == 0:
        return match(unbox(proto_item(a)), unbox(proto_item(w)))
    if a.dtype != OBJ and w.dtype != OBJ:
        ka, kw = kind(a) == "U", kind(w) == "U"
        if ka or kw:
            return ka and kw and bool(np.all(a == w))
        if type(a) is not type(w):
            a, w = coerce(a, w)
        return allb(equal(a, w))
    aa, ww = to_object(a), to_object(w)
    for x, y in zip(aa.ravel(), ww.ravel()):
        if not match(unbox(x), unbox(y)):
            return False
    return True


def fill_to(a, shape):
    """a padded (or cut) to a shape of the same rank, with a's prototype."""
    shape = tuple(shape)
    if tuple(a.shape) == shape:
        return a
    out = fill_cells(a, shape)
    if out.dtype != a.dtype or type(out) is not type(a):
        out, a = unify(out, a)
    region = tuple(slice(0, min(s, t)) for s, t in zip(a.shape, shape))
    out[region] = a[region]
    return out


def mix_items(items_: list, outer_shape) -> np.ndarray:
    """↑ of a list of arrays: pad each to the common shape and stack under outer_shape."""
    arrays = [unbox(x) for x in items_]
    if len(arrays) == 1 and tuple(outer_shape) == ():
        return arrays[0]  # ↑⊂X is X
    rank = max((x.ndim for x in arrays), default=0)
    arrays = [x.reshape((1,) * (rank - x.ndim) + tuple(x.shape)) for x in arrays]
    shape = tuple(max((x.shape[k] for x in arrays), default=0) for k in range(rank))
    if len(arrays) * math.prod(shape) > MAX_ITEMS:
        raise WSFull("↑'s result would not fit in memory")
    padded = [fill_to(x, shape) for x in arrays]
    if not padded:
        return np.zeros(tuple(outer_shape) + shape, dtype=np.int64)
    padded = unify(*padded)
    xp = backend_of(padded[0]).xp if padded[0].dtype != OBJ else np
    stacked = xp.reshape(xp.stack(padded), tuple(outer_shape) + shape)
    if stacked.dtype != OBJ:
        return stacked
    return keep_prototype(stacked, padded[0])


def items_of(a: np.ndarray) -> list:
    """Ravel as arrays (unboxed items)."""
    return unboxed_items(a)


def build(results: list, shape) -> np.ndarray:
    """An array from a list of result arrays, one per position (each boxed as an item)."""
    out = np.empty(len(results), dtype=OBJ)
    for i, r in enumerate(results):
        if type(r) is not np.ndarray or not r.ndim:
            return from_items([box(r) for r in results], shape)  # scalars among them: maybe simple
        out[i] = r
    return out.reshape(tuple(shape))
