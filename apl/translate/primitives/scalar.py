"""Scalar functions as PyTorch code: arithmetic, comparison, logic, powers and circles.

Each glyph that works item by item (+ - × ÷ * ⌈ ⌊ | = ≠ < ≤ > ≥ ∧ ∨ ⍲ ⍱ ⍟ ○ ! ~) becomes a
Python operator or a torch call when what is known of its arguments before they are computed
(their types, shapes and the largest magnitude they can hold: see code.Code) proves that torch
computes what APL does: shapes that agree or a scalar side, integers that cannot overflow, a
divisor that is not 0, floats that cannot reach infinity, integers too small for ⎕CT to matter.
Otherwise it calls the function of the same meaning in apl/translate/support.py, which the
module carries (`plus`, `divide`, `equal` …): those check at run time what could not be known.
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, broadcast_shape, call, result_kind
from ..native import NARROW, exact_comparison, made, reused, reused_monad

INT_LIMIT = 2.0**62  # integer arithmetic whose results stay below this cannot overflow int64
FLOAT_LIMIT = 1e300  # nor float arithmetic below this reach infinity
EXACT_LIMIT = 2.0**31  # integers below this compare exactly under ⎕CT

_REAL = (C.BOOL, C.INT, C.FLOAT, C.PYINT, C.PYFLOAT)
_WHOLE = (C.INT, C.PYINT)  # integer kinds of value (booleans are not: torch's bool arithmetic is not APL's)
_NUMBERS = (C.INT, C.FLOAT, C.PYINT, C.PYFLOAT)

_CIRCULAR = {1: "torch.sin", 2: "torch.cos", 3: "torch.tan", -3: "torch.atan", 7: "torch.tanh", -5: "torch.asinh",
             9: None, 10: "torch.abs"}


def _shapes_agree(a, w) -> bool:
    """Whether torch's broadcasting is APL's scalar extension here: a scalar side or one shape."""
    return a.is_python or w.is_python or a.rank == 0 or w.rank == 0 or (a.shape is not None and a.shape == w.shape)


def _bounded(*codes) -> bool:
    return all(c.bound is not None for c in codes)


def _helper(p, name, *args, kind=C.NUM, rank=None, shape=None, bound=None) -> Code:
    return call(p.use(name), *(x.text for x in args), kind=C.tensor_kind(kind), rank=rank, shape=shape, bound=bound)


def _result(a, w) -> str:
    """The kind of a helper's arithmetic result: float when a side is float, else unknown (an
    integer result may overflow to a float)."""
    if a.is_float or w.is_float:
        return C.FLOAT if a.kind in _REAL and w.kind in _REAL else C.NUM
    return C.NUM


def _double_tensors(p, a, w):
    """torch computes int-tensor ∘ Python-float in float32: make such tensors float64 first."""
    if a.kind == C.PYFLOAT and not w.is_python and w.kind != C.FLOAT:
        w = p.floated(w)
    if w.kind == C.PYFLOAT and not a.is_python and a.kind != C.FLOAT:
        a = p.floated(a)
    return a, w


# ------------------------------------------------------------------ scalar dyads
def _dyad(helper, plain=None, kind=_result):
    """A scalar dyad: plain(p, a, w, rank, shape) where it proves exact, else the helper."""
    def run(p, b, a, w):
        aligned = a.aligned or w.aligned
        rank, shape = broadcast_shape(a, w)
        if plain is not None and _fast(p, a, w) and not aligned and not _shapes_agree(a, w) and a.text != w.text:
            x, y = b.scope.fresh("x"), b.scope.fresh("y")  # APL's scalar extension, then torch's
            b.emit(f"{x}, {y} = {p.use('extend')}({a.text}, {w.text})")
            a, w = a.but(text=x, prec=C.ATOM, rank=None, shape=None), w.but(text=y, prec=C.ATOM, rank=None, shape=None)
            aligned = extended = True
        else:
            extended = False
        if plain is not None and (aligned or _shapes_agree(a, w) or a.text == w.text):
            p.block = b  # (for native.reused, which may bind a temporary)
            r = plain(p, a, w, rank, shape)
            if r is not None:
                return r
        k = kind(a, w)
        if p.fast and helper in ("apl_and", "apl_or") and k == C.FLOAT:
            k = C.NUM  # (booleans where both sides hold only 0 and 1: exactness matters under ranks=)
        if aligned and not extended:  # views lined up by the caller: torch's broadcasting is the meaning
            return call(p.use("lined_up"), p.use(helper), p.tensor(a).text, p.tensor(w).text, kind=k,
                        rank=rank, shape=shape)
        return _helper(p, helper, a, w, kind=k, rank=rank, shape=shape)

    return run


def _fast(p, *codes) -> bool:
    """Whether the function is written for float tensors (ranks=) and these are floats or
    Python numbers: torch's float arithmetic, its result raw (TorchPrinter.raw)."""
    return p.fast and C.fast_floats(*codes)


def _additive(op):
    def plain(p, a, w, rank, shape):
        if _fast(p, a, w):
            r = made(binary(op, a, w, C.MUL if op == "*" else C.ADD, C.FLOAT, rank, shape), a, w)
            return p.raw(reused(p, op, a, w, r))
        if a.kind not in _NUMBERS or w.kind not in _NUMBERS or not _bounded(a, w):
            return None
        bound = (a.bound + w.bound) if op != "*" else a.bound * w.bound
        if bound >= (FLOAT_LIMIT if a.is_float or w.is_float else INT_LIMIT):
            return None
        a, w = _double_tensors(p, a, w)
        return binary(op, a, w, C.MUL if op == "*" else C.ADD, result_kind(a, w), rank, shape, bound)

    return plain


def _nonzero(c) -> float | None:
    """The magnitude of a Python number that is not 0, else None."""
    try:
        v = abs(complex(c.text))
    except ValueError:
        return None
    return v if c.is_python and v != 0 else None


def _divide(p, a, w, rank, shape):
    if _fast(p, a, w):
        return p.raw(reused(p, "/", a, w, made(binary("/", a, w, C.MUL, C.FLOAT, rank, shape), a, w)))
    d = _nonzero(w)
    if d is None or a.kind not in _NUMBERS or a.bound is None or a.bound / d >= FLOAT_LIMIT:
        return None
    if a.is_python:
        return binary("/", a, w, C.MUL, C.PYFLOAT, 0, (), a.bound / d)
    return binary("/", p.floated(a), w, C.MUL, C.FLOAT, rank, shape, a.bound / d)


def _power(p, a, w, rank, shape):
    if _fast(p, a, w) and w.is_python:
        return p.raw(made(binary("**", a, w, C.POW, C.FLOAT, rank, shape), a, w))
    n = C.literal_int(w)
    if n is None or n < 0 or n > 64 or a.kind not in _NUMBERS or a.bound is None or a.bound > 2.0**64:
        return None
    bound = max(a.bound, 1.0) ** n
    if bound >= (FLOAT_LIMIT if a.is_float else INT_LIMIT):
        return None
    return binary("**", a, w, C.POW, a.kind, rank, shape, bound)


def _extreme(name, clamp):
    def plain(p, a, w, rank, shape):
        if a.kind not in _REAL or w.kind not in _REAL:
            return None
        bound = max(a.bound, w.bound) if _bounded(a, w) else None
        if a.is_python and w.is_python:  # (Python's max keeps the type of the larger)
            r = call("max" if name == "torch.maximum" else "min", a.text, w.text, kind=result_kind(a, w),
                     rank=0, shape=(), bound=bound)
            return call("float", r.text, kind=C.PYFLOAT, rank=0, shape=(), bound=bound) if r.is_float else r
        if a.is_python:
            a, w = w, a
        a, w = _double_tensors(p, a, w)
        small = w.bound is not None and w.bound <= NARROW["float32"]
        if w.is_python and p.fast and p.dtype != "float64" and not small:
            return None  # (float tensors that may be float32: torch refuses a number beyond their range)
        if w.is_python:
            return call("torch.clamp", a.text, f"{clamp}={w.text}", kind=result_kind(a, w), rank=rank, shape=shape,
                        bound=bound)
        return call(name, a.text, w.text, kind=result_kind(a, w), rank=rank, shape=shape, bound=bound)

    return plain


def _residue(p, a, w, rank, shape):
    if C.literal_int(a) is None or _nonzero(a) is None or w.kind not in _WHOLE:
        return None
    bound = abs(C.literal_int(a))
    if w.is_python:
        return binary("%", w, a, C.MUL, C.PYINT, 0, (), bound)
    return call("torch.remainder", w.text, a.text, kind=C.INT, rank=rank, shape=shape, bound=bound)


_FLOAT_COMPARISONS = {"<": ("float_less", False), "<=": ("float_less_equal", False), ">": ("float_less", True),
                      ">=": ("float_less_equal", True), "==": ("close", False), "!=": ("close", False)}


_HOST_COMPARISONS = {"float_less": "host_less", "float_less_equal": "host_less_equal", "close": "host_close"}


def _compare(op):
    def plain(p, a, w, rank, shape):
        if _fast(p, a, w) and exact_comparison(p, a, w):  # (⎕CT below the dtype's resolution)
            return binary(op, a, w, C.CMP, C.BOOL, rank, shape, 1.0)
        if _fast(p, a, w) and not (a.is_python and w.is_python):  # tolerant, on the floats as they are
            name, swap = _FLOAT_COMPARISONS[op]
            if p.dtype == "float64" and a.rank == 0 and w.rank == 0:  # two scalars: on the host
                name = _HOST_COMPARISONS[name]
            x, y = (w, a) if swap else (a, w)
            r = call(p.use(name), x.text, y.text, kind=C.BOOL, rank=rank, shape=shape, bound=1.0)
            return call("torch.logical_not", r.text, kind=C.BOOL, rank=rank, shape=shape) if op == "!=" else r
        exact = a.kind in _REAL and w.kind in _REAL and not (a.is_float or w.is_float)
        small = (a.bound is not None and a.bound < EXACT_LIMIT) or (w.bound is not None and w.bound < EXACT_LIMIT)
        if not exact or not (small or (a.kind == C.BOOL or w.kind == C.BOOL)):
            return None
        if a.is_python and w.is_python:
            a = p.tensor(a)
        return binary(op, a, w, C.CMP, C.BOOL, rank, shape, 1.0)

    return plain


def _logical(op):
    def plain(p, a, w, rank, shape):
        if a.kind != C.BOOL or w.kind != C.BOOL:
            return None
        r = binary(op, a, w, C.BAND if op == "&" else C.BOR, C.BOOL, rank, shape, 1.0)
        return r

    return plain


def _negated_logical(op):
    def plain(p, a, w, rank, shape):
        if a.kind != C.BOOL or w.kind != C.BOOL:
            return None
        inner = binary(op, a, w, C.BAND if op == "&" else C.BOR, C.BOOL)
        return call("torch.logical_not", inner.text, kind=C.BOOL, rank=rank, shape=shape, bound=1.0)

    return plain


_FAST_CIRCULAR = {**{k: v for k, v in _CIRCULAR.items() if v}, -1: "torch.asin", -2: "torch.acos", 5: "torch.sinh",
                  6: "torch.cosh", -6: "torch.acosh", -7: "torch.atanh"}


def circular(p, b, a, w):
    rank, shape = broadcast_shape(a, w)
    if _fast(p, w) and C.literal_int(a) in _FAST_CIRCULAR:  # (a complex result shows as a NaN: DOMAIN ERROR)
        fn = _FAST_CIRCULAR[C.literal_int(a)]
        return p.raw(reused_monad(p, fn, w, made(call(fn, w.text, kind=C.FLOAT, rank=w.rank, shape=w.shape), w)))
    if w.kind in _REAL and C.literal_int(a) in _CIRCULAR:
        k = C.literal_int(a)
        if k == 9:
            return p.tensor(w) if w.kind != C.BOOL else w
        x = p.floated(p.tensor(w))
        return call(_CIRCULAR[k], x.text, kind=C.FLOAT, rank=w.rank, shape=w.shape,
                    bound=w.bound if k == 10 else None)
    return _helper(p, "circle", a, w, rank=rank, shape=shape)


def _unknown(a, w):
    return C.NUM


def _comparison_kind(a, w):
    return C.BOOL


def _float_kind(a, w):
    return C.FLOAT if a.kind in _REAL and w.kind in _REAL else C.NUM


def _same_kind(a, w):
    return result_kind(a, w) if a.kind in _REAL and w.kind in _REAL and C.BOOL not in (a.kind, w.kind) else C.NUM


# ------------------------------------------------------------------ the renderings the registry names
# (apl/glyphs: "scalar.add" is `add` here)
add = _dyad("plus", _additive("+"))
subtract = _dyad("minus", _additive("-"))
multiply = _dyad("times", _additive("*"))
divide = _dyad("divide", _divide, _float_kind)
power = _dyad("power", _power, _unknown)
residue = _dyad("residue", _residue)
maximum = _dyad("maximum", _extreme("torch.maximum", "min"), _same_kind)
minimum = _dyad("minimum", _extreme("torch.minimum", "max"), _same_kind)
equal = _dyad("equal", _compare("=="), _comparison_kind)
not_equal = _dyad("not_equal", _compare("!="), _comparison_kind)
less = _dyad("less", _compare("<"), _comparison_kind)
less_equal = _dyad("less_equal", _compare("<="), _comparison_kind)
greater = _dyad("greater", _compare(">"), _comparison_kind)
greater_equal = _dyad("greater_equal", _compare(">="), _comparison_kind)
and_ = _dyad("apl_and", _logical("&"))
or_ = _dyad("apl_or", _logical("|"))
nand = _dyad("nand", _negated_logical("&"), _comparison_kind)
nor = _dyad("nor", _negated_logical("|"), _comparison_kind)
log = _dyad("log", None, _unknown)
binomial = _dyad("binomial", None, _unknown)


# ------------------------------------------------------------------ scalar monads
def same(p, b, w):
    return w


def conjugate(p, b, w):
    """+: real numbers are their own conjugates."""
    if w.kind in _REAL:
        return w
    return _helper(p, "conjugate", w, rank=w.rank, shape=w.shape)


def negate(p, b, w):
    if _fast(p, w):
        return reused_monad(p, "-", w, made(Code("-" + w.at_least(C.UNARY), C.FLOAT, C.UNARY, w.rank, w.shape), w))
    if w.is_python and w.kind in _NUMBERS:
        if w.text.startswith("-") and _nonzero(w.but(text=w.text[1:])) is not None:  # a literal number
            return Code(w.text[1:], w.kind, C.ATOM, 0, (), w.bound)
        return Code("-" + w.at_least(C.UNARY), w.kind, C.UNARY, 0, (), w.bound)
    if w.kind == C.FLOAT or (w.kind == C.INT and w.bound is not None and w.bound < INT_LIMIT):
        return Code("-" + w.at_least(C.UNARY), w.kind, C.UNARY, w.rank, w.shape, w.bound)
    return _helper(p, "negate", w, kind=C.NUM if w.kind not in _REAL else C.FLOAT if w.is_float else C.NUM,
                   rank=w.rank, shape=w.shape, bound=w.bound)


def signum(p, b, w):
    """×: ¯1 0 1 as integers."""
    if w.kind in _REAL:
        x = p.tensor(w)
        if x.kind == C.BOOL:
            return x
        s = call("torch.sign", x.text, kind=x.kind, rank=w.rank, shape=w.shape)
        return s if x.kind == C.INT else C.method(s, "long", kind=C.INT, rank=w.rank, shape=w.shape, bound=1.0)
    return _helper(p, "signum", w, rank=w.rank, shape=w.shape)


def reciprocal(p, b, w):
    if _fast(p, w):
        return p.raw(made(binary("/", Code("1", C.PYINT), w, C.MUL, C.FLOAT, w.rank, w.shape), w))
    d = _nonzero(w)
    if d is not None and w.kind in _NUMBERS and 1 / d < FLOAT_LIMIT:
        return binary("/", Code("1", C.PYINT), w, C.MUL, C.PYFLOAT, 0, (), 1 / d)
    return _helper(p, "reciprocal", w, kind=C.FLOAT if w.kind in _REAL else C.NUM, rank=w.rank, shape=w.shape)


def exp(p, b, w):
    if _fast(p, w):
        r = made(call("torch.exp", w.text, kind=C.FLOAT, rank=w.rank, shape=w.shape), w)
        return p.raw(reused_monad(p, "torch.exp", w, r))
    if w.kind in _NUMBERS and w.bound is not None and w.bound < 700:
        x = p.floated(p.tensor(w))
        return call("torch.exp", x.text, kind=C.FLOAT, rank=w.rank, shape=w.shape)
    return _helper(p, "exp", w, kind=C.FLOAT if w.kind in _REAL else C.NUM, rank=w.rank, shape=w.shape)


def ln(p, b, w):
    if _fast(p, w):
        r = made(call("torch.log", w.text, kind=C.FLOAT, rank=w.rank, shape=w.shape), w)
        return p.raw(reused_monad(p, "torch.log", w, r))
    return _helper(p, "ln", w, rank=w.rank, shape=w.shape)


def magnitude(p, b, w):
    if _fast(p, w):
        r = made(call("torch.abs", w.text, kind=C.FLOAT, rank=w.rank, shape=w.shape), w)
        return reused_monad(p, "torch.abs", w, r)
    if w.kind == C.FLOAT or (w.kind == C.INT and w.bound is not None and w.bound < INT_LIMIT):
        return call("torch.abs", w.text, kind=w.kind, rank=w.rank, shape=w.shape, bound=w.bound)
    if w.is_python and w.kind in _NUMBERS:
        return call("abs", w.text, kind=w.kind, rank=0, shape=(), bound=w.bound)
    return _helper(p, "magnitude", w, kind=C.FLOAT if w.kind == C.FLOAT else C.NUM, rank=w.rank, shape=w.shape,
                   bound=w.bound)


def _rounding(name):
    def run(p, b, w):
        if w.kind in (C.INT, C.PYINT, C.BOOL):
            return w
        return _helper(p, name, w, rank=w.rank, shape=w.shape,
                       bound=None if w.bound is None else w.bound + 1)

    return run


ceiling = _rounding("ceiling")
floor = _rounding("floor")


def factorial(p, b, w):
    return _helper(p, "factorial", w, rank=w.rank, shape=w.shape)


def pi_times(p, b, w):
    if _fast(p, w):
        pi = Code("torch.pi", C.PYFLOAT)
        return p.raw(reused(p, "*", pi, w, made(binary("*", pi, w, C.MUL, C.FLOAT, w.rank, w.shape), w)))
    if w.kind in _NUMBERS and w.bound is not None and w.bound < FLOAT_LIMIT:
        x = w if w.is_python else p.floated(w)
        bound = 3.2 * w.bound
        return binary("*", Code("torch.pi", C.PYFLOAT), x, C.MUL, C.FLOAT if not w.is_python else C.PYFLOAT,
                      w.rank, w.shape, bound)
    return _helper(p, "pi_times", w, kind=C.FLOAT if w.kind in _REAL else C.NUM, rank=w.rank, shape=w.shape)


def not_(p, b, w):
    if w.kind == C.BOOL:
        return call("torch.logical_not", w.text, kind=C.BOOL, rank=w.rank, shape=w.shape, bound=1.0)
    return _helper(p, "logical_not", w, kind=C.BOOL, rank=w.rank, shape=w.shape, bound=1.0)
