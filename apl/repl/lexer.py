"""A Pygments lexer for APL as this interpreter reads it, and the session's colours.

Token kinds (each with its own colour in `STYLE`): primitive functions (Name.Function),
operators (Keyword), numbers, strings, comments, names (Name.Variable), system names
(Name.Builtin), ⍺ ⍵ ⍺⍺ ⍵⍵ ∇ (Name.Variable.Magic), assignment, ⋄ and brackets (Punctuation).
Imports Pygments, so only the REPL (never `import apl`) loads this module.
"""
from __future__ import annotations

import re
from typing import ClassVar

from pygments.lexer import RegexLexer
from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from ..glyphs import DYADIC_OPERATOR, FUNCTION, GLYPHS, MONADIC_OPERATOR

# the glyphs of each kind, from the registry (recognised ones too: & and ⍠ are operators),
# escaped for a regular expression's character class
FUNCTIONS = re.escape("".join(g.glyph for g in GLYPHS if g.kind == FUNCTION)
                      + "".join(a for g in GLYPHS for a in g.aliases))
OPERATORS = re.escape("".join(g.glyph for g in GLYPHS if g.kind in (MONADIC_OPERATOR, DYADIC_OPERATOR)))

_REAL = r"¯?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]¯?[0-9]+)?"


class APLLexer(RegexLexer):
    """APL source: Dyalog glyphs, dfns, guards, ⍝ comments, '…' strings with '' escapes."""

    name = "APL (apl)"
    aliases: ClassVar[list[str]] = ["apl-session"]
    filenames: ClassVar[list[str]] = []

    tokens: ClassVar[dict] = {
        "root": [
            (r"[ \t]+", Whitespace),
            (r"\n", Whitespace),
            (r"⍝.*", Comment.Single),
            (r"'(?:[^'\n]|'')*'", String.Single),
            (r"'(?:[^'\n]|'')*", String.Single),  # unclosed, while typing
            (_REAL + r"(?:[jJ]" + _REAL + r")?", Number),
            (r"⎕[A-Za-z]*|⍞", Name.Builtin),
            (r"⍺⍺|⍵⍵|∇∇|[⍺⍵∇]", Name.Variable.Magic),
            (r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*", Name.Variable),
            (r"⍬", Number),
            (r"∘\.(?![0-9])", Keyword),
            (rf"[{FUNCTIONS}]", Name.Function),
            (rf"[{OPERATORS}]", Keyword),
            (r"←|→", Operator),
            (r"::|:", Keyword.Reserved),
            (r"[⋄;]", Punctuation),
            (r"[(){}\[\]]", Punctuation),
            (r"\S", Error),
        ],
    }


def kinds(text: str) -> list[tuple[str, str]]:
    """(token kind, text) pairs, whitespace dropped: a compact view for tests and tools."""
    names = {
        Name.Function: "function", Keyword: "operator", Number: "number", String.Single: "string",
        Comment.Single: "comment", Name.Variable: "name", Name.Builtin: "system", Name.Variable.Magic: "special",
        Operator: "assign", Keyword.Reserved: "guard", Punctuation: "punctuation", Error: "error", Text: "text",
    }
    return [(names.get(t, str(t)), v) for t, v in APLLexer().get_tokens(text)
            if t is not Whitespace and v.strip()]


# Dyalog-like colours on a dark or light terminal: prompt_toolkit style rules for the tokens above.
STYLE = {
    "pygments.name.function": "#2aa198 bold",       # primitive functions: teal
    "pygments.keyword": "#d33682 bold",             # operators: magenta
    "pygments.keyword.reserved": "#cb4b16",         # guards : and ::
    "pygments.number": "#b58900",                   # numbers: amber
    "pygments.string": "#859900",                   # strings: green
    "pygments.comment": "#839496 italic",           # comments: grey
    "pygments.name.variable": "#268bd2",            # names: blue
    "pygments.name.variable.magic": "#6c71c4 bold",  # ⍺ ⍵ ∇: violet
    "pygments.name.builtin": "#cb4b16",             # ⎕ names: orange
    "pygments.operator": "#dc322f",                 # ← →: red
    "pygments.punctuation": "",
    "pygments.error": "#dc322f underline",
    "matching-bracket.cursor": "bg:#586e75 #ffffff bold",
    "matching-bracket.other": "bg:#586e75 #ffffff bold",
}
