"""APL's reductions and scans for a generated module: right folds with the identity
element of an empty axis, and the interpreter's running sums and prefix doubling
where it uses them (so that floats round alike)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import (
    BIG,
    APLError,
    axis,
    boolean,
    finite,
    is_boolean,
    is_int,
    num,
    stack,
    tensor,
)
from .scalar import plus, times

if TYPE_CHECKING:
    import torch


IDENTITIES = {
    "plus": 0,
    "minus": 0,
    "residue": 0,
    "times": 1,
    "divide": 1,
    "power": 1,
    "binomial": 1,
    "apl_or": False,
    "not_equal": False,
    "less": False,
    "greater": False,
    "apl_and": True,
    "equal": True,
    "less_equal": True,
    "greater_equal": True,
    "maximum": -1.7976931348623157e308,
    "minimum": 1.7976931348623157e308,
}


def reduce(f, x, dim=-1, windows=False):
    """APL f/ along an axis: a right fold; an axis of one item is that item, an
    empty axis the identity element of f."""
    x = tensor(x)
    axis(x, dim)
    if x.ndim == 0:
        return x
    name = getattr(f, "__name__", "")
    booleans = name in ("apl_and", "apl_or", "equal", "not_equal")
    if windows and booleans and x.numel() and is_boolean(x):
        x = boolean(x)  # (n-wise reductions of booleans give booleans)
    n = x.shape[dim]
    rest = x.shape[: dim % x.ndim] + x.shape[dim % x.ndim + 1 :]
    if n == 1 or 0 in rest:
        return x.reshape(rest)
    if n == 0:
        name = getattr(f, "__name__", "")
        if name not in IDENTITIES:
            raise APLError("DOMAIN ERROR: no identity element")
        return tensor(IDENTITIES[name]).expand(rest).clone()
    items = list(x.unbind(dim))
    if getattr(f, "__name__", "") in (
        "apl_and",
        "apl_or",
    ):  # pairwise, as the interpreter folds them
        while len(items) > 1:
            pairs = [f(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
            items = pairs + items[len(pairs) * 2 :]
        return items[0]
    acc = items[-1]
    for item in reversed(items[:-1]):
        acc = f(item, acc)
    return acc


def scan(f, x, dim=-1):
    """APL f\\ along an axis: item i is f/ of the first i+1 items (+ × - as running
    sums and products, ∧ and ∨ by prefix doubling, as the interpreter computes
    them)."""
    x = tensor(x)
    if x.ndim == 0:
        return x
    axis(x, dim)
    if x.numel() == 0:
        return x
    name = getattr(f, "__name__", "")
    if name in ("apl_and", "apl_or", "equal", "not_equal") and is_boolean(x):
        x = boolean(x)  # (as the interpreter's scans of booleans give booleans)
    if name in ("plus", "minus") and not x.is_complex():
        x = num(x)
        if name == "minus":
            x = x * alternate(x, dim)
        f64 = x.double().cumsum(dim)
        if is_int(x) and float(f64.abs().max()) < BIG:
            return x.cumsum(dim)
        return finite(f64 if is_int(x) else x.cumsum(dim))
    if name == "times" and not x.is_complex():
        x = num(x)
        zero = (x == 0).long().cummax(dim).values.bool()  # a 0 keeps the rest at 0
        f64 = torch.where(zero, 0.0, x.double().cumprod(dim))
        if is_int(x) and bool((f64.abs() < BIG).all()):
            return x.cumprod(dim)
        if is_int(x):
            return finite(f64)
        return finite(torch.where(zero, 0, x.cumprod(dim)))
    if name in ("apl_and", "apl_or"):
        acc, n, d = x.movedim(dim, 0), x.shape[dim], 1
        while d < n:
            r = f(acc[: n - d], acc[d:])
            dtype = torch.promote_types(acc.dtype, r.dtype)
            acc = torch.cat([acc[:d].to(dtype), r.to(dtype)])
            d *= 2
        return acc.movedim(0, dim)
    items = x.unbind(dim)
    out = []
    for i in range(len(items)):
        acc = items[i]
        for item in reversed(items[:i]):
            acc = f(item, acc)
        out.append(acc)
    return stack(out, dim)


def alternate(x, dim):
    """1 ¯1 1 ¯1 … along an axis of x, shaped to multiply x (a right fold of - is a
    sum of these signs times the items)."""
    n = x.shape[dim]
    signs = torch.where(torch.arange(n) % 2 == 0, 1, -1)
    return signs.reshape((n,) + (1,) * (x.ndim - dim % x.ndim - 1))


def fold_cells(f, x, dim=-1, scan=False, identity=None):
    """APL f/ (f\\ with scan) along an axis for a function that is not scalar: each
    vector along the axis on its own, item by item, right to left (an empty axis
    gives the identity element of a primitive f: 0 for ⌽ ⊖ ⊤, 1 for / ⌿ \\ ⍀)."""
    x = tensor(x)
    if x.ndim == 0 and scan:
        return x
    axis(x, dim)
    if x.ndim == 0:
        return x
    moved = x.movedim(dim, -1)
    frame, n = moved.shape[:-1], moved.shape[-1]
    if scan and (n == 0 or 0 in frame):
        return x
    if not scan and (n == 1 or 0 in frame):
        return moved.reshape(frame)
    if n == 0:
        if identity is None:
            raise APLError("DOMAIN ERROR: no identity element")
        if identity == "nested":
            raise ValueError(
                "a catenation of no items (a nested result) is not translated"
            )
        return torch.full(frame, identity, dtype=torch.int64)
    results = []
    for v in moved.reshape(-1, n):
        ends = range(n) if scan else [n - 1]
        for end in ends:
            acc = v[end]
            for item in reversed(v[:end]):
                acc = tensor(f(item, acc))
            if acc.ndim:
                raise ValueError("a nested reduction is not translated")
            results.append(acc)
    out = stack(results).reshape(frame + ((n,) if scan else ()))
    return out.movedim(-1, dim) if scan else out


def windows(x, n, dim=-1):
    """The windows of |n| items along an axis (reversed for n<0) for APL's n f/ x: a
    new last axis; a window longer than the axis by more than one is a LENGTH ERROR.
    """
    x = tensor(x)
    if x.ndim == 0:
        raise APLError("RANK ERROR: n-wise reduction of a scalar")
    axis(x, dim)
    length = x.shape[dim]
    if abs(n) > length + 1:
        raise APLError("LENGTH ERROR: the window is longer than the axis")
    if abs(n) == length + 1:
        shape = list(x.shape)
        shape[dim] = 0
        return torch.zeros((*shape, abs(n)), dtype=x.dtype)
    w = x.unfold(dim, abs(n), 1)
    return w.flip(-1) if n < 0 else w


def total(x, dim=-1):
    """APL +/ along an axis: int64 while the sum fits, float beyond."""
    x = num(x)
    axis(x, dim)
    if x.ndim == 0:
        return x
    n = x.shape[dim]
    if n <= 1 or x.numel() == 0:
        return reduce(plus, x, dim)
    if is_int(x):
        f = x.double().sum(dim=dim)
        if f.numel() and float(f.abs().max()) >= BIG:
            return finite(f)
        return x.sum(dim=dim)
    return finite(x.sum(dim=dim))


def product(x, dim=-1):
    """APL ×/ along an axis: int64 while the product fits, float beyond."""
    x = num(x)
    axis(x, dim)
    if x.ndim == 0:
        return x
    n = x.shape[dim]
    if n <= 1 or x.numel() == 0:
        return reduce(times, x, dim)
    zero = (x == 0).any(dim=dim)
    if is_int(x):
        f = torch.where(zero, 0.0, x.double().prod(dim=dim))
        if f.numel() and not bool((f.abs() < BIG).all()):
            return finite(f)
        return x.prod(dim=dim)
    return finite(torch.where(zero, 0, x.prod(dim=dim)))
