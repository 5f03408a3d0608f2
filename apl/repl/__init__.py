"""The interactive session: `apl` with no arguments.

    from apl.repl import main; main()          # a session on this terminal

On a terminal it runs the prompt_toolkit editor (`app.run_terminal`); otherwise it reads and
evaluates lines as they come (`core.run_plain`). prompt_toolkit and Pygments are imported only
here, when a session starts, never by `import apl`.

Imports flow one way, from the front ends down (none of these imports the root package `apl`
or apl/cli.py, which sit on top):

    app.py (terminal editor)   ipython.py (%apl magics)     the front ends
    core.py                    Repl: run input, show results and errors
    commands.py                )system and ]user commands, given a Repl
    workspace.py  keymap.py  text.py  lexer.py              leaves: )save/)load, glyph keys,
                                                            input scanning, colours
"""
from __future__ import annotations

import sys

from .core import PROMPT, Repl, needs_more, run_plain

__all__ = ["PROMPT", "Repl", "main", "needs_more", "run_plain"]


def main(session=None, stdin=None, stdout=None) -> int:
    """Run a session on stdin/stdout until )off or end of input; return the exit status."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    repl = Repl(session)
    if _is_tty(stdin) and _is_tty(stdout):
        from .app import run_terminal

        return run_terminal(repl)
    return run_plain(repl, stdin)


def _is_tty(f) -> bool:
    try:
        return f.isatty()
    except (AttributeError, ValueError):
        return False
