"""The Dask backend: APL values as `dask.array` arrays, lazy and in chunks, for data larger than
memory (a Zarr store, a `.npy` file, an array on a `dask.distributed` cluster).

`xp` is array_api_compat's dask namespace, with the few functions Dask would run on one chunk
holding the whole array (sorting, unique values, `nonzero`: `sort` and `argsort` rechunk to one
chunk; `unique` and `nonzero` make arrays of unknown shape) taken through `in_memory`: they
compute their arguments into NumPy when these fit under the memory limit
(`dask.config.set({"apl.memory-limit": "2GB"})`; by default an eighth of the machine's memory)
and raise NONCE ERROR otherwise, naming the operation and the size: never a silent load of an
array into memory.

What reads values:
- checks that can only raise an error (a non-finite result, a division by zero) are not read
  when the array is made: they run on each chunk when it is computed (`require_finite`,
  `refuse`), and the error surfaces where the value is computed;
- a reduction or product whose result is small (`SETTLE_BYTES`, 16 MiB) is computed when it is
  made and kept as a one-chunk array whose values the backend remembers, so that what APL reads
  of it later (the checks that choose a result's type: `*0.5` of a sum) costs nothing;
- other reads (`host_values`, `bool`/`int` of a 0-d array, `all_finite`, `absmax`) compute what
  they read: one pass over the data that array is made from, never holding all of it.

Computations run on the active Dask scheduler: the threaded one by default, or the
`dask.distributed.Client` the user opened.
"""
from __future__ import annotations

import math
import os
import sys
import warnings
from collections import OrderedDict

import array_api_compat.dask.array as _xd
import dask
import dask.array as da
import numpy as np
from array_api_compat import numpy as _xnp
from dask.utils import format_bytes, parse_bytes

from ..errors import DomainError, NonceError
from .contract import Backend

# The primitives compute under np.errstate(all="ignore") and check results instead; Dask
# computes chunks later, in its own threads, where NumPy would warn about the inf or NaN the
# checks then refuse: those warnings are not shown.
_FLOAT_WARNINGS = r"(invalid value|divide by zero|overflow) encountered"
warnings.filterwarnings("ignore", _FLOAT_WARNINGS, RuntimeWarning, r"dask(\.|$)")


def _compute(*xs):
    """dask.compute, with NumPy's floating-point warnings off (also where a caller's warning
    filters were reset, as pytest does for each test)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", _FLOAT_WARNINGS, RuntimeWarning)
        return dask.compute(*xs)


SETTLE_BYTES = 16 << 20  # results of reductions up to this size are computed when made
_REMEMBER_BYTES = 1 << 20  # arrays up to this size made from NumPy keep their values at hand
_REMEMBERED = 4096  # how many such arrays are remembered (the least recently used are dropped)
_ONE_CHUNK_ITEMS = 1 << 20  # NumPy arrays up to this many items become one chunk
_CHUNK_BYTES = 128 << 20  # dask's own default chunk size: a result made here (broadcast) is cut so


def physical_memory() -> int:
    """The machine's memory in bytes."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return 8 << 30


def memory_limit() -> int:
    """The most bytes an operation that needs a whole array (sorting, unique values, nested
    arrays, a result handed to Python or the screen) may bring into memory: dask's config key
    `apl.memory-limit` ("2GB", or a number of bytes), by default an eighth of the memory."""
    v = dask.config.get("apl.memory-limit", None)
    if v is None:
        return physical_memory() // 8
    return int(parse_bytes(v)) if isinstance(v, str) else int(v)


def in_memory(what: str, *xs):
    """The dask arrays xs computed into NumPy arrays (one computation for all of them), when
    together they fit under the memory limit; else NONCE ERROR naming `what` and the size."""
    n = sum(int(x.nbytes) for x in xs if isinstance(x, da.Array))
    limit = memory_limit()
    if n > limit:
        raise NonceError(f"{what} needs the whole array in memory: {format_bytes(n)} is over the limit of "
                         f"{format_bytes(limit)} (dask.config 'apl.memory-limit')")
    return [np.asarray(v) for v in _compute(*xs)]


# ------------------------------------------------------------------ values at hand
class _Remembered:
    """The NumPy values of small dask arrays made from NumPy (literals, settled results), by the
    dask array's name: reading them back costs no computation."""

    def __init__(self):
        self._values: OrderedDict = OrderedDict()

    def put(self, x, v: np.ndarray):
        if v.nbytes <= _REMEMBER_BYTES:
            self._values[x.name] = v
            self._values.move_to_end(x.name)
            while len(self._values) > _REMEMBERED:
                self._values.popitem(last=False)
        return x

    def get(self, x):
        return self._values.get(x.name) if isinstance(x, da.Array) else None


REMEMBERED = _Remembered()


def _from_numpy(a: np.ndarray):
    """One chunk (its values remembered when small) up to a million items, else dask's automatic
    chunks, under a name of its own (no hash of the data: a memory map is not read)."""
    if not isinstance(a, np.ndarray):
        a = np.asarray(a)
    if a.size <= _ONE_CHUNK_ITEMS:
        return REMEMBERED.put(da.from_array(a, chunks=a.shape or ()), a)
    return da.from_array(a, chunks="auto", name=False)


def settle(x):
    """A small result (a reduction, a product) computed now and kept as one chunk whose values
    are remembered; a large one as it is (lazy)."""
    if isinstance(x, da.Array) and x.nbytes <= SETTLE_BYTES and REMEMBERED.get(x) is None:
        v = np.asarray(_compute(x)[0])
        return REMEMBERED.put(da.from_array(v, chunks=v.shape or ()), v)
    return x


def _values(x):
    """x's values as NumPy (remembered, or computed within the memory limit)."""
    v = REMEMBERED.get(x)
    if v is not None:
        return v
    return in_memory("reading an array's values", x)[0]


def read_any(x) -> bool:
    """Whether any item of x is true (remembered values, else one computation)."""
    v = REMEMBERED.get(x)
    return bool(v.any()) if v is not None else bool(_compute(x.any())[0])


def read_all(x) -> bool:
    v = REMEMBERED.get(x)
    return bool(v.all()) if v is not None else bool(_compute(x.all())[0])


# ------------------------------------------------------------------ checks run on each chunk
def _refuse_block(x, bad, error, message):
    if np.any(bad):
        raise error(message)
    return x


def _finite_block(x, message):
    if x.size and not np.isfinite(x).all():
        raise DomainError(message)
    return x


# ------------------------------------------------------------------ the namespace
def _host_call(what, fn):
    """fn of array_api_compat's NumPy namespace, its dask arguments computed in memory (within
    the limit), its results as dask arrays."""

    def call(*args, **kwargs):
        arrays = [v for v in (*args, *kwargs.values()) if isinstance(v, da.Array)]
        values = iter(in_memory(what, *arrays))
        args = [next(values) if isinstance(v, da.Array) else v for v in args]
        kwargs = {k: next(values) if isinstance(v, da.Array) else v for k, v in kwargs.items()}
        r = fn(*args, **kwargs)
        if isinstance(r, tuple):
            parts = [_from_numpy(v) if isinstance(v, np.ndarray) else v for v in r]
            return type(r)(*parts) if hasattr(r, "_fields") else tuple(parts)
        return _from_numpy(r) if isinstance(r, np.ndarray) else r

    call.__name__ = fn.__name__
    return call


def _settled(fn):
    def call(*args, **kwargs):
        return settle(fn(*args, **kwargs))

    call.__name__ = fn.__name__
    return call


class _Namespace:
    """array_api_compat's dask namespace, except where Dask would hold a whole array in one chunk
    or make a shape it does not know (those run in memory within the limit), and reductions and
    products, whose small results are settled (see `settle`)."""

    def __init__(self):
        for name, what in (("argsort", "sorting"), ("sort", "sorting"), ("unique_values", "unique values"),
                           ("unique_all", "unique values"), ("unique_counts", "unique values"),
                           ("unique_inverse", "unique values"), ("nonzero", "where (nonzero)"),
                           ("searchsorted", "searching a sorted array"),
                           ("take_along_axis", "taking along an axis")):
            setattr(self, name, _host_call(what, getattr(_xnp, name)))
        for name in ("sum", "prod", "max", "min", "matmul", "tensordot", "count_nonzero", "vecdot"):
            setattr(self, name, _settled(getattr(_xd, name)))

    def __getattr__(self, name):
        v = getattr(_xd, name)
        setattr(self, name, v)
        return v

    def broadcast_to(self, x, shape):
        """Dask keeps a broadcast axis in one chunk (a scalar spread to 2E4 2E4 would be one
        chunk of 3.2 GB): the axes broadcasting makes get automatic chunks instead."""
        shape = tuple(int(n) for n in shape)
        new = len(shape) - x.ndim
        spread = [i for i, n in enumerate(shape) if i < new or (x.shape[i - new] == 1 and n != 1)]
        if not spread or math.prod(shape) * x.dtype.itemsize <= _CHUNK_BYTES:
            return _xd.broadcast_to(x, shape)
        if any(x.shape[i - new] == 1 and len(x.chunks[i - new]) > 1 for i in spread if i >= new):
            x = x.rechunk({i - new: -1 for i in spread if i >= new})
        chunks = tuple("auto" if i in spread else x.chunks[i - new] for i in range(len(shape)))
        return da.broadcast_to(x, shape, chunks=da.core.normalize_chunks(chunks, shape, dtype=x.dtype))

    def repeat(self, x, repeats, axis=None):
        """Dask repeats by a Python int only: counts given as an array are read (they are as
        long as one axis) and the result is x indexed by them."""
        if isinstance(repeats, (int, np.integer)):
            return _xd.repeat(x, int(repeats), axis=axis)
        counts = _values(repeats) if isinstance(repeats, da.Array) else np.asarray(repeats)
        if axis is None:
            x, axis = x.reshape(-1), 0
        counts = np.broadcast_to(counts, (x.shape[axis],))
        idx = np.repeat(np.arange(x.shape[axis]), counts)
        return x[(slice(None),) * (axis % x.ndim) + (idx,)]


XD = _Namespace()


class DaskBackend(Backend):
    """Chunked, lazy arrays (see the module's docstring)."""

    name = "dask"
    xp = XD
    array_type = da.Array
    device = None
    lazy = True
    INT = np.dtype(np.int64)
    BOOL = np.dtype(np.bool_)
    FLOAT = np.dtype(np.float64)
    COMPLEX = np.dtype(np.complex128)

    def key(self):
        return "dask"

    def dtype_kind(self, dtype) -> str:
        return np.dtype(dtype).kind

    # ------------------------------------------------------------------ conversion
    def from_numpy(self, a, device=None):
        """One chunk for up to a million items (its values remembered when small), else dask's
        automatic chunks (128 MiB). A memory map stays on disk: chunks are read when computed."""
        a = _HOST_ADOPT(a)
        return _from_numpy(a)

    def adopt(self, x):
        """A dask array given from Python, with its numbers as int64, float64 or complex128
        (cast lazily, chunk by chunk)."""
        k = x.dtype.kind
        if k == "u" and x.dtype.itemsize == 8:
            big = x > np.uint64(np.iinfo(np.int64).max)
            return self.refuse(x.astype(np.int64), big, DomainError, "uint64 values beyond int64")
        if k in "iu" and x.dtype != np.int64:
            return x.astype(np.int64)
        if k == "f" and x.dtype != np.float64:
            return x.astype(np.float64)
        if k == "c" and x.dtype != np.complex128:
            return x.astype(np.complex128)
        if k not in "biufc":
            raise DomainError(f"cannot use a dask array of dtype {x.dtype}")
        return x

    def to_numpy(self, x):
        """The values in memory (within the memory limit), for display and for Python."""
        if not isinstance(x, da.Array):
            return np.asarray(x)
        return _values(x)

    def host_values(self, x):
        return self.to_numpy(x)

    def asarray(self, x, dtype=None, device=None):
        """A NumPy array (a memory map too) wrapped in chunks as it is (nothing read or copied),
        then cast lazily; Python values as a one-chunk array."""
        if isinstance(x, da.Array):
            return x if dtype is None else x.astype(dtype)
        if isinstance(x, np.ndarray):
            r = _from_numpy(x)
            return r if dtype is None or r.dtype == dtype else r.astype(dtype)
        return _from_numpy(np.asarray(x, dtype=dtype))

    def copy(self, x):
        return x.copy()

    def scalar(self, v, dtype, device=None):
        return _from_numpy(np.asarray(v, dtype=dtype))

    # ------------------------------------------------------------------ items and cells
    def element(self, x, index):
        return x[index]

    def items(self, x) -> list:
        """NumPy scalars: the array is computed (within the memory limit)."""
        return list(in_memory("an array of items (a nested array)", x)[0].reshape(-1))

    def major_cells(self, x) -> list:
        return [x[i] for i in range(x.shape[0])]

    # ------------------------------------------------------------------ values read on the host
    def all_finite(self, x) -> bool:
        v = REMEMBERED.get(x)
        if v is not None:
            return bool(np.isfinite(v).all())
        return bool(_compute(da.isfinite(x).all())[0])

    def absmax(self, x) -> float:
        v = REMEMBERED.get(x)
        if v is None:
            lo, hi = _compute(x.min(), x.max())
        else:
            lo, hi = v.min(), v.max()
        return max(-float(lo), float(hi))  # (as floats: -lo of ¯2*63 wraps)

    def int_scalars(self, a, w):
        """The values when both are remembered (literals, settled results), else None."""
        va, vw = REMEMBERED.get(a), REMEMBERED.get(w)
        if va is not None and vw is not None and va.ndim == 0 and vw.ndim == 0 \
                and va.dtype.kind in "ib" and vw.dtype.kind in "ib":
            return int(va), int(vw)
        return None

    # ------------------------------------------------------------------ checks
    def require_finite(self, x, message):
        """Each chunk is checked when it is computed."""
        if not isinstance(x, da.Array):
            return super().require_finite(x, message)
        v = REMEMBERED.get(x)
        if v is not None:
            if not np.isfinite(v).all():
                raise DomainError(message)
            return x
        return x.map_blocks(_finite_block, message, dtype=x.dtype, meta=x._meta)

    def refuse(self, x, bad, error, message):
        """Each chunk of x is checked against the same chunk of bad when it is computed."""
        if not isinstance(x, da.Array) or tuple(np.shape(bad)) not in (tuple(x.shape), ()):
            return super().refuse(x, bad, error, message)
        vb = REMEMBERED.get(bad) if isinstance(bad, da.Array) else np.asarray(bad)
        if vb is not None:
            if np.any(vb):
                raise error(message)
            return x
        bad = da.broadcast_to(bad, x.shape).rechunk(x.chunks) if bad.shape != x.shape else bad.rechunk(x.chunks)
        return da.map_blocks(_refuse_block, x, bad, error, message, dtype=x.dtype, meta=x._meta)

    # ------------------------------------------------------------------ where the libraries differ
    def sum_of_squares(self, x):
        """x·x in chunks, computed when made (a small result: see `settle`); None when not
        finite (the primitives then find the error)."""
        if x.dtype != np.float64 or not x.size:
            return None
        flat = x.reshape(-1)
        r = settle(da.dot(flat, flat) if flat.numblocks[0] == 1 else (flat * flat).sum())
        return r if bool(np.isfinite(REMEMBERED.get(r))) else None

    def imag(self, x):
        return da.imag(x) if x.dtype.kind == "c" else da.zeros_like(x)

    def angle(self, x):
        return da.angle(x)

    def gcd(self, a, w):
        a, w = da.broadcast_arrays(a, w)
        return da.map_blocks(np.gcd, a, w, dtype=np.result_type(a.dtype, w.dtype))

    def divide(self, a, w):
        return a / w

    def complex_pow(self, a, w):
        return a ** w

    def cummax(self, x, axis):
        return da.reductions.cumreduction(np.maximum.accumulate, _maximum, -np.inf if x.dtype.kind == "f" else
                                          _lowest(x.dtype), x, axis=axis, dtype=x.dtype)

    def cummin(self, x, axis):
        return da.reductions.cumreduction(np.minimum.accumulate, _minimum, np.inf if x.dtype.kind == "f" else
                                          _highest(x.dtype), x, axis=axis, dtype=x.dtype)

    def ix_(self, *idx):
        n = len(idx)
        return tuple(t.reshape((1,) * i + (-1,) + (1,) * (n - i - 1)) for i, t in enumerate(idx))

    def minimum_at(self, res, idx, vals):
        r, i, v = in_memory("a minimum at indices", res, idx, vals)
        r = r.copy()
        np.minimum.at(r, i, v)
        return _from_numpy(r)

    def unique_first(self, x):
        v, = in_memory("unique values", x)
        u, first = np.unique(v, return_index=True)
        return _from_numpy(u), _from_numpy(first)

    def unique_rows(self, m):
        v, = in_memory("unique rows", m)
        u, first, inv = np.unique(v, axis=0, return_index=True, return_inverse=True)
        return _from_numpy(u), _from_numpy(first), _from_numpy(inv.reshape(-1))

    def lexsort_rows(self, keys):
        v, = in_memory("sorting rows", keys)
        return _from_numpy(np.lexsort(v.T[::-1]))

    def searchsorted(self, s, keys, side: str, order=None):
        sv, kv = in_memory("searching a sorted array", s, keys)
        return _from_numpy(np.searchsorted(sv, kv, side=side))

    def sliding_window(self, x, m, axis):
        return da.lib.stride_tricks.sliding_window_view(x, m, axis=axis)

    def unravel_index(self, flat, shape):
        return da.unravel_index(flat, tuple(shape))

    def indices(self, shape, device=None):
        return da.indices(tuple(shape), dtype=np.int64)

    def int_tensordot(self, a, w):
        """Σ a[..., k] × w[k, ...] in exact int64 arithmetic, block by block."""
        return settle(da.tensordot(a, w, axes=([-1], [0])))

    def pinv(self, m):
        v, = in_memory("a matrix inverse (⌹)", m)
        return _from_numpy(np.linalg.pinv(v))

    def lstsq(self, m, b):
        mv, bv = in_memory("a least-squares solution (⌹)", m, b)
        return _from_numpy(np.linalg.lstsq(mv, bv, rcond=None)[0])

    def matrix_rank(self, m):
        v, = in_memory("a matrix rank (⌹)", m)
        return int(np.linalg.matrix_rank(v))


def _maximum(a, b):
    return np.maximum(a, b)


def _minimum(a, b):
    return np.minimum(a, b)


def _lowest(dt):
    return False if dt.kind == "b" else np.iinfo(dt).min


def _highest(dt):
    return True if dt.kind == "b" else np.iinfo(dt).max


def _HOST_ADOPT(a):
    """A NumPy array in the backend's dtypes (as NumpyBackend.adopt; a memory map stays one
    when it has them already)."""
    from .numpy_backend import NUMPY

    return NUMPY.adopt(np.asarray(a) if not isinstance(a, np.ndarray) else a)


# ------------------------------------------------------------------ opening data, progress
def open_array(path, chunks="auto"):
    """An array on disk as a chunked dask array: a Zarr store (a directory, or `.zarr`), or a
    `.npy` file (read through a memory map: nothing is read until chunks are computed)."""
    p = os.fspath(path)
    if p.endswith(".npy"):
        return da.from_array(np.load(p, mmap_mode="r"), chunks=chunks)
    return da.from_zarr(p, chunks=None if chunks == "auto" else chunks)


_PROGRESS: list = []


def show_progress(minimum: float = 1.0, out=None):
    """Show dask's progress bar (on stderr, when it is a terminal) for computations longer than
    `minimum` seconds on the local schedulers (a distributed cluster shows progress on its
    dashboard). Once per process; the CLI and the REPL call it for the dask backend."""
    out = out if out is not None else sys.stderr
    if _PROGRESS or not (hasattr(out, "isatty") and out.isatty()):  # a bar is for a terminal
        return _PROGRESS[0] if _PROGRESS else None
    from dask.diagnostics import ProgressBar

    bar = ProgressBar(minimum=minimum, dt=0.25, out=out)
    bar.register()
    _PROGRESS.append(bar)
    return bar
