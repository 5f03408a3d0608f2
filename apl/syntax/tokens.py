"""The token structure Lark gives us, as small immutable objects the binder walks.

These are not yet the AST: an item here has a lexical kind ("name", "function", "paren"…),
not an APL role. Which names hold functions is only known when a statement runs, so
binding happens later (see `binder.py`), once per statement and name-class signature.
"""
from __future__ import annotations

from ..errors import Span
from ..records import Factory, record


@record
class Token:
    """A leaf: kind is one of number, string, name, sysname, zilde, function, monop, dyop,
    outer, jot, dot, assign, alpha, omega, alpha2, omega2, del, del2, dotted (a.b.c: the
    binder makes it a name, a system function of a namespace, or an inner product)."""

    kind: str
    text: str
    span: Span


@record
class Paren:
    items: tuple
    span: Span


@record
class Items:
    """Array notation: `(a ⋄ b)` (kind "vector": the items) or `[a ⋄ b]` (kind "major": the
    major cells); each item is a tuple of items, as a Paren's."""

    kind: str
    items: tuple
    span: Span


@record
class Bracket:
    """`[a;b;c]`; an elided index is None."""

    indices: tuple
    span: Span


@record(frozen=False)
class Statement:
    """One statement: kind is "expr", "guard" (cond: expr), "error_guard" (codes:: expr) or
    "branch" (→ expr, or → alone: no parts).

    `names` lists the names whose classes decide how the statement binds; `bound` caches
    the compiled form per signature of those classes (filled in by the evaluator).
    """

    kind: str
    parts: tuple  # one item tuple for expr, two for guards
    span: Span
    names: tuple = ()
    bound: dict = Factory(dict)


@record
class Brace:
    """A dfn or dop: its statements, and its class from the operands it mentions."""

    body: tuple
    span: Span
    role: str  # "F", "M" (mentions ⍺⍺ only) or "D" (mentions ⍵⍵)
