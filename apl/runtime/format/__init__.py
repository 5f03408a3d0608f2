"""⎕FMT (Dyalog's Language Reference, "Format (Monadic)" and "Format (Dyadic)").

`⎕FMT Y` is Y as the session displays it (boxes off), always a character matrix: a scalar or
vector is one row, a higher-rank array its planes separated by blank rows; line feeds and
carriage returns in characters start a new row, a backspace steps back one place.

`X ⎕FMT Y` formats the columns of Y by the phrases of the specification X (spec.py), taken in
order and cyclically; Y is a simple array of rank at most 2 (a scalar is a 1×1 matrix, a vector
one column) or a vector of such, whose columns follow each other. The result has as many rows as
Y's longest column; a shorter column's missing rows are blank. Text insertions are used on every
row; after the last column the phrases that follow are used up to the next data phrase or the
end of the specification. T and X move the place the next phrase writes at (T0: after all that
is written so far); a later field overwrites an earlier one.
"""
from __future__ import annotations

import numpy as np

from ... import arrays as ar
from ...arrays import CHAR, OBJ
from ...backends import kind, size
from ...display import format_lines
from ...errors import DomainError, FormatError, RankError, WSFull
from ...primitives.base import Function
from ...settings import current
from .fields import column
from .spec import DATA, parse

MAX_CELLS = 2**25  # characters in a result
MAX_ITEMS = 10**7  # items monadic ⎕FMT formats


class Format(Function):
    """⎕FMT: R←⎕FMT Y (display form as a matrix), R←X ⎕FMT Y (by a format specification)."""

    glyph = "⎕FMT"

    def monad(self, w):
        if size(w) > MAX_ITEMS:  # each number is formatted in Python, as by ⍕
            raise WSFull(f"⎕FMT of more than {MAX_ITEMS:.0e} items")
        w = ar.host_nested(w)
        lines = _resolve_controls(format_lines(w, pp=current().pp))
        return _matrix(lines)

    def dyad(self, a, w):
        spec = _spec_text(a)
        phrases = parse(spec)
        columns, rows = _columns(ar.host_nested(w))
        return _layout(phrases, columns, rows, current().ct)


def _spec_text(a) -> str:
    if a.dtype == OBJ or (a.size and kind(a) != "U"):
        raise DomainError("⎕FMT's left argument is a character vector")
    if a.ndim > 1:
        raise RankError("⎕FMT's left argument is a character vector")
    return "".join(ar.host_values(a).reshape(-1).tolist()) if a.size else ""


def _matrix(lines: list[str], width: int | None = None) -> np.ndarray:
    if width is None:
        width = max((len(x) for x in lines), default=0)
    if len(lines) * width > MAX_CELLS:
        raise WSFull("⎕FMT: the result is too large")
    out = np.full((len(lines), width), " ", dtype=CHAR)
    for i, line in enumerate(lines):
        if line:
            out[i, :len(line)] = list(line)
    return out


def _resolve_controls(lines: list[str]) -> list[str]:
    """Lines with ⎕TC's characters acted on: LF and CR start a new line, BS steps back."""
    if not any(c in line for line in lines for c in "\n\r\b"):
        return lines
    out = []
    for line in lines:
        row, at = [], 0
        for c in line:
            if c in "\n\r":
                out.append("".join(row))
                row, at = [], 0
            elif c == "\b":
                at = max(at - 1, 0)
            else:
                row[at:at + 1] = [c]
                at += 1
        out.append("".join(row))
    return out


# ---------------------------------------------------------------- dyadic: the columns of Y
def _simple(a):
    """An array of simple scalars as characters or numbers (Dyalog: homogeneous), else None."""
    if a.dtype != OBJ:
        return a
    items = a.reshape(-1).tolist()
    if not all(ar.is_simple_item(x) for x in items):
        return None
    chars = [isinstance(x, str) for x in items]
    if items and all(chars):
        return np.array(items, dtype=CHAR).reshape(a.shape)
    if any(chars) or not all(isinstance(x, (int, float, complex, np.number, np.bool_)) for x in items):
        raise DomainError("⎕FMT formats arrays of numbers or of characters, not both")
    return np.array(items).reshape(a.shape)


def _columns(w) -> tuple[list[tuple[str, list]], int]:
    """The columns of Y, left to right: ("chr" or "num", their items as Python values), and the
    number of rows of the result (of Y's longest column)."""
    simple = _simple(w)
    if simple is not None:
        arrays = [simple]
    else:
        if w.ndim > 1:
            raise RankError("⎕FMT: Y is a simple array, or a vector of simple arrays")
        arrays = []
        for item in w.reshape(-1).tolist():
            x = ar.unbox(item)
            if not isinstance(x, np.ndarray):
                raise DomainError("⎕FMT: Y holds a namespace")
            x = _simple(x)
            if x is None:
                raise DomainError("⎕FMT: Y's items are simple arrays")
            arrays.append(x)
    columns, rows = [], 0
    for x in arrays:
        if x.ndim > 2:
            raise RankError("⎕FMT formats arrays of rank at most 2")
        if x.dtype.kind == "c":
            if np.any(x.imag != 0):
                raise DomainError("⎕FMT does not format complex numbers")
            x = x.real
        m = x.reshape(1, 1) if x.ndim == 0 else x.reshape(-1, 1) if x.ndim == 1 else x
        what = "chr" if x.dtype.kind == "U" else "num"
        if what == "num" and x.dtype.kind == "b":
            m = m.astype(ar.INT)
        columns += [(what, m[:, j].tolist()) for j in range(m.shape[1])]
        rows = max(rows, m.shape[0])
    return columns, rows


# ---------------------------------------------------------------- dyadic: laying out the fields
class _Page:
    """The rows of the result, written field by field at a moving position."""

    def __init__(self, rows: int):
        self.rows = [[] for _ in range(rows)]
        self.at = 0  # where the next field starts
        self.end = 0  # the furthest place reached

    def room(self, width: int):
        """WS FULL unless a field of this width fits, before it is made."""
        if (self.at + width) * max(len(self.rows), 1) > MAX_CELLS:
            raise WSFull("⎕FMT: the result is too large")

    def write(self, texts: list[str], width: int):
        self.room(width)
        for row, text in zip(self.rows, texts):
            if len(row) < self.at + width:
                row.extend(" " * (self.at + width - len(row)))
            row[self.at:self.at + width] = text
        self.move(self.at + width)

    def move(self, at: int):
        if at < 0:
            raise FormatError("⎕FMT: X moves before the left margin")
        if at * max(len(self.rows), 1) > MAX_CELLS:
            raise WSFull("⎕FMT: the result is too large")
        self.at = at
        self.end = max(self.end, at)

    def matrix(self) -> np.ndarray:
        return _matrix(["".join(row).ljust(self.end) for row in self.rows], self.end)


def _layout(phrases, columns, rows: int, ct: float) -> np.ndarray:
    page = _Page(rows)
    if columns and not any(p.kind in DATA for p in phrases):
        raise FormatError("⎕FMT: the specification has no phrase for Y's columns")
    i, used = 0, 0
    while True:
        p = phrases[i % len(phrases)]
        if p.kind in DATA:
            if used == len(columns):
                break
            what, values = columns[used]
            used += 1
            if (what == "chr") != (p.kind == "A"):
                raise FormatError(f"⎕FMT: {p.kind} does not format " + ("characters" if what == "chr" else "numbers"))
            width = len(p.text) if p.kind == "G" else p.width
            page.room(width)
            texts = column(p, values, ct) + [" " * width] * (rows - len(values))
            page.write(texts, width)
        elif p.kind == "text":
            page.write([p.text] * rows, len(p.text))
        elif p.kind == "X":
            page.move(page.at + p.n)
        else:  # T
            page.move(page.end if p.n == 0 else p.n - 1)
        i += 1
        if used == len(columns) and i % len(phrases) == 0:
            break
    return page.matrix()
