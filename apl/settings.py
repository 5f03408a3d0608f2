"""Workspace settings the primitives read: ⎕IO, ⎕CT, ⎕PP, the random generator and the backend.

One `Settings` object is current while a session evaluates; primitives read `current()`.
A torch session also makes its float dtype torch's default dtype while it evaluates, so that
Python floats meeting integer tensors, and new float tensors, take the session's precision.
"""
from __future__ import annotations

import sys

import numpy as np

from .backends import NUMPY


class Settings:
    """⎕IO ⎕CT ⎕PP ⎕RL and where arrays live (NUMPY, or a TorchBackend: device, float dtype)."""

    def __init__(self, io: int = 1, ct: float = 1e-14, pp: int = 10, rl: int = 16807, backend=NUMPY, _rng=None):
        self.io, self.ct, self.pp, self.rl, self.backend, self._rng = io, ct, pp, rl, backend, _rng

    def __repr__(self):
        return f"Settings(io={self.io}, ct={self.ct}, pp={self.pp}, rl={self.rl}, backend={self.backend!r})"

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


_current = [Settings()]
ACTIVE_BACKEND = [NUMPY]  # the current settings' backend, for the hottest paths (literals)


def current() -> Settings:
    return _current[0]


class using:
    """Make a session's settings current for the duration of a with-block."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __enter__(self):
        self.saved = _current[0]
        _current[0] = self.settings
        bk = self.settings.backend
        self.saved_backend = ACTIVE_BACKEND[0]
        ACTIVE_BACKEND[0] = bk
        self.dtype = None
        if bk is not NUMPY:
            torch = sys.modules["torch"]
            self.dtype = torch.get_default_dtype()
            torch.set_default_dtype(bk.dtype)
        return self.settings

    def __exit__(self, *exc):
        _current[0] = self.saved
        ACTIVE_BACKEND[0] = self.saved_backend
        if self.dtype is not None:
            sys.modules["torch"].set_default_dtype(self.dtype)
        return False
