"""Rows of the registry: glyphs that are syntax rather than functions or operators (assignment,
separators, arguments, names, numbers), and glyphs on Dyalog's keyboard that are recognised but
not supported. They have no evaluator definitions; their examples and keys still count."""
from __future__ import annotations

from .model import SYNTAX, Glyph, Meaning


def S(glyph, names, key, doc, examples=(), supported=True, dyalog="") -> Glyph:
    meaning = Meaning(names.split()[0].capitalize(), examples=examples) if examples else None
    return Glyph(glyph, SYNTAX, tuple(names.split()), key, doc, monadic=meaning, supported=supported,
                 dyalog=dyalog)


ROWS = (
    S("←", "leftarrow assign gets", "[", "Assignment: name←value, (a b)←, x[i]←, x f←, (sel x)←.",
      examples=(("x←3 ⋄ x+1", "4"), ("x←1 2 3 ⋄ x[2]←9 ⋄ x", "1 9 3"), ("x←1 ⋄ x+←2 ⋄ x", "3"))),
    S("→", "rightarrow branch", "]", "Branch, in a tradfn: →n goes to line n (a label's value), →0 or a line "
      "past the last leaves the function, →⍬ goes on; → alone abandons everything running. In a dfn it is a "
      "SYNTAX ERROR; in the session it does nothing.",
      examples=(("⎕FX 'r←f' 'r←1' '→0' 'r←2' ⋄ f", "1"), ("⎕FX 'r←f' 'r←1' '→⍬' 'r←2' ⋄ f", "2"))),
    S("⋄", "diamond", "`", "Statement separator.", examples=(("x←1 ⋄ x+1", "2"),)),
    S("⍝", "lamp comment", ",", "Comment: the rest of the line is ignored.", examples=(("1+1 ⍝ two", "2"),)),
    S("⍺", "alpha", "a", "The left argument of a dfn (⍺⍺: a dop's left operand).",
      examples=(("1{⍺+⍵}2", "3"), ("{⍺←10 ⋄ ⍺+⍵}1", "11"))),
    S("⍵", "omega", "w", "The right argument of a dfn (⍵⍵: a dop's right operand).", examples=(("{⍵×2}3", "6"),)),
    S("∇", "del recurse", "g", "The dfn itself, for recursion (∇∇: the dop itself). First on a line, ∇ opens "
      "a tradfn's definition (its header: ∇ r←a f w;locals), which a line holding ∇ closes.",
      examples=(("{⍵≤1:1 ⋄ ⍵×∇⍵-1}5", "120"),)),
    S("∆", "delta", "h", "A letter in names.", examples=(("∆x←2 ⋄ ∆x", "2"),)),
    S("⍙", "deltaunderbar", ">", "A letter in names.", examples=(("⍙y←3 ⋄ ⍙y", "3"),)),
    S("¯", "macron highminus negative", "2", "The sign of a negative number (not a function).",
      examples=(("¯2+1", "¯1"), ("1E¯2", "0.01"))),
    S("⍬", "zilde empty", "}", "The empty numeric vector.", examples=(("⍴⍬", "0"), ("⍬≡0⍴0", "1"))),
    S("⎕", "quad", "l", "System names (⎕IO, ⎕UCS …); ⎕← prints.", examples=(("⎕IO", "1"), ("⎕UCS 65", "A"))),
    S("⍞", "quotequad", "{", "Character input/output: recognised, not supported.", supported=False,
      dyalog="⍞ is not supported (NONCE ERROR)."),
    S("'", "quote string", "k", "Strings: 'text', with '' for a quote.", examples=(("⍴'it''s'", "4"),)),
    S("_", "underscore", "f", "A letter in names.", examples=(("a_b←1 ⋄ a_b", "1"),)),
    S("⌶", "ibeam", "!", "I-beam (system services): recognised, not supported.", supported=False,
      dyalog="I-beams are not supported (NONCE ERROR)."),
    S("⍫", "deltilde", "@", "Del-tilde (locked functions, in tradfn editing): not supported.", supported=False),
)
