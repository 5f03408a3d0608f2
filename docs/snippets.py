"""The examples on the documentation pages, as the tests and the notebook generator read them.

The convention (docs/writing-docs.md says it for writers):

- A fenced block ```` ```apl ```` is a **session**: each line indented six spaces is input, the
  lines below it up to the next input are what the session shows, flush left, as Dyalog shows
  them. An error is shown by its first line only (`RANK ERROR: argument ranks differ`); the
  line and the caret under it are left out. A dfn spanning lines goes on while a `{` is open.
  The blocks of one page run in one session, top to bottom, as a reader typing along would.
- An ```` ```apl ```` block with no indented line is APL **source** (a definition, an idiom): it
  must run without an error, except a `VALUE ERROR` for a name it leaves free (an idiom's
  argument, `A+.×B`); nothing it shows is compared.
- A ```` ```python ```` block holding `>>>` is a **doctest**, run with `torch`, `np` (NumPy) and
  `apl` imported; the blocks of one page share their names. Other Python blocks are not run.
- ```` ```ipython ```` blocks are notebook cells (`%load_ext apl`, `%%apl`, `%apl`): the
  tutorial's run in its notebook (docs/make_notebook.py, tests/docs/test_tutorial_notebook.py).
- A block that must not be checked says so on the line just above it, with a reason:
  `<!-- not checked: the output depends on the machine -->`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_NOT_CHECKED = re.compile(r"<!--\s*not checked:\s*(.+?)\s*-->\s*$")
_ERROR = re.compile(r"^[A-Z][A-Z ]*ERROR\b|^INTERRUPT$|^INTERNAL ERROR")
INDENT = "      "


@dataclass
class Block:
    lang: str
    body: str
    line: int  # of the opening fence, 1-based
    unchecked: str | None = None  # the reason, when marked "not checked"


@dataclass
class Entry:
    """One input of a session block and the lines shown below it."""

    source: str
    shown: list = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """Every fenced block of a page, in order."""
    out = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marked = _NOT_CHECKED.search(before)
        out.append(Block(m.group(1), m.group(2), line, marked.group(1) if marked else None))
    return out


def is_error(line: str) -> bool:
    return bool(_ERROR.match(line))


def session(body: str) -> list[Entry]:
    """The inputs of a session block with what each shows; [] when no line is input (source).

    A ValueError when output comes before the first input."""
    from apl.repl.text import needs_more

    lines = body.rstrip("\n").split("\n")
    if not any(line.startswith(INDENT) for line in lines):
        return []
    entries: list[Entry] = []
    open_dfn = False
    for line in lines:
        if open_dfn:
            entries[-1].source += "\n" + line.removeprefix(INDENT)
        elif line.startswith(INDENT):
            entries.append(Entry(line[len(INDENT):]))
        elif entries:
            entries[-1].shown.append(line.rstrip())
            continue
        elif line.strip():
            raise ValueError(f"output before the first input: {line!r}")
        else:
            continue
        open_dfn = needs_more(entries[-1].source)
    for e in entries:
        while e.shown and not e.shown[-1]:
            e.shown.pop()
    return entries


class Runner:
    """A session that runs inputs and returns what it shows, errors by their first line."""

    def __init__(self):
        from apl.repl.core import Repl

        self.lines: list[str] = []
        self.repl = Repl(write=self.lines.append)

    def show(self, source: str) -> list[str]:
        self.lines.clear()
        self.repl.execute(source)
        got = [line.rstrip() for line in self.lines]
        if got and is_error(got[0]):
            return got[:1]
        while got and not got[-1]:
            got.pop()
        return got

    def run_source(self, source: str) -> list[str]:
        """Run a block of source; the error it showed ([] when none, or a VALUE ERROR: a name
        the source leaves free)."""
        self.lines.clear()
        self.repl.execute(source)
        return [line for line in self.lines if is_error(line) and not line.startswith("VALUE ERROR")]


def doctest_examples(body: str) -> list[tuple[str, str]]:
    """(source, expected output) of each >>> example of a Python block."""
    import doctest

    return [(ex.source.rstrip("\n"), ex.want.rstrip("\n"))
            for ex in doctest.DocTestParser().get_examples(body)]
