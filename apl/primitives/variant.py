"""⍠ (Variant; also spelled ⎕OPT): options for the calls of a function.

Dyalog gives options to its system operators ⎕R and ⎕S (`('a'⎕R'b'⍠'IC' 1)`): their derived
functions take them through a `with_options` method (apl/runtime/search_replace.py). Dyalog's
primitives take none. Here, as J's Fit (`!.`) customises a primitive and as Iverson's variant
was meant to, any other function takes as options the system variables that hold settings:
`=⍠('CT' 0)`, `⍳⍠('IO' 0)`, `÷⍠('DIV' 1)` run it with that value for its calls only, without
assigning the variable (documented in docs/language.md).

The right operand is one (name value) pair, a vector of pairs, or a value alone: the function's
principal option (IC for ⎕R and ⎕S; other functions have none).
"""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import is_array, kind, size
from ..errors import DomainError, SyntaxError_
from ..settings import FIELDS, Settings, assign, current
from .base import Derived, is_function


def _name(item):
    """The option name an item spells (a character vector or scalar), or None."""
    v = ar.unbox(item) if not isinstance(item, np.ndarray) or item.dtype == OBJ else item
    if not is_array(v) or v.ndim > 1 or not size(v) or kind(v) != "U":
        return None
    return "".join(ar.host_values(v).reshape(-1).tolist())


def _pair(item):
    """(name, value) when the item is a two-item vector whose first item names an option."""
    v = ar.unbox(item)
    if not is_array(v) or v.dtype != OBJ or v.shape != (2,):
        return None
    name = _name(v[0])
    return None if name is None else (name, ar.unbox(v[1]))


def parse_options(right) -> tuple[list, object]:
    """The right operand as ([(name, value), …], principal value or None)."""
    if is_function(right):
        raise DomainError("⍠ takes an array of options as its right operand")
    one = _pair(right) if right.dtype == OBJ and right.shape == (2,) else None
    if one is not None and _pair(right[1]) is None:
        return [one], None
    if right.dtype == OBJ and right.ndim == 1 and size(right):
        pairs = [_pair(item) for item in right.reshape(-1)]
        if all(p is not None for p in pairs):
            return pairs, None
    return [], right


def derive_variant(left, right, axis):
    if not is_function(left):
        raise SyntaxError_("⍠ needs a function as its left operand")
    options, principal = parse_options(right)
    with_options = getattr(left, "with_options", None)
    if with_options is not None:
        return with_options(options, principal)
    if principal is not None:
        raise DomainError(f"{left.describe()} has no principal option: give ('name' value) pairs")
    return Variant(left, right, _settings(options, left))


def _settings(options, left) -> list:
    """The options as [(⎕NAME, number)], each checked against its range now."""
    out, scratch = [], Settings()
    for name, value in options:
        key = "⎕" + name.upper().lstrip("⎕")
        if key not in FIELDS:
            raise DomainError(f"{left.describe()} has no option {name!r} (it takes {_names()})")
        if not is_array(value) or size(value) != 1 or kind(value) not in "biuf":
            raise DomainError(f"the option {name} takes a number")
        x = ar.host_values(value).reshape(-1)[0]
        assign(scratch, key, x)
        out.append((key, x))
    return out


def options_text(pairs) -> str:
    """('name' value) pairs as the APL that writes them: ('IO' 0), or (('IO' 0)('CT' 0))."""
    one = [f"('{name}' {value_text(v)})" for name, v in pairs]
    return one[0] if len(one) == 1 else "(" + "".join(one) + ")"


def value_text(v) -> str:
    """An option's value (a number, a str, or a tuple of them) as APL."""
    if isinstance(v, tuple):
        return "(" + " ".join(value_text(x) for x in v) + ")"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    if isinstance(v, (bool, np.bool_)):
        return str(int(v))
    return repr(v.item() if hasattr(v, "item") else v).replace("-", "¯").replace("e", "E").replace("+", "")


def _names() -> str:
    return " ".join(repr(n[1:]) for n in sorted(FIELDS))


class Variant(Derived):
    """f⍠('CT' 0)…: f run with some settings changed for the call, put back after it."""

    op = "⍠"

    def __init__(self, left, right, settings):
        super().__init__(left, right)
        self.settings = settings

    def _run(self, call):
        s = current()
        saved = {f: getattr(s, f) for name, _ in self.settings for f in FIELDS[name]}
        try:
            for name, x in self.settings:
                assign(s, name, x)
            return call()
        finally:
            for field, value in saved.items():
                setattr(s, field, value)

    def describe(self):
        return self.left.describe() + "⍠" + options_text([(name[1:], x) for name, x in self.settings])

    def monad(self, w):
        return self._run(lambda: self.left.monad(w))

    def dyad(self, a, w):
        return self._run(lambda: self.left.dyad(a, w))
