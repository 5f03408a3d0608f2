"""⍎ (execute): run a character vector as APL statements in the caller's environment, or (X⍎Y,
`ns.(expr)`) in a namespace's."""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ, ref_item
from ..backends import is_array, kind, size
from ..errors import DomainError, RankError, ValueError_
from ..primitives.base import Function
from ..syntax.parser import parse
from .env import namespace_named
from .statements import run_statements


class Execute(Function):
    """⍎: evaluate a character vector in the caller's environment."""

    glyph = "⍎"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        return self.run(w)

    def dyad(self, a, w):
        """X⍎Y: Y run in the namespace X refers to (or names)."""
        if a.dtype != OBJ and size(a) and kind(a) == "U":
            where = namespace_named(self.env, "".join(ar.host_values(a).reshape(-1).tolist()).strip())
            return Execute(where.env).run(w)
        return execute_in(a, _text(w))

    def run(self, w, need_value=True):
        """⍎w. As a whole statement (need_value False): (value, shy), the value None where
        the text gives none (⍎'' is no error there), shy where its last statement is
        (⍎'a←42' shows nothing)."""
        text = _text(w)
        session = getattr(self.env, "session", None)
        last_shy = [False]
        if session is None or "⋄" not in text:
            def shown(value, shy):
                last_shy[0] = shy
        else:
            # LRG/primitive-functions/execute: R is the last statement's value; the non-shy
            # values of the statements before it are displayed (⍎'1+1 ⋄ 2+2' shows 2)
            last = len(parse(text)) - 1
            done = [0]

            def shown(value, shy):
                if done[0] < last and not shy and is_array(value):
                    session.output(value)
                done[0] += 1
                last_shy[0] = shy

        result = run_statements(text, self.env, shown)
        if result is None or not is_array(result):
            if not need_value and result is None:
                return None, True
            raise ValueError_("⍎ gave no value")
        return result if need_value else (result, last_shy[0])


def _text(w) -> str:
    if size(w) and kind(w) != "U":
        raise DomainError("⍎ needs characters")
    if w.ndim > 1:
        raise RankError("⍎ needs a vector")
    return "".join(ar.host_values(w).reshape(-1).tolist()) if size(w) else ""


def execute_in(where, text: str, need_value=True):
    """text run in the namespace a reference refers to; for an array of references, in each,
    the results in an array of its shape (Dyalog's array expansion of `refs.name`). As a whole
    statement (need_value False), as Execute.run: (value or None, shy)."""
    space = ref_item(where)
    if space is not None:
        return Execute(space.env).run(_chars(text), need_value)
    if not need_value:
        return execute_in(where, text), False
    if where.dtype != OBJ or not size(where) or any(ref_item(ar.unbox(x)) is None for x in where.reshape(-1)):
        raise DomainError("a namespace reference is needed before the dot")
    return ar.from_items([ar.box(execute_in(ar.unbox(x), text)) for x in where.reshape(-1)], where.shape)


def _chars(text: str):
    return np.array(list(text), dtype=ar.CHAR).reshape(len(text))
