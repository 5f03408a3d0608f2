"""Search, set, sort and selection functions: ⍳ ⍸ ∊ ⍷ ∪ ∩ ~ ⍋ ⍒ ⌷, indexing and deal.

Searching (⍳ ∊ ∪ ∩ ~ ⍷) matches cells as ≡ does: characters exactly, numbers tolerantly (⎕CT).
Simple arrays are searched by sorting: exactly for integers and characters, and for other
numbers through a sorted window around each value followed by a tolerant check of the few
candidates it holds. Nested and mixed cells are reduced to a structural key (shapes, characters,
where the numbers are) and the vector of their numbers, so the same machinery searches them.

Ordering (⍋ ⍒ and interval index ⍸) follows Dyalog's total array ordering: exact comparisons,
numbers before characters, complex numbers by real then imaginary part, arrays item by item in
ravel order after extending the lower rank with leading 1s, a shorter array (padded with items
that precede everything) before a longer one, and a simple scalar before an enclosure it ties with.
"""
from __future__ import annotations

import bisect
import functools
import math

import numpy as np

from ..arrays import (
    BOOL,
    CHAR,
    INT,
    OBJ,
    box,
    enclose,
    from_items,
    host_nested,
    host_values,
    index_for,
    is_simple_item,
    like_bool,
    normalise,
    to_int,
    to_ints,
    unbox,
)
from ..backends import (
    anyb,
    arr,
    as_complex,
    as_float,
    as_int,
    backend_of,
    coerce,
    is_array,
    is_tensor,
    kind,
    namespace,
    size,
)
from ..errors import DomainError, IndexError_, LengthError, RankError
from ..settings import current
from .cells import empty_with, keep_prototype, match, proto_item, unify

_PAIR_CHUNK = 1 << 22  # candidate pairs checked at once by the tolerant search


# ------------------------------------------------------------------ small helpers
def _codes(a: np.ndarray) -> np.ndarray:
    """Character codes (int64) of a character array."""
    flat = np.ascontiguousarray(a.reshape(-1), dtype=CHAR)
    return flat.view(np.uint32).astype(INT).reshape(a.shape)


def _rows(a, n: int):
    """An array whose first axis has n cells, as an (n, k) matrix of its cells' ravels."""
    k = int(np.prod(tuple(a.shape[1:]), dtype=INT)) if a.ndim > 1 else 1
    return a.reshape(n, k)


def _dev(x):
    return x.device if is_tensor(x) else None


def _full(like, shape, value, dtype=None):
    """A new array of `shape` filled with value, in like's backend (int64 unless dtype)."""
    bk = backend_of(like)
    if bk.name == "numpy":
        return np.full(shape, value, dtype=dtype or INT)
    return bk.xp.full(tuple(shape) if not isinstance(shape, int) else (shape,), value,
                      dtype=dtype or bk.INT, device=like.device)


def _arange(like, *args):
    bk = backend_of(like)
    if bk.name == "numpy":
        return np.arange(*args, dtype=INT)
    return bk.xp.arange(*args, dtype=bk.INT, device=like.device)


def _object_vector(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=OBJ)
    for i, x in enumerate(items):
        out[i] = x
    return out


def _items(a) -> list:
    """The ravel of an array as boxed items (Python scalars and str for simple arrays; 0-d
    tensors for a tensor)."""
    if a.dtype == OBJ:
        return list(a.reshape(-1))
    if is_tensor(a):
        return list(a.reshape(-1))
    return a.reshape(-1).tolist()


def _tidy(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """A selection from source: canonical storage, keeping source's prototype when empty."""
    return keep_prototype(out, source) if out.dtype == OBJ else out


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


def _search_sorted(s, keys, side: str, order=None):
    """np.searchsorted, with the keys visited in sorted order (much faster for large inputs)."""
    if is_tensor(s):
        return backend_of(s).xp.searchsorted(s.contiguous(), keys.contiguous(), side=side)
    if keys.size < 256:
        return np.searchsorted(s, keys, side=side)
    if order is None:
        order = np.argsort(keys)
    out = np.empty(keys.size, dtype=INT)
    out[order] = np.searchsorted(s, keys[order], side=side)
    return out


def _first_exact(T, Q):
    """For each row of Q, the first row of T equal to it (exactly); len(T) where there is none."""
    n, m = T.shape[0], Q.shape[0]
    res = _full(T, m, n)
    if n == 0 or m == 0:
        return res
    if T.shape[1] == 0:
        return _full(T, m, 0)
    bk = backend_of(T)
    xp = bk.xp
    if T.shape[1] == 1 and (kind(T) != "c" or bk.name == "numpy"):
        t, q = T[:, 0], Q[:, 0]
        order = xp.argsort(t, stable=True)
        st = t[order]
        pos = xp.clip(_search_sorted(st, q, "left"), max=n - 1)
        return as_int(xp.where(st[pos] == q, order[pos], n))
    _, _, inv = bk.unique_rows(xp.concat([T, Q]))
    table = _full(T, int(xp.max(inv)) + 1, n)
    table = bk.minimum_at(table, inv[:n], _arange(T, n))
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
    from .scalar import equal

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
    lo = _search_sorted(skey, lo_b, "left", qorder)
    cnt = xp.clip(_search_sorted(skey, hi_b, "right", qorder) - lo, min=0)
    res = _full(T, m, n)
    csum = xp.cumulative_sum(cnt)
    total_all = int(csum[-1])
    start = 0
    while start < m:
        if total_all <= _PAIR_CHUNK and start == 0:
            end = m
        else:
            base = int(csum[start - 1]) if start else 0
            stop = xp.searchsorted(csum, _full(csum, 1, base + _PAIR_CHUNK), side="right")
            end = min(max(int(stop[0]), start + 1), m)
        c = cnt[start:end]
        total = int(xp.sum(c))
        if total:
            qi = xp.repeat(_arange(T, start, end), c)
            offs = _arange(T, total) - xp.repeat(xp.cumulative_sum(c) - c, c)
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


def _item_key(x, nums: list):
    if is_array(x):
        if x.ndim or x.dtype == OBJ:
            return ("A", _sig(x, nums))
        x = x if is_tensor(x) else x[()]
    if isinstance(x, str):
        return ("c", x)
    nums.append(x)
    return "n"


def _item_sig(x):
    """(key, numbers) of an item taken as a scalar cell (an array item is an enclosure)."""
    nums: list = []
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
        return [_item_sig(x) for x in _items(a)]
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
    elif not any(is_tensor(x) for x in nums):
        out = np.concatenate([np.atleast_1d(np.asarray(x)) for x in nums])
    else:
        parts = unify(*[x.reshape(-1) if is_array(x) else np.array([x]) for x in nums])
        out = namespace(*parts).concat(parts)
    return as_int(out) if kind(out) in "bu" else out


def _stack_numbers(vectors: list):
    vectors = unify(*vectors)
    return namespace(*vectors).stack(vectors)


def _first_keyed(tsigs: list, qsigs: list) -> np.ndarray:
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


def _first_index(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """For each major cell of Q, the index of the first major cell of T matching it, else ≢T.

    T and Q have the same cell shape (a vector's cells are its items)."""
    n, m = T.shape[0], Q.shape[0]
    if T.dtype != OBJ and Q.dtype != OBJ:
        if (kind(T) == "U") != (kind(Q) == "U"):
            return _full(T if is_tensor(T) else Q, m, n)
        T2, Q2 = _rows(T, n), _rows(Q, m)
        if kind(T) == "U":
            return _first_exact(_codes(T2), _codes(Q2))
        return _first_numeric(T2, Q2)
    tsigs = _cell_sigs(T)
    return _first_keyed(tsigs, tsigs if Q is T else _cell_sigs(Q))


# ------------------------------------------------------------------ ⍳
def iota(w):
    io = current().io
    if w.ndim > 1:
        raise RankError("⍳ takes a scalar or vector")
    dims = to_ints(w, "argument of ⍳")
    if anyb(dims < 0):
        raise DomainError("⍳ of a negative number")
    from .structural import _MAX_ITEMS, check_rank

    shape = tuple(int(d) for d in host_values(dims).reshape(-1))
    if math.prod(shape) > _MAX_ITEMS:
        from ..errors import WSFull

        raise WSFull("result too large")
    if dims.ndim == 0:
        return _arange(dims, io, int(dims) + io)
    check_rank(len(shape))
    if not shape:
        return enclose(np.zeros(0, dtype=INT))
    if 0 in shape:
        return empty_with(shape, np.zeros(len(shape), dtype=INT))
    grid = (np.indices(shape, dtype=INT) + io).reshape(len(shape), -1).T.copy()
    if is_tensor(dims):
        # one tensor for the whole grid, its rows the items (views, made in one call): never a
        # conversion item by item
        grid = backend_of(dims).from_numpy(grid, device=dims.device)
        return _object_vector(list(grid.unbind(0))).reshape(shape)
    return _object_vector(list(grid)).reshape(shape)


def index_of(a, w):
    if a.ndim == 0:
        raise RankError("left argument of ⍳ must not be a scalar")
    io = current().io
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        raise LengthError("cells of the arguments differ in shape")
    lead = tuple(w.shape[:w.ndim - cell_rank])
    m = int(np.prod(lead, dtype=INT))
    pos = _first_index(a, w.reshape((m,) + tuple(a.shape[1:])))
    return (pos + io).reshape(lead)


# ------------------------------------------------------------------ ∊
def enlist(w):
    if w.dtype != OBJ:
        return w.reshape(-1)
    parts = [enlist(unbox(x)) for x in w.reshape(-1)]
    nonempty = [p for p in parts if size(p)]
    if not nonempty:
        first = parts[0] if parts else enlist(unbox(proto_item(w)))
        return np.zeros(0, dtype=CHAR if kind(first) == "U" else INT)
    joined = unify(*nonempty)
    xp = np if joined[0].dtype == OBJ else namespace(*joined)
    return normalise(xp.concat(joined))


def member(a, w):
    table = w.reshape(-1)
    pos = _first_index(table, a.reshape(-1))
    return (pos < table.shape[0]).reshape(a.shape)


# ------------------------------------------------------------------ ⍸
def where(w):
    if w.dtype == OBJ:
        w = normalise(w)
    if w.dtype == OBJ or kind(w) == "U":
        raise DomainError("⍸ needs simple non-negative integers")
    io = current().io
    bk = backend_of(w)
    xp = bk.xp
    if kind(w) == "b":
        flat = xp.nonzero(w.reshape(-1))[0]
    else:
        counts = to_ints(w, "argument of ⍸")
        if anyb(counts < 0):
            raise DomainError("⍸ needs non-negative integers")
        if size(counts) and int(xp.sum(counts)) > 2**34:
            from ..errors import WSFull

            raise WSFull("result too large")
        flat = xp.repeat(_arange(w, size(counts)), counts.reshape(-1))
    if w.ndim == 1:
        return as_int(flat) + io
    if w.ndim == 0:
        if not size(flat):
            return empty_with((0,), np.zeros(0, dtype=INT))
        return _object_vector([np.zeros(0, dtype=INT) for _ in range(size(flat))])
    if not size(flat):
        return empty_with((0,), np.zeros(w.ndim, dtype=INT))
    idx = as_int(xp.stack(bk.unravel_index(flat, tuple(w.shape)), axis=-1)) + io
    return _object_vector(list(idx))


def interval_index(a, w):
    if a.ndim == 0:
        raise RankError("left argument of ⍸ must not be a scalar")
    io = current().io
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        raise LengthError("cells of the arguments differ in shape")
    lead = tuple(w.shape[:w.ndim - cell_rank])
    n, m = a.shape[0], int(np.prod(lead, dtype=INT))
    Q = w.reshape((m,) + tuple(a.shape[1:]))
    keys = _order_keys_pair(a, Q)
    if keys is not None:
        ka, kq = keys
        if ka.shape[1] == 1:
            oa, oq = ka[:, 0], kq[:, 0]
        else:
            ords = _row_ordinals(namespace(ka, kq).concat([ka, kq]))
            oa, oq = ords[:n], ords[n:]
        if n > 1 and anyb(oa[1:] < oa[:-1]):
            raise DomainError("left argument of ⍸ must be in ascending order")
        pos = _search_sorted(oa, oq, "right")
        return (as_int(pos) - 1 + io).reshape(lead)
    else:
        cmp = _tao_items if a.ndim == 1 else _tao
        a, Q = host_nested(a), host_nested(Q)
        ca, cq = _order_cells(a), _order_cells(Q)
        if any(cmp(ca[i], ca[i + 1]) > 0 for i in range(n - 1)):
            raise DomainError("left argument of ⍸ must be in ascending order")
        key = functools.cmp_to_key(cmp)
        sorted_keys = [key(c) for c in ca]
        pos = np.array([bisect.bisect_right(sorted_keys, key(c)) for c in cq], dtype=INT)
    return (np.asarray(pos, dtype=INT) - 1 + io).reshape(lead)


# ------------------------------------------------------------------ ⍷
def find(a, w):
    if w.ndim == 0 or a.ndim > w.ndim:
        if w.ndim == 0:
            return like_bool(match(a, w), w)
        return _full(w, tuple(w.shape), False, backend_of(w).BOOL)
    pshape = (1,) * (w.ndim - a.ndim) + tuple(a.shape)
    pat = a.reshape(pshape)
    limits = tuple(s - p + 1 for p, s in zip(pshape, w.shape))
    region = tuple(slice(0, k) for k in limits)
    if pat.dtype != OBJ and w.dtype != OBJ and size(pat) and (kind(pat) == "U") == (kind(w) == "U") \
            and not any(p > s for p, s in zip(pshape, w.shape)):
        from .scalar import equal

        if type(pat) is not type(w):
            pat, w = coerce(pat, w)
        bk = backend_of(w)
        hits = _full(w, limits, True, bk.BOOL)
        for off in np.ndindex(*pshape):
            window = w[tuple(slice(o, o + k) for o, k in zip(off, limits))]
            hits = hits & equal(window, pat[off] if is_tensor(pat) else np.asarray(pat[off]))
            if not anyb(hits):
                break
        out = _full(w, tuple(w.shape), False, bk.BOOL)
        out[region] = hits
        return out
    out = np.zeros(tuple(w.shape), dtype=BOOL)
    if any(p > s for p, s in zip(pshape, w.shape)):
        return out
    if size(pat) == 0:  # an empty pattern matches wherever it fits, if the prototypes agree
        out[region] = match(pat, _tidy(w[tuple(slice(0, p) for p in pshape)], w))
        return out
    hits = np.ones(limits, dtype=BOOL)
    if pat.dtype != OBJ and w.dtype != OBJ:
        return out
    else:
        wsigs = [_item_sig(x) for x in _items(w)]
        for off, x in zip(np.ndindex(*pshape), _items(pat)):
            same = (_first_keyed([_item_sig(x)], wsigs) == 0).reshape(w.shape)
            hits &= same[tuple(slice(o, o + k) for o, k in zip(off, limits))]
            if not hits.any():
                break
    out[region] = hits
    return out


# ------------------------------------------------------------------ ∪ ∩ ~
def unique(w):
    if w.ndim == 0:
        return w.reshape(1)
    firsts = _first_index(w, w)
    keep = index_for(firsts == _arange(firsts, w.shape[0]), w)
    return _tidy(w[keep], w)


def _vector(x, what):
    if x.ndim > 1:
        raise RankError(f"{what} takes scalars or vectors")
    return x.reshape(-1)


def union(a, w):
    a, w = _vector(a, "∪"), _vector(w, "∪")
    extra = w[index_for(~member(w, a), w)]
    from .structural import catenate

    return catenate(a, extra)


def intersection(a, w):
    a, w = _vector(a, "∩"), _vector(w, "∩")
    return _tidy(a[index_for(member(a, w), a)], a)


def without(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ~ must be a scalar or vector")
    a = a.reshape(-1)
    return _tidy(a[index_for(~member(a, w), a)], a)


# ------------------------------------------------------------------ ordering (⍋ ⍒ ⍸)
def _order_columns(m):
    """A simple (n, k) matrix as sort keys: character codes, numbers, complex as re/im pairs."""
    k = kind(m)
    if k == "U":
        return _codes(m)
    if k == "b":
        return as_int(m)
    if k == "c":
        xp = namespace(m)
        return xp.reshape(xp.stack([xp.real(m), backend_of(m).imag(m)], axis=2), (m.shape[0], 2 * m.shape[1]))
    return m


def _order_keys_pair(a, q):
    """Sort-key matrices for the cells of two simple arrays of one kind, else None."""
    if a.dtype == OBJ or q.dtype == OBJ:
        return None
    ca, cq = kind(a) == "U", kind(q) == "U"
    if ca != cq:
        return None
    ra, rq = _rows(a, a.shape[0]), _rows(q, q.shape[0])
    if not ca:
        if type(ra) is not type(rq):
            ra, rq = coerce(ra, rq)
        kinds = (kind(a), kind(q))
        if "c" in kinds:
            ra, rq = as_complex(ra), as_complex(rq)
        elif "f" in kinds:
            ra, rq = as_float(ra), as_float(rq)
    ka, kq = _order_columns(ra), _order_columns(rq)
    if ka.shape[1] == 0:
        return _full(ka, (ka.shape[0], 1), 0), _full(kq, (kq.shape[0], 1), 0)
    return ka, kq


def _lexgrade(keys, descending: bool):
    """Stable grade of the rows of a key matrix (lexicographic)."""
    n = keys.shape[0]
    bk = backend_of(keys)
    xp = bk.xp
    if n <= 1 or keys.shape[1] == 0:
        return _arange(keys, n)
    if descending:  # stable descending: reverse, grade up, map back
        g = _lexgrade(xp.flip(keys, axis=0), False)
        return as_int(xp.flip(n - 1 - g, axis=0))
    if keys.shape[1] == 1:
        return as_int(xp.argsort(keys[:, 0], stable=True))
    return as_int(bk.lexsort_rows(keys))


def _row_ordinals(keys):
    """Dense ranks of the rows of a key matrix in lexicographic order."""
    bk = backend_of(keys)
    xp = bk.xp
    order = _lexgrade(keys, False)
    s = keys[order]
    step = xp.concat([_full(keys, 1, 0), xp.cumulative_sum(as_int(xp.any(s[1:] != s[:-1], axis=1)))])
    out = _full(keys, keys.shape[0], 0)
    out[order] = step
    return out


def _simple_item(x) -> bool:
    return is_simple_item(x) or (x.ndim == 0 and x.dtype != OBJ)


def _plain(x):
    return x[()] if isinstance(x, np.ndarray) else x


def _scalar_cmp(x, y) -> int:
    xc, yc = isinstance(x, str), isinstance(y, str)
    if xc != yc:
        return 1 if xc else -1
    if xc:
        return int(x > y) - int(x < y)
    if isinstance(x, (complex, np.complexfloating)) or isinstance(y, (complex, np.complexfloating)):
        kx, ky = (x.real, x.imag), (y.real, y.imag)
    else:
        kx, ky = x, y
    return int(kx > ky) - int(kx < ky)


def _tao_items(x, y) -> int:
    """Compare two items (boxed): an array item stands for its enclosure."""
    sx, sy = _simple_item(x), _simple_item(y)
    if sx and sy:
        return _scalar_cmp(_plain(x), _plain(y))
    if sx:
        return _tao(unbox(_plain(x)), y) or -1
    if sy:
        return _tao(x, unbox(_plain(y))) or 1
    return _tao(x, y)


def _tao(a: np.ndarray, b: np.ndarray) -> int:
    """Dyalog's total array ordering: ¯1, 0 or 1 as a precedes, matches or follows b."""
    if is_tensor(a):
        a = host_values(a)
    if is_tensor(b):
        b = host_values(b)
    if a.ndim == 0 and b.ndim == 0:
        return _tao_items(a[()] if a.dtype == OBJ else a, b[()] if b.dtype == OBJ else b)
    if a.ndim <= 1 and b.ndim <= 1 and a.size and b.size and a.dtype != OBJ and b.dtype != OBJ \
            and (a.dtype.kind == "U") == (b.dtype.kind == "U") and "c" not in (a.dtype.kind, b.dtype.kind):
        la, lb = a.reshape(-1).tolist(), b.reshape(-1).tolist()  # dictionary order
        if la != lb:
            return -1 if la < lb else 1
        return (a.ndim > b.ndim) - (a.ndim < b.ndim)
    r = max(a.ndim, b.ndim)
    sa, sb = (1,) * (r - a.ndim) + a.shape, (1,) * (r - b.ndim) + b.shape
    common = tuple(max(p, q) for p, q in zip(sa, sb))
    A, B = a.reshape(sa), b.reshape(sb)
    c = _tao_padded(A, B, common)
    if c:
        return c
    if a.size == 0 and b.size == 0:
        c = _tao_items(proto_item(a), proto_item(b))
        if c:
            return c
        # empties of one type: in the order of their shape vectors, working right to left
        if sa != sb:
            return -1 if sa[::-1] < sb[::-1] else 1
    if sa != sb:
        return -1 if sa < sb else 1
    return (a.ndim > b.ndim) - (a.ndim < b.ndim)


def _tao_padded(A: np.ndarray, B: np.ndarray, common: tuple) -> int:
    """Item-by-item comparison over a common shape; a missing item precedes everything."""
    if not common or 0 in common:
        return 0
    ra = tuple(slice(0, s) for s in A.shape)
    rb = tuple(slice(0, s) for s in B.shape)
    ma = np.zeros(common, dtype=BOOL)
    mb = np.zeros(common, dtype=BOOL)
    ma[ra] = True
    mb[rb] = True
    if A.dtype != OBJ and B.dtype != OBJ:
        if (A.dtype.kind == "U") == (B.dtype.kind == "U"):
            A2, B2 = unify(A, B)
            pa = np.zeros(common, dtype=A2.dtype)
            pb = np.zeros(common, dtype=A2.dtype)
            pa[ra], pb[rb] = A2, B2
            differ = (ma != mb) | (ma & mb & (pa != pb))
        else:
            differ = (ma != mb) | (ma & mb)
        hits = np.flatnonzero(differ.reshape(-1))
        if not hits.size:
            return 0
        idx = np.unravel_index(int(hits[0]), common)
        if not ma[idx]:
            return -1
        if not mb[idx]:
            return 1
        return _scalar_cmp(_plain(A[idx]), _plain(B[idx]))
    for idx in np.ndindex(*common):
        if not ma[idx] or not mb[idx]:
            if ma[idx] != mb[idx]:
                return -1 if mb[idx] else 1
            continue
        c = _tao_items(A[idx], B[idx])
        if c:
            return c
    return 0


def _order_cells(a: np.ndarray) -> list:
    """Major cells for ordering: items of a vector, subarrays otherwise."""
    if a.ndim <= 1:
        return list(a.reshape(-1)) if a.dtype == OBJ else [np.asarray(x) for x in a.reshape(-1)]
    return [a[i] for i in range(a.shape[0])]


def _plain_keys(items: list):
    """Python sort keys equivalent to the array ordering when every item is a character scalar
    or vector, or every one a real scalar or vector: (contents, rank). Else None."""
    keys, kind = [], None
    for x in items:
        if isinstance(x, np.ndarray) and (x.ndim or x.dtype == OBJ):
            if x.ndim > 1 or (x.dtype == OBJ and x.size) or x.dtype.kind not in "UbiufO":
                return None
            if x.dtype == OBJ:  # an empty nested vector: its prototype tells its kind
                p = _plain(proto_item(x))
                if isinstance(p, np.ndarray):
                    return None
                x = np.zeros(0, dtype=CHAR if isinstance(p, str) else INT)
            k = "C" if x.dtype.kind == "U" else "N"
            val, rank = ("".join(x.tolist()) if k == "C" else tuple(x.tolist())), 1
        else:
            x = _plain(x)
            if isinstance(x, str):
                k, val = "C", x
            elif isinstance(x, (bool, int, float, np.bool_, np.integer, np.floating)):
                k, val = "N", (x,)
            else:
                return None
            rank = 0
        if kind is not None and k != kind:
            return None
        kind = k
        keys.append((val, rank))
    return keys


def _grade(w, descending):
    if w.ndim == 0:
        raise RankError("grade needs an array of rank 1 or more")
    io = current().io
    n = w.shape[0]
    if w.dtype != OBJ:
        return _lexgrade(_order_columns(_rows(w, n)), descending) + io
    w = host_nested(w)
    cells = _order_cells(w)
    if w.ndim == 1:
        keys = _plain_keys(cells)
        if keys is not None:
            order = sorted(range(n), key=keys.__getitem__, reverse=descending)
            return np.array(order, dtype=INT) + io
    cmp = _tao_items if w.ndim == 1 else _tao
    order = sorted(range(n), key=functools.cmp_to_key(lambda i, j: cmp(cells[i], cells[j])),
                   reverse=descending)
    return np.array(order, dtype=INT) + io


def grade_up(w):
    return _grade(w, False)


def grade_down(w):
    return _grade(w, True)


def grade_collated(a, w, descending=False):
    """X⍋Y: characters ordered by their positions in X, the last axis of X first."""
    if kind(a) != "U" or kind(w) != "U":
        raise DomainError("dyadic grade needs simple character arguments")
    if a.ndim == 0 or w.ndim == 0:
        raise RankError("dyadic grade needs arrays of rank 1 or more")
    n = w.shape[0]
    wc = _codes(_rows(w, n))
    ac = _codes(a).reshape(-1)
    uniq, inv = np.unique(ac, return_inverse=True)
    found = np.isin(wc, uniq)
    slot = np.minimum(np.searchsorted(uniq, wc), max(len(uniq) - 1, 0))
    coords = np.indices(a.shape).reshape(a.ndim, -1)
    keys = []
    for axis in reversed(range(a.ndim)):
        best = np.full(len(uniq), a.shape[axis], dtype=INT)
        np.minimum.at(best, inv, coords[axis])
        keys.append(np.where(found, best[slot] if len(uniq) else a.shape[axis], a.shape[axis]))
    return _lexgrade(np.concatenate(keys, axis=1), descending) + current().io


# ------------------------------------------------------------------ indexing
def _check_index(ix, n: int, io: int):
    ii = to_ints(ix, "index") - io
    if size(ii) and anyb((ii < 0) | (ii >= n)):
        raise IndexError_("index out of range")
    return ii


def _result_item(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Selections from nested arrays: a scalar result is the item (enclosed if an array)."""
    if out.dtype != OBJ:
        return out
    if out.ndim == 0:
        item = out[()]
        return enclose(item) if is_array(item) and (item.ndim or item.dtype == OBJ) \
            else unbox(_plain(item))
    return keep_prototype(out, source)


def _reach_path(item, rank: int) -> list:
    """One item of a nested index as its levels, each a 0-based NumPy vector of one index per
    axis at that depth (Dyalog's choose and reach indexing). A simple item with one number per
    axis of the array (rank) chooses one element; a simple item of another length reaches down
    one level per number (Dyalog: for a vector E, E[⊂2 1] is E[⊂(⊂2),(⊂1)]); the items of a
    nested item are the levels."""
    io = current().io
    v = unbox(item)
    if v.dtype == OBJ:
        v = normalise(v)
    if v.dtype != OBJ:
        flat = host_values(to_ints(v, "index")).reshape(-1) - io
        if flat.shape[0] == rank:
            return [flat]
        return [flat[i:i + 1] for i in range(flat.shape[0])]
    levels = []
    for x in v.reshape(-1):
        lv = unbox(x)
        if lv.dtype == OBJ:
            lv = normalise(lv)
            if lv.dtype == OBJ:
                raise DomainError("each level of a reach index is a simple scalar or vector")
        levels.append(host_values(to_ints(lv, "index")).reshape(-1) - io)
    return levels


def _reach_position(e, lv) -> tuple:
    if lv.shape[0] != e.ndim:
        raise RankError("each index must have one number per axis")
    if lv.shape[0] and ((lv < 0).any() or (lv >= np.array(tuple(e.shape))).any()):
        raise IndexError_("index out of range")
    return tuple(int(i) for i in lv)


def _reach(w, ix: np.ndarray) -> np.ndarray:
    """w[I] with I nested and some item reaching below the top level of w."""
    out = []
    for x in ix.reshape(-1):
        e = w
        for lv in _reach_path(x, w.ndim):
            e = unbox(e[_reach_position(e, lv)])
        out.append(box(e))
    res = from_items(out, tuple(ix.shape))
    return keep_prototype(res, w) if res.dtype == OBJ else res


def _set_reached(e, levels, item):
    """A copy of e with the element at the end of the reach path levels replaced by item."""
    if not levels:
        return unbox(item)
    pos = _reach_position(e, levels[0])
    if len(levels) > 1:
        item = box(_set_reached(unbox(e[pos]), levels[1:], item))
    new = unbox(item)
    new = enclose(new) if new.ndim or new.dtype == OBJ else new
    e, new = unify(e, new)
    e = e.clone() if is_tensor(e) else e.copy()
    e[pos] = new[()] if new.dtype == OBJ else new
    return normalise(e) if e.dtype == OBJ else e


def assign_reach(w, ix: np.ndarray, value):
    """A copy of w with w[I]←value for a nested index I (choose or reach); the items of value
    go in ravel order, so a repeated position gets the last one (Dyalog)."""
    paths = [_reach_path(x, w.ndim) for x in ix.reshape(-1)]
    if size(value) != 1 and tuple(value.shape) != tuple(ix.shape):
        if value.ndim != ix.ndim:
            raise RankError("value does not fit the selection")
        raise LengthError("value does not fit the selection")
    flat = value.reshape(-1)
    vals = [flat[0]] * len(paths) if size(value) == 1 else [flat[i] for i in range(len(paths))]
    if value.dtype != OBJ and not is_tensor(value):
        vals = [np.asarray(v) for v in vals]
    for levels, v in zip(paths, vals):
        w = _set_reached(w, levels, v)
    return w


def _choose(w: np.ndarray, ix: np.ndarray) -> np.ndarray:
    """w[I] with I nested: each item of I is the index vector of one element of w."""
    io = current().io
    rows = []
    for x in ix.reshape(-1):
        v = unbox(x)
        if v.dtype == OBJ:
            v = normalise(v)
            if v.dtype == OBJ:
                return _reach(w, ix)
        v = v.reshape(-1)
        if size(v) != w.ndim:
            return _reach(w, ix)
        rows.append(v)
    m = len(rows)
    target = w
    if m:
        idx = namespace(target).stack([index_for(to_ints(r, "index"), target) for r in rows]) - io
    else:
        idx = index_for(np.zeros((0, w.ndim), dtype=INT), target)
    if size(idx) and anyb((idx < 0) | (idx >= index_for(np.array(tuple(w.shape), dtype=INT), target))):
        raise IndexError_("index out of range")
    if w.ndim:
        out = w[tuple(idx[:, k] for k in range(w.ndim))]
    else:
        out = w.expand(m).clone() if is_tensor(w) else np.broadcast_to(w, (m,)).copy()
    return _result_item(out.reshape(tuple(ix.shape)), w)


def index_with(w: np.ndarray, indices: list) -> np.ndarray:
    """w[i;j;…]: one index array (or None for all) per axis."""
    if len(indices) == 1 and indices[0] is not None and indices[0].dtype == OBJ:
        ix = normalise(indices[0])
        if ix.dtype == OBJ:
            return _choose(w, ix)
        indices = [ix]
    if w.ndim == 0 and len(indices) == 1 and indices[0] is None:
        return w
    if len(indices) != w.ndim:
        raise RankError("one index per axis")
    io = current().io
    bk = backend_of(w) if w.dtype != OBJ else backend_of()
    axes, shape = [], []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(index_for(np.arange(w.shape[k]), w))
            shape.append(w.shape[k])
            continue
        if ix.dtype == OBJ:
            ix = normalise(ix)
            if ix.dtype == OBJ:  # LRG/indexing: one simple integer array per axis
                raise DomainError("an index of m[i;j] must be a simple integer array")
        ii = _check_index(ix, w.shape[k], io)
        axes.append(index_for(ii.reshape(-1), w))
        shape.extend(ii.shape)
    if w.ndim == 0:
        return w
    if all(ix is None for ix in indices):
        return w
    return _result_item(w[bk.ix_(*axes)].reshape(tuple(shape)), w)


def squad(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a scalar or vector")
    flat = a.reshape(-1)
    parts = [unbox(x) for x in flat] if a.dtype == OBJ else [
        flat[i] if is_tensor(flat) else np.asarray(flat[i]) for i in range(flat.shape[0])]
    if len(parts) > w.ndim:  # Dyalog: 1 2⌷'one' 'two' 'three' is a LENGTH ERROR
        raise LengthError("more indices than axes")
    for p in parts:
        if p.dtype == OBJ and normalise(p).dtype == OBJ:
            raise DomainError("left argument of ⌷ has depth at most 2")
    return index_with(w, [normalise(p) for p in parts] + [None] * (w.ndim - len(parts)))


def squad_axis(a, w, axis):
    """I⌷[k]w: the items of I index the axes k of w, the other axes are taken whole."""
    from .structural import _axes_arg

    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a scalar or vector")
    ks = _axes_arg(axis, w.ndim)
    flat = a.reshape(-1)
    parts = [unbox(x) for x in flat] if a.dtype == OBJ else [
        flat[i] if is_tensor(flat) else np.asarray(flat[i]) for i in range(flat.shape[0])]
    if len(parts) != len(ks):
        raise LengthError("⌷[k]: one index per axis in k")
    indices = [None] * w.ndim
    for k, p in zip(ks, parts):
        p = normalise(p)
        if p.dtype == OBJ:
            raise DomainError("left argument of ⌷ has depth at most 2")
        indices[k] = p
    return index_with(w, indices)


# ------------------------------------------------------------------ ? deal
def deal(a, w):
    n = to_int(a, "left argument of ?")
    m = to_int(w, "right argument of ?")
    if n < 0 or m < 0 or n > m:
        raise DomainError("deal needs 0 ≤ ⍺ ≤ ⍵")
    if n > 2**31:  # NumPy would crash on such a size; Dyalog has no workspace for it
        from ..errors import WSFull

        raise WSFull("deal: result too large")
    try:
        picks = current().rng.choice(m, size=n, replace=False) if n else np.zeros(0, dtype=INT)
    except MemoryError:
        from ..errors import WSFull

        raise WSFull("deal: result too large") from None
    out = (np.asarray(picks, dtype=INT) + current().io).astype(INT)
    like = a if is_tensor(a) else w
    return index_for(out, like) if is_tensor(like) else out


def unique_mask(w):
    """≠w: 1 for the first occurrence of each major cell, 0 for repeats (Dyalog 18)."""
    if w.ndim == 0:
        return np.array(True)
    io = current().io
    first = index_of(w, w)
    return arr(first == _arange(first, io, w.shape[0] + io))
