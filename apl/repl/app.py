"""The interactive session on a terminal: prompt_toolkit line editor, Pygments colours.

- input indented six spaces, results flush left (see `core.Repl`);
- the Dyalog prefix key (` then a key) for glyphs, Tab completion of glyph names and names;
- colours as you type, matching brackets, an unclosed { continues on the next line, and so does
  a ∇ definition until its closing ∇ (lines numbered [n]; ∇name opens an existing one to edit);
- history in $XDG_DATA_HOME/apl/history (or $APL_HISTORY), Ctrl-R searches it;
- Ctrl-C at the prompt clears the line, during evaluation it interrupts; Ctrl-D leaves.
Evaluation runs in the main thread after the prompt returns, so Ctrl-C raises
KeyboardInterrupt in the evaluator and the loop reports INTERRUPT.
The top of apl/repl beside ipython.py: only `apl.repl.main` imports it, on a terminal; it
imports prompt_toolkit and the Pygments lexer (lexer.py) inside the functions that need them.
"""
from __future__ import annotations

import os
import re

from ..runtime.env import role_of
from ..runtime.tradfn import definition_of
from .commands import SYSTEM, USER
from .core import PROMPT, Repl, banner
from .keymap import glyph_names, prefix_key_bindings
from .text import context_at_end, needs_more

SYSTEM_NAMES = ["⎕IO", "⎕CT", "⎕PP", "⎕PW", "⎕RL", "⎕ML", "⎕A", "⎕D", "⎕TS", "⎕AI", "⎕EN", "⎕DM",
                "⎕UCS", "⎕DL", "⎕SIGNAL", "⎕DT", "⎕FX", "⎕CR", "⎕NR"]
_WORD = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*$")
_QUAD = re.compile(r"⎕[A-Za-z]*$")


def history_path() -> str:
    """$APL_HISTORY, else $XDG_DATA_HOME/apl/history (default ~/.local/share/apl/history)."""
    explicit = os.environ.get("APL_HISTORY")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "apl", "history")


def make_history(path: str | None = None):
    """A FileHistory at `path` (its folder made if need be), or an in-memory one if it cannot be."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    path = path or history_path()
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "a", encoding="utf-8"):
            pass
        return FileHistory(path)
    except OSError:
        return InMemoryHistory()


def make_completer(repl: Repl):
    from prompt_toolkit.completion import Completer, Completion, PathCompleter

    paths = PathCompleter(expanduser=True)

    class APLCompleter(Completer):
        """Glyph names (rho → ⍴), workspace names, ⎕ names, and )commands with file names."""

        def get_completions(self, document, complete_event):
            before = document.text_before_cursor
            line = before.rsplit("\n", 1)[-1]
            head = line.lstrip()
            if head[:1] in (")", "]") and "\n" not in before:
                cmd, sep, arg = head[1:].partition(" ")
                if not sep:
                    table = SYSTEM if head[0] == ")" else USER
                    for name in sorted(table):
                        if name.startswith(cmd.lower()):
                            yield Completion(name, -len(cmd), display=head[0] + name)
                    return
                if head[0] == ")" and cmd.lower() in ("load", "save", "copy"):
                    from prompt_toolkit.document import Document

                    yield from paths.get_completions(Document(arg.lstrip()), complete_event)
                    return
                if head[0] == "]":  # ]time EXPR, ]translate EXPR: complete the expression
                    line = arg
                else:
                    return
            if context_at_end(line) != "code":
                return
            m = _QUAD.search(line)
            if m:
                word = m.group()
                for name in SYSTEM_NAMES:
                    if name.lower().startswith(word.lower()):
                        yield Completion(name, -len(word), display_meta="system name")
                return
            m = _WORD.search(line)
            if not m:
                return
            word = m.group()
            meta = {"A": "variable", "F": "function", "M": "operator", "D": "operator"}
            for name in sorted(repl.session.env.vars):
                if name.startswith(word):
                    yield Completion(name, -len(word), display_meta=meta[role_of(repl.session.env.vars[name])])
            low = word.lower()
            for name, glyph in sorted(glyph_names().items()):
                if name.startswith(low):
                    yield Completion(glyph, -len(word), display=f"{glyph} {name}", display_meta="glyph")

    return APLCompleter()


def _exact_glyph(before: str, found: list):
    """The glyph completion whose name is exactly the word typed, if no workspace name competes."""
    m = _WORD.search(before)
    if not m or any(c.display_meta_text != "glyph" for c in found):
        return None
    glyph = glyph_names().get(m.group().lower())
    for c in found:
        if c.text == glyph and c.start_position == -len(m.group()):
            return c
    return None


def make_key_bindings(completer=None, repl=None):
    """The prefix key; Enter that submits only when every { is closed (and a ∇ definition is
    ended), and that opens an existing ∇ function typed as ∇name for editing; Tab that completes."""
    from prompt_toolkit.buffer import CompletionState
    from prompt_toolkit.completion import CompleteEvent, get_common_complete_suffix
    from prompt_toolkit.enums import DEFAULT_BUFFER
    from prompt_toolkit.filters import has_focus
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    kb = KeyBindings()

    @kb.add("enter", filter=has_focus(DEFAULT_BUFFER))
    def _enter(event):
        buf = event.current_buffer
        state = buf.complete_state
        if state is not None and state.current_completion is not None:
            buf.complete_state = None  # Enter takes the completion chosen in the menu
            return
        opened = open_for_editing(repl, buf.text)
        if opened is not None:
            buf.text = opened
            buf.cursor_position = len(opened)
        elif needs_more(buf.text):
            buf.insert_text("\n")
        else:
            buf.validate_and_handle()

    @kb.add("tab", filter=has_focus(DEFAULT_BUFFER))
    def _tab(event):
        # Synchronous: one candidate is put in at once (rho → ⍴); several show a menu that the
        # next Tab walks through.
        buf = event.current_buffer
        if buf.complete_state is not None:
            buf.complete_next()
            return
        if completer is None:
            return
        try:
            found = list(completer.get_completions(buf.document, CompleteEvent(completion_requested=True)))
        except Exception:  # noqa: BLE001 - a key handler must never raise
            return
        if not found:
            return
        if len({(c.text, c.start_position) for c in found}) == 1:
            buf.apply_completion(found[0])
            return
        exact = _exact_glyph(buf.document.text_before_cursor, found)
        if exact is not None:  # iota Tab gives ⍳ even though iotaunderbar (⍸) also starts so
            buf.apply_completion(exact)
            return
        common = get_common_complete_suffix(buf.document, found)
        if common:
            buf.insert_text(common)
            return
        buf.complete_state = CompletionState(original_document=buf.document, completions=found)
        buf.on_completions_changed.fire()

    @kb.add("escape", "enter", filter=has_focus(DEFAULT_BUFFER))
    def _force(event):
        event.current_buffer.validate_and_handle()  # submit even with an open {

    return merge_key_bindings([prefix_key_bindings(), kb])


_OPEN = re.compile(r"\s*∇\s*([A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)\s*")


def open_for_editing(repl, text: str) -> str | None:
    """`∇name` for a ∇ function that exists: its definition, open (no closing ∇), and a fresh
    line numbered after its last, to edit in the input buffer; None for anything else."""
    m = _OPEN.fullmatch(text)
    if repl is None or m is None:
        return None
    definition = definition_of(repl.session.env.vars.get(m.group(1)))
    if definition is None:
        return None
    return "∇" + "\n".join(definition.lines) + "\n"


def continuation(text: str, width: int, line_number: int, wrap_count: int = 0) -> str:
    """The prompt of a continued line: [n] inside a ∇ definition (its line numbers, as Dyalog's
    editor shows them; line 0 is the header), the usual indent elsewhere and on wrapped lines."""
    if not wrap_count and text.lstrip().startswith("∇"):
        return f"[{line_number}] ".rjust(width)
    return PROMPT


def make_prompt_session(repl: Repl, input=None, output=None, history=None):
    """The PromptSession of the REPL (input/output given for tests: pipe input, dummy output)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
    from prompt_toolkit.lexers import PygmentsLexer
    from prompt_toolkit.shortcuts import CompleteStyle
    from prompt_toolkit.styles import Style

    from .lexer import STYLE, APLLexer

    completer = make_completer(repl)
    session = None

    def prompt_continuation(width, line_number, wrap_count):
        text = session.default_buffer.text if session is not None else ""
        return continuation(text, width, line_number, wrap_count)

    session = PromptSession(
        message=PROMPT,
        multiline=True,
        prompt_continuation=prompt_continuation,
        lexer=PygmentsLexer(APLLexer),
        style=Style.from_dict(STYLE),
        include_default_pygments_style=False,
        input_processors=[HighlightMatchingBracketProcessor(chars="(){}[]")],
        key_bindings=make_key_bindings(completer, repl),
        completer=completer,
        complete_while_typing=False,
        complete_style=CompleteStyle.COLUMN,
        history=history if history is not None else make_history(),
        search_ignore_case=True,
        enable_open_in_editor=False,
        input=input,
        output=output,
    )
    return session


def run_terminal(repl: Repl, input=None, output=None, history=None) -> int:
    """The session loop on a terminal; returns the exit status."""
    ps = make_prompt_session(repl, input=input, output=output, history=history)
    if input is None:
        repl.interrupt_prefix = "\r"
    repl.write(banner(repl))
    while True:
        try:
            text = ps.prompt()
        except KeyboardInterrupt:
            continue  # Ctrl-C at the prompt: a fresh line
        except EOFError:
            return 0
        if not repl.execute(text):
            return 0
