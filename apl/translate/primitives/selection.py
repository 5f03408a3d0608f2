"""Selection and search functions as PyTorch code: index of, where, membership, find, grade,
unique, intersection, interval index.

These look values up rather than rearrange them; torch has most of them (`isin`, `argsort`,
`searchsorted`), and helpers emitted into the module supply the rest (`index_of`, `find`).
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, call, literal_ints, method, result_kind
from ..fn import nonce


def iota(p, b, w):
    if w.rank not in (0, None):
        raise nonce("⍳ of a vector (nested indices)")
    n = literal_ints(w)
    if n is not None and w.rank == 0:
        stop = Code(str(n[0] + 1), C.PYINT)
    else:
        stop = binary("+", w, Code("1", C.PYINT), C.ADD, result_kind(w, Code("1", C.PYINT)))
    shape = (n[0],) if n is not None and w.rank == 0 else None
    return call("torch.arange", "1", stop.text, kind=C.INT, rank=1, shape=shape)


def index_of(p, b, a, w):
    return call(p.use("index_of"), p.tensor(a).text, p.tensor(w).text, kind=C.INT, rank=w.rank, shape=w.shape)


def where(p, b, w):
    w = p.tensor(w)
    if w.rank != 1:
        raise nonce("⍸ of an array that is not known to be a vector")
    if w.kind == C.BOOL:
        return binary("+", method(method(w, "nonzero"), "flatten"), Code("1", C.PYINT), C.ADD, C.INT, 1)
    n = call("torch.arange", "1", f"{w.atom()}.numel() + 1")
    return method(n, "repeat_interleave", w.text, kind=C.INT, rank=1)


def member(p, b, a, w):
    return call("torch.isin", p.tensor(a).text, p.tensor(w).text, kind=C.BOOL, rank=a.rank, shape=a.shape)


def _grade(descending):
    def run(p, b, w):
        w = p.tensor(w)
        if w.rank != 1:
            args = [w.text] + (["descending=True"] if descending else [])
            return call(p.use("grade"), *args, kind=C.INT, rank=1)
        args = ["descending=True"] if descending else []
        g = call("torch.argsort", w.text, *args, "stable=True", kind=C.INT)
        return binary("+", g, Code("1", C.PYINT), C.ADD, C.INT, 1, w.shape)

    return run


def unique(p, b, w):
    return call(p.use("unique"), w.text, kind=w.kind, rank=1)


def intersection(p, b, a, w):
    a = b.temp(p.tensor(a))
    if a.rank != 1:
        raise nonce("∩ on an array not known to be a vector")
    return Code(f"{a.atom()}[torch.isin({a.text}, {p.tensor(w).text})]", a.kind, C.ATOM, 1)


def interval_index(p, b, a, w):
    a = p.tensor(a)
    if a.rank != 1:
        raise nonce("⍸ with a left argument not known to be a vector")
    return call("torch.searchsorted", a.text, p.tensor(w).text, "right=True", kind=C.INT, rank=w.rank,
                shape=w.shape)


def find(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    return call(p.use("find"), a.text, w.text, kind=C.BOOL, rank=w.rank, shape=w.shape)


# ------------------------------------------------------------------ the renderings the registry names
grade_up = _grade(False)
grade_down = _grade(True)
