"""f⍤1 on a whole array, under ranks=: what a PyTorch user writes for it.

A function written for float tensors of known ranks (ranks=, shapes=) applies f⍤1 to all the
cells at once where f works cell by cell as torch's broadcasting does: the cells' axis last,
reductions along it with `keepdim=True` (so that a cell's result lines up with the cell, as
`x - x.amax(dim=-1, keepdim=True)` does), scalar functions between cells, a cell's results and
numbers. Each value computed so is a Code with `cells` set (its cell rank, 0 or 1; a cell's
scalar result keeps its axis, of length 1); anything else in f (a structural function, a guard,
indexing …) is a NONCE ERROR here, and ⍤ then applies f cell by cell as without ranks=.
"""
from __future__ import annotations

from ..errors import NonceError
from ..syntax import ast
from . import code as C
from .block import Block, remember
from .code import Code, call
from .dfn import docstring_lines, print_statements, source_text
from .fn import nonce
from .names import Scope


def lift(p, blk, operand, w, k):
    """f⍤k ⍵ (operand: f's AST node) on all the cells at once, or None where it cannot be."""
    if not p.fast or w.kind != C.FLOAT or w.rank is None or w.cells is not None or w.is_python:
        return None
    cell = min(k, w.rank) if k >= 0 else max(w.rank + k, 0)
    if cell != 1:
        return None
    frame = w.rank - 1
    known = w.shape is not None and 0 not in w.shape[:frame]
    lines, helpers, temps = list(blk.lines), set(p.helpers), blk.temps
    try:
        if not (isinstance(operand, ast.Dfn) and operand.kind == "F"):
            if known:
                x = blk.temp(w).but(cells=1, aligned=True)
                return _result(p.function(operand, blk).monad(blk, x))
        name = _def(p, blk, operand, w)
    except NonceError:  # (as without ranks=: the helper `rank`, cell by cell)
        blk.lines[:], blk.temps = lines, temps
        p.helpers.clear()
        p.helpers.update(helpers)
        return None
    if known or not frame:
        return call(name, w.text, kind=C.FLOAT)
    # an empty frame: APL applies f to a prototype cell, which may fail
    return call(p.use("lifted"), name, w.text, str(frame), kind=C.FLOAT)


def _result(r: Code) -> Code:
    """The result of all the cells: a cell's scalar result loses the axis it kept."""
    if r.cells is None:
        raise nonce("a function of ⍤ whose result does not depend on its cell")
    if r.cells == 0 and r.text.endswith(", keepdim=True)"):  # (x.sum(dim=-1), not .squeeze(-1))
        return Code(r.text[: -len(", keepdim=True)")] + ")", r.kind, C.ATOM, raw=r.raw, holds=r.holds, pure=r.pure)
    if r.cells == 0:
        return Code(f"{r.atom()}.squeeze(-1)", r.kind, C.ATOM, raw=r.raw, holds=r.holds, pure=r.pure)
    return r.but(cells=None, aligned=False)


def _def(p, blk, node, w) -> str:
    """`def cells(omega):` the dfn's body (or the function) on all the cells at once."""
    name = blk.scope.fresh("cells")
    scope = Scope(blk.scope)
    omega = scope.names["⍵"] = scope.fresh("omega")
    scope.names["⍺"] = scope.fresh("alpha")
    scope.fns = {}
    x = Code(omega, C.FLOAT, C.ATOM, w.rank, w.shape, cells=1, aligned=True)
    remember(scope, omega, x)
    b = Block(scope, 1)
    b.self_name = None
    b.batched = _result
    if p.check:  # (see block.defer)
        b.deferred = []
    source = source_text(node)
    for line in docstring_lines(f"APL: {source}, on every cell at once (the cells' axis last)"):
        b.emit(line)
    if isinstance(node, ast.Dfn):
        print_statements(p, node.body, b, in_dfn=True)
    else:
        b.emit_return(p.function(node, b).monad(b, x))
    lines = [f"def {name}({omega}):", *b.lines]
    blk.lines.append("")
    blk.lines.extend("    " * blk.indent + ln if ln else "" for ln in lines)
    blk.lines.append("")
    return name
