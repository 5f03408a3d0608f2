"""Lexical environments: one per session (the workspace) and one per dfn call."""
from __future__ import annotations

from ..errors import ValueError_
from ..primitives.base import Function, Operator


def role_of(value) -> str:
    """The binding class of a value: array, function, monadic or dyadic operator."""
    if isinstance(value, Function):
        return "F"
    if isinstance(value, Operator):
        return "D" if value.arity == 2 else "M"
    return "A"


class Env:
    """Names visible at one level; lookups walk outwards to the enclosing levels."""

    __slots__ = ("vars", "parent", "dfn", "session")

    def __init__(self, parent: "Env | None" = None, session=None, dfn=None):
        self.vars: dict = {}
        self.parent = parent
        self.session = session if session is not None else (parent.session if parent else None)
        self.dfn = dfn

    def find(self, name: str):
        env = self
        while env is not None:
            v = env.vars.get(name)
            if v is not None:
                return v
            env = env.parent
        return None

    def lookup(self, name: str):
        v = self.find(name)
        if v is None:
            raise ValueError_(f"{name} is not defined")
        return v

    def role(self, name: str) -> str:
        v = self.find(name)
        return "A" if v is None else role_of(v)

    def owner(self, name: str) -> "Env | None":
        env = self
        while env is not None:
            if name in env.vars:
                return env
            env = env.parent
        return None

    def assign(self, name: str, value) -> None:
        self.vars[name] = value


def is_array(value) -> bool:
    from ..backends import is_array as _is_array

    return _is_array(value)
