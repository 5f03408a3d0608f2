"""Ordering: grade ⍋ ⍒ (with a collating sequence on the left for characters) and interval index X⍸Y.

They follow Dyalog's total array ordering: exact comparisons, numbers before characters, complex
numbers by real then imaginary part, arrays item by item in ravel order after extending the lower
rank with leading 1s, a shorter array (padded with items that precede everything) before a longer
one, and a simple scalar before an enclosure it ties with. Simple arrays sort as key matrices in
the array library; nested ones through the ordering written out (`_tao`).
"""
from __future__ import annotations

import bisect
import functools

import numpy as np

from ..arrays import BOOL, CHAR, INT, OBJ, host_nested, host_values, is_simple_item, unbox
from ..backends import anyb, as_complex, as_float, as_int, backend_of, coerce, kind, namespace
from ..errors import DomainError, LengthError, RankError
from ..settings import current
from .cell_search import arange_as, cell_rows, char_codes, full_as, search_sorted
from .cells import proto_item, unify


def _order_columns(m):
    """A simple (n, k) matrix as sort keys: character codes, numbers, complex as re/im pairs."""
    k = kind(m)
    if k == "U":
        return char_codes(m)
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
    ra, rq = cell_rows(a, a.shape[0]), cell_rows(q, q.shape[0])
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
        return full_as(ka, (ka.shape[0], 1), 0), full_as(kq, (kq.shape[0], 1), 0)
    return ka, kq


def _lexgrade(keys, descending: bool):
    """Stable grade of the rows of a key matrix (lexicographic)."""
    n = keys.shape[0]
    bk = backend_of(keys)
    xp = bk.xp
    if n <= 1 or keys.shape[1] == 0:
        return arange_as(keys, n)
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
    step = xp.concat([full_as(keys, 1, 0), xp.cumulative_sum(as_int(xp.any(s[1:] != s[:-1], axis=1)))])
    out = full_as(keys, keys.shape[0], 0)
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
    a, b = host_values(a), host_values(b)
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
        return _lexgrade(_order_columns(cell_rows(w, n)), descending) + io
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


def grade_collated_down(a, w):
    return grade_collated(a, w, True)


def grade_collated(a, w, descending=False):
    """X⍋Y: characters ordered by their positions in X, the last axis of X first."""
    if kind(a) != "U" or kind(w) != "U":
        raise DomainError("dyadic grade needs simple character arguments")
    if a.ndim == 0 or w.ndim == 0:
        raise RankError("dyadic grade needs arrays of rank 1 or more")
    n = w.shape[0]
    wc = char_codes(cell_rows(w, n))
    ac = char_codes(a).reshape(-1)
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


# ------------------------------------------------------------------ ⍸ interval index
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
        pos = search_sorted(oa, oq, "right")
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
