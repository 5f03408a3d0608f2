"""Power and at as PyTorch code: ⍣ becomes a loop, @ a copy with some cells replaced.

Both print statements into the block (a `for` or `while` loop; a `clone` and an indexed
assignment) rather than one expression.
"""
from __future__ import annotations

from ...syntax import ast
from .. import code as C
from ..block import Block, settle
from ..code import Code, call
from ..fn import Fn, nonce, refuse


def power(p, node, b, axis=None):
    f = p.function(node.left, b)
    if node.right.role == "A":
        n = p.array(node.right, b)
        if C.literal_int(n) is None or C.literal_int(n) < 0:
            raise nonce("⍣ with a computed or negative count", node)

        def monad(blk, w):
            acc = blk.scope.fresh("x")
            w = p.tensor(w)
            blk.emit(f"{acc} = {w.text}")
            blk.emit(f"for _ in range({n.text}):")
            inner_blk = Block(blk.scope, blk.indent + 1)
            r = settle(f.monad(inner_blk, Code(acc, w.kind)))
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
            r = settle(f.monad(inner_blk, Code(acc, w.kind)))
            blk.lines += inner_blk.lines
            blk.emit(f"    {nxt} = {r.text}")
            blk.emit(f"    if torch.equal({nxt}, {acc}):")
            blk.emit("        break")
            blk.emit(f"    {acc} = {nxt}")
            return Code(nxt, C.NUM)

        return Fn(until_fixed, refuse("a dyadic ⍣", node), "power")
    raise nonce("⍣ with this right operand", node)


def at(p, node, b, axis=None):
    """(A or f)@(indices or mask-function): a copy with those major cells (or items) replaced;
    the module's `at` checks the indices and the values' shape at run time."""
    def monad(blk, w):
        w = blk.temp(p.tensor(w))
        if node.right.role == "F":
            mask = p.function(node.right, b).monad(blk, w)
            mask = blk.temp(call(p.use("boolean"), mask.text, kind=C.BOOL) if mask.kind != C.BOOL else mask, "mask")
            if node.left.role == "A":
                new = p.tensor(p.array(node.left, b))
                return call("torch.where", mask.text, new.text, w.text, kind=C.NUM, rank=w.rank, shape=w.shape)
            out = blk.scope.fresh("out")
            picked = Code(f"{w.atom()}[{mask.text}]", w.kind, C.ATOM, 1)
            new = p.tensor(settle(p.function(node.left, b).monad(blk, picked)))
            blk.emit(f"{out} = {w.text}.to(torch.promote_types({w.text}.dtype, {new.atom()}.dtype))")
            blk.emit(f"{out}[{mask.text}] = {new.text}")
            return Code(out, C.NUM, C.ATOM, w.rank, w.shape)
        idx = blk.temp(p.tensor(p.array(node.right, b)), "where")
        if node.left.role == "A":
            new = p.array(node.left, b)
        else:
            cells = call(p.use("major_cells"), w.text, idx.text, kind=C.tensor_kind(w.kind))
            new = settle(p.function(node.left, b).monad(blk, cells))
        return call(p.use("at"), p.tensor(new).text, idx.text, w.text, kind=C.NUM, rank=w.rank, shape=w.shape)

    return Fn(monad, refuse("a dyadic @", node), "at")
