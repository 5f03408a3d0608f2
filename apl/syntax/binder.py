"""APL's role-based binding: from a statement's items and its names' classes to an AST.

The passes, in binding-strength order:
  1. assignment arrows split the statement (the value side binds first);
  2. brackets bind to what stands just left of them (index an array, axis of a function);
  3. adjacent arrays form strands;
  4. operators take their operands, left to right (long left operand, short right operand);
  5. functions apply right to left; a statement ending in a function is a train.
"""
from __future__ import annotations

from collections.abc import Callable

from ..errors import SyntaxError_
from ..glyphs import REPLICATES, system_names
from . import ast
from .dotted import in_namespaces, join, undotted
from .literals import numbers_array, parse_number, string_array
from .tokens import Brace, Bracket, Items, Paren, Token

Classify = Callable[[str], str]

SYSTEM_FUNCTIONS = system_names.FUNCTIONS  # bound as functions (the unsupported ones are a NONCE ERROR when run)


_join = join


class _Roles:
    """Each name's role while a statement binds: its class where the statement runs, except that
    a reference left of an assignment to that name in the same statement takes the role of the
    value assigned, which runs first (APL runs right to left): with g a function outside,
    `{g+g←⍵}` adds the array g. `later` maps a name to (position of its assignment, role)."""

    __slots__ = ("base", "later")

    def __init__(self, base: Classify, later: dict):
        self.base, self.later = base, later

    def __call__(self, name: str) -> str:
        return self.base(name)

    def at(self, name: str, position: int) -> str:
        """The role of the name written at this position of the statement."""
        best = None
        for p, role in self.later.get(name, ()):
            if p > position and (best is None or p < best[0]):
                best = (p, role)
        return self.base(name) if best is None else best[1]

    def with_base(self, base: Classify) -> "_Roles":
        return _Roles(base, self.later)


def bind(items, classify: Classify) -> ast.Node:
    """Bind one expression (a sequence of items) to an AST node."""
    items = undotted(items, classify)
    roles = classify if isinstance(classify, _Roles) else _Roles(classify, _later_assignments(items, classify))
    return _bind(items, roles)


def system_name(text: str) -> str:
    """A system name as the runtime knows it: upper case (⎕io is ⎕IO); in a namespace
    (ns.⎕nl), the namespace's part as written."""
    head, dot, last = text.rpartition(".")
    return head + dot + last.upper()


def _is_system_function(text: str) -> bool:
    return system_name(text).rpartition(".")[2] in SYSTEM_FUNCTIONS


def _name_tokens(items):
    """Every item list in the statement (into parentheses and brackets, not into dfns), and every
    name token."""
    lists, names = [], []
    stack = [items]
    while stack:
        seq = stack.pop()
        lists.append(seq)
        for it in seq:
            if isinstance(it, Token) and it.kind == "name":
                names.append(it)
            elif isinstance(it, Paren):
                stack.append(it.items)
            elif isinstance(it, Bracket):
                stack.extend(ix for ix in it.indices if ix is not None)
    return lists, names


def _later_assignments(items, classify) -> dict:
    """name → [(position, role)] for each `name←value` in the statement that some reference
    to the same name stands left of."""
    if not any(isinstance(it, Token) and it.kind == "assign" for it in items) and \
            not any(isinstance(it, (Paren, Bracket)) for it in items):
        return {}
    lists, names = _name_tokens(items)
    out: dict = {}
    for seq in lists:
        for i in range(1, len(seq)):
            tok, arrow = seq[i - 1], seq[i]
            if not (_is(arrow, "assign") and _is(tok, "name") and i + 1 < len(seq)):
                continue
            pos = tok.span.start
            if not any(n.text == tok.text and n.span.start < pos for n in names):
                continue
            try:
                role = _bind(seq[i + 1:], _Roles(classify, {})).role
            except SyntaxError_:
                continue
            out.setdefault(tok.text, []).append((pos, role))
    return out


def _bind(items, classify: _Roles) -> ast.Node:
    if not items:
        raise SyntaxError_("missing expression")
    items = in_namespaces(items, classify, _bind)
    for i, it in enumerate(items):
        if isinstance(it, Token) and it.kind == "assign":
            return _assignment(items, i, classify)
    entries = _convert(items, classify)
    if len(entries) == 1 and entries[0].role in ("M", "D"):
        return entries[0].node  # an operator on its own, as in name←{⍺⍺ ⍵}
    entries = _brackets(entries, classify)
    entries = _strands(entries)
    entries = _operators(entries)
    if len(entries) == 1 and entries[0].role == "M":
        return entries[0].node  # a dyadic operator with its right operand: (@2 4), inv←⍣¯1
    return _apply(entries)


# ---------------------------------------------------------------- 1. assignment
def _is(tok, *kinds) -> bool:
    return isinstance(tok, Token) and tok.kind in kinds


def _assignment(items, i, classify) -> ast.Node:
    arrow = items[i]
    if i + 1 >= len(items):
        raise SyntaxError_("nothing to assign", arrow.span)
    value = _bind(items[i + 1:], classify)
    left = list(items[:i])
    if not left:
        raise SyntaxError_("nothing to assign to", arrow.span)
    t = left[-1]
    start = len(left) - 1
    span = _join(t.span, arrow.span) if hasattr(t, "span") else arrow.span
    # name←v assigns name, unless name is a function with an array left of it (x f←v modifies x);
    # a function name that is also used left of its assignment is being assigned ({g[1]⊣g←⍋⍵})
    if (_is(t, "name") and (start == 0 or classify(t.text) != "F" or t.text in classify.later)) or \
            (isinstance(t, Paren) and _strand_names(t) is not None):
        names = [t.text if _is(t, "name") else _strand_names(t)]
        while start > 0 and _strand_target(left[start - 1], classify) is not None:
            start -= 1  # a (b c)←v, (a b) c←v: every name (or parenthesised names) is a target
            names.insert(0, _strand_target(left[start], classify))
        first = left[start]
        if len(names) == 1:
            node = ast.Assign(span, names[0], value) if isinstance(names[0], str) \
                else ast.StrandAssign(span, names[0], value)
        else:  # a b c←values, as (a b c)←values
            node = ast.StrandAssign(_join(first.span, arrow.span), tuple(names), value)
    elif _is(t, "sysname"):
        node = ast.Assign(span, system_name(t.text), value)
    elif _is(t, "alpha"):
        if start > 0 and value.role != "A":
            raise SyntaxError_("⍺←f is a statement of its own: its value is no array", arrow.span)
        node = ast.DefaultAlpha(span, value)
    elif isinstance(t, Paren) and _selection_target(t, classify) is not None:
        node = _selective(t, None, value, span, classify)
    elif isinstance(t, Bracket) and start >= 1 and _is(left[start - 1], "name"):
        start -= 1
        node = ast.ModifiedAssign(span, left[start].text, None, _index_nodes(t, classify), value)
    elif isinstance(t, Bracket) and start >= 1 and _indexed_selection(left[start - 1], t, classify):
        start -= 1  # (2↓x)[1]←0: indexing a selection is a selection too
        node = _selective(_indexed_selection(left[start], t, classify), None, value, span, classify)
    else:
        try:
            start, node = _modified_assignment(left, arrow, span, value, classify)
        except SyntaxError_:
            if not _is(t, "name"):
                raise
            # no array to modify left of it: g←v assigns g, though g names a function where the
            # statement runs (in a dfn, the assignment makes a local g)
            node = ast.Assign(span, t.text, value)
    if value.role not in ("A", "F") and not isinstance(node, (ast.Assign, ast.DefaultAlpha)):
        raise SyntaxError_("cannot assign an operator here", arrow.span)
    prefix = left[:start]
    if not prefix:
        return node
    return _bind(prefix + [node], classify)


def _modified_assignment(left, arrow, span, value, classify):
    """target f←value: the target is the nearest array name (or name[i]) whose right is a function."""
    for j in range(len(left) - 2, -1, -1):
        tgt = left[j]
        if _is(tgt, "name") and classify(tgt.text) == "A":
            target, indices, start = tgt.text, None, j
        elif isinstance(tgt, Paren) and _strand_names(tgt) is not None:
            target, indices, start = _strand_names(tgt), None, j
        elif _is(tgt, "sysname") and not _is_system_function(tgt.text):
            target, indices, start = ast.SysName(tgt.span, system_name(tgt.text)), None, j
        elif isinstance(tgt, Bracket) and j >= 1 and _is(left[j - 1], "name"):
            target, indices, start = left[j - 1].text, _index_nodes(tgt, classify), j - 1
        elif isinstance(tgt, Paren) and _selection_target(tgt, classify) is not None:
            target, indices, start = tgt, None, j
        elif isinstance(tgt, Bracket) and j >= 1 and _indexed_selection(left[j - 1], tgt, classify):
            target, indices, start = _indexed_selection(left[j - 1], tgt, classify), None, j - 1
        else:
            continue
        if indices is None and isinstance(target, (str, tuple)):
            names = [target]
            while start > 0 and _strand_target(left[start - 1], classify) is not None:
                start -= 1  # a b+←v, (a b) c+←v: as ((a b) c)+←v
                names.insert(0, _strand_target(left[start], classify))
            if len(names) > 1:
                target = tuple(names)
        try:
            fn = _bind(left[j + 1:], classify)
        except SyntaxError_:
            continue
        if fn.role == "F":
            if isinstance(target, ast.SysName):  # ⎕IO+←1 is ⎕IO←⎕IO+1
                return start, ast.Assign(span, target.id, ast.Dyadic(span, fn, target, value))
            if isinstance(target, Paren):
                return start, _selective(target, fn, value, span, classify)
            if isinstance(target, tuple):
                return start, ast.StrandAssign(span, target, value, fn)
            return start, ast.ModifiedAssign(span, target, fn, indices, value)
    raise SyntaxError_("cannot assign to this", arrow.span)


def _strand_target(x, classify):
    """An item left of a strand-assignment target that is part of it: an array name (its
    text) or parenthesised names (as _strand_names), else None."""
    if _is(x, "name"):
        return x.text if classify(x.text) == "A" else None
    if _is(x, "sysname"):
        return x.text.upper()
    if isinstance(x, Paren):
        names = _strand_names(x)
        return names if names is not None and not _names_a_function(names, classify) else None
    return None


def _names_a_function(names, classify) -> bool:
    if isinstance(names, str):
        return not names.startswith("⎕") and classify(names) == "F"
    return any(_names_a_function(n, classify) for n in names)


def _strand_names(p: Paren):
    """The names of a strand-assignment target (a (b c)): a name, a tuple of them (nested for
    inner parentheses), or None when p holds anything else."""
    out = []
    for x in p.items:
        if _is(x, "name"):
            out.append(x.text)
        elif _is(x, "sysname"):  # (P ⎕IO Q)←'TEXT' 1 (1 2 3)
            out.append(x.text.upper())
        elif isinstance(x, Paren):
            inner = _strand_names(x)
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    if not out:
        return None
    return out[0] if len(out) == 1 else tuple(out)


def _selection_target(p: Paren, classify):
    """The rightmost array name in a parenthesised selective-assignment target, or None."""
    for x in reversed(p.items):
        if _is(x, "name") and classify(x.text) == "A":
            return x
        if isinstance(x, Paren):
            inner = _selection_target(x, classify)
            if inner is not None:
                return inner
    return None


def _indexed_selection(p, b: Bracket, classify):
    """(sel x)[i] as one selective-assignment target (a parenthesised pair), or None."""
    if not isinstance(p, Paren) or _selection_target(p, classify) is None:
        return None
    return Paren((p, b), _join(p.span, b.span))


def _replace_token(p: Paren, old, new) -> Paren:
    items = tuple(new if x is old else (_replace_token(x, old, new) if isinstance(x, Paren) else x)
                  for x in p.items)
    return Paren(items, p.span)


def _selective(p: Paren, fn, value, span, classify):
    """(f name)←value: Dyalog's selective assignment."""
    tok = _selection_target(p, classify)
    sel = Token("name", ast.SELECTED, tok.span)

    classify2 = classify.with_base(lambda n: "A" if n == ast.SELECTED else classify(n))
    target = _bind(list(_replace_token(p, tok, sel).items), classify2)
    if target.role != "A":
        raise SyntaxError_("cannot assign to this", span)
    return ast.SelectiveAssign(span, tok.text, target, fn, value)


# ---------------------------------------------------------------- items → nodes
class _Entry:
    """One item during binding: its role and node; brackets and ∘. wait for their turn."""

    __slots__ = ("node", "raw", "role")

    def __init__(self, role, node, raw=None):
        self.role, self.node, self.raw = role, node, raw


def _convert(items, classify) -> list:
    out = []
    k = 0
    n = len(items)
    while k < n:
        it = items[k]
        if _is(it, "number"):
            j = k
            while j < n and _is(items[j], "number"):
                j += 1
            toks = items[k:j]
            try:
                value = numbers_array([parse_number(t.text) for t in toks])
            except ValueError:
                raise SyntaxError_("bad number", toks[0].span) from None
            out.append(_Entry("A", ast.Literal(_join(toks[0].span, toks[-1].span), value, True), "lit"))
            k = j
            continue
        if _is(it, "string"):
            out.append(_Entry("A", ast.Literal(it.span, string_array(it.text)), "lit"))
            k += 1
            continue
        out.append(_convert_one(it, classify))
        k += 1
    return out


def _convert_one(it, classify) -> _Entry:
    if isinstance(it, ast.Node):  # an assignment already bound
        return _Entry(it.role, it)
    if isinstance(it, Paren):
        node = _bind(it.items, classify)
        if isinstance(node, ast.BoundOp):
            return _Entry("M", node)
        if isinstance(node, ast.PrimOp) and node.role in ("M", "D"):  # (¨): the operator itself
            return _Entry(node.role, node)
        if node.role not in ("A", "F"):
            raise SyntaxError_("an operator needs its operands", it.span)
        if isinstance(node, ast.Literal) and node.numbers:
            node = ast.Literal(it.span, node.value)  # (1 2) is one item of a strand
        return _Entry(node.role, node, "lit" if node.role == "A" else None)  # a value, like a literal
    if isinstance(it, Brace):
        return _Entry(it.role, ast.Dfn(it.span, it.body, it.role))
    if isinstance(it, Items):
        nodes = tuple(_bind(part, classify) for part in it.items)
        for node, part in zip(nodes, it.items):
            if node.role != "A":
                raise SyntaxError_("array notation holds arrays", part[0].span if part else it.span)
        return _Entry("A", ast.ArrayNotation(it.span, it.kind, nodes))
    if isinstance(it, Bracket):
        return _Entry("B", None, it)
    kind, text, span = it.kind, it.text, it.span
    if kind == "string":
        return _Entry("A", ast.Literal(span, string_array(text)))
    if kind == "zilde":
        return _Entry("A", ast.Literal(span, _zilde()))
    if kind == "name" or kind in ("alpha2", "omega2"):
        role = classify.at(text, span.start)
        if role == "A":
            return _Entry("A", ast.Name(span, text))
        if role == "F":
            return _Entry("F", ast.FnName(span, text))
        return _Entry(role, ast.OpName(span, text, role))
    if kind == "alpha" and classify(text) == "F":  # after ⍺←⊢ in a monadic call
        return _Entry("F", ast.FnName(span, text))
    if kind == "alpha" and classify(text) in ("M", "D"):  # after ⍺←⍣0 in a monadic call
        return _Entry(classify(text), ast.OpName(span, text, classify(text)))
    if kind in ("alpha", "omega"):
        return _Entry("A", ast.Name(span, text))
    if kind == "sysname":
        up = system_name(text)
        if up in system_names.OPERATORS:
            op = ast.PrimOp(span, "⍠" if up == "⎕OPT" else up)
            return _Entry(op.role, op)
        if _is_system_function(text):
            return _Entry("F", ast.SysFn(span, up))
        return _Entry("A", ast.SysName(span, up))
    if kind == "function":
        return _Entry("F", ast.PrimFn(span, text))
    if kind == "del":
        return _Entry("F", ast.SelfRef(span))
    if kind == "del2":  # the dop being run: bound as a name while it runs
        role = classify(text)
        if role not in ("M", "D"):
            raise SyntaxError_("∇∇ outside an operator", span)
        return _Entry(role, ast.OpName(span, text, role))
    if kind in ("monop", "dyop", "jot", "dot", "outer"):
        op = ast.PrimOp(span, text)
        return _Entry("O" if kind == "outer" else op.role, op)
    if kind == "assign":
        raise SyntaxError_("misplaced ←", span)
    raise SyntaxError_(f"unexpected {text}", span)


def _zilde():
    import numpy as np

    return np.zeros(0, dtype=np.int64)


# ---------------------------------------------------------------- 2. brackets
def _index_nodes(br: Bracket, classify) -> tuple:
    return tuple(None if ix is None else _bind(ix, classify) for ix in br.indices)


def _brackets(entries, classify) -> list:
    out = []
    for e in entries:
        if e.role != "B":
            out.append(e)
            continue
        br = e.raw
        if not out:
            raise SyntaxError_("brackets with nothing to index", br.span)
        prev = out.pop()
        indices = _index_nodes(br, classify)
        span = _join(prev.node.span, br.span)
        if prev.role == "A":
            if prev.raw == "lit" and out and out[-1].raw == "lit":
                # adjacent literals are one constant (Dyalog): 'ONE' 'TWO' 'THREE'[2] is ⊂'TWO';
                # so are parenthesised values among them: (1 2 3 4) 15[1] is ⊂1 2 3 4 (names
                # are not: x y[1] indexes y)
                run = [prev]
                while out and out[-1].raw == "lit":
                    run.insert(0, out.pop())
                nodes = tuple(n for r in run for n in _strand_items(r.node))
                prev = _Entry("A", ast.Strand(_join(nodes[0].span, nodes[-1].span), nodes))
                span = _join(prev.node.span, br.span)
            out.append(_Entry("A", ast.Index(span, prev.node, indices)))
            continue
        if len(indices) != 1 or indices[0] is None:
            raise SyntaxError_("an axis is one expression", br.span)
        if prev.role == "F":
            out.append(_Entry("F", ast.WithAxis(prev.node.span, prev.node, indices[0])))
        elif isinstance(prev.node, ast.PrimOp):
            out.append(_Entry(prev.role, ast.PrimOp(prev.node.span, prev.node.glyph, indices[0])))
        else:
            raise SyntaxError_("an axis needs a function", br.span)
    return out


# ---------------------------------------------------------------- 3. strands
def _strands(entries) -> list:
    out = []
    run = []
    for e in entries + [None]:
        if e is not None and e.role == "A":
            run.append(e)
            continue
        if len(run) == 1:
            out.append(run[0])
        elif run:
            nodes = tuple(n for r in run for n in _strand_items(r.node))
            out.append(_Entry("A", ast.Strand(_join(nodes[0].span, nodes[-1].span), nodes)))
        run = []
        if e is not None:
            out.append(e)
    return out


def _strand_items(node):
    """A run of number tokens is one node, but inside a longer strand each number is an item:
    `1 2(3 4)` has three items."""
    if isinstance(node, ast.Literal) and node.numbers and node.value.ndim == 1:
        return [ast.Literal(node.span, x.reshape(()), True) for x in node.value]
    return [node]


# ---------------------------------------------------------------- 4. operators
_REPLICATES = frozenset(REPLICATES)  # / ⌿ \ ⍀: operators after a function, functions after an array


def _operators(entries) -> list:
    out = []
    k = 0
    n = len(entries)
    while k < n:
        e = entries[k]
        if e.role == "O":  # ∘.f: the operand stands on the right
            if k + 1 >= n or entries[k + 1].role != "F":
                raise SyntaxError_("∘. needs a function on its right", e.node.span)
            out.append(_Entry("F", ast.Derived(e.node.span, e.node, entries[k + 1].node, None)))
            k += 2
            continue
        if e.role == "M":
            prev = out[-1] if out else None
            if isinstance(e.node, ast.PrimOp) and e.node.glyph in _REPLICATES and (prev is None or prev.role == "A"):
                fn = ast.PrimFn(e.node.span, e.node.glyph)
                if e.node.axis is not None:
                    fn = ast.WithAxis(e.node.span, fn, e.node.axis)
                out.append(_Entry("F", fn))
                k += 1
                continue
            if prev is None or prev.role not in ("A", "F"):
                raise SyntaxError_("an operator needs an operand on its left", e.node.span)
            out.pop()
            if isinstance(e.node, ast.BoundOp):  # f(@2 4): @ with both operands
                out.append(_Entry("F", ast.Derived(e.node.span, e.node.op, prev.node, e.node.right)))
            else:
                out.append(_Entry("F", ast.Derived(e.node.span, e.node, prev.node, None)))
            k += 1
            continue
        if e.role == "D":
            prev = out[-1] if out else None
            if not out and k + 2 == n and entries[k + 1].role in ("A", "F"):
                # an operator and its right operand alone: a monadic operator (Dyalog's right
                # operand currying), as in (@2 4) or inv←⍣¯1
                right = entries[k + 1]
                out.append(_Entry("M", ast.BoundOp(_join(e.node.span, right.node.span), e.node, right.node)))
                k += 2
                continue
            if prev is None or prev.role not in ("A", "F"):
                raise SyntaxError_("an operator needs an operand on its left", e.node.span)
            right = entries[k + 1] if k + 1 < n else None
            if (right is not None and right.role == "M" and isinstance(right.node, ast.PrimOp)
                    and right.node.glyph in _REPLICATES):
                # / ⌿ \ ⍀ as a right operand are the functions, as in the idiom ⊢⍤/
                fn = ast.PrimFn(right.node.span, right.node.glyph)
                if right.node.axis is not None:
                    fn = ast.WithAxis(right.node.span, fn, right.node.axis)
                right = _Entry("F", fn)
            if right is None or right.role not in ("A", "F"):
                raise SyntaxError_("an operator needs an operand on its right", e.node.span)
            out.pop()
            out.append(_Entry("F", ast.Derived(e.node.span, e.node, prev.node, right.node)))
            k += 2
            continue
        out.append(e)
        k += 1
    return out


# ---------------------------------------------------------------- 5. application and trains
def _apply(entries) -> ast.Node:
    if entries[-1].role == "F":
        return _train(entries)
    node = entries[-1].node
    k = len(entries) - 2
    while k >= 0:
        e = entries[k]
        if e.role != "F":
            raise SyntaxError_("two arrays side by side", e.node.span)
        if k >= 1 and entries[k - 1].role == "A":
            node = ast.Dyadic(e.node.span, e.node, entries[k - 1].node, node)
            k -= 2
        else:
            node = ast.Monadic(e.node.span, e.node, node)
            k -= 1
    return node


def _train(entries) -> ast.Node:
    right = entries[-1].node
    rest = entries[:-1]
    while rest:
        g = rest[-1]
        if g.role != "F":
            if len(rest) == len(entries) - 1:  # `2 3⍴`: an array, then a function with nothing on its right
                raise SyntaxError_("the function has no right argument", entries[-1].node.span)
            raise SyntaxError_("a train needs a function here", g.node.span)
        if len(rest) == 1:
            return ast.Atop(g.node.span, g.node, right)
        f = rest[-2]
        right = ast.Fork(g.node.span, f.node, g.node, right)
        rest = rest[:-2]
    return right
