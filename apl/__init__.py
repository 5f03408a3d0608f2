"""apl: APL on NumPy (and PyTorch), with a translator to readable PyTorch code.

    >>> import apl
    >>> apl.evaluate("+/⍳10")
    np.int64(55)
"""
from .errors import APLError
from .runtime.session import Session, evaluate

__all__ = ["APLError", "Session", "evaluate"]
__version__ = "0.1.0"

# IPython/Jupyter: `%load_ext apl` (IPython itself is imported only when the extension loads).
from .ipython import load_ipython_extension, unload_ipython_extension  # noqa: E402,F401
