"""Dotted names and namespaces in an expression: `ns.x` a name, `ns.⎕NL` a namespace's system
name, `f.g` an inner product of named functions, and `ns.(expr)`, `(refs).name` evaluated in a
namespace — told apart by what the names hold (the binder's classify)."""
from __future__ import annotations

from ..errors import Span
from . import ast
from .tokens import Bracket, Items, Paren, Token


def join(a: Span, b: Span) -> Span:
    return Span(a.text, min(a.start, b.start), max(a.end, b.end))


def _is(tok, *kinds) -> bool:
    return isinstance(tok, Token) and tok.kind in kinds


_NAMESPACE_HEADS = ("#", "##", "⍺", "⍵", "⎕THIS")


def undotted(items, classify):
    """Dotted tokens as what they are here: `ns.x` a name (of a namespace's member), `ns.⎕NL` a
    system name of a namespace, `f.g` an inner product when f names a function."""
    if not any(isinstance(it, (Paren, Bracket, Items)) or (isinstance(it, Token) and it.kind == "dotted")
               for it in items):
        return items
    out = []
    for it in items:
        if isinstance(it, Paren):
            it = Paren(tuple(undotted(list(it.items), classify)), it.span)
        elif isinstance(it, Bracket):
            it = Bracket(tuple(None if ix is None else tuple(undotted(list(ix), classify))
                               for ix in it.indices), it.span)
        elif isinstance(it, Items):
            it = Items(it.kind, tuple(tuple(undotted(list(p), classify)) for p in it.items), it.span)
        elif isinstance(it, Token) and it.kind == "dotted":
            parts = it.text.split(".")
            if parts[-1].startswith("⎕"):
                it = Token("sysname", it.text, it.span)
            elif parts[0] not in _NAMESPACE_HEADS and classify(parts[0]) != "A":
                out.extend(_inner_product(it, parts))
                continue
            else:
                it = Token("name", it.text, it.span)
        out.append(it)
    return out


def in_namespaces(items, classify, bind):
    """`ns.(expr)`, `(refs).name` and `(refs).(expr)`: an array (a name, ⍺ ⍵ # ##, or an array in
    parentheses) before a dot and a name or parentheses is a namespace to evaluate them in (of
    functions, the dot is an inner product)."""
    if not any(_is(it, "dot") for it in items):
        return items
    out, k = [], 0
    while k < len(items):
        it = items[k]
        after = items[k + 2] if k + 2 < len(items) and _is(items[k + 1], "dot") else None
        head = it
        if isinstance(it, Bracket) and out and _is(out[-1], "name", "alpha", "omega"):  # a[1].(…)
            head = (out[-1], it)
        space = None if after is None else _namespace_head(head, classify, bind)
        if space is not None and (isinstance(after, Paren) or _is(after, "name")):
            text = after.text if isinstance(after, Token) else \
                after.span.text[after.span.start + 1:after.span.end - 1]
            if isinstance(head, tuple):
                out.pop()
            start = head[0].span if isinstance(head, tuple) else it.span
            out.append(ast.InNamespace(join(start, after.span), space, text))
            k += 3
            continue
        out.append(it)
        k += 1
    return out


def _namespace_head(it, classify, bind):
    """The array node of what comes before a dot, if it is an array (a namespace reference)."""
    if _is(it, "name", "alpha", "omega") and classify(it.text) == "A":
        return ast.Name(it.span, it.text)
    if isinstance(it, Paren) or isinstance(it, tuple):
        node = bind(list(it) if isinstance(it, tuple) else it.items, classify)
        return node if node.role == "A" else None
    return None


def _inner_product(tok, parts):
    """f.g (f.g.h …) of named functions: the names with the dots between them."""
    out, start = [], tok.span.start
    for i, part in enumerate(parts):
        if i:
            out.append(Token("dot", ".", Span(tok.span.text, start, start + 1)))
            start += 1
        out.append(Token("name", part, Span(tok.span.text, start, start + len(part))))
        start += len(part)
    return out
