"""System names (⎕IO ⎕CT ⎕PP ⎕A ⎕D …), system functions (⎕UCS …), ⍎ and indexed assignment."""
from __future__ import annotations

import string
import time

import numpy as np

from .. import arrays as ar
from ..backends import anyb, backend_of, is_array, is_tensor, kind, size
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError, ValueError_
from ..primitives.base import Function
from ..settings import current

_ALPHABET = np.array(list(string.ascii_uppercase), dtype=ar.CHAR)
_DIGITS = np.array(list(string.digits), dtype=ar.CHAR)


def read(env, name: str):
    s = current()
    if name == "⎕IO":
        return np.array(s.io, dtype=ar.INT)
    if name == "⎕CT":
        return np.array(s.ct)
    if name == "⎕PP":
        return np.array(s.pp, dtype=ar.INT)
    if name == "⎕RL":
        return np.array(s.rl, dtype=ar.INT)
    if name == "⎕ML":
        return np.array(1, dtype=ar.INT)
    if name == "⎕A":
        return _ALPHABET
    if name == "⎕D":
        return _DIGITS
    if name == "⎕TS":
        t = time.localtime()
        ms = int((time.time() % 1) * 1000)
        return np.array([t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, ms], dtype=ar.INT)
    if name == "⎕AI":
        return np.array([0, int(time.process_time() * 1000), int(time.time() * 1000) % 10**9, 0], dtype=ar.INT)
    if name in ("⎕EN", "⎕DM"):
        err = getattr(env.session, "last_error", None)
        if name == "⎕EN":
            return np.array(0 if err is None else err.code, dtype=ar.INT)
        lines = [] if err is None else [err.name] + str(err).splitlines()[1:]
        return ar.from_items([ar.box(ar.from_python(x)) for x in lines], (len(lines),))
    if name == "⎕NULL":
        raise NonceError("⎕NULL is not supported")
    if name in ("⎕", "⍞"):
        raise NonceError(f"reading {name} is not supported")
    raise ValueError_(f"{name} is not a system name")


def write(env, name: str, value):
    s = current()
    if name == "⎕":
        session = env.session
        if session is not None:
            session.output(value)
        return value
    if not is_array(value) or size(value) != 1 or kind(value) not in "biuf":
        raise DomainError(f"{name} must be a number")
    x = ar.host_values(value).reshape(-1)[0]
    if name == "⎕IO":
        if x not in (0, 1):
            raise DomainError("⎕IO must be 0 or 1")
        s.io = int(x)
    elif name == "⎕CT":
        if not 0 <= x < 1e-9 + 1e-10:
            raise DomainError("⎕CT must be between 0 and about 1E¯9")
        s.ct = float(x)
    elif name == "⎕PP":
        if x < 1:
            raise DomainError("⎕PP must be positive")
        s.pp = int(min(x, 17))
    elif name == "⎕RL":
        s.rl = int(x)
        s.rng = np.random.default_rng(int(x))
    elif name == "⎕ML":
        if x != 1:
            raise NonceError("only ⎕ML←1 is supported")
    else:
        raise NonceError(f"assigning {name} is not supported")
    return value


def assign_indexed(old: np.ndarray, indices: list, value: np.ndarray) -> np.ndarray:
    """A copy of old with old[indices]←value (value scalar-extended to the selection)."""
    io = current().io
    if len(indices) == 1 and indices[0] is not None and indices[0].dtype == ar.OBJ and old.ndim != 1:
        return _assign_chosen(old, indices[0], value, io)
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
    from ..primitives.cells import unify

    new, val = unify(old, value)
    new = new.clone() if is_tensor(new) else new.copy()
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
    """m[⊂i j]←v: each item of the index is one position, a vector of one index per axis."""
    positions = [np.array(ar.int_list(ar.unbox(x), "index"), dtype=ar.INT) - io for x in index.reshape(-1)]
    if any(p.size != old.ndim for p in positions):
        raise RankError("each choose index needs one number per axis")
    for p in positions:
        if np.any(p < 0) or np.any(p >= np.array(tuple(old.shape))):
            raise IndexError_("index out of range")
    if size(value) != 1 and tuple(value.shape) != index.shape:
        raise LengthError("value does not fit the selection")
    from ..primitives.cells import unify

    new, val = unify(old, value)
    new = new.clone() if is_tensor(new) else new.copy()
    items = [val.reshape(-1)[0]] * len(positions) if size(val) == 1 else list(val.reshape(-1))
    for p, v in zip(positions, items):
        new[tuple(p)] = v
    return ar.normalise(new) if new.dtype == ar.OBJ else new


class Execute(Function):
    """⍎: evaluate a character vector in the caller's environment."""

    glyph = "⍎"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        if size(w) and kind(w) != "U":
            raise DomainError("⍎ needs characters")
        if w.ndim > 1:
            raise RankError("⍎ needs a vector")
        text = "".join(w.reshape(-1).tolist())
        from .session import run_text

        result = run_text(text, self.env)
        if result is None or not is_array(result):
            raise ValueError_("⍎ gave no value")
        return result


class _UCS(Function):
    glyph = "⎕UCS"

    def monad(self, w):
        if kind(w) == "U":
            return np.vectorize(ord, otypes=[ar.INT])(w) if w.size else np.zeros(w.shape, ar.INT)
        codes = ar.host_ints(w, "⎕UCS")
        if np.any(codes < 0) or np.any(codes > 0x10FFFF):
            raise DomainError("not a Unicode code point")
        return np.vectorize(chr, otypes=[ar.CHAR])(codes) if codes.size else np.zeros(codes.shape, ar.CHAR)


class _DL(Function):
    glyph = "⎕DL"

    def monad(self, w):
        secs = float(ar.host_values(w).reshape(-1)[0])
        t0 = time.time()
        time.sleep(max(secs, 0))
        return np.array(time.time() - t0)


class _SIGNAL(Function):
    """⎕SIGNAL n, or 'message' ⎕SIGNAL n: raise the APL error numbered n."""

    glyph = "⎕SIGNAL"

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        from ..errors import BY_NAME, APLError

        if size(w) == 0:
            return np.zeros(0, dtype=ar.INT)
        code = ar.to_int(w.reshape(-1)[:1], "⎕SIGNAL")
        msg = "" if a is None else "".join(str(c) for c in a.reshape(-1))
        for cls in BY_NAME.values():
            if cls.code == code:
                raise cls(msg)
        err = type("SignalledError", (APLError,), {"name": msg.upper() or f"ERROR {code}", "code": code})
        raise err(msg)


_SYSTEM_FUNCTIONS = {"⎕UCS": _UCS(), "⎕DL": _DL(), "⎕SIGNAL": _SIGNAL()}


def system_function(name, span):
    f = _SYSTEM_FUNCTIONS.get(name)
    if f is None:
        raise NonceError(f"{name} is not supported", span)
    return f
