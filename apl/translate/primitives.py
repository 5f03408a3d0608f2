"""Primitive functions as PyTorch code: the tensor expression each glyph becomes."""
from __future__ import annotations

from . import code as C
from .code import Code, binary, broadcast_shape, call, method, result_kind

_CIRCULAR = {
    1: "torch.sin", 2: "torch.cos", 3: "torch.tan", 5: "torch.sinh", 6: "torch.cosh", 7: "torch.tanh",
    -1: "torch.asin", -2: "torch.acos", -3: "torch.atan", -5: "torch.asinh", -6: "torch.acosh",
    -7: "torch.atanh", 9: "torch.real", 11: "torch.imag", 10: "torch.abs", 12: "torch.angle",
}


def nonce(what):
    from ..errors import NonceError

    return NonceError(f"cannot translate {what}")


def primitive(p, glyph):
    """The Fn for a primitive glyph, or None when the translator has no exact rendering."""
    from .printer import Fn

    if glyph in _SCALAR_DYADS or glyph in _SCALAR_MONADS:
        m = _SCALAR_MONADS.get(glyph)
        d = _SCALAR_DYADS.get(glyph)
        return Fn(_need(m and (lambda b, w: m(p, b, w)), glyph, "monadic"),
                  _need(d and (lambda b, a, w: d(p, b, a, w)), glyph, "dyadic"), glyph, scalar=glyph)
    m = _MONADS.get(glyph)
    d = _DYADS.get(glyph)
    if m is None and d is None:
        return None
    return Fn(_need(m and (lambda b, w: m(p, b, w)), glyph, "monadic"),
              _need(d and (lambda b, a, w: d(p, b, a, w)), glyph, "dyadic"), glyph)


def _need(f, glyph, valence):
    if f:
        return f

    def refuse(*args):
        raise nonce(f"{valence} {glyph}")

    return refuse


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


def _divide(p, b, a, w):
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


def _power(p, b, a, w):
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


def _residue(p, b, a, w):
    rank, shape = _shape_of(a, w)
    if a.is_python and _nonzero_literal(a):
        if w.is_python:
            return binary("%", w, a, C.MUL, result_kind(a, w), 0, ())
        return call("torch.remainder", w.text, a.text, kind=result_kind(a, w), rank=rank, shape=shape)
    return call(p.use("residue"), a.text, w.text, kind=result_kind(a, w), rank=rank, shape=shape)


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
            t = call("torch.isclose", p.tensor(a).text, p.tensor(w).text, "rtol=1e-14", "atol=0",
                     kind=C.BOOL, rank=rank, shape=shape)
            return t if tolerant_name == "eq" else call("torch.logical_not", t.text, kind=C.BOOL, rank=rank, shape=shape)
        return binary(op, a, w, C.CMP, C.BOOL, rank, shape)

    return run


def _boolean(c: Code):
    """c as a bool tensor when it is one, or a literal of 0s and 1s; else None."""
    if c.kind == C.BOOL:
        return c
    vals = _literal_ints(c)
    if vals is not None and set(vals) <= {0, 1}:
        if c.is_python:
            return Code("True" if vals[0] else "False", C.BOOL, C.ATOM, 0, ())
        return method(c, "bool", kind=C.BOOL, rank=c.rank, shape=c.shape)
    return None


def _logical(op, int_fn):
    def run(p, b, a, w):
        rank, shape = _shape_of(a, w)
        ba, bw = _boolean(a), _boolean(w)
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
        ba, bw = _boolean(a), _boolean(w)
        if ba is not None and bw is not None and not (a.is_python and w.is_python):
            a, w = ba, bw
        if a.kind == C.BOOL and w.kind == C.BOOL:
            inner = binary(op, a, w, C.BAND if op == "&" else C.BOR, C.BOOL)
            return call("torch.logical_not", inner.text, kind=C.BOOL, rank=rank, shape=shape)
        raise nonce("⍲ and ⍱ on values not known to be boolean")

    return run


def _log(p, b, a, w):
    rank, shape = _shape_of(a, w)
    num = call("torch.log", p.floated(p.tensor(w)).text, kind=C.FLOAT)
    den = call("torch.log", p.floated(p.tensor(a)).text, kind=C.FLOAT)
    return binary("/", num, den, C.MUL, C.FLOAT, rank, shape)


def _circular(p, b, a, w):
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


_SCALAR_DYADS = {
    "+": _arith("+", C.ADD),
    "-": _arith("-", C.ADD),
    "×": _arith("*", C.MUL),
    "÷": _divide,
    "*": _power,
    "⌈": _extreme("torch.maximum", "min"),
    "⌊": _extreme("torch.minimum", "max"),
    "|": _residue,
    "=": _compare("==", "eq"),
    "≠": _compare("!=", "ne"),
    "<": _compare("<"),
    "≤": _compare("<="),
    ">": _compare(">"),
    "≥": _compare(">="),
    "∧": _logical("&", "torch.lcm"),
    "∨": _logical("|", "torch.gcd"),
    "⍲": _not_logical("&"),
    "⍱": _not_logical("|"),
    "⍟": _log,
    "○": _circular,
    "!": lambda p, b, a, w: call(p.use("binomial"), p.tensor(a).text, p.tensor(w).text, kind=C.FLOAT,
                                 rank=_shape_of(a, w)[0], shape=_shape_of(a, w)[1]),
}


# ------------------------------------------------------------------ scalar monads
def _same(p, b, w):
    return w


def _negate(p, b, w):
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


def _reciprocal(p, b, w):
    if w.is_python:
        return binary("/", Code("1", C.PYINT), w, C.MUL, C.PYFLOAT, 0, ())
    return binary("/", Code("1", C.PYINT), p.floated(w), C.MUL, C.FLOAT, w.rank, w.shape)


def _rounding(name):
    def run(p, b, w):
        if w.kind in (C.INT, C.PYINT, C.BOOL):
            return w
        return call(name, p.tensor(w).text, kind=C.FLOAT, rank=w.rank, shape=w.shape)

    return run


def _factorial(p, b, w):
    x = p.floated(p.tensor(w))
    inner = binary("+", x, Code("1", C.PYINT), C.ADD, C.FLOAT)
    return call("torch.exp", call("torch.lgamma", inner.text).text, kind=C.FLOAT, rank=w.rank, shape=w.shape)


def _pi_times(p, b, w):
    return binary("*", Code("torch.pi", C.PYFLOAT), w, C.MUL, C.FLOAT if not w.is_python else C.PYFLOAT,
                  w.rank, w.shape)


def _not(p, b, w):
    return call("torch.logical_not", p.tensor(w).text, kind=C.BOOL, rank=w.rank, shape=w.shape)


_SCALAR_MONADS = {
    "+": _same,
    "-": _negate,
    "×": _torch_fn("torch.sign"),
    "÷": _reciprocal,
    "*": _torch_fn("torch.exp", floated=True),
    "⍟": _torch_fn("torch.log", floated=True),
    "|": _torch_fn("torch.abs"),
    "⌈": _rounding("torch.ceil"),
    "⌊": _rounding("torch.floor"),
    "!": _factorial,
    "○": _pi_times,
    "~": _not,
}


# ------------------------------------------------------------------ structural
def boolean(c: Code):
    return _boolean(c)


def _literal_ints(c: Code):
    """The whole numbers a literal stands for, or None when they are computed."""
    t = c.text
    if c.shape == (0,) and c.kind == C.INT and t.startswith("torch.zeros(0"):
        return []
    try:
        if c.kind == C.PYINT:
            return [int(t)]
        if t.startswith("torch.tensor([") and t.endswith("])") and c.kind == C.INT:
            return [int(x) for x in t[len("torch.tensor(["):-2].split(",")]
    except ValueError:
        return None
    return None


def _shape(p, b, w):
    if w.is_python:
        return Code("torch.zeros(0, dtype=torch.int64)", C.INT, C.ATOM, 1, (0,))
    return call("torch.tensor", f"{w.atom()}.shape", kind=C.INT, rank=1)


def _reshape(p, b, a, w):
    dims = _literal_ints(a)
    w = p.tensor(w)
    if dims is not None:
        n = 1
        for d in dims:
            n *= d
        shape_text = ", ".join(str(d) for d in dims)
        size = None if w.shape is None else _prod(w.shape)
        if size == n:
            return method(w, "reshape", shape_text, kind=w.kind, rank=len(dims), shape=tuple(dims))
        tup = f"({shape_text},)" if len(dims) == 1 else f"({shape_text})"
        return call(p.use("reshape"), w.text, tup, kind=w.kind, rank=len(dims), shape=tuple(dims))
    return call(p.use("reshape"), w.text, f"tuple({p.tensor(a).text}.flatten().tolist())", kind=w.kind)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _ravel(p, b, w):
    w = p.tensor(w)
    size = None if w.shape is None else _prod(w.shape)
    return method(w, "flatten", kind=w.kind, rank=1, shape=None if size is None else (size,))


def _catenate(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank == 1 and w.rank == 1:
        n = None if a.shape is None or w.shape is None else (a.shape[0] + w.shape[0],)
        return call("torch.cat", f"[{a.text}, {w.text}]", kind=result_kind(a, w), rank=1, shape=n)
    if a.rank is not None and a.rank == w.rank and a.rank >= 1:
        return call("torch.cat", f"[{a.text}, {w.text}]", "dim=-1", kind=result_kind(a, w), rank=a.rank)
    return call(p.use("catenate"), a.text, w.text, kind=result_kind(a, w))


def _table(p, b, w):
    w = p.tensor(w)
    if w.rank == 0:
        return method(w, "reshape", "1", "1", kind=w.kind, rank=2, shape=(1, 1))
    if w.rank == 1:
        return method(w, "reshape", "-1", "1", kind=w.kind, rank=2)
    return method(w, "reshape", f"{w.atom()}.shape[0]", "-1", kind=w.kind, rank=2)


def _catenate_first(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    if a.rank is not None and a.rank == w.rank and a.rank >= 1:
        return call("torch.cat", f"[{a.text}, {w.text}]", kind=result_kind(a, w), rank=a.rank)
    raise nonce("⍪ of arrays of different ranks")


def _reverse(dim):
    def run(p, b, w):
        if w.is_python or w.rank == 0:
            return w
        return method(w, "flip", str(dim), kind=w.kind, rank=w.rank, shape=w.shape)

    return run


def _rotate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        if a.rank != 0:
            return call(p.use("rotate"), p.tensor(a).text, w.text, f"dim={dim}", kind=w.kind, rank=w.rank,
                        shape=w.shape)
        shift = _negate(p, b, a)
        return call("torch.roll", w.text, shift.text, f"dims={dim}", kind=w.kind, rank=w.rank, shape=w.shape)

    return run


def _transpose(p, b, w):
    if w.is_python or w.rank in (0, 1):
        return w
    if w.rank == 2:
        shape = None if w.shape is None else w.shape[::-1]
        return Code(f"{w.atom()}.T", w.kind, C.ATOM, 2, shape)
    if w.rank is not None:
        dims = ", ".join(str(i) for i in reversed(range(w.rank)))
        shape = None if w.shape is None else w.shape[::-1]
        return method(w, "permute", dims, kind=w.kind, rank=w.rank, shape=shape)
    w = b.temp(w)
    return method(w, "permute", f"*reversed(range({w.atom()}.ndim))", kind=w.kind)


def _take(p, b, a, w):
    counts = _literal_ints(a)
    if counts is None:
        raise nonce("↑ with computed counts")
    w = p.tensor(w)
    if w.shape is not None and len(counts) <= len(w.shape) and all(abs(c) <= s for c, s in zip(counts, w.shape)):
        parts = [f":{c}" if c >= 0 else f"{c}:" for c in counts]
        shape = tuple(abs(c) for c in counts) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape)
    return call(p.use("take"), w.text, f"[{', '.join(map(str, counts))}]", kind=w.kind, rank=w.rank)


def _drop(p, b, a, w):
    counts = _literal_ints(a)
    if counts is None:
        raise nonce("↓ with computed counts")
    w = p.tensor(w)
    if w.rank is not None and len(counts) <= w.rank:
        parts = [f"{c}:" if c >= 0 else f":{c}" for c in counts]
        shape = None
        if w.shape is not None:
            shape = tuple(max(s - abs(c), 0) for c, s in zip(counts, w.shape)) + w.shape[len(counts):]
        return Code(f"{w.atom()}[{', '.join(parts)}]", w.kind, C.ATOM, w.rank, shape)
    raise nonce("↓ on an array of unknown rank")


def _tally(p, b, w):
    if w.rank is not None and w.rank >= 1:
        return call("torch.tensor", f"{w.atom()}.shape[0]", kind=C.INT, rank=0, shape=())
    if w.rank == 0:
        return Code("1", C.PYINT, C.ATOM, 0, ())
    return call(p.use("tally"), w.text, kind=C.INT, rank=0, shape=())


def _iota(p, b, w):
    if w.rank not in (0, None):
        raise nonce("⍳ of a vector (nested indices)")
    n = _literal_ints(w)
    if n is not None and w.rank == 0:
        stop = Code(str(n[0] + 1), C.PYINT)
    else:
        stop = binary("+", w, Code("1", C.PYINT), C.ADD, result_kind(w, Code("1", C.PYINT)))
    shape = (n[0],) if n is not None and w.rank == 0 else None
    return call("torch.arange", "1", stop.text, kind=C.INT, rank=1, shape=shape)


def _index_of(p, b, a, w):
    return call(p.use("index_of"), p.tensor(a).text, p.tensor(w).text, kind=C.INT, rank=w.rank, shape=w.shape)


def _where(p, b, w):
    w = p.tensor(w)
    if w.rank != 1:
        raise nonce("⍸ of an array that is not known to be a vector")
    if w.kind == C.BOOL:
        return binary("+", method(method(w, "nonzero"), "flatten"), Code("1", C.PYINT), C.ADD, C.INT, 1)
    n = call("torch.arange", "1", f"{w.atom()}.numel() + 1")
    return method(n, "repeat_interleave", w.text, kind=C.INT, rank=1)


def _member(p, b, a, w):
    return call("torch.isin", p.tensor(a).text, p.tensor(w).text, kind=C.BOOL, rank=a.rank, shape=a.shape)


def _enlist(p, b, w):
    return _ravel(p, b, w)


def _grade(descending):
    def run(p, b, w):
        w = p.tensor(w)
        if w.rank != 1:
            args = [w.text] + (["descending=True"] if descending else [])
            return call(p.use("grade"), *args, kind=C.INT, rank=1)
        args = ["descending=True"] if descending else []
        g = call("torch.argsort", w.text, *args, "stable=True", kind=C.INT)
        return binary("+", g, Code("1", C.PYINT), C.ADD, C.INT, 1, w.shape)

    return run


def _unique(p, b, w):
    return call(p.use("unique"), w.text, kind=w.kind, rank=1)


def _without(p, b, a, w):
    a = b.temp(p.tensor(a))
    if a.rank != 1:
        raise nonce("~ on an array not known to be a vector")
    return Code(f"{a.atom()}[~torch.isin({a.text}, {p.tensor(w).text})]", a.kind, C.ATOM, 1)


def _intersection(p, b, a, w):
    a = b.temp(p.tensor(a))
    if a.rank != 1:
        raise nonce("∩ on an array not known to be a vector")
    return Code(f"{a.atom()}[torch.isin({a.text}, {p.tensor(w).text})]", a.kind, C.ATOM, 1)


def _first(p, b, w):
    if w.rank == 0 or w.is_python:
        return w
    if w.shape is not None and 0 in w.shape:
        if w.kind in (C.INT, C.BOOL):  # the prototype of an empty numeric array
            return Code("torch.tensor(0)", C.INT, C.ATOM, 0, ())
        raise nonce("⊃ of an empty array (its prototype)")
    return Code(f"{p.tensor(w).atom()}.flatten()[0]", w.kind, C.ATOM, 0, ())


def _left(p, b, a, w):
    return a


def _right(p, b, a, w):
    return w


def _replicate(dim):
    def run(p, b, a, w):
        w = p.tensor(w)
        if a.is_python:
            return method(w, "repeat_interleave", a.text, f"dim={dim}", kind=w.kind, rank=w.rank)
        if a.kind == C.BOOL:
            index = a.text if w.rank == 1 else f"..., {a.text}"
            return Code(f"{w.atom()}[{index}]", w.kind, C.ATOM, w.rank)
        counts = _literal_ints(a)
        if counts is not None and any(c < 0 for c in counts):
            if w.rank is None or w.rank == 0 or (dim == 0 and w.rank != 1):
                raise nonce("/ with negative counts (fill items) here")
            # repeat |counts| times, then zero the items that negative counts stand for
            keep = ", ".join(("True" if c > 0 else "False") for c in counts for _ in range(abs(c)))
            repeats = ", ".join(str(abs(c)) for c in counts)
            items = method(w, "repeat_interleave", f"torch.tensor([{repeats}])", f"dim={dim}")
            return call("torch.where", f"torch.tensor([{keep}])", items.text, "0", kind=w.kind, rank=w.rank)
        if counts is not None:
            if set(counts) <= {0, 1} and w.rank == 1:
                mask = ", ".join("True" if c else "False" for c in counts)
                return Code(f"{w.atom()}[torch.tensor([{mask}])]", w.kind, C.ATOM, 1)
            return method(w, "repeat_interleave", a.text, f"dim={dim}", kind=w.kind, rank=w.rank)
        if a.kind in (C.INT, C.BOOL, C.NUM):
            return method(w, "repeat_interleave", method(p.tensor(a), "long").text, f"dim={dim}",
                          kind=w.kind, rank=w.rank)
        raise nonce("/ with these counts")

    return run


def _match(p, b, a, w):
    return call(p.use("match"), a.text, w.text, kind=C.BOOL, rank=0, shape=())


def _matrix_inverse(p, b, w):
    w = p.floated(p.tensor(w))
    if w.rank != 2:
        raise nonce("⌹ of an array not known to be a matrix")
    return call("torch.linalg.inv", w.text, kind=C.FLOAT, rank=2, shape=w.shape)


def _not_match(p, b, a, w):
    m = _match(p, b, a, w)
    return call("torch.logical_not", m.text, kind=C.BOOL, rank=0, shape=())


def _interval_index(p, b, a, w):
    a = p.tensor(a)
    if a.rank != 1:
        raise nonce("⍸ with a left argument not known to be a vector")
    return call("torch.searchsorted", a.text, p.tensor(w).text, "right=True", kind=C.INT, rank=w.rank,
                shape=w.shape)


def _find(p, b, a, w):
    a, w = p.tensor(a), p.tensor(w)
    return call(p.use("find"), a.text, w.text, kind=C.BOOL, rank=w.rank, shape=w.shape)


def _roll(p, b, w):
    gen = p.use("generator")
    n = _literal_ints(w)
    if n is not None and w.rank == 0 and n[0] > 0:
        return call("torch.randint", "1", str(n[0] + 1), "()", f"generator={gen}", kind=C.INT, rank=0, shape=())
    if n is not None and w.rank == 0 and n[0] == 0:
        return call("torch.rand", "()", "dtype=torch.float64", f"generator={gen}", kind=C.FLOAT, rank=0, shape=())
    return call(p.use("roll"), p.tensor(w).text, kind=C.NUM, rank=w.rank, shape=w.shape)


def _deal(p, b, a, w):
    gen = p.use("generator")
    if a.rank not in (0, None) or w.rank not in (0, None):
        raise nonce("? of arrays that are not known to be scalars")
    m = w.text if w.kind == C.PYINT else f"int({w.text})"
    n = a.text if a.kind == C.PYINT else f"int({a.text})"
    cut = f"[:{n}]" if a.kind == C.PYINT or n.isidentifier() else f"[: {n}]"
    pick = Code(f"torch.randperm({m}, generator={gen}){cut}", C.INT, C.ATOM, 1)
    shape = (int(a.text),) if a.kind == C.PYINT else None
    return binary("+", pick, Code("1", C.PYINT), C.ADD, C.INT, 1, shape)


def _decode(p, b, a, w):
    return call(p.use("decode"), p.tensor(a).text, p.tensor(w).text, kind=result_kind(a, w))


def _encode(p, b, a, w):
    return call(p.use("encode"), p.tensor(a).text, p.tensor(w).text, kind=result_kind(a, w))


_MONADS = {
    "⍴": _shape, ",": _ravel, "⍪": _table, "⌽": _reverse(-1), "⊖": _reverse(0), "⍉": _transpose,
    "≢": _tally, "⍳": _iota, "⍸": _where, "∊": _enlist, "⍋": _grade(False), "⍒": _grade(True),
    "∪": _unique, "⊃": _first, "⊣": _same, "⊢": _same, "⌹": _matrix_inverse, "↑": _same, "?": _roll,
}
_DYADS = {
    "⍴": _reshape, ",": _catenate, "⍪": _catenate_first, "⌽": _rotate(-1), "⊖": _rotate(0), "↑": _take,
    "↓": _drop, "⍳": _index_of, "∊": _member, "~": _without, "∩": _intersection, "⊣": _left, "⊢": _right,
    "/": _replicate(-1), "⌿": _replicate(0), "≡": _match, "≢": _not_match, "⍸": _interval_index,
    "⊥": _decode, "⊤": _encode, "⍷": _find, "?": _deal,
}
