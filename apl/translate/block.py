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


def settle(code: Code, eager=True) -> Code:
    """A value of torch's float arithmetic (ranks=, Code.raw) checked to be finite where it
    could otherwise be lost (compared, selected, passed to a function that can drop it,
    returned): `checked`, a DOMAIN ERROR for an infinity or a NaN, as APL has neither. A value
    raw only through deferred variables (Code.pure: `,v`, `v`) has them checked where they
    are assigned instead, once (Deferred.check_at_assignment), unless not `eager` (a last use)."""
    if not code.raw:
        return code
    tops = [d for d in code.holds if not any(d in e.holds for e in code.holds)]  # (the others flow into them)
    if eager and code.pure and tops and all(d.check_at_assignment() for d in tops):
        return code.but(raw=False, holds=frozenset(), pure=False)
    return code.but(text=f"checked({code.text})", prec=C.ATOM, raw=False, holds=frozenset(), pure=False)


class Deferred:
    """A variable assigned a raw value and left unchecked (see defer)."""

    __slots__ = ("py", "block", "line", "expr", "holds")

    def __init__(self, py, block, line, expr, holds):
        self.py, self.block, self.line, self.expr, self.holds = py, block, line, expr, holds

    def __repr__(self):
        return f"Deferred({self.py})"

    def check_at_assignment(self) -> bool:
        """Check the value where it is assigned after all (`py = checked(…)`, the line rewritten
        in place, so that no line moves), and no longer defer it; False where that line was
        laid out on several lines or would grow too long."""
        b = self.block
        if self not in b.deferred:
            return True
        lines = b.lines
        new = "    " * b.indent + f"{self.py} = checked({self.expr})"
        if self.line is None or len(new) > 88 or lines.count(self.line) != 1:
            return False
        lines[lines.index(self.line)] = new
        self.settled()
        for d in self.holds:  # (assigned before, in this block: their infinities would land here)
            if d.block is b and d in b.deferred:
                d.settled()
        return True

    def settled(self):
        """No longer deferred: checked, or surely held by a value checked after it."""
        self.block.deferred.remove(self)
        del self.block.scope.raw_names[self.py]


def defer(b, py: str, v: Code):
    """Emit `py = v` for a raw value v, left unchecked where the block defers checks (the top of
    a def written for float tensors; b.deferred), and return its Deferred; None (nothing
    emitted) elsewhere. The variable stays raw: where it is used, a function that could lose
    an infinity or a NaN has it checked (settle), one that keeps it passes it on (fn.KEEPS_RAW,
    Code.holds); at each return, the deferred variables that the result does not surely hold
    are checked. So one check of the result stands for the values that flow into it
    (+ - × ÷ , +/ …), where each assignment cost a check (a pass over the tensor and a
    sync). An APL error that the interpreter raises after such a value's DOMAIN ERROR may be
    raised first (apl.compile reruns any error through the general translation)."""
    if not v.raw or getattr(b, "deferred", None) is None:
        return None
    start = len(b.lines)
    b.emit(f"{py} = {v.text}")
    d = Deferred(py, b, b.lines[start] if len(b.lines) == start + 1 else None, v.text, v.holds)
    b.deferred.append(d)
    scope = b.scope
    if not hasattr(scope, "raw_names"):
        scope.raw_names = {}
    scope.raw_names[py] = d
    return d


def _entry(scope, py: str, table: str, default):
    """py's entry in `table` (a dict a scope may hold) of the scope that defines py, or default:
    the search stops at the scope whose info knows py."""
    s = scope
    while s is not None:
        if py in getattr(s, table, {}):
            return getattr(s, table)[py]
        if py in getattr(s, "info", {}):
            return default
        s = s.parent
    return default


def deferred_var(scope, py: str):
    """The Deferred of a variable whose check is deferred (see defer), or None."""
    return _entry(scope, py, "raw_names", None)


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
        held = code.holds if code.raw else frozenset()
        if code.raw:
            code = settle(code, eager=False)
        pending = getattr(self, "deferred", None) or getattr(self, "deferred_before", ())
        checks = [f"checked({d.py})" for d in pending if d not in held and d in d.block.deferred]  # (see defer)
        last = getattr(self, "last_temp", None)
        fits = last and len("    " * self.indent + "return " + last[3]) <= 88
        if fits and last[0] == code.text and last[2] == len(self.lines):
            del self.lines[last[1]:]
            for line in checks:
                self.emit(line)
            self.emit(f"return {last[3]}")
            return
        for line in checks:
            self.emit(line)
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
    scope.natives = {**getattr(scope, "natives", {}), py: v.native}


def is_native(scope, py: str) -> bool:
    """Whether a variable holds a float tensor of the arguments' dtype (native.py)."""
    return _entry(scope, py, "natives", False)


def cells_of(scope, py: str):
    """The cell rank of a batched variable (batched.py), or None."""
    return _entry(scope, py, "cells", None)


def known(scope, py: str):
    """The kind, rank and shape remembered for a variable in scope or an enclosing one."""
    s = scope
    while s is not None:
        if py in getattr(s, "info", {}):
            return s.info[py]
        s = s.parent
    return C.NUM, None, None, None
