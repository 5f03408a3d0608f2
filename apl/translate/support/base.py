"""The ground every other helper stands on: APL's errors (`APLError`), its numbers
as tensors (float64, int64, booleans), scalar extension (`conform`) and the rule
that makes a kernel a scalar function (`pervasive`), and the checks all of them
share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


CT = 1e-14  # ⎕CT: the comparison tolerance


BIG = 9.2e18  # int64 results below this in magnitude are exact


TOLERANT_FROM = 2.0**31  # integers below this in magnitude compare exactly


class APLError(ValueError):
    """An APL error (DOMAIN ERROR, LENGTH ERROR, RANK ERROR …), raised where APL
    raises it."""


def tensor(x):
    """x as APL holds it: Python floats as float64 (torch would choose float32);
    narrower floats and integers widened to float64 and int64 (as the interpreter
    takes them)."""
    if isinstance(x, torch.Tensor):
        if x.is_floating_point() and x.dtype != torch.float64:
            return x.double()
        if x.is_complex() and x.dtype != torch.complex128:
            return x.to(torch.complex128)
        if (
            x.dtype not in (torch.bool, torch.int64, torch.complex128)
            and not x.is_floating_point()
        ):
            return x.long()
        return x
    if isinstance(x, float):
        return torch.tensor(x, dtype=torch.float64)
    if isinstance(x, complex):
        return torch.tensor(x, dtype=torch.complex128)
    return torch.as_tensor(x)


def num(x):
    """A numeric argument for arithmetic: booleans count as integers."""
    x = tensor(x)
    return x.long() if x.dtype == torch.bool else x


def is_int(x):
    return not (x.is_floating_point() or x.is_complex())


def as_float(x):
    """Integers as float64; floats and complex numbers as they are."""
    x = num(x)
    return x if x.is_floating_point() or x.is_complex() else x.double()


def real(x):
    x = num(x)
    if x.is_complex():
        raise APLError("DOMAIN ERROR: real numbers expected")
    return x


def conform(a, w):
    """APL's scalar extension: equal shapes, or a one-item side extended to the
    other's shape (of two one-item sides, the lower rank); otherwise RANK ERROR or
    LENGTH ERROR."""
    a, w = tensor(a), tensor(w)
    if a.shape == w.shape:
        return a, w
    if a.numel() == 1 and w.numel() == 1:
        return (a.reshape(()), w) if a.ndim <= w.ndim else (a, w.reshape(()))
    if a.numel() == 1:
        return a.reshape(()), w
    if w.numel() == 1:
        return a, w.reshape(())
    raise APLError("RANK ERROR" if a.ndim != w.ndim else "LENGTH ERROR")


BOOLEAN_RESULTS = {
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "nand",
    "nor",
}


def pervasive(kernel, name):
    """A scalar dyad from its kernel: the arguments brought to one shape first
    (APL's scalar extension); on empty arguments the kernel is not applied, so an
    error it would raise is none (the result is empty: integers, or booleans for
    comparisons and logic)."""

    def run(a, w):
        a, w = conform(a, w)
        if a.numel() and w.numel():
            return kernel(a, w)
        try:
            return kernel(a, w)
        except APLError:
            dtype = torch.bool if name in BOOLEAN_RESULTS else torch.int64
            return torch.zeros(a.shape if a.ndim else w.shape, dtype=dtype)

    run.__name__, run.kernel = name, kernel
    return run


def finite(r):
    """APL has no infinities: a DOMAIN ERROR; complex results with no imaginary part
    are real."""
    if (r.is_floating_point() or r.is_complex()) and not bool(torch.isfinite(r).all()):
        raise APLError("DOMAIN ERROR: the result is not a finite number")
    if r.is_complex() and not bool((r.imag != 0).any()):
        return r.real.clone()
    return r


def checked(r):
    """A value of float arithmetic in a function written for float tensors (ranks=): APL
    has no infinities, so an overflow or a division by zero is a DOMAIN ERROR. One sum
    finds them (an infinity or a NaN makes it one; a finite sum that overflows is looked
    at again); a scalar is read as it is."""
    if r.is_floating_point():
        x = r.detach() if r.requires_grad else r
        s = x.item() if x.dim() == 0 else x.sum().item()
        if s - s != 0 and not bool(torch.isfinite(x).all()):
            raise APLError("DOMAIN ERROR: the result is not a finite number")
    return r


def extremum(x, op, dim=-1, keepdim=False):
    """⌈/ (op "amax") or ⌊/ ("amin") of floats along an axis (ranks=): torch's, and on
    an empty axis APL's identity element (the largest float, negated for ⌈)."""
    if x.shape[dim] == 0:
        shape = list(x.shape)
        shape[dim] = 1
        big = torch.finfo(x.dtype).max
        r = torch.full(shape, -big if op == "amax" else big, dtype=x.dtype)
        return r if keepdim else r.squeeze(dim)
    return getattr(x, op)(dim=dim, keepdim=keepdim)


def lifted(f, x, frame):
    """f⍤1 on all the cells of x at once (ranks=; its cells' axis last): on an empty frame
    APL applies f to a prototype cell, and where that fails, the result is the empty frame."""
    if all(x.shape[:frame]):
        return f(x)
    try:
        f(torch.zeros((1,) * frame + x.shape[frame:], dtype=x.dtype))
    except APLError:
        return torch.zeros(x.shape[:frame], dtype=x.dtype)
    return f(x)


def paired(a, w):
    """The cells of a f⍤k w lined up for torch's broadcasting (ranks=): LENGTH ERROR where
    they do not pair as APL pairs them (lengths that differ, neither of them 1)."""
    try:
        torch.broadcast_shapes(a.shape, w.shape)
    except RuntimeError:
        raise APLError("LENGTH ERROR") from None


def extend(a, w):
    """APL's scalar extension for the tensors of a function written for float tensors
    (ranks=): equal shapes, or a one-item side extended to the other's shape; otherwise
    RANK ERROR or LENGTH ERROR (where torch would broadcast)."""
    if a.shape == w.shape:
        return a, w
    if a.numel() == 1 and (w.numel() != 1 or a.ndim <= w.ndim):
        return a.reshape(()), w
    if w.numel() == 1:
        return a, w.reshape(())
    raise APLError("RANK ERROR" if a.ndim != w.ndim else "LENGTH ERROR")


def whole(x):
    """Which items are whole numbers."""
    if is_int(x):
        return torch.ones(x.shape, dtype=torch.bool)
    if x.is_complex():
        return (x.imag == 0) & (x.real == torch.floor(x.real))
    return x == torch.floor(x)


def boolean(x):
    """x as booleans, or a DOMAIN ERROR when it holds other numbers."""
    x = tensor(x)
    if x.dtype == torch.bool:
        return x
    if x.is_complex() or bool(((x != 0) & (x != 1)).any()):
        raise APLError("DOMAIN ERROR: boolean argument expected")
    return x != 0


def is_boolean(x):
    x = tensor(x)
    return x.dtype == torch.bool or (
        not x.is_complex() and not bool(((x != 0) & (x != 1)).any())
    )


def axis(x, dim):
    """dim, an axis of x (0 or -1 for a scalar), or a RANK ERROR."""
    if not -max(x.ndim, 1) <= dim < max(x.ndim, 1):
        raise APLError("RANK ERROR: no such axis")
    return dim


def stack(items, dim=0):
    """torch.stack of items of one shape and of several types, promoted to a common
    one."""
    dtype = items[0].dtype
    for t in items[1:]:
        dtype = torch.promote_types(dtype, t.dtype)
    return torch.stack([t.to(dtype) for t in items], dim)
