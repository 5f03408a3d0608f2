"""APL's operators on cells for a generated module: outer and inner products, each,
rank, and decode and encode (which fold along an axis): the cells are applied one by
one where the function is not scalar, with the interpreter's prototypes for empty
frames."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arrays import count
from .base import APLError, conform, finite, is_int, num, tensor
from .folds import reduce
from .scalar import divide, floor, minus, plus, residue, times

if TYPE_CHECKING:
    import torch


def outer(f, a, w):
    """APL a∘.f w for a scalar f: f between every item of a and every item of w."""
    a, w = tensor(a), tensor(w)
    return lined_up(f, a.reshape(a.shape + (1,) * w.ndim), w)


def lined_up(f, a, w):
    """A scalar f between arguments lined up for torch's broadcasting (as ∘. and ⍤
    line them up): f's kernel on them as they are, applied even where the result is
    empty."""
    return getattr(f, "kernel", f)(tensor(a), tensor(w))


def inner(f, g, a, w):
    """APL a f.g w for scalar f and g: g between the rows of a and the columns of w,
    then f/."""
    a, w = tensor(a), tensor(w)
    a, w = a.reshape(-1) if a.ndim == 0 else a, w.reshape(-1) if w.ndim == 0 else w
    if a.shape[-1] != w.shape[0]:
        if a.shape[-1] == 1 or w.shape[0] == 1:
            n = w.shape[0] if a.shape[-1] == 1 else a.shape[-1]
            a, w = a.expand(*a.shape[:-1], n), w.expand(n, *w.shape[1:])
        else:
            raise APLError("LENGTH ERROR: the inner lengths differ")
    if (
        a.shape[-1] == 0
    ):  # no pairs: f/ of g between an empty row and column, everywhere
        ident = reduce(f, g(a.reshape(-1)[:0], w.reshape(-1)[:0]), -1)
        return ident.expand(a.shape[:-1] + w.shape[1:]).clone()
    shape = a.shape + w.shape[1:]
    left = a.reshape(a.shape + (1,) * (w.ndim - 1)).expand(shape)
    right = w.expand(shape)
    return reduce(f, g(left, right), a.ndim - 1)


def inner_lengths(a, w):
    """The check before a+.×w written as `a @ w` for float tensors of known ranks: APL's
    LENGTH ERROR where the inner lengths differ; where one of them is 1, APL extends it,
    which `@` does not: that call is not translated (NONCE ERROR; apl.compile reruns it
    through the general translation)."""
    n, m = a.shape[-1], w.shape[0]
    if n != m:
        if 1 in (n, m):
            raise APLError("NONCE ERROR: not translated: +.× extending an axis of length 1")
        raise APLError("LENGTH ERROR: the inner lengths of +.× differ")


def matrix_product(a, w):
    """APL a+.×w: a matrix product (torch.tensordot) where its types allow, else the
    definition."""
    a, w = tensor(a), tensor(w)
    a, w = a.reshape(-1) if a.ndim == 0 else a, w.reshape(-1) if w.ndim == 0 else w
    if a.shape[-1] != w.shape[0] and 1 in (a.shape[-1], w.shape[0]):
        n = w.shape[0] if a.shape[-1] == 1 else a.shape[-1]
        a, w = a.expand(*a.shape[:-1], n), w.expand(n, *w.shape[1:])
    if a.shape[-1] == w.shape[0] == 0:
        dtype = torch.promote_types(num(a).dtype, num(w).dtype)
        return torch.zeros(a.shape[:-1] + w.shape[1:], dtype=dtype)
    if (
        a.ndim
        and w.ndim
        and a.shape[-1] == w.shape[0]
        and a.dtype == w.dtype
        and a.dtype in (torch.int64, torch.float64)
        and a.shape[-1]
    ):
        if a.dtype == torch.float64:
            return torch.tensordot(a, w, dims=1)
        big = float(a.abs().max()) * float(w.abs().max()) * a.shape[-1]
        if big < 2.0**62:
            return torch.tensordot(a, w, dims=1)
    return inner(plus, times, a, w)


def each(f, x):
    """APL f¨x when each result is a scalar (nested results are not tensors)."""
    x = tensor(x)
    if x.numel() == 0:
        return torch.zeros(x.shape, dtype=torch.int64)
    results = [tensor(f(item)) for item in x.reshape(-1)]
    if any(r.ndim for r in results):
        raise ValueError(
            "f¨ with results that are not scalars (a nested array) is not translated"
        )
    return stack_results(results).reshape(x.shape)


def each2(f, a, w):
    """APL a f¨w when each result is a scalar."""
    a, w = conform(a, w)
    a, w = torch.broadcast_tensors(a, w)
    if w.numel() == 0:
        return torch.zeros(w.shape, dtype=torch.int64)
    results = [
        tensor(f(x, y)) for x, y in zip(a.reshape(-1), w.reshape(-1), strict=False)
    ]
    if any(r.ndim for r in results):
        raise ValueError(
            "f¨ with results that are not scalars (a nested array) is not translated"
        )
    return stack_results(results).reshape(w.shape)


def stack_results(results):
    """The results of f on each cell, as one tensor: they must have one shape (APL
    would pad them to a common shape: not translated), and one type (promoted)."""
    shapes = {tuple(r.shape) for r in results}
    if len(shapes) > 1:
        raise ValueError(
            "results of different shapes (APL pads them) are not translated"
        )
    dtype = results[0].dtype
    for r in results[1:]:
        dtype = torch.promote_types(dtype, r.dtype)
    return torch.stack([r.to(dtype) for r in results])


def cell_rank(k, r):
    """APL's rank of the cells for a rank k on an array of rank r (negative k: the
    frame's)."""
    return min(k, r) if k >= 0 else max(r + k, 0)


def rank(f, x, k):
    """APL f⍤k x: f on each rank-k cell of x."""
    x = tensor(x)
    k = cell_rank(k, x.ndim)
    frame = x.shape[: x.ndim - k]
    cells = x.reshape((count(frame), *x.shape[x.ndim - k :]))
    if cells.shape[0] == 0:  # f on a prototype cell (zeros) gives the result's cells
        try:
            proto = tensor(f(torch.zeros(cells.shape[1:], dtype=x.dtype)))
        except APLError:
            return torch.zeros(frame, dtype=torch.int64)
        return proto.expand(frame + proto.shape).clone()
    out = stack_results([tensor(f(c)) for c in cells])
    return out.reshape(frame + out.shape[1:])


def rank2(f, a, w, ka, kw):
    """APL a f⍤ka kw⊢w: f between matching cells of a and w (a single frame
    extended)."""
    a, w = tensor(a), tensor(w)
    ka, kw = cell_rank(ka, a.ndim), cell_rank(kw, w.ndim)
    fa, fw = a.shape[: a.ndim - ka], w.shape[: w.ndim - kw]
    if fa and fw and fa != fw:
        raise APLError("RANK ERROR" if len(fa) != len(fw) else "LENGTH ERROR")
    frame = fa if len(fa) >= len(fw) else fw
    ca = a.reshape((count(fa), *a.shape[a.ndim - ka :])) if fa else a.unsqueeze(0)
    cw = w.reshape((count(fw), *w.shape[w.ndim - kw :])) if fw else w.unsqueeze(0)
    n = max(ca.shape[0], cw.shape[0]) if frame else 1
    if frame and 0 in frame:  # f on prototype cells (zeros) gives the result's cells
        x = torch.zeros(ca.shape[1:], dtype=a.dtype)  # (both arguments' prototypes,
        y = torch.zeros(cw.shape[1:], dtype=w.dtype)  # as the interpreter applies f)
        try:
            proto = tensor(f(x, y))
        except APLError:
            return torch.zeros(frame, dtype=torch.int64)
        return proto.expand(frame + proto.shape).clone()
    pairs = [
        (ca[i if ca.shape[0] > 1 else 0], cw[i if cw.shape[0] > 1 else 0])
        for i in range(n)
    ]
    out = stack_results([tensor(f(x, y)) for x, y in pairs])
    return out.reshape(frame + out.shape[1:])


def decode(radix, digits):
    """APL radix⊥digits for a vector (or scalar) radix: the value of the digits
    along their first axis; integers while the sum cannot pass 2*62, floats beyond.
    """
    radix, digits = num(radix), num(digits)
    if radix.ndim > 1:
        raise ValueError("⊥ with a radix of rank more than one is not translated")
    radix = radix.reshape(-1)
    digits = digits.reshape(1) if digits.ndim == 0 else digits
    n = digits.shape[0]
    if radix.numel() != n:
        if radix.numel() == 1:
            radix = radix.expand(n)
        elif n == 1:
            n = radix.numel()
            digits = digits.expand(n, *digits.shape[1:])
        else:
            raise APLError("LENGTH ERROR: the radix and the digits differ in length")
    if n == 0:
        return torch.zeros(digits.shape[1:], dtype=torch.int64)
    steps = torch.cat([torch.ones(1, dtype=radix.dtype), radix.flip(0)[:-1]])
    wf = torch.cumprod(steps if steps.is_complex() else steps.double(), 0).flip(0)
    if is_int(radix) and is_int(digits):
        bound = torch.tensordot(wf.abs(), digits.abs().double(), dims=1)
        if bool((wf.abs() < 2.0**62).all()) and bool((bound < 2.0**62).all()):
            return torch.tensordot(torch.cumprod(steps, 0).flip(0), digits, dims=1)
    if wf.is_complex() or digits.is_complex():
        wf, digits = wf.to(torch.complex128), digits.to(torch.complex128)
    return finite(torch.tensordot(wf, digits.to(wf.dtype), dims=1))


def encode(radix, value):
    """APL radix⊤value for a vector (or scalar) radix: the digits of each value, a
    new first axis; a radix of 0 takes all that is left. In floats when either
    argument is."""
    radix, value = num(radix), num(value)
    if radix.ndim > 1:
        raise ValueError("⊤ with a radix of rank more than one is not translated")
    if radix.is_complex() or value.is_complex():
        raise APLError("DOMAIN ERROR: ⊤ of complex numbers")
    cast = (
        torch.float64
        if radix.is_floating_point() or value.is_floating_point()
        else torch.int64
    )
    value = value.to(cast)
    digits = []
    for r in reversed(radix.reshape(-1).to(cast).unbind(0)):
        d = residue(r, value).to(cast)
        digits.append(d)
        value = (
            torch.zeros_like(value)
            if bool(r == 0)
            else floor(divide(minus(value, d), r)).to(cast)
        )
    if not digits:
        out = torch.zeros((0, *tuple(value.shape)), dtype=cast)
    else:
        out = torch.stack(digits[::-1])
    return out.reshape(tuple(radix.shape) + tuple(value.shape))


def along(f, a, w, axes):
    """APL a f[axes] w for a scalar f: the axes of the argument of lower rank are
    matched with those axes (1-based) of the other, which it is extended along."""
    a, w = tensor(a), tensor(w)
    ks = [k - 1 for k in axes]
    lo_left = a.ndim < w.ndim or (a.ndim == w.ndim and a.numel() <= w.numel())
    lo, hi = (a, w) if lo_left else (w, a)
    if lo.numel() == 1 and lo.ndim < len(ks):
        lo = lo.reshape(())
    fits = all(0 <= k < max(hi.ndim, 1) for k in ks)
    if len(ks) != lo.ndim or len(set(ks)) != len(ks) or not fits:
        raise APLError("RANK ERROR: the axes do not fit the arguments")
    order = sorted(range(len(ks)), key=ks.__getitem__)
    lo = lo.permute(*order) if lo.ndim > 1 else lo
    ks = [ks[i] for i in order]
    if any(lo.shape[i] != hi.shape[k] for i, k in enumerate(ks)):
        raise APLError("LENGTH ERROR: the lengths differ along the axes")
    shape = [1] * hi.ndim
    for i, k in enumerate(ks):
        shape[k] = lo.shape[i]
    extended = lo.reshape(shape).expand(hi.shape)
    return f(extended, hi) if lo_left else f(hi, extended)
