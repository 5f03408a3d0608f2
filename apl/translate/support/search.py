"""APL's selection and search functions for a generated module: index of,
membership, unique, intersection, where, interval index, grade, match and find, with
the interpreter's tolerant comparison of floats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .arrays import common, count, sized, whole_numbers
from .base import APLError, num, tensor
from .logic import equal, tolerant_equal

if TYPE_CHECKING:
    import torch


def matches(a, w):
    """Items of a (rows) tolerantly equal to items of w (columns): a boolean matrix."""
    a, w = a.reshape(-1, 1), w.reshape(1, -1)
    if (
        a.is_complex()
        or w.is_complex()
        or a.is_floating_point()
        or w.is_floating_point()
    ):
        a, w = common(
            a.double() if not (a.is_floating_point() or a.is_complex()) else a,
            w.double() if not (w.is_floating_point() or w.is_complex()) else w,
        )
        a, w = torch.broadcast_tensors(a, w)
        return tolerant_equal(a, w)
    return equal(*torch.broadcast_tensors(a, w))


def index_of(a, w):
    """APL a⍳w for a vector a: the first position of each item of w in a, 1+≢a where
    absent."""
    a, w = tensor(a), tensor(w)
    if a.ndim == 0:
        raise APLError("RANK ERROR: the left argument of ⍳ is a scalar")
    if a.ndim != 1:
        raise ValueError(
            "⍳ with a left argument that is not a vector is not translated"
        )
    eq = matches(w, a)
    found = eq.any(-1)
    position = (
        eq.long().argmax(-1)
        if a.numel()
        else torch.zeros(found.shape, dtype=torch.int64)
    )
    return torch.where(found, position + 1, a.shape[0] + 1).reshape(w.shape)


def member(a, w):
    """APL a∊w: whether each item of a is (tolerantly) in w."""
    a, w = tensor(a), tensor(w)
    return matches(a, w).any(-1).reshape(a.shape)


def unique(x):
    """APL ∪x of a vector: its distinct items (tolerantly) in order of first
    appearance."""
    x = tensor(x)
    if x.ndim > 1:
        raise ValueError("∪ of the rows of a matrix is not translated")
    x = x.reshape(-1)
    eq = matches(x, x)
    earlier = torch.tril(eq, -1).any(-1)
    return x[~earlier]


def intersection(a, w):
    """APL a∩w: the items of a that are in w."""
    a, w = tensor(a), tensor(w)
    if a.ndim > 1 or w.ndim > 1:
        raise APLError("RANK ERROR: ∩ needs vectors")
    a = a.reshape(-1)
    return a[member(a, w)]


def where(x):
    """APL ⍸x of a vector of counts: each index repeated that many times."""
    x = tensor(x)
    if x.ndim != 1:
        raise ValueError("⍸ of an array that is not a vector is not translated")
    counts = whole_numbers(x, "argument of ⍸")
    if bool((counts < 0).any()):
        raise APLError("DOMAIN ERROR: ⍸ of a negative number")
    if sum(counts.tolist()) >= 2**63:
        raise APLError("DOMAIN ERROR: too many")
    sized((sum(counts.tolist()),))
    return torch.arange(1, x.numel() + 1).repeat_interleave(counts)


def interval_index(a, w):
    """APL a⍸w for an ascending vector a: how many items of a are not above each
    item of w."""
    a, w = tensor(a), tensor(w)
    if a.ndim != 1:
        raise ValueError(
            "⍸ with a left argument that is not a vector is not translated"
        )
    if a.is_complex() or w.is_complex():
        raise APLError("DOMAIN ERROR: ⍸ of complex numbers")
    if a.numel() > 1 and not bool((a[1:] >= a[:-1]).all()):
        raise APLError("DOMAIN ERROR: the left argument of ⍸ must be ascending")
    a, w = common(num(a), num(w))
    return torch.searchsorted(a.contiguous(), w.contiguous(), right=True)


def grade(x, descending=False):
    """APL ⍋x (⍒x): the 1-based order of the major cells, compared item by item."""
    x = tensor(x)
    if x.ndim == 0:
        raise APLError("RANK ERROR: ⍋ of a scalar")
    if x.is_complex():
        raise ValueError("⍋ of complex numbers is not translated")
    keys = x.reshape(x.shape[0], count(x.shape[1:]))
    order = torch.arange(x.shape[0])
    for j in range(keys.shape[1] - 1, -1, -1):
        order = order[torch.argsort(keys[order, j], descending=descending, stable=True)]
    return order + 1


def match(a, w):
    """APL a≡w of simple arrays: the same shape and (tolerantly) the same items."""
    a, w = tensor(a), tensor(w)
    if a.shape != w.shape:
        return torch.tensor(False)
    if a.numel() == 0:
        return torch.tensor(True)
    return equal(a.reshape(-1), w.reshape(-1)).all()


def find(a, w):
    """APL a⍷w: 1 where a begins in w (items compared tolerantly)."""
    a, w = tensor(a), tensor(w)
    found = torch.zeros(w.shape, dtype=torch.bool)
    if a.ndim > w.ndim:
        return found
    a = a.reshape((1,) * (w.ndim - a.ndim) + a.shape)
    if any(n > m for n, m in zip(a.shape, w.shape, strict=False)):
        return found
    starts = tuple(slice(0, m - n + 1) for n, m in zip(a.shape, w.shape, strict=False))
    if a.numel() == 0:
        found[starts] = True
        return found
    windows = w
    for dim, n in enumerate(a.shape):
        windows = windows.unfold(dim, n, 1)
    flat = windows.reshape(-1, a.numel())
    hits = equal(flat, a.reshape(1, -1).expand(flat.shape))
    found[starts] = hits.all(-1).reshape(windows.shape[: w.ndim])
    return found
