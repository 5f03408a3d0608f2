"""Indexed assignment x[i]←v and choose-indexed m[⊂i j]←v: a copy of the array with the selected
items replaced, the value scalar-extended to the selection (reach indexing goes to
indexing.assign_reach)."""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..backends import anyb, backend_of, size
from ..errors import IndexError_, LengthError, RankError
from ..settings import current
from .cells import unify
from .indexing import assign_reach


def assign_indexed(old: np.ndarray, indices: list, value: np.ndarray) -> np.ndarray:
    """A copy of old with old[indices]←value (value scalar-extended to the selection)."""
    io = current().io
    if len(indices) == 1 and indices[0] is not None and indices[0].dtype == ar.OBJ and (
            old.ndim != 1 or ar.normalise(indices[0]).dtype == ar.OBJ):
        return _assign_chosen(old, indices[0], value, io)
    if old.ndim == 0 and len(indices) == 1 and indices[0] is None:  # s[]←v: as s[] reads, s itself
        if size(value) != 1:
            raise RankError("value does not fit the selection")
        return value.reshape(())
    if len(indices) != old.ndim:
        raise RankError("one index per axis")
    axes = []
    shape = []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(np.arange(old.shape[k]))
            shape.append(old.shape[k])
            continue
        ii = ar.to_ints(ix, "index") - io
        if anyb((ii < 0) | (ii >= old.shape[k])):
            raise IndexError_("index out of range")
        axes.append(ii.reshape(-1))
        shape.extend(ii.shape)
    shape = tuple(shape)
    if tuple(value.shape) != shape:
        if size(value) == 1:
            value = value.reshape(())
        elif value.ndim != len(shape):
            raise RankError("value does not fit the selection")
        else:
            raise LengthError("value does not fit the selection")
    new, val = unify(old, value)
    new = backend_of(new).copy(new)
    bk = backend_of(new) if new.dtype != ar.OBJ else backend_of()
    axes = [ar.index_for(a, new) for a in axes]
    target = bk.ix_(*axes) if axes else ()
    vshape = tuple(a.shape[0] for a in axes)
    if val.ndim == 0:
        if val.dtype == ar.OBJ:
            tmp = np.empty(vshape, dtype=ar.OBJ)
            for i in np.ndindex(*vshape):
                tmp[i] = val[()]
            new[target] = tmp
        else:
            new[target] = val
    else:
        new[target] = val.reshape(vshape)
    return ar.normalise(new) if new.dtype == ar.OBJ else new


def _assign_chosen(old, index, value, io):
    """m[⊂i j]←v: each item of the index is one position, a vector of one index per axis;
    an item that reaches below the top level makes it reach indexed assignment."""
    if any(ar.unbox(x).dtype == ar.OBJ and ar.normalise(ar.unbox(x)).dtype == ar.OBJ
           for x in index.reshape(-1)):
        return assign_reach(old, index, value)
    positions = [np.array(ar.int_list(ar.unbox(x), "index"), dtype=ar.INT) - io for x in index.reshape(-1)]
    if any(p.size != old.ndim for p in positions):
        return assign_reach(old, index, value)
    for p in positions:
        if np.any(p < 0) or np.any(p >= np.array(tuple(old.shape))):
            raise IndexError_("index out of range")
    if size(value) != 1 and tuple(value.shape) != index.shape:
        raise LengthError("value does not fit the selection")
    new, val = unify(old, value)
    new = backend_of(new).copy(new)
    items = [val.reshape(-1)[0]] * len(positions) if size(val) == 1 else list(val.reshape(-1))
    for p, v in zip(positions, items):
        new[tuple(p)] = v
    return ar.normalise(new) if new.dtype == ar.OBJ else new


