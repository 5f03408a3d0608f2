"""Searching for cells: for each major cell of one array, the first major cell of another that
matches it as ≡ does (characters exactly, numbers tolerantly, ⎕CT): `first_index`.

It is the machinery under ⍳ ∊ ∪ ∩ ~ ⍷ and monadic ≠ (search.py) and key ⌸ (cellwise.py).
Simple arrays are searched by sorting: exactly for integers and characters, and for other
numbers through a sorted window around each value followed by a tolerant check of the few
candidates it holds. Nested and mixed cells are reduced to a structural key (shapes, characters,
where the numbers are) and the vector of their numbers, so the same machinery searches them.
The small helpers that search.py and ordering.py share (character codes, cells as rows, arrays
made in another array's backend) live here too.
"""
from __future__ import annotations

import numpy as np

from ..arrays import CHAR, INT, OBJ, from_items, host_values, is_simple_item, ref_item
from ..backends import (
    anyb,
    as_complex,
    as_float,
    as_int,
    backend_of,
    coerce,
    device_of,
    is_array,
    kind,
    namespace,
    size,
)
from ..settings import current
from . import chunks
from .cells import proto_item, unify
from .chunks import CHUNK
from .comparison import equal

_PAIR_CHUNK = 1 << 22  # candidate pairs checked at once by the tolerant search


# ------------------------------------------------------------------ small helpers
def char_codes(a: np.ndarray) -> np.ndarray:
    """Character codes (int64) of a character array."""
    flat = np.ascontiguousarray(a.reshape(-1), dtype=CHAR)
    return flat.view(np.uint32).astype(INT).reshape(a.shape)


def cell_rows(a, n: int):
    """An array whose first axis has n cells, as an (n, k) matrix of its cells' ravels."""
    k = int(np.prod(tuple(a.shape[1:]), dtype=INT)) if a.ndim > 1 else 1
    return a.reshape(n, k)


def full_as(like, shape, value, dtype=None):
    """A new array of `shape` filled with value, in like's backend (int64 unless dtype)."""
    bk = backend_of(like)
    return bk.xp.full(tuple(shape) if not isinstance(shape, int) else (shape,), value,
                      dtype=dtype or bk.INT, device=device_of(like))


def arange_as(like, *args):
    bk = backend_of(like)
    if type(like) is np.ndarray and len(args) == 2 and args[1] - args[0] > CHUNK:
        return chunks.arange(*args)  # ⍳1E9: Ctrl-C lands while it fills
    return bk.xp.arange(*args, dtype=bk.INT, device=device_of(like))


def ravel_items(a) -> list:
    """The ravel of an array as boxed items (Python scalars and str for simple arrays; 0-d
    tensors for a tensor)."""
    if a.dtype == OBJ:
        return list(a.reshape(-1))
    if type(a) is np.ndarray:
        return a.reshape(-1).tolist()  # Python scalars: quicker to hash and compare
    return backend_of(a).items(a)


# ------------------------------------------------------------------ searching: simple rows
def _numeric_pair(t, q):
    """Two simple numeric arrays in one dtype (and backend), and whether they compare exactly."""
    if type(t) is not type(q):
        t, q = coerce(t, q)
    kt, kq = kind(t), kind(q)
    if kt in "biu" and kq in "biu":
        return as_int(t), as_int(q), True
    conv = as_complex if "c" in (kt, kq) else as_float
    return conv(t) + 0.0, conv(q) + 0.0, False  # + 0.0 folds ¯0 into 0


def search_sorted(s, keys, side: str, order=None):
    """np.searchsorted of keys in s (order: a grade of keys, which NumPy uses on large inputs)."""
    return backend_of(s).searchsorted(s, keys, side, order)


def _first_exact(T, Q):
    """For each row of Q, the first row of T equal to it (exactly); len(T) where there is none."""
    n, m = T.shape[0], Q.shape[0]
    res = full_as(T, m, n)
    if n == 0 or m == 0:
        return res
    if T.shape[1] == 0:
        return full_as(T, m, 0)
    bk = backend_of(T)
    xp = bk.xp
    if T.shape[1] == 1 and (kind(T) != "c" or bk.name == "numpy"):
        t, q = T[:, 0], Q[:, 0]
        order = xp.argsort(t, stable=True)
        st = t[order]
        pos = xp.clip(search_sorted(st, q, "left"), max=n - 1)
        return as_int(xp.where(st[pos] == q, order[pos], n))
    _, _, inv = bk.unique_rows(xp.concat([T, Q]))
    table = full_as(T, int(xp.max(inv)) + 1, n)
    table = bk.minimum_at(table, inv[:n], arange_as(T, n))
    return table[inv[n:]]


def _window(v, ct: float):
    """Bounds on the (real part of the) values that can be tolerantly equal to each of v."""
    xp = namespace(v)
    with np.errstate(all="ignore"):
        if kind(v) == "c":
            r = xp.abs(v) * (ct / (1 - ct))
            lo, hi = xp.real(v) - r, xp.real(v) + r
        else:
            a, b = v * (1 - ct), v / (1 - ct)
            lo, hi = xp.minimum(a, b), xp.maximum(a, b)
    return xp.nextafter(lo, xp.full_like(lo, -np.inf)), xp.nextafter(hi, xp.full_like(hi, np.inf))


def _first_tolerant(T, Q):
    """_first_exact for float or complex rows, equal meaning tolerantly equal in every column."""
    n, m = T.shape[0], Q.shape[0]
    ct = current().ct
    if ct == 0 or n == 0 or m == 0 or T.shape[1] == 0:
        return _first_exact(T, Q)
    bk = backend_of(T)
    xp = bk.xp
    numpy = bk.name == "numpy"
    if T.shape[1] == 1:  # exact duplicates only need their first occurrence
        U, first = bk.unique_first(T[:, 0])
        U = U.reshape(-1, 1)
    else:
        U, first, _ = bk.unique_rows(T)
    col = 0
    if U.shape[1] > 1:  # search on the most selective column
        counts = [size(bk.unique_first(U[:, j])[0]) for j in range(U.shape[1])]
        col = counts.index(max(counts))
    key = xp.real(U[:, col])
    order = xp.argsort(key, stable=True)
    lo_b, hi_b = _window(Q[:, col], ct)
    qorder = np.argsort(Q[:, col].real) if numpy and m >= 256 else None
    skey = key[order]
    lo = search_sorted(skey, lo_b, "left", qorder)
    cnt = xp.clip(search_sorted(skey, hi_b, "right", qorder) - lo, min=0)
    res = full_as(T, m, n)
    csum = xp.cumulative_sum(cnt)
    total_all = int(csum[-1])
    start = 0
    while start < m:
        if total_all <= _PAIR_CHUNK and start == 0:
            end = m
        else:
            base = int(csum[start - 1]) if start else 0
            stop = xp.searchsorted(csum, full_as(csum, 1, base + _PAIR_CHUNK), side="right")
            end = min(max(int(stop[0]), start + 1), m)
        c = cnt[start:end]
        total = int(xp.sum(c))
        if total:
            qi = xp.repeat(arange_as(T, start, end), c)
            offs = arange_as(T, total) - xp.repeat(xp.cumulative_sum(c) - c, c)
            ui = order[xp.repeat(lo[start:end], c) + offs]
            ok = xp.all(equal(U[ui], Q[qi]), axis=1)
            if anyb(ok):
                res = bk.minimum_at(res, qi[ok], first[ui[ok]])
        start = end
    return res


def _first_numeric(T, Q):
    T, Q, exact = _numeric_pair(T, Q)
    return _first_exact(T, Q) if exact else _first_tolerant(T, Q)


# ------------------------------------------------------------------ searching: nested cells
def _sig(a, nums: list):
    """Structural key of an array (its numbers are appended to nums, in ravel order)."""
    shp = tuple(a.shape)
    if size(a) == 0:
        return ("E", shp, _item_key(proto_item(a), []))
    if a.dtype != OBJ:
        if kind(a) == "U":
            return ("C", shp, "".join(a.reshape(-1).tolist()))
        nums.append(a.reshape(-1))
        return ("N", shp)
    flat = list(a.reshape(-1))
    if ref_item(a) is not None:  # a namespace reference: itself, by identity
        return ("R", id(ref_item(a)))
    if any(_is_ref(x) for x in flat):
        return ("M", shp, tuple(_item_key(x, nums) for x in flat))
    if all(is_simple_item(x) or (x.ndim == 0 and x.dtype != OBJ) for x in flat):
        flat = [x[()] if isinstance(x, np.ndarray) else x for x in flat]
        strs = [isinstance(x, str) for x in flat]
        if flat and all(strs):
            return ("C", shp, "".join(flat))
        if not any(strs):
            if flat:
                nums.append(from_items(flat, (len(flat),)))
            return ("N", shp)
    return ("M", shp, tuple(_item_key(x, nums) for x in flat))


def _is_ref(x) -> bool:
    """An item that is a namespace (a reference's item)."""
    return not isinstance(x, (np.ndarray, str, int, float, complex, np.generic)) and not is_array(x)


def _item_key(x, nums: list):
    if _is_ref(x):
        return ("r", id(x))
    if is_array(x):
        if x.ndim or x.dtype == OBJ:
            return ("A", _sig(x, nums))
        if isinstance(x, np.ndarray):
            x = x[()]  # NumPy's scalar: a str for a character (a device backend's number stays 0-d)
    if isinstance(x, str):
        return ("c", x)
    nums.append(x)
    return "n"


def item_signature(x):
    """(key, numbers) of an item taken as a scalar cell (an array item is an enclosure)."""
    nums: list = []
    if _is_ref(x) or (isinstance(x, np.ndarray) and ref_item(x) is not None):
        return ("R", (), id(x if _is_ref(x) else ref_item(x))), nums
    if is_array(x) and (x.ndim or x.dtype == OBJ):
        return ("M", (), (("A", _sig(x, nums)),)), nums
    if isinstance(x, np.ndarray):
        x = x[()]
    if isinstance(x, str):
        return ("C", (), x), nums
    return ("N", ()), [x]


def _cell_sigs(a) -> list:
    """(key, numbers) of each major cell of a (of each item when a is a vector)."""
    if a.ndim <= 1:
        return [item_signature(x) for x in ravel_items(a)]
    out = []
    for i in range(a.shape[0]):
        nums: list = []
        out.append((_sig(a[i], nums), nums))
    return out


def _numbers(nums: list):
    if not nums:
        return np.zeros(0, dtype=INT)
    if not any(is_array(x) for x in nums):
        out = np.array(nums)
    else:  # one vector in the numbers' backend (its concatenation promotes the types)
        bk, dev = backend_of(*nums), device_of(*nums)
        parts = [x.reshape(-1) if is_array(x) else np.array([x]) for x in nums]
        out = bk.xp.concat([p if bk.owns(p) else bk.from_numpy(p, dev) for p in parts])
    return as_int(out) if kind(out) in "bu" else out


def _stack_numbers(vectors: list):
    vectors = unify(*vectors)
    return namespace(*vectors).stack(vectors)


def first_by_signature(tsigs: list, qsigs: list) -> np.ndarray:
    """_first_exact over cells given by their signatures: same key, numbers tolerantly equal."""
    n, m = len(tsigs), len(qsigs)
    res = np.full(m, n, dtype=INT)
    groups: dict = {}
    for i, (k, _) in enumerate(tsigs):
        groups.setdefault(k, []).append(i)
    asked: dict = {}
    for j, (k, _) in enumerate(qsigs):
        if k in groups:
            asked.setdefault(k, []).append(j)
    direct_q: list = []
    direct_t: list = []
    for k, qs in asked.items():
        ts = groups[k]
        if not tsigs[ts[0]][1]:  # no numbers: the key alone decides
            direct_q.extend(qs)
            direct_t.extend([ts[0]] * len(qs))
            continue
        T = _stack_numbers([_numbers(tsigs[i][1]) for i in ts])
        Q = _stack_numbers([_numbers(qsigs[j][1]) for j in qs])
        local = np.zeros(len(qs), dtype=INT) if T.shape[1] == 0 else host_values(_first_numeric(T, Q))
        res[qs] = np.array(ts + [n], dtype=INT)[local]
    if direct_q:
        res[direct_q] = direct_t
    return res


def first_index(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """For each major cell of Q, the index of the first major cell of T matching it, else ≢T.

    T and Q have the same cell shape (a vector's cells are its items)."""
    n, m = T.shape[0], Q.shape[0]
    if T.dtype != OBJ and Q.dtype != OBJ:
        if (kind(T) == "U") != (kind(Q) == "U"):
            bk = backend_of(T, Q)
            return bk.xp.full((m,), n, dtype=bk.INT, device=device_of(T, Q))
        T2, Q2 = cell_rows(T, n), cell_rows(Q, m)
        if kind(T) == "U":
            return _first_exact(char_codes(T2), char_codes(Q2))
        return _first_numeric(T2, Q2)
    tsigs = _cell_sigs(T)
    return first_by_signature(tsigs, tsigs if Q is T else _cell_sigs(Q))
