"""Batched rank: f⍤k applied to all the cells of an array in one evaluation over the whole frame.

A value here is either framed — an array whose leading `fr` axes are the frame, one cell per
position — or plain (a literal, a name from outside, a count such as ≢⍵, the same for every
cell). f's body is evaluated once on the framed argument, the way torch.vmap lifts a function:
a scalar function applies to whole arrays (a plain operand or a scalar cell extended along the
cell's axes), a reduction or scan along a cell axis runs along that axis of the whole array,
≢ ⍴ are the cell's, and so on for what `_monadic`/`_dyadic` know. Anything else — a guard that
depends on the cell, a function it does not know, a shape where APL's unit extension or an error
would apply, an integer result turned float or a real one complex (in one part only, maybe) —
stops the lifting (Unliftable), and Rank goes cell by cell as before, so values, errors and
prototypes stay the closure path's. The first cell is also run the usual way and must equal the
lifted one, the first time a function meets arguments of a class (lift_keys.py). One
difference remains, in the last place: the vectorised kernels of exp, log, power and the like
(NumPy's SIMD loops, torch's) round an item by where it falls in the array, so `*` of a whole
frame and `*` of one cell may differ there, as `*X` and `*¨X` may. On torch the same
primitives run on whole tensors, so autograd flows through.

Rank calls `lift_monad`/`lift_dyad` (registered with primitives.cellwise.use_lifter).
"""
from __future__ import annotations

import weakref
from contextlib import contextmanager

import numpy as np

from ..arrays import OBJ
from ..backends import backend_of, coerce, device_of, kind, size
from ..errors import APLError
from ..primitives import cellwise
from ..primitives.base import Function, Primitive
from ..primitives.cells import norm_axis
from ..primitives.chunks import CHUNK
from ..primitives.composition import Atop, Commute, Compose, Fork
from ..primitives.reduce_scan import Reduce, Scan
from ..primitives.reduction import reduce as reduce_
from ..primitives.reduction import scan
from ..primitives.table import PRIMITIVES
from ..settings import current
from ..syntax import ast
from . import lift_keys
from .dfn import DfnFunction


class Unliftable(Exception):
    """This function, on these values, is not evaluated over the whole frame."""


class Framed:
    """An array holding one cell per position of the frame (its leading `fr` axes)."""

    __slots__ = ("a", "fr")

    def __init__(self, a, fr):
        self.a, self.fr = a, fr

    @property
    def cell(self):
        return tuple(self.a.shape[self.fr:])


_SCALAR_KINDS = "biuf"
# Integer arguments and a float result: an overflow (+ - × * ∧ !), maybe in one cell only — unless
# the function gives floats for any integers.
_FLOAT_ANYWAY_MONADIC = frozenset("÷*⍟○")
_FLOAT_ANYWAY_DYADIC = frozenset("÷⍟○")


def _widened(glyph, r, args, anyway) -> bool:
    """Whether r, of f on integer args, turned float where it need not have in every cell."""
    return kind(r) == "f" and glyph not in anyway and all(kind(x) in "biu" for x in args)


def _scalar(f) -> bool:
    return isinstance(f, Primitive) and f.kernel is not None and f.pervasive


# ------------------------------------------------------------------ entry points (from Rank)
_STATE = {"enabled": True}


@contextmanager
def switched(on: bool):
    """Batched rank on or off (the tests compare the two)."""
    before = _STATE["enabled"]
    _STATE["enabled"] = on
    try:
        yield
    finally:
        _STATE["enabled"] = before


def lift_monad(f, w, r):
    """f⍤r on every cell of w at once, or None (cell by cell)."""
    fr = w.ndim - r
    if not _STATE["enabled"] or fr <= 0 or not size(w) or kind(w) not in _SCALAR_KINDS or not _liftable(f):
        return None
    try:
        v = apply1(f, Framed(w, fr))
        if not isinstance(v, Framed) or v.fr != fr:
            return None
        key = lift_keys.verification_key(f, (w,), (fr,))
        if key is None or key not in lift_keys.VERIFIED:
            _check(v.a[(0,) * fr + (...,)], f.monad(w[(0,) * fr + (...,)]))
            lift_keys.remember(key)
    except (Unliftable, APLError, ValueError, TypeError, IndexError, ArithmeticError):
        return None
    return v.a


def lift_dyad(f, a, w, ra, rw):
    """a f⍤ra rw⊢w on every pair of cells at once, or None."""
    fa, fw = a.ndim - ra, w.ndim - rw
    if not _STATE["enabled"] or not _liftable(f) or not size(a) or not size(w):
        return None
    for x in (a, w):
        if kind(x) not in _SCALAR_KINDS:
            return None
    if fa and fw and tuple(a.shape[:fa]) != tuple(w.shape[:fw]):
        return None  # the frames must agree: the general path gives the error
    fr = max(fa, fw)
    if fr == 0:
        return None
    x = Framed(a, fa) if fa else a
    y = Framed(w, fw) if fw else w
    try:
        v = apply2(f, x, y)
        if not isinstance(v, Framed) or v.fr != fr:
            return None
        key = lift_keys.verification_key(f, (a, w), (fa, fw))
        if key is None or key not in lift_keys.VERIFIED:
            first = (a[(0,) * fa + (...,)] if fa else a), (w[(0,) * fw + (...,)] if fw else w)
            _check(v.a[(0,) * fr + (...,)], f.dyad(*first))
            lift_keys.remember(key)
    except (Unliftable, APLError, ValueError, TypeError, IndexError, ArithmeticError):
        return None
    return v.a


def _check(lifted, ref):
    """The lifted first cell must be what f gives on the first cell: type, shape and items."""
    if type(lifted) is not type(ref) or tuple(lifted.shape) != tuple(ref.shape) or lifted.dtype != ref.dtype:
        raise Unliftable("the first cell differs")
    if type(ref) is np.ndarray:
        if not np.array_equal(lifted, ref):
            raise Unliftable("the first cell differs")
    elif not bool((lifted == ref).all()):
        raise Unliftable("the first cell differs")


def _liftable(f) -> bool:
    """A cheap look before trying: functions made of what apply1/apply2 know."""
    if isinstance(f, DfnFunction):
        return f.operands is None and not f.localises
    return isinstance(f, (Primitive, Reduce, Scan, Fork, Atop, Commute, Compose))


# ------------------------------------------------------------------ functions on framed values
def _plain(f, a, w):
    """f on values that are the same for every cell: computed once, which must make no
    difference — so f must be pure (a dfn is evaluated here, refusing what could have effects)."""
    if isinstance(f, DfnFunction):
        return _DfnBody(f, a, w).run() if _liftable(f) else _refuse("an operator's dfn")
    if not _pure(f):
        raise Unliftable("a function with effects, or unknown")
    return f.monad(w) if a is None else f.dyad(a, w)


def _refuse(why):
    raise Unliftable(why)


_IMPURE = frozenset("?⍎")  # random numbers, execute


def _pure(f) -> bool:
    """A function whose results depend only on its arguments, and which does nothing else."""
    if isinstance(f, Primitive):
        return f.glyph is not None and f.glyph not in _IMPURE and type(f).__module__.startswith("apl.primitives")
    if isinstance(f, Fork):
        return all(_pure(x) for x in (f.f, f.g, f.h) if isinstance(x, Function))
    if isinstance(f, (Reduce, Scan, Atop, Commute, Compose)):
        return all(_pure(x) for x in (f.left, f.right) if isinstance(x, Function))
    return False


def apply1(f, x):
    if not isinstance(x, Framed):
        return _plain(f, None, x)
    if _scalar(f) and f.kernel.monad is not None:
        r = _kernel1(f, x.a)
        if kind(r) == "c" and kind(x.a) != "c":
            raise Unliftable("a complex result of real numbers")  # maybe in some cells only
        if _widened(f.glyph, r, (x.a,), _FLOAT_ANYWAY_MONADIC):
            raise Unliftable("an integer overflow")
        return Framed(r, x.fr)
    if isinstance(f, Primitive):
        return _structural1(f.glyph, x)
    if isinstance(f, (Reduce, Scan)):
        return _reduce_scan(f, x)
    if isinstance(f, Fork):
        r = apply1(f.h, x)
        left = apply1(f.f, x) if isinstance(f.f, Function) else f.f
        return apply2(f.g, left, r)
    if isinstance(f, Atop):
        return apply1(f.left, apply1(f.right, x))
    if isinstance(f, Commute) and isinstance(f.left, Function):
        return apply2(f.left, x, x)
    if isinstance(f, Compose):
        if not isinstance(f.left, Function):
            return apply2(f.right, f.left, x)
        if not isinstance(f.right, Function):
            return apply2(f.left, x, f.right)
        return apply1(f.left, apply1(f.right, x))
    if isinstance(f, DfnFunction):
        return _DfnBody(f, None, x).run()
    raise Unliftable(type(f).__name__)


_ACTIVE: set = set()  # dfns being lifted: one that calls itself by name is not lifted


def apply2(f, a, w):
    if not isinstance(a, Framed) and not isinstance(w, Framed):
        return _plain(f, a, w)
    if _scalar(f) and f.kernel.dyad is not None:
        return _scalar2(f, a, w)
    if isinstance(f, Primitive) and f.glyph in ("⊢", "⊣"):
        return w if f.glyph == "⊢" else a
    if isinstance(f, Fork):
        r = apply2(f.h, a, w)
        left = apply2(f.f, a, w) if isinstance(f.f, Function) else f.f
        return apply2(f.g, left, r)
    if isinstance(f, Atop):
        return apply1(f.left, apply2(f.right, a, w))
    if isinstance(f, Commute) and isinstance(f.left, Function):
        return apply2(f.left, w, a)
    if isinstance(f, DfnFunction):
        return _DfnBody(f, a, w).run()
    raise Unliftable(type(f).__name__)


def _kernel1(f, x):
    if type(x) is np.ndarray and x.size > CHUNK:  # the primitive steps through long arrays (Ctrl-C)
        return f.monad(x)
    return f.kernel.monad(x)


def _scalar2(f, a, w):
    """A scalar function of framed and plain values: each extended along the other's axes the way
    it is within a cell (a scalar, or a cell of the same shape), else Unliftable."""
    fr = a.fr if isinstance(a, Framed) else w.fr
    xa, ca = (a.a, a.cell) if isinstance(a, Framed) else (a, None)
    xw, cw = (w.a, w.cell) if isinstance(w, Framed) else (w, None)
    if ca is None:  # plain ⍺: a scalar, or an array shaped as ⍵'s cells
        if xa.ndim and tuple(xa.shape) != cw:
            raise Unliftable("plain operand of another shape")
    elif cw is None:
        if xw.ndim and tuple(xw.shape) != ca:
            raise Unliftable("plain operand of another shape")
    elif ca != cw:
        if ca == ():
            xa = xa.reshape(tuple(xa.shape) + (1,) * len(cw))
        elif cw == ():
            xw = xw.reshape(tuple(xw.shape) + (1,) * len(ca))
        else:
            raise Unliftable("cells of two shapes")
    if type(xa) is not type(xw):
        xa, xw = coerce(xa, xw)
    sa, sw = tuple(xa.shape), tuple(xw.shape)
    if len(sa) < len(sw):
        sa = (1,) * (len(sw) - len(sa)) + sa
    elif len(sw) < len(sa):
        sw = (1,) * (len(sa) - len(sw)) + sw
    out_shape = tuple(p if p != 1 else q for p, q in zip(sa, sw))  # trailing-axis broadcasting
    n = 1
    for d in out_shape:
        n *= d
    if not n:
        raise Unliftable("empty")
    if f.glyph == "÷" and _same_floats(xa, xw) and 4 * size(xw) <= n <= CHUNK and _least_magnitude(xw) >= 1.0:
        # a float array divided by one cell's numbers, none under 1 in magnitude (a row's sum):
        # arithmetic.divide's answer without its pass over the result, which cannot overflow
        return Framed(xa / xw, fr)
    if n > CHUNK:  # the primitive on whole arrays, stepping (Ctrl-C)
        xp = backend_of(xa, xw).xp
        r = f.dyad(xp.broadcast_to(xa, out_shape), xp.broadcast_to(xw, out_shape))
    else:
        r = f.kernel.dyad(xa, xw)
    if _widened(f.glyph, r, (xa, xw), _FLOAT_ANYWAY_DYADIC):
        raise Unliftable("an integer overflow")
    if kind(r) == "c" and kind(xa) != "c" and kind(xw) != "c":
        raise Unliftable("a complex result of real numbers")  # maybe in some cells only
    return Framed(r, fr)


def _same_floats(a, w) -> bool:
    """Two float arrays of one library and dtype: NumPy float64, or torch floats on one device."""
    if type(a) is np.ndarray:
        return type(w) is np.ndarray and a.dtype == w.dtype == np.float64
    bk = backend_of(a)
    return bk.name == "torch" and backend_of(w) is bk and kind(a) == "f" and a.dtype == w.dtype \
        and device_of(a) == device_of(w)


def _least_magnitude(x) -> float:
    if type(x) is np.ndarray:
        return float(np.abs(x).min())
    return float((x.detach() if x.requires_grad else x).abs().min())


def _structural1(glyph, x):
    cell = x.cell
    if glyph == "≢":
        return np.array(cell[0] if cell else 1, dtype=np.int64)
    if glyph == "⍴":
        return np.array(cell, dtype=np.int64)
    if glyph == "⊢" or glyph == "⊣":
        return x
    if glyph == "," and len(cell) <= 1:
        return x if cell else Framed(x.a.reshape(tuple(x.a.shape) + (1,)), x.fr)
    if glyph == "⌽" and cell:
        return Framed(backend_of(x.a).xp.flip(x.a, axis=x.a.ndim - 1), x.fr)
    raise Unliftable(glyph)


def _reduce_scan(f, x):
    """f/ f⌿ f\\ f⍀ of a scalar function along one of the cell's axes."""
    g = f.left
    cell = x.cell
    if not _scalar(g) or not cell:
        raise Unliftable("a reduction of this function")

    if f.axis is not None:
        k = norm_axis(f.axis, len(cell))
    else:
        k = 0 if f.first else len(cell) - 1
    if cell[k] == 0:
        raise Unliftable("an empty axis")
    run = reduce_ if isinstance(f, Reduce) else scan
    r = run(g, x.a, x.fr + k)
    if _widened(g.glyph, r, (x.a,), _FLOAT_ANYWAY_DYADIC):
        raise Unliftable("an integer overflow")
    return Framed(r, x.fr)


# ------------------------------------------------------------------ dfn bodies on framed values
_BOUND: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _statements(dfn):
    Unsupported, bind_body, _signature, _ = lift_keys.tier()
    free, sig = _signature(dfn)
    if "T" in sig:
        raise Unliftable("a tradfn among its names")
    per_node = _BOUND.setdefault(dfn.node, {})
    if sig not in per_node:
        roles = dict(zip(free, sig))
        try:
            per_node[sig] = bind_body(dfn.node, lambda n: roles.get(n, "A"))
        except Unsupported:
            per_node[sig] = None
    stmts = per_node[sig]
    if stmts is None:
        raise Unliftable("does not bind")
    return stmts


class _DfnBody:
    """A dfn's statements evaluated on framed values (no side effects: anything that could have
    one, or depends on the cell, is Unliftable)."""

    def __init__(self, dfn, a, w):
        self.dfn = dfn
        self.vars = {"⍵": w}
        if a is not None:
            self.vars["⍺"] = a

    def run(self):
        key = id(self.dfn)
        if key in _ACTIVE:
            raise Unliftable("a recursion")
        _ACTIVE.add(key)
        try:
            return self._run()
        finally:
            _ACTIVE.discard(key)

    def _run(self):
        last = None
        for kind_, nodes, _span in _statements(self.dfn):
            if kind_ == "guard":
                c = self.array(nodes[0])
                if isinstance(c, Framed) or nodes[1].role != "A":
                    raise Unliftable("a guard that depends on the cell")
                from .dfn import _condition

                if _condition(c, None):
                    return self.array(nodes[1])
                continue
            if kind_ != "expr":
                raise Unliftable(kind_)
            node = nodes[0]
            if isinstance(node, ast.Assign):
                last = self.array(node)
                continue
            if node.role != "A" or isinstance(node, (ast.StrandAssign, ast.ModifiedAssign, ast.SelectiveAssign,
                                                     ast.DefaultAlpha)):
                raise Unliftable(type(node).__name__)
            return self.array(node)
        if last is None:
            raise Unliftable("no result")
        return last

    def array(self, node):
        t = type(node)
        if t is ast.Literal:
            v = node.value
            if not isinstance(v, np.ndarray) or v.dtype.kind not in _SCALAR_KINDS:
                raise Unliftable("a literal of characters")
            return v
        if t is ast.Name:
            if node.id in self.vars:
                return self.vars[node.id]
            v = self.dfn.env.find(node.id)
            if v is None or isinstance(v, Function) or not hasattr(v, "dtype") or v.dtype == OBJ:
                raise Unliftable("a name")
            return v
        if t is ast.Assign:
            if node.value.role != "A" or node.name.startswith(("⎕", "⍞")):
                raise Unliftable("an assignment")
            v = self.vars[node.name] = self.array(node.value)
            return v
        if t is ast.Monadic:
            w = self.array(node.omega)
            return apply1(self.function(node.fn), w)
        if t is ast.Dyadic:
            w = self.array(node.omega)
            f = self.function(node.fn)
            a = self.array(node.alpha)
            return apply2(f, a, w)
        if t is ast.Index and len(node.indices) == 1 and node.indices[0] is not None:
            i = self.array(node.indices[0])
            x = self.array(node.array)
            if isinstance(i, Framed) or not isinstance(x, Framed) or len(x.cell) != 1:
                raise Unliftable("indexing")
            ix = np.asarray(i) - current().io
            if ix.dtype.kind not in "iu" or (ix.size and (ix.min() < 0 or ix.max() >= x.cell[0])):
                raise Unliftable("an index")
            return Framed(x.a[..., ix], x.fr)
        raise Unliftable(t.__name__)

    def function(self, node):
        t = type(node)
        if t is ast.PrimFn:
            f = PRIMITIVES.get(node.glyph)
            if f is None or node.glyph == "⍎":
                raise Unliftable(node.glyph)
            return f
        if t is ast.FnName:
            if node.id in self.vars:
                raise Unliftable("a local function")
            v = self.dfn.env.find(node.id)
            if not isinstance(v, Function):
                raise Unliftable("a name")
            return v
        if t in (ast.Derived, ast.Fork, ast.Atop):
            clos = _FUNCTIONS.get(node)
            if clos is None:
                from .compiler import compile_function

                clos = _FUNCTIONS[node] = compile_function(node) if _closed(node) else False
            if clos is False:
                raise Unliftable("a function of the dfn's names")
            return clos(None)
        raise Unliftable(t.__name__)


_FUNCTIONS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # closed function nodes compiled


def _closed(node) -> bool:
    from .tier.codegen import _closed as closed

    return closed(node)


cellwise.use_lifter(lift_monad, lift_dyad)
