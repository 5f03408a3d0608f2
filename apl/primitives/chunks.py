"""Long operations in steps, so that Ctrl-C lands between them.

A NumPy call on a billion items runs for seconds without returning to Python, and an interrupt
waits for it. Element-wise scalar functions, ⍳ and reductions of long vectors on NumPy run here
in steps of CHUNK items instead: between steps Python sees the pending signal and raises
KeyboardInterrupt (the session prints INTERRUPT). Each step is a whole-array NumPy call, so the
speed is NumPy's.
"""
from __future__ import annotations

import numpy as np

CHUNK = 1 << 21  # items per step: a few milliseconds of work
# items per step of a reduction, which reads its items once and writes nothing: 2*24 float64s
# take ~10 ms, and a vector up to that length is one call (NumPy's own pairwise summation)
REDUCE_CHUNK = 1 << 24


def long(*arrays) -> bool:
    """Whether the work on these NumPy arrays is long enough to be done in steps."""
    return any(type(x) is np.ndarray and x.size > CHUNK for x in arrays)


def elementwise(f, *args):
    """f on NumPy arrays of one shape (or 0-d ones, which extend), step by step along the ravel;
    the result takes the widest type any step gave (an integer overflow in one step: floats)."""
    shape = next(x.shape for x in args if x.ndim)
    flat = [x.reshape(-1) if x.ndim else x for x in args]
    n = flat[next(i for i, x in enumerate(args) if x.ndim)].shape[0]
    out = None
    for start in range(0, n, CHUNK):
        part = np.asarray(f(*[x[start:start + CHUNK] if x.ndim else x for x in flat]))
        if out is None:
            out = np.empty(n, dtype=part.dtype)
        elif part.dtype != out.dtype:
            wider = np.result_type(out.dtype, part.dtype)
            if wider != out.dtype:
                out = out.astype(wider)
        out[start:start + part.shape[0]] = part
    return out.reshape(shape)


def arange(start: int, stop: int) -> np.ndarray:
    """np.arange(start, stop) as int64, filled step by step."""
    n = max(stop - start, 0)
    out = np.empty(n, dtype=np.int64)
    for i in range(0, n, CHUNK):
        j = min(i + CHUNK, n)
        out[i:j] = np.arange(start + i, start + j, dtype=np.int64)
    return out


def long_reduction(w) -> bool:
    """Whether a reduction of this NumPy vector is long enough to be done in steps."""
    return type(w) is np.ndarray and w.size > REDUCE_CHUNK


def reduce_vector(reduce_part, w):
    """A reduction of a long NumPy vector: reduce_part on each step's slice, then on the partial
    results (for associative functions); None where reduce_part declines a slice."""
    parts = []
    for start in range(0, w.shape[0], REDUCE_CHUNK):
        r = reduce_part(w[start:start + REDUCE_CHUNK])
        if r is None:
            return None
        parts.append(np.asarray(r))
    return reduce_part(np.stack(parts) if len({p.dtype for p in parts}) == 1 else np.array(parts))
