"""⎕FX ⎕CR ⎕NR: defined functions as text, and text as defined functions (Dyalog's Language
Reference, system-functions/fx, cr, nr)."""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import kind, size
from ..errors import DomainError, RankError
from ..primitives.base import Function
from ..settings import current
from .tradfn import fix_lines, lines_of


def _name(w, what) -> str:
    if w.ndim > 1 or (size(w) and kind(w) != "U"):
        raise DomainError(f"{what} takes a name")
    return "".join(ar.host_values(w).reshape(-1).tolist()).strip() if size(w) else ""


def _chars(text: str) -> np.ndarray:
    return np.array(list(text), dtype=ar.CHAR)


class FX(Function):
    """⎕FX lines: define the function the lines spell (a character matrix, one line a row, or a
    vector of character vectors; the header first); its name, or the index of the first line in
    error."""

    glyph = "⎕FX"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        if w.dtype == OBJ:
            if w.ndim != 1:
                raise RankError("⎕FX takes a vector of lines or a matrix")
            lines = []
            for item in w.reshape(-1):
                x = ar.unbox(item)
                if x.ndim > 1 or (size(x) and kind(x) != "U"):
                    raise DomainError("⎕FX takes lines of characters")
                lines.append("".join(ar.host_values(x).reshape(-1).tolist()))
        elif size(w) and kind(w) != "U":
            raise DomainError("⎕FX takes lines of characters")
        elif w.ndim == 2:
            lines = ["".join(row).rstrip() for row in ar.host_values(w).tolist()]
        elif w.ndim <= 1:
            lines = ["".join(ar.host_values(w).reshape(-1).tolist())]
        else:
            raise RankError("⎕FX takes a vector of lines or a matrix")
        result = fix_lines(self.env, lines)
        if isinstance(result, str):
            return _chars(result)
        return np.array(result + current().io, dtype=ar.INT)


class CR(Function):
    """⎕CR 'name': the function's lines as a character matrix (empty for a name that is no
    defined function)."""

    glyph = "⎕CR"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        lines = lines_of(self.env.find(_name(w, "⎕CR"))) or []
        width = max((len(line) for line in lines), default=0)
        out = np.full((len(lines), width), " ", dtype=ar.CHAR)
        for i, line in enumerate(lines):
            out[i, :len(line)] = list(line)
        return out


class NR(Function):
    """⎕NR 'name': the function's lines as a vector of character vectors."""

    glyph = "⎕NR"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        lines = lines_of(self.env.find(_name(w, "⎕NR"))) or []
        return ar.from_items([_chars(line) for line in lines], (len(lines),)) if lines else np.zeros(0, ar.INT)
