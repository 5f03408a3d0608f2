"""APL's structural functions for a generated module, where the shapes or values of
their arguments are known only at run time: each checks what APL checks (RANK,
LENGTH, DOMAIN and INDEX ERROR) before torch sees the arguments, and computes what
the interpreter does (apl/primitives/structural.py, indexing.py and their
neighbours).

Where APL's result would be a nested array, which has no tensor form, they raise a
ValueError saying so ("… is not translated"): a refusal at run time, never a wrong
value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import APLError, axis, tensor

if TYPE_CHECKING:
    import torch


def whole_numbers(x, what="argument"):
    """x as int64 when its items are whole numbers (within 1E¯10, relatively), else
    a DOMAIN ERROR."""
    x = tensor(x)
    if x.dtype == torch.bool:
        return x.long()
    if x.is_complex():
        raise APLError(f"DOMAIN ERROR: the {what} must be whole numbers")
    if x.is_floating_point():
        r = torch.round(x)
        if not bool(((x - r).abs() <= 1e-10 * x.abs().clamp(min=1)).all()):
            raise APLError(f"DOMAIN ERROR: the {what} must be whole numbers")
        if x.numel() and float(r.abs().max()) >= 2.0**63:
            raise APLError(f"DOMAIN ERROR: the {what} is too large")
        return r.long()
    return x.long()


def sized(shape):
    """A result's shape, or WS FULL (more than 2*34 items) or LIMIT ERROR (rank
    above 15)."""
    if len(shape) > 15:
        raise APLError("LIMIT ERROR: rank above 15")
    if count(shape) > 2**34:
        raise APLError("WS FULL: result too large")
    if count(shape) > 2**28:  # beyond what this process can hold: try it, as APL would
        try:
            torch.empty(count(shape) * 8, dtype=torch.uint8)
        except RuntimeError:
            raise APLError("WS FULL: not enough memory") from None
    return tuple(shape)


def vector(x, what="argument"):
    """A left argument that must be a scalar or a vector: as a vector of whole
    numbers."""
    x = tensor(x)
    if x.ndim > 1:
        raise APLError(f"RANK ERROR: the {what} must be a vector")
    return whole_numbers(x.reshape(-1), what)


def condition(x):
    """A guard's condition: one boolean item, else a DOMAIN ERROR."""
    x = tensor(x)
    if x.numel() != 1 or x.is_complex() or float(x.reshape(())) not in (0.0, 1.0):
        raise APLError("DOMAIN ERROR: a guard needs a boolean scalar")
    return bool(x.reshape(()))


def index(x, *indices):
    """APL x[i;j;…] (None for an elided index): the items at 1-based whole-number
    indices, the result's shape the indices' shapes joined; RANK ERROR for the wrong
    number of indices, INDEX ERROR for one out of range."""
    x = tensor(x)
    if len(indices) != x.ndim:
        raise APLError("RANK ERROR: the number of indices is not the rank")
    out, at = x, 0
    for k, i in enumerate(indices):
        if i is None:
            at += 1
            continue
        i = whole_numbers(i, "index")
        n = x.shape[k]
        if i.numel() and (int(i.min()) < 1 or int(i.max()) > n):
            raise APLError("INDEX ERROR")
        picked = out.index_select(at, i.reshape(-1) - 1)
        out = picked.reshape(out.shape[:at] + i.shape + out.shape[at + 1 :])
        at += i.ndim
    return out


def reshape(shape, x):
    """APL shape⍴x: x's items cycled (zeros when x is empty) into the new shape."""
    shape = vector(shape, "left argument of ⍴")
    if bool((shape < 0).any()):
        raise APLError("DOMAIN ERROR: a shape cannot be negative")
    dims = sized([int(d) for d in shape])
    x = tensor(x).reshape(-1)
    n = count(dims)
    if x.numel() == 0 or n == 0:
        try:
            return torch.zeros(dims, dtype=x.dtype)
        except RuntimeError:  # (torch's strides overflow: a shape too large)
            raise APLError("DOMAIN ERROR: the shape is too large") from None
    return x.repeat(-(-n // x.numel()))[:n].reshape(dims)


def common(a, w):
    """Two tensors of one dtype (torch's promotion: bool < int64 < float64 <
    complex128); an empty one takes the other's (the type of an empty array does not
    matter in APL)."""
    if a.numel() == 0 and w.numel():
        return a.to(w.dtype), w
    if w.numel() == 0:
        return a, w.to(a.dtype)
    dtype = torch.promote_types(a.dtype, w.dtype)
    return a.to(dtype), w.to(dtype)


def catenate(a, w, dim=-1, axis=False):
    """APL a,w (a⍪w with dim=0): along an axis, a scalar extended and an argument of
    rank one less given that axis; RANK ERROR or LENGTH ERROR otherwise."""
    a, w = tensor(a), tensor(w)
    if a.ndim == 0 and w.ndim == 0:
        a, w = a.reshape(1), w.reshape(1)
    r = max(a.ndim, w.ndim)
    if axis and not 0 <= dim < max(r, 1):
        raise APLError("RANK ERROR: no such axis")
    k = dim % r
    if a.ndim == 0:
        shape = list(w.shape)
        shape[k] = 1
        a = a.expand(shape)
    elif w.ndim == 0:
        shape = list(a.shape)
        shape[k] = 1
        w = w.expand(shape)
    elif a.ndim == r - 1:
        a = a.unsqueeze(k)
    elif w.ndim == r - 1:
        w = w.unsqueeze(k)
    elif a.ndim != w.ndim:
        raise APLError("RANK ERROR: the ranks differ by more than one")
    if a.shape[:k] + a.shape[k + 1 :] != w.shape[:k] + w.shape[k + 1 :]:
        raise APLError("LENGTH ERROR: the lengths differ")
    return torch.cat(common(a, w), dim=k)


def table(x):
    """APL ⍪x: a matrix of x's major cells."""
    x = tensor(x)
    if x.ndim == 0:
        return x.reshape(1, 1)
    return x.reshape(x.shape[0], count(x.shape[1:]))


def replicate(counts, x, dim=-1):
    """APL counts/x along an axis: each item repeated, a negative count giving that
    many zeros; a scalar (or one-item) side is extended to the other's length."""
    x = tensor(x)
    x = x.reshape(1) if x.ndim == 0 else x
    axis(x, dim)
    counts = vector(counts, "left argument of /")
    dim = dim % x.ndim
    n = x.shape[dim]
    if counts.numel() == 1 and n != 1:
        counts = counts.expand(n)
    elif n == 1 and counts.numel() != 1:
        x = x.expand(*x.shape[:dim], counts.numel(), *x.shape[dim + 1 :])
    elif counts.numel() != n:
        raise APLError("LENGTH ERROR: the counts do not match the axis")
    sized((*x.shape[:dim], sum(abs(c) for c in counts.tolist()), *x.shape[dim + 1 :]))
    parts = []
    for c, item in zip(counts.tolist(), x.unbind(dim), strict=False):
        block = item.unsqueeze(dim).expand(*x.shape[:dim], abs(c), *x.shape[dim + 1 :])
        parts.append(block if c >= 0 else torch.zeros_like(block))
    if not parts:
        return x.narrow(dim, 0, 0)
    return torch.cat(parts, dim)


def take(counts, x):
    """APL counts↑x: the first (last, for negative counts) items along the leading
    axes, padded with zeros beyond the array."""
    counts = vector(counts, "left argument of ↑")
    x = tensor(x)
    if x.ndim == 0:
        x = x.reshape((1,) * counts.numel())
    if counts.numel() > x.ndim:
        raise APLError("RANK ERROR: more counts than axes")
    counts = counts.tolist()
    shape = sized([abs(c) for c in counts] + list(x.shape[len(counts) :]))
    out = torch.zeros(shape, dtype=x.dtype)
    if out.numel() == 0:
        return out
    src, dst = [], []
    for c, n in zip(counts, x.shape, strict=False):
        m = min(abs(c), n)
        src.append(slice(0, m) if c >= 0 else slice(n - m, n))
        dst.append(slice(0, m) if c >= 0 else slice(abs(c) - m, abs(c)))
    out[tuple(dst)] = x[tuple(src)]
    return out


def drop(counts, x):
    """APL counts↓x: without the first (last, for negative counts) items along the
    leading axes."""
    counts = vector(counts, "left argument of ↓")
    x = tensor(x)
    if x.ndim == 0:
        x = x.reshape((1,) * counts.numel())
    if counts.numel() > x.ndim:
        raise APLError("RANK ERROR: more counts than axes")
    parts = []
    for c, n in zip(counts.tolist(), x.shape, strict=False):
        c = max(min(c, n), -n)
        parts.append(slice(c, n) if c >= 0 else slice(0, n + c))
    return x[tuple(parts)]


def reverse(x, dim=-1):
    """APL ⌽x (⊖x with dim=0)."""
    x = tensor(x)
    axis(x, dim)
    return x.flip(dim) if x.ndim else x


def rotate(amounts, x, dim=-1):
    """APL a⌽x: each vector along the axis rotated; a scalar amount rotates them
    all."""
    x = tensor(x)
    axis(x, dim)
    amounts = whole_numbers(amounts, "left argument of ⌽")
    if x.ndim == 0:
        if amounts.ndim != 0 and amounts.numel() != 1:
            raise APLError("RANK ERROR")
        return x
    dim = dim % x.ndim
    if amounts.numel() == 1:
        n = x.shape[dim]
        return torch.roll(x, -int(amounts.reshape(())) % n if n else 0, dim)
    frame = x.shape[:dim] + x.shape[dim + 1 :]
    if amounts.ndim != len(frame):
        raise APLError("RANK ERROR: the amounts do not fit the argument")
    if tuple(amounts.shape) != tuple(frame):
        raise APLError("LENGTH ERROR: the amounts do not fit the argument")
    moved = x.movedim(dim, -1)
    n = moved.shape[-1]
    where = (torch.arange(n) + amounts.unsqueeze(-1)) % max(n, 1)
    return torch.gather(moved, -1, where.expand(moved.shape)).movedim(-1, dim)


def transpose(x):
    """APL ⍉x: the axes reversed."""
    x = tensor(x)
    return x.permute(*reversed(range(x.ndim))) if x.ndim > 1 else x


def major_cells(x, indices):
    """The major cells of x at 1-based indices (APL's x[indices;…])."""
    x = tensor(x)
    if x.ndim == 0:
        raise APLError("RANK ERROR: @ on a scalar")
    return index(x, indices, *([None] * (x.ndim - 1)))


def at(values, indices, x):
    """APL (values@indices) x: a copy of x with the major cells at the 1-based
    indices replaced by values (one per index, or a scalar for them all)."""
    x, values = tensor(x), tensor(values)
    i = whole_numbers(indices, "indices")
    if x.ndim == 0:
        raise APLError("RANK ERROR: @ on a scalar")
    if i.numel() and (int(i.min()) < 1 or int(i.max()) > x.shape[0]):
        raise APLError("INDEX ERROR")
    cells = tuple(i.shape + x.shape[1:])
    if tuple(values.shape) != cells:
        if values.numel() == 1:
            values = values.reshape(())
        elif not (
            values.ndim < len(cells)
            and tuple(values.shape) == cells[len(cells) - values.ndim :]
        ):
            raise APLError("LENGTH ERROR: the values do not fit the selection")
    out = x.to(torch.promote_types(x.dtype, values.dtype)).clone()
    out[i.reshape(-1) - 1] = (
        values.expand(cells).reshape((-1, *tuple(x.shape[1:]))).to(out.dtype)
    )
    return out


def tally(x):
    """APL ≢x: the length of the first axis (1 for a scalar)."""
    x = tensor(x)
    return torch.tensor(x.shape[0] if x.ndim else 1)


def first(x):
    """APL ⊃x of a simple array: its first item, or 0 when it is empty."""
    x = tensor(x)
    if x.numel() == 0:
        return torch.zeros((), dtype=x.dtype)
    return x.reshape(-1)[0]


def iota(n):
    """APL ⍳n for a scalar n: 1 2 … n."""
    n = tensor(n)
    if n.ndim != 0:
        raise ValueError("⍳ of a vector (nested indices) is not translated")
    n = whole_numbers(n, "argument of ⍳")
    if int(n) < 0:
        raise APLError("DOMAIN ERROR: ⍳ of a negative number")
    sized((int(n),))
    return torch.arange(1, int(n) + 1)


def count(shape):
    """The number of items of an array of this shape."""
    n = 1
    for d in shape:
        n *= d
    return n


def transpose2(perm, x):
    """APL perm⍉x: axis i of x becomes axis perm[i] of the result; axes sent to one
    place give their diagonal."""
    x = tensor(x)
    perm = vector(perm, "left argument of ⍉") - 1
    if perm.numel() != x.ndim:
        raise APLError("LENGTH ERROR: one axis for each axis of the argument")
    r = int(perm.max()) + 1 if perm.numel() else 0
    if bool((perm < 0).any()) or set(perm.tolist()) != set(range(r)):
        raise APLError("DOMAIN ERROR: the axes must be 1 2 … without gaps")
    if x.ndim == 0:
        return x
    shape = [min(x.shape[i] for i in range(x.ndim) if perm[i] == j) for j in range(r)]
    grids = torch.meshgrid(*(torch.arange(n) for n in shape), indexing="ij")
    return x[tuple(grids[int(j)] for j in perm.tolist())]


def expand(counts, x, dim=-1):
    """APL counts\\x along an axis: a positive count repeats the next item, 0 and a
    negative count put that many zeros; the positive counts must match the items."""
    x = tensor(x)
    x = x.reshape(1) if x.ndim == 0 else x
    axis(x, dim)
    counts = vector(counts, "left argument of \\")
    dim = dim % x.ndim
    positive = int((counts > 0).sum())
    n = x.shape[dim]
    if n == 1 and positive != 1:
        x = x.expand(*x.shape[:dim], max(positive, 1), *x.shape[dim + 1 :])
        n = x.shape[dim]
    if positive != n and not (positive == 0 and n == 1):
        raise APLError("LENGTH ERROR: the counts do not match the items")
    length = sum(max(abs(c), 1) for c in counts.tolist())
    sized((*x.shape[:dim], length, *x.shape[dim + 1 :]))
    items, parts = iter(x.unbind(dim)), []
    for c in counts.tolist():
        if c > 0:
            item = next(items).unsqueeze(dim)
            parts.append(item.expand(*x.shape[:dim], c, *x.shape[dim + 1 :]))
        else:
            zeros = (*x.shape[:dim], max(-c, 1), *x.shape[dim + 1 :])
            parts.append(torch.zeros(zeros, dtype=x.dtype))
    if not parts:
        return x.narrow(dim, 0, 0)
    return torch.cat(parts, dim)
