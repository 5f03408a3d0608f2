"""Three sieves of one vector at once: (v<s)/v, (v=s)/v and (v>s)/v, as a recursive dfn's
partition step makes them (quicksort's `(∇(⍵<p)/⍵),((⍵=p)/⍵),∇(⍵>p)/⍵`).

For an int64 vector the Numba kernel (_jit.partition_into) makes all three in one call, where
NumPy takes six. Loading it (importing Numba, reading the kernel from its disk cache) costs
about half a second, so it is loaded once the partitions made without it have taken about as
long (`LOAD_AFTER`; renting until the rent equals the price: a short run never pays for it, a
long one pays it once and then runs at the kernel's speed), or at once by `load()`. Without
Numba, and for booleans, NumPy's three sieves. The values are the sieves' exactly: integers
compare exactly.
"""
from __future__ import annotations

import time

import numpy as np

LOAD_AFTER = 0.5  # seconds of partitions on NumPy before the kernel is loaded
_KERNEL: list = [None]  # the loaded partition of int64 vectors
_SPENT = [0.0]


def sieves(v, s):
    """NumPy's three sieves."""
    return v[v < s], v[v == s], v[v > s]


def partition_int64(v, s):
    """(v[v<s], v[v=s], v[v>s]) for a 1-d int64 NumPy vector v and an int s."""
    kernel = _KERNEL[0]
    if kernel is not None:
        return kernel(v, s)
    t0 = time.perf_counter()
    r = sieves(v, s)
    _SPENT[0] += time.perf_counter() - t0
    if _SPENT[0] >= LOAD_AFTER:
        load()
    return r


def load():
    """Load the kernel now (Numba's import and its cache's read; NumPy's sieves without Numba)."""
    if _KERNEL[0] is None:
        _KERNEL[0] = _compiled()
    return _KERNEL[0]


def _compiled():
    from . import available

    if not available():
        return sieves
    from ._jit import partition_into

    empty, i64 = np.empty, np.int64

    def compiled_partition(v, s):
        """The kernel's three parts, as views of one new int64 array (NumPy's own dtype object,
        which the compiled tier's type tests compare by identity; Numba's arrays carry another)."""
        out = empty(v.shape[0], dtype=i64)
        below, equal = partition_into(v, s, out)
        return out[:below], out[below:below + equal], out[below + equal:]

    compiled_partition(np.zeros(1, dtype=i64), 0)  # (compiled now, or read from Numba's cache)
    return compiled_partition
