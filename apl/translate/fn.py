"""Translated functions (`Fn`) and the small helpers that every printer module shares.

A primitive, a derived function, a dfn or a train becomes an `Fn`: how to print it applied to
one or two arguments at a call site. The printer's modules (primitives, operators, dfns,
idioms) build them, so they live here, below the printer, rather than in it.
"""
from __future__ import annotations

import re

from ..errors import NonceError
from . import code as C
from .block import Block, quiet, settle
from .code import Code


def nonce(what: str, node=None) -> NonceError:
    """The NONCE ERROR for a construct that cannot be translated exactly, at node's place."""
    return NonceError(f"cannot translate {what}", getattr(node, "span", None))


OPERAND_LIMIT = 40  # longer operands are computed into a temporary first
RESULT_LIMIT = 64  # longer results too: generated lines stay within ruff's 88 columns


def short(b: Block, c: Code, limit: int) -> Code:
    return b.temp(c) if len(c.text) > limit else c


# Under ranks= (the printer's `fast`), torch's float arithmetic may leave an infinity or a NaN
# where APL raises a DOMAIN ERROR: such a value is `raw` (TorchPrinter.raw) until it is checked
# (block.settle). A function takes raw arguments as they are where its result surely keeps
# them (an infinity or a NaN in, one out: x+y, x÷y in x, ,x), its result then raw too, and has
# them checked first where it could lose them (a comparison, a floor, x÷y in y, a selection,
# any derived or defined function but +/ and ×/). By glyph, (monadic, left, right): True where
# any rendering keeps them, "fast" only where torch's float arithmetic computes it.
_F = "fast"
KEEPS_RAW = {
    "+": (_F, _F, _F), "-": (_F, _F, _F), "×": (False, _F, _F), "÷": (False, _F, False), "*": (False, "power", False),
    "⍟": (_F, False, False), "|": (_F, False, False), "○": (_F, False, "circular"),
    ",": (True, True, True), "⍪": (True, True, True), "⌽": (True, False, True), "⊖": (True, False, True),
    "⍉": (True, False, False), "⊢": (True, False, True), "⊣": (True, True, False),
}
_KEEPING_CIRCLES = {1, 2, 3, -1, -2, 5, 6, -5, -6, -7, 10}  # k○ of ±∞ or NaN: ±∞ or NaN


def _keeps(rule, a, w) -> bool:
    """Whether an argument with this rule may arrive raw, for arguments a (None: monadic) w."""
    if rule in (False, True):
        return rule
    if not C.fast_floats(*(w,) if a is None else (a, w)):
        return False
    if rule == "power":  # x*k keeps an infinity for a literal k > 0
        return w.is_python and w.kind != C.PYCOMPLEX and C.literal_float(w) is not None and C.literal_float(w) > 0
    if rule == "circular":
        return C.literal_int(a) in _KEEPING_CIRCLES
    return True


def _raw_args(owner, a, w):
    """The arguments as the function takes them (raw only where it keeps them: see KEEPS_RAW),
    and whether its result is raw for that reason."""
    if not ((a is not None and a.raw) or w.raw):
        return a, w, False
    rule = getattr(owner, "keeps_raw", None)
    if rule is None:
        rule = KEEPS_RAW.get(owner.name, (False,) * 3) if getattr(owner, "primitive", False) else (False,) * 3
    if a is None:
        keep = _keeps(rule[0], None, w)
        return None, w if keep else settle(w), keep
    keep_a, keep_w = a.raw and _keeps(rule[1], a, w), w.raw and _keeps(rule[2], a, w)
    return (a if keep_a or not a.raw else settle(a)), (w if keep_w or not w.raw else settle(w)), keep_a or keep_w


def _surely_in(x, other) -> bool:
    """Whether every item of x, passed on raw to a scalar function (or ,) with `other`, lands in
    its result, so that the result's check stands for x's (block.defer): not where x is one
    item extended to an empty other."""
    if other is None or other.is_python:
        return True
    if other.shape is not None and all(n > 0 for n in other.shape):
        return True
    if x.cells == 1 and other.cells == 0:
        return True  # (the cells of f⍤1 beside a result per cell, keepdim: the same frame, x not extended)
    return x.shape is not None and x.shape == other.shape


# functions that make no infinity or NaN of their own: a result raw only through its arguments
_PURE = {",", "⍪", "⌽", "⊖", "⍉", "⊢", "⊣"}
_PURE_MONADS = {"|", "-", "+"}


def _appears(x, text) -> bool:
    """Whether x's text is part of text (a name as a whole word)."""
    if x.text.isidentifier():
        return re.search(rf"(?<![\w.]){re.escape(x.text)}(?!\w)", text) is not None
    return x.text in text


def _holding(owner, b, at, r, args):
    """r with the deferred variables (Code.holds) of the arguments passed on raw that surely
    land in it (see block.defer); pure where a primitive that makes no infinity of its own
    passed on only pure ones."""
    if not r.raw:
        return r
    emitted = "\n".join(b.lines[at:]) + "\n" + r.text
    held = set(r.holds)
    raws = [x for x, _ in args if x is not None and x.raw]
    for x, other in args:
        if x is not None and x.raw and x.holds and _surely_in(x, other) and _appears(x, emitted):
            held |= x.holds
    names = _PURE | _PURE_MONADS if args[0][1] is None else _PURE
    pure = getattr(owner, "primitive", False) and owner.name in names and all(x.pure for x in raws)
    return r.but(holds=frozenset(held), pure=pure)


_CELLWISE = {"fork", "atop", "mean", "reduce", "⊢", "⊣", "≢"}  # (their own parts are checked in turn)


def _cells(owner, args):
    """For arguments among which some are the cells of f⍤1 lifted to the whole array
    (batched.py): the result's cell rank, where owner works cell by cell as torch's broadcasting
    does (a scalar function, of cells of rank 0 or 1); else a NONCE ERROR (the caller then
    applies f cell by cell). None where no argument is such."""
    if all(x is None or x.cells is None for x in args):
        return None
    if not (owner.scalar or owner.name in _CELLWISE):
        raise nonce(f"{owner.name} on the cells of ⍤, lifted to the whole array")
    ranks = [x.cells if x.cells is not None else 0 if x.is_python else x.rank for x in args if x is not None]
    if any(r is None or r > 1 for r in ranks):
        raise nonce("an array of rank > 1 beside the cells of ⍤, lifted to the whole array")
    return max(ranks)


def _lifted(r, cells):
    """A result of cells (see _cells): lined up for torch's broadcasting like its arguments."""
    if cells is None or r.cells is not None or r.is_python:
        return r
    return r.but(cells=cells, aligned=True, rank=None, shape=None)


def _hoisting(owner, f, valence):
    """Apply f with long operands and a long result bound to temporaries; an argument f does
    not use (≢ of a known rank, ⍴ of a known shape) is still computed, for its errors (under
    ranks=, checked where it is raw; see KEEPS_RAW)."""
    if f is None:
        return None

    def dropped(b, at, r, args):
        emitted = "\n".join(b.lines[at:]) + r.text
        for x in args:
            if not quiet(x) and x.text.endswith(")") and x.text not in emitted:
                b.insert(at, settle(x).text)

    def marked(r, raw):
        return r.but(raw=True) if raw and not r.raw and r.kind in (C.FLOAT, C.NUM) and not r.is_python else r

    if valence == 1:
        def monad(b, w):
            _, w, raw = _raw_args(owner, None, w)
            cells = _cells(owner, [w])
            if cells is not None and owner.name == "≢":  # the length of every cell
                return Code(f"{w.atom()}.shape[-1]", C.PYINT, C.ATOM, 0, ()) if cells else Code("1", C.PYINT)
            w = short(b, w, OPERAND_LIMIT)
            at = len(b.lines)
            r = f(b, w)
            dropped(b, at, r, [w])
            r = _holding(owner, b, at, marked(r, raw), [(w, None)]) if raw else r
            return short(b, _lifted(r, cells), RESULT_LIMIT)

        return monad

    def dyad(b, a, w):
        a, w, raw = _raw_args(owner, a, w)
        cells = _cells(owner, [a, w])
        if not quiet(a) and not quiet(w):
            w = b.temp(w)  # computed first, as APL does, wherever the function places it
        w = short(b, w, OPERAND_LIMIT)
        a = short(b, a, OPERAND_LIMIT)
        at = len(b.lines)
        r = f(b, a, w)
        dropped(b, at, r, [a, w])
        r = _holding(owner, b, at, marked(r, raw), [(a, w), (w, a)]) if raw else r
        return short(b, _lifted(r, cells), RESULT_LIMIT)

    return dyad


class Fn:
    """A translated function: how to apply it monadically and dyadically at a call site."""

    def __init__(self, monad, dyad, name="function", scalar=None, reducer=None):
        self.monad = _hoisting(self, monad, 1)  # (block, omega) -> Code
        self.dyad = _hoisting(self, dyad, 2)  # (block, alpha, omega) -> Code
        self.name = name
        self.scalar = scalar  # for scalar primitives: the glyph
        self.reducer = reducer


def refuse(what, node):
    """A valence that raises a NONCE ERROR when it is applied."""

    def run(*args):
        raise nonce(what, node)

    return run


def spanned(fn: Fn, node) -> Fn:
    """Attach the glyph's place to NONCE errors raised while applying it."""

    def wrap(f):
        if f is None:
            return None

        def run(*args):
            try:
                return f(*args)
            except NonceError as e:
                raise e.with_span(node.span)

        return run

    out = Fn(wrap(fn.monad), wrap(fn.dyad), fn.name, fn.scalar, fn.reducer)
    out.primitive = getattr(fn, "primitive", False)
    return out


def python_lambda(p, blk, f, valence, node):
    """A Python callable for f: its def name, or a lambda when its code is one expression."""
    sub = Block(blk.scope, blk.indent)
    names = ("x", "y") if valence == 2 else ("x",)
    params = [blk.scope.fresh(n) for n in names]
    for n in params:
        blk.scope.taken.discard(n)
    args = [Code(n, C.NUM) for n in params]
    body = settle(f.dyad(sub, *args) if valence == 2 else f.monad(sub, *args))
    if sub.lines:
        raise nonce("a function that needs statements, here", node)
    if body.text.endswith(f"({', '.join(params)})") and body.text.split("(", 1)[0].isidentifier():
        return body.text.split("(", 1)[0]  # lambda x, y: g(x, y) is just g
    return f"lambda {', '.join(params)}: {body.text}"

