"""AST → Python closures: each node is compiled once into a closure that does only its work.

A compiled array node is `f(env) -> array`, a function node `f(env) -> Function`.
Statements are bound (roles resolved) and compiled on first run, cached per signature of the
classes of the names they mention, so a dfn body is compiled once however often it runs.
"""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..backends import NUMPY, is_array
from ..errors import APLError, NonceError, SyntaxError_, ValueError_
from ..primitives import indexing
from ..primitives.base import Operator
from ..primitives.composition import Atop, Fork
from ..primitives.nesting import mix
from ..primitives.operators import Curried
from ..primitives.table import PRIMITIVES
from ..settings import active_backend
from ..syntax import ast
from ..syntax.binder import bind
from ..syntax.tokens import Token
from . import assignment, statements, system_functions, system_variables
from .derivation import constant_operand, derived_here, derived_once, make_derived
from .dfn import DfnFunction, DfnOperator, outermost_dfn
from .env import namespace_named
from .execute import Execute, execute_in
from .idioms import compile_idiom
from .library_errors import apl_error, guarded
from .statements import Compiled, ShyValue, TailCall
from .tradfn import Niladic, TradFunction


def _as_array(r, span):
    """Library calls may give numpy scalars; APL values are arrays (numpy arrays or tensors)."""
    if isinstance(r, (np.generic, np.ndarray)):
        return np.asarray(r)
    if is_array(r):
        return r
    raise SyntaxError_("a function gave no array", span)


def _compile_statement(stmt, roles: dict, in_dfn: bool) -> Compiled:
    def classify(name):
        return roles.get(name, "A")

    first = stmt.parts[0][0] if stmt.parts and stmt.parts[0] else None
    if not in_dfn and isinstance(first, Token) and first.kind == "del":
        # a definition is cut out of its text before statements are parsed: this one is in a line
        raise SyntaxError_("a ∇ definition starts a line and ends with a line holding ∇", first.span)
    try:
        nodes = [bind(part, classify) for part in stmt.parts]
    except APLError as e:
        raise e.with_span(stmt.span)
    if stmt.kind == "branch":
        if in_dfn:
            raise SyntaxError_("→ (branch) is not allowed in a dfn: use a guard", stmt.span)
        if nodes and nodes[0].role != "A":
            raise SyntaxError_("→ takes a line number", stmt.span)
        return Compiled("branch", compile_array(nodes[0]) if nodes else None, shy=True, span=stmt.span)
    if stmt.kind == "expr":
        node = nodes[0]
        shy = isinstance(node, (ast.Assign, ast.StrandAssign, ast.ModifiedAssign, ast.SelectiveAssign,
                                 ast.DefaultAlpha))
        if not in_dfn and isinstance(node, (ast.Monadic, ast.Dyadic)) and isinstance(node.fn, ast.SysFn):
            # ⎕EX's, ⎕SIGNAL's, ⎕NPUT's, ⎕NDELETE's and ⎕MKDIR's results are shy (a dfn still
            # ends at them: they are not assignments)
            shy = node.fn.id in ("⎕EX", "⎕SIGNAL", "⎕NPUT", "⎕NDELETE", "⎕MKDIR") or \
                (node.fn.id == "⎕NS" and isinstance(node, ast.Dyadic))
        if node.role != "A":
            return Compiled("expr", compile_function(node), shy=shy, span=stmt.span)
        if isinstance(node, ast.Monadic) and isinstance(node.fn, ast.PrimFn) and node.fn.glyph == "⍎":
            # a statement ⍎'' (or ⍎ of an assignment…) has no result; only using it is an error
            return Compiled("expr", _execute_statement(node), shy=shy, span=stmt.span)
        if isinstance(node, ast.InNamespace):  # ns.(a←1) shows nothing, as a←1 does
            return Compiled("expr", _in_namespace(node, statement=True), shy=shy, span=stmt.span)
        if isinstance(node, (ast.Monadic, ast.Dyadic)) and isinstance(node.fn, ast.FnName) or \
                isinstance(node, ast.Name):
            # a call that may be of a tradfn: it may give no result, or a shy one
            return Compiled("expr", _call_statement(node), shy=shy, span=stmt.span)
        run = compile_tail(node) if in_dfn and not shy else compile_array(node)
        return Compiled("expr", run, shy=shy, span=stmt.span)
    cond, expr = nodes
    if cond.role != "A":
        raise SyntaxError_("a guard's condition must be an array", stmt.span)
    if expr.role != "A":
        raise SyntaxError_("a guard's result must be an array", stmt.span)
    if stmt.kind == "guard":
        return Compiled("guard", compile_tail(expr) if in_dfn else compile_array(expr),
                        cond=compile_array(cond), span=stmt.span)
    return Compiled("error_guard", compile_array(expr), cond=compile_array(cond), span=stmt.span)


def _call_statement(node):
    """A statement that is one call of a named function (or a name): a tradfn may give no value
    (None) or a shy one (ShyValue); any other function gives its array as usual."""
    if isinstance(node, ast.Name):
        name, span = node.id, node.span

        def run_name(env):
            v = env.find(name)
            if type(v) is Niladic:
                return _niladic_statement(v.fn, None, None, span)
            return plain(env)

        plain = _name(node)
        return run_name
    fn = compile_function(node.fn)
    alpha = compile_array(node.alpha) if isinstance(node, ast.Dyadic) else None
    omega = compile_array(node.omega)
    plain = _dyadic(node) if alpha is not None else _monadic(node)
    span = node.span

    def run(env):
        f = fn(env)
        if type(f) is not TradFunction:
            return plain(env)
        w = omega(env)
        a = None if alpha is None else alpha(env)
        if a is not None and f.defn.header.left is None:
            raise SyntaxError_(f"{f.defn.name} takes no left argument", span)
        return _niladic_statement(f, a, w, span)

    return run


def _niladic_statement(f, a, w, span):
    try:
        r = f.call(a, w)
    except Exception as e:
        raise apl_error(e, span) from None
    if r is None:
        return None
    return ShyValue(r) if f.shy else r


def _execute_statement(node):
    """⍎Y as a whole statement: its value, or None where the executed text gives none."""
    omega = compile_array(node.omega)
    span = node.span

    def run(env):
        w = omega(env)
        try:
            value, shy = Execute(env).run(w, need_value=False)
        except Exception as e:
            raise apl_error(e, span) from None
        return ShyValue(value) if shy and value is not None else value

    return run


# ------------------------------------------------------------------ arrays
def compile_array(node):
    try:
        method = _ARRAY[type(node)]
    except KeyError:
        raise SyntaxError_("expected an array here", node.span) from None
    return method(node)


def _literal(node):
    """A literal is a NumPy value; a torch session sees it as tensors on its device and in its
    dtype, converted once per backend configuration."""
    v = node.value
    if not isinstance(v, np.ndarray) or (v.dtype.kind not in "biufc" and v.dtype != ar.OBJ):
        return lambda env: v
    cache = {}

    def run(env):
        bk = active_backend()
        if bk is NUMPY:
            return v
        key = bk.key()
        r = cache.get(key)
        if r is None:
            r = cache[key] = ar.to_backend(v, bk)
        return r

    return run


def _strand(node):
    parts = [compile_array(x) for x in node.items]
    n = len(parts)

    def run(env):
        vals = [p(env) for p in reversed(parts)]
        vals.reverse()
        return ar.from_items([ar.box(v) for v in vals], (n,))

    return run


def _name(node):
    name, span = node.id, node.span

    def run(env):
        v = env.find(name)
        if v is None:
            raise ValueError_(f"{name} is not defined", span)
        if type(v) is not np.ndarray and not is_array(v):
            if type(v) is Niladic:  # a niladic tradfn: its name stands for its result
                return _niladic_value(v, span)
            raise SyntaxError_(f"{name} is not an array", span)
        return v

    return run


def _niladic_value(v, span):
    try:
        r = v.value()
    except Exception as e:
        raise apl_error(e, span) from None
    if r is None:
        raise ValueError_(f"{v.fn.defn.name} gives no result", span)
    return r


def _sysname(node):
    name, span = node.id, node.span
    return lambda env: guarded(span, lambda: system_variables.read(env, name))


def _index(node):
    arr = compile_array(node.array)
    idx = [None if i is None else compile_array(i) for i in node.indices]
    span = node.span

    def run(env):
        ivals = [None if i is None else i(env) for i in reversed(idx)]
        ivals.reverse()
        a = arr(env)
        return guarded(span, lambda: indexing.index_with(a, ivals))

    return run


def _monadic(node):
    idiom = compile_idiom(node, compile_array, guarded)
    if idiom is not None:
        return idiom
    fn = compile_function(node.fn)
    omega = compile_array(node.omega)
    span = node.span

    def run(env):
        w = omega(env)
        f = fn(env)
        try:
            r = f.monad(w)
            return r if type(r) is np.ndarray else _as_array(r, span)
        except Exception as e:
            raise apl_error(e, span) from None

    return run


def _dyadic(node):
    fn = compile_function(node.fn)
    alpha = compile_array(node.alpha)
    omega = compile_array(node.omega)
    span = node.span

    def run(env):
        w = omega(env)
        f = fn(env)
        a = alpha(env)
        try:
            r = f.dyad(a, w)
            return r if type(r) is np.ndarray else _as_array(r, span)
        except Exception as e:
            raise apl_error(e, span) from None

    return run


def _assign(node):
    name, span = node.name, node.span
    if node.value.role == "A":
        value = compile_array(node.value)
    elif node.value.role == "F":
        value = compile_function(node.value)
    else:
        value = compile_operator(node.value)
    if name.startswith(("⎕", "⍞")) or ".⎕" in name:
        return lambda env: guarded(span, lambda: system_variables.write(env, name, value(env)))
    if name in ("#", "##"):
        raise SyntaxError_(f"{name} cannot be assigned", span)
    if "." in name:  # a namespace's member
        def run_member(env):
            v = value(env)
            guarded(span, lambda: env.assign(name, v))
            return v

        return run_member

    def run(env):
        v = value(env)
        env.vars[name] = v
        return v

    return run


def _default_alpha(node):
    # an array, a function as in ⍺←⊢, or an operator as in ⍺←⍣0
    value = compile_operator(node.value) if node.value.role in ("M", "D") else compile_operand(node.value)

    def run(env):
        if "⍺" in env.vars:
            return env.vars["⍺"]
        v = value(env)
        env.vars["⍺"] = v
        return v

    return run


def _array_notation(node):
    """(a ⋄ b): the items as a vector; [a ⋄ b]: the items as major cells, merged as ↑ does."""
    parts = [compile_array(x) for x in node.items]
    n, major, span = len(parts), node.kind == "major", node.span

    def run(env):
        vals = [p(env) for p in reversed(parts)]  # right to left, as APL evaluates
        vals.reverse()
        items = ar.from_items([ar.box(v) for v in vals], (n,))
        return guarded(span, lambda: mix(items)) if major else items

    return run


def _in_namespace(node, statement=False):
    space, text, span = compile_array(node.space), node.text, node.span
    if not statement:
        return lambda env: (lambda where: guarded(span, lambda: execute_in(where, text)))(space(env))

    def run(env):
        where = space(env)
        value, shy = guarded(span, lambda: execute_in(where, text, need_value=False))
        return ShyValue(value) if shy and value is not None else value

    return run


_ARRAY = {
    ast.InNamespace: _in_namespace,
    ast.ArrayNotation: _array_notation,
    ast.Literal: _literal,
    ast.Strand: _strand,
    ast.Name: _name,
    ast.SysName: _sysname,
    ast.Index: _index,
    ast.Monadic: _monadic,
    ast.Dyadic: _dyadic,
    ast.Assign: _assign,
    ast.StrandAssign: lambda node: assignment.strand_assign(node, compile_array, compile_function),
    ast.ModifiedAssign: lambda node: assignment.modified_assign(node, compile_array, compile_function),
    ast.SelectiveAssign: lambda node: assignment.selective_assign(node, compile_array, compile_function),
    ast.DefaultAlpha: _default_alpha,
}


def compile_tail(node):
    """A dfn's result expression: a call of ∇ becomes a TailCall instead of a recursion."""
    if isinstance(node, ast.Monadic) and isinstance(node.fn, ast.SelfRef):
        omega = compile_array(node.omega)
        return lambda env: TailCall(None, omega(env))
    if isinstance(node, ast.Dyadic) and isinstance(node.fn, ast.SelfRef):
        omega = compile_array(node.omega)
        alpha = compile_array(node.alpha)

        def run(env):
            w = omega(env)
            return TailCall(alpha(env), w)

        return run
    return compile_array(node)


# ------------------------------------------------------------------ functions
def compile_function(node):
    if node.role == "A":
        raise SyntaxError_("expected a function here", node.span)
    try:
        method = _FUNCTION[type(node)]
    except KeyError:
        raise SyntaxError_("expected a function here", node.span) from None
    return method(node)


def compile_operand(node):
    """An operator's operand: a function or an array."""
    return compile_array(node) if node.role == "A" else compile_function(node)


def _prim_fn(node):
    if node.glyph == "⍎":
        return lambda env: Execute(env)
    f = PRIMITIVES.get(node.glyph)
    if f is None:
        raise NonceError(f"{node.glyph} is not supported", node.span)
    return lambda env: f


def _sys_fn(node):
    space, _, name = node.id.rpartition(".")
    f = system_functions.system_function(name, node.span)
    if isinstance(f, type):  # ⎕NC ⎕EX ⎕SIGNAL see the names of the calling environment
        if space:  # ns.⎕NL: the names of that namespace
            span = node.span
            return lambda env: f(guarded(span, lambda: namespace_named(env, space)).env)
        return lambda env: f(env)
    return lambda env: f


def _fn_name(node):
    name, span = node.id, node.span

    def run(env):
        v = env.find(name)
        if v is None:
            raise ValueError_(f"{name} is not defined", span)
        return v

    return run


def _self_ref(node):
    span = node.span

    def run(env):
        e = env
        while e is not None and e.dfn is None:
            e = e.parent
        if e is None:
            raise ValueError_("∇ outside a dfn", span)
        return e.dfn

    return run


def _dfn(node):
    if node.kind == "F":
        return lambda env: DfnFunction(node, env) if env.parent is not None else outermost_dfn(node, env)
    return lambda env: DfnOperator(node, env)


def _right_operand(op, node):
    """An operator's right operand: a rank written as numbers stays a NumPy value (it is read on
    the host, where a device's literal would have to be read back)."""
    if isinstance(op, ast.PrimOp) and op.glyph == "⍤" and isinstance(node, ast.Literal) \
            and isinstance(node.value, np.ndarray):
        spec = node.value
        return lambda env: spec
    return compile_operand(node)


def _derived(node):
    op = node.op
    left = compile_operand(node.left)
    right = None if node.right is None else _right_operand(op, node.right)
    span = node.span
    if isinstance(op, ast.PrimOp):
        glyph = op.glyph
        axis = None if op.axis is None else compile_array(op.axis)
        if axis is None and constant_operand(node.left) and (node.right is None or constant_operand(node.right)):
            return derived_once(glyph, left, right, span)

        def run(env):
            r = None if right is None else right(env)
            lv = left(env)
            if axis is None and env.parent is None:
                return derived_here(node, glyph, lv, r, env, span)
            ax = None if axis is None else axis(env)
            return guarded(span, lambda: make_derived(glyph, lv, r, ax))

        return run
    opc = compile_operator(op)

    def run_user(env):
        r = None if right is None else right(env)
        lv = left(env)
        o = opc(env)
        return o.derive(lv, r)

    return run_user


def _with_axis(node):
    fn = compile_function(node.fn)
    axis = compile_array(node.axis)
    span = node.span

    def run(env):
        ax = axis(env)
        return guarded(span, lambda: fn(env).with_axis(ax))

    return run


def _fork(node):
    f = compile_operand(node.left)
    g = compile_function(node.middle)
    h = compile_function(node.right)
    return lambda env: Fork(f(env), g(env), h(env))


def _atop(node):
    f = compile_function(node.left)
    g = compile_function(node.right)
    return lambda env: Atop(f(env), g(env))


def _assign_fn(node):
    return _assign(node)


_FUNCTION = {
    ast.PrimFn: _prim_fn,
    ast.SysFn: _sys_fn,
    ast.FnName: _fn_name,
    ast.SelfRef: _self_ref,
    ast.Dfn: _dfn,
    ast.Derived: _derived,
    ast.WithAxis: _with_axis,
    ast.Fork: _fork,
    ast.Atop: _atop,
    ast.Assign: _assign_fn,
}


# ------------------------------------------------------------------ operators
def compile_operator(node):
    if isinstance(node, ast.OpName):
        name, span = node.id, node.span

        def run(env):
            v = env.find(name)
            if v is None:
                raise ValueError_(f"{name} is not defined", span)
            return v

        return run
    if isinstance(node, ast.Dfn):
        return _dfn(node)
    if isinstance(node, ast.Assign):
        return _assign(node)
    if isinstance(node, ast.BoundOp):
        return _bound_op(node)
    if isinstance(node, ast.PrimOp) and node.role in ("M", "D"):  # each←¨, slash←/, swap←⍨
        glyph, span, arity = node.glyph, node.span, 2 if node.role == "D" else 1
        axis = None if node.axis is None else compile_array(node.axis)
        return lambda env: _PrimitiveOperator(glyph, arity, None if axis is None else axis(env), span)
    raise SyntaxError_("expected an operator here", node.span)


class _PrimitiveOperator(Operator):
    """A primitive operator as a value: named (each←¨) or parenthesised ((¨))."""

    def __init__(self, glyph, arity, axis, span):
        self.glyph, self.arity, self.axis, self.span = glyph, arity, axis, span

    def derive(self, left, right=None, axis=None):
        if self.arity == 2 and right is None:
            raise SyntaxError_("this operator needs a right operand", self.span)
        ax = self.axis if axis is None else axis
        return guarded(self.span, lambda: make_derived(self.glyph, left, right, ax))

    def __repr__(self):
        return f"<APL operator {self.glyph}>"


def _bound_op(node):
    """inv←⍣¯1: a dyadic operator curried with its right operand, a monadic operator."""
    op, span = node.op, node.span
    right = _right_operand(op, node.right)
    if isinstance(op, ast.PrimOp):
        glyph = op.glyph
        axis = None if op.axis is None else compile_array(op.axis)

        def run(env):
            r = right(env)
            ax = None if axis is None else axis(env)
            return Curried(lambda lv: guarded(span, lambda: make_derived(glyph, lv, r, ax)))

        return run
    opc = compile_operator(op)

    def run_user(env):
        r = right(env)
        o = opc(env)
        return Curried(lambda lv: o.derive(lv, r))

    return run_user


statements.use_compiler(_compile_statement)
