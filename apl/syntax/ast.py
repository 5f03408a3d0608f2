"""The AST: small immutable nodes with spans, shared by the evaluator and the translator.

Array nodes evaluate to arrays, function nodes to functions, operator nodes to operators.
`role` on each class says which ("A", "F", "M", "D").
"""
from __future__ import annotations

from typing import Any

from ..errors import Span
from ..glyphs import DYADIC_OPERATOR, GLYPHS, system_names
from ..records import record

# the dyadic operators, recognised ones included (⍠): the registry says which glyph is which
_DYADIC_OPERATORS = frozenset(g.glyph for g in GLYPHS if g.kind == DYADIC_OPERATOR) | system_names.OPERATORS


@record
class Node:
    span: Span


# ---------------------------------------------------------------- arrays
@record
class Literal(Node):
    """A number strand, a string, or ⍬: its value is known at parse time."""

    value: Any
    numbers: bool = False  # written as numbers (a strand of them is a run of items)
    role = "A"


@record
class Strand(Node):
    items: tuple
    role = "A"


@record
class Name(Node):
    """A name holding an array (also ⍺, ⍵, and ⍺⍺/⍵⍵ holding array operands)."""

    id: str
    role = "A"


@record
class InNamespace(Node):
    """`ns.(expr)` and `(refs).name`: the text evaluated in the namespace `space` refers to (in
    each, for an array of references)."""

    space: Node
    text: str
    role = "A"


@record
class SysName(Node):
    id: str  # upper-case, e.g. "⎕IO"
    role = "A"


@record
class ArrayNotation(Node):
    """(a ⋄ b): a vector of the items' values (kind "vector"); [a ⋄ b]: an array whose major
    cells they are (kind "major", as ↑ merges them)."""

    kind: str
    items: tuple
    role = "A"


@record
class Index(Node):
    """A[i;j]: `indices` holds one node or None (elided) per axis."""

    array: Node
    indices: tuple
    role = "A"


@record
class Monadic(Node):
    fn: Node
    omega: Node
    role = "A"


@record
class Dyadic(Node):
    fn: Node
    alpha: Node
    omega: Node
    role = "A"


@record
class Assign(Node):
    """name←value. `value` may be an array or a function node; the result is shy."""

    name: str
    value: Node

    @property
    def role(self):
        return self.value.role


@record
class StrandAssign(Node):
    """(a b c)←value; a name may itself be a tuple of names, as in (a (b c))←1 (2 3); with `fn`,
    the modified form (a b)+←value."""

    names: tuple
    value: Node
    fn: Node | None = None
    role = "A"


@record
class ModifiedAssign(Node):
    """name f←value, and name[i] f←value when `indices` is not None."""

    name: str
    fn: Node | None
    indices: tuple | None
    value: Node
    role = "A"


@record
class SelectiveAssign(Node):
    """(sel name)←value and (sel name) f←value: `target` is the selection expression with its
    rightmost mention of `name` replaced by the name SELECTED (the positions of name's items)."""

    name: str
    target: Node
    fn: Node | None
    value: Node
    role = "A"


SELECTED = "⍙selected⍙"


@record
class DefaultAlpha(Node):
    """⍺←value inside a dfn: assigns only when no left argument was given."""

    value: Node
    role = "A"


# ---------------------------------------------------------------- functions
@record
class PrimFn(Node):
    glyph: str
    role = "F"


@record
class SysFn(Node):
    id: str  # e.g. "⎕UCS"
    role = "F"


@record
class FnName(Node):
    """A name holding a function (also ⍺⍺/⍵⍵ holding function operands)."""

    id: str
    role = "F"


@record
class SelfRef(Node):
    """∇: the dfn being run."""

    role = "F"


@record
class Dfn(Node):
    """{…}: statements are bound lazily when the dfn first runs."""

    body: tuple
    kind: str  # "F", "M" or "D"

    @property
    def role(self):
        return self.kind


@record
class Derived(Node):
    """An operator applied to its operand(s): `right` is None for a monadic operator."""

    op: Node
    left: Node
    right: Node | None
    role = "F"


@record
class WithAxis(Node):
    """f[k]: a function with an axis."""

    fn: Node
    axis: Node
    role = "F"


@record
class Fork(Node):
    left: Node  # a function or an array (A g h)
    middle: Node
    right: Node
    role = "F"


@record
class Atop(Node):
    left: Node
    right: Node
    role = "F"


# ---------------------------------------------------------------- operators
@record
class PrimOp(Node):
    """An operator glyph: / ⌿ \\ ⍀ ¨ ⍨ ⌸ & ⍤ ⍣ ⍥ ⍛ @ ∘ . and ∘. (outer product), or a system
    operator: ⎕R ⎕S (⎕OPT is bound as ⍠)."""

    glyph: str
    axis: Node | None = None

    @property
    def role(self):
        return "D" if self.glyph in _DYADIC_OPERATORS else "M"


@record
class BoundOp(Node):
    """A dyadic operator bound to its right operand, a monadic operator: `(@2 4)`, `inv←⍣¯1`
    (Dyalog's right operand currying). Applied to a left operand, the binder makes a Derived."""

    op: Node
    right: Node
    role = "M"


@record
class OpName(Node):
    """A name holding a user operator (a dop)."""

    id: str
    kind: str  # "M" or "D"

    @property
    def role(self):
        return self.kind


# ---------------------------------------------------------------- statements
@record
class ExprStmt(Node):
    expr: Node


@record
class Guard(Node):
    cond: Node
    expr: Node


@record
class ErrorGuard(Node):
    codes: Node
    expr: Node
