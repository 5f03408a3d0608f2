"""Verified once: what the batched evaluation of a function depends on, as a key.

The first cell's check (apl/runtime/lift.py) runs f the usual way: on torch, or for a dfn, that
costs as much as the lifted evaluation of a mid-sized array. It guards the lifting's own logic,
which depends on what f is made of and on the classes of the values, not on the numbers (those
are checked where they matter: an overflow, an index, a guard's condition stop the lifting every
time). So a function whose lifting matched once, on arguments of the same class, dtype, cell
shape, size class and device, is not checked again.
"""
from __future__ import annotations

import numpy as np

from ..arrays import OBJ
from ..backends import device_of, size
from ..primitives.base import Function, Primitive
from ..primitives.chunks import CHUNK
from ..primitives.composition import Atop, Commute, Compose, Fork
from ..primitives.reduce_scan import Reduce, Scan
from .dfn import DfnFunction

VERIFIED: dict = {}
VERIFIED_MAX = 4096


def remember(key) -> None:
    if key is not None:
        if len(VERIFIED) >= VERIFIED_MAX:
            VERIFIED.clear()
        VERIFIED[key] = True


def verification_key(f, args, frames):
    """What the lifting of f on args depends on, or None (then the first cell is checked every time)."""
    fk = _function_key(f, set())
    if fk is None:
        return None
    return fk, frames, tuple(_array_key(x, k) for x, k in zip(args, frames))


def _array_key(x, frame):
    if type(x) is np.ndarray:
        return np.ndarray, x.dtype, x.shape[frame:], x.size > CHUNK
    return type(x), x.dtype, tuple(x.shape[frame:]), size(x) > CHUNK, device_of(x)


def _function_key(f, seen: set):
    if isinstance(f, DfnFunction):
        return _dfn_key(f, seen)
    if isinstance(f, Primitive):
        return f if f.glyph is not None else None  # the table's primitives, one object each
    if isinstance(f, (Reduce, Scan)):
        left = _function_key(f.left, seen)
        return None if left is None or f.axis is not None else (type(f), left, f.first)
    if isinstance(f, Fork):
        parts = tuple(_function_key(g, seen) if isinstance(g, Function) else _operand_key(g) for g in (f.f, f.g, f.h))
        return None if None in parts else (Fork,) + parts
    if isinstance(f, (Atop, Commute, Compose)):
        parts = tuple(_function_key(g, seen) if isinstance(g, Function) else _operand_key(g)
                      for g in (f.left, f.right))
        return None if None in parts else (type(f),) + parts
    return None


def _operand_key(x):
    if x is None:
        return ("none",)
    if not hasattr(x, "dtype") or x.dtype == OBJ:
        return None
    return type(x), x.dtype, tuple(x.shape), device_of(x)


def _dfn_key(dfn, seen: set):
    """The dfn's code and what its free names are (functions by their own keys, arrays by class)."""
    if dfn.operands is not None or dfn.localises:
        return None
    if id(dfn) in seen:
        return ("itself", dfn.node)
    seen.add(id(dfn))
    free = _free_names(dfn.node)
    if not free:
        return dfn.node
    names = []
    for n in free:
        v = dfn.env.find(n)
        k = _function_key(v, seen) if isinstance(v, Function) else _operand_key(v)
        if k is None:
            return None
        names.append(k)
    return dfn.node, tuple(names)


_TIER: list = []


def tier() -> list:
    """What the lifting reads of the compiling tier — Unsupported, bind_body, _signature and
    _free_names — imported on first use (the tier imports this package's modules)."""
    if not _TIER:
        from .tier.codegen import Unsupported, bind_body
        from .tier.entry import _free_names, _signature

        _TIER.extend((Unsupported, bind_body, _signature, _free_names))
    return _TIER


def _free_names(node) -> tuple:
    """The names a dfn's body reads from outside (the compiling tier's list)."""
    return tier()[3](node)
