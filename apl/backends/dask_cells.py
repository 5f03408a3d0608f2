"""Cells of dask arrays, block by block, on the threaded scheduler or a dask.distributed cluster.

`map_cells` runs a function on blocks of whole cells (what `f⍤k` and `f¨` run chunk by chunk:
apl/primitives/chunked.py). On a cluster the function travels to the workers by value
(cloudpickle), with what it refers to (an APL function, its workspace), except dask arrays,
which a chunk's function cannot compute, and the settings' context variables, which are the
worker's own.
"""
from __future__ import annotations

import contextvars
import copyreg
import sys
from collections import OrderedDict

import dask
import dask.array as da
import numpy as np

from ..errors import Span

copyreg.pickle(Span, lambda span: (Span, (span.text, span.start, span.end)))  # immutable: by its fields
_LOADED = 64  # functions a worker keeps unpickled

# ------------------------------------------------------------------ cells, block by block
def map_cells(fn, args, ranks, cell_shape, dtype):
    """fn on blocks of whole cells: each of args (dask arrays with one frame: their axes before
    the last `rank` ones) is cut into blocks of cells along the frame, each cell in one piece;
    fn(*blocks) gets NumPy arrays of shape (n,) + a cell's shape and returns (n,) + cell_shape.
    The result has the frame's shape + cell_shape, in chunks along the frame."""
    flat = []
    for x, r in zip(args, ranks):
        frame, cell = tuple(x.shape[:x.ndim - r]), tuple(x.shape[x.ndim - r:])
        if any(len(x.chunks[i]) > 1 for i in range(x.ndim - r, x.ndim)):  # each cell in one piece
            x = x.rechunk({**{i: "auto" for i in range(x.ndim - r)}, **{i: -1 for i in range(x.ndim - r, x.ndim)}})
        flat.append(x.reshape((int(np.prod(frame)),) + cell))
    rows = flat[0].chunks[0]
    pieces, ind = [], 1
    for x in flat:
        x = x.rechunk({0: rows})
        pieces += [x, (0,) + tuple(range(ind, ind + x.ndim - 1))]
        ind += x.ndim - 1
    out = tuple(range(ind, ind + len(cell_shape)))
    if _on_cluster():
        fn = _Shipped(fn)
    r = da.blockwise(fn, (0,) + out, *pieces, new_axes=dict(zip(out, cell_shape)), dtype=dtype,
                     concatenate=True, meta=np.empty((0,) * (1 + len(cell_shape)), dtype=dtype))
    return r.reshape(tuple(args[0].shape[:args[0].ndim - ranks[0]]) + tuple(cell_shape))


def _on_cluster() -> bool:
    """Whether computations go to a dask.distributed cluster (a Client is the scheduler)."""
    owner = getattr(dask.base.get_scheduler(), "__self__", None)
    return type(owner).__name__ == "Client"


class _Gone:
    """What a dask array in a function's workspace becomes on a worker: chunks of a function
    cannot compute another dask array."""

    def __repr__(self):
        return "<a dask array left on the client>"


def _by_name(obj):
    """(a module's attribute, by name) for a context variable (or its get) of a module of apl."""
    for mod_name, mod in list(sys.modules.items()):
        if mod_name.startswith("apl.") and mod is not None:
            owner = getattr(obj, "__self__", None)
            for k, v in list(vars(mod).items()):
                if v is obj or (owner is not None and getattr(v, "__self__", None) is owner
                                and getattr(v, "__name__", None) == obj.__name__):
                    return _module_attribute, (mod_name, k)
    raise TypeError(f"cannot send {obj!r} to the workers")


def _module_attribute(mod_name, name):
    import importlib

    return getattr(importlib.import_module(mod_name), name)


class _Shipped:
    """A block function sent to a cluster's workers by value (cloudpickle): the APL function it
    runs, with the workspace it refers to, where dask arrays are left behind (`_Gone`)."""

    _loaded: OrderedDict = OrderedDict()

    def __init__(self, fn):
        import io

        import cloudpickle

        buf = io.BytesIO()
        pickler = cloudpickle.CloudPickler(buf)
        base = pickler.reducer_override

        def override(obj):
            if isinstance(obj, da.Array):
                return _Gone, ()
            if isinstance(obj, contextvars.ContextVar) or isinstance(getattr(obj, "__self__", None),
                                                                      contextvars.ContextVar):
                return _by_name(obj)  # the settings' context variables: the worker's own
            return base(obj)

        pickler.reducer_override = override
        pickler.dump(fn)
        self.blob = buf.getvalue()

    def __reduce__(self):
        return _shipped, (self.blob,)

    @staticmethod
    def _from_blob(blob):
        import pickle

        key = hash(blob)
        fn = _Shipped._loaded.get(key)
        if fn is None:
            fn = _Shipped._loaded[key] = pickle.loads(blob)
            while len(_Shipped._loaded) > _LOADED:
                _Shipped._loaded.popitem(last=False)
        return fn

    def __call__(self, *blocks):
        return _Shipped._from_blob(self.blob)(*blocks)


def _shipped(blob):
    s = _Shipped.__new__(_Shipped)
    s.blob = blob
    return s
