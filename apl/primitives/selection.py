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

import numpy as np

from ..arrays import BOOL, CHAR, COMPLEX, FLOAT, INT, OBJ, enclose, normalise, to_int, to_ints, unbox
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError
from ..settings import current
from .cells import empty_with, keep_prototype, match, proto_item, unify

_PAIR_CHUNK = 1 << 22  # candidate pairs checked at once by the tolerant search


# ------------------------------------------------------------------ small helpers
def _codes(a: np.ndarray) -> np.ndarray:
    """Character codes (int64) of a character array."""
    flat = np.ascontiguousarray(a.reshape(-1), dtype=CHAR)
    return flat.view(np.uint32).astype(INT).reshape(a.shape)


def _rows(a: np.ndarray, n: int) -> np.ndarray:
    """An array whose first axis has n cells, as an (n, k) matrix of its cells' ravels."""
    k = int(np.prod(a.shape[1:], dtype=INT)) if a.ndim > 1 else 1
    return a.reshape(n, k)


def _object_vector(items: list) -> np.ndarray:
    out = np.empty(len(items), dtype=OBJ)
    for i, x in enumerate(items):
        out[i] = x
    return out


def _items(a: np.ndarray) -> list:
    """The ravel of an array as boxed items (Python scalars and str for simple arrays)."""
    return list(a.reshape(-1)) if a.dtype == OBJ else a.reshape(-1).tolist()


def _tidy(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """A selection from source: canonical storage, keeping source's prototype when empty."""
    return keep_prototype(out, source) if out.dtype == OBJ else out


# ------------------------------------------------------------------ searching: simple rows
def _numeric_pair(t: np.ndarray, q: np.ndarray):
    """Two simple numeric arrays in one dtype, and whether they compare exactly."""
    if t.dtype.kind in "biu" and q.dtype.kind in "biu":
        return t.astype(INT), q.astype(INT), True
    dt = COMPLEX if "c" in (t.dtype.kind, q.dtype.kind) else FLOAT
    return t.astype(dt) + 0.0, q.astype(dt) + 0.0, False  # + 0.0 folds ¯0 into 0


def _search_sorted(s: np.ndarray, keys: np.ndarray, side: str, order=None) -> np.ndarray:
    """np.searchsorted, with the keys visited in sorted order (much faster for large inputs)."""
    if keys.size < 256:
        return np.searchsorted(s, keys, side=side)
    if order is None:
        order = np.argsort(keys)
    out = np.empty(keys.size, dtype=INT)
    out[order] = np.searchsorted(s, keys[order], side=side)
    return out


def _first_exact(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """For each row of Q, the first row of T equal to it (exactly); len(T) where there is none."""
    n, m = T.shape[0], Q.shape[0]
    res = np.full(m, n, dtype=INT)
    if n == 0 or m == 0:
        return res
    if T.shape[1] == 0:
        res[:] = 0
        return res
    if T.shape[1] == 1:
        t, q = T[:, 0], Q[:, 0]
        order = np.argsort(t, kind="stable")
        st = t[order]
        pos = np.minimum(_search_sorted(st, q, "left"), n - 1)
        return np.where(st[pos] == q, order[pos], n).astype(INT)
    _, inv = np.unique(np.concatenate([T, Q]), axis=0, return_inverse=True)
    inv = inv.reshape(-1)
    groups, first = np.unique(inv[:n], return_index=True)
    table = np.full(int(inv.max()) + 1, n, dtype=INT)
    table[groups] = first
    return table[inv[n:]]


def _window(v: np.ndarray, ct: float):
    """Bounds on the (real part of the) values that can be tolerantly equal to each of v."""
    with np.errstate(all="ignore"):
        if v.dtype.kind == "c":
            r = np.abs(v) * (ct / (1 - ct))
            lo, hi = v.real - r, v.real + r
        else:
            a, b = v * (1 - ct), v / (1 - ct)
            lo, hi = np.minimum(a, b), np.maximum(a, b)
    return np.nextafter(lo, -np.inf), np.nextafter(hi, np.inf)


def _first_tolerant(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """_first_exact for float or complex rows, equal meaning tolerantly equal in every column."""
    from .scalar import equal

    n, m = T.shape[0], Q.shape[0]
    ct = current().ct
    if ct == 0 or n == 0 or m == 0 or T.shape[1] == 0:
        return _first_exact(T, Q)
    if T.shape[1] == 1:  # exact duplicates only need their first occurrence
        U, first = np.unique(T[:, 0], return_index=True)
        U = U.reshape(-1, 1)
    else:
        U, first = np.unique(T, axis=0, return_index=True)
    col = 0
    if U.shape[1] > 1:  # search on the most selective column
        col = int(np.argmax([np.unique(U[:, j]).size for j in range(U.shape[1])]))
    key = U[:, col].real
    order = np.argsort(key, kind="stable")
    lo_b, hi_b = _window(Q[:, col], ct)
    qorder = np.argsort(Q[:, col].real) if m >= 256 else None
    skey = key[order]
    lo = _search_sorted(skey, lo_b, "left", qorder)
    cnt = np.maximum(_search_sorted(skey, hi_b, "right", qorder) - lo, 0)
    res = np.full(m, n, dtype=INT)
    csum = np.cumsum(cnt)
    start = 0
    while start < m:
        base = int(csum[start - 1]) if start else 0
        end = min(max(int(np.searchsorted(csum, base + _PAIR_CHUNK, side="right")), start + 1), m)
        c = cnt[start:end]
        total = int(c.sum())
        if total:
            qi = np.repeat(np.arange(start, end), c)
            offs = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
            ui = order[np.repeat(lo[start:end], c) + offs]
            ok = equal(U[ui], Q[qi]).all(axis=1)
            if ok.any():
                np.minimum.at(res, qi[ok], first[ui[ok]])
        start = end
    return res


def _first_numeric(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    T, Q, exact = _numeric_pair(T, Q)
    return _first_exact(T, Q) if exact else _first_tolerant(T, Q)


# ------------------------------------------------------------------ searching: nested cells
def _sig(a: np.ndarray, nums: list):
    """Structural key of an array (its numbers are appended to nums, in ravel order)."""
    if a.size == 0:
        return ("E", a.shape, _item_key(proto_item(a), []))
    if a.dtype != OBJ:
        if a.dtype.kind == "U":
            return ("C", a.shape, "".join(a.reshape(-1).tolist()))
        if a.size:
            nums.append(a.reshape(-1))
        return ("N", a.shape)
    flat = list(a.reshape(-1))
    if all(not isinstance(x, np.ndarray) or (x.ndim == 0 and x.dtype != OBJ) for x in flat):
        flat = [x[()] if isinstance(x, np.ndarray) else x for x in flat]
        strs = [isinstance(x, str) for x in flat]
        if flat and all(strs):
            return ("C", a.shape, "".join(flat))
        if not any(strs):
            if flat:
                nums.append(np.array(flat))
            return ("N", a.shape)
    return ("M", a.shape, tuple(_item_key(x, nums) for x in flat))


def _item_key(x, nums: list):
    if isinstance(x, np.ndarray):
        if x.ndim or x.dtype == OBJ:
            return ("A", _sig(x, nums))
        x = x[()]
    if isinstance(x, str):
        return ("c", x)
    nums.append(x)
    return "n"


def _item_sig(x):
    """(key, numbers) of an item taken as a scalar cell (an array item is an enclosure)."""
    nums: list = []
    if isinstance(x, np.ndarray) and (x.ndim or x.dtype == OBJ):
        return ("M", (), (("A", _sig(x, nums)),)), nums
    if isinstance(x, np.ndarray):
        x = x[()]
    if isinstance(x, str):
        return ("C", (), x), nums
    return ("N", ()), [x]


def _cell_sigs(a: np.ndarray) -> list:
    """(key, numbers) of each major cell of a (of each item when a is a vector)."""
    if a.ndim <= 1:
        return [_item_sig(x) for x in _items(a)]
    out = []
    for i in range(a.shape[0]):
        nums: list = []
        out.append((_sig(a[i], nums), nums))
    return out


def _numbers(nums: list) -> np.ndarray:
    if not nums:
        return np.zeros(0, dtype=INT)
    if not any(isinstance(x, np.ndarray) for x in nums):
        arr = np.array(nums)
    else:
        arr = np.concatenate([np.atleast_1d(np.asarray(x)) for x in nums])
    return arr.astype(INT) if arr.dtype.kind in "bu" else arr


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
        T = np.stack([_numbers(tsigs[i][1]) for i in ts])
        Q = np.stack([_numbers(qsigs[j][1]) for j in qs])
        local = np.zeros(len(qs), dtype=INT) if T.shape[1] == 0 else _first_numeric(T, Q)
        res[qs] = np.array(ts + [n], dtype=INT)[local]
    if direct_q:
        res[direct_q] = direct_t
    return res


def _first_index(T: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """For each major cell of Q, the index of the first major cell of T matching it, else ≢T.

    T and Q have the same cell shape (a vector's cells are its items)."""
    n, m = T.shape[0], Q.shape[0]
    if T.dtype != OBJ and Q.dtype != OBJ:
        if (T.dtype.kind == "U") != (Q.dtype.kind == "U"):
            return np.full(m, n, dtype=INT)
        T2, Q2 = _rows(T, n), _rows(Q, m)
        if T.dtype.kind == "U":
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
    if np.any(dims < 0):
        raise DomainError("⍳ of a negative number")
    if dims.ndim == 0:
        return np.arange(io, int(dims) + io, dtype=INT)
    shape = tuple(int(d) for d in dims)
    if not shape:
        return enclose(np.zeros(0, dtype=INT))
    if 0 in shape:
        return empty_with(shape, np.zeros(len(shape), dtype=INT))
    grid = (np.indices(shape, dtype=INT) + io).reshape(len(shape), -1).T.copy()
    return _object_vector(list(grid)).reshape(shape)


def index_of(a, w):
    if a.ndim == 0:
        raise RankError("left argument of ⍳ must not be a scalar")
    io = current().io
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        raise LengthError("cells of the arguments differ in shape")
    lead = w.shape[:w.ndim - cell_rank]
    m = int(np.prod(lead, dtype=INT))
    pos = _first_index(a, w.reshape((m,) + a.shape[1:]))
    return (pos + io).reshape(lead)


# ------------------------------------------------------------------ ∊
def enlist(w):
    if w.dtype != OBJ:
        return w.reshape(-1)
    parts = [enlist(unbox(x)) for x in w.reshape(-1)]
    nonempty = [p for p in parts if p.size]
    if not nonempty:
        first = parts[0] if parts else enlist(unbox(proto_item(w)))
        return np.zeros(0, dtype=CHAR if first.dtype.kind == "U" else INT)
    return normalise(np.concatenate(unify(*nonempty)))


def member(a, w):
    table = w.reshape(-1)
    pos = _first_index(table, a.reshape(-1))
    return (pos < table.shape[0]).reshape(a.shape)


# ------------------------------------------------------------------ ⍸
def where(w):
    if w.dtype == OBJ:
        w = normalise(w)
    if w.dtype == OBJ or w.dtype.kind == "U":
        raise DomainError("⍸ needs simple non-negative integers")
    io = current().io
    if w.dtype == BOOL:
        flat = np.flatnonzero(w.reshape(-1))
    else:
        counts = to_ints(w, "argument of ⍸")
        if np.any(counts < 0):
            raise DomainError("⍸ needs non-negative integers")
        flat = np.repeat(np.arange(counts.size, dtype=INT), counts.reshape(-1))
    if w.ndim == 1:
        return flat.astype(INT) + io
    if w.ndim == 0:
        if not flat.size:
            return empty_with((0,), np.zeros(0, dtype=INT))
        return _object_vector([np.zeros(0, dtype=INT) for _ in flat])
    if not flat.size:
        return empty_with((0,), np.zeros(w.ndim, dtype=INT))
    idx = np.stack(np.unravel_index(flat, w.shape), axis=-1).astype(INT) + io
    return _object_vector(list(idx))


def interval_index(a, w):
    if a.ndim == 0:
        raise RankError("left argument of ⍸ must not be a scalar")
    io = current().io
    cell_rank = a.ndim - 1
    if w.ndim < cell_rank or w.shape[w.ndim - cell_rank:] != a.shape[1:]:
        raise LengthError("cells of the arguments differ in shape")
    lead = w.shape[:w.ndim - cell_rank]
    n, m = a.shape[0], int(np.prod(lead, dtype=INT))
    Q = w.reshape((m,) + a.shape[1:])
    keys = _order_keys_pair(a, Q)
    if keys is not None:
        ka, kq = keys
        if ka.shape[1] == 1:
            oa, oq = ka[:, 0], kq[:, 0]
        else:
            ords = _row_ordinals(np.concatenate([ka, kq]))
            oa, oq = ords[:n], ords[n:]
        if n > 1 and np.any(oa[1:] < oa[:-1]):
            raise DomainError("left argument of ⍸ must be in ascending order")
        pos = _search_sorted(oa, oq, "right")
    else:
        cmp = _tao_items if a.ndim == 1 else _tao
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
            return np.asarray(match(a, w))
        return np.zeros(w.shape, dtype=BOOL)
    pshape = (1,) * (w.ndim - a.ndim) + a.shape
    pat = a.reshape(pshape)
    out = np.zeros(w.shape, dtype=BOOL)
    if any(p > s for p, s in zip(pshape, w.shape)):
        return out
    limits = tuple(s - p + 1 for p, s in zip(pshape, w.shape))
    region = tuple(slice(0, k) for k in limits)
    if pat.size == 0:  # an empty pattern matches wherever it fits, if the prototypes agree
        out[region] = match(pat, _tidy(w[tuple(slice(0, p) for p in pshape)], w))
        return out
    hits = np.ones(limits, dtype=BOOL)
    if pat.dtype != OBJ and w.dtype != OBJ:
        if (pat.dtype.kind == "U") != (w.dtype.kind == "U"):
            return out
        from .scalar import equal

        for off in np.ndindex(*pshape):
            window = w[tuple(slice(o, o + k) for o, k in zip(off, limits))]
            hits &= equal(window, np.asarray(pat[off]))
            if not hits.any():
                break
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
    keep = _first_index(w, w) == np.arange(w.shape[0])
    return _tidy(w[keep], w)


def _vector(x, what):
    if x.ndim > 1:
        raise RankError(f"{what} takes scalars or vectors")
    return x.reshape(-1)


def union(a, w):
    a, w = _vector(a, "∪"), _vector(w, "∪")
    extra = w[~member(w, a)]
    from .structural import catenate

    return catenate(a, extra)


def intersection(a, w):
    a, w = _vector(a, "∩"), _vector(w, "∩")
    return _tidy(a[member(a, w)], a)


def without(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ~ must be a scalar or vector")
    a = a.reshape(-1)
    return _tidy(a[~member(a, w)], a)


# ------------------------------------------------------------------ ordering (⍋ ⍒ ⍸)
def _order_columns(m: np.ndarray) -> np.ndarray:
    """A simple (n, k) matrix as sort keys: character codes, numbers, complex as re/im pairs."""
    if m.dtype.kind == "U":
        return _codes(m)
    if m.dtype.kind == "b":
        return m.astype(INT)
    if m.dtype.kind == "c":
        return np.stack([m.real, m.imag], axis=2).reshape(m.shape[0], -1)
    return m


def _order_keys_pair(a: np.ndarray, q: np.ndarray):
    """Sort-key matrices for the cells of two simple arrays of one kind, else None."""
    if a.dtype == OBJ or q.dtype == OBJ:
        return None
    ca, cq = a.dtype.kind == "U", q.dtype.kind == "U"
    if ca != cq:
        return None
    ra, rq = _rows(a, a.shape[0]), _rows(q, q.shape[0])
    if not ca:
        if "c" in (a.dtype.kind, q.dtype.kind):
            ra, rq = ra.astype(COMPLEX), rq.astype(COMPLEX)
        elif "f" in (a.dtype.kind, q.dtype.kind):
            ra, rq = ra.astype(FLOAT), rq.astype(FLOAT)
    ka, kq = _order_columns(ra), _order_columns(rq)
    if ka.shape[1] == 0:
        return np.zeros((ka.shape[0], 1), dtype=INT), np.zeros((kq.shape[0], 1), dtype=INT)
    return ka, kq


def _lexgrade(keys: np.ndarray, descending: bool) -> np.ndarray:
    """Stable grade of the rows of a key matrix (lexicographic)."""
    n = keys.shape[0]
    if n <= 1 or keys.shape[1] == 0:
        return np.arange(n, dtype=INT)
    if descending:  # stable descending: reverse, grade up, map back
        g = _lexgrade(keys[::-1], False)
        return (n - 1 - g)[::-1].astype(INT)
    if keys.shape[1] == 1:
        return np.argsort(keys[:, 0], kind="stable").astype(INT)
    return np.lexsort(keys.T[::-1]).astype(INT)


def _row_ordinals(keys: np.ndarray) -> np.ndarray:
    """Dense ranks of the rows of a key matrix in lexicographic order."""
    order = _lexgrade(keys, False)
    s = keys[order]
    step = np.concatenate([[0], np.cumsum(np.any(s[1:] != s[:-1], axis=1))])
    out = np.empty(keys.shape[0], dtype=INT)
    out[order] = step
    return out


def _simple_item(x) -> bool:
    return not isinstance(x, np.ndarray) or (x.ndim == 0 and x.dtype != OBJ)


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
    if a.dtype.kind != "U" or w.dtype.kind != "U":
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
def _check_index(ix: np.ndarray, size: int, io: int) -> np.ndarray:
    ii = to_ints(ix, "index") - io
    if ii.size and (ii.min() < 0 or ii.max() >= size):
        raise IndexError_("index out of range")
    return ii


def _result_item(out: np.ndarray, source: np.ndarray) -> np.ndarray:
    """Selections from nested arrays: a scalar result is the item (enclosed if an array)."""
    if out.dtype != OBJ:
        return out
    if out.ndim == 0:
        item = out[()]
        return enclose(item) if isinstance(item, np.ndarray) and (item.ndim or item.dtype == OBJ) \
            else unbox(_plain(item))
    return keep_prototype(out, source)


def _choose(w: np.ndarray, ix: np.ndarray) -> np.ndarray:
    """w[I] with I nested: each item of I is the index vector of one element of w."""
    io = current().io
    rows = []
    for x in ix.reshape(-1):
        v = unbox(x) if not isinstance(x, np.ndarray) else x
        if v.dtype == OBJ:
            v = normalise(v)
            if v.dtype == OBJ:
                raise NonceError("reach indexing is not supported")
        v = v.reshape(-1)
        if v.size != w.ndim:
            raise RankError("each index must have one number per axis")
        rows.append(v)
    m = len(rows)
    if m:
        idx = np.stack([to_ints(r, "index") for r in rows]) - io
    else:
        idx = np.zeros((0, w.ndim), dtype=INT)
    if idx.size and (np.any(idx < 0) or np.any(idx >= np.array(w.shape, dtype=INT))):
        raise IndexError_("index out of range")
    out = w[tuple(idx[:, k] for k in range(w.ndim))] if w.ndim else np.broadcast_to(w, (m,)).copy()
    return _result_item(out.reshape(ix.shape), w)


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
    axes, shape = [], []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(np.arange(w.shape[k]))
            shape.append(w.shape[k])
            continue
        if ix.dtype == OBJ:
            ix = normalise(ix)
            if ix.dtype == OBJ:
                raise NonceError("nested indices with more than one axis are not supported")
        ii = _check_index(ix, w.shape[k], io)
        axes.append(ii.reshape(-1))
        shape.extend(ii.shape)
    if w.ndim == 0:
        return w
    return _result_item(w[np.ix_(*axes)].reshape(shape), w)


def squad(a, w):
    if a.ndim > 1:
        raise RankError("left argument of ⌷ must be a scalar or vector")
    parts = [unbox(x) for x in a.reshape(-1)] if a.dtype == OBJ else [np.asarray(x) for x in a.reshape(-1)]
    if len(parts) > w.ndim:
        raise RankError("more indices than axes")
    for p in parts:
        if p.dtype == OBJ and normalise(p).dtype == OBJ:
            raise DomainError("left argument of ⌷ has depth at most 2")
    return index_with(w, [normalise(p) for p in parts] + [None] * (w.ndim - len(parts)))


# ------------------------------------------------------------------ ? deal
def deal(a, w):
    n = to_int(a, "left argument of ?")
    m = to_int(w, "right argument of ?")
    if n < 0 or m < 0 or n > m:
        raise DomainError("deal needs 0 ≤ ⍺ ≤ ⍵")
    picks = current().rng.choice(m, size=n, replace=False) if n else np.zeros(0, dtype=INT)
    return (np.asarray(picks, dtype=INT) + current().io).astype(INT)
