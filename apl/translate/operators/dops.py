"""Dops (operators defined in APL) as PyTorch code: the dop's body, written out with its
operands in place, as a def nested where the dop is applied.
"""
from __future__ import annotations

from ...errors import NonceError
from ...syntax import ast
from .. import code as C
from ..block import Block, remember, settle
from ..code import Code
from ..dfn import source_text
from ..fn import nonce
from ..names import Scope, python_name


def _call_operator_def(p, node, b):
    """A script's dop written as a function (operator_defs), applied to operands of the kinds
    it was written for: `lerp(t)`; else None."""
    op = node.op
    if isinstance(op, ast.Dfn) or op.id not in p.operator_defs or p.find_dop(op.id, b.scope) is not p.dops[op.id]:
        return None
    py, roles = p.operator_defs[op.id]
    args = []
    for glyph, operand in (("⍺⍺", node.left), ("⍵⍵", node.right)):
        if operand is None or glyph not in roles:
            continue
        if (operand.role == "A") != (roles[glyph] == "A"):
            return None
        if operand.role == "A":
            args.append(p.tensor(p.array(operand, b)).text)
        else:
            args.append(python_callable(p, b, p.function(operand, b)))
    derived = b.temp(Code(f"{py}({', '.join(args)})", C.NUM), "derived")
    return p.user_function(derived.text, op.id)


def python_callable(p, b, f) -> str:
    """A Python callable with the translator's contract, f(omega, alpha=None), for a function:
    its def's name, or a def nested here."""
    if getattr(f, "py_name", None):
        return f.py_name
    name = b.scope.fresh("operand")
    inner = Scope(b.scope)
    omega, alpha = inner.fresh("omega"), inner.fresh("alpha")
    lines = [f"def {name}({omega}, {alpha}=None):", f"    if {alpha} is None:"]
    for valence in (1, 2):
        blk = Block(inner, 2 if valence == 1 else 1)
        try:
            r = f.monad(blk, Code(omega)) if valence == 1 else f.dyad(blk, Code(alpha), Code(omega))
            blk.emit_return(p.tensor(r))
        except NonceError:
            blk.lines = []
            blk.emit(f'raise TypeError("{"monadic" if valence == 1 else "dyadic"} use has no translation")')
        lines += blk.lines
    b.lines.append("")
    b.lines.extend("    " * b.indent + ln for ln in lines)
    b.lines.append("")
    return name


def dop(p, node, b):
    """A dop applied to its operands: a def of the dop's body with the operands written in
    (⍺⍺ +/ with ⍺⍺ ← + prints as `.sum(dim=-1)`), nested where it is applied."""
    op = node.op
    called = _call_operator_def(p, node, b)
    if called is not None:
        return called
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
            v = p.tensor(settle(p.array(operand, b)))
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

