"""Function bodies under construction, and what is known statically of their variables.

Every printer module emits statements into a `Block` and records or reads a variable's kind,
rank and shape with `remember` and `known`: these sit below the printer so that the modules it
calls can use them without importing it.
"""
from __future__ import annotations

import re

from . import code as C
from .code import Code
from .layout import layout
from .names import Scope


def settle(code: Code) -> Code:
    """A value of torch's float arithmetic (ranks=, Code.raw) checked to be finite where it
    could otherwise be lost (compared, selected, assigned, returned): `checked`, a DOMAIN
    ERROR for an infinity or a NaN, as APL has neither."""
    if not code.raw:
        return code
    return code.but(text=f"checked({code.text})", prec=C.ATOM, raw=False)


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
        return code.but(text=name, prec=C.ATOM)

    def insert(self, at: int, line: str):
        """A statement at line `at`, before those emitted since."""
        self.lines[at:at] = layout("    " * self.indent + line)
        self.last_temp = None

    def hoist(self, code: Code, at: int, base="t") -> Code:
        """Bind an expression to a fresh name at line `at` (before statements emitted since), so
        that it is computed before what follows it: APL evaluates right to left."""
        name = self.scope.fresh(base)
        self.lines[at:at] = layout("    " * self.indent + f"{name} = {code.text}")
        self.last_temp = None
        return code.but(text=name, prec=C.ATOM)

    def emit_return(self, code: Code):
        """`return …`, folding in a temporary computed just before for this very return (a
        value that may hold an infinity or a NaN checked first: see settle)."""
        if getattr(self, "batched", False):  # the result of a cell, for all cells (batched.py)
            code = self.batched(code)
        if code.raw:
            code = settle(code)
        last = getattr(self, "last_temp", None)
        fits = last and len("    " * self.indent + "return " + last[3]) <= 88
        if fits and last[0] == code.text and last[2] == len(self.lines):
            del self.lines[last[1]:]
            self.emit(f"return {last[3]}")
            return
        self.emit(f"return {code.text}")


_BARE_CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\(")
_HARMLESS = {"max", "min", "abs", "float", "int", "len", "tuple", "range", "reversed"}


def quiet(c: Code) -> bool:
    """Whether computing c can raise nothing: it calls none of the module's functions (which
    check APL's errors), no user function and no torch.linalg; the torch code the printer writes
    otherwise is only written where it is exact, so it raises nothing."""
    t = c.text
    if c.is_python or t.isidentifier():
        return True
    return not (set(_BARE_CALL.findall(t)) - _HARMLESS) and "torch.linalg" not in t


def remember(scope, py: str, v: Code):
    """What is statically known of a variable: kind, rank and shape."""
    info = getattr(scope, "info", None)
    if info is None:
        info = scope.info = {}
    info[py] = (C.NUM if v.is_python and v.kind == C.PYCOMPLEX else v.kind, v.rank, v.shape, v.bound)
    if v.cells is not None:  # (a batched value: batched.py)
        scope.cells = {**getattr(scope, "cells", {}), py: v.cells}


def cells_of(scope, py: str):
    """The cell rank of a batched variable (batched.py), or None."""
    s = scope
    while s is not None:
        if py in getattr(s, "cells", {}):
            return s.cells[py]
        if py in getattr(s, "info", {}):
            return None
        s = s.parent
    return None


def known(scope, py: str):
    """The kind, rank and shape remembered for a variable in scope or an enclosing one."""
    s = scope
    while s is not None:
        if py in getattr(s, "info", {}):
            return s.info[py]
        s = s.parent
    return C.NUM, None, None, None
