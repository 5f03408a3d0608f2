"""Compiled dfns at run time: compiling a dfn once per class signature of its names and per set
of argument types, what a call from the closure path runs, and errors leaving compiled code.

A compiled version is cached on the dfn's AST node (shared by every closure of that dfn) for the
classes its outside names have (`sig`); each DfnFunction gets its own function from it, closed
over the dfn and its environment. A call from the closure path (`entry`) converts the arguments
(values.to_tier), compiles a branch for a new combination of scalar argument types the first time
it meets one (at most MAX_COMBOS; later ones take the general branch), and converts the result
back. Calls inside compiled code (∇, tail calls) stay inside it.
"""
from __future__ import annotations

import linecache
import os
import weakref
from contextlib import contextmanager

import numpy as np

from ...arrays import box, from_items
from ...backends import NUMPY
from ...errors import APLError, DomainError
from ...primitives import indexing
from ...primitives.cells import build
from ...settings import active_backend
from .. import system_variables
from ..dfn import FALLBACK, DfnFunction, _condition
from ..env import Env
from ..library_errors import library_error
from . import scalars
from .arrays import pick
from .codegen import NOFRAME, SCALAR_TYPES, Generator, Unsupported, bind_body, describe
from .templates import glyph_key, monad_key
from .values import dfn_result, dyadic, free_array, free_value, monadic, no_result, result, role_of, to_apl, to_tier

MAX_COMBOS = 4
# APL_TIER=0: every dfn on the closure path; APL_TIER_STRICT=1 (the tests): a generator bug raises
_STATE = {"enabled": os.environ.get("APL_TIER", "1") != "0", "strict": os.environ.get("APL_TIER_STRICT") == "1"}
_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # ast.Dfn → {sig: _Compiled | None}
_MISSING = object()


def enabled() -> bool:
    return _STATE["enabled"]


@contextmanager
def switched(on: bool):
    """Run with the tier on or off (tests compare the two); dfns made before keep their state
    per call: each call asks."""
    before = _STATE["enabled"]
    _STATE["enabled"] = on
    try:
        yield
    finally:
        _STATE["enabled"] = before


# ------------------------------------------------------------------ helpers of generated code
def _sysread(env, name):
    return result(system_variables.read(env, name))


def _output(env, v):
    system_variables.write(env, "⎕", to_apl(v))
    return v


def _index(a, ix):
    if len(ix) == 1:
        r = pick(a, ix[0])
        if r is not None:
            return r
    return result(indexing.index_with(to_apl(a), [None if i is None else to_apl(i) for i in ix]))


def _strand(vals):
    return result(from_items([box(to_apl(v)) for v in vals], (len(vals),)))


def _nonfinite():
    raise DomainError("result is not a finite number")


def fail(e, lines, dfn, defenv):
    """The exception to raise for e leaving a compiled dfn: mapped to its APL error, with the place
    of the line it left from and this dfn's frame (as run_body and the compiler record them)."""
    tb = e.__traceback__
    where = lines[tb.tb_lineno - 1] if tb is not None and 0 < tb.tb_lineno <= len(lines) else None
    if where == NOFRAME:
        return e
    span, stmt_span = where if where is not None else (None, None)
    err = library_error(e, span)
    if err is None:  # not an APL error: a bug, which goes on as it is
        return e
    if stmt_span is not None:
        err.leaving(dfn, defenv, stmt_span)
    return err


_NAMESPACE = {
    "_Env": Env, "_apl": to_apl, "_tier": to_tier, "_free_array": free_array, "_free_value": free_value,
    "_sysread": _sysread, "_output": _output, "_index": _index, "_strand": _strand, "_monadic": monadic,
    "_dyadic": dyadic, "_check": _condition, "_no_result": no_result, "_dfn_result": dfn_result,
    "_nonfinite": _nonfinite, "_fail": fail, "_DfnFunction": DfnFunction,
}
from .values import condition as _cond  # noqa: E402

_NAMESPACE["_cond"] = _cond
_NAMESPACE.update({"_s" + glyph_key(g): f for g, f in scalars.DYADIC.items()})
_NAMESPACE.update({"_s" + monad_key(g): f for g, f in scalars.MONADIC.items()})
_NAMESPACE.update({"_f_sieve" + glyph_key(g): scalars.sieve(g) for g in "=≠<≤>≥"})
_NAMESPACE["_f_join"] = scalars.join
_NAMESPACE["_f_partition"] = scalars.partition
_NAMESPACE["_f_vectors"] = scalars.vectors


# ------------------------------------------------------------------ compiling
class _Compiled:
    """One dfn's bound statements for one class signature, and its versions per combos."""

    __slots__ = ("statements", "free", "sig", "versions", "name", "recursive")

    def __init__(self, statements, free, sig, name):
        self.statements, self.free, self.sig, self.name = statements, free, sig, name
        self.versions: dict = {}
        self.recursive = False  # calls ∇ other than in a tail call

    def factory(self, combos: tuple):
        f = self.versions.get(combos)
        if f is None:
            f = self.versions[combos] = _generate(self, combos)
        return f


_COUNTER = [0]


def _generate(comp: _Compiled, combos: tuple):
    types = [(SCALAR_TYPES[ta], SCALAR_TYPES[tw]) for ta, tw in combos]
    gen = Generator(comp.statements, types, needs_env=False, name=comp.name)
    src = gen.source()
    if gen.wants_env:
        gen = Generator(comp.statements, types, needs_env=True, name=comp.name)
        src = gen.source()
    comp.recursive = comp.recursive or gen.recursive
    _COUNTER[0] += 1
    filename = f"<apl dfn {_COUNTER[0]}: {comp.name[:60]}>"
    try:
        code = compile(src, filename, "exec")
    except SyntaxError:  # a bug of the generator: the closure path runs the dfn instead
        if _STATE["strict"]:
            raise
        raise Unsupported("generated code does not compile") from None
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    ns = dict(_NAMESPACE)
    ns.update(gen.consts)
    ns["_LINES"] = gen.where
    exec(code, ns)  # our own generated source, never user text
    return ns["_make"]


def _free_names(node) -> tuple:
    names: dict = {}
    for stmt in node.body:
        for n in stmt.names:
            if n != "⍺":
                names[n] = None
    return tuple(names)


def _compiled(dfn, sig_roles):
    """The _Compiled for dfn's node and these classes of its outside names (None: not compiled)."""
    node = dfn.node
    per_node = _CACHE.get(node)
    if per_node is None:
        per_node = _CACHE[node] = {}
    free, sig = sig_roles
    comp = per_node.get(sig, _MISSING)
    if comp is _MISSING:
        roles = dict(zip(free, sig))
        try:
            statements = bind_body(node, lambda n: roles.get(n, "A"))
            comp = _Compiled(statements, free, sig, describe(node))
            comp.factory(())  # generate once now: what it cannot compile shows here
        except (Unsupported, APLError):
            comp = None
        per_node[sig] = comp
    return comp


def _signature(dfn):
    free = _free_names(dfn.node)
    env = dfn.env
    return free, tuple(role_of(env.find(n)) for n in free)


def setup(dfn):
    """The entry of a dfn's compiled form (a callable (a, w) → value or FALLBACK), or False when
    the tier does not run it."""
    if not _STATE["enabled"] or active_backend() is not NUMPY:
        return None  # asked again at the next call
    if dfn.localises or dfn.operands is not None:
        return False
    outer_alpha = dfn.env.find("⍺")
    if outer_alpha is not None and role_of(outer_alpha) != "A":
        return False
    free, sig = _signature(dfn)
    if "T" in sig:
        return False
    comp = _compiled(dfn, (free, sig))
    if comp is None:
        return False
    return _entry(dfn, comp)


_SCALAR = frozenset((int, float, bool))
_LEFT = frozenset((int, float, bool, type(None)))


def _entry(dfn, comp: _Compiled):
    defenv = dfn.env
    free, sig = comp.free, comp.sig
    combos: tuple = ()
    seen = set()
    fn = comp.factory(combos)(dfn, defenv)
    recursive = comp.recursive

    def ready(a, w, checked=False):
        """The compiled function for compiled values a and w, or None where the closure path
        must run (another backend, the tier switched off, a name outside changed its class)."""
        nonlocal fn, combos
        if active_backend() is not NUMPY or not _STATE["enabled"]:
            return None
        if free and not checked and tuple(role_of(defenv.find(n)) for n in free) != sig:
            return None
        k = (type(a), type(w))
        if k not in seen:
            seen.add(k)
            if k[1] in _SCALAR and k[0] in _LEFT and len(combos) < MAX_COMBOS:
                try:
                    f = comp.factory(combos + (k,))
                except (Unsupported, APLError):
                    f = None
                if f is not None:
                    combos = combos + (k,)
                    fn = f(dfn, defenv)
        return fn

    def entry(a, w):
        if free and active_backend() is NUMPY and tuple(role_of(defenv.find(n)) for n in free) != sig:
            dfn.tier = setup(dfn)  # a name outside changed its class: compile for the new one
            return dfn.tier(a, w) if dfn.tier else FALLBACK
        w = to_tier(w)
        if a is not None:
            a = to_tier(a)
        f = ready(a, w, True)
        if f is None:
            return FALLBACK
        if recursive and not _PADDED[0]:
            return to_apl(_padded(f, a, w))
        return to_apl(f(a, w))

    def each(w):
        """f¨w for a simple int64, float64 or boolean array w (None: not here)."""
        if type(w) is not np.ndarray or not w.ndim or w.dtype not in _SIMPLE_DTYPES:
            return None
        xs = w.ravel().tolist()
        f = ready(None, xs[0])
        if f is None:
            return None
        return _assemble(_padded(_map1, f, xs) if recursive and not _PADDED[0] else _map1(f, xs), w.shape)

    def each_pairs(a, w, shape):
        """a f¨w for conformed arrays (a 0-d one extended), simple of those types (None: not here)."""
        if type(a) is not np.ndarray or type(w) is not np.ndarray or a.dtype not in _SIMPLE_DTYPES \
                or w.dtype not in _SIMPLE_DTYPES:
            return None
        n = int(np.prod(shape))
        xs = a.ravel().tolist() if a.ndim else [a.item()] * n
        ys = w.ravel().tolist() if w.ndim else [w.item()] * n
        f = ready(xs[0], ys[0])
        if f is None:
            return None
        return _assemble(_padded(_map2, f, xs, ys) if recursive and not _PADDED[0] else _map2(f, xs, ys), shape)

    def repeat(a, w, n):
        """f⍣n w (a f⍣n w): f applied n times, n ≥ 0 (None: not here)."""
        w = to_tier(w)
        if a is not None:
            a = to_tier(a)
        f = ready(a, w)
        if f is None:
            return None
        return to_apl(_padded(_repeat, f, a, w, n) if recursive and not _PADDED[0] else _repeat(f, a, w, n))

    entry.each, entry.each_pairs, entry.repeat = each, each_pairs, repeat
    return entry


_SIMPLE_DTYPES = frozenset((np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)))


def _map1(f, xs):
    return [f(None, x) for x in xs]


def _map2(f, xs, ys):
    return [f(x, y) for x, y in zip(xs, ys)]


def _repeat(f, a, w, n):
    for _ in range(n):
        w = f(a, w)
    return w


def _assemble(results, shape):
    """The results of f¨ as the closure path assembles them (cells.build)."""
    for r in results:
        t = type(r)
        if t is not int and t is not float and t is not bool:
            return build([to_apl(x) for x in results], tuple(shape))
    return from_items(results, tuple(shape))


def _padded(run, *args):
    """run(*args) from inside the stack pad (see below), unless already inside one."""
    _PADDED[0] += 1
    try:
        return _pad()(run, *args)
    finally:
        _PADDED[0] -= 1


# CPython 3.11 keeps frames in 16 kB chunks, allocated when a call does not fit and freed when its
# first frame returns: a recursion whose depth goes up and down across a chunk's end allocates
# and frees a chunk (two system calls, ~15 µs) at every crossing, which can make a recursive dfn
# several times slower depending only on how deep its caller was. A compiled recursive dfn called
# from outside compiled code runs from inside one large frame (`pad`, 16 kB of expression stack,
# which never fits where a chunk is partly used): the recursion starts at the beginning of a fresh
# chunk with 15 kB of room, and the chunk lives until the call returns.
_PADDED = [0]
_PAD: list = []


def _pad():
    if not _PAD:
        src = ("def pad(f, *args):\n    if f is None:\n        return " + " ** ".join(["args"] * 2100)
               + "\n    return f(*args)\n")
        ns: dict = {}
        exec(compile(src, "<apl stack pad>", "exec"), ns)
        _PAD.append(ns["pad"])
    return _PAD[0]
