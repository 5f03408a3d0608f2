"""What a session prints for a value: its display (display.py), cut to what fits on a screen
and folded at ⎕PW as Dyalog folds.

Displaying `1E6⍴⊂⍳1E6` must cost what is shown, not what the array holds: `preview` takes
only the part of an array that can appear within MAX_LINES lines of ⎕PW characters (along every
axis, and inside nested items), the display is made of that part, and a last line says the
display was cut. Lines wider than ⎕PW are folded: the columns that fit first, then the rest on
continuation lines indented six blanks, breaking where every line has a blank.
"""
from __future__ import annotations

import math

import numpy as np

from .display import box_lines, format_lines

MAX_LINES = 200  # lines of one value's display in a session; more are cut
INDENT = "      "  # Dyalog indents continuation lines of a folded display by six blanks
_ELLIPSIS = "…"


def _count(shape) -> int:
    return math.prod(shape) if shape else 1


def _cut_shape(shape, lines: int, width: int, per_line: int) -> tuple:
    """The leading part of each axis that can show within `lines` lines of `width` characters.
    Rows (all axes but the last) beyond `lines` cannot show; a folded display shows the first
    columns of every row before the next ones, so the columns that can show are the lines each
    row gets, times the items in a line (`per_line`: a number takes a digit and a blank at least,
    a character one column)."""
    if not shape:
        return shape
    out = list(shape)
    rows = lines
    for k in range(len(shape) - 1):
        inner = max(1, _count(shape[k + 1:-1]))
        out[k] = min(shape[k], max(1, -(-rows // inner)))
        rows = max(1, rows // max(out[k], 1))
    kept_rows = max(1, _count(out[:-1]))
    out[-1] = min(shape[-1], -(-lines // kept_rows) * max(1, per_line) + 1)
    return tuple(out)


def preview(value, lines: int = MAX_LINES, width: int = 80):
    """(the part of value that can show in `lines` lines of `width`, whether anything was cut).
    Items of a nested array share the screen in order: each gets what the ones before it left,
    and the array stops where there is none left. A nested item that is cut ends in … when it is
    a vector."""
    if not isinstance(value, np.ndarray) or value.ndim == 0 and value.dtype != object:
        return value, False
    if value.ndim == 0:  # an enclosure
        inner, cut = preview(value[()], lines, width)
        if not cut:
            return value, False
        out = np.empty((), dtype=object)
        out[()] = inner
        return out, True
    shape = _cut_shape(value.shape, lines, width, width if value.dtype.kind == "U" else width // 2)
    cut = shape != value.shape
    part = value[tuple(slice(0, n) for n in shape)] if cut else value
    if part.dtype != object:
        return part, cut
    budget = lines * width  # characters left to show
    items = []
    for x in part.reshape(-1):
        if budget <= 0:
            break
        if isinstance(x, np.ndarray) and x.size > 1:
            px, inner_cut = preview(x, max(1, budget // width), width)
            if inner_cut:
                cut = True
                if px.ndim == 1:
                    px = _with_ellipsis(px)
            budget -= 2 * px.size + 2
            items.append(px)
        else:
            budget -= 2
            items.append(x)
    if len(items) < part.size:  # the screen was full: keep whole rows (or the vector's start)
        cut = True
        row = part.shape[-1] if part.ndim > 1 else 1
        rows = max(1, -(-len(items) // row))
        keep = (rows * row) if part.ndim > 1 else len(items)
        while len(items) < keep:
            items.append(part.reshape(-1)[len(items)])
        shape = (rows * row // _count(part.shape[1:]) or 1,) + part.shape[1:] if part.ndim > 1 else (keep,)
        items = items[:_count(shape)]
        part = part[tuple(slice(0, n) for n in shape)]
    out = np.empty(part.shape, dtype=object)
    flat = out.reshape(-1)
    for i, x in enumerate(items[:part.size]):
        flat[i] = x
    return out, cut


def _with_ellipsis(v: np.ndarray) -> np.ndarray:
    out = np.empty(v.shape[0] + 1, dtype=object)
    out[:-1] = list(v) if v.dtype == object else [np.asarray(x) for x in v]
    out[-1] = np.asarray(_ELLIPSIS)
    return out


def fold(lines: list[str], width: int) -> list[str]:
    """Lines wider than `width` folded Dyalog's way: the block's first columns, then the rest as
    continuation blocks indented six blanks, broken where every line has a blank."""
    if not lines or max(len(s) for s in lines) <= width:
        return lines
    block = [s.ljust(max(len(s) for s in lines)) for s in lines]
    total = len(block[0])
    out: list[str] = []
    start, limit = 0, width
    while start < total:
        end = _break(block, start, start + limit) if start + limit < total else total
        out.extend((INDENT if start else "") + s[start:end].rstrip() for s in block)
        start = end
        while start < total and all(s[start] == " " for s in block):
            start += 1  # a continuation starts at the next column, not at the blank between
        limit = max(1, width - len(INDENT))
    return out


def _break(block: list[str], start: int, stop: int) -> int:
    """Where to end a chunk: after the last column before `stop` that is blank in every line,
    or at `stop` when there is none."""
    for c in range(stop, start, -1):
        if all(s[c] == " " for s in block):
            return c
    return stop


def session_lines(value, pp: int = 10, pw: int = 80, box: bool = False, lines: int = MAX_LINES) -> list[str]:
    """The lines a session prints for a value: cut to `lines` lines of `pw` characters, folded."""
    part, cut = preview(value, lines, pw)
    shown = box_lines(part, pp) if box else format_lines(part, pp)
    shown = fold(shown, pw)
    if len(shown) > lines:
        shown, cut = shown[:lines], True
    if cut:
        shape = "×".join(str(n) for n in np.shape(value)) or "scalar"
        shown.append(f"{_ELLIPSIS} (display cut at {lines} lines of ⎕PW; the array is {shape})")
    return shown
