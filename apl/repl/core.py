"""The session loop without the line editor: run input, show results and errors Dyalog's way.

`Repl.execute(text)` runs one input (an APL line or block, a `)` system command or a `]` user
command) and says whether to go on. Results are written flush left, errors as Dyalog shows them
(name, the line, a caret); the session survives every error, and an interrupt (Ctrl-C) during
evaluation prints INTERRUPT and keeps the workspace. `run_plain` feeds it lines from a pipe.
This is the session itself; the line editor (app.py) and the IPython magics (ipython.py) sit on
top of it, the commands (commands.py) below: they get the Repl as an argument.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from ..backends import host
from ..errors import APLError
from ..primitives.base import Function, Operator
from ..runtime.session import Session
from ..screen import session_lines
from .commands import FAILED, INTERNAL, INTERRUPTED, OFF, OK, run_command
from .text import needs_more
from .workspace import function_source

__all__ = ["PROMPT", "Repl", "needs_more", "run_plain"]

PROMPT = "      "  # Dyalog's six-space input indent


class Repl:
    """A workspace with its session state (]box, the workspace file) and how it shows things."""

    def __init__(self, session=None, write: Callable[[str], None] | None = None,
                 error_write: Callable[[str], None] | None = None):
        if session is None:
            session = Session()
        self.session = session
        self.box = False
        self.wsid: str | None = None  # the file of the last )load or )save
        self._write = write
        self._error_write = error_write
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

    def write_error(self, line: str) -> None:
        """An error's line: where errors go (standard error for a script), else with the rest."""
        (self._error_write or self.write)(line)

    def error(self, e: BaseException) -> None:
        if isinstance(e, APLError):
            text = e.report()
        elif isinstance(e, KeyboardInterrupt):
            text = self.interrupt_prefix + "INTERRUPT"
        elif isinstance(e, RecursionError):
            text = "WS FULL: recursion too deep"
        elif isinstance(e, MemoryError):
            text = "WS FULL: not enough memory"
        else:
            text = (f"INTERNAL ERROR: {type(e).__name__}: {e}\n"
                    "This is a bug in apl; please report it with the input that gave it.")
        for line in text.split("\n"):
            self.write_error(line)

    # ------------------------------------------------------------ input
    def run(self, text: str, source: str | None = None, first_line: int = 1) -> int:
        """Run one input (an APL line or block, a `)` or `]` command): OK, FAILED, INTERNAL,
        INTERRUPTED, or OFF for )off. `source` and `first_line` say where the text came from,
        for the errors' locations (a script's file and the input's first line in it)."""
        stripped = text.strip()
        if not stripped:
            return OK
        try:
            if stripped[0] in ")]" and "\n" not in stripped:
                return run_command(self, stripped)
            self.session.run(text, self.show)
            return OK
        except KeyboardInterrupt as e:
            self.error(e)
            return INTERRUPTED
        except APLError as e:
            e.source = source
            if e.statement is not None and first_line != 1:
                e.line_offset = first_line - 1
            self.error(e)
            return FAILED
        except (MemoryError, RecursionError) as e:
            self.error(e)
            return FAILED
        except Exception as e:  # noqa: BLE001 - the session survives every error
            self.error(e)
            return INTERNAL

    def execute(self, text: str) -> bool:
        """Run one input in an interactive session; False when the session should end ()off)."""
        return self.run(text) != OFF

    def run_lines(self, lines: Iterable[str], source: str | None = None, keep_going: bool = True) -> int:
        """Run lines as they come (a script, a pipe): a dfn may span lines, and `)` `]` commands
        work as in a session. Stop at the first error unless keep_going; return the exit status
        (0, or the first failure's: 1 an APL error, 3 a bug, 130 an interrupt)."""
        status = OK
        pending: list[str] = []
        first = 1
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not pending:
                first = number
            pending.append(line)
            text = "\n".join(pending)
            if needs_more(text):
                continue
            pending = []
            outcome = self.run(text, source, first)
            if outcome == OFF:
                return status
            if outcome != OK:
                status = status or outcome
                if not keep_going or outcome == INTERRUPTED:
                    return status
        if pending:
            outcome = self.run("\n".join(pending), source, first)
            if outcome not in (OK, OFF):
                status = status or outcome
        return status


def banner(repl: Repl) -> str:
    """The line a terminal session opens with: what this is, where arrays live, help, leaving."""
    version = getattr(sys.modules.get("apl"), "__version__", None)  # the package says (no import up)
    if version is None:
        import importlib.metadata  # 13 ms to import: only when the package does not say

        try:
            version = importlib.metadata.version("apltorch")
        except importlib.metadata.PackageNotFoundError:
            version = "(not installed)"
    bk = repl.session.settings.backend
    where = "NumPy" if bk.name == "numpy" else f"{bk.name} on {repl.session.device}"
    return f"apl {version} on {where} — )help for help, )off or Ctrl-D to leave"


def run_plain(repl: Repl, lines: Iterable[str]) -> int:
    """Evaluate lines as they come (a pipe into the session): errors are shown and it goes on."""
    repl.run_lines(lines, keep_going=True)
    return 0
