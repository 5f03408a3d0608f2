"""Jupyter and IPython: `%load_ext apl`, then `%apl EXPR` and `%%apl` cells.

One APL workspace per IPython shell. Variables flow both ways:

- Python → APL: before running, each name the APL code mentions that the Python namespace holds
  as an array, number, string or list is copied in (unless APL has a function of that name, or
  the Python value is the one APL itself last put there);
- APL → Python: after running, every APL variable that was assigned is copied out (as
  `Session.eval` returns values: NumPy, or tensors while the session is on torch), if its
  name is a Python identifier.

`%apl EXPR` returns the value of EXPR (so `y = %apl +/⍳10` works; assignments return nothing);
`%%apl` prints each result the way the session does. APL errors are shown as Dyalog shows them,
without a Python traceback. IPython is imported only when the extension is loaded
(`apl.load_ipython_extension` imports this module then; `import apl` never does).
This is a front end beside the terminal editor (app.py): it drives a `core.Repl` and the
commands, and nothing in apl/repl imports it.
"""
from __future__ import annotations

import numbers

import numpy as np

from ..backends import is_array
from ..errors import APLError
from ..runtime.env import role_of
from ..runtime.session import Session, to_user
from .commands import run_command
from .core import Repl
from .text import mentioned_names

_MAGICS: dict[int, object] = {}  # id(shell) → its magics object


def _convertible(value) -> bool:
    """A Python value APL can take: NumPy and other arrays (torch tensors, any array-API array),
    numbers, strings, lists and tuples."""
    return (isinstance(value, (np.ndarray, np.generic, numbers.Number, str, list, tuple)) or is_array(value)
            or hasattr(value, "__array_namespace__"))


class APLError_(Exception):
    """An APL error raised through IPython: shown as Dyalog shows it, no traceback."""

    def __init__(self, err):
        super().__init__(str(err))
        self.err = err

    def _render_traceback_(self):
        return self.err.report().split("\n")


class Bridge:
    """An APL session tied to a Python namespace (the IPython user namespace)."""

    def __init__(self, namespace: dict, session=None):
        self.ns = namespace
        self.session = session if session is not None else Session()
        self.repl = Repl(self.session, write=print)  # shows results; ⎕← and ]box go through it
        self._pushed: dict[str, object] = {}  # name → the Python object APL last wrote there
        self.showing = None  # (the value %apl last returned, its lines as the session shows it)

    def python_to_apl(self, src: str) -> None:
        vars_ = self.session.env.vars
        for name in mentioned_names(src):
            if name not in self.ns:
                continue
            value = self.ns[name]
            if self._pushed.get(name, _MISSING) is value or not _convertible(value):
                continue
            if name in vars_ and role_of(vars_[name]) != "A":
                continue  # never replace an APL function by a Python value
            try:
                self.session[name] = value
            except Exception:  # noqa: BLE001, S112 - a value APL cannot hold stays in Python only
                continue

    def apl_to_python(self, before: dict) -> None:
        for name, value in self.session.env.vars.items():
            if before.get(name) is value or role_of(value) != "A" or not name.isidentifier():
                continue
            py = to_user(value, self.session.settings.backend, compute=False)  # dask arrays stay lazy
            self.ns[name] = py
            self._pushed[name] = py

    def run(self, src: str, on_result, for_display: bool = True):
        """Run src with the namespaces synchronised around it."""
        self.python_to_apl(src)
        before = dict(self.session.env.vars)
        try:
            self.session.run(src, on_result, for_display)
        except APLError as e:
            raise APLError_(e) from None
        finally:
            self.apl_to_python(before)

    def line(self, src: str):
        """%apl: the value of the last statement, or None when it was an assignment."""
        last = {"value": None, "shy": True}

        def keep(value, shy):
            last["value"], last["shy"] = value, shy

        self.run(src, keep, for_display=False)
        if last["shy"] or last["value"] is None:
            return None
        value = to_user(last["value"], self.session.settings.backend)
        # shown by IPython as the session shows it (]box too), if it is shown: see _show_as_apl
        self.showing = (value, self.repl.lines_of(last["value"]))
        return value

    def cell(self, src: str, box: bool = False) -> None:
        """%%apl: print every unassigned result as the session shows it (boxed if asked)."""
        was = self.repl.box
        self.repl.box = was or box
        try:
            self.run(src, self.repl.show)
        finally:
            self.repl.box = was

    def command(self, text: str) -> None:
        """A ]user or )system command of the session (]box on, )vars, )load FILE …)."""
        before = dict(self.session.env.vars)
        run_command(self.repl, text)
        self.apl_to_python(before)


_MISSING = object()


def _magics_class():
    from IPython.core.magic import Magics, cell_magic, line_magic, magics_class, no_var_expand

    @magics_class
    class APLMagics(Magics):
        """%apl EXPR and %%apl cells, sharing variables with the Python namespace."""

        def __init__(self, shell):
            super().__init__(shell)
            self.bridge = Bridge(shell.user_ns)
            self.undo_display = _show_as_apl(shell, self.bridge)

        @property
        def session(self):
            return self.bridge.session

        @no_var_expand
        @line_magic
        def apl(self, line):
            """Evaluate an APL expression; its value is returned (%apl x←… returns nothing)."""
            if not line.strip():
                print("usage: %apl EXPR, or a %%apl cell (glyphs: ` then a key in the apl REPL; ]keys there)")
                return None
            text = line.strip()
            if text[:1] in ")]" and text[1:2].isalpha():
                self.bridge.command(text)
                return None
            return self.bridge.line(line)

        @cell_magic("apl")
        def apl_cell(self, line, cell):
            """Run a cell of APL; each unassigned result is printed. `%%apl box` boxes nested arrays."""
            self.bridge.cell(cell, box="box" in line.split())


    return APLMagics


def _show_as_apl(shell, bridge: Bridge):
    """IPython shows the value `%apl EXPR` returns as APL's session does: a text formatter for
    the types %apl returns, which prints the value %apl just returned its APL way (once), and any
    other value as it did before."""
    formatter = shell.display_formatter.formatters["text/plain"]
    restore = []

    def install(register, key):
        previous = register(key, None)
        restore.append((register, key, previous))

        def show(obj, p, cycle):
            if bridge.showing is not None and bridge.showing[0] is obj:
                lines = bridge.showing[1]
                bridge.showing = None
                p.text("\n".join(lines))
            elif previous is not None:
                previous(obj, p, cycle)
            else:
                p.text(repr(obj))

        register(key, show)

    for kind in (np.ndarray, np.generic):
        install(formatter.for_type, kind)
    install(lambda key, f: formatter.for_type_by_name("torch", "Tensor", f), "torch.Tensor")

    def undo():
        for register, key, previous in restore:
            if previous is not None:
                register(key, previous)
            elif isinstance(key, str):
                formatter.deferred_printers.pop(("torch", "Tensor"), None)
                formatter.type_printers.pop(next((t for t in formatter.type_printers
                                                  if getattr(t, "__name__", "") == "Tensor"), None), None)
            else:
                formatter.type_printers.pop(key, None)

    return undo


def load_ipython_extension(ipython) -> None:
    """%load_ext apl: register %apl and %%apl in this shell."""
    if id(ipython) in _MAGICS:
        return
    magics = _magics_class()(ipython)
    ipython.register_magics(magics)
    _MAGICS[id(ipython)] = magics


def unload_ipython_extension(ipython) -> None:
    """%unload_ext apl: remove %apl and %%apl (the workspace is dropped)."""
    magics = _MAGICS.pop(id(ipython), None)
    if magics is None:
        return
    magics.undo_display()
    table = ipython.magics_manager.magics
    for kind in ("line", "cell"):
        table[kind].pop("apl", None)


def session_of(ipython):
    """The APL session behind %apl in this shell (None before %load_ext apl)."""
    magics = _MAGICS.get(id(ipython))
    return None if magics is None else magics.session
