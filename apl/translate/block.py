"""Function bodies under construction, and what is known statically of their variables.

Every printer module emits statements into a `Block` and records or reads a variable's kind,
rank and shape with `remember` and `known`: these sit below the printer so that the modules it
calls can use them without importing it.
"""
from __future__ import annotations

from . import code as C
from .code import Code
from .layout import layout
from .names import Scope


class Block:
    """Statements of one Python function body under construction."""

    def __init__(self, scope: Scope, indent: int = 1):
        self.scope = scope
        self.indent = indent
        self.lines: list[str] = []
        self.temps = 0

    def emit(self, line: str):
        self.lines.extend(layout("    " * self.indent + line))

    def temp(self, code: Code, base="t") -> Code:
        """Bind an expression to a fresh name, so it is computed once."""
        if code.prec >= C.ATOM and (code.text.isidentifier() or code.is_python):
            return code
        name = self.scope.fresh(base)
        start = len(self.lines)
        self.emit(f"{name} = {code.text}")
        self.last_temp = (name, start, len(self.lines), code.text)
        return Code(name, code.kind, C.ATOM, code.rank, code.shape)

    def emit_return(self, code: Code):
        """`return …`, folding in a temporary computed just before for this very return."""
        last = getattr(self, "last_temp", None)
        fits = last and len("    " * self.indent + "return " + last[3]) <= 88
        if fits and last[0] == code.text and last[2] == len(self.lines):
            del self.lines[last[1]:]
            self.emit(f"return {last[3]}")
            return
        self.emit(f"return {code.text}")


def remember(scope, py: str, v: Code):
    """What is statically known of a variable: kind, rank and shape."""
    info = getattr(scope, "info", None)
    if info is None:
        info = scope.info = {}
    info[py] = (C.NUM if v.is_python and v.kind == C.PYCOMPLEX else v.kind, v.rank, v.shape)


def known(scope, py: str):
    """The kind, rank and shape remembered for a variable in scope or an enclosing one."""
    s = scope
    while s is not None:
        if py in getattr(s, "info", {}):
            kind, rank, shape = s.info[py]
            return kind, rank, shape
        s = s.parent
    return C.NUM, None, None
