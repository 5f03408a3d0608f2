"""Library exceptions as APL errors: what NumPy, torch and Python raise inside a primitive becomes
the APL error it stands for (DOMAIN ERROR, WS FULL), with the span of the primitive attached.

Every layer of the runtime runs primitives through `guarded`, so this sits at its bottom."""
from __future__ import annotations

import numpy as np

from ..errors import APLError, DomainError, WSFull

# Library errors that mean a domain problem; RuntimeError covers torch's (a RecursionError,
# also a RuntimeError, is caught before them).
_NUMERIC_ERRORS = (ValueError, TypeError, ZeroDivisionError, OverflowError, FloatingPointError,
                   np.linalg.LinAlgError, IndexError, RuntimeError)


def _out_of_memory(e) -> bool:
    """A failed allocation: MemoryError, or torch's (CUDA's OutOfMemoryError, the CPU allocator's
    RuntimeError)."""
    if isinstance(e, MemoryError) or type(e).__name__ == "OutOfMemoryError":
        return True
    if isinstance(e, RuntimeError):
        msg = str(e)
        return ("out of memory" in msg or "can't allocate memory" in msg or "not enough memory" in msg
                or "bad_alloc" in msg)
    return False


def library_error(e, span=None):
    """The APL error a library exception stands for, or None for one that is not ours."""
    if isinstance(e, APLError):
        return e.with_span(span)
    if isinstance(e, RecursionError):
        return too_deep(span)
    if _out_of_memory(e):
        return WSFull("not enough memory", span)
    if isinstance(e, _NUMERIC_ERRORS):
        return DomainError(f"{type(e).__name__}: {e}", span)
    return None


def guarded(span, thunk):
    """Run a primitive step, attaching `span` to errors and mapping library errors to APL's."""
    try:
        return thunk()
    except Exception as e:
        raise apl_error(e, span) from None


def apl_error(e, span):
    """The APL error to raise for e; an exception that is no APL error (a bug) goes on as it is."""
    err = library_error(e, span)
    if err is None:
        raise e
    return err


def too_deep(span=None):
    """Python's stack is exhausted: a WS FULL that error guards do not catch."""
    err = WSFull("recursion too deep", span)
    err.trappable = False
    return err
