"""APL idioms that have a name in PyTorch: recognised on the AST, printed as that name."""
from __future__ import annotations

from ..syntax import ast
from . import code as C
from .code import call, method


def _is_prim(node, glyph) -> bool:
    return isinstance(node, ast.PrimFn) and node.glyph == glyph


def _is_reduce(node, glyph) -> bool:
    return (isinstance(node, ast.Derived) and isinstance(node.op, ast.PrimOp) and node.op.glyph == "/"
            and node.op.axis is None and _is_prim(node.left, glyph))


def _same_name(a, b) -> bool:
    return isinstance(a, ast.Name) and isinstance(b, ast.Name) and a.id == b.id


def _squared_operand(node):
    """m for `×⍨m` or `m×m`, else None."""
    if isinstance(node, ast.Monadic) and isinstance(node.fn, ast.Derived) and isinstance(node.fn.op, ast.PrimOp) \
            and node.fn.op.glyph == "⍨" and _is_prim(node.fn.left, "×"):
        return node.omega
    if isinstance(node, ast.Dyadic) and _is_prim(node.fn, "×") and _same_name(node.alpha, node.omega):
        return node.omega
    return None


def expression_idiom(p, node, b):
    """`(+/,×⍨m)*0.5` and `(+/,m×m)*0.5`: the Frobenius norm, `torch.linalg.norm(m)`."""
    if not (_is_prim(node.fn, "*") and isinstance(node.omega, ast.Literal)):
        return None
    v = node.omega.value
    if getattr(v, "ndim", 1) != 0 or float(v) != 0.5:
        return None
    s = node.alpha
    if not (isinstance(s, ast.Monadic) and _is_reduce(s.fn, "+") and isinstance(s.omega, ast.Monadic)
            and _is_prim(s.omega.fn, ",")):
        return None
    m_node = _squared_operand(s.omega.omega)
    if m_node is None:
        return None
    m = p.floated(p.tensor(p.array(m_node, b)))
    return call("torch.linalg.norm", m.text, kind=C.FLOAT, rank=0, shape=())


def fork_idiom(p, node):
    """`(+/÷≢)`: the mean along the first axis of a vector, `x.mean()`."""
    from .printer import Fn

    if not (_is_reduce(node.left, "+") and _is_prim(node.middle, "÷") and _is_prim(node.right, "≢")):
        return None

    def monad(blk, w):
        if w.rank != 1:
            return None
        return method(p.floated(p.tensor(w)), "mean", kind=C.FLOAT, rank=0, shape=())

    def dyad(blk, a, w):
        from ..errors import NonceError

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
