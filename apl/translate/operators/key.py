"""Key as PyTorch code: k f⌸ v and f⌸ k on vector keys.

The keys' groups come from a helper (`torch.unique`, reordered to first appearance); an
operand that reduces each group (`{+/⍵}`, `{≢⍵}`, `{⍺,⌈/⍵}` …) becomes one scatter over the
groups, any other runs on each group in a loop.
"""
from __future__ import annotations

from ...errors import APLError
from ...syntax import ast, patterns
from ...syntax.binder import bind
from .. import code as C
from ..block import Block, settle
from ..code import Code, call, method
from ..dfn import classify_for
from ..fn import Fn, nonce

_SCATTER = {"+": None, "×": "prod", "⌈": "amax", "⌊": "amin"}


def _key_pattern(p, node, b):
    """What a ⌸ operand computes per group when torch has a scatter for it: (what, with_key),
    what being a glyph of + × ⌈ ⌊ (a reduction of ⍵) or ≢ (a count); else None."""
    if not isinstance(node, ast.Dfn) or len(node.body) != 1 or node.body[0].kind != "expr":
        return None
    try:
        body = bind(node.body[0].parts[0], classify_for(p, b.scope))
    except APLError:
        return None
    return patterns.group_reduction(body, _SCATTER)


def key(p, node, b, axis=None):
    """Key, f⌸: the distinct keys in order of first appearance (torch.unique, reordered), then
    a scatter (index_add, scatter_reduce, bincount) per group, or f on each group in a loop."""
    if node.left.role == "A":
        raise nonce("⌸ with an array operand", node)
    pattern = _key_pattern(p, node.left, b)

    def group(blk, a, w):
        a = p.tensor(a)
        if a.rank not in (1, None):
            raise nonce("⌸ with keys that are not a vector", node)
        keys, groups = blk.scope.fresh("keys"), blk.scope.fresh("groups")
        blk.emit(f"{keys}, {groups} = {p.use('key_groups')}({a.text})")
        if pattern is not None and pattern[0] == "≢":
            per = call("torch.bincount", groups, kind=C.INT, rank=1)
            return _with_key(keys, per) if pattern[1] else per
        if w is None:
            w = Code(f"torch.arange(1, {groups}.numel() + 1)", C.INT, C.ATOM, 1)
        w = blk.temp(p.tensor(w), "values")
        per = None if pattern is None else _scatter(blk, pattern[0], keys, groups, w)
        if per is not None:
            return _with_key(keys, per) if pattern[1] else per
        f = p.function(node.left, blk)
        i, k = blk.scope.fresh("i"), blk.scope.fresh("key")
        sub = Block(blk.scope, blk.indent)
        r = settle(f.dyad(sub, Code(k, C.NUM, C.ATOM, 0, ()), Code(f"{w.atom()}[{groups} == {i}]", w.kind, C.ATOM,
                                                                    w.rank)))
        if sub.lines:
            raise nonce("a ⌸ operand that needs statements", node)
        return Code(f"torch.stack([{p.tensor(r).text} for {i}, {k} in enumerate({keys})])", C.NUM, C.ATOM)

    def _with_key(keys, per):
        return call("torch.stack", f"[{keys}, {per.text}]", "dim=-1", kind=C.NUM, rank=2)

    def _scatter(blk, what, keys, groups, w):
        if what == "≢":
            return call("torch.bincount", groups, kind=C.INT, rank=1)
        glyph, axis = what[0], what[1]
        if axis == "/" and w.rank != 1:
            return None
        if w.kind == C.BOOL:
            w = method(w, "long", kind=C.INT, rank=w.rank)
        elif w.kind not in (C.INT, C.FLOAT):  # APL sums booleans as numbers
            values = blk.scope.fresh("values")
            blk.emit(f"{values} = {w.text}.long() if {w.text}.dtype == torch.bool else {w.text}")
            w = Code(values, C.NUM, C.ATOM, w.rank)
        zeros = f"torch.zeros(({keys}.numel(), *{w.atom()}.shape[1:]), dtype={w.atom()}.dtype)"
        if w.rank == 1:
            zeros = f"torch.zeros({keys}.numel(), dtype={w.atom()}.dtype)"
        if _SCATTER[glyph] is None:
            return Code(f"{zeros}.index_add(0, {groups}, {w.text})", w.kind, C.ATOM, w.rank)
        index = groups if w.rank == 1 else None
        if index is None:
            return None
        return Code(f'{zeros}.scatter_reduce(0, {groups}, {w.text}, "{_SCATTER[glyph]}", include_self=False)',
                    w.kind, C.ATOM, 1)

    return Fn(lambda blk, w: group(blk, w, None), lambda blk, a, w: group(blk, a, w), "key")

