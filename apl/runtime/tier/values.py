"""Values in compiled dfns, and the calls they make into the primitives.

Inside compiled code a simple numeric scalar is a Python `bool`, `int` (always within int64) or
`float` (always finite): what an int64, float64 or boolean 0-d NumPy array holds, converted on
the way in (`to_tier`) and back (`to_apl`) without loss. Everything else (arrays of any rank, 0-d
arrays of other types, characters, nested arrays) is an APL value as the closure path has it.

`monadic(f, w)` and `dyadic(f, a, w)` apply a primitive (or any function) to such values: the
scalars go in as the 0-d arrays they stand for and a simple scalar result comes back as a
Python scalar, so a compiled dfn computes exactly what the closure path computes.
"""
from __future__ import annotations

import numpy as np

from ...backends import is_array
from ...errors import DomainError, SyntaxError_, ValueError_
from ...primitives import table
from ...primitives.base import Function, Operator

INT_MIN, INT_MAX = -(2**63), 2**63 - 1
_SIMPLE = frozenset((np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)))
_ndarray = np.ndarray


_SMALL = table._SMALL  # the shared 0-d arrays of ¯256…1023, False and True (never changed in place)
_TRUTH = (table._TRUTH[False], table._TRUTH[True])


def to_tier(v):
    """An APL value as compiled code holds it: int64, float64 and boolean 0-d arrays as Python
    scalars (a float is finite: APL has no inf or NaN)."""
    if type(v) is _ndarray and not v.ndim and v.dtype in _SIMPLE:
        return v.item()
    return v


def to_apl(v):
    """A compiled value as the closure path holds it (a Python scalar as a 0-d array)."""
    t = type(v)
    if t is int:
        if -256 <= v < 1024:
            return _SMALL[v + 256]
        return np.array(v, dtype=np.int64)
    if t is bool:
        return _TRUTH[v]
    if t is float:
        return np.array(v)
    return v


def result(r):
    """A function's result as a compiled value (as the closure path checks it: an array)."""
    if type(r) is _ndarray:
        if not r.ndim and r.dtype in _SIMPLE:
            return r.item()
        return r
    if isinstance(r, (np.generic, np.ndarray)):
        return result(np.asarray(r))
    if is_array(r):
        return r
    raise SyntaxError_("a function gave no array")


def monadic(f, w):
    return result(f.monad(to_apl(w)))


def dyadic(f, a, w):
    return result(f.dyad(to_apl(a), to_apl(w)))


# ------------------------------------------------------------------ names
def free_array(env, name):
    """A name from outside the dfn holding an array (as compiler._name reads it)."""
    v = env.find(name)
    if v is None:
        raise ValueError_(f"{name} is not defined")
    if type(v) is not _ndarray and not is_array(v):
        raise SyntaxError_(f"{name} is not an array")
    return to_tier(v)


def free_value(env, name):
    """A name from outside the dfn holding a function or an operator."""
    v = env.find(name)
    if v is None:
        raise ValueError_(f"{name} is not defined")
    return v


def role_of(v) -> str:
    """A name's class for binding, or "T" for what compiled code leaves to the closure path: a
    tradfn (a call may give no result), a niladic one (its name runs it), anything unknown."""
    if isinstance(v, Function):
        return "T" if type(v).__module__.endswith("tradfn") else "F"
    if isinstance(v, Operator):
        return "T" if type(v).__module__.endswith("tradfn") else ("D" if v.arity == 2 else "M")
    if v is None or type(v) is _ndarray or is_array(v):
        return "A"
    return "T"


# ------------------------------------------------------------------ control
def condition(v, check):
    """A guard's condition as a Python bool: a boolean singleton (0 or 1), else DOMAIN ERROR
    (`check` is dfn._condition, the closure path's own test, for arrays)."""
    if v is True or v is False:
        return v
    t = type(v)
    if t is int or t is float:
        if v == 1:
            return True
        if v == 0:
            return False
        raise DomainError("a guard's condition must be 0 or 1")
    return check(v, None)


def dfn_result(v):
    """The value a dfn returns must be an array (not a function)."""
    if isinstance(v, (Function, Operator)):
        raise SyntaxError_("a dfn must return an array")
    return v


class NoResult(Exception):
    """Raised where a dfn ends without a result: VALUE ERROR outside the dfn's own frame."""


def no_result():
    raise ValueError_("the dfn gave no result")
