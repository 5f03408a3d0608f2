"""Assembling a generated module: imports, the helpers it uses, and one def per function."""
from __future__ import annotations

from ..errors import APLError, NonceError, Span, SyntaxError_
from ..syntax import ast
from ..syntax.binder import bind
from ..syntax.parser import parse
from ..syntax.tradfn import pieces
from . import code as C
from . import support
from .block import Block
from .code import Code
from .dfn import classify_for, docstring_lines, print_dfn, print_statements, source_text, specialise
from .helpers import HELPERS
from .names import Scope, python_name
from .native import dtype_name
from .operator_defs import operator_def
from .printer import TorchPrinter


def translate(src: str, name: str = "f", ranks=None, shapes=None, trusted=False, check=True, dtype=None,
              inplace=False) -> str:
    """Translate APL source (an expression, a dfn, a derived function or a script) to PyTorch.

    With `ranks`, a function (a dfn or a derived function) is written for float tensors of
    those ranks, in APL's order: `(rank of ⍺, rank of ⍵)`, or the rank of ⍵ alone for a
    monadic call. The def checks its arguments at the top, then computes with torch's own
    operations where they meet APL's (broadcasting for ⍤, `@`, `.mean(-1)`, `.sum(dim=-1)`).
    With `dtype` too (torch.float32 …), all its float tensors are of that dtype: for float32
    and narrower, ⎕CT is below their resolution and comparisons are torch's own. `inplace`
    (for apl.compile, arguments that need no gradient) reuses temporaries' memory."""
    if not name.isidentifier():
        raise SyntaxError_(f"{name!r} is not a Python identifier")
    _refuse_definitions(src)
    statements = parse(src)
    if not statements:
        raise SyntaxError_("nothing to translate")
    helpers: set = set()
    functions: dict = {}
    p = TorchPrinter(helpers, functions)
    signature = _signature(ranks, shapes)
    p.fast = signature is not None
    p.trusted = trusted and p.fast  # (the compiled path has checked the arguments' signature)
    p.check = check  # (False: torch's infinities and NaNs pass unchecked; apl.compile(check=False))
    p.dtype = dtype_name(dtype) if p.fast else None  # (the arguments' float dtype: native.py)
    p.inplace = inplace and p.dtype is not None
    module_scope = Scope(None, taken={"torch"} | set(HELPERS) | support.NAMES)
    module_scope.fns = {}
    p.pending = {}  # names assigned functions or operators by earlier statements
    nodes = []
    for stmt in statements:
        node = _bind(stmt, p, module_scope)
        nodes.append(node)
        if isinstance(node, ast.Assign) and node.value.role != "A":
            p.pending[node.name] = node.value.role
    operators = []  # (APL name, Dfn node) of the script's dops, each a higher-order function
    for node in nodes:
        if isinstance(node, ast.Assign) and node.value.role in ("M", "D"):
            if not isinstance(node.value, ast.Dfn):
                raise NonceError("cannot translate a user-defined operator", node.span)
            p.dops[node.name] = node.value
            operators.append((node.name, node.value))
        elif node.role in ("M", "D"):
            raise NonceError("cannot translate an operator on its own, without a name", node.span)
    single = len(statements) == 1
    keep = [n.role not in ("M", "D") for n in nodes]
    statements = [s for s, k in zip(statements, keep, strict=True) if k]
    nodes = [n for n, k in zip(nodes, keep, strict=True) if k]
    definitions = [isinstance(n, ast.Assign) and n.value.role == "F" for n in nodes]
    if (not all(definitions) or single) and nodes:
        module_scope.taken.add(name)  # the function computing the script's value
    defs: list[list[str]] = []
    names = {}  # the Python name of each function the script defines, known before any is written
    for node, is_def in zip(nodes, definitions, strict=True):
        if is_def and not single:
            names[id(node)] = functions[node.name] = module_scope.fresh(python_name(node.name))
    for apl_name, node in operators:  # dops first: the functions may call them
        py = module_scope.fresh(python_name(apl_name))
        lines, roles = operator_def(p, py, node, module_scope)
        p.operator_defs[apl_name] = (py, roles)
        defs.append(lines)
    rest = []
    for stmt, node, is_def in zip(statements, nodes, definitions, strict=True):
        if is_def and not single:
            defs.append(_function_def(p, names[id(node)], node.value, module_scope, src))
        else:
            rest.append((stmt, node))
    if single and rest and rest[0][1].role == "F":
        node = rest[0][1]
        if isinstance(node, ast.Assign):  # `g←{…}` alone: the function, under its own name
            name, node = module_scope.fresh(python_name(node.name)), node.value
        defs.append(_function_def(p, name, node, module_scope, src, whole=True, signature=signature))
    elif signature is not None:
        raise NonceError("ranks= is for a single function (a dfn or a derived function)")
    elif rest:
        defs.append(_expression_def(p, name, [s for s, _ in rest], module_scope, src))
    return _assemble(src, helpers, defs)


def _refuse_definitions(src: str) -> None:
    """Tradfns are not translated: a NONCE ERROR at the ∇ that opens the first one."""
    for piece in pieces(src):
        if piece.kind == "definition":
            start = sum(len(line) + 1 for line in src.split("\n")[:piece.first])
            start += len(piece.lines[0]) - len(piece.lines[0].lstrip())
            raise NonceError("cannot translate a tradfn (a ∇ definition): write it as a dfn",
                             Span(src, start, start + 1))


def _bind(stmt, p, scope):
    if stmt.kind == "branch":
        raise NonceError("cannot translate → (a branch, for tradfns)", stmt.span)
    if stmt.kind != "expr":
        raise NonceError("cannot translate a guard outside a dfn", stmt.span)
    try:
        classify = classify_for(p, scope)
        return bind(stmt.parts[0], lambda n: p.pending.get(n) or classify(n))
    except APLError as e:
        raise e.with_span(stmt.span)


def _signature(ranks, shapes=None):
    """{"⍵": spec, "⍺": spec} (see dfn.specialise) from ranks or shapes in APL's order, or None.
    A rank is an int, a shape a tuple of ints; a list argument is a list (of ranks or shapes),
    or for ranks a tuple of ints."""
    given = shapes if shapes is not None else ranks
    if given is None:
        return None

    def spec(x, shape):
        if x is float:
            return {"number": True}
        if isinstance(x, list) or (not shape and isinstance(x, tuple)):
            return {"items": [spec(i, shape) for i in x]}
        if shape and isinstance(x, tuple) and all(isinstance(n, int) and n >= 0 for n in x):
            return {"shape": tuple(x)}
        if not shape and isinstance(x, int) and x >= 0:
            return {"rank": x}
        raise SyntaxError_(f"{'shapes' if shape else 'ranks'}: {x!r} is not a {'shape' if shape else 'rank'}")

    one = isinstance(given, int) or (shapes is not None and isinstance(given, tuple)
                                     and all(isinstance(n, int) for n in given))
    given = (given,) if one else tuple(given)
    if not 1 <= len(given) <= 2:
        raise SyntaxError_("give the rank (shape) of ⍵, or those of ⍺ and ⍵")
    specs = [spec(x, shapes is not None) for x in given]
    return {"⍵": specs[0]} if len(specs) == 1 else {"⍺": specs[0], "⍵": specs[1]}


def _function_def(p, py, node, scope, src, whole=False, signature=None) -> list[str]:
    doc = f"APL: {src.strip()}" if whole else None
    if isinstance(node, ast.Dfn):
        if node.kind != "F":
            raise NonceError("cannot translate a user-defined operator", node.span)
        return print_dfn(p, py, node, scope, doc, signature=signature)
    inner = Scope(scope)
    omega, alpha = inner.fresh("omega"), inner.fresh("alpha")
    source = src.strip() if whole else source_text(node)
    if signature is not None:
        return _specialised_derived(p, py, node, inner, omega, alpha, doc or f"APL: {source}", signature)
    prelude = Block(inner, 1)  # definitions the function's operands need (inner dfns)
    fn = p.function(node, prelude)
    monad_blk, dyad_blk = Block(inner, 2), Block(inner, 1)
    monad = dyad = None
    try:
        monad = p.tensor(fn.monad(monad_blk, Code(omega)))
    except NonceError:
        if fn.dyad is None:
            raise
    try:
        dyad = p.tensor(fn.dyad(dyad_blk, Code(alpha), Code(omega)))
    except NonceError:
        if monad is None:
            raise
    lines = [f"def {py}({omega}, {alpha}=None):"]
    lines += ["    " + ln for ln in docstring_lines(doc or f"APL: {source}")]
    lines += prelude.lines
    if monad is not None:
        monad_blk.emit_return(monad)
    if dyad is not None:
        dyad_blk.emit_return(dyad)
    label = _plain(source) if len(source) <= 40 else "this function"
    if monad is not None and dyad is not None:
        lines += [f"    if {alpha} is None:"] + monad_blk.lines + dyad_blk.lines
    elif monad is not None:
        lines += [f"    if {alpha} is not None:",
                  f'        raise TypeError("{label} has no dyadic translation")']
        lines += [ln[4:] for ln in monad_blk.lines]
    else:
        lines += [f"    if {alpha} is None:",
                  f'        raise TypeError("{label} has no monadic translation")']
        lines += dyad_blk.lines
    return lines


def _specialised_derived(p, py, node, scope, omega, alpha, doc, signature) -> list[str]:
    """A derived function written for float tensors of the signature's ranks: one valence."""
    scope.names["⍵"], scope.names["⍺"] = omega, alpha
    b = Block(scope, 1)
    for line in docstring_lines(doc):
        b.emit(line)
    specialise(p, b, py, signature)
    fn = p.function(node, b)
    w = _arg_code(omega, signature["⍵"])
    if "⍺" in signature:
        r = fn.dyad(b, _arg_code(alpha, signature["⍺"]), w)
    else:
        b.emit(f"if {alpha} is not None:")
        b.emit(f'    raise TypeError("{py} is written for one argument")')
        r = fn.monad(b, w)
    b.emit_return(p.tensor(r))
    return [f"def {py}({omega}, {alpha}=None):"] + b.lines


def _arg_code(py, spec):
    if "number" in spec:
        return Code(py, C.PYFLOAT, C.ATOM, 0, ())
    if "shape" in spec:
        return Code(py, C.FLOAT, C.ATOM, len(spec["shape"]), tuple(spec["shape"]))
    if "rank" in spec:
        return Code(py, C.FLOAT, C.ATOM, spec["rank"])
    return Code(py, C.NUM, C.ATOM, 1, (len(spec["items"]),))


def _plain(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _expression_def(p, name, statements, scope, src) -> list[str]:
    inner = Scope(scope)
    inner.fns = {}
    p.params = {}
    p.param_scope = inner
    b = Block(inner, 1)
    for line in docstring_lines(f"APL: {src.strip()}"):
        b.emit(line)
    try:
        returned = print_statements(p, statements, b, in_dfn=False)
    finally:
        params = sorted(p.params.values())
        p.params = None
    lines = b.lines
    if not returned:
        raise NonceError("cannot translate: the script computes no value")
    # a script's body returns after each unassigned expression: keep only up to the last return
    last = max(i for i, ln in enumerate(lines) if ln.startswith("    return "))
    body = [ln for i, ln in enumerate(lines[: last + 1]) if not (ln.startswith("    return ") and i != last)]
    body += lines[last + 1:]
    header = f"def {name}({', '.join(py for _, py in params)}):"
    return [header] + body


def _assemble(src: str, helpers: set, defs: list[list[str]]) -> str:
    out = ['"""Translated from APL by apl.translate."""']
    code = "\n".join(ln for d in defs for ln in d)
    if helpers or "torch." in code:
        out += ["", "import torch"]
    local = sorted(h for h in helpers if h not in support.NAMES)
    needed = {h for h in helpers if h in support.NAMES}
    for h in local:  # the helpers written as text call support's functions too
        needed |= support.uses(HELPERS[h])
    for h in support.closure(needed):
        out += ["", ""] + support.text(h).strip("\n").splitlines()
    for h in local:
        out += ["", ""] + HELPERS[h].strip("\n").splitlines()
    for d in defs:
        body: list[str] = []
        for ln in d:  # one blank line at most between statements, as ruff format leaves it
            if ln or (body and body[-1]):
                body.append(ln)
        out += ["", ""] + body
    return "\n".join(out) + "\n"
