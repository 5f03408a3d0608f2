"""Dfns and dops: calling them, guards, error guards and tail calls."""
from __future__ import annotations

import functools

import numpy as np

from ..arrays import host_values
from ..backends import is_array, kind, size
from ..errors import APLError, DomainError, SyntaxError_, ValueError_
from ..glyphs import FUNCTION, GLYPHS
from ..primitives.base import Function, Operator
from ..syntax.tokens import Bracket, Paren, Token
from .env import Env
from .statements import ShyValue, TailCall, compiled_statement
from .system_variables import SAVED_SETTINGS, restore_settings

FALLBACK = object()  # what a compiled dfn's entry returns when the closure path must run the call
_TIER = [None]  # the compiling tier's setup(dfn), registered by apl.runtime.tier as it loads


def use_tier(setup) -> None:
    """Called once by apl.runtime.tier as it loads: dfn calls then try compiled code first."""
    _TIER[0] = setup


def run_body(body, env: Env):
    """Run a dfn's statements; the first unassigned expression or true guard gives the result."""
    guards = []
    last = None
    for stmt in body:
        try:
            c = compiled_statement(stmt, env, True)
            kind = c.kind
            if kind == "expr":
                v = c.run(env)
                if not c.shy:
                    if v is None:  # ⍎'' gave no result: the dfn goes on
                        continue
                    if type(v) is ShyValue:  # ⍎'a←⍵': a shy result, as a←⍵ is
                        last = v.value
                        continue
                    if guards and isinstance(v, TailCall):
                        return env.dfn.call(v.alpha, v.omega)
                    return v
                last = v
            elif kind == "guard":
                if _condition(c.cond(env), c.span):
                    v = c.run(env)
                    if guards and isinstance(v, TailCall):
                        return env.dfn.call(v.alpha, v.omega)
                    return v
            else:
                # an error guard: its error numbers are read now, and the names as they are now
                # are what its body sees if it catches (Dyalog unwinds to the guard's state)
                guards.append((c.cond(env), c, dict(env.vars)))
        except APLError as e:
            if not guards:
                _leaving(e, env, stmt)
                raise
            return _caught(guards, env, e, stmt)
    if last is None:
        raise ValueError_("the dfn gave no result")
    return last


def _leaving(err: APLError, env: Env, stmt) -> None:
    """Note on err that it leaves this dfn, and from which of its lines (the chain of calls)."""
    if env.dfn is not None:
        err.leaving(env.dfn, env.parent, stmt.span)


def _caught(guards, env: Env, err: APLError, stmt):
    """The result of the innermost error guard that catches err, run with the dfn's names put
    back as they were when the guard was reached and with that guard (and later ones) no longer in
    effect: an error in its body goes to the guards before it (Dyalog's cascading error guards)."""
    while guards:
        codes, g, saved = guards.pop()
        if not _catches(codes, err):
            continue
        if env.session is not None:
            env.session.last_error = err
        own = env.vars.get(SAVED_SETTINGS)
        env.vars.clear()
        env.vars.update(saved)
        if own is not None:
            env.vars[SAVED_SETTINGS] = own
        if not guards:
            return g.run(env)
        try:
            return g.run(env)
        except APLError as e:
            err = e
    _leaving(err, env, stmt)
    raise err


def _condition(v, span) -> bool:
    if type(v) is np.ndarray and v.size == 1 and v.dtype.kind in "biuf":
        x = v.item() if v.ndim == 0 else v.reshape(-1)[0]
        if x == 1 or x == 0:
            return bool(x)
        raise DomainError("a guard's condition must be 0 or 1", span)
    if is_array(v) and size(v) == 1 and kind(v) in "biuf":
        x = v.reshape(())  # a guard decides control flow: reading the scalar is unavoidable
        if kind(v) == "b":
            return bool(x)
        f = float(x)
        if f == 1 or f == 0:
            return f == 1
        raise DomainError("a guard's condition must be 0 or 1", span)
    raise DomainError("a guard's condition must be a boolean scalar", span)


def _catches(codes, err: APLError) -> bool:
    if not getattr(err, "trappable", True):
        return False  # our own stack limit: catching it deep inside would give wrong answers
    vals = [int(x) for x in np.asarray(host_values(codes)).reshape(-1)]
    return 0 in vals or err.code in vals


# functions whose every meaning is scalar (not ≠, whose monadic unique mask is not; not ~ or ?)
_SCALAR_GLYPHS = frozenset(g.glyph for g in GLYPHS if g.kind == FUNCTION and g.meanings
                           and all(m.scalar for _, m in g.meanings))


@functools.lru_cache(maxsize=1024)
def _pervasive_uses(node) -> frozenset:
    """{'⍵'} or {'⍺', '⍵'} when the dfn is one expression of scalar functions on ⍵ (and ⍺) and
    scalar numbers, so that applying it to a whole array equals applying it item by item;
    the empty set otherwise."""
    if len(node.body) != 1 or node.body[0].kind != "expr":
        return frozenset()
    uses: set = set()
    if not _scalar_expression(node.body[0].parts[0], uses) or "⍵" not in uses:
        return frozenset()
    return frozenset(uses)


def _scalar_expression(items, uses) -> bool:
    prev_array = False
    for it in items:
        if isinstance(it, Paren):
            if not _scalar_expression(it.items, uses):
                return False
            is_array = True
        elif isinstance(it, Token) and it.kind in ("omega", "alpha"):
            uses.add(it.text)
            is_array = True
        elif isinstance(it, Token) and it.kind == "number":
            is_array = True
        elif isinstance(it, Token) and it.kind == "function" and it.text in _SCALAR_GLYPHS:
            is_array = False
        else:
            return False
        if is_array and prev_array:
            return False  # a strand: not a scalar expression
        prev_array = is_array
    return prev_array


_SYSTEM_VARIABLES = frozenset(("⎕IO", "⎕CT", "⎕PP", "⎕RL", "⎕PW", "⎕DCT", "⎕DIV"))


@functools.lru_cache(maxsize=4096)
def _may_set_system_variables(node) -> bool:
    """Whether running the dfn can assign ⎕IO ⎕CT ⎕PP ⎕RL ⎕PW ⎕DCT ⎕DIV, which it then holds locally: its
    body (not its nested dfns, which localise their own) names one of them, or uses ⍎."""
    return any(_items_mention(part) for stmt in node.body for part in stmt.parts)


def _items_mention(items) -> bool:
    for it in items:
        if isinstance(it, Token):
            if (it.kind == "sysname" and it.text.upper() in _SYSTEM_VARIABLES) or (
                    it.kind == "function" and it.text == "⍎"):
                return True
        elif isinstance(it, Paren) and _items_mention(it.items) or isinstance(it, Bracket) and any(
                ix is not None and _items_mention(ix) for ix in it.indices):
            return True
    return False


class DfnFunction(Function):
    """{…} as a function, closed over the environment it was defined in."""

    name_class = 3.2

    def __init__(self, node, env: Env, operands=None, derived=None):
        self.node = node
        self.env = env
        self.operands = operands  # (⍺⍺, ⍵⍵) for a function derived from a dop
        self.derived = derived
        # f¨ may apply a pervasive dfn to the whole array at once (see Each)
        self.pervasive = operands is None and _pervasive_uses(node) == {"⍵"}
        self.pervasive_dyad = operands is None and _pervasive_uses(node) == {"⍺", "⍵"}
        self.localises = _may_set_system_variables(node)
        self.tier = None  # the compiled entry (None: not tried yet, False: the tier declined)

    def describe(self):
        return self.node.span.text[self.node.span.start:self.node.span.end]

    def name_in(self, env) -> str:
        """The name this dfn (or, derived from a dop, its operator) has in env or around it, for
        errors: `g` in `g[2]`; `{…}` for a dfn with no name."""
        target = self.derived if self.derived is not None else self
        e = env
        while e is not None:
            for name, value in e.vars.items():
                if value is target:
                    return name
            e = e.parent
        return "{…}"

    def monad(self, w):
        return self.call(None, w)

    def dyad(self, a, w):
        return self.call(a, w)

    def call(self, a, w):
        if type(w) is not np.ndarray and not is_array(w):
            w = np.asarray(w)
        if a is not None and type(a) is not np.ndarray and not is_array(a):
            a = np.asarray(a)
        tier = self.tier
        if tier is None and _TIER[0] is not None:
            tier = self.tier = _TIER[0](self)
        if tier:
            r = tier(a, w)
            if r is not FALLBACK:
                return r
        if self.localises:
            return self._run_localised(a, w)
        # the body (and its tail calls) in a new environment each time; kept in this one frame:
        # every Python frame a dfn call adds costs recursive dfns measurably
        while True:
            env = Env(self.env, dfn=self)
            env.vars["⍵"] = w
            if a is not None:
                env.vars["⍺"] = a
            if self.operands is not None:
                env.vars["⍺⍺"] = self.operands[0]
                if self.operands[1] is not None:
                    env.vars["⍵⍵"] = self.operands[1]
                env.vars["∇∇"] = self.derived
            result = run_body(self.node.body, env)
            if isinstance(result, TailCall):
                a, w = result.alpha, result.omega
                continue
            return _dfn_result(result)

    # many calls at once, run by the compiling tier when it can (None: the operator calls item by item)
    def each_items(self, w):
        """f¨w."""
        tier = self._tier()
        return tier.each(w) if tier else None

    def each_pairs(self, a, w, shape):
        """a f¨w, a and w conformed (a 0-d one stands for every item)."""
        tier = self._tier()
        return tier.each_pairs(a, w, shape) if tier else None

    def repeated(self, a, w, n):
        """f⍣n w, or a f⍣n w, for a count n ≥ 0."""
        tier = self._tier()
        return tier.repeat(a, w, n) if tier else None

    def _tier(self):
        tier = self.tier
        if tier is None and _TIER[0] is not None:
            tier = self.tier = _TIER[0](self)
        return tier

    def _run_localised(self, a, w):
        """call, for a dfn that may assign system variables: their values on entry come back
        when it returns, however it returns."""
        env = saved = None
        try:
            while True:
                env = Env(self.env, dfn=self)
                env.vars["⍵"] = w
                if a is not None:
                    env.vars["⍺"] = a
                if self.operands is not None:
                    env.vars["⍺⍺"] = self.operands[0]
                    if self.operands[1] is not None:
                        env.vars["⍵⍵"] = self.operands[1]
                    env.vars["∇∇"] = self.derived
                result = run_body(self.node.body, env)
                if isinstance(result, TailCall):
                    own = env.vars.get(SAVED_SETTINGS)
                    if own is not None:
                        saved = own if saved is None else {**own, **saved}
                    a, w = result.alpha, result.omega
                    continue
                return _dfn_result(result)
        finally:
            # system variables the dfn assigned are local to it (Dyalog): put back their values
            own = env.vars.get(SAVED_SETTINGS) if env is not None else None
            if own is not None:
                saved = own if saved is None else {**own, **saved}
            if saved is not None:
                restore_settings(saved)


def _dfn_result(result):
    if type(result) is np.ndarray or is_array(result):
        return result
    if isinstance(result, np.generic):
        return np.asarray(result)
    raise SyntaxError_("a dfn must return an array")


class DfnOperator(Operator):
    """{…⍺⍺…} or {…⍵⍵…}: an operator whose derived functions are dfns."""

    name_class = 4.2

    def __init__(self, node, env: Env):
        self.node = node
        self.env = env
        self.arity = 2 if node.kind == "D" else 1

    def derive(self, left, right=None, axis=None):
        if self.arity == 2 and right is None:
            raise SyntaxError_("this operator needs a right operand")
        return DfnFunction(self.node, self.env, (left, right), derived=self)  # ∇∇ is self

    def __repr__(self):
        return f"<APL operator {self.node.span.text[self.node.span.start:self.node.span.end]}>"


def outermost_dfn(node, env) -> DfnFunction:
    """The function of a dfn written in a session's (or a namespace's) outermost environment:
    one object per dfn text, so that evaluating the same line again finds its compiled form
    (inside a function call, where the environment is the call's, each evaluation makes its
    own: a cache there would keep the call's names alive)."""
    made = env.made_here()
    f = made.get(node)
    if f is None:
        f = made[node] = DfnFunction(node, env)
    return f
