"""apl: APL on NumPy (and PyTorch), with a translator to readable PyTorch code.

    >>> import apl
    >>> apl.evaluate("+/⍳10")
    np.int64(55)

On PyTorch: `apl.evaluate(src, backend="torch", device=..., dtype=...)`, tensors given as names
choose it by themselves, and `apl.function('{(+/,⍵×⍵)*0.5}')` is a callable autograd flows through.
"""
from .errors import APLError
from .runtime.session import APLFunction, Session, evaluate, function

__all__ = ["APLError", "APLFunction", "Session", "evaluate", "function"]
__version__ = "0.1.0"



# IPython/Jupyter: `%load_ext apl` (IPython itself is imported only when the extension loads).
def load_ipython_extension(ipython):
    """`%load_ext apl`: the %apl and %%apl magics (apl/ipython.py, loaded only here)."""
    from .ipython import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython):
    from .ipython import unload_ipython_extension as unload

    unload(ipython)


# APL → PyTorch source; `apl.translate` is this function (its package is apl/translate/).
from .translate import translate  # noqa: E402,F401
