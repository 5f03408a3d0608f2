"""Selection and search functions as PyTorch code: index of, where, membership, find, grade,
unique, intersection, interval index.

These look values up rather than rearrange them; torch has most of them (`isin`, `argsort`,
`searchsorted`), and helpers emitted into the module supply the rest (`index_of`, `find`).
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, call, literal_ints


def _helper(p, name, *args, kind=C.NUM, rank=None, shape=None, bound=None) -> Code:
    return call(p.use(name), *(x if isinstance(x, str) else x.text for x in args), kind=C.tensor_kind(kind), rank=rank,
                shape=shape, bound=bound)


def iota(p, b, w):
    n = literal_ints(w)
    if n is not None and w.rank == 0 and 0 <= n[0] <= 2**24:
        return call("torch.arange", "1", str(n[0] + 1), kind=C.INT, rank=1, shape=(n[0],), bound=float(n[0]))
    return _helper(p, "iota", w, kind=C.INT, rank=1, bound=w.bound)


def index_of(p, b, a, w):
    bound = float(a.shape[0] + 1) if a.rank == 1 and a.shape is not None else None
    return _helper(p, "index_of", a, w, kind=C.INT, rank=w.rank, shape=w.shape, bound=bound)


def where(p, b, w):
    return _helper(p, "where", w, kind=C.INT, rank=1)


def member(p, b, a, w):
    return _helper(p, "member", a, w, kind=C.BOOL, rank=a.rank, shape=a.shape, bound=1.0)


def _grade(descending):
    def run(p, b, w):
        w = p.tensor(w)
        if w.rank == 1 and w.kind in (C.INT, C.FLOAT, C.BOOL):
            args = ["descending=True"] if descending else []
            g = call("torch.argsort", w.text, *args, "stable=True", kind=C.INT)
            return binary("+", g, Code("1", C.PYINT), C.ADD, C.INT, 1, w.shape)
        args = [w.text] + (["descending=True"] if descending else [])
        return _helper(p, "grade", *args, kind=C.INT, rank=1)

    return run


def unique(p, b, w):
    return _helper(p, "unique", w, kind=w.kind, rank=1, bound=w.bound)


def intersection(p, b, a, w):
    return _helper(p, "intersection", a, w, kind=a.kind, rank=1, bound=a.bound)


def interval_index(p, b, a, w):
    return _helper(p, "interval_index", a, w, kind=C.INT, rank=w.rank, shape=w.shape)


def find(p, b, a, w):
    return _helper(p, "find", a, w, kind=C.BOOL, rank=w.rank, shape=w.shape, bound=1.0)


# ------------------------------------------------------------------ the renderings the registry names
grade_up = _grade(False)
grade_down = _grade(True)
