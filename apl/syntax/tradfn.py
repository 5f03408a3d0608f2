"""Traditional functions (∇ definitions) as text: where a definition starts and ends in a script
or an input, its header, and its lines cut into segments (label, control word, statement).

A tradfn's body is parsed in one go, as a dfn's is: labels and control words are blanked out of
a copy of its text (so every statement keeps its place, and a dfn may span lines), and each
statement is then matched to the segment it came from. apl/syntax/control.py turns the segments
into the steps the runtime runs (apl/runtime/tradfn.py).
"""
from __future__ import annotations

import bisect
import re

from ..errors import Span, SyntaxError_
from ..records import record
from .parser import parse

NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")
_LABEL = re.compile(r"\s*([A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)\s*:(?!:)")
_CONTROL = re.compile(r"\s*:([A-Za-z]+)")


# ---------------------------------------------------------------- where definitions are
def bracket_depth(line: str, depth: int) -> int:
    """The bracket depth after `line` (outside strings and comments)."""
    quoted = False
    for c in line:
        if quoted:
            quoted = c != "'"
        elif c == "'":
            quoted = True
        elif c == "⍝":
            break
        elif c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
    return depth


def _code(line: str) -> str:
    """The line without its comment (outside strings), stripped."""
    quoted = False
    for i, c in enumerate(line):
        if quoted:
            quoted = c != "'"
        elif c == "'":
            quoted = True
        elif c == "⍝":
            return line[:i].strip()
    return line.strip()


def opens_definition(line: str) -> bool:
    """Whether a line at the top level opens a ∇ definition (∇ first; ∇∇ is never first)."""
    s = line.lstrip()
    return s.startswith("∇") and not s.startswith("∇∇")


def closes_definition(line: str) -> bool:
    return _code(line) in ("∇", "⍫")


@record
class Piece:
    """A run of a text's lines: kind "code" (statements) or "definition" (∇ … ∇, both lines
    included; `closed` says whether the closing ∇ came); `first` is its first line's index."""

    kind: str
    lines: tuple
    first: int
    closed: bool = True

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def pieces(text: str) -> list[Piece]:
    """Cut a text into its code and its ∇ definitions, in order."""
    out: list[Piece] = []
    lines = text.split("\n")
    depth, start, i = 0, 0, 0
    while i < len(lines):
        if depth <= 0 and opens_definition(lines[i]):
            if i > start:
                out.append(Piece("code", tuple(lines[start:i]), start))
            end = i + 1  # a line holding only ∇ closes it, even inside an unclosed bracket
            while end < len(lines) and not closes_definition(lines[end]):
                end += 1
            closed = end < len(lines)
            out.append(Piece("definition", tuple(lines[i:end + 1]), i, closed))
            i = start = end + 1
            depth = 0
            continue
        depth = bracket_depth(lines[i], depth)
        i += 1
    if start < len(lines):
        out.append(Piece("code", tuple(lines[start:]), start))
    return out


def definition_open(text: str) -> bool:
    """Whether the text ends inside a ∇ definition (the session reads on until its ∇)."""
    found = pieces(text) if "∇" in text else []
    return bool(found) and found[-1].kind == "definition" and not found[-1].closed


# ---------------------------------------------------------------- the header
@record
class Header:
    """`r←a f w;l1;l2`: the function's (or operator's) name, its result and arguments (a name,
    or a tuple of names for a strand), which are optional or shy, its operands and its locals."""

    name: str
    result: object = None  # a name, a tuple of names, or None: no result
    shy: bool = False  # {r}←…
    left: object = None
    left_optional: bool = False  # {a} f w
    right: object = None
    left_operand: str | None = None  # (ll op rr): an operator
    right_operand: str | None = None
    locals: tuple = ()

    @property
    def names(self) -> tuple:
        """Every name local to a call: result, arguments, operands, and the listed locals."""
        out = []
        for part in (self.result, self.left, self.right, self.left_operand, self.right_operand):
            if isinstance(part, tuple):
                out.extend(part)
            elif part is not None:
                out.append(part)
        out.extend(self.locals)
        return tuple(dict.fromkeys(out))


_HEADER_TOKEN = re.compile(r"\s*(?:(⎕?[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)|([←{}();]))")


def _header_tokens(text: str, span: Span) -> list[str]:
    tokens, i = [], 0
    text = text.rstrip()
    while i < len(text):
        m = _HEADER_TOKEN.match(text, i)
        if m is None:
            if not text[i:].strip():
                break
            raise SyntaxError_(f"a ∇ header holds names, ← {{ }} ( ) and ;, not {text[i:].strip()[0]!r}",
                               span)
        tokens.append(m.group(1) or m.group(2))
        i = m.end()
    return tokens


def _items(tokens: list[str], span: Span) -> list[tuple[str, object]]:
    """Header items: ("name", n), ("braced", n) for {n}, ("paren", (n, …))."""
    items, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if t in "{(":
            close = "}" if t == "{" else ")"
            try:
                j = tokens.index(close, i)
            except ValueError:
                raise SyntaxError_(f"a ∇ header's {t} is not closed", span) from None
            inner = tokens[i + 1:j]
            if not inner or any(not NAME.fullmatch(x) for x in inner) or (t == "{" and len(inner) != 1):
                raise SyntaxError_(f"a ∇ header's {t}…{close} holds names", span)
            items.append(("braced", inner[0]) if t == "{" else ("paren", tuple(inner)))
            i = j + 1
        elif NAME.fullmatch(t):
            items.append(("name", t))
            i += 1
        else:
            raise SyntaxError_(f"unexpected {t!r} in a ∇ header", span)
    return items


def _argument(item, span):
    kind, value = item
    if kind == "braced":
        raise SyntaxError_("only the left argument and the result may be {optional}", span)
    return value if kind == "name" or len(value) > 1 else value[0]


def parse_header(text: str, span: Span | None = None) -> Header:
    """The header of a definition (the text after ∇ on its first line, comment removed)."""
    code = _code(text)
    span = span or Span(text, 0, len(text))
    main, *local_parts = code.split(";")
    locals_ = []
    for part in local_parts:
        name = part.strip()
        if not (NAME.fullmatch(name) or re.fullmatch(r"⎕[A-Za-z]+", name)):
            raise SyntaxError_(f"a ∇ header's locals are names: {name!r}", span)
        locals_.append(name.upper() if name.startswith("⎕") else name)
    tokens = _header_tokens(main, span)
    result, shy = None, False
    if "←" in tokens:
        k = tokens.index("←")
        res = _items(tokens[:k], span)
        if len(res) != 1:
            raise SyntaxError_("a ∇ header has one result: r←, {r}← or (r1 r2)←", span)
        kind, result = res[0]
        shy = kind == "braced"
        tokens = tokens[k + 1:]
    items = _items(tokens, span)
    if not 1 <= len(items) <= 3:
        raise SyntaxError_("a ∇ header is [r←][a] f [w]", span)
    fn = items[-2] if len(items) >= 2 else items[0]
    left = right = None
    left_optional = False
    if len(items) >= 2:
        right = _argument(items[-1], span)
    if len(items) == 3:
        kind, value = items[0]
        left_optional = kind == "braced"
        left = value if kind in ("name", "braced") else (value if len(value) > 1 else value[0])
    ll = rr = None
    if fn[0] == "paren":
        if len(items) == 1 or len(fn[1]) not in (2, 3):
            raise SyntaxError_("an operator's header is [r←][a] (ll op [rr]) w", span)
        ll, name = fn[1][0], fn[1][1]
        rr = fn[1][2] if len(fn[1]) == 3 else None
    elif fn[0] == "name":
        name = fn[1]
    else:
        raise SyntaxError_("a function's name is not in braces", span)
    header = Header(name, result, shy, left, left_optional, right, ll, rr, tuple(locals_))
    every = [n for part in (result, left, right, ll, rr) if part is not None
             for n in (part if isinstance(part, tuple) else (part,))] + list(locals_)
    twice = {n for n in every if every.count(n) > 1}
    if twice:
        raise SyntaxError_(f"the header names {' '.join(sorted(twice))} twice", span)
    if name in every:
        raise SyntaxError_(f"{name} names the function and a local of it", span)
    return header


# ---------------------------------------------------------------- the body
@record
class Segment:
    """One statement's place in a body: its line (1 for the first body line), its label, its
    control word (lower case, without the colon; "" for none) and what follows the word, and the
    parsed statement (None for an empty one)."""

    line: int
    label: str | None
    word: str
    statement: object = None
    names: tuple = ()  # :For a b :In …: the loop's names
    each: bool = False  # :InEach


def _segments(body: str) -> list[tuple[int, int, int]]:
    """(line, start, end) of each ⋄- or newline-separated part of the body, outside strings,
    comments and brackets (a dfn over several lines is one part)."""
    out, depth, start, line, quoted, comment, newlines = [], 0, 0, 0, False, False, 0
    for i, c in enumerate(body):
        if c == "\n":
            quoted = comment = False
            newlines += 1
            if depth <= 0:
                out.append((line, start, i))
                start = i + 1
                line = newlines
            continue
        if comment:
            continue
        if quoted:
            quoted = c != "'"
        elif c == "'":
            quoted = True
        elif c == "⍝":
            comment = True
        elif c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c == "⋄" and depth <= 0:
            out.append((line, start, i))
            start = i + 1
    out.append((line, start, len(body)))
    return out


_FOR = re.compile(r"(?i)\s*:for\s+(.*?)\s*:(ineach|in)\b")


def segments(lines: list[str], span: Span) -> tuple[list[Segment], dict[str, int], str]:
    """The body lines (the lines after the header) as segments; the labels' lines; and the body's
    text as parsed (labels and control words blanked, a blank line in the header's place)."""
    body = "\n" + "\n".join(lines)  # line k of the body is line k of this text
    masked = list(body)
    found, labels = [], {}
    previous_line = None
    for line, start, end in _segments(body):
        if line == 0:
            continue
        text = body[start:end]
        label = None
        if line != previous_line:
            m = _LABEL.match(text)
            if m is not None:
                label = m.group(1)
                if label in labels:
                    raise SyntaxError_(f"the label {label} is on lines {labels[label]} and {line}", span)
                labels[label] = line
                for k in range(start, start + m.end()):
                    masked[k] = " "
                text = body[start + m.end():end]
                start += m.end()
        previous_line = line
        word, names, each = "", (), False
        m = _FOR.match(text)
        if m is not None:
            names = tuple(m.group(1).strip("() ").split())
            if not names or not all(NAME.fullmatch(n) for n in names):
                raise SyntaxError_(f"line {line}: :For names its loop variables: {m.group(1)!r}", span)
            word, each = "for", m.group(2).lower() == "ineach"
            cut = m.end()
        else:
            m = _CONTROL.match(text)
            cut = 0
            if m is not None:
                word = m.group(1).lower()
                cut = m.end()
                if word == "for":
                    raise SyntaxError_(f"line {line}: :For names :In what it runs over", span)
                if word in ("section", "endsection"):
                    cut = len(_code(text)) + (len(text) - len(text.lstrip()))  # its title is a comment
        for k in range(start, start + cut):
            masked[k] = " "
        found.append((Segment(line, label, word, None, names, each), start, end))
    text = "".join(masked)
    try:
        statements = parse(text)
    except SyntaxError_ as e:
        raise _in_body(e, span) from None
    starts = [start for _, start, _ in found]
    statement_of = {}
    for stmt in statements:
        statement_of[bisect.bisect_right(starts, stmt.span.start) - 1] = stmt
    result = [Segment(seg.line, seg.label, seg.word, statement_of.get(j), seg.names, seg.each)
              for j, (seg, _, _) in enumerate(found)]
    return result, labels, text


def _in_body(err: SyntaxError_, span: Span) -> SyntaxError_:
    if err.span is not None:
        line = err.span.text.count("\n", 0, err.span.start)
        err.message = f"{err.message} (line {line})"
        err.definition_line = line  # ⎕FX gives it
    return err
