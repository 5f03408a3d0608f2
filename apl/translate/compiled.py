"""The compiled path: `apl.compile(src)` (or `apl.function(src, compile=True)`), a callable
built from the translator's output instead of the interpreter.

On its first call with arguments of a new signature (for tensors: shape, dtype and device; for
a list of tensors, theirs; Python numbers count as float scalars) it translates the function
for float tensors of those shapes (`apl.translate(src, shapes=…)`: torch's own operations where
they meet APL's, one check of the arguments at the top, the result checked to be finite),
compiles the module once and keeps it; later calls with that signature go straight to it.
Arguments that are not float tensors get the general translation, exact for any argument.
The callable is plain PyTorch, so autograd flows through it and `torch.compile` takes it.
"""
from __future__ import annotations

import torch

from ..errors import NonceError
from .module import translate

__all__ = ["CompiledFunction"]

_TENSOR = torch.Tensor


def _signature(x):
    """What a translation is specialised to: (shape, dtype, device) for a tensor, ("list", …)
    for a list of tensors, float for a Python number, None for no argument."""
    if x is None or x.__class__ is float:
        return x.__class__ if x is not None else None
    if isinstance(x, (list, tuple)):
        return ("list", *(_signature(i) for i in x))
    shape = getattr(x, "shape", None)
    if shape is not None and hasattr(x, "is_floating_point"):
        return (shape, x.dtype, x.device)
    return ("other", type(x).__name__)


def _shapes(sig):
    """The shapes a specialised translation is written for (a list for a list of tensors,
    float for a Python number), or None where it cannot be (not float tensors)."""
    if sig is float:
        return float
    if isinstance(sig, tuple) and sig[0] == "list":
        shapes = [_shapes(s) for s in sig[1:]]
        return None if any(x is None or x is float or isinstance(x, list) for x in shapes) else shapes
    if isinstance(sig, tuple) and len(sig) == 3 and getattr(sig[1], "is_floating_point", False):
        return tuple(sig[0])
    return None


class CompiledFunction:
    """A dfn or derived function as a Python callable `f(omega, alpha=None)` that runs the
    translator's PyTorch, specialised per argument signature and cached.

    check=False leaves out the check that values are finite: torch's infinities and NaNs then
    pass as they are, where APL (and the default) raises DOMAIN ERROR or gives 1 for 0÷0."""

    def __init__(self, src: str, check: bool = True):
        self.src = src
        self.check = check
        self._variants: dict = {}
        self._general = None

    def __call__(self, omega, alpha=None):
        if omega.__class__ is int:  # (a Python number is taken as a float)
            omega = float(omega)
        if alpha.__class__ is int:
            alpha = float(alpha)
        # (a plain tensor's signature written out: this runs on every call)
        w = (omega.shape, omega.dtype, omega.device) if omega.__class__ is _TENSOR else _signature(omega)
        a = None if alpha is None else (alpha.shape, alpha.dtype, alpha.device) if alpha.__class__ is _TENSOR \
            else _signature(alpha)
        key = (w, a)
        fn = self._variants.get(key)
        if fn is None:
            fn = self._variants[key] = self._build(key)
        if fn.__class__ is tuple:  # (specialised, general): an APL error of the first is rechecked
            try:
                return fn[0](omega) if alpha is None else fn[0](omega, alpha)
            except ValueError:  # (the module's APLError: 0÷0 is 1, an overflow reported where APL does)
                fn = fn[1]
        return fn(omega) if alpha is None else fn(omega, alpha)

    def source(self, omega, alpha=None) -> str:
        """The PyTorch source this callable runs for arguments like these."""
        return self._translate((_signature(omega), _signature(alpha)))[0]

    def _translate(self, key):
        w, a = (_shapes(s) for s in key)
        if w is not None and (a is not None or key[1] is None):
            try:
                shapes = (w,) if key[1] is None else (a, w)
                return translate(self.src, "f", shapes=shapes, trusted=True, check=self.check), True
            except NonceError:
                pass
        return translate(self.src, "f"), False

    def _build(self, key):
        src, specialised = self._translate(key)
        fn = _load(src, self.src)
        if not specialised or not self.check:
            return fn
        if self._general is None:
            self._general = _load(translate(self.src, "f"), self.src)
        return fn, self._general


def _load(src, apl):
    ns: dict = {}
    exec(compile(src, f"<apl.compile {apl[:40]!r}>", "exec"), ns)  # noqa: S102 - the translator's own output
    return ns["f"]
