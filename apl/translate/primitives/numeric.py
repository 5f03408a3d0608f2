"""Numeric functions as PyTorch code: matrix inverse, decode and encode, roll and deal.

`?` draws from a generator the module defines (seeded, so a translation repeats its draws);
⊥ and ⊤ go through helpers; ⌹ is `torch.linalg.inv`.
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, call, literal_ints, result_kind
from ..fn import nonce


def matrix_inverse(p, b, w):
    w = p.floated(p.tensor(w))
    if w.rank != 2:
        raise nonce("⌹ of an array not known to be a matrix")
    return call("torch.linalg.inv", w.text, kind=C.FLOAT, rank=2, shape=w.shape)


def roll(p, b, w):
    gen = p.use("generator")
    n = literal_ints(w)
    if n is not None and w.rank == 0 and n[0] > 0:
        return call("torch.randint", "1", str(n[0] + 1), "()", f"generator={gen}", kind=C.INT, rank=0, shape=())
    if n is not None and w.rank == 0 and n[0] == 0:
        return call("torch.rand", "()", "dtype=torch.float64", f"generator={gen}", kind=C.FLOAT, rank=0, shape=())
    return call(p.use("roll"), p.tensor(w).text, kind=C.NUM, rank=w.rank, shape=w.shape)


def deal(p, b, a, w):
    gen = p.use("generator")
    if a.rank not in (0, None) or w.rank not in (0, None):
        raise nonce("? of arrays that are not known to be scalars")
    m = w.text if w.kind == C.PYINT else f"int({w.text})"
    n = a.text if a.kind == C.PYINT else f"int({a.text})"
    cut = f"[:{n}]" if a.kind == C.PYINT or n.isidentifier() else f"[: {n}]"
    pick = Code(f"torch.randperm({m}, generator={gen}){cut}", C.INT, C.ATOM, 1)
    shape = (C.literal_int(a),) if C.literal_int(a) is not None else None
    return binary("+", pick, Code("1", C.PYINT), C.ADD, C.INT, 1, shape)


def decode(p, b, a, w):
    return call(p.use("decode"), p.tensor(a).text, p.tensor(w).text, kind=result_kind(a, w))


def encode(p, b, a, w):
    return call(p.use("encode"), p.tensor(a).text, p.tensor(w).text, kind=result_kind(a, w))
