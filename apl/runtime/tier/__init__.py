"""The compiling tier: dfns compiled to Python source (codegen.py), specialised on the types of
their arguments, run instead of the tree of closures; see entry.py for when, values.py for what
compiled code holds, scalars.py and templates.py for the scalar functions.

Loading this package wires it into dfn calls (dfn.use_tier). APL_TIER=0 in the environment, or
`switched(False)`, leaves every dfn on the closure path.
"""
from __future__ import annotations

from ..dfn import use_tier
from .entry import enabled, setup, switched

use_tier(setup)

__all__ = ["enabled", "setup", "switched"]
