"""Scalar functions as PyTorch code: arithmetic, comparison, logic, powers and circles.

Each glyph that works item by item (+ - × ÷ * ⌈ ⌊ | = ≠ < ≤ > ≥ ∧ ∨ ⍲ ⍱ ⍟ ○ ! ~) becomes an
operator or an element-wise torch call; the tables here are the bulk of the primitives, kept
apart from the structural and selection functions.
"""
from __future__ import annotations

from .. import code as C
from ..code import Code, binary, boolean, broadcast_shape, call, result_kind
from ..fn import nonce

_CIRCULAR = {
    1: "torch.sin", 2: "torch.cos", 3: "torch.tan", 5: "torch.sinh", 6: "torch.cosh", 7: "torch.tanh",
    -1: "torch.asin", -2: "torch.acos", -3: "torch.atan", -5: "torch.asinh", -6: "torch.acosh",
    -7: "torch.atanh", 9: "torch.real", 11: "torch.imag", 10: "torch.abs", 12: "torch.angle",
}


def _shape_of(a, w):
    return broadcast_shape(a, w)


# ------------------------------------------------------------------ scalar dyads
def _double_tensors(p, a, w):
    """torch computes int-tensor ∘ Python-float in float32: make such tensors float64 first."""
    if a.kind in (C.PYFLOAT, C.PYCOMPLEX) and not w.is_python and w.kind != C.FLOAT:
        w = p.floated(w)
    if w.kind in (C.PYFLOAT, C.PYCOMPLEX) and not a.is_python and a.kind != C.FLOAT:
        a = p.floated(a)
    return a, w


def _arith(op, prec):
    def run(p, b, a, w):
        if a.is_python and w.is_python:
            kind = result_kind(a, w)
            return binary(op, a, w, prec, kind, 0, ())
        rank, shape = _shape_of(a, w)
        a, w = _double_tensors(p, a, w)
        return binary(op, a, w, prec, result_kind(a, w), rank, shape)

    return run


def divide(p, b, a, w):
    rank, shape = _shape_of(a, w)
    if a.is_python and w.is_python:
        kind = C.PYCOMPLEX if C.PYCOMPLEX in (a.kind, w.kind) else C.PYFLOAT
        return binary("/", a, w, C.MUL, kind, 0, ())
    if not a.is_float and not w.is_float:
        if not a.is_python:
            a = p.floated(a)
        else:
            w = p.floated(w)
    return binary("/", a, w, C.MUL, C.FLOAT, rank, shape)


def power(p, b, a, w):
    rank, shape = _shape_of(a, w)
    if a.is_python and w.is_python:
        kind = result_kind(a, w)
        if a.text.lstrip("(").startswith("-") and kind == C.PYFLOAT:
            kind = C.PYCOMPLEX  # a negative base to a fractional power is complex, in APL and Python
        return binary("**", a, w, C.POW, kind, 0, ())
    exact_int = w.kind == C.PYINT and not w.text.startswith("-") and a.kind in (C.INT, C.PYINT)
    if exact_int:
        return binary("**", a, w, C.POW, C.INT, rank, shape)
    # a float result: every tensor operand in float64 (torch would otherwise choose float32)
    if not a.is_python and a.kind != C.FLOAT:
        a = p.floated(a)
    if not w.is_python and w.kind != C.FLOAT:
        w = p.floated(w)
    if a.is_python and w.is_python:
        a = p.floated(a)
    return binary("**", a, w, C.POW, C.FLOAT, rank, shape)


def _extreme(name, clamp):
    def run(p, b, a, w):
        rank, shape = _shape_of(a, w)
        if a.is_python and w.is_python:
            return call("max" if name == "torch.maximum" else "min", a.text, w.text,
                        kind=result_kind(a, w), rank=0, shape=())
        if a.is_python:
            a, w = w, a
        a, w = _double_tensors(p, a, w)
        if w.is_python:
            return call("torch.clamp", a.text, f"{clamp}={w.text}", kind=result_kind(a, w), rank=rank, shape=shape)
        return call(name, a.text, w.text, kind=result_kind(a, w), rank=rank, shape=shape)

    return run


def residue(p, b, a, w):
    rank, shape = _shape_of(a, w)
    if a.is_python and _nonzero_literal(a):
        if w.is_python:
            return binary("%", w, a, C.MUL, result_kind(a, w), 0, ())
        return call("torch.remainder", w.text, a.text, kind=result_kind(a, w), rank=rank, shape=shape)
    kind = result_kind(p.tensor(a), p.tensor(w))  # the helper gives a tensor, even of Python numbers
    return call(p.use("residue"), a.text, w.text, kind=kind, rank=rank, shape=shape)


def _nonzero_literal(c):
    try:
        return float(c.text) != 0
    except ValueError:
        return False


def _compare(op, tolerant_name=None):
    def run(p, b, a, w):
        rank, shape = _shape_of(a, w)
        if a.is_python and w.is_python:
            a = p.tensor(a)
        exact = a.kind in (C.INT, C.PYINT, C.BOOL) and w.kind in (C.INT, C.PYINT, C.BOOL)
        if tolerant_name and not exact:
            ta, tw = _isclose_operands(p, a, w)
            t = call("torch.isclose", ta.text, tw.text, "rtol=1e-14", "atol=0", kind=C.BOOL, rank=rank, shape=shape)
            return t if tolerant_name == "eq" else call("torch.logical_not", t.text, kind=C.BOOL, rank=rank, shape=shape)
        return binary(op, a, w, C.CMP, C.BOOL, rank, shape)

    return run


def _isclose_operands(p, a, w):
    """a and w as tensors for isclose, which takes no integer tensor beside a float one: an integer
    side known to meet a float side is made double."""
    a, w = p.tensor(a), p.tensor(w)
    if a.kind in (C.INT, C.BOOL) and w.kind == C.FLOAT:
        a = p.floated(a)
    if w.kind in (C.INT, C.BOOL) and a.kind == C.FLOAT:
        w = p.floated(w)
    return a, w


def _logical(op, int_fn):
    def run(p, b, a, w):
        rank, shape = _shape_of(a, w)
        ba, bw = boolean(a), boolean(w)
        if ba is not None and bw is not None and not (a.is_python and w.is_python):
            a, w = ba, bw
        if a.kind == C.BOOL and w.kind == C.BOOL:
            return binary(op, a, w, C.BAND if op == "&" else C.BOR, C.BOOL, rank, shape)
        if a.kind in (C.INT, C.PYINT, C.BOOL) and w.kind in (C.INT, C.PYINT, C.BOOL):
            return call(int_fn, p.tensor(a).text, p.tensor(w).text, kind=C.INT, rank=rank, shape=shape)
        helper = p.use("apl_and" if op == "&" else "apl_or")
        return call(helper, a.text, w.text, kind=C.NUM, rank=rank, shape=shape)

    return run


def _not_logical(op):
    def run(p, b, a, w):
        rank, shape = _shape_of(a, w)
        ba, bw = boolean(a), boolean(w)
        if ba is not None and bw is not None and not (a.is_python and w.is_python):
            a, w = ba, bw
        if a.kind == C.BOOL and w.kind == C.BOOL:
            inner = binary(op, a, w, C.BAND if op == "&" else C.BOR, C.BOOL)
            return call("torch.logical_not", inner.text, kind=C.BOOL, rank=rank, shape=shape)
        raise nonce("⍲ and ⍱ on values not known to be boolean")

    return run


def log(p, b, a, w):
    rank, shape = _shape_of(a, w)
    num = call("torch.log", p.floated(p.tensor(w)).text, kind=C.FLOAT)
    den = call("torch.log", p.floated(p.tensor(a)).text, kind=C.FLOAT)
    return binary("/", num, den, C.MUL, C.FLOAT, rank, shape)


def circular(p, b, a, w):
    if a.kind != C.PYINT:
        raise nonce("○ with a computed left argument")
    k = int(a.text)
    x = p.floated(p.tensor(w))
    if k in _CIRCULAR:
        return call(_CIRCULAR[k], x.text, kind=C.FLOAT, rank=w.rank, shape=w.shape)
    if k == 0:
        inner = binary("-", Code("1", C.PYINT), binary("**", x, Code("2", C.PYINT), C.POW, C.FLOAT), C.ADD, C.FLOAT)
        return call("torch.sqrt", inner.text, kind=C.FLOAT, rank=w.rank, shape=w.shape)
    if k == 4:
        inner = binary("+", Code("1", C.PYINT), binary("**", x, Code("2", C.PYINT), C.POW, C.FLOAT), C.ADD, C.FLOAT)
        return call("torch.sqrt", inner.text, kind=C.FLOAT, rank=w.rank, shape=w.shape)
    raise nonce(f"{k}○")




# ------------------------------------------------------------------ scalar monads
def same(p, b, w):
    return w


def negate(p, b, w):
    if w.is_python:
        if w.text.startswith("-"):
            return Code(w.text[1:], w.kind, C.ATOM, 0, ())
        return Code("-" + w.text, w.kind, C.UNARY, 0, ())
    return Code("-" + w.at_least(C.UNARY), w.kind, C.UNARY, w.rank, w.shape)


def _torch_fn(name, kind=None, floated=False):
    def run(p, b, w):
        x = p.tensor(w)
        if floated:
            x = p.floated(x)
        return call(name, x.text, kind=kind or (C.FLOAT if floated else x.kind), rank=w.rank, shape=w.shape)

    return run


def reciprocal(p, b, w):
    if w.is_python:
        return binary("/", Code("1", C.PYINT), w, C.MUL, C.PYFLOAT, 0, ())
    return binary("/", Code("1", C.PYINT), p.floated(w), C.MUL, C.FLOAT, w.rank, w.shape)


def _rounding(name):
    def run(p, b, w):
        if w.kind in (C.INT, C.PYINT, C.BOOL):
            return w
        return call(name, p.tensor(w).text, kind=C.FLOAT, rank=w.rank, shape=w.shape)

    return run


def factorial(p, b, w):
    x = p.floated(p.tensor(w))
    inner = binary("+", x, Code("1", C.PYINT), C.ADD, C.FLOAT)
    return call("torch.exp", call("torch.lgamma", inner.text).text, kind=C.FLOAT, rank=w.rank, shape=w.shape)


def pi_times(p, b, w):
    return binary("*", Code("torch.pi", C.PYFLOAT), w, C.MUL, C.FLOAT if not w.is_python else C.PYFLOAT,
                  w.rank, w.shape)


def not_(p, b, w):
    return call("torch.logical_not", p.tensor(w).text, kind=C.BOOL, rank=w.rank, shape=w.shape)


# ------------------------------------------------------------------ the renderings the registry names
# (apl/glyphs: "scalar.add" is `add` here); the others are the functions above
add = _arith("+", C.ADD)
subtract = _arith("-", C.ADD)
multiply = _arith("*", C.MUL)
maximum = _extreme("torch.maximum", "min")
minimum = _extreme("torch.minimum", "max")
equal = _compare("==", "eq")
not_equal = _compare("!=", "ne")
less = _compare("<")
less_equal = _compare("<=")
greater = _compare(">")
greater_equal = _compare(">=")
and_ = _logical("&", "torch.lcm")
or_ = _logical("|", "torch.gcd")
nand = _not_logical("&")
nor = _not_logical("|")


def conjugate(p, b, w):
    """+: real numbers are their own conjugates; complex ones (or a tensor of unknown kind) are not."""
    if w.kind == C.PYCOMPLEX:
        return Code(f"{w.atom()}.conjugate()", C.PYCOMPLEX, C.ATOM, 0, ())
    if w.kind == C.NUM:
        return call("torch.conj_physical", w.text, kind=C.NUM, rank=w.rank, shape=w.shape)
    return w


def signum(p, b, w):
    """×: torch.sign for real numbers; torch.sgn (⍵÷|⍵) also for complex ones."""
    x = p.tensor(w)
    name = "torch.sgn" if x.kind == C.NUM else "torch.sign"
    return call(name, x.text, kind=x.kind, rank=w.rank, shape=w.shape)


exp = _torch_fn("torch.exp", floated=True)
ln = _torch_fn("torch.log", floated=True)
magnitude = _torch_fn("torch.abs")
ceiling = _rounding("torch.ceil")
floor = _rounding("torch.floor")


def binomial(p, b, a, w):
    rank, shape = _shape_of(a, w)
    return call(p.use("binomial"), p.tensor(a).text, p.tensor(w).text, kind=C.FLOAT, rank=rank, shape=shape)
