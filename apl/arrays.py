"""The value model: what an APL array is in Python, and the helpers every layer shares.

- simple numeric arrays: backend arrays of bool, int64, float64 or complex128 (0-d for scalars):
  numpy arrays, or torch tensors on the torch backend (float32/complex64 on request);
  on NumPy a count may also be int8/int16/int32 (`+/` of boolean arrays keeps its counts in
  the narrowest type, as Dyalog keeps small integers): arithmetic widens them to int64 first
  (`arithmetic.num`), comparisons take them as they are, and the Python API hands back int64
  (`widen_all`);
- character arrays: numpy '<U1' arrays (on every backend);
- nested or mixed arrays: numpy object arrays whose items are simple scalars (numpy or
  Python numbers, 0-d tensors, 1-character str) or non-scalar arrays (numpy arrays or
  tensors; a 0-d object array is an enclosure).
"""
from __future__ import annotations

import numbers
import weakref

import numpy as np

from .backends import NUMPY, backend_of, device_of, is_array, kind, size, widen
from .errors import DomainError, LimitError

MAX_DEPTH = 1000  # levels of nesting of a value (built in APL, or given from Python): deeper is a LIMIT ERROR

CHAR = np.dtype("<U1")
OBJ = np.dtype(object)
INT = np.dtype(np.int64)
FLOAT = np.dtype(np.float64)
COMPLEX = np.dtype(np.complex128)
BOOL = np.dtype(np.bool_)

ZILDE = np.zeros(0, dtype=INT)


def widen_all(a):
    """A value with its narrow integer arrays (at any depth) as int64: what leaves the
    interpreter, so that a caller's own arithmetic on it cannot overflow."""
    if type(a) is not np.ndarray:
        return np.int64(a) if _has_narrow(a) else a
    if a.dtype == OBJ:
        if not a.size or not any(_has_narrow(x) for x in a.flat):
            return a
        out = np.empty(a.size, dtype=OBJ)
        for i, x in enumerate(a.flat):
            out[i] = widen_all(x)
        return out.reshape(a.shape)
    return widen(a)


def _has_narrow(x) -> bool:
    if type(x) is not np.ndarray:
        return isinstance(x, np.signedinteger) and x.dtype.itemsize < 8
    if x.dtype == OBJ:
        return any(_has_narrow(y) for y in x.flat)
    return x.dtype.kind == "i" and x.dtype.itemsize < 8


def is_char(a) -> bool:
    return kind(a) == "U"


def is_nested(a) -> bool:
    return a.dtype == OBJ


def is_numeric(a) -> bool:
    return kind(a) in "biufc"


def scalar(x) -> np.ndarray:
    """A simple scalar as a 0-d array."""
    return np.asarray(x)


def ref_item(a):
    """The namespace a scalar reference holds (a 0-d object array whose item is no array), or
    None. References are simple scalars: what walks nested arrays stops at them."""
    if type(a) is np.ndarray and a.ndim == 0 and a.dtype == OBJ:
        item = a[()]
        if not isinstance(item, (np.ndarray, str, np.generic, int, float, complex)) and not is_array(item):
            return item
    return None


def _is_reference(item) -> bool:
    """An item of a nested array that is a namespace (held bare, as box puts it)."""
    return not isinstance(item, (np.ndarray, str, np.generic, int, float, complex)) and not is_array(item)


def box(v):
    """An array as an item of a nested array: simple scalars go in bare (a 0-d tensor is
    already a simple scalar item; a namespace reference goes in as the namespace)."""
    if type(v) is np.ndarray and v.ndim == 0:
        if v.dtype != OBJ:
            return v[()]
        item = ref_item(v)
        if item is not None:
            return item
    return v


def unbox(item):
    """An item of a nested array as an array in its own right."""
    if isinstance(item, np.ndarray):
        return item
    if isinstance(item, np.generic):
        return np.asarray(item)
    if isinstance(item, str):
        return np.array(item, dtype=CHAR)
    if isinstance(item, bool):
        return np.array(item, dtype=BOOL)
    if isinstance(item, (int, float, complex)) or not is_array(item):
        return np.asarray(item)
    return item  # a 0-d array of a device backend


def unboxed_items(a) -> list:
    """The ravel of a as arrays, each item unboxed (a simple numeric NumPy array's through
    Python numbers, which become 0-d arrays faster than NumPy scalars do)."""
    if type(a) is np.ndarray and a.dtype.kind in "biufc":
        return [np.asarray(x) for x in a.ravel().tolist()]
    return [unbox(x) for x in a.ravel()]


_SCALARS = (int, float, complex, str, np.generic)
# the scalar types items mostly have: one set lookup before the isinstance tests
_SCALAR_TYPES = frozenset({int, float, complex, str, bool, np.int64, np.float64, np.bool_, np.complex128,
                           np.str_, np.int8, np.int16, np.int32})


def is_simple_item(item) -> bool:
    if type(item) in _SCALAR_TYPES or isinstance(item, _SCALARS):
        return True
    if isinstance(item, np.ndarray):
        return False
    return not (is_array(item) and item.ndim)  # a device backend's 0-d array is a simple scalar


def is_array_item(item) -> bool:
    """An item of a nested array that is an array (not a simple scalar)."""
    return not is_simple_item(item)


def enclose(a) -> np.ndarray:
    """⊂: a simple scalar is its own enclosure."""
    if a.ndim == 0 and a.dtype != OBJ:
        return a
    d = nesting(a) + 1 if a.dtype == OBJ else 1
    if d >= MAX_DEPTH:  # its depth (≡) would be d + 1
        raise LimitError(f"an array nested deeper than {MAX_DEPTH} levels")
    out = np.empty((), dtype=OBJ)
    out[()] = a
    if d >= 2:
        _remember(out, d)
    return out


# ---------------------------------------------------------------- how deep nested arrays go
# NumPy frees an object array holding object arrays by recursing in C: a value nested some
# thousands deep would crash the process when freed (and ≡ ⍕ ∊ recurse on it too). So nesting
# stops at MAX_DEPTH levels with a LIMIT ERROR, checked where arrays become items of arrays
# (enclose, from_items). The depth of each live array nested two or more levels is remembered
# (by id, forgotten when it is freed), so the check costs a look-up, not a walk.
_DEPTH: dict = {}  # id of a live object array → its nesting (≥ 2)
_REFS: dict = {}  # id → the weak reference that forgets it


def _remember(a, d: int) -> None:
    k = id(a)
    _DEPTH[k] = d
    _REFS[k] = weakref.ref(a, lambda _, k=k: (_DEPTH.pop(k, None), _REFS.pop(k, None)))


def nesting(a) -> int:
    """How many object arrays deep a goes: 0 for a simple array, 1 for an array of simple items."""
    if type(a) is not np.ndarray or a.dtype != OBJ:
        return 0
    d = _DEPTH.get(id(a))
    if d is not None:
        return d
    d = 1 + max((nesting(x) for x in a.flat if type(x) is np.ndarray and x.dtype == OBJ), default=0)
    if d >= 2:
        _remember(a, d)
    return d


def _stack_scalars(items: list, shape):
    """Simple numeric items, some of them 0-d arrays of a device backend, as one array of it."""
    bk = backend_of(*items)
    xp = bk.xp
    dev = device_of(*items)
    rank = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}
    top = 0
    for x in items:
        if bk.owns(x):
            top = max(top, rank[kind(x)])
        elif isinstance(x, (bool, np.bool_)):
            pass
        elif isinstance(x, (complex, np.complexfloating)):
            top = 3
        elif isinstance(x, (float, np.floating)):
            top = max(top, 2)
        else:
            top = max(top, 1)
    dt = (bk.BOOL, bk.INT, bk.FLOAT, bk.COMPLEX)[top]
    ts = []
    for x in items:
        if not bk.owns(x):
            ts.append(bk.scalar(x, dt, dev))
            continue
        if device_of(x) != dev:
            raise DomainError("arrays on two devices")
        ts.append(x if x.dtype == dt else xp.astype(x, dt))
    return xp.reshape(xp.stack(ts), tuple(shape))


def _simple_items(items: list):
    """(whether every item is a simple scalar, whether any is a device backend's 0-d array);
    (False, _) when empty."""
    if not items:
        return False, False
    arrays = False
    for x in items:
        if type(x) in _SCALAR_TYPES:
            continue
        if isinstance(x, np.ndarray):
            return False, arrays
        if isinstance(x, _SCALARS):
            continue
        if is_array(x):
            if x.ndim:
                return False, True
            arrays = True
        elif _is_reference(x):  # a namespace: held as an object, never stacked into numbers
            return False, arrays
    return True, arrays


def from_items(items: list, shape):
    """Build an array from boxed items; uniform simple items give a simple array."""
    shape = tuple(shape)
    simple, arrays = _simple_items(items)
    if simple:
        if all(isinstance(x, str) for x in items):
            return np.array(items, dtype=CHAR).reshape(shape)
        if not any(isinstance(x, str) for x in items):
            if arrays:
                return _stack_scalars(items, shape)
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
    d = 1 + max((nesting(x) for x in items if type(x) is np.ndarray and x.dtype == OBJ), default=0)
    if d >= MAX_DEPTH:  # its depth (≡) would be d + 1
        raise LimitError(f"an array nested deeper than {MAX_DEPTH} levels")
    out = out.reshape(shape)
    if d >= 2:
        _remember(out, d)
    return out


def normalise(a):
    """An object array whose items are all simple and of one kind becomes a simple array."""
    if a.dtype != OBJ or a.size == 0:
        return a
    flat = a.ravel()
    if all(is_simple_item(x) for x in flat):
        return from_items(list(flat), a.shape)
    return a


def items(a) -> list:
    """The ravel of an array as boxed items."""
    if a.dtype == OBJ:
        return list(a.ravel())
    return backend_of(a).items(a)


def depth(a) -> int:
    """≡ without sign: 0 for a simple scalar, 1 for a simple array, 1+max for nested."""
    if a.dtype != OBJ:
        return 0 if a.ndim == 0 else 1
    if a.ndim == 0:
        if ref_item(a) is not None:
            return 0  # a namespace reference: a simple scalar
        return 1 + depth(unbox(a[()]))
    ds = [depth(unbox(x)) for x in a.ravel()]
    return 1 + (max(ds) if ds else 0)


def zeros_like_backend(a, shape, dtype_kind="i"):
    """Zeros (int64, or bool for 'b') of a shape, in a's backend and on its device."""
    bk = backend_of(a)
    dt = bk.BOOL if dtype_kind == "b" else bk.INT
    return bk.xp.zeros(tuple(shape), dtype=dt, device=device_of(a))


def from_python(x, backend=None, depth=0):
    """Convert a value given from Python (API arguments) into an APL array.

    `backend` (a session's backend) decides what numbers become: NumPy arrays, or tensors of
    its dtypes on its device. Tensors given to a NumPy session are refused. Masked arrays are
    refused (their masked items have no APL meaning); nesting deeper than MAX_DEPTH (or a list
    that holds itself) is a LIMIT ERROR."""
    if backend is not None and backend is not NUMPY:
        if backend.lazy and type(x) in (np.ndarray, np.memmap) and x.dtype.kind in "biufc":
            return backend.adopt(backend.asarray(x))  # chunks of x as it is: nothing read or copied
        return _to_backend(from_python(x), backend)
    if depth > MAX_DEPTH:
        raise LimitError(f"a value nested deeper than {MAX_DEPTH} levels (or one that holds itself)")
    if isinstance(x, np.ma.MaskedArray):
        if np.ma.getmask(x) is not np.ma.nomask and np.ma.getmaskarray(x).any():
            raise DomainError("a masked array: fill its masked items first (a.filled(value))")
        x = np.ma.getdata(x)
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "biufc":
            return NUMPY.adopt(x)
        if x.dtype.kind == "U":
            if x.dtype.itemsize // 4 <= 1:
                return x.astype(CHAR)
            return from_items([box(from_python(str(s), None, depth + 1)) for s in x.ravel()], x.shape)
        if x.dtype == OBJ:
            return normalise(from_items([box(from_python(v, None, depth + 1)) for v in x.ravel()], x.shape))
        raise DomainError(f"cannot use a numpy array of dtype {x.dtype}")
    if is_array(x):  # an array of another library: a torch tensor
        bk = backend_of(x)
        if backend is None:
            return bk.adopt(x)
        raise DomainError(f"a {bk.name} array given to a numpy session: use backend='{bk.name}'")
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
        return normalise(from_items([box(from_python(v, None, depth + 1)) for v in x], (len(x),)))
    if hasattr(x, "__array__"):
        return from_python(np.asarray(x))
    raise DomainError(f"cannot use a Python {type(x).__name__} as an APL array")


def _to_backend(a, backend):
    """An APL value with its numeric arrays (at any depth) moved to a device backend."""
    if isinstance(a, np.ndarray):
        if a.dtype.kind in "biufc":
            return backend.from_numpy(a)
        if a.dtype == OBJ and a.size and not backend.lazy:  # (Dask: nested arrays keep NumPy items)
            if ref_item(a) is not None:
                return a  # a namespace reference: nothing to move
            out = np.empty(a.shape, dtype=OBJ)
            of = out.reshape(-1)
            flat = a.reshape(-1)
            if len(flat) > 64 and _uniform_numeric_items(flat):
                # many like numeric items (⍳ of a vector): one stacked tensor, its rows the items
                stacked = backend.from_numpy(np.stack(list(flat)))
                for i, t in enumerate(backend.major_cells(stacked)):
                    of[i] = t
                return out
            for i, v in enumerate(flat):
                of[i] = v if isinstance(v, str) or _is_reference(v) else _to_backend(unbox(v), backend)
            return out
        return a
    if is_array(a):
        return backend.adopt(a)
    return a


def _uniform_numeric_items(flat) -> bool:
    """Whether every item is a numeric NumPy array (rank ≥ 1) of one shape and dtype."""
    first = flat[0]
    if not (type(first) is np.ndarray and first.ndim and first.dtype.kind in "biufc"):
        return False
    shape, dtype = first.shape, first.dtype
    return all(type(v) is np.ndarray and v.shape == shape and v.dtype == dtype for v in flat)


def to_backend(a, backend):
    """An APL value in a session's backend: numeric arrays (at any depth) become tensors on the
    torch backend; characters stay NumPy. The NumPy backend leaves values as they are."""
    if backend is None or backend is NUMPY:
        return a
    return _to_backend(a, backend)


def to_ints(a, what: str = "argument"):
    """Whole numbers as int64 (near-integers accepted); anything else is a DOMAIN ERROR.

    The result is in the backend of a (a tensor for a tensor)."""
    if type(a) is np.ndarray:
        if a.dtype == INT:
            return a
        if a.dtype == BOOL:
            return a.astype(INT)
        if a.dtype == OBJ:
            a = normalise(a)
            if a.dtype == OBJ:
                raise DomainError(f"{what} must be simple numeric")
            return to_ints(a, what)
    k = kind(a)
    if k == "U":
        raise DomainError(f"{what} must be whole numbers")
    bk = backend_of(a)
    xp = bk.xp
    if k == "i" or k == "u" or k == "b":
        return a if k == "i" and a.dtype == bk.INT else xp.astype(a, bk.INT)
    if k == "f":
        r = xp.round(a)
        if size(a) and not bool(xp.all(xp.abs(a - r) <= 1e-10 * xp.clip(xp.abs(a), min=1))):
            if what == "axis":  # ⌽[1.5]: Dyalog's "RANK ERROR: Invalid axis"
                from .errors import AxisError
                raise AxisError("invalid axis")
            raise DomainError(f"{what} must be whole numbers")
        if size(a) and not bool(xp.all(xp.abs(r) < 2.0**63)):
            raise DomainError(f"{what} is too large")
        return xp.astype(r, bk.INT)
    if k == "c":
        if size(a) and bool(xp.any(bk.imag(a) != 0)):
            raise DomainError(f"{what} must be whole numbers")
        return to_ints(xp.real(a), what)
    raise DomainError(f"{what} must be whole numbers")


def to_int(a, what: str = "argument") -> int:
    """One whole number from a scalar or a one-item array."""
    if size(a) != 1:
        from .errors import AxisError, LengthError
        if what == "axis" and kind(a) != "U":  # ⌽[1 2]M: Dyalog's "RANK ERROR: Invalid axis"
            raise AxisError("invalid axis")
        raise LengthError(f"{what} must be a single number")
    if type(a) is not np.ndarray and backend_of(a).lazy:  # one read of the (remembered) value
        a = host_values(a)
    return int(to_ints(a.reshape(()), what))


def int_list(a, what: str = "argument") -> list:
    """The whole numbers of a (small) array as a Python list: shapes, axes, counts of ⍴ ↑ ↓."""
    if type(a) is not np.ndarray and backend_of(a).lazy:  # one read of the (remembered) values
        a = host_values(a)
    r = to_ints(a, what).reshape(-1)
    if type(r) is np.ndarray:
        return r.tolist()
    return [int(v) for v in r]


def tidy_numeric(a):
    """Complex results whose imaginary parts are all zero become real, as in APL."""
    if kind(a) == "c":
        bk = backend_of(a)
        xp = bk.xp
        if not bool(xp.any(bk.imag(a) != 0)):
            return bk.copy(xp.real(a))
    return a


# ------------------------------------------------------------------ control values on the host
def host_values(a):
    """A small array of control values (an axis, a shape, the marks of a partition) as a NumPy
    array, read from its backend (a tensor item by item: reading a scalar is how control flow
    sees a tensor; only a large one is copied to the host in one go)."""
    if type(a) is np.ndarray:
        return a
    return backend_of(a).host_values(a)


def host_ints(a, what: str = "argument") -> np.ndarray:
    """Whole numbers of a control array, as a NumPy int64 array (see host_values)."""
    return host_values(to_ints(a, what))


def index_for(ix, target):
    """An index array (integers, or a boolean mask) in the backend of the array it indexes
    (and on its device)."""
    if isinstance(target, np.ndarray):  # NumPy data (numbers, characters, nested): host indices
        return host_values(ix) if is_array(ix) else ix
    bk = backend_of(target)
    if bk.lazy:  # Dask indexes by NumPy indices and masks with shapes it knows: they are read
        return host_values(ix) if is_array(ix) else np.asarray(ix)
    if bk.owns(ix):
        return ix
    ix = np.asarray(ix)
    return bk.from_numpy(ix if ix.dtype.kind in "bi" else ix.astype(INT), device_of(target))


def like_ints(values, like):
    """Python ints (a shape, a count) as an int64 vector in like's backend and on its device."""
    v = values if isinstance(values, (int, np.integer)) else [int(x) for x in values]
    if type(like) is np.ndarray:
        return np.array(v, dtype=INT)
    bk = backend_of(like)
    return bk.xp.asarray(v, dtype=bk.INT, device=device_of(like))


def like_bool(value: bool, *likes):
    """A boolean scalar in the backend of likes (and on their device)."""
    bk = backend_of(*likes)
    return bk.xp.asarray(bool(value), dtype=bk.BOOL, device=device_of(*likes))


def host_nested(a):
    """A nested array with its tensor leaves read into NumPy (see host_values): for the
    Python-level work on nested arrays (total array ordering)."""
    if not isinstance(a, np.ndarray):
        return host_values(a) if is_array(a) else a
    if a.dtype != OBJ or a.size == 0:
        return a
    if not any(v.dtype == OBJ if isinstance(v, np.ndarray) else is_array(v) for v in a.reshape(-1)):
        return a
    out = np.empty(a.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, v in enumerate(a.reshape(-1)):
        h = host_nested(v)
        flat[i] = box(h) if isinstance(h, np.ndarray) else h
    return out
