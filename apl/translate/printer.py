"""The PyTorch printer: one method per AST node kind, in the manner of SymPy's code printers.

`TorchPrinter` turns bound AST nodes into `Code` (Python expressions) and statements. Array
expressions become tensor expressions; dfns become `def`s; operators become the tensor idiom
that computes them (`+.×` → `@`, `∘.f` → broadcasting, `+/` → `.sum(dim=-1)`). Anything the
printer cannot translate exactly raises a NONCE ERROR naming the construct and its place.

The modules the printer calls (primitives, operators, dfn, idioms) receive it as `p` and call
back through it; they import only what sits below it (code, names, block, fn), never it.
"""
from __future__ import annotations

import numpy as np

from . import code as C
from .block import Block, cells_of, defer, deferred_var, is_native, known, quiet, remember, settle
from .code import Code, call, method, python_number
from .dfn import print_dfn
from .fn import Fn, nonce, spanned
from .idioms import expression_idiom, fork_idiom
from .operators import derived
from .primitives import primitive
from .primitives.structural import with_axis

# what a construct the printer has no method for is called in its NONCE ERROR
_UNTRANSLATED = {"InNamespace": "namespaces (ns.(…), (refs).name)"}


class TorchPrinter:
    """Prints APL AST nodes as PyTorch code."""

    def __init__(self, helpers: set, functions: dict):
        self.helpers = helpers  # names of helper functions the module must define
        self.fast = False  # writing for float tensors of known ranks: torch's float arithmetic
        self.trusted = False  # ... for a caller that has checked the arguments (compiled path)
        self.check = True  # ... checking that its values are finite (apl.compile(check=False) not)
        self.dtype = None  # ... of this float dtype ("float32"): Code.native, see native.py
        self.inplace = False  # ... reusing temporaries' memory (arguments that need no gradient: native.py)
        self.functions = functions  # APL function name → Python def name (or an Fn)
        self.pending: dict = {}  # script names bound to functions, while binding a script
        self.dops: dict = {}  # script names bound to dops: APL name → Dfn node
        self.operator_defs: dict = {}  # script dops written as functions: APL name → (def name, roles)
        self.params = None  # free names → (first position, Python name) while printing an expression
        self.param_scope = None

    # ------------------------------------------------------------------ arrays
    def array(self, node, b: Block) -> Code:
        method_ = getattr(self, "_array_" + type(node).__name__, None)
        if method_ is None:
            raise nonce(_UNTRANSLATED.get(type(node).__name__, type(node).__name__), node)
        return method_(node, b)

    def _array_Literal(self, node, b):
        v = node.value
        if not isinstance(v, np.ndarray) or v.dtype.kind not in "biufc":
            raise nonce("characters (torch has no character tensors)", node)
        bound = float(np.abs(v).max()) if v.size else 0.0
        if v.ndim == 0:
            x = v[()]
            kind = C.PYCOMPLEX if v.dtype.kind == "c" else C.PYFLOAT if v.dtype.kind == "f" else C.PYINT
            text = python_number(complex(x) if v.dtype.kind == "c" else float(x) if v.dtype.kind == "f" else int(x))
            return Code(text, kind, C.ATOM if not text.startswith("-") else C.UNARY, 0, (), bound)
        as_python = float if v.dtype.kind == "f" else complex if v.dtype.kind == "c" else int
        items = ", ".join(python_number(as_python(x)) for x in v.ravel())
        kind = C.FLOAT if v.dtype.kind == "f" else C.NUM if v.dtype.kind == "c" else C.INT
        if v.size == 0:
            return Code("torch.zeros(0, dtype=torch.int64)", C.INT, C.ATOM, 1, (0,), 0.0)
        dtype = {C.FLOAT: ", dtype=torch.float64", C.NUM: ", dtype=torch.complex128"}.get(kind, "")
        return Code(f"torch.tensor([{items}]{dtype})", kind, C.ATOM, v.ndim, v.shape, bound)

    def _array_Name(self, node, b):
        if node.id in ("⍵", "⍺"):
            py = b.scope.lookup(node.id)
            if py is None:
                raise nonce(f"{node.id} outside a dfn", node)
            kind, rank, shape, bound = known(b.scope, py)
            cells = cells_of(b.scope, py)
            return Code(py, kind, C.ATOM, rank, shape, bound, aligned=cells is not None, cells=cells,
                        native=is_native(b.scope, py))
        py = b.scope.lookup(node.id)
        if py is None or (self.params and node.id in self.params):
            py = self.free_name(node, b)
        kind, rank, shape, bound = known(b.scope, py)
        cells = cells_of(b.scope, py)
        d = deferred_var(b.scope, py)
        native = is_native(b.scope, py)
        if d is not None:  # (a raw value not yet checked: block.defer)
            return Code(py, kind, C.ATOM, rank, shape, bound, aligned=cells is not None, cells=cells, raw=True,
                        holds=frozenset((d,)) | d.holds, pure=True, native=native)
        return Code(py, kind, C.ATOM, rank, shape, bound, aligned=cells is not None, cells=cells, native=native)

    def _array_Strand(self, node, b):
        parts = [self.array(x, b) for x in reversed(node.items)]
        parts.reverse()
        if any(p.cells is not None for p in parts):
            raise nonce("a strand of cells, under ranks=", node)
        if any(p.rank != 0 for p in parts):
            raise nonce("a strand of arrays (a nested array)", node)
        kind = C.result_kind(*parts)
        if all(p.is_python for p in parts):
            dtype = ", dtype=torch.float64" if kind == C.PYFLOAT else ""
            return Code(f"torch.tensor([{', '.join(p.text for p in parts)}]{dtype})",
                        C.FLOAT if kind == C.PYFLOAT else C.INT, C.ATOM, 1, (len(parts),))
        items = ", ".join(self.tensor(p).text for p in parts)
        raw = any(p.raw for p in parts)  # (an infinity or a NaN among them is kept)
        holds = frozenset().union(*(p.holds for p in parts if p.raw))
        pure = raw and all(p.pure for p in parts if p.raw)
        return Code(f"torch.stack([{items}])", kind, C.ATOM, 1, (len(parts),), raw=raw, holds=holds, pure=pure)

    def _array_Monadic(self, node, b):
        w = self.array(node.omega, b)
        fn = self.function(node.fn, b)
        return fn.monad(b, w)

    def _array_Dyadic(self, node, b):
        special = expression_idiom(self, node, b)
        if special is not None:
            return special
        w = self.array(node.omega, b)
        at = len(b.lines)
        fn = self.function(node.fn, b)
        a = self.array(node.alpha, b)
        return self.apply(fn, b, a, w, at)

    def apply(self, fn, b, a, w, at):
        """fn between a and w, the right argument computed first as in APL (bound to a name
        at line `at` when both could raise an error); ⊣ and ⊢ still compute (for its errors)
        the argument they drop."""
        dropped = {"⊣": w, "⊢": a}.get(fn.name)
        if dropped is not None and not quiet(dropped) and dropped.text.endswith(")"):
            if fn.name == "⊣":
                b.insert(at, w.text)  # computed before the left argument, and dropped
                return a
            if not quiet(w):
                w = b.hoist(w, at)
            b.emit(a.text)
            return w
        if (not quiet(a) or len(b.lines) > at) and not quiet(w):  # APL computes the right argument first
            w = b.hoist(w, at)
        if not quiet(a) and not getattr(fn, "primitive", False):
            a = b.temp(a)  # and both before a derived function works on them
        return fn.dyad(b, a, w)

    def _array_Assign(self, node, b):
        if node.value.role != "A":
            raise nonce("assigning a function inside an expression", node)
        if node.name.startswith("⎕"):
            raise nonce(f"assigning {node.name}", node)
        v = self.array(node.value, b)
        py = b.scope.bind(node.name)
        d = defer(b, py, v)  # (left unchecked where the block defers: block.defer)
        if d is None:
            v = settle(v)
            b.emit(f"{py} = {v.text}")
        remember(b.scope, py, v)
        return Code(py, v.kind, C.ATOM, v.rank, v.shape, v.bound, aligned=v.cells is not None, cells=v.cells,
                    raw=d is not None, holds=frozenset((d,)) | d.holds if d else frozenset(), pure=d is not None,
                    native=v.native)

    def _array_DefaultAlpha(self, node, b):
        v = settle(self.array(node.value, b))
        py = b.scope.lookup("⍺") or "alpha"
        b.emit(f"if {py} is None:")
        b.emit(f"    {py} = {self.tensor(v).text}")
        return Code(py, C.NUM)

    def _array_Index(self, node, b):
        idx = [None if ix is None else settle(self.array(ix, b)) for ix in reversed(node.indices)][::-1]
        at = len(b.lines)
        arr = self.tensor(settle(self.array(node.array, b)))
        if arr.cells is not None or any(c is not None and c.cells is not None for c in idx):
            raise nonce("indexing the cells of ⍤, lifted to the whole array", node)
        if not quiet(arr) or len(b.lines) > at:  # APL computes the indices first
            idx = [c if c is None or quiet(c) else b.hoist(c, at, "i") for c in idx]
        ints = [() if c is None else C.literal_ints(c) if c.kind == C.PYINT else None for c in idx]
        if arr.shape is not None and len(arr.shape) == len(idx) \
                and all(n == () or (n and 1 <= n[0] <= s) for n, s in zip(ints, arr.shape)):
            parts = [":" if n == () else str(n[0] - 1) for n in ints]
            shape = tuple(s for n, s in zip(ints, arr.shape) if n == ())
            return Code(f"{arr.atom()}[{', '.join(parts)}]", arr.kind, C.ATOM, len(shape), shape, arr.bound)
        args = ["None" if c is None else c.text for c in idx]
        rank = None
        if all(c is None or c.rank is not None for c in idx) and arr.rank is not None:
            rank = sum(1 if c is None else c.rank for c in idx)
        return call(self.use("index"), arr.text, *args, kind=arr.kind, rank=rank, bound=arr.bound)

    def _array_SysName(self, node, b):
        if node.id == "⎕IO":
            return Code("1", C.PYINT, C.ATOM, 0, ())
        raise nonce(node.id, node)

    def free_name(self, node, b) -> str:
        """A name the source never assigns: a parameter of the expression's function."""
        if self.params is None:
            raise nonce(f"the name {node.id}, which is not defined", node)
        if node.id not in self.params:
            self.params[node.id] = (node.span.start, self.param_scope.bind(node.id))
        start, py = self.params[node.id]
        self.params[node.id] = (min(start, node.span.start), py)
        return py

    # ------------------------------------------------------------------ helpers
    def use(self, helper: str) -> str:
        self.helpers.add(helper)
        return helper

    def raw(self, c: Code) -> Code:
        """A result of torch's float arithmetic (ranks=): it may hold an infinity or a NaN,
        APL's DOMAIN ERROR, until it is checked (block.settle)."""
        if not (self.fast and self.check):
            return c
        self.use("checked")
        return c.but(raw=True)

    def tensor(self, c: Code) -> Code:
        """A Python number as a tensor (float64 for floats); tensors as they are."""
        if not c.is_python:
            return c
        dtype = {C.PYFLOAT: ", dtype=torch.float64", C.PYCOMPLEX: ", dtype=torch.complex128"}.get(c.kind, "")
        kind = {C.PYFLOAT: C.FLOAT, C.PYCOMPLEX: C.NUM}.get(c.kind, C.INT)
        if c.kind == C.BOOL:
            kind = C.BOOL
        return Code(f"torch.tensor({c.text}{dtype})", kind, C.ATOM, 0, (), c.bound)

    def floated(self, c: Code) -> Code:
        """An operand of a division or power that must be double precision."""
        if c.is_float:
            return c
        if c.is_python:
            return Code(python_number(float(c.text)) if _is_number(c.text) else f"float({c.text})",
                        C.PYFLOAT, C.ATOM, 0, ())
        return method(c, "double", kind=C.FLOAT, rank=c.rank, shape=c.shape)

    # ------------------------------------------------------------------ functions
    def function(self, node, b: Block) -> Fn:
        method_ = getattr(self, "_fn_" + type(node).__name__, None)
        if method_ is None:
            raise nonce(type(node).__name__, node)
        return method_(node, b)

    def _fn_PrimFn(self, node, b):
        fn = primitive(self, node.glyph)
        if fn is None:
            raise nonce(f"the primitive {node.glyph}", node)
        return spanned(fn, node)

    def _fn_FnName(self, node, b):
        s = b.scope
        while s is not None:
            if node.id in getattr(s, "fns", {}):
                v = s.fns[node.id]
                return v if isinstance(v, Fn) else self.user_function(v, node.id)
            s = s.parent
        v = self.functions.get(node.id)
        if v is None:
            raise nonce(f"the function {node.id}", node)
        return v if isinstance(v, Fn) else self.user_function(v, node.id)

    def user_function(self, py: str, label: str) -> Fn:
        def monad(b, w):
            return call(py, self.tensor(w).text)

        def dyad(b, a, w):
            return call(py, self.tensor(w).text, self.tensor(a).text)

        fn = Fn(monad, dyad, label)
        fn.py_name = py
        return fn

    def find_dop(self, apl_name: str, scope):
        """The Dfn node of a dop defined in an enclosing dfn or in the script, or None."""
        s = scope
        while s is not None:
            if apl_name in getattr(s, "dops", {}):
                return s.dops[apl_name]
            s = s.parent
        return self.dops.get(apl_name)

    def _fn_SelfRef(self, node, b):
        py = getattr(b, "self_name", None)
        if py is None:
            raise nonce("∇ outside a dfn", node)
        return self.user_function(py, "∇")

    def _fn_Dfn(self, node, b):
        if node.kind != "F":
            raise nonce("an operator defined inline", node)
        name = b.scope.fresh("dfn")
        self.define_dfn(name, node, b)
        return self.user_function(name, "dfn")

    def define_dfn(self, name: str, node, outer: Block, docstring: str | None = None, operands=None):
        """Emit `def name(omega, alpha=None):` for a dfn, nested in the block `outer`."""
        lines = print_dfn(self, name, node, outer.scope, docstring, operands)
        outer.lines.append("")  # ruff format sets nested defs apart with blank lines
        outer.lines.extend("    " * outer.indent + ln if ln else "" for ln in lines)
        outer.lines.append("")

    def _fn_Derived(self, node, b):
        return derived(self, node, b)

    def _fn_WithAxis(self, node, b):
        return with_axis(self, node, b)

    def _fn_Fork(self, node, b):
        f = None if node.left.role == "A" else self.function(node.left, b)
        g = self.function(node.middle, b)
        h = self.function(node.right, b)
        left_array = self.array(node.left, b) if f is None else None

        def monad(blk, w):
            w = blk.temp(w)
            r = h.monad(blk, w)
            at = len(blk.lines)
            left = left_array if f is None else f.monad(blk, w)
            return self.apply(g, blk, left, r, at)

        def dyad(blk, a, w):
            w, a = blk.temp(w), blk.temp(a)
            r = h.dyad(blk, a, w)
            at = len(blk.lines)
            left = left_array if f is None else f.dyad(blk, a, w)
            return self.apply(g, blk, left, r, at)

        generic = Fn(monad, dyad, "fork")
        return fork_idiom(self, node, generic) or generic

    def _fn_Atop(self, node, b):
        f = self.function(node.left, b)
        g = self.function(node.right, b)
        return Fn(lambda blk, w: f.monad(blk, g.monad(blk, w)),
                  lambda blk, a, w: f.monad(blk, g.dyad(blk, a, w)), "atop")


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False

