"""APL → readable PyTorch source.

    >>> print(apl.translate("{(+/,⍵×⍵)*0.5}", name="norm"))

The contract: for an expression, the module defines `name` whose parameters are the
expression's free names in order of first appearance, so `exec(src, ns); ns[name](...)` gives
its value as tensors; for a dfn or a derived function, `name(omega, alpha=None)`. Named
functions in a script each become a `def`. What cannot be translated exactly is refused with a
NONCE ERROR naming the construct and its place.
"""
from __future__ import annotations

__all__ = ["translate"]


def translate(src: str, name: str = "f", ranks=None, shapes=None, dtype=None) -> str:
    """Translate APL source (an expression, a dfn, a derived function or a script) to PyTorch;
    with `ranks` ((rank of ⍺, rank of ⍵), or that of ⍵) or `shapes`, a function written for
    float tensors of those ranks or shapes, and with `dtype` (torch.float32 …) of that dtype:
    for float32 and narrower, ⎕CT is below its resolution, so comparisons are torch's own.

    The printer modules load on first use, so `import apl` stays quick."""
    from .module import translate as _translate

    return _translate(src, name, ranks, shapes, dtype=dtype)
