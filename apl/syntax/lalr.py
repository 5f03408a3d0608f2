"""Lark's LALR(1) parser and contextual lexer, run on the tables lark made (lark_tables.py).

This is what lark's own runtime does with them, without lark: the contextual lexer matches, at each
position, the alternation of the terminals the parser's state accepts (lark's regular expressions,
in lark's order; a first match wins, ignored terminals are skipped); where none matches, the
terminals of every state are tried, to tell an unexpected token from an unexpected character. The
parser shifts and reduces as lark's does; a reduction shapes its node as lark's tree builder would
(filtered, inlined and placeholder children, a rule of one child replaced by it, positions from the
first and last child). `transform` then calls a transformer's methods bottom-up, as a lark
Transformer does: one per rule (or alias), __default_token__ for tokens, __default__ otherwise.
"""
from __future__ import annotations

import re


class UnexpectedInput(Exception):
    """A parse error at pos_in_stream."""

    def __init__(self, pos: int):
        super().__init__(pos)
        self.pos_in_stream = pos


class UnexpectedCharacters(UnexpectedInput):
    """No terminal of the grammar matches here."""


class UnexpectedToken(UnexpectedInput):
    """A terminal that the grammar does not allow here (type "$END": the input ended early)."""

    def __init__(self, token):
        super().__init__(token.start_pos)
        self.token = token


class UnexpectedEOF(UnexpectedInput):
    """(lark's LALR parser reports an early end as an UnexpectedToken of type $END.)"""


class Token:
    __slots__ = ("type", "value", "start_pos", "end_pos")

    def __init__(self, type_: str, value: str, start_pos: int, end_pos: int):
        self.type, self.value, self.start_pos, self.end_pos = type_, value, start_pos, end_pos

    def __str__(self):
        return self.value

    def __repr__(self):
        return f"Token({self.type!r}, {self.value!r})"


class Node:
    """A rule's node: its name (or alias), its children, its positions (lark's meta: start_pos and
    end_pos, from its own first and last positioned child; container_*, those of the children it
    was made of, filtered ones included). None while it has no positioned child."""

    __slots__ = ("data", "children", "start_pos", "end_pos", "container_start_pos", "container_end_pos")

    def __init__(self, data: str, children: list):
        self.data, self.children = data, children
        self.start_pos = self.end_pos = self.container_start_pos = self.container_end_pos = None


def _first(children):
    """lark's PropagatePositions._pp_get_meta: the first token or non-empty node, as a position."""
    for c in children:
        t = type(c)
        if t is Token:
            return c.start_pos, c.end_pos
        if t is Node and c.start_pos is not None:
            return c.container_start_pos, c.container_end_pos
    return None


class Parser:
    def __init__(self, tables: dict):
        self.start, self.end = tables["start"], tables["end"]
        self.states, self.rules = tables["states"], tables["rules"]
        self.state_scanner, self.root = tables["state_scanner"], tables["root"]
        self.scanner_defs = tables["scanners"]
        self._scanners = {}  # compiled when first used, as lark's are

    def _scanner(self, index: int):
        s = self._scanners.get(index)
        if s is None:
            patterns, allowed, ignore = self.scanner_defs[index]
            s = self._scanners[index] = (tuple(re.compile(p) for p in patterns), frozenset(ignore))
        return s

    def _next(self, text: str, pos: int, index: int):
        """The next token from pos with scanner `index` (None at the end), or None and where no
        terminal matched (as a negative position -1 - pos)."""
        mres, ignore = self._scanner(index)
        n = len(text)
        while pos < n:
            for mre in mres:
                m = mre.match(text, pos)
                if m:
                    break
            else:
                return None, -1 - pos
            value, type_ = m.group(0), m.lastgroup
            end = pos + len(value)
            if type_ not in ignore:
                return Token(type_, value, pos, end), end
            pos = end
        return None, pos

    def parse(self, text: str):
        states, rules, end_state = self.states, self.rules, self.end
        state_stack, value_stack = [self.start], []
        pos, last = 0, None
        while True:
            token, pos = self._next(text, pos, self.state_scanner[state_stack[-1]])
            if token is None:
                if pos < 0:  # contextual lexing failed: is it a terminal of another state?
                    pos = -1 - pos
                    other, _ = self._next(text, pos, self.root)
                    if other is not None:
                        raise UnexpectedToken(other)
                    raise UnexpectedCharacters(pos)
                token = Token("$END", "", last.start_pos, last.end_pos) if last else Token("$END", "", 0, None)
                is_end = True
            else:
                last, is_end = token, False
            while True:  # lark's ParserState.feed_token
                try:
                    shift, arg = states[state_stack[-1]][token.type]
                except KeyError:
                    raise UnexpectedToken(token) from None
                if shift:
                    state_stack.append(arg)
                    value_stack.append(token)
                    break
                origin, size, name, expand1, include, append_none = rules[arg]
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                state_stack.append(states[state_stack[-1]][origin][1])
                value_stack.append(_build(children, name, expand1, include, append_none))
                if is_end and state_stack[-1] == end_state:
                    return value_stack[-1]


def _build(children, name, expand1, include, append_none):
    """lark's tree builder for one rule: ChildFilter, ExpandSingleChild, PropagatePositions."""
    filtered = []
    for i, to_expand, add_none in include:
        if add_none:
            filtered += [None] * add_none
        if to_expand:
            filtered += children[i].children
        else:
            filtered.append(children[i])
    if append_none:
        filtered += [None] * append_none
    res = filtered[0] if expand1 and len(filtered) == 1 else Node(name, filtered)
    if type(res) is Node:
        first = _first(children)
        if first is not None:
            if res.start_pos is None:
                res.start_pos = first[0]
            res.container_start_pos = first[0]
        last = _first(reversed(children))
        if last is not None:
            if res.end_pos is None:
                res.end_pos = last[1]
            res.container_end_pos = last[1]
    return res


def transform(transformer, node: Node, with_meta: frozenset):
    """Bottom-up, as lark's Transformer: children first; a token goes to the method named by its
    type, else __default_token__; a node to the method named by its data (given the node as meta
    for the names in with_meta), else __default__."""
    children = []
    for c in node.children:
        t = type(c)
        if t is Node:
            c = transform(transformer, c, with_meta)
        elif t is Token:
            f = getattr(transformer, c.type, None)
            c = f(c) if f is not None else transformer.__default_token__(c)
        children.append(c)
    f = getattr(transformer, node.data, None)
    if f is None:
        return transformer.__default__(node.data, children, node)
    return f(node, children) if node.data in with_meta else f(children)
