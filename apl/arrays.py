"""The value model: what an APL array is in Python, and the helpers every layer shares.

- simple numeric arrays: numpy bool, int64, float64 or complex128 arrays (0-d for scalars);
- character arrays: numpy '<U1' arrays;
- nested or mixed arrays: numpy object arrays whose items are simple scalars (numpy or
  Python numbers, 1-character str) or non-scalar arrays (a 0-d object array is an enclosure).
"""
from __future__ import annotations

import numbers

import numpy as np

from .errors import DomainError

CHAR = np.dtype("<U1")
OBJ = np.dtype(object)
INT = np.dtype(np.int64)
FLOAT = np.dtype(np.float64)
COMPLEX = np.dtype(np.complex128)
BOOL = np.dtype(np.bool_)

ZILDE = np.zeros(0, dtype=INT)


def is_char(a: np.ndarray) -> bool:
    return a.dtype.kind == "U"


def is_nested(a: np.ndarray) -> bool:
    return a.dtype == OBJ


def is_numeric(a: np.ndarray) -> bool:
    return a.dtype.kind in "biufc"


def scalar(x) -> np.ndarray:
    """A simple scalar as a 0-d array."""
    return np.asarray(x)


def box(v):
    """An array as an item of a nested array: simple scalars go in bare."""
    if isinstance(v, np.ndarray):
        if v.ndim == 0 and v.dtype != OBJ:
            return v[()]
        return v
    return v


def unbox(item) -> np.ndarray:
    """An item of a nested array as an array in its own right."""
    if isinstance(item, np.ndarray):
        return item
    if isinstance(item, str):
        return np.array(item, dtype=CHAR)
    if isinstance(item, (bool, np.bool_)):
        return np.array(item, dtype=BOOL)
    return np.asarray(item)


def is_simple_item(item) -> bool:
    return not isinstance(item, np.ndarray)


def enclose(a: np.ndarray) -> np.ndarray:
    """⊂: a simple scalar is its own enclosure."""
    if a.ndim == 0 and a.dtype != OBJ:
        return a
    out = np.empty((), dtype=OBJ)
    out[()] = a
    return out


def from_items(items: list, shape) -> np.ndarray:
    """Build an array from boxed items; uniform simple items give a simple array."""
    shape = tuple(shape)
    if items and all(is_simple_item(x) for x in items):
        if all(isinstance(x, str) for x in items):
            return np.array(items, dtype=CHAR).reshape(shape)
        if not any(isinstance(x, str) for x in items):
            arr = np.array(items)
            if arr.dtype.kind not in "biufc":
                arr = arr.astype(OBJ)
            elif arr.dtype.kind == "u" or (arr.dtype.kind == "i" and arr.dtype != INT):
                arr = arr.astype(INT)
            elif arr.dtype.kind == "f" and arr.dtype != FLOAT:
                arr = arr.astype(FLOAT)
            elif arr.dtype.kind == "c" and arr.dtype != COMPLEX:
                arr = arr.astype(COMPLEX)
            return arr.reshape(shape)
    out = np.empty(len(items), dtype=OBJ)
    for i, x in enumerate(items):
        out[i] = x
    return out.reshape(shape)


def normalise(a: np.ndarray) -> np.ndarray:
    """An object array whose items are all simple and of one kind becomes a simple array."""
    if a.dtype != OBJ or a.size == 0:
        return a
    flat = a.ravel()
    if all(is_simple_item(x) for x in flat):
        return from_items(list(flat), a.shape)
    return a


def items(a: np.ndarray) -> list:
    """The ravel of an array as boxed items."""
    if a.dtype == OBJ:
        return list(a.ravel())
    return [box(np.asarray(x)) for x in a.ravel()] if a.dtype.kind == "U" else list(a.ravel())


def depth(a: np.ndarray) -> int:
    """≡ without sign: 0 for a simple scalar, 1 for a simple array, 1+max for nested."""
    if a.dtype != OBJ:
        return 0 if a.ndim == 0 else 1
    if a.ndim == 0:
        return 1 + depth(unbox(a[()]))
    ds = [depth(unbox(x)) for x in a.ravel()]
    return 1 + (max(ds) if ds else 0)


def fill_item(a: np.ndarray):
    """The prototype item of an array, boxed: 0 for numbers, ' ' for characters."""
    if a.dtype.kind == "U":
        return " "
    if a.dtype != OBJ:
        return 0
    if a.size == 0:
        from .primitives.cells import carried_prototype

        p = carried_prototype(a)
        return 0 if p is None else p
    first = a.ravel()[0]
    return box(prototype_of(unbox(first)))


def prototype_of(a: np.ndarray) -> np.ndarray:
    """The array with every simple scalar replaced by its fill (0 or blank)."""
    if a.dtype.kind == "U":
        return np.full(a.shape, " ", dtype=CHAR)
    if a.dtype != OBJ:
        return np.zeros(a.shape, dtype=INT)
    out = np.empty(a.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, x in enumerate(a.ravel()):
        flat[i] = box(prototype_of(unbox(x)))
    return out


def empty_like_proto(a: np.ndarray, shape) -> np.ndarray:
    """An array of the given shape filled with a's prototype, keeping a's type."""
    if a.dtype == OBJ:
        f = fill_item(a)
        if is_simple_item(f):
            return np.full(shape, f, dtype=CHAR if isinstance(f, str) else INT)
        out = np.empty(shape, dtype=OBJ)
        for idx in np.ndindex(*shape):
            out[idx] = f
        return out
    if a.dtype.kind == "U":
        return np.full(shape, " ", dtype=CHAR)
    return np.zeros(shape, dtype=a.dtype if a.dtype != BOOL else BOOL)


def from_python(x) -> np.ndarray:
    """Convert a value given from Python (API arguments) into an APL array."""
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "biufc":
            if x.dtype.kind == "b":
                return x
            if x.dtype.kind in "iu":
                return x.astype(INT, copy=False)
            if x.dtype.kind == "f":
                return x.astype(FLOAT, copy=False)
            return x.astype(COMPLEX, copy=False)
        if x.dtype.kind == "U":
            if x.dtype.itemsize // 4 <= 1:
                return x.astype(CHAR)
            return from_items([box(from_python(str(s))) for s in x.ravel()], x.shape)
        if x.dtype == OBJ:
            return normalise(from_items([box(from_python(v)) for v in x.ravel()], x.shape))
        raise DomainError(f"cannot use a numpy array of dtype {x.dtype}")
    if isinstance(x, np.generic):
        return from_python(np.asarray(x))
    if isinstance(x, str):
        if len(x) == 1:
            return np.array(x, dtype=CHAR)
        return np.array(list(x), dtype=CHAR)
    if isinstance(x, bool):
        return np.array(x, dtype=BOOL)
    if isinstance(x, numbers.Integral):
        if -(2**63) <= int(x) < 2**63:
            return np.array(int(x), dtype=INT)
        return np.array(float(x))
    if isinstance(x, numbers.Real):
        return np.array(float(x), dtype=FLOAT)
    if isinstance(x, numbers.Complex):
        return np.array(complex(x), dtype=COMPLEX)
    if isinstance(x, (list, tuple)):
        return normalise(from_items([box(from_python(v)) for v in x], (len(x),)))
    if hasattr(x, "__array__"):
        return from_python(np.asarray(x))
    raise DomainError(f"cannot use a Python {type(x).__name__} as an APL array")


def to_ints(a: np.ndarray, what: str = "argument") -> np.ndarray:
    """Whole numbers as int64 (near-integers accepted); anything else is a DOMAIN ERROR."""
    if a.dtype == INT:
        return a
    if a.dtype == BOOL:
        return a.astype(INT)
    if a.dtype == OBJ:
        a = normalise(a)
        if a.dtype == OBJ:
            raise DomainError(f"{what} must be simple numeric")
    if a.dtype.kind == "f":
        r = np.rint(a)
        if a.size and not np.all(np.abs(a - r) <= 1e-10 * np.maximum(1, np.abs(a))):
            raise DomainError(f"{what} must be whole numbers")
        return r.astype(INT)
    if a.dtype.kind == "c":
        if a.size and np.any(a.imag != 0):
            raise DomainError(f"{what} must be whole numbers")
        return to_ints(a.real.copy(), what)
    if a.dtype.kind in "iu":
        return a.astype(INT)
    raise DomainError(f"{what} must be whole numbers")


def to_int(a: np.ndarray, what: str = "argument") -> int:
    """One whole number from a scalar or a one-item array."""
    if a.size != 1:
        from .errors import LengthError
        raise LengthError(f"{what} must be a single number")
    return int(to_ints(a.reshape(()), what)[()])


def tidy_numeric(a: np.ndarray) -> np.ndarray:
    """Complex results whose imaginary parts are all zero become real, as in APL."""
    if a.dtype.kind == "c" and not np.any(a.imag):
        return a.real.copy()
    return a
