"""Sessions: a workspace of names, its settings, and running source text in it."""
from __future__ import annotations

import sys
from typing import Callable

import numpy as np

from .. import arrays as ar
from ..errors import SyntaxError_, ValueError_, WSFull
from ..primitives.base import Function, Operator
from ..settings import Settings, using
from ..syntax.parser import parse
from .compiler import compiled_statement
from .env import Env

_RECURSION_LIMIT = 300_000


def run_statements(text: str, env: Env, on_result: Callable | None = None):
    """Run each statement of `text` in env; return the value of the last one.

    `on_result(value, shy)` is called after each statement (the CLI prints through it).
    """
    result = None
    for stmt in parse(text):
        c = compiled_statement(stmt, env, False)
        if c.kind != "expr":
            raise SyntaxError_("a guard is only allowed inside a dfn", stmt.span)
        try:
            result = c.run(env)
        except RecursionError:
            raise WSFull("recursion too deep", stmt.span) from None
        if on_result is not None:
            on_result(result, c.shy)
    return result


def run_text(text: str, env: Env):
    return run_statements(text, env)


def _from_user(value):
    if isinstance(value, (Function, Operator)):
        return value
    return ar.from_python(value)


def to_user(value):
    """What the Python API hands back: numpy scalars for simple numeric scalars."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biufc":
        return value[()]
    return value


class Session:
    """A workspace: names persist across calls of `eval`.

    >>> s = Session(); s.eval("x←⍳3"); s.eval("+/x")
    """

    def __init__(self, backend: str | None = None, output: Callable | None = None):
        if backend not in (None, "numpy"):
            from ..errors import NonceError

            raise NonceError(f"backend {backend!r} is not available yet")
        self.backend = backend or "numpy"
        self.settings = Settings()
        self.env = Env(session=self)
        self._output = output
        self.last_error = None  # the error an error guard caught last, for ⎕EN and ⎕DM
        if sys.getrecursionlimit() < _RECURSION_LIMIT:
            sys.setrecursionlimit(_RECURSION_LIMIT)

    def output(self, value):
        """⎕←value: print it the way the session displays results."""
        if self._output is not None:
            self._output(value)
        else:
            from ..display import format_value

            print(format_value(value, self.settings.pp))

    def eval(self, src: str, **names):
        """Evaluate a line or block; return the value of the last statement."""
        for k, v in names.items():
            self.env.vars[k] = _from_user(v)
        with using(self.settings):
            return to_user(run_statements(src, self.env))

    def run(self, src: str, on_result: Callable):
        """Evaluate statement by statement, reporting each (value, shy) pair."""
        with using(self.settings):
            return run_statements(src, self.env, on_result)

    def __getitem__(self, name: str):
        v = self.env.vars.get(name)
        if v is None:
            raise ValueError_(f"{name} is not defined")
        return to_user(v)

    def __setitem__(self, name: str, value):
        self.env.vars[name] = _from_user(value)

    def __contains__(self, name: str) -> bool:
        return name in self.env.vars

    def names(self) -> list[str]:
        return sorted(self.env.vars)


def evaluate(src: str, backend: str | None = None, **names):
    """Evaluate APL source in a fresh session and return the value of its last statement.

    Names given as keywords are bound first: `evaluate("X+.×Y", X=a, Y=b)`.
    """
    return Session(backend=backend).eval(src, **names)


