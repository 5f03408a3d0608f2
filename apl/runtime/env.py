"""Environments: one per session (the workspace, the root namespace #), one per namespace, one
per dfn call. A name with dots (`ns.x`, `#.ns.f`, `##.y`) is found through the namespaces its
parts name."""
from __future__ import annotations

import numpy as np

from ..errors import DomainError, ValueError_
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

    __slots__ = ("vars", "parent", "dfn", "session", "namespace", "made")

    def __init__(self, parent: "Env | None" = None, session=None, dfn=None):
        self.vars: dict = {}
        self.parent = parent
        self.session = session if session is not None else (parent.session if parent else None)
        self.dfn = dfn
        self.namespace = None  # the Namespace an outermost environment is (made when asked for)
        # {dfn node: its function here; derived node: (operands, function)}: an outermost
        # environment's, made once (dfn.outermost_dfn, derivation.derived_here)
        self.made = None

    def made_here(self) -> dict:
        """The dict of what this (outermost) environment made once, bounded: cleared at 1024."""
        made = self.made
        if made is None or len(made) >= 1024:
            made = self.made = {}
        return made

    def find(self, name: str):
        env = self
        while env is not None:
            v = env.vars.get(name)
            if v is not None:
                return v
            env = env.parent
        if "." in name or name in ("#", "##"):
            return find_dotted(self, name)
        return None

    def lookup(self, name: str):
        v = self.find(name)
        if v is None:
            raise ValueError_(f"{name} is not defined")
        return v

    def role(self, name: str) -> str:
        v = self.vars.get(name)  # (this level first, in the fewest calls: every statement asks)
        if v is None:
            v = self.find(name)
        return "A" if v is None or type(v) is np.ndarray else role_of(v)

    def owner(self, name: str) -> "Env | _Member | None":
        env = self
        while env is not None:
            if name in env.vars:
                return env
            env = env.parent
        if "." in name:
            space, last = container(self, name)
            return _Member(space.env, name, last) if last in space.env.vars else None
        return None

    def assign(self, name: str, value) -> None:
        if "." in name:
            space, last = container(self, name)
            space.env.vars[last] = value
        else:
            self.vars[name] = value


def is_array(value) -> bool:
    from ..backends import is_array as _is_array

    return _is_array(value)


# ---------------------------------------------------------------- namespaces
class Namespace:
    """A namespace: its names (an environment of its own, whose lookups stop there, as Dyalog's
    do), its name if it has one, and the namespace it was made in (##)."""

    __slots__ = ("env", "name", "parent", "__weakref__")

    def __init__(self, env: Env, name: str | None = None, parent: "Namespace | None" = None):
        self.env, self.name, self.parent = env, name, parent
        env.namespace = self

    def path(self) -> str:
        """As Dyalog shows a reference: #, #.ns, #.ns.inner, #.[Namespace] for one with no name."""
        if self.parent is None:
            return "#"
        return f"{self.parent.path()}.{self.name or '[Namespace]'}"

    __str__ = path

    def __repr__(self):
        return f"<APL namespace {self.path()}>"

    def _unordered(self, other):
        raise DomainError("namespace references have no order (⍋ ⍒ ⍸ < > compare numbers and characters)")

    __lt__ = __le__ = __gt__ = __ge__ = _unordered


def namespace_of(env: Env) -> Namespace:
    """The namespace code running in env is in (the outermost environment's; the session's is #)."""
    while env.parent is not None:
        env = env.parent
    if env.namespace is None:
        Namespace(env)
    return env.namespace


def new_namespace(parent: Namespace, name: str | None = None) -> Namespace:
    return Namespace(Env(session=parent.env.session), name, parent)


def ref(space: Namespace) -> np.ndarray:
    """A reference to the namespace, as an APL scalar."""
    out = np.empty((), dtype=object)
    out[()] = space
    return out


def namespace_in(value) -> Namespace | None:
    """The namespace a scalar reference refers to, or None for any other value."""
    if type(value) is np.ndarray and value.dtype == object and value.ndim == 0:
        item = value[()]
        return item if isinstance(item, Namespace) else None
    return None


def _step(env: Env, space: Namespace | None, part: str, name: str) -> Namespace:
    if part == "#":
        root = namespace_of(env)
        while root.parent is not None:
            root = root.parent
        return root
    if part == "##":
        here = space if space is not None else namespace_of(env)
        return here.parent if here.parent is not None else here
    if part == "⎕THIS":
        return space if space is not None else namespace_of(env)
    value = env.find(part) if space is None else space.env.vars.get(part)
    found = namespace_in(value)
    if found is None:
        what = "is not defined" if value is None else "is not a namespace"
        raise ValueError_(f"{part} in {name} {what}")
    return found


def container(env: Env, name: str) -> tuple[Namespace, str]:
    """The namespace holding the last part of a dotted name, and that part."""
    parts = name.split(".")
    space = None
    for part in parts[:-1]:
        space = _step(env, space, part, name)
    return space, parts[-1]


def find_dotted(env: Env, name: str):
    """What a dotted name (or # or ##) holds, or None."""
    if name in ("#", "##"):
        return ref(_step(env, None, name, name))
    try:
        space, last = container(env, name)
    except ValueError_:
        return _expanded(env, name)
    if last in ("#", "##"):
        return ref(_step(space.env, space, last, name))
    return space.env.vars.get(last)


def _expanded(env: Env, name: str):
    """refs.x for an array of references (Dyalog's array expansion): each one's x, in an array of
    the references' shape; None where a part is not there."""
    parts = name.split(".")
    value = env.find(parts[0]) if parts[0] not in ("#", "##", "⎕THIS") else None
    if value is None or type(value) is not np.ndarray or value.dtype != object or value.ndim == 0:
        return None
    from ..arrays import box, from_items

    rest, members = ".".join(parts[1:]), []
    for item in value.reshape(-1):
        space = item if isinstance(item, Namespace) else namespace_in(item)
        member = None if space is None else find_dotted(space.env, rest) if "." in rest else space.env.vars.get(rest)
        if member is None or not hasattr(member, "dtype"):
            return None
        members.append(box(member))
    return from_items(members, value.shape)


def namespace_named(env: Env, path: str) -> Namespace:
    """The namespace a name or dotted path (or #, ##, ⎕THIS) refers to."""
    if path == "⎕THIS":
        return namespace_of(env)
    value = env.find(path)
    space = namespace_in(value)
    if space is None:
        raise ValueError_(f"{path} {'is not defined' if value is None else 'is not a namespace'}")
    return space


class _Member:
    """What Env.owner gives for a dotted name: `owner.vars[name]` reads and writes the member."""

    __slots__ = ("vars",)

    def __init__(self, env: Env, name: str, last: str):
        self.vars = _MemberVars(env.vars, name, last)


class _MemberVars:
    __slots__ = ("store", "name", "last")

    def __init__(self, store: dict, name: str, last: str):
        self.store, self.name, self.last = store, name, last

    def _key(self, name):
        return self.last if name == self.name else name

    def __getitem__(self, name):
        return self.store[self._key(name)]

    def __setitem__(self, name, value):
        self.store[self._key(name)] = value

    def get(self, name, default=None):
        return self.store.get(self._key(name), default)

    def __contains__(self, name):
        return self._key(name) in self.store
