"""The records of the glyph registry: a Glyph row and the Meaning of each of its valences."""
from __future__ import annotations

from ..records import record


@record
class Meaning:
    """One meaning of a glyph: a function's monadic or dyadic form, or what an operator derives.

    `evaluator` and `axis` name definitions in apl/primitives ("structural.reshape"); for a scalar
    meaning they name the kernel on simple arrays, which pervasion wraps. `torch` names the
    translator's rendering in apl/translate, or is None with `refused` saying why not.
    `inverse` says, in APL, what undoes the function for ⍣¯1 (a monadic meaning: of ⍵; a dyadic
    one: of ⍵ for A∘f), as apl/primitives/inverse.py computes it.
    `examples` are (APL, display) pairs; `errors` are (APL, error name) pairs.
    """

    title: str
    evaluator: str | None = None
    axis: str | None = None
    scalar: bool = False
    torch: str | None = None
    refused: str | None = None
    inverse: str | None = None
    examples: tuple = ()
    errors: tuple = ()


@record
class Glyph:
    glyph: str
    kind: str  # FUNCTION, MONADIC_OPERATOR, DYADIC_OPERATOR, SYNTAX
    names: tuple  # its own name first ("rho"), then what it does ("reshape", "shape")
    key: str | None  # typed after the prefix key ` (None: typed as itself, or not on the map)
    doc: str
    monadic: Meaning | None = None
    dyadic: Meaning | None = None
    operator: Meaning | None = None  # for operators; / ⌿ \ ⍀ have dyadic function meanings too
    aliases: tuple = ()  # other characters read as this glyph (^ for ∧)
    dyalog: str = ""  # where this glyph differs from Dyalog
    supported: bool = True  # False: recognised, and a NONCE ERROR

    @property
    def role(self) -> str:
        """The binder's role: "F" function, "M" monadic operator, "D" dyadic operator, "" other."""
        return ROLES.get(self.kind, "")

    @property
    def meanings(self) -> tuple:
        """(valence, Meaning) for each meaning the glyph has."""
        return tuple((v, m) for v, m in (("monadic", self.monadic), ("dyadic", self.dyadic),
                                          ("operator", self.operator)) if m is not None)


FUNCTION = "function"
MONADIC_OPERATOR = "monadic operator"
DYADIC_OPERATOR = "dyadic operator"
SYNTAX = "syntax"
ROLES = {FUNCTION: "F", MONADIC_OPERATOR: "M", DYADIC_OPERATOR: "D"}
