"""The session loop without the line editor: run input, show results and errors Dyalog's way.

`Repl.execute(text)` runs one input (an APL line or block, a `)` system command or a `]` user
command) and says whether to go on. Results are written flush left, errors as Dyalog shows them
(name, the line, a caret); the session survives every error, and an interrupt (Ctrl-C) during
evaluation prints INTERRUPT and keeps the workspace. `run_plain` feeds it lines from a pipe.
This is the session itself; the line editor (app.py) and the IPython magics (ipython.py) sit on
top of it, the commands (commands.py) below: they get the Repl as an argument.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..backends import host
from ..errors import APLError
from ..primitives.base import Function, Operator
from ..runtime.session import Session
from ..screen import session_lines
from .commands import run_command
from .text import needs_more
from .workspace import function_source

__all__ = ["PROMPT", "Repl", "needs_more", "run_plain"]

PROMPT = "      "  # Dyalog's six-space input indent


class Repl:
    """A workspace with its session state (]box, the workspace file) and how it shows things."""

    def __init__(self, session=None, write: Callable[[str], None] | None = None):
        if session is None:
            session = Session()
        self.session = session
        self.box = False
        self.wsid: str | None = None  # the file of the last )load or )save
        self._write = write
        self.interrupt_prefix = ""  # "\r" on a terminal: INTERRUPT overwrites the echoed ^C
        # ⎕← output goes through the session's display too (so ]box applies to it).
        if getattr(session, "_output", "unset") is None:
            session._output = self.show_value

    # ------------------------------------------------------------ output
    def write(self, line: str = "") -> None:
        if self._write is not None:
            self._write(line)
        else:
            print(line, flush=True)

    def lines_of(self, value) -> list[str]:
        """The display of a value: arrays as Dyalog shows them, functions by their source."""
        if isinstance(value, (Function, Operator)):
            src = function_source(value)
            if src is None:
                src = value.describe() if isinstance(value, Function) else repr(value)
            return src.split("\n")
        settings = self.session.settings
        return session_lines(host(value), settings.pp, settings.pw, self.box)

    def show_value(self, value) -> None:
        for line in self.lines_of(value):
            self.write(line)

    def show(self, value, shy) -> None:
        if shy or value is None:
            return
        self.show_value(value)

    def error(self, e: BaseException) -> None:
        if isinstance(e, APLError):
            text = str(e)
        elif isinstance(e, KeyboardInterrupt):
            text = self.interrupt_prefix + "INTERRUPT"
        elif isinstance(e, RecursionError):
            text = "WS FULL: recursion too deep"
        elif isinstance(e, MemoryError):
            text = "WS FULL: out of memory"
        else:
            text = f"INTERNAL ERROR: {type(e).__name__}: {e}"
        for line in text.split("\n"):
            self.write(line)

    # ------------------------------------------------------------ input
    def execute(self, text: str) -> bool:
        """Run one input; False when the session should end ()off)."""
        stripped = text.strip()
        if not stripped:
            return True
        try:
            if stripped[0] in ")]" and "\n" not in stripped:
                return run_command(self, stripped)
            self.session.run(text, self.show)
        except KeyboardInterrupt as e:
            self.error(e)
        except Exception as e:  # noqa: BLE001 - the session survives every error
            self.error(e)
        return True


def run_plain(repl: Repl, lines: Iterable[str]) -> int:
    """Evaluate lines as they come (a pipe, a script on stdin): no editor, dfns may span lines."""
    pending: list[str] = []
    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        pending.append(line)
        text = "\n".join(pending)
        if needs_more(text):
            continue
        pending = []
        if not repl.execute(text):
            return 0
    if pending:
        repl.execute("\n".join(pending))
    return 0
