"""⎕NS and ⎕NL: making namespaces and listing the names they hold (Dyalog's Language Reference,
system-functions/ns and nl). Namespaces themselves, and dotted names, are in env.py."""
from __future__ import annotations

import re

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import kind, size
from ..errors import DomainError, RankError
from ..primitives.base import Function, Operator
from .env import Env, container, namespace_in, namespace_named, namespace_of, new_namespace, ref

_NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")
_PATH = re.compile(r"(##?|⎕THIS|[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)(\.(##?|[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*))*")


def _text(w, what) -> str:
    if w.ndim > 1 or (size(w) and kind(w) != "U"):
        raise DomainError(f"{what} takes a name")
    return "".join(ar.host_values(w).reshape(-1).tolist()).strip() if size(w) else ""


def _names(w, what) -> list[str]:
    """Names in a character vector (blank-separated), matrix (one a row) or vector of vectors."""
    if w.dtype == OBJ:
        if w.ndim > 1:
            raise RankError(f"{what} takes a vector of names")
        return [_text(ar.unbox(x), what) for x in w.reshape(-1)]
    if size(w) == 0:
        return []
    if kind(w) != "U":
        raise DomainError(f"{what} takes names")
    if w.ndim == 2:
        return ["".join(row).strip() for row in ar.host_values(w).tolist()]
    if w.ndim > 2:
        raise RankError(f"{what} takes a vector or matrix of names")
    return _text(w, what).split()


def _copy_into(env: Env, target, names) -> None:
    for name in names:
        value = env.find(name)
        if value is None:
            raise DomainError(f"⎕NS: {name} is not defined")
        target.env.vars[name.rpartition(".")[2]] = value


class NS(Function):
    """⎕NS: a namespace. Monadic: a new one without a name, holding copies of the names Y lists
    (or a copy of the namespace Y refers to); its reference. Dyadic: the namespace X names (made
    if it is not there, in place of an array of that name), the names Y lists copied into it;
    its full name, shy."""

    glyph = "⎕NS"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        here = namespace_of(self.env)
        space = new_namespace(here)
        source = namespace_in(w)
        if source is not None:
            space.env.vars.update(source.env.vars)
        else:
            _copy_into(self.env, space, _names(w, "⎕NS"))
        return ref(space)

    def dyad(self, a, w):
        path = _text(a, "⎕NS")
        if not path:
            space = namespace_of(self.env)
        else:
            if not _PATH.fullmatch(path):
                raise DomainError(f"⎕NS: {path!r} is not a name")
            space = self._made(path)
        source = namespace_in(w)
        if source is not None:
            space.env.vars.update(source.env.vars)
        else:
            _copy_into(self.env, space, _names(w, "⎕NS"))
        return np.array(list(space.path()), dtype=ar.CHAR)

    def _made(self, path: str):
        if path in ("#", "##", "⎕THIS"):
            return namespace_named(self.env, path)
        if "." in path:
            parent, last = container(self.env, path)
        else:
            parent, last = namespace_of(self.env), path
        existing = parent.env.vars.get(last)
        if existing is not None:
            found = namespace_in(existing)
            if found is not None:
                return found
            if isinstance(existing, (Function, Operator)) or hasattr(existing, "name_class"):
                raise DomainError(f"⎕NS: {path} names a function")
        space = new_namespace(parent, last)
        parent.env.vars[last] = ref(space)
        return space


def name_class(value) -> float:
    """⎕NC's class of a value (with its sub-class): 2.1 an array, 3.1/3.2/3.3 a function, 4.x an
    operator, 9.1 a namespace reference."""
    if namespace_in(value) is not None:
        return 9.1
    if isinstance(value, (Function, Operator)) or hasattr(value, "name_class"):
        return value.name_class
    return 2.1


class NL(Function):
    """⎕NL classes: the names of those classes (2 arrays, 3 functions, 4 operators, 9 namespaces;
    2.1, 3.2… sub-classes) in the namespace, sorted, as a matrix; negative classes give a vector
    of names. X ⎕NL: only the names starting with one of X's letters."""

    glyph = "⎕NL"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        if size(w) == 0 or kind(w) not in "biuf":
            raise DomainError("⎕NL takes name classes: 2 3 4 9 (or sub-classes such as 3.2)")
        classes = [float(x) for x in ar.host_values(w).reshape(-1).tolist()]
        vector = any(c < 0 for c in classes)
        wanted = {abs(c) for c in classes}
        letters = None if a is None else set(_text(a, "⎕NL").replace(" ", ""))
        space = namespace_of(self.env)
        found = []
        for name, value in space.env.vars.items():
            if not _NAME.fullmatch(name) or (letters is not None and name[0] not in letters):
                continue
            c = name_class(value)
            if c in wanted or float(int(c)) in wanted:
                found.append(name)
        found.sort()
        if vector:
            return ar.from_items([np.array(list(n), dtype=ar.CHAR) for n in found], (len(found),)) \
                if found else np.zeros(0, dtype=OBJ)
        width = max((len(n) for n in found), default=0)
        out = np.full((len(found), width), " ", dtype=ar.CHAR)
        for i, n in enumerate(found):
            out[i, :len(n)] = list(n)
        return out
