"""Inline Python for scalar functions whose argument types are known when a dfn is compiled.

A type is a frozenset of what a value may be: 'b' a Python bool, 'i' a Python int (within
int64), 'f' a finite Python float, 'o' anything else (an array, a character, a nested value).
Each template returns the lines computing `r` from `a` and `w` (Python expressions already
evaluated into names or constants) and the type of `r`, or None where it does not apply; the
helpers of scalars.py cover every other case, and the primitives every case beyond them.
"""
from __future__ import annotations

from .values import INT_MAX, INT_MIN

TB, TI, TF, TO = frozenset("b"), frozenset("i"), frozenset("f"), frozenset("o")
TBI, TN, TNUM, ANY = frozenset("bi"), frozenset("if"), frozenset("bif"), frozenset("bifo")
TOLERANT_FROM = 2**31


def is_const(x: str) -> bool:
    """Whether a compiled operand is a numeric constant written into the code."""
    return x[:1].isdigit() or (x[:1] == "-" and x[1:2].isdigit()) or x in ("True", "False")


def const_value(x: str):
    return {"True": True, "False": False}.get(x) if x in ("True", "False") else (float(x) if "." in x or "e" in x
                                                                                 else int(x))


def _small(x: str) -> bool:
    return is_const(x) and -TOLERANT_FROM < const_value(x) < TOLERANT_FROM


# results of the helpers (scalars.py) on arguments of numeric types; with 'o' possible anything
HELPER_RESULT = {
    "+": TN, "-": TN, "×": TN, "÷": TF, "|": TN, "⌈": TN, "⌊": TN,
    "=": TB, "≠": TB, "<": TB, "≤": TB, ">": TB, "≥": TB, "∧": TNUM, "∨": TNUM, "/": ANY, ",": ANY,
    "m-": TN, "m⌊": TN, "m⌈": TN, "m|": TN, "m×": TI, "m~": TB, "m≢": TI,
}


def helper_type(key: str, *types) -> frozenset:
    r = HELPER_RESULT[key]
    if key == "m≢":  # a count: on NumPy (the only backend compiled code runs on) an int64, so an int
        return TI
    if any("o" in t for t in types):
        return ANY
    return r


_OPS = {"=": "==", "≠": "!=", "<": "<", "≤": "<=", ">": ">", "≥": ">="}


def dyadic(glyph: str, r: str, a: str, ta, w: str, tw):
    """(lines, type) computing r = a glyph w inline when the types allow, else None."""
    if glyph in ("+", "-", "×") and ta <= TBI and tw <= TBI:
        op = {"+": "+", "-": "-", "×": "*"}[glyph]
        lo, hi = True, True  # which bounds the result may cross
        if glyph == "+" and (is_const(a) or is_const(w)):
            c = const_value(a if is_const(a) else w)
            lo, hi = c < 0, c > 0
        elif glyph == "-" and is_const(w):
            c = const_value(w)
            lo, hi = c > 0, c < 0
        if glyph == "×" and (a in ("0", "1") or w in ("0", "1")):
            return [f"{r} = {a} {op} {w}"], TI
        test = " or ".join(x for x, on in ((f"{r} < {INT_MIN}", lo), (f"{r} > {INT_MAX}", hi)) if on)
        lines = [f"{r} = {a} {op} {w}"]
        if test:
            lines.append(f"if {test}: {r} = float({a}) {op} float({w})")
            return lines, TN
        return lines, TI
    if glyph in ("+", "-", "×") and ta <= TNUM and tw <= TNUM and (ta == TF or tw == TF):
        op = {"+": "+", "-": "-", "×": "*"}[glyph]
        return [f"{r} = {a} {op} {w}", f"if {r} - {r} != 0: _nonfinite()"], TF
    if glyph in _OPS and ta <= TBI and tw <= TBI:
        op = _OPS[glyph]
        if _small(a) or _small(w):
            return [f"{r} = {a} {op} {w}"], TB
        return [f"{r} = ({a} {op} {w}) if (-{TOLERANT_FROM} < {a} < {TOLERANT_FROM} or "
                f"-{TOLERANT_FROM} < {w} < {TOLERANT_FROM}) else _s{glyph_key(glyph)}({a}, {w})"], TB
    if glyph == "|" and ta <= TI and tw <= TI:
        if is_const(a):
            return ([f"{r} = {w} % {a}"] if const_value(a) else [f"{r} = {w}"]), TI
        return [f"{r} = ({w} % {a}) if {a} else {w}"], TI
    if glyph == "÷" and ta <= TBI and is_const(w) and type(const_value(w)) is int and const_value(w) != 0:
        return [f"{r} = {a} / {float(const_value(w))!r}"], TF
    if glyph in ("⌈", "⌊") and ta <= TI and tw <= TI:
        op = ">=" if glyph == "⌈" else "<="
        return [f"{r} = {a} if {a} {op} {w} else {w}"], TI
    if glyph in ("∧", "∨") and ta <= TB and tw <= TB:
        return [f"{r} = {a} {'and' if glyph == '∧' else 'or'} {w}"], TB
    return None


def monadic(glyph: str, r: str, w: str, tw):
    """(lines, type) computing r = glyph w inline, or (None, (expr, type)) for a result that
    needs no code (⌊ of an integer is the integer), or None."""
    if glyph in ("⌊", "⌈") and tw <= TI:
        return None, (w, TI)
    if glyph == "≢" and tw <= TNUM:
        return None, ("1", TI)
    if glyph == "-" and tw <= TI:
        return [f"{r} = -{w} if {w} != {INT_MIN} else {float(2**63)!r}"], TN
    if glyph == "-" and tw <= TF:
        return [f"{r} = -{w}"], TF
    if glyph == "|" and tw <= TI:
        return [f"{r} = ({w} if {w} >= 0 else -{w}) if {w} != {INT_MIN} else {float(2**63)!r}"], TN
    if glyph == "~" and tw <= TB:
        return [f"{r} = not {w}"], TB
    return None


_KEYS = {"+": "add", "-": "sub", "×": "mul", "÷": "div", "|": "residue", "⌈": "maximum", "⌊": "minimum",
         "=": "eq", "≠": "ne", "<": "lt", "≤": "le", ">": "gt", "≥": "ge", "∧": "and_", "∨": "or_",
         "/": "replicate", ",": "catenate"}
_MKEYS = {"-": "negate", "⌊": "floor", "⌈": "ceiling", "|": "magnitude", "×": "signum", "~": "not_", "≢": "tally"}


def glyph_key(glyph: str) -> str:
    """The name of a dyadic glyph's helper in the generated code (after `_s`)."""
    return "_" + _KEYS[glyph]


def monad_key(glyph: str) -> str:
    return "_m" + _MKEYS[glyph]
