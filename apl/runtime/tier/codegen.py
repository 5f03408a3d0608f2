"""A dfn's AST → the Python source of one function that runs it (the compiling tier).

The generated function `_self(a, w)` takes compiled values (values.py) and returns one. Its body
is a loop (a tail call of ∇ assigns `a, w` and goes round again: constant stack) holding one
branch per specialisation — the types of ⍺ and ⍵ it was compiled for, e.g. ⍵ a Python int,
where the scalar functions become inline Python — and a general branch for any other values.
Every primitive application is on lines of its own, and `lines` maps each line to the span of the
node it runs and the span of its statement: an exception leaving the function is mapped from its
line to the APL error, with its place and the frame of the dfn (entry.fail).

What the generator does not handle raises Unsupported, and the dfn stays on the closure path:
operators written as dfns, ⍎, error guards, assignments other than `name←`, names whose class
changes, system variables assigned. Anything an expression needs beyond its own code — derived
functions, trains, inner dfns — is built by the closure compiler and called; when those need
the dfn's names, the call keeps an environment (`env`) with them, as the closure path would.
"""
from __future__ import annotations

import numpy as np

from ...errors import APLError, Span
from ...primitives.table import PRIMITIVES
from ...syntax import ast, patterns
from ...syntax.binder import bind
from ..idioms import iota_operand
from . import templates as tp
from .templates import ANY, TB, TF, TI, TO

NOFRAME = "noframe"  # a line whose errors already carry this dfn's frame (or must not)
_SHY = (ast.Assign, ast.StrandAssign, ast.ModifiedAssign, ast.SelectiveAssign, ast.DefaultAlpha)
SCALAR_TYPES = {bool: TB, int: TI, float: TF, type(None): None}


class Unsupported(Exception):
    """The dfn uses what the tier does not compile: it runs on the closure path."""


def bind_body(node, role_of_free) -> list:
    """Each statement bound as the closure path binds it: names assigned by earlier statements
    take the class of their values, other names their class outside. (kind, nodes, span) each."""
    local_roles: dict = {}
    out = []
    for stmt in node.body:
        if any("." in name for name in stmt.names):  # ns.x, ⍵.x: a namespace's member
            raise Unsupported("a dotted name")

        def classify(name, stmt=stmt):
            return local_roles[name] if name in local_roles else role_of_free(name)

        try:
            nodes = [bind(part, classify) for part in stmt.parts]
        except APLError as e:  # the closure path reports it when the statement runs
            raise Unsupported(f"does not bind: {e}") from None
        out.append((stmt.kind, nodes, stmt.span))
        for n in nodes:
            for name, role in _assigned(n):
                local_roles[name] = role
    return out


def _assigned(node):
    """(name, role) of each name← in a bound statement (not inside inner dfns)."""
    if isinstance(node, ast.Dfn) or not isinstance(node, ast.Node):
        return
    if isinstance(node, ast.Assign):
        yield node.name, node.value.role
    for f in type(node).__fields__:
        v = getattr(node, f)
        for x in (v if isinstance(v, tuple) else (v,)):
            if isinstance(x, ast.Node):
                yield from _assigned(x)


class Generator:
    """The source of one dfn's function, for a list of specialisations (combos)."""

    def __init__(self, statements, combos, needs_env=False, name="dfn"):
        self.statements = statements
        self.combos = combos
        self.needs_env = needs_env
        self.wants_env = False  # found while generating: some construct needs the environment
        self.recursive = False  # calls ∇ other than as a tail call
        self.name = name
        self.lines: list = []
        self.where: list = []
        self.consts: dict = {}
        self._const_ids: dict = {}
        self.indent = 0
        self.n = 0

    # -------------------------------------------------------------- output
    def emit(self, text, where=None):
        self.lines.append("    " * self.indent + text)
        self.where.append(where)

    def at(self, node):
        return (node.span, self.stmt_span)

    def tmp(self):
        self.n += 1
        return f"t{self.n}"

    def const(self, value, prefix="K"):
        key = id(value)
        name = self._const_ids.get(key)
        if name is None:
            name = self._const_ids[key] = f"{prefix}{len(self.consts)}"
            self.consts[name] = value
        return name

    def source(self) -> str:
        self.emit("def _make(_dfn, _defenv):")
        self.indent += 1
        self.emit("def _self(a, w):")
        self.indent += 1
        self.emit("try:")
        self.indent += 1
        self.emit("while True:")
        self.indent += 1
        if self.needs_env:
            self.emit("env = _Env(_defenv, dfn=_dfn)")
            self.emit("env.vars['⍵'] = _apl(w)")
            self.emit("if a is not None: env.vars['⍺'] = _apl(a)")
        for i, (ta, tw) in enumerate(self.combos):
            test = " and ".join([_type_test("a", ta), _type_test("w", tw)])
            self.emit(("if " if i == 0 else "elif ") + test + ":")
            self._branch(ta, tw)
        if self.combos:
            self.emit("else:")
            self._branch(ANY | {"n"}, ANY)
        else:
            self.emit("if True:")
            self._branch(ANY | {"n"}, ANY)
        self.indent -= 2
        self.emit("except Exception as _e:")
        self.emit("    raise _fail(_e, _LINES, _dfn, _defenv) from None")
        self.indent -= 1
        self.emit("return _self")
        return "\n".join(self.lines) + "\n"

    def _branch(self, ta, tw):
        self.n = 0  # each branch uses the same temporaries: a smaller frame for every call
        self.indent += 1
        body = _Body(self, ta, tw)
        body.statements(self.statements)
        self.indent -= 1


def _type_test(var, t):
    if t is None:
        return f"{var} is None"
    (k,) = t
    return f"type({var}) is {dict(b='bool', i='int', f='float')[k]}"


class _Body:
    """One branch: the statements compiled for ⍺ and ⍵ of known types ('n' in ⍺'s type: it may
    be absent)."""

    def __init__(self, gen: Generator, ta, tw):
        self.g = gen
        self.alpha = ta  # None: no left argument in this branch
        self.locals: dict = {"⍵": ("w", tw)}
        self.maybe_no_alpha = ta is not None and "n" in ta
        if ta is not None and not self.maybe_no_alpha:
            self.locals["⍺"] = ("a", ta)
        self.names = 0
        self.new_statement(())

    # -------------------------------------------------------------- statements
    def statements(self, stmts):
        g = self.g
        last = None
        for kind, nodes, span in stmts:
            g.stmt_span = span
            if kind not in ("expr", "guard"):
                raise Unsupported(f"{kind} statements")
            self.new_statement(nodes)
            if kind == "guard":
                cond, expr = nodes
                if cond.role != "A" or expr.role != "A":
                    raise Unsupported("a guard of functions")
                c, t = self.array(cond)
                if t <= TB:
                    g.emit(f"if {c}:", (span, span))
                else:
                    g.emit(f"if _cond({c}, _check):", (span, span))
                g.indent += 1
                self.new_statement(nodes)
                saved = dict(self.locals), self.alpha, self.maybe_no_alpha
                self.tail(expr)
                self.locals, self.alpha, self.maybe_no_alpha = saved
                g.indent -= 1
                continue
            node = nodes[0]
            if isinstance(node, (ast.Monadic, ast.Dyadic)) and isinstance(node.fn, ast.PrimFn) \
                    and node.fn.glyph == "⍎":
                raise Unsupported("⍎")
            if isinstance(node, _SHY):
                last = self.assignment(node)
                continue
            if node.role != "A":
                raise Unsupported("a statement of a function")
            self.tail(node)
            return
        if last is None:
            g.emit("_no_result()", NOFRAME)
        elif last[1] == "F":
            g.emit(f"return _dfn_result({last[0]})", NOFRAME)
        else:
            g.emit(f"return {last[0]}")

    def new_statement(self, nodes):
        """A statement begins (or a guard's expression, one level in): partitions (see
        partitioned) are shared within it only, and only of names it does not assign."""
        self.partitions: dict = {}
        self.partition_at = (len(self.g.lines), self.g.indent)
        self.assigned = {name for n in nodes for name, _ in _assigned(n)}

    def partitioned(self, node, cmp, x, y, z):
        """For (⍵<p)/⍵, (⍵=p)/⍵ and (⍵>p)/⍵ of one statement (the vector a name, compared
        with a name): the sieve taken from one partition of the vector (`_f_partition`, made
        where the first of them is computed, each of the others then reuses it); None where
        the sieve does not have that form."""
        if cmp not in "<=>":
            return None
        left, right = node.alpha.alpha, node.alpha.omega
        if not (isinstance(left, ast.Name) and isinstance(right, ast.Name) and isinstance(node.omega, ast.Name)):
            return None
        if z == x:
            vec, scalar, op = x, y, cmp
        elif z == y:
            vec, scalar, op = y, x, {"<": ">", "=": "=", ">": "<"}[cmp]
        else:
            return None
        if {left.id, right.id} & self.assigned or not (vec.isidentifier() and scalar.isidentifier()):
            return None
        g = self.g
        slot = self.partitions.get((vec, scalar))
        if slot is None:
            slot = self.partitions[(vec, scalar)] = f"P{len(self.partitions) + 1}_{self.partition_at[0]}"
            at, indent = self.partition_at
            g.lines.insert(at, "    " * indent + f"{slot} = None")
            g.where.insert(at, None)
            self.partition_at = (at + 1, indent)
        g.emit(f"if {slot} is None:", g.at(node))
        g.emit(f"    {slot} = _f_partition({vec}, {scalar})", g.at(node))
        r = g.tmp()
        g.emit(f"{r} = {slot}[{'<=>'.index(op)}] if {slot} else None", g.at(node))
        return r

    def tail(self, node):
        """The dfn's result: a call of ∇ loops (a tail call), anything else returns."""
        g = self.g
        if isinstance(node, (ast.Monadic, ast.Dyadic)) and isinstance(node.fn, ast.SelfRef):
            w, _ = self.array(node.omega)
            if isinstance(node, ast.Dyadic):
                a, _ = self.array(node.alpha)
                g.emit(f"a, w = {a}, {w}")
            else:
                g.emit(f"a, w = None, {w}")
            g.emit("continue")
            return
        r, _ = self.array(node)
        g.emit(f"return {r}")

    def assignment(self, node):
        if isinstance(node, ast.Assign):
            if node.value.role == "A":
                return self.array(node)
            if node.value.role == "F" and not node.name.startswith(("⎕", "⍞")):
                f = self.function_value(node.value)
                return self.bind_local(node.name, f, "F")
            raise Unsupported("assigning an operator")
        if isinstance(node, ast.DefaultAlpha):
            return self.array(node)
        raise Unsupported(type(node).__name__)

    def bind_local(self, name, expr, t):
        g = self.g
        self.names += 1
        py = f"L{self.names}"
        g.emit(f"{py} = {expr}")
        self.locals[name] = (py, t)
        if g.needs_env:
            g.emit(f"env.vars[{name!r}] = {py if t == 'F' else f'_apl({py})'}")
        return py, t

    # -------------------------------------------------------------- arrays
    def array(self, node):
        """(Python expression, type) of an array node, emitting the lines it needs."""
        method = getattr(self, "a_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(type(node).__name__)
        return method(node)

    def a_Literal(self, node):
        v = node.value
        if isinstance(v, np.ndarray) and v.ndim == 0:
            if v.dtype == np.int64:
                return repr(int(v)), TI
            if v.dtype == np.float64:
                return repr(float(v)), TF
            if v.dtype == np.bool_:
                return repr(bool(v)), TB
        return self.g.const(v), TO

    def a_Name(self, node):
        name = node.id
        if name in self.locals:
            py, t = self.locals[name]
            if t == "F":
                raise Unsupported("a function name used as an array")
            return py, t
        if name in ("⍺⍺", "⍵⍵"):
            raise Unsupported("operands")
        r = self.g.tmp()
        if name == "⍺" and self.maybe_no_alpha:  # no left argument: ⍺ is looked up outside
            self.g.emit(f"{r} = a if a is not None else _free_array(_defenv, '⍺')", self.g.at(node))
            return r, ANY
        self.g.emit(f"{r} = _free_array(_defenv, {name!r})", self.g.at(node))
        return r, ANY

    def a_SysName(self, node):
        r = self.g.tmp()
        self.g.emit(f"{r} = _sysread(_defenv, {node.id!r})", self.g.at(node))
        return r, ANY

    def a_Index(self, node):
        idx = [None if i is None else self.array(i)[0] for i in reversed(node.indices)]
        idx.reverse()
        a, _ = self.array(node.array)
        r = self.g.tmp()
        ix = ", ".join("None" if i is None else i for i in idx)
        self.g.emit(f"{r} = _index({a}, [{ix}])", self.g.at(node))
        return r, ANY

    def a_Strand(self, node):
        vals = [self.array(x)[0] for x in reversed(node.items)]
        vals.reverse()
        r = self.g.tmp()
        self.g.emit(f"{r} = _strand([{', '.join(vals)}])", self.g.at(node))
        return r, TO

    def a_Assign(self, node):
        name = node.name
        if node.value.role != "A":
            raise Unsupported("an assignment of a function inside an expression")
        v, t = self.array(node.value)
        if name == "⎕":
            self.g.emit(f"_output(_defenv, {v})", self.g.at(node))
            return v, t
        if name.startswith(("⎕", "⍞")):
            raise Unsupported("assigning a system variable")
        if name in ("⍺", "⍵"):
            raise Unsupported("assigning ⍺ or ⍵")
        return self.bind_local(name, v, t)

    def a_DefaultAlpha(self, node):
        if node.value.role != "A":
            raise Unsupported("⍺← a function or operator")
        g = self.g
        if self.alpha is not None and not self.maybe_no_alpha:
            return self.locals["⍺"]
        if self.maybe_no_alpha:  # the general branch: ⍺ may be there or not
            g.emit("if a is None:")
            g.indent += 1
        v, t = self.array(node.value)
        g.emit(f"a = {v}")
        if g.needs_env:
            g.emit("env.vars['⍺'] = _apl(a)")
        if self.maybe_no_alpha:
            g.indent -= 1
            t = ANY
            self.maybe_no_alpha = False
        self.alpha = t
        self.locals["⍺"] = ("a", t)
        return "a", t

    def a_Monadic(self, node):
        if patterns.sum_of_squares(node) is not None or iota_operand(node) is not None \
                or patterns.rotation_sum(node) is not None:
            return self.delegate_array(node)  # an idiom of the closure compiler's (runtime/idioms.py)
        w, tw = self.array(node.omega)
        f = self.function(node.fn)
        return self.apply(node, f, None, None, w, tw)

    def a_Dyadic(self, node):
        fused = self.fused(node)
        if fused is not None:
            return fused
        w, tw = self.array(node.omega)
        f = self.function(node.fn)
        a, ta = self.array(node.alpha)
        return self.apply(node, f, a, ta, w, tw)

    def fused(self, node):
        """(X cmp Y)/Z, and X,Y,Z, as one helper call where its fast case holds
        (a recursive dfn's inner steps: quicksort's); else the steps one by one, each at its own
        place (an error points where it would). The operands are computed in APL's order."""
        if not isinstance(node.fn, ast.PrimFn):
            return None
        g, glyph = self.g, node.fn.glyph
        inner = node.alpha
        if glyph == "/" and isinstance(inner, ast.Dyadic) and isinstance(inner.fn, ast.PrimFn) \
                and inner.fn.glyph in "=≠<≤>≥":
            z, tz = self.array(node.omega)
            y, ty = self.array(inner.omega)
            x, tx = self.array(inner.alpha)
            r = self.partitioned(node, inner.fn.glyph, x, y, z)
            if r is None:
                r = g.tmp()
                g.emit(f"{r} = _f_sieve{tp.glyph_key(inner.fn.glyph)}({x}, {y}, {z})", g.at(node))
            g.emit(f"if {r} is None:", g.at(node))
            g.indent += 1
            mask, tm = self.apply(inner, ("prim", inner.fn.glyph), x, tx, y, ty)
            picked, _ = self.apply(node, ("prim", "/"), mask, tm, z, tz)
            g.emit(f"{r} = {picked}", g.at(node))
            g.indent -= 1
            return r, ANY
        inner = node.omega
        if glyph != "," or not (isinstance(inner, ast.Dyadic) and isinstance(inner.fn, ast.PrimFn)
                                and inner.fn.glyph == ","):
            return None
        # A,B,C: C and B first; their catenation, which cannot fail when both are simple vectors
        # of one type (_f_vectors), waits for A, so that all three are joined at once; else it
        # runs before A is computed, as APL's order has it
        c, tc = self.array(inner.omega)
        b, tb = self.array(inner.alpha)
        ok, joined = g.tmp(), g.tmp()
        g.emit(f"{ok} = _f_vectors({b}, {c})", g.at(inner))
        g.emit(f"if not {ok}:", g.at(inner))
        g.indent += 1
        bc, tbc = self.apply(inner, ("prim", ","), b, tb, c, tc)
        g.emit(f"{joined} = {bc}", g.at(inner))
        g.indent -= 1
        a, ta = self.array(node.alpha)
        r = g.tmp()
        g.emit(f"{r} = _f_join({a}, {b}, {c}) if {ok} else None", g.at(node))
        g.emit(f"if {r} is None:", g.at(node))
        g.indent += 1
        g.emit(f"if {ok}:", g.at(inner))
        g.indent += 1
        bc, _ = self.apply(inner, ("prim", ","), b, tb, c, tc)
        g.emit(f"{joined} = {bc}", g.at(inner))
        g.indent -= 1
        abc, _ = self.apply(node, ("prim", ","), a, ta, joined, ANY)
        g.emit(f"{r} = {abc}", g.at(node))
        g.indent -= 1
        return r, ANY

    def delegate_array(self, node):
        from ..compiler import compile_array

        k = self.g.const(compile_array(node), "C")
        self.g.wants_env = True
        r = self.g.tmp()
        self.g.emit(f"{r} = _tier({k}(env))", self.g.at(node))
        return r, ANY

    # -------------------------------------------------------------- functions
    def function(self, node):
        """('prim', glyph) | ('self', None) | ('value', expression of a Function)."""
        if isinstance(node, ast.PrimFn):
            if node.glyph == "⍎" or node.glyph not in PRIMITIVES:
                raise Unsupported(node.glyph)
            return "prim", node.glyph
        if isinstance(node, ast.SelfRef):
            return "self", None
        if isinstance(node, ast.Derived) and isinstance(node.op, ast.PrimOp) and node.op.glyph == "⍨" \
                and node.op.axis is None and isinstance(node.left, ast.PrimFn) and node.left.glyph in tp.HELPER_RESULT:
            return "swap", node.left.glyph  # f⍨ of a scalar primitive: its arguments swapped
        return "value", self.function_value(node)

    def function_value(self, node):
        g = self.g
        if isinstance(node, ast.PrimFn):
            if node.glyph == "⍎" or node.glyph not in PRIMITIVES:
                raise Unsupported(node.glyph)
            return g.const(PRIMITIVES[node.glyph], "P")
        if isinstance(node, ast.FnName):
            if node.id in self.locals:
                py, t = self.locals[node.id]
                if t != "F":
                    raise Unsupported("an array name used as a function")
                return py
            if node.id in ("⍺⍺", "⍵⍵", "∇∇"):
                raise Unsupported("operands")
            r = g.tmp()
            g.emit(f"{r} = _free_value(_defenv, {node.id!r})", g.at(node))
            return r
        if isinstance(node, ast.SelfRef):
            return "_dfn"
        if isinstance(node, ast.Dfn):
            if node.kind != "F":
                raise Unsupported("an operator written as a dfn")
            g.wants_env = True
            r = g.tmp()
            g.emit(f"{r} = _DfnFunction({g.const(node, 'D')}, env)", g.at(node))
            return r
        if isinstance(node, (ast.Derived, ast.Fork, ast.Atop, ast.WithAxis, ast.SysFn)):
            return self.delegate_function(node)
        raise Unsupported(type(node).__name__)

    def delegate_function(self, node):
        from ..compiler import compile_function

        if _mentions(node, ("⎕EX", "⍎", "⎕SIGNAL", "⎕NC")) or _assigns(node):
            raise Unsupported("a function that reads or changes the names")
        g = self.g
        clos = g.const(compile_function(node), "C")
        r = g.tmp()
        if _closed(node):
            g.emit(f"{r} = {clos}(None)", g.at(node))
        else:
            g.wants_env = True
            g.emit(f"{r} = {clos}(env)", g.at(node))
        return r

    # -------------------------------------------------------------- application
    def apply(self, node, f, a, ta, w, tw):
        g = self.g
        kind, what = f
        r = g.tmp()
        where = g.at(node)
        if kind == "self":
            g.recursive = True
            g.emit(f"{r} = _self({'None' if a is None else a}, {w})", where)
            return r, ANY
        if kind == "value":
            if a is None:
                g.emit(f"{r} = _monadic({what}, {w})", where)
            else:
                g.emit(f"{r} = _dyadic({what}, {a}, {w})", where)
            return r, ANY
        glyph = what
        if kind == "swap":  # a f⍨ w is w f a, f⍨ w is w f w
            kind, a, ta, w, tw = "prim", w, tw, (w if a is None else a), (tw if a is None else ta)
        if a is None:
            inline = tp.monadic(glyph, r, w, tw)
            if inline is not None:
                lines, t = inline
                if lines is None:
                    return t
                for line in lines:
                    g.emit(line, where)
                return r, t
            key = "m" + glyph
            if key in tp.HELPER_RESULT:
                g.emit(f"{r} = _s{tp.monad_key(glyph)}({w})", where)
                return r, tp.helper_type(key, tw)
            g.emit(f"{r} = _monadic({g.const(PRIMITIVES[glyph], 'P')}, {w})", where)
            return r, ANY
        inline = tp.dyadic(glyph, r, a, ta, w, tw)
        if inline is not None:
            lines, t = inline
            for line in lines:
                g.emit(line, where)
            return r, t
        if glyph in tp.HELPER_RESULT:
            helper = f"_s{tp.glyph_key(glyph)}({a}, {w})"
            t = tp.helper_type(glyph, ta, tw)
            maybe_int = ("i" in ta or "o" in ta) and ("i" in tw or "o" in tw)
            test = " and ".join(f"type({x}) is int" for x in (a, w) if not tp.is_const(x))
            fast = tp.dyadic(glyph, r, a, TI, w, TI) if maybe_int and test and not (ta <= TI and tw <= TI) else None
            if fast is not None:
                g.emit(f"if {test}:", where)
                g.indent += 1
                for line in fast[0]:
                    g.emit(line, where)
                g.indent -= 1
                g.emit("else:", where)
                g.emit(f"    {r} = {helper}", where)
                return r, t | fast[1]
            g.emit(f"{r} = {helper}", where)
            return r, t
        g.emit(f"{r} = _dyadic({g.const(PRIMITIVES[glyph], 'P')}, {a}, {w})", where)
        return r, ANY


def _children(node):
    for f in type(node).__fields__:
        v = getattr(node, f)
        for x in (v if isinstance(v, tuple) else (v,)):
            if isinstance(x, ast.Node):
                yield x


def _closed(node) -> bool:
    """Whether a function node's value needs nothing of the dfn's names (so no environment)."""
    if isinstance(node, (ast.Name, ast.FnName, ast.OpName, ast.SelfRef, ast.Dfn, ast.SysName)):
        return False
    if isinstance(node, ast.SysFn):
        from ..system_functions import system_function

        return not isinstance(system_function(node.id, node.span), type)
    return all(_closed(c) for c in _children(node))


def _assigns(node) -> bool:
    """Whether a node assigns a name in any way (not inside inner dfns)."""
    if isinstance(node, _SHY):
        return True
    if isinstance(node, ast.Dfn):
        return False
    return any(_assigns(c) for c in _children(node))


def _mentions(node, ids) -> bool:
    if isinstance(node, (ast.SysFn, ast.SysName)) and node.id in ids:
        return True
    if isinstance(node, ast.PrimFn) and node.glyph in ids:
        return True
    if isinstance(node, ast.Dfn):
        return False
    return any(_mentions(c, ids) for c in _children(node))


def describe(node) -> str:
    span: Span = node.span
    return span.text[span.start:span.end]
