"""Running APL with the compiling tier on and off, and comparing what each gives: the same value
(type, dtype, shape and items, at any depth) or the same error (name, message, place, chain of
calls, report)."""
from __future__ import annotations

import numpy as np

import apl
from apl.runtime import tier


def outcome(src, on: bool, setup: str | None = None, **names):
    """('value', v) or ('error', details) of src in a fresh session, with the tier on or off."""
    with tier.switched(on):
        s = apl.Session()
        if names:
            s.bind(**names)
        try:
            if setup:
                s.eval(setup)
            return "value", s.eval(src)
        except apl.APLError as e:
            span = None if e.span is None else (e.span.start, e.span.end)
            return "error", (e.name, e.message, span, e.stack, e.report())


def same(x, y) -> bool:
    """Exactly the same APL value: types, dtypes, shapes and items at every depth."""
    if type(x) is not type(y):
        return False
    if isinstance(x, (np.ndarray, np.generic)):
        if x.dtype != y.dtype or np.shape(x) != np.shape(y):
            return False
        if x.dtype == object:
            return all(same(a, b) for a, b in zip(np.ravel(x), np.ravel(y)))
        return bool(np.array_equal(x, y)) or (x.dtype.kind == "f" and bool(np.array_equal(x, y, equal_nan=True)))
    if hasattr(x, "describe"):  # a function value
        return x.describe() == y.describe()
    if hasattr(x, "derive"):  # an operator value
        return repr(x) == repr(y)
    return x == y


def both(src, setup=None, **names):
    """The outcome with the tier on, after checking that it equals the closure path's."""
    on = outcome(src, True, setup, **names)
    off = outcome(src, False, setup, **names)
    assert on[0] == off[0], f"{src}: tier {on} but closure path {off}"
    if on[0] == "value":
        assert same(on[1], off[1]), f"{src}: tier {on[1]!r} but closure path {off[1]!r}"
    else:
        assert on[1] == off[1], f"{src}: tier {on[1]} but closure path {off[1]}"
    return on


def compiled_state(defn: str, call: str):
    """The tier state of the dfn named in defn (name←{…}) after running call: a callable when
    it runs compiled, False when the tier declined it."""
    with tier.switched(True):
        s = apl.Session()
        s.eval(defn)
        name = defn.split("←", 1)[0].strip()
        try:
            s.eval(call)
        except apl.APLError:
            pass
        return s.env.vars[name].tier
