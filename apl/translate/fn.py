"""Translated functions (`Fn`) and the small helpers that every printer module shares.

A primitive, a derived function, a dfn or a train becomes an `Fn`: how to print it applied to
one or two arguments at a call site. The printer's modules (primitives, operators, dfns,
idioms) build them, so they live here, below the printer, rather than in it.
"""
from __future__ import annotations

from ..errors import NonceError
from . import code as C
from .block import Block, quiet
from .code import Code


def nonce(what: str, node=None) -> NonceError:
    """The NONCE ERROR for a construct that cannot be translated exactly, at node's place."""
    return NonceError(f"cannot translate {what}", getattr(node, "span", None))


OPERAND_LIMIT = 40  # longer operands are computed into a temporary first
RESULT_LIMIT = 64  # longer results too: generated lines stay within ruff's 88 columns


def short(b: Block, c: Code, limit: int) -> Code:
    return b.temp(c) if len(c.text) > limit else c


def _hoisting(f, valence):
    """Apply f with long operands and a long result bound to temporaries; an argument f does
    not use (≢ of a known rank, ⍴ of a known shape) is still computed, for its errors."""
    if f is None:
        return None

    def dropped(b, at, r, args):
        emitted = "\n".join(b.lines[at:]) + r.text
        for x in args:
            if not quiet(x) and x.text.endswith(")") and x.text not in emitted:
                b.insert(at, x.text)

    if valence == 1:
        def monad(b, w):
            w = short(b, w, OPERAND_LIMIT)
            at = len(b.lines)
            r = f(b, w)
            dropped(b, at, r, [w])
            return short(b, r, RESULT_LIMIT)

        return monad

    def dyad(b, a, w):
        if not quiet(a) and not quiet(w):
            w = b.temp(w)  # computed first, as APL does, wherever the function places it
        w = short(b, w, OPERAND_LIMIT)
        a = short(b, a, OPERAND_LIMIT)
        at = len(b.lines)
        r = f(b, a, w)
        dropped(b, at, r, [a, w])
        return short(b, r, RESULT_LIMIT)

    return dyad


class Fn:
    """A translated function: how to apply it monadically and dyadically at a call site."""

    def __init__(self, monad, dyad, name="function", scalar=None, reducer=None):
        self.monad = _hoisting(monad, 1)  # (block, omega) -> Code
        self.dyad = _hoisting(dyad, 2)  # (block, alpha, omega) -> Code
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
    body = f.dyad(sub, *args) if valence == 2 else f.monad(sub, *args)
    if sub.lines:
        raise nonce("a function that needs statements, here", node)
    if body.text.endswith(f"({', '.join(params)})") and body.text.split("(", 1)[0].isidentifier():
        return body.text.split("(", 1)[0]  # lambda x, y: g(x, y) is just g
    return f"lambda {', '.join(params)}: {body.text}"

