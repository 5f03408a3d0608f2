"""`record`: the part of `dataclasses` the syntax layer uses, without its import-time cost.

`dataclasses` writes each class's `__init__`, `__repr__` and `__setattr__` as source text and
compiles it, about 0.3 ms a class: 10 ms of `apl -e 1+1` for the AST and token classes. A
record's methods are shared closures over its field list instead, built in microseconds.

    @record
    class Node:
        span: Span
        kind: str = "A"             # a default
        cache: dict = Factory(dict)  # a fresh default per instance

Records are frozen (assigning a field raises) unless `frozen=False`, compare by identity, and
list their fields in `__fields__` (inherited fields first, as with dataclasses).
"""
from __future__ import annotations


class Factory:
    """A default made afresh for each instance (dataclasses' default_factory)."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


class FrozenRecordError(AttributeError):
    pass


def record(cls=None, *, frozen: bool = True):
    def wrap(cls):
        fields: list[str] = []
        defaults: dict = {}
        for klass in reversed(cls.__mro__[:-1]):
            for name in klass.__dict__.get("__annotations__", {}):
                if name not in fields:
                    fields.append(name)
                if name in klass.__dict__:
                    defaults[name] = klass.__dict__[name]
        cls.__fields__ = tuple(fields)
        cls.__init__ = _make_init(cls.__name__, tuple(fields), defaults)
        cls.__repr__ = _repr
        if frozen:
            cls.__setattr__ = _refuse
            cls.__delattr__ = _refuse
        return cls

    return wrap if cls is None else wrap(cls)


def _make_init(name: str, fields: tuple, defaults: dict):
    setter = object.__setattr__
    required = [f for f in fields if f not in defaults]

    def __init__(self, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} arguments, {len(args)} given")
        for field, value in zip(fields, args):
            setter(self, field, value)
        for field in fields[len(args):]:
            if field in kwargs:
                value = kwargs.pop(field)
            elif field in defaults:
                value = defaults[field]
                if type(value) is Factory:
                    value = value.make()
            else:
                raise TypeError(f"{name}() is missing {field} (needs {', '.join(required)})")
            setter(self, field, value)
        if kwargs:
            raise TypeError(f"{name}() got unexpected arguments {', '.join(kwargs)}")

    return __init__


def _repr(self) -> str:
    inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in type(self).__fields__)
    return f"{type(self).__name__}({inner})"


def _refuse(self, *args):
    raise FrozenRecordError(f"{type(self).__name__} is immutable")
