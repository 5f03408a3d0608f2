"""⎕FMT's fields: one column of Y through one data phrase (A E F G I), as equal-width texts.

Numbers are read as the decimal text they show as (repr: 2.675 is 2.675, not the binary value
just below it), rounded to 16 significant digits as X⍕Y does, then half away from zero to the
phrase's places; digits beyond the 16th significant one print as `_` (Dyalog: "low order
digits are replaced by the symbol _"). Integers beyond 32 bits are taken as floats, as Dyalog
holds them.
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .spec import Phrase

DIGITS = 16  # significant digits of a float64, as X⍕Y
_INT32 = 2**31 - 1


def column(p: Phrase, values: list, ct: float) -> list[str]:
    """The texts, each p's width wide (G: its pattern's length), of one column of values."""
    if p.kind == "A":
        return [v.ljust(p.width) if "L" in p.flags else v.rjust(p.width) for v in values]
    with localcontext() as ctx:
        ctx.prec = 800 + p.width + p.digits
        ctx.Emax, ctx.Emin = 10**7, -10**7  # K scales by up to 1E±1000000
        if p.kind == "G":
            return [_replaced(p, v, ct, len(p.text)) or _pattern(p, v) for v in values]
        numbers = [_scaled(v, p.scale) for v in values]
        exp_width = 0
        if p.kind == "E":
            numbers = [_scientific(d, p.digits) for d in numbers]
            exp_width = max((len(str(e)) for _, e in numbers), default=0)
        return [_replaced(p, v, ct, p.width) or _number(p, d, exp_width) for v, d in zip(values, numbers)]


def _decimal(x) -> Decimal:
    if isinstance(x, int) and abs(x) <= _INT32:
        return Decimal(x)
    x = float(x)
    if not math.isfinite(x):  # never an APL value
        return Decimal(0)
    return Decimal(repr(x))


def _round_sig(d: Decimal, digits: int) -> Decimal:
    if not d:
        return d
    return d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def _scaled(x, scale: int) -> Decimal:
    return _round_sig(_decimal(x), DIGITS).scaleb(scale)


def _scientific(d: Decimal, digits: int) -> tuple[Decimal, int]:
    """d as a mantissa of `digits` significant digits (1 ≤ |m| < 10, or 0) and an exponent."""
    if not d:
        return Decimal(0).quantize(Decimal(1).scaleb(1 - digits)), 0
    m = _round_sig(d, digits)
    exp = m.adjusted()
    return m.scaleb(-exp).quantize(Decimal(1).scaleb(1 - digits)), exp


def _replaced(p: Phrase, x, ct: float, width: int) -> str | None:
    """O: the text in place of a value equal (within ⎕CT) to one of p's, else None."""
    for value, text in p.replace:
        x = float(x)
        if x == value or abs(x - value) <= ct * max(abs(x), abs(value)):
            if len(text) > width:
                return p.subs.get("*", "*") * width
            return text.ljust(width) if "L" in p.flags else text.rjust(width)
    return None


def _masked(digits: str, sub) -> list[tuple[str, str]]:
    """Digits as (character, role): those after the 16th significant one are `_` (role "_")."""
    out, seen = [], 0
    for ch in digits:
        if ch == ".":
            out.append((sub(".", "."), "."))
            continue
        if seen or ch != "0":
            seen += 1
        out.append((sub("_", "_"), "_") if seen > DIGITS else (ch, "d"))
    return out


def _number(p: Phrase, d, exp_width: int) -> str:
    """One number through E, F or I: its digits, commas, zero fill, sign and affixes, justified
    in the field (or the field of asterisks when it does not fit)."""
    w = p.width

    def sub(symbol, default):
        return p.subs.get(symbol, default)

    if p.kind == "E":
        mant, exp = d
        zero, negative = not mant, mant < 0
        text = format(abs(mant), "f")
        body = _masked(text, sub)
        exponent = str(abs(exp))
        body += [("E", "t")] + ([(sub("¯", "¯"), "¯")] if exp < 0 else [])
        body += [(c, "d") for c in exponent]
        body += [(" ", "t")] * (exp_width - len(exponent) - (exp < 0))
    else:
        if d and d.adjusted() >= w:  # more integer digits than the field: no need to round
            return sub("*", "*") * w
        q = d.quantize(Decimal(1).scaleb(-(p.digits if p.kind == "F" else 0)), rounding=ROUND_HALF_UP)
        zero, negative = not q, q < 0
        cells = _masked(format(abs(q), "f"), sub)
        point = next((i for i, (_, role) in enumerate(cells) if role == "."), len(cells))
        body, tail = cells[:point], cells[point:]
    if "B" in p.flags and zero:
        return _background(p, w)
    if negative:
        prefix = p.affix["M"] if "M" in p.affix else sub("¯", "¯")
        suffix = p.affix.get("N", "")
    else:
        prefix, suffix = p.affix.get("P", ""), p.affix.get("Q", "")
    if p.kind != "E":
        body = _whole_part(p, body, w - len(prefix) - len(suffix) - len(tail), sub) + tail
    text = prefix + "".join(c for c, _ in body) + suffix
    if len(text) > w:
        return sub("*", "*") * w
    background = _background(p, w)
    if "L" in p.flags:
        return text + background[len(text):]
    return background[:w - len(text)] + text


def _whole_part(p: Phrase, digits: list, room: int, sub) -> list:
    """The integer part with C's commas and Z's zeros (filling the room left, commas too)."""
    n = len(digits)
    count = n
    if "Z" in p.flags:
        while _with_commas(p, count + 1) <= room:
            count += 1
    digits = [(sub("0", "0"), "0")] * (count - n) + digits
    if "C" not in p.flags:
        return digits
    out = []
    for i, cell in enumerate(digits):
        if i and (count - i) % 3 == 0:
            out.append((sub(",", ","), ","))
        out.append(cell)
    return out


def _with_commas(p: Phrase, count: int) -> int:
    return count + ((count - 1) // 3 if "C" in p.flags else 0)


def _background(p: Phrase, w: int) -> str:
    r = p.affix.get("R")
    return (r * (w // len(r) + 1))[:w] if r else " " * w


def _pattern(p: Phrase, x) -> str:
    """G: the number rounded to an integer, its digits in the pattern's digit selectors (9 always
    shows its digit; Z a zero only between digits shown, as text between selectors)."""
    nine, zed = p.subs.get("9", "9"), p.subs.get("Z", "Z")
    pattern = p.text
    slots = [i for i, c in enumerate(pattern) if c in (nine, zed)]
    d = _scaled(x, p.scale)
    if d and d.adjusted() >= len(slots) + 1:
        return p.subs.get("*", "*") * len(pattern)
    q = d.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if "B" in p.flags and not q:
        return " " * len(pattern)
    digits = format(abs(q), "f")
    if len(digits) > len(slots):
        return p.subs.get("*", "*") * len(pattern)
    digits = [c for c, _ in _masked(digits.rjust(len(slots), "0"), lambda s, d: d)]
    anchors = [i for i, d in zip(slots, digits) if pattern[i] == nine or d != "0"]
    lo, hi = (anchors[0], anchors[-1]) if anchors else (len(pattern), -1)
    out = list(pattern)
    for i, d in zip(slots, digits):
        out[i] = d if pattern[i] == nine or d != "0" or lo < i < hi else " "
    if slots:
        for i in range(slots[0] + 1, slots[-1]):
            if pattern[i] not in (nine, zed) and not lo < i < hi:
                out[i] = " "
    return "".join(out)
