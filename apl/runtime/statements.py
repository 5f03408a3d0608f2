"""Statements as the runtime runs them: a statement's compiled form (cached per signature of its
names' classes), the values a statement can give besides an array (a tail call, a shy value),
and running the statements of a text.

The compiler registers itself here when it loads (`use_compiler`): dfns and ⍎ run statements,
and the compiler makes dfns and ⍎, so the dependency is wired late rather than imported both ways.
"""
from __future__ import annotations

from typing import Callable

from ..errors import APLError, Span, SyntaxError_, WSFull
from ..syntax.parser import parse
from ..syntax.tradfn import pieces


class TailCall:
    """A dfn's result that is a call of ∇: the caller loops instead of recursing."""

    __slots__ = ("alpha", "omega")

    def __init__(self, alpha, omega):
        self.alpha, self.omega = alpha, omega


class ShyValue:
    """A statement's value that is not displayed (⍎'a←42' as a statement): run_statements
    and dfn bodies unwrap it and treat the statement as shy."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class Compiled:
    """One bound and compiled statement: kind "expr", "guard" or "error_guard"."""

    __slots__ = ("kind", "run", "shy", "cond", "span")

    def __init__(self, kind, run, shy=False, cond=None, span=None):
        self.kind, self.run, self.shy, self.cond, self.span = kind, run, shy, cond, span


_compile = None  # (stmt, roles, in_dfn) -> Compiled: the compiler's, set by use_compiler


def use_compiler(compile_statement: Callable) -> None:
    """Called once by apl.runtime.compiler as it loads."""
    global _compile
    _compile = compile_statement


def compiled_statement(stmt, env, in_dfn: bool) -> Compiled:
    """stmt bound and compiled for the classes its names have in env (cached on the statement)."""
    names = stmt.names
    if not names:
        sig = in_dfn
    elif len(names) == 1:  # (no list made: one name is the common case)
        sig = (in_dfn, env.role(names[0]))
    else:
        sig = (in_dfn, *[env.role(n) for n in names])
    c = stmt.bound.get(sig)
    if c is None:
        c = _compile(stmt, dict(zip(names, sig[1:])) if names else {}, in_dfn)
        stmt.bound[sig] = c
    return c


class ClearStack(Exception):
    """→ alone in a tradfn: abandon every running function and go back to the session, silently."""


_define = None  # (env, lines) -> the value defined: apl.runtime.tradfn's, set by use_definer


def use_definer(define: Callable) -> None:
    """Called once by apl.runtime.tradfn as it loads: texts may then hold ∇ definitions."""
    global _define
    _define = define


def run_statements(text: str, env, on_result: Callable | None = None):
    """Run each statement of `text` in env (and fix each ∇ definition in it, in order); return the
    value of the last statement.

    `on_result(value, shy)` is called after each statement (the CLI prints through it).
    """
    if "∇" in text and _define is not None:
        found = pieces(text)
        if any(p.kind == "definition" for p in found):
            return _run_pieces(text, found, env, on_result)
    result = None
    for stmt in parse(text):
        c = compiled_statement(stmt, env, False)
        if c.kind == "branch":  # → in the session: nothing is suspended, so nothing to do
            if c.run is not None:
                _run(c, stmt, env)
            continue
        if c.kind != "expr":
            raise SyntaxError_("a guard is only allowed inside a dfn", stmt.span)
        try:
            result = _run(c, stmt, env)
        except ClearStack:
            return None
        shy = c.shy
        if type(result) is ShyValue:  # a statement ⍎'a←42'
            result, shy = result.value, True
        if on_result is not None:
            on_result(result, shy)
    return result


def _run(c, stmt, env):
    try:
        return c.run(env)
    except RecursionError:
        raise WSFull("recursion too deep", stmt.span) from None
    except APLError as e:
        if e.statement is None:  # the outermost statement running (⍎ runs statements too)
            e.statement = stmt.span
        raise


def _run_pieces(text: str, found, env, on_result):
    """A text holding ∇ definitions: its code run and its definitions fixed, in order; each
    statement keeps its line in the text (for errors' places)."""
    result = None
    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    for piece in found:
        if piece.kind == "code":
            if "".join(piece.lines).strip():
                result = run_statements("\n" * piece.first + piece.text, env, on_result)
            continue
        if not piece.closed:
            raise SyntaxError_("a ∇ definition ends with a line holding ∇",
                               Span(text, offsets[piece.first], offsets[piece.first] + len(piece.lines[0])))
        try:
            _define(env, piece.lines)
        except APLError as e:
            if e.statement is None:  # the line of the definition the error is about
                line = piece.first + min(getattr(e, "definition_line", 0) or 0, len(piece.lines) - 1)
                e.statement = Span(text, offsets[line], offsets[line] + len(text.split("\n")[line]))
            raise
    return result
