"""The compiled path: `apl.compile(src)` (or `apl.function(src, compile=True)`), a callable
built from the translator's output instead of the interpreter.

On its first call with arguments of a new signature (for tensors: shape, dtype, device and
whether they require a gradient; for a list of tensors, theirs; Python numbers count as float
scalars) it translates the function for float tensors of those shapes and that dtype
(`apl.translate(src, shapes=…, dtype=…)`: torch's own operations where they meet APL's, the
result checked to be finite; where no argument requires a gradient, temporaries reused in
place: translate/native.py), compiles the module once and keeps it; later calls with that
signature go straight to it.
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
    """What a translation is specialised to: (shape, dtype, device, requires_grad) for a tensor, ("list", …)
    for a list of tensors, float for a Python number, None for no argument."""
    if x is None or x.__class__ is float:
        return x.__class__ if x is not None else None
    if isinstance(x, (list, tuple)):
        return ("list", *(_signature(i) for i in x))
    shape = getattr(x, "shape", None)
    if shape is not None and hasattr(x, "is_floating_point"):
        return (shape, x.dtype, x.device, x.requires_grad)
    return ("other", type(x).__name__)


def _list_signature(xs):
    """_signature of a list, quickly where its items are plain tensors (u t←⍵ on every call)."""
    sig = ["list"]
    for x in xs:
        if x.__class__ is not _TENSOR:
            return _signature(xs)
        sig.append((x.shape, x.dtype, x.device, x.requires_grad))
    return tuple(sig)


def _tensors(sig):
    """The tensor signatures within a signature (see _signature)."""
    if isinstance(sig, tuple) and sig[0] == "list":
        return [t for s in sig[1:] for t in _tensors(s)]
    return [sig] if isinstance(sig, tuple) and len(sig) == 4 else []


def _shapes(sig):
    """The shapes a specialised translation is written for (a list for a list of tensors,
    float for a Python number), or None where it cannot be (not float tensors)."""
    if sig is float:
        return float
    if isinstance(sig, tuple) and sig[0] == "list":
        shapes = [_shapes(s) for s in sig[1:]]
        return None if any(x is None or x is float or isinstance(x, list) for x in shapes) else shapes
    if isinstance(sig, tuple) and len(sig) == 4 and getattr(sig[1], "is_floating_point", False):
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
        # (the common signatures written out: this runs on every call)
        c = omega.__class__
        if c is _TENSOR:
            w = (omega.shape, omega.dtype, omega.device, omega.requires_grad)
        elif c is list:
            w = _list_signature(omega)
        else:
            if c is int:  # (a Python number is taken as a float)
                omega = float(omega)
            w = _signature(omega)
        c = alpha.__class__
        if c is _TENSOR:
            a = (alpha.shape, alpha.dtype, alpha.device, alpha.requires_grad)
        elif alpha is None or c is float:
            a = None if alpha is None else float
        else:
            if c is int:
                alpha = float(alpha)
            a = _signature(alpha)
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
            tensors = _tensors(key[0]) + _tensors(key[1])
            dtypes = {t[1] for t in tensors}
            dtype = dtypes.pop() if len(dtypes) == 1 else None  # (one dtype: native.py)
            inplace = not any(t[3] for t in tensors)  # (no gradient to keep: temporaries reused)
            try:
                shapes = (w,) if key[1] is None else (a, w)
                return translate(self.src, "f", shapes=shapes, trusted=True, check=self.check, dtype=dtype,
                                 inplace=inplace), True
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
