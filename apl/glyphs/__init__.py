"""The glyph registry: one row per glyph, the single place that says what each glyph is.

A row holds the glyph, its kind (function, monadic or dyadic operator, syntax), its names (for
Tab completion and the docs), its prefix key, a line of docs, and for each meaning (monadic,
dyadic, operator) Dyalog's title, where the evaluator's definition lives, where the translator's
PyTorch rendering lives (or why it is refused), the inverse, examples with their output and
errors it raises. In the spirit of April APL's spec.lisp, everything else reads from here:

- the grammar's terminals (apl/syntax/parser.py) and the binder's roles (apl/syntax/ast.py);
- the evaluator's table of primitives and operators (apl/primitives/table.py);
- the translator's table (apl/translate/table.py);
- the REPL's lexer, prefix-key map and glyph names (apl/repl/lexer.py, apl/repl/keymap.py);
- the glyph reference, docs/reference.md (docs/make_reference.py);
- one parametrized test that runs every example on both backends and through the translator
  (tests/test_glyph_registry.py).

Definitions are named as "module.function" relative to apl/primitives (evaluator) or
apl/translate (translator): this table is data, at the bottom of the layers, and each layer
resolves the names it owns. Adding a primitive is one row plus its implementation.
"""
from __future__ import annotations

from . import operators, scalar, structural, syntax
from .model import DYADIC_OPERATOR, FUNCTION, MONADIC_OPERATOR, SYNTAX, Glyph, Meaning

GLYPHS: tuple = scalar.ROWS + structural.ROWS + operators.ROWS + syntax.ROWS
BY_GLYPH: dict = {g.glyph: g for g in GLYPHS}


def of_kind(*kinds, supported=True) -> str:
    """The glyphs of these kinds, as one string (supported ones only, unless supported=None)."""
    return "".join(g.glyph for g in GLYPHS if g.kind in kinds and (supported is None or g.supported == supported))


FUNCTIONS = of_kind(FUNCTION)  # the primitive functions the evaluator knows
MONADIC_OPERATORS = of_kind(MONADIC_OPERATOR)
DYADIC_OPERATORS = of_kind(DYADIC_OPERATOR)
# / ⌿ \ ⍀: operators after a function, the replicate and expand functions after an array
REPLICATES = "".join(g.glyph for g in GLYPHS if g.operator is not None and g.dyadic is not None)

__all__ = ["BY_GLYPH", "DYADIC_OPERATOR", "DYADIC_OPERATORS", "FUNCTION", "FUNCTIONS", "GLYPHS", "MONADIC_OPERATOR",
           "MONADIC_OPERATORS", "REPLICATES", "SYNTAX", "Glyph", "Meaning", "of_kind"]
