"""Power and at as PyTorch code: ⍣ becomes a loop, @ a copy with some cells replaced.

Both print statements into the block (a `for` or `while` loop; a `clone` and an indexed
assignment) rather than one expression.
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..block import Block
from ..code import Code, binary, call, method
from ..fn import Fn, nonce, refuse


def power(p, node, b, axis=None):
    f = p.function(node.left, b)
    if node.right.role == "A":
        n = p.array(node.right, b)
        if n.kind != C.PYINT or int(n.text) < 0:
            raise nonce("⍣ with a computed or negative count", node)

        def monad(blk, w):
            acc = blk.scope.fresh("x")
            w = p.tensor(w)
            blk.emit(f"{acc} = {w.text}")
            blk.emit(f"for _ in range({n.text}):")
            inner_blk = Block(blk.scope, blk.indent + 1)
            r = f.monad(inner_blk, Code(acc, w.kind))
            blk.lines += inner_blk.lines
            blk.emit(f"    {acc} = {r.text}")
            return Code(acc, r.kind if r.kind == w.kind else C.NUM)

        return Fn(monad, refuse("a dyadic ⍣", node), "power")
    if isinstance(node.right, ast.PrimFn) and node.right.glyph in ("≡", "="):
        def until_fixed(blk, w):
            acc = blk.scope.fresh("x")
            nxt = blk.scope.fresh("x_next")
            w = p.tensor(w)
            blk.emit(f"{acc} = {w.text}")
            blk.emit("while True:")
            inner_blk = Block(blk.scope, blk.indent + 1)
            r = f.monad(inner_blk, Code(acc, w.kind))
            blk.lines += inner_blk.lines
            blk.emit(f"    {nxt} = {r.text}")
            blk.emit(f"    if torch.equal({nxt}, {acc}):")
            blk.emit("        break")
            blk.emit(f"    {acc} = {nxt}")
            return Code(nxt, C.NUM)

        return Fn(until_fixed, refuse("a dyadic ⍣", node), "power")
    raise nonce("⍣ with this right operand", node)


def at(p, node, b, axis=None):
    """(A or f)@(indices or mask-function) on major cells: a copy with those cells replaced."""
    def monad(blk, w):
        w = blk.temp(p.tensor(w))
        out = blk.scope.fresh("out")
        if node.right.role == "F":
            mask = p.function(node.right, b).monad(blk, w)
            if mask.kind != C.BOOL:
                mask = method(p.tensor(mask), "bool", kind=C.BOOL)
            if node.left.role == "A":
                new = p.array(node.left, b)
                return call("torch.where", mask.text, p.tensor(new).text, w.text, kind=w.kind, rank=w.rank,
                            shape=w.shape)
            mask = blk.temp(mask, "mask")
            picked = Code(f"{w.atom()}[{mask.text}]", w.kind)
            new = p.function(node.left, b).monad(blk, picked)
            blk.emit(f"{out} = {w.text}.clone()")
            blk.emit(f"{out}[{mask.text}] = {new.text}")
            return Code(out, w.kind, C.ATOM, w.rank, w.shape)
        idx = p.array(node.right, b)
        where = binary("-", idx, Code("1", C.PYINT), C.ADD, C.INT)
        if node.left.role == "A":
            new = p.array(node.left, b)
        else:
            new = p.function(node.left, b).monad(blk, Code(f"{w.atom()}[{where.text}]", w.kind))
        blk.emit(f"{out} = {w.text}.clone()")
        blk.emit(f"{out}[{where.text}] = {new.text}")
        return Code(out, w.kind, C.ATOM, w.rank, w.shape)

    return Fn(monad, refuse("a dyadic @", node), "at")
