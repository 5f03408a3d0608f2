"""Dops (operators defined in APL) as PyTorch code: the dop's body, written out with its
operands in place, as a def nested where the dop is applied.
"""
from __future__ import annotations

from ...syntax import ast
from ..block import remember
from ..dfn import source_text
from ..fn import nonce
from ..names import python_name


def dop(p, node, b):
    """A dop applied to its operands: a def of the dop's body with the operands written in
    (⍺⍺ +/ with ⍺⍺ ← + prints as `.sum(dim=-1)`), nested where it is applied."""
    op = node.op
    if isinstance(op, ast.Dfn):
        body, label = op, "dop"
    else:
        body = p.find_dop(op.id, b.scope)
        if body is None:
            raise nonce(f"the operator {op.id}", node)
        label = python_name(op.id)
    operands, described = {}, []
    for glyph, operand in (("⍺⍺", node.left), ("⍵⍵", node.right)):
        if operand is None:
            continue
        described.append(f"{glyph} is {source_text(operand)}")
        if operand.role == "A":
            v = p.tensor(p.array(operand, b))
            py = b.scope.fresh("alpha_alpha" if glyph == "⍺⍺" else "omega_omega")
            b.emit(f"{py} = {v.text}")
            remember(b.scope, py, v)
            operands[glyph] = py
        else:
            operands[glyph] = p.function(operand, b)
    name = b.scope.fresh(label)
    doc = f"APL: {source_text(body)} where {', '.join(described)}"
    p.define_dfn(name, body, b, doc, operands)
    return p.user_function(name, label)

