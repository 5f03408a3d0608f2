"""Sessions: a workspace of names, its settings and backend, and running source text in it."""
from __future__ import annotations

import re
import sys
from typing import Callable

import numpy as np

from .. import arrays as ar
from ..backends import ACTIVE, NUMPY, host, lazy_in, make_backend, one_device, widen
from ..errors import APLError, DomainError, SyntaxError_, ValueError_, WSFull
from ..primitives.base import Function, Operator
from ..settings import CURRENT, Settings, using
from . import compiler, lift  # noqa: F401  (loading them wires statements to their compiler, ⍤ to batching)
from .dfn import use_tier
from .env import Env
from .library_errors import library_error
from .statements import run_statements


def _load_tier(dfn):
    """The compiling tier's setup, loaded at the first dfn call (not at start-up); loading it
    registers its own setup for the calls after."""
    from . import tier

    return tier.setup(dfn)


use_tier(_load_tier)

_RECURSION_LIMIT = 300_000
_APL_NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")


def to_user(value, backend=None, compute=True):
    """What the Python API hands back: on NumPy, numpy scalars for simple numeric scalars; on
    torch, tensors for numbers (0-d for scalars) at any depth, numpy for characters; on dask,
    what NumPy gives once the value is computed, or with compute=False dask arrays (lazy)."""
    if backend is not None and backend.lazy and compute:
        value = host(value)
    elif backend is not None and backend is not NUMPY:
        if type(value) is backend.array_type:  # the common case, in the fewest calls
            return backend.adopt(value)
        if isinstance(value, (Function, Operator)):
            return value
        return ar.to_backend(value, backend)
    if type(value) is np.ndarray and value.dtype.kind in "biufc":  # simple numbers: the fewest calls
        value = widen(value)
        return value[()] if value.ndim == 0 else value
    value = ar.widen_all(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biufc":
        return value[()]
    return value


class Session:
    """A workspace: names persist across calls of `eval`.

    >>> s = Session(); s.eval("x←⍳3"); s.eval("+/x")

    `backend` is "numpy" or "torch"; left out, a session starts on NumPy and takes the torch
    backend (on the tensors' device) when a torch tensor is first bound. `device` ("cpu",
    "cuda", …) and `dtype` (torch.float64, the default, or torch.float32) are for torch.
    """

    def __init__(self, backend: str | None = None, output: Callable | None = None, device=None, dtype=None):
        self._auto = backend is None and device is None and dtype is None
        if backend is None and not self._auto:  # a device or a dtype given: torch
            backend = "torch"
        self.settings = Settings(backend=make_backend(backend, device, dtype))
        self.env = Env(session=self)
        self._output = output
        self.last_error = None  # the error an error guard caught last, for ⎕EN and ⎕DM
        if sys.getrecursionlimit() < _RECURSION_LIMIT:
            sys.setrecursionlimit(_RECURSION_LIMIT)

    # ------------------------------------------------------------------ backend
    @property
    def backend(self) -> str:
        return self.settings.backend.name

    @property
    def device(self) -> str:
        bk = self.settings.backend
        return "cpu" if bk.device is None else str(bk.device)

    @property
    def dtype(self):
        return getattr(self.settings.backend, "dtype", None)

    def set_backend(self, name: str, device=None, dtype=None):
        """Move the workspace to another backend (its arrays are converted)."""
        old = self.settings.backend
        if name == "torch" and device is None and old.name == "torch":
            device = old.device
        if name == "torch" and dtype is None and old.name == "torch":
            dtype = old.dtype
        new = make_backend(name, device, dtype)
        self._auto = False
        self._convert_workspace(new)
        return self

    def set_device(self, device: str):
        """Move a torch workspace to a device ("cpu", "cuda", "cuda:1", …)."""
        old = self.settings.backend
        if device in (None, "cpu") and old.name == "numpy":
            return self
        return self.set_backend("torch", device, getattr(old, "dtype", None))

    def _convert_workspace(self, new):
        old = self.settings.backend
        self.settings.backend = new
        if new is old:
            return
        for k, v in list(self.env.vars.items()):
            if isinstance(v, (Function, Operator)):
                continue
            if new is NUMPY:
                self.env.vars[k] = ar.from_python(host(v))
            else:
                self.env.vars[k] = ar.to_backend(v, new)

    def _adopt(self, values):
        """Choose or check the backend for values given from Python: tensors pick torch (on
        their device) for a session whose backend was left open; two devices are an error."""
        if lazy_in(values):  # dask arrays: the dask backend
            bk = self.settings.backend
            if not bk.lazy:
                if not self._auto:
                    raise DomainError(f"a dask array given to a {bk.name} session: use backend='dask'")
                self._convert_workspace(make_backend("dask"))
            return
        dev = one_device(values)
        if dev is None:
            return
        bk = self.settings.backend
        if bk.name == "numpy":
            if not self._auto:
                raise DomainError("a torch tensor given to a numpy session: use backend='torch'")
            self._convert_workspace(make_backend("torch", dev, None))
        elif bk.device is None:
            self._convert_workspace(make_backend("torch", dev, bk.dtype))

    def _from_user(self, value):
        if isinstance(value, (Function, Operator)):
            return value
        return ar.from_python(value, self.settings.backend)

    # ------------------------------------------------------------------ evaluation
    def output(self, value):
        """⎕←value: print it the way the session displays results."""
        if self._output is not None:
            self._output(host(value))
        else:
            from ..display import format_value

            print(format_value(host(value), self.settings.pp))

    def bind(self, **names):
        """Bind Python values to names (tensors may choose the torch backend). A key that is not
        an APL name (`'a b'`, `'⍵'`, `'⎕IO'`) is a ValueError naming it."""
        for k in names:
            if not isinstance(k, str) or not _APL_NAME.fullmatch(k):
                raise ValueError(f"{k!r} is not an APL name (letters, digits, _ ∆ ⍙, not starting with a digit)")
        self._adopt(names.values())
        with using(self.settings):
            for k, v in names.items():
                self.env.vars[k] = self._from_user(v)

    def eval(self, src: str, compute: bool = True, **names):
        """Evaluate a line or block; return the value of the last statement (on the dask
        backend computed, or with compute=False as lazy dask arrays)."""
        if names:
            self.bind(**names)
        settings = self.settings  # `using`, written out: an evaluation's first and last steps
        # often run right after a long operation, when each call costs a few microseconds
        settings_token, backend_token = CURRENT.set(settings), ACTIVE.set(settings.backend)
        try:
            return to_user(run_statements(src, self.env), settings.backend, compute)
        finally:
            ACTIVE.reset(backend_token)
            CURRENT.reset(settings_token)

    def run(self, src: str, on_result: Callable, for_display: bool = True):
        """Evaluate statement by statement, reporting each (value, shy) pair; values are
        reported as NumPy arrays (tensors copied to the host, dask arrays computed), for
        display, or as they are (tensors stay tensors) with for_display=False. Shy values
        (assignments), which are not shown, are reported as they are."""
        report = (lambda v, shy: on_result(v if shy else host(v), shy)) if for_display else on_result
        with using(self.settings):
            return run_statements(src, self.env, report)

    def __getitem__(self, name: str):
        v = self.env.vars.get(name)
        if v is None:
            raise ValueError_(f"{name} is not defined")
        return to_user(v, self.settings.backend)

    def __setitem__(self, name: str, value):
        self.bind(**{name: value})

    def __contains__(self, name: str) -> bool:
        return name in self.env.vars

    def names(self) -> list[str]:
        return sorted(self.env.vars)

    def function(self, src: str) -> "APLFunction":
        """A Python callable for a function defined by src in this session."""
        return APLFunction(src, session=self)


def evaluate(src: str, backend: str | None = None, device=None, dtype=None, compute: bool = True, **names):
    """Evaluate APL source in a fresh session and return the value of its last statement.

    Names given as keywords are bound first: `evaluate("X+.×Y", X=a, Y=b)`. With backend left
    out, torch tensors among the names choose the torch backend, on their device, and dask
    arrays the dask backend. On dask the result is computed (NumPy values), or with
    compute=False handed back as lazy dask arrays.
    """
    return Session(backend=backend, device=device, dtype=dtype).eval(src, compute, **names)


class APLFunction:
    """A dfn or derived function as a Python callable `f(omega, alpha=None)`.

    Called with tensors it computes on them with differentiable torch operations and returns
    tensors, so autograd flows through it; called with NumPy arrays or Python values it
    returns what `evaluate` returns. With no backend given, each call's arguments choose it.
    """

    def __init__(self, src: str, backend=None, device=None, dtype=None, session=None, names=None):
        self.src = src
        self._spec = (backend, device, dtype)
        self._names = names or {}
        self._sessions: dict = {}
        self._fixed = session
        if session is not None:
            self._sessions[None] = (session, self._derive(session))
        elif backend is not None or device is not None or dtype is not None:
            s = Session(backend=backend, device=device, dtype=dtype)
            self._sessions[None] = (s, self._derive(s))

    def _derive(self, session):
        if self._names:
            session.bind(**self._names)
        with using(session.settings):
            f = run_statements(self.src, session.env)
        if not isinstance(f, Function):
            raise SyntaxError_(f"{self.src!r} is not a function")
        return f

    def _session_for(self, args):
        if None in self._sessions:
            s, f = self._sessions[None]
            s._adopt(args)
            return s, f
        dev = "dask" if lazy_in(args) else one_device(args)
        key = None if dev is None else str(dev)
        if key not in self._sessions:
            s = Session() if dev is None else Session(backend="dask") if dev == "dask" else \
                Session(backend="torch", device=dev)
            self._sessions[key] = (s, self._derive(s))
        return self._sessions[key]

    def __call__(self, omega, alpha=None):
        args = [omega] if alpha is None else [alpha, omega]
        s, f = self._session_for(args)
        with using(s.settings):
            w = s._from_user(omega)
            a = None if alpha is None else s._from_user(alpha)
            try:
                r = f.monad(w) if a is None else f.dyad(a, w)
            except APLError:
                raise
            except RecursionError:
                raise WSFull("recursion too deep") from None
            except Exception as e:
                err = library_error(e)
                if err is None:
                    raise
                raise err from None
            return to_user(r, s.settings.backend, compute=False)  # dask arrays stay lazy

    def __repr__(self):
        return f"<APL function {self.src}>"


def function(src: str, backend: str | None = None, device=None, dtype=None, **names) -> APLFunction:
    """A Python callable `f(omega, alpha=None)` for a dfn or derived function written in APL.

        norm = apl.function('{(+/,⍵×⍵)*0.5}')
        norm(x).backward()          # x a float64 tensor with requires_grad: x.grad == x÷norm x
    """
    return APLFunction(src, backend, device, dtype, names=names)
