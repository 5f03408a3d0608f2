"""The assignment forms beyond name←value: strand (a b)←, modified x f←, indexed x[i]f←, and
selective (sel x)←, including selections that reach into nested items.

The compiler hands each form its own `compile_array` and `compile_function`, so this module
compiles its parts without importing the compiler back."""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..backends import is_array
from ..errors import DomainError, LengthError, RankError, SyntaxError_, ValueError_
from ..primitives import indexing
from ..primitives.indexed_assignment import assign_indexed
from ..settings import current
from ..syntax import ast
from . import system_variables
from .library_errors import guarded


def _existing_array(owner, name: str, span):
    """The array that name holds in owner (the scope env.owner found), which an assignment
    modifies: VALUE ERROR where the name has no value, SYNTAX ERROR where it is not an array."""
    if owner is None:
        raise ValueError_(f"{name} is not defined", span)
    old = owner.vars[name]
    if not is_array(old):
        raise SyntaxError_(f"{name} is not an array", span)
    return old


def strand_assign(node, compile_array, compile_function):
    value = compile_array(node.value)
    fn = compile_function(node.fn) if node.fn is not None else None
    names = node.names
    span = node.span

    def put(env, target, v, f):
        if isinstance(target, str):
            if target.startswith(("⎕", "⍞")):
                cur = v if f is None else guarded(span, lambda: f.dyad(system_variables.read(env, target), v))
                guarded(span, lambda: system_variables.write(env, target, cur))
                return
            if f is None:
                env.vars[target] = v
                return
            owner = env.owner(target)
            old = _existing_array(owner, target, span)
            owner.vars[target] = guarded(span, lambda: f.dyad(old, v))
            return
        if v.ndim != 0 and int(np.prod(v.shape, dtype=np.int64)) == 1:
            v = v.reshape(())  # a single item of any rank goes to every name (Dyalog)
        if v.ndim > 1:
            raise RankError("strand assignment needs a vector", span)
        if v.ndim == 1 and v.shape[0] != len(target):
            raise LengthError("strand assignment: lengths differ", span)
        parts = [ar.unbox(x) for x in (ar.items(v) if v.ndim else [v[()]] * len(target))]
        for n, p in zip(target, parts):
            put(env, n, p, f)

    def run(env):
        v = value(env)
        put(env, names, v, None if fn is None else fn(env))
        return v

    return run


def modified_assign(node, compile_array, compile_function):
    value = compile_array(node.value)
    fn = compile_function(node.fn) if node.fn is not None else None
    idx = None if node.indices is None else [None if i is None else compile_array(i) for i in node.indices]
    name, span = node.name, node.span

    def run(env):
        v = value(env)
        owner = env.owner(name) if fn is not None or idx is not None else env
        old = _existing_array(owner, name, span)
        if idx is None:
            new = guarded(span, lambda: fn(env).dyad(old, v))
            owner.vars[name] = new
            return v
        ivals = [None if i is None else i(env) for i in idx]
        if fn is not None:
            f = fn(env)
            cur = guarded(span, lambda: indexing.index_with(old, ivals))
            v2 = guarded(span, lambda: f.dyad(cur, v))
            if _repeats(ivals):  # x[1 1]+←1 applies + twice to x[1], as Dyalog's loop does
                guarded(span, lambda: assign_indexed(old, ivals, v2))  # the fit, checked
                owner.vars[name] = guarded(span, lambda: _modify_each(old, ivals, f, v))
                return v
        else:
            v2 = v
        owner.vars[name] = guarded(span, lambda: assign_indexed(old, ivals, v2))
        return v

    return run


def _repeats(ivals) -> bool:
    """Whether simple indices (one array per axis) name some item more than once."""
    for ix in ivals:
        if ix is None:
            continue
        if ix.dtype == ar.OBJ:
            return False
        h = np.asarray(ar.host_values(ix)).reshape(-1)
        if h.size > 1 and np.unique(h).size < h.size:
            return True
    return False


def _modify_each(old, ivals, f, v):
    """old[ivals] f← v one item at a time, in ravel order of the selection (repeated indices
    apply f again to the item already modified)."""
    import itertools

    axes = [np.arange(current().io, current().io + old.shape[k]) if ix is None
            else np.asarray(ar.host_values(ix)).reshape(-1) for k, ix in enumerate(ivals)]
    flat_v = v.reshape(-1)
    one = int(np.prod(v.shape, dtype=np.int64)) == 1
    new = old
    for n, pos in enumerate(itertools.product(*axes)):
        at = [np.asarray(p) for p in pos]
        vi = flat_v[0:1].reshape(()) if one else flat_v[n:n + 1].reshape(())
        item = f.dyad(indexing.index_with(new, at), vi)
        new = assign_indexed(new, at, item)
    return new


def selective_assign(node, compile_array, compile_function):
    """(sel x)←v: the selection applied to the positions of x's items says which to replace."""
    value = compile_array(node.value)
    fn = compile_function(node.fn) if node.fn is not None else None
    target = compile_array(node.target)
    name, span = node.name, node.span
    fills = _has_expand(node.target)  # (1 0 1\x)←v: v's items at fill positions are dropped

    def run(env):
        v = whole = value(env)
        owner = env.owner(name)
        old = _existing_array(owner, name, span)
        if old.dtype == ar.OBJ and old.size:
            new = _reach_selective(env, old, target, fn, v, span, fills)
            owner.vars[name] = new
            return v
        n = int(np.prod(old.shape, dtype=np.int64))
        env.vars[ast.SELECTED] = np.arange(1, n + 1, dtype=np.int64).reshape(tuple(old.shape))
        try:
            sel = target(env)
        finally:
            env.vars.pop(ast.SELECTED, None)
        sel = ar.host_values(sel) if not isinstance(sel, np.ndarray) else sel
        if fills and sel.dtype != ar.OBJ and sel.dtype.kind in "iub" and sel.size and sel.min() == 0:
            sel, v = _drop_fills(sel, v, span)
        if sel.dtype == ar.OBJ or sel.dtype.kind not in "iub" or (
                sel.size and (sel.min() < 1 or sel.max() > n)):
            raise DomainError("selective assignment: not a selection of the name's items", span)
        io = current().io
        flat = old.reshape(-1)
        ix = [sel - 1 + io]
        if fn is not None:
            f = fn(env)
            cur = guarded(span, lambda: indexing.index_with(flat, ix))
            v2 = guarded(span, lambda: f.dyad(cur, v))
            if _repeats(ix):  # (5⍴a)+←1 adds to an item once for each time it is selected
                guarded(span, lambda: assign_indexed(flat, ix, v2))  # the fit, checked
                new = guarded(span, lambda: _modify_each(flat, ix, f, v))
                owner.vars[name] = new.reshape(tuple(old.shape))
                return whole
        else:
            v2 = v
        new = guarded(span, lambda: assign_indexed(flat, ix, v2))
        owner.vars[name] = new.reshape(tuple(old.shape))
        return whole  # the pass-through value is Y's

    return run


def _has_expand(node) -> bool:
    """Whether a selective-assignment target uses \\ or ⍀ (whose fill positions select nothing)."""
    if isinstance(node, (ast.PrimOp, ast.PrimFn)) and getattr(node, "glyph", None) in ("\\", "⍀"):
        return True
    for field in ("fn", "op", "left", "right", "middle", "alpha", "omega", "array", "items", "target"):
        v = getattr(node, field, None)
        for x in (v if isinstance(v, tuple) else (v,)):
            if isinstance(x, ast.Node) and _has_expand(x):
                return True
    return False


def _drop_fills(sel, v, span):
    """The selection and value without the fill positions (0s) an expand put in the selection."""
    keep = np.flatnonzero(sel.reshape(-1) != 0)
    if is_array(v) and v.ndim:
        if v.ndim != sel.ndim:
            raise RankError("selective assignment: value and selection differ in rank", span)
        if tuple(v.shape) != tuple(sel.shape):
            raise LengthError("selective assignment: value and selection differ in shape", span)
        v = v.reshape(-1)[keep.tolist()]
    return sel.reshape(-1)[keep], v


def _reach_selective(env, old, target, fn, v, span, fills=False):
    """(sel x)←v for a nested x: the selection runs on a shadow of x whose every simple scalar
    is a distinct number, so it may reach into the items ((⊃¨x)←…, (∊x)←…, (2 1⊃x)←…). A
    result that is one whole item of x (at any depth) is replaced by v; otherwise each of its
    items names a scalar, or a whole item, of x that takes the matching item of v."""
    leaves: list = []  # the path (ravel positions, level by level) of each numbered scalar
    nodes: dict = {}  # the shadow of each array item (at any depth), by value: its path

    def shadow(a, path):
        if a.dtype != ar.OBJ:
            n = int(np.prod(a.shape, dtype=np.int64))
            base = len(leaves)
            leaves.extend(path + (i,) for i in range(n))
            sh = np.arange(base + 1, base + n + 1, dtype=np.int64).reshape(tuple(a.shape))
        else:
            out = []
            for i, x in enumerate(a.reshape(-1)):
                if ar.is_simple_item(x):
                    leaves.append(path + (i,))
                    out.append(np.int64(len(leaves)))
                else:
                    out.append(shadow(ar.unbox(x), path + (i,)))
            sh = ar.from_items(out, tuple(a.shape))
        if path:
            nodes.setdefault(_shadow_key(sh), path)
        return sh

    root = shadow(old, ())
    env.vars[ast.SELECTED] = root
    try:
        sel = target(env)
    finally:
        env.vars.pop(ast.SELECTED, None)
    sel = ar.host_values(sel)  # the shadow's numbers, come back from a primitive on any backend
    if not isinstance(sel, np.ndarray):
        raise DomainError("selective assignment: not a selection of the name's items", span)
    sel = ar.normalise(sel)
    if fn is not None:
        f = fn(env)
        env.vars[ast.SELECTED] = old
        try:
            cur = target(env)
        finally:
            env.vars.pop(ast.SELECTED, None)
        v = guarded(span, lambda: f.dyad(cur, v))

    bad = "selective assignment: not a selection of the name's items"
    targets: list = []

    def put(r, val, top=False):
        """Send val (boxed) to what the shadow piece r stands for."""
        r = ar.host_values(r)  # the shadow's numbers, come back from a primitive on any backend
        if not isinstance(r, np.ndarray) or (r.ndim == 0 and r.dtype != ar.OBJ):
            x = r[()] if isinstance(r, np.ndarray) else r
            if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)) \
                    and 1 <= int(x) <= len(leaves):
                targets.append((leaves[int(x) - 1], val))
                return
            if fills and isinstance(x, (int, np.integer)) and int(x) == 0:
                return  # a fill position of \ or ⍀: its item of the value is dropped
            raise DomainError(bad, span)
        if r.dtype == ar.OBJ:
            r = ar.normalise(r)
        if not top:
            p = nodes.get(_shadow_key(r))
            if p is not None:
                targets.append((p, val))
                return
        if r.dtype == ar.OBJ and r.ndim == 0:
            put(ar.unbox(r[()]), val)
            return
        w = ar.unbox(val)
        rs = ar.items(r) if r.dtype == ar.OBJ else r.reshape(-1).tolist()
        if w.ndim == 0:
            one = w[()] if w.dtype == ar.OBJ else ar.box(w)
            ws = [one] * len(rs)
        elif tuple(w.shape) != tuple(r.shape):
            raise (RankError if w.ndim != r.ndim else LengthError)(
                "selective assignment: the value does not fit the selection", span)
        else:
            ws = ar.items(w)
        for x, y in zip(rs, ws):
            put(ar.unbox(x) if ar.is_array_item(x) else x, y)

    if sel.ndim and nodes.get(_shadow_key(sel)) is not None:
        targets.append((nodes[_shadow_key(sel)], ar.box(v)))  # one whole item: it becomes v
    else:
        put(sel, ar.box(v), top=True)
    new = old
    for path, val in targets:
        new = _set_at_path(new, path, val)
    return new


def _shadow_key(a):
    a = ar.host_values(a)
    if a.dtype != ar.OBJ:
        return ("S", tuple(a.shape), tuple(np.asarray(a).reshape(-1).tolist()))
    return ("O", tuple(a.shape), tuple(_shadow_key(ar.unbox(x)) if ar.is_array_item(x) else int(x)
                                       for x in a.reshape(-1)))


def _set_at_path(a, path, val):
    """a with the item at path (ravel positions, level by level) replaced by val (boxed)."""
    shape = tuple(a.shape)
    flat = ar.items(a)
    i = path[0]
    if len(path) == 1:
        flat[i] = val
    else:
        flat[i] = ar.box(_set_at_path(ar.unbox(flat[i]), path[1:], val))
    return ar.from_items(flat, shape)
