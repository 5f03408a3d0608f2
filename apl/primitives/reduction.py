"""Reduce, scan and n-wise reduce, with library fast paths chosen by the operand's glyph.

Semantics (Dyalog Language Reference, Reduce / Scan / Reduce N-Wise):
- `f/Y` folds from the right: `(1⊃Y) f (2⊃Y) f … f (n⊃Y)`, the result enclosed, so a reduction of
  a nested vector is a scalar; a scalar Y is its own reduction;
- when the axis has length 1, or any other axis is empty, f is not applied and the result is `S⍴Y`;
- otherwise an empty axis gives the identity element of f (DOMAIN ERROR if it has none), or for
  catenation an empty item (`,/⍬` is `⊂⍬`);
- `f\\Y` item i is `f/i↑Y`; an empty Y is its own scan;
- `X f/Y` reduces each window of |X| items (reversed when X<0); X=0 gives identities.

Speed: `+/` is a sum, `⌈\\` a running maximum, `-/` an alternating sum; other associative scalar
functions fold in log2(n) whole-array steps; non-associative scalar functions take one whole-array
step per item of the axis (never one call per element); non-scalar functions fold item by item.
"""
from __future__ import annotations

import numpy as np

from ..arrays import BOOL, CHAR, FLOAT, INT, OBJ, box, enclose, from_items, normalise, tidy_numeric, unbox
from ..backends import (
    allb,
    anyb,
    arr,
    as_bool,
    as_float,
    as_int,
    backend_of,
    device_of,
    kind,
    namespace,
    size,
)
from ..errors import DomainError, LengthError, RankError
from .arithmetic import BIG, finite, num
from .cells import proto_item
from .chunks import long_reduction, reduce_vector

_MAX_FLOAT = np.finfo(np.float64).max

IDENTITIES = {
    "+": 0, "-": 0, "|": 0, "⊤": 0, "⌽": 0, "⊖": 0,
    "×": 1, "÷": 1, "*": 1, "!": 1, "/": 1, "⌿": 1, "\\": 1, "⍀": 1,
    "∨": False, "≠": False, "<": False, ">": False,
    "∧": True, "=": True, "≤": True, "≥": True,
    "⌈": -_MAX_FLOAT, "⌊": _MAX_FLOAT,
}

_ASSOCIATIVE = set("+×⌈⌊∧∨")  # scalar functions whose folds may be bracketed in any way


def _glyph(fn):
    g = getattr(fn, "glyph", None)
    if g is None and hasattr(fn, "prim"):  # f[k]: an axis-bound primitive
        return None
    return g


def _ident_array(v, shape, like=None):
    """An identity item v in an array of shape, in like's backend and on its device."""
    bk = backend_of(like)
    dt = bk.BOOL if isinstance(v, bool) else bk.FLOAT if isinstance(v, float) else bk.INT
    return bk.xp.full(tuple(shape), v, dtype=dt, device=device_of(like))


def _replace_simple(a: np.ndarray, v) -> np.ndarray:
    """The array a with every simple scalar replaced by v (the identity of a nested prototype)."""
    if a.dtype != OBJ:
        return _ident_array(v, a.shape)
    out = np.empty(a.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, x in enumerate(a.ravel()):
        flat[i] = box(_replace_simple(unbox(x), v))
    return out


def _filled(item: np.ndarray, shape) -> np.ndarray:
    """shape⍴⊂item."""
    if item.ndim == 0 and item.dtype != OBJ:
        bk = backend_of(item)
        return bk.copy(bk.xp.broadcast_to(item, tuple(shape)))
    out = np.empty(shape, dtype=OBJ)
    for idx in np.ndindex(*shape):
        out[idx] = item
    return out


def identity_for(fn, shape, w=None):
    """The result of reducing an empty axis: shape⍴⊂(identity of fn, shaped like ⊃w)."""
    g = _glyph(fn)
    proto = unbox(proto_item(w)) if w is not None else np.asarray(0)
    if g == "∪":
        return _filled(np.zeros(0, dtype=INT), shape)
    if g in IDENTITIES:
        v = IDENTITIES[g]
        if proto.ndim == 0 and proto.dtype != OBJ:
            return _ident_array(v, shape, w)
        return _filled(_replace_simple(proto, v), shape)
    empty = _empty_catenation(fn, proto)
    if empty is not None:
        return _filled(empty, shape)
    raise DomainError(f"{fn.describe()} has no identity element")


def _empty_catenation(fn, proto):
    """0/⊃Y for , (0⌿⊃Y for ⍪, 0/[J]⊃Y for ,[J]); None for other functions."""
    g = getattr(fn, "glyph", None)
    prim = getattr(fn, "prim", None)
    if prim is not None and getattr(prim, "glyph", None) in (",", "⍪"):
        from .cells import norm_axis

        try:
            j = norm_axis(fn.axis, proto.ndim)
        except Exception:  # noqa: BLE001 - a laminate or bad axis: no identity
            return None
        shape = list(proto.shape) if proto.ndim else [1]  # a scalar catenates as a 1-item vector
        shape[j] = 0
    elif g == ",":
        shape = list(proto.shape[:-1]) + [0] if proto.ndim else [0]
    elif g == "⍪":
        shape = [0] + list(proto.shape[1:]) if proto.ndim else [0]
    else:
        return None
    if kind(proto) == "U":
        return np.zeros(shape, dtype=CHAR)
    if proto.dtype == OBJ:
        return np.empty(shape, dtype=OBJ)
    return np.zeros(shape, dtype=INT)


def _is_boolean(x):
    k = kind(x)
    return k == "b" or (k in "iuf" and not anyb((x != 0) & (x != 1)))


def _axis_signs(n, k, x, odd_value=-1, even_value=1):
    """A vector along axis k of x alternating even_value, odd_value (shaped to broadcast)."""
    xp = namespace(x)
    i = xp.arange(n, device=device_of(x))
    v = xp.where(i % 2 == 0, even_value, odd_value)
    return xp.reshape(v, (n,) + (1,) * (x.ndim - k - 1))


def _sum(x, k):
    """+ along axis k: int64 while the sum fits (wrapping int64 sums are exact when it does)."""
    xk = kind(x)
    if (xk == "f" or xk == "c") and type(x) is not np.ndarray:
        return finite(backend_of(x).float_sum(x, k))  # (the fewest calls on the way)
    x = num(x)
    xp = namespace(x)
    if kind(x) == "i":
        if type(x) is np.ndarray and x.size:
            # no partial sum can pass n×max|x|: under BIG÷2 the float sum below stays under BIG
            # too, so the int64 sum is the answer, found without copying x to floats
            m = max(int(x.max()), -int(x.min()))
            if m * x.shape[k] < BIG / 2:
                return arr(xp.sum(x, axis=k))
        with np.errstate(all="ignore"):
            f = xp.sum(as_float(x), axis=k)
        if size(f) and float(xp.max(xp.abs(f))) >= BIG:
            return finite(f)
        return arr(xp.sum(x, axis=k))
    with np.errstate(all="ignore"):
        return finite(xp.sum(x, axis=k))


def _prod(x, k):
    """× along axis k; a zero anywhere makes the product 0 even past an overflow."""
    x = num(x)
    xp = namespace(x)
    with np.errstate(all="ignore"):
        zero = xp.any(x == 0, axis=k)
        if kind(x) == "i":
            f = xp.where(zero, 0.0, xp.prod(as_float(x), axis=k))
            if size(f) and not allb(xp.abs(f) < BIG):
                return finite(f)
            return arr(xp.prod(x, axis=k))
        if not anyb(zero):  # (a where on the product would spoil its gradient)
            return finite(xp.prod(x, axis=k))
        return finite(xp.where(zero, 0, xp.prod(x, axis=k)))


def _alternating(x, k, n):
    """-/ along axis k: x0-x1+x2-… (the right fold of -)."""
    x = num(x)
    signs = _axis_signs(n, k, x)
    with np.errstate(all="ignore"):
        return _sum(x * signs, k)


def _xor_reduce(b, k):
    """≠/ on booleans along axis k: whether the count of ones is odd."""
    xp = namespace(b)
    return xp.sum(as_int(b), axis=k) % 2 == 1


def _fast_reduce(glyph, w, k):
    """A library reduction for simple numeric w along axis k, or None."""
    wk = kind(w)
    if wk == "O" or wk == "U":
        return None
    if glyph == "+":
        return _sum(w, k)
    xp = namespace(w)
    if glyph == "×":
        return _prod(w, k)
    if glyph in "⌈⌊" and wk != "c":
        return arr((xp.max if glyph == "⌈" else xp.min)(w, axis=k))
    if glyph in "∧∨≠=" and _is_boolean(w):
        b = as_bool(w)
        if glyph == "∧":
            return arr(xp.all(b, axis=k))
        if glyph == "∨":
            return arr(xp.any(b, axis=k))
        odd = arr(_xor_reduce(b, k))
        if glyph == "≠":
            return odd
        # a right fold of = over booleans: the xor of all, flipped when there is an even count
        return odd ^ bool((w.shape[k] - 1) % 2)
    if glyph == "-":
        return _alternating(w, k, w.shape[k])
    if glyph == "÷" and wk in "biuf":
        # a÷(b÷(c÷d)) is (a×c)÷(b×d): exact in structure while no item is 0
        x = as_float(num(w))
        if anyb(x == 0):
            return None
        n = w.shape[k]
        odd = _axis_signs(n, k, x, True, False)
        with np.errstate(all="ignore"):
            r = xp.prod(xp.where(odd, 1 / x, x), axis=k)
        if not allb(xp.isfinite(r)) or anyb(r == 0):
            return None
        return arr(r)
    return None


def _count_boolean_items(w):
    """+/ of a vector of equally shaped boolean NumPy arrays (the neighbour counts of a cellular
    automaton, votes of several masks): counted in place in the narrowest integer that holds the
    count, which the result keeps (see apl.arrays); item-wise pervasion would widen every item
    to int64 first, and work on eight times the bytes."""
    if w.ndim != 1 or w.size < 2:
        return None
    items = w.tolist()
    shape = items[0].shape if type(items[0]) is np.ndarray else None
    for x in items:
        if type(x) is not np.ndarray or x.dtype != BOOL or x.shape != shape or not x.ndim:
            return None
    narrow = np.int8 if len(items) < 128 else np.int16 if len(items) < 32768 else np.int64
    count = np.add(items[0].view(np.int8), items[1].view(np.int8), dtype=narrow)
    for x in items[2:]:
        np.add(count, x.view(np.int8), out=count)
    return enclose(count)


def _fold_items(fn, items: list):
    """f/ of a nested vector's items, right to left (the definition; each step pervades)."""
    acc = unbox(items[-1])
    for x in reversed(items[:-1]):
        acc = fn.dyad(unbox(x), acc)
    return acc


def _take(w, i, k, rest):
    """Item i along axis k, keeping enclosures of nested items (a 0-d object array)."""
    return w[(slice(None),) * k + (slice(i, i + 1),)].reshape(rest)


def _xpo(x):
    return np if x.dtype == OBJ else namespace(x)


def _tree_reduce(f, w, k):
    """An associative f folded pairwise: log2(n) whole-array steps, order kept."""
    x = _xpo(w).moveaxis(w, k, 0)
    while x.shape[0] > 1:
        n = x.shape[0]
        m = n // 2 * 2
        paired = arr(f(x[0:m:2], x[1:m:2]))
        if n % 2:
            parts = _same_type(paired, x[m:])
            x = _xpo(parts[0]).concat(parts)
        else:
            x = paired
    return x[0:1].reshape(tuple(x.shape[1:]))


def _same_type(a, b):
    if a.dtype == b.dtype and type(a) is type(b):
        return a, b
    from .cells import unify

    return unify(a, b)


def reduce(fn, w, k):
    """f/ along axis k (0-based)."""
    if w.ndim == 0:
        return w
    n = w.shape[k]
    rest = tuple(w.shape[:k]) + tuple(w.shape[k + 1:])
    if n == 1 or 0 in rest:
        # f is not applied: S⍴Y
        out = w.reshape(rest)
        return normalise(out) if out.dtype == OBJ and out.size else out
    if n == 0:
        return identity_for(fn, rest, w)
    if fn.glyph == "," and w.ndim == 1 and w.dtype == OBJ:
        joined = _join_vectors(w)
        if joined is not None:
            return joined
    if fn.kernel is not None:
        obj = kind(w) == "O"  # (a tensor's dtype compared with NumPy's object dtype costs a conversion)
        if not obj and w.ndim == 1 and fn.glyph in _ASSOCIATIVE and long_reduction(w):
            fast = reduce_vector(lambda part: _fast_reduce(fn.glyph, part, 0), w)
        elif not obj:
            fast = _fast_reduce(fn.glyph, w, k)
        else:
            fast = _count_boolean_items(w) if fn.glyph == "+" else None
        if fast is not None:
            return fast
        if w.dtype == OBJ and w.ndim == 1:
            return enclose(_fold_items(fn, w.tolist()))
        if fn.glyph in _ASSOCIATIVE:
            r = arr(_tree_reduce(fn.dyad, w, k))
            return normalise(r) if r.dtype == OBJ else r
        acc = _take(w, n - 1, k, rest)
        for i in range(n - 2, -1, -1):
            acc = fn.dyad(_take(w, i, k, rest), acc)
        return normalise(acc) if acc.dtype == OBJ else acc
    moved = _xpo(w).moveaxis(w, k, -1)
    results = []
    for idx in np.ndindex(*tuple(moved.shape[:-1])):
        vec = moved[idx]
        acc = _item(vec, n - 1)
        for i in range(n - 2, -1, -1):
            acc = fn.dyad(_item(vec, i), acc)
        results.append(box(acc))
    return from_items(results, rest)


def _join_vectors(w):
    """,/ of a vector of simple scalars and vectors of one kind (numbers, or characters): one
    concatenation, where folding , pairwise copies the growing result n times (⊃,/1E4⍴⊂⍳1E4)."""
    parts = [unbox(x) for x in w.tolist()]
    if any(p.dtype == OBJ or p.ndim > 1 for p in parts):
        return None
    kinds = {kind(p) == "U" for p in parts}
    if len(kinds) != 1 or len({type(p) for p in parts}) != 1:
        return None
    xp = backend_of(parts[0]).xp
    joined = xp.concat([xp.reshape(p, (-1,)) for p in parts])
    return enclose(joined)


def _item(vec, i):
    if vec.dtype == OBJ:
        return unbox(vec[i])
    return backend_of(vec).element(vec, i)


# ------------------------------------------------------------------ scan
def _fast_scan(glyph, w, k):
    if w.dtype == OBJ or kind(w) == "U":
        return None
    bk = backend_of(w)
    xp = bk.xp
    if glyph == "+":
        x = num(w)
        with np.errstate(all="ignore"):
            if kind(x) == "i":
                f = xp.cumulative_sum(as_float(x), axis=k)
                if size(f) and float(xp.max(xp.abs(f))) >= BIG:
                    return finite(f)
                return xp.cumulative_sum(x, axis=k)
            return finite(xp.cumulative_sum(x, axis=k))
    if glyph == "×":
        x = num(w)
        with np.errstate(all="ignore"):
            zero = bk.cummax(x == 0, k)
            if kind(x) == "i":
                f = xp.where(zero, 0.0, xp.cumulative_prod(as_float(x), axis=k))
                if size(f) and not allb(xp.abs(f) < BIG):
                    return finite(f)
                return xp.cumulative_prod(x, axis=k)
            if not anyb(zero):
                return finite(xp.cumulative_prod(x, axis=k))
            return finite(xp.where(zero, 0, xp.cumulative_prod(x, axis=k)))
    if glyph in "⌈⌊" and kind(w) != "c":
        return (bk.cummax if glyph == "⌈" else bk.cummin)(w, k)
    if glyph in "∧∨≠" and _is_boolean(w):
        b = as_bool(w)
        if glyph == "∧":
            return bk.cummin(b, k)
        if glyph == "∨":
            return bk.cummax(b, k)
        return xp.cumulative_sum(as_int(b), axis=k) % 2 == 1
    if glyph == "=" and _is_boolean(w):
        # item i of =\ on booleans: the xor of the first i+1, flipped when i is odd
        b = as_bool(w)
        n = w.shape[k]
        flip = _axis_signs(n, k, b, True, False)
        return (xp.cumulative_sum(as_int(b), axis=k) % 2 == 1) ^ flip
    if glyph == "-":
        x = num(w)
        n = x.shape[k]
        return _fast_scan("+", x * _axis_signs(n, k, x), k)
    return None


def _promote(acc, r):
    """acc, made able to hold the values of r."""
    if (acc.dtype == r.dtype and type(acc) is type(r)) or acc.dtype == OBJ:
        return acc
    if r.dtype == OBJ or "U" in (kind(acc), kind(r)):
        from .cells import to_object

        return to_object(acc)
    from .cells import unify

    return unify(acc, r)[0]


def _set_tail(acc, d, r):
    """acc with acc[d:] replaced by r (a new array: no writes into arrays autograd tracks)."""
    if acc.dtype != OBJ and r.dtype != acc.dtype:
        r = namespace(acc).astype(r, acc.dtype)
    return namespace(acc).concat([acc[:d], r], axis=0)


_KERNEL_SCAN_MIN = 4096  # items: below this the whole-array steps are quicker than a kernel


def _scan_kernel(glyph, w, k):
    """A compiled scan for long NumPy arguments of non-associative functions (÷\\ <\\ |\\ …)."""
    if not isinstance(w, np.ndarray) or w.dtype not in (BOOL, INT, FLOAT) or w.size < _KERNEL_SCAN_MIN:
        return None
    from .. import kernels
    from ..settings import current

    if glyph not in kernels.SCAN_GLYPHS or (glyph == "÷" and current().div):  # (⎕DIV←1: by definition)
        return None

    r = kernels.scan(glyph, np.moveaxis(w, k, -1), ct=current().ct)
    return None if r is None else np.moveaxis(r, -1, k)


def scan(fn, w, k):
    """f\\ along axis k: item i is the reduction of the first i+1 items."""
    if w.ndim == 0 or size(w) == 0:
        return w
    n = w.shape[k]
    if fn.kernel is not None:
        fast = _fast_scan(fn.glyph, w, k)
        if fast is not None:
            return arr(fast)
        compiled = _scan_kernel(fn.glyph, w, k)
        if compiled is not None:
            return compiled
        xp = _xpo(w)
        x = xp.moveaxis(w, k, 0)
        acc = x
        if fn.glyph in _ASSOCIATIVE:
            # prefix doubling: log2(n) whole-array steps
            d = 1
            while d < n:
                r = arr(fn.dyad(acc[: n - d], acc[d:]))
                acc = _set_tail(_promote(acc, r), d, r)
                d *= 2
        else:
            # every prefix folded at once from its right end: step t applies x[i-t] f acc[i]
            for t in range(1, n):
                r = arr(fn.dyad(x[: n - t], acc[t:]))
                acc = _set_tail(_promote(acc, r), t, r)
        out = _xpo(acc).moveaxis(acc, 0, k)
        return normalise(out) if out.dtype == OBJ else tidy_numeric(out)
    moved = _xpo(w).moveaxis(w, k, -1)
    results = []
    for idx in np.ndindex(*tuple(moved.shape[:-1])):
        vec = moved[idx]
        for i in range(n):
            acc = _item(vec, i)
            for j in range(i - 1, -1, -1):
                acc = fn.dyad(_item(vec, j), acc)
            results.append(box(acc))
    out = from_items(results, tuple(moved.shape))
    return _xpo(out).moveaxis(out, -1, k)


# ------------------------------------------------------------------ n-wise
def nwise(fn, a, w, k):
    """a f/ w: reduce each window of |a| items; a negative a reverses each window."""
    from ..arrays import to_int

    wsize = to_int(a, "left argument of n-wise reduce")
    if w.ndim == 0:
        raise RankError("n-wise reduction needs an array of rank at least 1")
    n = w.shape[k]
    m = abs(wsize)
    if m > n + 1:
        raise LengthError("window longer than the argument")
    count = n - m + 1
    shape = list(w.shape)
    shape[k] = count
    shape = tuple(shape)
    if m == 0:
        rest = tuple(w.shape[:k]) + tuple(w.shape[k + 1:])
        cell = identity_for(fn, rest, w) if 0 not in rest else np.zeros(rest, dtype=INT)
        xp = _xpo(cell)
        return xp.repeat(xp.expand_dims(cell, axis=k), count, axis=k)
    if count == 0 or 0 in shape:
        bk = backend_of(w)
        return bk.xp.zeros(shape, dtype=w.dtype if w.dtype == OBJ or kind(w) in "bf" else bk.INT,
                           device=device_of(w))
    xp = _xpo(w)

    def window(i):
        return w[(slice(None),) * k + (slice(i, i + count),)]

    if fn.kernel is not None:
        if w.dtype != OBJ and kind(w) in "biufc" and fn.glyph in "+×⌈⌊∧∨≠=-÷":
            view = backend_of(w).sliding_window(w, m, k)
            if wsize < 0:
                view = xp.flip(view, axis=-1)
            fast = _fast_reduce(fn.glyph, view, view.ndim - 1)
            if fast is not None:
                return fast
        windows = [window(i) for i in range(m)]
        if wsize < 0:
            windows.reverse()
        acc = windows[-1]
        for win in reversed(windows[:-1]):
            acc = fn.dyad(win, acc)
        return normalise(acc) if acc.dtype == OBJ else acc
    windows = [window(i) for i in range(m)]
    if wsize < 0:
        windows.reverse()
    stacked = xp.stack(windows, axis=-1)
    moved = xp.moveaxis(stacked, k, -2)
    results = [reduce(fn, moved[idx], 0) for idx in np.ndindex(*tuple(moved.shape[:-1]))]
    out = from_items([r[()] if r.dtype == OBJ and r.ndim == 0 else box(r) for r in results],
                     tuple(moved.shape[:-1]))
    return _xpo(out).moveaxis(out, -1, k)
