"""apl: APL on NumPy (and PyTorch), with a translator to readable PyTorch code.

    >>> import apl
    >>> apl.evaluate("+/⍳10")
    np.int64(55)

On PyTorch: `apl.evaluate(src, backend="torch", device=..., dtype=...)`, tensors given as names
choose it by themselves, and `apl.function('{(+/,⍵×⍵)*0.5}')` is a callable autograd flows through.
"""
from .errors import APLError
from .runtime.session import APLFunction, Session, evaluate, function
from .translate import translate  # noqa: F401 - `apl.translate`: APL → PyTorch source (its package is apl/translate/)

__all__ = ["APLError", "APLFunction", "Session", "evaluate", "function"]
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

