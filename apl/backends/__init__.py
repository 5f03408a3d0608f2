"""Array backends: NumPy always, PyTorch when a tensor or `backend="torch"` shows up, Dask when a
dask array or `backend="dask"` does.

Primitives are written once against an array namespace `xp` (NumPy 2.x, or array_api_compat's
torch or dask namespace); a backend object adds the dtypes and the operations where the libraries
differ. Every backend implements the contract in `contract.py` (`numpy_backend.py`,
`torch_backend.py`, `dask_backend.py`). Like einops' backends, torch and dask are imported only
when one of their arrays is met: `import apl` imports neither.

The rest of the package asks these helpers, never the type of an array:
  backend_of(*xs)  the backend of the arguments (torch if any is a tensor, dask if any is a dask
                   array): call its methods
  namespace(*xs)   its array namespace
  device_of(*xs)   the device of the arguments (None on NumPy and Dask)
  kind(x)          'b' 'i' 'u' 'f' 'c' 'U' 'O' (torch dtypes have no .kind)
  size(x)          the number of items (a tensor's .size is a method)
  is_array(x)      an array of any backend (not a Python or NumPy scalar, not a str)
  anyb(x), allb(x), coerce(a, w), host(x), one_device(values), lazy_in(values), as_int(x) …
`is_tensor` and `is_dask` are what these helpers are made of; they are not for use outside
apl/backends.
"""
from __future__ import annotations

import sys
from contextvars import ContextVar

import numpy as np

from .contract import Backend
from .numpy_backend import NUMPY, NumpyBackend

# The backend of the session evaluating in this thread or task (apl.settings makes it current):
# where a torch operation reads its session's float dtype from (TorchBackend.FLOAT).
ACTIVE: ContextVar = ContextVar("apl_backend", default=NUMPY)

_TENSOR = [None]  # torch.Tensor, once torch has been imported by anyone


def _tensor_type():
    t = _TENSOR[0]
    if t is None:
        m = sys.modules.get("torch")
        if m is None or not hasattr(m, "Tensor"):
            return None
        t = _TENSOR[0] = m.Tensor
    return t


def is_tensor(x) -> bool:
    if type(x) is np.ndarray:
        return False
    t = _TENSOR[0]
    if t is None:
        t = _tensor_type()
        if t is None:
            return False
    return isinstance(x, t)


_DASK = [None]  # dask.array.Array, once dask.array has been imported by anyone


def _dask_type():
    t = _DASK[0]
    if t is None:
        m = sys.modules.get("dask.array")
        t = getattr(m, "Array", None) if m is not None else None
        if t is None:
            return None
        _DASK[0] = t
    return t


def is_dask(x) -> bool:
    if type(x) is np.ndarray:
        return False
    t = _DASK[0]
    if t is None:
        t = _dask_type()
        if t is None:
            return False
    return isinstance(x, t)


def is_array(x) -> bool:
    """A backend array: a NumPy array, a torch tensor or a dask array (not a Python or NumPy
    scalar)."""
    if type(x) is np.ndarray:
        return True
    if isinstance(x, np.ndarray):
        return True
    return is_tensor(x) or is_dask(x)


_KINDS: dict = {}  # dtype (numpy or torch) → kind


def kind(x) -> str:
    """The dtype kind of an array: 'b' 'i' 'u' 'f' 'c' 'U' or 'O'."""
    if type(x) is np.ndarray:
        return x.dtype.kind
    dt = x.dtype
    k = _KINDS.get(dt)
    if k is None:
        k = getattr(dt, "kind", None)
        if k is None:
            k = backend_of(x).dtype_kind(dt)
        _KINDS[dt] = k
    return k


def size(x) -> int:
    """The number of items of an array."""
    if type(x) is np.ndarray:
        return x.size
    if is_tensor(x):
        return x.numel()
    if is_dask(x):
        return int(x.size)
    return np.size(x)


_TORCH_DEFAULT = []


def torch_default():
    """The torch backend object used for operations on tensors (imports torch)."""
    if not _TORCH_DEFAULT:
        from .torch_backend import default

        _TORCH_DEFAULT.append(default())
    return _TORCH_DEFAULT[0]


_DASK_DEFAULT = []


def dask_default():
    """The dask backend object (imports dask)."""
    if not _DASK_DEFAULT:
        from .dask_backend import DaskBackend

        _DASK_DEFAULT.append(DaskBackend())
    return _DASK_DEFAULT[0]


def backend_of(*xs):
    """The backend for an operation on these arrays: torch as soon as one is a tensor, dask as
    soon as one is a dask array."""
    for x in xs:
        if type(x) is not np.ndarray:
            if is_tensor(x):
                return _TORCH_DEFAULT[0] if _TORCH_DEFAULT else torch_default()
            if is_dask(x):
                return _DASK_DEFAULT[0] if _DASK_DEFAULT else dask_default()
    return NUMPY


def namespace(*xs):
    """The array namespace (numpy, or array_api_compat's torch or dask) of these arrays."""
    for x in xs:
        if type(x) is not np.ndarray:
            if is_tensor(x):
                return torch_default().xp
            if is_dask(x):
                return dask_default().xp
    return np


def make_backend(name: str | None, device=None, dtype=None):
    """The backend object a session uses: NUMPY, a TorchBackend for a device and float dtype, or
    the DaskBackend."""
    if name in (None, "numpy"):
        if device not in (None, "cpu") or dtype is not None:
            from ..errors import DomainError

            raise DomainError("device and dtype need the torch backend")
        return NUMPY
    if name == "torch":
        try:
            from .torch_backend import TorchBackend
        except ImportError as e:  # torch (or array-api-compat) is not installed
            from ..errors import NonceError

            raise NonceError(f"the torch backend needs PyTorch ({e}): pip install 'apltorch[torch]'") from None
        return TorchBackend(device, dtype)
    if name == "dask":
        from ..errors import DomainError, NonceError

        if device not in (None, "cpu") or dtype is not None:
            raise DomainError("device and dtype are for the torch backend")
        try:
            return dask_default()
        except ImportError as e:  # dask is not installed
            raise NonceError(f"the dask backend needs dask[array]: pip install 'apltorch[dask]' ({e})") from None
    from ..errors import DomainError

    raise DomainError(f"unknown backend {name!r}: 'numpy', 'torch' or 'dask'")


def anyb(x) -> bool:
    """Whether any item is true, as a Python bool (one read of a scalar for tensors; a
    computation for a dask array)."""
    if type(x) is np.ndarray:
        return bool(x.any())
    if is_tensor(x):
        return bool(x.any())
    if is_dask(x):
        from .dask_backend import read_any

        return read_any(x)
    return bool(np.any(x))


def allb(x) -> bool:
    if type(x) is np.ndarray:
        return bool(x.all())
    if is_tensor(x):
        return bool(x.all())
    if is_dask(x):
        from .dask_backend import read_all

        return read_all(x)
    return bool(np.all(x))


def to_tensor_like(a: np.ndarray, t):
    """A numeric NumPy array as a tensor on t's device (NumPy → torch is the allowed direction)."""
    return torch_default().from_numpy(a, t.device)


def coerce(a, w):
    """Two arguments brought to one backend: a numeric NumPy side becomes a tensor on the
    other's device (a dask array, beside a dask array); tensors on two devices, and a tensor
    meeting a dask array, are DOMAIN ERRORs."""
    da_, dw = is_dask(a), is_dask(w)
    if da_ or dw:
        if is_tensor(a) or is_tensor(w):
            from ..errors import DomainError

            raise DomainError("a torch tensor meets a dask array: use one backend")
        if da_ and not dw and isinstance(w, np.ndarray) and w.dtype.kind in "biufc":
            return a, dask_default().from_numpy(w)
        if dw and not da_ and isinstance(a, np.ndarray) and a.dtype.kind in "biufc":
            return dask_default().from_numpy(a), w
        return a, w
    ta, tw = is_tensor(a), is_tensor(w)
    if ta and tw:
        if a.device != w.device:
            from ..errors import DomainError

            raise DomainError(f"arrays on two devices ({a.device} and {w.device})")
        return a, w
    if ta and isinstance(w, np.ndarray) and w.dtype.kind in "biufc":
        return a, to_tensor_like(w, a)
    if tw and isinstance(a, np.ndarray) and a.dtype.kind in "biufc":
        return to_tensor_like(a, w), w
    return a, w


def host(x):
    """A value with every tensor or dask array (at any depth) copied to a NumPy array: for
    display, ⍕ and Python (a dask array is computed, within the dask backend's memory limit)."""
    if is_tensor(x):
        return torch_default().to_numpy(x)
    if is_dask(x):
        return dask_default().to_numpy(x)
    if isinstance(x, np.ndarray) and x.dtype == object:
        flat = x.reshape(-1)
        if not any(is_tensor(v) or is_dask(v) or (isinstance(v, np.ndarray) and v.dtype == object) for v in flat):
            return x
        out = np.empty(x.shape, dtype=object)
        of = out.reshape(-1)
        for i, v in enumerate(flat):
            h = host(v)
            of[i] = h[()] if isinstance(h, np.ndarray) and h.ndim == 0 and h.dtype != object else h
        if x.size == 0:
            return x
        return out
    return x




# ------------------------------------------------------------------ dtype conversions on any backend
def widen(x):
    """Narrow NumPy integers (int8/int16/int32, which counts are kept in: see apl.arrays) as
    int64, before arithmetic that could overflow them; other arrays as they are."""
    if type(x) is np.ndarray and x.dtype.kind == "i" and x.dtype.itemsize < 8:
        return x.astype(np.int64)
    return x


def as_int(x):
    """x as int64 (booleans and other integer types)."""
    if type(x) is np.ndarray:
        return x.astype(np.int64)
    if is_tensor(x):
        return x.to(torch_default().INT)
    if is_dask(x):
        return x.astype(np.int64)
    return np.asarray(x).astype(np.int64)


def as_bool(x):
    if type(x) is np.ndarray:
        return x.astype(np.bool_)
    if is_tensor(x):
        return x.to(torch_default().BOOL)
    if is_dask(x):
        return x.astype(np.bool_)
    return np.asarray(x).astype(np.bool_)


def as_float(x):
    """x as the backend's float type (float64, or a torch session's float32); complex stays."""
    if is_tensor(x):
        if x.is_floating_point() or x.is_complex():
            return x
        return x.to(torch_default().FLOAT)
    if is_dask(x):
        return x if x.dtype.kind in "fc" else x.astype(np.float64)
    x = np.asarray(x)
    return x if x.dtype.kind in "fc" else x.astype(np.float64)


def as_complex(x):
    if is_tensor(x):
        return x.to(torch_default().COMPLEX)
    if is_dask(x):
        return x.astype(np.complex128)
    return np.asarray(x).astype(np.complex128)


def astype(x, dtype):
    """x in dtype (a dtype of x's own backend)."""
    if is_tensor(x):
        return x.to(dtype)
    if is_dask(x):
        return x.astype(dtype)
    return np.asarray(x).astype(dtype)


def arr(r):
    """A library result as an array: NumPy scalars (from 0-d operations) become 0-d arrays."""
    if type(r) is np.ndarray:
        return r
    if isinstance(r, (np.generic, bool, int, float, complex)):
        return np.asarray(r)
    return r


def device_of(*xs):
    """Where the arrays live: the device of the first of them on a device backend (a torch
    device), or None when they are all NumPy (or Python values)."""
    for x in xs:
        if type(x) is not np.ndarray and is_tensor(x):
            return x.device
    return None


def _device_arrays(x, out: list, limit: int = 1000) -> list:
    """The arrays of device backends in a Python value (at any depth of lists, tuples and object
    arrays, down to `limit` levels: deeper values, and lists that hold themselves, are refused
    when they are converted)."""
    stack, seen = [(x, 0)], set()
    while stack:
        v, depth = stack.pop()
        if is_tensor(v):
            out.append(v)
            continue
        container = isinstance(v, (list, tuple)) or isinstance(v, np.ndarray) and v.dtype == object
        if not container or depth >= limit or id(v) in seen:
            continue
        seen.add(id(v))  # each container once: a list holding itself twice is not walked 2**depth times
        stack.extend((y, depth + 1) for y in (v if isinstance(v, (list, tuple)) else v.reshape(-1)))
    return out


def lazy_in(values) -> bool:
    """Whether there is a dask array among Python values given to the API (at any depth)."""
    stack, seen = list(values), set()
    while stack:
        v = stack.pop()
        if is_dask(v):
            return True
        container = isinstance(v, (list, tuple)) or isinstance(v, np.ndarray) and v.dtype == object
        if container and id(v) not in seen and len(seen) < 100_000:
            seen.add(id(v))
            stack.extend(v if isinstance(v, (list, tuple)) else v.reshape(-1))
    return False


def one_device(values):
    """The device of the tensors among Python values given to the API (names bound, the
    arguments of `apl.function`), or None when there are none; tensors on two devices are a
    DOMAIN ERROR."""
    devices: list = []
    for v in values:
        for t in _device_arrays(v, []):
            if t.device not in devices:
                devices.append(t.device)
    if len(devices) > 1:
        from ..errors import DomainError

        raise DomainError(f"tensors on two devices ({devices[0]} and {devices[1]}): move them to one")
    return devices[0] if devices else None


__all__ = ["NUMPY", "Backend", "NumpyBackend", "allb", "anyb", "arr", "as_bool", "as_complex", "as_float",
           "as_int", "astype", "backend_of", "coerce", "dask_default", "device_of", "widen", "host", "is_array",
           "is_dask", "is_tensor", "kind", "lazy_in", "make_backend", "namespace", "one_device", "size",
           "to_tensor_like", "torch_default"]
