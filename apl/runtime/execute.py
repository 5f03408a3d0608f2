"""⍎ (execute): run a character vector as APL statements in the caller's environment."""
from __future__ import annotations

from ..backends import is_array, kind, size
from ..errors import DomainError, RankError, ValueError_
from ..primitives.base import Function
from ..syntax.parser import parse
from .statements import run_statements


class Execute(Function):
    """⍎: evaluate a character vector in the caller's environment."""

    glyph = "⍎"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        return self.run(w)

    def run(self, w, need_value=True):
        """⍎w. As a whole statement (need_value False): (value, shy), the value None where
        the text gives none (⍎'' is no error there), shy where its last statement is
        (⍎'a←42' shows nothing)."""
        if size(w) and kind(w) != "U":
            raise DomainError("⍎ needs characters")
        if w.ndim > 1:
            raise RankError("⍎ needs a vector")
        text = "".join(w.reshape(-1).tolist())
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


