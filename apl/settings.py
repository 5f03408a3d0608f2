"""Workspace settings the primitives read: ⎕IO, ⎕CT, ⎕PP and the random generator.

One `Settings` object is current while a session evaluates; primitives read `current()`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Settings:
    io: int = 1
    ct: float = 1e-14
    pp: int = 10
    rl: int = 16807
    rng: np.random.Generator = field(default=None)

    def __post_init__(self):
        if self.rng is None:
            self.rng = np.random.default_rng(self.rl)


_current = [Settings()]


def current() -> Settings:
    return _current[0]


class using:
    """Make a session's settings current for the duration of a with-block."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __enter__(self):
        self.saved = _current[0]
        _current[0] = self.settings
        return self.settings

    def __exit__(self, *exc):
        _current[0] = self.saved
        return False
