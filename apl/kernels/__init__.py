"""Compiled kernels for what whole-array NumPy does badly: inner products f.g of any scalar
primitives, and scans of non-associative functions.

    >>> from apl import kernels
    >>> kernels.inner("⌈", "+", a, b)      # tropical product; None when not supported
    >>> kernels.scan("-", v)               # -\\v along the last axis
    >>> kernels.available()                # does Numba import?

Numba (`pip install numba`, or the `numba` extra) is imported on first use, never by
`import apl` or `import apl.kernels`; the kernels compile once and are cached on disk. Without
Numba the same functions run on NumPy with the same results (the inner product then folds
block by block, with memory bounded by `inner.CHUNK`).

Semantics and types follow the interpreter; see inner.py and scan.py for which cases return
None (the caller's general path then decides) and for the cost of each scan.

Meant to be called from `Inner.dyad` (after its `+.×` BLAS path, for two scalar primitives
and simple bool/int64/float64 NumPy arguments, reshaped to matrices) and from
`reduction.scan` (after `_fast_scan` finds no library path, along the last axis), passing
`ct=current().ct`; a None result falls through to the existing code.
"""
from __future__ import annotations

import os

from ._codes import INNER_GLYPHS, SCAN_GLYPHS
from .inner import inner
from .scan import COMPLEXITY, scan

__all__ = ["COMPLEXITY", "INNER_GLYPHS", "SCAN_GLYPHS", "available", "inner", "scan", "use_numba"]

_AVAILABLE: bool | None = None


def available() -> bool:
    """Whether Numba imports (APL_NO_NUMBA=1 in the environment says no)."""
    global _AVAILABLE
    if _AVAILABLE is None:
        if os.environ.get("APL_NO_NUMBA"):
            _AVAILABLE = False
        else:
            try:
                import numba  # noqa: F401
            except ImportError:
                _AVAILABLE = False
            else:
                _AVAILABLE = True
    return _AVAILABLE


def use_numba(backend: str = "auto") -> bool:
    """Whether a call with this backend runs the Numba kernels."""
    if backend == "numpy":
        return False
    if backend == "numba":
        if not available():
            raise ImportError("numba is not installed (pip install numba)")
        return True
    if backend != "auto":
        raise ValueError(f"backend must be 'auto', 'numba' or 'numpy', not {backend!r}")
    return available()
