"""The backend contract: everything the evaluator asks of an array library.

Primitives are written once against an array namespace `xp` (the Array API: NumPy 2.x itself,
array_api_compat's torch); what the namespaces do not cover, or cover differently, is a method
here, and NumpyBackend and TorchBackend implement every one (tests/backends/test_contract.py
checks that). Code above apl/backends never tests for a library's array type to choose a path:
it asks `backend_of(x)` (apl/backends/__init__.py) for the backend of its arguments and calls
it. (`type(x) is np.ndarray` tests remain only as fast paths in front of the general code.)

Values a backend holds are its simple numeric arrays (bool, int64, float64 or complex128; a
torch session's float32 and complex64). Characters and nested arrays are NumPy on every backend
(`<U1` arrays; object arrays whose numeric items may be the backend's 0-d arrays), so the NumPy
backend is also the host every backend's control values are read into (`host_values`).

The contract assumes neither eager evaluation nor one block of memory: a chunked, lazy backend
(Dask through array-api-compat) can implement it. Results are new arrays (`minimum_at` returns
its result); a primitive writes in place only into an array it has just made (by `copy`, or
`zeros`/`full` of the namespace), never into an argument; values are read on the host only
through `host_values`, `to_numpy`, the `bool`/`int`/`float` of a 0-d array (a guard, a count),
`all_finite` and `absmax`; `int_scalars` and `sum_of_squares` may decline (return None) where
they would cost a computation.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np


class Backend(ABC):
    """An array library as the evaluator sees it (see the module's docstring)."""

    # ------------------------------------------------------------------ what a backend is
    #: 'numpy', 'torch', …: what `Session.backend` reports and `make_backend` takes
    name: str
    #: the Array API namespace the primitives compute with (numpy, array_api_compat.torch)
    xp: Any
    #: the type of the arrays the backend holds (np.ndarray, torch.Tensor)
    array_type: type
    #: where the session's new arrays go (a torch.device; None: the library's default)
    device: Any
    #: the dtypes of APL values: int64, bool, and the float and complex types of the session
    INT: Any
    BOOL: Any
    FLOAT: Any
    COMPLEX: Any

    ATTRIBUTES = ("name", "xp", "array_type", "device", "INT", "BOOL", "FLOAT", "COMPLEX")

    #: whether arrays are lazy (Dask): reading a value costs a computation, so checks that can
    #: only raise an error go through `require_finite` and `refuse` instead of a read
    lazy: bool = False

    @abstractmethod
    def key(self):
        """A hashable key of the configuration (backend, device, dtype): literals converted for
        it and compiled functions are cached under it."""

    def owns(self, x) -> bool:
        """Whether x is an array of this backend's library."""
        return isinstance(x, self.array_type)

    @abstractmethod
    def dtype_kind(self, dtype) -> str:
        """NumPy's kind letter of one of the library's dtypes: 'b' 'i' 'u' 'f' 'c' ('O' for
        another)."""

    # ------------------------------------------------------------------ conversion
    @abstractmethod
    def from_numpy(self, a: np.ndarray, device=None):
        """A numeric NumPy array as an array of this backend in the session's types (int64,
        the float dtype), on `device` (the backend's own when None). NumPy → backend is the one
        direction numeric work converts in."""

    @abstractmethod
    def adopt(self, x):
        """An array of the library given from Python (a name bound, an argument of
        `apl.function`), in the backend's dtypes and on its device."""

    @abstractmethod
    def to_numpy(self, x) -> np.ndarray:
        """A host copy of an array, for display and formatting only (never for numeric work)."""

    @abstractmethod
    def host_values(self, x) -> np.ndarray:
        """A small array of control values (a shape, an axis, the marks of a partition) as a
        NumPy array: what decides the next step in Python is read on the host."""

    @abstractmethod
    def asarray(self, x, dtype=None, device=None):
        """Python numbers, lists or a NumPy array as an array of this backend."""

    @abstractmethod
    def scalar(self, v, dtype, device=None):
        """A Python or NumPy number as a 0-d array of dtype."""

    @abstractmethod
    def copy(self, x):
        """A new array with x's values (the only kind of array a primitive writes into)."""

    # ------------------------------------------------------------------ items and cells
    @abstractmethod
    def element(self, x, index):
        """x[index] for an index with an int for every axis, as a 0-d array of the backend
        (NumPy's indexing gives a scalar where other libraries give a 0-d array)."""

    @abstractmethod
    def items(self, x) -> list:
        """The ravel of x as items of a nested array: NumPy scalars, or 0-d arrays of the
        backend (a number on a device stays there when it goes into a nested array)."""

    @abstractmethod
    def major_cells(self, x) -> list:
        """The major cells of x (rank ≥ 1), each an array of the backend (0-d for a vector)."""

    def to_object(self, x) -> np.ndarray:
        """x as a NumPy object array of its items (see `items`)."""
        out = np.empty(tuple(x.shape), dtype=object)
        flat = out.reshape(-1)
        for i, v in enumerate(self.items(x)):
            flat[i] = v
        return out

    # ------------------------------------------------------------------ values read on the host
    @abstractmethod
    def all_finite(self, x) -> bool:
        """Whether every item of a float or complex array is finite."""

    @abstractmethod
    def absmax(self, x) -> float:
        """max |x| of a non-empty real array as a Python float (nan or inf when x has such items)."""

    @abstractmethod
    def int_scalars(self, a, w):
        """(int, int): the values of two 0-d arrays (the caller checks the rank) when both are
        integers or booleans and reading them costs nothing (host memory: never a GPU, never a
        lazy array); None otherwise. The scalar functions' fast path on scalars (recursive dfns
        on integers) runs on them in Python."""

    # ------------------------------------------------------------------ checks
    def require_finite(self, x, message: str):
        """x, when every item of the float or complex array x is finite; else DOMAIN ERROR
        (message). An eager backend checks at once; a lazy one when x's values are computed."""
        if not self.all_finite(x):
            from ..errors import DomainError

            raise DomainError(message)
        return x

    def refuse(self, x, bad, error, message: str):
        """x, when no item of the boolean array bad (x's shape, or a scalar) is true; else
        error(message) (an APLError class). An eager backend checks at once; a lazy one when
        x's values are computed."""
        if bool(self.xp.any(bad)):
            raise error(message)
        return x

    def float_sum(self, x, k):
        """+ along axis k of a float or complex array (the caller checks finiteness)."""
        return self.xp.sum(x, axis=k)

    # ------------------------------------------------------------------ where the libraries differ
    @abstractmethod
    def sum_of_squares(self, x):
        """+/,x×x of a non-empty float array as one dot product (a 0-d array), or None where
        it does not apply (other types, a non-finite result: the primitives decide those)."""

    @abstractmethod
    def imag(self, x):
        """The imaginary part (zeros for a real array)."""

    @abstractmethod
    def angle(self, x):
        """The phase of complex numbers."""

    @abstractmethod
    def gcd(self, a, w):
        """The greatest common divisor of integer arrays (broadcasting)."""

    @abstractmethod
    def divide(self, a, w):
        """a÷w, float or complex, as NumPy computes it (complex numbers by Smith's method)."""

    @abstractmethod
    def complex_pow(self, a, w):
        """a*w for complex arrays as NumPy computes it (whole real exponents under 100 by
        repeated multiplication)."""

    @abstractmethod
    def cummax(self, x, axis):
        """Running maximum along axis (booleans too)."""

    @abstractmethod
    def cummin(self, x, axis):
        """Running minimum along axis (booleans too)."""

    @abstractmethod
    def ix_(self, *idx):
        """Index vectors shaped to broadcast against each other (np.ix_)."""

    @abstractmethod
    def minimum_at(self, res, idx, vals):
        """res with res[idx[i]] ← min(res[idx[i]], vals[i]) for every i (idx may repeat), as a
        new array or res written in place."""

    @abstractmethod
    def unique_first(self, x):
        """Sorted distinct values of a vector and the index of each one's first occurrence."""

    @abstractmethod
    def unique_rows(self, m):
        """Distinct rows of a matrix (sorted), the first occurrence of each, and for each row
        the number of its distinct row."""

    @abstractmethod
    def lexsort_rows(self, keys):
        """Stable grade of the rows of a key matrix, lexicographically (first column first)."""

    @abstractmethod
    def searchsorted(self, s, keys, side: str, order=None):
        """np.searchsorted of keys (a vector) in the sorted vector s; `order`, when given, is
        a grade of keys a backend may use."""

    @abstractmethod
    def sliding_window(self, x, m, axis):
        """Windows of m items along axis, as a new last axis."""

    @abstractmethod
    def unravel_index(self, flat, shape):
        """Flat indices as a tuple of index arrays, one per axis of shape."""

    @abstractmethod
    def indices(self, shape, device=None):
        """np.indices(shape): an int64 array of len(shape) grids."""

    @abstractmethod
    def int_tensordot(self, a, w):
        """Σ a[..., k] × w[k, ...] in exact int64 arithmetic."""

    @abstractmethod
    def pinv(self, m):
        """The pseudo-inverse of a matrix."""

    @abstractmethod
    def lstsq(self, m, b):
        """The least-squares solution x of m x = b (b a vector or a matrix)."""

    @abstractmethod
    def matrix_rank(self, m) -> int:
        """The rank of a matrix, as a Python int."""

    def __repr__(self):
        return f"{type(self).__name__}()"

