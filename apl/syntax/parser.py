"""Lark parses the token structure; this module turns its tree into `tokens` objects.

Parsing is cached per source text, so a line or a dfn body is parsed once however often
it runs. The tables lark computes for the grammar are made once and cached (lark_tables), and
lalr.py runs them as lark's runtime does, so that lark itself is not imported at each start.
"""
from __future__ import annotations

import functools
import os

from .. import glyphs
from ..errors import LimitError, Span, SyntaxError_
from . import lalr, lark_tables
from .tokens import Brace, Bracket, Items, Paren, Statement, Token


def _character_class(glyphs: str) -> str:
    """A Lark regular expression matching any one of the glyphs."""
    special = "\\]^-[/"
    return "/[" + "".join("\\" + g if g in special else g for g in glyphs) + "]/"


def _glyph_terminals() -> str:
    """The grammar's glyph terminals, from the registry. ∘ . and ∘. have terminals of their own
    (JOT, DOT, OUTER): the binder tells composition from inner and outer products."""
    own = {"∘", ".", "∘."}
    functions = "".join(g.glyph for g in glyphs.GLYPHS if g.kind == glyphs.FUNCTION) + "".join(
        a for g in glyphs.GLYPHS for a in g.aliases)
    monadic = "".join(g.glyph for g in glyphs.GLYPHS if g.kind == glyphs.MONADIC_OPERATOR and g.glyph not in own)
    dyadic = "".join(g.glyph for g in glyphs.GLYPHS if g.kind == glyphs.DYADIC_OPERATOR and g.glyph not in own)
    return (f"FUNCTION: {_character_class(functions)}\n"
            f"MONOP: {_character_class(monadic)}\n"
            f"DYOP: {_character_class(dyadic)}\n")


with open(os.path.join(os.path.dirname(__file__), "apl.lark"), encoding="utf-8") as _f:
    _GRAMMAR = _f.read() + _glyph_terminals()

# characters read as another glyph: Dyalog reads the ASCII caret ^ as ∧ (And)
_ALIASES = {a: g.glyph for g in glyphs.GLYPHS for a in g.aliases}

_LEAF_KINDS = {
    "ALPHA2": "alpha2", "OMEGA2": "omega2", "ALPHA": "alpha", "OMEGA": "omega",
    "DEL2": "del2", "DEL": "del",
}


@functools.lru_cache(maxsize=1)
def _parser() -> lalr.Parser:
    return lalr.Parser(lark_tables.load(_GRAMMAR))


_WITH_META = frozenset(("paren", "array_paren", "array_bracket", "bracket", "dfn"))


class _Leaves:
    """Bottom-up: leaves become Token, groups become Paren/Bracket/Brace/Statement (with _Groups: a
    transformer of lark's trees; the rules in _WITH_META are given their node's positions too)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def _span(self, start: int, end: int) -> Span:
        return Span(self.text, start, end)

    def _leaf(self, kind, tok):
        return Token(kind, str(tok), self._span(tok.start_pos, tok.end_pos))

    def number(self, c):
        return self._leaf("number", c[0])

    def bad_number(self, c):
        tok = c[0]
        raise SyntaxError_(f"malformed number {str(tok)!r}", self._span(tok.start_pos, tok.end_pos))

    def string(self, c):
        return self._leaf("string", c[0])

    def name(self, c):
        return self._leaf("name", c[0])

    def sysname(self, c):
        return self._leaf("sysname", c[0])

    def dotted(self, c):
        return self._leaf("dotted", c[0])

    def space(self, c):
        return self._leaf("name", c[0])  # # and ##: names the runtime resolves

    def zilde(self, c):
        return self._leaf("zilde", c[0])

    def function(self, c):
        tok = c[0]
        glyph = _ALIASES.get(str(tok))
        if glyph is not None:
            return Token("function", glyph, self._span(tok.start_pos, tok.end_pos))
        return self._leaf("function", tok)

    def monop(self, c):
        return self._leaf("monop", c[0])

    def dyop(self, c):
        return self._leaf("dyop", c[0])

    def outer(self, c):
        return self._leaf("outer", c[0])

    def jot(self, c):
        return self._leaf("jot", c[0])

    def dot(self, c):
        return self._leaf("dot", c[0])

    def assign(self, c):
        return self._leaf("assign", c[0])

    def __default_token__(self, tok):
        kind = _LEAF_KINDS.get(tok.type)
        return self._leaf(kind, tok) if kind else tok


class _Groups:
    """The rules of groups and statements (paren, array_paren, array_bracket, bracket and dfn read
    the positions in the tree's meta)."""

    def paren(self, meta, c):
        return Paren(tuple(c[0]), self._span(meta.start_pos, meta.end_pos))

    def array_paren(self, meta, c):
        return Items("vector", c[0], self._span(meta.start_pos, meta.end_pos))

    def array_bracket(self, meta, c):
        return Items("major", c[1], self._span(meta.start_pos, meta.end_pos))

    def items(self, c):
        return tuple(tuple(x) for x in c if x is not None)

    def bracket(self, meta, c):
        return Bracket(tuple(c[1]), self._span(meta.start_pos, meta.end_pos))

    def index(self, c):
        return [None if x is None else tuple(x) for x in c]

    def expr(self, c):
        return list(c)

    def dfn(self, meta, c):
        body = c[1]
        return Brace(body, self._span(meta.start_pos, meta.end_pos), _dfn_role(body))

    def body(self, c):
        return tuple(
            s if isinstance(s, Statement) else self._statement("expr", [s])
            for s in c if s is not None
        )

    def start(self, c):
        return c[0]

    def _statement(self, kind, parts):
        start = parts[0][0].span.start
        end = parts[-1][-1].span.end
        names = tuple(dict.fromkeys(_names(parts)))
        return Statement(kind, tuple(tuple(p) for p in parts), self._span(start, end), names)

    def guard(self, c):
        return self._statement("guard", c)

    def error_guard(self, c):
        return self._statement("error_guard", c)

    def branch(self, c):
        """→ expr (or → alone): parts hold the expression, or nothing."""
        arrow, expr = c
        start = arrow.start_pos
        if expr is None:
            return Statement("branch", (), self._span(start, arrow.end_pos), ())
        end = expr[-1].span.end
        return Statement("branch", (tuple(expr),), self._span(start, end), tuple(dict.fromkeys(_names([expr]))))

    def __default__(self, data, children, meta):
        raise AssertionError(f"unhandled grammar rule {data}")


class _ToTokens(_Leaves, _Groups):
    pass


def _walk(items):
    """Every token at this dfn level: into parentheses and brackets, not into inner dfns."""
    for it in items:
        if isinstance(it, Token):
            yield it
        elif isinstance(it, Paren):
            yield from _walk(it.items)
        elif isinstance(it, Items):
            for part in it.items:
                yield from _walk(part)
        elif isinstance(it, Bracket):
            for ix in it.indices:
                if ix is not None:
                    yield from _walk(ix)


def _names(parts):
    for part in parts:
        for tok in _walk(part):
            if tok.kind in ("name", "alpha2", "omega2", "alpha", "del2"):  # ⍺ may hold a function (⍺←⊢)
                yield tok.text
            elif tok.kind == "dotted":  # its first name decides how it binds (f.g: each name)
                yield from tok.text.split(".")
                yield tok.text


def _dfn_role(body) -> str:
    kinds = {t.kind for st in body for part in st.parts for t in _walk(part)}
    if "omega2" in kinds:
        return "D"
    if "alpha2" in kinds or "del2" in kinds:
        return "M"
    return "F"


MAX_NESTING = 1000  # parentheses, brackets and braces inside one another: deeper is a LIMIT ERROR


def _check_nesting(text: str) -> None:
    """LIMIT ERROR where ( [ { nest deeper than MAX_NESTING, before Lark's recursive tree
    building could exhaust the stack (strings and comments do not count)."""
    if text.count("(") + text.count("[") + text.count("{") <= MAX_NESTING:
        return
    depth = 0
    quoted = comment = False
    for i, c in enumerate(text):
        if comment:
            comment = c != "\n"
        elif quoted:
            quoted = c != "'"
        elif c == "'":
            quoted = True
        elif c == "⍝":
            comment = True
        elif c in "([{":
            depth += 1
            if depth > MAX_NESTING:
                raise LimitError(f"nesting deeper than {MAX_NESTING} levels", Span(text, i, i + 1))
        elif c in ")]}":
            depth -= 1


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Statement, ...]:
    """Parse a line or a block of lines into statements (cached per text)."""
    _check_nesting(text)
    try:
        tree = _parser().parse(text)
    except lalr.UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    return lalr.transform(_ToTokens(text), tree, _WITH_META)


def _syntax_error(text: str, exc) -> SyntaxError_:
    """The message and place of a parse error (lark's exceptions or lalr's, which have the same names)."""
    kind = type(exc).__name__
    pos = getattr(exc, "pos_in_stream", None)
    if kind == "UnexpectedToken" and exc.token is not None and exc.token.type == "$END":
        pos = len(text)
    if pos is None:
        pos = len(text)
    if kind == "UnexpectedCharacters":
        ch = text[pos] if pos < len(text) else ""
        msg = "unterminated string" if ch == "'" else f"unexpected character {ch!r}"
    elif kind == "UnexpectedEOF" or pos >= len(text):
        msg = "unexpected end of input"
    else:
        msg = f"unexpected {text[pos:pos + 1]!r}"
    return SyntaxError_(msg, Span(text, min(pos, max(len(text) - 1, 0)), pos + 1))
