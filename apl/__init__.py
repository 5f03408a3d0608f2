"""apl: APL on NumPy (and PyTorch), with a translator to readable PyTorch code.

    >>> import apl
    >>> apl.evaluate("+/⍳10")
    np.int64(55)

On PyTorch: `apl.evaluate(src, backend="torch", device=..., dtype=...)`, tensors given as names
choose it by themselves, and `apl.function('{(+/,⍵×⍵)*0.5}')` is a callable autograd flows through.
"""
from .errors import APLError
from .runtime import session as _session
from .runtime.session import APLFunction, Session, evaluate
from .translate import translate  # noqa: F401 - `apl.translate`: APL → PyTorch source (its package is apl/translate/)

__all__ = ["APLError", "APLFunction", "Session", "compile", "evaluate", "function"]


def function(src: str, backend=None, device=None, dtype=None, compile=False, **names):  # noqa: A002
    """A Python callable `f(omega, alpha=None)` for a dfn or derived function written in APL.

        norm = apl.function('{(+/,⍵×⍵)*0.5}')
        norm(x).backward()          # x a float64 tensor with requires_grad: x.grad == x÷norm x

    With compile=True, the callable runs the translator's PyTorch instead (`apl.compile`)."""
    if compile:
        return globals()["compile"](src)
    return _session.function(src, backend, device, dtype, **names)


def compile(src: str, check: bool = True):  # noqa: A001 - apl.compile, as torch.compile
    """A callable `f(omega, alpha=None)` for a dfn or derived function that runs the PyTorch
    the translator writes for it, specialised to each signature of its arguments and cached
    (apl/translate/compiled.py): autograd flows through it, and torch.compile takes it.
    check=False skips the finiteness checks (IEEE infinities and NaNs pass through)."""
    from .translate.compiled import CompiledFunction

    return CompiledFunction(src, check)
__version__ = "0.1.0"


# IPython/Jupyter: `%load_ext apl` looks these up here. The magics live in apl/repl/ipython.py,
# imported only when the extension loads, so `import apl` never imports IPython or the REPL.
def load_ipython_extension(ipython):
    """`%load_ext apl`: the %apl and %%apl magics (apl/repl/ipython.py, loaded only here)."""
    from .repl.ipython import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython):
    """`%unload_ext apl`: remove the magics (the workspace is dropped)."""
    from .repl.ipython import unload_ipython_extension as unload

    unload(ipython)

