"""Operators defined in APL (dops) as Python higher-order functions.

`lerp←{⍺+⍺⍺×⍵-⍺}` in a script becomes

    def lerp(alpha_alpha):
        '''APL: {⍺+⍺⍺×⍵-⍺} (⍺⍺ an array)'''

        def derived(omega, alpha=None):
            return plus(alpha, times(alpha_alpha, minus(omega, alpha)))

        return derived

so `lerp(t)(b, a)` is APL's `a (t lerp) b`. Whether an operand is an array or a function is
decided from the body, as a reader would: an operand followed by a function (`⍺⍺×⍵`) or by
nothing (`t←⍺⍺`) is an array, one followed by an operator or an argument (`⍺⍺/⍵`, `⍺⍺ ⍵`) a
function; if the body does not translate so, the other reading is tried. A function operand
is any Python callable with the translator's contract, `f(omega, alpha=None)`.
"""
from __future__ import annotations

from ..errors import APLError, NonceError
from ..glyphs import DYADIC_OPERATORS, FUNCTIONS, MONADIC_OPERATORS
from .dfn import docstring_lines, print_dfn, source_text
from .names import Scope

_OPERATOR_GLYPHS = set(MONADIC_OPERATORS + DYADIC_OPERATORS) | set("/⌿\\⍀.")


def operand_roles(node) -> dict:
    """"A" or "F" for each operand the dop's body names (⍺⍺, and ⍵⍵ for a dyadic one)."""
    text = node.span.text[node.span.start:node.span.end]
    roles = {}
    for glyph in ("⍺⍺", "⍵⍵"):
        votes = 0  # above 0: a function
        at = text.find(glyph)
        while at >= 0:
            rest = text[at + 2:].lstrip(" ")
            nxt = rest[:1]
            if nxt and nxt in _OPERATOR_GLYPHS:
                votes += 1
            elif nxt and nxt in FUNCTIONS:
                votes -= 1
            elif nxt and (nxt.isalnum() or nxt in "⍺⍵(¯⍬"):
                votes += 1  # an argument follows: applied to it
            at = text.find(glyph, at + 2)
        if glyph in text:
            roles[glyph] = "F" if votes > 0 else "A"
    return roles


def operator_def(p, py: str, node, scope: Scope, roles: dict | None = None) -> tuple[list[str], dict]:
    """The lines of `def py(alpha_alpha[, omega_omega]):` returning the derived function, and
    the operands' roles it was written for; a NONCE ERROR when neither reading translates."""
    first = roles or operand_roles(node)
    tries = [first]
    other = {g: "F" if r == "A" else "A" for g, r in first.items()}
    if other != first and roles is None:
        tries.append(other)
    error = None
    for chosen in tries:
        try:
            return _def(p, py, node, scope, chosen), chosen
        except (NonceError, APLError) as e:
            error = e
    raise error


def _def(p, py, node, scope, roles):
    inner = Scope(scope)
    names = {"⍺⍺": inner.fresh("alpha_alpha"), "⍵⍵": inner.fresh("omega_omega") if node.kind == "D" else None}
    operands = {}
    for glyph, name in names.items():
        if name is None or glyph not in roles:
            continue
        operands[glyph] = name if roles[glyph] == "A" else p.user_function(name, glyph)
    derived = inner.fresh("derived")
    described = ", ".join(f"{g} {'an array' if r == 'A' else 'a function'}" for g, r in roles.items())
    doc = f"APL: {source_text(node)}" + (f" ({described})" if described else "")
    usage = f"⍺ (⍺⍺ {py} ⍵⍵) ⍵" if node.kind == "D" else f"⍺ (⍺⍺ {py}) ⍵"
    body = print_dfn(p, derived, node, inner, f"{py} with its operands: APL's {usage}", operands)
    params = ", ".join(n for n in names.values() if n is not None)
    lines = [f"def {py}({params}):"]
    lines += ["    " + ln for ln in docstring_lines(doc)]
    lines += [""] + ["    " + ln if ln else "" for ln in body] + ["", f"    return {derived}"]
    return lines
