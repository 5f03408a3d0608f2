"""Operators as PyTorch code: reductions, scans, outer and inner products, each, rank, power."""
from __future__ import annotations

from ..errors import NonceError
from ..syntax import ast
from . import code as C
from .code import Code, binary, call, method

_REDUCE_METHODS = {"+": "sum", "×": "prod", "⌈": "amax", "⌊": "amin"}
_BOOL_REDUCE = {"∧": "all", "∨": "any"}
_SCAN_METHODS = {"+": "cumsum", "×": "cumprod"}
_SCAN_VALUES = {"⌈": "cummax", "⌊": "cummin"}


def nonce(what, node=None):
    return NonceError(f"cannot translate {what}", getattr(node, "span", None))


def derived(p, node, b):
    """The Fn of `op` applied to its operands."""
    from .printer import Fn

    op = node.op
    if isinstance(op, (ast.OpName, ast.Dfn)):
        return dop(p, node, b)
    if not isinstance(op, ast.PrimOp):
        raise nonce("a user-defined operator", node)
    g = op.glyph
    axis = None
    if op.axis is not None:
        ax = p.array(op.axis, b)
        if ax.kind != C.PYINT:
            raise nonce("a computed axis", node)
        axis = int(ax.text) - 1
    if g in ("/", "⌿", "\\", "⍀"):
        f = p.function(node.left, b)
        dim = axis if axis is not None else (0 if g in "⌿⍀" else -1)
        if g in ("/", "⌿"):
            return Fn(lambda blk, w: reduce_(p, blk, f, w, dim, node),
                      lambda blk, a, w: nwise(p, blk, f, a, w, dim, node), "reduce", reducer=(f, dim))
        return Fn(lambda blk, w: scan(p, blk, f, w, dim, node), _refuse("a dyadic scan", node), "scan")
    if axis is not None:
        raise nonce(f"{g} with an axis", node)
    if g == "∘.":
        f = p.function(node.left, b)
        return Fn(_refuse("a monadic outer product", node), lambda blk, a, w: outer(p, blk, f, a, w, node), "outer")
    if g == ".":
        f, h = p.function(node.left, b), p.function(node.right, b)
        return Fn(_refuse("a monadic inner product", node), lambda blk, a, w: inner(p, blk, f, h, a, w, node), "inner")
    if g == "¨":
        f = p.function(node.left, b)
        if f.scalar:
            return f
        return Fn(lambda blk, w: each(p, blk, f, w), lambda blk, a, w: each2(p, blk, f, a, w), "each")
    if g == "⍨":
        if node.left.role == "A":
            const = p.array(node.left, b)
            return Fn(lambda blk, w: const, lambda blk, a, w: const, "constant")
        f = p.function(node.left, b)

        def selfie(blk, w):
            w = blk.temp(w)
            return f.dyad(blk, w, w)

        return Fn(selfie, lambda blk, a, w: f.dyad(blk, w, a), "commute", scalar=None)
    if g == "∘":
        return compose(p, node, b)
    if g == "⍥":
        f, h = p.function(node.left, b), p.function(node.right, b)

        def over2(blk, a, w):
            gw = h.monad(blk, w)
            return f.dyad(blk, h.monad(blk, a), gw)

        return Fn(lambda blk, w: f.monad(blk, h.monad(blk, w)), over2, "over")
    if g == "⍛":
        f, h = p.function(node.left, b), p.function(node.right, b)

        def behind1(blk, w):
            w = blk.temp(w)
            return h.dyad(blk, f.monad(blk, w), w)

        return Fn(behind1, lambda blk, a, w: h.dyad(blk, f.monad(blk, a), w), "behind")
    if g == "⍤":
        return rank(p, node, b)
    if g == "@":
        return at(p, node, b)
    if g == "⍣":
        return power(p, node, b)
    if g == "⌸":
        return key(p, node, b)
    raise nonce(f"the operator {g}", node)


def _source(node) -> str:
    """The APL text of a node: from its first to its last descendant."""
    start, end = node.span.start, node.span.end
    stack = [node]
    while stack:
        n = stack.pop()
        span = getattr(n, "span", None)
        if span is not None:
            start, end = min(start, span.start), max(end, span.end)
        for field in ("fn", "op", "left", "right", "middle", "alpha", "omega", "array", "items", "axis"):
            v = getattr(n, field, None)
            stack += [x for x in (v if isinstance(v, tuple) else (v,)) if hasattr(x, "span")]
    text = node.span.text
    while text.count("(", start, end) < text.count(")", start, end) and text.rfind("(", 0, start) >= 0:
        start = text.rfind("(", 0, start)  # the parentheses around an operand
    while text.count("(", start, end) > text.count(")", start, end) and text.find(")", end) >= 0:
        end = text.find(")", end) + 1
    return text[start:end].strip()


def dop(p, node, b):
    """A dop applied to its operands: a def of the dop's body with the operands written in
    (⍺⍺ +/ with ⍺⍺ ← + prints as `.sum(dim=-1)`), nested where it is applied."""
    from .names import python_name
    from .printer import remember

    op = node.op
    if isinstance(op, ast.Dfn):
        body, label = op, "dop"
    else:
        body = p.find_dop(op.id, b.scope)
        if body is None:
            raise nonce(f"the operator {op.id}", node)
        label = python_name(op.id)
    operands, described = {}, []
    for glyph, operand in (("⍺⍺", node.left), ("⍵⍵", node.right)):
        if operand is None:
            continue
        described.append(f"{glyph} is {_source(operand)}")
        if operand.role == "A":
            v = p.tensor(p.array(operand, b))
            py = b.scope.fresh("alpha_alpha" if glyph == "⍺⍺" else "omega_omega")
            b.emit(f"{py} = {v.text}")
            remember(b.scope, py, v)
            operands[glyph] = py
        else:
            operands[glyph] = p.function(operand, b)
    name = b.scope.fresh(label)
    doc = f"APL: {_source(body)} where {', '.join(described)}"
    p.define_dfn(name, body, b, doc, operands)
    return p.user_function(name, label)


def with_axis(p, node, b):
    from .printer import Fn

    ax = p.array(node.axis, b)
    if not isinstance(node.fn, ast.PrimFn) or ax.kind != C.PYINT:
        raise nonce("a function with an axis", node)
    k = int(ax.text) - 1
    g = node.fn.glyph
    if g in ("⌽", "⊖"):
        def rev(blk, w):
            return method(p.tensor(w), "flip", str(k), kind=w.kind, rank=w.rank, shape=w.shape)

        def rot(blk, a, w):
            if a.rank != 0:
                raise nonce("rotation by an array of amounts", node)
            shift = p.function(ast.PrimFn(node.span, "-"), b).monad(blk, a)
            return call("torch.roll", p.tensor(w).text, shift.text, f"dims={k}", kind=w.kind, rank=w.rank,
                        shape=w.shape)

        return Fn(rev, rot, g)
    if g in ("↑", "↓"):
        def cut(blk, a, w):
            from .primitives import _literal_ints

            counts = _literal_ints(a)
            if counts is None or len(counts) != 1 or w.rank is None:
                raise nonce(f"{g} with an axis and computed counts", node)
            c = counts[0]
            if g == "↓":
                part = f"{c}:" if c >= 0 else f":{c}"
            else:
                if w.shape is not None and abs(c) > w.shape[k]:
                    raise nonce("overtake with an axis", node)
                part = f":{c}" if c >= 0 else f"{c}:"
            index = ", ".join([":"] * k + [part])
            return Code(f"{p.tensor(w).atom()}[{index}]", w.kind, C.ATOM, w.rank)

        return Fn(_refuse(f"monadic {g} with an axis", node), cut, g)
    raise nonce(f"{g} with an axis", node)


def _refuse(what, node):
    def run(*args):
        raise nonce(what, node)

    return run


def _lambda(p, blk, f, valence, node):
    """A Python callable for f: its def name, or a lambda when its code is one expression."""
    from .printer import Block

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


def reduce_(p, blk, f, w, dim, node):
    if w.is_python or w.rank == 0:
        return w
    rank = None if w.rank is None else w.rank - 1
    shape = None
    if w.shape is not None and isinstance(dim, int):
        d = dim % len(w.shape)
        shape = w.shape[:d] + w.shape[d + 1:]
    glyph = f.scalar
    if glyph in _REDUCE_METHODS:
        kind = C.INT if w.kind == C.BOOL else w.kind
        return method(w, _REDUCE_METHODS[glyph], f"dim={dim}", kind=kind, rank=rank, shape=shape)
    if glyph in _BOOL_REDUCE:
        from .primitives import boolean

        bw = boolean(w)
        if bw is not None:
            return method(bw, _BOOL_REDUCE[glyph], f"dim={dim}", kind=C.BOOL, rank=rank, shape=shape)
    if glyph == "-":
        return call(p.use("alternating_sum"), w.text, f"dim={dim}", kind=w.kind, rank=rank, shape=shape)
    fn = _lambda(p, blk, f, 2, node)
    return call(p.use("fold_right"), fn, w.text, f"dim={dim}", kind=C.NUM, rank=rank, shape=shape)


def scan(p, blk, f, w, dim, node):
    if w.is_python or w.rank == 0:
        return w
    glyph = f.scalar
    if glyph in _SCAN_METHODS:
        kind = C.INT if w.kind == C.BOOL else w.kind
        return method(w, _SCAN_METHODS[glyph], f"dim={dim}", kind=kind, rank=w.rank, shape=w.shape)
    if glyph in _SCAN_VALUES and w.kind != C.BOOL:
        inner_ = method(w, _SCAN_VALUES[glyph], f"dim={dim}")
        return Code(f"{inner_.text}.values", w.kind, C.ATOM, w.rank, w.shape)
    fn = _lambda(p, blk, f, 2, node)
    return call(p.use("scan_right"), fn, w.text, f"dim={dim}", kind=C.NUM, rank=w.rank, shape=w.shape)


def outer(p, blk, f, a, w, node):
    if not f.scalar:
        raise nonce("an outer product of a non-scalar function (a nested result)", node)
    if a.is_python or a.rank == 0:
        return f.dyad(blk, a, w)
    a, w = p.tensor(a), p.tensor(w)
    rank = None if a.rank is None or w.rank is None else a.rank + w.rank
    shape = None if a.shape is None or w.shape is None else a.shape + w.shape
    if f.scalar == "×" and a.rank == 1 and w.rank == 1 and a.kind == w.kind:
        return call("torch.outer", a.text, w.text, kind=a.kind, rank=2, shape=shape)
    if a.rank is not None and w.rank is not None:
        index = ", ".join([":"] * a.rank + ["None"] * w.rank)
        left = Code(f"{a.atom()}[{index}]", a.kind, C.ATOM, rank)
    else:
        left = method(a, "reshape", f"{a.atom()}.shape + (1,) * {w.atom()}.ndim", kind=a.kind)
    r = f.dyad(blk, left, Code(w.text, w.kind, w.prec, rank))
    return Code(r.text, r.kind, r.prec, rank, shape)


def inner(p, blk, f, g, a, w, node):
    if not (f.scalar and g.scalar):
        raise nonce("an inner product of non-scalar functions", node)
    a, w = p.tensor(a), p.tensor(w)
    if a.rank is None or w.rank is None:
        if f.scalar == "+" and g.scalar == "×":
            return call("torch.tensordot", a.text, w.text, "dims=1", kind=C.result_kind(a, w))
        # g between every row of a and column of w, then f/ along the shared axis
        a, w = blk.temp(a), blk.temp(w)
        left = method(a, "reshape", f"{a.atom()}.shape + (1,) * ({w.atom()}.ndim - 1)", kind=a.kind)
        products = blk.temp(g.dyad(blk, left, w))
        from .printer import Fn

        reduce_fn = Fn(None, f.dyad, "reduce", scalar=f.scalar)
        return reduce_(p, blk, reduce_fn, products, f"{a.atom()}.ndim - 1", node)
    if a.rank == 0 or w.rank == 0:
        raise nonce("an inner product with a scalar", node)
    rank = a.rank + w.rank - 2
    if f.scalar == "+" and g.scalar == "×":
        if a.kind != w.kind and C.FLOAT in (a.kind, w.kind):
            a, w = p.floated(a), p.floated(w)
        if a.rank <= 2 and w.rank <= 2:
            return binary("@", a, w, C.MUL, C.result_kind(a, w), rank)
        return call("torch.tensordot", a.text, w.text, "dims=1", kind=C.result_kind(a, w), rank=rank)
    index = ", ".join([":"] * a.rank + ["None"] * (w.rank - 1))
    left = Code(f"{a.atom()}[{index}]", a.kind, C.ATOM, a.rank + w.rank - 1)
    products = g.dyad(blk, left, Code(w.text, w.kind, w.prec, a.rank + w.rank - 1))
    from .printer import Fn

    reduce_fn = Fn(None, f.dyad, "reduce", scalar=f.scalar)
    return reduce_(p, blk, reduce_fn, products, a.rank - 1, node)


def each(p, blk, f, w):
    return call(p.use("each"), _callable(p, blk, f, 1), p.tensor(w).text, kind=C.NUM, rank=w.rank, shape=w.shape)


def each2(p, blk, f, a, w):
    return call(p.use("each2"), _callable(p, blk, f, 2), p.tensor(a).text, p.tensor(w).text, kind=C.NUM)


def _callable(p, blk, f, valence):
    if getattr(f, "py_name", None) and valence == 1:
        return f.py_name
    return _lambda(p, blk, f, valence, None)


def compose(p, node, b):
    from .printer import Fn

    if node.left.role == "A":
        left = p.array(node.left, b)
        g = p.function(node.right, b)
        return Fn(lambda blk, w: g.dyad(blk, left, w), _refuse("a bound function called dyadically", node), "bind")
    if node.right.role == "A":
        right = p.array(node.right, b)
        f = p.function(node.left, b)
        return Fn(lambda blk, w: f.dyad(blk, w, right), _refuse("a bound function called dyadically", node), "bind")
    f, g = p.function(node.left, b), p.function(node.right, b)
    return Fn(lambda blk, w: f.monad(blk, g.monad(blk, w)), lambda blk, a, w: f.dyad(blk, a, g.monad(blk, w)),
              "compose")


def _rank_spec(k):
    """The (monadic, left, right) cell ranks of a literal right operand of ⍤, else None."""
    from .primitives import _literal_ints

    ks = _literal_ints(k)
    if ks is None or not 1 <= len(ks) <= 3:
        return None
    if len(ks) == 1:
        return ks[0], ks[0], ks[0]
    if len(ks) == 2:
        return ks[1], ks[0], ks[1]
    return tuple(ks)


def _cell_rank(k, r):
    """APL's cell rank for a rank spec k on an array of rank r (negative k: the frame's rank)."""
    return min(k, r) if k >= 0 else max(r + k, 0)


def rank(p, node, b):
    from .printer import Fn

    spec = _rank_spec(p.array(node.right, b))
    if spec is None:
        raise nonce("⍤ with computed ranks", node)
    f = p.function(node.left, b)
    if f.scalar:
        monad = f.monad
    else:
        def monad(blk, w):
            fn = _callable(p, blk, f, 1)
            return call(p.use("rank"), fn, p.tensor(w).text, str(spec[0]), kind=C.NUM, rank=w.rank)

    def dyad(blk, a, w):
        if f.scalar and (a.is_python or a.rank is not None) and (w.is_python or w.rank is not None):
            return _scalar_rank(p, blk, f, a, w, spec, node)
        fn = _lambda(p, blk, f, 2, node)
        return call(p.use("rank2"), fn, p.tensor(a).text, p.tensor(w).text, str(spec[1]), str(spec[2]),
                    kind=C.NUM)

    return Fn(monad, dyad, "rank")


def _scalar_rank(p, blk, f, a, w, spec, node):
    """a f⍤k⊢w for a scalar f and known ranks: broadcasting, cells aligned by unsqueezing."""
    ra, rw = (0 if x.is_python else x.rank for x in (a, w))
    ca, cw = _cell_rank(spec[1], ra), _cell_rank(spec[2], rw)
    fa, fw = ra - ca, rw - cw
    if fa and fw and fa != fw:
        raise nonce("⍤ with frames of different ranks (a RANK ERROR)", node)
    if ca != cw and min(ca, cw) != 0:
        raise nonce("⍤ with cells of different ranks (a RANK ERROR)", node)
    frame, cell = max(fa, fw), max(ca, cw)

    def view(x, fx, cx):
        if x.is_python:
            return x
        index = [":"] * fx + ["None"] * (frame - fx) + [":"] * cx + ["None"] * (cell - cx)
        while index and index[0] == "None":  # broadcasting supplies leading axes
            index.pop(0)
        while index and index[-1] == ":":
            index.pop()
        if not index:
            return x
        return Code(f"{x.atom()}[{', '.join(index)}]", x.kind, C.ATOM, frame + cell)

    r = f.dyad(blk, view(a, fa, ca), view(w, fw, cw))
    return Code(r.text, r.kind, r.prec, frame + cell)


def nwise(p, blk, f, a, w, dim, node):
    """n f/w: f/ over each window of n items, the windows from `unfold` (reversed for ¯n)."""
    from .primitives import _literal_ints

    n = _literal_ints(a) if a.rank == 0 or a.is_python else None
    if n is None or n[0] == 0:
        raise nonce("n-wise reduction with a computed or zero window", node)
    n = n[0]
    w = p.tensor(w)
    if w.rank == 0:
        w = method(w, "reshape", "1", kind=w.kind, rank=1, shape=(1,))
    if w.shape is not None and isinstance(dim, int) and abs(n) > w.shape[dim]:
        raise nonce("n-wise reduction with a window longer than the array", node)
    rank_ = None if w.rank is None else w.rank + 1
    windows = method(w, "unfold", str(dim), str(abs(n)), "1", kind=w.kind, rank=rank_)
    if n < 0:
        windows = method(windows, "flip", "-1", kind=w.kind, rank=rank_)
    return reduce_(p, blk, f, windows, -1, node)


_SCATTER = {"+": None, "×": "prod", "⌈": "amax", "⌊": "amin"}


def _key_pattern(p, node, b):
    """What a ⌸ operand computes per group when torch has a scatter for it: (what, with_key),
    what being a glyph of + × ⌈ ⌊ (a reduction of ⍵) or ≢ (a count); else None."""
    from ..errors import APLError
    from ..syntax.binder import bind
    from .dfn import classify_for

    if not isinstance(node, ast.Dfn) or len(node.body) != 1 or node.body[0].kind != "expr":
        return None
    try:
        body = bind(node.body[0].parts[0], classify_for(p, b.scope))
    except APLError:
        return None

    def per_group(e):
        if not (isinstance(e, ast.Monadic) and isinstance(e.omega, ast.Name) and e.omega.id == "⍵"):
            return None
        fn = e.fn
        if isinstance(fn, ast.PrimFn) and fn.glyph == "≢":
            return "≢"
        if isinstance(fn, ast.Derived) and isinstance(fn.op, ast.PrimOp) and fn.op.axis is None \
                and fn.op.glyph in ("/", "⌿") and isinstance(fn.left, ast.PrimFn) and fn.left.glyph in _SCATTER:
            return fn.left.glyph + fn.op.glyph
        return None

    what = per_group(body)
    if what is not None:
        return what, False
    items = None
    if isinstance(body, ast.Dyadic) and isinstance(body.fn, ast.PrimFn) and body.fn.glyph == ",":
        items = (body.alpha, body.omega)
    elif isinstance(body, ast.Strand) and len(body.items) == 2:
        items = body.items
    if items and isinstance(items[0], ast.Name) and items[0].id == "⍺":
        what = per_group(items[1])
        if what is not None:
            return what, True
    return None


def key(p, node, b):
    """Key, f⌸: the distinct keys in order of first appearance (torch.unique, reordered), then
    a scatter (index_add, scatter_reduce, bincount) per group, or f on each group in a loop."""
    from .printer import Fn

    if node.left.role == "A":
        raise nonce("⌸ with an array operand", node)
    pattern = _key_pattern(p, node.left, b)

    def group(blk, a, w):
        from .printer import Block

        a = p.tensor(a)
        if a.rank not in (1, None):
            raise nonce("⌸ with keys that are not a vector", node)
        keys, groups = blk.scope.fresh("keys"), blk.scope.fresh("groups")
        blk.emit(f"{keys}, {groups} = {p.use('key_groups')}({a.text})")
        if pattern is not None and pattern[0] == "≢":
            per = call("torch.bincount", groups, kind=C.INT, rank=1)
            return _with_key(keys, per) if pattern[1] else per
        if w is None:
            w = Code(f"torch.arange(1, {groups}.numel() + 1)", C.INT, C.ATOM, 1)
        w = blk.temp(p.tensor(w), "values")
        per = None if pattern is None else _scatter(blk, pattern[0], keys, groups, w)
        if per is not None:
            return _with_key(keys, per) if pattern[1] else per
        f = p.function(node.left, blk)
        i, k = blk.scope.fresh("i"), blk.scope.fresh("key")
        sub = Block(blk.scope, blk.indent)
        r = f.dyad(sub, Code(k, C.NUM, C.ATOM, 0, ()), Code(f"{w.atom()}[{groups} == {i}]", w.kind, C.ATOM, w.rank))
        if sub.lines:
            raise nonce("a ⌸ operand that needs statements", node)
        return Code(f"torch.stack([{p.tensor(r).text} for {i}, {k} in enumerate({keys})])", C.NUM, C.ATOM)

    def _with_key(keys, per):
        return call("torch.stack", f"[{keys}, {per.text}]", "dim=-1", kind=C.NUM, rank=2)

    def _scatter(blk, what, keys, groups, w):
        if what == "≢":
            return call("torch.bincount", groups, kind=C.INT, rank=1)
        glyph, axis = what[0], what[1]
        if axis == "/" and w.rank != 1:
            return None
        if w.kind == C.BOOL:
            w = method(w, "long", kind=C.INT, rank=w.rank)
        elif w.kind not in (C.INT, C.FLOAT):  # APL sums booleans as numbers
            values = blk.scope.fresh("values")
            blk.emit(f"{values} = {w.text}.long() if {w.text}.dtype == torch.bool else {w.text}")
            w = Code(values, C.NUM, C.ATOM, w.rank)
        zeros = f"torch.zeros(({keys}.numel(),) + {w.atom()}.shape[1:], dtype={w.atom()}.dtype)"
        if w.rank == 1:
            zeros = f"torch.zeros({keys}.numel(), dtype={w.atom()}.dtype)"
        if _SCATTER[glyph] is None:
            return Code(f"{zeros}.index_add(0, {groups}, {w.text})", w.kind, C.ATOM, w.rank)
        index = groups if w.rank == 1 else None
        if index is None:
            return None
        return Code(f'{zeros}.scatter_reduce(0, {groups}, {w.text}, "{_SCATTER[glyph]}", include_self=False)',
                    w.kind, C.ATOM, 1)

    return Fn(lambda blk, w: group(blk, w, None), lambda blk, a, w: group(blk, a, w), "key")


def power(p, node, b):
    from .printer import Block, Fn

    f = p.function(node.left, b)
    if node.right.role == "A":
        n = p.array(node.right, b)
        if n.kind != C.PYINT or int(n.text) < 0:
            raise nonce("⍣ with a computed or negative count", node)

        def monad(blk, w):
            acc = blk.scope.fresh("x")
            w = p.tensor(w)
            blk.emit(f"{acc} = {w.text}")
            blk.emit(f"for _ in range({n.text}):")
            inner_blk = Block(blk.scope, blk.indent + 1)
            r = f.monad(inner_blk, Code(acc, w.kind))
            blk.lines += inner_blk.lines
            blk.emit(f"    {acc} = {r.text}")
            return Code(acc, r.kind if r.kind == w.kind else C.NUM)

        return Fn(monad, _refuse("a dyadic ⍣", node), "power")
    if isinstance(node.right, ast.PrimFn) and node.right.glyph in ("≡", "="):
        def until_fixed(blk, w):
            acc = blk.scope.fresh("x")
            nxt = blk.scope.fresh("x_next")
            w = p.tensor(w)
            blk.emit(f"{acc} = {w.text}")
            blk.emit("while True:")
            inner_blk = Block(blk.scope, blk.indent + 1)
            r = f.monad(inner_blk, Code(acc, w.kind))
            blk.lines += inner_blk.lines
            blk.emit(f"    {nxt} = {r.text}")
            blk.emit(f"    if torch.equal({nxt}, {acc}):")
            blk.emit("        break")
            blk.emit(f"    {acc} = {nxt}")
            return Code(nxt, C.NUM)

        return Fn(until_fixed, _refuse("a dyadic ⍣", node), "power")
    raise nonce("⍣ with this right operand", node)


def at(p, node, b):
    """(A or f)@(indices or mask-function) on major cells: a copy with those cells replaced."""
    from .printer import Fn

    def monad(blk, w):
        w = blk.temp(p.tensor(w))
        out = blk.scope.fresh("out")
        if node.right.role == "F":
            mask = p.function(node.right, b).monad(blk, w)
            if mask.kind != C.BOOL:
                mask = method(p.tensor(mask), "bool", kind=C.BOOL)
            if node.left.role == "A":
                new = p.array(node.left, b)
                return call("torch.where", mask.text, p.tensor(new).text, w.text, kind=w.kind, rank=w.rank,
                            shape=w.shape)
            mask = blk.temp(mask, "mask")
            picked = Code(f"{w.atom()}[{mask.text}]", w.kind)
            new = p.function(node.left, b).monad(blk, picked)
            blk.emit(f"{out} = {w.text}.clone()")
            blk.emit(f"{out}[{mask.text}] = {new.text}")
            return Code(out, w.kind, C.ATOM, w.rank, w.shape)
        idx = p.array(node.right, b)
        where = binary("-", idx, Code("1", C.PYINT), C.ADD, C.INT)
        if node.left.role == "A":
            new = p.array(node.left, b)
        else:
            new = p.function(node.left, b).monad(blk, Code(f"{w.atom()}[{where.text}]", w.kind))
        blk.emit(f"{out} = {w.text}.clone()")
        blk.emit(f"{out}[{where.text}] = {new.text}")
        return Code(out, w.kind, C.ATOM, w.rank, w.shape)

    return Fn(monad, _refuse("a dyadic @", node), "at")
