"""Arithmetic in the arguments' own float dtype: what is known of it, and the in-place forms
that reuse a temporary's memory (the compiled path, apl.compile).

Under shapes= with `dtype` (TorchPrinter.dtype), the printer knows which values are float
tensors of the arguments' dtype (`Code.native`): the arguments, and what torch's arithmetic
makes of them and of Python numbers. Two consequences:

- For float32 and narrower, ⎕CT (1E¯14) is below the dtype's resolution: two such values are
  tolerantly equal only where they are equal, so comparisons are torch's own (`x > 0.5`), as
  in a float32 session (docs/backends.md).
- With `inplace` (arguments that need no gradient), a scalar function whose argument is a
  temporary made right there (`Code.fresh`) of the result's shape writes into it:
  `(omega - alpha).mul_(0.3).add_(alpha)` computes what `alpha + 0.3 * (omega - alpha)` does,
  the same operations in the same order, without allocating two more tensors; and y + s×x for
  a Python number s is one `torch.add(y, x, alpha=s)` (as optimizers write `p.add_(g, alpha=-lr)`),
  one pass where two were: torch may fuse it into one rounding, so the last bit can differ
  from APL's two steps.
"""
from __future__ import annotations

from . import code as C
from .code import Code

NARROW = {"float32": 3.4028234663852886e38, "float16": 65504.0, "bfloat16": 3.3895313892515355e38}  # (their
# resolution is coarser than ⎕CT; the largest finite value of each)
_EXACT_INT = 2**24  # Python ints up to this are exact in float32 (torch compares in the tensor's dtype)

FUSE_AXPY = True  # y + s×x as one torch.add(…, alpha=s) (see _axpy; the float32 harness turns it off)
_INPLACE = {"+": "add_", "-": "sub_", "*": "mul_", "/": "div_"}
_COMMUTES = {"+", "*"}
# torch functions of one float tensor that have an in-place method of the same name
_INPLACE_MONADS = {"torch.abs", "torch.exp", "torch.log", "torch.sin", "torch.cos", "torch.tan", "torch.asin",
                   "torch.acos", "torch.atan", "torch.sinh", "torch.cosh", "torch.tanh", "torch.asinh",
                   "torch.acosh", "torch.atanh", "torch.sqrt"}


def dtype_name(dtype) -> str | None:
    """"float32" for torch.float32 or "float32"; None for None."""
    return None if dtype is None else str(dtype).removeprefix("torch.")


def _joins(c: Code) -> bool:
    """Whether c leaves a native tensor's dtype as it is, met in torch's arithmetic."""
    return c.native or c.is_python or c.kind == C.INT


def native_of(*codes: Code) -> bool:
    """Whether torch computes a function of these in the arguments' dtype: one of them such a
    tensor, the others too, Python numbers or integer tensors."""
    return any(c.native for c in codes) and all(_joins(c) for c in codes)


def made(r: Code, *args: Code) -> Code:
    """r, a tensor that torch's arithmetic makes of args: fresh, and native where they are."""
    if r.is_python:
        return r
    return r.but(native=native_of(*args), fresh=True)


def exact_comparison(p, a: Code, w: Code) -> bool:
    """Whether torch's comparison of a and w is APL's tolerant one: native tensors of a dtype
    coarser than ⎕CT, beside each other or beside a Python float or a small whole number."""
    if p.dtype not in NARROW or not any(c.native for c in (a, w)):
        return False

    def fits(c):  # (torch converts a Python number to the tensor's dtype, refusing one beyond its range)
        if c.native:
            return True
        v = C.literal_float(c) if c.kind == C.PYFLOAT else C.literal_int(c)
        return v is not None and abs(v) <= (NARROW[p.dtype] if c.kind == C.PYFLOAT else _EXACT_INT)

    return fits(a) and fits(w)


def reused(p, op: str, a: Code, w: Code, r: Code) -> Code:
    """r (a op w, torch's arithmetic) written into a's memory, or into w's where op commutes,
    when that is a fresh native tensor of r's shape (see the module's docstring); y + s×x and
    y - s×x for a Python number s as one `torch.add(y, x, alpha=s)` (into x where x is fresh);
    else r."""
    if not p.inplace or r.shape is None or not r.native or op not in _INPLACE:
        return r
    if op == "*":
        for x, s in ((a, w), (w, a)):
            if s.is_python and s.kind != C.PYCOMPLEX and x.native and not x.is_python and x.shape == r.shape:
                r = r.but(scaled=(x, s))
    if op in ("+", "-") and FUSE_AXPY:
        axpy = _axpy(p, op, a, w, r)
        if axpy is not None:
            return axpy
    for x, y in ((a, w), (w, a)) if op in _COMMUTES else ((a, w),):
        if x.fresh and x.native and x.shape == r.shape and _joins(y):
            return r.but(text=f"{x.atom()}.{_INPLACE[op]}({y.text})", prec=C.ATOM, fresh=True,
                         scaled=r.scaled if op == "*" else None)
    return r


def _axpy(p, op, a, w, r):
    """y + s×x (either way round) or y - s×x as torch.add or torch.sub with alpha=s: one pass
    where the product and the sum took two (torch may fuse them into one rounding, as a
    fused multiply-add does: a last-bit difference from APL's two steps). Into x's memory
    where x is fresh, x bound to a name first: it is computed first, as APL does when the
    product is the right argument (or y computes nothing that could raise an error)."""
    from .block import quiet

    for prod, y in ((w, a), (a, w)) if op == "+" else ((w, a),):
        if prod.scaled is None or y.is_python or not y.native or y.shape != r.shape:
            continue
        x, s = prod.scaled
        fn = "torch.add" if op == "+" else "torch.sub"
        holds = r.holds | prod.holds if prod.raw else r.holds  # (the product's infinities land in the sum)
        if not x.fresh:
            return r.but(text=f"{fn}({y.text}, {x.text}, alpha={s.text})", prec=C.ATOM, fresh=True, holds=holds)
        if prod is w or quiet(y):
            b = p.block
            name = b.scope.fresh("t")
            b.emit(f"{name} = {x.text}")
            return r.but(text=f"{fn}({y.text}, {name}, alpha={s.text}, out={name})", prec=C.ATOM, fresh=True,
                         holds=holds)
    return None


def reused_monad(p, fn: str, w: Code, r: Code) -> Code:
    """r (fn of w, a torch function) as w's in-place method where w is a fresh native tensor."""
    if not p.inplace or not (w.fresh and w.native) or r.is_python:
        return r
    if fn == "-":
        return r.but(text=f"{w.atom()}.neg_()", prec=C.ATOM, fresh=True)
    if fn in _INPLACE_MONADS:
        return r.but(text=f"{w.atom()}.{fn.removeprefix('torch.')}_()", prec=C.ATOM, fresh=True)
    return r
