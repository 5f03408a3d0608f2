"""APL idioms that have a name in PyTorch: recognised on the AST, printed as that name.

The shapes themselves (`(+/,×⍨m)*0.5`, `(+/÷≢)`) are recognised by apl/syntax/patterns.py,
which the evaluator's idioms share.
"""
from __future__ import annotations

from ..errors import NonceError
from ..syntax import patterns
from . import code as C
from .code import call, method
from .fn import Fn


def expression_idiom(p, node, b):
    """`(+/,×⍨m)*0.5` and `(+/,m×m)*0.5`: the Frobenius norm, `torch.linalg.norm(m)`."""
    m_node = patterns.norm(node)
    if m_node is None:
        return None
    m = p.floated(p.tensor(p.array(m_node, b)))
    return call("torch.linalg.norm", m.text, kind=C.FLOAT, rank=0, shape=())


def fork_idiom(p, node):
    """`(+/÷≢)`: the mean along the first axis of a vector, `x.mean()`."""
    if not patterns.is_mean(node):
        return None

    def monad(blk, w):
        if w.rank != 1:
            return None
        return method(p.floated(p.tensor(w)), "mean", kind=C.FLOAT, rank=0, shape=())

    def dyad(blk, a, w):
        raise NonceError("cannot translate a dyadic (+/÷≢)")

    def monad_or_generic(blk, w):
        r = monad(blk, w)
        if r is not None:
            return r
        # APL's +/ sums the last axis and ≢ counts the first: for any rank this is the fork
        w = blk.temp(w)
        s = method(p.tensor(w), "sum", "dim=-1", kind=w.kind)
        n = call(p.use("tally"), w.text, kind=C.INT)
        return C.binary("/", p.floated(s), n, C.MUL, C.FLOAT)

    return Fn(monad_or_generic, dyad, "mean")
