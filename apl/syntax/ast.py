"""The AST: small immutable nodes with spans, shared by the evaluator and the translator.

Array nodes evaluate to arrays, function nodes to functions, operator nodes to operators.
`role` on each class says which ("A", "F", "M", "D").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Span


@dataclass(frozen=True, eq=False)
class Node:
    span: Span


# ---------------------------------------------------------------- arrays
@dataclass(frozen=True, eq=False)
class Literal(Node):
    """A number strand, a string, or ⍬: its value is known at parse time."""

    value: Any
    numbers: bool = False  # written as numbers (a strand of them is a run of items)
    role = "A"


@dataclass(frozen=True, eq=False)
class Strand(Node):
    items: tuple
    role = "A"


@dataclass(frozen=True, eq=False)
class Name(Node):
    """A name holding an array (also ⍺, ⍵, and ⍺⍺/⍵⍵ holding array operands)."""

    id: str
    role = "A"


@dataclass(frozen=True, eq=False)
class SysName(Node):
    id: str  # upper-case, e.g. "⎕IO"
    role = "A"


@dataclass(frozen=True, eq=False)
class Index(Node):
    """A[i;j]: `indices` holds one node or None (elided) per axis."""

    array: Node
    indices: tuple
    role = "A"


@dataclass(frozen=True, eq=False)
class Monadic(Node):
    fn: Node
    omega: Node
    role = "A"


@dataclass(frozen=True, eq=False)
class Dyadic(Node):
    fn: Node
    alpha: Node
    omega: Node
    role = "A"


@dataclass(frozen=True, eq=False)
class Assign(Node):
    """name←value. `value` may be an array or a function node; the result is shy."""

    name: str
    value: Node

    @property
    def role(self):
        return self.value.role


@dataclass(frozen=True, eq=False)
class StrandAssign(Node):
    """(a b c)←value; a name may itself be a tuple of names, as in (a (b c))←1 (2 3); with `fn`,
    the modified form (a b)+←value."""

    names: tuple
    value: Node
    fn: Node | None = None
    role = "A"


@dataclass(frozen=True, eq=False)
class ModifiedAssign(Node):
    """name f←value, and name[i] f←value when `indices` is not None."""

    name: str
    fn: Node | None
    indices: tuple | None
    value: Node
    role = "A"


@dataclass(frozen=True, eq=False)
class SelectiveAssign(Node):
    """(sel name)←value and (sel name) f←value: `target` is the selection expression with its
    rightmost mention of `name` replaced by the name SELECTED (the positions of name's items)."""

    name: str
    target: Node
    fn: Node | None
    value: Node
    role = "A"


SELECTED = "⍙selected⍙"


@dataclass(frozen=True, eq=False)
class DefaultAlpha(Node):
    """⍺←value inside a dfn: assigns only when no left argument was given."""

    value: Node
    role = "A"


# ---------------------------------------------------------------- functions
@dataclass(frozen=True, eq=False)
class PrimFn(Node):
    glyph: str
    role = "F"


@dataclass(frozen=True, eq=False)
class SysFn(Node):
    id: str  # e.g. "⎕UCS"
    role = "F"


@dataclass(frozen=True, eq=False)
class FnName(Node):
    """A name holding a function (also ⍺⍺/⍵⍵ holding function operands)."""

    id: str
    role = "F"


@dataclass(frozen=True, eq=False)
class SelfRef(Node):
    """∇: the dfn being run."""

    role = "F"


@dataclass(frozen=True, eq=False)
class Dfn(Node):
    """{…}: statements are bound lazily when the dfn first runs."""

    body: tuple
    kind: str  # "F", "M" or "D"

    @property
    def role(self):
        return self.kind


@dataclass(frozen=True, eq=False)
class Derived(Node):
    """An operator applied to its operand(s): `right` is None for a monadic operator."""

    op: Node
    left: Node
    right: Node | None
    role = "F"


@dataclass(frozen=True, eq=False)
class WithAxis(Node):
    """f[k]: a function with an axis."""

    fn: Node
    axis: Node
    role = "F"


@dataclass(frozen=True, eq=False)
class Fork(Node):
    left: Node  # a function or an array (A g h)
    middle: Node
    right: Node
    role = "F"


@dataclass(frozen=True, eq=False)
class Atop(Node):
    left: Node
    right: Node
    role = "F"


# ---------------------------------------------------------------- operators
@dataclass(frozen=True, eq=False)
class PrimOp(Node):
    """An operator glyph: / ⌿ \\ ⍀ ¨ ⍨ ⌸ & ⍤ ⍣ ⍥ @ ∘ . and ∘. (outer product)."""

    glyph: str
    axis: Node | None = None

    @property
    def role(self):
        return "D" if self.glyph in "⍤⍣⍥@∘.⌺⍠" and self.glyph != "∘." else "M"


@dataclass(frozen=True, eq=False)
class OpName(Node):
    """A name holding a user operator (a dop)."""

    id: str
    kind: str  # "M" or "D"

    @property
    def role(self):
        return self.kind


# ---------------------------------------------------------------- statements
@dataclass(frozen=True, eq=False)
class ExprStmt(Node):
    expr: Node


@dataclass(frozen=True, eq=False)
class Guard(Node):
    cond: Node
    expr: Node


@dataclass(frozen=True, eq=False)
class ErrorGuard(Node):
    codes: Node
    expr: Node
