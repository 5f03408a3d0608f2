"""Operators on a lazy backend (Dask), cell by cell inside each chunk.

`f⍤k` and `f¨` apply an arbitrary function to every cell: on Dask, one call of f per cell at
graph-building time would make a task (and, for a cell's reduction, a computation) per cell. Here
f runs instead inside each chunk, on NumPy cells, under the session's settings with the NumPy
backend: the chunk's cells go through f one by one and come back as one NumPy block. f is first
applied to the first cell (one small computation) to learn the shape and type of a cell's result;
every cell must give that shape and a type that fits it (else an error when the chunk is
computed). Where the first cell's result is nested or characters, the caller takes the
arguments into memory (`host`: within the dask backend's memory limit, else NONCE ERROR) and
goes the general way.
"""
from __future__ import annotations

import numpy as np

from ..backends import NUMPY, backend_of, widen
from ..errors import DomainError, NonceError
from ..settings import Settings, current, using

_KIND_DTYPE = {"b": np.dtype(bool), "i": np.dtype(np.int64), "u": np.dtype(np.int64), "f": np.dtype(np.float64),
               "c": np.dtype(np.complex128)}
_ORDER = "biufc"


def _host_settings() -> Settings:
    s = current()
    return Settings(io=s.io, ct=s.ct, pp=s.pp, rl=s.rl, backend=NUMPY, pw=s.pw, dct=s.dct, div=s.div)


def _fits(kind: str, want: str) -> bool:
    """Whether a result of this kind may be stored in the first cell's type."""
    return _ORDER.index("i" if kind == "u" else kind) <= _ORDER.index("i" if want == "u" else want)


def _as_host(r, what):
    r = widen(np.asarray(r))
    if r.dtype.kind not in _KIND_DTYPE:
        raise NonceError(f"{what} on a dask array: the results are nested or characters, which are not chunked")
    return r


def _run(f, settings, cell_shape, dtype, consts, positions, what):
    """The function a chunk runs: f on each cell of the blocks (consts fill the other places)."""

    def block(*blocks):
        n = blocks[0].shape[0] if blocks else 0
        out = np.empty((n,) + cell_shape, dtype=dtype)
        with using(settings):
            for i in range(n):
                args = list(consts)
                for p, b in zip(positions, blocks):
                    args[p] = np.asarray(b[i])
                r = _as_host(f(*args), what)
                if r.shape != cell_shape:
                    raise NonceError(f"{what} on a dask array: cells give results of different shapes "
                                     f"({cell_shape} and {r.shape})")
                if not _fits(r.dtype.kind, dtype.kind):
                    raise DomainError(f"{what} on a dask array: a cell's result is {r.dtype}, the first cell's "
                                      f"{dtype}: give every cell one type")
                out[i] = r
        return out

    return block


def cells(f, args, ranks, what):
    """f applied to the cells of rank ranks[i] of args[i] (one frame, or one side a single cell),
    chunk by chunk; None where this path does not apply (an empty frame, nested arguments)."""
    from ..backends.dask_cells import map_cells

    bk = backend_of(*args)
    frames = [tuple(x.shape[:x.ndim - r]) for x, r in zip(args, ranks)]
    frame = max(frames, key=len)
    if any(x.dtype == object or x.dtype.kind == "U" for x in args) or not frame or 0 in frame:
        return None
    settings = _host_settings()
    lead = [i for i, fr in enumerate(frames) if fr == frame and bk.owns(args[i])]
    consts = []
    for i, (x, fr, r) in enumerate(zip(args, frames, ranks)):
        if i in lead:
            first = x.reshape((-1,) + tuple(x.shape[x.ndim - r:]))[0]
            consts.append(bk.to_numpy(first))  # the probe: one cell
        elif not fr:
            consts.append(bk.to_numpy(x) if bk.owns(x) else np.asarray(x))  # one cell for every cell
        else:
            return None
    with using(settings):
        probe = widen(np.asarray(f(*consts)))
    if probe.dtype.kind not in _KIND_DTYPE:
        return None  # nested or character results: the cells in memory (see `host`)
    dtype = _KIND_DTYPE[probe.dtype.kind]
    fn = _run(f, settings, probe.shape, dtype, consts, lead, what)
    return map_cells(fn, [args[i] for i in lead], [ranks[i] for i in lead], probe.shape, dtype)


def host(x, what):
    """A dask array as NumPy for an operation that needs its values in memory (nested results,
    a Python-level loop): within the memory limit, else NONCE ERROR naming the operation."""
    if type(x) is np.ndarray or not backend_of(x).lazy:
        return x
    from ..backends.dask_backend import in_memory

    return in_memory(what, x)[0]
