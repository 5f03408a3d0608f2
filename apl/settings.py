"""Workspace settings the primitives read: ⎕IO, ⎕CT, ⎕PP, the random generator and the backend.

Each session owns a `Settings`; while it evaluates, `using` makes them current in a context
variable, so sessions in two threads (or two asyncio tasks) never see each other's ⎕IO, ⎕CT or
backend. Primitives read `current()`; the hottest paths read `active_backend()`.

A torch session also makes its float dtype torch's default dtype while it evaluates, so that
Python floats meeting integer tensors, and new float tensors, take the session's precision.
torch keeps one default dtype per process: `_TORCH_DTYPE` lets sessions of one dtype evaluate
at the same time in several threads, and makes a session of the other dtype wait for them.
"""
from __future__ import annotations

import sys
import threading
from contextvars import ContextVar

import numpy as np

from .backends import ACTIVE, NUMPY
from .errors import DomainError


class Settings:
    """⎕IO ⎕CT ⎕PP ⎕PW ⎕RL ⎕DCT ⎕DIV and where arrays live (NUMPY, or a TorchBackend: device, float dtype)."""

    def __init__(self, io: int = 1, ct: float = 1e-14, pp: int = 10, rl: int = 16807, backend=NUMPY, _rng=None,
                 pw: int = 80, dct: float = 1e-28, div: int = 0):
        self.io, self.ct, self.pp, self.rl, self.backend, self._rng = io, ct, pp, rl, backend, _rng
        self.pw = pw  # ⎕PW: the session folds displayed lines at this width
        self.dct = dct  # ⎕DCT: kept and read back; decimal floats (⎕FR←1287), which it is for, are not supported
        self.div = div  # ⎕DIV: 1 makes a division by zero 0 (÷ and its fast paths read it)

    def __repr__(self):
        return (f"Settings(io={self.io}, ct={self.ct}, pp={self.pp}, pw={self.pw}, rl={self.rl}, "
                f"backend={self.backend!r})")

    @property
    def rng(self):
        """The session's random generator, seeded from ⎕RL; made on first use (numpy.random is a
        noticeable part of start-up)."""
        if self._rng is None:
            self._rng = np.random.default_rng(self.rl)
        return self._rng

    @rng.setter
    def rng(self, value):
        self._rng = value


# the system variables a Settings holds, and its fields that hold each: what `assign` sets, what
# a dfn assigning one saves and puts back, and what ⍠ sets for one call
FIELDS = {"⎕IO": ("io",), "⎕CT": ("ct",), "⎕PP": ("pp",), "⎕PW": ("pw",), "⎕RL": ("rl", "_rng"),
          "⎕DCT": ("dct",), "⎕DIV": ("div",)}


def assign(s: Settings, name: str, x) -> None:
    """Set one of FIELDS to the number x, within Dyalog's range for it (else a DOMAIN ERROR)."""
    if name == "⎕IO":
        if x not in (0, 1):
            raise DomainError("⎕IO must be 0 or 1")
        s.io = int(x)
    elif name == "⎕CT":
        if not 0 <= x <= 2.0 ** -32:  # Dyalog: "any value in the range from 0 to 2*¯32"
            raise DomainError("⎕CT must be between 0 and 2*¯32 (about 2.3E¯10)")
        s.ct = float(x)
    elif name == "⎕DCT":  # Dyalog: "any value in the range from 0 to 2.3283064365386962E¯10"
        if not 0 <= x <= 2.3283064365386962e-10:
            raise DomainError("⎕DCT must be between 0 and about 2.3E¯10")
        s.dct = float(x)
    elif name == "⎕DIV":  # Dyalog: 0 (a division by zero is a DOMAIN ERROR, 0÷0 is 1) or 1 (it is 0)
        if x not in (0, 1):
            raise DomainError("⎕DIV must be 0 or 1")
        s.div = int(x)
    elif name == "⎕PP":
        if not (1 <= x <= 34 and x == int(x)):  # LRG/system-functions/pp: "in the range 1 to 34"
            raise DomainError("⎕PP must be an integer from 1 to 34")
        s.pp = int(x)  # shown with at most 17 digits (display.format_lines)
    elif name == "⎕RL":
        if not (0 <= x <= 2147483646 and x == int(x)):  # Dyalog's Lehmer generator: 1 to 2*31-2; 0 seeds afresh
            raise DomainError("⎕RL must be an integer from 0 to 2147483646")
        s.rl = int(x)
        s.rng = np.random.default_rng(int(x))
    elif name == "⎕PW":
        if not (42 <= x <= 32767 and x == int(x)):
            raise DomainError("⎕PW must be an integer from 42 to 32767")
        s.pw = int(x)
    else:
        raise KeyError(name)


_CURRENT: ContextVar[Settings] = ContextVar("apl_settings", default=Settings())
_BACKEND: ContextVar = ACTIVE

current = _CURRENT.get  # the settings of the session evaluating in this thread or task
active_backend = _BACKEND.get  # current().backend, in one call: literals read it on every run


class _TorchDefaultDtype:
    """Who holds torch's process-wide default dtype, and at which dtype.

    Threads whose sessions want the dtype that is set share it; a thread that wants the other
    waits until they are done. A thread may switch it for a nested evaluation when it is the only
    holder (a float32 function called inside a float64 session); others wait for the switch back.
    """

    def __init__(self):
        # the lock itself is entered on the common path (one holder at a time: C code only, no
        # Condition frames); the condition over it is for the rare thread that has to wait
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._waiting = 0  # threads in wait(): release notifies only when there are some
        self._holders: dict[int, int] = {}  # thread → how many evaluations it has open
        self._dtype = None  # the dtype set while anyone holds it
        self._saved = None  # torch's default before the first holder came
        self._switcher = None  # the thread that switched it for a nested evaluation

    def _others(self, me) -> bool:
        return any(t != me for t in self._holders)

    def acquire(self, dtype):
        """Hold torch's default dtype at `dtype`; what it was for this thread before, to release."""
        torch = sys.modules["torch"]
        me = threading.get_ident()
        with self._lock:
            if not self._holders:  # the common case: no one else evaluates on torch
                self._saved = now = torch.get_default_dtype()
                if now != dtype:
                    torch._C._set_default_dtype(dtype)  # (torch.set_default_dtype's own call)
                self._dtype = dtype
                self._holders[me] = 1
                return None
            while self._others(me) and (self._dtype != dtype or self._switcher not in (None, me)):
                self._waiting += 1
                try:
                    self._cond.wait()
                finally:
                    self._waiting -= 1
            now = torch.get_default_dtype()
            if not self._holders:
                self._saved = now
            before = self._dtype
            if before is not None and before != dtype:
                self._switcher = me
            if now != dtype:
                torch.set_default_dtype(dtype)
            self._dtype = dtype
            self._holders[me] = self._holders.get(me, 0) + 1
            return before

    def release(self, before):
        torch = sys.modules["torch"]
        me = threading.get_ident()
        with self._lock:
            if before is None and len(self._holders) == 1 and self._switcher is None \
                    and self._holders.get(me) == 1:  # the common case: the only holder leaves
                del self._holders[me]
                if self._saved != self._dtype:
                    torch._C._set_default_dtype(self._saved)
                self._dtype = None
                if self._waiting:
                    self._cond.notify_all()
                return
            n = self._holders[me] - 1
            if n:
                self._holders[me] = n
            else:
                del self._holders[me]
            back = self._saved if not self._holders else before
            if back is not None and back != self._dtype:
                torch.set_default_dtype(back)
                self._dtype = back
            if not self._holders:
                self._dtype = None
            if self._switcher == me and (before is None or not self._holders or self._dtype == before):
                self._switcher = None
            if self._waiting:
                self._cond.notify_all()


_TORCH_DTYPE = _TorchDefaultDtype()


class using:
    """Make a session's settings current (in this thread or task) for a with-block."""

    __slots__ = ("_backend_token", "_dtype_before", "_settings_token", "settings")

    def __init__(self, settings: Settings):
        self.settings = settings

    def __enter__(self):
        bk = self.settings.backend
        self._settings_token = _CURRENT.set(self.settings)
        self._backend_token = _BACKEND.set(bk)
        self._dtype_before = _TORCH_DTYPE.acquire(bk.dtype) if bk is not NUMPY and bk.name == "torch" else False
        return self.settings

    def __exit__(self, *exc):
        if self._dtype_before is not False:
            _TORCH_DTYPE.release(self._dtype_before)
        _BACKEND.reset(self._backend_token)
        _CURRENT.reset(self._settings_token)
        return False
