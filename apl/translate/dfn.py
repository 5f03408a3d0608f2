"""Dfns as Python functions: guards become `if … return`, ∇ a recursive call.

Also the statements of any body (a dfn's, a script's) and the APL source that generated
functions carry in their docstrings. The printer is passed in as `p`, not imported.
"""
from __future__ import annotations

import textwrap

from ..errors import APLError, NonceError
from ..syntax import ast
from ..syntax.binder import bind
from . import code as C
from .block import Block, cells_of, known, remember, settle
from .code import Code, binary
from .fn import Fn
from .names import Scope, python_name


def docstring_lines(text: str) -> list[str]:
    """A docstring holding APL source, escaped so that no input can break out of it; long
    sources are wrapped over several lines to stay within 88 columns."""
    lines = (_without_comment(ln).strip() for ln in text.split("\n"))
    text = " ⋄ ".join(ln for ln in lines if ln).replace("{ ⋄ ", "{").replace(" ⋄ }", "}")
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    if len(body) <= 72:
        return [f'"""{body}"""']
    lines = textwrap.wrap(body, 72, break_on_hyphens=False)
    return ['"""' + lines[0]] + lines[1:] + ['"""']


def _without_comment(line: str) -> str:
    """A line of APL without its comment (a ⍝ outside quotes)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == "'":
            quoted = not quoted
        elif ch == "⍝" and not quoted:
            return line[:i]
    return line


def source_text(node) -> str:
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


def print_dfn(p, name: str, node, outer: Scope, docstring: str | None = None, operands=None,
              signature=None) -> list[str]:
    """The lines of `def name(omega, alpha=None):` for a dfn node; for a dop, `operands` maps
    ⍺⍺ and ⍵⍵ to the operands' Fns (or, for array operands, to Python names). With a
    `signature` ({"⍵": rank, "⍺": rank}), the def is written for float tensors of those ranks
    (see specialise)."""
    scope = Scope(outer)
    scope.names["⍵"] = scope.fresh("omega")
    scope.names["⍺"] = scope.fresh("alpha")
    scope.fns = {}
    for glyph, operand in (operands or {}).items():
        if isinstance(operand, Fn):
            scope.fns[glyph] = operand
        else:
            scope.names[glyph] = operand
    b = Block(scope, 1)
    b.self_name = name
    if p.fast and p.check:  # (checks of raw values deferred to their uses and the returns: block.defer)
        b.deferred = []
    source = node.span.text[node.span.start:node.span.end]
    for line in docstring_lines(docstring or f"APL: {source}"):
        b.emit(line)
    if signature is not None:
        specialise(p, b, name, signature)
    print_statements(p, node.body, b, in_dfn=True)
    header = f"def {name}({scope.names['⍵']}, {scope.names['⍺']}=None):"
    return [header] + b.lines


def specialise(p, b, name, signature):
    """The check at the top of a def written for float tensors of given ranks (or shapes): a
    call that breaks the assumption is an APL error; the arguments are then known to the
    printer, and the results are checked to be finite (the def computes in torch's floats:
    an overflow or a division by zero shows as a DOMAIN ERROR).

    signature: {"⍵": spec, "⍺": spec}, a spec being {"rank": r}, {"shape": (…)} or, for a list
    of tensors (a nested argument), {"items": [spec, …]}."""
    error = p.use("APLError")
    ranks, shapes, tensors, said = [], [], [], []

    def check(py, spec, glyph):
        if "number" in spec:  # a Python number
            if glyph:
                said.append(f"a number {glyph}")
                remember(b.scope, py, Code(py, C.PYFLOAT, C.ATOM, 0, ()))
            return
        if "items" in spec:
            ranks.append(f"len({py}) != {len(spec['items'])}")
            said.append(f"{glyph} of {len(spec['items'])} items")
            for i, item in enumerate(spec["items"]):
                check(f"{py}[{i}]", item, None)
            remember(b.scope, py, Code(py, C.NUM, C.ATOM, 1, (len(spec["items"]),)))
            return
        tensors.append(py)
        if "shape" in spec:
            shape = tuple(spec["shape"])
            ranks.append(f"{py}.ndim != {len(shape)}")
            shapes.append(f"{py}.shape != {shape!r}")
            if glyph:
                said.append(f"{glyph} of shape {' '.join(map(str, shape))}" if shape else f"a scalar {glyph}")
            code = Code(py, C.FLOAT, C.ATOM, len(shape), shape, native=p.dtype is not None)
        else:
            ranks.append(f"{py}.ndim != {spec['rank']}")
            if glyph:
                said.append(f"{glyph} of rank {spec['rank']}")
            code = Code(py, C.FLOAT, C.ATOM, spec["rank"], native=p.dtype is not None)
        if glyph:
            remember(b.scope, py, code)

    for glyph, spec in signature.items():
        py = b.scope.names[glyph]
        check(py, spec, glyph)
        if "items" in spec:
            b.scope.items = {**getattr(b.scope, "items", {}), py: spec["items"]}
    if p.trusted:  # (the caller has checked the arguments: the compiled path)
        return
    if "⍺" in signature:
        b.emit(f"if {b.scope.names['⍺']} is None:")
        b.emit(f'    raise TypeError("{name} is written for a left argument")')
    what = " and ".join(said)
    if ranks:
        _guard(b, ranks, f'raise {error}("RANK ERROR: {name} is written for {what}")')
    if shapes:
        _guard(b, shapes, f'raise {error}("LENGTH ERROR: {name} is written for other shapes")')
    if p.dtype is not None:  # (tensors of one dtype: native.py)
        _guard(b, [f"{py}.dtype != torch.{p.dtype}" for py in tensors],
               f'raise {error}("DOMAIN ERROR: {name} is written for {p.dtype} tensors")')
    elif len(tensors) == 1:
        b.emit(f"if not {tensors[0]}.is_floating_point():")
    elif tensors:
        b.emit(f"if not all(x.is_floating_point() for x in ({', '.join(tensors)})):")
    if tensors and p.dtype is None:
        b.emit(f'    raise {error}("DOMAIN ERROR: {name} is written for float tensors")')
    numbers = [b.scope.names[g] for g, spec in signature.items() if "number" in spec]
    if numbers:
        _guard(b, [f"not isinstance({py}, float)" for py in numbers],
               f'raise {error}("DOMAIN ERROR: {name} is written for a Python float")')


def _guard(b, conditions, statement):
    """`if c1 or c2 …: statement`, as several ifs where one line would be too long."""
    groups, line = [], []
    for c in conditions:
        if line and len("    " * b.indent + "if " + " or ".join([*line, c]) + ":") > 88:
            groups.append(line)
            line = []
        line.append(c)
    groups.append(line)
    for group in groups:
        b.emit(f"if {' or '.join(group)}:")
        b.emit(f"    {statement}")


def _item_code(py, spec, native=False):
    """What is known of an item of a list argument (see specialise)."""
    if "shape" in spec:
        return Code(py, C.FLOAT, C.ATOM, len(spec["shape"]), tuple(spec["shape"]), native=native)
    if "rank" in spec:
        return Code(py, C.FLOAT, C.ATOM, spec["rank"], native=native)
    return Code(py, C.NUM)


def _items(scope, py):
    """The ranks of the items of a list argument (see specialise), or None."""
    s = scope
    while s is not None:
        if py in getattr(s, "items", {}):
            return s.items[py]
        s = s.parent
    return None


def classify_for(p, scope):
    def classify(name):
        s = scope
        while s is not None:
            if name in getattr(s, "fns", {}):
                return "F"
            if name in getattr(s, "dops", {}):
                return s.dops[name].kind
            if name in s.names:
                return "A"
            s = s.parent
        if name in p.functions:
            return "F"
        if name in p.dops:
            return p.dops[name].kind
        return "A"

    return classify


def print_statements(p, statements, b, in_dfn: bool):
    """Print a body's statements into block b; in a dfn the first result returns."""
    classify = classify_for(p, b.scope)
    returned = False
    for stmt in statements:
        if stmt.kind == "error_guard":
            raise NonceError("cannot translate error guards (::)", stmt.span)
        try:
            nodes = [bind(part, classify) for part in stmt.parts]
        except APLError as e:
            raise e.with_span(stmt.span)
        if stmt.kind == "guard":
            cond = settle(p.array(nodes[0], b))
            if cond.cells is not None:
                raise NonceError("a guard on the cells of ⍤, lifted to the whole array", stmt.span)
            if cond.kind == C.BOOL and cond.rank == 0:
                b.emit(f"if {cond.text}:")
            else:
                b.emit(f"if {p.use('condition')}({cond.text}):")
            inner = Block(b.scope, b.indent + 1)
            inner.self_name = getattr(b, "self_name", None)
            inner.deferred_before = list(getattr(b, "deferred", None) or getattr(b, "deferred_before", ()))
            if hasattr(b, "batched"):
                inner.batched = b.batched
            r = p.array(nodes[1], inner)
            inner.emit_return(p.tensor(r))
            b.lines += inner.lines
            continue
        node = nodes[0]
        if isinstance(node, ast.Assign) and node.value.role in ("F", "M", "D"):
            define_function(p, node.name, node.value, b)
            continue
        if isinstance(node, (ast.Assign, ast.StrandAssign, ast.ModifiedAssign, ast.DefaultAlpha)):
            statement_assignment(p, node, b)
            continue
        if node.role != "A":
            raise NonceError("cannot translate a statement whose value is a function", stmt.span)
        r = p.array(node, b)
        b.emit_return(p.tensor(r))
        returned = True
        if in_dfn:
            return True
    return returned


def define_function(p, apl_name: str, value, b):
    """name←{…} or name←+/ inside a body: a nested def, or a local Fn for derived functions."""
    if isinstance(value, ast.Dfn) and value.kind in ("M", "D"):
        if not hasattr(b.scope, "dops"):
            b.scope.dops = {}
        b.scope.dops[apl_name] = value  # printed where it is applied, with its operands
        return
    if value.role in ("M", "D"):
        raise NonceError("cannot translate a user-defined operator", value.span)
    if isinstance(value, ast.Dfn):
        py = b.scope.fresh(python_name(apl_name))
        b.scope.fns[apl_name] = py
        p.define_dfn(py, value, b)
        return
    fn = p.function(value, b)
    b.scope.fns[apl_name] = fn


def statement_assignment(p, node, b):
    if isinstance(node, ast.Assign):
        p.array(node, b)
        return
    if isinstance(node, ast.DefaultAlpha):
        p.array(node, b)
        return
    if isinstance(node, ast.ModifiedAssign) and node.indices is None:
        v = p.array(node.value, b)
        old = b.scope.lookup(node.name)
        if old is None:
            raise NonceError(f"cannot translate modifying {node.name}, which is not defined", node.span)
        if cells_of(b.scope, old) is not None or v.cells is not None:
            raise NonceError("modifying cells of ⍤, lifted to the whole array", node.span)
        fn = p.function(node.fn, b)
        kind, rank, shape, bound = known(b.scope, old)
        r = settle(fn.dyad(b, Code(old, kind, C.ATOM, rank, shape, bound), v))
        py = b.scope.bind(node.name)
        b.emit(f"{py} = {r.text}")
        remember(b.scope, py, r)
        return
    if isinstance(node, ast.ModifiedAssign):
        old = b.scope.lookup(node.name)
        if old is None:
            raise NonceError(f"cannot translate assigning into {node.name}, which is not defined", node.span)
        v = settle(p.array(node.value, b))
        idx = [None if i is None else settle(p.array(i, b)) for i in node.indices]
        if len(idx) != 1 or idx[0] is None:
            raise NonceError("cannot translate indexed assignment on several axes", node.span)
        where = binary("-", idx[0], Code("1", C.PYINT), C.ADD, C.INT).text
        if node.fn is not None:
            cur = Code(f"{old}[{where}]", C.NUM)
            v = settle(p.function(node.fn, b).dyad(b, cur, v))
        kind, rank, shape, _ = known(b.scope, old)
        py = b.scope.bind(node.name)
        b.emit(f"{py} = {old}.clone()")
        b.emit(f"{py}[{where}] = {v.text}")
        remember(b.scope, py, Code(py, kind, C.ATOM, rank, shape))
        return
    if isinstance(node, ast.StrandAssign) and node.fn is None and all(isinstance(n, str) for n in node.names):
        # a b←⍵: Python's unpacking (of a list of tensors, or of a vector's items)
        v = settle(p.array(node.value, b))
        if v.rank is not None and v.rank != 1:
            raise NonceError("strand assignment needs a vector", node.span)
        items = _items(b.scope, v.text)  # a list of float tensors of known ranks (ranks=)
        if items is not None and len(items) != len(node.names):
            raise NonceError("strand assignment of a different number of items", node.span)
        pys = [b.scope.bind(n) for n in node.names]
        b.emit(f"{', '.join(pys)} = {v.text}")
        for i, py in enumerate(pys):
            remember(b.scope, py, _item_code(py, items[i], p.dtype is not None) if items else Code(py, C.NUM))
        return
    raise NonceError("cannot translate this assignment", node.span)
