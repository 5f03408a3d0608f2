"""The scalar function ○: pi times (○Y) and the circular functions X○Y (Language Reference,
Circular Functions): trigonometric, hyperbolic and the complex-number functions for X in ¯12…12.

Outside a function's real domain (¯1○2) the answer is taken in the complex plane, as APL does.
"""
from __future__ import annotations

import numpy as np

from ..arrays import host_values, tidy_numeric, to_ints
from ..backends import anyb, arr, as_complex, as_float, backend_of, device_of, kind, namespace
from ..errors import DomainError
from .arithmetic import finite, num


def pi_times(w):
    w = num(w)
    with np.errstate(all="ignore"):
        return finite(np.pi * as_float(w))  # (a tensor's float dtype is its session's, not torch's default)


def _neg4(x):
    """¯4○Y: (Y+1)×((Y-1)÷Y+1)*0.5, and 0 at Y=¯1."""
    xp = namespace(x)
    at = x == -1
    y = xp.where(at, 0, x)
    return xp.where(at, 0, (y + 1) * xp.sqrt((y - 1) / (y + 1)))


def _circ_fn(k: int, bk):
    xp = bk.xp
    s = xp.sqrt
    table = {
        0: lambda x: s(1 - x * x),
        1: xp.sin, 2: xp.cos, 3: xp.tan,
        4: lambda x: s(1 + x * x),
        5: xp.sinh, 6: xp.cosh, 7: xp.tanh,
        8: lambda x: s(-1 - x * x),
        9: xp.real, 10: xp.abs, 11: bk.imag, 12: bk.angle,
        -1: xp.asin, -2: xp.acos, -3: xp.atan,
        -4: _neg4,
        -5: xp.asinh, -6: xp.acosh, -7: xp.atanh,
        -8: lambda x: -s(-1 - x * x),
        -9: lambda x: x, -10: xp.conj,
        -11: lambda x: x * 1j, -12: lambda x: xp.exp(1j * x),
    }
    if k not in table:
        raise DomainError(f"{str(k).replace('-', '¯')}○ is not a circular function")
    return table[k]


def circular(a, w):
    """X○Y for X in ¯12..12 (Language Reference, Circular Functions)."""
    a, w = num(a), num(w)
    ks = to_ints(a, "left argument of ○")
    wf = as_float(w)
    bk = backend_of(ks, wf)
    xp = bk.xp
    with np.errstate(all="ignore"):
        if ks.ndim == 0:
            return _circ_one(int(ks), wf)
        kb, wb = xp.broadcast_arrays(ks, wf)
        bad = (ks < -12) | (ks > 12)
        if anyb(bad):  # name the first bad one in ravel order, on every backend
            first = int(host_values(bad).reshape(-1).argmax())
            raise DomainError(f"{str(int(ks.reshape(-1)[first])).replace('-', '¯')}○ is not a circular function")
        out = xp.zeros(kb.shape, dtype=bk.COMPLEX, device=device_of(wf))
        for k in xp.unique_values(kb):
            m = kb == k
            out = xp.where(m, as_complex(_circ_one(int(k), wb)), out)
        return tidy_numeric(finite(out))


def _circ_one(k, x):
    bk = backend_of(x)
    xp = bk.xp
    f = _circ_fn(k, bk)
    with np.errstate(all="ignore"):
        r = arr(f(x))
        if kind(r) == "f" and kind(x) != "c":
            bad = xp.isnan(r) & ~xp.isnan(x)
            if anyb(bad):
                # outside the real domain (e.g. ¯1○2): answer in the complex plane, as APL does
                r = xp.where(bad, as_complex(arr(f(as_complex(x)))), as_complex(r))
    return finite(r)
