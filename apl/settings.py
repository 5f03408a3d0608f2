"""Workspace settings the primitives read: ⎕IO, ⎕CT, ⎕PP, the random generator and the backend.

Each session owns a `Settings`; while it evaluates, `using` makes them current in a context
variable, so sessions in two threads (or two asyncio tasks) never see each other's ⎕IO, ⎕CT or
backend. Primitives read `current()`; the hottest paths read `active_backend()`.

The active backend carries a torch session's float dtype (`TorchBackend.FLOAT` reads it), so
torch's process-wide default dtype is never touched: sessions of float32 and float64 evaluate in
several threads at once, and the caller's default stays theirs.
"""
from __future__ import annotations

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


# (Session.eval sets CURRENT and backends.ACTIVE itself, as `using` does: its hot path)
CURRENT: ContextVar[Settings] = ContextVar("apl_settings", default=Settings())
current = CURRENT.get  # the settings of the session evaluating in this thread or task
active_backend = ACTIVE.get  # current().backend, in one call: literals read it on every run


class using:
    """Make a session's settings current (in this thread or task) for a with-block."""

    __slots__ = ("_backend_token", "_settings_token", "settings")

    def __init__(self, settings: Settings):
        self.settings = settings

    def __enter__(self):
        self._settings_token = CURRENT.set(self.settings)
        self._backend_token = ACTIVE.set(self.settings.backend)
        return self.settings

    def __exit__(self, *exc):
        ACTIVE.reset(self._backend_token)
        CURRENT.reset(self._settings_token)
        return False
